/**
 * A run killed midway keeps what it streamed: SIGINT and SIGTERM stop the built CLI with every
 * JSONL line whole (exit 130 / 143, no report.json), and `run --resume FILE` runs only the cases
 * missing from FILE, appends them, and reports every case exactly once. A last line cut short
 * (what SIGKILL during a write can leave) is dropped and its case run again.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseResult, Report } from '../reports/model.js';
import { definitionProblem, problem } from '../runner/schemas.js';
import { cli, finished, requireBuild, startCli, type CliResult } from './helpers/cli.js';

type Line = CaseResult & { adapter: string };

let tmp: string;
beforeAll(() => {
  requireBuild();
  tmp = mkdtempSync(join(tmpdir(), 'wc-interrupt-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every line of a results file, each checked to be a whole result. */
function lines(path: string): Line[] {
  const text = readFileSync(path, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((l) => {
    const { adapter, ...result } = JSON.parse(l) as Line;
    expect(typeof adapter).toBe('string');
    expect(definitionProblem('report', 'caseResult', result)).toBeNull();
    return { adapter, ...result };
  });
}

function lineCount(path: string): number {
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8').split('\n').length - 1;
}

/** Start a run, send `signal` once `after` results are on disk. */
async function interrupted(args: string[], jsonl: string, signal: NodeJS.Signals, after: number): Promise<CliResult> {
  const child = startCli(['run', ...args, '--jsonl', jsonl, '--jobs', '1']);
  const done = finished(child);
  let ended = false;
  void done.then(() => { ended = true; });
  while (!ended && lineCount(jsonl) < after) await new Promise((r) => setTimeout(r, 10));
  child.kill(signal);
  return done;
}

describe.each([
  ['SIGINT', 130, 'path_open'],
  ['SIGTERM', 143, 'fd_read'],
] as const)('%s midway, then --resume', (signal, exitCode, syscall) => {
  const selection = ['--syscall', syscall, '--adapter', 'reference'];
  let all: string[];
  let jsonl: string;
  let json: string;
  let first: CliResult;
  let kept: Line[];

  beforeAll(async () => {
    all = (JSON.parse(cli(['list', '--json', '--syscall', syscall]).stdout) as { id: string }[]).map((c) => c.id).sort();
    jsonl = join(tmp, `${signal}.jsonl`);
    json = join(tmp, `${signal}-report.json`);
    first = await interrupted([...selection, '--json', json], jsonl, signal, 10);
    kept = lines(jsonl);
  });

  test(`exit ${exitCode}, a line saying how to resume, no report written`, () => {
    expect(first.code).toBe(exitCode);
    expect(first.stderr).toMatch(new RegExp(`interrupted by ${signal}; results so far are in .*${signal}\\.jsonl, continue with --resume `));
    expect(existsSync(json)).toBe(false);
  });

  test('every line streamed before the signal is a whole result, none twice', () => {
    expect(kept.length).toBeGreaterThanOrEqual(10);
    expect(kept.length).toBeLessThan(all.length);
    expect(new Set(kept.map((l) => l.id)).size).toBe(kept.length);
    for (const l of kept) expect(all).toContain(l.id);
  });

  test('--resume runs only the rest, appends it, and reports every case exactly once', () => {
    // what SIGKILL in the middle of a write leaves: half a line, no newline
    appendFileSync(jsonl, '{"adapter":"reference","id":"preview1/');
    const r = cli(['run', ...selection, '--resume', jsonl, '--json', json, '--no-fail']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`resuming: ${kept.length} of ${all.length} results already in`);
    const after = lines(jsonl);
    expect(after.slice(0, kept.length)).toEqual(kept);
    expect(after.map((l) => l.id).sort()).toEqual(all);
    const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
    expect(problem('report', report)).toBeNull();
    expect(report.runs).toHaveLength(1);
    expect(report.runs[0]!.results.map((x) => x.id)).toEqual(all);
    expect(report.runs[0]!.summary.total).toBe(all.length);
    // the results carried over are the ones streamed before the signal
    const byId = new Map(report.runs[0]!.results.map((x) => [x.id, x]));
    for (const { adapter: _a, ...l } of kept) expect(byId.get(l.id)).toEqual(l);
  });

  test('resuming a finished run runs nothing', () => {
    const r = cli(['run', ...selection, '--resume', jsonl, '--no-fail']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`resuming: ${all.length} of ${all.length} results already in`);
    expect(lines(jsonl)).toHaveLength(all.length);
  });
});
