/**
 * `run --testsuite DIR`: the tests of a wasi-testsuite directory (format.ts) as fixtures the
 * runner takes like its own. Each `.wasm` under DIR (recursively, not inside directories a spec
 * preopens) is a case: id = its path under DIR without `.wasm`; ABI from its imports; the
 * preopened directories read into trees (so every run starts from a fresh copy and the
 * originals are never written; `*.cleanup` artifacts in them are left out). A case that cannot be read (bad JSON, a missing directory,
 * invalid wasm) is recorded as an error for that case, not a stop.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { isDirEntry, type Sidecar, type Tree } from '../../suites/sidecar.js';
import { UsageError } from '../errors.js';
import type { Fixture } from '../fixtures.js';
import { displayPath } from '../fixtures.js';
import { readTree } from '../sandbox.js';
import { DEFAULT_SPEC, readSpec, type TestsuiteSpec } from './format.js';

export interface LoadedTestsuite {
  fixtures: Fixture[];
  /** Case id → module path (cases that could be read). */
  wasm: Map<string, string>;
  /** Case id → why it cannot run (recorded as `error`). */
  failed: Map<string, string>;
  /** Cases whose spec expects stderr bytes (not checked). */
  stderrUnchecked: number;
}

const posixPath = (p: string) => p.split(sep).join('/');

/** Every `.wasm` under `dir`, skipping directories that a sibling spec preopens. */
function findModules(dir: string, out: string[] = []): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  const preopened = new Set<string>();
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.json')) continue;
    try {
      const spec = readSpec(JSON.parse(readFileSync(join(dir, e.name), 'utf8')));
      if (typeof spec !== 'string') for (const d of spec.dirs) preopened.add(d.split('/')[0]!);
    } catch { /* reported with its case */ }
  }
  for (const e of entries) {
    if (e.isDirectory() && !preopened.has(e.name) && !e.name.startsWith('.')) findModules(join(dir, e.name), out);
    else if (e.isFile() && e.name.endsWith('.wasm')) out.push(join(dir, e.name));
  }
  return out;
}

function abiOf(bytes: Buffer): Sidecar['abi'] {
  const m = new WebAssembly.Module(new Uint8Array(bytes));
  return WebAssembly.Module.imports(m).some((i) => i.module === 'wasi_unstable') ? 'unstable' : 'preview1';
}

function specFor(wasmPath: string): TestsuiteSpec | string {
  const jsonPath = wasmPath.replace(/\.wasm$/, '.json');
  if (!existsSync(jsonPath)) return DEFAULT_SPEC;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(jsonPath, 'utf8'));
  } catch (e) {
    return `${displayPath(jsonPath)}: not valid JSON (${(e as Error).message.split('\n')[0]})`;
  }
  const spec = readSpec(data);
  return typeof spec === 'string' ? `${displayPath(jsonPath)}: ${spec}` : spec;
}

/** The tree without `*.cleanup` entries (artifacts of earlier runs, which the format says to remove). */
function withoutCleanup(tree: Tree): Tree {
  const out: Tree = {};
  for (const [name, e] of Object.entries(tree)) {
    if (name.endsWith('.cleanup')) continue;
    out[name] = isDirEntry(e) ? withoutCleanup(e) : e;
  }
  return out;
}

function preopenTrees(wasmPath: string, spec: TestsuiteSpec): { guest: string; tree: Tree }[] | string {
  const out: { guest: string; tree: Tree }[] = [];
  for (const d of spec.dirs) {
    const host = join(wasmPath, '..', d);
    if (!existsSync(host) || !statSync(host).isDirectory()) return `preopened directory ${displayPath(host)} does not exist`;
    out.push({ guest: d, tree: withoutCleanup(readTree(host)) });
  }
  return out;
}

export async function loadTestsuite(dirArg: string): Promise<LoadedTestsuite> {
  const root = resolve(dirArg);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--testsuite ${dirArg}: not a directory`);
  const modules = findModules(root);
  if (modules.length === 0) throw new UsageError(`--testsuite ${dirArg}: no .wasm test modules under it`);
  const result: LoadedTestsuite = { fixtures: [], wasm: new Map(), failed: new Map(), stderrUnchecked: 0 };
  for (const wasmPath of modules) {
    const rel = posixPath(relative(root, wasmPath)).replace(/\.wasm$/, '');
    const parent = rel.includes('/') ? rel.split('/').slice(-2, -1)[0]! : basename(root);
    let abi: Sidecar['abi'] = 'preview1';
    let problem: string | null = null;
    try {
      abi = abiOf(readFileSync(wasmPath));
    } catch (e) {
      problem = `${displayPath(wasmPath)}: invalid wasm (${(e as Error).message.split('\n')[0]})`;
    }
    const spec = specFor(wasmPath);
    if (typeof spec === 'string') problem ??= spec;
    const s = typeof spec === 'string' ? DEFAULT_SPEC : spec;
    const trees = problem === null ? preopenTrees(wasmPath, s) : [];
    if (typeof trees === 'string') problem = trees;
    if (s.stderr !== undefined) result.stderrUnchecked++;
    const sidecar: Sidecar = {
      id: rel, syscall: parent, abi,
      description: `wasi-testsuite test ${rel}`, spec: displayPath(wasmPath.replace(/\.wasm$/, '.json')), tags: ['wasi-testsuite'],
      args: s.args, env: s.env, stdin: '', preopens: typeof trees === 'string' ? [] : trees,
      expect: s.stdout === undefined ? { exit_code: s.exit_code } : { exit_code: s.exit_code, stdout: s.stdout },
    };
    result.fixtures.push({ sidecar, jsonPath: wasmPath.replace(/\.wasm$/, '.json'), watPath: wasmPath });
    if (problem === null) result.wasm.set(rel, wasmPath);
    else result.failed.set(rel, problem);
  }
  return result;
}
