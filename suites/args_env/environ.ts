/**
 * environ_sizes_get / environ_get. The host exposes exactly the case's `env` (docs/INTERPRETING.md),
 * so counts and sizes are exact. Variables arrive as `KEY=VALUE\0`; their order is unspecified,
 * so cases check that each expected string is present exactly once, wherever it is.
 */
import { suite, type Fixture } from '../dsl.js';
import { TRAP_ALTS } from '../lib/fd-io.js';
import { allBytesAre, forEach } from '../lib/memory-checks.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Bytes of the environment data: every `K=V` plus its NUL. */
const dataSize = (env: Record<string, string>): number =>
  Object.entries(env).reduce((n, [k, v]) => n + enc(`${k}=${v}`).length + 1, 0);

/** environ_sizes_get (a precondition) then environ_get (the call under test); returns the pointer array. */
function readEnviron(f: Fixture, count: number): { environ: number; buf: number; sizes: number } {
  const sizes = f.alloc(8, 4);
  f.ok(f.call('environ_sizes_get', sizes, sizes + 4), 'environ_sizes_get');
  const environ = f.alloc(4 * Math.max(count, 1), 4);
  const buf = f.alloc(4096, 1);
  f.expectSuccess(f.call('environ_get', environ, buf));
  return { environ, buf, sizes };
}

/**
 * How many of the `count` strings behind `environ` equal `entry` followed by its NUL
 * (prints `<key>=1`, asserting exactly one).
 */
function checkPresentOnce(f: Fixture, environ: number, count: number, key: string, entry: string): void {
  const want = f.str(`${entry}\0`);
  const n = f.local();
  forEach(f, count, (i) => {
    const p = `(i32.load (i32.add (i32.const ${environ}) (i32.mul ${i} (i32.const 4))))`;
    return `(if ${memeq(p, want.ptr, want.len)} (then (local.set ${n} (i32.add (local.get ${n}) (i32.const 1)))))`;
  });
  f.check(key, `(local.get ${n})`, 1, { what: `entries equal to ${JSON.stringify(entry)} + NUL` });
}

/** An i32 expression: 1 when len bytes at a (expression) equal those at b (constant). */
function memeq(a: string, b: number, len: number): string {
  // unrolled: entries are short, and this keeps the check inside one expression
  const parts = Array.from({ length: len }, (_, j) =>
    `(i32.eq (i32.load8_u (i32.add ${a} (i32.const ${j}))) (i32.load8_u (i32.const ${b + j})))`);
  return parts.reduce((x, y) => `(i32.and ${x} ${y})`);
}

const sizesCase = (name: string, env: Record<string, string>, description: string, tags: string[]) => ({
  name, env, description, tags,
  body: (f: Fixture) => {
    const out = f.alloc(8, 4);
    f.expectSuccess(f.call('environ_sizes_get', out, out + 4));
    f.check('count', f.u32(out), Object.keys(env).length);
    f.check('buf_size', f.u32(out + 4), dataSize(env));
  },
});

