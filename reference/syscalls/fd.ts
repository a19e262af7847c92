/**
 * fd_* syscalls. Check order in each: fd lookup with the call's rights (FdTable.get +
 * CALL_RIGHTS), guest inputs and result pointers (memory.ts — a bad pointer traps before any
 * action), the action (an FdObject method), the result writes.
 */
import { errno } from '../abi.js';
import type { SyscallContext } from '../context.js';
import { fail } from '../errors.js';
import type { Whence } from '../fd/base.js';
import { ALL_FDFLAGS } from '../fd/file.js';
import { CALL_RIGHTS, requireAnyRight, TELL_RIGHTS } from '../rights.js';
import { timesFromFlags } from './times.js';

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
  const file = ctx.fds.getBytes(fd, CALL_RIGHTS.fd_read);
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
  const file = ctx.fds.getBytes(fd, CALL_RIGHTS.fd_write);
  const bufs = ctx.memory.iovecViews(iovs, iovs_len);
  ctx.memory.check(nwritten, 4, 4);
  ctx.memory.setU32(nwritten, file.write(bufs));
  return errno.success;
}

/**
 * fd_advise(fd, offset, len, advice) — "Provide file advisory information on a file descriptor.
 * Note: This is similar to `posix_fadvise` in POSIX."
 * Advice is a hint: a valid value changes nothing observable. An `advice` outside the enum is
 * EINVAL (docs/CHOICES.md, POSIX).
 * @returns success; EBADF if not open; ENOTCAPABLE without `fd_advise`; EINVAL for a bad advice;
 *   ESPIPE on a stream.
 */
export function fd_advise(ctx: SyscallContext, fd: number, offset: bigint, len: bigint, advice: number): number {
  const file = ctx.fds.get(fd, CALL_RIGHTS.fd_advise);
  if (!Object.values(ctx.abi.advice).includes(advice)) fail(errno.inval, 'unknown advice');
  file.advise(offset, len, advice);
  return errno.success;
}

/**
 * fd_allocate(fd, offset, len) — "Force the allocation of space in a file. Note: This is similar
 * to `posix_fallocate` in POSIX." The file grows to at least `offset + len` bytes (zeros); a
 * smaller range changes nothing (docs/CHOICES.md).
 * @returns success; EBADF if not open or a directory (docs/CHOICES.md); ENOTCAPABLE without
 *   `fd_allocate`; EFBIG past 2^63-1.
 */
export function fd_allocate(ctx: SyscallContext, fd: number, offset: bigint, len: bigint): number {
  ctx.fds.getBytes(fd, CALL_RIGHTS.fd_allocate).allocate(offset, len);
  return errno.success;
}

/**
 * fd_datasync(fd) — "Synchronize the data of a file to disk. Note: This is similar to
 * `fdatasync` in POSIX."
 * @returns success; EBADF if not open; ENOTCAPABLE without `fd_datasync`; EINVAL for a stream.
 */
export function fd_datasync(ctx: SyscallContext, fd: number): number {
  ctx.fds.get(fd, CALL_RIGHTS.fd_datasync).datasync();
  return errno.success;
}

/**
 * fd_sync(fd) — "Synchronize the data and metadata of a file to disk. Note: This is similar to
 * `fsync` in POSIX."
 * @returns success; EBADF if not open; ENOTCAPABLE without `fd_sync`; EINVAL for a stream.
 */
export function fd_sync(ctx: SyscallContext, fd: number): number {
  ctx.fds.get(fd, CALL_RIGHTS.fd_sync).sync();
  return errno.success;
}

/**
 * fd_fdstat_set_flags(fd, flags) — "Adjust the flags associated with a file descriptor. Note:
 * This is similar to `fcntl(fd, F_SETFL, flags)` in POSIX."
 * Any combination of the `fdflags` bits is accepted on files and directories; a bit outside
 * `fdflags` is EINVAL.
 * @returns success; EBADF if not open; ENOTCAPABLE without `fd_fdstat_set_flags`; EINVAL.
 */
export function fd_fdstat_set_flags(ctx: SyscallContext, fd: number, flags: number): number {
  const obj = ctx.fds.get(fd, CALL_RIGHTS.fd_fdstat_set_flags);
  if ((flags & ~ALL_FDFLAGS) !== 0) fail(errno.inval, 'unknown fdflags bits');
  obj.setFlags(flags);
  return errno.success;
}

