/**
 * path_create_directory: create a directory (POSIX `mkdirat`). The last component is never
 * followed: an existing name of any kind, a dangling symlink included, is EEXIST. Sandbox cases
 * check that no directory appears beside the canary.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { FILETYPE, OFLAGS, right, type ErrnoName } from '../spec.js';
import {
  CANARY, DIR_BASE, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, FILE_BASE, NUL_ALTS, RIGHTS_NOT_ENFORCED,
  checkFiletype, openDirFd, openFile, p, sorted,
} from '../lib/path.js';

const T: Tree = { 'a.txt': 'hello', sub: { 'b.txt': 'bee' } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });

function mkdirCall(f: Fixture, path: string, dirfd?: string): string {
  return f.call('path_create_directory', dirfd ?? f.preopen(), ...p(f, path));
}

const ok = (name: string, description: string, tags: string[], path: string, fsAfter: Tree, tree: Tree = T, more?: (f: Fixture) => void, quote?: string): CaseDef => ({
  name, description, tags, tree: sorted(tree), fs_after: sorted(fsAfter), ...(quote ? { quote } : {}),
  body: (f) => { f.expectSuccess(mkdirCall(f, path)); more?.(f); },
});

interface ErrRow { name: string; description: string; tags: string[]; path: string; errno: ErrnoName; tree?: Tree; accept?: AltErrno[] }
const err = (r: ErrRow): CaseDef => ({
  name: r.name, description: r.description, tags: r.tags, tree: r.tree ?? T, fs_after: sorted(r.tree ?? T),
  body: (f) => { f.expectErrno(mkdirCall(f, r.path), r.errno, { accept: r.accept }); },
});
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef =>
  err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', ...(r.tags ?? [])] });

export default suite('path_create_directory', [
  ok('creates-directory', 'a new directory is created and reports filetype directory', ['basic'], 'new', withT({ new: {} }), T,
    (f) => checkFiletype(f, 'filetype', 'new', FILETYPE.directory), 'Create a directory.'),
  ok('in-subdirectory', 'a directory is created inside a subdirectory through the path', ['basic'], 'sub/new', { 'a.txt': 'hello', sub: { 'b.txt': 'bee', new: {} } }),
  ok('new-directory-usable', 'a file can be created inside the new directory', ['basic'], 'new', withT({ new: { 'f.txt': '' } }), T,
    (f) => { f.ok(f.call('path_open', f.preopen(), 0, ...p(f, 'new/f.txt'), OFLAGS.creat, FILE_BASE, 0n, 0, f.out32()), 'path_open(new/f.txt, creat)'); }),
  ok('trailing-slash', '"new/" (trailing slash) creates the directory "new"', ['edge'], 'new/', withT({ new: {} })),
  ok('dot-components', '"./sub/./new" creates sub/new', ['edge'], './sub/./new', { 'a.txt': 'hello', sub: { 'b.txt': 'bee', new: {} } }),
  ok('double-slash', '"sub//new" creates sub/new', ['edge'], 'sub//new', { 'a.txt': 'hello', sub: { 'b.txt': 'bee', new: {} } }),
  ok('dotdot-that-stays-inside', '"sub/../new" stays inside the preopen and creates "new" at its root', ['edge', 'sandbox'], 'sub/../new', withT({ new: {} })),
  ok('unicode-name', 'a directory with a non-ASCII UTF-8 name is created as given', ['unicode'], 'ünï-✓', withT({ 'ünï-✓': {} })),
  ok('symlink-in-middle-followed', 'a symlink in a middle component is followed (lnsub/new, lnsub -> sub)', ['symlinks'], 'lnsub/new',
    { 'a.txt': 'hello', lnsub: { symlink: 'sub' }, sub: { 'b.txt': 'bee', new: {} } }, withT({ lnsub: { symlink: 'sub' } })),
  {
    name: 'relative-to-subdirectory-fd', tags: ['basic'], tree: T, fs_after: sorted({ 'a.txt': 'hello', sub: { 'b.txt': 'bee', new: {} } }),
    spec: 'docs.md#path_create_directory.path', description: 'the path is resolved from the fd given, here an opened subdirectory',
    quote: 'The path at which to create the directory.',
    body: (f) => { f.expectSuccess(mkdirCall(f, 'new', openDirFd(f, 'sub'))); },
  },
  {
    name: 'needs-path-create-directory-right', tags: ['rights', 'errors'], tree: T, fs_after: sorted(T), spec: 'docs.md#rights.path_create_directory',
    description: 'through a directory fd without path_create_directory the call fails with ENOTCAPABLE',
    quote: 'The right to invoke path_create_directory.',
    body: (f) => {
      const sub = openDirFd(f, 'sub', { rights: DIR_BASE & ~right('path_create_directory') });
      f.expectErrno(mkdirCall(f, 'new', sub), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, sorted({ 'a.txt': 'hello', sub: { 'b.txt': 'bee', new: {} } }));
    },
  },
  // errors
  err({ name: 'exists-as-directory', tags: ['errors'], path: 'sub', errno: 'exist', description: 'an existing directory fails with EEXIST and keeps its content' }),
  err({ name: 'exists-as-file', tags: ['errors'], path: 'a.txt', errno: 'exist', description: 'an existing file fails with EEXIST and stays a file' }),
  err({ name: 'exists-as-dangling-symlink', tags: ['errors', 'symlinks'], tree: withT({ dang: { symlink: 'target' } }), path: 'dang', errno: 'exist',
    description: 'a dangling symlink is not followed: EEXIST, and its target is not created' }),
  err({ name: 'exists-as-symlink-to-directory', tags: ['errors', 'symlinks'], tree: withT({ lnsub: { symlink: 'sub' } }), path: 'lnsub', errno: 'exist',
    description: 'a symlink to a directory fails with EEXIST' }),
  err({ name: 'dot', tags: ['errors', 'edge'], path: '.', errno: 'exist', description: '"." names the existing directory: EEXIST' }),
  err({ name: 'dotdot-inside', tags: ['errors', 'edge'], path: 'sub/..', errno: 'exist', description: '"sub/.." names the existing root directory: EEXIST' }),
  err({ name: 'missing-parent', tags: ['errors'], path: 'nope/new', errno: 'noent', description: 'a missing intermediate directory fails with ENOENT (no parents are made)' }),
  err({ name: 'parent-is-file', tags: ['errors'], path: 'a.txt/new', errno: 'notdir', description: 'a regular file used as a directory component fails with ENOTDIR' }),
  err({ name: 'parent-is-dangling-symlink', tags: ['errors', 'symlinks'], tree: withT({ dang: { symlink: 'nope' } }), path: 'dang/new', errno: 'noent',
    description: 'a dangling symlink as a middle component fails with ENOENT' }),
  err({ name: 'empty-path', tags: ['errors', 'edge'], path: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty path fails with ENOENT' }),
  err({ name: 'nul-in-path', tags: ['errors', 'edge'], path: 'new\0x', errno: 'inval', accept: NUL_ALTS, description: 'a NUL byte in the path fails with EINVAL; no "new" is created' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors'], tree: T, fs_after: sorted(T),
    description: 'path_create_directory relative to a regular-file fd fails with ENOTDIR',
    body: (f) => { f.expectErrno(mkdirCall(f, 'new', openFile(f, 'a.txt')), 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'path-pointer-out-of-bounds', tags: ['pointers', 'errors'], tree: T,
    description: 'a path string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_create_directory', f.preopen(), f.memEnd - 2, 8), { accept: [EFAULT] }),
  },
  // sandbox
  escape({ name: 'escape-dotdot', path: '../new', description: '"../new" beside the preopen is refused; nothing is created outside' }),
  escape({ name: 'escape-dotdot-into-outside', path: '../outside/new', description: '"../outside/new" is refused; the canary directory is unchanged' }),
  escape({ name: 'escape-dotdot-chain-from-subdir', path: 'sub/../../outside/new', description: '"sub/../../outside/new" leaves the preopen and is refused' }),
  escape({ name: 'escape-deep-dotdot-chain', path: 'sub/../../../../../../outside/new', description: 'a long ".." chain is refused, never clamped at the root' }),
  escape({ name: 'absolute-path', path: '/sandbox/new', description: 'an absolute path is refused, even under the preopen\'s own guest name' }),
  escape({ name: 'through-planted-dir-symlink', tree: withT({ outdir: { symlink: '../outside' } }), path: 'outdir/new', tags: ['symlinks'],
    description: 'creating outdir/new (outdir -> ../outside) is refused; nothing appears outside' }),
  escape({ name: 'through-subdir-symlink', tree: { 'a.txt': 'hello', sub: { up: { symlink: '../../outside' } } }, path: 'sub/up/new', tags: ['symlinks'],
    description: 'creating sub/up/new (sub/up -> ../../outside) is refused' }),
  escape({ name: 'through-planted-dotdot-symlink', tree: withT({ up: { symlink: '..' } }), path: 'up/outside/new', tags: ['symlinks'],
    description: 'creating up/outside/new (up -> "..") is refused' }),
  // the host path under "/" does not exist, so a runtime that lets the host follow the link fails without side effects
  escape({ name: 'through-planted-absolute-symlink', tree: withT({ root: { symlink: '/' } }), path: 'root/wasi-conformance-absent/new', tags: ['symlinks'],
    description: 'creating root/x/new where root -> "/" (absolute) is refused before any lookup' }),
  err({ name: 'final-escaping-dangling-symlink', tags: ['sandbox', 'security', 'symlinks'], tree: withT({ esc: { symlink: '../outside/new' } }), path: 'esc', errno: 'exist',
    description: 'a final symlink pointing out is not followed: EEXIST, nothing appears outside' }),
  {
    name: 'subdirectory-fd-dotdot-escape', tags: ['sandbox', 'security'], tree: T, fs_after: sorted(T),
    description: '".." from an opened subdirectory fd that leaves it is refused ("../new")',
    body: (f) => { f.expectErrno(mkdirCall(f, '../new', openDirFd(f, 'sub')), 'notcapable', { accept: ESCAPE }); },
  },
  escape({ name: 'escape-via-canary-file-path', path: `${CANARY}/x`, description: 'a path through the canary file outside is refused (not ENOTDIR)' }),
]);
