/**
 * fd_write: gather writes at the fd's offset (or at the end in append mode). Cases cover the
 * ciovec array, the shared offset, append mode, truncation, bad fds, directories, the fd_write
 * right, stdout/stderr, and bad guest pointers. Every case that changes a file states the
 * resulting tree in `fs_after` and reads the file back.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS, OFLAGS } from '../spec.js';
import {
  DIGITS, DIR_FD_ALTS, FIRST_IOVEC_ONLY, RIGHTS_NOT_ENFORCED, TRAP_ALTS, TREE, UNOPENED_FD,
  bytesEq, checkFileContent, closedFd, fileRightsWithout, missingRightAlts, openDir, openFile,
  seek, treeWith, write,
} from '../lib/fd-io.js';

const QUOTE = 'Write to a file descriptor. Note: This is similar to `writev` in POSIX.';

/** fd_write of one string, checked: errno 0 and nwritten = its byte length. */
function writeOnce(f: Fixture, fd: string, text: string): void {
  const { iovs, len } = f.ciovec(text);
  const n = f.out32();
  f.expectSuccess(f.call('fd_write', fd, iovs, 1, n));
  f.check('nwritten', f.u32(n), len);
}

/**
 * fd_write of several strings as one ciovec array (buffers at the given addresses), checked:
 * errno 0 and nwritten (the total, or the first non-empty part's length under FIRST_IOVEC_ONLY).
 */
function gather(f: Fixture, fd: string, parts: Array<[number, number]>, total: number, firstOnly?: number): void {
  const n = f.out32();
  f.expectSuccess(f.call('fd_write', fd, f.iovecs(parts), parts.length, n));
  f.check('nwritten', f.u32(n), total, firstOnly === undefined ? {} : { accept: [{ value: firstOnly, behaviour: FIRST_IOVEC_ONLY }] });
}

/**
 * Read `path` back and check it is `expected` (`file_ok=1`), or `alt` under FIRST_IOVEC_ONLY
 * (`file_ok=0`); also declares both trees for the runner.
 */
function checkGathered(f: Fixture, path: string, expected: string, alt: string): void {
  const fd = openFile(f, path);
  const buf = f.alloc(64, 1);
  const n = f.out32();
  f.ok(f.call('fd_read', fd, f.iovecs([[buf, 64]]), 1, n), `fd_read(${path})`);
  const len = new TextEncoder().encode(expected).length;
  f.check('file_ok', `(i32.and (i32.eq ${f.u32(n)} (i32.const ${len})) ${bytesEq(f, buf, expected)})`, 1,
    { what: `${path} reads back as ${JSON.stringify(expected)}`, accept: [{ value: 0, behaviour: FIRST_IOVEC_ONLY }] });
  f.altFsAfter(FIRST_IOVEC_ONLY, treeWith({ [path]: alt }));
}

/** Place strings in the data segment (in the order given); returns their addresses and lengths. */
function parts(f: Fixture, ...texts: string[]): Array<[number, number]> {
  return texts.map((t) => { const s = f.bytes(t); return [s, new TextEncoder().encode(t).length] as [number, number]; });
}

