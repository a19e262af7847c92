/**
 * fd_tell: the fd's current offset. Cases follow the offset through reads, writes, seeks and
 * append-mode writes, check it is per fd and a full u64, and cover bad fds, directories, the
 * fd_tell/fd_seek rights and bad pointers.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS } from '../spec.js';
import {
  DIGITS, DIR_FD_ALTS, RIGHTS_NOT_ENFORCED, TRAP_ALTS, TREE, UNOPENED_FD, closedFd,
  fileRightsWithout, openDir, openFile, read, seek, treeWith, write,
} from '../lib/fd-io.js';

const QUOTE = 'Return the current offset of a file descriptor. Note: This is similar to `lseek(fd, 0, SEEK_CUR)` in POSIX.';

/** fd_tell(fd), checked: errno 0 and the offset. */
function tellIs(f: Fixture, fd: string, expected: number | bigint): void {
  const out = f.out64();
  f.expectSuccess(f.call('fd_tell', fd, out));
  f.check('offset', f.u64(out), BigInt(expected));
}

const cases: CaseDef[] = [
  {
    name: 'initially-zero', tags: ['basic'], tree: TREE, quote: QUOTE,
    description: 'a freshly opened file has offset 0',
    body: (f) => tellIs(f, openFile(f, 'data.txt'), 0),
  },
  {
    name: 'after-read', tags: ['basic'], tree: TREE,
    description: 'after reading 4 bytes the offset is 4',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 4);
      tellIs(f, fd, 4);
    },
  },
  {
    name: 'after-two-reads', tags: ['basic'], tree: TREE,
    description: 'offsets add up over reads: 3 + 4 bytes read gives offset 7',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 3);
      read(f, fd, 4);
      tellIs(f, fd, 7);
    },
  },
  {
    name: 'after-write', tags: ['basic'], tree: TREE, fs_after: treeWith({ 'data.txt': 'xyz3456789' }),
    description: 'after writing 3 bytes at offset 0 the offset is 3',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      write(f, fd, 'xyz');
      tellIs(f, fd, 3);
    },
  },
  {
    name: 'after-seek-set', tags: ['basic'], tree: TREE,
    description: 'after fd_seek(6, set) fd_tell returns 6',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 6);
      tellIs(f, fd, 6);
    },
  },
  {
    name: 'after-seek-end', tags: ['basic'], tree: TREE,
    description: 'after fd_seek(-2, end) on a 10-byte file fd_tell returns 8',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, -2, 'end');
      tellIs(f, fd, 8);
    },
  },
  {
    name: 'after-seek-past-eof', tags: ['edge'], tree: TREE,
    description: 'after seeking to 100 in a 10-byte file fd_tell returns 100',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 100);
      tellIs(f, fd, 100);
    },
  },
  {
    name: 'stays-at-eof', tags: ['edge'], tree: TREE,
    description: 'a read at end of file (nread 0) leaves the offset at the file size',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 10);
      f.ok(f.call('fd_read', fd, f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'fd_read at end of file');
      tellIs(f, fd, 10);
    },
  },
  {
    name: 'after-short-read', tags: ['edge'], tree: TREE,
    description: 'a read asking for 16 bytes of a 10-byte file moves the offset by 10, not 16',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.ok(f.call('fd_read', fd, f.iovecs([[f.alloc(16), 16]]), 1, f.out32()), 'fd_read 16');
      tellIs(f, fd, 10);
    },
  },
  {
    name: 'after-append-write', tags: ['append'], tree: TREE, spec: 'docs.md#fdflags.append',
    fs_after: treeWith({ 'data.txt': `${DIGITS}ab` }),
    description: 'after an appending write the offset is the new end of file (12)',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { fdflags: FDFLAGS.append });
      write(f, fd, 'ab');
      tellIs(f, fd, 12);
    },
  },
  {
    name: 'per-fd-offsets', tags: ['basic'], tree: TREE,
    description: 'two fds opened on the same file have separate offsets',
    body: (f) => {
      const a = openFile(f, 'data.txt');
      const b = openFile(f, 'data.txt');
      read(f, a, 3);
      tellIs(f, b, 0);
    },
  },
  {
    name: 'offset-is-a-full-u64', tags: ['abi-layout', 'edge'], tree: TREE, spec: 'docs.md#filesize',
    description: 'at offset 2^32+1 fd_tell writes all 8 bytes of it and nothing after them',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 0x1_0000_0001n);
      const out = f.sentinel(16);
      f.expectSuccess(f.call('fd_tell', fd, out));
      f.check('offset', f.u64(out), 0x1_0000_0001n);
      f.check('after_offset', f.u64(out + 8), 0xaaaaaaaaaaaaaaaan, { what: 'bytes after the offset (sentinel)' });
    },
  },
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_tell on an fd that was never opened fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_tell', UNOPENED_FD, f.out64()), 'badf'),
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'fd_tell on an fd after fd_close fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_tell', closedFd(f), f.out64()), 'badf'),
  },
  {
    name: 'negative-fd', tags: ['errors'],
    description: 'fd_tell on fd 0xffffffff (-1) fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_tell', -1, f.out64()), 'badf'),
  },
  {
    name: 'directory-fd', tags: ['errors'], tree: TREE,
    description: 'fd_tell on a directory opened with path_open fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_tell', openDir(f, 'dir'), f.out64()), 'badf', { accept: DIR_FD_ALTS }),
  },
  {
    name: 'without-tell-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_tell',
    description: 'without rights::fd_tell (and fd_seek) fd_tell fails with ENOTCAPABLE',
    quote: 'The right to invoke `fd_seek` in such a way that the file offset remains unaltered (i.e., `whence::cur` with offset zero), or to invoke `fd_tell`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_tell', 'fd_seek') });
      f.expectErrno(f.call('fd_tell', fd, f.out64()), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    },
  },
  {
    name: 'seek-right-implies-tell', tags: ['rights'], tree: TREE, spec: 'docs.md#rights.fd_seek',
    description: 'rights::fd_seek implies fd_tell: with fd_seek but not fd_tell, fd_tell succeeds',
    quote: 'The right to invoke `fd_seek`. This flag implies `rights::fd_tell`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_tell') });
      read(f, fd, 5);
      tellIs(f, fd, 5);
    },
  },
  {
    name: 'offset-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an offset pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_tell', openFile(f, 'data.txt'), f.memEnd), TRAP_ALTS),
  },
  {
    name: 'offset-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an offset pointer whose last 4 bytes lie past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_tell', openFile(f, 'data.txt'), f.memEnd - 4), TRAP_ALTS),
  },
  {
    name: 'offset-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: TREE, spec: 'docs.md#filesize',
    description: 'an offset pointer not 8-byte aligned (filesize alignment is 8) traps',
    body: (f) => f.expectTrap(f.call('fd_tell', openFile(f, 'data.txt'), f.alloc(16, 8) + 4), TRAP_ALTS),
  },
];

export default suite('fd_tell', cases);
