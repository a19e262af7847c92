/**
 * HostFS: a real directory through node:fs.
 *
 * node:fs follows symbolic links in every path it is given, so HostFS is only ever handed
 * paths the resolver (resolve.ts) has walked itself, one lstat'ed component at a time, and each
 * operation adds a single name to a directory handle. The last name is never followed: files
 * are opened with O_NOFOLLOW, and lstat, readlink, lutimes, unlink, rmdir, rename, link (Linux
 * link(2) does not dereference), mkdir and symlink do not follow by definition.
 *
 * Directory handles are anchored, openat(2)-style, without native code: a retained handle (a
 * preopen, a directory fd) holds a host fd on its directory, and its paths start with the
 * kernel's magic link `/proc/self/fd/<fd>/`, which names that very directory even after it was
 * renamed or its old name was replaced by a symbolic link. Without this, a guest could open a
 * directory fd, rename the directory away, put a symlink pointing out of the sandbox under the
 * old name, and have the fd's paths follow it out. Working handles met while walking a path are
 * the anchor plus the components walked (no fd of their own). Where /proc/self/fd does not
 * exist (not Linux), an anchor is the directory's real path, checked before every use to still
 * resolve, symlink-free, to the same inode (ENOENT once it was moved).
 *
 * What stays out of reach without openat: a host process swapping a directory on the walked
 * path for a symbolic link between the walk and the operation (the walk is not atomic). The
 * guest cannot do that: syscalls run one at a time.
 *
 * Timestamps: stats are read with `{ bigint: true }` (nanoseconds). Setting goes through
 * `utimes`/`futimes`/`lutimes`, the only way node:fs sets times: they take seconds as a double
 * and libuv cuts the nanoseconds to whole microseconds, so HostFS stores times to the
 * microsecond (MemoryFS keeps every nanosecond). node has no UTIME_OMIT, so a timestamp left
 * unchanged is re-written with the value just read (the same precision).
 */
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { errno, filetype } from '../abi.js';
import { errnoFromError, fail, WasiError } from '../errors.js';
import type { DirEntry, FileSystem, FsDir, FsFile, OpenFileOptions, SetTimes, Stat } from './types.js';

const C = nodeFs.constants;

/** Run a node:fs call, turning a host error (`err.code`) into a WasiError. */
function host<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof WasiError) throw e;
    if (typeof (e as { code?: unknown } | null)?.code === 'string') throw new WasiError(errnoFromError(e), (e as Error).message);
    throw e;
  }
}

/** WASI filetype of a host mode. FIFOs are `unknown` (WASI has no FIFO type), sockets `socket_stream`. */
function filetypeOf(mode: bigint): number {
  switch (Number(mode) & C.S_IFMT) {
    case C.S_IFREG: return filetype.regular_file;
    case C.S_IFDIR: return filetype.directory;
    case C.S_IFLNK: return filetype.symbolic_link;
    case C.S_IFCHR: return filetype.character_device;
    case C.S_IFBLK: return filetype.block_device;
    case C.S_IFSOCK: return filetype.socket_stream;
    default: return filetype.unknown;
  }
}

const nonNegative = (n: bigint): bigint => (n < 0n ? 0n : n);

function toStat(s: nodeFs.BigIntStats): Stat {
  return {
    dev: s.dev, ino: s.ino, filetype: filetypeOf(s.mode), nlink: s.nlink, size: s.size,
    atim: nonNegative(s.atimeNs), mtim: nonNegative(s.mtimeNs), ctim: nonNegative(s.ctimeNs),
  };
}

/** Nanoseconds → seconds as the double node's utimes family takes, rounding as little as possible. */
function seconds(ns: bigint): number {
  return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
}

/** The (atime, mtime) pair for a utimes call: new values where given, the current ones elsewhere. */
function timePair(times: SetTimes, current: () => Stat): [number, number] {
  const now = times.atim === undefined || times.mtim === undefined ? current() : undefined;
  return [seconds(times.atim ?? now!.atim), seconds(times.mtim ?? now!.mtim)];
}

/** Nothing to set (both omitted): no host call, so nothing is rewritten. */
const unchanged = (t: SetTimes): boolean => t.atim === undefined && t.mtim === undefined;

/** A byte offset node accepts as a number, or EFBIG. */
function offset(n: bigint): number {
  return n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : fail(errno.fbig);
}

