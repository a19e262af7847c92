/**
 * Command adapters through the built CLI, with `node` as the runtime (no other runtime binary
 * can be installed here): the node-cli preset gives the same outcomes as the in-process node
 * adapter (the repository's fixtures, sampled, plus the mapping fixtures); a runtime declared
 * in .wasi-conformance.json, a `cmd:` template and a preset found through its environment
 * variable all run; unusable specs are one-line errors (exit 2); `--adapter all` skips
 * adapters whose binary is missing.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseResult, Report } from '../reports/model.js';
import { cli, requireBuild, ROOT } from './helpers/cli.js';

const MAPPING = join(ROOT, 'test', 'fixtures', 'adapters-wat');
const SCRIPT = join(ROOT, 'dist', 'runner', 'adapters', 'scripts', 'node-wasi-run.js');
/** How many of the repository's fixtures the node / node-cli comparison samples. */
const SAMPLE = 50;

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), 'wc-cmd-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function runReport(name: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): { report: Report; code: number | null; stderr: string } {
  const json = join(tmp, `${name}.json`);
  const r = cli(['run', '--cache', join(tmp, 'cache'), '--json', json, '--no-fail', ...args], opts);
  if (r.code !== 0) throw new Error(`run ${name} exited ${r.code}: ${r.stderr}`);
  return { report: JSON.parse(readFileSync(json, 'utf8')) as Report, code: r.code, stderr: r.stderr };
}

/**
 * A case's outcome as compared across the two: outcome and accepted behaviour. A process keeps
 * only the low 8 bits of an exit status, which the suite accepts as a labelled alternative
 * (proc_exit/exit-code-256): as a process, that alternative is the only possible outcome, so it
 * counts as the in-process `pass`.
 */
function outcomeOf(x: CaseResult): string {
  if (x.outcome === 'accepted' && /exit status keeps the low 8 bits/.test(x.behaviour ?? '')) return 'pass';
  return `${x.outcome}${x.behaviour ? ` (${x.behaviour})` : ''}`;
}

/** The machine's doing, not the adapter's: a deadline passed under load, a pool worker lost. */
const environmental = (x: CaseResult) => x.outcome === 'timeout' || (x.outcome === 'error' && /the worker (exited|died)/.test(x.message ?? ''));

/** id → compared outcome; null for environmental ones. */
const outcomes = (report: Report, adapter: string) =>
  new Map(report.runs.find((r) => r.adapter.name === adapter)!.results.map((x: CaseResult) => [x.id, environmental(x) ? null : outcomeOf(x)]));

/** Pairs that differ, environmental outcomes left out. */
function differences(a: Map<string, string | null>, b: Map<string, string | null>): string[] {
  return [...a].filter(([id, o]) => o !== null && b.get(id) !== null && b.get(id) !== o).map(([id, o]) => `${id}: ${o} vs ${b.get(id)}`);
}

describe('node-cli (node:wasi in a process per case) matches the in-process node adapter', () => {
  test(`on a sample of up to ${SAMPLE} of the repository's fixtures`, () => {
    const list = cli(['list', '--json']);
    expect(list.code).toBe(0);
    const count = (JSON.parse(list.stdout) as unknown[]).length;
    const shard = `1/${Math.max(1, Math.ceil(count / SAMPLE))}`;
    const { report } = runReport('sample', ['--shard', shard, '--adapter', 'node,node-cli']);
    const node = outcomes(report, 'node'), cmd = outcomes(report, 'node-cli');
    expect(node.size).toBe(Math.ceil(count / Math.max(1, Math.ceil(count / SAMPLE))));
    expect(differences(node, cmd)).toEqual([]);
  }, 300_000);

  test('on the mapping fixtures (stdin, traps, exit codes, trees, the canary)', () => {
    const { report } = runReport('mapping', ['--wat', MAPPING, '--adapter', 'node,node-cli']);
    const node = outcomes(report, 'node');
    expect(differences(node, outcomes(report, 'node-cli'))).toEqual([]);
    expect([...node.values()].every((o) => o === 'pass')).toBe(true);
  });
});

