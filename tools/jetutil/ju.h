/*
 * ju.h: shared declarations of jetutil, jetdb's command-line tool (the
 * counterpart of ESE's esentutl).
 *
 * Every mode writes through one output context (struct ju): the same calls
 * produce esentutl's "label: value" text or a JSON document (--json), so a
 * mode describes its report once.  Failures are collected as problems with
 * a failure class; the class decides the process exit status, because ESE's
 * habit of returning the raw negative JET error does not survive Linux's
 * 8-bit exit status.
 *
 * Offline modes read files directly through the engine's internal headers
 * (src/db, src/log, src/page); online modes use only the public API
 * (esent.h).
 */
#ifndef JETDB_TOOLS_JU_H
#define JETDB_TOOLS_JU_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "esent.h"

/* Exit statuses (documented in --help and the README). */
enum ju_exit {
    JU_EXIT_OK = 0,
    JU_EXIT_USAGE = 1,        /* bad command line */
    JU_EXIT_IO = 2,           /* file or folder missing or unreadable */
    JU_EXIT_CORRUPT = 3,      /* damage found: checksum, header, structure, foreign file */
    JU_EXIT_INCONSISTENT = 4, /* the files do not form a set: missing/foreign logs, chain */
    JU_EXIT_ENGINE = 5,       /* the engine refused or failed an operation */
};

#define JU_DEPTH_MAX 32

/* The output context of one run. */
typedef struct ju {
    bool json;                /* --json: one JSON document on stdout */
    bool progress;            /* draw progress bars (stderr is a TTY, not --json) */
    bool logo;                /* print the banner (text mode, no /o) */
    bool verbose;             /* /v */
    bool quiet;               /* problems only set exit_code (silent probes) */
    int label_width;          /* text mode: labels right-aligned to this width */
    int depth;                /* JSON nesting */
    bool first[JU_DEPTH_MAX]; /* JSON: nothing written yet at this level */
    int exit_code;            /* worst class seen so far */
    JET_ERR exit_err;         /* the error of the problem that set exit_code (0: none) */
    unsigned problems;        /* problems reported */
    uint64_t t0_ns;           /* start of the operation */
    /* progress bar state */
    uint64_t pr_total, pr_last_ns, pr_start_ns;
    const char *pr_title;
    bool pr_drawn;
} ju;

/* ---- output (ju_out.c) ----------------------------------------------- */

/* Set up the context (json / progress decided by the caller's flags). */
void ju_init(ju *u, bool json, bool no_progress, bool logo);
/* Monotonic clock in nanoseconds. */
uint64_t ju_now_ns(void);

