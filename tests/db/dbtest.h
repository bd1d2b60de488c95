/*
 * dbtest.h: helpers of the database tests — an instance in a fresh folder,
 * sessions, and the calls the instance layer makes at JetEndSession and
 * JetTerm (db_session_end / db_set_destroy), made here explicitly so the
 * tests do not depend on that wiring (both are idempotent).
 */
#ifndef JETDB_TESTS_DBTEST_H
#define JETDB_TESTS_DBTEST_H

#include "testutil.h"

#include <stdbool.h>

#include "jetdb.h"

extern char *g_dir;

/* Make a temp folder, chdir into it, install the event recorder. */
void dt_setup_dir(const char *tag);
void dt_teardown_dir(void);
/* Create + init an instance named name (logs in the temp folder). */
JET_INSTANCE dt_instance(const char *name);
/* Terminate: databases detached cleanly (clean) or left dirty. */
void dt_term(JET_INSTANCE in, bool clean);
JET_SESID dt_session(JET_INSTANCE in);
void dt_end_session(JET_SESID ses);
/* Absolute path of a file in the temp folder (malloc'd). */
char *dt_path(const char *name);
/* JET_DBINFOMISC4 of a file through JetGetDatabaseFileInfo. */
JET_DBINFOMISC4 dt_misc(const char *path);
/* Event recorder. */
void dt_events_clear(void);
int dt_event_count(uint32_t id);
/* Read/write raw bytes of a file. */
void dt_read(const char *path, void *buf, size_t len, long off);
void dt_write(const char *path, const void *buf, size_t len, long off);
long dt_file_size(const char *path);

#endif
