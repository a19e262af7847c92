/**
 * Synthetic reports for the report tools' tests and size/speed measurements: N cases × M
 * adapters, every outcome present, traces that diverge from the reference's, accepted
 * alternatives, fs diffs, a sandbox escape, and hostile text (markup, control bytes, lone
 * surrogates) — plus matching fixture files (sidecar + WAT) to write into a wat/ directory.
 * Deterministic for a given seed. The data is made up; only its shape matters.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sidecar } from '../../suites/sidecar.js';
import type { CaseResult, Outcome, Report, Run, TraceCall } from '../../reports/model.js';
import { OUTCOMES, REPORT_SCHEMA, summarize } from '../../reports/model.js';
import { SYSCALL_DOCS } from '../../reports/syscall-docs.js';

export interface SyntheticOptions {
  cases: number;
  adapters: number;
  seed?: number;
  /** Every n-th case has no fixture files (to exercise "unavailable"); 0 = never. */
  missingFixtureEvery?: number;
}

export interface Fixture { sidecar: Sidecar; wat: string }
export interface Synthetic { report: Report; fixtures: Map<string, Fixture> }

export const HOSTILE_TEXT = 'a<b>&"c\'</script><!-- \u0001\u001b[31m \uD800 ]]> \u2028 end';
export const ALT_LABEL = 'EPERM for sandbox escape (wasmtime, wazero)';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = ['basic', 'errno', 'sandbox', 'security', 'boundary', 'pointer', 'rights', 'symlink'];

function watFor(id: string, syscall: string, module: string): string {
  const lines = [
    `;; GENERATED (synthetic) ${id}`,
    `;; spec: docs.md#${syscall}`,
    '(module',
    `  (import "${module}" "${syscall}" (func $${syscall} (param i32 i32 i32 i32) (result i32)))`,
    `  (import "${module}" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))`,
    `  (import "${module}" "proc_exit" (func $proc_exit (param i32)))`,
    '  (memory (export "memory") 1)',
    '  (data (i32.const 1024) "errno=")',
    '  (data (i32.const 1100) "assert 1: errno expected 0 got ")',
  ];
  for (let i = 0; i < 12; i++) {
    lines.push(`  ;; step ${i}: check one more field of the result`,
      `  (func $check_${i} (param $v i32) (result i32)`,
      `    (if (i32.ne (local.get $v) (i32.const ${i})) (then (call $proc_exit (i32.const ${i + 2}))))`,
      '    (local.get $v))');
  }
  lines.push('  (func (export "_start")', `    (drop (call $${syscall} (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 2048))))`, ')');
  return `${lines.join('\n')}\n`;
}

function call(name: string, args: (number | string)[], errno: number | null): TraceCall {
  return { name, args, errno };
}

function referenceTrace(syscall: string, k: number): TraceCall[] {
  const params = SYSCALL_DOCS.get(syscall)?.params.length ?? 2;
  const args = Array.from({ length: params }, (_, i) => (i === 0 ? 3 : 1024 + 16 * i + (k % 7)));
  return [
    call('fd_prestat_get', [3, 64], 0),
    call('fd_prestat_dir_name', [3, 128, 8], 0),
    call('fd_prestat_get', [4, 64], 8),
    call(syscall, args, 0),
    call('fd_write', [1, 16, 1, 24], 0),
    call('fd_write', [1, 16, 1, 24], 0),
    call('proc_exit', [0], null),
  ];
}

/** The outcome of adapter `a` (0 = reference) on case `k`; every outcome occurs early on. */
function outcomeFor(a: number, k: number, rand: () => number): Outcome {
  if (a === 0) return k % 97 === 5 ? 'accepted' : 'pass';
  if (a === 1 && k < OUTCOMES.length) return OUTCOMES[k]!;
  const x = rand();
  if (x < 0.62) return 'pass';
  if (x < 0.72) return 'accepted';
  if (x < 0.84) return 'fail';
  if (x < 0.87) return 'error';
  if (x < 0.89) return 'timeout';
  if (x < 0.95) return 'skip';
  if (x < 0.98) return 'xfail';
  return 'xpass';
}

