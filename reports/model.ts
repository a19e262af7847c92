/**
 * The report model: `report.json`, schema `wasi-conformance/report@1`
 * (schemas/report.schema.json mirrors these types). Written by the runner, read by every
 * writer in reports/ (HTML, JUnit, Markdown), by `compare` and by `merge`.
 */
import type { Abi } from '../suites/sidecar.js';

export const REPORT_SCHEMA = 'wasi-conformance/report@1';

/** The closed list of outcomes, each defined once. */
export const OUTCOMES = ['pass', 'accepted', 'fail', 'error', 'timeout', 'skip', 'xfail', 'xpass'] as const;
export type Outcome = typeof OUTCOMES[number];

export const OUTCOME_MEANING: Record<Outcome, string> = {
  pass: 'behaved as the spec says',
  accepted: 'behaved as one of the labelled alternatives the spec allows',
  fail: 'behaved otherwise (wrong errno, output, exit code, file tree, or a sandbox escape)',
  error: 'could not run: instantiation failed or the adapter crashed',
  timeout: 'did not finish within the time limit',
  skip: 'the adapter lacks the ABI or a feature the case needs',
  xfail: 'failed, as the expectations file says it does',
  xpass: 'passed, although the expectations file says it fails',
};

/** Outcomes that make `run` exit 1. */
export const UNEXPECTED: ReadonlySet<Outcome> = new Set(['fail', 'error', 'timeout', 'xpass']);

/** One recorded WASI call: `fd_write(fd=1, iovs=1024, iovs_len=1, nwritten=2048) -> success`. */
export interface TraceCall { name: string; args: (number | string)[]; errno: number | null }

export interface CaseResult {
  id: string;
  syscall: string;
  abi: Abi;
  outcome: Outcome;
  durationMs: number;
  exitCode: number | null;
  trap?: boolean;
  /** Label of the accepted alternative matched (outcome `accepted`), else null. */
  behaviour: string | null;
  /** Why it failed / errored / was skipped, one line; null on pass. */
  message: string | null;
  stdout?: string;
  stderr?: string;
  /** True when the guest wrote more than the runner keeps (runner/sandbox.ts OUTPUT_LIMIT): stdout is its first bytes. */
  stdoutTruncated?: boolean;
  stderrTruncated?: boolean;
  /** True when the sandbox canary changed: a failed escape check. */
  sandboxEscape?: boolean;
  /** Differences between expected and actual fs_after, one line each. */
  fsDiff?: string[];
  trace: TraceCall[] | null;
}

export interface Summary {
  total: number;
  pass: number; accepted: number; fail: number; error: number;
  timeout: number; skip: number; xfail: number; xpass: number;
  durationMs: number;
}

export interface AdapterInfo { name: string; version: string; abis: Abi[] }

export interface Run { adapter: AdapterInfo; summary: Summary; results: CaseResult[] }

export interface Report {
  schema: typeof REPORT_SCHEMA;
  generatedAt: string;
  tool: { name: string; version: string };
  suite: { cases: number; syscalls: number };
  runs: Run[];
}

export function emptySummary(): Summary {
  return { total: 0, pass: 0, accepted: 0, fail: 0, error: 0, timeout: 0, skip: 0, xfail: 0, xpass: 0, durationMs: 0 };
}

export function summarize(results: readonly CaseResult[], durationMs: number): Summary {
  const s = emptySummary();
  for (const r of results) { s.total++; s[r.outcome]++; }
  s.durationMs = durationMs;
  return s;
}
