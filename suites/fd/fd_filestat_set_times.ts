/**
 * fd_filestat_set_times: explicit values land in the right field to the nanosecond, a flag left
 * out leaves its timestamp alone (the value argument is ignored), *_NOW sets the realtime clock's
 * time (checked against readings around the call), a value and its _NOW together is EINVAL,
 * directories are allowed ("an open file or directory"), errors and rights.
 *
 * Explicit values are whole seconds except in the precision case, so runtimes whose host stores
 * less than nanoseconds (docs/CHOICES.md) are judged on the rule, not on precision.
 */
import { suite, type CaseDef, type Fixture } from '../dsl.js';
import { FSTFLAGS, LOOKUP, rights } from '../spec.js';
import { UNOPENED_FD, closedFd, fileRightsWithout, openDir, openFile } from '../lib/fd-io.js';
import {
  NO_RIGHT_ALTS, T_2100, T_A, T_B, T_NS, T_OLD, ageFile, checkNow, checkStat, checkStoredNs, filestat,
  realtime, stat64, treeAfter,
} from '../lib/filestat.js';

const { atim: ATIM, atim_now: ATIM_NOW, mtim: MTIM, mtim_now: MTIM_NOW } = FSTFLAGS;
const QUOTE = 'Adjust the timestamps of an open file or directory.';
const TREE = treeAfter({ 'f.txt': 'content', dir: {}, ln: { symlink: 'f.txt' } }, {});

type Field = 'atim' | 'mtim';

/** fd_filestat_set_times(fd, atim, mtim, flags) is the call under test: expect success. */
function setTimes(f: Fixture, fd: string, atim: bigint, mtim: bigint, flags: number): void {
  f.expectSuccess(f.call('fd_filestat_set_times', fd, atim, mtim, flags));
}

/** Set explicit values on f.txt, then check each named field reads back exactly. */
function explicitCase(name: string, description: string, atim: bigint, mtim: bigint, flags: number, expect: Partial<Record<Field, bigint>>, tags: string[] = ['timestamps']): CaseDef {
  return {
    name, description, tags, tree: TREE, quote: QUOTE,
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      setTimes(f, fd, atim, mtim, flags);
      const st = filestat(f, fd);
      for (const [field, v] of Object.entries(expect)) checkStat(f, field, st, field, v);
    },
  };
}

/** Age f.txt, set `flags` with the *_NOW bits, then check which fields are now / untouched. */
function nowCase(name: string, description: string, flags: number, now: Field[], kept: Field[], values: { atim?: bigint; mtim?: bigint } = {}): CaseDef {
  return {
    name, description, tags: ['timestamps', 'clocks'], tree: TREE,
    quote: 'Adjust the last data modification timestamp to the time of clock `clockid::realtime`.',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      ageFile(f, fd);
      const before = realtime(f);
      setTimes(f, fd, values.atim ?? 0n, values.mtim ?? 0n, flags);
      const after = realtime(f);
      const st = filestat(f, fd);
      for (const t of now) checkNow(f, `${t}_now`, stat64(f, st, t), before, after);
      for (const t of kept) checkStat(f, t, st, t, values[t] !== undefined && (flags & (t === 'atim' ? ATIM : MTIM)) ? values[t]! : T_OLD);
    },
  };
}

/** A flags value the call must refuse with EINVAL. */
function invalidFlags(name: string, description: string, flags: number, tags: string[] = ['timestamps', 'errors']): CaseDef {
  return {
    name, description, tags, tree: TREE,
    body: (f) => { f.expectErrno(f.call('fd_filestat_set_times', openFile(f, 'f.txt'), T_A, T_B, flags), 'inval'); },
  };
}

