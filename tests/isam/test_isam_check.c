/*
 * test_isam_check.c: the integrity check (src/isam/isam_check.h).  A table
 * with a primary index, a unique, a descending, a multi-valued, a
 * conditional and a long-text index, NotNULL and long-value columns (some
 * separated), plus a table without a primary index, is built through the
 * public API and checked clean; then each test damages it through internal
 * APIs in one way — an index entry deleted, an orphan entry added, a record
 * changed behind its index, a long-value chunk dropped, an orphan chunk
 * added, a record's bytes or a catalog row garbled — and checks that the
 * problem is found, counted in its class and named.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "db/db.h"
#include "inst/inst.h"
#include "isam/isam_check.h"
#include "isam/isam_int.h"
#include "store/store.h"
#include "txn/ver_raw.h"

static tu_env env;

enum { K, TITLE, PRICE, TAGS, FLAG, BODY, NOTE, NN, NCOLS };
static const tu_col cols[NCOLS] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"title", JET_coltypText, 64, 0, 0, NULL, 0},
    {"price", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"tags", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, NULL, 0},
    {"flag", JET_coltypBit, 0, 0, 0, NULL, 0},
    {"body", JET_coltypLongBinary, 0, 0, 0, NULL, 0},
    {"note", JET_coltypLongText, 0, 0, 0, NULL, 0},
    {"nn", JET_coltypLong, 0, JET_bitColumnNotNULL, 0, NULL, 0},
};
static const tu_idx idx[] = {
    {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"utitle", "+title\0", sizeof "+title\0", JET_bitIndexUnique, 0, NULL, 0},
    {"iprice_desc", "-price\0", sizeof "-price\0", 0, 0, NULL, 0},
    {"itags", "+tags\0", sizeof "+tags\0", 0, 0, NULL, 0},
    {"icond", "+k\0", sizeof "+k\0", 0, 0, "flag", JET_bitIndexColumnMustBeNonNull},
    {"inote", "+note\0", sizeof "+note\0", 0, 0, NULL, 0},
};
#define NIDX (sizeof idx / sizeof idx[0])
static JET_COLUMNID cid[NCOLS];

static const tu_col seqcols[] = {
    {"v", JET_coltypText, 0, 0, 0, NULL, 0},
};
static const tu_idx seqidx[] = {
    {"iv", "+v\0", sizeof "+v\0", 0, 0, NULL, 0},
};

#define NROWS 30
#define BIG 20000u       /* three chunks */

static bool big_body(int k)
{
    return k % 3 == 0;
}

static bool big_note(int k)
{
    return k % 5 == 0;
}

static void put_row(JET_TABLEID t, int k, uint32_t prep)
{
    assert_jet_ok(JetPrepareUpdate(env.ses, t, prep));
    char buf[64];
    if (prep == JET_prepInsert)
        tu_set_long(env.ses, t, cid[K], k);
    snprintf(buf, sizeof buf, "title-%02d%s", k, prep == JET_prepInsert ? "" : "-b");
    tu_set_str(env.ses, t, cid[TITLE], buf);
    tu_set_long(env.ses, t, cid[PRICE], (k * 37) % 50);
    for (int j = 0; j < k % 4; j++) {
        snprintf(buf, sizeof buf, "t%d", (j + k) % 5);
        assert_jet_ok(JetSetColumn(env.ses, t, cid[TAGS], buf, (uint32_t)strlen(buf), 0, NULL));
    }
    if (k % 2 == 0) {
        uint8_t one = 1;
        assert_jet_ok(JetSetColumn(env.ses, t, cid[FLAG], &one, 1, 0, NULL));
    }
    size_t bl = big_body(k) ? BIG : 100;
    uint8_t *b = malloc(bl);
    for (size_t i = 0; i < bl; i++)
        b[i] = (uint8_t)(i * 7 + (size_t)k);
    assert_jet_ok(JetSetColumn(env.ses, t, cid[BODY], b, (uint32_t)bl, 0, NULL));
    free(b);
    size_t nl = big_note(k) ? 3000 : 12;
    char *n = malloc(nl);
    for (size_t i = 0; i < nl; i++)
        n[i] = (char)('a' + (i + (size_t)k) % 26);
    assert_jet_ok(JetSetColumn(env.ses, t, cid[NOTE], n, (uint32_t)nl, 0, NULL));
    free(n);
    tu_set_long(env.ses, t, cid[NN], k);
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
}

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_check");
    JET_TABLEID t;
    tu_table(&env, "books", cols, NCOLS, idx, NIDX, &t, cid);
    assert_jet_ok(JetBeginTransaction(env.ses));
    for (int k = 1; k <= NROWS; k++)
        put_row(t, k, JET_prepInsert);
    assert_jet_ok(JetCommitTransaction(env.ses, 0));
    /* A replace and two deletes: flag-deleted rows count as absent. */
    tu_seek_long(env.ses, t, 28, JET_bitSeekEQ, JET_errSuccess);
    put_row(t, 28, JET_prepReplace);
    for (int k = 29; k <= 30; k++) {
        tu_seek_long(env.ses, t, k, JET_bitSeekEQ, JET_errSuccess);
        assert_jet_ok(JetDelete(env.ses, t));
    }
    assert_jet_ok(JetCloseTable(env.ses, t));
    JET_COLUMNID sc;
    tu_table(&env, "seq", seqcols, 1, seqidx, 1, &t, &sc);
    for (int i = 0; i < 10; i++) {
        char v[16];
        snprintf(v, sizeof v, "v%d", i % 4);
        assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsert));
        tu_set_str(env.ses, t, sc, v);
        assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    }
    assert_jet_ok(JetCloseTable(env.ses, t));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_close(&env);
    return 0;
}

