/**
 * `wasi-conformance exec` end to end, through the real CLI (`node bin/wasi-conformance.js`, which
 * runs the built dist/; `make test` builds first, and this test builds if dist/ is missing).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWat } from '../wat.js';
import { makeTemp, removeTemp } from '../../test/helpers/host-tree.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin/wasi-conformance.js');
let dir: string;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'exec', ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string | Uint8Array): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}

const HELLO = (mod: string) => `(module
  (import "${mod}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello world\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 12))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`;

/** Prints argv then environ (NUL-separated) and exits with argc. */
const ARGS_ENV = `(module
  (import "wasi_unstable" "args_sizes_get" (func $asg (param i32 i32) (result i32)))
  (import "wasi_unstable" "args_get" (func $ag (param i32 i32) (result i32)))
  (import "wasi_unstable" "environ_sizes_get" (func $esg (param i32 i32) (result i32)))
  (import "wasi_unstable" "environ_get" (func $eg (param i32 i32) (result i32)))
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $print (param $buf i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $buf)) (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))
  (func (export "_start") (local $argc i32)
    (drop (call $asg (i32.const 0) (i32.const 4)))
    (local.set $argc (i32.load (i32.const 0)))
    (drop (call $ag (i32.const 64) (i32.const 1024)))
    (call $print (i32.const 1024) (i32.load (i32.const 4)))
    (drop (call $esg (i32.const 0) (i32.const 4)))
    (drop (call $eg (i32.const 64) (i32.const 2048)))
    (call $print (i32.const 2048) (i32.load (i32.const 4)))
    (call $exit (local.get $argc))))`;

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/runner/commands/exec.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT });
  dir = makeTemp('wasi-exec-');
});
afterAll(() => removeTemp(dir));

describe('wasi-conformance exec', () => {
  test('runs a hello-world WAT: stdout inherited, exit 0', () => {
    expect(cli(file('hello.wat', HELLO('wasi_snapshot_preview1')))).toEqual({ status: 0, stdout: 'hello world\n', stderr: '' });
  });

  test('runs a .wasm binary importing wasi_unstable (ABI detected from imports)', async () => {
    const wasm = await compileWat(HELLO('wasi_unstable'), 'hello.wat');
    expect(cli(file('hello.wasm', wasm))).toMatchObject({ status: 0, stdout: 'hello world\n' });
  });

  test('passes args after --, --env, and the exit code', () => {
    const r = cli(file('args.wat', ARGS_ENV), '--env', 'A=1', '--env', 'B=x=y', '--', 'one', '--two');
    expect(r.stdout).toBe('args.wat\0one\0--two\0A=1\0B=x=y\0'.replace('args.wat', path.join(dir, 'args.wat')));
    expect(r.status).toBe(3);
  });

  test('--dir preopens a host directory (the module runs with it)', () => {
    expect(cli(file('hello.wat', HELLO('wasi_snapshot_preview1')), '--dir', `${dir}::/sandbox`)).toMatchObject({ status: 0, stdout: 'hello world\n' });
  });

  test('a trap: message on stderr, exit 134', () => {
    const r = cli(file('trap.wat', '(module (memory (export "memory") 1) (func (export "_start") unreachable))'));
    expect(r.status).toBe(134);
    expect(r.stderr).toMatch(/^wasi-conformance: trap: .*unreachable.*\n$/);
  });

  test.each([
    ['a missing file', () => path.join(dir, 'missing.wat'), /^wasi-conformance: cannot read .*missing\.wat: no such file$/],
    ['invalid WAT (file:line:col)', () => file('bad.wat', '(module\n  (func (export "_start")\n    (i32.add)))'), /^wasi-conformance: invalid WAT: .*bad\.wat:3:\d+: error: /],
    ['invalid wasm', () => file('bad.wasm', 'garbage'), /^wasi-conformance: .*bad\.wasm: invalid wasm: /],
    ['a reactor (no _start)', () => file('lib.wat', '(module (memory (export "memory") 1))'), /not a command module/],
    ['no memory export', () => file('nomem.wat', '(module (func (export "_start")))'), /no memory export/],
    ['an import we cannot satisfy', () => file('env.wat', '(module (import "env" "f" (func)) (memory (export "memory") 1) (func (export "_start")))'), /cannot instantiate/],
    ['a --dir that does not exist', () => file('ok.wat', HELLO('wasi_snapshot_preview1')), /--dir .*nowhere::\/x: .*nowhere is missing/, ['--dir', '/nowhere::/x']],
    ['a malformed --env', () => file('ok.wat', HELLO('wasi_snapshot_preview1')), /--env NOEQUALS: expected NAME=VALUE/, ['--env', 'NOEQUALS']],
  ])('bad input — %s: one line on stderr, exit 2', (_n, make, pattern, extra: string[] = []) => {
    const r = cli(make(), ...extra);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line plus the final newline
    expect(r.stderr.trimEnd()).toMatch(pattern);
  });
});
