/**
 * environ_sizes_get / environ_get, more cases: misaligned result pointers trap, and every one of
 * many variables arrives (order unspecified: each is looked for among all of them).
 */
import { suite } from '../dsl.js';
import { TRAP_ALTS } from '../lib/fd-io.js';
import { forEach } from '../lib/memory-checks.js';

const MANY = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`VAR_${i}`, `value-${i}`]));

export default [
  suite('environ_sizes_get', [
    {
      name: 'count-misaligned', tags: ['pointers', 'errors'], env: { KEY: 'value' }, spec: 'docs.md#size', quote: 'Alignment: 4',
      description: 'an environ count pointer that is not 4-byte aligned traps',
      body: (f) => f.expectTrap(f.call('environ_sizes_get', f.alloc(8, 4) + 2, f.out32()), TRAP_ALTS),
    },
    {
      name: 'buf-size-misaligned', tags: ['pointers', 'errors'], env: { KEY: 'value' }, spec: 'docs.md#size', quote: 'Alignment: 4',
      description: 'an environ_buf_size pointer that is not 4-byte aligned traps',
      body: (f) => f.expectTrap(f.call('environ_sizes_get', f.out32(), f.alloc(8, 4) + 1), TRAP_ALTS),
    },
  ]),
  suite('environ_get', [
    {
      name: 'many-variables-all-present', tags: ['edge'], env: MANY,
      description: 'forty variables all arrive: the 40 pointers name VAR_0= … VAR_39= once each',
      quote: 'Key/value pairs are expected to be joined with `=`s, and terminated with `\\0`s.',
      body: (f) => {
        const sizes = f.alloc(8, 4);
        f.ok(f.call('environ_sizes_get', sizes, sizes + 4), 'environ_sizes_get');
        const environ = f.alloc(4 * 40, 4);
        const buf = f.alloc(2048, 1);
        f.expectSuccess(f.call('environ_get', environ, buf));
        // each string must start "VAR_<n>="; a `seen` byte per index 0..39 (40 pointers: a duplicate leaves one unseen)
        const seen = f.alloc(40, 1);
        const bad = f.local();
        forEach(f, 40, (i) => {
          const p = `(i32.load (i32.add (i32.const ${environ}) (i32.mul ${i} (i32.const 4))))`;
          // index: one or two digits after "VAR_"
          const d1 = `(i32.sub (i32.load8_u (i32.add ${p} (i32.const 4))) (i32.const 48))`;
          const c2 = `(i32.load8_u (i32.add ${p} (i32.const 5)))`;
          const idx = `(if (result i32) (i32.eq ${c2} (i32.const 61)) (then ${d1}) (else (i32.add (i32.mul ${d1} (i32.const 10)) (i32.sub ${c2} (i32.const 48)))))`;
          return `(if (i32.ne (i32.load ${p}) (i32.const ${0x5f524156})) (then (local.set ${bad} (i32.add (local.get ${bad}) (i32.const 1)))) (else (if (i32.lt_u ${idx} (i32.const 40)) (then (i32.store8 (i32.add (i32.const ${seen}) ${idx}) (i32.const 1))) (else (local.set ${bad} (i32.add (local.get ${bad}) (i32.const 1)))))))`;
        });
        const missing = f.local();
        forEach(f, 40, (i) => `(if (i32.eqz (i32.load8_u (i32.add (i32.const ${seen}) ${i}))) (then (local.set ${missing} (i32.add (local.get ${missing}) (i32.const 1)))))`);
        f.check('not_var_n', `(local.get ${bad})`, 0, { what: 'strings that are not VAR_<0..39>=' });
        f.check('missing', `(local.get ${missing})`, 0, { what: 'indexes 0..39 not seen' });
      },
    },
  ]),
];
