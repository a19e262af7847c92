/**
 * Trees in @runno/wasi's file system: a flat map from absolute path ("/dir/a.txt") to a file
 * record. Directories exist through the paths of their files; an empty directory is a
 * `<dir>/.runno` marker file, runno's own convention (its path_create_directory makes one).
 * No symbolic links (the adapter skips cases whose trees have one).
 */
import type { Tree } from '../../../suites/sidecar.js';
import { readTreeWith, writeTreeWith, type TreeSink, type TreeSource } from './walk.js';

export const RUNNO_DIR_MARKER = '.runno';

export interface RunnoFile {
  path: string;
  timestamps: { access: Date; modification: Date; change: Date };
  mode: 'binary' | 'string';
  content: Uint8Array | string;
}
export type RunnoFS = Record<string, RunnoFile>;

function record(path: string, content: Uint8Array): RunnoFile {
  const now = new Date();
  return { path, timestamps: { access: now, modification: now, change: now }, mode: 'binary', content };
}

/** The tree as a runno file map rooted at "/". */
export function runnoFs(tree: Tree): RunnoFS {
  const fs: RunnoFS = {};
  const dirs: string[] = [];
  const sink: TreeSink<string> = {
    dir(parent, name) { const p = `${parent}${name}/`; dirs.push(p); return p; },
    file(parent, name, bytes) { fs[`${parent}${name}`] = record(`${parent}${name}`, Uint8Array.from(bytes)); },
    symlink() { throw new Error("runno's file system has no symbolic links"); },
  };
  writeTreeWith(sink, '/', tree);
  for (const d of dirs) {
    if (!Object.keys(fs).some((p) => p.startsWith(d))) fs[`${d}${RUNNO_DIR_MARKER}`] = record(`${d}${RUNNO_DIR_MARKER}`, new Uint8Array());
  }
  return fs;
}

/** A runno file map read back as a tree (markers dropped, their directories kept). */
export function readRunnoTree(fs: RunnoFS): Tree {
  const source: TreeSource<string> = {
    *entries(dir) {
      const seen = new Set<string>();
      for (const [path, file] of Object.entries(fs)) {
        if (!path.startsWith(dir)) continue;
        const [name, ...rest] = path.slice(dir.length).split('/');
        if (!name || seen.has(name)) continue;
        if (rest.length > 0) {
          seen.add(name);
          yield [name, { kind: 'dir', dir: `${dir}${name}/` }];
        } else if (name !== RUNNO_DIR_MARKER) {
          seen.add(name);
          const bytes = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
          yield [name, { kind: 'file', bytes }];
        }
      }
    },
  };
  return readTreeWith(source, '/');
}
