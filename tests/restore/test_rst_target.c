/*
 * test_rst_target.c: JetExternalRestore2 with a target instance, through
 * esent.h only — a running target (found by its log folder or by its name)
 * gets a forced roll and a record, the replay continues from the backup
 * set into the target's logs up to the generation before that record, the
 * new logs go to the restore's log folder and the result is
 * JET_wrnTargetInstanceRunning; a target with another base name →
 * JET_errBadRestoreTargetInstance and nothing logged; a circular-logging
 * target is ignored; a named target that is not running →
 * JET_errBadRestoreTargetInstance; a target given by folders and not
 * running is where the restore runs.
 */
#include "testutil.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "jetdb.h"

static char *g_dir;

static int setup(void **state)
{
    (void)state;
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    g_dir = tu_mkdtemp("rsttgt");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

/* ---- helpers -------------------------------------------------------------- */

/* g_dir/name (and a trailing '/' when slash). */
static void sub(char *buf, size_t cb, const char *name, bool slash)
{
    snprintf(buf, cb, "%s/%s%s", g_dir, name, slash ? "/" : "");
}

/* A running instance: system, log and temp folder dir, small log files. */
typedef struct tinst {
    JET_INSTANCE inst;
    JET_SESID ses;
    JET_DBID db;
    JET_TABLEID t;
    JET_COLUMNID k;
    char dir[600], dbpath[700];
} tinst;

static void t_start(tinst *e, const char *name, const char *dir, const char *base, bool circular)
{
    memset(e, 0, sizeof *e);
    sub(e->dir, sizeof e->dir, dir, false);
    snprintf(e->dbpath, sizeof e->dbpath, "%s/t.edb", e->dir);
    char folder[620];
    snprintf(folder, sizeof folder, "%s/", e->dir);
    assert_jet_ok(JetCreateInstanceA(&e->inst, name));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFileSize, 128, NULL));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramBaseName, 0, base));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramCircularLog, circular, NULL));
    assert_jet_ok(JetInit(&e->inst));
    assert_jet_ok(JetBeginSessionA(e->inst, &e->ses, NULL, NULL));
}

/* A fresh database t.edb with table t (long column k, primary index). */
static void t_create_db(tinst *e)
{
    assert_jet_ok(JetCreateDatabaseA(e->ses, e->dbpath, NULL, &e->db, 0));
    assert_jet_ok(JetCreateTableA(e->ses, e->db, "t", 0, 100, &e->t));
    JET_COLUMNDEF cd;
    memset(&cd, 0, sizeof cd);
    cd.cbStruct = sizeof cd;
    cd.coltyp = JET_coltypLong;
    assert_jet_ok(JetAddColumnA(e->ses, e->t, "k", &cd, NULL, 0, &e->k));
    assert_jet_ok(JetCreateIndexA(e->ses, e->t, "pk", JET_bitIndexPrimary, "+k\0", 4, 100));
    /* The cursor JetCreateTable gives holds the table exclusively. */
    assert_jet_ok(JetCloseTable(e->ses, e->t));
    assert_jet_ok(JetOpenTableA(e->ses, e->db, "t", NULL, 0, 0, &e->t));
}

/* Insert keys [from, to) in one transaction of session ses on cursor t;
 * commit it (durably) when commit. */
static void t_insert(JET_SESID ses, JET_TABLEID t, JET_COLUMNID k, int32_t from, int32_t to,
                     bool commit)
{
    assert_jet_ok(JetBeginTransaction(ses));
    for (int32_t i = from; i < to; i++) {
        assert_jet_ok(JetPrepareUpdate(ses, t, JET_prepInsert));
        assert_jet_ok(JetSetColumn(ses, t, k, &i, sizeof i, 0, NULL));
        assert_jet_ok(JetUpdate(ses, t, NULL, 0, NULL));
    }
    if (commit)
        assert_jet_ok(JetCommitTransaction(ses, 0));
}

static void t_write(tinst *e, int32_t from, int32_t to)
{
    for (int32_t i = from; i < to; i += 50)
        t_insert(e->ses, e->t, e->k, i, i + 50 < to ? i + 50 : to, true);
}

static void t_stop(tinst *e)
{
    if (e->t != 0)
        assert_jet_ok(JetCloseTable(e->ses, e->t));
    assert_jet_ok(JetEndSession(e->ses, 0));
    assert_jet_ok(JetTerm(e->inst));
}

