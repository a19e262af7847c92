/**
 * The sandbox: guest paths resolved component by component under a directory fd.
 *
 * This is the only place that interprets `/`, `.`, `..` and symbolic links in guest paths. It
 * walks with the backend's single-name operations (types.ts), keeping the chain of directories
 * it went through, so:
 * - `..` steps back along that chain and is refused (ENOTCAPABLE) at the fd's own directory:
 *   an fd is a capability for its subtree, nothing above it;
 * - a symbolic link met on the way (or at the end, when following) is read and its target
 *   spliced into the remaining components, interpreted relative to the directory holding the
 *   link — so a relative target can only reach what `..` could; absolute targets are refused;
 * - more than MAX_SYMLINKS expansions in one resolution is ELOOP (loops, long chains);
 * - an absolute guest path is ENOTCAPABLE (paths are relative to an fd).
 * The host is never asked to resolve a multi-component path, so it never follows a link for us.
 *
 * Resolution stops at the last component and returns the directory holding it plus its name;
 * the caller (sandbox.ts) performs the action there with a single-name backend call.
 */
import { errno, filetype } from '../abi.js';
import { fail, WasiError } from '../errors.js';
import type { FsDir, Stat } from './types.js';

/** Symbolic links expanded in one resolution before giving up with ELOOP (Linux MAXSYMLINKS). */
export const MAX_SYMLINKS = 40;

export interface Resolved {
  /** The directory holding the last component (or named by the path, when `name` is null). */
  dir: FsDir;
  /**
   * The last component, or null when the path names `dir` itself: it ended in `.` or `..`
   * (`last` says which).
   */
  name: string | null;
  last: 'name' | 'dot' | 'dotdot';
  /** The path ended with `/`: whatever it names must be a directory. */
  mustBeDir: boolean;
  /**
   * The last component's lstat when resolving took it (following a link in it): null when it
   * does not exist; undefined when it was not looked at. Spares the caller a second lstat.
   */
  stat?: Stat | null;
}

export interface ResolveOptions {
  /** Expand a symbolic link in the last component (lookupflags.symlink_follow). */
  follow: boolean;
}

/**
 * Check a guest path before walking it: empty → ENOENT (as POSIX), a NUL byte → EINVAL (no
 * host file name can hold one; opening the truncated name would be wrong — divergences.md
 * "path_open trailing NUL"), absolute → ENOTCAPABLE (only paths relative to an fd are
 * capabilities; divergences.md "Sandbox escape errno").
 */
export function checkGuestPath(path: string): void {
  if (path === '') fail(errno.noent, 'empty path');
  if (path.includes('\0')) fail(errno.inval, 'NUL byte in path');
  if (path.startsWith('/')) fail(errno.notcapable, `absolute path ${JSON.stringify(path)}`);
}

/** The components of a relative path, empty ones (`a//b`, trailing `/`) dropped. */
function components(path: string): string[] {
  return path.split('/').filter((c) => c !== '');
}

/** `lstatAt`, or null when the entry does not exist. */
export function lstatOrNull(dir: FsDir, name: string): Stat | null {
  try {
    return dir.lstatAt(name);
  } catch (e) {
    if (e instanceof WasiError && e.errno === errno.noent) return null;
    throw e;
  }
}

/**
 * Resolve `path` under `start`. Missing intermediate directories are ENOENT, non-directories
 * on the way ENOTDIR; the last component need not exist (the caller may create it).
 */
export function resolve(start: FsDir, path: string, options: ResolveOptions): Resolved {
  checkGuestPath(path);
  const chain: FsDir[] = [start];
  const pending = components(path);
  let mustBeDir = path.endsWith('/');
  let expansions = 0;

  for (;;) {
    const here = chain[chain.length - 1]!;
    const component = pending.shift();
    // Only reachable for a path made of slashes, which checkGuestPath refuses; a symlink
    // target made only of `/` is absolute and refused too.
    if (component === undefined) return { dir: here, name: null, last: 'dot', mustBeDir };
    const isLast = pending.length === 0;

    if (component === '.') {
      if (isLast) return { dir: here, name: null, last: 'dot', mustBeDir };
      continue;
    }
    if (component === '..') {
      if (chain.length === 1) fail(errno.notcapable, `"..": would leave the directory of the fd`);
      chain.pop();
      if (isLast) return { dir: chain[chain.length - 1]!, name: null, last: 'dotdot', mustBeDir };
      continue;
    }
    if (isLast && !options.follow) return { dir: here, name: component, last: 'name', mustBeDir };

    const stat = lstatOrNull(here, component);
    if (stat === null) {
      if (isLast) return { dir: here, name: component, last: 'name', mustBeDir, stat };
      fail(errno.noent, `no such directory ${JSON.stringify(component)}`);
    }
    if (stat.filetype === filetype.symbolic_link) {
      expansions += 1;
      if (expansions > MAX_SYMLINKS) fail(errno.loop, 'too many symbolic links');
      const target = here.readlinkAt(component);
      if (target === '') fail(errno.noent, 'empty symbolic link');
      if (target.startsWith('/')) fail(errno.notcapable, `absolute symbolic link target ${JSON.stringify(target)}`);
      if (isLast && target.endsWith('/')) mustBeDir = true;
      pending.unshift(...components(target));
      continue;
    }
    if (isLast) return { dir: here, name: component, last: 'name', mustBeDir, stat };
    if (stat.filetype !== filetype.directory) fail(errno.notdir, `${JSON.stringify(component)} is not a directory`);
    chain.push(here.openDirAt(component));
  }
}