describe('runtimes declared by their authors', () => {
  test('.wasi-conformance.json in the working directory: node as the command', () => {
    const dir = join(tmp, 'cfg');
    mkdirSync(dir);
    writeFileSync(join(dir, '.wasi-conformance.json'), JSON.stringify({
      adapters: { mynode: { command: `node ${SCRIPT} --dir {dir}::{guest} --env {env} {wasm} -- {args}`, trap: { exitCodes: [134] }, version: 'mynode 1.0' } },
    }));
    const { report } = runReport('config', ['--wat', MAPPING, '--adapter', 'mynode'], { cwd: dir });
    expect(report.runs[0]!.adapter).toMatchObject({ name: 'mynode', version: 'mynode 1.0' });
    expect([...outcomes(report, 'mynode').values()].every((o) => o === 'pass')).toBe(true);
  });

  test('cmd: template on the command line; cases needing a missing placeholder are skipped with the reason', () => {
    const { report } = runReport('template', ['--wat', MAPPING, '--adapter', `cmd:node ${SCRIPT} --dir {dir}::{guest} {wasm} -- {args}`]);
    const run = report.runs[0]!;
    expect(run.adapter.name).toBe('cmd:node');
    expect(run.adapter.version).toMatch(/^v\d+\./); // `node --version`
    const env = run.results.find((r) => r.id === 'preview1/args_get/args-and-env')!;
    expect(env).toMatchObject({ outcome: 'skip', message: 'the command template has no {env}, and the case sets environment variables' });
    expect(run.results.filter((r) => r.id !== env.id).every((r) => r.outcome === 'pass')).toBe(true);
  });

  test('a preset finds its runtime through its environment variable (a stand-in wasmtime)', () => {
    const fake = join(tmp, 'fake-wasmtime');
    // `wasmtime run --dir H::G --env K=V WASM ARGS…` → our script takes the same flags after `run`.
    writeFileSync(fake, `#!/bin/sh\nif [ "$1" = --version ]; then echo "fake-wasmtime 0.0.1"; exit 0; fi\nshift\nexec "${process.execPath}" --no-warnings "${SCRIPT}" "$@"\n`);
    chmodSync(fake, 0o755);
    const { report } = runReport('preset', ['--wat', MAPPING, '--adapter', 'wasmtime'], { env: { WASMTIME: fake } });
    expect(report.runs[0]!.adapter).toMatchObject({ name: 'wasmtime', version: 'fake-wasmtime 0.0.1' });
    const o = outcomes(report, 'wasmtime');
    expect([...o.values()].every((x) => x === 'pass')).toBe(true);
  });
});

describe('unusable adapter specs: one line on stderr, exit 2', () => {
  test.each([
    [['--adapter', 'nosuch'], /^wasi-conformance: unknown adapter "nosuch"; known adapters: reference, node, .*node-cli, preview2-shim, wasmtime, wasmer, wasmedge, wazero, iwasm/],
    [['--adapter', 'cmd:node {wasm} {oops}'], /^wasi-conformance: unknown placeholder "\{oops\}" in command template/],
    [['--adapter', 'cmd:node --dir {dir}'], /^wasi-conformance: command template has no \{wasm\} placeholder/],
    [['--adapter', 'cmd:no-such-runtime-here {wasm}'], /^wasi-conformance: adapter cmd:no-such-runtime-here is not available: no-such-runtime-here not found on PATH/],
    [['--adapter', 'wazero'], /^wasi-conformance: adapter wazero is not available: wazero not found on PATH \(install it, or set WAZERO=\/path\/to\/wazero\)/],
  ])('%j', (args, message) => {
    const r = cli(['run', '--wat', MAPPING, '--cache', join(tmp, 'cache'), ...args], { env: { WAZERO: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a broken config file is reported whichever adapter is named', () => {
    const dir = join(tmp, 'badcfg');
    mkdirSync(dir);
    writeFileSync(join(dir, '.wasi-conformance.json'), '{ "adapters": { "x": { "command": "x {wasm}", "trap": { "exitCode": 1 } } } }');
    const r = cli(['run', '--wat', MAPPING, '--cache', join(tmp, 'cache'), '--adapter', 'reference'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('wasi-conformance: .wasi-conformance.json: adapters.x: unknown field trap.exitCode (known: exitCodes, signals, stderr)');
  });
});

test('--adapter all runs every available adapter and skips the missing runtimes', () => {
  const { report } = runReport('all', ['--wat', MAPPING, '--adapter', 'all'], { env: { PATH: '/usr/bin:/bin', WASMTIME: '', WASMER: '', WASMEDGE: '', WAZERO: '', IWASM: '' } });
  const names = report.runs.map((r) => r.adapter.name);
  expect(names).toEqual(['reference', 'node', 'browser-wasi-shim', 'wasm-util', 'wasi-js', 'uwasi', 'wasmer-js', 'runno', 'node-cli', 'preview2-shim']);
  for (const run of report.runs) expect(run.results).toHaveLength(7);
}, 180_000);
