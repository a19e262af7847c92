/**
 * `wasi-conformance run --adapter reference,node [filters] [--expectations FILE] [--json OUT]
 * [--jsonl OUT | --resume JSONL] [--timeout MS] [--jobs N] [--bail] [--no-fail]`
 *
 * Exit status: 0 when nothing unexpected happened, 1 when a result is unexpected
 * (reports/model.ts UNEXPECTED), 2 on usage errors; `--no-fail` exits 0 after a complete run.
 * Interrupted (SIGINT/SIGTERM): the JSONL stream keeps every result so far, no report.json is
 * written, exit 128 + the signal number; `--resume` on the stream runs only what is missing.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { UNEXPECTED } from '../../reports/model.js';
import { resolveAdapters } from '../adapters/index.js';
import { buildFixtures } from '../build.js';
import { loadTestsuite } from '../testsuite/read.js';
import { onceOnly, selectedFixtures, splitList, withCache, withSelection, type SelectionArgs } from '../cli-options.js';
import { UsageError } from '../errors.js';
import { loadExpectations } from '../expectations.js';
import { displayPath } from '../fixtures.js';
import { dropPartialLine, JsonlWriter, readResultLines, type ResultLines } from '../jsonl.js';
import { createProgress, type Progress } from '../progress.js';
import { buildReport, writeReport } from '../report-file.js';
import { runSession } from '../session.js';
import { formatSummary } from '../summary.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

interface RunArgs extends SelectionArgs {
  adapter: string[];
  testsuite?: string;
  cache: string;
  expectations?: string;
  json?: string;
  jsonl?: string;
  resume?: string;
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

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);

/** An output file's absolute path, checked up front: a run must not end unable to write it. */
function outputPath(flag: string, p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  const abs = resolve(p);
  const dir = dirname(abs);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    const why = code(e) === 'EEXIST' || code(e) === 'ENOTDIR' ? 'a file is in the way' : code(e);
    throw new UsageError(`--${flag} ${p}: cannot create the directory ${displayPath(dir)} (${why})`);
  }
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new UsageError(`--${flag} ${p} is a directory; name a file`);
  const probe = join(dir, `.${basename(abs)}.${process.pid}.probe`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new UsageError(`--${flag} ${p}: cannot write in ${displayPath(dir)} (${code(e)})`);
  }
  return abs;
}

/**
 * On SIGINT/SIGTERM: every streamed line is already whole on disk (written synchronously, and a
 * signal handler runs between writes), so close the stream, say how to go on, and exit
 * 128 + the signal's number without writing a report.
 */
function exitOnInterrupt(progress: Progress, jsonl: JsonlWriter | null, jsonlPath: string | undefined): () => void {
  const handler = (signal: NodeJS.Signals) => {
    progress.stop();
    jsonl?.close();
    const how = jsonlPath ? `; results so far are in ${displayPath(jsonlPath)}, continue with --resume ${displayPath(jsonlPath)}` : '';
    process.stderr.write(`\nwasi-conformance: interrupted by ${signal}${how}\n`);
    process.exit(128 + constants.signals[signal]);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => { process.off('SIGINT', handler); process.off('SIGTERM', handler); };
}

/** The results file to resume from (must be the --jsonl file too, when both are given). */
function resumeFile(argv: RunArgs): { path: string; lines: ResultLines } | null {
  if (argv.resume === undefined) return null;
  const path = resolve(argv.resume);
  if (argv.jsonl !== undefined && resolve(argv.jsonl) !== path) {
    throw new UsageError('--resume FILE appends to FILE: drop --jsonl, or give it the same file');
  }
  return { path, lines: readResultLines(path) };
}

export const command: CommandModule<object, RunArgs> = {
  command: 'run',
  describe: 'run the fixtures on one or more adapters and report',
  builder: (y) => onceOnly(withCache(withSelection(y)), ['wat', 'cache', 'shard', 'expectations', 'json', 'jsonl', 'resume', 'timeout', 'jobs'])
    .option('adapter', { type: 'string', array: true, default: ['reference'], describe: 'adapters, comma-separated: names, module paths, or `all`' })
    .option('testsuite', { type: 'string', describe: 'run the tests of a wasi-testsuite directory (.wasm + .json specs) instead of the fixtures' })
    .option('expectations', { type: 'string', describe: 'expectations file (known results per adapter)' })
    .option('json', { type: 'string', describe: 'write report.json here' })
    .option('jsonl', { type: 'string', describe: 'stream results here, one JSON line each' })
    .option('resume', { type: 'string', describe: 'continue an interrupted run from its --jsonl file: cases already there are not run again, new results are appended' })
    .option('timeout', { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'per-case time limit in ms (a sidecar timeout_ms overrides it)' })
    .option('jobs', { type: 'number', default: availableParallelism(), describe: 'cases run at once (worker threads)' })
    .option('bail', { type: 'boolean', default: false, describe: 'stop after the first unexpected result' })
    .option('fail', { type: 'boolean', default: true, describe: 'exit 1 on unexpected results (--no-fail: exit 0)' })
    .option('trace', { type: 'boolean', default: true, describe: 'record WASI calls of in-process adapters' }) as never,
  handler: async (argv) => {
    const timeoutMs = positiveInt('timeout', argv.timeout);
    const jobs = positiveInt('jobs', argv.jobs);
    const adapters = await resolveAdapters(argv.adapter);
    const expectations = argv.expectations ? loadExpectations(resolve(argv.expectations)) : null;
    const suite = argv.testsuite === undefined ? null : await loadTestsuite(argv.testsuite);
    const { all, selected } = selectedFixtures(argv, suite?.fixtures);
    if (all.length === 0) throw new UsageError(`no fixtures under ${displayPath(resolve(argv.wat))} (run \`wasi-conformance generate\`)`);
    if (selected.length === 0 && argv.shard === undefined) throw new UsageError('no case matches the filters (see `wasi-conformance list` with the same flags)');
    // Every input checked: only now create output directories.
    const resume = resumeFile(argv);
    const jsonPath = outputPath('json', argv.json);
    const jsonlPath = resume?.path ?? outputPath('jsonl', argv.jsonl);
    const build = suite ?? await buildFixtures(selected, { cacheDir: resolve(argv.cache), jobs });
    if (suite?.stderrUnchecked) process.stdout.write(`note: ${suite.stderrUnchecked} wasi-testsuite specs expect stderr bytes; stderr is not checked\n`);

    const previous = resume?.lines.results;
    const done = adapters.reduce((n, { adapter }) => n + selected.filter((f) => previous?.get(adapter.name)?.has(f.sidecar.id)).length, 0);
    if (resume) {
      dropPartialLine(resume.path, resume.lines);
      process.stdout.write(`resuming: ${done} of ${selected.length * adapters.length} results already in ${displayPath(resume.path)}\n`);
    }
    const jsonl = jsonlPath ? new JsonlWriter(jsonlPath, resume !== null) : null;
    const progress = createProgress(selected.length * adapters.length - done);
    const stopHandling = exitOnInterrupt(progress, jsonl, jsonlPath);
    let session;
    try {
      session = await runSession({
        fixtures: selected, adapters, wasm: build.wasm, buildErrors: build.failed, expectations,
        jobs, timeoutMs, trace: argv.trace, bail: argv.bail, previous,
        onResult: (adapter, r) => { jsonl?.write(adapter.name, r); progress.result(adapter.name, r); },
      });
    } finally {
      stopHandling();
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
