/**
 * The fd model: every open WASI fd is an `FdObject`. The base class has one method per fd-scoped
 * call; each answers a real errno by default (thrown as `WasiError`, never a bare -1), so a
 * subclass overrides only what its kind of fd supports.
 *
 * Arguments arrive decoded: guest buffers as `Uint8Array` views, `whence` as a name (the ABI
 * difference stays in syscalls/), u64 values as bigint. Results are returned; errors are thrown
 * as `WasiError(errno)` (`this.unsupported('read')` for the default). Rights are NOT checked here:
 * `FdTable.get(fd, need)` checks them once, before any method is called.
 *
 * Extension points (the filesystem side, reference/fs or reference/fd/):
 *   - `FileFd extends FdObject`       regular files: read/write/pread/pwrite/seek/tell/filestat*,
 *                                     setSize/allocate/advise/sync/datasync, setFlags.
 *   - `DirectoryFd extends FdObject`  directories: readdir, filestat, the path* methods
 *                                     (paths are relative to this directory, resolved in the sandbox).
 *   - `PreopenFd extends DirectoryFd` a preopened directory: also `preopenName()`.
 * Each sets `filetype` and the rights it starts with via the constructor.
 */
import { errno } from '../abi.js';
import { WasiError } from '../errors.js';
import type { DirEntry, SetTimes, Stat } from '../fs/types.js';

/** `whence` decoded from the ABI's numbering (see AbiTable.whence). */
export type Whence = 'set' | 'cur' | 'end';

/** What `fd_fdstat_get` reports. */
export interface Fdstat {
  filetype: number;
  flags: number;
  rightsBase: bigint;
  rightsInheriting: bigint;
}

/** An fd's state for poll_oneoff's fd_read / fd_write subscriptions (`event_fd_readwrite`). */
export interface PollReadiness {
  /** Bytes available to read (fd_read) or room to write (fd_write), as far as known. */
  nbytes: bigint;
  /** `eventrwflags.fd_readwrite_hangup`: the peer closed or disconnected. */
  hangup: boolean;
}

/** What `fd_filestat_get` / `path_filestat_get` report: the backend's `Stat` (fs/types.ts). */
export type Filestat = Stat;

/** The errno each call answers on an fd that does not support it (see the method docs). */
const DEFAULT_ERRNO = {
  advise: errno.spipe, allocate: errno.spipe, datasync: errno.inval, sync: errno.inval,
  setFlags: errno.notsup, filestat: errno.notsup, setSize: errno.inval, setTimes: errno.notsup,
  pread: errno.spipe, pwrite: errno.spipe, seek: errno.spipe, tell: errno.spipe,
  read: errno.badf, write: errno.badf, readdir: errno.notdir, preopenName: errno.badf,
  pathCreateDirectory: errno.notdir, pathFilestatGet: errno.notdir, pathFilestatSetTimes: errno.notdir,
  pathLink: errno.notdir, pathOpen: errno.notdir, pathReadlink: errno.notdir, pathRemoveDirectory: errno.notdir,
  pathRename: errno.notdir, pathSymlink: errno.notdir, pathUnlinkFile: errno.notdir,
  sockAccept: errno.notsock, sockRecv: errno.notsock, sockSend: errno.notsock, sockShutdown: errno.notsock,
} as const;
export type FdMethod = keyof typeof DEFAULT_ERRNO;

export class FdObject {
  constructor(
    /** `filetype` value (abi.filetype). */
    readonly filetype: number,
    /** `fs_rights_base`: what this fd may do. */
    public rightsBase: bigint,
    /** `fs_rights_inheriting`: the most fds opened through this one may get. */
    public rightsInheriting: bigint,
    /** `fdflags` (append, dsync, nonblock, rsync, sync). */
    public flags = 0,
  ) {}

  /** Throw the default errno for `method` on this kind of fd. */
  protected unsupported(method: FdMethod): never {
    throw new WasiError(DEFAULT_ERRNO[method], `${method} not supported on this fd`);
  }

  // --- every fd ----------------------------------------------------------------------------

  /** fd_close: release host resources. The table forgets the fd afterwards. */
  close(): void {}

  /** fd_fdstat_get. */
  fdstat(): Fdstat {
    return { filetype: this.filetype, flags: this.flags, rightsBase: this.rightsBase, rightsInheriting: this.rightsInheriting };
  }

  /**
   * fd_fdstat_set_rights: "can only remove rights" — asking for a right the fd lacks is
   * ENOTCAPABLE and changes nothing.
   */
  setRights(base: bigint, inheriting: bigint): void {
    if ((base & ~this.rightsBase) !== 0n || (inheriting & ~this.rightsInheriting) !== 0n) {
      throw new WasiError(errno.notcapable, 'fd_fdstat_set_rights cannot add rights');
    }
    this.rightsBase = base;
    this.rightsInheriting = inheriting;
  }

