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
import type { Syscall, SyscallContext, TraceFn } from './context.js';
import { errnoFromError, isUnwinding } from './errors.js';
import { registry } from './syscalls/index.js';

type RawArg = number | bigint;
export type WasiImport = Record<string, (...args: RawArg[]) => number>;

function normalise(arg: RawArg): RawArg {
  return typeof arg === 'bigint' ? BigInt.asUintN(64, arg) : arg >>> 0;
}

function invoke(fn: Syscall, ctx: SyscallContext, args: RawArg[]): number {
  try {
    return (fn as unknown as (c: SyscallContext, ...a: RawArg[]) => number)(ctx, ...args);
  } catch (e) {
    if (isUnwinding(e)) throw e;
    return errnoFromError(e);
  }
}

export function buildWasiImport(abi: AbiTable, context: () => SyscallContext, trace?: TraceFn): WasiImport {
  const imports: WasiImport = {};
  for (const [name, fn] of registry(abi)) {
    const call = (...raw: RawArg[]): number => {
      const ctx = context();
      const args = raw.map(normalise);
      let code: number | null = null;
      try {
        code = invoke(fn, ctx, args);
        return code;
      } finally {
        trace?.({ name, args, errno: code });
      }
    };
    Object.defineProperty(call, 'name', { value: name });
    imports[name] = call;
  }
  return imports;
}
