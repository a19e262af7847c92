/**
 * poll_oneoff rules found missing by mutation testing (npm run mutate): the eventrwflags of
 * files and stdio, nbytes past the end of a file, undefined subclockflags bits, subscription
 * padding, and an fd that is ready together with a clock already due.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import { CLOCK, ERRNO, EVENTTYPE } from '../spec.js';
import { openFile, seek } from '../lib/fd-io.js';
import { countEvents, eventBuffer, findEvent, loadEvent, pollCall, pollOk, type Sub } from '../lib/poll.js';

const TREE = { 'data.txt': 'hello' };
const NBYTES = 'docs.md#event_fd_readwrite';
const HANGUP_QUOTE = 'fd_readwrite_hangup: The peer of this socket has closed or disconnected.';

/** One fd subscription, polled; checks the event has no flag set (no hangup: there is no peer). */
function expectNoHangup(f: Fixture, sub: Sub): void {
  const { out, nevents } = pollOk(f, [sub]);
  f.check('nevents', nevents, 1);
  f.check('event_error', loadEvent(f, out, 'error'), 0, { what: 'event.error' });
  f.check('event_flags', loadEvent(f, out, 'flags'), 0, { what: 'event.fd_readwrite.flags (no hangup)' });
}

/**
 * A clock subscription written byte by byte: every byte that is not a field of this ABI's
 * layout (the padding after the tag, the clock id and the flags) holds `fill`.
 */
function rawClockSubscription(f: Fixture, o: { userdata: bigint; flags: number; fill: number }): number {
  const layout = f.abi.layouts.subscription;
  const bytes = new Uint8Array(layout.size).fill(o.fill);
  const view = new DataView(bytes.buffer);
  const at = (name: string): number => {
    const x = layout.fields[name];
    if (!x) throw new Error(`subscription has no ${name}`);
    return x.offset;
  };
  view.setBigUint64(at('userdata'), o.userdata, true);
  view.setUint8(at('tag'), EVENTTYPE.clock);
  if (layout.fields.clock_identifier) view.setBigUint64(at('clock_identifier'), 0n, true);
  view.setUint32(at('clock_id'), CLOCK.monotonic, true);
  view.setBigUint64(at('clock_timeout'), 0n, true);
  view.setBigUint64(at('clock_precision'), 0n, true);
  view.setUint16(at('clock_flags'), o.flags, true);
  return f.bytes(bytes, layout.align);
}

const WHOLE_CALL_EINVAL: AltErrno = { errno: 'inval', behaviour: 'EINVAL for the whole call instead of in the event (wasmtime wasi-common)' };

const cases: CaseDef[] = [
  {
    name: 'regular-file-read-no-hangup', tags: ['poll'], tree: TREE,
    description: 'an fd_read event on a regular file has no fd_readwrite_hangup flag',
    spec: NBYTES, quote: HANGUP_QUOTE,
    body: (f) => expectNoHangup(f, { userdata: 1n, fd_read: openFile(f, 'data.txt') }),
  },
  {
    name: 'regular-file-write-no-hangup', tags: ['poll'], tree: TREE,
    description: 'an fd_write event on a regular file has no fd_readwrite_hangup flag',
    spec: NBYTES, quote: HANGUP_QUOTE,
    body: (f) => expectNoHangup(f, { userdata: 1n, fd_write: openFile(f, 'data.txt') }),
  },
  {
    name: 'stdout-write-no-hangup', tags: ['poll', 'stdio'],
    description: 'an fd_write event on stdout has no fd_readwrite_hangup flag (stdout is open)',
    spec: NBYTES, quote: HANGUP_QUOTE,
    body: (f) => expectNoHangup(f, { userdata: 1n, fd_write: 1 }),
  },
  {
    name: 'read-nbytes-zero-past-eof', tags: ['poll', 'edge'], tree: TREE,
    description: 'fd_read on a file whose offset is past its end reports nbytes = 0, not a wrapped value',
    spec: NBYTES, quote: 'The number of bytes available for reading or writing.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 9);
      const { out, nevents } = pollOk(f, [{ userdata: 1n, fd_read: fd }]);
      f.check('nevents', nevents, 1);
      f.check('nbytes', loadEvent(f, out, 'nbytes'), 0n, { what: 'event.fd_readwrite.nbytes' });
    },
  },
  {
    name: 'clock-undefined-flag-bit', tags: ['poll', 'clocks', 'errors'],
    description: 'a clock subscription with an undefined subclockflags bit yields an EINVAL event',
    spec: 'docs.md#subclockflags',
    quote: 'Flags determining how to interpret the timestamp provided in subscription_clock::timeout.',
    body: (f) => {
      const inPtr = rawClockSubscription(f, { userdata: 7n, flags: 0x2, fill: 0 });
      const out = eventBuffer(f, 1);
      const n = f.out32();
      f.expectSuccess(pollCall(f, inPtr, out, 1, n), { accept: [WHOLE_CALL_EINVAL] });
      f.endIfAlternative(WHOLE_CALL_EINVAL.behaviour);
      f.check('nevents', f.u32(n), 1);
      f.check('event_error', loadEvent(f, out, 'error'), ERRNO.inval, { what: 'event.error' });
    },
  },
  {
    name: 'subscription-padding-ignored', tags: ['poll', 'abi-layout', 'edge'],
    description: 'padding bytes of a clock subscription (after tag, clock id, flags) do not change it',
    spec: 'docs.md#subscription',
    quote: 'The contents of a subscription.',
    body: (f) => {
      const inPtr = rawClockSubscription(f, { userdata: 9n, flags: 0, fill: 0xff });
      const out = eventBuffer(f, 1);
      const n = f.out32();
      f.expectSuccess(pollCall(f, inPtr, out, 1, n));
      f.check('nevents', f.u32(n), 1);
      f.check('event_error', loadEvent(f, out, 'error'), 0, { what: 'event.error' });
      f.check('event_type', loadEvent(f, out, 'type'), EVENTTYPE.clock, { what: 'event.type' });
      f.check('event_userdata', loadEvent(f, out, 'userdata'), 9n, { what: 'event.userdata' });
    },
  },
  {
    name: 'ready-fd-and-due-clock-both-reported', tags: ['poll', 'clocks'], tree: TREE,
    description: 'a ready fd and a clock already due (timeout 0) in one call: both events are stored',
    spec: 'docs.md#poll_oneoff',
    quote: 'Concurrently poll for the occurrence of a set of events.',
    body: (f) => {
      const subs: Sub[] = [
        { userdata: 1n, fd_read: openFile(f, 'data.txt') },
        { userdata: 2n, clock: { id: CLOCK.monotonic, timeout: 0n } },
      ];
      const { out, nevents } = pollOk(f, subs);
      f.check('nevents', nevents, 2);
      f.check('fd_event', countEvents(f, out, nevents, 1n), 1, { what: 'events with userdata 1 (the fd)' });
      f.check('clock_event', countEvents(f, out, nevents, 2n), 1, { what: 'events with userdata 2 (the clock)' });
      const clock = findEvent(f, out, nevents, 2n);
      f.check('clock_type', loadEvent(f, clock, 'type'), EVENTTYPE.clock, { what: 'type of the clock event' });
    },
  },
];

export default suite('poll_oneoff', cases);
