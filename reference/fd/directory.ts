/**
 * `DirectoryFd`: an fd on a directory of a filesystem backend — readdir, its own attributes,
 * and every path_* call, whose paths are relative to it and resolved in the sandbox
 * (fs/sandbox.ts: nothing above this directory is reachable through it).
 * `PreopenFd`: a directory the embedder preopened; it also has a guest name (fd_prestat_*).
 *
 * Rights were checked by the syscall before any method here runs; these methods only decode
 * flags and act.
 */
import { errno, filetype, lookupflags, oflags, rights } from '../abi.js';
import { fail } from '../errors.js';
import * as sandbox from '../fs/sandbox.js';
import type { DirEntry, FsDir, SetTimes } from '../fs/types.js';
import { DIRECTORY_RIGHTS, FILE_RIGHTS } from '../rights.js';
import { FdObject, type Filestat } from './base.js';
import { FileFd } from './file.js';

const encoder = new TextEncoder();
const follows = (lookup: number): boolean => (lookup & lookupflags.symlink_follow) !== 0;

/** Rights that let an fd read (the host file is opened readable). */
const READING = rights.fd_read | rights.fd_readdir;
/** Rights that let an fd write or resize (the host file is opened writable). */
const WRITING = rights.fd_write | rights.fd_datasync | rights.fd_allocate | rights.fd_filestat_set_size;

export class DirectoryFd extends FdObject {
  /** The listing fd_readdir iterates over; taken again whenever the guest reads from cookie 0. */
  private listing: DirEntry[] | undefined;

  /** @param dir a retained handle (FsDir.retain / FileSystem.openRoot): the fd owns it. */
  constructor(readonly dir: FsDir, rightsBase: bigint, rightsInheriting: bigint, flags = 0) {
    super(filetype.directory, rightsBase, rightsInheriting, flags);
  }

  /** The directory of another fd given as a path_link / path_rename target (ENOTDIR if it is none). */
  private static dirOf(fd: FdObject): FsDir {
    return fd instanceof DirectoryFd ? fd.dir : fail(errno.notdir);
  }

  /** Release the retained directory handle (a host fd for HostFS). */
  override close(): void {
    this.dir.close();
  }
  override setFlags(flags: number): void {
    this.flags = flags;
  }
  override filestat(): Filestat {
    return this.dir.stat();
  }
  override setTimes(times: SetTimes): void {
    this.dir.setTimes(times);
  }
  override sync(): void {
    this.dir.sync();
  }
  override datasync(): void {
    this.dir.sync();
  }

  override readdir(cookie: bigint): DirEntry[] {
    if (cookie === 0n || this.listing === undefined) this.listing = this.dir.entries();
    return this.listing;
  }

  override pathCreateDirectory(path: string): void {
    sandbox.mkdirPath(this.dir, path);
  }
  override pathFilestatGet(lookup: number, path: string): Filestat {
    return sandbox.statPath(this.dir, path, follows(lookup));
  }
  override pathFilestatSetTimes(lookup: number, path: string, times: SetTimes): void {
    sandbox.setTimesPath(this.dir, path, follows(lookup), times);
  }
  override pathLink(oldLookup: number, oldPath: string, newDir: FdObject, newPath: string): void {
    sandbox.linkPath(this.dir, oldPath, follows(oldLookup), DirectoryFd.dirOf(newDir), newPath);
  }
  override pathReadlink(path: string): Uint8Array {
    return encoder.encode(sandbox.readlinkPath(this.dir, path));
  }
  override pathRemoveDirectory(path: string): void {
    sandbox.rmdirPath(this.dir, path);
  }
  override pathRename(oldPath: string, newDir: FdObject, newPath: string): void {
    sandbox.renamePath(this.dir, oldPath, DirectoryFd.dirOf(newDir), newPath);
  }
  override pathSymlink(target: string, newPath: string): void {
    sandbox.symlinkPath(target, this.dir, newPath);
  }
  override pathUnlinkFile(path: string): void {
    sandbox.unlinkPath(this.dir, path);
  }

  /**
   * path_open: the new fd gets the requested rights minus those that do not apply to what was
   * opened (a directory keeps DIRECTORY_RIGHTS, a file FILE_RIGHTS and no inheriting rights).
   * The syscall has checked that the request is within this fd's inheriting rights.
   */
  override pathOpen(lookup: number, path: string, oflagBits: number, rightsBase: bigint, rightsInheriting: bigint,
    fdflagBits: number): FdObject {
    const opened = sandbox.openPath(this.dir, path, {
      follow: follows(lookup),
      create: (oflagBits & oflags.creat) !== 0,
      exclusive: (oflagBits & oflags.excl) !== 0,
      truncate: (oflagBits & oflags.trunc) !== 0,
      directory: (oflagBits & oflags.directory) !== 0,
      read: (rightsBase & READING) !== 0n,
      write: (rightsBase & WRITING) !== 0n,
    });
    if (opened.kind === 'dir') {
      return new DirectoryFd(opened.dir, rightsBase & DIRECTORY_RIGHTS, rightsInheriting, fdflagBits);
    }
    const type = opened.file.filetype ?? opened.file.stat().filetype;
    return new FileFd(opened.file, type, rightsBase & FILE_RIGHTS, 0n, fdflagBits);
  }
}

export class PreopenFd extends DirectoryFd {
  constructor(readonly guestPath: string, dir: FsDir, rightsBase: bigint, rightsInheriting: bigint) {
    super(dir, rightsBase, rightsInheriting);
  }
  override preopenName(): string {
    return this.guestPath;
  }
}
