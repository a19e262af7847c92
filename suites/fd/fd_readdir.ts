/**
 * fd_readdir: every entry exactly once whatever the order, `.`/`..` (present; absent accepted),
 * d_type / d_namlen / d_ino, paging with small buffers through d_next cookies, the "bufused ==
 * buf_len means more" rule with truncated records, cookies at the end, errors and bad pointers.
 * Order, cookie values and inode numbers are never asserted (docs/CHOICES.md).
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { LOOKUP, OFLAGS, right, rights } from '../spec.js';
import { DIR_RIGHTS, EFAULT, openDir, openFile, UNOPENED_FD } from '../lib/fd-io.js';
import { NO_RIGHT_ALTS, filestat, stat64 } from '../lib/filestat.js';
import {
  DIRENT, D_INO_UNKNOWN, checkDots, checkListing, dir, file, lastCookieIn, link, scanDir, type Entry,
} from '../lib/dirents.js';

const QUOTE_FILL = 'This function fills the output buffer as much as possible, potentially truncating the last directory entry.';
const QUOTE_END = 'If less than the size of the read buffer, the end of the directory has been reached.';
const QUOTE_COOKIE = 'The location within the directory to start reading';

/** A directory of three entries: two files and a subdirectory. */
const TREE = { 'a.txt': 'alpha', 'b.txt': 'bravo', sub: { 'inner.txt': 'x' } };
const TREE_ENTRIES: Entry[] = [file('a.txt'), file('b.txt'), dir('sub')];

/** `count` files f00.txt … named so every record has the same size. */
function manyFiles(count: number): { tree: Record<string, string>; entries: Entry[] } {
  const names = Array.from({ length: count }, (_, i) => `f${String(i).padStart(2, '0')}.txt`);
  return { tree: Object.fromEntries(names.map((n) => [n, n])), entries: names.map(file) };
}
const MANY = manyFiles(50);
const SIX = manyFiles(6);

/** A listing case: scan `path` (the preopen when omitted) and check every entry is there once. */
function listing(name: string, description: string, tree: CaseDef['tree'], entries: Entry[], opts: { path?: string; follow?: boolean; bufLen?: number; tags?: string[]; minCalls?: number; quote?: string } = {}): CaseDef {
  return {
    name, description, tree, tags: ['readdir', ...(opts.tags ?? [])],
    ...(opts.quote ? { quote: opts.quote } : {}),
    body: (f) => {
      const fd = opts.path ? openDir(f, opts.path, opts.follow ? { dirflags: LOOKUP.symlink_follow } : {}) : f.preopen();
      const scan = scanDir(f, fd, entries, { bufLen: opts.bufLen });
      if (opts.minCalls) {
        f.assertCond(`(i32.ge_u ${scan.calls} (i32.const ${opts.minCalls}))`, `setup: a ${opts.bufLen}-byte buffer should need at least ${opts.minCalls} calls; calls `, `(i64.extend_i32_u ${scan.calls})`);
      }
      checkListing(f, scan, entries);
    },
  };
}

/** One fd_readdir call from cookie 0 into a big buffer (setup): returns bufused (i32 local). */
function readAllOnce(f: Fixture, fd: string, buf: number, cap = 4096): string {
  const used = f.out32();
  f.ok(f.call('fd_readdir', fd, buf, cap, 0n, used), 'fd_readdir (whole directory)');
  const u = f.let(f.u32(used));
  f.assertCond(`(i32.lt_u ${u} (i32.const ${cap}))`, `setup: the listing should fit in ${cap} bytes; bufused `, `(i64.extend_i32_u ${u})`);
  return u;
}

