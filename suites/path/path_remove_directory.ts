/**
 * path_remove_directory: remove an empty directory (POSIX `unlinkat(AT_REMOVEDIR)`). The last
 * component is never followed, so a symlink to a directory is ENOTDIR. Sandbox cases aim at an
 * empty directory beside the canary (OUTSIDE_WITH_DIR), which must survive.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { right, type ErrnoName } from '../spec.js';
import {
  DIR_BASE, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, NUL_ALTS, OUTSIDE_WITH_DIR, RIGHTS_NOT_ENFORCED,
  checkGone, openDirFd, openFile, p, sorted,
} from '../lib/path.js';

const T: Tree = { 'a.txt': 'hello', empty: {}, full: { 'x.txt': 'x' }, sub: { inner: {} } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });
/** T without one top-level entry. */
const without = (name: string, tree: Tree = T): Tree => sorted(Object.fromEntries(Object.entries(tree).filter(([k]) => k !== name)));

function rmdirCall(f: Fixture, path: string, dirfd?: string): string {
  return f.call('path_remove_directory', dirfd ?? f.preopen(), ...p(f, path));
}

const ok = (name: string, description: string, tags: string[], path: string, after: Tree, tree: Tree = T, quote?: string): CaseDef => ({
  name, description, tags, tree: sorted(tree), fs_after: sorted(after), ...(quote ? { quote } : {}),
  body: (f) => { f.expectSuccess(rmdirCall(f, path)); },
});

interface ErrRow { name: string; description: string; tags: string[]; path: string; errno: ErrnoName; tree?: Tree; accept?: AltErrno[]; quote?: string }
const err = (r: ErrRow): CaseDef => ({
  name: r.name, description: r.description, tags: r.tags, tree: r.tree ?? T, fs_after: sorted(r.tree ?? T), ...(r.quote ? { quote: r.quote } : {}),
  body: (f) => { f.expectErrno(rmdirCall(f, r.path), r.errno, { accept: r.accept }); },
});
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef => ({
  ...err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', ...(r.tags ?? [])] }),
  outside: OUTSIDE_WITH_DIR,
});

const NOTEMPTY_QUOTE = 'Return errno::notempty if the directory is not empty.';

