/**
 * clock_time_get: realtime is nanoseconds since the Unix epoch, monotonic never goes back and
 * does tick, CPU-time clocks are optional, the precision argument never makes the call fail, bad
 * ids give EINVAL, and the u64 result is written exactly. No case asserts an exact time.
 */
import { suite, type Fixture } from '../dsl.js';
import { CLOCK } from '../spec.js';
import { CPUTIME_ALTS } from '../lib/misc.js';
import { TRAP_ALTS } from '../lib/fd-io.js';
import { allBytesAre, forEach } from '../lib/memory-checks.js';

/** 2020-01-01T00:00:00Z and 2100-01-01T00:00:00Z in nanoseconds since the epoch. */
const Y2020 = 1_577_836_800n * 1_000_000_000n;
const Y2100 = 4_102_444_800n * 1_000_000_000n;

/** `Y2020 < t < Y2100`: the value is nanoseconds since the Unix epoch (not ms, µs or s). */
const plausibleRealtime = (t: string): string =>
  `(i32.and (i64.gt_u ${t} (i64.const ${Y2020})) (i64.lt_u ${t} (i64.const ${Y2100})))`;

/** Read clock `id` with `precision` (the call under test); returns the value's address. */
function read(f: Fixture, id: number, precision: bigint = 0n): number {
  const out = f.out64();
  f.expectSuccess(f.call('clock_time_get', id, precision, out));
  return out;
}

/** Two reads of a CPU-time clock: both succeed (or the clock is unsupported) and do not go back. */
function cputimeNonDecreasing(f: Fixture, id: number): void {
  const a = f.out64();
  const b = f.out64();
  f.expectSuccess(f.call('clock_time_get', id, 0n, a), { accept: CPUTIME_ALTS });
  CPUTIME_ALTS.forEach((alt) => f.endIfAlternative(alt.behaviour));
  f.ok(f.call('clock_time_get', id, 0n, b), 'second clock_time_get');
  f.checkTrue('non_decreasing', `(i64.ge_u ${f.u64(b)} ${f.u64(a)})`, 'second reading >= first');
}

