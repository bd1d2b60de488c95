/*
 * check.c: the integrity check of a database (isam_check.h): B-trees,
 * catalog, records, long values and secondary indexes.
 *
 * Rows are read as stored (txn/ver_raw.h): flag-deleted rows are absent.
 * The expected entries of every secondary index are computed from the
 * records with the update path's own code (isam_record_keys and
 * isam_entry_key, keys.c) through a private cursor-like context, as the
 * index build does, then sorted and merged with the index tree.
 */
#include "isam/isam_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/cat_check.h"
#include "db/db.h"
#include "isam/isam_int.h"
#include "store/store.h"
#include "txn/ver.h"
#include "txn/ver_raw.h"
#include "util/err.h"

#define DEFAULT_DETAILS 20u
#define BM_SHOWN 20u               /* bookmark bytes shown in messages */

/* ---- classes -------------------------------------------------------------------- */

static const char *const CLASS_NAME[ISAM_CK_NCLASS] = {
    "tree", "catalog", "record", "long_value", "long_value_orphan", "index_orphan",
    "index_stale", "index_missing", "index_order", "index_duplicate", "unreferenced_tree",
};

static const char *const CLASS_TEXT[ISAM_CK_NCLASS] = {
    "damaged B-trees",
    "catalog problems",
    "damaged or invalid records",
    "broken long values",
    "orphaned long values",
    "index entries without a record",
    "index entries not matching their record",
    "records missing an index entry",
    "index entries out of order or malformed",
    "duplicate keys in unique indexes",
    "unreferenced trees",
};

const char *isam_ck_class_name(isam_ck_class c)
{
    return (unsigned)c < ISAM_CK_NCLASS ? CLASS_NAME[c] : "unknown";
}

const char *isam_ck_class_text(isam_ck_class c)
{
    return (unsigned)c < ISAM_CK_NCLASS ? CLASS_TEXT[c] : "unknown";
}

bool isam_ck_class_corrupt(isam_ck_class c)
{
    return (unsigned)c < ISAM_CK_NCLASS && c != ISAM_CK_UNREF;
}

/* ---- the check's state ------------------------------------------------------------ */

typedef struct chk {
    struct sess *s;
    struct db *d;
    st_db *st;
    isam_ck_report *r;
    const isam_ck_opts *o;
    uint32_t maxd;
    uint64_t shown[ISAM_CK_NCLASS];
    isam_ck_table *cur;            /* table being checked */
    const char *phase;
    uint64_t done, total;
    uint32_t tick;
} chk;

static void progress(chk *k, uint64_t add, bool force)
{
    k->done += add;
    if (k->o == NULL || k->o->progress == NULL)
        return;
    if (!force && (++k->tick & 255u) != 0)
        return;
    k->o->progress(k->o->ctx, k->phase, k->done < k->total ? k->done : k->total, k->total);
}

static void problem(chk *k, isam_ck_class cls, const char *table, const char *index,
                    uint32_t objid, JET_ERR err, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
static void problem(chk *k, isam_ck_class cls, const char *table, const char *index,
                    uint32_t objid, JET_ERR err, const char *fmt, ...)
{
    isam_ck_report *r = k->r;
    r->count[cls]++;
    if (isam_ck_class_corrupt(cls))
        r->corrupt++;
    if (k->cur != NULL)
        k->cur->problems++;
    if (k->shown[cls] >= k->maxd)
        return;
    isam_ck_problem *n = realloc(r->details, (r->ndetails + 1) * sizeof *n);
    if (n == NULL)
        return;   /* the count stays right; the detail is lost */
    r->details = n;
    isam_ck_problem *p = &n[r->ndetails++];
    k->shown[cls]++;
    memset(p, 0, sizeof *p);
    p->cls = cls;
    snprintf(p->table, sizeof p->table, "%s", table ? table : "");
    snprintf(p->index, sizeof p->index, "%s", index ? index : "");
    p->objid = objid;
    p->err = err;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->msg, sizeof p->msg, fmt, ap);
    va_end(ap);
}

/* "0x0011aabb" (cut with "..." after BM_SHOWN bytes). */
static const char *hex(char *out, size_t cb, const uint8_t *p, size_t n)
{
    size_t show = n < BM_SHOWN ? n : BM_SHOWN;
    size_t o = 0;
    o += (size_t)snprintf(out + o, cb - o, "0x");
    for (size_t i = 0; i < show && o + 3 < cb; i++)
        o += (size_t)snprintf(out + o, cb - o, "%02x", p[i]);
    if (show < n && o + 4 < cb)
        snprintf(out + o, cb - o, "...");
    if (n == 0)
        snprintf(out, cb, "(empty)");
    return out;
}

