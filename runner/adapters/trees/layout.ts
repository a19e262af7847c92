/**
 * Where a case's trees go inside an in-memory file system that has one root: the same layout
 * as the host sandbox (runner/sandbox.ts), so `../outside/…` from a preopen reaches the canary
 * when the shim lets `..` climb out of a preopen.
 *
 *   /case/p0, /case/p1, …   the preopens (guest names from the sidecar)
 *   /case/outside           the canary tree
 */
import type { Tree } from '../../../suites/sidecar.js';
import type { AdapterOutput, RunJob } from '../types.js';

export interface MemoryDir { path: string; tree: Tree }
export interface MemoryLayout {
  preopens: (MemoryDir & { guest: string })[];
  outside: MemoryDir | null;
}

export const MEMORY_CASE_DIR = '/case';

export function memoryLayout(job: Pick<RunJob, 'preopens' | 'outside'>): MemoryLayout {
  return {
    preopens: job.preopens.map((p, i) => ({ guest: p.guest, path: `${MEMORY_CASE_DIR}/p${i}`, tree: p.tree })),
    outside: job.outside ? { path: `${MEMORY_CASE_DIR}/outside`, tree: job.outside.tree } : null,
  };
}

/** Every directory of the layout, preopens first. */
export function layoutDirs(l: MemoryLayout): MemoryDir[] {
  return [...l.preopens, ...(l.outside ? [l.outside] : [])];
}

/** `{ guest name: path in the file system }`, the preopens option most shims take. */
export function preopenMap(l: MemoryLayout): Record<string, string> {
  return Object.fromEntries(l.preopens.map((p) => [p.guest, p.path]));
}

/** Read every tree of the layout back as the runner expects it. */
export function layoutAfter(l: MemoryLayout, read: (path: string) => Tree): NonNullable<AdapterOutput['fsAfter']> {
  return {
    preopens: l.preopens.map((p) => read(p.path)),
    ...(l.outside ? { outside: read(l.outside.path) } : {}),
  };
}
