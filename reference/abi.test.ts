import { ABIS, ERRNO_NAMES, errno, errnoName, preview1, rights, unstable, abiForModule, type Layout } from './abi.js';

const WIDTH = { u8: 1, u16: 2, u32: 4, u64: 8 } as const;

describe('abi tables', () => {
  test('77 errnos in witx order, ENOTCAPABLE last', () => {
    expect(ERRNO_NAMES).toHaveLength(77);
    expect(errno.success).toBe(0);
    expect(errno['2big']).toBe(1);
    expect(errno.badf).toBe(8);
    expect(errno.inval).toBe(28);
    expect(errno.nosys).toBe(52);
    expect(errno.notcapable).toBe(76);
    expect(errnoName(44)).toBe('noent');
    expect(errnoName(77)).toBe('errno#77');
  });

  test('function lists: 46 in preview1, 45 in unstable (no sock_accept), no duplicates', () => {
    expect(preview1.functions).toHaveLength(46);
    expect(unstable.functions).toHaveLength(45);
    expect(new Set(preview1.functions).size).toBe(46);
    expect(unstable.functions).not.toContain('sock_accept');
    expect(preview1.functions.filter((f) => !unstable.functions.includes(f))).toEqual(['sock_accept']);
  });

  test('module names and lookup by module name', () => {
    expect(preview1.moduleName).toBe('wasi_snapshot_preview1');
    expect(unstable.moduleName).toBe('wasi_unstable');
    expect(abiForModule('wasi_unstable')).toBe(unstable);
    expect(abiForModule('env')).toBeUndefined();
  });

  test('whence differs: preview1 set=0 cur=1 end=2, unstable cur=0 end=1 set=2', () => {
    expect(preview1.whence).toEqual({ set: 0, cur: 1, end: 2 });
    expect(unstable.whence).toEqual({ cur: 0, end: 1, set: 2 });
  });

  test('filestat: 64 bytes / nlink u64 @24 (preview1), 56 bytes / nlink u32 @20 (unstable)', () => {
    expect(preview1.layouts.filestat.size).toBe(64);
    expect(preview1.layouts.filestat.fields.nlink).toEqual({ offset: 24, type: 'u64' });
    expect(preview1.layouts.filestat.fields.ctim.offset).toBe(56);
    expect(unstable.layouts.filestat.size).toBe(56);
    expect(unstable.layouts.filestat.fields.nlink).toEqual({ offset: 20, type: 'u32' });
    expect(unstable.layouts.filestat.fields.size.offset).toBe(24);
  });

  test('subscription: 48 bytes (preview1), 56 with clock identifier (unstable)', () => {
    expect(preview1.layouts.subscription.size).toBe(48);
    expect(preview1.layouts.subscription.fields.clock_identifier).toBeUndefined();
    expect(preview1.layouts.subscription.fields.clock_timeout.offset).toBe(24);
    expect(unstable.layouts.subscription.size).toBe(56);
    expect(unstable.layouts.subscription.fields.clock_identifier).toEqual({ offset: 16, type: 'u64' });
    expect(unstable.layouts.subscription.fields.clock_timeout.offset).toBe(32);
  });

  test('sock_accept right only in preview1; allRights covers exactly the defined bits', () => {
    expect(rights.sock_accept).toBe(1n << 29n);
    expect(unstable.rights.sock_accept).toBeUndefined();
    expect(preview1.allRights).toBe((1n << 30n) - 1n);
    expect(unstable.allRights).toBe((1n << 29n) - 1n);
  });

  test.each(Object.values(ABIS).flatMap((abi) => Object.entries(abi.layouts).map(([n, l]) => [`${abi.name} ${n}`, l] as const)))(
    '%s: fields naturally aligned, inside the struct, not overlapping',
    (_name, layout: Layout) => {
      const taken = new Map<number, string>();
      for (const [field, { offset, type }] of Object.entries(layout.fields)) {
        const width = WIDTH[type];
        expect(offset % width).toBe(0);
        expect(offset + width).toBeLessThanOrEqual(layout.size);
        expect(width).toBeLessThanOrEqual(layout.align);
        for (let b = offset; b < offset + width; b++) {
          const other = taken.get(b);
          // union members (subscription clock vs fd) may share bytes; nothing else may
          if (other && !(field === 'fd' || other === 'fd')) throw new Error(`${field} overlaps ${other}`);
          taken.set(b, field);
        }
      }
      expect(layout.size % layout.align).toBe(0);
    },
  );
});
