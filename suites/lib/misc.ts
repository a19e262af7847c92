/**
 * Accepted alternatives and fd values shared by the misc tables (poll, clock, random, env, proc,
 * sched, sock, cross), each written once. Who does what: shared/research/divergences.md,
 * docs/CHOICES.md. Pointer-fault alternatives and file-opening helpers live in ./fd-io.ts.
 */
import type { AltErrno } from '../dsl.js';

/** The largest fd value (u32 max, -1 as i32): catches signed fd handling. */
export const FD_U32_MAX = 0xffffffff;

/** CPU-time clocks are optional (docs/CHOICES.md). */
export const CPUTIME_ALTS: AltErrno[] = [
  { errno: 'inval', behaviour: 'EINVAL: CPU-time clocks unsupported (the errno the spec gives unsupported clocks)' },
  { errno: 'badf', behaviour: 'EBADF: CPU-time clocks unsupported (wasmtime wasi-common)' },
  { errno: 'notsup', behaviour: 'ENOTSUP: CPU-time clocks unsupported' },
];

/** sock_* on an fd that is not a socket (docs/CHOICES.md). */
export const NOT_A_SOCKET_ALTS: AltErrno[] = [
  { errno: 'badf', behaviour: 'EBADF: runtime without socket support treats every fd as no socket' },
];
