/*
 * test_log_crash.c: crash simulation on the files themselves.  Unflushed
 * records never come back; a flush torn in the middle ends the log at the
 * last intact segment and never resurrects segments written after the hole;
 * a damaged segment followed by a later flush is corruption, not a torn
 * tail; copies of a live log taken at arbitrary moments open and hold every
 * record acknowledged before the copy; damage in archived files, foreign or missing
 * generations and broken chains are reported with ESE's error codes; an
 * interrupted roll is finished by log_open.
 */
#include "log_tu.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>

#define LEG (LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3)

/* Records 0..n-1 must be exactly a prefix of length >= min and <= max. */
static uint64_t expect_prefix(const char *logdir, uint64_t min, uint64_t max)
{
    tl_read rd;
    tl_read_all(logdir, LEG, 0, &rd);
    if (rd.err < 0 || rd.n < min || rd.n > max)
        print_message("%s: err %d, %llu records, expected %llu..%llu\n", logdir, (int)rd.err,
                      (unsigned long long)rd.n, (unsigned long long)min,
                      (unsigned long long)max);
    assert_jet_ok(rd.err);
    assert_true(rd.n >= min);
    assert_true(rd.n <= max);
    for (uint64_t i = 0; i < rd.n; i++)
        assert_int_equal(rd.seqs[i], i);
    uint64_t n = rd.n;
    tl_read_free(&rd);
    return n;
}

static void test_unflushed_lost(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;

    tl_env_init(&e, "logunfl");
    e.cfg.file_size_bytes = 1024 * 1024;
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn l = 0;
    for (uint64_t i = 0; i < 20; i++) {
        assert_jet_ok(tl_append(log, i, tl_size(i), &l));
        assert_jet_ok(log_flush(log, l));
    }
    log_lsn durable = log_flushed_lsn(log);
    for (uint64_t i = 20; i < 25; i++)
        assert_jet_ok(tl_append(log, i, 100, NULL));
    assert_jet_ok(log_close(log, false));
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_false(res.clean);
    assert_true(res.end == durable);
    assert_jet_ok(log_close(log, false));
    expect_prefix(e.logdir, 20, 20);
    tl_env_free(&e);
}

static void test_torn_flush_hole(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;

    tl_env_init(&e, "loghole");
    e.cfg.file_size_bytes = 1024 * 1024;
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn l = 0;
    for (uint64_t i = 0; i < 10; i++) {
        assert_jet_ok(tl_append(log, i, 200, &l));
        assert_jet_ok(log_flush(log, l));
    }
    uint32_t s = log_lsn_off(log_end_lsn(log)) / LOG_SEG_SIZE + 1;   /* next fresh segment */
    for (uint64_t i = 10; i < 30; i++)
        assert_jet_ok(tl_append(log, i, 1500, &l));
    assert_jet_ok(log_flush(log, l));     /* segments s .. s+7 in one write */
    assert_jet_ok(log_close(log, false));

    /* The crash kept s, s+1 and s+3.. but not s+2. */
    char *cur = tl_log_file(&e, "edb.log");
    tl_poke(cur, (uint64_t)(s + 2) * LOG_SEG_SIZE, LOG_SEG_SIZE, 0);
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_false(res.clean);
    assert_true(res.tail_discarded);
    assert_jet_ok(log_close(log, false));
    uint64_t n = expect_prefix(e.logdir, 10, 29);
    /* Segments s and s+1 hold 8128 bytes: records 10..14 are whole. */
    assert_int_equal(n, 15);

    /* New work goes after the hole; what followed the hole stays dead. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_rec_hdr h;
    log_rec_init(&h, LOG_REC_TRACE, sizeof h, 0, 0);
    assert_jet_ok(log_append(log, &h, sizeof h, &l));
    assert_int_equal(log_lsn_off(l) / LOG_SEG_SIZE, s + 2);
    assert_jet_ok(log_flush(log, l));
    assert_jet_ok(log_close(log, false));
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_jet_ok(log_close(log, true));
    tl_read rd;
    tl_read_all(e.logdir, LEG, 0, &rd);
    assert_jet_ok(rd.err);
    assert_int_equal(rd.n, 15);
    assert_int_equal(rd.other, 2);      /* TRACE and TERM, nothing from s+3.. */
    assert_int_equal(rd.last_type, LOG_REC_TERM);
    tl_read_free(&rd);
    free(cur);
    tl_env_free(&e);
}