export default suite('clock_time_get', [
  {
    name: 'realtime-since-epoch', tags: ['clocks', 'basic', 'timestamps'],
    description: 'realtime is nanoseconds since 1970: a value between 2020 and 2100',
    spec: 'docs.md#clockid.realtime', quote: 'Time value zero corresponds with 1970-01-01T00:00:00Z.',
    body: (f) => {
      const out = read(f, CLOCK.realtime);
      f.checkTrue('after_2020_before_2100', plausibleRealtime(f.u64(out)), 'realtime between 2020 and 2100 in ns');
    },
  },
  {
    name: 'monotonic-non-decreasing', tags: ['clocks', 'basic'],
    description: '100 successive monotonic readings never decrease',
    spec: 'docs.md#clockid.monotonic', quote: 'whose value cannot be adjusted and which cannot have negative clock jumps',
    body: (f) => {
      const out = f.out64();
      const prev = f.local('i64');
      const bad = f.local();
      f.emit(`(local.set ${bad} (i32.const 0))`);
      const readNow = f.call('clock_time_get', CLOCK.monotonic, 0n, out);
      forEach(f, 100, () => [
        `(if ${readNow} (then (local.set ${bad} (i32.const 1))))`,
        `(if (i64.lt_u (i64.load (i32.const ${out})) (local.get ${prev})) (then (local.set ${bad} (i32.const 1))))`,
        `(local.set ${prev} (i64.load (i32.const ${out})))`,
      ].join(' '));
      f.check('decreases_or_errors', `(local.get ${bad})`, 0, { what: 'a reading failed or went back' });
    },
  },
  {
    name: 'monotonic-ticks', tags: ['clocks'],
    description: 'the monotonic clock advances: repeated readings soon differ',
    spec: 'docs.md#clockid.monotonic', quote: 'The store-wide monotonic clock, which is defined as a clock measuring real time',
    body: (f) => {
      const first = f.u64(read(f, CLOCK.monotonic));
      const t0 = f.let(first, 'i64');
      const out = f.out64();
      const changed = f.local();
      const readNow = f.call('clock_time_get', CLOCK.monotonic, 0n, out);
      // up to 200 000 readings (a clock coarser than ~100 ms would still fail)
      forEach(f, 200000, () =>
        `(if (i32.eqz (local.get ${changed})) (then (drop ${readNow}) (if (i64.ne (i64.load (i32.const ${out})) ${t0}) (then (local.set ${changed} (i32.const 1))))))`);
      f.check('advanced', `(local.get ${changed})`, 1, { what: 'a later reading differs from the first' });
    },
  },
  {
    name: 'process-cputime', tags: ['clocks'],
    description: 'the process CPU-time clock reads and does not go back (or is unsupported)',
    spec: 'docs.md#clockid.process_cputime_id', quote: 'The CPU-time clock associated with the current process.',
    body: (f) => cputimeNonDecreasing(f, CLOCK.process_cputime_id),
  },
  {
    name: 'thread-cputime', tags: ['clocks'],
    description: 'the thread CPU-time clock reads and does not go back (or is unsupported)',
    spec: 'docs.md#clockid.thread_cputime_id', quote: 'The CPU-time clock associated with the current thread.',
    body: (f) => cputimeNonDecreasing(f, CLOCK.thread_cputime_id),
  },
  {
    name: 'unknown-clock-id', tags: ['clocks', 'errors'],
    description: 'clock id 4, just past the last clockid, fails with EINVAL',
    spec: 'docs.md#clockid',
    body: (f) => { f.expectErrno(f.call('clock_time_get', 4, 0n, f.out64()), 'inval'); },
  },
  {
    name: 'clock-id-u32-max', tags: ['clocks', 'errors', 'edge'],
    description: 'clock id 0xffffffff (-1 as i32) fails with EINVAL',
    spec: 'docs.md#clockid',
    body: (f) => { f.expectErrno(f.call('clock_time_get', 0xffffffff, 0n, f.out64()), 'inval'); },
  },
  {
    name: 'precision-max-accepted', tags: ['clocks', 'edge'],
    description: 'precision u64 max (any lag allowed) still succeeds with a real realtime value',
    quote: 'The maximum lag (exclusive) that the returned time value may have, compared to its actual value.',
    body: (f) => {
      const out = read(f, CLOCK.realtime, 0xffffffffffffffffn);
      f.checkTrue('after_2020_before_2100', plausibleRealtime(f.u64(out)), 'realtime between 2020 and 2100 in ns');
    },
  },
  {
    name: 'precision-one-ns-accepted', tags: ['clocks', 'edge'],
    description: 'precision 1 ns (the tightest) is accepted: the call succeeds',
    quote: 'The maximum lag (exclusive) that the returned time value may have, compared to its actual value.',
    body: (f) => { read(f, CLOCK.monotonic, 1n); },
  },
  {
    name: 'writes-exactly-8-bytes', tags: ['clocks', 'abi-layout'],
    description: 'the time is one u64: the 8 bytes after it keep their sentinel',
    spec: 'docs.md#timestamp', quote: 'Size: 8',
    body: (f) => {
      const out = f.sentinel(16);
      f.expectSuccess(f.call('clock_time_get', CLOCK.realtime, 0n, out));
      f.checkTrue('bytes_after_untouched', allBytesAre(f, out + 8, 8, 0xaa), 'bytes 8..15 still 0xaa');
    },
  },
  {
    name: 'result-in-last-8-bytes', tags: ['clocks', 'pointers', 'edge'],
    description: 'a result in the last 8 bytes of memory is in bounds: success',
    body: (f) => {
      f.expectSuccess(f.call('clock_time_get', CLOCK.realtime, 0n, f.memEnd - 8));
      f.checkTrue('after_2020_before_2100', plausibleRealtime(f.u64(f.memEnd - 8)), 'realtime between 2020 and 2100 in ns');
    },
  },
  {
    name: 'result-misaligned', tags: ['clocks', 'pointers', 'errors'],
    description: 'a result pointer that is not 8-byte aligned traps',
    spec: 'docs.md#timestamp', quote: 'Alignment: 8',
    body: (f) => f.expectTrap(f.call('clock_time_get', CLOCK.monotonic, 0n, f.out64() + 4), TRAP_ALTS),
  },
]);
