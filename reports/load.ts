/**
 * Read a `report.json` and check it is one we understand: the `wasi-conformance/report@1`
 * schema, with the fields the writers use. Problems become one-line `ReportInputError`s naming
 * the file and the field (`old.json: runs[0].results[3].outcome must be one of pass, …`).
 * A report from a newer schema version is refused rather than misread.
 */
import { readFileSync } from 'node:fs';
import { OUTCOMES, REPORT_SCHEMA, summarize } from './model.js';
import type { Report, Run, CaseResult, Summary } from './model.js';
import { ReportInputError } from './errors.js';

const SCHEMA_RE = /^wasi-conformance\/report@(\d+)$/;
const SUPPORTED_VERSION = Number(SCHEMA_RE.exec(REPORT_SCHEMA)![1]);
const OUTCOME_SET: ReadonlySet<string> = new Set(OUTCOMES);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A full schema check run after the version check (the CLI passes the ajv validator of
 * schemas/report.schema.json); it throws on the first problem.
 */
export type SchemaCheck = (value: unknown, file: string) => void;

export function loadReport(file: string, schemaCheck?: SchemaCheck): Report {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReportInputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(e)})`);
  }
  return parseReport(text, file, schemaCheck);
}

export function parseReport(text: string, file: string, schemaCheck?: SchemaCheck): Report {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ReportInputError(`${file}: invalid JSON (${(e as Error).message})`);
  }
  return checkReport(value, file, schemaCheck);
}

/** Validate a parsed value as a report; returns it with summaries recomputed from the results. */
export function checkReport(value: unknown, file: string, schemaCheck?: SchemaCheck): Report {
  const bad = (where: string, what: string): never => {
    throw new ReportInputError(`${file}: ${where} ${what}`);
  };
  if (!isObject(value)) bad('top level', 'must be an object (a wasi-conformance report)');
  const v = value as Json;
  const schema = v.schema;
  const m = typeof schema === 'string' ? SCHEMA_RE.exec(schema) : null;
  if (!m) bad('schema', `must be "${REPORT_SCHEMA}" (got ${JSON.stringify(schema ?? null)}): not a wasi-conformance report`);
  if (Number(m![1]) > SUPPORTED_VERSION) {
    bad('schema', `is ${schema as string}, newer than this tool reads (${REPORT_SCHEMA}); upgrade wasi-conformance`);
  }
  if (Number(m![1]) !== SUPPORTED_VERSION) bad('schema', `must be "${REPORT_SCHEMA}" (got "${schema as string}")`);
  schemaCheck?.(value, file);
  if (!Array.isArray(v.runs)) bad('runs', 'must be an array');
  const runs = (v.runs as unknown[]).map((r, i) => checkRun(r, `runs[${i}]`, bad));
  const tool = isObject(v.tool) ? v.tool : {};
  const suite = isObject(v.suite) ? v.suite : {};
  return {
    schema: REPORT_SCHEMA,
    generatedAt: typeof v.generatedAt === 'string' ? v.generatedAt : '',
    tool: { name: String(tool.name ?? 'wasi-conformance'), version: String(tool.version ?? '') },
    suite: {
      cases: typeof suite.cases === 'number' ? suite.cases : new Set(runs.flatMap((r) => r.results.map((x) => x.id))).size,
      syscalls: typeof suite.syscalls === 'number' ? suite.syscalls : new Set(runs.flatMap((r) => r.results.map((x) => x.syscall))).size,
    },
    runs,
  };
}

function checkRun(r: unknown, where: string, bad: (where: string, what: string) => never): Run {
  if (!isObject(r)) return bad(where, 'must be an object');
  const a = r.adapter;
  if (!isObject(a) || typeof a.name !== 'string' || a.name === '') return bad(`${where}.adapter.name`, 'must be a non-empty string');
  if (!Array.isArray(r.results)) return bad(`${where}.results`, 'must be an array');
  const results = (r.results as unknown[]).map((x, i) => checkResult(x, `${where}.results[${i}]`, bad));
  const durationMs = isObject(r.summary) && typeof r.summary.durationMs === 'number' ? r.summary.durationMs : 0;
  const summary: Summary = summarize(results, durationMs);
  return {
    adapter: {
      name: a.name,
      version: typeof a.version === 'string' ? a.version : '',
      abis: Array.isArray(a.abis) ? (a.abis.filter((x) => x === 'preview1' || x === 'unstable') as Run['adapter']['abis']) : [],
    },
    summary,
    results,
  };
}

function checkResult(x: unknown, where: string, bad: (where: string, what: string) => never): CaseResult {
  if (!isObject(x)) return bad(where, 'must be an object');
  if (typeof x.id !== 'string' || x.id === '') return bad(`${where}.id`, 'must be a non-empty string');
  if (typeof x.outcome !== 'string' || !OUTCOME_SET.has(x.outcome)) {
    return bad(`${where}.outcome`, `must be one of ${OUTCOMES.join(', ')} (got ${JSON.stringify(x.outcome ?? null)})`);
  }
  const parts = x.id.split('/');
  const syscall = typeof x.syscall === 'string' ? x.syscall : (parts[1] ?? '');
  const abi = x.abi === 'preview1' || x.abi === 'unstable' ? x.abi : (parts[0] === 'unstable' ? 'unstable' : 'preview1');
  if (x.trace != null && !Array.isArray(x.trace)) return bad(`${where}.trace`, 'must be an array or null');
  const result: CaseResult = {
    ...(x as unknown as CaseResult),
    syscall,
    abi,
    durationMs: typeof x.durationMs === 'number' ? x.durationMs : 0,
    exitCode: typeof x.exitCode === 'number' ? x.exitCode : null,
    behaviour: typeof x.behaviour === 'string' ? x.behaviour : null,
    message: typeof x.message === 'string' ? x.message : null,
    trace: Array.isArray(x.trace) ? (x.trace as CaseResult['trace']) : null,
  };
  return result;
}
