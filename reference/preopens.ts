/**
 * EXTENSION POINT (FS engineer): turn the `preopens` option into fd objects.
 * `installPreopens` receives the validated `[guestPath, hostPath]` pairs in option order and the
 * `fs` option, and must insert one preopen fd (a DirectoryFd whose `preopenName()` is the guest
 * path) per pair into the table, from fd 3 upward. It may throw node-style errors for a host path
 * that cannot be opened (node:wasi throws at construction).
 */
import type { FdTable } from './fdtable.js';
import type { FileSystem } from './fs/types.js';

export function installPreopens(
  _fds: FdTable,
  preopens: readonly [guest: string, host: string][],
  _fs: FileSystem | undefined,
): void {
  if (preopens.length > 0) throw new Error('preopens are not supported yet: the filesystem backend (reference/fs) is pending');
}
