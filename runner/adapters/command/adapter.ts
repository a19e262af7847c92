/**
 * A command adapter: runs each case as a process from a command template (template.ts), with
 * the runner's capture files as its stdin/stdout/stderr, and judges traps by a rule (trap.ts).
 * Presets, `cmd:` templates and `.wasi-conformance.json` entries all become one of these.
 */
import { execFile, spawn } from 'node:child_process';
import { basename } from 'node:path';
import { ABIS, type Abi, type Sidecar } from '../../../suites/sidecar.js';
import { readCapped } from '../../sandbox.js';
import { errorText } from '../node-compatible.js';
import type { Adapter, AdapterOutput, RunContext, RunJob } from '../types.js';
import { expandTemplate, parseTemplate, type CommandTemplate } from './template.js';
import { DEFAULT_TRAP, trapOf, type TrapRule } from './trap.js';
import { findExecutable } from './which.js';

export interface CommandAdapterDef {
  name: string;
  /** The command template (see template.ts). */
  command: string;
  /** How a trap shows (default: exit code 134). */
  trap?: TrapRule;
  abis?: readonly Abi[];
  /** An environment variable that, when set, names the executable instead of the template's program (e.g. WASMTIME). */
  programEnv?: string;
  /** A fixed version string; otherwise `<program> --version` is asked once, its first line kept. */
  version?: string;
  /** Exit codes meaning "the runtime could not run the module" (→ outcome error, stderr's first line as the message). */
  errorExitCodes?: number[];
  /** Another reason the adapter is unavailable (a package missing), or null. */
  check?: () => string | null;
}

/** Quote a word for a template (single quotes, so nothing inside is special). */
export function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function askVersion(exe: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(exe, ['--version'], { timeout: 5000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const line = `${stdout}\n${stderr}`.split('\n').map((l) => l.trim()).find((l) => l !== '');
      resolve(err && !line ? `${basename(exe)} (version unknown)` : line ?? `${basename(exe)} (version unknown)`);
    });
  });
}

/** How the process ended → the adapter's output. */
function ending(def: CommandAdapterDef, rule: TrapRule, code: number | null, signal: string | null, stderr: string): Pick<AdapterOutput, 'exitCode' | 'trap' | 'error'> {
  const trap = trapOf(rule, code, signal, stderr);
  if (trap !== null) return { exitCode: null, trap };
  if (code !== null && def.errorExitCodes?.includes(code)) {
    return { exitCode: null, error: stderr.split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 300) ?? `exit code ${code}` };
  }
  if (signal !== null) return { exitCode: null, error: `the runtime was killed by ${signal}` };
  return { exitCode: code };
}

function wait(exe: string, args: string[], job: RunJob, ctx: RunContext): Promise<{ code: number | null; signal: string | null } | { error: string }> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(exe, args, {
        stdio: [job.stdio.stdin.fd, job.stdio.stdout.fd, job.stdio.stderr.fd],
        signal: ctx.signal, killSignal: 'SIGKILL',
      });
    } catch (e) {
      resolve({ error: `could not start ${exe}: ${errorText(e)}` });
      return;
    }
    child.once('error', (e) => { if ((e as { name?: string }).name !== 'AbortError') resolve({ error: `could not start ${exe}: ${errorText(e)}` }); });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

export function createCommandAdapter(def: CommandAdapterDef): Adapter {
  const t: CommandTemplate = parseTemplate(def.command);
  let exe: string | null = null;
  const locate = (): string | null => {
    const fromEnv = def.programEnv ? process.env[def.programEnv] : undefined;
    return findExecutable(fromEnv || t.program);
  };
  const adapter: Adapter = {
    name: def.name,
    version: def.version ?? `${basename(t.program)} (version not asked yet)`,
    abis: def.abis ?? ABIS,
    features: t.uses.has('dir') ? ['stdin', 'fs'] : ['stdin'],
    kind: 'command',
    async available() {
      const missing = def.check?.() ?? null;
      if (missing !== null) return missing;
      exe = locate();
      if (exe === null) {
        const fromEnv = def.programEnv ? process.env[def.programEnv] : undefined;
        if (fromEnv) return `${def.programEnv}=${fromEnv} is not an executable file`;
        return `${t.program} not found on PATH${def.programEnv ? ` (install it, or set ${def.programEnv}=/path/to/${t.program})` : ''}`;
      }
      if (def.version === undefined) adapter.version = await askVersion(exe);
      return null;
    },
    unsupported(s: Sidecar) {
      if (Object.keys(s.env).length > 0 && !t.uses.has('env')) return `the command template has no {env}, and the case sets environment variables`;
      if (s.args.length > 0 && !t.uses.has('args')) return `the command template has no {args}, and the case passes arguments`;
      return null;
    },
    async run(job, ctx) {
      exe ??= locate();
      if (exe === null) return { exitCode: null, error: `${t.program} not found`, durationMs: 0 };
      const args = expandTemplate(t, { wasm: job.wasmPath, abi: job.abi, preopens: job.preopens, env: job.env, args: job.args });
      const began = performance.now();
      const r = await wait(exe, args, job, ctx);
      const durationMs = performance.now() - began;
      if ('error' in r) return { exitCode: null, error: r.error, durationMs };
      const rule = def.trap ?? DEFAULT_TRAP;
      const needStderr = rule.stderr !== undefined || (r.code !== null && def.errorExitCodes?.includes(r.code));
      const stderr = needStderr ? (await readCapped(job.stdio.stderr.path)).text : '';
      return { ...ending(def, rule, r.code, r.signal, stderr), durationMs };
    },
  };
  return adapter;
}
