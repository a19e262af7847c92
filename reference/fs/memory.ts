/**
 * MemoryFS: a filesystem held in memory — directories, regular files, symbolic links, hard
 * links, inode numbers and nanosecond timestamps — with the same single-name semantics as
 * HostFS on Linux. No node imports: it runs in a browser.
 *
 *   const fs = new MemoryFS({ 'a.txt': 'hello', sub: {}, ln: { symlink: 'a.txt' } });
 *   new WASI({ version: 'preview1', fs, preopens: { '/sandbox': '/' } });
 *
 * Timestamps: creation sets all three; writing or resizing a file sets its mtim and ctim;
 * adding or removing an entry sets the directory's mtim and ctim; link, rename, unlink and
 * setTimes set the inode's ctim. Reads do not change atim (like a `noatime` mount), so
 * results do not depend on reads.
 */
import { errno, filetype } from '../abi.js';
import { fail } from '../errors.js';
import type { DirEntry, FileSystem, FsDir, FsFile, OpenFileOptions, SetTimes, Stat } from './types.js';

/**
 * The initial tree: a string is a UTF-8 file, a Uint8Array a binary file, `{ symlink }` a
 * symbolic link, `{ file, encoding: 'base64' }` a binary file, any other object a directory.
 * (The same shape as the fixture sidecar's `Tree`, which reference/ may not import.)
 */
export type MemoryTreeEntry = string | Uint8Array | { symlink: string } | { file: string; encoding: 'base64' } | MemoryTree;
export interface MemoryTree { [name: string]: MemoryTreeEntry }

export interface MemoryFSOptions {
  /** The realtime clock in nanoseconds used for timestamps (default: the system clock). */
  now?: () => bigint;
}

/** Longest name a directory entry may have, in UTF-8 bytes (as Linux NAME_MAX). */
export const NAME_MAX = 255;
/** Largest file size MemoryFS accepts (larger writes or resizes are EFBIG). */
export const MAX_FILE_SIZE = 2 ** 31 - 1;

const encoder = new TextEncoder();
let nextDevice = 1n;

/** Nanoseconds since the epoch from `performance` (sub-millisecond), in browsers and node. */
function systemNow(): bigint {
  const ms = performance.timeOrigin + performance.now();
  const whole = Math.floor(ms);
  return BigInt(whole) * 1_000_000n + BigInt(Math.floor((ms - whole) * 1e6));
}

abstract class Inode {
  nlink = 1n;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
  constructor(readonly fs: MemoryFS, readonly ino: bigint) {
    this.atim = this.mtim = this.ctim = fs.now();
  }
  abstract readonly filetype: number;
  abstract size(): bigint;
  stat(): Stat {
    return { dev: this.fs.dev, ino: this.ino, filetype: this.filetype, nlink: this.links(), size: this.size(),
      atim: this.atim, mtim: this.mtim, ctim: this.ctim };
  }
  links(): bigint {
    return this.nlink;
  }
  setTimes(times: SetTimes): void {
    if (times.atim === undefined && times.mtim === undefined) return;
    if (times.atim !== undefined) this.atim = times.atim;
    if (times.mtim !== undefined) this.mtim = times.mtim;
    this.ctim = this.fs.now();
  }
  touchChange(): void {
    this.ctim = this.fs.now();
  }
  touchModify(): void {
    this.mtim = this.ctim = this.fs.now();
  }
}

