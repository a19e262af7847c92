/** The package root: the node:wasi-compatible `WASI` class, the filesystem backends and the ABI tables. */
export { WASI, type WASIOptions } from './wasi.js';
export { HostFS } from './fs/host.js';
export { MemoryFS, type MemoryTree, type MemoryFSOptions } from './fs/memory.js';
export type { FileSystem } from './fs/types.js';
export { ABIS, preview1, unstable, errno, errnoName, type AbiTable, type AbiName } from './abi.js';
export type { Clock, ClockName, RandomSource, TraceCall, TraceFn } from './context.js';
