/**
 * Fuzzing the reference: a JS driver calls `wasiImport` directly, with a real WebAssembly.Memory
 * bound through `finalizeBindings`, 10,000 times per ABI over every function of the ABI (46 in
 * preview1, 45 in wasi_unstable), with arguments from a seeded PRNG: small numbers, boundaries,
 * random 32/64-bit values, rights masks, and pointers into memory prepared with hostile paths
 * (`..`, absolute, through symlinks, NUL, invalid UTF-8), iovec arrays and subscriptions.
 *
 * The sandbox is a preopened temporary directory; its sibling `outside/` is a canary tree (a file,
 * a directory, a symlink, a file the sandbox also links to). Checked:
 *   - only the documented unwinding escapes wasiImport: WebAssembly.RuntimeError (a trap) and
 *     proc_exit's ProcExit; every other call returns an errno (an integer in the errno range);
 *   - the same calls made on the syscall implementations themselves throw nothing but the kinds
 *     the registry wrapper maps on purpose (WasiError, a host SystemError, a trap, ProcExit): a
 *     TypeError or RangeError would be a bug the wrapper hides as EIO;
 *   - nothing outside the sandbox is touched: the canary's content, kinds, sizes, modes, link
 *     counts and times, and the listing of the sandbox's parent, are the same after every run
 *     of calls as before.
 * A run of calls (an "episode", 250 calls or until proc_exit) gets a fresh sandbox, a fresh WASI
 * object and fresh memory contents, and starts by opening two files and a directory as a guest
 * would; poll_oneoff's clock timeouts are clamped to 2 ms so the test stays fast.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AbiTable as ReferenceAbi } from '../reference/abi.js';
import type { SyscallContext } from '../reference/context.js';
import { ProcExit, WasiError } from '../reference/errors.js';
import { StdioFd } from '../reference/fd/stdio.js';
import { FdTable } from '../reference/fdtable.js';
import { GuestMemory } from '../reference/memory.js';
import { resolveOptions } from '../reference/options.js';
import { installPreopens } from '../reference/preopens.js';
import { registry } from '../reference/syscalls/index.js';
import { WASI } from '../reference/wasi.js';
import { closeFdsUnder } from '../runner/fdsweep.js';
import { sandboxRoot } from '../runner/sandbox.js';
import { ABI_TABLES, ERRNO, LOOKUP, OFLAGS, SIGNATURES, hasFunction } from '../suites/spec.js';
import { DIR_ALL, FILE_RW } from './helpers/fs-table.js';
import type { Abi } from '../suites/sidecar.js';

const SEED = 0x5eedf022;
const CALLS_PER_ABI = 10_000;
const EPISODE = 250;
const PAGES = 2;
const MAX_ERRNO = Math.max(...Object.values(ERRNO));
const MAX_POLL_WAIT_NS = 2_000_000;

const imul = Math.imul; // (globals are slow to reach inside jest's vm context; this runs millions of times)

/** mulberry32: a small seeded PRNG; `u32()` a random 32-bit word, the function itself uniform in [0, 1). */
function prng(seed: number): (() => number) & { u32: () => number } {
  let a = seed >>> 0;
  const u32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return Object.assign(() => u32() / 4294967296, { u32 });
}

const utf8 = (p: string) => new TextEncoder().encode(p);

/** Paths inside the sandbox (they get calls past path resolution, to the action). */
const BENIGN_PATHS: Uint8Array[] = ['.', 'a.txt', 'sub', 'sub/', 'sub/b.txt', 'sub/deep', 'sub/..', 'sub/../a.txt', 'sub/./b.txt',
  'ln', 'new', 'new/x', 'sub/new.txt', 'made', 'made/inner', 'sub/deep/new'].map(utf8);