/* Text-mode only lines (ignored with --json). */
void ju_text(ju *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One field: text "<label right-aligned>: <value>", JSON "key": "value". */
void ju_str(ju *u, const char *key, const char *label, const char *val);
void ju_strf(ju *u, const char *key, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A number: JSON as a number, text as given by fmt (NULL: decimal). */
void ju_u64(ju *u, const char *key, const char *label, uint64_t v);
void ju_i64(ju *u, const char *key, const char *label, int64_t v);
/* Text "dec (0xhex)", JSON number. */
void ju_u64x(ju *u, const char *key, const char *label, uint64_t v);
void ju_dbl(ju *u, const char *key, const char *label, double v, const char *unit);
void ju_bool(ju *u, const char *key, const char *label, bool v, const char *yes,
             const char *no);
/* JSON number without a text line (text prints its own summary). */
void ju_json_u64(ju *u, const char *key, uint64_t v);
void ju_json_str(ju *u, const char *key, const char *val);
void ju_json_bool(ju *u, const char *key, bool v);
/* Nested object: text prints an empty line and "title" (when not NULL). */
void ju_obj(ju *u, const char *key, const char *title);
void ju_end(ju *u);
/* Array of objects (text prints nothing); ju_item opens one element. */
void ju_arr(ju *u, const char *key);
void ju_item(ju *u);
void ju_arr_end(ju *u);

/* Composite values shared by several dumps. */
void ju_logtime(ju *u, const char *key, const char *label, const JET_LOGTIME *lt);
void ju_lgpos(ju *u, const char *key, const char *label, const JET_LGPOS *pos,
              const JET_LOGTIME *lt);
void ju_sig(ju *u, const char *key, const char *label, const JET_SIGNATURE *sig);
/* "MM/DD/YYYY HH:MM:SS.mmm UTC" (LOC when the time is not UTC). */
void ju_fmt_logtime(const JET_LOGTIME *lt, char *buf, size_t cb);
/* "(0xGEN,ISEC,IB)" in hex as esentutl prints positions. */
void ju_fmt_lgpos(const JET_LGPOS *pos, char *buf, size_t cb);

/* ---- problems and the end of a run ------------------------------------- */

/* Failure class of a JET error (JU_EXIT_*). */
int ju_class_of(JET_ERR err);
/* Report a problem with file (may be NULL): stderr line naming the file,
 * the JET error name, number and meaning; JSON "problems" entry; the exit
 * class becomes the worst seen.  cls 0 = derived from err. */
void ju_problem(ju *u, int cls, const char *file, JET_ERR err, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Warning line (text: "WARNING: ..."; JSON: "warnings" entry is not kept,
 * stderr only). */
void ju_warn(ju *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Open the top-level document (JSON "{" + mode) or the text banner. */
void ju_begin(ju *u, const char *mode, const char *title);
/* Close it: text "Operation completed/terminated ..." line, JSON status
 * fields; returns the exit status. */
int ju_finish(ju *u, JET_ERR err);
/* Write (JSON) and release the buffered problem entries. */
void ju_problems_flush(ju *u);

/* ---- progress (stderr, TTY only) --------------------------------------- */
void ju_progress_start(ju *u, const char *title, uint64_t total);
void ju_progress(ju *u, uint64_t done);
void ju_progress_end(ju *u);

/* ---- files ------------------------------------------------------------ */

/* Open path for reading; on failure a problem (class IO) is reported. */
int ju_open_read(ju *u, const char *path);
/* Read exactly cb bytes at off (short read = truncated); 0 ok, -1 error
 * (errno kept). */
int ju_pread_full(int fd, void *buf, size_t cb, uint64_t off, size_t *got);
/* JET error of an errno value (for messages). */
JET_ERR ju_err_of_errno(int e);
/* Join dir and name into a malloc'd path. */
char *ju_path(const char *dir, const char *name);
/* Sorted names of a folder (malloc'd); NULL on error (errno set). */
char **ju_list_dir(const char *dir, size_t *count);
void ju_list_free(char **names, size_t count);
bool ju_is_dir(const char *path);
bool ju_is_file(const char *path);

/* ---- modes ------------------------------------------------------------ */

/* Options shared by the modes (parsed in ju_main.c). */
typedef struct ju_opts {
    const char *file;          /* the mode's main argument */
    const char *file2;         /* second positional (restore DEST, backup DEST) */
    const char *log_path;      /* /l */
    const char *system_path;   /* /s */
    const char *db_path;       /* /d: database folder (/r, /c) or destination (/y) */
    bool db_path_cwd;          /* /r: a bare /d (the current folder, as esentutl) */
    bool ignore_missing;       /* /r /i: recover even if an attached database is missing */
    const char *target_dir;    /* /c /t<folder>: instance folder whose logs roll forward */
    bool target_none;          /* /c: a bare /t (replay only the backup's logs) */
    const char *forward_dir;   /* /c /f<folder>: folder of the logs to roll forward */
    bool keep_logs;            /* /c /k (jetdb never deletes them: accepted) */
    const char *instance_dir;  /* --instance-dir */
    const char *base;          /* --base / 3-letter base name */
    const char **databases;    /* --database (repeatable) */
    size_t ndatabases;
    bool incremental, atomic, truncate;
    uint32_t page_size;        /* /4 /8 /16 /32 (0 = detect) */
} ju_opts;

int ju_mode_mh(ju *u, const ju_opts *o);          /* /mh */
int ju_mode_info(ju *u, const ju_opts *o);        /* info */
int ju_mode_k(ju *u, const ju_opts *o);           /* /k */
int ju_mode_ml(ju *u, const ju_opts *o);          /* /ml */
int ju_mode_mk(ju *u, const ju_opts *o);          /* /mk */
int ju_mode_verify_backup(ju *u, const ju_opts *o);
int ju_mode_copy(ju *u, const ju_opts *o);        /* /y */
int ju_mode_recover(ju *u, const ju_opts *o);     /* /r */
int ju_mode_backup(ju *u, const ju_opts *o);      /* backup */
int ju_mode_stream_backup(ju *u, const ju_opts *o);
int ju_mode_integrity(ju *u, const ju_opts *o);   /* /g */
int ju_mode_restore(ju *u, const ju_opts *o);     /* restore */
int ju_mode_c(ju *u, const ju_opts *o);           /* /c */

/* ---- shared checks (ju_db.c, ju_log.c) ---------------------------------- */

struct db_hdr;

/* What ju_db_probe found about a database file's two header copies. */
typedef struct ju_dbfile {
    int fd;
    uint64_t size;
    uint32_t page_size;        /* 0 when no copy is usable */
    bool primary_ok, shadow_ok, identical;
    uint32_t stored_sum, actual_sum;   /* of the copy shown */
    bool shown_shadow;         /* the dump shows the shadow (primary bad) */
    JET_ERR err;               /* why no copy is usable */
} ju_dbfile;

/* Open path and decode its header (hdr receives the usable copy).  On
 * failure a problem is reported and -1 returned (fd closed). */
int ju_db_probe(ju *u, const char *path, struct db_hdr *hdr, ju_dbfile *f);

/* Page scan statistics. */
typedef struct ju_scan {
    uint64_t pages, bad, zero, wrong_pgno, bad_structure, io_errors;
    uint64_t max_dbtime;
    uint32_t max_dbtime_pgno;
    uint64_t bytes;
} ju_scan;

/* Verify data pages 1..npages of f (reports bad pages as problems). */
void ju_db_scan(ju *u, const char *path, const ju_dbfile *f, uint32_t npages, ju_scan *st,
                bool list_bad);

/* The trailer page of a streamed database copy (docs/backup.md). */
typedef struct ju_trailer {
    uint32_t pgno_last;
    JET_BKINFO bk;              /* mark, CopyMic (genLow), generation at the end (genHigh) */
    JET_SIGNATURE sign_db, sign_log;
    uint32_t gen_min_required, gen_max_required, gen_max_committed;
    uint64_t dbtime;
} ju_trailer;

/* Read and check the trailer of a backup copy (checksum, magic, version,
 * signatures against hdr); problems reported, -1 when unusable. */
int ju_trailer_read(ju *u, const char *path, const ju_dbfile *f, const struct db_hdr *hdr,
                    ju_trailer *t);
/* The statistics lines of a page scan. */
void ju_scan_print(ju *u, const ju_scan *st, double secs);

/* One log generation found in a folder. */
typedef struct ju_loggen {
    uint32_t gen;
    char *name;
} ju_loggen;

/* Result of ju_logset_check. */
typedef struct ju_logset {
    char base[16];
    unsigned legacy;
    uint32_t lo, hi;            /* archived range found (0,0 none) */
    uint32_t files, bad, missing;
    bool has_current;           /* B.log present (and checked) */
    uint32_t current_gen;
    JET_SIGNATURE sign_log;     /* of the first good file */
    bool sign_known;
    uint64_t bytes;
} ju_logset;

/* Find the log base name and file-name flavour used in dir (false: no log
 * files).  base_hint (may be NULL) restricts the base. */
bool ju_log_detect(const char *dir, const char *base_hint, char base[16], unsigned *legacy);
/* Verify every log of the set in dir: each file, generations contiguous,
 * same signature, creation-time and checksum chain; include_current adds
 * B.log.  One text/JSON line per file ("files" array). */
void ju_logset_check(ju *u, const char *dir, const char *base, unsigned legacy,
                     bool include_current, ju_logset *res);

#endif
