#!/usr/bin/env node
// docs/report.png for the README: a screenshot of a report page taken in headless Chromium.
//   node scripts/screenshot.mjs [reports/out/index.html] [docs/report.png] [--hash '#view=…'] [--width 1400 --height 900]
// Run `make report` first (or pass any index.html written by `wasi-conformance report`).
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium } from './chromium.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { hash: { type: 'string', default: '' }, width: { type: 'string', default: '1400' }, height: { type: 'string', default: '900' } },
});
const html = resolve(positionals[0] ?? 'reports/out/index.html');
const png = resolve(positionals[1] ?? 'docs/report.png');
const fail = (msg) => { process.stderr.write(`screenshot: ${msg}\n`); process.exit(2); };
if (!existsSync(html)) fail(`${html} not found; run \`make report\` first`);
if (!chromiumAvailable()) fail(`${CHROMIUM_PATH} not found; install Debian's chromium (scripts/system-deps.sh)`);

const browser = await launchChromium({ viewport: { width: Number(values.width), height: Number(values.height) } });
try {
  await browser.page.goto(`${pathToFileURL(html).href}${values.hash}`);
  await browser.page.waitForSelector('html.js');
  await browser.page.waitForTimeout(150);
  mkdirSync(dirname(png), { recursive: true });
  const tmp = `${png}.${process.pid}.tmp.png`;
  await browser.page.screenshot({ path: tmp });
  renameSync(tmp, png);
  if (browser.problems.length) process.stderr.write(`screenshot: the page reported problems:\n  ${browser.problems.join('\n  ')}\n`);
  process.stdout.write(`wrote ${png}\n`);
} finally {
  await browser.close();
}