/** Paths a hostile guest would try (as bytes: some are not valid UTF-8). */
const HOSTILE_PATHS: Uint8Array[] = [
  '..', '', '/', 'a.txt/', 'sub/../..', '../outside', '../outside/canary.txt', '..//outside/canary.txt', '../sandbox/a.txt',
  '../../..', '....', 'outside', '/etc/passwd', '/tmp', '/sandbox/a.txt', 'ln/', 'dotdot', 'dotdot/outside/canary.txt', 'abs',
  'abs/passwd', 'escape', 'escape/', 'loop', 'loop/x', 'x/../../outside', 'a\0b', '\0', 'n'.repeat(300), 'sub/deep/../../../outside',
].map(utf8).concat([new Uint8Array([0xff, 0xfe, 0x2f, 0x2e, 0x2e]), new Uint8Array([0x2e, 0x2e, 0xc0, 0xaf])]);
const PATHS = [...BENIGN_PATHS, ...HOSTILE_PATHS];

/** Memory layout of the prepared regions (the rest of memory is random bytes). */
const AT = { paths: 0, iovecs: 4096, buffers: 8192, subscriptions: 16384, scratch: 24576 } as const;

/**
 * What each parameter of each function is, in witx order, so most arguments are plausible (an
 * open fd, a path from PATHS, an in-bounds out-pointer) and the calls get past the first check;
 * half the calls then get hostile values for one or more roles (ArgMaker.args). Two-parameter
 * roles (path, iovs, buf) are a pointer and its length. The test checks this table against
 * SIGNATURES.
 */
type Role = 'fd' | 'path' | 'iovs' | 'buf' | 'out' | 'subs' | 'rights' | 'u64' | keyof typeof SMALL;
/** Small-number roles: flag sets (a subset of `bits` low bits) and enums (0 ≤ value < `values`). */
const SMALL = {
  lookup: { bits: 1 }, oflags: { bits: 4 }, fdflags: { bits: 5 }, fstflags: { bits: 4 }, sdflags: { bits: 2 },
  riflags: { bits: 2 }, siflags: { bits: 0 }, whence: { values: 3 }, clockid: { values: 4 }, advice: { values: 6 },
  signal: { values: 31 }, exitcode: { values: 256 }, nsubs: { values: 9 },
} as const;
const ROLES: Record<string, Role[]> = {
  args_get: ['out', 'out'], args_sizes_get: ['out', 'out'], environ_get: ['out', 'out'], environ_sizes_get: ['out', 'out'],
  clock_res_get: ['clockid', 'out'], clock_time_get: ['clockid', 'u64', 'out'],
  fd_advise: ['fd', 'u64', 'u64', 'advice'], fd_allocate: ['fd', 'u64', 'u64'], fd_close: ['fd'], fd_datasync: ['fd'],
  fd_fdstat_get: ['fd', 'out'], fd_fdstat_set_flags: ['fd', 'fdflags'], fd_fdstat_set_rights: ['fd', 'rights', 'rights'],
  fd_filestat_get: ['fd', 'out'], fd_filestat_set_size: ['fd', 'u64'], fd_filestat_set_times: ['fd', 'u64', 'u64', 'fstflags'],
  fd_pread: ['fd', 'iovs', 'u64', 'out'], fd_prestat_get: ['fd', 'out'], fd_prestat_dir_name: ['fd', 'buf'],
  fd_pwrite: ['fd', 'iovs', 'u64', 'out'], fd_read: ['fd', 'iovs', 'out'], fd_readdir: ['fd', 'buf', 'u64', 'out'],
  fd_renumber: ['fd', 'fd'], fd_seek: ['fd', 'u64', 'whence', 'out'], fd_sync: ['fd'], fd_tell: ['fd', 'out'],
  fd_write: ['fd', 'iovs', 'out'],
  path_create_directory: ['fd', 'path'], path_filestat_get: ['fd', 'lookup', 'path', 'out'],
  path_filestat_set_times: ['fd', 'lookup', 'path', 'u64', 'u64', 'fstflags'], path_link: ['fd', 'lookup', 'path', 'fd', 'path'],
  path_open: ['fd', 'lookup', 'path', 'oflags', 'rights', 'rights', 'fdflags', 'out'], path_readlink: ['fd', 'path', 'buf', 'out'],
  path_remove_directory: ['fd', 'path'], path_rename: ['fd', 'path', 'fd', 'path'], path_symlink: ['path', 'fd', 'path'],
  path_unlink_file: ['fd', 'path'], poll_oneoff: ['subs', 'out', 'nsubs', 'out'], proc_exit: ['exitcode'], proc_raise: ['signal'],
  sched_yield: [], random_get: ['buf'], sock_accept: ['fd', 'fdflags', 'out'], sock_recv: ['fd', 'iovs', 'riflags', 'out', 'out'],
  sock_send: ['fd', 'iovs', 'siflags', 'out'], sock_shutdown: ['fd', 'sdflags'],
};
const PAIRS: ReadonlySet<Role> = new Set(['path', 'iovs', 'buf']);

