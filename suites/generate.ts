/**
 * The generator: case tables in suites/<family>/*.ts → wat/<abi>/<syscall>/<case>.wat + .json,
 * plus wat/COVERAGE.md. Deterministic (same tables, same bytes); writes only files whose content
 * changed and removes fixtures no table produces any more. `check` mode writes nothing and lists
 * what is stale (the test that keeps wat/ in step with the tables uses it).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Abi, Sidecar } from './sidecar.js';
import { DEFAULT_OUTSIDE, Fixture, SANDBOX, abisFor, type CaseDef, type Suite } from './dsl.js';
import { hasFunction } from './spec.js';
import { coverageMarkdown } from './coverage.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Case tables live in suites/<family>/*.ts; suites/lib/ and files starting with `_` hold shared helpers. */
const CASE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface SuiteModule { file: string; suites: Suite[] }

/** Import every case table under suites/ (sorted, so the order never depends on the disk). */
export async function loadSuites(root = HERE): Promise<SuiteModule[]> {
  const files: string[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'lib').map((d) => d.name).sort()) {
    for (const f of readdirSync(join(root, dir)).sort()) {
      if (/\.(ts|js)$/.test(f) && !/\.(test|d)\.(ts|js)$/.test(f) && !f.startsWith('_')) files.push(join(root, dir, f));
    }
  }
  const mods: SuiteModule[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(file).href)) as { default?: Suite | Suite[] };
    if (!mod.default) throw new Error(`${file}: no default export (a suite(...) or an array of them)`);
    const rel = relative(join(root, '..'), file).replace(/\\/g, '/').replace(/\.js$/, '.ts').replace(/^dist\//, '');
    mods.push({ file: rel, suites: Array.isArray(mod.default) ? mod.default : [mod.default] });
  }
  return mods;
}

export interface GeneratedFile { path: string; content: string }

/** Build one case for one ABI: the .wat text and its sidecar; null when the ABI lacks a call. */
export function buildCase(syscall: string, def: CaseDef, abi: Abi, source: string): { wat: string; sidecar: Sidecar } | null {
  const id = `${abi}/${syscall}/${def.name}`;
  const f = new Fixture(abi, syscall, def.pages ?? 1);
  def.body(f);
  if ([...f.calls].some((c) => !hasFunction(abi, c))) return null;
  const spec = def.spec ?? `docs.md#${syscall}`;
  const header = [
    `GENERATED from ${source} by \`wasi-conformance generate\`: do not edit.`,
    `${id}: ${def.description}`,
    `spec: ${spec}`,
    ...(def.quote ? [`"${def.quote}"`] : []),
  ];
  const built = f.build(header);
  const preopens = def.preopens ?? (def.tree ? [{ guest: SANDBOX, tree: def.tree }] : []);
  const outside = def.outside ?? (preopens.length ? DEFAULT_OUTSIDE : undefined);
  const accept = [...built.accept, ...(def.accept ?? [])];
  const sidecar: Sidecar = {
    id, syscall, abi,
    description: def.description,
    spec,
    ...(def.quote ? { quote: def.quote } : {}),
    tags: [...def.tags].sort(),
    args: def.args ?? [],
    env: def.env ?? {},
    stdin: def.stdin ?? '',
    preopens,
    ...(outside ? { outside } : {}),
    expect: built.expect,
    ...(accept.length ? { accept } : {}),
    ...(def.fs_after ? { fs_after: def.fs_after } : {}),
    ...(def.requires?.length ? { requires: def.requires } : {}),
    ...(def.timeout_ms ? { timeout_ms: def.timeout_ms } : {}),
  };
  return { wat: built.wat, sidecar };
}

/** Every generated file, in a stable order. Throws on a malformed table (naming it). */
export function generateAll(mods: SuiteModule[]): { files: GeneratedFile[]; sidecars: Sidecar[] } {
  const files: GeneratedFile[] = [];
  const sidecars: Sidecar[] = [];
  const seen = new Map<string, string>();
  for (const { file, suites } of mods) {
    for (const s of suites) {
      for (const def of s.cases) {
        const where = `${file}: case ${s.syscall}/${def.name}`;
        if (!CASE_NAME.test(def.name)) throw new Error(`${where}: name must be kebab-case`);
        if (!def.description || def.description.length > 140) throw new Error(`${where}: description must be 1..140 characters`);
        if (!def.tags.length) throw new Error(`${where}: give at least one tag`);
        for (const abi of abisFor(s.syscall, def)) {
          let out: ReturnType<typeof buildCase>;
          try { out = buildCase(s.syscall, def, abi, file); } catch (e) { throw new Error(`${where} (${abi}): ${(e as Error).message}`); }
          if (!out) continue;
          const prev = seen.get(out.sidecar.id);
          if (prev) throw new Error(`${where}: duplicate id ${out.sidecar.id} (also in ${prev})`);
          seen.set(out.sidecar.id, file);
          files.push({ path: `${out.sidecar.id}.wat`, content: out.wat });
          files.push({ path: `${out.sidecar.id}.json`, content: `${JSON.stringify(out.sidecar, null, 2)}\n` });
          sidecars.push(out.sidecar);
        }
      }
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  sidecars.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  files.push({ path: 'COVERAGE.md', content: coverageMarkdown(sidecars) });
  return { files, sidecars };
}

function listFixtureFiles(outDir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(wat|json)$/.test(e.name)) out.push(relative(outDir, p).replace(/\\/g, '/'));
    }
  };
  for (const abi of ['preview1', 'unstable']) walk(join(outDir, abi));
  return out;
}

export interface GenerateResult { written: string[]; removed: string[]; unchanged: number; cases: number }

/** Write (or, with check, only compare) the generated files under outDir. */
export function writeGenerated(files: GeneratedFile[], outDir: string, check = false, removeStale = true): GenerateResult {
  const result: GenerateResult = { written: [], removed: [], unchanged: 0, cases: files.filter((f) => f.path.endsWith('.json')).length };
  const wanted = new Set(files.map((f) => f.path));
  for (const f of files) {
    const path = join(outDir, f.path);
    if (existsSync(path) && readFileSync(path, 'utf8') === f.content) { result.unchanged++; continue; }
    result.written.push(f.path);
    if (!check) { mkdirSync(dirname(path), { recursive: true }); writeFileSync(path, f.content); }
  }
  for (const p of removeStale ? listFixtureFiles(outDir) : []) {
    if (wanted.has(p)) continue;
    result.removed.push(p);
    if (!check) rmSync(join(outDir, p));
  }
  if (!check) removeEmptyDirs(outDir);
  return result;
}

function removeEmptyDirs(dir: string): void {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const p = join(dir, e.name);
    removeEmptyDirs(p);
    if (readdirSync(p).length === 0) rmSync(p, { recursive: true });
  }
}

/** The repository's wat/ folder (from suites/ or dist/suites/). */
export function defaultOutDir(): string {
  const root = HERE.includes(`${join('dist', 'suites')}`) ? join(HERE, '..', '..') : join(HERE, '..');
  return join(root, 'wat');
}

/** Load, generate, write: what `wasi-conformance generate` does. */
export async function generate(opts: { outDir?: string; check?: boolean; source?: string } = {}): Promise<GenerateResult> {
  const mods = (await loadSuites()).filter((m) => !opts.source || m.file.includes(opts.source));
  const { files } = generateAll(mods);
  // A partial generation (--source) must not delete the other tables' fixtures.
  const kept = opts.source ? files.filter((f) => f.path !== 'COVERAGE.md') : files;
  return writeGenerated(kept, opts.outDir ?? defaultOutDir(), opts.check ?? false, !opts.source);
}
