/**
 * A run killed with SIGKILL cannot remove its case directories; the next run does: base
 * directories whose process is gone and which have not changed for ten minutes. A live run's
 * directory, a recent one, and anything not named like a run's are left alone.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStaleBaseDirs } from '../runner/sandbox.js';

let root: string;
beforeAll(() => { root = mkdtempSync(join(tmpdir(), 'wc-leftovers-')); });
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function baseDir(name: string, ageMinutes: number): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '7', 'p0'), { recursive: true });
  writeFileSync(join(dir, '7', 'p0', 'big.txt'), 'x'.repeat(1000));
  const t = (Date.now() - ageMinutes * 60_000) / 1000;
  utimesSync(dir, t, t);
  return dir;
}

test('only stale directories of dead runs are removed', () => {
  const dead = deadPid();
  const stale = baseDir(`wasi-conformance-run-${dead}-abc123`, 30);
  const recent = baseDir(`wasi-conformance-run-${dead}-def456`, 1);
  const live = baseDir(`wasi-conformance-run-${process.ppid}-ghi789`, 30);
  const mine = baseDir(`wasi-conformance-run-${process.pid}-jkl012`, 30);
  const other = baseDir(`wasi-conformance-${dead}-mno345`, 30);
  expect(removeStaleBaseDirs(root)).toEqual([stale]);
  expect(existsSync(stale)).toBe(false);
  for (const kept of [recent, live, mine, other]) expect(existsSync(kept)).toBe(true);
});

test('a missing root is not an error', () => {
  expect(removeStaleBaseDirs(join(root, 'nowhere'))).toEqual([]);
});
