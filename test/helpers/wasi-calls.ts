/**
 * Call scripts: a WASI command module built from a list of syscalls with symbolic arguments, so
 * a test row says *what* it calls and the helper places strings, iovecs and result buffers in
 * memory. Each step's errno is stored at 4*i; result buffers are pre-filled with 0xAA so a test
 * can tell "untouched" from "written".
 *
 *   const r = await runCalls([
 *     step('path_open', 3, 0, str('a.txt'), 0, RIGHTS, 0n, 0, out('fd', 4)),
 *     step('fd_read', fdOf('fd'), iovs('buf', 16), out('n', 4)),
 *   ], { abi: 'preview1', preopens: { '/sandbox': dir } });
 *   r.errnos   // ['success', 'success']
 *   r.text('buf', r.u32('n'))
 *
 * Decoding uses suites/spec.ts (the spec as the suite transcribed it), not the reference's tables.
 */
import { ABI_TABLES, ERRNO, SIGNATURES, type Layout } from '../../suites/spec.js';
import type { Abi } from '../../suites/sidecar.js';
import { runWat, wasiModule, type RunWatOptions, type RunWatResult } from './run-wat.js';

export type Arg =
  | number
  | bigint
  /** A UTF-8 string: two parameters, pointer and length. */
  | { kind: 'str'; text: string }
  /** Raw bytes: two parameters, pointer and length. */
  | { kind: 'bytes'; data: Uint8Array }
  /** A result buffer of `size` bytes: one parameter, its pointer (`withLen`: pointer and size). */
  | { kind: 'out'; name: string; size: number; align: number; withLen: boolean }
  /** The u32 stored earlier in result buffer `name` (e.g. an fd path_open returned). */
  | { kind: 'fd'; name: string }
  /** The u64 stored earlier at `offset` in result buffer `name` (e.g. a dirent's d_next). */
  | { kind: 'u64At'; name: string; offset: number }
  /** A ciovec array over these strings: two parameters, pointer and count. */
  | { kind: 'ciovs'; parts: string[] }
  /** An iovec array over fresh buffers of these sizes, readable back as `name`: pointer and count. */
  | { kind: 'iovs'; name: string; sizes: number[] }
  /** Raw bytes placed 8-aligned (e.g. a subscription array): one parameter, the pointer. */
  | { kind: 'aligned'; data: Uint8Array };

export interface Step { call: string; args: Arg[] }

export const step = (call: string, ...args: Arg[]): Step => ({ call, args });
export const str = (text: string): Arg => ({ kind: 'str', text });
export const bytes = (data: Uint8Array): Arg => ({ kind: 'bytes', data });
export const out = (name: string, size: number, align = 8): Arg => ({ kind: 'out', name, size, align, withLen: false });
export const outWithLen = (name: string, size: number): Arg => ({ kind: 'out', name, size, align: 1, withLen: true });
export const fdOf = (name: string): Arg => ({ kind: 'fd', name });
export const u64At = (name: string, offset = 0): Arg => ({ kind: 'u64At', name, offset });
export const ciovs = (...parts: string[]): Arg => ({ kind: 'ciovs', parts });
export const iovs = (name: string, ...sizes: number[]): Arg => ({ kind: 'iovs', name, sizes });
export const aligned = (data: Uint8Array): Arg => ({ kind: 'aligned', data });

const ERRNO_NAMES = Object.fromEntries(Object.entries(ERRNO).map(([k, v]) => [v, k])) as Record<number, string>;
const DATA_START = 4096;
const PAGES = 2;

/** Memory placement of one script: data segments and named regions. */
class Layouter {
  next = DATA_START;
  readonly segments: string[] = [];
  readonly regions = new Map<string, { addr: number; size: number }>();
  readonly iovecs = new Map<string, { addr: number; size: number }[]>();

  alloc(size: number, align = 8): number {
    this.next = Math.ceil(this.next / align) * align;
    const addr = this.next;
    this.next += Math.max(size, 1);
    if (this.next > PAGES * 65536) throw new Error('call script does not fit in memory');
    return addr;
  }
  place(data: Uint8Array, align = 8): number {
    const addr = this.alloc(data.length, align);
    if (data.length > 0) this.segments.push(`(data (i32.const ${addr}) "${watString(data)}")`);
    return addr;
  }
  region(name: string, size: number, align: number): number {
    if (this.regions.has(name)) return this.regions.get(name)!.addr;
    const addr = this.place(new Uint8Array(size).fill(0xaa), align);
    this.regions.set(name, { addr, size });
    return addr;
  }
}