/* The keys of the database at path are exactly 0 .. n - 1 (checked in an
 * instance of its own, in folder g_dir/chk). */
static void check_keys(const char *path, int32_t n)
{
    char folder[600];
    sub(folder, sizeof folder, "chk", true);
    tu_rmtree(folder);
    JET_INSTANCE ci = 0;
    JET_SESID s;
    JET_DBID db;
    JET_TABLEID t;
    assert_jet_ok(JetCreateInstanceA(&ci, "chk"));
    assert_jet_ok(JetSetSystemParameterA(&ci, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ci, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ci, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ci, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetInit(&ci));
    assert_jet_ok(JetBeginSessionA(ci, &s, NULL, NULL));
    assert_jet_ok(JetAttachDatabaseA(s, path, JET_bitDbReadOnly));
    assert_jet_ok(JetOpenDatabaseA(s, path, NULL, &db, JET_bitDbReadOnly));
    assert_jet_ok(JetOpenTableA(s, db, "t", NULL, 0, JET_bitTableReadOnly, &t));
    JET_COLUMNDEF cd;
    assert_jet_ok(JetGetTableColumnInfoA(s, t, "k", &cd, sizeof cd, JET_ColInfo));
    int32_t want = 0;
    JET_ERR err = JetMove(s, t, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        int32_t v = -1;
        uint32_t cb = 0;
        assert_jet_ok(JetRetrieveColumn(s, t, cd.columnid, &v, sizeof v, &cb, 0, NULL));
        if (v != want)
            fail_msg("%s: key %d where %d was expected", path, (int)v, (int)want);
        want++;
        err = JetMove(s, t, JET_MoveNext, 0);
    }
    assert_jet(JET_errNoCurrentRecord, err);
    assert_int_equal(want, n);
    assert_jet_ok(JetCloseTable(s, t));
    assert_jet_ok(JetCloseDatabase(s, db, 0));
    assert_jet_ok(JetDetachDatabaseA(s, path));
    assert_jet_ok(JetEndSession(s, 0));
    assert_jet_ok(JetTerm(ci));
}

static void copy_file(const char *from, const char *to)
{
    FILE *a = fopen(from, "rb");
    FILE *b = fopen(to, "wb");
    assert_non_null(a);
    assert_non_null(b);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, a)) > 0)
        assert_int_equal(fwrite(buf, 1, n, b), n);
    assert_int_equal(fclose(a), 0);
    assert_int_equal(fclose(b), 0);
}

/* Highest archived generation of base in dir (names B + 5 hex digits +
 * ".log"); 0 when there is none. */
static unsigned max_gen(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return 0;
    unsigned hi = 0;
    size_t lb = strlen(base);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        const char *n = de->d_name;
        if (strlen(n) != lb + 9 || strncmp(n, base, lb) != 0 || strcmp(n + lb + 5, ".log") != 0)
            continue;
        char hex[6];
        memcpy(hex, n + lb, 5);
        hex[5] = '\0';
        char *end = NULL;
        unsigned long g = strtoul(hex, &end, 16);
        if (end == hex + 5 && g > hi)
            hi = (unsigned)g;
    }
    closedir(d);
    return hi;
}

static bool has(const char *dir, const char *name)
{
    char p[800];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return tu_exists(p) != 0;
}

/* The target: 300 rows, a full backup into g_dir/bk, 400 more rows. */
static void target_with_backup(tinst *e, const char *name, const char *base, bool circular)
{
    t_start(e, name, "live", base, circular);
    t_create_db(e);
    t_write(e, 0, 300);
    char bk[600];
    sub(bk, sizeof bk, "bk", false);
    assert_jet_ok(JetBackupInstanceA(e->inst, bk, 0, NULL));
    t_write(e, 300, 700);
}

/* Put the backup's copy of t.edb into g_dir/<folder>/t.edb (created). */
static void place_copy(const char *folder, char *out, size_t cb)
{
    char dir[600], from[700];
    sub(dir, sizeof dir, folder, false);
    assert_int_equal(mkdir(dir, 0755), 0);
    sub(from, sizeof from, "bk/t.edb", false);
    snprintf(out, cb, "%s/t.edb", dir);
    copy_file(from, out);
}

static void fresh(void)
{
    tu_rmtree(g_dir);
    assert_int_equal(mkdir(g_dir, 0755), 0);
}

