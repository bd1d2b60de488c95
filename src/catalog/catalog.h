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
    cat_column *cols;               /* in column id order */
    size_t ncols;
    cat_index *idx;                 /* the primary index first, then by name */
    size_t nidx;
    int primary;                    /* index of the primary index in idx, -1 = none */
    JET_GRBIT flags;                /* JET_bitObjectTableFixedDDL / ...Template */
    JET_GRBIT tt_grbit;             /* temporary table: JET_bitTT* as opened */
    struct db *tdb;                 /* temporary table: its database, pinned; the
                                       last release drops its trees */
} cat_table;

/* The committed-or-own schema of table `name` as transaction x sees it
 * (x NULL: committed).  JET_errObjectNotFound when there is none.  The
 * result is pinned: release it with cat_table_release. */
JET_ERR cat_table_get(struct vtx *x, struct db *d, const char *name, cat_table **out);
/* The newest version of the same table visible to x (refresh of an open
 * cursor): returns t itself (pinned again) when unchanged;
 * JET_errObjectNotFound when the table was deleted. */
JET_ERR cat_table_current(struct vtx *x, struct db *d, cat_table *t, cat_table **out);
/* cat_table_current for callers that ask on every call (cursors): *st
 * (zeroed at first) remembers the catalog's state at the last full check.
 * While no catalog row has versions and none was written since, t is still
 * what every transaction sees and comes back (pinned) without a catalog
 * read. */
typedef struct cat_stamp {
    struct bt_tree *tree;           /* the database's catalog tree */
    uint64_t v;                     /* vt_tree_stamp at the last full check */
} cat_stamp;
JET_ERR cat_table_current_stamped(struct vtx *x, struct db *d, cat_table *t, cat_stamp *st,
                                  cat_table **out);
/* The pre-check alone: true when the table cat_table_current_stamped last
 * returned with *st is still current (nothing to pin or release). */
bool cat_stamp_unchanged(const cat_stamp *st);
void cat_table_pin(cat_table *t);
void cat_table_release(cat_table *t);

const cat_column *cat_column_by_id(const cat_table *t, JET_COLUMNID colid);
const cat_column *cat_column_by_name(const cat_table *t, const char *name);
const cat_index *cat_index_by_name(const cat_table *t, const char *name);

/* ---- names ----------------------------------------------------------------- */

/* ESE's object-name rules (ErrUTILCheckName): not NULL, not starting with
 * a space, at most JET_cbNameMost bytes, no control character, '!', '.',
 * '[' or ']'; trailing spaces are not significant.  out receives the
 * significant part.  JET_errInvalidName otherwise. */
JET_ERR cat_check_name(const char *name, char out[CAT_NAME_MAX + 1]);
/* Names compare case-insensitively (ASCII letters), as ESE's do. */
int cat_name_cmp(const char *a, const char *b);

/* ---- DDL inputs (src/api converts the A/W structures into these) --------- */

typedef struct cat_colspec {
    const char *name;               /* UTF-8 */
    JET_COLTYP coltyp;
    uint32_t cbMax;
    JET_GRBIT grbit;
    uint32_t cp;
    const void *dflt;               /* NULL = no default */
    uint32_t cbdflt;
    bool bad_struct;                /* cbStruct was wrong (JetCreateTableColumnIndex*) */
    JET_COLUMNID colid;             /* out */
    JET_ERR err;                    /* out (JET_COLUMNCREATE.err) */
} cat_colspec;

typedef struct cat_condspec {
    const char *name;               /* UTF-8 */
    JET_GRBIT grbit;                /* JET_bitIndexColumnMustBeNull / MustBeNonNull */
    bool bad_struct;                /* cbStruct was wrong */
} cat_condspec;

typedef struct cat_idxspec {
    const char *name;               /* UTF-8 */
    const char *key;                /* "+col\0-col\0\0", names in UTF-8 */
    uint32_t cbkey;                 /* bytes of key, both terminators included */
    JET_GRBIT grbit;                /* JET_bitIndex* */
    uint32_t density;               /* 0 = the table's */
    bool unicode;                   /* lcid / map_flags were given */
    uint32_t lcid, map_flags;
    uint32_t cbVarSegMac;           /* 0 = cbKeyMost */
    bool tuple_limits;              /* JET_bitIndexTupleLimits with ptuplelimits given */
    uint32_t cbKeyMost;             /* used with JET_bitIndexKeyMost */
    const cat_condspec *cond;
    uint32_t ncond;
    bool bad_struct;                /* cbStruct was wrong */
    JET_ERR err;                    /* out (JET_INDEXCREATE.err) */
} cat_idxspec;

typedef struct cat_tablespec {
    const char *name;               /* UTF-8 */
    const char *template_name;      /* NULL = none */
    uint32_t pages, density;
    cat_colspec *cols;
    uint32_t ncols;
    cat_idxspec *idx;
    uint32_t nidx;
    JET_GRBIT grbit;                /* JET_bitTableCreate* */
    uint32_t created;               /* out: cCreated (table + columns + indexes) */
} cat_tablespec;

