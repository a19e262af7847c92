/**
 * fd_fdstat_set_flags: replace the fd's fdflags. Cases cover turning append on and off (what
 * fdstat reports and where writes land), nonblock, the sync flags the spec lets a runtime refuse,
 * undefined bits, what the call must not change (rights, offset, other fds), bad fds and the
 * fd_fdstat_set_flags right.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS } from '../spec.js';
import {
  DIGITS, RIGHTS_NOT_ENFORCED, TREE, UNOPENED_FD, checkFileContent, checkOffset, closedFd, fdstat,
  fileRightsWithout, openFile, read, treeWith, write,
} from '../lib/fd-io.js';

const QUOTE = 'Adjust the flags associated with a file descriptor. Note: This is similar to `fcntl(fd, F_SETFL, flags)` in POSIX.';

/** fd_fdstat_set_flags(fd, flags), checked for success. */
function setFlags(f: Fixture, fd: string, flags: number, key = 'errno'): void {
  f.expectSuccess(f.call('fd_fdstat_set_flags', fd, flags), { key });
}

/** Check one fdflags bit as fdstat reports it (printed as 0/1). */
function checkFlag(f: Fixture, fd: string, bit: number, expected: 0 | 1, key: string): void {
  const st = fdstat(f, fd);
  f.check(key, `(i32.ne (i32.and ${f.field(st, 'fdstat', 'fs_flags')} (i32.const ${bit})) (i32.const 0))`, expected);
}

