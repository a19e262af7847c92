/**
 * API misuse parity: each misuse runs against the reference `WASI` and node's `node:wasi`, and
 * both must give the same observable result — the same error class, `code`, message and
 * `String(err)` — or the same return value. Cases that need a real instance compile a WAT module.
 */
import { WASI as NodeWASI } from 'node:wasi';
import { WASI as ReferenceWASI } from '../reference/index.js';
import { compileWat } from '../runner/wat.js';

type AnyWasi = {
  wasiImport: Record<string, (...a: unknown[]) => unknown>;
  getImportObject(): Record<string, unknown>;
  start(instance: unknown): unknown;
  initialize(instance: unknown): unknown;
};
type Ctor = new (options?: unknown) => AnyWasi;
const IMPLS: [string, Ctor][] = [['reference', ReferenceWASI as unknown as Ctor], ['node', NodeWASI as unknown as Ctor]];

type Outcome = { returned: unknown } | { threw: string; code: unknown; message: string; string: string };

function observe(op: () => unknown): Outcome {
  try {
    return { returned: op() };
  } catch (e) {
    const err = e as Error & { code?: unknown };
    return { threw: err.constructor.name, code: err.code, message: err.message, string: String(err) };
  }
}

const memory = () => new WebAssembly.Memory({ initial: 1 });
const P1 = { version: 'preview1' };
const noop = () => undefined;

/** Each misuse: what it does with a WASI class. */
const CONSTRUCTOR_CASES: [string, unknown[]][] = [
  ['no options', []],
  ['options null', [null]],
  ['options a string', ['x']],
  ['options an array', [[]]],
  ['options a function', [noop]],
  ['version missing', [{}]],
  ['version a number', [{ version: 1 }]],
  ['version -0', [{ version: -0 }]],
  ['version a bigint', [{ version: 1n }]],
  ['version a symbol', [{ version: Symbol('v') }]],
  ['version a function', [{ version: function named() {} }]],
  ['version a Map', [{ version: new Map() }]],
  ['version a null-prototype object', [{ version: Object.create(null) }]],
  ['version unknown', [{ version: 'preview2' }]],
  ['version with a quote', [{ version: "it's" }]],
  ['version long', [{ version: 'x'.repeat(40) }]],
  ['version inherited name', [{ version: 'toString' }]],
  ['args a string', [{ ...P1, args: 'a b' }]],
  ['args a long string', [{ ...P1, args: 'y'.repeat(40) }]],
  ['args a long string with a quote', [{ ...P1, args: `'${'y'.repeat(40)}` }]],
  ['args null', [{ ...P1, args: null }]],
  ['args an object', [{ ...P1, args: {} }]],
  ['env a string', [{ ...P1, env: 'A=1' }]],
  ['env null', [{ ...P1, env: null }]],
  ['env an array', [{ ...P1, env: [] }]],
  ['preopens a string', [{ ...P1, preopens: '/' }]],
  ['preopens an array', [{ ...P1, preopens: [] }]],
  ['returnOnExit a string', [{ ...P1, returnOnExit: 'true' }]],
  ['returnOnExit null', [{ ...P1, returnOnExit: null }]],
  ['returnOnExit 0', [{ ...P1, returnOnExit: 0 }]],
  ['stdin a string', [{ ...P1, stdin: '0' }]],
  ['stdin a bigint', [{ ...P1, stdin: 0n }]],
  ['stdin negative', [{ ...P1, stdin: -1 }]],
  ['stdout fractional', [{ ...P1, stdout: 1.5 }]],
  ['stdout NaN', [{ ...P1, stdout: NaN }]],
  ['stdout Infinity', [{ ...P1, stdout: Infinity }]],
  ['stderr 2**31', [{ ...P1, stderr: 2 ** 31 }]],
  ['stderr 2**40', [{ ...P1, stderr: 2 ** 40 }]],
  ['valid preview1', [P1]],
  ['valid unstable', [{ version: 'unstable', args: [1, 'b'], env: { A: 1 }, returnOnExit: false, stdin: 0, stdout: 1, stderr: 2 }]],
];

describe('constructor misuse: reference and node:wasi agree', () => {
  test.each(CONSTRUCTOR_CASES)('%s', (_name, args) => {
    const [ref, node] = IMPLS.map(([, W]) => observe(() => { new W(...args); return 'constructed'; }));
    expect(ref).toEqual(node);
  });
});

/** A fake instance (node accepts any object shaped like one). */
const inst = (exports: Record<string, unknown> | unknown) => ({ exports });

