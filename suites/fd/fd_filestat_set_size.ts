/**
 * fd_filestat_set_size: shrink (bytes past the new end are gone), grow (the new bytes are
 * zeros, the old ones kept), sizes past 4 GiB, the offset left alone, mtim updated, errors,
 * directories and rights.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { LOOKUP, rights } from '../spec.js';
import { DIR_FD_ALTS, UNOPENED_FD, closedFd, fileRightsWithout, openFile, seek, tell } from '../lib/fd-io.js';
import { NO_RIGHT_ALTS, ageFile, checkNow, checkSize, filestat, realtime, stat64, treeAfter } from '../lib/filestat.js';

const QUOTE = 'Adjust the size of an open file. If this increases the file\'s size, the extra bytes are filled with zeros.';
const TREE = treeAfter({ 'f.txt': 'hello world', 'abc.txt': 'abc', 'empty.txt': '', dir: {}, ln: { symlink: 'f.txt' } }, {});
const after = (changes: Record<string, string | null>) => treeAfter(TREE, changes);

/** fd_filestat_set_size(fd, size) is the call under test: expect success. */
function setSize(f: Fixture, fd: string, size: number | bigint): void {
  f.expectSuccess(f.call('fd_filestat_set_size', fd, BigInt(size)));
}

/** Read `len` bytes at `offset` with fd_pread into a sentinel buffer (setup); returns [buf, nread]. */
function pread(f: Fixture, fd: string, offset: number, len: number): [number, string] {
  const buf = f.sentinel(len + 8, 0xaa, 1);
  const n = f.out32();
  f.ok(f.call('fd_pread', fd, f.iovecs([[buf, len]]), 1, BigInt(offset), n), `fd_pread(${len} at ${offset})`);
  return [buf, f.let(f.u32(n))];
}

/** i32 count of nonzero bytes among `len` at `buf`. */
function nonzero(f: Fixture, buf: number, len: number): string {
  return Array.from({ length: len }, (_, i) => `(i32.ne ${f.u8(buf + i)} (i32.const 0))`).reduce((a, b) => `(i32.add ${a} ${b})`);
}

/** ftruncate on a directory opened read-only (POSIX: EINVAL when the fd is not open for writing). */
const DIR_EINVAL = { errno: 'inval' as const, behaviour: 'EINVAL: host ftruncate on a read-only directory fd (POSIX)' };

