/**
 * The `preopens` option → preopened directory fds, from fd 3 upward in option order.
 *
 * Each host value is opened with the `fs` option's backend (`openRoot`): a real directory via
 * HostFS by default, a path inside the tree when `fs` is e.g. a MemoryFS. A preopen gets every
 * directory right, and may hand down every directory and file right (DIRECTORY_INHERITING).
 * A value that is not an existing directory throws at construction, as node:wasi does
 * (`Error` with code `UVWASI_ENOENT` / `UVWASI_ENOTDIR`, message `<code>, uvwasi_init`).
 */
import { errnoName } from './abi.js';
import { WasiError } from './errors.js';
import { PreopenFd } from './fd/directory.js';
import type { FdTable } from './fdtable.js';
import { HostFS } from './fs/host.js';
import type { FileSystem } from './fs/types.js';
import { DIRECTORY_INHERITING, DIRECTORY_RIGHTS } from './rights.js';

/** node:wasi's error for a preopen uvwasi_init could not open. */
function initError(e: WasiError): Error {
  const code = `UVWASI_E${errnoName(e.errno).toUpperCase()}`;
  return Object.assign(new Error(`${code}, uvwasi_init`), { code, errno: e.errno, syscall: 'uvwasi_init' });
}

export function installPreopens(
  fds: FdTable,
  preopens: readonly [guest: string, host: string][],
  fs: FileSystem | undefined,
): void {
  if (preopens.length === 0) return;
  const backend = fs ?? new HostFS();
  for (const [guest, hostPath] of preopens) {
    let dir;
    try {
      dir = backend.openRoot(hostPath);
    } catch (e) {
      throw e instanceof WasiError ? initError(e) : e;
    }
    fds.insert(new PreopenFd(guest, dir, DIRECTORY_RIGHTS, DIRECTORY_INHERITING));
  }
}
