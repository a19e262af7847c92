/** Expectations files: lookup (exact id over globs, longest glob) and how an entry turns outcomes. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Outcome } from '../reports/model.js';
import {
  applyExpectation, expectsSkip, loadExpectations, lookupExpectation, type ExpectationEntry, type ExpectationsFile,
} from '../runner/expectations.js';
import type { JudgedOutcome } from '../runner/judge.js';

const FILE: ExpectationsFile = {
  schema: 'wasi-conformance/expectations@1',
  adapters: {
    node: {
      'preview1/path_*/*': { expected: ['fail'], reason: 'path family glob' },
      'preview1/path_open/*': { expected: ['timeout'], reason: 'longer glob' },
      'preview1/path_open/exact': { expected: ['pass', 'fail'], reason: 'flaky' },
    },
  },
};

describe('lookupExpectation', () => {
  test.each([
    ['preview1/path_open/exact', 'flaky'],
    ['preview1/path_open/other', 'longer glob'],
    ['preview1/path_link/x', 'path family glob'],
    ['preview1/fd_read/x', null],
  ])('%s → %s', (id, reason) => {
    expect(lookupExpectation(FILE, 'node', id)?.reason ?? null).toBe(reason);
  });
  test('other adapters and no file → null', () => {
    expect(lookupExpectation(FILE, 'reference', 'preview1/path_open/exact')).toBeNull();
    expect(lookupExpectation(null, 'node', 'preview1/path_open/exact')).toBeNull();
  });
});

describe('applyExpectation', () => {
  const e = (expected: ExpectationEntry['expected']): ExpectationEntry => ({ expected, reason: 'why' });
  const rows: [JudgedOutcome, ExpectationEntry | null, Outcome][] = [
    ['fail', null, 'fail'],
    ['pass', null, 'pass'],
    ['fail', e(['fail']), 'xfail'],
    ['timeout', e(['timeout', 'fail']), 'xfail'],
    ['error', e(['fail']), 'error'],
    ['pass', e(['fail']), 'xpass'],
    ['accepted', e(['fail']), 'xpass'],
    ['pass', e(['pass', 'fail']), 'pass'],
    ['fail', e(['pass', 'fail']), 'xfail'],
  ];
  test.each(rows)('%s under %j → %s', (outcome, entry, want) => {
    expect(applyExpectation(outcome, 'msg', entry).outcome).toBe(want);
  });
  test('xfail keeps the message and adds the reason', () => {
    expect(applyExpectation('fail', 'assert 1: x', e(['fail'])).message).toBe('assert 1: x [expected: why]');
  });
  test('skip entries', () => {
    expect(expectsSkip(e(['skip']))).toBe(true);
    expect(expectsSkip(e(['fail']))).toBe(false);
    expect(expectsSkip(null)).toBe(false);
  });
});

describe('loadExpectations', () => {
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'wc-exp-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a valid file loads', () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(FILE));
    expect(loadExpectations(join(dir, 'ok.json'))).toEqual(FILE);
  });
  test('a malformed file names the file and the field', () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...FILE, adapters: { node: { x: { expected: [] } } } }));
    expect(() => loadExpectations(join(dir, 'bad.json'))).toThrow(/bad\.json: \/adapters\/node\/x\/reason is required$/);
  });
  test('a missing file is a one-line error', () => {
    expect(() => loadExpectations(join(dir, 'none.json'))).toThrow(/none\.json cannot be read/);
  });
});
