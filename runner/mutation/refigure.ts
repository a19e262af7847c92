/**
 * `node dist/runner/mutation/refigure.js reports/out/mutation/all.json`: rewrite
 * reports/out/mutation.json from a saved Stryker JSON report, e.g. after reviewing survivors in
 * docs/equivalent-mutants.json, without running the mutants again.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { StrykerReport } from './figures.js';
import { formatFigures } from './figures.js';
import { writeFigures } from './reporter.js';
import { settingsFrom } from './settings.js';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node dist/runner/mutation/refigure.js <stryker json report> (reports/out/mutation/<selection>.json)\n');
  process.exitCode = 2;
} else {
  const settings = settingsFrom({});
  const figures = writeFigures(JSON.parse(readFileSync(resolve(file), 'utf8')) as StrykerReport, settings);
  process.stdout.write(`${formatFigures(figures)}\n${figures.staleEquivalents.length} stale review entries; written ${settings.out}\n`);
}
