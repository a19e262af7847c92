/**
 * `FileFd`: an fd on a regular file (or another non-directory a path_open reached) of a
 * filesystem backend. It owns the fd's offset and flags; the backend file (`FsFile`) only reads
 * and writes at absolute positions.
 *
 * - `append`: "Data written to the file is always appended to the file's end" — every fd_write
 *   moves the offset to the end first (fd_pwrite writes where it is told: it does not use the
 *   offset).
 * - `dsync` / `sync`: each write is followed by a datasync / sync of the file; `rsync` needs
 *   nothing more here (reads already see every completed write).
 * - Seeking past the end is allowed (a later write leaves zeros between); before 0, or past
 *   2^63-1, is EINVAL.
 */
import { errno, fdflags } from '../abi.js';
import { fail } from '../errors.js';
import type { FsFile, SetTimes } from '../fs/types.js';
import { FdObject, type Filestat, type PollReadiness, type Whence } from './base.js';

/** Every fdflags bit: fd_fdstat_set_flags accepts only these. */
export const ALL_FDFLAGS = Object.values(fdflags).reduce((a, b) => a | b, 0);

const MAX_OFFSET = (1n << 63n) - 1n;

export class FileFd extends FdObject {
  /** The fd's offset (fd_read / fd_write / fd_seek / fd_tell). */
  position = 0n;

  constructor(readonly file: FsFile, filetype: number, rightsBase: bigint, rightsInheriting: bigint, flags = 0) {
    super(filetype, rightsBase, rightsInheriting, flags);
  }

  override close(): void {
    this.file.close();
  }

  /** fd_fdstat_set_flags: any combination of the fdflags bits (unknown bits EINVAL, checked by the syscall). */
  override setFlags(flags: number): void {
    this.flags = flags;
  }

  override filestat(): Filestat {
    return this.file.stat();
  }
  override setSize(size: bigint): void {
    this.file.setSize(size);
  }
  override setTimes(times: SetTimes): void {
    this.file.setTimes(times);
  }
  override datasync(): void {
    this.file.datasync();
  }
  override sync(): void {
    this.file.sync();
  }
  /** Advice is a hint: a valid one (checked by the syscall) is accepted and changes nothing. */
  override advise(_offset: bigint, _len: bigint, _advice: number): void {}
  override allocate(offset: bigint, len: bigint): void {
    if (offset + len > MAX_OFFSET) fail(errno.fbig);
    this.file.allocate(offset, len);
  }

  /** Fill `bufs` in order from `at`; stops at the first short read. Returns the bytes read. */
  private readAt(bufs: Uint8Array[], at: bigint): number {
    let total = 0;
    for (const buf of bufs) {
      if (buf.length === 0) continue;
      const n = this.file.read(buf, at + BigInt(total));
      total += n;
      if (n < buf.length) break;
    }
    return total;
  }

  /** Write `bufs` in order at `at`, honouring dsync/sync. Returns the bytes written. */
  private writeAt(bufs: Uint8Array[], at: bigint): number {
    let total = 0;
    for (const buf of bufs) total += this.file.write(buf, at + BigInt(total));
    if (this.flags & fdflags.sync) this.file.sync();
    else if (this.flags & fdflags.dsync) this.file.datasync();
    return total;
  }

  override read(bufs: Uint8Array[]): number {
    const n = this.readAt(bufs, this.position);
    this.position += BigInt(n);
    return n;
  }
  override write(bufs: Uint8Array[]): number {
    if (this.flags & fdflags.append) this.position = this.file.stat().size;
    const n = this.writeAt(bufs, this.position);
    this.position += BigInt(n);
    return n;
  }
  override pread(bufs: Uint8Array[], offset: bigint): number {
    return this.readAt(bufs, offset);
  }
  override pwrite(bufs: Uint8Array[], offset: bigint): number {
    return this.writeAt(bufs, offset);
  }

  /** The new offset: `offset` from the start, the current offset or the end; EINVAL if negative or past 2^63-1. */
  override seek(offset: bigint, whence: Whence): bigint {
    const base = whence === 'set' ? 0n : whence === 'cur' ? this.position : this.file.stat().size;
    const target = base + offset;
    if (target < 0n) fail(errno.inval, 'seek before the start of the file');
    if (target > MAX_OFFSET) fail(errno.inval, 'offset past 2^63-1 (docs/CHOICES.md: Linux lseek)');
    this.position = target;
    return target;
  }
  override tell(): bigint {
    return this.position;
  }

  /** Always ready ("This event always triggers for regular files"); fd_read counts the bytes left. */
  override pollReady(event: 'read' | 'write'): PollReadiness {
    if (event === 'write') return { nbytes: 0n, hangup: false };
    const left = this.file.stat().size - this.position;
    return { nbytes: left > 0n ? left : 0n, hangup: false };
  }
}
