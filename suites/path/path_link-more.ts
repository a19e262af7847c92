/**
 * path_link, more sandbox cases: `..` in new_path from a subdirectory new_fd (an fd grants its
 * own subtree only), and linking a file from outside in through a symlink to ../outside that
 * was renamed over a directory's name.
 */
import { suite } from '../dsl.js';
import type { Tree } from '../sidecar.js';
import { ESCAPE, openDirFd, p, sorted } from '../lib/path.js';

const T: Tree = sorted({ 'a.txt': 'hello', sub: { 'b.txt': 'bee' } });

export default suite('path_link', [
  {
    name: 'new-fd-subdirectory-dotdot-escape', tags: ['links', 'sandbox', 'security'], tree: T, fs_after: T,
    description: '".." in new_path from an opened subdirectory new_fd is refused: "../a2.txt" is not made',
    body: (f) => {
      const sub = openDirFd(f, 'sub');
      f.expectErrno(f.call('path_link', f.preopen(), 0, ...p(f, 'a.txt'), sub, ...p(f, '../a2.txt')), 'notcapable', { accept: ESCAPE });
    },
  },
  {
    name: 'new-fd-subdirectory-dotdot-to-outside', tags: ['links', 'sandbox', 'security'], tree: T, fs_after: T,
    description: '"../../outside/stolen.txt" from a subdirectory new_fd is refused; nothing appears outside',
    body: (f) => {
      const sub = openDirFd(f, 'sub');
      f.expectErrno(f.call('path_link', f.preopen(), 0, ...p(f, 'a.txt'), sub, ...p(f, '../../outside/stolen.txt')), 'notcapable', { accept: ESCAPE });
    },
  },
  {
    name: 'old-path-through-swapped-in-symlink', tags: ['links', 'sandbox', 'security', 'symlinks'],
    tree: sorted({ ...T, esc: { symlink: '../outside' } }), fs_after: sorted({ 'a.txt': 'hello', sub: { symlink: '../outside' }, sub2: { 'b.txt': 'bee' } }),
    description: 'after "sub" is swapped for a symlink to ../outside, linking sub/canary.txt in is refused',
    body: (f) => {
      const pre = f.preopen();
      f.ok(f.call('path_rename', pre, ...p(f, 'sub'), pre, ...p(f, 'sub2')), 'path_rename(sub, sub2)');
      f.ok(f.call('path_rename', pre, ...p(f, 'esc'), pre, ...p(f, 'sub')), 'path_rename(esc, sub)');
      f.expectErrno(f.call('path_link', pre, 0, ...p(f, 'sub/canary.txt'), pre, ...p(f, 'stolen.txt')), 'notcapable', { accept: ESCAPE });
    },
  },
]);
