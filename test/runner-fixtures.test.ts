/** Loading sidecars, schema errors that name file and field, filters, and sharding. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixtures, parseShard, selectFixtures, type Fixture } from '../runner/fixtures.js';
import { DEFAULT_WAT_DIR } from '../runner/paths.js';
import { matchGlob } from '../runner/glob.js';
import { problem } from '../runner/schemas.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'wat');

describe('loadFixtures', () => {
  test('loads every sidecar under the root, sorted by id, paired with its .wat', () => {
    const all = loadFixtures(FIXTURES);
    expect(all.length).toBe(16);
    const ids = all.map((f) => f.sidecar.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toContain('unstable/proc_exit/exit-zero');
    for (const f of all) expect(f.watPath).toBe(f.jsonPath.replace(/\.json$/, '.wat'));
  });

  test('every generated sidecar in wat/ validates', () => {
    expect(loadFixtures(DEFAULT_WAT_DIR).length).toBeGreaterThan(0);
  });

  describe('malformed sidecars give one line naming the file and the field', () => {
    let dir: string;
    const file = () => join(dir, 'preview1', 'fd_write', 'prints-value.json');
    const original = () => JSON.parse(readFileSync(join(FIXTURES, 'preview1', 'fd_write', 'prints-value.json'), 'utf8')) as Record<string, unknown>;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'wc-fixtures-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const cases: [string, (s: Record<string, unknown>) => unknown, RegExp][] = [
      ['exit_code of the wrong type', (s) => ({ ...s, expect: { exit_code: '0' } }), /prints-value\.json: \/expect\/exit_code must be integer$/],
      ['a missing required field', (s) => { const { stdin: _, ...rest } = s; return rest; }, /prints-value\.json: \/stdin is required$/],
      ['an unknown field', (s) => ({ ...s, exit_code: 0 }), /prints-value\.json: \/exit_code is not a known field$/],
      ['a bad abi', (s) => ({ ...s, abi: 'preview2' }), /prints-value\.json: \/abi must be one of "preview1", "unstable"$/],
      ['a bad tree entry', (s) => ({ ...s, preopens: [{ guest: '/s', tree: { a: 5 } }] }), /prints-value\.json: \/preopens\/0\/tree\/a must be object$/],
      ['trap not true', (s) => ({ ...s, expect: { trap: false } }), /prints-value\.json: \/expect\/trap must be true$/],
      ['an id that does not match the path', (s) => ({ ...s, id: 'preview1/fd_write/other' }), /\/id must be "preview1\/fd_write\/prints-value"/],
      ['not JSON at all', () => '{', /prints-value\.json: not valid JSON/],
    ];
    test.each(cases)('%s', (_name, mutate, message) => {
      cpSync(FIXTURES, dir, { recursive: true });
      const mutated = mutate(original());
      writeFileSync(file(), typeof mutated === 'string' ? mutated : JSON.stringify(mutated));
      expect(() => loadFixtures(dir)).toThrow(message);
    });
  });

  test('schema problems are one line each (problem())', () => {
    expect(problem('fixture', { id: 'x' })).toMatch(/^\/[a-z_]+ /);
    expect(problem('expectations', { schema: 'wasi-conformance/expectations@1', adapters: { node: { 'a/*': { expected: ['boom'], reason: 'r' } } } }))
      .toBe('/adapters/node/a~1*/expected/0 must be one of "pass", "accepted", "fail", "error", "timeout", "skip"');
  });
});

describe('selectFixtures', () => {
  let all: Fixture[];
  beforeAll(() => { all = loadFixtures(FIXTURES); });
  const ids = (fs: Fixture[]) => fs.map((f) => f.sidecar.id);

  test('filters: glob, id prefix, syscall, abi, tag', () => {
    expect(ids(selectFixtures(all, { filter: ['preview1/fd_*/*'] }))).toEqual([
      'preview1/fd_read/echoes-stdin', 'preview1/fd_write/prints-alternative', 'preview1/fd_write/prints-value']);
    expect(ids(selectFixtures(all, { filter: ['preview1/proc_exit'] }))).toHaveLength(5);
    expect(ids(selectFixtures(all, { filter: ['**/exit-*'] }))).toEqual(['preview1/proc_exit/exit-code', 'unstable/proc_exit/exit-zero']);
    expect(ids(selectFixtures(all, { syscall: ['proc_exit'], abi: ['unstable'] }))).toEqual(['unstable/proc_exit/exit-zero']);
    expect(ids(selectFixtures(all, { tag: ['fs', 'stdout'] }))).toHaveLength(5);
    expect(selectFixtures(all, { filter: ['nothing/*'] })).toEqual([]);
  });

  test.each([1, 2, 3, 5, 16, 40])('shards 1..%i partition the selection: every case in exactly one', (n) => {
    const seen = new Map<string, number>();
    for (let i = 1; i <= n; i++) {
      const shard = selectFixtures(all, { shard: { index: i, count: n } });
      expect(Math.abs(shard.length - all.length / n)).toBeLessThan(1); // balanced
      for (const id of ids(shard)) seen.set(id, (seen.get(id) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(ids(all));
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
  });

  test('a shard is deterministic and does not depend on the input order', () => {
    const a = ids(selectFixtures(all, { shard: { index: 2, count: 3 } }));
    expect(ids(selectFixtures([...all].reverse(), { shard: { index: 2, count: 3 } }))).toEqual(a);
  });

  test('shards apply after the filters', () => {
    const filtered = ids(selectFixtures(all, { abi: ['preview1'] }));
    const union = [1, 2].flatMap((i) => ids(selectFixtures(all, { abi: ['preview1'], shard: { index: i, count: 2 } })));
    expect(union.sort()).toEqual(filtered);
  });

  test('parseShard', () => {
    expect(parseShard('2/5')).toEqual({ index: 2, count: 5 });
    for (const bad of ['0/2', '3/2', '1/0', 'x', '1-2']) expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/);
  });
});

describe('globs', () => {
  test.each([
    ['preview1/*/x', 'preview1/fd_read/x', true],
    ['preview1/*', 'preview1/fd_read/x', false],
    ['preview1/**', 'preview1/fd_read/x', true],
    ['**/x', 'preview1/fd_read/x', true],
    ['preview1/fd_{read,write}/*', 'preview1/fd_write/a', true],
    ['preview1/fd_{read,write}/*', 'preview1/fd_seek/a', false],
    ['preview1/fd_read/?', 'preview1/fd_read/ab', false],
    ['a.b', 'aXb', false],
  ])('%s ~ %s → %s', (glob, id, want) => {
    expect(matchGlob(glob, id)).toBe(want);
  });
});
