/**
 * poll_oneoff: clock subscriptions (relative and absolute, realtime and monotonic), fd_read /
 * fd_write subscriptions on regular files and stdio, per-subscription errors, the subscription
 * and event layouts of both ABIs, and bad pointers. Cases never assert exact clock values: only
 * relations (waited at least the timeout, returned well before a long one). Sleeps stay ≤ 20 ms.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import { CLOCK, ERRNO, EVENTTYPE, rights } from '../spec.js';
import { EFAULT, TRAP_ALTS, UNOPENED_FD, openFile } from '../lib/fd-io.js';
import {
  MS, countEvents, eventBuffer, findEvent, loadEvent, now, pollCall, pollOk, subscriptions, type Sub,
} from '../lib/poll.js';

const TREE = { 'data.txt': 'hello' };
/** A timeout no conforming run waits for: a case returning before it shows nothing waited. */
const LONG = 500n * MS;
const SHORT = 20n * MS;

/** Per-subscription errors: the event carries them; wasi-common fails the whole call instead. */
const WHOLE_CALL = (errno: 'badf' | 'inval' | 'notcapable'): AltErrno =>
  ({ errno, behaviour: `E${errno.toUpperCase()} for the whole call instead of in the event (wasmtime wasi-common)` });
const NBYTES_ZERO = 'nbytes not computed for regular files: 0 (uvwasi; WASI issue #148 leaves nbytes open)';
const RIGHTS_NOT_ENFORCED = 'rights not enforced: the fd is polled and its event succeeds (wazero)';

const clock = (userdata: bigint, timeout: bigint | string, opts: { id?: number; abstime?: boolean } = {}): Sub =>
  ({ userdata, clock: { id: opts.id ?? CLOCK.monotonic, timeout, abstime: opts.abstime } });

/** Poll one subscription and check the call succeeded with exactly one event. */
function pollOne(f: Fixture, sub: Sub): number {
  const inPtr = subscriptions(f, [sub]);
  const out = eventBuffer(f, 1);
  const n = f.out32();
  f.expectSuccess(pollCall(f, inPtr, out, 1, n));
  f.check('nevents', f.u32(n), 1);
  return out;
}

/** i64 nanoseconds between two clock readings as a condition `>= min`. */
const atLeast = (after: string, before: string, min: bigint): string => `(i64.ge_u (i64.sub ${after} ${before}) ${`(i64.const ${min})`})`;
const below = (after: string, before: string, max: bigint): string => `(i64.lt_u (i64.sub ${after} ${before}) ${`(i64.const ${max})`})`;

/**
 * A subscription the runtime cannot serve: the call succeeds and the event carries `errno`; or
 * (wasi-common) the whole call fails with it.
 */
function expectEventError(f: Fixture, subs: Sub[], errno: 'badf' | 'inval' | 'notcapable', userdata: bigint, extra: AltErrno[] = []): void {
  const inPtr = subscriptions(f, subs);
  const out = eventBuffer(f, subs.length);
  const n = f.out32();
  const whole = WHOLE_CALL(errno);
  f.expectSuccess(pollCall(f, inPtr, out, subs.length, n), { accept: [whole] });
  f.endIfAlternative(whole.behaviour);
  const nevents = f.let(f.u32(n));
  f.check('event_present', countEvents(f, out, nevents, userdata), 1, { what: `one event with userdata ${userdata}` });
  const ev = findEvent(f, out, nevents, userdata);
  f.check('event_error', loadEvent(f, ev, 'error'), ERRNO[errno], {
    what: 'event.error', accept: extra.map((a) => ({ value: ERRNO[a.errno], behaviour: a.behaviour })),
  });
}

/** One ready fd subscription plus a long guard clock: the fd's event must come back, error-free. */
function expectFdReady(f: Fixture, fd: string | number, kind: 'fd_read' | 'fd_write'): void {
  const sub: Sub = kind === 'fd_read' ? { userdata: 7n, fd_read: fd } : { userdata: 7n, fd_write: fd };
  const { out, nevents } = pollOk(f, [sub, clock(8n, LONG)]);
  f.check('fd_event', countEvents(f, out, nevents, 7n), 1, { what: `one ${kind} event for the fd` });
  const ev = findEvent(f, out, nevents, 7n);
  f.check('error', loadEvent(f, ev, 'error'), 0, { what: 'event.error' });
  f.check('type', loadEvent(f, ev, 'type'), EVENTTYPE[kind], { what: 'event.type' });
}

