/**
 * `report --from report.json --update-expectations FILE`: regenerate an expectations file
 * (schemas/expectations.schema.json; format, lookup and application in runner/expectations.ts)
 * from a run, wpt style: only non-default results are recorded, and the file is written by
 * the tool, not typed.
 *
 * Updating keeps what the run cannot contradict (globs, entries for cases or adapters the run
 * did not include, reasons people wrote) and changes what it can, per result:
 * - fail / error / timeout that no entry expects → an exact entry `[outcome]` (an existing
 *   exact entry keeps its reason; a new one takes the result's message);
 * - xpass → the exact entry is dropped; if a glob would still expect a failure, an exact
 *   `["pass", "accepted"]` entry overrides it;
 * - pass / accepted / xfail / skip → nothing to change (the file already says so, or it is
 *   the default).
 */
import type { CaseResult, Report } from './model.js';
import { EXPECTATIONS_SCHEMA, lookupExpectation } from '../runner/expectations.js';
import type { ExpectationEntry, ExpectationsFile } from '../runner/expectations.js';

export interface UpdateStats { added: number; changed: number; removed: number }

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

function reasonFor(r: CaseResult, previous: ExpectationEntry | undefined): string {
  return previous?.reason || (r.message ? oneLine(r.message) : '') || `${r.outcome} (recorded by --update-expectations)`;
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

export function updateExpectations(existing: ExpectationsFile | null, report: Report): { file: ExpectationsFile; stats: UpdateStats } {
  const adapters: Record<string, Record<string, ExpectationEntry>> = {};
  for (const [name, entries] of Object.entries(existing?.adapters ?? {})) adapters[name] = { ...entries };
  const file: ExpectationsFile = { schema: EXPECTATIONS_SCHEMA, ...(existing?.comment ? { comment: existing.comment } : {}), adapters };
  const stats: UpdateStats = { added: 0, changed: 0, removed: 0 };

  for (const run of report.runs) {
    const name = run.adapter.name;
    const entries = (adapters[name] ??= {});
    for (const r of run.results) {
      const exact = Object.hasOwn(entries, r.id) ? entries[r.id] : undefined;
      if (r.outcome === 'fail' || r.outcome === 'error' || r.outcome === 'timeout') {
        if (lookupExpectation(file, name, r.id)?.expected.includes(r.outcome)) continue;
        entries[r.id] = { expected: [r.outcome], reason: reasonFor(r, exact) };
        if (exact) stats.changed++; else stats.added++;
      } else if (r.outcome === 'xpass') {
        if (exact) { delete entries[r.id]; stats.removed++; }
        const still = lookupExpectation(file, name, r.id);
        if (still && !still.expected.includes('pass') && !still.expected.includes('accepted')) {
          entries[r.id] = { expected: ['pass', 'accepted'], reason: 'passes now (overrides a glob that expects a failure)' };
          stats.added++;
        }
      }
    }
    if (Object.keys(entries).length === 0) delete adapters[name];
    else adapters[name] = sortKeys(entries);
  }
  file.adapters = sortKeys(adapters);
  return { file, stats };
}
