import { runWat, wasiModule } from '../../test/helpers/run-wat.js';

const ABIS = ['preview1', 'unstable'] as const;
const SENTINEL = 0xaa;

/** A module calling `<kind>_sizes_get` and `<kind>_get` with the given pointers; errnos at 0 and 4. */
function listModule(abi: typeof ABIS[number], kind: 'args' | 'environ', p: { count: number; size: number; ptrs: number; buf: number }) {
  return wasiModule(abi, [`${kind}_sizes_get`, `${kind}_get`], `
  (func (export "_start")
    (memory.fill (i32.const 256) (i32.const ${SENTINEL}) (i32.const 512))
    (i32.store (i32.const 0) (call $${kind}_sizes_get (i32.const ${p.count}) (i32.const ${p.size})))
    (i32.store (i32.const 4) (call $${kind}_get (i32.const ${p.ptrs}) (i32.const ${p.buf}))))`);
}
const OK_PTRS = { count: 8, size: 12, ptrs: 256, buf: 512 };

describe.each(ABIS)('args / environ (%s)', (abi) => {
  test('args_sizes_get and args_get: count, NUL-terminated UTF-8 strings, pointers into the buffer', async () => {
    const args = ['prog', 'a b', 'ü'];
    const r = await runWat(listModule(abi, 'args', OK_PTRS), { abi, args });
    expect(r.error).toBeNull();
    expect([r.u32(0), r.u32(4)]).toEqual([0, 0]);
    expect(r.u32(8)).toBe(3);
    expect(r.u32(12)).toBe(5 + 4 + 3); // "prog\0" "a b\0" "ü\0" (ü is 2 bytes)
    expect([r.u32(256), r.u32(260), r.u32(264)]).toEqual([512, 517, 521]);
    expect(r.text(512, 12)).toBe('prog\0a b\0ü\0');
    expect(r.u8(524)).toBe(SENTINEL); // nothing past the reported size
    expect(r.u8(268)).toBe(SENTINEL); // nothing past the pointer array
  });

  test('environ_sizes_get and environ_get: KEY=VALUE strings (a value may contain =)', async () => {
    const r = await runWat(listModule(abi, 'environ', OK_PTRS), { abi, env: { A: '1', B: 'x=y' } });
    expect([r.u32(0), r.u32(4), r.u32(8), r.u32(12)]).toEqual([0, 0, 2, 4 + 6]);
    expect([r.u32(256), r.u32(260)]).toEqual([512, 516]);
    expect(r.text(512, 10)).toBe('A=1\0B=x=y\0');
    expect(r.u8(522)).toBe(SENTINEL);
  });

  test('empty lists: zero count and size, nothing written', async () => {
    const r = await runWat(listModule(abi, 'environ', OK_PTRS), { abi });
    expect([r.u32(0), r.u32(4), r.u32(8), r.u32(12)]).toEqual([0, 0, 0, 0]);
    expect(r.u8(256)).toBe(SENTINEL);
    expect(r.u8(512)).toBe(SENTINEL);
  });

  test.each([
    ['count pointer out of bounds', { ...OK_PTRS, count: 65536 }],
    ['size pointer straddling the end', { ...OK_PTRS, size: 65534 }],
    ['count pointer misaligned', { ...OK_PTRS, count: 9 }],
    ['size pointer misaligned', { ...OK_PTRS, size: 14 }],
    ['pointer array misaligned', { ...OK_PTRS, ptrs: 258 }],
    ['pointer array out of bounds', { ...OK_PTRS, ptrs: 65536 - 4 }],
    ['string buffer one byte short of memory', { ...OK_PTRS, buf: 65536 - 4 }],
  ])('%s traps', async (_name, ptrs) => {
    const r = await runWat(listModule(abi, 'args', ptrs), { abi, args: ['ab', 'c'] });
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
  });

  test('a buffer too short for the strings traps before any pointer is written', async () => {
    const r = await runWat(listModule(abi, 'args', { ...OK_PTRS, buf: 65536 - 5 }), { abi, args: ['ab', 'cd'] });
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(r.u8(256)).toBe(SENTINEL);
    expect(r.u8(65536 - 5)).toBe(0);
  });
});
