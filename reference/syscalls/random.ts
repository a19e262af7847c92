/** random_get: bytes from the host CSPRNG (or the injected `random` option). */
import { errno } from '../abi.js';
import type { SyscallContext } from '../context.js';

/**
 * random_get(buf, buf_len) — "Write high-quality random data into a buffer. This function blocks
 * when the implementation is unable to immediately provide sufficient high-quality random data."
 * @param buf out: `buf_len` bytes (alignment 1)
 * @returns success. Traps if the buffer is out of bounds. A zero length writes nothing.
 */
export function random_get(ctx: SyscallContext, buf: number, buf_len: number): number {
  ctx.random(ctx.memory.bytes(buf, buf_len));
  return errno.success;
}
