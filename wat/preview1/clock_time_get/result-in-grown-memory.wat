;; GENERATED from suites/mutation/memory.ts by `wasi-conformance generate`: do not edit.
;; preview1/clock_time_get/result-in-grown-memory: after memory.grow, a result pointer into the new page is written there
;; spec: docs.md#clock_time_get
;; "Return the time value of a clock."
(module
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\0a")
  (data (i32.const 1024) "assert 1: setup: memory.grow by one page expected to return 1 (the old size); got ")
  (data (i32.const 1106) "errno=")
  (data (i32.const 1112) "assert 2: errno of clock_time_get expected 0 (success) got ")
  (data (i32.const 1171) "time_written=")
  (data (i32.const 1184) "assert 3: realtime written into the grown page (nonzero) expected 1 got ")

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

  (func $_start (export "_start")
    (local $l0 i32)
    (local $l1 i32)
    (local $l2 i32)
    (local $l3 i32)
    (local.set $l0 (memory.grow (i32.const 1)))
    (if (i32.eqz (i32.eq (local.get $l0) (i32.const 1))) (then (call $fail (i32.const 1) (i32.const 1024) (i32.const 82) (i64.extend_i32_s (local.get $l0)))))
    (i64.store (i32.const 65544) (i64.const 0))
    (local.set $l1 (call $clock_time_get (i32.const 0) (i64.const 0) (i32.const 65544)))
    (local.set $l2 (local.get $l1))
    (call $kv (i32.const 1106) (i32.const 6) (i64.extend_i32_u (local.get $l2)))
    (if (i32.eqz (i32.eq (local.get $l2) (i32.const 0))) (then (call $fail (i32.const 2) (i32.const 1112) (i32.const 59) (i64.extend_i32_u (local.get $l2)))))
    (local.set $l3 (i32.ne (i64.ne (i64.load (i32.const 65544)) (i64.const 0)) (i32.const 0)))
    (call $kv (i32.const 1171) (i32.const 13) (i64.extend_i32_u (local.get $l3)))
    (if (i32.eqz (i32.eq (local.get $l3) (i32.const 1))) (then (call $fail (i32.const 3) (i32.const 1184) (i32.const 72) (i64.extend_i32_u (local.get $l3)))))
  )
)
