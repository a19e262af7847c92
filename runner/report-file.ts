/** report.json: assembled from the runs, checked against schemas/report.schema.json, written atomically. */
import { REPORT_SCHEMA, type Report, type Run } from '../reports/model.js';
import { writeFileAtomic } from '../reports/write-file.js';
import type { Fixture } from './fixtures.js';
import { toolInfo } from './paths.js';
import { problem } from './schemas.js';

export function buildReport(runs: Run[], fixtures: readonly Fixture[]): Report {
  return {
    schema: REPORT_SCHEMA,
    generatedAt: new Date().toISOString(),
    tool: toolInfo(),
    suite: { cases: fixtures.length, syscalls: new Set(fixtures.map((f) => f.sidecar.syscall)).size },
    runs,
  };
}

/** Validate, then write via a temp file + rename (a reader never sees half a report). */
export function writeReport(path: string, report: Report): void {
  const bad = problem('report', report);
  if (bad) throw new Error(`the report does not match schemas/report.schema.json: ${bad}`);
  writeFileAtomic(path, `${JSON.stringify(report, null, 1)}\n`);
}
