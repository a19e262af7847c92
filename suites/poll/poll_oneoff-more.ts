/**
 * poll_oneoff, more layout cases: every field of an fd event is written (over 0xaa bytes), the
 * clock id is read as a whole u32, an fd subscription reads only its u32 fd (the bytes after it
 * are not part of it), wasi_unstable takes event.userdata from subscription.userdata (not the
 * clock identifier), and a misaligned nevents pointer traps. (Event flags and clock
 * subscription padding: suites/mutation/poll_oneoff.ts.)
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import { CLOCK, ERRNO, EVENTTYPE } from '../spec.js';
import { TRAP_ALTS, openFile } from '../lib/fd-io.js';
import { eventBuffer, loadEvent, pollCall, pollOk, subscriptions } from '../lib/poll.js';

const TREE = { 'data.txt': 'hello' };

/** Store `byte` over `len` bytes from `addr` at run time (garbage in bytes a field must not span). */
function fill(f: Fixture, addr: number, len: number, byte: number): void {
  for (let i = 0; i < len; i++) f.emit(`(i32.store8 (i32.const ${addr + i}) (i32.const ${byte}))`);
}

/** The event of a lone subscription that must be served: nevents 1, error 0, the given `type`. */
function expectServed(f: Fixture, inPtr: number, type: number): void {
  const out = eventBuffer(f, 1);
  const n = f.out32();
  f.expectSuccess(pollCall(f, inPtr, out, 1, n));
  f.check('nevents', f.u32(n), 1);
  f.check('error', loadEvent(f, out, 'error'), 0, { what: 'event.error' });
  f.check('type', loadEvent(f, out, 'type'), type, { what: 'event.type' });
}

const WHOLE_CALL_EINVAL: AltErrno = { errno: 'inval', behaviour: 'EINVAL for the whole call instead of in the event (wasmtime wasi-common)' };

export default suite('poll_oneoff', [
  {
    name: 'subscription-clock-id-is-u32', tags: ['poll', 'abi-layout', 'errors'], timeout_ms: 5000, spec: 'docs.md#clockid',
    description: 'clock id 0x101 is read as a whole u32, not as monotonic (1): the event has error EINVAL',
    quote: 'Identifiers for clocks.',
    body: (f) => {
      const inPtr = subscriptions(f, [{ userdata: 3n, clock: { id: 0x101, timeout: 0n } }]);
      const out = eventBuffer(f, 1);
      const n = f.out32();
      f.expectSuccess(pollCall(f, inPtr, out, 1, n), { accept: [WHOLE_CALL_EINVAL] });
      f.endIfAlternative(WHOLE_CALL_EINVAL.behaviour);
      f.check('nevents', f.u32(n), 1);
      f.check('event_error', loadEvent(f, out, 'error'), ERRNO.inval, { what: 'event.error (EINVAL)' });
    },
  },
  {
    name: 'fd-subscription-reads-only-fd', tags: ['poll', 'abi-layout'], tree: TREE, fs_after: TREE, timeout_ms: 5000, spec: 'docs.md#subscription_fd_readwrite',
    description: 'an fd_read subscription with 0xff in every byte after its u32 fd is still served',
    quote: 'The file descriptor on which to wait for it to become ready for reading or writing.',
    body: (f) => {
      const layout = f.abi.layouts.subscription;
      const inPtr = subscriptions(f, [{ userdata: 1n, fd_read: openFile(f, 'data.txt') }]);
      const after = layout.fields.fd!.offset + 4;
      fill(f, inPtr + after, layout.size - after, 0xff);
      expectServed(f, inPtr, EVENTTYPE.fd_read);
    },
  },
  {
    name: 'fd-event-fields-written', tags: ['poll', 'abi-layout'], tree: TREE, fs_after: TREE, spec: 'docs.md#event',
    description: 'an fd_read event writes userdata (0), error (8), type (10) and nbytes (16) over 0xaa bytes',
    body: (f) => {
      const { out } = pollOk(f, [{ userdata: 0x0102030405060708n, fd_read: openFile(f, 'data.txt') }]);
      f.check('userdata', loadEvent(f, out, 'userdata'), 0x0102030405060708n);
      f.check('error', loadEvent(f, out, 'error'), 0, { what: 'event.error (u16 at 8)' });
      f.check('type', loadEvent(f, out, 'type'), EVENTTYPE.fd_read, { what: 'event.type (u8 at 10)' });
      f.checkTrue('nbytes_written', `(i64.ne ${loadEvent(f, out, 'nbytes')} (i64.const 0xaaaaaaaaaaaaaaaa))`, 'event.nbytes (u64 at 16) no longer the 0xaa fill');
    },
  },
  {
    name: 'unstable-userdata-not-identifier', tags: ['poll', 'abi-layout'], abis: ['unstable'], timeout_ms: 5000,
    spec: 'docs.md#subscription', quote: 'User-provided value that is attached to the subscription in the implementation and returned through `event::userdata`.',
    description: 'wasi_unstable: event.userdata is the subscription\'s userdata, not the clock\'s identifier',
    body: (f) => {
      const inPtr = subscriptions(f, [{ userdata: 0x1111n, clock: { id: CLOCK.monotonic, timeout: 0n, identifier: 0x2222n } }]);
      const out = eventBuffer(f, 1);
      const n = f.out32();
      f.expectSuccess(pollCall(f, inPtr, out, 1, n));
      f.check('userdata', loadEvent(f, out, 'userdata'), 0x1111n, { what: 'event.userdata (subscription.userdata, not identifier 0x2222)' });
    },
  },
  {
    name: 'nevents-misaligned', tags: ['poll', 'pointers', 'errors'], timeout_ms: 5000, spec: 'docs.md#size', quote: 'Alignment: 4',
    description: 'an nevents pointer not 4-byte aligned traps',
    body: (f) => {
      const inPtr = subscriptions(f, [{ userdata: 1n, clock: { id: CLOCK.monotonic, timeout: 0n } }]);
      f.expectTrap(pollCall(f, inPtr, eventBuffer(f, 1), 1, f.alloc(8, 4) + 2), TRAP_ALTS);
    },
  },
]);
