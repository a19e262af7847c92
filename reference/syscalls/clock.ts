/** clock_res_get, clock_time_get: the four WASI clocks (the `clock` option may replace them). */
import { errno } from '../abi.js';
import type { ClockName, SyscallContext } from '../context.js';

/** Each ABI's `clockid` values → names, built once per ABI table. */
const namesByAbi = new WeakMap<SyscallContext['abi'], ReadonlyMap<number, ClockName>>();

/** The clock named by `id` in this ABI, or undefined for an id that is not a `clockid`. */
export function clockName(ctx: SyscallContext, id: number): ClockName | undefined {
  let names = namesByAbi.get(ctx.abi);
  if (!names) {
    names = new Map(Object.entries(ctx.abi.clockid).map(([name, v]) => [v, name as ClockName]));
    namesByAbi.set(ctx.abi, names);
  }
  return names.get(id);
}

/**
 * clock_res_get(id) — "Return the resolution of a clock. Implementations are required to provide a
 * non-zero value for supported clocks. For unsupported clocks, return `errno::inval`."
 * @param id the `clockid`; @param resolution out: u64 nanoseconds (alignment 8)
 * @returns success; EINVAL for an unknown clock id. Traps on a bad result pointer.
 */
export function clock_res_get(ctx: SyscallContext, id: number, resolution: number): number {
  const name = clockName(ctx, id);
  if (!name) return errno.inval;
  ctx.memory.check(resolution, 8, 8);
  ctx.memory.setU64(resolution, ctx.clock.resolution(name));
  return errno.success;
}

/**
 * clock_time_get(id, precision) — "Return the time value of a clock." `precision` is "the maximum
 * lag (exclusive) that the returned time value may have, compared to its actual value"; every
 * clock here reads the current value, so any precision is met.
 * @param id the `clockid`; @param precision u64 nanoseconds; @param time out: u64 ns (alignment 8)
 * @returns success; EINVAL for an unknown clock id. Traps on a bad result pointer.
 */
export function clock_time_get(ctx: SyscallContext, id: number, _precision: bigint, time: number): number {
  const name = clockName(ctx, id);
  if (!name) return errno.inval;
  ctx.memory.check(time, 8, 8);
  ctx.memory.setU64(time, ctx.clock.now(name));
  return errno.success;
}
