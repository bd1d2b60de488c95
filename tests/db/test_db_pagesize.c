/*
 * test_db_pagesize.c: create / detach / attach / info with the page size
 * DBTEST_PAGE_SIZE (built once per size), layout checks at the byte level,
 * and a database of another page size → JET_errPageSizeMismatch.
 */
#include "dbtest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "page/page.h"

#ifndef DBTEST_PAGE_SIZE
#define DBTEST_PAGE_SIZE 4096
#endif
#define CB DBTEST_PAGE_SIZE

static void test_page_size(void **state)
{
    (void)state;
    dt_setup_dir("dbpage");
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, CB, NULL));
    JET_INSTANCE in = dt_instance("pages");
    JET_SESID ses = dt_session(in);
    char *p = dt_path("ps.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(ses, p, NULL, &dbid, 0));
    uint32_t v;
    assert_jet_ok(JetGetDatabaseInfoA(ses, dbid, &v, 4, JET_DbInfoPageSize));
    assert_int_equal(CB, v);
    assert_jet_ok(JetCloseDatabase(ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(ses, p));
    assert_jet_ok(JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoPageSize));
    assert_int_equal(CB, v);
    assert_int_equal(CB, dt_misc(p).cbPageSize);

    /* Byte level: two identical header pages, then the space page (pgno 1)
     * at offset 2 * cbPage. */
    unsigned char *a = malloc(CB), *b = malloc(CB);
    dt_read(p, a, CB, 0);
    dt_read(p, b, CB, CB);
    assert_memory_equal(a, b, CB);
    uint32_t magic, pagesize, filetype;
    memcpy(&magic, a + 4, 4);
    memcpy(&pagesize, a + 236, 4);
    memcpy(&filetype, a + 667, 4);
    assert_int_equal(DB_MAGIC, magic);
    assert_int_equal(CB, pagesize);
    assert_int_equal(JET_filetypeDatabase, filetype);
    dt_read(p, a, CB, 2L * CB);
    assert_jet_ok(pg_verify(a, CB, 1));
    assert_true(pg_header(a)->flags & PG_F_SPACE);

    /* Torn primary at this page size: shadow used. */
    memset(b, 0x42, 32);
    dt_write(p, b, 32, CB - 64);
    assert_int_equal(JET_dbstateCleanShutdown, dt_misc(p).dbstate);
    assert_jet_ok(JetAttachDatabaseA(ses, p, 0));
    assert_jet_ok(JetDetachDatabaseA(ses, p));

    /* A header claiming another page size does not pass as this one. */
    db_hdr h;
    dt_read(p, a, CB, 0);
    assert_jet_ok(db_hdr_decode(a, CB, &h));
    uint32_t other = CB == 4096 ? 8192 : 4096;
    h.page_size = other;
    unsigned char *big = calloc(1, 2 * 32768);
    db_hdr_encode(&h, big, other);
    memcpy(big + other, big, other);
    char *q = dt_path("other.edb");
    FILE *f = fopen(q, "wb");
    fwrite(big, 1, 2 * 32768, f);
    fclose(f);
    assert_jet_ok(JetGetDatabaseFileInfoA(q, &v, 4, JET_DbInfoPageSize));
    assert_int_equal(other, v);
    assert_jet(JET_errPageSizeMismatch, JetAttachDatabaseA(ses, q, 0));

    free(big);
    free(a);
    free(b);
    free(p);
    free(q);
    dt_end_session(ses);
    dt_term(in, true);
    dt_teardown_dir();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
