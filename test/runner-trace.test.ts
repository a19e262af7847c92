/** The tracing proxy around wasiImport. */
import { describe, expect, test } from '@jest/globals';
import { traceImports } from '../runner/trace.js';

describe('traceImports', () => {
  test('records name, arguments (i64 as decimal strings) and the errno returned', () => {
    const t = traceImports({
      fd_write: (fd: number) => (fd === 1 ? 0 : 8),
      clock_time_get: (_id: number, _precision: bigint, _ptr: number) => 0,
      memory: 'not a function',
    });
    const imp = t.imports as Record<string, (...a: unknown[]) => number>;
    expect(imp.fd_write!(1, 16, 1, 24)).toBe(0);
    expect(imp.fd_write!(9, 16, 1, 24)).toBe(8);
    imp.clock_time_get!(1, 1000n, 64);
    expect(t.imports.memory).toBe('not a function');
    expect(t.calls()).toEqual([
      { name: 'fd_write', args: [1, 16, 1, 24], errno: 0 },
      { name: 'fd_write', args: [9, 16, 1, 24], errno: 8 },
      { name: 'clock_time_get', args: [1, '1000', 64], errno: 0 },
    ]);
  });

  test('a call that unwinds (proc_exit) is recorded with errno null and the throw passes through', () => {
    const t = traceImports({ proc_exit: () => { throw new Error('exit'); } });
    expect(() => (t.imports.proc_exit as (c: number) => void)(3)).toThrow('exit');
    expect(t.calls()).toEqual([{ name: 'proc_exit', args: [3], errno: null }]);
  });

  test('bounded: past the limit only a count is kept', () => {
    const t = traceImports({ sched_yield: () => 0 }, 3);
    for (let i = 0; i < 10; i++) (t.imports.sched_yield as () => number)();
    const calls = t.calls();
    expect(calls).toHaveLength(4);
    expect(calls[3]).toEqual({ name: '…', args: ['7 more calls not recorded'], errno: null });
  });

  test('calls keep `this` as the original import object', () => {
    const original = { n: 5, get(this: { n: number }) { return this.n; } };
    expect((traceImports(original).imports.get as () => number)()).toBe(5);
  });
});
