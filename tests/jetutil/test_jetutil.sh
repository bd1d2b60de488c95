#!/usr/bin/env bash
# test_jetutil.sh JETUTIL MKDATA: runs every jetutil mode against real files
# made by the engine (ju_mkdata) and against damaged copies of them, and
# checks exit statuses, messages and the text / --json output.
set -u
J=$(realpath "$1")
MK=$(realpath "$2")
T=$(mktemp -d /tmp/jetutil-test.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
n=0

# expect STATUS CMD...: run CMD, keep stdout/stderr in $T/out, $T/err.
expect() {
    local want=$1
    shift
    n=$((n + 1))
    "$@" >"$T/out" 2>"$T/err"
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: exit $got (want $want): $*"
        sed 's/^/  out: /' "$T/out" | tail -5
        sed 's/^/  err: /' "$T/err" | tail -5
        fails=$((fails + 1))
    fi
}

# has FILE PATTERN: the last command's output contains PATTERN.
has() {
    n=$((n + 1))
    if ! grep -q -- "$2" "$T/$1"; then
        echo "FAIL: $1 lacks '$2'"
        sed 's/^/  | /' "$T/$1" | tail -8
        fails=$((fails + 1))
    fi
}

# json_ok: the last stdout is one valid JSON document.
json_ok() {
    n=$((n + 1))
    if command -v python3 >/dev/null; then
        if ! python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$T/out"; then
            echo "FAIL: invalid JSON"
            fails=$((fails + 1))
        fi
    fi
}

D=$T/d
mkdir -p "$D"
"$MK" backup "$D" >/dev/null 2>&1 || { echo "ju_mkdata backup failed"; exit 1; }
cd "$D"
# The generations present depend on checkpoint timing: pick files by rank.
L=($(cd inst && ls edb0*.log))
B=($(cd bk && ls edb0*.log))
if [ "${#L[@]}" -lt 3 ] || [ "${#B[@]}" -lt 3 ]; then
    echo "ju_mkdata made too few logs: inst ${#L[@]}, bk ${#B[@]}"; exit 1
fi

# ---- usage and help ----
expect 1 "$J"
expect 0 "$J" --help;                 has out "Exit status"
expect 0 "$J" /mh --help;             has out "Previous Full"
expect 0 "$J" help verify-backup;     has out "Usage: jetutil verify-backup"
expect 1 "$J" /zz x;                  has err "unknown mode"
expect 1 "$J" /mh;                    has err "missing argument"
expect 1 "$J" /mh inst/core.edb /q;   has err "invalid option"
expect 1 "$J" /cc bk;                 has err "not available"
expect 0 "$J" restore --help;         has out "JetRestoreInstance"; has out "Exit status"
expect 0 "$J" /c --help;              has out "Usage: jetutil /c BACKUP DESTINATION"
expect 1 "$J" restore bk;             has err "missing argument"
expect 1 "$J" /c bk;                  has err "missing argument"
expect 1 "$J" restore bk x y;         has err "unexpected argument"
expect 1 "$J" info a b

# ---- /mh, info ----
expect 0 "$J" /mh inst/core.edb
has out "State: Clean Shutdown"; has out "Previous Full Backup:"; has out "Log Gen: "
has out "Current Full Backup:"; has out "Mark: (0x"; has out "Operation completed successfully"
expect 0 "$J" /mh inst/core.edb --json; json_ok; has out '"state": "clean_shutdown"'
has out '"previous_full"'
expect 0 "$J" /mh bk/core.edb /o;     has out "Current Full Backup:"
expect 0 "$J" info inst/core.edb --json; json_ok; has out '"page_size": 4096'
expect 2 "$J" /mh nosuch.edb;         has err "nosuch.edb"; has err "JET_errFileNotFound"
expect 2 "$J" /mh nosuch.edb --json;  json_ok; has out '"exit_code": 2'
cp inst/core.edb magic.edb
printf 'XXXX' | dd of=magic.edb bs=1 seek=4 conv=notrunc 2>/dev/null
printf 'XXXX' | dd of=magic.edb bs=1 seek=4100 conv=notrunc 2>/dev/null
expect 3 "$J" /mh magic.edb;          has err "not a jetdb database"; has err "-1028"
expect 3 "$J" /mh inst/edb00001.log;  has err "log file"
head -c 3000 inst/core.edb > short.edb
expect 3 "$J" /mh short.edb;          has err "too short"
# primary header damaged: the shadow is shown with a warning
cp inst/core.edb prim.edb
printf '\x01' | dd of=prim.edb bs=1 seek=300 conv=notrunc 2>/dev/null
expect 0 "$J" /mh prim.edb;           has out "DATABASE SHADOW HEADER"; has out "WARNING"

# ---- /k ----
expect 0 "$J" /k inst/core.edb;       has out "pages/s"; has out "bad checksums: 0"
expect 0 "$J" /k bk/core.edb --json;  json_ok; has out '"backup_copy": true'
cp inst/core.edb flip.edb
# page 2 (the directory root) lives at (2 + 1) * 4096
printf '\xff\xfe' | dd of=flip.edb bs=1 seek=$((3 * 4096 + 200)) conv=notrunc 2>/dev/null
expect 3 "$J" /k flip.edb;            has err "page 2: checksum failed"; has err "JET_errReadVerifyFailure"
expect 3 "$J" /k flip.edb --json;     json_ok; has out '"error_name": "JET_errReadVerifyFailure"'
cp inst/core.edb trunc.edb; truncate -s 100000 trunc.edb
expect 3 "$J" /k trunc.edb;           has err "truncated"
expect 0 "$J" /k inst/core.edb --no-progress

# ---- /ml, /mk ----
expect 0 "$J" /ml "inst/${L[1]}";     has out "lGeneration: "; has out "Integrity check passed"
expect 0 "$J" /ml inst;               has out "No damaged log files were found"; has out "edb.log - OK"
expect 0 "$J" /ml inst/edb --json;    json_ok; has out '"files"'
cp -r inst lg_miss; rm "lg_miss/${L[1]}"
expect 4 "$J" /ml lg_miss;            has err "missing log file"; has err "JET_errMissingLogFile"
cp -r inst lg_flip
printf '\x00\x01\x02' | dd of="lg_flip/${L[1]}" bs=1 seek=9000 conv=notrunc 2>/dev/null
expect 3 "$J" /ml lg_flip;            has err "${L[1]}"; has err "JET_errLog"
expect 3 "$J" /ml "lg_flip/${L[1]}"
cp -r inst lg_trunc; truncate -s 20000 "lg_trunc/${L[2]}"
expect 3 "$J" /ml lg_trunc;           has err "${L[2]}"
printf 'ZZZZ' | dd of="lg_trunc/${L[0]}" bs=1 seek=4 conv=notrunc 2>/dev/null
expect 3 "$J" /ml "lg_trunc/${L[0]}"
expect 2 "$J" /ml nosuchdir;          has err "nosuchdir"
expect 2 "$J" /ml /nonexistent/dir;   has err "no such log file or folder"
expect 0 "$J" /mk inst/edb.chk;       has out "Checkpoint: (0x"; has out "Copy A: valid"
expect 0 "$J" /mk inst/edb.chk --json; json_ok
cp inst/edb.chk other.name
expect 0 "$J" /mk other.name;         has out "Checkpoint: (0x"
cp inst/edb.chk bad.chk; printf '\xff' | dd of=bad.chk bs=1 seek=100 conv=notrunc 2>/dev/null
expect 0 "$J" /mk bad.chk;            has out "Copy A: DAMAGED"
printf '\xff' | dd of=bad.chk bs=1 seek=4200 conv=notrunc 2>/dev/null
expect 3 "$J" /mk bad.chk;            has err "JET_errCheckpointCorrupt"
expect 3 "$J" /mk inst/core.edb;      has err "not a jetdb checkpoint"

# ---- verify-backup ----
expect 0 "$J" verify-backup bk;       has out "The backup is complete and consistent"; has out "later logs"
expect 0 "$J" verify-backup abk --json; json_ok; has out '"layout": "atomic (new/)"'
cp -r bk vb_flip
printf '\xff\xff\xff\xff' | dd of=vb_flip/core.edb bs=1 seek=$((4096 * 3 + 100)) conv=notrunc 2>/dev/null
expect 3 "$J" verify-backup vb_flip;  has err "page 2: checksum failed"
cp -r bk vb_miss; rm "vb_miss/${B[1]}"
expect 4 "$J" verify-backup vb_miss;  has err "missing log file"
cp -r bk vb_old; rm "vb_old/${B[0]}"
expect 4 "$J" verify-backup vb_old;   has err "needs logs from generation"
cp -r bk vb_trunc; truncate -s 500000 vb_trunc/core.edb
expect 3 "$J" verify-backup vb_trunc; has err "truncated"
cp -r bk vb_log; printf '\x00\x01' | dd of="vb_log/${B[2]}" bs=1 seek=9000 conv=notrunc 2>/dev/null
expect 3 "$J" verify-backup vb_log;   has err "${B[2]}"
cp -r bk vb_nopat; rm vb_nopat/core.pat
expect 4 "$J" verify-backup vb_nopat; has err "marker"
cp -r bk vb_live; cp inst/core.edb vb_live/core.edb
expect 4 "$J" verify-backup vb_live;  has err "not a backup copy"
expect 2 "$J" verify-backup nosuch;   has err "not a backup folder"
expect 2 "$J" verify-backup nosuch --json; json_ok

# ---- online: /r, /g, backup, stream-backup, /y ----
D2=$T/d2
mkdir -p "$D2"
"$MK" dirty "$D2" >/dev/null 2>&1 || { echo "ju_mkdata dirty failed"; exit 1; }
expect 5 "$J" /g "$D2/inst/core.edb"; has err "JET_errDatabaseDirtyShutdown"
# logs of another stream (another instance) inside a backup / a log folder
cp -r bk vb_sig; cp "$D2/inst/edb00001.log" "vb_sig/${B[0]}"
expect 4 "$J" verify-backup vb_sig;   has err "another log stream"
cp -r inst lg_sig; cp "$D2/inst/edb00001.log" "lg_sig/${L[0]}"
expect 4 "$J" /ml lg_sig --json;      json_ok; has out '"error_name": "JET_errBadLogSignature"'
expect 4 "$J" verify-backup vb_sig --json; json_ok
expect 1 "$J" /r edbx /l"$D2/inst"
expect 4 "$J" /r abc /l"$D2/inst";    has err "no log files"
expect 0 "$J" /r edb /l"$D2/inst";    has out "Performing soft recovery"
expect 0 "$J" info "$D2/inst/core.edb"; has out "State: Clean Shutdown"
expect 0 "$J" /g "$D2/inst/core.edb"; has out "Integrity check successful"
expect 0 "$J" /g "$D2/inst/core.edb" --json; json_ok; has out '"trees"'
expect 0 "$J" backup --instance-dir "$D2/inst" "$D2/ob"; has out "Database: "
expect 0 "$J" verify-backup "$D2/ob"
expect 0 "$J" backup --incremental --instance-dir "$D2/inst" "$D2/ob"
expect 0 "$J" verify-backup "$D2/ob"
expect 0 "$J" backup --atomic --instance-dir "$D2/inst" "$D2/ab"
expect 0 "$J" verify-backup "$D2/ab"; has out "atomic"
expect 5 "$J" backup --instance-dir "$D2/inst" "$D2/ob"; has err "JET_errBackupDirectoryNotEmpty"
expect 1 "$J" backup "$D2/x";         has err "instance-dir"
expect 0 sh -c "'$J' stream-backup --instance-dir '$D2/inst' > '$T/s.tar'"
mkdir -p "$D2/sb"
expect 0 tar xf "$T/s.tar" -C "$D2/sb"
expect 0 "$J" verify-backup "$D2/sb"
expect 0 "$J" /y "$D2/inst/core.edb" /d"$T/copy.edb"
expect 0 cmp "$D2/inst/core.edb" "$T/copy.edb"
expect 2 "$J" /y "$T/nosuch" /d"$T/x"

# ---- restore, /c (JetRestoreInstance) ----
# Rows a restore must give back: bk (full + incremental), abk (atomic full),
# and the live database (a restore rolled forward through the live logs).
read -r BK_ROWS ABK_ROWS ALL_ROWS < rows
R=$T/r
mkdir -p "$R"
expect 0 "$J" restore bk "$R/r1" --no-progress
has out "Layout: flat"; has out "Logs: generations"; has out "Restored: .* bytes, Clean Shutdown"
has out "Operation completed successfully"
expect 0 "$J" /mh "$R/r1/core.edb";   has out "State: Clean Shutdown"
expect 0 "$J" /g "$R/r1/core.edb";    has out "records $BK_ROWS "; has out "Integrity check successful"
expect 0 "$J" info "$R/r1/core.edb" --json; json_ok; has out '"state": "clean_shutdown"'
# the log stream continues in DEST: JetInit + JetAttachDatabase work there
expect 0 "$J" /ml "$R/r1";            has out "edb.log - OK"
expect 0 "$J" backup --instance-dir "$R/r1" "$R/r1bk"
expect 0 "$J" verify-backup "$R/r1bk"
# esentutl form, atomic folder, absolute paths, --json
expect 0 "$J" /c "$D/abk" "$R/r2" /o --json; json_ok
has out '"layout": "atomic (new/)"'; has out '"clean": true'; has out '"exit_code": 0'
expect 0 "$J" /g "$R/r2/core.edb";    has out "records $ABK_ROWS "
# an extracted stream-backup tar restores too
expect 0 "$J" restore "$D2/sb" "$R/r3"
expect 0 "$J" /g "$R/r3/core.edb";    has out "Integrity check successful"
# roll forward: the log folder holds the live stream
cp -r inst rf_live
expect 0 "$J" restore bk "$R/r4" --log-path rf_live
expect 0 "$J" /g "$R/r4/core.edb";    has out "records $ALL_ROWS "
# errors: nothing is left in a destination the restore created
expect 5 "$J" restore bk "$R/r1";     has err "not empty"; has err "JET_errFileAlreadyExists"
: > "$R/afile"
expect 2 "$J" restore bk "$R/afile";  has err "not a folder"
expect 2 "$J" restore nosuch "$R/e1"; has err "no such backup folder"; has err "JET_errFileNotFound"
expect 4 "$J" restore "$R/r1" "$R/e1"; has err "not a backup folder: it holds a live log stream"
cp -r bk rs_miss; rm "rs_miss/${B[1]}"
expect 4 "$J" restore rs_miss "$R/e2"; has err "rs_miss/${B[1]}: missing log file"
has err "JET_errMissingRestoreLogFiles"
expect 1 test -e "$R/e2"
mkdir "$R/e3"
expect 4 "$J" restore rs_miss "$R/e3" --json; json_ok
has out '"error_name": "JET_errMissingRestoreLogFiles"'; has out '"exit_code": 4'
expect 0 test -d "$R/e3"
expect 0 find "$R/e3" -maxdepth 0 -empty
expect 3 "$J" restore vb_log "$R/e4"; has err "vb_log/${B[2]}: this log of the backup does not verify"
expect 4 "$J" restore vb_sig "$R/e5"; has err "another log stream"
expect 3 "$J" restore vb_flip "$R/e6"; has err "JET_errReadVerifyFailure"
expect 4 "$J" restore vb_nopat "$R/e7"; has err "JET_errPatchFileMissing"
expect 4 "$J" restore vb_live "$R/e8"; has err "JET_errRestoreOfNonBackupDatabase"
cp -r bk rs_first; rm "rs_first/${B[0]}"
expect 4 "$J" restore rs_first "$R/e9"; has err "the copy needs log generations"
expect 1 test -e "$R/e9"

echo "$((n - fails))/$n checks passed"
[ "$fails" = 0 ]
