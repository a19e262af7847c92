/**
 * Stryker test runner `wasi-suite`: the tests are the WAT fixtures, run on the MUTATED reference.
 *
 * Stryker copies the project into a sandbox, instruments the TypeScript there, and runs the
 * `buildCommand` (tsc) in it; this runner imports the sandbox's dist/runner/mutation/engine.js
 * (its working directory is the sandbox), which uses the sandbox's instrumented reference.
 *
 * - dry run: every case once, unmutated, in this thread, so the instrumented code records which
 *   mutants each case reaches (per-test coverage: Stryker then runs only those cases for a
 *   mutant). A case that does not pass on the unmutated reference cannot judge a mutant: it is
 *   reported skipped and listed in the baseline file (read by runners that did no dry run).
 * - mutant run: the covering cases (every case for a static mutant) in order in a FRESH worker
 *   thread whose environment names the active mutant, stopping at the first unexpected result
 *   (fail, error, timeout — what `run --bail` stops at) unless `disableBail`. A fresh load per
 *   mutant matters: module-level code and caches built on first use see the mutant exactly as
 *   in a new `wasi-conformance run` (in this thread they were built, unmutated, by the dry run).
 *   Stryker's hit limit is not applied there; an endless loop ends at the per-case deadline
 *   (engine.ts), a timeout, which the suite reports and which therefore kills the mutant.
 * Modules load lazily, on the first run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INSTRUMENTER_CONSTANTS, type MutantCoverage, type StrykerOptions } from '@stryker-mutator/api/core';
import type { Logger } from '@stryker-mutator/api/logging';
import { commonTokens, tokens } from '@stryker-mutator/api/plugin';
import {
  DryRunStatus, MutantRunStatus, TestStatus,
  type DryRunOptions, type DryRunResult, type MutantRunOptions, type MutantRunResult, type TestResult, type TestRunner,
  type TestRunnerCapabilities,
} from '@stryker-mutator/api/test-runner';
import type { SuiteEngine } from './engine.js';
import { settingsFrom, type MutationSettings } from './settings.js';
import { PACKAGE_ROOT } from '../paths.js';

/** Stryker's global namespace object, as the instrumented code reads and writes it. */
interface StrykerNamespace {
  activeMutant?: string;
  currentTestId?: string;
  mutantCoverage?: MutantCoverage;
}

/**
 * A mutant that survives the few cases covering it (at most this many) is also run against the
 * rest: first-use code (caches) is covered only by whichever case ran it first in the dry run.
 */
const FIRST_USE_COVERAGE = 3;
/** Slack left before Stryker's per-mutant timeout (worker shutdown, reporting). */
const DEADLINE_MARGIN_MS = 3_000;

function namespace(): StrykerNamespace {
  const g = globalThis as unknown as Record<string, StrykerNamespace | undefined>;
  return (g[INSTRUMENTER_CONSTANTS.NAMESPACE] ??= {});
}

/** The engine of the tree this process runs in (the Stryker sandbox, or the project itself in place). */
async function importEngine(): Promise<typeof import('./engine.js')> {
  const path = join(process.cwd(), 'dist', 'runner', 'mutation', 'engine.js');
  if (!existsSync(path)) throw new Error(`${path} missing: the sandbox was not built (buildCommand: tsc)`);
  return (await import(pathToFileURL(path).href)) as typeof import('./engine.js');
}

export class WasiSuiteTestRunner implements TestRunner {
  static inject = tokens(commonTokens.logger, commonTokens.options);

  private readonly settings: MutationSettings;
  private readonly baselineFile: string;
  private engine: SuiteEngine | undefined;
  private baselineFailed: Set<string> | undefined;

  constructor(private readonly log: Logger, options: StrykerOptions) {
    this.settings = settingsFrom(options as unknown as Record<string, unknown>);
    // In the sandbox (this process's working directory), which every test runner shares and
    // Stryker removes afterwards.
    this.baselineFile = resolve('.wasi-suite-baseline.json');
  }

  capabilities(): TestRunnerCapabilities {
    // Every mutant run loads the reference afresh in a new worker thread (engine.runWithMutant).
    return { reloadEnvironment: true };
  }

  private async load(): Promise<SuiteEngine> {
    if (!this.engine) {
      const { SuiteEngine } = await importEngine();
      this.engine = await SuiteEngine.create({ watDir: this.settings.wat, cacheDir: this.settings.cache, projectRoot: PACKAGE_ROOT });
    }
    return this.engine;
  }

