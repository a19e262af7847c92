/**
 * Closing file descriptors left open inside a case directory. node:wasi (uvwasi) never closes
 * the directories it preopens nor files the guest left open, not even when the WASI object is
 * collected or its worker ends: one leaked fd per preopen per case would exhaust the process's
 * limit over a full run. Fds are process-wide, so the main thread sweeps them after each case:
 * only descriptors whose /proc/self/fd link points into the case directory are closed.
 */
import { closeSync, readdirSync, readlinkSync } from 'node:fs';

/** True where open descriptors can be listed with their paths (Linux). */
export const CAN_SWEEP = process.platform === 'linux';

/** Close every descriptor open on a path under `dir`; returns how many. */
export function closeFdsUnder(dir: string): number {
  if (!CAN_SWEEP) return 0;
  let closed = 0;
  for (const name of readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = readlinkSync(`/proc/self/fd/${name}`);
    } catch {
      continue;
    }
    if (target !== dir && !target.startsWith(`${dir}/`)) continue;
    try {
      closeSync(Number(name));
      closed++;
    } catch { /* closed meanwhile */ }
  }
  return closed;
}
