/**
 * args_sizes_get / args_get. The runtime chooses argv[0] (a program name), so cases check the
 * count (1 + the arguments given) and argv[1..] byte for byte, never argv[0]'s text.
 */
import { suite, type Fixture } from '../dsl.js';
import { EFAULT } from '../lib/fd-io.js';

/** Call args_sizes_get + args_get; return the address of argv[] (as a local expression). */
function readArgv(f: Fixture, argc: number): { argv: number } {
  const sizes = f.alloc(8, 4);
  f.ok(f.call('args_sizes_get', sizes, sizes + 4), 'args_sizes_get');
  const argv = f.alloc(4 * (argc + 1), 4);
  const buf = f.alloc(1024, 1);
  f.ok(f.call('args_get', argv, buf), 'args_get');
  return { argv };
}

/** Check argv[i] is exactly `s` followed by a NUL. */
function checkArg(f: Fixture, argv: number, i: number, s: string): void {
  const len = new TextEncoder().encode(s).length;
  const ptr = f.let(f.u32(argv + 4 * i));
  f.checkBytes(`argv${i}`, ptr, len, s);
  f.check(`argv${i}_nul`, f.u8(`(i32.add ${ptr} (i32.const ${len}))`), 0, { what: `argv[${i}] NUL terminator` });
}

export default [
  suite('args_sizes_get', [
    {
      name: 'count-includes-program-name', tags: ['basic'], args: ['a', 'bc'],
      description: 'argc counts argv[0] plus every argument given',
      quote: 'Return command-line argument data sizes.',
      body: (f) => {
        const out = f.alloc(8, 4);
        f.expectSuccess(f.call('args_sizes_get', out, out + 4));
        f.check('argc', f.u32(out), 3);
      },
    },
    {
      name: 'no-arguments', tags: ['edge'],
      description: 'with no arguments argc is 1 (argv[0] only)',
      body: (f) => {
        const out = f.alloc(8, 4);
        f.expectSuccess(f.call('args_sizes_get', out, out + 4));
        f.check('argc', f.u32(out), 1);
      },
    },
    {
      name: 'buffer-size-counts-nul-terminators', tags: ['basic'], args: ['a', 'bc'],
      description: 'argv_buf_size covers every argument plus its NUL (at least 1 + 2 + 3 bytes)',
      body: (f) => {
        const out = f.alloc(8, 4);
        f.expectSuccess(f.call('args_sizes_get', out, out + 4));
        f.checkTrue('size_covers_args', `(i32.ge_u ${f.u32(out + 4)} (i32.const 6))`, 'argv_buf_size >= 6');
      },
    },
    {
      name: 'argc-pointer-out-of-bounds', tags: ['pointers', 'errors'],
      description: 'an argc pointer past the end of memory traps',
      body: (f) => f.expectTrap(f.call('args_sizes_get', f.memEnd, f.out32()), { accept: [EFAULT] }),
    },
    {
      name: 'size-pointer-out-of-bounds', tags: ['pointers', 'errors'],
      description: 'an argv_buf_size pointer past the end of memory traps',
      body: (f) => f.expectTrap(f.call('args_sizes_get', f.out32(), f.memEnd), { accept: [EFAULT] }),
    },
  ]),
  suite('args_get', [
    {
      name: 'arguments-in-order', tags: ['basic'], args: ['first', 'second'],
      description: 'argv[1..] are the arguments in order, each NUL-terminated',
      quote: 'Read command-line argument data.',
      body: (f) => {
        const { argv } = readArgv(f, 3);
        checkArg(f, argv, 1, 'first');
        checkArg(f, argv, 2, 'second');
      },
    },
    {
      name: 'empty-argument', tags: ['edge'], args: ['', 'x'],
      description: 'an empty argument is passed as an empty NUL-terminated string',
      body: (f) => {
        const { argv } = readArgv(f, 3);
        checkArg(f, argv, 1, '');
        checkArg(f, argv, 2, 'x');
      },
    },
    {
      name: 'unicode-argument', tags: ['edge', 'unicode'], args: ['héllo wörld ✓'],
      description: 'a non-ASCII argument arrives as its UTF-8 bytes',
      body: (f) => {
        const { argv } = readArgv(f, 2);
        checkArg(f, argv, 1, 'héllo wörld ✓');
      },
    },
    {
      name: 'argument-with-spaces-and-equals', tags: ['edge'], args: ['a b=c', '--flag=x y'],
      description: 'spaces and = inside an argument are kept; it is not split',
      body: (f) => {
        const { argv } = readArgv(f, 3);
        checkArg(f, argv, 1, 'a b=c');
        checkArg(f, argv, 2, '--flag=x y');
      },
    },
    {
      name: 'pointers-inside-buffer', tags: ['abi-layout'], args: ['x', 'yy'],
      description: 'every argv pointer points inside argv_buf',
      body: (f) => {
        const sizes = f.alloc(8, 4);
        f.ok(f.call('args_sizes_get', sizes, sizes + 4), 'args_sizes_get');
        const argv = f.alloc(16, 4);
        const buf = f.alloc(256, 1);
        f.expectSuccess(f.call('args_get', argv, buf));
        for (let i = 0; i < 3; i++) {
          const p = f.u32(argv + 4 * i);
          f.checkTrue(`argv${i}_in_buf`, `(i32.and (i32.ge_u ${p} (i32.const ${buf})) (i32.lt_u ${p} (i32.add (i32.const ${buf}) ${f.u32(sizes + 4)})))`, `argv[${i}] inside argv_buf`);
        }
      },
    },
    {
      name: 'argv-buf-out-of-bounds', tags: ['pointers', 'errors'], args: ['abc'],
      description: 'an argv_buf that runs past the end of memory traps',
      body: (f) => f.expectTrap(f.call('args_get', f.alloc(16, 4), f.memEnd - 2), { accept: [EFAULT] }),
    },
  ]),
];
