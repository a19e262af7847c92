/* istanbul ignore file -- shipped to the browser as source text; instrumentation would break it */
/**
 * The report page's views as pure functions from (PageData, ViewState) to HTML strings.
 * The SAME functions run in two places: page.ts calls them in Node to write the static HTML
 * (so the summary and matrix read without JavaScript), and page.ts also embeds their source
 * (`fn.toString()`) in the page, where app.ts calls them on every view change.
 *
 * Rules for this file, because each function is shipped as text:
 * - only `export function name(...) {}` declarations; no module-level constants or imports
 *   (type-only imports are fine: they vanish);
 * - a function may call any other function listed in BROWSER_FUNCTIONS (page.ts) by name.
 */
import type { PageData, ResultEntry } from './page-data.js';

/** What the URL hash holds: the view and every filter, so a link restores the page. */
export interface ViewState {
  view: string;     // 'matrix' | 'cases' | 'syscall'
  adapter: string;  // adapter name, '' = all
  syscall: string;
  tag: string;
  outcome: string;  // an outcome, 'passing' (pass, accepted), 'not-passing' (fail, error, timeout, xfail), or ''
  abi: string;
  q: string;        // search words
  case: string;     // case id shown in the detail panel
}

export function stateKeys(): (keyof ViewState)[] {
  return ['view', 'adapter', 'syscall', 'tag', 'outcome', 'abi', 'q', 'case'];
}

export function defaultState(): ViewState {
  return { view: 'matrix', adapter: '', syscall: '', tag: '', outcome: '', abi: '', q: '', case: '' };
}

export function parseHash(hash: string): ViewState {
  const st = defaultState();
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const k of stateKeys()) {
    const v = params.get(k);
    if (v !== null) st[k] = v;
  }
  if (st.view !== 'cases' && st.view !== 'syscall') st.view = 'matrix';
  return st;
}

export function formatHash(st: ViewState): string {
  const d = defaultState();
  const params = new URLSearchParams();
  for (const k of stateKeys()) if (st[k] !== d[k]) params.set(k, st[k]);
  const s = params.toString();
  return s ? `#${s}` : '#';
}

/** A hash for `st` with some fields replaced. */
export function linkTo(st: ViewState, change: Partial<ViewState>): string {
  return formatHash({ ...st, ...change });
}

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

