/**
 * Rights (`fs_rights_base` / `fs_rights_inheriting`): which rights each fd-scoped call needs, the
 * rights sets given to new fds, and the ONE check every call goes through (`requireRights`).
 *
 * `CALL_RIGHTS` lists the base rights a call always needs on its fd argument. Rights that depend on
 * an argument (fd_seek with whence=cur offset 0 needs only TELL_RIGHTS; path_open with creat needs
 * path_create_file; …) are checked by the syscall itself with `requireRights` on top.
 */
import { rights, type RightName, type SyscallName } from './abi.js';
import { errno } from './abi.js';
import { WasiError } from './errors.js';

/** OR of the named rights. */
export function rightsOf(...names: RightName[]): bigint {
  return names.reduce((acc, n) => acc | rights[n], 0n);
}

/** Base rights each fd-scoped call requires on its (first) fd argument. Calls not listed need none. */
export const CALL_RIGHTS: { readonly [K in SyscallName]?: bigint } = {
  fd_advise: rightsOf('fd_advise'),
  fd_allocate: rightsOf('fd_allocate'),
  fd_datasync: rightsOf('fd_datasync'),
  fd_fdstat_set_flags: rightsOf('fd_fdstat_set_flags'),
  fd_filestat_get: rightsOf('fd_filestat_get'),
  fd_filestat_set_size: rightsOf('fd_filestat_set_size'),
  fd_filestat_set_times: rightsOf('fd_filestat_set_times'),
  fd_pread: rightsOf('fd_read', 'fd_seek'),
  fd_pwrite: rightsOf('fd_write', 'fd_seek'),
  fd_read: rightsOf('fd_read'),
  fd_readdir: rightsOf('fd_readdir'),
  fd_seek: rightsOf('fd_seek'),
  fd_sync: rightsOf('fd_sync'),
  fd_tell: rightsOf('fd_tell'),
  fd_write: rightsOf('fd_write'),
  path_create_directory: rightsOf('path_create_directory'),
  path_filestat_get: rightsOf('path_filestat_get'),
  path_filestat_set_times: rightsOf('path_filestat_set_times'),
  path_link: rightsOf('path_link_source'),
  path_open: rightsOf('path_open'),
  path_readlink: rightsOf('path_readlink'),
  path_remove_directory: rightsOf('path_remove_directory'),
  path_rename: rightsOf('path_rename_source'),
  path_symlink: rightsOf('path_symlink'),
  path_unlink_file: rightsOf('path_unlink_file'),
  sock_accept: rightsOf('sock_accept'),
  sock_recv: rightsOf('fd_read'),
  sock_send: rightsOf('fd_write'),
  sock_shutdown: rightsOf('sock_shutdown'),
};

/** Rights of stdin/stdout/stderr: a stream (no seek/tell), readable and writable, pollable. */
export const STDIO_RIGHTS = rightsOf('fd_read', 'fd_write', 'fd_fdstat_set_flags', 'fd_filestat_get', 'poll_fd_readwrite');

/**
 * fd_tell's right: "fd_seek: The right to invoke fd_seek. This flag implies rights::fd_tell", so
 * an fd with either right may tell (requireAnyRight).
 */
export const TELL_RIGHTS = rightsOf('fd_tell', 'fd_seek');

/** Throw ENOTCAPABLE unless `have` includes at least one bit of `anyOf`. */
export function requireAnyRight(have: bigint, anyOf: bigint): void {
  if ((have & anyOf) === 0n) throw new WasiError(errno.notcapable, 'insufficient rights');
}

/** Throw ENOTCAPABLE unless `have` includes every bit of `need`. */
export function requireRights(have: bigint, need: bigint): void {
  if ((have & need) !== need) throw new WasiError(errno.notcapable, 'insufficient rights');
}

/**
 * Rights that apply to a regular file (path_open masks a new file fd's base rights with these:
 * "fewer rights than specified, if and only if those rights do not apply to the type of file").
 */
export const FILE_RIGHTS = rightsOf(
  'fd_datasync', 'fd_read', 'fd_seek', 'fd_fdstat_set_flags', 'fd_sync', 'fd_tell', 'fd_write', 'fd_advise',
  'fd_allocate', 'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'poll_fd_readwrite',
);

/** Rights that apply to a directory: the path_* calls, readdir, its own attributes and sync. */
export const DIRECTORY_RIGHTS = rightsOf(
  'fd_datasync', 'fd_fdstat_set_flags', 'fd_sync', 'path_create_directory', 'path_create_file', 'path_link_source',
  'path_link_target', 'path_open', 'fd_readdir', 'path_readlink', 'path_rename_source', 'path_rename_target',
  'path_filestat_get', 'path_filestat_set_size', 'path_filestat_set_times', 'fd_filestat_get', 'fd_filestat_set_times',
  'path_symlink', 'path_remove_directory', 'path_unlink_file', 'poll_fd_readwrite',
);

/** What a preopened directory may hand down to fds opened through it (uvwasi's choice too). */
export const DIRECTORY_INHERITING = DIRECTORY_RIGHTS | FILE_RIGHTS;

/** Rights of a connected socket fd handed in by the embedder. */
export const SOCKET_RIGHTS = rightsOf('fd_read', 'fd_write', 'fd_fdstat_set_flags', 'fd_filestat_get', 'poll_fd_readwrite', 'sock_shutdown');
/**
 * Rights of a listening socket fd handed in by the embedder. It keeps fd_read (polling it for
 * fd_read is how a guest waits for a connection) and the stream rights, which answer ENOTCONN.
 */
export const LISTENER_RIGHTS = SOCKET_RIGHTS | rightsOf('sock_accept');
