/**
 * The small WAT runtime every fixture carries: printing `key=value` lines, failing an
 * assertion (message on stderr, then `proc_exit(N)`), comparing bytes, finding the preopen.
 * Only the helpers a fixture uses (and what they need) are emitted, so fixtures stay short.
 *
 * Reserved memory (below DATA_BASE), shared by all helpers:
 *   8        '\n'
 *   16..31   iovec + nwritten scratch used by $write
 *   32..63   decimal digits of $print_u64 (written backwards, ending at 64)
 *   128..255 prestat / dir-name scratch used by $preopen
 */

/** Where the fixture's own static data (strings, iovec arrays, structs) starts. */
export const DATA_BASE = 1024;
/** Where scratch buffers (out-pointers, read buffers) start; data must end before it. */
export const SCRATCH_BASE = 32768;

export type HelperName = 'write' | 'print_u64' | 'kv' | 'kv_bytes' | 'fail' | 'memeq' | 'preopen' | 'preopen_named';

interface Helper { needs: HelperName[]; imports: string[]; wat: string }

const HELPERS: Record<HelperName, Helper> = {
  write: {
    needs: [], imports: ['fd_write'],
    wat: `
  ;; write len bytes at ptr to fd (errors ignored: output is best effort)
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24))))`,
  },
  print_u64: {
    needs: ['write'], imports: [],
    wat: `
  ;; write v as an unsigned decimal number to fd
  (func $print_u64 (param $fd i32) (param $v i64) (local $p i32)
    (local.set $p (i32.const 64))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (call $write (local.get $fd) (local.get $p) (i32.sub (i32.const 64) (local.get $p))))`,
  },
  kv: {
    needs: ['write', 'print_u64'], imports: [],
    wat: `
  ;; stdout: "<key>=<v>\\n" (the key string includes its '=')
  (func $kv (param $key i32) (param $keylen i32) (param $v i64)
    (call $write (i32.const 1) (local.get $key) (local.get $keylen))
    (call $print_u64 (i32.const 1) (local.get $v))
    (call $write (i32.const 1) (i32.const 8) (i32.const 1)))`,
  },
  kv_bytes: {
    needs: ['write'], imports: [],
    wat: `
  ;; stdout: "<key>=<bytes>\\n"
  (func $kv_bytes (param $key i32) (param $keylen i32) (param $ptr i32) (param $len i32)
    (call $write (i32.const 1) (local.get $key) (local.get $keylen))
    (call $write (i32.const 1) (local.get $ptr) (local.get $len))
    (call $write (i32.const 1) (i32.const 8) (i32.const 1)))`,
  },
  fail: {
    needs: ['write', 'print_u64'], imports: ['proc_exit'],
    wat: `
  ;; stderr: "<message><got>\\n", then exit with the assertion number
  (func $fail (param $n i32) (param $msg i32) (param $msglen i32) (param $got i64)
    (call $write (i32.const 2) (local.get $msg) (local.get $msglen))
    (call $print_u64 (i32.const 2) (local.get $got))
    (call $write (i32.const 2) (i32.const 8) (i32.const 1))
    (call $proc_exit (local.get $n))
    (unreachable))`,
  },
  memeq: {
    needs: [], imports: [],
    wat: `
  ;; 1 when len bytes at a and b are equal
  (func $memeq (param $a i32) (param $b i32) (param $len i32) (result i32)
    (block $differ
      (loop $byte
        (if (i32.eqz (local.get $len)) (then (return (i32.const 1))))
        (br_if $differ (i32.ne (i32.load8_u (local.get $a)) (i32.load8_u (local.get $b))))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $byte)))
    (i32.const 0))`,
  },
  preopen: {
    needs: [], imports: ['fd_prestat_get'],
    wat: `
  ;; the first preopened directory among fds 3..63 (as wasi-libc finds them), or -1
  (func $preopen (result i32) (local $fd i32)
    (local.set $fd (i32.const 3))
    (loop $next
      (if (i32.eqz (call $fd_prestat_get (local.get $fd) (i32.const 128)))
        (then (if (i32.eqz (i32.load8_u (i32.const 128))) (then (return (local.get $fd))))))
      (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $fd) (i32.const 64))))
    (i32.const -1))`,
  },
  preopen_named: {
    needs: ['memeq'], imports: ['fd_prestat_get', 'fd_prestat_dir_name'],
    wat: `
  ;; the preopened directory among fds 3..63 whose name is the len bytes at name, or -1
  (func $preopen_named (param $name i32) (param $len i32) (result i32) (local $fd i32)
    (local.set $fd (i32.const 3))
    (loop $next
      (if (i32.eqz (call $fd_prestat_get (local.get $fd) (i32.const 128)))
        (then (if (i32.and (i32.eqz (i32.load8_u (i32.const 128)))
                           (i32.eq (i32.load (i32.const 132)) (local.get $len)))
          (then (if (i32.eqz (call $fd_prestat_dir_name (local.get $fd) (i32.const 256) (local.get $len)))
            (then (if (call $memeq (i32.const 256) (local.get $name) (local.get $len))
              (then (return (local.get $fd)))))))))) 
      (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $fd) (i32.const 64))))
    (i32.const -1))`,
  },
};

/** The helpers needed (transitively), in a stable order. */
export function closeHelpers(used: Iterable<HelperName>): HelperName[] {
  const all = new Set<HelperName>();
  const visit = (h: HelperName): void => {
    if (all.has(h)) return;
    all.add(h);
    HELPERS[h].needs.forEach(visit);
  };
  for (const h of used) visit(h);
  return (Object.keys(HELPERS) as HelperName[]).filter((h) => all.has(h));
}

export function helperImports(helpers: HelperName[]): string[] {
  return helpers.flatMap((h) => HELPERS[h].imports);
}

export function helperWat(helpers: HelperName[]): string {
  return helpers.map((h) => HELPERS[h].wat.replace(/[ \t]+$/gm, '')).join('\n');
}
