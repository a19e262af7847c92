/** The build cache: a second build compiles nothing; a changed source compiles again; errors name the file. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFixtures, cacheKey, compilerVersion } from '../runner/build.js';
import { loadFixtures } from '../runner/fixtures.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'wat');

describe('buildFixtures', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'wc-build-'));
    cpSync(FIXTURES, join(dir, 'wat'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('cold compiles every distinct source; warm compiles nothing', async () => {
    const cacheDir = join(dir, 'cache');
    const fixtures = loadFixtures(join(dir, 'wat'));
    const cold = await buildFixtures(fixtures, { cacheDir, jobs: 1 });
    expect(cold.failed.size).toBe(0);
    expect(cold.cached).toBe(0);
    const distinct = new Set(cold.wasm.values()).size;
    expect(cold.compiled).toBe(distinct);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.wasm'))).toHaveLength(distinct);
    for (const path of cold.wasm.values()) expect(WebAssembly.validate(new Uint8Array(readFileSync(path)))).toBe(true);

    const warm = await buildFixtures(fixtures, { cacheDir, jobs: 1 });
    expect(warm.compiled).toBe(0);
    expect(warm.cached).toBe(fixtures.length);
    expect(warm.wasm).toEqual(cold.wasm);
  });

  test('a changed source is compiled again (and only it)', async () => {
    const cacheDir = join(dir, 'cache');
    const fixtures = loadFixtures(join(dir, 'wat'));
    appendFileSync(fixtures[0]!.watPath, '\n;; changed\n');
    const b = await buildFixtures(fixtures, { cacheDir, jobs: 1 });
    expect(b.compiled).toBe(1);
    expect(b.cached).toBe(fixtures.length - 1);
  });

  test('invalid WAT fails that fixture only, naming file, line and column', async () => {
    const fixtures = loadFixtures(join(dir, 'wat'));
    const victim = fixtures.find((f) => f.sidecar.id === 'preview1/proc_exit/exit-code')!;
    writeFileSync(victim.watPath, '(module\n  (func (export "_start") (i32.const 1)))\n');
    const b = await buildFixtures(fixtures, { cacheDir: join(dir, 'cache'), jobs: 1 });
    expect([...b.failed.keys()]).toEqual(['preview1/proc_exit/exit-code']);
    expect(b.failed.get('preview1/proc_exit/exit-code')).toMatch(/^invalid WAT: .*exit-code\.wat:2:\d+: error: /);
    expect(b.wasm.has('preview1/proc_exit/exit-code')).toBe(false);
  });

  test('the cache key covers the compiler version and the source', () => {
    expect(compilerVersion()).toMatch(/^wabt@\d+\.\d+\.\d+/);
    expect(cacheKey('(module)')).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey('(module)')).not.toBe(cacheKey('(module) '));
  });
});
