/**
 * Cross-cutting table: an fd that is not open is EBADF for EVERY syscall that takes an fd
 * (docs.md#errno.badf). One table expanded over each fd parameter of each syscall, three ways
 * of not being open:
 *   cross-bad-fd      fd 0x1234, never opened
 *   cross-closed-fd   an fd opened then closed before the call (nothing opened after it)
 *   cross-fd-u32-max  fd 0xffffffff (-1 when read as a signed i32)
 * Every other argument is valid (one fault per case), and the sandbox must stay unchanged.
 * poll_oneoff takes its fds inside subscriptions: see suites/poll/poll_oneoff.ts.
 */
import { suite, type AltErrno, type CaseDef, type Fixture, type Suite } from '../dsl.js';
import { LOOKUP, OFLAGS, rights } from '../spec.js';
import { FD_U32_MAX } from '../lib/misc.js';
import { SET_RIGHTS_NOSYS, SET_RIGHTS_NOTSUP, UNOPENED_FD, openFile } from '../lib/fd-io.js';
import { ALLOCATE_NOTSUP } from '../lib/filestat.js';
import type { Tree } from '../sidecar.js';

/** Entries every path below names exist both in the preopen and in `sub`, the closed dir fd. */
const ENTRIES: Tree = { 'a.txt': 'hello', empty: {}, link: { symlink: 'a.txt' } };
const TREE: Tree = { ...ENTRIES, sub: ENTRIES };

interface Variant { name: string; what: string; fd: (f: Fixture, kind: Kind) => string }
type Kind = 'file' | 'dir';

const VARIANTS: Variant[] = [
  { name: 'cross-bad-fd', what: `fd ${UNOPENED_FD}, never opened`, fd: (f) => f.i32(UNOPENED_FD) },
  {
    name: 'cross-closed-fd', what: 'an fd closed before the call',
    fd: (f, kind) => {
      // no rights needed: the fd is only closed
      const fd = kind === 'dir'
        ? f.open('sub', { oflags: OFLAGS.directory, rights: 0n, inheriting: 0n })
        : f.open('a.txt', { rights: 0n, inheriting: 0n });
      f.ok(f.call('fd_close', fd), 'fd_close');
      return fd;
    },
  },
  { name: 'cross-fd-u32-max', what: 'fd 0xffffffff (-1 as i32)', fd: (f) => f.i32(FD_U32_MAX) },
];

interface FdUse {
  syscall: string;
  /** The parameter under test when the call takes two fds (named in the case name). */
  param?: string;
  /** What the fd would be if it were open: decides what the closed variant opens. */
  kind: Kind;
  /** Other fds the call needs, opened before the fd under test. */
  setup?: (f: Fixture) => string;
  call: (f: Fixture, fd: string, other: string) => string;
  accept?: AltErrno[];
}

const iov = (f: Fixture): number => f.iovecs([[f.alloc(8), 8]]);
const SET_RIGHTS_ALTS: AltErrno[] = [
  { errno: 'notsup', behaviour: SET_RIGHTS_NOTSUP },
  { errno: 'nosys', behaviour: SET_RIGHTS_NOSYS },
];

