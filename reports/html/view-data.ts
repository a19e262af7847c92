/* istanbul ignore file -- shipped to the browser as source text; instrumentation would break it */
/**
 * Reading the page data: outcomes, shares passing, filters and search, counts per outcome.
 *
 * Shipped to the browser as source text (see page.ts): only `export function` declarations, no
 * module-level constants; functions call each other by name (value imports of these modules only).
 */
import type { PageData, ResultEntry } from './page-data.js';
import type { ViewState } from './view-state.js';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;');
}

/** Outcomes that count as passing in shares: the spec's behaviour or an accepted alternative. */
export function isPassingOutcome(outcome: string): boolean {
  return outcome === 'pass' || outcome === 'accepted';
}

/** Outcomes where the case did not work (xfail: a known failure, still a failure). */
export function isFailingOutcome(outcome: string): boolean {
  return outcome === 'fail' || outcome === 'error' || outcome === 'timeout' || outcome === 'xfail';
}

/** Share of non-skipped cases passing, as `[passing, considered]` from per-outcome counts. */
export function passShare(counts: readonly number[], outcomes: readonly string[]): [number, number] {
  let passing = 0;
  let considered = 0;
  for (let i = 0; i < outcomes.length; i++) {
    const n = counts[i] ?? 0;
    if (outcomes[i] === 'skip') continue;
    considered += n;
    if (isPassingOutcome(outcomes[i]!)) passing += n;
  }
  return [passing, considered];
}

export function formatShare(passing: number, considered: number): string {
  if (considered === 0) return '–';
  const p = (100 * passing) / considered;
  // Never round a partial result up to 100% or down to 0%.
  const shown = passing === considered ? 100 : passing === 0 ? 0 : Math.min(99, Math.max(1, Math.round(p)));
  return `${shown}%`;
}

/** Background colour for a share: red (0%) through yellow to green (100%); grey when nothing ran. */
export function shareColor(passing: number, considered: number): string {
  if (considered === 0) return '#e5e7eb';
  const hue = Math.round((passing / considered) * 120);
  return `hsl(${hue} 70% ${passing === considered ? 78 : 84}%)`;
}

export function str(data: PageData, i: number | undefined): string {
  return i === undefined || i < 0 ? '' : (data.strings[i] ?? '');
}

export function outcomeName(data: PageData, e: ResultEntry | 0 | undefined): string {
  return e ? (data.outcomes[e.o] ?? 'error') : '';
}

/** Adapter indexes in view: the selected adapter, or all of them. */
export function adapterIndexes(data: PageData, st: ViewState): number[] {
  const all = data.adapters.map((_, i) => i);
  if (!st.adapter) return all;
  const i = data.adapters.findIndex((a) => a.name === st.adapter);
  return i < 0 ? all : [i];
}

export function outcomeMatches(filter: string, outcome: string): boolean {
  if (!filter) return true;
  if (!outcome) return false;
  if (filter === 'passing') return isPassingOutcome(outcome);
  if (filter === 'not-passing') return isFailingOutcome(outcome);
  return filter === outcome;
}

/** Text a search matches against: id, description, tags, syscall. */
export function haystack(data: PageData, ci: number): string {
  const c = data.cases[ci]!;
  return `${c.id} ${c.d} ${c.tags.join(' ')} ${data.syscalls[c.s]?.name ?? ''}`.toLowerCase();
}

/** Does case `ci` pass the filters? The outcome filter holds when ANY adapter in view has it. */
export function caseMatches(data: PageData, ci: number, st: ViewState, ais: readonly number[], text: string): boolean {
  const c = data.cases[ci]!;
  if (st.syscall && data.syscalls[c.s]?.name !== st.syscall) return false;
  if (st.abi && c.abi !== st.abi) return false;
  if (st.tag && !c.tags.includes(st.tag)) return false;
  if (st.q) {
    for (const word of st.q.toLowerCase().split(/\s+/)) {
      if (!word) continue;
      if (text.includes(word)) continue;
      // a word may also match an adapter's message for the case
      let hit = false;
      for (const ai of ais) {
        const e = data.results[ai]![ci];
        if (e && str(data, e.m).toLowerCase().includes(word)) { hit = true; break; }
      }
      if (!hit) return false;
    }
  }
  if (st.outcome) {
    let any = false;
    for (const ai of ais) {
      if (outcomeMatches(st.outcome, outcomeName(data, data.results[ai]![ci]))) { any = true; break; }
    }
    if (!any) return false;
  }
  return true;
}

/** Indexes of the cases passing the filters. `texts` caches haystack() per case. */
export function filterCases(data: PageData, st: ViewState, texts: readonly string[]): number[] {
  const ais = adapterIndexes(data, st);
  const out: number[] = [];
  for (let ci = 0; ci < data.cases.length; ci++) if (caseMatches(data, ci, st, ais, texts[ci]!)) out.push(ci);
  return out;
}

/** Per-outcome counts of adapter `ai` over `cases`. */
export function tally(data: PageData, ai: number, cases: readonly number[]): number[] {
  const counts = data.outcomes.map(() => 0);
  const row = data.results[ai]!;
  for (const ci of cases) {
    const e = row[ci];
    if (e) counts[e.o]!++;
  }
  return counts;
}
