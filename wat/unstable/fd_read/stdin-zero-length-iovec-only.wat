;; GENERATED from suites/mutation/fd.ts by `wasi-conformance generate`: do not edit.
;; unstable/fd_read/stdin-zero-length-iovec-only: fd_read on stdin with one zero-length iovec reads 0 bytes and consumes nothing
;; spec: docs.md#iovec
;; "Read from a file descriptor. Note: This is similar to `readv` in POSIX."
(module
  (import "wasi_unstable" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_unstable" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "\0a")
  (data (i32.const 1024) "\aa\aa\aa\aa")
  (data (i32.const 1028) "\00\04\00\00\00\00\00\00")
  (data (i32.const 1036) "errno=")
  (data (i32.const 1042) "assert 1: errno of fd_read expected 0 (success) got ")
  (data (i32.const 1094) "nread=")
  (data (i32.const 1100) "assert 2: nread expected 0 got ")
  (data (i32.const 1132) "\00\80\00\00\05\00\00\00")
  (data (i32.const 1140) "assert 3: setup: second fd_read expected errno 0 got ")
  (data (i32.const 1193) "hello")
  (data (i32.const 1198) "next=")
  (data (i32.const 1203) "assert 4: next: length expected 5 got ")
  (data (i32.const 1241) "assert 5: next: bytes differ from \22hello\22; length ")

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

  ;; stdout: "<key>=<bytes>\n"
  (func $kv_bytes (param $key i32) (param $keylen i32) (param $ptr i32) (param $len i32)
    (call $write (i32.const 1) (local.get $key) (local.get $keylen))
    (call $write (i32.const 1) (local.get $ptr) (local.get $len))
    (call $write (i32.const 1) (i32.const 8) (i32.const 1)))

  ;; stderr: "<message><got>\n", then exit with the assertion number
  (func $fail (param $n i32) (param $msg i32) (param $msglen i32) (param $got i64)
    (call $write (i32.const 2) (local.get $msg) (local.get $msglen))
    (call $print_u64 (i32.const 2) (local.get $got))
    (call $write (i32.const 2) (i32.const 8) (i32.const 1))
    (call $proc_exit (local.get $n))
    (unreachable))

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
    (i32.const 0))

  (func $_start (export "_start")
    (local $l0 i32)
    (local $l1 i32)
    (local $l2 i32)
    (local $l3 i32)
    (local $l4 i32)
    (local.set $l0 (call $fd_read (i32.const 0) (i32.const 1028) (i32.const 1) (i32.const 32776)))
    (local.set $l1 (local.get $l0))
    (call $kv (i32.const 1036) (i32.const 6) (i64.extend_i32_u (local.get $l1)))
    (if (i32.eqz (i32.eq (local.get $l1) (i32.const 0))) (then (call $fail (i32.const 1) (i32.const 1042) (i32.const 52) (i64.extend_i32_u (local.get $l1)))))
    (local.set $l2 (i32.load (i32.const 32776)))
    (call $kv (i32.const 1094) (i32.const 6) (i64.extend_i32_u (local.get $l2)))
    (if (i32.eqz (i32.eq (local.get $l2) (i32.const 0))) (then (call $fail (i32.const 2) (i32.const 1100) (i32.const 31) (i64.extend_i32_u (local.get $l2)))))
    (local.set $l3 (call $fd_read (i32.const 0) (i32.const 1132) (i32.const 1) (i32.const 32780)))
    (if (i32.eqz (i32.eqz (local.get $l3))) (then (call $fail (i32.const 3) (i32.const 1140) (i32.const 53) (i64.extend_i32_u (local.get $l3)))))
    (local.set $l4 (i32.load (i32.const 32780)))
    (call $kv_bytes (i32.const 1198) (i32.const 5) (i32.const 32768) (local.get $l4))
    (if (i32.eqz (i32.eq (local.get $l4) (i32.const 5))) (then (call $fail (i32.const 4) (i32.const 1203) (i32.const 38) (i64.extend_i32_u (local.get $l4)))))
    (if (i32.eqz (call $memeq (i32.const 32768) (i32.const 1193) (i32.const 5))) (then (call $fail (i32.const 5) (i32.const 1241) (i32.const 50) (i64.extend_i32_u (local.get $l4)))))
  )
)
