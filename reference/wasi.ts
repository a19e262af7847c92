/**
 * `WASI`: a drop-in for node:wasi's class — same constructor options, members and misuse errors
 * (node 20's observable behaviour), backed by the reference syscalls.
 *
 * Lifecycle: the constructor validates options and builds the fd table (stdio 0-2, then the
 * preopens) and `wasiImport`. Syscalls need guest memory, so until `start`, `initialize` or
 * `finalizeBindings` has bound an instance every syscall throws ERR_WASI_NOT_STARTED. Each of the
 * three may succeed once per object (ERR_WASI_ALREADY_STARTED afterwards); `start` and
 * `initialize` count as used even when their validation fails, as in node 20.
 */
import type { AbiTable } from './abi.js';
import type { SyscallContext } from './context.js';
import { ProcExit } from './errors.js';
import { StdioFd } from './fd/stdio.js';
import { FdTable } from './fdtable.js';
import { buildWasiImport, type WasiImport } from './imports.js';
import { GuestMemory } from './memory.js';
import { invalidArgType, invalidArgTypeMessage, wasiAlreadyStarted, wasiNotStarted } from './node-errors.js';
import { resolveOptions, validateObject, type ResolvedOptions, type WASIOptions } from './options.js';
import { installPreopens } from './preopens.js';
import { socketFdFor } from './fd/socket.js';

export type { WASIOptions } from './options.js';

interface InstanceLike { exports: Record<string, unknown> }

/** node's checks on an instance: an object whose `exports` is an object. */
function validateInstance(instance: unknown): asserts instance is InstanceLike {
  validateObject(instance, 'instance');
  validateObject(instance.exports, 'instance.exports');
}

function validateMemory(memory: unknown): WebAssembly.Memory {
  if (!(memory instanceof WebAssembly.Memory)) {
    throw invalidArgTypeMessage('"instance.exports.memory" property must be a WebAssembly.Memory object');
  }
  return memory;
}

export class WASI {
  /** The syscall functions, to import as the ABI's module (`wasi_snapshot_preview1` / `wasi_unstable`). */
  wasiImport: WasiImport;

  readonly #options: ResolvedOptions;
  readonly #fds = new FdTable();
  #context: SyscallContext | undefined;
  #started = false;

  constructor(options?: WASIOptions) {
    this.#options = resolveOptions(options);
    this.#options.stdio.forEach((hostFd, fd) => this.#fds.set(fd, new StdioFd(hostFd)));
    installPreopens(this.#fds, this.#options.preopens, this.#options.fs);
    for (const socket of this.#options.sockets) this.#fds.insert(socketFdFor(socket));
    this.wasiImport = buildWasiImport(this.#options.abi, () => this.#ctx(), this.#options.trace);
  }

  /** The ABI this object implements. */
  get abi(): AbiTable {
    return this.#options.abi;
  }

  /** `{ [moduleName]: wasiImport }`, ready for `WebAssembly.instantiate`. */
  getImportObject(): Record<string, WasiImport> {
    return { [this.#options.abi.moduleName]: this.wasiImport };
  }

  /**
   * Run a command: bind `instance`, call its `_start` export. Returns the exit code: 0 when
   * `_start` returns, proc_exit's code when the guest calls it (returnOnExit). Traps and other
   * exceptions from the guest propagate.
   */
  start(instance: unknown): number {
    this.#claim();
    this.#bind(instance);
    const { _start, _initialize } = (instance as InstanceLike).exports;
    if (typeof _start !== 'function') throw invalidArgType('instance.exports._start', 'of type function', _start);
    if (_initialize !== undefined) throw invalidArgType('instance.exports._initialize', 'undefined', _initialize);
    try {
      _start();
    } catch (e) {
      if (e instanceof ProcExit) return e.code | 0; // node returns the i32 view of the u32 code
      throw e;
    }
    return 0;
  }

  /** Initialise a reactor: bind `instance`, call its `_initialize` export if it has one. */
  initialize(instance: unknown): void {
    this.#claim();
    this.#bind(instance);
    const { _start, _initialize } = (instance as InstanceLike).exports;
    if (_start !== undefined) throw invalidArgType('instance.exports._start', 'undefined', _start);
    if (_initialize !== undefined && typeof _initialize !== 'function') {
      throw invalidArgType('instance.exports._initialize', 'of type function', _initialize);
    }
    if (typeof _initialize === 'function') _initialize();
  }

  /**
   * Bind `instance` without running anything (node ≥ 24.4 API): memory is `options.memory` or
   * the instance's `memory` export. Throws ERR_WASI_ALREADY_STARTED once bound; a call that
   * fails validation leaves the object unbound.
   */
  finalizeBindings(instance: unknown, options: { memory?: unknown } = {}): void {
    if (this.#started) throw wasiAlreadyStarted();
    validateInstance(instance);
    const memory = validateMemory(options.memory ?? instance.exports.memory);
    this.#started = true;
    this.#setMemory(memory);
  }

  #claim(): void {
    if (this.#started) throw wasiAlreadyStarted();
    this.#started = true;
  }

  #bind(instance: unknown): void {
    validateInstance(instance);
    this.#setMemory(validateMemory(instance.exports.memory));
  }

  #setMemory(memory: WebAssembly.Memory): void {
    const o = this.#options;
    this.#context = {
      abi: o.abi, memory: new GuestMemory(() => memory), fds: this.#fds, args: o.args, env: o.env,
      clock: o.clock, random: o.random, returnOnExit: o.returnOnExit, fs: o.fs,
    };
  }

  #ctx(): SyscallContext {
    if (!this.#context) throw wasiNotStarted();
    return this.#context;
  }
}
