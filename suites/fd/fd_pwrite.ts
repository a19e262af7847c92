/**
 * fd_pwrite: gather writes at an explicit offset that neither use nor move the fd's offset.
 * Cases cover writing inside, at and past end of file (zero fill), the ciovec array, interplay
 * with fd_seek/fd_write/fd_pread, append mode, bad fds, rights and bad pointers.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS } from '../spec.js';
import {
  DIGITS, DIR_FD_ALTS, FIRST_IOVEC_ONLY, RIGHTS_NOT_ENFORCED, TRAP_ALTS, TREE, UNOPENED_FD,
  checkFileContent, checkOffset, closedFd, fileRightsWithout, missingRightAlts, openDir, openFile,
  seek, treeWith, write,
} from '../lib/fd-io.js';

const QUOTE = "Write to a file descriptor, without using and updating the file descriptor's offset.";

/** fd_pwrite of one string at `offset`, checked: errno 0 and nwritten. */
function pwrite(f: Fixture, fd: string, text: string, offset: number | bigint, opts: { key?: string } = {}): void {
  const { iovs, len } = f.ciovec(text);
  const n = f.out32();
  f.expectSuccess(f.call('fd_pwrite', fd, iovs, 1, BigInt(offset), n), { key: opts.key });
  f.check('nwritten', f.u32(n), len);
}

/** Precondition: fd_pwrite all of `text` at `offset`. */
function pwriteOk(f: Fixture, fd: string, text: string, offset: number): void {
  f.ok(f.call('fd_pwrite', fd, f.ciovec(text).iovs, 1, BigInt(offset), f.out32()), `fd_pwrite(${JSON.stringify(text)}, ${offset})`);
}

