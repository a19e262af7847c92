import { runWat, wasiModule } from '../../test/helpers/run-wat.js';

const ABIS = ['preview1', 'unstable'] as const;

function randomModule(abi: typeof ABIS[number], buf: number, len: number, pages = 1) {
  return wasiModule(abi, ['random_get'], `
  (func (export "_start")
    (memory.fill (i32.const 64) (i32.const 0xaa) (i32.const 256))
    (i32.store (i32.const 0) (call $random_get (i32.const ${buf}) (i32.const ${len}))))`, pages);
}

describe.each(ABIS)('random_get (%s)', (abi) => {
  test('fills exactly the buffer from the injected source', async () => {
    const random = (b: Uint8Array) => b.forEach((_, i) => { b[i] = i + 1; });
    const r = await runWat(randomModule(abi, 64, 16), { abi, random });
    expect(r.u32(0)).toBe(0);
    expect([...r.bytes(64, 16)]).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(r.u8(80)).toBe(0xaa);
  });

  test('the host source fills a buffer larger than one getRandomValues call', async () => {
    const r = await runWat(randomModule(abi, 1024, 100_000, 2), { abi });
    expect(r.u32(0)).toBe(0);
    const tail = r.bytes(1024 + 70_000, 30_000);
    expect(tail.some((b) => b !== 0)).toBe(true);
    expect(new Set(tail).size).toBeGreaterThan(200);
  });

  test('zero length at the very end of memory succeeds and writes nothing', async () => {
    const r = await runWat(randomModule(abi, 65536, 0), { abi });
    expect(r.u32(0)).toBe(0);
  });

  test('a buffer one byte past the end traps', async () => {
    const r = await runWat(randomModule(abi, 65536 - 7, 8), { abi });
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
  });
});
