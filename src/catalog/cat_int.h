/*
 * cat_int.h: private to src/catalog — the catalog tree's rows (keys and
 * values, docs/formats-catalog.md), the per-database schema cache, and the
 * helpers the DDL, cache and temporary-table files share.
 */
#ifndef JETDB_CATALOG_CAT_INT_H
#define JETDB_CATALOG_CAT_INT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"
#include "txn/ver.h"

struct st_db;

/* ---- row kinds (first key byte) --------------------------------------- */

enum {
    CAT_K_TABLE = 0x10,     /* objid(BE32)                 -> table row */
    CAT_K_TNAME = 0x11,     /* NAME(upper)                 -> objid(LE32) */
    CAT_K_COL = 0x20,       /* objid(BE32) colid(BE32)     -> column row */
    CAT_K_CNAME = 0x21,     /* objid(BE32) NAME(upper)     -> colid(LE32) */
    CAT_K_IDX = 0x30,       /* objid(BE32) NAME(upper)     -> index row */
    CAT_K_DROP = 0x40,      /* objid(BE32)                 -> pending tree drop */
    CAT_K_STATS = 0x50,     /* objid(BE32) tree objid(BE32) -> statistics */
};

#define CAT_ROW_FORMAT 1u   /* first byte of every row value */
#define CAT_KEY_MAX (1 + 4 + CAT_NAME_MAX)

typedef struct cat_key {
    uint8_t b[CAT_KEY_MAX];
    size_t len;
} cat_key;

void cat_key_table(cat_key *k, uint32_t objid);
void cat_key_tname(cat_key *k, const char *name);
void cat_key_col(cat_key *k, uint32_t objid, JET_COLUMNID colid);
void cat_key_cname(cat_key *k, uint32_t objid, const char *name);
void cat_key_idx(cat_key *k, uint32_t objid, const char *name);
void cat_key_drop(cat_key *k, uint32_t objid);
/* Statistics of tree iobjid (an index tree, or the table's own objid for
 * its data tree) of table objid. */
void cat_key_stats(cat_key *k, uint32_t objid, uint32_t iobjid);
#define CAT_STATS_LEN 21u   /* format, items, keys, pages (LE32), when (LE64) */
/* The prefix every row of one kind and table shares (kind + objid). */
void cat_key_prefix(cat_key *k, uint8_t kind, uint32_t objid);

/* ---- decoded rows ---------------------------------------------------- */

typedef struct cat_trow {
    char name[CAT_NAME_MAX + 1];
    uint32_t objid, lv_objid;
    uint32_t pages, density;
    JET_GRBIT flags;                 /* JET_bitObjectTable* */
    uint64_t version;
    uint32_t fixed_last, var_last, tagged_last;  /* highest ids ever handed out */
} cat_trow;

typedef struct cat_irow {
    cat_index ix;                    /* segment/condition colids; seg types unset */
} cat_irow;

/* Encoders return a malloc'd value in *out / *len. */
JET_ERR cat_trow_encode(const cat_trow *t, uint8_t **out, size_t *len);
JET_ERR cat_trow_decode(const uint8_t *v, size_t len, cat_trow *t);
JET_ERR cat_crow_encode(const cat_column *c, uint8_t **out, size_t *len);
/* Fills c (default value malloc'd into c->dflt). */
JET_ERR cat_crow_decode(const uint8_t *v, size_t len, cat_column *c);
JET_ERR cat_irow_encode(const cat_index *ix, uint8_t **out, size_t *len);
JET_ERR cat_irow_decode(const uint8_t *v, size_t len, cat_index *ix);

/* ---- the catalog tree of a database --------------------------------------- */

/* The catalog tree; create: make it if the database has none (first DDL).
 * JET_errObjectNotFound without create when it does not exist yet. */
JET_ERR cat_tree(struct db *d, bool create, bt_tree **out);

/* Read a whole row value visible to x into a malloc'd buffer.
 * JET_errRecordNotFound when there is no such row. */
JET_ERR cat_row_get(vtx *x, bt_tree *t, const cat_key *k, uint8_t **val, size_t *len);

/* Call fn for every row visible to x whose key starts with prefix, in key
 * order (x NULL: the committed rows). */
typedef JET_ERR (*cat_row_fn)(void *ctx, const uint8_t *key, size_t klen, const uint8_t *val,
                              size_t vlen);
JET_ERR cat_scan(vtx *x, bt_tree *tree, const cat_key *prefix, cat_row_fn fn, void *ctx);
/* The table row of objid as x sees it; JET_errObjectNotFound. */
JET_ERR cat_trow_get(vtx *x, bt_tree *tree, uint32_t objid, cat_trow *tr);

/* ---- the per-database schema cache ------------------------------------- */

typedef struct cat_db {
    pthread_mutex_t mu;
    cat_table **ents;                /* cached snapshots, one pin each */
    size_t n, cap;
    uint64_t hiver;                  /* highest schema version handed out */
    uint64_t tick;                   /* use counter for eviction */
    uint64_t *used;                  /* per entry: tick of last use */
    bool swept;                      /* committed tree drops done */
} cat_db;

/* The cache of d (created on first use): NULL only when out of memory. */
cat_db *cat_db_of(struct db *d);
/* A version number for a table changed by DDL whose previous version was
 * old: above old and above every number this process handed out, so a
 * (objid, version) pair always names one schema. */
uint64_t cat_next_version(cat_db *c, uint64_t old);

/* Build (or find in the cache) the schema of table objid as x sees it. */
JET_ERR cat_table_load(vtx *x, struct db *d, uint32_t objid, cat_table **out);

/* Allocate an empty cat_table (refs 1). */
cat_table *cat_table_alloc(void);
/* Fill the key_seg of every segment from the columns (type, cp) and the
 * index (lcid, map flags). */
void cat_table_link_segments(cat_table *t);

/* ---- validation shared by DDL and temporary tables ----------------------- */

/* (The size of a fixed-length coltyp is rec_fixed_size, record/record.h.) */
bool cat_coltyp_long(JET_COLTYP coltyp);
bool cat_coltyp_text(JET_COLTYP coltyp);
/* Largest record a table of this page size may need for its fixed part. */
uint32_t cat_record_most(uint32_t page_size);
/* The largest key an index may ask for (JET_bitIndexKeyMost) on this page size. */
uint32_t cat_key_most_for_page(uint32_t page_size);

/* Validate a column definition as ESE does (ErrFILEIValidateAddColumn):
 * fills c->def (normalised cbMax, cp, grbit) except colid, and c->name.
 * Returns JET_wrnColumnMaxTruncated when cbMax was cut to 255. */
JET_ERR cat_validate_column(const cat_colspec *in, bool exclusive, cat_column *c);
/* The next column id of the class the definition falls in (fixed, variable,
 * tagged), advancing the table row's counter; JET_errTooManyColumns. */
JET_ERR cat_next_colid(cat_trow *tr, const cat_column *c, JET_COLUMNID *colid);

/* Parse and validate an index definition against the columns of t
 * (ErrFILEIValidateCreateIndex and the per-segment checks); fills ix
 * except objid.  The unicode defaults come from the instance of d. */
JET_ERR cat_validate_index(struct db *d, const cat_table *t, const cat_idxspec *in,
                           cat_index *ix);

/* Density: 0 means dflt (80 when dflt is 0 too); otherwise 20..100,
 * JET_errDensityInvalid. */
JET_ERR cat_density(uint32_t given, uint32_t dflt, uint32_t *out);


/* Free the arrays of a cat_table (not the struct). */
void cat_table_free_parts(cat_table *t);

#endif
