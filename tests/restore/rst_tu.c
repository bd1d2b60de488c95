/* rst_tu.c: see rst_tu.h. */
#include "rst_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "os/os.h"

rtu_status g_rtu_status;

JET_INSTANCE rtu_instance(const char *dir)
{
    char folder[700];
    snprintf(folder, sizeof folder, "%s/", dir);
    JET_INSTANCE ri = 0;
    assert_jet_ok(JetCreateInstanceA(&ri, "rst"));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(&ri, 0, JET_paramLogFileSize, 128, NULL));
    return ri;
}

JET_ERR rtu_restore(const char *dir, const char *src, const char *dest, JET_PFNSTATUS pfn)
{
    JET_INSTANCE ri = rtu_instance(dir);
    JET_ERR err = JetRestoreInstanceA(ri, src, dest, pfn);
    assert_jet_ok(JetTerm(ri));
    return err;
}

void rtu_check_clean(const char *path)
{
    JET_DBINFOMISC4 m;
    bkt_misc(path, &m);
    assert_int_equal(m.dbstate, JET_dbstateCleanShutdown);
    JET_BKINFO zero;
    memset(&zero, 0, sizeof zero);
    assert_memory_equal(&m.bkinfoFullCur, &zero, sizeof zero);
    assert_memory_equal(&m.bkinfoFullPrev, &zero, sizeof zero);
    assert_memory_equal(&m.bkinfoIncPrev, &zero, sizeof zero);
    assert_memory_equal(&m.bkinfoCopyPrev, &zero, sizeof zero);
    assert_memory_equal(&m.bkinfoDiffPrev, &zero, sizeof zero);
}

void rtu_check_rows(const char *dir, uint64_t present, uint64_t absent)
{
    bkt e;
    bkt_open(&e, dir, false);
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.c.st, e.objid, &t));
    for (uint64_t i = 0; i < absent; i++) {
        int st = core_row_state(t, i);
        if (st != (i < present ? 1 : 0))
            fail_msg("row %llu: state %d, expected %d", (unsigned long long)i, st,
                     i < present ? 1 : 0);
    }
    bkt_close(&e);
}

uint64_t rtu_prefix(const char *dir, uint64_t limit)
{
    bkt e;
    bkt_open(&e, dir, false);
    bt_tree *t;
    assert_jet_ok(st_tree_open(e.c.st, e.objid, &t));
    uint64_t n = 0;
    while (n < limit && core_row_state(t, n) == 1)
        n++;
    for (uint64_t i = n; i < limit; i++)
        if (core_row_state(t, i) != 0)
            fail_msg("row %llu present after a gap at %llu", (unsigned long long)i,
                     (unsigned long long)n);
    bkt_close(&e);
    return n;
}

void rtu_flip(const char *path, uint64_t off)
{
    os_file *f;
    uint8_t b;
    assert_jet_ok(os_open(path, OS_OPEN_RDWR, &f));
    assert_jet_ok(os_pread(f, &b, 1, off));
    b ^= 0x5A;
    assert_jet_ok(os_pwrite(f, &b, 1, off));
    assert_jet_ok(os_close(f));
}

void rtu_copy(const char *from, const char *to)
{
    uint64_t size = 0;
    assert_jet_ok(os_path_size(from, &size));
    os_file *a, *b;
    assert_jet_ok(os_open(from, OS_OPEN_READ, &a));
    assert_jet_ok(os_open(to, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_TRUNC, &b));
    uint8_t *buf = malloc(1 << 20);
    assert_non_null(buf);
    for (uint64_t off = 0; off < size;) {
        size_t n = size - off < (1u << 20) ? (size_t)(size - off) : (1u << 20);
        assert_jet_ok(os_pread(a, buf, n, off));
        assert_jet_ok(os_pwrite(b, buf, n, off));
        off += n;
    }
    free(buf);
    assert_jet_ok(os_close(a));
    assert_jet_ok(os_close(b));
}

void rtu_join(char *buf, size_t cb, const char *dir, const char *name)
{
    snprintf(buf, cb, "%s/%s", dir, name);
}

void rtu_log(char *buf, size_t cb, const char *dir, uint32_t gen)
{
    char name[LOG_NAME_MAX];
    assert_jet_ok(log_name_archived("edb", 3, gen, name, sizeof name));
    rtu_join(buf, cb, dir, name);
}

JET_ERR JET_API rtu_status_cb(JET_SESID sesid, JET_SNP snp, JET_SNT snt, void *pv)
{
    (void)sesid;
    if (snp != JET_snpRestore)
        return JET_errSuccess;
    const JET_SNPROG *p = pv;
    if (p->cunitDone < g_rtu_status.last_pct || p->cunitTotal != 100 || p->cbStruct != sizeof *p)
        g_rtu_status.non_monotone++;
    g_rtu_status.last_pct = p->cunitDone;
    if (snt == JET_sntBegin)
        g_rtu_status.begins++;
    else if (snt == JET_sntComplete)
        g_rtu_status.completes++;
    else if (snt == JET_sntProgress)
        g_rtu_status.progress++;
    return JET_errSuccess;
}
