/**
 * sched_yield: "Temporarily yield execution of the calling thread." It takes nothing, returns
 * success, may be called any number of times, and does not stall or disturb the program.
 */
import { suite } from '../dsl.js';
import { CLOCK } from '../spec.js';
import { forEach } from '../lib/memory-checks.js';

const QUOTE = 'Temporarily yield execution of the calling thread.';

export default suite('sched_yield', [
  {
    name: 'returns-success', tags: ['basic'], quote: QUOTE,
    description: 'sched_yield returns success',
    body: (f) => { f.expectSuccess(f.call('sched_yield')); },
  },
  {
    name: 'repeated-calls', tags: ['edge'],
    description: '1000 calls in a row all return success',
    body: (f) => {
      const failures = f.local();
      const call = f.call('sched_yield');
      forEach(f, 1000, () => `(if ${call} (then (local.set ${failures} (i32.add (local.get ${failures}) (i32.const 1)))))`);
      f.check('failures', `(local.get ${failures})`, 0, { what: 'calls that did not return success' });
    },
  },
  {
    name: 'returns-promptly', tags: ['edge'],
    description: '100 yields of a single-threaded program take well under a second (no sleeping)',
    body: (f) => {
      const t = f.out64();
      f.ok(f.call('clock_time_get', CLOCK.monotonic, 0n, t), 'clock_time_get');
      const before = f.let(f.u64(t), 'i64');
      const call = f.call('sched_yield');
      forEach(f, 100, () => `(drop ${call})`);
      f.ok(f.call('clock_time_get', CLOCK.monotonic, 0n, t), 'clock_time_get');
      f.checkTrue('under_one_second', `(i64.lt_u (i64.sub ${f.u64(t)} ${before}) (i64.const 1000000000))`, '100 yields took under 1 s');
    },
  },
  {
    name: 'output-order-kept', tags: ['stdio'],
    description: 'stdout written before and after a yield comes out complete and in order',
    body: (f) => {
      f.check('before_yield', f.i32(1), 1);
      f.expectSuccess(f.call('sched_yield'));
      f.check('after_yield', f.i32(2), 2);
    },
  },
]);
