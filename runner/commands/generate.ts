/** `wasi-conformance generate [--check]`: case tables (suites/) → fixtures (wat/). */
import type { CommandModule } from 'yargs';
import { generate } from '../../suites/generate.js';

interface Args { check: boolean; out?: string; source?: string }

export const command: CommandModule<object, Args> = {
  command: 'generate',
  describe: 'generate wat/<abi>/<syscall>/<case>.wat + .json from the case tables in suites/',
  builder: (y) => y
    .option('check', { type: 'boolean', default: false, describe: 'write nothing; exit 1 if wat/ is stale' })
    .option('out', { type: 'string', describe: 'output folder (default: the repository wat/)' })
    .option('source', { type: 'string', describe: 'only the case tables whose path contains this (e.g. suites/fd/); removes nothing' }) as never,
  handler: async (args) => {
    const r = await generate({ outDir: args.out, check: args.check, source: args.source });
    const changed = r.written.length + r.removed.length;
    if (args.check) {
      if (changed) {
        process.stderr.write(`wat/ is stale: ${r.written.length} to write, ${r.removed.length} to remove (e.g. ${[...r.written, ...r.removed][0]}); run \`wasi-conformance generate\`\n`);
        process.exitCode = 1;
      } else process.stdout.write(`wat/ is up to date (${r.cases} cases)\n`);
      return;
    }
    process.stdout.write(`generated ${r.cases} cases: ${r.written.length} files written, ${r.removed.length} removed, ${r.unchanged} unchanged\n`);
  },
};
