/**
 * path_open: open or create a file or directory relative to a directory fd. Where the spec is
 * silent the primary is POSIX `openat` (what the runtimes pass through), with the alternatives of
 * docs/CHOICES.md. Sandbox cases plant symlinks that lead out and check the canary is untouched.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { FDFLAGS, FILETYPE, LOOKUP, OFLAGS, right, rights, type ErrnoName } from '../spec.js';
import {
  CANARY, DIR_BASE, DIR_INHERITING, EFAULT, ESCAPE, FILE_BASE, missingRightAlts, EMPTY_PATH, FILE_AS_DIRFD, NUL_ALTS, RIGHTS_NOT_ENFORCED, TRAILING_SLASH,
  checkContent, checkRead, openDirFd, openFile, p, sorted, stat,
} from '../lib/path.js';
import { RIGHTS_NOT_TRACKED, syncFlagUnavailable } from '../lib/fd-io.js';

const FOLLOW = LOOKUP.symlink_follow;
const { creat: CREAT, directory: DIRECTORY, excl: EXCL, trunc: TRUNC } = OFLAGS;

interface Open { dirflags?: number; oflags?: number; fdflags?: number; rights?: bigint; inheriting?: bigint; dirfd?: string }

/** The path_open call under test (a file's rights unless told otherwise). */
function openCall(f: Fixture, path: string, o: Open = {}, out = f.out32()): string {
  return f.call('path_open', o.dirfd ?? f.preopen(), o.dirflags ?? 0, ...p(f, path), o.oflags ?? 0,
    o.rights ?? FILE_BASE, o.inheriting ?? 0n, o.fdflags ?? 0, out);
}

/** path_open succeeds; returns the new fd's expression. */
function expectOpen(f: Fixture, path: string, o: Open = {}): string {
  const out = f.out32();
  f.expectSuccess(openCall(f, path, o, out));
  return f.let(f.u32(out));
}

/** Print and check an fd's filetype (fd_fdstat_get). */
function checkFdFiletype(f: Fixture, fd: string, filetype: number): void {
  const buf = f.alloc(24, 8);
  f.ok(f.call('fd_fdstat_get', fd, buf), 'fd_fdstat_get');
  f.check('filetype', f.field(buf, 'fdstat', 'fs_filetype'), filetype);
}

const T: Tree = { 'a.txt': 'hello', sub: { 'b.txt': 'bee' } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });

/** An error row: path_open from the preopen fails with `errno`; the tree stays as it was. */
interface ErrRow {
  name: string; description: string; tags: string[]; path: string; errno: ErrnoName;
  tree?: Tree; open?: Omit<Open, 'dirfd'>; accept?: AltErrno[]; spec?: string; quote?: string; outside?: Tree;
}
const err = (r: ErrRow): CaseDef => {
  const tree = r.tree ?? T;
  return {
    name: r.name, description: r.description, tags: r.tags, tree, fs_after: sorted(tree),
    ...(r.spec ? { spec: r.spec } : {}), ...(r.quote ? { quote: r.quote } : {}), ...(r.outside ? { outside: r.outside } : {}),
    body: (f) => { f.expectErrno(openCall(f, r.path, r.open), r.errno, { accept: r.accept }); },
  };
};

/** A sandbox-escape row: ENOTCAPABLE (EPERM accepted), nothing created or changed. */
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef =>
  err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', ...(r.tags ?? [])] });

