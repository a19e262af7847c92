/**
 * Write every human-facing report for a report.json: index.html, junit.xml, summary.md,
 * each through a temp file + rename. Fixture details for the HTML come from `watDir`.
 */
import { join } from 'node:path';
import type { Report } from './model.js';
import type { MutationFigures } from './mutation.js';
import { readCaseInfos } from './case-info.js';
import { renderIndexHtml, DEFAULT_TITLE } from './html/page.js';
import { renderJunit } from './junit.js';
import { renderSummaryMarkdown } from './markdown.js';
import { writeFileAtomic } from './write-file.js';

/** `mutation`: suite-strength figures for index.html (its section is left out without them). */
export interface WriteOptions { outDir: string; watDir: string; title?: string; mutation?: MutationFigures | null }
export interface Written { path: string; bytes: number }

export const OUTPUT_FILES = { html: 'index.html', junit: 'junit.xml', markdown: 'summary.md' } as const;

export function writeReports(report: Report, options: WriteOptions): Written[] {
  const infos = readCaseInfos(options.watDir, report.runs.flatMap((r) => r.results.map((x) => x.id)));
  const outputs: [string, string][] = [
    [OUTPUT_FILES.html, renderIndexHtml(report, infos, options.title ?? DEFAULT_TITLE, options.mutation ?? null)],
    [OUTPUT_FILES.junit, renderJunit(report)],
    [OUTPUT_FILES.markdown, renderSummaryMarkdown(report)],
  ];
  return outputs.map(([name, text]) => {
    const path = join(options.outDir, name);
    writeFileAtomic(path, text);
    return { path, bytes: Buffer.byteLength(text) };
  });
}
