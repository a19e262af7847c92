/**
 * `npm run bench` (builds, then `node dist/bench/index.js [section…] [--json FILE]`): every figure
 * of docs' Performance section, measured in this run, with its target. Sections (all by default):
 *
 *   throughput  the whole suite on the reference, workers as processes and as threads, against
 *               one node process per case (sampled, extrapolated); peak RSS of the runs
 *   build       generate + build of the whole suite, cold and warm
 *   syscalls    the reference against node:wasi, per syscall, in this process
 *
 * Timings depend on the machine and on what else runs on it: compare the ratios, which are
 * measured side by side. Profile a section with `node --cpu-prof dist/bench/index.js syscalls`.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { benchGenerateBuild } from './generate-build.js';
import { benchSyscalls } from './syscalls.js';
import { DEFAULT_JOBS, runPerProcess, runSuite } from './throughput.js';

const SECTIONS = ['throughput', 'build', 'syscalls'] as const;
type Section = typeof SECTIONS[number];

/** Cases run one process each, spread over the suite. */
const PER_PROCESS_SAMPLE = 40;

const TARGETS = {
  casesPerSecond: 500, perProcessRatio: 20, peakRssMB: 500, coldBuildS: 20, warmBuildS: 2, syscallRatio: 1.5,
} as const;

const out = (line = '') => process.stdout.write(`${line}\n`);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

function parseArgs(argv: string[]): { sections: Section[]; json?: string } {
  const sections: Section[] = [];
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = argv[++i];
    else if ((SECTIONS as readonly string[]).includes(a)) sections.push(a as Section);
    else {
      process.stderr.write(`bench: unknown argument "${a}"; sections: ${SECTIONS.join(', ')}; --json FILE\n`);
      process.exit(2);
    }
  }
  return { sections: sections.length > 0 ? sections : [...SECTIONS], json };
}

async function throughput(figures: Record<string, unknown>): Promise<void> {
  out(`runner throughput: the whole suite on the reference adapter, --jobs ${DEFAULT_JOBS}`);
  const processes = await runSuite('process', DEFAULT_JOBS);
  const threads = await runSuite('thread', DEFAULT_JOBS);
  for (const r of [processes, threads]) {
    const label = r.isolation === 'process' ? 'workers as processes (default)' : 'workers as threads           ';
    out(`  ${label}: ${r.cases} cases in ${s(r.wallMs)} from start to exit → ${Math.round(r.cases / (r.wallMs / 1000))} cases/s`
      + ` (run alone ${s(r.sessionMs)} → ${Math.round(r.cases / (r.sessionMs / 1000))} cases/s)`);
  }
  const perProcess = await runPerProcess(PER_PROCESS_SAMPLE, DEFAULT_JOBS);
  out(`  one node process per case: ${perProcess.sampled} cases sampled evenly, ${DEFAULT_JOBS} at a time, in ${s(perProcess.wallMs)}`
    + ` → ${perProcess.casesPerSecond.toFixed(1)} cases/s; extrapolated to ${perProcess.cases} cases: ${s(perProcess.extrapolatedMs)}`);
  // CPU time does not depend on what else runs on the machine as much as wall time does
  for (const r of [processes, threads]) {
    if (r.cpuMs === null) continue;
    out(`  CPU time, workers as ${r.isolation === 'process' ? 'processes' : 'threads  '}: ${s(r.cpuMs)} → ${Math.round(r.cases / (r.cpuMs / 1000))} cases per CPU-second`
      + ` (with ${availableParallelism()} idle CPUs at most ${Math.round((availableParallelism() * r.cases) / (r.cpuMs / 1000))} cases/s)`);
  }
  if (perProcess.cpuMs !== null) {
    out(`  CPU time, process per case: ${(perProcess.cpuMs / perProcess.sampled).toFixed(0)} ms a case → ${(perProcess.sampled / (perProcess.cpuMs / 1000)).toFixed(1)} cases per CPU-second`);
  }
  const best = Math.max(processes.cases / (processes.wallMs / 1000), threads.cases / (threads.wallMs / 1000));
  const defaultRate = processes.cases / (processes.wallMs / 1000);
  const ratio = defaultRate / perProcess.casesPerSecond;
  out(`  default runner vs process per case: ${ratio.toFixed(0)}× (target ≥ ${TARGETS.perProcessRatio}×: ${mark(ratio >= TARGETS.perProcessRatio)})`);
  out(`  cases/s, start to exit, default: ${Math.round(defaultRate)}, best: ${Math.round(best)} (target ≥ ${TARGETS.casesPerSecond}: ${mark(defaultRate >= TARGETS.casesPerSecond)})`);
  out();
  out('peak memory (RSS of the CLI and its worker processes, summed, sampled every 25 ms)');
  for (const r of [processes, threads]) {
    if (r.peakRssBytes === null) { out('  not measured (needs /proc)'); continue; }
    out(`  ${r.isolation === 'process' ? 'workers as processes' : 'workers as threads  '}: ${mb(r.peakRssBytes)} MB (target ≤ ${TARGETS.peakRssMB} MB: ${mark(mb(r.peakRssBytes) <= TARGETS.peakRssMB)})`);
  }
  out();
  Object.assign(figures, { throughput: { processes, threads, perProcess, ratio } });
}