const cases: CaseDef[] = [
  // ── writing a file ───────────────────────────────────────────────────────────────
  {
    name: 'writes-to-empty-file', tags: ['basic'], tree: TREE, quote: QUOTE,
    fs_after: treeWith({ 'empty.txt': 'hello' }),
    description: 'a write to an empty file stores the bytes and reports them all in nwritten',
    body: (f) => {
      writeOnce(f, openFile(f, 'empty.txt'), 'hello');
      checkFileContent(f, 'empty.txt', 'hello');
    },
  },
  {
    name: 'overwrites-from-offset-zero', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': 'ab23456789' }),
    description: 'a file opened without trunc or append is overwritten in place from offset 0',
    body: (f) => {
      writeOnce(f, openFile(f, 'data.txt'), 'ab');
      checkFileContent(f, 'data.txt', 'ab23456789');
    },
  },
  {
    name: 'consecutive-writes-advance', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': 'abcd456789' }),
    description: 'each write continues where the previous one ended',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      write(f, fd, 'ab');
      writeOnce(f, fd, 'cd');
      checkFileContent(f, 'data.txt', 'abcd456789');
    },
  },
  {
    name: 'write-extends-file', tags: ['basic'], tree: { 'short.txt': 'ab' },
    fs_after: { 'short.txt': 'hello world' },
    description: 'a write running past end of file grows the file',
    body: (f) => {
      writeOnce(f, openFile(f, 'short.txt'), 'hello world');
      checkFileContent(f, 'short.txt', 'hello world');
    },
  },
  {
    name: 'write-after-seek', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': '0123XY6789' }),
    description: 'a write after fd_seek lands at the new offset',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      seek(f, fd, 4);
      writeOnce(f, fd, 'XY');
      checkFileContent(f, 'data.txt', '0123XY6789');
    },
  },
  {
    name: 'write-after-read-shares-offset', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': '012!456789' }),
    description: 'fd_read and fd_write share one offset: a write after a read lands after it',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const buf = f.alloc(3, 1);
      f.ok(f.call('fd_read', fd, f.iovecs([[buf, 3]]), 1, f.out32()), 'fd_read 3 bytes');
      writeOnce(f, fd, '!');
      checkFileContent(f, 'data.txt', '012!456789');
    },
  },
  {
    name: 'only-buf-len-bytes', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec',
    fs_after: treeWith({ 'data.txt': 'abc3456789' }),
    description: 'only buf_len bytes of a ciovec are written, not the bytes that follow it in memory',
    quote: 'The length of the buffer to be written.',
    body: (f) => {
      const src = f.bytes('abcdef');
      const n = f.out32();
      f.expectSuccess(f.call('fd_write', openFile(f, 'data.txt'), f.iovecs([[src, 3]]), 1, n));
      f.check('nwritten', f.u32(n), 3);
      checkFileContent(f, 'data.txt', 'abc3456789');
    },
  },
  {
    name: 'nul-bytes-written-verbatim', tags: ['edge'], tree: TREE,
    fs_after: treeWith({ 'empty.txt': 'a\u0000b\u0000' }),
    description: 'NUL bytes are data: all four bytes of "a\\0b\\0" are written',
    body: (f) => {
      writeOnce(f, openFile(f, 'empty.txt'), 'a\u0000b\u0000');
      checkFileContent(f, 'empty.txt', 'a\u0000b\u0000');
    },
  },
  {
    name: 'nwritten-is-a-u32', tags: ['abi-layout'], tree: TREE, spec: 'docs.md#size',
    fs_after: treeWith({ 'empty.txt': 'abc' }),
    description: 'nwritten is written as a 4-byte size: the bytes after it are untouched',
    body: (f) => {
      const { iovs } = f.ciovec('abc');
      const n = f.sentinel(8);
      f.expectSuccess(f.call('fd_write', openFile(f, 'empty.txt'), iovs, 1, n));
      f.check('nwritten', f.u32(n), 3);
      f.check('after_nwritten', f.u32(n + 4), 0xaaaaaaaa, { what: 'bytes after nwritten (sentinel)' });
    },
  },
  {
    name: 'truncated-then-written', tags: ['truncate'], tree: TREE, spec: 'docs.md#oflags.trunc',
    fs_after: treeWith({ 'data.txt': 'xy' }),
    description: 'after opening with oflags::trunc, a write leaves only the new bytes in the file',
    quote: 'Truncate file to size 0.',
    body: (f) => {
      writeOnce(f, openFile(f, 'data.txt', { oflags: OFLAGS.trunc }), 'xy');
      checkFileContent(f, 'data.txt', 'xy');
    },
  },

  // ── the ciovec array ──────────────────────────────────────────────────────────────
  {
    name: 'zero-iovecs', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec_array', fs_after: TREE,
    description: 'an empty ciovec array writes nothing and reports nwritten 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_write', openFile(f, 'data.txt'), f.iovecs([]), 0, n));
      f.check('nwritten', f.u32(n), 0);
    },
  },
  {
    name: 'zero-length-iovec', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec', fs_after: TREE,
    description: 'a single ciovec of length 0 writes nothing and reports nwritten 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_write', openFile(f, 'data.txt'), f.iovecs([[f.bytes('zz'), 0]]), 1, n));
      f.check('nwritten', f.u32(n), 0);
    },
  },
  {
    name: 'zero-length-write-keeps-offset', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec',
    fs_after: treeWith({ 'data.txt': 'ab23456789' }),
    description: 'a write of 0 bytes does not move the offset: the next write still lands at 0',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.ok(f.call('fd_write', fd, f.iovecs([[f.bytes('zz'), 0]]), 1, f.out32()), 'fd_write of 0 bytes');
      writeOnce(f, fd, 'ab');
      checkFileContent(f, 'data.txt', 'ab23456789');
    },
  },
  {
    name: 'gather-in-array-order', tags: ['basic'], tree: TREE, spec: 'docs.md#ciovec_array',
    fs_after: treeWith({ 'data.txt': 'abcdef6789' }),
    description: 'one write takes the ciovecs in array order, each for its buf_len bytes',
    quote: 'List of scatter/gather vectors from which to retrieve data.',
    body: (f) => {
      gather(f, openFile(f, 'data.txt'), parts(f, 'ab', 'cd', 'ef'), 6, 2);
      checkGathered(f, 'data.txt', 'abcdef6789', 'ab23456789');
    },
  },
  {
    name: 'gather-follows-array-not-addresses', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec_array',
    fs_after: treeWith({ 'data.txt': 'ABCdef6789' }),
    description: 'ciovecs are written in array order even when their buffers lie in reverse address order',
    body: (f) => {
      const [low, high] = parts(f, 'def', 'ABC');
      gather(f, openFile(f, 'data.txt'), [high!, low!], 6, 3);
      checkGathered(f, 'data.txt', 'ABCdef6789', 'ABC3456789');
    },
  },
  {
    name: 'zero-length-iovec-between', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec',
    fs_after: treeWith({ 'data.txt': 'abcd456789' }),
    description: 'an empty ciovec between two others contributes nothing; the others are joined',
    body: (f) => {
      const [a, b] = parts(f, 'ab', 'cd');
      gather(f, openFile(f, 'data.txt'), [a!, [f.bytes('ZZ'), 0], b!], 4, 2);
      checkGathered(f, 'data.txt', 'abcd456789', 'ab23456789');
    },
  },
  {
    name: 'leading-zero-length-iovec', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec',
    fs_after: treeWith({ 'data.txt': 'ab23456789' }),
    description: 'an empty first ciovec does not end the write: the next ciovec is written',
    body: (f) => {
      gather(f, openFile(f, 'data.txt'), [[f.bytes('ZZ'), 0], ...parts(f, 'ab')], 2);
      checkFileContent(f, 'data.txt', 'ab23456789');
    },
  },
  {
    name: 'many-iovecs', tags: ['edge'], tree: TREE, spec: 'docs.md#ciovec_array',
    fs_after: treeWith({ 'empty.txt': 'abcdefghijklmnopqrstuvwxyz012345' }),
    description: '32 one-byte ciovecs are all written, in order',
    body: (f) => {
      const src = f.bytes('abcdefghijklmnopqrstuvwxyz012345');
      gather(f, openFile(f, 'empty.txt'), Array.from({ length: 32 }, (_, i) => [src + i, 1] as [number, number]), 32, 1);
      checkGathered(f, 'empty.txt', 'abcdefghijklmnopqrstuvwxyz012345', 'a');
    },
  },

  // ── append mode ──────────────────────────────────────────────────────────────────
  {
    name: 'append-writes-at-end', tags: ['append'], tree: TREE, spec: 'docs.md#fdflags.append',
    fs_after: treeWith({ 'data.txt': `${DIGITS}ab` }),
    description: 'with fdflags::append a write goes to the end even though the offset is 0',
    quote: "Append mode: Data written to the file is always appended to the file's end.",
    body: (f) => {
      writeOnce(f, openFile(f, 'data.txt', { fdflags: FDFLAGS.append }), 'ab');
      checkFileContent(f, 'data.txt', `${DIGITS}ab`);
    },
  },
  {
    name: 'append-ignores-seek', tags: ['append'], tree: TREE, spec: 'docs.md#fdflags.append',
    fs_after: treeWith({ 'data.txt': `${DIGITS}!` }),
    description: 'in append mode a write after fd_seek to offset 2 still goes to the end',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { fdflags: FDFLAGS.append });
      seek(f, fd, 2);
      writeOnce(f, fd, '!');
      checkFileContent(f, 'data.txt', `${DIGITS}!`);
    },
  },
  {
    name: 'append-successive-writes', tags: ['append'], tree: TREE, spec: 'docs.md#fdflags.append',
    fs_after: treeWith({ 'data.txt': `${DIGITS}abcd` }),
    description: 'two appending writes land one after the other at the end',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { fdflags: FDFLAGS.append });
      write(f, fd, 'ab');
      writeOnce(f, fd, 'cd');
      checkFileContent(f, 'data.txt', `${DIGITS}abcd`);
    },
  },
  {
    name: 'append-follows-other-writers', tags: ['append'], tree: TREE, spec: 'docs.md#fdflags.append',
    fs_after: treeWith({ 'data.txt': `${DIGITS}XYab` }),
    description: 'an appending write lands after bytes another fd appended since the file was opened',
    body: (f) => {
      const appender = openFile(f, 'data.txt', { fdflags: FDFLAGS.append });
      const other = openFile(f, 'data.txt');
      seek(f, other, 0, 'end');
      write(f, other, 'XY');
      writeOnce(f, appender, 'ab');
      checkFileContent(f, 'data.txt', `${DIGITS}XYab`);
    },
  },

  // ── bad descriptors and rights ──────────────────────────────────────────────────────
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_write on an fd that was never opened fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_write', UNOPENED_FD, f.ciovec('x').iovs, 1, f.out32()), 'badf'),
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE, fs_after: TREE,
    description: 'fd_write on an fd after fd_close fails with EBADF and writes nothing',
    body: (f) => f.expectErrno(f.call('fd_write', closedFd(f), f.ciovec('x').iovs, 1, f.out32()), 'badf'),
  },
  {
    name: 'negative-fd', tags: ['errors'],
    description: 'fd_write on fd 0xffffffff (-1) fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_write', -1, f.ciovec('x').iovs, 1, f.out32()), 'badf'),
  },
  {
    name: 'directory-fd', tags: ['errors'], tree: TREE, fs_after: TREE,
    description: 'fd_write on a directory opened with path_open fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_write', openDir(f, 'dir'), f.ciovec('x').iovs, 1, f.out32()), 'badf', { accept: DIR_FD_ALTS }),
  },
  {
    name: 'preopen-fd', tags: ['errors', 'sandbox'], tree: TREE, fs_after: TREE,
    description: 'fd_write on the preopened directory itself fails (EBADF)',
    body: (f) => f.expectErrno(f.call('fd_write', f.preopen(), f.ciovec('x').iovs, 1, f.out32()), 'badf', { accept: DIR_FD_ALTS }),
  },
  {
    name: 'without-write-right', tags: ['rights', 'errors'], tree: TREE, spec: 'docs.md#rights.fd_write',
    fs_after: TREE,
    description: 'an fd opened without rights::fd_write cannot be written: ENOTCAPABLE, file unchanged',
    quote: 'The right to invoke `fd_write` and `sock_send`.',
    body: (f) => {
      const fd = openFile(f, 'data.txt', { rights: fileRightsWithout('fd_write') });
      f.expectErrno(f.call('fd_write', fd, f.ciovec('ab').iovs, 1, f.out32()), 'notcapable', { accept: missingRightAlts() });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, treeWith({ 'data.txt': 'ab23456789' }));
    },
  },

  // ── stdout and stderr ────────────────────────────────────────────────────────────
  {
    name: 'stdout', tags: ['stdio', 'basic'],
    description: 'a write to fd 1 appears on stdout and reports every byte written',
    body: (f) => {
      const { iovs, len } = f.ciovec('hello stdout\n');
      const n = f.out32();
      const r = f.let(f.call('fd_write', 1, iovs, 1, n));
      f.expectStdout('hello stdout\n');
      f.check('errno', r, 0);
      f.check('nwritten', f.u32(n), len);
    },
  },
  {
    name: 'stdout-gather', tags: ['stdio'], spec: 'docs.md#ciovec_array',
    description: 'a gathered write to fd 1 prints the ciovecs joined in array order',
    body: (f) => {
      const n = f.out32();
      const r = f.let(f.call('fd_write', 1, f.iovecs(parts(f, 'one ', 'two ', 'three\n')), 3, n));
      f.expectStdout('one two three\n', { [FIRST_IOVEC_ONLY]: 'one ' });
      f.check('errno', r, 0);
      f.check('nwritten', f.u32(n), 14, { accept: [{ value: 4, behaviour: FIRST_IOVEC_ONLY }] });
    },
  },
  {
    name: 'stdout-zero-length', tags: ['stdio', 'edge'],
    description: 'a zero-length write to fd 1 succeeds, prints nothing and reports nwritten 0',
    body: (f) => {
      const n = f.sentinel(4);
      f.expectSuccess(f.call('fd_write', 1, f.iovecs([[f.bytes('zz'), 0]]), 1, n));
      f.check('nwritten', f.u32(n), 0);
    },
  },
  {
    name: 'stdout-unicode', tags: ['stdio', 'unicode'],
    description: 'non-ASCII text written to fd 1 reaches stdout as the same UTF-8 bytes',
    body: (f) => {
      const { iovs, len } = f.ciovec('grüße, 世界 ✓\n');
      const n = f.out32();
      const r = f.let(f.call('fd_write', 1, iovs, 1, n));
      f.expectStdout('grüße, 世界 ✓\n');
      f.check('errno', r, 0);
      f.check('nwritten', f.u32(n), len);
    },
  },
  {
    name: 'stdout-successive-writes', tags: ['stdio'],
    description: 'successive writes to fd 1 appear on stdout in order, without separators',
    body: (f) => {
      const r1 = f.let(f.call('fd_write', 1, f.ciovec('abc').iovs, 1, f.out32()));
      const r2 = f.let(f.call('fd_write', 1, f.ciovec('def\n').iovs, 1, f.out32()));
      f.expectStdout('abcdef\n');
      f.check('errno1', r1, 0);
      f.check('errno2', r2, 0);
    },
  },
  {
    name: 'stderr', tags: ['stdio', 'basic'],
    description: 'a write to fd 2 succeeds and reports every byte written (and nothing on stdout)',
    body: (f) => {
      const { iovs, len } = f.ciovec('to stderr\n');
      const n = f.out32();
      f.expectSuccess(f.call('fd_write', 2, iovs, 1, n));
      f.check('nwritten', f.u32(n), len);
    },
  },

  // ── bad guest pointers ────────────────────────────────────────────────────────────
  {
    name: 'iovs-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a ciovec array starting at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_write', openFile(f, 'empty.txt'), f.memEnd, 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'iovs-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a ciovec whose buf_len field lies past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_write', openFile(f, 'empty.txt'), f.memEnd - 4, 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'iovs-len-overflows', tags: ['pointers', 'errors'], tree: TREE,
    description: 'iovs_len 0x20000001 (8 x len wraps to 8 in 32 bits) describes an array past memory: trap',
    body: (f) => f.expectTrap(f.call('fd_write', openFile(f, 'empty.txt'), f.ciovec('x').iovs, 0x20000001, f.out32()), TRAP_ALTS),
  },
  {
    name: 'iovs-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: TREE, spec: 'docs.md#ciovec_array',
    description: 'a ciovec array at an address not 4-byte aligned (ciovec alignment is 4) traps',
    body: (f) => {
      const fd = openFile(f, 'empty.txt');
      const at = f.alloc(16, 8) + 2;
      f.emit(`(i32.store (i32.const ${at}) (i32.const ${f.bytes('x')}))`, `(i32.store (i32.const ${at + 4}) (i32.const 1))`);
      f.expectTrap(f.call('fd_write', fd, at, 1, f.out32()), TRAP_ALTS);
    },
  },
  {
    name: 'buffer-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a ciovec buffer that runs 4 bytes past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_write', openFile(f, 'empty.txt'), f.iovecs([[f.memEnd - 4, 8]]), 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'buffer-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a ciovec buffer starting past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_write', openFile(f, 'empty.txt'), f.iovecs([[f.memEnd + 16, 4]]), 1, f.out32()), TRAP_ALTS),
  },
  {
    name: 'nwritten-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an nwritten pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_write', openFile(f, 'empty.txt'), f.ciovec('x').iovs, 1, f.memEnd), TRAP_ALTS),
  },
  {
    name: 'nwritten-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an nwritten pointer whose last 2 bytes lie past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_write', openFile(f, 'empty.txt'), f.ciovec('x').iovs, 1, f.memEnd - 2), TRAP_ALTS),
  },
];

export default suite('fd_write', cases);