static isam_ck_tree *tree_of(chk *k, uint32_t objid)
{
    size_t lo = 0, hi = k->r->ntrees;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        uint32_t m = k->r->trees[mid].objid;
        if (m == objid)
            return &k->r->trees[mid];
        if (m < objid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static bool tree_ok(chk *k, uint32_t objid)
{
    const isam_ck_tree *t = tree_of(k, objid);
    return t != NULL && t->err >= 0;
}

static int cmp_bytes(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    size_t n = an < bn ? an : bn;
    int c = n ? memcmp(a, b, n) : 0;
    if (c != 0)
        return c;
    return an < bn ? -1 : an > bn ? 1 : 0;
}

static uint64_t be64(const uint8_t *p)
{
    return isam_get_be64(p);
}

/* ---- 1: every B-tree ------------------------------------------------------------------ */

static JET_ERR add_tree(chk *k, uint32_t objid, bt_tree *t, JET_ERR open_err)
{
    isam_ck_report *r = k->r;
    isam_ck_tree *n = realloc(r->trees, (r->ntrees + 1) * sizeof *n);
    if (n == NULL)
        return JET_errOutOfMemory;
    r->trees = n;
    isam_ck_tree *e = &n[r->ntrees++];
    memset(e, 0, sizeof *e);
    e->objid = objid;
    e->role = objid == ST_DIR_OBJID   ? ISAM_CK_ROLE_DIRECTORY
              : objid == ST_CAT_OBJID ? ISAM_CK_ROLE_CATALOG
                                      : ISAM_CK_ROLE_OTHER;
    if (open_err < 0) {
        e->err = open_err;
        problem(k, ISAM_CK_TREE, NULL, NULL, objid, open_err, "tree %u cannot be opened",
                objid);
        return JET_errSuccess;
    }
    e->root = bt_root(t);
    e->err = bt_check(t, &e->st);
    if (e->err == JET_errOutOfMemory)
        return e->err;
    if (e->err < 0)
        problem(k, ISAM_CK_TREE, NULL, NULL, objid, e->err, "tree %u (root page %u): %s",
                objid, e->root, e->st.why[0] ? e->st.why : "cannot be read");
    progress(k, (e->st.leaf_pages + e->st.internal_pages + e->st.lv_pages) *
                    (uint64_t)k->d->page_size, true);
    return JET_errSuccess;
}

static uint32_t dir_objid(const uint8_t *key)
{
    return (uint32_t)key[0] << 24 | (uint32_t)key[1] << 16 | (uint32_t)key[2] << 8 | key[3];
}

/* The directory, then every tree it lists.  false in *dir_ok when the
 * directory itself cannot be trusted (nothing else is checked then). */
static JET_ERR check_trees(chk *k, bool *dir_ok)
{
    uint32_t owned = 0, avail = 0;
    if (st_space_info(k->st, &owned, &avail) >= 0)
        k->total = (uint64_t)owned * k->d->page_size;
    k->phase = "B-trees";
    CALL(add_tree(k, ST_DIR_OBJID, k->st->dir, JET_errSuccess));
    *dir_ok = k->r->trees[0].err >= 0;
    if (!*dir_ok)
        return JET_errSuccess;
    bt_cursor *c;
    CALL(bt_cursor_open(k->st->dir, &c));
    JET_ERR err = bt_cursor_first(c);
    uint32_t last = ST_DIR_OBJID;
    while (err >= 0) {
        uint8_t key[8];
        size_t kl = 0;
        err = bt_cursor_key(c, key, sizeof key, &kl);
        if (err < 0)
            break;
        if (kl != 4 || dir_objid(key) <= last) {
            problem(k, ISAM_CK_TREE, NULL, NULL, ST_DIR_OBJID, JET_errDatabaseCorrupted,
                    "the object directory holds a malformed key");
            *dir_ok = false;
            break;
        }
        uint32_t objid = dir_objid(key);
        last = objid;
        bt_tree *t = NULL;
        JET_ERR oe = st_tree_open(k->st, objid, &t);
        err = add_tree(k, objid, t, oe);
        if (err >= 0)
            err = bt_cursor_next(c);
    }
    bt_cursor_close(c);
    if (err == JET_errOutOfMemory)
        return err;
    if (err < 0 && err != JET_errNoCurrentRecord && *dir_ok) {
        problem(k, ISAM_CK_TREE, NULL, NULL, ST_DIR_OBJID, err,
                "the object directory cannot be walked");
        *dir_ok = false;
    }
    progress(k, 0, true);
    return JET_errSuccess;
}

/* ---- 2: the catalog --------------------------------------------------------------------- */

static void cat_problem(void *ctx, const char *table, const char *index, uint32_t objid,
                        const char *msg)
{
    chk *k = ctx;
    problem(k, ISAM_CK_CATALOG, table, index, objid, JET_errCatalogCorrupted, "%s", msg);
}

/* Give the trees the catalog names their roles. */
static void assign_roles(chk *k, const cat_ck_result *cr)
{
    for (size_t i = 0; i < cr->ntrees; i++) {
        const cat_ck_tree *c = &cr->trees[i];
        isam_ck_tree *t = tree_of(k, c->objid);
        if (t == NULL || t->objid <= ST_CAT_OBJID)
            continue;
        if (c->role == CAT_CK_DROP && t->role != ISAM_CK_ROLE_OTHER)
            continue;
        t->role = c->role == CAT_CK_DATA    ? ISAM_CK_ROLE_DATA
                  : c->role == CAT_CK_LV    ? ISAM_CK_ROLE_LV
                  : c->role == CAT_CK_INDEX ? ISAM_CK_ROLE_INDEX
                                            : ISAM_CK_ROLE_DROPPED;
        snprintf(t->table, sizeof t->table, "%s", c->table);
        snprintf(t->index, sizeof t->index, "%s", c->index);
    }
}

/* ---- sets of byte strings (expected entries, bookmarks) -------------------------------- */

typedef struct ent {
    size_t off;
    uint32_t eklen, bmlen;
    const uint8_t *p;              /* arena + off, once the arena stopped growing */
} ent;

typedef struct eset {
    uint8_t *arena;
    size_t alen, acap;
    ent *e;
    size_t n, cap;
} eset;

static JET_ERR eset_add(eset *s, const uint8_t *ek, size_t eklen, const uint8_t *bm,
                        size_t bmlen)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        ent *n = realloc(s->e, cap * sizeof *n);
        if (n == NULL)
            return JET_errOutOfMemory;
        s->e = n;
        s->cap = cap;
    }
    size_t need = eklen + bmlen;
    if (s->alen + need > s->acap) {
        size_t cap = s->acap ? s->acap * 2 : 4096;
        while (cap < s->alen + need)
            cap *= 2;
        uint8_t *n = realloc(s->arena, cap);
        if (n == NULL)
            return JET_errOutOfMemory;
        s->arena = n;
        s->acap = cap;
    }
    ent *e = &s->e[s->n++];
    e->off = s->alen;
    e->eklen = (uint32_t)eklen;
    e->bmlen = (uint32_t)bmlen;
    e->p = NULL;
    if (eklen)
        memcpy(s->arena + s->alen, ek, eklen);
    if (bmlen)
        memcpy(s->arena + s->alen + eklen, bm, bmlen);
    s->alen += need;
    return JET_errSuccess;
}

static int ent_cmp(const void *a, const void *b)
{
    const ent *x = a, *y = b;
    int c = cmp_bytes(x->p, x->eklen, y->p, y->eklen);
    if (c != 0)
        return c;
    return cmp_bytes(x->p + x->eklen, x->bmlen, y->p + y->eklen, y->bmlen);
}

static void eset_sort(eset *s)
{
    for (size_t i = 0; i < s->n; i++)
        s->e[i].p = s->arena + s->e[i].off;
    if (s->n > 1)
        qsort(s->e, s->n, sizeof *s->e, ent_cmp);
}

