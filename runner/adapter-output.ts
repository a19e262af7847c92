/**
 * What an adapter's `run` returned, checked before anything else reads it. Adapters are code we
 * do not control (npm shims, user modules): a malformed output must cost its case (`error`),
 * never the report (schemas/report.schema.json would refuse it) or the run.
 */
import { isBinaryFileEntry, isSymlinkEntry, type Tree } from '../suites/sidecar.js';
import type { AdapterOutput } from './adapters/types.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first problem with a tree (sidecar shape), or null. */
function treeProblem(t: unknown, where: string): string | null {
  if (!isObject(t)) return `${where} must be a tree object`;
  for (const [name, e] of Object.entries(t)) {
    if (typeof e === 'string' || isSymlinkEntry(e as Tree[string]) || isBinaryFileEntry(e as Tree[string])) continue;
    if (!isObject(e)) return `${where}.${name} must be a string, a symlink, a base64 file or a directory`;
    const bad = treeProblem(e, `${where}.${name}`);
    if (bad) return bad;
  }
  return null;
}

function traceProblem(trace: unknown): string | null {
  if (!Array.isArray(trace)) return 'trace must be an array';
  for (const [i, c] of trace.entries()) {
    if (!isObject(c) || typeof c.name !== 'string' || !Array.isArray(c.args)
      || !c.args.every((a) => typeof a === 'string' || (typeof a === 'number' && Number.isFinite(a)))
      || !(c.errno === null || Number.isInteger(c.errno))) {
      return `trace[${i}] must be { name: string, args: (number | string)[], errno: integer | null }`;
    }
  }
  return null;
}

/** The first problem with an adapter's output, or null when it is a well-formed AdapterOutput. */
export function adapterOutputProblem(o: unknown): string | null {
  if (!isObject(o)) return `expected an object, got ${o === null ? 'null' : Array.isArray(o) ? 'an array' : typeof o}`;
  if (!(o.exitCode === null || Number.isInteger(o.exitCode))) return 'exitCode must be an integer or null';
  if (typeof o.durationMs !== 'number' || !Number.isFinite(o.durationMs) || o.durationMs < 0) return 'durationMs must be a finite number ≥ 0';
  for (const key of ['trap', 'error', 'stdout', 'stderr'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'string') return `${key} must be a string when present`;
  }
  if (o.trace !== undefined) {
    const bad = traceProblem(o.trace);
    if (bad) return bad;
  }
  if (o.fsAfter !== undefined) {
    const fs = o.fsAfter;
    if (!isObject(fs) || !Array.isArray(fs.preopens)) return 'fsAfter must be { preopens: Tree[], outside?: Tree }';
    for (const [i, t] of fs.preopens.entries()) {
      const bad = treeProblem(t, `fsAfter.preopens[${i}]`);
      if (bad) return bad;
    }
    if (fs.outside !== undefined) {
      const bad = treeProblem(fs.outside, 'fsAfter.outside');
      if (bad) return bad;
    }
  }
  return null;
}

/** The output when well-formed; otherwise the one-line reason the case is an `error`. */
export function checkAdapterOutput(o: unknown): { output: AdapterOutput } | { problem: string } {
  const bad = adapterOutputProblem(o);
  return bad === null ? { output: o as AdapterOutput } : { problem: `the adapter returned malformed output: ${bad}` };
}
