/**
 * `export --format wasi-testsuite OUT`: our fixtures as wasi-testsuite tests (format.ts), for
 * harnesses that speak that format. Layout: one test suite directory per `<abi>/<syscall>`,
 *
 *   OUT/<abi>/<syscall>/manifest.json          { "name": "wasi-conformance <abi> <syscall>" }
 *   OUT/<abi>/<syscall>/<case>.wasm, <case>.json
 *   OUT/<abi>/<syscall>/<case>.dir/            the preopen's tree (<case>.<i>.dir with several)
 *
 * What the format cannot say is left out, and counted: cases that expect a trap or read stdin
 * are not exported; accepted alternatives, `fs_after` and the canary are dropped (the exported
 * spec is the primary expectation). A preopen's guest name becomes its directory's name.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from '../fixtures.js';
import { writeTree } from '../sandbox.js';
import type { TestsuiteSpec } from './format.js';

export interface ExportSummary {
  written: number;
  /** Reason → how many cases were not exported for it. */
  skipped: Map<string, number>;
  /** How many exported cases lost accepted alternatives / fs_after / the canary. */
  lossy: { accept: number; fsAfter: number; outside: number };
}

/** Why a fixture cannot be expressed in the format, or null. */
export function unexportable(f: Fixture): string | null {
  const s = f.sidecar;
  if ('trap' in s.expect) return 'expects a trap (the format has only exit codes)';
  if ((s.requires ?? []).includes('stdin') || s.stdin !== '') return 'reads stdin (the format has none)';
  if ((s.requires ?? []).some((r) => r !== 'stdin' && r !== 'fs')) return `requires ${s.requires!.join(', ')}`;
  return null;
}

function dirNames(name: string, count: number): string[] {
  return count === 1 ? [`${name}.dir`] : Array.from({ length: count }, (_, i) => `${name}.${i}.dir`);
}

/** Write the fixtures under `out` (which must be empty or absent); `wasm` maps ids to compiled modules. */
export async function exportTestsuite(fixtures: readonly Fixture[], wasm: ReadonlyMap<string, string>, out: string): Promise<ExportSummary> {
  const summary: ExportSummary = { written: 0, skipped: new Map(), lossy: { accept: 0, fsAfter: 0, outside: 0 } };
  const skip = (why: string) => summary.skipped.set(why, (summary.skipped.get(why) ?? 0) + 1);
  const suites = new Set<string>();
  for (const f of fixtures) {
    const s = f.sidecar;
    const why = unexportable(f) ?? (wasm.has(s.id) ? null : 'did not compile');
    if (why !== null) { skip(why); continue; }
    const dir = join(out, s.abi, s.syscall);
    if (!suites.has(dir)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({ name: `wasi-conformance ${s.abi} ${s.syscall}` }, null, 2)}\n`);
      suites.add(dir);
    }
    const name = s.id.split('/').pop()!;
    const dirs = dirNames(name, s.preopens.length);
    for (const [i, p] of s.preopens.entries()) {
      mkdirSync(join(dir, dirs[i]!));
      writeTree(join(dir, dirs[i]!), p.tree);
    }
    const expect = s.expect as { exit_code: number; stdout?: string };
    const spec: TestsuiteSpec = { args: s.args, env: s.env, dirs, exit_code: expect.exit_code, ...(expect.stdout !== undefined ? { stdout: expect.stdout } : {}) };
    copyFileSync(wasm.get(s.id)!, join(dir, `${name}.wasm`));
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(spec, null, 2)}\n`);
    summary.written++;
    if (s.accept?.length) summary.lossy.accept++;
    if (s.fs_after) summary.lossy.fsAfter++;
    if (s.outside) summary.lossy.outside++;
  }
  return summary;
}
