/**
 * fd_fdstat_set_rights: drop rights from an fd (never add them). Cases drop a right and check
 * both what fdstat reports and that the matching call is refused; try to add base, inheriting,
 * re-added and undefined rights; check inheriting rights limit path_open; bad fds.
 *
 * Several runtimes do not implement the call (docs/CHOICES.md): ENOTSUP (wasmtime), ENOSYS
 * (wazero), or success without effect (wasmtime's older wasi-common). Each case lists them;
 * under each, the fd keeps its rights, so the later checks have a known outcome.
 */
import { suite, type AltErrno, type AltValue, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS, OFLAGS, right, rights } from '../spec.js';
import {
  RIGHTS_NOT_TRACKED, SET_RIGHTS_NOOP, SET_RIGHTS_NOSYS, SET_RIGHTS_NOTSUP,
  TREE, UNOPENED_FD, closedFd, fdstat, hasRight, openDir, openFile, treeWith,
} from '../lib/fd-io.js';

const QUOTE = 'Adjust the rights associated with a file descriptor. This can only be used to remove rights, and returns `errno::notcapable` if called in a way that would attempt to add rights';
const READ_SET = rights('fd_read', 'fd_seek', 'fd_tell', 'fd_filestat_get');
/** The labels under which set_rights leaves the rights unchanged. */
const UNCHANGED = [SET_RIGHTS_NOTSUP, SET_RIGHTS_NOSYS, SET_RIGHTS_NOOP];

/** fd_fdstat_set_rights expected to succeed (or be one of the unsupported behaviours). */
function dropTo(f: Fixture, fd: string, base: bigint | string, inheriting: bigint | string = 0n, key = 'errno'): void {
  f.expectSuccess(f.call('fd_fdstat_set_rights', fd, base, inheriting), { key, accept: [
    { errno: 'notsup', behaviour: SET_RIGHTS_NOTSUP },
    { errno: 'nosys', behaviour: SET_RIGHTS_NOSYS },
  ] });
}

/**
 * Drop `base` and `inheriting` rights from what fdstat reports the fd has now (so the call never
 * asks for a right the runtime did not grant), expecting success as dropTo does.
 */
function dropFrom(f: Fixture, fd: string, base: bigint, inheriting = 0n, key = 'errno'): void {
  const st = fdstat(f, fd);
  const keep = (field: 'fs_rights_base' | 'fs_rights_inheriting', drop: bigint): string =>
    `(i64.and ${f.field(st, 'fdstat', field)} ${f.i64(~drop)})`;
  dropTo(f, fd, keep('fs_rights_base', base), keep('fs_rights_inheriting', inheriting), key);
}

/** fd_fdstat_set_rights expected to be refused with ENOTCAPABLE (an attempt to add rights). */
function refused(f: Fixture, fd: string, base: bigint | string, inheriting: bigint | string, key = 'errno', extra: AltErrno[] = []): void {
  f.expectErrno(f.call('fd_fdstat_set_rights', fd, base, inheriting), 'notcapable', { key, accept: [
    { errno: 'notsup', behaviour: SET_RIGHTS_NOTSUP },
    { errno: 'nosys', behaviour: SET_RIGHTS_NOSYS },
    { errno: 'success', behaviour: SET_RIGHTS_NOOP },
    ...extra,
  ] });
}

/** The later call's alternatives when the rights stayed: it proceeds (errno `value`). */
function proceeds(): AltErrno[] {
  return UNCHANGED.map((behaviour) => ({ errno: 'success' as const, behaviour }));
}
function stillValue(value: number): AltValue[] {
  return UNCHANGED.map((behaviour) => ({ value, behaviour }));
}

/** Check whether fdstat reports `r` in fs_rights_base (1/0), with the unchanged-rights value. */
function checkHas(f: Fixture, fd: string, r: bigint, expected: 0 | 1, key: string, unchanged: 0 | 1): void {
  const st = fdstat(f, fd);
  f.check(key, hasRight(f, st + 8, r), expected, { accept: expected === unchanged ? [] : stillValue(unchanged) });
}

