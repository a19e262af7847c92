/**
 * The reference against node:wasi, syscall by syscall, in this process, on the same module: each
 * scenario is a WAT command module whose `_start` does a little setup (open a file) and then
 * calls one syscall N times in a wasm loop, trapping if a call fails. Both implementations get
 * the same compiled module, arguments and preopened directory (on the runner's sandbox root).
 * Time per call = time of `start()` / N; each side runs ROUNDS times, alternately, and keeps its
 * fastest round (the least disturbed by the rest of the machine).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASI as NodeWASI } from 'node:wasi';
import { WASI as ReferenceWASI } from '../reference/index.js';
import { sandboxRoot } from '../runner/sandbox.js';
import { compileWat } from '../runner/wat.js';
import { LOOKUP, OFLAGS, SIGNATURES, rights } from '../suites/spec.js';

const ROUNDS = 5;

/** Memory offsets the scenarios use. */
const M = { name: 256, dirName: 320, iov: 512, out: 1024, outB: 1032, argv: 2048, argvBuf: 4096, data: 65536 } as const;

interface Scenario {
  name: string;
  /** Calls per run (a pair counts as one when `per` says so). */
  n: number;
  /** What one iteration is, for the table. */
  per: string;
  /** Syscalls the module imports. */
  uses: string[];
  /** WAT run once before the loop (may set the global $fd). */
  setup: string;
  /** WAT run each iteration; `(call $check (…))` traps on a non-zero errno. */
  body: string;
}

const FILE_RIGHTS = rights('fd_read', 'fd_write', 'fd_seek', 'fd_tell', 'fd_filestat_get');
const DIR_RIGHTS = rights('fd_readdir', 'path_open', 'path_filestat_get');

/** path_open(3, name, oflags, rights) into the global $fd. */
function open(name: 'in' | 'out' | 'dir', oflags: number, r: bigint): string {
  const at = name === 'dir' ? M.dirName : M.name + (name === 'out' ? 16 : 0);
  const len = name === 'dir' ? 3 : name === 'out' ? 7 : 6;
  return `(call $check (call $path_open (i32.const 3) (i32.const ${LOOKUP.symlink_follow}) (i32.const ${at}) (i32.const ${len})
      (i32.const ${oflags}) (i64.const ${r}) (i64.const ${r}) (i32.const 0) (i32.const ${M.out})))
    (global.set $fd (i32.load (i32.const ${M.out})))`;
}

/** iovec at M.iov: `len` bytes at M.data. */
const iov = (len: number) => `(i32.store (i32.const ${M.iov}) (i32.const ${M.data})) (i32.store (i32.const ${M.iov + 4}) (i32.const ${len}))`;

const SCENARIOS: Scenario[] = [
  { name: 'fd_write 16 B to a file', n: 10_000, per: 'call', uses: ['path_open', 'fd_write'],
    setup: `${open('out', OFLAGS.creat | OFLAGS.trunc, FILE_RIGHTS)} ${iov(16)}`,
    body: `(call $check (call $fd_write (global.get $fd) (i32.const ${M.iov}) (i32.const 1) (i32.const ${M.out})))` },
  { name: 'fd_write 64 KiB to a file', n: 500, per: 'call', uses: ['path_open', 'fd_write'],
    setup: `${open('out', OFLAGS.creat | OFLAGS.trunc, FILE_RIGHTS)} ${iov(65536)}`,
    body: `(call $check (call $fd_write (global.get $fd) (i32.const ${M.iov}) (i32.const 1) (i32.const ${M.out})))` },
  { name: 'fd_read 64 B from a file', n: 10_000, per: 'call', uses: ['path_open', 'fd_read'],
    setup: `${open('in', 0, FILE_RIGHTS)} ${iov(64)}`,
    body: `(call $check (call $fd_read (global.get $fd) (i32.const ${M.iov}) (i32.const 1) (i32.const ${M.out})))` },
  { name: 'fd_seek', n: 10_000, per: 'call', uses: ['path_open', 'fd_seek'],
    setup: open('in', 0, FILE_RIGHTS),
    body: `(call $check (call $fd_seek (global.get $fd) (i64.const 3) (i32.const 0) (i32.const ${M.out})))` },
  { name: 'path_open + fd_close', n: 5_000, per: 'pair', uses: ['path_open', 'fd_close'],
    setup: '',
    body: `${open('in', 0, FILE_RIGHTS)} (call $check (call $fd_close (global.get $fd)))` },
  { name: 'path_filestat_get', n: 10_000, per: 'call', uses: ['path_filestat_get'],
    setup: '',
    body: `(call $check (call $path_filestat_get (i32.const 3) (i32.const ${LOOKUP.symlink_follow}) (i32.const ${M.name}) (i32.const 6) (i32.const ${M.out})))` },
  { name: 'fd_readdir, 1,000 entries', n: 200, per: 'whole listing', uses: ['path_open', 'fd_readdir'],
    setup: open('dir', OFLAGS.directory, DIR_RIGHTS),
    body: `(call $check (call $fd_readdir (global.get $fd) (i32.const ${M.data}) (i32.const 65536) (i64.const 0) (i32.const ${M.out})))` },
  { name: 'clock_time_get', n: 10_000, per: 'call', uses: ['clock_time_get'],
    setup: '',
    body: `(call $check (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const ${M.out})))` },
  { name: 'random_get 32 B', n: 10_000, per: 'call', uses: ['random_get'],
    setup: '',
    body: `(call $check (call $random_get (i32.const ${M.data}) (i32.const 32)))` },
  { name: 'args_get + environ_get', n: 10_000, per: 'pair', uses: ['args_get', 'environ_get'],
    setup: '',
    body: `(call $check (call $args_get (i32.const ${M.argv}) (i32.const ${M.argvBuf})))
      (call $check (call $environ_get (i32.const ${M.argv}) (i32.const ${M.argvBuf})))` },
];

