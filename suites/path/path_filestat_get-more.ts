/**
 * path_filestat_get, more cases: every filestat field written whole at this ABI's offset and
 * width (a file, a directory, a symlink followed or not), and the attributes agree with
 * fd_filestat_get of the same file. (Undefined lookupflags bits, path lengths past memory:
 * suites/cross/path-args.ts.)
 */
import { suite, type CaseDef } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { LOOKUP } from '../spec.js';
import { checkEveryFieldWritten } from '../lib/layouts.js';
import { openFile, p, sorted } from '../lib/path.js';
import { filestat, stat64 } from '../lib/filestat.js';

const T: Tree = sorted({ 'a.txt': 'hello', sub: { 'b.txt': 'bee' }, ln: { symlink: 'a.txt' } });

const fieldsCase = (name: string, description: string, path: string, flags: number, tags: string[] = ['abi-layout']): CaseDef => ({
  name, description, tags, tree: T, fs_after: T, spec: 'docs.md#filestat',
  body: (f) => {
    const pre = f.preopen();
    checkEveryFieldWritten(f, 'filestat', (buf) => f.call('path_filestat_get', pre, flags, ...p(f, path), buf));
  },
});

export default suite('path_filestat_get', [
  fieldsCase('every-field-written-file', 'every filestat field of a file is written whole at this ABI\'s offset and width', 'a.txt', 0),
  fieldsCase('every-field-written-directory', 'every filestat field of a directory is written whole at its offset and width', 'sub', 0),
  fieldsCase('every-field-written-symlink', 'every filestat field of a symlink (not followed) is written whole at its offset', 'ln', 0,
    ['abi-layout', 'symlinks']),
  fieldsCase('every-field-written-followed-symlink', 'every filestat field of a followed symlink\'s target is written whole', 'ln',
    LOOKUP.symlink_follow, ['abi-layout', 'symlinks']),
  {
    name: 'agrees-with-fd-filestat-get', tags: ['basic'], tree: T, fs_after: T, spec: 'docs.md#path_filestat_get',
    description: 'dev, ino, filetype, nlink, size and mtim match fd_filestat_get of the same file',
    quote: 'Return the attributes of a file or directory.',
    body: (f) => {
      const byPath = f.alloc(f.abi.layouts.filestat.size, 8);
      f.expectSuccess(f.call('path_filestat_get', f.preopen(), 0, ...p(f, 'a.txt'), byPath));
      const byFd = filestat(f, openFile(f, 'a.txt'));
      for (const field of ['dev', 'ino', 'filetype', 'nlink', 'size', 'mtim']) {
        f.checkTrue(`same_${field}`, `(i64.eq ${stat64(f, byPath, field)} ${stat64(f, byFd, field)})`, `${field} equal by path and by fd`);
      }
    },
  },
]);
