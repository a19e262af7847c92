/** The package root: the node:wasi-compatible `WASI` class, the filesystem backends, in-memory sockets (the `sockets` option) and the ABI tables. */
export { WASI, type WASIOptions } from './wasi.js';
export { HostFS } from './fs/host.js';
export { MemoryFS, type MemoryTree, type MemoryFSOptions } from './fs/memory.js';
export type { FileSystem, FsDir, FsFile, Stat, DirEntry, SetTimes, OpenFileOptions } from './fs/types.js';
export { memorySocketPair, MemoryListener, MemorySocket, type SocketEndpoint, type SocketListener } from './fd/socket.js';
export { ABIS, preview1, unstable, errno, errnoName, type AbiTable, type AbiName } from './abi.js';
export type { Clock, ClockName, RandomSource, TraceCall, TraceFn } from './context.js';
