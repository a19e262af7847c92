/**
 * path_link: create a hard link (POSIX `linkat`). Both names then reach one file; old_flags
 * decides whether a symlink given as the old path is linked itself or followed. Sandbox cases
 * try to hard-link files from outside in, or to create links outside, and check the canary.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { FILETYPE, LOOKUP, right, type ErrnoName } from '../spec.js';
import {
  CANARY, DIR_BASE, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, NUL_ALTS, RIGHTS_NOT_ENFORCED, TRAILING_SLASH,
  checkContent, checkFiletype, openDirFd, openFile, p, sorted, stat,
} from '../lib/path.js';
import { checkStat } from '../lib/filestat.js';

const FOLLOW = LOOKUP.symlink_follow;
const T: Tree = { 'a.txt': 'hello', sub: { 'b.txt': 'bee' } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });

interface Link { oldFd?: string; flags?: number; newFd?: string }
/** The call under test. */
function linkCall(f: Fixture, oldPath: string, newPath: string, o: Link = {}): string {
  const pre = f.preopen();
  return f.call('path_link', o.oldFd ?? pre, o.flags ?? 0, ...p(f, oldPath), o.newFd ?? pre, ...p(f, newPath));
}

/** A successful link whose result the runner checks through fs_after (and the body may check more). */
const ok = (name: string, description: string, tags: string[], tree: Tree, after: Tree, oldPath: string, newPath: string,
  more?: (f: Fixture) => void, flags = 0, quote?: string): CaseDef => ({
  name, description, tags, tree: sorted(tree), fs_after: sorted(after), ...(quote ? { quote } : {}),
  body: (f) => { f.expectSuccess(linkCall(f, oldPath, newPath, { flags })); more?.(f); },
});

interface ErrRow { name: string; description: string; tags: string[]; oldPath: string; newPath: string; errno: ErrnoName; tree?: Tree; flags?: number; accept?: AltErrno[]; spec?: string }
const err = (r: ErrRow): CaseDef => ({
  name: r.name, description: r.description, tags: r.tags, tree: r.tree ?? T, fs_after: sorted(r.tree ?? T), ...(r.spec ? { spec: r.spec } : {}),
  body: (f) => { f.expectErrno(linkCall(f, r.oldPath, r.newPath, { flags: r.flags ?? 0 }), r.errno, { accept: r.accept }); },
});
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef =>
  err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', 'links', ...(r.tags ?? [])] });

const FOLLOW_UNSUPPORTED: AltErrno = { errno: 'inval', behaviour: 'EINVAL: symlink_follow not supported by path_link (wasmtime)' };

/** Narrowed rights on the sub fd used as old or new directory. */
const rightsRow = (name: string, description: string, dropped: 'path_link_source' | 'path_link_target'): CaseDef => {
  const after: Tree = dropped === 'path_link_source' ? { 'b2.txt': 'bee' } : { sub: { 'a2.txt': 'hello', 'b.txt': 'bee' } };
  return {
    name, description, tags: ['rights', 'errors', 'links'], tree: T, fs_after: sorted(T), spec: `docs.md#rights.${dropped}`,
    quote: `The right to invoke path_link with the file descriptor as the ${dropped === 'path_link_source' ? 'source' : 'target'} directory.`,
    body: (f) => {
      const sub = openDirFd(f, 'sub', { rights: DIR_BASE & ~right(dropped) });
      const call = dropped === 'path_link_source' ? linkCall(f, 'b.txt', 'b2.txt', { oldFd: sub }) : linkCall(f, 'a.txt', 'a2.txt', { newFd: sub });
      f.expectErrno(call, 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, withT(after));
    },
  };
};

