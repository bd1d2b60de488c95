/*
 * test_db_api.c: the database API end to end — create/attach/detach/
 * open/close cycles, header states through JetGetDatabaseFileInfo for every
 * JET_DBINFOMISC version, several databases per instance, read-only
 * attach, every documented error (duplicates, missing files, in use, too
 * many, bad grbits, NULL/short buffers, bogus sesid/dbid), the shadow
 * header, JetStopService, exclusive opens, two instances, events.
 */
#include "dbtest.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "api/api_w16.h"
#include "db/db.h"
#include "page/page.h"

static JET_INSTANCE g_inst;
static JET_SESID g_ses;

static int setup(void **state)
{
    (void)state;
    dt_setup_dir("dbapi");
    g_inst = dt_instance("main");
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

static const JET_LGPOS zero_lgpos;
static const JET_LOGTIME zero_time;

static void test_cycle_and_states(void **state)
{
    (void)state;
    char *p = dt_path("cycle.edb");
    JET_DBID dbid = 0;
    dt_events_clear();
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    assert_int_equal(1, dt_event_count(325));
    assert_int_equal((long)(DB_HDR_PAGES + 256) * 4096, dt_file_size(p));

    /* Attached: dirty, consistent position zero. */
    JET_DBINFOMISC4 m = dt_misc(p);
    assert_int_equal(JET_dbstateDirtyShutdown, m.dbstate);
    assert_int_equal(0x620, m.ulVersion);
    assert_int_equal(4096, m.cbPageSize);
    assert_memory_equal(&zero_lgpos, &m.lgposConsistent, sizeof zero_lgpos);
    assert_memory_not_equal(&zero_time, &m.logtimeAttach, sizeof zero_time);
    assert_true(m.signDb.ulRandom != 0);
    assert_int_equal(0, m.fShadowingDisabled);
    JET_SIGNATURE sig = m.signDb;

    /* The creator has it open: detach refuses until closed. */
    assert_jet(JET_errDatabaseInUse, JetDetachDatabaseA(g_ses, p));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet(JET_errInvalidDatabaseId, JetCloseDatabase(g_ses, dbid, 0));
    dt_events_clear();
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    assert_int_equal(1, dt_event_count(327));

    m = dt_misc(p);
    assert_int_equal(JET_dbstateCleanShutdown, m.dbstate);
    assert_memory_equal(&m.lgposConsistent, &m.lgposDetach, sizeof m.lgposDetach);
    assert_memory_equal(&m.logtimeConsistent, &m.logtimeDetach, sizeof m.logtimeDetach);
    assert_memory_not_equal(&zero_time, &m.logtimeDetach, sizeof zero_time);
    assert_int_equal(0, m.genMinRequired);
    assert_int_equal(0, m.genMaxRequired);
    assert_int_equal(0, m.genCommitted);
    assert_memory_equal(&sig, &m.signDb, sizeof sig);

    /* Re-attach, open twice, close twice. */
    dt_events_clear();
    assert_jet_ok(JetAttachDatabaseA(g_ses, p, 0));
    assert_int_equal(1, dt_event_count(326));
    assert_int_equal(JET_dbstateDirtyShutdown, dt_misc(p).dbstate);
    JET_DBID d1, d2;
    assert_jet_ok(JetOpenDatabaseA(g_ses, p, NULL, &d1, 0));
    assert_jet_ok(JetOpenDatabaseA(g_ses, p, "", &d2, 0));
    assert_int_equal(d1, d2);
    assert_jet_ok(JetCloseDatabase(g_ses, d1, 0));
    assert_jet(JET_errDatabaseInUse, JetDetachDatabase2A(g_ses, p, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, d1, 0));
    assert_jet_ok(JetDetachDatabase2A(g_ses, p, 0));
    assert_jet(JET_errDatabaseNotFound, JetDetachDatabaseA(g_ses, p));
    assert_jet(JET_errDatabaseNotFound, JetOpenDatabaseA(g_ses, p, NULL, &d1, 0));
    free(p);
}

static void test_misc_versions(void **state)
{
    (void)state;
    char *p = dt_path("misc.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabase2A(g_ses, p, 0, &dbid, JET_bitDbShadowingOff));
    JET_DBINFOMISC4 full = dt_misc(p);
    assert_int_equal(1, full.fShadowingDisabled);
    size_t sizes[] = { sizeof(JET_DBINFOMISC), sizeof(JET_DBINFOMISC2),
                       sizeof(JET_DBINFOMISC3), sizeof(JET_DBINFOMISC4) };
    for (size_t i = 0; i < 4; i++) {
        unsigned char buf[sizeof(JET_DBINFOMISC4) + 16];
        memset(buf, 0xee, sizeof buf);
        assert_jet_ok(JetGetDatabaseFileInfoA(p, buf, (uint32_t)sizes[i], JET_DbInfoMisc));
        assert_memory_equal(&full, buf, sizes[i]);
        assert_int_equal(0xee, buf[sizes[i]]);      /* nothing past the struct */
        memset(buf, 0xee, sizeof buf);
        assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, buf, (uint32_t)sizes[i], JET_DbInfoMisc));
        assert_memory_equal(&full, buf, sizes[i]);
    }
    JET_DBINFOMISC4 m;
    assert_jet(JET_errInvalidBufferSize, JetGetDatabaseFileInfoA(p, &m, 8, JET_DbInfoMisc));
    assert_jet(JET_errInvalidBufferSize,
               JetGetDatabaseFileInfoA(p, &m, sizeof(JET_DBINFOMISC) + 4, JET_DbInfoMisc));
    assert_jet(JET_errInvalidBufferSize, JetGetDatabaseInfoA(g_ses, dbid, &m, 0, JET_DbInfoMisc));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    free(p);
}

