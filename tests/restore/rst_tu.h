/*
 * rst_tu.h: helpers of the restore tests — a restore into an instance
 * folder, row checks of a restored database, file surgery (flip a byte,
 * copy a file), and a status-callback recorder.
 */
#ifndef JETDB_TESTS_RST_TU_H
#define JETDB_TESTS_RST_TU_H

#include "bk_tu.h"

/* Create an instance named "rst" whose system, log and temp folder is dir
 * (created when missing), without JetInit. */
JET_INSTANCE rtu_instance(const char *dir);
/* JetRestoreInstanceA into a fresh instance on dir; returns its result. */
JET_ERR rtu_restore(const char *dir, const char *src, const char *dest, JET_PFNSTATUS pfn);
/* Attach dir/core.edb in an instance on dir and check rows: [0, present)
 * present, [present, absent) absent. */
void rtu_check_rows(const char *dir, uint64_t present, uint64_t absent);
/* Count the rows 0.. that are present (stops at the first absent one) and
 * check that nothing is present in [that, limit). */
uint64_t rtu_prefix(const char *dir, uint64_t limit);
/* The database at path is clean and has no backup history. */
void rtu_check_clean(const char *path);
/* XOR one byte of a file at off. */
void rtu_flip(const char *path, uint64_t off);
/* Copy a file. */
void rtu_copy(const char *from, const char *to);
/* Path helpers: dir/name into a static-free buffer. */
void rtu_join(char *buf, size_t cb, const char *dir, const char *name);
/* Path of archived log gen (edb, .log, 5 digits) in dir. */
void rtu_log(char *buf, size_t cb, const char *dir, uint32_t gen);

/* Status recorder: every JET_snpRestore notification. */
typedef struct rtu_status {
    int begins, completes, progress;
    uint32_t last_pct;
    int non_monotone;
} rtu_status;
extern rtu_status g_rtu_status;
JET_ERR JET_API rtu_status_cb(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv);

#endif
