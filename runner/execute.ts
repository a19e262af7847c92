/**
 * One case on one adapter, start to finish: build the sandbox, hand the job to the adapter
 * (a pool worker for in-process adapters, this thread for command adapters) under a deadline,
 * read back output and trees, judge, clean up. Never throws: every problem becomes a result.
 */
import type { CaseResult } from '../reports/model.js';
import type { Tree } from '../suites/sidecar.js';
import type { Adapter, AdapterOutput, RunJob } from './adapters/types.js';
import type { Fixture } from './fixtures.js';
import { judge, type Observation } from './judge.js';
import type { PoolOutcome, WorkerPool } from './pool.js';
import { capText, createSandbox, disposeSandbox, inspectSandbox, readCapped, type Sandbox } from './sandbox.js';
import { diffTrees } from './tree.js';
import { errorText } from './adapters/node-compatible.js';
import { checkAdapterOutput } from './adapter-output.js';

export interface ExecuteOptions {
  pool: WorkerPool;
  /** Default per-case deadline; a sidecar's timeout_ms overrides it. */
  timeoutMs: number;
  trace: boolean;
}

export interface AdapterEntry { spec: string; adapter: Adapter }

/** Run a command adapter in this thread; abort it at the deadline. */
async function runCommand(adapter: Adapter, job: RunJob, timeoutMs: number): Promise<PoolOutcome> {
  const ac = new AbortController();
  const began = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<PoolOutcome>((resolve) => {
    timer = setTimeout(() => { ac.abort(); resolve({ kind: 'timeout', elapsedMs: performance.now() - began }); }, timeoutMs);
  });
  const ran = adapter.run(job, { signal: ac.signal }).then(
    (output): PoolOutcome => ({ kind: 'done', output }),
    (e: unknown): PoolOutcome => ({ kind: 'adapter-error', message: errorText(e) }),
  );
  try {
    return await Promise.race([ran, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** An adapter's answer, its output checked: malformed output is an adapter error (the case's `error`). */
function wellFormed(outcome: PoolOutcome): PoolOutcome {
  if (outcome.kind !== 'done') return outcome;
  const checked = checkAdapterOutput(outcome.output);
  return 'problem' in checked ? { kind: 'adapter-error', message: checked.problem } : outcome;
}

function makeJob(f: Fixture, wasmPath: string, sb: Sandbox, timeoutMs: number, trace: boolean): RunJob {
  const s = f.sidecar;
  return {
    id: s.id, abi: s.abi, wasmPath, args: s.args, env: s.env, stdin: s.stdin,
    preopens: sb.preopens, outside: sb.outside, stdio: sb.stdio, timeoutMs, trace,
  };
}

function observe(sb: Sandbox, outcome: PoolOutcome, timeoutMs: number): Observation {
  const output: AdapterOutput | null = outcome.kind === 'done' ? outcome.output : null;
  const stdout = output?.stdout !== undefined ? capText(output.stdout) : readCapped(sb.stdio.stdout.path);
  const stderr = output?.stderr !== undefined ? capText(output.stderr) : readCapped(sb.stdio.stderr.path);
  const host = inspectSandbox(sb);
  let preopenAfter: Tree | null = host.preopenAfter;
  const escape = [...host.escape];
  if (output?.fsAfter) {
    // An in-memory file system reports its own trees; the host is still checked for escapes.
    preopenAfter = output.fsAfter.preopens[0] ?? null;
    if (sb.outside && output.fsAfter.outside) escape.push(...diffTrees(sb.outside.tree, output.fsAfter.outside, 'outside'));
  }
  return {
    exitCode: output?.exitCode ?? null,
    trap: output?.trap ?? null,
    error: outcome.kind === 'adapter-error' || outcome.kind === 'crashed' ? outcome.message : output?.error ?? null,
    timeout: outcome.kind === 'timeout' ? `no result within ${timeoutMs} ms` : null,
    stdout: stdout.text, stderr: stderr.text, stdoutTruncated: stdout.truncated, stderrTruncated: stderr.truncated,
    preopenAfter, escape,
  };
}

/** A result for a case that was not run (skip) or could not start (error). */
export function resultWithout(f: Fixture, outcome: 'skip' | 'error', message: string): CaseResult {
  const s = f.sidecar;
  return { id: s.id, syscall: s.syscall, abi: s.abi, outcome, durationMs: 0, exitCode: null, behaviour: null, message, trace: null };
}

export async function executeCase(f: Fixture, wasmPath: string, a: AdapterEntry, opts: ExecuteOptions): Promise<CaseResult> {
  const timeoutMs = f.sidecar.timeout_ms ?? opts.timeoutMs;
  let sb: Sandbox;
  try {
    sb = createSandbox(f.sidecar);
  } catch (e) {
    return resultWithout(f, 'error', `could not build the sandbox: ${errorText(e)}`);
  }
  try {
    const job = makeJob(f, wasmPath, sb, timeoutMs, opts.trace);
    const outcome = wellFormed(a.adapter.kind === 'command'
      ? await runCommand(a.adapter, job, timeoutMs)
      : await opts.pool.run(a.spec, job, timeoutMs));
    const o = observe(sb, outcome, timeoutMs);
    const v = judge(f.sidecar, o);
    const output = outcome.kind === 'done' ? outcome.output : null;
    const s = f.sidecar;
    const result: CaseResult = {
      id: s.id, syscall: s.syscall, abi: s.abi, outcome: v.outcome,
      durationMs: output?.durationMs ?? (outcome.kind === 'timeout' ? outcome.elapsedMs : 0),
      exitCode: o.exitCode, behaviour: v.behaviour, message: v.message,
      stdout: o.stdout, stderr: o.stderr, trace: output?.trace ?? null,
    };
    if (o.trap !== null) result.trap = true;
    if (o.stdoutTruncated) result.stdoutTruncated = true;
    if (o.stderrTruncated) result.stderrTruncated = true;
    if (v.sandboxEscape) result.sandboxEscape = true;
    if (v.fsDiff.length > 0) result.fsDiff = v.fsDiff;
    return result;
  } catch (e) {
    return resultWithout(f, 'error', `runner error: ${errorText(e)}`);
  } finally {
    const sharedFds = a.adapter.kind === 'in-process' && opts.pool.isolation === 'thread';
    try { disposeSandbox(sb, sharedFds); } catch { /* best effort: the run's base directory is removed at exit */ }
  }
}