const cases: CaseDef[] = [
  {
    name: 'writes-at-offset', tags: ['basic'], tree: TREE, quote: QUOTE,
    fs_after: treeWith({ 'data.txt': '01ab456789' }),
    description: 'fd_pwrite stores the bytes at the given offset',
    body: (f) => {
      pwrite(f, openFile(f, 'data.txt'), 'ab', 2);
      checkFileContent(f, 'data.txt', '01ab456789');
    },
  },
  {
    name: 'does-not-move-offset', tags: ['basic'], tree: TREE, quote: QUOTE,
    fs_after: treeWith({ 'data.txt': '01234XY789' }),
    description: 'after fd_pwrite at offset 5 the fd offset is still 0',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      pwriteOk(f, fd, 'XY', 5);
      checkOffset(f, fd, 0);
    },
  },
  {
    name: 'write-uses-own-offset', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': '0Y234X6789' }),
    description: 'an fd_write after fd_seek(1) and fd_pwrite(5) lands at 1, not after the pwrite',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 1);
      pwriteOk(f, fd, 'X', 5);
      write(f, fd, 'Y');
      checkFileContent(f, 'data.txt', '0Y234X6789');
    },
  },
  {
    name: 'ignores-current-offset', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': '0!23456789' }),
    description: 'after fd_seek to the end, fd_pwrite at offset 1 still writes at 1',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 0, 'end');
      pwrite(f, fd, '!', 1);
      checkFileContent(f, 'data.txt', '0!23456789');
    },
  },
  {
    name: 'pread-sees-pwrite', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': '0123ZZ6789' }),
    description: 'fd_pread on the same fd returns what fd_pwrite stored',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      pwriteOk(f, fd, 'ZZ', 4);
      const buf = f.alloc(4, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_pread', fd, f.iovecs([[buf, 4]]), 1, 3n, n));
      f.checkBytes('pread', buf, f.u32(n), '3ZZ6');
    },
  },
  {
    name: 'at-eof-extends-file', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': `${DIGITS}xy` }),
    description: 'fd_pwrite at offset = file size appends the bytes',
    body: (f) => {
      pwrite(f, openFile(f, 'data.txt'), 'xy', 10);
      checkFileContent(f, 'data.txt', `${DIGITS}xy`);
    },
  },
  {
    name: 'past-eof-zero-fills', tags: ['edge'], tree: { 'short.txt': 'ab' },
    fs_after: { 'short.txt': 'ab\u0000\u0000z' },
    description: 'fd_pwrite past end of file grows it; the gap reads as zero bytes',
    body: (f) => {
      pwrite(f, openFile(f, 'short.txt'), 'z', 4);
      checkFileContent(f, 'short.txt', 'ab\u0000\u0000z');
    },
  },
  {
    name: 'zero-bytes-past-eof-keeps-size', tags: ['edge'], tree: TREE, fs_after: TREE,
    description: 'a 0-byte fd_pwrite at offset 100 writes nothing and does not grow the file',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_pwrite', openFile(f, 'data.txt'), f.iovecs([[f.bytes('zz'), 0]]), 1, 100n, n));
      f.check('nwritten', f.u32(n), 0);
      checkFileContent(f, 'data.txt', DIGITS);
    },
  },
  {
    name: 'gather-in-order', tags: ['basic'], tree: TREE, spec: 'docs.md#ciovec_array',
    fs_after: treeWith({ 'data.txt': '012abcd789' }),
    description: 'fd_pwrite writes its ciovecs in array order from the offset on',
    body: (f) => {
      const a = f.bytes('ab'), b = f.bytes('cd');
      const n = f.out32();
      f.expectSuccess(f.call('fd_pwrite', openFile(f, 'data.txt'), f.iovecs([[a, 2], [b, 2]]), 2, 3n, n));
      f.check('nwritten', f.u32(n), 4, { accept: [{ value: 2, behaviour: FIRST_IOVEC_ONLY }] });
      f.altFsAfter(FIRST_IOVEC_ONLY, treeWith({ 'data.txt': '012ab56789' }));
    },
  },
  {
    name: 'zero-iovecs', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec_array', fs_after: TREE,
    description: 'fd_pwrite with an empty ciovec array writes nothing: nwritten 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_pwrite', openFile(f, 'data.txt'), f.iovecs([]), 0, 2n, n));
      f.check('nwritten', f.u32(n), 0);
    },
  },
  {
    name: 'zero-length-iovec', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec', fs_after: TREE,
    description: 'fd_pwrite of a single empty ciovec writes nothing: nwritten 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_pwrite', openFile(f, 'data.txt'), f.iovecs([[f.bytes('zz'), 0]]), 1, 2n, n));
      f.check('nwritten', f.u32(n), 0);
    },
  },
  {
    name: 'append-mode-writes-at-offset', tags: ['append'], tree: TREE, spec: 'docs.md#fd_pwrite',
    fs_after: treeWith({ 'data.txt': '0P23456789' }),
    description: 'on an appending fd, fd_pwrite still writes at its offset (as POSIX pwritev does)',
    quote: 'Note: This is similar to `pwritev` in Linux (and other Unix-es).',
    body: (f) => {
      const appended = 'appended at end of file (Linux pwrite with O_APPEND: uvwasi, WAMR)';
      const fd = openFile(f, 'data.txt', { fdflags: FDFLAGS.append });
      f.expectSuccess(f.call('fd_pwrite', fd, f.ciovec('P').iovs, 1, 1n, f.out32()));
      f.altFsAfter(appended, treeWith({ 'data.txt': `${DIGITS}P` }));
      // the file read back from offset 0: 10 bytes with P at 1, or 11 with P appended
      const n = f.out32();
      f.ok(f.call('fd_pread', fd, f.iovecs([[f.alloc(16, 1), 16]]), 1, 0n, n), 'fd_pread(0)');
      f.check('size', f.u32(n), 10, { accept: [{ value: 11, behaviour: appended }] });
    },
  },
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_pwrite on an fd that was never opened fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_pwrite', UNOPENED_FD, f.ciovec('x').iovs, 1, 0n, f.out32()), 'badf'),
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE, fs_after: TREE,
    description: 'fd_pwrite on an fd after fd_close fails with EBADF and writes nothing',
    body: (f) => f.expectErrno(f.call('fd_pwrite', closedFd(f), f.ciovec('x').iovs, 1, 0n, f.out32()), 'badf'),
  },
  {
    name: 'negative-fd', tags: ['errors'],
    description: 'fd_pwrite on fd 0xffffffff (-1) fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_pwrite', -1, f.ciovec('x').iovs, 1, 0n, f.out32()), 'badf'),
  },
  {
    name: 'many-iovecs', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec_array',
    fs_after: treeWith({ 'data.txt': '01abcdefgh' }),
    description: '8 one-byte ciovecs at offset 2 are all written, in order',
    body: (f) => {
      const src = f.bytes('abcdefgh');
      const n = f.out32();
      f.expectSuccess(f.call('fd_pwrite', openFile(f, 'data.txt'), f.iovecs(Array.from({ length: 8 }, (_, i) => [src + i, 1] as [number, number])), 8, 2n, n));
      f.check('nwritten', f.u32(n), 8, { accept: [{ value: 1, behaviour: FIRST_IOVEC_ONLY }] });
      f.altFsAfter(FIRST_IOVEC_ONLY, treeWith({ 'data.txt': '01a3456789' }));
    },
  },
  {
    name: 'directory-fd', tags: ['errors'], tree: TREE, fs_after: TREE,
    description: 'fd_pwrite on a directory fd fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_pwrite', openDir(f, 'dir'), f.ciovec('x').iovs, 1, 0n, f.out32()), 'badf', { accept: DIR_FD_ALTS }),
  },
  {
    name: 'without-write-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_write',
    fs_after: TREE,
    description: 'fd_pwrite on an fd without rights::fd_write fails with ENOTCAPABLE; file unchanged',
    quote: 'If `rights::fd_seek` is set, includes the right to invoke `fd_pwrite`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_write') });
      f.expectErrno(f.call('fd_pwrite', fd, f.ciovec('ab').iovs, 1, 0n, f.out32()), 'notcapable', { accept: missingRightAlts() });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, treeWith({ 'data.txt': 'ab23456789' }));
    },
  },
  {
    name: 'without-seek-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_write',
    fs_after: TREE,
    description: 'fd_pwrite needs rights::fd_seek as well as fd_write: without it, ENOTCAPABLE',
    quote: 'If `rights::fd_seek` is set, includes the right to invoke `fd_pwrite`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_seek') });
      f.expectErrno(f.call('fd_pwrite', fd, f.ciovec('ab').iovs, 1, 0n, f.out32()), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, treeWith({ 'data.txt': 'ab23456789' }));
    },
  },
  {
    name: 'iovs-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a ciovec array starting at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_pwrite', openFile(f, 'empty.txt'), f.memEnd, 1, 0n, f.out32()), TRAP_ALTS),
  },
  {
    name: 'buffer-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a ciovec buffer that runs past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_pwrite', openFile(f, 'empty.txt'), f.iovecs([[f.memEnd - 4, 8]]), 1, 0n, f.out32()), TRAP_ALTS),
  },
  {
    name: 'nwritten-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an nwritten pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_pwrite', openFile(f, 'empty.txt'), f.ciovec('x').iovs, 1, 0n, f.memEnd), TRAP_ALTS),
  },
];

export default suite('fd_pwrite', cases);