export default suite('fd_filestat_set_size', [
  // ── shrink ─────────────────────────────────────────────────────────────────────────
  {
    name: 'shrink-reports-size', tags: ['basic', 'truncate'], tree: TREE, fs_after: after({ 'f.txt': 'hello' }),
    description: 'shrinking to 5 bytes makes filestat size 5 and keeps the first 5 bytes',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      setSize(f, fd, 5);
      checkSize(f, fd, 5);
    },
  },
  {
    name: 'shrink-to-zero', tags: ['truncate', 'edge'], tree: TREE, fs_after: after({ 'f.txt': '' }),
    description: 'size 0 empties the file',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      setSize(f, fd, 0);
      checkSize(f, fd, 0);
    },
  },
  {
    name: 'shrink-drops-tail', tags: ['truncate'], tree: TREE, fs_after: after({ 'f.txt': 'he' }),
    description: 'after shrinking to 2 bytes a read at offset 2 returns nothing (end of file)',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      setSize(f, fd, 2);
      const [, n] = pread(f, fd, 2, 8);
      f.check('nread', n, 0, { what: 'bytes read past the new end' });
    },
  },
  {
    name: 'shrink-then-grow-zeros', tags: ['truncate', 'edge'], tree: TREE, fs_after: after({ 'f.txt': 'he\0\0\0\0' }),
    description: 'shrinking then growing again gives zeros, not the old bytes back',
    quote: QUOTE,
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      f.ok(f.call('fd_filestat_set_size', fd, 2n), 'fd_filestat_set_size(2)');
      setSize(f, fd, 6);
      const [buf, n] = pread(f, fd, 2, 4);
      f.check('nread', n, 4);
      f.check('nonzero', nonzero(f, buf, 4), 0, { what: 'nonzero bytes among the regrown 4' });
    },
  },
  {
    name: 'same-size-keeps-content', tags: ['edge'], tree: TREE, fs_after: TREE,
    description: 'setting the current size changes nothing',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      setSize(f, fd, 11);
      checkSize(f, fd, 11);
    },
  },

  // ── grow ───────────────────────────────────────────────────────────────────────────
  {
    name: 'grow-reports-size', tags: ['basic'], tree: TREE, fs_after: after({ 'abc.txt': 'abc\0\0\0\0\0' }),
    description: 'growing a 3-byte file to 8 makes filestat size 8',
    quote: QUOTE,
    body: (f) => {
      const fd = openFile(f, 'abc.txt');
      setSize(f, fd, 8);
      checkSize(f, fd, 8);
    },
  },
  {
    name: 'grow-fills-zeros', tags: ['basic'], tree: TREE, fs_after: after({ 'abc.txt': 'abc\0\0\0\0\0' }),
    description: 'the bytes added by growing read back as zeros',
    quote: QUOTE,
    body: (f) => {
      const fd = openFile(f, 'abc.txt');
      setSize(f, fd, 8);
      const [buf, n] = pread(f, fd, 3, 5);
      f.check('nread', n, 5);
      f.check('nonzero', nonzero(f, buf, 5), 0, { what: 'nonzero bytes among the 5 added' });
    },
  },
  {
    name: 'grow-keeps-content', tags: ['basic'], tree: TREE, fs_after: after({ 'abc.txt': 'abc\0\0\0\0\0' }),
    description: 'growing keeps the existing bytes',
    body: (f) => {
      const fd = openFile(f, 'abc.txt');
      setSize(f, fd, 8);
      const [buf] = pread(f, fd, 0, 3);
      f.checkBytes('head', buf, 3, 'abc');
    },
  },
  {
    name: 'grow-empty-file', tags: ['edge'], tree: TREE, fs_after: after({ 'empty.txt': '\0' }),
    description: 'an empty file grown to 1 byte holds a single zero byte',
    body: (f) => {
      const fd = openFile(f, 'empty.txt');
      setSize(f, fd, 1);
      const [buf, n] = pread(f, fd, 0, 1);
      f.check('nread', n, 1);
      f.check('byte0', f.u8(buf), 0);
    },
  },
  {
    name: 'grow-past-4gib', tags: ['edge', 'abi-layout'], tree: { 'big.bin': '' },
    description: 'size is a u64: growing (sparse) to 4 GiB + 5 reports 4294967301, not 5',
    spec: 'docs.md#filesize',
    body: (f) => {
      const fd = openFile(f, 'big.bin');
      setSize(f, fd, 0x1_0000_0005n);
      checkSize(f, fd, 0x1_0000_0005n);
      f.ok(f.call('fd_filestat_set_size', fd, 0n), 'fd_filestat_set_size(0) (cleanup)');
    },
  },
  {
    name: 'offset-unchanged', tags: ['basic'], tree: TREE, fs_after: after({ 'f.txt': 'h' }),
    description: 'shrinking below the file offset does not move the offset',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      seek(f, fd, 7);
      setSize(f, fd, 1);
      f.check('offset', tell(f, fd), 7n, { what: 'fd_tell after set_size' });
    },
  },
  {
    name: 'write-after-shrink-leaves-hole', tags: ['truncate', 'edge'], tree: TREE, fs_after: after({ 'f.txt': 'h\0\0!' }),
    description: 'a write at the old offset past the new end leaves a zero-filled gap',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      seek(f, fd, 3);
      setSize(f, fd, 1);
      const { iovs } = f.ciovec('!');
      f.ok(f.call('fd_write', fd, iovs, 1, f.out32()), 'fd_write("!")');
      checkSize(f, fd, 4);
    },
  },
  {
    name: 'updates-mtim', tags: ['timestamps'], tree: TREE, fs_after: after({ 'f.txt': 'hel' }),
    description: 'changing the size sets mtim to the time of the call (like ftruncate)',
    quote: 'Note: This is similar to `ftruncate` in POSIX.',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      ageFile(f, fd);
      const before = realtime(f);
      setSize(f, fd, 3);
      const after2 = realtime(f);
      checkNow(f, 'mtim_now', stat64(f, filestat(f, fd), 'mtim'), before, after2);
    },
  },
  {
    name: 'through-symlink-changes-target', tags: ['symlinks'], tree: TREE, fs_after: after({ 'f.txt': 'hell' }),
    description: 'an fd opened through a symlink resizes the target; the link stays',
    body: (f) => {
      const fd = openFile(f, 'ln', { dirflags: LOOKUP.symlink_follow });
      setSize(f, fd, 4);
      checkSize(f, fd, 4);
    },
  },
  {
    name: 'visible-through-other-fd', tags: ['basic'], tree: TREE, fs_after: after({ 'f.txt': 'hello w' }),
    description: 'the new size is the file\'s: a second fd on the same file sees it',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      const other = openFile(f, 'f.txt');
      setSize(f, fd, 7);
      checkSize(f, other, 7);
    },
  },

  {
    name: 'set-size-right-suffices', tags: ['rights'], tree: TREE, fs_after: after({ 'f.txt': 'hel' }),
    description: 'an fd with the fd_filestat_set_size right but not fd_write may resize',
    spec: 'docs.md#rights.fd_filestat_set_size', quote: 'The right to invoke fd_filestat_set_size.',
    body: (f) => {
      const fd = openFile(f, 'f.txt', { rights: rights('fd_filestat_set_size', 'fd_filestat_get') });
      setSize(f, fd, 3);
      checkSize(f, fd, 3);
    },
  },

  // ── errors ─────────────────────────────────────────────────────────────────────────
  {
    name: 'size-beyond-off-t', tags: ['errors', 'edge'], tree: TREE, fs_after: TREE,
    description: 'size 2^64-1 (no file can be that large) fails with EFBIG and changes nothing',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      f.expectErrno(f.call('fd_filestat_set_size', fd, -1n), 'fbig', {
        accept: [{ errno: 'inval', behaviour: 'EINVAL: the size is a negative off_t to the host ftruncate (uvwasi, POSIX)' }],
      });
    },
  },
  {
    name: 'bad-fd', tags: ['errors'], tree: TREE, fs_after: TREE,
    description: 'an fd that is not open fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_filestat_set_size', UNOPENED_FD, 0n), 'badf'); },
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE, fs_after: TREE,
    description: 'an fd that was closed fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_filestat_set_size', closedFd(f, 'f.txt'), 0n), 'badf'); },
  },
  {
    name: 'preopen-fd', tags: ['errors'], tree: TREE, fs_after: TREE,
    description: 'a directory fd (the preopen) cannot be resized: EBADF',
    body: (f) => { f.expectErrno(f.call('fd_filestat_set_size', f.preopen(), 0n), 'badf', { accept: [...DIR_FD_ALTS, DIR_EINVAL] }); },
  },
  {
    name: 'missing-right', tags: ['errors', 'rights'], tree: TREE,
    description: 'an fd opened without the fd_filestat_set_size right fails with ENOTCAPABLE',
    spec: 'docs.md#rights.fd_filestat_set_size', quote: 'The right to invoke fd_filestat_set_size.',
    body: (f) => {
      const fd = openFile(f, 'f.txt', { rights: fileRightsWithout('fd_filestat_set_size') });
      f.expectErrno(f.call('fd_filestat_set_size', fd, 0n), 'notcapable', { accept: NO_RIGHT_ALTS });
    },
  },
] satisfies CaseDef[]);

