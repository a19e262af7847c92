/**
 * path_rename: rename a file or directory (POSIX `renameat`): an existing target file is
 * replaced atomically, a directory may replace only an empty directory, neither final
 * component is followed. Sandbox cases try to move files out of (or into) the preopen.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { right, type ErrnoName } from '../spec.js';
import {
  CANARY, DIR_BASE, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, NUL_ALTS, RIGHTS_NOT_ENFORCED, TRAILING_SLASH,
  checkContent, checkGone, checkRead, openDirFd, openFile, p, sorted,
} from '../lib/path.js';

const T: Tree = { 'a.txt': 'hello', 'b.txt': 'bee', dir: { 'x.txt': 'x' }, empty: {}, full: { 'y.txt': 'y' } };
/** T with entries added, replaced or (null) removed, sorted: an fs_after tree. */
function after(changes: Record<string, Tree[string] | null>, base: Tree = T): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(changes)) { if (v === null) delete out[k]; else out[k] = v; }
  return sorted(out);
}

interface Rename { fd?: string; newFd?: string }
function renameCall(f: Fixture, oldPath: string, newPath: string, o: Rename = {}): string {
  const pre = f.preopen();
  return f.call('path_rename', o.fd ?? pre, ...p(f, oldPath), o.newFd ?? pre, ...p(f, newPath));
}

const ok = (name: string, description: string, tags: string[], oldPath: string, newPath: string, fsAfter: Tree, tree: Tree = T,
  more?: (f: Fixture) => void, quote?: string): CaseDef => ({
  name, description, tags: ['rename', ...tags], tree: sorted(tree), fs_after: fsAfter, ...(quote ? { quote } : {}),
  body: (f) => { f.expectSuccess(renameCall(f, oldPath, newPath)); more?.(f); },
});

interface ErrRow { name: string; description: string; tags: string[]; oldPath: string; newPath: string; errno: ErrnoName; tree?: Tree; accept?: AltErrno[] }
const err = (r: ErrRow): CaseDef => ({
  name: r.name, description: r.description, tags: ['rename', ...r.tags], tree: r.tree ?? T, fs_after: sorted(r.tree ?? T),
  body: (f) => { f.expectErrno(renameCall(f, r.oldPath, r.newPath), r.errno, { accept: r.accept }); },
});
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef =>
  err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', ...(r.tags ?? [])] });

