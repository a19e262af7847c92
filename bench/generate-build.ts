/**
 * generate + build for the whole suite through the CLI, as `make report` does them: cold (into an
 * empty output directory and an empty wasm cache) and then warm (same directories: nothing to
 * write, everything cached). Each step is timed from spawn to exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../runner/paths.js';

const CLI = join(PACKAGE_ROOT, 'bin', 'wasi-conformance.js');

function step(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd: PACKAGE_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(performance.now() - began) : reject(new Error(`${args[0]} exited with ${code}`))));
  });
}

export interface GenerateBuild { generateMs: number; buildMs: number; totalMs: number }

export async function benchGenerateBuild(): Promise<{ cold: GenerateBuild; warm: GenerateBuild }> {
  const dir = mkdtempSync(join(tmpdir(), 'wasi-conformance-bench-'));
  const once = async (): Promise<GenerateBuild> => {
    const generateMs = await step(['generate', '--out', join(dir, 'wat')]);
    const buildMs = await step(['build', '--wat', join(dir, 'wat'), '--cache', join(dir, 'cache')]);
    return { generateMs, buildMs, totalMs: generateMs + buildMs };
  };
  try {
    const cold = await once();
    const warm = await once();
    return { cold, warm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
