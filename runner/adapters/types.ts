/**
 * The adapter interface: how the runner hands one case to a WASI implementation and what it
 * gets back. Two kinds:
 * - `in-process`: a JS WASI implementation (node:wasi, our reference, npm shims). The runner
 *   loads the adapter module BY NAME inside a worker thread (runner/adapters/index.ts), so a
 *   shim that calls process.exit, throws asynchronously or loops forever costs one case.
 *   `run` receives the compiled module in `ctx.module`.
 * - `command`: spawns a runtime's executable (wasmtime, wasmer, …) in the main thread from
 *   `job.wasmPath`; it must stop its process when `ctx.signal` aborts (timeout).
 *
 * Everything in a RunJob is plain data (it crosses the worker boundary by structured clone).
 */
import type { Abi, Sidecar, Tree } from '../../suites/sidecar.js';
import type { TraceCall } from '../../reports/model.js';

export type AdapterKind = 'in-process' | 'command';

/**
 * Features a case may require (sidecar `requires`); an adapter lacking one skips the case.
 * - `stdin`: feeds the sidecar's `stdin` text to the guest's fd 0
 * - `fs`: preopened directories (on the host, or in memory with `fsAfter` returned)
 * - `socket`: preopened sockets (sock_* calls on a real socket)
 */
export const KNOWN_FEATURES = ['stdin', 'fs', 'socket'] as const;
export type Feature = typeof KNOWN_FEATURES[number] | (string & {});

/** A host file opened by the runner for a standard stream (fd valid in every thread). */
export interface StdioFile { path: string; fd: number }

/** A preopened directory: the guest's name for it, the host directory built from the tree. */
export interface PreopenDir { guest: string; host: string; tree: Tree }

/** One case, ready to run. */
export interface RunJob {
  id: string;
  abi: Abi;
  /** The compiled fixture (command adapters pass it to their runtime). */
  wasmPath: string;
  /** Arguments after argv[0]; the adapter chooses argv[0] (fixtures never assert it). */
  args: string[];
  env: Record<string, string>;
  /** The text on stdin (also in `stdio.stdin`, a file holding it). */
  stdin: string;
  preopens: PreopenDir[];
  /**
   * The canary tree, built on the host next to the preopen directories (so `../outside/…`
   * from a preopen reaches it). In-memory adapters may place it beside their preopens too.
   */
  outside: { host: string; tree: Tree } | null;
  /** Files for fd 0/1/2. Fd-based adapters pass these fds; others may ignore them and return output. */
  stdio: { stdin: StdioFile; stdout: StdioFile; stderr: StdioFile };
  timeoutMs: number;
  /** Record WASI calls (in-process adapters: wrap wasiImport with runner/trace.ts). */
  trace: boolean;
}

export interface RunContext {
  /** The compiled module (in-process adapters; cached per worker). */
  module?: WebAssembly.Module;
  /** Aborted when the case times out (command adapters kill their process). */
  signal: AbortSignal;
}

/** What `run` returns. Exactly one of exitCode / trap / error describes how the case ended. */
export interface AdapterOutput {
  /** The guest's exit code (proc_exit, or 0 when `_start` returned); null when it did not exit. */
  exitCode: number | null;
  /** Set when the guest trapped: the trap message (e.g. "unreachable"). */
  trap?: string;
  /** Set when the case could not run: instantiation failed, the implementation threw. */
  error?: string;
  /** Captured output, when the adapter captured it itself (else the runner reads job.stdio files). */
  stdout?: string;
  stderr?: string;
  /** Time the guest ran (instantiate excluded when possible). */
  durationMs: number;
  trace?: TraceCall[];
  /** In-memory file systems: the trees after the run (per preopen, in job order, and the canary). */
  fsAfter?: { preopens: Tree[]; outside?: Tree };
}

export interface Adapter {
  /** The name used on the command line (`--adapter name`). */
  name: string;
  /** The implementation's version (package version, runtime `--version`). */
  version: string;
  abis: readonly Abi[];
  features: readonly Feature[];
  kind: AdapterKind;
  /** null when usable here; otherwise why not (binary missing, package absent). `--adapter all` skips those. */
  available?(): Promise<string | null>;
  /**
   * Why this adapter cannot run a case as written, beyond `abis` and `features` (e.g. its
   * in-memory file system has no symbolic links, its template has no `{env}`), or null.
   * Called in the main thread before the case is sent anywhere; the runner records `skip`.
   */
  unsupported?(c: Sidecar): string | null;
  run(job: RunJob, ctx: RunContext): Promise<AdapterOutput>;
}
