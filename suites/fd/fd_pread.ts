/**
 * fd_pread: scatter reads at an explicit offset that neither use nor move the fd's offset.
 * Cases cover offsets at, near and far past end of file, the full u64 offset, the iovec array,
 * its interplay with fd_seek/fd_read/fd_write, append mode, bad fds, rights and bad pointers.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS } from '../spec.js';
import {
  DIGITS, DIR_FD_ALTS, FIRST_IOVEC_ONLY, RIGHTS_NOT_ENFORCED, TRAP_ALTS, TREE, UNOPENED_FD,
  checkLaterIovec, checkOffset, closedFd, fileRightsWithout, missingRightAlts, openDir, openFile,
  read, seek, treeWith, write,
} from '../lib/fd-io.js';

const QUOTE = "Read from a file descriptor, without using and updating the file descriptor's offset.";

/** fd_pread(fd, [[buf, cap]], offset) → errno, nread, data. */
function pread(f: Fixture, fd: string, cap: number, offset: number | bigint, expected: string): void {
  const buf = f.alloc(cap, 1);
  const n = f.out32();
  f.expectSuccess(f.call('fd_pread', fd, f.iovecs([[buf, cap]]), 1, BigInt(offset), n));
  f.check('nread', f.u32(n), new TextEncoder().encode(expected).length);
  f.checkBytes('data', buf, f.u32(n), expected);
}

/** fd_pread at `offset` that must return 0 bytes (nread out-pointer pre-filled with a sentinel). */
function preadNothing(f: Fixture, fd: string, offset: number | bigint): void {
  const n = f.sentinel(4);
  f.expectSuccess(f.call('fd_pread', fd, f.iovecs([[f.alloc(8), 8]]), 1, BigInt(offset), n));
  f.check('nread', f.u32(n), 0);
}

