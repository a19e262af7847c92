/**
 * Socket fds handed in by the embedder (the `sockets` option): WASI preview1 cannot create
 * sockets, only use the ones it is given — a connected stream (`SocketFd`: sock_recv, sock_send,
 * sock_shutdown, fd_read, fd_write) or a listener (`ListenerFd`: sock_accept).
 *
 * The embedder supplies synchronous endpoints (`SocketEndpoint`, `SocketListener`); the syscalls
 * are synchronous, so an endpoint that has nothing to give answers EAGAIN instead of blocking
 * (the guest cannot be suspended). `memorySocketPair()` and `MemoryListener` are in-memory
 * endpoints for tests and browsers; an embedder wraps anything else (a host socket, a
 * WebSocket with a buffer) in the same interface.
 */
import { errno, filetype, riflags, sdflags } from '../abi.js';
import { fail } from '../errors.js';
import { LISTENER_RIGHTS, SOCKET_RIGHTS } from '../rights.js';
import { FdObject, type Filestat, type PollReadiness } from './base.js';

/** A connected byte-stream endpoint. */
export interface SocketEndpoint {
  /**
   * Receive up to `buf.length` bytes into `buf` (left in the queue when `peek`). Returns 0 when
   * the peer has closed its sending side; throws WasiError(EAGAIN) when nothing is buffered.
   */
  recv(buf: Uint8Array, peek: boolean): number;
  /** Send all of `data`; EPIPE once this side's sending was shut down or the peer is gone. */
  send(data: Uint8Array): number;
  /** Stop receiving (`read`) and/or sending (`write`). */
  shutdown(read: boolean, write: boolean): void;
  /** Bytes receivable now and whether the peer hung up; undefined when nothing can be read yet. */
  readable(): PollReadiness | undefined;
  close(): void;
}

/** A listening socket: `accept` hands out pending connections. */
export interface SocketListener {
  /** The next pending connection, or undefined if none is waiting. */
  accept(): SocketEndpoint | undefined;
  /** Connections waiting to be accepted. */
  pending(): number;
  close(): void;
}

export function isSocketListener(s: SocketEndpoint | SocketListener): s is SocketListener {
  return typeof (s as SocketListener).accept === 'function';
}

const socketStat = (): Filestat => ({ dev: 0n, ino: 0n, filetype: filetype.socket_stream, nlink: 1n, size: 0n, atim: 0n, mtim: 0n, ctim: 0n });

export class SocketFd extends FdObject {
  constructor(readonly endpoint: SocketEndpoint, flags = 0) {
    super(filetype.socket_stream, SOCKET_RIGHTS, 0n, flags);
  }
  override close(): void {
    this.endpoint.close();
  }
  override setFlags(flags: number): void {
    this.flags = flags;
  }
  override filestat(): Filestat {
    return socketStat();
  }

  /** Fill `bufs` in order; with `peek` the data stays queued. Stops at the first short receive. */
  private receive(bufs: Uint8Array[], peek: boolean, waitAll: boolean): number {
    const want = bufs.reduce((n, b) => n + b.length, 0);
    if (want === 0) return 0;
    const staging = new Uint8Array(want);
    let got = 0;
    do {
      let n: number;
      try {
        n = this.endpoint.recv(staging.subarray(got), peek);
      } catch (e) {
        if (got > 0) break; // would block after some data: return what arrived
        throw e;
      }
      if (n === 0) break;
      got += n;
    } while (waitAll && !peek && got < want);
    let off = 0;
    for (const buf of bufs) {
      const n = Math.min(buf.length, got - off);
      buf.set(staging.subarray(off, off + n));
      off += n;
      if (off >= got) break;
    }
    return got;
  }

  override read(bufs: Uint8Array[]): number {
    return this.receive(bufs, false, false);
  }
  override write(bufs: Uint8Array[]): number {
    return bufs.reduce((n, b) => n + (b.length > 0 ? this.endpoint.send(b) : 0), 0);
  }
  /** riflags: recv_peek leaves the data queued; recv_waitall keeps receiving until the buffers are full. */
  override sockRecv(bufs: Uint8Array[], riFlags: number): { nread: number; roFlags: number } {
    const nread = this.receive(bufs, (riFlags & riflags.recv_peek) !== 0, (riFlags & riflags.recv_waitall) !== 0);
    return { nread, roFlags: 0 }; // recv_data_truncated applies to datagrams only
  }
  override sockSend(bufs: Uint8Array[], _siFlags: number): number {
    return this.write(bufs);
  }
  override sockShutdown(how: number): void {
    this.endpoint.shutdown((how & sdflags.rd) !== 0, (how & sdflags.wr) !== 0);
  }
  override pollReady(event: 'read' | 'write'): PollReadiness | undefined {
    return event === 'read' ? this.endpoint.readable() : { nbytes: 0n, hangup: false };
  }
}

