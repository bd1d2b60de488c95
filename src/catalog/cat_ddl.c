/*
 * cat_ddl.c: schema changes.  Each one writes catalog rows through the
 * versioned-tree API under the caller's transaction, so it commits, rolls
 * back and survives a crash like any other change; every change of a
 * table also rewrites its table row with a fresh schema version, which is
 * how readers and the schema cache notice it (cat_cache.c).
 *
 * Trees: a table's data and long-value trees and a secondary index's tree
 * are created under the transaction (a rollback takes their directory
 * entries back).  Trees of deleted tables and indexes cannot be freed
 * before the deletion commits and no snapshot can read them any more:
 * the deletion leaves a "drop" row, and the first DDL after the database is
 * attached again frees the trees those rows name (sweep()).
 */
#include <stdlib.h>
#include <string.h>

#include "catalog/cat_int.h"
#include "db/db.h"
#include "record/record.h"
#include "store/store.h"
#include "util/err.h"

typedef struct ddl {
    vtx *x;
    struct db *d;
    bt_tree *tree;
    cat_db *c;
} ddl;

/* ---- rows ------------------------------------------------------------------------ */

static JET_ERR row_insert(ddl *o, const cat_key *k, const uint8_t *v, size_t len, JET_ERR dup)
{
    JET_ERR err = vt_insert(o->x, o->tree, k->b, k->len, v, len);
    return err == JET_errKeyDuplicate ? dup : err;
}

static JET_ERR row_delete(ddl *o, const cat_key *k)
{
    JET_ERR err = vt_delete(o->x, o->tree, k->b, k->len);
    return err == JET_errRecordNotFound ? JET_errCatalogCorrupted : err;
}

/* A 5-byte value: format byte + little-endian 32-bit id. */
static void id_value(uint8_t v[5], uint32_t id)
{
    v[0] = CAT_ROW_FORMAT;
    v[1] = (uint8_t)id;
    v[2] = (uint8_t)(id >> 8);
    v[3] = (uint8_t)(id >> 16);
    v[4] = (uint8_t)(id >> 24);
}

/* Write the table row (insert a new one or replace the old). */
static JET_ERR put_trow(ddl *o, const cat_trow *tr, bool insert)
{
    uint8_t *v;
    size_t len;
    CALL(cat_trow_encode(tr, &v, &len));
    cat_key k;
    cat_key_table(&k, tr->objid);
    JET_ERR err = insert ? vt_insert(o->x, o->tree, k.b, k.len, v, len)
                         : vt_replace(o->x, o->tree, k.b, k.len, v, len);
    free(v);
    return err;
}

/* The table row again with a new schema version: every DDL of a table
 * ends here, which also makes two concurrent DDLs of one table conflict. */
static JET_ERR bump_trow(ddl *o, cat_trow *tr)
{
    tr->version = cat_next_version(o->c, tr->version);
    return put_trow(o, tr, false);
}

static JET_ERR put_column(ddl *o, uint32_t objid, const cat_column *c)
{
    uint8_t *v;
    size_t len;
    CALL(cat_crow_encode(c, &v, &len));
    cat_key k;
    cat_key_cname(&k, objid, c->name);
    uint8_t idv[5];
    id_value(idv, c->def.colid);
    JET_ERR err = row_insert(o, &k, idv, sizeof idv, JET_errColumnDuplicate);
    if (err >= 0) {
        cat_key_col(&k, objid, c->def.colid);
        err = row_insert(o, &k, v, len, JET_errCatalogCorrupted);
    }
    free(v);
    return err;
}

static JET_ERR put_index(ddl *o, uint32_t table, const cat_index *ix)
{
    uint8_t *v;
    size_t len;
    CALL(cat_irow_encode(ix, &v, &len));
    cat_key k;
    cat_key_idx(&k, table, ix->name);
    JET_ERR err = row_insert(o, &k, v, len, JET_errIndexDuplicate);
    free(v);
    return err;
}

/* Remember a tree to free once the deletion that orphaned it committed. */
static JET_ERR put_drop(ddl *o, uint32_t objid)
{
    cat_key k;
    cat_key_drop(&k, objid);
    uint8_t v[1] = { CAT_ROW_FORMAT };
    return row_insert(o, &k, v, sizeof v, JET_errCatalogCorrupted);
}

