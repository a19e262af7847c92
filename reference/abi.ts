/**
 * The two WASI ABIs as data: one table per ABI (`preview1` = `wasi_snapshot_preview1`,
 * `unstable` = `wasi_unstable`, a.k.a. preview0). Everything that differs between them —
 * module name, function list, whence values, filestat and subscription layouts, rights bits —
 * is read from here; no other module hard-codes an ABI detail.
 *
 * Numbers come from the witx (spec/preview1/typenames.witx, spec/preview0/typenames.witx) and the
 * generated docs.md (sizes, alignments, offsets). Enum values are declaration order; flag bits are
 * `1 << declaration index`.
 */

/** The 77 errno names in witx declaration order: the index is the errno value (same in both ABIs). */
export const ERRNO_NAMES = [
  'success', '2big', 'acces', 'addrinuse', 'addrnotavail', 'afnosupport', 'again', 'already',
  'badf', 'badmsg', 'busy', 'canceled', 'child', 'connaborted', 'connrefused', 'connreset',
  'deadlk', 'destaddrreq', 'dom', 'dquot', 'exist', 'fault', 'fbig', 'hostunreach', 'idrm',
  'ilseq', 'inprogress', 'intr', 'inval', 'io', 'isconn', 'isdir', 'loop', 'mfile', 'mlink',
  'msgsize', 'multihop', 'nametoolong', 'netdown', 'netreset', 'netunreach', 'nfile', 'nobufs',
  'nodev', 'noent', 'noexec', 'nolck', 'nolink', 'nomem', 'nomsg', 'noprotoopt', 'nospc', 'nosys',
  'notconn', 'notdir', 'notempty', 'notrecoverable', 'notsock', 'notsup', 'notty', 'nxio',
  'overflow', 'ownerdead', 'perm', 'pipe', 'proto', 'protonosupport', 'prototype', 'range', 'rofs',
  'spipe', 'srch', 'stale', 'timedout', 'txtbsy', 'xdev', 'notcapable',
] as const;
export type ErrnoName = (typeof ERRNO_NAMES)[number];

/** `{ name: value }` for a list of names whose value is the index. */
function enumOf<const N extends readonly string[]>(names: N): { readonly [K in N[number]]: number } {
  return Object.fromEntries(names.map((n, i) => [n, i])) as { [K in N[number]]: number };
}
/** `{ name: 1 << index }` for a list of flag names (u16/u8/u32 flags). */
function flagsOf<const N extends readonly string[]>(names: N): { readonly [K in N[number]]: number } {
  return Object.fromEntries(names.map((n, i) => [n, 1 << i])) as { [K in N[number]]: number };
}
/** `{ name: 1n << index }` for the u64 rights flags. */
function bigFlagsOf<const N extends readonly string[]>(names: N): { readonly [K in N[number]]: bigint } {
  return Object.fromEntries(names.map((n, i) => [n, 1n << BigInt(i)])) as { [K in N[number]]: bigint };
}

/** errno name → number, e.g. `errno.badf === 8`. Identical in both ABIs. */
export const errno = enumOf(ERRNO_NAMES);
/** errno number → name (`'badf'`), or `errno#<n>` for a number outside the enum. */
export function errnoName(n: number): string {
  return ERRNO_NAMES[n] ?? `errno#${n}`;
}

const RIGHTS_COMMON = [
  'fd_datasync', 'fd_read', 'fd_seek', 'fd_fdstat_set_flags', 'fd_sync', 'fd_tell', 'fd_write',
  'fd_advise', 'fd_allocate', 'path_create_directory', 'path_create_file', 'path_link_source',
  'path_link_target', 'path_open', 'fd_readdir', 'path_readlink', 'path_rename_source',
  'path_rename_target', 'path_filestat_get', 'path_filestat_set_size', 'path_filestat_set_times',
  'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'path_symlink',
  'path_remove_directory', 'path_unlink_file', 'poll_fd_readwrite', 'sock_shutdown',
] as const;
/** Rights bits; `sock_accept` (bit 29) exists only in preview1. */
export const rights = bigFlagsOf([...RIGHTS_COMMON, 'sock_accept'] as const);
export type RightName = keyof typeof rights;

export const clockid = enumOf(['realtime', 'monotonic', 'process_cputime_id', 'thread_cputime_id'] as const);
export const filetype = enumOf(['unknown', 'block_device', 'character_device', 'directory', 'regular_file',
  'socket_dgram', 'socket_stream', 'symbolic_link'] as const);
export const advice = enumOf(['normal', 'sequential', 'random', 'willneed', 'dontneed', 'noreuse'] as const);
export const eventtype = enumOf(['clock', 'fd_read', 'fd_write'] as const);
export const preopentype = enumOf(['dir'] as const);
export const signal = enumOf(['none', 'hup', 'int', 'quit', 'ill', 'trap', 'abrt', 'bus', 'fpe', 'kill',
  'usr1', 'segv', 'usr2', 'pipe', 'alrm', 'term', 'chld', 'cont', 'stop', 'tstp', 'ttin', 'ttou', 'urg',
  'xcpu', 'xfsz', 'vtalrm', 'prof', 'winch', 'poll', 'pwr', 'sys'] as const);
