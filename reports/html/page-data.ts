/**
 * The data embedded in index.html: the report joined with the fixtures (description, spec
 * link, WAT, expect/accept) and the syscall docs, in a compact shape. Repeated strings
 * (stdout, stderr, messages, trace calls) go through one string pool, so ten adapters
 * printing the same `errno=8` cost one copy.
 *
 * The browser code (view-*.ts, app.ts) reads only this; the types here are its contract.
 */
import type { Alternative, Tree } from '../../suites/sidecar.js';
import type { Outcome, Report, TraceCall } from '../model.js';
import { OUTCOMES, OUTCOME_MEANING } from '../model.js';
import { FAMILIES, SYSCALL_DOCS, familyOf, specUrl } from '../syscall-docs.js';
import { ERRNO_NAMES } from '../errno.js';
import type { CaseInfo } from '../case-info.js';
import { specLink } from '../case-info.js';
import { clip, TEXT_CAP } from '../text.js';

export interface SyscallEntry {
  name: string;
  family: string;
  /** One-line summary of what the spec says; '' for a call the docs table lacks. */
  summary: string;
  signature: string;
  posix: string | null;
  url: string;
}

export interface AdapterEntry { name: string; version: string; abis: string[]; durationMs: number }

export interface ExpectEntry { exit_code?: number; stdout?: string; trap?: boolean }

export interface CaseEntry {
  id: string;
  /** Index into PageData.syscalls. */
  s: number;
  abi: string;
  /** Description; '' when the sidecar is unavailable. */
  d: string;
  tags: string[];
  spec: string | null;
  url: string;
  quote: string | null;
  /** WAT source as string-pool indexes, one per line (fixtures share most lines); null when unavailable. */
  wat: number[] | null;
  expect: ExpectEntry | null;
  accept: Alternative[];
  fsAfter: Tree | null;
  /** Why fixture details are missing ('' when they are present). */
  missing: string;
}

/**
 * One adapter's result for one case. Numbers are indexes into PageData.strings (-1: none);
 * `tr` is the trace flattened as [callIndex, errno (-1: none), …] with calls pooled as
 * `name(jsonArgs)` strings.
 */
export interface ResultEntry {
  o: number;
  x: number | null;
  trap?: 1;
  esc?: 1;
  ms: number;
  b?: number;
  m?: number;
  so?: number;
  se?: number;
  fd?: number[];
  tr?: number[];
}

export interface PageData {
  title: string;
  generatedAt: string;
  tool: { name: string; version: string };
  outcomes: Outcome[];
  outcomeMeaning: Record<string, string>;
  families: string[];
  errnos: readonly string[];
  /** Core-wasm parameter names per syscall, for printing trace calls. */
  params: Record<string, readonly string[]>;
  strings: string[];
  syscalls: SyscallEntry[];
  adapters: AdapterEntry[];
  /** Index of the adapter whose traces others are compared with (`reference`), or -1. */
  reference: number;
  cases: CaseEntry[];
  /** results[adapter][case]; 0 where the adapter has no result for the case. */
  results: (ResultEntry | 0)[][];
}

export const REFERENCE_ADAPTER = 'reference';

class StringPool {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  add(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

function traceEntry(pool: StringPool, trace: readonly TraceCall[]): number[] {
  const out: number[] = [];
  for (const call of trace) {
    const name = typeof call?.name === 'string' ? call.name : '?';
    const args = Array.isArray(call?.args) ? call.args : [];
    out.push(pool.add(`${name}(${JSON.stringify(args)})`), typeof call?.errno === 'number' ? call.errno : -1);
  }
  return out;
}

function syscallOrder(a: string, b: string): number {
  const fa = FAMILIES.indexOf(familyOf(a) as typeof FAMILIES[number]);
  const fb = FAMILIES.indexOf(familyOf(b) as typeof FAMILIES[number]);
  const ka = fa < 0 ? FAMILIES.length : fa;
  const kb = fb < 0 ? FAMILIES.length : fb;
  return ka - kb || (a < b ? -1 : a > b ? 1 : 0);
}

function expectEntry(info: CaseInfo): ExpectEntry | null {
  const e = info.sidecar?.expect;
  if (!e || typeof e !== 'object') return null;
  if ('trap' in e && e.trap) return { trap: true };
  const out: ExpectEntry = {};
  if ('exit_code' in e && typeof e.exit_code === 'number') out.exit_code = e.exit_code;
  if ('stdout' in e && typeof e.stdout === 'string') out.stdout = e.stdout;
  return out;
}

export function buildPageData(report: Report, infos: ReadonlyMap<string, CaseInfo>, title: string): PageData {
  const pool = new StringPool();
  const outcomeIndex = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));

