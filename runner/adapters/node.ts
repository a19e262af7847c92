/** Adapter `node`: Node's built-in `node:wasi` (uvwasi), in process. */
import { runNodeCompatible, type NodeWasiClass } from './node-compatible.js';
import type { Adapter } from './types.js';

let WASI: NodeWasiClass | undefined;

export const adapter: Adapter = {
  name: 'node',
  version: `node ${process.version}`,
  abis: ['preview1', 'unstable'],
  features: ['stdin', 'fs'],
  kind: 'in-process',
  async run(job, ctx) {
    WASI ??= (await import('node:wasi')).WASI as unknown as NodeWasiClass;
    return runNodeCompatible(WASI, job, ctx);
  },
};
