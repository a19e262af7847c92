/**
 * fd_prestat_dir_name: the guest name's exact UTF-8 bytes, pr_name_len of them and no NUL, a
 * larger buffer, buffers shorter than the name (docs/CHOICES.md), several preopens, fds that are
 * not preopens, closed and renumbered preopens, and bad pointers. The preopen is found with
 * fd_prestat_get only, never by this call.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { EFAULT, UNOPENED_FD, openDir, openFile } from '../lib/fd-io.js';
import {
  NOT_PREOPEN_ALTS, PRESTAT_TREE, SHORT_BUFFER_ALTS, byteLength, preopenWithNameLen, preopensNamed, renumberPreopen,
} from '../lib/prestat.js';

const QUOTE = 'A buffer into which to write the preopened directory name.';

/** dir_name(fd, buf, len) succeeds and buf holds exactly `name`. */
function expectName(f: Fixture, fd: string, name: string, bufLen = byteLength(name)): void {
  const buf = f.alloc(Math.max(bufLen, 1), 1);
  f.expectSuccess(f.call('fd_prestat_dir_name', fd, buf, bufLen));
  f.checkBytes('name', buf, byteLength(name), name);
}

/** One preopen named `guest`: dir_name with a buffer of pr_name_len returns its exact bytes. */
function nameCase(name: string, description: string, guest: string, tags: string[]): CaseDef {
  return {
    name, description, tags, preopens: preopensNamed(guest), quote: QUOTE,
    body: (f) => expectName(f, f.preopen(), guest),
  };
}

/** A buffer of `len` bytes (shorter than "/sandbox") is refused. */
function shortCase(name: string, description: string, len: number): CaseDef {
  return {
    name, description, tags: ['errors', 'edge'], tree: PRESTAT_TREE,
    body: (f) => { f.expectErrno(f.call('fd_prestat_dir_name', f.preopen(), f.alloc(16, 1), len), 'nametoolong', { accept: SHORT_BUFFER_ALTS }); },
  };
}

/** The call on an fd that is not a preopen: EBADF (EINVAL accepted, docs/CHOICES.md). */
function notPreopen(name: string, description: string, fd: (f: Fixture) => string | number, tags: string[] = ['errors']): CaseDef {
  return {
    name, description, tags, tree: PRESTAT_TREE,
    body: (f) => { f.expectErrno(f.call('fd_prestat_dir_name', fd(f), f.alloc(64, 1), 64), 'badf', { accept: NOT_PREOPEN_ALTS }); },
  };
}

