/**
 * What a case needs from an adapter beyond its ABI, read from the sidecar: the features it
 * requires (explicit `requires`, plus `fs` whenever it preopens a directory) and facts about
 * its trees that some in-memory file systems cannot hold (symbolic links, several preopens).
 * Adapters use these in `unsupported()` so the runner records `skip` with the reason.
 */
import { isDirEntry, isSymlinkEntry, type Sidecar, type Tree } from '../../suites/sidecar.js';
import type { Feature } from './types.js';

/** The features a case needs: its `requires`, and `fs` when it has preopens. */
export function requiredFeatures(s: Pick<Sidecar, 'requires' | 'preopens'>): Feature[] {
  const out = new Set<Feature>(s.requires ?? []);
  if (s.preopens.length > 0) out.add('fs');
  return [...out];
}

/** True when some entry of the tree (at any depth) satisfies `test`. */
export function treeSome(tree: Tree, test: (entry: Tree[string]) => boolean): boolean {
  return Object.values(tree).some((e) => test(e) || (isDirEntry(e) && treeSome(e, test)));
}

/** The case's trees: every preopen's, and the canary's. */
function trees(s: Pick<Sidecar, 'preopens' | 'outside'>): Tree[] {
  return [...s.preopens.map((p) => p.tree), ...(s.outside ? [s.outside] : [])];
}

/** True when a preopen or canary tree holds a symbolic link. */
export function hasSymlinks(s: Pick<Sidecar, 'preopens' | 'outside'>): boolean {
  return trees(s).some((t) => treeSome(t, (e) => typeof e === 'object' && isSymlinkEntry(e)));
}

/** Reasons shared by in-memory file systems; each returns null when the case is fine. */
export const LIMITS = {
  noSymlinks: (what: string) => (s: Sidecar): string | null =>
    hasSymlinks(s) ? `${what} cannot hold symbolic links, and the case's tree has one` : null,
  onePreopen: (what: string) => (s: Sidecar): string | null =>
    s.preopens.length > 1 ? `${what} preopens a single directory, and the case has ${s.preopens.length}` : null,
};

/** The first reason among several checks, or null. */
export function firstReason(s: Sidecar, checks: readonly ((s: Sidecar) => string | null)[]): string | null {
  for (const check of checks) {
    const why = check(s);
    if (why !== null) return why;
  }
  return null;
}
