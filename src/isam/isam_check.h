/*
 * isam_check.h: the integrity check of a whole database (jetutil /g, ESE's
 * esentutl /g): every B-tree, the catalog, every record, every long value
 * and every secondary index.
 *
 * The check reads the stored rows directly (txn/ver_raw.h), so it needs a
 * quiet database: attached for the check, no transaction open on it (a
 * flag-deleted row is treated as absent, exactly as every reader sees it
 * once no snapshot is left).  It proceeds in four steps:
 *
 *  1. bt_check of the object directory and of every tree it lists;
 *  2. the catalog rows (src/catalog/cat_check.h);
 *  3. per table: every record (rec_check; every column present was
 *     defined at some time; fixed widths; variable and tagged sizes;
 *     NotNULL columns have a value; the record sits under its own primary
 *     key), its separated long values (present in the long-value tree with
 *     the size the record says, chunks 0..n-1 with full chunks but the
 *     last, each owned by one record; chunks nobody references are
 *     orphans), and every secondary index: the entries the records should
 *     produce — computed by src/isam/keys.c, the code the updates use —
 *     compared with the index tree in one ordered merge (entries without a
 *     record, entries pointing at a record that does not have that key,
 *     records missing entries, entries out of order or malformed, equal
 *     keys of two records in a unique index);
 *  4. trees no catalog row names (a space leak: a warning).
 *
 * A tree whose structure fails bt_check is not walked again: the checks
 * that need it are skipped (and counted in the report).  Each problem is
 * counted in its class; the first max_details of each class are kept with
 * the table and index names and a sentence.
 */
#ifndef JETDB_ISAM_ISAM_CHECK_H
#define JETDB_ISAM_ISAM_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btree/btree.h"
#include "catalog/catalog.h"
#include "esent.h"

struct db;
struct sess;

typedef enum isam_ck_class {
    ISAM_CK_TREE = 0,      /* a B-tree's structure, or a tree that cannot be read */
    ISAM_CK_CATALOG,       /* catalog rows: undecodable, inconsistent, missing/shared trees,
                              a schema that cannot be loaded */
    ISAM_CK_RECORD,        /* a record: damaged bytes or row flag, a column never defined,
                              a wrong fixed width or size, a NotNULL column without value,
                              keys that cannot be built */
    ISAM_CK_LV,            /* a separated long value missing, of the wrong size, with missing
                              or extra chunks, or referenced twice */
    ISAM_CK_LV_ORPHAN,     /* long values no record references */
    ISAM_CK_IDX_ORPHAN,    /* index entries whose record does not exist */
    ISAM_CK_IDX_STALE,     /* index entries pointing at a record without that key (the
                              primary index: a record under a key that is not its own) */
    ISAM_CK_IDX_MISSING,   /* records missing an index entry */
    ISAM_CK_IDX_ORDER,     /* index entries out of order or malformed */
    ISAM_CK_IDX_DUP,       /* two records with one key in a unique index */
    ISAM_CK_UNREF,         /* trees nothing references (a warning, not corruption) */
    ISAM_CK_NCLASS
} isam_ck_class;

/* Short stable name of a class ("tree", "catalog", "record", "long_value",
 * "long_value_orphan", "index_orphan", "index_stale", "index_missing",
 * "index_order", "index_duplicate", "unreferenced_tree") and a phrase for
 * reports ("damaged B-trees", ...). */
const char *isam_ck_class_name(isam_ck_class c);
const char *isam_ck_class_text(isam_ck_class c);
/* Every class but ISAM_CK_UNREF is corruption. */
bool isam_ck_class_corrupt(isam_ck_class c);

typedef enum isam_ck_role {
    ISAM_CK_ROLE_DIRECTORY = 0,
    ISAM_CK_ROLE_CATALOG,
    ISAM_CK_ROLE_DATA,
    ISAM_CK_ROLE_LV,
    ISAM_CK_ROLE_INDEX,
    ISAM_CK_ROLE_DROPPED,      /* a deleted table's or index's tree awaiting its free */
    ISAM_CK_ROLE_OTHER,        /* named by no catalog row */
} isam_ck_role;

/* One tree of the directory and its bt_check. */
typedef struct isam_ck_tree {
    uint32_t objid, root;
    isam_ck_role role;
    char table[CAT_NAME_MAX + 1];
    char index[CAT_NAME_MAX + 1];
    bt_check_stats st;
    JET_ERR err;               /* bt_check's (or the open's) result */
} isam_ck_tree;

typedef struct isam_ck_index {
    char name[CAT_NAME_MAX + 1];
    uint32_t objid;
    bool primary, unique;
    bool checked;              /* compared with the records (tree sound) */
    uint64_t entries;          /* live entries of the tree (primary: records) */
    uint64_t expected;         /* entries the records produce */
} isam_ck_index;

typedef struct isam_ck_table {
    char name[CAT_NAME_MAX + 1];
    uint32_t objid, lv_objid;
    bool checked;              /* schema loaded and data tree sound: records were checked */
    char skipped[96];          /* why not (or why some checks were skipped), "" when none */
    bool lv_checked;           /* long values compared with the records */
    uint64_t records;          /* live records */
    uint64_t deleted;          /* flag-deleted rows (absent) */
    uint64_t long_values;      /* separated long values the records reference */
    uint64_t lv_chunks, lv_bytes;
    isam_ck_index *idx;        /* the primary index (if any) first */
    size_t nidx;
    uint64_t problems;         /* problems found in this table */
} isam_ck_table;

typedef struct isam_ck_problem {
    isam_ck_class cls;
    char table[CAT_NAME_MAX + 1];  /* "" when none */
    char index[CAT_NAME_MAX + 1];  /* "" when none */
    uint32_t objid;                /* the tree concerned, 0 when none */
    JET_ERR err;                   /* the engine error behind it, 0 when none */
    char msg[320];
} isam_ck_problem;

typedef struct isam_ck_report {
    bool has_catalog;          /* false: no DDL ever, or tree 2 is a plain tree of a database
                                  written through the storage core (no tables to check) */
    isam_ck_tree *trees;       /* the directory first, then by objid */
    size_t ntrees;
    isam_ck_table *tables;     /* in objid order */
    size_t ntables;
    uint64_t count[ISAM_CK_NCLASS];
    uint64_t corrupt;          /* problems of the corruption classes */
    isam_ck_problem *details;  /* at most max_details per class, in the order found */
    size_t ndetails;
    uint64_t records, index_entries, long_values;   /* totals */
    uint64_t catalog_rows;
} isam_ck_report;

typedef struct isam_ck_opts {
    uint32_t max_details;      /* per class; 0 = 20 */
    /* Called now and then: phase "B-trees" then "Records" (done/total in
     * bytes: pages of the trees, then key + value bytes of the rows). */
    void (*progress)(void *ctx, const char *phase, uint64_t done, uint64_t total);
    void *ctx;
} isam_ck_opts;

/* Check database d (opened by session s, which must not be in a
 * transaction: JET_errInTransaction).  o may be NULL.  Fills *r (free it
 * with isam_check_report_free, also after an error).  Returns
 * JET_errSuccess when no corruption was found (warnings allowed),
 * JET_errDatabaseCorrupted when some was, another error when the check
 * could not run to the end (out of memory: the report is partial). */
JET_ERR isam_check_database(struct sess *s, struct db *d, const isam_ck_opts *o,
                            isam_ck_report *r);
void isam_check_report_free(isam_ck_report *r);

#endif
