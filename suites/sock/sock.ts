/**
 * sock_accept / sock_recv / sock_send / sock_shutdown on fds that are not sockets: stdin, stdout,
 * a regular file and a directory all fail with ENOTSOCK (docs/CHOICES.md: EBADF accepted from
 * runtimes without socket support), and the fd is left alone: nothing is written to stdout or
 * the file, nothing is read. (A closed or never-opened fd: suites/cross/bad-fd.ts.)
 * Where the fd also lacks the right the call needs (sock_accept / sock_shutdown on anything that
 * is not a socket, sock_recv without fd_read, sock_send without fd_write) a runtime may check the
 * right first: ENOTCAPABLE is accepted there, and only there.
 * sock_accept exists only in preview1.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { NOT_A_SOCKET_ALTS } from '../lib/misc.js';
import { openFile } from '../lib/fd-io.js';
import { allBytesAre } from '../lib/memory-checks.js';
import { SDFLAGS } from '../spec.js';
import type { AltErrno } from '../dsl.js';

/** The data rights a target carries (sockets' own rights: no target has them). */
type DataRight = 'fd_read' | 'fd_write';
const RIGHTS_FIRST: AltErrno = { errno: 'notcapable', behaviour: 'ENOTCAPABLE: the fd lacks the right the call needs, checked before the fd type (uvwasi)' };

const TREE = { 'data.txt': 'file content' };

interface Target {
  name: string;
  what: string;
  /** The fd expression (may open something). */
  fd: (f: Fixture) => string;
  tree?: typeof TREE;
  stdin?: string;
  tags: string[];
  carries: DataRight[];
}

const TARGETS: Target[] = [
  { name: 'stdin', what: 'stdin', fd: (f) => f.i32(0), stdin: 'not a socket\n', tags: ['stdio'], carries: ['fd_read'] },
  { name: 'stdout', what: 'stdout', fd: (f) => f.i32(1), tags: ['stdio'], carries: ['fd_write'] },
  { name: 'regular-file', what: 'a regular file', fd: (f) => openFile(f, 'data.txt'), tree: TREE, tags: [], carries: ['fd_read', 'fd_write'] },
  { name: 'directory', what: 'a directory (the preopen)', fd: (f) => f.preopen(), tree: TREE, tags: [], carries: [] },
];

/** One syscall: how to call it on an fd, and what "left alone" means for it. */
interface SockCall {
  syscall: string;
  description: string;
  /** The right the call needs: a data right, or a socket right no target carries. */
  right: DataRight | 'socket';
  /** Make the call; returns an optional follow-up check run after the errno check. */
  call: (f: Fixture, fd: string) => { expr: string; after?: () => void };
}

const CALLS: SockCall[] = [
  {
    syscall: 'sock_accept', description: 'sock_accept', right: 'socket',
    call: (f, fd) => {
      const out = f.sentinel(4, 0xaa, 4);
      return { expr: f.call('sock_accept', fd, 0, out), after: () => f.checkTrue('fd_out_untouched', allBytesAre(f, out, 4, 0xaa), 'no fd written') };
    },
  },
  {
    syscall: 'sock_recv', description: 'sock_recv', right: 'fd_read',
    call: (f, fd) => {
      const buf = f.sentinel(16, 0xaa);
      const expr = f.call('sock_recv', fd, f.iovecs([[buf, 16]]), 1, 0, f.out32(), f.out32());
      return { expr, after: () => f.checkTrue('buffer_untouched', allBytesAre(f, buf, 16, 0xaa), 'nothing read into the buffer') };
    },
  },
  {
    syscall: 'sock_send', description: 'sock_send', right: 'fd_write',
    call: (f, fd) => ({ expr: f.call('sock_send', fd, f.ciovec('SENT VIA SOCK_SEND\n').iovs, 1, 0, f.out32()) }),
  },
  {
    syscall: 'sock_shutdown', description: 'sock_shutdown(RD|WR)', right: 'socket',
    call: (f, fd) => ({ expr: f.call('sock_shutdown', fd, SDFLAGS.rd | SDFLAGS.wr) }),
  },
];

function cases(c: SockCall): CaseDef[] {
  return TARGETS.map((t) => ({
    name: `on-${t.name}`,
    tags: ['sockets', 'errors', ...t.tags],
    description: `${c.description} on ${t.what} fails with ENOTSOCK and leaves it alone`,
    quote: 'notsock: Not a socket.',
    spec: `docs.md#${c.syscall}`,
    ...(t.tree ? { tree: t.tree, fs_after: t.tree } : {}),
    ...(t.stdin ? { stdin: t.stdin } : {}),
    body: (f: Fixture) => {
      const { expr, after } = c.call(f, t.fd(f));
      const lacksRight = c.right === 'socket' || !t.carries.includes(c.right);
      f.expectErrno(expr, 'notsock', { accept: [...NOT_A_SOCKET_ALTS, ...(lacksRight ? [RIGHTS_FIRST] : [])] });
      after?.();
    },
  }));
}

export default CALLS.map((c) => suite(c.syscall, cases(c)));
