/**
 * The common path of the in-process shim adapters: build the shim for the job, instantiate the
 * fixture against the shim's import namespace (through the tracing proxy when asked), start it
 * through the shim's own API, and classify how it ended — exit code, trap, or an error of the
 * shim — then collect what the shim captured (output, in-memory trees).
 */
import { MODULE_NAME } from '../../suites/sidecar.js';
import { traceImports } from '../trace.js';
import { errorText, isTrap } from './node-compatible.js';
import type { AdapterOutput, RunContext, RunJob } from './types.js';

/** `instance`-shaped object whose `_start` records a trap passing through it (for shims that swallow traps). */
export interface WatchedInstance { exports: WebAssembly.Exports }

/** What one shim supplies for one case. */
export interface ShimCase {
  /** The functions of the case's ABI namespace (`wasi_snapshot_preview1` or `wasi_unstable`). */
  wasiImport: Record<string, unknown>;
  /**
   * Run the guest through the shim's API. A number returned is the exit code; anything else
   * means 0. `watched` is the instance with `_start` wrapped, for shims that turn traps into exit codes.
   */
  start(instance: WebAssembly.Instance, watched: WatchedInstance): unknown;
  /** The exit code a thrown value stands for (the shim's proc_exit signal), else null. */
  exitCode?(thrown: unknown): number | null;
  /** For shims that wrap a guest trap in their own error: the trap message, else null. */
  trapMessage?(thrown: unknown): string | null;
  /** Output the shim handed to callbacks (shims that write to job.stdio fds leave this out). */
  output?(): { stdout: string; stderr: string };
  /** In-memory file systems: the trees after the run. */
  fsAfter?(): AdapterOutput['fsAfter'];
}

/** Collects bytes or text written through a callback; `text()` decodes it all at once (no split characters). */
export class Capture {
  private readonly chunks: Uint8Array[] = [];
  write = (data: Uint8Array | string): void => {
    this.chunks.push(typeof data === 'string' ? Buffer.from(data, 'utf8') : Uint8Array.from(data));
  };
  /** For line callbacks that drop the newline (console.log style). */
  line = (text: string): void => this.write(`${text}\n`);
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

function watch(instance: WebAssembly.Instance, onTrap: (e: Error) => void): WatchedInstance {
  const exports: WebAssembly.Exports = { ...instance.exports };
  const start = instance.exports._start;
  if (typeof start === 'function') {
    exports._start = (...args: unknown[]) => {
      try {
        return (start as (...a: unknown[]) => unknown)(...args);
      } catch (e) {
        if (isTrap(e)) onTrap(e);
        throw e;
      }
    };
  }
  return { exports };
}

/** Everything after the shim is built: instantiate, start, classify, collect. */
export async function runShimCase(job: RunJob, ctx: RunContext, make: () => ShimCase | Promise<ShimCase>): Promise<AdapterOutput> {
  if (!ctx.module) return { exitCode: null, error: 'no compiled module given to an in-process adapter', durationMs: 0 };
  let shim: ShimCase;
  try {
    shim = await make();
  } catch (e) {
    return { exitCode: null, error: `setting up the shim failed: ${errorText(e)}`, durationMs: 0 };
  }
  const tracer = job.trace ? traceImports(shim.wasiImport) : null;
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(ctx.module, {
      [MODULE_NAME[job.abi]]: (tracer?.imports ?? shim.wasiImport) as WebAssembly.ModuleImports,
    });
  } catch (e) {
    return { exitCode: null, error: `instantiate failed: ${errorText(e)}`, durationMs: 0 };
  }
  let trapped: Error | null = null;
  const watched = watch(instance, (e) => { trapped ??= e; });
  const began = performance.now();
  let ending: Pick<AdapterOutput, 'exitCode' | 'trap' | 'error'>;
  try {
    const code = await shim.start(instance, watched);
    ending = trapped ? { exitCode: null, trap: (trapped as Error).message } : { exitCode: typeof code === 'number' ? code : 0 };
  } catch (e) {
    const code = shim.exitCode?.(e) ?? null;
    const wrapped = shim.trapMessage?.(e) ?? null;
    if (code !== null) ending = { exitCode: code };
    else if (trapped || isTrap(e)) ending = { exitCode: null, trap: (trapped ?? (e as Error)).message };
    else if (wrapped !== null) ending = { exitCode: null, trap: wrapped };
    else ending = { exitCode: null, error: `start threw ${errorText(e)}` };
  }
  const durationMs = performance.now() - began;
  const out: AdapterOutput = { ...ending, durationMs };
  if (tracer) out.trace = tracer.calls();
  try {
    if (shim.output) Object.assign(out, shim.output());
    const trees = shim.fsAfter?.();
    if (trees) out.fsAfter = trees;
  } catch (e) {
    return { exitCode: null, error: `reading the shim's state after the run failed: ${errorText(e)}`, durationMs };
  }
  return out;
}

/** argv as the shims take it: argv[0] chosen here, then the case's arguments. */
export { programName } from './node-compatible.js';
