/**
 * Each in-process shim adapter (and the process-per-case preview2-shim and node-cli) runs the
 * hand-written mapping fixtures in test/fixtures/adapters-wat to an outcome through the built
 * CLI. These check the adapters' mapping, not the shims' correctness: args/env, stdin, exit
 * codes, traps and the preopen tree reach the guest and come back (stdout, fsAfter, the
 * canary), every case gets an outcome, and skips are exactly what each adapter declares.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseResult, Report } from '../reports/model.js';
import { requiredFeatures } from '../runner/adapters/case-needs.js';
import { loadFixtures } from '../runner/fixtures.js';
import type { Adapter } from '../runner/adapters/types.js';
import { cli, requireBuild, ROOT } from './helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'adapters-wat');

/** In-process shim adapters: module and the npm package it reports. */
const SHIMS: Record<string, string> = {
  'browser-wasi-shim': '@bjorn3/browser_wasi_shim',
  'wasm-util': '@tybys/wasm-util',
  'wasi-js': 'wasi-js',
  uwasi: 'uwasi',
  'wasmer-js': '@wasmer/wasi',
  runno: '@runno/wasi',
};
const COMMAND_ADAPTERS = ['preview2-shim', 'node-cli'];
const ALL = [...Object.keys(SHIMS), ...COMMAND_ADAPTERS];

let tmp: string;
let report: Report;
let code: number | null;
const byAdapter = new Map<string, Map<string, CaseResult>>();
const fixtures = loadFixtures(FIXTURES);

beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), 'wc-shims-'));
  const r = cli(['run', '--wat', FIXTURES, '--cache', join(tmp, 'cache'), '--adapter', ALL.join(','), '--json', join(tmp, 'report.json'), '--no-fail']);
  code = r.code;
  report = JSON.parse(readFileSync(join(tmp, 'report.json'), 'utf8')) as Report;
  for (const run of report.runs) byAdapter.set(run.adapter.name, new Map(run.results.map((x) => [x.id, x])));
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const result = (adapter: string, id: string) => byAdapter.get(adapter)!.get(id)!;

test('every adapter runs to completion: every case gets an outcome, none could not run', () => {
  expect(code).toBe(0);
  expect(report.runs.map((r) => r.adapter.name)).toEqual(ALL);
  for (const run of report.runs) {
    expect(run.results.map((r) => r.id).sort()).toEqual(fixtures.map((f) => f.sidecar.id).sort());
    const couldNotRun = run.results.filter((r) => r.outcome === 'error' || r.outcome === 'timeout').map((r) => `${run.adapter.name} ${r.id}: ${r.message}`);
    expect(couldNotRun).toEqual([]);
  }
});

test('each shim reports its npm package and the version in its package.json', () => {
  for (const [name, pkg] of Object.entries(SHIMS)) {
    const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
    expect(report.runs.find((r) => r.adapter.name === name)!.adapter.version).toBe(`${pkg}@${version}`);
  }
  expect(report.runs.find((r) => r.adapter.name === 'preview2-shim')!.adapter.version).toMatch(/^@bytecodealliance\/preview2-shim@\d+\.\d+\.\d+ \+ @bytecodealliance\/jco@\d/);
});

describe.each(Object.keys(SHIMS))('%s', (name) => {
  let adapter: Adapter;
  beforeAll(async () => {
    adapter = ((await import(`../runner/adapters/${name}.js`)) as { adapter: Adapter }).adapter;
  });

  test('skips exactly the cases whose ABI, features or trees it declares it cannot take, with the reason', () => {
    for (const f of fixtures) {
      const s = f.sidecar;
      const r = result(name, s.id);
      const lacks = !adapter.abis.includes(s.abi) || requiredFeatures(s).some((x) => !adapter.features.includes(x)) || adapter.unsupported?.(s) != null;
      expect([s.id, r.outcome === 'skip']).toEqual([s.id, lacks]);
      if (lacks) expect(r.message).toMatch(/does not support the (preview1|unstable) ABI|lacks (stdin|fs)|cannot hold|single/);
    }
  });

  test('args and env reach the guest; stdout comes back', () => {
    expect(result(name, 'preview1/args_get/args-and-env').outcome).toBe('pass');
  });

  test('exit codes and traps are told apart', () => {
    expect(result(name, 'preview1/proc_exit/exit-seven')).toMatchObject({ outcome: 'pass', exitCode: 7 });
    expect(result(name, 'preview1/proc_exit/traps')).toMatchObject({ outcome: 'pass', trap: true });
  });

  test('stdin is fed (when the shim takes stdin)', () => {
    const r = result(name, 'preview1/fd_read/stdin-echo');
    expect(r.outcome).toBe(adapter.features.includes('stdin') ? 'pass' : 'skip');
  });
});

test('in-memory file systems: the tree is loaded and read back as fs_after', () => {
  // wasmer-js is left out: its path_open refuses every path (ENOTCAPABLE), whatever the tree.
  for (const name of ['browser-wasi-shim', 'wasm-util', 'wasi-js', 'runno']) {
    expect([name, result(name, 'preview1/path_open/read-and-create').outcome]).toEqual([name, 'pass']);
  }
  expect(result('uwasi', 'preview1/path_open/read-and-create').message).toMatch(/uwasi lacks fs/);
});

test('the canary sits where `..` reaches it in memory: shims that resolve `..` lexically are caught', () => {
  for (const name of ['wasm-util', 'wasi-js']) {
    const r = result(name, 'preview1/path_open/dotdot-to-canary');
    expect([name, r.outcome, r.sandboxEscape]).toEqual([name, 'fail', true]);
    expect(r.message).toMatch(/^sandbox escape: outside\/canary.txt/);
  }
  for (const name of ['browser-wasi-shim', 'runno', 'wasmer-js', 'node-cli']) {
    expect([name, result(name, 'preview1/path_open/dotdot-to-canary').outcome]).toEqual([name, expect.stringMatching(/^(pass|accepted)$/)]);
  }
});

test('preview2-shim: preview1 through jco\'s adapter; WASI 0.2 exit carries only success or failure', () => {
  expect(result('preview2-shim', 'unstable/proc_exit/exit-three').message).toMatch(/does not support the unstable ABI/);
  expect(result('preview2-shim', 'preview1/fd_read/stdin-echo').outcome).toBe('pass');
  expect(result('preview2-shim', 'preview1/path_open/read-and-create').outcome).toBe('pass');
  expect(result('preview2-shim', 'preview1/proc_exit/traps')).toMatchObject({ outcome: 'pass', trap: true });
  expect(result('preview2-shim', 'preview1/proc_exit/exit-seven')).toMatchObject({ outcome: 'fail', exitCode: 1 });
});