/* ---- a look inside ---------------------------------------------------------------- */

typedef struct inner {
    sess *s;
    db *d;
    cat_table *t;
} inner;

static void in_get(inner *in)
{
    assert_jet_ok(sess_acquire(env.ses, &in->s));
    assert_jet_ok(db_pin_opened(in->s, env.dbid, &in->d));
    assert_jet_ok(cat_table_get(NULL, in->d, "books", &in->t));
}

static void in_put(inner *in)
{
    cat_table_release(in->t);
    db_unpin(in->d);
    sess_release(in->s);
}

static bt_tree *tree(inner *in, uint32_t objid)
{
    bt_tree *t;
    assert_jet_ok(st_tree_open(in->d->store, objid, &t));
    return t;
}

static bt_tree *index_tree(inner *in, const char *name)
{
    const cat_index *ix = cat_index_by_name(in->t, name);
    assert_non_null(ix);
    return tree(in, ix->objid);
}

/* Run the check; max_details 0 = the default. */
static JET_ERR check(isam_ck_report *r, uint32_t max_details)
{
    inner in;
    in_get(&in);
    isam_ck_opts o;
    memset(&o, 0, sizeof o);
    o.max_details = max_details;
    JET_ERR err = isam_check_database(in.s, in.d, &o, r);
    in_put(&in);
    return err;
}

static const isam_ck_table *table_of(const isam_ck_report *r, const char *name)
{
    for (size_t i = 0; i < r->ntables; i++)
        if (strcmp(r->tables[i].name, name) == 0)
            return &r->tables[i];
    fail_msg("table %s not in the report", name);
    return NULL;
}

/* Exactly n problems, all of class cls, named table/index, the first
 * containing `words`. */
static void expect_only(const isam_ck_report *r, isam_ck_class cls, uint64_t n,
                        const char *table, const char *index, const char *words)
{
    for (int c = 0; c < ISAM_CK_NCLASS; c++) {
        if (r->count[c] != (c == (int)cls ? n : 0)) {
            for (size_t i = 0; i < r->ndetails; i++)
                print_message("  [%s] %s/%s: %s\n", isam_ck_class_name(r->details[i].cls),
                              r->details[i].table, r->details[i].index, r->details[i].msg);
            fail_msg("class %s: %llu problems, want %llu", isam_ck_class_name((isam_ck_class)c),
                     (unsigned long long)r->count[c],
                     (unsigned long long)(c == (int)cls ? n : 0));
        }
    }
    assert_true(r->ndetails >= 1);
    const isam_ck_problem *p = &r->details[0];
    assert_int_equal(p->cls, cls);
    assert_string_equal(p->table, table);
    assert_string_equal(p->index, index);
    if (strstr(p->msg, words) == NULL)
        fail_msg("message \"%s\" lacks \"%s\"", p->msg, words);
}

