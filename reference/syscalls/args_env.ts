/**
 * args_get, args_sizes_get, environ_get, environ_sizes_get: the command line and environment,
 * as lists of NUL-terminated strings.
 *
 * Memory (both `*_get` calls):
 *   ptrs: [p0, p1, …, p(n-1)]           n × u32, alignment 4
 *   buf:  "s0\0s1\0…s(n-1)\0"           total bytes as reported by `*_sizes_get`, alignment 1
 * with each p(i) pointing at s(i) inside buf. Both ranges are checked before anything is written.
 */
import { errno } from '../abi.js';
import type { SyscallContext } from '../context.js';
import type { GuestMemory } from '../memory.js';

const encoder = new TextEncoder();

/** A list as the guest receives it: the strings back to back, each NUL-terminated, and where each starts. */
interface Encoded { bytes: Uint8Array; starts: number[] }

/** Encodings by list (the context's args/env never change): made on first use. */
const encodings = new WeakMap<readonly string[], Encoded>();

function encode(list: readonly string[]): Encoded {
  let e = encodings.get(list);
  if (!e) {
    const items = list.map((s) => encoder.encode(`${s}\0`));
    const bytes = new Uint8Array(items.reduce((n, b) => n + b.length, 0));
    const starts: number[] = [];
    let at = 0;
    for (const item of items) {
      starts.push(at);
      bytes.set(item, at);
      at += item.length;
    }
    e = { bytes, starts };
    encodings.set(list, e);
  }
  return e;
}

/** Write the pointer array and the string bytes; traps (before writing) if either does not fit. */
function writeList(mem: GuestMemory, list: readonly string[], ptrs: number, buf: number): number {
  const { bytes, starts } = encode(list);
  mem.check(ptrs, starts.length * 4, 4);
  mem.check(buf, bytes.length);
  const base = buf >>> 0;
  starts.forEach((start, i) => mem.setU32(ptrs + i * 4, base + start));
  mem.write(base, bytes);
  return errno.success;
}

/** Write the count and total byte size (u32 each, alignment 4); both checked before writing. */
function writeSizes(mem: GuestMemory, list: readonly string[], countPtr: number, sizePtr: number): number {
  mem.check(countPtr, 4, 4);
  mem.check(sizePtr, 4, 4);
  mem.setU32(countPtr, list.length);
  mem.setU32(sizePtr, encode(list).bytes.length);
  return errno.success;
}

/**
 * args_get(argv, argv_buf) — "Read command-line argument data. The size of the array should match
 * that returned by `args_sizes_get`. Each argument is expected to be `\0` terminated."
 * @param argv out: one u32 pointer per argument (alignment 4)
 * @param argv_buf out: the argument strings, each followed by NUL
 * @returns success. Traps if either buffer is out of bounds or `argv` misaligned.
 */
export function args_get(ctx: SyscallContext, argv: number, argv_buf: number): number {
  return writeList(ctx.memory, ctx.args, argv, argv_buf);
}

/**
 * args_sizes_get() — "Return command-line argument data sizes. Returns the number of arguments and
 * the size of the argument string data, or an error."
 * @param argc out: u32 number of arguments; @param argv_buf_size out: u32 bytes including NULs
 * @returns success. Traps on an out-of-bounds or misaligned result pointer.
 */
export function args_sizes_get(ctx: SyscallContext, argc: number, argv_buf_size: number): number {
  return writeSizes(ctx.memory, ctx.args, argc, argv_buf_size);
}

/**
 * environ_get(environ, environ_buf) — "Read environment variable data. The sizes of the buffers
 * should match that returned by `environ_sizes_get`. Key/value pairs are expected to be joined
 * with `=`s, and terminated with `\0`s."
 * @param environ out: one u32 pointer per variable (alignment 4)
 * @param environ_buf out: the `KEY=VALUE` strings, each followed by NUL
 * @returns success. Traps if either buffer is out of bounds or `environ` misaligned.
 */
export function environ_get(ctx: SyscallContext, environ: number, environ_buf: number): number {
  return writeList(ctx.memory, ctx.env, environ, environ_buf);
}

/**
 * environ_sizes_get() — "Return environment variable data sizes. Returns the number of environment
 * variable arguments and the size of the environment variable data."
 * @param count out: u32 number of variables; @param buf_size out: u32 bytes including NULs
 * @returns success. Traps on an out-of-bounds or misaligned result pointer.
 */
export function environ_sizes_get(ctx: SyscallContext, count: number, buf_size: number): number {
  return writeSizes(ctx.memory, ctx.env, count, buf_size);
}
