/*
 * cat_cache.c: schema snapshots (cat_table) built from the catalog rows a
 * transaction sees, and the per-database cache that shares them.
 *
 * A snapshot is named by (table objid, schema version).  Every DDL change
 * of a table rewrites its table row with a version number no snapshot of
 * this process has used (cat_next_version), so a cached snapshot can be
 * handed to any transaction that reads the same version from the table
 * row: the version the transaction sees is the whole truth, the cache only
 * saves rebuilding.  Old snapshots stay alive while cursors pin them.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog/cat_int.h"
#include "db/db.h"
#include "store/store.h"
#include "util/err.h"

#define CACHE_PER_TABLE 3u       /* versions of one table kept */
#define CACHE_MAX 1024u          /* snapshots kept per database */

/* ---- snapshots --------------------------------------------------------------- */

cat_table *cat_table_alloc(void)
{
    cat_table *t = calloc(1, sizeof *t);
    if (t == NULL)
        return NULL;
    atomic_init(&t->refs, 1);
    t->primary = -1;
    return t;
}

void cat_table_free_parts(cat_table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        free(t->cols[i].dflt);
    free(t->cols);
    free(t->idx);
    t->cols = NULL;
    t->idx = NULL;
    t->ncols = t->nidx = 0;
}

void cat_table_pin(cat_table *t)
{
    atomic_fetch_add(&t->refs, 1);
}

void cat_table_release(cat_table *t)
{
    if (t == NULL || atomic_fetch_sub(&t->refs, 1) != 1)
        return;
    if (t->temp && t->tdb != NULL) {
        /* A temporary table lives as long as its schema: its trees go
         * with the last pin (the cursor that was the table). */
        if (t->tdb->store != NULL) {
            for (size_t i = 0; i < t->nidx; i++)
                if (t->idx[i].objid != t->objid)
                    (void)st_tree_drop(t->tdb->store, t->idx[i].objid);
            (void)st_tree_drop(t->tdb->store, t->lv_objid);
            (void)st_tree_drop(t->tdb->store, t->objid);
        }
        db_unpin(t->tdb);
    }
    cat_table_free_parts(t);
    free(t);
}