/* Whether a sorted set of bookmarks (stored as entries with eklen 0)
 * holds bm. */
static bool eset_has_bm(const eset *s, const uint8_t *bm, size_t bmlen)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ent *e = &s->e[mid];
        int c = cmp_bytes(e->p, e->bmlen, bm, bmlen);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static void eset_free(eset *s)
{
    free(s->arena);
    free(s->e);
    memset(s, 0, sizeof *s);
}

/* ---- 3: a table ------------------------------------------------------------------------ */

typedef struct lvref {
    uint64_t lvid, size;
    JET_COLUMNID colid;
    uint8_t bm[BM_SHOWN];
    uint8_t bmlen;
    bool bmcut;
} lvref;

typedef struct tab {
    chk *k;
    const cat_ck_table *ct;
    cat_table *t;
    isam_ck_table *out;
    isam_cursor c;                 /* the helpers' context (keys, long values) */
    bool *ix_on;                   /* per t->idx: compare this index */
    eset *exp;                     /* per t->idx: expected entries */
    eset *skip;                    /* per t->idx: records whose keys are unknown */
    eset skip_all;                 /* records that cannot be read at all */
    lvref *refs;
    size_t nrefs, caprefs;
} tab;

static const char *col_name(const tab *b, JET_COLUMNID colid, char *buf, size_t cb)
{
    const cat_column *c = cat_column_by_id(b->t, colid);
    if (c != NULL)
        snprintf(buf, cb, "\"%s\"", c->name);
    else
        snprintf(buf, cb, "id %u (deleted)", colid);
    return buf;
}

static JET_ERR add_ref(tab *b, uint64_t lvid, uint64_t size, JET_COLUMNID colid,
                       const uint8_t *bm, size_t bmlen)
{
    if (b->nrefs == b->caprefs) {
        size_t cap = b->caprefs ? b->caprefs * 2 : 64;
        lvref *n = realloc(b->refs, cap * sizeof *n);
        if (n == NULL)
            return JET_errOutOfMemory;
        b->refs = n;
        b->caprefs = cap;
    }
    lvref *r = &b->refs[b->nrefs++];
    r->lvid = lvid;
    r->size = size;
    r->colid = colid;
    r->bmlen = (uint8_t)(bmlen < BM_SHOWN ? bmlen : BM_SHOWN);
    r->bmcut = bmlen > BM_SHOWN;
    memcpy(r->bm, bm, r->bmlen);
    return JET_errSuccess;
}

static const char *ref_bm(const lvref *r, char *buf, size_t cb)
{
    hex(buf, cb, r->bm, r->bmlen);
    if (r->bmcut && strlen(buf) + 4 < cb && strstr(buf, "...") == NULL)
        strcat(buf, "...");
    return buf;
}

/* A separated reference of column colid (NULL col: a deleted column). */
static JET_ERR check_ref(tab *b, const cat_column *col, JET_COLUMNID colid, const void *data,
                         size_t cb, const uint8_t *bm, size_t bmlen, const char *bmx)
{
    chk *k = b->k;
    char cn[96];
    if (col != NULL && !isam_is_lv(col->def.coltyp)) {
        problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, JET_errDatabaseCorrupted,
                "record %s: column %s holds a long-value reference but is no long-value column",
                bmx, col_name(b, colid, cn, sizeof cn));
        return JET_errSuccess;
    }
    if (cb != ISAM_LV_REF_LEN) {
        problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, JET_errLVCorrupted,
                "record %s: column %s holds a malformed long-value reference (%zu bytes)", bmx,
                col_name(b, colid, cn, sizeof cn), cb);
        return JET_errSuccess;
    }
    uint64_t lvid, size;
    isam_lv_ref_decode(data, &lvid, &size);
    if (lvid == 0 || (lvid & ISAM_LV_PENDING)) {
        problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, JET_errLVCorrupted,
                "record %s: column %s refers to long value id 0x%llx, which no long value can "
                "have", bmx, col_name(b, colid, cn, sizeof cn), (unsigned long long)lvid);
        return JET_errSuccess;
    }
    if (col != NULL && col->def.cbMax != 0 && size > col->def.cbMax)
        problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, JET_errDatabaseCorrupted,
                "record %s: column %s holds a long value of %llu bytes, more than its maximum "
                "%u", bmx, col_name(b, colid, cn, sizeof cn), (unsigned long long)size,
                col->def.cbMax);
    return add_ref(b, lvid, size, colid, bm, bmlen);
}

/* The values of one defined column of a record. */
static JET_ERR check_column(tab *b, const cat_column *col, const uint8_t *rec, size_t len,
                            const uint8_t *bm, size_t bmlen, const char *bmx)
{
    chk *k = b->k;
    JET_COLUMNID id = col->def.colid;
    const void *data;
    size_t cb;
    unsigned flags;
    if (id <= REC_FIXED_LAST) {
        JET_ERR e = rec_get(rec, len, &col->def, 1, &data, &cb, &flags);
        if (e < 0)
            problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, e,
                    "record %s: fixed column \"%s\" has a slot of the wrong width", bmx,
                    col->name);
        return JET_errSuccess;
    }
    if (id <= REC_VAR_LAST) {
        JET_ERR e = rec_get(rec, len, &col->def, 1, &data, &cb, &flags);
        uint32_t most = col->def.cbMax ? col->def.cbMax : JET_cbColumnMost;
        if (e < 0)
            problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, e,
                    "record %s: variable column \"%s\" cannot be read", bmx, col->name);
        else if (e == JET_errSuccess && cb > most)
            problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, JET_errDatabaseCorrupted,
                    "record %s: variable column \"%s\" holds %zu bytes, more than its maximum "
                    "%u", bmx, col->name, cb, most);
        return JET_errSuccess;
    }
    uint32_t n = rec_count(rec, len, &col->def);
    uint32_t fixed = rec_fixed_size(col->def.coltyp);
    bool lv = isam_is_lv(col->def.coltyp);
    for (uint32_t itag = 1; itag <= n; itag++) {
        JET_ERR e = rec_get(rec, len, &col->def, itag, &data, &cb, &flags);
        if (e < 0) {
            problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, e,
                    "record %s: value %u of column \"%s\" cannot be read", bmx, itag,
                    col->name);
            continue;
        }
        if (e != JET_errSuccess)
            continue;
        if (flags & REC_VAL_SEPARATED) {
            CALL(check_ref(b, col, id, data, cb, bm, bmlen, bmx));
            continue;
        }
        uint32_t most = lv ? col->def.cbMax : col->def.cbMax ? col->def.cbMax : JET_cbColumnMost;
        if (fixed != 0 && cb != 0 && cb != fixed)
            problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, JET_errDatabaseCorrupted,
                    "record %s: value %u of column \"%s\" has %zu bytes instead of %u", bmx,
                    itag, col->name, cb, fixed);
        else if (fixed == 0 && most != 0 && cb > most)
            problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, JET_errDatabaseCorrupted,
                    "record %s: value %u of column \"%s\" holds %zu bytes, more than its "
                    "maximum %u", bmx, itag, col->name, cb, most);
    }
    return JET_errSuccess;
}

