import type { Clock, ClockName } from '../context.js';
import { runWat, wasiModule } from '../../test/helpers/run-wat.js';

const ABIS = ['preview1', 'unstable'] as const;
const IDS: ClockName[] = ['realtime', 'monotonic', 'process_cputime_id', 'thread_cputime_id'];

/** clock_res_get(id) → errno at 0, value at 8; clock_time_get(id) twice → errnos 16/20, values 24/32. */
function clockModule(abi: typeof ABIS[number], id: number, at = { res: 8, t1: 24, t2: 32 }) {
  return wasiModule(abi, ['clock_res_get', 'clock_time_get'], `
  (func (export "_start")
    (memory.fill (i32.const 8) (i32.const 0xaa) (i32.const 32))
    (i32.store (i32.const 0) (call $clock_res_get (i32.const ${id}) (i32.const ${at.res})))
    (i32.store (i32.const 16) (call $clock_time_get (i32.const ${id}) (i64.const 1) (i32.const ${at.t1})))
    (i32.store (i32.const 20) (call $clock_time_get (i32.const ${id}) (i64.const 0) (i32.const ${at.t2}))))`);
}

describe.each(ABIS)('clock_res_get / clock_time_get (%s)', (abi) => {
  test.each(IDS.map((name, id) => [name, id] as const))('%s: non-zero resolution, time does not go backwards', async (_n, id) => {
    const r = await runWat(clockModule(abi, id), { abi });
    expect([r.u32(0), r.u32(16), r.u32(20)]).toEqual([0, 0, 0]);
    expect(r.u64(8)).toBeGreaterThan(0n);
    expect(r.u64(32)).toBeGreaterThanOrEqual(r.u64(24));
  });

  test('realtime is nanoseconds since 1970', async () => {
    const before = BigInt(Date.now()) * 1_000_000n;
    const r = await runWat(clockModule(abi, 0), { abi });
    const after = BigInt(Date.now()) * 1_000_000n;
    expect(r.u64(24)).toBeGreaterThanOrEqual(before - 1_000_000_000n);
    expect(r.u64(24)).toBeLessThanOrEqual(after + 1_000_000_000n);
  });

  test.each([4, 0xffffffff])('unknown clock id %d: EINVAL, result untouched', async (id) => {
    const r = await runWat(clockModule(abi, id), { abi });
    expect([r.u32(0), r.u32(16), r.u32(20)]).toEqual([28, 28, 28]);
    expect(r.u64(8)).toBe(0xaaaaaaaaaaaaaaaan);
    expect(r.u64(24)).toBe(0xaaaaaaaaaaaaaaaan);
  });

  test('an injected clock is read per clock name, all 64 bits written', async () => {
    const values: Record<ClockName, bigint> = {
      realtime: 0x0102030405060708n, monotonic: 2n, process_cputime_id: 3n, thread_cputime_id: 0xffffffffffffffffn,
    };
    const clock: Clock = { now: (id) => values[id], resolution: (id) => values[id] + 1n };
    for (const [id, name] of IDS.entries()) {
      const r = await runWat(clockModule(abi, id), { abi, clock });
      expect(r.u64(24)).toBe(values[name]);
      expect(r.u64(8)).toBe(BigInt.asUintN(64, values[name] + 1n));
    }
  });

  test.each([
    ['misaligned resolution pointer', { res: 12, t1: 24, t2: 32 }],
    ['misaligned time pointer', { res: 8, t1: 28, t2: 32 }],
    ['time pointer past the end', { res: 8, t1: 65536 - 4, t2: 32 }],
  ])('%s traps', async (_n, at) => {
    const r = await runWat(clockModule(abi, 1, at), { abi });
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
  });
});
