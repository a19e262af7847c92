/**
 * Cross-cutting tables over every path argument of the path_* calls, one fault per case and the
 * sandbox checked unchanged:
 *   cross-<param>-len-past-memory   a valid path pointer with a length of 0xffffffff: the string
 *                                   runs past the end of memory, so the call traps (EFAULT accepted)
 *   cross-unknown-lookupflags-bit   lookupflags with bit 0x2, which the spec does not define:
 *                                   EINVAL (docs/CHOICES.md: undefined flag bits)
 *   cross-<param>-symlink-loop      a path through `loop/`, a symlink to itself, as a middle
 *                                   component (followed whatever the lookupflags): ELOOP
 * (path_symlink's old_path is the link's text, never resolved: no loop row; path_open has its
 * own, suites/path/path_open.ts symlink-self-loop-in-middle.)
 */
import { suite, type CaseDef, type Fixture, type Suite } from '../dsl.js';
import { FSTFLAGS } from '../spec.js';
import { TRAP_ALTS } from '../lib/fd-io.js';
import type { Tree } from '../sidecar.js';

const TREE: Tree = { 'a.txt': 'hello', empty: {}, link: { symlink: 'a.txt' }, loop: { symlink: 'loop' } };
const LONG = 0xffffffff;
/** A defined-bits-only lookupflags value with one undefined bit added. */
const BAD_LOOKUP = 0x2;

type Str = [number, number];
const str = (f: Fixture, s: string): Str => { const { ptr, len } = f.str(s); return [ptr, len]; };
/** The string `s` with its length replaced by 0xffffffff. */
const long = (f: Fixture, s: string): Str => [f.str(s).ptr, LONG];

interface PathArg {
  syscall: string;
  /** The path parameter, as the spec names it. */
  param: string;
  /** The call with `path(s)` giving the (ptr, len) pair of the parameter under test. */
  call: (f: Fixture, path: (f: Fixture, s: string) => Str) => string;
}

const PATHS: PathArg[] = [
  { syscall: 'path_create_directory', param: 'path', call: (f, path) => f.call('path_create_directory', f.preopen(), ...path(f, 'newdir')) },
  { syscall: 'path_filestat_get', param: 'path', call: (f, path) => f.call('path_filestat_get', f.preopen(), 0, ...path(f, 'a.txt'), f.alloc(64, 8)) },
  {
    syscall: 'path_filestat_set_times', param: 'path',
    call: (f, path) => f.call('path_filestat_set_times', f.preopen(), 0, ...path(f, 'a.txt'), 0n, 0n, FSTFLAGS.atim_now),
  },
  { syscall: 'path_link', param: 'old_path', call: (f, path) => f.call('path_link', f.preopen(), 0, ...path(f, 'a.txt'), f.preopen(), ...str(f, 'new-link')) },
  { syscall: 'path_link', param: 'new_path', call: (f, path) => f.call('path_link', f.preopen(), 0, ...str(f, 'a.txt'), f.preopen(), ...path(f, 'new-link')) },
  { syscall: 'path_open', param: 'path', call: (f, path) => f.call('path_open', f.preopen(), 0, ...path(f, 'a.txt'), 0, 0n, 0n, 0, f.out32()) },
  { syscall: 'path_readlink', param: 'path', call: (f, path) => f.call('path_readlink', f.preopen(), ...path(f, 'link'), f.alloc(64), 64, f.out32()) },
  { syscall: 'path_remove_directory', param: 'path', call: (f, path) => f.call('path_remove_directory', f.preopen(), ...path(f, 'empty')) },
  { syscall: 'path_rename', param: 'old_path', call: (f, path) => f.call('path_rename', f.preopen(), ...path(f, 'a.txt'), f.preopen(), ...str(f, 'renamed.txt')) },
  { syscall: 'path_rename', param: 'new_path', call: (f, path) => f.call('path_rename', f.preopen(), ...str(f, 'a.txt'), f.preopen(), ...path(f, 'renamed.txt')) },
  { syscall: 'path_symlink', param: 'old_path', call: (f, path) => f.call('path_symlink', ...path(f, 'a.txt'), f.preopen(), ...str(f, 'new-symlink')) },
  { syscall: 'path_symlink', param: 'new_path', call: (f, path) => f.call('path_symlink', ...str(f, 'a.txt'), f.preopen(), ...path(f, 'new-symlink')) },
  { syscall: 'path_unlink_file', param: 'path', call: (f, path) => f.call('path_unlink_file', f.preopen(), ...path(f, 'a.txt')) },
];

