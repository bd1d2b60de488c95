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
has out "/t<folder>"; has out "/f<folder>"
expect 0 "$J" /r --help;              has out "/d\[path\]"; has out "AlternateDatabaseRecoveryPath"
has out "/i "
expect 0 "$J" help ml;                has out "/v "; has out "log_records"
expect 1 "$J" /mh inst/core.edb /t;   has err "invalid option"
expect 1 "$J" /ml inst /k;            has err "invalid option"
expect 1 "$J" /r edb /k;              has err "invalid option"
expect 1 "$J" /c bk x /d y;           has err "no /d"
expect 1 "$J" /c bk x /f;             has err "needs a path"
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
# /ml /v: every record of one file
expect 0 "$J" /ml "inst/${L[0]}" /v
has out "Log records"; has out "(0x1,1,20) *24 INIT"; has out " CREATEDB .*path .*core.edb"
has out " BEGIN .*txid 0x"; has out " COMMIT .*txid 0x"
has out " PAGE .*dbid 1 txid 0x.* pgno [0-9]* objid [0-9]* flags [A-Z|]* dbtime 0x"
has out "Record summary"; has out "PAGE *[0-9]* records"; has out "Integrity check passed"
expect 0 "$J" /ml "inst/${L[0]}" /v --json; json_ok
has out '"log_records"'; has out '"type_name": "CREATEDB"'; has out '"dbtime_before"'
has out '"record_summary"'; has out '"records_dumped"'
if command -v python3 >/dev/null; then
    n=$((n + 1))
    python3 - "$T/out" <<'PY' || { echo "FAIL: /ml /v JSON records"; fails=$((fails + 1)); }
import json, sys
d = json.load(open(sys.argv[1]))
recs = d["log_records"]
assert len(recs) == d["records_dumped"] == d["records"], (len(recs), d["records"])
assert sum(t["count"] for t in d["record_summary"]) == len(recs)
offs = [r["offset"] for r in recs]
assert offs == sorted(offs) and len(set(offs)) == len(offs)
assert all(r["position"]["gen"] == d["generation"] for r in recs)
pages = [r for r in recs if r["type_name"] == "PAGE"]
assert pages and all(r["dbtime_after"] > r["dbtime_before"] for r in pages)
PY
fi
expect 0 "$J" /ml inst/edb.log /v;    has out " TERM"; has out " DETACHDB "
expect 0 "$J" /ml inst /v;            has out "WARNING: /v dumps the records of one log file"
expect 3 "$J" /ml "lg_flip/${L[1]}" /v; has out "the dump stops at the damage"; has err "JET_errLog"
has out "Operation terminated with error -"
expect 3 "$J" /ml "lg_flip/${L[1]}" /v --json; json_ok; has out '"dump_stopped_by"'
expect 3 "$J" /ml "lg_trunc/${L[0]}" /v;   has err "JET_err"
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
has out "Databases named by the logs"; has out "$D2/inst/core.edb: Clean Shutdown"
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
# /r /d: the database moved after the crash (a fresh crashed instance each)
mkdirty() {
    mkdir -p "$1" && "$MK" dirty "$1" >/dev/null 2>&1 || { echo "ju_mkdata dirty failed"; exit 1; }
    mkdir -p "$1/moved" && mv "$1/inst/core.edb" "$1/moved/"
}
D3=$T/d3; mkdirty "$D3"
expect 4 "$J" /r edb /l"$D3/inst";    has err "$D3/inst/core.edb: the logs name this attached database"
has err "JET_errAttachedDatabaseMismatch"; has out "Nothing was recovered"
has out "$D3/inst/core.edb: not found"
expect 4 "$J" /r edb /l"$D3/inst" --json; json_ok; has out '"state": "missing"'
has out '"error_name": "JET_errAttachedDatabaseMismatch"'
expect 0 "$J" info "$D3/moved/core.edb"; has out "State: Dirty Shutdown"
expect 2 "$J" /r edb /l"$D3/inst" /d"$D3/nosuch"; has err "no such database folder"
expect 0 "$J" /r edb /l"$D3/inst" /d"$D3/moved"
has out "Database Directory: $D3/moved"; has out "Database relocated: $D3/inst/core.edb -> $D3/moved/core.edb"
has out "$D3/moved/core.edb: Clean Shutdown"; has out "Operation completed successfully"
expect 0 "$J" info "$D3/moved/core.edb"; has out "State: Clean Shutdown"
expect 0 "$J" /g "$D3/moved/core.edb"; has out "records 1200 "; has out "Integrity check successful"
# a bare /d is the current folder; /d FOLDER (next argument) works too
D4=$T/d4; mkdirty "$D4"
expect 0 sh -c "cd '$D4/moved' && '$J' /r edb /l'$D4/inst' /d"
has out "Database Directory: <current directory>"; has out "./core.edb: Clean Shutdown"
expect 0 "$J" /g "$D4/moved/core.edb"; has out "records 1200 "
D5=$T/d5; mkdirty "$D5"
expect 0 "$J" /r edb /l "$D5/inst" /d "$D5/moved" /s "$D5/inst" --json; json_ok
has out '"database_path": "'"$D5"'/moved"'; has out '"state": "clean_shutdown"'
has out '"logged_path": "'"$D5"'/inst/core.edb"'
expect 0 "$J" /g "$D5/moved/core.edb"; has out "records 1200 "
# /i: recover anyway and give the missing database up
D6=$T/d6; mkdirty "$D6"
expect 0 "$J" /r edb /l"$D6/inst" /i; has out "WARNING: $D6/inst/core.edb was not found"
expect 0 "$J" info "$D6/moved/core.edb"; has out "State: Dirty Shutdown"
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

