/*
 * cat_tu.h: helpers for the catalog tests — an instance in one folder with
 * one database, the session behind it for the internal catalog calls, and
 * shorthands that run one catalog operation in its own transaction as the
 * API does (vtx_auto_begin / vtx_auto_end).
 */
#ifndef JETDB_TESTS_CAT_TU_H
#define JETDB_TESTS_CAT_TU_H

#include "testutil.h"

#include <stdbool.h>

#include "catalog/catalog.h"
#include "db/db.h"
#include "inst/inst.h"
#include "jetdb.h"
#include "txn/ver.h"

typedef struct cat_env {
    char dir[512];
    char dbpath[600];
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    sess *s;        /* pinned */
    db *d;          /* pinned */
} cat_env;

/* Start an instance on dir and create (or attach + open) dir/cat.edb. */
JET_ERR ct_try_open(cat_env *e, const char *dir, bool create);
void ct_open(cat_env *e, const char *dir, bool create);
/* Close everything; JET_bitTermDirty leaves like a crash. */
void ct_close(cat_env *e, JET_GRBIT term);

/* Column / index spec shorthands. */
cat_colspec ct_col(const char *name, JET_COLTYP coltyp, uint32_t cbMax, JET_GRBIT grbit);
cat_idxspec ct_idx(const char *name, const char *key, uint32_t cbkey, JET_GRBIT grbit);
/* Length of a "+a\0-b\0\0" literal: sizeof without the compiler's NUL. */
#define CT_KEY(lit) (lit), (uint32_t)(sizeof(lit) - 1)

/* One catalog operation in its own (savepoint) transaction. */
JET_ERR ct_create_table(cat_env *e, cat_tablespec *ts, cat_table **out);
JET_ERR ct_table(cat_env *e, const char *name, cat_table **out);   /* committed view */
JET_ERR ct_add_column(cat_env *e, const char *table, cat_colspec *c, JET_COLUMNID *colid);
JET_ERR ct_create_index(cat_env *e, const char *table, cat_idxspec *ix);
JET_ERR ct_delete_index(cat_env *e, const char *table, const char *name);
JET_ERR ct_delete_column(cat_env *e, const char *table, const char *name);
JET_ERR ct_delete_table(cat_env *e, const char *table);

#endif