/* ---- pending drops ---------------------------------------------------------------- */

typedef struct drops {
    uint32_t *ids;
    size_t n, cap;
} drops;

static JET_ERR collect_drop(void *ctx, const uint8_t *key, size_t klen, const uint8_t *val,
                            size_t vlen)
{
    (void)val;
    (void)vlen;
    drops *dr = ctx;
    if (klen != 5)
        return JET_errCatalogCorrupted;
    if (dr->n == dr->cap) {
        size_t cap = dr->cap ? dr->cap * 2 : 16;
        uint32_t *ids = realloc(dr->ids, cap * sizeof *ids);
        if (ids == NULL)
            return JET_errOutOfMemory;
        dr->ids = ids;
        dr->cap = cap;
    }
    dr->ids[dr->n++] = (uint32_t)key[1] << 24 | (uint32_t)key[2] << 16 |
                       (uint32_t)key[3] << 8 | key[4];
    return JET_errSuccess;
}

/* Free the trees whose deletion committed before this attachment: nobody
 * can read them any more (every snapshot of this attachment is younger).
 * Once per attachment, at its first DDL; failures leave the rows for the
 * next attachment. */
static void sweep(ddl *o)
{
    pthread_mutex_lock(&o->c->mu);
    bool done = o->c->swept;
    o->c->swept = true;
    pthread_mutex_unlock(&o->c->mu);
    if (done)
        return;
    drops dr = { 0 };
    cat_key p;
    p.b[0] = CAT_K_DROP;
    p.len = 1;
    if (cat_scan(NULL, o->tree, &p, collect_drop, &dr) >= 0) {
        for (size_t i = 0; i < dr.n; i++) {
            JET_ERR err = st_tree_drop(o->d->store, dr.ids[i]);
            if (err < 0 && err != JET_errObjectNotFound)
                continue;
            cat_key k;
            cat_key_drop(&k, dr.ids[i]);
            (void)vt_delete(o->x, o->tree, k.b, k.len);
        }
    }
    free(dr.ids);
}

static JET_ERR ddl_begin(vtx *x, struct db *d, ddl *o)
{
    if (x == NULL)
        return JET_errNotInTransaction;
    if (d == NULL || d->store == NULL)
        return JET_errInvalidDatabaseId;
    if (d->read_only)
        return JET_errPermissionDenied;
    o->x = x;
    o->d = d;
    CALL(cat_tree(d, true, &o->tree));
    o->c = cat_db_of(d);
    if (o->c == NULL)
        return JET_errOutOfMemory;
    sweep(o);
    return JET_errSuccess;
}

/* The newest schema of t and its table row, as o->x sees them. */
static JET_ERR ddl_table(ddl *o, const cat_table *t, cat_table **cur, cat_trow *tr)
{
    if (t->temp)
        return JET_errInvalidParameter;   /* temporary tables have fixed DDL */
    CALL(cat_trow_get(o->x, o->tree, t->objid, tr));
    return cat_table_load(o->x, o->d, t->objid, cur);
}

/* Whether the table has a row x can see. */
static JET_ERR table_has_rows(ddl *o, uint32_t objid, bool *rows)
{
    bt_tree *t;
    CALL(st_tree_open(o->d->store, objid, &t));
    vt_cursor *vc;
    CALL(vt_cursor_open(t, &vc));
    JET_ERR err = vt_cursor_first(o->x, vc);
    vt_cursor_close(vc);
    if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound) {
        *rows = false;
        return JET_errSuccess;
    }
    CALL(err);
    *rows = true;
    return JET_errSuccess;
}

static uint32_t fixed_bytes(const cat_table *t)
{
    uint32_t n = 0;
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].def.colid <= REC_FIXED_LAST)
            n += t->cols[i].def.cbMax;
    return n;
}

static bool has_column_with(const cat_table *t, JET_GRBIT bit)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].def.grbit & bit)
            return true;
    return false;
}