static void test_garbage_tail(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;

    tl_env_init(&e, "loggarb");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn l = 0;
    for (uint64_t i = 0; i < 12; i++)
        assert_jet_ok(tl_append(log, i, 700, &l));
    assert_jet_ok(log_flush(log, l));
    log_lsn end = log_end_lsn(log);
    assert_jet_ok(log_close(log, false));
    char *cur = tl_log_file(&e, "edb.log");
    uint32_t s = log_lsn_off(end) / LOG_SEG_SIZE + 1;
    tl_poke(cur, (uint64_t)s * LOG_SEG_SIZE, (16 - s) * LOG_SEG_SIZE, 0xAB);
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.end == end);
    for (uint64_t i = 12; i < 14; i++)
        assert_jet_ok(tl_append(log, i, 700, &l));
    assert_jet_ok(log_close(log, true));
    expect_prefix(e.logdir, 14, 14);
    /* A torn end of B.log is not damage for the verifier either. */
    log_file_info info;
    assert_jet_ok(log_verify_file(cur, true, &info));
    assert_int_equal(info.records, 15);
    free(cur);
    tl_env_free(&e);
}

/* ---- torn tail or damage: which flush wrote what -------------------------- */

static JET_ERR reader_result(tl_env *e);

/* Events the log emits (LOG_EV_LOG_FILE_CORRUPTED and the like). */
static struct {
    unsigned n;
    uint32_t ids[32];
} g_events;

static void record_event(const JETDB_EVENT *ev, void *ctx)
{
    (void)ctx;
    if (g_events.n < 32)
        g_events.ids[g_events.n] = ev->eventId;
    g_events.n++;
}

static bool saw_event(uint32_t id)
{
    for (unsigned i = 0; i < g_events.n && i < 32; i++)
        if (g_events.ids[i] == id)
            return true;
    return false;
}

static const ev_source g_evsrc = { 0, "logtest", NULL, 0, JET_EventLoggingLevelMax };

/* Every file of a folder (name and bytes), to prove nothing changed. */
typedef struct dir_snap {
    unsigned n;
    char names[16][256];
    uint8_t *data[16];
    size_t len[16];
} dir_snap;

static void snap_dir(const char *dir, dir_snap *sn)
{
    memset(sn, 0, sizeof *sn);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        assert_true(sn->n < 16);
        snprintf(sn->names[sn->n], sizeof sn->names[0], "%s", de->d_name);
        char *path = tu_path(dir, de->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        fseek(f, 0, SEEK_END);
        long sz = ftell(f);
        fseek(f, 0, SEEK_SET);
        sn->data[sn->n] = malloc((size_t)sz + 1);
        assert_int_equal(fread(sn->data[sn->n], 1, (size_t)sz, f), (size_t)sz);
        sn->len[sn->n] = (size_t)sz;
        fclose(f);
        free(path);
        sn->n++;
    }
    closedir(d);
}

static void snap_same(const char *dir, dir_snap *before)
{
    dir_snap now;
    snap_dir(dir, &now);
    assert_int_equal(now.n, before->n);
    for (unsigned i = 0; i < now.n; i++) {
        unsigned j = 0;
        while (j < before->n && strcmp(before->names[j], now.names[i]) != 0)
            j++;
        if (j == before->n)
            fail_msg("%s/%s appeared", dir, now.names[i]);
        if (now.len[i] != before->len[j] || memcmp(now.data[i], before->data[j], now.len[i]))
            fail_msg("%s/%s changed", dir, now.names[i]);
    }
    for (unsigned i = 0; i < now.n; i++)
        free(now.data[i]);
    for (unsigned i = 0; i < before->n; i++)
        free(before->data[i]);
}

/* A stream whose current log holds flushes of known segments: nsmall
 * flushes of one small record each (one segment each), then one flush of
 * 20 records of 1500 bytes (segments big .. big+7), then nafter more
 * single-segment flushes.  Returns the records acknowledged. */
