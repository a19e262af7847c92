/**
 * `wasi-conformance report --from report.json [--out DIR] [--wat DIR] [--update-expectations FILE]`:
 * regenerate index.html, junit.xml and summary.md from a saved report without re-running
 * anything; optionally (re)write an expectations file from the run's non-passing cases.
 * Bad input (missing file, invalid JSON, a report of another or newer schema) → one line, exit 2.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { CommandModule } from 'yargs';
import { writeReports } from '../../reports/write-reports.js';
import { updateExpectations } from '../../reports/update-expectations.js';
import { writeFileAtomic } from '../../reports/write-file.js';
import { loadReport } from '../../reports/load.js';
import type { Report } from '../../reports/model.js';
import { MUTATION_FILE, readMutationFigures } from '../../reports/mutation.js';
import { ReportInputError } from '../../reports/errors.js';
import { UsageError } from '../errors.js';
import { loadExpectations } from '../expectations.js';
import { DEFAULT_WAT_DIR } from '../paths.js';
import { validate } from '../schemas.js';

interface Args { from: string; out?: string; wat?: string; title?: string; 'update-expectations'?: string }

/** A report.json for the report/compare/merge commands: version checked, then the full schema. */
export function loadReportForCli(file: string): Report {
  return loadReport(file, (value, name) => { validate('report', value, name); });
}

/** Run a command body, turning the report tools' input errors into one-line usage errors (exit 2). */
export function reportInputErrors<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof ReportInputError) throw new UsageError(e.message);
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && (e as NodeJS.ErrnoException).path) {
      throw new UsageError(`cannot write ${(e as NodeJS.ErrnoException).path}: ${code}`);
    }
    throw e;
  }
}

export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export const command: CommandModule<object, Args> = {
  command: 'report',
  describe: 'write index.html, junit.xml and summary.md from a report.json (no re-run)',
  builder: (y) => y
    .option('from', { type: 'string', demandOption: true, describe: 'the report.json to read' })
    .option('out', { type: 'string', describe: 'output directory (default: the report\'s directory)' })
    .option('wat', { type: 'string', describe: 'fixture directory for descriptions and WAT source (default: the package\'s wat/)' })
    .option('title', { type: 'string', describe: 'page title of index.html' })
    .option('update-expectations', { type: 'string', describe: 'write this expectations file from the run\'s non-passing cases (kept entries: globs, reasons, cases not in the run)' })
    .example('$0 report --from reports/out/report.json', 'regenerate the HTML, JUnit and Markdown next to it')
    .example('$0 report --from report.json --update-expectations expectations/node.json', 'record the known failures')
    .epilog('Exit status: 0; 2 for bad input.') as never,
  handler: (a) => reportInputErrors(() => {
    const report = loadReportForCli(a.from);
    // `npm run mutate` figures beside report.json, when there are some: the HTML shows them.
    const mutation = readMutationFigures(join(dirname(a.from), MUTATION_FILE));
    const written = writeReports(report, { outDir: a.out ?? dirname(a.from), watDir: a.wat ?? DEFAULT_WAT_DIR, mutation, ...(a.title ? { title: a.title } : {}) });
    for (const w of written) process.stdout.write(`wrote ${shown(w.path)} (${(w.bytes / 1024).toFixed(0)} KiB)\n`);
    const file = a['update-expectations'];
    if (file) {
      const existing = existsSync(file) ? loadExpectations(file) : null;
      const { file: updated, stats } = updateExpectations(existing, report);
      writeFileAtomic(file, `${JSON.stringify(updated, null, 2)}\n`);
      process.stdout.write(`wrote ${shown(file)}: ${stats.added} added, ${stats.changed} changed, ${stats.removed} removed\n`);
    }
  }),
};
