;; GENERATED from suites/mutation/path.ts by `wasi-conformance generate`: do not edit.
;; unstable/path_filestat_get/invalid-utf8-path: a path that is not valid UTF-8 (byte 0xff) fails with EILSEQ; it never names U+FFFD
;; spec: docs.md#errno.ilseq
;; "ilseq: Illegal byte sequence."
(module
  (import "wasi_unstable" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\0a")
  (data (i32.const 1024) "\ff")
  (data (i32.const 1025) "assert 1: setup: a preopened directory expected, found none: ")
  (data (i32.const 1086) "errno=")
  (data (i32.const 1092) "assert 2: errno of path_filestat_get expected 25 (ilseq) or 44 (noent) got ")

  ;; write len bytes at ptr to fd (errors ignored: output is best effort)
  (func $write (param $fd i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.const 16) (local.get $ptr))
    (i32.store (i32.const 20) (local.get $len))
    (drop (call $fd_write (local.get $fd) (i32.const 16) (i32.const 1) (i32.const 24))))

  ;; write v as an unsigned decimal number to fd
  (func $print_u64 (param $fd i32) (param $v i64) (local $p i32)
    (local.set $p (i32.const 64))
    (loop $digit
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p)
        (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $digit (i64.ne (local.get $v) (i64.const 0))))
    (call $write (local.get $fd) (local.get $p) (i32.sub (i32.const 64) (local.get $p))))

  ;; stdout: "<key>=<v>\n" (the key string includes its '=')
  (func $kv (param $key i32) (param $keylen i32) (param $v i64)
    (call $write (i32.const 1) (local.get $key) (local.get $keylen))
    (call $print_u64 (i32.const 1) (local.get $v))
    (call $write (i32.const 1) (i32.const 8) (i32.const 1)))

  ;; stderr: "<message><got>\n", then exit with the assertion number
  (func $fail (param $n i32) (param $msg i32) (param $msglen i32) (param $got i64)
    (call $write (i32.const 2) (local.get $msg) (local.get $msglen))
    (call $print_u64 (i32.const 2) (local.get $got))
    (call $write (i32.const 2) (i32.const 8) (i32.const 1))
    (call $proc_exit (local.get $n))
    (unreachable))

  ;; the first preopened directory among fds 3..63 (as wasi-libc finds them), or -1
  (func $preopen (result i32) (local $fd i32)
    (local.set $fd (i32.const 3))
    (loop $next
      (if (i32.eqz (call $fd_prestat_get (local.get $fd) (i32.const 128)))
        (then (if (i32.eqz (i32.load8_u (i32.const 128))) (then (return (local.get $fd))))))
      (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $fd) (i32.const 64))))
    (i32.const -1))

  (func $_start (export "_start")
    (local $l0 i32)
    (local $l1 i32)
    (local $l2 i32)
    (local.set $l0 (call $preopen))
    (if (i32.eqz (i32.ge_s (local.get $l0) (i32.const 0))) (then (call $fail (i32.const 1) (i32.const 1025) (i32.const 61) (i64.const 0))))
    (local.set $l1 (call $path_filestat_get (local.get $l0) (i32.const 0) (i32.const 1024) (i32.const 1) (i32.const 32768)))
    (local.set $l2 (local.get $l1))
    (call $kv (i32.const 1086) (i32.const 6) (i64.extend_i32_u (local.get $l2)))
    (if (i32.eqz (i32.or (i32.eq (local.get $l2) (i32.const 25)) (i32.eq (local.get $l2) (i32.const 44)))) (then (call $fail (i32.const 2) (i32.const 1092) (i32.const 75) (i64.extend_i32_u (local.get $l2)))))
  )
)
