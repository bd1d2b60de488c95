/*
 * core_util.h: helpers for the storage-core tests — an instance whose
 * files live in one folder, one database, direct access to its store so
 * that tests can drive trees and transactions before the ISAM layer exists.
 */
#ifndef JETDB_TESTS_CORE_UTIL_H
#define JETDB_TESTS_CORE_UTIL_H

#include "testutil.h"

#include "btree/btree.h"
#include "db/db.h"
#include "inst/inst.h"
#include "jetdb.h"
#include "store/store.h"
#include "txn/txn.h"

typedef struct core_env {
    char dir[512];
    char dbpath[600];
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID dbid;
    db *d;          /* pinned */
    st_db *st;
    struct log *log;
} core_env;

/* When set, called on every instance core_try_open creates, just before
 * JetInit, so that a test can set more parameters (cache, checkpoint
 * depth, JET_paramRecovery...). */
extern void (*core_params_hook)(JET_INSTANCE inst);
/* The instance behind e (for inst_checkpoint and the like). */
struct inst *core_inst(core_env *e);

/* Start an instance on dir (logs, checkpoint and core.edb inside) and
 * create (create = true) or attach + open the database. */
void core_open(core_env *e, const char *dir, bool create);
/* Same, returning the errors instead of asserting (for recovery tests). */
JET_ERR core_try_open(core_env *e, const char *dir, bool create);
/* Close the database and terminate with grbit (JET_bitTermDirty = crash-like). */
void core_close(core_env *e, JET_GRBIT term);

/* Key of row i of a test table: "k" + 10-digit number (sorts numerically). */
void core_key(uint64_t i, char key[16]);
/* Insert rows [first, first+count) with values derived from the key. */
JET_ERR core_insert_rows(bt_tree *t, uint64_t txid, uint64_t first, uint64_t count);
/* 1 when row i is present with the right value, 0 when absent; fails on a
 * wrong value. */
int core_row_state(bt_tree *t, uint64_t i);
/* Roll back through the store's tree lookup. */
JET_ERR core_rollback(txn *t);

#endif
