#!/usr/bin/env bash
# Installs the Debian packages the test suite uses, when missing and when we can (root + apt).
# Tests that need a missing package skip with a message instead of failing.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v clang-14 >/dev/null 2>&1 || need+=(clang-14)
[ -e /usr/lib/wasm32-wasi/libc.a ] || [ -e /usr/lib/wasm32-wasi/crt1.o ] || need+=(wasi-libc)
command -v wasm-ld-14 >/dev/null 2>&1 || command -v wasm-ld >/dev/null 2>&1 || need+=(lld-14)
# compiler-rt builtins for wasm32 (clang links them into every WASI program; printf needs them)
ls /usr/lib/llvm-14/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1 || need+=(libclang-rt-14-dev-wasm32)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || echo "warning: could not install ${need[*]}; the tests that need them will skip"
else
  echo "note: missing ${need[*]} (not root or no apt); the tests that need them will skip"
fi
exit 0
