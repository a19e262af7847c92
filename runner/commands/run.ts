/**
 * `wasi-conformance run --adapter reference,node [filters] [--expectations FILE] [--json OUT]
 * [--jsonl OUT] [--timeout MS] [--jobs N] [--bail] [--no-fail]`
 *
 * Exit status: 0 when nothing unexpected happened, 1 when a result is unexpected
 * (reports/model.ts UNEXPECTED), 2 on usage errors; `--no-fail` exits 0 after a complete run.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { UNEXPECTED } from '../../reports/model.js';
import { resolveAdapters } from '../adapters/index.js';
import { buildFixtures } from '../build.js';
import { selectedFixtures, splitList, withCache, withSelection, type SelectionArgs } from '../cli-options.js';
import { UsageError } from '../errors.js';
import { loadExpectations } from '../expectations.js';
import { displayPath } from '../fixtures.js';
import { JsonlWriter } from '../jsonl.js';
import { createProgress } from '../progress.js';
import { buildReport, writeReport } from '../report-file.js';
import { runSession } from '../session.js';
import { formatSummary } from '../summary.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

interface RunArgs extends SelectionArgs {
  adapter: string[];
  cache: string;
  expectations?: string;
  json?: string;
  jsonl?: string;
  timeout: number;
  jobs: number;
  bail: boolean;
  fail: boolean;
  trace: boolean;
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${name} must be a positive integer, got ${v}`);
  return v;
}

function outputPath(p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  const abs = resolve(p);
  try {
    mkdirSync(dirname(abs), { recursive: true });
  } catch {
    throw new UsageError(`cannot create the directory for ${p}`);
  }
  return abs;
}

export const command: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'run the fixtures on one or more adapters and report',
  builder: (y) => withCache(withSelection(y))
    .option('adapter', { type: 'string', array: true, default: ['reference'], describe: 'adapters, comma-separated: names, module paths, or `all`' })
    .option('expectations', { type: 'string', describe: 'expectations file (known results per adapter)' })
    .option('json', { type: 'string', describe: 'write report.json here' })
    .option('jsonl', { type: 'string', describe: 'stream results here, one JSON line each' })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'per-case time limit in ms (a sidecar timeout_ms overrides it)' })
    .option('jobs', { type: 'number', default: availableParallelism(), describe: 'cases run at once (worker threads)' })
    .option('bail', { type: 'boolean', default: false, describe: 'stop after the first unexpected result' })
    .option('fail', { type: 'boolean', default: true, describe: 'exit 1 on unexpected results (--no-fail: exit 0)' })
    .option('trace', { type: 'boolean', default: true, describe: 'record WASI calls of in-process adapters' }) as never,
  handler: async (argv) => {
    const timeoutMs = positiveInt('timeout', argv.timeout);
    const jobs = positiveInt('jobs', argv.jobs);
    const adapters = await resolveAdapters(splitList(argv.adapter));
    const expectations = argv.expectations ? loadExpectations(resolve(argv.expectations)) : null;
    const jsonPath = outputPath(argv.json);
    const jsonlPath = outputPath(argv.jsonl);
    const { all, selected } = selectedFixtures(argv);
    if (all.length === 0) throw new UsageError(`no fixtures under ${displayPath(resolve(argv.wat))} (run \`wasi-conformance generate\`)`);
    if (selected.length === 0 && argv.shard === undefined) throw new UsageError('no case matches the filters (see `wasi-conformance list` with the same flags)');
    const build = await buildFixtures(selected, { cacheDir: resolve(argv.cache), jobs });

    const jsonl = jsonlPath ? new JsonlWriter(jsonlPath) : null;
    const progress = createProgress(selected.length * adapters.length);
    let session;
    try {
      session = await runSession({
        fixtures: selected, adapters, wasm: build.wasm, buildErrors: build.failed, expectations,
        jobs, timeoutMs, trace: argv.trace, bail: argv.bail,
        onResult: (adapter, r) => { jsonl?.write(adapter.name, r); progress.result(adapter.name, r); },
      });
    } finally {
      progress.stop();
      jsonl?.close();
    }

    const report = buildReport(session.runs, selected);
    if (jsonPath) writeReport(jsonPath, report);
    process.stdout.write(`\n${formatSummary(session.runs)}\n`);
    if (jsonPath) process.stdout.write(`report: ${displayPath(jsonPath)}\n`);
    if (session.bailed) process.stdout.write('stopped at the first unexpected result (--bail)\n');
    const unexpected = session.runs.some((run) => run.results.some((r) => UNEXPECTED.has(r.outcome)));
    process.exitCode = unexpected && argv.fail ? 1 : 0;
  },
};
