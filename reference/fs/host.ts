/**
 * HostFS: a real directory through node:fs.
 *
 * node:fs follows symbolic links in every path it is given, so HostFS is only ever handed
 * paths the resolver (resolve.ts) has walked itself: a directory handle is the host path of a
 * real directory reached one lstat'ed component at a time from a preopen root, and each
 * operation adds a single name to it. The last name is never followed: files are opened with
 * O_NOFOLLOW, and lstat, readlink, lutimes, unlink, rmdir, rename, link (Linux link(2) does not
 * dereference), mkdir and symlink do not follow by definition.
 *
 * Limits of doing this with node:fs rather than openat(2): a directory handle is a path, so if
 * the host renames a directory while the guest holds an fd to it, the fd follows the old path;
 * and a host process swapping a directory for a symbolic link between the walk and the
 * operation could redirect it (the walk is not atomic). Guests alone cannot do either.
 *
 * Timestamps: stats are read with `{ bigint: true }` (nanoseconds). Setting goes through
 * `utimes`/`futimes`/`lutimes`, which take seconds as a double: about 0.25 µs precision for
 * current dates. node has no UTIME_OMIT, so a timestamp left unchanged is re-written with
 * the value just read (the same precision).
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
  constructor(private readonly fd: number) {}
  read(buf: Uint8Array, position: bigint): number {
    return host(() => nodeFs.readSync(this.fd, buf, 0, buf.length, position));
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

class HostDir implements FsDir {
  constructor(readonly fs: HostFS, readonly path: string) {}

  private at(name: string): string {
    return nodePath.join(this.path, name);
  }
  private other(dir: FsDir): HostDir {
    return dir instanceof HostDir && dir.fs === this.fs ? dir : fail(errno.xdev);
  }

  stat(): Stat {
    return toStat(host(() => nodeFs.lstatSync(this.path, { bigint: true })));
  }
  setTimes(times: SetTimes): void {
    if (unchanged(times)) return;
    const [atime, mtime] = timePair(times, () => this.stat());
    host(() => nodeFs.lutimesSync(this.path, atime, mtime));
  }
  sync(): void {
    const fd = host(() => nodeFs.openSync(this.path, C.O_RDONLY | C.O_DIRECTORY | C.O_NOFOLLOW));
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
    add('.', this.path);
    add('..', nodePath.dirname(this.path));
    for (const name of host(() => nodeFs.readdirSync(this.path))) add(name, this.at(name));
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
    return new HostDir(this.fs, this.at(name));
  }
  openFileAt(name: string, o: OpenFileOptions): FsFile {
    const writes = o.write || o.truncate;
    const access = writes ? (o.read ? C.O_RDWR : C.O_WRONLY) : C.O_RDONLY;
    const flags = access | C.O_NOFOLLOW | (o.create ? C.O_CREAT : 0) | (o.exclusive ? C.O_EXCL : 0) | (o.truncate ? C.O_TRUNC : 0);
    const fd = host(() => nodeFs.openSync(this.at(name), flags, 0o666));
    const file = new HostFile(fd);
    // A read-only open of a directory succeeds on the host; directories are FsDir's business.
    if (file.stat().filetype === filetype.directory) {
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
    return new HostDir(this, real);
  }
}
