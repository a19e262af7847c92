/**
 * Facts of the WASI spec the fixtures are written against, transcribed from the witx files
 * (spec/preview1/typenames.witx, wasi_snapshot_preview1.witx; spec/preview0/ for wasi_unstable).
 * suites/ never imports reference/: these tables are the spec as the suite reads it.
 */
import type { Abi } from './sidecar.js';

/** errno values (identical in both ABIs). */
export const ERRNO = {
  success: 0, '2big': 1, acces: 2, addrinuse: 3, addrnotavail: 4, afnosupport: 5, again: 6,
  already: 7, badf: 8, badmsg: 9, busy: 10, canceled: 11, child: 12, connaborted: 13,
  connrefused: 14, connreset: 15, deadlk: 16, destaddrreq: 17, dom: 18, dquot: 19, exist: 20,
  fault: 21, fbig: 22, hostunreach: 23, idrm: 24, ilseq: 25, inprogress: 26, intr: 27, inval: 28,
  io: 29, isconn: 30, isdir: 31, loop: 32, mfile: 33, mlink: 34, msgsize: 35, multihop: 36,
  nametoolong: 37, netdown: 38, netreset: 39, netunreach: 40, nfile: 41, nobufs: 42, nodev: 43,
  noent: 44, noexec: 45, nolck: 46, nolink: 47, nomem: 48, nomsg: 49, noprotoopt: 50, nospc: 51,
  nosys: 52, notconn: 53, notdir: 54, notempty: 55, notrecoverable: 56, notsock: 57, notsup: 58,
  notty: 59, nxio: 60, overflow: 61, ownerdead: 62, perm: 63, pipe: 64, proto: 65,
  protonosupport: 66, prototype: 67, range: 68, rofs: 69, spipe: 70, srch: 71, stale: 72,
  timedout: 73, txtbsy: 74, xdev: 75, notcapable: 76,
} as const;
export type ErrnoName = keyof typeof ERRNO;

export const CLOCK = { realtime: 0, monotonic: 1, process_cputime_id: 2, thread_cputime_id: 3 } as const;

export const FILETYPE = {
  unknown: 0, block_device: 1, character_device: 2, directory: 3, regular_file: 4,
  socket_dgram: 5, socket_stream: 6, symbolic_link: 7,
} as const;

export const FDFLAGS = { append: 1, dsync: 2, nonblock: 4, rsync: 8, sync: 16 } as const;
export const OFLAGS = { creat: 1, directory: 2, excl: 4, trunc: 8 } as const;
export const LOOKUP = { symlink_follow: 1 } as const;
export const FSTFLAGS = { atim: 1, atim_now: 2, mtim: 4, mtim_now: 8 } as const;
export const ADVICE = { normal: 0, sequential: 1, random: 2, willneed: 3, dontneed: 4, noreuse: 5 } as const;
export const EVENTTYPE = { clock: 0, fd_read: 1, fd_write: 2 } as const;
export const SUBCLOCKFLAGS = { abstime: 1 } as const;
export const SDFLAGS = { rd: 1, wr: 2 } as const;
export const PREOPENTYPE = { dir: 0 } as const;

/** Rights bits, in witx order (bit n = 1 << n). `sock_accept` exists only in preview1. */
export const RIGHT_NAMES = [
  'fd_datasync', 'fd_read', 'fd_seek', 'fd_fdstat_set_flags', 'fd_sync', 'fd_tell', 'fd_write',
  'fd_advise', 'fd_allocate', 'path_create_directory', 'path_create_file', 'path_link_source',
  'path_link_target', 'path_open', 'fd_readdir', 'path_readlink', 'path_rename_source',
  'path_rename_target', 'path_filestat_get', 'path_filestat_set_size', 'path_filestat_set_times',
  'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'path_symlink',
  'path_remove_directory', 'path_unlink_file', 'poll_fd_readwrite', 'sock_shutdown', 'sock_accept',
] as const;
export type RightName = typeof RIGHT_NAMES[number];
export function right(name: RightName): bigint { return 1n << BigInt(RIGHT_NAMES.indexOf(name)); }
export function rights(...names: RightName[]): bigint { return names.reduce((a, n) => a | right(n), 0n); }

/** A struct field: byte offset and width (1, 2, 4 or 8). */
export interface Field { offset: number; size: 1 | 2 | 4 | 8 }
export interface Layout { size: number; align: number; fields: Record<string, Field> }
const f = (offset: number, size: Field['size']): Field => ({ offset, size });

const COMMON_LAYOUTS = {
  iovec: { size: 8, align: 4, fields: { buf: f(0, 4), buf_len: f(4, 4) } },
  fdstat: { size: 24, align: 8, fields: { fs_filetype: f(0, 1), fs_flags: f(2, 2), fs_rights_base: f(8, 8), fs_rights_inheriting: f(16, 8) } },
  prestat: { size: 8, align: 4, fields: { tag: f(0, 1), pr_name_len: f(4, 4) } },
  dirent: { size: 24, align: 8, fields: { d_next: f(0, 8), d_ino: f(8, 8), d_namlen: f(16, 4), d_type: f(20, 1) } },
  event: { size: 32, align: 8, fields: { userdata: f(0, 8), error: f(8, 2), type: f(10, 1), nbytes: f(16, 8), flags: f(24, 2) } },
} satisfies Record<string, Layout>;

