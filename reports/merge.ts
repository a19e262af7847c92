/**
 * `merge A.json B.json …`: join shard reports into one. Runs of the same adapter (by name)
 * are merged into one run; a case id appearing twice for the same adapter is an error that
 * names the ids and files; the same adapter with different versions in two shards is an
 * error too (shards of different builds). Results come out sorted by id; summaries are
 * recomputed (durations add up).
 */
import { REPORT_SCHEMA, summarize } from './model.js';
import type { Abi } from '../suites/sidecar.js';
import type { CaseResult, Report, Run } from './model.js';
import { ReportInputError } from './errors.js';

export interface NamedReport { file: string; report: Report }

interface Acc { run: Run; versionFrom: string; seen: Map<string, string>; durationMs: number }

export function mergeReports(inputs: readonly NamedReport[]): Report {
  if (inputs.length === 0) throw new ReportInputError('merge: name at least one report');
  const runs = new Map<string, Acc>();
  const duplicates: string[] = [];
  for (const { file, report } of inputs) {
    for (const run of report.runs) {
      const name = run.adapter.name;
      let acc = runs.get(name);
      if (!acc) {
        acc = { run: { adapter: { ...run.adapter, abis: [] }, summary: run.summary, results: [] }, versionFrom: file, seen: new Map(), durationMs: 0 };
        runs.set(name, acc);
      } else if (acc.run.adapter.version !== run.adapter.version) {
        throw new ReportInputError(`merge: adapter ${name} is version "${acc.run.adapter.version}" in ${acc.versionFrom} `
          + `but "${run.adapter.version}" in ${file}; shards must come from the same build`);
      }
      for (const abi of run.adapter.abis) if (!acc.run.adapter.abis.includes(abi)) acc.run.adapter.abis.push(abi as Abi);
      acc.durationMs += run.summary.durationMs;
      for (const r of run.results) {
        const first = acc.seen.get(r.id);
        if (first !== undefined) { duplicates.push(`${name}: ${r.id} (${first}, ${file})`); continue; }
        acc.seen.set(r.id, file);
        acc.run.results.push(r);
      }
    }
  }
  if (duplicates.length) {
    const shown = duplicates.slice(0, 5).join('; ');
    throw new ReportInputError(`merge: duplicate case ids: ${shown}${duplicates.length > 5 ? `; and ${duplicates.length - 5} more` : ''}`);
  }
  const order = (a: CaseResult, b: CaseResult) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const merged: Run[] = [...runs.values()].map(({ run, durationMs }) => {
    const results = [...run.results].sort(order);
    return { adapter: run.adapter, summary: summarize(results, durationMs), results };
  });
  const ids = new Set(merged.flatMap((r) => r.results.map((x) => x.id)));
  const syscalls = new Set(merged.flatMap((r) => r.results.map((x) => x.syscall)));
  const stamps = inputs.map((i) => i.report.generatedAt).filter(Boolean).sort();
  return {
    schema: REPORT_SCHEMA,
    generatedAt: stamps[stamps.length - 1] ?? new Date().toISOString(),
    tool: inputs[0]!.report.tool,
    suite: {
      cases: Math.max(ids.size, ...inputs.map((i) => i.report.suite.cases)),
      syscalls: Math.max(syscalls.size, ...inputs.map((i) => i.report.suite.syscalls)),
    },
    runs: merged,
  };
}
