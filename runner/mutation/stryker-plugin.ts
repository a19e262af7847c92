/**
 * The Stryker plugins of this project (stryker.config.mjs lists this module under `plugins`):
 * - test runner `wasi-suite` (test-runner.ts): the WAT fixtures judge the mutated reference;
 * - ignorer `wasi-diagnostics` (ignorer.ts): no mutants in diagnostic message text;
 * - reporter `wasi-figures` (reporter.ts): per-family figures in reports/out/mutation.json.
 */
import { declareClassPlugin, PluginKind } from '@stryker-mutator/api/plugin';
import { DiagnosticMessageIgnorer } from './ignorer.js';
import { FiguresReporter } from './reporter.js';
import { optionsSchema } from './settings.js';
import { WasiSuiteTestRunner } from './test-runner.js';

export const strykerPlugins = [
  declareClassPlugin(PluginKind.TestRunner, 'wasi-suite', WasiSuiteTestRunner),
  declareClassPlugin(PluginKind.Ignore, 'wasi-diagnostics', DiagnosticMessageIgnorer),
  declareClassPlugin(PluginKind.Reporter, 'wasi-figures', FiguresReporter),
];

export const strykerValidationSchema = optionsSchema;
