/**
 * The case DSL. A case is data (name, description, spec anchor, tags, sandbox tree) plus a
 * `body` that makes a few builder calls on a `Fixture`; the generator runs the body once per ABI
 * and gets back the WAT module and the sidecar's expectations.
 *
 *   suite('fd_read', [
 *     { name: 'bad-fd', description: 'fd_read on an fd that is not open fails with EBADF',
 *       tags: ['errors'],
 *       body: (f) => f.expectErrno(f.call('fd_read', 77, f.iovecs([[f.alloc(8), 8]]), 1, f.out32()), 'badf') },
 *   ]);
 *
 * Every `expect*`/`check*` call prints the observed value as `key=value` on stdout and asserts
 * it in the wasm itself (first failed assertion: message on stderr, `proc_exit(N)`), so fixtures
 * run anywhere. Accepted alternatives are attached to a check with a behaviour label; all
 * alternatives with the same label form one `accept` entry of the sidecar.
 */
import type { Abi, Alternative, Expectation, Preopen, Tree } from './sidecar.js';
import {
  ABI_TABLES, ERRNO, SIGNATURES, hasFunction, type AbiTable, type ErrnoName, type Layout,
} from './spec.js';
import {
  DATA_BASE, SCRATCH_BASE, closeHelpers, helperImports, helperWat, type HelperName,
} from './wat-runtime.js';

/** Guest name of the default preopen. */
export const SANDBOX = '/sandbox';
/** Canary placed beside the sandbox of every case that has a preopen. */
export const DEFAULT_OUTSIDE: Tree = { 'canary.txt': 'outside the sandbox: must stay unchanged\n' };

export interface CaseDef {
  /** kebab-case, unique within its syscall: the file name. */
  name: string;
  /** One sentence under ~100 characters: the rule checked. */
  description: string;
  /** docs.md anchor; defaults to `docs.md#<syscall>`. */
  spec?: string;
  /** The spec sentence the case checks. */
  quote?: string;
  tags: string[];
  /** ABIs to generate for; default every ABI that has the syscall (and every call it makes). */
  abis?: Abi[];
  args?: string[];
  env?: Record<string, string>;
  stdin?: string;
  /** Shorthand for `preopens: [{ guest: SANDBOX, tree }]`. */
  tree?: Tree;
  preopens?: Preopen[];
  /** Canary beside the sandbox; defaults to DEFAULT_OUTSIDE when there is a preopen. */
  outside?: Tree;
  /** Expected tree of the first preopen after the run. */
  fs_after?: Tree;
  requires?: string[];
  timeout_ms?: number;
  /** Case-level alternatives the checks cannot express (rare). */
  accept?: Alternative[];
  /** Memory pages (64 KiB each); default 1. */
  pages?: number;
  body: (f: Fixture) => void;
}

export interface Suite { syscall: string; cases: CaseDef[] }

export function suite(syscall: string, cases: CaseDef[]): Suite {
  if (!(syscall in SIGNATURES)) throw new Error(`suite: unknown syscall ${syscall}`);
  return { syscall, cases };
}

/** A WAT expression (already text). Numbers become consts of the parameter's type. */
export type Arg = number | bigint | string;
/** A check's accepted alternative: the value another runtime may produce, and who does. */
export interface AltValue { value: number | bigint; behaviour: string }
export interface AltErrno { errno: ErrnoName; behaviour: string }

interface Line { expected: string; alts: Map<string, string> }

/** What one case body produced for one ABI. */
export interface Built { wat: string; expect: Expectation; accept: Alternative[]; calls: Set<string> }