/** Everything that differs between the two ABIs, one table each. */
export interface AbiTable {
  abi: Abi;
  module: string;
  whence: { set: number; cur: number; end: number };
  /** All rights bits this ABI defines. */
  allRights: bigint;
  layouts: typeof COMMON_LAYOUTS & { filestat: Layout; subscription: Layout };
}

export const ABI_TABLES: Record<Abi, AbiTable> = {
  preview1: {
    abi: 'preview1',
    module: 'wasi_snapshot_preview1',
    whence: { set: 0, cur: 1, end: 2 },
    allRights: (1n << 30n) - 1n,
    layouts: {
      ...COMMON_LAYOUTS,
      filestat: { size: 64, align: 8, fields: { dev: f(0, 8), ino: f(8, 8), filetype: f(16, 1), nlink: f(24, 8), size: f(32, 8), atim: f(40, 8), mtim: f(48, 8), ctim: f(56, 8) } },
      // subscription: userdata, then the subscription_u variant (tag u8 at 8, payload at 16).
      subscription: { size: 48, align: 8, fields: { userdata: f(0, 8), tag: f(8, 1), clock_id: f(16, 4), clock_timeout: f(24, 8), clock_precision: f(32, 8), clock_flags: f(40, 2), fd: f(16, 4) } },
    },
  },
  unstable: {
    abi: 'unstable',
    module: 'wasi_unstable',
    whence: { cur: 0, end: 1, set: 2 },
    allRights: (1n << 29n) - 1n,
    layouts: {
      ...COMMON_LAYOUTS,
      filestat: { size: 56, align: 8, fields: { dev: f(0, 8), ino: f(8, 8), filetype: f(16, 1), nlink: f(20, 4), size: f(24, 8), atim: f(32, 8), mtim: f(40, 8), ctim: f(48, 8) } },
      // subscription_clock has a leading `identifier` (userdata) field in wasi_unstable.
      subscription: { size: 56, align: 8, fields: { userdata: f(0, 8), tag: f(8, 1), clock_identifier: f(16, 8), clock_id: f(24, 4), clock_timeout: f(32, 8), clock_precision: f(40, 8), clock_flags: f(48, 2), fd: f(16, 4) } },
    },
  },
};

/** Wasm parameter types of each function (all return an i32 errno except proc_exit). */
type P = 'i32' | 'i64';
const I = 'i32', L = 'i64';
export const SIGNATURES: Record<string, P[]> = {
  args_get: [I, I], args_sizes_get: [I, I], environ_get: [I, I], environ_sizes_get: [I, I],
  clock_res_get: [I, I], clock_time_get: [I, L, I],
  fd_advise: [I, L, L, I], fd_allocate: [I, L, L], fd_close: [I], fd_datasync: [I],
  fd_fdstat_get: [I, I], fd_fdstat_set_flags: [I, I], fd_fdstat_set_rights: [I, L, L],
  fd_filestat_get: [I, I], fd_filestat_set_size: [I, L], fd_filestat_set_times: [I, L, L, I],
  fd_pread: [I, I, I, L, I], fd_prestat_get: [I, I], fd_prestat_dir_name: [I, I, I],
  fd_pwrite: [I, I, I, L, I], fd_read: [I, I, I, I], fd_readdir: [I, I, I, L, I],
  fd_renumber: [I, I], fd_seek: [I, L, I, I], fd_sync: [I], fd_tell: [I, I], fd_write: [I, I, I, I],
  path_create_directory: [I, I, I], path_filestat_get: [I, I, I, I, I],
  path_filestat_set_times: [I, I, I, I, L, L, I], path_link: [I, I, I, I, I, I, I],
  path_open: [I, I, I, I, I, L, L, I, I], path_readlink: [I, I, I, I, I, I],
  path_remove_directory: [I, I, I], path_rename: [I, I, I, I, I, I], path_symlink: [I, I, I, I, I],
  path_unlink_file: [I, I, I], poll_oneoff: [I, I, I, I], proc_exit: [I], proc_raise: [I],
  sched_yield: [], random_get: [I, I], sock_accept: [I, I, I], sock_recv: [I, I, I, I, I, I],
  sock_send: [I, I, I, I, I], sock_shutdown: [I, I],
};

/** Functions missing from wasi_unstable. */
export const PREVIEW1_ONLY: ReadonlySet<string> = new Set(['sock_accept']);

export function hasFunction(abi: Abi, name: string): boolean {
  return name in SIGNATURES && !(abi === 'unstable' && PREVIEW1_ONLY.has(name));
}

/** Syscall families, in report order (report grouping, summaries, mutation score). */
export const FAMILIES = ['args_env', 'clock', 'fd', 'path', 'poll', 'proc', 'random', 'sched', 'sock'] as const;
export type Family = typeof FAMILIES[number];

/** The family a syscall belongs to (report grouping, mutation score). */
export function familyOf(syscall: string): string {
  if (syscall.startsWith('args_') || syscall.startsWith('environ_')) return 'args_env';
  if (syscall.startsWith('clock_')) return 'clock';
  if (syscall.startsWith('fd_')) return 'fd';
  if (syscall.startsWith('path_')) return 'path';
  if (syscall === 'poll_oneoff') return 'poll';
  if (syscall.startsWith('proc_')) return 'proc';
  if (syscall === 'random_get') return 'random';
  if (syscall === 'sched_yield') return 'sched';
  if (syscall.startsWith('sock_')) return 'sock';
  return 'other';
}
