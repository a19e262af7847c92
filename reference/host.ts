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

/** Web Crypto's limit per getRandomValues call. */
const CRYPTO_LIMIT = 65536;
/**
 * Small requests are served from a pool filled 4 KiB at a time: one getRandomValues call costs
 * microseconds whatever its size. Each pooled byte is handed out once, then zeroed.
 */
const pool = new Uint8Array(4096);
let poolUsed = pool.length;

/** Web Crypto's getRandomValues (a global in node ≥ 19 and browsers), in chunks of its 65536-byte limit. */
function fillFromCrypto(buf: Uint8Array): void {
  for (let off = 0; off < buf.length; off += CRYPTO_LIMIT) {
    globalThis.crypto.getRandomValues(buf.subarray(off, Math.min(buf.length, off + CRYPTO_LIMIT)) as Uint8Array<ArrayBuffer>);
  }
}

/** The host CSPRNG: requests up to 256 bytes from the pool, larger ones straight from Web Crypto. */
export function hostRandom(buf: Uint8Array): void {
  if (buf.length > 256) return fillFromCrypto(buf);
  if (poolUsed + buf.length > pool.length) {
    fillFromCrypto(pool);
    poolUsed = 0;
  }
  const end = poolUsed + buf.length;
  buf.set(pool.subarray(poolUsed, end));
  pool.fill(0, poolUsed, end);
  poolUsed = end;
}
