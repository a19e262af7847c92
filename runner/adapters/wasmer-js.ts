/**
 * Adapter `wasmer-js`: @wasmer/wasi, wasmer's Rust WASI compiled to wasm for JS. The case's
 * trees go into a `MemFS` with the host sandbox's layout (trees/layout.ts: the canary beside the
 * preopens), preopened under their guest names, and are read back from `wasi.fs` as `fsAfter`;
 * stdin is set with `setStdinBuffer`, output read with `getStdoutBuffer`/`getStderrBuffer`.
 * Its MemFS API has no symbolic links: cases whose trees have one are skipped.
 */
import type { Sidecar } from '../../suites/sidecar.js';
import { LIMITS } from './case-needs.js';
import { packageLabel, packageMissing } from './package-info.js';
import { errorText } from './node-compatible.js';
import { programName, runShimCase } from './shim-run.js';
import { layoutAfter, layoutDirs, memoryLayout, MEMORY_CASE_DIR, preopenMap } from './trees/layout.js';
import { readWasmerTree, writeWasmerTree, type WasmerMemFS } from './trees/wasmer.js';
import type { Adapter } from './types.js';

const PACKAGE = '@wasmer/wasi';

interface WasmerWASI {
  readonly fs: WasmerMemFS;
  getImports(module: WebAssembly.Module): Record<string, Record<string, unknown>>;
  start(instance: WebAssembly.Instance): number;
  setStdinBuffer(buf: Uint8Array): void;
  getStdoutBuffer(): Uint8Array;
  getStderrBuffer(): Uint8Array;
  free(): void;
}
interface WasmerModule {
  init(): Promise<void>;
  WASI: new (config: Record<string, unknown>) => WasmerWASI;
  MemFS: new () => WasmerMemFS;
}

let wasmer: Promise<WasmerModule> | undefined;

async function load(): Promise<WasmerModule> {
  const m = (await import(PACKAGE)) as WasmerModule;
  await m.init();
  return m;
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** wasmer re-throws a guest trap as an Error whose message embeds the RuntimeError's. */
const wrappedTrap = /Error while running start function: RuntimeError: JsValue\(RuntimeError: ([^\n]*)/;

export const adapter: Adapter = {
  name: 'wasmer-js',
  version: packageLabel(PACKAGE),
  abis: ['preview1', 'unstable'],
  features: ['stdin', 'fs'],
  kind: 'in-process',
  available: async () => packageMissing(PACKAGE),
  unsupported: (s: Sidecar) => LIMITS.noSymlinks("@wasmer/wasi's MemFS API")(s),
  async run(job, ctx) {
    const m = await (wasmer ??= load());
    return runShimCase(job, ctx, () => {
      const fs = new m.MemFS();
      const layout = memoryLayout(job);
      if (layoutDirs(layout).length > 0) fs.createDir(MEMORY_CASE_DIR);
      for (const d of layoutDirs(layout)) writeWasmerTree(fs, d.path, d.tree);
      const wasi = new m.WASI({ args: [programName(job), ...job.args], env: job.env, preopens: preopenMap(layout), fs });
      wasi.setStdinBuffer(Buffer.from(job.stdin, 'utf8'));
      const namespace = Object.values(wasi.getImports(ctx.module!))[0] ?? {};
      return {
        wasiImport: namespace,
        start: (instance) => wasi.start(instance),
        trapMessage: (e) => wrappedTrap.exec(errorText(e))?.[1] ?? null,
        output: () => ({ stdout: text(wasi.getStdoutBuffer()), stderr: text(wasi.getStderrBuffer()) }),
        // The MemFS given to the constructor moved into the WASI object: read through `wasi.fs`.
        fsAfter: () => layoutAfter(layout, (p) => readWasmerTree(wasi.fs, p)),
      };
    });
  },
};
