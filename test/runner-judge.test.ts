/** The judge, table-driven: each row is a sidecar fragment, an observation, and the verdict. */
import { describe, expect, test } from '@jest/globals';
import type { Sidecar } from '../suites/sidecar.js';
import { assertLine, judge, stdoutDifference, type Observation, type Verdict } from '../runner/judge.js';

function sidecar(over: Partial<Sidecar>): Sidecar {
  return {
    id: 'preview1/path_open/x', syscall: 'path_open', abi: 'preview1', description: 'd', spec: 'docs.md#path_open',
    tags: [], args: [], env: {}, stdin: '', preopens: [], expect: { exit_code: 0 }, ...over,
  };
}

function observed(over: Partial<Observation>): Observation {
  return {
    exitCode: 0, trap: null, error: null, timeout: null, stdout: '', stderr: '', stdoutTruncated: false,
    preopenAfter: null, escape: [], ...over,
  };
}

const ERRNO_CASE = sidecar({
  expect: { exit_code: 0, stdout: 'errno=76\n' },
  accept: [
    { behaviour: 'EPERM (wasmtime, wazero)', stdout: 'errno=63\n' },
    { behaviour: 'traps instead', trap: true },
  ],
});
const FS_CASE = sidecar({
  preopens: [{ guest: '/sandbox', tree: { 'a.txt': 'hello' } }],
  fs_after: { 'a.txt': 'hello', 'b.txt': 'new' },
  accept: [{ behaviour: 'leaves b.txt out', fs_after: { 'a.txt': 'hello' } }],
});

const rows: [string, Sidecar, Partial<Observation>, Partial<Verdict>][] = [
  ['exit code and stdout as expected → pass', ERRNO_CASE, { stdout: 'errno=76\n' }, { outcome: 'pass', behaviour: null, message: null }],
  ['an alternative stdout → accepted with its label', ERRNO_CASE, { stdout: 'errno=63\n' },
    { outcome: 'accepted', behaviour: 'EPERM (wasmtime, wazero)' }],
  ['a trap alternative → accepted', ERRNO_CASE, { exitCode: null, trap: 'unreachable' }, { outcome: 'accepted', behaviour: 'traps instead' }],
  ['another stdout → fail naming the first differing line', ERRNO_CASE, { stdout: 'errno=8\n' },
    { outcome: 'fail', message: 'stdout line 1: got "errno=8", expected "errno=76"' }],
  ['the fixture\'s assert line is the message', ERRNO_CASE, { exitCode: 2, stderr: 'noise\nassert 2: errno expected 76 got 8\n' },
    { outcome: 'fail', message: 'assert 2: errno expected 76 got 8' }],
  ['wrong exit code without an assert line', sidecar({ expect: { exit_code: 5 } }), { exitCode: 0 },
    { outcome: 'fail', message: 'exit code 0, expected 5' }],
  ['stdout unchecked when expect has none', sidecar({}), { stdout: 'anything\n' }, { outcome: 'pass' }],
  ['trap expected, trapped → pass', sidecar({ expect: { trap: true } }), { exitCode: null, trap: 'out of bounds' }, { outcome: 'pass' }],
  ['trap expected, exited → fail', sidecar({ expect: { trap: true } }), { exitCode: 0 },
    { outcome: 'fail', message: 'exited with code 0, expected a trap' }],
  ['exit expected, trapped → fail', sidecar({}), { exitCode: null, trap: 'unreachable' },
    { outcome: 'fail', message: 'trapped (unreachable), expected exit code 0' }],
  ['could not run → error', sidecar({}), { exitCode: null, error: 'instantiate failed: LinkError: x' },
    { outcome: 'error', message: 'instantiate failed: LinkError: x' }],
  ['deadline → timeout', sidecar({}), { exitCode: null, timeout: 'no result within 10 ms' },
    { outcome: 'timeout', message: 'no result within 10 ms' }],
  ['fs_after matches → pass', FS_CASE, { preopenAfter: { 'a.txt': 'hello', 'b.txt': 'new' } }, { outcome: 'pass', fsDiff: [] }],
  ['fs_after of an alternative → accepted', FS_CASE, { preopenAfter: { 'a.txt': 'hello' } }, { outcome: 'accepted', behaviour: 'leaves b.txt out' }],
  ['fs_after differs → fail with the differences', FS_CASE, { preopenAfter: { 'a.txt': 'hellx', c: {} } },
    { outcome: 'fail', fsDiff: ['a.txt: content "hellx", expected "hello"', 'b.txt: missing (expected a file)', 'c: unexpected directory'],
      message: 'file tree differs: a.txt: content "hellx", expected "hello" (+2 more)' }],
  ['canary changed → fail marked sandbox escape, whatever the exit code', ERRNO_CASE,
    { stdout: 'errno=76\n', escape: ['outside/canary.txt: content "x", expected "y"'] },
    { outcome: 'fail', sandboxEscape: true, message: 'sandbox escape: outside/canary.txt: content "x", expected "y"' }],
  ['an escape outranks a timeout', sidecar({}), { timeout: 't', escape: ['stray: created beside the preopened directories'] },
    { outcome: 'fail', sandboxEscape: true }],
];

describe('judge', () => {
  test.each(rows)('%s', (_name, s, o, want) => {
    expect(judge(s, observed(o))).toMatchObject(want);
  });

  test('an alternative inherits the exit code it leaves out', () => {
    const s = sidecar({ expect: { exit_code: 3, stdout: 'a\n' }, accept: [{ behaviour: 'b', stdout: 'b\n' }] });
    expect(judge(s, observed({ exitCode: 3, stdout: 'b\n' })).outcome).toBe('accepted');
    expect(judge(s, observed({ exitCode: 0, stdout: 'b\n' })).outcome).toBe('fail');
  });
});

describe('judge helpers', () => {
  test('stdoutDifference names the first differing line and the end of output', () => {
    expect(stdoutDifference('a=1\nb=2\n', 'a=1\n')).toBe('stdout line 2: got "", expected "b=2"');
    expect(stdoutDifference('a=1\n', 'a=1\nb=2', true)).toBe('stdout line 2: got "b=2", expected "" (output truncated)');
    expect(stdoutDifference('a\n', 'a\nb\n')).toBe('stdout line 2: got "b", expected ""');
  });
  test('assertLine takes the first assert line only', () => {
    expect(assertLine('x\nassert 4: a\nassert 5: b\n')).toBe('assert 4: a');
    expect(assertLine('no assertion here')).toBeNull();
  });
});