export const fdflags = flagsOf(['append', 'dsync', 'nonblock', 'rsync', 'sync'] as const);
export const oflags = flagsOf(['creat', 'directory', 'excl', 'trunc'] as const);
export const lookupflags = flagsOf(['symlink_follow'] as const);
export const fstflags = flagsOf(['atim', 'atim_now', 'mtim', 'mtim_now'] as const);
export const subclockflags = flagsOf(['subscription_clock_abstime'] as const);
export const eventrwflags = flagsOf(['fd_readwrite_hangup'] as const);
export const riflags = flagsOf(['recv_peek', 'recv_waitall'] as const);
export const roflags = flagsOf(['recv_data_truncated'] as const);
export const sdflags = flagsOf(['rd', 'wr'] as const);

/** A scalar field of a struct: byte offset and width (`u8` … `u64`). */
export type Width = 'u8' | 'u16' | 'u32' | 'u64';
export interface Field { readonly offset: number; readonly type: Width }
/** A struct layout as data; `memory.ts` reads and writes structs from it. */
export interface Layout<F extends string = string> {
  readonly size: number;
  readonly align: number;
  readonly fields: { readonly [K in F]: Field };
}
const f = (offset: number, type: Width): Field => ({ offset, type });

const iovec: Layout<'buf' | 'buf_len'> = { size: 8, align: 4, fields: { buf: f(0, 'u32'), buf_len: f(4, 'u32') } };
const fdstat: Layout<'fs_filetype' | 'fs_flags' | 'fs_rights_base' | 'fs_rights_inheriting'> = {
  size: 24, align: 8,
  fields: { fs_filetype: f(0, 'u8'), fs_flags: f(2, 'u16'), fs_rights_base: f(8, 'u64'), fs_rights_inheriting: f(16, 'u64') },
};
/** `prestat` is a union tagged by `preopentype` (u8); the only case is `prestat_dir`. */
const prestat: Layout<'tag' | 'pr_name_len'> = { size: 8, align: 4, fields: { tag: f(0, 'u8'), pr_name_len: f(4, 'u32') } };
/** The fixed header of a directory entry; the name (`d_namlen` bytes, no NUL) follows it. */
const dirent: Layout<'d_next' | 'd_ino' | 'd_namlen' | 'd_type'> = {
  size: 24, align: 8, fields: { d_next: f(0, 'u64'), d_ino: f(8, 'u64'), d_namlen: f(16, 'u32'), d_type: f(20, 'u8') },
};
/** `event` with its `event_fd_readwrite` member flattened (`nbytes` at 16, `flags` at 24). */
const event: Layout<'userdata' | 'error' | 'type' | 'nbytes' | 'flags'> = {
  size: 32, align: 8,
  fields: { userdata: f(0, 'u64'), error: f(8, 'u16'), type: f(10, 'u8'), nbytes: f(16, 'u64'), flags: f(24, 'u16') },
};

export type FilestatField = 'dev' | 'ino' | 'filetype' | 'nlink' | 'size' | 'atim' | 'mtim' | 'ctim';
/**
 * `subscription` with the union flattened: `tag` is the `eventtype`; `clock_*` fields are valid
 * when tag = clock, `fd` when tag = fd_read / fd_write. `clock_identifier` exists only in unstable.
 */
export type SubscriptionField = 'userdata' | 'tag' | 'clock_id' | 'clock_timeout' | 'clock_precision'
  | 'clock_flags' | 'fd' | 'clock_identifier';

export type AbiName = 'preview1' | 'unstable';

/** Everything the implementation needs to know about one ABI. */
export interface AbiTable {
  readonly name: AbiName;
  /** The import module name. */
  readonly moduleName: 'wasi_snapshot_preview1' | 'wasi_unstable';
  /** The imported functions, in witx order (46 for preview1, 45 for unstable: no `sock_accept`). */
  readonly functions: readonly string[];
  readonly errno: typeof errno;
  /** `whence` values: preview1 set=0 cur=1 end=2; unstable cur=0 end=1 set=2. */
  readonly whence: { readonly set: number; readonly cur: number; readonly end: number };
  /** Every right this ABI defines, OR-ed together. */
  readonly allRights: bigint;
  readonly rights: { readonly [K in RightName]?: bigint };
  readonly clockid: typeof clockid;
  readonly filetype: typeof filetype;
  readonly advice: typeof advice;
  readonly eventtype: typeof eventtype;
  readonly preopentype: typeof preopentype;
  readonly signal: typeof signal;
  readonly fdflags: typeof fdflags;
  readonly oflags: typeof oflags;
  readonly lookupflags: typeof lookupflags;
  readonly fstflags: typeof fstflags;
  readonly subclockflags: typeof subclockflags;
  readonly eventrwflags: typeof eventrwflags;
  readonly riflags: typeof riflags;
  readonly roflags: typeof roflags;
  readonly sdflags: typeof sdflags;
  readonly layouts: {
    readonly iovec: typeof iovec;
    readonly ciovec: typeof iovec;
    readonly fdstat: typeof fdstat;
    readonly prestat: typeof prestat;
    readonly dirent: typeof dirent;
    readonly event: typeof event;
    /** 64 bytes, nlink u64 at 24 (preview1); 56 bytes, nlink u32 at 20 (unstable). */
    readonly filestat: Layout<FilestatField>;
    /** 48 bytes (preview1); 56 bytes with `clock_identifier` (unstable). */
    readonly subscription: Layout<Exclude<SubscriptionField, 'clock_identifier'>> & {
      readonly fields: { readonly clock_identifier?: Field };
    };
  };
}