export default suite('path_link', [
  ok('link-in-same-directory', 'a hard link gives the file a second name with the same content', ['links', 'basic'], T, { ...T, 'c.txt': 'hello' }, 'a.txt', 'c.txt',
    (f) => checkContent(f, 'content', 'c.txt', 'hello'), 0, 'Create a hard link.'),
  ok('nlink-becomes-two', 'after one hard link the file\'s nlink is 2', ['links', 'abi-layout'], T, { ...T, 'c.txt': 'hello' }, 'a.txt', 'c.txt',
    (f) => checkStat(f, 'nlink', stat(f, 'a.txt'), 'nlink', 2)),
  ok('both-names-same-inode', 'both names report the same dev and ino', ['links'], T, { ...T, 'c.txt': 'hello' }, 'a.txt', 'c.txt',
    (f) => {
      const a = stat(f, 'a.txt');
      const c = stat(f, 'c.txt');
      f.checkTrue('same_ino', `(i64.eq ${f.field(a, 'filestat', 'ino')} ${f.field(c, 'filestat', 'ino')})`, 'ino equal');
      f.checkTrue('same_dev', `(i64.eq ${f.field(a, 'filestat', 'dev')} ${f.field(c, 'filestat', 'dev')})`, 'dev equal');
    }),
  ok('write-through-new-name-visible-in-old', 'a write through the new name changes the file both names share', ['links'], T,
    { 'a.txt': 'Jello', 'c.txt': 'Jello', sub: { 'b.txt': 'bee' } }, 'a.txt', 'c.txt',
    (f) => {
      const fd = openFile(f, 'c.txt');
      const { iovs } = f.ciovec('J');
      f.ok(f.call('fd_write', fd, iovs, 1, f.out32()), 'fd_write');
    }),
  ok('link-into-subdirectory', 'a hard link can be created in another directory (a.txt -> sub/a2.txt)', ['links'], T,
    { 'a.txt': 'hello', sub: { 'a2.txt': 'hello', 'b.txt': 'bee' } }, 'a.txt', 'sub/a2.txt'),
  ok('link-out-of-subdirectory', 'a file in a subdirectory can be linked into the root (sub/b.txt -> b2.txt)', ['links'], T,
    { ...T, 'b2.txt': 'bee' }, 'sub/b.txt', 'b2.txt'),
  ok('unicode-new-name', 'a new name with non-ASCII UTF-8 bytes is created as given', ['links', 'unicode'], T, { ...T, 'ünï-✓.txt': 'hello' }, 'a.txt', 'ünï-✓.txt'),
  {
    name: 'across-directory-fds', tags: ['links'], tree: T, fs_after: sorted({ 'a.txt': 'hello', sub: { 'a3.txt': 'hello', 'b.txt': 'bee' } }),
    spec: 'docs.md#path_link.new_fd', description: 'new_path is resolved from new_fd (here an opened subdirectory), old_path from old_fd',
    quote: 'The working directory at which the resolution of the new path starts.',
    body: (f) => { f.expectSuccess(linkCall(f, 'a.txt', 'a3.txt', { newFd: openDirFd(f, 'sub') })); },
  },
  {
    name: 'old-fd-is-subdirectory', tags: ['links'], tree: T, fs_after: withT({ 'b3.txt': 'bee' }),
    description: 'old_path is resolved from old_fd (an opened subdirectory)',
    body: (f) => { f.expectSuccess(linkCall(f, 'b.txt', 'b3.txt', { oldFd: openDirFd(f, 'sub') })); },
  },
  {
    name: 'survives-unlink-of-original', tags: ['links'], tree: T, fs_after: sorted({ 'c.txt': 'hello', sub: { 'b.txt': 'bee' } }),
    description: 'after unlinking the original name the file stays reachable through the link',
    body: (f) => {
      f.expectSuccess(linkCall(f, 'a.txt', 'c.txt'));
      f.ok(f.call('path_unlink_file', f.preopen(), ...p(f, 'a.txt')), 'path_unlink_file(a.txt)');
      checkContent(f, 'content', 'c.txt', 'hello');
    },
  },
  {
    name: 'nofollow-links-the-symlink-itself', tags: ['links', 'symlinks'], tree: withT({ ln: { symlink: 'a.txt' } }),
    fs_after: withT({ ln: { symlink: 'a.txt' }, ln2: { symlink: 'a.txt' } }), spec: 'docs.md#path_link.old_flags',
    description: 'without symlink_follow a symlink old_path is linked itself: the new name is a symlink',
    body: (f) => {
      f.expectSuccess(linkCall(f, 'ln', 'ln2'));
      checkFiletype(f, 'filetype', 'ln2', FILETYPE.symbolic_link);
    },
  },
  {
    name: 'follow-links-the-target', tags: ['links', 'symlinks'], tree: withT({ ln: { symlink: 'a.txt' } }),
    fs_after: withT({ ln: { symlink: 'a.txt' }, ln2: 'hello' }), spec: 'docs.md#lookupflags.symlink_follow',
    description: 'with symlink_follow a symlink old_path is followed: the new name is the target file',
    quote: 'As long as the resolved path corresponds to a symbolic link, it is expanded.',
    body: (f) => {
      f.expectSuccess(linkCall(f, 'ln', 'ln2', { flags: FOLLOW }), { accept: [FOLLOW_UNSUPPORTED] });
      f.endIfAlternative(FOLLOW_UNSUPPORTED.behaviour);
      f.altFsAfter(FOLLOW_UNSUPPORTED.behaviour, withT({ ln: { symlink: 'a.txt' } }));
      checkFiletype(f, 'filetype', 'ln2', FILETYPE.regular_file);
    },
  },
  rightsRow('needs-path-link-source-right', 'an old_fd without path_link_source fails with ENOTCAPABLE', 'path_link_source'),
  rightsRow('needs-path-link-target-right', 'a new_fd without path_link_target fails with ENOTCAPABLE', 'path_link_target'),
  // errors
  err({ name: 'new-exists-as-file', tags: ['errors', 'links'], oldPath: 'a.txt', newPath: 'sub/b.txt', errno: 'exist', description: 'a new_path naming an existing file fails with EEXIST; both stay' }),
  err({ name: 'new-exists-as-directory', tags: ['errors', 'links'], oldPath: 'a.txt', newPath: 'sub', errno: 'exist', description: 'a new_path naming an existing directory fails with EEXIST' }),
  err({ name: 'new-exists-as-dangling-symlink', tags: ['errors', 'links', 'symlinks'], tree: withT({ dang: { symlink: 'nope' } }), oldPath: 'a.txt', newPath: 'dang', errno: 'exist',
    description: 'a new_path naming a dangling symlink fails with EEXIST (not followed)' }),
  err({ name: 'link-to-itself', tags: ['errors', 'links', 'edge'], oldPath: 'a.txt', newPath: 'a.txt', errno: 'exist', description: 'linking a name onto itself fails with EEXIST' }),
  err({ name: 'old-missing', tags: ['errors', 'links'], oldPath: 'nope', newPath: 'c.txt', errno: 'noent', description: 'a missing old_path fails with ENOENT and creates nothing' }),
  err({ name: 'old-is-directory', tags: ['errors', 'links'], oldPath: 'sub', newPath: 'sub2', errno: 'perm', description: 'hard-linking a directory fails with EPERM (POSIX link)' }),
  err({ name: 'new-parent-missing', tags: ['errors', 'links'], oldPath: 'a.txt', newPath: 'nope/c.txt', errno: 'noent', description: 'a new_path in a missing directory fails with ENOENT' }),
  err({ name: 'old-file-as-directory-component', tags: ['errors', 'links'], oldPath: 'a.txt/x', newPath: 'c.txt', errno: 'notdir', description: 'a regular file used as a directory in old_path fails with ENOTDIR' }),
  err({ name: 'old-trailing-slash-on-file', tags: ['errors', 'links', 'edge'], oldPath: 'a.txt/', newPath: 'c.txt', errno: 'notdir', accept: TRAILING_SLASH,
    description: '"a.txt/" as old_path (trailing slash on a file) fails with ENOTDIR' }),
  err({ name: 'new-trailing-slash', tags: ['errors', 'links', 'edge'], oldPath: 'a.txt', newPath: 'c.txt/', errno: 'noent',
    accept: [{ errno: 'notdir', behaviour: 'ENOTDIR for a trailing slash on a new non-directory name' }],
    description: '"c.txt/" as new_path asks for a directory that a link cannot be: ENOENT (Linux)' }),
  err({ name: 'empty-old-path', tags: ['errors', 'links', 'edge'], oldPath: '', newPath: 'c.txt', errno: 'noent', accept: EMPTY_PATH, description: 'an empty old_path fails with ENOENT' }),
  err({ name: 'empty-new-path', tags: ['errors', 'links', 'edge'], oldPath: 'a.txt', newPath: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty new_path fails with ENOENT' }),
  err({ name: 'nul-in-new-path', tags: ['errors', 'links', 'edge'], oldPath: 'a.txt', newPath: 'c.txt\0x', errno: 'inval', accept: NUL_ALTS,
    description: 'a NUL byte in new_path fails with EINVAL and creates no truncated "c.txt"' }),
  err({ name: 'nul-in-old-path', tags: ['errors', 'links', 'edge'], oldPath: 'a.txt\0x', newPath: 'c.txt', errno: 'inval', accept: NUL_ALTS,
    description: 'a NUL byte in old_path fails with EINVAL, never links "a.txt"' }),
  {
    name: 'old-fd-is-a-regular-file', tags: ['errors', 'links'], tree: T, fs_after: sorted(T),
    description: 'an old_fd that is a regular file fails with ENOTDIR',
    body: (f) => { f.expectErrno(linkCall(f, 'x', 'c.txt', { oldFd: openFile(f, 'a.txt') }), 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors'], tree: T,
    description: 'an old_path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_link', f.preopen(), 0, f.memEnd - 2, 8, f.preopen(), ...p(f, 'c.txt')), { accept: [EFAULT] }),
  },
  // sandbox
  escape({ name: 'new-path-dotdot-escape', oldPath: 'a.txt', newPath: '../outside/stolen.txt', description: 'a new_path "../outside/stolen.txt" is refused; nothing appears outside' }),
  escape({ name: 'old-path-dotdot-escape', oldPath: CANARY, newPath: 'stolen.txt', description: 'hard-linking "../outside/canary.txt" into the sandbox is refused' }),
  escape({ name: 'old-path-absolute', oldPath: '/etc/passwd', newPath: 'stolen.txt', description: 'hard-linking the absolute path "/etc/passwd" in is refused' }),
  escape({ name: 'new-path-absolute', oldPath: 'a.txt', newPath: '/sandbox/c.txt', description: 'an absolute new_path is refused, even the preopen\'s own guest name' }),
  escape({ name: 'old-path-through-planted-dir-symlink', tree: withT({ outdir: { symlink: '../outside' } }), oldPath: 'outdir/canary.txt', newPath: 'stolen.txt', tags: ['symlinks'],
    description: 'hard-linking outdir/canary.txt (outdir -> ../outside) into the sandbox is refused' }),
  escape({ name: 'old-path-through-subdir-symlink', tree: { 'a.txt': 'hello', sub: { up: { symlink: '../../outside' } } }, oldPath: 'sub/up/canary.txt', newPath: 'stolen.txt', tags: ['symlinks'],
    description: 'hard-linking sub/up/canary.txt (sub/up -> ../../outside) is refused' }),
  err({ name: 'old-path-escaping-symlink-followed', tags: ['sandbox', 'security', 'links', 'symlinks'], tree: withT({ esc: { symlink: CANARY } }), oldPath: 'esc', newPath: 'stolen.txt',
    flags: FOLLOW, errno: 'notcapable', accept: [...ESCAPE, FOLLOW_UNSUPPORTED],
    description: 'following a symlink to ../outside/canary.txt to hard-link the canary is refused' }),
  escape({ name: 'new-path-through-planted-dir-symlink', tree: withT({ outdir: { symlink: '../outside' } }), newPath: 'outdir/stolen.txt', oldPath: 'a.txt', tags: ['symlinks'],
    description: 'creating outdir/stolen.txt (outdir -> ../outside) is refused; nothing appears outside' }),
  escape({ name: 'new-path-through-subdir-symlink', tree: { 'a.txt': 'hello', sub: { up: { symlink: '../../outside' } } }, newPath: 'sub/up/stolen.txt', oldPath: 'a.txt', tags: ['symlinks'],
    description: 'creating sub/up/stolen.txt (sub/up -> ../../outside) is refused' }),
  err({ name: 'new-path-is-escaping-dangling-symlink', tags: ['sandbox', 'security', 'links', 'symlinks'], tree: withT({ esc: { symlink: '../outside/new.txt' } }),
    oldPath: 'a.txt', newPath: 'esc', errno: 'exist', description: 'a new_path that is a symlink pointing out fails with EEXIST; nothing appears outside' }),
  {
    name: 'old-fd-subdirectory-dotdot-escape', tags: ['sandbox', 'security', 'links'], tree: T, fs_after: sorted(T),
    description: '".." from an opened subdirectory fd used as old_fd is refused',
    body: (f) => { f.expectErrno(linkCall(f, '../a.txt', 'c.txt', { oldFd: openDirFd(f, 'sub') }), 'notcapable', { accept: ESCAPE }); },
  },
]);
