/**
 * A whole run: every selected case on every adapter (adapter after adapter, so each adapter's
 * wall time is its own), `jobs` cases at a time. Results go to `onResult` as they arrive (the
 * JSONL stream, the progress display); the runs come back sorted by id.
 */
import { summarize, UNEXPECTED, type CaseResult, type Run } from '../reports/model.js';
import { requiredFeatures } from './adapters/case-needs.js';
import type { Adapter } from './adapters/types.js';
import { applyExpectation, expectsSkip, lookupExpectation, type ExpectationsFile } from './expectations.js';
import { executeCase, resultWithout, type AdapterEntry } from './execute.js';
import type { Fixture } from './fixtures.js';
import type { JudgedOutcome } from './judge.js';
import { WorkerPool } from './pool.js';

export interface SessionOptions {
  fixtures: readonly Fixture[];
  adapters: readonly AdapterEntry[];
  /** Fixture id → compiled wasm path; ids missing here failed to compile (see buildErrors). */
  wasm: ReadonlyMap<string, string>;
  buildErrors: ReadonlyMap<string, string>;
  expectations: ExpectationsFile | null;
  jobs: number;
  timeoutMs: number;
  trace: boolean;
  /** Stop starting cases after the first unexpected result. */
  bail: boolean;
  onResult?: (adapter: Adapter, result: CaseResult) => void;
  /**
   * Results of an earlier, interrupted run (`run --resume`), by adapter name then case id: those
   * cases are not run again, their results go into the runs as they are (not to onResult).
   */
  previous?: ReadonlyMap<string, ReadonlyMap<string, CaseResult>>;
}

export interface SessionResult { runs: Run[]; bailed: boolean; workersReplaced: number }

/** Why an adapter does not run a case (its ABI or a required feature is missing), or null. */
export function skipReason(adapter: Adapter, f: Fixture): string | null {
  const s = f.sidecar;
  if (!adapter.abis.includes(s.abi)) return `${adapter.name} does not support the ${s.abi} ABI`;
  const missing = requiredFeatures(s).filter((r) => !adapter.features.includes(r));
  if (missing.length > 0) return `${adapter.name} lacks ${missing.join(', ')}`;
  return adapter.unsupported?.(s) ?? null;
}

/**
 * Cases in flight per worker for in-process adapters: while one runs, the next sandbox is built
 * and the previous one read back and removed (file system latency, not CPU, bounds a lane).
 */
const PIPELINE_DEPTH = 4;

/** How many cases to keep in flight: `jobs` processes for command adapters; more for workers. */
function lanesFor(adapter: Adapter, opts: SessionOptions): number {
  const jobs = Math.max(1, opts.jobs);
  // --bail: no case starts beyond the workers, so nothing runs past the first unexpected result.
  return adapter.kind === 'command' || opts.bail ? jobs : jobs * PIPELINE_DEPTH;
}

const byId = (a: CaseResult, b: CaseResult) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function runSession(opts: SessionOptions): Promise<SessionResult> {
  const pool = new WorkerPool(opts.jobs);
  const runs: Run[] = [];
  let bailed = false;
  try {
    for (const entry of opts.adapters) {
      const { adapter } = entry;
      const started = performance.now();
      const results: CaseResult[] = [];
      const record = (r: CaseResult) => {
        results.push(r);
        if (opts.bail && UNEXPECTED.has(r.outcome)) bailed = true;
        opts.onResult?.(adapter, r);
      };
      const earlier = opts.previous?.get(adapter.name);
      const one = async (f: Fixture): Promise<void> => {
        const id = f.sidecar.id;
        const done = earlier?.get(id);
        if (done) { results.push(done); return; }
        const entryFor = lookupExpectation(opts.expectations, adapter.name, id);
        const skip = skipReason(adapter, f) ?? (expectsSkip(entryFor) ? `expectations: ${entryFor!.reason}` : null);
        if (skip !== null) return record(resultWithout(f, 'skip', skip));
        const wasmPath = opts.wasm.get(id);
        let r = wasmPath === undefined
          ? resultWithout(f, 'error', opts.buildErrors.get(id) ?? 'not compiled')
          : await executeCase(f, wasmPath, entry, { pool, timeoutMs: opts.timeoutMs, trace: opts.trace });
        const applied = applyExpectation(r.outcome as JudgedOutcome, r.message, entryFor);
        r = { ...r, outcome: applied.outcome, message: applied.message };
        record(r);
      };
      let next = 0;
      const lane = async () => {
        while (!bailed && next < opts.fixtures.length) await one(opts.fixtures[next++]!);
      };
      await Promise.all(Array.from({ length: lanesFor(entry.adapter, opts) }, lane));
      const info = { name: adapter.name, version: adapter.version, abis: [...adapter.abis] };
      runs.push({ adapter: info, summary: summarize(results, performance.now() - started), results: results.sort(byId) });
      if (bailed) break;
    }
  } finally {
    await pool.close();
  }
  return { runs, bailed, workersReplaced: pool.replaced };
}
