/**
 * Stryker test runner `wasi-suite`: the tests are the WAT fixtures, run on the MUTATED reference.
 *
 * Stryker copies the project into a sandbox, instruments the TypeScript there, and runs the
 * `buildCommand` (tsc) in it; this runner then imports the sandbox's dist/runner/mutation/engine.js
 * (its working directory is the sandbox), which loads the sandbox's instrumented reference, and
 * runs cases in this process. That keeps the mutant switch (`__stryker__.activeMutant`) and the
 * per-test coverage in one realm, so Stryker runs for each mutant only the cases that reach it.
 *
 * - dry run: every case once, unmutated, collecting which mutants each case reaches. A case that
 *   does not pass on the unmutated reference cannot judge a mutant: it is reported skipped and
 *   listed in the baseline file (shared with the other sandboxes' runners), then left out.
 * - mutant run: the covering cases (all of them for a static mutant) in order, stopping at the
 *   first unexpected result (fail, error, timeout — what `run --bail` stops at) unless
 *   `disableBail`.
 * Modules load lazily, on the first run: after Stryker restarts this process for a static mutant
 * (module-level code), the mutant is switched on before the reference loads.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INSTRUMENTER_CONSTANTS, type MutantCoverage, type StrykerOptions } from '@stryker-mutator/api/core';
import type { Logger } from '@stryker-mutator/api/logging';
import { commonTokens, tokens } from '@stryker-mutator/api/plugin';
import {
  determineHitLimitReached, DryRunStatus, MutantRunStatus, TestStatus,
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
  hitCount?: number;
  hitLimit?: number;
}

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
    this.baselineFile = resolve(PACKAGE_ROOT, options.tempDirName, 'wasi-suite-baseline.json');
  }

  capabilities(): TestRunnerCapabilities {
    // ESM modules cannot be unloaded: Stryker starts a fresh process to reload.
    return { reloadEnvironment: false };
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
    const ns = namespace();
    const mutant = options.activeMutant.id;
    // A static mutant acts while modules load; a runtime one only once they have loaded.
    ns.activeMutant = options.mutantActivation === 'static' ? mutant : undefined;
    let engine: SuiteEngine;
    try {
      engine = await this.load();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      // A static mutant that breaks loading the reference: under `run` every case would end in
      // `error` — the suite detects it. Anything else is a problem of this runner.
      if (options.mutantActivation === 'static') {
        return { status: MutantRunStatus.Killed, killedBy: [], failureMessage: `the reference does not load: ${message}`, nrOfTests: 0 };
      }
      return { status: MutantRunStatus.Error, errorMessage: message };
    }
    const skip = this.failedAtBaseline();
    const ids = (options.testFilter ?? engine.cases.map((c) => c.id)).filter((id) => !skip.has(id) && engine.has(id));
    ns.activeMutant = mutant;
    ns.hitLimit = options.hitLimit;
    ns.hitCount = options.hitLimit === undefined ? undefined : 0;
    const killedBy: string[] = [];
    let failureMessage = '';
    let nrOfTests = 0;
    try {
      for (const id of ids) {
        nrOfTests++;
        const v = await engine.run(id);
        const overLimit = determineHitLimitReached(ns.hitCount, ns.hitLimit);
        if (overLimit) return { status: MutantRunStatus.Timeout, reason: overLimit.reason };
        if (v.ok) continue;
        // Out of descriptors: this process's trouble, not the mutant's (a kill here would be false).
        if (/\bE[MN]FILE\b/.test(v.message)) return { status: MutantRunStatus.Error, errorMessage: v.message };
        killedBy.push(id);
        failureMessage ||= v.message;
        if (!options.disableBail) break;
      }
    } finally {
      ns.activeMutant = undefined;
      ns.hitLimit = undefined;
      ns.hitCount = undefined;
    }
    return killedBy.length > 0
      ? { status: MutantRunStatus.Killed, killedBy, failureMessage, nrOfTests }
      : { status: MutantRunStatus.Survived, nrOfTests };
  }
}