  /** fd_fdstat_set_flags. Default ENOTSUP. */
  setFlags(_flags: number): void { this.unsupported('setFlags'); }
  /** fd_filestat_get. Default ENOTSUP. */
  filestat(): Filestat { this.unsupported('filestat'); }
  /** fd_filestat_set_size. Default EINVAL (not a regular file, as POSIX ftruncate). */
  setSize(_size: bigint): void { this.unsupported('setSize'); }
  /**
   * fd_filestat_set_times: the syscall has validated fstflags and turned them into the new values
   * (`*_now` read from the realtime clock; an absent field stays unchanged). Default ENOTSUP.
   */
  setTimes(_times: SetTimes): void { this.unsupported('setTimes'); }
  /** fd_datasync. Default EINVAL (no synchronisation for this kind of fd, as POSIX fdatasync). */
  datasync(): void { this.unsupported('datasync'); }
  /** fd_sync. Default EINVAL. */
  sync(): void { this.unsupported('sync'); }

  // --- byte streams and files --------------------------------------------------------------

  /** fd_read: fill `bufs` in order; returns bytes read (0 at end of file). Default EBADF. */
  read(_bufs: Uint8Array[]): number { this.unsupported('read'); }
  /** fd_write: write `bufs` in order; returns bytes written. Default EBADF. */
  write(_bufs: Uint8Array[]): number { this.unsupported('write'); }
  /** fd_pread. Default ESPIPE (not seekable). */
  pread(_bufs: Uint8Array[], _offset: bigint): number { this.unsupported('pread'); }
  /** fd_pwrite. Default ESPIPE. */
  pwrite(_bufs: Uint8Array[], _offset: bigint): number { this.unsupported('pwrite'); }
  /** fd_seek: returns the new offset. Default ESPIPE. */
  seek(_offset: bigint, _whence: Whence): bigint { this.unsupported('seek'); }
  /** fd_tell. Default ESPIPE. */
  tell(): bigint { this.unsupported('tell'); }
  /** fd_advise (advice already validated). Default ESPIPE. */
  advise(_offset: bigint, _len: bigint, _advice: number): void { this.unsupported('advise'); }
  /** fd_allocate. Default ESPIPE. */
  allocate(_offset: bigint, _len: bigint): void { this.unsupported('allocate'); }

  // --- directories -------------------------------------------------------------------------

  /**
   * fd_readdir: every entry, `.` and `..` first, as listed when the guest read from cookie 0 (a
   * directory fd keeps that listing while the guest iterates, so cookies — indexes into it — stay
   * stable even if entries are removed meanwhile). The syscall assigns cookies and truncates to the
   * guest's buffer. Default ENOTDIR.
   */
  readdir(_cookie: bigint): DirEntry[] { this.unsupported('readdir'); }
  /** fd_prestat_get / fd_prestat_dir_name: the preopen's guest path. Default EBADF (not a preopen). */
  preopenName(): string { this.unsupported('preopenName'); }

  /** path_create_directory. Default ENOTDIR for every path method. */
  pathCreateDirectory(_path: string): void { this.unsupported('pathCreateDirectory'); }
  pathFilestatGet(_lookupFlags: number, _path: string): Filestat { this.unsupported('pathFilestatGet'); }
  pathFilestatSetTimes(_lookupFlags: number, _path: string, _times: SetTimes): void {
    this.unsupported('pathFilestatSetTimes');
  }
  pathLink(_oldFlags: number, _oldPath: string, _newDir: FdObject, _newPath: string): void { this.unsupported('pathLink'); }
  /** path_open: returns the new fd object (the syscall inserts it in the table). */
  pathOpen(_lookupFlags: number, _path: string, _oflags: number, _rightsBase: bigint, _rightsInheriting: bigint,
    _fdflags: number): FdObject {
    this.unsupported('pathOpen');
  }
  pathReadlink(_path: string): Uint8Array { this.unsupported('pathReadlink'); }
  pathRemoveDirectory(_path: string): void { this.unsupported('pathRemoveDirectory'); }
  pathRename(_oldPath: string, _newDir: FdObject, _newPath: string): void { this.unsupported('pathRename'); }
  pathSymlink(_target: string, _newPath: string): void { this.unsupported('pathSymlink'); }
  pathUnlinkFile(_path: string): void { this.unsupported('pathUnlinkFile'); }

  // --- poll_oneoff ------------------------------------------------------------------------

  /**
   * Readiness for a poll_oneoff `fd_read` / `fd_write` subscription: undefined when not ready.
   * Default: ready with nbytes 0 — a host stream cannot be inspected without blocking, so it is
   * reported ready and the read or write that follows may block (regular files override this
   * with their byte counts; "This event always triggers for regular files").
   */
  pollReady(_event: 'read' | 'write'): PollReadiness | undefined {
    return { nbytes: 0n, hangup: false };
  }

  // --- sockets -----------------------------------------------------------------------------

  sockAccept(_flags: number): FdObject { this.unsupported('sockAccept'); }
  /** sock_recv: returns bytes received and `roflags`. */
  sockRecv(_bufs: Uint8Array[], _riFlags: number): { nread: number; roFlags: number } { this.unsupported('sockRecv'); }
  sockSend(_bufs: Uint8Array[], _siFlags: number): number { this.unsupported('sockSend'); }
  sockShutdown(_how: number): void { this.unsupported('sockShutdown'); }
}