function result(id: string, syscall: string, abi: Sidecar['abi'], outcome: Outcome, k: number, a: number, rand: () => number): CaseResult {
  const base: CaseResult = {
    id, syscall, abi, outcome, durationMs: Math.round(rand() * 300) / 100, exitCode: 0, behaviour: null, message: null,
    stdout: 'errno=0\n', stderr: '', trace: referenceTrace(syscall, k),
  };
  const failing = (r: CaseResult): CaseResult => {
    const trace = referenceTrace(syscall, k);
    trace[3] = { ...trace[3]!, errno: 8 };
    trace.splice(5);
    trace.push(call('fd_write', [2, 16, 1, 24], 0), call('proc_exit', [3], null));
    return { ...r, exitCode: 3, stdout: 'errno=8\n', stderr: 'assert 3: errno expected 0 got 8\n', message: 'assert 3: errno expected 0 got 8', trace };
  };
  switch (outcome) {
    case 'pass':
    case 'xpass':
      return base;
    case 'accepted':
      return { ...base, stdout: 'errno=63\n', behaviour: ALT_LABEL, trace: base.trace!.map((c, i) => (i === 3 ? { ...c, errno: 63 } : c)) };
    case 'fail': {
      const r = failing(base);
      if (k % 11 === 3) return { ...r, fsDiff: ['a.txt: expected "hello" got "hellx"', 'sub/new.txt: unexpected file'] };
      if (k % 13 === 4) return { ...r, sandboxEscape: true, message: 'sandbox escape: canary outside the sandbox changed' };
      if (k % 17 === 2) return { ...r, stdout: `${HOSTILE_TEXT}\n`, stderr: HOSTILE_TEXT, message: `bad output ${HOSTILE_TEXT}` };
      return r;
    }
    case 'xfail':
      return failing(base);
    case 'error':
      return { ...base, exitCode: null, stdout: '', trace: null, message: `instantiate failed: unknown import ${abi === 'unstable' ? 'wasi_unstable' : 'wasi_snapshot_preview1'}.${syscall}` };
    case 'timeout':
      return { ...base, exitCode: null, stdout: '', trace: base.trace!.slice(0, 3), message: 'timed out after 5000 ms' };
    case 'skip':
      return { ...base, exitCode: null, stdout: '', trace: null, message: a % 2 ? `adapter lacks the ${abi} ABI` : 'adapter lacks feature stdin', durationMs: 0 };
  }
}

export function makeSyntheticReport(options: SyntheticOptions): Synthetic {
  const rand = prng(options.seed ?? 1);
  const syscalls = [...SYSCALL_DOCS.keys()];
  const fixtures = new Map<string, Fixture>();
  const cases: { id: string; syscall: string; abi: Sidecar['abi']; k: number }[] = [];
  for (let k = 0; k < options.cases; k++) {
    const syscall = syscalls[k % syscalls.length]!;
    const abi: Sidecar['abi'] = k % 3 === 2 && syscall !== 'sock_accept' ? 'unstable' : 'preview1';
    const id = `${abi}/${syscall}/case-${String(k).padStart(4, '0')}`;
    cases.push({ id, syscall, abi, k });
    if (options.missingFixtureEvery && k % options.missingFixtureEvery === options.missingFixtureEvery - 1) continue;
    const sidecar: Sidecar = {
      id, syscall, abi,
      description: `${syscall} case ${k}: the call reports ${k % 2 ? 'badf for a closed fd' : 'success and writes its result'}`,
      spec: `${syscall}; docs.md#${syscall}`,
      quote: SYSCALL_DOCS.get(syscall)?.summary,
      tags: [TAGS[k % TAGS.length]!, ...(k % 5 === 0 ? ['sandbox'] : [])].filter((t, i, all) => all.indexOf(t) === i),
      args: [], env: {}, stdin: '',
      preopens: [{ guest: '/sandbox', tree: { 'a.txt': 'hello', sub: {} } }],
      outside: { 'canary.txt': 'do not touch' },
      expect: { exit_code: 0, stdout: 'errno=0\n' },
      accept: [{ behaviour: ALT_LABEL, stdout: 'errno=63\n' }],
      ...(k % 11 === 3 ? { fs_after: { 'a.txt': 'hello', sub: {} } } : {}),
    };
    fixtures.set(id, { sidecar, wat: watFor(id, syscall, abi === 'unstable' ? 'wasi_unstable' : 'wasi_snapshot_preview1') });
  }
  const runs: Run[] = [];
  for (let a = 0; a < options.adapters; a++) {
    const name = a === 0 ? 'reference' : `adapter-${a}`;
    const results = cases.map(({ id, syscall, abi, k }) => result(id, syscall, abi, outcomeFor(a, k, rand), k, a, rand));
    const durationMs = Math.round(results.reduce((s, r) => s + r.durationMs, 0));
    runs.push({ adapter: { name, version: `${a}.0.0`, abis: ['preview1', 'unstable'] }, summary: summarize(results, durationMs), results });
  }
  const report: Report = {
    schema: REPORT_SCHEMA,
    generatedAt: '2025-01-02T03:04:05.678Z',
    tool: { name: 'wasi-conformance', version: '0.1.0' },
    suite: { cases: cases.length, syscalls: new Set(cases.map((c) => c.syscall)).size },
    runs,
  };
  return { report, fixtures };
}

/** Write fixtures as `<dir>/<id>.json` + `<dir>/<id>.wat`. */
export function writeFixtures(dir: string, fixtures: ReadonlyMap<string, Fixture>): void {
  for (const [id, f] of fixtures) {
    const base = join(dir, id);
    mkdirSync(dirname(base), { recursive: true });
    writeFileSync(`${base}.json`, `${JSON.stringify(f.sidecar, null, 2)}\n`);
    writeFileSync(`${base}.wat`, f.wat);
  }
}
