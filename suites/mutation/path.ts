/**
 * path_* rules found missing by mutation testing (npm run mutate): `.` / `..` as the last
 * component where something would be created, linked, renamed or read as a link; creating a
 * missing name written with a trailing slash; a symlink whose target ends in `/`; invalid UTF-8.
 * Errnos where the spec is silent follow POSIX and Linux (docs/CHOICES.md rows cited per case).
 */
import { suite, type CaseDef } from '../dsl.js';
import { LOOKUP, OFLAGS, rights } from '../spec.js';

const TREE = { 'f.txt': 'data', sub: {} };

/** path_open of `path` under the preopen with `oflags` (the call under test); returns the errno expression. */
function openAt(f: Parameters<CaseDef['body']>[0], path: string, oflags: number): string {
  const p = f.str(path);
  return f.call('path_open', f.preopen(), 0, p.ptr, p.len, oflags, rights('fd_read'), 0n, 0, f.out32());
}

const pathOpen: CaseDef[] = [
  {
    name: 'dot-creat-excl', tags: ['errors', 'edge'], tree: TREE, fs_after: TREE,
    description: 'path_open(".") with creat|excl fails with EEXIST: the directory exists',
    quote: 'excl: Fail if file already exists.', spec: 'docs.md#oflags.excl',
    body: (f) => { f.expectErrno(openAt(f, '.', OFLAGS.creat | OFLAGS.excl), 'exist'); },
  },
  {
    name: 'dot-creat', tags: ['errors', 'edge'], tree: TREE, fs_after: TREE,
    description: 'path_open(".") with creat fails with EISDIR (POSIX open of a directory with O_CREAT)',
    quote: 'creat: Create file if it does not exist.', spec: 'docs.md#oflags.creat',
    body: (f) => { f.expectErrno(openAt(f, '.', OFLAGS.creat), 'isdir'); },
  },
  {
    name: 'creat-missing-name-with-trailing-slash', tags: ['errors', 'edge'], tree: TREE, fs_after: TREE,
    description: 'creat of a missing "new/" fails with EISDIR and creates nothing (a file name cannot end in /)',
    quote: 'creat: Create file if it does not exist.', spec: 'docs.md#oflags.creat',
    body: (f) => { f.expectErrno(openAt(f, 'new/', OFLAGS.creat), 'isdir'); },
  },
];

const pathFilestatGet: CaseDef[] = [
  {
    name: 'symlink-target-trailing-slash-on-file', tags: ['symlinks', 'errors'],
    tree: { 'f.txt': 'data', ln: { symlink: 'f.txt/' } },
    description: 'following a symlink whose target "f.txt/" ends in a slash: ENOTDIR (f.txt is a file)',
    quote: 'symlink_follow: As long as the resolved path corresponds to a symbolic link, it is expanded.',
    spec: 'docs.md#lookupflags.symlink_follow',
    body: (f) => {
      const p = f.str('ln');
      f.expectErrno(f.call('path_filestat_get', f.preopen(), LOOKUP.symlink_follow, p.ptr, p.len, f.alloc(64, 8)), 'notdir',
        { accept: [{ errno: 'noent', behaviour: 'ENOENT for a file named with a trailing slash' }] });
    },
  },
  {
    name: 'invalid-utf8-path', tags: ['unicode', 'errors'], tree: { '\uFFFD': 'replacement character' },
    description: 'a path that is not valid UTF-8 (byte 0xff) fails with EILSEQ; it never names U+FFFD',
    quote: 'ilseq: Illegal byte sequence.', spec: 'docs.md#errno.ilseq',
    body: (f) => {
      const p = f.bytes(new Uint8Array([0xff]));
      f.expectErrno(f.call('path_filestat_get', f.preopen(), 0, p, 1, f.alloc(64, 8)), 'ilseq',
        { accept: [{ errno: 'noent', behaviour: 'UTF-8 not checked: the raw bytes name no file' }] });
    },
  },
];

/** `.` as the name to create, link or rename onto: it exists (the directory itself). */
const dotTargets: { syscall: string; cases: CaseDef[] }[] = [
  {
    syscall: 'path_readlink',
    cases: [{
      name: 'dot-is-not-a-link', tags: ['errors', 'edge'], tree: TREE,
      description: 'path_readlink(".") fails with EINVAL: the directory is not a symbolic link',
      quote: 'Read the contents of a symbolic link.',
      body: (f) => {
        const p = f.str('.');
        f.expectErrno(f.call('path_readlink', f.preopen(), p.ptr, p.len, f.alloc(16, 1), 16, f.out32()), 'inval');
      },
    }],
  },
  {
    syscall: 'path_symlink',
    cases: [{
      name: 'new-path-dot', tags: ['symlinks', 'errors', 'edge'], tree: TREE, fs_after: TREE,
      description: 'path_symlink onto "." fails with EEXIST and creates nothing',
      quote: 'Create a symbolic link. Note: This is similar to `symlinkat` in POSIX.',
      body: (f) => {
        const t = f.str('f.txt'), p = f.str('.');
        f.expectErrno(f.call('path_symlink', t.ptr, t.len, f.preopen(), p.ptr, p.len), 'exist');
      },
    }],
  },
  {
    syscall: 'path_link',
    cases: [
      {
        name: 'old-path-dot', tags: ['links', 'errors', 'edge'], tree: TREE, fs_after: TREE,
        description: 'path_link of "." (a directory) fails with EPERM, as for any directory',
        quote: 'Create a hard link. Note: This is similar to `linkat` in POSIX.',
        body: (f) => {
          const o = f.str('.'), n = f.str('d2');
          const pre = f.preopen();
          f.expectErrno(f.call('path_link', pre, 0, o.ptr, o.len, pre, n.ptr, n.len), 'perm');
        },
      },
      {
        name: 'new-path-dot', tags: ['links', 'errors', 'edge'], tree: TREE, fs_after: TREE,
        description: 'path_link onto "." fails with EEXIST: the name exists',
        quote: 'Create a hard link. Note: This is similar to `linkat` in POSIX.',
        body: (f) => {
          const o = f.str('f.txt'), n = f.str('.');
          const pre = f.preopen();
          f.expectErrno(f.call('path_link', pre, 0, o.ptr, o.len, pre, n.ptr, n.len), 'exist');
        },
      },
    ],
  },
  {
    syscall: 'path_rename',
    cases: [{
      name: 'dot-as-new-path', tags: ['rename', 'errors', 'edge'], tree: TREE, fs_after: TREE,
      description: 'path_rename onto "." fails with EBUSY (Linux; POSIX says EINVAL) and moves nothing',
      quote: 'Rename a file or directory. Note: This is similar to `renameat` in POSIX.',
      body: (f) => {
        const o = f.str('f.txt'), n = f.str('.');
        const pre = f.preopen();
        f.expectErrno(f.call('path_rename', pre, o.ptr, o.len, pre, n.ptr, n.len), 'busy',
          { accept: [
            { errno: 'inval', behaviour: 'EINVAL for a final `.` component (POSIX rename)' },
            { errno: 'notempty', behaviour: 'ENOTEMPTY: `.` taken lexically as the directory itself, which is not empty (uvwasi)' },
          ] });
      },
    }],
  },
];

export default [
  suite('path_open', pathOpen),
  suite('path_filestat_get', pathFilestatGet),
  ...dotTargets.map((t) => suite(t.syscall, t.cases)),
];
