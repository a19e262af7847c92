/**
 * fd_fdstat_get, more layout cases: every fdstat field (fs_filetype u8 at 0, fs_flags u16 at 2,
 * fs_rights_base u64 at 8, fs_rights_inheriting u64 at 16) is written whole, for a file, a
 * directory, the preopen and stdout (suites/lib/layouts.ts: a 0xaa-filled and a zeroed buffer
 * must read the same).
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS } from '../spec.js';
import { TREE, openDir, openFile } from '../lib/fd-io.js';
import { checkEveryFieldWritten } from '../lib/layouts.js';

const QUOTE = 'Get the attributes of a file descriptor.';

const fieldsCase = (name: string, description: string, fd: (f: Fixture) => string, tags: string[] = ['abi-layout']): CaseDef => ({
  name, description, tags, tree: TREE, fs_after: TREE, spec: 'docs.md#fdstat', quote: QUOTE,
  body: (f) => {
    const at = fd(f);
    checkEveryFieldWritten(f, 'fdstat', (buf) => f.call('fd_fdstat_get', at, buf));
  },
});

export default suite('fd_fdstat_get', [
  fieldsCase('every-field-written-file', 'every fdstat field of a file fd is written whole at its offset and width',
    (f) => openFile(f, 'data.txt')),
  fieldsCase('every-field-written-append-file', 'with fdflags::append set, fs_flags (u16 at 2) and the rest are written whole',
    (f) => openFile(f, 'data.txt', { fdflags: FDFLAGS.append }), ['abi-layout', 'append']),
  fieldsCase('every-field-written-directory', 'every fdstat field of a directory fd is written whole at its offset and width',
    (f) => openDir(f, 'dir')),
  fieldsCase('every-field-written-preopen', 'every fdstat field of the preopen is written whole at its offset and width',
    (f) => f.preopen(), ['abi-layout', 'sandbox']),
  fieldsCase('every-field-written-stdout', 'every fdstat field of stdout (fd 1) is written whole at its offset and width',
    (f) => f.i32(1), ['abi-layout', 'stdio']),
]);
