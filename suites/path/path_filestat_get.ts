/**
 * path_filestat_get: the attributes of what a path names, following a final symlink only with
 * lookupflags.symlink_follow. Layout cases read every field through the ABI's filestat table
 * (64 bytes in preview1, 56 in wasi_unstable with a u32 nlink).
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { FILETYPE, LOOKUP, type ErrnoName } from '../spec.js';
import {
  CANARY, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, NUL_ALTS, TRAILING_SLASH,
  openDirFd, openFile, p, sorted,
} from '../lib/path.js';
import { timestampZeroAlt } from '../lib/filestat.js';

const FOLLOW = LOOKUP.symlink_follow;
const T: Tree = { 'a.txt': 'hello', empty: '', sub: { 'b.txt': 'bee' } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });

/** The call under test, into a fresh filestat buffer; returns the errno expression and buffer. */
function statCall(f: Fixture, path: string, flags = 0, dirfd?: string): { call: string; buf: number } {
  const buf = f.alloc(f.abi.layouts.filestat.size, 8);
  return { call: f.call('path_filestat_get', dirfd ?? f.preopen(), flags, ...p(f, path), buf), buf };
}

/** Success, then check the filetype (and optionally the size). */
function expectType(f: Fixture, path: string, flags: number, filetype: number, size?: bigint): void {
  const { call, buf } = statCall(f, path, flags);
  f.expectSuccess(call);
  f.check('filetype', f.field(buf, 'filestat', 'filetype'), filetype);
  if (size !== undefined) f.check('size', f.field(buf, 'filestat', 'size'), size);
}

