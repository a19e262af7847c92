/** `wasi-conformance list [filters] [--json]`: the cases a run with the same filters would take. */
import type { CommandModule } from 'yargs';
import { selectedFixtures, withSelection, type SelectionArgs } from '../cli-options.js';

interface ListArgs extends SelectionArgs { json: boolean }

export const command: CommandModule<object, ListArgs> = {
  command: 'list',
  describe: 'list the fixtures (with the same filters as run)',
  builder: (y) => withSelection(y).option('json', { type: 'boolean', default: false, describe: 'print a JSON array of { id, syscall, abi, tags, description }' }) as never,
  handler: (argv) => {
    const { selected } = selectedFixtures(argv);
    if (argv.json) {
      const rows = selected.map(({ sidecar: s }) => ({ id: s.id, syscall: s.syscall, abi: s.abi, tags: s.tags, description: s.description }));
      process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
      return;
    }
    const width = Math.max(0, ...selected.map((f) => f.sidecar.id.length));
    for (const { sidecar: s } of selected) process.stdout.write(`${s.id.padEnd(width)}  ${s.description}\n`);
    process.stderr.write(`${selected.length} case${selected.length === 1 ? '' : 's'}\n`);
  },
};