interface Fixture { root: string; sandbox: string; outside: string; stdio: string }

function makeFixture(): Fixture {
  // where the runner puts case directories: a RAM-backed one when there is (fd_sync costs nothing there)
  const root = mkdtempSync(join(sandboxRoot(), 'wc-fuzz-'));
  const fx = { root, sandbox: join(root, 'sandbox'), outside: join(root, 'outside'), stdio: join(root, 'stdio') };
  for (const d of [fx.outside, join(fx.outside, 'dir'), fx.stdio]) mkdirSync(d);
  writeFileSync(join(fx.outside, 'canary.txt'), 'do not touch');
  writeFileSync(join(fx.outside, 'dir', 'inner.txt'), 'inner');
  symlinkSync('canary.txt', join(fx.outside, 'link'));
  writeFileSync(join(fx.stdio, 'stdin'), 'input line\n'.repeat(100));
  resetSandbox(fx);
  return fx;
}

/** The sandbox as each episode starts: two files, directories, and symlinks that lead out of it. */
function resetSandbox(fx: Fixture): void {
  rmSync(fx.sandbox, { recursive: true, force: true });
  for (const d of [fx.sandbox, join(fx.sandbox, 'sub'), join(fx.sandbox, 'sub', 'deep')]) mkdirSync(d);
  writeFileSync(join(fx.sandbox, 'a.txt'), 'hello');
  writeFileSync(join(fx.sandbox, 'sub', 'b.txt'), 'bee');
  symlinkSync('a.txt', join(fx.sandbox, 'ln'));
  symlinkSync('..', join(fx.sandbox, 'dotdot'));
  symlinkSync('/etc', join(fx.sandbox, 'abs'));
  symlinkSync('../outside/canary.txt', join(fx.sandbox, 'escape'));
  symlinkSync('loop', join(fx.sandbox, 'loop'));
}

/** Everything observable about the tree outside the sandbox: one line per entry. */
function outsideState(fx: Fixture): string[] {
  const lines = [`parent: ${readdirSync(fx.root).sort().join(' ')}`];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = lstatSync(path, { bigint: true });
      const kind = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
      const content = st.isFile() ? readFileSync(path).toString('base64') : '';
      lines.push(`${rel}${name} ${kind} size=${st.size} mode=${st.mode} nlink=${st.nlink} ino=${st.ino} mtime=${st.mtimeNs} ctime=${st.ctimeNs} ${content}`);
      if (st.isDirectory()) walk(path, `${rel}${name}/`);
    }
  };
  walk(fx.outside, 'outside/');
  return lines;
}

/** Arguments for one call, drawn from the PRNG (raw wasm values: i32 signed, i64 signed bigint). */
class ArgMaker {
  /** Fds the guest holds now (stdio, the preopen, and what path_open / fd_renumber produced). */
  readonly fds = new Set([0, 1, 2, 3]);

  constructor(private readonly rand: () => number, private readonly abi: Abi, private readonly pathAt: { ptr: number; len: number }[]) {}

