/**
 * fd_pwrite, more cases: an iovs_len whose byte size wraps 32 bits and a misaligned ciovec
 * array trap; fd_seek from the end and fd_tell follow the size fd_pwrite gave the file, not the
 * offset it wrote at.
 */
import { suite } from '../dsl.js';
import { TRAP_ALTS, TREE, openFile, treeWith } from '../lib/fd-io.js';

const QUOTE = "Write to a file descriptor, without using and updating the file descriptor's offset.";

export default suite('fd_pwrite', [
  {
    name: 'iovs-len-overflows', tags: ['pointers', 'errors'], tree: TREE,
    description: 'iovs_len 0x20000001 (8 x len wraps to 8 in 32 bits) describes an array past memory: trap',
    body: (f) => f.expectTrap(f.call('fd_pwrite', openFile(f, 'empty.txt'), f.ciovec('x').iovs, 0x20000001, 0n, f.out32()), TRAP_ALTS),
  },
  {
    name: 'iovs-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: TREE, spec: 'docs.md#ciovec',
    description: 'a ciovec array at an address not 4-byte aligned (ciovec alignment is 4) traps',
    body: (f) => {
      const fd = openFile(f, 'empty.txt');
      const at = f.alloc(16, 8) + 2;
      f.emit(`(i32.store (i32.const ${at}) (i32.const ${f.bytes('x')}))`, `(i32.store (i32.const ${at + 4}) (i32.const 1))`);
      f.expectTrap(f.call('fd_pwrite', fd, at, 1, 0n, f.out32()), TRAP_ALTS);
    },
  },
  {
    name: 'seek-end-sees-growth', tags: ['edge'], tree: TREE, quote: QUOTE,
    fs_after: treeWith({ 'data.txt': '0123456789\0\0XY' }),
    description: 'after fd_pwrite at 12 grew a 10-byte file, fd_seek(0, end) returns the new size 14',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.ok(f.call('fd_pwrite', fd, f.ciovec('XY').iovs, 1, 12n, f.out32()), 'fd_pwrite("XY", 12)');
      const out = f.out64();
      f.expectSuccess(f.call('fd_seek', fd, 0n, f.abi.whence.end, out));
      f.check('newoffset', f.u64(out), 14n);
    },
  },
  {
    name: 'offset-unchanged-after-growth', tags: ['basic'], tree: TREE, quote: QUOTE,
    fs_after: treeWith({ 'data.txt': '0123456789\0\0XY' }),
    description: 'after reading 3 bytes, an fd_pwrite that grows the file leaves fd_tell at 3',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.ok(f.call('fd_read', fd, f.iovecs([[f.alloc(3), 3]]), 1, f.out32()), 'fd_read 3 bytes');
      f.expectSuccess(f.call('fd_pwrite', fd, f.ciovec('XY').iovs, 1, 12n, f.out32()), { key: 'pwrite_errno' });
      const out = f.out64();
      f.ok(f.call('fd_tell', fd, out), 'fd_tell');
      f.check('offset', f.u64(out), 3n);
    },
  },
]);
