/**
 * One test table, run on both filesystem backends (HostFS over a temp dir, MemoryFS) and both
 * ABIs: each row is a call script (wasi-calls.ts) against a sandbox preopened as fd 3, with the
 * errno of every step, optional checks of the results, and the sandbox tree afterwards. After
 * every row the canary tree outside the sandbox must be unchanged; a row without `after` must
 * leave the sandbox unchanged too.
 */
import type { Abi, Tree } from '../../suites/sidecar.js';
import { rights as rightsOf, type ErrnoName, OFLAGS, LOOKUP } from '../../suites/spec.js';
import type { SocketEndpoint, SocketListener } from '../../reference/fd/socket.js';
import { BACKENDS, CANARY, type SandboxFixture } from './fs-backends.js';
import { sortTree } from './host-tree.js';
import { out, runCalls, step, str, type CallsResult, type Step } from './wasi-calls.js';

export const ABIS: readonly Abi[] = ['preview1', 'unstable'];

/** The preopened sandbox's fd (stdio is 0-2). */
export const SANDBOX = 3;

/** The tree most rows start from. */
export const BASE_TREE: Tree = {
  'a.txt': 'hello',
  sub: { 'b.txt': 'bee', deep: {} },
  empty: {},
  ln: { symlink: 'a.txt' },
  lnsub: { symlink: 'sub' },
  dangling: { symlink: 'missing' },
};

/** Rights for a file opened to read and write (what wasi-libc asks for O_RDWR). */
export const FILE_RW = rightsOf('fd_read', 'fd_write', 'fd_seek', 'fd_tell', 'fd_filestat_get', 'fd_filestat_set_size',
  'fd_filestat_set_times', 'fd_fdstat_set_flags', 'fd_sync', 'fd_datasync', 'fd_advise', 'fd_allocate', 'poll_fd_readwrite');
/** Rights for reading a directory and everything below it. */
export const DIR_ALL = rightsOf('fd_readdir', 'fd_filestat_get', 'path_open', 'path_create_directory', 'path_create_file',
  'path_filestat_get', 'path_unlink_file', 'path_remove_directory', 'path_rename_source', 'path_rename_target',
  'path_link_source', 'path_link_target', 'path_symlink', 'path_readlink', 'path_filestat_set_times');

export interface OpenOptions {
  dirfd?: number | Step['args'][number];
  oflags?: (keyof typeof OFLAGS)[];
  rights?: bigint;
  inheriting?: bigint;
  fdflags?: number;
  follow?: boolean;
}

/** `path_open(dirfd, lookup, path, oflags, rights, inheriting, fdflags)` storing the fd as `name`. */
export function open(name: string, path: string, o: OpenOptions = {}): Step {
  const oflags = (o.oflags ?? []).reduce((a, f) => a | OFLAGS[f], 0);
  return step('path_open', o.dirfd ?? SANDBOX, o.follow === false ? 0 : LOOKUP.symlink_follow, str(path), oflags,
    o.rights ?? FILE_RW, o.inheriting ?? 0n, o.fdflags ?? 0, out(name, 4, 4));
}

export interface FsRow {
  name: string;
  tree?: Tree;
  /** Only on these ABIs (default both). */
  abis?: readonly Abi[];
  steps: (abi: Abi) => Step[];
  /** The errno of each step. */
  errnos: ErrnoName[];
  /** The guest traps (the errnos of the steps before the trap are still checked). */
  trap?: boolean;
  /** Sockets handed to the guest after the preopen (fds 4, 5, …). */
  sockets?: () => (SocketEndpoint | SocketListener)[];
  check?: (r: CallsResult, ctx: { abi: Abi; fx: SandboxFixture; sockets: (SocketEndpoint | SocketListener)[] }) => void;
  /** The sandbox afterwards (default: unchanged). */
  after?: Tree;
}

export function runFsTable(title: string, rows: readonly FsRow[]): void {
  describe.each(BACKENDS)(`${title} on $name`, ({ make }) => {
    describe.each(ABIS)('%s', (abi) => {
      const mine = rows.filter((r) => !r.abis || r.abis.includes(abi));
      test.each(mine)('$name', async (row) => {
        const fx = make(row.tree ?? BASE_TREE);
        try {
          const before = fx.sandbox();
          const sockets = row.sockets?.() ?? [];
          const r = await runCalls(row.steps(abi), {
            abi, preopens: { '/sandbox': fx.rootPath }, fs: fx.backend === 'memory' ? fx.fs : undefined, sockets,
          });
          if (row.trap) expect(r.error).toBeInstanceOf(WebAssembly.RuntimeError);
          else expect(r.error).toBeNull();
          expect(r.errnos.slice(0, row.errnos.length)).toEqual(row.errnos);
          row.check?.(r, { abi, fx, sockets });
          expect(fx.outside()).toEqual(CANARY);
          expect(fx.sandbox()).toEqual(row.after ? sortTree(row.after) : before);
        } finally {
          fx.cleanup();
        }
      });
    });
  });
}