const u64 = (v: number | bigint): string => BigInt.asUintN(64, BigInt(v)).toString();
const watString = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${b.toString(16).padStart(2, '0')}`)).join('');

export class Fixture {
  readonly abi: AbiTable;
  /** The syscall under test: its calls are what the case is about. */
  readonly syscall: string;
  /** First byte past the end of guest memory. */
  readonly memEnd: number;
  private dataTop = DATA_BASE;
  private scratchTop = SCRATCH_BASE;
  private readonly data: { addr: number; bytes: Uint8Array }[] = [];
  private readonly strings = new Map<string, number>();
  private readonly body: string[] = [];
  private readonly locals: string[] = [];
  private readonly helpers = new Set<HelperName>();
  readonly calls = new Set<string>();
  private readonly lines: Line[] = [];
  private asserts = 0;
  private trapAt: { line: number; alts: AltErrno[] } | null = null;
  private preopenLocal: string | null = null;
  /** File trees that labelled alternatives leave (`altFsAfter`). */
  private readonly altTrees = new Map<string, Tree>();
  /** The last check's value local and alternatives (for `endIfAlternative`). */
  private lastCheck: { v: string; is64: boolean; alts: AltValue[] } | null = null;
  /** Labels whose run ends (exit 0) after this many lines: `endIfAlternative`. */
  private readonly endAt = new Map<string, number>();
  /** The exit code the case ends with (`exitWith`); null: it returns from `_start` (0). */
  private exitCode: number | null = null;

  constructor(abi: Abi, syscall: string, readonly pages = 1) {
    this.abi = ABI_TABLES[abi];
    this.syscall = syscall;
    this.memEnd = pages * 65536;
  }

  // ── static data ─────────────────────────────────────────────────────────────────

  /** Place bytes in the data segment; returns their address. */
  bytes(content: Uint8Array | string, align = 1): number {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.dataTop = Math.ceil(this.dataTop / align) * align;
    const addr = this.dataTop;
    this.data.push({ addr, bytes });
    this.dataTop += Math.max(bytes.length, 1);
    if (this.dataTop > SCRATCH_BASE) throw new Error('fixture data exceeds its region');
    return addr;
  }

  /** A UTF-8 string in the data segment (deduplicated): `{ ptr, len }`. */
  str(s: string): { ptr: number; len: number } {
    const len = new TextEncoder().encode(s).length;
    let ptr = this.strings.get(s);
    if (ptr === undefined) { ptr = this.bytes(s); this.strings.set(s, ptr); }
    return { ptr, len };
  }

  /** Raw little-endian struct bytes from a layout and field values; returns the address. */
  struct(layout: Layout, values: Record<string, number | bigint>): number {
    const buf = new Uint8Array(layout.size);
    const view = new DataView(buf.buffer);
    for (const [name, v] of Object.entries(values)) {
      const field = layout.fields[name];
      if (!field) throw new Error(`struct: no field ${name}`);
      const { offset, size } = field;
      if (size === 8) view.setBigUint64(offset, BigInt.asUintN(64, BigInt(v)), true);
      else if (size === 4) view.setUint32(offset, Number(v) >>> 0, true);
      else if (size === 2) view.setUint16(offset, Number(v), true);
      else view.setUint8(offset, Number(v));
    }
    return this.bytes(buf, layout.align);
  }

  /** An iovec/ciovec array in the data segment: `[[buf, len], …]`; returns its address. */
  iovecs(list: Array<[number, number]>): number {
    const buf = new Uint8Array(8 * Math.max(list.length, 1));
    const view = new DataView(buf.buffer);
    list.forEach(([p, l], i) => { view.setUint32(i * 8, p, true); view.setUint32(i * 8 + 4, l, true); });
    return this.bytes(buf, 4);
  }

  /** A ciovec array over one string; returns `{ iovs, len }` where len is the byte count. */
  ciovec(s: string): { iovs: number; len: number } {
    const { ptr, len } = this.str(s);
    return { iovs: this.iovecs([[ptr, len]]), len };
  }

  /** Zeroed scratch memory (out-pointers, read buffers). */
  alloc(size: number, align = 8): number {
    this.scratchTop = Math.ceil(this.scratchTop / align) * align;
    const addr = this.scratchTop;
    this.scratchTop += Math.max(size, 1);
    if (this.scratchTop > this.memEnd) throw new Error('fixture scratch exceeds memory; raise `pages`');
    return addr;
  }

  /** Scratch filled with a sentinel byte, to check a call writes nothing past what it says. */
  sentinel(size: number, byte = 0xaa, align = 8): number {
    this.dataTop = Math.ceil(this.dataTop / align) * align;
    return this.bytes(new Uint8Array(size).fill(byte), align);
  }

  /** A 4-byte out-pointer (size, fd, nread…). */
  out32(): number { return this.alloc(4, 4); }
  /** An 8-byte out-pointer (timestamp, filesize…). */
  out64(): number { return this.alloc(8, 8); }

  // ── expressions ─────────────────────────────────────────────────────────────────

  /** `(call $name args…)`; number/bigint args become consts of the parameter type. */
  call(name: string, ...args: Arg[]): string {
    const params = SIGNATURES[name];
    if (!params) throw new Error(`call: unknown function ${name}`);
    if (params.length !== args.length) throw new Error(`call ${name}: ${params.length} params, got ${args.length}`);
    this.calls.add(name);
    const parts = args.map((a, i) => (typeof a === 'string' ? a : `(${params[i]}.const ${typeof a === 'bigint' ? BigInt.asIntN(64, a) : a})`));
    return `(call $${name}${parts.map((p) => ' ' + p).join('')})`;
  }

  i32(v: number): string { return `(i32.const ${v | 0})`; }
  i64(v: number | bigint): string { return `(i64.const ${BigInt.asIntN(64, BigInt(v))})`; }
  u8(addr: Arg): string { return `(i32.load8_u ${this.addr(addr)})`; }
  u16(addr: Arg): string { return `(i32.load16_u ${this.addr(addr)})`; }
  u32(addr: Arg): string { return `(i32.load ${this.addr(addr)})`; }
  u64(addr: Arg): string { return `(i64.load ${this.addr(addr)})`; }

  /** Load a struct field by the ABI's layout: i32 for widths ≤ 4, i64 for 8. */
  field(base: number, layout: keyof AbiTable['layouts'], name: string): string {
    const fld = (this.abi.layouts[layout] as Layout).fields[name];
    if (!fld) throw new Error(`field: ${String(layout)} has no ${name}`);
    const at = base + fld.offset;
    return fld.size === 8 ? this.u64(at) : fld.size === 4 ? this.u32(at) : fld.size === 2 ? this.u16(at) : this.u8(at);
  }

  /** Width of a layout field in bits of the WAT value it loads to. */
  fieldIs64(layout: keyof AbiTable['layouts'], name: string): boolean {
    return (this.abi.layouts[layout] as Layout).fields[name]?.size === 8;
  }

  private addr(a: Arg): string { return typeof a === 'string' ? a : this.i32(Number(a)); }

  // ── statements ──────────────────────────────────────────────────────────────────

  /** A new local of the given type; returns its name (`$l3`). */
  local(type: 'i32' | 'i64' = 'i32'): string {
    const name = `$l${this.locals.length}`;
    this.locals.push(`(local ${name} ${type})`);
    return name;
  }

  /** Append raw WAT statements. */
  emit(...stmts: string[]): void { this.body.push(...stmts); }

  /** Evaluate and store an expression in a fresh local; returns `(local.get $lN)`. */
  let(expr: string, type: 'i32' | 'i64' = 'i32'): string {
    const l = this.local(type);
    this.emit(`(local.set ${l} ${expr})`);
    return `(local.get ${l})`;
  }

  /** The fd of the sandbox preopen (found by scanning, never assumed to be 3). */
  preopen(name?: string): string {
    if (name === undefined && this.preopenLocal) return this.preopenLocal;
    let find: string;
    if (name === undefined) { this.helpers.add('preopen'); find = '(call $preopen)'; }
    else { const s = this.str(name); this.helpers.add('preopen_named'); find = `(call $preopen_named (i32.const ${s.ptr}) (i32.const ${s.len}))`; }
    const fd = this.let(find);
    this.assertCond(`(i32.ge_s ${fd} (i32.const 0))`, `setup: a preopened directory${name ? ` named ${name}` : ''} expected, found none: `, '(i64.const 0)');
    if (name === undefined) this.preopenLocal = fd;
    return fd;
  }

  /** Precondition: the call must succeed (errno 0). Not printed; fails with its own number. */
  ok(callExpr: string, what = 'setup call'): void {
    const r = this.let(callExpr);
    this.assertCond(`(i32.eqz ${r})`, `setup: ${what} expected errno 0 got `, `(i64.extend_i32_u ${r})`);
  }

  /** Open `path` under the preopen (a precondition); returns the fd expression. */
  open(path: string, opts: { oflags?: number; fdflags?: number; dirflags?: number; rights?: bigint; inheriting?: bigint; dirfd?: string } = {}): string {
    const p = this.str(path);
    const out = this.out32();
    this.ok(this.call('path_open', opts.dirfd ?? this.preopen(), opts.dirflags ?? 0, p.ptr, p.len, opts.oflags ?? 0,
      opts.rights ?? this.abi.allRights, opts.inheriting ?? this.abi.allRights, opts.fdflags ?? 0, out), `path_open(${JSON.stringify(path)})`);
    return this.let(this.u32(out));
  }

  // ── checks: print the observed value, assert it ────────────────────────────────────

  /** The call returns `expected` (or one of several, all primary), or a labelled alternative. */
  expectErrno(callExpr: string, expected: ErrnoName | ErrnoName[], opts: { key?: string; accept?: AltErrno[]; what?: string } = {}): string {
    const exp = Array.isArray(expected) ? expected : [expected];
    if (exp.length !== 1) throw new Error('expectErrno: give one expected errno; list others under accept with a label');
    const r = this.let(callExpr);
    this.check(opts.key ?? 'errno', r, ERRNO[exp[0]!], {
      what: opts.what ?? `errno of ${this.describeCall(callExpr)}`,
      accept: (opts.accept ?? []).map((a) => ({ value: ERRNO[a.errno], behaviour: a.behaviour })),
      names: Object.fromEntries([...exp, ...(opts.accept ?? []).map((a) => a.errno)].map((n) => [ERRNO[n], n])),
    });
    return r;
  }

  /** Shorthand: the call succeeds (errno 0, printed as `errno=0`). */
  expectSuccess(callExpr: string, opts: { key?: string; accept?: AltErrno[] } = {}): string {
    return this.expectErrno(callExpr, 'success', opts);
  }

  /**
   * Print `key=<value of expr>` and assert it equals `expected` (or a labelled alternative).
   * i64 when `expected` is a bigint, else i32 (compared unsigned).
   */
  check(key: string, expr: string, expected: number | bigint, opts: { what?: string; accept?: AltValue[]; names?: Record<number, string> } = {}): void {
    const is64 = typeof expected === 'bigint';
    const v = this.let(expr, is64 ? 'i64' : 'i32');
    this.lastCheck = { v, is64, alts: opts.accept ?? [] };
    const wide = is64 ? v : `(i64.extend_i32_u ${v})`;
    const k = this.str(`${key}=`);
    this.helpers.add('kv');
    this.emit(`(call $kv (i32.const ${k.ptr}) (i32.const ${k.len}) ${wide})`);
    const alts = opts.accept ?? [];
    const line: Line = { expected: `${key}=${u64(expected)}\n`, alts: new Map(alts.map((a) => [a.behaviour, `${key}=${u64(a.value)}\n`])) };
    this.lines.push(line);
    const allowed = [expected, ...alts.map((a) => a.value)];
    const cond = allowed.map((a) => (is64 ? `(i64.eq ${v} ${this.i64(a)})` : `(i32.eq ${v} ${this.i32(Number(a))})`)).reduce((x, y) => `(i32.or ${x} ${y})`);
    const name = (n: number | bigint): string => { const label = opts.names?.[Number(n)]; return label ? `${u64(n)} (${label})` : u64(n); };
    this.assertCond(cond, `${opts.what ?? key} expected ${allowed.map(name).join(' or ')} got `, wide);
  }

  /**
   * Declare text the case itself writes to stdout at this point (an `fd_write` to fd 1 under
   * test), so the expected stdout includes it. Assert the write's errno and count separately.
   * `alts` maps an alternative's label to the text written under it.
   */
  expectStdout(text: string, alts: Record<string, string> = {}): void {
    this.lines.push({ expected: text, alts: new Map(Object.entries(alts)) });
  }

  /**
   * The preopen's tree after the run when the labelled alternative happens (its accept entry's
   * `fs_after`), where it differs from the case's `fs_after`: e.g. a write that a runtime without
   * rights lets through.
   */
  altFsAfter(behaviour: string, tree: Tree): void {
    this.altTrees.set(behaviour, tree);
  }

  /** Print `key=1` and assert the i32 condition holds (for ranges and relations). */
  checkTrue(key: string, cond: string, what: string): void {
    this.check(key, `(i32.ne ${cond} (i32.const 0))`, 1, { what });
  }

  /** Print `key=<bytes>` (len bytes at ptr) and assert they equal `expected`. */
  checkBytes(key: string, ptr: Arg, len: Arg, expected: string): void {
    const e = this.str(expected);
    const k = this.str(`${key}=`);
    this.helpers.add('kv_bytes');
    this.helpers.add('memeq');
    const l = this.let(typeof len === 'string' ? len : this.i32(Number(len)));
    this.emit(`(call $kv_bytes (i32.const ${k.ptr}) (i32.const ${k.len}) ${this.addr(ptr)} ${l})`);
    this.lines.push({ expected: `${key}=${expected}\n`, alts: new Map() });
    if (typeof len === 'string') this.assertCond(`(i32.eq ${l} (i32.const ${e.len}))`, `${key}: length expected ${e.len} got `, `(i64.extend_i32_u ${l})`);
    else if (Number(len) !== e.len) throw new Error(`checkBytes ${key}: length ${len} but expected text has ${e.len} bytes`);
    this.assertCond(`(call $memeq ${this.addr(ptr)} (i32.const ${e.ptr}) (i32.const ${e.len}))`, `${key}: bytes differ from ${JSON.stringify(expected).slice(0, 60)}; length `, `(i64.extend_i32_u ${l})`);
  }

  /**
   * The call must trap (bad guest pointer: the witx docs say out-of-bounds access traps).
   * If it returns, its errno is printed; labelled alternatives (e.g. EFAULT) are accepted.
   * Must be the last check of the case.
   */
  expectTrap(callExpr: string, opts: { accept?: AltErrno[] } = {}): void {
    const r = this.let(callExpr);
    const k = this.str('errno=');
    this.helpers.add('kv');
    this.emit(`(call $kv (i32.const ${k.ptr}) (i32.const ${k.len}) (i64.extend_i32_u ${r}))`);
    const alts = opts.accept ?? [];
    const cond = alts.length ? alts.map((a) => `(i32.eq ${r} (i32.const ${ERRNO[a.errno]}))`).reduce((x, y) => `(i32.or ${x} ${y})`) : '(i32.const 0)';
    this.assertCond(cond, `${this.describeCall(callExpr)} expected a trap${alts.length ? ` or errno ${alts.map((a) => ERRNO[a.errno]).join('/')}` : ''}, returned errno `, `(i64.extend_i32_u ${r})`);
    this.trapAt = { line: this.lines.length, alts };
  }

  /**
   * End the run here with exit 0 when the last check observed its alternative `behaviour`: the
   * checks that follow apply only to the other outcomes (e.g. a call that may fail as a whole or
   * report the error inside its result). That alternative's expected stdout stops here.
   */
  endIfAlternative(behaviour: string): void {
    const last = this.lastCheck;
    const alt = last?.alts.find((a) => a.behaviour === behaviour);
    if (!last || !alt) throw new Error(`endIfAlternative: the last check has no alternative "${behaviour}"`);
    if (this.endAt.has(behaviour)) throw new Error(`endIfAlternative: "${behaviour}" already ends the run`);
    this.helpers.add('fail');
    const eq = last.is64 ? `(i64.eq ${last.v} ${this.i64(alt.value)})` : `(i32.eq ${last.v} ${this.i32(Number(alt.value))})`;
    this.emit(`(if ${eq} (then (call $proc_exit (i32.const 0)) (unreachable)))`);
    this.endAt.set(behaviour, this.lines.length);
  }

  /**
   * Call `proc_exit(code)`: the case expects that exit code with the lines printed so far. If the
   * call returns, the fixture fails (nothing after proc_exit may run). Must be the last statement.
   */
  exitWith(code: number): void {
    this.emit(this.call('proc_exit', code));
    this.assertCond('(i32.const 0)', `proc_exit(${code >>> 0}) returned: execution went on after it; `, '(i64.const 0)');
    this.exitCode = code >>> 0;
  }

  /** Fail (assertion N) unless the i32 condition holds; the message ends with `got`. */
  assertCond(cond: string, message: string, got: string): void {
    if (this.trapAt) throw new Error('expectTrap must be the last check of a case');
    if (this.exitCode !== null) throw new Error('exitWith must be the last statement of a case');
    const n = ++this.asserts;
    const m = this.str(`assert ${n}: ${message}`);
    this.helpers.add('fail');
    this.emit(`(if (i32.eqz ${cond}) (then (call $fail (i32.const ${n}) (i32.const ${m.ptr}) (i32.const ${m.len}) ${got})))`);
  }

  private describeCall(expr: string): string {
    const m = /^\(call \$(\w+)/.exec(expr);
    return m ? m[1]! : 'call';
  }

  // ── output ──────────────────────────────────────────────────────────────────────

  /** Render the module and its expectations. */
  build(header: string[]): Built {
    const helpers = closeHelpers(this.helpers);
    const imports = [...new Set([...this.calls, ...helperImports(helpers)])].sort();
    const mod = this.abi.module;
    const importLines = imports.map((name) => {
      const params = SIGNATURES[name]!;
      const result = name === 'proc_exit' ? '' : ' (result i32)';
      return `  (import "${mod}" "${name}" (func $${name}${params.length ? ` (param ${params.join(' ')})` : ''}${result}))`;
    });
    const data = [`  (data (i32.const 8) "\\0a")`,
      ...this.data.filter((d) => d.bytes.length).map((d) => `  (data (i32.const ${d.addr}) "${watString(d.bytes)}")`)];
    const wat = [
      ...header.map((h) => `;; ${h}`),
      '(module',
      ...importLines,
      `  (memory (export "memory") ${this.pages})`,
      ...data,
      helperWat(helpers),
      '',
      '  (func $_start (export "_start")',
      ...this.locals.map((l) => `    ${l}`),
      ...this.body.map((s) => `    ${s}`),
      '  )',
      ')',
      '',
    ].join('\n');
    const { expect, accept } = this.expectations();
    const withTree = (a: Alternative): Alternative => {
      const tree = this.altTrees.get(a.behaviour);
      return tree ? { ...a, fs_after: tree } : a;
    };
    return { wat, expect, accept: accept.map(withTree), calls: this.calls };
  }

  private expectations(): { expect: Expectation; accept: Alternative[] } {
    const stdout = (lines: Line[], label?: string): string => lines.map((l) => (label && l.alts.get(label)) || l.expected).join('');
    const labels = [...new Set(this.lines.flatMap((l) => [...l.alts.keys()]))];
    // an alternative that ends the run early (endIfAlternative): exit 0, its lines up to there
    const ended = (behaviour: string): Alternative =>
      ({ behaviour, exit_code: 0, stdout: stdout(this.lines.slice(0, this.endAt.get(behaviour)), behaviour) });
    if (this.trapAt) {
      const before = stdout(this.lines.slice(0, this.trapAt.line));
      return {
        expect: { trap: true },
        accept: [...[...this.endAt.keys()].map(ended),
          ...this.trapAt.alts.map((a) => ({ behaviour: a.behaviour, exit_code: 0, stdout: `${before}errno=${ERRNO[a.errno]}\n` }))],
      };
    }
    const code = this.exitCode ?? 0;
    return {
      expect: { exit_code: code, stdout: stdout(this.lines) },
      accept: labels.map((behaviour) => (this.endAt.has(behaviour) ? ended(behaviour)
        : { behaviour, exit_code: code, stdout: stdout(this.lines, behaviour) })),
    };
  }
}

/** ABIs a case is generated for: those that have the syscall and every function it calls. */
export function abisFor(syscall: string, def: CaseDef): Abi[] {
  const wanted = def.abis ?? (['preview1', 'unstable'] as Abi[]);
  return wanted.filter((abi) => hasFunction(abi, syscall));
}

export { ERRNO };