/* ---- tests ---------------------------------------------------------------- */

/* A running target found by its log folder, with committed rows after the
 * backup and a transaction open in it: the restore replays the backup set
 * and the target's logs up to the generation its forced roll closed (every
 * committed row, not the open transaction), writes its logs into its own
 * folder and answers JET_wrnTargetInstanceRunning; the target runs on. */
static void test_running_by_path(void **state)
{
    (void)state;
    fresh();
    tinst e;
    target_with_backup(&e, "tgt", "edb", false);
    /* A transaction left open in another session during the restore. */
    JET_SESID s2;
    JET_TABLEID t2;
    assert_jet_ok(JetBeginSessionA(e.inst, &s2, NULL, NULL));
    JET_DBID db2;
    assert_jet_ok(JetOpenDatabaseA(s2, e.dbpath, NULL, &db2, 0));
    assert_jet_ok(JetOpenTableA(s2, db2, "t", NULL, 0, 0, &t2));
    t_insert(s2, t2, e.k, 700, 760, false);
    unsigned cur = max_gen(e.dir, "edb") + 1;   /* the target's current log */

    char rst[600], rstf[620], dbp[700], live[620];
    place_copy("rst", dbp, sizeof dbp);
    sub(rst, sizeof rst, "rst", false);
    sub(rstf, sizeof rstf, "rst", true);
    sub(live, sizeof live, "live", true);
    char bk[600];
    sub(bk, sizeof bk, "bk", false);
    JET_RSTMAP_A map = { e.dbpath, dbp };
    JET_LOGINFO_A li = { sizeof li, 0, 0, "edb" };
    assert_jet(JET_wrnTargetInstanceRunning,
               JetExternalRestore2A(rstf, rstf, &map, 1, bk, &li, NULL, live, live, NULL));
    /* The forced roll archived the target's current log: it is T. */
    assert_int_equal(max_gen(e.dir, "edb"), cur);
    /* The restore's stream continues in its own folder with T + 1 alone. */
    assert_true(has(rst, "edb.log"));
    assert_int_equal(max_gen(rst, "edb"), 0);
    assert_false(has(rst, "edbtmp.log"));
    assert_false(has(rst, "edbres00001.jrs"));
    assert_false(has(rst, "edbres00002.jrs"));
    assert_true(has(rst, "edb.chk"));
    /* The target's own database is untouched and the target runs on. */
    assert_jet_ok(JetCommitTransaction(s2, 0));
    t_write(&e, 760, 800);
    check_keys(dbp, 700);

    /* The restore's folder already holds a log: nothing is restored. */
    place_copy("rst2", dbp, sizeof dbp);
    char rst2[620];
    sub(rst2, sizeof rst2, "rst2", true);
    char stale[700];
    snprintf(stale, sizeof stale, "%sedb.log", rst2);
    char old[700];
    snprintf(old, sizeof old, "%s/edb.log", rst);
    copy_file(old, stale);
    JET_RSTMAP_A map2 = { e.dbpath, dbp };
    assert_jet(JET_errExistingLogFileIsNotContiguous,
               JetExternalRestore2A(rst2, rst2, &map2, 1, bk, &li, NULL, live, live, NULL));

    /* The restore's log folder may be the backup folder itself. */
    place_copy("rst3", dbp, sizeof dbp);
    JET_RSTMAP_A map3 = { e.dbpath, dbp };
    char bkf[620];
    sub(bkf, sizeof bkf, "bk", true);
    assert_jet(JET_wrnTargetInstanceRunning,
               JetExternalRestore2A(bkf, bkf, &map3, 1, bk, &li, NULL, live, live, NULL));
    assert_true(has(bk, "edb.log"));
    check_keys(dbp, 800);

    assert_jet_ok(JetCloseTable(s2, t2));
    assert_jet_ok(JetEndSession(s2, 0));
    t_stop(&e);
    /* The target's stream, with the restore's record in it, recovers. */
    t_start(&e, "tgt", "live", "edb", false);
    assert_true(JetAttachDatabaseA(e.ses, e.dbpath, 0) >= 0);
    assert_jet_ok(JetDetachDatabaseA(e.ses, e.dbpath));
    t_stop(&e);
    check_keys(e.dbpath, 800);
}

/* A running target found by its name; a named instance that is not
 * running, and a name nobody has → JET_errBadRestoreTargetInstance. */
