#!/usr/bin/env bash
# run_example.sh PROGRAM EXPECTED: run an example program in a fresh folder
# and compare its standard output with the expected text (exact match).
set -euo pipefail
prog=$1
expected=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$prog" "$dir/data" >"$dir/out"
if ! diff -u "$expected" "$dir/out"; then
  echo "output of $(basename "$prog") differs from $(basename "$expected")" >&2
  exit 1
fi
echo "$(basename "$prog"): output as expected"
