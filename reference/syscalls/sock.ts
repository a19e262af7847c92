/**
 * sock_* syscalls: they work on the socket fds the embedder handed in (the `sockets` option,
 * fd/socket.ts); preview1 cannot open sockets itself. Check order: fd lookup — ENOTSOCK for an
 * fd that is not a socket, before rights (docs/CHOICES.md) — rights, flag validation, guest
 * buffers and result pointers, the action, the result writes.
 */
import { errno } from '../abi.js';
import type { SyscallContext } from '../context.js';
import { fail } from '../errors.js';
import { ALL_FDFLAGS } from '../fd/file.js';
import { CALL_RIGHTS } from '../rights.js';

/**
 * sock_accept(fd, flags) — "Accept a new incoming connection. Note: This is similar to `accept`
 * in POSIX." `flags`: "The desired values of the file descriptor flags" of the new fd (bits
 * outside fdflags are EINVAL). The new connection gets the lowest free fd. Not in wasi_unstable.
 * Nothing pending is EAGAIN: a synchronous host cannot suspend the guest to wait.
 * @returns success; EBADF; ENOTSOCK; ENOTCAPABLE without `sock_accept`; EAGAIN; EINVAL.
 *   Traps on a bad `ro_fd` pointer.
 */
export function sock_accept(ctx: SyscallContext, fd: number, flags: number, ro_fd: number): number {
  const sock = ctx.fds.getSocket(fd, CALL_RIGHTS.sock_accept);
  if ((flags & ~ALL_FDFLAGS) !== 0) fail(errno.inval, 'unknown fdflags bits');
  ctx.memory.check(ro_fd, 4, 4);
  ctx.memory.setU32(ro_fd, ctx.fds.insert(sock.sockAccept(flags)));
  return errno.success;
}

/**
 * sock_recv(fd, ri_data, ri_flags) — "Receive a message from a socket. Note: This is similar to
 * `recv` in POSIX, though it also supports reading the data into multiple buffers in the manner
 * of `readv`." riflags: recv_peek "Returns the message without removing it from the socket's
 * receive queue"; recv_waitall "On byte-stream sockets, block until the full amount of data can
 * be returned" (here: until full, end of stream, or nothing more buffered). Results: the byte
 * count (u32 @ro_datalen) and `roflags` (u16 @ro_flags); 0 bytes means the peer closed.
 * @returns success; EBADF; ENOTSOCK; ENOTCAPABLE without `fd_read`; EAGAIN when nothing is
 *   buffered; ENOTCONN on a listener; EINVAL for unknown riflags. Traps on bad buffers/pointers.
 */
export function sock_recv(ctx: SyscallContext, fd: number, ri_data: number, ri_data_len: number, ri_flags: number,
  ro_datalen: number, ro_flags: number): number {
  const sock = ctx.fds.getSocket(fd, CALL_RIGHTS.sock_recv);
  const f = ctx.abi.riflags;
  if ((ri_flags & ~(f.recv_peek | f.recv_waitall)) !== 0) fail(errno.inval, 'unknown riflags bits');
  const bufs = ctx.memory.iovecViews(ri_data, ri_data_len);
  ctx.memory.check(ro_datalen, 4, 4);
  ctx.memory.check(ro_flags, 2, 2);
  const { nread, roFlags } = sock.sockRecv(bufs, ri_flags);
  ctx.memory.setU32(ro_datalen, nread);
  ctx.memory.setU16(ro_flags, roFlags);
  return errno.success;
}

/**
 * sock_send(fd, si_data, si_flags) — "Send a message on a socket. Note: This is similar to `send`
 * in POSIX, though it also supports writing the data from multiple buffers in the manner of
 * `writev`." si_flags: "As there are currently no flags defined, it must be set to zero" —
 * anything else is EINVAL. Result: "Number of bytes transmitted" (u32 @so_datalen).
 * @returns success; EBADF; ENOTSOCK; ENOTCAPABLE without `fd_write`; EPIPE after shutdown(wr);
 *   ENOTCONN on a listener; EINVAL. Traps on bad buffers/pointers.
 */
export function sock_send(ctx: SyscallContext, fd: number, si_data: number, si_data_len: number, si_flags: number,
  so_datalen: number): number {
  const sock = ctx.fds.getSocket(fd, CALL_RIGHTS.sock_send);
  if (si_flags !== 0) fail(errno.inval, 'si_flags must be zero');
  const bufs = ctx.memory.iovecViews(si_data, si_data_len);
  ctx.memory.check(so_datalen, 4, 4);
  ctx.memory.setU32(so_datalen, sock.sockSend(bufs, si_flags));
  return errno.success;
}

/**
 * sock_shutdown(fd, how) — "Shut down socket send and receive channels. Note: This is similar to
 * `shutdown` in POSIX." `how`: sdflags rd "Disables further receive operations", wr "Disables
 * further send operations". No bit, or a bit outside sdflags, is EINVAL (POSIX: an invalid `how`).
 * @returns success; EBADF; ENOTSOCK; ENOTCAPABLE without `sock_shutdown`; ENOTCONN on a listener; EINVAL.
 */
export function sock_shutdown(ctx: SyscallContext, fd: number, how: number): number {
  const sock = ctx.fds.getSocket(fd, CALL_RIGHTS.sock_shutdown);
  const f = ctx.abi.sdflags;
  if (how === 0 || (how & ~(f.rd | f.wr)) !== 0) fail(errno.inval, 'invalid sdflags');
  sock.sockShutdown(how);
  return errno.success;
}