class HostFile implements FsFile {
  filetype?: number;
  constructor(private readonly fd: number) {}
  read(buf: Uint8Array, position: bigint): number {
    // No host file reaches 2^53 bytes: there is nothing to read that far (node rejects such offsets).
    if (position > BigInt(Number.MAX_SAFE_INTEGER)) return 0;
    const at = Number(position); // a number position: node validates it faster than a bigint
    return host(() => nodeFs.readSync(this.fd, buf, 0, buf.length, at));
  }
  write(data: Uint8Array, position: bigint): number {
    let done = 0;
    const start = offset(position + BigInt(data.length)) - data.length;
    while (done < data.length) {
      done += host(() => nodeFs.writeSync(this.fd, data, done, data.length - done, start + done));
    }
    return done;
  }
  stat(): Stat {
    return toStat(host(() => nodeFs.fstatSync(this.fd, { bigint: true })));
  }
  setSize(size: bigint): void {
    host(() => nodeFs.ftruncateSync(this.fd, offset(size)));
  }
  setTimes(times: SetTimes): void {
    if (unchanged(times)) return;
    const [atime, mtime] = timePair(times, () => this.stat());
    host(() => nodeFs.futimesSync(this.fd, atime, mtime));
  }
  /** node has no posix_fallocate: growing the file (with zeros) has the same visible effect. */
  allocate(start: bigint, len: bigint): void {
    const end = offset(start + len);
    if (BigInt(end) > this.stat().size) this.setSize(BigInt(end));
  }
  sync(): void {
    host(() => nodeFs.fsyncSync(this.fd));
  }
  datasync(): void {
    host(() => nodeFs.fdatasyncSync(this.fd));
  }
  close(): void {
    host(() => nodeFs.closeSync(this.fd));
  }
}

/** Whether paths may go through /proc/self/fd magic links (Linux). */
const PROC_FD = process.platform === 'linux' && nodeFs.existsSync('/proc/self/fd');
const DIR_FLAGS = C.O_RDONLY | C.O_DIRECTORY | C.O_NOFOLLOW;

/** What a retained directory handle holds on to: a host fd on it, or its checked real path. */
class Anchor {
  private constructor(private readonly fd: number | undefined, private readonly realPath: string,
    private readonly dev: bigint, private readonly ino: bigint) {}

  /** Anchor the directory at `path` (its last component must be a directory, not a symlink). */
  static open(path: string, realPath: string): Anchor {
    if (PROC_FD) return new Anchor(host(() => nodeFs.openSync(path, DIR_FLAGS)), realPath, 0n, 0n);
    const st = host(() => nodeFs.lstatSync(path, { bigint: true }));
    return new Anchor(undefined, realPath, st.dev, st.ino);
  }

  /** A host path naming the anchored directory now. */
  path(): string {
    if (this.fd !== undefined) return `/proc/self/fd/${this.fd}`;
    const real = host(() => nodeFs.realpathSync(this.realPath));
    const st = host(() => nodeFs.statSync(real, { bigint: true }));
    if (real !== this.realPath || st.dev !== this.dev || st.ino !== this.ino) fail(errno.noent, 'the directory was moved');
    return real;
  }

  /** The host path the directory had when anchored (for the fallback and messages). */
  get origin(): string {
    return this.realPath;
  }

  close(): void {
    if (this.fd !== undefined) host(() => nodeFs.closeSync(this.fd!));
  }
}

class HostDir implements FsDir {
  /**
   * @param anchor the retained directory this handle starts from
   * @param rel components walked below it (all real directories when walked)
   * @param owned this handle owns the anchor (a retained handle): close() releases it
   */
  constructor(readonly fs: HostFS, private readonly anchor: Anchor, private readonly rel: readonly string[] = [],
    private readonly owned = false) {}

  /** The host path of this directory; it ends with a real name or `/.`, so it is never a symlink. */
  private self(): string {
    const base = this.anchor.path();
    return this.rel.length > 0 ? `${base}/${this.rel.join('/')}` : `${base}/.`;
  }
  private at(name: string): string {
    return nodePath.join(this.self(), name);
  }
  private other(dir: FsDir): HostDir {
    return dir instanceof HostDir && dir.fs === this.fs ? dir : fail(errno.xdev);
  }

