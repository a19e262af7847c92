import { preview1 } from './abi.js';
import { WasiError } from './errors.js';
import { GuestMemory } from './memory.js';

function setup(pages = 1) {
  const memory = new WebAssembly.Memory({ initial: pages, maximum: 4 });
  return { memory, mem: new GuestMemory(() => memory) };
}
const PAGE = 65536;

describe('GuestMemory', () => {
  test('reads and writes little-endian scalars', () => {
    const { mem, memory } = setup();
    mem.setU16(2, 0xbeef);
    mem.setU32(4, 0xdeadbeef);
    mem.setU64(8, 0x0102030405060708n);
    expect(mem.getU16(2)).toBe(0xbeef);
    expect(mem.getU32(4)).toBe(0xdeadbeef);
    expect(mem.getU64(8)).toBe(0x0102030405060708n);
    expect([...new Uint8Array(memory.buffer, 8, 8)]).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  test.each([
    ['u16 at odd address', (m: GuestMemory) => m.getU16(1)],
    ['u32 at 2', (m: GuestMemory) => m.setU32(2, 1)],
    ['u64 at 4', (m: GuestMemory) => m.getU64(4)],
    ['struct of align 8 at 4', (m: GuestMemory) => m.writeStruct(preview1.layouts.fdstat, 4, {})],
    ['iovec array at 2', (m: GuestMemory) => m.iovecs(2, 1)],
  ])('misaligned %s traps', (_n, op) => {
    const { mem } = setup();
    expect(() => op(mem)).toThrow(WebAssembly.RuntimeError);
  });

  test.each([
    ['u32 at the end', (m: GuestMemory) => m.getU32(PAGE)],
    ['u64 at the end', (m: GuestMemory) => m.setU64(PAGE, 1n)],
    ['bytes one past the end', (m: GuestMemory) => m.bytes(PAGE - 4, 5)],
    ['pointer above 2 GiB (negative i32)', (m: GuestMemory) => m.getU8(-4)],
    ['struct crossing the end', (m: GuestMemory) => m.writeStruct(preview1.layouts.filestat, PAGE - 56, {})],
    ['iovec whose buffer leaves memory', (m: GuestMemory) => { m.setU32(0, PAGE - 1); m.setU32(4, 2); m.iovecs(0, 1); }],
    ['iovec count overflowing 32 bits', (m: GuestMemory) => m.iovecs(0, 0x20000000)],
  ])('out-of-bounds %s traps', (_n, op) => {
    const { mem } = setup();
    expect(() => op(mem)).toThrow(WebAssembly.RuntimeError);
  });

  test('a zero-length range ending exactly at the end is valid', () => {
    const { mem } = setup();
    expect(mem.bytes(PAGE, 0)).toHaveLength(0);
    expect(mem.bytes(PAGE - 4, 4)).toHaveLength(4);
  });

  test('sees memory.grow: the new pages are accessible', () => {
    const { mem, memory } = setup();
    expect(() => mem.setU32(PAGE, 1)).toThrow(WebAssembly.RuntimeError);
    memory.grow(1);
    mem.setU32(PAGE, 42);
    expect(mem.getU32(PAGE)).toBe(42);
    expect(mem.byteLength).toBe(2 * PAGE);
  });

  test('sees memory.grow after caching the buffer: writes land in the new buffer, not the detached one', () => {
    const { mem, memory } = setup();
    mem.setU32(0, 1); // caches the first buffer
    memory.grow(1);
    mem.write(8, new Uint8Array([7, 7]));
    mem.writeStruct(preview1.layouts.prestat, PAGE + 8, { tag: 0, pr_name_len: 5 });
    expect([...new Uint8Array(memory.buffer, 8, 2)]).toEqual([7, 7]);
    expect(new DataView(memory.buffer).getUint32(PAGE + 12, true)).toBe(5);
  });

  test('sees a shared memory grow (its old buffer is not detached, only too small)', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    const mem = new GuestMemory(() => memory);
    mem.setU32(0, 1);
    memory.grow(1);
    mem.setU32(PAGE, 42);
    expect(new DataView(memory.buffer).getUint32(PAGE, true)).toBe(42);
    expect(mem.bytes(PAGE, 4)).toHaveLength(4);
  });

  test('writeStruct zeroes padding and omitted fields, stores each width', () => {
    const { mem } = setup();
    mem.bytes(64, 24).fill(0xaa);
    mem.writeStruct(preview1.layouts.fdstat, 64, { fs_filetype: 4, fs_flags: 0x11, fs_rights_base: 0xffn });
    expect([...mem.bytes(64, 24)]).toEqual([4, 0, 0x11, 0, 0, 0, 0, 0, 0xff, 0, 0, 0, 0, 0, 0, 0, ...new Array(8).fill(0)]);
    expect(mem.readStruct(preview1.layouts.fdstat, 64)).toEqual({
      fs_filetype: 4, fs_flags: 0x11, fs_rights_base: 0xffn, fs_rights_inheriting: 0n,
    });
  });

  test('string decodes UTF-8 and answers EILSEQ (not a trap) for invalid bytes', () => {
    const { mem } = setup();
    const n = mem.writeString(0, 'ü/x');
    expect(mem.string(0, n)).toBe('ü/x');
    mem.write(16, Uint8Array.of(0x66, 0xff));
    let err: unknown;
    try { mem.string(16, 2); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(WasiError);
    expect((err as WasiError).errno).toBe(25);
  });

  test('iovecViews are live views of the listed buffers, in order', () => {
    const { mem } = setup();
    mem.setU32(0, 100); mem.setU32(4, 3);
    mem.setU32(8, 200); mem.setU32(12, 0);
    mem.setU32(16, 300); mem.setU32(20, 2);
    const views = mem.iovecViews(0, 3);
    expect(views.map((v) => [v.byteOffset, v.length])).toEqual([[100, 3], [200, 0], [300, 2]]);
    views[2]![1] = 9;
    expect(mem.getU8(301)).toBe(9);
  });
});