const clockCases: CaseDef[] = [
  {
    name: 'nsubscriptions-zero', tags: ['poll', 'errors'],
    description: 'nsubscriptions = 0 fails with EINVAL',
    quote: 'If `nsubscriptions` is 0, returns `errno::inval`.',
    body: (f) => {
      const inPtr = subscriptions(f, [clock(1n, 0n)]);
      f.expectErrno(pollCall(f, inPtr, eventBuffer(f, 1), 0, f.out32()), 'inval', {
        accept: f.abi.abi === 'unstable' ? [{ errno: 'success', behaviour: 'success with no events: the wasi_unstable docs do not require EINVAL' }] : [],
      });
    },
  },
  {
    name: 'clock-relative-fires', tags: ['poll', 'clocks', 'basic'],
    description: 'a relative monotonic clock subscription of 1 ms produces one event',
    quote: 'The time value of clock `subscription_clock::id` has reached timestamp `subscription_clock::timeout`.',
    body: (f) => { pollOne(f, clock(1n, MS)); },
  },
  {
    name: 'clock-relative-waits', tags: ['poll', 'clocks'],
    description: 'a relative monotonic timeout of 20 ms returns no sooner than 20 ms later',
    quote: 'If clear, treat the timestamp provided in `subscription_clock::timeout` relative to the current time value of clock `subscription_clock::id`.',
    spec: 'docs.md#subclockflags',
    body: (f) => {
      const before = now(f);
      pollOk(f, [clock(1n, SHORT)]);
      f.checkTrue('waited_timeout', atLeast(now(f), before, SHORT), 'monotonic time advanced by at least the timeout');
    },
  },
  {
    name: 'clock-realtime-relative-waits', tags: ['poll', 'clocks'],
    description: 'a relative realtime timeout of 20 ms returns no sooner than 20 ms later',
    body: (f) => {
      const before = now(f);
      pollOk(f, [clock(1n, SHORT, { id: CLOCK.realtime })]);
      f.checkTrue('waited_timeout', atLeast(now(f), before, SHORT), 'monotonic time advanced by at least the timeout');
    },
  },
  {
    name: 'timeout-zero-fires-at-once', tags: ['poll', 'clocks', 'edge'],
    description: 'a relative timeout of 0 expires immediately with one clock event',
    body: (f) => {
      const before = now(f);
      pollOne(f, clock(1n, 0n));
      f.checkTrue('returned_promptly', below(now(f), before, LONG), 'returned in under 500 ms');
    },
  },
  {
    name: 'timeout-unit-is-nanoseconds', tags: ['poll', 'clocks'],
    description: 'a relative timeout of 1000000 is 1 ms (nanoseconds), not 1 s or more',
    spec: 'docs.md#timestamp', quote: 'Timestamp in nanoseconds.',
    body: (f) => {
      const before = now(f);
      pollOk(f, [clock(1n, MS)]);
      f.checkTrue('returned_promptly', below(now(f), before, LONG), 'a 1 ms timeout returned in under 500 ms');
    },
  },
  {
    name: 'abstime-monotonic-future-waits', tags: ['poll', 'clocks'],
    description: 'an absolute monotonic deadline 20 ms ahead returns once the clock reached it',
    spec: 'docs.md#subclockflags',
    quote: 'If set, treat the timestamp provided in `subscription_clock::timeout` as an absolute timestamp of clock `subscription_clock::id`.',
    body: (f) => {
      const deadline = f.let(`(i64.add ${now(f)} (i64.const ${SHORT}))`, 'i64');
      pollOk(f, [clock(1n, deadline, { abstime: true })]);
      f.checkTrue('reached_deadline', `(i64.ge_u ${now(f)} ${deadline})`, 'monotonic clock at or past the deadline');
    },
  },
  {
    name: 'abstime-monotonic-past-fires', tags: ['poll', 'clocks'],
    description: 'an absolute monotonic deadline already passed expires at once',
    spec: 'docs.md#subclockflags',
    body: (f) => {
      const before = now(f);
      pollOne(f, clock(1n, before, { abstime: true }));
      f.checkTrue('returned_promptly', below(now(f), before, LONG), 'returned in under 500 ms');
    },
  },
  {
    name: 'abstime-realtime-future-waits', tags: ['poll', 'clocks'],
    description: 'an absolute realtime deadline 20 ms ahead returns once the realtime clock reached it',
    spec: 'docs.md#subclockflags',
    body: (f) => {
      const deadline = f.let(`(i64.add ${now(f, CLOCK.realtime)} (i64.const ${SHORT}))`, 'i64');
      pollOk(f, [clock(1n, deadline, { id: CLOCK.realtime, abstime: true })]);
      f.checkTrue('reached_deadline', `(i64.ge_u ${now(f, CLOCK.realtime)} ${deadline})`, 'realtime clock at or past the deadline');
    },
  },
  {
    name: 'abstime-realtime-past-fires', tags: ['poll', 'clocks'],
    description: 'an absolute realtime deadline 1 s in the past expires at once (not read as relative)',
    spec: 'docs.md#subclockflags',
    body: (f) => {
      const before = now(f);
      const past = f.let(`(i64.sub ${now(f, CLOCK.realtime)} (i64.const 1000000000))`, 'i64');
      pollOne(f, clock(1n, past, { id: CLOCK.realtime, abstime: true }));
      f.checkTrue('returned_promptly', below(now(f), before, LONG), 'returned in under 500 ms');
    },
  },
  {
    name: 'earliest-clock-fires-alone', tags: ['poll', 'clocks'],
    description: 'with timeouts of 0 and 500 ms only the expired subscription is reported',
    body: (f) => {
      const { out, nevents } = pollOk(f, [clock(1n, 0n), clock(2n, LONG)]);
      f.check('nevents', nevents, 1);
      f.check('userdata', loadEvent(f, out, 'userdata'), 1n, { what: 'the event is the 0 ms subscription' });
    },
  },
  {
    name: 'both-expired-clocks-reported', tags: ['poll', 'clocks'],
    description: 'two subscriptions with timeout 0 both expire: two events, one per userdata',
    quote: 'The number of events stored.',
    body: (f) => {
      const { out, nevents } = pollOk(f, [clock(1n, 0n), clock(2n, 0n)]);
      const one = 'only the earliest clock subscription is reported (uvwasi)';
      f.check('nevents', nevents, 2, { accept: [{ value: 1, behaviour: one }] });
      f.endIfAlternative(one);
      f.check('events_ud1', countEvents(f, out, nevents, 1n), 1, { what: 'events with userdata 1' });
      f.check('events_ud2', countEvents(f, out, nevents, 2n), 1, { what: 'events with userdata 2' });
    },
  },
  {
    name: 'ready-fd-does-not-wait-for-clock', tags: ['poll'], tree: TREE,
    description: 'a ready regular-file subscription returns without waiting for a 500 ms clock',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const { out, nevents } = pollOk(f, [{ userdata: 1n, fd_read: fd }, clock(2n, LONG)]);
      f.check('nevents', nevents, 1);
      f.check('userdata', loadEvent(f, out, 'userdata'), 1n, { what: 'the event is the fd subscription' });
    },
  },
];

