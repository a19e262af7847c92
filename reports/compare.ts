/**
 * `compare OLD NEW`: per adapter, what regressed (pass/accepted/xpass → fail/error/timeout/xfail),
 * what was fixed (the other way), other outcome changes, and cases new or removed. Adapters are matched
 * by name, cases by id. A regression is the only thing that makes the command exit 1.
 */
import type { Outcome, Report, Run } from './model.js';
import { isFailingOutcome, isPassingOutcome } from './aggregate.js';

/** The case worked: pass, accepted, or xpass (it passed, whatever the expectations file said). */
function worked(o: Outcome): boolean {
  return isPassingOutcome(o) || o === 'xpass';
}

export interface CaseChange { id: string; from: Outcome; to: Outcome; message: string | null }
export interface CaseOutcome { id: string; outcome: Outcome }

export interface AdapterComparison {
  adapter: string;
  oldVersion: string;
  newVersion: string;
  regressions: CaseChange[];
  fixes: CaseChange[];
  /** Other outcome changes: pass ↔ accepted, fail → error, anything ↔ skip … */
  changed: CaseChange[];
  added: CaseOutcome[];
  removed: CaseOutcome[];
}

export interface Comparison {
  adapters: AdapterComparison[];
  /** Adapters only in the new report / only in the old one. */
  addedAdapters: string[];
  removedAdapters: string[];
}

function byId(run: Run): Map<string, Run['results'][number]> {
  return new Map(run.results.map((r) => [r.id, r]));
}

const byIdOrder = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function compareRuns(oldRun: Run, newRun: Run): AdapterComparison {
  const before = byId(oldRun);
  const after = byId(newRun);
  const c: AdapterComparison = {
    adapter: newRun.adapter.name, oldVersion: oldRun.adapter.version, newVersion: newRun.adapter.version,
    regressions: [], fixes: [], changed: [], added: [], removed: [],
  };
  for (const [id, n] of after) {
    const o = before.get(id);
    if (!o) { c.added.push({ id, outcome: n.outcome }); continue; }
    if (o.outcome === n.outcome) continue;
    const change: CaseChange = { id, from: o.outcome, to: n.outcome, message: n.message };
    if (worked(o.outcome) && isFailingOutcome(n.outcome)) c.regressions.push(change);
    else if (isFailingOutcome(o.outcome) && worked(n.outcome)) c.fixes.push(change);
    else c.changed.push(change);
  }
  for (const [id, o] of before) if (!after.has(id)) c.removed.push({ id, outcome: o.outcome });
  for (const list of [c.regressions, c.fixes, c.changed, c.added, c.removed]) list.sort(byIdOrder);
  return c;
}

export function compareReports(oldReport: Report, newReport: Report): Comparison {
  const oldRuns = new Map(oldReport.runs.map((r) => [r.adapter.name, r]));
  const newNames = new Set(newReport.runs.map((r) => r.adapter.name));
  return {
    adapters: newReport.runs.filter((r) => oldRuns.has(r.adapter.name)).map((r) => compareRuns(oldRuns.get(r.adapter.name)!, r)),
    addedAdapters: newReport.runs.map((r) => r.adapter.name).filter((n) => !oldRuns.has(n)),
    removedAdapters: oldReport.runs.map((r) => r.adapter.name).filter((n) => !newNames.has(n)),
  };
}

export function regressionCount(c: Comparison): number {
  return c.adapters.reduce((n, a) => n + a.regressions.length, 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : word.endsWith('x') ? 'es' : 's'}`;
}

/**
 * Plain-text comparison. Regressions and fixes are always listed in full; other changes and
 * new/removed cases up to `limit` per adapter and list.
 */
export function formatComparison(c: Comparison, limit = 50): string {
  const lines: string[] = [];
  const list = (label: string, items: string[]) => {
    const shown = label === 'regressed' || label === 'fixed' ? items : items.slice(0, limit);
    for (const s of shown) lines.push(`  ${label.padEnd(9)} ${s}`);
    if (shown.length < items.length) lines.push(`  ${''.padEnd(9)} … ${items.length - shown.length} more ${label}`);
  };
  const change = (x: CaseChange) => `${x.id}: ${x.from} → ${x.to}${x.message ? ` (${x.message})` : ''}`;
  for (const a of c.adapters) {
    const counts = [plural(a.regressions.length, 'regression'), plural(a.fixes.length, 'fix'), `${a.changed.length} changed`,
      `${a.added.length} new`, `${a.removed.length} removed`].join(', ');
    const version = a.oldVersion !== a.newVersion ? ` [${a.oldVersion || '?'} → ${a.newVersion || '?'}]` : '';
    lines.push(`${a.adapter}${version}: ${counts}`);
    list('regressed', a.regressions.map(change));
    list('fixed', a.fixes.map(change));
    list('changed', a.changed.map(change));
    list('new', a.added.map((x) => `${x.id}: ${x.outcome}`));
    list('removed', a.removed.map((x) => `${x.id}: was ${x.outcome}`));
  }
  for (const n of c.addedAdapters) lines.push(`${n}: new adapter (not in the old report)`);
  for (const n of c.removedAdapters) lines.push(`${n}: removed (only in the old report)`);
  const total = regressionCount(c);
  lines.push(total ? `${plural(total, 'regression')}.` : 'No regressions.');
  return `${lines.join('\n')}\n`;
}