function moduleWat(s: Scenario): string {
  const imports = s.uses.map((name) => {
    const params = SIGNATURES[name]!.join(' ');
    return `  (import "wasi_snapshot_preview1" "${name}" (func $${name} (param ${params}) (result i32)))`;
  }).join('\n');
  return `(module
${imports}
  (memory (export "memory") 3)
  (data (i32.const ${M.name}) "in.txt")
  (data (i32.const ${M.name + 16}) "out.txt")
  (data (i32.const ${M.dirName}) "dir")
  (global $fd (mut i32) (i32.const 0))
  (func $check (param $errno i32) (if (local.get $errno) (then unreachable)))
  (func (export "_start") (local $i i32)
    ${s.setup}
    (local.set $i (i32.const ${s.n}))
    (loop $again
      ${s.body}
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $again (local.get $i)))))
`;
}

export interface SyscallFigure { name: string; per: string; n: number; referenceNs: number; nodeNs: number; ratio: number }

interface WasiLike { wasiImport: object; start(i: WebAssembly.Instance): unknown }
type WasiMaker = (dir: string) => WasiLike;

const ARGS = ['bench', 'one', 'two', 'three'];
const ENV = { HOME: '/home/bench', LANG: 'C.UTF-8', PATH: '/usr/bin:/bin', TERM: 'dumb' };
const IMPLEMENTATIONS: Record<'reference' | 'node', WasiMaker> = {
  reference: (dir) => new ReferenceWASI({ version: 'preview1', args: ARGS, env: ENV, preopens: { '/sandbox': dir }, returnOnExit: true }),
  node: (dir) => new NodeWASI({ version: 'preview1', args: ARGS, env: ENV, preopens: { '/sandbox': dir }, returnOnExit: true }) as unknown as WasiLike,
};

/** The preopened directory: in.txt (640 KiB), dir/ with 1,000 entries. */
function makeSandbox(): string {
  const dir = mkdtempSync(join(sandboxRoot(), 'wasi-conformance-bench-'));
  writeFileSync(join(dir, 'in.txt'), Buffer.alloc(64 * 10_000 + 64, 'r'));
  mkdirSync(join(dir, 'dir'));
  for (let i = 0; i < 1000; i++) writeFileSync(join(dir, 'dir', `f${String(i).padStart(4, '0')}`), '');
  return dir;
}

/** Nanoseconds per iteration of one run. */
function timeRun(make: WasiMaker, dir: string, module: WebAssembly.Module, n: number): number {
  const wasi = make(dir);
  const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport as WebAssembly.ModuleImports });
  const t = process.hrtime.bigint();
  wasi.start(instance);
  return Number(process.hrtime.bigint() - t) / n;
}

/** Every scenario on both implementations. */
export async function benchSyscalls(log: (line: string) => void = () => undefined): Promise<SyscallFigure[]> {
  process.removeAllListeners('warning'); // node:wasi's ExperimentalWarning
  const dir = makeSandbox();
  const figures: SyscallFigure[] = [];
  try {
    for (const s of SCENARIOS) {
      const module = new WebAssembly.Module((await compileWat(moduleWat(s), `${s.name}.wat`)) as Uint8Array<ArrayBuffer>);
      const best = { reference: Infinity, node: Infinity };
      for (let round = 0; round < ROUNDS; round++) {
        for (const impl of round % 2 === 0 ? (['reference', 'node'] as const) : (['node', 'reference'] as const)) {
          best[impl] = Math.min(best[impl], timeRun(IMPLEMENTATIONS[impl], dir, module, s.n));
        }
      }
      const f = { name: s.name, per: s.per, n: s.n, referenceNs: best.reference, nodeNs: best.node, ratio: best.reference / best.node };
      log(`${s.name}: reference ${(f.referenceNs / 1000).toFixed(2)} µs, node:wasi ${(f.nodeNs / 1000).toFixed(2)} µs`);
      figures.push(f);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
