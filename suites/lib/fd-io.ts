/**
 * Shared pieces of the fd I/O tables (fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell,
 * fd_close, fd_renumber, fd_fdstat_*): sandbox trees, accepted alternatives named once, and the
 * precondition steps (open, write, seek, tell) the cases build on.
 */
import type { AltErrno, Fixture } from '../dsl.js';
import { OFLAGS, RIGHT_NAMES, rights, type RightName } from '../spec.js';
import type { Tree } from '../sidecar.js';

/** The file most cases read and write: ten distinct bytes, so every offset is visible. */
export const DIGITS = '0123456789';
/** A sandbox with the digits file, an empty file and an empty directory. */
export const TREE: Tree = { 'data.txt': DIGITS, dir: {}, 'empty.txt': '' };
/** `base` (default TREE) with some entries replaced or added (for `fs_after`), keys sorted. */
export const treeWith = (changes: Tree, base: Tree = TREE): Tree => sortTree({ ...base, ...changes });

function sortTree(t: Tree): Tree {
  return Object.fromEntries(Object.keys(t).sort().map((k) => [k, t[k]!]));
}

/** An fd number no runtime has open in a fresh instance (fds are allocated from 3 upward). */
export const UNOPENED_FD = 0x1234;

// ── accepted alternatives, one label each ──────────────────────────────────────────────

/** A bad guest pointer: the witx docs say trap; wazero returns EFAULT. */
export const EFAULT: AltErrno = { errno: 'fault', behaviour: 'EFAULT instead of a trap (wazero)' };
export const TRAP_ALTS = { accept: [EFAULT] };

/** An I/O call (read, write, seek, tell, pread, pwrite) on a directory fd: docs/CHOICES.md. */
export const DIR_FD_ALTS: AltErrno[] = [
  { errno: 'isdir', behaviour: 'EISDIR for file I/O on a directory fd (wazero, POSIX)' },
  { errno: 'notcapable', behaviour: 'ENOTCAPABLE: a directory fd lacks file I/O rights (uvwasi, WAMR)' },
];

/** Label of runtimes that track no rights: fdstat reports a fixed set per file type (docs/CHOICES.md). */
export const RIGHTS_NOT_TRACKED = 'rights not tracked: fdstat reports a fixed set for the file type (wasmtime, wazero)';

/** Label of runtimes that keep no rights: the call behaves as if the right were there. */
export const RIGHTS_NOT_ENFORCED = 'rights not enforced: the call proceeds (wasmtime, wazero)';

/**
 * A read or write on an fd opened without the matching right (docs/CHOICES.md): the primary is
 * ENOTCAPABLE; runtimes that derive the host open mode from the rights fail with EBADF; runtimes
 * without rights proceed.
 */
export function missingRightAlts(): AltErrno[] {
  return [
    { errno: 'badf', behaviour: 'EBADF: the host file was opened without that access mode (wasmtime, wazero)' },
    { errno: 'success', behaviour: RIGHTS_NOT_ENFORCED },
  ];
}

/** path_open with fdflags dsync / rsync / sync may fail with ENOTSUP (the fdflags docs allow it). */
export const syncFlagUnavailable = (flag: 'dsync' | 'rsync' | 'sync'): AltErrno =>
  ({ errno: 'notsup', behaviour: `ENOTSUP: fdflags.${flag} unavailable (allowed by the spec)` });

/** fd_fdstat_set_rights is a stub in some runtimes: docs/CHOICES.md. */
export const SET_RIGHTS_NOTSUP = 'fd_fdstat_set_rights unsupported: ENOTSUP, rights unchanged (wasmtime)';
export const SET_RIGHTS_NOSYS = 'fd_fdstat_set_rights not implemented: ENOSYS, rights unchanged (wazero)';
export const SET_RIGHTS_NOOP = 'fd_fdstat_set_rights accepted without effect: rights not tracked (wasmtime wasi-common)';

// ── rights sets ────────────────────────────────────────────────────────────────────────

/** Every right that applies to a regular file (what a file fd may carry). */
export const FILE_RIGHTS: RightName[] = [
  'fd_datasync', 'fd_read', 'fd_seek', 'fd_fdstat_set_flags', 'fd_sync', 'fd_tell', 'fd_write',
  'fd_advise', 'fd_allocate', 'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times',
  'poll_fd_readwrite',
];
/** All file rights except the named ones. */
export const fileRightsWithout = (...drop: RightName[]): bigint =>
  rights(...FILE_RIGHTS.filter((r) => !drop.includes(r)));

/** Every file right as one mask. */
export const ALL_FILE_RIGHTS = rights(...FILE_RIGHTS);
/**
 * The rights a directory opened for reading carries (as wasi-libc asks for them): everything
 * except the socket rights (uvwasi's preopen cannot pass those on, so asking fails) and the
 * write-side file rights (uvwasi opens the host directory for writing then, which fails EISDIR).
 */
const DIR_EXCLUDED: RightName[] = ['fd_write', 'fd_datasync', 'fd_allocate', 'fd_filestat_set_size', 'sock_shutdown', 'sock_accept'];
export const DIR_RIGHTS = rights(...RIGHT_NAMES.filter((r) => !DIR_EXCLUDED.includes(r)));
/** Every right except the socket ones: what a directory may pass on to files opened through it. */
export const DIR_INHERITING = rights(...RIGHT_NAMES.filter((r) => !r.startsWith('sock_')));

