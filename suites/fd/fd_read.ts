/**
 * fd_read: scatter reads from the fd's offset. Cases cover the iovec array (zero entries, empty
 * entries, many entries, order), short reads at end of file, the shared offset, bad fds,
 * directories, the fd_read right, stdin, and bad guest pointers.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { OFLAGS } from '../spec.js';
import {
  DIGITS, DIR_FD_ALTS, FIRST_IOVEC_ONLY, TRAP_ALTS, TREE, UNOPENED_FD, checkLaterIovec, closedFd, openFile,
  fileRightsWithout, missingRightAlts, openDir, read, seek, treeWith, write,
} from '../lib/fd-io.js';

const QUOTE = 'Read from a file descriptor. Note: This is similar to `readv` in POSIX.';

/** fd_read(fd, [[buf, len]…]) checked for success and the total nread (or the first iovec's, FIRST_IOVEC_ONLY). */
function readv(f: Fixture, fd: string, list: Array<[number, number]>, nread: number, firstOnly?: number): void {
  const n = f.out32();
  f.expectSuccess(f.call('fd_read', fd, f.iovecs(list), list.length, n));
  f.check('nread', f.u32(n), nread, firstOnly === undefined ? {} : { accept: [{ value: firstOnly, behaviour: FIRST_IOVEC_ONLY }] });
}

/** A case that reads the first `len` bytes of data.txt into one buffer and checks them. */
function readOnce(f: Fixture, fd: string, cap: number, expected: string): void {
  const buf = f.alloc(cap, 1);
  const n = f.out32();
  f.expectSuccess(f.call('fd_read', fd, f.iovecs([[buf, cap]]), 1, n));
  f.check('nread', f.u32(n), new TextEncoder().encode(expected).length);
  f.checkBytes('data', buf, f.u32(n), expected);
}

const STDIN = ['stdin'];