static void test_running_by_name(void **state)
{
    (void)state;
    fresh();
    tinst e;
    target_with_backup(&e, "named", "edb", false);
    char dbp[700], rst[620], bk[600];
    place_copy("rst", dbp, sizeof dbp);
    sub(rst, sizeof rst, "rst", true);
    sub(bk, sizeof bk, "bk", false);
    JET_RSTMAP_A map = { e.dbpath, dbp };
    JET_LOGINFO_A li = { sizeof li, 0, 0, "" };   /* the default base name */

    JET_INSTANCE idle = 0;
    assert_jet_ok(JetCreateInstanceA(&idle, "idle"));
    assert_jet(JET_errBadRestoreTargetInstance,
               JetExternalRestore2A(rst, rst, &map, 1, bk, &li, "idle", NULL, NULL, NULL));
    assert_jet(JET_errBadRestoreTargetInstance,
               JetExternalRestore2A(rst, rst, &map, 1, bk, &li, "nobody", NULL, NULL, NULL));
    assert_jet_ok(JetTerm(idle));
    /* Nothing was written: the restore folder holds the copy only. */
    char rstd[600];
    sub(rstd, sizeof rstd, "rst", false);
    assert_false(has(rstd, "edb.log"));

    unsigned cur = max_gen(e.dir, "edb") + 1;
    assert_jet(JET_wrnTargetInstanceRunning,
               JetExternalRestore2A(rst, rst, &map, 1, bk, &li, "named", NULL, NULL, NULL));
    assert_int_equal(max_gen(e.dir, "edb"), cur);
    check_keys(dbp, 700);
    t_stop(&e);
}

/* A running target with another base name than the restore's: refused
 * before anything happens, the target is not rolled. */
static void test_base_mismatch(void **state)
{
    (void)state;
    fresh();
    tinst e;
    target_with_backup(&e, "tgt", "edb", false);
    char dbp[700], rst[620], bk[600], live[620];
    place_copy("rst", dbp, sizeof dbp);
    sub(rst, sizeof rst, "rst", true);
    sub(bk, sizeof bk, "bk", false);
    sub(live, sizeof live, "live", true);
    JET_RSTMAP_A map = { e.dbpath, dbp };
    JET_LOGINFO_A li = { sizeof li, 0, 0, "abc" };
    unsigned before = max_gen(e.dir, "edb");
    assert_jet(JET_errBadRestoreTargetInstance,
               JetExternalRestore2A(rst, rst, &map, 1, bk, &li, NULL, live, live, NULL));
    assert_jet(JET_errBadRestoreTargetInstance,
               JetExternalRestore2A(rst, rst, &map, 1, bk, &li, "tgt", NULL, NULL, NULL));
    assert_int_equal(max_gen(e.dir, "edb"), before);
    char rstd[600];
    sub(rstd, sizeof rstd, "rst", false);
    assert_false(has(rstd, "abc.log"));
    assert_false(has(rstd, "edb.log"));
    t_stop(&e);

    /* A target with its own base name, the restore on the default one. */
    fresh();
    target_with_backup(&e, "tgt", "xyz", false);
    place_copy("rst", dbp, sizeof dbp);
    JET_RSTMAP_A map2 = { e.dbpath, dbp };
    JET_LOGINFO_A li2 = { sizeof li2, 0, 0, "" };
    assert_jet(JET_errBadRestoreTargetInstance,
               JetExternalRestore2A(rst, rst, &map2, 1, bk, &li2, NULL, live, live, NULL));
    /* With its base name the restore goes into it. */
    JET_LOGINFO_A li3 = { sizeof li3, 0, 0, "xyz" };
    assert_jet(JET_wrnTargetInstanceRunning,
               JetExternalRestore2A(rst, rst, &map2, 1, bk, &li3, NULL, live, live, NULL));
    check_keys(dbp, 700);
    t_stop(&e);
}

/* A running target with circular logging is ignored: the restore runs in
 * its own folders, replays the backup set only, and succeeds plainly. */
