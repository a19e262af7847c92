/**
 * Adapter `wasi-js`: the wasi-js package (a fork of the old @wasmer/wasi). Its host access goes
 * through `bindings`: here a memfs volume for `fs` (the case's trees loaded, read back as
 * `fsAfter`, the canary beside the preopens as on the host), callbacks for stdin/stdout/stderr,
 * and `exit`/`kill` that end the case instead of the process.
 */
import { randomFillSync } from 'node:crypto';
import { posix } from 'node:path';
import { packageLabel, packageMissing } from './package-info.js';
import { Capture, programName, runShimCase } from './shim-run.js';
import { layoutAfter, layoutDirs, memoryLayout, preopenMap } from './trees/layout.js';
import { readNodeFsTree, writeNodeFsTree, type SyncFs } from './trees/node-fs.js';
import type { Adapter } from './types.js';

const PACKAGE = 'wasi-js';

interface WasiJsWASI {
  wasiImport: Record<string, unknown>;
  start(instance: WebAssembly.Instance): void;
}
type WasiJsClass = new (config: Record<string, unknown>) => WasiJsWASI;

/** Thrown by our `bindings.exit` (no string `code`: wasi-js turns errors with one into errnos). */
class ExitSignal extends Error {
  constructor(readonly exitCode: number) { super(`exit ${exitCode}`); }
}

let WASI: WasiJsClass | undefined;
let memfs: typeof import('memfs').memfs | undefined;

export const adapter: Adapter = {
  name: 'wasi-js',
  version: packageLabel(PACKAGE),
  abis: ['preview1', 'unstable'],
  features: ['stdin', 'fs'],
  kind: 'in-process',
  available: async () => packageMissing(PACKAGE) ?? packageMissing('memfs'),
  async run(job, ctx) {
    const mod = (await import(PACKAGE)) as { default: WasiJsClass | { default: WasiJsClass } };
    WASI ??= typeof mod.default === 'function' ? mod.default : mod.default.default;
    memfs ??= (await import('memfs')).memfs;
    return runShimCase(job, ctx, () => {
      const { fs } = memfs!();
      const layout = memoryLayout(job);
      for (const d of layoutDirs(layout)) writeNodeFsTree(fs as unknown as SyncFs, d.path, d.tree);
      const stdout = new Capture(), stderr = new Capture();
      let stdin: Buffer | null = Buffer.from(job.stdin, 'utf8');
      const wasi = new WASI!({
        args: [programName(job), ...job.args], env: job.env, preopens: preopenMap(layout),
        bindings: {
          hrtime: process.hrtime.bigint, randomFillSync, isTTY: () => false, fs, path: posix,
          exit: (code: number) => { throw new ExitSignal(code); },
          kill: (signal: string) => { throw new Error(`proc_raise: the guest raised ${signal}`); },
        },
        // All of stdin at the first read, then end of file.
        getStdin: () => { const b = stdin ?? Buffer.alloc(0); stdin = null; return b; },
        sendStdout: stdout.write, sendStderr: stderr.write,
      });
      return {
        wasiImport: wasi.wasiImport,
        start: (instance) => wasi.start(instance),
        exitCode: (e) => (e instanceof ExitSignal ? e.exitCode : null),
        output: () => ({ stdout: stdout.text(), stderr: stderr.text() }),
        fsAfter: () => layoutAfter(layout, (p) => readNodeFsTree(fs as unknown as SyncFs, p)),
      };
    });
  },
};
