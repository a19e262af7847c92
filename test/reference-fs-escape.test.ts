/**
 * Sandbox escapes through the reference's syscalls: `..`, absolute paths, symlinks (relative,
 * absolute, chains, loops) and hard links, on HostFS and MemoryFS, both ABIs. The sandbox is
 * fd 3; a canary tree lives OUTSIDE it (`../outside/canary.txt`, `../outside/dir/`), and after
 * every row the canary must be byte-for-byte unchanged (fs-table.ts checks it) — an escape is
 * ENOTCAPABLE (docs/CHOICES.md) and touches nothing.
 */
import { FSTFLAGS, LOOKUP, rights } from '../suites/spec.js';
import { DIR_ALL, FILE_RW, open, runFsTable, SANDBOX, type FsRow } from './helpers/fs-table.js';
import { ciovs, fdOf, iovs, out, outWithLen, step, str } from './helpers/wasi-calls.js';

const F: number = LOOKUP.symlink_follow;
const W = { rights: FILE_RW, oflags: ['trunc' as const] };
const write = (fd = fdOf('f')) => step('fd_write', fd, ciovs('pwned'), out('nw', 4, 4));

const ROWS: FsRow[] = [
  // `..` and absolute paths
  { name: '.. from the preopen root', steps: () => [open('f', '../outside/canary.txt', W), write()], errnos: ['notcapable', 'badf'] },
  { name: '.. after descending', steps: () => [open('f', 'sub/../../outside/canary.txt', W)], errnos: ['notcapable'] },
  { name: '.. deep inside, then out', steps: () => [open('f', 'sub/deep/../../../outside/canary.txt', W)], errnos: ['notcapable'] },
  { name: 'plain ..', steps: () => [step('path_filestat_get', SANDBOX, F, str('..'), out('st', 64))], errnos: ['notcapable'] },
  { name: 'an absolute path', steps: () => [open('f', '/etc/passwd', { rights: rights('fd_read') })], errnos: ['notcapable'] },
  { name: 'an absolute path naming the canary', steps: () => [step('path_unlink_file', SANDBOX, str('/outside/canary.txt'))], errnos: ['notcapable'] },
  { name: 'create a file outside', steps: () => [open('f', '../outside/new.txt', { oflags: ['creat'] })], errnos: ['notcapable'] },
  { name: 'mkdir outside', steps: () => [step('path_create_directory', SANDBOX, str('../outside/newdir'))], errnos: ['notcapable'] },
  { name: 'rmdir outside', steps: () => [step('path_remove_directory', SANDBOX, str('../outside/dir'))], errnos: ['notcapable'] },
  { name: 'unlink outside', steps: () => [step('path_unlink_file', SANDBOX, str('../outside/canary.txt'))], errnos: ['notcapable'] },
  { name: 'set times outside', steps: () => [step('path_filestat_set_times', SANDBOX, F, str('../outside/canary.txt'), 0n, 0n, FSTFLAGS.mtim)],
    errnos: ['notcapable'] },
  { name: 'readlink outside', steps: () => [step('path_readlink', SANDBOX, str('../outside/canary.txt'), outWithLen('b', 16), out('n', 4, 4))], errnos: ['notcapable'] },
  { name: 'a subdirectory fd cannot reach its parent', steps: () => [open('d', 'sub', { oflags: ['directory'], rights: DIR_ALL, inheriting: FILE_RW }),
    open('f', '../a.txt', { dirfd: fdOf('d') })], errnos: ['success', 'notcapable'] },

  // symbolic links planted by the host
  { name: 'relative symlink to the canary', tree: { out: { symlink: '../outside/canary.txt' } }, steps: () => [open('f', 'out', W), write()],
    errnos: ['notcapable', 'badf'] },
  { name: 'absolute symlink to the canary', tree: { out: { symlink: '@OUTSIDE@/canary.txt' } }, steps: () => [open('f', 'out', W)], errnos: ['notcapable'] },
  { name: 'absolute symlink to the outside directory, used on the way', tree: { od: { symlink: '@OUTSIDE@' } },
    steps: () => [step('path_unlink_file', SANDBOX, str('od/canary.txt')), step('path_create_directory', SANDBOX, str('od/x'))], errnos: ['notcapable', 'notcapable'] },
  { name: 'relative symlink to the outside directory, used on the way', tree: { od: { symlink: '../outside' } },
    steps: () => [step('path_rename', SANDBOX, str('od/canary.txt'), SANDBOX, str('got'))], errnos: ['notcapable'] },
  { name: 'symlink to .. at the root', tree: { up: { symlink: '..' } }, steps: () => [open('f', 'up/outside/canary.txt', W)], errnos: ['notcapable'] },
  { name: 'symlink in a subdirectory climbing out', tree: { sub: { s: { symlink: '../../outside/canary.txt' } } }, steps: () => [open('f', 'sub/s', W)],
    errnos: ['notcapable'] },
  { name: 'a chain of symlinks whose last hop leaves', tree: { s1: { symlink: 'sub/s2' }, sub: { s2: { symlink: 's3' }, s3: { symlink: '../../outside/canary.txt' } } },
    steps: () => [open('f', 's1', W)], errnos: ['notcapable'] },
  { name: 'a dangling symlink pointing out is not created through', tree: { out: { symlink: '../outside/created.txt' } },
    steps: () => [open('f', 'out', { oflags: ['creat'] })], errnos: ['notcapable'] },
  { name: 'set times through a symlink pointing out', tree: { out: { symlink: '../outside/canary.txt' } },
    steps: () => [step('path_filestat_set_times', SANDBOX, F, str('out'), 0n, 0n, FSTFLAGS.mtim)], errnos: ['notcapable'] },
  { name: 'stat through a symlink pointing out', tree: { out: { symlink: '../outside/canary.txt' } },
    steps: () => [step('path_filestat_get', SANDBOX, F, str('out'), out('st', 64))], errnos: ['notcapable'] },
  { name: 'without follow, a symlink pointing out is only the link', tree: { out: { symlink: '../outside/canary.txt' } },
    steps: () => [step('path_filestat_get', SANDBOX, 0, str('out'), out('st', 64)), step('path_unlink_file', SANDBOX, str('out'))], errnos: ['success', 'success'],
    after: {} },
  { name: 'a symlink loop is ELOOP', tree: { l1: { symlink: 'l2' }, l2: { symlink: 'l1' } }, steps: () => [open('f', 'l1')], errnos: ['loop'] },
  { name: 'a self-referencing directory symlink is ELOOP', tree: { me: { symlink: 'me' } }, steps: () => [open('f', 'me/x', { oflags: ['creat'] })], errnos: ['loop'] },
  { name: 'control: a symlink with .. that stays inside works', tree: { f: 'in', sub: { up: { symlink: '../f' } } },
    steps: () => [open('f', 'sub/up'), step('fd_read', fdOf('f'), iovs('b', 8), out('n', 4, 4))], errnos: ['success', 'success'],
    check: (r) => expect(r.iovText('b', r.u32('n'))).toBe('in') },

  // symbolic links the guest makes
  { name: 'a guest symlink pointing out can be made but not followed', tree: {}, steps: () => [step('path_symlink', str('../outside/canary.txt'), SANDBOX, str('l')),
    open('f', 'l', W)], errnos: ['success', 'notcapable'], after: { l: { symlink: '../outside/canary.txt' } } },
  { name: 'a guest symlink with an absolute target is refused', tree: {}, steps: () => [step('path_symlink', str('/outside/canary.txt'), SANDBOX, str('l'))],
    errnos: ['notcapable'] },
  { name: 'a guest symlink placed outside is refused', tree: {}, steps: () => [step('path_symlink', str('x'), SANDBOX, str('../outside/l'))], errnos: ['notcapable'] },

  // a directory fd whose name is swapped for a symlink pointing out
  { name: 'a dir fd keeps naming its directory after rename + symlink swap', tree: { sub: { 'b.txt': 'bee' } },
    steps: () => [open('d', 'sub', { oflags: ['directory'], rights: DIR_ALL, inheriting: FILE_RW }),
      step('path_rename', SANDBOX, str('sub'), SANDBOX, str('sub2')), step('path_symlink', str('../outside'), SANDBOX, str('sub')),
      open('f', 'canary.txt', { dirfd: fdOf('d'), oflags: ['creat'] }), write(), open('g', 'b.txt', { dirfd: fdOf('d') }),
      step('fd_read', fdOf('g'), iovs('b', 8), out('n', 4, 4))],
    errnos: ['success', 'success', 'success', 'success', 'success', 'success', 'success'],
    check: (r) => expect(r.iovText('b', r.u32('n'))).toBe('bee'),
    after: { sub: { symlink: '../outside' }, sub2: { 'b.txt': 'bee', 'canary.txt': 'pwned' } } },

  // hard links
  { name: 'hard link to the canary', tree: {}, steps: () => [step('path_link', SANDBOX, 0, str('../outside/canary.txt'), SANDBOX, str('stolen'))], errnos: ['notcapable'] },
  { name: 'hard link placed outside', tree: { f: 'x' }, steps: () => [step('path_link', SANDBOX, 0, str('f'), SANDBOX, str('../outside/planted'))], errnos: ['notcapable'] },
  { name: 'hard link following a symlink that points out', tree: { out: { symlink: '../outside/canary.txt' } },
    steps: () => [step('path_link', SANDBOX, F, str('out'), SANDBOX, str('stolen'))], errnos: ['notcapable'] },
  { name: 'hard link of a symlink pointing out, then followed', tree: { out: { symlink: '../outside/canary.txt' } },
    steps: () => [step('path_link', SANDBOX, 0, str('out'), SANDBOX, str('copy')), open('f', 'copy', W)], errnos: ['success', 'notcapable'],
    after: { out: { symlink: '../outside/canary.txt' }, copy: { symlink: '../outside/canary.txt' } } },

  // rename
  { name: 'rename a sandbox file out', tree: { f: 'x' }, steps: () => [step('path_rename', SANDBOX, str('f'), SANDBOX, str('../outside/f'))], errnos: ['notcapable'] },
  { name: 'rename the canary in', tree: {}, steps: () => [step('path_rename', SANDBOX, str('../outside/canary.txt'), SANDBOX, str('got'))], errnos: ['notcapable'] },
  { name: 'rename over the canary', tree: { f: 'x' }, steps: () => [step('path_rename', SANDBOX, str('f'), SANDBOX, str('../outside/canary.txt'))], errnos: ['notcapable'] },
];

runFsTable('sandbox escapes', ROWS);