/** Narrowed rights on a directory fd, then a path_open that needs the dropped right. */
const rightsRow = (name: string, description: string, spec: string, quote: string,
  dir: { rights?: bigint; inheriting?: bigint }, path: string, o: Omit<Open, 'dirfd'>, treeIfNotEnforced: Tree = T): CaseDef => ({
  name, description, spec, quote, tags: ['rights', 'errors'], tree: T, fs_after: sorted(T),
  body: (f) => {
    const sub = openDirFd(f, 'sub', dir);
    f.expectErrno(openCall(f, path, { ...o, dirfd: sub }), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    f.altFsAfter(RIGHTS_NOT_ENFORCED, sorted(treeIfNotEnforced));
  },
});

const basics: CaseDef[] = [
  {
    name: 'open-file-read-content', tags: ['basic'], tree: T,
    description: 'an existing file opens and reads its content',
    quote: 'Open a file or directory.',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'a.txt'), 'hello'); },
  },
  {
    name: 'fd-below-2-pow-31', tags: ['basic'], tree: T,
    description: 'the new fd is below 2**31 and is not one of the stdio fds',
    quote: 'The returned file descriptor is guaranteed to be less than 2**31.',
    body: (f) => {
      const fd = expectOpen(f, 'a.txt');
      f.checkTrue('fd_below_2_31', `(i32.ge_s ${fd} (i32.const 0))`, 'fd < 2**31');
      f.checkTrue('fd_not_stdio', `(i32.gt_u ${fd} (i32.const 2))`, 'fd is not 0, 1 or 2');
    },
  },
  {
    name: 'two-opens-distinct-fds', tags: ['basic'], tree: T,
    description: 'opening the same file twice gives two different fds',
    body: (f) => {
      const a = openFile(f, 'a.txt');
      const b = expectOpen(f, 'a.txt');
      f.checkTrue('distinct', `(i32.ne ${a} ${b})`, 'second fd differs from the first');
    },
  },
  {
    name: 'file-fdstat-regular-file', tags: ['basic'], tree: T,
    description: 'an opened regular file reports filetype regular_file',
    body: (f) => checkFdFiletype(f, expectOpen(f, 'a.txt'), FILETYPE.regular_file),
  },
  {
    name: 'directory-flag-opens-directory', tags: ['basic'], tree: T, spec: 'docs.md#oflags.directory',
    description: 'oflags.directory on a directory opens it (filetype directory)',
    quote: 'Fail if not a directory.',
    body: (f) => checkFdFiletype(f, expectOpen(f, 'sub', { oflags: DIRECTORY, rights: DIR_BASE }), FILETYPE.directory),
  },
  {
    name: 'directory-without-directory-flag', tags: ['basic'], tree: T,
    description: 'a directory opens without oflags.directory too (filetype directory)',
    body: (f) => checkFdFiletype(f, expectOpen(f, 'sub', { rights: DIR_BASE }), FILETYPE.directory),
  },
  {
    name: 'directory-with-file-rights-requested', tags: ['rights', 'edge'], tree: T, spec: 'docs.md#path_open.fs_rights_base',
    description: 'asking for file rights (fd_read, fd_write) on a directory still opens it',
    quote: 'The implementation is allowed to return a file descriptor with fewer rights than specified, if and only if those rights do not apply to the type of file being opened.',
    body: (f) => checkFdFiletype(f, expectOpen(f, 'sub', { oflags: DIRECTORY, rights: DIR_BASE | FILE_BASE }), FILETYPE.directory),
  },
  {
    name: 'relative-to-subdirectory-fd', tags: ['basic'], tree: T, spec: 'docs.md#path_open.path',
    description: 'the path is resolved relative to the fd given, here an opened subdirectory',
    quote: 'The relative path of the file or directory to open, relative to the path_open::fd directory.',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'b.txt', { dirfd: openDirFd(f, 'sub') }), 'bee'); },
  },
  {
    name: 'dot-opens-the-directory-itself', tags: ['edge'], tree: T,
    description: '"." names the fd\'s own directory and opens as a directory',
    body: (f) => checkFdFiletype(f, expectOpen(f, '.', { rights: DIR_BASE }), FILETYPE.directory),
  },
  {
    name: 'dotdot-that-stays-inside', tags: ['edge', 'sandbox'], tree: T, fs_after: sorted(T),
    description: '"sub/../a.txt" stays inside the preopen and opens a.txt',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'sub/../a.txt'), 'hello'); },
  },
  {
    name: 'dot-components', tags: ['edge'], tree: T,
    description: '"./sub/./b.txt": "." components are skipped',
    body: (f) => { checkRead(f, 'content', expectOpen(f, './sub/./b.txt'), 'bee'); },
  },
  {
    name: 'double-slash', tags: ['edge'], tree: T,
    description: '"sub//b.txt": repeated slashes separate one component',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'sub//b.txt'), 'bee'); },
  },
  {
    name: 'unicode-file-name', tags: ['edge', 'unicode'], tree: { 'ünï-✓.txt': 'uni' },
    description: 'a file with a non-ASCII UTF-8 name opens by its UTF-8 bytes',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'ünï-✓.txt'), 'uni'); },
  },
  {
    name: 'trailing-slash-on-directory', tags: ['edge'], tree: T,
    description: '"sub/" (trailing slash on a directory) opens the directory',
    body: (f) => checkFdFiletype(f, expectOpen(f, 'sub/', { rights: DIR_BASE }), FILETYPE.directory),
  },
];