const LIFECYCLE_CASES: [string, (w: AnyWasi) => unknown][] = [
  ['start(undefined)', (w) => w.start(undefined)],
  ['start(null)', (w) => w.start(null)],
  ['start without exports', (w) => w.start({})],
  ['start with exports a number', (w) => w.start(inst(1))],
  ['start without memory', (w) => w.start(inst({ _start: noop }))],
  ['start with memory not a Memory', (w) => w.start(inst({ _start: noop, memory: { buffer: new ArrayBuffer(8) } }))],
  ['start without _start', (w) => w.start(inst({ memory: memory() }))],
  ['start with _start not a function', (w) => w.start(inst({ memory: memory(), _start: 1 }))],
  ['start with _initialize too', (w) => w.start(inst({ memory: memory(), _start: noop, _initialize: noop }))],
  ['start with _initialize a number', (w) => w.start(inst({ memory: memory(), _start: noop, _initialize: 1 }))],
  ['start returning normally', (w) => w.start(inst({ memory: memory(), _start: noop }))],
  ['start whose _start throws', (w) => w.start(inst({ memory: memory(), _start: () => { throw new RangeError('boom'); } }))],
  ['start twice', (w) => { w.start(inst({ memory: memory(), _start: noop })); return w.start(inst({ memory: memory(), _start: noop })); }],
  ['start after a failed start', (w) => { observe(() => w.start({})); return w.start(inst({ memory: memory(), _start: noop })); }],
  ['initialize after start', (w) => { w.start(inst({ memory: memory(), _start: noop })); return w.initialize(inst({ memory: memory() })); }],
  ['initialize(undefined)', (w) => w.initialize(undefined)],
  ['initialize without memory', (w) => w.initialize(inst({}))],
  ['initialize with _start', (w) => w.initialize(inst({ memory: memory(), _start: noop }))],
  ['initialize with _initialize a number', (w) => w.initialize(inst({ memory: memory(), _initialize: 1 }))],
  ['initialize without _initialize', (w) => w.initialize(inst({ memory: memory() }))],
  ['initialize calling _initialize', (w) => { let n = 0; w.initialize(inst({ memory: memory(), _initialize: () => { n++; return 5; } })); return n; }],
  ['initialize twice', (w) => { w.initialize(inst({ memory: memory() })); return w.initialize(inst({ memory: memory() })); }],
  ['start after initialize', (w) => { w.initialize(inst({ memory: memory() })); return w.start(inst({ memory: memory(), _start: noop })); }],
  ['a syscall before start', (w) => w.wasiImport.sched_yield!()],
  ['fd_write before start', (w) => w.wasiImport.fd_write!(1, 0, 0, 0)],
  ['a syscall after start failed before memory', (w) => { observe(() => w.start(inst({ _start: noop }))); return w.wasiImport.sched_yield!(); }],
  ['a syscall after start failed on _start', (w) => { observe(() => w.start(inst({ memory: memory() }))); return w.wasiImport.sched_yield!(); }],
  ['a syscall after initialize', (w) => { w.initialize(inst({ memory: memory() })); return w.wasiImport.sched_yield!(); }],
  ['getImportObject module name', (w) => Object.keys(w.getImportObject())],
  ['getImportObject holds wasiImport', (w) => Object.values(w.getImportObject())[0] === w.wasiImport],
];

describe.each(['preview1', 'unstable'])('lifecycle misuse (%s): reference and node:wasi agree', (version) => {
  test.each(LIFECYCLE_CASES)('%s', (_name, op) => {
    const [ref, node] = IMPLS.map(([, W]) => observe(() => op(new W({ version }))));
    expect(ref).toEqual(node);
  });
});

describe('running real modules: same exit codes', () => {
  const exitWat = (mod: string, code: number) => `(module
    (import "${mod}" "proc_exit" (func $exit (param i32)))
    (memory (export "memory") 1)
    (func (export "_start") (call $exit (i32.const ${code}))))`;
  test.each([
    ['preview1', 'wasi_snapshot_preview1', 0], ['preview1', 'wasi_snapshot_preview1', 3],
    ['unstable', 'wasi_unstable', 255], ['preview1', 'wasi_snapshot_preview1', 256], ['preview1', 'wasi_snapshot_preview1', -1],
  ])('%s proc_exit(%s %d)', async (version, mod, code) => {
    const wasm = await compileWat(exitWat(mod, code), 'exit.wat');
    const results = await Promise.all(IMPLS.map(async ([, W]) => {
      const w = new W({ version });
      const { instance } = await WebAssembly.instantiate(wasm as Uint8Array<ArrayBuffer>, w.getImportObject() as WebAssembly.Imports);
      return observe(() => w.start(instance));
    }));
    expect(results[0]).toEqual({ returned: code });
    expect(results[0]).toEqual(results[1]);
  });

  test('an out-of-bounds pointer traps in the reference; node returns an errno (documented divergence)', async () => {
    const wasm = await compileWat(`(module
      (import "wasi_snapshot_preview1" "args_sizes_get" (func $f (param i32 i32) (result i32)))
      (memory (export "memory") 1)
      (func (export "_start") (drop (call $f (i32.const 65534) (i32.const 0)))))`, 'oob.wat');
    const [ref] = await Promise.all(IMPLS.map(async ([, W]) => {
      const w = new W(P1);
      const { instance } = await WebAssembly.instantiate(wasm as Uint8Array<ArrayBuffer>, w.getImportObject() as WebAssembly.Imports);
      return observe(() => w.start(instance));
    }));
    expect(ref).toMatchObject({ threw: 'RuntimeError' });
  });
});