const layoutCases: CaseDef[] = [
  {
    name: 'event-userdata-64-bit', tags: ['poll', 'abi-layout'],
    description: 'event.userdata (offset 0) echoes all 64 bits of subscription.userdata',
    spec: 'docs.md#event', quote: 'User-provided value that got attached to `subscription::userdata`.',
    body: (f) => {
      const out = pollOne(f, clock(0x8877665544332211n, 0n));
      f.check('userdata', loadEvent(f, out, 'userdata'), 0x8877665544332211n);
    },
  },
  {
    name: 'event-error-zero', tags: ['poll', 'abi-layout'],
    description: 'a clock event that fired has event.error (u16 at offset 8) written as 0',
    spec: 'docs.md#event', quote: 'If non-zero, an error that occurred while processing the subscription request.',
    body: (f) => {
      const out = pollOne(f, clock(1n, 0n));
      f.check('error', loadEvent(f, out, 'error'), 0, { what: 'event.error over 0xaa sentinel bytes' });
    },
  },
  {
    name: 'event-type-clock', tags: ['poll', 'abi-layout'],
    description: 'a clock event has event.type (u8 at offset 10) = clock (0)',
    spec: 'docs.md#event', quote: 'The type of event that occurred',
    body: (f) => {
      const out = pollOne(f, clock(1n, 0n));
      f.check('type', loadEvent(f, out, 'type'), EVENTTYPE.clock, { what: 'event.type over 0xaa sentinel bytes' });
    },
  },
  {
    name: 'second-subscription-at-stride', tags: ['poll', 'abi-layout'],
    description: 'the second subscription is read one subscription size on (48 bytes; 56 in wasi_unstable)',
    spec: 'docs.md#subscription',
    body: (f) => {
      const { out, nevents } = pollOk(f, [clock(1n, LONG), clock(2n, 0n)]);
      f.check('nevents', nevents, 1);
      f.check('userdata', loadEvent(f, out, 'userdata'), 2n, { what: 'the event is the second (0 ms) subscription' });
    },
  },
  {
    name: 'second-event-at-stride', tags: ['poll', 'abi-layout'],
    description: 'the second event is written 32 bytes after the first, the first left intact',
    spec: 'docs.md#event',
    body: (f) => {
      const { out, nevents } = pollOk(f, [clock(5n, 0n), clock(5n, 0n)]);
      const one = 'only the earliest clock subscription is reported (uvwasi)';
      f.check('nevents', nevents, 2, { accept: [{ value: 1, behaviour: one }] });
      f.endIfAlternative(one);
      f.check('userdata0', loadEvent(f, out, 'userdata'), 5n, { what: 'event[0].userdata' });
      f.check('userdata1', loadEvent(f, out + 32, 'userdata'), 5n, { what: 'event[1].userdata at offset 32' });
      f.check('type1', loadEvent(f, out + 32, 'type'), EVENTTYPE.clock, { what: 'event[1].type' });
    },
  },
  {
    name: 'unstable-clock-identifier-skipped', tags: ['poll', 'abi-layout'], abis: ['unstable'],
    description: 'wasi_unstable: the clock id is read after the 8-byte identifier (offset 24)',
    spec: 'docs.md#subscription_clock', quote: 'The user-defined unique identifier of the clock.',
    body: (f) => {
      const out = pollOne(f, { userdata: 1n, clock: { id: CLOCK.monotonic, timeout: 0n, identifier: 0xffffffffffffffffn } });
      f.check('error', loadEvent(f, out, 'error'), 0, { what: 'event.error (a misplaced clock id would be invalid)' });
    },
  },
  {
    name: 'unstable-clock-timeout-offset', tags: ['poll', 'abi-layout'], abis: ['unstable'],
    description: 'wasi_unstable: the 20 ms timeout is read at offset 32 of the subscription',
    spec: 'docs.md#subscription_clock',
    body: (f) => {
      const before = now(f);
      pollOk(f, [{ userdata: 1n, clock: { id: CLOCK.monotonic, timeout: SHORT, identifier: 0n } }]);
      f.checkTrue('waited_timeout', atLeast(now(f), before, SHORT), 'monotonic time advanced by at least the timeout');
    },
  },
];

