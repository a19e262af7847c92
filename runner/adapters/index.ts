/**
 * The adapter registry: adapters are loaded by NAME (so a worker thread can load an in-process
 * adapter itself), or from a module path given on the command line (`--adapter ./my-adapter.js`,
 * a module exporting `adapter` or a default export implementing runner/adapters/types.ts).
 *
 * To add an adapter: write runner/adapters/<name>.ts exporting `adapter: Adapter`, add one
 * line to BUILTIN below.
 *
 * Command adapters (run in the main thread, never in a worker) come from three places: the
 * presets (command/presets.ts: runtimes on PATH, our node scripts), `.wasi-conformance.json`
 * (runner/config.ts; an entry there replaces a preset of the same name), and `cmd:TEMPLATE`
 * specs given on the command line.
 */
import { basename, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import type { Adapter } from './types.js';
import { loadConfigAdapters } from '../config.js';
import { createCommandAdapter, type CommandAdapterDef } from './command/adapter.js';
import { nodePresets, RUNTIME_PRESETS } from './command/presets.js';
import { parseTemplate } from './command/template.js';

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

/** The prefix of a command template given as an adapter spec: `--adapter 'cmd:wasmtime run … {wasm}'`. */
export const TEMPLATE_PREFIX = 'cmd:';

let commandDefs: Map<string, CommandAdapterDef> | undefined;

/** Presets, then the config file's adapters (replacing presets of the same name). */
function commandAdapterDefs(): Map<string, CommandAdapterDef> {
  if (!commandDefs) {
    const defs = new Map<string, CommandAdapterDef>();
    for (const d of [...nodePresets(), ...RUNTIME_PRESETS]) defs.set(d.name, d);
    for (const d of loadConfigAdapters()) {
      if (Object.hasOwn(BUILTIN, d.name)) throw new UsageError(`.wasi-conformance.json: adapter name "${d.name}" is taken by a built-in in-process adapter`);
      defs.set(d.name, d);
    }
    commandDefs = defs;
  }
  return commandDefs;
}

export function builtinAdapterNames(): string[] {
  return [...Object.keys(BUILTIN), ...commandAdapterDefs().keys()];
}

/** A spec naming a module file rather than a built-in adapter. */
export function isAdapterPath(spec: string): boolean {
  return !spec.startsWith(TEMPLATE_PREFIX) && (/[\\/]/.test(spec) || /\.[cm]?js$/.test(spec));
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
  if (spec.startsWith(TEMPLATE_PREFIX)) {
    const command = spec.slice(TEMPLATE_PREFIX.length);
    return createCommandAdapter({ name: `cmd:${basename(parseTemplate(command).program)}`, command });
  }
  const def = commandAdapterDefs().get(spec);
  if (def) return createCommandAdapter(def);
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

/** `--adapter a,b --adapter c` → specs; a `cmd:` template runs to the end of its argument (it may hold commas). */
export function splitAdapterSpecs(list: readonly string[]): string[] {
  return list.flatMap((arg) => {
    const at = arg.indexOf(TEMPLATE_PREFIX);
    const head = at < 0 ? arg : arg.slice(0, at);
    const names = head.split(',').map((s) => s.trim()).filter((s) => s !== '');
    return at < 0 ? names : [...names, arg.slice(at).trim()];
  });
}

/** `--adapter a,b` (or `all`: every built-in adapter available here), in the order given. */
export async function resolveAdapters(list: readonly string[]): Promise<{ spec: string; adapter: Adapter }[]> {
  commandAdapterDefs(); // reads and checks .wasi-conformance.json, whichever adapters are named
  const specs = splitAdapterSpecs(list);
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
