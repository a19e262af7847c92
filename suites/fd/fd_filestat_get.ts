/**
 * fd_filestat_get: every filestat field at its offset and width in both ABIs (64 bytes with a
 * u64 nlink in preview1, 56 with a u32 nlink in wasi_unstable), filetype per kind of fd, size,
 * nlink as names come and go, timestamps as realtime nanoseconds that follow writes, dev/ino as
 * identity (relations only, never values), errors, rights and bad pointers.
 */
import { suite, type CaseDef } from '../dsl.js';
import { FILETYPE, LOOKUP, right } from '../spec.js';
import { EFAULT, UNOPENED_FD, closedFd, fileRightsWithout, openDir, openFile, write } from '../lib/fd-io.js';
import {
  NO_RIGHT_ALTS, T_OLD, ageFile, checkNow, checkStat, filestat, realtime, stat64, timestampZeroAlt, treeAfter,
} from '../lib/filestat.js';

const QUOTE = 'Return the attributes of an open file.';
const TREE = { 'a.txt': 'hello', 'b.txt': 'other file', 'empty.txt': '', sub: { 'c.txt': 'in sub' }, ln: { symlink: 'b.txt' } };
/** 2017-07-14T02:40:00Z in ns: any real file time is after it; a time in seconds or ms is far below. */
const NS_FLOOR = 1_500_000_000_000_000_000n;

/** fd_filestat_get(fd of path) succeeds, then check one field. */
function fieldCase(name: string, description: string, open: 'file' | 'dir' | 'preopen', path: string, field: string, expected: number | bigint, tags: string[] = ['basic']): CaseDef {
  return {
    name, description, tags, tree: TREE, quote: QUOTE,
    body: (f) => {
      const fd = open === 'preopen' ? f.preopen() : open === 'dir' ? openDir(f, path) : openFile(f, path);
      const buf = f.alloc(64, 8);
      f.expectSuccess(f.call('fd_filestat_get', fd, buf));
      checkStat(f, field, buf, field, expected);
    },
  };
}

