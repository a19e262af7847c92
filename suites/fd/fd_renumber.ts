/**
 * fd_renumber(fd, to): `to` now names what `fd` named (its file, offset, flags and rights), the
 * old `to` is closed and `fd` is gone. Cases cover that move, bad source and target fds,
 * renumbering onto itself, preopens and directories.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS, FILETYPE, rights } from '../spec.js';
import {
  UNOPENED_FD, fdstat, openDir, openFile, read, treeWith, write,
} from '../lib/fd-io.js';
import { PREOPEN_RENUMBER_REFUSED } from '../lib/prestat.js';

const QUOTE = 'Atomically replace a file descriptor by renumbering another file descriptor.';
/** Two files with different content, so a read tells which one an fd names. */
const PAIR_TREE = treeWith({ 'a.txt': 'AAAAAAAA', 'b.txt': 'BBBBBBBB' });
const UNOPENED_TARGET = 'renumbering to an fd that is not open succeeds (wazero)';

/** Open a.txt and b.txt; returns their fds. */
function pair(f: Fixture): { a: string; b: string } {
  return { a: openFile(f, 'a.txt'), b: openFile(f, 'b.txt') };
}

/** Read `len` bytes from fd and check them (errno, bytes). */
function readIs(f: Fixture, fd: string, len: number, expected: string, key = 'data'): void {
  const buf = f.alloc(len, 1);
  const n = f.out32();
  f.expectSuccess(f.call('fd_read', fd, f.iovecs([[buf, len]]), 1, n), { key: `${key}_errno` });
  f.checkBytes(key, buf, f.u32(n), expected);
}

