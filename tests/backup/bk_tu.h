/*
 * bk_tu.h: helpers of the backup tests — an instance with one database and
 * one tree (tests/core's core_env), committed writes, checks of a backup's
 * files (every page verifies, logs verify and are contiguous), the
 * database header's backup info, and an event recorder.
 */
#ifndef JETDB_TESTS_BK_TU_H
#define JETDB_TESTS_BK_TU_H

#include "core_util.h"

#include "backup/backup.h"

typedef struct bkt {
    core_env c;
    inst *in;
    uint32_t objid;
    uint64_t next_row;
    char dir[512];
} bkt;

/* Open (create = true: a fresh database + tree) the environment in dir. */
void bkt_open(bkt *e, const char *dir, bool create);
/* Commit `rows` new rows in one durable transaction. */
void bkt_write(bkt *e, uint64_t rows);
/* Close the database and terminate cleanly. */
void bkt_close(bkt *e);
/* JetGetDatabaseFileInfo(JET_DbInfoMisc) with a JET_DBINFOMISC4. */
void bkt_misc(const char *path, JET_DBINFOMISC4 *m);
/* Archived generations in a folder (0, 0 when none). */
void bkt_gen_range(const char *dir, uint32_t *lo, uint32_t *hi);
/* Check a streamed database copy: header + shadow decode (with
 * bkinfoFullCur.genLow != 0), every data page verifies or is zero, the
 * trailer's checksum; returns the data page count. */
uint32_t bkt_check_db_copy(const char *path);
/* Every archived log lo..hi in dir exists, verifies and continues the one
 * before it. */
void bkt_check_logs(const char *dir, uint32_t lo, uint32_t hi);
/* Entries of a folder (0 when it does not exist). */
size_t bkt_count_entries(const char *dir);
/* true when dir/name exists. */
bool bkt_has(const char *dir, const char *name);

/* Record events (ids) from now on; bkt_event_seen tells whether id came. */
void bkt_events_start(void);
bool bkt_event_seen(uint32_t id);
void bkt_events_stop(void);

#endif