/* The primary bookmark of record k of "books". */
static size_t bookmark(int k, uint8_t *bm)
{
    JET_TABLEID t = tu_open_table(&env, env.ses, "books", 0);
    tu_seek_long(env.ses, t, k, JET_bitSeekEQ, JET_errSuccess);
    uint32_t n = 0;
    assert_jet_ok(JetGetBookmark(env.ses, t, bm, JET_cbBookmarkMost, &n));
    assert_jet_ok(JetCloseTable(env.ses, t));
    return n;
}

/* Stored row of a tree (flag byte first) into buf. */
static size_t raw_get(bt_tree *t, const uint8_t *key, size_t klen, uint8_t *buf, size_t cb)
{
    size_t actual = 0;
    assert_jet_ok(bt_get(t, key, klen, 0, buf, cb, &actual));
    assert_true(actual <= cb);
    return actual;
}

/* ---- tests ----------------------------------------------------------------------------- */

static void test_clean(void **state)
{
    (void)state;
    isam_ck_report r;
    assert_jet_ok(check(&r, 0));
    assert_true(r.has_catalog);
    assert_int_equal(r.corrupt, 0);
    assert_int_equal(r.ndetails, 0);
    for (int c = 0; c < ISAM_CK_NCLASS; c++)
        assert_int_equal(r.count[c], 0);
    assert_int_equal(r.ntables, 2);
    const isam_ck_table *b = table_of(&r, "books");
    assert_true(b->checked && b->lv_checked);
    assert_string_equal(b->skipped, "");
    assert_int_equal(b->records, NROWS - 2);
    /* bodies of 3, 6, ..., 27 (30 deleted) and notes of 5, ..., 25 */
    assert_int_equal(b->long_values, 9 + 5);
    assert_int_equal(b->nidx, NIDX);
    assert_true(b->idx[0].primary);
    for (size_t i = 0; i < b->nidx; i++) {
        assert_true(b->idx[i].checked);
        assert_int_equal(b->idx[i].entries, b->idx[i].expected);
        if (strcmp(b->idx[i].name, "utitle") == 0 || strcmp(b->idx[i].name, "pk") == 0 ||
            strcmp(b->idx[i].name, "iprice_desc") == 0)
            assert_int_equal(b->idx[i].entries, NROWS - 2);
        if (strcmp(b->idx[i].name, "icond") == 0)
            assert_int_equal(b->idx[i].entries, 14);   /* even k up to 28 */
    }
    const isam_ck_table *s = table_of(&r, "seq");
    assert_true(s->checked);
    assert_int_equal(s->records, 10);
    assert_int_equal(s->nidx, 1);
    assert_int_equal(s->idx[0].entries, 10);
    /* every tree: directory, catalog, 2 x (data + lv) + 5 + 1 indexes */
    assert_int_equal(r.ntrees, 2 + 4 + 6);
    for (size_t i = 0; i < r.ntrees; i++) {
        assert_true(r.trees[i].err >= 0);
        assert_int_not_equal(r.trees[i].role, ISAM_CK_ROLE_OTHER);
    }
    assert_int_equal(r.records, NROWS - 2 + 10);
    isam_check_report_free(&r);

    /* Not inside a transaction. */
    inner in;
    in_get(&in);
    assert_jet_ok(JetBeginTransaction(env.ses));
    assert_jet(JET_errInTransaction, isam_check_database(in.s, in.d, NULL, &r));
    assert_jet_ok(JetRollback(env.ses, 0));
    isam_check_report_free(&r);
    in_put(&in);
}

/* DDL leaves things behind that are not damage: trees of a deleted table
 * and index awaiting their free, values (and separated long values) of a
 * deleted column in the records. */
