/** proc_exit, proc_raise, sched_yield. */
import { errno } from '../abi.js';
import type { SyscallContext } from '../context.js';
import { ProcExit } from '../errors.js';

/**
 * proc_exit(rval) — "Terminate the process normally. An exit code of 0 indicates successful
 * termination of the program. The meanings of other values is dependent on the environment."
 * Never returns: with `returnOnExit` (the default) it unwinds to `start()`, which returns `rval`;
 * otherwise the host process exits with `rval` right here, as node:wasi does.
 * @param rval the exit code (u32; a host process keeps its low 8 bits)
 */
export function proc_exit(ctx: SyscallContext, rval: number): number {
  if (!ctx.returnOnExit) process.exit(rval);
  throw new ProcExit(rval);
}

/**
 * proc_raise(sig) — "Send a signal to the process of the calling thread. Note: This is similar to
 * `raise` in POSIX." The reference is a library inside a host process it must not kill, so it
 * delivers no signal: a valid `signal` gets ENOTSUP (one of the answers runtimes give, see
 * divergences.md), a value outside the enum EINVAL.
 * @param sig the `signal` value
 * @returns ENOTSUP for a known signal; EINVAL for an unknown one.
 */
export function proc_raise(ctx: SyscallContext, sig: number): number {
  return Object.values(ctx.abi.signal).includes(sig) ? errno.notsup : errno.inval;
}

/**
 * sched_yield() — "Temporarily yield execution of the calling thread." A single-threaded guest on
 * a synchronous host has nothing to yield to; the call succeeds.
 * @returns success.
 */
export function sched_yield(_ctx: SyscallContext): number {
  return errno.success;
}
