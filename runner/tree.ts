/**
 * File trees as the sidecar writes them (suites/sidecar.ts `Tree`), compared entry by entry:
 * one line per difference, paths relative to the tree's root. Pure: no file system access.
 */
import { isBinaryFileEntry, isSymlinkEntry, type Tree, type TreeEntry } from '../suites/sidecar.js';

type Kind = 'file' | 'directory' | 'symlink';

function kindOf(e: TreeEntry): Kind {
  if (typeof e === 'string' || isBinaryFileEntry(e)) return 'file';
  return isSymlinkEntry(e) ? 'symlink' : 'directory';
}

/** A file entry's bytes. */
export function fileBytes(e: string | { file: string }): Buffer {
  return typeof e === 'string' ? Buffer.from(e, 'utf8') : Buffer.from(e.file, 'base64');
}

/** Up to 40 characters of content, JSON-quoted, for messages. */
export function preview(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}/${name}`;
}

/** Differences between an expected and an actual tree, one line each (empty when equal). */
export function diffTrees(expected: Tree, actual: Tree, prefix = ''): string[] {
  const out: string[] = [];
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const name of names) {
    const path = join(prefix, name);
    const e = Object.hasOwn(expected, name) ? expected[name] : undefined;
    const a = Object.hasOwn(actual, name) ? actual[name] : undefined;
    if (a === undefined) { out.push(`${path}: missing (expected a ${kindOf(e!)})`); continue; }
    if (e === undefined) { out.push(`${path}: unexpected ${kindOf(a)}`); continue; }
    const ke = kindOf(e), ka = kindOf(a);
    if (ke !== ka) { out.push(`${path}: expected a ${ke}, found a ${ka}`); continue; }
    if (ke === 'directory') {
      out.push(...diffTrees(e as Tree, a as Tree, path));
    } else if (ke === 'symlink') {
      const te = (e as { symlink: string }).symlink, ta = (a as { symlink: string }).symlink;
      if (te !== ta) out.push(`${path}: symlink to ${JSON.stringify(ta)}, expected ${JSON.stringify(te)}`);
    } else {
      const be = fileBytes(e as string | { file: string }), ba = fileBytes(a as string | { file: string });
      if (!be.equals(ba)) out.push(`${path}: content ${preview(ba)}, expected ${preview(be)}`);
    }
  }
  return out;
}

