/**
 * A preview1 core module made runnable on the preview2 shim, with jco: wrap it into a component
 * with the wasi_snapshot_preview1 command adapter jco ships (`componentNew`), then `transpile`
 * it to JS in `instantiation` mode (the caller supplies the imports). About a second per
 * module, so the output is cached on disk, keyed by the module's bytes and jco's version:
 *
 *   .cache/jco/<key>/   the core modules (*.wasm) and glue.txt (which glue to use)
 *   .cache/jco/js/<sha256>.mjs   the JS glue, shared by modules that import the same interfaces
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../reports/write-file.js';
import { PACKAGE_ROOT } from '../paths.js';
import { packageInfo } from './package-info.js';

export const JCO_PACKAGE = '@bytecodealliance/jco';
export const JCO_CACHE_DIR = join(PACKAGE_ROOT, '.cache', 'jco');

interface Jco {
  componentNew(wasm: Uint8Array, adapters: [string, Uint8Array][]): Promise<Uint8Array>;
  transpile(component: Uint8Array, opts: Record<string, unknown>): Promise<{ files: Record<string, Uint8Array> }>;
  preview1AdapterCommandPath(): URL;
}

/** A transpiled component: `instantiate(getCoreModule, imports)` and its core modules by name. */
export interface TranspiledComponent {
  instantiate(getCoreModule: (name: string) => WebAssembly.Module, imports: unknown): unknown;
  coreModule(name: string): WebAssembly.Module;
}

let jco: Promise<Jco> | undefined;
const glues = new Map<string, Promise<TranspiledComponent['instantiate']>>();

function cacheKey(wasm: Uint8Array): string {
  return createHash('sha256').update(`jco@${packageInfo(JCO_PACKAGE)?.version}\0`).update(wasm).digest('hex');
}

async function transpileInto(dir: string, wasm: Uint8Array): Promise<void> {
  const j = await (jco ??= import(JCO_PACKAGE) as Promise<Jco>);
  const adapter = readFileSync(j.preview1AdapterCommandPath());
  const component = await j.componentNew(wasm, [['wasi_snapshot_preview1', adapter]]);
  const { files } = await j.transpile(component, { name: 'guest', instantiation: 'sync', noTypescript: true, quiet: true });
  let glue: string | undefined;
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith('.wasm')) writeFileAtomic(join(dir, name), bytes);
    else if (name.endsWith('.js')) {
      const hash = createHash('sha256').update(bytes).digest('hex');
      const path = join(JCO_CACHE_DIR, 'js', `${hash}.mjs`);
      if (!existsSync(path)) writeFileAtomic(path, bytes);
      glue = path;
    }
  }
  if (!glue) throw new Error('jco transpile produced no JS');
  writeFileAtomic(join(dir, 'glue.txt'), glue); // last: its presence marks a complete entry
}

async function glueModule(path: string): Promise<TranspiledComponent['instantiate']> {
  let p = glues.get(path);
  if (!p) {
    p = (import(pathToFileURL(path).href) as Promise<{ instantiate: TranspiledComponent['instantiate'] }>).then((m) => m.instantiate);
    glues.set(path, p);
  }
  return p;
}

/** The component for a preview1 core module, transpiled now or taken from the cache. */
export async function preview1Component(wasmPath: string): Promise<TranspiledComponent> {
  const wasm = readFileSync(wasmPath);
  const dir = join(JCO_CACHE_DIR, cacheKey(wasm));
  if (!existsSync(join(dir, 'glue.txt'))) await transpileInto(dir, wasm);
  const instantiate = await glueModule(readFileSync(join(dir, 'glue.txt'), 'utf8'));
  const names = new Set(readdirSync(dir).filter((f) => f.endsWith('.wasm')));
  return {
    instantiate,
    coreModule(name) {
      if (!names.has(name)) throw new Error(`the transpiled component has no core module ${name}`);
      return new WebAssembly.Module(readFileSync(join(dir, name)));
    },
  };
}
