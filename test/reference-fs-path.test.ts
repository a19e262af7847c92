/**
 * path_* syscalls of the reference: one table, run on HostFS and MemoryFS, preview1 and
 * wasi_unstable. Expected values from the spec text; where it is silent, docs/CHOICES.md and
 * POSIX (named in the row).
 */
import { FILETYPE, FSTFLAGS, LOOKUP, rights } from '../suites/spec.js';
import { DIR_ALL, FILE_RW, SANDBOX, open, runFsTable, type FsRow } from './helpers/fs-table.js';
import { bytes, ciovs, fdOf, iovs, out, outWithLen, step, str } from './helpers/wasi-calls.js';

const F: number = LOOKUP.symlink_follow;
const pstat = (name: string, path: string, flags = F, dirfd: number | ReturnType<typeof fdOf> = SANDBOX) =>
  step('path_filestat_get', dirfd, flags, str(path), out(name, 64));
const mkdir = (path: string, dirfd: number | ReturnType<typeof fdOf> = SANDBOX) => step('path_create_directory', dirfd, str(path));
const T1 = 1_600_000_000_123_456_789n;
const near = (a: bigint, b: bigint) => expect(Number(a > b ? a - b : b - a)).toBeLessThan(1000);

const ROWS: FsRow[] = [
  // path_open -----------------------------------------------------------------------------------------
  { name: 'path_open opens an existing file', steps: () => [open('f', 'a.txt'), step('fd_read', fdOf('f'), iovs('b', 8), out('n', 4, 4))],
    errnos: ['success', 'success'], check: (r) => { expect(r.iovText('b', r.u32('n'))).toBe('hello'); expect(r.u32('f')).toBeGreaterThan(3); } },
  { name: 'path_open follows a symlink with symlink_follow', steps: () => [open('f', 'ln'), step('fd_read', fdOf('f'), iovs('b', 8), out('n', 4, 4))],
    errnos: ['success', 'success'], check: (r) => expect(r.iovText('b', r.u32('n'))).toBe('hello') },
  { name: 'path_open of a symlink without follow is ELOOP (POSIX O_NOFOLLOW)', steps: () => [open('f', 'ln', { follow: false })], errnos: ['loop'],
    check: (r) => expect(r.u32('f')).toBe(0xaaaaaaaa) },
  { name: 'path_open creat makes a new empty file', tree: {}, steps: () => [open('f', 'new.txt', { oflags: ['creat'] })], errnos: ['success'], after: { 'new.txt': '' } },
  { name: 'path_open creat+excl on an existing file is EEXIST', steps: () => [open('f', 'a.txt', { oflags: ['creat', 'excl'] })], errnos: ['exist'] },
  { name: 'path_open creat+excl does not follow a dangling symlink (EEXIST)', steps: () => [open('f', 'dangling', { oflags: ['creat', 'excl'] })], errnos: ['exist'] },
  { name: 'path_open without creat on a missing file is ENOENT', steps: () => [open('f', 'nope.txt')], errnos: ['noent'] },
  { name: 'path_open trunc empties the file', steps: () => [open('f', 'a.txt', { oflags: ['trunc'] })], errnos: ['success'],
    after: { 'a.txt': '', sub: { 'b.txt': 'bee', deep: {} }, empty: {}, ln: { symlink: 'a.txt' }, lnsub: { symlink: 'sub' }, dangling: { symlink: 'missing' } } },
  { name: 'path_open directory flag opens a directory', steps: () => [open('d', 'sub', { oflags: ['directory'], rights: DIR_ALL, inheriting: FILE_RW }),
    step('fd_fdstat_get', fdOf('d'), out('st', 24)), open('g', 'b.txt', { dirfd: fdOf('d'), rights: rights('fd_read') })],
    errnos: ['success', 'success', 'success'], check: (r) => expect(r.struct('st', 'fdstat').fs_filetype).toBe(BigInt(FILETYPE.directory)) },
  { name: 'path_open directory flag on a file is ENOTDIR', steps: () => [open('f', 'a.txt', { oflags: ['directory'] })], errnos: ['notdir'] },
  { name: 'path_open a directory asking for write rights opens it without them (spec)', steps: () => [
    open('d', 'sub', { rights: rights('fd_write', 'fd_readdir') }), step('fd_fdstat_get', fdOf('d'), out('st', 24))], errnos: ['success', 'success'],
    check: (r) => expect(r.struct('st', 'fdstat').fs_rights_base).toBe(rights('fd_readdir')) },
  { name: 'path_open a directory with trunc is EISDIR (POSIX)', steps: () => [open('f', 'sub', { oflags: ['trunc'] })], errnos: ['isdir'] },
  { name: 'path_open a directory drops the file rights asked for', steps: () => [open('d', 'sub', { rights: rights('fd_readdir', 'fd_read', 'fd_seek') }),
    step('fd_fdstat_get', fdOf('d'), out('st', 24))], errnos: ['success', 'success'],
    check: (r) => expect(r.struct('st', 'fdstat').fs_rights_base).toBe(rights('fd_readdir')) },
  { name: 'path_open with a trailing slash on a file is ENOTDIR (CHOICES)', steps: () => [open('f', 'a.txt/')], errnos: ['notdir'] },
  { name: 'path_open with a NUL byte in the path is EINVAL (CHOICES)', steps: () => [open('f', 'a.txt\0ignored')], errnos: ['inval'] },
  { name: 'path_open with invalid UTF-8 is EILSEQ', steps: () => [step('path_open', SANDBOX, F, bytes(Uint8Array.of(0x61, 0xff)), 0, FILE_RW, 0n, 0, out('f', 4, 4))],
    errnos: ['ilseq'] },
  { name: 'path_open asking for rights beyond the inheriting ones is ENOTCAPABLE', steps: () => [
    step('fd_fdstat_set_rights', SANDBOX, DIR_ALL, rights('fd_read')), open('f', 'a.txt', { rights: rights('fd_read', 'fd_write') })], errnos: ['success', 'notcapable'] },
  { name: 'path_open creat needs path_create_file', tree: {}, steps: () => [
    step('fd_fdstat_set_rights', SANDBOX, DIR_ALL & ~rights('path_create_file'), FILE_RW), open('f', 'n.txt', { oflags: ['creat'] })], errnos: ['success', 'notcapable'] },
  { name: 'path_open trunc needs path_filestat_set_size', steps: () => [
    step('fd_fdstat_set_rights', SANDBOX, DIR_ALL, FILE_RW), open('f', 'a.txt', { oflags: ['trunc'] })], errnos: ['success', 'notcapable'] },
  { name: 'path_open with unknown oflags bits is EINVAL', steps: () => [step('path_open', SANDBOX, F, str('a.txt'), 0x10, FILE_RW, 0n, 0, out('f', 4, 4))], errnos: ['inval'] },
  { name: 'path_open on a file fd is ENOTDIR', steps: () => [open('f', 'a.txt'), open('g', 'x', { dirfd: fdOf('f') })], errnos: ['success', 'notdir'] },
  { name: 'path_open on an unopened fd is EBADF', steps: () => [open('f', 'a.txt', { dirfd: 9 })], errnos: ['badf'] },
  { name: 'path_open with the result pointer out of bounds traps', steps: () => [step('path_open', SANDBOX, F, str('a.txt'), 0, FILE_RW, 0n, 0, 0x20000)],
    errnos: [], trap: true },

  // path_create_directory / path_remove_directory --------------------------------------------------
  { name: 'path_create_directory creates a directory', tree: {}, steps: () => [mkdir('d'), mkdir('d/e')], errnos: ['success', 'success'], after: { d: { e: {} } } },
  { name: 'path_create_directory on an existing entry is EEXIST', steps: () => [mkdir('sub'), mkdir('a.txt'), mkdir('dangling')], errnos: ['exist', 'exist', 'exist'] },
  { name: 'path_create_directory in a missing parent is ENOENT', steps: () => [mkdir('no/d')], errnos: ['noent'] },
  { name: 'path_create_directory needs its right', tree: {}, steps: () => [step('fd_fdstat_set_rights', SANDBOX, rights('path_open'), 0n), mkdir('d')],
    errnos: ['success', 'notcapable'] },
  { name: 'path_create_directory relative to a subdirectory fd', tree: { s: {} }, steps: () => [open('d', 's', { oflags: ['directory'], rights: DIR_ALL }), mkdir('x', fdOf('d'))],
    errnos: ['success', 'success'], after: { s: { x: {} } } },
  { name: 'path_remove_directory removes an empty directory', steps: () => [step('path_remove_directory', SANDBOX, str('empty'))], errnos: ['success'],
    after: { 'a.txt': 'hello', sub: { 'b.txt': 'bee', deep: {} }, ln: { symlink: 'a.txt' }, lnsub: { symlink: 'sub' }, dangling: { symlink: 'missing' } } },
  { name: 'path_remove_directory on a non-empty directory is ENOTEMPTY (spec)', steps: () => [step('path_remove_directory', SANDBOX, str('sub'))], errnos: ['notempty'] },
  { name: 'path_remove_directory on a file or a symlink is ENOTDIR', steps: () => [step('path_remove_directory', SANDBOX, str('a.txt')),
    step('path_remove_directory', SANDBOX, str('lnsub'))], errnos: ['notdir', 'notdir'] },
  { name: 'path_remove_directory of a missing entry is ENOENT', steps: () => [step('path_remove_directory', SANDBOX, str('nope'))], errnos: ['noent'] },

  // path_unlink_file ----------------------------------------------------------------------------------
  { name: 'path_unlink_file removes a file', tree: { f: 'x', g: 'y' }, steps: () => [step('path_unlink_file', SANDBOX, str('f'))], errnos: ['success'], after: { g: 'y' } },
  { name: 'path_unlink_file removes a symlink, not its target', tree: { f: 'x', l: { symlink: 'f' } }, steps: () => [step('path_unlink_file', SANDBOX, str('l'))],
    errnos: ['success'], after: { f: 'x' } },
  { name: 'path_unlink_file on a directory is EISDIR (spec)', steps: () => [step('path_unlink_file', SANDBOX, str('empty'))], errnos: ['isdir'] },
  { name: 'path_unlink_file of a missing file is ENOENT', steps: () => [step('path_unlink_file', SANDBOX, str('nope'))], errnos: ['noent'] },
  { name: 'path_unlink_file needs its right', steps: () => [step('fd_fdstat_set_rights', SANDBOX, rights('path_open'), 0n), step('path_unlink_file', SANDBOX, str('a.txt'))],
    errnos: ['success', 'notcapable'] },
  { name: 'an unlinked file stays readable through an open fd', tree: { f: 'kept' }, steps: () => [open('f', 'f'), step('path_unlink_file', SANDBOX, str('f')),
    step('fd_read', fdOf('f'), iovs('b', 8), out('n', 4, 4))], errnos: ['success', 'success', 'success'], after: {},
    check: (r) => expect(r.iovText('b', r.u32('n'))).toBe('kept') },

  // path_filestat_get / path_filestat_set_times -------------------------------------------------------
  { name: 'path_filestat_get of a file', steps: () => [pstat('st', 'a.txt')], errnos: ['success'],
    check: (r) => { const s = r.struct('st', 'filestat'); expect([s.filetype, s.size, s.nlink]).toEqual([BigInt(FILETYPE.regular_file), 5n, 1n]); } },
  { name: 'path_filestat_get follows a symlink only with symlink_follow', steps: () => [pstat('a', 'ln'), pstat('b', 'ln', 0)], errnos: ['success', 'success'],
    check: (r) => {
      expect([r.struct('a', 'filestat').filetype, r.struct('a', 'filestat').size]).toEqual([BigInt(FILETYPE.regular_file), 5n]);
      expect([r.struct('b', 'filestat').filetype, r.struct('b', 'filestat').size]).toEqual([BigInt(FILETYPE.symbolic_link), 5n]);
    } },
  { name: 'path_filestat_get of a directory and of .', steps: () => [pstat('a', 'sub'), pstat('b', '.')], errnos: ['success', 'success'],
    check: (r) => expect([r.struct('a', 'filestat').filetype, r.struct('b', 'filestat').filetype]).toEqual([BigInt(FILETYPE.directory), BigInt(FILETYPE.directory)]) },
  { name: 'path_filestat_get: the same file reached two ways has the same dev and ino', steps: () => [pstat('a', 'sub/b.txt'), pstat('b', 'lnsub/deep/../b.txt')],
    errnos: ['success', 'success'], check: (r) => {
      const [a, b] = [r.struct('a', 'filestat'), r.struct('b', 'filestat')];
      expect([a.dev, a.ino]).toEqual([b.dev, b.ino]);
    } },
  { name: 'path_filestat_get of missing and dangling paths is ENOENT', steps: () => [pstat('a', 'nope'), pstat('b', 'dangling')], errnos: ['noent', 'noent'] },
  { name: 'path_filestat_get through a file is ENOTDIR', steps: () => [pstat('a', 'a.txt/x')], errnos: ['notdir'] },
  { name: 'path_filestat_get with unknown lookupflags is EINVAL', steps: () => [pstat('a', 'a.txt', 2)], errnos: ['inval'] },
  { name: 'path_filestat_get needs its right', steps: () => [step('fd_fdstat_set_rights', SANDBOX, rights('path_open'), 0n), pstat('a', 'a.txt')],
    errnos: ['success', 'notcapable'] },
  { name: 'path_filestat_set_times sets a file through a symlink when following', steps: () => [
    step('path_filestat_set_times', SANDBOX, F, str('ln'), T1, T1, FSTFLAGS.atim | FSTFLAGS.mtim), pstat('a', 'a.txt')], errnos: ['success', 'success'],
    check: (r) => near(r.struct('a', 'filestat').mtim, T1) },
  { name: 'path_filestat_set_times without follow sets the symlink itself', steps: () => [
    step('path_filestat_set_times', SANDBOX, 0, str('ln'), T1, T1, FSTFLAGS.atim | FSTFLAGS.mtim), pstat('l', 'ln', 0), pstat('a', 'a.txt')],
    errnos: ['success', 'success', 'success'], check: (r) => {
      near(r.struct('l', 'filestat').mtim, T1);
      expect(r.struct('a', 'filestat').mtim).not.toBe(T1);
    } },
  { name: 'path_filestat_set_times with mtim and mtim_now is EINVAL', steps: () => [
    step('path_filestat_set_times', SANDBOX, F, str('a.txt'), 0n, T1, FSTFLAGS.mtim | FSTFLAGS.mtim_now)], errnos: ['inval'] },

  // path_link --------------------------------------------------------------------------------------------
  { name: 'path_link makes a second name for a file', tree: { f: 'x' }, steps: () => [step('path_link', SANDBOX, 0, str('f'), SANDBOX, str('g')), pstat('st', 'g')],
    errnos: ['success', 'success'], after: { f: 'x', g: 'x' }, check: (r) => expect(r.struct('st', 'filestat').nlink).toBe(2n) },
  { name: 'path_link onto an existing name is EEXIST', steps: () => [step('path_link', SANDBOX, 0, str('a.txt'), SANDBOX, str('ln'))], errnos: ['exist'] },
  { name: 'path_link of a directory is EPERM (POSIX)', steps: () => [step('path_link', SANDBOX, 0, str('sub'), SANDBOX, str('sub2'))], errnos: ['perm'] },
  { name: 'path_link with symlink_follow links the target', tree: { f: 'x', l: { symlink: 'f' } }, steps: () => [step('path_link', SANDBOX, F, str('l'), SANDBOX, str('g'))],
    errnos: ['success'], after: { f: 'x', l: { symlink: 'f' }, g: 'x' } },
  { name: 'path_link without follow links the symlink itself', tree: { f: 'x', l: { symlink: 'f' } }, steps: () => [step('path_link', SANDBOX, 0, str('l'), SANDBOX, str('g'))],
    errnos: ['success'], after: { f: 'x', l: { symlink: 'f' }, g: { symlink: 'f' } } },
  { name: 'path_link into a subdirectory fd', tree: { f: 'x', s: {} }, steps: () => [open('d', 's', { oflags: ['directory'], rights: DIR_ALL }),
    step('path_link', SANDBOX, 0, str('f'), fdOf('d'), str('g'))], errnos: ['success', 'success'], after: { f: 'x', s: { g: 'x' } } },
  { name: 'path_link needs path_link_source and path_link_target', tree: { f: 'x' }, steps: () => [
    step('fd_fdstat_set_rights', SANDBOX, DIR_ALL & ~rights('path_link_target'), 0n), step('path_link', SANDBOX, 0, str('f'), SANDBOX, str('g'))],
    errnos: ['success', 'notcapable'] },

  // path_readlink / path_symlink -------------------------------------------------------------------------
  { name: 'path_readlink returns the target without NUL', steps: () => [step('path_readlink', SANDBOX, str('lnsub'), outWithLen('buf', 16), out('n', 4, 4))],
    errnos: ['success'], check: (r) => expect([r.u32('n'), r.text('buf', 3), r.bytes('buf')[3]]).toEqual([3, 'sub', 0xaa]) },
  { name: 'path_readlink truncates to a short buffer (POSIX)', steps: () => [step('path_readlink', SANDBOX, str('ln'), outWithLen('buf', 3), out('n', 4, 4))],
    errnos: ['success'], check: (r) => expect([r.u32('n'), r.text('buf')]).toEqual([3, 'a.t']) },
  { name: 'path_readlink of a file is EINVAL (POSIX)', steps: () => [step('path_readlink', SANDBOX, str('a.txt'), outWithLen('buf', 16), out('n', 4, 4))], errnos: ['inval'] },
  { name: 'path_readlink through a symlinked directory', tree: { d: { l: { symlink: 'x' } }, ld: { symlink: 'd' } },
    steps: () => [step('path_readlink', SANDBOX, str('ld/l'), outWithLen('buf', 16), out('n', 4, 4))], errnos: ['success'], check: (r) => expect(r.text('buf', 1)).toBe('x') },
  { name: 'path_symlink creates a symlink with the given contents', tree: {}, steps: () => [step('path_symlink', str('some/where'), SANDBOX, str('l'))],
    errnos: ['success'], after: { l: { symlink: 'some/where' } } },
  { name: 'path_symlink onto an existing name is EEXIST', steps: () => [step('path_symlink', str('x'), SANDBOX, str('a.txt'))], errnos: ['exist'] },
  { name: 'path_symlink with an absolute target is ENOTCAPABLE', tree: {}, steps: () => [step('path_symlink', str('/etc/passwd'), SANDBOX, str('l'))], errnos: ['notcapable'] },
  { name: 'path_symlink needs its right', tree: {}, steps: () => [step('fd_fdstat_set_rights', SANDBOX, rights('path_open'), 0n), step('path_symlink', str('x'), SANDBOX, str('l'))],
    errnos: ['success', 'notcapable'] },
  { name: 'a symlink the guest made is followed by path_open', tree: { f: 'data' }, steps: () => [step('path_symlink', str('f'), SANDBOX, str('l')), open('o', 'l'),
    step('fd_read', fdOf('o'), iovs('b', 8), out('n', 4, 4))], errnos: ['success', 'success', 'success'], after: { f: 'data', l: { symlink: 'f' } },
    check: (r) => expect(r.iovText('b', r.u32('n'))).toBe('data') },

  // path_rename -------------------------------------------------------------------------------------------
  { name: 'path_rename moves a file', tree: { f: 'x', d: {} }, steps: () => [step('path_rename', SANDBOX, str('f'), SANDBOX, str('d/g'))], errnos: ['success'], after: { d: { g: 'x' } } },
  { name: 'path_rename replaces an existing file', tree: { f: 'new', g: 'old' }, steps: () => [step('path_rename', SANDBOX, str('f'), SANDBOX, str('g'))],
    errnos: ['success'], after: { g: 'new' } },
  { name: 'path_rename a directory over a non-empty one is ENOTEMPTY', tree: { d: {}, e: { x: 'x' } }, steps: () => [step('path_rename', SANDBOX, str('d'), SANDBOX, str('e'))],
    errnos: ['notempty'] },
  { name: 'path_rename a file over a directory is EISDIR (POSIX)', tree: { f: 'x', d: {} }, steps: () => [step('path_rename', SANDBOX, str('f'), SANDBOX, str('d'))], errnos: ['isdir'] },
  { name: 'path_rename a directory over a file is ENOTDIR (POSIX)', tree: { f: 'x', d: {} }, steps: () => [step('path_rename', SANDBOX, str('d'), SANDBOX, str('f'))], errnos: ['notdir'] },
  { name: 'path_rename a directory into itself is EINVAL (POSIX)', tree: { d: { e: {} } }, steps: () => [step('path_rename', SANDBOX, str('d'), SANDBOX, str('d/e/x'))], errnos: ['inval'] },
  { name: 'path_rename of a missing entry is ENOENT', steps: () => [step('path_rename', SANDBOX, str('nope'), SANDBOX, str('x'))], errnos: ['noent'] },
  { name: 'path_rename a symlink renames the link', tree: { f: 'x', l: { symlink: 'f' } }, steps: () => [step('path_rename', SANDBOX, str('l'), SANDBOX, str('m'))],
    errnos: ['success'], after: { f: 'x', m: { symlink: 'f' } } },
  { name: 'path_rename between two directory fds', tree: { a: { f: 'x' }, b: {} }, steps: () => [open('A', 'a', { oflags: ['directory'], rights: DIR_ALL }),
    open('B', 'b', { oflags: ['directory'], rights: DIR_ALL }), step('path_rename', fdOf('A'), str('f'), fdOf('B'), str('g'))],
    errnos: ['success', 'success', 'success'], after: { a: {}, b: { g: 'x' } } },
  { name: 'path_rename needs path_rename_target on the new fd', tree: { f: 'x' }, steps: () => [
    step('fd_fdstat_set_rights', SANDBOX, DIR_ALL & ~rights('path_rename_target'), 0n), step('path_rename', SANDBOX, str('f'), SANDBOX, str('g'))],
    errnos: ['success', 'notcapable'] },
  { name: 'a file written through one fd is read back through another', tree: {}, steps: () => [open('w', 'n.txt', { oflags: ['creat'] }),
    step('fd_write', fdOf('w'), ciovs('shared'), out('nw', 4, 4)), open('r', 'n.txt'), step('fd_read', fdOf('r'), iovs('b', 16), out('n', 4, 4))],
    errnos: ['success', 'success', 'success', 'success'], after: { 'n.txt': 'shared' }, check: (r) => expect(r.iovText('b', r.u32('n'))).toBe('shared') },
];

runFsTable('path_* syscalls', ROWS);
