/**
 * Runs one preview1 module on @bytecodealliance/preview2-shim, jco's WASI 0.2 host for Node:
 * the script behind the `preview2-shim` command adapter (flags: script-args.ts). The module is
 * made a component with jco's preview1 adapter and transpiled (jco-component.ts, cached), then
 * instantiated with the shim's interfaces. The shim is used as it is meant to be: one process
 * per program (its args, env, preopens and stdio are process-wide; its exit ends the process).
 * Exit status: 0 or 1 (WASI 0.2 `exit` carries only success or failure); 134 on a trap; 70 when
 * the module cannot be run; 2 for bad flags.
 */
import { preview1Component } from '../jco-component.js';
import { ERROR_EXIT, fail, firstLine, isTrapError, parseScriptArgs, TRAP_EXIT } from './script-args.js';

type Iface = Record<string, unknown>;
interface Shim {
  [pkg: string]: Record<string, Iface>;
}

const a = parseScriptArgs(process.argv.slice(2));
if (a.abi === 'unstable') fail(ERROR_EXIT, "jco's preview1 adapter has no wasi_unstable");

let component;
try {
  component = await preview1Component(a.wasm);
} catch (e) {
  fail(ERROR_EXIT, `jco could not make a component of ${a.wasm}: ${firstLine(e)}`);
}
const shim = (await import('@bytecodealliance/preview2-shim')) as unknown as Shim;
const cli = shim.cli as unknown as { _setArgs(a: string[]): void; _setEnv(e: Record<string, string>): void };
const fs = shim.filesystem as unknown as { _setPreopens(p: Record<string, string>): void };
cli._setArgs(a.argv);
cli._setEnv(a.env);
fs._setPreopens(Object.fromEntries(a.preopens));

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
/** `wasi:<package>/<interface>[@version]` → the shim's export of that interface. */
const imports = new Proxy({}, {
  get(_, key) {
    const m = typeof key === 'string' ? /^wasi:([a-z-]+)\/([a-z-]+)/.exec(key) : null;
    return m ? shim[m[1]!]?.[camel(m[2]!)] : undefined;
  },
});

let root: { run: { run(): unknown } };
try {
  root = component.instantiate((name) => component.coreModule(name), imports) as typeof root;
} catch (e) {
  fail(ERROR_EXIT, `cannot instantiate the component: ${firstLine(e)}`);
}
try {
  root.run.run();
} catch (e) {
  const cause = (e as { cause?: unknown }).cause;
  if (isTrapError(e)) fail(TRAP_EXIT, `wasm trap: ${e.message}`);
  if (isTrapError(cause)) fail(TRAP_EXIT, `wasm trap: ${cause.message}`);
  fail(ERROR_EXIT, `the component's run threw ${firstLine(e)}`);
}
process.exit(0);