const cases: CaseDef[] = [
  {
    name: 'target-names-source-file', tags: ['basic'], tree: PAIR_TREE, quote: QUOTE,
    description: 'after fd_renumber(a, b), reading b returns a\'s file',
    body: (f) => {
      const { a, b } = pair(f);
      f.expectSuccess(f.call('fd_renumber', a, b));
      readIs(f, b, 8, 'AAAAAAAA');
    },
  },
  {
    name: 'source-is-closed', tags: ['basic'], tree: PAIR_TREE,
    description: 'after fd_renumber(a, b), the fd a is no longer open: fd_fdstat_get(a) fails with EBADF',
    body: (f) => {
      const { a, b } = pair(f);
      f.ok(f.call('fd_renumber', a, b), 'fd_renumber');
      f.expectErrno(f.call('fd_fdstat_get', a, f.alloc(24)), 'badf');
    },
  },
  {
    name: 'writes-go-to-source-file', tags: ['basic'], tree: PAIR_TREE,
    fs_after: treeWith({ 'a.txt': 'xyAAAAAA' }, PAIR_TREE),
    description: 'after fd_renumber(a, b), writes through b change a\'s file and leave b\'s old file alone',
    body: (f) => {
      const { a, b } = pair(f);
      f.ok(f.call('fd_renumber', a, b), 'fd_renumber');
      const n = f.out32();
      f.expectSuccess(f.call('fd_write', b, f.ciovec('xy').iovs, 1, n));
      f.check('nwritten', f.u32(n), 2);
    },
  },
  {
    name: 'keeps-source-offset', tags: ['basic'], tree: PAIR_TREE,
    description: 'the renumbered fd keeps the source\'s offset, not the target\'s',
    body: (f) => {
      const a = openFile(f, 'data.txt');
      const b = openFile(f, 'data.txt');
      read(f, a, 2);
      read(f, b, 6);
      f.ok(f.call('fd_renumber', a, b), 'fd_renumber');
      readIs(f, b, 3, '234');
    },
  },
  {
    name: 'keeps-append-flag', tags: ['append'], tree: PAIR_TREE, spec: 'docs.md#fdflags.append',
    description: 'the renumbered fd keeps fdflags::append from the source',
    body: (f) => {
      const a = openFile(f, 'a.txt', { fdflags: FDFLAGS.append });
      const b = openFile(f, 'b.txt');
      f.ok(f.call('fd_renumber', a, b), 'fd_renumber');
      const st = fdstat(f, b);
      f.check('append', `(i32.and ${f.field(st, 'fdstat', 'fs_flags')} (i32.const ${FDFLAGS.append}))`, FDFLAGS.append);
    },
  },
  {
    name: 'keeps-rights', tags: ['rights'], tree: PAIR_TREE, spec: 'docs.md#fdstat',
    description: 'the renumbered fd reports the same rights the source fd had',
    body: (f) => {
      const a = openFile(f, 'a.txt', { rights: rights('fd_read', 'fd_seek', 'fd_tell', 'fd_filestat_get') });
      const b = openFile(f, 'b.txt');
      const before = fdstat(f, a);
      f.ok(f.call('fd_renumber', a, b), 'fd_renumber');
      const after = fdstat(f, b);
      f.checkTrue('same_base', `(i64.eq ${f.field(after, 'fdstat', 'fs_rights_base')} ${f.field(before, 'fdstat', 'fs_rights_base')})`, 'rights_base unchanged by renumber');
      f.checkTrue('same_inheriting', `(i64.eq ${f.field(after, 'fdstat', 'fs_rights_inheriting')} ${f.field(before, 'fdstat', 'fs_rights_inheriting')})`, 'rights_inheriting unchanged by renumber');
    },
  },
  {
    name: 'directory-onto-file', tags: ['basic'], tree: treeWith({ dir: { 'in.txt': 'inside' } }, PAIR_TREE),
    description: 'a directory fd renumbered onto a file fd is a directory: path_open through it works',
    body: (f) => {
      const dir = openDir(f, 'dir');
      const b = openFile(f, 'b.txt');
      f.ok(f.call('fd_renumber', dir, b), 'fd_renumber');
      const st = fdstat(f, b);
      f.check('filetype', f.field(st, 'fdstat', 'fs_filetype'), FILETYPE.directory);
      readIs(f, openFile(f, 'in.txt', { dirfd: b }), 6, 'inside');
    },
  },
  {
    name: 'renumber-to-itself', tags: ['edge'], tree: PAIR_TREE,
    description: 'fd_renumber(a, a) succeeds and leaves a open and usable',
    body: (f) => {
      const { a } = pair(f);
      f.expectSuccess(f.call('fd_renumber', a, a));
      readIs(f, a, 8, 'AAAAAAAA');
    },
  },
  {
    name: 'closing-target-after', tags: ['basic'], tree: PAIR_TREE,
    description: 'the renumbered fd closes normally; afterwards neither number is open',
    body: (f) => {
      const { a, b } = pair(f);
      f.ok(f.call('fd_renumber', a, b), 'fd_renumber');
      f.expectSuccess(f.call('fd_close', b), { key: 'close_errno' });
      f.expectErrno(f.call('fd_close', a), 'badf', { key: 'close_source_errno' });
    },
  },
  {
    name: 'needs-no-rights', tags: ['rights'], tree: PAIR_TREE, spec: 'docs.md#rights',
    description: 'an fd opened with no rights at all can be renumbered',
    body: (f) => {
      const a = openFile(f, 'a.txt', { rights: 0n });
      const b = openFile(f, 'b.txt');
      f.expectSuccess(f.call('fd_renumber', a, b));
    },
  },
  {
    name: 'bad-source', tags: ['errors'], tree: PAIR_TREE,
    description: 'fd_renumber from an fd that was never opened fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_renumber', UNOPENED_FD, openFile(f, 'b.txt')), 'badf'); },
  },
  {
    name: 'closed-source', tags: ['errors'], tree: PAIR_TREE,
    description: 'fd_renumber from a closed fd fails with EBADF',
    body: (f) => {
      const { a, b } = pair(f);
      f.ok(f.call('fd_close', a), 'fd_close(a)');
      f.expectErrno(f.call('fd_renumber', a, b), 'badf');
    },
  },
  {
    name: 'failed-renumber-keeps-target', tags: ['errors'], tree: PAIR_TREE,
    description: 'when fd_renumber fails on a bad source, the target stays open on its own file',
    body: (f) => {
      const b = openFile(f, 'b.txt');
      f.expectErrno(f.call('fd_renumber', UNOPENED_FD, b), 'badf');
      readIs(f, b, 8, 'BBBBBBBB');
    },
  },
  {
    name: 'unopened-target', tags: ['errors'], tree: PAIR_TREE,
    description: 'fd_renumber to an fd number that is not open fails with EBADF',
    body: (f) => {
      f.expectErrno(f.call('fd_renumber', openFile(f, 'a.txt'), UNOPENED_FD), 'badf', { accept: [{ errno: 'success', behaviour: UNOPENED_TARGET }] });
    },
  },
  {
    name: 'failed-renumber-keeps-source', tags: ['errors'], tree: PAIR_TREE,
    description: 'when fd_renumber to an unopened target fails, the source stays open',
    body: (f) => {
      const a = openFile(f, 'a.txt');
      f.expectErrno(f.call('fd_renumber', a, UNOPENED_FD), 'badf', { accept: [{ errno: 'success', behaviour: UNOPENED_TARGET }] });
      f.expectSuccess(f.call('fd_fdstat_get', a, f.alloc(24)), { key: 'source_fdstat_errno', accept: [{ errno: 'badf', behaviour: UNOPENED_TARGET }] });
    },
  },
  {
    name: 'closed-target', tags: ['errors'], tree: PAIR_TREE,
    description: 'fd_renumber to an fd that was closed fails with EBADF',
    body: (f) => {
      const { a, b } = pair(f);
      f.ok(f.call('fd_close', b), 'fd_close(b)');
      f.expectErrno(f.call('fd_renumber', a, b), 'badf', { accept: [{ errno: 'success', behaviour: UNOPENED_TARGET }] });
    },
  },
  {
    name: 'negative-target', tags: ['errors'], tree: PAIR_TREE,
    description: 'fd_renumber to fd 0xffffffff (-1) fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_renumber', openFile(f, 'a.txt'), -1), 'badf'); },
  },
  {
    name: 'preopen-as-source', tags: ['sandbox'], tree: PAIR_TREE, fs_after: PAIR_TREE,
    description: 'the preopened directory can be renumbered onto another fd',
    body: (f) => {
      f.expectSuccess(f.call('fd_renumber', f.preopen(), openFile(f, 'b.txt')), { accept: [PREOPEN_RENUMBER_REFUSED] });
    },
  },
  {
    name: 'preopen-as-target', tags: ['sandbox'], tree: PAIR_TREE, fs_after: PAIR_TREE,
    description: 'a file fd can be renumbered onto the preopen, replacing it',
    body: (f) => {
      const a = openFile(f, 'a.txt');
      f.expectSuccess(f.call('fd_renumber', a, f.preopen()), { accept: [PREOPEN_RENUMBER_REFUSED] });
    },
  },
  {
    name: 'file-onto-directory', tags: ['basic'], tree: PAIR_TREE,
    description: 'a file fd renumbered onto a directory fd reports filetype regular_file',
    body: (f) => {
      const a = openFile(f, 'a.txt');
      const dir = openDir(f, 'dir');
      f.ok(f.call('fd_renumber', a, dir), 'fd_renumber');
      const st = fdstat(f, dir);
      f.check('filetype', f.field(st, 'fdstat', 'fs_filetype'), FILETYPE.regular_file);
    },
  },
  {
    name: 'keeps-written-data', tags: ['basic'], tree: PAIR_TREE,
    fs_after: treeWith({ 'a.txt': 'zzAAAAAA' }, PAIR_TREE),
    description: 'data written through the source before renumbering is read back through the target',
    body: (f) => {
      const a = openFile(f, 'a.txt');
      const b = openFile(f, 'b.txt');
      write(f, a, 'zz');
      f.ok(f.call('fd_renumber', a, b), 'fd_renumber');
      const buf = f.alloc(8, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_pread', b, f.iovecs([[buf, 8]]), 1, 0n, n));
      f.checkBytes('data', buf, f.u32(n), 'zzAAAAAA');
    },
  },
];

export default suite('fd_renumber', cases);
