/**
 * fd_fdstat_get: the fdstat record (filetype u8 at 0, flags u16 at 2, rights_base u64 at 8,
 * rights_inheriting u64 at 16; 24 bytes, align 8 — the same in both ABIs). Cases check each
 * field for files, directories, the preopen and stdio, that nothing is written past the record,
 * bad fds and bad pointers.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FDFLAGS, FILETYPE, LOOKUP, right, rights } from '../spec.js';
import {
  RIGHTS_NOT_TRACKED, TRAP_ALTS, TREE, UNOPENED_FD, closedFd, hasRight, openDir, openFile, treeWith,
} from '../lib/fd-io.js';

const QUOTE = 'Get the attributes of a file descriptor.';
/** A read-only set of file rights requested in the rights cases. */
const READ_SET = rights('fd_read', 'fd_seek', 'fd_tell', 'fd_filestat_get');

/** fd_fdstat_get into a fresh buffer, checked for success; returns the buffer. */
function stat(f: Fixture, fd: string): number {
  const buf = f.alloc(24, 8);
  f.expectSuccess(f.call('fd_fdstat_get', fd, buf));
  return buf;
}

const cases: CaseDef[] = [
  // ── fs_filetype ─────────────────────────────────────────────────────────────────
  {
    name: 'regular-file', tags: ['basic', 'abi-layout'], tree: TREE, spec: 'docs.md#fdstat.fs_filetype', quote: QUOTE,
    description: 'an fd on a regular file reports filetype regular_file (4) in byte 0',
    body: (f) => f.check('filetype', f.field(stat(f, openFile(f, 'data.txt')), 'fdstat', 'fs_filetype'), FILETYPE.regular_file),
  },
  {
    name: 'directory', tags: ['basic', 'abi-layout'], tree: TREE, spec: 'docs.md#fdstat.fs_filetype',
    description: 'an fd on a directory opened with path_open reports filetype directory (3)',
    body: (f) => f.check('filetype', f.field(stat(f, openDir(f, 'dir')), 'fdstat', 'fs_filetype'), FILETYPE.directory),
  },
  {
    name: 'preopen-is-directory', tags: ['basic', 'sandbox'], tree: TREE, fs_after: TREE, spec: 'docs.md#fdstat.fs_filetype',
    description: 'the preopened directory reports filetype directory (3)',
    body: (f) => f.check('filetype', f.field(stat(f, f.preopen()), 'fdstat', 'fs_filetype'), FILETYPE.directory),
  },
  {
    name: 'symlink-followed-is-file', tags: ['symlinks'], tree: treeWith({ 'link.txt': { symlink: 'data.txt' } }),
    spec: 'docs.md#fdstat.fs_filetype',
    description: 'an fd opened through a symlink with symlink_follow is the target file: regular_file',
    body: (f) => {
      const fd = openFile(f, 'link.txt', { dirflags: LOOKUP.symlink_follow });
      f.check('filetype', f.field(stat(f, fd), 'fdstat', 'fs_filetype'), FILETYPE.regular_file);
    },
  },

  // ── fs_flags ──────────────────────────────────────────────────────────────────────
  {
    name: 'flags-zero', tags: ['basic'], tree: TREE, spec: 'docs.md#fdstat.fs_flags',
    description: 'a file opened without fdflags reports fs_flags 0',
    body: (f) => f.check('flags', f.field(stat(f, openFile(f, 'data.txt')), 'fdstat', 'fs_flags'), 0),
  },
  {
    name: 'flags-append', tags: ['append', 'abi-layout'], tree: TREE, spec: 'docs.md#fdstat.fs_flags',
    description: 'a file opened with fdflags::append reports fs_flags = append (1), a u16 at offset 2',
    body: (f) => f.check('flags', f.field(stat(f, openFile(f, 'data.txt', { fdflags: FDFLAGS.append })), 'fdstat', 'fs_flags'), FDFLAGS.append),
  },
  {
    name: 'flags-nonblock', tags: ['basic'], tree: TREE, spec: 'docs.md#fdstat.fs_flags',
    description: 'a file opened with fdflags::nonblock reports the nonblock bit (4)',
    body: (f) => {
      const st = stat(f, openFile(f, 'data.txt', { fdflags: FDFLAGS.nonblock }));
      f.check('nonblock', `(i32.and ${f.field(st, 'fdstat', 'fs_flags')} (i32.const ${FDFLAGS.nonblock}))`, FDFLAGS.nonblock);
    },
  },

  // ── rights ────────────────────────────────────────────────────────────────────────
  {
    name: 'requested-rights-present', tags: ['rights'], tree: TREE, spec: 'docs.md#fdstat.fs_rights_base',
    description: 'fs_rights_base holds every right requested at path_open that applies to a file',
    quote: 'Rights that apply to this file descriptor.',
    body: (f) => {
      const st = stat(f, openFile(f, 'data.txt', { rights: READ_SET }));
      f.checkTrue('has_requested', `(i64.eq (i64.and ${f.field(st, 'fdstat', 'fs_rights_base')} ${f.i64(READ_SET)}) ${f.i64(READ_SET)})`, 'fs_rights_base includes the requested rights');
    },
  },
  {
    name: 'no-rights-beyond-requested', tags: ['rights', 'security'], tree: TREE, spec: 'docs.md#fdstat.fs_rights_base',
    description: 'fs_rights_base holds no right that was not requested at path_open',
    body: (f) => {
      const st = stat(f, openFile(f, 'data.txt', { rights: READ_SET }));
      f.check('only_requested', `(i64.eqz (i64.and ${f.field(st, 'fdstat', 'fs_rights_base')} ${f.i64(~READ_SET)}))`, 1,
        { what: 'fs_rights_base has no unrequested right', accept: [{ value: 0, behaviour: RIGHTS_NOT_TRACKED }] });
    },
  },
  {
    name: 'read-only-has-no-write-right', tags: ['rights', 'security'], tree: TREE, spec: 'docs.md#rights.fd_write',
    description: 'a file opened with only read rights does not report rights::fd_write',
    body: (f) => {
      const st = stat(f, openFile(f, 'data.txt', { rights: READ_SET }));
      f.check('has_fd_write', `(i32.wrap_i64 (i64.shr_u (i64.and ${f.field(st, 'fdstat', 'fs_rights_base')} ${f.i64(right('fd_write'))}) (i64.const 6)))`, 0,
        { what: 'rights::fd_write bit', accept: [{ value: 1, behaviour: RIGHTS_NOT_TRACKED }] });
    },
  },
  {
    name: 'inheriting-as-requested', tags: ['rights'], tree: TREE, spec: 'docs.md#fdstat.fs_rights_inheriting',
    description: 'a file opened with no inheriting rights reports fs_rights_inheriting 0',
    quote: 'Maximum set of rights that may be installed on new file descriptors that are created through this file descriptor',
    body: (f) => {
      const st = stat(f, openFile(f, 'data.txt', { rights: READ_SET, inheriting: 0n }));
      f.check('inheriting_zero', `(i64.eqz ${f.field(st, 'fdstat', 'fs_rights_inheriting')})`, 1,
        { what: 'fs_rights_inheriting is 0', accept: [{ value: 0, behaviour: RIGHTS_NOT_TRACKED }] });
    },
  },
  {
    name: 'preopen-can-open-paths', tags: ['rights', 'sandbox'], tree: TREE, fs_after: TREE, spec: 'docs.md#rights.path_open',
    description: 'the preopened directory\'s fs_rights_base includes rights::path_open',
    body: (f) => f.checkTrue('has_path_open', hasRight(f, stat(f, f.preopen()) + 8, right('path_open')), 'rights::path_open on the preopen'),
  },
  {
    name: 'needs-no-rights', tags: ['rights'], tree: TREE, spec: 'docs.md#rights',
    description: 'fd_fdstat_get works on an fd opened with no rights at all',
    body: (f) => { stat(f, openFile(f, 'data.txt', { rights: 0n })); },
  },
  {
    name: 'stdout-has-write-right', tags: ['stdio', 'rights'], spec: 'docs.md#rights.fd_write',
    description: 'fd 1 (stdout) reports rights::fd_write',
    body: (f) => f.checkTrue('has_fd_write', hasRight(f, stat(f, '(i32.const 1)') + 8, right('fd_write')), 'rights::fd_write on stdout'),
  },
  {
    name: 'stdin-has-read-right', tags: ['stdio', 'rights'], spec: 'docs.md#rights.fd_read',
    description: 'fd 0 (stdin) reports rights::fd_read',
    body: (f) => f.checkTrue('has_fd_read', hasRight(f, stat(f, '(i32.const 0)') + 8, right('fd_read')), 'rights::fd_read on stdin'),
  },

  // ── the record in memory ──────────────────────────────────────────────────────────
  {
    name: 'rights-are-full-u64', tags: ['abi-layout'], tree: TREE, spec: 'docs.md#fdstat',
    description: 'both rights fields are written as 8 bytes: their high halves are 0, not left as they were',
    body: (f) => {
      const buf = f.sentinel(24);
      f.expectSuccess(f.call('fd_fdstat_get', openFile(f, 'data.txt'), buf));
      f.check('base_high', f.u32(buf + 12), 0, { what: 'fs_rights_base bytes 4..7 (no rights above bit 31)' });
      f.check('inheriting_high', f.u32(buf + 20), 0, { what: 'fs_rights_inheriting bytes 4..7' });
    },
  },
  {
    name: 'writes-24-bytes', tags: ['abi-layout'], tree: TREE, spec: 'docs.md#fdstat',
    description: 'fd_fdstat_get writes the 24-byte record and nothing after it',
    body: (f) => {
      const buf = f.sentinel(32);
      f.expectSuccess(f.call('fd_fdstat_get', openFile(f, 'data.txt'), buf));
      f.check('filetype', f.field(buf, 'fdstat', 'fs_filetype'), FILETYPE.regular_file);
      f.check('after_record', f.u64(buf + 24), 0xaaaaaaaaaaaaaaaan, { what: 'bytes 24..31 (sentinel)' });
    },
  },

  // ── errors ────────────────────────────────────────────────────────────────────────
  {
    name: 'bad-fd', tags: ['errors'],
    description: 'fd_fdstat_get on an fd that was never opened fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_get', UNOPENED_FD, f.alloc(24)), 'badf'); },
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'fd_fdstat_get on an fd after fd_close fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_get', closedFd(f), f.alloc(24)), 'badf'); },
  },
  {
    name: 'negative-fd', tags: ['errors'],
    description: 'fd_fdstat_get on fd 0xffffffff (-1) fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_fdstat_get', -1, f.alloc(24)), 'badf'); },
  },
  {
    name: 'buf-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an fdstat pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_fdstat_get', openFile(f, 'data.txt'), f.memEnd), TRAP_ALTS),
  },
  {
    name: 'buf-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'an fdstat record whose last 8 bytes lie past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_fdstat_get', openFile(f, 'data.txt'), f.memEnd - 16), TRAP_ALTS),
  },
  {
    name: 'buf-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: TREE, spec: 'docs.md#fdstat',
    description: 'an fdstat pointer not 8-byte aligned (fdstat alignment is 8) traps',
    body: (f) => f.expectTrap(f.call('fd_fdstat_get', openFile(f, 'data.txt'), f.alloc(32, 8) + 4), TRAP_ALTS),
  },
];

export default suite('fd_fdstat_get', cases);
