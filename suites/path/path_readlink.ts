/**
 * path_readlink: the target text of a symbolic link (POSIX `readlinkat`): the final component is
 * never followed, the text is returned verbatim (no NUL added), and a short buffer truncates
 * (docs/CHOICES.md). A link pointing out may be read; reaching a link outside may not.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import type { ErrnoName } from '../spec.js';
import {
  CANARY, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, NUL_ALTS, OUTSIDE_WITH_DIR, TRAILING_SLASH,
  openDirFd, openFile, p, sorted,
} from '../lib/path.js';

const T: Tree = { 'a.txt': 'hello', ln: { symlink: 'a.txt' }, sub: { 'b.txt': 'bee', ln2: { symlink: 'b.txt' } } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });

/** ENOBUFS instead of truncating to a buffer shorter than the target (docs/CHOICES.md). */
const SHORT_BUFFER_NOBUFS = 'ENOBUFS for a buffer shorter than the target (uvwasi)';

/** The call under test into a sentinel-filled buffer; returns the errno expression, buffer and bufused pointer. */
function readlinkCall(f: Fixture, path: string, bufLen = 64, dirfd?: string): { call: string; buf: number; used: number } {
  const buf = f.sentinel(Math.max(bufLen, 1) + 8);
  const used = f.out32();
  return { call: f.call('path_readlink', dirfd ?? f.preopen(), ...p(f, path), buf, bufLen, used), buf, used };
}

/** Success, and the buffer holds exactly `target` (bufused = its length). */
function expectTarget(f: Fixture, path: string, target: string, bufLen = 64, dirfd?: string): { buf: number; used: number } {
  const r = readlinkCall(f, path, bufLen, dirfd);
  f.expectSuccess(r.call);
  f.checkBytes('target', r.buf, f.u32(r.used), target);
  return r;
}

const readRow = (name: string, description: string, tags: string[], tree: Tree, path: string, target: string, quote?: string): CaseDef => ({
  name, description, tags, tree, fs_after: sorted(tree), ...(quote ? { quote } : {}),
  body: (f) => { expectTarget(f, path, target, 256); },
});

interface ErrRow { name: string; description: string; tags: string[]; path: string; errno: ErrnoName; tree?: Tree; accept?: AltErrno[]; outside?: Tree }
const err = (r: ErrRow): CaseDef => ({
  name: r.name, description: r.description, tags: r.tags, tree: r.tree ?? T, fs_after: sorted(r.tree ?? T), ...(r.outside ? { outside: r.outside } : {}),
  body: (f) => { f.expectErrno(readlinkCall(f, r.path).call, r.errno, { accept: r.accept }); },
});
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef =>
  err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', 'symlinks', ...(r.tags ?? [])] });

const LONG_TARGET = `${'d/'.repeat(60)}a.txt`;

