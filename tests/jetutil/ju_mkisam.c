/*
 * ju_mkisam.c: `ju_mkdata isam DIR [DAMAGE]` — DIR/inst: an instance
 * folder shut down cleanly whose database isam.edb holds a table "books"
 * (a primary, a unique, a descending and a multi-valued index, separated
 * long values) made through the public API, then damaged through the
 * engine's internal API in one way:
 *
 *   entry    an entry of index "itags" deleted
 *   orphan   an entry of index "iprice_desc" for a record that does not exist
 *   lv       chunk 1 of a long value deleted
 *   record   a record's bytes garbled
 *
 * jetutil /g must find exactly that problem (tests/jetutil/test_jetutil.sh).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "db/db.h"
#include "inst/inst.h"
#include "jetdb.h"
#include "os/os.h"
#include "store/store.h"
#include "txn/ver_raw.h"

void mk_isam(const char *dir, const char *damage);

#define ROWS 40

static JET_COLUMNID make_column(JET_SESID s, JET_TABLEID t, const char *name, JET_COLTYP typ,
                                JET_GRBIT grbit)
{
    JET_COLUMNDEF cd;
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = typ;
    cd.grbit = grbit;
    cd.cp = typ == JET_coltypText ? 1252 : 0;
    JET_COLUMNID id;
    assert_jet_ok(JetAddColumnA(s, t, name, &cd, NULL, 0, &id));
    return id;
}

static void make_index(JET_SESID s, JET_TABLEID t, const char *name, const char *key,
                       uint32_t cbkey, JET_GRBIT grbit)
{
    assert_jet_ok(JetCreateIndexA(s, t, name, grbit, key, cbkey, 80));
}

/* The first live entry of a tree. */
static void first_live(bt_tree *t, vt_raw *w)
{
    assert_jet_ok(vt_raw_open(t, 4096, w));
    do
        assert_jet_ok(vt_raw_next(w));
    while (w->state != VT_RAW_LIVE);
}

static void do_damage(JET_SESID ses, JET_DBID dbid, const char *damage, const uint8_t *bm3,
                      size_t bm3len)
{
    sess *s;
    db *d;
    cat_table *t;
    assert_jet_ok(sess_acquire(ses, &s));
    assert_jet_ok(db_pin_opened(s, dbid, &d));
    assert_jet_ok(cat_table_get(NULL, d, "books", &t));
    bt_tree *tree;
    vt_raw w;
    if (strcmp(damage, "entry") == 0) {
        assert_jet_ok(st_tree_open(d->store, cat_index_by_name(t, "itags")->objid, &tree));
        first_live(tree, &w);
        assert_jet_ok(bt_delete(tree, 0, w.key, w.klen));
        vt_raw_close(&w);
    } else if (strcmp(damage, "orphan") == 0) {
        assert_jet_ok(st_tree_open(d->store, cat_index_by_name(t, "iprice_desc")->objid,
                                   &tree));
        first_live(tree, &w);
        uint8_t key[BT_KEY_MAX], val[BT_KEY_MAX + 1];
        memcpy(key, w.key, w.klen);
        key[w.klen - 1] ^= 0x80;   /* another bookmark: k +- 128 */
        val[0] = 0;
        memcpy(val + 1, w.val, w.vlen);
        val[w.vlen] ^= 0x80;
        assert_jet_ok(bt_insert(tree, 0, key, w.klen, val, w.vlen + 1));
        vt_raw_close(&w);
    } else if (strcmp(damage, "lv") == 0) {
        assert_jet_ok(st_tree_open(d->store, t->lv_objid, &tree));
        first_live(tree, &w);
        uint8_t key[12];
        memcpy(key, w.key, 8);
        memset(key + 8, 0, 4);
        key[11] = 1;
        assert_jet_ok(bt_delete(tree, 0, key, sizeof key));
        vt_raw_close(&w);
    } else if (strcmp(damage, "record") == 0) {
        assert_jet_ok(st_tree_open(d->store, t->objid, &tree));
        static const uint8_t junk[] = {0, 0xff, 0xff, 0xff, 0xff, 1, 2, 3};
        assert_jet_ok(bt_replace(tree, 0, bm3, bm3len, junk, sizeof junk));
    } else if (strcmp(damage, "none") != 0) {
        fail_msg("unknown damage %s", damage);
    }
    cat_table_release(t);
    db_unpin(d);
    sess_release(s);
}