export default suite('fd_filestat_set_times', [
  // ── explicit values ────────────────────────────────────────────────────────────────
  explicitCase('set-mtim', 'MTIM sets mtim to the value given (nanoseconds)', 0n, T_B, MTIM, { mtim: T_B }, ['timestamps', 'basic']),
  explicitCase('set-atim', 'ATIM sets atim to the value given (nanoseconds)', T_A, 0n, ATIM, { atim: T_A }, ['timestamps', 'basic']),
  explicitCase('set-both', 'ATIM|MTIM sets both timestamps, each to its own value', T_A, T_B, ATIM | MTIM, { atim: T_A, mtim: T_B }),
  explicitCase('epoch-zero', 'mtim 0 (the epoch) is stored as 0', 0n, 0n, MTIM, { mtim: 0n }, ['timestamps', 'edge']),
  explicitCase('after-2038', 'a time in 2100 (beyond a 32-bit time_t) is stored exactly', 0n, T_2100, MTIM, { mtim: T_2100 }, ['timestamps', 'edge']),
  {
    name: 'nanoseconds-kept', tags: ['timestamps', 'edge'], tree: TREE,
    description: 'mtim keeps sub-microsecond nanoseconds (…123456500 ns)',
    spec: 'docs.md#timestamp', quote: 'Timestamp in nanoseconds.',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      setTimes(f, fd, 0n, T_NS, MTIM);
      checkStoredNs(f, 'mtim', stat64(f, filestat(f, fd), 'mtim'), T_NS);
    },
  },
  {
    name: 'mtim-only-keeps-atim', tags: ['timestamps'], tree: TREE,
    description: 'with only MTIM set, atim is unchanged and the atim argument ignored',
    spec: 'docs.md#fstflags',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      ageFile(f, fd);
      setTimes(f, fd, T_A, T_B, MTIM);
      checkStat(f, 'atim', filestat(f, fd), 'atim', T_OLD);
    },
  },
  {
    name: 'atim-only-keeps-mtim', tags: ['timestamps'], tree: TREE,
    description: 'with only ATIM set, mtim is unchanged and the mtim argument ignored',
    spec: 'docs.md#fstflags',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      ageFile(f, fd);
      setTimes(f, fd, T_A, T_B, ATIM);
      checkStat(f, 'mtim', filestat(f, fd), 'mtim', T_OLD);
    },
  },
  {
    name: 'no-flags-changes-nothing', tags: ['timestamps', 'edge'], tree: TREE,
    description: 'fst_flags 0 succeeds and leaves both timestamps as they were',
    spec: 'docs.md#fstflags', quote: 'A bitmask indicating which timestamps to adjust.',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      ageFile(f, fd);
      setTimes(f, fd, T_A, T_B, 0);
      const st = filestat(f, fd);
      checkStat(f, 'atim', st, 'atim', T_OLD);
      checkStat(f, 'mtim', st, 'mtim', T_OLD);
    },
  },

  // ── *_NOW ──────────────────────────────────────────────────────────────────────────
  nowCase('mtim-now', 'MTIM_NOW sets mtim to the realtime clock at the call', MTIM_NOW, ['mtim'], []),
  nowCase('atim-now', 'ATIM_NOW sets atim to the realtime clock at the call', ATIM_NOW, ['atim'], []),
  nowCase('both-now', 'ATIM_NOW|MTIM_NOW sets both timestamps to the realtime clock', ATIM_NOW | MTIM_NOW, ['atim', 'mtim'], []),
  nowCase('mtim-now-ignores-value', 'with MTIM_NOW the mtim argument is ignored: the time is now, not the value', MTIM_NOW, ['mtim'], [], { mtim: T_A }),
  nowCase('mtim-now-keeps-atim', 'MTIM_NOW alone leaves atim unchanged', MTIM_NOW, [], ['atim']),
  nowCase('atim-now-keeps-mtim', 'ATIM_NOW alone leaves mtim unchanged', ATIM_NOW, [], ['mtim']),
  nowCase('atim-now-with-explicit-mtim', 'ATIM_NOW|MTIM: atim becomes now, mtim the value given', ATIM_NOW | MTIM, ['atim'], ['mtim'], { mtim: T_B }),

  // ── invalid flags ──────────────────────────────────────────────────────────────────
  invalidFlags('atim-and-atim-now', 'ATIM together with ATIM_NOW is contradictory: EINVAL', ATIM | ATIM_NOW),
  invalidFlags('mtim-and-mtim-now', 'MTIM together with MTIM_NOW is contradictory: EINVAL', MTIM | MTIM_NOW),
  invalidFlags('unknown-flag-bit', 'a bit fstflags does not define (0x10) is refused with EINVAL', 0x10),
  {
    name: 'rejected-call-changes-nothing', tags: ['timestamps', 'errors'], tree: TREE,
    description: 'a call refused for MTIM|MTIM_NOW|ATIM leaves atim (a valid part) unchanged',
    body: (f) => {
      const fd = openFile(f, 'f.txt');
      ageFile(f, fd);
      f.expectErrno(f.call('fd_filestat_set_times', fd, T_A, T_B, ATIM | MTIM | MTIM_NOW), 'inval');
      checkStat(f, 'atim', filestat(f, fd), 'atim', T_OLD);
    },
  },

  // ── which file ─────────────────────────────────────────────────────────────────────
  {
    name: 'directory-fd', tags: ['timestamps'], tree: TREE, quote: QUOTE,
    description: 'a directory fd\'s timestamps can be set too',
    body: (f) => {
      const d = openDir(f, 'dir');
      setTimes(f, d, 0n, T_B, MTIM);
      checkStat(f, 'mtim', filestat(f, d), 'mtim', T_B);
    },
  },
  {
    name: 'preopen-fd', tags: ['timestamps'], tree: TREE, quote: QUOTE,
    description: 'the preopened directory\'s timestamps can be set',
    body: (f) => {
      const d = f.preopen();
      setTimes(f, d, T_A, 0n, ATIM);
      checkStat(f, 'atim', filestat(f, d), 'atim', T_A);
    },
  },
  {
    name: 'visible-by-path', tags: ['timestamps'], tree: TREE,
    description: 'the times belong to the file: path_filestat_get of its path reports them',
    body: (f) => {
      setTimes(f, openFile(f, 'f.txt'), 0n, T_B, MTIM);
      const p = f.str('f.txt');
      const st = f.alloc(64, 8);
      f.ok(f.call('path_filestat_get', f.preopen(), 0, p.ptr, p.len, st), 'path_filestat_get(f.txt)');
      checkStat(f, 'mtim', st, 'mtim', T_B);
    },
  },
  {
    name: 'through-symlink-sets-target', tags: ['timestamps', 'symlinks'], tree: TREE,
    description: 'an fd opened through a symlink (follow) sets the target file\'s times',
    body: (f) => {
      setTimes(f, openFile(f, 'ln', { dirflags: LOOKUP.symlink_follow }), 0n, T_B, MTIM);
      const p = f.str('f.txt');
      const st = f.alloc(64, 8);
      f.ok(f.call('path_filestat_get', f.preopen(), 0, p.ptr, p.len, st), 'path_filestat_get(f.txt)');
      checkStat(f, 'mtim', st, 'mtim', T_B);
    },
  },
  {
    name: 'read-only-fd', tags: ['timestamps', 'rights'], tree: TREE,
    description: 'the fd_filestat_set_times right suffices: a read-only fd can set times',
    spec: 'docs.md#rights.fd_filestat_set_times',
    body: (f) => {
      const fd = openFile(f, 'f.txt', { rights: rights('fd_read', 'fd_filestat_get', 'fd_filestat_set_times') });
      setTimes(f, fd, 0n, T_B, MTIM);
      checkStat(f, 'mtim', filestat(f, fd), 'mtim', T_B);
    },
  },

  // ── errors ─────────────────────────────────────────────────────────────────────────
  {
    name: 'bad-fd', tags: ['errors'], tree: TREE,
    description: 'an fd that is not open fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_filestat_set_times', UNOPENED_FD, T_A, T_B, ATIM | MTIM), 'badf'); },
  },
  {
    name: 'closed-fd', tags: ['errors'], tree: TREE,
    description: 'an fd that was closed fails with EBADF',
    body: (f) => { f.expectErrno(f.call('fd_filestat_set_times', closedFd(f, 'f.txt'), T_A, T_B, ATIM | MTIM), 'badf'); },
  },
  {
    name: 'missing-right', tags: ['errors', 'rights'], tree: TREE,
    description: 'an fd opened without the fd_filestat_set_times right fails with ENOTCAPABLE',
    spec: 'docs.md#rights.fd_filestat_set_times', quote: 'The right to invoke fd_filestat_set_times.',
    body: (f) => {
      const fd = openFile(f, 'f.txt', { rights: fileRightsWithout('fd_filestat_set_times') });
      f.expectErrno(f.call('fd_filestat_set_times', fd, T_A, T_B, ATIM | MTIM), 'notcapable', { accept: NO_RIGHT_ALTS });
    },
  },
] satisfies CaseDef[]);
