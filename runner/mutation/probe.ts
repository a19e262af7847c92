/**
 * Review aid for surviving mutants: what does each one change that the suite does NOT reject?
 *
 *   MUTATE_KEEP=1 npm run mutate -- --family poll      (keeps .stryker-tmp/sandbox-*)
 *   node dist/runner/mutation/probe.js .stryker-tmp/sandbox-XXXX reports/out/mutation/poll.json [mutant ids…]
 * (with MUTATE_WAT=DIR when the run used `--wat DIR`).
 *
 * Runs every case unmutated, then each surviving mutant (or the ids given) over the cases that
 * reach it, in the kept sandbox's instrumented build, and prints the cases whose outcome or
 * accepted behaviour changed: `pass → accepted "label"` marks a mutant that turns the reference
 * into an accepted alternative (docs/equivalent-mutants.json kind `accepted`); no change at all
 * marks an equivalent mutant or a missing case. Each mutant runs in a fresh worker thread, as in
 * the mutation run (engine.runWithMutant).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../paths.js';
import type { CaseVerdict } from './engine.js';
import { originalText, type StrykerReport } from './figures.js';

async function main(): Promise<number> {
  const [sandboxArg, reportArg, ...ids] = process.argv.slice(2);
  if (!sandboxArg || !reportArg) {
    process.stderr.write('usage: node dist/runner/mutation/probe.js <kept sandbox dir> <stryker json report> [mutant ids…]\n');
    return 2;
  }
  const sandbox = resolve(sandboxArg);
  const report = JSON.parse(readFileSync(resolve(reportArg), 'utf8')) as StrykerReport;
  const { SuiteEngine } = (await import(pathToFileURL(join(sandbox, 'dist', 'runner', 'mutation', 'engine.js')).href)) as typeof import('./engine.js');
  const engine = await SuiteEngine.create({ watDir: process.env.MUTATE_WAT ?? join(PACKAGE_ROOT, 'wat'), cacheDir: join(PACKAGE_ROOT, '.cache', 'wasm'), projectRoot: PACKAGE_ROOT });
  const baseline = new Map<string, CaseVerdict>();
  for (const c of engine.cases) baseline.set(c.id, await engine.run(c.id));

  // The report numbers tests itself; a test's name is `<case id> #<hash>` (engine.ts).
  const caseOf = new Map(Object.values(report.testFiles ?? {}).flatMap((f) => f.tests.map((t) => [t.id, t.name.split(' #')[0]!] as const)));
  const wanted = new Set(ids);
  for (const [file, result] of Object.entries(report.files)) {
    for (const m of result.mutants) {
      const pick = wanted.size > 0 ? wanted.has(m.id) : m.status === 'Survived';
      if (!pick) continue;
      const where = `${file.replace(`${PACKAGE_ROOT}/`, '')}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${JSON.stringify(originalText(result.source, m).replace(/\s+/g, ' '))} -> ${JSON.stringify(m.replacement ?? '')}`;
      const few = m.coveredBy !== undefined && m.coveredBy.length <= 3; // first-use code: see test-runner.ts
      const covering = few || !m.coveredBy ? engine.cases.map((c) => c.id) : m.coveredBy.map((t) => caseOf.get(t) ?? t);
      const runnable = covering.filter((id) => baseline.get(id)?.ok);
      const changes: string[] = [];
      for (const now of await engine.runWithMutant(runnable, m.id, false)) {
        const before = baseline.get(now.id)!;
        if (now.outcome !== before.outcome || now.behaviour !== before.behaviour) {
          changes.push(`${now.id}: ${before.outcome} → ${now.outcome}${now.behaviour ? ` ${JSON.stringify(now.behaviour)}` : ''}${now.ok ? '' : ` ${now.message}`}`);
        }
      }
      process.stdout.write(`${m.id} ${where}\n${changes.length === 0 ? '  no case changes\n' : changes.slice(0, 6).map((c) => `  ${c}\n`).join('')}${changes.length > 6 ? `  … ${changes.length - 6} more\n` : ''}`);
    }
  }
  return 0;
}

main().then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`probe: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exitCode = 1;
});
