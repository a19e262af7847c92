/** Adapter `reference`: this project's reference implementation (reference/, node:wasi-compatible). */
import { toolInfo } from '../paths.js';
import { runNodeCompatible, type NodeWasiClass } from './node-compatible.js';
import type { Adapter } from './types.js';

let WASI: NodeWasiClass | undefined;

/** Through a variable so this adapter builds before reference/index.ts exists; the API is node:wasi's. */
const REFERENCE_MODULE = '../../reference/index.js';

async function loadWASI(): Promise<NodeWasiClass> {
  const mod = (await import(REFERENCE_MODULE)) as { WASI?: NodeWasiClass };
  if (typeof mod.WASI !== 'function') throw new Error('reference/index.js does not export WASI');
  return mod.WASI;
}

export const adapter: Adapter = {
  name: 'reference',
  version: toolInfo().version,
  abis: ['preview1', 'unstable'],
  features: ['stdin', 'fs'],
  kind: 'in-process',
  async available() {
    try {
      WASI ??= await loadWASI();
      return null;
    } catch (e) {
      return `reference implementation not built (${e instanceof Error ? e.message : String(e)})`;
    }
  },
  async run(job, ctx) {
    WASI ??= await loadWASI();
    return runNodeCompatible(WASI, job, ctx);
  },
};
