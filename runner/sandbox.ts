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
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, open, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
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
export async function writeTree(dir: string, tree: Tree): Promise<void> {
  for (const [name, entry] of Object.entries(tree)) {
    const path = join(dir, name);
    if (typeof entry === 'string') await writeFile(path, entry);
    else if (isSymlinkEntry(entry)) await symlink(entry.symlink, path);
    else if (isBinaryFileEntry(entry)) await writeFile(path, Buffer.from(entry.file, 'base64'));
    else {
      await mkdir(path);
      await writeTree(path, entry);
    }
  }
}

/** A file's content as a tree entry: UTF-8 text when it round-trips, base64 otherwise. */
export function fileEntry(bytes: Buffer): Tree[string] {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : { file: bytes.toString('base64'), encoding: 'base64' };
}

/** Read a directory back as a tree, never following symlinks. Sockets, fifos and devices are left out. */
export async function readTree(dir: string): Promise<Tree> {
  const tree: Tree = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    const st = await lstat(path);
    if (st.isSymbolicLink()) tree[name] = { symlink: await readlink(path) };
    else if (st.isDirectory()) tree[name] = await readTree(path);
    else if (st.isFile()) tree[name] = fileEntry(await readFile(path));
  }
  return tree;
}

let baseDir: Promise<string> | undefined;
let counter = 0;

/** One temp directory per run holds every case directory; removed at exit. */
function runBaseDir(): Promise<string> {
  baseDir ??= mkdtemp(join(tmpdir(), 'wasi-conformance-')).then((dir) => {
    process.once('exit', () => {
      // synchronous: nothing asynchronous runs once the process is exiting
      if (!process.env.WASI_CONFORMANCE_KEEP) rmSync(dir, { recursive: true, force: true });
    });
    return dir;
  });
  return baseDir;
}

function openStdio(path: string, flags: string): StdioFile {
  return { path, fd: openSync(path, flags) };
}

/** Build a fresh case directory from the sidecar. */
export async function createSandbox(s: Sidecar): Promise<Sandbox> {
  const dir = join(await runBaseDir(), String(++counter));
  await mkdir(dir);
  const preopens: PreopenDir[] = [];
  for (const [i, p] of s.preopens.entries()) {
    const host = join(dir, `p${i}`);
    await mkdir(host);
    await writeTree(host, p.tree);
    preopens.push({ guest: p.guest, host, tree: p.tree });
  }
  let outside: Sandbox['outside'] = null;
  if (s.outside) {
    outside = { host: join(dir, 'outside'), tree: s.outside };
    await mkdir(outside.host);
    await writeTree(outside.host, s.outside);
  }
  const io = join(dir, 'stdio');
  await mkdir(io);
  await writeFile(join(io, 'stdin'), s.stdin);
  const stdio = {
    stdin: openStdio(join(io, 'stdin'), 'r'),
    stdout: openStdio(join(io, 'stdout'), 'w'),
    stderr: openStdio(join(io, 'stderr'), 'w'),
  };
  return { dir, preopens, outside, stdio };
}

/** Up to `limit` bytes of a capture file, as text, and whether there was more. */
export async function readCapped(path: string, limit = OUTPUT_LIMIT): Promise<{ text: string; truncated: boolean }> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.alloc(Math.min(size, limit));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return { text: buf.subarray(0, bytesRead).toString('utf8'), truncated: size > limit };
  } finally {
    await fh.close();
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
export async function inspectSandbox(sb: Sandbox): Promise<SandboxState> {
  const preopenAfter = sb.preopens[0] ? await readTree(sb.preopens[0].host) : null;
  const escape: string[] = [];
  if (sb.outside) {
    const after = await readTree(sb.outside.host).catch(() => ({}) as Tree);
    escape.push(...diffTrees(sb.outside.tree, after, 'outside'));
  }
  const allowed = new Set([...sb.preopens.map((_, i) => `p${i}`), 'stdio', ...(sb.outside ? ['outside'] : [])]);
  for (const name of await readdir(sb.dir)) {
    if (!allowed.has(name)) escape.push(`${name}: created beside the preopened directories`);
  }
  for (const name of allowed) {
    if (!(await lstat(join(sb.dir, name)).then(() => true, () => false))) escape.push(`${name}: removed from beside the preopened directories`);
  }
  return { preopenAfter, escape };
}

/** Close what is still open in the case directory (ours, and what the implementation leaked), then delete it. */
export async function disposeSandbox(sb: Sandbox): Promise<void> {
  if (CAN_SWEEP) {
    // By path, not by number: the implementation may have closed our fds (guest fd_close(1)) and
    // the numbers may now belong to another case.
    closeFdsUnder(sb.dir);
  } else {
    for (const f of [sb.stdio.stdin, sb.stdio.stdout, sb.stdio.stderr]) {
      try { closeSync(f.fd); } catch { /* already closed by the implementation */ }
    }
  }
  if (!process.env.WASI_CONFORMANCE_KEEP) await rm(sb.dir, { recursive: true, force: true });
}
