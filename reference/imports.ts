/**
 * Builds `wasiImport`: one JS function per syscall of the ABI, wrapping the registry's
 * implementation. The wrapper
 *   1. gets the syscall context (throws node's ERR_WASI_NOT_STARTED before bindings are finalized),
 *   2. normalises raw wasm arguments: i32 → unsigned number, i64 → unsigned bigint,
 *   3. calls the implementation; a `WasiError` or any other exception becomes an errno
 *      (errors.ts `errnoFromError`) — never thrown into the guest — while traps
 *      (`WebAssembly.RuntimeError`) and proc_exit (`ProcExit`) unwind,
 *   4. reports `{ name, args, errno }` to the `trace` callback.
 */
import type { AbiTable } from './abi.js';
import type { SyscallContext, TraceFn } from './context.js';
import { errnoFromError, isUnwinding } from './errors.js';
import { registry } from './syscalls/index.js';

type RawArg = number | bigint;
export type WasiImport = Record<string, (...args: RawArg[]) => number>;

function normalise(arg: RawArg | undefined): RawArg {
  return typeof arg === 'bigint' ? BigInt.asUintN(64, arg) : (arg as number) >>> 0;
}

type Implementation = (...a: unknown[]) => number;

/** An exception out of a syscall: traps and proc_exit unwind on; anything else becomes its errno. */
function settle(e: unknown): number {
  if (isUnwinding(e)) throw e;
  return errnoFromError(e);
}

/** The most wasm parameters a syscall has (path_open). */
const MAX_PARAMS = 9;

/**
 * The wrapper when nothing is traced: fixed parameters instead of rest and spread, so a call
 * allocates nothing (several times cheaper per call). A parameter the syscall does not have
 * arrives as undefined and is passed on as 0, which the syscall ignores.
 */
function direct(fn: Implementation, context: () => SyscallContext) {
  const n = normalise;
  return (a?: RawArg, b?: RawArg, c?: RawArg, d?: RawArg, e?: RawArg, f?: RawArg, g?: RawArg, h?: RawArg, i?: RawArg): number => {
    const ctx = context();
    try {
      return fn(ctx, n(a), n(b), n(c), n(d), n(e), n(f), n(g), n(h), n(i));
    } catch (err) {
      return settle(err);
    }
  };
}

/** The wrapper with a trace: the arguments (normalised) and the errno of every call, also when it unwinds. */
function traced(fn: Implementation, context: () => SyscallContext, name: string, trace: TraceFn) {
  return (...raw: RawArg[]): number => {
    const ctx = context();
    for (let i = 0; i < raw.length; i++) raw[i] = normalise(raw[i]);
    let code: number | null = null;
    try {
      code = fn(ctx, ...raw);
      return code;
    } catch (err) {
      code = settle(err);
      return code;
    } finally {
      trace({ name, args: raw, errno: code });
    }
  };
}

export function buildWasiImport(abi: AbiTable, context: () => SyscallContext, trace?: TraceFn): WasiImport {
  const imports: WasiImport = {};
  for (const [name, syscall] of registry(abi)) {
    const fn = syscall as unknown as Implementation;
    const arity = Math.max(0, fn.length - 1);
    if (arity > MAX_PARAMS) throw new Error(`${name} takes ${arity} parameters; imports.ts wraps at most ${MAX_PARAMS}`);
    const call = trace ? traced(fn, context, name, trace) : direct(fn, context);
    Object.defineProperty(call, 'name', { value: name });
    Object.defineProperty(call, 'length', { value: arity });
    imports[name] = call;
  }
  return imports;
}
