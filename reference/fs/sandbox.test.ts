/**
 * The sandboxed path operations (sandbox.ts over resolve.ts), one table run on both backends.
 * Every row also checks that the canary tree outside the sandbox is unchanged, and rows that
 * fail check that the sandbox itself is unchanged.
 */
import { errnoName, filetype } from '../abi.js';
import { WasiError } from '../errors.js';
import { BACKENDS, CANARY } from '../../test/helpers/fs-backends.js';
import { sortTree } from '../../test/helpers/host-tree.js';
import type { Tree } from '../../suites/sidecar.js';
import * as ops from './sandbox.js';
import { MAX_SYMLINKS } from './resolve.js';
import type { FsDir } from './types.js';

const BASE: Tree = {
  'a.txt': 'hello',
  sub: { 'b.txt': 'bee', deep: {} },
  empty: {},
  ln: { symlink: 'a.txt' },
  lnsub: { symlink: 'sub' },
  dangling: { symlink: 'missing' },
};

const text = new TextEncoder();
const RW = { follow: true, create: false, exclusive: false, truncate: false, directory: false, read: true, write: true };
const RO = { ...RW, write: false };

interface Row {
  name: string;
  tree?: Tree;
  op: (root: FsDir) => unknown;
  /** errno name the op fails with; absent = success. */
  errno?: string;
  /** The value the op returns (checked with toEqual when given). */
  value?: unknown;
  /** The sandbox afterwards (default: unchanged). */
  after?: Tree;
}

const statType = (root: FsDir, p: string, follow = true): number => ops.statPath(root, p, follow).filetype;
const readAll = (root: FsDir, p: string): string => {
  const o = ops.openPath(root, p, RO);
  if (o.kind !== 'file') throw new Error('not a file');
  const buf = new Uint8Array(100);
  const n = o.file.read(buf, 0n);
  o.file.close();
  return new TextDecoder().decode(buf.subarray(0, n));
};
const writeAt = (root: FsDir, p: string, s: string, extra: Partial<typeof RW> = {}): void => {
  const o = ops.openPath(root, p, { ...RW, ...extra });
  if (o.kind !== 'file') throw new Error('not a file');
  o.file.write(text.encode(s), 0n);
  o.file.close();
};