  /** Cases that fail on the unmutated reference (from this process's dry run, or the one that ran elsewhere). */
  private failedAtBaseline(): Set<string> {
    if (!this.baselineFailed) {
      this.baselineFailed = existsSync(this.baselineFile)
        ? new Set(JSON.parse(readFileSync(this.baselineFile, 'utf8')) as string[])
        : new Set();
    }
    return this.baselineFailed;
  }

  async dryRun(options: DryRunOptions): Promise<DryRunResult> {
    const ns = namespace();
    ns.activeMutant = undefined;
    let engine: SuiteEngine;
    try {
      engine = await this.load();
    } catch (e) {
      return { status: DryRunStatus.Error, errorMessage: e instanceof Error ? e.stack ?? e.message : String(e) };
    }
    const tests: TestResult[] = [];
    const failed: string[] = [];
    for (const c of engine.cases) {
      ns.currentTestId = c.id;
      const v = await engine.run(c.id);
      const base = { id: c.id, name: c.name, ...(c.fileName ? { fileName: c.fileName } : {}), timeSpentMs: v.durationMs };
      if (v.ok) {
        tests.push({ ...base, status: TestStatus.Success });
      } else {
        failed.push(c.id);
        tests.push({ ...base, status: TestStatus.Skipped });
      }
    }
    ns.currentTestId = undefined;
    if (failed.length > 0) {
      this.log.warn(`${failed.length} case(s) do not pass on the unmutated reference and are left out: ${failed.slice(0, 10).join(', ')}${failed.length > 10 ? ', …' : ''}`);
    }
    this.baselineFailed = new Set(failed);
    mkdirSync(dirname(this.baselineFile), { recursive: true });
    writeFileSync(this.baselineFile, JSON.stringify(failed));
    if (options.coverageAnalysis === 'off') return { status: DryRunStatus.Complete, tests };
    const coverage: MutantCoverage = ns.mutantCoverage ?? { static: {}, perTest: {} };
    for (const id of failed) delete coverage.perTest[id];
    return { status: DryRunStatus.Complete, tests, mutantCoverage: coverage };
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    let engine: SuiteEngine;
    try {
      engine = await this.load();
    } catch (e) {
      return { status: MutantRunStatus.Error, errorMessage: e instanceof Error ? e.message : String(e) };
    }
    const skip = this.failedAtBaseline();
    const ids = (options.testFilter ?? engine.cases.map((c) => c.id)).filter((id) => !skip.has(id) && engine.has(id));
    const bail = !options.disableBail;
    // Stop before Stryker's own deadline: its timeout would count as a detection.
    const deadline = performance.now() + options.timeout - DEADLINE_MARGIN_MS;
    const verdicts = await engine.runWithMutant(ids, options.activeMutant.id, bail, deadline);
    const allOk = verdicts.every((v) => v.ok);
    if (allOk && verdicts.length < ids.length) return { status: MutantRunStatus.Timeout, reason: 'the covering cases did not finish in time' };
    if (options.testFilter && options.testFilter.length <= FIRST_USE_COVERAGE && allOk) {
      // Code that runs once per process (a cache filled on first use) was covered, in the dry
      // run, only by the first case that needed it: try the rest of the suite too, as far as
      // time allows (a rest not finished in time leaves the mutant survived: never a false kill).
      const seen = new Set(ids);
      const rest = engine.cases.map((c) => c.id).filter((id) => !seen.has(id) && !skip.has(id));
      const more = await engine.runWithMutant(rest, options.activeMutant.id, bail, deadline);
      if (more.length < rest.length && more.every((v) => v.ok)) {
        this.log.warn(`mutant ${options.activeMutant.id}: ${more.length} of the ${rest.length} other cases ran before the deadline; counted as survived`);
      }
      verdicts.push(...more);
    }
    const failed = verdicts.filter((v) => !v.ok);
    // Out of descriptors: this process's trouble, not the mutant's (a kill here would be false).
    const starved = failed.find((v) => /\bE[MN]FILE\b/.test(v.message));
    if (starved) return { status: MutantRunStatus.Error, errorMessage: starved.message };
    return failed.length > 0
      ? { status: MutantRunStatus.Killed, killedBy: failed.map((v) => v.id), failureMessage: failed[0]!.message, nrOfTests: verdicts.length }
      : { status: MutantRunStatus.Survived, nrOfTests: verdicts.length };
  }
}
