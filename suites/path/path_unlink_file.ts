/**
 * path_unlink_file: remove a non-directory name (POSIX `unlinkat(fd, path, 0)`). A symlink is
 * removed itself, never its target; a directory is EISDIR (the spec says so). Sandbox cases aim
 * at the canary, which must survive.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { right, type ErrnoName } from '../spec.js';
import {
  CANARY, DIR_BASE, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, NUL_ALTS, RIGHTS_NOT_ENFORCED, TRAILING_SLASH,
  checkContent, checkGone, checkRead, openDirFd, openFile, p, sorted,
} from '../lib/path.js';

const T: Tree = { 'a.txt': 'hello', sub: { 'b.txt': 'bee' } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });
const ISDIR_QUOTE = 'Return errno::isdir if the path refers to a directory.';

function unlinkCall(f: Fixture, path: string, dirfd?: string): string {
  return f.call('path_unlink_file', dirfd ?? f.preopen(), ...p(f, path));
}

const ok = (name: string, description: string, tags: string[], path: string, fsAfter: Tree, tree: Tree = T, more?: (f: Fixture) => void, quote?: string): CaseDef => ({
  name, description, tags, tree: sorted(tree), fs_after: sorted(fsAfter), ...(quote ? { quote } : {}),
  body: (f) => { f.expectSuccess(unlinkCall(f, path)); more?.(f); },
});

interface ErrRow { name: string; description: string; tags: string[]; path: string; errno: ErrnoName; tree?: Tree; accept?: AltErrno[]; quote?: string }
const err = (r: ErrRow): CaseDef => ({
  name: r.name, description: r.description, tags: r.tags, tree: r.tree ?? T, fs_after: sorted(r.tree ?? T), ...(r.quote ? { quote: r.quote } : {}),
  body: (f) => { f.expectErrno(unlinkCall(f, r.path), r.errno, { accept: r.accept }); },
});
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef =>
  err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', ...(r.tags ?? [])] });

export default suite('path_unlink_file', [
  ok('unlinks-file', 'a file is removed; its name is gone afterwards', ['basic'], 'a.txt', { sub: { 'b.txt': 'bee' } }, T,
    (f) => checkGone(f, 'stat_errno', 'a.txt'), 'Unlink a file.'),
  ok('file-in-subdirectory', 'a file in a subdirectory is removed through the path', ['basic'], 'sub/b.txt', { 'a.txt': 'hello', sub: {} }),
  ok('symlink-removed-not-target', 'unlinking a symlink removes the link; its target stays', ['symlinks'], 'ln', T, withT({ ln: { symlink: 'a.txt' } }),
    (f) => checkContent(f, 'content', 'a.txt', 'hello')),
  ok('symlink-to-directory-removed', 'a symlink to a directory is unlinked as a link (no EISDIR); the directory stays', ['symlinks'], 'lnsub', T, withT({ lnsub: { symlink: 'sub' } })),
  ok('dangling-symlink-removed', 'a dangling symlink is unlinked', ['symlinks'], 'dang', T, withT({ dang: { symlink: 'nope' } })),
  ok('self-loop-symlink-removed', 'a self-referential symlink is unlinked without resolving it', ['symlinks', 'edge'], 'self', T, withT({ self: { symlink: 'self' } })),
  ok('symlink-in-middle-followed', 'a symlink in a middle component is followed (lnsub/b.txt, lnsub -> sub)', ['symlinks'], 'lnsub/b.txt',
    { 'a.txt': 'hello', lnsub: { symlink: 'sub' }, sub: {} }, withT({ lnsub: { symlink: 'sub' } })),
  ok('unicode-name', 'a file with a non-ASCII UTF-8 name is unlinked by its UTF-8 bytes', ['unicode'], 'ünï-✓.txt', T, withT({ 'ünï-✓.txt': 'x' })),
  ok('dotdot-that-stays-inside', '"sub/../a.txt" stays inside the preopen and removes a.txt', ['edge', 'sandbox'], 'sub/../a.txt', { sub: { 'b.txt': 'bee' } }),
  {
    name: 'open-fd-still-reads', tags: ['edge'], tree: T, fs_after: sorted({ sub: { 'b.txt': 'bee' } }),
    description: 'an fd opened before the unlink still reads the file\'s content',
    body: (f) => {
      const fd = openFile(f, 'a.txt');
      f.expectSuccess(unlinkCall(f, 'a.txt'));
      checkRead(f, 'content', fd, 'hello');
    },
  },
  {
    name: 'other-hard-link-survives', tags: ['links'], tree: T, fs_after: sorted({ 'c.txt': 'hello', sub: { 'b.txt': 'bee' } }),
    description: 'unlinking one name of a hard-linked file leaves the other name with the content',
    body: (f) => {
      const pre = f.preopen();
      f.ok(f.call('path_link', pre, 0, ...p(f, 'a.txt'), pre, ...p(f, 'c.txt')), 'path_link(a.txt, c.txt)');
      f.expectSuccess(unlinkCall(f, 'a.txt'));
      checkContent(f, 'content', 'c.txt', 'hello');
    },
  },
  {
    name: 'relative-to-subdirectory-fd', tags: ['basic'], tree: T, fs_after: sorted({ 'a.txt': 'hello', sub: {} }), spec: 'docs.md#path_unlink_file.path',
    description: 'the path is resolved from the fd given, here an opened subdirectory',
    body: (f) => { f.expectSuccess(unlinkCall(f, 'b.txt', openDirFd(f, 'sub'))); },
  },
  {
    name: 'needs-path-unlink-file-right', tags: ['rights', 'errors'], tree: T, fs_after: sorted(T), spec: 'docs.md#rights.path_unlink_file',
    description: 'through a directory fd without path_unlink_file the call fails with ENOTCAPABLE',
    quote: 'The right to invoke path_unlink_file.',
    body: (f) => {
      const sub = openDirFd(f, 'sub', { rights: DIR_BASE & ~right('path_unlink_file') });
      f.expectErrno(unlinkCall(f, 'b.txt', sub), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, sorted({ 'a.txt': 'hello', sub: {} }));
    },
  },
  // errors
  err({ name: 'directory-is-eisdir', tags: ['errors'], path: 'sub', errno: 'isdir', quote: ISDIR_QUOTE, description: 'a directory fails with EISDIR and stays' }),
  err({ name: 'empty-directory-is-eisdir', tags: ['errors'], tree: withT({ empty: {} }), path: 'empty', errno: 'isdir', quote: ISDIR_QUOTE,
    description: 'an empty directory fails with EISDIR too (it is not removed)' }),
  err({ name: 'directory-with-trailing-slash', tags: ['errors', 'edge'], path: 'sub/', errno: 'isdir', quote: ISDIR_QUOTE, description: '"sub/" refers to a directory: EISDIR' }),
  err({ name: 'dot-is-eisdir', tags: ['errors', 'edge'], path: '.', errno: 'isdir', quote: ISDIR_QUOTE, description: '"." refers to a directory: EISDIR' }),
  err({ name: 'missing', tags: ['errors'], path: 'nope', errno: 'noent', description: 'a name that does not exist fails with ENOENT' }),
  err({ name: 'missing-parent', tags: ['errors'], path: 'nope/a.txt', errno: 'noent', description: 'a missing intermediate directory fails with ENOENT' }),
  err({ name: 'file-as-directory-component', tags: ['errors'], path: 'a.txt/x', errno: 'notdir', description: 'a regular file used as a directory component fails with ENOTDIR' }),
  err({ name: 'trailing-slash-on-file', tags: ['errors', 'edge'], path: 'a.txt/', errno: 'notdir', accept: TRAILING_SLASH,
    description: '"a.txt/" (trailing slash on a file) fails with ENOTDIR and keeps the file' }),
  err({ name: 'empty-path', tags: ['errors', 'edge'], path: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty path fails with ENOENT' }),
  err({ name: 'nul-in-path', tags: ['errors', 'edge'], path: 'a.txt\0.bak', errno: 'inval', accept: NUL_ALTS, description: 'a NUL byte in the path fails with EINVAL, never removes "a.txt"' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors'], tree: T, fs_after: sorted(T),
    description: 'path_unlink_file relative to a regular-file fd fails with ENOTDIR',
    body: (f) => { f.expectErrno(unlinkCall(f, 'a.txt', openFile(f, 'a.txt')), 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors'], tree: T,
    description: 'a path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_unlink_file', f.preopen(), f.memEnd - 2, 8), { accept: [EFAULT] }),
  },
  // sandbox
  escape({ name: 'escape-dotdot-to-canary', path: CANARY, description: 'unlinking "../outside/canary.txt" is refused; the canary stays' }),
  escape({ name: 'escape-dotdot-chain-from-subdir', path: 'sub/../../outside/canary.txt', description: '"sub/../../outside/canary.txt" leaves the preopen and is refused' }),
  escape({ name: 'absolute-path', path: '/sandbox/a.txt', description: 'an absolute path is refused, even the preopen\'s own guest name; a.txt stays' }),
  escape({ name: 'through-planted-dir-symlink', tree: withT({ outdir: { symlink: '../outside' } }), path: 'outdir/canary.txt', tags: ['symlinks'],
    description: 'unlinking outdir/canary.txt (outdir -> ../outside) is refused' }),
  escape({ name: 'through-subdir-symlink', tree: { 'a.txt': 'hello', sub: { up: { symlink: '../../outside' } } }, path: 'sub/up/canary.txt', tags: ['symlinks'],
    description: 'unlinking sub/up/canary.txt (sub/up -> ../../outside) is refused' }),
  escape({ name: 'through-planted-dotdot-symlink', tree: withT({ up: { symlink: '..' } }), path: 'up/outside/canary.txt', tags: ['symlinks'],
    description: 'unlinking up/outside/canary.txt (up -> "..") is refused' }),
  ok('escaping-symlink-removed-not-followed', 'unlinking a symlink to ../outside/canary.txt removes the link; the canary stays', ['sandbox', 'security', 'symlinks'],
    'esc', T, withT({ esc: { symlink: CANARY } })),
  {
    name: 'subdirectory-fd-dotdot-escape', tags: ['sandbox', 'security'], tree: T, fs_after: sorted(T),
    description: '".." from an opened subdirectory fd is refused: "../a.txt" stays',
    body: (f) => { f.expectErrno(unlinkCall(f, '../a.txt', openDirFd(f, 'sub')), 'notcapable', { accept: ESCAPE }); },
  },
]);
