/**
 * index.html in a real headless Chromium (Debian `chromium` via playwright-core): a synthetic
 * report of 2,000 cases × 10 adapters. The matrix renders, a click opens a case, filters and
 * search work, the URL hash restores the view, the summary reads without JavaScript, the page
 * logs no errors and requests nothing but itself. Prints the file size and render times.
 * Skips (with a message) when /usr/bin/chromium is absent: scripts/system-deps.sh installs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { makeSyntheticReport, writeFixtures } from './helpers/synthetic-report.js';
import { writeReports } from '../reports/write-reports.js';
import type { Report } from '../reports/model.js';
// @ts-expect-error -- plain ESM module shared with scripts/screenshot.mjs
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from '../scripts/chromium.mjs';

interface Browser { page: Page; requests: string[]; problems: string[]; close(): Promise<void> }

const CASES = 2000;
const ADAPTERS = 10;
const available = chromiumAvailable() as boolean;
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED the HTML report browser tests: ${CHROMIUM_PATH} not found (apt-get install chromium, or scripts/system-deps.sh)`);
}
const maybe = available ? describe : describe.skip;

maybe('index.html in headless Chromium (2,000 cases × 10 adapters)', () => {
  let dir: string;
  let url: string;
  let report: Report;
  let browser: Browser;
  let page: Page;
  const figures: string[] = [];

  const results = (adapter: string) => report.runs.find((r) => r.adapter.name === adapter)!.results;
  const go = async (hash: string) => {
    await page.goto(`${url}${hash}`);
    await page.waitForFunction(() => performance.getEntriesByName('wc-rendered').length > 0);
  };
  const rowIds = () => page.$$eval('#vlist a.row .id', (els) => els.map((e) => e.textContent));
  const countText = () => page.textContent('p.count b');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wc-reports-browser-'));
    const synthetic = makeSyntheticReport({ cases: CASES, adapters: ADAPTERS, seed: 11, missingFixtureEvery: 400 });
    report = synthetic.report;
    writeFixtures(join(dir, 'wat'), synthetic.fixtures);
    const t0 = performance.now();
    const written = writeReports(report, { outDir: join(dir, 'out'), watDir: join(dir, 'wat') });
    figures.push(`write (html + junit + md): ${Math.round(performance.now() - t0)} ms`);
    for (const w of written) figures.push(`${w.path.slice(dir.length + 5)}: ${(w.bytes / 1024 / 1024).toFixed(2)} MiB`);
    url = pathToFileURL(join(dir, 'out', 'index.html')).href;
    browser = (await launchChromium()) as Browser;
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.log(`HTML report, ${CASES} cases × ${ADAPTERS} adapters:\n  ${figures.join('\n  ')}`);
  });

  test('loads and renders the summary and the matrix', async () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await go('');
      times.push(await page.evaluate(() => performance.getEntriesByName('wc-rendered')[0]!.startTime));
    }
    figures.push(`first interactive render (navigation start → main() done): ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);
    expect(Math.min(...times)).toBeLessThan(5000);
    expect(await page.$$eval('table.summary tbody tr', (r) => r.length)).toBe(ADAPTERS);
    const syscalls = new Set(report.runs[0]!.results.map((r) => r.syscall)).size;
    expect(await page.$$eval('table.matrix th.syscall', (r) => r.length)).toBe(syscalls);
    expect(await page.$$eval('table.matrix td.share', (r) => r.length)).toBe(syscalls * ADAPTERS);
    const refShare = await page.textContent('table.summary tbody tr:first-child td.share a');
    expect(refShare).toMatch(/^100%/);
    // re-render cost of view changes, measured inside the page (the hashchange handler runs synchronously here)
    const caseId = report.runs[1]!.results.find((r) => r.outcome === 'fail')!.id;
    const views: [string, string][] = [
      ['case list (all 2,000)', '#view=cases'],
      ['case list, search + outcome filter', '#view=cases&q=badf&outcome=not-passing'],
      ['matrix, abi filter', '#view=matrix&abi=unstable'],
      ['case drill-down', `#view=matrix&abi=unstable&case=${encodeURIComponent(caseId)}`],
      ['syscall page', '#view=syscall&syscall=fd_write'],
    ];
    for (const [label, hash] of views) {
      const ms = await page.evaluate((h) => {
        const t = performance.now();
        history.replaceState(null, '', h);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
        return performance.now() - t;
      }, hash);
      figures.push(`view change, ${label}: ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(1000);
    }
  });

  test('a matrix cell opens the cases of that syscall and adapter; a case opens its drill-down', async () => {
    await go('');
    const t0 = Date.now();
    await page.click('table.matrix tr:has(th.syscall a:text-is("fd_read")) td.share >> nth=3');
    await page.waitForSelector('#vlist a.row');
    figures.push(`matrix click → case list: ${Date.now() - t0} ms`);
    expect(page.url()).toContain('view=cases');
    expect(page.url()).toContain('syscall=fd_read');
    expect(page.url()).toContain('adapter=adapter-3');
    const ids = await rowIds();
    const expected = results('adapter-3').filter((r) => r.syscall === 'fd_read').map((r) => r.id);
    expect(await countText()).toBe(String(expected.length));
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(expected).toContain(id);

    const failing = results('adapter-1').find((r) => r.outcome === 'fail' && r.trace && !r.sandboxEscape && !r.fsDiff)!;
    await go(`#view=cases&adapter=adapter-1&syscall=${failing.syscall}`);
    const t1 = Date.now();
    await page.click(`#vlist a.row:has(.id:text-is("${failing.id}"))`, { position: { x: 20, y: 10 } });
    await page.waitForSelector('#detail:not([hidden]) h2');
    figures.push(`case click → drill-down: ${Date.now() - t1} ms`);
    expect(await page.textContent('#detail h2')).toBe(failing.id);
    const detail = (await page.textContent('#detail'))!;
    expect(detail).toContain('Accepted alternatives');
    expect(detail).toContain('WAT source');
    expect(detail).toContain(failing.message!);
    expect(await page.$$eval('#detail section.result', (s) => s.length)).toBe(ADAPTERS);
    // the focused adapter comes first; its trace marks the first call that differs from the reference's
    expect(await page.textContent('#detail section.result h3')).toContain('adapter-1');
    expect(await page.textContent('#detail section.result p.divergence')).toMatch(/at call #4: \w+ returns 8 badf where the reference returns 0 success/);
    expect(await page.textContent('#detail section.result table.trace tr.diverge')).toMatch(/→ 8 badf/);
    await page.click('#detail summary');
    expect(await page.textContent('#detail details.wat pre')).toContain('(module');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#detail', { state: 'hidden' });
  });

  test('filters and search narrow the list; the list is virtual', async () => {
    await go('#view=cases');
    expect(await countText()).toBe(String(CASES));
    expect((await rowIds()).length).toBeLessThan(120);
    await page.selectOption('select[name=adapter]', 'adapter-2');
    await page.waitForFunction(() => location.hash.includes('adapter=adapter-2'));
    await page.selectOption('select[name=outcome]', 'error');
    await page.waitForFunction(() => location.hash.includes('outcome=error'));
    const errors = results('adapter-2').filter((r) => r.outcome === 'error');
    expect(await countText()).toBe(String(errors.length));
    await page.selectOption('select[name=outcome]', 'not-passing');
    await page.waitForFunction(() => location.hash.includes('outcome=not-passing'));
    const notPassing = results('adapter-2').filter((r) => ['fail', 'error', 'timeout', 'xfail'].includes(r.outcome));
    expect(await countText()).toBe(String(notPassing.length));
    await page.selectOption('select[name=tag]', 'symlink');
    await page.selectOption('select[name=abi]', 'unstable');
    await page.waitForFunction(() => location.hash.includes('abi=unstable'));
    for (const id of await rowIds()) expect(id).toMatch(/^unstable\//);

    await page.click('button[type=reset]');
    await page.waitForFunction(() => location.hash === '#view=cases' || location.hash === '');
    expect(await countText()).toBe(String(CASES));
    await page.selectOption('select[name=adapter]', 'adapter-4');
    await page.waitForFunction(() => location.hash.includes('adapter=adapter-4'));
    const t0 = Date.now();
    await page.fill('input[name=q]', 'timed out');
    const timeouts = results('adapter-4').filter((r) => r.outcome === 'timeout');
    await page.waitForFunction((n) => document.querySelector('p.count b')?.textContent === String(n), timeouts.length);
    figures.push(`search over ${CASES} cases: ${Date.now() - t0} ms (including the 120 ms typing debounce)`);
    expect(page.url()).toContain('q=timed+out');
    await page.fill('input[name=q]', 'fd_write case-01');
    await page.waitForFunction(() => [...document.querySelectorAll('#vlist a.row .id')].every((e) => /fd_write\/case-01/.test(e.textContent!)));

    // scrolling the whole list reaches the last case
    await go('#view=cases');
    await page.$eval('#vlist', (el) => { el.scrollTop = el.scrollHeight; });
    await page.waitForFunction(() => [...document.querySelectorAll('#vlist a.row .id')].length > 0
      && document.querySelector('#vlist')!.scrollTop > 0);
    await page.waitForTimeout(100);
    const last = await rowIds();
    const allIds = await page.evaluate(() => (JSON.parse(document.getElementById('wc-data')!.textContent!) as { cases: { id: string }[] }).cases.map((c) => c.id));
    expect(last).toContain(allIds[allIds.length - 1]);
    expect(last.length).toBeLessThan(120);
  });

  test('the URL hash restores the view, filters and open case', async () => {
    const target = results('adapter-2').find((r) => r.outcome === 'error')!;
    await go(`#view=cases&adapter=adapter-2&outcome=error&q=${encodeURIComponent('instantiate')}&case=${encodeURIComponent(target.id)}`);
    expect(await page.inputValue('select[name=adapter]')).toBe('adapter-2');
    expect(await page.inputValue('select[name=outcome]')).toBe('error');
    expect(await page.inputValue('input[name=q]')).toBe('instantiate');
    expect(await countText()).toBe(String(results('adapter-2').filter((r) => r.outcome === 'error').length));
    expect(await page.textContent('#detail h2')).toBe(target.id);
    expect(await page.getAttribute('#tabs a.active', 'data-view')).toBe('cases');
    // back/forward move between views
    await page.click('#tabs a[data-view=matrix]');
    await page.waitForSelector('table.matrix');
    await page.goBack();
    await page.waitForSelector('#vlist a.row');
    expect(await page.inputValue('select[name=outcome]')).toBe('error');
  });

  test('per-syscall page: the spec summary, what each adapter does, the cases', async () => {
    await go('#view=syscall&syscall=path_open');
    const text = (await page.textContent('#main'))!;
    expect(text).toContain('Open a file or directory relative to a directory descriptor');
    expect(text).toContain('similar to POSIX openat');
    expect(await page.$$eval('table.adapter-behaviour tbody tr', (r) => r.length)).toBe(ADAPTERS);
    const cases = results('reference').filter((r) => r.syscall === 'path_open').length;
    expect(await page.$$eval('.syscall-page table.cases tbody tr', (r) => r.length)).toBe(cases);
    await go('#view=syscall');
    expect(await page.$$eval('table.syscall-index tbody tr', (r) => r.length)).toBe(new Set(report.runs[0]!.results.map((r) => r.syscall)).size);
  });

  test('without JavaScript the summary and the matrix are there', async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
    try {
      await page.goto(url);
      expect(await page.evaluate(() => document.documentElement.classList.contains('js'))).toBe(false);
      expect(await page.isVisible('table.summary')).toBe(true);
      expect(await page.isVisible('table.matrix')).toBe(true);
      expect(await page.$$eval('table.summary tbody tr', (r) => r.length)).toBe(ADAPTERS);
      expect(await page.isVisible('form#filters')).toBe(false);
      expect(await page.isVisible('noscript p')).toBe(true);
    } finally {
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: false });
      await cdp.detach();
    }
  });

  test('the junit.xml parses as XML in the browser', async () => {
    const xml = readFileSync(join(dir, 'out', 'junit.xml'), 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, suites: doc.querySelectorAll('testsuite').length, cases: doc.querySelectorAll('testcase').length };
    }, xml);
    expect(parsed).toEqual({ error: null, suites: ADAPTERS, cases: CASES * ADAPTERS });
  });

  test('the page written by the built CLI (tsc output, not jest\'s) works the same', async () => {
    const small = makeSyntheticReport({ cases: 50, adapters: 3, seed: 5 });
    const from = join(dir, 'cli', 'report.json');
    mkdirSync(join(dir, 'cli'), { recursive: true });
    writeFileSync(from, JSON.stringify(small.report));
    const r = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'wasi-conformance.js'), 'report', '--from', from, '--wat', join(dir, 'wat')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    await page.goto(pathToFileURL(join(dir, 'cli', 'index.html')).href);
    await page.waitForFunction(() => performance.getEntriesByName('wc-rendered').length > 0);
    await page.click('table.matrix td.share a >> nth=4');
    await page.waitForSelector('#vlist a.row');
    await page.click('#vlist a.row', { position: { x: 20, y: 10 } });
    await page.waitForSelector('#detail:not([hidden]) section.result');
    expect(await page.$$eval('#detail section.result', (x) => x.length)).toBe(3);
  });

  test('no console errors, no page errors, no network requests', () => {
    expect(browser.problems).toEqual([]);
    const foreign = browser.requests.filter((u) => !u.startsWith('file://'));
    expect(foreign).toEqual([]);
    const pages = new Set(['out', 'cli'].map((d) => pathToFileURL(join(dir, d, 'index.html')).href));
    for (const u of browser.requests) expect(pages).toContain(u.replace(/#.*/, ''));
  });
});
