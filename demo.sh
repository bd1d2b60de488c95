#!/usr/bin/env bash
# demo.sh: build jetdb (library, jetutil, examples, tests) and run its main
# scenario end to end — tools/demo/demo_backup, written against esent.h
# only: a database with a table ("orders": primary key, secondary index,
# long values) that writer threads fill with durable transactions, a full
# online backup while they write, more writes, an incremental backup, stop,
# a restore into a new folder, `jetutil verify-backup`, `jetutil /mh` and
# `jetutil /g`, and a read-back through the table API: every row committed
# before the incremental began is there and byte-identical, nothing else
# is, no transaction is half there, the secondary index has one entry per
# row.  Everything lives in a temporary folder, removed at the end
# (./demo.sh --keep keeps it; --help lists the options).
#
# Environment: BUILD_DIR (default build), JOBS (default: all cores).
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
echo "building jetdb in $build/ ..."
cmake --build "$build" -j"${JOBS:-$(nproc)}" >/dev/null
exec "./$build/tools/demo/demo_backup" --jetutil "./$build/tools/jetutil/jetutil" "$@"
