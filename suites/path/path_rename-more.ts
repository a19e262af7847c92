/**
 * path_rename, more cases: replacing across two directory fds (a file over a file, a directory
 * over an empty directory); sandbox: `..` in new_path from a subdirectory new_fd (an fd grants
 * its own subtree only), a directory renamed out through a planted symlink, and renaming a
 * directory that holds an escaping symlink (the link moves as text; the canary stays).
 */
import { suite } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { CANARY, ESCAPE, checkContent, openDirFd, p, sorted } from '../lib/path.js';

const T: Tree = sorted({ 'a.txt': 'hello', dir: { 'x.txt': 'x' }, empty: {} });

export default suite('path_rename', [
  {
    name: 'over-file-across-directory-fds', tags: ['rename', 'basic'], tree: sorted({ ...T, dir: { 'x.txt': 'x', 'y.txt': 'old' } }),
    fs_after: sorted({ dir: { 'x.txt': 'x', 'y.txt': 'hello' }, empty: {} }),
    spec: 'docs.md#path_rename.new_fd', quote: 'The working directory at which the resolution of the new path starts.',
    description: 'a.txt renamed through the preopen onto dir/y.txt given as (dir fd, "y.txt") replaces it',
    body: (f) => {
      const dir = openDirFd(f, 'dir');
      f.expectSuccess(f.call('path_rename', f.preopen(), ...p(f, 'a.txt'), dir, ...p(f, 'y.txt')));
      checkContent(f, 'content', 'dir/y.txt', 'hello');
    },
  },
  {
    name: 'directory-over-empty-directory-across-fds', tags: ['rename', 'edge'], tree: sorted({ ...T, dir: { 'x.txt': 'x', hole: {} } }),
    fs_after: sorted({ 'a.txt': 'hello', dir: { 'x.txt': 'x', hole: {} } }),
    description: 'the directory "empty" moved onto the empty dir/hole through a dir fd replaces it',
    body: (f) => {
      const dir = openDirFd(f, 'dir');
      f.expectSuccess(f.call('path_rename', f.preopen(), ...p(f, 'empty'), dir, ...p(f, 'hole')));
    },
  },
  {
    name: 'new-fd-subdirectory-dotdot-escape', tags: ['rename', 'sandbox', 'security'], tree: T, fs_after: T,
    description: '".." in new_path from an opened subdirectory new_fd is refused: "../a2.txt" is not made',
    body: (f) => {
      const dir = openDirFd(f, 'dir');
      f.expectErrno(f.call('path_rename', f.preopen(), ...p(f, 'a.txt'), dir, ...p(f, '../a2.txt')), 'notcapable', { accept: ESCAPE });
    },
  },
  {
    name: 'new-fd-subdirectory-dotdot-to-outside', tags: ['rename', 'sandbox', 'security'], tree: T, fs_after: T,
    description: '"../../outside/a.txt" from a subdirectory new_fd is refused; nothing appears outside',
    body: (f) => {
      const dir = openDirFd(f, 'dir');
      f.expectErrno(f.call('path_rename', f.preopen(), ...p(f, 'a.txt'), dir, ...p(f, `../${CANARY.replace('canary.txt', 'a.txt')}`)), 'notcapable', { accept: ESCAPE });
    },
  },
  {
    name: 'directory-out-through-planted-symlink', tags: ['rename', 'sandbox', 'security', 'symlinks'],
    tree: sorted({ ...T, outdir: { symlink: '../outside' } }), fs_after: sorted({ ...T, outdir: { symlink: '../outside' } }),
    description: 'moving the directory "dir" to outdir/dir (outdir -> ../outside) is refused; it stays inside',
    body: (f) => {
      const pre = f.preopen();
      f.expectErrno(f.call('path_rename', pre, ...p(f, 'dir'), pre, ...p(f, 'outdir/dir')), 'notcapable', { accept: ESCAPE });
    },
  },
  {
    name: 'directory-holding-escaping-symlink', tags: ['rename', 'sandbox', 'security', 'symlinks'],
    tree: sorted({ ...T, box: { esc: { symlink: `../${CANARY}` } } }),
    fs_after: sorted({ ...T, box2: { esc: { symlink: `../${CANARY}` } } }),
    description: 'a directory holding a symlink that points out is renamed with the link as text; canary intact',
    body: (f) => {
      const pre = f.preopen();
      f.expectSuccess(f.call('path_rename', pre, ...p(f, 'box'), pre, ...p(f, 'box2')));
    },
  },
]);