#define BIG_RECS 20u
static uint64_t make_flushes(tl_env *e, const char *tag, unsigned nsmall, unsigned nafter,
                             uint32_t *big)
{
    log_t *log;
    log_open_result res;
    tl_env_init(e, tag);
    e->cfg.file_size_bytes = 1024 * 1024;
    assert_jet_ok(log_open(&e->cfg, &log, &res));
    uint64_t i = 0;
    log_lsn l = 0;
    for (; i < nsmall; i++) {
        assert_jet_ok(tl_append(log, i, 200, &l));
        assert_jet_ok(log_flush(log, l));
    }
    *big = log_lsn_off(log_end_lsn(log)) / LOG_SEG_SIZE + 1;   /* the next fresh segment */
    if (nsmall == 0)
        *big = 1;
    for (uint64_t k = 0; k < BIG_RECS; k++, i++)
        assert_jet_ok(tl_append(log, i, 1500, &l));
    assert_jet_ok(log_flush(log, l));
    assert_int_equal(log_lsn_off(l) / LOG_SEG_SIZE, *big + 7);
    for (unsigned k = 0; k < nafter; k++, i++) {
        assert_jet_ok(tl_append(log, i, 200, &l));
        assert_jet_ok(log_flush(log, l));
    }
    assert_jet_ok(log_close(log, false));
    return i;
}

/* Open must refuse the stream as corrupt, say so, and change nothing;
 * the verifier and the reader agree. */
static void expect_corrupt(tl_env *e)
{
    char *cur = tl_log_file(e, "edb.log");
    dir_snap logs, sys;
    snap_dir(e->logdir, &logs);
    snap_dir(e->sysdir, &sys);
    log_config c = e->cfg;
    c.ev = &g_evsrc;
    g_events.n = 0;
    assert_jet_ok(JetDbSetEventCallback(record_event, NULL, JETDB_bitEventNoSyslog));
    log_t *log = NULL;
    log_open_result res;
    JET_ERR err = log_open(&c, &log, &res);
    assert_jet_ok(JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog));
    if (err >= 0)
        log_close(log, false);
    assert_jet(JET_errLogFileCorrupt, err);
    assert_true(saw_event(LOG_EV_LOG_FILE_CORRUPTED));
    snap_same(e->logdir, &logs);
    snap_same(e->sysdir, &sys);
    log_file_info info;
    assert_jet(JET_errLogFileCorrupt, log_verify_file(cur, true, &info));
    assert_jet(JET_errLogFileCorrupt, reader_result(e));
    free(cur);
}

/* Damage in the last flush is its torn tail: accepted, the log ends before
 * the first bad segment (here: every segment of the flush but the
 * damaged one reached the disk). */
static void test_damage_in_last_flush(void **state)
{
    (void)state;
    tl_env e;
    uint32_t big;
    uint64_t n = make_flushes(&e, "logdlast", 6, 0, &big);
    char *cur = tl_log_file(&e, "edb.log");
    /* The flush's 3rd segment torn; the 4th..8th (FEND) intact. */
    tl_flip(cur, (uint64_t)(big + 2) * LOG_SEG_SIZE + 700);
    log_t *log;
    log_open_result res;
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.tail_discarded);
    assert_false(res.clean);
    assert_jet_ok(log_close(log, false));
    /* Segments big and big+1 hold 8128 bytes: 5 records of 1524 whole. */
    assert_int_equal(expect_prefix(e.logdir, 6, n - 1), 6 + 5);
    tl_flip(cur, (uint64_t)(big + 2) * LOG_SEG_SIZE + 700);
    /* Only the flush's last segment (FEND) damaged: the same. */
    tl_flip(cur, (uint64_t)(big + 7) * LOG_SEG_SIZE + 40);
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.tail_discarded);
    assert_jet_ok(log_close(log, false));
    assert_true(expect_prefix(e.logdir, 6, n - 1) < n);
    free(cur);
    tl_env_free(&e);
}

/* Damage in a flush that a later flush followed: that flush had been
 * durable, so this is corruption (JET_errLogFileCorrupt), never a torn
 * tail that would silently drop the acknowledged records after it. */