const FUNCTIONS_COMMON = [
  'args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get', 'clock_time_get',
  'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get', 'fd_fdstat_set_flags',
  'fd_fdstat_set_rights', 'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread',
  'fd_prestat_get', 'fd_prestat_dir_name', 'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek',
  'fd_sync', 'fd_tell', 'fd_write', 'path_create_directory', 'path_filestat_get', 'path_filestat_set_times',
  'path_link', 'path_open', 'path_readlink', 'path_remove_directory', 'path_rename', 'path_symlink',
  'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise', 'sched_yield', 'random_get',
] as const;
const SOCK_FUNCTIONS = ['sock_recv', 'sock_send', 'sock_shutdown'] as const;
/** Every function name of either ABI. */
export type SyscallName = (typeof FUNCTIONS_COMMON)[number] | (typeof SOCK_FUNCTIONS)[number] | 'sock_accept';

const shared = {
  errno, clockid, filetype, advice, eventtype, preopentype, signal, fdflags, oflags, lookupflags, fstflags,
  subclockflags, eventrwflags, riflags, roflags, sdflags,
} as const;
const orAll = (bits: readonly bigint[]): bigint => bits.reduce((a, b) => a | b, 0n);
const { sock_accept: _sockAcceptBit, ...rightsUnstable } = rights;

export const preview1: AbiTable = {
  name: 'preview1',
  moduleName: 'wasi_snapshot_preview1',
  functions: [...FUNCTIONS_COMMON, 'sock_accept', ...SOCK_FUNCTIONS],
  ...shared,
  whence: { set: 0, cur: 1, end: 2 },
  rights,
  allRights: orAll(Object.values(rights)),
  layouts: {
    iovec, ciovec: iovec, fdstat, prestat, dirent, event,
    filestat: {
      size: 64, align: 8,
      fields: { dev: f(0, 'u64'), ino: f(8, 'u64'), filetype: f(16, 'u8'), nlink: f(24, 'u64'), size: f(32, 'u64'),
        atim: f(40, 'u64'), mtim: f(48, 'u64'), ctim: f(56, 'u64') },
    },
    subscription: {
      size: 48, align: 8,
      fields: { userdata: f(0, 'u64'), tag: f(8, 'u8'), clock_id: f(16, 'u32'), clock_timeout: f(24, 'u64'),
        clock_precision: f(32, 'u64'), clock_flags: f(40, 'u16'), fd: f(16, 'u32') },
    },
  },
};

export const unstable: AbiTable = {
  name: 'unstable',
  moduleName: 'wasi_unstable',
  functions: [...FUNCTIONS_COMMON, ...SOCK_FUNCTIONS],
  ...shared,
  whence: { cur: 0, end: 1, set: 2 },
  rights: rightsUnstable,
  allRights: orAll(Object.values(rightsUnstable)),
  layouts: {
    iovec, ciovec: iovec, fdstat, prestat, dirent, event,
    filestat: {
      size: 56, align: 8,
      fields: { dev: f(0, 'u64'), ino: f(8, 'u64'), filetype: f(16, 'u8'), nlink: f(20, 'u32'), size: f(24, 'u64'),
        atim: f(32, 'u64'), mtim: f(40, 'u64'), ctim: f(48, 'u64') },
    },
    subscription: {
      size: 56, align: 8,
      fields: { userdata: f(0, 'u64'), tag: f(8, 'u8'), clock_identifier: f(16, 'u64'), clock_id: f(24, 'u32'),
        clock_timeout: f(32, 'u64'), clock_precision: f(40, 'u64'), clock_flags: f(48, 'u16'), fd: f(16, 'u32') },
    },
  },
};

export const ABIS: { readonly [K in AbiName]: AbiTable } = { preview1, unstable };

/** The ABI whose module name is `moduleName`, if any. */
export function abiForModule(moduleName: string): AbiTable | undefined {
  return Object.values(ABIS).find((a) => a.moduleName === moduleName);
}
