/**
 * Counting results for the text reports (summary.md, compare): per adapter, per syscall,
 * per family, and the share passing. "Passing" and "failing" are defined once, in
 * html/view-data.ts (isPassingOutcome, isFailingOutcome), and shared with the HTML page.
 */
import { OUTCOMES, summarize } from './model.js';
import type { CaseResult, Run, Summary } from './model.js';
import { isFailingOutcome, isPassingOutcome } from './html/view-data.js';
import { FAMILIES, familyOf } from './syscall-docs.js';

export { isFailingOutcome, isPassingOutcome };

/** `[passing, considered]`: pass + accepted over the non-skipped cases. */
export function passShareOf(s: Summary): [number, number] {
  let passing = 0;
  for (const o of OUTCOMES) if (isPassingOutcome(o)) passing += s[o];
  return [passing, s.total - s.skip];
}

/** `97% (35/36)`, `100%`, or `–` when nothing ran. */
export function shareText(s: Summary): string {
  const [p, c] = passShareOf(s);
  if (c === 0) return '–';
  if (p === c) return `100% (${p}/${c})`;
  const pct = Math.min(99, Math.max(p === 0 ? 0 : 1, Math.round((100 * p) / c)));
  return `${pct}% (${p}/${c})`;
}

/** Results grouped by a key, each group summarized. */
export function summarizeBy(results: readonly CaseResult[], key: (r: CaseResult) => string): Map<string, Summary> {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    const k = key(r);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  }
  return new Map([...groups].map(([k, g]) => [k, summarize(g, 0)]));
}

/** Families present in the runs, in report order (known families first, then others by name). */
export function familiesOf(runs: readonly Run[]): string[] {
  const present = new Set(runs.flatMap((r) => r.results.map((x) => familyOf(x.syscall))));
  const known = FAMILIES.filter((f) => present.has(f));
  const other = [...present].filter((f) => !(FAMILIES as readonly string[]).includes(f)).sort();
  return [...known, ...other];
}

/** Syscalls with at least one non-skipped case, and how many of them pass every such case. */
export function syscallsAllPassing(run: Run): [full: number, withCases: number] {
  let full = 0;
  let withCases = 0;
  for (const s of summarizeBy(run.results, (r) => r.syscall).values()) {
    const [p, c] = passShareOf(s);
    if (c > 0) { withCases++; if (p === c) full++; }
  }
  return [full, withCases];
}
