/**
 * fd_* syscalls. Check order in each: fd lookup with the call's rights (FdTable.get +
 * CALL_RIGHTS), guest inputs and result pointers (memory.ts — a bad pointer traps before any
 * action), the action (an FdObject method), the result writes.
 */
import { errno } from '../abi.js';
import type { SyscallContext } from '../context.js';
import { CALL_RIGHTS } from '../rights.js';

/**
 * fd_close(fd) — "Close a file descriptor. Note: This is similar to `close` in POSIX."
 * Closing a stdio fd forgets it in the guest; the host fd stays open.
 * @returns success; EBADF if `fd` is not open.
 */
export function fd_close(ctx: SyscallContext, fd: number): number {
  ctx.fds.close(fd);
  return errno.success;
}

/**
 * fd_fdstat_get(fd) — "Get the attributes of a file descriptor. Note: This returns similar flags
 * to `fcntl(fd, F_GETFL)` in POSIX, as well as additional fields."
 * Memory: `fdstat` (24 bytes, alignment 8): fs_filetype u8 @0, fs_flags u16 @2,
 * fs_rights_base u64 @8, fs_rights_inheriting u64 @16.
 * @returns success; EBADF if `fd` is not open. Traps on a bad result pointer.
 */
export function fd_fdstat_get(ctx: SyscallContext, fd: number, buf: number): number {
  const st = ctx.fds.get(fd).fdstat();
  ctx.memory.writeStruct(ctx.abi.layouts.fdstat, buf, {
    fs_filetype: st.filetype, fs_flags: st.flags, fs_rights_base: st.rightsBase, fs_rights_inheriting: st.rightsInheriting,
  });
  return errno.success;
}

/**
 * fd_read(fd, iovs) — "Read from a file descriptor. Note: This is similar to `readv` in POSIX."
 * Memory: `iovs` is `iovs_len` × iovec {buf u32 @0, buf_len u32 @4} (alignment 4); `nread` u32.
 * A short read is allowed; 0 bytes means end of file.
 * @returns success; EBADF if not open (or not readable), ENOTCAPABLE without `fd_read`, errors of
 *   the fd (e.g. EISDIR/EBADF for a directory). Traps on a bad iovec array, buffer or `nread`.
 */
export function fd_read(ctx: SyscallContext, fd: number, iovs: number, iovs_len: number, nread: number): number {
  const file = ctx.fds.get(fd, CALL_RIGHTS.fd_read);
  const bufs = ctx.memory.iovecViews(iovs, iovs_len);
  ctx.memory.check(nread, 4, 4);
  ctx.memory.setU32(nread, file.read(bufs));
  return errno.success;
}

/**
 * fd_write(fd, iovs) — "Write to a file descriptor. Note: This is similar to `writev` in POSIX."
 * Memory: `iovs` is `iovs_len` × ciovec {buf u32 @0, buf_len u32 @4} (alignment 4); `nwritten` u32.
 * @returns success; EBADF if not open (or not writable), ENOTCAPABLE without `fd_write`, errors of
 *   the fd. Traps on a bad ciovec array, buffer or `nwritten` before anything is written.
 */
export function fd_write(ctx: SyscallContext, fd: number, iovs: number, iovs_len: number, nwritten: number): number {
  const file = ctx.fds.get(fd, CALL_RIGHTS.fd_write);
  const bufs = ctx.memory.iovecViews(iovs, iovs_len);
  ctx.memory.check(nwritten, 4, 4);
  ctx.memory.setU32(nwritten, file.write(bufs));
  return errno.success;
}
