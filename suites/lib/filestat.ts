/**
 * Shared pieces of the metadata tables (fd_filestat_get, fd_filestat_set_size,
 * fd_filestat_set_times, fd_advise, fd_allocate, fd_sync, fd_datasync): reading a filestat
 * ABI-neutrally, realtime clock readings, timestamp checks with the labelled precision
 * alternatives of docs/CHOICES.md, and the accepted alternatives these calls share.
 */
import type { AltErrno, AltValue, Fixture } from '../dsl.js';
import { CLOCK, FSTFLAGS } from '../spec.js';
import type { Tree, TreeEntry } from '../sidecar.js';
import { RIGHTS_NOT_ENFORCED } from './fd-io.js';

// ── accepted alternatives ──────────────────────────────────────────────────────────────

/** A metadata call on an fd opened without its right (docs/CHOICES.md: rights not enforced). */
export const NO_RIGHT_ALTS: AltErrno[] = [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }];

/** fd_allocate removed (docs/CHOICES.md). */
export const ALLOCATE_NOTSUP: AltErrno = { errno: 'notsup', behaviour: 'fd_allocate unsupported: ENOTSUP (wasmtime)' };

/** Timestamps stored with less than nanosecond precision (docs/CHOICES.md). */
export const MICROSECONDS = 'timestamp truncated to microseconds: utimes through libuv (runtimes on node:fs)';
export const WHOLE_SECONDS = 'timestamp truncated to whole seconds (node:wasi)';

/**
 * preview1's filestat docs allow a timestamp of 0 "if the underlying platform doesn't provide
 * suitable timestamp for this file" (not in wasi_unstable's): the value 2 of a check that prints 1
 * for a real time, 2 for zero.
 */
export const TIMESTAMP_ZERO = 'timestamp 0: the platform provides none (allowed by the preview1 filestat docs)';
export function timestampZeroAlt(f: Fixture): AltValue[] {
  return f.abi.abi === 'preview1' ? [{ value: 2, behaviour: TIMESTAMP_ZERO }] : [];
}

// ── timestamps used by the cases ───────────────────────────────────────────────────────

/** Whole seconds (exact in every representation a runtime may use): 2001-09-09T01:46:40Z. */
export const T_A = 1_000_000_000_000_000_000n;
/** Another whole-second time, distinct from T_A: 2009-02-13T23:31:30Z. */
export const T_B = 1_234_567_890_000_000_000n;
/** An old time a case sets first, so a later "now" is clearly distinguishable: 2004-11-09. */
export const T_OLD = 1_100_000_000_000_000_000n;
/** After 2038 (beyond a signed 32-bit time_t): 2100-01-01T00:00:00Z. */
export const T_2100 = 4_102_444_800_000_000_000n;
/** Sub-microsecond nanoseconds, far from every rounding boundary: …890.123456500 s. */
export const T_NS = 1_234_567_890_123_456_500n;
/** How far a "now" timestamp may sit outside the readings around the call: host timestamp
 * granularity (kernel coarse clock ticks, microsecond truncation). */
export const NOW_TOLERANCE_NS = 1_000_000_000n;

// ── filestat ───────────────────────────────────────────────────────────────────────────

/** fd_filestat_get as a precondition into fresh scratch; returns the buffer address. */
export function filestat(f: Fixture, fd: string): number {
  const buf = f.alloc(64, 8);
  f.ok(f.call('fd_filestat_get', fd, buf), 'fd_filestat_get');
  return buf;
}

/** A filestat field as an i64 expression whatever its width in this ABI (nlink is u32 in wasi_unstable). */
export function stat64(f: Fixture, base: number, name: string): string {
  const v = f.field(base, 'filestat', name);
  return f.fieldIs64('filestat', name) ? v : `(i64.extend_i32_u ${v})`;
}

/** Check a filestat field equals `expected` (compared as u64 in both ABIs). */
export function checkStat(f: Fixture, key: string, base: number, name: string, expected: number | bigint): void {
  f.check(key, stat64(f, base, name), BigInt(expected), { what: `filestat.${name}` });
}

/** The filestat size of fd (a fresh fd_filestat_get) equals `expected`. */
export function checkSize(f: Fixture, fd: string, expected: number | bigint, key = 'size'): void {
  checkStat(f, key, filestat(f, fd), 'size', expected);
}

// ── clocks and timestamps ──────────────────────────────────────────────────────────────

/** A realtime clock reading (precondition), kept in a local: an i64 expression. */
export function realtime(f: Fixture): string {
  const out = f.out64();
  f.ok(f.call('clock_time_get', CLOCK.realtime, 1n, out), 'clock_time_get(realtime)');
  return f.let(f.u64(out), 'i64');
}

/** Precondition: fd_filestat_set_times(fd, atim, mtim, flags) succeeds. */
export function setTimes(f: Fixture, fd: string, atim: bigint, mtim: bigint, flags: number): void {
  f.ok(f.call('fd_filestat_set_times', fd, atim, mtim, flags), 'fd_filestat_set_times');
}

/** Precondition: both timestamps of fd set to T_OLD, so a later update is visible. */
export function ageFile(f: Fixture, fd: string): void {
  setTimes(f, fd, T_OLD, T_OLD, FSTFLAGS.atim | FSTFLAGS.mtim);
}

/**
 * Check a timestamp (i64 expression) was set to `set` to the nanosecond; runtimes that store
 * microseconds or whole seconds print the truncated value under their labels (docs/CHOICES.md).
 */
export function checkStoredNs(f: Fixture, key: string, expr: string, set: bigint): void {
  f.check(key, expr, set, {
    what: `${key} as set`,
    accept: [
      { value: set - (set % 1000n), behaviour: MICROSECONDS },
      { value: set - (set % 1_000_000_000n), behaviour: WHOLE_SECONDS },
    ],
  });
}

/**
 * Check a timestamp (i64 expression) is "now": within [before − tolerance, after + tolerance]
 * of realtime readings taken around the call. Prints `key=1`.
 */
export function checkNow(f: Fixture, key: string, expr: string, before: string, after: string): void {
  const v = f.let(expr, 'i64');
  const tol = f.i64(NOW_TOLERANCE_NS);
  f.assertCond(`(i64.ge_u ${v} (i64.sub ${before} ${tol}))`, `${key}: not before the realtime reading taken before the call (ns) `, v);
  f.assertCond(`(i64.le_u ${v} (i64.add ${after} ${tol}))`, `${key}: not after the realtime reading taken after the call (ns) `, v);
  f.checkTrue(key, `(i32.and (i64.ge_u ${v} (i64.sub ${before} ${tol})) (i64.le_u ${v} (i64.add ${after} ${tol})))`, `${key} within the realtime readings around the call`);
}

/** `base` with entries added, replaced or (value null) removed, keys sorted: an `fs_after` tree. */
export function treeAfter(base: Tree, changes: Record<string, TreeEntry | null>): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]!]));
}
