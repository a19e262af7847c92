import { rights } from '../abi.js';
import { runWat, wasiModule } from '../../test/helpers/run-wat.js';

const ABIS = ['preview1', 'unstable'] as const;
type Abi = typeof ABIS[number];

/** Data "hello " at 1024 and "world\n" at 1040; iovecs for them at 64 and 72. */
const HELLO = `
  (data (i32.const 1024) "hello ")
  (data (i32.const 1040) "world\\n")
  (func $iovs
    (i32.store (i32.const 64) (i32.const 1024)) (i32.store (i32.const 68) (i32.const 6))
    (i32.store (i32.const 72) (i32.const 1040)) (i32.store (i32.const 76) (i32.const 6)))`;

function writeModule(abi: Abi, call: string) {
  return wasiModule(abi, ['fd_write', 'fd_close'], `${HELLO}
  (func (export "_start")
    (call $iovs)
    (i32.store (i32.const 8) (i32.const 0xaaaaaaaa))
    ${call})`);
}

describe.each(ABIS)('fd_write (%s)', (abi) => {
  test('gathers the iovecs in order to stdout; nwritten is the total', async () => {
    const r = await runWat(writeModule(abi, '(i32.store (i32.const 0) (call $fd_write (i32.const 1) (i32.const 64) (i32.const 2) (i32.const 8)))'), { abi });
    expect(r.u32(0)).toBe(0);
    expect(r.stdout).toBe('hello world\n');
    expect(r.u32(8)).toBe(12);
  });

  test('fd 2 is stderr', async () => {
    const r = await runWat(writeModule(abi, '(i32.store (i32.const 0) (call $fd_write (i32.const 2) (i32.const 72) (i32.const 1) (i32.const 8)))'), { abi });
    expect([r.u32(0), r.u32(8), r.stderr, r.stdout]).toEqual([0, 6, 'world\n', '']);
  });

  test('no iovecs: nwritten 0', async () => {
    const r = await runWat(writeModule(abi, '(i32.store (i32.const 0) (call $fd_write (i32.const 1) (i32.const 64) (i32.const 0) (i32.const 8)))'), { abi });
    expect([r.u32(0), r.u32(8), r.stdout]).toEqual([0, 0, '']);
  });

  test.each([3, 0x7fffffff])('fd %d is not open: EBADF, nwritten untouched', async (fd) => {
    const r = await runWat(writeModule(abi, `(i32.store (i32.const 0) (call $fd_write (i32.const ${fd}) (i32.const 64) (i32.const 2) (i32.const 8)))`), { abi });
    expect([r.u32(0), r.u32(8)]).toEqual([8, 0xaaaaaaaa]);
  });

  test.each([
    ['an iovec buffer leaving memory', '(i32.store (i32.const 76) (i32.const 0x10000))', '(i32.const 8)'],
    ['a misaligned nwritten', '', '(i32.const 10)'],
    ['nwritten out of bounds', '', '(i32.const 65536)'],
    ['a misaligned iovec array', '', '(i32.const 8)', 66],
  ])('%s traps before anything is written', async (_n, setup, nwritten, iovs = 64) => {
    const r = await runWat(writeModule(abi, `${setup}
      (drop (call $fd_write (i32.const 1) (i32.const ${iovs}) (i32.const 2) ${nwritten}))`), { abi });
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(r.stdout).toBe('');
  });
});