class FileNode extends Inode {
  readonly filetype = filetype.regular_file;
  data = new Uint8Array(0);
  length = 0;
  size(): bigint {
    return BigInt(this.length);
  }
  /** Grow the buffer to hold `n` bytes (zero-filled), doubling to keep appends cheap. */
  reserve(n: number): void {
    if (n > MAX_FILE_SIZE) fail(errno.fbig);
    if (n <= this.data.length) return;
    const grown = new Uint8Array(Math.min(MAX_FILE_SIZE, Math.max(n, this.data.length * 2, 64)));
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
  resize(n: number): void {
    this.reserve(n);
    if (n < this.length) this.data.fill(0, n, this.length);
    this.length = n;
  }
}

class SymlinkNode extends Inode {
  readonly filetype = filetype.symbolic_link;
  constructor(fs: MemoryFS, ino: bigint, readonly target: string) {
    super(fs, ino);
  }
  size(): bigint {
    return BigInt(encoder.encode(this.target).length);
  }
}

class DirNode extends Inode {
  readonly filetype = filetype.directory;
  readonly children = new Map<string, Node>();
  /** The directory holding this one (the root is its own parent). */
  parent: DirNode;
  /** Removed from its parent: no entries may be added any more. */
  removed = false;
  constructor(fs: MemoryFS, ino: bigint, parent?: DirNode) {
    super(fs, ino);
    this.parent = parent ?? this;
  }
  size(): bigint {
    return 0n;
  }
  /** POSIX convention: its entry in the parent, its own `.`, and each subdirectory's `..`. */
  override links(): bigint {
    if (this.removed) return 0n;
    let subdirs = 0n;
    for (const child of this.children.values()) if (child instanceof DirNode) subdirs += 1n;
    return 2n + subdirs;
  }
  /** Whether this directory is `other` or one of its ancestors. */
  isAncestorOf(other: DirNode): boolean {
    for (let d = other; ; d = d.parent) {
      if (d === this) return true;
      if (d.parent === d) return false;
    }
  }
}

type Node = FileNode | SymlinkNode | DirNode;

function checkName(name: string): void {
  if (encoder.encode(name).length > NAME_MAX) fail(errno.nametoolong);
}

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** An open regular file: reads and writes go straight to the inode (it outlives an unlink). */
class MemoryFile implements FsFile {
  constructor(private readonly node: FileNode) {}
  read(buf: Uint8Array, position: bigint): number {
    const node = this.node;
    if (position >= BigInt(node.length)) return 0;
    const start = Number(position);
    const n = Math.min(buf.length, node.length - start);
    buf.set(node.data.subarray(start, start + n));
    return n;
  }
  write(data: Uint8Array, position: bigint): number {
    const end = position + BigInt(data.length);
    if (end > BigInt(MAX_FILE_SIZE)) fail(errno.fbig);
    const node = this.node;
    const start = Number(position);
    node.reserve(start + data.length);
    node.data.set(data, start);
    node.length = Math.max(node.length, start + data.length);
    if (data.length > 0) node.touchModify();
    return data.length;
  }
  stat(): Stat {
    return this.node.stat();
  }
  setSize(size: bigint): void {
    if (size > BigInt(MAX_FILE_SIZE)) fail(errno.fbig);
    this.node.resize(Number(size));
    this.node.touchModify();
  }
  setTimes(times: SetTimes): void {
    this.node.setTimes(times);
  }
  allocate(offset: bigint, len: bigint): void {
    const end = offset + len;
    if (end > BigInt(MAX_FILE_SIZE)) fail(errno.fbig);
    if (end > BigInt(this.node.length)) this.setSize(end);
  }
  sync(): void {}
  datasync(): void {}
  close(): void {}
}

/** A directory handle: a view of one DirNode. */
class MemoryDir implements FsDir {
  constructor(readonly fs: MemoryFS, readonly node: DirNode) {}

  private child(name: string): Node {
    return this.node.children.get(name) ?? fail(errno.noent);
  }
  /** Where a new entry `name` goes: EEXIST if taken, ENOENT if this directory was removed. */
  private vacancy(name: string): void {
    checkName(name);
    if (this.node.children.has(name)) fail(errno.exist);
    if (this.node.removed) fail(errno.noent);
  }
  private add(name: string, node: Node): void {
    this.node.children.set(name, node);
    this.node.touchModify();
  }
  private other(dir: FsDir): MemoryDir {
    return dir instanceof MemoryDir && dir.fs === this.fs ? dir : fail(errno.xdev);
  }

  stat(): Stat {
    return this.node.stat();
  }
  setTimes(times: SetTimes): void {
    this.node.setTimes(times);
  }
  sync(): void {}
  /** An inode is its own identity: every handle keeps naming it, whatever happens to its names. */
  retain(): FsDir {
    return new MemoryDir(this.fs, this.node);
  }
  close(): void {}
  entries(): DirEntry[] {
    const dir = this.node;
    const list: DirEntry[] = [
      { name: '.', ino: dir.ino, filetype: filetype.directory },
      { name: '..', ino: dir.parent.ino, filetype: filetype.directory },
    ];
    for (const [name, node] of dir.children) list.push({ name, ino: node.ino, filetype: node.filetype });
    return list;
  }
  lstatAt(name: string): Stat {
    return this.child(name).stat();
  }
  readlinkAt(name: string): string {
    const node = this.child(name);
    return node instanceof SymlinkNode ? node.target : fail(errno.inval);
  }
  openDirAt(name: string): FsDir {
    const node = this.child(name);
    return node instanceof DirNode ? new MemoryDir(this.fs, node) : fail(errno.notdir);
  }
  openFileAt(name: string, o: OpenFileOptions): FsFile {
    let node = this.node.children.get(name);
    if (node === undefined) {
      if (!o.create) fail(errno.noent);
      this.vacancy(name);
      node = new FileNode(this.fs, this.fs.nextIno());
      this.add(name, node);
    } else if (o.create && o.exclusive) {
      fail(errno.exist);
    }
    if (node instanceof SymlinkNode) fail(errno.loop);
    if (node instanceof DirNode) fail(errno.isdir);
    if (o.truncate && node.length > 0) {
      node.resize(0);
      node.touchModify();
    }
    return new MemoryFile(node);
  }
  mkdirAt(name: string): void {
    this.vacancy(name);
    this.add(name, new DirNode(this.fs, this.fs.nextIno(), this.node));
  }
  symlinkAt(target: string, name: string): void {
    this.vacancy(name);
    this.add(name, new SymlinkNode(this.fs, this.fs.nextIno(), target));
  }
  unlinkAt(name: string): void {
    const node = this.child(name);
    if (node instanceof DirNode) fail(errno.isdir);
    this.node.children.delete(name);
    this.node.touchModify();
    node.nlink -= 1n;
    node.touchChange();
  }
  rmdirAt(name: string): void {
    const node = this.child(name);
    if (!(node instanceof DirNode)) fail(errno.notdir);
    if (node.children.size > 0) fail(errno.notempty);
    this.node.children.delete(name);
    this.node.touchModify();
    node.removed = true;
    node.touchChange();
  }
  /** POSIX rename: replaces a compatible target; a directory cannot move under itself (EINVAL). */
  renameAt(name: string, toDir: FsDir, toName: string): void {
    const to = this.other(toDir);
    const node = this.child(name);
    const existing = to.node.children.get(toName);
    if (existing === node) return;
    if (node instanceof DirNode) {
      if (node.isAncestorOf(to.node)) fail(errno.inval);
      if (existing !== undefined && !(existing instanceof DirNode)) fail(errno.notdir);
      if (existing instanceof DirNode && existing.children.size > 0) fail(errno.notempty);
    } else if (existing instanceof DirNode) {
      fail(errno.isdir);
    }
    if (existing === undefined) to.vacancy(toName);
    else if (existing instanceof DirNode) existing.removed = true;
    else existing.nlink -= 1n;
    existing?.touchChange();
    this.node.children.delete(name);
    this.node.touchModify();
    to.add(toName, node);
    if (node instanceof DirNode) node.parent = to.node;
    node.touchChange();
  }
  linkAt(name: string, toDir: FsDir, toName: string): void {
    const to = this.other(toDir);
    const node = this.child(name);
    if (node instanceof DirNode) fail(errno.perm);
    to.vacancy(toName);
    to.add(toName, node);
    node.nlink += 1n;
    node.touchChange();
  }
  setTimesAt(name: string, times: SetTimes): void {
    this.child(name).setTimes(times);
  }
}

export class MemoryFS implements FileSystem {
  readonly kind = 'memory';
  /** The device number every inode of this filesystem reports (distinct per instance). */
  readonly dev = nextDevice++;
  readonly now: () => bigint;
  private inodes = 0n;
  private readonly root: DirNode;

