/**
 * Runs one WASI module with Node's node:wasi from command-line flags: the script behind the
 * `node-cli` command adapter (`node --experimental-wasi-unstable-preview1 node-wasi-run.js …`,
 * see script-args.ts for the flags). Stdio is this process's own (the runner hands it its
 * capture files). Exit status: the guest's exit code; 134 on a trap; 70 when the module cannot
 * be run; 2 for bad flags.
 */
import { readFileSync } from 'node:fs';
import { ERROR_EXIT, fail, firstLine, isTrapError, moduleAbi, parseScriptArgs, TRAP_EXIT } from './script-args.js';

// node:wasi's ExperimentalWarning must not reach the guest's stderr: drop the printer, then load it.
process.removeAllListeners('warning');
const { WASI } = await import('node:wasi');

const a = parseScriptArgs(process.argv.slice(2));
let module: WebAssembly.Module;
try {
  module = new WebAssembly.Module(readFileSync(a.wasm));
} catch (e) {
  fail(ERROR_EXIT, `cannot load ${a.wasm}: ${firstLine(e)}`);
}
const version = a.abi ?? moduleAbi(module);
let code: number;
try {
  const wasi = new WASI({ version, args: a.argv, env: a.env, preopens: Object.fromEntries(a.preopens), returnOnExit: true });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject() as WebAssembly.Imports);
  code = wasi.start(instance);
} catch (e) {
  if (isTrapError(e)) fail(TRAP_EXIT, `wasm trap: ${e.message}`);
  fail(ERROR_EXIT, `node:wasi could not run the module: ${firstLine(e)}`);
}
process.exit(code);