const USES: FdUse[] = [
  { syscall: 'fd_advise', kind: 'file', call: (f, fd) => f.call('fd_advise', fd, 0n, 0n, 0) },
  {
    syscall: 'fd_allocate', kind: 'file', call: (f, fd) => f.call('fd_allocate', fd, 0n, 1n),
    accept: [ALLOCATE_NOTSUP],
  },
  { syscall: 'fd_close', kind: 'file', call: (f, fd) => f.call('fd_close', fd) },
  { syscall: 'fd_datasync', kind: 'file', call: (f, fd) => f.call('fd_datasync', fd) },
  { syscall: 'fd_fdstat_get', kind: 'file', call: (f, fd) => f.call('fd_fdstat_get', fd, f.alloc(24)) },
  { syscall: 'fd_fdstat_set_flags', kind: 'file', call: (f, fd) => f.call('fd_fdstat_set_flags', fd, 0) },
  { syscall: 'fd_fdstat_set_rights', kind: 'file', call: (f, fd) => f.call('fd_fdstat_set_rights', fd, 0n, 0n), accept: SET_RIGHTS_ALTS },
  { syscall: 'fd_filestat_get', kind: 'file', call: (f, fd) => f.call('fd_filestat_get', fd, f.alloc(64)) },
  { syscall: 'fd_filestat_set_size', kind: 'file', call: (f, fd) => f.call('fd_filestat_set_size', fd, 5n) },
  { syscall: 'fd_filestat_set_times', kind: 'file', call: (f, fd) => f.call('fd_filestat_set_times', fd, 0n, 0n, 0) },
  { syscall: 'fd_pread', kind: 'file', call: (f, fd) => f.call('fd_pread', fd, iov(f), 1, 0n, f.out32()) },
  { syscall: 'fd_prestat_get', kind: 'dir', call: (f, fd) => f.call('fd_prestat_get', fd, f.alloc(8)) },
  { syscall: 'fd_prestat_dir_name', kind: 'dir', call: (f, fd) => f.call('fd_prestat_dir_name', fd, f.alloc(16), 8) },
  { syscall: 'fd_pwrite', kind: 'file', call: (f, fd) => f.call('fd_pwrite', fd, f.ciovec('h').iovs, 1, 0n, f.out32()) },
  { syscall: 'fd_read', kind: 'file', call: (f, fd) => f.call('fd_read', fd, iov(f), 1, f.out32()) },
  { syscall: 'fd_readdir', kind: 'dir', call: (f, fd) => f.call('fd_readdir', fd, f.alloc(256), 256, 0n, f.out32()) },
  { syscall: 'fd_renumber', kind: 'file', setup: (f) => openFile(f, 'a.txt'), call: (f, fd, to) => f.call('fd_renumber', fd, to) },
  {
    syscall: 'fd_renumber', param: 'to', kind: 'file', setup: (f) => openFile(f, 'a.txt'), call: (f, to, from) => f.call('fd_renumber', from, to),
    accept: [{ errno: 'success', behaviour: 'success: the fd is moved to the unopened number (wazero)' }],
  },
  { syscall: 'fd_seek', kind: 'file', call: (f, fd) => f.call('fd_seek', fd, 0n, f.abi.whence.cur, f.out64()) },
  { syscall: 'fd_sync', kind: 'file', call: (f, fd) => f.call('fd_sync', fd) },
  { syscall: 'fd_tell', kind: 'file', call: (f, fd) => f.call('fd_tell', fd, f.out64()) },
  { syscall: 'fd_write', kind: 'file', call: (f, fd) => f.call('fd_write', fd, f.ciovec('h').iovs, 1, f.out32()) },
  { syscall: 'path_create_directory', kind: 'dir', call: (f, fd) => f.call('path_create_directory', fd, ...str(f, 'newdir')) },
  { syscall: 'path_filestat_get', kind: 'dir', call: (f, fd) => f.call('path_filestat_get', fd, LOOKUP.symlink_follow, ...str(f, 'a.txt'), f.alloc(64)) },
  { syscall: 'path_filestat_set_times', kind: 'dir', call: (f, fd) => f.call('path_filestat_set_times', fd, LOOKUP.symlink_follow, ...str(f, 'a.txt'), 0n, 0n, 0) },
  {
    syscall: 'path_link', kind: 'dir', setup: (f) => f.preopen(),
    call: (f, fd, pre) => f.call('path_link', fd, 0, ...str(f, 'a.txt'), pre, ...str(f, 'new-link')),
  },
  {
    syscall: 'path_link', param: 'new-fd', kind: 'dir', setup: (f) => f.preopen(),
    call: (f, fd, pre) => f.call('path_link', pre, 0, ...str(f, 'a.txt'), fd, ...str(f, 'new-link')),
  },
  {
    syscall: 'path_open', kind: 'dir',
    call: (f, fd) => f.call('path_open', fd, 0, ...str(f, 'a.txt'), 0, rights('fd_read'), 0n, 0, f.out32()),
  },
  { syscall: 'path_readlink', kind: 'dir', call: (f, fd) => f.call('path_readlink', fd, ...str(f, 'link'), f.alloc(64), 64, f.out32()) },
  { syscall: 'path_remove_directory', kind: 'dir', call: (f, fd) => f.call('path_remove_directory', fd, ...str(f, 'empty')) },
  {
    syscall: 'path_rename', kind: 'dir', setup: (f) => f.preopen(),
    call: (f, fd, pre) => f.call('path_rename', fd, ...str(f, 'a.txt'), pre, ...str(f, 'renamed.txt')),
  },
  {
    syscall: 'path_rename', param: 'new-fd', kind: 'dir', setup: (f) => f.preopen(),
    call: (f, fd, pre) => f.call('path_rename', pre, ...str(f, 'a.txt'), fd, ...str(f, 'renamed.txt')),
  },
  { syscall: 'path_symlink', kind: 'dir', call: (f, fd) => f.call('path_symlink', ...str(f, 'a.txt'), fd, ...str(f, 'new-symlink')) },
  { syscall: 'path_unlink_file', kind: 'dir', call: (f, fd) => f.call('path_unlink_file', fd, ...str(f, 'a.txt')) },
  { syscall: 'sock_accept', kind: 'file', call: (f, fd) => f.call('sock_accept', fd, 0, f.out32()) },
  { syscall: 'sock_recv', kind: 'file', call: (f, fd) => f.call('sock_recv', fd, iov(f), 1, 0, f.out32(), f.out32()) },
  { syscall: 'sock_send', kind: 'file', call: (f, fd) => f.call('sock_send', fd, f.ciovec('h').iovs, 1, 0, f.out32()) },
  { syscall: 'sock_shutdown', kind: 'file', call: (f, fd) => f.call('sock_shutdown', fd, 3) },
];

/** A path argument pair (ptr, len). */
function str(f: Fixture, s: string): [number, number] {
  const { ptr, len } = f.str(s);
  return [ptr, len];
}

function caseFor(use: FdUse, v: Variant): CaseDef {
  const param = use.param ? use.param.replace(/-/g, '_') : 'fd';
  return {
    name: use.param ? `${v.name}-${use.param}` : v.name,
    description: `${use.param ? `${param} is ` : ''}${v.what}: ${use.syscall} fails with EBADF`,
    spec: `docs.md#${use.syscall}`,
    quote: 'badf: Bad file descriptor.',
    tags: ['errors', ...(use.syscall.startsWith('sock_') ? ['sockets'] : [])],
    tree: TREE,
    fs_after: TREE,
    body: (f) => {
      const other = use.setup ? use.setup(f) : '';
      const fd = v.fd(f, use.kind);
      f.expectErrno(use.call(f, fd, other), 'badf', { accept: use.accept ?? [] });
    },
  };
}

/** One suite per syscall, so the cases sit in that syscall's folder. */
function bySyscall(): Suite[] {
  const names = [...new Set(USES.map((u) => u.syscall))];
  return names.map((name) => suite(name, USES.filter((u) => u.syscall === name).flatMap((u) => VARIANTS.map((v) => caseFor(u, v)))));
}

export default bySyscall();
