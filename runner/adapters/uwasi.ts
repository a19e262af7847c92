/**
 * Adapter `uwasi`: μWASI with every feature it has (`useAll`): args, environ, clocks, proc,
 * random, and stdio through callbacks (stdin handed over whole at the first read, then end of
 * file). It has no file system (its `useFS` is a stub), so it lacks `fs`; calls it does not
 * implement return ENOSYS. preview1 only.
 */
import { packageLabel, packageMissing } from './package-info.js';
import { Capture, programName, runShimCase } from './shim-run.js';
import type { Adapter } from './types.js';

const PACKAGE = 'uwasi';

type Feature = (...a: unknown[]) => Record<string, unknown>;
interface UwasiModule {
  WASI: new (options: { args: string[]; env: Record<string, string>; features: Feature[] }) => {
    wasiImport: Record<string, unknown>;
    start(instance: WebAssembly.Instance): number;
  };
  useAll(options: { stdin: () => string; stdout: (s: string) => void; stderr: (s: string) => void }): Feature;
  WASIProcExit: new (code: number) => Error & { code: number };
}

let uwasi: UwasiModule | undefined;

export const adapter: Adapter = {
  name: 'uwasi',
  version: packageLabel(PACKAGE),
  abis: ['preview1'],
  features: ['stdin'],
  kind: 'in-process',
  available: async () => packageMissing(PACKAGE),
  async run(job, ctx) {
    const m = uwasi ??= (await import(PACKAGE)) as UwasiModule;
    return runShimCase(job, ctx, () => {
      const stdout = new Capture(), stderr = new Capture();
      let stdin: string | null = job.stdin;
      const wasi = new m.WASI({
        args: [programName(job), ...job.args], env: job.env,
        features: [m.useAll({ stdin: () => { const s = stdin ?? ''; stdin = null; return s; }, stdout: stdout.write, stderr: stderr.write })],
      });
      return {
        wasiImport: wasi.wasiImport,
        start: (instance) => wasi.start(instance),
        exitCode: (e) => (e instanceof m.WASIProcExit ? e.code : null),
        output: () => ({ stdout: stdout.text(), stderr: stderr.text() }),
      };
    });
  },
};
