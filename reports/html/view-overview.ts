/* istanbul ignore file -- shipped to the browser as source text; instrumentation would break it */
/**
 * The overview views as HTML strings: adapter summary, syscall × adapter matrix, case-list rows,
 * filter options, the syscall index and the per-syscall behaviour page.
 *
 * Shipped to the browser as source text (see page.ts): only `export function` declarations, no
 * module-level constants; functions call each other by name (value imports of these modules only).
 */
import type { PageData } from './page-data.js';
import type { ViewState } from './view-state.js';
import { linkTo } from './view-state.js';
import {
  adapterIndexes, esc, formatShare, isPassingOutcome, outcomeName, passShare, shareColor, str, tally,
} from './view-data.js';

export function chip(data: PageData, outcome: string, title: string): string {
  const meaning = data.outcomeMeaning[outcome] ?? '';
  return `<span class="chip o-${esc(outcome || 'none')}" title="${esc(title ? `${title}: ${outcome || 'not run'}` : meaning)}">${esc(outcome || '·')}</span>`;
}

export function shareCell(passing: number, considered: number, href: string): string {
  const label = formatShare(passing, considered);
  return `<td class="share" style="background:${shareColor(passing, considered)}"><a href="${esc(href)}">${label}<small>${passing}/${considered}</small></a></td>`;
}