const errorCases: CaseDef[] = [
  {
    name: 'bad-clock-id', tags: ['poll', 'clocks', 'errors'],
    description: 'a clock subscription with clock id 4 yields an event with error EINVAL',
    spec: 'docs.md#event', quote: 'If non-zero, an error that occurred while processing the subscription request.',
    body: (f) => expectEventError(f, [clock(3n, 0n, { id: 4 })], 'inval', 3n),
  },
  {
    name: 'unknown-event-type', tags: ['poll', 'errors'],
    description: 'a subscription with eventtype tag 3 yields an event with error EINVAL',
    spec: 'docs.md#eventtype',
    body: (f) => expectEventError(f, [{ userdata: 3n, tag: 3 }], 'inval', 3n),
  },
  {
    name: 'fd-read-bad-fd', tags: ['poll', 'errors'],
    description: 'fd_read on an fd that was never opened yields an event with error EBADF',
    spec: 'docs.md#event',
    body: (f) => expectEventError(f, [{ userdata: 3n, fd_read: UNOPENED_FD }], 'badf', 3n),
  },
  {
    name: 'fd-write-closed-fd', tags: ['poll', 'errors'], tree: TREE,
    description: 'fd_write on an fd closed before the call yields an event with error EBADF',
    spec: 'docs.md#event',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.ok(f.call('fd_close', fd), 'fd_close');
      expectEventError(f, [{ userdata: 3n, fd_write: fd }], 'badf', 3n);
    },
  },
  {
    name: 'fd-read-without-poll-right', tags: ['poll', 'rights'], tree: TREE,
    description: 'fd_read on an fd lacking poll_fd_readwrite yields an event with error ENOTCAPABLE',
    spec: 'docs.md#rights.poll_fd_readwrite',
    quote: 'If `rights::fd_read` is set, includes the right to invoke `poll_oneoff` to subscribe to `eventtype::fd_read`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: rights('fd_read', 'fd_seek', 'fd_tell') });
      expectEventError(f, [{ userdata: 3n, fd_read: fd }], 'notcapable', 3n, [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }]);
    },
  },
  {
    name: 'fd-write-without-write-right', tags: ['poll', 'rights'], tree: TREE,
    description: 'fd_write on an fd with poll_fd_readwrite but not fd_write yields ENOTCAPABLE',
    spec: 'docs.md#rights.poll_fd_readwrite',
    quote: 'If `rights::fd_write` is set, includes the right to invoke `poll_oneoff` to subscribe to `eventtype::fd_write`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: rights('fd_read', 'poll_fd_readwrite') });
      expectEventError(f, [{ userdata: 3n, fd_write: fd }], 'notcapable', 3n, [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }]);
    },
  },
];