static void test_bkinfo_os_snapshot_bit(void **state)
{
    (void)state;
    /* The backup layer fills bkinfo through db_hdr_set_bkinfo; the
     * JET_DBINFOMISC view sets fOSSnapshot from the stored type. */
    db_hdr h;
    memset(&h, 0, sizeof h);
    JET_BKINFO bk;
    memset(&bk, 0, sizeof bk);
    bk.genLow = 3;
    bk.genHigh = 9;
    bk.logtimeMark.bFiller2 = 1;    /* a stale bit must not leak through */
    db_hdr_set_bkinfo(&h, DB_BK_FULL_PREV, &bk, DB_BKTYPE_NORMAL);
    db_hdr_set_bkinfo(&h, DB_BK_COPY_PREV, &bk, DB_BKTYPE_OS_SNAPSHOT);
    JET_DBINFOMISC4 m;
    db_hdr_to_misc(&h, &m, sizeof m);
    assert_int_equal(3, m.bkinfoFullPrev.genLow);
    assert_int_equal(9, m.bkinfoFullPrev.genHigh);
    assert_int_equal(0, m.bkinfoFullPrev.bklogtimeMark.fOSSnapshot);
    assert_int_equal(1, m.bkinfoCopyPrev.bklogtimeMark.fOSSnapshot);
    uint32_t type;
    db_hdr_get_bkinfo(&h, DB_BK_COPY_PREV, &bk, &type);
    assert_int_equal(DB_BKTYPE_OS_SNAPSHOT, type);
    /* Round trip through the on-disk encoding. */
    unsigned char page[4096];
    h.magic = DB_MAGIC;
    h.format = DB_FORMAT_VERSION;
    h.filetype = JET_filetypeDatabase;
    h.page_size = 4096;
    db_hdr_encode(&h, page, 4096);
    db_hdr h2;
    assert_jet_ok(db_hdr_decode(page, 4096, &h2));
    assert_memory_equal(&h.bk, &h2.bk, sizeof h.bk);
    assert_memory_equal(&h.bk_type, &h2.bk_type, sizeof h.bk_type);
}