static uint32_t class_last(const cat_ck_table *t, JET_COLUMNID id)
{
    return id <= REC_FIXED_LAST ? t->fixed_last : id <= REC_VAR_LAST ? t->var_last
                                                                    : t->tagged_last;
}

/* Every check of one live record; *usable: its keys can be computed. */
static JET_ERR check_record(tab *b, const uint8_t *bm, size_t bmlen, const uint8_t *rec,
                            size_t len, bool *usable)
{
    chk *k = b->k;
    const cat_table *t = b->t;
    char bmx[64];
    hex(bmx, sizeof bmx, bm, bmlen);
    *usable = false;
    JET_ERR e = rec_check(rec, len);
    if (e < 0) {
        problem(k, ISAM_CK_RECORD, t->name, NULL, t->objid, e,
                "record %s is damaged: its bytes do not form a record (%zu bytes)", bmx, len);
        return JET_errSuccess;
    }
    *usable = true;
    /* Every column present: defined now, or a deleted one (its id was
     * handed out: records keep such values). */
    JET_COLUMNID id = 0;
    while ((id = rec_next_present(rec, len, id)) != 0) {
        const cat_column *col = cat_column_by_id(t, id);
        if (col != NULL) {
            CALL(check_column(b, col, rec, len, bm, bmlen, bmx));
            continue;
        }
        if (id > class_last(b->ct, id)) {
            problem(k, ISAM_CK_RECORD, t->name, NULL, t->objid, JET_errDatabaseCorrupted,
                    "record %s holds a value of column id %u, which the table never defined",
                    bmx, id);
            continue;
        }
        if (id < REC_TAGGED_FIRST)
            continue;
        /* A deleted tagged column may still own separated long values. */
        rec_coldef def = {.colid = id, .coltyp = JET_coltypLongBinary,
                          .grbit = JET_bitColumnTagged};
        uint32_t n = rec_count(rec, len, &def);
        for (uint32_t itag = 1; itag <= n; itag++) {
            const void *data;
            size_t cb;
            unsigned flags;
            if (rec_get(rec, len, &def, itag, &data, &cb, &flags) == JET_errSuccess &&
                (flags & REC_VAL_SEPARATED))
                CALL(check_ref(b, NULL, id, data, cb, bm, bmlen, bmx));
        }
    }
    /* Explicit-NULL markers (a column set to NULL): of a column the table
     * defines or once defined. */
    id = 0;
    while ((id = rec_next_null_marked(rec, len, id)) != 0) {
        if (cat_column_by_id(t, id) == NULL && id > class_last(b->ct, id))
            problem(k, ISAM_CK_RECORD, t->name, NULL, t->objid, JET_errDatabaseCorrupted,
                    "record %s marks column id %u as set to NULL, which the table never "
                    "defined", bmx, id);
    }
    for (size_t i = 0; i < t->ncols; i++) {
        const cat_column *col = &t->cols[i];
        if ((col->def.grbit & JET_bitColumnNotNULL) && isam_count_vals(rec, len, col, true) == 0)
            problem(k, ISAM_CK_RECORD, t->name, NULL, t->objid, JET_errNullInvalid,
                    "record %s: column \"%s\" must not be NULL but has no value", bmx,
                    col->name);
    }
    /* The record sits under its own key. */
    if (t->primary >= 0) {
        uint8_t key[ISAM_KEY_MAX + 1];
        size_t klen = 0;
        e = isam_primary_key(&b->c, rec, len, key, &klen);
        const char *pname = t->idx[t->primary].name;
        if (e == JET_errOutOfMemory)
            return e;
        if (e < 0) {
            problem(k, ISAM_CK_RECORD, t->name, pname, t->objid, e,
                    "record %s: its primary key cannot be built", bmx);
        } else if (cmp_bytes(key, klen, bm, bmlen) != 0) {
            char kx[64];
            problem(k, ISAM_CK_IDX_STALE, t->name, pname, t->objid, JET_errDatabaseCorrupted,
                    "record stored under key %s has primary key %s", bmx,
                    hex(kx, sizeof kx, key, klen));
        }
    } else if (bmlen != ISAM_SEQ_KEY_LEN) {
        problem(k, ISAM_CK_RECORD, t->name, NULL, t->objid, JET_errDatabaseCorrupted,
                "record %s: a table without a primary index keys records with %u bytes, not "
                "%zu", bmx, ISAM_SEQ_KEY_LEN, bmlen);
    }
    return JET_errSuccess;
}