export class ListenerFd extends FdObject {
  constructor(readonly listener: SocketListener) {
    super(filetype.socket_stream, LISTENER_RIGHTS, 0n);
  }
  override close(): void {
    this.listener.close();
  }
  override setFlags(flags: number): void {
    this.flags = flags;
  }
  override filestat(): Filestat {
    return socketStat();
  }
  /** The next pending connection as a new fd with `flags`; EAGAIN when none is waiting. */
  override sockAccept(flags: number): FdObject {
    const endpoint = this.listener.accept() ?? fail(errno.again, 'no pending connection');
    return new SocketFd(endpoint, flags);
  }
  /** A listener is not connected: receiving, sending and shutting down are ENOTCONN (POSIX). */
  override read(): number { fail(errno.notconn); }
  override write(): number { fail(errno.notconn); }
  override sockRecv(): { nread: number; roFlags: number } { fail(errno.notconn); }
  override sockSend(): number { fail(errno.notconn); }
  override sockShutdown(): void { fail(errno.notconn); }
  /** fd_read readiness of a listener: a connection is waiting. */
  override pollReady(event: 'read' | 'write'): PollReadiness | undefined {
    if (event === 'write') return undefined;
    const n = this.listener.pending();
    return n > 0 ? { nbytes: BigInt(n), hangup: false } : undefined;
  }
}

/** The fd object for an embedder's socket. */
export function socketFdFor(s: SocketEndpoint | SocketListener): FdObject {
  return isSocketListener(s) ? new ListenerFd(s) : new SocketFd(s);
}

// --- in-memory endpoints --------------------------------------------------------------------

/** One direction of a connection: bytes queued, and whether the sender is done. */
class Pipe {
  chunks: Uint8Array[] = [];
  size = 0;
  closed = false;
  push(data: Uint8Array): void {
    this.chunks.push(data.slice());
    this.size += data.length;
  }
  take(buf: Uint8Array, peek: boolean): number {
    let n = 0;
    let i = 0;
    while (n < buf.length && i < this.chunks.length) {
      const chunk = this.chunks[i]!;
      const k = Math.min(chunk.length, buf.length - n);
      buf.set(chunk.subarray(0, k), n);
      n += k;
      if (!peek) {
        if (k === chunk.length) this.chunks.shift();
        else this.chunks[0] = chunk.subarray(k);
      } else {
        i++;
      }
    }
    if (!peek) this.size -= n;
    return n;
  }
}

/** One end of an in-memory connection (see `memorySocketPair`). */
export class MemorySocket implements SocketEndpoint {
  private readClosed = false;
  constructor(private readonly incoming: Pipe, private readonly outgoing: Pipe) {}
  recv(buf: Uint8Array, peek: boolean): number {
    if (this.readClosed || buf.length === 0) return 0;
    if (this.incoming.size === 0) return this.incoming.closed ? 0 : fail(errno.again, 'nothing to receive');
    return this.incoming.take(buf, peek);
  }
  send(data: Uint8Array): number {
    if (this.outgoing.closed) fail(errno.pipe, 'sending side shut down');
    this.outgoing.push(data);
    return data.length;
  }
  shutdown(read: boolean, write: boolean): void {
    if (read) this.readClosed = true;
    if (write) this.outgoing.closed = true;
  }
  readable(): PollReadiness | undefined {
    const hangup = this.incoming.closed;
    if (this.incoming.size === 0 && !hangup && !this.readClosed) return undefined;
    return { nbytes: BigInt(this.incoming.size), hangup };
  }
  close(): void {
    this.shutdown(true, true);
  }
  /** Everything received and not yet read (for the embedder's side of a test). */
  drain(): Uint8Array {
    const out = new Uint8Array(this.incoming.size);
    this.incoming.take(out, false);
    return out;
  }
}

/** Two connected in-memory endpoints: what one sends, the other receives. */
export function memorySocketPair(): [MemorySocket, MemorySocket] {
  const ab = new Pipe();
  const ba = new Pipe();
  return [new MemorySocket(ba, ab), new MemorySocket(ab, ba)];
}

/** An in-memory listener: `connect()` queues a connection and returns the client's end. */
export class MemoryListener implements SocketListener {
  private readonly queue: SocketEndpoint[] = [];
  connect(): MemorySocket {
    const [server, client] = memorySocketPair();
    this.queue.push(server);
    return client;
  }
  accept(): SocketEndpoint | undefined {
    return this.queue.shift();
  }
  pending(): number {
    return this.queue.length;
  }
  close(): void {
    this.queue.length = 0;
  }
}