const cases: CaseDef[] = [
  {
    name: 'set-append-reported', tags: ['append', 'basic'], tree: TREE, quote: QUOTE,
    description: 'after setting fdflags::append, fd_fdstat_get reports the append flag',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      setFlags(f, fd, FDFLAGS.append);
      checkFlag(f, fd, FDFLAGS.append, 1, 'append');
    },
  },
  {
    name: 'set-append-then-write-at-end', tags: ['append'], tree: TREE, spec: 'docs.md#fdflags.append',
    fs_after: treeWith({ 'data.txt': `${DIGITS}ab` }),
    description: 'after setting fdflags::append, a write at offset 0 goes to the end of the file',
    quote: "Append mode: Data written to the file is always appended to the file's end.",
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      setFlags(f, fd, FDFLAGS.append);
      write(f, fd, 'ab');
      checkFileContent(f, 'data.txt', `${DIGITS}ab`);
    },
  },
  {
    name: 'clear-append-reported', tags: ['append'], tree: TREE,
    description: 'setting flags 0 on a file opened with append clears the append flag in fdstat',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { fdflags: FDFLAGS.append });
      setFlags(f, fd, 0);
      checkFlag(f, fd, FDFLAGS.append, 0, 'append');
    },
  },
  {
    name: 'clear-append-then-write-at-offset', tags: ['append'], tree: TREE,
    fs_after: treeWith({ 'data.txt': 'ab23456789' }),
    description: 'after clearing append, a write lands at the fd offset (0) instead of the end',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { fdflags: FDFLAGS.append });
      setFlags(f, fd, 0);
      write(f, fd, 'ab');
      checkFileContent(f, 'data.txt', 'ab23456789');
    },
  },
  {
    name: 'flags-replace-not-add', tags: ['basic'], tree: TREE,
    description: 'the flags argument replaces the fd\'s flags: setting nonblock after append drops append',
    quote: 'The desired values of the file descriptor flags.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      setFlags(f, fd, FDFLAGS.append, 'errno_append');
      setFlags(f, fd, FDFLAGS.nonblock, 'errno_nonblock');
      checkFlag(f, fd, FDFLAGS.append, 0, 'append');
    },
  },
  {
    name: 'set-nonblock-reported', tags: ['basic'], tree: TREE, spec: 'docs.md#fdflags.nonblock',
    description: 'after setting fdflags::nonblock, fd_fdstat_get reports it',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      setFlags(f, fd, FDFLAGS.nonblock);
      checkFlag(f, fd, FDFLAGS.nonblock, 1, 'nonblock');
    },
  },
  {
    name: 'set-sync-or-notsup', tags: ['edge'], tree: TREE, spec: 'docs.md#fdflags.sync',
    description: 'fdflags::sync is set, or refused with ENOTSUP as the fdflags docs allow',
    quote: 'This feature is not available on all platforms and therefore path_open and other such functions which accept fdflags may return errno.notsup in the case that this flag is set.',
    body: (f) => {
      f.expectSuccess(f.call('fd_fdstat_set_flags', openFile(f, 'data.txt'), FDFLAGS.sync), { accept: [
        { errno: 'notsup', behaviour: 'ENOTSUP: sync not available (allowed by the fdflags docs)' },
        { errno: 'inval', behaviour: 'EINVAL: only append and nonblock can be changed (wasmtime)' },
      ] });
    },
  },
  {
    name: 'undefined-bit', tags: ['errors'], tree: TREE, spec: 'docs.md#fdflags',
    description: 'a flags value with a bit fdflags does not define (0x20) fails with EINVAL',
    body: (f) => {
      f.expectErrno(f.call('fd_fdstat_set_flags', openFile(f, 'data.txt'), 0x20), 'inval');
    },
  },
  {
    name: 'keeps-rights', tags: ['rights'], tree: TREE, spec: 'docs.md#fdstat',
    description: 'changing the flags leaves fs_rights_base and fs_rights_inheriting as they were',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const before = fdstat(f, fd);
      setFlags(f, fd, FDFLAGS.append);
      const after = fdstat(f, fd);
      f.checkTrue('same_base', `(i64.eq ${f.field(after, 'fdstat', 'fs_rights_base')} ${f.field(before, 'fdstat', 'fs_rights_base')})`, 'fs_rights_base unchanged');
      f.checkTrue('same_inheriting', `(i64.eq ${f.field(after, 'fdstat', 'fs_rights_inheriting')} ${f.field(before, 'fdstat', 'fs_rights_inheriting')})`, 'fs_rights_inheriting unchanged');
    },
  },
  {
    name: 'keeps-offset', tags: ['append'], tree: TREE,
    description: 'setting append does not move the offset: fd_tell still returns 3 after reading 3 bytes',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 3);
      setFlags(f, fd, FDFLAGS.append);
      checkOffset(f, fd, 3);
    },
  },
  {
    name: 'reads-unaffected-by-append', tags: ['append'], tree: TREE,
    description: 'append affects writes only: after setting it, reads continue at the offset',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 2);
      setFlags(f, fd, FDFLAGS.append);
      const buf = f.alloc(2, 1);
      const n = f.out32();
      f.ok(f.call('fd_read', fd, f.iovecs([[buf, 2]]), 1, n), 'fd_read');
      f.checkBytes('data', buf, f.u32(n), '23');
    },
  },
  {
    name: 'other-fd-unaffected', tags: ['append'], tree: TREE,
    fs_after: treeWith({ 'data.txt': 'xy23456789' }),
    description: 'setting append on one fd leaves another fd opened on the same file writing at its offset',
    body: (f) => {
      const a = openFile(f, 'data.txt');
      const b = openFile(f, 'data.txt');
      setFlags(f, a, FDFLAGS.append);
      checkFlag(f, b, FDFLAGS.append, 0, 'b_append');
      write(f, b, 'xy');
      checkFileContent(f, 'data.txt', 'xy23456789');
    },
  },
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_fdstat_set_flags on an fd that was never opened fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_set_flags', UNOPENED_FD, 0), 'badf'); },
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'fd_fdstat_set_flags on an fd after fd_close fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_set_flags', closedFd(f), FDFLAGS.append), 'badf'); },
  },
  {
    name: 'negative-fd', tags: ['errors'],
    description: 'fd_fdstat_set_flags on fd 0xffffffff (-1) fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_set_flags', -1, 0), 'badf'); },
  },
  {
    name: 'without-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_fdstat_set_flags',
    description: 'without rights::fd_fdstat_set_flags the call fails with ENOTCAPABLE',
    quote: 'The right to invoke `fd_fdstat_set_flags`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_fdstat_set_flags') });
      f.expectErrno(f.call('fd_fdstat_set_flags', fd, FDFLAGS.append), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    },
  },
  {
    name: 'without-right-keeps-flags', tags: ['rights', 'append'], tree: TREE, spec: 'docs.md#rights.fd_fdstat_set_flags',
    fs_after: treeWith({ 'data.txt': 'ab23456789' }),
    description: 'a refused fd_fdstat_set_flags (no right) leaves the flags: writes stay at the offset',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_fdstat_set_flags') });
      f.expectErrno(f.call('fd_fdstat_set_flags', fd, FDFLAGS.append), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
      write(f, fd, 'ab');
      f.altFsAfter(RIGHTS_NOT_ENFORCED, treeWith({ 'data.txt': `${DIGITS}ab` }));
    },
  },
];

export default suite('fd_fdstat_set_flags', cases);