export default suite('fd_prestat_dir_name', [
  nameCase('exact-bytes', 'the name of the preopen "/sandbox" is returned byte for byte', '/sandbox', ['basic']),
  nameCase('custom-name', 'the name is the guest name given to the runtime ("/data")', '/data', ['basic']),
  nameCase('utf8-name', 'a non-ASCII guest name comes back as its UTF-8 bytes', '/données', ['unicode']),
  nameCase('dot-name', 'a preopen named "." is returned as "."', '.', ['edge']),
  nameCase('nested-name', 'a nested guest path "/a/b/c" is returned whole', '/a/b/c', ['edge']),
  {
    name: 'no-nul-written', tags: ['abi-layout', 'edge'], tree: PRESTAT_TREE,
    description: 'exactly pr_name_len bytes are written: no NUL terminator after the name',
    spec: 'docs.md#prestat_dir.pr_name_len',
    body: (f) => {
      const buf = f.sentinel(16, 0xaa, 1);
      f.expectSuccess(f.call('fd_prestat_dir_name', f.preopen(), buf, 8));
      f.check('byte_after', f.u8(buf + 8), 0xaa, { what: 'byte after the 8-byte name (sentinel)' });
    },
  },
  {
    name: 'larger-buffer', tags: ['edge'], tree: PRESTAT_TREE,
    description: 'a buffer larger than the name is accepted; the name fills its start',
    body: (f) => expectName(f, f.preopen(), '/sandbox', 32),
  },
  {
    name: 'name-matches-pr-name-len', tags: ['basic'], preopens: preopensNamed('/données'),
    description: 'a buffer of exactly pr_name_len (from fd_prestat_get) receives the whole name',
    spec: 'docs.md#prestat_dir.pr_name_len', quote: 'The length of the directory name for use with `fd_prestat_dir_name`.',
    body: (f) => {
      const fd = f.preopen();
      const st = f.alloc(8, 4);
      f.ok(f.call('fd_prestat_get', fd, st), 'fd_prestat_get');
      const len = f.let(f.u32(st + 4));
      const buf = f.alloc(64, 1);
      f.expectSuccess(f.call('fd_prestat_dir_name', fd, buf, len));
      f.checkBytes('name', buf, len, '/données');
    },
  },
  {
    name: 'second-preopen', tags: ['basic'], preopens: preopensNamed('/one', '/three'),
    description: 'with two preopens, each returns its own name ("/three")',
    body: (f) => expectName(f, preopenWithNameLen(f, 6), '/three'),
  },
  shortCase('short-buffer', 'a 4-byte buffer for an 8-byte name fails with ENAMETOOLONG', 4),
  shortCase('short-by-one', 'a buffer one byte shorter than the name fails with ENAMETOOLONG', 7),
  shortCase('zero-length-buffer', 'a 0-byte buffer fails with ENAMETOOLONG', 0),

  // ── fds that are not preopens ──────────────────────────────────────────────────────
  {
    name: 'not-open-fd', tags: ['errors'], tree: PRESTAT_TREE,
    description: 'an fd that is not open fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_prestat_dir_name', UNOPENED_FD, f.alloc(64, 1), 64), 'badf'); },
  },
  {
    name: 'fd-max-u32', tags: ['errors', 'edge'], tree: PRESTAT_TREE,
    description: 'fd 0xffffffff (never open) fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_prestat_dir_name', -1, f.alloc(64, 1), 64), 'badf'); },
  },
  notPreopen('stdout', 'stdout (fd 1) is not a preopen: EBADF', () => 1, ['errors', 'stdio']),
  notPreopen('opened-file', 'a file opened with path_open is not a preopen: EBADF', (f) => openFile(f, 'a.txt')),
  notPreopen('opened-directory', 'a directory opened with path_open is not a preopen: EBADF', (f) => openDir(f, 'sub')),
  {
    name: 'closed-preopen', tags: ['errors'], tree: PRESTAT_TREE,
    description: 'after fd_close on the preopen, fd_prestat_dir_name on it fails with EBADF',
    body: (f) => {
      const fd = f.preopen();
      f.ok(f.call('fd_close', fd), 'fd_close(preopen)');
      f.expectErrno(f.call('fd_prestat_dir_name', fd, f.alloc(64, 1), 64), 'badf');
    },
  },
  {
    name: 'renumbered-preopen', tags: ['edge'], tree: PRESTAT_TREE,
    description: 'a preopen moved by fd_renumber keeps its name at the new fd',
    body: (f) => {
      const pre = f.preopen();
      const target = openFile(f, 'a.txt');
      renumberPreopen(f, pre, target);
      expectName(f, target, '/sandbox');
    },
  },

  // ── pointers ───────────────────────────────────────────────────────────────────────
  {
    name: 'buffer-out-of-bounds', tags: ['pointers', 'errors'], tree: PRESTAT_TREE,
    description: 'a name buffer starting at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_prestat_dir_name', f.preopen(), f.memEnd, 8), { accept: [EFAULT] }),
  },
  {
    name: 'buffer-straddles-end', tags: ['pointers', 'errors'], tree: PRESTAT_TREE,
    description: 'a name buffer whose last 4 bytes are past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_prestat_dir_name', f.preopen(), f.memEnd - 4, 8), { accept: [EFAULT] }),
  },
] satisfies CaseDef[]);
