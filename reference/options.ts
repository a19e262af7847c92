/**
 * The WASI constructor options: node:wasi's (validated in node's order with node's errors) plus
 * this implementation's extras (`fs`, `clock`, `random`, `trace`).
 */
import { ABIS, type AbiTable } from './abi.js';
import type { Clock, RandomSource, TraceFn } from './context.js';
import type { FileSystem } from './fs/types.js';
import type { SocketEndpoint, SocketListener } from './fd/socket.js';
import { hostClock, hostRandom } from './host.js';
import { invalidArgType, invalidArgValue, outOfRange } from './node-errors.js';

export interface WASIOptions {
  /** The ABI: `'preview1'` (module `wasi_snapshot_preview1`) or `'unstable'` (`wasi_unstable`). Required. */
  version: 'preview1' | 'unstable';
  /** argv as the guest sees it (each converted with String()). Default []. */
  args?: readonly unknown[];
  /** Environment variables (values converted with String()). Default {}. */
  env?: Readonly<Record<string, unknown>>;
  /** Preopened directories: guest path → host path (or a path in `fs`). Default {}. */
  preopens?: Readonly<Record<string, string>>;
  /** proc_exit returns from start() (true, default) or exits the host process (false). */
  returnOnExit?: boolean;
  /** Host fds backing guest fds 0, 1, 2 (default 0, 1, 2). */
  stdin?: number;
  stdout?: number;
  stderr?: number;
  /** Extra: the filesystem backend for preopens (reference/fs: HostFS, MemoryFS). */
  fs?: FileSystem;
  /**
   * Extra: sockets handed to the guest (connected endpoints or listeners, fd/socket.ts), as fds
   * after the preopens in array order — preview1 can use sockets but not create them.
   */
  sockets?: readonly (SocketEndpoint | SocketListener)[];
  /** Extra: replaces the host clocks (deterministic runs). */
  clock?: Clock;
  /** Extra: replaces the host CSPRNG (deterministic runs). */
  random?: RandomSource;
  /** Extra: called after every syscall with its name, arguments and errno. */
  trace?: TraceFn;
}

/** Options after validation, with defaults applied. */
export interface ResolvedOptions {
  abi: AbiTable;
  args: string[];
  env: string[];
  preopens: [guest: string, host: string][];
  returnOnExit: boolean;
  stdio: [number, number, number];
  fs: FileSystem | undefined;
  sockets: readonly (SocketEndpoint | SocketListener)[];
  clock: Clock;
  random: RandomSource;
  trace: TraceFn | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** node's validateObject: a non-null, non-array object. */
export function validateObject(value: unknown, name: string): asserts value is Record<string, unknown> {
  if (!isObject(value)) throw invalidArgType(name, 'of type object', value);
}

/** node's validateInt32 with min 0: a number, an integer, in [0, 2**31-1]. */
function validateFd(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
  if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
  if (value < 0 || value > 2 ** 31 - 1) throw outOfRange(name, '>= 0 && <= 2147483647', value);
  return value;
}

function validateFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value);
}

/** Validate the extras: `fs` an object, `clock` an object with now/resolution, `random`/`trace` functions. */
function validateExtras(o: Record<string, unknown>): void {
  if (o.fs !== undefined) validateObject(o.fs, 'options.fs');
  if (o.sockets !== undefined && !Array.isArray(o.sockets)) throw invalidArgType('options.sockets', 'an instance of Array', o.sockets);
  if (o.clock !== undefined) {
    validateObject(o.clock, 'options.clock');
    validateFunction(o.clock.now, 'options.clock.now');
    validateFunction(o.clock.resolution, 'options.clock.resolution');
  }
  if (o.random !== undefined) validateFunction(o.random, 'options.random');
  if (o.trace !== undefined) validateFunction(o.trace, 'options.trace');
}

export function resolveOptions(options: unknown = {}): ResolvedOptions {
  validateObject(options, 'options');
  const o = options;
  if (typeof o.version !== 'string') throw invalidArgType('options.version', 'of type string', o.version);
  const abi = (ABIS as Record<string, AbiTable | undefined>)[o.version];
  if (!abi || !Object.hasOwn(ABIS, o.version)) throw invalidArgValue('options.version', o.version, 'unsupported WASI version');
  if (o.args !== undefined && !Array.isArray(o.args)) throw invalidArgType('options.args', 'an instance of Array', o.args);
  if (o.env !== undefined) validateObject(o.env, 'options.env');
  if (o.preopens !== undefined) validateObject(o.preopens, 'options.preopens');
  if (o.returnOnExit !== undefined && typeof o.returnOnExit !== 'boolean') {
    throw invalidArgType('options.returnOnExit', 'of type boolean', o.returnOnExit);
  }
  const stdio: [number, number, number] = [
    o.stdin === undefined ? 0 : validateFd(o.stdin, 'options.stdin'),
    o.stdout === undefined ? 1 : validateFd(o.stdout, 'options.stdout'),
    o.stderr === undefined ? 2 : validateFd(o.stderr, 'options.stderr'),
  ];
  validateExtras(o);
  return {
    abi,
    args: ((o.args as unknown[] | undefined) ?? []).map(String),
    env: Object.entries((o.env as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => `${k}=${String(v)}`),
    preopens: Object.entries((o.preopens as Record<string, unknown> | undefined) ?? {}).map(([g, h]) => [g, String(h)]),
    returnOnExit: (o.returnOnExit as boolean | undefined) ?? true,
    stdio,
    fs: o.fs as FileSystem | undefined,
    sockets: (o.sockets as ResolvedOptions['sockets'] | undefined) ?? [],
    clock: (o.clock as Clock | undefined) ?? hostClock,
    random: (o.random as RandomSource | undefined) ?? hostRandom,
    trace: o.trace as TraceFn | undefined,
  };
}
