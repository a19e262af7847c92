/**
 * Bad input to the built CLI: missing or invalid files, malformed sidecars, invalid WAT, unknown
 * adapters, commands and flags, output paths that cannot be written, reports from a newer
 * schema. Each gets one line on stderr naming the problem (no stack trace), exit 2, and leaves
 * no report behind. A fixture whose WAT does not compile is different: `run` records it as that
 * case's `error` and goes on (`build` and `exec` refuse it with the file, line and column).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../reports/model.js';
import { REPORT_SCHEMA } from '../reports/model.js';
import { problem } from '../runner/schemas.js';
import { cli, cliAsync, mapLimit, requireBuild, ROOT, type CliResult } from './helpers/cli.js';

const HOSTILE_WAT = join(ROOT, 'test', 'fixtures', 'hostile', 'wat');
const GOOD_CASE = 'preview1/sched_yield/runs-after-hostile-guests';

let tmp: string;
/** Where the rows' commands are told to write reports (each row its own directory): must stay empty. */
let out: string;

function write(rel: string, content: string): string {
  const path = join(tmp, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

/** A fixture directory holding the good case plus one sidecar as given (the .wat beside it valid unless said). */
function watDir(name: string, sidecar: (good: Record<string, unknown>) => unknown, wat?: string): string {
  const dir = join(tmp, name);
  cpSync(join(HOSTILE_WAT, 'preview1', 'sched_yield', 'runs-after-hostile-guests.wat'), join(dir, 'preview1', 'sched_yield', 'runs-after-hostile-guests.wat'));
  cpSync(join(HOSTILE_WAT, 'preview1', 'sched_yield', 'runs-after-hostile-guests.json'), join(dir, 'preview1', 'sched_yield', 'runs-after-hostile-guests.json'));
  const good = JSON.parse(readFileSync(join(HOSTILE_WAT, `${GOOD_CASE}.json`), 'utf8')) as Record<string, unknown>;
  const value = sidecar({ ...good, id: 'preview1/sched_yield/odd' });
  write(`${name}/preview1/sched_yield/odd.json`, typeof value === 'string' ? value : JSON.stringify(value));
  if (wat !== null) write(`${name}/preview1/sched_yield/odd.wat`, wat ?? readFileSync(join(HOSTILE_WAT, `${GOOD_CASE}.wat`), 'utf8'));
  return dir;
}

beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), 'wc-bad-input-'));
  out = join(tmp, 'out');
  mkdirSync(out);
  write('not-json.json', '{ "schema": ');
  write('a-file', 'not a directory');
  write('future-report.json', JSON.stringify({ schema: 'wasi-conformance/report@2', generatedAt: '2030-01-01T00:00:00Z', tool: { name: 'wasi-conformance', version: '9.0.0' }, suite: { cases: 0, syscalls: 0 }, runs: [] }));
  write('good-report.json', JSON.stringify({ schema: REPORT_SCHEMA, generatedAt: '2026-01-01T00:00:00Z', tool: { name: 'wasi-conformance', version: '0.1.0' }, suite: { cases: 0, syscalls: 0 }, runs: [] }));
  write('future-expectations.json', JSON.stringify({ schema: 'wasi-conformance/expectations@2', adapters: {} }));
  write('results.jsonl', '{"adapter":"reference","id":"x"}\n');
  write('bad.wat', '(module\n  (func $f (i32.add)))\n');
  write('no-shape-adapter.js', 'export const adapter = { name: "half" };\n');
  watDir('wat-not-json', () => '{ "id": ');
  watDir('wat-schema', (g) => ({ ...g, expect: { exit_code: 'zero' } }));
  watDir('wat-unknown-field', (g) => ({ ...g, expected: { exit_code: 0 } }));
  watDir('wat-wrong-id', (g) => ({ ...g, id: 'preview1/sched_yield/elsewhere' }));
  watDir('wat-no-wat', (g) => g, null as unknown as string);
  watDir('wat-bad-wat', (g) => g, '(module (func (export "_start") (i32.const 1)))\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const t = (rel: string) => join(tmp, rel);
/** `run` on a fixture directory, writing its report into `out` unless the row names another. */
const runOn = (wat: string, ...rest: string[]) => ['run', '--wat', wat, '--cache', t('cache'), ...(rest.includes('--json') ? [] : ['--json', join(out, 'run', 'report.json')]), ...rest];
const runIn = (dir: string, ...rest: string[]) => runOn(t(dir), ...rest);
const runGood = (...rest: string[]) => runOn(HOSTILE_WAT, '--filter', GOOD_CASE, ...rest);

describe('bad input: one line on stderr, exit 2, no report', () => {
  const ROWS: [string, () => string[], RegExp][] = [
    ['missing fixture directory', () => runIn('nowhere'), /fixture directory .*nowhere does not exist/],
    ['fixture "directory" that is a file', () => runIn('a-file'), /fixture directory .*a-file is not a directory/],
    ['sidecar that is not JSON', () => runIn('wat-not-json'), /odd\.json: not valid JSON/],
    ['sidecar breaking the schema', () => runIn('wat-schema'), /odd\.json: \/expect.*/],
    ['sidecar with an unknown field', () => runIn('wat-unknown-field'), /odd\.json: \/expected is not a known field/],
    ['sidecar whose id is not its place', () => runIn('wat-wrong-id'), /odd\.json: \/id must be "preview1\/sched_yield\/odd"/],
    ['sidecar without its .wat', () => runIn('wat-no-wat'), /odd\.json: no odd\.wat beside it/],
    ['unknown adapter', () => runGood('--adapter', 'nosuch'), /unknown adapter "nosuch"; known adapters: reference, node/],
    ['adapter module that is not one', () => runGood('--adapter', t('no-shape-adapter.js')), /adapter module .*no-shape-adapter\.js lacks version/],
    ['adapter module that does not exist', () => runGood('--adapter', t('nowhere.js')), /cannot load adapter module .*nowhere\.js/],
    ['unknown flag', () => runGood('--frobnicate'), /^wasi-conformance: Unknown argument: frobnicate$/],
    ['unknown command', () => ['frobnicate', '--json', join(out, 'frob', 'report.json')], /^wasi-conformance: unknown command "frobnicate"; commands: .*run/],
    ['bad flag value', () => runGood('--jobs', '0'), /--jobs must be a positive integer, got 0/],
    ['one-value flag given twice', () => runGood('--timeout', '5', '--timeout', '6'), /^wasi-conformance: --timeout was given more than once$/],
    ['missing expectations file', () => runGood('--expectations', t('nowhere.json')), /expectations file .*nowhere\.json cannot be read/],
    ['expectations file that is not JSON', () => runGood('--expectations', t('not-json.json')), /not-json\.json: not valid JSON/],
    ['expectations file from a newer schema', () => runGood('--expectations', t('future-expectations.json')), /future-expectations\.json: \/schema must be "wasi-conformance\/expectations@1"/],
    ['--json under a file', () => runGood('--json', t('a-file/report.json')), /--json .*a-file\/report\.json: cannot create the directory .*a-file \(a file is in the way\)/],
    ['--jsonl under a file', () => runGood('--jsonl', t('a-file/results.jsonl')), /--jsonl .*: cannot create the directory .*a-file \(a file is in the way\)/],
    ['--json naming a directory', () => runGood('--json', out), /--json .*out is a directory; name a file/],
    ['--resume of a missing file', () => runGood('--resume', t('nowhere.jsonl')), /nowhere\.jsonl: no such file \(nothing to resume\)/],
    ['--resume of a file that is not results', () => runGood('--resume', t('results.jsonl')), /results\.jsonl:1: \/.*(required|must)/],
    ['--resume with another --jsonl', () => runGood('--resume', t('results.jsonl'), '--jsonl', t('other.jsonl')), /--resume FILE appends to FILE: drop --jsonl/],
    ['report from a newer schema', () => ['report', '--from', t('future-report.json'), '--out', out], /future-report\.json: schema is wasi-conformance\/report@2, newer than this tool reads .*upgrade/],
    ['compare with a newer report', () => ['compare', t('good-report.json'), t('future-report.json')], /future-report\.json: schema is wasi-conformance\/report@2, newer/],
    ['merge with a newer report', () => ['merge', t('good-report.json'), t('future-report.json'), '--out', join(out, 'merged.json')], /future-report\.json: schema is wasi-conformance\/report@2, newer/],
    ['report that is not JSON', () => ['report', '--from', t('not-json.json'), '--out', out], /not-json\.json: invalid JSON/],
    ['missing report', () => ['report', '--from', t('nowhere.json'), '--out', out], /nowhere\.json: no such file/],
    ['report output under a file', () => ['report', '--from', t('good-report.json'), '--out', t('a-file/html')], /cannot write .*a-file.*ENOTDIR/],
    ['exec of invalid WAT', () => ['exec', t('bad.wat')], /invalid WAT: .*bad\.wat:2:\d+: error: type mismatch in i32\.add/],
    ['exec of a missing module', () => ['exec', t('nowhere.wasm')], /cannot read .*nowhere\.wasm: no such file/],
  ];

  let results: CliResult[];
  beforeAll(async () => {
    results = await mapLimit(ROWS, 4, ([, args]) => cliAsync(args()));
  });

  test.each(ROWS.map((row, i) => [...row, i] as const))('%s', (_name, _args, message, i) => {
    const r = results[i]!;
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^wasi-conformance: /);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
  });

  test('none of them left a file where its report would go (an output directory at most)', () => {
    expect(readdirSync(out, { recursive: true, withFileTypes: true }).filter((d) => !d.isDirectory()).map((d) => d.name)).toEqual([]);
  });
});

describe('a fixture whose WAT does not compile', () => {
  test('build refuses it: the file, line and column, exit 2', () => {
    const r = cli(['build', '--wat', t('wat-bad-wat'), '--cache', t('cache')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^preview1\/sched_yield\/odd: invalid WAT: .*odd\.wat:1:\d+: error: /)]);
  });

  test('run records it as that case\'s error and runs the others: exit 1, a valid report', () => {
    const json = join(tmp, 'bad-wat-run', 'report.json');
    const r = cli(['run', '--wat', t('wat-bad-wat'), '--cache', t('cache'), '--json', json]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(problem('report', report)).toBeNull();
    const results = Object.fromEntries(report.runs[0]!.results.map((x) => [x.id, x]));
    expect(results['preview1/sched_yield/odd']).toMatchObject({ outcome: 'error', message: expect.stringMatching(/^invalid WAT: .*odd\.wat:1:\d+: error: /) });
    expect(results[GOOD_CASE]!.outcome).toBe('pass');
  });

  test('no temporary file is left beside a report that was written', () => {
    expect(readdirSync(join(tmp, 'bad-wat-run'))).toEqual(['report.json']);
    expect(existsSync(join(tmp, 'bad-wat-run', 'report.json'))).toBe(true);
  });
});
