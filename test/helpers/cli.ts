/**
 * The built command line (bin/wasi-conformance.js → dist/; `make test` builds first), run the way
 * a user runs it: a separate node process, stdout and stderr captured, CI=1 (no progress bar).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'wasi-conformance.js');

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Throws unless dist/ holds the built CLI. */
export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist', 'runner', 'cli.js'))) throw new Error('build first: npm run build (make test does)');
}

export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CI: '1', ...extra };
}

/** Run the CLI to completion. */
export function cli(args: readonly string[], opts: { env?: Record<string, string>; cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env: cliEnv(opts.env), timeout: 120_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Start the CLI without waiting (to signal it midway). */
export function startCli(args: readonly string[], opts: { env?: Record<string, string> } = {}): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: cliEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Wait for a started CLI to end; its output collected. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

/** Run the CLI to completion without blocking (several can run at once). */
export function cliAsync(args: readonly string[], opts: { env?: Record<string, string> } = {}): Promise<CliResult> {
  return finished(startCli(args, opts));
}

/** `f` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, f: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
