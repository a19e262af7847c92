/**
 * path_open, more cases: rights inheritance through two directory levels (a right missing from a
 * directory's inheriting rights is missing below it too, and a file opened without it cannot
 * use it), an undefined fdflags bit, `..` after a symlink resolved physically (POSIX, not
 * lexically), and a directory swapped for a symlink that points out of the sandbox after an fd
 * was opened on it (canary checked). Undefined lookupflags bits and path lengths past memory:
 * suites/cross/path-args.ts.
 */
import { suite, type CaseDef } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { OFLAGS, right, rights } from '../spec.js';
import {
  CANARY, DIR_BASE, DIR_INHERITING, ESCAPE, FILE_BASE, RIGHTS_NOT_ENFORCED, checkRead, missingRightAlts, openDirFd,
  p, sorted,
} from '../lib/path.js';

const T: Tree = sorted({ 'a.txt': 'hello', sub: { 'b.txt': 'bee', inner: { 'c.txt': 'sea' } } });
const NO_WRITE = DIR_INHERITING & ~right('fd_write');
const INHERITING_QUOTE = 'Maximum set of rights that may be installed on new file descriptors that are created through this file descriptor, e.g., through `path_open`.';

/** path_open(dirfd, path, oflags, base, inheriting) as an expression; the fd lands in `out`. */
const open = (f: Parameters<CaseDef['body']>[0], dirfd: string, path: string, o: { oflags?: number; dirflags?: number; base?: bigint; inheriting?: bigint; fdflags?: number } = {}, out = f.out32()): string =>
  f.call('path_open', dirfd, o.dirflags ?? 0, ...p(f, path), o.oflags ?? 0, o.base ?? FILE_BASE, o.inheriting ?? 0n, o.fdflags ?? 0, out);

/** The tree after a directory `sub` was moved to `sub2` and the escaping symlink `esc` to `sub`. */
const SWAP_TREE: Tree = sorted({ 'a.txt': 'hello', esc: { symlink: '../outside' }, sub: { 'b.txt': 'bee' } });
const SWAPPED: Tree = sorted({ 'a.txt': 'hello', sub: { symlink: '../outside' }, sub2: { 'b.txt': 'bee' } });

/** Open a dir fd on `sub`, then swap `sub` for the escaping symlink; returns the dir fd. */
function swapAfterOpen(f: Parameters<CaseDef['body']>[0]): string {
  const sub = openDirFd(f, 'sub');
  const pre = f.preopen();
  f.ok(f.call('path_rename', pre, ...p(f, 'sub'), pre, ...p(f, 'sub2')), 'path_rename(sub, sub2)');
  f.ok(f.call('path_rename', pre, ...p(f, 'esc'), pre, ...p(f, 'sub')), 'path_rename(esc, sub): a symlink to ../outside');
  return sub;
}