  private int(n: number): number { return Math.floor(this.rand() * n); }
  private pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }

  /** A hostile i32: a random word, a boundary, a random pointer. */
  private wild32(): number {
    const memLen = PAGES * 65536;
    const r = this.rand();
    if (r < 0.4) return this.int(2 ** 32) | 0;
    if (r < 0.8) return this.pick([0, 1, 3, 7, memLen - 1, memLen, memLen + 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffff8]) | 0;
    return this.int(memLen);
  }

  private wild64(): bigint {
    const r = this.rand();
    if (r < 0.5) return BigInt.asIntN(64, this.pick([0n, -1n, (1n << 63n) - 1n, 1n << 63n, 1n << 32n, (1n << 32n) - 1n]));
    return BigInt.asIntN(64, (BigInt(this.int(2 ** 32)) << 32n) | BigInt(this.int(2 ** 32)));
  }

  /** The raw values for one role (two for pointer + length roles). */
  private plausible(role: Role): (number | bigint)[] {
    switch (role) {
      case 'fd': {
        // the preopen half the time (most calls take a directory), else any fd the guest holds
        const r = this.rand();
        return [r < 0.5 && this.fds.has(3) ? 3 : r < 0.9 ? this.pick([...this.fds]) : this.int(12)];
      }
      case 'path': {
        // pathAt is in PATHS order: the benign ones first
        const p = this.rand() < 0.5 ? this.pathAt[this.int(BENIGN_PATHS.length)]! : this.pick(this.pathAt);
        return [p.ptr, this.rand() < 0.9 ? p.len : this.int(p.len + 3)];
      }
      case 'iovs': return [AT.iovecs + 8 * this.int(8), this.int(5)];
      case 'buf': return [AT.buffers + this.int(4096), this.int(1025)];
      case 'out': return [AT.scratch + 8 * this.int(512)];
      case 'subs': return [AT.subscriptions];
      case 'rights': {
        // none, what real guests ask for (a file's or a directory's usual rights), a few, or any subset
        const r = this.rand();
        const few = () => Array.from({ length: 1 + this.int(3) }, () => 1n << BigInt(this.int(30))).reduce((a, b) => a | b, 0n);
        const any = () => (BigInt(this.int(2 ** 30)) << 30n) | BigInt(this.int(2 ** 30));
        const chosen = r < 0.25 ? 0n : r < 0.5 ? FILE_RW : r < 0.65 ? DIR_ALL : r < 0.85 ? few() : any();
        return [BigInt.asIntN(64, ABI_TABLES[this.abi].allRights & chosen)];
      }
      case 'u64': return [BigInt(this.rand() < 0.5 ? this.int(100) : this.int(2 ** 32))];
      default: {
        // flag sets: none half the time (what most calls pass), else any subset of the defined bits
        const small: { bits?: number; values?: number } = SMALL[role];
        if (small.bits === undefined) return [this.int(small.values!)];
        return [this.rand() < 0.5 ? 0 : this.int(2 ** small.bits)];
      }
    }
  }

  args(name: string): (number | bigint)[] {
    const roles = ROLES[name]!;
    // half the calls are plausible throughout; 40% have one hostile role, 10% several
    const r = this.rand();
    const one = this.int(roles.length);
    const hostile = (i: number) => (r < 0.5 ? false : r < 0.9 ? i === one : this.rand() < 0.3);
    return roles.flatMap((role, i) => {
      const values = this.plausible(role);
      return hostile(i) ? values.map((v) => (typeof v === 'bigint' ? this.wild64() : this.wild32())) : values;
    });
  }

  /** Track the guest's fds after a call returned success. */
  succeeded(name: string, args: (number | bigint)[], mem: Uint8Array): void {
    const view = new DataView(mem.buffer);
    const u32At = (p: number | bigint) => ((p as number) >>> 0) + 4 <= mem.length ? view.getUint32((p as number) >>> 0, true) : null;
    if (name === 'path_open' || name === 'sock_accept') {
      const fd = u32At(args[args.length - 1]!);
      if (fd !== null) this.fds.add(fd);
    } else if (name === 'fd_close') {
      this.fds.delete((args[0] as number) >>> 0);
    } else if (name === 'fd_renumber') {
      this.fds.delete((args[0] as number) >>> 0);
      this.fds.add((args[1] as number) >>> 0);
    }
  }
}

