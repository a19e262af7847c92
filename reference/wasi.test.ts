/** The reference WASI class beyond node's API: finalizeBindings, the extra options, the syscall wrapper. */
import { errno, preview1, unstable } from './abi.js';
import { WasiError } from './errors.js';
import { WASI } from './index.js';
import { registry, implementationOf } from './syscalls/index.js';
import { runWat, wasiModule } from '../test/helpers/run-wat.js';

const errorOf = (op: () => unknown) => {
  try { op(); } catch (e) { return e as Error & { code?: string }; }
  throw new Error('did not throw');
};

describe('finalizeBindings (node >= 24.4 API, per its docs)', () => {
  test('binds options.memory; syscalls then write into it', () => {
    const w = new WASI({ version: 'preview1', args: ['a', 'bc'] });
    const memory = new WebAssembly.Memory({ initial: 1 });
    w.finalizeBindings({ exports: {} }, { memory });
    expect(w.wasiImport.args_sizes_get!(0, 4)).toBe(0);
    expect([...new Uint32Array(memory.buffer, 0, 2)]).toEqual([2, 5]);
  });

  test('defaults to the instance memory export', () => {
    const w = new WASI({ version: 'unstable' });
    const memory = new WebAssembly.Memory({ initial: 1 });
    w.finalizeBindings({ exports: { memory } });
    expect(w.wasiImport.environ_sizes_get!(8, 12)).toBe(0);
  });

  test('a second call, or start/initialize afterwards, is ERR_WASI_ALREADY_STARTED', () => {
    const w = new WASI({ version: 'preview1' });
    const memory = new WebAssembly.Memory({ initial: 1 });
    w.finalizeBindings({ exports: { memory } });
    expect(errorOf(() => w.finalizeBindings({ exports: { memory } })).code).toBe('ERR_WASI_ALREADY_STARTED');
    expect(errorOf(() => w.start({ exports: { memory, _start() {} } })).code).toBe('ERR_WASI_ALREADY_STARTED');
    expect(errorOf(() => w.initialize({ exports: { memory } })).code).toBe('ERR_WASI_ALREADY_STARTED');
  });

  test('invalid memory throws and leaves the object unbound; a valid call may follow', () => {
    const w = new WASI({ version: 'preview1' });
    const e = errorOf(() => w.finalizeBindings({ exports: {} }, { memory: {} }));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.code).toBe('ERR_INVALID_ARG_TYPE');
    expect(errorOf(() => w.wasiImport.sched_yield!()).code).toBe('ERR_WASI_NOT_STARTED');
    expect(errorOf(() => w.finalizeBindings(null)).code).toBe('ERR_INVALID_ARG_TYPE');
    w.finalizeBindings({ exports: { memory: new WebAssembly.Memory({ initial: 1 }) } });
    expect(w.wasiImport.sched_yield!()).toBe(0);
  });
});

describe('extra options', () => {
  test.each([
    ['fs', { fs: 'x' }, 'The "options.fs" property must be of type object. Received type string (\'x\')'],
    ['clock', { clock: { now() { return 0n; } } }, 'The "options.clock.resolution" property must be of type function. Received undefined'],
    ['random', { random: 1 }, 'The "options.random" property must be of type function. Received type number (1)'],
    ['trace', { trace: {} }, 'The "options.trace" property must be of type function. Received an instance of Object'],
  ])('%s is validated like node validates its own options', (_n, extra, message) => {
    const e = errorOf(() => new WASI({ version: 'preview1', ...extra } as never));
    expect(e).toBeInstanceOf(TypeError);
    expect([e.code, e.message]).toEqual(['ERR_INVALID_ARG_TYPE', message]);
  });

  test('trace sees each call with unsigned arguments and its errno; proc_exit has errno null', async () => {
    const calls: unknown[] = [];
    const w = new WASI({ version: 'preview1', trace: (c) => calls.push(c) });
    const memory = new WebAssembly.Memory({ initial: 1 });
    w.finalizeBindings({ exports: { memory } });
    w.wasiImport.clock_time_get!(-1, -2n, 8);
    w.wasiImport.fd_close!(7);
    expect(() => w.wasiImport.proc_exit!(3)).toThrow();
    expect(calls).toEqual([
      { name: 'clock_time_get', args: [0xffffffff, 0xfffffffffffffffen, 8], errno: errno.inval },
      { name: 'fd_close', args: [7], errno: errno.badf },
      { name: 'proc_exit', args: [3], errno: null },
    ]);
  });
});

describe('the syscall wrapper', () => {
  const bound = (options: Record<string, unknown>) => {
    const w = new WASI({ version: 'preview1', ...options } as never);
    w.finalizeBindings({ exports: { memory: new WebAssembly.Memory({ initial: 1 }) } });
    return w;
  };

  test('an unexpected JS exception becomes EIO, never reaching the guest', () => {
    const w = bound({ clock: { now() { throw new TypeError('bug'); }, resolution: () => 1n } });
    expect(w.wasiImport.clock_time_get!(0, 0n, 8)).toBe(errno.io);
  });

  test('a host error code maps to its errno; a WasiError keeps its own', () => {
    const hostError = Object.assign(new Error('denied'), { code: 'EACCES' });
    expect(bound({ random: () => { throw hostError; } }).wasiImport.random_get!(0, 4)).toBe(errno.acces);
    expect(bound({ random: () => { throw new WasiError(errno.nomem); } }).wasiImport.random_get!(0, 4)).toBe(errno.nomem);
  });

  test('a trap inside a syscall propagates as WebAssembly.RuntimeError', () => {
    expect(() => bound({}).wasiImport.random_get!(65535, 2)).toThrow(WebAssembly.RuntimeError);
  });

  test('guest memory growth is seen by later calls', async () => {
    const r = await runWat(wasiModule('preview1', ['random_get'], `
    (func (export "_start")
      (drop (memory.grow (i32.const 1)))
      (i32.store (i32.const 0) (call $random_get (i32.const 70000) (i32.const 4))))`),
    { random: (b) => b.fill(7) });
    expect(r.u32(0)).toBe(0);
    expect([...r.bytes(70000, 4)]).toEqual([7, 7, 7, 7]);
  });
});

describe('registry', () => {
  test.each([preview1, unstable])('every $name function has an import; unimplemented ones answer ENOSYS', (abi) => {
    const w = new WASI({ version: abi.name });
    expect(Object.keys(w.wasiImport).sort()).toEqual([...abi.functions].sort());
    expect(Object.keys(w.getImportObject())).toEqual([abi.moduleName]);
    for (const [name, fn] of registry(abi)) {
      expect(typeof fn).toBe('function');
      if (!implementationOf(name)) expect((fn as () => number)()).toBe(errno.nosys);
    }
  });

  test('the syscalls of this issue are implemented', () => {
    const mine = ['args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get', 'clock_time_get',
      'random_get', 'proc_exit', 'proc_raise', 'sched_yield', 'fd_write', 'fd_read', 'fd_fdstat_get', 'fd_close'];
    for (const name of mine) expect(implementationOf(name)).toBeDefined();
  });
});