const rightsRow = (name: string, description: string, dropped: 'path_rename_source' | 'path_rename_target'): CaseDef => ({
  name, description, tags: ['rights', 'errors', 'rename'], tree: T, fs_after: sorted(T), spec: `docs.md#rights.${dropped}`,
  quote: `The right to invoke path_rename with the file descriptor as the ${dropped === 'path_rename_source' ? 'source' : 'target'} directory.`,
  body: (f) => {
    const dir = openDirFd(f, 'dir', { rights: DIR_BASE & ~right(dropped) });
    const call = dropped === 'path_rename_source' ? renameCall(f, 'x.txt', 'x.txt', { fd: dir }) : renameCall(f, 'a.txt', 'a.txt', { newFd: dir });
    f.expectErrno(call, 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    f.altFsAfter(RIGHTS_NOT_ENFORCED, dropped === 'path_rename_source' ? after({ 'x.txt': 'x', dir: {} }) : after({ 'a.txt': null, dir: { 'a.txt': 'hello', 'x.txt': 'x' } }));
  },
});

export default suite('path_rename', [
  ok('rename-file', 'a file gets its new name; the old name is gone', ['basic'], 'a.txt', 'c.txt', after({ 'a.txt': null, 'c.txt': 'hello' }), T,
    (f) => { checkGone(f, 'old_errno', 'a.txt'); checkContent(f, 'content', 'c.txt', 'hello'); }, 'Rename a file or directory.'),
  ok('over-existing-file', 'renaming onto an existing file replaces it with the source', ['basic'], 'a.txt', 'b.txt', after({ 'a.txt': null, 'b.txt': 'hello' }), T,
    (f) => checkContent(f, 'content', 'b.txt', 'hello')),
  ok('rename-directory', 'a directory is renamed with its content', ['basic'], 'dir', 'dir2', after({ dir: null, dir2: { 'x.txt': 'x' } })),
  ok('directory-over-empty-directory', 'a directory may replace an empty directory', ['edge'], 'dir', 'empty', after({ dir: null, empty: { 'x.txt': 'x' } })),
  ok('into-subdirectory', 'a file moves into another directory (a.txt -> dir/a.txt)', ['basic'], 'a.txt', 'dir/a.txt', after({ 'a.txt': null, dir: { 'a.txt': 'hello', 'x.txt': 'x' } })),
  ok('out-of-subdirectory', 'a file moves out of a subdirectory (dir/x.txt -> x.txt)', ['basic'], 'dir/x.txt', 'x.txt', after({ dir: {}, 'x.txt': 'x' })),
  ok('same-name-is-a-no-op', 'renaming a file onto its own name succeeds and changes nothing', ['edge'], 'a.txt', 'a.txt', sorted(T)),
  ok('unicode-new-name', 'a new name with non-ASCII UTF-8 bytes is used as given', ['unicode'], 'a.txt', 'ünï-✓.txt', after({ 'a.txt': null, 'ünï-✓.txt': 'hello' })),
  ok('trailing-slashes-on-directories', '"dir/" -> "dir2/" (trailing slashes on directories) renames the directory', ['edge'], 'dir/', 'dir2/',
    after({ dir: null, dir2: { 'x.txt': 'x' } })),
  ok('symlink-renamed-not-target', 'renaming a symlink moves the link; its target is untouched', ['symlinks'], 'ln', 'ln2',
    after({ ln2: { symlink: 'a.txt' } }), after({ ln: { symlink: 'a.txt' } })),
  ok('over-existing-symlink', 'renaming a file onto a symlink replaces the link, not its target', ['symlinks'], 'a.txt', 'ln',
    after({ 'a.txt': null, ln: 'hello' }), after({ ln: { symlink: 'b.txt' } })),
  ok('dangling-symlink-renamed', 'a dangling symlink can be renamed (it is not followed)', ['symlinks'], 'dang', 'dang2',
    after({ dang2: { symlink: 'nope' } }), after({ dang: { symlink: 'nope' } })),
  {
    name: 'hard-links-to-same-file', tags: ['rename', 'links', 'edge'], tree: T, fs_after: after({ hl: 'hello' }),
    description: 'renaming onto another name of the same file does nothing: both names remain (POSIX)',
    body: (f) => {
      const pre = f.preopen();
      f.ok(f.call('path_link', pre, 0, ...p(f, 'a.txt'), pre, ...p(f, 'hl')), 'path_link(a.txt, hl)');
      f.expectSuccess(renameCall(f, 'a.txt', 'hl'));
    },
  },
  {
    name: 'open-fd-follows-the-file', tags: ['rename'], tree: T, fs_after: after({ 'a.txt': null, 'c.txt': 'hello' }),
    description: 'an fd opened before the rename still reads the renamed file',
    body: (f) => {
      const fd = openFile(f, 'a.txt');
      f.expectSuccess(renameCall(f, 'a.txt', 'c.txt'));
      checkRead(f, 'content', fd, 'hello');
    },
  },
  {
    name: 'across-directory-fds', tags: ['rename'], tree: T, fs_after: after({ 'a.txt': null, dir: { 'a.txt': 'hello', 'x.txt': 'x' } }), spec: 'docs.md#path_rename.new_fd',
    description: 'new_path is resolved from new_fd (an opened subdirectory), old_path from fd',
    quote: 'The working directory at which the resolution of the new path starts.',
    body: (f) => { f.expectSuccess(renameCall(f, 'a.txt', 'a.txt', { newFd: openDirFd(f, 'dir') })); },
  },
  {
    name: 'old-fd-is-subdirectory', tags: ['rename'], tree: T, fs_after: after({ dir: {}, 'x.txt': 'x' }),
    description: 'old_path is resolved from fd (an opened subdirectory)',
    body: (f) => { f.expectSuccess(renameCall(f, 'x.txt', 'x.txt', { fd: openDirFd(f, 'dir') })); },
  },
  rightsRow('needs-path-rename-source-right', 'a source fd without path_rename_source fails with ENOTCAPABLE', 'path_rename_source'),
  rightsRow('needs-path-rename-target-right', 'a target fd without path_rename_target fails with ENOTCAPABLE', 'path_rename_target'),
  // errors
  err({ name: 'file-onto-directory', tags: ['errors'], oldPath: 'a.txt', newPath: 'empty', errno: 'isdir', description: 'a file cannot replace a directory: EISDIR, both stay' }),
  err({ name: 'directory-onto-file', tags: ['errors'], oldPath: 'dir', newPath: 'a.txt', errno: 'notdir', description: 'a directory cannot replace a file: ENOTDIR, both stay' }),
  err({ name: 'directory-onto-non-empty-directory', tags: ['errors'], oldPath: 'dir', newPath: 'full', errno: 'notempty',
    accept: [{ errno: 'exist', behaviour: 'EEXIST for a non-empty target directory (allowed by POSIX)' }],
    description: 'a directory cannot replace a non-empty directory: ENOTEMPTY, both stay' }),
  err({ name: 'directory-into-itself', tags: ['errors', 'edge'], oldPath: 'dir', newPath: 'dir/inside', errno: 'inval',
    description: 'moving a directory into its own subtree fails with EINVAL' }),
  err({ name: 'old-missing', tags: ['errors'], oldPath: 'nope', newPath: 'c.txt', errno: 'noent', description: 'a missing old_path fails with ENOENT' }),
  err({ name: 'new-parent-missing', tags: ['errors'], oldPath: 'a.txt', newPath: 'nope/c.txt', errno: 'noent', description: 'a new_path in a missing directory fails with ENOENT; a.txt stays' }),
  err({ name: 'new-parent-is-file', tags: ['errors'], oldPath: 'a.txt', newPath: 'b.txt/c.txt', errno: 'notdir', description: 'a new_path through a regular file fails with ENOTDIR' }),
  err({ name: 'old-trailing-slash-on-file', tags: ['errors', 'edge'], oldPath: 'a.txt/', newPath: 'c.txt', errno: 'notdir', accept: TRAILING_SLASH,
    description: '"a.txt/" as old_path (trailing slash on a file) fails with ENOTDIR' }),
  err({ name: 'new-trailing-slash-for-file', tags: ['errors', 'edge'], oldPath: 'a.txt', newPath: 'c.txt/', errno: 'notdir', accept: TRAILING_SLASH,
    description: 'a file renamed to "c.txt/" (a directory name) fails with ENOTDIR' }),
  err({ name: 'dot-as-old-path', tags: ['errors', 'edge'], oldPath: '.', newPath: 'moved', errno: 'busy',
    accept: [{ errno: 'inval', behaviour: 'EINVAL for a final "." component (POSIX rename)' }], description: 'renaming "." fails (EBUSY, Linux) and moves nothing' }),
  err({ name: 'empty-old-path', tags: ['errors', 'edge'], oldPath: '', newPath: 'c.txt', errno: 'noent', accept: EMPTY_PATH, description: 'an empty old_path fails with ENOENT' }),
  err({ name: 'empty-new-path', tags: ['errors', 'edge'], oldPath: 'a.txt', newPath: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty new_path fails with ENOENT' }),
  err({ name: 'nul-in-new-path', tags: ['errors', 'edge'], oldPath: 'a.txt', newPath: 'c.txt\0x', errno: 'inval', accept: NUL_ALTS,
    description: 'a NUL byte in new_path fails with EINVAL; no truncated "c.txt" appears' }),
  err({ name: 'nul-in-old-path', tags: ['errors', 'edge'], oldPath: 'a.txt\0x', newPath: 'c.txt', errno: 'inval', accept: NUL_ALTS,
    description: 'a NUL byte in old_path fails with EINVAL; "a.txt" is not moved' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors', 'rename'], tree: T, fs_after: sorted(T),
    description: 'an old fd that is a regular file fails with ENOTDIR',
    body: (f) => { f.expectErrno(renameCall(f, 'x', 'c.txt', { fd: openFile(f, 'a.txt') }), 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors', 'rename'], tree: T,
    description: 'a new_path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_rename', f.preopen(), ...p(f, 'a.txt'), f.preopen(), f.memEnd - 2, 8), { accept: [EFAULT] }),
  },
  // sandbox
  escape({ name: 'move-out-with-dotdot', oldPath: 'a.txt', newPath: '../outside/a.txt', description: 'moving a.txt to "../outside/a.txt" is refused; nothing appears outside' }),
  escape({ name: 'move-over-canary', oldPath: 'a.txt', newPath: CANARY, description: 'renaming onto "../outside/canary.txt" is refused; the canary is untouched' }),
  escape({ name: 'move-canary-in', oldPath: CANARY, newPath: 'stolen.txt', description: 'moving "../outside/canary.txt" into the sandbox is refused' }),
  escape({ name: 'move-out-from-subdir-chain', oldPath: 'dir/x.txt', newPath: 'dir/../../outside/x.txt', description: '"dir/../../outside/x.txt" as new_path is refused' }),
  escape({ name: 'absolute-new-path', oldPath: 'a.txt', newPath: '/sandbox/c.txt', description: 'an absolute new_path is refused, even under the preopen\'s own guest name' }),
  escape({ name: 'absolute-old-path', oldPath: '/sandbox/a.txt', newPath: 'c.txt', description: 'an absolute old_path is refused, even under the preopen\'s own guest name' }),
  escape({ name: 'move-out-through-planted-dir-symlink', tree: after({ outdir: { symlink: '../outside' } }), oldPath: 'a.txt', newPath: 'outdir/a.txt', tags: ['symlinks'],
    description: 'moving a.txt to outdir/a.txt (outdir -> ../outside) is refused' }),
  escape({ name: 'move-in-through-planted-dir-symlink', tree: after({ outdir: { symlink: '../outside' } }), oldPath: 'outdir/canary.txt', newPath: 'stolen.txt', tags: ['symlinks'],
    description: 'moving outdir/canary.txt (outdir -> ../outside) into the sandbox is refused' }),
  escape({ name: 'move-out-through-subdir-symlink', tree: after({ dir: { up: { symlink: '../../outside' }, 'x.txt': 'x' } }), oldPath: 'a.txt', newPath: 'dir/up/a.txt', tags: ['symlinks'],
    description: 'moving a.txt to dir/up/a.txt (dir/up -> ../../outside) is refused' }),
  ok('onto-escaping-symlink-replaces-link', 'renaming onto a symlink pointing out replaces the link; the canary is untouched', ['sandbox', 'security', 'symlinks'],
    'a.txt', 'esc', after({ 'a.txt': null, esc: 'hello' }), after({ esc: { symlink: CANARY } })),
  ok('escaping-symlink-moved-as-a-link', 'an escaping symlink is renamed as a link (not followed); the canary stays', ['sandbox', 'security', 'symlinks'],
    'esc', 'esc2', after({ esc2: { symlink: CANARY } }), after({ esc: { symlink: CANARY } })),
  {
    name: 'subdirectory-fd-dotdot-escape', tags: ['rename', 'sandbox', 'security'], tree: T, fs_after: sorted(T),
    description: '".." from an opened subdirectory fd used as fd is refused',
    body: (f) => { f.expectErrno(renameCall(f, '../a.txt', 'a.txt', { fd: openDirFd(f, 'dir') }), 'notcapable', { accept: ESCAPE }); },
  },
]);
