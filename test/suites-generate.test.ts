/**
 * The generator: wat/ is in step with the case tables, generation is deterministic, every sidecar
 * is well formed, and the DSL turns checks into the right expectations.
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCase, defaultOutDir, generateAll, loadSuites, writeGenerated } from '../suites/generate.js';
import { suite, type CaseDef } from '../suites/dsl.js';
import { SIGNATURES } from '../suites/spec.js';
import { compileWat } from '../runner/wat.js';

const mods = await loadSuites();

describe('generated fixtures', () => {
  test('wat/ is up to date with the case tables (run `wasi-conformance generate`)', () => {
    const { files } = generateAll(mods);
    const r = writeGenerated(files, defaultOutDir(), true);
    expect({ stale: r.written.slice(0, 10), removed: r.removed.slice(0, 10) }).toEqual({ stale: [], removed: [] });
  });

  test('generation is deterministic', () => {
    const a = generateAll(mods).files;
    const b = generateAll(mods).files;
    expect(b).toEqual(a);
    const dir1 = mkdtempSync(join(tmpdir(), 'gen1-'));
    try {
      writeGenerated(a, dir1);
      expect(readFileSync(join(dir1, 'COVERAGE.md'), 'utf8')).toBe(a.find((f) => f.path === 'COVERAGE.md')!.content);
    } finally { rmSync(dir1, { recursive: true, force: true }); }
  });

  test('every case id is <abi>/<syscall>/<name> of a known syscall, with a description and tags', () => {
    const { sidecars } = generateAll(mods);
    expect(sidecars.length).toBeGreaterThan(0);
    for (const s of sidecars) {
      expect(s.id).toBe(`${s.abi}/${s.syscall}/${s.id.split('/')[2]}`);
      expect(Object.keys(SIGNATURES)).toContain(s.syscall);
      expect(s.description.length).toBeGreaterThan(0);
      expect(s.tags.length).toBeGreaterThan(0);
    }
  });
});

const one = (def: Partial<CaseDef> & Pick<CaseDef, 'body'>, syscall = 'fd_close') =>
  buildCase(syscall, { name: 'x', description: 'd', tags: ['t'], ...def }, 'preview1', 'test');

describe('the DSL', () => {
  test('a check with a labelled alternative yields expect + one accept entry per label', () => {
    const out = one({ body: (f) => {
      f.expectErrno(f.call('fd_close', 1234), 'badf', { accept: [{ errno: 'notcapable', behaviour: 'rights (uvwasi)' }] });
      f.check('n', f.i32(5), 5);
    } })!;
    expect(out.sidecar.expect).toEqual({ exit_code: 0, stdout: 'errno=8\nn=5\n' });
    expect(out.sidecar.accept).toEqual([{ behaviour: 'rights (uvwasi)', exit_code: 0, stdout: 'errno=76\nn=5\n' }]);
  });

  test('expectTrap makes the case expect a trap; alternatives keep the lines before it', () => {
    const out = one({ body: (f) => {
      f.check('a', f.i32(1), 1);
      f.expectTrap(f.call('fd_close', 1), { accept: [{ errno: 'fault', behaviour: 'EFAULT' }] });
    } })!;
    expect(out.sidecar.expect).toEqual({ trap: true });
    expect(out.sidecar.accept).toEqual([{ behaviour: 'EFAULT', exit_code: 0, stdout: 'a=1\nerrno=21\n' }]);
    expect(() => one({ body: (f) => { f.expectTrap(f.call('fd_close', 1)); f.check('b', f.i32(1), 1); } })).toThrow(/last check/);
  });

  test('64-bit checks print unsigned values', () => {
    const out = one({ body: (f) => f.check('v', f.i64(-1n), -1n) })!;
    expect(out.sidecar.expect).toEqual({ exit_code: 0, stdout: 'v=18446744073709551615\n' });
  });

  test('a tree gets the /sandbox preopen and the default canary beside it', () => {
    const out = one({ tree: { 'a.txt': 'A' }, body: (f) => { f.preopen(); } })!;
    expect(out.sidecar.preopens).toEqual([{ guest: '/sandbox', tree: { 'a.txt': 'A' } }]);
    expect(out.sidecar.outside).toBeDefined();
  });

  test('generated WAT compiles', async () => {
    const out = one({ body: (f) => { f.checkBytes('s', f.str('hi').ptr, 2, 'hi'); f.expectSuccess(f.call('fd_close', f.preopen())); } })!;
    await expect(compileWat(out.wat, 'x.wat')).resolves.toBeInstanceOf(Uint8Array);
  });

  test('malformed tables are rejected naming the case', () => {
    const bad = (def: Partial<CaseDef>) => generateAll([{ file: 'suites/x/y.ts', suites: [suite('fd_close', [{ name: 'ok-name', description: 'd', tags: ['t'], body: () => {}, ...def }])] }]);
    expect(() => bad({ name: 'Bad Name' })).toThrow(/suites\/x\/y.ts: case fd_close\/Bad Name: name must be kebab-case/);
    expect(() => bad({ tags: [] })).toThrow(/at least one tag/);
    expect(() => bad({ body: (f) => { f.call('fd_close', 1, 2); } })).toThrow(/1 params, got 2/);
    expect(() => suite('no_such_call', [])).toThrow(/unknown syscall/);
  });
});
