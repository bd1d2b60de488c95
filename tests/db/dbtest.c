/* dbtest.c: helpers of the database tests (see dbtest.h). */
#include "dbtest.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "inst/inst.h"

char *g_dir;

static pthread_mutex_t g_ev_mu = PTHREAD_MUTEX_INITIALIZER;
static uint32_t g_ev[4096];
static int g_nev;

static void on_event(const JETDB_EVENT *ev, void *ctx)
{
    (void)ctx;
    pthread_mutex_lock(&g_ev_mu);
    if (g_nev < (int)(sizeof g_ev / sizeof g_ev[0]))
        g_ev[g_nev++] = ev->eventId;
    pthread_mutex_unlock(&g_ev_mu);
}

void dt_events_clear(void)
{
    pthread_mutex_lock(&g_ev_mu);
    g_nev = 0;
    pthread_mutex_unlock(&g_ev_mu);
}

int dt_event_count(uint32_t id)
{
    int n = 0;
    pthread_mutex_lock(&g_ev_mu);
    for (int i = 0; i < g_nev; i++)
        n += g_ev[i] == id;
    pthread_mutex_unlock(&g_ev_mu);
    return n;
}

void dt_setup_dir(const char *tag)
{
    g_dir = tu_mkdtemp(tag);
    assert_int_equal(0, chdir(g_dir));
    JetDbSetEventCallback(on_event, NULL, JETDB_bitEventNoSyslog);
    dt_events_clear();
}

void dt_teardown_dir(void)
{
    JetDbFaultDisarmAll();
    assert_int_equal(0, chdir("/"));
    tu_rmtree(g_dir);
    free(g_dir);
    g_dir = NULL;
}

JET_INSTANCE dt_instance(const char *name)
{
    JET_INSTANCE in = 0;
    assert_jet_ok(JetCreateInstanceA(&in, name));
    char *logs = tu_path(g_dir, name);
    mkdir(logs, 0755);
    char folder[4200];
    snprintf(folder, sizeof folder, "%s/", logs);
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&in, 0, JET_paramTempPath, 0, folder));
    free(logs);
    assert_jet_ok(JetInit(&in));
    return in;
}

void dt_term(JET_INSTANCE handle, bool clean)
{
    inst *in;
    assert_jet_ok(inst_acquire(handle, true, &in));
    db_set_destroy(in, clean);
    inst_release(in);
    JET_ERR err = JetTerm2(handle, clean ? 0 : JET_bitTermDirty);
    assert_true(err == JET_errSuccess || err == JET_errDirtyShutdown);
}

JET_SESID dt_session(JET_INSTANCE in)
{
    JET_SESID s = 0;
    assert_jet_ok(JetBeginSessionA(in, &s, NULL, NULL));
    return s;
}

void dt_end_session(JET_SESID ses)
{
    sess *s;
    assert_jet_ok(sess_acquire(ses, &s));
    db_session_end(s);
    sess_release(s);
    assert_jet_ok(JetEndSession(ses, 0));
}

char *dt_path(const char *name)
{
    return tu_path(g_dir, name);
}

JET_DBINFOMISC4 dt_misc(const char *path)
{
    JET_DBINFOMISC4 m;
    memset(&m, 0xcc, sizeof m);
    assert_jet_ok(JetGetDatabaseFileInfoA(path, &m, sizeof m, JET_DbInfoMisc));
    return m;
}

void dt_read(const char *path, void *buf, size_t len, long off)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(0, fseek(f, off, SEEK_SET));
    assert_int_equal(len, fread(buf, 1, len, f));
    fclose(f);
}

void dt_write(const char *path, const void *buf, size_t len, long off)
{
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(0, fseek(f, off, SEEK_SET));
    assert_int_equal(len, fwrite(buf, 1, len, f));
    fclose(f);
}

long dt_file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}