  constructor(tree: MemoryTree = {}, options: MemoryFSOptions = {}) {
    this.now = options.now ?? systemNow;
    this.root = new DirNode(this, this.nextIno());
    this.populate(new MemoryDir(this, this.root), tree);
  }

  nextIno(): bigint {
    this.inodes += 1n;
    return this.inodes;
  }

  private populate(dir: MemoryDir, tree: MemoryTree): void {
    for (const [name, entry] of Object.entries(tree)) {
      if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
        throw new TypeError(`MemoryFS: invalid entry name ${JSON.stringify(name)}`);
      }
      if (typeof entry === 'string' || entry instanceof Uint8Array) {
        writeWhole(dir.openFileAt(name, { create: true, exclusive: true, truncate: false, read: false, write: true }),
          typeof entry === 'string' ? encoder.encode(entry) : entry);
      } else if ('symlink' in entry && typeof entry.symlink === 'string') {
        dir.symlinkAt(entry.symlink, name);
      } else if ('encoding' in entry && entry.encoding === 'base64' && typeof entry.file === 'string') {
        writeWhole(dir.openFileAt(name, { create: true, exclusive: true, truncate: false, read: false, write: true }),
          decodeBase64(entry.file));
      } else {
        dir.mkdirAt(name);
        this.populate(dir.openDirAt(name) as MemoryDir, entry as MemoryTree);
      }
    }
  }

  /** A preopen root: `path` is a path in this tree (`/` or `''` is the root), read lexically. */
  openRoot(path: string): FsDir {
    let node = this.root;
    for (const c of path.split('/')) {
      if (c === '' || c === '.') continue;
      if (c === '..') {
        node = node.parent;
        continue;
      }
      const next = node.children.get(c) ?? fail(errno.noent, `MemoryFS: no directory ${path}`);
      if (!(next instanceof DirNode)) fail(errno.notdir, `MemoryFS: ${path} is not a directory`);
      node = next;
    }
    return new MemoryDir(this, node);
  }

  /**
   * The tree under `path` in the constructor's shape (text files as strings when they are
   * valid UTF-8, else base64), for comparing a run's result with an expected tree.
   */
  toTree(path = '/'): MemoryTree {
    return snapshot((this.openRoot(path) as MemoryDir).node);
  }
}

function writeWhole(file: FsFile, data: Uint8Array): void {
  file.write(data, 0n);
  file.close();
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

function snapshot(dir: DirNode): MemoryTree {
  const out: MemoryTree = {};
  for (const [name, node] of dir.children) {
    if (node instanceof DirNode) out[name] = snapshot(node);
    else if (node instanceof SymlinkNode) out[name] = { symlink: node.target };
    else out[name] = fileContent(node.data.subarray(0, node.length));
  }
  return out;
}

function fileContent(bytes: Uint8Array): MemoryTreeEntry {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return { file: btoa(bin), encoding: 'base64' };
  }
}