/* The entries record bm should have in each compared secondary index. */
static JET_ERR record_entries(tab *b, const uint8_t *bm, size_t bmlen, const uint8_t *rec,
                              size_t len)
{
    chk *k = b->k;
    const cat_table *t = b->t;
    for (size_t i = 0; i < t->nidx; i++) {
        const cat_index *ix = &t->idx[i];
        if (ix->primary || !b->ix_on[i])
            continue;
        isam_keys ks;
        JET_ERR e = isam_record_keys(&b->c, ix, rec, len, &ks);
        if (e == JET_errOutOfMemory)
            return e;
        if (e < 0) {
            char bmx[64];
            problem(k, ISAM_CK_RECORD, t->name, ix->name, ix->objid, e,
                    "record %s: its key in index \"%s\" cannot be built", hex(bmx, sizeof bmx,
                                                                          bm, bmlen),
                    ix->name);
            CALL(eset_add(&b->skip[i], NULL, 0, bm, bmlen));
            continue;
        }
        for (size_t j = 0; j < ks.n && e >= 0; j++) {
            uint8_t ek[BT_KEY_MAX];
            size_t eklen = 0;
            e = isam_entry_key(ix, ks.k[j], ks.len[j], bm, bmlen, ek, &eklen);
            if (e >= 0)
                e = eset_add(&b->exp[i], ek, eklen, bm, bmlen);
        }
        isam_keys_free(&ks);
        if (e == JET_errOutOfMemory)
            return e;
        if (e < 0) {
            char bmx[64];
            problem(k, ISAM_CK_RECORD, t->name, ix->name, ix->objid, e,
                    "record %s: its entry in index \"%s\" cannot be built",
                    hex(bmx, sizeof bmx, bm, bmlen), ix->name);
            CALL(eset_add(&b->skip[i], NULL, 0, bm, bmlen));
        }
    }
    return JET_errSuccess;
}

/* Walk the data tree: every record, its long-value references and the
 * entries it should have. */
static JET_ERR scan_records(tab *b)
{
    chk *k = b->k;
    vt_raw r;
    CALL(vt_raw_open(b->c.data, REC_LEN_MAX + 1, &r));
    JET_ERR err;
    while ((err = vt_raw_next(&r)) >= 0) {
        progress(k, r.klen + r.stored, false);
        if (r.state == VT_RAW_DELETED) {
            b->out->deleted++;
            continue;
        }
        b->out->records++;
        char bmx[64];
        if (r.state == VT_RAW_BAD || r.stored - 1 > REC_LEN_MAX) {
            problem(k, ISAM_CK_RECORD, b->t->name, NULL, b->t->objid, JET_errDatabaseCorrupted,
                    "record %s: %s", hex(bmx, sizeof bmx, r.key, r.klen),
                    r.state == VT_RAW_BAD ? "the stored row has no valid row flag"
                                          : "the stored row is longer than any record");
            CHECK(eset_add(&b->skip_all, NULL, 0, r.key, r.klen));
            continue;
        }
        bool usable;
        CHECK(check_record(b, r.key, r.klen, r.val, r.vlen, &usable));
        if (!usable) {
            CHECK(eset_add(&b->skip_all, NULL, 0, r.key, r.klen));
            continue;
        }
        CHECK(record_entries(b, r.key, r.klen, r.val, r.vlen));
    }
    if (err == JET_errNoCurrentRecord) {
        err = JET_errSuccess;
    } else if (err != JET_errOutOfMemory) {
        problem(k, ISAM_CK_TREE, b->t->name, NULL, b->t->objid, err,
                "the records of table \"%s\" cannot be walked", b->t->name);
        err = JET_errSuccess;
    }
done:
    vt_raw_close(&r);
    return err;
}

/* Is the record of bookmark bm known to be unreadable (no entry of it is
 * judged), for index i? */
static bool skipped(const tab *b, size_t i, const uint8_t *bm, size_t bmlen)
{
    return eset_has_bm(&b->skip_all, bm, bmlen) || eset_has_bm(&b->skip[i], bm, bmlen);
}