async function build(figures: Record<string, unknown>): Promise<void> {
  out('generate + build, whole suite (CLI, start to exit)');
  const { cold, warm } = await benchGenerateBuild();
  out(`  cold (empty output and cache): ${s(cold.totalMs)} = generate ${s(cold.generateMs)} + build ${s(cold.buildMs)}`
    + ` (target ≤ ${TARGETS.coldBuildS} s: ${mark(cold.totalMs <= TARGETS.coldBuildS * 1000)})`);
  out(`  warm (nothing changed):        ${s(warm.totalMs)} = generate ${s(warm.generateMs)} + build ${s(warm.buildMs)}`
    + ` (target ≤ ${TARGETS.warmBuildS} s: ${mark(warm.totalMs <= TARGETS.warmBuildS * 1000)})`);
  out();
  Object.assign(figures, { build: { cold, warm } });
}

async function syscalls(figures: Record<string, unknown>): Promise<void> {
  out('reference vs node:wasi, per syscall (same module and directory, loop inside wasm, best of 5 runs each)');
  const rows = await benchSyscalls();
  const w = Math.max(...rows.map((r) => r.name.length));
  out(`  ${'scenario'.padEnd(w)}  ${'reference'.padStart(11)}  ${'node:wasi'.padStart(11)}  ratio`);
  for (const r of rows) {
    const per = r.per === 'call' ? '' : ` per ${r.per}`;
    out(`  ${r.name.padEnd(w)}  ${`${(r.referenceNs / 1000).toFixed(2)} µs`.padStart(11)}  ${`${(r.nodeNs / 1000).toFixed(2)} µs`.padStart(11)}  ${r.ratio.toFixed(2)}×${per}`
      + `${r.ratio > TARGETS.syscallRatio ? '  (over the 1.5× target)' : ''}`);
  }
  out();
  Object.assign(figures, { syscalls: rows });
}

const { sections, json } = parseArgs(process.argv.slice(2));
const [l1, l5, l15] = loadavg().map((x) => x.toFixed(1));
out(`wasi-conformance benchmarks: node ${process.version}, ${availableParallelism()} CPUs, load average ${l1} / ${l5} / ${l15} at start`);
out();
const figures: Record<string, unknown> = { node: process.version, cpus: availableParallelism(), loadavg: loadavg() };
const run: Record<Section, (f: Record<string, unknown>) => Promise<void>> = { throughput, build, syscalls };
for (const section of sections) await run[section](figures);
if (json) writeFileSync(json, `${JSON.stringify(figures, null, 2)}\n`);
