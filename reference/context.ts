/**
 * What every syscall function receives as its first argument, and the injectable services
 * (clock, random, trace) the `WASI` options may replace for deterministic runs.
 */
import type { AbiTable } from './abi.js';
import type { FdTable } from './fdtable.js';
import type { GuestMemory } from './memory.js';
import type { FileSystem } from './fs/types.js';

/** The four `clockid` values by name. */
export type ClockName = 'realtime' | 'monotonic' | 'process_cputime_id' | 'thread_cputime_id';

/** A source of time (option `clock`). Values are nanoseconds. */
export interface Clock {
  /** The clock's current value. */
  now(id: ClockName): bigint;
  /** The clock's resolution; must be > 0 ("required to provide a non-zero value"). */
  resolution(id: ClockName): bigint;
}

/** Fill `buf` with random bytes (option `random`). */
export type RandomSource = (buf: Uint8Array) => void;

/** One finished syscall as `trace` sees it: `errno` is null when the call unwound (trap, proc_exit). */
export interface TraceCall {
  name: string;
  args: readonly (number | bigint)[];
  errno: number | null;
}
export type TraceFn = (call: TraceCall) => void;

/**
 * The context object of a syscall.
 * - `abi`: the ABI table of this instance (layouts, whence, module name).
 * - `memory`: guest memory, every access checked (traps on bad pointers).
 * - `fds`: the fd table (lookups check rights).
 * - `args` / `env`: argv strings and `KEY=VALUE` strings, as given to the WASI constructor.
 * - `clock` / `random`: host services or the injected ones.
 * - `returnOnExit`: proc_exit unwinds to start() (true) or ends the process (false).
 * - `fs`: the filesystem backend option, as given (see reference/fs/types.ts).
 */
export interface SyscallContext {
  readonly abi: AbiTable;
  readonly memory: GuestMemory;
  readonly fds: FdTable;
  readonly args: readonly string[];
  readonly env: readonly string[];
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly returnOnExit: boolean;
  readonly fs: FileSystem | undefined;
}

/**
 * A syscall: the context plus the raw wasm arguments — i32 as an unsigned number, i64 as an
 * unsigned bigint (a signed parameter such as fd_seek's `offset` converts with BigInt.asIntN) —
 * returning an errno. Helpers inside may throw `WasiError(errno)`; the registry wrapper turns it
 * into the returned errno.
 */
export type Syscall = (ctx: SyscallContext, ...args: never[]) => number;
