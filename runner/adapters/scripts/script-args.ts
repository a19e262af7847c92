/**
 * The command line of our runner scripts (node-wasi-run.ts, preview2-run.ts), which command
 * adapters start once per case:
 *
 *   <script> [--dir HOST::GUEST]… [--env NAME=VALUE]… [--abi preview1|unstable] WASM [--] [ARGS…]
 *
 * Kept free of the CLI's imports: a case process must start fast. Problems print one line
 * and exit 2; a trap prints `wasm trap: <message>` and exits 134 (TRAP_EXIT).
 */
import { basename } from 'node:path';

export const TRAP_EXIT = 134;
/** The script could not run the module (bad module, the implementation threw). */
export const ERROR_EXIT = 70;

export interface ScriptArgs {
  wasm: string;
  /** argv for the guest: the module's file name, then ARGS. */
  argv: string[];
  env: Record<string, string>;
  /** guest name → host directory, in the order given. */
  preopens: [guest: string, host: string][];
  abi: 'preview1' | 'unstable' | null;
}

export function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

export function parseScriptArgs(argv: readonly string[]): ScriptArgs {
  const out: Omit<ScriptArgs, 'wasm' | 'argv'> = { env: {}, preopens: [], abi: null };
  let wasm: string | undefined;
  let i = 0;
  const value = (flag: string) => (i + 1 < argv.length ? argv[++i]! : fail(2, `${flag} needs a value`));
  for (; i < argv.length && wasm === undefined; i++) {
    const a = argv[i]!;
    if (a === '--') { wasm = argv[++i]; continue; }
    if (a === '--dir') {
      const spec = value(a), at = spec.indexOf('::');
      if (at <= 0 || at + 2 >= spec.length) fail(2, `--dir ${spec}: expected HOST::GUEST`);
      out.preopens.push([spec.slice(at + 2), spec.slice(0, at)]);
    } else if (a === '--env') {
      const spec = value(a), at = spec.indexOf('=');
      if (at <= 0) fail(2, `--env ${spec}: expected NAME=VALUE`);
      out.env[spec.slice(0, at)] = spec.slice(at + 1);
    } else if (a === '--abi') {
      const abi = value(a);
      if (abi !== 'preview1' && abi !== 'unstable') fail(2, `--abi must be preview1 or unstable, got ${abi}`);
      out.abi = abi;
    } else if (a.startsWith('-')) fail(2, `unknown option ${a}`);
    else wasm = a;
  }
  if (wasm === undefined) fail(2, 'usage: <script> [--dir HOST::GUEST]… [--env NAME=VALUE]… [--abi ABI] WASM [--] [ARGS…]');
  if (argv[i] === '--') i++; // everything after WASM (and an optional --) is the guest's
  return { ...out, wasm, argv: [basename(wasm), ...argv.slice(i)] };
}

/** The ABI a module imports: wasi_unstable → unstable, else preview1. */
export function moduleAbi(module: WebAssembly.Module): 'preview1' | 'unstable' {
  return WebAssembly.Module.imports(module).some((imp) => imp.module === 'wasi_unstable') ? 'unstable' : 'preview1';
}

/** A wasm trap (or stack exhaustion), as opposed to a JS error of the implementation. */
export function isTrapError(e: unknown): e is Error {
  return e instanceof WebAssembly.RuntimeError || (e instanceof RangeError && /call stack size/i.test(e.message));
}

export function firstLine(e: unknown): string {
  return (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n')[0]!;
}
