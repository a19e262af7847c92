import { jest } from '@jest/globals';
import { runWat, wasiModule } from '../../test/helpers/run-wat.js';

const ABIS = ['preview1', 'unstable'] as const;

describe.each(ABIS)('proc_exit / proc_raise / sched_yield (%s)', (abi) => {
  const exitModule = (code: number) => wasiModule(abi, ['proc_exit'], `
  (func (export "_start")
    (call $proc_exit (i32.const ${code}))
    (i32.store (i32.const 0) (i32.const 1)))`);

  test.each([0, 7, 255, 256])('proc_exit(%d) ends the guest; start() returns the code', async (code) => {
    const r = await runWat(exitModule(code), { abi });
    expect(r.error).toBeNull();
    expect(r.exitCode).toBe(code);
    expect(r.u32(0)).toBe(0); // the store after proc_exit never ran
  });

  test('returnOnExit false: proc_exit exits the host process with the code', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    try {
      await runWat(exitModule(9), { abi, returnOnExit: false });
      expect(exit).toHaveBeenCalledWith(9);
    } finally {
      exit.mockRestore();
    }
  });

  test('returning from _start is exit code 0', async () => {
    const r = await runWat(wasiModule(abi, [], '(func (export "_start"))'), { abi });
    expect(r.exitCode).toBe(0);
  });

  test.each([[1, 58], [15, 58], [30, 58], [31, 28], [255, 28]])('proc_raise(%d) → errno %d', async (sig, code) => {
    const r = await runWat(wasiModule(abi, ['proc_raise'], `
    (func (export "_start") (i32.store (i32.const 0) (call $proc_raise (i32.const ${sig}))))`), { abi });
    expect(r.u32(0)).toBe(code);
  });

  test('sched_yield succeeds', async () => {
    const r = await runWat(wasiModule(abi, ['sched_yield'], `
    (func (export "_start") (i32.store (i32.const 0) (i32.const 99)) (i32.store (i32.const 0) (call $sched_yield)))`), { abi });
    expect(r.u32(0)).toBe(0);
  });
});