/* Insert c into t->cols keeping column id order (c's default is copied). */
static JET_ERR scratch_add_column(cat_table *t, const cat_column *c)
{
    cat_column *nc = realloc(t->cols, (t->ncols + 1) * sizeof *nc);
    if (nc == NULL)
        return JET_errOutOfMemory;
    t->cols = nc;
    size_t at = t->ncols;
    while (at > 0 && t->cols[at - 1].def.colid > c->def.colid)
        at--;
    memmove(&t->cols[at + 1], &t->cols[at], (t->ncols - at) * sizeof *nc);
    t->cols[at] = *c;
    t->cols[at].dflt = NULL;
    t->ncols++;
    if (c->dflt != NULL) {
        t->cols[at].dflt = malloc(c->cbdflt);
        if (t->cols[at].dflt == NULL)
            return JET_errOutOfMemory;
        memcpy(t->cols[at].dflt, c->dflt, c->cbdflt);
    }
    return JET_errSuccess;
}

static JET_ERR scratch_add_index(cat_table *t, const cat_index *ix)
{
    cat_index *ni = realloc(t->idx, (t->nidx + 1) * sizeof *ni);
    if (ni == NULL)
        return JET_errOutOfMemory;
    t->idx = ni;
    t->idx[t->nidx] = *ix;
    if (ix->primary)
        t->primary = (int)t->nidx;
    t->nidx++;
    return JET_errSuccess;
}

/* ---- tables ------------------------------------------------------------------------ */

#define TABLE_CREATE_BITS                                                              \
    (JET_bitTableCreateFixedDDL | JET_bitTableCreateTemplateTable |                    \
     JET_bitTableCreateNoFixedVarColumnsInDerivedTables | JET_bitTableCreateImmutableStructure)

/* A column of a new table (JetCreateTableColumnIndex*). */
static JET_ERR create_one_column(ddl *o, cat_trow *tr, cat_table *nt, cat_colspec *cs,
                                 uint32_t *created)
{
    JET_ERR err;
    cat_column col;
    if (cs->bad_struct)
        return JET_errInvalidParameter;   /* ESE leaves that err field alone */
    err = cat_validate_column(cs, true, &col);
    if (err >= 0 && (col.def.grbit & JET_bitColumnFixed) &&
        fixed_bytes(nt) + col.def.cbMax > cat_record_most(o->d->page_size))
        err = JET_errRecordTooBig;
    if (err >= 0)
        err = cat_next_colid(tr, &col, &col.def.colid);
    if (err >= 0 && (col.def.grbit & JET_bitColumnVersion) &&
        has_column_with(nt, JET_bitColumnVersion))
        err = JET_errColumnRedundant;
    if (err >= 0 && (col.def.grbit & JET_bitColumnAutoincrement) &&
        has_column_with(nt, JET_bitColumnAutoincrement))
        err = JET_errColumnRedundant;
    if (err < 0) {
        cs->err = err;
        return err;
    }
    cs->colid = col.def.colid;
    cs->err = JET_errSuccess;
    (*created)++;
    CALL(put_column(o, tr->objid, &col));
    return scratch_add_column(nt, &col);
}

/* An index of a new table. */
static JET_ERR create_one_index(ddl *o, uint64_t txid, cat_table *nt, cat_idxspec *is,
                                uint32_t *created)
{
    if (is->bad_struct)
        return JET_errInvalidCreateIndex;
    is->err = JET_errSuccess;
    cat_index ix;
    JET_ERR err = cat_validate_index(o->d, nt, is, &ix);
    if (err >= 0 && ix.primary && nt->primary >= 0)
        err = JET_errIndexHasPrimary;
    if (err >= 0) {
        if (ix.primary)
            ix.objid = nt->objid;
        else
            err = st_tree_create(o->d->store, txid, &ix.objid);
    }
    if (err < 0) {
        is->err = err;
        return err;
    }
    (*created)++;
    CALL(put_index(o, nt->objid, &ix));
    return scratch_add_index(nt, &ix);
}

