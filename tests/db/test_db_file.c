/*
 * test_db_file.c: src/db's page layer — verified reads (flipped byte →
 * JET_errReadVerifyFailure + event 474, misplaced page →
 * JET_errReadPgnoVerifyFailure + event 475, never-written page →
 * JET_errPageNotInitialized + 476), the logged page allocator (src/store)
 * and its free list, growth by JET_paramDbExtensionSize and the
 * cpgDatabaseSizeMax limit.
 */
#include "dbtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "inst/inst.h"
#include "page/page.h"
#include "store/store.h"

static JET_INSTANCE g_inst;
static JET_SESID g_ses;

static int setup(void **state)
{
    (void)state;
    dt_setup_dir("dbfile");
    g_inst = dt_instance("file");
    assert_jet_ok(JetSetSystemParameterA(&g_inst, 0, JET_paramEnableAdvanced, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(&g_inst, 0, JET_paramDbExtensionSize, 4, NULL));
    g_ses = dt_session(g_inst);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    dt_end_session(g_ses);
    dt_term(g_inst, true);
    dt_teardown_dir();
    return 0;
}

/* Pin the db behind a session's dbid. */
static db *pin(JET_DBID dbid)
{
    sess *s;
    assert_jet_ok(sess_acquire(g_ses, &s));
    db *d;
    assert_jet_ok(db_pin_opened(s, dbid, &d));
    sess_release(s);
    return d;
}

static void test_alloc_free_growth(void **state)
{
    (void)state;
    char *p = dt_path("space.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    /* One extension holds the space page and the directory root (page 2). */
    assert_int_equal((DB_HDR_PAGES + 4) * 4096, dt_file_size(p));
    db *d = pin(dbid);
    st_db *st = d->store;
    assert_non_null(st);
    uint32_t pg[8];
    for (int i = 0; i < 6; i++) {
        assert_jet_ok(st_alloc_page(st, &pg[i]));
        assert_int_equal(3 + i, pg[i]);
    }
    /* 8 pages used: the file grew by one more extension. */
    assert_int_equal((DB_HDR_PAGES + 8) * 4096, dt_file_size(p));
    uint32_t owned, avail;
    assert_jet_ok(st_space_info(st, &owned, &avail));
    assert_int_equal(8, owned);
    assert_int_equal(0, avail);

    /* Free two pages: LIFO reuse. */
    assert_jet_ok(st_free_page(st, pg[1]));
    assert_jet_ok(st_free_page(st, pg[3]));
    assert_jet(JET_errInvalidParameter, st_free_page(st, 1));
    assert_jet(JET_errInvalidParameter, st_free_page(st, 100));
    assert_jet_ok(st_space_info(st, &owned, &avail));
    assert_int_equal(2, avail);
    uint32_t again;
    assert_jet_ok(st_alloc_page(st, &again));
    assert_int_equal(pg[3], again);
    assert_jet_ok(st_alloc_page(st, &again));
    assert_int_equal(pg[1], again);
    assert_jet_ok(st_alloc_page(st, &again));
    assert_int_equal(9, again);

    /* Through the API too. */
    uint32_t v;
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoSpaceAvailable));
    assert_int_equal(3, v);   /* the extension holds 10, 11 and 12 */

    /* The allocator state survives detach/attach (it lives in pages). */
    db_unpin(d);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    assert_jet_ok(JetAttachDatabaseA(g_ses, p, 0));
    assert_jet_ok(JetOpenDatabaseA(g_ses, p, NULL, &dbid, 0));
    d = pin(dbid);
    assert_jet_ok(st_alloc_page(d->store, &again));
    assert_int_equal(10, again);
    db_unpin(d);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    free(p);
}

