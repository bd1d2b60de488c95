/*
 * test_bk_stream.c: the streaming (external) backup API — every cell of the
 * state machine (ese-backup-semantics.md §3.11), the return codes of each
 * call, A/W list buffer semantics, the database stream format, ranges and
 * truncation, header backup info ("full" vs "copy", incremental), stop
 * (JetStopBackupInstance) and JetTerm interplay, attach/detach refusal,
 * and the legacy single-instance forms.
 */
#include "bk_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "log/log.h"
#include "os/os.h"

static uint32_t g_ps = 8192;
#define PS g_ps

static char *g_dir;
static uint8_t *g_buf;     /* 4 KiB aligned, 64 pages */
#define BUF_CB (64u * 8192u)

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("bkstream");
    g_buf = aligned_alloc(4096, BUF_CB);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    free(g_dir);
    free(g_buf);
    return 0;
}

/* A fresh environment with some committed data spread over generations. */
static void env(bkt *e)
{
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    bkt_open(e, g_dir, true);
    JET_API_PTR v = 0;
    assert_jet_ok(JetGetSystemParameterA(e->c.inst, 0, JET_paramDatabasePageSize, &v, NULL, 0));
    g_ps = (uint32_t)v;
    for (int i = 0; i < 5; i++)
        bkt_write(e, 300);
}

/* Read the open handle to its end into path (NULL: discard); bytes read. */
static uint64_t read_all(JET_INSTANCE ji, const char *path)
{
    FILE *f = path ? fopen(path, "wb") : NULL;
    uint64_t total = 0;
    for (;;) {
        uint32_t got = 0;
        assert_jet_ok(JetReadFileInstance(ji, 0, g_buf, BUF_CB, &got));
        if (got == 0)
            break;
        if (f)
            assert_int_equal(fwrite(g_buf, 1, got, f), got);
        total += got;
    }
    if (f)
        fclose(f);
    return total;
}

/* Copy every file of a NUL-separated list into dest. */
static void copy_list(JET_INSTANCE ji, const char *szz, const char *dest)
{
    for (const char *p = szz; *p; p += strlen(p) + 1) {
        JET_HANDLE hf = 1;
        uint32_t lo, hi;
        assert_jet_ok(JetOpenFileInstanceA(ji, p, &hf, &lo, &hi));
        char out[1200];
        snprintf(out, sizeof out, "%s/%s", dest, strrchr(p, '/') + 1);
        uint64_t n = read_all(ji, out);
        assert_int_equal(n, ((uint64_t)hi << 32) | lo);
        assert_jet_ok(JetCloseFileInstance(ji, hf));
    }
}

/* Full external backup into dest; truncate = call JetTruncateLog. */
static void full_backup(bkt *e, const char *dest, bool truncate)
{
    JET_INSTANCE ji = e->c.inst;
    char szz[4096];
    uint32_t cb = 0;
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetGetAttachInfoInstanceA(ji, szz, sizeof szz, &cb));
    copy_list(ji, szz, dest);
    assert_jet_ok(JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    copy_list(ji, szz, dest);
    if (truncate)
        assert_jet_ok(JetTruncateLogInstance(ji));
    assert_jet_ok(JetEndExternalBackupInstance(ji));
}