JET_ERR cat_create_table(vtx *x, struct db *d, cat_tablespec *ts, cat_table **out)
{
    JET_ERR err;
    ddl o;
    cat_trow tr;
    cat_table *nt = NULL;
    *out = NULL;
    ts->created = 0;
    memset(&tr, 0, sizeof tr);
    CALL(cat_check_name(ts->name, tr.name));
    if (ts->grbit & JET_bitTableCreateTemplateTable) {
        if (ts->template_name != NULL)
            return JET_errCannotNestDDL;
        if (ts->grbit & JET_bitTableCreateNoFixedVarColumnsInDerivedTables)
            return JET_errInvalidGrbit;
    } else if (ts->grbit & JET_bitTableCreateNoFixedVarColumnsInDerivedTables) {
        return JET_errInvalidGrbit;
    }
    if (ts->grbit & ~(JET_GRBIT)TABLE_CREATE_BITS)
        return JET_errInvalidGrbit;
    CALL(cat_density(ts->density, 0, &tr.density));
    for (uint32_t i = 0; i < ts->nidx && ts->idx != NULL; i++)
        if ((ts->idx[i].grbit & JET_bitIndexPrimary) && !ts->idx[i].bad_struct)
            CALL(cat_density(ts->idx[i].density, tr.density, &tr.density));
    CALL(ddl_begin(x, d, &o));
    if (ts->template_name != NULL) {
        /* Derived tables are not implemented; the template must exist and
         * be one (ESE's checks), then the call is refused. */
        cat_table *tt;
        CALL(cat_table_get(x, d, ts->template_name, &tt));
        bool is_template = (tt->flags & JET_bitObjectTableTemplate) != 0;
        cat_table_release(tt);
        return is_template ? JET_errFeatureNotAvailable : JET_errDDLNotInheritable;
    }

    uint64_t txid;
    CALL(vtx_txid(x, &txid));
    CALL(st_tree_create(d->store, txid, &tr.objid));
    CALL(st_tree_create(d->store, txid, &tr.lv_objid));
    tr.pages = ts->pages;
    if (ts->grbit & JET_bitTableCreateTemplateTable)
        tr.flags = JET_bitObjectTableTemplate | JET_bitObjectTableFixedDDL;
    else if (ts->grbit & (JET_bitTableCreateFixedDDL | JET_bitTableCreateImmutableStructure))
        tr.flags = JET_bitObjectTableFixedDDL;
    tr.fixed_last = REC_FIXED_FIRST - 1;
    tr.var_last = REC_VAR_FIRST - 1;
    tr.tagged_last = REC_TAGGED_FIRST - 1;
    tr.version = cat_next_version(o.c, 0);

    cat_key k;
    cat_key_tname(&k, tr.name);
    uint8_t idv[5];
    id_value(idv, tr.objid);
    CALL(row_insert(&o, &k, idv, sizeof idv, JET_errTableDuplicate));
    CALL(put_trow(&o, &tr, true));
    ts->created = 1;

    nt = cat_table_alloc();
    if (nt == NULL)
        return JET_errOutOfMemory;
    nt->objid = tr.objid;
    nt->density = tr.density;
    if (ts->ncols > 0 && ts->cols == NULL) {
        err = JET_errInvalidParameter;
        goto done;
    }
    for (uint32_t i = 0; i < ts->ncols; i++)
        CHECK(create_one_column(&o, &tr, nt, &ts->cols[i], &ts->created));
    if (ts->nidx > 0 && (ts->idx == NULL || ts->cols == NULL)) {
        err = JET_errInvalidCreateIndex;
        goto done;
    }
    for (uint32_t i = 0; i < ts->nidx; i++)
        CHECK(create_one_index(&o, txid, nt, &ts->idx[i], &ts->created));
    CHECK(put_trow(&o, &tr, false));
    CHECK(cat_table_load(x, d, tr.objid, out));
done:
    cat_table_release(nt);
    return err;
}

/* ---- statistics (JetComputeStats) ------------------------------------------------ */

static void put_le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

JET_ERR cat_put_stats(vtx *x, struct db *d, const cat_table *t, uint32_t iobjid,
                      const cat_stats *st)
{
    if (t == NULL || st == NULL)
        return JET_errInvalidParameter;
    if (t->temp)
        return JET_errInvalidParameter;
    ddl o;
    CALL(ddl_begin(x, d, &o));
    uint8_t v[CAT_STATS_LEN];
    v[0] = CAT_ROW_FORMAT;
    put_le32(v + 1, st->items);
    put_le32(v + 5, st->keys);
    put_le32(v + 9, st->pages);
    uint64_t bits;
    memcpy(&bits, &st->when, 8);
    put_le32(v + 13, (uint32_t)bits);
    put_le32(v + 17, (uint32_t)(bits >> 32));
    cat_key k;
    cat_key_stats(&k, t->objid, iobjid);
    JET_ERR err = vt_replace(x, o.tree, k.b, k.len, v, sizeof v);
    if (err == JET_errRecordNotFound)
        err = vt_insert(x, o.tree, k.b, k.len, v, sizeof v);
    return err;
}