const errors: CaseDef[] = [
  err({ name: 'missing-file', tags: ['errors'], path: 'nope.txt', errno: 'noent', description: 'opening a name that does not exist fails with ENOENT' }),
  err({ name: 'missing-parent', tags: ['errors'], path: 'nope/a.txt', errno: 'noent', description: 'a missing intermediate directory fails with ENOENT' }),
  err({ name: 'file-as-directory-component', tags: ['errors'], path: 'a.txt/x', errno: 'notdir', description: 'a regular file used as a directory component fails with ENOTDIR' }),
  err({ name: 'trailing-slash-on-file', tags: ['errors', 'edge'], path: 'a.txt/', errno: 'notdir', accept: TRAILING_SLASH, description: '"a.txt/" (trailing slash on a regular file) fails with ENOTDIR' }),
  err({ name: 'empty-path', tags: ['errors', 'edge'], path: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty path fails with ENOENT (it names nothing)' }),
  err({ name: 'nul-at-end-of-path', tags: ['errors', 'edge'], path: 'a.txt\0', errno: 'inval', accept: NUL_ALTS, description: 'a trailing NUL byte is part of the path: EINVAL, never opens "a.txt"' }),
  err({ name: 'nul-inside-path', tags: ['errors', 'edge'], path: 'a.txt\0.bak', errno: 'inval', accept: NUL_ALTS, description: 'an embedded NUL byte fails with EINVAL, never opens the name before it' }),
  err({ name: 'nul-in-created-name', tags: ['errors', 'edge'], path: 'new.txt\0evil', open: { oflags: CREAT }, errno: 'inval', accept: NUL_ALTS, description: 'creat with a NUL in the name fails and creates no truncated "new.txt"' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors'], tree: T, fs_after: sorted(T),
    description: 'path_open relative to a regular-file fd fails with ENOTDIR',
    body: (f) => { f.expectErrno(openCall(f, 'x', { dirfd: openFile(f, 'a.txt') }), 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors'], tree: T,
    description: 'a path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_open', f.preopen(), 0, f.memEnd - 2, 8, 0, FILE_BASE, 0n, 0, f.out32()), { accept: [EFAULT] }),
  },
  err({ name: 'unknown-oflags-bit', tags: ['errors'], path: 'a.txt', open: { oflags: 0x10 }, errno: 'inval', spec: 'docs.md#oflags', description: 'an oflags bit the spec does not define fails with EINVAL' }),
];

const oflags: CaseDef[] = [
  {
    name: 'creat-creates-empty-file', tags: ['basic'], tree: T, spec: 'docs.md#oflags.creat', fs_after: withT({ 'new.txt': '' }),
    description: 'oflags.creat creates a missing file, empty',
    quote: 'Create file if it does not exist.',
    body: (f) => {
      expectOpen(f, 'new.txt', { oflags: CREAT });
      const st = stat(f, 'new.txt');
      f.check('filetype', f.field(st, 'filestat', 'filetype'), FILETYPE.regular_file);
      f.check('size', f.field(st, 'filestat', 'size'), 0n);
    },
  },
  {
    name: 'creat-in-subdirectory', tags: ['basic'], tree: T, spec: 'docs.md#oflags.creat', fs_after: sorted({ 'a.txt': 'hello', sub: { 'b.txt': 'bee', 'c.txt': '' } }),
    description: 'oflags.creat with "sub/c.txt" creates the file inside sub',
    body: (f) => { expectOpen(f, 'sub/c.txt', { oflags: CREAT }); },
  },
  {
    name: 'creat-existing-keeps-content', tags: ['basic'], tree: T, spec: 'docs.md#oflags.creat', fs_after: sorted(T),
    description: 'oflags.creat on an existing file opens it without truncating',
    quote: 'Create file if it does not exist.',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'a.txt', { oflags: CREAT }), 'hello'); },
  },
  {
    name: 'creat-excl-creates-missing', tags: ['basic'], tree: T, spec: 'docs.md#oflags.excl', fs_after: withT({ 'new.txt': '' }),
    description: 'oflags.creat|excl creates a file that does not exist',
    body: (f) => { expectOpen(f, 'new.txt', { oflags: CREAT | EXCL }); },
  },
  err({ name: 'creat-excl-existing-file', tags: ['errors'], path: 'a.txt', open: { oflags: CREAT | EXCL }, errno: 'exist', spec: 'docs.md#oflags.excl',
    quote: 'Fail if file already exists.', description: 'oflags.creat|excl on an existing file fails with EEXIST and keeps it' }),
  err({ name: 'creat-excl-existing-directory', tags: ['errors'], path: 'sub', open: { oflags: CREAT | EXCL }, errno: 'exist', spec: 'docs.md#oflags.excl',
    quote: 'Fail if file already exists.', description: 'oflags.creat|excl on an existing directory fails with EEXIST' }),
  err({ name: 'creat-excl-dangling-symlink', tags: ['errors', 'symlinks'], tree: withT({ dang: { symlink: 'new.txt' } }), path: 'dang',
    open: { oflags: CREAT | EXCL, dirflags: FOLLOW }, errno: 'exist', spec: 'docs.md#oflags.excl',
    description: 'creat|excl on a dangling symlink fails with EEXIST and creates no target (POSIX)' }),
  {
    name: 'trunc-empties-existing-file', tags: ['truncate'], tree: T, spec: 'docs.md#oflags.trunc', fs_after: sorted({ 'a.txt': '', sub: { 'b.txt': 'bee' } }),
    description: 'oflags.trunc truncates an existing file to size 0',
    quote: 'Truncate file to size 0.',
    body: (f) => {
      expectOpen(f, 'a.txt', { oflags: TRUNC });
      f.check('size', f.field(stat(f, 'a.txt'), 'filestat', 'size'), 0n);
    },
  },
  {
    name: 'creat-trunc-empties-existing-file', tags: ['truncate'], tree: T, spec: 'docs.md#oflags.trunc', fs_after: sorted({ 'a.txt': '', sub: { 'b.txt': 'bee' } }),
    description: 'oflags.creat|trunc on an existing file truncates it to size 0',
    body: (f) => { expectOpen(f, 'a.txt', { oflags: CREAT | TRUNC }); },
  },
  err({ name: 'trunc-missing-file', tags: ['errors', 'truncate'], path: 'nope.txt', open: { oflags: TRUNC }, errno: 'noent', spec: 'docs.md#oflags.trunc',
    description: 'oflags.trunc without creat on a missing name fails with ENOENT' }),
  err({ name: 'creat-existing-directory', tags: ['errors'], path: 'sub', open: { oflags: CREAT }, errno: 'isdir', spec: 'docs.md#oflags.creat',
    description: 'oflags.creat (no directory flag) on an existing directory fails with EISDIR (POSIX)' }),
  err({ name: 'trunc-directory', tags: ['errors', 'truncate'], path: 'sub', open: { oflags: TRUNC }, errno: 'isdir', spec: 'docs.md#oflags.trunc',
    description: 'oflags.trunc on a directory fails with EISDIR' }),
  err({ name: 'directory-flag-on-file', tags: ['errors'], path: 'a.txt', open: { oflags: DIRECTORY }, errno: 'notdir', spec: 'docs.md#oflags.directory',
    quote: 'Fail if not a directory.', description: 'oflags.directory on a regular file fails with ENOTDIR' }),
  err({ name: 'directory-flag-on-missing', tags: ['errors'], path: 'nope', open: { oflags: DIRECTORY }, errno: 'noent', spec: 'docs.md#oflags.directory',
    description: 'oflags.directory on a missing name fails with ENOENT' }),
  err({ name: 'creat-directory-on-missing', tags: ['errors'], path: 'newdir', open: { oflags: CREAT | DIRECTORY }, errno: 'inval', spec: 'docs.md#oflags.directory',
    accept: [{ errno: 'notdir', behaviour: 'ENOTDIR for creat|directory (older Linux openat)' }],
    description: 'creat|directory on a missing name fails with EINVAL and creates nothing' }),
  err({ name: 'directory-trunc-on-directory', tags: ['errors', 'truncate'], path: 'sub', open: { oflags: DIRECTORY | TRUNC }, errno: 'isdir', spec: 'docs.md#oflags.trunc',
    accept: [{ errno: 'inval', behaviour: 'EINVAL: directory with trunc rejected as incompatible oflags (wasmtime)' }],
    description: 'directory|trunc on a directory fails with EISDIR (a directory cannot be truncated)' }),
  {
    name: 'excl-without-creat-existing', tags: ['edge'], tree: T, spec: 'docs.md#oflags.excl', fs_after: sorted(T),
    description: 'oflags.excl without creat on an existing file: excl only matters with creat',
    body: (f) => { f.expectSuccess(openCall(f, 'a.txt', { oflags: EXCL }), { accept: [{ errno: 'exist', behaviour: 'EEXIST: excl read literally, without creat' }] }); },
  },
];

