/**
 * End to end through the built CLI (dist/; `make test` builds first): the runner's outcomes on
 * the hand-written fixtures in test/fixtures/wat, with node:wasi and a misbehaving adapter
 * (test/fixtures/adapters/misbehaving.js) that calls process.exit, hangs, throws and touches
 * the canary. Each of those must cost one case, and the run must go on.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseResult, Report } from '../reports/model.js';
import { problem } from '../runner/schemas.js';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'wasi-conformance.js');
const WAT = join(ROOT, 'test', 'fixtures', 'wat');
const MISBEHAVING = join(ROOT, 'test', 'fixtures', 'adapters', 'misbehaving.js');

let tmp: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function run(...args: string[]) {
  const jobs = args.includes('--jobs') ? [] : ['--jobs', '2'];
  return cli('run', '--wat', WAT, '--cache', join(tmp, 'cache'), ...jobs, ...args);
}

function outcomes(report: Report, adapter: string): Record<string, CaseResult> {
  const r = report.runs.find((x) => x.adapter.name === adapter);
  if (!r) throw new Error(`no run for ${adapter}`);
  return Object.fromEntries(r.results.map((x) => [x.id, x]));
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'runner', 'cli.js'))) throw new Error('build first: npm run build (make test does)');
  tmp = mkdtempSync(join(tmpdir(), 'wc-run-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('run: node and a misbehaving adapter', () => {
  let report: Report;
  let res: ReturnType<typeof cli>;
  beforeAll(() => {
    res = run('--adapter', `node,${MISBEHAVING}`, '--json', join(tmp, 'out', 'report.json'), '--jsonl', join(tmp, 'out', 'results.jsonl'));
    report = JSON.parse(readFileSync(join(tmp, 'out', 'report.json'), 'utf8')) as Report;
  });

  test('exit 1 (unexpected results), one plain line per failure, then the summary', () => {
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^FAIL {4}node {2}preview1\/proc_exit\/assert-fails: assert 3: value expected 1 got 2$/m);
    expect(res.stdout).toMatch(/^family +node +misbehaving/m);
    expect(res.stdout).toMatch(/^node \(node v\d+[^)]*\): 10 pass, 1 accepted, 3 fail, 1 timeout, 1 skip in /m);
  });

  test('the report validates against schemas/report.schema.json', () => {
    expect(problem('report', report)).toBeNull();
    expect(report.suite).toEqual({ cases: 16, syscalls: 6 });
    expect(report.runs.map((r) => r.adapter.name)).toEqual(['node', 'misbehaving']);
  });

  const NODE: Record<string, string> = {
    'preview1/fd_read/echoes-stdin': 'pass',
    'preview1/fd_write/prints-alternative': 'accepted',
    'preview1/fd_write/prints-value': 'pass',
    'preview1/path_open/canary-untouched': 'pass',
    'preview1/path_open/creates-file': 'pass',
    'preview1/path_open/wrong-fs-after': 'fail',
    'preview1/proc_exit/assert-fails': 'fail',
    'preview1/proc_exit/exit-code': 'pass',
    'preview1/proc_exit/loops-forever': 'timeout',
    'preview1/proc_exit/trap-expected': 'pass',
    'preview1/proc_exit/traps': 'fail',
    'preview1/random_get/needs-socket': 'skip',
    'preview1/sched_yield/misbehave-exit': 'pass',
    'preview1/sched_yield/misbehave-hang': 'pass',
    'preview1/sched_yield/misbehave-throw': 'pass',
    'unstable/proc_exit/exit-zero': 'pass',
  };
  const MISBEHAVING_OUTCOMES: Record<string, string> = {
    ...NODE,
    'preview1/path_open/canary-untouched': 'fail',
    'preview1/sched_yield/misbehave-exit': 'error',
    'preview1/sched_yield/misbehave-hang': 'timeout',
    'preview1/sched_yield/misbehave-throw': 'error',
    'unstable/proc_exit/exit-zero': 'skip',
  };

  test('node:wasi outcomes', () => {
    const got = Object.fromEntries(Object.entries(outcomes(report, 'node')).map(([id, r]) => [id, r.outcome]));
    expect(got).toEqual(NODE);
  });

  test('misbehaving adapter: process.exit → error, hang → timeout, throw → error, canary → fail, and the run goes on', () => {
    const results = outcomes(report, 'misbehaving');
    const got = Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.outcome]));
    expect(got).toEqual(MISBEHAVING_OUTCOMES);
    expect(results['preview1/sched_yield/misbehave-exit']!.message).toMatch(/exited with code 7/);
    expect(results['preview1/sched_yield/misbehave-throw']!.message).toMatch(/thrown from a callback/);
    expect(results['preview1/path_open/canary-untouched']).toMatchObject({
      sandboxEscape: true, message: 'sandbox escape: outside/canary.txt: content "touched", expected "do not touch"',
    });
    expect(results['unstable/proc_exit/exit-zero']!.message).toBe('misbehaving does not support the unstable ABI');
  });

  test('details: assert line, trap, fs diff, accepted label, stdin fed, trace recorded', () => {
    const r = outcomes(report, 'node');
    expect(r['preview1/proc_exit/assert-fails']).toMatchObject({ exitCode: 3, message: 'assert 3: value expected 1 got 2' });
    expect(r['preview1/proc_exit/traps']).toMatchObject({ trap: true, exitCode: null });
    expect(r['preview1/path_open/wrong-fs-after']!.fsDiff).toEqual(['new.txt: content "hi", expected "ho"']);
    expect(r['preview1/fd_write/prints-alternative']!.behaviour).toBe('EPERM instead of ENOTCAPABLE');
    expect(r['preview1/fd_read/echoes-stdin']!.stdout).toBe('hello stdin\n');
    expect(r['preview1/fd_write/prints-value']!.trace).toEqual([{ name: 'fd_write', args: [1, 0, 1, 8], errno: 0 }]);
    expect(r['preview1/proc_exit/exit-code']!.trace).toEqual([{ name: 'proc_exit', args: [5], errno: null }]);
  });

  test('the JSONL stream has one line per result, each naming its adapter', () => {
    const lines = readFileSync(join(tmp, 'out', 'results.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as CaseResult & { adapter: string });
    expect(lines).toHaveLength(32);
    expect(new Set(lines.map((l) => `${l.adapter} ${l.id}`)).size).toBe(32);
  });
});

describe('run: flags', () => {
  test('--no-fail exits 0 despite failures', () => {
    expect(run('--adapter', 'node', '--filter', 'preview1/proc_exit/assert-fails', '--no-fail').code).toBe(0);
  });

  test('nothing unexpected → exit 0', () => {
    const r = run('--adapter', 'node', '--filter', 'preview1/fd_write/*');
    expect(r.code).toBe(0);
  });

  test('--expectations turns known failures into xfail, passes listed as failing into xpass, and skips', () => {
    const file = join(tmp, 'expectations.json');
    writeFileSync(file, JSON.stringify({
      schema: 'wasi-conformance/expectations@1',
      adapters: { node: {
        'preview1/proc_exit/assert-fails': { expected: ['fail'], reason: 'known' },
        'preview1/proc_exit/traps': { expected: ['fail'], reason: 'known' },
        'preview1/proc_exit/exit-code': { expected: ['fail'], reason: 'thought broken' },
        'preview1/proc_exit/loops-*': { expected: ['skip'], reason: 'too slow' },
      } },
    }));
    const out = join(tmp, 'exp-report.json');
    const r = run('--adapter', 'node', '--filter', 'preview1/proc_exit/*', '--expectations', file, '--json', out);
    const got = Object.fromEntries(Object.entries(outcomes(JSON.parse(readFileSync(out, 'utf8')) as Report, 'node')).map(([id, x]) => [id, x.outcome]));
    expect(got).toEqual({
      'preview1/proc_exit/assert-fails': 'xfail',
      'preview1/proc_exit/exit-code': 'xpass',
      'preview1/proc_exit/loops-forever': 'skip',
      'preview1/proc_exit/trap-expected': 'pass',
      'preview1/proc_exit/traps': 'xfail',
    });
    expect(r.code).toBe(1); // xpass is unexpected
  });

  test('--bail stops after the first unexpected result', () => {
    const out = join(tmp, 'bail.json');
    const r = run('--adapter', 'node', '--jobs', '1', '--bail', '--filter', 'preview1/proc_exit/*', '--json', out);
    expect(r.code).toBe(1);
    const results = (JSON.parse(readFileSync(out, 'utf8')) as Report).runs[0]!.results;
    expect(results.map((x) => x.id)).toEqual(['preview1/proc_exit/assert-fails']);
  });
});

describe('usage errors: one line, exit 2', () => {
  test.each([
    [['run', '--adapter', 'nosuch'], /^wasi-conformance: unknown adapter "nosuch"; known adapters: reference, node/],
    [['run', '--adapter', 'node', '--shard', '3/2'], /--shard must be i\/n/],
    [['run', '--adapter', 'node', '--abi', 'preview9'], /--abi must be one of preview1, unstable/],
    [['run', '--adapter', 'node', '--timeout', '0'], /--timeout must be a positive integer/],
    [['list', '--wat', '/nonexistent/wat'], /fixture directory \/nonexistent\/wat does not exist/],
    [['run', '--adapter', 'node', '--filter', 'nothing/*'], /no case matches the filters/],
    [['run', '--adapter', './nowhere/adapter.js'], /cannot load adapter module .*nowhere\/adapter\.js/],
  ])('%j', (args, message) => {
    const r = cli(...args as string[], ...(args[0] === 'run' ? ['--wat', WAT, '--cache', join(tmp, 'cache')] : []));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('list', () => {
  test('--json prints { id, syscall, abi, tags, description } and shards 1/2 + 2/2 cover every case once', () => {
    const all = JSON.parse(cli('list', '--json', '--wat', WAT).stdout) as { id: string }[];
    expect(all).toHaveLength(16);
    expect(Object.keys(all[0]!).sort()).toEqual(['abi', 'description', 'id', 'syscall', 'tags']);
    const halves = ['1/2', '2/2'].map((s) => (JSON.parse(cli('list', '--json', '--wat', WAT, '--shard', s).stdout) as { id: string }[]).map((x) => x.id));
    expect(halves[0]!.filter((id) => halves[1]!.includes(id))).toEqual([]);
    expect([...halves[0]!, ...halves[1]!].sort()).toEqual(all.map((x) => x.id).sort());
  });
});
