/**
 * Reading a whole directory with fd_readdir inside a fixture, the way wasi-libc does: call with
 * a buffer, walk the complete `dirent` + name records in it, continue from the `d_next` of the
 * last complete record while the buffer came back full (`bufused == buf_len`), stop when it
 * came back short. Every record is matched against the expected names (order-free); `.` and
 * `..` are counted apart (present per WASI issue #516, absent in uvwasi).
 *
 * The generated WAT is one loop nest; the scan leaves counters in locals for the case to check:
 * names seen exactly once, extra sightings, unexpected names, wrong d_type, `.`/`..` counts.
 */
import type { AltValue, Fixture } from '../dsl.js';
import { FILETYPE } from '../spec.js';

/** Label of runtimes that leave `.` and `..` out of fd_readdir (docs/CHOICES.md). */
export const DOTS_ABSENT = '`.` and `..` not listed (uvwasi)';
export const DOTS_ABSENT_ALT: AltValue[] = [{ value: 0, behaviour: DOTS_ABSENT }];

/** Label of runtimes that report d_ino 0 (docs/CHOICES.md). */
export const D_INO_UNKNOWN = 'd_ino 0: inode not reported, wasi-libc then stats the file (uvwasi)';

/** dirent header size (both ABIs). */
export const DIRENT = 24;

export interface Entry { name: string; type: number }

/** Shorthands for expected entries. */
export const file = (name: string): Entry => ({ name, type: FILETYPE.regular_file });
export const dir = (name: string): Entry => ({ name, type: FILETYPE.directory });
export const link = (name: string): Entry => ({ name, type: FILETYPE.symbolic_link });

export interface DirScan {
  /** i32: expected names seen exactly once. */
  once: string;
  /** i32: entries that are neither expected names nor `.`/`..`. */
  unexpected: string;
  /** i32: records of expected names whose d_type differs from the expected type. */
  wrongType: string;
  /** i32: how many times `.` / `..` were listed. */
  dot: string;
  dotdot: string;
  /** i32: records of `.`/`..` whose d_type is not directory. */
  dotWrongType: string;
  /** i32: fd_readdir calls made. */
  calls: string;
  /** i64: d_next of the last complete record (a cookie past every entry). */
  lastCookie: string;
  /** Address of a u64 per expected entry: the d_ino of its (last) record. */
  inos: number;
}

const scanIds = new WeakMap<Fixture, number>();

/**
 * Read every entry of directory `fd` with buffers of `bufLen` bytes starting at `cookie` 0.
 * Setup assertions: each call succeeds, bufused ≤ buf_len, a full buffer held at least one
 * complete record (else paging could not progress), at most `maxCalls` calls. With `fill` the
 * buffer starts filled with that byte instead of zeros.
 */
