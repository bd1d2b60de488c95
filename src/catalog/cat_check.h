/*
 * cat_check.h: verification of a database's catalog rows, for the offline
 * integrity check (src/isam/check.c, jetutil /g).
 *
 * cat_check walks the catalog tree's stored rows directly (no version
 * store: the database must be quiet, as it is when attached for a check)
 * and decodes every table, table-name, column, column-name, index and
 * pending-drop row with the catalog's own decoders.  It reports every
 * inconsistency through a callback and returns what the rows describe:
 * the tables and every tree the catalog names, so that the caller can tell
 * referenced trees from leaked ones and check each table's records.
 */
#ifndef JETDB_CATALOG_CAT_CHECK_H
#define JETDB_CATALOG_CAT_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btree/btree.h"
#include "catalog/catalog.h"

struct db;

/* What a tree named by the catalog is for. */
typedef enum cat_ck_role {
    CAT_CK_DATA = 1,                /* a table's data tree (its primary index) */
    CAT_CK_LV,                      /* a table's long-value tree */
    CAT_CK_INDEX,                   /* a secondary index */
    CAT_CK_DROP,                    /* freed by a pending drop (a deleted table/index) */
} cat_ck_role;

typedef struct cat_ck_tree {
    uint32_t objid;
    cat_ck_role role;
    uint32_t table_objid;           /* owner table (0 for a pending drop) */
    char table[CAT_NAME_MAX + 1];   /* "" for a pending drop */
    char index[CAT_NAME_MAX + 1];   /* secondary index name, else "" */
} cat_ck_tree;

typedef struct cat_ck_table {
    char name[CAT_NAME_MAX + 1];
    uint32_t objid, lv_objid;
    /* highest column ids ever handed out (docs/formats-catalog.md §2.1):
     * a record may keep values of deleted columns at or below them */
    uint32_t fixed_last, var_last, tagged_last;
    bool rows_ok;                   /* every row of the table decoded and agreed */
} cat_ck_table;

typedef struct cat_ck_result {
    cat_ck_table *tables;           /* in objid order */
    size_t ntables;
    cat_ck_tree *trees;             /* in objid order (a shared tree appears twice) */
    size_t ntrees;
    uint64_t rows;                  /* live catalog rows */
    uint64_t deleted_rows;          /* flag-deleted rows awaiting cleanup */
    uint64_t bytes;                 /* key + value bytes read */
} cat_ck_result;

/* One problem: table / index names when known ("" otherwise), the object
 * id concerned (0 = none) and a sentence. */
typedef void (*cat_ck_problem_fn)(void *ctx, const char *table, const char *index,
                                  uint32_t objid, const char *msg);

/* Check the catalog tree `tree` of database d (the caller verified its
 * B-tree structure with bt_check).  Problems go to fn; the result lists
 * what the decodable rows describe.  Returns a negative error only when
 * the check could not run (out of memory, or the tree cannot be walked:
 * then the walk's error, reported through fn too). */
JET_ERR cat_check(struct db *d, bt_tree *tree, cat_ck_problem_fn fn, void *ctx,
                  cat_ck_result *out);
void cat_check_free(cat_ck_result *r);

/* Whether tree (the database's tree ST_CAT_OBJID) holds catalog rows: a
 * database written only through the storage core (tests, the backup demo)
 * may have a plain tree under that id, whose rows are not catalog rows.
 * True when the tree is empty, cannot be read, or one of its first rows
 * has a catalog row's form (kind byte, row flag, format byte). */
bool cat_check_is_catalog(bt_tree *tree);

/* The committed schema of table objid (pinned: cat_table_release), built
 * from the rows as the engine builds it.  JET_errCatalogCorrupted /
 * JET_errObjectNotFound when it cannot be. */
JET_ERR cat_check_load(struct db *d, uint32_t objid, cat_table **out);

#endif