const fdCases: CaseDef[] = [
  {
    name: 'fd-read-regular-file-ready', tags: ['poll', 'basic'], tree: TREE,
    description: 'fd_read on a regular file is ready at once: an fd_read event without error',
    spec: 'docs.md#eventtype.fd_read', quote: 'This event always triggers for regular files.',
    body: (f) => expectFdReady(f, openFile(f, 'data.txt'), 'fd_read'),
  },
  {
    name: 'fd-write-regular-file-ready', tags: ['poll', 'basic'], tree: TREE,
    description: 'fd_write on a regular file is ready at once: an fd_write event without error',
    spec: 'docs.md#eventtype.fd_write', quote: 'This event always triggers for regular files.',
    body: (f) => expectFdReady(f, openFile(f, 'data.txt'), 'fd_write'),
  },
  {
    name: 'fd-read-nbytes-whole-file', tags: ['poll'], tree: TREE,
    description: 'fd_read on a 5-byte file at offset 0 reports nbytes = 5',
    spec: 'docs.md#event_fd_readwrite', quote: 'The number of bytes available for reading or writing.',
    body: (f) => {
      const { out } = pollOk(f, [{ userdata: 1n, fd_read: openFile(f, 'data.txt') }]);
      f.check('nbytes', loadEvent(f, out, 'nbytes'), 5n, { accept: [{ value: 0n, behaviour: NBYTES_ZERO }] });
    },
  },
  {
    name: 'fd-read-nbytes-after-read', tags: ['poll'], tree: TREE,
    description: 'after reading 2 of 5 bytes, fd_read reports nbytes = 3 (from the current offset)',
    spec: 'docs.md#event_fd_readwrite', quote: 'The number of bytes available for reading or writing.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const buf = f.alloc(2);
      const nread = f.out32();
      f.ok(f.call('fd_read', fd, f.iovecs([[buf, 2]]), 1, nread), 'fd_read of 2 bytes');
      const { out } = pollOk(f, [{ userdata: 1n, fd_read: fd }]);
      f.check('nbytes', loadEvent(f, out, 'nbytes'), 3n, { accept: [{ value: 0n, behaviour: NBYTES_ZERO }] });
    },
  },
  {
    name: 'fd-write-stdout-ready', tags: ['poll', 'stdio'],
    description: 'fd_write on stdout becomes ready: an fd_write event without error',
    spec: 'docs.md#eventtype.fd_write',
    body: (f) => expectFdReady(f, 1, 'fd_write'),
  },
  {
    name: 'fd-read-stdin-with-data', tags: ['poll', 'stdio'], stdin: 'pending input\n', requires: ['stdin'],
    description: 'fd_read on stdin with pending input becomes ready: an fd_read event without error',
    spec: 'docs.md#eventtype.fd_read',
    body: (f) => expectFdReady(f, 0, 'fd_read'),
  },
  {
    name: 'read-and-write-on-two-fds', tags: ['poll'], tree: TREE,
    description: 'fd_read on one file and fd_write on another both fire: two events',
    body: (f) => {
      const { out, nevents } = pollOk(f, [{ userdata: 1n, fd_read: openFile(f, 'data.txt') }, { userdata: 2n, fd_write: openFile(f, 'data.txt') }]);
      f.check('nevents', nevents, 2);
      f.check('events_ud1', countEvents(f, out, nevents, 1n), 1, { what: 'events for the read subscription' });
      f.check('events_ud2', countEvents(f, out, nevents, 2n), 1, { what: 'events for the write subscription' });
    },
  },
  {
    name: 'same-fd-read-and-write', tags: ['poll', 'edge'], tree: TREE,
    description: 'one fd subscribed for both fd_read and fd_write yields both events',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const inPtr = subscriptions(f, [{ userdata: 1n, fd_read: fd }, { userdata: 2n, fd_write: fd }]);
      const out = eventBuffer(f, 2);
      const n = f.out32();
      const once = 'EINVAL: an fd may be subscribed once per call (wasmtime wasi-common)';
      f.expectSuccess(pollCall(f, inPtr, out, 2, n), { accept: [{ errno: 'inval', behaviour: once }] });
      f.endIfAlternative(once);
      f.check('nevents', f.u32(n), 2);
    },
  },
  {
    name: 'fd-event-type-read', tags: ['poll', 'abi-layout'], tree: TREE,
    description: 'an fd_read event has type fd_read (1) and userdata at offset 0 over sentinel bytes',
    spec: 'docs.md#event',
    body: (f) => {
      const { out } = pollOk(f, [{ userdata: 0x1122334455667788n, fd_read: openFile(f, 'data.txt') }]);
      f.check('userdata', loadEvent(f, out, 'userdata'), 0x1122334455667788n);
      f.check('type', loadEvent(f, out, 'type'), EVENTTYPE.fd_read);
    },
  },
];