const cat_column *cat_column_by_id(const cat_table *t, JET_COLUMNID colid)
{
    size_t lo = 0, hi = t->ncols;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        JET_COLUMNID c = t->cols[mid].def.colid;
        if (c == colid)
            return &t->cols[mid];
        if (c < colid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const cat_column *cat_column_by_name(const cat_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (cat_name_cmp(t->cols[i].name, name) == 0)
            return &t->cols[i];
    return NULL;
}

const cat_index *cat_index_by_name(const cat_table *t, const char *name)
{
    for (size_t i = 0; i < t->nidx; i++)
        if (cat_name_cmp(t->idx[i].name, name) == 0)
            return &t->idx[i];
    return NULL;
}

JET_GRBIT cat_index_grbit(const cat_index *ix)
{
    return ix->grbit;
}

void cat_table_link_segments(cat_table *t)
{
    for (size_t i = 0; i < t->nidx; i++) {
        cat_index *ix = &t->idx[i];
        for (uint32_t s = 0; s < ix->nseg; s++) {
            const cat_column *c = cat_column_by_id(t, ix->seg[s].colid);
            ix->seg[s].seg.coltyp = c ? c->def.coltyp : JET_coltypNil;
            ix->seg[s].seg.cp = c ? c->def.cp : 0;
            ix->seg[s].seg.lcid = ix->lcid;
            ix->seg[s].seg.map_flags = ix->map_flags;
        }
    }
}

/* ---- the per-database cache ------------------------------------------------------ */

static void *cat_db_create(void)
{
    cat_db *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    pthread_mutex_init(&c->mu, NULL);
    return c;
}

static void cat_db_destroy(void *p)
{
    cat_db *c = p;
    for (size_t i = 0; i < c->n; i++)
        cat_table_release(c->ents[i]);
    free(c->ents);
    free(c->used);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

cat_db *cat_db_of(struct db *d)
{
    if (d == NULL || d->store == NULL)
        return NULL;
    return st_db_ext(d->store, cat_db_create, cat_db_destroy);
}

uint64_t cat_next_version(cat_db *c, uint64_t old)
{
    pthread_mutex_lock(&c->mu);
    uint64_t v = old + 1;
    if (v <= c->hiver)
        v = c->hiver + 1;
    c->hiver = v;
    pthread_mutex_unlock(&c->mu);
    return v;
}

/* The cached snapshot (objid, version), pinned; NULL when absent. */
static cat_table *cache_find(cat_db *c, uint32_t objid, uint64_t version)
{
    cat_table *t = NULL;
    pthread_mutex_lock(&c->mu);
    for (size_t i = 0; i < c->n; i++) {
        if (c->ents[i]->objid == objid && c->ents[i]->version == version) {
            t = c->ents[i];
            cat_table_pin(t);
            c->used[i] = ++c->tick;
            break;
        }
    }
    pthread_mutex_unlock(&c->mu);
    return t;
}

static void cache_drop_at(cat_db *c, size_t i)
{
    cat_table_release(c->ents[i]);
    c->ents[i] = c->ents[c->n - 1];
    c->used[i] = c->used[c->n - 1];
    c->n--;
}

/* Keep t (pinned by the caller) in the cache unless an equal snapshot is
 * there already; *out = the one to use, pinned. */
static void cache_put(cat_db *c, cat_table *t, cat_table **out)
{
    pthread_mutex_lock(&c->mu);
    if (t->version > c->hiver)
        c->hiver = t->version;
    size_t same = 0, oldest = SIZE_MAX, lru = SIZE_MAX;
    for (size_t i = 0; i < c->n; i++) {
        cat_table *e = c->ents[i];
        if (e->objid == t->objid) {
            if (e->version == t->version) {
                cat_table_pin(e);
                c->used[i] = ++c->tick;
                pthread_mutex_unlock(&c->mu);
                cat_table_release(t);
                *out = e;
                return;
            }
            same++;
            if (oldest == SIZE_MAX || c->used[i] < c->used[oldest])
                oldest = i;
        }
        if (lru == SIZE_MAX || c->used[i] < c->used[lru])
            lru = i;
    }
    if (same >= CACHE_PER_TABLE)
        cache_drop_at(c, oldest);
    else if (c->n >= CACHE_MAX)
        cache_drop_at(c, lru);
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        cat_table **e = realloc(c->ents, cap * sizeof *e);
        if (e != NULL)
            c->ents = e;
        uint64_t *u = e != NULL ? realloc(c->used, cap * sizeof *u) : NULL;
        if (u != NULL) {
            c->used = u;
            c->cap = cap;
        }
    }
    if (c->n < c->cap) {
        cat_table_pin(t);
        c->ents[c->n] = t;
        c->used[c->n] = ++c->tick;
        c->n++;
    }
    pthread_mutex_unlock(&c->mu);
    *out = t;   /* the caller's pin */
}

/* ---- building a snapshot ----------------------------------------------------------- */

/* Read the value of the row the cursor is on into *buf (grown as needed). */
static JET_ERR cursor_value(vtx *x, vt_cursor *vc, uint8_t **buf, size_t *cap, size_t *len)
{
    size_t actual = 0;
    JET_ERR err = vt_cursor_value(x, vc, 0, *buf, *cap, &actual);
    if (err < 0)
        return err;
    if (actual > *cap) {
        uint8_t *nb = realloc(*buf, actual);
        if (nb == NULL)
            return JET_errOutOfMemory;
        *buf = nb;
        *cap = actual;
        size_t again = 0;
        CALL(vt_cursor_value(x, vc, 0, *buf, *cap, &again));
        if (again != actual)
            return JET_errCatalogCorrupted;
    }
    *len = actual;
    return JET_errSuccess;
}

JET_ERR cat_scan(vtx *x, bt_tree *tree, const cat_key *prefix, cat_row_fn fn, void *ctx)
{
    vt_cursor *vc = NULL;
    uint8_t key[CAT_KEY_MAX + 8];
    uint8_t *val = NULL;
    size_t cap = 0, vlen = 0;
    JET_ERR err;
    CHECK(vt_cursor_open(tree, &vc));
    err = vt_cursor_seek(x, vc, BT_SEEK_GE, prefix->b, prefix->len);
    while (err >= 0) {
        size_t klen = 0;
        err = vt_cursor_key(x, vc, key, sizeof key, &klen);
        if (err == JET_errRecordDeleted) {
            err = vt_cursor_next(x, vc);
            continue;
        }
        CHECK(err);
        if (klen > sizeof key) {
            err = JET_errCatalogCorrupted;
            goto done;
        }
        if (klen < prefix->len || memcmp(key, prefix->b, prefix->len) != 0)
            break;
        err = cursor_value(x, vc, &val, &cap, &vlen);
        if (err == JET_errRecordDeleted) {
            err = vt_cursor_next(x, vc);
            continue;
        }
        CHECK(err);
        CHECK(fn(ctx, key, klen, val, vlen));
        err = vt_cursor_next(x, vc);
    }
    if (err == JET_errRecordNotFound || err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
done:
    vt_cursor_close(vc);
    free(val);
    return err;
}

static JET_ERR add_column_row(void *ctx, const uint8_t *key, size_t klen, const uint8_t *val,
                              size_t vlen)
{
    cat_table *t = ctx;
    if (klen != 9)
        return JET_errCatalogCorrupted;
    cat_column *nc = realloc(t->cols, (t->ncols + 1) * sizeof *nc);
    if (nc == NULL)
        return JET_errOutOfMemory;
    t->cols = nc;
    cat_column *c = &t->cols[t->ncols];
    CALL(cat_crow_decode(val, vlen, c));
    t->ncols++;
    uint32_t kc = (uint32_t)key[5] << 24 | (uint32_t)key[6] << 16 | (uint32_t)key[7] << 8 |
                  key[8];
    return kc == c->def.colid ? JET_errSuccess : JET_errCatalogCorrupted;
}

static JET_ERR add_index_row(void *ctx, const uint8_t *key, size_t klen, const uint8_t *val,
                             size_t vlen)
{
    (void)key;
    (void)klen;
    cat_table *t = ctx;
    cat_index *ni = realloc(t->idx, (t->nidx + 1) * sizeof *ni);
    if (ni == NULL)
        return JET_errOutOfMemory;
    t->idx = ni;
    CALL(cat_irow_decode(val, vlen, &t->idx[t->nidx]));
    t->nidx++;
    return JET_errSuccess;
}

/* Build the snapshot of the table row tr as x sees its columns/indexes. */
static JET_ERR build(vtx *x, bt_tree *tree, const cat_trow *tr, cat_table **out)
{
    cat_table *t = cat_table_alloc();
    if (t == NULL)
        return JET_errOutOfMemory;
    JET_ERR err;
    memcpy(t->name, tr->name, sizeof t->name);
    t->version = tr->version;
    t->objid = tr->objid;
    t->lv_objid = tr->lv_objid;
    t->pages = tr->pages;
    t->density = tr->density;
    t->flags = tr->flags;
    cat_key k;
    cat_key_prefix(&k, CAT_K_COL, tr->objid);
    CHECK(cat_scan(x, tree, &k, add_column_row, t));
    cat_key_prefix(&k, CAT_K_IDX, tr->objid);
    CHECK(cat_scan(x, tree, &k, add_index_row, t));
    /* The primary index first, then the secondaries in name order. */
    for (size_t i = 0; i < t->nidx; i++) {
        if (t->idx[i].primary) {
            if (t->primary >= 0) {
                err = JET_errCatalogCorrupted;
                goto done;
            }
            cat_index p = t->idx[i];
            memmove(&t->idx[1], &t->idx[0], i * sizeof p);
            t->idx[0] = p;
            t->primary = 0;
        }
    }
    for (size_t i = 0; i < t->nidx; i++) {
        const cat_index *ix = &t->idx[i];
        if (ix->primary ? ix->objid != t->objid : ix->objid <= 2) {
            err = JET_errCatalogCorrupted;
            goto done;
        }
        for (uint32_t s = 0; s < ix->nseg; s++)
            if (cat_column_by_id(t, ix->seg[s].colid) == NULL) {
                err = JET_errCatalogCorrupted;
                goto done;
            }
        for (uint32_t s = 0; s < ix->ncond; s++)
            if (cat_column_by_id(t, ix->cond[s].colid) == NULL) {
                err = JET_errCatalogCorrupted;
                goto done;
            }
    }
    cat_table_link_segments(t);
    *out = t;
    return JET_errSuccess;
done:
    cat_table_release(t);
    return err;
}

JET_ERR cat_trow_get(vtx *x, bt_tree *tree, uint32_t objid, cat_trow *tr)
{
    cat_key k;
    cat_key_table(&k, objid);
    uint8_t *v = NULL;
    size_t len = 0;
    JET_ERR err = cat_row_get(x, tree, &k, &v, &len);
    if (err == JET_errRecordNotFound)
        return JET_errObjectNotFound;
    CALL(err);
    err = cat_trow_decode(v, len, tr);
    free(v);
    if (err >= 0 && tr->objid != objid)
        err = JET_errCatalogCorrupted;
    return err;
}

JET_ERR cat_table_load(vtx *x, struct db *d, uint32_t objid, cat_table **out)
{
    bt_tree *tree;
    CALL(cat_tree(d, false, &tree));
    cat_db *c = cat_db_of(d);
    if (c == NULL)
        return JET_errOutOfMemory;
    cat_trow tr;
    CALL(cat_trow_get(x, tree, objid, &tr));
    cat_table *t = cache_find(c, objid, tr.version);
    if (t != NULL) {
        *out = t;
        return JET_errSuccess;
    }
    CALL(build(x, tree, &tr, &t));
    cache_put(c, t, out);
    return JET_errSuccess;
}

JET_ERR cat_table_get(vtx *x, struct db *d, const char *name, cat_table **out)
{
    char nm[CAT_NAME_MAX + 1];
    CALL(cat_check_name(name, nm));
    bt_tree *tree;
    JET_ERR err = cat_tree(d, false, &tree);
    CALL(err);
    cat_key k;
    cat_key_tname(&k, nm);
    uint8_t *v = NULL;
    size_t len = 0;
    err = cat_row_get(x, tree, &k, &v, &len);
    if (err == JET_errRecordNotFound)
        return JET_errObjectNotFound;
    CALL(err);
    if (len != 5 || v[0] != CAT_ROW_FORMAT) {
        free(v);
        return JET_errCatalogCorrupted;
    }
    uint32_t objid = (uint32_t)v[1] | (uint32_t)v[2] << 8 | (uint32_t)v[3] << 16 |
                     (uint32_t)v[4] << 24;
    free(v);
    return cat_table_load(x, d, objid, out);
}

JET_ERR cat_table_current(vtx *x, struct db *d, cat_table *t, cat_table **out)
{
    if (t->temp) {
        cat_table_pin(t);
        *out = t;
        return JET_errSuccess;
    }
    bt_tree *tree;
    CALL(cat_tree(d, false, &tree));
    cat_trow tr;
    CALL(cat_trow_get(x, tree, t->objid, &tr));
    if (tr.version == t->version) {
        cat_table_pin(t);
        *out = t;
        return JET_errSuccess;
    }
    return cat_table_load(x, d, t->objid, out);
}

JET_ERR cat_table_current_stamped(vtx *x, struct db *d, cat_table *t, cat_stamp *st,
                                  cat_table **out)
{
    if (t->temp)
        return cat_table_current(x, d, t, out);
    if (st->tree == NULL)
        CALL(cat_tree(d, false, &st->tree));
    /* Taken before the check: a write that begins meanwhile changes it. */
    uint64_t now = vt_tree_stamp(st->tree);
    if (now != 0 && now == st->v) {
        cat_table_pin(t);
        *out = t;
        return JET_errSuccess;
    }
    CALL(cat_table_current(x, d, t, out));
    st->v = now;
    return JET_errSuccess;
}

bool cat_stamp_unchanged(const cat_stamp *st)
{
    return st->tree != NULL && st->v != 0 && vt_tree_stamp(st->tree) == st->v;
}
