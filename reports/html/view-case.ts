/* istanbul ignore file -- shipped to the browser as source text; instrumentation would break it */
/**
 * One case's drill-down as HTML: fixture facts, each adapter's result with expected vs
 * observed, and its call trace beside the reference's with the first divergence marked.
 *
 * Shipped to the browser as source text (see page.ts): only `export function` declarations, no
 * module-level constants; functions call each other by name (value imports of these modules only).
 */
import type { PageData } from './page-data.js';
import type { ViewState } from './view-state.js';
import { linkTo } from './view-state.js';
import { esc, str } from './view-data.js';
import { chip } from './view-overview.js';

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
