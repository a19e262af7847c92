/**
 * The wasi-testsuite format (runner/testsuite/): `export --format wasi-testsuite OUT` writes our
 * fixtures as .wasm + .json specs with their directories materialised, `run --testsuite DIR`
 * runs such a directory — ours round-trips with the same outcomes, and a hand-made directory
 * exercises our reading of the format (defaults, dirs under their own names, bad specs as
 * recorded errors, `.cleanup` artifacts left out, the originals never written).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseResult, Report } from '../reports/model.js';
import { readTree, writeTree } from '../runner/sandbox.js';
import { loadTestsuite } from '../runner/testsuite/read.js';
import { compileWat } from '../runner/wat.js';
import { cli, requireBuild, ROOT } from './helpers/cli.js';

const MAPPING = join(ROOT, 'test', 'fixtures', 'adapters-wat');

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), 'wc-testsuite-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runSuite(dir: string, adapter: string, name: string): { report: Report; stdout: string } {
  const json = join(tmp, `${name}.json`);
  const r = cli(['run', '--testsuite', dir, '--adapter', adapter, '--json', json, '--no-fail']);
  if (r.code !== 0) throw new Error(`run --testsuite exited ${r.code}: ${r.stderr}`);
  return { report: JSON.parse(readFileSync(json, 'utf8')) as Report, stdout: r.stdout };
}
const results = (report: Report) => new Map(report.runs[0]!.results.map((r: CaseResult) => [r.id, r]));

describe('export → run --testsuite round trip', () => {
  let out: string;
  let exported: ReturnType<typeof cli>;
  beforeAll(() => {
    out = join(tmp, 'export');
    exported = cli(['export', out, '--format', 'wasi-testsuite', '--wat', MAPPING, '--cache', join(tmp, 'cache')]);
  });

  test('cases the format cannot say are counted, not written', () => {
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^exported 5 of 7 cases to .* \(wasi-testsuite format\)$/m);
    expect(exported.stdout).toMatch(/not exported: 1 expects a trap/);
    expect(exported.stdout).toMatch(/not exported: 1 reads stdin/);
    expect(exported.stdout).toMatch(/accepted alternatives of 1 cases, fs_after of 2, the canary of 1/);
    expect(existsSync(join(out, 'preview1', 'proc_exit', 'traps.wasm'))).toBe(false);
  });

  test('one test suite directory per abi/syscall: manifest, module, spec, materialised dirs', () => {
    const dir = join(out, 'preview1', 'path_open');
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual({ name: 'wasi-conformance preview1 path_open' });
    expect(readdirSync(dir).sort()).toEqual([
      'dotdot-to-canary.dir', 'dotdot-to-canary.json', 'dotdot-to-canary.wasm', 'manifest.json',
      'read-and-create.dir', 'read-and-create.json', 'read-and-create.wasm',
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'read-and-create.json'), 'utf8'))).toEqual({
      args: [], env: {}, dirs: ['read-and-create.dir'], exit_code: 0, stdout: 'hello\n',
    });
    expect(readTree(join(dir, 'read-and-create.dir'))).toEqual({ 'a.txt': 'hello\n', sub: {}, empty: {} });
    expect(JSON.parse(readFileSync(join(out, 'preview1', 'args_get', 'args-and-env.json'), 'utf8'))).toEqual({
      args: ['hello'], env: { GREETING: 'hi there' }, dirs: [], exit_code: 0, stdout: 'hello\nGREETING=hi there\n',
    });
    expect(JSON.parse(readFileSync(join(out, 'unstable', 'proc_exit', 'exit-three.json'), 'utf8'))).toMatchObject({ exit_code: 3 });
  });

  test('run --testsuite on the export: same ids, every case passes on the reference and on node', () => {
    for (const adapter of ['reference', 'node']) {
      const r = results(runSuite(out, adapter, `round-${adapter}`).report);
      expect([...r.keys()].sort()).toEqual([
        'preview1/args_get/args-and-env', 'preview1/path_open/dotdot-to-canary', 'preview1/path_open/read-and-create',
        'preview1/proc_exit/exit-seven', 'unstable/proc_exit/exit-three',
      ]);
      expect([...r.values()].map((x) => `${x.id} ${x.outcome}`)).toEqual([...r.keys()].map((id) => `${id} pass`));
      expect(r.get('unstable/proc_exit/exit-three')!.abi).toBe('unstable');
    }
  });

  test('the exported directories are not written by runs (each run gets a copy)', () => {
    expect(readTree(join(out, 'preview1', 'path_open', 'read-and-create.dir'))).toEqual({ 'a.txt': 'hello\n', sub: {}, empty: {} });
  });

  test('export refuses a non-empty output directory', () => {
    const r = cli(['export', out, '--wat', MAPPING, '--cache', join(tmp, 'cache')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^wasi-conformance: .* exists and is not an empty directory; remove it or choose another$/);
  });
});

describe('a hand-made wasi-testsuite directory (our reading of the format)', () => {
  let dir: string;
  const wasm = async (rel: string) => compileWat(readFileSync(join(MAPPING, rel), 'utf8'), rel);
  beforeAll(async () => {
    dir = join(tmp, 'suite');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    const spec = (name: string, s: unknown) => writeFileSync(join(dir, `${name}.json`), typeof s === 'string' ? s : JSON.stringify(s));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ name: 'hand-made' }));
    // args/env/stdout given
    writeFileSync(join(dir, 'args.wasm'), await wasm('preview1/args_get/args-and-env.wat'));
    spec('args', { args: ['hello'], env: { GREETING: 'hi there' }, stdout: 'hello\nGREETING=hi there\n' });
    // the same module, stdout that does not match
    writeFileSync(join(dir, 'args-wrong.wasm'), await wasm('preview1/args_get/args-and-env.wat'));
    spec('args-wrong', { args: ['hello'], env: { GREETING: 'x' }, stdout: 'hello\nGREETING=hi there\n' });
    // no spec at all: the defaults (exit code 0 expected; this one exits 7)
    writeFileSync(join(dir, 'nested', 'exits-seven.wasm'), await wasm('preview1/proc_exit/exit-seven.wat'));
    // a directory preopened under its own name; a .cleanup artifact in it is left out
    writeFileSync(join(dir, 'fs.wasm'), await wasm('preview1/path_open/read-and-create.wat'));
    spec('fs', { dirs: ['fs.dir'], stdout: 'hello\n', stderr: '' });
    mkdirSync(join(dir, 'fs.dir'));
    writeTree(join(dir, 'fs.dir'), { 'a.txt': 'hello\n', sub: {}, 'old.cleanup': 'artifact' });
    // problems recorded per case
    writeFileSync(join(dir, 'bad-json.wasm'), await wasm('preview1/proc_exit/exit-seven.wat'));
    spec('bad-json', '{ "args": ');
    writeFileSync(join(dir, 'operations.wasm'), await wasm('preview1/proc_exit/exit-seven.wat'));
    spec('operations', { operations: [{ type: 'run' }] });
    writeFileSync(join(dir, 'missing-dir.wasm'), await wasm('preview1/proc_exit/exit-seven.wat'));
    spec('missing-dir', { dirs: ['nowhere.dir'] });
    writeFileSync(join(dir, 'not-wasm.wasm'), 'this is not wasm');
  });

  test('outcomes follow the spec fields and defaults; problems are errors of their own case', () => {
    const { report, stdout } = runSuite(dir, 'reference', 'hand');
    const r = results(report);
    expect(Object.fromEntries([...r].map(([id, x]) => [id, x.outcome]))).toEqual({
      'args': 'pass', 'args-wrong': 'fail', 'nested/exits-seven': 'fail', 'fs': 'pass',
      'bad-json': 'error', 'operations': 'error', 'missing-dir': 'error', 'not-wasm': 'error',
    });
    expect(r.get('nested/exits-seven')!.message).toBe('exit code 7, expected 0');
    expect(r.get('args-wrong')!.message).toMatch(/^stdout line 2: got "GREETING=x"/);
    expect(r.get('bad-json')!.message).toMatch(/bad-json.json: not valid JSON/);
    expect(r.get('operations')!.message).toMatch(/operation-based specifications .* are not supported/);
    expect(r.get('missing-dir')!.message).toMatch(/preopened directory .*nowhere.dir does not exist/);
    expect(r.get('not-wasm')!.message).toMatch(/not-wasm.wasm: invalid wasm/);
    expect(stdout).toMatch(/^note: 1 wasi-testsuite specs expect stderr bytes; stderr is not checked$/m);
  });

  test('the preopened directory: a copy, under its own name, without *.cleanup; the original untouched', async () => {
    const suite = await loadTestsuite(dir);
    const fs = suite.fixtures.find((f) => f.sidecar.id === 'fs')!.sidecar;
    expect(fs.preopens).toEqual([{ guest: 'fs.dir', tree: { 'a.txt': 'hello\n', sub: {} } }]);
    expect(readTree(join(dir, 'fs.dir'))).toEqual({ 'a.txt': 'hello\n', sub: {}, 'old.cleanup': 'artifact' });
  });

  test('directories with nothing to run are one-line errors', () => {
    const empty = join(tmp, 'empty-suite');
    mkdirSync(empty);
    for (const [arg, message] of [[empty, /no .wasm test modules under it/], [join(tmp, 'absent'), /not a directory/]] as const) {
      const r = cli(['run', '--testsuite', arg, '--adapter', 'reference']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(message);
    }
  });
});
