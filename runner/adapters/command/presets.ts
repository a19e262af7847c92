/**
 * Command adapters built in: runtimes found on PATH (or through an environment variable naming
 * the executable), and our own node scripts. Flags are from each runtime's documented CLI;
 * trap rules from their documented behaviour (wasmtime and WasmEdge exit 134 on a trap; wasmer,
 * iwasm and wazero exit 1 with a message). A runtime whose CLI differs in the version you have
 * can be redeclared in .wasi-conformance.json under the same name.
 */
import { fileURLToPath } from 'node:url';
import { distModule } from '../../paths.js';
import { JCO_PACKAGE } from '../jco-component.js';
import { packageLabel, packageMissing } from '../package-info.js';
import { quoteWord, type CommandAdapterDef } from './adapter.js';

const PREVIEW2_SHIM = '@bytecodealliance/preview2-shim';
/** What our scripts print and how they exit (scripts/script-args.ts). */
const SCRIPT_TRAP = { exitCodes: [134], stderr: '^wasm trap: ' };
const SCRIPT_ERROR_EXIT = [70];

/** Runtimes we cannot install here: tables of documented flags, untested in this repository's CI. */
export const RUNTIME_PRESETS: readonly CommandAdapterDef[] = [
  { name: 'wasmtime', programEnv: 'WASMTIME', command: 'wasmtime run --dir {dir}::{guest} --env {env} {wasm} {args}', trap: { exitCodes: [134] } },
  { name: 'wasmer', programEnv: 'WASMER', command: 'wasmer run --mapdir {guest}:{dir} --env {env} {wasm} -- {args}', trap: { stderr: 'RuntimeError' } },
  { name: 'wasmedge', programEnv: 'WASMEDGE', command: 'wasmedge --dir {guest}:{dir} --env {env} {wasm} {args}', abis: ['preview1'], trap: { exitCodes: [134] } },
  { name: 'wazero', programEnv: 'WAZERO', command: 'wazero run -mount={dir}:{guest} -env={env} {wasm} -- {args}', abis: ['preview1'], trap: { stderr: 'wasm error' } },
  { name: 'iwasm', programEnv: 'IWASM', command: 'iwasm --map-dir={guest}::{dir} --env={env} {wasm} {args}', trap: { stderr: 'Exception:' } },
];

/** `node <our script> …`: this Node, flags our scripts understand (scripts/script-args.ts). */
function nodeScript(script: string, nodeFlags: string[]): string {
  const words = [process.execPath, ...nodeFlags, fileURLToPath(distModule(`adapters/scripts/${script}`))].map(quoteWord);
  return `${words.join(' ')} --dir {dir}::{guest} --env {env} --abi {abi} {wasm} -- {args}`;
}

/** Command adapters running our own scripts with this Node. */
export function nodePresets(): CommandAdapterDef[] {
  return [
    {
      name: 'node-cli', version: `node ${process.version} (node:wasi in a process)`,
      command: nodeScript('node-wasi-run.js', ['--experimental-wasi-unstable-preview1', '--no-warnings']),
      trap: SCRIPT_TRAP, errorExitCodes: SCRIPT_ERROR_EXIT,
    },
    {
      // In a process of its own per case: the shim's state is process-wide and its exit ends the process.
      name: 'preview2-shim', version: `${packageLabel(PREVIEW2_SHIM)} + ${packageLabel(JCO_PACKAGE)} preview1 adapter`,
      command: nodeScript('preview2-run.js', ['--no-warnings']), abis: ['preview1'],
      trap: SCRIPT_TRAP, errorExitCodes: SCRIPT_ERROR_EXIT,
      check: () => packageMissing(PREVIEW2_SHIM) ?? packageMissing(JCO_PACKAGE),
    },
  ];
}