const cases: CaseDef[] = [
  {
    name: 'reads-at-offset', tags: ['basic'], tree: TREE, quote: QUOTE,
    description: 'fd_pread returns the bytes at the given offset',
    body: (f) => pread(f, openFile(f, 'data.txt'), 4, 3, '3456'),
  },
  {
    name: 'reads-at-offset-zero', tags: ['basic'], tree: TREE,
    description: 'fd_pread at offset 0 returns the file from its start',
    body: (f) => pread(f, openFile(f, 'data.txt'), 10, 0, DIGITS),
  },
  {
    name: 'does-not-move-offset', tags: ['basic'], tree: TREE, quote: QUOTE,
    description: 'after fd_pread at offset 5 the fd offset is still 0',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.ok(f.call('fd_pread', fd, f.iovecs([[f.alloc(4), 4]]), 1, 5n, f.out32()), 'fd_pread');
      checkOffset(f, fd, 0);
    },
  },
  {
    name: 'ignores-current-offset', tags: ['basic'], tree: TREE,
    description: 'after fd_seek to 6, fd_pread at offset 1 still reads from 1',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 6);
      pread(f, fd, 3, 1, '123');
    },
  },
  {
    name: 'read-continues-after-pread', tags: ['basic'], tree: TREE,
    description: 'fd_read after an fd_pread continues from the fd offset, not from the pread',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 2);
      f.ok(f.call('fd_pread', fd, f.iovecs([[f.alloc(3), 3]]), 1, 7n, f.out32()), 'fd_pread at 7');
      const buf = f.alloc(4, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', fd, f.iovecs([[buf, 4]]), 1, n));
      f.checkBytes('read', buf, f.u32(n), '2345');
    },
  },
  {
    name: 'sees-earlier-write', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': 'ab23456789' }),
    description: 'fd_pread returns bytes an fd_write on the same fd stored before it',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      write(f, fd, 'ab');
      pread(f, fd, 4, 0, 'ab23');
    },
  },
  {
    name: 'short-near-eof', tags: ['edge'], tree: TREE,
    description: 'fd_pread crossing end of file returns only the bytes before it',
    body: (f) => pread(f, openFile(f, 'data.txt'), 8, 8, '89'),
  },
  {
    name: 'at-eof-returns-zero', tags: ['edge'], tree: TREE,
    description: 'fd_pread at offset = file size succeeds with nread 0',
    body: (f) => preadNothing(f, openFile(f, 'data.txt'), 10),
  },
  {
    name: 'past-eof-returns-zero', tags: ['edge'], tree: TREE,
    description: 'fd_pread at an offset past end of file succeeds with nread 0',
    body: (f) => preadNothing(f, openFile(f, 'data.txt'), 1000),
  },
  {
    name: 'offset-is-a-full-u64', tags: ['edge', 'abi-layout'], tree: TREE, spec: 'docs.md#filesize',
    description: 'offset 2^32+1 is far past end of file (nread 0), not offset 1 truncated to 32 bits',
    body: (f) => preadNothing(f, openFile(f, 'data.txt'), 0x1_0000_0001n),
  },
  {
    name: 'offset-above-i64-max', tags: ['edge'], tree: TREE, spec: 'docs.md#filesize',
    description: 'offset 2^63 is an unsigned filesize past end of file: nread 0, never a read at the fd offset',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const n = f.sentinel(4);
      const einval = 'EINVAL: the offset does not fit the host\'s signed off_t (POSIX preadv hosts)';
      f.expectSuccess(f.call('fd_pread', fd, f.iovecs([[f.alloc(8), 8]]), 1, 1n << 63n, n), { accept: [{ errno: 'inval', behaviour: einval }] });
      f.check('nread', f.u32(n), 0, { accept: [{ value: 0xaaaaaaaa, behaviour: einval }] });
    },
  },
  {
    name: 'scatter-in-order', tags: ['basic'], tree: TREE, spec: 'docs.md#iovec_array',
    description: 'fd_pread fills its iovecs in array order from the offset on',
    body: (f) => {
      const a = f.alloc(2, 1), b = f.alloc(3, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_pread', openFile(f, 'data.txt'), f.iovecs([[a, 2], [b, 3]]), 2, 1n, n));
      f.check('nread', f.u32(n), 5, { accept: [{ value: 2, behaviour: FIRST_IOVEC_ONLY }] });
      f.checkBytes('iov0', a, 2, '12');
      checkLaterIovec(f, 'iov1_is_345', b, '345');
    },
  },
  {
    name: 'zero-iovecs', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec_array',
    description: 'fd_pread with an empty iovec array reads nothing: nread 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_pread', openFile(f, 'data.txt'), f.iovecs([]), 0, 2n, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'zero-length-iovec', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec',
    description: 'fd_pread into a single empty iovec reads nothing: nread 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_pread', openFile(f, 'data.txt'), f.iovecs([[f.alloc(4), 0]]), 1, 2n, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'append-mode-reads-at-offset', tags: ['append'], tree: TREE, spec: 'docs.md#fdflags.append',
    description: 'append mode affects only writes: fd_pread on an appending fd reads at its offset',
    body: (f) => pread(f, openFile(f, 'data.txt', { fdflags: FDFLAGS.append }), 4, 2, '2345'),
  },
  {
    name: 'after-read-to-eof', tags: ['edge'], tree: TREE,
    description: 'after fd_read consumed the whole file, fd_pread at 0 still returns its start',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 10);
      pread(f, fd, 3, 0, '012');
    },
  },
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_pread on an fd that was never opened fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_pread', UNOPENED_FD, f.iovecs([[f.alloc(8), 8]]), 1, 0n, f.out32()), 'badf'),
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'fd_pread on an fd after fd_close fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_pread', closedFd(f), f.iovecs([[f.alloc(8), 8]]), 1, 0n, f.out32()), 'badf'),
  },
  {
    name: 'negative-fd', tags: ['errors'],
    description: 'fd_pread on fd 0xffffffff (-1) fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_pread', -1, f.iovecs([[f.alloc(8), 8]]), 1, 0n, f.out32()), 'badf'),
  },
  {
    name: 'many-iovecs', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec_array',
    description: '8 one-byte iovecs at offset 2 receive bytes 2..9, one each, in order',
    body: (f) => {
      const buf = f.alloc(8, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_pread', openFile(f, 'data.txt'), f.iovecs(Array.from({ length: 8 }, (_, i) => [buf + i, 1] as [number, number])), 8, 2n, n));
      f.check('nread', f.u32(n), 8, { accept: [{ value: 1, behaviour: FIRST_IOVEC_ONLY }] });
      f.checkBytes('first', buf, 1, '2');
      checkLaterIovec(f, 'rest_filled', buf + 1, '3456789');
    },
  },
  {
    name: 'directory-fd', tags: ['errors'], tree: TREE,
    description: 'fd_pread on a directory fd fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_pread', openDir(f, 'dir'), f.iovecs([[f.alloc(8), 8]]), 1, 0n, f.out32()), 'badf', { accept: DIR_FD_ALTS }),
  },
  {
    name: 'without-read-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_read',
    description: 'fd_pread on an fd without rights::fd_read fails with ENOTCAPABLE',
    quote: 'If `rights::fd_seek` is set, includes the right to invoke `fd_pread`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_read') });
      f.expectErrno(f.call('fd_pread', fd, f.iovecs([[f.alloc(8), 8]]), 1, 0n, f.out32()), 'notcapable', { accept: missingRightAlts() });
    },
  },
  {
    name: 'without-seek-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_read',
    description: 'fd_pread needs rights::fd_seek as well as fd_read: without fd_seek, ENOTCAPABLE',
    quote: 'If `rights::fd_seek` is set, includes the right to invoke `fd_pread`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_seek') });
      f.expectErrno(f.call('fd_pread', fd, f.iovecs([[f.alloc(8), 8]]), 1, 0n, f.out32()), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    },
  },
  {
    name: 'iovs-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an iovec array starting at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_pread', openFile(f, 'data.txt'), f.memEnd, 1, 0n, f.out32()), TRAP_ALTS),
  },
  {
    name: 'buffer-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an iovec buffer that runs past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_pread', openFile(f, 'data.txt'), f.iovecs([[f.memEnd - 4, 8]]), 1, 0n, f.out32()), TRAP_ALTS),
  },
  {
    name: 'nread-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an nread pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_pread', openFile(f, 'data.txt'), f.iovecs([[f.alloc(8), 8]]), 1, 0n, f.memEnd), TRAP_ALTS),
  },
];

export default suite('fd_pread', cases);