interface Row { name: string; description: string; tags: string[]; path: string; tree?: Tree; follow?: boolean; spec?: string; quote?: string }
const typeRow = (r: Row & { filetype: number; size?: bigint }): CaseDef => ({
  name: r.name, description: r.description, tags: r.tags, tree: r.tree ?? T, fs_after: sorted(r.tree ?? T),
  ...(r.spec ? { spec: r.spec } : {}), ...(r.quote ? { quote: r.quote } : {}),
  body: (f) => expectType(f, r.path, r.follow ? FOLLOW : 0, r.filetype, r.size),
});
const errRow = (r: Row & { errno: ErrnoName; accept?: AltErrno[]; outside?: Tree }): CaseDef => ({
  name: r.name, description: r.description, tags: r.tags, tree: r.tree ?? T, fs_after: sorted(r.tree ?? T),
  ...(r.spec ? { spec: r.spec } : {}), ...(r.outside ? { outside: r.outside } : {}),
  body: (f) => { f.expectErrno(statCall(f, r.path, r.follow ? FOLLOW : 0).call, r.errno, { accept: r.accept }); },
});
const escapeRow = (r: Omit<Row, 'tags'> & { tags?: string[] }): CaseDef =>
  errRow({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', ...(r.tags ?? [])] });

const LS = 'docs.md#lookupflags.symlink_follow';

export default suite('path_filestat_get', [
  typeRow({ name: 'regular-file-type', tags: ['basic'], path: 'a.txt', filetype: FILETYPE.regular_file,
    description: 'a regular file reports filetype regular_file', quote: 'Return the attributes of a file or directory.' }),
  typeRow({ name: 'regular-file-size', tags: ['basic', 'abi-layout'], path: 'a.txt', filetype: FILETYPE.regular_file, size: 5n,
    description: 'filestat.size of a 5-byte file is 5, at the ABI\'s size offset' }),
  typeRow({ name: 'empty-file-size-zero', tags: ['edge'], path: 'empty', filetype: FILETYPE.regular_file, size: 0n,
    description: 'an empty file reports size 0' }),
  typeRow({ name: 'directory-type', tags: ['basic'], path: 'sub', filetype: FILETYPE.directory,
    description: 'a directory reports filetype directory' }),
  typeRow({ name: 'dot-is-the-directory', tags: ['edge'], path: '.', filetype: FILETYPE.directory,
    description: '"." reports the fd\'s own directory' }),
  typeRow({ name: 'dotdot-that-stays-inside', tags: ['edge', 'sandbox'], path: 'sub/..', filetype: FILETYPE.directory,
    description: '"sub/.." stays inside the preopen and reports its root directory' }),
  typeRow({ name: 'file-in-subdirectory', tags: ['basic'], path: 'sub/b.txt', filetype: FILETYPE.regular_file, size: 3n,
    description: 'a file in a subdirectory is found through the path' }),
  typeRow({ name: 'trailing-slash-on-directory', tags: ['edge'], path: 'sub/', filetype: FILETYPE.directory,
    description: '"sub/" (trailing slash on a directory) reports the directory' }),
  typeRow({ name: 'unicode-name', tags: ['edge', 'unicode'], tree: { 'ünï-✓.txt': 'uni' }, path: 'ünï-✓.txt', filetype: FILETYPE.regular_file, size: 3n,
    description: 'a file with a non-ASCII UTF-8 name is found by its UTF-8 bytes' }),
  {
    name: 'nlink-at-least-one', tags: ['abi-layout'], tree: T,
    description: 'filestat.nlink of a file is at least 1 (u64 in preview1, u32 in wasi_unstable)',
    body: (f) => {
      const { call, buf } = statCall(f, 'a.txt');
      f.expectSuccess(call);
      const nlink = f.field(buf, 'filestat', 'nlink');
      f.checkTrue('nlink_ge_1', f.fieldIs64('filestat', 'nlink') ? `(i64.ge_u ${nlink} (i64.const 1))` : `(i32.ge_u ${nlink} (i32.const 1))`, 'nlink >= 1');
    },
  },
  {
    name: 'mtim-nonzero', tags: ['timestamps'], tree: T,
    description: 'filestat.mtim of a file the host just wrote is not zero',
    body: (f) => {
      const { call, buf } = statCall(f, 'a.txt');
      f.expectSuccess(call);
      // 1: non-zero; 2: zero, which the preview1 filestat docs allow where the platform has no timestamp
      f.check('mtim_nonzero', `(select (i32.const 2) (i32.const 1) (i64.eqz ${f.field(buf, 'filestat', 'mtim')}))`, 1,
        { what: 'mtim != 0 (1) or 0 (2)', accept: timestampZeroAlt(f) });
    },
  },
  {
    name: 'writes-exactly-the-struct-size', tags: ['abi-layout'], tree: T, spec: 'docs.md#filestat',
    description: 'the call writes the ABI\'s filestat size (64 / 56 bytes) and nothing after it',
    body: (f) => {
      const size = f.abi.layouts.filestat.size;
      const buf = f.sentinel(size + 16);
      f.expectSuccess(f.call('path_filestat_get', f.preopen(), 0, ...p(f, 'a.txt'), buf));
      f.check('filetype', f.field(buf, 'filestat', 'filetype'), FILETYPE.regular_file);
      const pattern = f.i64(0xaaaaaaaaaaaaaaaan);
      f.checkTrue('after_untouched', `(i32.and (i64.eq ${f.u64(buf + size)} ${pattern}) (i64.eq ${f.u64(buf + size + 8)} ${pattern}))`,
        `the 16 bytes after the ${size}-byte filestat are untouched`);
    },
  },
  {
    name: 'same-file-through-two-names', tags: ['symlinks'], tree: withT({ ln: { symlink: 'a.txt' } }), spec: LS,
    description: 'a followed symlink and its target report the same dev and ino',
    body: (f) => {
      const a = statCall(f, 'a.txt');
      f.ok(a.call, 'path_filestat_get(a.txt)');
      const l = statCall(f, 'ln', FOLLOW);
      f.expectSuccess(l.call);
      f.checkTrue('same_ino', `(i64.eq ${f.field(a.buf, 'filestat', 'ino')} ${f.field(l.buf, 'filestat', 'ino')})`, 'ino equal');
      f.checkTrue('same_dev', `(i64.eq ${f.field(a.buf, 'filestat', 'dev')} ${f.field(l.buf, 'filestat', 'dev')})`, 'dev equal');
    },
  },
  {
    name: 'relative-to-subdirectory-fd', tags: ['basic'], tree: T, spec: 'docs.md#path_filestat_get.path',
    description: 'the path is resolved from the fd given, here an opened subdirectory',
    body: (f) => {
      const { call, buf } = statCall(f, 'b.txt', 0, openDirFd(f, 'sub'));
      f.expectSuccess(call);
      f.check('size', f.field(buf, 'filestat', 'size'), 3n);
    },
  },
  // symlinks
  typeRow({ name: 'symlink-without-follow', tags: ['symlinks'], tree: withT({ ln: { symlink: 'a.txt' } }), path: 'ln', filetype: FILETYPE.symbolic_link, spec: LS,
    description: 'without symlink_follow a symlink reports filetype symbolic_link' }),
  typeRow({ name: 'symlink-with-follow', tags: ['symlinks'], tree: withT({ ln: { symlink: 'a.txt' } }), path: 'ln', follow: true, filetype: FILETYPE.regular_file, size: 5n, spec: LS,
    description: 'with symlink_follow a symlink reports its target (regular file, size 5)',
    quote: 'As long as the resolved path corresponds to a symbolic link, it is expanded.' }),
  typeRow({ name: 'symlink-to-directory-with-follow', tags: ['symlinks'], tree: withT({ lnsub: { symlink: 'sub' } }), path: 'lnsub', follow: true, filetype: FILETYPE.directory, spec: LS,
    description: 'with symlink_follow a symlink to a directory reports directory' }),
  typeRow({ name: 'symlink-size-is-target-length', tags: ['symlinks', 'edge'], tree: withT({ ln: { symlink: 'sub/b.txt' } }), path: 'ln', filetype: FILETYPE.symbolic_link, size: 9n, spec: LS,
    description: 'without follow, a symlink\'s size is the length of its target text (POSIX lstat)' }),
  typeRow({ name: 'dangling-symlink-without-follow', tags: ['symlinks'], tree: withT({ dang: { symlink: 'nope' } }), path: 'dang', filetype: FILETYPE.symbolic_link, spec: LS,
    description: 'a dangling symlink is reported as a symbolic_link when not followed' }),
  errRow({ name: 'dangling-symlink-with-follow', tags: ['symlinks', 'errors'], tree: withT({ dang: { symlink: 'nope' } }), path: 'dang', follow: true, errno: 'noent', spec: LS,
    description: 'following a dangling symlink fails with ENOENT' }),
  errRow({ name: 'symlink-loop-with-follow', tags: ['symlinks', 'errors'], tree: withT({ l1: { symlink: 'l2' }, l2: { symlink: 'l1' } }), path: 'l1', follow: true, errno: 'loop', spec: LS,
    description: 'following a two-link cycle fails with ELOOP' }),
  typeRow({ name: 'symlink-loop-without-follow', tags: ['symlinks', 'edge'], tree: withT({ l1: { symlink: 'l2' }, l2: { symlink: 'l1' } }), path: 'l1', filetype: FILETYPE.symbolic_link, spec: LS,
    description: 'a link in a cycle is reported as a symlink when not followed (no ELOOP)' }),
  typeRow({ name: 'symlink-chain-with-follow', tags: ['symlinks'], tree: withT({ l1: { symlink: 'l2' }, l2: { symlink: 'sub/b.txt' } }), path: 'l1', follow: true,
    filetype: FILETYPE.regular_file, size: 3n, spec: LS, description: 'following a chain of two symlinks reports the final file' }),
  typeRow({ name: 'symlink-in-middle-always-followed', tags: ['symlinks'], tree: withT({ lnsub: { symlink: 'sub' } }), path: 'lnsub/b.txt', filetype: FILETYPE.regular_file, size: 3n, spec: LS,
    description: 'a symlink in a middle component is followed even without symlink_follow' }),
  typeRow({ name: 'symlink-trailing-slash-followed', tags: ['symlinks', 'edge'], tree: withT({ lnsub: { symlink: 'sub' } }), path: 'lnsub/', filetype: FILETYPE.directory, spec: LS,
    description: '"lnsub/" (trailing slash) resolves the symlink to its directory even without follow' }),
  // errors
  errRow({ name: 'missing-file', tags: ['errors'], path: 'nope', errno: 'noent', description: 'a name that does not exist fails with ENOENT' }),
  errRow({ name: 'missing-parent', tags: ['errors'], path: 'nope/a.txt', errno: 'noent', description: 'a missing intermediate directory fails with ENOENT' }),
  errRow({ name: 'file-as-directory-component', tags: ['errors'], path: 'a.txt/x', errno: 'notdir', description: 'a regular file used as a directory component fails with ENOTDIR' }),
  errRow({ name: 'trailing-slash-on-file', tags: ['errors', 'edge'], path: 'a.txt/', errno: 'notdir', accept: TRAILING_SLASH, description: '"a.txt/" (trailing slash on a regular file) fails with ENOTDIR' }),
  errRow({ name: 'empty-path', tags: ['errors', 'edge'], path: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty path fails with ENOENT' }),
  errRow({ name: 'nul-in-path', tags: ['errors', 'edge'], path: 'a.txt\0x', errno: 'inval', accept: NUL_ALTS, description: 'a NUL byte in the path fails with EINVAL, never stats "a.txt"' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors'], tree: T,
    description: 'path_filestat_get relative to a regular-file fd fails with ENOTDIR',
    body: (f) => { f.expectErrno(statCall(f, 'x', 0, openFile(f, 'a.txt')).call, 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors'], tree: T,
    description: 'a path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_filestat_get', f.preopen(), 0, f.memEnd - 2, 8, f.alloc(64, 8)), { accept: [EFAULT] }),
  },
  // sandbox
  escapeRow({ name: 'escape-dotdot', path: '..', description: '".." from the preopen root fails with ENOTCAPABLE' }),
  escapeRow({ name: 'escape-dotdot-to-canary', path: CANARY, description: '"../outside/canary.txt" is refused: no attributes of outside files' }),
  escapeRow({ name: 'escape-dotdot-chain-from-subdir', path: 'sub/../../outside/canary.txt', description: '"sub/../../outside/canary.txt" leaves the preopen and is refused' }),
  escapeRow({ name: 'absolute-path', path: '/etc', description: 'the absolute path "/etc" is refused' }),
  escapeRow({ name: 'planted-symlink-to-canary-followed', tree: withT({ esc: { symlink: CANARY } }), path: 'esc', follow: true, tags: ['symlinks'],
    description: 'following a planted symlink to ../outside/canary.txt is refused' }),
  escapeRow({ name: 'planted-symlink-dir-in-middle', tree: withT({ outdir: { symlink: '../outside' } }), path: 'outdir/canary.txt', tags: ['symlinks'],
    description: 'a middle component that is a planted symlink to ../outside is refused' }),
  escapeRow({ name: 'planted-symlink-in-subdirectory', tree: { 'a.txt': 'hello', sub: { up: { symlink: '../../outside' } } }, path: 'sub/up/canary.txt', tags: ['symlinks'],
    description: 'a planted sub/up -> ../../outside used as a middle component is refused' }),
  escapeRow({ name: 'planted-absolute-symlink-followed', tree: withT({ root: { symlink: '/' } }), path: 'root', follow: true, tags: ['symlinks'],
    description: 'following a planted symlink to "/" is refused' }),
  typeRow({ name: 'planted-escaping-symlink-not-followed', tags: ['sandbox', 'symlinks'], tree: withT({ esc: { symlink: CANARY } }), path: 'esc', filetype: FILETYPE.symbolic_link, spec: LS,
    description: 'an escaping symlink itself may be inspected without following it' }),
]);