static void test_damage_before_later_flush(void **state)
{
    (void)state;
    tl_env e;
    uint32_t big;
    make_flushes(&e, "logdmid", 6, 5, &big);
    char *cur = tl_log_file(&e, "edb.log");
    /* A single-segment flush in the middle (segment 3 of 6). */
    tl_flip(cur, 3 * LOG_SEG_SIZE + 100);
    expect_corrupt(&e);
    tl_flip(cur, 3 * LOG_SEG_SIZE + 100);
    expect_prefix(e.logdir, 6 + BIG_RECS + 5, 6 + BIG_RECS + 5);
    /* The very first data segment. */
    tl_flip(cur, 1 * LOG_SEG_SIZE + 12);
    expect_corrupt(&e);
    tl_flip(cur, 1 * LOG_SEG_SIZE + 12);
    /* Inside the multi-segment flush, with later flushes after it. */
    tl_flip(cur, (uint64_t)(big + 3) * LOG_SEG_SIZE + 2000);
    expect_corrupt(&e);
    tl_flip(cur, (uint64_t)(big + 3) * LOG_SEG_SIZE + 2000);
    /* Only a chain field of a segment: its own checksum catches it. */
    tl_flip(cur, (uint64_t)(big + 8) * LOG_SEG_SIZE + 16);
    expect_corrupt(&e);
    tl_flip(cur, (uint64_t)(big + 8) * LOG_SEG_SIZE + 16);
    expect_prefix(e.logdir, 6 + BIG_RECS + 5, 6 + BIG_RECS + 5);
    free(cur);
    tl_env_free(&e);

    /* Exactly one later flush, after damage in the middle of a flush of
     * eight segments (FEND tells which flush the bad segment was in). */
    make_flushes(&e, "logdmid1", 3, 1, &big);
    cur = tl_log_file(&e, "edb.log");
    tl_flip(cur, (uint64_t)(big + 1) * LOG_SEG_SIZE + 3000);
    expect_corrupt(&e);
    /* ... and damage to that multi-segment flush's last segment. */
    tl_flip(cur, (uint64_t)(big + 1) * LOG_SEG_SIZE + 3000);
    tl_flip(cur, (uint64_t)(big + 7) * LOG_SEG_SIZE + 3000);
    expect_corrupt(&e);
    free(cur);
    tl_env_free(&e);
}

/* One flush writes several segments with one pwrite; before fdatasync
 * returns the kernel may persist them in any order.  Later segments of the
 * last flush without earlier ones are a torn tail, not damage; and once
 * the writer has resumed at the hole, those stale segments neither come
 * back nor make a later open see damage. */
static void test_last_flush_out_of_order(void **state)
{
    (void)state;
    tl_env e;
    uint32_t big;
    make_flushes(&e, "logooo", 4, 0, &big);
    char *cur = tl_log_file(&e, "edb.log");
    /* The crash kept big+1, big+3, big+5 .. big+7 (FEND), not the others. */
    tl_poke(cur, (uint64_t)big * LOG_SEG_SIZE, LOG_SEG_SIZE, 0);
    tl_poke(cur, (uint64_t)(big + 2) * LOG_SEG_SIZE, LOG_SEG_SIZE, 0);
    tl_poke(cur, (uint64_t)(big + 4) * LOG_SEG_SIZE, LOG_SEG_SIZE, 0);
    log_t *log;
    log_open_result res;
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.tail_discarded);
    assert_jet_ok(log_close(log, false));
    assert_int_equal(expect_prefix(e.logdir, 4, 4), 4);

    /* The writer resumes at the hole: three more single-segment flushes
     * (big, big+1, big+2) then a crash; the stale segments from big+3 on
     * were written by the flush that tore and must stay dead. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn l;
    for (uint64_t i = 4; i < 7; i++) {
        assert_jet_ok(tl_append(log, i, 300, &l));
        assert_jet_ok(log_flush(log, l));
    }
    assert_int_equal(log_lsn_off(l) / LOG_SEG_SIZE, big + 2);
    assert_jet_ok(log_close(log, false));
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.tail_discarded);
    assert_jet_ok(log_close(log, false));
    assert_int_equal(expect_prefix(e.logdir, 7, 7), 7);
    /* Damage in what the resumed writer made durable, followed by its own
     * later flushes, is still damage. */
    tl_flip(cur, (uint64_t)big * LOG_SEG_SIZE + 500);
    expect_corrupt(&e);
    tl_flip(cur, (uint64_t)big * LOG_SEG_SIZE + 500);
    /* A clean close after more work: everything there, nothing stale. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_jet_ok(tl_append(log, 7, 300, &l));
    assert_jet_ok(log_close(log, true));
    tl_read rd;
    tl_read_all(e.logdir, LEG, 0, &rd);
    assert_jet_ok(rd.err);
    assert_int_equal(rd.n, 8);
    assert_int_equal(rd.last_type, LOG_REC_TERM);
    tl_read_free(&rd);
    free(cur);
    tl_env_free(&e);
}

/* ---- copies of a live log ------------------------------------------------ */

