/**
 * errno names by number (the same numbering in both ABIs), from the spec table in
 * suites/spec.ts. Used to print traces and messages: `fd_read(...) -> 8 badf`.
 */
import { ERRNO } from '../suites/spec.js';

export const ERRNO_NAMES: readonly string[] = Object.entries(ERRNO).sort((a, b) => a[1] - b[1]).map(([name]) => name);

/** `badf` for 8; `errno 999` for numbers the spec does not define. */
export function errnoName(errno: number): string {
  return ERRNO_NAMES[errno] ?? `errno ${errno}`;
}
