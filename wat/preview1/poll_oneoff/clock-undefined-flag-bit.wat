;; GENERATED from suites/mutation/poll_oneoff.ts by `wasi-conformance generate`: do not edit.
;; preview1/poll_oneoff/clock-undefined-flag-bit: a clock subscription with an undefined subclockflags bit yields an EINVAL event
;; spec: docs.md#subclockflags
;; "Flags determining how to interpret the timestamp provided in subscription_clock::timeout."
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\0a")
  (data (i32.const 1024) "\07\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\01\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\02\00\00\00\00\00\00\00")
  (data (i32.const 1072) "\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa\aa")
  (data (i32.const 1104) "errno=")
  (data (i32.const 1110) "assert 1: errno of poll_oneoff expected 0 (success) or 28 (inval) got ")
  (data (i32.const 1180) "nevents=")
  (data (i32.const 1188) "assert 2: nevents expected 1 got ")
  (data (i32.const 1221) "event_error=")
  (data (i32.const 1233) "assert 3: event.error expected 28 got ")

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
    (local.set $l0 (call $poll_oneoff (i32.const 1024) (i32.const 1072) (i32.const 1) (i32.const 32768)))
    (local.set $l1 (local.get $l0))
    (call $kv (i32.const 1104) (i32.const 6) (i64.extend_i32_u (local.get $l1)))
    (if (i32.eqz (i32.or (i32.eq (local.get $l1) (i32.const 0)) (i32.eq (local.get $l1) (i32.const 28)))) (then (call $fail (i32.const 1) (i32.const 1110) (i32.const 70) (i64.extend_i32_u (local.get $l1)))))
    (if (i32.eq (local.get $l1) (i32.const 28)) (then (call $proc_exit (i32.const 0)) (unreachable)))
    (local.set $l2 (i32.load (i32.const 32768)))
    (call $kv (i32.const 1180) (i32.const 8) (i64.extend_i32_u (local.get $l2)))
    (if (i32.eqz (i32.eq (local.get $l2) (i32.const 1))) (then (call $fail (i32.const 2) (i32.const 1188) (i32.const 33) (i64.extend_i32_u (local.get $l2)))))
    (local.set $l3 (i32.load16_u (i32.const 1080)))
    (call $kv (i32.const 1221) (i32.const 12) (i64.extend_i32_u (local.get $l3)))
    (if (i32.eqz (i32.eq (local.get $l3) (i32.const 28))) (then (call $fail (i32.const 3) (i32.const 1233) (i32.const 38) (i64.extend_i32_u (local.get $l3)))))
  )
)
