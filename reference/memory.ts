/**
 * Guest memory access — the ONE place the implementation touches the guest's linear memory.
 *
 * Every access is checked: a pointer range that does not fit in memory, or a pointer that is not
 * a multiple of its witx type's alignment (u16: 2, u32/size/fd/pointer: 4, u64/timestamp/struct
 * with a u64: 8), TRAPS by throwing `WebAssembly.RuntimeError`, which unwinds the guest like any
 * wasm trap. Nothing is silently truncated.
 *
 * `memory.buffer` is re-read on every access, so a `memory.grow` between calls is always seen.
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
  /** @param source returns the guest's exported memory (looked up on each access). */
  constructor(private readonly source: () => WebAssembly.Memory) {}

  private cachedBuffer: ArrayBufferLike | undefined;
  private cachedView: DataView | undefined;

  /** A DataView over the current buffer (re-created after memory.grow detaches the old one). */
  private view(): DataView {
    const buffer = this.source().buffer;
    if (buffer !== this.cachedBuffer || !this.cachedView) {
      this.cachedBuffer = buffer;
      this.cachedView = new DataView(buffer);
    }
    return this.cachedView;
  }

  /** Memory size in bytes. */
  get byteLength(): number {
    return this.source().buffer.byteLength;
  }

  /**
   * Check that `[ptr, ptr+len)` lies inside memory and `ptr` is a multiple of `align`;
   * trap otherwise. Returns `ptr` as an unsigned number. A zero-length range at the end is valid.
   */
  check(ptr: number, len: number, align = 1): number {
    const p = ptr >>> 0;
    const n = len >>> 0;
    if (p % align !== 0) trap(`misaligned pointer 0x${p.toString(16)} (alignment ${align})`);
    if (p + n > this.byteLength) trap(`out-of-bounds memory access: ${n} bytes at 0x${p.toString(16)}`);
    return p;
  }

  getU8(ptr: number): number { return this.view().getUint8(this.check(ptr, 1)); }
  getU16(ptr: number): number { return this.view().getUint16(this.check(ptr, 2, 2), true); }
  getU32(ptr: number): number { return this.view().getUint32(this.check(ptr, 4, 4), true); }
  getU64(ptr: number): bigint { return this.view().getBigUint64(this.check(ptr, 8, 8), true); }

  setU8(ptr: number, v: number): void { this.view().setUint8(this.check(ptr, 1), v); }
  setU16(ptr: number, v: number): void { this.view().setUint16(this.check(ptr, 2, 2), v, true); }
  setU32(ptr: number, v: number): void { this.view().setUint32(this.check(ptr, 4, 4), v >>> 0, true); }
  setU64(ptr: number, v: bigint | number): void {
    this.view().setBigUint64(this.check(ptr, 8, 8), BigInt.asUintN(64, BigInt(v)), true);
  }

  /** A live view of `len` bytes at `ptr` (valid until the guest's memory grows). */
  bytes(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len);
    return new Uint8Array(this.source().buffer, p, len >>> 0);
  }

  /** A copy of `len` bytes at `ptr`. */
  read(ptr: number, len: number): Uint8Array {
    return this.bytes(ptr, len).slice();
  }

  /** Copy `data` to `ptr`. */
  write(ptr: number, data: Uint8Array): void {
    this.bytes(ptr, data.length).set(data);
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

  /** Live views of the buffers of an `iovec` array, in order. */
  iovecViews(ptr: number, count: number): Uint8Array[] {
    return this.iovecs(ptr, count).map((v) => this.bytes(v.buf, v.len));
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
    this.bytes(base, layout.size).fill(0);
    for (const [name, v] of Object.entries(values) as [F, number | bigint | undefined][]) {
      const field = (layout.fields as Record<string, { offset: number; type: Width } | undefined>)[name];
      if (!field) throw new Error(`layout has no field ${name}`);
      if (v !== undefined) this.setField(base + field.offset, field.type, v);
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

  private setField(ptr: number, type: Width, v: number | bigint): void {
    if (type === 'u64') return this.setU64(ptr, v);
    const n = Number(v);
    if (type === 'u8') this.setU8(ptr, n);
    else if (type === 'u16') this.setU16(ptr, n);
    else this.setU32(ptr, n);
  }
}
