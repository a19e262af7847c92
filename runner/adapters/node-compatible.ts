/**
 * Running a case with any WASI class shaped like node's `node:wasi` (constructor options
 * version/args/env/preopens/stdin/stdout/stderr/returnOnExit, `wasiImport`, `start`): node
 * itself, our reference, and npm shims that copy node's API.
 */
import { MODULE_NAME, type Abi } from '../../suites/sidecar.js';
import { traceImports } from '../trace.js';
import type { AdapterOutput, RunContext, RunJob } from './types.js';

export interface NodeWasiOptions {
  version: Abi;
  args: string[];
  env: Record<string, string>;
  preopens: Record<string, string>;
  stdin: number;
  stdout: number;
  stderr: number;
  returnOnExit: boolean;
}

export interface NodeWasiLike {
  wasiImport: Record<string, unknown>;
  start(instance: WebAssembly.Instance): number | undefined | void;
}

export type NodeWasiClass = new (options: NodeWasiOptions) => NodeWasiLike;

/** argv[0] the guest sees: the case name (fixtures never assert it). */
export function programName(job: RunJob): string {
  return `${job.id.split('/').pop() ?? 'case'}.wasm`;
}

/** A wasm trap, as opposed to the implementation throwing a JS error. Stack exhaustion is a trap too. */
export function isTrap(e: unknown): e is Error {
  return e instanceof WebAssembly.RuntimeError
    || (e instanceof RangeError && /call stack size/i.test(e.message));
}

export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.split('\n')[0]!;
  return String(e).split('\n')[0]!;
}

export function nodeWasiOptions(job: RunJob): NodeWasiOptions {
  return {
    version: job.abi,
    args: [programName(job), ...job.args],
    env: job.env,
    preopens: Object.fromEntries(job.preopens.map((p) => [p.guest, p.host])),
    stdin: job.stdio.stdin.fd,
    stdout: job.stdio.stdout.fd,
    stderr: job.stdio.stderr.fd,
    returnOnExit: true,
  };
}

/** Construct, instantiate (through the tracing proxy when asked) and start; classify how it ended. */
export async function runNodeCompatible(WASI: NodeWasiClass, job: RunJob, ctx: RunContext): Promise<AdapterOutput> {
  if (!ctx.module) return { exitCode: null, error: 'no compiled module given to an in-process adapter', durationMs: 0 };
  let wasi: NodeWasiLike;
  try {
    wasi = new WASI(nodeWasiOptions(job));
  } catch (e) {
    return { exitCode: null, error: `constructor threw ${errorText(e)}`, durationMs: 0 };
  }
  const tracer = job.trace ? traceImports(wasi.wasiImport) : null;
  const trace = () => (tracer ? { trace: tracer.calls() } : {});
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(ctx.module, {
      [MODULE_NAME[job.abi]]: (tracer?.imports ?? wasi.wasiImport) as WebAssembly.ModuleImports,
    });
  } catch (e) {
    return { exitCode: null, error: `instantiate failed: ${errorText(e)}`, durationMs: 0 };
  }
  const start = performance.now();
  try {
    const code = wasi.start(instance);
    return { exitCode: typeof code === 'number' ? code : 0, durationMs: performance.now() - start, ...trace() };
  } catch (e) {
    const durationMs = performance.now() - start;
    if (isTrap(e)) return { exitCode: null, trap: e.message, durationMs, ...trace() };
    return { exitCode: null, error: `start threw ${errorText(e)}`, durationMs, ...trace() };
  }
}
