/**
 * The summary printed after a run: per syscall family, how many cases each adapter passed
 * (pass and accepted count; skipped cases are left out) and how many syscalls passed every
 * case, then each adapter's outcome counts. Counting per family and per syscall keeps one large table from hiding a small one.
 */
import { OUTCOMES, type CaseResult, type Run } from '../reports/model.js';
import { FAMILIES, familyOf } from '../suites/spec.js';

const passed = (r: CaseResult) => r.outcome === 'pass' || r.outcome === 'accepted';

interface Tally { ok: number; total: number; syscalls: Map<string, boolean> }

function tally(results: readonly CaseResult[], family: string): Tally {
  const t: Tally = { ok: 0, total: 0, syscalls: new Map() };
  for (const r of results) {
    if (familyOf(r.syscall) !== family || r.outcome === 'skip') continue;
    t.total++;
    if (passed(r)) t.ok++;
    t.syscalls.set(r.syscall, (t.syscalls.get(r.syscall) ?? true) && passed(r));
  }
  return t;
}

function cell(ok: number, total: number): string {
  if (total === 0) return '—';
  return `${ok}/${total} ${String(Math.floor((100 * ok) / total)).padStart(3)}%`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('   ').trimEnd()).join('\n');
}

/** The table of cases passed per family (and fully passing syscalls), one column per adapter. */
export function formatSummary(runs: readonly Run[]): string {
  if (runs.length === 0) return 'no results';
  const families = [...FAMILIES, 'other'].filter((fam) => runs.some((run) => run.results.some((r) => familyOf(r.syscall) === fam)));
  const rows: string[][] = [['family', ...runs.map((r) => r.adapter.name), ...runs.map((r) => `${r.adapter.name} syscalls`)]];
  const totals = runs.map(() => ({ ok: 0, total: 0, sysOk: 0, sys: 0 }));
  for (const fam of families) {
    const tallies = runs.map((run) => tally(run.results, fam));
    tallies.forEach((t, i) => {
      totals[i]!.ok += t.ok; totals[i]!.total += t.total;
      totals[i]!.sysOk += [...t.syscalls.values()].filter(Boolean).length; totals[i]!.sys += t.syscalls.size;
    });
    rows.push([fam, ...tallies.map((t) => cell(t.ok, t.total)),
      ...tallies.map((t) => cell([...t.syscalls.values()].filter(Boolean).length, t.syscalls.size))]);
  }
  rows.push(['total', ...totals.map((t) => cell(t.ok, t.total)), ...totals.map((t) => cell(t.sysOk, t.sys))]);
  const counts = runs.map((run) => {
    const parts = OUTCOMES.filter((o) => run.summary[o] > 0).map((o) => `${run.summary[o]} ${o}`);
    return `${run.adapter.name} (${run.adapter.version}): ${parts.join(', ') || 'no cases'} in ${(run.summary.durationMs / 1000).toFixed(1)} s`;
  });
  return `${table(rows)}\n\n${counts.join('\n')}`;
}