static void test_circular_ignored(void **state)
{
    (void)state;
    fresh();
    tinst e;
    target_with_backup(&e, "circ", "edb", true);
    char dbp[700], rst[620], bk[600], live[620];
    place_copy("rst", dbp, sizeof dbp);
    sub(rst, sizeof rst, "rst", true);
    sub(bk, sizeof bk, "bk", false);
    sub(live, sizeof live, "live", true);
    JET_RSTMAP_A map = { e.dbpath, dbp };
    JET_LOGINFO_A li = { sizeof li, 0, 0, "edb" };
    assert_jet_ok(JetExternalRestore2A(rst, rst, &map, 1, bk, &li, NULL, live, live, NULL));
    char rstd[600];
    sub(rstd, sizeof rstd, "rst", false);
    assert_true(has(rstd, "edb.log"));
    check_keys(dbp, 300);
    place_copy("rst2", dbp, sizeof dbp);
    char rst2[620];
    sub(rst2, sizeof rst2, "rst2", true);
    JET_RSTMAP_A map2 = { e.dbpath, dbp };
    assert_jet_ok(JetExternalRestore2A(rst2, rst2, &map2, 1, bk, &li, "circ", NULL, NULL, NULL));
    check_keys(dbp, 300);
    t_stop(&e);
}

/* A target given by its folders and not running: the restore runs there
 * (system path = the target checkpoint folder, log path = the target log
 * folder), rolls forward through the logs it finds and succeeds plainly;
 * szCheckpointFilePath and szLogPath are not used. */
static void test_not_running_paths(void **state)
{
    (void)state;
    fresh();
    tinst e;
    target_with_backup(&e, "tgt", "edb", false);
    char dbpath[700];
    snprintf(dbpath, sizeof dbpath, "%s", e.dbpath);
    t_stop(&e);
    char dbp[700], bk[600], live[620], unused[620], unusedd[600];
    place_copy("rst", dbp, sizeof dbp);
    sub(bk, sizeof bk, "bk", false);
    sub(live, sizeof live, "live", true);
    sub(unused, sizeof unused, "unused", true);
    sub(unusedd, sizeof unusedd, "unused", false);
    JET_RSTMAP_A map = { dbpath, dbp };
    JET_LOGINFO_A li = { sizeof li, 0, 0, "edb" };
    assert_jet_ok(JetExternalRestore2A(unused, unused, &map, 1, bk, &li, NULL, live, live, NULL));
    assert_false(tu_exists(unusedd));
    /* Every committed row of the stopped instance's logs. */
    check_keys(dbp, 700);

    /* An empty pair of target folders: the backup set alone. */
    char tp[620], tpd[600];
    sub(tp, sizeof tp, "tp", true);
    sub(tpd, sizeof tpd, "tp", false);
    place_copy("rst2", dbp, sizeof dbp);
    JET_RSTMAP_A map2 = { dbpath, dbp };
    assert_jet_ok(JetExternalRestore2A(unused, unused, &map2, 1, bk, &li, NULL, tp, tp, NULL));
    assert_true(has(tpd, "edb.log"));
    assert_true(has(tpd, "edb.chk"));
    assert_false(tu_exists(unusedd));
    check_keys(dbp, 300);
}

/* A running target's attached database named as the file to restore in
 * place: refused (it is no backup copy) before anything is written to it,
 * and the target's data stays whole. */
static void test_attached_db_untouched(void **state)
{
    (void)state;
    fresh();
    tinst e;
    target_with_backup(&e, "tgt", "edb", false);
    char rst[620], bk[600], live[620];
    sub(rst, sizeof rst, "rst", true);
    sub(bk, sizeof bk, "bk", false);
    sub(live, sizeof live, "live", true);
    /* The application streamed the backup's copy over nothing: the
     * restore is pointed at the live file itself. */
    JET_RSTMAP_A map = { e.dbpath, e.dbpath };
    JET_LOGINFO_A li = { sizeof li, 0, 0, "edb" };
    JET_ERR err = JetExternalRestore2A(rst, rst, &map, 1, bk, &li, NULL, live, live, NULL);
    assert_jet(JET_errRestoreOfNonBackupDatabase, err);
    t_write(&e, 700, 720);
    t_stop(&e);
    t_start(&e, "tgt", "live", "edb", false);
    assert_true(JetAttachDatabaseA(e.ses, e.dbpath, 0) >= 0);
    assert_jet_ok(JetDetachDatabaseA(e.ses, e.dbpath));
    t_stop(&e);
    check_keys(e.dbpath, 720);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_running_by_path),
        cmocka_unit_test(test_running_by_name),
        cmocka_unit_test(test_base_mismatch),
        cmocka_unit_test(test_circular_ignored),
        cmocka_unit_test(test_not_running_paths),
        cmocka_unit_test(test_attached_db_untouched),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
