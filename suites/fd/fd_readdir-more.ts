/**
 * fd_readdir, more layout cases: the dirent fields are written whole into a buffer that starts
 * filled with 0xaa (d_next u64 at 0 drives paging, d_ino u64 at 8, d_namlen u32 at 16, d_type u8
 * at 20), both ABIs. Order, cookie values and inode numbers are still never asserted.
 */
import { suite } from '../dsl.js';
import { openFile } from '../lib/fd-io.js';
import { filestat, stat64 } from '../lib/filestat.js';
import { D_INO_UNKNOWN, checkListing, dir, file, scanDir, type Entry } from '../lib/dirents.js';

const TREE = { 'a.txt': 'alpha', 'b.txt': 'bravo', sub: { 'inner.txt': 'x' } };
const ENTRIES: Entry[] = [file('a.txt'), file('b.txt'), dir('sub')];
const QUOTE_COOKIE = 'The location within the directory to start reading';

export default suite('fd_readdir', [
  {
    name: 'paging-in-filled-buffer', tags: ['readdir', 'abi-layout'], tree: TREE, fs_after: TREE, spec: 'docs.md#dirent', quote: QUOTE_COOKIE,
    description: 'a 40-byte buffer filled with 0xaa pages through every entry once: d_next and d_namlen written whole',
    body: (f) => checkListing(f, scanDir(f, f.preopen(), ENTRIES, { bufLen: 40, fill: 0xaa }), ENTRIES),
  },
  {
    name: 'd-type-in-filled-buffer', tags: ['readdir', 'abi-layout'], tree: TREE, fs_after: TREE, spec: 'docs.md#dirent',
    description: 'into a buffer filled with 0xaa, d_type (u8 at 20) of files and the directory is written',
    body: (f) => f.check('wrong_type', scanDir(f, f.preopen(), ENTRIES, { bufLen: 256, fill: 0xaa }).wrongType, 0, { what: 'records with the wrong d_type' }),
  },
  {
    name: 'd-ino-in-filled-buffer', tags: ['readdir', 'abi-layout'], tree: TREE, fs_after: TREE, spec: 'docs.md#dirent',
    description: 'into a buffer filled with 0xaa, d_ino (u64 at 8) is the file\'s ino as a whole (0 accepted: unknown)',
    body: (f) => {
      const scan = scanDir(f, f.preopen(), ENTRIES, { bufLen: 256, fill: 0xaa });
      const st = filestat(f, openFile(f, 'a.txt'));
      const dIno = f.let(f.u64(scan.inos), 'i64');
      const same = `(i64.eq ${dIno} ${stat64(f, st, 'ino')})`;
      f.check('d_ino', `(select (i32.const 1) (select (i32.const 2) (i32.const 0) (i64.eqz ${dIno})) ${same})`, 1, {
        what: 'd_ino equals filestat.ino (1), is 0 (2), differs (0)',
        accept: [{ value: 2, behaviour: D_INO_UNKNOWN }],
      });
    },
  },
]);
