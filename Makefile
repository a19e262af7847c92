# wasi-conformance — the two commands a new user runs:
#   make report   run the whole suite on the reference and node:wasi, write reports/out/
#                 (make report-all, or ADAPTERS=all: every adapter available here)
#   make test     run the project's own tests
# Both install what they need (npm ci; Debian packages for browser / C tests when missing).

CLI := node bin/wasi-conformance.js
ADAPTERS ?= reference,node

.PHONY: all install build generate wasm report report-all test test-only system-deps clean

all: build

# npm ci also runs the `prepare` script, which compiles TypeScript into dist/.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts
	touch $@

install: node_modules/.installed

build: install
	npm run build

generate: build
	$(CLI) generate

wasm: generate
	$(CLI) build

# generate only when wat/ is stale; build compiles only what changed (.cache/wasm); run prints the
# summary table; the HTML step runs once the `report` command is built.
report: build
	@$(CLI) generate --check >/dev/null 2>&1 || $(CLI) generate
	$(CLI) build
	mkdir -p reports/out
	$(CLI) run --adapter $(ADAPTERS) --json reports/out/report.json --jsonl reports/out/results.jsonl --no-fail
	@if [ -f dist/runner/commands/report.js ]; then $(CLI) report --from reports/out/report.json --out reports/out; \
	else echo "HTML report skipped: the report command is not built"; fi

# The same on every adapter available here: the npm shims, node-cli, preview2-shim, and any
# runtime preset found on PATH (README "Adapters"); the first run transpiles fixtures for
# preview2-shim with jco (cached in .cache/jco).
report-all:
	$(MAKE) report ADAPTERS=all

# Debian packages the tests use: chromium (HTML report test), clang + wasi-libc + lld (C program test).
system-deps:
	@bash scripts/system-deps.sh

test: build system-deps
	npm test

test-only:
	npm test

clean:
	rm -rf dist .cache reports/out
