/**
 * `wasi-conformance exec <file.wasm|file.wat> [--dir host::guest] [--env K=V] -- args…`: run one
 * command module with the reference implementation, stdio inherited.
 *
 * Exit status: the module's exit code (proc_exit's, 0 when `_start` returns; the low 8 bits, as a
 * POSIX process keeps them). A trap prints `wasi-conformance: trap: <message>` and exits 134
 * (128 + SIGABRT, what wasmtime reports for a trap on Unix). Bad input — a missing file, invalid
 * WAT (`file:line:col`), invalid wasm, not a command module, imports we cannot satisfy — is one
 * line on stderr and exit 2.
 *
 * The ABI comes from the module's imports: `wasi_unstable` → unstable, otherwise preview1.
 * argv[0] is the file as given.
 */
import { readFileSync, statSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { abiForModule, type AbiName } from '../../reference/abi.js';
import { WASI } from '../../reference/index.js';
import { isTrap } from '../adapters/node-compatible.js';
import { UsageError } from '../errors.js';
import { compileWat } from '../wat.js';

interface Args { file: string; args?: (string | number)[]; dir?: string[]; env?: string[]; _: (string | number)[] }

/** Exit status for a trap. */
export const TRAP_EXIT_CODE = 134;

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/** The file's bytes, compiled from WAT when it ends in .wat. */
async function loadBinary(file: string): Promise<Uint8Array> {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : firstLine(e)}`);
  }
  return file.endsWith('.wat') ? compileWat(data.toString('utf8'), file) : new Uint8Array(data);
}

async function compileModule(file: string, binary: Uint8Array): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(binary as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new UsageError(`${file}: invalid wasm: ${firstLine(e)}`);
  }
}

/** The WASI ABI the module imports (preview1 when it imports neither). */
export function detectAbi(module: WebAssembly.Module): AbiName {
  const names = new Set(WebAssembly.Module.imports(module).map((i) => i.module));
  const abis = [...names].map((n) => abiForModule(n)?.name).filter((n): n is AbiName => n !== undefined);
  if (new Set(abis).size > 1) throw new UsageError('the module imports both wasi_unstable and wasi_snapshot_preview1');
  return abis[0] ?? 'preview1';
}

function checkCommand(file: string, module: WebAssembly.Module): void {
  const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
  if (exports.get('_start') !== 'function') throw new UsageError(`${file}: not a command module (no _start function export)`);
  if (exports.get('memory') !== 'memory') throw new UsageError(`${file}: not a WASI module (no memory export)`);
}

/** `host::guest` (or `dir`, the same path on both sides) → [guest, host]; the host side must be a directory. */
export function parseDir(spec: string): [guest: string, host: string] {
  const at = spec.indexOf('::');
  const [host, guest] = at < 0 ? [spec, spec] : [spec.slice(0, at), spec.slice(at + 2)];
  if (!host || !guest) throw new UsageError(`--dir ${spec}: expected host::guest`);
  const isDir = statSync(host, { throwIfNoEntry: false })?.isDirectory();
  if (!isDir) throw new UsageError(`--dir ${spec}: ${host} is ${isDir === false ? 'not a directory' : 'missing'}`);
  return [guest, host];
}

export function parseEnv(spec: string): [string, string] {
  const at = spec.indexOf('=');
  if (at <= 0) throw new UsageError(`--env ${spec}: expected NAME=VALUE`);
  return [spec.slice(0, at), spec.slice(at + 1)];
}

/** Run `file`; returns the exit status for the process. */
export async function execModule(file: string, opts: { args: string[]; dirs: string[]; env: string[] }): Promise<number> {
  const module = await compileModule(file, await loadBinary(file));
  checkCommand(file, module);
  let wasi: WASI;
  try {
    wasi = new WASI({
      version: detectAbi(module),
      args: [file, ...opts.args],
      env: Object.fromEntries(opts.env.map(parseEnv)),
      preopens: Object.fromEntries(opts.dirs.map(parseDir)),
    });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot set up WASI: ${firstLine(e)}`);
  }
  let instance: WebAssembly.Instance;
  try {
    instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  } catch (e) {
    throw new UsageError(`${file}: cannot instantiate: ${firstLine(e)}`);
  }
  try {
    return wasi.start(instance) & 0xff;
  } catch (e) {
    if (!isTrap(e)) throw e;
    process.stderr.write(`wasi-conformance: trap: ${firstLine(e)}\n`);
    return TRAP_EXIT_CODE;
  }
}

export const command: CommandModule<object, Args> = {
  command: 'exec <file> [args..]',
  describe: 'run one .wasm or .wat command module with the reference implementation',
  builder: (y) => y
    .positional('file', { type: 'string', demandOption: true, describe: 'a .wasm binary or .wat text module' })
    .positional('args', { type: 'string', array: true, describe: 'arguments for the module (after --)' })
    .option('dir', { type: 'string', array: true, describe: 'preopen a host directory as host::guest (repeatable)' })
    .option('env', { type: 'string', array: true, describe: 'set an environment variable NAME=VALUE (repeatable)' })
    .epilog('Exit status: the module\'s exit code; 134 on a trap; 2 for bad input.') as never,
  handler: async (a) => {
    process.exitCode = await execModule(a.file, {
      // Words after `--` land in `_` after the command name; the others in the `args` positional.
      args: [...(a.args ?? []), ...a._.slice(1)].map(String),
      dirs: a.dir ?? [],
      env: a.env ?? [],
    });
  },
};
