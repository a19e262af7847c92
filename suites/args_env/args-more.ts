/**
 * args_sizes_get / args_get, more cases. argv[0] is the runtime's choice, so sizes are checked
 * against what args_get wrote: argv_buf_size is exactly the bytes of every argument plus its NUL
 * (argv[0]'s length measured in-wasm), args_get writes argc pointers and argv_buf_size bytes and
 * nothing after them, and bad pointers trap.
 */
import { suite, type Fixture } from '../dsl.js';
import { TRAP_ALTS } from '../lib/fd-io.js';
import { allBytesAre } from '../lib/memory-checks.js';

const utf8 = (s: string): number => new TextEncoder().encode(s).length;

/** args_sizes_get as a precondition: [argc, argv_buf_size] as i32 locals. */
function sizes(f: Fixture): [string, string] {
  const out = f.alloc(8, 4);
  f.ok(f.call('args_sizes_get', out, out + 4), 'args_sizes_get');
  return [f.let(f.u32(out)), f.let(f.u32(out + 4))];
}

/** i32 local: the length of the NUL-terminated string at the address expression `ptr` (at most 4096). */
function strlen(f: Fixture, ptr: string): string {
  const n = f.local();
  const tag = n.slice(1);
  f.emit(`(local.set ${n} (i32.const 0))`,
    `(block $sl_done_${tag} (loop $sl_${tag}`,
    `(br_if $sl_done_${tag} (i32.eqz (i32.load8_u (i32.add ${ptr} (local.get ${n})))))`,
    `(br_if $sl_done_${tag} (i32.ge_u (local.get ${n}) (i32.const 4096)))`,
    `(local.set ${n} (i32.add (local.get ${n}) (i32.const 1)))`,
    `(br $sl_${tag})))`);
  return `(local.get ${n})`;
}

/** A size case: argv_buf_size minus argv[0]'s bytes (with NUL) equals the given arguments' bytes. */
const sizeCase = (name: string, args: string[], description: string, tags: string[]) => ({
  name, args, description, tags, spec: 'docs.md#args_sizes_get', quote: 'Return command-line argument data sizes.',
  body: (f: Fixture) => {
    const out = f.alloc(8, 4);
    f.expectSuccess(f.call('args_sizes_get', out, out + 4));
    const argv = f.alloc(4 * (args.length + 1), 4);
    const buf = f.alloc(4096, 1);
    f.ok(f.call('args_get', argv, buf), 'args_get');
    const argv0 = strlen(f, f.u32(argv));
    const given = args.reduce((n, a) => n + utf8(a) + 1, 0);
    f.check('size_of_given_args', `(i32.sub (i32.sub ${f.u32(out + 4)} ${argv0}) (i32.const 1))`, given,
      { what: 'argv_buf_size minus argv[0] and its NUL' });
  },
});

export default [
  suite('args_sizes_get', [
    sizeCase('size-is-exact', ['a', 'bc'], 'argv_buf_size is exactly every argument\'s bytes plus one NUL each', ['basic']),
    sizeCase('size-counts-utf8-bytes', ['é✓'], 'a non-ASCII argument counts its UTF-8 bytes (6 with the NUL), not its characters', ['edge', 'unicode']),
    sizeCase('size-counts-empty-arguments', ['', '', 'x'], 'empty arguments count one NUL byte each', ['edge']),
    {
      name: 'many-arguments', tags: ['edge'], args: Array.from({ length: 100 }, (_, i) => `arg${i}`),
      description: 'with 100 arguments argc is 101 (argv[0] plus each of them)',
      body: (f) => {
        const out = f.alloc(8, 4);
        f.expectSuccess(f.call('args_sizes_get', out, out + 4));
        f.check('argc', f.u32(out), 101);
      },
    },
    {
      name: 'argc-misaligned', tags: ['pointers', 'errors'], spec: 'docs.md#size', quote: 'Alignment: 4',
      description: 'an argc pointer that is not 4-byte aligned traps',
      body: (f) => f.expectTrap(f.call('args_sizes_get', f.alloc(8, 4) + 2, f.out32()), TRAP_ALTS),
    },
  ]),
  suite('args_get', [
    {
      name: 'writes-exactly-argc-pointers', tags: ['abi-layout', 'edge'], args: ['a', 'b'],
      description: 'args_get writes argc (3) pointers: no NULL terminator or more after them',
      quote: 'Read command-line argument data. The size of the array should match that returned by `args_sizes_get`.',
      body: (f) => {
        sizes(f);
        const argv = f.sentinel(20, 0xaa, 4);
        f.expectSuccess(f.call('args_get', argv, f.alloc(256, 1)));
        f.checkTrue('after_untouched', allBytesAre(f, argv + 12, 8, 0xaa), 'argv[3..4] keep their 0xaa sentinel');
      },
    },
    {
      name: 'writes-within-buf-size', tags: ['abi-layout', 'edge'], args: ['abc', 'de'],
      description: 'args_get writes argv_buf_size bytes at most: the bytes after them keep their sentinel',
      quote: 'Read command-line argument data. The size of the array should match that returned by `args_sizes_get`.',
      body: (f) => {
        const [, size] = sizes(f);
        const buf = f.sentinel(1024, 0xaa, 1);
        f.expectSuccess(f.call('args_get', f.alloc(16, 4), buf));
        f.checkTrue('after_untouched', allBytesAre(f, `(i32.add (i32.const ${buf}) ${size})`, 8, 0xaa), 'the 8 bytes after argv_buf_size keep 0xaa');
        f.check('last_byte_nul', f.u8(`(i32.sub (i32.add (i32.const ${buf}) ${size}) (i32.const 1))`), 0, { what: 'the last byte of argv_buf (a NUL)' });
      },
    },
    {
      name: 'many-arguments-in-order', tags: ['edge'], args: Array.from({ length: 100 }, (_, i) => `arg${i}`),
      description: 'the last of 100 arguments is argv[100] = "arg99", NUL-terminated',
      body: (f) => {
        sizes(f);
        const argv = f.alloc(4 * 101, 4);
        const buf = f.alloc(2048, 1);
        f.expectSuccess(f.call('args_get', argv, buf));
        const last = f.let(f.u32(argv + 400));
        f.checkBytes('argv100', last, 5, 'arg99');
        f.check('argv100_nul', f.u8(`(i32.add ${last} (i32.const 5))`), 0, { what: 'argv[100] NUL terminator' });
      },
    },
    {
      name: 'argv-misaligned', tags: ['pointers', 'errors'], args: ['x'], spec: 'docs.md#args_get', quote: 'argv: Pointer<Pointer<u8>>',
      description: 'an argv pointer array that is not 4-byte aligned traps',
      body: (f) => f.expectTrap(f.call('args_get', f.alloc(16, 4) + 2, f.alloc(64, 1)), TRAP_ALTS),
    },
    {
      name: 'argv-straddles-end', tags: ['pointers', 'errors'], args: ['x', 'y'],
      description: 'an argv array whose last pointer would lie past the end of memory traps',
      body: (f) => f.expectTrap(f.call('args_get', f.memEnd - 8, f.alloc(64, 1)), TRAP_ALTS),
    },
  ]),
];