static void test_clean_after_ddl(void **state)
{
    (void)state;
    JET_TABLEID t;
    assert_jet_ok(JetOpenTableA(env.ses, env.dbid, "books", NULL, 0, JET_bitTableDenyRead, &t));
    assert_jet_ok(JetDeleteIndexA(env.ses, t, "inote"));
    assert_jet_ok(JetDeleteColumnA(env.ses, t, "note"));
    assert_jet_ok(JetCloseTable(env.ses, t));
    JET_COLUMNID c;
    tu_table(&env, "tmp", seqcols, 1, seqidx, 1, &t, &c);
    assert_jet_ok(JetCloseTable(env.ses, t));
    assert_jet_ok(JetDeleteTableA(env.ses, env.dbid, "tmp"));
    isam_ck_report r;
    assert_jet_ok(check(&r, 0));
    for (int k = 0; k < ISAM_CK_NCLASS; k++)
        assert_int_equal(r.count[k], 0);
    assert_int_equal(r.ntables, 2);
    const isam_ck_table *b = table_of(&r, "books");
    assert_int_equal(b->nidx, NIDX - 1);
    /* the notes still belong to their records */
    assert_int_equal(b->long_values, 9 + 5);
    size_t dropped = 0;
    for (size_t i = 0; i < r.ntrees; i++)
        dropped += r.trees[i].role == ISAM_CK_ROLE_DROPPED;
    assert_true(dropped >= 1);
    isam_check_report_free(&r);

    /* The separated values of the deleted column go with their records:
     * a deleted record frees its note (5), a copy leaves the note out and
     * copies the body (15 -> 115), deleting the original then frees both of
     * its values and leaves the copy whole. */
    t = tu_open_table(&env, env.ses, "books", 0);
    tu_seek_long(env.ses, t, 5, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetDelete(env.ses, t));
    tu_seek_long(env.ses, t, 15, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetPrepareUpdate(env.ses, t, JET_prepInsertCopy));
    tu_set_long(env.ses, t, cid[K], 115);
    assert_jet_ok(JetSetColumn(env.ses, t, cid[TITLE], "copy-115", 8, 0, NULL));
    assert_jet_ok(JetUpdate(env.ses, t, NULL, 0, NULL));
    assert_jet_ok(check(&r, 0));
    for (int k = 0; k < ISAM_CK_NCLASS; k++)
        assert_int_equal(r.count[k], 0);
    assert_int_equal(table_of(&r, "books")->long_values, 9 + 5 - 1 + 1);
    isam_check_report_free(&r);
    tu_seek_long(env.ses, t, 15, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetDelete(env.ses, t));
    assert_jet_ok(check(&r, 0));
    for (int k = 0; k < ISAM_CK_NCLASS; k++)
        assert_int_equal(r.count[k], 0);
    assert_int_equal(table_of(&r, "books")->long_values, 9 + 5 - 1 + 1 - 2);
    isam_check_report_free(&r);
    tu_seek_long(env.ses, t, 115, JET_bitSeekEQ, JET_errSuccess);
    uint8_t body[BIG];
    uint32_t got = 0;
    assert_jet_ok(JetRetrieveColumn(env.ses, t, cid[BODY], body, sizeof body, &got, 0, NULL));
    assert_int_equal(got, BIG);
    assert_jet_ok(JetCloseTable(env.ses, t));
}

static void test_index_entry_deleted(void **state)
{
    (void)state;
    inner in;
    in_get(&in);
    bt_tree *it = index_tree(&in, "itags");
    vt_raw w;
    assert_jet_ok(vt_raw_open(it, 4096, &w));
    do
        assert_jet_ok(vt_raw_next(&w));
    while (w.state != VT_RAW_LIVE);
    assert_jet_ok(bt_delete(it, 0, w.key, w.klen));
    vt_raw_close(&w);
    in_put(&in);
    isam_ck_report r;
    assert_jet(JET_errDatabaseCorrupted, check(&r, 0));
    expect_only(&r, ISAM_CK_IDX_MISSING, 1, "books", "itags", "has no entry");
    const isam_ck_table *b = table_of(&r, "books");
    assert_int_equal(b->problems, 1);
    isam_check_report_free(&r);
}

