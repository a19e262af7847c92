/**
 * The WAT suite as a test suite for Stryker: each fixture is one test. Sandbox, judging and
 * verdicts are the runner's own (execute.ts), so a case fails here exactly when
 * `wasi-conformance run` would report it.
 * - `run`: the reference in THIS THREAD, sharing its realm with Stryker's per-test coverage
 *   (the dry run);
 * - `runWithMutant`: a fresh worker thread per mutant (the runner's WorkerPool), the mutant
 *   switched on through the environment before the reference loads there.
 *
 * This module is imported from the Stryker sandbox's dist/ (see stryker-plugin.ts), so the
 * `reference` adapter it loads is the sandbox's mutated build.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { UNEXPECTED, type CaseResult } from '../../reports/model.js';
import { loadAdapter } from '../adapters/index.js';
import type { Adapter, AdapterOutput, RunJob } from '../adapters/types.js';
import { errorText } from '../adapters/node-compatible.js';
import { buildFixtures } from '../build.js';
import { executeCase } from '../execute.js';
import { loadFixtures, type Fixture } from '../fixtures.js';
import { WorkerPool, type Isolation, type PoolOutcome } from '../pool.js';
import { skipReason } from '../session.js';

/** The variable Stryker's instrumented code reads its active mutant from (INSTRUMENTER_CONSTANTS). */
const ACTIVE_MUTANT_ENV = '__STRYKER_ACTIVE_MUTANT__';
/** Per-case deadline with a mutant on: an endless loop is a timeout (the suite detects it), soon. */
const MUTANT_CASE_TIMEOUT_MS = 5_000;

export interface EngineSettings {
  /** Fixture root (`wat/` of the project being measured). */
  watDir: string;
  /** Compiled fixture cache. */
  cacheDir: string;
  /** Package root the test file names are relative to. */
  projectRoot: string;
}

export interface SuiteCase {
  id: string;
  /** The id plus a short hash of the fixture's files: a changed fixture is a new test for --incremental. */
  name: string;
  /** The .wat, relative to the project root (absent for fixtures outside it). */
  fileName?: string;
}

export interface CaseVerdict {
  id: string;
  /** false when `run` would call the result unexpected (fail, error, timeout). */
  ok: boolean;
  outcome: CaseResult['outcome'];
  /** The accepted alternative's label when outcome is `accepted`. */
  behaviour: string | null;
  message: string;
  durationMs: number;
}

/** process.exit called by the implementation: ends the case, not this process. */
class ExitCalled extends Error {
  constructor(code: unknown) {
    super(`the implementation called process.exit(${String(code)})`);
  }
}

/**
 * Stands in for the worker pool: runs each job on the in-process adapter in this thread. A
 * process.exit from the implementation becomes an error of that case (in a pool worker it
 * would end the worker: the case gets `error` there too).
 */
class SameThreadPool {
  /** The implementation shares this process's descriptors: executeCase sweeps the case's fds. */
  readonly isolation: Isolation = 'thread';
  private readonly modules = new Map<string, WebAssembly.Module>();
  constructor(private readonly adapter: Adapter) {}

  private compiled(path: string): WebAssembly.Module {
    let m = this.modules.get(path);
    if (!m) {
      m = new WebAssembly.Module(readFileSync(path));
      this.modules.set(path, m);
    }
    return m;
  }

  async run(_spec: string, job: RunJob, _timeoutMs: number): Promise<PoolOutcome> {
    let module: WebAssembly.Module;
    try {
      module = this.compiled(job.wasmPath);
    } catch (e) {
      return { kind: 'done', output: { exitCode: null, error: `invalid wasm: ${errorText(e)}`, durationMs: 0 } };
    }
    const exit = process.exit;
    process.exit = ((code?: unknown) => { throw new ExitCalled(code); }) as typeof process.exit;
    try {
      const output: AdapterOutput = await this.adapter.run(job, { module, signal: new AbortController().signal });
      return { kind: 'done', output };
    } catch (e) {
      return { kind: 'crashed', message: errorText(e) };
    } finally {
      process.exit = exit;
    }
  }
}

