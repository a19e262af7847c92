/**
 * proc_raise. A sandboxed runtime has no process of its own to signal: docs/CHOICES.md makes
 * ENOTSUP the primary answer for a valid signal and accepts ENOSYS, a trap, or success (a real
 * signal: uvwasi calls kill() on its own process). Only signals whose default action is to be
 * ignored are raised here, so a runtime that really delivers them does not kill the harness.
 * Values outside the `signal` enum are EINVAL.
 */
import { suite, type AltErrno, type CaseDef } from '../dsl.js';
import type { Alternative } from '../sidecar.js';

const QUOTE = 'Send a signal to the process of the calling thread.';
/** signal enum values (witx order). */
const SIGNAL = { none: 0, chld: 16, urg: 22, winch: 27, sys: 30 } as const;

const TRAP: Alternative = { behaviour: 'trap: proc_raise unsupported (wasmtime wasi-common)', trap: true };
const NOSYS = { errno: 'nosys' as const, behaviour: 'ENOSYS: proc_raise not implemented' };

const validSignal = (name: keyof typeof SIGNAL, description: string, more: AltErrno[] = []): CaseDef => ({
  name: `raise-${name}`, tags: ['edge'], description, quote: QUOTE, spec: 'docs.md#proc_raise', accept: [TRAP],
  body: (f) => {
    f.expectErrno(f.call('proc_raise', SIGNAL[name]), 'notsup', {
      accept: [NOSYS, { errno: 'success', behaviour: 'success: the signal is really raised on the host process (uvwasi)' }, ...more],
    });
  },
});

const invalidSignal = (value: number, description: string): CaseDef => ({
  name: `signal-${value}-out-of-range`, tags: ['errors'], description, spec: 'docs.md#signal', accept: [TRAP],
  body: (f) => {
    f.expectErrno(f.call('proc_raise', value), 'inval', {
      accept: [NOSYS, { errno: 'notsup', behaviour: 'ENOTSUP for every signal, valid or not' }],
    });
  },
});

export default suite('proc_raise', [
  validSignal('winch', 'raising SIGWINCH (ignored by default) is refused with ENOTSUP in a sandbox'),
  validSignal('urg', 'raising SIGURG (ignored by default) is refused with ENOTSUP in a sandbox'),
  validSignal('chld', 'raising SIGCHLD (ignored by default) is refused with ENOTSUP in a sandbox'),
  // `none` is a `signal` value but "this value is reserved": refusing it as invalid is defensible too
  validSignal('none', 'raising signal 0 (none, reserved) is refused with ENOTSUP in a sandbox',
    [{ errno: 'inval', behaviour: 'EINVAL: signal 0 (none) is reserved, not a signal to raise' }]),
  invalidSignal(31, 'signal 31, one past the last `signal` value (sys = 30), fails with EINVAL'),
  invalidSignal(255, 'signal 255 is not a `signal` value: EINVAL'),
]);
