/**
 * Adapter `browser-wasi-shim`: @bjorn3/browser_wasi_shim. Its fds are objects: stdin is an
 * in-memory file holding the case's stdin, stdout/stderr collect bytes, each preopen is a
 * `PreopenDirectory` built from the case's tree and read back as `fsAfter`.
 * No symbolic links in its file system (cases with one are skipped); `..` never leaves a
 * preopen (it resolves paths lexically inside it), so the canary cannot be placed within reach.
 * preview1 only: it has no wasi_unstable layouts.
 */
import type { Sidecar } from '../../suites/sidecar.js';
import { LIMITS } from './case-needs.js';
import { packageLabel, packageMissing } from './package-info.js';
import { Capture, programName, runShimCase } from './shim-run.js';
import { bjorn3Contents, readBjorn3Tree, type Bjorn3Fs } from './trees/bjorn3.js';
import type { Adapter } from './types.js';

const PACKAGE = '@bjorn3/browser_wasi_shim';

interface Bjorn3Module extends Bjorn3Fs {
  WASI: new (args: string[], env: string[], fds: unknown[]) => {
    wasiImport: Record<string, unknown>;
    start(instance: { exports: WebAssembly.Exports }): number;
  };
  OpenFile: new (file: unknown) => unknown;
  ConsoleStdout: new (write: (data: Uint8Array) => void) => unknown;
  PreopenDirectory: new (name: string, contents: Map<string, unknown>) => { dir: { contents: Map<string, unknown> } };
  WASIProcExit: new (code: number) => Error & { code: number };
}

let shim: Bjorn3Module | undefined;

export const adapter: Adapter = {
  name: 'browser-wasi-shim',
  version: packageLabel(PACKAGE),
  abis: ['preview1'],
  features: ['stdin', 'fs'],
  kind: 'in-process',
  available: async () => packageMissing(PACKAGE),
  unsupported: (s: Sidecar) => LIMITS.noSymlinks('browser_wasi_shim\'s file system')(s),
  async run(job, ctx) {
    const m = shim ??= (await import(PACKAGE)) as Bjorn3Module;
    return runShimCase(job, ctx, () => {
      const stdout = new Capture(), stderr = new Capture();
      const preopens = job.preopens.map((p) => new m.PreopenDirectory(p.guest, bjorn3Contents(m, p.tree)));
      const fds = [
        new m.OpenFile(new m.File(Buffer.from(job.stdin, 'utf8'))),
        new m.ConsoleStdout(stdout.write),
        new m.ConsoleStdout(stderr.write),
        ...preopens,
      ];
      const env = Object.entries(job.env).map(([k, v]) => `${k}=${v}`);
      const wasi = new m.WASI([programName(job), ...job.args], env, fds);
      return {
        wasiImport: wasi.wasiImport,
        start: (_instance, watched) => wasi.start(watched),
        exitCode: (e) => (e instanceof m.WASIProcExit ? e.code : null),
        output: () => ({ stdout: stdout.text(), stderr: stderr.text() }),
        fsAfter: () => ({ preopens: preopens.map((p) => readBjorn3Tree(m, p.dir.contents)) }),
      };
    });
  },
};
