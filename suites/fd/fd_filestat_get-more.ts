/**
 * fd_filestat_get, more layout cases: every filestat field (dev, ino, filetype, nlink, size,
 * atim, mtim, ctim) is written whole at this ABI's offset and width — 64 bytes with a u64 nlink
 * at 24 in preview1, 56 bytes with a u32 nlink at 20 in wasi_unstable — for a file, a directory
 * and the preopen (suites/lib/layouts.ts: a 0xaa-filled and a zeroed buffer must read the same).
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { openDir, openFile } from '../lib/fd-io.js';
import { checkEveryFieldWritten } from '../lib/layouts.js';

const QUOTE = 'Return the attributes of an open file.';
const TREE = { 'a.txt': 'hello', sub: { 'c.txt': 'in sub' } };

const fieldsCase = (name: string, description: string, fd: (f: Fixture) => string, tags: string[] = ['abi-layout']): CaseDef => ({
  name, description, tags, tree: TREE, fs_after: TREE, spec: 'docs.md#filestat', quote: QUOTE,
  body: (f) => {
    const at = fd(f);
    checkEveryFieldWritten(f, 'filestat', (buf) => f.call('fd_filestat_get', at, buf));
  },
});

export default suite('fd_filestat_get', [
  fieldsCase('every-field-written-file', 'every filestat field of a file is written whole at this ABI\'s offset and width',
    (f) => openFile(f, 'a.txt')),
  fieldsCase('every-field-written-directory', 'every filestat field of a directory fd is written whole at its offset and width',
    (f) => openDir(f, 'sub')),
  fieldsCase('every-field-written-preopen', 'every filestat field of the preopen is written whole at its offset and width',
    (f) => f.preopen(), ['abi-layout', 'sandbox']),
]);
