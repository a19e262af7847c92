/**
 * Rights (`fs_rights_base` / `fs_rights_inheriting`): which rights each fd-scoped call needs, the
 * rights sets given to new fds, and the ONE check every call goes through (`requireRights`).
 *
 * `CALL_RIGHTS` lists the base rights a call always needs on its fd argument. Rights that depend on
 * an argument (fd_seek with whence=cur offset 0 needs only fd_tell; path_open with creat needs
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

/** Throw ENOTCAPABLE unless `have` includes every bit of `need`. */
export function requireRights(have: bigint, need: bigint): void {
  if ((have & need) !== need) throw new WasiError(errno.notcapable, 'insufficient rights');
}