static void test_many_databases(void **state)
{
    (void)state;
    char *p[8];
    JET_DBID dbid[8];
    for (int i = 0; i < 8; i++) {
        char name[32];
        snprintf(name, sizeof name, "many%d.edb", i);
        p[i] = dt_path(name);
    }
    for (int i = 0; i < 6; i++)
        assert_jet_ok(JetCreateDatabaseA(g_ses, p[i], NULL, &dbid[i], 0));
    for (int i = 0; i < 6; i++)
        for (int j = 0; j < i; j++)
            assert_true(dbid[i] != dbid[j]);
    assert_jet(JET_errTooManyAttachedDatabases, JetCreateDatabaseA(g_ses, p[6], NULL, &dbid[6], 0));
    assert_false(tu_exists(p[6]));
    /* Detach all refuses while they are open; after closing it works. */
    assert_jet(JET_errDatabaseInUse, JetDetachDatabaseA(g_ses, NULL));
    for (int i = 0; i < 6; i++)
        JetCloseDatabase(g_ses, dbid[i], 0);
    assert_jet_ok(JetDetachDatabaseA(g_ses, NULL));
    for (int i = 0; i < 6; i++)
        assert_int_equal(JET_dbstateCleanShutdown, dt_misc(p[i]).dbstate);
    for (int i = 0; i < 6; i++)
        assert_jet_ok(JetAttachDatabaseA(g_ses, p[i], 0));
    assert_jet(JET_errTooManyAttachedDatabases, JetAttachDatabaseA(g_ses, p[7], 0));
    assert_jet(JET_errTooManyAttachedDatabases, JetCreateDatabaseA(g_ses, p[6], NULL, &dbid[6], 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, ""));
    for (int i = 0; i < 8; i++)
        free(p[i]);
}

