/**
 * fd_* syscalls of the reference on files and directories: one table, run on HostFS and
 * MemoryFS, preview1 and wasi_unstable (layouts and whence from suites/spec.ts).
 * Expected values come from the spec text; where it is silent, from docs/CHOICES.md.
 */
import { ABI_TABLES, ADVICE, FDFLAGS, FILETYPE, FSTFLAGS, PREOPENTYPE, rights } from '../suites/spec.js';
import { DIR_ALL, FILE_RW, SANDBOX, open, runFsTable, type FsRow } from './helpers/fs-table.js';
import { ciovs, fdOf, iovs, out, outWithLen, step, str, u64At, type CallsResult } from './helpers/wasi-calls.js';

const f = fdOf('f');
const stat = (name: string, fd = f) => step('fd_filestat_get', fd, out(name, 64));
const read = (buf: string, n: number, fd = f) => step('fd_read', fd, iovs(buf, n), out(`${buf}.n`, 4, 4));
const write = (text: string, fd = f) => step('fd_write', fd, ciovs(text), out('nw', 4, 4));
const seek = (abi: 'preview1' | 'unstable', offset: bigint, whence: 'set' | 'cur' | 'end', name = 'pos') =>
  step('fd_seek', f, offset, ABI_TABLES[abi].whence[whence], out(name, 8));
const T1 = 1_600_000_000_123_456_789n;
const T2 = 1_500_000_000_987_654_321n;
/** HostFS sets times through node's utimes (seconds as a double): equal within a microsecond. */
const near = (a: bigint, b: bigint) => expect(Number(a > b ? a - b : b - a)).toBeLessThan(1000);

/** Parse fd_readdir output: names with their d_next cookies (complete entries only). */
function dirents(r: CallsResult, buf: string, used: number): { name: string; next: bigint; type: number }[] {
  const data = r.bytes(buf).subarray(0, used);
  const list = [];
  for (let p = 0; p + 24 <= data.length;) {
    const v = new DataView(data.buffer, data.byteOffset + p);
    const len = v.getUint32(16, true);
    if (p + 24 + len > data.length) break;
    list.push({ name: Buffer.from(data.subarray(p + 24, p + 24 + len)).toString(), next: v.getBigUint64(0, true), type: v.getUint8(20) });
    p += 24 + len;
  }
  return list;
}