struct writer {
    log_t *log;
    atomic_uint_fast64_t acked;
    atomic_bool stop;
};

static void *writer_main(void *arg)
{
    struct writer *w = arg;
    /* At most ~1700 of the file's 2047 data segments: no roll, so copying
     * B.log alone is a copy of the whole log. */
    for (uint64_t i = 0; i < 1500 && !atomic_load(&w->stop); i++) {
        log_lsn l;
        if (tl_append(w->log, i, tl_size(i), &l) < 0 || log_flush(w->log, l) < 0)
            break;
        atomic_store(&w->acked, i + 1);
    }
    return NULL;
}

static void test_live_copies(void **state)
{
    (void)state;
    tl_env e;
    log_open_result res;
    struct writer w;

    tl_env_init(&e, "logcopy");
    e.cfg.file_size_bytes = 8 * 1024 * 1024;
    e.cfg.log_buffer_bytes = 256 * 1024;
    memset(&w, 0, sizeof w);
    assert_jet_ok(log_open(&e.cfg, &w.log, &res));
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, writer_main, &w), 0);
    for (int k = 0; k < 8; k++) {
        usleep((useconds_t)(2000 + k * 1500));
        uint64_t before = atomic_load(&w.acked);
        char name[32];
        snprintf(name, sizeof name, "copy%d", k);
        char *dst = tu_path(e.dir, name);
        assert_int_equal(mkdir(dst, 0755), 0);
        char *from = tl_log_file(&e, "edb.log");
        char *to = tu_path(dst, "edb.log");
        tl_copy_live_file(from, to);
        uint64_t after = atomic_load(&w.acked);
        free(from);
        free(to);

        log_config c = e.cfg;
        c.log_path = dst;
        c.system_path = dst;     /* no checkpoint: starts at the oldest log */
        log_t *log2;
        JET_ERR oerr = log_open(&c, &log2, &res);
        if (oerr < 0)
            print_message("copy %d: open %d\n", k, (int)oerr);
        assert_jet_ok(oerr);
        assert_false(res.checkpoint_found);
        assert_jet_ok(log_close(log2, false));
        /* At least what was acknowledged when the copy began; at most what
         * was appended when it ended (one more may be in flight). */
        expect_prefix(dst, before, after + 1);
        tu_rmtree(dst);
        free(dst);
    }
    atomic_store(&w.stop, true);
    pthread_join(t, NULL);
    assert_jet_ok(log_close(w.log, true));
    expect_prefix(e.logdir, atomic_load(&w.acked), atomic_load(&w.acked));
    tl_env_free(&e);
}

/* ---- damaged, foreign, missing generations ------------------------------ */

/* A clean stream whose current generation is >= 5. */
static void make_stream(tl_env *e, const char *tag, uint64_t *nrec)
{
    log_t *log;
    log_open_result res;
    tl_env_init(e, tag);
    assert_jet_ok(log_open(&e->cfg, &log, &res));
    uint64_t i = 0;
    while (log_generation(log) < 5) {
        assert_jet_ok(tl_append(log, i, tl_size(i), NULL));
        i++;
    }
    assert_jet_ok(log_close(log, true));
    *nrec = i;
}

static JET_ERR reader_result(tl_env *e)
{
    tl_read rd;
    tl_read_all(e->logdir, LEG, 0, &rd);
    tl_read_free(&rd);
    return rd.err;
}