JET_ERR cat_get_stats(vtx *x, struct db *d, uint32_t tobjid, uint32_t iobjid, cat_stats *st)
{
    memset(st, 0, sizeof *st);
    bt_tree *tree;
    JET_ERR err = cat_tree(d, false, &tree);
    if (err == JET_errObjectNotFound)
        return JET_errSuccess;
    CALL(err);
    cat_key k;
    cat_key_stats(&k, tobjid, iobjid);
    uint8_t v[CAT_STATS_LEN];
    size_t len = 0;
    err = vt_get(x, tree, k.b, k.len, 0, v, sizeof v, &len);
    if (err == JET_errRecordNotFound)
        return JET_errSuccess;   /* never computed */
    CALL(err);
    if (len != CAT_STATS_LEN || v[0] != CAT_ROW_FORMAT)
        return JET_errCatalogCorrupted;
    st->items = get_le32(v + 1);
    st->keys = get_le32(v + 5);
    st->pages = get_le32(v + 9);
    uint64_t bits = (uint64_t)get_le32(v + 13) | (uint64_t)get_le32(v + 17) << 32;
    memcpy(&st->when, &bits, 8);
    return JET_errSuccess;
}

typedef struct keylist {
    cat_key *k;
    size_t n, cap;
} keylist;

static JET_ERR collect_key(void *ctx, const uint8_t *key, size_t klen, const uint8_t *val,
                           size_t vlen)
{
    (void)val;
    (void)vlen;
    keylist *l = ctx;
    if (klen > CAT_KEY_MAX)
        return JET_errCatalogCorrupted;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        cat_key *nk = realloc(l->k, cap * sizeof *nk);
        if (nk == NULL)
            return JET_errOutOfMemory;
        l->k = nk;
        l->cap = cap;
    }
    memcpy(l->k[l->n].b, key, klen);
    l->k[l->n].len = klen;
    l->n++;
    return JET_errSuccess;
}

/* Remove the statistics rows of table objid (its deletion). */
static JET_ERR delete_stats(ddl *o, uint32_t objid)
{
    keylist l = { 0 };
    cat_key p;
    cat_key_prefix(&p, CAT_K_STATS, objid);
    JET_ERR err = cat_scan(o->x, o->tree, &p, collect_key, &l);
    for (size_t i = 0; i < l.n && err >= 0; i++)
        err = row_delete(o, &l.k[i]);
    free(l.k);
    return err;
}

/* Remove the statistics row of one index tree, when there is one. */
static JET_ERR delete_index_stats(ddl *o, uint32_t objid, uint32_t iobjid)
{
    cat_key k;
    cat_key_stats(&k, objid, iobjid);
    JET_ERR err = vt_delete(o->x, o->tree, k.b, k.len);
    return err == JET_errRecordNotFound ? JET_errSuccess : err;
}

JET_ERR cat_delete_table(vtx *x, struct db *d, const cat_table *t)
{
    ddl o;
    cat_trow tr;
    cat_table *cur;
    CALL(ddl_begin(x, d, &o));
    CALL(ddl_table(&o, t, &cur, &tr));
    JET_ERR err;
    cat_key k;
    if (cur->flags & JET_bitObjectTableTemplate) {
        err = JET_errCannotDeleteTemplateTable;
        goto done;
    }
    cat_key_tname(&k, tr.name);
    CHECK(row_delete(&o, &k));
    cat_key_table(&k, tr.objid);
    CHECK(row_delete(&o, &k));
    for (size_t i = 0; i < cur->ncols; i++) {
        cat_key_col(&k, tr.objid, cur->cols[i].def.colid);
        CHECK(row_delete(&o, &k));
        cat_key_cname(&k, tr.objid, cur->cols[i].name);
        CHECK(row_delete(&o, &k));
    }
    for (size_t i = 0; i < cur->nidx; i++) {
        cat_key_idx(&k, tr.objid, cur->idx[i].name);
        CHECK(row_delete(&o, &k));
        if (!cur->idx[i].primary)
            CHECK(put_drop(&o, cur->idx[i].objid));
    }
    CHECK(put_drop(&o, tr.lv_objid));
    CHECK(put_drop(&o, tr.objid));
    CHECK(delete_stats(&o, tr.objid));
done:
    cat_table_release(cur);
    return err;
}

