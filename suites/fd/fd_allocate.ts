/**
 * fd_allocate: the file grows to at least offset+len (zeros, old bytes kept), never shrinks,
 * offsets past 4 GiB, the file offset left alone, len 0 and overflowing ranges refused, errors
 * and rights. Runtimes that dropped fd_allocate answer ENOTSUP (docs/CHOICES.md) and must leave
 * the file as it was: each check states the value it has then, under that label.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import { rights } from '../spec.js';
import { DIR_FD_ALTS, UNOPENED_FD, closedFd, fileRightsWithout, openFile, seek, tell } from '../lib/fd-io.js';
import { ALLOCATE_NOTSUP, NO_RIGHT_ALTS, filestat, stat64, treeAfter } from '../lib/filestat.js';

const QUOTE = 'Force the allocation of space in a file.';
const TREE = treeAfter({ 'abc.txt': 'abc', 'f.txt': 'hello world', 'empty.txt': '', dir: {} }, {});
const NOTSUP = ALLOCATE_NOTSUP.behaviour;
const LEN0_EINVAL: AltErrno = { errno: 'inval', behaviour: 'EINVAL for len 0, as Linux posix_fallocate' };
const OVERFLOW_EINVAL: AltErrno = { errno: 'inval', behaviour: 'EINVAL: offset+len overflows the host\'s signed off_t (uvwasi)' };

/** fd_allocate(fd, offset, len) is the call under test: success, or ENOTSUP (the file unchanged). */
function allocate(f: Fixture, fd: string, offset: bigint, len: bigint): void {
  f.expectSuccess(f.call('fd_allocate', fd, offset, len), { accept: [ALLOCATE_NOTSUP] });
}

/** The size of fd is `grown`, or `unchanged` where fd_allocate answered ENOTSUP. */
function checkSizeAfter(f: Fixture, fd: string, grown: number | bigint, unchanged: number | bigint): void {
  const accept = BigInt(grown) === BigInt(unchanged) ? [] : [{ value: BigInt(unchanged), behaviour: NOTSUP }];
  f.check('size', stat64(f, filestat(f, fd), 'size'), BigInt(grown), { what: 'filestat.size', accept });
}

/** fd_pread `len` bytes at `offset` into a sentinel buffer (setup): [buf, nread]. */
function pread(f: Fixture, fd: string, offset: number, len: number): [number, string] {
  const buf = f.sentinel(len + 8, 0xaa, 1);
  const n = f.out32();
  f.ok(f.call('fd_pread', fd, f.iovecs([[buf, len]]), 1, BigInt(offset), n), `fd_pread(${len} at ${offset})`);
  return [buf, f.let(f.u32(n))];
}

/** The errno of fd_allocate where the call must fail: `expected`, ENOTSUP accepted. */
function allocateFails(f: Fixture, fd: string | number, offset: bigint, len: bigint, expected: 'fbig' | 'badf', more: AltErrno[] = []): void {
  f.expectErrno(f.call('fd_allocate', fd, offset, len), expected, { accept: [...more, ALLOCATE_NOTSUP] });
}

/** A success case whose tree after the run is `grown` (TREE where the runtime has no fd_allocate). */
function growCase(def: Omit<CaseDef, 'tree' | 'fs_after' | 'body'> & { grown: Record<string, string>; body: CaseDef['body'] }): CaseDef {
  return {
    ...def, tree: TREE, fs_after: treeAfter(TREE, def.grown),
    body: (f) => { f.altFsAfter(NOTSUP, TREE); def.body(f); },
  };
}