/**
 * fd_fdstat_set_rights(fd, fs_rights_base, fs_rights_inheriting) — "Adjust the rights associated
 * with a file descriptor. This can only be used to remove rights, and returns
 * `errno::notcapable` if called in a way that would attempt to add rights".
 * @returns success; EBADF if not open; ENOTCAPABLE when either set is not a subset of the current one.
 */
export function fd_fdstat_set_rights(ctx: SyscallContext, fd: number, base: bigint, inheriting: bigint): number {
  ctx.fds.get(fd).setRights(base, inheriting);
  return errno.success;
}

/**
 * fd_filestat_get(fd) — "Return the attributes of an open file."
 * Memory: `filestat` from the ABI table — preview1 64 bytes (nlink u64 @24), wasi_unstable 56
 * bytes (nlink u32 @20); alignment 8.
 * @returns success; EBADF if not open; ENOTCAPABLE without `fd_filestat_get`. Traps on a bad pointer.
 */
export function fd_filestat_get(ctx: SyscallContext, fd: number, buf: number): number {
  const obj = ctx.fds.get(fd, CALL_RIGHTS.fd_filestat_get);
  const layout = ctx.abi.layouts.filestat;
  ctx.memory.check(buf, layout.size, layout.align);
  ctx.memory.writeStruct(layout, buf, obj.filestat());
  return errno.success;
}

/**
 * fd_filestat_set_size(fd, size) — "Adjust the size of an open file. If this increases the file's
 * size, the extra bytes are filled with zeros. Note: This is similar to `ftruncate` in POSIX."
 * @returns success; EBADF if not open or a directory (docs/CHOICES.md); ENOTCAPABLE without
 *   `fd_filestat_set_size`; EINVAL for a stream; EFBIG past the largest size.
 */
export function fd_filestat_set_size(ctx: SyscallContext, fd: number, size: bigint): number {
  ctx.fds.getBytes(fd, CALL_RIGHTS.fd_filestat_set_size).setSize(size);
  return errno.success;
}

/**
 * fd_filestat_set_times(fd, atim, mtim, fst_flags) — "Adjust the timestamps of an open file or
 * directory. Note: This is similar to `futimens` in POSIX." Timestamps are stored to the
 * nanosecond where the backend can (see times.ts for fst_flags).
 * @returns success; EBADF if not open; ENOTCAPABLE without `fd_filestat_set_times`; EINVAL for
 *   contradictory or unknown fst_flags.
 */
export function fd_filestat_set_times(ctx: SyscallContext, fd: number, atim: bigint, mtim: bigint, fst_flags: number): number {
  const obj = ctx.fds.get(fd, CALL_RIGHTS.fd_filestat_set_times);
  obj.setTimes(timesFromFlags(ctx, atim, mtim, fst_flags));
  return errno.success;
}

/**
 * fd_pread(fd, iovs, offset) — "Read from a file descriptor, without using and updating the file
 * descriptor's offset. Note: This is similar to `preadv` in Linux (and other Unix-es)."
 * Memory: iovec array as fd_read; `nread` u32.
 * @returns success; EBADF if not open or a directory; ENOTCAPABLE without `fd_read` and `fd_seek`;
 *   ESPIPE on a stream. Traps on a bad iovec array, buffer or `nread`.
 */
export function fd_pread(ctx: SyscallContext, fd: number, iovs: number, iovs_len: number, offset: bigint, nread: number): number {
  const file = ctx.fds.getBytes(fd, CALL_RIGHTS.fd_pread);
  const bufs = ctx.memory.iovecViews(iovs, iovs_len);
  ctx.memory.check(nread, 4, 4);
  ctx.memory.setU32(nread, file.pread(bufs, offset));
  return errno.success;
}

/**
 * fd_pwrite(fd, iovs, offset) — "Write to a file descriptor, without using and updating the file
 * descriptor's offset. Note: This is similar to `pwritev` in Linux (and other Unix-es)." The data
 * goes to `offset` even on an `append` fd (the call does not use the fd's offset).
 * @returns success; EBADF if not open or a directory; ENOTCAPABLE without `fd_write` and `fd_seek`;
 *   ESPIPE on a stream. Traps on a bad ciovec array, buffer or `nwritten`.
 */
