/**
 * Checks over guest memory regions that the Fixture builder has no single call for: each emits
 * a small loop and returns an i32 expression (a local) holding the answer. Used by the tables
 * that check what a call wrote (random bytes, sentinels left untouched, event arrays).
 */
import type { Arg, Fixture } from '../dsl.js';

const addr = (f: Fixture, a: Arg): string => (typeof a === 'string' ? a : f.i32(Number(a)));

/**
 * Loop i over 0..len (len a constant or an i32 expression), running `body(i)` (WAT statements);
 * `i` is the loop local's name. Labels are derived from the local so loops never clash.
 */
export function forEach(f: Fixture, len: Arg, body: (i: string) => string): void {
  const i = f.local();
  const n = f.let(addr(f, len));
  const tag = i.slice(1);
  f.emit(`(local.set ${i} (i32.const 0))`,
    `(block $done_${tag} (loop $next_${tag}`,
    `  (br_if $done_${tag} (i32.ge_u (local.get ${i}) ${n}))`,
    `  ${body(`(local.get ${i})`)}`,
    `  (local.set ${i} (i32.add (local.get ${i}) (i32.const 1)))`,
    `  (br $next_${tag})))`);
}

/** 1 when every one of the len bytes at ptr equals `byte`, else 0. */
export function allBytesAre(f: Fixture, ptr: Arg, len: Arg, byte: number): string {
  const r = f.local();
  f.emit(`(local.set ${r} (i32.const 1))`);
  forEach(f, len, (i) => `(if (i32.ne (i32.load8_u (i32.add ${addr(f, ptr)} ${i})) (i32.const ${byte})) (then (local.set ${r} (i32.const 0))))`);
  return `(local.get ${r})`;
}

/** 1 when at least one of the len bytes at ptr is not zero. */
export function anyNonZero(f: Fixture, ptr: Arg, len: Arg): string {
  return `(i32.eqz ${allBytesAre(f, ptr, len, 0)})`;
}

/** 1 when the len bytes at a and at b differ somewhere. */
export function bytesDiffer(f: Fixture, a: Arg, b: Arg, len: Arg): string {
  const r = f.local();
  f.emit(`(local.set ${r} (i32.const 0))`);
  forEach(f, len, (i) => `(if (i32.ne (i32.load8_u (i32.add ${addr(f, a)} ${i})) (i32.load8_u (i32.add ${addr(f, b)} ${i}))) (then (local.set ${r} (i32.const 1))))`);
  return `(local.get ${r})`;
}

/** Number of distinct byte values among the len bytes at ptr (0..256): a crude randomness probe. */
export function distinctByteValues(f: Fixture, ptr: Arg, len: Arg): string {
  // a 256-byte seen-table in scratch memory, zeroed by the loader
  const seen = f.alloc(256, 1);
  const r = f.local();
  f.emit(`(local.set ${r} (i32.const 0))`);
  forEach(f, len, (i) => {
    const at = `(i32.add (i32.const ${seen}) (i32.load8_u (i32.add ${addr(f, ptr)} ${i})))`;
    return `(if (i32.eqz (i32.load8_u ${at})) (then (i32.store8 ${at} (i32.const 1)) (local.set ${r} (i32.add (local.get ${r}) (i32.const 1)))))`;
  });
  return `(local.get ${r})`;
}
