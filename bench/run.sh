#!/usr/bin/env bash
# bench/run.sh: build and run the storage-core benchmark (jetdb beside SQLite).
#
#   bench/run.sh [--snapshot[=REV]] [--backup] [bench_core / bench_backup options...]
#
# --backup runs the online-backup benchmark (bench_backup) instead of the
# storage-core one, e.g.  bench/run.sh --backup --db-mib 1024
# --restore runs the restore benchmark (bench_restore), e.g.
#   bench/run.sh --restore --db-mib 1024 --inc-log-mib 500
# --isam runs the table-level benchmark (bench_isam: jetdb through esent.h
# beside SQLite and LMDB; installs liblmdb-dev when missing), e.g.
#   bench/run.sh --isam --rows 200000 --ops 100000 --threads 1,4
#
# Configures a separate Release build in build-bench/ (-DJETDB_BENCH=ON, no
# tests), builds bench_core with -j2, prints the machine facts and runs it.
# Options after the script's own go to bench_core (see bench/README.md), e.g.
#   bench/run.sh --rows 2000000 --rss-budget-mib 64 --rss-sizes 256,512
# Environment: BENCH_DIR = data folder (default build-bench/data; must be on
# a real disk — durability must reach it), BENCH_* = bench_core options.
#
# --snapshot[=REV] builds the library from a commit (git archive REV, default
# HEAD) plus the working tree's bench/, instead of the working tree: useful
# when work in progress leaves src/ unbuildable, and to pin the figures to a
# commit.  Nothing is written to git.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD="$ROOT/build-bench"
SRC="$ROOT"
REV=""
if [[ "${1:-}" == --snapshot* ]]; then
  REV=HEAD
  [[ "$1" == --snapshot=* ]] && REV="${1#--snapshot=}"
  shift
  SRC="$BUILD/src-snapshot"
  rm -rf "$SRC"
  mkdir -p "$SRC"
  git -C "$ROOT" archive "$REV" | tar -x -C "$SRC"
  rm -rf "$SRC/bench"
  cp -r "$ROOT/bench" "$SRC/bench"
  if ! grep -q JETDB_BENCH "$SRC/CMakeLists.txt"; then
    printf 'option(JETDB_BENCH "Build benchmarks" OFF)\nif(JETDB_BENCH)\n  add_subdirectory(bench)\nendif()\n' \
      >> "$SRC/CMakeLists.txt"
  fi
  echo "building from $(git -C "$ROOT" rev-parse --short "$REV") (snapshot) + working-tree bench/"
fi

# SQLite's headers and library (Debian's libsqlite3-dev).
if ! { [ -f /usr/include/sqlite3.h ] && dpkg -s libsqlite3-dev >/dev/null 2>&1; }; then
  echo "installing libsqlite3-dev..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq libsqlite3-dev
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq libsqlite3-dev
  fi
fi

PROG=bench_core
if [ "${1:-}" = --backup ]; then
  PROG=bench_backup
  shift
elif [ "${1:-}" = --restore ]; then
  PROG=bench_restore   # restore benchmark (bench/README.md, "Restore")
  shift
elif [ "${1:-}" = --isam ]; then
  PROG=bench_isam      # table-level benchmark (bench/README.md, "Table-level benchmark")
  shift
fi
# LMDB's headers and library (Debian's liblmdb-dev): bench/CMakeLists.txt
# needs them for bench_isam whatever benchmark runs.
if ! { [ -f /usr/include/lmdb.h ] && dpkg -s liblmdb-dev >/dev/null 2>&1; }; then
  echo "installing liblmdb-dev..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq liblmdb-dev
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq liblmdb-dev
  fi
fi

OBJ="$BUILD/obj"
[ "$SRC" = "$ROOT" ] && OBJ="$BUILD/tree"
cmake -S "$SRC" -B "$OBJ" -DJETDB_BENCH=ON -DJETDB_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$OBJ" --target "$PROG" -j2 >/dev/null

DATA="${BENCH_DIR:-$BUILD/data}"
mkdir -p "$DATA"
fstype=$(stat -f -c %T "$DATA")
if [ "$fstype" = "tmpfs" ] || [ "$fstype" = "ramfs" ]; then
  echo "error: $DATA is on $fstype; durable commits must reach a disk (set BENCH_DIR)" >&2
  exit 1
fi

echo "== machine =="
echo "date:   $(date -u '+%Y-%m-%d %H:%M UTC')"
if [ -n "$REV" ]; then
  echo "source: commit $(git -C "$ROOT" rev-parse --short "$REV") (snapshot)"
else
  echo "source: working tree at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$( { ! git -C "$ROOT" diff --quiet HEAD -- src 2>/dev/null || [ -n "$(git -C "$ROOT" ls-files --others --exclude-standard -- src 2>/dev/null)" ]; } && echo ' + uncommitted src changes')"
fi
echo "cpu:    $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory: $(free -m | awk '/Mem:/ {print $2 " MiB"}')"
echo "kernel: $(uname -r)"
echo "disk:   $(df -hT "$DATA" | awk 'NR==2 {print $1 " (" $2 "), " $3 " total, " $5 " free, mounted on " $7}')"
echo "sqlite: $(dpkg-query -W -f '${Version}' libsqlite3-0 2>/dev/null || echo '?') (Debian libsqlite3)"
[ "$PROG" = bench_isam ] && echo "lmdb:   $(dpkg-query -W -f '${Version}' liblmdb0 2>/dev/null || echo '?') (Debian liblmdb0)"
exec "$OBJ/bench/$PROG" --dir "$DATA" "$@"
