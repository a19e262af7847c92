/**
 * path_* syscalls. Check order in each: fd lookup with the call's rights (FdTable.getDirectory +
 * CALL_RIGHTS, plus rights an argument implies), flag validation, the guest path strings
 * (memory.ts: a bad pointer traps, invalid UTF-8 is EILSEQ), result pointers, then the action —
 * path resolution in the sandbox (fs/resolve.ts, via the directory fd) and the operation — and
 * the result writes.
 *
 * Paths are relative to the directory fd and never leave it: `..` above it, an absolute path or a
 * symbolic link leading out is ENOTCAPABLE (docs/CHOICES.md; EPERM is what wasmtime and wazero
 * say). Errno choices for odd last components follow Linux (fs/sandbox.ts).
 */
import { errno, lookupflags, oflags } from '../abi.js';
import type { SyscallContext } from '../context.js';
import { fail } from '../errors.js';
import { CALL_RIGHTS, requireRights } from '../rights.js';
import { ALL_FDFLAGS } from '../fd/file.js';
import { timesFromFlags } from './times.js';

const ALL_LOOKUPFLAGS = Object.values(lookupflags).reduce((a, b) => a | b, 0);
const ALL_OFLAGS = Object.values(oflags).reduce((a, b) => a | b, 0);

/** A `lookupflags` value with no unknown bits (else EINVAL). */
function checkLookup(flags: number): number {
  return (flags & ~ALL_LOOKUPFLAGS) === 0 ? flags : fail(errno.inval, 'unknown lookupflags bits');
}

/**
 * path_create_directory(fd, path) — "Create a directory. Note: This is similar to `mkdirat` in
 * POSIX."
 * @returns success; EBADF; ENOTCAPABLE without `path_create_directory` or for a path leaving the
 *   fd; EEXIST if something is there (a dangling symlink included); ENOENT/ENOTDIR on the way.
 */
export function path_create_directory(ctx: SyscallContext, fd: number, path: number, path_len: number): number {
  const dir = ctx.fds.getDirectory(fd, CALL_RIGHTS.path_create_directory);
  dir.pathCreateDirectory(ctx.memory.string(path, path_len));
  return errno.success;
}

/**
 * path_filestat_get(fd, flags, path) — "Return the attributes of a file or directory. Note: This
 * is similar to `stat` in POSIX." `flags.symlink_follow`: "As long as the resolved path
 * corresponds to a symbolic link, it is expanded"; without it a symlink's own attributes are
 * returned. Memory: `filestat` per ABI (preview1 64 bytes, wasi_unstable 56; alignment 8).
 * @returns success; EBADF; ENOTCAPABLE; ENOENT; ENOTDIR; ELOOP; EINVAL for unknown flags.
 *   Traps on a bad path or result pointer.
 */
export function path_filestat_get(ctx: SyscallContext, fd: number, flags: number, path: number, path_len: number, buf: number): number {
  const dir = ctx.fds.getDirectory(fd, CALL_RIGHTS.path_filestat_get);
  checkLookup(flags);
  const p = ctx.memory.string(path, path_len);
  const layout = ctx.abi.layouts.filestat;
  ctx.memory.check(buf, layout.size, layout.align);
  ctx.memory.writeStruct(layout, buf, dir.pathFilestatGet(flags, p));
  return errno.success;
}

/**
 * path_filestat_set_times(fd, flags, path, atim, mtim, fst_flags) — "Adjust the timestamps of a
 * file or directory. Note: This is similar to `utimensat` in POSIX." Without `symlink_follow` a
 * symlink's own timestamps are set. fst_flags as fd_filestat_set_times (times.ts).
 * @returns success; EBADF; ENOTCAPABLE; ENOENT; EINVAL for unknown or contradictory flags.
 */
export function path_filestat_set_times(ctx: SyscallContext, fd: number, flags: number, path: number, path_len: number,
  atim: bigint, mtim: bigint, fst_flags: number): number {
  const dir = ctx.fds.getDirectory(fd, CALL_RIGHTS.path_filestat_set_times);
  checkLookup(flags);
  const times = timesFromFlags(ctx, atim, mtim, fst_flags);
  dir.pathFilestatSetTimes(flags, ctx.memory.string(path, path_len), times);
  return errno.success;
}

