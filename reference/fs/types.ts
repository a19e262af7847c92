/**
 * The filesystem backend interface the reference syscalls use.
 *
 * Two layers, so that sandboxing lives in one place:
 *
 * 1. A backend (`FileSystem` → `FsDir` / `FsFile`) offers *single-name* operations on a
 *    directory it already holds: `lstatAt(name)`, `mkdirAt(name)`, `openFileAt(name)`, … A name
 *    is one path component — never empty, never `.` or `..`, never containing `/` — and a
 *    backend never follows a symbolic link named by it. Backends know nothing of sandboxes.
 *    Two backends: `HostFS` (a real directory, node:fs) and `MemoryFS` (in memory, no node
 *    imports, usable in a browser).
 * 2. The resolver (`resolve.ts`) and the sandboxed operations built on it (`sandbox.ts`) walk a
 *    guest path component by component from a directory fd, using only layer 1. They alone
 *    decide what `..`, symbolic links and absolute paths may reach. An escape is refused with
 *    ENOTCAPABLE before any layer-1 call touches something outside.
 *
 * Errors are WASI errno values: every method may throw a `WasiError` (../errors.ts) carrying
 * one; backends translate host errors into errno themselves. Nothing else is thrown on purpose.
 */

/** File attributes, as WASI `filestat` carries them (timestamps in nanoseconds since the epoch). */
export interface Stat {
  dev: bigint;
  ino: bigint;
  /** A WASI `filetype` value (abi.ts `filetype`, the same in both ABIs). */
  filetype: number;
  nlink: bigint;
  /** Regular file: its size in bytes. Symbolic link: the byte length of its target. */
  size: bigint;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
}

/** New timestamps in nanoseconds; an absent field is left unchanged. */
export interface SetTimes {
  atim?: bigint;
  mtim?: bigint;
}

/** One directory entry as `fd_readdir` reports it. */
export interface DirEntry {
  name: string;
  ino: bigint;
  /** A WASI `filetype` value (abi.ts `filetype`, the same in both ABIs). */
  filetype: number;
}

/** How `openFileAt` opens a regular file (WASI oflags plus the access the fd's rights need). */
export interface OpenFileOptions {
  /** Create the file if it does not exist (oflags.creat). */
  create: boolean;
  /** With `create`: fail with EEXIST if it exists (oflags.excl). */
  exclusive: boolean;
  /** Truncate to size 0 (oflags.trunc). */
  truncate: boolean;
  /** The fd will read (it has fd_read or fd_readdir rights). */
  read: boolean;
  /** The fd will write or resize (it has fd_write, fd_allocate or fd_filestat_set_size). */
  write: boolean;
}

/** An open regular file (or other non-directory). Positions are absolute; fds keep offsets. */
export interface FsFile {
  /** Read up to `buf.length` bytes at `position`; returns the count (0 at end of file). */
  read(buf: Uint8Array, position: bigint): number;
  /** Write all of `data` at `position` (extending the file with zeros if past the end). */
  write(data: Uint8Array, position: bigint): number;
  stat(): Stat;
  /** The file's type when the backend learnt it while opening (spares a stat; an open file's type never changes). */
  readonly filetype?: number;
  /** Truncate or extend (with zeros) to `size` bytes. */
  setSize(size: bigint): void;
  setTimes(times: SetTimes): void;
  /** Make sure `offset .. offset+len` is allocated: the file grows to at least that end. */
  allocate(offset: bigint, len: bigint): void;
  sync(): void;
  datasync(): void;
  close(): void;
}

/**
 * An open directory. Two kinds of handle:
 * - working handles (from `openDirAt`, used by the resolver while it walks one path) are cheap,
 *   hold no host resource and are only used during one syscall;
 * - retained handles (from `retain()` and `FileSystem.openRoot`, held by directory fds) keep
 *   naming the same directory even if it is renamed or its name is replaced by a symbolic link
 *   meanwhile, and must be released with `close()`.
 * `name` arguments are single components (see the file comment); the
 * `*At` methods never follow a symbolic link that `name` designates.
 */
export interface FsDir {
  /** The backend this directory belongs to (rename and link need both sides in one). */
  readonly fs: FileSystem;
  stat(): Stat;
  setTimes(times: SetTimes): void;
  sync(): void;
  /** All entries, `.` and `..` first, then the others in the backend's order. */
  entries(): DirEntry[];
  /** A handle that keeps naming this directory (see above); release it with `close()`. */
  retain(): FsDir;
  /** Release a retained handle (a no-op on working handles). */
  close(): void;

  /** Attributes of the entry itself (a symbolic link is not followed). ENOENT if missing. */
  lstatAt(name: string): Stat;
  /** The target of the symbolic link `name` (EINVAL if it is not one). */
  readlinkAt(name: string): string;
  /** Open the subdirectory `name` (ENOTDIR if it is anything else, a symbolic link included). */
  openDirAt(name: string): FsDir;
  /** Open the non-directory `name` (ELOOP if it is a symbolic link, EISDIR if a directory). */
  openFileAt(name: string, options: OpenFileOptions): FsFile;
  mkdirAt(name: string): void;
  symlinkAt(target: string, name: string): void;
  /** Remove a non-directory entry (EISDIR for a directory). */
  unlinkAt(name: string): void;
  /** Remove an empty directory (ENOTDIR if not a directory, ENOTEMPTY if not empty). */
  rmdirAt(name: string): void;
  /** Move entry `name` to `toDir`/`toName`, replacing what is there as POSIX rename does. */
  renameAt(name: string, toDir: FsDir, toName: string): void;
  /** Create the hard link `toDir`/`toName` to the non-directory `name` (EPERM for a directory). */
  linkAt(name: string, toDir: FsDir, toName: string): void;
  /** Set the timestamps of the entry itself (a symbolic link's own times if it is one). */
  setTimesAt(name: string, times: SetTimes): void;
}

/** A filesystem: where the embedder's preopened directories come from. */
export interface FileSystem {
  /** A short label for messages and traces, e.g. "host" or "memory". */
  readonly kind: string;
  /**
   * Open (retained) the directory the embedder names for a preopen (node:wasi's `preopens` values).
   * Trusted input, not sandboxed: for HostFS a host path, for MemoryFS a path in its tree.
   * Throws an FsError (ENOENT, ENOTDIR) if it is not an existing directory.
   */
  openRoot(path: string): FsDir;
}
