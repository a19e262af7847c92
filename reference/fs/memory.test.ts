/**
 * MemoryFS specifics the shared sandbox table does not reach: exact nanoseconds, the injected
 * clock, inode and link counts, the tree round trip, and its preopen roots.
 */
import { errnoName, filetype } from '../abi.js';
import { WasiError } from '../errors.js';
import { MemoryFS } from './memory.js';
import * as ops from './sandbox.js';

const RW = { follow: true, create: false, exclusive: false, truncate: false, directory: false, read: true, write: true };
const errnoOf = (fn: () => unknown): string => {
  try {
    fn();
    return 'success';
  } catch (e) {
    if (e instanceof WasiError) return errnoName(e.errno);
    throw e;
  }
};

describe('MemoryFS', () => {
  test('keeps timestamps to the nanosecond', () => {
    const fs = new MemoryFS({ f: 'x' });
    const root = fs.openRoot('/');
    ops.setTimesPath(root, 'f', false, { atim: 1_600_000_000_123_456_789n, mtim: 1n });
    const st = root.lstatAt('f');
    expect([st.atim, st.mtim]).toEqual([1_600_000_000_123_456_789n, 1n]);
  });

  test('uses the injected clock for creation, writes and status changes', () => {
    let now = 1000n;
    const fs = new MemoryFS({}, { now: () => now });
    const root = fs.openRoot('/');
    const o = ops.openPath(root, 'f', { ...RW, create: true });
    expect(root.lstatAt('f')).toMatchObject({ atim: 1000n, mtim: 1000n, ctim: 1000n });
    now = 2000n;
    if (o.kind === 'file') o.file.write(new Uint8Array([1]), 0n);
    expect(root.lstatAt('f')).toMatchObject({ atim: 1000n, mtim: 2000n, ctim: 2000n });
    expect(root.stat().mtim).toBe(1000n); // the directory changed when f was created, not written
    now = 3000n;
    ops.renamePath(root, 'f', root, 'g');
    expect(root.lstatAt('g')).toMatchObject({ mtim: 2000n, ctim: 3000n });
    expect(root.stat()).toMatchObject({ mtim: 3000n, ctim: 3000n });
  });

  test('inodes are distinct, hard links share one, directories count their subdirectories', () => {
    const fs = new MemoryFS({ a: 'x', d: { e: {}, f: {}, g: 'y' } });
    const root = fs.openRoot('/');
    ops.linkPath(root, 'a', false, root, 'b');
    const [a, b, d] = [root.lstatAt('a'), root.lstatAt('b'), root.lstatAt('d')];
    expect(a.ino).toBe(b.ino);
    expect(a.nlink).toBe(2n);
    expect(d.nlink).toBe(4n); // its entry, its `.`, and the `..` of e and f
    expect(new Set([a.ino, d.ino, root.stat().ino]).size).toBe(3);
    expect(new Set([a.dev, d.dev])).toEqual(new Set([fs.dev]));
  });

  test('an unlinked open file reports nlink 0 and keeps its data', () => {
    const fs = new MemoryFS({ f: 'data' });
    const root = fs.openRoot('/');
    const o = ops.openPath(root, 'f', RW);
    ops.unlinkPath(root, 'f');
    if (o.kind !== 'file') throw new Error('not a file');
    expect(o.file.stat()).toMatchObject({ nlink: 0n, size: 4n, filetype: filetype.regular_file });
  });

  test('.. of a moved directory is its new parent', () => {
    const fs = new MemoryFS({ a: { d: {} }, b: {} });
    const root = fs.openRoot('/');
    ops.renamePath(root, 'a/d', root, 'b/d');
    const d = root.openDirAt('b').openDirAt('d');
    const dotdot = d.entries().find((e) => e.name === '..')!;
    expect(dotdot.ino).toBe(root.lstatAt('b').ino);
  });

  test('toTree round-trips text, binary files, symlinks and directories', () => {
    const tree = { 't.txt': 'text', 'b.bin': { file: Buffer.from([0xff, 0, 1]).toString('base64'), encoding: 'base64' as const },
      l: { symlink: '../x' }, d: { e: {} } };
    expect(new MemoryFS(tree).toTree()).toEqual(tree);
    expect(new MemoryFS({ u: new Uint8Array([104, 105]) }).toTree()).toEqual({ u: 'hi' });
  });

  test('preopen roots: a path in the tree; missing or non-directory paths fail', () => {
    const fs = new MemoryFS({ srv: { www: { 'i.html': '<p>' } }, f: 'x' });
    expect(fs.openRoot('/srv/www').entries().map((e) => e.name)).toEqual(['.', '..', 'i.html']);
    expect(errnoOf(() => fs.openRoot('/nope'))).toBe('noent');
    expect(errnoOf(() => fs.openRoot('/f'))).toBe('notdir');
  });

  test('names longer than 255 bytes are ENAMETOOLONG; invalid tree names are refused', () => {
    const root = new MemoryFS().openRoot('/');
    expect(errnoOf(() => ops.mkdirPath(root, 'x'.repeat(256)))).toBe('nametoolong');
    expect(errnoOf(() => ops.mkdirPath(root, 'x'.repeat(255)))).toBe('success');
    expect(() => new MemoryFS({ 'a/b': 'x' })).toThrow(TypeError);
  });

  test('files beyond the size limit are EFBIG', () => {
    const root = new MemoryFS({ f: '' }).openRoot('/');
    const o = ops.openPath(root, 'f', RW);
    if (o.kind !== 'file') throw new Error('not a file');
    expect(errnoOf(() => o.file.write(new Uint8Array(1), 1n << 40n))).toBe('fbig');
    expect(errnoOf(() => o.file.setSize(1n << 40n))).toBe('fbig');
  });
});
