/**
 * path_filestat_set_times: set atim/mtim of what a path names, per fstflags, following a final
 * symlink only with lookupflags.symlink_follow. Values are read back with path_filestat_get;
 * precision alternatives (microseconds, seconds) are labelled as in docs/CHOICES.md.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { FSTFLAGS, LOOKUP, right, type ErrnoName } from '../spec.js';
import {
  CANARY, DIR_BASE, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, NUL_ALTS, RIGHTS_NOT_ENFORCED, TRAILING_SLASH,
  openDirFd, openFile, p, sorted, stat,
} from '../lib/path.js';
import { T_2100, T_A, T_B, T_NS, T_OLD, checkNow, checkStoredNs, realtime } from '../lib/filestat.js';

const FOLLOW = LOOKUP.symlink_follow;
const { atim: ATIM, atim_now: ATIM_NOW, mtim: MTIM, mtim_now: MTIM_NOW } = FSTFLAGS;
const BOTH = ATIM | MTIM;
const T: Tree = { 'a.txt': 'hello', sub: { 'b.txt': 'bee' } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });

/** The call under test. */
function setCall(f: Fixture, path: string, atim: bigint, mtim: bigint, fst: number, o: { flags?: number; dirfd?: string } = {}): string {
  return f.call('path_filestat_set_times', o.dirfd ?? f.preopen(), o.flags ?? 0, ...p(f, path), atim, mtim, fst);
}

/** Precondition: both timestamps of `path` set to `t`. */
function preset(f: Fixture, path: string, t: bigint, flags = 0): void {
  f.ok(setCall(f, path, t, t, BOTH, { flags }), `path_filestat_set_times(${JSON.stringify(path)})`);
}

/** A timestamp field of what `path` names now (fresh path_filestat_get), as an i64 expression. */
function timeOf(f: Fixture, path: string, field: 'atim' | 'mtim', follow = false): string {
  return f.field(stat(f, path, { follow }), 'filestat', field);
}

/** Set one explicit value and read it back (checkStoredNs: nanoseconds, with precision alternatives). */
const setAndRead = (name: string, description: string, tags: string[], field: 'atim' | 'mtim', value: bigint, quote?: string, path = 'a.txt'): CaseDef => ({
  name, description, tags, tree: T, spec: `docs.md#fstflags.${field}`, ...(quote ? { quote } : {}),
  body: (f) => {
    f.expectSuccess(setCall(f, path, field === 'atim' ? value : 0n, field === 'mtim' ? value : 0n, field === 'atim' ? ATIM : MTIM));
    checkStoredNs(f, field, timeOf(f, path, field), value);
  },
});

interface ErrRow { name: string; description: string; tags: string[]; path: string; errno: ErrnoName; tree?: Tree; follow?: boolean; fst?: number; accept?: AltErrno[]; spec?: string }
const err = (r: ErrRow): CaseDef => ({
  name: r.name, description: r.description, tags: r.tags, tree: r.tree ?? T, fs_after: sorted(r.tree ?? T), ...(r.spec ? { spec: r.spec } : {}),
  body: (f) => { f.expectErrno(setCall(f, r.path, T_A, T_A, r.fst ?? BOTH, { flags: r.follow ? FOLLOW : 0 }), r.errno, { accept: r.accept }); },
});
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef =>
  err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', ...(r.tags ?? [])] });

