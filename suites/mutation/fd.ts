/**
 * fd_* rules found missing by mutation testing (npm run mutate): seeking to the largest offset
 * and one past it, a refused inheriting right staying absent, fdstat reflecting flags set on a
 * directory, stdin reads with empty iovecs, and a directory listing refreshed from cookie 0.
 */
import { suite, type CaseDef } from '../dsl.js';
import { FDFLAGS, OFLAGS, right, rights } from '../spec.js';
import {
  RIGHTS_NOT_TRACKED, SET_RIGHTS_NOOP, SET_RIGHTS_NOSYS, SET_RIGHTS_NOTSUP, fdstat, hasRight, openDir, openFile,
} from '../lib/fd-io.js';
import { checkListing, file, scanDir } from '../lib/dirents.js';

const TREE = { 'data.txt': '0123456789', dir: {} };
/** The largest `filedelta` (and the largest offset a signed 64-bit file offset holds). */
const I64_MAX = (1n << 63n) - 1n;
const HOST_LIMIT = 'EINVAL: the host file system allows no offset this large (Linux lseek beyond s_maxbytes)';

const fdSeek: CaseDef[] = [
  {
    name: 'set-to-largest-offset', tags: ['edge'], tree: TREE,
    description: 'fd_seek to 2^63-1 with whence set succeeds and reports that offset (seeking past the end is allowed)',
    quote: 'Move the offset of a file descriptor. Note: This is similar to `lseek` in POSIX.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const out = f.out64();
      f.expectSuccess(f.call('fd_seek', fd, I64_MAX, f.abi.whence.set, out), { accept: [{ errno: 'inval', behaviour: HOST_LIMIT }] });
      f.endIfAlternative(HOST_LIMIT);
      f.check('newoffset', f.u64(out), I64_MAX);
    },
  },
  {
    name: 'cur-one-past-largest-offset', tags: ['edge', 'errors'], tree: TREE,
    description: 'from offset 2^63-1, fd_seek by +1 (cur) fails: the offset would overflow a signed 64-bit offset',
    quote: 'Move the offset of a file descriptor. Note: This is similar to `lseek` in POSIX.',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.expectSuccess(f.call('fd_seek', fd, I64_MAX, f.abi.whence.set, f.out64()), { key: 'set_errno', accept: [{ errno: 'inval', behaviour: HOST_LIMIT }] });
      f.endIfAlternative(HOST_LIMIT);
      f.expectErrno(f.call('fd_seek', fd, 1n, f.abi.whence.cur, f.out64()), 'inval',
        { accept: [{ errno: 'overflow', behaviour: 'EOVERFLOW (POSIX lseek wording)' }] });
    },
  },
];

const fdFdstatSetRights: CaseDef[] = [
  {
    name: 'refused-inheriting-add-keeps-inheriting', tags: ['rights', 'security'], tree: TREE,
    description: 'after a refused attempt to add inheriting fd_read, fdstat still shows no inheriting fd_read',
    spec: 'docs.md#fd_fdstat_set_rights',
    quote: 'This can only be used to remove rights, and returns `errno::notcapable` if called in a way that would attempt to add rights',
    body: (f) => {
      const base = rights('fd_read', 'fd_seek', 'fd_tell', 'fd_filestat_get');
      const fd = openFile(f, 'data.txt', { rights: base, inheriting: 0n });
      f.expectErrno(f.call('fd_fdstat_set_rights', fd, base, right('fd_read')), 'notcapable', { key: 'set_rights_errno', accept: [
        { errno: 'notsup', behaviour: SET_RIGHTS_NOTSUP },
        { errno: 'nosys', behaviour: SET_RIGHTS_NOSYS },
        { errno: 'success', behaviour: SET_RIGHTS_NOOP },
      ] });
      const st = fdstat(f, fd);
      f.check('inherits_fd_read', hasRight(f, st + 16, right('fd_read')), 0, { accept: [{ value: 1, behaviour: RIGHTS_NOT_TRACKED }] });
    },
  },
];

