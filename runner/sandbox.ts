/**
 * The per-case sandbox on the host. Layout of one case directory:
 *
 *   <case>/p0, p1, …   one directory per preopen, built from `preopens[i].tree`
 *   <case>/outside     the canary tree (sidecar `outside`), BESIDE the preopens, so a
 *                      `../outside/…` that escapes a preopen reaches it
 *   <case>/stdio       stdin (the sidecar's text), stdout and stderr capture files
 *
 * After the run the trees are read back with lstat (symlinks are never followed), the canary
 * compared byte for byte, and anything new beside the preopens reported as an escape.
 *
 * File system calls here are synchronous: a case touches a dozen tiny files, and a round trip
 * through libuv's thread pool per call costs more than the call (the runner keeps several cases
 * in flight, so workers run guests meanwhile). Case directories go on a RAM-backed file system
 * when there is one (see sandboxRoot).
 */
import {
  accessSync, closeSync, constants, fstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync,
  readlinkSync, readSync, rmdirSync, rmSync, statfsSync, statSync, symlinkSync, unlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isBinaryFileEntry, isSymlinkEntry, type Sidecar, type Tree } from '../suites/sidecar.js';
import type { PreopenDir, RunJob, StdioFile } from './adapters/types.js';
import { CAN_SWEEP, closeFdsUnder } from './fdsweep.js';
import { diffTrees } from './tree.js';

/** Standard output and error are kept up to this many bytes each. */
export const OUTPUT_LIMIT = 1024 * 1024;

export interface Sandbox {
  dir: string;
  preopens: PreopenDir[];
  outside: { host: string; tree: Tree } | null;
  stdio: RunJob['stdio'];
}

/** Write a tree under `dir` (which exists). */
export function writeTree(dir: string, tree: Tree): void {
  for (const [name, entry] of Object.entries(tree)) {
    const path = join(dir, name);
    if (typeof entry === 'string') writeFileSync(path, entry);
    else if (isSymlinkEntry(entry)) symlinkSync(entry.symlink, path);
    else if (isBinaryFileEntry(entry)) writeFileSync(path, Buffer.from(entry.file, 'base64'));
    else {
      mkdirSync(path);
      writeTree(path, entry);
    }
  }
}

/** A file's content as a tree entry: UTF-8 text when it round-trips, base64 otherwise. */
export function fileEntry(bytes: Buffer): Tree[string] {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : { file: bytes.toString('base64'), encoding: 'base64' };
}

/** Read a directory back as a tree, never following symlinks. Sockets, fifos and devices are left out. */
export function readTree(dir: string): Tree {
  const tree: Tree = {};
  // Dirent types come from readdir itself (node lstats only entries whose type is unknown).
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of entries) {
    const path = join(dir, d.name);
    if (d.isSymbolicLink()) tree[d.name] = { symlink: readlinkSync(path) };
    else if (d.isDirectory()) tree[d.name] = readTree(path);
    else if (d.isFile()) tree[d.name] = fileEntry(readFileSync(path));
  }
  return tree;
}

/** Free space below which a RAM-backed directory is not used (a guest may write a lot). */
const MIN_RAM_DIR_BYTES = 1024 ** 3;

function usableRamDir(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    const st = statfsSync(dir);
    return st.bavail * st.bsize >= MIN_RAM_DIR_BYTES;
  } catch {
    return false;
  }
}

/**
 * Where case directories are made: $WASI_CONFORMANCE_TMPDIR when set; else /dev/shm when it is a
 * writable tmpfs with at least 1 GiB free (creating and deleting small files there is several
 * times faster than on a disk file system, and the cases' trees are small); else the OS temp dir.
 */
export function sandboxRoot(): string {
  const chosen = process.env.WASI_CONFORMANCE_TMPDIR;
  if (chosen) return chosen;
  return process.platform === 'linux' && usableRamDir('/dev/shm') ? '/dev/shm' : tmpdir();
}

let baseDir: string | undefined;
let counter = 0;

/** A run's base directory: `wasi-conformance-run-<pid>-<random>`. */
const BASE_PREFIX = 'wasi-conformance-run-';
/** A base directory untouched this long, whose process is gone, was left by a killed run. */
const STALE_AFTER_MS = 10 * 60 * 1000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // exists, not ours
  }
}

/**
 * Remove what killed runs left in `root` (SIGKILL skips the exit handler): base directories
 * whose process no longer exists and which nothing has changed for STALE_AFTER_MS (a live run
 * changes its base directory with every case; another PID namespace may reuse the number).
 */
