/**
 * Shared pieces of the path_* case tables (suites/path/): the accepted alternatives every family
 * of cases uses (docs/CHOICES.md), host-planted escape trees, and small builders for the checks
 * these cases repeat (stat a path, read a file back, check a name is gone).
 */
import type { AltErrno, Fixture } from '../dsl.js';
import { DEFAULT_OUTSIDE } from '../dsl.js';
import type { Tree, TreeEntry } from '../sidecar.js';
import { LOOKUP, OFLAGS, RIGHT_NAMES, rights, type ErrnoName } from '../spec.js';
import { EFAULT, RIGHTS_NOT_ENFORCED, missingRightAlts } from './fd-io.js';

export { EFAULT, RIGHTS_NOT_ENFORCED, missingRightAlts };

// ── accepted alternatives (docs/CHOICES.md) ─────────────────────────────────────────

/** Resolution would leave the preopen: ENOTCAPABLE is the primary, EPERM accepted. */
export const ESCAPE: AltErrno[] = [{ errno: 'perm', behaviour: 'EPERM for a sandbox escape (wasmtime, wazero)' }];
/** A NUL byte in a path: EINVAL is the primary. */
export const NUL_ALTS: AltErrno[] = [
  { errno: 'ilseq', behaviour: 'EILSEQ for a NUL byte in a path' },
  { errno: 'noent', behaviour: 'ENOENT for a NUL byte in a path' },
];
/** A trailing slash on a name that is not a directory: ENOTDIR is the primary. */
export const TRAILING_SLASH: AltErrno[] = [{ errno: 'noent', behaviour: 'ENOENT for a trailing slash on a non-directory' }];
/** An empty path: ENOENT (POSIX: it names nothing) is the primary. */
export const EMPTY_PATH: AltErrno[] = [{ errno: 'inval', behaviour: 'EINVAL for an empty path (uvwasi)' }];
/** A path_* call whose fd is an open regular file: ENOTDIR (POSIX *at) is the primary. */
export const FILE_AS_DIRFD: AltErrno[] = [
  { errno: 'badf', behaviour: 'EBADF: the fd is not a directory fd' },
  { errno: 'notcapable', behaviour: 'ENOTCAPABLE: a file fd has no path_* rights (uvwasi)' },
];

// ── rights ──────────────────────────────────────────────────────────────────────

/**
 * Every right except the socket ones: what a directory fd passes on to what is opened through
 * it. (Preopens need not hold sock_shutdown/sock_accept in their inheriting rights — uvwasi's
 * do not — and asking for more than the directory's inheriting rights is ENOTCAPABLE.)
 */
export const NON_SOCKET = rights(...RIGHT_NAMES.filter((r) => !r.startsWith('sock_')));
/** Rights that only apply to regular files (reading, writing, seeking, sizing). */
const FILE_ONLY = rights('fd_read', 'fd_write', 'fd_seek', 'fd_tell', 'fd_datasync', 'fd_allocate', 'fd_advise', 'fd_filestat_set_size');
/** The base rights a regular file is opened with by these cases. */
export const FILE_BASE = FILE_ONLY | rights('fd_fdstat_set_flags', 'fd_sync', 'fd_filestat_get', 'fd_filestat_set_times', 'poll_fd_readwrite');
/**
 * Base rights for opening a directory as a precondition: no file-only rights. (uvwasi opens the
 * host directory for writing when write rights are asked and fails with EISDIR; one path_open
 * case checks that rule, the others should not trip on it.)
 */
export const DIR_BASE = NON_SOCKET & ~FILE_ONLY;
/** What a directory fd opened as a precondition passes on. */
export const DIR_INHERITING = NON_SOCKET;

// ── trees ───────────────────────────────────────────────────────────────────────

/** The canary's path relative to the sandbox root (the runner puts `outside/` beside it). */
export const CANARY = '../outside/canary.txt';
export const CANARY_TEXT = DEFAULT_OUTSIDE['canary.txt'] as string;

