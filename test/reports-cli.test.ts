/**
 * The report/compare/merge commands end to end through the built CLI (dist/; `make test` builds
 * first): outputs, exit statuses, one-line errors for bad input, and the merge/compare round trip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSyntheticReport, writeFixtures } from './helpers/synthetic-report.js';
import { summarize, type Report } from '../reports/model.js';
import { problem } from '../runner/schemas.js';

const BIN = join(process.cwd(), 'bin', 'wasi-conformance.js');
const { report, fixtures } = makeSyntheticReport({ cases: 60, adapters: 3, seed: 3 });
let dir: string;

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function save(name: string, value: unknown): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
}

function oneLineError(r: { status: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/^wasi-conformance: .+\n$/);
  expect(r.stderr).toMatch(pattern);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wc-reports-cli-'));
  writeFixtures(join(dir, 'wat'), fixtures);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report --from', () => {
  test('writes index.html, junit.xml and summary.md next to the report by default', () => {
    const from = save('run1/report.json', report);
    const r = cli('report', '--from', from, '--wat', join(dir, 'wat'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wrote .*index\.html \(\d+ KiB\)\nwrote .*junit\.xml .*\nwrote .*summary\.md/);
    expect(readdirSync(join(dir, 'run1')).sort()).toEqual(['index.html', 'junit.xml', 'report.json', 'summary.md']);
    const html = readFileSync(join(dir, 'run1', 'index.html'), 'utf8');
    expect(html).toContain(fixtures.get(report.runs[0]!.results[0]!.id)!.sidecar.description.replace(/'/g, '&#39;'));
  });

  test('--out elsewhere; fixtures missing → the report still renders', () => {
    const r = cli('report', '--from', save('r.json', report), '--out', join(dir, 'elsewhere'), '--wat', join(dir, 'no-such-dir'));
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'elsewhere', 'index.html'), 'utf8')).toMatch(/"missing":"preview1\/args_get\/case-0000\.wat not found; preview1\/args_get\/case-0000\.json not found"/);
  });

  test.each([
    ['a missing file', () => join(dir, 'nope.json'), /nope\.json: no such file$/m],
    ['invalid JSON', () => save('bad.json', '{"runs": ['), /bad\.json: invalid JSON/],
    ['a future schema version', () => save('future.json', { ...report, schema: 'wasi-conformance/report@2' }), /future\.json: schema is wasi-conformance\/report@2, newer than this tool reads/],
    ['a schema violation', () => save('viol.json', { ...report, runs: [{ ...report.runs[0], extra: 1 }] }), /viol\.json: \/runs\/0\/extra is not a known field/],
  ])('%s → one line, exit 2', (_, file, pattern) => {
    oneLineError(cli('report', '--from', file()), pattern);
  });

  test('an unwritable output directory → one line, exit 2, nothing half-written', () => {
    const blocker = save('blocker', 'a file, not a directory');
    oneLineError(cli('report', '--from', save('r2.json', report), '--out', join(blocker, 'out')), /cannot write .*blocker/);
  });

  test('--update-expectations writes a valid expectations file, and a second run keeps it stable', () => {
    const file = join(dir, 'expectations', 'known.json');
    const from = save('r3.json', report);
    const first = cli('report', '--from', from, '--out', join(dir, 'o3'), '--update-expectations', file);
    expect(first.status).toBe(0);
    const counts = /wrote .*known\.json: (\d+) added, 0 changed, 0 removed/.exec(first.stdout);
    expect(counts).not.toBeNull();
    const written = JSON.parse(readFileSync(file, 'utf8')) as { adapters: Record<string, Record<string, unknown>> };
    expect(problem('expectations', written)).toBeNull();
    const failures = report.runs.flatMap((r) => r.results.filter((x) => ['fail', 'error', 'timeout'].includes(x.outcome)));
    expect(Number(counts![1])).toBe(failures.length);
    const again = cli('report', '--from', from, '--out', join(dir, 'o3'), '--update-expectations', file);
    expect(again.stdout).toMatch(/known\.json: 0 added, 0 changed, 0 removed/);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(written);
    oneLineError(cli('report', '--from', from, '--update-expectations', save('not-exp.json', '{"schema":"x"}')), /not-exp\.json/);
  });
});

describe('compare', () => {
  const changed = (): Report => {
    const r = JSON.parse(JSON.stringify(report)) as Report;
    const run = r.runs[1]!;
    const pass = run.results.find((x) => x.outcome === 'pass')!;
    pass.outcome = 'fail';
    pass.message = 'assert 2: errno expected 0 got 28';
    run.summary = summarize(run.results, run.summary.durationMs);
    return r;
  };

  test('no regression → exit 0; a regression → exit 1 with the case named', () => {
    const a = save('c/old.json', report);
    const same = cli('compare', a, a);
    expect(same.status).toBe(0);
    expect(same.stdout).toMatch(/No regressions\.\n$/);
    const b = save('c/new.json', changed());
    const worse = cli('compare', a, b);
    expect(worse.status).toBe(1);
    expect(worse.stdout).toMatch(/^adapter-1: 1 regression, 0 fixes/m);
    expect(worse.stdout).toMatch(/regressed +\S+: pass → fail \(assert 2: errno expected 0 got 28\)/);
    const back = cli('compare', b, a);
    expect(back.status).toBe(0);
    expect(back.stdout).toMatch(/fixed +\S+: fail → pass/);
    const json = cli('compare', a, b, '--json');
    expect(json.status).toBe(1);
    expect((JSON.parse(json.stdout) as { adapters: { regressions: unknown[] }[] }).adapters[1]!.regressions).toHaveLength(1);
  });

  test('bad input → exit 2', () => {
    oneLineError(cli('compare', join(dir, 'missing.json'), save('c/x.json', report)), /missing\.json: no such file/);
  });
});

describe('merge', () => {
  const shard = (i: number, n: number): Report => ({
    ...report,
    runs: report.runs.map((run) => {
      const results = run.results.filter((_, k) => k % n === i);
      return { ...run, summary: summarize(results, 5), results };
    }),
  });

  test('shards merge into a report equal to the unsharded one (compare finds no difference)', () => {
    const files = [0, 1, 2].map((i) => save(`m/shard-${i}.json`, shard(i, 3)));
    const out = join(dir, 'm', 'merged.json');
    const r = cli('merge', ...files, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/wrote .*merged\.json: 3 adapters, 180 results from 3 reports/);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(problem('report', merged)).toBeNull();
    const cmp = cli('compare', save('m/whole.json', report), out, '--json');
    expect(cmp.status).toBe(0);
    const c = JSON.parse(cmp.stdout) as { adapters: Record<string, unknown[]>[] };
    for (const a of c.adapters) for (const k of ['regressions', 'fixes', 'changed', 'added', 'removed']) expect(a[k]).toEqual([]);
  });

  test('duplicate case ids → exit 2 naming them; no output written', () => {
    const a = save('m/a.json', shard(0, 2));
    const out = join(dir, 'm', 'dup.json');
    oneLineError(cli('merge', a, a, '--out', out), /merge: duplicate case ids: reference: \S+ \(.*a\.json, .*a\.json\)/);
    expect(existsSync(out)).toBe(false);
  });
});
