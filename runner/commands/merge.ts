/**
 * `wasi-conformance merge A.json B.json … --out X.json`: join shard reports into one
 * (runs of the same adapter merged; a case id twice for one adapter is an error naming it).
 * Exit status: 0; 2 for bad input.
 */
import type { CommandModule } from 'yargs';
import { mergeReports } from '../../reports/merge.js';
import { writeFileAtomic } from '../../reports/write-file.js';
import { loadReportForCli, reportInputErrors, shown } from './report.js';

interface Args { reports: string[]; out: string }

export const command: CommandModule<object, Args> = {
  command: 'merge <reports..>',
  describe: 'join shard report.json files into one',
  builder: (y) => y
    .positional('reports', { type: 'string', array: true, demandOption: true, describe: 'shard reports (report.json files)' })
    .option('out', { type: 'string', demandOption: true, describe: 'where to write the merged report.json' })
    .example('$0 merge shard-1/report.json shard-2/report.json --out report.json', 'one report from two CI shards')
    .epilog('Exit status: 0; 2 for bad input (unreadable or invalid reports, duplicate case ids).') as never,
  handler: (a) => reportInputErrors(() => {
    const merged = mergeReports(a.reports.map((file) => ({ file, report: loadReportForCli(file) })));
    writeFileAtomic(a.out, `${JSON.stringify(merged, null, 1)}\n`);
    const results = merged.runs.reduce((n, r) => n + r.results.length, 0);
    process.stdout.write(`wrote ${shown(a.out)}: ${merged.runs.length} adapter${merged.runs.length === 1 ? '' : 's'}, ${results} results from ${a.reports.length} reports\n`);
  }),
};
