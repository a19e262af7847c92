/**
 * fd_close: the fd stops existing; the file and every other fd stay as they were. Cases cover
 * double close, bad fds, closing directories, the preopen and stdin, closing without rights,
 * data persisting after close, and reopening.
 */
import { suite, type CaseDef } from '../dsl.js';
import { OFLAGS } from '../spec.js';
import {
  DIGITS, TREE, UNOPENED_FD, checkFileContent, closedFd, openDir, openFile, read, treeWith, write,
} from '../lib/fd-io.js';

const QUOTE = 'Close a file descriptor. Note: This is similar to `close` in POSIX.';

const cases: CaseDef[] = [
  {
    name: 'closes-file', tags: ['basic'], tree: TREE, fs_after: TREE, quote: QUOTE,
    description: 'closing an open file fd succeeds',
    body: (f) => { f.expectSuccess(f.call('fd_close', openFile(f, 'data.txt'))); },
  },
  {
    name: 'closed-fd-is-gone', tags: ['basic'], tree: TREE,
    description: 'after fd_close the fd number no longer names anything: fd_fdstat_get fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_get', closedFd(f), f.alloc(24)), 'badf'); },
  },
  {
    name: 'read-after-close', tags: ['errors'], tree: TREE,
    description: 'after fd_close, fd_read on the fd fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_read', closedFd(f), f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'badf'); },
  },
  {
    name: 'close-twice', tags: ['errors'], tree: TREE,
    description: 'closing an fd a second time fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_close', closedFd(f)), 'badf'); },
  },
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'closing an fd that was never opened fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_close', UNOPENED_FD), 'badf'); },
  },
  {
    name: 'negative-fd', tags: ['errors'],
    description: 'closing fd 0xffffffff (-1) fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_close', -1), 'badf'); },
  },
  {
    name: 'huge-fd', tags: ['errors'],
    description: 'closing fd 0x7fffffff (far beyond any table) fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_close', 0x7fffffff), 'badf'); },
  },
  {
    name: 'other-fd-same-file-unaffected', tags: ['basic'], tree: TREE,
    description: 'closing one of two fds on the same file leaves the other readable',
    body: (f) => {
      const a = openFile(f, 'data.txt');
      const b = openFile(f, 'data.txt');
      f.ok(f.call('fd_close', a), 'fd_close(a)');
      const buf = f.alloc(10, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', b, f.iovecs([[buf, 10]]), 1, n));
      f.checkBytes('data', buf, f.u32(n), DIGITS);
    },
  },
  {
    name: 'other-fd-keeps-offset', tags: ['basic'], tree: TREE,
    description: 'closing an fd does not disturb another fd\'s offset on the same file',
    body: (f) => {
      const a = openFile(f, 'data.txt');
      const b = openFile(f, 'data.txt');
      read(f, b, 4);
      read(f, a, 7);
      f.ok(f.call('fd_close', a), 'fd_close(a)');
      const out = f.out64();
      f.expectSuccess(f.call('fd_tell', b, out));
      f.check('offset', f.u64(out), 4n);
    },
  },
  {
    name: 'written-data-persists', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'data.txt': 'XY23456789' }),
    description: 'bytes written before fd_close are in the file after it',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      write(f, fd, 'XY');
      f.expectSuccess(f.call('fd_close', fd));
      checkFileContent(f, 'data.txt', 'XY23456789');
    },
  },
  {
    name: 'created-file-persists', tags: ['basic'], tree: TREE,
    fs_after: treeWith({ 'new.txt': 'fresh' }),
    description: 'a file created with oflags::creat and written stays after fd_close',
    body: (f) => {
      const fd = openFile(f, 'new.txt', { oflags: OFLAGS.creat });
      write(f, fd, 'fresh');
      f.expectSuccess(f.call('fd_close', fd));
      checkFileContent(f, 'new.txt', 'fresh');
    },
  },
  {
    name: 'reopen-after-close', tags: ['basic'], tree: TREE,
    description: 'after closing, the same path opens again and reads from offset 0',
    body: (f) => {
      const first = openFile(f, 'data.txt');
      read(f, first, 6);
      f.ok(f.call('fd_close', first), 'fd_close');
      const again = openFile(f, 'data.txt');
      const buf = f.alloc(3, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', again, f.iovecs([[buf, 3]]), 1, n));
      f.checkBytes('data', buf, f.u32(n), '012');
    },
  },
  {
    name: 'closes-directory', tags: ['basic'], tree: TREE, fs_after: TREE,
    description: 'closing a directory fd opened with path_open succeeds',
    body: (f) => { f.expectSuccess(f.call('fd_close', openDir(f, 'dir'))); },
  },
  {
    name: 'closed-directory-cannot-open', tags: ['errors'], tree: treeWith({ dir: { 'in.txt': 'inside' } }),
    description: 'after closing a directory fd, path_open relative to it fails with EBADF',
    body: (f) => {
      const dir = openDir(f, 'dir');
      f.ok(f.call('fd_close', dir), 'fd_close(dir)');
      const p = f.str('in.txt');
      f.expectErrno(f.call('path_open', dir, 0, p.ptr, p.len, 0, 0n, 0n, 0, f.out32()), 'badf');
    },
  },
  {
    name: 'closes-preopen', tags: ['sandbox'], tree: TREE, fs_after: TREE,
    description: 'the preopened directory can be closed; afterwards fd_prestat_get on it fails with EBADF',
    body: (f) => {
      const pre = f.preopen();
      f.expectSuccess(f.call('fd_close', pre));
      f.expectErrno(f.call('fd_prestat_get', pre, f.alloc(8, 4)), 'badf', { key: 'prestat_errno' });
    },
  },
  {
    name: 'closes-stdin', tags: ['stdio'],
    description: 'fd 0 can be closed; a read from it afterwards fails with EBADF',
    body: (f) => {
      f.expectSuccess(f.call('fd_close', 0));
      f.expectErrno(f.call('fd_read', 0, f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'badf', { key: 'read_errno' });
    },
  },
  {
    name: 'needs-no-rights', tags: ['rights'], tree: TREE, spec: 'docs.md#rights',
    description: 'an fd opened with no rights at all can still be closed',
    body: (f) => { f.expectSuccess(f.call('fd_close', openFile(f, 'data.txt', { rights: 0n }))); },
  },
];

export default suite('fd_close', cases);