export default suite('path_filestat_set_times', [
  setAndRead('set-mtim-nanoseconds', 'fstflags.mtim stores the given mtim, to the nanosecond', ['timestamps', 'basic'], 'mtim', T_NS,
    'Adjust the last data modification timestamp to the value stored in filestat::mtim.'),
  setAndRead('set-atim-nanoseconds', 'fstflags.atim stores the given atim, to the nanosecond', ['timestamps', 'basic'], 'atim', T_NS,
    'Adjust the last data access timestamp to the value stored in filestat::atim.'),
  setAndRead('set-mtim-after-2038', 'an mtim after 2038 (beyond 32-bit time_t) is stored', ['timestamps', 'edge'], 'mtim', T_2100),
  setAndRead('set-mtim-epoch-zero', 'an mtim of 0 (the epoch) is stored as 0, not taken as "unset"', ['timestamps', 'edge'], 'mtim', 0n),
  setAndRead('set-times-of-directory', 'the timestamps of a directory can be set through its path', ['timestamps'], 'mtim', T_A, undefined, 'sub'),
  setAndRead('set-times-of-dot', '"." sets the timestamps of the fd\'s own directory', ['timestamps', 'edge'], 'mtim', T_A, undefined, '.'),
  setAndRead('set-times-in-subdirectory', 'a file in a subdirectory is reached through the path', ['timestamps'], 'mtim', T_A, undefined, 'sub/b.txt'),
  {
    name: 'set-both', tags: ['timestamps', 'basic'], tree: T, spec: 'docs.md#fstflags',
    description: 'atim|mtim sets both timestamps to their own values in one call',
    body: (f) => {
      f.expectSuccess(setCall(f, 'a.txt', T_A, T_B, BOTH));
      const buf = stat(f, 'a.txt');
      f.check('atim', f.field(buf, 'filestat', 'atim'), T_A);
      f.check('mtim', f.field(buf, 'filestat', 'mtim'), T_B);
    },
  },
  {
    name: 'mtim-only-leaves-atim', tags: ['timestamps'], tree: T, spec: 'docs.md#path_filestat_set_times.fst_flags',
    description: 'with only fstflags.mtim the atim stays as it was',
    quote: 'A bitmask indicating which timestamps to adjust.',
    body: (f) => {
      preset(f, 'a.txt', T_A);
      f.expectSuccess(setCall(f, 'a.txt', T_B, T_B, MTIM));
      f.check('atim', timeOf(f, 'a.txt', 'atim'), T_A);
    },
  },
  {
    name: 'atim-only-leaves-mtim', tags: ['timestamps'], tree: T, spec: 'docs.md#path_filestat_set_times.fst_flags',
    description: 'with only fstflags.atim the mtim stays as it was',
    quote: 'A bitmask indicating which timestamps to adjust.',
    body: (f) => {
      preset(f, 'a.txt', T_A);
      f.expectSuccess(setCall(f, 'a.txt', T_B, T_B, ATIM));
      f.check('mtim', timeOf(f, 'a.txt', 'mtim'), T_A);
    },
  },
  {
    name: 'no-flags-changes-nothing', tags: ['timestamps', 'edge'], tree: T, spec: 'docs.md#path_filestat_set_times.fst_flags',
    description: 'fst_flags 0 succeeds and leaves both timestamps as they were',
    body: (f) => {
      preset(f, 'a.txt', T_A);
      f.expectSuccess(setCall(f, 'a.txt', T_B, T_B, 0));
      const buf = stat(f, 'a.txt');
      f.check('atim', f.field(buf, 'filestat', 'atim'), T_A);
      f.check('mtim', f.field(buf, 'filestat', 'mtim'), T_A);
    },
  },
  ...(['mtim', 'atim'] as const).map((field): CaseDef => ({
    name: `${field}-now`, tags: ['timestamps', 'clocks'], tree: T, spec: `docs.md#fstflags.${field}_now`,
    description: `fstflags.${field}_now sets ${field} to the realtime clock's current time`,
    quote: `Adjust the last data ${field === 'mtim' ? 'modification' : 'access'} timestamp to the time of clock clockid::realtime.`,
    body: (f) => {
      preset(f, 'a.txt', T_OLD);
      const before = realtime(f);
      f.expectSuccess(setCall(f, 'a.txt', 0n, 0n, field === 'mtim' ? MTIM_NOW : ATIM_NOW));
      const after = realtime(f);
      checkNow(f, `${field}_is_now`, timeOf(f, 'a.txt', field), before, after);
    },
  })),
  {
    name: 'follow-sets-symlink-target', tags: ['timestamps', 'symlinks'], tree: withT({ ln: { symlink: 'a.txt' } }), spec: 'docs.md#lookupflags.symlink_follow',
    description: 'with symlink_follow the target file\'s timestamps are set',
    quote: 'As long as the resolved path corresponds to a symbolic link, it is expanded.',
    body: (f) => {
      f.expectSuccess(setCall(f, 'ln', T_A, T_A, BOTH, { flags: FOLLOW }));
      f.check('target_mtim', timeOf(f, 'a.txt', 'mtim'), T_A);
    },
  },
  {
    name: 'nofollow-sets-the-link-itself', tags: ['timestamps', 'symlinks'], tree: withT({ ln: { symlink: 'a.txt' } }), spec: 'docs.md#lookupflags.symlink_follow',
    description: 'without symlink_follow the symlink\'s own mtim is set and its target is left alone',
    body: (f) => {
      preset(f, 'a.txt', T_OLD);
      f.expectSuccess(setCall(f, 'ln', T_A, T_A, BOTH));
      f.check('link_mtim', timeOf(f, 'ln', 'mtim'), T_A);
      f.check('target_mtim', timeOf(f, 'a.txt', 'mtim'), T_OLD);
    },
  },
  {
    name: 'needs-path-filestat-set-times-right', tags: ['rights', 'errors', 'timestamps'], tree: T, spec: 'docs.md#rights.path_filestat_set_times',
    description: 'through a directory fd without path_filestat_set_times the call fails with ENOTCAPABLE',
    quote: 'The right to invoke path_filestat_set_times.',
    body: (f) => {
      const sub = openDirFd(f, 'sub', { rights: DIR_BASE & ~right('path_filestat_set_times') });
      f.expectErrno(setCall(f, 'b.txt', T_A, T_A, BOTH, { dirfd: sub }), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    },
  },
  // invalid fstflags
  err({ name: 'atim-with-atim-now', tags: ['errors', 'timestamps'], path: 'a.txt', fst: ATIM | ATIM_NOW, errno: 'inval', spec: 'docs.md#fstflags',
    description: 'fstflags.atim together with atim_now is contradictory: EINVAL' }),
  err({ name: 'mtim-with-mtim-now', tags: ['errors', 'timestamps'], path: 'a.txt', fst: MTIM | MTIM_NOW, errno: 'inval', spec: 'docs.md#fstflags',
    description: 'fstflags.mtim together with mtim_now is contradictory: EINVAL' }),
  err({ name: 'unknown-fstflags-bit', tags: ['errors', 'timestamps'], path: 'a.txt', fst: 0x10, errno: 'inval', spec: 'docs.md#fstflags',
    description: 'an fstflags bit the spec does not define fails with EINVAL' }),
  // path errors
  err({ name: 'missing-file', tags: ['errors'], path: 'nope', errno: 'noent', description: 'a name that does not exist fails with ENOENT (nothing is created)' }),
  err({ name: 'missing-parent', tags: ['errors'], path: 'nope/a.txt', errno: 'noent', description: 'a missing intermediate directory fails with ENOENT' }),
  err({ name: 'file-as-directory-component', tags: ['errors'], path: 'a.txt/x', errno: 'notdir', description: 'a regular file used as a directory component fails with ENOTDIR' }),
  err({ name: 'trailing-slash-on-file', tags: ['errors', 'edge'], path: 'a.txt/', errno: 'notdir', accept: TRAILING_SLASH, description: '"a.txt/" (trailing slash on a regular file) fails with ENOTDIR' }),
  err({ name: 'empty-path', tags: ['errors', 'edge'], path: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty path fails with ENOENT' }),
  err({ name: 'nul-in-path', tags: ['errors', 'edge'], path: 'a.txt\0x', errno: 'inval', accept: NUL_ALTS, description: 'a NUL byte in the path fails with EINVAL, never touches "a.txt"' }),
  err({ name: 'dangling-symlink-with-follow', tags: ['errors', 'symlinks'], tree: withT({ dang: { symlink: 'nope' } }), path: 'dang', follow: true, errno: 'noent',
    spec: 'docs.md#lookupflags.symlink_follow', description: 'following a dangling symlink fails with ENOENT and creates nothing' }),
  err({ name: 'symlink-loop-with-follow', tags: ['errors', 'symlinks'], tree: withT({ l1: { symlink: 'l2' }, l2: { symlink: 'l1' } }), path: 'l1', follow: true, errno: 'loop',
    spec: 'docs.md#lookupflags.symlink_follow', description: 'following a two-link cycle fails with ELOOP' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors'], tree: T,
    description: 'path_filestat_set_times relative to a regular-file fd fails with ENOTDIR',
    body: (f) => { f.expectErrno(setCall(f, 'x', T_A, T_A, BOTH, { dirfd: openFile(f, 'a.txt') }), 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors'], tree: T,
    description: 'a path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_filestat_set_times', f.preopen(), 0, f.memEnd - 2, 8, T_A, T_A, BOTH), { accept: [EFAULT] }),
  },
  // sandbox
  escape({ name: 'escape-dotdot', path: '..', description: '".." from the preopen root is refused (the host directory above keeps its times)' }),
  escape({ name: 'escape-dotdot-to-canary', path: CANARY, description: '"../outside/canary.txt" is refused' }),
  escape({ name: 'escape-dotdot-chain-from-subdir', path: 'sub/../../outside/canary.txt', description: '"sub/../../outside/canary.txt" leaves the preopen and is refused' }),
  escape({ name: 'absolute-path', path: '/sandbox/a.txt', description: 'an absolute path is refused, even under the preopen\'s own guest name' }),
  escape({ name: 'planted-symlink-to-canary-followed', tree: withT({ esc: { symlink: CANARY } }), path: 'esc', follow: true, tags: ['symlinks'],
    description: 'following a planted symlink to ../outside/canary.txt is refused' }),
  escape({ name: 'planted-symlink-dir-in-middle', tree: withT({ outdir: { symlink: '../outside' } }), path: 'outdir/canary.txt', tags: ['symlinks'],
    description: 'a middle component that is a planted symlink to ../outside is refused' }),
  // the absolute target does not exist on the host: a runtime that lets the host follow it fails without side effects
  escape({ name: 'planted-absolute-symlink-followed', tree: withT({ abs: { symlink: '/wasi-conformance-absent' } }), path: 'abs', follow: true, tags: ['symlinks'],
    description: 'following a planted symlink with an absolute target is refused' }),
]);
