/**
 * Decoding of `fstflags` for fd_filestat_set_times and path_filestat_set_times (shared by the
 * fd and path families; not a family itself — it exports no syscall).
 */
import { errno } from '../abi.js';
import type { SyscallContext } from '../context.js';
import { fail } from '../errors.js';
import type { SetTimes } from '../fs/types.js';

/**
 * The new timestamps `fst_flags` asks for:
 * - `atim` / `mtim`: "Adjust the … timestamp to the value stored in filestat::atim / mtim";
 * - `atim_now` / `mtim_now`: "… to the time of clock clockid::realtime";
 * - neither: that timestamp is left unchanged.
 * Spec-silent choices (POSIX utimensat, uvwasi, wasmtime): a value bit together with its `_now`
 * bit is EINVAL, as is any bit outside fstflags.
 */
export function timesFromFlags(ctx: SyscallContext, atim: bigint, mtim: bigint, fstFlags: number): SetTimes {
  const f = ctx.abi.fstflags;
  if ((fstFlags & ~(f.atim | f.atim_now | f.mtim | f.mtim_now)) !== 0) fail(errno.inval, 'unknown fstflags bits');
  if ((fstFlags & f.atim) && (fstFlags & f.atim_now)) fail(errno.inval, 'fstflags atim with atim_now');
  if ((fstFlags & f.mtim) && (fstFlags & f.mtim_now)) fail(errno.inval, 'fstflags mtim with mtim_now');
  const now = fstFlags & (f.atim_now | f.mtim_now) ? ctx.clock.now('realtime') : 0n;
  const times: SetTimes = {};
  if (fstFlags & f.atim) times.atim = atim;
  else if (fstFlags & f.atim_now) times.atim = now;
  if (fstFlags & f.mtim) times.mtim = mtim;
  else if (fstFlags & f.mtim_now) times.mtim = now;
  return times;
}