JET_ERR cat_rename_table(vtx *x, struct db *d, const char *name, const char *newname)
{
    char oldn[CAT_NAME_MAX + 1], newn[CAT_NAME_MAX + 1];
    CALL(cat_check_name(name, oldn));
    CALL(cat_check_name(newname, newn));
    ddl o;
    CALL(ddl_begin(x, d, &o));
    cat_table *t;
    CALL(cat_table_get(x, d, oldn, &t));
    cat_trow tr;
    JET_ERR err = cat_trow_get(x, o.tree, t->objid, &tr);
    cat_table_release(t);
    CALL(err);
    cat_key ko, kn;
    cat_key_tname(&ko, tr.name);
    cat_key_tname(&kn, newn);
    /* Only the case changes: the name row stays. */
    if (ko.len != kn.len || memcmp(ko.b, kn.b, ko.len) != 0) {
        uint8_t idv[5];
        id_value(idv, tr.objid);
        CALL(row_insert(&o, &kn, idv, sizeof idv, JET_errTableDuplicate));
        CALL(row_delete(&o, &ko));
    }
    memcpy(tr.name, newn, sizeof tr.name);
    return bump_trow(&o, &tr);
}

typedef struct tlist {
    vtx *x;
    bt_tree *tree;
    cat_tableinfo *v;
    size_t n, cap;
} tlist;

static JET_ERR list_one(void *ctx, const uint8_t *key, size_t klen, const uint8_t *val,
                        size_t vlen)
{
    (void)key;
    (void)klen;
    tlist *l = ctx;
    if (vlen != 5 || val[0] != CAT_ROW_FORMAT)
        return JET_errCatalogCorrupted;
    uint32_t objid = (uint32_t)val[1] | (uint32_t)val[2] << 8 | (uint32_t)val[3] << 16 |
                     (uint32_t)val[4] << 24;
    cat_trow tr;
    CALL(cat_trow_get(l->x, l->tree, objid, &tr));
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        cat_tableinfo *nv = realloc(l->v, cap * sizeof *nv);
        if (nv == NULL)
            return JET_errOutOfMemory;
        l->v = nv;
        l->cap = cap;
    }
    cat_tableinfo *ti = &l->v[l->n++];
    memcpy(ti->name, tr.name, sizeof ti->name);
    ti->objid = objid;
    ti->flags = tr.flags;
    return JET_errSuccess;
}

JET_ERR cat_list_tables(vtx *x, struct db *d, cat_tableinfo **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    tlist l = { .x = x };
    JET_ERR err = cat_tree(d, false, &l.tree);
    if (err == JET_errObjectNotFound)
        return JET_errSuccess;   /* no catalog yet: no tables */
    CALL(err);
    cat_key p;
    p.b[0] = CAT_K_TNAME;
    p.len = 1;
    err = cat_scan(x, l.tree, &p, list_one, &l);
    if (err < 0) {
        free(l.v);
        return err;
    }
    *out = l.v;
    *count = l.n;
    return JET_errSuccess;
}

/* ---- columns ------------------------------------------------------------------------ */

JET_ERR cat_add_column(vtx *x, struct db *d, const cat_table *t, cat_colspec *spec,
                       bool exclusive, JET_COLUMNID *colid)
{
    ddl o;
    cat_trow tr;
    cat_table *cur;
    cat_column col;
    CALL(ddl_begin(x, d, &o));
    CALL(ddl_table(&o, t, &cur, &tr));
    JET_ERR err, wrn;
    CHECK(cat_validate_column(spec, exclusive, &col));
    wrn = err;
    /* Template tables take only tagged columns after creation. */
    if ((cur->flags & JET_bitObjectTableTemplate) && !(col.def.grbit & JET_bitColumnTagged)) {
        err = JET_errFixedDDL;
        goto done;
    }
    if (col.def.grbit & JET_bitColumnEscrowUpdate) {
        /* An escrow column must be in every record: only an empty table
         * can take one (existing records would lack it). */
        bool rows;
        CHECK(table_has_rows(&o, cur->objid, &rows));
        if (rows) {
            err = JET_errTableNotEmpty;
            goto done;
        }
    }
    if (cat_column_by_name(cur, col.name) != NULL) {
        err = JET_errColumnDuplicate;
        goto done;
    }
    if ((col.def.grbit & JET_bitColumnFixed) &&
        fixed_bytes(cur) + col.def.cbMax > cat_record_most(d->page_size)) {
        err = JET_errRecordTooBig;
        goto done;
    }
    CHECK(cat_next_colid(&tr, &col, &col.def.colid));
    if (((col.def.grbit & JET_bitColumnVersion) && has_column_with(cur, JET_bitColumnVersion)) ||
        ((col.def.grbit & JET_bitColumnAutoincrement) &&
         has_column_with(cur, JET_bitColumnAutoincrement))) {
        err = JET_errColumnRedundant;
        goto done;
    }
    CHECK(put_column(&o, tr.objid, &col));
    CHECK(bump_trow(&o, &tr));
    if (colid != NULL)
        *colid = col.def.colid;
    spec->colid = col.def.colid;
    err = wrn;
done:
    cat_table_release(cur);
    return err;
}