const fdflags: CaseDef[] = [
  {
    name: 'append-flag-reported-by-fdstat', tags: ['append'], tree: T, spec: 'docs.md#fdflags.append',
    description: 'a file opened with fdflags.append reports append in fd_fdstat_get',
    body: (f) => {
      const fd = expectOpen(f, 'a.txt', { fdflags: FDFLAGS.append });
      const buf = f.alloc(24, 8);
      f.ok(f.call('fd_fdstat_get', fd, buf), 'fd_fdstat_get');
      f.check('append', `(i32.and ${f.field(buf, 'fdstat', 'fs_flags')} (i32.const ${FDFLAGS.append}))`, FDFLAGS.append);
    },
  },
  {
    name: 'append-writes-at-end', tags: ['append'], tree: T, spec: 'docs.md#fdflags.append', fs_after: sorted({ 'a.txt': 'hello!', sub: { 'b.txt': 'bee' } }),
    description: 'with fdflags.append a write lands at the end of the existing content',
    quote: "Append mode: Data written to the file is always appended to the file's end.",
    body: (f) => {
      const fd = expectOpen(f, 'a.txt', { fdflags: FDFLAGS.append });
      const { iovs } = f.ciovec('!');
      f.ok(f.call('fd_write', fd, iovs, 1, f.out32()), 'fd_write');
    },
  },
  {
    name: 'nonblock-flag-accepted', tags: ['basic'], tree: T, spec: 'docs.md#fdflags.nonblock',
    description: 'fdflags.nonblock on a regular file is accepted',
    body: (f) => { expectOpen(f, 'a.txt', { fdflags: FDFLAGS.nonblock }); },
  },
  ...(['dsync', 'sync', 'rsync'] as const).map((flag): CaseDef => ({
    name: `${flag}-flag-success-or-notsup`, tags: ['edge'], tree: T, spec: `docs.md#fdflags.${flag}`,
    description: `fdflags.${flag} opens the file, or fails with ENOTSUP where unavailable`,
    quote: 'This feature is not available on all platforms and therefore path_open and other such functions which accept fdflags may return errno.notsup in the case that this flag is set.',
    body: (f) => { f.expectSuccess(openCall(f, 'a.txt', { fdflags: FDFLAGS[flag] }), { accept: [syncFlagUnavailable(flag)] }); },
  })),
];

