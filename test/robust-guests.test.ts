/**
 * Hostile guests (test/fixtures/hostile/wat), run through the built CLI on the reference and on
 * node:wasi, with case workers as child processes (the default) and as threads: each costs only
 * its own case, with the outcome written next to it, and the run goes on.
 *
 *   infinite loop          → timeout at its sidecar's 400 ms; its worker is killed and replaced
 *   unbounded memory.grow  → pass: grows in 64 MiB steps until refused, then exits 0
 *   100 MiB on stdout      → pass; the report keeps the first MiB and says stdoutTruncated
 *   deep recursion         → pass: the stack overflow is a trap, as the sidecar expects
 *   an ordinary case last  → pass: it runs after all of them (one worker, cases in id order)
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseResult, Report } from '../reports/model.js';
import { OUTPUT_LIMIT } from '../runner/sandbox.js';
import { problem } from '../runner/schemas.js';
import { cli, requireBuild, ROOT, type CliResult } from './helpers/cli.js';

const WAT = join(ROOT, 'test', 'fixtures', 'hostile', 'wat');
const ADAPTERS = ['reference', 'node'] as const;

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), 'wc-hostile-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(['process', 'thread'])('hostile guests, workers as %s', (isolation) => {
  let res: CliResult;
  let report: Report;
  let caseDirs: string;
  beforeAll(() => {
    const out = join(tmp, isolation);
    caseDirs = join(out, 'cases');
    rmSync(out, { recursive: true, force: true });
    res = cli(['run', '--wat', WAT, '--cache', join(tmp, 'cache'), '--adapter', ADAPTERS.join(','), '--jobs', '1', '--json', join(out, 'report.json')], {
      env: { WASI_CONFORMANCE_ISOLATION: isolation, WASI_CONFORMANCE_TMPDIR: mkdirp(caseDirs) },
    });
    report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  });

  test('the run completes: exit 1 for the timeout, a valid report with every case', () => {
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    expect(problem('report', report)).toBeNull();
    expect(report.runs.map((r) => r.results.length)).toEqual([5, 5]);
  });

  test.each(ADAPTERS)('%s: each hostile guest gets its outcome, the case after them passes', (adapter) => {
    const byId = results(report, adapter);
    expect(Object.fromEntries(Object.entries(byId).map(([id, r]) => [id, r.outcome]))).toEqual({
      'preview1/fd_write/stdout-100mb': 'pass',
      'preview1/proc_exit/deep-recursion': 'pass',
      'preview1/proc_exit/infinite-loop': 'timeout',
      'preview1/proc_exit/memory-grow-unbounded': 'pass',
      'preview1/sched_yield/runs-after-hostile-guests': 'pass',
    });
    const loop = byId['preview1/proc_exit/infinite-loop']!;
    expect(loop.message).toBe('no result within 400 ms');
    expect(loop.durationMs).toBeGreaterThanOrEqual(399);
    expect(byId['preview1/proc_exit/deep-recursion']).toMatchObject({ trap: true, exitCode: null });
    expect(byId['preview1/sched_yield/runs-after-hostile-guests']!.stdout).toBe('yield=0\n');
  });

  test.each(ADAPTERS)('%s: 100 MiB of stdout is kept up to the cap and marked truncated', (adapter) => {
    const flood = results(report, adapter)['preview1/fd_write/stdout-100mb']!;
    expect(flood.stdoutTruncated).toBe(true);
    expect(flood.stdout).toHaveLength(OUTPUT_LIMIT);
    expect(flood.stdout).toMatch(/^x+$/);
    expect(flood.stderrTruncated).toBeUndefined();
  });

  test('no case directory is left behind (the 100 MiB capture file included)', () => {
    expect(readdirSync(caseDirs)).toEqual([]);
  });
});

function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

function results(report: Report, adapter: string): Record<string, CaseResult> {
  const run = report.runs.find((r) => r.adapter.name === adapter);
  if (!run) throw new Error(`no run for ${adapter}`);
  return Object.fromEntries(run.results.map((r) => [r.id, r]));
}
