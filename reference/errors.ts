/**
 * The three ways a syscall ends other than returning success:
 * - `WasiError(errno)`: thrown by helpers and fd methods deep inside a syscall; the registry
 *   wrapper catches it and the guest sees the errno as the call's return value.
 * - a trap: `trap(message)` throws `WebAssembly.RuntimeError`, which unwinds the guest like any
 *   wasm trap (out-of-bounds or misaligned pointer).
 * - `ProcExit`: thrown by `proc_exit` (returnOnExit true); `start()` turns it into the exit code.
 */
import { errno, errnoName } from './abi.js';

export class WasiError extends Error {
  override name = 'WasiError';
  /**
   * Made without a stack trace: one is thrown and caught by every failing syscall, where the
   * errno is all that matters, and capturing a stack costs more than most syscalls.
   */
  constructor(readonly errno: number, message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message ?? `WASI errno ${errnoName(errno)} (${errno})`);
    Error.stackTraceLimit = limit;
  }
}

/** Throw a WasiError; handy in expressions (`x ?? fail(errno.badf)`). */
export function fail(code: number, message?: string): never {
  throw new WasiError(code, message);
}

/** Trap the guest: a `WebAssembly.RuntimeError` unwinds through the wasm frames. */
export function trap(message: string): never {
  throw new WebAssembly.RuntimeError(message);
}

/** `proc_exit(code)` unwinding to `start()`. */
export class ProcExit extends Error {
  override name = 'ProcExit';
  constructor(readonly code: number) {
    super(`proc_exit(${code})`);
  }
}

/** Host error codes (node `SystemError.code`) → WASI errno names, for host-backed operations. */
const HOST_CODES: Readonly<Record<string, keyof typeof errno>> = {
  E2BIG: '2big', EACCES: 'acces', EADDRINUSE: 'addrinuse', EADDRNOTAVAIL: 'addrnotavail',
  EAFNOSUPPORT: 'afnosupport', EAGAIN: 'again', EWOULDBLOCK: 'again', EALREADY: 'already', EBADF: 'badf',
  EBUSY: 'busy', ECANCELED: 'canceled', ECONNABORTED: 'connaborted', ECONNREFUSED: 'connrefused',
  ECONNRESET: 'connreset', EEXIST: 'exist', EFAULT: 'fault', EFBIG: 'fbig', EHOSTUNREACH: 'hostunreach',
  EILSEQ: 'ilseq', EINTR: 'intr', EINVAL: 'inval', EIO: 'io', EISCONN: 'isconn', EISDIR: 'isdir',
  ELOOP: 'loop', EMFILE: 'mfile', EMLINK: 'mlink', EMSGSIZE: 'msgsize', ENAMETOOLONG: 'nametoolong',
  ENETDOWN: 'netdown', ENETUNREACH: 'netunreach', ENFILE: 'nfile', ENOBUFS: 'nobufs', ENODEV: 'nodev',
  ENOENT: 'noent', ENOMEM: 'nomem', ENOSPC: 'nospc', ENOSYS: 'nosys', ENOTCONN: 'notconn',
  ENOTDIR: 'notdir', ENOTEMPTY: 'notempty', ENOTSOCK: 'notsock', ENOTSUP: 'notsup', EOPNOTSUPP: 'notsup',
  ENOTTY: 'notty', ENXIO: 'nxio', EOVERFLOW: 'overflow', EPERM: 'perm', EPIPE: 'pipe', ERANGE: 'range',
  EROFS: 'rofs', ESPIPE: 'spipe', ESRCH: 'srch', ETIMEDOUT: 'timedout', ETXTBSY: 'txtbsy', EXDEV: 'xdev',
};

/**
 * The errno for any exception escaping a syscall: a WasiError's own errno, a host error's code
 * mapped through HOST_CODES, anything else `EIO` (the guest must never see a JS exception).
 */
export function errnoFromError(e: unknown): number {
  if (e instanceof WasiError) return e.errno;
  const code = (e as { code?: unknown } | null)?.code;
  const name = typeof code === 'string' ? HOST_CODES[code] : undefined;
  return name ? errno[name] : errno.io;
}

/** Exceptions that must unwind the guest instead of becoming an errno. */
export function isUnwinding(e: unknown): boolean {
  return e instanceof WebAssembly.RuntimeError || e instanceof ProcExit;
}