const rightsCases: CaseDef[] = [
  {
    name: 'rights-base-not-widened', tags: ['rights'], tree: T, spec: 'docs.md#path_open.fs_rights_base',
    description: 'a file opened with only fd_read does not get fd_write in its base rights',
    quote: 'The initial rights of the newly created file descriptor.',
    body: (f) => {
      const fd = expectOpen(f, 'a.txt', { rights: rights('fd_read', 'fd_seek', 'fd_tell', 'fd_filestat_get') });
      const buf = f.alloc(24, 8);
      f.ok(f.call('fd_fdstat_get', fd, buf), 'fd_fdstat_get');
      f.check('has_fd_write', `(i64.ne (i64.and ${f.field(buf, 'fdstat', 'fs_rights_base')} (i64.const ${right('fd_write')})) (i64.const 0))`, 0,
        { accept: [{ value: 1, behaviour: RIGHTS_NOT_TRACKED }] });
    },
  },
  {
    name: 'read-only-rights-refuse-write', tags: ['rights', 'errors'], tree: T, spec: 'docs.md#rights.fd_write', fs_after: sorted(T),
    description: 'fd_write on a file opened with only fd_read fails with ENOTCAPABLE',
    quote: 'The right to invoke `fd_write` and `sock_send`.',
    body: (f) => {
      const fd = openFile(f, 'a.txt', { rights: rights('fd_read', 'fd_seek', 'fd_tell') });
      const { iovs } = f.ciovec('J');
      f.expectErrno(f.call('fd_write', fd, iovs, 1, f.out32()), 'notcapable', { accept: missingRightAlts() });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, sorted({ ...T, 'a.txt': 'Jello' }));
    },
  },
  rightsRow('inheriting-limits-new-fd', 'opening a file with a right missing from the directory fd\'s inheriting rights fails',
    'docs.md#fdstat.fs_rights_inheriting', 'Maximum set of rights that may be installed on new file descriptors that are created through this file descriptor, e.g., through path_open.',
    { inheriting: DIR_INHERITING & ~right('fd_write') }, 'b.txt', { rights: rights('fd_read', 'fd_write') }),
  rightsRow('creat-needs-path-create-file', 'oflags.creat through a directory fd without path_create_file fails with ENOTCAPABLE',
    'docs.md#rights.path_create_file', 'If path_open is set, the right to invoke path_open with oflags::creat.',
    { rights: DIR_BASE & ~right('path_create_file') }, 'new.txt', { oflags: CREAT }, { 'a.txt': 'hello', sub: { 'b.txt': 'bee', 'new.txt': '' } }),
  rightsRow('trunc-needs-path-filestat-set-size', 'oflags.trunc through a directory fd without path_filestat_set_size fails',
    'docs.md#rights.path_filestat_set_size', 'If path_open is set, includes the right to invoke path_open with oflags::trunc.',
    { rights: DIR_BASE & ~right('path_filestat_set_size') }, 'b.txt', { oflags: TRUNC }, { 'a.txt': 'hello', sub: { 'b.txt': '' } }),
  rightsRow('needs-path-open-right', 'path_open through a directory fd without the path_open right fails with ENOTCAPABLE',
    'docs.md#rights.path_open', 'The right to invoke path_open.',
    { rights: DIR_BASE & ~right('path_open') }, 'b.txt', {}),
];

