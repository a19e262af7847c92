/**
 * Adapter `wasm-util`: @tybys/wasm-util's WASI (node:wasi's API, for browsers), over a memfs
 * volume — the in-memory file system its README pairs it with. The case's trees are loaded into
 * the volume (runner/adapters/trees/layout.ts) and read back as `fsAfter`.
 * Its stdin is fd 0 of the given fs, which a memfs volume does not have: no `stdin`.
 * Its stdout/stderr callbacks are line-buffered: a last line without "\n" is never printed.
 */
import { packageLabel, packageMissing } from './package-info.js';
import { Capture, programName, runShimCase } from './shim-run.js';
import { layoutAfter, layoutDirs, memoryLayout, preopenMap } from './trees/layout.js';
import { readNodeFsTree, writeNodeFsTree, type SyncFs } from './trees/node-fs.js';
import type { Adapter } from './types.js';

const PACKAGE = '@tybys/wasm-util';

interface WasmUtilWASI {
  wasiImport: Record<string, unknown>;
  start(instance: WebAssembly.Instance): number | undefined | Promise<number | undefined>;
}
type WasmUtilClass = new (options: Record<string, unknown>) => WasmUtilWASI;

let WASI: WasmUtilClass | undefined;
let memfs: typeof import('memfs').memfs | undefined;

export const adapter: Adapter = {
  name: 'wasm-util',
  version: packageLabel(PACKAGE),
  abis: ['preview1', 'unstable'],
  features: ['fs'],
  kind: 'in-process',
  available: async () => packageMissing(PACKAGE) ?? packageMissing('memfs'),
  async run(job, ctx) {
    WASI ??= ((await import(PACKAGE)) as { WASI: WasmUtilClass }).WASI;
    memfs ??= (await import('memfs')).memfs;
    return runShimCase(job, ctx, () => {
      const { fs } = memfs!();
      const layout = memoryLayout(job);
      for (const d of layoutDirs(layout)) writeNodeFsTree(fs as unknown as SyncFs, d.path, d.tree);
      const stdout = new Capture(), stderr = new Capture();
      const wasi = new WASI!({
        version: job.abi, args: [programName(job), ...job.args], env: job.env,
        preopens: preopenMap(layout), fs, print: stdout.line, printErr: stderr.line, returnOnExit: true,
      });
      return {
        wasiImport: wasi.wasiImport,
        start: (instance) => wasi.start(instance),
        output: () => ({ stdout: stdout.text(), stderr: stderr.text() }),
        fsAfter: () => layoutAfter(layout, (p) => readNodeFsTree(fs as unknown as SyncFs, p)),
      };
    });
  },
};