/** Runtimes may refuse fdflags on a directory fd; then there is nothing to report. */
const DIR_FLAGS_REFUSED = (errno: 'notsup' | 'badf' | 'inval') =>
  ({ errno, behaviour: `E${errno.toUpperCase()}: fdflags not adjustable on a directory fd` });
const REFUSALS = [DIR_FLAGS_REFUSED('notsup'), DIR_FLAGS_REFUSED('badf'), DIR_FLAGS_REFUSED('inval')];

const fdFdstatSetFlags: CaseDef[] = [
  {
    name: 'directory-flags-reported', tags: ['basic'], tree: TREE,
    description: 'fdflags set on a directory fd are what fd_fdstat_get then reports',
    quote: 'Adjust the flags associated with a file descriptor.',
    body: (f) => {
      const d = openDir(f, 'dir');
      f.expectSuccess(f.call('fd_fdstat_set_flags', d, FDFLAGS.nonblock), { key: 'set_flags_errno', accept: REFUSALS });
      for (const r of REFUSALS) f.endIfAlternative(r.behaviour);
      const st = fdstat(f, d);
      f.check('nonblock', `(i32.ne (i32.and ${f.field(st, 'fdstat', 'fs_flags')} (i32.const ${FDFLAGS.nonblock})) (i32.const 0))`, 1,
        { what: 'fs_flags has nonblock' });
    },
  },
];

const STDIN = ['stdin'];

const fdRead: CaseDef[] = [
  {
    name: 'stdin-leading-zero-length-iovec', tags: ['stdio', 'edge'], stdin: 'hello', requires: STDIN,
    spec: 'docs.md#iovec',
    description: 'on stdin, an empty first iovec does not end the read: the input goes to the next iovec',
    quote: 'Read from a file descriptor. Note: This is similar to `readv` in POSIX.',
    body: (f) => {
      const gap = f.sentinel(4), b = f.alloc(5, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_read', 0, f.iovecs([[gap, 0], [b, 5]]), 2, n));
      f.checkBytes('iov1', b, f.u32(n), 'hello');
    },
  },
  {
    name: 'stdin-zero-length-iovec-only', tags: ['stdio', 'edge'], stdin: 'hello', requires: STDIN,
    spec: 'docs.md#iovec',
    description: 'fd_read on stdin with one zero-length iovec reads 0 bytes and consumes nothing',
    quote: 'Read from a file descriptor. Note: This is similar to `readv` in POSIX.',
    body: (f) => {
      const empty = f.sentinel(4), b = f.alloc(5, 1);
      const n = f.out32(), n2 = f.out32();
      f.expectSuccess(f.call('fd_read', 0, f.iovecs([[empty, 0]]), 1, n));
      f.check('nread', f.u32(n), 0);
      f.ok(f.call('fd_read', 0, f.iovecs([[b, 5]]), 1, n2), 'second fd_read');
      f.checkBytes('next', b, f.u32(n2), 'hello');
    },
  },
];

const fdReaddir: CaseDef[] = [
  {
    name: 'cookie-zero-sees-file-created-after-listing', tags: ['readdir'], tree: { d: { 'old.txt': 'o' } },
    fs_after: { d: { 'new.txt': '', 'old.txt': 'o' } },
    description: 'read to the end, create a file, read again from cookie 0 on the same fd: the new file is listed',
    quote: 'The value 0 signifies the start of the directory.', spec: 'docs.md#dircookie',
    body: (f) => {
      const d = openDir(f, 'd');
      scanDir(f, d, [file('old.txt')]);
      f.open('new.txt', { dirfd: d, oflags: OFLAGS.creat, rights: rights('fd_read'), inheriting: 0n });
      checkListing(f, scanDir(f, d, [file('old.txt'), file('new.txt')]), [file('old.txt'), file('new.txt')]);
    },
  },
];

export default [
  suite('fd_seek', fdSeek),
  suite('fd_fdstat_set_rights', fdFdstatSetRights),
  suite('fd_fdstat_set_flags', fdFdstatSetFlags),
  suite('fd_read', fdRead),
  suite('fd_readdir', fdReaddir),
];
