/**
 * Shared pieces of the fd_prestat_get / fd_prestat_dir_name tables: preopens with chosen guest
 * names, finding a preopen by the length of its name (fd_prestat_get only, so dir_name can be
 * the call under test), counting preopens, and the accepted alternatives of docs/CHOICES.md.
 */
import type { AltErrno, Fixture } from '../dsl.js';
import type { Preopen, Tree } from '../sidecar.js';

/** An open fd that is not a preopen: EBADF (wasmtime) is primary, node/uvwasi say EINVAL. */
export const NOT_PREOPEN_ALTS: AltErrno[] = [{ errno: 'inval', behaviour: 'EINVAL for an open fd that is not a preopen (node/uvwasi)' }];

/** fd_prestat_dir_name with a buffer shorter than the name (docs/CHOICES.md). */
export const SHORT_BUFFER_ALTS: AltErrno[] = [
  { errno: 'nobufs', behaviour: 'ENOBUFS for a buffer shorter than the name (uvwasi)' },
  { errno: 'inval', behaviour: 'EINVAL for a buffer shorter than the name' },
];

/** fd_renumber of a preopen refused (docs/CHOICES.md): the cases that move one end there. */
export const PREOPEN_RENUMBER_REFUSED: AltErrno = { errno: 'notsup', behaviour: 'ENOTSUP: renumbering a preopen is refused (wazero)' };

/**
 * Move the preopen `pre` onto `target` with fd_renumber (printed as `renumber_errno`); a runtime
 * that refuses to renumber preopens ends the case there, accepted.
 */
export function renumberPreopen(f: Fixture, pre: string, target: string): void {
  f.expectSuccess(f.call('fd_renumber', pre, target), { key: 'renumber_errno', accept: [PREOPEN_RENUMBER_REFUSED] });
  f.endIfAlternative(PREOPEN_RENUMBER_REFUSED.behaviour);
}

/** The tree every prestat case preopens (content does not matter to these calls). */
export const PRESTAT_TREE: Tree = { 'a.txt': 'a', sub: {} };

/** Preopens with the given guest names, each over its own small tree. */
export function preopensNamed(...guests: string[]): Preopen[] {
  return guests.map((guest) => ({ guest, tree: PRESTAT_TREE }));
}

/** UTF-8 byte length of a string. */
export const byteLength = (s: string): number => new TextEncoder().encode(s).length;

const ids = new WeakMap<Fixture, number>();
const nextId = (f: Fixture): number => { const id = (ids.get(f) ?? 0) + 1; ids.set(f, id); return id; };

/**
 * The first fd in 3..63 whose fd_prestat_get succeeds with tag dir and pr_name_len `len`
 * (setup: asserts one exists). Uses fd_prestat_get only.
 */
export function preopenWithNameLen(f: Fixture, len: number): string {
  const id = nextId(f);
  const buf = f.alloc(8, 4);
  const fd = f.local(), found = f.local();
  f.emit(`(local.set ${found} (i32.const -1))`, `(local.set ${fd} (i32.const 3))`,
    `(block $pl_done${id} (loop $pl${id}`,
    `(if (i32.eqz ${f.call('fd_prestat_get', `(local.get ${fd})`, buf)})`,
    `(then (if (i32.and (i32.eqz ${f.u8(buf)}) (i32.eq ${f.u32(buf + 4)} (i32.const ${len})))`,
    `(then (local.set ${found} (local.get ${fd})) (br $pl_done${id})))))`,
    `(local.set ${fd} (i32.add (local.get ${fd}) (i32.const 1)))`,
    `(br_if $pl${id} (i32.lt_u (local.get ${fd}) (i32.const 64)))))`);
  f.assertCond(`(i32.ge_s (local.get ${found}) (i32.const 0))`, `setup: a preopen with a ${len}-byte name expected among fds 3..63; found `, '(i64.const 0)');
  return `(local.get ${found})`;
}

/** i32 local: how many fds in 3..63 are preopened directories (fd_prestat_get succeeds, tag dir). */
export function countPreopens(f: Fixture): string {
  const id = nextId(f);
  const buf = f.alloc(8, 4);
  const fd = f.local(), n = f.local();
  f.emit(`(local.set ${n} (i32.const 0))`, `(local.set ${fd} (i32.const 3))`,
    `(loop $pc${id}`,
    `(if (i32.eqz ${f.call('fd_prestat_get', `(local.get ${fd})`, buf)})`,
    `(then (if (i32.eqz ${f.u8(buf)}) (then (local.set ${n} (i32.add (local.get ${n}) (i32.const 1)))))))`,
    `(local.set ${fd} (i32.add (local.get ${fd}) (i32.const 1)))`,
    `(br_if $pc${id} (i32.lt_u (local.get ${fd}) (i32.const 64))))`);
  return `(local.get ${n})`;
}

