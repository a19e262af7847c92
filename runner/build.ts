/**
 * WAT → wasm for a set of fixtures, cached by content: `<cacheDir>/<sha256(compiler id + WAT)>.wasm`.
 * A warm run only reads and hashes sources; a cold run compiles what is missing, in worker
 * threads when there are enough files to repay their start-up.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UsageError } from './errors.js';
import type { Fixture } from './fixtures.js';
import { displayPath } from './fixtures.js';
import { distModule } from './paths.js';
import { compileWat } from './wat.js';
import { writeFileAtomic } from '../reports/write-file.js';

/** Bump when the compile step changes in a way the wabt version does not show (e.g. wat.ts features). */
const CACHE_FORMAT = 1;
/**
 * Files per compiler thread. A thread costs ~0.3 s to start (module loading, wabt init) and a
 * typical fixture compiles in ~0.6 ms, so threads only pay off for large cold builds on many cores
 * (measured: 2,000 fixtures cold in ~1.2 s on one thread, the same with two on a 2-core machine).
 */
const FILES_PER_THREAD = 500;

let compilerId: string | undefined;
/** Identifies the compiler: part of every cache key. */
export function compilerVersion(): string {
  if (!compilerId) {
    const require = createRequire(import.meta.url);
    const { version } = require('wabt/package.json') as { version: string };
    compilerId = `wabt@${version}/format${CACHE_FORMAT}`;
  }
  return compilerId;
}

export function cacheKey(watSource: string): string {
  return createHash('sha256').update(compilerVersion()).update('\0').update(watSource).digest('hex');
}

/** One file to compile: source path, where the wasm goes. */
export interface CompileTask { watPath: string; outPath: string }
/** A task's result: null on success, else the one-line problem. */
export interface CompileOutcome { outPath: string; error: string | null }

/** Compile tasks in this thread. */
export async function compileTasks(tasks: readonly CompileTask[]): Promise<CompileOutcome[]> {
  const out: CompileOutcome[] = [];
  for (const t of tasks) {
    try {
      const wasm = await compileWat(readFileSync(t.watPath, 'utf8'), displayPath(t.watPath));
      writeFileAtomic(t.outPath, wasm); // temp + rename: a killed build leaves no partial file
      out.push({ outPath: t.outPath, error: null });
    } catch (e) {
      out.push({ outPath: t.outPath, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

function compileInWorker(tasks: readonly CompileTask[]): Promise<CompileOutcome[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(distModule('build-worker.js'), { workerData: tasks });
    worker.once('message', (m: CompileOutcome[]) => { resolve(m); void worker.terminate(); });
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`build worker exited with ${code}`)); });
  });
}

async function compileParallel(tasks: readonly CompileTask[], jobs: number): Promise<CompileOutcome[]> {
  const n = Math.min(jobs, Math.floor(tasks.length / FILES_PER_THREAD));
  if (n < 2 || !existsSync(distModule('build-worker.js'))) return compileTasks(tasks);
  // Interleave so every worker gets a similar mix of sizes.
  const chunks = Array.from({ length: n }, (_, i) => tasks.filter((_, k) => k % n === i));
  return (await Promise.all(chunks.map(compileInWorker))).flat();
}

export interface BuildReport {
  /** Fixture id → compiled wasm path (fixtures that compiled or were cached). */
  wasm: Map<string, string>;
  /** Fixture id → one-line compile error. */
  failed: Map<string, string>;
  compiled: number;
  cached: number;
  durationMs: number;
}

export interface BuildOptions { cacheDir: string; jobs?: number }

/** Make sure every fixture has a compiled module in the cache; compile the ones missing. */
export async function buildFixtures(fixtures: readonly Fixture[], opts: BuildOptions): Promise<BuildReport> {
  const start = performance.now();
  try {
    mkdirSync(opts.cacheDir, { recursive: true });
  } catch (e) {
    throw new UsageError(`cannot create cache directory ${displayPath(opts.cacheDir)}: ${(e as Error).message}`);
  }
  const wasm = new Map<string, string>();
  const failed = new Map<string, string>();
  const todo: CompileTask[] = [];
  /** Same content → same cache file: compiled once, whichever fixtures share it. */
  const idsByOut = new Map<string, string[]>();
  let cached = 0;
  for (const f of fixtures) {
    const outPath = join(opts.cacheDir, `${cacheKey(readFileSync(f.watPath, 'utf8'))}.wasm`);
    wasm.set(f.sidecar.id, outPath);
    if (existsSync(outPath)) { cached++; continue; }
    const ids = idsByOut.get(outPath);
    if (ids) { ids.push(f.sidecar.id); continue; }
    idsByOut.set(outPath, [f.sidecar.id]);
    todo.push({ watPath: f.watPath, outPath });
  }
  const outcomes = await compileParallel(todo, opts.jobs ?? availableParallelism());
  for (const o of outcomes) {
    if (o.error === null) continue;
    for (const id of idsByOut.get(o.outPath) ?? []) { failed.set(id, o.error); wasm.delete(id); }
  }
  const compiled = outcomes.filter((o) => o.error === null).length;
  return { wasm, failed, compiled, cached, durationMs: performance.now() - start };
}