interface LookupArg { syscall: string; param: string; call: (f: Fixture, flags: number) => string }

const LOOKUPS: LookupArg[] = [
  { syscall: 'path_filestat_get', param: 'flags', call: (f, flags) => f.call('path_filestat_get', f.preopen(), flags, ...str(f, 'a.txt'), f.alloc(64, 8)) },
  {
    syscall: 'path_filestat_set_times', param: 'flags',
    call: (f, flags) => f.call('path_filestat_set_times', f.preopen(), flags, ...str(f, 'a.txt'), 0n, 0n, FSTFLAGS.atim_now),
  },
  { syscall: 'path_link', param: 'old_flags', call: (f, flags) => f.call('path_link', f.preopen(), flags, ...str(f, 'a.txt'), f.preopen(), ...str(f, 'new-link')) },
  { syscall: 'path_open', param: 'dirflags', call: (f, flags) => f.call('path_open', f.preopen(), flags, ...str(f, 'a.txt'), 0, 0n, 0n, 0, f.out32()) },
];

const lenCase = (a: PathArg): CaseDef => ({
  name: `cross-${a.param.replace(/_/g, '-')}-len-past-memory`,
  description: `${a.param} with length 0xffffffff runs past the end of memory: ${a.syscall} traps`,
  spec: `docs.md#${a.syscall}.${a.param}`,
  tags: ['pointers', 'errors'],
  tree: TREE, fs_after: TREE,
  body: (f) => f.expectTrap(a.call(f, long), TRAP_ALTS),
});

const lookupCase = (a: LookupArg): CaseDef => ({
  name: 'cross-unknown-lookupflags-bit',
  description: `${a.param} holding bit 0x2, not a lookupflags bit: ${a.syscall} fails with EINVAL`,
  spec: 'docs.md#lookupflags',
  tags: ['errors'],
  tree: TREE, fs_after: TREE,
  body: (f) => { f.expectErrno(a.call(f, BAD_LOOKUP), 'inval'); },
});

const NO_LOOP_ROW = new Set(['path_symlink.old_path', 'path_open.path']);

const loopCase = (a: PathArg): CaseDef => ({
  name: `cross-${a.param.replace(/_/g, '-')}-symlink-loop`,
  description: `${a.param} through a self-referential symlink ("loop/…"): ${a.syscall} fails with ELOOP`,
  spec: 'docs.md#errno.loop',
  quote: 'Too many levels of symbolic links.',
  tags: ['errors', 'symlinks'],
  tree: TREE, fs_after: TREE,
  body: (f) => { f.expectErrno(a.call(f, (g, s) => str(g, `loop/${s}`)), 'loop'); },
});

/** One suite per syscall, so the cases sit in that syscall's folder. */
function bySyscall(): Suite[] {
  const names = [...new Set([...PATHS, ...LOOKUPS].map((a) => a.syscall))].sort();
  return names.map((name) => suite(name, [
    ...PATHS.filter((a) => a.syscall === name).map(lenCase),
    ...PATHS.filter((a) => a.syscall === name && !NO_LOOP_ROW.has(`${a.syscall}.${a.param}`)).map(loopCase),
    ...LOOKUPS.filter((a) => a.syscall === name).map(lookupCase),
  ]));
}

export default bySyscall();
