/**
 * Trees in a file system with Node's synchronous `fs` API (memfs volumes: @tybys/wasm-util,
 * wasi-js). Directory handles are absolute POSIX paths inside that file system.
 */
import { posix } from 'node:path';
import type { Tree } from '../../../suites/sidecar.js';
import { readTreeWith, writeTreeWith, type SourceEntry, type TreeSink, type TreeSource } from './walk.js';

/** The part of Node's fs API the converters use. */
export interface SyncFs {
  mkdirSync(path: string, options?: { recursive?: boolean }): unknown;
  writeFileSync(path: string, data: Uint8Array): void;
  symlinkSync(target: string, path: string): void;
  readdirSync(path: string): unknown[];
  lstatSync(path: string): { isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean };
  readlinkSync(path: string): unknown;
  readFileSync(path: string): unknown;
}

function sink(fs: SyncFs): TreeSink<string> {
  return {
    dir(parent, name) { const p = posix.join(parent, name); fs.mkdirSync(p); return p; },
    file(parent, name, bytes) { fs.writeFileSync(posix.join(parent, name), bytes); },
    symlink(parent, name, target) { fs.symlinkSync(target, posix.join(parent, name)); },
  };
}

function source(fs: SyncFs): TreeSource<string> {
  return {
    *entries(dir) {
      for (const name of fs.readdirSync(dir).map(String)) {
        const p = posix.join(dir, name);
        const st = fs.lstatSync(p);
        let e: SourceEntry<string>;
        if (st.isSymbolicLink()) e = { kind: 'symlink', target: String(fs.readlinkSync(p)) };
        else if (st.isDirectory()) e = { kind: 'dir', dir: p };
        else if (st.isFile()) e = { kind: 'file', bytes: fs.readFileSync(p) as Uint8Array };
        else e = { kind: 'other' };
        yield [name, e];
      }
    },
  };
}

/** Create `dir` (and its parents) and the tree in it. */
export function writeNodeFsTree(fs: SyncFs, dir: string, tree: Tree): void {
  fs.mkdirSync(dir, { recursive: true });
  writeTreeWith(sink(fs), dir, tree);
}

export function readNodeFsTree(fs: SyncFs, dir: string): Tree {
  return readTreeWith(source(fs), dir);
}