/* Whether an index of t keys on or conditions over colid. */
static bool column_indexed(const cat_table *t, JET_COLUMNID colid)
{
    for (size_t i = 0; i < t->nidx; i++) {
        const cat_index *ix = &t->idx[i];
        for (uint32_t s = 0; s < ix->nseg; s++)
            if (ix->seg[s].colid == colid)
                return true;
        for (uint32_t s = 0; s < ix->ncond; s++)
            if (ix->cond[s].colid == colid)
                return true;
    }
    return false;
}

JET_ERR cat_delete_column(vtx *x, struct db *d, const cat_table *t, const char *name,
                          JET_GRBIT grbit)
{
    (void)grbit;   /* JET_bitDeleteColumnIgnoreTemplateColumns: no derived tables */
    char nm[CAT_NAME_MAX + 1];
    CALL(cat_check_name(name, nm));
    ddl o;
    cat_trow tr;
    cat_table *cur;
    CALL(ddl_begin(x, d, &o));
    CALL(ddl_table(&o, t, &cur, &tr));
    JET_ERR err;
    const cat_column *c = cat_column_by_name(cur, nm);
    if (c == NULL) {
        err = JET_errColumnNotFound;
        goto done;
    }
    if (column_indexed(cur, c->def.colid)) {
        err = JET_errColumnInUse;
        goto done;
    }
    /* The id stays taken (the table row's counters never go back): records
     * may still carry values under it. */
    cat_key k;
    cat_key_col(&k, tr.objid, c->def.colid);
    CHECK(row_delete(&o, &k));
    cat_key_cname(&k, tr.objid, c->name);
    CHECK(row_delete(&o, &k));
    CHECK(bump_trow(&o, &tr));
done:
    cat_table_release(cur);
    return err;
}

JET_ERR cat_rename_column(vtx *x, struct db *d, const cat_table *t, const char *name,
                          const char *newname)
{
    char oldn[CAT_NAME_MAX + 1], newn[CAT_NAME_MAX + 1];
    CALL(cat_check_name(name, oldn));
    CALL(cat_check_name(newname, newn));
    ddl o;
    cat_trow tr;
    cat_table *cur;
    CALL(ddl_begin(x, d, &o));
    CALL(ddl_table(&o, t, &cur, &tr));
    JET_ERR err;
    uint8_t *v = NULL;
    size_t len;
    const cat_column *c = cat_column_by_name(cur, oldn);
    if (c == NULL) {
        err = JET_errColumnNotFound;
        goto done;
    }
    const cat_column *other = cat_column_by_name(cur, newn);
    if (other != NULL && other != c) {
        err = JET_errColumnDuplicate;
        goto done;
    }
    cat_column nc = *c;
    memcpy(nc.name, newn, sizeof nc.name);
    cat_key k;
    if (other == NULL) {
        uint8_t idv[5];
        id_value(idv, c->def.colid);
        cat_key_cname(&k, tr.objid, newn);
        CHECK(row_insert(&o, &k, idv, sizeof idv, JET_errColumnDuplicate));
        cat_key_cname(&k, tr.objid, c->name);
        CHECK(row_delete(&o, &k));
    }
    CHECK(cat_crow_encode(&nc, &v, &len));
    cat_key_col(&k, tr.objid, c->def.colid);
    CHECK(vt_replace(x, o.tree, k.b, k.len, v, len));
    CHECK(bump_trow(&o, &tr));
done:
    free(v);
    cat_table_release(cur);
    return err;
}