static void test_orphan_entry(void **state)
{
    (void)state;
    inner in;
    in_get(&in);
    bt_tree *it = index_tree(&in, "iprice_desc");
    vt_raw w;
    assert_jet_ok(vt_raw_open(it, 4096, &w));
    do
        assert_jet_ok(vt_raw_next(&w));
    while (w.state != VT_RAW_LIVE);
    /* The same key for a record that does not exist: the bookmark's last
     * byte changed (k +- 128) in the key's suffix and in the value. */
    uint8_t key[BT_KEY_MAX], val[BT_KEY_MAX + 1];
    memcpy(key, w.key, w.klen);
    key[w.klen - 1] ^= 0x80;
    val[0] = 0;
    memcpy(val + 1, w.val, w.vlen);
    val[w.vlen] ^= 0x80;
    assert_jet_ok(bt_insert(it, 0, key, w.klen, val, w.vlen + 1));
    vt_raw_close(&w);
    in_put(&in);
    isam_ck_report r;
    assert_jet(JET_errDatabaseCorrupted, check(&r, 0));
    expect_only(&r, ISAM_CK_IDX_ORPHAN, 1, "books", "iprice_desc", "does not exist");
    isam_check_report_free(&r);
}

static void test_stale_entry(void **state)
{
    (void)state;
    uint8_t bm[JET_cbBookmarkMost];
    size_t bmlen = bookmark(4, bm);
    inner in;
    in_get(&in);
    bt_tree *data = tree(&in, in.t->objid);
    uint8_t row[4096];
    size_t n = raw_get(data, bm, bmlen, row, sizeof row);
    assert_int_equal(row[0], 0);
    /* price 4*37%50 = 48 becomes 777 without the index being told */
    rec_buf rb;
    rec_buf_init(&rb);
    assert_jet_ok(rec_buf_load(&rb, row + 1, n - 1));
    int32_t price = 777;
    assert_jet_ok(rec_set(&rb, &cat_column_by_id(in.t, cid[PRICE])->def, 1, &price, 4, 0,
                          REC_LEN_MAX));
    row[0] = 0;
    memcpy(row + 1, rb.data, rb.len);
    assert_jet_ok(bt_replace(data, 0, bm, bmlen, row, rb.len + 1));
    rec_buf_free(&rb);
    in_put(&in);
    isam_ck_report r;
    assert_jet(JET_errDatabaseCorrupted, check(&r, 0));
    assert_int_equal(r.count[ISAM_CK_IDX_STALE], 1);
    assert_int_equal(r.count[ISAM_CK_IDX_MISSING], 1);
    assert_int_equal(r.corrupt, 2);
    for (size_t i = 0; i < r.ndetails; i++) {
        assert_string_equal(r.details[i].table, "books");
        assert_string_equal(r.details[i].index, "iprice_desc");
        if (r.details[i].cls == ISAM_CK_IDX_STALE)
            assert_non_null(strstr(r.details[i].msg, "does not have that key"));
    }
    isam_check_report_free(&r);
}

/* The lvid of the separated body of record k. */
static uint64_t body_lvid(inner *in, int k, uint64_t *size)
{
    uint8_t bm[JET_cbBookmarkMost];
    size_t bmlen = bookmark(k, bm);
    uint8_t row[4096];
    size_t n = raw_get(tree(in, in->t->objid), bm, bmlen, row, sizeof row);
    const void *data;
    size_t cb;
    unsigned flags;
    assert_jet_ok(rec_get(row + 1, n - 1, &cat_column_by_id(in->t, cid[BODY])->def, 1, &data,
                          &cb, &flags));
    assert_true(flags & REC_VAL_SEPARATED);
    uint64_t lvid;
    isam_lv_ref_decode(data, &lvid, size);
    return lvid;
}

static void lv_key(uint8_t key[ISAM_LV_KEY_LEN], uint64_t lvid, uint32_t chunk)
{
    isam_put_be64(key, lvid);
    key[8] = (uint8_t)(chunk >> 24);
    key[9] = (uint8_t)(chunk >> 16);
    key[10] = (uint8_t)(chunk >> 8);
    key[11] = (uint8_t)chunk;
}

static void test_lv_chunk_dropped(void **state)
{
    (void)state;
    inner in;
    in_get(&in);
    uint64_t size;
    uint64_t lvid = body_lvid(&in, 3, &size);
    assert_int_equal(size, BIG);
    uint8_t key[ISAM_LV_KEY_LEN];
    lv_key(key, lvid, 1);
    assert_jet_ok(bt_delete(tree(&in, in.t->lv_objid), 0, key, sizeof key));
    in_put(&in);
    isam_ck_report r;
    assert_jet(JET_errDatabaseCorrupted, check(&r, 0));
    expect_only(&r, ISAM_CK_LV, 1, "books", "", "chunk 1 is missing");
    assert_non_null(strstr(r.details[0].msg, "\"body\""));
    isam_check_report_free(&r);
}

