/**
 * Cross-cutting table: every out-pointer of every syscall, placed at the end of memory (one byte
 * past the last valid address), traps — the witx docs say an out-of-bounds guest pointer traps;
 * EFAULT is accepted (docs/CHOICES.md). Each row makes an otherwise valid call, so the pointer is
 * the only fault, and the sandbox must stay unchanged (writes rewrite a byte with itself).
 * Not listed: args_sizes_get and args_get's argv_buf (suites/args_env/args.ts has them), and
 * sock_accept / sock_recv / sock_send results, which no call can reach without a socket.
 */
import { suite, type CaseDef, type Fixture, type Suite } from '../dsl.js';
import { CLOCK, LOOKUP } from '../spec.js';
import { TRAP_ALTS, openFile } from '../lib/fd-io.js';
import { eventBuffer, subscriptions } from '../lib/poll.js';
import type { Tree } from '../sidecar.js';

const TREE: Tree = { 'a.txt': 'hello', link: { symlink: 'a.txt' } };

interface OutPtr {
  syscall: string;
  /** The parameter (or result) written through the pointer, as the spec names it. */
  param: string;
  /** The call with `ptr` in place of that pointer and every other argument valid. */
  call: (f: Fixture, ptr: number) => string;
  /** Needs the sandbox (tree + fs_after). */
  fs?: boolean;
  args?: string[];
  env?: Record<string, string>;
}

const path = (f: Fixture, s: string): [number, number] => { const { ptr, len } = f.str(s); return [ptr, len]; };
const ENV = { KEY: 'value' };