const cases: CaseDef[] = [
  // ── basic reads and end of file ───────────────────────────────────────────────────
  {
    name: 'reads-file-content', tags: ['basic'], tree: TREE, quote: QUOTE,
    description: 'a read as large as the file returns every byte of it',
    body: (f) => readOnce(f, openFile(f, 'data.txt'), 10, DIGITS),
  },
  {
    name: 'short-read-at-eof', tags: ['edge'], tree: TREE,
    description: 'a buffer larger than the file gets only the bytes the file has; nread says how many',
    body: (f) => readOnce(f, openFile(f, 'data.txt'), 32, DIGITS),
  },
  {
    name: 'read-at-eof-returns-zero', tags: ['edge'], tree: TREE,
    description: 'a read at end of file succeeds with nread 0',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 10);
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_read', fd, f.iovecs([[f.alloc(8), 8]]), 1, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'empty-file-reads-zero', tags: ['edge'], tree: TREE,
    description: 'reading an empty file succeeds with nread 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_read', openFile(f, 'empty.txt'), f.iovecs([[f.alloc(8), 8]]), 1, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'consecutive-reads-advance', tags: ['basic'], tree: TREE,
    description: 'each read continues where the previous one stopped',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 4);
      readOnce(f, fd, 4, '4567');
    },
  },
  {
    name: 'last-read-is-partial', tags: ['edge'], tree: TREE,
    description: 'a read that crosses end of file returns only the remaining bytes',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 8);
      readOnce(f, fd, 4, '89');
    },
  },
  {
    name: 'read-after-seek', tags: ['basic'], tree: TREE,
    description: 'a read after fd_seek starts at the new offset',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 6);
      readOnce(f, fd, 8, '6789');
    },
  },
  {
    name: 'read-after-write-shares-offset', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': 'ab23456789' }),
    description: 'fd_write and fd_read share one offset: a read after a write continues after it',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      write(f, fd, 'ab');
      readOnce(f, fd, 3, '234');
    },
  },
  {
    name: 'truncated-file-reads-nothing', tags: ['truncate'], tree: TREE,
    spec: 'docs.md#oflags.trunc', fs_after: treeWith({ 'data.txt': '' }),
    description: 'a file opened with oflags::trunc has size 0: the first read returns nothing',
    quote: 'Truncate file to size 0.',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_read', openFile(f, 'data.txt', { oflags: OFLAGS.trunc }), f.iovecs([[f.alloc(16), 16]]), 1, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'binary-bytes-unchanged', tags: ['edge'],
    tree: { 'bin.dat': { file: Buffer.from([0x00, 0xff, 0x0a, 0x80, 0x7f]).toString('base64'), encoding: 'base64' } },
    description: 'bytes are read verbatim: NUL, 0xff, newline, 0x80 and 0x7f are not translated',
    body: (f) => {
      const buf = f.alloc(8, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', openFile(f, 'bin.dat'), f.iovecs([[buf, 8]]), 1, n));
      f.check('nread', f.u32(n), 5);
      [0x00, 0xff, 0x0a, 0x80, 0x7f].forEach((b, i) => f.check(`byte${i}`, f.u8(buf + i), b));
    },
  },
  {
    name: 'bytes-past-nread-untouched', tags: ['edge'], tree: TREE,
    description: 'a short read writes nothing into the buffer beyond the nread bytes',
    body: (f) => {
      const buf = f.sentinel(16);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([[buf, 16]]), 1, n));
      f.check('nread', f.u32(n), 10);
      f.check('tail', f.u32(buf + 12), 0xaaaaaaaa, { what: 'buffer bytes 12..15 (sentinel)' });
      f.check('tail_start', f.u16(buf + 10), 0xaaaa, { what: 'buffer bytes 10..11 (sentinel)' });
    },
  },
  {
    name: 'nread-is-a-u32', tags: ['abi-layout'], tree: TREE,
    spec: 'docs.md#size',
    description: 'nread is written as a 4-byte size: the bytes after it are untouched',
    body: (f) => {
      const n = f.sentinel(8);
      f.expectSuccess(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([[f.alloc(10, 1), 10]]), 1, n));
      f.check('nread', f.u32(n), 10);
      f.check('after_nread', f.u32(n + 4), 0xaaaaaaaa, { what: 'bytes after nread (sentinel)' });
    },
  },

  // ── the iovec array ────────────────────────────────────────────────────────────────
  {
    name: 'zero-iovecs', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec_array',
    description: 'an empty iovec array reads nothing and reports nread 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([]), 0, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'zero-iovecs-keeps-offset', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec_array',
    description: 'an empty read does not move the offset: the next read starts at byte 0',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.ok(f.call('fd_read', fd, f.iovecs([]), 0, f.out32()), 'fd_read with no iovecs');
      readOnce(f, fd, 3, '012');
    },
  },
  {
    name: 'zero-length-iovec', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec',
    description: 'a single iovec of length 0 reads nothing and reports nread 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([[f.alloc(8), 0]]), 1, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'scatter-fills-iovecs-in-order', tags: ['basic'], tree: TREE, spec: 'docs.md#iovec_array',
    description: 'one read fills the iovecs in array order, each up to its buf_len',
    quote: 'List of scatter/gather vectors to which to store data.',
    body: (f) => {
      const [a, b, c] = [f.alloc(3, 1), f.alloc(4, 1), f.alloc(3, 1)];
      readv(f, openFile(f, 'data.txt'), [[a, 3], [b, 4], [c, 3]], 10, 3);
      f.checkBytes('iov0', a, 3, '012');
      checkLaterIovec(f, 'iov1_is_3456', b, '3456');
      checkLaterIovec(f, 'iov2_is_789', c, '789');
    },
  },
  {
    name: 'scatter-follows-array-not-addresses', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec_array',
    description: 'iovecs are filled in array order even when their buffers lie in reverse address order',
    body: (f) => {
      const low = f.alloc(4, 1), mid = f.alloc(3, 1), high = f.alloc(3, 1);
      readv(f, openFile(f, 'data.txt'), [[high, 3], [mid, 3], [low, 4]], 10, 3);
      f.checkBytes('iov0', high, 3, '012');
      checkLaterIovec(f, 'iov1_is_345', mid, '345');
      checkLaterIovec(f, 'iov2_is_6789', low, '6789');
    },
  },
  {
    name: 'scatter-short-read-fills-leading-iovecs', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec_array',
    description: 'at end of file the earlier iovecs are filled first; a later one is only partly filled',
    body: (f) => {
      const a = f.alloc(6, 1), b = f.sentinel(6);
      readv(f, openFile(f, 'data.txt'), [[a, 6], [b, 6]], 10, 6);
      f.checkBytes('iov0', a, 6, '012345');
      checkLaterIovec(f, 'iov1_is_6789', b, '6789');
      f.check('iov1_tail', f.u16(b + 4), 0xaaaa, { what: 'iov1 bytes 4..5 (sentinel)' });
    },
  },
  {
    name: 'zero-length-iovec-between', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec',
    description: 'an empty iovec between two others is skipped; the data continues in the next one',
    body: (f) => {
      const a = f.alloc(3, 1), gap = f.sentinel(4), b = f.alloc(4, 1);
      readv(f, openFile(f, 'data.txt'), [[a, 3], [gap, 0], [b, 4]], 7, 3);
      f.checkBytes('iov0', a, 3, '012');
      checkLaterIovec(f, 'iov2_is_3456', b, '3456');
      f.check('gap', f.u32(gap), 0xaaaaaaaa, { what: 'the empty iovec\'s buffer (sentinel)' });
    },
  },
  {
    name: 'leading-zero-length-iovec', tags: ['edge'], tree: TREE, spec: 'docs.md#iovec',
    description: 'an empty first iovec does not end the read: the data goes to the next iovec',
    body: (f) => {
      const gap = f.sentinel(4), b = f.alloc(5, 1);
      readv(f, openFile(f, 'data.txt'), [[gap, 0], [b, 5]], 5);
      f.checkBytes('iov1', b, 5, '01234');
    },
  },
  {
    name: 'many-iovecs', tags: ['edge'], tree: { 'alpha.txt': 'abcdefghijklmnopqrstuvwxyz012345' },
    spec: 'docs.md#iovec_array',
    description: '32 one-byte iovecs each receive one byte, in order',
    body: (f) => {
      const buf = f.alloc(32, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', openFile(f, 'alpha.txt'), f.iovecs(Array.from({ length: 32 }, (_, i) => [buf + i, 1] as [number, number])), 32, n));
      f.check('nread', f.u32(n), 32, { accept: [{ value: 1, behaviour: FIRST_IOVEC_ONLY }] });
      f.checkBytes('first', buf, 1, 'a');
      checkLaterIovec(f, 'rest_filled', buf + 1, 'bcdefghijklmnopqrstuvwxyz012345');
    },
  },

  // ── bad descriptors and rights ──────────────────────────────────────────────────────
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_read on an fd that was never opened fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_read', UNOPENED_FD, f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'badf'),
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'fd_read on an fd after fd_close fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_read', closedFd(f), f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'badf'),
  },
  {
    name: 'negative-fd', tags: ['errors'],
    description: 'fd_read on fd 0xffffffff (-1) fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_read', -1, f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'badf'),
  },
  {
    name: 'directory-fd', tags: ['errors'], tree: TREE,
    description: 'fd_read on a directory opened with path_open fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_read', openDir(f, 'dir'), f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'badf', { accept: DIR_FD_ALTS }),
  },
  {
    name: 'preopen-fd', tags: ['errors', 'sandbox'], tree: TREE, fs_after: TREE,
    description: 'fd_read on the preopened directory itself fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_read', f.preopen(), f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'badf', { accept: DIR_FD_ALTS }),
  },
  {
    name: 'without-read-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_read',
    description: 'an fd opened without rights::fd_read cannot be read: ENOTCAPABLE',
    quote: 'The right to invoke `fd_read` and `sock_recv`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_read'), inheriting: 0n });
      f.expectErrno(f.call('fd_read', fd, f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'notcapable', { accept: missingRightAlts() });
    },
  },

  // ── stdin ─────────────────────────────────────────────────────────────────────────
  {
    name: 'stdin-content', tags: ['stdio'], stdin: 'hello from stdin\n', requires: STDIN,
    description: 'fd 0 reads the text given on stdin',
    body: (f) => {
      const buf = f.alloc(64, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', 0, f.iovecs([[buf, 64]]), 1, n));
      f.checkBytes('stdin', buf, f.u32(n), 'hello from stdin\n');
    },
  },
  {
    name: 'stdin-small-buffer-continues', tags: ['stdio'], stdin: 'abcdefgh', requires: STDIN,
    description: 'a read smaller than stdin returns the first bytes; the next read continues after them',
    body: (f) => {
      const a = f.alloc(3, 1), b = f.alloc(3, 1);
      const n1 = f.out32(), n2 = f.out32();
      f.expectSuccess(f.call('fd_read', 0, f.iovecs([[a, 3]]), 1, n1), { key: 'errno1' });
      f.checkBytes('first', a, f.u32(n1), 'abc');
      f.expectSuccess(f.call('fd_read', 0, f.iovecs([[b, 3]]), 1, n2), { key: 'errno2' });
      f.checkBytes('second', b, f.u32(n2), 'def');
    },
  },
  {
    name: 'stdin-empty-reads-zero', tags: ['stdio', 'edge'], stdin: '', requires: STDIN,
    description: 'with empty stdin, fd_read on fd 0 succeeds with nread 0 (end of file)',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_read', 0, f.iovecs([[f.alloc(8), 8]]), 1, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'stdin-eof-after-content', tags: ['stdio', 'edge'], stdin: 'xy', requires: STDIN,
    description: 'after all of stdin was read, the next read returns 0',
    body: (f) => {
      const buf = f.alloc(8, 1);
      const n1 = f.out32();
      f.ok(f.call('fd_read', 0, f.iovecs([[buf, 8]]), 1, n1), 'fd_read(stdin)');
      f.checkBytes('stdin', buf, f.u32(n1), 'xy');
      const n2 = f.sentinel(4);
      f.expectSuccess(f.call('fd_read', 0, f.iovecs([[f.alloc(8), 8]]), 1, n2));
      f.check('nread', f.u32(n2), 0);
    },
  },
  {
    name: 'stdin-unicode', tags: ['stdio', 'unicode'], stdin: 'žluťoučký kůň ✓\n', requires: STDIN,
    description: 'non-ASCII stdin arrives as its UTF-8 bytes',
    body: (f) => {
      const buf = f.alloc(64, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', 0, f.iovecs([[buf, 64]]), 1, n));
      f.checkBytes('stdin', buf, f.u32(n), 'žluťoučký kůň ✓\n');
    },
  },

  // ── bad guest pointers ────────────────────────────────────────────────────────────
  {
    name: 'iovs-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an iovec array starting at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_read', openFile(f, 'data.txt'), f.memEnd, 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'iovs-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an iovec whose second half lies past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_read', openFile(f, 'data.txt'), f.memEnd - 4, 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'iovs-len-overflows', tags: ['pointers', 'errors'], tree: TREE,
    description: 'iovs_len 0x20000001 (8 x len wraps to 8 in 32 bits) describes an array past memory: trap',
    body: (f) => f.expectTrap(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([[f.alloc(8), 8]]), 0x20000001, f.out32()), TRAP_ALTS),
  },
  {
    name: 'iovs-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: TREE,
    spec: 'docs.md#iovec_array',
    description: 'an iovec array at an address not 4-byte aligned (iovec alignment is 4) traps',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const at = f.alloc(16, 8) + 1;
      const buf = f.alloc(8, 1);
      f.emit(`(i32.store (i32.const ${at}) (i32.const ${buf}))`, `(i32.store (i32.const ${at + 4}) (i32.const 8))`);
      f.expectTrap(f.call('fd_read', fd, at, 1, f.out32()), TRAP_ALTS);
    },
  },
  {
    name: 'buffer-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an iovec buffer that runs 4 bytes past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([[f.memEnd - 4, 8]]), 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'buffer-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an iovec buffer starting past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([[f.memEnd + 16, 4]]), 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'nread-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an nread pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([[f.alloc(8), 8]]), 1, f.memEnd), TRAP_ALTS),
  },
  {
    name: 'nread-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an nread pointer whose last 2 bytes lie past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_read', openFile(f, 'data.txt'), f.iovecs([[f.alloc(8), 8]]), 1, f.memEnd - 2), TRAP_ALTS),
  },
];

export default suite('fd_read', cases);