static void test_errors(void **state)
{
    (void)state;
    char *p = dt_path("err.edb"), *missing = dt_path("missing.edb");
    JET_DBID dbid;
    /* Bogus sessions. */
    assert_jet(JET_errInvalidSesid, JetCreateDatabaseA(0, p, NULL, &dbid, 0));
    assert_jet(JET_errInvalidSesid, JetAttachDatabaseA(JET_sesidNil, p, 0));
    assert_jet(JET_errInvalidSesid, JetDetachDatabaseA(12345, p));
    assert_jet(JET_errInvalidSesid, JetOpenDatabaseA(0, p, NULL, &dbid, 0));
    assert_jet(JET_errInvalidSesid, JetCloseDatabase(0, 1, 0));
    assert_jet(JET_errInvalidSesid, JetGetDatabaseInfoA(0, 1, &dbid, 4, JET_DbInfoPageSize));
    /* Arguments and grbits. */
    assert_jet(JET_errInvalidParameter, JetCreateDatabaseA(g_ses, p, NULL, NULL, 0));
    assert_jet(JET_errDatabaseInvalidPath, JetCreateDatabaseA(g_ses, NULL, NULL, &dbid, 0));
    assert_jet(JET_errDatabaseInvalidPath, JetCreateDatabaseA(g_ses, "", NULL, &dbid, 0));
    assert_jet(JET_errInvalidGrbit, JetCreateDatabaseA(g_ses, p, NULL, &dbid, JET_bitDbReadOnly));
    assert_jet(JET_errInvalidGrbit, JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0x80000000u));
    assert_jet(JET_errInvalidGrbit, JetAttachDatabaseA(g_ses, p, JET_bitDbExclusive));
    assert_jet(JET_errInvalidGrbit, JetAttachDatabaseA(g_ses, p, JET_bitDbOverwriteExisting << 8));
    assert_jet(JET_errInvalidGrbit, JetDetachDatabase2A(g_ses, p, 0x4));
    assert_jet(JET_errInvalidGrbit, JetOpenDatabaseA(g_ses, p, NULL, &dbid, JET_bitDbDeleteCorruptIndexes));
    assert_jet(JET_errInvalidGrbit, JetCloseDatabase(g_ses, 1, 1));
    assert_jet(JET_errDatabaseInvalidPath, JetAttachDatabaseA(g_ses, NULL, 0));
    assert_jet(JET_errInvalidParameter, JetOpenDatabaseA(g_ses, p, NULL, NULL, 0));
    assert_false(tu_exists(p));
    /* Files. */
    assert_jet(JET_errFileNotFound, JetAttachDatabaseA(g_ses, missing, 0));
    assert_jet(JET_errFileNotFound, JetGetDatabaseFileInfoA(missing, &dbid, 4, JET_DbInfoPageSize));
    assert_jet(JET_errDatabaseNotFound, JetDetachDatabaseA(g_ses, missing));
    char *nodir = dt_path("nodir/x.edb");
    assert_jet(JET_errInvalidPath, JetCreateDatabaseA(g_ses, nodir, NULL, &dbid, 0));
    free(nodir);

    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    /* Same file again: duplicate (create), warning (attach). */
    JET_DBID other;
    assert_jet(JET_errDatabaseDuplicate, JetCreateDatabaseA(g_ses, p, NULL, &other, 0));
    assert_jet(JET_errDatabaseDuplicate,
               JetCreateDatabaseA(g_ses, p, NULL, &other, JET_bitDbOverwriteExisting));
    assert_jet(JET_wrnDatabaseAttached, JetAttachDatabaseA(g_ses, p, 0));
    /* Bogus dbids. */
    uint32_t v;
    assert_jet(JET_errInvalidDatabaseId, JetGetDatabaseInfoA(g_ses, dbid + 100, &v, 4, JET_DbInfoPageSize));
    assert_jet(JET_errInvalidDatabaseId, JetCloseDatabase(g_ses, JET_dbidNil, 0));
    assert_jet(JET_errInvalidParameter, JetGetDatabaseInfoA(g_ses, dbid, NULL, 4, JET_DbInfoPageSize));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));

    /* An existing file: duplicate unless overwritten. */
    assert_jet(JET_errDatabaseDuplicate, JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    JET_DBINFOMISC4 before = dt_misc(p);
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, JET_bitDbOverwriteExisting));
    JET_DBINFOMISC4 after = dt_misc(p);
    assert_memory_not_equal(&before.signDb, &after.signDb, sizeof after.signDb);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));

    /* Not a database. */
    char *junk = dt_path("junk.txt");
    FILE *f = fopen(junk, "w");
    fputs("hello", f);
    fclose(f);
    assert_jet(JET_errInvalidDatabase, JetAttachDatabaseA(g_ses, junk, 0));
    assert_jet(JET_errInvalidDatabase, JetGetDatabaseFileInfoA(junk, &v, 4, JET_DbInfoPageSize));
    free(junk);
    free(p);
    free(missing);
}

