/**
 * index.html: one self-contained file. The summary and the matrix are rendered here, in
 * Node, by the same functions the page runs in the browser (view-*.ts), so they read
 * without JavaScript; the data is embedded as JSON and the browser code as the source text
 * of every function of the BROWSER_MODULES (`fn.toString()`), then `main()`. Nothing is
 * fetched: no external scripts, styles, fonts or images.
 *
 * Rules for the browser modules, because each function is shipped as text: only
 * `export function name(...) {}` declarations; no module-level constants or value imports
 * other than each other's functions (called by name; names are unique across the modules).
 */
import type { Report } from '../model.js';
import type { CaseInfo } from '../case-info.js';
import { buildPageData, type PageData } from './page-data.js';
import * as viewState from './view-state.js';
import * as viewData from './view-data.js';
import * as viewOverview from './view-overview.js';
import * as viewCase from './view-case.js';
import * as app from './app.js';
import { STYLE } from './style.js';
import type { MutationFigures } from '../mutation.js';
import { MUTATION_STYLE, renderMutationSection } from './mutation-section.js';

export const DEFAULT_TITLE = 'WASI conformance report';

const BROWSER_MODULES: readonly object[] = [viewState, viewData, viewOverview, viewCase, app];

/** The browser script: every function of the browser modules as source text, then `main()`. */
export function browserScript(): string {
  const exported: unknown[] = BROWSER_MODULES.flatMap((m) => Object.values(m));
  const fns = exported.filter((v): v is () => unknown => typeof v === 'function');
  const sources = fns.map((f) => {
    const src = f.toString();
    if (!src.startsWith('function ')) throw new Error(`browser code must be function declarations: ${src.slice(0, 60)}`);
    return src;
  });
  return `"use strict";\n${sources.join('\n')}\nmain();\n`;
}

/** JSON safe inside <script>: no `</script>` or `<!--` can appear. */
function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function embedScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** `mutation`: the suite-strength figures (mutation.json), shown in their own section when given. */
export function renderPage(data: PageData, mutation: MutationFigures | null = null): string {
  const st = viewState.defaultState();
  const texts = data.cases.map((_, ci) => viewData.haystack(data, ci));
  const all = viewData.filterCases(data, st, texts);
  const { esc } = viewData;
  const meta = [
    data.generatedAt ? `generated ${esc(data.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z'))}` : '',
    `${esc(data.tool.name)} ${esc(data.tool.version)}`,
    `${data.cases.length} cases`,
    `${data.syscalls.length} syscalls`,
    `${data.adapters.length} adapter${data.adapters.length === 1 ? '' : 's'}`,
  ].filter(Boolean).join(' · ');
  const tab = (view: string, label: string) =>
    `<a href="#view=${view}" data-view="${view}"${view === 'matrix' ? ' class="active"' : ''}>${label}</a>`;
  const select = (name: string, label: string) =>
    `<select name="${name}" aria-label="${label}"><option value="">${label}</option></select>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(data.title)}</title>
<style>${STYLE}${mutation ? MUTATION_STYLE : ''}</style>
</head>
<body>
<header><h1>${esc(data.title)}</h1><span class="meta">${meta}</span></header>
<noscript><p>JavaScript is off: the adapter summary and the syscall matrix are below. Turn it on for the case list, filters, per-syscall pages and the per-case drill-down.</p></noscript>
<nav id="tabs" class="jsonly">${tab('matrix', 'Matrix')}${tab('cases', 'Cases')}${tab('syscall', 'Syscalls')}</nav>
<form id="filters" class="jsonly" role="search">
${select('adapter', 'all adapters')}${select('syscall', 'all syscalls')}${select('tag', 'all tags')}${select('outcome', 'any outcome')}${select('abi', 'both ABIs')}
<input type="search" name="q" placeholder="search ids, descriptions, tags, messages" aria-label="search">
<button type="reset">clear</button>
</form>
<main id="main">
${viewOverview.renderSummary(data, st, all)}
${viewOverview.renderMatrix(data, st, all)}
</main>
${mutation ? renderMutationSection(mutation) : ''}
<aside id="detail" hidden></aside>
<script type="application/json" id="wc-data">${embedJson(data)}</script>
<script>${embedScript(browserScript())}</script>
</body>
</html>
`;
}

export function renderIndexHtml(report: Report, infos: ReadonlyMap<string, CaseInfo>, title = DEFAULT_TITLE,
  mutation: MutationFigures | null = null): string {
  return renderPage(buildPageData(report, infos, title), mutation);
}