static void test_size_limit(void **state)
{
    (void)state;
    char *p = dt_path("limit.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabase2A(g_ses, p, 6, &dbid, 0));
    db *d = pin(dbid);
    uint32_t pgno;
    for (int i = 0; i < 4; i++)
        assert_jet_ok(st_alloc_page(d->store, &pgno));
    assert_int_equal(6, pgno);
    assert_int_equal((DB_HDR_PAGES + 6) * 4096, dt_file_size(p));
    assert_jet(JET_errOutOfDatabaseSpace, st_alloc_page(d->store, &pgno));
    assert_jet(JET_errOutOfDatabaseSpace, db_extend(d, 1));
    db_unpin(d);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    /* The limit of JetAttachDatabase2 applies from then on. */
    assert_jet_ok(JetAttachDatabase2A(g_ses, p, 8, 0));
    assert_jet_ok(JetOpenDatabaseA(g_ses, p, NULL, &dbid, 0));
    d = pin(dbid);
    /* The page past the limit was handed out before the file refused to
     * grow: it counts as used, so the next one is 8. */
    assert_jet_ok(st_alloc_page(d->store, &pgno));
    assert_int_equal(8, pgno);
    assert_jet(JET_errOutOfDatabaseSpace, st_alloc_page(d->store, &pgno));
    db_unpin(d);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    free(p);
}

/* Write a formatted page straight to the file (bypassing the cache). */
static void put_page(db *d, uint32_t pgno, const char *text)
{
    unsigned char *buf = aligned_alloc(4096, 4096);
    pg_init(buf, 4096, pgno, 5, PG_F_LEAF);
    if (text != NULL)
        pg_insert(buf, 4096, 0, text, (uint16_t)strlen(text));
    assert_jet_ok(db_write_page(d, pgno, buf));
    free(buf);
}

static void test_corrupt_pages(void **state)
{
    (void)state;
    char *p = dt_path("corrupt.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    db *d = pin(dbid);
    uint32_t a, b;
    assert_jet_ok(st_alloc_page(d->store, &a));
    assert_jet_ok(st_alloc_page(d->store, &b));
    put_page(d, a, "hello");
    put_page(d, b, NULL);
    unsigned char *buf = aligned_alloc(4096, 4096);
    assert_jet_ok(db_read_page(d, a, buf));
    assert_jet(JET_errInvalidParameter, db_write_page(d, b, buf));   /* pgno mismatch */

    /* Flip one byte of page a on disk. */
    long off = (long)(a - 1 + DB_HDR_PAGES) * 4096;
    unsigned char byte;
    dt_read(p, &byte, 1, off + 3000);
    byte ^= 0x10;
    dt_write(p, &byte, 1, off + 3000);
    dt_events_clear();
    assert_jet(JET_errReadVerifyFailure, db_read_page(d, a, buf));
    assert_int_equal(1, dt_event_count(474));
    byte ^= 0x10;
    dt_write(p, &byte, 1, off + 3000);
    assert_jet_ok(db_read_page(d, a, buf));

    /* A valid page stored at the wrong place. */
    unsigned char *raw = malloc(4096);
    dt_read(p, raw, 4096, off);
    dt_write(p, raw, 4096, (long)(b - 1 + DB_HDR_PAGES) * 4096);
    dt_events_clear();
    assert_jet(JET_errReadPgnoVerifyFailure, db_read_page(d, b, buf));
    assert_int_equal(1, dt_event_count(475));

    /* A page that was never written (the file grows by a whole extension). */
    uint32_t c;
    assert_jet_ok(st_alloc_page(d->store, &c));
    dt_events_clear();
    assert_jet(JET_errPageNotInitialized, db_read_page(d, c + 1, buf));
    assert_int_equal(1, dt_event_count(476));
    assert_jet(JET_errFileIOBeyondEOF, db_read_page(d, 1000, buf));
    assert_jet(JET_errInvalidParameter, db_read_page(d, 0, buf));

    /* A sealed page with impossible contents. */
    pg_init(buf, 4096, b, 5, PG_F_LEAF);
    pg_header(buf)->nslots = 200;
    assert_jet_ok(db_write_page(d, b, buf));
    assert_jet(JET_errDatabaseCorrupted, db_read_page(d, b, buf));

    /* A corrupt space page stops the next attach. */
    db_unpin(d);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    memset(raw, 0x77, 64);
    dt_write(p, raw, 64, (long)DB_HDR_PAGES * 4096 + 100);
    assert_jet(JET_errReadVerifyFailure, JetAttachDatabaseA(g_ses, p, 0));
    free(raw);
    free(buf);
    free(p);
}

static void test_read_only_refuses_writes(void **state)
{
    (void)state;
    char *p = dt_path("rowrite.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    assert_jet_ok(JetAttachDatabaseA(g_ses, p, JET_bitDbReadOnly));
    assert_jet_ok(JetOpenDatabaseA(g_ses, p, NULL, &dbid, JET_bitDbReadOnly));
    db *d = pin(dbid);
    uint32_t pgno;
    assert_jet(JET_errDatabaseFileReadOnly, st_alloc_page(d->store, &pgno));
    assert_jet(JET_errDatabaseFileReadOnly, db_extend(d, 1));
    unsigned char *buf = aligned_alloc(4096, 4096);
    assert_jet_ok(db_read_page(d, 1, buf));
    free(buf);
    db_unpin(d);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    free(p);
}

static void test_logrec_parse(void **state)
{
    (void)state;
    const char *path = "/data/x.edb";
    unsigned char rec[24 + 4 + 28 + 12];
    uint32_t len = (uint32_t)(24 + 4 + 28 + strlen(path) + 1);
    memset(rec, 0, sizeof rec);
    memcpy(rec, &len, 4);
    rec[4] = 15;                        /* ATTACHDB */
    uint16_t dbid = 3;
    memcpy(rec + 6, &dbid, 2);
    uint32_t cb = 8192;
    memcpy(rec + 24, &cb, 4);
    rec[28] = 0x11;                     /* signature's first byte */
    memcpy(rec + 24 + 4 + 28, path, strlen(path) + 1);
    db_logrec_info info;
    assert_jet_ok(db_logrec_parse(rec, len, &info));
    assert_int_equal(15, info.type);
    assert_int_equal(3, info.dbid);
    assert_int_equal(8192, info.page_size);
    assert_int_equal(0x11, info.sign_db.ulRandom & 0xff);
    assert_string_equal(path, info.path);
    assert_jet(JET_errLogFileCorrupt, db_logrec_parse(rec, len - 1, &info));
    assert_jet(JET_errLogFileCorrupt, db_logrec_parse(rec, 20, &info));
    rec[4] = 99;
    assert_jet(JET_errLogFileCorrupt, db_logrec_parse(rec, len, &info));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_alloc_free_growth, setup, teardown),
        cmocka_unit_test_setup_teardown(test_size_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_refuses_writes, setup, teardown),
        cmocka_unit_test(test_logrec_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