const ROWS: Row[] = [
  // --- resolution ------------------------------------------------------------------------
  { name: 'stat a file', op: (r) => statType(r, 'a.txt'), value: filetype.regular_file },
  { name: 'stat follows a symlink when asked', op: (r) => ops.statPath(r, 'ln', true).size, value: 5n },
  { name: 'stat without follow sees the symlink', op: (r) => statType(r, 'ln', false), value: filetype.symbolic_link },
  { name: 'symlink size is its target length', op: (r) => ops.statPath(r, 'lnsub', false).size, value: 3n },
  { name: 'intermediate symlink to a directory is followed', op: (r) => statType(r, 'lnsub/b.txt', false), value: filetype.regular_file },
  { name: '. and .. inside the sandbox', op: (r) => statType(r, './sub/deep/../b.txt'), value: filetype.regular_file },
  { name: 'repeated slashes collapse', op: (r) => statType(r, 'sub//b.txt'), value: filetype.regular_file },
  { name: '. names the directory itself', op: (r) => statType(r, '.'), value: filetype.directory },
  { name: 'sub/.. names the root', op: (r) => statType(r, 'sub/..'), value: filetype.directory },
  { name: 'empty path is ENOENT', op: (r) => statType(r, ''), errno: 'noent' },
  { name: 'NUL in a path is EINVAL', op: (r) => statType(r, 'a.txt\0junk'), errno: 'inval' },
  { name: 'missing file is ENOENT', op: (r) => statType(r, 'nope'), errno: 'noent' },
  { name: 'missing directory on the way is ENOENT', op: (r) => statType(r, 'nope/x'), errno: 'noent' },
  { name: 'file used as a directory is ENOTDIR', op: (r) => statType(r, 'a.txt/x'), errno: 'notdir' },
  { name: 'trailing slash on a file is ENOTDIR', op: (r) => statType(r, 'a.txt/'), errno: 'notdir' },
  { name: 'trailing slash on a directory is fine', op: (r) => statType(r, 'sub/'), value: filetype.directory },
  { name: 'trailing slash follows a symlink to a directory', op: (r) => statType(r, 'lnsub/', false), value: filetype.directory },
  { name: 'dangling symlink followed is ENOENT', op: (r) => statType(r, 'dangling'), errno: 'noent' },
  { name: 'symlink chain is followed', tree: { ...BASE, l1: { symlink: 'l2' }, l2: { symlink: 'ln' } }, op: (r) => ops.statPath(r, 'l1', true).size, value: 5n },
  { name: 'symlink loop is ELOOP', tree: { l1: { symlink: 'l2' }, l2: { symlink: 'l1' } }, op: (r) => statType(r, 'l1'), errno: 'loop' },
  { name: 'self loop is ELOOP', tree: { me: { symlink: 'me' } }, op: (r) => statType(r, 'me/x', false), errno: 'loop' },
  {
    name: `a chain of ${MAX_SYMLINKS} links resolves, one more is ELOOP`,
    tree: Object.fromEntries([['t', 'x'], ...Array.from({ length: MAX_SYMLINKS + 1 }, (_, i) => [`c${i}`, { symlink: i === 0 ? 't' : `c${i - 1}` }])]),
    op: (r) => [statType(r, `c${MAX_SYMLINKS - 1}`), (() => { try { return statType(r, `c${MAX_SYMLINKS}`); } catch (e) { return errnoName((e as WasiError).errno); } })()],
    value: [filetype.regular_file, 'loop'],
  },
  { name: 'symlink target with .. inside the sandbox', tree: { ...BASE, up: { symlink: 'sub/../a.txt' } }, op: (r) => readAll(r, 'up'), value: 'hello' },
  { name: 'symlink in a subdirectory resolves relative to it', tree: { ...BASE, sub: { back: { symlink: '../a.txt' } } }, op: (r) => readAll(r, 'sub/back'), value: 'hello' },

  // --- escapes -----------------------------------------------------------------------------
  { name: 'escape: .. from the root', op: (r) => statType(r, '..'), errno: 'notcapable' },
  { name: 'escape: ../outside/canary.txt', op: (r) => readAll(r, '../outside/canary.txt'), errno: 'notcapable' },
  { name: 'escape: sub/../../outside', op: (r) => statType(r, 'sub/../../outside'), errno: 'notcapable' },
  { name: 'escape: absolute path', op: (r) => statType(r, '/etc/passwd'), errno: 'notcapable' },
  { name: 'escape: write through ..', op: (r) => writeAt(r, '../outside/canary.txt', 'pwned', { truncate: true }), errno: 'notcapable' },
  { name: 'escape: create through ..', op: (r) => writeAt(r, '../outside/new.txt', 'pwned', { create: true }), errno: 'notcapable' },
  { name: 'escape: relative symlink out', tree: { out: { symlink: '../outside/canary.txt' } }, op: (r) => writeAt(r, 'out', 'pwned', { truncate: true }), errno: 'notcapable' },
  { name: 'escape: absolute symlink out', tree: { out: { symlink: '@OUTSIDE@/canary.txt' } }, op: (r) => writeAt(r, 'out', 'pwned', { truncate: true }), errno: 'notcapable' },
  { name: 'escape: absolute symlink to a directory, used on the way', tree: { out: { symlink: '@OUTSIDE@' } }, op: (r) => ops.unlinkPath(r, 'out/canary.txt'), errno: 'notcapable' },
  { name: 'escape: relative symlink to a directory, used on the way', tree: { out: { symlink: '..' } }, op: (r) => ops.unlinkPath(r, 'out/outside/canary.txt'), errno: 'notcapable' },
  { name: 'escape: symlink chain leading out', tree: { s1: { symlink: 'sub/s2' }, sub: { s2: { symlink: '../../outside/canary.txt' } } }, op: (r) => writeAt(r, 's1', 'x', { truncate: true }), errno: 'notcapable' },
  { name: 'escape: symlink from a subdirectory leading out', tree: { sub: { s: { symlink: '../../outside' } } }, op: (r) => ops.mkdirPath(r, 'sub/s/newdir'), errno: 'notcapable' },
  { name: 'escape: dangling symlink out, created through', tree: { out: { symlink: '../outside/created.txt' } }, op: (r) => writeAt(r, 'out', 'x', { create: true }), errno: 'notcapable' },
  { name: 'escape: hard link to a file outside', op: (r) => ops.linkPath(r, '../outside/canary.txt', false, r, 'stolen'), errno: 'notcapable' },
  { name: 'escape: hard link placed outside', op: (r) => ops.linkPath(r, 'a.txt', false, r, '../outside/planted'), errno: 'notcapable', tree: BASE },
  { name: 'escape: hard link following a symlink out', tree: { out: { symlink: '../outside/canary.txt' } }, op: (r) => ops.linkPath(r, 'out', true, r, 'stolen'), errno: 'notcapable' },
  { name: 'escape: rename a file out', op: (r) => ops.renamePath(r, 'a.txt', r, '../outside/a.txt'), errno: 'notcapable', tree: BASE },
  { name: 'escape: rename the canary in', op: (r) => ops.renamePath(r, '../outside/canary.txt', r, 'got'), errno: 'notcapable' },
  { name: 'escape: unlink outside', op: (r) => ops.unlinkPath(r, '../outside/canary.txt'), errno: 'notcapable' },
  { name: 'escape: rmdir outside', op: (r) => ops.rmdirPath(r, '../outside/dir'), errno: 'notcapable' },
  { name: 'escape: set times outside', op: (r) => ops.setTimesPath(r, '../outside/canary.txt', true, { mtim: 0n }), errno: 'notcapable' },
  { name: 'escape: set times through a symlink out', tree: { out: { symlink: '../outside/canary.txt' } }, op: (r) => ops.setTimesPath(r, 'out', true, { mtim: 0n }), errno: 'notcapable' },
  { name: 'escape: readlink outside', op: (r) => ops.readlinkPath(r, '../outside/canary.txt'), errno: 'notcapable' },
  { name: 'escape: creating an absolute symlink is refused', op: (r) => ops.symlinkPath('/etc/passwd', r, 'abs'), errno: 'notcapable' },
  { name: 'escape: a symlink pointing out may be created but not followed', op: (r) => { ops.symlinkPath('../outside/canary.txt', r, 'rel'); return ops.statPath(r, 'rel', true); }, errno: 'notcapable', after: { rel: { symlink: '../outside/canary.txt' } }, tree: {} },
  { name: 'escape: no-follow stat of an outward symlink is allowed', tree: { out: { symlink: '../outside/canary.txt' } }, op: (r) => statType(r, 'out', false), value: filetype.symbolic_link },

  // --- open --------------------------------------------------------------------------------
  { name: 'open reads a file', op: (r) => readAll(r, 'a.txt'), value: 'hello' },
  { name: 'open a directory gives a directory', op: (r) => ops.openPath(r, 'sub', RO).kind, value: 'dir' },
  { name: 'open . gives the directory', op: (r) => ops.openPath(r, '.', RO).kind, value: 'dir' },
  { name: 'open a directory with write intent opens the directory', op: (r) => ops.openPath(r, 'sub', RW).kind, value: 'dir' },
  { name: 'open a directory with truncate is EISDIR', op: (r) => ops.openPath(r, 'sub', { ...RO, truncate: true }), errno: 'isdir' },
  { name: 'a retained directory keeps naming it after a rename and a symlink swap', tree: { sub: { 'b.txt': 'bee' } }, op: (r) => {
    const o = ops.openPath(r, 'sub', RO);
    if (o.kind !== 'dir') throw new Error('not a dir');
    ops.renamePath(r, 'sub', r, 'sub2');
    ops.symlinkPath('../outside', r, 'sub');
    const s = ops.statPath(o.dir, 'b.txt', false).size;
    o.dir.close();
    return s;
  }, value: 3n, after: { sub: { symlink: '../outside' }, sub2: { 'b.txt': 'bee' } } },
  { name: 'open with directory flag on a file is ENOTDIR', op: (r) => ops.openPath(r, 'a.txt', { ...RO, directory: true }), errno: 'notdir' },
  { name: 'open a symlink without follow is ELOOP', op: (r) => ops.openPath(r, 'ln', { ...RO, follow: false }), errno: 'loop' },
  { name: 'open a symlink without follow, directory flag: ENOTDIR', op: (r) => ops.openPath(r, 'lnsub', { ...RO, follow: false, directory: true }), errno: 'notdir' },
  { name: 'open creates a file', tree: {}, op: (r) => writeAt(r, 'new.txt', 'hi', { create: true }), after: { 'new.txt': 'hi' } },
  { name: 'open creat+excl on an existing file is EEXIST', op: (r) => writeAt(r, 'a.txt', 'x', { create: true, exclusive: true }), errno: 'exist' },
  { name: 'open creat+excl on a dangling symlink is EEXIST', op: (r) => writeAt(r, 'dangling', 'x', { create: true, exclusive: true, follow: false }), errno: 'exist' },
  { name: 'open creat through a dangling symlink creates its target', tree: { d: { symlink: 'target.txt' } }, op: (r) => writeAt(r, 'd', 'made', { create: true }), after: { d: { symlink: 'target.txt' }, 'target.txt': 'made' } },
  { name: 'open trunc empties a file', tree: { 'f.txt': 'long content' }, op: (r) => writeAt(r, 'f.txt', 'ab', { truncate: true }), after: { 'f.txt': 'ab' } },
  { name: 'open without creat of a missing file is ENOENT', op: (r) => readAll(r, 'missing'), errno: 'noent' },
  { name: 'open creat with a trailing slash is EISDIR', op: (r) => writeAt(r, 'newdir/', 'x', { create: true }), errno: 'isdir' },
  { name: 'an unlinked open file stays readable', tree: { 'f.txt': 'still here' }, op: (r) => {
    const o = ops.openPath(r, 'f.txt', RO);
    ops.unlinkPath(r, 'f.txt');
    const buf = new Uint8Array(20);
    return o.kind === 'file' ? new TextDecoder().decode(buf.subarray(0, o.file.read(buf, 0n))) : null;
  }, value: 'still here', after: {} },

  // --- directories -------------------------------------------------------------------------
  { name: 'mkdir', tree: {}, op: (r) => ops.mkdirPath(r, 'd'), after: { d: {} } },
  { name: 'mkdir with a trailing slash', tree: {}, op: (r) => ops.mkdirPath(r, 'd/'), after: { d: {} } },
  { name: 'mkdir existing is EEXIST', op: (r) => ops.mkdirPath(r, 'sub'), errno: 'exist' },
  { name: 'mkdir over a dangling symlink is EEXIST', op: (r) => ops.mkdirPath(r, 'dangling'), errno: 'exist' },
  { name: 'mkdir . is EEXIST', op: (r) => ops.mkdirPath(r, '.'), errno: 'exist' },
  { name: 'mkdir in a missing directory is ENOENT', op: (r) => ops.mkdirPath(r, 'no/d'), errno: 'noent' },
  { name: 'rmdir an empty directory', tree: { e: {} }, op: (r) => ops.rmdirPath(r, 'e'), after: {} },
  { name: 'rmdir a non-empty directory is ENOTEMPTY', op: (r) => ops.rmdirPath(r, 'sub'), errno: 'notempty' },
  { name: 'rmdir a file is ENOTDIR', op: (r) => ops.rmdirPath(r, 'a.txt'), errno: 'notdir' },
  { name: 'rmdir a symlink to a directory is ENOTDIR', op: (r) => ops.rmdirPath(r, 'lnsub'), errno: 'notdir' },
  { name: 'rmdir . is EINVAL', op: (r) => ops.rmdirPath(r, '.'), errno: 'inval' },
  { name: 'entries include . and ..', tree: { x: 'x', y: {} }, op: (r) => r.entries().map((e) => `${e.name}:${e.filetype}`).sort(), value: ['..:3', '.:3', 'x:4', 'y:3'] },

  // --- unlink, links, rename ---------------------------------------------------------------
  { name: 'unlink a file', tree: { f: 'x' }, op: (r) => ops.unlinkPath(r, 'f'), after: {} },
  { name: 'unlink a symlink removes the link only', tree: { f: 'x', l: { symlink: 'f' } }, op: (r) => ops.unlinkPath(r, 'l'), after: { f: 'x' } },
  { name: 'unlink a directory is EISDIR', op: (r) => ops.unlinkPath(r, 'sub'), errno: 'isdir' },
  { name: 'unlink a file with a trailing slash is ENOTDIR', op: (r) => ops.unlinkPath(r, 'a.txt/'), errno: 'notdir' },
  { name: 'unlink a missing file is ENOENT', op: (r) => ops.unlinkPath(r, 'nope'), errno: 'noent' },
  { name: 'readlink', op: (r) => ops.readlinkPath(r, 'lnsub'), value: 'sub' },
  { name: 'readlink a file is EINVAL', op: (r) => ops.readlinkPath(r, 'a.txt'), errno: 'inval' },
  { name: 'symlink creates a link', tree: {}, op: (r) => ops.symlinkPath('x/y', r, 'l'), after: { l: { symlink: 'x/y' } } },
  { name: 'symlink over an existing entry is EEXIST', op: (r) => ops.symlinkPath('x', r, 'a.txt'), errno: 'exist' },
  { name: 'hard link shares content and counts links', tree: { f: 'one' }, op: (r) => {
    ops.linkPath(r, 'f', false, r, 'g');
    writeAt(r, 'g', 'two');
    return [readAll(r, 'f'), ops.statPath(r, 'f', false).nlink, ops.statPath(r, 'f', false).ino === ops.statPath(r, 'g', false).ino];
  }, value: ['two', 2n, true], after: { f: 'two', g: 'two' } },
  { name: 'hard link to a directory is EPERM', op: (r) => ops.linkPath(r, 'sub', false, r, 'sub2'), errno: 'perm' },
  { name: 'hard link over an existing entry is EEXIST', op: (r) => ops.linkPath(r, 'a.txt', false, r, 'ln'), errno: 'exist' },
  { name: 'hard link without follow links the symlink itself', tree: { f: 'x', l: { symlink: 'f' } }, op: (r) => { ops.linkPath(r, 'l', false, r, 'l2'); return statType(r, 'l2', false); }, value: filetype.symbolic_link, after: { f: 'x', l: { symlink: 'f' }, l2: { symlink: 'f' } } },
  { name: 'hard link with follow links the target', tree: { f: 'x', l: { symlink: 'f' } }, op: (r) => { ops.linkPath(r, 'l', true, r, 'f2'); return statType(r, 'f2', false); }, value: filetype.regular_file, after: { f: 'x', l: { symlink: 'f' }, f2: 'x' } },
  { name: 'rename a file', tree: { f: 'x', d: {} }, op: (r) => ops.renamePath(r, 'f', r, 'd/g'), after: { d: { g: 'x' } } },
  { name: 'rename replaces a file', tree: { f: 'new', g: 'old' }, op: (r) => ops.renamePath(r, 'f', r, 'g'), after: { g: 'new' } },
  { name: 'rename a directory', tree: { d: { x: 'x' } }, op: (r) => ops.renamePath(r, 'd', r, 'e'), after: { e: { x: 'x' } } },
  { name: 'rename a directory over an empty one', tree: { d: { x: 'x' }, e: {} }, op: (r) => ops.renamePath(r, 'd', r, 'e'), after: { e: { x: 'x' } } },
  { name: 'rename a directory over a non-empty one is ENOTEMPTY', tree: { d: {}, e: { x: 'x' } }, op: (r) => ops.renamePath(r, 'd', r, 'e'), errno: 'notempty' },
  { name: 'rename a directory over a file is ENOTDIR', tree: { d: {}, f: 'x' }, op: (r) => ops.renamePath(r, 'd', r, 'f'), errno: 'notdir' },
  { name: 'rename a file over a directory is EISDIR', tree: { d: {}, f: 'x' }, op: (r) => ops.renamePath(r, 'f', r, 'd'), errno: 'isdir' },
  { name: 'rename a directory into itself is EINVAL', tree: { d: { e: {} } }, op: (r) => ops.renamePath(r, 'd', r, 'd/e/f'), errno: 'inval' },
  { name: 'rename a missing entry is ENOENT', op: (r) => ops.renamePath(r, 'nope', r, 'x'), errno: 'noent' },
  { name: 'rename onto itself is a no-op', tree: { f: 'x' }, op: (r) => ops.renamePath(r, 'f', r, 'f'), after: { f: 'x' } },
  { name: 'rename a symlink moves the link', tree: { f: 'x', l: { symlink: 'f' } }, op: (r) => ops.renamePath(r, 'l', r, 'm'), after: { f: 'x', m: { symlink: 'f' } } },

  // --- timestamps --------------------------------------------------------------------------
  { name: 'set times keeps nanoseconds where the host allows', tree: { f: 'x' }, op: (r) => {
    ops.setTimesPath(r, 'f', true, { atim: 1_600_000_000_123_456_789n, mtim: 1_500_000_000_987_654_321n });
    const s = ops.statPath(r, 'f', true);
    // HostFS goes through node's utimes (seconds as a double): within a microsecond.
    return [Number(s.atim - 1_600_000_000_123_456_789n) / 1000, Number(s.mtim - 1_500_000_000_987_654_321n) / 1000].map((d) => Math.abs(d) < 1);
  }, value: [true, true] },
  { name: 'set only mtim leaves atim alone', tree: { f: 'x' }, op: (r) => {
    ops.setTimesPath(r, 'f', true, { atim: 1_000_000_000_000_000_000n, mtim: 1_000_000_000_000_000_000n });
    ops.setTimesPath(r, 'f', true, { mtim: 1_200_000_000_000_000_000n });
    const s = ops.statPath(r, 'f', true);
    return [s.atim / 1_000_000n, s.mtim / 1_000_000n];
  }, value: [1_000_000_000_000n, 1_200_000_000_000n] },
];

describe.each(BACKENDS)('sandboxed fs operations on $name', ({ make }) => {
  test.each(ROWS)('$name', (row) => {
    const tree = row.tree ?? BASE;
    const fx = make(tree);
    try {
      const before = fx.sandbox();
      let result: unknown;
      let code: string | undefined;
      try {
        result = row.op(fx.root());
      } catch (e) {
        if (!(e instanceof WasiError)) throw e;
        code = errnoName(e.errno);
      }
      expect(code).toBe(row.errno);
      if ('value' in row) expect(result).toEqual(row.value);
      expect(fx.outside()).toEqual(CANARY);
      if (row.after) expect(fx.sandbox()).toEqual(sortTree(row.after));
      else if (row.errno) expect(fx.sandbox()).toEqual(before);
    } finally {
      fx.cleanup();
    }
  });
});