export function scanDir(f: Fixture, fd: string, expected: Entry[], opts: { bufLen?: number; maxCalls?: number; startCookie?: string; fill?: number } = {}): DirScan {
  const bufLen = opts.bufLen ?? 4096;
  const maxCalls = opts.maxCalls ?? 1000;
  const id = (scanIds.get(f) ?? 0) + 1;
  scanIds.set(f, id);
  const L = (n: string): string => `$${n}${id}`;

  const n = expected.length;
  const table = new Uint8Array(12 * Math.max(n, 1));
  const view = new DataView(table.buffer);
  expected.forEach((e, i) => {
    const s = f.str(e.name);
    view.setUint32(12 * i, s.ptr, true);
    view.setUint32(12 * i + 4, s.len, true);
    view.setUint32(12 * i + 8, e.type, true);
  });
  const tab = f.bytes(table, 4);
  const counts = f.alloc(4 * Math.max(n, 1), 4);
  const inos = f.alloc(8 * Math.max(n, 1), 8);
  // `fill`: the buffer starts filled with that byte, so a dirent field written narrower shows
  const buf = opts.fill === undefined ? f.alloc(Math.max(bufLen, 1), 8) : f.sentinel(Math.max(bufLen, 1), opts.fill, 8);
  const usedPtr = f.out32();

  const loc = (t: 'i32' | 'i64' = 'i32'): string => f.local(t);
  const cookie = loc('i64'), calls = loc(), err = loc(), used = loc(), pos = loc(), progress = loc();
  const ent = loc(), namlen = loc(), i = loc(), t = loc(), hit = loc(), k = loc(), eq = loc();
  const unexpected = loc(), wrong = loc(), dot = loc(), dotdot = loc(), dotWrong = loc(), once = loc();
  const g = (l: string): string => `(local.get ${l})`;
  const set = (l: string, v: string): string => `(local.set ${l} ${v})`;
  const inc = (l: string): string => set(l, `(i32.add ${g(l)} (i32.const 1))`);
  const c = (v: number): string => `(i32.const ${v})`;
  const isDirType = `(i32.eq (i32.load8_u offset=20 ${g(ent)}) ${c(FILETYPE.directory)})`;

  f.emit(set(cookie, opts.startCookie ?? '(i64.const 0)'), set(calls, c(0)));
  f.emit(`(block ${L('scan_done')} (loop ${L('scan_call')}`);
  f.assertCond(`(i32.lt_u ${g(calls)} ${c(maxCalls)})`, `setup: fd_readdir paging did not end within ${maxCalls} calls; calls `, `(i64.extend_i32_u ${g(calls)})`);
  f.emit(set(err, f.call('fd_readdir', fd, buf, bufLen, g(cookie), usedPtr)));
  f.assertCond(`(i32.eqz ${g(err)})`, 'setup: fd_readdir (listing the directory) expected errno 0 got ', `(i64.extend_i32_u ${g(err)})`);
  f.emit(set(used, f.u32(usedPtr)), inc(calls));
  f.assertCond(`(i32.le_u ${g(used)} ${c(bufLen)})`, `setup: fd_readdir bufused must not exceed buf_len ${bufLen}; bufused `, `(i64.extend_i32_u ${g(used)})`);
  f.emit(set(pos, c(0)), set(progress, c(0)));
  f.emit(`(block ${L('ents_done')} (loop ${L('ent')}`,
    `(br_if ${L('ents_done')} (i32.gt_u (i32.add ${g(pos)} ${c(24)}) ${g(used)}))`,
    set(ent, `(i32.add ${c(buf)} ${g(pos)})`),
    set(namlen, `(i32.load offset=16 ${g(ent)})`),
    `(br_if ${L('ents_done')} (i32.gt_u (i32.add (i32.add ${g(pos)} ${c(24)}) ${g(namlen)}) ${g(used)}))`,
    // match the name against the table
    set(hit, c(-1)), set(i, c(0)),
    `(block ${L('m_done')} (loop ${L('m')}`,
    `(br_if ${L('m_done')} (i32.ge_u ${g(i)} ${c(n)}))`,
    set(t, `(i32.add ${c(tab)} (i32.mul ${g(i)} ${c(12)}))`),
    `(if (i32.eq ${g(namlen)} (i32.load offset=4 ${g(t)})) (then`,
    set(k, c(0)), set(eq, c(1)),
    `(block ${L('c_done')} (loop ${L('c')}`,
    `(br_if ${L('c_done')} (i32.ge_u ${g(k)} ${g(namlen)}))`,
    `(if (i32.ne (i32.load8_u (i32.add (i32.add ${g(ent)} ${c(24)}) ${g(k)})) (i32.load8_u (i32.add (i32.load ${g(t)}) ${g(k)}))) (then ${set(eq, c(0))} (br ${L('c_done')})))`,
    inc(k), `(br ${L('c')})))`,
    `(if ${g(eq)} (then ${set(hit, g(i))} (br ${L('m_done')})))))`,
    inc(i), `(br ${L('m')})))`,
    // count it
    `(if (i32.ge_s ${g(hit)} ${c(0)}) (then`,
    `(i32.store (i32.add ${c(counts)} (i32.mul ${g(hit)} ${c(4)})) (i32.add (i32.load (i32.add ${c(counts)} (i32.mul ${g(hit)} ${c(4)}))) ${c(1)}))`,
    `(i64.store (i32.add ${c(inos)} (i32.mul ${g(hit)} ${c(8)})) (i64.load offset=8 ${g(ent)}))`,
    `(if (i32.ne (i32.load8_u offset=20 ${g(ent)}) (i32.load offset=8 ${g(t)})) (then ${inc(wrong)})))`,
    '(else',
    `(if (i32.and (i32.eq ${g(namlen)} ${c(1)}) (i32.eq (i32.load8_u offset=24 ${g(ent)}) ${c(46)}))`,
    `(then ${inc(dot)} (if (i32.eqz ${isDirType}) (then ${inc(dotWrong)})))`,
    `(else (if (i32.and (i32.eq ${g(namlen)} ${c(2)}) (i32.eq (i32.load16_u offset=24 ${g(ent)}) ${c(0x2e2e)}))`,
    `(then ${inc(dotdot)} (if (i32.eqz ${isDirType}) (then ${inc(dotWrong)})))`,
    `(else ${inc(unexpected)}))))))`,
    set(cookie, `(i64.load ${g(ent)})`),
    set(progress, c(1)),
    set(pos, `(i32.add (i32.add ${g(pos)} ${c(24)}) ${g(namlen)})`),
    `(br ${L('ent')})))`,
    `(br_if ${L('scan_done')} (i32.lt_u ${g(used)} ${c(bufLen)}))`);
  f.assertCond(`${g(progress)}`, `setup: fd_readdir filled the ${bufLen}-byte buffer without one complete entry; bufused `, `(i64.extend_i32_u ${g(used)})`);
  f.emit(`(br ${L('scan_call')})))`);
  // names seen exactly once
  f.emit(set(once, c(0)), set(i, c(0)),
    `(block ${L('o_done')} (loop ${L('o')}`,
    `(br_if ${L('o_done')} (i32.ge_u ${g(i)} ${c(n)}))`,
    `(if (i32.eq (i32.load (i32.add ${c(counts)} (i32.mul ${g(i)} ${c(4)}))) ${c(1)}) (then ${inc(once)}))`,
    inc(i), `(br ${L('o')})))`);
  return { once: g(once), unexpected: g(unexpected), wrongType: g(wrong), dot: g(dot), dotdot: g(dotdot), dotWrongType: g(dotWrong), calls: g(calls), lastCookie: g(cookie), inos };
}

