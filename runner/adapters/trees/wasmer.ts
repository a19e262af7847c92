/**
 * Trees in @wasmer/wasi's `MemFS` (wasmer-wasi's in-memory file system, compiled to wasm):
 * `createDir`, `open(path, { write, create })` to build; `readDir` and `metadata` to read back.
 * Its JS API cannot create symbolic links (the adapter skips cases whose trees have one); a
 * symlink the guest creates is reported as an entry of unknown kind (left out of the tree).
 */
import { posix } from 'node:path';
import type { Tree } from '../../../suites/sidecar.js';
import { readTreeWith, writeTreeWith, type TreeSink, type TreeSource } from './walk.js';

interface FileType { dir: boolean; file: boolean; symlink: boolean }
export interface WasmerMemFS {
  createDir(path: string): void;
  open(path: string, options: Record<string, boolean>): { write(buf: Uint8Array): number; read(): Uint8Array; free?(): void };
  readDir(path: string): { path: string; metadata: { filetype: FileType } }[];
}

/** Create `dir` (its parent must exist) and the tree in it. */
export function writeWasmerTree(fs: WasmerMemFS, dir: string, tree: Tree): void {
  fs.createDir(dir);
  const sink: TreeSink<string> = {
    dir(parent, name) { const p = posix.join(parent, name); fs.createDir(p); return p; },
    file(parent, name, bytes) {
      const f = fs.open(posix.join(parent, name), { read: true, write: true, create: true });
      f.write(Uint8Array.from(bytes));
      f.free?.();
    },
    symlink() { throw new Error("@wasmer/wasi's MemFS API cannot create symbolic links"); },
  };
  writeTreeWith(sink, dir, tree);
}

export function readWasmerTree(fs: WasmerMemFS, dir: string): Tree {
  const source: TreeSource<string> = {
    *entries(d) {
      for (const e of fs.readDir(d)) {
        const name = posix.basename(e.path);
        const t = e.metadata.filetype;
        if (t.dir) yield [name, { kind: 'dir', dir: e.path }];
        else if (t.file) {
          const f = fs.open(e.path, { read: true });
          const bytes = f.read();
          f.free?.();
          yield [name, { kind: 'file', bytes }];
        } else yield [name, { kind: 'other' }];
      }
    },
  };
  return readTreeWith(source, dir);
}
