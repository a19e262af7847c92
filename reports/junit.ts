/**
 * junit.xml: one <testsuite> per adapter, one <testcase> per case (classname
 * `<adapter>.<abi>.<syscall>`, name = case id). fail and xpass become <failure>, error and
 * timeout <error>, skip and xfail <skipped>; pass and accepted are plain test cases (the
 * accepted alternative goes to <system-out>). All text is XML-escaped; characters XML 1.0
 * cannot carry (control bytes, lone surrogates) are written as `\xNN` / `\uNNNN`.
 */
import type { CaseResult, Report, Run } from './model.js';
import { OUTCOME_MEANING } from './model.js';
import { clip, spellOutUnsafe, TEXT_CAP } from './text.js';

export function xmlText(s: string): string {
  return spellOutUnsafe(s).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** The body of a failure/error element: what was observed. */
function details(r: CaseResult): string {
  const lines: string[] = [];
  if (r.message) lines.push(r.message);
  lines.push(`exit code: ${r.trap ? 'trap' : r.exitCode ?? 'none'}`);
  if (r.sandboxEscape) lines.push('sandbox escape: the canary outside the sandbox changed');
  if (r.fsDiff?.length) lines.push('fs_after differences:', ...r.fsDiff.map((l) => `  ${l}`));
  if (r.stdout) lines.push('stdout:', clip(r.stdout, TEXT_CAP).replace(/\n$/, ''));
  if (r.stderr) lines.push('stderr:', clip(r.stderr, TEXT_CAP).replace(/\n$/, ''));
  return lines.join('\n');
}

function testcase(run: Run, r: CaseResult): string {
  const open = `    <testcase name="${xmlAttr(r.id)}" classname="${xmlAttr(`${run.adapter.name}.${r.abi}.${r.syscall}`)}" time="${seconds(r.durationMs)}"`;
  const message = clip(r.message ?? OUTCOME_MEANING[r.outcome], 1024);
  switch (r.outcome) {
    case 'pass':
      return `${open}/>`;
    case 'accepted':
      return `${open}>\n      <system-out>${xmlText(`accepted alternative: ${r.behaviour ?? '(unlabelled)'}`)}</system-out>\n    </testcase>`;
    case 'fail':
      return `${open}>\n      <failure message="${xmlAttr(message)}" type="fail">${xmlText(details(r))}</failure>\n    </testcase>`;
    case 'xpass':
      return `${open}>\n      <failure message="${xmlAttr(`unexpected pass: ${OUTCOME_MEANING.xpass}`)}" type="xpass">${xmlText(details(r))}</failure>\n    </testcase>`;
    case 'error':
    case 'timeout':
      return `${open}>\n      <error message="${xmlAttr(message)}" type="${r.outcome}">${xmlText(details(r))}</error>\n    </testcase>`;
    case 'skip':
      return `${open}>\n      <skipped message="${xmlAttr(message)}"/>\n    </testcase>`;
    case 'xfail':
      return `${open}>\n      <skipped message="${xmlAttr(`expected failure: ${message}`)}"/>\n    </testcase>`;
  }
}

interface Counts { tests: number; failures: number; errors: number; skipped: number; ms: number }

function counts(run: Run): Counts {
  const c: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  for (const r of run.results) {
    c.tests++;
    c.ms += r.durationMs;
    if (r.outcome === 'fail' || r.outcome === 'xpass') c.failures++;
    else if (r.outcome === 'error' || r.outcome === 'timeout') c.errors++;
    else if (r.outcome === 'skip' || r.outcome === 'xfail') c.skipped++;
  }
  return c;
}

function countAttrs(c: Counts): string {
  return `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(c.ms)}"`;
}

export function renderJunit(report: Report): string {
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 };
  const suites = report.runs.map((run) => {
    const c = counts(run);
    total.tests += c.tests; total.failures += c.failures; total.errors += c.errors; total.skipped += c.skipped; total.ms += c.ms;
    const props = `    <properties>\n      <property name="adapter.version" value="${xmlAttr(run.adapter.version)}"/>\n`
      + `      <property name="adapter.abis" value="${xmlAttr(run.adapter.abis.join(','))}"/>\n    </properties>`;
    // The JUnit schema's timestamp is `YYYY-MM-DDTHH:MM:SS`, no fraction or zone.
    const when = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.exec(report.generatedAt);
    const stamp = when ? ` timestamp="${when[0]}"` : '';
    return `  <testsuite name="${xmlAttr(run.adapter.name)}" ${countAttrs(c)}${stamp}>\n${props}\n`
      + `${run.results.map((r) => testcase(run, r)).join('\n')}${run.results.length ? '\n' : ''}  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlAttr(report.tool.name || 'wasi-conformance')}" ${countAttrs(total)}>\n`
    + `${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