describe.each(ABIS)('fd_read (%s)', (abi) => {
  /** Two reads of up to 8+8 bytes into 1024/1032: errnos at 0/4, nread at 8/12. */
  const readModule = wasiModule(abi, ['fd_read'], `
  (func (export "_start")
    (i32.store (i32.const 64) (i32.const 1024)) (i32.store (i32.const 68) (i32.const 8))
    (i32.store (i32.const 72) (i32.const 1032)) (i32.store (i32.const 76) (i32.const 8))
    (i32.store (i32.const 0) (call $fd_read (i32.const 0) (i32.const 64) (i32.const 2) (i32.const 8)))
    (i32.store (i32.const 80) (i32.add (i32.const 1024) (i32.load (i32.const 8))))
    (i32.store (i32.const 84) (i32.sub (i32.const 16) (i32.load (i32.const 8))))
    (i32.store (i32.const 4) (call $fd_read (i32.const 0) (i32.const 80) (i32.const 1) (i32.const 12))))`);

  test('reads stdin into the iovecs (short reads allowed); all bytes arrive in order', async () => {
    const r = await runWat(readModule, { abi, stdin: 'abcdefghij' });
    expect([r.u32(0), r.u32(4)]).toEqual([0, 0]);
    const first = r.u32(8);
    expect(first).toBeGreaterThan(0);
    expect(first + r.u32(12)).toBe(10);
    expect(r.text(1024, 10)).toBe('abcdefghij');
  });

  test('end of input reads 0 bytes', async () => {
    const r = await runWat(readModule, { abi, stdin: '' });
    expect([r.u32(0), r.u32(8), r.u32(4), r.u32(12)]).toEqual([0, 0, 0, 0]);
  });

  test('a misaligned nread traps', async () => {
    const r = await runWat(wasiModule(abi, ['fd_read'], `
    (func (export "_start")
      (i32.store (i32.const 64) (i32.const 1024)) (i32.store (i32.const 68) (i32.const 8))
      (drop (call $fd_read (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 6))))`), { abi, stdin: 'x' });
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
  });
});

describe.each(ABIS)('fd_fdstat_get / fd_close (%s)', (abi) => {
  const fdstatModule = (fd: number, buf = 64) => wasiModule(abi, ['fd_fdstat_get'], `
  (func (export "_start")
    (memory.fill (i32.const 64) (i32.const 0xaa) (i32.const 24))
    (i32.store (i32.const 0) (call $fd_fdstat_get (i32.const ${fd}) (i32.const ${buf}))))`);

  test.each([0, 1, 2])('fd %d: a readable and writable stream without seek rights', async (fd) => {
    const r = await runWat(fdstatModule(fd), { abi });
    expect(r.u32(0)).toBe(0);
    expect(r.u8(64)).toBe(4); // runWat backs stdio with regular files
    expect(r.u8(65)).toBe(0); // padding is zeroed
    expect(r.u16(66)).toBe(0);
    const base = r.u64(72);
    expect(base & rights.fd_read).toBe(rights.fd_read);
    expect(base & rights.fd_write).toBe(rights.fd_write);
    expect(base & (rights.fd_seek | rights.fd_tell)).toBe(0n);
    expect(r.u64(80)).toBe(0n);
  });

  test('an fd that is not open: EBADF, buffer untouched', async () => {
    const r = await runWat(fdstatModule(3), { abi });
    expect(r.u32(0)).toBe(8);
    expect(r.u8(64)).toBe(0xaa);
  });

  test('a buffer aligned to 4 but not 8 traps', async () => {
    const r = await runWat(fdstatModule(1, 68), { abi });
    expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
  });

  test('fd_close(1): later writes are EBADF, a second close is EBADF', async () => {
    const r = await runWat(writeModule(abi, `
      (i32.store (i32.const 0) (call $fd_close (i32.const 1)))
      (i32.store (i32.const 4) (call $fd_write (i32.const 1) (i32.const 64) (i32.const 2) (i32.const 8)))
      (i32.store (i32.const 12) (call $fd_close (i32.const 1)))
      (i32.store (i32.const 16) (call $fd_write (i32.const 2) (i32.const 64) (i32.const 1) (i32.const 8)))`), { abi });
    expect([r.u32(0), r.u32(4), r.u32(12), r.u32(16)]).toEqual([0, 8, 8, 0]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('hello ');
  });

  test('fd_close of an fd that was never open is EBADF', async () => {
    const r = await runWat(writeModule(abi, '(i32.store (i32.const 0) (call $fd_close (i32.const 9)))'), { abi });
    expect(r.u32(0)).toBe(8);
  });
});
