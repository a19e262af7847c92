/**
 * summary.md: a compact Markdown summary for CI job summaries and PR comments. Per adapter
 * totals first, then the share passing per syscall family (each family counted over its own
 * cases, so one large family cannot hide a small one), then the cases not passing, folded.
 */
import { OUTCOMES } from './model.js';
import type { Report, Run } from './model.js';
import { familiesOf, isPassingOutcome, shareText, summarizeBy, syscallsAllPassing } from './aggregate.js';
import { familyOf } from './syscall-docs.js';
import { spellOutUnsafe } from './text.js';

/** A table cell: no pipes or line breaks. */
export function mdCell(s: string): string {
  return spellOutUnsafe(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

function table(head: string[], align: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function adapterLabel(run: Run): string {
  return mdCell(run.adapter.version ? `${run.adapter.name} (${run.adapter.version})` : run.adapter.name);
}

export interface MarkdownOptions {
  /** Cases listed per adapter under "not passing" (default 50). */
  maxListed?: number;
}

export function renderSummaryMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxListed = options.maxListed ?? 50;
  const runs = report.runs;
  const caseCount = new Set(runs.flatMap((r) => r.results.map((x) => x.id))).size;
  const syscallCount = new Set(runs.flatMap((r) => r.results.map((x) => x.syscall))).size;
  const out: string[] = [`## WASI conformance: ${caseCount} cases, ${syscallCount} syscalls, ${runs.length} adapter${runs.length === 1 ? '' : 's'}`, ''];
  if (runs.length === 0) return `${out.join('\n')}\nNo adapter runs in this report.\n`;

  out.push(table(
    ['adapter', 'passing', 'syscalls all passing', ...OUTCOMES, 'time'],
    [':--', '--:', '--:', ...OUTCOMES.map(() => '--:'), '--:'],
    runs.map((run) => {
      const [full, withCases] = syscallsAllPassing(run);
      return [adapterLabel(run), shareText(run.summary), `${full}/${withCases}`, ...OUTCOMES.map((o) => String(run.summary[o])),
        run.summary.durationMs ? `${(run.summary.durationMs / 1000).toFixed(1)} s` : ''];
    }),
  ), '');

  const families = familiesOf(runs);
  const perRun = runs.map((run) => summarizeBy(run.results, (r) => familyOf(r.syscall)));
  out.push('### By syscall family', '');
  out.push(table(
    ['family', ...runs.map(adapterLabel)],
    [':--', ...runs.map(() => '--:')],
    families.map((f) => [f, ...perRun.map((m) => { const s = m.get(f); return s ? shareText(s) : '–'; })]),
  ), '');

  for (const run of runs) {
    const bad = run.results.filter((r) => !isPassingOutcome(r.outcome) && r.outcome !== 'skip');
    if (bad.length === 0) continue;
    out.push(`<details><summary>${mdCell(run.adapter.name)}: ${bad.length} not passing</summary>`, '');
    out.push(table(['case', 'outcome', 'message'], [':--', ':--', ':--'],
      bad.slice(0, maxListed).map((r) => [`\`${mdCell(r.id)}\``, r.outcome, mdCell(r.message ?? '')])));
    if (bad.length > maxListed) out.push('', `… and ${bad.length - maxListed} more (see index.html or junit.xml).`);
    out.push('', '</details>', '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