/**
 * path_link(old_fd, old_flags, old_path, new_fd, new_path) — "Create a hard link. Note: This is
 * similar to `linkat` in POSIX." `old_flags.symlink_follow` links the symlink's target instead of
 * the symlink. Both paths stay inside their fds.
 * @returns success; EBADF; ENOTCAPABLE without `path_link_source` (old_fd) / `path_link_target`
 *   (new_fd) or for a path leaving its fd; EEXIST; EPERM for a directory; EXDEV across backends.
 */
export function path_link(ctx: SyscallContext, old_fd: number, old_flags: number, old_path: number, old_path_len: number,
  new_fd: number, new_path: number, new_path_len: number): number {
  const from = ctx.fds.getDirectory(old_fd, CALL_RIGHTS.path_link);
  const to = ctx.fds.getDirectory(new_fd, ctx.abi.rights.path_link_target);
  checkLookup(old_flags);
  const oldPath = ctx.memory.string(old_path, old_path_len);
  const newPath = ctx.memory.string(new_path, new_path_len);
  from.pathLink(old_flags, oldPath, to, newPath);
  return errno.success;
}

/**
 * path_open(fd, dirflags, path, oflags, fs_rights_base, fs_rights_inheriting, fdflags) — "Open a
 * file or directory. … The returned file descriptor is guaranteed to be less than 2**31. Note:
 * This is similar to `openat` in POSIX."
 *
 * Rights: besides `path_open`, `oflags.creat` needs `path_create_file` and `oflags.trunc`
 * `path_filestat_set_size` on `fd`; the requested base and inheriting rights (plus `fd_datasync`
 * for fdflags.dsync, `fd_sync` for rsync/sync) must be within `fd`'s inheriting rights — "The
 * implementation is allowed to return a file descriptor with fewer rights than specified, if and
 * only if those rights do not apply to the type of file being opened", so a request it cannot
 * grant is ENOTCAPABLE, and rights that do not apply are dropped (fd/directory.ts).
 * The new fd is the lowest free number (the spec allows any number below 2**31).
 * @returns success; EBADF; ENOTCAPABLE; ENOENT; EEXIST (creat+excl); ENOTDIR (directory flag);
 *   EISDIR (writing a directory); ELOOP (symlink without follow); EINVAL for unknown flag bits.
 *   Traps on a bad path or `opened_fd` pointer.
 */
export function path_open(ctx: SyscallContext, fd: number, dirflags: number, path: number, path_len: number, oflagBits: number,
  fs_rights_base: bigint, fs_rights_inheriting: bigint, fdflags: number, opened_fd: number): number {
  const r = ctx.abi.rights;
  const need = CALL_RIGHTS.path_open!
    | (oflagBits & oflags.creat ? r.path_create_file! : 0n)
    | (oflagBits & oflags.trunc ? r.path_filestat_set_size! : 0n);
  const dir = ctx.fds.getDirectory(fd, need);
  checkLookup(dirflags);
  if ((oflagBits & ~ALL_OFLAGS) !== 0) fail(errno.inval, 'unknown oflags bits');
  if ((fdflags & ~ALL_FDFLAGS) !== 0) fail(errno.inval, 'unknown fdflags bits');
  const f = ctx.abi.fdflags;
  const implied = (fdflags & f.dsync ? r.fd_datasync! : 0n) | (fdflags & (f.rsync | f.sync) ? r.fd_sync! : 0n);
  requireRights(dir.rightsInheriting, fs_rights_base | fs_rights_inheriting | implied);
  const p = ctx.memory.string(path, path_len);
  ctx.memory.check(opened_fd, 4, 4);
  const opened = dir.pathOpen(dirflags, p, oflagBits, fs_rights_base, fs_rights_inheriting, fdflags);
  ctx.memory.setU32(opened_fd, ctx.fds.insert(opened));
  return errno.success;
}

/**
 * path_readlink(fd, path, buf, buf_len) — "Read the contents of a symbolic link. Note: This is
 * similar to `readlinkat` in POSIX." Result: "The number of bytes placed in the buffer." A target
 * longer than `buf_len` is truncated to it, as POSIX readlink does (no NUL is added).
 * @returns success; EBADF; ENOTCAPABLE; ENOENT; EINVAL if it is not a symlink. Traps on a bad
 *   path, buffer or `bufused` pointer.
 */
