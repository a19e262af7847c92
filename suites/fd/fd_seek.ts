/**
 * fd_seek: move the fd offset relative to the start, the current offset or the end, and return
 * the new offset. Cases cover each whence in this ABI's numbering, seeking past end of file,
 * negative results, bad whence values, offset overflow, the u64 result, bad fds, directories,
 * the fd_seek/fd_tell rights and bad pointers.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS } from '../spec.js';
import {
  DIGITS, DIR_FD_ALTS, RIGHTS_NOT_ENFORCED, TRAP_ALTS, TREE, UNOPENED_FD, checkFileContent,
  checkOffset, closedFd, fileRightsWithout, openDir, openFile, read, seek, treeWith, write,
} from '../lib/fd-io.js';

const QUOTE = 'Move the offset of a file descriptor. Note: This is similar to `lseek` in POSIX.';
const RESULT = 'The new offset of the file descriptor, relative to the start of the file.';

type Whence = 'set' | 'cur' | 'end';

/** fd_seek(fd, offset, whence), checked: errno 0 and the returned new offset. */
function seekTo(f: Fixture, fd: string, offset: number | bigint, whence: Whence, expected: number | bigint): void {
  const out = f.out64();
  f.expectSuccess(f.call('fd_seek', fd, BigInt(offset), f.abi.whence[whence], out));
  f.check('newoffset', f.u64(out), BigInt(expected));
}

/** fd_seek that must fail with `errno` (the new-offset buffer is a sentinel it must not need). */
function seekFails(f: Fixture, fd: string, offset: number | bigint, whence: number, errno: 'inval'): void {
  f.expectErrno(f.call('fd_seek', fd, BigInt(offset), whence, f.sentinel(8)), errno);
}

