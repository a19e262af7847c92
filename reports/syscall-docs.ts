/**
 * What the spec says about each WASI call, one row per function: the table the report pages
 * show beside the results. Written by hand from the preview1 docs
 * (https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md) — those docs are not
 * available when reports are generated, so the facts live here.
 *
 * - `summary`: the spec's own description, shortened to one line.
 * - `posix`: the POSIX call the docs name as similar, if any.
 * - `params`: the parameters as the core-wasm import receives them (a `string` or `*_array`
 *   becomes pointer + length; each result value becomes an out-pointer appended at the end),
 *   so a recorded trace `fd_write(1, 1024, 1, 2048)` reads `fd=1 iovs=1024 iovs_len=1 nwritten=2048`.
 * - `family` and `abis` come from suites/spec.ts (`sock_accept` is preview1 only).
 */
import { ABIS, type Abi } from '../suites/sidecar.js';
import { FAMILIES, familyOf, hasFunction, type Family } from '../suites/spec.js';

export { FAMILIES, familyOf, type Family };

/** Syscall families, in the order reports list them. */

export interface SyscallDoc {
  name: string;
  family: Family;
  signature: string;
  summary: string;
  posix: string | null;
  params: readonly string[];
  abis: readonly Abi[];
}

type Row = [name: string, signature: string, summary: string, posix: string | null, params: string];