/** A copy of the tree with every directory's keys sorted (stable sidecars, simple comparison). */
export function sorted(tree: Tree): Tree {
  const out: Tree = {};
  for (const name of Object.keys(tree).sort()) {
    const e: TreeEntry = tree[name]!;
    out[name] = typeof e === 'object' && !('symlink' in e) && !('encoding' in e) ? sorted(e as Tree) : e;
  }
  return out;
}

/** The default canary plus an empty directory and a symlink, for removals/readlinks outside. */
export const OUTSIDE_WITH_DIR: Tree = { ...DEFAULT_OUTSIDE, emptydir: {}, 'lnk': { symlink: 'canary.txt' } };

// ── builders ────────────────────────────────────────────────────────────────────

/** `[ptr, len]` of a path string in the data segment. */
export function p(f: Fixture, path: string): [number, number] {
  const s = f.str(path);
  return [s.ptr, s.len];
}

/** path_filestat_get as a precondition; returns the filestat buffer's address. */
export function stat(f: Fixture, path: string, opts: { follow?: boolean; dirfd?: string } = {}): number {
  const buf = f.alloc(f.abi.layouts.filestat.size, 8);
  f.ok(f.call('path_filestat_get', opts.dirfd ?? f.preopen(), opts.follow ? LOOKUP.symlink_follow : 0, ...p(f, path), buf), `path_filestat_get(${JSON.stringify(path)})`);
  return buf;
}

/** Check the filetype of what `path` names (printed as `key=<filetype>`). */
export function checkFiletype(f: Fixture, key: string, path: string, filetype: number, opts: { follow?: boolean; dirfd?: string } = {}): void {
  const buf = stat(f, path, opts);
  f.check(key, f.field(buf, 'filestat', 'filetype'), filetype, { what: `filetype of ${path}` });
}

/** Check that nothing is at `path` any more (path_filestat_get without following → ENOENT). */
export function checkGone(f: Fixture, key: string, path: string): void {
  f.expectErrno(f.call('path_filestat_get', f.preopen(), 0, ...p(f, path), f.alloc(f.abi.layouts.filestat.size, 8)), 'noent', { key, what: `${path} is gone` });
}

/** The errno of path_filestat_get on `path` (printed under `key`). */
export function expectStatErrno(f: Fixture, key: string, path: string, errno: ErrnoName, opts: { follow?: boolean; accept?: AltErrno[] } = {}): void {
  f.expectErrno(f.call('path_filestat_get', f.preopen(), opts.follow ? LOOKUP.symlink_follow : 0, ...p(f, path), f.alloc(f.abi.layouts.filestat.size, 8)), errno, { key, accept: opts.accept });
}

/** Read up to `max` bytes from an fd (one fd_read) and check them (printed as `key=<bytes>`). */
export function checkRead(f: Fixture, key: string, fd: string, expected: string, max = 64): void {
  const buf = f.alloc(max, 8);
  const nread = f.out32();
  f.ok(f.call('fd_read', fd, f.iovecs([[buf, max]]), 1, nread), 'fd_read');
  f.checkBytes(key, buf, f.u32(nread), expected);
}

type OpenOpts = Parameters<Fixture['open']>[1];

/** Open a regular file (a precondition) with the file rights, nothing inheritable. */
export function openFile(f: Fixture, path: string, opts: OpenOpts = {}): string {
  return f.open(path, { rights: FILE_BASE, inheriting: 0n, ...opts });
}

/** Open `path` (following symlinks) and check its content. */
export function checkContent(f: Fixture, key: string, path: string, expected: string, opts: { dirfd?: string } = {}): void {
  const fd = openFile(f, path, { dirflags: LOOKUP.symlink_follow, ...(opts.dirfd ? { dirfd: opts.dirfd } : {}) });
  checkRead(f, key, fd, expected);
}

/** Open a directory under the preopen (a precondition, O_DIRECTORY) and return its fd expression. */
export function openDirFd(f: Fixture, path: string, opts: { rights?: bigint; inheriting?: bigint } = {}): string {
  return f.open(path, { oflags: OFLAGS.directory, rights: opts.rights ?? DIR_BASE, inheriting: opts.inheriting ?? DIR_INHERITING });
}
