/** `wasi-conformance build [filters]`: compile fixtures to wasm, cached by content hash. */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { buildFixtures } from '../build.js';
import { selectedFixtures, withCache, withSelection, type SelectionArgs } from '../cli-options.js';

interface BuildArgs extends SelectionArgs { cache: string; jobs: number }

export const command: CommandModule<object, BuildArgs> = {
  command: 'build',
  describe: 'compile the fixtures (WAT → wasm) into the cache; unchanged ones are not recompiled',
  builder: (y) => withCache(withSelection(y))
    .option('jobs', { type: 'number', default: availableParallelism(), describe: 'compiler threads' }) as never,
  handler: async (argv) => {
    const { selected } = selectedFixtures(argv);
    const b = await buildFixtures(selected, { cacheDir: resolve(argv.cache), jobs: argv.jobs });
    for (const [id, message] of b.failed) process.stderr.write(`${id}: ${message}\n`);
    process.stdout.write(`${selected.length} fixtures: ${b.compiled} compiled, ${b.cached} cached`
      + `${b.failed.size ? `, ${b.failed.size} failed` : ''} in ${(b.durationMs / 1000).toFixed(2)} s\n`);
    if (b.failed.size > 0) process.exitCode = 2;
  },
};
