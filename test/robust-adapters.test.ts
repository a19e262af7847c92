/**
 * Hostile adapters (test/fixtures/hostile/adapters, loaded by path like any user adapter) in one
 * run with the reference: each costs only its own cases (`error` or `timeout`), the reference's
 * results are what they are alone, the run completes and the report is valid.
 *
 *   throws-on-construction  its WASI constructor throws            → error
 *   throws-on-load          its module throws inside case workers  → error
 *   exits                   process.exit(3) during every case      → error (worker replaced)
 *   never-resolves          run() never settles                    → timeout
 *   garbage                 junk on stdout/stderr, malformed output → error
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseResult, Report } from '../reports/model.js';
import { adapterOutputProblem, checkAdapterOutput } from '../runner/adapter-output.js';
import { problem } from '../runner/schemas.js';
import { MALFORMED } from './fixtures/hostile/adapters/garbage.js';
import { cli, requireBuild, ROOT, type CliResult } from './helpers/cli.js';

const WAT = join(ROOT, 'test', 'fixtures', 'hostile', 'wat');
const HOSTILE = join(ROOT, 'test', 'fixtures', 'hostile', 'adapters');
/** Hostile adapter → the outcome every one of its cases must get, and what its message says. */
const EXPECTED: Record<string, { outcome: string; message: RegExp }> = {
  'throws-on-construction': { outcome: 'error', message: /^constructor threw TypeError: hostile: the WASI constructor refuses/ },
  'throws-on-load': { outcome: 'error', message: /hostile: this module refuses to load in a worker/ },
  exits: { outcome: 'error', message: /exited with code 3/ },
  'never-resolves': { outcome: 'timeout', message: /^no result within \d+ ms$/ },
  garbage: { outcome: 'error', message: /^the adapter returned malformed output: |^the adapter's output cannot be sent back: .*could not be cloned/ },
};
/** The cases (the quick ones of the hostile-guest set) and the reference's outcomes on them. */
const REFERENCE_ALONE: Record<string, string> = {
  'preview1/proc_exit/deep-recursion': 'pass',
  'preview1/sched_yield/runs-after-hostile-guests': 'pass',
};
/**
 * Per-case deadline: never-resolves waits it out on each case (two at a time). Generous, since a
 * case's deadline also covers starting a fresh worker process on a busy machine.
 */
const TIMEOUT_MS = 3000;

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), 'wc-hostile-adapters-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function outcomes(run: { results: CaseResult[] }): Record<string, string> {
  return Object.fromEntries(run.results.map((r) => [r.id, r.outcome]));
}

describe.each(['process', 'thread'])('hostile adapters beside the reference, workers as %s', (isolation) => {
  let res: CliResult;
  let report: Report;
  beforeAll(() => {
    const out = join(tmp, isolation, 'report.json');
    const adapters = ['reference', ...Object.keys(EXPECTED).map((name) => join(HOSTILE, `${name}.js`))];
    const filters = Object.keys(REFERENCE_ALONE).flatMap((id) => ['--filter', id]);
    res = cli(['run', '--wat', WAT, '--cache', join(tmp, 'cache'), '--adapter', adapters.join(','), ...filters, '--timeout', String(TIMEOUT_MS), '--jobs', '2', '--json', out],
      { env: { WASI_CONFORMANCE_ISOLATION: isolation } });
    report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  });

  test('the run completes with a valid report: one run per adapter, every case in each', () => {
    expect(res.code).toBe(1); // the hostile adapters' errors and timeouts are unexpected
    expect(res.stderr).toBe('');
    expect(problem('report', report)).toBeNull();
    expect(report.runs.map((r) => r.adapter.name)).toEqual(['reference', ...Object.keys(EXPECTED)]);
    for (const run of report.runs) expect(Object.keys(outcomes(run)).sort()).toEqual(Object.keys(REFERENCE_ALONE));
  });

  test('the reference is unaffected by the adapters around it', () => {
    expect(outcomes(report.runs[0]!)).toEqual(REFERENCE_ALONE);
  });

  test.each(Object.entries(EXPECTED))('%s costs exactly its own cases', (name, { outcome, message }) => {
    const run = report.runs.find((r) => r.adapter.name === name)!;
    for (const r of run.results) {
      expect(r.outcome).toBe(outcome);
      expect(r.message).toMatch(message);
    }
  });

  test('garbage printed by an adapter is not taken for results', () => {
    expect(res.stdout).not.toMatch(/forged/);
  });
});

describe('malformed adapter output, every kind the garbage adapter returns', () => {
  // The last kind cannot even be cloned: the worker reports that (checked end to end above).
  test.each(MALFORMED.slice(0, -1).map((o, i) => [i, o] as const))('#%i is refused with a reason', (_i, o) => {
    const checked = checkAdapterOutput(o);
    expect('problem' in checked && checked.problem).toMatch(/^the adapter returned malformed output: /);
  });

  test.each([
    [{ exitCode: 0, durationMs: 0 }],
    [{ exitCode: null, trap: 'unreachable', durationMs: 1.5, stdout: '', stderr: '' }],
    [{ exitCode: 3, durationMs: 2, trace: [{ name: 'proc_exit', args: [3], errno: null }, { name: 'fd_write', args: [1, '18446744073709551615'], errno: 0 }] }],
    [{ exitCode: 0, durationMs: 1, fsAfter: { preopens: [{ 'a.txt': 'x', d: { l: { symlink: 'a.txt' } }, b: { file: 'AAE=', encoding: 'base64' } }], outside: {} } }],
  ])('well-formed output passes: %j', (o) => {
    expect(adapterOutputProblem(o)).toBeNull();
  });
});
