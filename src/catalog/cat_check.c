/*
 * cat_check.c: verification of the catalog rows of a database (the
 * integrity check, src/isam/check.c).  The stored rows are read directly
 * (txn/ver_raw.h), decoded with the catalog's decoders, and checked
 * against each other: every row decodes and agrees with its key, every
 * table has exactly one name row and every name row one table, every
 * column has a name row and an id its table handed out in the right class,
 * every index names existing columns, every tree the rows name exists in
 * the directory, and no tree belongs to two objects.  See cat_check.h.
 */
#include "catalog/cat_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/cat_int.h"
#include "db/db.h"
#include "store/store.h"
#include "txn/ver_raw.h"
#include "util/err.h"

/* A catalog row is small; anything longer is damaged. */
#define ROW_VMAX 65536u

typedef struct raw_row {
    uint8_t *key;
    size_t klen;
    uint8_t *val;
    size_t vlen;
} raw_row;

typedef struct ck_tab {
    cat_ck_table t;
    uint32_t names;                 /* name rows naming it */
    JET_GRBIT flags;
} ck_tab;

typedef struct ck_col {
    uint32_t objid;
    JET_COLUMNID colid;
    char name[CAT_NAME_MAX + 1];
    uint32_t names;
} ck_col;

typedef struct ck {
    struct db *d;
    cat_ck_problem_fn fn;
    void *ctx;
    ck_tab *tabs;
    size_t ntabs;
    ck_col *cols;
    size_t ncols, capcols;
    cat_ck_tree *trees;
    size_t ntrees, captrees;
} ck;

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static ck_tab *find_tab(ck *k, uint32_t objid)
{
    size_t lo = 0, hi = k->ntabs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (k->tabs[mid].t.objid == objid)
            return &k->tabs[mid];
        if (k->tabs[mid].t.objid < objid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static ck_col *find_col(ck *k, uint32_t objid, JET_COLUMNID colid)
{
    for (size_t i = 0; i < k->ncols; i++)
        if (k->cols[i].objid == objid && k->cols[i].colid == colid)
            return &k->cols[i];
    return NULL;
}

/* Report a problem of table objid (0 / unknown: none named); the table's
 * rows are then not trusted. */
static void problem(ck *k, uint32_t table_objid, const char *index, uint32_t objid,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void problem(ck *k, uint32_t table_objid, const char *index, uint32_t objid,
                    const char *fmt, ...)
{
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ck_tab *t = table_objid ? find_tab(k, table_objid) : NULL;
    if (t != NULL)
        t->t.rows_ok = false;
    k->fn(k->ctx, t ? t->t.name : "", index ? index : "", objid, msg);
}

/* A stored name (key bytes, upper-cased ASCII) as a C string; false when
 * it cannot be a name. */
static bool key_name(const uint8_t *p, size_t n, char out[CAT_NAME_MAX + 1])
{
    if (n == 0 || n > CAT_NAME_MAX || memchr(p, 0, n) != NULL)
        return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

/* The key form of a name: ASCII letters upper-cased. */
static void upper(const char *in, char out[CAT_NAME_MAX + 1])
{
    size_t i = 0;
    for (; in[i] != '\0' && i < CAT_NAME_MAX; i++) {
        char c = in[i];
        out[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    out[i] = '\0';
}

static JET_ERR add_tree(ck *k, uint32_t objid, cat_ck_role role, uint32_t table_objid,
                        const char *table, const char *index)
{
    if (k->ntrees == k->captrees) {
        size_t cap = k->captrees ? k->captrees * 2 : 16;
        cat_ck_tree *n = realloc(k->trees, cap * sizeof *n);
        if (n == NULL)
            return JET_errOutOfMemory;
        k->trees = n;
        k->captrees = cap;
    }
    cat_ck_tree *t = &k->trees[k->ntrees++];
    memset(t, 0, sizeof *t);
    t->objid = objid;
    t->role = role;
    t->table_objid = table_objid;
    snprintf(t->table, sizeof t->table, "%s", table);
    snprintf(t->index, sizeof t->index, "%s", index);
    return JET_errSuccess;
}

/* ---- rows of each kind ---------------------------------------------------------- */

/* Table rows first: everything else refers to them. */
static JET_ERR tables_pass(ck *k, const raw_row *rows, size_t n)
{
    size_t cnt = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].key[0] == CAT_K_TABLE)
            cnt++;
    k->tabs = calloc(cnt ? cnt : 1, sizeof *k->tabs);
    if (k->tabs == NULL)
        return JET_errOutOfMemory;
    for (size_t i = 0; i < n; i++) {
        const raw_row *r = &rows[i];
        if (r->key[0] != CAT_K_TABLE)
            continue;
        if (r->klen != 5) {
            problem(k, 0, NULL, 0, "catalog table row with a malformed key (%zu bytes)", r->klen);
            continue;
        }
        uint32_t objid = be32(r->key + 1);
        cat_trow tr;
        JET_ERR e = cat_trow_decode(r->val, r->vlen, &tr);
        if (e < 0) {
            problem(k, 0, NULL, objid, "the table row of object %u does not decode (error %d)",
                    objid, (int)e);
            continue;
        }
        if (tr.objid != objid) {
            problem(k, 0, NULL, objid, "the table row under object %u names object %u", objid,
                    tr.objid);
            continue;
        }
        /* Keys are in order, so the table array is sorted by objid. */
        ck_tab *t = &k->tabs[k->ntabs++];
        memset(t, 0, sizeof *t);
        snprintf(t->t.name, sizeof t->t.name, "%s", tr.name);
        t->t.objid = tr.objid;
        t->t.lv_objid = tr.lv_objid;
        t->t.fixed_last = tr.fixed_last;
        t->t.var_last = tr.var_last;
        t->t.tagged_last = tr.tagged_last;
        t->t.rows_ok = true;
        t->flags = tr.flags;
    }
    return JET_errSuccess;
}

static void tname_row(ck *k, const raw_row *r)
{
    char nm[CAT_NAME_MAX + 1];
    if (!key_name(r->key + 1, r->klen - 1, nm)) {
        problem(k, 0, NULL, 0, "catalog table-name row with a malformed key");
        return;
    }
    if (r->vlen != 5 || r->val[0] != CAT_ROW_FORMAT) {
        problem(k, 0, NULL, 0, "the name row of table \"%s\" does not decode", nm);
        return;
    }
    uint32_t objid = le32(r->val + 1);
    ck_tab *t = find_tab(k, objid);
    if (t == NULL) {
        problem(k, 0, NULL, objid,
                "the name row \"%s\" names object %u, which has no table row", nm, objid);
        return;
    }
    char want[CAT_NAME_MAX + 1];
    upper(t->t.name, want);
    if (strcmp(want, nm) != 0) {
        problem(k, objid, NULL, objid, "the name row \"%s\" names table \"%s\"", nm, t->t.name);
        return;
    }
    t->names++;
}

/* Whether a column id lies in the class its definition implies. */
static bool colid_class_ok(const cat_column *c)
{
    JET_COLUMNID id = c->def.colid;
    if (c->def.grbit & JET_bitColumnTagged)
        return id >= REC_TAGGED_FIRST;
    if (c->def.grbit & JET_bitColumnFixed)
        return id <= REC_FIXED_LAST;
    return id >= REC_VAR_FIRST && id <= REC_VAR_LAST;
}

static uint32_t class_last(const cat_ck_table *t, JET_COLUMNID id)
{
    return id <= REC_FIXED_LAST ? t->fixed_last : id <= REC_VAR_LAST ? t->var_last
                                                                    : t->tagged_last;
}

static JET_ERR col_row(ck *k, const raw_row *r)
{
    if (r->klen != 9) {
        uint32_t objid = r->klen >= 5 ? be32(r->key + 1) : 0;
        problem(k, objid, NULL, 0, "catalog column row with a malformed key");
        return JET_errSuccess;
    }
    uint32_t objid = be32(r->key + 1);
    JET_COLUMNID kc = be32(r->key + 5);
    ck_tab *t = find_tab(k, objid);
    if (t == NULL) {
        problem(k, 0, NULL, objid, "column row %u of object %u, which has no table row", kc,
                objid);
        return JET_errSuccess;
    }
    cat_column c;
    JET_ERR e = cat_crow_decode(r->val, r->vlen, &c);
    if (e < 0) {
        problem(k, objid, NULL, objid, "column row %u does not decode (error %d)", kc, (int)e);
        return JET_errSuccess;
    }
    free(c.dflt);
    if (c.def.colid != kc) {
        problem(k, objid, NULL, objid, "column row %u holds column id %u", kc, c.def.colid);
        return JET_errSuccess;
    }
    uint32_t fixed = rec_fixed_size(c.def.coltyp);
    if (!colid_class_ok(&c) || (cat_coltyp_long(c.def.coltyp) && kc < REC_TAGGED_FIRST) ||
        (fixed != 0 && c.def.cbMax != fixed) ||
        (fixed == 0 && !cat_coltyp_long(c.def.coltyp) &&
         (c.def.cbMax == 0 || c.def.cbMax > JET_cbColumnMost)))
        problem(k, objid, NULL, objid,
                "column \"%s\" (id %u, type %u, cbMax %u) has a definition its id cannot have",
                c.name, kc, (unsigned)c.def.coltyp, c.def.cbMax);
    if (cat_coltyp_text(c.def.coltyp) && c.def.cp != 1252 && c.def.cp != 1200)
        problem(k, objid, NULL, objid, "text column \"%s\" has code page %u", c.name,
                (unsigned)c.def.cp);
    if (kc > class_last(&t->t, kc))
        problem(k, objid, NULL, objid,
                "column \"%s\" has id %u, which the table never handed out", c.name, kc);
    if (k->ncols == k->capcols) {
        size_t cap = k->capcols ? k->capcols * 2 : 32;
        ck_col *n = realloc(k->cols, cap * sizeof *n);
        if (n == NULL)
            return JET_errOutOfMemory;
        k->cols = n;
        k->capcols = cap;
    }
    ck_col *cc = &k->cols[k->ncols++];
    memset(cc, 0, sizeof *cc);
    cc->objid = objid;
    cc->colid = kc;
    memcpy(cc->name, c.name, sizeof cc->name);
    return JET_errSuccess;
}

static void cname_row(ck *k, const raw_row *r)
{
    char nm[CAT_NAME_MAX + 1];
    uint32_t objid = r->klen >= 5 ? be32(r->key + 1) : 0;
    if (r->klen < 6 || !key_name(r->key + 5, r->klen - 5, nm)) {
        problem(k, objid, NULL, 0, "catalog column-name row with a malformed key");
        return;
    }
    ck_tab *t = find_tab(k, objid);
    if (t == NULL) {
        problem(k, 0, NULL, objid, "column name row \"%s\" of object %u, which has no table row",
                nm, objid);
        return;
    }
    if (r->vlen != 5 || r->val[0] != CAT_ROW_FORMAT) {
        problem(k, objid, NULL, objid, "the name row of column \"%s\" does not decode", nm);
        return;
    }
    JET_COLUMNID colid = le32(r->val + 1);
    ck_col *c = find_col(k, objid, colid);
    char want[CAT_NAME_MAX + 1];
    if (c != NULL)
        upper(c->name, want);
    if (c == NULL || strcmp(want, nm) != 0) {
        problem(k, objid, NULL, objid, "the column name row \"%s\" names column id %u, %s", nm,
                colid, c == NULL ? "which does not exist" : "which has another name");
        return;
    }
    c->names++;
}

static JET_ERR idx_row(ck *k, const raw_row *r, uint32_t *primaries, size_t nprim)
{
    char nm[CAT_NAME_MAX + 1];
    uint32_t objid = r->klen >= 5 ? be32(r->key + 1) : 0;
    if (r->klen < 6 || !key_name(r->key + 5, r->klen - 5, nm)) {
        problem(k, objid, NULL, 0, "catalog index row with a malformed key");
        return JET_errSuccess;
    }
    ck_tab *t = find_tab(k, objid);
    if (t == NULL) {
        problem(k, 0, nm, objid, "index row \"%s\" of object %u, which has no table row", nm,
                objid);
        return JET_errSuccess;
    }
    cat_index ix;
    JET_ERR e = cat_irow_decode(r->val, r->vlen, &ix);
    if (e < 0) {
        problem(k, objid, nm, objid, "the index row does not decode (error %d)", (int)e);
        return JET_errSuccess;
    }
    char want[CAT_NAME_MAX + 1];
    upper(ix.name, want);
    if (strcmp(want, nm) != 0) {
        problem(k, objid, nm, objid, "the index row under \"%s\" describes index \"%s\"", nm,
                ix.name);
        return JET_errSuccess;
    }
    if (ix.primary) {
        size_t ti = (size_t)(t - k->tabs);
        if (ti < nprim && primaries[ti]++ > 0)
            problem(k, objid, ix.name, objid, "the table has a second primary index");
        if (ix.objid != objid)
            problem(k, objid, ix.name, ix.objid,
                    "the primary index names tree %u instead of the table's data tree %u",
                    ix.objid, objid);
    } else if (ix.objid <= ST_CAT_OBJID) {
        problem(k, objid, ix.name, ix.objid, "the index names tree %u, which is reserved",
                ix.objid);
    } else {
        CALL(add_tree(k, ix.objid, CAT_CK_INDEX, objid, t->t.name, ix.name));
    }
    for (uint32_t s = 0; s < ix.nseg; s++)
        if (find_col(k, objid, ix.seg[s].colid) == NULL)
            problem(k, objid, ix.name, objid, "key column %u does not exist", ix.seg[s].colid);
    for (uint32_t s = 0; s < ix.ncond; s++)
        if (find_col(k, objid, ix.cond[s].colid) == NULL)
            problem(k, objid, ix.name, objid, "conditional column %u does not exist",
                    ix.cond[s].colid);
    return JET_errSuccess;
}

static JET_ERR drop_row(ck *k, const raw_row *r)
{
    if (r->klen != 5 || r->vlen != 1 || r->val[0] != CAT_ROW_FORMAT) {
        problem(k, 0, NULL, 0, "malformed pending-drop row");
        return JET_errSuccess;
    }
    return add_tree(k, be32(r->key + 1), CAT_CK_DROP, 0, "", "");
}

/* A statistics row names a table and one of its trees (its data tree or a
 * secondary index); run after the index rows added their trees. */
static void stats_row(ck *k, const raw_row *r)
{
    if (r->klen != 9 || r->vlen != CAT_STATS_LEN || r->val[0] != CAT_ROW_FORMAT) {
        problem(k, 0, NULL, 0, "malformed statistics row");
        return;
    }
    uint32_t tobjid = be32(r->key + 1), iobjid = be32(r->key + 5);
    if (find_tab(k, tobjid) == NULL) {
        problem(k, 0, NULL, tobjid, "statistics of a table the catalog does not have");
        return;
    }
    if (iobjid == tobjid)
        return;
    for (size_t i = 0; i < k->ntrees; i++)
        if (k->trees[i].objid == iobjid && k->trees[i].role == CAT_CK_INDEX &&
            k->trees[i].table_objid == tobjid)
            return;
    problem(k, tobjid, NULL, iobjid, "statistics of an index the table does not have");
}

static int tree_cmp(const void *a, const void *b)
{
    const cat_ck_tree *x = a, *y = b;
    if (x->objid != y->objid)
        return x->objid < y->objid ? -1 : 1;
    return (int)x->role - (int)y->role;
}

static const char *role_text(const cat_ck_tree *t, char *buf, size_t cb)
{
    switch (t->role) {
    case CAT_CK_DATA: snprintf(buf, cb, "the data of table \"%s\"", t->table); break;
    case CAT_CK_LV: snprintf(buf, cb, "the long values of table \"%s\"", t->table); break;
    case CAT_CK_INDEX:
        snprintf(buf, cb, "index \"%s\" of table \"%s\"", t->index, t->table);
        break;
    default: snprintf(buf, cb, "a pending drop"); break;
    }
    return buf;
}

/* Every tree exists, none is reserved, none serves two objects. */
static void trees_pass(ck *k)
{
    qsort(k->trees, k->ntrees, sizeof *k->trees, tree_cmp);
    char a[160], b[160];
    for (size_t i = 0; i < k->ntrees; i++) {
        const cat_ck_tree *t = &k->trees[i];
        if (i > 0 && k->trees[i - 1].objid == t->objid) {
            const cat_ck_tree *p = &k->trees[i - 1];
            problem(k, p->table_objid ? p->table_objid : t->table_objid, t->index, t->objid,
                    "tree %u is both %s and %s", t->objid, role_text(p, a, sizeof a),
                    role_text(t, b, sizeof b));
            if (t->table_objid && p->table_objid != t->table_objid) {
                ck_tab *o = find_tab(k, t->table_objid);
                if (o != NULL)
                    o->t.rows_ok = false;
            }
            continue;
        }
        if (t->role == CAT_CK_DROP)
            continue;   /* its tree may be gone already (the sweep frees it first) */
        if (t->objid <= ST_CAT_OBJID) {
            problem(k, t->table_objid, t->index, t->objid, "%s is reserved tree %u",
                    role_text(t, a, sizeof a), t->objid);
            continue;
        }
        bt_tree *bt;
        JET_ERR e = st_tree_open(k->d->store, t->objid, &bt);
        if (e == JET_errObjectNotFound)
            problem(k, t->table_objid, t->index, t->objid,
                    "tree %u (%s) is not in the object directory", t->objid,
                    role_text(t, a, sizeof a));
        else if (e < 0)
            problem(k, t->table_objid, t->index, t->objid, "tree %u (%s) cannot be opened (error %d)",
                    t->objid, role_text(t, a, sizeof a), (int)e);
    }
}

/* ---- the walk ---------------------------------------------------------------------- */

static void rows_free(raw_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].key);
        free(rows[i].val);
    }
    free(rows);
}

/* Read every live row of the tree into memory (the catalog is small). */
static JET_ERR read_rows(ck *k, bt_tree *tree, cat_ck_result *out, raw_row **prows,
                         size_t *pn)
{
    raw_row *rows = NULL;
    size_t n = 0, cap = 0;
    vt_raw r;
    JET_ERR err;
    CHECK(vt_raw_open(tree, ROW_VMAX, &r));
    while ((err = vt_raw_next(&r)) >= 0) {
        out->bytes += r.klen + r.stored;
        if (r.state == VT_RAW_DELETED) {
            out->deleted_rows++;
            continue;
        }
        if (r.state == VT_RAW_BAD || r.klen == 0 || r.stored > ROW_VMAX) {
            problem(k, r.klen >= 5 ? be32(r.key + 1) : 0, NULL, 0,
                    "catalog row of kind 0x%02x is malformed (%zu bytes)",
                    r.klen ? r.key[0] : 0u, r.stored);
            continue;
        }
        out->rows++;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            raw_row *nr = realloc(rows, nc * sizeof *nr);
            if (nr == NULL) {
                err = JET_errOutOfMemory;
                break;
            }
            rows = nr;
            cap = nc;
        }
        raw_row *w = &rows[n];
        w->key = malloc(r.klen);
        w->val = malloc(r.vlen ? r.vlen : 1);
        if (w->key == NULL || w->val == NULL) {
            free(w->key);
            free(w->val);
            err = JET_errOutOfMemory;
            break;
        }
        memcpy(w->key, r.key, r.klen);
        if (r.vlen)
            memcpy(w->val, r.val, r.vlen);
        w->klen = r.klen;
        w->vlen = r.vlen;
        n++;
    }
    if (err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
    else if (err != JET_errOutOfMemory)
        problem(k, 0, NULL, ST_CAT_OBJID, "the catalog tree cannot be walked (error %d)",
                (int)err);
    vt_raw_close(&r);
done:
    if (err < 0) {
        rows_free(rows, n);
        return err;
    }
    *prows = rows;
    *pn = n;
    return JET_errSuccess;
}

JET_ERR cat_check(struct db *d, bt_tree *tree, cat_ck_problem_fn fn, void *ctx,
                  cat_ck_result *out)
{
    memset(out, 0, sizeof *out);
    if (d == NULL || d->store == NULL || tree == NULL || fn == NULL)
        return JET_errInvalidParameter;
    ck k;
    memset(&k, 0, sizeof k);
    k.d = d;
    k.fn = fn;
    k.ctx = ctx;
    raw_row *rows = NULL;
    size_t n = 0;
    uint32_t *prim = NULL;
    JET_ERR err;
    CHECK(read_rows(&k, tree, out, &rows, &n));
    CHECK(tables_pass(&k, rows, n));
    prim = calloc(k.ntabs ? k.ntabs : 1, sizeof *prim);
    if (prim == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    for (size_t i = 0; i < k.ntabs; i++) {
        CHECK(add_tree(&k, k.tabs[i].t.objid, CAT_CK_DATA, k.tabs[i].t.objid,
                       k.tabs[i].t.name, ""));
        CHECK(add_tree(&k, k.tabs[i].t.lv_objid, CAT_CK_LV, k.tabs[i].t.objid,
                       k.tabs[i].t.name, ""));
    }
    /* Columns before column names and indexes (which refer to them); the
     * rows are in key order, so one pass per kind. */
    for (size_t i = 0; i < n; i++)
        if (rows[i].key[0] == CAT_K_COL)
            CHECK(col_row(&k, &rows[i]));
    for (size_t i = 0; i < n; i++) {
        const raw_row *r = &rows[i];
        switch (r->key[0]) {
        case CAT_K_TABLE:
        case CAT_K_COL:
            break;
        case CAT_K_TNAME:
            tname_row(&k, r);
            break;
        case CAT_K_CNAME:
            cname_row(&k, r);
            break;
        case CAT_K_IDX:
            CHECK(idx_row(&k, r, prim, k.ntabs));
            break;
        case CAT_K_DROP:
            CHECK(drop_row(&k, r));
            break;
        case CAT_K_STATS:
            break;   /* below, once every index row added its tree */
        default:
            problem(&k, 0, NULL, 0, "catalog row of unknown kind 0x%02x", r->key[0]);
            break;
        }
    }
    for (size_t i = 0; i < n; i++)
        if (rows[i].key[0] == CAT_K_STATS)
            stats_row(&k, &rows[i]);
    for (size_t i = 0; i < k.ntabs; i++) {
        if (k.tabs[i].names != 1)
            problem(&k, k.tabs[i].t.objid, NULL, k.tabs[i].t.objid,
                    "the table has %u name rows instead of one", k.tabs[i].names);
    }
    for (size_t i = 0; i < k.ncols; i++) {
        if (k.cols[i].names != 1)
            problem(&k, k.cols[i].objid, NULL, k.cols[i].objid,
                    "column \"%s\" has %u name rows instead of one", k.cols[i].name,
                    k.cols[i].names);
    }
    trees_pass(&k);
    out->tables = malloc((k.ntabs ? k.ntabs : 1) * sizeof *out->tables);
    if (out->tables == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    for (size_t i = 0; i < k.ntabs; i++)
        out->tables[i] = k.tabs[i].t;
    out->ntables = k.ntabs;
    out->trees = k.trees;
    out->ntrees = k.ntrees;
    k.trees = NULL;
    err = JET_errSuccess;
done:
    rows_free(rows, n);
    free(prim);
    free(k.tabs);
    free(k.cols);
    free(k.trees);
    if (err < 0)
        cat_check_free(out);
    return err;
}

void cat_check_free(cat_ck_result *r)
{
    free(r->tables);
    free(r->trees);
    memset(r, 0, sizeof *r);
}

bool cat_check_is_catalog(bt_tree *tree)
{
    vt_raw r;
    if (vt_raw_open(tree, 16, &r) < 0)
        return true;
    bool any = false, yes = false;
    JET_ERR err = JET_errSuccess;
    for (int i = 0; i < 16 && !yes && (err = vt_raw_next(&r)) >= 0; i++) {
        any = true;
        uint8_t kind = r.klen > 0 ? r.key[0] : 0;
        yes = r.state != VT_RAW_BAD && r.klen >= 5 && r.vlen >= 1 &&
              r.val[0] == CAT_ROW_FORMAT &&
              (kind == CAT_K_TABLE || kind == CAT_K_TNAME || kind == CAT_K_COL ||
               kind == CAT_K_CNAME || kind == CAT_K_IDX || kind == CAT_K_DROP ||
               kind == CAT_K_STATS);
    }
    vt_raw_close(&r);
    if (err < 0 && err != JET_errNoCurrentRecord)
        return true;   /* unreadable: let the check say what is wrong */
    return yes || !any;
}

JET_ERR cat_check_load(struct db *d, uint32_t objid, cat_table **out)
{
    if (d == NULL || out == NULL)
        return JET_errInvalidParameter;
    return cat_table_load(NULL, d, objid, out);
}