/** Fresh memory contents: random bytes, hostile paths, iovecs over the buffers, subscriptions. */
function fillMemory(mem: Uint8Array, rand: ReturnType<typeof prng>, abi: Abi): { ptr: number; len: number }[] {
  const words = new Uint32Array(mem.buffer);
  for (let i = 0; i < words.length; i++) words[i] = rand.u32();
  const pathAt: { ptr: number; len: number }[] = [];
  let at = AT.paths;
  for (const p of PATHS) {
    mem.set(p, at);
    pathAt.push({ ptr: at, len: p.length });
    at += p.length + 1;
  }
  const view = new DataView(mem.buffer);
  for (let i = 0; i < 16; i++) {
    view.setUint32(AT.iovecs + 8 * i, AT.buffers + 256 * i, true);
    view.setUint32(AT.iovecs + 8 * i + 4, Math.floor(rand() * 257), true);
  }
  mem.fill(0, AT.scratch, AT.scratch + 4096 + 64);
  const sub = ABI_TABLES[abi].layouts.subscription;
  for (let i = 0; i < 8; i++) {
    const base = AT.subscriptions + i * sub.size;
    view.setBigUint64(base, BigInt(i), true);
    mem[base + 8] = Math.floor(rand() * 3); // clock, fd_read, fd_write
    view.setUint32(base + sub.fields.fd!.offset, Math.floor(rand() * 6), true);
  }
  return pathAt;
}

/** Keep poll_oneoff quick: clock subscriptions get relative timeouts of at most 2 ms. */
function clampPoll(mem: Uint8Array, abi: Abi, inPtr: number, nsubs: number, rand: () => number): void {
  const sub = ABI_TABLES[abi].layouts.subscription;
  const view = new DataView(mem.buffer);
  for (let i = 0; i < Math.min(nsubs >>> 0, 64); i++) {
    const base = (inPtr >>> 0) + i * sub.size;
    if (base + sub.size > mem.length) break;
    if (mem[base + 8] !== 0) continue;
    view.setBigUint64(base + sub.fields.clock_timeout!.offset, BigInt(Math.floor(rand() * MAX_POLL_WAIT_NS)), true);
    view.setUint16(base + sub.fields.clock_flags!.offset, 0, true);
  }
}

type Invoke = (name: string, args: (number | bigint)[]) => unknown;

interface Tally {
  calls: number; returned: number; traps: number; exits: number;
  /** Calls per function, and how many of them succeeded (errno 0). */
  byFunction: Map<string, number>; succeeded: Map<string, number>;
  problems: string[];
}

/**
 * Run CALLS_PER_ABI calls in episodes. `session` makes a fresh implementation over fresh stdio
 * for each episode and returns how to call it; `judge` says what is wrong with an outcome.
 */