/** One line of the case list: an outcome chip per adapter in view, the id and description. */
export function renderCaseRow(data: PageData, st: ViewState, ci: number, ais: readonly number[]): string {
  const c = data.cases[ci]!;
  const chips = ais.map((ai) => chip(data, outcomeName(data, data.results[ai]![ci]), data.adapters[ai]!.name)).join('');
  let note = c.d;
  if (ais.length === 1) {
    const e = data.results[ais[0]!]![ci];
    if (e && e.m !== undefined) note = `${str(data, e.m)} — ${c.d}`;
    else if (e && e.b !== undefined) note = `accepted: ${str(data, e.b)} — ${c.d}`;
  }
  return `<a class="row" href="${esc(linkTo(st, { case: c.id }))}" data-case="${ci}">`
    + `<span class="chips">${chips}</span><span class="id">${esc(c.id)}</span><span class="desc">${esc(note)}</span></a>`;
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

/** Split a pooled trace call `name([args])` into its name and argument list. */
export function splitCall(text: string): [string, unknown[]] {
  const open = text.indexOf('(');
  if (open < 0) return [text, []];
  try {
    const args: unknown = JSON.parse(text.slice(open + 1, -1));
    return [text.slice(0, open), Array.isArray(args) ? args : []];
  } catch {
    return [text.slice(0, open), []];
  }
}

/**
 * Where trace `a` first departs from the reference trace `ref` (both flat [call, errno, …]):
 * the first call with another function or errno; else where one trace ends early; else the
 * first call with other arguments (fd numbers and pointers may differ legitimately, so that is
 * reported last). null when the traces are identical.
 */
export function firstDivergence(data: PageData, a: readonly number[], ref: readonly number[]): { index: number; reason: string } | null {
  const n = Math.min(a.length, ref.length) / 2;
  let argsAt = -1;
  for (let i = 0; i < n; i++) {
    const [nameA] = splitCall(str(data, a[2 * i]));
    const [nameR] = splitCall(str(data, ref[2 * i]));
    if (nameA !== nameR) return { index: i, reason: `calls ${nameA} where the reference calls ${nameR}` };
    if (a[2 * i + 1] !== ref[2 * i + 1]) {
      return { index: i, reason: `${nameA} ${returnText(data, a[2 * i + 1]!)} where the reference ${returnText(data, ref[2 * i + 1]!)}` };
    }
    if (argsAt < 0 && a[2 * i] !== ref[2 * i]) argsAt = i;
  }
  if (a.length !== ref.length) {
    return a.length < ref.length
      ? { index: n, reason: `stops after ${n} calls; the reference goes on with ${splitCall(str(data, ref[2 * n]))[0]}` }
      : { index: n, reason: `goes on with ${splitCall(str(data, a[2 * n]))[0]} after the reference's last call` };
  }
  if (argsAt >= 0) return { index: argsAt, reason: 'same calls and errnos; the arguments first differ here' };
  return null;
}

/** `returns 8 badf`, or `does not return` for a call that ended the run (proc_exit, a trap). */
export function returnText(data: PageData, errno: number): string {
  return errno < 0 ? 'does not return' : `returns ${errnoText(data, errno)}`;
}

export function errnoText(data: PageData, errno: number): string {
  if (errno < 0) return 'no return';
  return `${errno} ${data.errnos[errno] ?? '?'}`;
}

/** One trace call as `fd_write(fd=1, iovs=1024, …) → 0 success`. */
export function formatCall(data: PageData, call: number, errno: number): string {
  const [name, args] = splitCall(str(data, call));
  const names = data.params[name] ?? [];
  const shown = args.map((v, i) => `${names[i] ? `<span class="pn">${esc(names[i])}=</span>` : ''}${esc(typeof v === 'string' ? v : JSON.stringify(v))}`).join(', ');
  return `<b>${esc(name)}</b>(${shown}) → <span class="${errno > 0 ? 'errno bad' : 'errno'}">${esc(errnoText(data, errno))}</span>`;
}

/** A trace as a table beside the reference's, the first diverging call marked. */
export function renderTrace(data: PageData, ai: number, ci: number): string {
  const e = data.results[ai]![ci];
  if (!e || !e.tr) return '<p class="sub">No call trace recorded (command adapters run out of process).</p>';
  const tr = e.tr;
  const refEntry = data.reference >= 0 && data.reference !== ai ? data.results[data.reference]![ci] : 0;
  const ref = refEntry && refEntry.tr ? refEntry.tr : null;
  const div = ref ? firstDivergence(data, tr, ref) : null;
  const limit = 400;
  const rows = Math.max(tr.length, ref ? ref.length : 0) / 2;
  let html = '';
  if (ref) {
    html += div
      ? `<p class="divergence">First divergence from <b>${esc(data.adapters[data.reference]!.name)}</b> at call #${div.index + 1}: ${esc(div.reason)}.</p>`
      : `<p class="same">Same calls, arguments and errnos as <b>${esc(data.adapters[data.reference]!.name)}</b>.</p>`;
  } else if (data.reference === ai) {
    html += '<p class="sub">This is the reference trace others are compared with.</p>';
  } else {
    html += '<p class="sub">No reference trace to compare with.</p>';
  }
  html += `<table class="trace"><thead><tr><th>#</th><th>${esc(data.adapters[ai]!.name)}</th>${ref ? `<th>${esc(data.adapters[data.reference]!.name)}</th>` : ''}</tr></thead><tbody>`;
  for (let i = 0; i < Math.min(rows, limit); i++) {
    const mine = 2 * i < tr.length ? formatCall(data, tr[2 * i]!, tr[2 * i + 1]!) : '';
    const theirs = ref ? (2 * i < ref.length ? formatCall(data, ref[2 * i]!, ref[2 * i + 1]!) : '') : null;
    html += `<tr${div && div.index === i ? ' class="diverge"' : ''}><td class="num">${i + 1}</td><td>${mine}</td>${theirs === null ? '' : `<td>${theirs}</td>`}</tr>`;
  }
  if (rows > limit) html += `<tr><td></td><td colspan="2">… ${rows - limit} more calls</td></tr>`;
  return `${html}</tbody></table>`;
}

/** Expected vs observed text, line by line; observed lines that differ are marked. */
export function renderTextDiff(expected: string | undefined, observed: string): string {
  if (expected === undefined) return `<pre class="out">${esc(observed) || '<span class="sub">(empty)</span>'}</pre>`;
  const want = expected.split('\n');
  const got = observed.split('\n');
  const lines = got.map((line, i) => `<span class="${line === want[i] ? 'ok' : 'bad'}">${esc(line)}</span>`).join('\n');
  return `<div class="diff"><div><div class="sub">expected</div><pre class="out">${esc(expected) || '<span class="sub">(empty)</span>'}</pre></div>`
    + `<div><div class="sub">observed</div><pre class="out">${observed ? lines : '<span class="sub">(empty)</span>'}</pre></div></div>`;
}

/** One adapter's result for a case: outcome, message, expected vs observed, fs diff, trace. */
export function renderResult(data: PageData, ai: number, ci: number): string {
  const c = data.cases[ci]!;
  const e = data.results[ai]![ci];
  const name = data.adapters[ai]!.name;
  if (!e) return `<section class="result"><h3>${esc(name)} ${chip(data, '', name)}</h3><p class="sub">Not run by this adapter.</p></section>`;
  const outcome = data.outcomes[e.o]!;
  const behaviour = str(data, e.b);
  const alt = behaviour ? c.accept.find((x) => x.behaviour === behaviour) : undefined;
  // Compare with the alternative the adapter matched when there is one, else with `expect`.
  const wantExit = alt && (alt.exit_code !== undefined || alt.trap) ? (alt.trap ? 'trap' : String(alt.exit_code))
    : c.expect ? (c.expect.trap ? 'trap' : c.expect.exit_code !== undefined ? String(c.expect.exit_code) : '') : '';
  const wantStdout = alt && alt.stdout !== undefined ? alt.stdout : c.expect?.stdout;
  const gotExit = e.trap ? 'trap' : e.x === null ? '—' : String(e.x);
  let html = `<section class="result o-${esc(outcome)}-border"><h3>${esc(name)} ${chip(data, outcome, name)}</h3>`;
  if (e.m !== undefined) html += `<p class="message">${esc(str(data, e.m))}</p>`;
  if (behaviour) html += `<p class="behaviour">Accepted alternative matched: <b>${esc(behaviour)}</b></p>`;
  if (e.esc) html += '<p class="message">Sandbox escape: the canary outside the sandbox changed.</p>';
  html += `<table class="kv"><tr><th>exit code</th><td>expected <code>${esc(wantExit || '—')}</code>, observed `
    + `<code class="${wantExit && wantExit !== gotExit ? 'bad' : ''}">${esc(gotExit)}</code></td></tr>`
    + `<tr><th>duration</th><td>${e.ms} ms</td></tr></table>`;
  html += `<h4>stdout</h4>${renderTextDiff(wantStdout, str(data, e.so))}`;
  html += `<h4>stderr</h4><pre class="out">${esc(str(data, e.se)) || '<span class="sub">(empty)</span>'}</pre>`;
  if (e.fd) html += `<h4>fs_after differences</h4><pre class="out bad">${e.fd.map((i) => esc(str(data, i))).join('\n')}</pre>`;
  html += `<h4>call trace</h4>${renderTrace(data, ai, ci)}</section>`;
  return html;
}

/** The drill-down for one case: fixture facts, then each adapter's result (the focused one first). */
export function renderCaseDetail(data: PageData, st: ViewState): string {
  const ci = data.cases.findIndex((c) => c.id === st.case);
  if (ci < 0) return `<p class="empty">No case ${esc(st.case)} in this report.</p>`;
  const c = data.cases[ci]!;
  const sc = data.syscalls[c.s]!;
  let html = `<h2><code>${esc(c.id)}</code></h2>`;
  if (c.missing) html += `<p class="unavailable">Fixture details unavailable: ${esc(c.missing)}.</p>`;
  html += `<p class="description">${esc(c.d || '(no description)')}</p>`;
  if (c.tags.length) html += `<p>${c.tags.map((t) => `<a class="tag" href="${esc(linkTo(st, { view: 'cases', tag: t, case: '' }))}">${esc(t)}</a>`).join(' ')}</p>`;
  html += `<p>Syscall <a href="${esc(linkTo(st, { view: 'syscall', syscall: sc.name, case: '' }))}"><code>${esc(sc.name)}</code></a> (${esc(c.abi)}) · `
    + `spec: <a href="${esc(c.url)}" rel="noreferrer">${esc(c.spec || sc.name)}</a></p>`;
  if (c.quote) html += `<blockquote class="quote">${esc(c.quote)}</blockquote>`;
  if (c.expect) {
    html += `<h3>Expected</h3><table class="kv"><tr><th>exit code</th><td><code>${esc(c.expect.trap ? 'trap' : c.expect.exit_code ?? '—')}</code></td></tr>`
      + (c.expect.stdout !== undefined ? `<tr><th>stdout</th><td><pre class="out">${esc(c.expect.stdout)}</pre></td></tr>` : '')
      + '</table>';
  }
  if (c.accept.length) {
    html += '<h3>Accepted alternatives</h3><ul class="alternatives">' + c.accept.map((a) => `<li><b>${esc(a.behaviour)}</b>`
      + `${a.trap ? ' · trap' : a.exit_code !== undefined ? ` · exit code <code>${esc(a.exit_code)}</code>` : ''}`
      + `${a.stdout !== undefined ? `<pre class="out">${esc(a.stdout)}</pre>` : ''}</li>`).join('') + '</ul>';
  }
  if (c.fsAfter) html += `<h3>Expected file tree after the run</h3><pre class="out">${esc(JSON.stringify(c.fsAfter, null, 2))}</pre>`;
  html += `<details class="wat"><summary>WAT source</summary>${c.wat === null ? '<p class="unavailable">WAT source unavailable.</p>' : `<pre class="out">${esc(c.wat.map((i) => str(data, i)).join('\n'))}</pre>`}</details>`;
  const focus = data.adapters.findIndex((a) => a.name === st.adapter);
  const order = data.adapters.map((_, i) => i).sort((x, y) => (x === focus ? -1 : y === focus ? 1 : x - y));
  html += '<h3>Results</h3>' + order.map((ai) => renderResult(data, ai, ci)).join('');
  return html;
}
