/**
 * poll_oneoff and sock_* of the reference: one table on both backends and ABIs (subscriptions
 * laid out from suites/spec.ts per ABI), plus timing checks for clock subscriptions.
 * Sockets are in-memory endpoints handed in through the reference's `sockets` option: they get
 * the fds after the preopen (4, 5, …), and a path_open'ed file the lowest free fd (4) — both
 * documented by the reference.
 */
import { memorySocketPair, MemoryListener, type MemorySocket, type SocketEndpoint } from '../reference/fd/socket.js';
import { ABI_TABLES, CLOCK, EVENTTYPE, FILETYPE, rights, SDFLAGS, SUBCLOCKFLAGS } from '../suites/spec.js';
import type { Abi } from '../suites/sidecar.js';
import { open, runFsTable, SANDBOX, type FsRow } from './helpers/fs-table.js';
import { BACKENDS } from './helpers/fs-backends.js';
import { aligned, ciovs, fdOf, iovs, out, runCalls, step } from './helpers/wasi-calls.js';

type Sub =
  | { userdata: bigint; clock: { id: number; timeout: bigint; abstime?: boolean } }
  | { userdata: bigint; fdRead: number }
  | { userdata: bigint; fdWrite: number };

/** A subscription array in this ABI's layout. */
function subscriptions(abi: Abi, list: Sub[]): Uint8Array {
  const { size, fields } = ABI_TABLES[abi].layouts.subscription;
  const data = new Uint8Array(size * list.length);
  const view = new DataView(data.buffer);
  list.forEach((s, i) => {
    const base = i * size;
    view.setBigUint64(base + fields.userdata!.offset, s.userdata, true);
    if ('clock' in s) {
      view.setUint8(base + fields.tag!.offset, EVENTTYPE.clock);
      view.setUint32(base + fields.clock_id!.offset, s.clock.id, true);
      view.setBigUint64(base + fields.clock_timeout!.offset, s.clock.timeout, true);
      view.setUint16(base + fields.clock_flags!.offset, s.clock.abstime ? SUBCLOCKFLAGS.abstime : 0, true);
    } else {
      view.setUint8(base + fields.tag!.offset, 'fdRead' in s ? EVENTTYPE.fd_read : EVENTTYPE.fd_write);
      view.setUint32(base + fields.fd!.offset, 'fdRead' in s ? s.fdRead : s.fdWrite, true);
    }
  });
  return data;
}

const poll = (abi: Abi, list: Sub[]) => step('poll_oneoff', aligned(subscriptions(abi, list)), out('events', 32 * list.length), list.length, out('n', 4, 4));
const ms = (n: number) => BigInt(n) * 1_000_000n;
const text = new TextEncoder();

/** Guest-side endpoint → the embedder's end of the pair. */
const peerOf = new WeakMap<SocketEndpoint, MemorySocket>();
function socket(preload?: string): SocketEndpoint {
  const [guest, peer] = memorySocketPair();
  if (preload !== undefined) peer.send(text.encode(preload));
  peerOf.set(guest, peer);
  return guest;
}
const peer = (s: unknown) => peerOf.get(s as SocketEndpoint)!;
const decoded = (b: Uint8Array) => Buffer.from(b).toString();
const SOCK = 4;

