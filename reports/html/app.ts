/* istanbul ignore file -- shipped to the browser as source text; instrumentation would break it */
/**
 * The report page's browser side: reads the embedded data, keeps the view in the URL hash,
 * wires the filters and search, renders views with the view-*.ts functions, and shows
 * the case list as a virtual list (only the rows in sight exist in the DOM), so 20,000
 * results stay fast. Same rules as the view-*.ts modules: function declarations only, no module state.
 */
import type { PageData } from './page-data.js';
import type { ViewState } from './view-state.js';
import { defaultState, formatHash, linkTo, parseHash } from './view-state.js';
import { adapterIndexes, esc, filterCases, haystack } from './view-data.js';
import { chip, renderCaseRow, renderMatrix, renderOptions, renderSummary, renderSyscallPage } from './view-overview.js';
import { renderCaseDetail } from './view-case.js';

/** A scrolling list of `count` fixed-height rows; only the visible ones (plus a margin) are built. */
export function mountVirtualList(host: HTMLElement, count: number, rowHeight: number, row: (i: number) => string): void {
  host.innerHTML = `<div class="spacer" style="height:${count * rowHeight}px"><div class="rows"></div></div>`;
  const rows = host.querySelector('.rows') as HTMLElement;
  let first = -1;
  let last = -1;
  const draw = () => {
    const margin = 10;
    const from = Math.max(0, Math.floor(host.scrollTop / rowHeight) - margin);
    const to = Math.min(count, Math.ceil((host.scrollTop + host.clientHeight) / rowHeight) + margin);
    if (from === first && to === last) return;
    first = from;
    last = to;
    rows.style.transform = `translateY(${from * rowHeight}px)`;
    let html = '';
    for (let i = from; i < to; i++) html += row(i);
    rows.innerHTML = html;
  };
  let pending = false;
  host.onscroll = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; draw(); });
  };
  draw();
}

export function main(): void {
  const data = JSON.parse(document.getElementById('wc-data')!.textContent!) as PageData;
  document.documentElement.classList.add('js');
  const texts = data.cases.map((_, ci) => haystack(data, ci));
  const mainEl = document.getElementById('main')!;
  const detail = document.getElementById('detail')!;
  const form = document.getElementById('filters') as HTMLFormElement;
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  const tags = [...new Set(data.cases.flatMap((c) => c.tags))].sort();
  const abis = [...new Set(data.cases.map((c) => c.abi))].sort();
  const outcomeChoices = ['passing', 'not-passing', ...data.outcomes];
  let st: ViewState = parseHash(location.hash);
  let shown = '';

  const fillControls = () => {
    field('adapter').innerHTML = renderOptions(data.adapters.map((a) => a.name), st.adapter, 'all adapters');
    field('syscall').innerHTML = renderOptions(data.syscalls.map((s) => s.name), st.syscall, 'all syscalls');
    field('tag').innerHTML = renderOptions(tags, st.tag, 'all tags');
    field('outcome').innerHTML = renderOptions(outcomeChoices, st.outcome, 'any outcome');
    field('abi').innerHTML = renderOptions(abis, st.abi, 'both ABIs');
    const q = field('q') as HTMLInputElement;
    if (q.value !== st.q) q.value = st.q;
  };

  const renderMain = () => {
    const cases = filterCases(data, st, texts);
    for (const a of Array.from(document.querySelectorAll('#tabs a'))) {
      a.classList.toggle('active', a.getAttribute('data-view') === st.view);
    }
    if (st.view === 'cases') {
      const ais = adapterIndexes(data, st);
      mainEl.innerHTML = `<p class="count"><b>${cases.length}</b> of ${data.cases.length} cases`
        + `${st.adapter ? ` · outcomes of <b>${esc(st.adapter)}</b>` : ` · one chip per adapter: ${data.adapters.map((a) => esc(a.name)).join(', ')}`}</p>`
        + `<span class="legend">${ais.length > 3 ? data.outcomes.map((o) => chip(data, o, '')).join('') : ''}</span>`
        + '<div id="vlist" class="vlist"></div>';
      mountVirtualList(document.getElementById('vlist')!, cases.length, 30, (i) => renderCaseRow(data, st, cases[i]!, ais));
    } else if (st.view === 'syscall') {
      mainEl.innerHTML = renderSyscallPage(data, st, filterCases(data, { ...st, outcome: '', syscall: '' }, texts));
    } else {
      const all = filterCases(data, { ...st, outcome: '' }, texts);
      mainEl.innerHTML = renderSummary(data, st, all) + renderMatrix(data, st, all);
    }
  };

  const renderDetail = () => {
    if (!st.case) {
      detail.hidden = true;
      detail.innerHTML = '';
      return;
    }
    detail.innerHTML = `<a class="close" href="${esc(linkTo(st, { case: '' }))}" title="close (Esc)">×</a>${renderCaseDetail(data, st)}`;
    detail.hidden = false;
    detail.scrollTop = 0;
  };

  const render = () => {
    const key = formatHash({ ...st, case: '' });
    if (key !== shown) {
      shown = key;
      fillControls();
      renderMain();
    }
    renderDetail();
  };

  // The static HTML already shows the default view (same functions, run in Node): keep it.
  if (formatHash({ ...st, case: '' }) === formatHash(defaultState())) {
    fillControls();
    shown = formatHash(defaultState());
  }
  window.addEventListener('hashchange', () => {
    st = parseHash(location.hash);
    render();
  });
  form.addEventListener('change', (ev) => {
    const t = ev.target as HTMLInputElement | HTMLSelectElement;
    if (t.name === 'q') return;
    const next = { ...st, [t.name]: t.value, case: '' };
    if (t.name === 'syscall' && t.value && st.view === 'matrix') next.view = 'cases';
    location.hash = formatHash(next);
  });
  let typing = 0;
  form.addEventListener('input', (ev) => {
    const t = ev.target as HTMLInputElement;
    if (t.name !== 'q') return;
    clearTimeout(typing);
    typing = window.setTimeout(() => {
      st = { ...st, q: t.value, view: st.view === 'matrix' && t.value ? 'cases' : st.view };
      history.replaceState(null, '', formatHash(st));
      render();
    }, 120);
  });
  form.addEventListener('submit', (ev) => ev.preventDefault());
  form.addEventListener('reset', (ev) => {
    ev.preventDefault();
    location.hash = formatHash({ ...defaultState(), view: st.view });
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && st.case) location.hash = linkTo(st, { case: '' });
  });
  render();
  // Tests and measurements read this: time from navigation start to the first interactive render.
  performance.mark('wc-rendered');
}
