/*
 * isam_tu.h: helpers of the ISAM tests — an instance with one database
 * in a temporary folder, and tables described by small arrays.
 */
#ifndef JETDB_TESTS_ISAM_TU_H
#define JETDB_TESTS_ISAM_TU_H

#include "testutil.h"

#include <stdbool.h>

typedef struct tu_env {
    char *dir;
    char dbpath[600];
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
} tu_env;

typedef struct tu_col {
    const char *name;
    JET_COLTYP coltyp;
    uint32_t cbMax;
    JET_GRBIT grbit;
    uint32_t cp;                 /* 0: 1252 for text */
    const void *dflt;
    uint32_t cbdflt;
} tu_col;

typedef struct tu_idx {
    const char *name;
    const char *key;             /* "+a\0-b\0" (one NUL after each column) */
    uint32_t cbkey;              /* sizeof(key literal): includes the final NUL */
    JET_GRBIT grbit;
    uint32_t cbKeyMost;          /* 0 = JET_cbKeyMost */
    const char *cond;            /* conditional column name or NULL */
    JET_GRBIT condbits;
} tu_idx;

/* A fresh instance + session + database in a new temporary folder. */
void tu_open(tu_env *e, const char *tag);
/* Close everything and remove the folder. */
void tu_close(tu_env *e);
/* A second session of the same instance. */
JET_SESID tu_session(tu_env *e);

/* Create table `name` with the columns and indexes; returns an open cursor
 * (on the primary index) and the column ids (colids[i] for cols[i]). */
void tu_table(tu_env *e, const char *name, const tu_col *cols, size_t ncols, const tu_idx *idx,
              size_t nidx, JET_TABLEID *tableid, JET_COLUMNID *colids);
/* Create index ix on table `name` (which may have rows) and fill it. */
JET_ERR tu_add_index(tu_env *e, const char *name, const tu_idx *ix);
/* Another cursor on table `name` for session ses. */
JET_TABLEID tu_open_table(tu_env *e, JET_SESID ses, const char *name, JET_GRBIT grbit);

JET_ERR tu_try_open_table(tu_env *e, JET_SESID ses, const char *name, JET_GRBIT grbit,
                          JET_TABLEID *out);

/* Rows of table `name`'s long-value tree, as the latest committed state
 * shows them (internal: chunks of separated long values). */
uint64_t tu_lv_rows(tu_env *e, const char *name);

/* Shorthands. */
void tu_set_long(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, int32_t v);
void tu_set_str(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, const char *v);
int32_t tu_get_long(JET_SESID s, JET_TABLEID t, JET_COLUMNID c);
/* Text of a column into buf (NUL-terminated); returns the JET_ERR. */
JET_ERR tu_get_str(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, char *buf, size_t cb);
/* Number of entries of the current index (MoveFirst .. end). */
uint32_t tu_count(JET_SESID s, JET_TABLEID t);
void tu_seek_long(JET_SESID s, JET_TABLEID t, int32_t v, JET_GRBIT grbit, JET_ERR expect);

/* JET_PFNREALLOC over malloc, and freeing what JetEnumerateColumns gave. */
void *JET_API tu_realloc(void *ctx, void *pv, uint32_t cb);
void tu_free_enum(uint32_t n, JET_ENUMCOLUMN *ec);

#endif
