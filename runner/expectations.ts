/**
 * Expectations files (schemas/expectations.schema.json), wpt style: per adapter, only the cases
 * whose result is not a pass, each with the outcomes expected and why.
 *
 *   { "schema": "wasi-conformance/expectations@1",
 *     "adapters": { "node": { "preview1/path_open/*": { "expected": ["fail"], "reason": "…" } } } }
 *
 * Lookup: an exact id wins; otherwise the longest matching glob. Applying an entry:
 *   ['skip']                        → the case is not run (skip, message = reason)
 *   failure listed (fail/error/timeout) → xfail
 *   pass/accepted listed            → stays pass/accepted (flaky cases list both)
 *   pass/accepted not listed        → xpass (unexpected: update the file)
 *   failure not listed              → stays a failure (unexpected)
 */
import { readFileSync } from 'node:fs';
import type { Outcome } from '../reports/model.js';
import { UsageError } from './errors.js';
import { displayPath } from './fixtures.js';
import { isGlob, matchGlob } from './glob.js';
import type { JudgedOutcome } from './judge.js';
import { validate } from './schemas.js';

export type ExpectedOutcome = JudgedOutcome | 'skip';

export interface ExpectationEntry { expected: ExpectedOutcome[]; reason: string }

export interface ExpectationsFile {
  schema: typeof EXPECTATIONS_SCHEMA;
  comment?: string;
  adapters: Record<string, Record<string, ExpectationEntry>>;
}

export const EXPECTATIONS_SCHEMA = 'wasi-conformance/expectations@1';

export function loadExpectations(path: string): ExpectationsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`expectations file ${displayPath(path)} cannot be read`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${displayPath(path)}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return validate<ExpectationsFile>('expectations', data, displayPath(path));
}

/** The entry for a case under an adapter: exact id first, else the longest matching glob. */
export function lookupExpectation(file: ExpectationsFile | null, adapter: string, id: string): ExpectationEntry | null {
  const table = file?.adapters[adapter];
  if (!table) return null;
  if (Object.hasOwn(table, id)) return table[id]!;
  let best: string | null = null;
  for (const pattern of Object.keys(table)) {
    if (isGlob(pattern) && matchGlob(pattern, id) && (best === null || pattern.length > best.length)) best = pattern;
  }
  return best === null ? null : table[best]!;
}

const FAILURES: ReadonlySet<JudgedOutcome> = new Set(['fail', 'error', 'timeout']);

/** True when the entry says: do not run this case. */
export function expectsSkip(entry: ExpectationEntry | null): boolean {
  return entry !== null && entry.expected.includes('skip');
}

/** The final outcome and message of a judged case under an expectation entry. */
export function applyExpectation(
  outcome: JudgedOutcome, message: string | null, entry: ExpectationEntry | null,
): { outcome: Outcome; message: string | null } {
  if (entry === null) return { outcome, message };
  const listed = entry.expected.includes(outcome);
  if (FAILURES.has(outcome)) {
    return listed ? { outcome: 'xfail', message: `${message ?? outcome} [expected: ${entry.reason}]` } : { outcome, message };
  }
  return listed ? { outcome, message } : {
    outcome: 'xpass',
    message: `${outcome}, but the expectations file says ${entry.expected.join('/')} (${entry.reason})`,
  };
}
