/**
 * Run a small WAT command module under a node:wasi-shaped WASI class (the reference by default,
 * `node:wasi` for parity tests) and return what a test inspects: exit code or trap, stdout and
 * stderr (captured through temp-file fds), guest memory after the run, and the reference's trace.
 *
 *   const r = await runWat(wasiModule('preview1', ['args_sizes_get'], `
 *     (func (export "_start") (i32.store (i32.const 0) (call $args_sizes_get (i32.const 8) (i32.const 12))))`),
 *     { args: ['a', 'bc'] });
 *   r.u32(0) // errno;  r.u32(8) // argc
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WASI as ReferenceWASI } from '../../reference/index.js';
import type { AbiName } from '../../reference/abi.js';
import type { Clock, RandomSource, TraceCall } from '../../reference/context.js';
import type { FileSystem } from '../../reference/fs/types.js';
import type { WASIOptions } from '../../reference/options.js';
import { compileWat } from '../../runner/wat.js';
import { SIGNATURES } from '../../suites/spec.js';
import { makeTemp, removeTemp } from './host-tree.js';

const MODULE: Record<AbiName, string> = { preview1: 'wasi_snapshot_preview1', unstable: 'wasi_unstable' };

/** A command module importing `imports` (as `$name`) from the ABI's module, with 1 page of memory. */
export function wasiModule(abi: AbiName, imports: readonly string[], body: string, pages = 1): string {
  const lines = imports.map((name) => {
    const params = SIGNATURES[name];
    if (!params) throw new Error(`unknown syscall ${name}`);
    const result = name === 'proc_exit' ? '' : ' (result i32)';
    return `  (import "${MODULE[abi]}" "${name}" (func $${name}${params.length ? ` (param ${params.join(' ')})` : ''}${result}))`;
  });
  return `(module\n${lines.join('\n')}\n  (memory (export "memory") ${pages})\n${body}\n)`;
}

/** The constructor shape shared by the reference and node:wasi. */
export type WasiClass = new (options: Record<string, unknown>) => {
  getImportObject(): WebAssembly.Imports;
  start(instance: WebAssembly.Instance): number | undefined;
};

export interface RunWatOptions {
  abi?: AbiName;
  /** The WASI class to run with (default: the reference). */
  wasi?: WasiClass;
  args?: string[];
  env?: Record<string, string>;
  /** Bytes the guest reads from fd 0. */
  stdin?: string | Uint8Array;
  returnOnExit?: boolean;
  /** Preopened directories: guest path → host path (or a path inside `fs`). */
  preopens?: Record<string, string>;
  /** Reference-only extras. */
  clock?: Clock;
  random?: RandomSource;
  fs?: FileSystem;
  sockets?: WASIOptions['sockets'];
}

export interface RunWatResult {
  /** start()'s return value, or null if the guest trapped / threw. */
  exitCode: number | null;
  /** What start() threw (a trap is a WebAssembly.RuntimeError). */
  error: unknown;
  stdout: string;
  stderr: string;
  /** Copy of guest memory after the run. */
  memory: Uint8Array;
  trace: TraceCall[];
  u8(ptr: number): number;
  u16(ptr: number): number;
  u32(ptr: number): number;
  u64(ptr: number): bigint;
  bytes(ptr: number, len: number): Uint8Array;
  text(ptr: number, len: number): string;
}

function withMemoryReaders(r: Omit<RunWatResult, 'u8' | 'u16' | 'u32' | 'u64' | 'bytes' | 'text'>): RunWatResult {
  const view = new DataView(r.memory.buffer, r.memory.byteOffset, r.memory.byteLength);
  return {
    ...r,
    u8: (p) => view.getUint8(p),
    u16: (p) => view.getUint16(p, true),
    u32: (p) => view.getUint32(p, true),
    u64: (p) => view.getBigUint64(p, true),
    bytes: (p, n) => r.memory.slice(p, p + n),
    text: (p, n) => Buffer.from(r.memory.subarray(p, p + n)).toString('utf8'),
  };
}

/** Compile (WAT or binary), instantiate and start; stdio goes through temp files. */
export async function runWat(source: string | Uint8Array, opts: RunWatOptions = {}): Promise<RunWatResult> {
  const binary = typeof source === 'string' ? await compileWat(source, 'test.wat') : source;
  const dir = makeTemp('wasi-run-');
  const stdinPath = path.join(dir, 'stdin');
  fs.writeFileSync(stdinPath, opts.stdin ?? '');
  const fds = {
    stdin: fs.openSync(stdinPath, 'r'),
    stdout: fs.openSync(path.join(dir, 'stdout'), 'w+'),
    stderr: fs.openSync(path.join(dir, 'stderr'), 'w+'),
  };
  const trace: TraceCall[] = [];
  try {
    const Wasi = opts.wasi ?? (ReferenceWASI as unknown as WasiClass);
    const extras = opts.wasi ? {} : {
      clock: opts.clock, random: opts.random, fs: opts.fs, sockets: opts.sockets, trace: (c: TraceCall) => trace.push(c),
    };
    const wasi = new Wasi({
      version: opts.abi ?? 'preview1', args: opts.args ?? [], env: opts.env ?? {},
      returnOnExit: opts.returnOnExit ?? true, preopens: opts.preopens ?? {}, ...fds, ...extras,
    });
    const { instance } = await WebAssembly.instantiate(binary as Uint8Array<ArrayBuffer>, wasi.getImportObject());
    let exitCode: number | null = null;
    let error: unknown = null;
    try {
      exitCode = wasi.start(instance) ?? 0;
    } catch (e) {
      error = e;
    }
    const memory = new Uint8Array((instance.exports.memory as WebAssembly.Memory).buffer).slice();
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    return withMemoryReaders({ exitCode, error, stdout: read('stdout'), stderr: read('stderr'), memory, trace });
  } finally {
    Object.values(fds).forEach((fd) => fs.closeSync(fd));
    removeTemp(dir);
  }
}
