/**
 * clock_res_get: a non-zero resolution for every supported clock, EINVAL for ids that are not a
 * `clockid`, the result written as one u64 (8 bytes, 8-aligned). Exact resolutions are the
 * host's choice and never asserted.
 */
import { suite, type Fixture } from '../dsl.js';
import { CLOCK } from '../spec.js';
import { CPUTIME_ALTS } from '../lib/misc.js';
import { TRAP_ALTS } from '../lib/fd-io.js';
import { allBytesAre } from '../lib/memory-checks.js';

const NONZERO = 'Implementations are required to provide a non-zero value for supported clocks.';
const UNSUPPORTED = 'For unsupported clocks, return `errno::inval`.';

/** The call succeeds and the resolution is > 0; CPU-time clocks may be unsupported (CHOICES). */
function resolutionNonZero(f: Fixture, id: number, optional: boolean): void {
  const out = f.out64();
  f.expectSuccess(f.call('clock_res_get', id, out), { accept: optional ? CPUTIME_ALTS : [] });
  if (optional) CPUTIME_ALTS.forEach((a) => f.endIfAlternative(a.behaviour));
  f.checkTrue('resolution_nonzero', `(i64.ne ${f.u64(out)} (i64.const 0))`, 'resolution > 0');
}

export default suite('clock_res_get', [
  {
    name: 'realtime-nonzero', tags: ['clocks', 'basic'], quote: NONZERO,
    description: 'the realtime clock has a non-zero resolution',
    body: (f) => resolutionNonZero(f, CLOCK.realtime, false),
  },
  {
    name: 'monotonic-nonzero', tags: ['clocks', 'basic'], quote: NONZERO,
    description: 'the monotonic clock has a non-zero resolution',
    body: (f) => resolutionNonZero(f, CLOCK.monotonic, false),
  },
  {
    name: 'process-cputime-nonzero', tags: ['clocks'], quote: NONZERO,
    description: 'the process CPU-time clock has a non-zero resolution (or is unsupported)',
    spec: 'docs.md#clockid.process_cputime_id',
    body: (f) => resolutionNonZero(f, CLOCK.process_cputime_id, true),
  },
  {
    name: 'thread-cputime-nonzero', tags: ['clocks'], quote: NONZERO,
    description: 'the thread CPU-time clock has a non-zero resolution (or is unsupported)',
    spec: 'docs.md#clockid.thread_cputime_id',
    body: (f) => resolutionNonZero(f, CLOCK.thread_cputime_id, true),
  },
  {
    name: 'unknown-clock-id', tags: ['clocks', 'errors'], quote: UNSUPPORTED,
    description: 'clock id 4, just past the last clockid, fails with EINVAL',
    body: (f) => { f.expectErrno(f.call('clock_res_get', 4, f.out64()), 'inval'); },
  },
  {
    name: 'clock-id-u32-max', tags: ['clocks', 'errors', 'edge'], quote: UNSUPPORTED,
    description: 'clock id 0xffffffff (-1 as i32) fails with EINVAL',
    body: (f) => { f.expectErrno(f.call('clock_res_get', 0xffffffff, f.out64()), 'inval'); },
  },
  {
    name: 'writes-exactly-8-bytes', tags: ['clocks', 'abi-layout'],
    description: 'the resolution is one u64: the 8 bytes after it keep their sentinel',
    spec: 'docs.md#timestamp', quote: 'Size: 8',
    body: (f) => {
      const out = f.sentinel(16);
      f.expectSuccess(f.call('clock_res_get', CLOCK.monotonic, out));
      f.checkTrue('bytes_after_untouched', allBytesAre(f, out + 8, 8, 0xaa), 'bytes 8..15 still 0xaa');
    },
  },
  {
    name: 'result-in-last-8-bytes', tags: ['clocks', 'pointers', 'edge'],
    description: 'a result in the last 8 bytes of memory is in bounds: success',
    body: (f) => {
      f.expectSuccess(f.call('clock_res_get', CLOCK.monotonic, f.memEnd - 8));
      f.checkTrue('resolution_nonzero', `(i64.ne ${f.u64(f.memEnd - 8)} (i64.const 0))`, 'resolution > 0');
    },
  },
  {
    name: 'result-misaligned', tags: ['clocks', 'pointers', 'errors'],
    description: 'a result pointer that is not 8-byte aligned traps',
    spec: 'docs.md#timestamp', quote: 'Alignment: 8',
    body: (f) => f.expectTrap(f.call('clock_res_get', CLOCK.monotonic, f.out64() + 4), TRAP_ALTS),
  },
]);