static void test_info_levels(void **state)
{
    (void)state;
    char *p = dt_path("info.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    char name[4096];
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, name, sizeof name, JET_DbInfoFilename));
    assert_string_equal(p, name);
    assert_jet(JET_errBufferTooSmall,
               JetGetDatabaseInfoA(g_ses, dbid, name, (uint32_t)strlen(p), JET_DbInfoFilename));
    wchar_t wname[4096];
    assert_jet_ok(JetGetDatabaseInfoW(g_ses, dbid, wname, sizeof wname, JET_DbInfoFilename));
    assert_int_equal(strlen(p), wcslen(wname));
    assert_int_equal(p[1], wname[1]);
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, name, 1, JET_DbInfoConnect));
    assert_int_equal(0, name[0]);
    assert_jet(JET_errBufferTooSmall, JetGetDatabaseInfoA(g_ses, dbid, name, 0, JET_DbInfoConnect));

    uint32_t v = 0;
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoCountry));
    assert_int_equal(1, v);
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoLCID));
    assert_int_equal(0x409, v);
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoCp));
    assert_int_equal(1252, v);
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoCollate));
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoOptions));
    assert_int_equal(0, v);
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoTransactions));
    assert_int_equal(7, v);
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoVersion));
    assert_int_equal(0x620, v);
    for (uint32_t lvl = JET_DbInfoCountry; lvl <= JET_DbInfoVersion; lvl++)
        assert_jet(JET_errInvalidBufferSize, JetGetDatabaseInfoA(g_ses, dbid, &v, 2, lvl));
    assert_jet(JET_errFeatureNotAvailable, JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoIsam));
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoFilesize));
    assert_int_equal(DB_HDR_PAGES + 256, v);
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoSpaceOwned));
    assert_int_equal(256, v);
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoSpaceAvailable));
    assert_int_equal(254, v);     /* all but the space page and the directory root */
    assert_jet(JET_errInvalidBufferSize, JetGetDatabaseInfoA(g_ses, dbid, &v, 8, JET_DbInfoSpaceOwned));
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoPageSize));
    assert_int_equal(4096, v);
    uint64_t q;
    assert_jet(JET_errBufferTooSmall, JetGetDatabaseInfoA(g_ses, dbid, &q, 8, JET_DbInfoPageSize));
    assert_jet(JET_errInvalidParameter, JetGetDatabaseInfoA(g_ses, dbid, &v, 4, 16));
    assert_jet(JET_errInvalidParameter, JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoFileType));
    assert_jet(JET_errInvalidParameter, JetGetDatabaseInfoA(g_ses, dbid, &v, 4, 999));

    /* File info, attached and not. */
    assert_jet_ok(JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoDBInUse));
    assert_int_equal(1, v);
    assert_jet_ok(JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoFileType));
    assert_int_equal(JET_filetypeDatabase, v);
    assert_jet_ok(JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoPageSize));
    assert_int_equal(4096, v);
    assert_jet(JET_errBufferTooSmall, JetGetDatabaseFileInfoA(p, &v, 2, JET_DbInfoPageSize));
    assert_jet_ok(JetGetDatabaseFileInfoA(p, &q, 8, JET_DbInfoFilesize));
    assert_int_equal((DB_HDR_PAGES + 256) * 4096, q);
    assert_jet(JET_errInvalidBufferSize, JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoFilesize));
    assert_jet_ok(JetGetDatabaseFileInfoA(p, &q, 8, JET_DbInfoFilesizeOnDisk));
    JET_DBINFOUPGRADE up;
    assert_jet_ok(JetGetDatabaseFileInfoA(p, &up, sizeof up, JET_DbInfoUpgrade));
    assert_int_equal(sizeof up, up.cbStruct);
    assert_int_equal((DB_HDR_PAGES + 256) * 4096, up.cbFilesizeLow);
    assert_jet(JET_errInvalidParameter, JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoCp));
    assert_jet(JET_errInvalidParameter, JetGetDatabaseFileInfoA(p, NULL, 4, JET_DbInfoPageSize));
    wchar_t wp[4096];
    mbstowcs(wp, p, 4096);
    assert_jet_ok(JetGetDatabaseFileInfoW(wp, &v, 4, JET_DbInfoPageSize));
    assert_int_equal(4096, v);

    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    assert_jet_ok(JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoDBInUse));
    assert_int_equal(0, v);
    free(p);
}

