/**
 * The DSL's early endings: `endIfAlternative` (an alternative outcome ends the run with exit 0,
 * its expected stdout stops there) and `exitWith` (the case expects proc_exit's code).
 */
import { describe, expect, test } from '@jest/globals';
import { buildCase } from '../suites/generate.js';
import type { CaseDef } from '../suites/dsl.js';
import { compileWat } from '../runner/wat.js';

const one = (def: Partial<CaseDef> & Pick<CaseDef, 'body'>, syscall = 'poll_oneoff') =>
  buildCase(syscall, { name: 'x', description: 'd', tags: ['t'], ...def }, 'preview1', 'test')!;

describe('endIfAlternative', () => {
  test('the alternative stops after its line; the primary goes on', async () => {
    const out = one({ body: (f) => {
      const label = 'whole call fails';
      f.expectSuccess(f.call('poll_oneoff', 0, 0, 1, 0), { accept: [{ errno: 'inval', behaviour: label }] });
      f.endIfAlternative(label);
      f.check('event_error', f.i32(28), 28);
    } });
    expect(out.sidecar.expect).toEqual({ exit_code: 0, stdout: 'errno=0\nevent_error=28\n' });
    expect(out.sidecar.accept).toEqual([{ behaviour: 'whole call fails', exit_code: 0, stdout: 'errno=28\n' }]);
    expect(out.wat).toContain('(if (i32.eq (local.get $l');
    await expect(compileWat(out.wat, 'x.wat')).resolves.toBeInstanceOf(Uint8Array);
  });

  test('an unknown label is a table error', () => {
    expect(() => one({ body: (f) => { f.check('a', f.i32(1), 1); f.endIfAlternative('nope'); } })).toThrow(/no alternative "nope"/);
  });
});

describe('exitWith', () => {
  test('the case expects the exit code and the lines printed before it', async () => {
    const out = one({ body: (f) => { f.check('before', f.i32(1), 1); f.exitWith(7); } }, 'proc_exit');
    expect(out.sidecar.expect).toEqual({ exit_code: 7, stdout: 'before=1\n' });
    await expect(compileWat(out.wat, 'x.wat')).resolves.toBeInstanceOf(Uint8Array);
  });

  test('nothing may follow it', () => {
    expect(() => one({ body: (f) => { f.exitWith(1); f.check('a', f.i32(1), 1); } }, 'proc_exit')).toThrow(/exitWith must be the last/);
  });
});
