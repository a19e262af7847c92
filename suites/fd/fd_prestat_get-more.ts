/**
 * fd_prestat_get, more layout cases: both prestat fields (tag u8 at 0, pr_name_len u32 at 4) are
 * written whole (suites/lib/layouts.ts: a 0xaa-filled and a zeroed buffer must read the same).
 */
import { suite } from '../dsl.js';
import { checkEveryFieldWritten } from '../lib/layouts.js';
import { PRESTAT_TREE, preopenWithNameLen, preopensNamed } from '../lib/prestat.js';

const QUOTE = 'Return a description of the given preopened file descriptor.';

export default suite('fd_prestat_get', [
  {
    name: 'every-field-written', tags: ['abi-layout'], tree: PRESTAT_TREE, fs_after: PRESTAT_TREE, spec: 'docs.md#prestat', quote: QUOTE,
    description: 'tag (u8 at 0) and pr_name_len (u32 at 4) of the preopen are both written whole',
    body: (f) => {
      const pre = f.preopen();
      checkEveryFieldWritten(f, 'prestat', (buf) => f.call('fd_prestat_get', pre, buf));
    },
  },
  {
    name: 'every-field-written-long-name', tags: ['abi-layout', 'edge'], preopens: preopensNamed(`/${'n'.repeat(299)}`),
    spec: 'docs.md#prestat_dir', quote: 'The length of the directory name for use with `fd_prestat_dir_name`.',
    description: 'a 300-byte guest name: pr_name_len (300, over one byte) is written as a whole u32',
    body: (f) => {
      const pre = preopenWithNameLen(f, 300);
      checkEveryFieldWritten(f, 'prestat', (buf) => f.call('fd_prestat_get', pre, buf));
    },
  },
]);
