/**
 * Trees in @bjorn3/browser_wasi_shim's in-memory file system: `Directory` (a Map of entries)
 * and `File` (bytes). It has no symbolic links (the adapter skips cases whose trees have one).
 */
import type { Tree } from '../../../suites/sidecar.js';
import { readTreeWith, writeTreeWith, type TreeSink, type TreeSource } from './walk.js';

/** The shim's classes, passed in (the package is imported lazily by the adapter). */
export interface Bjorn3Fs {
  File: new (data: Uint8Array) => { data: Uint8Array };
  Directory: new (contents: Map<string, unknown>) => { contents: Map<string, unknown> };
}

type Contents = Map<string, unknown>;

/** A Directory's contents map built from a tree. Directories are made bottom-up (their constructor adopts children). */
export function bjorn3Contents(shim: Bjorn3Fs, tree: Tree): Contents {
  const root: Contents = new Map();
  const sink: TreeSink<Contents> = {
    dir(parent, name) {
      const contents: Contents = new Map();
      parent.set(name, contents); // replaced by a Directory below, once filled
      return contents;
    },
    file(parent, name, bytes) { parent.set(name, new shim.File(bytes)); },
    symlink() { throw new Error('browser_wasi_shim has no symbolic links'); },
  };
  writeTreeWith(sink, root, tree);
  const seal = (c: Contents): Contents => {
    for (const [name, e] of c) if (e instanceof Map) c.set(name, new shim.Directory(seal(e as Contents)));
    return c;
  };
  return seal(root);
}

/** A Directory's contents read back as a tree. */
export function readBjorn3Tree(shim: Bjorn3Fs, contents: Contents): Tree {
  const source: TreeSource<Contents> = {
    *entries(dir) {
      for (const [name, e] of dir) {
        if (e instanceof shim.Directory) yield [name, { kind: 'dir', dir: e.contents }];
        else if (e instanceof shim.File) yield [name, { kind: 'file', bytes: e.data }];
        else yield [name, { kind: 'other' }];
      }
    },
  };
  return readTreeWith(source, contents);
}