export default suite('fd_readdir', [
  // ── the listing ────────────────────────────────────────────────────────────────────
  listing('lists-every-entry', 'every file and subdirectory is listed exactly once, nothing else', TREE, TREE_ENTRIES, { tags: ['basic'] }),
  {
    name: 'dot-entries-in-preopen', tags: ['readdir'], tree: TREE,
    description: 'the preopen lists `.` and `..` once each (absent accepted: uvwasi)',
    body: (f) => checkDots(f, scanDir(f, f.preopen(), TREE_ENTRIES)),
  },
  {
    name: 'dot-entries-in-subdirectory', tags: ['readdir'], tree: TREE,
    description: 'a subdirectory fd lists `.` and `..` once each (absent accepted: uvwasi)',
    body: (f) => checkDots(f, scanDir(f, openDir(f, 'sub'), [file('inner.txt')])),
  },
  {
    name: 'dot-entries-are-directories', tags: ['readdir'], tree: TREE,
    description: '`.` and `..`, where listed, have d_type directory',
    spec: 'docs.md#dirent',
    body: (f) => f.check('dot_wrong_type', scanDir(f, f.preopen(), TREE_ENTRIES).dotWrongType, 0, { what: 'records of . or .. whose d_type is not directory' }),
  },
  {
    name: 'd-type-regular-file', tags: ['readdir', 'abi-layout'], tree: { 'one.txt': '1', 'two.txt': '22' },
    description: 'a regular file entry has d_type regular_file (4) at offset 20',
    spec: 'docs.md#dirent',
    body: (f) => f.check('wrong_type', scanDir(f, f.preopen(), [file('one.txt'), file('two.txt')]).wrongType, 0, { what: 'file records whose d_type is not regular_file' }),
  },
  {
    name: 'd-type-directory', tags: ['readdir', 'abi-layout'], tree: { d1: {}, d2: { x: 'x' } },
    description: 'a subdirectory entry has d_type directory (3)',
    spec: 'docs.md#dirent',
    body: (f) => f.check('wrong_type', scanDir(f, f.preopen(), [dir('d1'), dir('d2')]).wrongType, 0, { what: 'directory records whose d_type is not directory' }),
  },
  {
    name: 'd-type-symlink-not-followed', tags: ['readdir', 'symlinks'], tree: { 'target.txt': 't', ln: { symlink: 'target.txt' } },
    description: 'a symlink entry has d_type symbolic_link (7), not the type of its target',
    spec: 'docs.md#dirent',
    body: (f) => f.check('wrong_type', scanDir(f, f.preopen(), [file('target.txt'), link('ln')]).wrongType, 0, { what: 'records with the wrong d_type' }),
  },
  {
    name: 'dangling-symlink-listed', tags: ['readdir', 'symlinks', 'edge'], tree: { 'real.txt': 'r', dangling: { symlink: 'missing.txt' } },
    description: 'a dangling symlink is listed (d_type symbolic_link) and does not fail the call',
    spec: 'docs.md#dirent',
    body: (f) => {
      const scan = scanDir(f, f.preopen(), [file('real.txt'), link('dangling')]);
      checkListing(f, scan, [file('real.txt'), link('dangling')]);
      f.check('wrong_type', scan.wrongType, 0, { what: 'records with the wrong d_type' });
    },
  },
  listing('d-namlen-counts-utf8-bytes', 'd_namlen of a non-ASCII name is its UTF-8 byte length, name bytes exact',
    { 'été-ünï.txt': 'u' }, [file('été-ünï.txt')], { tags: ['unicode', 'abi-layout'] }),
  listing('long-name', 'a 200-byte name is listed whole with d_namlen 200',
    { [`${'n'.repeat(196)}.txt`]: 'long' }, [file(`${'n'.repeat(196)}.txt`)], { tags: ['edge'] }),
  listing('names-starting-with-dots', 'only `.` and `..` are special: `.hidden`, `..x` and `...` are listed',
    { '.hidden': 'h', '..x': 'x', '...': 'd' }, [file('.hidden'), file('..x'), file('...')], { tags: ['edge'] }),
  listing('subdirectory-fd', 'a subdirectory fd lists that directory, not its parent',
    { top: 'nope', sub: { x: 'x', y: 'y', deeper: {} } }, [file('x'), file('y'), dir('deeper')], { path: 'sub' }),
  listing('directory-opened-through-symlink', 'a directory fd opened through a symlink lists the target directory',
    { real: { one: '1', two: '2' }, ln: { symlink: 'real' } }, [file('one'), file('two')], { path: 'ln', follow: true, tags: ['symlinks'] }),
  listing('empty-directory', 'an empty directory lists no names besides `.` and `..`',
    { empty: {}, other: 'o' }, [], { path: 'empty', tags: ['edge'] }),
  listing('many-entries', 'a directory of 50 files lists each exactly once', MANY.tree, MANY.entries, { tags: ['edge'] }),

  // ── paging ─────────────────────────────────────────────────────────────────────────
  listing('paging-one-record-per-call', 'a 40-byte buffer (one record per call) pages through every entry via d_next',
    SIX.tree, SIX.entries, { bufLen: 40, minCalls: 6, quote: QUOTE_COOKIE }),
  listing('paging-partial-records', 'a 100-byte buffer ending mid-record pages through every entry exactly once',
    SIX.tree, SIX.entries, { bufLen: 100, minCalls: 2, quote: QUOTE_FILL }),
  listing('paging-many-entries', '50 files read through a 64-byte buffer: each listed exactly once', MANY.tree, MANY.entries, { bufLen: 64, minCalls: 25 }),
  {
    name: 'paging-dots-once', tags: ['readdir'], tree: SIX.tree,
    description: 'paging with a small buffer lists `.` and `..` once each, not once per call',
    body: (f) => checkDots(f, scanDir(f, f.preopen(), SIX.entries, { bufLen: 40 })),
  },
  {
    name: 'cookie-zero-restarts', tags: ['readdir'], tree: TREE,
    description: 'after a full listing, cookie 0 lists the whole directory again',
    spec: 'docs.md#dircookie', quote: 'The value 0 signifies the start of the directory.',
    body: (f) => {
      const fd = f.preopen();
      scanDir(f, fd, TREE_ENTRIES);
      checkListing(f, scanDir(f, fd, TREE_ENTRIES), TREE_ENTRIES);
    },
  },
  {
    name: 'cookie-after-last-entry', tags: ['readdir', 'edge'], tree: TREE,
    description: 'reading from the d_next of the last entry returns bufused 0',
    quote: QUOTE_COOKIE,
    body: (f) => {
      const fd = f.preopen();
      const scan = scanDir(f, fd, TREE_ENTRIES);
      const used = f.out32();
      f.expectSuccess(f.call('fd_readdir', fd, f.alloc(256), 256, scan.lastCookie, used));
      f.check('bufused', f.u32(used), 0);
    },
  },
  {
    name: 'short-buffer-means-end', tags: ['readdir'], tree: TREE,
    description: 'a listing that fits comes back with bufused < buf_len in one call',
    quote: QUOTE_END,
    body: (f) => {
      const used = f.out32();
      f.expectSuccess(f.call('fd_readdir', f.preopen(), f.alloc(4096), 4096, 0n, used));
      f.checkTrue('bufused_lt_buf_len', `(i32.lt_u ${f.u32(used)} (i32.const 4096))`, 'bufused < buf_len');
    },
  },
  {
    name: 'buffer-smaller-than-header', tags: ['readdir', 'edge'], tree: TREE,
    description: 'a 10-byte buffer is filled completely (bufused 10): the first record is truncated',
    quote: QUOTE_FILL,
    body: (f) => {
      const used = f.out32();
      f.expectSuccess(f.call('fd_readdir', f.preopen(), f.alloc(16), 10, 0n, used));
      f.check('bufused', f.u32(used), 10);
    },
  },
  {
    name: 'buffer-header-only', tags: ['readdir', 'edge', 'abi-layout'], tree: TREE,
    description: 'a 24-byte buffer holds a whole dirent header with a d_namlen of an entry',
    quote: QUOTE_FILL,
    body: (f) => {
      const buf = f.alloc(32);
      const used = f.out32();
      f.expectSuccess(f.call('fd_readdir', f.preopen(), buf, DIRENT, 0n, used));
      f.check('bufused', f.u32(used), DIRENT);
      // the first record is one of . .. a.txt b.txt sub: d_namlen 1, 2, 3 or 5
      const n = f.let(f.field(buf, 'dirent', 'd_namlen'));
      f.checkTrue('d_namlen_valid', `(i32.and (i32.ge_u ${n} (i32.const 1)) (i32.le_u ${n} (i32.const 5)))`, 'd_namlen of the first record is 1..5');
    },
  },
  {
    name: 'truncated-last-record-fills-buffer', tags: ['readdir', 'edge'], tree: TREE,
    description: 'a buffer one byte short of the listing comes back full (bufused == buf_len)',
    quote: QUOTE_FILL,
    body: (f) => {
      const fd = f.preopen();
      const buf = f.alloc(4096);
      const total = readAllOnce(f, fd, buf);
      const used = f.out32();
      f.expectSuccess(f.call('fd_readdir', fd, buf, `(i32.sub ${total} (i32.const 1))`, 0n, used));
      f.checkTrue('bufused_eq_buf_len', `(i32.eq ${f.u32(used)} (i32.sub ${total} (i32.const 1)))`, 'bufused == buf_len');
    },
  },
  {
    name: 'exact-fit-buffer-full', tags: ['readdir', 'edge'], tree: TREE,
    description: 'a buffer exactly the size of the whole listing comes back full (bufused == buf_len)',
    quote: QUOTE_FILL,
    body: (f) => {
      const fd = f.preopen();
      const buf = f.alloc(4096);
      const total = readAllOnce(f, fd, buf);
      const used = f.out32();
      f.expectSuccess(f.call('fd_readdir', fd, buf, total, 0n, used));
      f.checkTrue('bufused_eq_buf_len', `(i32.eq ${f.u32(used)} ${total})`, 'bufused == buf_len');
    },
  },
  {
    name: 'exact-fit-then-end', tags: ['readdir', 'edge'], tree: TREE,
    description: 'after an exactly full buffer, reading from its last d_next returns bufused 0',
    quote: QUOTE_END,
    body: (f) => {
      const fd = f.preopen();
      const buf = f.alloc(4096);
      const total = readAllOnce(f, fd, buf);
      const used = f.out32();
      f.ok(f.call('fd_readdir', fd, buf, total, 0n, used), 'fd_readdir (exact fit)');
      const cookie = lastCookieIn(f, buf, f.u32(used));
      const used2 = f.out32();
      f.expectSuccess(f.call('fd_readdir', fd, f.alloc(256), 256, cookie, used2));
      f.check('bufused', f.u32(used2), 0);
    },
  },
  {
    name: 'zero-length-buffer', tags: ['readdir', 'edge'], tree: TREE,
    description: 'buf_len 0 succeeds with bufused 0 and writes nothing',
    body: (f) => {
      const buf = f.sentinel(8);
      const used = f.out32();
      f.expectSuccess(f.call('fd_readdir', f.preopen(), buf, 0, 0n, used));
      f.check('bufused', f.u32(used), 0);
      f.check('buf_untouched', f.u64(buf), 0xaaaaaaaaaaaaaaaan, { what: 'buffer bytes (sentinel)' });
    },
  },

  {
    name: 'nothing-stored-past-bufused', tags: ['readdir', 'edge'], tree: TREE,
    description: 'the buffer past bufused is left as it was (bufused is what was stored)',
    quote: 'The number of bytes stored in the read buffer.',
    body: (f) => {
      const buf = f.sentinel(512);
      const used = f.out32();
      f.expectSuccess(f.call('fd_readdir', f.preopen(), buf, 512, 0n, used));
      f.check('byte_after', f.u8(`(i32.add (i32.const ${buf}) ${f.u32(used)})`), 0xaa, { what: 'first byte past bufused (sentinel)' });
    },
  },

  // ── the listing follows the directory ──────────────────────────────────────────────
  {
    name: 'created-file-listed', tags: ['readdir'], tree: { d: { 'old.txt': 'o' } },
    fs_after: { d: { 'new.txt': '', 'old.txt': 'o' } },
    description: 'a file created through the directory fd after it was opened is listed from cookie 0',
    body: (f) => {
      const d = openDir(f, 'd');
      f.open('new.txt', { dirfd: d, oflags: OFLAGS.creat, rights: rights('fd_read'), inheriting: 0n });
      checkListing(f, scanDir(f, d, [file('old.txt'), file('new.txt')]), [file('old.txt'), file('new.txt')]);
    },
  },
  {
    name: 'removed-file-not-listed', tags: ['readdir'], tree: { d: { 'gone.txt': 'g', 'kept.txt': 'k' } },
    fs_after: { d: { 'kept.txt': 'k' } },
    description: 'a file unlinked after the directory fd was opened is not listed from cookie 0',
    body: (f) => {
      const d = openDir(f, 'd');
      const p = f.str('gone.txt');
      f.ok(f.call('path_unlink_file', d, p.ptr, p.len), 'path_unlink_file(gone.txt)');
      checkListing(f, scanDir(f, d, [file('kept.txt')]), [file('kept.txt')]);
    },
  },
  {
    name: 'd-ino-matches-filestat', tags: ['readdir', 'abi-layout'], tree: { 'a.txt': 'alpha', 'b.txt': 'bravo' },
    description: 'd_ino of an entry is the ino fd_filestat_get reports for that file (0 accepted: unknown)',
    spec: 'docs.md#dirent',
    body: (f) => {
      const scan = scanDir(f, f.preopen(), [file('a.txt'), file('b.txt')]);
      const st = filestat(f, openFile(f, 'a.txt'));
      const dIno = f.let(f.u64(scan.inos), 'i64');
      const same = `(i64.eq ${dIno} ${stat64(f, st, 'ino')})`;
      f.check('d_ino', `(select (i32.const 1) (select (i32.const 2) (i32.const 0) (i64.eqz ${dIno})) ${same})`, 1, {
        what: 'd_ino equals filestat.ino (1), is 0 (2), differs (0)',
        accept: [{ value: 2, behaviour: D_INO_UNKNOWN }],
      });
    },
  },

  // ── errors ─────────────────────────────────────────────────────────────────────────
  {
    name: 'on-regular-file', tags: ['readdir', 'errors'], tree: TREE,
    description: 'fd_readdir on a regular file fd fails with ENOTDIR',
    body: (f) => f.expectErrno(f.call('fd_readdir', openFile(f, 'a.txt'), f.alloc(256), 256, 0n, f.out32()), 'notdir', {
      accept: [{ errno: 'notcapable', behaviour: 'ENOTCAPABLE: a file fd never carries the fd_readdir right (uvwasi, WAMR)' }],
    }),
  },
  {
    name: 'bad-fd', tags: ['readdir', 'errors'], tree: TREE,
    description: 'fd_readdir on an fd that is not open fails with EBADF',
    body: (f) => f.expectErrno(f.call('fd_readdir', UNOPENED_FD, f.alloc(256), 256, 0n, f.out32()), 'badf'),
  },
  {
    name: 'closed-fd', tags: ['readdir', 'errors'], tree: TREE,
    description: 'fd_readdir on a directory fd that was closed fails with EBADF',
    body: (f) => {
      const d = openDir(f, 'sub');
      f.ok(f.call('fd_close', d), 'fd_close');
      f.expectErrno(f.call('fd_readdir', d, f.alloc(256), 256, 0n, f.out32()), 'badf');
    },
  },
  {
    name: 'missing-readdir-right', tags: ['readdir', 'errors', 'rights'], tree: TREE,
    description: 'a directory fd opened without the fd_readdir right fails with ENOTCAPABLE',
    spec: 'docs.md#rights.fd_readdir', quote: 'The right to invoke fd_readdir.',
    body: (f) => {
      const d = openDir(f, 'sub', { rights: DIR_RIGHTS & ~right('fd_readdir') });
      f.expectErrno(f.call('fd_readdir', d, f.alloc(256), 256, 0n, f.out32()), 'notcapable', { accept: NO_RIGHT_ALTS });
    },
  },
  {
    name: 'buffer-out-of-bounds', tags: ['readdir', 'pointers', 'errors'], tree: TREE,
    description: 'a buffer running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_readdir', f.preopen(), f.memEnd - 8, 256, 0n, f.out32()), { accept: [EFAULT] }),
  },
  {
    name: 'bufused-out-of-bounds', tags: ['readdir', 'pointers', 'errors'], tree: TREE,
    description: 'a bufused pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_readdir', f.preopen(), f.alloc(256), 256, 0n, f.memEnd), { accept: [EFAULT] }),
  },
] satisfies CaseDef[]);