/* Compare index i's tree with the entries the records produce. */
static JET_ERR merge_index(tab *b, size_t i)
{
    chk *k = b->k;
    const cat_table *t = b->t;
    const cat_index *ix = &t->idx[i];
    isam_ck_index *st = &b->out->idx[i];
    eset *x = &b->exp[i];
    eset_sort(x);
    eset_sort(&b->skip[i]);
    st->expected = x->n;
    char ax[64], bx[64], cx[64];
    /* Equal keys of two records in a unique index. */
    if (ix->unique) {
        for (size_t j = 1; j < x->n; j++) {
            const ent *p = &x->e[j - 1], *q = &x->e[j];
            if (cmp_bytes(p->p, p->eklen, q->p, q->eklen) == 0)
                problem(k, ISAM_CK_IDX_DUP, t->name, ix->name, ix->objid, JET_errKeyDuplicate,
                        "records %s and %s have the same key %s in unique index \"%s\"",
                        hex(ax, sizeof ax, p->p + p->eklen, p->bmlen),
                        hex(bx, sizeof bx, q->p + q->eklen, q->bmlen),
                        hex(cx, sizeof cx, q->p, q->eklen), ix->name);
        }
    }
    bt_tree *tree;
    CALL(st_tree_open(k->st, ix->objid, &tree));
    vt_raw r;
    CALL(vt_raw_open(tree, BT_KEY_MAX + 16, &r));
    uint8_t *prev = malloc(BT_KEY_MAX);
    if (prev == NULL) {
        vt_raw_close(&r);
        return JET_errOutOfMemory;
    }
    size_t prevlen = 0;
    bool have_prev = false;
    size_t xi = 0;
    JET_ERR err;
    while ((err = vt_raw_next(&r)) >= 0) {
        progress(k, r.klen + r.stored, false);
        const uint8_t *key = r.key, *bm = r.val;
        size_t klen = r.klen, bmlen = r.vlen;
        if (r.state == VT_RAW_DELETED)
            continue;
        st->entries++;
        if (r.state == VT_RAW_BAD || bmlen == 0 || r.stored - 1 > BT_KEY_MAX) {
            problem(k, ISAM_CK_IDX_ORDER, t->name, ix->name, ix->objid, JET_errDatabaseCorrupted,
                    "entry %s is malformed (%s)", hex(ax, sizeof ax, key, klen),
                    r.state == VT_RAW_BAD ? "no valid row flag" : "no bookmark");
            continue;
        }
        if (have_prev && cmp_bytes(prev, prevlen, key, klen) >= 0) {
            problem(k, ISAM_CK_IDX_ORDER, t->name, ix->name, ix->objid, JET_errDatabaseCorrupted,
                    "entry %s is out of order (after %s)", hex(ax, sizeof ax, key, klen),
                    hex(bx, sizeof bx, prev, prevlen));
            continue;
        }
        memcpy(prev, key, klen);
        prevlen = klen;
        have_prev = true;
        if (!ix->unique &&
            (klen < bmlen || memcmp(key + klen - bmlen, bm, bmlen) != 0)) {
            if (!skipped(b, i, bm, bmlen))
                problem(k, ISAM_CK_IDX_STALE, t->name, ix->name, ix->objid,
                        JET_errDatabaseCorrupted,
                        "entry %s points at record %s, which its key does not name",
                        hex(ax, sizeof ax, key, klen), hex(bx, sizeof bx, bm, bmlen));
            continue;
        }
        /* Expected entries before this one are missing from the tree. */
        while (xi < x->n && cmp_bytes(x->e[xi].p, x->e[xi].eklen, key, klen) < 0) {
            const ent *e = &x->e[xi];
            if (xi == 0 || cmp_bytes(x->e[xi - 1].p, x->e[xi - 1].eklen, e->p, e->eklen) != 0)
                problem(k, ISAM_CK_IDX_MISSING, t->name, ix->name, ix->objid,
                        JET_errDatabaseCorrupted, "record %s has no entry %s in index \"%s\"",
                        hex(ax, sizeof ax, e->p + e->eklen, e->bmlen),
                        hex(bx, sizeof bx, e->p, e->eklen), ix->name);
            xi++;
        }
        /* The group of expected entries with this key (several only for
         * duplicates in a unique index). */
        size_t g = xi;
        bool match = false;
        while (g < x->n && cmp_bytes(x->e[g].p, x->e[g].eklen, key, klen) == 0) {
            if (cmp_bytes(x->e[g].p + x->e[g].eklen, x->e[g].bmlen, bm, bmlen) == 0)
                match = true;
            g++;
        }
        bool group = g > xi;
        xi = g;
        if (match || skipped(b, i, bm, bmlen))
            continue;
        vt_raw_state rs = VT_RAW_DELETED;
        JET_ERR ge = vt_raw_state_of(b->c.data, bm, bmlen, &rs);
        if (ge < 0 && ge != JET_errRecordNotFound) {
            problem(k, ISAM_CK_TREE, t->name, NULL, t->objid, ge,
                    "the record %s of index entry %s cannot be read",
                    hex(ax, sizeof ax, bm, bmlen), hex(bx, sizeof bx, key, klen));
            continue;
        }
        if (ge == JET_errRecordNotFound || rs == VT_RAW_DELETED)
            problem(k, ISAM_CK_IDX_ORPHAN, t->name, ix->name, ix->objid,
                    JET_errDatabaseCorrupted,
                    "entry %s points at record %s, which does not exist",
                    hex(ax, sizeof ax, key, klen), hex(bx, sizeof bx, bm, bmlen));
        else if (rs == VT_RAW_LIVE)
            problem(k, ISAM_CK_IDX_STALE, t->name, ix->name, ix->objid,
                    JET_errDatabaseCorrupted,
                    "entry %s points at record %s, which %s", hex(ax, sizeof ax, key, klen),
                    hex(bx, sizeof bx, bm, bmlen),
                    group ? "is not the record with that key" : "does not have that key");
    }
    if (err == JET_errNoCurrentRecord) {
        err = JET_errSuccess;
        for (; xi < x->n; xi++) {
            const ent *e = &x->e[xi];
            if (xi == 0 || cmp_bytes(x->e[xi - 1].p, x->e[xi - 1].eklen, e->p, e->eklen) != 0)
                problem(k, ISAM_CK_IDX_MISSING, t->name, ix->name, ix->objid,
                        JET_errDatabaseCorrupted, "record %s has no entry %s in index \"%s\"",
                        hex(ax, sizeof ax, e->p + e->eklen, e->bmlen),
                        hex(bx, sizeof bx, e->p, e->eklen), ix->name);
        }
    } else if (err != JET_errOutOfMemory) {
        problem(k, ISAM_CK_TREE, t->name, ix->name, ix->objid, err,
                "index \"%s\" cannot be walked", ix->name);
        err = JET_errSuccess;
    }
    free(prev);
    vt_raw_close(&r);
    return err;
}

/* ---- long values ----------------------------------------------------------------------- */

static int ref_cmp(const void *a, const void *b)
{
    const lvref *x = a, *y = b;
    if (x->lvid != y->lvid)
        return x->lvid < y->lvid ? -1 : 1;
    return 0;
}

/* Chunks of one lvid as found in the tree. */
typedef struct lvgroup {
    bool have;
    uint64_t lvid;
    uint32_t chunks, next;
    uint64_t bytes;
    size_t last_len;
    bool gap, short_mid;
    uint32_t gap_at;
} lvgroup;

static void missing_ref(tab *b, const lvref *r)
{
    if (r->size == 0)
        return;   /* nothing to store */
    char bx[64], cn[96];
    problem(b->k, ISAM_CK_LV, b->t->name, NULL, b->t->lv_objid, JET_errLVCorrupted,
            "long value 0x%llx of record %s (column %s, %llu bytes) is missing",
            (unsigned long long)r->lvid, ref_bm(r, bx, sizeof bx),
            col_name(b, r->colid, cn, sizeof cn), (unsigned long long)r->size);
}

/* The group is complete: judge it against its reference (refs sorted;
 * *rp advances past the references it consumed). */
static void finish_group(tab *b, const lvgroup *g, size_t *rp)
{
    chk *k = b->k;
    while (*rp < b->nrefs && b->refs[*rp].lvid < g->lvid)
        missing_ref(b, &b->refs[(*rp)++]);
    if (*rp >= b->nrefs || b->refs[*rp].lvid != g->lvid) {
        problem(k, ISAM_CK_LV_ORPHAN, b->t->name, NULL, b->t->lv_objid, JET_errLVCorrupted,
                "long value 0x%llx (%u chunks, %llu bytes) belongs to no record",
                (unsigned long long)g->lvid, g->chunks, (unsigned long long)g->bytes);
        return;
    }
    const lvref *r = &b->refs[*rp];
    while (*rp < b->nrefs && b->refs[*rp].lvid == g->lvid)
        (*rp)++;
    uint64_t want = (r->size + ISAM_LV_CHUNK - 1) / ISAM_LV_CHUNK;
    if (!g->gap && !g->short_mid && g->chunks == want && g->bytes == r->size)
        return;
    char bx[64], cn[96], why[96];
    if (g->gap)
        snprintf(why, sizeof why, "chunk %u is missing", g->gap_at);
    else if (g->short_mid)
        snprintf(why, sizeof why, "a chunk before the last is short");
    else if (g->chunks > want)
        snprintf(why, sizeof why, "it has %u chunks, %llu past its end", g->chunks,
                 (unsigned long long)(g->chunks - want));
    else
        snprintf(why, sizeof why, "its chunks hold %llu bytes",
                 (unsigned long long)g->bytes);
    problem(k, ISAM_CK_LV, b->t->name, NULL, b->t->lv_objid, JET_errLVCorrupted,
            "long value 0x%llx of record %s (column %s, %llu bytes): %s",
            (unsigned long long)r->lvid, ref_bm(r, bx, sizeof bx),
            col_name(b, r->colid, cn, sizeof cn), (unsigned long long)r->size, why);
}