static void test_read_only_attach(void **state)
{
    (void)state;
    char *p = dt_path("ro.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    long size = dt_file_size(p);
    unsigned char *before = malloc((size_t)size), *after = malloc((size_t)size);
    dt_read(p, before, (size_t)size, 0);

    assert_jet_ok(JetAttachDatabaseA(g_ses, p, JET_bitDbReadOnly));
    assert_int_equal(JET_dbstateCleanShutdown, dt_misc(p).dbstate);
    assert_jet(JET_wrnFileOpenReadOnly, JetOpenDatabaseA(g_ses, p, NULL, &dbid, 0));
    JET_DBID d2;
    assert_jet_ok(JetOpenDatabaseA(g_ses, p, NULL, &d2, JET_bitDbReadOnly));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, d2, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    dt_read(p, after, (size_t)size, 0);
    assert_memory_equal(before, after, (size_t)size);   /* not one byte written */
    free(before);
    free(after);
    free(p);
}

static void test_shadow_header(void **state)
{
    (void)state;
    char *p = dt_path("shadow.edb");
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    JET_DBINFOMISC4 good = dt_misc(p);

    /* Torn primary: the shadow answers, attach works and rewrites both. */
    unsigned char junk[64];
    memset(junk, 0x5a, sizeof junk);
    dt_write(p, junk, sizeof junk, 100);
    JET_DBINFOMISC4 m = dt_misc(p);
    assert_memory_equal(&good, &m, sizeof m);
    assert_jet_ok(JetAttachDatabaseA(g_ses, p, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    unsigned char a[4096], b[4096];
    dt_read(p, a, 4096, 0);
    dt_read(p, b, 4096, 4096);
    assert_memory_equal(a, b, 4096);

    /* Torn shadow only: the primary answers. */
    dt_write(p, junk, sizeof junk, 4096 + 200);
    assert_int_equal(JET_dbstateCleanShutdown, dt_misc(p).dbstate);
    /* Both torn: corrupted. */
    dt_write(p, junk, sizeof junk, 300);
    uint32_t v;
    assert_jet(JET_errDatabaseCorrupted, JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoPageSize));
    assert_jet(JET_errDatabaseCorrupted, JetAttachDatabaseA(g_ses, p, 0));
    free(p);
}

/* Write a header with a valid checksum but a chosen magic/filetype. */
static unsigned char g_good[4096];

static void forge(const char *path, uint32_t magic, uint32_t filetype, uint32_t format)
{
    unsigned char page[4096];
    memcpy(page, g_good, sizeof page);
    db_hdr h;
    assert_jet_ok(db_hdr_decode(page, 4096, &h));
    h.magic = magic;
    h.filetype = filetype;
    h.format = format;
    db_hdr_encode(&h, page, 4096);
    dt_write(path, page, 4096, 0);
    dt_write(path, page, 4096, 4096);
}

static void test_foreign_headers(void **state)
{
    (void)state;
    char *p = dt_path("forged.edb");
    JET_DBID dbid;
    uint32_t v;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    dt_read(p, g_good, sizeof g_good, 0);
    forge(p, DB_MAGIC, JET_filetypeLog, DB_FORMAT_VERSION);
    assert_jet(JET_errFileInvalidType, JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoPageSize));
    assert_jet(JET_errFileInvalidType, JetAttachDatabaseA(g_ses, p, 0));
    forge(p, 0x89ABCDEF, JET_filetypeDatabase, DB_FORMAT_VERSION);
    assert_jet(JET_errInvalidDatabase, JetGetDatabaseFileInfoA(p, &v, 4, JET_DbInfoFileType));
    forge(p, DB_MAGIC, JET_filetypeDatabase, 99);
    assert_jet(JET_errInvalidDatabaseVersion, JetAttachDatabaseA(g_ses, p, 0));
    free(p);
}

static void test_dirty_and_clean_term(void **state)
{
    (void)state;
    char *p = dt_path("term.edb"), *q = dt_path("term2.edb");
    JET_INSTANCE in2 = dt_instance("second");
    JET_SESID s2 = dt_session(in2);
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(s2, p, NULL, &dbid, 0));
    assert_jet_ok(JetCreateDatabaseA(s2, q, NULL, &dbid, 0));
    /* Another instance cannot attach it. */
    assert_jet(JET_errDatabaseSharingViolation, JetAttachDatabaseA(g_ses, p, 0));
    assert_jet(JET_errDatabaseSharingViolation, JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    dt_end_session(s2);
    dt_term(in2, false);    /* dirty: headers stay dirty */
    assert_int_equal(JET_dbstateDirtyShutdown, dt_misc(p).dbstate);
    assert_jet(JET_errDatabaseDirtyShutdown, JetAttachDatabaseA(g_ses, p, 0));
    assert_jet(JET_errDatabaseDirtyShutdown, JetAttachDatabaseA(g_ses, q, JET_bitDbReadOnly));

    /* Clean term with a database still open: clean header. */
    char *r = dt_path("term3.edb");
    in2 = dt_instance("third");
    s2 = dt_session(in2);
    assert_jet_ok(JetCreateDatabaseA(s2, r, NULL, &dbid, 0));
    dt_end_session(s2);
    dt_term(in2, true);
    JET_DBINFOMISC4 m = dt_misc(r);
    assert_int_equal(JET_dbstateCleanShutdown, m.dbstate);
    assert_jet_ok(JetAttachDatabaseA(g_ses, r, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, r));
    free(p);
    free(q);
    free(r);
}

static void test_session_end_closes(void **state)
{
    (void)state;
    char *p = dt_path("sessend.edb");
    JET_SESID s2 = dt_session(g_inst);
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(s2, p, NULL, &dbid, 0));
    JET_DBID d2;
    assert_jet_ok(JetOpenDatabaseA(g_ses, p, NULL, &d2, 0));
    /* The other session's dbid is not this session's to use. */
    assert_jet_ok(JetCloseDatabase(g_ses, d2, 0));
    assert_jet(JET_errInvalidDatabaseId, JetCloseDatabase(g_ses, dbid, 0));
    assert_jet(JET_errDatabaseInUse, JetDetachDatabaseA(g_ses, p));
    dt_end_session(s2);
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    free(p);
}

