/**
 * path_symlink: create a symbolic link holding `old_path` verbatim at `new_path` (POSIX
 * `symlinkat`). The target is only text: it need not exist. An absolute target is refused (it
 * could never be followed inside the sandbox; wasmtime, wazero, WAMR, uvwasi ≥ 2024 refuse it),
 * and a link pointing out, once made, must never be followed out.
 */
import { suite, type AltErrno, type CaseDef, type Fixture } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { FILETYPE, LOOKUP, OFLAGS, right, type ErrnoName } from '../spec.js';
import {
  CANARY, DIR_BASE, EFAULT, EMPTY_PATH, ESCAPE, FILE_AS_DIRFD, FILE_BASE, NUL_ALTS, RIGHTS_NOT_ENFORCED,
  checkContent, checkFiletype, openDirFd, openFile, p, sorted,
} from '../lib/path.js';

const T: Tree = { 'a.txt': 'hello', sub: { 'b.txt': 'bee' } };
const withT = (extra: Tree): Tree => sorted({ ...T, ...extra });

function symlinkCall(f: Fixture, target: string, newPath: string, dirfd?: string): string {
  return f.call('path_symlink', ...p(f, target), dirfd ?? f.preopen(), ...p(f, newPath));
}

/** Read the link back and check its text. */
function checkTarget(f: Fixture, path: string, target: string): void {
  const buf = f.alloc(256, 8);
  const used = f.out32();
  f.ok(f.call('path_readlink', f.preopen(), ...p(f, path), buf, 256, used), `path_readlink(${JSON.stringify(path)})`);
  f.checkBytes('target', buf, f.u32(used), target);
}

/** Success, the link is there with its text, then an optional further check. */
const ok = (name: string, description: string, tags: string[], target: string, newPath: string, fsAfter: Tree, tree: Tree = T,
  more?: (f: Fixture) => void, quote?: string): CaseDef => ({
  name, description, tags: ['symlinks', ...tags], tree: sorted(tree), fs_after: sorted(fsAfter), ...(quote ? { quote } : {}),
  body: (f) => { f.expectSuccess(symlinkCall(f, target, newPath)); (more ?? ((g) => checkTarget(g, newPath, target)))(f); },
});

interface ErrRow { name: string; description: string; tags: string[]; target: string; newPath: string; errno: ErrnoName; tree?: Tree; accept?: AltErrno[] }
const err = (r: ErrRow): CaseDef => ({
  name: r.name, description: r.description, tags: ['symlinks', ...r.tags], tree: r.tree ?? T, fs_after: sorted(r.tree ?? T),
  body: (f) => { f.expectErrno(symlinkCall(f, r.target, r.newPath), r.errno, { accept: r.accept }); },
});
const escape = (r: Omit<ErrRow, 'errno' | 'tags'> & { tags?: string[] }): CaseDef =>
  err({ ...r, errno: 'notcapable', accept: ESCAPE, tags: ['sandbox', 'security', ...(r.tags ?? [])] });

/** A runtime may refuse to create a link whose relative target leaves the sandbox (safe). */
const REFUSES_ESCAPING: AltErrno[] = [
  { errno: 'notcapable', behaviour: 'ENOTCAPABLE: refuses to create a symlink pointing out of the sandbox (safe)' },
  { errno: 'perm', behaviour: 'EPERM: refuses to create a symlink pointing out of the sandbox (safe)' },
];

/** Create a link pointing out, then use it: the use must be refused (the link itself may exist). */
const madeThenUsed = (name: string, description: string, target: string, linkName: string,
  use: (f: Fixture) => string): CaseDef => ({
  name, description, tags: ['symlinks', 'sandbox', 'security'], tree: T, fs_after: withT({ [linkName]: { symlink: target } }),
  body: (f) => {
    f.expectSuccess(symlinkCall(f, target, linkName), { key: 'symlink_errno', accept: REFUSES_ESCAPING });
    for (const { behaviour } of REFUSES_ESCAPING) {
      f.endIfAlternative(behaviour);
      f.altFsAfter(behaviour, sorted(T));
    }
    f.expectErrno(use(f), 'notcapable', { key: 'use_errno', accept: ESCAPE });
  },
});

