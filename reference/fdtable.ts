/**
 * The fd table: fd number → `FdObject`. The one place fds are looked up, so the one place
 * "not open" (EBADF) and missing rights (ENOTCAPABLE) are decided.
 */
import { errno } from './abi.js';
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
