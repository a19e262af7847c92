/**
 * The two filesystem backends as test fixtures, so one test table runs on both: a sandbox
 * directory built from a tree, a canary tree OUTSIDE it (its sibling `outside/`), and readers
 * for both trees after the test.
 *
 * Layout (host: under a fresh temp dir; memory: at the MemoryFS root):
 *   sandbox/   the preopen root, built from `sandbox`
 *   outside/   the canary, built from `outside` — no test may change it
 * A symlink target written `@OUTSIDE@/x` becomes the absolute path of `outside/x` on that backend.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { HostFS } from '../../reference/fs/host.js';
import { closeFdsUnder } from '../../runner/fdsweep.js';
import { MemoryFS, type MemoryTree } from '../../reference/fs/memory.js';
import type { FileSystem, FsDir } from '../../reference/fs/types.js';
import { isBinaryFileEntry, isSymlinkEntry, type Tree } from '../../suites/sidecar.js';
import { makeTemp, readTree, removeTemp, sortTree, writeTree } from './host-tree.js';

export type BackendName = 'host' | 'memory';

export interface SandboxFixture {
  readonly backend: BackendName;
  /** The backend (pass as the WASI `fs` option; HostFS is also the default). */
  readonly fs: FileSystem;
  /** What to pass to `fs.openRoot` (and as the `preopens` value) for the sandbox. */
  readonly rootPath: string;
  /** A fresh handle on the sandbox root. */
  root(): FsDir;
  /** The sandbox tree now (keys sorted). */
  sandbox(): Tree;
  /** The canary tree now (keys sorted). */
  outside(): Tree;
  cleanup(): void;
}

/** A default canary: a file and a directory that must stay exactly as they are. */
export const CANARY: Tree = { 'canary.txt': 'do not touch', dir: { 'inner.txt': 'inner' } };

const OUTSIDE_TOKEN = '@OUTSIDE@';

function substitute(tree: Tree, outsideAbs: string): Tree {
  const out: Tree = {};
  for (const [name, e] of Object.entries(tree)) {
    if (isSymlinkEntry(e)) out[name] = { symlink: e.symlink.split(OUTSIDE_TOKEN).join(outsideAbs) };
    else if (typeof e === 'string' || isBinaryFileEntry(e)) out[name] = e;
    else out[name] = substitute(e, outsideAbs);
  }
  return out;
}

function hostFixture(sandbox: Tree, outside: Tree): SandboxFixture {
  const tmp = makeTemp();
  const sandboxDir = path.join(tmp, 'sandbox');
  const outsideDir = path.join(tmp, 'outside');
  writeTree(sandboxDir, substitute(sandbox, outsideDir));
  writeTree(outsideDir, outside);
  const fs = new HostFS();
  return {
    backend: 'host', fs, rootPath: sandboxDir,
    root: () => fs.openRoot(sandboxDir),
    sandbox: () => readTree(sandboxDir),
    outside: () => readTree(outsideDir),
    // A WASI object never closes its preopens (node:wasi neither): close what is left open in here.
    cleanup: () => { closeFdsUnder(realpathSync(tmp)); removeTemp(tmp); },
  };
}

function memoryFixture(sandbox: Tree, outside: Tree): SandboxFixture {
  const fs = new MemoryFS({ sandbox: substitute(sandbox, '/outside'), outside } as MemoryTree);
  return {
    backend: 'memory', fs, rootPath: '/sandbox',
    root: () => fs.openRoot('/sandbox'),
    sandbox: () => sortTree(fs.toTree('/sandbox') as Tree),
    outside: () => sortTree(fs.toTree('/outside') as Tree),
    cleanup: () => {},
  };
}

export const BACKENDS: readonly { name: BackendName; make(sandbox: Tree, outside?: Tree): SandboxFixture }[] = [
  { name: 'host', make: (sandbox, outside = CANARY) => hostFixture(sandbox, outside) },
  { name: 'memory', make: (sandbox, outside = CANARY) => memoryFixture(sandbox, outside) },
];