export function path_readlink(ctx: SyscallContext, fd: number, path: number, path_len: number, buf: number, buf_len: number,
  bufused: number): number {
  const dir = ctx.fds.getDirectory(fd, CALL_RIGHTS.path_readlink);
  const p = ctx.memory.string(path, path_len);
  ctx.memory.check(buf, buf_len);
  ctx.memory.check(bufused, 4, 4);
  const target = dir.pathReadlink(p).subarray(0, buf_len);
  ctx.memory.write(buf, target);
  ctx.memory.setU32(bufused, target.length);
  return errno.success;
}

/**
 * path_remove_directory(fd, path) — "Remove a directory. Return `errno::notempty` if the directory
 * is not empty. Note: This is similar to `unlinkat(fd, path, AT_REMOVEDIR)` in POSIX."
 * @returns success; EBADF; ENOTCAPABLE; ENOENT; ENOTDIR (a file or a symlink); ENOTEMPTY; EINVAL for `.`.
 */
export function path_remove_directory(ctx: SyscallContext, fd: number, path: number, path_len: number): number {
  const dir = ctx.fds.getDirectory(fd, CALL_RIGHTS.path_remove_directory);
  dir.pathRemoveDirectory(ctx.memory.string(path, path_len));
  return errno.success;
}

/**
 * path_rename(fd, old_path, new_fd, new_path) — "Rename a file or directory. Note: This is
 * similar to `renameat` in POSIX." Replaces a file, or an empty directory with a directory.
 * @returns success; EBADF; ENOTCAPABLE without `path_rename_source` (fd) / `path_rename_target`
 *   (new_fd) or for a path leaving its fd; ENOENT; EISDIR; ENOTDIR; ENOTEMPTY; EINVAL (a
 *   directory into itself); EXDEV across backends.
 */
export function path_rename(ctx: SyscallContext, fd: number, old_path: number, old_path_len: number, new_fd: number,
  new_path: number, new_path_len: number): number {
  const from = ctx.fds.getDirectory(fd, CALL_RIGHTS.path_rename);
  const to = ctx.fds.getDirectory(new_fd, ctx.abi.rights.path_rename_target);
  const oldPath = ctx.memory.string(old_path, old_path_len);
  const newPath = ctx.memory.string(new_path, new_path_len);
  from.pathRename(oldPath, to, newPath);
  return errno.success;
}

/**
 * path_symlink(old_path, fd, new_path) — "Create a symbolic link. Note: This is similar to
 * `symlinkat` in POSIX." `old_path` is "The contents of the symbolic link". A relative target is
 * stored as given (following it later is sandboxed); an absolute target is refused with
 * ENOTCAPABLE, as wasmtime does — it could never be followed inside the sandbox.
 * @returns success; EBADF; ENOTCAPABLE; EEXIST; ENOENT on the way or for an empty target.
 */
export function path_symlink(ctx: SyscallContext, old_path: number, old_path_len: number, fd: number, new_path: number,
  new_path_len: number): number {
  const dir = ctx.fds.getDirectory(fd, CALL_RIGHTS.path_symlink);
  const target = ctx.memory.string(old_path, old_path_len);
  const newPath = ctx.memory.string(new_path, new_path_len);
  dir.pathSymlink(target, newPath);
  return errno.success;
}

/**
 * path_unlink_file(fd, path) — "Unlink a file. Return `errno::isdir` if the path refers to a
 * directory. Note: This is similar to `unlinkat(fd, path, 0)` in POSIX." A symlink is removed
 * itself, never its target.
 * @returns success; EBADF; ENOTCAPABLE; ENOENT; EISDIR; ENOTDIR (trailing `/` on a file).
 */
export function path_unlink_file(ctx: SyscallContext, fd: number, path: number, path_len: number): number {
  const dir = ctx.fds.getDirectory(fd, CALL_RIGHTS.path_unlink_file);
  dir.pathUnlinkFile(ctx.memory.string(path, path_len));
  return errno.success;
}