void mk_isam(const char *dir, const char *damage)
{
    char idir[600], folder[610], dbpath[640];
    snprintf(idir, sizeof idir, "%s/inst", dir);
    snprintf(folder, sizeof folder, "%s/", idir);
    snprintf(dbpath, sizeof dbpath, "%s/isam.edb", idir);
    assert_int_equal(os_mkdir_p(idir), 0);
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    JET_INSTANCE in;
    JET_SESID ses;
    JET_DBID dbid;
    assert_jet_ok(JetCreateInstanceA(&in, "mkisam"));
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetInit(&in));
    assert_jet_ok(JetBeginSessionA(in, &ses, NULL, NULL));
    assert_jet_ok(JetCreateDatabaseA(ses, dbpath, NULL, &dbid, 0));
    JET_TABLEID t;
    assert_jet_ok(JetCreateTableA(ses, dbid, "books", 0, 80, &t));
    JET_COLUMNID k = make_column(ses, t, "k", JET_coltypLong, 0);
    JET_COLUMNID title = make_column(ses, t, "title", JET_coltypText, 0);
    JET_COLUMNID price = make_column(ses, t, "price", JET_coltypLong, 0);
    JET_COLUMNID tags = make_column(ses, t, "tags", JET_coltypText,
                                    JET_bitColumnTagged | JET_bitColumnMultiValued);
    JET_COLUMNID body = make_column(ses, t, "body", JET_coltypLongBinary, 0);
    make_index(ses, t, "pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary);
    make_index(ses, t, "utitle", "+title\0", sizeof "+title\0", JET_bitIndexUnique);
    make_index(ses, t, "iprice_desc", "-price\0", sizeof "-price\0", 0);
    make_index(ses, t, "itags", "+tags\0", sizeof "+tags\0", 0);
    uint8_t bm3[JET_cbBookmarkMost];
    uint32_t bm3len = 0;
    static uint8_t blob[20000];
    assert_jet_ok(JetBeginTransaction(ses));
    for (int32_t i = 1; i <= ROWS; i++) {
        char buf[32];
        assert_jet_ok(JetPrepareUpdate(ses, t, JET_prepInsert));
        assert_jet_ok(JetSetColumn(ses, t, k, &i, sizeof i, 0, NULL));
        snprintf(buf, sizeof buf, "title %d", i);
        assert_jet_ok(JetSetColumn(ses, t, title, buf, (uint32_t)strlen(buf), 0, NULL));
        int32_t p = (i * 13) % 17;
        assert_jet_ok(JetSetColumn(ses, t, price, &p, sizeof p, 0, NULL));
        for (int j = 0; j < i % 3; j++) {
            snprintf(buf, sizeof buf, "tag%d", (i + j) % 7);
            assert_jet_ok(JetSetColumn(ses, t, tags, buf, (uint32_t)strlen(buf), 0, NULL));
        }
        memset(blob, i, sizeof blob);
        uint32_t bl = i % 4 == 0 ? (uint32_t)sizeof blob : 50;
        assert_jet_ok(JetSetColumn(ses, t, body, blob, bl, 0, NULL));
        uint8_t other[JET_cbBookmarkMost];
        uint32_t otherlen = 0;
        assert_jet_ok(JetUpdate(ses, t, i == 3 ? bm3 : other, JET_cbBookmarkMost,
                                i == 3 ? &bm3len : &otherlen));
    }
    assert_jet_ok(JetCommitTransaction(ses, 0));
    assert_jet_ok(JetCloseTable(ses, t));
    do_damage(ses, dbid, damage, bm3, bm3len);
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(in));
}
