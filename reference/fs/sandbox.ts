/**
 * Path operations under a directory fd: resolve the guest path (resolve.ts), then act on the
 * last component with one single-name backend call. The path_* syscalls call these after their
 * fd lookup and rights checks; nothing else touches a backend by path.
 *
 * Where the spec is silent, the errno for an odd last component follows Linux (the runtimes
 * mostly pass the host's answer through): a path ending in `.`/`..` is EEXIST for creation,
 * EISDIR for unlink, EINVAL (`.`) / ENOTEMPTY (`..`) for rmdir, EBUSY for rename; a trailing
 * `/` on something that is not a directory is ENOTDIR.
 */
import { errno, filetype } from '../abi.js';
import { fail } from '../errors.js';
import { checkGuestPath, lstatOrNull, resolve, type Resolved } from './resolve.js';
import type { FsDir, FsFile, SetTimes, Stat } from './types.js';

const isDir = (s: Stat): boolean => s.filetype === filetype.directory;

/** `resolve`, with the last component followed when `follow` is set or the path ends in `/`. */
function resolveFor(dir: FsDir, path: string, follow: boolean): Resolved {
  return resolve(dir, path, { follow: follow || path.endsWith('/') });
}

/** The attributes of what `path` names (`path_filestat_get`). */
export function statPath(dir: FsDir, path: string, follow: boolean): Stat {
  const r = resolveFor(dir, path, follow);
  if (r.name === null) return r.dir.stat();
  const stat = r.stat ?? r.dir.lstatAt(r.name);
  if (r.mustBeDir && !isDir(stat)) fail(errno.notdir);
  return stat;
}

/** Set the timestamps of what `path` names (`path_filestat_set_times`). */
export function setTimesPath(dir: FsDir, path: string, follow: boolean, times: SetTimes): void {
  const r = resolveFor(dir, path, follow);
  if (r.name === null) return r.dir.setTimes(times);
  if (r.mustBeDir && !isDir(r.dir.lstatAt(r.name))) fail(errno.notdir);
  r.dir.setTimesAt(r.name, times);
}

export interface OpenOptions {
  follow: boolean;
  create: boolean;
  exclusive: boolean;
  truncate: boolean;
  /** oflags.directory: fail with ENOTDIR unless it is a directory. */
  directory: boolean;
  /** The new fd's rights include reading (fd_read, fd_readdir). */
  read: boolean;
  /** The new fd's rights include writing (fd_write, fd_datasync, fd_allocate, fd_filestat_set_size). */
  write: boolean;
}

/** What path_open got: a retained directory handle (close it with the fd) or an open file. */
export type Opened = { kind: 'dir'; dir: FsDir } | { kind: 'file'; file: FsFile };

/**
 * Open or create what `path` names (`path_open`). Errno choices (spec silent, POSIX/Linux
 * `openat`): EEXIST for creat+excl on an existing entry, a symbolic link included (never followed); a symbolic link not followed is ELOOP
 * (ENOTDIR with oflags.directory, as Linux checks that first); a directory opened with
 * oflags.creat or oflags.trunc is EISDIR — asking for write rights is not an error: they "do not apply" to a
 * directory and the fd is opened without them (docs.md, path_open.fs_rights_base); oflags.directory on anything else is ENOTDIR; creat+directory on a
 * missing name is EINVAL (Linux ≥ 6.4 — it cannot create a directory); creating `name/` is EISDIR.
 */
export function openPath(dir: FsDir, path: string, o: OpenOptions): Opened {
  // POSIX: with O_CREAT|O_EXCL a symbolic link in the last component is not followed (EEXIST).
  const r = resolveFor(dir, path, o.follow && !(o.create && o.exclusive));
  if (r.name === null) {
    if (o.create && o.exclusive) fail(errno.exist);
    if (o.create || o.truncate) fail(errno.isdir);
    return { kind: 'dir', dir: r.dir.retain() };
  }
  const stat = r.stat !== undefined ? r.stat : lstatOrNull(r.dir, r.name);
  if (stat === null) {
    if (!o.create) fail(errno.noent);
    if (o.directory) fail(errno.inval, 'oflags creat and directory on a missing entry');
    if (r.mustBeDir) fail(errno.isdir);
    const file = r.dir.openFileAt(r.name, { create: true, exclusive: o.exclusive, truncate: o.truncate, read: o.read, write: o.write });
    return { kind: 'file', file };
  }
  if (o.create && o.exclusive) fail(errno.exist);
  if (stat.filetype === filetype.symbolic_link) fail(o.directory || r.mustBeDir ? errno.notdir : errno.loop);
  if (isDir(stat)) {
    if (o.create || o.truncate) fail(errno.isdir);
    return { kind: 'dir', dir: r.dir.openDirAt(r.name).retain() };
  }
  if (o.directory || r.mustBeDir) fail(errno.notdir);
  const file = r.dir.openFileAt(r.name, { create: false, exclusive: false, truncate: o.truncate, read: o.read, write: o.write });
  return { kind: 'file', file };
}