export default suite('path_readlink', [
  readRow('reads-target', 'the buffer receives the link\'s target text; bufused is its length', ['symlinks', 'basic'], T, 'ln', 'a.txt',
    'Read the contents of a symbolic link.'),
  {
    name: 'no-nul-terminator-written', tags: ['symlinks', 'edge'], tree: T,
    description: 'nothing is written after the target text (no NUL terminator)',
    quote: 'The number of bytes placed in the buffer.',
    body: (f) => {
      const { buf } = expectTarget(f, 'ln', 'a.txt');
      f.check('byte_after', f.u8(buf + 5), 0xaa, { what: 'the byte after the 5-byte target (sentinel 0xaa)' });
    },
  },
  {
    name: 'short-buffer-truncates', tags: ['symlinks', 'edge'], tree: T,
    description: 'a 3-byte buffer receives the first 3 bytes of the target (POSIX readlink truncates)',
    body: (f) => {
      const r = readlinkCall(f, 'ln', 3);
      f.expectSuccess(r.call, { accept: [{ errno: 'nobufs', behaviour: SHORT_BUFFER_NOBUFS }] });
      f.endIfAlternative(SHORT_BUFFER_NOBUFS);
      f.checkBytes('target', r.buf, f.u32(r.used), 'a.t');
      f.check('byte_after', f.u8(r.buf + 3), 0xaa, { what: 'the byte after the 3-byte buffer (sentinel 0xaa)' });
    },
  },
  {
    name: 'buffer-exactly-target-length', tags: ['symlinks', 'edge'], tree: T,
    description: 'a buffer exactly as long as the target receives all of it (no room for a NUL needed)',
    body: (f) => {
      const { buf } = expectTarget(f, 'ln', 'a.txt', 5);
      f.check('byte_after', f.u8(buf + 5), 0xaa, { what: 'the byte after the buffer (sentinel 0xaa)' });
    },
  },
  {
    name: 'zero-length-buffer', tags: ['symlinks', 'edge'], tree: T,
    description: 'a zero-length buffer receives nothing: bufused 0',
    body: (f) => {
      const r = readlinkCall(f, 'ln', 0);
      f.expectSuccess(r.call, { accept: [{ errno: 'nobufs', behaviour: SHORT_BUFFER_NOBUFS }, { errno: 'inval', behaviour: 'EINVAL for a zero-length buffer (Linux readlinkat)' }] });
      f.check('byte_0', f.u8(r.buf), 0xaa, { what: 'the first buffer byte (sentinel 0xaa)' });
    },
  },
  readRow('dangling-target-readable', 'a dangling symlink\'s target text is returned', ['symlinks'], withT({ dang: { symlink: 'nope/none' } }), 'dang', 'nope/none'),
  readRow('final-link-not-followed', 'the last component is not followed: l1 -> l2 returns "l2", not l2\'s target', ['symlinks'],
    withT({ l1: { symlink: 'l2' }, l2: { symlink: 'a.txt' } }), 'l1', 'l2'),
  readRow('link-in-subdirectory', 'a link inside a subdirectory is read through the path', ['symlinks'], T, 'sub/ln2', 'b.txt'),
  readRow('symlink-in-middle-followed', 'a symlink in a middle component is followed (lnsub/ln2 with lnsub -> sub)', ['symlinks'],
    withT({ lnsub: { symlink: 'sub' } }), 'lnsub/ln2', 'b.txt'),
  readRow('target-kept-verbatim', 'the target is returned byte for byte as stored ("./x/../a.txt//"), not normalised', ['symlinks', 'edge'],
    withT({ odd: { symlink: './x/../a.txt//' } }), 'odd', './x/../a.txt//'),
  readRow('unicode-target', 'a non-ASCII target is returned as its UTF-8 bytes', ['symlinks', 'unicode'], withT({ uni: { symlink: 'ünï-✓.txt' } }), 'uni', 'ünï-✓.txt'),
  readRow('long-target', 'a 125-byte target is returned whole', ['symlinks', 'edge'], withT({ long: { symlink: LONG_TARGET } }), 'long', LONG_TARGET),
  readRow('self-loop-readable', 'a self-referential link can be read (readlink does not resolve it)', ['symlinks', 'edge'], withT({ self: { symlink: 'self' } }), 'self', 'self'),
  {
    name: 'relative-to-subdirectory-fd', tags: ['symlinks'], tree: T, spec: 'docs.md#path_readlink.path',
    description: 'the path is resolved from the fd given, here an opened subdirectory',
    body: (f) => { expectTarget(f, 'ln2', 'b.txt', 64, openDirFd(f, 'sub')); },
  },
  // sandbox: reading the text of a link that points out is allowed; reaching a link outside is not
  readRow('escaping-target-readable', 'the text of a link pointing out of the sandbox may be read (it is not followed)', ['symlinks', 'sandbox'],
    withT({ esc: { symlink: CANARY } }), 'esc', CANARY),
  {
    name: 'absolute-target', tags: ['symlinks', 'sandbox'], tree: withT({ abs: { symlink: '/etc/passwd' } }), fs_after: withT({ abs: { symlink: '/etc/passwd' } }),
    description: 'a planted link with an absolute target is read verbatim (the text is not followed)',
    body: (f) => {
      const r = readlinkCall(f, 'abs');
      const refuse = 'absolute link targets refused by readlink (wasmtime, cap-std)';
      f.expectSuccess(r.call, { accept: [{ errno: 'perm', behaviour: refuse }, { errno: 'notcapable', behaviour: `${refuse}: ENOTCAPABLE` }] });
      f.endIfAlternative(refuse);
      f.endIfAlternative(`${refuse}: ENOTCAPABLE`);
      f.checkBytes('target', r.buf, f.u32(r.used), '/etc/passwd');
    },
  },
  escape({ name: 'escape-dotdot-link-outside', path: '../outside/lnk', outside: OUTSIDE_WITH_DIR, description: 'reading "../outside/lnk" (a link beside the canary) is refused' }),
  escape({ name: 'escape-through-planted-dir-symlink', tree: withT({ outdir: { symlink: '../outside' } }), path: 'outdir/lnk', outside: OUTSIDE_WITH_DIR,
    description: 'reading outdir/lnk where outdir -> ../outside is refused' }),
  escape({ name: 'escape-through-subdir-symlink', tree: { sub: { up: { symlink: '../../outside' } } }, path: 'sub/up/lnk', outside: OUTSIDE_WITH_DIR,
    description: 'reading sub/up/lnk where sub/up -> ../../outside is refused' }),
  escape({ name: 'absolute-path', path: '/sandbox/ln', description: 'an absolute path is refused, even the preopen\'s own guest name' }),
  // errors
  err({ name: 'regular-file-is-not-a-link', tags: ['errors', 'symlinks'], path: 'a.txt', errno: 'inval', description: 'a regular file is not a symlink: EINVAL (POSIX readlink)' }),
  err({ name: 'directory-is-not-a-link', tags: ['errors', 'symlinks'], path: 'sub', errno: 'inval', description: 'a directory is not a symlink: EINVAL' }),
  err({ name: 'missing', tags: ['errors', 'symlinks'], path: 'nope', errno: 'noent', description: 'a name that does not exist fails with ENOENT' }),
  err({ name: 'file-as-directory-component', tags: ['errors', 'symlinks'], path: 'a.txt/ln', errno: 'notdir', description: 'a regular file used as a directory component fails with ENOTDIR' }),
  err({ name: 'trailing-slash-on-link-to-file', tags: ['errors', 'symlinks', 'edge'], path: 'ln/', errno: 'notdir', accept: TRAILING_SLASH,
    description: '"ln/" resolves the link (a file) as a directory: ENOTDIR' }),
  err({ name: 'empty-path', tags: ['errors', 'symlinks', 'edge'], path: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty path fails with ENOENT' }),
  err({ name: 'nul-in-path', tags: ['errors', 'symlinks', 'edge'], path: 'ln\0x', errno: 'inval', accept: NUL_ALTS, description: 'a NUL byte in the path fails with EINVAL, never reads "ln"' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors', 'symlinks'], tree: T,
    description: 'path_readlink relative to a regular-file fd fails with ENOTDIR',
    body: (f) => { f.expectErrno(readlinkCall(f, 'ln', 64, openFile(f, 'a.txt')).call, 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'buffer-out-of-bounds', tags: ['pointers', 'errors', 'symlinks'], tree: T,
    description: 'a buffer running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_readlink', f.preopen(), ...p(f, 'ln'), f.memEnd - 2, 16, f.out32()), { accept: [EFAULT] }),
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors', 'symlinks'], tree: T,
    description: 'a path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_readlink', f.preopen(), f.memEnd - 1, 4, f.alloc(16), 16, f.out32()), { accept: [EFAULT] }),
  },
]);
