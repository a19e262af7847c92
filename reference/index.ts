/** The package root: the node:wasi-compatible `WASI` class and the ABI tables. */
export { WASI, type WASIOptions } from './wasi.js';
export { ABIS, preview1, unstable, errno, errnoName, type AbiTable, type AbiName } from './abi.js';
export type { Clock, ClockName, RandomSource, TraceCall, TraceFn } from './context.js';