static void test_lv_orphan(void **state)
{
    (void)state;
    inner in;
    in_get(&in);
    bt_tree *lv = tree(&in, in.t->lv_objid);
    for (uint64_t i = 0; i < 5; i++) {
        uint8_t key[ISAM_LV_KEY_LEN];
        lv_key(key, 0x70000 + i, 0);
        static const uint8_t val[] = {0, 'o', 'r', 'p', 'h'};
        assert_jet_ok(bt_insert(lv, 0, key, sizeof key, val, sizeof val));
    }
    in_put(&in);
    isam_ck_report r;
    /* Five problems, two details kept (max_details). */
    assert_jet(JET_errDatabaseCorrupted, check(&r, 2));
    expect_only(&r, ISAM_CK_LV_ORPHAN, 5, "books", "", "belongs to no record");
    assert_int_equal(r.ndetails, 2);
    isam_check_report_free(&r);
}

static void test_record_garbled(void **state)
{
    (void)state;
    uint8_t bm[JET_cbBookmarkMost];
    size_t bmlen = bookmark(7, bm);
    inner in;
    in_get(&in);
    static const uint8_t junk[] = {0, 0xff, 0xff, 0xff, 0xff, 1, 2, 3};
    assert_jet_ok(bt_replace(tree(&in, in.t->objid), 0, bm, bmlen, junk, sizeof junk));
    in_put(&in);
    isam_ck_report r;
    assert_jet(JET_errDatabaseCorrupted, check(&r, 0));
    /* Only the record: its index entries are not judged. */
    expect_only(&r, ISAM_CK_RECORD, 1, "books", "", "is damaged");
    isam_check_report_free(&r);
}

static void test_record_rules(void **state)
{
    (void)state;
    uint8_t bm[JET_cbBookmarkMost];
    size_t bmlen = bookmark(8, bm);
    inner in;
    in_get(&in);
    bt_tree *data = tree(&in, in.t->objid);
    uint8_t row[4096];
    size_t n = raw_get(data, bm, bmlen, row, sizeof row);
    rec_buf rb;
    rec_buf_init(&rb);
    assert_jet_ok(rec_buf_load(&rb, row + 1, n - 1));
    /* The NotNULL column loses its value; a tagged column the table never
     * defined gets one. */
    rec_coldef nn = cat_column_by_id(in.t, cid[NN])->def;
    nn.grbit &= ~(JET_GRBIT)JET_bitColumnNotNULL;   /* rec_set refuses NULL otherwise */
    assert_jet_ok(rec_set(&rb, &nn, 1, NULL, 0, 0, REC_LEN_MAX));
    rec_coldef ghost = {.colid = 60000, .coltyp = JET_coltypBinary, .grbit = JET_bitColumnTagged};
    assert_jet_ok(rec_set(&rb, &ghost, 1, "x", 1, 0, REC_LEN_MAX));
    row[0] = 0;
    memcpy(row + 1, rb.data, rb.len);
    assert_jet_ok(bt_replace(data, 0, bm, bmlen, row, rb.len + 1));
    rec_buf_free(&rb);
    in_put(&in);
    isam_ck_report r;
    assert_jet(JET_errDatabaseCorrupted, check(&r, 0));
    assert_int_equal(r.count[ISAM_CK_RECORD], 2);
    assert_int_equal(r.corrupt, 2);
    bool nnull = false, undefined = false;
    for (size_t i = 0; i < r.ndetails; i++) {
        nnull |= strstr(r.details[i].msg, "\"nn\" must not be NULL") != NULL;
        undefined |= strstr(r.details[i].msg, "column id 60000") != NULL;
    }
    assert_true(nnull && undefined);
    isam_check_report_free(&r);
}

