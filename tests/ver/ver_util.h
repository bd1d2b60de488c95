/*
 * ver_util.h: helpers for the version-store tests — an instance with one
 * database (tests/core's fixture), one versioned tree and a few sessions
 * whose transactions the tests drive through ver.h directly.
 */
#ifndef JETDB_TESTS_VER_UTIL_H
#define JETDB_TESTS_VER_UTIL_H

#include "core_util.h"

#include <stdlib.h>

#include "txn/ver.h"

#define VE_SESSIONS 4

typedef struct ver_env {
    core_env e;
    struct inst *in;
    uint32_t objid;
    bt_tree *t;
    JET_SESID ses[VE_SESSIONS];   /* ses[0] is the fixture's own session */
    sess *s[VE_SESSIONS];         /* pinned */
} ver_env;

/* Open (create = new database and tree objid) or reopen (tree objid). */
void ve_open(ver_env *v, const char *dir, bool create, uint32_t objid);
JET_ERR ve_try_open(ver_env *v, const char *dir, bool create, uint32_t objid);
/* End the extra sessions and terminate with grbit. */
void ve_close(ver_env *v, JET_GRBIT term);

/* The transaction of session i (NULL at level 0). */
vtx *ve_x(ver_env *v, int i);
/* Begin / commit / roll back one level of session i. */
void ve_begin(ver_env *v, int i);
void ve_commit(ver_env *v, int i);
void ve_rollback(ver_env *v, int i);

/* String rows. */
JET_ERR ve_ins(vtx *x, bt_tree *t, const char *key, const char *val);
JET_ERR ve_rep(vtx *x, bt_tree *t, const char *key, const char *val);
JET_ERR ve_del(vtx *x, bt_tree *t, const char *key);
/* Assert what x sees of key: val, or nothing (val NULL). */
void ve_expect(vtx *x, bt_tree *t, const char *key, const char *val);
/* The raw tree: 0 absent, 1 present, 2 present and flagged deleted. */
int ve_raw(bt_tree *t, const char *key);

#endif