function fuzz(abi: Abi, fx: Fixture, session: (memory: WebAssembly.Memory, stdio: [number, number, number]) => Invoke,
  judge: (name: string, outcome: { value: unknown } | { error: unknown }) => string | null): Tally {
  const rand = prng(SEED + (abi === 'unstable' ? 1 : 0));
  const names = Object.keys(SIGNATURES).filter((n) => hasFunction(abi, n));
  const before = outsideState(fx);
  const t: Tally = { calls: 0, returned: 0, traps: 0, exits: 0, byFunction: new Map(), succeeded: new Map(), problems: [] };
  while (t.calls < CALLS_PER_ABI) {
    resetSandbox(fx);
    const memory = new WebAssembly.Memory({ initial: PAGES, maximum: PAGES });
    const mem = new Uint8Array(memory.buffer);
    const pathAt = fillMemory(mem, rand, abi);
    const stdio: [number, number, number] = [
      openSync(join(fx.stdio, 'stdin'), 'r'), openSync(join(fx.stdio, 'stdout'), 'w'), openSync(join(fx.stdio, 'stderr'), 'w'),
    ];
    const call = session(memory, stdio);
    const maker = new ArgMaker(rand, abi, pathAt);
    // Open two files and a directory first, as a guest would, so the random calls that take a
    // file or a subdirectory fd have some (new.txt may exist from an earlier episode).
    for (const [path, oflags, rights] of [['a.txt', 0, FILE_RW], ['sub/new.txt', OFLAGS.creat, FILE_RW], ['sub', OFLAGS.directory, DIR_ALL]] as const) {
      const p = pathAt[PATHS.findIndex((x) => new TextDecoder().decode(x) === path)]!;
      const out = AT.scratch + 4096;
      const errno = call('path_open', [3, LOOKUP.symlink_follow, p.ptr, p.len, oflags, BigInt.asIntN(64, rights), BigInt.asIntN(64, rights), 0, out]);
      if (errno !== 0) t.problems.push(`setup: path_open(${path}) returned ${String(errno)}`);
      else maker.fds.add(new DataView(memory.buffer).getUint32(out, true));
    }
    for (let k = 0; k < EPISODE && t.calls < CALLS_PER_ABI; k++) {
      const name = names[Math.floor(rand() * names.length)]!;
      const args = maker.args(name);
      if (name === 'poll_oneoff') clampPoll(mem, abi, args[0] as number, args[2] as number, rand);
      t.calls++;
      t.byFunction.set(name, (t.byFunction.get(name) ?? 0) + 1);
      let outcome: { value: unknown } | { error: unknown };
      try {
        outcome = { value: call(name, args) };
        t.returned++;
        if (outcome.value === 0) {
          t.succeeded.set(name, (t.succeeded.get(name) ?? 0) + 1);
          maker.succeeded(name, args, mem);
        }
      } catch (error) {
        outcome = { error };
        if (error instanceof WebAssembly.RuntimeError) t.traps++;
        if (error instanceof ProcExit) t.exits++;
      }
      const bad = judge(name, outcome);
      if (bad && t.problems.length < 20) t.problems.push(`call ${t.calls}: ${name}(${args.join(', ')}): ${bad}`);
      if ('error' in outcome && outcome.error instanceof ProcExit) break; // the guest is gone
    }
    // the episode's implementation is dropped: close what it left open (as the runner does)
    closeFdsUnder(fx.root);
    for (const fd of stdio) { try { closeSync(fd); } catch { /* already closed */ } }
    const after = outsideState(fx);
    if (after.join('\n') !== before.join('\n') && t.problems.length < 20) {
      t.problems.push(`after call ${t.calls}: outside the sandbox changed:\n${after.filter((l) => !before.includes(l)).join('\n')}`);
      break;
    }
  }
  return t;
}

const isErrno = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_ERRNO;
const describeError = (e: unknown) => (e instanceof Error ? `${e.constructor.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 4).join('\n')}` : String(e));

/** Through wasiImport: an errno, a trap or proc_exit, nothing else. */
function judgeImport(name: string, o: { value: unknown } | { error: unknown }): string | null {
  if ('value' in o) {
    if (name === 'proc_exit') return `proc_exit returned ${String(o.value)} instead of unwinding`;
    return isErrno(o.value) ? null : `returned ${String(o.value)}, not an errno`;
  }
  if (o.error instanceof WebAssembly.RuntimeError || o.error instanceof ProcExit) return null;
  return `a JS exception escaped: ${describeError(o.error)}`;
}

/** A host error from node:fs (what errors.ts maps through HOST_CODES); from node's realm, so not `instanceof Error` here. */
const isSystemError = (e: unknown) => typeof e === 'object' && e !== null
  && typeof (e as NodeJS.ErrnoException).code === 'string' && typeof (e as NodeJS.ErrnoException).syscall === 'string';

/** On the implementations: only the exceptions the wrapper turns into errnos (or unwinds) on purpose. */
function judgeImplementation(name: string, o: { value: unknown } | { error: unknown }): string | null {
  if ('value' in o) return isErrno(o.value) ? null : `returned ${String(o.value)}, not an errno`;
  const e = o.error;
  if (e instanceof WasiError || e instanceof WebAssembly.RuntimeError || e instanceof ProcExit || isSystemError(e)) return null;
  return `threw ${describeError(e)} (the wrapper would hide it as EIO)`;
}

const ABIS: readonly Abi[] = ['preview1', 'unstable'];

