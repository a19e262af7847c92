/**
 * fd_prestat_get: the prestat of a preopen (tag dir at offset 0, pr_name_len at offset 4: the
 * UTF-8 length of the guest name), every preopen reported, EBADF where no fd is open (wasi-libc
 * stops its scan there), non-preopen fds refused, preopens that were closed or renumbered, and
 * bad pointers. The preopen's fd number is never assumed.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { PREOPENTYPE } from '../spec.js';
import { EFAULT, UNOPENED_FD, openDir, openFile } from '../lib/fd-io.js';
import {
  NOT_PREOPEN_ALTS, PRESTAT_TREE, byteLength, countPreopens, preopenWithNameLen, preopensNamed, renumberPreopen,
} from '../lib/prestat.js';

const QUOTE = 'Return a description of the given preopened file descriptor.';

/** fd_prestat_get(fd) into fresh scratch: expect success; returns the buffer. */
function prestat(f: Fixture, fd: string): number {
  const buf = f.alloc(8, 4);
  f.expectSuccess(f.call('fd_prestat_get', fd, buf));
  return buf;
}

/** A case with one preopen named `guest`: pr_name_len is its UTF-8 length. */
function nameLenCase(name: string, description: string, guest: string, tags: string[]): CaseDef {
  return {
    name, description, tags, preopens: preopensNamed(guest), quote: QUOTE,
    spec: 'docs.md#prestat_dir',
    body: (f) => f.check('pr_name_len', f.field(prestat(f, f.preopen()), 'prestat', 'pr_name_len'), byteLength(guest)),
  };
}

/** The call on an fd that is not a preopen: EBADF (EINVAL accepted, docs/CHOICES.md). */
function notPreopen(name: string, description: string, fd: (f: Fixture) => string | number, tags: string[] = ['errors']): CaseDef {
  return {
    name, description, tags, tree: PRESTAT_TREE,
    body: (f) => { f.expectErrno(f.call('fd_prestat_get', fd(f), f.alloc(8, 4)), 'badf', { accept: NOT_PREOPEN_ALTS }); },
  };
}