static void test_unique_duplicate(void **state)
{
    (void)state;
    /* Record 10 gets record 11's title, and its utitle entry goes: the
     * unique index would need two entries with one key. */
    uint8_t bm[JET_cbBookmarkMost];
    size_t bmlen = bookmark(10, bm);
    inner in;
    in_get(&in);
    bt_tree *data = tree(&in, in.t->objid);
    uint8_t row[4096];
    size_t n = raw_get(data, bm, bmlen, row, sizeof row);
    rec_buf rb;
    rec_buf_init(&rb);
    assert_jet_ok(rec_buf_load(&rb, row + 1, n - 1));
    assert_jet_ok(rec_set(&rb, &cat_column_by_id(in.t, cid[TITLE])->def, 1, "title-11", 8, 0,
                          REC_LEN_MAX));
    row[0] = 0;
    memcpy(row + 1, rb.data, rb.len);
    assert_jet_ok(bt_replace(data, 0, bm, bmlen, row, rb.len + 1));
    rec_buf_free(&rb);
    /* delete its old entry "title-10" (unique: the key alone) */
    bt_tree *it = index_tree(&in, "utitle");
    vt_raw w;
    assert_jet_ok(vt_raw_open(it, 4096, &w));
    bool found = false;
    while (!found && vt_raw_next(&w) >= 0)
        found = w.vlen == bmlen && memcmp(w.val, bm, bmlen) == 0;
    assert_true(found);
    assert_jet_ok(bt_delete(it, 0, w.key, w.klen));
    vt_raw_close(&w);
    in_put(&in);
    isam_ck_report r;
    assert_jet(JET_errDatabaseCorrupted, check(&r, 0));
    expect_only(&r, ISAM_CK_IDX_DUP, 1, "books", "utitle", "same key");
    isam_check_report_free(&r);
}

static void test_catalog_row(void **state)
{
    (void)state;
    inner in;
    in_get(&in);
    bt_tree *cat = tree(&in, ST_CAT_OBJID);
    /* The column row of "price": 0x20, objid, colid (big-endian). */
    uint8_t key[9] = {0x20};
    uint32_t objid = in.t->objid, colid = cid[PRICE];
    for (int i = 0; i < 4; i++) {
        key[1 + i] = (uint8_t)(objid >> (24 - 8 * i));
        key[5 + i] = (uint8_t)(colid >> (24 - 8 * i));
    }
    static const uint8_t bad[] = {0, 9, 9, 9};
    assert_jet_ok(bt_replace(cat, 0, key, sizeof key, bad, sizeof bad));
    in_put(&in);
    isam_ck_report r;
    assert_jet(JET_errDatabaseCorrupted, check(&r, 0));
    assert_true(r.count[ISAM_CK_CATALOG] >= 1);
    assert_int_equal(r.corrupt, r.count[ISAM_CK_CATALOG]);
    assert_int_equal(r.details[0].cls, ISAM_CK_CATALOG);
    assert_string_equal(r.details[0].table, "books");
    assert_non_null(strstr(r.details[0].msg, "does not decode"));
    const isam_ck_table *b = table_of(&r, "books");
    assert_false(b->checked);
    assert_non_null(strstr(b->skipped, "catalog"));
    /* the other table is still checked */
    assert_true(table_of(&r, "seq")->checked);
    isam_check_report_free(&r);
}

static void test_unreferenced_tree(void **state)
{
    (void)state;
    inner in;
    in_get(&in);
    assert_jet_ok(JetBeginTransaction(env.ses));
    vtx *x = vtx_current(in.s);
    uint64_t txid;
    assert_jet_ok(vtx_txid(x, &txid));
    uint32_t objid;
    assert_jet_ok(st_tree_create(in.d->store, txid, &objid));
    assert_jet_ok(JetCommitTransaction(env.ses, 0));
    in_put(&in);
    isam_ck_report r;
    /* a leak is a warning, not corruption */
    assert_jet_ok(check(&r, 0));
    expect_only(&r, ISAM_CK_UNREF, 1, "", "", "named by no catalog row");
    assert_int_equal(r.details[0].objid, objid);
    isam_check_report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clean_after_ddl, setup, teardown),
        cmocka_unit_test_setup_teardown(test_index_entry_deleted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_orphan_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stale_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lv_chunk_dropped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lv_orphan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_record_garbled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_record_rules, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unique_duplicate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_catalog_row, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unreferenced_tree, setup, teardown),
    };
    return cmocka_run_group_tests_name("isam_check", tests, NULL, NULL);
}