/** name, signature, summary, POSIX analogue, core-wasm parameter names (space separated). */
const ROWS: readonly Row[] = [
  ['args_get', 'args_get(argv: Pointer<Pointer<u8>>, argv_buf: Pointer<u8>) -> Result<(), errno>',
    'Read command-line argument data: an array of pointers sized as args_sizes_get says, each argument `\\0`-terminated.', null,
    'argv argv_buf'],
  ['args_sizes_get', 'args_sizes_get() -> Result<(size, size), errno>',
    'Return the number of arguments and the size of the argument string data.', null,
    'argc_out argv_buf_size_out'],
  ['environ_get', 'environ_get(environ: Pointer<Pointer<u8>>, environ_buf: Pointer<u8>) -> Result<(), errno>',
    'Read environment variable data: `KEY=value` pairs, each terminated with `\\0`, sized as environ_sizes_get says.', null,
    'environ environ_buf'],
  ['environ_sizes_get', 'environ_sizes_get() -> Result<(size, size), errno>',
    'Return the number of environment variables and the size of the environment string data.', null,
    'environc_out environ_buf_size_out'],
  ['clock_res_get', 'clock_res_get(id: clockid) -> Result<timestamp, errno>',
    'Return the resolution of a clock: non-zero for supported clocks, `inval` for unsupported ones.', 'clock_getres',
    'id resolution_out'],
  ['clock_time_get', 'clock_time_get(id: clockid, precision: timestamp) -> Result<timestamp, errno>',
    'Return the time value of a clock in nanoseconds (realtime counts from 1970-01-01T00:00:00Z; monotonic never jumps back).', 'clock_gettime',
    'id precision time_out'],
  ['fd_advise', 'fd_advise(fd: fd, offset: filesize, len: filesize, advice: advice) -> Result<(), errno>',
    'Provide file advisory information (normal, sequential, random, willneed, dontneed, noreuse) on a file descriptor.', 'posix_fadvise',
    'fd offset len advice'],
  ['fd_allocate', 'fd_allocate(fd: fd, offset: filesize, len: filesize) -> Result<(), errno>',
    'Force the allocation of space in a file for the given region.', 'posix_fallocate',
    'fd offset len'],
  ['fd_close', 'fd_close(fd: fd) -> Result<(), errno>',
    'Close a file descriptor.', 'close',
    'fd'],
  ['fd_datasync', 'fd_datasync(fd: fd) -> Result<(), errno>',
    'Synchronize the data of a file to disk.', 'fdatasync',
    'fd'],
  ['fd_fdstat_get', 'fd_fdstat_get(fd: fd) -> Result<fdstat, errno>',
    'Get the attributes of a file descriptor: file type, fd flags, base and inheriting rights.', 'fcntl(F_GETFL)',
    'fd fdstat_out'],
  ['fd_fdstat_set_flags', 'fd_fdstat_set_flags(fd: fd, flags: fdflags) -> Result<(), errno>',
    'Adjust the flags (append, dsync, nonblock, rsync, sync) of a file descriptor.', 'fcntl(F_SETFL)',
    'fd flags'],
  ['fd_fdstat_set_rights', 'fd_fdstat_set_rights(fd: fd, fs_rights_base: rights, fs_rights_inheriting: rights) -> Result<(), errno>',
    'Adjust the rights of a file descriptor: rights can only be removed; adding any returns `notcapable`.', null,
    'fd fs_rights_base fs_rights_inheriting'],
  ['fd_filestat_get', 'fd_filestat_get(fd: fd) -> Result<filestat, errno>',
    'Return the attributes (device, inode, type, links, size, timestamps) of an open file.', 'fstat',
    'fd filestat_out'],
  ['fd_filestat_set_size', 'fd_filestat_set_size(fd: fd, size: filesize) -> Result<(), errno>',
    'Adjust the size of an open file; growing it fills the extra bytes with zeros.', 'ftruncate',
    'fd size'],
  ['fd_filestat_set_times', 'fd_filestat_set_times(fd: fd, atim: timestamp, mtim: timestamp, fst_flags: fstflags) -> Result<(), errno>',
    'Adjust the access and modification timestamps of an open file or directory (a given value or now, per fst_flags).', 'futimens',
    'fd atim mtim fst_flags'],
  ['fd_pread', 'fd_pread(fd: fd, iovs: iovec_array, offset: filesize) -> Result<size, errno>',
    'Read from a file descriptor at an offset, without using or updating the descriptor\'s offset.', 'preadv',
    'fd iovs iovs_len offset nread_out'],
  ['fd_prestat_get', 'fd_prestat_get(fd: fd) -> Result<prestat, errno>',
    'Return a description (type and name length) of a preopened file descriptor.', null,
    'fd prestat_out'],
  ['fd_prestat_dir_name', 'fd_prestat_dir_name(fd: fd, path: Pointer<u8>, path_len: size) -> Result<(), errno>',
    'Write the name of a preopened directory into a buffer of path_len bytes.', null,
    'fd path path_len'],
  ['fd_pwrite', 'fd_pwrite(fd: fd, iovs: ciovec_array, offset: filesize) -> Result<size, errno>',
    'Write to a file descriptor at an offset, without using or updating the descriptor\'s offset.', 'pwritev',
    'fd iovs iovs_len offset nwritten_out'],
  ['fd_read', 'fd_read(fd: fd, iovs: iovec_array) -> Result<size, errno>',
    'Read from a file descriptor into scatter/gather buffers, advancing its offset.', 'readv',
    'fd iovs iovs_len nread_out'],
  ['fd_readdir', 'fd_readdir(fd: fd, buf: Pointer<u8>, buf_len: size, cookie: dircookie) -> Result<size, errno>',
    'Read directory entries (dirent + name) from a cookie into a buffer; fewer bytes than buf_len means the end was reached.', null,
    'fd buf buf_len cookie bufused_out'],
  ['fd_renumber', 'fd_renumber(fd: fd, to: fd) -> Result<(), errno>',
    'Atomically replace the descriptor `to` by `fd`, closing what `to` was.', 'dup2',
    'fd to'],
  ['fd_seek', 'fd_seek(fd: fd, offset: filedelta, whence: whence) -> Result<filesize, errno>',
    'Move the offset of a file descriptor relative to the start, current offset or end; return the new offset.', 'lseek',
    'fd offset whence newoffset_out'],
  ['fd_sync', 'fd_sync(fd: fd) -> Result<(), errno>',
    'Synchronize the data and metadata of a file to disk.', 'fsync',
    'fd'],
  ['fd_tell', 'fd_tell(fd: fd) -> Result<filesize, errno>',
    'Return the current offset of a file descriptor.', 'lseek(fd, 0, SEEK_CUR)',
    'fd offset_out'],
  ['fd_write', 'fd_write(fd: fd, iovs: ciovec_array) -> Result<size, errno>',
    'Write gathered buffers to a file descriptor, advancing its offset (at the end with the append flag).', 'writev',
    'fd iovs iovs_len nwritten_out'],
  ['path_create_directory', 'path_create_directory(fd: fd, path: string) -> Result<(), errno>',
    'Create a directory at a path relative to a directory descriptor.', 'mkdirat',
    'fd path path_len'],
  ['path_filestat_get', 'path_filestat_get(fd: fd, flags: lookupflags, path: string) -> Result<filestat, errno>',
    'Return the attributes of a file or directory at a path (following a final symlink only with symlink_follow).', 'stat',
    'fd flags path path_len filestat_out'],
  ['path_filestat_set_times', 'path_filestat_set_times(fd: fd, flags: lookupflags, path: string, atim: timestamp, mtim: timestamp, fst_flags: fstflags) -> Result<(), errno>',
    'Adjust the access and modification timestamps of a file or directory at a path.', 'utimensat',
    'fd flags path path_len atim mtim fst_flags'],
  ['path_link', 'path_link(old_fd: fd, old_flags: lookupflags, old_path: string, new_fd: fd, new_path: string) -> Result<(), errno>',
    'Create a hard link new_path to the file at old_path.', 'linkat',
    'old_fd old_flags old_path old_path_len new_fd new_path new_path_len'],
  ['path_open', 'path_open(fd: fd, dirflags: lookupflags, path: string, oflags: oflags, fs_rights_base: rights, fs_rights_inheriting: rights, fdflags: fdflags) -> Result<fd, errno>',
    'Open a file or directory relative to a directory descriptor; the new fd number is unspecified (below 2**31).', 'openat',
    'fd dirflags path path_len oflags fs_rights_base fs_rights_inheriting fdflags opened_fd_out'],
  ['path_readlink', 'path_readlink(fd: fd, path: string, buf: Pointer<u8>, buf_len: size) -> Result<size, errno>',
    'Read the contents of a symbolic link into a buffer; return the number of bytes placed.', 'readlinkat',
    'fd path path_len buf buf_len bufused_out'],
  ['path_remove_directory', 'path_remove_directory(fd: fd, path: string) -> Result<(), errno>',
    'Remove a directory; `notempty` if it has entries.', 'unlinkat(AT_REMOVEDIR)',
    'fd path path_len'],
  ['path_rename', 'path_rename(fd: fd, old_path: string, new_fd: fd, new_path: string) -> Result<(), errno>',
    'Rename a file or directory, possibly into another directory descriptor.', 'renameat',
    'fd old_path old_path_len new_fd new_path new_path_len'],
  ['path_symlink', 'path_symlink(old_path: string, fd: fd, new_path: string) -> Result<(), errno>',
    'Create a symbolic link new_path whose contents are old_path.', 'symlinkat',
    'old_path old_path_len fd new_path new_path_len'],
  ['path_unlink_file', 'path_unlink_file(fd: fd, path: string) -> Result<(), errno>',
    'Unlink a file; `isdir` if the path refers to a directory.', 'unlinkat(0)',
    'fd path path_len'],
  ['poll_oneoff', 'poll_oneoff(in: ConstPointer<subscription>, out: Pointer<event>, nsubscriptions: size) -> Result<size, errno>',
    'Wait for any of a set of clock or fd read/write subscriptions and write one event per ready one; `inval` when nsubscriptions is 0.', null,
    'in out nsubscriptions nevents_out'],
  ['proc_exit', 'proc_exit(rval: exitcode)',
    'Terminate the process normally with an exit code; 0 means success, other values are environment-defined. Does not return.', 'exit',
    'rval'],
  ['proc_raise', 'proc_raise(sig: signal) -> Result<(), errno>',
    'Send a signal to the process of the calling thread.', 'raise',
    'sig'],
  ['random_get', 'random_get(buf: Pointer<u8>, buf_len: size) -> Result<(), errno>',
    'Fill a buffer with high-quality random data, blocking until enough is available.', null,
    'buf buf_len'],
  ['sched_yield', 'sched_yield() -> Result<(), errno>',
    'Temporarily yield execution of the calling thread.', 'sched_yield',
    ''],
  ['sock_accept', 'sock_accept(fd: fd, flags: fdflags) -> Result<fd, errno>',
    'Accept a new incoming connection on a listening socket (preview1 only).', 'accept',
    'fd flags accepted_fd_out'],
  ['sock_recv', 'sock_recv(fd: fd, ri_data: iovec_array, ri_flags: riflags) -> Result<(size, roflags), errno>',
    'Receive a message from a socket into scatter buffers; return the byte count and output flags.', 'recv',
    'fd ri_data ri_data_len ri_flags ro_datalen_out ro_flags_out'],
  ['sock_send', 'sock_send(fd: fd, si_data: ciovec_array, si_flags: siflags) -> Result<size, errno>',
    'Send a message on a socket from gathered buffers; return the byte count.', 'send',
    'fd si_data si_data_len si_flags so_datalen_out'],
  ['sock_shutdown', 'sock_shutdown(fd: fd, how: sdflags) -> Result<(), errno>',
    'Shut down the receive and/or send channels of a socket.', 'shutdown',
    'fd how'],
];

export const SYSCALL_DOCS: ReadonlyMap<string, SyscallDoc> = new Map(ROWS.map(([name, signature, summary, posix, params]) => [
  name,
  {
    name, family: familyOf(name) as Family, signature, summary, posix,
    params: params ? params.split(' ') : [],
    abis: ABIS.filter((abi) => hasFunction(abi, name)),
  },
]));

const SPEC_DOCS_URL: Record<Abi, string> = {
  preview1: 'https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md',
  unstable: 'https://github.com/WebAssembly/WASI/blob/main/legacy/preview0/docs.md',
};

/** Link to a syscall's (or any anchor's) section of the spec docs for an ABI. */
export function specUrl(abi: Abi, anchor: string): string {
  return `${SPEC_DOCS_URL[abi]}#${encodeURIComponent(anchor)}`;
}