const cases: CaseDef[] = [
  // ── dropping rights ───────────────────────────────────────────────────────────────
  {
    name: 'drop-write-reported', tags: ['rights', 'basic'], tree: TREE, quote: QUOTE,
    description: 'after dropping rights::fd_write, fd_fdstat_get no longer reports it',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropFrom(f, fd, right('fd_write'));
      checkHas(f, fd, right('fd_write'), 0, 'has_fd_write', 1);
    },
  },
  {
    name: 'drop-to-exact-set', tags: ['rights'], tree: TREE, spec: 'docs.md#fd_fdstat_set_rights.fs_rights_base',
    description: 'after setting base rights to a subset, fdstat reports exactly that subset',
    quote: 'The desired rights of the file descriptor.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropTo(f, fd, READ_SET);
      const st = fdstat(f, fd);
      f.check('base_is_set', `(i64.eq ${f.field(st, 'fdstat', 'fs_rights_base')} ${f.i64(READ_SET)})`, 1, { accept: stillValue(0) });
    },
  },
  {
    name: 'drop-read-then-read', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_read',
    description: 'after dropping rights::fd_read, fd_read fails with ENOTCAPABLE',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropFrom(f, fd, right('fd_read'), 0n, 'set_rights_errno');
      f.expectErrno(f.call('fd_read', fd, f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'notcapable', { key: 'read_errno', accept: proceeds() });
    },
  },
  {
    name: 'drop-write-then-write', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_write',
    fs_after: TREE,
    description: 'after dropping rights::fd_write, fd_write fails with ENOTCAPABLE and the file is unchanged',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropFrom(f, fd, right('fd_write'), 0n, 'set_rights_errno');
      f.expectErrno(f.call('fd_write', fd, f.ciovec('ab').iovs, 1, f.out32()), 'notcapable', { key: 'write_errno', accept: proceeds() });
      for (const label of UNCHANGED) f.altFsAfter(label, treeWith({ 'data.txt': 'ab23456789' }));
    },
  },
  {
    name: 'drop-seek-then-seek', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_seek',
    description: 'after dropping rights::fd_seek and fd_tell, fd_seek fails with ENOTCAPABLE',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropFrom(f, fd, rights('fd_seek', 'fd_tell'), 0n, 'set_rights_errno');
      f.expectErrno(f.call('fd_seek', fd, 1n, f.abi.whence.set, f.out64()), 'notcapable', { key: 'seek_errno', accept: proceeds() });
    },
  },
  {
    name: 'drop-tell-then-tell', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_tell',
    description: 'after dropping rights::fd_tell and fd_seek, fd_tell fails with ENOTCAPABLE',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropFrom(f, fd, rights('fd_seek', 'fd_tell'), 0n, 'set_rights_errno');
      f.expectErrno(f.call('fd_tell', fd, f.out64()), 'notcapable', { key: 'tell_errno', accept: proceeds() });
    },
  },
  {
    name: 'drop-seek-then-pread', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_read',
    description: 'with fd_read kept but fd_seek dropped, fd_pread fails with ENOTCAPABLE',
    quote: 'If `rights::fd_seek` is set, includes the right to invoke `fd_pread`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropFrom(f, fd, right('fd_seek'), 0n, 'set_rights_errno');
      f.expectErrno(f.call('fd_pread', fd, f.iovecs([[f.alloc(4), 4]]), 1, 0n, f.out32()), 'notcapable', { key: 'pread_errno', accept: proceeds() });
    },
  },
  {
    name: 'drop-set-flags-then-set-flags', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_fdstat_set_flags',
    description: 'after dropping rights::fd_fdstat_set_flags, fd_fdstat_set_flags fails with ENOTCAPABLE',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropFrom(f, fd, right('fd_fdstat_set_flags'), 0n, 'set_rights_errno');
      f.expectErrno(f.call('fd_fdstat_set_flags', fd, FDFLAGS.append), 'notcapable', { key: 'set_flags_errno', accept: proceeds() });
    },
  },
  {
    name: 'drop-all-rights', tags: ['rights', 'edge'], tree: TREE,
    description: 'all rights can be dropped; fd_fdstat_get (which needs none) then reports base rights 0',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      dropTo(f, fd, 0n);
      const st = fdstat(f, fd);
      f.check('base_zero', `(i64.eqz ${f.field(st, 'fdstat', 'fs_rights_base')})`, 1, { accept: stillValue(0) });
    },
  },
  {
    name: 'same-rights-allowed', tags: ['rights'], tree: TREE,
    description: 'setting exactly the rights the fd has (as fdstat reports them) succeeds',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: READ_SET });
      const st = fdstat(f, fd);
      dropTo(f, fd, f.field(st, 'fdstat', 'fs_rights_base'), f.field(st, 'fdstat', 'fs_rights_inheriting'));
    },
  },
  {
    name: 'other-fd-keeps-rights', tags: ['rights'], tree: TREE,
    description: 'dropping a right on one fd leaves another fd on the same file with it',
    body: (f) => {
      const a = openFile(f, 'data.txt');
      const b = openFile(f, 'data.txt');
      dropFrom(f, a, right('fd_write'));
      checkHas(f, b, right('fd_write'), 1, 'b_has_fd_write', 1);
    },
  },

  // ── adding rights is refused ─────────────────────────────────────────────────────
  {
    name: 'cannot-add-base-right', tags: ['rights', 'security', 'errors'], tree: TREE,
    description: 'asking for a base right the fd lacks (fd_write on a read-only fd) fails with ENOTCAPABLE',
    quote: QUOTE,
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: READ_SET });
      refused(f, fd, READ_SET | right('fd_write'), 0n);
    },
  },
  {
    name: 'cannot-add-inheriting-right', tags: ['rights', 'security', 'errors'], tree: TREE,
    spec: 'docs.md#fd_fdstat_set_rights.fs_rights_inheriting',
    description: 'asking for an inheriting right the fd lacks fails with ENOTCAPABLE',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: READ_SET, inheriting: 0n });
      refused(f, fd, READ_SET, right('fd_read'));
    },
  },
  {
    name: 'cannot-readd-dropped-right', tags: ['rights', 'security', 'errors'], tree: TREE,
    description: 'a right once dropped cannot be set again: ENOTCAPABLE',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const before = fdstat(f, fd);
      dropFrom(f, fd, right('fd_write'), 0n, 'drop_errno');
      refused(f, fd, f.field(before, 'fdstat', 'fs_rights_base'), 0n, 'readd_errno');
    },
  },
  {
    name: 'refused-add-keeps-rights', tags: ['rights', 'security'], tree: TREE,
    description: 'after a refused attempt to add fd_write, the fd still lacks fd_write',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: READ_SET });
      refused(f, fd, READ_SET | right('fd_write'), 0n, 'set_rights_errno');
      const st = fdstat(f, fd);
      f.check('has_fd_write', hasRight(f, st + 8, right('fd_write')), 0,
        { accept: [{ value: 1, behaviour: RIGHTS_NOT_TRACKED }] });
    },
  },
  {
    name: 'undefined-right-bit', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights',
    description: 'asking for bit 40 (no such right, so one the fd cannot have) fails with ENOTCAPABLE',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: READ_SET });
      refused(f, fd, READ_SET | (1n << 40n), 0n, 'errno',
        [{ errno: 'inval', behaviour: 'EINVAL: undefined rights bits rejected as an invalid value (wasmtime)' }]);
    },
  },

  // ── inheriting rights and directories ───────────────────────────────────────────
  {
    name: 'inheriting-limits-path-open', tags: ['rights', 'security'], tree: TREE,
    spec: 'docs.md#fdstat.fs_rights_inheriting', fs_after: TREE,
    description: 'after dropping fd_write from a directory\'s inheriting rights, path_open asking for it fails',
    quote: 'Maximum set of rights that may be installed on new file descriptors that are created through this file descriptor, e.g., through `path_open`.',
    body: (f) => {
      const dir = openDir(f, '.');
      dropFrom(f, dir, 0n, right('fd_write'), 'set_rights_errno');
      const p = f.str('data.txt');
      f.expectErrno(f.call('path_open', dir, 0, p.ptr, p.len, 0, rights('fd_read', 'fd_write'), 0n, 0, f.out32()), 'notcapable',
        { key: 'open_errno', accept: proceeds() });
    },
  },
  {
    name: 'drop-path-open-on-directory', tags: ['rights', 'security'], tree: TREE, spec: 'docs.md#rights.path_open',
    description: 'after dropping rights::path_open from a directory fd, path_open through it fails',
    body: (f) => {
      const dir = openDir(f, '.');
      dropFrom(f, dir, right('path_open'), 0n, 'set_rights_errno');
      const p = f.str('data.txt');
      f.expectErrno(f.call('path_open', dir, 0, p.ptr, p.len, 0, right('fd_read'), 0n, 0, f.out32()), 'notcapable',
        { key: 'open_errno', accept: proceeds() });
    },
  },
  {
    name: 'drop-create-on-preopen', tags: ['rights', 'security', 'sandbox'], tree: TREE, spec: 'docs.md#rights.path_create_file',
    fs_after: TREE,
    description: 'after the preopen drops rights::path_create_file, path_open with creat fails; nothing is created',
    body: (f) => {
      const pre = f.preopen();
      dropFrom(f, pre, right('path_create_file'), 0n, 'set_rights_errno');
      const p = f.str('new.txt');
      f.expectErrno(f.call('path_open', pre, 0, p.ptr, p.len, OFLAGS.creat, rights('fd_read', 'fd_write'), 0n, 0, f.out32()), 'notcapable',
        { key: 'open_errno', accept: proceeds() });
      for (const label of UNCHANGED) f.altFsAfter(label, treeWith({ 'new.txt': '' }));
    },
  },
  {
    name: 'drop-readdir-then-readdir', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_readdir',
    description: 'after dropping rights::fd_readdir from a directory fd, fd_readdir fails with ENOTCAPABLE',
    body: (f) => {
      const dir = openDir(f, 'dir');
      dropFrom(f, dir, right('fd_readdir'), 0n, 'set_rights_errno');
      f.expectErrno(f.call('fd_readdir', dir, f.alloc(256), 256, 0n, f.out32()), 'notcapable', { key: 'readdir_errno', accept: proceeds() });
    },
  },

  // ── bad descriptors ───────────────────────────────────────────────────────────────
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_fdstat_set_rights on an fd that was never opened fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_set_rights', UNOPENED_FD, 0n, 0n), 'badf', { accept: [{ errno: 'nosys', behaviour: SET_RIGHTS_NOSYS }] }); },
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'fd_fdstat_set_rights on an fd after fd_close fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_set_rights', closedFd(f), 0n, 0n), 'badf', { accept: [{ errno: 'nosys', behaviour: SET_RIGHTS_NOSYS }] }); },
  },
];

export default suite('fd_fdstat_set_rights', cases);