export default suite('path_remove_directory', [
  {
    name: 'removes-empty-directory', tags: ['basic'], tree: T, fs_after: without('empty'),
    description: 'an empty directory is removed; its name is gone afterwards',
    quote: 'Remove a directory.',
    body: (f) => {
      f.expectSuccess(rmdirCall(f, 'empty'));
      checkGone(f, 'stat_errno', 'empty');
    },
  },
  ok('nested-empty-directory', 'an empty directory inside a subdirectory is removed through the path', ['basic'], 'sub/inner', { ...T, sub: {} }),
  ok('trailing-slash', '"empty/" (trailing slash on a directory) removes it', ['edge'], 'empty/', without('empty')),
  ok('unicode-name', 'a directory with a non-ASCII UTF-8 name is removed by its UTF-8 bytes', ['edge', 'unicode'], 'ünï-✓', T, withT({ 'ünï-✓': {} })),
  ok('symlink-in-middle-followed', 'a symlink in a middle component is followed (lnsub/inner, lnsub -> sub)', ['symlinks'], 'lnsub/inner',
    { ...T, lnsub: { symlink: 'sub' }, sub: {} }, withT({ lnsub: { symlink: 'sub' } })),
  {
    name: 'relative-to-subdirectory-fd', tags: ['basic'], tree: T, fs_after: sorted({ ...T, sub: {} }), spec: 'docs.md#path_remove_directory.path',
    description: 'the path is resolved from the fd given, here an opened subdirectory',
    body: (f) => { f.expectSuccess(rmdirCall(f, 'inner', openDirFd(f, 'sub'))); },
  },
  {
    name: 'needs-path-remove-directory-right', tags: ['rights', 'errors'], tree: T, fs_after: sorted(T), spec: 'docs.md#rights.path_remove_directory',
    description: 'through a directory fd without path_remove_directory the call fails with ENOTCAPABLE',
    quote: 'The right to invoke path_remove_directory.',
    body: (f) => {
      const sub = openDirFd(f, 'sub', { rights: DIR_BASE & ~right('path_remove_directory') });
      f.expectErrno(rmdirCall(f, 'inner', sub), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, sorted({ ...T, sub: {} }));
    },
  },
  err({ name: 'not-empty', tags: ['errors'], path: 'full', errno: 'notempty', quote: NOTEMPTY_QUOTE, description: 'a directory holding a file fails with ENOTEMPTY and keeps it' }),
  err({ name: 'holding-only-a-subdirectory', tags: ['errors'], path: 'sub', errno: 'notempty', quote: NOTEMPTY_QUOTE, description: 'a directory holding only an empty subdirectory is not empty' }),
  err({ name: 'holding-only-a-symlink', tags: ['errors', 'symlinks'], tree: withT({ lndir: { ln: { symlink: 'nope' } } }), path: 'lndir', errno: 'notempty', quote: NOTEMPTY_QUOTE,
    description: 'a directory holding only a dangling symlink is not empty' }),
  err({ name: 'holding-only-a-dotfile', tags: ['errors', 'edge'], tree: withT({ hid: { '.hidden': '' } }), path: 'hid', errno: 'notempty', quote: NOTEMPTY_QUOTE,
    description: 'a directory holding only ".hidden" is not empty' }),
  err({ name: 'regular-file', tags: ['errors'], path: 'a.txt', errno: 'notdir', description: 'a regular file is not a directory: ENOTDIR, the file stays' }),
  err({ name: 'symlink-to-directory', tags: ['errors', 'symlinks'], tree: withT({ lnempty: { symlink: 'empty' } }), path: 'lnempty', errno: 'notdir',
    description: 'a symlink to an empty directory is not followed: ENOTDIR, both stay' }),
  err({ name: 'dangling-symlink', tags: ['errors', 'symlinks'], tree: withT({ dang: { symlink: 'nope' } }), path: 'dang', errno: 'notdir',
    description: 'a dangling symlink is not a directory: ENOTDIR' }),
  err({ name: 'missing', tags: ['errors'], path: 'nope', errno: 'noent', description: 'a name that does not exist fails with ENOENT' }),
  err({ name: 'missing-parent', tags: ['errors'], path: 'nope/empty', errno: 'noent', description: 'a missing intermediate directory fails with ENOENT' }),
  err({ name: 'file-as-directory-component', tags: ['errors'], path: 'a.txt/x', errno: 'notdir', description: 'a regular file used as a directory component fails with ENOTDIR' }),
  {
    // relative to an opened empty directory, so "." is the only fault (not also a non-empty directory)
    name: 'dot', tags: ['errors', 'edge'], tree: T, fs_after: sorted(T),
    description: '"." of an empty directory fd cannot be removed: EINVAL (POSIX rmdir of a final ".")',
    body: (f) => {
      f.expectErrno(rmdirCall(f, '.', openDirFd(f, 'empty')), 'inval', { accept: [{ errno: 'busy', behaviour: 'EBUSY: the directory is in use as the fd' }] });
    },
  },
  err({ name: 'trailing-dot-component', tags: ['errors', 'edge'], path: 'empty/.', errno: 'inval', accept: [{ errno: 'busy', behaviour: 'EBUSY for a final "." component' }],
    description: '"empty/." ends in "." : EINVAL, and "empty" is not removed' }),
  err({ name: 'empty-path', tags: ['errors', 'edge'], path: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty path fails with ENOENT' }),
  err({ name: 'nul-in-path', tags: ['errors', 'edge'], path: 'empty\0x', errno: 'inval', accept: NUL_ALTS, description: 'a NUL byte in the path fails with EINVAL, never removes "empty"' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors'], tree: T, fs_after: sorted(T),
    description: 'path_remove_directory relative to a regular-file fd fails with ENOTDIR',
    body: (f) => { f.expectErrno(rmdirCall(f, 'empty', openFile(f, 'a.txt')), 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors'], tree: T,
    description: 'a path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_remove_directory', f.preopen(), f.memEnd - 2, 8), { accept: [EFAULT] }),
  },
  // sandbox
  escape({ name: 'escape-dotdot', path: '..', description: '".." from the preopen root is refused' }),
  escape({ name: 'escape-dotdot-to-outside-dir', path: '../outside/emptydir', description: 'removing "../outside/emptydir" is refused; it stays' }),
  escape({ name: 'escape-dotdot-chain-from-subdir', path: 'sub/../../outside/emptydir', description: '"sub/../../outside/emptydir" leaves the preopen and is refused' }),
  escape({ name: 'absolute-path', path: '/sandbox/empty', description: 'an absolute path is refused, even the preopen\'s own guest name; "empty" stays' }),
  escape({ name: 'through-planted-dir-symlink', tree: withT({ outdir: { symlink: '../outside' } }), path: 'outdir/emptydir', tags: ['symlinks'],
    description: 'removing outdir/emptydir where outdir -> ../outside is refused' }),
  escape({ name: 'through-subdir-symlink', tree: withT({ sub: { inner: {}, up: { symlink: '../../outside' } } }), path: 'sub/up/emptydir', tags: ['symlinks'],
    description: 'removing sub/up/emptydir where sub/up -> ../../outside is refused' }),
  {
    ...err({ name: 'escaping-symlink-not-followed', tags: ['sandbox', 'security', 'symlinks'], tree: withT({ esc: { symlink: '../outside/emptydir' } }), path: 'esc', errno: 'notdir',
      description: 'a symlink to a directory outside is not followed: ENOTDIR, nothing outside removed' }),
    outside: OUTSIDE_WITH_DIR,
  },
  {
    name: 'subdirectory-fd-dotdot-escape', tags: ['sandbox', 'security'], tree: T, fs_after: sorted(T),
    description: '".." from an opened subdirectory fd is refused: "../empty" stays',
    body: (f) => { f.expectErrno(rmdirCall(f, '../empty', openDirFd(f, 'sub')), 'notcapable', { accept: ESCAPE }); },
  },
]);