static void test_exclusive_and_force(void **state)
{
    (void)state;
    char *p = dt_path("excl.edb");
    JET_SESID s2 = dt_session(g_inst);
    JET_DBID dbid, d2;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetOpenDatabaseA(g_ses, p, NULL, &dbid, JET_bitDbExclusive));
    uint32_t v;
    assert_jet_ok(JetGetDatabaseInfoA(g_ses, dbid, &v, 4, JET_DbInfoOptions));
    assert_int_equal(JET_bitDbExclusive, v);
    assert_jet(JET_errDatabaseLocked, JetOpenDatabaseA(s2, p, NULL, &d2, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetOpenDatabaseA(s2, p, NULL, &d2, 0));
    assert_jet(JET_errDatabaseLocked, JetOpenDatabaseA(g_ses, p, NULL, &dbid, JET_bitDbExclusive));
    /* Force close and detach closes s2's open. */
    assert_jet(JET_errDatabaseInUse, JetDetachDatabase2A(s2, p, JET_bitForceDetach));
    assert_jet_ok(JetDetachDatabase2A(g_ses, p, JET_bitForceCloseAndDetach));
    assert_jet(JET_errInvalidDatabaseId, JetCloseDatabase(s2, d2, 0));
    assert_int_equal(JET_dbstateCleanShutdown, dt_misc(p).dbstate);
    dt_end_session(s2);
    free(p);
}

static void test_stop_service(void **state)
{
    (void)state;
    char *p = dt_path("stop.edb");
    JET_INSTANCE in2 = dt_instance("stopper");
    JET_SESID s2 = dt_session(in2);
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(s2, p, NULL, &dbid, 0));
    assert_jet_ok(JetStopServiceInstance(in2));
    JET_DBID d2;
    assert_jet(JET_errClientRequestToStopJetService, JetOpenDatabaseA(s2, p, NULL, &d2, 0));
    assert_jet(JET_errClientRequestToStopJetService, JetAttachDatabaseA(s2, p, 0));
    assert_jet_ok(JetCloseDatabase(s2, dbid, 0));
    assert_jet_ok(JetDetachDatabase2A(s2, p, 0));
    assert_int_equal(JET_dbstateCleanShutdown, dt_misc(p).dbstate);
    dt_end_session(s2);
    dt_term(in2, true);
    free(p);
}