const ROWS: OutPtr[] = [
  { syscall: 'args_get', param: 'argv', args: ['a'], call: (f, p) => f.call('args_get', p, f.alloc(64, 1)) },
  { syscall: 'environ_get', param: 'environ', env: ENV, call: (f, p) => f.call('environ_get', p, f.alloc(64, 1)) },
  { syscall: 'environ_get', param: 'environ_buf', env: ENV, call: (f, p) => f.call('environ_get', f.alloc(8, 4), p) },
  { syscall: 'environ_sizes_get', param: 'count', env: ENV, call: (f, p) => f.call('environ_sizes_get', p, f.out32()) },
  { syscall: 'environ_sizes_get', param: 'buf_size', env: ENV, call: (f, p) => f.call('environ_sizes_get', f.out32(), p) },
  { syscall: 'clock_res_get', param: 'resolution', call: (f, p) => f.call('clock_res_get', CLOCK.monotonic, p) },
  { syscall: 'clock_time_get', param: 'time', call: (f, p) => f.call('clock_time_get', CLOCK.realtime, 0n, p) },
  { syscall: 'fd_fdstat_get', param: 'fdstat', fs: true, call: (f, p) => f.call('fd_fdstat_get', f.preopen(), p) },
  { syscall: 'fd_filestat_get', param: 'filestat', fs: true, call: (f, p) => f.call('fd_filestat_get', openFile(f, 'a.txt'), p) },
  { syscall: 'fd_pread', param: 'iovec_buf', fs: true, call: (f, p) => f.call('fd_pread', openFile(f, 'a.txt'), f.iovecs([[p, 4]]), 1, 0n, f.out32()) },
  { syscall: 'fd_pread', param: 'nread', fs: true, call: (f, p) => f.call('fd_pread', openFile(f, 'a.txt'), f.iovecs([[f.alloc(4), 4]]), 1, 0n, p) },
  { syscall: 'fd_prestat_get', param: 'prestat', fs: true, call: (f, p) => f.call('fd_prestat_get', f.preopen(), p) },
  { syscall: 'fd_prestat_dir_name', param: 'path', fs: true, call: (f, p) => f.call('fd_prestat_dir_name', f.preopen(), p, '/sandbox'.length) },
  { syscall: 'fd_pwrite', param: 'nwritten', fs: true, call: (f, p) => f.call('fd_pwrite', openFile(f, 'a.txt'), f.ciovec('h').iovs, 1, 0n, p) },
  { syscall: 'fd_read', param: 'iovec_buf', fs: true, call: (f, p) => f.call('fd_read', openFile(f, 'a.txt'), f.iovecs([[p, 4]]), 1, f.out32()) },
  { syscall: 'fd_read', param: 'nread', fs: true, call: (f, p) => f.call('fd_read', openFile(f, 'a.txt'), f.iovecs([[f.alloc(4), 4]]), 1, p) },
  { syscall: 'fd_readdir', param: 'buf', fs: true, call: (f, p) => f.call('fd_readdir', f.preopen(), p, 128, 0n, f.out32()) },
  { syscall: 'fd_readdir', param: 'bufused', fs: true, call: (f, p) => f.call('fd_readdir', f.preopen(), f.alloc(128), 128, 0n, p) },
  { syscall: 'fd_seek', param: 'newoffset', fs: true, call: (f, p) => f.call('fd_seek', openFile(f, 'a.txt'), 0n, f.abi.whence.set, p) },
  { syscall: 'fd_tell', param: 'offset', fs: true, call: (f, p) => f.call('fd_tell', openFile(f, 'a.txt'), p) },
  { syscall: 'fd_write', param: 'nwritten', fs: true, call: (f, p) => f.call('fd_write', openFile(f, 'a.txt'), f.ciovec('h').iovs, 1, p) },
  {
    syscall: 'path_filestat_get', param: 'filestat', fs: true,
    call: (f, p) => f.call('path_filestat_get', f.preopen(), LOOKUP.symlink_follow, ...path(f, 'a.txt'), p),
  },
  {
    syscall: 'path_open', param: 'opened_fd', fs: true,
    call: (f, p) => f.call('path_open', f.preopen(), 0, ...path(f, 'a.txt'), 0, 0n, 0n, 0, p),
  },
  { syscall: 'path_readlink', param: 'buf', fs: true, call: (f, p) => f.call('path_readlink', f.preopen(), ...path(f, 'link'), p, 16, f.out32()) },
  { syscall: 'path_readlink', param: 'bufused', fs: true, call: (f, p) => f.call('path_readlink', f.preopen(), ...path(f, 'link'), f.alloc(16), 16, p) },
  {
    syscall: 'poll_oneoff', param: 'out',
    call: (f, p) => f.call('poll_oneoff', subscriptions(f, [{ userdata: 1n, clock: { id: CLOCK.monotonic, timeout: 0n } }]), p, 1, f.out32()),
  },
  {
    syscall: 'poll_oneoff', param: 'nevents',
    call: (f, p) => f.call('poll_oneoff', subscriptions(f, [{ userdata: 1n, clock: { id: CLOCK.monotonic, timeout: 0n } }]), eventBuffer(f, 1), 1, p),
  },
  { syscall: 'random_get', param: 'buf', call: (f, p) => f.call('random_get', p, 16) },
];

function caseFor(row: OutPtr): CaseDef {
  return {
    name: `cross-out-ptr-${row.param.replace(/_/g, '-')}`,
    description: `${row.param} pointer at the end of memory (out of bounds): ${row.syscall} traps`,
    spec: `docs.md#${row.syscall}`,
    tags: ['pointers', 'errors'],
    ...(row.args ? { args: row.args } : {}),
    ...(row.env ? { env: row.env } : {}),
    ...(row.fs ? { tree: TREE, fs_after: TREE } : {}),
    body: (f) => f.expectTrap(row.call(f, f.memEnd), TRAP_ALTS),
  };
}

/** One suite per syscall, so the cases sit in that syscall's folder. */
function bySyscall(): Suite[] {
  const names = [...new Set(ROWS.map((r) => r.syscall))];
  return names.map((name) => suite(name, ROWS.filter((r) => r.syscall === name).map(caseFor)));
}

export default bySyscall();