export function fd_pwrite(ctx: SyscallContext, fd: number, iovs: number, iovs_len: number, offset: bigint, nwritten: number): number {
  const file = ctx.fds.getBytes(fd, CALL_RIGHTS.fd_pwrite);
  const bufs = ctx.memory.iovecViews(iovs, iovs_len);
  ctx.memory.check(nwritten, 4, 4);
  ctx.memory.setU32(nwritten, file.pwrite(bufs, offset));
  return errno.success;
}

/** Each ABI's `whence` values → names, built once per ABI table. */
const whenceNames = new WeakMap<SyscallContext['abi'], ReadonlyMap<number, Whence>>();

/** The `whence` name of a raw value in this ABI (preview1 set=0 cur=1 end=2; unstable cur=0 end=1 set=2). */
function whenceOf(ctx: SyscallContext, raw: number): Whence {
  let names = whenceNames.get(ctx.abi);
  if (!names) {
    names = new Map((Object.entries(ctx.abi.whence) as [Whence, number][]).map(([name, v]) => [v, name]));
    whenceNames.set(ctx.abi, names);
  }
  return names.get(raw) ?? fail(errno.inval, `unknown whence ${raw}`);
}

/**
 * fd_seek(fd, offset, whence) — "Move the offset of a file descriptor. Note: This is similar to
 * `lseek` in POSIX." `offset` is a signed `filedelta`; the result is "The new offset of the file
 * descriptor, relative to the start of the file." Seeking past the end is allowed; before the
 * start is EINVAL (POSIX). As uvwasi does, `cur` with offset 0 (a tell) needs only the right to
 * tell (`fd_tell`, or `fd_seek`, which "implies rights::fd_tell").
 * Memory: `newoffset` u64 (alignment 8).
 * @returns success; EBADF if not open or a directory; ENOTCAPABLE without `fd_seek`; EINVAL for an
 *   unknown whence, a negative result or one past 2^63-1 (docs/CHOICES.md); ESPIPE on a stream.
 *   Traps on a bad pointer.
 */
export function fd_seek(ctx: SyscallContext, fd: number, offset: bigint, whence: number, newoffset: number): number {
  const delta = BigInt.asIntN(64, offset);
  const isTell = whence === ctx.abi.whence.cur && delta === 0n;
  const file = ctx.fds.getBytes(fd, isTell ? 0n : CALL_RIGHTS.fd_seek);
  if (isTell) requireAnyRight(file.rightsBase, TELL_RIGHTS);
  const how = whenceOf(ctx, whence);
  ctx.memory.check(newoffset, 8, 8);
  ctx.memory.setU64(newoffset, file.seek(delta, how));
  return errno.success;
}

/**
 * fd_tell(fd) — "Return the current offset of a file descriptor. Note: This is similar to
 * `lseek(fd, 0, SEEK_CUR)` in POSIX." Memory: `offset` u64 (alignment 8).
 * Rights: `fd_tell` or `fd_seek` ("fd_seek … This flag implies rights::fd_tell").
 * @returns success; EBADF if not open or a directory; ENOTCAPABLE without either; ESPIPE on a
 *   stream. Traps on a bad pointer.
 */
export function fd_tell(ctx: SyscallContext, fd: number, offset: number): number {
  const file = ctx.fds.getBytes(fd);
  requireAnyRight(file.rightsBase, TELL_RIGHTS);
  ctx.memory.check(offset, 8, 8);
  ctx.memory.setU64(offset, file.tell());
  return errno.success;
}

/**
 * fd_renumber(fd, to) — "Atomically replace a file descriptor by renumbering another file
 * descriptor." `to` is closed and `fd` takes its number. Both must be open (docs/CHOICES.md:
 * EBADF for an unopened `to`, as most runtimes); renumbering an fd onto itself changes nothing.
 * @returns success; EBADF if either is not open.
 */
export function fd_renumber(ctx: SyscallContext, fd: number, to: number): number {
  ctx.fds.renumber(fd, to);
  return errno.success;
}

const utf8 = new TextEncoder();

/**
 * fd_prestat_get(fd) — "Return a description of the given preopened file descriptor."
 * Memory: `prestat` (8 bytes, alignment 4): tag u8 @0 = preopentype::dir, pr_name_len u32 @4 —
 * the byte length of the name fd_prestat_dir_name writes (no NUL).
 * @returns success; EBADF if not open, and for an open fd that is not a preopen (docs/CHOICES.md;
 *   wasi-libc stops scanning preopens at the first EBADF). Traps on a bad pointer.
 */
