/**
 * A real C program (test/c/walk.c: build, walk, rewrite, rename and delete a tree), compiled with
 * Debian's clang-14 + wasi-libc + lld, must run identically under the reference and node:wasi:
 * same stdout, same exit code, same resulting tree. It also runs on the reference over MemoryFS,
 * which must end with the same tree. Skips (saying why) when the toolchain is missing;
 * `make system-deps` (scripts/system-deps.sh) installs it.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WASI as NodeWASI } from 'node:wasi';
import { MemoryFS } from '../reference/fs/memory.js';
import { closeFdsUnder } from '../runner/fdsweep.js';
import type { Tree } from '../suites/sidecar.js';
import { makeTemp, readTree, removeTemp, sortTree, writeTree } from './helpers/host-tree.js';
import { runWat, type RunWatResult, type WasiClass } from './helpers/run-wat.js';

const SOURCE = path.join(path.dirname(new URL(import.meta.url).pathname), 'c', 'walk.c');
const SYSROOT = '/usr';
const START: Tree = { 'keep.txt': 'keep\n' };

/** The clang to use, or why there is none. */
function findToolchain(): { clang: string } | { missing: string } {
  const clang = ['clang-14', 'clang'].find((c) => {
    try {
      execFileSync(c, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  });
  if (!clang) return { missing: 'clang-14 not found (apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32)' };
  if (!fs.existsSync(path.join(SYSROOT, 'lib/wasm32-wasi/libc.a'))) return { missing: 'wasi-libc not found (apt-get install wasi-libc)' };
  return { clang };
}

const toolchain = findToolchain();
const describeC = 'clang' in toolchain ? describe : describe.skip;
if ('missing' in toolchain) {
  // eslint-disable-next-line no-console
  console.warn(`skipping the C program test: ${toolchain.missing}`);
}

describeC('test/c/walk.c under the reference and node:wasi', () => {
  let work: string;
  let wasm: Uint8Array;

  beforeAll(() => {
    work = makeTemp('wasi-walk-');
    const out = path.join(work, 'walk.wasm');
    execFileSync((toolchain as { clang: string }).clang,
      ['--target=wasm32-wasi', `--sysroot=${SYSROOT}`, '-O1', '-Wall', '-Werror', '-o', out, SOURCE], { stdio: 'pipe' });
    wasm = fs.readFileSync(out);
  }, 60_000);

  afterAll(() => {
    closeFdsUnder(fs.realpathSync(work)); // preopens stay open after a run (node:wasi's too)
    removeTemp(work);
  });

  /** Run walk.wasm with /sandbox preopened on a fresh copy of START; returns the run and the tree after. */
  async function runOnHost(name: string, wasi?: WasiClass): Promise<{ run: RunWatResult; tree: Tree }> {
    const dir = path.join(work, name);
    writeTree(dir, START);
    const run = await runWat(wasm, { wasi, preopens: { '/sandbox': dir } });
    return { run, tree: readTree(dir) };
  }

  test('same stdout, exit code and resulting tree', async () => {
    const node = await runOnHost('node', NodeWASI as unknown as WasiClass);
    const ref = await runOnHost('reference');
    expect(node.run.error).toBeNull();
    expect(ref.run.error).toBeNull();
    expect(ref.run.stdout).toBe(node.run.stdout);
    expect(ref.run.exitCode).toBe(node.run.exitCode);
    expect(ref.tree).toEqual(node.tree);
    // The program's own checks passed (it prints its failures and exits non-zero otherwise).
    expect(ref.run.stdout).toContain('failures=0\n');
    expect(ref.run.exitCode).toBe(0);
    expect(ref.tree).toEqual({ 'keep.txt': 'keep\n', work: { a: { 'one.txt': 'replaced\n' }, 'one-again.txt': 'one\n' } });
  });

  test('the reference over MemoryFS prints the same and leaves the same tree', async () => {
    const node = await runOnHost('node-2', NodeWASI as unknown as WasiClass);
    const memory = new MemoryFS({ sandbox: START });
    const run = await runWat(wasm, { fs: memory, preopens: { '/sandbox': '/sandbox' } });
    expect(run.error).toBeNull();
    expect(run.stdout).toBe(node.run.stdout);
    expect(run.exitCode).toBe(node.run.exitCode);
    expect(sortTree(memory.toTree('/sandbox') as Tree)).toEqual(node.tree);
  });
});
