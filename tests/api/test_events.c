/*
 * test_events.c: the event sink — ESE's instance start/stop events with
 * their ids, categories and strings reach an installed callback, and the
 * instance parameters JET_paramNoInformationEvent / EventLoggingLevel /
 * EventSource filter and label them.
 */
#include "testutil.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jetdb.h"

#define MAX_EVENTS 64

static struct {
    pthread_mutex_t mu;
    int n;
    uint32_t id[MAX_EVENTS];
    uint32_t category[MAX_EVENTS];
    uint32_t type[MAX_EVENTS];
    JET_INSTANCE instance[MAX_EVENTS];
    char source[MAX_EVENTS][64];
    char name[MAX_EVENTS][64];
    char first[MAX_EVENTS][64];
} g_ev = { PTHREAD_MUTEX_INITIALIZER, 0, { 0 }, { 0 }, { 0 }, { 0 }, { { 0 } }, { { 0 } }, { { 0 } } };

static void record(const JETDB_EVENT *ev, void *ctx)
{
    assert_ptr_equal(ctx, &g_ev);
    assert_int_equal(ev->cbStruct, sizeof *ev);
    assert_non_null(ev->szMessage);
    pthread_mutex_lock(&g_ev.mu);
    int i = g_ev.n++;
    if (i < MAX_EVENTS) {
        g_ev.id[i] = ev->eventId;
        g_ev.category[i] = ev->category;
        g_ev.type[i] = ev->type;
        g_ev.instance[i] = ev->instance;
        snprintf(g_ev.source[i], 64, "%s", ev->szSource);
        snprintf(g_ev.name[i], 64, "%s", ev->szInstanceName);
        snprintf(g_ev.first[i], 64, "%s", ev->cStrings ? ev->rgszStrings[0] : "");
    }
    pthread_mutex_unlock(&g_ev.mu);
}

static char *g_dir;

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("events");
    g_ev.n = 0;
    if (JetDbSetEventCallback(record, &g_ev, JETDB_bitEventNoSyslog) != JET_errSuccess)
        return -1;
    return chdir(g_dir);
}

static int teardown(void **state)
{
    (void)state;
    JetDbSetEventCallback(NULL, NULL, 0);
    if (chdir("/") != 0)
        return -1;
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static int find(uint32_t id)
{
    for (int i = 0; i < g_ev.n && i < MAX_EVENTS; i++)
        if (g_ev.id[i] == id)
            return i;
    return -1;
}

static void test_start_stop_events(void **state)
{
    (void)state;
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstance2A(&inst, "evinst", "Event Instance", 0));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramEventSource, 0, "myapp"));
    assert_jet_ok(JetInit(&inst));
    int start = find(102), done = find(105);
    assert_true(start >= 0 && done > start);
    assert_int_equal(g_ev.category[start], 1);   /* General */
    assert_int_equal(g_ev.type[start], JETDB_EVENT_INFORMATION);
    assert_int_equal(g_ev.instance[done], inst);
    assert_string_equal(g_ev.source[done], "myapp");
    assert_string_equal(g_ev.name[done], "Event Instance");
    assert_jet_ok(JetTerm(inst));
    int stop = find(103);
    assert_true(stop > done);
    assert_string_equal(g_ev.first[stop], "evinst");
}

static void test_failed_init_event(void **state)
{
    (void)state;
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, "broken"));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "missing/"));
    assert_jet(JET_errInvalidPath, JetInit(&inst));
    int i = find(104);
    assert_true(i >= 0);
    assert_int_equal(g_ev.type[i], JETDB_EVENT_ERROR);
    assert_int_equal(find(105), -1);
}

static void test_no_information_event(void **state)
{
    (void)state;
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, "quiet"));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramNoInformationEvent, 1, NULL));
    assert_jet_ok(JetInit(&inst));
    assert_jet_ok(JetTerm(inst));
    assert_int_equal(g_ev.n, 0);
}

static void test_logging_disabled(void **state)
{
    (void)state;
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, "silent"));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramEventLoggingLevel,
                                         JET_EventLoggingDisable, NULL));
    assert_jet_ok(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, "missing/"));
    assert_jet(JET_errInvalidPath, JetInit(&inst));   /* even errors are silent */
    assert_int_equal(g_ev.n, 0);
}

static void test_callback_arguments(void **state)
{
    (void)state;
    assert_jet(JET_errInvalidGrbit, JetDbSetEventCallback(record, &g_ev, 0x10));
    assert_jet(JET_errInvalidParameter, JetDbSetEventCallback(NULL, &g_ev, 0));
    /* After removal nothing is delivered. */
    assert_jet_ok(JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog));
    JET_INSTANCE inst = 0;
    assert_jet_ok(JetCreateInstanceA(&inst, "nocb"));
    assert_jet_ok(JetInit(&inst));
    assert_jet_ok(JetTerm(inst));
    assert_int_equal(g_ev.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_start_stop_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_init_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_information_event, setup, teardown),
        cmocka_unit_test_setup_teardown(test_logging_disabled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_callback_arguments, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
