/* bk_tu.c: see bk_tu.h. */
#include "bk_tu.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "os/os.h"
#include "page/page.h"
#include "util/crc32c.h"
#include "util/logtime.h"

void bkt_open(bkt *e, const char *dir, bool create)
{
    memset(e, 0, sizeof *e);
    snprintf(e->dir, sizeof e->dir, "%s", dir);
    core_open(&e->c, dir, create);
    e->in = core_inst(&e->c);
    assert_non_null(e->in);
    if (create) {
        txn *t;
        assert_jet_ok(txn_begin(e->c.log, &t));
        assert_jet_ok(st_tree_create(e->c.st, txn_id(t), &e->objid));
        assert_jet_ok(txn_commit(t, false, NULL));
    } else {
        e->objid = ST_CAT_OBJID + 1;   /* the first tree a fresh database creates */
    }
}

void bkt_write(bkt *e, uint64_t rows)
{
    bt_tree *bt;
    assert_jet_ok(st_tree_open(e->c.st, e->objid, &bt));
    txn *t;
    assert_jet_ok(txn_begin(e->c.log, &t));
    assert_jet_ok(core_insert_rows(bt, txn_id(t), e->next_row, rows));
    assert_jet_ok(txn_commit(t, false, NULL));
    e->next_row += rows;
}

void bkt_close(bkt *e)
{
    core_close(&e->c, 0);
}

void bkt_misc(const char *path, JET_DBINFOMISC4 *m)
{
    memset(m, 0, sizeof *m);
    assert_jet_ok(JetGetDatabaseFileInfoA(path, m, sizeof *m, JET_DbInfoMisc));
}

void bkt_gen_range(const char *dir, uint32_t *lo, uint32_t *hi)
{
    assert_jet_ok(log_gen_range(dir, "edb", 3, lo, hi));
}

uint32_t bkt_check_db_copy(const char *path)
{
    uint64_t size = 0;
    assert_jet_ok(os_path_size(path, &size));
    os_file *f;
    assert_jet_ok(os_open(path, OS_OPEN_READ, &f));
    uint8_t *page = aligned_alloc(4096, 32768);
    db_hdr h, h2;
    /* Page size from the header (try the sizes jetdb supports). */
    uint32_t ps = 0;
    for (uint32_t cb = 4096; cb <= 32768 && ps == 0; cb *= 2) {
        if (size >= 3ull * cb && os_pread(f, page, cb, 0) >= 0 && db_hdr_decode(page, cb, &h) >= 0)
            ps = cb;
    }
    assert_true(ps != 0);
    assert_int_equal(size % ps, 0);
    assert_jet_ok(os_pread(f, page, ps, ps));
    assert_jet_ok(db_hdr_decode(page, ps, &h2));
    assert_memory_equal(&h, &h2, sizeof h);
    assert_true(h.bk[DB_BK_FULL_CUR].genLow != 0);
    uint32_t npages = (uint32_t)(size / ps) - 3;
    assert_int_equal(h.pgno_last, npages);
    for (uint32_t pgno = 1; pgno <= npages; pgno++) {
        assert_jet_ok(os_pread(f, page, ps, ((uint64_t)pgno + 1) * ps));
        JET_ERR err = pg_verify(page, ps, pgno);
        if (err == JET_errPageNotInitialized)
            continue;
        if (err < 0)
            fail_msg("page %u of %s: %d", pgno, path, (int)err);
    }
    /* The trailer: magic "JBKT" and its checksum. */
    assert_jet_ok(os_pread(f, page, ps, size - ps));
    uint32_t crc, magic;
    memcpy(&crc, page, 4);
    memcpy(&magic, page + 4, 4);
    assert_int_equal(magic, 0x544B424Au);
    assert_int_equal(crc, crc32c(0, page + 4, ps - 4));
    free(page);
    (void)os_close(f);
    return npages;
}

void bkt_check_logs(const char *dir, uint32_t lo, uint32_t hi)
{
    assert_true(lo != 0 && lo <= hi);
    log_file_hdr prev;
    memset(&prev, 0, sizeof prev);
    for (uint32_t g = lo; g <= hi; g++) {
        char name[LOG_NAME_MAX], path[1100];
        assert_jet_ok(log_name_archived("edb", 3, g, name, sizeof name));
        snprintf(path, sizeof path, "%s/%s", dir, name);
        log_file_info info;
        JET_ERR err = log_verify_file(path, false, &info);
        if (err < 0)
            fail_msg("log %s: %d", path, (int)err);
        assert_int_equal(info.hdr.gen, g);
        assert_true(info.closed);
        if (g > lo) {
            assert_true(logtime_equal(&info.hdr.tm_prev, &prev.tm_create));
            assert_true(signature_equal(&info.hdr.sign_log, &prev.sign_log));
        }
        prev = info.hdr;
    }
}

size_t bkt_count_entries(const char *dir)
{
    char **names = NULL;
    size_t n = 0;
    if (!os_is_dir(dir))
        return 0;
    assert_jet_ok(os_list_dir(dir, &names, &n));
    os_list_free(names, n);
    return n;
}

bool bkt_has(const char *dir, const char *name)
{
    char path[1100];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return os_exists(path);
}

/* ---- events ---- */

static pthread_mutex_t g_ev_mu = PTHREAD_MUTEX_INITIALIZER;
static uint8_t g_seen[1024];

static void on_event(const JETDB_EVENT *ev, void *ctx)
{
    (void)ctx;
    pthread_mutex_lock(&g_ev_mu);
    if (ev->eventId < sizeof g_seen)
        g_seen[ev->eventId] = 1;
    pthread_mutex_unlock(&g_ev_mu);
}

void bkt_events_start(void)
{
    pthread_mutex_lock(&g_ev_mu);
    memset(g_seen, 0, sizeof g_seen);
    pthread_mutex_unlock(&g_ev_mu);
    JetDbSetEventCallback(on_event, NULL, JETDB_bitEventNoSyslog);
}

bool bkt_event_seen(uint32_t id)
{
    pthread_mutex_lock(&g_ev_mu);
    bool yes = id < sizeof g_seen && g_seen[id];
    pthread_mutex_unlock(&g_ev_mu);
    return yes;
}

void bkt_events_stop(void)
{
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
}
