/**
 * Tree (suites/sidecar.ts) ↔ a shim's in-memory file system, written once: each representation
 * supplies a small sink (make a directory, a file, a symlink) and source (list a directory's
 * entries); these walks do the recursion, byte handling and naming.
 */
import { isBinaryFileEntry, isSymlinkEntry, type Tree } from '../../../suites/sidecar.js';
import { fileEntry } from '../../sandbox.js';
import { fileBytes } from '../../tree.js';

/** Builds entries under a directory handle `D`. */
export interface TreeSink<D> {
  dir(parent: D, name: string): D;
  file(parent: D, name: string, bytes: Uint8Array): void;
  symlink(parent: D, name: string, target: string): void;
}

/** One entry as a representation reports it. */
export type SourceEntry<D> =
  | { kind: 'file'; bytes: Uint8Array }
  | { kind: 'dir'; dir: D }
  | { kind: 'symlink'; target: string }
  /** Sockets, devices, markers: left out of the tree. */
  | { kind: 'other' };

/** Lists a directory handle's entries (without `.` and `..`). */
export interface TreeSource<D> {
  entries(dir: D): Iterable<[string, SourceEntry<D>]>;
}

/** Create `tree` under `root`. */
export function writeTreeWith<D>(sink: TreeSink<D>, root: D, tree: Tree): void {
  for (const [name, e] of Object.entries(tree)) {
    if (typeof e === 'string' || isBinaryFileEntry(e)) sink.file(root, name, fileBytes(e));
    else if (isSymlinkEntry(e)) sink.symlink(root, name, e.symlink);
    else writeTreeWith(sink, sink.dir(root, name), e);
  }
}

/** Read the tree under `root` back. */
export function readTreeWith<D>(source: TreeSource<D>, root: D): Tree {
  const tree: Tree = {};
  for (const [name, e] of source.entries(root)) {
    if (e.kind === 'file') tree[name] = fileEntry(Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength));
    else if (e.kind === 'dir') tree[name] = readTreeWith(source, e.dir);
    else if (e.kind === 'symlink') tree[name] = { symlink: e.target };
  }
  return tree;
}