export default suite('fd_prestat_get', [
  {
    name: 'tag-is-dir', tags: ['basic', 'abi-layout'], tree: PRESTAT_TREE, quote: QUOTE,
    description: 'a preopened directory has prestat tag dir (0) in its first byte',
    spec: 'docs.md#prestat',
    body: (f) => f.check('tag', f.field(prestat(f, f.preopen()), 'prestat', 'tag'), PREOPENTYPE.dir),
  },
  nameLenCase('name-len-sandbox', 'pr_name_len of the preopen "/sandbox" is 8', '/sandbox', ['basic']),
  nameLenCase('name-len-custom', 'pr_name_len follows the guest name given: "/data" is 5', '/data', ['basic']),
  nameLenCase('name-len-utf8-bytes', 'pr_name_len counts UTF-8 bytes: "/données" is 9, not 8', '/données', ['unicode']),
  nameLenCase('name-len-dot', 'a preopen named "." has pr_name_len 1', '.', ['edge']),
  nameLenCase('name-len-nested', 'a nested guest path "/a/b/c" has pr_name_len 6', '/a/b/c', ['edge']),
  {
    name: 'layout-offsets', tags: ['abi-layout'], tree: PRESTAT_TREE,
    description: 'tag at offset 0 and pr_name_len (u32) at offset 4; nothing past the 8-byte prestat',
    spec: 'docs.md#prestat',
    body: (f) => {
      const buf = f.sentinel(16, 0xaa, 4);
      f.expectSuccess(f.call('fd_prestat_get', f.preopen(), buf));
      f.check('tag', f.u8(buf), PREOPENTYPE.dir);
      f.check('pr_name_len', f.u32(buf + 4), 8);
      f.check('after_struct', f.u64(buf + 8), 0xaaaaaaaaaaaaaaaan, { what: '8 bytes after the prestat (sentinel)' });
    },
  },
  {
    name: 'every-preopen-reported', tags: ['basic'], preopens: preopensNamed('/one', '/three'),
    description: 'with two preopens, fds 3..63 hold exactly two prestats of tag dir',
    body: (f) => f.check('preopens', countPreopens(f), 2, { what: 'preopened directories among fds 3..63' }),
  },
  {
    name: 'second-preopen-name-len', tags: ['basic'], preopens: preopensNamed('/one', '/three'),
    description: 'each preopen reports its own name length: one of them has 6 ("/three")',
    body: (f) => f.check('pr_name_len', f.field(prestat(f, preopenWithNameLen(f, 6)), 'prestat', 'pr_name_len'), 6),
  },

  // ── fds that are not preopens ──────────────────────────────────────────────────────
  {
    name: 'not-open-fd', tags: ['errors'], tree: PRESTAT_TREE,
    description: 'an fd that is not open fails with EBADF (wasi-libc stops scanning there)',
    body: (f) => { f.expectErrno(f.call('fd_prestat_get', UNOPENED_FD, f.alloc(8, 4)), 'badf'); },
  },
  {
    name: 'fd-max-u32', tags: ['errors', 'edge'], tree: PRESTAT_TREE,
    description: 'fd 0xffffffff (never open) fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_prestat_get', -1, f.alloc(8, 4)), 'badf'); },
  },
  notPreopen('stdin', 'stdin (fd 0) is not a preopen: EBADF', () => 0, ['errors', 'stdio']),
  notPreopen('stderr', 'stderr (fd 2) is not a preopen: EBADF', () => 2, ['errors', 'stdio']),
  notPreopen('opened-file', 'a file opened with path_open is not a preopen: EBADF', (f) => openFile(f, 'a.txt')),
  notPreopen('opened-directory', 'a directory opened with path_open is not a preopen: EBADF', (f) => openDir(f, 'sub')),
  {
    name: 'closed-preopen', tags: ['errors'], tree: PRESTAT_TREE,
    description: 'after fd_close on the preopen, fd_prestat_get on it fails with EBADF',
    body: (f) => {
      const fd = f.preopen();
      f.ok(f.call('fd_close', fd), 'fd_close(preopen)');
      f.expectErrno(f.call('fd_prestat_get', fd, f.alloc(8, 4)), 'badf');
    },
  },
  {
    name: 'renumbered-preopen', tags: ['edge'], tree: PRESTAT_TREE,
    description: 'a preopen moved by fd_renumber keeps its prestat at the new fd',
    body: (f) => {
      const pre = f.preopen();
      const target = openFile(f, 'a.txt');
      renumberPreopen(f, pre, target);
      f.check('pr_name_len', f.field(prestat(f, target), 'prestat', 'pr_name_len'), 8);
    },
  },
  {
    name: 'renumbered-preopen-source', tags: ['errors', 'edge'], tree: PRESTAT_TREE,
    description: 'after fd_renumber moves the preopen away, its old fd fails with EBADF',
    body: (f) => {
      const pre = f.preopen();
      renumberPreopen(f, pre, openFile(f, 'a.txt'));
      f.expectErrno(f.call('fd_prestat_get', pre, f.alloc(8, 4)), 'badf');
    },
  },

  // ── pointers ───────────────────────────────────────────────────────────────────────
  {
    name: 'buffer-out-of-bounds', tags: ['pointers', 'errors'], tree: PRESTAT_TREE,
    description: 'a prestat pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_prestat_get', f.preopen(), f.memEnd), { accept: [EFAULT] }),
  },
  {
    name: 'buffer-straddles-end', tags: ['pointers', 'errors'], tree: PRESTAT_TREE,
    description: 'a prestat that would end 4 bytes past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_prestat_get', f.preopen(), f.memEnd - 4), { accept: [EFAULT] }),
  },
  {
    name: 'buffer-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: PRESTAT_TREE,
    description: 'a prestat pointer not aligned to 4 traps',
    spec: 'docs.md#prestat',
    body: (f) => f.expectTrap(f.call('fd_prestat_get', f.preopen(), f.alloc(16, 4) + 2), { accept: [EFAULT] }),
  },
] satisfies CaseDef[]);
