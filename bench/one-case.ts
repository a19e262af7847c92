/**
 * One case in a process of its own — the usual way a harness runs a test suite (one runtime
 * process per test), for bench/throughput.ts to compare the runner with:
 *
 *   node dist/bench/one-case.js <sidecar.json> <compiled.wasm>
 *
 * It does what the runner does for a case (sandbox, the reference adapter, judging, clean-up),
 * without a worker pool: the adapter runs in this process. Prints the outcome.
 */
import { readFileSync } from 'node:fs';
import { adapter } from '../runner/adapters/reference.js';
import { executeCase } from '../runner/execute.js';
import type { Fixture } from '../runner/fixtures.js';
import type { WorkerPool } from '../runner/pool.js';
import type { Sidecar } from '../suites/sidecar.js';

const [jsonPath, wasmPath] = process.argv.slice(2);
if (!jsonPath || !wasmPath) {
  process.stderr.write('usage: one-case.js <sidecar.json> <compiled.wasm>\n');
  process.exit(2);
}
const fixture: Fixture = { sidecar: JSON.parse(readFileSync(jsonPath, 'utf8')) as Sidecar, jsonPath, watPath: jsonPath.replace(/\.json$/, '.wat') };

/** Stands in for the worker pool: runs the adapter right here. */
const inline = {
  isolation: 'thread',
  async run(_spec: string, job: Parameters<typeof adapter.run>[0]) {
    const module = new WebAssembly.Module(readFileSync(job.wasmPath));
    return { kind: 'done', output: await adapter.run(job, { module, signal: new AbortController().signal }) };
  },
} as unknown as WorkerPool;

const result = await executeCase(fixture, wasmPath, { spec: 'reference', adapter }, { pool: inline, timeoutMs: 10_000, trace: true });
process.stdout.write(`${result.outcome}\n`);
