/**
 * The report tools without a browser: loading reports, the syscall docs table, the page data,
 * the view functions shared by Node and the browser, JUnit, Markdown, compare, merge and the
 * expectations update. Data comes from the synthetic report generator.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_TEXT, makeSyntheticReport, writeFixtures } from './helpers/synthetic-report.js';
import { parseXml, type XmlElement } from './helpers/xml.js';
import { loadReport, parseReport } from '../reports/load.js';
import { ReportInputError } from '../reports/errors.js';
import { OUTCOMES, summarize, type Report, type Run, type CaseResult } from '../reports/model.js';
import { SYSCALL_DOCS, FAMILIES, familyOf, specUrl } from '../reports/syscall-docs.js';
import { errnoName } from '../reports/errno.js';
import { SIGNATURES } from '../suites/spec.js';
import { readCaseInfo, readCaseInfos, specLink } from '../reports/case-info.js';
import { buildPageData } from '../reports/html/page-data.js';
import { defaultState, formatHash, parseHash } from '../reports/html/view-state.js';
import { filterCases, formatShare, haystack, passShare } from '../reports/html/view-data.js';
import { renderMatrix, renderSummary, renderSyscallPage } from '../reports/html/view-overview.js';
import { firstDivergence, renderCaseDetail } from '../reports/html/view-case.js';
import { browserScript, renderIndexHtml } from '../reports/html/page.js';
import { renderJunit, xmlAttr, xmlText } from '../reports/junit.js';
import { renderSummaryMarkdown } from '../reports/markdown.js';
import { compareReports, formatComparison, regressionCount } from '../reports/compare.js';
import { mergeReports } from '../reports/merge.js';
import { updateExpectations } from '../reports/update-expectations.js';
import { lookupExpectation, type ExpectationsFile } from '../runner/expectations.js';
import { problem } from '../runner/schemas.js';
import { writeReports } from '../reports/write-reports.js';

const small = makeSyntheticReport({ cases: 120, adapters: 4, seed: 7, missingFixtureEvery: 25 });
let dir: string;
let watDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wc-reports-'));
  watDir = join(dir, 'wat');
  writeFixtures(watDir, small.fixtures);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clone = (r: Report): Report => JSON.parse(JSON.stringify(r)) as Report;

function setOutcome(report: Report, adapter: string, id: string, outcome: CaseResult['outcome'], message: string | null = null): void {
  const run = report.runs.find((r) => r.adapter.name === adapter)!;
  const res = run.results.find((r) => r.id === id)!;
  res.outcome = outcome;
  res.message = message;
  run.summary = summarize(run.results, run.summary.durationMs);
}

describe('synthetic report', () => {
  test('matches schemas/report.schema.json and has every outcome', () => {
    expect(problem('report', small.report)).toBeNull();
    const seen = new Set(small.report.runs.flatMap((r) => r.results.map((x) => x.outcome)));
    expect([...seen].sort()).toEqual([...OUTCOMES].sort());
  });
});

describe('syscall docs table', () => {
  test('46 calls, sock_accept only in preview1, every family used', () => {
    expect(SYSCALL_DOCS.size).toBe(46);
    expect([...SYSCALL_DOCS.values()].filter((d) => d.abis.includes('unstable'))).toHaveLength(45);
    expect(SYSCALL_DOCS.get('sock_accept')!.abis).toEqual(['preview1']);
    expect(new Set([...SYSCALL_DOCS.values()].map((d) => d.family))).toEqual(new Set(FAMILIES));
  });

  test.each([...SYSCALL_DOCS.values()].map((d) => [d.name, d] as const))('%s: one-line summary, params follow the signature', (name, doc) => {
    expect(doc.summary).toMatch(/^\S.{10,200}$/);
    expect(doc.signature.startsWith(`${name}(`)).toBe(true);
    // Core-wasm params from the witx signature: string / *_array → pointer + length; each value of Result<…> → an out-pointer.
    const [, params = '', result] = /^\w+\((.*?)\)(?: -> (.*))?$/.exec(doc.signature)!;
    let expected = params ? params.split(', ').reduce((n, p) => n + (/: (string|\w+_array)$/.test(p) ? 2 : 1), 0) : 0;
    const ok = result ? /^Result<(.*), errno>$/.exec(result)![1]! : '()';
    if (ok !== '()') expected += ok.startsWith('(') ? ok.split(',').length : 1;
    expect(doc.params).toHaveLength(expected);
    expect(doc.params).toHaveLength(SIGNATURES[name]!.length);
    expect(familyOf(name)).toBe(doc.family);
  });

  test('errno names and spec links', () => {
    expect([errnoName(0), errnoName(8), errnoName(21), errnoName(63), errnoName(76), errnoName(500)])
      .toEqual(['success', 'badf', 'fault', 'perm', 'notcapable', 'errno 500']);
    expect(specUrl('preview1', 'fd_read')).toBe('https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_read');
    expect(specLink('path_open; docs.md#path_open.fd; sandboxing', 'unstable', 'path_open')).toBe(specUrl('unstable', 'path_open.fd'));
    expect(specLink('see https://example.org/x#y', 'preview1', 'fd_read')).toBe('https://example.org/x#y');
    expect(specLink(undefined, 'preview1', 'fd_read')).toBe(specUrl('preview1', 'fd_read'));
  });
});

describe('loading a report', () => {
  const write = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };

  test('a valid report loads with summaries recomputed from the results', () => {
    const r = clone(small.report);
    r.runs[0]!.summary.pass = 9999;
    const loaded = loadReport(write('ok.json', JSON.stringify(r)));
    expect(loaded.runs[0]!.summary).toEqual(summarize(small.report.runs[0]!.results, small.report.runs[0]!.summary.durationMs));
  });

  test.each([
    ['missing file', null, /missing\.json: no such file$/],
    ['invalid JSON', '{"schema":', /bad\.json: invalid JSON \(/],
    ['not a report', '[1,2]', /bad\.json: top level must be an object/],
    ['other schema', '{"schema":"something-else"}', /bad\.json: schema must be "wasi-conformance\/report@1" \(got "something-else"\)/],
    ['future schema', '{"schema":"wasi-conformance/report@2","runs":[]}', /bad\.json: schema is wasi-conformance\/report@2, newer than this tool reads .*upgrade/],
    ['bad outcome', JSON.stringify({ schema: 'wasi-conformance/report@1', runs: [{ adapter: { name: 'a' }, results: [{ id: 'x/y/z', outcome: 'maybe' }] }] }),
      /bad\.json: runs\[0\]\.results\[0\]\.outcome must be one of pass, accepted/],
    ['runs missing', '{"schema":"wasi-conformance/report@1"}', /bad\.json: runs must be an array/],
  ])('%s → one-line ReportInputError', (_, text, message) => {
    const file = text === null ? join(dir, 'missing.json') : write('bad.json', text);
    let err: unknown;
    try { loadReport(file); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ReportInputError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  test('the schema hook runs after the version check', () => {
    const seen: string[] = [];
    expect(() => parseReport('{"schema":"wasi-conformance/report@3"}', 'f.json', () => { seen.push('hook'); })).toThrow(/newer/);
    parseReport(JSON.stringify(small.report), 'f.json', () => { seen.push('hook'); });
    expect(seen).toEqual(['hook']);
  });
});

describe('fixture details', () => {
  test('sidecar and WAT are read; missing ones are reported, never thrown', () => {
    const [id] = [...small.fixtures.keys()];
    const ok = readCaseInfo(watDir, id!);
    expect(ok.problem).toBe('');
    expect(ok.sidecar!.description).toBe(small.fixtures.get(id!)!.sidecar.description);
    const missing = small.report.runs[0]!.results.map((r) => r.id).find((i) => !small.fixtures.has(i))!;
    expect(readCaseInfo(watDir, missing)).toEqual({ sidecar: null, wat: null, problem: `${missing}.wat not found; ${missing}.json not found` });
    writeFileSync(join(watDir, `${id}.json`.replace('.json', '-broken.json')), '{nope');
    expect(readCaseInfo(watDir, `${id}-broken`).problem).toMatch(/-broken\.json is not valid JSON/);
  });

  test('ids that are not fixture paths are not read', () => {
    for (const id of ['../../etc/passwd', '/etc/passwd', 'a/../b/c', 'preview1/x', 'a/b/c/d']) {
      expect(readCaseInfo(watDir, id).problem).toBe('case id is not a fixture path');
    }
  });
});

describe('page data and views', () => {
  const infos = () => readCaseInfos(watDir, small.report.runs.flatMap((r) => r.results.map((x) => x.id)));

  test('strings are pooled, WAT is rebuilt line by line, missing fixtures are marked', () => {
    const data = buildPageData(small.report, infos(), 't');
    expect(new Set(data.strings).size).toBe(data.strings.length);
    expect(data.cases).toHaveLength(120);
    const c = data.cases.find((x) => small.fixtures.has(x.id))!;
    expect(c.wat!.map((i) => data.strings[i]).join('\n')).toBe(small.fixtures.get(c.id)!.wat);
    const gone = data.cases.find((x) => !small.fixtures.has(x.id))!;
    expect(gone.wat).toBeNull();
    expect(gone.missing).toMatch(/not found/);
    expect(data.reference).toBe(0);
    // cases are grouped by family order
    const fam = data.cases.map((x) => FAMILIES.indexOf(data.syscalls[x.s]!.family as typeof FAMILIES[number]));
    expect(fam).toEqual([...fam].sort((a, b) => a - b));
  });

  test('hash state round-trips and ignores unknown views', () => {
    const st = { ...defaultState(), view: 'cases', adapter: 'node', q: 'a b&c=d', case: 'preview1/fd_read/x y' };
    expect(parseHash(formatHash(st))).toEqual(st);
    expect(formatHash(defaultState())).toBe('#');
    expect(parseHash('#view=bogus').view).toBe('matrix');
  });

  test('share: pass + accepted over non-skipped; never rounded to 0% or 100%', () => {
    const counts = OUTCOMES.map((o) => ({ pass: 5, accepted: 2, fail: 1, skip: 4, xpass: 1 } as Record<string, number>)[o] ?? 0);
    expect(passShare(counts, OUTCOMES)).toEqual([7, 9]);
    expect(formatShare(999, 1000)).toBe('99%');
    expect(formatShare(1, 1000)).toBe('1%');
    expect(formatShare(0, 0)).toBe('–');
  });

  test('filters: syscall, tag, abi, outcome (any adapter in view), search words', () => {
    const data = buildPageData(small.report, infos(), 't');
    const texts = data.cases.map((_, ci) => haystack(data, ci));
    const f = (change: object) => filterCases(data, { ...defaultState(), ...change }, texts).map((ci) => data.cases[ci]!);
    expect(f({}).length).toBe(120);
    expect(f({ syscall: 'fd_read' }).every((c) => c.id.includes('/fd_read/'))).toBe(true);
    expect(f({ abi: 'unstable' }).every((c) => c.abi === 'unstable')).toBe(true);
    expect(f({ tag: 'symlink' }).every((c) => c.tags.includes('symlink'))).toBe(true);
    const failing = f({ adapter: 'adapter-1', outcome: 'fail' });
    expect(failing.length).toBeGreaterThan(0);
    const run = small.report.runs[1]!;
    expect(failing.map((c) => c.id).sort()).toEqual(run.results.filter((r) => r.outcome === 'fail').map((r) => r.id).sort());
    expect(f({ outcome: 'not-passing', adapter: 'reference' })).toHaveLength(0);
    expect(f({ q: 'FD_WRITE case' }).every((c) => c.id.includes('fd_write'))).toBe(true);
    expect(f({ q: 'timed out', adapter: 'adapter-1' }).length).toBe(run.results.filter((r) => r.outcome === 'timeout').length);
  });

  test('first divergence from the reference trace', () => {
    const data = buildPageData(small.report, infos(), 't');
    const pool = (s: string) => { data.strings.push(s); return data.strings.length - 1; };
    const w = pool('fd_write([1,16,1,24])');
    const w2 = pool('fd_write([2,16,1,24])');
    const r = pool('fd_read([3,16,1,24])');
    const e = pool('proc_exit([0])');
    expect(firstDivergence(data, [w, 0, e, -1], [w, 0, e, -1])).toBeNull();
    expect(firstDivergence(data, [w, 0, w, 8], [w, 0, w, 0])).toEqual({ index: 1, reason: 'fd_write returns 8 badf where the reference returns 0 success' });
    expect(firstDivergence(data, [w, 0, r, 0], [w, 0, w, 0])!.reason).toBe('calls fd_read where the reference calls fd_write');
    expect(firstDivergence(data, [w, 0], [w, 0, e, -1])!.index).toBe(1);
    expect(firstDivergence(data, [w, 0, e, -1], [w, 0, e, 8])!.reason).toBe('proc_exit does not return where the reference returns 8 badf');
    // different arguments only count when calls and errnos all agree, and point at the first such call
    expect(firstDivergence(data, [w2, 0, r, 8], [w, 0, r, 0])!.index).toBe(1);
    expect(firstDivergence(data, [w2, 0, r, 0], [w, 0, r, 0])).toEqual({ index: 0, reason: 'same calls and errnos; the arguments first differ here' });
  });

  test('views render every adapter and escape hostile text', () => {
    const data = buildPageData(small.report, infos(), 't');
    const st = defaultState();
    const all = data.cases.map((_, i) => i);
    const summary = renderSummary(data, st, all);
    for (const a of data.adapters) expect(summary).toContain(`>${a.name}</a>`);
    const matrix = renderMatrix(data, st, all);
    expect(matrix.match(/<th scope="row" class="syscall">/g)).toHaveLength(new Set(data.cases.map((c) => c.s)).size);
    const page = renderSyscallPage(data, { ...st, view: 'syscall', syscall: 'fd_write' }, all);
    expect(page).toContain('What each adapter does');
    const hostile = small.report.runs[1]!.results.find((r) => r.stdout?.includes(HOSTILE_TEXT))!;
    const detail = renderCaseDetail(data, { ...st, case: hostile.id, adapter: 'adapter-1' });
    expect(detail).not.toContain('</script>');
    expect(detail).not.toContain('<b>&');
    expect(detail).toContain('a&lt;b&gt;&amp;&quot;c&#39;&lt;/script&gt;');
    expect(detail).toContain('First divergence from <b>reference</b>');
    expect(renderCaseDetail(data, { ...st, case: 'nope' })).toContain('No case nope');
  });

  test('index.html is one self-contained file: no external resource, data and code embedded once', () => {
    const html = renderIndexHtml(small.report, infos());
    expect(html).not.toMatch(/<(script|img|iframe|link)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<\/script/gi)).toHaveLength(2);
    const json = /<script type="application\/json" id="wc-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(buildPageData(small.report, infos(), 'WASI conformance report'))));
    // the browser code compiles, and is only function declarations plus the main() call
    expect(() => new Function(browserScript())).not.toThrow();
    expect(browserScript()).toMatch(/\nmain\(\);\n$/);
    // the summary and the matrix are in the static HTML (readable without JavaScript)
    const main = /<main id="main">([\s\S]*?)<\/main>/.exec(html)![1]!;
    expect(main).toContain('<table class="summary">');
    expect(main).toContain('<table class="matrix">');
  });
});

function children(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

describe('junit.xml', () => {
  const xml = renderJunit(small.report);
  const root = parseXml(xml);

  test('well-formed, one testsuite per adapter, one testcase per case', () => {
    expect(root.name).toBe('testsuites');
    const suites = children(root, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(small.report.runs.map((r) => r.adapter.name));
    for (const s of suites) {
      expect(children(s, 'testcase')).toHaveLength(120);
      expect(s.children.every((c) => c.name === 'testcase' || c.name === 'properties')).toBe(true);
    }
  });

  test('counts match the elements and the outcomes', () => {
    let total = 0;
    for (const [i, s] of children(root, 'testsuite').entries()) {
      const run = small.report.runs[i]!;
      const cases = children(s, 'testcase');
      const count = (name: string) => cases.filter((c) => children(c, name).length > 0).length;
      expect(Number(s.attrs.tests)).toBe(cases.length);
      expect(Number(s.attrs.failures)).toBe(count('failure'));
      expect(Number(s.attrs.errors)).toBe(count('error'));
      expect(Number(s.attrs.skipped)).toBe(count('skipped'));
      expect(count('failure')).toBe(run.summary.fail + run.summary.xpass);
      expect(count('error')).toBe(run.summary.error + run.summary.timeout);
      expect(count('skipped')).toBe(run.summary.skip + run.summary.xfail);
      for (const c of cases) {
        expect(c.attrs.name).toMatch(/^(preview1|unstable)\/\w+\/case-\d+$/);
        expect(c.attrs.classname).toMatch(new RegExp(`^${run.adapter.name}\\.(preview1|unstable)\\.\\w+$`));
        expect(c.attrs.time).toMatch(/^\d+\.\d{3}$/);
        expect(children(c, 'failure').length + children(c, 'error').length + children(c, 'skipped').length).toBeLessThanOrEqual(1);
      }
      total += cases.length;
    }
    expect(Number(root.attrs.tests)).toBe(total);
    expect(children(root, 'testsuite')[0]!.attrs.timestamp).toBe('2025-01-02T03:04:05');
  });

  test('messages survive escaping; characters XML cannot carry are spelled out', () => {
    const hostile = small.report.runs[1]!.results.find((r) => r.message?.includes(HOSTILE_TEXT))!;
    const tc = children(children(root, 'testsuite')[1]!, 'testcase').find((c) => c.attrs.name === hostile.id)!;
    const failure = children(tc, 'failure')[0]!;
    expect(failure.attrs.message).toBe(`bad output ${HOSTILE_TEXT}`.replace('\u0001', '\\x01').replace('\u001b', '\\x1b').replace('\uD800', '\\ud800'));
    expect(failure.text).toContain('a<b>&"c\'</script><!--');
    expect(xmlAttr('a\nb\t"')).toBe('a&#10;b&#9;&quot;');
    expect(xmlText(']]>')).toBe(']]&gt;');
    expect(() => parseXml(`<a>${xmlText('\u0000\uFFFF\uDC00 ok')}</a>`)).not.toThrow();
  });

  test('huge outputs are clipped, with a note', () => {
    const r = clone(small.report);
    const res = r.runs[1]!.results.find((x) => x.outcome === 'fail')!;
    res.stdout = 'x'.repeat(200_000);
    const tc = children(children(parseXml(renderJunit(r)), 'testsuite')[1]!, 'testcase').find((c) => c.attrs.name === res.id)!;
    const body = children(tc, 'failure')[0]!.text;
    expect(body.length).toBeLessThan(70_000);
    expect(body).toContain(`… [${200_000 - 65_536} more characters in report.json]`);
  });
});

describe('summary.md', () => {
  test('per adapter totals, then per family, then the cases not passing', () => {
    const md = renderSummaryMarkdown(small.report, { maxListed: 5 });
    const lines = md.split('\n');
    expect(lines[0]).toBe('## WASI conformance: 120 cases, 46 syscalls, 4 adapters');
    for (const run of small.report.runs) {
      const row = lines.find((l) => l.startsWith(`| ${run.adapter.name} (`))!;
      expect(row.split(' | ')[3 + OUTCOMES.indexOf('fail')]).toBe(String(run.summary.fail));
    }
    expect(md).toContain('### By syscall family');
    for (const f of FAMILIES) expect(md).toMatch(new RegExp(`^\\| ${f} \\|`, 'm'));
    expect(md).toMatch(/<details><summary>adapter-1: \d+ not passing<\/summary>/);
    expect(md).toMatch(/… and \d+ more/);
    expect(md).not.toContain('<summary>reference:');
    // every table row has the same number of cells as its header (pipes in messages are escaped)
    const bad = clone(small.report);
    setOutcome(bad, 'adapter-1', bad.runs[1]!.results[0]!.id, 'fail', 'a | b\nc');
    const rows = renderSummaryMarkdown(bad).split('\n').filter((l) => l.startsWith('| `'));
    for (const r of rows) expect(r.split(/(?<!\\)\|/).length).toBe(5);
  });
});

describe('an empty report', () => {
  test('renders everywhere without runs', () => {
    const empty: Report = { ...clone(small.report), runs: [] };
    expect(renderSummaryMarkdown(empty)).toBe('## WASI conformance: 0 cases, 0 syscalls, 0 adapters\n\nNo adapter runs in this report.\n');
    expect(parseXml(renderJunit(empty)).attrs.tests).toBe('0');
    expect(renderIndexHtml(empty, new Map())).toContain('No cases match the filters.');
  });
});

describe('compare', () => {
  test('regressions, fixes, changes, new and removed cases per adapter', () => {
    const oldR = clone(small.report);
    const newR = clone(small.report);
    const ids = newR.runs[1]!.results.map((r) => r.id);
    const passing = small.report.runs[1]!.results.filter((r) => r.outcome === 'pass').map((r) => r.id);
    const failing = small.report.runs[1]!.results.filter((r) => r.outcome === 'fail').map((r) => r.id);
    setOutcome(newR, 'adapter-1', passing[0]!, 'fail', 'now broken');
    setOutcome(newR, 'adapter-1', passing[1]!, 'timeout');
    setOutcome(newR, 'adapter-1', failing[0]!, 'pass');
    setOutcome(newR, 'adapter-1', passing[2]!, 'accepted');
    newR.runs[1]!.results = newR.runs[1]!.results.filter((r) => r.id !== ids[5]);
    newR.runs[1]!.results.push({ ...newR.runs[1]!.results[0]!, id: 'preview1/fd_read/brand-new', outcome: 'fail' });
    newR.runs.push({ ...newR.runs[2]!, adapter: { ...newR.runs[2]!.adapter, name: 'newcomer' } });
    oldR.runs.push({ ...oldR.runs[2]!, adapter: { ...oldR.runs[2]!.adapter, name: 'gone' } });

    const c = compareReports(oldR, newR);
    const a1 = c.adapters.find((a) => a.adapter === 'adapter-1')!;
    expect(a1.regressions.map((x) => [x.id, x.from, x.to])).toEqual([[passing[0], 'pass', 'fail'], [passing[1], 'pass', 'timeout']].sort());
    expect(a1.fixes.map((x) => x.id)).toEqual([failing[0]]);
    expect(a1.changed.map((x) => [x.from, x.to])).toEqual([['pass', 'accepted']]);
    expect(a1.added).toEqual([{ id: 'preview1/fd_read/brand-new', outcome: 'fail' }]);
    expect(a1.removed.map((x) => x.id)).toEqual([ids[5]]);
    expect(c.adapters.find((a) => a.adapter === 'reference')!.regressions).toEqual([]);
    expect(c.addedAdapters).toEqual(['newcomer']);
    expect(c.removedAdapters).toEqual(['gone']);
    expect(regressionCount(c)).toBe(2);
    const text = formatComparison(c);
    expect(text).toContain(`regressed ${passing[0]}: pass → fail (now broken)`);
    expect(text).toContain('adapter-1: 2 regressions, 1 fix, 1 changed, 1 new, 1 removed');
    expect(text.trimEnd().split('\n').pop()).toBe('2 regressions.');
    expect(regressionCount(compareReports(small.report, small.report))).toBe(0);
    expect(formatComparison(compareReports(small.report, small.report))).toMatch(/No regressions\.\n$/);
  });
});

describe('merge', () => {
  const shard = (whole: Report, i: number, n: number): Report => {
    const r = clone(whole);
    return { ...r, runs: r.runs.map((run) => {
      const results = run.results.filter((_, k) => k % n === i);
      return { ...run, summary: summarize(results, 10), results };
    }) };
  };

  test('shards merge back into the whole report', () => {
    const whole = clone(small.report);
    const merged = mergeReports([0, 1, 2].map((i) => ({ file: `s${i}.json`, report: shard(whole, i, 3) })));
    const sorted = (run: Run) => [...run.results].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(merged.runs.map((r) => r.adapter)).toEqual(whole.runs.map((r) => r.adapter));
    merged.runs.forEach((run, i) => {
      expect(run.results).toEqual(sorted(whole.runs[i]!));
      expect(run.summary).toEqual(summarize(whole.runs[i]!.results, 30));
    });
    expect(merged.suite).toEqual(whole.suite);
    expect(problem('report', merged)).toBeNull();
  });

  test('an adapter only in one shard is kept; abis are joined', () => {
    const a = shard(small.report, 0, 2);
    const b = shard(small.report, 1, 2);
    b.runs = b.runs.slice(0, 1);
    a.runs[0]!.adapter.abis = ['preview1'];
    b.runs[0]!.adapter.abis = ['unstable', 'preview1'];
    const merged = mergeReports([{ file: 'a', report: a }, { file: 'b', report: b }]);
    expect(merged.runs.map((r) => r.results.length)).toEqual([120, 60, 60, 60]);
    expect(merged.runs[0]!.adapter.abis).toEqual(['preview1', 'unstable']);
  });

  test('duplicate case ids for one adapter are an error naming them; version mismatch too', () => {
    const a = shard(small.report, 0, 2);
    const id = a.runs[1]!.results[0]!.id;
    expect(() => mergeReports([{ file: 'a.json', report: a }, { file: 'b.json', report: a }]))
      .toThrow(new RegExp(`^merge: duplicate case ids: reference: ${a.runs[0]!.results[0]!.id} \\(a\\.json, b\\.json\\);.*and \\d+ more$`));
    const b = shard(small.report, 1, 2);
    b.runs[1]!.results.push(a.runs[1]!.results[0]!);
    expect(() => mergeReports([{ file: 'a.json', report: a }, { file: 'b.json', report: b }])).toThrow(`adapter-1: ${id} (a.json, b.json)`);
    const c = shard(small.report, 1, 2);
    c.runs[2]!.adapter.version = '9.9.9';
    expect(() => mergeReports([{ file: 'a.json', report: a }, { file: 'c.json', report: c }]))
      .toThrow('merge: adapter adapter-2 is version "2.0.0" in a.json but "9.9.9" in c.json');
  });
});

describe('--update-expectations', () => {
  test('records fail/error/timeout, keeps reasons and globs, drops xpass entries', () => {
    const run = small.report.runs[1]!;
    const byOutcome = (o: string) => run.results.filter((r) => r.outcome === o).map((r) => r.id);
    const fresh = updateExpectations(null, small.report);
    expect(problem('expectations', fresh.file)).toBeNull();
    const entries = fresh.file.adapters['adapter-1']!;
    for (const o of ['fail', 'error', 'timeout']) for (const id of byOutcome(o)) expect(entries[id]!.expected).toEqual([o]);
    for (const o of ['pass', 'accepted', 'skip', 'xfail', 'xpass']) for (const id of byOutcome(o)) expect(entries[id]).toBeUndefined();
    expect(fresh.file.adapters.reference).toBeUndefined();
    expect(Object.keys(entries)).toEqual(Object.keys(entries).sort());

    const xpassId = byOutcome('xpass')[0]!;
    const failId = byOutcome('fail')[0]!;
    const existing: ExpectationsFile = {
      schema: 'wasi-conformance/expectations@1',
      comment: 'kept',
      adapters: {
        'adapter-1': {
          [xpassId]: { expected: ['fail'], reason: 'was broken' },
          [failId]: { expected: ['error'], reason: 'hand-written reason' },
          'unstable/fd_*/*': { expected: ['fail'], reason: 'glob' },
        },
        'not-run': { 'preview1/x/y': { expected: ['fail'], reason: 'r' } },
      },
    };
    const { file, stats } = updateExpectations(existing, small.report);
    expect(problem('expectations', file)).toBeNull();
    expect(file.comment).toBe('kept');
    expect(file.adapters['not-run']).toEqual(existing.adapters['not-run']);
    const e = file.adapters['adapter-1']!;
    expect(e['unstable/fd_*/*']).toEqual({ expected: ['fail'], reason: 'glob' });
    expect(e[failId]).toEqual({ expected: ['fail'], reason: 'hand-written reason' });
    if (/^unstable\/fd_/.test(xpassId)) expect(e[xpassId]!.expected).toEqual(['pass', 'accepted']);
    else expect(e[xpassId]).toBeUndefined();
    // failures a glob already expects get no exact entry
    const globbed = run.results.filter((r) => r.outcome === 'fail' && /^unstable\/fd_/.test(r.id));
    for (const r of globbed) if (r.id !== failId) expect(e[r.id]).toBeUndefined();
    expect(stats.changed).toBe(1);
    expect(stats.removed).toBe(1);
    // applying the new file to the same run expects every failure
    for (const r of run.results.filter((x) => ['fail', 'error', 'timeout'].includes(x.outcome))) {
      expect(lookupExpectation(file, 'adapter-1', r.id)!.expected).toContain(r.outcome);
    }
  });
});

describe('writeReports', () => {
  test('writes index.html, junit.xml and summary.md atomically (no temp files left)', () => {
    const out = join(dir, 'out');
    const written = writeReports(small.report, { outDir: out, watDir });
    expect(written.map((w) => w.path.slice(out.length + 1))).toEqual(['index.html', 'junit.xml', 'summary.md']);
    for (const w of written) expect(readFileSync(w.path).length).toBe(w.bytes);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toBe(renderSummaryMarkdown(small.report));
    expect(readdirSync(out).sort()).toEqual(['index.html', 'junit.xml', 'summary.md']);
  });
});
