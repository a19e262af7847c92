/**
 * poll_oneoff: clock timeouts (relative and absolute) and fd_read / fd_write readiness.
 *
 * The host is synchronous: readiness is checked once. If some subscription is ready (or failed),
 * those events are returned at once, with every clock already due. Otherwise the call sleeps
 * until the earliest clock timeout (Atomics.wait on a SharedArrayBuffer; a busy wait where the
 * host forbids blocking, as a browser's main thread does) and returns the clocks due then.
 * Nothing ready and no clock to wait for would block forever — nothing can arrive while the
 * guest's thread is blocked — so the call returns EDEADLK instead of hanging.
 */
import { errno, type SubscriptionField } from '../abi.js';
import type { SyscallContext } from '../context.js';
import { fail, trap, WasiError } from '../errors.js';
import { clockName } from './clock.js';

interface Event {
  userdata: bigint;
  error: number;
  type: number;
  nbytes: bigint;
  flags: number;
}

interface Timer {
  userdata: bigint;
  /** Nanoseconds from now until the timeout (≤ 0: due already). */
  wait: bigint;
}

const sleepCell = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;

/** Block the thread for `ns` nanoseconds of real time (at least). */
export function sleepNs(ns: bigint): void {
  if (ns <= 0n) return;
  const end = performance.now() + Number(ns) / 1e6;
  for (let left = end - performance.now(); left > 0; left = end - performance.now()) {
    if (sleepCell) {
      try {
        Atomics.wait(sleepCell, 0, 0, left);
        continue;
      } catch {
        // Atomics.wait is not allowed on this thread: fall through to busy waiting.
      }
    }
  }
}

/**
 * poll_oneoff(in, out, nsubscriptions) — "Concurrently poll for the occurrence of a set of
 * events. If `nsubscriptions` is 0, returns `errno::inval`." Result: "The number of events stored."
 *
 * - clock: "The time value of clock `subscription_clock::id` has reached timestamp
 *   `subscription_clock::timeout`"; with `subscription_clock_abstime` the timeout is "an absolute
 *   timestamp of clock id", else "relative to the current time value" of it. `precision` (extra
 *   wait allowed to coalesce) is not needed. An unknown clock id or flag bit is an event with
 *   error EINVAL.
 * - fd_read / fd_write: the fd "has data available for reading" / "has capacity available for
 *   writing"; "This event always triggers for regular files" (nbytes = bytes left to read).
 *   Needs `poll_fd_readwrite` plus `fd_read` / `fd_write` on the fd ("If rights::fd_read is set,
 *   includes the right to invoke poll_oneoff to subscribe to eventtype::fd_read"); a closed fd
 *   or missing right is an event with error EBADF / ENOTCAPABLE, not a failed call.
 * Memory: `subscription` per ABI (preview1 48 bytes; wasi_unstable 56, with `identifier`),
 * alignment 8; `event` 32 bytes: userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16,
 * flags u16 @24; `nevents` u32.
 * @returns success; EINVAL for nsubscriptions = 0; EDEADLK when nothing can ever become ready.
 *   Traps if the subscription array, event array or `nevents` is out of bounds or misaligned.
 */
export function poll_oneoff(ctx: SyscallContext, in_: number, out: number, nsubscriptions: number, nevents: number): number {
  if (nsubscriptions === 0) fail(errno.inval, 'nsubscriptions is 0');
  const { subscription: sub, event: ev } = ctx.abi.layouts;
  if (nsubscriptions * sub.size > 0xffffffff) trap('subscription array larger than memory');
  ctx.memory.check(in_, nsubscriptions * sub.size, sub.align);
  ctx.memory.check(out, nsubscriptions * ev.size, ev.align);
  ctx.memory.check(nevents, 4, 4);

  const ready: Event[] = [];
  const timers: Timer[] = [];
  for (let i = 0; i < nsubscriptions; i++) {
    const s = ctx.memory.readStruct<Exclude<SubscriptionField, 'clock_identifier'>>(sub, in_ + i * sub.size);
    const userdata = BigInt(s.userdata);
    const type = Number(s.tag);
    try {
      if (type === ctx.abi.eventtype.clock) timers.push({ userdata, wait: clockWait(ctx, s) });
      else if (type === ctx.abi.eventtype.fd_read || type === ctx.abi.eventtype.fd_write) {
        const e = fdReadiness(ctx, Number(s.fd), type === ctx.abi.eventtype.fd_read);
        if (e) ready.push({ userdata, error: 0, type, ...e });
      } else {
        fail(errno.inval, `unknown eventtype ${type}`);
      }
    } catch (e) {
      if (!(e instanceof WasiError)) throw e;
      ready.push({ userdata, error: e.errno, type, nbytes: 0n, flags: 0 });
    }
  }

  let events = ready;
  if (ready.length > 0) {
    events = [...ready, ...timers.filter((t) => t.wait <= 0n).map((t) => clockEvent(ctx, t))];
  } else {
    if (timers.length === 0) fail(errno.deadlk, 'no subscription can become ready');
    const first = timers.reduce((m, t) => (t.wait < m ? t.wait : m), timers[0]!.wait);
    sleepNs(first);
    events = timers.filter((t) => t.wait <= first).map((t) => clockEvent(ctx, t));
  }

  events.forEach((e, i) => ctx.memory.writeStruct(ev, out + i * ev.size, e));
  ctx.memory.setU32(nevents, events.length);
  return errno.success;
}

/** Nanoseconds until a clock subscription's timeout, read against its own clock. */
function clockWait(ctx: SyscallContext, s: Record<string, number | bigint>): bigint {
  const name = clockName(ctx, Number(s.clock_id)) ?? fail(errno.inval, 'unknown clock id');
  const flags = Number(s.clock_flags);
  const abstime = ctx.abi.subclockflags.subscription_clock_abstime;
  if ((flags & ~abstime) !== 0) fail(errno.inval, 'unknown subclockflags bits');
  const timeout = BigInt(s.clock_timeout);
  return flags & abstime ? timeout - ctx.clock.now(name) : timeout;
}

function clockEvent(ctx: SyscallContext, t: Timer): Event {
  return { userdata: t.userdata, error: 0, type: ctx.abi.eventtype.clock, nbytes: 0n, flags: 0 };
}

/** The fd's readiness (undefined: not ready); EBADF / ENOTCAPABLE thrown as WasiError. */
function fdReadiness(ctx: SyscallContext, fd: number, read: boolean): { nbytes: bigint; flags: number } | undefined {
  const r = ctx.abi.rights;
  const obj = ctx.fds.get(fd, r.poll_fd_readwrite! | (read ? r.fd_read! : r.fd_write!));
  const state = obj.pollReady(read ? 'read' : 'write');
  if (!state) return undefined;
  return { nbytes: state.nbytes, flags: state.hangup ? ctx.abi.eventrwflags.fd_readwrite_hangup : 0 };
}
