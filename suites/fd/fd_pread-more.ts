/**
 * fd_pread, more cases: an iovs_len whose byte size wraps 32 bits and a misaligned iovec array
 * trap; reads at an offset see what fd_pwrite and a size change left there.
 */
import { suite } from '../dsl.js';
import { TRAP_ALTS, TREE, openFile, treeWith } from '../lib/fd-io.js';

const QUOTE = "Read from a file descriptor, without using and updating the file descriptor's offset.";

export default suite('fd_pread', [
  {
    name: 'iovs-len-overflows', tags: ['pointers', 'errors'], tree: TREE,
    description: 'iovs_len 0x20000001 (8 x len wraps to 8 in 32 bits) describes an array past memory: trap',
    body: (f) => f.expectTrap(f.call('fd_pread', openFile(f, 'data.txt'), f.iovecs([[f.alloc(8), 8]]), 0x20000001, 0n, f.out32()), TRAP_ALTS),
  },
  {
    name: 'iovs-misaligned', tags: ['pointers', 'errors', 'abi-layout'], tree: TREE, spec: 'docs.md#iovec',
    description: 'an iovec array at an address not 4-byte aligned (iovec alignment is 4) traps',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      const at = f.alloc(16, 8) + 1;
      const buf = f.alloc(8, 1);
      f.emit(`(i32.store (i32.const ${at}) (i32.const ${buf}))`, `(i32.store (i32.const ${at + 4}) (i32.const 8))`);
      f.expectTrap(f.call('fd_pread', fd, at, 1, 0n, f.out32()), TRAP_ALTS);
    },
  },
  {
    name: 'sees-pwrite-past-eof', tags: ['edge'], tree: TREE, quote: QUOTE,
    fs_after: treeWith({ 'data.txt': '0123456789\0\0XY' }),
    description: 'after fd_pwrite at 12 grew the file, fd_pread at 10 returns the two zero bytes of the gap and "XY"',
    body: (f) => {
      const fd = openFile(f, 'data.txt');
      f.ok(f.call('fd_pwrite', fd, f.ciovec('XY').iovs, 1, 12n, f.out32()), 'fd_pwrite("XY", 12)');
      const buf = f.sentinel(8, 0xaa, 1);
      const n = f.out32();
      f.expectSuccess(f.call('fd_pread', fd, f.iovecs([[buf, 8]]), 1, 10n, n));
      f.checkBytes('data', buf, f.u32(n), '\0\0XY');
    },
  },
]);