static void test_wide_entry_points(void **state)
{
    (void)state;
    wchar_t wp[512];
    char *p = dt_path("wide.edb");
    mbstowcs(wp, p, 512);
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabase2W(g_ses, wp, 0, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabase2W(g_ses, wp, 0));
    assert_jet_ok(JetAttachDatabase2W(g_ses, wp, 0, 0));
    assert_jet_ok(JetOpenDatabaseW(g_ses, wp, NULL, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseW(g_ses, wp));
    assert_jet_ok(JetAttachDatabaseW(g_ses, wp, 0));
    assert_jet_ok(JetDetachDatabaseW(g_ses, NULL));
    /* The UTF-16 twins. */
    uint16_t w16[512];
    size_t n = strlen(p);
    for (size_t i = 0; i <= n; i++)
        w16[i] = (uint16_t)(unsigned char)p[i];
    assert_jet_ok(JetAttachDatabaseW_u16(g_ses, (JET_PCWSTR)(void *)w16, 0));
    uint32_t v;
    assert_jet_ok(JetGetDatabaseFileInfoW_u16((JET_PCWSTR)(void *)w16, &v, 4, JET_DbInfoPageSize));
    assert_jet_ok(JetOpenDatabaseW_u16(g_ses, (JET_PCWSTR)(void *)w16, NULL, &dbid, 0));
    uint16_t name16[512];
    assert_jet_ok(JetGetDatabaseInfoW_u16(g_ses, dbid, name16, sizeof name16, JET_DbInfoFilename));
    assert_memory_equal(w16, name16, (n + 1) * 2);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseW_u16(g_ses, (JET_PCWSTR)(void *)w16));
    free(p);
}

/* Threads, each with its own session: open/info/close on a shared
 * database, create/detach/attach of their own one (TSan checks the locks). */
static const char *g_shared;

static void *worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    JET_SESID s = dt_session(g_inst);
    char name[64];
    snprintf(name, sizeof name, "thread%d.edb", id);
    char *mine = dt_path(name);
    JET_DBID own;
    assert_jet_ok(JetCreateDatabaseA(s, mine, NULL, &own, 0));
    assert_jet_ok(JetCloseDatabase(s, own, 0));
    for (int i = 0; i < 20; i++) {
        JET_DBID dbid;
        assert_jet_ok(JetOpenDatabaseA(s, g_shared, NULL, &dbid, 0));
        JET_DBINFOMISC m;
        assert_jet_ok(JetGetDatabaseInfoA(s, dbid, &m, sizeof m, JET_DbInfoMisc));
        uint32_t v;
        assert_jet_ok(JetGetDatabaseInfoA(s, dbid, &v, 4, JET_DbInfoSpaceOwned));
        assert_jet_ok(JetCloseDatabase(s, dbid, 0));
        assert_jet_ok(JetDetachDatabaseA(s, mine));
        assert_jet_ok(JetGetDatabaseFileInfoA(mine, &m, sizeof m, JET_DbInfoMisc));
        assert_jet_ok(JetAttachDatabaseA(s, mine, 0));
    }
    assert_jet_ok(JetDetachDatabaseA(s, mine));
    dt_end_session(s);
    free(mine);
    return NULL;
}

static void test_concurrent(void **state)
{
    (void)state;
    char *p = dt_path("shared.edb");
    g_shared = p;
    JET_DBID dbid;
    assert_jet_ok(JetCreateDatabaseA(g_ses, p, NULL, &dbid, 0));
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(0, pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i));
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    assert_jet_ok(JetCloseDatabase(g_ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(g_ses, p));
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_cycle_and_states, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misc_versions, setup, teardown),
        cmocka_unit_test(test_bkinfo_os_snapshot_bit),
        cmocka_unit_test_setup_teardown(test_many_databases, setup, teardown),
        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_info_levels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_attach, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shadow_header, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_headers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dirty_and_clean_term, setup, teardown),
        cmocka_unit_test_setup_teardown(test_session_end_closes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_exclusive_and_force, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stop_service, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wide_entry_points, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