/** The rule "every entry is listed exactly once, nothing else": prints entries= and unexpected=. */
export function checkListing(f: Fixture, scan: DirScan, expected: Entry[]): void {
  f.check('entries', scan.once, expected.length, { what: 'expected names listed exactly once' });
  f.check('unexpected', scan.unexpected, 0, { what: 'entries not in the directory' });
}

/** The rule "`.` and `..` are listed once each" (absent accepted under its label). */
export function checkDots(f: Fixture, scan: DirScan): void {
  f.check('dot', scan.dot, 1, { what: 'times `.` was listed', accept: DOTS_ABSENT_ALT });
  f.check('dotdot', scan.dotdot, 1, { what: 'times `..` was listed', accept: DOTS_ABSENT_ALT });
}

/** Total size of the records for `names` (dirent header + name bytes each). */
export function recordsSize(names: string[]): number {
  return names.reduce((a, s) => a + DIRENT + new TextEncoder().encode(s).length, 0);
}

/** The d_next of the last complete record among `used` bytes at `buf` (an i64 local). */
export function lastCookieIn(f: Fixture, buf: number, used: string): string {
  const id = (scanIds.get(f) ?? 0) + 1;
  scanIds.set(f, id);
  const pos = f.local(), cookie = f.local('i64'), ent = f.local(), u = f.local();
  const g = (l: string): string => `(local.get ${l})`;
  f.emit(`(local.set ${u} ${used})`, `(local.set ${pos} (i32.const 0))`, `(local.set ${cookie} (i64.const 0))`,
    `(block $lc_done${id} (loop $lc${id}`,
    `(br_if $lc_done${id} (i32.gt_u (i32.add ${g(pos)} (i32.const 24)) ${g(u)}))`,
    `(local.set ${ent} (i32.add (i32.const ${buf}) ${g(pos)}))`,
    `(br_if $lc_done${id} (i32.gt_u (i32.add (i32.add ${g(pos)} (i32.const 24)) (i32.load offset=16 ${g(ent)})) ${g(u)}))`,
    `(local.set ${cookie} (i64.load ${g(ent)}))`,
    `(local.set ${pos} (i32.add (i32.add ${g(pos)} (i32.const 24)) (i32.load offset=16 ${g(ent)})))`,
    `(br $lc${id})))`);
  return g(cookie);
}
