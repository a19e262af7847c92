/**
 * poll_oneoff building blocks: subscription arrays encoded with the ABI's own layout (48-byte
 * subscriptions in preview1, 56 in wasi_unstable with the clock `identifier`), event buffers
 * pre-filled with a sentinel (so a field the runtime forgot to write shows), event lookup by
 * userdata (event order is unspecified), and clock readings for timing relations.
 */
import type { Arg, Fixture } from '../dsl.js';
import { CLOCK, EVENTTYPE, SUBCLOCKFLAGS } from '../spec.js';
import { forEach } from './memory-checks.js';

/** One millisecond in nanoseconds (timestamps are u64 nanoseconds). */
export const MS = 1_000_000n;
/** Byte the event buffers are filled with before the call. */
export const EVENT_SENTINEL = 0xaa;

/** A value known when generating (number/bigint) or computed at run time (a WAT expression). */
type Value = number | bigint | string;

export interface ClockSub {
  userdata: bigint;
  clock: {
    id: number;
    /** Nanoseconds; an i64 WAT expression for a timeout computed at run time (e.g. now + 20 ms). */
    timeout: Value;
    precision?: bigint;
    abstime?: boolean;
    /** wasi_unstable only: the clock subscription's `identifier` field. */
    identifier?: bigint;
  };
}
export interface FdSub { userdata: bigint; fd_read?: Value; fd_write?: Value }
/** A subscription with a raw `eventtype` tag (for invalid tags). */
export interface RawSub { userdata: bigint; tag: number }
export type Sub = ClockSub | FdSub | RawSub;

/**
 * Write the subscriptions into the data segment (run-time values are stored by the fixture);
 * returns the array address. `misalign` shifts the array off its 8-byte alignment.
 */
export function subscriptions(f: Fixture, subs: Sub[], misalign = 0): number {
  const layout = f.abi.layouts.subscription;
  const fld = (name: string): { offset: number; size: number } => {
    const x = layout.fields[name];
    if (!x) throw new Error(`subscription layout of ${f.abi.abi} has no ${name}`);
    return x;
  };
  const buf = new Uint8Array(layout.size * subs.length);
  const view = new DataView(buf.buffer);
  const late: Array<(base: number) => string> = [];
  subs.forEach((s, i) => {
    const at = i * layout.size;
    view.setBigUint64(at + fld('userdata').offset, BigInt.asUintN(64, s.userdata), true);
    if ('clock' in s) {
      const c = s.clock;
      view.setUint8(at + fld('tag').offset, EVENTTYPE.clock);
      if (c.identifier !== undefined) {
        if (f.abi.abi !== 'unstable') throw new Error('subscriptions: identifier exists only in wasi_unstable');
        view.setBigUint64(at + fld('clock_identifier').offset, BigInt.asUintN(64, c.identifier), true);
      }
      view.setUint32(at + fld('clock_id').offset, c.id >>> 0, true);
      view.setBigUint64(at + fld('clock_precision').offset, c.precision ?? 0n, true);
      view.setUint16(at + fld('clock_flags').offset, c.abstime ? SUBCLOCKFLAGS.abstime : 0, true);
      const timeout = c.timeout;
      if (typeof timeout === 'string') late.push((base) => `(i64.store (i32.const ${base + at + fld('clock_timeout').offset}) ${timeout})`);
      else view.setBigUint64(at + fld('clock_timeout').offset, BigInt.asUintN(64, BigInt(timeout)), true);
    } else if ('tag' in s) {
      view.setUint8(at + fld('tag').offset, s.tag);
    } else {
      const read = s.fd_read !== undefined;
      const fd = read ? s.fd_read! : s.fd_write!;
      view.setUint8(at + fld('tag').offset, read ? EVENTTYPE.fd_read : EVENTTYPE.fd_write);
      if (typeof fd === 'string') late.push((base) => `(i32.store (i32.const ${base + at + fld('fd').offset}) ${fd})`);
      else view.setUint32(at + fld('fd').offset, Number(fd) >>> 0, true);
    }
  });
  const placed = new Uint8Array(misalign + buf.length);
  placed.set(buf, misalign);
  const base = f.bytes(placed, layout.align) + misalign;
  for (const store of late) f.emit(store(base));
  return base;
}

