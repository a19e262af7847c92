/**
 * A tracing proxy around an in-process adapter's `wasiImport`: every call is recorded with its
 * raw arguments and the errno it returned (null when it did not return: proc_exit, a trap, a
 * throw). Bounded: past `limit` calls only a count is kept, reported as one final entry.
 */
import type { TraceCall } from '../reports/model.js';

export const DEFAULT_TRACE_LIMIT = 2000;

export interface Tracer {
  /** Same keys as the original; functions wrapped, anything else passed through. */
  imports: Record<string, unknown>;
  /** The calls so far (plus a `…` entry when some were dropped). */
  calls(): TraceCall[];
}

function arg(v: unknown): number | string {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

export function traceImports(wasiImport: Record<string, unknown>, limit = DEFAULT_TRACE_LIMIT): Tracer {
  const recorded: TraceCall[] = [];
  let dropped = 0;
  const imports: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(wasiImport)) {
    if (typeof value !== 'function') { imports[name] = value; continue; }
    const fn = value as (...a: unknown[]) => unknown;
    // A native binding (node:wasi) called straight from wasm receives i32 arguments as u32 (V8's
    // fast path); called from JS with wasm's signed view (-1) it takes a slow path that rejects
    // them. Hand natives the u32 wasm would have given them, so tracing changes nothing.
    const native = /\{\s*\[native code\]\s*\}\s*$/.test(Function.prototype.toString.call(fn));
    imports[name] = function traced(...given: unknown[]): unknown {
      const args = native ? given.map((a) => (typeof a === 'number' ? a >>> 0 : a)) : given;
      let call: TraceCall | undefined;
      if (recorded.length < limit) {
        call = { name, args: args.map(arg), errno: null };
        recorded.push(call);
      } else dropped++;
      const result = fn.apply(wasiImport, args);
      if (call && typeof result === 'number') call.errno = result;
      return result;
    };
  }
  return {
    imports,
    calls: () => (dropped === 0 ? recorded.slice()
      : [...recorded, { name: '…', args: [`${dropped} more calls not recorded`], errno: null }]),
  };
}