  retain(): FsDir {
    const realPath = nodePath.join(this.anchor.origin, ...this.rel);
    return new HostDir(this.fs, Anchor.open(this.self(), realPath), [], true);
  }
  close(): void {
    if (this.owned) this.anchor.close();
  }
  stat(): Stat {
    return toStat(host(() => nodeFs.lstatSync(this.self(), { bigint: true })));
  }
  setTimes(times: SetTimes): void {
    if (unchanged(times)) return;
    const [atime, mtime] = timePair(times, () => this.stat());
    host(() => nodeFs.lutimesSync(this.self(), atime, mtime));
  }
  sync(): void {
    const fd = host(() => nodeFs.openSync(this.self(), DIR_FLAGS));
    try {
      host(() => nodeFs.fsyncSync(fd));
    } finally {
      nodeFs.closeSync(fd);
    }
  }
  entries(): DirEntry[] {
    const list: DirEntry[] = [];
    const add = (name: string, path: string): void => {
      try {
        const s = nodeFs.lstatSync(path, { bigint: true });
        list.push({ name, ino: s.ino, filetype: filetypeOf(s.mode) });
      } catch {
        // Removed between readdir and lstat: it is no longer an entry.
      }
    };
    const self = this.self();
    add('.', self);
    add('..', `${self}/..`);
    for (const name of host(() => nodeFs.readdirSync(self))) add(name, nodePath.join(self, name));
    return list;
  }
  lstatAt(name: string): Stat {
    return toStat(host(() => nodeFs.lstatSync(this.at(name), { bigint: true })));
  }
  readlinkAt(name: string): string {
    return host(() => nodeFs.readlinkSync(this.at(name)));
  }
  openDirAt(name: string): FsDir {
    if (this.lstatAt(name).filetype !== filetype.directory) fail(errno.notdir);
    return new HostDir(this.fs, this.anchor, [...this.rel, name]);
  }
  openFileAt(name: string, o: OpenFileOptions): FsFile {
    const writes = o.write || o.truncate;
    const access = writes ? (o.read ? C.O_RDWR : C.O_WRONLY) : C.O_RDONLY;
    const flags = access | C.O_NOFOLLOW | (o.create ? C.O_CREAT : 0) | (o.exclusive ? C.O_EXCL : 0) | (o.truncate ? C.O_TRUNC : 0);
    const fd = host(() => nodeFs.openSync(this.at(name), flags, 0o666));
    const file = new HostFile(fd);
    file.filetype = file.stat().filetype;
    // A read-only open of a directory succeeds on the host; directories are FsDir's business.
    if (file.filetype === filetype.directory) {
      file.close();
      fail(errno.isdir);
    }
    return file;
  }
  mkdirAt(name: string): void {
    host(() => nodeFs.mkdirSync(this.at(name), 0o777));
  }
  symlinkAt(target: string, name: string): void {
    host(() => nodeFs.symlinkSync(target, this.at(name)));
  }
  unlinkAt(name: string): void {
    if (this.lstatAt(name).filetype === filetype.directory) fail(errno.isdir);
    host(() => nodeFs.unlinkSync(this.at(name)));
  }
  rmdirAt(name: string): void {
    try {
      host(() => nodeFs.rmdirSync(this.at(name)));
    } catch (e) {
      // Some filesystems say EEXIST for a non-empty directory; POSIX allows both, WASI names ENOTEMPTY.
      if (e instanceof WasiError && e.errno === errno.exist) fail(errno.notempty);
      throw e;
    }
  }
  renameAt(name: string, toDir: FsDir, toName: string): void {
    const to = this.other(toDir);
    host(() => nodeFs.renameSync(this.at(name), to.at(toName)));
  }
  linkAt(name: string, toDir: FsDir, toName: string): void {
    const to = this.other(toDir);
    host(() => nodeFs.linkSync(this.at(name), to.at(toName)));
  }
  setTimesAt(name: string, times: SetTimes): void {
    if (unchanged(times)) return;
    const [atime, mtime] = timePair(times, () => this.lstatAt(name));
    host(() => nodeFs.lutimesSync(this.at(name), atime, mtime));
  }
}

export class HostFS implements FileSystem {
  readonly kind = 'host';
  /**
   * A preopen root: a host path (relative ones against the current directory), trusted as
   * given — symbolic links in it are resolved once, here.
   */
  openRoot(path: string): FsDir {
    const real = host(() => nodeFs.realpathSync(path));
    if (!host(() => nodeFs.statSync(real)).isDirectory()) fail(errno.notdir, `${path} is not a directory`);
    return new HostDir(this, Anchor.open(real, real), [], true);
  }
}