/** An event buffer for n events, pre-filled with the sentinel byte. */
export function eventBuffer(f: Fixture, n: number): number {
  return f.sentinel(f.abi.layouts.event.size * n, EVENT_SENTINEL);
}

/** poll_oneoff(in, out, n, nevents) as an expression. */
export function pollCall(f: Fixture, inPtr: Arg, outPtr: Arg, n: Arg, neventsPtr: Arg): string {
  return f.call('poll_oneoff', inPtr, outPtr, n, neventsPtr);
}

/**
 * Subscribe and poll (the call under test: `errno=0` is printed and required); return the event
 * buffer and the number of events (an i32 local expression).
 */
export function pollOk(f: Fixture, subs: Sub[]): { out: number; nevents: string } {
  const inPtr = subscriptions(f, subs);
  const out = eventBuffer(f, subs.length);
  const n = f.out32();
  f.expectSuccess(pollCall(f, inPtr, out, subs.length, n));
  return { out, nevents: f.let(f.u32(n)) };
}

/** Offsets of the event fields (same in both ABIs). */
export function eventField(f: Fixture, name: 'userdata' | 'error' | 'type' | 'nbytes' | 'flags'): { offset: number; size: number } {
  const x = f.abi.layouts.event.fields[name];
  if (!x) throw new Error(`event has no ${name}`);
  return x;
}

/** Load an event field of the event at `ev` (an address expression). */
export function loadEvent(f: Fixture, ev: Arg, name: 'userdata' | 'error' | 'type' | 'nbytes' | 'flags'): string {
  const { offset, size } = eventField(f, name);
  const at = typeof ev === 'string' ? `(i32.add ${ev} (i32.const ${offset}))` : Number(ev) + offset;
  return size === 8 ? f.u64(at) : size === 2 ? f.u16(at) : size === 1 ? f.u8(at) : f.u32(at);
}

/**
 * The address of the first of the `nevents` events at `out` whose userdata is `userdata`, or 0
 * when there is none (an i32 local expression). Events come in no specified order.
 */
export function findEvent(f: Fixture, out: number, nevents: string, userdata: bigint): string {
  const found = f.local();
  const size = f.abi.layouts.event.size;
  f.emit(`(local.set ${found} (i32.const 0))`);
  forEach(f, nevents, (i) => {
    const ev = `(i32.add (i32.const ${out}) (i32.mul ${i} (i32.const ${size})))`;
    return `(if (i32.and (i32.eqz (local.get ${found})) (i64.eq (i64.load ${ev}) ${f.i64(userdata)})) (then (local.set ${found} ${ev})))`;
  });
  return `(local.get ${found})`;
}

/** Number of the `nevents` events at `out` whose userdata is `userdata`. */
export function countEvents(f: Fixture, out: number, nevents: string, userdata: bigint): string {
  const count = f.local();
  const size = f.abi.layouts.event.size;
  f.emit(`(local.set ${count} (i32.const 0))`);
  forEach(f, nevents, (i) => {
    const ev = `(i32.add (i32.const ${out}) (i32.mul ${i} (i32.const ${size})))`;
    return `(if (i64.eq (i64.load ${ev}) ${f.i64(userdata)}) (then (local.set ${count} (i32.add (local.get ${count}) (i32.const 1)))))`;
  });
  return `(local.get ${count})`;
}

/** Read clock `id` now (a precondition) into an i64 local expression. */
export function now(f: Fixture, id: number = CLOCK.monotonic): string {
  const out = f.out64();
  f.ok(f.call('clock_time_get', id, 0n, out), 'clock_time_get');
  return f.let(f.u64(out), 'i64');
}
