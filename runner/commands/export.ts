/**
 * `wasi-conformance export --format wasi-testsuite OUT [filters]`: write the fixtures in another
 * harness's format (runner/testsuite/write.ts), compiled. OUT must not exist or be empty.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { buildFixtures } from '../build.js';
import { selectedFixtures, withCache, withSelection, type SelectionArgs } from '../cli-options.js';
import { UsageError } from '../errors.js';
import { displayPath } from '../fixtures.js';
import { exportTestsuite } from '../testsuite/write.js';

export const FORMATS = ['wasi-testsuite'] as const;

interface ExportArgs extends SelectionArgs { out: string; format: string; cache: string }

export const command: CommandModule<object, ExportArgs> = {
  command: 'export <out>',
  describe: 'write the fixtures (compiled) in another harness\'s format: wasi-testsuite (.wasm + .json specs)',
  builder: (y) => withCache(withSelection(y))
    .positional('out', { type: 'string', demandOption: true, describe: 'output directory (absent or empty)' })
    .option('format', { type: 'string', default: 'wasi-testsuite', choices: [...FORMATS], describe: 'output format' }) as never,
  handler: async (argv) => {
    const out = resolve(argv.out);
    if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
      throw new UsageError(`${displayPath(out)} exists and is not an empty directory; remove it or choose another`);
    }
    const { selected } = selectedFixtures(argv);
    if (selected.length === 0) throw new UsageError('no case matches the filters (see `wasi-conformance list` with the same flags)');
    const build = await buildFixtures(selected, { cacheDir: resolve(argv.cache) });
    const s = await exportTestsuite(selected, build.wasm, out);
    const lines = [`exported ${s.written} of ${selected.length} cases to ${displayPath(out)} (wasi-testsuite format)`];
    for (const [why, n] of s.skipped) lines.push(`  not exported: ${n} ${why}`);
    const { accept, fsAfter, outside } = s.lossy;
    if (accept + fsAfter + outside > 0) {
      lines.push(`  not expressible, dropped: accepted alternatives of ${accept} cases, fs_after of ${fsAfter}, the canary of ${outside} (only the primary exit code and stdout are exported)`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};