export function fd_prestat_get(ctx: SyscallContext, fd: number, buf: number): number {
  const name = ctx.fds.get(fd).preopenName();
  const layout = ctx.abi.layouts.prestat;
  ctx.memory.check(buf, layout.size, layout.align);
  ctx.memory.writeStruct(layout, buf, { tag: ctx.abi.preopentype.dir, pr_name_len: utf8.encode(name).length });
  return errno.success;
}

/**
 * fd_prestat_dir_name(fd, path, path_len) — "Return a description of the given preopened file
 * descriptor": writes the preopen's name, UTF-8, without a NUL, into `path`.
 * A `path_len` shorter than the name is ENAMETOOLONG and writes nothing (docs/CHOICES.md:
 * wasmtime's answer); a longer buffer gets exactly the name's bytes.
 * @returns success; EBADF if not open or not a preopen; ENAMETOOLONG. Traps on a bad buffer.
 */
export function fd_prestat_dir_name(ctx: SyscallContext, fd: number, path: number, path_len: number): number {
  const name = utf8.encode(ctx.fds.get(fd).preopenName());
  if (path_len < name.length) fail(errno.nametoolong, 'buffer shorter than the preopen name');
  ctx.memory.write(path, name);
  return errno.success;
}

/**
 * fd_readdir(fd, buf, buf_len, cookie) — "Read directory entries from a directory. When
 * successful, the contents of the output buffer consist of a sequence of directory entries. Each
 * directory entry consists of a `dirent` object, followed by `dirent::d_namlen` bytes holding the
 * name of the directory entry. This function fills the output buffer as much as possible,
 * potentially truncating the last directory entry." Result: "The number of bytes stored in the
 * read buffer. If less than the size of the read buffer, the end of the directory has been reached."
 *
 * Entries include `.` and `..` (WASI issue #516, docs/CHOICES.md). A cookie is an index into
 * the listing the fd took when the guest read from cookie 0: entry i has d_next = i + 1, so
 * cookies stay valid while the guest iterates even if it removes entries meanwhile. Entries are
 * packed back to back (dirents in the buffer need not be aligned, as in every runtime).
 * Memory: `dirent` header 24 bytes: d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20.
 * @returns success; EBADF if not open; ENOTCAPABLE without `fd_readdir`; ENOTDIR for a non-directory.
 *   Traps if `buf`..`buf+buf_len` or `bufused` is out of bounds.
 */
export function fd_readdir(ctx: SyscallContext, fd: number, buf: number, buf_len: number, cookie: bigint, bufused: number): number {
  const dir = ctx.fds.getDirectory(fd, CALL_RIGHTS.fd_readdir);
  ctx.memory.check(buf, buf_len);
  ctx.memory.check(bufused, 4, 4);
  const entries = dir.readdir(cookie);
  const bytes = encodeDirents(ctx, entries, cookie, buf_len);
  ctx.memory.write(buf, bytes);
  ctx.memory.setU32(bufused, bytes.length);
  return errno.success;
}

/** Dirents from index `cookie` on, serialised, cut at `limit` bytes. */
function encodeDirents(ctx: SyscallContext, entries: readonly { name: string; ino: bigint; filetype: number }[],
  cookie: bigint, limit: number): Uint8Array {
  const { size, fields } = ctx.abi.layouts.dirent;
  const out = new Uint8Array(limit);
  const outView = new DataView(out.buffer);
  const header = (view: DataView, at: number, next: number, ino: bigint, namlen: number, type: number) => {
    view.setBigUint64(at + fields.d_next.offset, BigInt(next), true);
    view.setBigUint64(at + fields.d_ino.offset, ino, true);
    view.setUint32(at + fields.d_namlen.offset, namlen, true);
    view.setUint8(at + fields.d_type.offset, type);
  };
  let used = 0;
  for (let i = cookie < BigInt(entries.length) ? Number(cookie) : entries.length; i < entries.length && used < limit; i++) {
    const entry = entries[i]!;
    const name = utf8.encode(entry.name);
    if (used + size + name.length <= limit) {
      header(outView, used, i + 1, entry.ino, name.length, entry.filetype);
      out.set(name, used + size);
      used += size + name.length;
    } else {
      // the last record does not fit: the buffer ends with as much of it as fits
      const record = new Uint8Array(size + name.length);
      header(new DataView(record.buffer), 0, i + 1, entry.ino, name.length, entry.filetype);
      record.set(name, size);
      out.set(record.subarray(0, limit - used), used);
      used = limit;
    }
  }
  return out.subarray(0, used);
}