export default suite('fd_filestat_get', [
  // ── fields ─────────────────────────────────────────────────────────────────────────
  fieldCase('regular-file-filetype', 'a regular file reports filetype regular_file (4)', 'file', 'a.txt', 'filetype', FILETYPE.regular_file),
  fieldCase('regular-file-size', 'size is the file length in bytes', 'file', 'a.txt', 'size', 5),
  fieldCase('empty-file-size', 'an empty file has size 0', 'file', 'empty.txt', 'size', 0, ['edge']),
  fieldCase('nlink-single-name', 'a file with one name has nlink 1 (u64 in preview1, u32 in wasi_unstable)', 'file', 'a.txt', 'nlink', 1, ['abi-layout']),
  fieldCase('directory-filetype', 'a directory fd reports filetype directory (3)', 'dir', 'sub', 'filetype', FILETYPE.directory),
  fieldCase('preopen-filetype', 'the preopened directory reports filetype directory (3)', 'preopen', '', 'filetype', FILETYPE.directory),
  {
    name: 'file-in-subdirectory-size', tags: ['basic'], tree: TREE,
    description: 'a file opened through a subdirectory fd reports its own size',
    body: (f) => {
      const sub = openDir(f, 'sub');
      const fd = f.open('c.txt', { dirfd: sub, rights: right('fd_filestat_get') | right('fd_read'), inheriting: 0n });
      const buf = f.alloc(64, 8);
      f.expectSuccess(f.call('fd_filestat_get', fd, buf));
      checkStat(f, 'size', buf, 'size', 6);
    },
  },
  {
    name: 'symlink-opened-with-follow', tags: ['symlinks'], tree: TREE,
    description: 'a file opened through a symlink (follow) reports the target: regular_file, its size',
    body: (f) => {
      const fd = openFile(f, 'ln', { dirflags: LOOKUP.symlink_follow });
      const buf = f.alloc(64, 8);
      f.expectSuccess(f.call('fd_filestat_get', fd, buf));
      checkStat(f, 'filetype', buf, 'filetype', FILETYPE.regular_file);
      checkStat(f, 'size', buf, 'size', 10);
    },
  },
  {
    name: 'layout-field-offsets', tags: ['abi-layout'], tree: TREE,
    description: 'filetype, nlink and size sit at this ABI\'s offsets with their widths',
    spec: 'docs.md#filestat',
    body: (f) => {
      const buf = f.sentinel(80);
      f.expectSuccess(f.call('fd_filestat_get', openFile(f, 'a.txt'), buf));
      checkStat(f, 'filetype', buf, 'filetype', FILETYPE.regular_file);
      checkStat(f, 'nlink', buf, 'nlink', 1);
      checkStat(f, 'size', buf, 'size', 5);
    },
  },
  {
    name: 'writes-exactly-struct-size', tags: ['abi-layout'], tree: TREE,
    description: 'nothing is written past the filestat (64 bytes in preview1, 56 in wasi_unstable)',
    spec: 'docs.md#filestat',
    body: (f) => {
      const buf = f.sentinel(80);
      f.expectSuccess(f.call('fd_filestat_get', openFile(f, 'a.txt'), buf));
      f.check('after_struct', f.u64(buf + f.abi.layouts.filestat.size), 0xaaaaaaaaaaaaaaaan, { what: '8 bytes after the filestat (sentinel)' });
    },
  },
  {
    name: 'timestamps-are-nanoseconds', tags: ['timestamps', 'abi-layout'], tree: TREE,
    description: 'atim, mtim and ctim are realtime nanoseconds: after 2017, not after now',
    spec: 'docs.md#timestamp', quote: 'Timestamp in nanoseconds.',
    body: (f) => {
      const buf = f.alloc(64, 8);
      f.expectSuccess(f.call('fd_filestat_get', openFile(f, 'a.txt'), buf));
      const now = realtime(f);
      for (const t of ['atim', 'mtim', 'ctim']) {
        const v = f.let(stat64(f, buf, t), 'i64');
        const inRange = `(i32.and (i64.gt_u ${v} ${f.i64(NS_FLOOR)}) (i64.le_u ${v} (i64.add ${now} ${f.i64(1_000_000_000n)})))`;
        // 1: between 2017 and now; 2: zero (preview1: "This can be 0 if the underlying platform doesn't provide suitable timestamp"); 0: anything else
        f.check(`${t}_ns`, `(select (i32.const 1) (select (i32.const 2) (i32.const 0) (i64.eqz ${v})) ${inRange})`, 1,
          { what: `${t} between 2017 and now in ns (1), 0 (2), else (0)`, accept: timestampZeroAlt(f) });
      }
    },
  },
  {
    name: 'size-follows-writes', tags: ['basic'], tree: TREE, fs_after: treeAfter(TREE, { 'empty.txt': 'abc' }),
    description: 'after writing 3 bytes to an empty file through the fd, size is 3',
    body: (f) => {
      const fd = openFile(f, 'empty.txt');
      write(f, fd, 'abc');
      checkStat(f, 'size', filestat(f, fd), 'size', 3);
    },
  },
  {
    name: 'mtim-follows-writes', tags: ['timestamps'], tree: TREE, fs_after: treeAfter(TREE, { 'a.txt': 'HEllo' }),
    description: 'a write moves mtim from an old value to the time of the write',
    spec: 'docs.md#filestat.mtim', quote: 'Last data modification timestamp.',
    body: (f) => {
      const fd = openFile(f, 'a.txt');
      ageFile(f, fd);
      const before = realtime(f);
      write(f, fd, 'HE');
      const after = realtime(f);
      checkNow(f, 'mtim_now', stat64(f, filestat(f, fd), 'mtim'), before, after);
    },
  },
  {
    name: 'ctim-follows-status-change', tags: ['timestamps'], tree: TREE,
    description: 'setting old atim/mtim is a status change: ctim becomes the time of that call',
    spec: 'docs.md#filestat.ctim', quote: 'Last file status change timestamp.',
    body: (f) => {
      const fd = openFile(f, 'a.txt');
      const before = realtime(f);
      ageFile(f, fd);
      const after = realtime(f);
      checkNow(f, 'ctim_now', stat64(f, filestat(f, fd), 'ctim'), before, after);
    },
  },
  {
    name: 'reports-times-set-on-fd', tags: ['timestamps'], tree: TREE,
    description: 'atim and mtim report what fd_filestat_set_times stored',
    body: (f) => {
      const fd = openFile(f, 'a.txt');
      ageFile(f, fd);
      const buf = filestat(f, fd);
      checkStat(f, 'atim', buf, 'atim', T_OLD);
      checkStat(f, 'mtim', buf, 'mtim', T_OLD);
    },
  },
  {
    name: 'nlink-after-hard-link', tags: ['links'], tree: TREE, fs_after: treeAfter(TREE, { 'a2.txt': 'hello' }),
    description: 'after path_link adds a second name, nlink is 2',
    spec: 'docs.md#filestat.nlink', quote: 'Number of hard links to the file.',
    body: (f) => {
      const fd = openFile(f, 'a.txt');
      const a = f.str('a.txt'), b = f.str('a2.txt');
      f.ok(f.call('path_link', f.preopen(), 0, a.ptr, a.len, f.preopen(), b.ptr, b.len), 'path_link(a.txt, a2.txt)');
      checkStat(f, 'nlink', filestat(f, fd), 'nlink', 2);
    },
  },
  {
    name: 'nlink-zero-after-unlink', tags: ['links', 'edge'], tree: TREE,
    fs_after: treeAfter(TREE, { 'a.txt': null }),
    description: 'an open file whose only name was unlinked still stats, with nlink 0',
    spec: 'docs.md#filestat.nlink', quote: 'Number of hard links to the file.',
    body: (f) => {
      const fd = openFile(f, 'a.txt');
      const a = f.str('a.txt');
      f.ok(f.call('path_unlink_file', f.preopen(), a.ptr, a.len), 'path_unlink_file(a.txt)');
      const buf = f.alloc(64, 8);
      f.expectSuccess(f.call('fd_filestat_get', fd, buf));
      checkStat(f, 'nlink', buf, 'nlink', 0);
    },
  },
  {
    name: 'same-file-same-identity', tags: ['basic'], tree: TREE,
    description: 'two fds on the same file report the same dev and ino',
    spec: 'docs.md#filestat.ino',
    body: (f) => {
      const s1 = filestat(f, openFile(f, 'a.txt'));
      const s2 = filestat(f, openFile(f, 'a.txt'));
      f.checkTrue('same_dev', `(i64.eq ${stat64(f, s1, 'dev')} ${stat64(f, s2, 'dev')})`, 'dev equal');
      f.checkTrue('same_ino', `(i64.eq ${stat64(f, s1, 'ino')} ${stat64(f, s2, 'ino')})`, 'ino equal');
    },
  },
  {
    name: 'different-files-different-ino', tags: ['basic'], tree: TREE,
    description: 'two different files on the same device have different ino',
    spec: 'docs.md#filestat.ino', quote: 'File serial number.',
    body: (f) => {
      const s1 = filestat(f, openFile(f, 'a.txt'));
      const s2 = filestat(f, openFile(f, 'b.txt'));
      f.checkTrue('ino_differs', `(i64.ne ${stat64(f, s1, 'ino')} ${stat64(f, s2, 'ino')})`, 'ino differ');
    },
  },
  {
    name: 'stdout', tags: ['stdio'], tree: TREE,
    description: 'fd_filestat_get works on stdout (fd 1)',
    body: (f) => { f.expectSuccess(f.call('fd_filestat_get', 1, f.alloc(64, 8))); },
  },

  // ── errors ─────────────────────────────────────────────────────────────────────────
  {
    name: 'bad-fd', tags: ['errors'], tree: TREE,
    description: 'an fd that is not open fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_filestat_get', UNOPENED_FD, f.alloc(64, 8)), 'badf'); },
  },
  {
    name: 'fd-max-u32', tags: ['errors', 'edge'], tree: TREE,
    description: 'fd 0xffffffff (never open) fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_filestat_get', -1, f.alloc(64, 8)), 'badf'); },
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'an fd that was closed fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_filestat_get', closedFd(f, 'a.txt'), f.alloc(64, 8)), 'badf'); },
  },
  {
    name: 'missing-right', tags: ['errors', 'rights'], tree: TREE,
    description: 'an fd opened without the fd_filestat_get right fails with ENOTCAPABLE',
    spec: 'docs.md#rights.fd_filestat_get', quote: 'The right to invoke fd_filestat_get.',
    body: (f) => {
      const fd = openFile(f, 'a.txt', { rights: fileRightsWithout('fd_filestat_get') });
      f.expectErrno(f.call('fd_filestat_get', fd, f.alloc(64, 8)), 'notcapable', { accept: NO_RIGHT_ALTS });
    },
  },
  {
    name: 'buffer-out-of-bounds', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a filestat pointer at the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_filestat_get', openFile(f, 'a.txt'), f.memEnd), { accept: [EFAULT] }),
  },
  {
    name: 'buffer-straddles-end', tags: ['pointers', 'errors'], tree: TREE,
    description: 'a filestat that would end 32 bytes past the end of memory traps',
    body: (f) => f.expectTrap(f.call('fd_filestat_get', openFile(f, 'a.txt'), f.memEnd - 32), { accept: [EFAULT] }),
  },
  {
    name: 'buffer-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: TREE,
    description: 'a filestat pointer not aligned to 8 traps',
    spec: 'docs.md#filestat',
    body: (f) => f.expectTrap(f.call('fd_filestat_get', openFile(f, 'a.txt'), f.alloc(72, 8) + 4), { accept: [EFAULT] }),
  },
] satisfies CaseDef[]);


