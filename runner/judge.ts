/**
 * The judge: a pure function from a case's sidecar and what was observed to an outcome.
 *
 *   sandbox escape (canary changed, entries created beside the preopens) → fail, sandboxEscape
 *   could not run → error;  deadline passed → timeout
 *   matches `expect` (exit code + exact stdout, or a trap; and `fs_after`) → pass
 *   matches an `accept` alternative → accepted, `behaviour` = its label
 *   otherwise → fail, message = the fixture's `assert N: …` stderr line, else what differed
 *
 * An alternative inherits what it leaves out: `fs_after` from the top level; the exit code (or
 * trap) from `expect`; and expect's stdout only when it sets neither `exit_code` nor `trap`.
 * So `{ behaviour, stdout }` means "same exit code, this stdout", `{ behaviour, trap: true }`
 * "traps instead", `{ behaviour, exit_code: 1 }` "exits 1, any stdout".
 */
import type { Alternative, Sidecar, Tree } from '../suites/sidecar.js';
import { diffTrees } from './tree.js';

export type JudgedOutcome = 'pass' | 'accepted' | 'fail' | 'error' | 'timeout';

export interface Observation {
  exitCode: number | null;
  /** Trap message when the guest trapped, else null. */
  trap: string | null;
  /** Why the case could not run, else null. */
  error: string | null;
  /** Why the case timed out, else null. */
  timeout: string | null;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated?: boolean;
  /** The first preopen's tree after the run (null without preopens). */
  preopenAfter: Tree | null;
  /** Evidence of a sandbox escape, one line each (empty: none). */
  escape: string[];
}

export interface Verdict {
  outcome: JudgedOutcome;
  behaviour: string | null;
  message: string | null;
  sandboxEscape: boolean;
  fsDiff: string[];
}

/** One behaviour the case allows, all fields resolved. */
interface Target { trap: boolean; exitCode?: number; stdout?: string; fsAfter?: Tree }

function expectTarget(s: Sidecar): Target {
  return 'trap' in s.expect
    ? { trap: true, fsAfter: s.fs_after }
    : { trap: false, exitCode: s.expect.exit_code, stdout: s.expect.stdout, fsAfter: s.fs_after };
}

function alternativeTarget(s: Sidecar, a: Alternative): Target {
  const base = expectTarget(s);
  const trap = a.trap === true || (a.exit_code === undefined && base.trap);
  // stdout is inherited only by an alternative that ends the same way as expect.
  const sameEnding = a.trap === undefined && a.exit_code === undefined;
  return {
    trap,
    exitCode: trap ? undefined : a.exit_code ?? base.exitCode,
    stdout: a.stdout ?? (sameEnding ? base.stdout : undefined),
    fsAfter: a.fs_after ?? base.fsAfter,
  };
}

const quote = (line: string | undefined) => (line === undefined ? 'end of output' : JSON.stringify(line));

/** The first line where stdout differs, as one line of text. */
export function stdoutDifference(expected: string, actual: string, truncated = false): string {
  const e = expected.split('\n'), a = actual.split('\n');
  let k = 0;
  while (k < e.length && k < a.length && e[k] === a[k]) k++;
  const note = truncated ? ' (output truncated)' : '';
  return `stdout line ${k + 1}: got ${quote(a[k])}, expected ${quote(e[k])}${note}`;
}

interface Mismatch { reason: string; fsDiff: string[] }

/** Why the observation is not this behaviour (null when it is). */
function mismatch(t: Target, o: Observation): Mismatch | null {
  const fsDiff = t.fsAfter ? diffTrees(t.fsAfter, o.preopenAfter ?? {}) : [];
  let reason: string | null = null;
  if (t.trap && o.trap === null) reason = `exited with code ${o.exitCode}, expected a trap`;
  else if (!t.trap && o.trap !== null) reason = `trapped (${o.trap}), expected exit code ${t.exitCode}`;
  else if (!t.trap && o.exitCode !== t.exitCode) reason = `exit code ${o.exitCode}, expected ${t.exitCode}`;
  else if (t.stdout !== undefined && o.stdout !== t.stdout) reason = stdoutDifference(t.stdout, o.stdout, o.stdoutTruncated);
  else if (fsDiff.length > 0) reason = `file tree differs: ${fsDiff[0]}${fsDiff.length > 1 ? ` (+${fsDiff.length - 1} more)` : ''}`;
  return reason === null ? null : { reason, fsDiff };
}

/** The fixture's own explanation: its first `assert N: …` line on stderr. */
export function assertLine(stderr: string): string | null {
  return stderr.split('\n').find((l) => /^assert \d+:/.test(l))?.trim() ?? null;
}

function verdict(outcome: JudgedOutcome, message: string | null, extra: Partial<Verdict> = {}): Verdict {
  return { outcome, behaviour: null, message, sandboxEscape: false, fsDiff: [], ...extra };
}

export function judge(s: Sidecar, o: Observation): Verdict {
  if (o.escape.length > 0) {
    const more = o.escape.length > 1 ? ` (+${o.escape.length - 1} more)` : '';
    return verdict('fail', `sandbox escape: ${o.escape[0]}${more}`, { sandboxEscape: true, fsDiff: o.escape });
  }
  if (o.error !== null) return verdict('error', o.error);
  if (o.timeout !== null) return verdict('timeout', o.timeout);
  const expected = mismatch(expectTarget(s), o);
  if (expected === null) return verdict('pass', null);
  for (const a of s.accept ?? []) {
    if (mismatch(alternativeTarget(s, a), o) === null) return verdict('accepted', null, { behaviour: a.behaviour });
  }
  const fromFixture = o.trap === null && o.exitCode !== 0 ? assertLine(o.stderr) : null;
  return verdict('fail', fromFixture ?? expected.reason, { fsDiff: expected.fsDiff });
}
