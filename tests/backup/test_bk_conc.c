/*
 * test_bk_conc.c: online backups under load — writer threads keep
 * committing while full and incremental JetBackupInstance calls and a
 * streaming backup run; afterwards the backup folder is checked: every page
 * of the copy verifies, the logs are contiguous from the full backup's first
 * generation to the last incremental's, and the live header's backup info
 * (JET_DBINFOMISC4) matches the generations the folder holds.
 */
#include "bk_tu.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "os/os.h"

#define WRITERS 3

static char *g_dir;
static atomic_int g_stop;
static atomic_ullong g_commits;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("bkconc");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

struct warg {
    bkt *e;
    uint64_t base;
};

/* Commit small transactions on a private key range until told to stop. */
static void *writer(void *p)
{
    struct warg *w = p;
    bt_tree *t;
    if (st_tree_open(w->e->c.st, w->e->objid, &t) < 0)
        return (void *)1;
    for (uint64_t n = 0; !atomic_load(&g_stop); n++) {
        txn *x;
        if (txn_begin(w->e->c.log, &x) < 0)
            return (void *)2;
        if (core_insert_rows(t, txn_id(x), w->base + n * 20, 20) < 0)
            return (void *)3;
        if (txn_commit(x, false, NULL) < 0)
            return (void *)4;
        atomic_fetch_add(&g_commits, 1);
    }
    return NULL;
}

static void test_backups_under_load(void **state)
{
    (void)state;
    bkt e;
    bkt_open(&e, g_dir, true);
    bkt_write(&e, 500);
    char dest[600];
    snprintf(dest, sizeof dest, "%s/dest", g_dir);

    pthread_t th[WRITERS];
    struct warg args[WRITERS];
    atomic_store(&g_stop, 0);
    for (int i = 0; i < WRITERS; i++) {
        args[i].e = &e;
        args[i].base = 1000000ull * (uint64_t)(i + 1);
        assert_int_equal(pthread_create(&th[i], NULL, writer, &args[i]), 0);
    }
    os_sleep_ms(100);
    uint64_t c0 = atomic_load(&g_commits);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, dest, 0, NULL));
    uint64_t c1 = atomic_load(&g_commits);
    for (int round = 0; round < 3; round++) {
        os_sleep_ms(100);
        assert_jet_ok(JetBackupInstanceA(e.c.inst, dest, JET_bitBackupIncremental, NULL));
    }
    /* The live header describes the full + incremental chain in dest. */
    JET_DBINFOMISC4 m;
    bkt_misc(e.c.dbpath, &m);
    /* An atomic full backup in a second folder while the writers go on. */
    char dest2[600];
    snprintf(dest2, sizeof dest2, "%s/dest2", g_dir);
    assert_jet_ok(JetBackupInstanceA(e.c.inst, dest2, JET_bitBackupAtomic, NULL));
    atomic_store(&g_stop, 1);
    for (int i = 0; i < WRITERS; i++) {
        void *r;
        pthread_join(th[i], &r);
        assert_null(r);
    }
    print_message("commits: %llu before the full backup, %llu during it, %llu in all\n",
                  (unsigned long long)c0, (unsigned long long)(c1 - c0),
                  (unsigned long long)atomic_load(&g_commits));
    assert_true(atomic_load(&g_commits) > c0);

    /* The folder: the copy verifies page by page; logs contiguous. */
    char copy[800];
    snprintf(copy, sizeof copy, "%s/core.edb", dest);
    bkt_check_db_copy(copy);
    JET_DBINFOMISC4 cm;
    bkt_misc(copy, &cm);
    uint32_t lo, hi;
    bkt_gen_range(dest, &lo, &hi);
    bkt_check_logs(dest, lo, hi);
    assert_int_equal(cm.bkinfoFullCur.genLow, lo);
    assert_int_equal(m.bkinfoFullPrev.genLow, lo);
    assert_true(m.bkinfoFullPrev.genHigh < hi);
    assert_int_equal(m.bkinfoIncPrev.genHigh, hi);
    assert_true(m.bkinfoIncPrev.genLow >= m.bkinfoFullPrev.genLow && m.bkinfoIncPrev.genLow <= hi);
    assert_true(m.bkinfoIncPrev.lgposMark.lGeneration > m.bkinfoFullPrev.lgposMark.lGeneration);
    assert_true(m.bkinfoFullPrev.logtimeMark.bYear != 0);

    char nd[700];
    snprintf(nd, sizeof nd, "%s/new", dest2);
    snprintf(copy, sizeof copy, "%s/core.edb", nd);
    bkt_check_db_copy(copy);
    bkt_gen_range(nd, &lo, &hi);
    bkt_check_logs(nd, lo, hi);
    bk_stats st;
    bk_get_stats(e.in, &st);
    print_message("pages copied %llu, re-read %llu, log bytes %llu, logs deleted %u\n",
                  (unsigned long long)st.pages_copied, (unsigned long long)st.pages_reread,
                  (unsigned long long)st.log_bytes, st.logs_deleted);
    bkt_close(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backups_under_load),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
