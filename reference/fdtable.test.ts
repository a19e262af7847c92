import { errno, filetype } from './abi.js';
import { WasiError } from './errors.js';
import { FdObject } from './fd/base.js';
import { FdTable } from './fdtable.js';
import { rightsOf } from './rights.js';

function errnoOf(op: () => unknown): number | undefined {
  try { op(); } catch (e) { return e instanceof WasiError ? e.errno : -1; }
  return undefined;
}
const fdWith = (base: bigint, inheriting = 0n) => new FdObject(filetype.unknown, base, inheriting);

describe('FdTable', () => {
  test('an fd that is not open is EBADF', () => {
    expect(errnoOf(() => new FdTable().get(3))).toBe(errno.badf);
  });

  test('a missing right is ENOTCAPABLE; present rights pass', () => {
    const t = new FdTable();
    t.set(3, fdWith(rightsOf('fd_read')));
    expect(errnoOf(() => t.get(3, rightsOf('fd_write')))).toBe(errno.notcapable);
    expect(errnoOf(() => t.get(3, rightsOf('fd_read', 'fd_seek')))).toBe(errno.notcapable);
    expect(t.get(3, rightsOf('fd_read'))).toBeInstanceOf(FdObject);
  });

  test('insert takes the lowest free number; close frees it', () => {
    const t = new FdTable();
    t.set(0, fdWith(0n)); t.set(2, fdWith(0n));
    expect(t.insert(fdWith(0n))).toBe(1);
    expect(t.insert(fdWith(0n))).toBe(3);
    t.close(1);
    expect(t.has(1)).toBe(false);
    expect(errnoOf(() => t.close(1))).toBe(errno.badf);
    expect(t.insert(fdWith(0n))).toBe(1);
  });

  test('renumber moves the object and closes the target; both must be open', () => {
    const t = new FdTable();
    const a = fdWith(1n), b = fdWith(2n);
    let closed = false;
    b.close = () => { closed = true; };
    t.set(3, a); t.set(4, b);
    t.renumber(3, 4);
    expect(t.get(4)).toBe(a);
    expect(t.has(3)).toBe(false);
    expect(closed).toBe(true);
    expect(errnoOf(() => t.renumber(4, 9))).toBe(errno.badf);
    expect(errnoOf(() => t.renumber(9, 4))).toBe(errno.badf);
  });
});

describe('FdObject defaults', () => {
  const fd = fdWith(rightsOf('fd_read', 'fd_write'), rightsOf('fd_read'));
  test.each([
    ['read', () => fd.read([]), errno.badf],
    ['write', () => fd.write([]), errno.badf],
    ['seek', () => fd.seek(0n, 'set'), errno.spipe],
    ['readdir', () => fd.readdir(0n), errno.notdir],
    ['preopenName', () => fd.preopenName(), errno.badf],
    ['pathOpen', () => fd.pathOpen(0, 'x', 0, 0n, 0n, 0), errno.notdir],
    ['sockRecv', () => fd.sockRecv([], 0), errno.notsock],
  ])('%s answers its default errno', (_n, op, code) => {
    expect(errnoOf(op)).toBe(code);
  });

  test('setRights can only drop rights', () => {
    const f = fdWith(rightsOf('fd_read', 'fd_write'), rightsOf('fd_read'));
    expect(errnoOf(() => f.setRights(rightsOf('fd_read', 'fd_seek'), 0n))).toBe(errno.notcapable);
    expect(errnoOf(() => f.setRights(rightsOf('fd_read'), rightsOf('fd_write')))).toBe(errno.notcapable);
    expect(f.fdstat().rightsBase).toBe(rightsOf('fd_read', 'fd_write'));
    f.setRights(rightsOf('fd_read'), 0n);
    expect(f.fdstat()).toEqual({ filetype: filetype.unknown, flags: 0, rightsBase: rightsOf('fd_read'), rightsInheriting: 0n });
  });
});
