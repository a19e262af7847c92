/**
 * Stryker reporter `wasi-figures`: when the report is ready, folds it into
 * reports/out/mutation.json (figures.ts: per family, overall, survivors, equivalent mutants) and
 * prints the table. The HTML report shows that file when it exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { StrykerOptions } from '@stryker-mutator/api/core';
import type { Logger } from '@stryker-mutator/api/logging';
import { commonTokens, tokens } from '@stryker-mutator/api/plugin';
import type { Reporter } from '@stryker-mutator/api/report';
import { writeFileAtomic } from '../../reports/write-file.js';
import { PACKAGE_ROOT } from '../paths.js';
import { formatFigures, merge, summarize, type EquivalentEntry, type MutationFigures, type StrykerReport } from './figures.js';
import { settingsFrom, type MutationSettings } from './settings.js';

export function readEquivalents(path: string): EquivalentEntry[] {
  if (!existsSync(path)) return [];
  const data = JSON.parse(readFileSync(path, 'utf8')) as { mutants?: EquivalentEntry[] };
  return data.mutants ?? [];
}

function readPrevious(path: string): MutationFigures | null {
  if (!existsSync(path)) return null;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as MutationFigures;
    return data.schema === 'wasi-conformance/mutation@1' ? data : null;
  } catch {
    return null;
  }
}

/** Fold a Stryker report into the figures file; returns what was written. */
export function writeFigures(report: StrykerReport, settings: MutationSettings): MutationFigures {
  const current = summarize(report, readEquivalents(settings.equivalents), PACKAGE_ROOT);
  const figures = merge(readPrevious(settings.out), current);
  writeFileAtomic(settings.out, `${JSON.stringify(figures, null, 2)}\n`);
  return figures;
}

export class FiguresReporter implements Reporter {
  static inject = tokens(commonTokens.logger, commonTokens.options);
  private readonly settings: MutationSettings;

  constructor(private readonly log: Logger, options: StrykerOptions) {
    this.settings = settingsFrom(options as unknown as Record<string, unknown>);
  }

  onMutationTestReportReady(report: Readonly<StrykerReport>): void {
    const figures = writeFigures(report as StrykerReport, this.settings);
    this.log.info(`mutation figures written to ${this.settings.out}\n${formatFigures(figures)}`);
    if (figures.staleEquivalents.length > 0) {
      this.log.warn(`${figures.staleEquivalents.length} entries of ${this.settings.equivalents} match no mutant any more: review them`);
    }
  }
}
