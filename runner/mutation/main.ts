/**
 * `npm run mutate [-- --family fd,path] [--files GLOB,…] [--incremental] [--concurrency N]`
 *
 * Compiles the fixtures into the wasm cache once (so the test runner processes only read it),
 * then runs Stryker with stryker.config.mjs, the selection passed through MUTATE_* variables.
 * Figures: reports/out/mutation.json (and the table printed at the end); Stryker's own HTML and
 * JSON reports: reports/out/mutation/<selection>.html / .json.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Stryker } from '@stryker-mutator/core';
import { buildFixtures } from '../build.js';
import { loadFixtures } from '../fixtures.js';
import { DEFAULT_CACHE_DIR, DEFAULT_WAT_DIR, PACKAGE_ROOT } from '../paths.js';
import { BUCKETS } from './families.js';
import { selectionFromEnv } from './config.js';

const USAGE = `usage: npm run mutate -- [--family F,…] [--files GLOB,…] [--incremental] [--force] [--concurrency N] [--wat DIR]
  --family       families to mutate: ${BUCKETS.join(', ')} (default: all)
  --files        source files or globs to mutate instead (e.g. reference/fd/file.ts)
  --incremental  reuse the previous results of the same selection for unchanged code and cases
  --force        with --incremental: run every mutant again (refreshes the incremental file)
  --concurrency  test runner processes (default: one per core)
  --wat          judge with the fixtures in DIR (e.g. \`wasi-conformance generate --out DIR\`) instead of wat/`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        family: { type: 'string', multiple: true },
        files: { type: 'string', multiple: true },
        incremental: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        wat: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const env = process.env;
  if (values.family) env.MUTATE_FAMILY = values.family.join(',');
  if (values.files) env.MUTATE_FILES = values.files.join(',');
  if (values.incremental) env.MUTATE_INCREMENTAL = '1';
  if (values.concurrency) env.MUTATE_CONCURRENCY = values.concurrency;
  if (values.wat) env.MUTATE_WAT = resolve(values.wat);
  try {
    selectionFromEnv(env); // the same check stryker.config.mjs makes, as a one-line error here
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  process.chdir(PACKAGE_ROOT);
  const started = performance.now();
  const build = await buildFixtures(loadFixtures(env.MUTATE_WAT ?? DEFAULT_WAT_DIR), { cacheDir: DEFAULT_CACHE_DIR });
  if (build.failed.size > 0) process.stderr.write(`warning: ${build.failed.size} fixtures do not compile; they are left out\n`);
  const results = await new Stryker({ ...(values.force ? { force: true } : {}) }).runMutationTest();
  const minutes = (performance.now() - started) / 60_000;
  process.stdout.write(`${results.length} mutants in ${minutes.toFixed(1)} min; figures: reports/out/mutation.json\n`);
  return 0;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`mutate: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