const pointerCases: CaseDef[] = [
  {
    name: 'in-out-of-bounds', tags: ['poll', 'pointers', 'errors'],
    description: 'a subscription array starting at the end of memory traps',
    body: (f) => f.expectTrap(pollCall(f, f.memEnd, eventBuffer(f, 1), 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'in-straddles-end', tags: ['poll', 'pointers', 'errors'],
    description: 'a subscription array whose last 24 bytes lie past the end of memory traps',
    body: (f) => f.expectTrap(pollCall(f, f.memEnd - 24, eventBuffer(f, 1), 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'out-straddles-end', tags: ['poll', 'pointers', 'errors'],
    description: 'an event buffer whose last 16 bytes lie past the end of memory traps',
    body: (f) => f.expectTrap(pollCall(f, subscriptions(f, [clock(1n, 0n)]), f.memEnd - 16, 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'in-misaligned', tags: ['poll', 'pointers', 'errors'],
    description: 'a subscription array at an address not 8-byte aligned traps',
    spec: 'docs.md#subscription', quote: 'Alignment: 8',
    body: (f) => f.expectTrap(pollCall(f, subscriptions(f, [clock(1n, 0n)], 4), eventBuffer(f, 1), 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'out-misaligned', tags: ['poll', 'pointers', 'errors'],
    description: 'an event buffer at an address not 8-byte aligned traps',
    spec: 'docs.md#event', quote: 'Alignment: 8',
    body: (f) => f.expectTrap(pollCall(f, subscriptions(f, [clock(1n, 0n)]), eventBuffer(f, 2) + 4, 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'nsubscriptions-size-wraps', tags: ['poll', 'pointers', 'errors', 'edge'],
    description: 'an nsubscriptions whose byte size wraps past 2^32 is out of bounds and traps',
    body: (f) => {
      // n * size = 2^32 + a few bytes: a 32-bit size computation wraps to less than one subscription
      const n = Math.floor(2 ** 32 / f.abi.layouts.subscription.size) + 1;
      f.expectTrap(pollCall(f, subscriptions(f, [clock(1n, 0n)]), eventBuffer(f, 1), n, f.out32()), { accept: [EFAULT] });
    },
  },
];

/**
 * A conforming run takes milliseconds; a runtime that misreads a timeout (absolute as relative,
 * the wrong unit or offset) would sleep for days, so these cases get a short deadline.
 */
const DEADLINE_MS = 5000;

export default suite('poll_oneoff', [...clockCases, ...layoutCases, ...errorCases, ...fdCases, ...pointerCases]
  .map((c) => ({ timeout_ms: DEADLINE_MS, ...c })));
