/**
 * The "Suite strength" section of index.html: the mutation score of the reference per syscall
 * family (reports/mutation.ts, written by `npm run mutate`) and the surviving mutants — which
 * rule still lacks a case. Rendered in Node as static HTML (no browser code), only when a
 * mutation.json is given; the page is unchanged otherwise.
 */
import type { FamilyMutation, MutationFigures, MutationScores } from '../mutation.js';
import { esc } from './view-data.js';

/** Extra rules for this section (appended to the page's style only when the section is there). */
export const MUTATION_STYLE = `
section#suite-strength{padding:12px 20px;border-top:2px solid #e5e7eb}
section#suite-strength h2{font-size:18px;margin:4px 0}
section#suite-strength td.code{font-family:ui-monospace,Menlo,monospace;font-size:12px;white-space:pre-wrap;word-break:break-all;max-width:520px}
section#suite-strength td.where{white-space:nowrap;word-break:normal}
section#suite-strength details{margin:4px 0}
section#suite-strength summary{cursor:pointer}
`;

function pct(v: number | null): string {
  return v === null ? '–' : `${v.toFixed(1)}%`;
}

/** A score cell coloured against its target: pass colours when met, fail colours when not. */
function scoreCell(v: number | null, target: number): string {
  const cls = v === null ? 'o-none' : v >= target ? 'o-pass' : 'o-fail';
  return `<td class="num ${cls}">${pct(v)}</td>`;
}

function row(name: string, x: MutationScores, target: number, measured: string): string {
  const cells = [x.mutants, x.killed + x.timeout, x.survived, x.noCoverage, x.equivalent, x.unspecified, x.accepted, x.ignored]
    .map((n) => `<td class="num">${n}</td>`).join('');
  return `<tr><th>${esc(name)}</th>${cells}${scoreCell(x.score, target)}<td class="num">${pct(x.strictScore)}</td><td class="num">${pct(x.rawScore)}</td><td class="sub">${esc(measured)}</td></tr>`;
}

function survivorList(name: string, f: FamilyMutation): string {
  if (f.survivors.length === 0) return '';
  const rows = f.survivors.map((s) => `<tr><td class="code where">${esc(s.file)}:${s.line}:${s.column}</td><td>${esc(s.mutator)}</td>`
    + `<td class="code">${esc(s.original)}</td><td class="code">${esc(s.replacement)}</td>`
    + `<td>${s.status === 'NoCoverage' ? 'no case reaches it' : `survived ${s.coveredBy} case${s.coveredBy === 1 ? '' : 's'}`}</td></tr>`).join('');
  return `<details><summary>${esc(name)}: ${f.survivors.length} undetected mutant${f.survivors.length === 1 ? '' : 's'}</summary>
<table><thead><tr><th>where</th><th>mutator</th><th>original</th><th>mutated to</th><th>status</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

export function renderMutationSection(m: MutationFigures): string {
  const day = (iso: string) => iso.slice(0, 10);
  const families = Object.entries(m.families).filter((e): e is [string, FamilyMutation] => e[1] !== undefined);
  const head = ['family', 'mutants', 'detected', 'survived', 'no coverage', 'equivalent', 'unspecified', 'accepted alt.', 'ignored', 'score', 'strict', 'raw', 'measured']
    .map((h) => `<th>${h}</th>`).join('');
  const body = families.map(([name, f]) => row(name, f, m.target.family, day(f.measuredAt))).join('')
    + row('overall', m.overall, m.target.overall, day(m.generatedAt));
  const stale = m.staleEquivalents.length === 0 ? ''
    : `<p class="unavailable">${m.staleEquivalents.length} reviewed equivalent mutant${m.staleEquivalents.length === 1 ? '' : 's'} no longer match the code: review docs/equivalent-mutants.json.</p>`;
  return `<section id="suite-strength">
<h2>Suite strength</h2>
<p>Bugs injected into the reference by <a href="https://stryker-mutator.io/">StrykerJS</a> (one mutant at a time), judged by this suite's fixtures: a mutant is detected when some case fails. Targets: ${m.target.overall}% overall, ${m.target.family}% per family. Reviewed mutants are not scored (docs/EQUIVALENT-MUTANTS.md): <em>equivalent</em> (no observable effect, or unreachable code), <em>unspecified</em> (a value the spec leaves open) and <em>accepted alt.</em> (the mutant behaves as one of the suite's labelled accepted alternatives); nor are mutants of diagnostic message text (<em>ignored</em>). <em>Strict</em> counts unspecified and accepted mutants as undetected; <em>raw</em> is Stryker's score before any review.</p>
<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>
${stale}
${families.map(([name, f]) => survivorList(name, f)).join('\n')}
</section>`;
}