  // Every case any run has, in (family, syscall, id) order.
  const caseSyscall = new Map<string, { syscall: string; abi: string }>();
  for (const run of report.runs) {
    for (const r of run.results) if (!caseSyscall.has(r.id)) caseSyscall.set(r.id, { syscall: r.syscall, abi: r.abi });
  }
  const ids = [...caseSyscall.keys()].sort((a, b) =>
    syscallOrder(caseSyscall.get(a)!.syscall, caseSyscall.get(b)!.syscall) || (a < b ? -1 : a > b ? 1 : 0));
  const syscallNames = [...new Set(ids.map((id) => caseSyscall.get(id)!.syscall))];
  const syscallIndex = new Map(syscallNames.map((s, i) => [s, i]));

  const syscalls: SyscallEntry[] = syscallNames.map((name) => {
    const doc = SYSCALL_DOCS.get(name);
    return {
      name,
      family: familyOf(name),
      summary: doc?.summary ?? '',
      signature: doc?.signature ?? name,
      posix: doc?.posix ?? null,
      url: specUrl('preview1', name),
    };
  });

  const cases: CaseEntry[] = ids.map((id) => {
    const { syscall, abi } = caseSyscall.get(id)!;
    const info = infos.get(id);
    const sc = info?.sidecar ?? null;
    return {
      id,
      s: syscallIndex.get(syscall)!,
      abi,
      d: typeof sc?.description === 'string' ? sc.description : '',
      tags: Array.isArray(sc?.tags) ? sc!.tags.filter((t): t is string => typeof t === 'string') : [],
      spec: typeof sc?.spec === 'string' ? sc.spec : null,
      url: specLink(sc?.spec, abi === 'unstable' ? 'unstable' : 'preview1', syscall),
      quote: typeof sc?.quote === 'string' ? sc.quote : null,
      wat: typeof info?.wat === 'string' ? info.wat.split('\n').map((line) => pool.add(line)) : null,
      expect: info ? expectEntry(info) : null,
      accept: Array.isArray(sc?.accept) ? sc!.accept : [],
      fsAfter: sc?.fs_after && typeof sc.fs_after === 'object' ? sc.fs_after : null,
      missing: info?.problem ?? 'fixture files not found',
    };
  });
  const caseIndex = new Map(ids.map((id, i) => [id, i]));

  const adapters: AdapterEntry[] = report.runs.map((run) => ({
    name: run.adapter.name,
    version: run.adapter.version,
    abis: [...run.adapter.abis],
    durationMs: run.summary.durationMs,
  }));

  const results = report.runs.map((run) => {
    const row: (ResultEntry | 0)[] = new Array<ResultEntry | 0>(cases.length).fill(0);
    for (const r of run.results) {
      const e: ResultEntry = { o: outcomeIndex.get(r.outcome)!, x: r.exitCode, ms: Math.round(r.durationMs * 100) / 100 };
      if (r.trap) e.trap = 1;
      if (r.sandboxEscape) e.esc = 1;
      if (r.behaviour) e.b = pool.add(r.behaviour);
      if (r.message) e.m = pool.add(clip(r.message, TEXT_CAP));
      if (typeof r.stdout === 'string' && r.stdout !== '') e.so = pool.add(clip(r.stdout, TEXT_CAP));
      if (typeof r.stderr === 'string' && r.stderr !== '') e.se = pool.add(clip(r.stderr, TEXT_CAP));
      if (Array.isArray(r.fsDiff) && r.fsDiff.length > 0) e.fd = r.fsDiff.map((l) => pool.add(String(l)));
      if (Array.isArray(r.trace)) e.tr = traceEntry(pool, r.trace);
      row[caseIndex.get(r.id)!] = e;
    }
    return row;
  });

  const params: Record<string, readonly string[]> = {};
  for (const [name, doc] of SYSCALL_DOCS) params[name] = doc.params;

  return {
    title,
    generatedAt: report.generatedAt,
    tool: report.tool,
    outcomes: [...OUTCOMES],
    outcomeMeaning: { ...OUTCOME_MEANING },
    families: [...FAMILIES],
    errnos: ERRNO_NAMES,
    params,
    strings: pool.strings,
    syscalls,
    adapters,
    reference: adapters.findIndex((a) => a.name === REFERENCE_ADAPTER),
    cases,
    results,
  };
}