static JET_ERR check_lvs(tab *b)
{
    chk *k = b->k;
    if (b->nrefs > 1)
        qsort(b->refs, b->nrefs, sizeof *b->refs, ref_cmp);
    char ax[64], bx[64];
    for (size_t i = 0; i < b->nrefs; i++) {
        if (i > 0 && b->refs[i].lvid == b->refs[i - 1].lvid)
            problem(k, ISAM_CK_LV, b->t->name, NULL, b->t->lv_objid, JET_errLVCorrupted,
                    "long value 0x%llx is referenced twice (records %s and %s)",
                    (unsigned long long)b->refs[i].lvid, ref_bm(&b->refs[i - 1], ax, sizeof ax),
                    ref_bm(&b->refs[i], bx, sizeof bx));
        else
            b->out->long_values++;
    }
    bt_tree *tree;
    CALL(st_tree_open(k->st, b->t->lv_objid, &tree));
    vt_raw r;
    CALL(vt_raw_open(tree, ISAM_LV_CHUNK + 16, &r));
    lvgroup g;
    memset(&g, 0, sizeof g);
    size_t rp = 0;
    JET_ERR err;
    while ((err = vt_raw_next(&r)) >= 0) {
        progress(k, r.klen + r.stored, false);
        if (r.state == VT_RAW_DELETED)
            continue;
        if (r.state == VT_RAW_BAD || r.klen != ISAM_LV_KEY_LEN || r.stored - 1 > ISAM_LV_CHUNK) {
            problem(k, ISAM_CK_LV, b->t->name, NULL, b->t->lv_objid, JET_errLVCorrupted,
                    "long-value chunk %s is malformed", hex(ax, sizeof ax, r.key, r.klen));
            continue;
        }
        uint64_t lvid = be64(r.key);
        uint32_t ch = (uint32_t)r.key[8] << 24 | (uint32_t)r.key[9] << 16 |
                      (uint32_t)r.key[10] << 8 | r.key[11];
        if (!g.have || lvid != g.lvid) {
            if (g.have)
                finish_group(b, &g, &rp);
            memset(&g, 0, sizeof g);
            g.have = true;
            g.lvid = lvid;
        }
        if (ch != g.next && !g.gap) {
            g.gap = true;
            g.gap_at = g.next;
        }
        if (g.chunks > 0 && g.last_len != ISAM_LV_CHUNK)
            g.short_mid = true;
        g.chunks++;
        g.next = ch + 1;
        g.bytes += r.vlen;
        g.last_len = r.vlen;
        b->out->lv_chunks++;
        b->out->lv_bytes += r.vlen;
    }
    if (err == JET_errNoCurrentRecord) {
        err = JET_errSuccess;
        if (g.have)
            finish_group(b, &g, &rp);
        while (rp < b->nrefs)
            missing_ref(b, &b->refs[rp++]);
        b->out->lv_checked = true;
    } else if (err != JET_errOutOfMemory) {
        problem(k, ISAM_CK_TREE, b->t->name, NULL, b->t->lv_objid, err,
                "the long values of table \"%s\" cannot be walked", b->t->name);
        err = JET_errSuccess;
    }
    vt_raw_close(&r);
    return err;
}

/* Whether index ix has a long-value key column (its keys read long
 * values: not computed when the long-value tree is damaged). */
static bool index_reads_lv(const cat_table *t, const cat_index *ix)
{
    for (uint32_t s = 0; s < ix->nseg; s++) {
        const cat_column *c = cat_column_by_id(t, ix->seg[s].colid);
        if (c != NULL && isam_is_lv(c->def.coltyp))
            return true;
    }
    return false;
}