const symlinks: CaseDef[] = [
  {
    name: 'follow-symlink-to-file', tags: ['symlinks'], tree: withT({ ln: { symlink: 'a.txt' } }), spec: 'docs.md#lookupflags.symlink_follow',
    description: 'with symlink_follow a symlink to a file opens the file',
    quote: 'As long as the resolved path corresponds to a symbolic link, it is expanded.',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'ln', { dirflags: FOLLOW }), 'hello'); },
  },
  err({ name: 'nofollow-symlink-eloop', tags: ['symlinks', 'errors'], tree: withT({ ln: { symlink: 'a.txt' } }), path: 'ln', errno: 'loop', spec: 'docs.md#lookupflags.symlink_follow',
    description: 'without symlink_follow a symlink as the last component fails with ELOOP (O_NOFOLLOW)' }),
  {
    name: 'follow-symlink-to-directory', tags: ['symlinks'], tree: withT({ lnsub: { symlink: 'sub' } }), spec: 'docs.md#lookupflags.symlink_follow',
    description: 'with symlink_follow and oflags.directory a symlink to a directory opens it',
    body: (f) => checkFdFiletype(f, expectOpen(f, 'lnsub', { dirflags: FOLLOW, oflags: DIRECTORY, rights: DIR_BASE }), FILETYPE.directory),
  },
  err({ name: 'nofollow-symlink-to-directory', tags: ['symlinks', 'errors'], tree: withT({ lnsub: { symlink: 'sub' } }), path: 'lnsub', open: { oflags: DIRECTORY, rights: DIR_BASE },
    errno: 'notdir', accept: [{ errno: 'loop', behaviour: 'ELOOP: symlink not followed (O_NOFOLLOW checked first)' }], spec: 'docs.md#lookupflags.symlink_follow',
    description: 'without symlink_follow, oflags.directory on a symlink to a directory fails (ENOTDIR)' }),
  err({ name: 'follow-symlink-to-file-with-directory-flag', tags: ['symlinks', 'errors'], tree: withT({ ln: { symlink: 'a.txt' } }), path: 'ln',
    open: { oflags: DIRECTORY, dirflags: FOLLOW }, errno: 'notdir', spec: 'docs.md#oflags.directory',
    description: 'oflags.directory through a followed symlink to a regular file fails with ENOTDIR' }),
  {
    name: 'symlink-in-middle-always-followed', tags: ['symlinks'], tree: withT({ lnsub: { symlink: 'sub' } }), spec: 'docs.md#lookupflags.symlink_follow',
    description: 'a symlink in a middle component is followed even without symlink_follow',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'lnsub/b.txt'), 'bee'); },
  },
  err({ name: 'dangling-symlink-follow', tags: ['symlinks', 'errors'], tree: withT({ dang: { symlink: 'nope.txt' } }), path: 'dang', open: { dirflags: FOLLOW },
    errno: 'noent', spec: 'docs.md#lookupflags.symlink_follow', description: 'following a dangling symlink (without creat) fails with ENOENT' }),
  {
    name: 'dangling-symlink-creat-creates-target', tags: ['symlinks'], tree: withT({ dang: { symlink: 'new.txt' } }), spec: 'docs.md#oflags.creat',
    fs_after: withT({ dang: { symlink: 'new.txt' }, 'new.txt': '' }),
    description: 'creat with symlink_follow through a dangling symlink creates its target (POSIX)',
    body: (f) => { expectOpen(f, 'dang', { oflags: CREAT, dirflags: FOLLOW }); },
  },
  err({ name: 'dangling-symlink-creat-nofollow', tags: ['symlinks', 'errors'], tree: withT({ dang: { symlink: 'new.txt' } }), path: 'dang', open: { oflags: CREAT },
    errno: 'loop', spec: 'docs.md#lookupflags.symlink_follow', description: 'creat without symlink_follow on a dangling symlink fails with ELOOP, creates nothing' }),
  err({ name: 'symlink-loop-follow', tags: ['symlinks', 'errors'], tree: withT({ l1: { symlink: 'l2' }, l2: { symlink: 'l1' } }), path: 'l1', open: { dirflags: FOLLOW },
    errno: 'loop', spec: 'docs.md#lookupflags.symlink_follow', description: 'following a two-link cycle fails with ELOOP' }),
  err({ name: 'symlink-self-loop-in-middle', tags: ['symlinks', 'errors'], tree: withT({ self: { symlink: 'self' } }), path: 'self/x',
    errno: 'loop', description: 'a self-referential symlink as a middle component fails with ELOOP' }),
  {
    name: 'symlink-chain-followed', tags: ['symlinks'], tree: withT({ l1: { symlink: 'l2' }, l2: { symlink: 'l3' }, l3: { symlink: 'a.txt' } }),
    spec: 'docs.md#lookupflags.symlink_follow', description: 'a chain of three symlinks is followed to the file',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'l1', { dirflags: FOLLOW }), 'hello'); },
  },
  {
    name: 'symlink-chain-of-eight', tags: ['symlinks', 'edge'], spec: 'docs.md#lookupflags.symlink_follow',
    tree: withT(Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`c${i}`, { symlink: i === 7 ? 'a.txt' : `c${i + 1}` }]))),
    description: 'eight chained symlinks (POSIX _POSIX_SYMLOOP_MAX) still resolve, no ELOOP',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'c0', { dirflags: FOLLOW }), 'hello'); },
  },
  {
    name: 'symlink-target-relative-to-its-directory', tags: ['symlinks'], spec: 'docs.md#lookupflags.symlink_follow',
    tree: { 'b.txt': 'root', sub: { 'b.txt': 'bee', ln: { symlink: 'b.txt' } } },
    description: 'a relative target is resolved from the directory holding the link, not the fd',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'sub/ln', { dirflags: FOLLOW }), 'bee'); },
  },
  {
    name: 'symlink-target-with-dotdot-inside', tags: ['symlinks', 'sandbox'], tree: { 'a.txt': 'hello', sub: { up: { symlink: '../a.txt' } } },
    fs_after: { 'a.txt': 'hello', sub: { up: { symlink: '../a.txt' } } },
    spec: 'docs.md#lookupflags.symlink_follow', description: 'a target "../a.txt" from a subdirectory stays inside and is followed',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'sub/up', { dirflags: FOLLOW }), 'hello'); },
  },
  {
    name: 'symlink-to-dotdot-staying-inside', tags: ['symlinks', 'sandbox'], tree: { 'a.txt': 'hello', sub: { top: { symlink: '..' } } },
    fs_after: { 'a.txt': 'hello', sub: { top: { symlink: '..' } } },
    description: '"sub/top/a.txt" where sub/top -> ".." reaches the preopen root and is allowed',
    body: (f) => { checkRead(f, 'content', expectOpen(f, 'sub/top/a.txt'), 'hello'); },
  },
];

