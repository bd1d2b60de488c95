/*
 * store.h: the storage side of an attached database — the glue that binds
 * a database file (src/db) to the buffer cache (src/cache), the log
 * (src/log) and its B-trees (src/btree).
 *
 * An st_db owns:
 *  - the cache registration of the file (reads verify pages, writes obey
 *    the WAL rule through the instance's log);
 *  - the bt_env every tree of the database uses: logged page allocation
 *    (space page + free list, changed only through logged page changes),
 *    database time, and the log hook that also feeds transactions their
 *    undo information;
 *  - the directory: a B-tree (objid 1, root page 2) mapping object ids to
 *    root pages, and the shared handles of the open trees (like ESE's FCBs).
 *
 * Space changes are separate logged operations: an allocation is logged
 * before the tree operation that uses the page (a crash between them leaks
 * the page, never hands it out twice); a free is logged after the tree
 * operation that released it (so the page is never free while reachable).
 */
#ifndef JETDB_STORE_STORE_H
#define JETDB_STORE_STORE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "btree/btree.h"
#include "cache/cache.h"
#include "esent.h"

struct db;
struct log;

#define ST_DIR_OBJID 1u        /* the directory tree */
#define ST_DIR_ROOT 2u         /* its root page: the first page a new database allocates */
#define ST_CAT_OBJID 2u        /* the catalog tree (src/catalog), created by the first DDL */
#define ST_SPACE_PGNO 1u       /* the space page (src/db formats it) */

typedef struct st_tree_ref {
    uint32_t objid;
    bt_tree *tree;
} st_tree_ref;

typedef struct st_db {
    struct db *d;              /* pinned by the caller for the st_db's lifetime */
    struct log *log;           /* the instance's log, NULL when not logged */
    pthread_rwlock_t *op_lock; /* the instance's: held shared while an
                                  operation logs and dirties (checkpoint) */
    uint16_t dbid;             /* dbid written into log records */
    cache_file *cf;
    bt_env env;
    pthread_mutex_t space_mu;  /* serialises allocations and frees */
    pthread_mutex_t trees_mu;  /* guards trees[] and objid allocation */
    st_tree_ref *trees;
    size_t ntrees, captrees;
    bt_tree *dir;
    _Atomic int32_t sync_err;  /* first failed sync of the file (sticky), 0 = none */
    void *ext;                 /* the layer above's per-database state (st_db_ext) */
    void (*ext_free)(void *);
    _Atomic uint64_t unsynced; /* pages written since the last good sync */
} st_db;

/* Attach the storage side to an open database file: register it with the
 * cache and open (create = format) its directory. */
JET_ERR st_db_open(struct db *d, struct log *log, pthread_rwlock_t *op_lock, uint16_t dbid,
                   bool create, st_db **out);
/* Write every dirty page (flush = true), then unregister and free.  With
 * flush false the dirty pages are dropped (a crash, or an abrupt stop: the
 * log has them). */
JET_ERR st_db_close(st_db *s, bool flush);
/* Write every dirty page and sync the file (checkpoint, detach). */
JET_ERR st_db_flush(st_db *s);
/* A sync of the file failed (err): the kernel may have dropped the pages
 * it could not write, and a later sync would succeed without them.  When
 * pages were written since the last good sync, every sync of this
 * attachment fails with err from now on, so no checkpoint moves and no
 * clean header is written; the next recovery replays the log from the last
 * checkpoint that was really durable.  The cache's syncs call it
 * themselves; callers that sync the file on their own (the checkpoint's
 * header write) call it on failure. */
void st_db_sync_failed(st_db *s, JET_ERR err);

/* Create a new tree (a new object id) under transaction txid. */
JET_ERR st_tree_create(st_db *s, uint64_t txid, uint32_t *objid);
/* Create a tree with a chosen object id (the catalog's ST_CAT_OBJID) under
 * transaction txid; JET_errKeyDuplicate when the id is taken. */
JET_ERR st_tree_create_fixed(st_db *s, uint64_t txid, uint32_t objid);
/* The shared handle of an existing tree; JET_errObjectNotFound if unknown. */
JET_ERR st_tree_open(st_db *s, uint32_t objid, bt_tree **out);
/* Remove a tree from the directory and free all its pages (logged, not
 * undoable: the caller makes sure nobody can still use it, e.g. a table
 * whose deletion committed).  JET_errObjectNotFound when unknown. */
JET_ERR st_tree_drop(st_db *s, uint32_t objid);
/* Told about every tree handle st_tree_drop is about to free, so that the
 * version store (src/txn/ver.c sets it) forgets the tree's rows. */
extern void (*st_tree_drop_hook)(bt_tree *t);

/* The per-database state of the layer above (the schema cache): created
 * by create() on first use, freed with destroy() when the st_db closes.
 * NULL when create() fails. */
void *st_db_ext(st_db *s, void *(*create)(void), void (*destroy)(void *));

/* The tree lookup for undo (bt_undo_apply / txn_rollback): ctx is the
 * st_db an undo entry came from. */
JET_ERR st_undo_lookup(void *ctx, uint32_t objid, bt_tree **out);

/* Logged page allocation / free (the bt_env callbacks, exposed for tests). */
JET_ERR st_alloc_page(st_db *s, uint32_t *pgno);
JET_ERR st_free_page(st_db *s, uint32_t pgno);

/* Make sure the database hands out times above t (redo saw t on a page). */
void st_raise_dbtime(st_db *s, uint64_t t);

/* Pages owned by the file and available for allocation. */
JET_ERR st_space_info(st_db *s, uint32_t *owned, uint32_t *available);

/* A logged change of one page outside any tree (space management): latch
 * pgno X, let fn change the bytes, log the difference, dirty the page. */
typedef JET_ERR (*st_page_fn)(void *page, uint32_t cb, void *arg);
JET_ERR st_change_page(st_db *s, uint32_t pgno, bool isnew, st_page_fn fn, void *arg);

#endif