# /c with esentutl's switches: /t<instance folder>, /f<log folder>, bare /t, /k
cp -r inst rf_t
expect 0 "$J" /c bk "$R/c1" /t rf_t /k
has out "Log folder: rf_t"; has out "Roll forward: through the logs"; has out "Keep logs: yes"
expect 0 "$J" /g "$R/c1/core.edb";    has out "records $ALL_ROWS "
expect 0 "$J" /ml rf_t;               has out "No damaged log files were found"
cp -r inst rf_f
expect 0 "$J" /c bk "$R/c2" /f"$D/rf_f" --json; json_ok; has out '"roll_forward": true'
expect 0 "$J" /g "$R/c2/core.edb";    has out "records $ALL_ROWS "
expect 0 "$J" /c bk "$R/c3" /t;       has out "Roll forward: no"
expect 0 "$J" /g "$R/c3/core.edb";    has out "records $BK_ROWS "
expect 1 "$J" /c bk "$R/c4" /t /l rf_live; has err "a bare /t replays only the backup's logs"
expect 1 "$J" /c bk "$R/c4" /f rf_f /t; has err "/f does not work with /t"
expect 1 "$J" /c bk "$R/c4" /t rf_t /l rf_f; has err "drop /l"
expect 1 test -e "$R/c4"
mkdir nolog
expect 4 "$J" /c bk "$R/c5" /tnolog;  has err "no log files with base name edb"
has err "JET_errMissingLogFile"
expect 1 test -e "$R/c5"
expect 2 "$J" /c bk "$R/c6" /f"$T/nosuchdir"; has err "no such folder"
# the instance folder of another log stream: refused, nothing written
cp -r "$D2/inst" rf_foreign
expect 4 "$J" /c bk "$R/c7" /t rf_foreign; has err "rf_foreign: the log folder holds logs of another stream"
expect 1 test -e "$R/c7"
expect 0 "$J" /ml rf_foreign;         has out "No damaged log files were found"

# ---- /g on databases with tables: records, indexes, long values ----
G=$T/g
for dmg in none entry orphan lv record; do
    "$MK" isam "$G/$dmg" "$dmg" >/dev/null 2>&1 || { echo "ju_mkdata isam $dmg failed"; exit 1; }
done
expect 0 "$J" /g --help;              has out "entries without a record"; has out "Exit status"
expect 0 "$J" /g "$G/none/inst/isam.edb"
has out 'checking table "books" \.\.\. 40 records, 3 indexes, 10 long values: OK'
has out 'index "itags": 40 entries'; has out 'index "utitle" (unique): 40 entries'
has out 'index "iprice_desc" of "books"'; has out "Problems: 0"; has out "Integrity check successful"
expect 0 "$J" /g "$G/none/inst/isam.edb" --json; json_ok
has out '"problem_counts"'; has out '"index_missing": 0'; has out '"name": "books"'
has out '"role": "index"'; has out '"exit_code": 0'
expect 3 "$J" /g "$G/entry/inst/isam.edb"
has out "records missing an index entry: 1"; has out "Database is CORRUPTED"
has err 'table "books", index "itags": record 0x[0-9a-f]* has no entry'; has err "JET_errDatabaseCorrupted"
expect 3 "$J" /g "$G/orphan/inst/isam.edb" --json; json_ok
has out '"index_orphan": 1'; has out '"class": "index_orphan"'; has out '"index": "iprice_desc"'
has out 'which does not exist'; has out '"exit_code": 3'
expect 3 "$J" /g "$G/lv/inst/isam.edb"
has out "broken long values: 1"; has err 'column "body", 20000 bytes): chunk 1 is missing'
has err "JET_errLVCorrupted"
expect 3 "$J" /g "$G/record/inst/isam.edb"
has out "damaged or invalid records: 1"; has err 'table "books": record 0x[0-9a-f]* is damaged'
# a bad page in one index tree: that index is not compared, the rest is
root=8
if command -v python3 >/dev/null; then
    "$J" /g "$G/none/inst/isam.edb" --json > "$T/gj" 2>/dev/null
    root=$(python3 -c 'import json,sys
print([t["root"] for t in json.load(open(sys.argv[1]))["trees"] if t.get("index") == "itags"][0])' "$T/gj")
fi
cp "$G/none/inst/isam.edb" "$G/flip.edb"
printf '\xff\xfe' | dd of="$G/flip.edb" bs=1 seek=$(((root + 1) * 4096 + 200)) conv=notrunc 2>/dev/null
expect 3 "$J" /g "$G/flip.edb";       has out 'CORRUPTED  index "itags" of "books"'
has out 'index "itags": 0 entries, not checked'; has out 'index "utitle" (unique): 40 entries'
has err "JET_errReadVerifyFailure"
# the object directory's root page damaged (a database without tables)
expect 3 "$J" /g flip.edb;            has out "CORRUPTED  object directory"; has err "JET_errReadVerifyFailure"
# a database another process has attached (the engine's lock on the file)
if command -v python3 >/dev/null; then
    python3 -c 'import fcntl,sys,time
f = open(sys.argv[1], "r+"); fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
open(sys.argv[2], "w").close(); time.sleep(30)' "$G/none/inst/isam.edb" "$T/locked" &
    holder=$!
    for _ in $(seq 200); do [ -e "$T/locked" ] && break; sleep 0.05; done
    expect 5 "$J" /g "$G/none/inst/isam.edb"; has err "in use by another process"
    has err "JET_errFileAccessDenied"
    kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
    expect 0 "$J" /g "$G/none/inst/isam.edb" --no-progress
fi

echo "$((n - fails))/$n checks passed"
[ "$fails" = 0 ]