JET_ERR cat_set_default(vtx *x, struct db *d, const cat_table *t, const char *column,
                        const void *pv, uint32_t cb)
{
    char nm[CAT_NAME_MAX + 1];
    CALL(cat_check_name(column, nm));
    if (pv == NULL || cb == 0)
        return JET_errNullInvalid;
    if (cb > cat_record_most(d->page_size))
        return JET_errDefaultValueTooBig;
    ddl o;
    cat_trow tr;
    cat_table *cur;
    CALL(ddl_begin(x, d, &o));
    CALL(ddl_table(&o, t, &cur, &tr));
    JET_ERR err;
    uint8_t *v = NULL;
    size_t len;
    const cat_column *c = cat_column_by_name(cur, nm);
    if (c == NULL) {
        err = JET_errColumnNotFound;
        goto done;
    }
    if (column_indexed(cur, c->def.colid)) {
        err = JET_errColumnInUse;
        goto done;
    }
    uint32_t fixed = rec_fixed_size(c->def.coltyp);
    if (fixed && cb != fixed) {
        err = JET_errInvalidBufferSize;
        goto done;
    }
    if ((c->def.cbMax && cb > c->def.cbMax) ||
        (cat_coltyp_long(c->def.coltyp) && cb > JET_cbLVDefaultValueMost)) {
        err = JET_errColumnTooBig;
        goto done;
    }
    cat_column nc = *c;
    nc.dflt = (void *)pv;
    nc.cbdflt = cb;
    CHECK(cat_crow_encode(&nc, &v, &len));
    cat_key k;
    cat_key_col(&k, tr.objid, c->def.colid);
    CHECK(vt_replace(x, o.tree, k.b, k.len, v, len));
    CHECK(bump_trow(&o, &tr));
done:
    free(v);
    cat_table_release(cur);
    return err;
}

/* ---- indexes ------------------------------------------------------------------------- */

JET_ERR cat_create_index(vtx *x, struct db *d, const cat_table *t, cat_idxspec *spec)
{
    ddl o;
    cat_trow tr;
    cat_table *cur;
    cat_index ix;
    CALL(ddl_begin(x, d, &o));
    CALL(ddl_table(&o, t, &cur, &tr));
    JET_ERR err;
    CHECK(cat_validate_index(d, cur, spec, &ix));
    if (ix.primary) {
        if (cur->primary >= 0) {
            err = JET_errIndexHasPrimary;
            goto done;
        }
        /* The data tree's keys become the primary keys: no rows yet. */
        bool rows;
        CHECK(table_has_rows(&o, cur->objid, &rows));
        if (rows) {
            err = JET_errTableNotEmpty;
            goto done;
        }
        ix.objid = cur->objid;
    } else {
        uint64_t txid;
        CHECK(vtx_txid(x, &txid));
        CHECK(st_tree_create(d->store, txid, &ix.objid));
    }
    CHECK(put_index(&o, tr.objid, &ix));
    CHECK(bump_trow(&o, &tr));
done:
    cat_table_release(cur);
    return err;
}

JET_ERR cat_delete_index(vtx *x, struct db *d, const cat_table *t, const char *name)
{
    char nm[CAT_NAME_MAX + 1];
    CALL(cat_check_name(name, nm));
    ddl o;
    cat_trow tr;
    cat_table *cur;
    CALL(ddl_begin(x, d, &o));
    CALL(ddl_table(&o, t, &cur, &tr));
    JET_ERR err;
    const cat_index *ix = cat_index_by_name(cur, nm);
    if (ix == NULL) {
        err = JET_errIndexNotFound;
        goto done;
    }
    if (ix->primary) {
        err = JET_errIndexMustStay;
        goto done;
    }
    cat_key k;
    cat_key_idx(&k, tr.objid, ix->name);
    CHECK(row_delete(&o, &k));
    CHECK(put_drop(&o, ix->objid));
    CHECK(delete_index_stats(&o, tr.objid, ix->objid));
    CHECK(bump_trow(&o, &tr));
done:
    cat_table_release(cur);
    return err;
}
