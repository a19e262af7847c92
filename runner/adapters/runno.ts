/**
 * Adapter `runno`: @runno/wasi, an emulated system for the browser. Its one preopen (fd 3, named
 * "/") holds the case's first preopen tree, read back from `drive.fs` as `fsAfter`; stdin is
 * served in pieces no longer than each read asks for; output comes through callbacks.
 * Limits (cases skipped): no symbolic links, a single preopen. Its root is the top of its file
 * system, so the canary cannot be placed within reach of `..`. Its `start` turns a trap into exit
 * code 134: the adapter watches `_start` to report the trap as a trap.
 */
import type { Sidecar } from '../../suites/sidecar.js';
import { firstReason, LIMITS } from './case-needs.js';
import { packageLabel, packageMissing } from './package-info.js';
import { Capture, programName, runShimCase } from './shim-run.js';
import { readRunnoTree, runnoFs, type RunnoFS } from './trees/runno.js';
import type { Adapter } from './types.js';

const PACKAGE = '@runno/wasi';

interface RunnoWASI {
  drive: { fs: RunnoFS };
  getImportObject(): Record<string, Record<string, unknown>>;
  start(wasm: { instance: unknown; module: WebAssembly.Module }): { exitCode: number };
}
type RunnoClass = new (context: Record<string, unknown>) => RunnoWASI;

let WASI: RunnoClass | undefined;

/** The longest prefix of `text` (whole characters) within `maxBytes` UTF-8 bytes, at least one character. */
export function utf8Prefix(text: string, maxBytes: number): string {
  let bytes = 0, end = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (end > 0 && bytes + n > maxBytes) break;
    bytes += n;
    end += ch.length;
  }
  return text.slice(0, end);
}

export const adapter: Adapter = {
  name: 'runno',
  version: packageLabel(PACKAGE),
  abis: ['preview1', 'unstable'],
  features: ['stdin', 'fs'],
  kind: 'in-process',
  available: async () => packageMissing(PACKAGE),
  unsupported: (s: Sidecar) => firstReason(s, [LIMITS.noSymlinks("runno's file system"), LIMITS.onePreopen('runno')]),
  async run(job, ctx) {
    WASI ??= ((await import(PACKAGE)) as { WASI: RunnoClass }).WASI;
    return runShimCase(job, ctx, () => {
      const stdout = new Capture(), stderr = new Capture();
      let pending = job.stdin;
      const wasi = new WASI!({
        args: [programName(job), ...job.args], env: job.env,
        fs: runnoFs(job.preopens[0]?.tree ?? {}),
        stdin: (maxBytes: number) => {
          if (pending === '') return null;
          const piece = utf8Prefix(pending, maxBytes);
          pending = pending.slice(piece.length);
          return piece;
        },
        stdout: stdout.write, stderr: stderr.write,
      });
      return {
        wasiImport: wasi.getImportObject()[job.abi === 'unstable' ? 'wasi_unstable' : 'wasi_snapshot_preview1'] ?? {},
        start: (_instance, watched) => wasi.start({ instance: watched, module: ctx.module! }).exitCode,
        output: () => ({ stdout: stdout.text(), stderr: stderr.text() }),
        fsAfter: () => (job.preopens.length > 0 ? { preopens: [readRunnoTree(wasi.drive.fs)] } : undefined),
      };
    });
  },
};