export function removeStaleBaseDirs(root: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(BASE_PREFIX));
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = Number(name.slice(BASE_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    const dir = join(root, name);
    try {
      if (now - statSync(dir).mtimeMs < STALE_AFTER_MS) continue;
      rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch { /* someone else's, or gone meanwhile */ }
  }
  return removed;
}

/** One temp directory per run holds every case directory; removed at exit (and by a later run if killed). */
function runBaseDir(): string {
  if (baseDir === undefined) {
    const root = sandboxRoot();
    removeStaleBaseDirs(root);
    const dir = mkdtempSync(join(root, `${BASE_PREFIX}${process.pid}-`));
    process.once('exit', () => {
      // synchronous: nothing asynchronous runs once the process is exiting
      if (!process.env.WASI_CONFORMANCE_KEEP) rmSync(dir, { recursive: true, force: true });
    });
    baseDir = dir;
  }
  return baseDir;
}

function openStdio(path: string, flags: string): StdioFile {
  return { path, fd: openSync(path, flags) };
}

/** Build a fresh case directory from the sidecar. */
export function createSandbox(s: Sidecar): Sandbox {
  const dir = join(runBaseDir(), String(++counter));
  mkdirSync(dir);
  const preopens: PreopenDir[] = [];
  for (const [i, p] of s.preopens.entries()) {
    const host = join(dir, `p${i}`);
    mkdirSync(host);
    writeTree(host, p.tree);
    preopens.push({ guest: p.guest, host, tree: p.tree });
  }
  let outside: Sandbox['outside'] = null;
  if (s.outside) {
    outside = { host: join(dir, 'outside'), tree: s.outside };
    mkdirSync(outside.host);
    writeTree(outside.host, s.outside);
  }
  const io = join(dir, 'stdio');
  mkdirSync(io);
  writeFileSync(join(io, 'stdin'), s.stdin);
  const stdio = {
    stdin: openStdio(join(io, 'stdin'), 'r'),
    stdout: openStdio(join(io, 'stdout'), 'w'),
    stderr: openStdio(join(io, 'stderr'), 'w'),
  };
  return { dir, preopens, outside, stdio };
}

/** Up to `limit` bytes of a capture file, as text, and whether there was more. */
export function readCapped(path: string, limit = OUTPUT_LIMIT): { text: string; truncated: boolean } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return { text: '', truncated: false };
    const buf = Buffer.allocUnsafe(Math.min(size, limit));
    const bytesRead = readSync(fd, buf, 0, buf.length, 0);
    return { text: buf.subarray(0, bytesRead).toString('utf8'), truncated: size > limit };
  } finally {
    closeSync(fd);
  }
}

/** Cap output an adapter captured itself. */
export function capText(text: string, limit = OUTPUT_LIMIT): { text: string; truncated: boolean } {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= limit ? { text, truncated: false } : { text: bytes.subarray(0, limit).toString('utf8'), truncated: true };
}

export interface SandboxState {
  /** The first preopen's tree after the run (null without preopens). */
  preopenAfter: Tree | null;
  /** Escape evidence, one line each: canary changes (`outside/…`) and new entries beside the preopens. */
  escape: string[];
}

/** Read the trees back from the host and look for escapes. */
export function inspectSandbox(sb: Sandbox): SandboxState {
  const preopenAfter = sb.preopens[0] ? readTree(sb.preopens[0].host) : null;
  const escape: string[] = [];
  if (sb.outside) {
    let after: Tree = {};
    try { after = readTree(sb.outside.host); } catch { /* removed: every canary entry is missing */ }
    escape.push(...diffTrees(sb.outside.tree, after, 'outside'));
  }
  const allowed = new Set([...sb.preopens.map((_, i) => `p${i}`), 'stdio', ...(sb.outside ? ['outside'] : [])]);
  const present = new Set(readdirSync(sb.dir));
  for (const name of present) {
    if (!allowed.has(name)) escape.push(`${name}: created beside the preopened directories`);
  }
  for (const name of allowed) {
    if (!present.has(name)) escape.push(`${name}: removed from beside the preopened directories`);
  }
  return { preopenAfter, escape };
}

/**
 * Close what is still open in the case directory (ours, and what the implementation leaked), then
 * delete it. `sharedFds`: the implementation ran in this process (a worker thread), so it may have
 * closed our descriptors or leaked its own; false when it ran in another process, where only our
 * three stdio descriptors can be open here (and listing /proc/self/fd is skipped).
 */
export function disposeSandbox(sb: Sandbox, sharedFds = true): void {
  if (CAN_SWEEP && sharedFds) {
    // By path, not by number: the implementation may have closed our fds (guest fd_close(1)) and
    // the numbers may now belong to another case.
    closeFdsUnder(sb.dir);
  } else {
    for (const f of [sb.stdio.stdin, sb.stdio.stdout, sb.stdio.stderr]) {
      try { closeSync(f.fd); } catch { /* already closed by the implementation */ }
    }
  }
  if (!process.env.WASI_CONFORMANCE_KEEP) removeTree(sb.dir);
}

/**
 * Delete a case directory: one readdir per directory, then unlink/rmdir (rmSync lstats every
 * entry and tries rmdir before reading a directory, which costs twice as much per case). Falls
 * back to rmSync for anything unusual.
 */
function removeTree(dir: string): void {
  try {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) removeTree(path);
      else unlinkSync(path);
    }
    rmdirSync(dir);
  } catch {
    rmSync(dir, { recursive: true, force: true });
  }
}