static JET_ERR open_result(tl_env *e)
{
    log_t *log;
    log_open_result res;
    JET_ERR err = log_open(&e->cfg, &log, &res);
    if (err >= 0)
        log_close(log, false);
    return err;
}

static void test_archived_damage(void **state)
{
    (void)state;
    tl_env e;
    uint64_t n;
    make_stream(&e, "logdmg", &n);
    assert_jet_ok(reader_result(&e));
    char *p = tl_arch(&e, 2);
    log_file_info info;
    assert_jet_ok(log_verify_file(p, false, &info));
    assert_true(info.segs_valid >= 4);
    uint32_t last = info.segs_valid;

    /* One flipped payload byte in the middle of an archived file. */
    tl_flip(p, 3 * LOG_SEG_SIZE + 1000);
    assert_jet(JET_errLogReadVerifyFailure, log_verify_file(p, false, &info));
    assert_jet(JET_errLogReadVerifyFailure, reader_result(&e));
    assert_jet(JET_errLogReadVerifyFailure, open_result(&e));
    tl_flip(p, 3 * LOG_SEG_SIZE + 1000);
    assert_jet_ok(open_result(&e));

    /* Damage in the header. */
    tl_flip(p, 20);
    assert_jet(JET_errLogFileCorrupt, log_verify_file(p, false, &info));
    assert_jet(JET_errLogFileCorrupt, reader_result(&e));
    assert_jet(JET_errLogFileCorrupt, open_result(&e));
    tl_flip(p, 20);

    /* The end mark itself damaged: the archived file cannot prove its end. */
    tl_flip(p, (uint64_t)last * LOG_SEG_SIZE + 8);
    assert_jet(JET_errLogReadVerifyFailure, log_verify_file(p, false, &info));
    tl_flip(p, (uint64_t)last * LOG_SEG_SIZE + 8);

    /* A truncated archived file. */
    assert_int_equal(truncate(p, 8 * LOG_SEG_SIZE), 0);
    assert_jet(JET_errLogFileCorrupt, log_verify_file(p, false, &info));
    assert_jet(JET_errLogFileCorrupt, open_result(&e));
    free(p);
    tl_env_free(&e);
}