/** Adapter summary: one row per adapter, counts per outcome over `cases`. */
export function renderSummary(data: PageData, st: ViewState, cases: readonly number[]): string {
  const head = data.outcomes.map((o) => `<th title="${esc(data.outcomeMeaning[o])}">${esc(o)}</th>`).join('');
  const rows = data.adapters.map((a, ai) => {
    const counts = tally(data, ai, cases);
    const [passing, considered] = passShare(counts, data.outcomes);
    // syscalls whose every non-skipped case passes
    const bySyscall = new Map<number, number[]>();
    for (const ci of cases) {
      const s = data.cases[ci]!.s;
      let list = bySyscall.get(s);
      if (!list) bySyscall.set(s, (list = []));
      list.push(ci);
    }
    let full = 0;
    let withCases = 0;
    for (const list of bySyscall.values()) {
      const [p, c] = passShare(tally(data, ai, list), data.outcomes);
      if (c > 0) { withCases++; if (p === c) full++; }
    }
    const cells = data.outcomes.map((o, oi) => {
      const n = counts[oi]!;
      return `<td class="num">${n ? `<a class="o-${esc(o)}-text" href="${esc(linkTo(st, { view: 'cases', adapter: a.name, outcome: o, case: '' }))}">${n}</a>` : '0'}</td>`;
    }).join('');
    const seconds = a.durationMs ? `${(a.durationMs / 1000).toFixed(1)} s` : '';
    return `<tr><th scope="row"><a href="${esc(linkTo(st, { view: 'cases', adapter: a.name, case: '' }))}">${esc(a.name)}</a>`
      + `<div class="sub">${esc(a.version)}${a.abis.length ? ` · ${esc(a.abis.join(', '))}` : ''}</div></th>`
      + shareCell(passing, considered, linkTo(st, { view: 'cases', adapter: a.name, outcome: 'not-passing', case: '' }))
      + `<td class="num">${full}/${withCases}</td>${cells}<td class="num">${counts.reduce((x, y) => x + y, 0)}</td><td class="num">${seconds}</td></tr>`;
  }).join('');
  return `<table class="summary"><caption>Adapters</caption><thead><tr><th>adapter</th><th title="(pass + accepted) / non-skipped cases">passing</th>`
    + `<th title="syscalls whose every non-skipped case passes">syscalls all passing</th>${head}<th>total</th><th>time</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The syscall × adapter matrix over `cases`, grouped by family, each cell linking to its cases. */
export function renderMatrix(data: PageData, st: ViewState, cases: readonly number[]): string {
  const bySyscall = new Map<number, number[]>();
  for (const ci of cases) {
    const s = data.cases[ci]!.s;
    let list = bySyscall.get(s);
    if (!list) bySyscall.set(s, (list = []));
    list.push(ci);
  }
  const head = data.adapters.map((a) => `<th class="adapter${st.adapter === a.name ? ' selected' : ''}">${esc(a.name)}</th>`).join('');
  let body = '';
  let family = '';
  for (let s = 0; s < data.syscalls.length; s++) {
    const list = bySyscall.get(s);
    if (!list) continue;
    const sc = data.syscalls[s]!;
    if (sc.family !== family) {
      family = sc.family;
      body += `<tr class="family"><th colspan="${data.adapters.length + 2}">${esc(family)}</th></tr>`;
    }
    const cells = data.adapters.map((a, ai) => {
      const [p, c] = passShare(tally(data, ai, list), data.outcomes);
      return shareCell(p, c, linkTo(st, { view: 'cases', syscall: sc.name, adapter: a.name, case: '' }));
    }).join('');
    body += `<tr><th scope="row" class="syscall"><a href="${esc(linkTo(st, { view: 'syscall', syscall: sc.name, case: '' }))}">${esc(sc.name)}</a>`
      + `<div class="sub">${esc(sc.summary)}</div></th><td class="num">${list.length}</td>${cells}</tr>`;
  }
  if (!body) return '<p class="empty">No cases match the filters.</p>';
  return `<table class="matrix"><caption>Share of cases passing (pass or accepted) per syscall and adapter, skipped cases left out. Click a cell for its cases, a syscall for its page</caption>`
    + `<thead><tr><th>syscall</th><th>cases</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** One line of the case list: the id, an outcome chip per adapter in view, the description (or message). */
export function renderCaseRow(data: PageData, st: ViewState, ci: number, ais: readonly number[]): string {
  const c = data.cases[ci]!;
  const chips = ais.map((ai) => chip(data, outcomeName(data, data.results[ai]![ci]), data.adapters[ai]!.name)).join('');
  let note = c.d;
  if (ais.length === 1) {
    const e = data.results[ais[0]!]![ci];
    if (e && e.m !== undefined) note = `${str(data, e.m)} — ${c.d}`;
    else if (e && e.b !== undefined) note = `accepted: ${str(data, e.b)} — ${c.d}`;
  }
  // Many adapters: colour-only chips (outcome in the tooltip), so the row still fits.
  return `<a class="row" href="${esc(linkTo(st, { case: c.id }))}" data-case="${ci}">`
    + `<span class="id">${esc(c.id)}</span><span class="chips${ais.length > 3 ? ' compact' : ''}">${chips}</span><span class="desc">${esc(note)}</span></a>`;
}

/** Option lists for the filter controls. */
export function renderOptions(values: readonly string[], selected: string, allLabel: string): string {
  return `<option value="">${esc(allLabel)}</option>`
    + values.map((v) => `<option value="${esc(v)}"${v === selected ? ' selected' : ''}>${esc(v)}</option>`).join('');
}

/** Per-syscall behaviour page: what the spec says, what each adapter does, and the cases. */
export function renderSyscallPage(data: PageData, st: ViewState, cases: readonly number[]): string {
  if (!st.syscall) return renderSyscallIndex(data, st, cases);
  const s = data.syscalls.findIndex((x) => x.name === st.syscall);
  if (s < 0) return `<p class="empty">No syscall named ${esc(st.syscall)} in this report.</p>`;
  const sc = data.syscalls[s]!;
  const mine = cases.filter((ci) => data.cases[ci]!.s === s);
  const ais = adapterIndexes(data, st);
  let html = `<section class="syscall-page"><h2><code>${esc(sc.name)}</code> <span class="sub">${esc(sc.family)}</span></h2>`
    + `<p class="spec-summary">${esc(sc.summary || 'No summary for this call in the spec table.')}</p>`
    + `<p><code class="sig">${esc(sc.signature)}</code>${sc.posix ? ` · similar to POSIX <code>${esc(sc.posix)}</code>` : ''}`
    + ` · <a href="${esc(sc.url)}" rel="noreferrer">spec</a></p>`;
  html += '<h3>What each adapter does</h3><table class="adapter-behaviour"><thead><tr><th>adapter</th><th>passing</th><th>outcomes</th><th>accepted alternatives used</th><th>failures</th></tr></thead><tbody>';
  for (const ai of ais) {
    const counts = tally(data, ai, mine);
    const [p, c] = passShare(counts, data.outcomes);
    const outcomes = data.outcomes.map((o, oi) => (counts[oi] ? `${chip(data, o, '')}×${counts[oi]}` : '')).join(' ');
    const behaviours = new Map<string, number>();
    const failures = new Map<string, number>();
    for (const ci of mine) {
      const e = data.results[ai]![ci];
      if (!e) continue;
      const o = data.outcomes[e.o]!;
      if (e.b !== undefined) behaviours.set(str(data, e.b), (behaviours.get(str(data, e.b)) ?? 0) + 1);
      if (!isPassingOutcome(o) && o !== 'skip') { // failures, and xpass (unexpected)
        const m = `${o}: ${str(data, e.m) || 'no message'}`;
        failures.set(m, (failures.get(m) ?? 0) + 1);
      }
    }
    const list = (m: Map<string, number>) => (m.size === 0 ? '—' : `<ul>${[...m].sort((x, y) => y[1] - x[1]).slice(0, 8)
      .map(([k, n]) => `<li>${esc(k)}${n > 1 ? ` <b>×${n}</b>` : ''}</li>`).join('')}${m.size > 8 ? `<li>… ${m.size - 8} more</li>` : ''}</ul>`);
    html += `<tr><th scope="row">${esc(data.adapters[ai]!.name)}</th>${shareCell(p, c, linkTo(st, { view: 'cases', adapter: data.adapters[ai]!.name }))}`
      + `<td>${outcomes}</td><td>${list(behaviours)}</td><td>${list(failures)}</td></tr>`;
  }
  html += `</tbody></table><h3>Cases (${mine.length})</h3><table class="cases"><thead><tr><th>case</th>`
    + ais.map((ai) => `<th>${esc(data.adapters[ai]!.name)}</th>`).join('') + '</tr></thead><tbody>';
  for (const ci of mine) {
    const c = data.cases[ci]!;
    html += `<tr><th scope="row"><a href="${esc(linkTo(st, { case: c.id }))}" data-case="${ci}">${esc(c.id)}</a><div class="sub">${esc(c.d)}</div></th>`
      + ais.map((ai) => `<td><a href="${esc(linkTo(st, { case: c.id, adapter: data.adapters[ai]!.name }))}">${chip(data, outcomeName(data, data.results[ai]![ci]), data.adapters[ai]!.name)}</a></td>`).join('')
      + '</tr>';
  }
  return `${html}</tbody></table></section>`;
}

/** Every syscall in the report with what the spec says, linking to its behaviour page. */
export function renderSyscallIndex(data: PageData, st: ViewState, cases: readonly number[]): string {
  const counts = data.syscalls.map(() => 0);
  for (const ci of cases) counts[data.cases[ci]!.s]!++;
  const rows = data.syscalls.map((sc, s) => `<tr><th scope="row"><a href="${esc(linkTo(st, { view: 'syscall', syscall: sc.name, case: '' }))}"><code>${esc(sc.name)}</code></a></th>`
    + `<td>${esc(sc.family)}</td><td>${esc(sc.summary)}</td><td>${sc.posix ? `<code>${esc(sc.posix)}</code>` : ''}</td>`
    + `<td class="num">${counts[s]}</td><td><a href="${esc(sc.url)}" rel="noreferrer">spec</a></td></tr>`).join('');
  return '<table class="syscall-index"><caption>What each call does, per the spec; open one for its cases and what each adapter does</caption>'
    + `<thead><tr><th>syscall</th><th>family</th><th>summary</th><th>POSIX</th><th>cases</th><th></th></tr></thead><tbody>${rows}</tbody></table>`;
}