/** Create a directory (`path_create_directory`); a trailing `/` is allowed. */
export function mkdirPath(dir: FsDir, path: string): void {
  const r = resolve(dir, path, { follow: false });
  if (r.name === null) fail(errno.exist);
  r.dir.mkdirAt(r.name);
}

/** Remove an empty directory (`path_remove_directory`). */
export function rmdirPath(dir: FsDir, path: string): void {
  const r = resolve(dir, path, { follow: false });
  if (r.name === null) fail(r.last === 'dotdot' ? errno.notempty : errno.inval);
  r.dir.rmdirAt(r.name);
}

/** Remove a non-directory (`path_unlink_file`): "Return errno::isdir if the path refers to a directory". */
export function unlinkPath(dir: FsDir, path: string): void {
  const r = resolve(dir, path, { follow: false });
  if (r.name === null) fail(errno.isdir);
  if (r.mustBeDir) fail(isDir(r.dir.lstatAt(r.name)) ? errno.isdir : errno.notdir);
  r.dir.unlinkAt(r.name);
}

/** The target of a symbolic link (`path_readlink`); EINVAL if it is not one. */
export function readlinkPath(dir: FsDir, path: string): string {
  const r = resolve(dir, path, { follow: false });
  if (r.name === null) fail(errno.inval);
  if (r.mustBeDir) fail(isDir(r.dir.lstatAt(r.name)) ? errno.inval : errno.notdir);
  return r.dir.readlinkAt(r.name);
}

/**
 * Create a symbolic link at `path` holding `target` (`path_symlink`). The target is checked
 * like a guest path: an absolute target is refused with ENOTCAPABLE — it could never be followed
 * inside the sandbox, and a host program walking the directory later would follow it out
 * (wasmtime refuses it too).
 */
export function symlinkPath(target: string, dir: FsDir, path: string): void {
  checkGuestPath(target);
  const r = resolve(dir, path, { follow: false });
  if (r.name === null) fail(errno.exist);
  if (r.mustBeDir) fail(lstatOrNull(r.dir, r.name) ? errno.exist : errno.noent);
  r.dir.symlinkAt(target, r.name);
}

/** Two resolved names in the same backend, or EXDEV. */
function sameFs(a: FsDir, b: FsDir): void {
  if (a.fs !== b.fs) fail(errno.xdev);
}

/** Create a hard link (`path_link`); `follow` applies to the old path only. */
export function linkPath(oldDir: FsDir, oldPath: string, follow: boolean, newDir: FsDir, newPath: string): void {
  const from = resolveFor(oldDir, oldPath, follow);
  const to = resolve(newDir, newPath, { follow: false });
  if (from.name === null) fail(errno.perm);
  if (from.mustBeDir) fail(isDir(from.dir.lstatAt(from.name)) ? errno.perm : errno.notdir);
  if (to.name === null) fail(errno.exist);
  if (to.mustBeDir) fail(lstatOrNull(to.dir, to.name) ? errno.exist : errno.noent);
  sameFs(from.dir, to.dir);
  from.dir.linkAt(from.name, to.dir, to.name);
}

/** Rename a file or directory (`path_rename`); neither path's last component is followed. */
export function renamePath(oldDir: FsDir, oldPath: string, newDir: FsDir, newPath: string): void {
  const from = resolve(oldDir, oldPath, { follow: false });
  const to = resolve(newDir, newPath, { follow: false });
  if (from.name === null || to.name === null) fail(errno.busy);
  if (from.mustBeDir || to.mustBeDir) {
    if (!isDir(from.dir.lstatAt(from.name))) fail(errno.notdir);
  }
  sameFs(from.dir, to.dir);
  from.dir.renameAt(from.name, to.dir, to.name);
}
