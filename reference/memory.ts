/**
 * Guest memory access — the ONE place the implementation touches the guest's linear memory.
 *
 * Every access is checked: a pointer range that does not fit in memory, or a pointer that is not
 * a multiple of its witx type's alignment (u16: 2, u32/size/fd/pointer: 4, u64/timestamp/struct
 * with a u64: 8), TRAPS by throwing `WebAssembly.RuntimeError`, which unwinds the guest like any
 * wasm trap. Nothing is silently truncated.
 *
 * The buffer and its views are cached, and taken again from `memory.buffer` when the cached one
 * was detached (a `memory.grow` detaches it) or is too small for an access (a grown shared
 * memory keeps its old buffer), so growth between or during calls is always seen.
 * Pointers and lengths arrive as JS numbers from i32 parameters (possibly negative); they are
 * taken as unsigned 32-bit values.
 */
import type { Layout, Width } from './abi.js';
import { errno } from './abi.js';
import { WasiError, trap } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/** Values of a struct read from memory: u64 fields as bigint, the others as number. */
export type StructValues<F extends string> = { [K in F]: number | bigint };
/** One entry of an `iovec`/`ciovec` array. */
export interface IoVec { readonly buf: number; readonly len: number }

export class GuestMemory {
  /** @param source returns the guest's exported memory (looked up when the cached buffer is stale). */
  constructor(private readonly source: () => WebAssembly.Memory) {}

  private cachedBuffer: ArrayBufferLike | undefined;
  private cachedView: DataView | undefined;
  private cachedBytes: Uint8Array | undefined;

  /** Take the memory's current buffer and make views of it. */
  private refresh(): ArrayBufferLike {
    const buffer = this.source().buffer;
    if (buffer !== this.cachedBuffer) {
      this.cachedBuffer = buffer;
      this.cachedView = new DataView(buffer);
      this.cachedBytes = new Uint8Array(buffer);
    }
    return buffer;
  }

  /** The current buffer: the cached one unless memory.grow detached it (a detached buffer is empty). */
  private buffer(): ArrayBufferLike {
    const b = this.cachedBuffer;
    return b !== undefined && b.byteLength !== 0 ? b : this.refresh();
  }

  /** Memory size in bytes. */
  get byteLength(): number {
    return this.refresh().byteLength;
  }

  /**
   * Check that `[ptr, ptr+len)` lies inside memory and `ptr` is a multiple of `align`;
   * trap otherwise. Returns `ptr` as an unsigned number. A zero-length range at the end is valid.
   */
  check(ptr: number, len: number, align = 1): number {
    const p = ptr >>> 0;
    const n = len >>> 0;
    if (p % align !== 0) trap(`misaligned pointer 0x${p.toString(16)} (alignment ${align})`);
    // the cached buffer first; a fresh look before trapping (a shared memory may have grown)
    if (p + n > this.buffer().byteLength && p + n > this.refresh().byteLength) {
      trap(`out-of-bounds memory access: ${n} bytes at 0x${p.toString(16)}`);
    }
    return p;
  }

  // check() first in each: it refreshes the cached view when memory has grown.
  getU8(ptr: number): number { const p = this.check(ptr, 1); return this.cachedView!.getUint8(p); }
  getU16(ptr: number): number { const p = this.check(ptr, 2, 2); return this.cachedView!.getUint16(p, true); }
  getU32(ptr: number): number { const p = this.check(ptr, 4, 4); return this.cachedView!.getUint32(p, true); }
  getU64(ptr: number): bigint { const p = this.check(ptr, 8, 8); return this.cachedView!.getBigUint64(p, true); }

  setU8(ptr: number, v: number): void { const p = this.check(ptr, 1); this.cachedView!.setUint8(p, v); }
  setU16(ptr: number, v: number): void { const p = this.check(ptr, 2, 2); this.cachedView!.setUint16(p, v, true); }
  setU32(ptr: number, v: number): void { const p = this.check(ptr, 4, 4); this.cachedView!.setUint32(p, v >>> 0, true); }
  setU64(ptr: number, v: bigint | number): void {
    const p = this.check(ptr, 8, 8);
    this.cachedView!.setBigUint64(p, BigInt.asUintN(64, BigInt(v)), true);
  }

