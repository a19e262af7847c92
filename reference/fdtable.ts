/**
 * The fd table: fd number → `FdObject`. The one place fds are looked up, so the one place
 * "not open" (EBADF) and missing rights (ENOTCAPABLE) are decided.
 */
import { errno, filetype } from './abi.js';
import { WasiError } from './errors.js';
import type { FdObject } from './fd/base.js';
import { requireRights } from './rights.js';

export class FdTable {
  private readonly fds = new Map<number, FdObject>();

  /** The fd's object after checking it holds every right in `need`; EBADF if not open. */
  get(fd: number, need = 0n): FdObject {
    const obj = this.fds.get(fd);
    if (!obj) throw new WasiError(errno.badf, `fd ${fd} is not open`);
    requireRights(obj.rightsBase, need);
    return obj;
  }

  /**
   * Lookups for calls that apply to one kind of fd only. The kind is checked before the rights:
   * an fd of another kind lacks the call's rights anyway, and "wrong kind of fd" is the answer
   * that says why (docs/CHOICES.md).
   * - getDirectory (path_*, fd_readdir): ENOTDIR for anything but a directory;
   * - getBytes (fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell, fd_allocate,
   *   fd_filestat_set_size): EBADF for a directory (wasmtime's answer; EISDIR and ENOTCAPABLE
   *   are accepted alternatives);
   * - getSocket (sock_*): ENOTSOCK for anything but a socket.
   */
  getDirectory(fd: number, need = 0n): FdObject {
    return this.getKind(fd, need, (t) => t === filetype.directory, errno.notdir);
  }
  getBytes(fd: number, need = 0n): FdObject {
    return this.getKind(fd, need, (t) => t !== filetype.directory, errno.badf);
  }
  getSocket(fd: number, need = 0n): FdObject {
    return this.getKind(fd, need, (t) => t === filetype.socket_stream || t === filetype.socket_dgram, errno.notsock);
  }
  private getKind(fd: number, need: bigint, ok: (filetype: number) => boolean, wrongKind: number): FdObject {
    const obj = this.get(fd);
    if (!ok(obj.filetype)) throw new WasiError(wrongKind, `fd ${fd} is not the kind of fd this call applies to`);
    requireRights(obj.rightsBase, need);
    return obj;
  }

  has(fd: number): boolean {
    return this.fds.has(fd);
  }

  /** Install `obj` at `fd` (replacing nothing: the caller closes what was there). */
  set(fd: number, obj: FdObject): void {
    this.fds.set(fd, obj);
  }

  /** Install `obj` at the lowest free fd number and return it. */
  insert(obj: FdObject): number {
    let fd = 0;
    while (this.fds.has(fd)) fd++;
    this.fds.set(fd, obj);
    return fd;
  }

  /** Close and forget `fd`; EBADF if not open. */
  close(fd: number): void {
    this.get(fd).close();
    this.fds.delete(fd);
  }

  /** fd_renumber: move `from` onto `to`, closing what `to` held; both must be open (EBADF). */
  renumber(from: number, to: number): void {
    const obj = this.get(from);
    const old = this.get(to);
    if (from === to) return;
    old.close();
    this.fds.set(to, obj);
    this.fds.delete(from);
  }

  /** Open fd numbers in ascending order. */
  numbers(): number[] {
    return [...this.fds.keys()].sort((a, b) => a - b);
  }
}