test('the role table covers every function, with as many wasm parameters as SIGNATURES says', () => {
  expect(Object.keys(ROLES).sort()).toEqual(Object.keys(SIGNATURES).sort());
  for (const [name, roles] of Object.entries(ROLES)) {
    const params = roles.reduce((n, r) => n + (PAIRS.has(r) ? 2 : 1), 0);
    expect([name, params]).toEqual([name, SIGNATURES[name]!.length]);
    const i64 = roles.filter((r) => r === 'rights' || r === 'u64').length;
    expect([name, i64]).toEqual([name, SIGNATURES[name]!.filter((t) => t === 'i64').length]);
  }
});
let fixtures: Fixture[] = [];
afterAll(() => { for (const fx of fixtures) rmSync(fx.root, { recursive: true, force: true }); });

describe.each(ABIS)(`fuzz %s (seed 0x${SEED.toString(16)}, ${CALLS_PER_ABI} calls)`, (abi) => {
  let fx: Fixture;
  beforeAll(() => {
    fx = makeFixture();
    fixtures.push(fx);
  });

  test('through wasiImport: only traps and proc_exit escape, every other call returns an errno, nothing outside is touched', () => {
    const t = fuzz(abi, fx, (memory, [stdin, stdout, stderr]) => {
      const wasi = new WASI({ version: abi, args: ['fuzz', 'x'], env: { A: 'b' }, preopens: { '/sandbox': fx.sandbox }, stdin, stdout, stderr, returnOnExit: true });
      wasi.finalizeBindings({ exports: { memory } });
      return (name, args) => (wasi.wasiImport[name] as (...a: (number | bigint)[]) => unknown)(...args);
    }, judgeImport);
    expect(t.problems).toEqual([]);
    expect(t.calls).toBe(CALLS_PER_ABI);
    // every function was called, and the calls did more than trap
    expect(t.byFunction.size).toBe(Object.keys(SIGNATURES).filter((n) => hasFunction(abi, n)).length);
    expect(t.returned).toBeGreaterThan(CALLS_PER_ABI / 3);
    expect(t.traps).toBeGreaterThan(0);
    expect(t.exits).toBeGreaterThan(0);
    // and got past the argument checks into real work, on files and directories alike
    const deep = ['path_open', 'path_create_directory', 'path_symlink', 'path_unlink_file', 'path_rename', 'fd_read', 'fd_write',
      'fd_pwrite', 'fd_seek', 'fd_readdir', 'fd_renumber', 'fd_close', 'poll_oneoff', 'fd_filestat_set_size'];
    expect(deep.filter((n) => !t.succeeded.get(n))).toEqual([]);
  });

  test('on the implementations: no exception but WasiError, a host error, a trap or ProcExit', () => {
    // The WASI constructor's wiring, done here so the registry's functions can be called bare.
    const table = ABI_TABLES[abi];
    const impls = registry(resolveOptions({ version: abi }).abi as ReferenceAbi);
    const t = fuzz(abi, fx, (memory, stdio) => {
      const o = resolveOptions({ version: abi, args: ['fuzz', 'x'], env: { A: 'b' }, preopens: { '/sandbox': fx.sandbox }, stdin: stdio[0], stdout: stdio[1], stderr: stdio[2] });
      const fds = new FdTable();
      o.stdio.forEach((hostFd, fd) => fds.set(fd, new StdioFd(hostFd)));
      installPreopens(fds, o.preopens, o.fs);
      const ctx: SyscallContext = { abi: o.abi, memory: new GuestMemory(() => memory), fds, args: o.args, env: o.env, clock: o.clock, random: o.random, returnOnExit: true, fs: o.fs };
      // raw wasm values as the registry wrapper hands them over: i32 unsigned, i64 unsigned
      const unsigned = (v: number | bigint) => (typeof v === 'bigint' ? BigInt.asUintN(64, v) : v >>> 0);
      return (name, args) => (impls.get(name) as unknown as (c: SyscallContext, ...a: (number | bigint)[]) => unknown)(ctx, ...args.map(unsigned));
    }, judgeImplementation);
    expect(table.abi).toBe(abi);
    expect(t.problems).toEqual([]);
    expect(t.calls).toBe(CALLS_PER_ABI);
  });
});
