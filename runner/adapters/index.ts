/**
 * The adapter registry: adapters are loaded by NAME (so a worker thread can load an in-process
 * adapter itself), or from a module path given on the command line (`--adapter ./my-adapter.js`,
 * a module exporting `adapter` or a default export implementing runner/adapters/types.ts).
 *
 * To add an adapter: write runner/adapters/<name>.ts exporting `adapter: Adapter`, add one
 * line to BUILTIN below.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import type { Adapter } from './types.js';

const BUILTIN: Record<string, () => Promise<{ adapter: Adapter }>> = {
  reference: () => import('./reference.js'),
  node: () => import('./node.js'),
  'browser-wasi-shim': () => import('./browser-wasi-shim.js'),
  'wasm-util': () => import('./wasm-util.js'),
  'wasi-js': () => import('./wasi-js.js'),
  uwasi: () => import('./uwasi.js'),
  'wasmer-js': () => import('./wasmer-js.js'),
  runno: () => import('./runno.js'),
};

export function builtinAdapterNames(): string[] {
  return Object.keys(BUILTIN);
}

/** A spec naming a module file rather than a built-in adapter. */
export function isAdapterPath(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.[cm]?js$/.test(spec);
}

/** The spec as a worker should receive it: names unchanged, paths made absolute. */
export function canonicalSpec(spec: string): string {
  return isAdapterPath(spec) && !isAbsolute(spec) ? resolve(spec) : spec;
}

function checkShape(a: unknown, spec: string): Adapter {
  const x = a as Partial<Adapter> | undefined;
  const missing = !x ? 'an `adapter` export'
    : typeof x.name !== 'string' ? 'name'
    : typeof x.version !== 'string' ? 'version'
    : !Array.isArray(x.abis) ? 'abis'
    : !Array.isArray(x.features) ? 'features'
    : x.kind !== 'in-process' && x.kind !== 'command' ? "kind ('in-process' or 'command')"
    : typeof x.run !== 'function' ? 'run()' : null;
  if (missing) throw new UsageError(`adapter module ${spec} lacks ${missing} (see runner/adapters/types.ts)`);
  return x as Adapter;
}

const loaded = new Map<string, Promise<Adapter>>();

async function load(spec: string): Promise<Adapter> {
  if (Object.hasOwn(BUILTIN, spec)) return (await BUILTIN[spec]!()).adapter;
  if (!isAdapterPath(spec)) {
    throw new UsageError(`unknown adapter "${spec}"; known adapters: ${builtinAdapterNames().join(', ')} (or a path to an adapter module)`);
  }
  let mod: { adapter?: unknown; default?: unknown };
  try {
    mod = (await import(pathToFileURL(resolve(spec)).href)) as typeof mod;
  } catch (e) {
    throw new UsageError(`cannot load adapter module ${spec}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  return checkShape(mod.adapter ?? mod.default, spec);
}

/** Load (once per thread) the adapter a spec names; unknown names → UsageError listing the known ones. */
export function loadAdapter(spec: string): Promise<Adapter> {
  let p = loaded.get(spec);
  if (!p) {
    p = load(spec);
    loaded.set(spec, p);
    p.catch(() => loaded.delete(spec));
  }
  return p;
}

/** `--adapter a,b` (or `all`: every built-in adapter available here), in the order given. */
export async function resolveAdapters(list: readonly string[]): Promise<{ spec: string; adapter: Adapter }[]> {
  const specs = list.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (specs.length === 0) throw new UsageError(`--adapter needs a name; known adapters: ${builtinAdapterNames().join(', ')}`);
  const out: { spec: string; adapter: Adapter }[] = [];
  const seen = new Set<string>();
  for (const s of specs) {
    if (s === 'all') {
      for (const name of builtinAdapterNames()) {
        const a = await loadAdapter(name);
        if (!seen.has(name) && (await a.available?.()) == null) { seen.add(name); out.push({ spec: name, adapter: a }); }
      }
      continue;
    }
    const spec = canonicalSpec(s);
    if (seen.has(spec)) continue;
    seen.add(spec);
    const adapter = await loadAdapter(spec);
    const why = await adapter.available?.();
    if (why) throw new UsageError(`adapter ${adapter.name} is not available: ${why}`);
    out.push({ spec, adapter });
  }
  return out;
}
