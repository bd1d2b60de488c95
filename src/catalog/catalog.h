/*
 * catalog.h: the schema of a database — tables, columns, indexes — stored
 * in a catalog tree of the database (read and written through the
 * versioned-tree API, so DDL is transactional like any other change), and
 * an in-memory schema cache shared by every session.
 *
 * A cat_table is an immutable snapshot of one table's schema, reference
 * counted.  DDL never changes a published cat_table: it builds a new one
 * (version + 1) and publishes it when the change is visible; cursors
 * compare versions with cat_table_current() and refresh.  Names compare
 * case-insensitively (ASCII), as ESE's do.
 */
#ifndef JETDB_CATALOG_CATALOG_H
#define JETDB_CATALOG_CATALOG_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"
#include "record/key.h"
#include "record/record.h"

struct db;
struct sess;
struct vtx;

#define CAT_NAME_MAX 64u            /* JET_cbNameMost (bytes, UTF-8, no NUL) */

typedef struct cat_column {
    rec_coldef def;                 /* colid, coltyp, cbMax, grbit, cp */
    char name[CAT_NAME_MAX + 1];
    void *dflt;                     /* default value, NULL = none */
    uint32_t cbdflt;
} cat_column;

typedef struct cat_segment {
    JET_COLUMNID colid;
    key_seg seg;                    /* type, cp, descending, lcid, map flags */
} cat_segment;

typedef struct cat_cond {
    JET_COLUMNID colid;
    JET_GRBIT grbit;                /* JET_bitIndexColumnMustBeNull / MustBeNonNull */
} cat_cond;

typedef struct cat_index {
    char name[CAT_NAME_MAX + 1];
    uint32_t objid;                 /* its tree; for the primary index the table's data tree */
    JET_GRBIT grbit;                /* JET_bitIndex* as created */
    bool primary, unique;
    uint32_t nseg;
    cat_segment seg[JET_ccolKeyMost];
    uint32_t ncond;
    cat_cond cond[JET_ccolKeyMost];
    uint32_t lcid, map_flags;       /* JET_UNICODEINDEX (defaults when not given) */
    uint32_t cbKeyMost;             /* key truncation limit */
    uint32_t cbVarSegMac;           /* per-segment truncation (0 = none) */
    uint32_t density;
} cat_index;

typedef struct cat_table {
    atomic_int refs;
    uint64_t version;               /* bumped by every DDL change of the table */
    char name[CAT_NAME_MAX + 1];
    uint32_t objid;                 /* the data tree: key = primary key (or the
                                       implicit sequential key when no primary index) */
    uint32_t lv_objid;              /* long-value tree (created with the table) */
    uint32_t pages, density;        /* as given at creation */
    bool temp;                      /* a temporary table (src/isam) */
    cat_column *cols;
    size_t ncols;
    cat_index *idx;
    size_t nidx;
    int primary;                    /* index of the primary index in idx, -1 = none */
} cat_table;

/* The committed-or-own schema of table `name` as transaction x sees it
 * (x NULL: committed).  JET_errObjectNotFound when there is none.  The
 * result is pinned: release it with cat_table_release. */
JET_ERR cat_table_get(struct vtx *x, struct db *d, const char *name, cat_table **out);
/* The newest version of the same table visible to x (refresh of an open
 * cursor): returns t itself (pinned again) when unchanged;
 * JET_errObjectNotFound when the table was deleted. */
JET_ERR cat_table_current(struct vtx *x, struct db *d, cat_table *t, cat_table **out);
void cat_table_pin(cat_table *t);
void cat_table_release(cat_table *t);

const cat_column *cat_column_by_id(const cat_table *t, JET_COLUMNID colid);
const cat_column *cat_column_by_name(const cat_table *t, const char *name);
const cat_index *cat_index_by_name(const cat_table *t, const char *name);

#endif
