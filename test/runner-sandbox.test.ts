/** Sandbox trees on the host: built from a sidecar, read back without following symlinks, escapes found. */
import { describe, expect, test } from '@jest/globals';
import { existsSync, fstatSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sidecar, Tree } from '../suites/sidecar.js';
import { CAN_SWEEP, closeFdsUnder } from '../runner/fdsweep.js';
import { capText, createSandbox, disposeSandbox, inspectSandbox, readCapped } from '../runner/sandbox.js';
import { diffTrees } from '../runner/tree.js';

const TREE: Tree = {
  'a.txt': 'hello',
  bin: { file: Buffer.from([0, 1, 0xff, 0xfe]).toString('base64'), encoding: 'base64' },
  sub: { 'deep.txt': 'x', empty: {} },
  ln: { symlink: 'a.txt' },
  escape: { symlink: '../outside/canary.txt' },
};

function sidecar(over: Partial<Sidecar> = {}): Sidecar {
  return {
    id: 'preview1/path_open/t', syscall: 'path_open', abi: 'preview1', description: 'd', spec: 's', tags: [],
    args: [], env: {}, stdin: 'in\n', preopens: [{ guest: '/sandbox', tree: TREE }, { guest: '/two', tree: {} }],
    outside: { 'canary.txt': 'do not touch' }, expect: { exit_code: 0 }, ...over,
  };
}

describe('sandbox', () => {
  test('builds each preopen and the canary beside them, reads them back unchanged', async () => {
    const sb = await createSandbox(sidecar());
    try {
      expect(sb.preopens.map((p) => p.guest)).toEqual(['/sandbox', '/two']);
      // `../outside` from a preopen reaches the canary on the host
      expect(readFileSync(join(sb.preopens[0]!.host, '..', 'outside', 'canary.txt'), 'utf8')).toBe('do not touch');
      expect(readFileSync(sb.stdio.stdin.path, 'utf8')).toBe('in\n');
      const state = await inspectSandbox(sb);
      expect(state.preopenAfter).toEqual(TREE);
      expect(state.escape).toEqual([]);
    } finally {
      await disposeSandbox(sb);
    }
    expect(existsSync(sb.dir)).toBe(false);
  });

  test('a changed canary and entries created beside the preopens are escapes', async () => {
    const sb = await createSandbox(sidecar());
    try {
      // through the symlink in the preopen: an implementation that follows it escapes
      writeFileSync(join(sb.preopens[0]!.host, 'escape'), 'pwned');
      writeFileSync(join(sb.dir, 'stray.txt'), '');
      const state = await inspectSandbox(sb);
      expect(state.escape).toEqual([
        'outside/canary.txt: content "pwned", expected "do not touch"',
        'stray.txt: created beside the preopened directories',
      ]);
      // the symlink itself is read as a symlink, never followed
      expect(state.preopenAfter!.escape).toEqual({ symlink: '../outside/canary.txt' });
    } finally {
      await disposeSandbox(sb);
    }
  });

  test('a removed canary is an escape too', async () => {
    const sb = await createSandbox(sidecar());
    try {
      unlinkSync(join(sb.outside!.host, 'canary.txt'));
      expect((await inspectSandbox(sb)).escape).toEqual(['outside/canary.txt: missing (expected a file)']);
    } finally {
      await disposeSandbox(sb);
    }
  });

  test('no preopens: preopenAfter is null', async () => {
    const sb = await createSandbox(sidecar({ preopens: [], outside: undefined }));
    try {
      expect(await inspectSandbox(sb)).toEqual({ preopenAfter: null, escape: [] });
    } finally {
      await disposeSandbox(sb);
    }
  });

  (CAN_SWEEP ? test : test.skip)('disposing closes descriptors left open inside the case directory', async () => {
    const sb = await createSandbox(sidecar());
    const leaked = openSync(sb.preopens[0]!.host, 'r');
    await disposeSandbox(sb);
    expect(() => fstatSync(leaked)).toThrow();
    expect(() => fstatSync(sb.stdio.stdout.fd)).toThrow();
  });
});

describe('output capture', () => {
  test('readCapped keeps the first bytes and says it truncated', async () => {
    const sb = await createSandbox(sidecar({ preopens: [] }));
    try {
      writeFileSync(sb.stdio.stdout.path, 'abcdef');
      expect(await readCapped(sb.stdio.stdout.path, 4)).toEqual({ text: 'abcd', truncated: true });
      expect(await readCapped(sb.stdio.stdout.path, 6)).toEqual({ text: 'abcdef', truncated: false });
    } finally {
      await disposeSandbox(sb);
    }
  });
  test('capText caps text an adapter captured itself', () => {
    expect(capText('abcdef', 3)).toEqual({ text: 'abc', truncated: true });
    expect(capText('abc', 3)).toEqual({ text: 'abc', truncated: false });
  });
});

describe('fdsweep', () => {
  (CAN_SWEEP ? test : test.skip)('closes only descriptors under the directory', async () => {
    const sb = await createSandbox(sidecar({ preopens: [] }));
    const inside = openSync(sb.stdio.stdin.path, 'r');
    const outside = openSync(import.meta.filename, 'r');
    expect(closeFdsUnder(sb.dir)).toBe(4); // stdin, stdout, stderr, and ours
    expect(() => fstatSync(inside)).toThrow();
    expect(fstatSync(outside).isFile()).toBe(true);
    await disposeSandbox(sb);
  });
});

describe('diffTrees', () => {
  test('equal trees have no differences, binary and text compared as bytes', () => {
    expect(diffTrees(TREE, structuredClone(TREE))).toEqual([]);
    expect(diffTrees({ a: 'AB' }, { a: { file: Buffer.from('AB').toString('base64'), encoding: 'base64' } })).toEqual([]);
  });
  test('one line per difference, with paths', () => {
    expect(diffTrees(
      { a: 'x', d: { f: 'y' }, l: { symlink: 'a' }, k: {} },
      { a: 'z', d: { f: 'y', g: 'new' }, l: { symlink: 'b' }, k: 'file' },
    )).toEqual([
      'a: content "z", expected "x"',
      'd/g: unexpected file',
      'k: expected a directory, found a file',
      'l: symlink to "b", expected "a"',
    ]);
  });
});