const ROWS: FsRow[] = [
  // fd_read / fd_write / fd_pread / fd_pwrite ---------------------------------------------------
  { name: 'fd_read reads a file from its offset', steps: () => [open('f', 'a.txt'), read('b', 3), read('c', 10)], errnos: ['success', 'success', 'success'],
    check: (r) => expect([r.iovText('b', r.u32('b.n')), r.iovText('c', r.u32('c.n'))]).toEqual(['hel', 'lo']) },
  { name: 'fd_read at end of file reads 0 bytes', steps: () => [open('f', 'a.txt'), read('b', 10), read('c', 10)], errnos: ['success', 'success', 'success'],
    check: (r) => expect(r.u32('c.n')).toBe(0) },
  { name: 'fd_read scatters over several iovecs', steps: () => [open('f', 'a.txt'), step('fd_read', f, iovs('b', 2, 2, 8), out('n', 4, 4))], errnos: ['success', 'success'],
    check: (r) => expect([r.u32('n'), r.iovText('b', 5)]).toEqual([5, 'hello']) },
  { name: 'fd_read on a directory is EBADF (CHOICES)', steps: () => [read('b', 4, SANDBOX as never)], errnos: ['badf'] },
  { name: 'fd_read without fd_read right is ENOTCAPABLE', steps: () => [open('f', 'a.txt', { rights: rights('fd_write') }), read('b', 4)], errnos: ['success', 'notcapable'] },
  { name: 'fd_read on a closed fd is EBADF', steps: () => [read('b', 4, 42 as never)], errnos: ['badf'] },
  { name: 'fd_write writes at the offset and advances it', tree: { 'f.txt': 'abcdef' },
    steps: () => [open('f', 'f.txt'), write('XY'), write('Z')], errnos: ['success', 'success', 'success'],
    check: (r) => expect(r.u32('nw')).toBe(1), after: { 'f.txt': 'XYZdef' } },
  { name: 'fd_write gathers iovecs in order', tree: {}, steps: () => [open('f', 'n.txt', { oflags: ['creat'] }), step('fd_write', f, ciovs('ab', '', 'cd'), out('nw', 4, 4))],
    errnos: ['success', 'success'], check: (r) => expect(r.u32('nw')).toBe(4), after: { 'n.txt': 'abcd' } },
  { name: 'fd_write with fdflags append goes to the end', tree: { 'f.txt': 'abc' },
    steps: () => [open('f', 'f.txt', { fdflags: FDFLAGS.append }), write('X'), step('fd_tell', f, out('pos', 8))], errnos: ['success', 'success', 'success'],
    check: (r) => expect(r.u64('pos')).toBe(4n), after: { 'f.txt': 'abcX' } },
  { name: 'fd_write on a directory is EBADF (CHOICES)', steps: () => [write('x', SANDBOX as never)], errnos: ['badf'] },
  { name: 'fd_write without fd_write right is ENOTCAPABLE', steps: () => [open('f', 'a.txt', { rights: rights('fd_read') }), write('x')], errnos: ['success', 'notcapable'] },
  { name: 'fd_write past the end leaves zeros between', tree: { 'f.txt': 'ab' },
    steps: (abi) => [open('f', 'f.txt'), seek(abi, 4n, 'set'), write('Z')], errnos: ['success', 'success', 'success'],
    after: { 'f.txt': 'ab\0\0Z' } },
  { name: 'fd_pread reads at an offset without moving the fd offset', steps: () => [open('f', 'a.txt'),
    step('fd_pread', f, iovs('b', 3), 1n, out('n', 4, 4)), step('fd_tell', f, out('pos', 8))], errnos: ['success', 'success', 'success'],
    check: (r) => expect([r.iovText('b', r.u32('n')), r.u64('pos')]).toEqual(['ell', 0n]) },
  { name: 'fd_pread past the end reads 0 bytes', steps: () => [open('f', 'a.txt'), step('fd_pread', f, iovs('b', 3), 100n, out('n', 4, 4))],
    errnos: ['success', 'success'], check: (r) => expect(r.u32('n')).toBe(0) },
  { name: 'fd_pread needs fd_seek', steps: () => [open('f', 'a.txt', { rights: rights('fd_read') }), step('fd_pread', f, iovs('b', 3), 0n, out('n', 4, 4))],
    errnos: ['success', 'notcapable'] },
  { name: 'fd_pwrite writes at an offset without moving the fd offset', tree: { 'f.txt': 'abcdef' },
    steps: () => [open('f', 'f.txt'), step('fd_pwrite', f, ciovs('XY'), 2n, out('n', 4, 4)), step('fd_tell', f, out('pos', 8))],
    errnos: ['success', 'success', 'success'], check: (r) => expect([r.u32('n'), r.u64('pos')]).toEqual([2, 0n]), after: { 'f.txt': 'abXYef' } },
  { name: 'fd_pwrite on a directory is EBADF', steps: () => [step('fd_pwrite', SANDBOX, ciovs('x'), 0n, out('n', 4, 4))], errnos: ['badf'] },
  { name: 'fd_read into a buffer outside memory traps', steps: () => [open('f', 'a.txt'), step('fd_read', f, 0x1fffe, 1, out('n', 4, 4))],
    errnos: ['success'], trap: true },

  // fd_seek / fd_tell -------------------------------------------------------------------------------
  { name: 'fd_seek set/cur/end (whence per ABI)', steps: (abi) => [open('f', 'a.txt'), seek(abi, 2n, 'set', 'p1'), seek(abi, 1n, 'cur', 'p2'),
    seek(abi, -1n, 'end', 'p3'), read('b', 10)], errnos: ['success', 'success', 'success', 'success', 'success'],
    check: (r) => expect([r.u64('p1'), r.u64('p2'), r.u64('p3'), r.iovText('b', r.u32('b.n'))]).toEqual([2n, 3n, 4n, 'o']) },
  { name: 'fd_seek past the end is allowed', steps: (abi) => [open('f', 'a.txt'), seek(abi, 100n, 'end')], errnos: ['success', 'success'],
    check: (r) => expect(r.u64('pos')).toBe(105n) },
  { name: 'fd_seek before the start is EINVAL', steps: (abi) => [open('f', 'a.txt'), seek(abi, -1n, 'set')], errnos: ['success', 'inval'],
    check: (r) => expect(r.u32('pos')).toBe(0xaaaaaaaa) },
  { name: 'fd_seek past 2^63-1 is EINVAL (CHOICES)', steps: (abi) => [open('f', 'a.txt'), seek(abi, (1n << 63n) - 1n, 'set', 'p1'), seek(abi, 1n, 'cur', 'p2')],
    errnos: ['success', 'success', 'inval'], check: (r) => expect([r.u64('p1'), r.u32('p2')]).toEqual([(1n << 63n) - 1n, 0xaaaaaaaa]) },
  { name: 'fd_seek with an unknown whence is EINVAL', steps: () => [open('f', 'a.txt'), step('fd_seek', f, 0n, 3, out('pos', 8))], errnos: ['success', 'inval'] },
  { name: 'fd_seek on a directory is EBADF', steps: (abi) => [step('fd_seek', SANDBOX, 0n, ABI_TABLES[abi].whence.set, out('pos', 8))], errnos: ['badf'] },
  { name: 'fd_seek without fd_seek right is ENOTCAPABLE', steps: (abi) => [open('f', 'a.txt', { rights: rights('fd_read', 'fd_tell') }), seek(abi, 1n, 'set')],
    errnos: ['success', 'notcapable'] },
  { name: 'fd_seek cur 0 (a tell) needs only fd_tell', steps: (abi) => [open('f', 'a.txt', { rights: rights('fd_read', 'fd_tell') }), seek(abi, 0n, 'cur')],
    errnos: ['success', 'success'], check: (r) => expect(r.u64('pos')).toBe(0n) },
  { name: 'fd_seek with a misaligned result pointer traps', steps: (abi) => [open('f', 'a.txt'), step('fd_seek', f, 0n, ABI_TABLES[abi].whence.set, 0x1001)],
    errnos: ['success'], trap: true },
  { name: 'fd_tell reports the offset after reads', steps: () => [open('f', 'a.txt'), read('b', 2), step('fd_tell', f, out('pos', 8))],
    errnos: ['success', 'success', 'success'], check: (r) => expect(r.u64('pos')).toBe(2n) },
  { name: 'fd_tell without fd_tell or fd_seek is ENOTCAPABLE', steps: () => [open('f', 'a.txt', { rights: rights('fd_read') }), step('fd_tell', f, out('pos', 8))],
    errnos: ['success', 'notcapable'] },
  { name: 'fd_seek implies fd_tell (spec)', steps: () => [open('f', 'a.txt', { rights: rights('fd_read', 'fd_seek') }), read('b', 2), step('fd_tell', f, out('pos', 8))],
    errnos: ['success', 'success', 'success'], check: (r) => expect(r.u64('pos')).toBe(2n) },

  // fd_close / fd_renumber ------------------------------------------------------------------------
  { name: 'fd_close closes; a second close is EBADF', steps: () => [open('f', 'a.txt'), step('fd_close', f), step('fd_close', f)], errnos: ['success', 'success', 'badf'] },
  { name: 'fd_close of the preopen removes it', steps: () => [step('fd_close', SANDBOX), open('f', 'a.txt')], errnos: ['success', 'badf'] },
  { name: 'fd_renumber moves an fd onto another, closing it', steps: () => [open('f', 'a.txt'), open('g', 'sub/b.txt'),
    step('fd_renumber', f, fdOf('g')), read('b', 10, fdOf('g')), read('c', 10)], errnos: ['success', 'success', 'success', 'success', 'badf'],
    check: (r) => expect(r.iovText('b', r.u32('b.n'))).toBe('hello') },
  { name: 'fd_renumber to an unopened fd is EBADF (CHOICES)', steps: () => [open('f', 'a.txt'), step('fd_renumber', f, 77), read('b', 10)],
    errnos: ['success', 'badf', 'success'] },
  { name: 'fd_renumber from an unopened fd is EBADF', steps: () => [step('fd_renumber', 77, SANDBOX)], errnos: ['badf'] },

  // fd_fdstat_* -----------------------------------------------------------------------------------------
  { name: 'fd_fdstat_get of a file: type, flags, rights within what was asked', steps: () => [
    open('f', 'a.txt', { rights: rights('fd_read', 'fd_seek', 'path_open'), fdflags: FDFLAGS.append }), step('fd_fdstat_get', f, out('st', 24))],
    errnos: ['success', 'success'], check: (r) => {
      const st = r.struct('st', 'fdstat');
      expect([st.fs_filetype, st.fs_flags]).toEqual([BigInt(FILETYPE.regular_file), BigInt(FDFLAGS.append)]);
      expect(st.fs_rights_base & ~rights('fd_read', 'fd_seek', 'path_open')).toBe(0n);
      expect(st.fs_rights_base & rights('fd_read', 'fd_seek')).toBe(rights('fd_read', 'fd_seek'));
    } },
  { name: 'fd_fdstat_get of the preopen is a directory', steps: () => [step('fd_fdstat_get', SANDBOX, out('st', 24))], errnos: ['success'],
    check: (r) => expect(r.struct('st', 'fdstat').fs_filetype).toBe(BigInt(FILETYPE.directory)) },
  { name: 'fd_fdstat_set_flags append redirects writes to the end', tree: { 'f.txt': 'abc' }, steps: () => [open('f', 'f.txt'),
    step('fd_fdstat_set_flags', f, FDFLAGS.append), write('Z'), step('fd_fdstat_get', f, out('st', 24))], errnos: ['success', 'success', 'success', 'success'],
    check: (r) => expect(r.struct('st', 'fdstat').fs_flags).toBe(BigInt(FDFLAGS.append)), after: { 'f.txt': 'abcZ' } },
  { name: 'fd_fdstat_set_flags with an unknown bit is EINVAL', steps: () => [open('f', 'a.txt'), step('fd_fdstat_set_flags', f, 0x20)], errnos: ['success', 'inval'] },
  { name: 'fd_fdstat_set_flags needs its right', steps: () => [open('f', 'a.txt', { rights: rights('fd_read') }), step('fd_fdstat_set_flags', f, 0)],
    errnos: ['success', 'notcapable'] },
  { name: 'fd_fdstat_set_rights drops rights; the dropped call is ENOTCAPABLE', steps: () => [open('f', 'a.txt'),
    step('fd_fdstat_set_rights', f, rights('fd_write'), 0n), read('b', 4), step('fd_fdstat_get', f, out('st', 24))],
    errnos: ['success', 'success', 'notcapable', 'success'], check: (r) => expect(r.struct('st', 'fdstat').fs_rights_base).toBe(rights('fd_write')) },
  { name: 'fd_fdstat_set_rights cannot add rights', steps: () => [open('f', 'a.txt', { rights: rights('fd_read') }),
    step('fd_fdstat_set_rights', f, rights('fd_read', 'fd_write'), 0n), step('fd_fdstat_get', f, out('st', 24))],
    errnos: ['success', 'notcapable', 'success'], check: (r) => expect(r.struct('st', 'fdstat').fs_rights_base).toBe(rights('fd_read')) },
  { name: 'fd_fdstat_set_rights on the preopen limits what path_open may grant', steps: () => [
    step('fd_fdstat_set_rights', SANDBOX, DIR_ALL, rights('fd_read')), open('f', 'a.txt', { rights: rights('fd_read', 'fd_write') }),
    open('g', 'a.txt', { rights: rights('fd_read') })], errnos: ['success', 'notcapable', 'success'] },

  // fd_filestat_* -------------------------------------------------------------------------------------
  { name: 'fd_filestat_get of a file (layout per ABI)', steps: () => [open('f', 'a.txt'), stat('st')], errnos: ['success', 'success'],
    check: (r) => {
      const st = r.struct('st', 'filestat');
      expect([st.filetype, st.size, st.nlink]).toEqual([BigInt(FILETYPE.regular_file), 5n, 1n]);
    } },
  { name: 'fd_filestat_get of the preopen is a directory', steps: () => [stat('st', SANDBOX as never)], errnos: ['success'],
    check: (r) => expect(r.struct('st', 'filestat').filetype).toBe(BigInt(FILETYPE.directory)) },
  { name: 'fd_filestat_get needs its right', steps: () => [open('f', 'a.txt', { rights: rights('fd_read') }), stat('st')], errnos: ['success', 'notcapable'] },
  { name: 'fd_filestat_set_size truncates', tree: { 'f.txt': 'abcdef' }, steps: () => [open('f', 'f.txt'), step('fd_filestat_set_size', f, 2n), stat('st')],
    errnos: ['success', 'success', 'success'], check: (r) => expect(r.struct('st', 'filestat').size).toBe(2n), after: { 'f.txt': 'ab' } },
  { name: 'fd_filestat_set_size extends with zeros', tree: { 'f.txt': 'ab' }, steps: () => [open('f', 'f.txt'), step('fd_filestat_set_size', f, 4n)],
    errnos: ['success', 'success'], after: { 'f.txt': 'ab\0\0' } },
  { name: 'fd_filestat_set_size needs its right', steps: () => [open('f', 'a.txt', { rights: rights('fd_read', 'fd_write') }), step('fd_filestat_set_size', f, 0n)],
    errnos: ['success', 'notcapable'] },
  { name: 'fd_filestat_set_times stores both timestamps', steps: () => [open('f', 'a.txt'),
    step('fd_filestat_set_times', f, T1, T2, FSTFLAGS.atim | FSTFLAGS.mtim), stat('st')], errnos: ['success', 'success', 'success'],
    check: (r) => { const st = r.struct('st', 'filestat'); near(st.atim, T1); near(st.mtim, T2); } },
  { name: 'fd_filestat_set_times mtim_now uses the realtime clock', steps: () => [open('f', 'a.txt'),
    step('fd_filestat_set_times', f, 0n, 0n, FSTFLAGS.mtim_now), stat('st')], errnos: ['success', 'success', 'success'],
    check: (r) => expect(Number(r.struct('st', 'filestat').mtim / 1_000_000n)).toBeGreaterThan(Date.now() - 60_000) },
  { name: 'fd_filestat_set_times atim with atim_now is EINVAL', steps: () => [open('f', 'a.txt'),
    step('fd_filestat_set_times', f, T1, 0n, FSTFLAGS.atim | FSTFLAGS.atim_now)], errnos: ['success', 'inval'] },
  { name: 'fd_filestat_set_times on the preopen directory', steps: () => [step('fd_filestat_set_times', SANDBOX, T1, T2, FSTFLAGS.atim | FSTFLAGS.mtim), stat('st', SANDBOX as never)],
    errnos: ['success', 'success'], check: (r) => near(r.struct('st', 'filestat').mtim, T2) },

  // fd_advise / fd_allocate / fd_sync / fd_datasync --------------------------------------------------
  { name: 'fd_advise with a valid advice succeeds', steps: () => [open('f', 'a.txt'), step('fd_advise', f, 0n, 5n, ADVICE.sequential)], errnos: ['success', 'success'] },
  { name: 'fd_advise with an unknown advice is EINVAL', steps: () => [open('f', 'a.txt'), step('fd_advise', f, 0n, 5n, 6)], errnos: ['success', 'inval'] },
  { name: 'fd_advise needs its right', steps: () => [open('f', 'a.txt', { rights: rights('fd_read') }), step('fd_advise', f, 0n, 5n, ADVICE.normal)], errnos: ['success', 'notcapable'] },
  { name: 'fd_allocate grows the file to offset+len', tree: { 'f.txt': 'ab' }, steps: () => [open('f', 'f.txt'), step('fd_allocate', f, 2n, 2n), stat('st')],
    errnos: ['success', 'success', 'success'], check: (r) => expect(r.struct('st', 'filestat').size).toBe(4n),
    after: { 'f.txt': 'ab\0\0' } },
  { name: 'fd_allocate inside the file changes nothing', steps: () => [open('f', 'a.txt'), step('fd_allocate', f, 0n, 3n), stat('st')],
    errnos: ['success', 'success', 'success'], check: (r) => expect(r.struct('st', 'filestat').size).toBe(5n) },
  { name: 'fd_allocate and fd_filestat_set_size on a directory are EBADF (CHOICES)', steps: () => [step('fd_allocate', SANDBOX, 0n, 8n),
    step('fd_filestat_set_size', SANDBOX, 0n)], errnos: ['badf', 'badf'] },
  { name: 'fd_allocate needs its right', steps: () => [open('f', 'a.txt', { rights: rights('fd_write') }), step('fd_allocate', f, 0n, 1n)], errnos: ['success', 'notcapable'] },
  { name: 'fd_sync and fd_datasync on a file', steps: () => [open('f', 'a.txt'), step('fd_sync', f), step('fd_datasync', f)], errnos: ['success', 'success', 'success'] },
  { name: 'fd_sync on the preopen directory', steps: () => [step('fd_sync', SANDBOX)], errnos: ['success'] },
  { name: 'fd_sync needs its right', steps: () => [open('f', 'a.txt', { rights: rights('fd_read') }), step('fd_sync', f), step('fd_datasync', f)],
    errnos: ['success', 'notcapable', 'notcapable'] },
  { name: 'fdflags sync on open: writes still land', tree: {}, steps: () => [open('f', 'n.txt', { oflags: ['creat'], fdflags: FDFLAGS.sync | FDFLAGS.dsync }), write('x')],
    errnos: ['success', 'success'], after: { 'n.txt': 'x' } },

  // fd_prestat_* ---------------------------------------------------------------------------------------
  { name: 'fd_prestat_get describes the preopen', steps: () => [step('fd_prestat_get', SANDBOX, out('p', 8, 4))], errnos: ['success'],
    check: (r) => expect([r.bytes('p')[0], r.u32('p', 4)]).toEqual([PREOPENTYPE.dir, '/sandbox'.length]) },
  { name: 'fd_prestat_get of a file fd is EBADF (CHOICES)', steps: () => [open('f', 'a.txt'), step('fd_prestat_get', f, out('p', 8, 4))], errnos: ['success', 'badf'] },
  { name: 'fd_prestat_get of an unopened fd is EBADF', steps: () => [step('fd_prestat_get', 4, out('p', 8, 4))], errnos: ['badf'] },
  { name: 'fd_prestat_dir_name writes the name without NUL', steps: () => [step('fd_prestat_dir_name', SANDBOX, outWithLen('name', 10))], errnos: ['success'],
    check: (r) => expect([r.text('name', 8), r.bytes('name')[8]]).toEqual(['/sandbox', 0xaa]) },
  { name: 'fd_prestat_dir_name with a short buffer is ENAMETOOLONG (CHOICES)', steps: () => [step('fd_prestat_dir_name', SANDBOX, outWithLen('name', 7))],
    errnos: ['nametoolong'], check: (r) => expect(r.bytes('name')[0]).toBe(0xaa) },
  { name: 'fd_prestat_dir_name of a file fd is EBADF', steps: () => [open('f', 'a.txt'), step('fd_prestat_dir_name', f, outWithLen('name', 10))], errnos: ['success', 'badf'] },

  // fd_readdir ---------------------------------------------------------------------------------------
  { name: 'fd_readdir lists . and .. and every entry with its type', tree: { x: 'x', y: {}, z: { symlink: 'x' } },
    steps: () => [step('fd_readdir', SANDBOX, outWithLen('buf', 1024), 0n, out('used', 4, 4))], errnos: ['success'],
    check: (r) => {
      expect(r.u32('used')).toBeLessThan(1024);
      const list = dirents(r, 'buf', r.u32('used'));
      expect(list.map((e) => `${e.name}:${e.type}`).sort()).toEqual(
        ['.:3', '..:3', `x:${FILETYPE.regular_file}`, `y:${FILETYPE.directory}`, `z:${FILETYPE.symbolic_link}`].sort());
    } },
  { name: 'fd_readdir fills a short buffer completely (last entry truncated)', tree: { 'long-name.txt': '' },
    steps: () => [step('fd_readdir', SANDBOX, outWithLen('buf', 60), 0n, out('used', 4, 4))], errnos: ['success'],
    check: (r) => expect(r.u32('used')).toBe(60) },
  { name: 'fd_readdir continues from a cookie without repeating entries', tree: { a: '', b: '', c: '', d: '' },
    steps: () => [step('fd_readdir', SANDBOX, outWithLen('buf', 1024), 0n, out('used', 4, 4))], errnos: ['success'],
    check: (r) => expect(dirents(r, 'buf', r.u32('used'))).toHaveLength(6) },
  { name: 'fd_readdir cookies stay stable while the guest unlinks entries it has read', tree: { a: '1', b: '2', c: '3', d: '4', e: '5' },
    steps: () => [step('fd_readdir', SANDBOX, outWithLen('first', 30), 0n, out('used1', 4, 4)),
      ...['a', 'b', 'c', 'd', 'e'].map((n) => step('path_unlink_file', SANDBOX, str(n))),
      step('fd_readdir', SANDBOX, outWithLen('rest', 1024), u64At('first', 0), out('used2', 4, 4))],
    errnos: ['success', 'success', 'success', 'success', 'success', 'success', 'success'], after: {},
    check: (r) => {
      const first = dirents(r, 'first', r.u32('used1'));
      const rest = dirents(r, 'rest', r.u32('used2'));
      expect(first).toHaveLength(1);
      expect([...first, ...rest].map((e) => e.name).sort()).toEqual(['.', '..', 'a', 'b', 'c', 'd', 'e']);
    } },
  { name: 'fd_readdir from a past-the-end cookie returns nothing', steps: () => [step('fd_readdir', SANDBOX, outWithLen('buf', 256), 1000n, out('used', 4, 4))],
    errnos: ['success'], check: (r) => expect(r.u32('used')).toBe(0) },
  { name: 'fd_readdir on a subdirectory opened with path_open', steps: () => [
    open('d', 'sub', { oflags: ['directory'], rights: rights('fd_readdir') }), step('fd_readdir', fdOf('d'), outWithLen('buf', 512), 0n, out('used', 4, 4))],
    errnos: ['success', 'success'], check: (r) => expect(dirents(r, 'buf', r.u32('used')).map((e) => e.name).sort()).toEqual(['.', '..', 'b.txt', 'deep']) },
  { name: 'fd_readdir on a file is ENOTDIR', steps: () => [open('f', 'a.txt'), step('fd_readdir', f, outWithLen('buf', 64), 0n, out('used', 4, 4))], errnos: ['success', 'notdir'] },
  { name: 'fd_readdir needs fd_readdir', steps: () => [step('fd_fdstat_set_rights', SANDBOX, rights('path_open'), FILE_RW),
    step('fd_readdir', SANDBOX, outWithLen('buf', 64), 0n, out('used', 4, 4))], errnos: ['success', 'notcapable'] },
  { name: 'fd_readdir with a buffer outside memory traps', steps: () => [step('fd_readdir', SANDBOX, 0x1fff0, 64, 0n, out('used', 4, 4))], errnos: [], trap: true },
];

runFsTable('fd_* syscalls', ROWS);

