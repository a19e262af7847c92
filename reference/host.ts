/** The default clock and random source: the host's (node) clocks and CSPRNG. */
import type { Clock, ClockName } from './context.js';

/** Wall-clock nanoseconds at start-up minus the monotonic reading then: realtime = hrtime + this. */
const epochOffset = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

function cpuTimeNs(): bigint {
  const { user, system } = process.cpuUsage();
  return BigInt(user + system) * 1000n;
}

/**
 * realtime and monotonic read `process.hrtime` (nanoseconds; realtime is anchored to the wall clock
 * once). Node exposes no per-thread CPU clock, so thread_cputime_id reads the process CPU time
 * (microsecond resolution) like process_cputime_id.
 */
export const hostClock: Clock = {
  now(id: ClockName): bigint {
    switch (id) {
      case 'realtime': return process.hrtime.bigint() + epochOffset;
      case 'monotonic': return process.hrtime.bigint();
      case 'process_cputime_id':
      case 'thread_cputime_id': return cpuTimeNs();
    }
  },
  resolution(id: ClockName): bigint {
    return id === 'realtime' || id === 'monotonic' ? 1n : 1000n;
  },
};

/** Web Crypto's getRandomValues (a global in node ≥ 19 and browsers), in chunks of its 65536-byte limit. */
export function hostRandom(buf: Uint8Array): void {
  for (let off = 0; off < buf.length; off += 65536) {
    globalThis.crypto.getRandomValues(buf.subarray(off, Math.min(buf.length, off + 65536)) as Uint8Array<ArrayBuffer>);
  }
}