/* ---- DDL (src/catalog/cat_ddl.c) --------------------------------------------
 * Every call works under transaction x (never NULL: the caller begins one,
 * vtx_auto_begin) and leaves nothing changed when it fails, once x's
 * savepoint is rolled back.  A table is named by a cat_table the caller
 * holds (any version): the change applies to the newest schema x sees.
 * Cursors, exclusivity and index builds are the caller's business
 * (src/api/api_ddl.c with src/isam). */

/* JetCreateTable / JetCreateTableColumnIndex*: the table row, its data and
 * long-value trees, its columns and indexes (spec->created counts what was
 * done, each colspec/idxspec gets its err, each colspec its colid).
 * *out: the new schema, pinned. */
JET_ERR cat_create_table(struct vtx *x, struct db *d, cat_tablespec *spec, cat_table **out);
/* JetAddColumn; exclusive: the caller's cursor denies reads (escrow and
 * autoincrement columns need it).  May return JET_wrnColumnMaxTruncated. */
JET_ERR cat_add_column(struct vtx *x, struct db *d, const cat_table *t, cat_colspec *spec,
                       bool exclusive, JET_COLUMNID *colid);
/* JetDeleteColumn(2). */
JET_ERR cat_delete_column(struct vtx *x, struct db *d, const cat_table *t, const char *name,
                          JET_GRBIT grbit);
/* JetRenameColumn. */
JET_ERR cat_rename_column(struct vtx *x, struct db *d, const cat_table *t, const char *name,
                          const char *newname);
/* JetSetColumnDefaultValue: cb 0 (or pv NULL) removes the default. */
JET_ERR cat_set_default(struct vtx *x, struct db *d, const cat_table *t, const char *column,
                        const void *pv, uint32_t cb);
/* JetCreateIndex*: one index.  The new index is empty: a caller whose
 * table has rows fills it (isam_index_build) before x commits.  A primary
 * index needs an empty table (JET_errTableNotEmpty). */
JET_ERR cat_create_index(struct vtx *x, struct db *d, const cat_table *t, cat_idxspec *spec);
/* JetDeleteIndex: its tree is freed once the deletion committed. */
JET_ERR cat_delete_index(struct vtx *x, struct db *d, const cat_table *t, const char *name);
/* Statistics of one tree of a table (JetComputeStats): entries, distinct
 * keys, leaf pages, and when they were computed (JET_DATESERIAL, days
 * since 1899-12-30).  They are kept in the catalog, transactionally, until
 * the next JetComputeStats or the deletion of the table or index. */
typedef struct cat_stats {
    uint32_t items, keys, pages;
    double when;
} cat_stats;
/* Store the statistics of tree iobjid of t (t's own objid: its data tree). */
JET_ERR cat_put_stats(struct vtx *x, struct db *d, const cat_table *t, uint32_t iobjid,
                      const cat_stats *st);
/* The statistics last stored for tree iobjid of table tobjid as x sees them
 * (x NULL: committed); all zero when JetComputeStats never ran. */
JET_ERR cat_get_stats(struct vtx *x, struct db *d, uint32_t tobjid, uint32_t iobjid,
                      cat_stats *st);
/* JetDeleteTable (the caller checked that no cursor uses it). */
JET_ERR cat_delete_table(struct vtx *x, struct db *d, const cat_table *t);
/* JetRenameTable. */
JET_ERR cat_rename_table(struct vtx *x, struct db *d, const char *name, const char *newname);

/* The tables x sees, ordered by name (case-insensitive), for
 * JetGetObjectInfo's lists.  Free *out with free(). */
typedef struct cat_tableinfo {
    char name[CAT_NAME_MAX + 1];
    uint32_t objid;
    JET_GRBIT flags;                /* JET_bitObjectTable* */
} cat_tableinfo;
JET_ERR cat_list_tables(struct vtx *x, struct db *d, cat_tableinfo **out, size_t *count);

/* Index grbit as ESE reports it (IDB::GrbitFromFlags): the stored flags
 * with the implied null-handling bits. */
JET_GRBIT cat_index_grbit(const cat_index *ix);

/* ---- temporary tables (src/catalog/cat_temp.c) ------------------------------ */

struct inst;
/* The instance's temporary database (JET_paramTempPath), pinned: made,
 * unlogged and empty, on first use.  Release with db_unpin. */
JET_ERR cat_temp_db(struct inst *in, struct db **out);
/* JetTerm (src/inst/storage.c): close and delete the temporary database;
 * every session and the version store are gone by then. */
void cat_temp_db_close(struct inst *in);

/* The schema of a new temporary table in tdb (the instance's temporary
 * database): columns from cols (JET_bitColumnTTKey ones, in order, form the
 * primary index; JET_bitColumnTTDescending descending; JET_bitTTUnique makes
 * it unique), colids written to colids[ncols].  Its data and long-value
 * trees exist; the last cat_table_release drops them.  lcid/map_flags: the
 * key's Unicode settings (0 = the instance's defaults). */
JET_ERR cat_temp_table(struct db *tdb, const JET_COLUMNDEF *cols, uint32_t ncols,
                       uint32_t lcid, uint32_t map_flags, JET_GRBIT grbit, uint32_t cbKeyMost,
                       uint32_t cbVarSegMac, JET_COLUMNID *colids, cat_table **out);

#endif