// ── precondition steps ─────────────────────────────────────────────────────────────────

type OpenOpts = Parameters<Fixture['open']>[1];

/** Open a regular file under the preopen with every file right (override with opts). */
export function openFile(f: Fixture, path: string, opts: OpenOpts = {}): string {
  return f.open(path, { rights: ALL_FILE_RIGHTS, inheriting: 0n, ...opts });
}

/** Open a directory under the preopen (O_DIRECTORY) with every directory right. */
export function openDir(f: Fixture, path: string, opts: OpenOpts = {}): string {
  return f.open(path, { oflags: OFLAGS.directory, rights: DIR_RIGHTS, inheriting: DIR_INHERITING, ...opts });
}

/** An fd that was open and has been closed (nothing opened after it). */
export function closedFd(f: Fixture, path = 'data.txt'): string {
  const fd = openFile(f, path);
  f.ok(f.call('fd_close', fd), 'fd_close');
  return fd;
}

/** Precondition: write `text` through fd_write (all of it). */
export function write(f: Fixture, fd: string, text: string): void {
  const { iovs, len } = f.ciovec(text);
  const n = f.out32();
  f.ok(f.call('fd_write', fd, iovs, 1, n), `fd_write(${JSON.stringify(text)})`);
  f.assertCond(`(i32.eq ${f.u32(n)} (i32.const ${len}))`, `setup: fd_write wrote all ${len} bytes; nwritten `, `(i64.extend_i32_u ${f.u32(n)})`);
}

/** Precondition: read exactly `len` bytes through fd_read; returns the buffer address. */
export function read(f: Fixture, fd: string, len: number): number {
  const buf = f.alloc(len, 1);
  const n = f.out32();
  f.ok(f.call('fd_read', fd, f.iovecs([[buf, len]]), 1, n), 'fd_read');
  f.assertCond(`(i32.eq ${f.u32(n)} (i32.const ${len}))`, `setup: fd_read returned all ${len} bytes; nread `, `(i64.extend_i32_u ${f.u32(n)})`);
  return buf;
}

/** Precondition: fd_seek(fd, offset, whence); whence by name, in this ABI's numbering. */
export function seek(f: Fixture, fd: string, offset: number | bigint, whence: 'set' | 'cur' | 'end' = 'set'): void {
  f.ok(f.call('fd_seek', fd, BigInt(offset), f.abi.whence[whence], f.out64()), `fd_seek(${offset}, ${whence})`);
}

/** fd_tell as a precondition; returns the offset as an i64 expression. */
export function tell(f: Fixture, fd: string): string {
  const out = f.out64();
  f.ok(f.call('fd_tell', fd, out), 'fd_tell');
  return f.u64(out);
}

/** Check the current offset of fd (via fd_tell) equals `expected`. */
export function checkOffset(f: Fixture, fd: string, expected: number, key = 'offset'): void {
  f.check(key, tell(f, fd), BigInt(expected), { what: 'fd_tell offset' });
}

/** Read up to `cap` bytes from a fresh fd on `path` and check they are `expected` (file content). */
export function checkFileContent(f: Fixture, path: string, expected: string, cap = 64): void {
  const fd = openFile(f, path);
  const buf = f.alloc(cap, 1);
  const n = f.out32();
  f.ok(f.call('fd_read', fd, f.iovecs([[buf, cap]]), 1, n), `fd_read(${path})`);
  f.checkBytes('content', buf, f.u32(n), expected);
}

/** fd_fdstat_get into a fresh buffer (a precondition); returns the buffer address. */
export function fdstat(f: Fixture, fd: string): number {
  const buf = f.alloc(24, 8);
  f.ok(f.call('fd_fdstat_get', fd, buf), 'fd_fdstat_get');
  return buf;
}

/** An i32 condition: the 64-bit rights mask at `addr` has `bit` set. */
export function hasRight(f: Fixture, addr: number, right: bigint): string {
  return `(i64.ne (i64.and ${f.u64(addr)} ${f.i64(right)}) (i64.const 0))`;
}

/**
 * Some runtimes move only the first non-empty iovec per call (a short transfer): docs/CHOICES.md.
 * Scatter/gather cases accept it under this label.
 */
export const FIRST_IOVEC_ONLY = 'short transfer: only the first non-empty iovec is used (wasmtime)';

/** An i32 condition: the bytes at `addr` are the UTF-8 bytes of `text` (inline, no helper). */
export function bytesEq(f: Fixture, addr: number, text: string): string {
  const bytes = new TextEncoder().encode(text);
  const parts: string[] = [];
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const word = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) | 0;
    parts.push(`(i32.eq ${f.u32(addr + i)} (i32.const ${word}))`);
  }
  for (; i < bytes.length; i++) parts.push(`(i32.eq ${f.u8(addr + i)} (i32.const ${bytes[i]}))`);
  return parts.length ? parts.reduce((a, b) => `(i32.and ${a} ${b})`) : '(i32.const 1)';
}

/**
 * Check the buffer at `addr` holds `text` (printed `key=1`), or, under the first-iovec-only
 * alternative, is still untouched (`key=0`; scratch starts zeroed).
 */
export function checkLaterIovec(f: Fixture, key: string, addr: number, text: string): void {
  f.check(key, bytesEq(f, addr, text), 1, { what: `${key} holds ${JSON.stringify(text)}`, accept: [{ value: 0, behaviour: FIRST_IOVEC_ONLY }] });
}