const outsideDir = { symlink: '../outside' };
const sandbox: CaseDef[] = [
  escape({ name: 'escape-dotdot', path: '..', open: { rights: 0n, inheriting: 0n }, description: '".." from the preopen root fails with ENOTCAPABLE' }),
  escape({ name: 'escape-dotdot-to-canary', path: CANARY, open: { oflags: TRUNC },
    description: '"../outside/canary.txt" with trunc is refused and the canary is untouched' }),
  escape({ name: 'escape-dotdot-chain-from-subdir', path: 'sub/../../outside/canary.txt',
    description: '"sub/../../outside/canary.txt" leaves the preopen and is refused' }),
  escape({ name: 'escape-dotdot-deep-chain', path: 'sub/../sub/../../../../../../etc/passwd',
    description: 'a long ".." chain from a subdirectory is refused, never clamped at the root' }),
  {
    name: 'escape-dotdot-from-subdirectory-fd', tags: ['sandbox', 'security'], tree: T, fs_after: sorted(T),
    description: '".." from an opened subdirectory fd is refused: an fd grants only its subtree',
    body: (f) => { f.expectErrno(openCall(f, '../a.txt', { dirfd: openDirFd(f, 'sub') }), 'notcapable', { accept: ESCAPE }); },
  },
  escape({ name: 'absolute-path-root', path: '/', open: { rights: 0n, inheriting: 0n }, description: 'the absolute path "/" is refused (paths are relative to the fd)' }),
  escape({ name: 'absolute-path-etc-passwd', path: '/etc/passwd', description: 'the absolute path "/etc/passwd" is refused' }),
  escape({ name: 'absolute-path-own-preopen', path: '/sandbox/a.txt', description: 'even the preopen\'s own guest name "/sandbox/a.txt" is refused as absolute' }),
  escape({ name: 'planted-symlink-to-canary', tree: withT({ esc: { symlink: CANARY } }), path: 'esc', open: { dirflags: FOLLOW, oflags: TRUNC }, tags: ['symlinks'],
    description: 'following a host-planted symlink to ../outside/canary.txt is refused' }),
  escape({ name: 'planted-symlink-dir-in-middle', tree: withT({ outdir: outsideDir }), path: 'outdir/canary.txt', tags: ['symlinks'],
    description: 'a middle component that is a planted symlink to ../outside is refused' }),
  escape({ name: 'planted-symlink-in-subdirectory', tree: sorted({ 'a.txt': 'hello', sub: { up: { symlink: '../../outside' } } }), path: 'sub/up/canary.txt', tags: ['symlinks'],
    description: 'a planted sub/up -> ../../outside used as a middle component is refused' }),
  escape({ name: 'planted-symlink-to-dotdot', tree: withT({ up: { symlink: '..' } }), path: 'up/outside/canary.txt', tags: ['symlinks'],
    description: 'a planted symlink "up" -> ".." at the root cannot be used to climb out' }),
  escape({ name: 'planted-absolute-symlink-to-root', tree: withT({ root: { symlink: '/' } }), path: 'root/etc/passwd', tags: ['symlinks'],
    description: 'a planted symlink to "/" used as a middle component is refused' }),
  escape({ name: 'planted-absolute-symlink-to-etc', tree: withT({ etc: { symlink: '/etc' } }), path: 'etc/passwd', tags: ['symlinks'],
    description: 'a planted symlink to "/etc" used as a middle component is refused' }),
  escape({ name: 'planted-absolute-symlink-to-file', tree: withT({ pw: { symlink: '/etc/passwd' } }), path: 'pw', open: { dirflags: FOLLOW }, tags: ['symlinks'],
    description: 'following a planted symlink to "/etc/passwd" is refused' }),
  escape({ name: 'planted-symlink-chain-out', tree: withT({ l1: { symlink: 'l2' }, l2: { symlink: CANARY } }), path: 'l1', open: { dirflags: FOLLOW }, tags: ['symlinks'],
    description: 'a chain whose last link points to ../outside/canary.txt is refused' }),
  escape({ name: 'creat-through-escaping-dangling-symlink', tree: withT({ esc: { symlink: '../outside/new.txt' } }), path: 'esc',
    open: { oflags: CREAT, dirflags: FOLLOW }, tags: ['symlinks'],
    description: 'creat through a dangling symlink to ../outside/new.txt creates nothing outside' }),
  escape({ name: 'creat-through-escaping-directory-symlink', tree: withT({ outdir: outsideDir }), path: 'outdir/new.txt', open: { oflags: CREAT }, tags: ['symlinks'],
    description: 'creat of outdir/new.txt where outdir -> ../outside creates nothing outside' }),
  escape({ name: 'trunc-through-escaping-symlink', tree: withT({ esc: { symlink: CANARY } }), path: 'esc', open: { oflags: CREAT | TRUNC, dirflags: FOLLOW }, tags: ['symlinks'],
    description: 'creat|trunc through a symlink to the canary leaves the canary intact' }),
  err({ name: 'creat-excl-escaping-dangling-symlink', tags: ['sandbox', 'security', 'symlinks'], tree: withT({ esc: { symlink: '../outside/new.txt' } }), path: 'esc',
    open: { oflags: CREAT | EXCL, dirflags: FOLLOW }, errno: 'exist', spec: 'docs.md#oflags.excl',
    accept: [{ errno: 'notcapable', behaviour: 'ENOTCAPABLE: the escape is refused before the excl check (safe)' },
      { errno: 'perm', behaviour: 'EPERM: the escape is refused before the excl check (wasmtime, wazero)' }],
    description: 'creat|excl on a symlink pointing out fails (EEXIST) and creates nothing outside' }),
  err({ name: 'escaping-symlink-not-followed', tags: ['sandbox', 'security', 'symlinks'], tree: withT({ esc: { symlink: CANARY } }), path: 'esc', errno: 'loop',
    accept: [{ errno: 'notcapable', behaviour: 'ENOTCAPABLE: the escaping target is refused first (safe)' },
      { errno: 'perm', behaviour: 'EPERM: the escaping target is refused first (wasmtime, wazero)' }],
    description: 'opening an escaping symlink without symlink_follow fails with ELOOP, reads nothing' }),
  {
    name: 'directory-fd-survives-symlink-swap', tags: ['sandbox', 'security', 'symlinks'],
    tree: { 'a.txt': 'hello', decoy: { 'b.txt': 'decoy' }, sub: { 'b.txt': 'bee' } },
    fs_after: sorted({ 'a.txt': 'hello', decoy: { 'b.txt': 'decoy' }, sub: { symlink: 'decoy' }, sub2: { 'b.txt': 'bee' } }),
    description: 'a dir fd keeps naming its directory after the name is swapped for a symlink elsewhere',
    body: (f) => {
      const sub = openDirFd(f, 'sub');
      const pre = f.preopen();
      f.ok(f.call('path_rename', pre, ...p(f, 'sub'), pre, ...p(f, 'sub2')), 'path_rename(sub, sub2)');
      f.ok(f.call('path_symlink', ...p(f, 'decoy'), pre, ...p(f, 'sub')), 'path_symlink(decoy, sub)');
      checkRead(f, 'content', expectOpen(f, 'b.txt', { dirfd: sub }), 'bee');
    },
  },
];

export default suite('path_open', [...basics, ...errors, ...oflags, ...fdflags, ...rightsCases, ...symlinks, ...sandbox]);