function watString(data: Uint8Array): string {
  return Array.from(data, (b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
}

const u32le = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];

/** The WAT operands for one argument (one or two parameters). */
function operands(arg: Arg, types: string[], lay: Layouter): string[] {
  const i32 = (v: number): string => `(i32.const ${v | 0})`;
  const enc = new TextEncoder();
  if (typeof arg === 'number') return [types[0] === 'i64' ? `(i64.const ${arg})` : i32(arg)];
  if (typeof arg === 'bigint') return [`(i64.const ${BigInt.asIntN(64, arg)})`];
  switch (arg.kind) {
    case 'str': {
      const data = enc.encode(arg.text);
      return [i32(lay.place(data, 1)), i32(data.length)];
    }
    case 'bytes': return [i32(lay.place(arg.data, 1)), i32(arg.data.length)];
    case 'out': {
      const addr = lay.region(arg.name, arg.size, arg.align);
      return arg.withLen ? [i32(addr), i32(arg.size)] : [i32(addr)];
    }
    case 'fd':
    case 'u64At': {
      const region = lay.regions.get(arg.name);
      if (!region) throw new Error(`no result buffer named ${arg.name} before this step`);
      return arg.kind === 'fd' ? [`(i32.load (i32.const ${region.addr}))`] : [`(i64.load (i32.const ${region.addr + arg.offset}))`];
    }
    case 'ciovs': {
      const bufs = arg.parts.map((p) => enc.encode(p));
      const table = bufs.flatMap((b) => [...u32le(lay.place(b, 1)), ...u32le(b.length)]);
      return [i32(lay.place(Uint8Array.from(table), 4)), i32(bufs.length)];
    }
    case 'iovs': {
      const bufs = arg.sizes.map((size) => ({ addr: lay.place(new Uint8Array(size).fill(0xaa), 1), size }));
      lay.iovecs.set(arg.name, bufs);
      const table = bufs.flatMap((b) => [...u32le(b.addr), ...u32le(b.size)]);
      return [i32(lay.place(Uint8Array.from(table), 4)), i32(bufs.length)];
    }
    case 'aligned': return [i32(lay.place(arg.data, 8))];
  }
}

/** The WAT of a script: one `_start` calling each step and storing its errno at 4*i. */
export function scriptModule(abi: Abi, steps: readonly Step[]): { wat: string; lay: Layouter } {
  const lay = new Layouter();
  const calls = steps.map((s, i) => {
    const types = SIGNATURES[s.call];
    if (!types) throw new Error(`unknown syscall ${s.call}`);
    const ops: string[] = [];
    for (const arg of s.args) ops.push(...operands(arg, types.slice(ops.length), lay));
    if (ops.length !== types.length) throw new Error(`${s.call}: ${ops.length} parameters given, ${types.length} expected`);
    return `    (i32.store (i32.const ${i * 4}) (call $${s.call} ${ops.join(' ')}))`;
  });
  const imports = [...new Set(steps.map((s) => s.call))];
  const body = `${lay.segments.map((d) => `  ${d}`).join('\n')}\n  (func (export "_start")\n${calls.join('\n')})`;
  return { wat: wasiModule(abi, imports, body, PAGES), lay };
}

export interface CallsResult extends Omit<RunWatResult, 'u8' | 'u16' | 'u32' | 'u64' | 'bytes' | 'text'> {
  /** errno name of each step (`success`, `badf`, …). */
  errnos: string[];
  /** The bytes of result buffer `name`. */
  bytes(name: string): Uint8Array;
  u16(name: string, offset?: number): number;
  u32(name: string, offset?: number): number;
  u64(name: string, offset?: number): bigint;
  /** Result buffer `name` (or its first `len` bytes) as UTF-8. */
  text(name: string, len?: number): string;
  /** The concatenated iovec buffers `name`, first `len` bytes, as UTF-8. */
  iovText(name: string, len: number): string;
  /** Decode result buffer `name` with a spec layout of this ABI (`filestat`, `fdstat`, …). */
  struct(name: string, layout: keyof (typeof ABI_TABLES)['preview1']['layouts'], offset?: number): Record<string, bigint>;
}

export interface RunCallsOptions extends RunWatOptions { abi: Abi }

export async function runCalls(steps: readonly Step[], opts: RunCallsOptions): Promise<CallsResult> {
  const { wat, lay } = scriptModule(opts.abi, steps);
  const r = await runWat(wat, opts);
  if (r.error && !(r.error instanceof WebAssembly.RuntimeError)) throw r.error;
  const view = new DataView(r.memory.buffer, r.memory.byteOffset, r.memory.byteLength);
  const region = (name: string) => lay.regions.get(name) ?? (() => { throw new Error(`no result buffer ${name}`); })();
  const regionBytes = (name: string) => { const g = region(name); return r.memory.slice(g.addr, g.addr + g.size); };
  return {
    ...r,
    errnos: steps.map((_, i) => ERRNO_NAMES[view.getUint32(i * 4, true)] ?? `errno#${view.getUint32(i * 4, true)}`),
    bytes: regionBytes,
    u16: (name, offset = 0) => view.getUint16(region(name).addr + offset, true),
    u32: (name, offset = 0) => view.getUint32(region(name).addr + offset, true),
    u64: (name, offset = 0) => view.getBigUint64(region(name).addr + offset, true),
    text: (name, len) => Buffer.from(regionBytes(name).subarray(0, len)).toString('utf8'),
    iovText: (name, len) => {
      const parts = (lay.iovecs.get(name) ?? []).map((b) => r.memory.subarray(b.addr, b.addr + b.size));
      return Buffer.concat(parts).subarray(0, len).toString('utf8');
    },
    struct: (name, layoutName, offset = 0) => decode(view, region(name).addr + offset, ABI_TABLES[opts.abi].layouts[layoutName]),
  };
}

function decode(view: DataView, addr: number, layout: Layout): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const [field, { offset, size }] of Object.entries(layout.fields)) {
    const p = addr + offset;
    out[field] = size === 8 ? view.getBigUint64(p, true) : BigInt(size === 4 ? view.getUint32(p, true) : size === 2 ? view.getUint16(p, true) : view.getUint8(p));
  }
  return out;
}