static JET_ERR check_table(chk *k, const cat_ck_table *ct, isam_ck_table *out)
{
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", ct->name);
    out->objid = ct->objid;
    out->lv_objid = ct->lv_objid;
    k->cur = out;
    if (!ct->rows_ok) {
        snprintf(out->skipped, sizeof out->skipped, "its catalog rows are inconsistent");
        return JET_errSuccess;
    }
    tab b;
    memset(&b, 0, sizeof b);
    b.k = k;
    b.ct = ct;
    b.out = out;
    JET_ERR err = cat_check_load(k->d, ct->objid, &b.t);
    if (err == JET_errOutOfMemory)
        return err;
    if (err < 0) {
        problem(k, ISAM_CK_CATALOG, ct->name, NULL, ct->objid, err,
                "the schema of table \"%s\" cannot be loaded", ct->name);
        snprintf(out->skipped, sizeof out->skipped, "its schema cannot be loaded");
        return JET_errSuccess;
    }
    const cat_table *t = b.t;
    out->idx = calloc(t->nidx ? t->nidx : 1, sizeof *out->idx);
    b.ix_on = calloc(t->nidx ? t->nidx : 1, sizeof *b.ix_on);
    b.exp = calloc(t->nidx ? t->nidx : 1, sizeof *b.exp);
    b.skip = calloc(t->nidx ? t->nidx : 1, sizeof *b.skip);
    if (out->idx == NULL || b.ix_on == NULL || b.exp == NULL || b.skip == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    out->nidx = t->nidx;
    bool data_ok = tree_ok(k, t->objid), lv_ok = tree_ok(k, t->lv_objid);
    for (size_t i = 0; i < t->nidx; i++) {
        const cat_index *ix = &t->idx[i];
        isam_ck_index *oi = &out->idx[i];
        snprintf(oi->name, sizeof oi->name, "%s", ix->name);
        oi->objid = ix->objid;
        oi->primary = ix->primary;
        oi->unique = ix->unique;
        b.ix_on[i] = !ix->primary && data_ok && tree_ok(k, ix->objid) &&
                     (lv_ok || !index_reads_lv(t, ix));
    }
    /* Damaged trees (counted in step 1) are problems of the table too. */
    out->problems += (uint64_t)!data_ok + (uint64_t)!lv_ok;
    for (size_t i = 0; i < t->nidx; i++) {
        if (t->idx[i].primary || tree_ok(k, t->idx[i].objid))
            continue;
        out->problems++;
        snprintf(out->skipped, sizeof out->skipped, "the tree of index \"%s\" is damaged",
                 t->idx[i].name);
    }
    if (!data_ok) {
        snprintf(out->skipped, sizeof out->skipped, "its data tree is damaged");
        goto done;
    }
    if (!lv_ok)
        snprintf(out->skipped, sizeof out->skipped, "its long-value tree is damaged");
    b.c.s = k->s;
    b.c.d = k->d;
    b.c.t = b.t;
    b.c.ix = -1;
    CHECK(st_tree_open(k->st, t->objid, &b.c.data));
    CHECK(scan_records(&b));
    out->checked = true;
    if (t->primary >= 0) {
        out->idx[t->primary].checked = true;
        out->idx[t->primary].entries = out->records;
        out->idx[t->primary].expected = out->records;
    }
    eset_sort(&b.skip_all);
    for (size_t i = 0; i < t->nidx; i++) {
        if (!b.ix_on[i])
            continue;
        CHECK(merge_index(&b, i));
        out->idx[i].checked = true;
    }
    if (lv_ok)
        CHECK(check_lvs(&b));
done:
    if (b.exp != NULL)
        for (size_t i = 0; i < t->nidx; i++)
            eset_free(&b.exp[i]);
    if (b.skip != NULL)
        for (size_t i = 0; i < t->nidx; i++)
            eset_free(&b.skip[i]);
    eset_free(&b.skip_all);
    free(b.exp);
    free(b.skip);
    free(b.ix_on);
    free(b.refs);
    cat_table_release(b.t);
    k->cur = NULL;
    return err;
}

/* ---- the whole database ------------------------------------------------------------------ */

static uint64_t tree_bytes(chk *k, uint32_t objid)
{
    const isam_ck_tree *t = tree_of(k, objid);
    return t != NULL && t->err >= 0 ? t->st.key_bytes + t->st.value_bytes : 0;
}

JET_ERR isam_check_database(struct sess *s, struct db *d, const isam_ck_opts *o,
                            isam_ck_report *r)
{
    if (r == NULL)
        return JET_errInvalidParameter;
    memset(r, 0, sizeof *r);
    if (s == NULL || d == NULL || d->store == NULL)
        return JET_errInvalidParameter;
    if (vtx_level(s) != 0)
        return JET_errInTransaction;
    chk k;
    memset(&k, 0, sizeof k);
    k.s = s;
    k.d = d;
    k.st = d->store;
    k.r = r;
    k.o = o;
    k.maxd = o != NULL && o->max_details ? o->max_details : DEFAULT_DETAILS;
    bool dir_ok;
    cat_ck_result cr;
    memset(&cr, 0, sizeof cr);
    JET_ERR err;
    CHECK(check_trees(&k, &dir_ok));
    if (!dir_ok)
        goto done;
    isam_ck_tree *cat = tree_of(&k, ST_CAT_OBJID);
    if (cat == NULL)
        goto done;   /* no DDL ever: no tables */
    if (cat->err < 0) {
        r->has_catalog = true;
        problem(&k, ISAM_CK_CATALOG, NULL, NULL, ST_CAT_OBJID, cat->err,
                "the catalog tree is damaged: no table was checked");
        goto done;
    }
    bt_tree *ctree;
    CHECK(st_tree_open(k.st, ST_CAT_OBJID, &ctree));
    if (!cat_check_is_catalog(ctree)) {
        /* a plain tree of a database written through the storage core */
        cat->role = ISAM_CK_ROLE_OTHER;
        goto done;
    }
    r->has_catalog = true;
    err = cat_check(d, ctree, cat_problem, &k, &cr);
    if (err == JET_errOutOfMemory)
        goto done;
    if (err < 0) {
        err = JET_errSuccess;   /* reported: the walk failed */
        goto done;
    }
    r->catalog_rows = cr.rows;
    assign_roles(&k, &cr);
    r->tables = calloc(cr.ntables ? cr.ntables : 1, sizeof *r->tables);
    if (r->tables == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    k.phase = "Records";
    k.done = 0;
    k.total = 0;
    for (size_t i = 0; i < cr.ntrees; i++)
        if (cr.trees[i].role != CAT_CK_DROP)
            k.total += tree_bytes(&k, cr.trees[i].objid);
    progress(&k, 0, true);
    for (size_t i = 0; i < cr.ntables; i++) {
        r->ntables = i + 1;
        CHECK(check_table(&k, &cr.tables[i], &r->tables[i]));
        const isam_ck_table *t = &r->tables[i];
        r->records += t->records;
        r->long_values += t->long_values;
        for (size_t j = 0; j < t->nidx; j++)
            if (!t->idx[j].primary)
                r->index_entries += t->idx[j].entries;
    }
    progress(&k, 0, true);
    /* Trees nothing names: leaked space. */
    for (size_t i = 0; i < r->ntrees; i++) {
        const isam_ck_tree *t = &r->trees[i];
        if (t->role == ISAM_CK_ROLE_OTHER)
            problem(&k, ISAM_CK_UNREF, NULL, NULL, t->objid, 0,
                    "tree %u (root page %u, %llu rows) is named by no catalog row", t->objid,
                    t->root, (unsigned long long)t->st.records);
    }
    err = JET_errSuccess;
done:
    cat_check_free(&cr);
    if (err < 0)
        return err;
    return r->corrupt > 0 ? JET_errDatabaseCorrupted : JET_errSuccess;
}

void isam_check_report_free(isam_ck_report *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->ntables; i++)
        free(r->tables[i].idx);
    free(r->tables);
    free(r->trees);
    free(r->details);
    memset(r, 0, sizeof *r);
}