export default [
  suite('environ_sizes_get', [
    sizesCase('two-variables', { ALPHA: '1', BETA: 'two' }, 'two variables: count 2, size counts each K=V and its NUL (16 bytes)', ['basic']),
    sizesCase('no-variables', {}, 'an empty environment: count 0 and size 0', ['edge']),
    sizesCase('empty-value', { EMPTY: '' }, 'a variable with an empty value counts `EMPTY=` plus NUL (7 bytes)', ['edge']),
    sizesCase('unicode-counts-bytes', { 'ÜNÏ': 'é✓' }, 'non-ASCII text is counted in UTF-8 bytes, not characters (13 bytes)', ['edge', 'unicode']),
    sizesCase('equals-in-value', { K: 'a=b=c' }, 'a value containing `=` is one variable of 8 bytes', ['edge']),
    sizesCase('many-variables', Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`VAR_${i}`, `value-${i}`])),
      'forty variables are all counted, with their exact data size', ['edge']),
  ]),
  suite('environ_get', [
    {
      name: 'single-variable', tags: ['basic'], env: { GREETING: 'hello world' },
      description: 'a variable arrives as `KEY=VALUE` followed by a NUL',
      quote: 'Key/value pairs are expected to be joined with `=`s, and terminated with `\\0`s.',
      body: (f) => {
        const { environ } = readEnviron(f, 1);
        checkPresentOnce(f, environ, 1, 'entry', 'GREETING=hello world');
      },
    },
    {
      name: 'every-variable-present', tags: ['basic'], env: { A: '1', B: '22', C: '333' },
      description: 'each of three variables appears exactly once, in any order',
      body: (f) => {
        const { environ } = readEnviron(f, 3);
        checkPresentOnce(f, environ, 3, 'entry_a', 'A=1');
        checkPresentOnce(f, environ, 3, 'entry_b', 'B=22');
        checkPresentOnce(f, environ, 3, 'entry_c', 'C=333');
      },
    },
    {
      name: 'empty-value', tags: ['edge'], env: { EMPTY: '', X: 'y' },
      description: 'a variable with an empty value arrives as `EMPTY=` followed by a NUL',
      body: (f) => {
        const { environ } = readEnviron(f, 2);
        checkPresentOnce(f, environ, 2, 'entry_empty', 'EMPTY=');
      },
    },
    {
      name: 'equals-in-value', tags: ['edge'], env: { OPTS: 'a=b=c' },
      description: 'a value containing `=` is kept whole: `OPTS=a=b=c`',
      body: (f) => {
        const { environ } = readEnviron(f, 1);
        checkPresentOnce(f, environ, 1, 'entry', 'OPTS=a=b=c');
      },
    },
    {
      name: 'unicode-key-and-value', tags: ['edge', 'unicode'], env: { 'ÜNÏ': 'é✓ 日本' },
      description: 'a non-ASCII key and value arrive as their UTF-8 bytes',
      body: (f) => {
        const { environ } = readEnviron(f, 1);
        checkPresentOnce(f, environ, 1, 'entry', 'ÜNÏ=é✓ 日本');
      },
    },
    {
      name: 'spaces-and-newline-in-value', tags: ['edge'], env: { MULTI: 'line one\nline two' },
      description: 'spaces and a newline inside a value are kept byte for byte',
      body: (f) => {
        const { environ } = readEnviron(f, 1);
        checkPresentOnce(f, environ, 1, 'entry', 'MULTI=line one\nline two');
      },
    },
    {
      name: 'pointers-inside-buffer', tags: ['abi-layout'], env: { A: '1', BB: '22' },
      description: 'every environ pointer points inside environ_buf',
      body: (f) => {
        const { environ, buf, sizes } = readEnviron(f, 2);
        for (let i = 0; i < 2; i++) {
          const p = f.u32(environ + 4 * i);
          f.checkTrue(`environ${i}_in_buf`, `(i32.and (i32.ge_u ${p} (i32.const ${buf})) (i32.lt_u ${p} (i32.add (i32.const ${buf}) ${f.u32(sizes + 4)})))`, `environ[${i}] inside environ_buf`);
        }
      },
    },
    {
      name: 'writes-exactly-count-pointers', tags: ['abi-layout', 'edge'], env: { A: '1', B: '2' },
      description: 'environ_get writes 2 pointers for 2 variables: no NULL terminator or more after them',
      body: (f) => {
        const sizes = f.alloc(8, 4);
        f.ok(f.call('environ_sizes_get', sizes, sizes + 4), 'environ_sizes_get');
        const environ = f.sentinel(16, 0xaa, 4);
        f.expectSuccess(f.call('environ_get', environ, f.alloc(256, 1)));
        f.checkTrue('after_untouched', allBytesAre(f, environ + 8, 8, 0xaa), 'environ[2..3] keep their 0xaa sentinel');
      },
    },
    {
      name: 'writes-exactly-buf-size', tags: ['abi-layout', 'edge'], env: { KEY: 'val' },
      description: 'environ_get writes environ_buf_size bytes (8): the byte after keeps its sentinel',
      body: (f) => {
        const buf = f.sentinel(16, 0xaa, 1);
        f.expectSuccess(f.call('environ_get', f.alloc(8, 4), buf));
        f.checkTrue('after_untouched', allBytesAre(f, buf + 8, 8, 0xaa), 'bytes 8..15 of environ_buf keep 0xaa');
      },
    },
    {
      name: 'no-variables-writes-nothing', tags: ['edge'],
      description: 'with an empty environment environ_get succeeds and writes nothing',
      body: (f) => {
        const environ = f.sentinel(8, 0xaa, 4);
        const buf = f.sentinel(8, 0xaa, 1);
        f.expectSuccess(f.call('environ_get', environ, buf));
        f.checkTrue('environ_untouched', allBytesAre(f, environ, 8, 0xaa), 'environ keeps 0xaa');
        f.checkTrue('buf_untouched', allBytesAre(f, buf, 8, 0xaa), 'environ_buf keeps 0xaa');
      },
    },
    {
      name: 'environ-buf-straddles-end', tags: ['pointers', 'errors'], env: { KEY: 'value' },
      description: 'an environ_buf whose last bytes lie past the end of memory traps',
      body: (f) => f.expectTrap(f.call('environ_get', f.alloc(8, 4), f.memEnd - 4), TRAP_ALTS),
    },
    {
      name: 'environ-misaligned', tags: ['pointers', 'errors'], env: { KEY: 'value' },
      description: 'an environ pointer array that is not 4-byte aligned traps',
      spec: 'docs.md#environ_get', quote: 'environ: Pointer<Pointer<u8>>',
      body: (f) => f.expectTrap(f.call('environ_get', f.alloc(16, 4) + 2, f.alloc(64, 1)), TRAP_ALTS),
    },
  ]),
];