function fixtureHash(f: Fixture): string {
  return createHash('sha256').update(readFileSync(f.watPath)).update('\0').update(readFileSync(f.jsonPath)).digest('hex').slice(0, 10);
}

export class SuiteEngine {
  private constructor(
    private readonly entry: { spec: string; adapter: Adapter },
    private readonly pool: SameThreadPool,
    private readonly fixtures: ReadonlyMap<string, Fixture>,
    private readonly wasm: ReadonlyMap<string, string>,
    readonly cases: readonly SuiteCase[],
  ) {}

  /**
   * Load the reference (every module of it, before any case runs: module-level code is then
   * static coverage, not the first case's), the fixtures and their compiled modules.
   */
  static async create(settings: EngineSettings): Promise<SuiteEngine> {
    const adapter = await loadAdapter('reference');
    const why = await adapter.available?.();
    if (why) throw new Error(why);
    const runnable = loadFixtures(settings.watDir).filter((f) => skipReason(adapter, f) === null);
    const build = await buildFixtures(runnable, { cacheDir: settings.cacheDir, jobs: 1 });
    // A fixture that does not compile judges nothing (main.ts warns about it).
    const all = runnable.filter((f) => build.wasm.has(f.sidecar.id));
    const cases = all.map((f): SuiteCase => {
      const fileName = relative(settings.projectRoot, f.watPath).replace(/\\/g, '/');
      return { id: f.sidecar.id, name: `${f.sidecar.id} #${fixtureHash(f)}`, ...(fileName.startsWith('..') ? {} : { fileName }) };
    });
    return new SuiteEngine({ spec: 'reference', adapter }, new SameThreadPool(adapter),
      new Map(all.map((f) => [f.sidecar.id, f])), build.wasm, cases);
  }

  has(id: string): boolean {
    return this.fixtures.has(id);
  }

  /** Run one case on the reference in this thread and judge it as `run` does. */
  run(id: string): Promise<CaseVerdict> {
    return this.judge(id, this.pool as unknown as WorkerPool);
  }

  /**
   * Run cases in order with mutant `activeMutant` switched on, in a fresh worker thread: the
   * reference is loaded anew there (module-level code and caches see the mutant, as in a fresh
   * `run`), a process.exit or endless loop costs that worker only. Stops after the first case
   * that is not ok when `bail`, and starts no case after `deadline` (performance.now() ms): the
   * caller compares the number of verdicts with the number of ids.
   */
  async runWithMutant(ids: readonly string[], activeMutant: string, bail: boolean, deadline = Infinity): Promise<CaseVerdict[]> {
    const previous = process.env[ACTIVE_MUTANT_ENV];
    process.env[ACTIVE_MUTANT_ENV] = activeMutant; // a worker thread starts with a copy of process.env
    const pool = new WorkerPool(1, undefined, 'thread');
    const verdicts: CaseVerdict[] = [];
    try {
      for (const id of ids) {
        if (performance.now() >= deadline) break;
        const v = await this.judge(id, pool, MUTANT_CASE_TIMEOUT_MS);
        verdicts.push(v);
        if (!v.ok && bail) break;
      }
    } finally {
      await pool.close();
      if (previous === undefined) delete process.env[ACTIVE_MUTANT_ENV];
      else process.env[ACTIVE_MUTANT_ENV] = previous;
    }
    return verdicts;
  }

  private async judge(id: string, pool: WorkerPool, timeoutMs = 10_000): Promise<CaseVerdict> {
    const f = this.fixtures.get(id);
    const wasmPath = this.wasm.get(id);
    if (!f || !wasmPath) return { id, ok: false, outcome: 'error', behaviour: null, message: `no such case ${id}`, durationMs: 0 };
    const started = performance.now();
    const r = await executeCase(f, wasmPath, this.entry, { pool, timeoutMs: Math.min(timeoutMs, f.sidecar.timeout_ms ?? timeoutMs), trace: false });
    const durationMs = performance.now() - started;
    const ok = !UNEXPECTED.has(r.outcome);
    return { id, ok, outcome: r.outcome, behaviour: r.behaviour, message: ok ? '' : `${id}: ${r.outcome}: ${r.message ?? ''}`, durationMs };
  }
}