/* Idle: every call but Begin says there is no backup. */
static void test_idle_calls(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    JET_INSTANCE ji = e.c.inst;
    char szz[256];
    uint32_t cb, lo, hi;
    JET_HANDLE hf;
    assert_jet(JET_errNoBackup, JetGetAttachInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet(JET_errNoBackup, JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    assert_jet(JET_errNoBackup, JetReadFileInstance(ji, 0, g_buf, BUF_CB, &cb));
    assert_jet(JET_errNoBackup, JetCloseFileInstance(ji, 0));
    assert_jet(JET_errNoBackup, JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet(JET_errNoBackup, JetGetTruncateLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet(JET_errNoBackup, JetTruncateLogInstance(ji));
    assert_jet(JET_errNoBackup, JetEndExternalBackupInstance(ji));
    assert_jet(JET_errNoBackup, JetEndExternalBackupInstance2(ji, JET_bitBackupEndAbort));
    /* End's grbit is checked first. */
    assert_jet(JET_errInvalidParameter, JetEndExternalBackupInstance2(ji, 0));
    assert_jet(JET_errInvalidParameter,
               JetEndExternalBackupInstance2(ji, JET_bitBackupEndNormal | JET_bitBackupEndAbort));
    /* Begin's grbits: atomic, snapshot and unknown bits are refused. */
    assert_jet(JET_errInvalidGrbit, JetBeginExternalBackupInstance(ji, JET_bitBackupAtomic));
    assert_jet(JET_errInvalidGrbit, JetBeginExternalBackupInstance(ji, JET_bitBackupSnapshot));
    assert_jet(JET_errInvalidGrbit, JetBeginExternalBackupInstance(ji, 0x8));
    /* Incremental without a previous full backup. */
    bkt_events_start();
    assert_jet(JET_errMissingFullBackup,
               JetBeginExternalBackupInstance(ji, JET_bitBackupIncremental));
    assert_true(bkt_event_seen(206));
    assert_jet(JET_errNoBackup, JetEndExternalBackupInstance(ji));
    /* A garbage instance handle. */
    assert_true(JetBeginExternalBackupInstance((JET_INSTANCE)0x7777, 0) < 0);
    bkt_close(&e);
}

/* DB phase: every cell (§3.11) and the database stream format. */
static void test_db_phase(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    JET_INSTANCE ji = e.c.inst;
    char szz[4096], dest[600];
    uint32_t cb = 0, lo, hi;
    JET_HANDLE hf = 7;
    snprintf(dest, sizeof dest, "%s/dest", g_dir);
    assert_int_equal(os_mkdir_p(dest), 0);

    bkt_events_start();
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_true(bkt_event_seen(210));
    assert_jet(JET_errBackupInProgress, JetBeginExternalBackupInstance(ji, 0));
    /* No handle yet. */
    assert_jet(JET_errInvalidParameter, JetReadFileInstance(ji, 0, g_buf, BUF_CB, &cb));
    assert_jet(JET_errInvalidParameter, JetCloseFileInstance(ji, 0));
    assert_jet(JET_errInvalidBackupSequence, JetTruncateLogInstance(ji));

    /* GetAttachInfo: A with NULL / small / large buffers; W semantics. */
    assert_jet_ok(JetGetAttachInfoInstanceA(ji, NULL, 0, &cb));
    uint32_t need = (uint32_t)strlen(e.c.dbpath) + 2;
    assert_int_equal(cb, need);
    assert_jet(JET_errBufferTooSmall, JetGetAttachInfoInstanceA(ji, szz, 4, &cb));
    assert_jet_ok(JetGetAttachInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_string_equal(szz, e.c.dbpath);
    assert_int_equal(szz[strlen(szz) + 1], 0);
    wchar_t wz[1024];
    assert_jet_ok(JetGetAttachInfoInstanceW(ji, wz, 8, &cb));
    assert_int_equal(cb, need * sizeof(wchar_t));   /* the size needed, no error */
    assert_jet_ok(JetGetAttachInfoInstanceW(ji, wz, sizeof wz, &cb));
    assert_int_equal(wz[0], L'/');

    /* A file that is not a database of the instance: dropped, goes on. */
    assert_jet(JET_errDatabaseNotFound, JetOpenFileInstanceA(ji, "/nonexistent.edb", &hf, &lo,
                                                            &hi));
    assert_jet(JET_errInvalidParameter, JetOpenFileInstanceA(ji, "", &hf, &lo, &hi));

    assert_jet_ok(JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    assert_int_equal(hf, 0);
    assert_true(bkt_event_seen(220));
    uint64_t size = ((uint64_t)hi << 32) | lo;
    assert_int_equal(size % PS, 0);
    /* One handle only; the log list needs it closed. */
    assert_jet(JET_errOutOfMemory, JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    assert_jet(JET_errInvalidBackupSequence, JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    /* Read rules: aligned buffer, whole pages, at least 3 pages first. */
    assert_jet(JET_errInvalidParameter, JetReadFileInstance(ji, 0, g_buf + 8, BUF_CB - PS, &cb));
    assert_jet(JET_errInvalidParameter, JetReadFileInstance(ji, 0, g_buf, PS + 1, &cb));
    assert_jet(JET_errInvalidParameter, JetReadFileInstance(ji, 0, g_buf, 2 * PS, &cb));
    assert_jet(JET_errInvalidParameter, JetReadFileInstance(ji, 5, g_buf, BUF_CB, &cb));
    /* Three pages: header, shadow, page 1; then the rest page by page. */
    char copy[700];
    snprintf(copy, sizeof copy, "%s/core.edb", dest);
    FILE *f = fopen(copy, "wb");
    assert_jet_ok(JetReadFileInstance(ji, 0, g_buf, 3 * PS, &cb));
    assert_int_equal(cb, 3 * PS);
    fwrite(g_buf, 1, cb, f);
    uint64_t total = cb;
    for (;;) {
        assert_jet_ok(JetReadFileInstance(ji, 0, g_buf, PS, &cb));
        if (cb == 0)
            break;
        assert_int_equal(cb, PS);
        fwrite(g_buf, 1, cb, f);
        total += cb;
    }
    fclose(f);
    assert_int_equal(total, size);
    assert_jet_ok(JetCloseFileInstance(ji, 0));
    assert_true(bkt_event_seen(221));
    bkt_check_db_copy(copy);

    /* Logs: the roll, then the list; a database can no longer be opened
     * (that cancels the backup). */
    uint32_t gen_before = log_generation(e.c.log);
    JET_LOGINFO_A li;
    memset(&li, 0, sizeof li);
    li.cbSize = 3;
    assert_jet(JET_errInvalidParameter,
               JetGetLogInfoInstance2A(ji, szz, sizeof szz, &cb, &li));
    li.cbSize = sizeof li;
    assert_jet_ok(JetGetLogInfoInstance2A(ji, szz, sizeof szz, &cb, &li));
    assert_int_equal(li.ulGenHigh, gen_before);
    assert_int_equal(log_generation(e.c.log), gen_before + 1);
    assert_string_equal(li.szBaseName, "edb");
    assert_true(bkt_event_seen(223));
    /* Same list again, no second roll. */
    char szz2[4096];
    assert_jet_ok(JetGetLogInfoInstanceA(ji, szz2, sizeof szz2, &cb));
    assert_memory_equal(szz, szz2, cb);
    assert_int_equal(log_generation(e.c.log), gen_before + 1);
    /* W log list: bytes copied when a buffer is given. */
    assert_jet_ok(JetGetLogInfoInstanceW(ji, wz, 12, &cb));
    assert_int_equal(cb, 12);
    assert_jet_ok(JetGetLogInfoInstanceW(ji, NULL, 0, &cb));
    assert_true(cb > 12);
    JET_LOGINFO_W lw;
    memset(&lw, 0, sizeof lw);
    assert_jet_ok(JetGetLogInfoInstance2W(ji, NULL, 0, &cb, &lw));
    assert_int_equal(lw.ulGenLow, li.ulGenLow);
    assert_int_equal(lw.szBaseName[0], L'e');
    assert_jet_ok(JetGetTruncateLogInfoInstanceA(ji, szz2, sizeof szz2, &cb));

    assert_jet(JET_errInvalidBackupSequence,
               JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    assert_jet(JET_errNoBackup, JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_true(bkt_event_seen(214));
    assert_jet(JET_errNoBackup, JetEndExternalBackupInstance(ji));
    bkt_close(&e);
}

/* LOGS phase: open/read logs, truncation preconditions, normal end. */
static void test_logs_phase_and_truncate(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    JET_INSTANCE ji = e.c.inst;
    char szz[8192], dest[600];
    uint32_t cb = 0, lo, hi;
    JET_HANDLE hf;
    snprintf(dest, sizeof dest, "%s/dest", g_dir);
    assert_int_equal(os_mkdir_p(dest), 0);

    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetGetAttachInfoInstanceA(ji, szz, sizeof szz, &cb));
    copy_list(ji, szz, dest);
    JET_LOGINFO_A li = { .cbSize = sizeof li };
    assert_jet_ok(JetGetLogInfoInstance2A(ji, szz, sizeof szz, &cb, &li));
    /* Not every log read yet: truncation refuses. */
    bkt_events_start();
    assert_jet(JET_errLogFileNotCopied, JetTruncateLogInstance(ji));
    assert_true(bkt_event_seen(520));
    /* A log handle: first read needs two pages; reading it half and closing
     * gives no credit. */
    assert_jet_ok(JetOpenFileInstanceA(ji, szz, &hf, &lo, &hi));
    assert_jet(JET_errOutOfMemory, JetOpenFileInstanceA(ji, szz, &hf, &lo, &hi));
    assert_jet(JET_errInvalidBackupSequence, JetTruncateLogInstance(ji));
    assert_jet(JET_errInvalidBackupSequence, JetGetLogInfoInstanceA(ji, NULL, 0, &cb));
    assert_jet(JET_errInvalidParameter, JetReadFileInstance(ji, 0, g_buf, PS, &cb));
    assert_jet_ok(JetReadFileInstance(ji, 0, g_buf, 2 * PS, &cb));
    assert_int_equal(cb, 2 * PS);
    assert_jet_ok(JetCloseFileInstance(ji, 0));
    assert_true(bkt_event_seen(222));
    /* A missing file in LOGS phase cancels the backup. */
    copy_list(ji, szz, dest);
    bkt_check_logs(dest, li.ulGenLow, li.ulGenHigh);
    uint32_t dlo, dhi;
    bkt_gen_range(g_dir, &dlo, &dhi);
    char tz[8192];
    assert_jet_ok(JetGetTruncateLogInfoInstanceA(ji, tz, sizeof tz, &cb));
    assert_jet_ok(JetTruncateLogInstance(ji));
    assert_true(bkt_event_seen(224) || bkt_event_seen(225));
    /* Every log truncation listed is gone, the copied range that crash
     * recovery needs is still there. */
    for (const char *p = tz; *p; p += strlen(p) + 1)
        assert_false(os_exists(p));
    assert_jet_ok(JetEndExternalBackupInstance(ji));
    assert_true(bkt_event_seen(213));

    JET_DBINFOMISC4 m;
    bkt_misc(e.c.dbpath, &m);
    assert_int_equal(m.bkinfoFullPrev.genLow, li.ulGenLow);
    assert_int_equal(m.bkinfoFullPrev.genHigh, li.ulGenHigh);
    assert_true(m.bkinfoFullPrev.lgposMark.lGeneration != 0);
    assert_int_equal(m.bkinfoCopyPrev.genLow, 0);
    assert_int_equal(m.bkinfoIncPrev.genLow, 0);

    /* Incremental: logs since then; attach info is out of sequence. */
    bkt_write(&e, 600);
    assert_jet_ok(JetBeginExternalBackupInstance(ji, JET_bitBackupIncremental));
    assert_jet(JET_errInvalidBackupSequence, JetGetAttachInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet(JET_errInvalidBackupSequence,
               JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    /* That cancelled it (DB open in LOGS phase). */
    assert_jet(JET_errNoBackup, JetEndExternalBackupInstance(ji));
    assert_jet_ok(JetBeginExternalBackupInstance(ji, JET_bitBackupIncremental));
    JET_LOGINFO_A li2 = { .cbSize = sizeof li2 };
    assert_jet_ok(JetGetLogInfoInstance2A(ji, szz, sizeof szz, &cb, &li2));
    assert_true(li2.ulGenHigh > li.ulGenHigh);
    assert_true(li2.ulGenLow <= li.ulGenHigh + 1);
    /* A missing log cancels the backup. */
    char missing[700];
    snprintf(missing, sizeof missing, "%s/edb%05X.log", g_dir, 0xFFFF0u);
    assert_jet(JET_errMissingFileToBackup, JetOpenFileInstanceA(ji, missing, &hf, &lo, &hi));
    assert_jet(JET_errNoBackup, JetTruncateLogInstance(ji));
    assert_jet_ok(JetBeginExternalBackupInstance(ji, JET_bitBackupIncremental));
    assert_jet_ok(JetGetLogInfoInstance2A(ji, szz, sizeof szz, &cb, &li2));
    copy_list(ji, szz, dest);
    assert_jet_ok(JetTruncateLogInstance(ji));
    assert_jet_ok(JetEndExternalBackupInstance(ji));
    bkt_misc(e.c.dbpath, &m);
    assert_int_equal(m.bkinfoFullPrev.genLow, li.ulGenLow);
    assert_int_equal(m.bkinfoIncPrev.genLow, li2.ulGenLow);
    assert_int_equal(m.bkinfoIncPrev.genHigh, li2.ulGenHigh);
    bkt_check_logs(dest, li.ulGenLow, li2.ulGenHigh);
    bkt_close(&e);
}

/* "copy" and "differential": nothing truncated → other header slots; a
 * copy does not satisfy an incremental's need for a full backup. */
static void test_copy_and_differential(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    char dest[600];
    snprintf(dest, sizeof dest, "%s/dest", g_dir);
    assert_int_equal(os_mkdir_p(dest), 0);
    full_backup(&e, dest, false);
    JET_DBINFOMISC4 m;
    bkt_misc(e.c.dbpath, &m);
    assert_int_equal(m.bkinfoFullPrev.genLow, 0);
    assert_true(m.bkinfoCopyPrev.genLow != 0);
    assert_jet(JET_errMissingFullBackup,
               JetBeginExternalBackupInstance(e.c.inst, JET_bitBackupIncremental));

    /* JET_bitBackupTruncateDone: the caller truncated itself → "full". */
    tu_rmtree(dest);
    assert_int_equal(os_mkdir_p(dest), 0);
    JET_INSTANCE ji = e.c.inst;
    char szz[8192];
    uint32_t cb;
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetGetAttachInfoInstanceA(ji, szz, sizeof szz, &cb));
    copy_list(ji, szz, dest);
    assert_jet_ok(JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    copy_list(ji, szz, dest);
    assert_jet_ok(JetEndExternalBackupInstance2(ji, JET_bitBackupEndNormal |
                                                          JET_bitBackupTruncateDone));
    bkt_misc(e.c.dbpath, &m);
    assert_true(m.bkinfoFullPrev.genLow != 0);

    /* Incremental without truncation → differential slot. */
    bkt_write(&e, 300);
    assert_jet_ok(JetBeginExternalBackupInstance(ji, JET_bitBackupIncremental));
    assert_jet_ok(JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    copy_list(ji, szz, dest);
    assert_jet_ok(JetEndExternalBackupInstance(ji));
    bkt_misc(e.c.dbpath, &m);
    assert_true(m.bkinfoDiffPrev.genLow != 0);
    assert_int_equal(m.bkinfoIncPrev.genLow, 0);
    bkt_close(&e);
}

/* End in each state: DB phase / with a handle / abort → success, nothing
 * recorded; LOGS with a handle → success, handle closed. */
static void test_end_in_each_state(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    JET_INSTANCE ji = e.c.inst;
    char szz[8192];
    uint32_t cb, lo, hi;
    JET_HANDLE hf;
    JET_DBINFOMISC4 before, m;
    bkt_misc(e.c.dbpath, &before);

    bkt_events_start();
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetEndExternalBackupInstance(ji));             /* DB: abort */
    assert_true(bkt_event_seen(215));
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    assert_jet_ok(JetEndExternalBackupInstance(ji));             /* DB+H */
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    read_all(ji, NULL);
    assert_jet_ok(JetCloseFileInstance(ji, 0));
    assert_jet_ok(JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet_ok(JetEndExternalBackupInstance2(ji, JET_bitBackupEndAbort));  /* LOGS abort */
    bkt_misc(e.c.dbpath, &m);
    assert_memory_equal(&m.bkinfoFullPrev, &before.bkinfoFullPrev, sizeof m.bkinfoFullPrev);
    assert_memory_equal(&m.bkinfoCopyPrev, &before.bkinfoCopyPrev, sizeof m.bkinfoCopyPrev);

    /* LOGS+H, normal end: closes the handle, records a copy backup. */
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    read_all(ji, NULL);
    assert_jet_ok(JetCloseFileInstance(ji, 0));
    assert_jet_ok(JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet_ok(JetOpenFileInstanceA(ji, szz, &hf, &lo, &hi));
    assert_jet_ok(JetEndExternalBackupInstance(ji));
    bkt_misc(e.c.dbpath, &m);
    assert_true(m.bkinfoCopyPrev.genLow != 0);
    assert_jet(JET_errNoBackup, JetCloseFileInstance(ji, 0));
    bkt_close(&e);
}

/* JetStopBackupInstance: every call but close/end → BackupAbortByServer;
 * end succeeds and records nothing; a new backup can start. */
static void test_stop(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    JET_INSTANCE ji = e.c.inst;
    char szz[8192];
    uint32_t cb, lo, hi;
    JET_HANDLE hf;
    JET_DBINFOMISC4 before, m;
    bkt_misc(e.c.dbpath, &before);

    /* A stop without a backup has no lasting effect. */
    assert_jet_ok(JetStopBackupInstance(ji));
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    assert_jet_ok(JetStopBackupInstance(ji));
    assert_jet(JET_errBackupAbortByServer, JetReadFileInstance(ji, 0, g_buf, BUF_CB, &cb));
    assert_jet(JET_errBackupAbortByServer, JetGetAttachInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet(JET_errBackupAbortByServer, JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    assert_jet(JET_errBackupAbortByServer, JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet(JET_errBackupAbortByServer,
               JetGetTruncateLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet(JET_errBackupAbortByServer, JetTruncateLogInstance(ji));
    assert_jet(JET_errBackupInProgress, JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetCloseFileInstance(ji, 0));
    bkt_events_start();
    assert_jet_ok(JetEndExternalBackupInstance(ji));
    assert_true(bkt_event_seen(226));
    bkt_misc(e.c.dbpath, &m);
    assert_memory_equal(&m.bkinfoFullPrev, &before.bkinfoFullPrev, sizeof m.bkinfoFullPrev);
    assert_memory_equal(&m.bkinfoCopyPrev, &before.bkinfoCopyPrev, sizeof m.bkinfoCopyPrev);

    /* Stop in LOGS phase, then a new backup runs to completion. */
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    assert_jet_ok(JetOpenFileInstanceA(ji, e.c.dbpath, &hf, &lo, &hi));
    read_all(ji, NULL);
    assert_jet_ok(JetCloseFileInstance(ji, 0));
    assert_jet_ok(JetGetLogInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet_ok(JetStopBackupInstance(ji));
    assert_jet_ok(JetEndExternalBackupInstance2(ji, JET_bitBackupEndNormal));
    char dest[600];
    snprintf(dest, sizeof dest, "%s/dest", g_dir);
    assert_int_equal(os_mkdir_p(dest), 0);
    full_backup(&e, dest, true);
    bkt_misc(e.c.dbpath, &m);
    assert_true(m.bkinfoFullPrev.genLow != 0);
    /* Garbage handle: JET_errInvalidParameter (seed page). */
    assert_jet(JET_errInvalidParameter, JetStopBackupInstance((JET_INSTANCE)0x5555));
    bkt_close(&e);
}

/* Attach / detach / create during a backup; JetTerm2 interplay. */
static void test_tach_and_term(void **state)
{
    (void)state;
    bkt e;
    env(&e);
    JET_INSTANCE ji = e.c.inst;
    char other[700];
    snprintf(other, sizeof other, "%s/other.edb", g_dir);
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    JET_DBID dbid;
    assert_jet(JET_errBackupInProgress, JetCreateDatabaseA(e.c.ses, other, NULL, &dbid, 0));
    assert_jet(JET_errBackupInProgress, JetAttachDatabaseA(e.c.ses, other, 0));
    assert_jet(JET_errBackupInProgress, JetDetachDatabaseA(e.c.ses, e.c.dbpath));
    /* JetTerm2 without StopBackup/Abrupt refuses; the instance stays up. */
    assert_jet(JET_errBackupInProgress, JetTerm2(ji, 0));
    assert_jet(JET_errBackupInProgress, JetTerm2(ji, JET_bitTermComplete));
    uint32_t cb;
    char szz[4096];
    assert_jet_ok(JetGetAttachInfoInstanceA(ji, szz, sizeof szz, &cb));
    assert_jet_ok(JetEndExternalBackupInstance2(ji, JET_bitBackupEndAbort));
    assert_jet_ok(JetCreateDatabaseA(e.c.ses, other, NULL, &dbid, 0));
    assert_jet_ok(JetCloseDatabase(e.c.ses, dbid, 0));
    assert_jet_ok(JetDetachDatabaseA(e.c.ses, other));

    /* JET_bitTermStopBackup ends a running backup as stopped by the server. */
    assert_jet_ok(JetBeginExternalBackupInstance(ji, 0));
    bkt_events_start();
    db_unpin(e.c.d);
    assert_jet_ok(JetCloseDatabase(e.c.ses, e.c.dbid, 0));
    assert_jet_ok(JetEndSession(e.c.ses, 0));
    assert_jet_ok(JetTerm2(ji, JET_bitTermStopBackup));
    assert_true(bkt_event_seen(226));

    /* Plain JetTerm (abrupt) stops one as well. */
    bkt_open(&e, g_dir, false);
    assert_jet_ok(JetBeginExternalBackupInstance(e.c.inst, 0));
    bkt_events_start();
    db_unpin(e.c.d);
    assert_jet_ok(JetTerm(e.c.inst));
    assert_true(bkt_event_seen(226));
}

/* Recovery off / circular logging. */
static void params_recovery_off(JET_INSTANCE ji)
{
    assert_jet_ok(JetSetSystemParameterA(&ji, 0, JET_paramRecovery, 0, "off"));
}
static void params_circular(JET_INSTANCE ji)
{
    assert_jet_ok(JetSetSystemParameterA(&ji, 0, JET_paramCircularLog, 1, NULL));
}

static void test_logging_disabled_and_circular(void **state)
{
    (void)state;
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    core_env c;
    core_params_hook = params_recovery_off;
    JET_ERR err = core_try_open(&c, g_dir, true);
    core_params_hook = NULL;
    assert_jet_ok(err);
    assert_jet(JET_errLoggingDisabled, JetBeginExternalBackupInstance(c.inst, 0));
    char dest[600];
    snprintf(dest, sizeof dest, "%s/dest", g_dir);
    assert_jet(JET_errLoggingDisabled, JetBackupInstanceA(c.inst, dest, 0, NULL));
    assert_jet(JET_errLoggingDisabled, JetBackupInstanceA(c.inst, NULL, 0, NULL));
    core_close(&c, 0);

    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    core_params_hook = params_circular;
    bkt e;
    bkt_open(&e, g_dir, true);
    core_params_hook = NULL;
    assert_jet(JET_errInvalidBackup,
               JetBeginExternalBackupInstance(e.c.inst, JET_bitBackupIncremental));
    assert_jet(JET_errInvalidBackup,
               JetBackupInstanceA(e.c.inst, dest, JET_bitBackupIncremental, NULL));
    /* A full backup under circular logging works, and deletion pauses. */
    for (int i = 0; i < 3; i++)
        bkt_write(&e, 300);
    assert_int_equal(os_mkdir_p(dest), 0);
    full_backup(&e, dest, true);
    uint32_t lo, hi;
    bkt_gen_range(dest, &lo, &hi);
    bkt_check_logs(dest, lo, hi);
    char *copy = tu_path(dest, "core.edb");
    bkt_check_db_copy(copy);
    free(copy);
    bkt_close(&e);
}

/* The legacy (instance-less) forms: single-instance mode only. */
static void test_legacy_forms(void **state)
{
    (void)state;
    /* Multi-instance mode: every legacy form refuses. */
    bkt e;
    env(&e);
    char szz[4096];
    uint32_t cb, lo, hi;
    JET_HANDLE hf;
    assert_jet(JET_errRunningInMultiInstanceMode, JetBeginExternalBackup(0));
    assert_jet(JET_errRunningInMultiInstanceMode, JetGetAttachInfoA(szz, sizeof szz, &cb));
    assert_jet(JET_errRunningInMultiInstanceMode, JetOpenFileA("x", &hf, &lo, &hi));
    assert_jet(JET_errRunningInMultiInstanceMode, JetReadFile(0, g_buf, BUF_CB, &cb));
    assert_jet(JET_errRunningInMultiInstanceMode, JetCloseFile(0));
    assert_jet(JET_errRunningInMultiInstanceMode, JetGetLogInfoA(szz, sizeof szz, &cb));
    assert_jet(JET_errRunningInMultiInstanceMode, JetTruncateLog());
    assert_jet(JET_errRunningInMultiInstanceMode, JetEndExternalBackup());
    assert_jet(JET_errRunningInMultiInstanceMode, JetBackupA("x", 0, NULL));
    assert_jet(JET_errRunningInMultiInstanceMode, JetStopBackup());
    bkt_close(&e);

    /* No mode yet: JET_errInvalidParameter. */
    assert_jet(JET_errInvalidParameter, JetBeginExternalBackup(0));
    assert_jet(JET_errInvalidParameter, JetStopBackup());

    /* Single-instance mode. */
    tu_rmtree(g_dir);
    assert_int_equal(os_mkdir_p(g_dir), 0);
    char folder[600], dbp[700], dest[700];
    snprintf(folder, sizeof folder, "%s/", g_dir);
    snprintf(dbp, sizeof dbp, "%s/legacy.edb", g_dir);
    snprintf(dest, sizeof dest, "%s/dest", g_dir);
    JET_INSTANCE ji = 0;
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramLogFileSize, 128, NULL));
    assert_jet_ok(JetSetSystemParameterA(NULL, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetInit(&ji));
    JET_SESID ses;
    JET_DBID dbid;
    assert_jet_ok(JetBeginSessionA(ji, &ses, NULL, NULL));
    assert_jet_ok(JetCreateDatabaseA(ses, dbp, NULL, &dbid, 0));

    assert_jet_ok(JetBeginExternalBackup(0));
    assert_jet_ok(JetGetAttachInfoA(szz, sizeof szz, &cb));
    assert_string_equal(szz, dbp);
    assert_jet_ok(JetOpenFileA(dbp, &hf, &lo, &hi));
    assert_jet_ok(JetReadFile(hf, g_buf, BUF_CB, &cb));
    assert_true(cb > 0);
    assert_jet_ok(JetStopBackup());
    assert_jet(JET_errBackupAbortByServer, JetReadFile(hf, g_buf, BUF_CB, &cb));
    assert_jet_ok(JetCloseFile(hf));
    assert_jet(JET_errBackupAbortByServer, JetGetLogInfoA(szz, sizeof szz, &cb));
    assert_jet(JET_errBackupAbortByServer, JetTruncateLog());
    assert_jet_ok(JetEndExternalBackup());

    /* Legacy JetBackup (A and W) works on the one instance. */
    assert_jet_ok(JetBackupA(dest, 0, NULL));
    assert_true(bkt_has(dest, "legacy.edb"));
    assert_true(bkt_has(dest, "legacy.pat"));
    wchar_t wdest[800];
    swprintf(wdest, 800, L"%s/w", dest);
    assert_jet_ok(JetBackupW(wdest, JET_bitBackupAtomic, NULL));
    char wnew[800];
    snprintf(wnew, sizeof wnew, "%s/w/new", dest);
    assert_true(bkt_has(wnew, "legacy.edb"));

    assert_jet_ok(JetCloseDatabase(ses, dbid, 0));
    assert_jet_ok(JetEndSession(ses, 0));
    assert_jet_ok(JetTerm(ji));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idle_calls),
        cmocka_unit_test(test_db_phase),
        cmocka_unit_test(test_logs_phase_and_truncate),
        cmocka_unit_test(test_copy_and_differential),
        cmocka_unit_test(test_end_in_each_state),
        cmocka_unit_test(test_stop),
        cmocka_unit_test(test_tach_and_term),
        cmocka_unit_test(test_logging_disabled_and_circular),
        cmocka_unit_test(test_legacy_forms),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