const cases: CaseDef[] = [
  // ── the three bases ──────────────────────────────────────────────────────────────
  {
    name: 'set-returns-new-offset', tags: ['basic'], tree: TREE, quote: QUOTE,
    description: 'whence::set moves to the given offset and returns it',
    body: (f) => seekTo(f, openFile(f, 'data.txt'), 4, 'set', 4),
  },
  {
    name: 'set-is-absolute', tags: ['basic'], tree: TREE, spec: 'docs.md#whence.set',
    description: 'after reading 3 bytes, whence::set to 2 goes to 2, not to 3 + 2',
    quote: 'Seek relative to start-of-file.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 3);
      seekTo(f, fd, 2, 'set', 2);
    },
  },
  {
    name: 'set-then-read', tags: ['basic'], tree: TREE, spec: 'docs.md#whence.set',
    description: 'the next fd_read starts at the offset fd_seek set',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 7);
      const buf = f.alloc(8, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', fd, f.iovecs([[buf, 8]]), 1, n));
      f.checkBytes('data', buf, f.u32(n), '789');
    },
  },
  {
    name: 'cur-is-relative', tags: ['basic'], tree: TREE, spec: 'docs.md#whence.cur',
    description: 'after reading 3 bytes, whence::cur with +2 goes to 5',
    quote: 'Seek relative to current position.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 3);
      seekTo(f, fd, 2, 'cur', 5);
    },
  },
  {
    name: 'cur-negative', tags: ['basic'], tree: TREE, spec: 'docs.md#whence.cur',
    description: 'whence::cur with a negative delta moves back (6 - 2 = 4)',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 6);
      seekTo(f, fd, -2, 'cur', 4);
    },
  },
  {
    name: 'cur-zero-reports-offset', tags: ['basic'], tree: TREE, spec: 'docs.md#whence.cur',
    description: 'whence::cur with 0 leaves the offset and returns it (7 after reading 7 bytes)',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 7);
      seekTo(f, fd, 0, 'cur', 7);
    },
  },
  {
    name: 'end-zero-is-file-size', tags: ['basic'], tree: TREE, spec: 'docs.md#whence.end',
    description: 'whence::end with 0 returns the file size (10)',
    quote: 'Seek relative to end-of-file.',
    body: (f) => seekTo(f, openFile(f, 'data.txt'), 0, 'end', 10),
  },
  {
    name: 'end-negative', tags: ['basic'], tree: TREE, spec: 'docs.md#whence.end',
    description: 'whence::end with -3 goes to 7; the next read returns the last 3 bytes',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seekTo(f, fd, -3, 'end', 7);
      const buf = f.alloc(8, 1);
      const n = f.out32();
      f.ok(f.call('fd_read', fd, f.iovecs([[buf, 8]]), 1, n), 'fd_read');
      f.checkBytes('data', buf, f.u32(n), '789');
    },
  },
  {
    name: 'end-of-empty-file', tags: ['edge'], tree: TREE, spec: 'docs.md#whence.end',
    description: 'whence::end with 0 on an empty file returns 0',
    body: (f) => seekTo(f, openFile(f, 'empty.txt'), 0, 'end', 0),
  },
  {
    name: 'end-tracks-growth', tags: ['edge'], tree: TREE, spec: 'docs.md#whence.end',
    fs_after: treeWith({ 'data.txt': `${DIGITS}ab` }),
    description: 'whence::end is the current size: after a write grew the file to 12 it returns 12',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 10);
      write(f, fd, 'ab');
      seekTo(f, fd, 0, 'end', 12);
    },
  },
  {
    name: 'whence-values-per-abi', tags: ['abi-layout'], tree: TREE, spec: 'docs.md#whence',
    description: 'whence 0, 1 and 2 mean set/cur/end in preview1 and cur/end/set in wasi_unstable',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      read(f, fd, 3);
      // from offset 3, seek by +1 with each raw value; the result depends on what it means
      const meaning = (v: number): Whence => (Object.entries(f.abi.whence).find(([, n]) => n === v)![0] as Whence);
      let at = 3;
      for (const v of [0, 1, 2]) {
        const out = f.out64();
        f.expectSuccess(f.call('fd_seek', fd, 1n, v, out), { key: `errno_whence${v}` });
        const m = meaning(v);
        at = m === 'set' ? 1 : m === 'cur' ? at + 1 : 11;
        f.check(`whence${v}`, f.u64(out), BigInt(at), { what: `fd_seek(+1, ${v} = ${m})` });
      }
    },
  },

  // ── beyond end of file ───────────────────────────────────────────────────────────
  {
    name: 'past-eof-allowed', tags: ['edge'], tree: TREE,
    description: 'seeking past end of file succeeds and returns the requested offset (100)',
    quote: RESULT,
    body: (f) => seekTo(f, openFile(f, 'data.txt'), 100, 'set', 100),
  },
  {
    name: 'end-positive', tags: ['edge'], tree: TREE, spec: 'docs.md#whence.end',
    description: 'whence::end with +5 goes 5 bytes past end of file (15)',
    body: (f) => seekTo(f, openFile(f, 'data.txt'), 5, 'end', 15),
  },
  {
    name: 'past-eof-read-returns-zero', tags: ['edge'], tree: TREE,
    description: 'a read after seeking past end of file returns 0 bytes',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 50);
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_read', fd, f.iovecs([[f.alloc(8), 8]]), 1, n));
      f.check('nread', f.u32(n), 0);
    },
  },
  {
    name: 'past-eof-does-not-grow-file', tags: ['edge'], tree: TREE, fs_after: TREE,
    description: 'seeking past end of file without writing leaves the file size unchanged',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 100);
      seekTo(f, fd, 0, 'end', 10);
    },
  },
  {
    name: 'write-past-eof-zero-fills', tags: ['edge'], tree: { 'short.txt': 'ab' },
    fs_after: { 'short.txt': 'ab\u0000\u0000\u0000z' },
    description: 'a write after seeking past end of file leaves a gap of zero bytes',
    body: (f) => {
      const fd = openFile(f, 'short.txt');
      seekTo(f, fd, 5, 'set', 5);
      write(f, fd, 'z');
      checkFileContent(f, 'short.txt', 'ab\u0000\u0000\u0000z');
    },
  },
  {
    name: 'offset-is-a-full-u64', tags: ['abi-layout', 'edge'], tree: TREE, spec: 'docs.md#filesize',
    description: 'seeking to 2^32+5 returns all 8 bytes of the new offset, not its low 32 bits',
    quote: RESULT,
    body: (f) => {
      const out = f.sentinel(16);
      f.expectSuccess(f.call('fd_seek', openFile(f, 'data.txt'), 0x1_0000_0005n, f.abi.whence.set, out));
      f.check('newoffset', f.u64(out), 0x1_0000_0005n);
      f.check('after_newoffset', f.u64(out + 8), 0xaaaaaaaaaaaaaaaan, { what: 'bytes after newoffset (sentinel)' });
    },
  },

  // ── errors ────────────────────────────────────────────────────────────────────────
  {
    name: 'negative-set', tags: ['errors'], tree: TREE,
    description: 'whence::set to -1 (a negative resulting offset) fails with EINVAL',
    body: (f) => seekFails(f, openFile(f, 'data.txt'), -1, f.abi.whence.set, 'inval'),
  },
  {
    name: 'cur-before-start', tags: ['errors'], tree: TREE,
    description: 'whence::cur by -4 from offset 3 (resulting offset -1) fails with EINVAL',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 3);
      seekFails(f, fd, -4, f.abi.whence.cur, 'inval');
    },
  },
  {
    name: 'end-before-start', tags: ['errors'], tree: TREE,
    description: 'whence::end by -11 on a 10-byte file (resulting offset -1) fails with EINVAL',
    body: (f) => seekFails(f, openFile(f, 'data.txt'), -11, f.abi.whence.end, 'inval'),
  },
  {
    name: 'failed-seek-keeps-offset', tags: ['errors'], tree: TREE,
    description: 'a seek that fails (negative result) leaves the offset where it was',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 3);
      seekFails(f, fd, -1, f.abi.whence.set, 'inval');
      checkOffset(f, fd, 3);
    },
  },
  {
    name: 'bad-whence', tags: ['errors'], tree: TREE, spec: 'docs.md#whence',
    description: 'whence 3 (not a whence value) fails with EINVAL',
    body: (f) => seekFails(f, openFile(f, 'data.txt'), 0, 3, 'inval'),
  },
  {
    name: 'bad-whence-255', tags: ['errors'], tree: TREE, spec: 'docs.md#whence',
    description: 'whence 255 (not a whence value) fails with EINVAL',
    body: (f) => seekFails(f, openFile(f, 'data.txt'), 0, 255, 'inval'),
  },
  {
    name: 'bad-whence-keeps-offset', tags: ['errors'], tree: TREE, spec: 'docs.md#whence',
    description: 'a seek with an invalid whence leaves the offset where it was',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 4);
      seekFails(f, fd, 1, 7, 'inval');
      checkOffset(f, fd, 4);
    },
  },
  {
    name: 'cur-overflow', tags: ['errors', 'edge'], tree: TREE,
    description: 'whence::cur by 2^63-1 from offset 10 overflows a signed 64-bit offset: EINVAL',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 10);
      f.expectErrno(f.call('fd_seek', fd, (1n << 63n) - 1n, f.abi.whence.cur, f.sentinel(8)), 'inval',
        { accept: [{ errno: 'overflow', behaviour: 'EOVERFLOW for an unrepresentable offset (POSIX lseek wording)' }] });
    },
  },
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_seek on an fd that was never opened fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_seek', UNOPENED_FD, 0n, f.abi.whence.set, f.out64()), 'badf'),
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'fd_seek on an fd after fd_close fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_seek', closedFd(f), 0n, f.abi.whence.set, f.out64()), 'badf'),
  },
  {
    name: 'directory-fd', tags: ['errors'], tree: TREE,
    description: 'fd_seek on a directory opened with path_open fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_seek', openDir(f, 'dir'), 1n, f.abi.whence.set, f.out64()), 'badf', { accept: DIR_FD_ALTS }),
  },
  {
    name: 'preopen-fd', tags: ['errors'], tree: TREE,
    description: 'fd_seek on the preopened directory fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_seek', f.preopen(), 1n, f.abi.whence.set, f.out64()), 'badf', { accept: DIR_FD_ALTS }),
  },

  // ── rights ────────────────────────────────────────────────────────────────────────
  {
    name: 'without-seek-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_seek',
    description: 'without rights::fd_seek and fd_tell, fd_seek fails with ENOTCAPABLE',
    quote: 'The right to invoke `fd_seek`. This flag implies `rights::fd_tell`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_seek', 'fd_tell') });
      f.expectErrno(f.call('fd_seek', fd, 1n, f.abi.whence.set, f.out64()), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    },
  },
  {
    name: 'tell-right-allows-cur-zero', tags: ['rights'], tree: TREE, spec: 'docs.md#rights.fd_tell',
    description: 'with rights::fd_tell but not fd_seek, fd_seek(0, cur) is allowed and returns the offset',
    quote: 'The right to invoke `fd_seek` in such a way that the file offset remains unaltered (i.e., `whence::cur` with offset zero), or to invoke `fd_tell`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_seek') });
      read(f, fd, 2);
      seekTo(f, fd, 0, 'cur', 2);
    },
  },
  {
    name: 'tell-right-refuses-move', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_tell',
    description: 'with rights::fd_tell but not fd_seek, a seek that moves the offset fails: ENOTCAPABLE',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_seek') });
      f.expectErrno(f.call('fd_seek', fd, 1n, f.abi.whence.cur, f.out64()), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    },
  },

  // ── append mode ────────────────────────────────────────────────────────────────────
  {
    name: 'append-fd-seek-then-read', tags: ['append'], tree: TREE, spec: 'docs.md#fdflags.append',
    description: 'seeking an appending fd moves its offset; a read then starts there',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { fdflags: FDFLAGS.append });
      seekTo(f, fd, 3, 'set', 3);
      const buf = f.alloc(3, 1);
      const n = f.out32();
      f.ok(f.call('fd_read', fd, f.iovecs([[buf, 3]]), 1, n), 'fd_read');
      f.checkBytes('data', buf, f.u32(n), '345');
    },
  },

  // ── bad guest pointers ────────────────────────────────────────────────────────────
  {
    name: 'newoffset-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a newoffset pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_seek', openFile(f, 'data.txt'), 1n, f.abi.whence.set, f.memEnd), TRAP_ALTS),
  },
  {
    name: 'newoffset-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a newoffset pointer whose last 4 bytes lie past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_seek', openFile(f, 'data.txt'), 1n, f.abi.whence.set, f.memEnd - 4), TRAP_ALTS),
  },
  {
    name: 'newoffset-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: TREE, spec: 'docs.md#filesize',
    description: 'a newoffset pointer not 8-byte aligned (filesize alignment is 8) traps',
    body: (f) => f.expectTrap(f.call('fd_seek', openFile(f, 'data.txt'), 1n, f.abi.whence.set, f.alloc(16, 8) + 4), TRAP_ALTS),
  },
];

export default suite('fd_seek', cases);
