#!/usr/bin/env bash
# test.sh: build jetdb and run its test suite (CTest + cmocka).
#   ./test.sh           normal build (build/)
#   ./test.sh --asan    AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/)
#   ./test.sh --tsan    ThreadSanitizer (build-tsan/)
#   ./test.sh --long    also the long torture/stress tests
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
dir=build
opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
for arg in "$@"; do
  case "$arg" in
    --asan) dir=build-asan; opts+=(-DJETDB_ASAN=ON -DCMAKE_BUILD_TYPE=Debug) ;;
    --tsan) dir=build-tsan; opts+=(-DJETDB_TSAN=ON -DCMAKE_BUILD_TYPE=Debug) ;;
    --long) opts+=(-DJETDB_LONG_TESTS=ON) ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done
cmake -S . -B "$dir" "${opts[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)"
