/**
 * Directory trees on the host for tests: write a `Tree` (the fixture sidecar shape) to disk and
 * read one back, so a test can compare a directory's state with an expected tree.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isBinaryFileEntry, isSymlinkEntry, type Tree } from '../../suites/sidecar.js';

/** Create `dir` (and parents) and write `tree` into it. */
export function writeTree(dir: string, tree: Tree): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, entry] of Object.entries(tree)) {
    const p = path.join(dir, name);
    if (typeof entry === 'string') fs.writeFileSync(p, entry);
    else if (isSymlinkEntry(entry)) fs.symlinkSync(entry.symlink, p);
    else if (isBinaryFileEntry(entry)) fs.writeFileSync(p, Buffer.from(entry.file, 'base64'));
    else writeTree(p, entry);
  }
}

/** Read `dir` back as a Tree: UTF-8 files as strings, others base64, symlinks verbatim. */
export function readTree(dir: string): Tree {
  const out: Tree = {};
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) out[name] = { symlink: fs.readlinkSync(p) };
    else if (st.isDirectory()) out[name] = readTree(p);
    else {
      const data = fs.readFileSync(p);
      const text = data.toString('utf8');
      out[name] = Buffer.from(text, 'utf8').equals(data) ? text : { file: data.toString('base64'), encoding: 'base64' };
    }
  }
  return out;
}

/** A fresh temporary directory under the OS temp dir; remove it with `removeTemp`. */
export function makeTemp(prefix = 'wasi-conformance-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeTemp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A Tree with its keys sorted at every level (readTree order), for order-insensitive equality. */
export function sortTree(tree: Tree): Tree {
  const out: Tree = {};
  for (const name of Object.keys(tree).sort()) {
    const e = tree[name]!;
    out[name] = typeof e === 'object' && !isSymlinkEntry(e) && !isBinaryFileEntry(e) ? sortTree(e) : e;
  }
  return out;
}