  /** A live view of `len` bytes at `ptr` (valid until the guest's memory grows). */
  bytes(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len);
    return new Uint8Array(this.cachedBuffer!, p, len >>> 0);
  }

  /** A copy of `len` bytes at `ptr`. */
  read(ptr: number, len: number): Uint8Array {
    return this.bytes(ptr, len).slice();
  }

  /** Copy `data` to `ptr`. */
  write(ptr: number, data: Uint8Array): void {
    const p = this.check(ptr, data.length); // first: it refreshes the cached views
    this.cachedBytes!.set(data, p);
  }

  /** Write `s` UTF-8 encoded at `ptr`, followed by a NUL when `nul`; returns the bytes written. */
  writeString(ptr: number, s: string, nul = false): number {
    const data = utf8Encoder.encode(nul ? `${s}\0` : s);
    this.write(ptr, data);
    return data.length;
  }

  /** Decode `len` bytes at `ptr` as UTF-8; invalid UTF-8 is `EILSEQ` (a WasiError, not a trap). */
  string(ptr: number, len: number): string {
    const data = this.bytes(ptr, len);
    try {
      return utf8.decode(data);
    } catch {
      throw new WasiError(errno.ilseq, 'string is not valid UTF-8');
    }
  }

  /** Read an `iovec`/`ciovec` array (8 bytes each, alignment 4); every buffer is bounds-checked. */
  iovecs(ptr: number, count: number): IoVec[] {
    const n = count >>> 0;
    const base = this.check(ptr, n * 8, 4);
    const list: IoVec[] = [];
    for (let i = 0; i < n; i++) {
      const buf = this.getU32(base + i * 8);
      const len = this.getU32(base + i * 8 + 4);
      this.check(buf, len);
      list.push({ buf, len });
    }
    return list;
  }

  /** Live views of the buffers of an `iovec` array, in order (every buffer checked before any view is made). */
  iovecViews(ptr: number, count: number): Uint8Array[] {
    const list = this.iovecs(ptr, count);
    const views: Uint8Array[] = [];
    for (const v of list) views.push(new Uint8Array(this.cachedBuffer!, v.buf, v.len));
    return views;
  }

  /** Read a struct described by `layout` at `ptr` (checked against the layout's size and alignment). */
  readStruct<F extends string>(layout: Layout<F>, ptr: number): StructValues<F> {
    const base = this.check(ptr, layout.size, layout.align);
    const out = {} as StructValues<F>;
    for (const [name, field] of Object.entries(layout.fields) as [F, { offset: number; type: Width }][]) {
      out[name] = this.getField(base + field.offset, field.type);
    }
    return out;
  }

  /**
   * Write a struct described by `layout` at `ptr`: the whole struct is zeroed first (padding and
   * omitted fields read as 0), then each given field is stored with its width.
   */
  writeStruct<F extends string>(layout: Layout<F>, ptr: number, values: Partial<StructValues<F>>): void {
    const base = this.check(ptr, layout.size, layout.align);
    this.cachedBytes!.fill(0, base, base + layout.size);
    const view = this.cachedView!;
    // The whole struct was checked: each field is stored unchecked (field offsets are aligned).
    for (const name in values) {
      const field = (layout.fields as Record<string, { offset: number; type: Width } | undefined>)[name];
      if (!field) throw new Error(`layout has no field ${name}`);
      const v = values[name as F];
      if (v === undefined) continue;
      const at = base + field.offset;
      switch (field.type) {
        case 'u8': view.setUint8(at, Number(v)); break;
        case 'u16': view.setUint16(at, Number(v), true); break;
        case 'u32': view.setUint32(at, Number(v) >>> 0, true); break;
        case 'u64': view.setBigUint64(at, BigInt.asUintN(64, BigInt(v)), true); break;
      }
    }
  }

  private getField(ptr: number, type: Width): number | bigint {
    switch (type) {
      case 'u8': return this.getU8(ptr);
      case 'u16': return this.getU16(ptr);
      case 'u32': return this.getU32(ptr);
      case 'u64': return this.getU64(ptr);
    }
  }
}
