/**
 * `wasi-conformance compare OLD.json NEW.json [--json] [--limit N]`: per adapter, the cases that
 * regressed (passing → failing), were fixed, changed otherwise, are new or were removed.
 * Exit status: 1 when anything regressed, 0 otherwise, 2 for bad input.
 */
import type { CommandModule } from 'yargs';
import { compareReports, formatComparison, regressionCount } from '../../reports/compare.js';
import { loadReportForCli, reportInputErrors } from './report.js';

interface Args { old: string; new: string; json?: boolean; limit: number }

export const command: CommandModule<object, Args> = {
  command: 'compare <old> <new>',
  describe: 'compare two report.json files: regressions, fixes, new and removed cases per adapter',
  builder: (y) => y
    .positional('old', { type: 'string', demandOption: true, describe: 'the earlier report.json' })
    .positional('new', { type: 'string', demandOption: true, describe: 'the later report.json' })
    .option('json', { type: 'boolean', default: false, describe: 'print the comparison as JSON' })
    .option('limit', { type: 'number', default: 50, describe: 'list at most N changed/new/removed cases per adapter (regressions and fixes are always listed)' })
    .example('$0 compare main/report.json pr/report.json', 'what this change regressed or fixed')
    .epilog('Exit status: 1 when a case regressed; 0 otherwise; 2 for bad input.') as never,
  handler: (a) => reportInputErrors(() => {
    const comparison = compareReports(loadReportForCli(a.old), loadReportForCli(a.new));
    process.stdout.write(a.json ? `${JSON.stringify(comparison, null, 2)}\n` : formatComparison(comparison, a.limit));
    if (regressionCount(comparison) > 0) process.exitCode = 1;
  }),
};
