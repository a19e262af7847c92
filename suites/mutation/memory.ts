/**
 * Guest memory rules found missing by mutation testing (npm run mutate): results land in
 * memory the guest added with memory.grow after start.
 */
import { suite } from '../dsl.js';
import { CLOCK } from '../spec.js';

export default suite('clock_time_get', [
  {
    name: 'result-in-grown-memory', tags: ['pointers', 'edge'],
    description: 'after memory.grow, a result pointer into the new page is written there',
    quote: 'Return the time value of a clock.',
    body: (f) => {
      const grown = f.let('(memory.grow (i32.const 1))');
      f.assertCond(`(i32.eq ${grown} (i32.const 1))`, 'setup: memory.grow by one page expected to return 1 (the old size); got ', `(i64.extend_i32_s ${grown})`);
      const ptr = f.memEnd + 8;
      f.emit(`(i64.store (i32.const ${ptr}) (i64.const 0))`);
      f.expectSuccess(f.call('clock_time_get', CLOCK.realtime, 0n, ptr));
      f.checkTrue('time_written', `(i64.ne ${f.u64(ptr)} (i64.const 0))`, 'realtime written into the grown page (nonzero)');
    },
  },
]);