static void test_foreign_and_missing(void **state)
{
    (void)state;
    tl_env a, b;
    uint64_t n;
    make_stream(&a, "logfa", &n);
    make_stream(&b, "logfb", &n);

    char *pa = tl_arch(&a, 3), *pb = tl_arch(&b, 3);
    char *save = tu_path(a.dir, "save.log");
    tl_copy_file(pa, save);
    tl_copy_file(pb, pa);
    assert_jet(JET_errBadLogSignature, open_result(&a));
    assert_jet(JET_errBadLogSignature, reader_result(&a));
    tl_copy_file(save, pa);
    assert_jet_ok(open_result(&a));

    /* A gap in the sequence. */
    assert_int_equal(rename(pa, save), 0);
    assert_jet(JET_errMissingLogFile, open_result(&a));
    assert_jet(JET_errMissingLogFile, reader_result(&a));
    assert_int_equal(rename(save, pa), 0);

    /* The same generation, but a different file: broken tmPrevGen chain. */
    log_file_hdr h;
    char *p4 = tl_arch(&a, 4);
    assert_jet_ok(log_read_header(p4, &h));
    uint8_t seg[LOG_SEG_SIZE];
    int fd = open(p4, O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(pread(fd, seg, sizeof seg, 0), (ssize_t)sizeof seg);
    log_file_hdr bad = h;
    bad.tm_prev.bSeconds = (char)(bad.tm_prev.bSeconds ^ 1);
    uint8_t img[LOG_SEG_SIZE];
    log_hdr_encode(&bad, img);
    assert_int_equal(pwrite(fd, img, sizeof img, 0), (ssize_t)sizeof img);
    assert_jet(JET_errInvalidLogSequence, open_result(&a));
    assert_jet(JET_errInvalidLogSequence, reader_result(&a));
    /* ... or a different accumulated checksum of the previous file. */
    bad = h;
    bad.prev_accum ^= 1;
    log_hdr_encode(&bad, img);
    assert_int_equal(pwrite(fd, img, sizeof img, 0), (ssize_t)sizeof img);
    assert_jet(JET_errLogSequenceChecksumMismatch, open_result(&a));
    /* ... or a file claiming another generation than its name. */
    bad = h;
    bad.gen = 9;
    log_hdr_encode(&bad, img);
    assert_int_equal(pwrite(fd, img, sizeof img, 0), (ssize_t)sizeof img);
    assert_jet(JET_errLogGenerationMismatch, open_result(&a));
    assert_int_equal(pwrite(fd, seg, sizeof seg, 0), (ssize_t)sizeof seg);
    close(fd);
    assert_jet_ok(open_result(&a));

    /* A checkpoint of another stream. */
    char *ca = tu_path(a.sysdir, "edb.chk"), *cb = tu_path(b.sysdir, "edb.chk");
    tl_copy_file(cb, ca);
    assert_jet(JET_errBadCheckpointSignature, open_result(&a));
    /* No checkpoint at all: recovery starts at the oldest generation. */
    unlink(ca);
    log_t *log;
    log_open_result res;
    assert_jet_ok(log_open(&a.cfg, &log, &res));
    assert_false(res.checkpoint_found);
    assert_int_equal(log_lsn_gen(res.checkpoint), 1);
    assert_jet_ok(log_close(log, false));

    free(ca);
    free(cb);
    free(p4);
    free(pa);
    free(pb);
    free(save);
    tl_env_free(&a);
    tl_env_free(&b);
}

static void test_interrupted_roll(void **state)
{
    (void)state;
    tl_env e;
    log_t *log;
    log_open_result res;

    tl_env_init(&e, "logiroll");
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    log_lsn l = 0;
    for (uint64_t i = 0; i < 10; i++)
        assert_jet_ok(tl_append(log, i, 500, &l));
    assert_jet_ok(log_flush(log, l));
    /* The roll dies after B.log became edb00001.log, before Btmp became B.log. */
    assert_jet_ok(JetDbFaultArm(JETDB_faultopRename, 2, 5, 0, "edb"));
    assert_true(log_roll(log) < 0);
    JetDbFaultDisarmAll();
    assert_jet(JET_errLogWriteFail, tl_append(log, 99, 100, NULL));
    assert_jet_ok(log_close(log, false));
    char *cur = tl_log_file(&e, "edb.log");
    assert_false(tu_exists(cur));
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_true(res.roll_finished);
    assert_int_equal(res.gen_current, 2);
    assert_false(res.clean);
    for (uint64_t i = 10; i < 12; i++)
        assert_jet_ok(tl_append(log, i, 500, &l));
    assert_jet_ok(log_close(log, true));
    expect_prefix(e.logdir, 12, 12);

    /* The roll dies before B.log was renamed: B.log is closed (end mark
     * written); the next open continues and the next append rolls. */
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_jet_ok(JetDbFaultArm(JETDB_faultopRename, 1, 5, 0, "edb"));
    assert_true(log_roll(log) < 0);
    JetDbFaultDisarmAll();
    assert_jet_ok(log_close(log, false));
    assert_jet_ok(log_open(&e.cfg, &log, &res));
    assert_int_equal(res.gen_current, 2);
    assert_jet_ok(tl_append(log, 12, 500, &l));
    assert_int_equal(log_lsn_gen(l), 3);
    assert_jet_ok(log_close(log, true));
    expect_prefix(e.logdir, 13, 13);

    /* B.log gone and Btmp not the next generation: a missing log. */
    char *tmp = tl_log_file(&e, "edbtmp.log");
    char *arch = tl_arch(&e, 3);
    assert_int_equal(rename(cur, arch), 0);
    assert_jet(JET_errMissingLogFile, open_result(&e));
    free(tmp);
    free(arch);
    free(cur);
    tl_env_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unflushed_lost),
        cmocka_unit_test(test_torn_flush_hole),
        cmocka_unit_test(test_garbage_tail),
        cmocka_unit_test(test_damage_in_last_flush),
        cmocka_unit_test(test_damage_before_later_flush),
        cmocka_unit_test(test_last_flush_out_of_order),
        cmocka_unit_test(test_live_copies),
        cmocka_unit_test(test_archived_damage),
        cmocka_unit_test(test_foreign_and_missing),
        cmocka_unit_test(test_interrupted_roll),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