const ROWS: FsRow[] = [
  // poll_oneoff -------------------------------------------------------------------------------------------
  { name: 'poll_oneoff with no subscriptions is EINVAL (spec)', steps: () => [step('poll_oneoff', out('in', 48), out('events', 32), 0, out('n', 4, 4))], errnos: ['inval'],
    check: (r) => expect(r.u32('n')).toBe(0xaaaaaaaa) },
  { name: 'a relative clock fires one clock event', steps: (abi) => [poll(abi, [{ userdata: 7n, clock: { id: CLOCK.monotonic, timeout: ms(1) } }])],
    errnos: ['success'], check: (r) => {
      expect(r.u32('n')).toBe(1);
      const e = r.struct('events', 'event');
      expect([e.userdata, e.error, e.type]).toEqual([7n, 0n, BigInt(EVENTTYPE.clock)]);
    } },
  { name: 'an absolute clock in the past fires at once', steps: (abi) => [poll(abi, [{ userdata: 1n, clock: { id: CLOCK.realtime, timeout: 1n, abstime: true } }])],
    errnos: ['success'], check: (r) => expect([r.u32('n'), r.struct('events', 'event').userdata]).toEqual([1, 1n]) },
  { name: 'of two clocks only the earlier fires', steps: (abi) => [poll(abi, [
    { userdata: 1n, clock: { id: CLOCK.monotonic, timeout: ms(5000) } }, { userdata: 2n, clock: { id: CLOCK.monotonic, timeout: ms(1) } }])],
    errnos: ['success'], check: (r) => expect([r.u32('n'), r.struct('events', 'event').userdata]).toEqual([1, 2n]) },
  { name: 'an unknown clock id is an event with EINVAL', steps: (abi) => [poll(abi, [{ userdata: 3n, clock: { id: 9, timeout: 0n } }])],
    errnos: ['success'], check: (r) => { const e = r.struct('events', 'event'); expect([r.u32('n'), e.userdata, e.error]).toEqual([1, 3n, 28n]); } },
  { name: 'fd_read on a regular file is ready with the bytes left', steps: (abi) => [open('f', 'a.txt'), poll(abi, [{ userdata: 5n, fdRead: 4 }])],
    errnos: ['success', 'success'], check: (r) => {
      const e = r.struct('events', 'event');
      expect([r.u32('f'), r.u32('n'), e.userdata, e.error, e.type, e.nbytes]).toEqual([4, 1, 5n, 0n, BigInt(EVENTTYPE.fd_read), 5n]);
    } },
  { name: 'fd_write on a regular file is ready', steps: (abi) => [open('f', 'a.txt'), poll(abi, [{ userdata: 6n, fdWrite: 4 }])], errnos: ['success', 'success'],
    check: (r) => expect([r.u32('n'), r.struct('events', 'event').type]).toEqual([1, BigInt(EVENTTYPE.fd_write)]) },
  { name: 'a ready fd returns at once, without the pending clock', steps: (abi) => [open('f', 'a.txt'),
    poll(abi, [{ userdata: 1n, clock: { id: CLOCK.monotonic, timeout: ms(60_000) } }, { userdata: 2n, fdRead: 4 }])], errnos: ['success', 'success'],
    check: (r) => expect([r.u32('n'), r.struct('events', 'event').userdata]).toEqual([1, 2n]) },
  { name: 'a closed fd is an event with EBADF', steps: (abi) => [poll(abi, [{ userdata: 9n, fdRead: 42 }])], errnos: ['success'],
    check: (r) => expect([r.u32('n'), r.struct('events', 'event').error]).toEqual([1, 8n]) },
  { name: 'an fd without poll_fd_readwrite is an event with ENOTCAPABLE', steps: (abi) => [open('f', 'a.txt', { rights: rights('fd_read') }),
    poll(abi, [{ userdata: 9n, fdRead: 4 }])], errnos: ['success', 'success'], check: (r) => expect(r.struct('events', 'event').error).toBe(76n) },
  { name: 'a subscription array outside memory traps', steps: () => [step('poll_oneoff', 0x1fff0, out('events', 32), 1, out('n', 4, 4))], errnos: [], trap: true },
  { name: 'an event array too small for the subscriptions traps', steps: (abi) => [step('poll_oneoff',
    aligned(subscriptions(abi, [{ userdata: 1n, clock: { id: CLOCK.monotonic, timeout: 0n } }])), 0x1fff8, 1, out('n', 4, 4))], errnos: [], trap: true },
  { name: 'a socket with data is ready for fd_read', sockets: () => [socket('abc')], steps: (abi) => [poll(abi, [{ userdata: 1n, fdRead: SOCK }])],
    errnos: ['success'], check: (r) => expect([r.u32('n'), r.struct('events', 'event').nbytes]).toEqual([1, 3n]) },
  { name: 'a socket whose peer closed reports hangup', sockets: () => { const s = socket(); peer(s).shutdown(false, true); return [s]; },
    steps: (abi) => [poll(abi, [{ userdata: 1n, fdRead: SOCK }])], errnos: ['success'], check: (r) => expect(r.struct('events', 'event').flags).toBe(1n) },
  { name: 'an idle socket with a clock: the clock fires', sockets: () => [socket()],
    steps: (abi) => [poll(abi, [{ userdata: 1n, fdRead: SOCK }, { userdata: 2n, clock: { id: CLOCK.monotonic, timeout: ms(1) } }])], errnos: ['success'],
    check: (r) => expect([r.u32('n'), r.struct('events', 'event').userdata]).toEqual([1, 2n]) },
  { name: 'an idle socket and no clock: EDEADLK instead of hanging', sockets: () => [socket()], steps: (abi) => [poll(abi, [{ userdata: 1n, fdRead: SOCK }])],
    errnos: ['deadlk'] },

  // sock_* on things that are not sockets ---------------------------------------------------------------
  { name: 'sock_recv on a file, the preopen, stdin: ENOTSOCK', steps: () => [open('f', 'a.txt'),
    step('sock_recv', fdOf('f'), iovs('b', 4), 0, out('n', 4, 4), out('fl', 2, 2)), step('sock_recv', SANDBOX, iovs('c', 4), 0, out('n2', 4, 4), out('fl2', 2, 2)),
    step('sock_recv', 0, iovs('d', 4), 0, out('n3', 4, 4), out('fl3', 2, 2))], errnos: ['success', 'notsock', 'notsock', 'notsock'] },
  { name: 'sock_send and sock_shutdown on a file: ENOTSOCK', steps: () => [open('f', 'a.txt'), step('sock_send', fdOf('f'), ciovs('x'), 0, out('n', 4, 4)),
    step('sock_shutdown', fdOf('f'), SDFLAGS.rd)], errnos: ['success', 'notsock', 'notsock'] },
  { name: 'sock_accept on a file: ENOTSOCK', abis: ['preview1'], steps: () => [open('f', 'a.txt'), step('sock_accept', fdOf('f'), 0, out('fd', 4, 4))],
    errnos: ['success', 'notsock'] },
  { name: 'sock_recv on a closed fd: EBADF', steps: () => [step('sock_recv', 42, iovs('b', 4), 0, out('n', 4, 4), out('fl', 2, 2))], errnos: ['badf'] },

  // sock_* on a connected socket -------------------------------------------------------------------------
  { name: 'sock_recv receives what the peer sent', sockets: () => [socket('ping')], steps: () => [step('sock_recv', SOCK, iovs('b', 2, 8), 0, out('n', 4, 4), out('fl', 2, 2))],
    errnos: ['success'], check: (r) => expect([r.u32('n'), r.iovText('b', 4), r.u16('fl')]).toEqual([4, 'ping', 0]) },
  { name: 'sock_recv with recv_peek leaves the data queued', sockets: () => [socket('data')], steps: () => [
    step('sock_recv', SOCK, iovs('a', 8), 1, out('n1', 4, 4), out('f1', 2, 2)), step('sock_recv', SOCK, iovs('b', 8), 0, out('n2', 4, 4), out('f2', 2, 2))],
    errnos: ['success', 'success'], check: (r) => expect([r.iovText('a', r.u32('n1')), r.iovText('b', r.u32('n2'))]).toEqual(['data', 'data']) },
  { name: 'sock_recv with nothing buffered is EAGAIN', sockets: () => [socket()], steps: () => [step('sock_recv', SOCK, iovs('b', 8), 0, out('n', 4, 4), out('fl', 2, 2))],
    errnos: ['again'] },
  { name: 'sock_recv after the peer closed returns 0 bytes', sockets: () => { const s = socket(); peer(s).shutdown(false, true); return [s]; },
    steps: () => [step('sock_recv', SOCK, iovs('b', 8), 0, out('n', 4, 4), out('fl', 2, 2))], errnos: ['success'], check: (r) => expect(r.u32('n')).toBe(0) },
  { name: 'sock_recv with unknown riflags is EINVAL', sockets: () => [socket('x')], steps: () => [step('sock_recv', SOCK, iovs('b', 8), 4, out('n', 4, 4), out('fl', 2, 2))],
    errnos: ['inval'] },
  { name: 'sock_send reaches the peer', sockets: () => [socket()], steps: () => [step('sock_send', SOCK, ciovs('po', 'ng'), 0, out('n', 4, 4))], errnos: ['success'],
    check: (r, { sockets }) => { expect(r.u32('n')).toBe(4); expect(decoded(peer(sockets[0]).drain())).toBe('pong'); } },
  { name: 'sock_send with si_flags other than 0 is EINVAL (spec)', sockets: () => [socket()], steps: () => [step('sock_send', SOCK, ciovs('x'), 1, out('n', 4, 4))],
    errnos: ['inval'] },
  { name: 'sock_shutdown wr: the peer sees the end, sending is EPIPE', sockets: () => [socket()], steps: () => [step('sock_shutdown', SOCK, SDFLAGS.wr),
    step('sock_send', SOCK, ciovs('x'), 0, out('n', 4, 4))], errnos: ['success', 'pipe'],
    check: (_r, { sockets }) => expect(peer(sockets[0]).readable()?.hangup).toBe(true) },
  { name: 'sock_shutdown rd: receiving returns 0 bytes', sockets: () => [socket('unread')], steps: () => [step('sock_shutdown', SOCK, SDFLAGS.rd),
    step('sock_recv', SOCK, iovs('b', 8), 0, out('n', 4, 4), out('fl', 2, 2))], errnos: ['success', 'success'], check: (r) => expect(r.u32('n')).toBe(0) },
  { name: 'sock_shutdown with no or unknown sdflags is EINVAL', sockets: () => [socket()], steps: () => [step('sock_shutdown', SOCK, 0), step('sock_shutdown', SOCK, 4)],
    errnos: ['inval', 'inval'] },
  { name: 'fd_read and fd_write work on a socket', sockets: () => [socket('in')], steps: () => [step('fd_read', SOCK, iovs('b', 8), out('n', 4, 4)),
    step('fd_write', SOCK, ciovs('out'), out('nw', 4, 4))], errnos: ['success', 'success'],
    check: (r, { sockets }) => { expect(r.iovText('b', r.u32('n'))).toBe('in'); expect(decoded(peer(sockets[0]).drain())).toBe('out'); } },
  { name: 'a socket fd reports filetype socket_stream', sockets: () => [socket()], steps: () => [step('fd_fdstat_get', SOCK, out('st', 24))], errnos: ['success'],
    check: (r) => expect(r.struct('st', 'fdstat').fs_filetype).toBe(BigInt(FILETYPE.socket_stream)) },
  { name: 'a socket is not a preopen (fd_prestat_get EBADF)', sockets: () => [socket()], steps: () => [step('fd_prestat_get', SOCK, out('p', 8, 4))], errnos: ['badf'] },

  // sock_accept on a listener ------------------------------------------------------------------------------
  { name: 'sock_accept hands out a pending connection', abis: ['preview1'], sockets: () => { const l = new MemoryListener(); listenerClients.set(l, l.connect()); return [l]; },
    steps: () => [step('sock_accept', SOCK, 0, out('c', 4, 4)), step('sock_send', fdOf('c'), ciovs('hi'), 0, out('n', 4, 4)),
      step('fd_fdstat_get', fdOf('c'), out('st', 24))], errnos: ['success', 'success', 'success'],
    check: (r, { sockets }) => {
      expect(r.struct('st', 'fdstat').fs_filetype).toBe(BigInt(FILETYPE.socket_stream));
      expect(decoded(listenerClients.get(sockets[0] as MemoryListener)!.drain())).toBe('hi');
    } },
  { name: 'sock_accept with nothing pending is EAGAIN', abis: ['preview1'], sockets: () => [new MemoryListener()], steps: () => [step('sock_accept', SOCK, 0, out('c', 4, 4))],
    errnos: ['again'] },
  { name: 'sock_accept with unknown flags is EINVAL', abis: ['preview1'], sockets: () => [new MemoryListener()], steps: () => [step('sock_accept', SOCK, 0x40, out('c', 4, 4))],
    errnos: ['inval'] },
  { name: 'a listener is polled ready when a connection waits', sockets: () => { const l = new MemoryListener(); l.connect(); return [l]; },
    steps: (abi) => [poll(abi, [{ userdata: 4n, fdRead: SOCK }])], errnos: ['success'], check: (r) => expect([r.u32('n'), r.struct('events', 'event').nbytes]).toEqual([1, 1n]) },
  { name: 'sock_recv on a listener is ENOTCONN', sockets: () => [new MemoryListener()], steps: () => [step('sock_recv', SOCK, iovs('b', 4), 0, out('n', 4, 4), out('fl', 2, 2))],
    errnos: ['notconn'] },
];
const listenerClients = new WeakMap<MemoryListener, MemorySocket>();

runFsTable('poll_oneoff and sock_*', ROWS);

describe.each(BACKENDS.slice(0, 1))('poll_oneoff timing', () => {
  test.each(['preview1', 'unstable'] as const)('%s: a 30 ms relative clock sleeps at least 30 ms', async (abi) => {
    const start = performance.now();
    const r = await runCalls([poll(abi, [{ userdata: 1n, clock: { id: CLOCK.monotonic, timeout: ms(30) } }])], { abi });
    expect(r.errnos).toEqual(['success']);
    expect(performance.now() - start).toBeGreaterThanOrEqual(30);
  });
  test('an absolute realtime clock 30 ms ahead sleeps until then', async () => {
    const deadline = BigInt(Date.now() + 30) * 1_000_000n;
    const r = await runCalls([poll('preview1', [{ userdata: 1n, clock: { id: CLOCK.realtime, timeout: deadline, abstime: true } }])], { abi: 'preview1' });
    expect(r.errnos).toEqual(['success']);
    expect(Date.now()).toBeGreaterThanOrEqual(Number(deadline / 1_000_000n));
  });
});
