/**
 * Runner throughput: the whole suite on the reference adapter through the CLI, as a user runs it
 * (`wasi-conformance run --adapter reference`), timed from spawn to exit and by the run's own
 * session time, with the peak RSS of the CLI and its workers sampled meanwhile; against running
 * each case in a node process of its own (bench/one-case.ts), measured on an even sample of the
 * suite with the same number of cases at once, and extrapolated to the whole suite.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../reports/model.js';
import { buildFixtures } from '../runner/build.js';
import { loadFixtures, type Fixture } from '../runner/fixtures.js';
import { DEFAULT_CACHE_DIR, DEFAULT_WAT_DIR, PACKAGE_ROOT } from '../runner/paths.js';
import { sampleRss } from './rss.js';

const CLI = join(PACKAGE_ROOT, 'bin', 'wasi-conformance.js');
const ONE_CASE = join(PACKAGE_ROOT, 'dist', 'bench', 'one-case.js');

export interface Timed { ms: number; code: number | null; stdout: string; peakBytes: number | null; cpuMs: number | null }

/** `times` output: the shell's own user/system times, then its children's ("0m1.250s 0m0.300s"). */
function childCpuMs(times: string): number | null {
  const line = times.trim().split('\n')[1];
  const parts = line?.match(/(\d+)m([\d.]+)s/g);
  if (!parts || parts.length < 2) return null;
  return parts.map((p) => { const [, m, sec] = /(\d+)m([\d.]+)s/.exec(p)!; return (Number(m) * 60 + Number(sec)) * 1000; })
    .reduce((a, b) => a + b, 0);
}

/**
 * Run a node script to completion: wall time, and (through `sh`'s `times`) the user + system CPU
 * time of the script and every process it started, and the peak RSS of that process tree.
 */
function timed(args: string[], env: Record<string, string> = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn('/bin/sh', ['-c', '"$@"; status=$?; times >&3; exit $status', 'sh', process.execPath, ...args],
      { cwd: PACKAGE_ROOT, env: { ...process.env, CI: '1', ...env }, stdio: ['ignore', 'pipe', 'inherit', 'pipe'] });
    const sampler = sampleRss(child.pid!, { withRoot: false });
    let stdout = '';
    let times = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (d: string) => { times += d; });
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - began;
      resolve({ ms, code, stdout, peakBytes: sampler.stop()?.peakBytes ?? null, cpuMs: childCpuMs(times) });
    });
  });
}

export interface SuiteRun {
  isolation: 'process' | 'thread';
  cases: number;
  /** From spawn to exit (node start-up, fixture loading, build check, run, report). */
  wallMs: number;
  /** The run itself (report summary durationMs). */
  sessionMs: number;
  peakRssBytes: number | null;
  /** User + system CPU time of the CLI and its workers (null where it cannot be read). */
  cpuMs: number | null;
}

/** The whole suite on the reference adapter through the CLI. */
export async function runSuite(isolation: 'process' | 'thread', jobs: number): Promise<SuiteRun> {
  const dir = mkdtempSync(join(tmpdir(), 'wasi-conformance-bench-'));
  try {
    const report = join(dir, 'report.json');
    const r = await timed([CLI, 'run', '--adapter', 'reference', '--jobs', String(jobs), '--no-fail', '--json', report],
      { WASI_CONFORMANCE_ISOLATION: isolation });
    if (r.code !== 0) throw new Error(`the run exited with ${r.code}`);
    const run = (JSON.parse(readFileSync(report, 'utf8')) as Report).runs[0]!;
    return { isolation, cases: run.summary.total, wallMs: r.ms, sessionMs: run.summary.durationMs, peakRssBytes: r.peakBytes, cpuMs: r.cpuMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PerProcess {
  sampled: number; cases: number; wallMs: number; casesPerSecond: number; extrapolatedMs: number;
  /** CPU time of the sampled processes, summed. */
  cpuMs: number | null;
}

/** `sample` cases spread evenly over the suite, each in its own node process, `jobs` at a time. */
export async function runPerProcess(sample: number, jobs: number): Promise<PerProcess> {
  const all = loadFixtures(DEFAULT_WAT_DIR);
  const picked: Fixture[] = Array.from({ length: Math.min(sample, all.length) }, (_, i) => all[Math.floor((i * all.length) / sample)]!);
  const { wasm } = await buildFixtures(picked, { cacheDir: DEFAULT_CACHE_DIR, jobs });
  let next = 0;
  let cpuMs: number | null = 0;
  const began = performance.now();
  const lane = async () => {
    while (next < picked.length) {
      const f = picked[next++]!;
      const r = await timed([ONE_CASE, f.jsonPath, wasm.get(f.sidecar.id)!]);
      if (r.code !== 0) throw new Error(`one-case.js exited with ${r.code} on ${f.sidecar.id}`);
      cpuMs = cpuMs === null || r.cpuMs === null ? null : cpuMs + r.cpuMs;
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  const wallMs = performance.now() - began;
  const casesPerSecond = picked.length / (wallMs / 1000);
  return { sampled: picked.length, cases: all.length, wallMs, casesPerSecond, extrapolatedMs: (all.length / casesPerSecond) * 1000, cpuMs };
}

export const DEFAULT_JOBS = availableParallelism();