export default suite('path_symlink', [
  ok('creates-symlink', 'a symlink is created holding the target text (read back with path_readlink)', ['basic'], 'a.txt', 'ln', withT({ ln: { symlink: 'a.txt' } }), T,
    undefined, 'Create a symbolic link.'),
  ok('reported-as-symbolic-link', 'the new name is reported as symbolic_link by path_filestat_get without follow', ['basic'], 'a.txt', 'ln',
    withT({ ln: { symlink: 'a.txt' } }), T, (f) => checkFiletype(f, 'filetype', 'ln', FILETYPE.symbolic_link)),
  ok('open-through-new-link', 'a file opens through the new link with symlink_follow', ['basic'], 'a.txt', 'ln', withT({ ln: { symlink: 'a.txt' } }), T,
    (f) => checkContent(f, 'content', 'ln', 'hello')),
  ok('dangling-target-allowed', 'the target need not exist: a dangling link is created', ['edge'], 'nowhere/none', 'dang', withT({ dang: { symlink: 'nowhere/none' } }), T,
    undefined, 'The contents of the symbolic link.'),
  ok('target-relative-to-link-directory', 'a link created in sub resolves its target from sub, not from the fd', [], 'b.txt', 'sub/ln',
    { 'a.txt': 'hello', 'b.txt': 'root', sub: { 'b.txt': 'bee', ln: { symlink: 'b.txt' } } }, { ...T, 'b.txt': 'root' },
    (f) => checkContent(f, 'content', 'sub/ln', 'bee')),
  ok('target-with-dotdot-staying-inside', 'a target "../a.txt" from sub stays inside and is followed', ['sandbox'], '../a.txt', 'sub/up',
    { 'a.txt': 'hello', sub: { 'b.txt': 'bee', up: { symlink: '../a.txt' } } }, T, (f) => checkContent(f, 'content', 'sub/up', 'hello')),
  ok('link-to-directory-usable-in-paths', 'a link to a directory works as a middle component (lsub/b.txt)', [], 'sub', 'lsub', withT({ lsub: { symlink: 'sub' } }), T,
    (f) => checkContent(f, 'content', 'lsub/b.txt', 'bee')),
  ok('target-kept-verbatim', 'the target text is stored byte for byte ("./x/../a.txt//"), not normalised', ['edge'], './x/../a.txt//', 'odd',
    withT({ odd: { symlink: './x/../a.txt//' } })),
  ok('target-with-trailing-slash', 'a target "sub/" keeps its trailing slash', ['edge'], 'sub/', 'lsub', withT({ lsub: { symlink: 'sub/' } })),
  ok('self-loop-can-be-created', 'a link pointing at itself can be created (loops only fail when followed)', ['edge'], 'self', 'self', withT({ self: { symlink: 'self' } })),
  ok('unicode-target-and-name', 'non-ASCII UTF-8 target and link name are stored as given', ['unicode'], 'ünï-✓.txt', 'ссылка', withT({ ссылка: { symlink: 'ünï-✓.txt' } })),
  {
    name: 'relative-to-subdirectory-fd', tags: ['symlinks'], tree: T, fs_after: sorted({ 'a.txt': 'hello', sub: { 'b.txt': 'bee', ln: { symlink: 'b.txt' } } }),
    spec: 'docs.md#path_symlink.fd', description: 'new_path is resolved from the fd given, here an opened subdirectory',
    body: (f) => { f.expectSuccess(symlinkCall(f, 'b.txt', 'ln', openDirFd(f, 'sub'))); },
  },
  {
    name: 'needs-path-symlink-right', tags: ['symlinks', 'rights', 'errors'], tree: T, fs_after: sorted(T), spec: 'docs.md#rights.path_symlink',
    description: 'through a directory fd without path_symlink the call fails with ENOTCAPABLE',
    quote: 'The right to invoke path_symlink.',
    body: (f) => {
      const sub = openDirFd(f, 'sub', { rights: DIR_BASE & ~right('path_symlink') });
      f.expectErrno(symlinkCall(f, 'b.txt', 'ln', sub), 'notcapable', { accept: [{ errno: 'success', behaviour: RIGHTS_NOT_ENFORCED }] });
      f.altFsAfter(RIGHTS_NOT_ENFORCED, sorted({ 'a.txt': 'hello', sub: { 'b.txt': 'bee', ln: { symlink: 'b.txt' } } }));
    },
  },
  // errors
  err({ name: 'new-exists-as-file', tags: ['errors'], target: 'x', newPath: 'a.txt', errno: 'exist', description: 'a new_path naming an existing file fails with EEXIST; the file stays' }),
  err({ name: 'new-exists-as-directory', tags: ['errors'], target: 'x', newPath: 'sub', errno: 'exist', description: 'a new_path naming an existing directory fails with EEXIST' }),
  err({ name: 'new-exists-as-dangling-symlink', tags: ['errors'], tree: withT({ dang: { symlink: 'nope' } }), target: 'x', newPath: 'dang', errno: 'exist',
    description: 'a new_path naming a dangling symlink fails with EEXIST (it is not followed)' }),
  err({ name: 'new-parent-missing', tags: ['errors'], target: 'a.txt', newPath: 'nope/ln', errno: 'noent', description: 'a new_path in a missing directory fails with ENOENT' }),
  err({ name: 'new-parent-is-file', tags: ['errors'], target: 'a.txt', newPath: 'a.txt/ln', errno: 'notdir', description: 'a new_path through a regular file fails with ENOTDIR' }),
  err({ name: 'new-trailing-slash', tags: ['errors', 'edge'], target: 'a.txt', newPath: 'ln/', errno: 'noent',
    accept: [{ errno: 'notdir', behaviour: 'ENOTDIR for a trailing slash on a new non-directory name' }],
    description: '"ln/" as new_path names a directory a symlink cannot be: ENOENT (Linux)' }),
  err({ name: 'empty-new-path', tags: ['errors', 'edge'], target: 'a.txt', newPath: '', errno: 'noent', accept: EMPTY_PATH, description: 'an empty new_path fails with ENOENT' }),
  err({ name: 'empty-target', tags: ['errors', 'edge'], target: '', newPath: 'ln', errno: 'noent',
    accept: [{ errno: 'inval', behaviour: 'EINVAL for an empty symlink target' }], description: 'an empty target fails with ENOENT (Linux symlink) and creates nothing' }),
  err({ name: 'nul-in-target', tags: ['errors', 'edge'], target: 'a.txt\0x', newPath: 'ln', errno: 'inval', accept: NUL_ALTS,
    description: 'a NUL byte in the target fails with EINVAL; no link to "a.txt" is made' }),
  err({ name: 'nul-in-new-path', tags: ['errors', 'edge'], target: 'a.txt', newPath: 'ln\0x', errno: 'inval', accept: NUL_ALTS,
    description: 'a NUL byte in new_path fails with EINVAL; no truncated "ln" appears' }),
  {
    name: 'fd-is-a-regular-file', tags: ['errors', 'symlinks'], tree: T, fs_after: sorted(T),
    description: 'path_symlink relative to a regular-file fd fails with ENOTDIR',
    body: (f) => { f.expectErrno(symlinkCall(f, 'a.txt', 'ln', openFile(f, 'a.txt')), 'notdir', { accept: FILE_AS_DIRFD }); },
  },
  {
    name: 'target-pointer-out-of-bounds', tags: ['pointers', 'errors', 'symlinks'], tree: T,
    description: 'a target string running past the end of memory traps',
    body: (f) => f.expectTrap(f.call('path_symlink', f.memEnd - 2, 8, f.preopen(), ...p(f, 'ln')), { accept: [EFAULT] }),
  },
  // sandbox
  escape({ name: 'absolute-target-refused', target: '/etc/passwd', newPath: 'ln', description: 'a link with an absolute target ("/etc/passwd") is refused; nothing is created' }),
  escape({ name: 'absolute-target-to-own-preopen-refused', target: '/sandbox/a.txt', newPath: 'ln',
    description: 'an absolute target is refused even when it names the preopen\'s own guest path' }),
  madeThenUsed('escaping-link-made-then-opened', 'a link to ../outside/canary.txt may be made, but opening through it (trunc) is refused',
    CANARY, 'esc', (f) => f.call('path_open', f.preopen(), LOOKUP.symlink_follow, ...p(f, 'esc'), OFLAGS.trunc, FILE_BASE, 0n, 0, f.out32())),
  madeThenUsed('escaping-dir-link-made-then-created-through', 'a link to ../outside may be made, but creating out/new.txt through it is refused',
    '../outside', 'out', (f) => f.call('path_open', f.preopen(), 0, ...p(f, 'out/new.txt'), OFLAGS.creat, FILE_BASE, 0n, 0, f.out32())),
  madeThenUsed('escaping-dotdot-link-made-then-stat', 'a link to ".." may be made in the root, but "up/outside/canary.txt" is refused',
    '..', 'up', (f) => f.call('path_filestat_get', f.preopen(), 0, ...p(f, 'up/outside/canary.txt'), f.alloc(64, 8))),
  escape({ name: 'new-path-dotdot-escape', target: 'a.txt', newPath: '../outside/ln', description: 'creating "../outside/ln" is refused; nothing appears outside' }),
  escape({ name: 'new-path-absolute', target: 'a.txt', newPath: '/sandbox/ln', description: 'an absolute new_path is refused, even the preopen\'s own guest name' }),
  escape({ name: 'new-path-through-planted-dir-symlink', tree: withT({ outdir: { symlink: '../outside' } }), target: 'a.txt', newPath: 'outdir/ln',
    description: 'creating outdir/ln (outdir -> ../outside) is refused; nothing appears outside' }),
  escape({ name: 'new-path-through-subdir-symlink', tree: { 'a.txt': 'hello', sub: { up: { symlink: '../../outside' } } }, target: 'a.txt', newPath: 'sub/up/ln',
    description: 'creating sub/up/ln (sub/up -> ../../outside) is refused' }),
  err({ name: 'new-path-is-escaping-dangling-symlink', tags: ['sandbox', 'security'], tree: withT({ esc: { symlink: '../outside/ln' } }), target: 'a.txt', newPath: 'esc',
    errno: 'exist', description: 'a new_path that is a symlink pointing out fails with EEXIST; nothing appears outside' }),
  {
    name: 'subdirectory-fd-dotdot-escape', tags: ['symlinks', 'sandbox', 'security'], tree: T, fs_after: sorted(T),
    description: '".." from an opened subdirectory fd is refused for new_path',
    body: (f) => { f.expectErrno(symlinkCall(f, 'a.txt', '../ln', openDirFd(f, 'sub')), 'notcapable', { accept: ESCAPE }); },
  },
]);
