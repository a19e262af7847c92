/**
 * The Stryker configuration of `npm run mutate` (stryker.config.mjs calls `strykerConfig`), built
 * from a selection that names families, files, or neither (everything in families.ts):
 *
 *   MUTATE_FAMILY=fd,path          the files of these families (families.ts)
 *   MUTATE_FILES=reference/fs/host.ts,reference/fd/*.ts   these files instead (globs allowed)
 *   MUTATE_INCREMENTAL=1           Stryker's --incremental: reuse the last results of this selection
 *   MUTATE_CONCURRENCY=N           test runner processes (default: Stryker's, = cores here)
 *   MUTATE_KEEP=1                  keep the instrumented sandbox in .stryker-tmp/ (for probe.ts)
 *   MUTATE_WAT=DIR                 judge with the fixtures in DIR (e.g. freshly generated) instead of wat/
 *
 * Stryker copies the project (minus what `ignorePatterns` leaves out) to .stryker-tmp/, instruments
 * the selected TypeScript files there, builds the copy with tsc (type checks off: instrumented code
 * does not type check), and the `wasi-suite` test runner runs the fixtures on that build.
 */
import { createHash } from 'node:crypto';
import { BUCKETS, filesOf, isBucket, type Bucket } from './families.js';
import { OPTIONS_KEY } from './settings.js';

export interface Selection {
  families: Bucket[];
  /** Explicit files or globs (relative to the package root); replace the families' files. */
  files: string[];
  incremental: boolean;
  concurrency?: number;
  /** Keep the sandbox after the run (runner/mutation/probe.ts runs single mutants in it). */
  keep: boolean;
  /** Fixture directory (absolute or relative to the package root); default wat/. */
  wat?: string;
}

export const PLUGIN_MODULE = './dist/runner/mutation/stryker-plugin.js';
export const OUT_DIR = 'reports/out/mutation';

const list = (v: string | undefined): string[] => (v ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');

/** The selection environment variables (see the module comment); throws on an unknown family. */
export function selectionFromEnv(env: Record<string, string | undefined>): Selection {
  const families = list(env.MUTATE_FAMILY);
  const bad = families.find((f) => !isBucket(f));
  if (bad) throw new Error(`MUTATE_FAMILY: unknown family "${bad}"; families: ${BUCKETS.join(', ')}`);
  const concurrency = env.MUTATE_CONCURRENCY ? Number(env.MUTATE_CONCURRENCY) : undefined;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    throw new Error(`MUTATE_CONCURRENCY must be a positive integer, got "${env.MUTATE_CONCURRENCY}"`);
  }
  return {
    families: families as Bucket[],
    files: list(env.MUTATE_FILES),
    incremental: env.MUTATE_INCREMENTAL === '1' || env.MUTATE_INCREMENTAL === 'true',
    concurrency,
    keep: env.MUTATE_KEEP === '1' || env.MUTATE_KEEP === 'true',
    ...(env.MUTATE_WAT ? { wat: env.MUTATE_WAT } : {}),
  };
}

/** A file-name-safe label of the selection: its incremental file is its own. */
export function selectionLabel(s: Selection): string {
  if (s.files.length > 0) return `files-${createHash('sha256').update(s.files.join(',')).digest('hex').slice(0, 8)}`;
  return s.families.length === 0 || s.families.length === BUCKETS.length ? 'all' : [...s.families].sort().join('+');
}

export function mutatePatterns(s: Selection): string[] {
  return s.files.length > 0 ? s.files : filesOf(s.families);
}

export function strykerConfig(s: Selection): Record<string, unknown> {
  const label = selectionLabel(s);
  return {
    $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    plugins: [PLUGIN_MODULE],
    testRunner: 'wasi-suite',
    coverageAnalysis: 'perTest',
    ignorers: ['wasi-diagnostics'],
    reporters: ['progress', 'clear-text', 'html', 'json', 'wasi-figures'],
    clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportTests: false, reportScoreTable: true },
    htmlReporter: { fileName: `${OUT_DIR}/${label}.html` },
    jsonReporter: { fileName: `${OUT_DIR}/${label}.json` },
    mutate: mutatePatterns(s),
    // The sandbox needs the sources tsc builds (tsconfig include) and schemas/ (fixture
    // validation); wat/ is there as the tests' files of Stryker's report (cases read the project's).
    ignorePatterns: ['dist', '.cache', 'docs', 'test', 'scripts', '.ci', 'reports/out', '*.md', '*.log'],
    buildCommand: 'tsc -p tsconfig.json --noCheck',
    incremental: s.incremental,
    incrementalFile: `${OUT_DIR}/incremental-${label}.json`,
    ...(s.concurrency ? { concurrency: s.concurrency } : {}),
    // Per mutant: the covering cases' dry-run time × 2 + 60 s. A mutant that loops is stopped
    // by the per-case deadline of its worker first (engine.ts); the slack is for mutants whose
    // code runs once per process, tried against the whole suite (test-runner.ts).
    timeoutMS: 60_000,
    timeoutFactor: 2,
    thresholds: { high: 85, low: 75, break: null },
    tempDirName: '.stryker-tmp',
    cleanTempDir: !s.keep,
    [OPTIONS_KEY]: s.wat ? { wat: s.wat } : {},
  };
}