export default suite('path_open', [
  // ── rights inheritance ─────────────────────────────────────────────────────────────
  {
    name: 'inheriting-limits-subdirectory-inheriting', tags: ['rights', 'security'], tree: T, fs_after: T,
    spec: 'docs.md#fdstat.fs_rights_inheriting', quote: INHERITING_QUOTE,
    description: 'a directory opened through one lacking inheriting fd_write cannot ask fd_write as inheriting',
    body: (f) => {
      const sub = openDirFd(f, 'sub', { inheriting: NO_WRITE });
      f.expectErrno(open(f, sub, 'inner', { oflags: OFLAGS.directory, base: DIR_BASE, inheriting: DIR_INHERITING }), 'notcapable',
        { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    },
  },
  {
    name: 'inheriting-limits-two-levels-down', tags: ['rights', 'security'], tree: T, fs_after: T,
    spec: 'docs.md#fdstat.fs_rights_inheriting', quote: INHERITING_QUOTE,
    description: 'fd_write left out of a directory\'s inheriting rights cannot be asked for two levels below it',
    body: (f) => {
      const sub = openDirFd(f, 'sub', { inheriting: NO_WRITE });
      const innerOut = f.out32();
      f.ok(open(f, sub, 'inner', { oflags: OFLAGS.directory, base: DIR_BASE, inheriting: NO_WRITE }, innerOut), 'path_open(inner) with the narrowed inheriting rights');
      f.expectErrno(open(f, f.u32(innerOut), 'c.txt', { base: rights('fd_read', 'fd_write') }), 'notcapable',
        { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
    },
  },
  {
    name: 'file-below-narrowed-directory-cannot-write', tags: ['rights', 'security'], tree: T, fs_after: T,
    spec: 'docs.md#fdstat.fs_rights_inheriting', quote: INHERITING_QUOTE,
    description: 'a file opened through a directory lacking inheriting fd_write gets no fd_write: writes fail',
    body: (f) => {
      const sub = openDirFd(f, 'sub', { inheriting: NO_WRITE });
      const out = f.out32();
      f.ok(open(f, sub, 'b.txt', { base: FILE_BASE & NO_WRITE }, out), 'path_open(b.txt) with every allowed file right');
      f.expectErrno(f.call('fd_write', f.u32(out), f.ciovec('X').iovs, 1, f.out32()), 'notcapable', { accept: missingRightAlts() });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, sorted({ ...T, sub: { 'b.txt': 'Xee', inner: { 'c.txt': 'sea' } } }));
    },
  },

  // ── argument validation ────────────────────────────────────────────────────────────
  {
    name: 'unknown-fdflags-bit', tags: ['errors'], tree: T, fs_after: T, spec: 'docs.md#fdflags',
    description: 'an fdflags bit the spec does not define (0x20) fails with EINVAL',
    body: (f) => { f.expectErrno(open(f, f.preopen(), 'a.txt', { fdflags: 0x20 }), 'inval'); },
  },

  // ── resolution ─────────────────────────────────────────────────────────────────────
  {
    name: 'dotdot-after-symlink-is-physical', tags: ['symlinks', 'sandbox', 'edge'], spec: 'docs.md#path_open.path',
    tree: sorted({ 'b.txt': 'root', sub: { 'b.txt': 'bee', inner: {} }, deep: { symlink: 'sub/inner' } }),
    fs_after: sorted({ 'b.txt': 'root', sub: { 'b.txt': 'bee', inner: {} }, deep: { symlink: 'sub/inner' } }),
    quote: 'Note: This is similar to `openat` in POSIX.',
    description: '"deep/../b.txt" with deep -> sub/inner opens sub/b.txt: ".." leaves the link\'s target (POSIX)',
    body: (f) => {
      const out = f.out32();
      f.expectSuccess(open(f, f.preopen(), 'deep/../b.txt', {}, out));
      checkRead(f, 'content', f.u32(out), 'bee');
    },
  },

  // ── a directory swapped for a symlink pointing out ───────────────────────────────────
  {
    name: 'dir-fd-survives-swap-to-escaping-symlink', tags: ['sandbox', 'security', 'symlinks'], tree: SWAP_TREE, fs_after: SWAPPED,
    description: 'a dir fd keeps naming its directory after the name becomes a symlink to ../outside',
    body: (f) => {
      const sub = swapAfterOpen(f);
      const out = f.out32();
      f.expectSuccess(open(f, sub, 'b.txt', {}, out));
      checkRead(f, 'content', f.u32(out), 'bee');
    },
  },
  {
    name: 'dir-fd-after-swap-cannot-reach-outside', tags: ['sandbox', 'security', 'symlinks'], tree: SWAP_TREE, fs_after: SWAPPED,
    description: 'after the swap, "canary.txt" (trunc) through the old dir fd is not the canary outside: ENOENT',
    body: (f) => {
      const sub = swapAfterOpen(f);
      f.expectErrno(open(f, sub, 'canary.txt', { oflags: OFLAGS.trunc }), 'noent', {
        accept: [{ errno: 'notcapable', behaviour: 'ENOTCAPABLE: the fd\'s path is re-resolved and the escape refused (safe)' },
          { errno: 'perm', behaviour: 'EPERM: the fd\'s path is re-resolved and the escape refused (safe)' }],
      });
    },
  },
  {
    name: 'swapped-in-escaping-symlink-refused', tags: ['sandbox', 'security', 'symlinks'], tree: SWAP_TREE, fs_after: SWAPPED,
    description: 'after the swap, "sub/canary.txt" (trunc) from the preopen is refused: sub now leads out',
    body: (f) => {
      swapAfterOpen(f);
      f.expectErrno(open(f, f.preopen(), 'sub/canary.txt', { oflags: OFLAGS.trunc }), 'notcapable', { accept: ESCAPE });
    },
  },
  {
    name: 'escape-canary-through-dotdot-after-symlink', tags: ['sandbox', 'security', 'symlinks'],
    tree: sorted({ 'a.txt': 'hello', sub: { inner: {} }, deep: { symlink: 'sub/inner' } }),
    fs_after: sorted({ 'a.txt': 'hello', sub: { inner: {} }, deep: { symlink: 'sub/inner' } }),
    description: '"deep/../../../outside/canary.txt" climbs out of the preopen: refused, canary intact',
    body: (f) => { f.expectErrno(open(f, f.preopen(), `deep/../../../${CANARY.slice(3)}`, { oflags: OFLAGS.trunc }), 'notcapable', { accept: ESCAPE }); },
  },
]);
