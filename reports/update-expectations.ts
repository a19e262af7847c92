/**
 * Expectations files (schemas/expectations.schema.json, `wasi-conformance/expectations@1`):
 * per adapter, a case id or glob → the outcomes expected from it and why. Only non-default
 * results are recorded (wpt style), and the file is regenerated from a run, not typed:
 * `report --from report.json --update-expectations FILE`.
 *
 * Updating keeps what the run cannot contradict (globs, entries for cases the run did not
 * include, reasons people wrote) and changes what it can:
 * - fail / error / timeout not already expected → an exact entry `[outcome]` (reason kept, else
 *   the result's message);
 * - xpass → the exact entry is dropped; if a glob would still expect a failure, an exact
 *   `["pass", "accepted"]` entry overrides it;
 * - pass / accepted / xfail / skip → unchanged (the file already says so, or it is the default).
 */
import type { CaseResult, Report } from './model.js';
import { ReportInputError } from './errors.js';

export const EXPECTATIONS_SCHEMA = 'wasi-conformance/expectations@1';
export const EXPECTABLE = ['pass', 'accepted', 'fail', 'error', 'timeout', 'skip'] as const;
export type ExpectedOutcome = typeof EXPECTABLE[number];

export interface Expectation { expected: ExpectedOutcome[]; reason: string }

export interface ExpectationsFile {
  schema: typeof EXPECTATIONS_SCHEMA;
  comment?: string;
  adapters: Record<string, Record<string, Expectation>>;
}

/** Glob handling is the runner's (runner/glob.ts); the caller passes it in. */
export interface GlobMatcher {
  isGlob(pattern: string): boolean;
  matches(pattern: string, id: string): boolean;
}

export interface UpdateStats { added: number; changed: number; removed: number }

export function emptyExpectations(): ExpectationsFile {
  return { schema: EXPECTATIONS_SCHEMA, adapters: {} };
}

/** Light shape check (the runner validates the full schema); names the file on failure. */
export function checkExpectations(value: unknown, file: string): ExpectationsFile {
  const v = value as Partial<ExpectationsFile> | null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ReportInputError(`${file}: must be an object (an expectations file)`);
  if (v.schema !== EXPECTATIONS_SCHEMA) {
    throw new ReportInputError(`${file}: schema must be "${EXPECTATIONS_SCHEMA}" (got ${JSON.stringify(v.schema ?? null)})`);
  }
  if (typeof v.adapters !== 'object' || v.adapters === null || Array.isArray(v.adapters)) throw new ReportInputError(`${file}: adapters must be an object`);
  return v as ExpectationsFile;
}

/** The glob entry that applies to `id`: the longest matching pattern (an exact id is looked up first). */
function globFor(entries: Record<string, Expectation>, id: string, glob: GlobMatcher): Expectation | undefined {
  let best: string | undefined;
  for (const pattern of Object.keys(entries)) {
    if (glob.isGlob(pattern) && glob.matches(pattern, id) && (best === undefined || pattern.length > best.length)) best = pattern;
  }
  return best === undefined ? undefined : entries[best];
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function reasonFor(r: CaseResult, previous: Expectation | undefined): string {
  return previous?.reason || (r.message ? oneLine(r.message) : '') || `${r.outcome} (recorded by update-expectations)`;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

export function updateExpectations(existing: ExpectationsFile | null, report: Report, glob: GlobMatcher):
  { file: ExpectationsFile; stats: UpdateStats } {
  const base = existing ?? emptyExpectations();
  const adapters: Record<string, Record<string, Expectation>> = {};
  for (const [name, entries] of Object.entries(base.adapters)) adapters[name] = { ...entries };
  const stats: UpdateStats = { added: 0, changed: 0, removed: 0 };

  for (const run of report.runs) {
    const entries = adapters[run.adapter.name] ?? {};
    for (const r of run.results) {
      const exact = entries[r.id];
      const applies = exact ?? globFor(entries, r.id, glob);
      switch (r.outcome) {
        case 'fail':
        case 'error':
        case 'timeout': {
          if (applies?.expected.includes(r.outcome)) break;
          entries[r.id] = { expected: [r.outcome], reason: reasonFor(r, exact) };
          if (exact) stats.changed++; else stats.added++;
          break;
        }
        case 'xpass': {
          if (exact) { delete entries[r.id]; stats.removed++; }
          const still = globFor(entries, r.id, glob);
          if (still && !still.expected.includes('pass') && !still.expected.includes('accepted')) {
            entries[r.id] = { expected: ['pass', 'accepted'], reason: 'passes now (overrides a glob expecting failure)' };
            stats.added++;
          }
          break;
        }
        default:
          break;
      }
    }
    if (Object.keys(entries).length > 0) adapters[run.adapter.name] = sortKeys(entries);
    else delete adapters[run.adapter.name];
  }
  const file: ExpectationsFile = { schema: EXPECTATIONS_SCHEMA, ...(base.comment ? { comment: base.comment } : {}), adapters: sortKeys(adapters) };
  return { file, stats };
}