export default suite('fd_allocate', [
  growCase({
    name: 'grows-to-offset-plus-len', tags: ['basic'], quote: QUOTE, grown: { 'abc.txt': 'abc\0\0\0\0\0\0\0' },
    description: 'allocating 10 bytes from 0 in a 3-byte file makes its size 10',
    body: (f) => {
      const fd = openFile(f, 'abc.txt');
      allocate(f, fd, 0n, 10n);
      checkSizeAfter(f, fd, 10, 3);
    },
  }),
  growCase({
    name: 'grows-from-offset', tags: ['basic'], grown: { 'abc.txt': 'abc\0\0\0\0\0\0\0\0\0' },
    description: 'allocating 4 bytes at offset 8 makes a 3-byte file 12 bytes long',
    body: (f) => {
      const fd = openFile(f, 'abc.txt');
      allocate(f, fd, 8n, 4n);
      checkSizeAfter(f, fd, 12, 3);
    },
  }),
  growCase({
    name: 'new-bytes-are-zeros', tags: ['basic'], grown: { 'abc.txt': 'abc\0\0\0\0\0' },
    description: 'the bytes added by allocation read back as zeros',
    body: (f) => {
      const fd = openFile(f, 'abc.txt');
      allocate(f, fd, 0n, 8n);
      const [buf, n] = pread(f, fd, 3, 5);
      f.check('nread', n, 5, { accept: [{ value: 0, behaviour: NOTSUP }] });
      // where nothing was read the 5 sentinel bytes (0xaa) are all nonzero
      f.check('nonzero', Array.from({ length: 5 }, (_, i) => `(i32.ne ${f.u8(buf + i)} (i32.const 0))`).reduce((a, b) => `(i32.add ${a} ${b})`), 0, { what: 'nonzero bytes among the 5 added', accept: [{ value: 5, behaviour: NOTSUP }] });
    },
  }),
  growCase({
    name: 'keeps-content', tags: ['basic'], grown: { 'abc.txt': 'abc\0\0\0\0\0' },
    description: 'allocation past the end keeps the existing bytes',
    body: (f) => {
      const fd = openFile(f, 'abc.txt');
      allocate(f, fd, 0n, 8n);
      const [buf] = pread(f, fd, 0, 3);
      f.checkBytes('head', buf, 3, 'abc');
    },
  }),
  growCase({
    name: 'empty-file', tags: ['edge'], grown: { 'empty.txt': '\0' },
    description: 'allocating 1 byte in an empty file makes it 1 byte long',
    body: (f) => {
      const fd = openFile(f, 'empty.txt');
      allocate(f, fd, 0n, 1n);
      checkSizeAfter(f, fd, 1, 0);
    },
  }),
  {
    name: 'never-shrinks', tags: ['basic'], tree: TREE, fs_after: TREE,
    description: 'allocating a range inside the file leaves its size (11) unchanged',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      allocate(f, fd, 0n, 2n);
      checkSizeAfter(f, fd, 11, 11);
    },
  },
  {
    name: 'inside-range-keeps-content', tags: ['basic'], tree: TREE, fs_after: TREE,
    description: 'allocating bytes 2..5 of a file changes none of its content',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      allocate(f, fd, 2n, 3n);
      const [buf, n] = pread(f, fd, 0, 11);
      f.checkBytes('data', buf, n, 'hello world');
    },
  },
  {
    name: 'offset-above-4gib', tags: ['edge'], tree: { 'big.bin': '' },
    description: 'offset is a u64: allocating 1 byte at 4 GiB makes the size 4294967297',
    spec: 'docs.md#filesize',
    body: (f) => {
      const fd = openFile(f, 'big.bin');
      allocate(f, fd, 0x1_0000_0000n, 1n);
      checkSizeAfter(f, fd, 0x1_0000_0001n, 0);
      f.ok(f.call('fd_filestat_set_size', fd, 0n), 'fd_filestat_set_size(0) (cleanup)');
    },
  },
  {
    name: 'offset-unchanged', tags: ['basic'], tree: TREE,
    description: 'allocation does not move the file offset',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      seek(f, fd, 5);
      allocate(f, fd, 0n, 32n);
      f.check('offset', tell(f, fd), 5n, { what: 'fd_tell after fd_allocate' });
    },
  },
  {
    name: 'visible-through-other-fd', tags: ['basic'], tree: TREE,
    description: 'the new size is the file\'s: a second fd on it sees it',
    body: (f) => {
      const fd = openFile(f, 'abc.txt');
      const other = openFile(f, 'abc.txt', { rights: rights('fd_read', 'fd_filestat_get') });
      allocate(f, fd, 0n, 6n);
      checkSizeAfter(f, other, 6, 3);
    },
  },

  // ── errors ─────────────────────────────────────────────────────────────────────────
  {
    name: 'zero-length', tags: ['edge'], tree: TREE, fs_after: TREE,
    description: 'len 0 allocates nothing: success, size unchanged (EINVAL accepted: posix_fallocate)',
    quote: 'Note: This is similar to `posix_fallocate` in POSIX.',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      f.expectSuccess(f.call('fd_allocate', fd, 0n, 0n), { accept: [LEN0_EINVAL, ALLOCATE_NOTSUP] });
      checkSizeAfter(f, fd, 11, 11);
    },
  },
  {
    name: 'range-overflows', tags: ['errors', 'edge'], tree: TREE, fs_after: TREE,
    description: 'offset 2^62 + len 2^62 exceeds any file size: EFBIG',
    body: (f) => allocateFails(f, openFile(f, 'f.txt'), 1n << 62n, 1n << 62n, 'fbig', [OVERFLOW_EINVAL]),
  },
  {
    name: 'bad-fd', tags: ['errors'], tree: TREE,
    description: 'an fd that is not open fails with EBADF',
    body: (f) => allocateFails(f, UNOPENED_FD, 0n, 8n, 'badf'),
  },
  {
    name: 'fd-max-u32', tags: ['errors', 'edge'], tree: TREE,
    description: 'fd 0xffffffff (never open) fails with EBADF',
    body: (f) => allocateFails(f, -1, 0n, 8n, 'badf'),
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'an fd that was closed fails with EBADF',
    body: (f) => allocateFails(f, closedFd(f, 'f.txt'), 0n, 8n, 'badf'),
  },
  {
    name: 'preopen-fd', tags: ['errors'], tree: TREE, fs_after: TREE,
    description: 'a directory fd (the preopen) has no space to allocate: EBADF',
    body: (f) => allocateFails(f, f.preopen(), 0n, 8n, 'badf', DIR_FD_ALTS),
  },
  {
    name: 'missing-right', tags: ['errors', 'rights'], tree: TREE,
    description: 'an fd opened without the fd_allocate right fails with ENOTCAPABLE',
    spec: 'docs.md#rights.fd_allocate', quote: 'The right to invoke fd_allocate.',
    body: (f) => {
      const fd = openFile(f, 'f.txt', { rights: fileRightsWithout('fd_allocate') });
      f.expectErrno(f.call('fd_allocate', fd, 0n, 64n), 'notcapable', { accept: [...NO_RIGHT_ALTS, ALLOCATE_NOTSUP] });
    },
  },
] satisfies CaseDef[]);
