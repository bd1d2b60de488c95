/*
 * demo.c: the README's main job — a small tour of jetdb through esent.h.
 *
 * It works in a fresh temporary folder: creates an instance with its own
 * system/log/temp folders, starts it, creates a database and shows its
 * header state across detach/attach, opens sessions from several threads,
 * shows the events the engine reports, stops the service and terminates.
 * (Tables, backup and restore join this tour as they are built.)
 */
#define _GNU_SOURCE
#include <esent.h>
#include <jetdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECK(expr)                                                            \
    do {                                                                       \
        JET_ERR check_err_ = (expr);                                           \
        if (check_err_ < 0) {                                                  \
            fprintf(stderr, "demo: %s failed with %d\n", #expr, (int)check_err_); \
            exit(1);                                                           \
        }                                                                      \
    } while (0)

static void print_event(const JETDB_EVENT *ev, void *ctx)
{
    (void)ctx;
    printf("  event %u (%s): %s\n", ev->eventId, ev->szInstanceName, ev->szMessage);
}

struct worker {
    JET_INSTANCE inst;
    int sessions;
};

/* Each thread opens and closes sessions of the shared instance. */
static void *worker(void *p)
{
    struct worker *w = p;
    for (int i = 0; i < 100; i++) {
        JET_SESID ses;
        uint32_t version;
        CHECK(JetBeginSessionA(w->inst, &ses, NULL, NULL));
        CHECK(JetGetVersion(ses, &version));
        CHECK(JetEndSession(ses, 0));
        w->sessions++;
    }
    return NULL;
}

int main(void)
{
    char dir[] = "/tmp/jetdb-demo-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    printf("jetdb demo in %s\n", dir);
    CHECK(JetDbSetEventCallback(print_event, NULL, JETDB_bitEventNoSyslog));

    char path[512];
    JET_INSTANCE inst = 0;
    CHECK(JetCreateInstance2A(&inst, "demo", "Demo instance", 0));
    snprintf(path, sizeof path, "%s/logs/", dir);
    CHECK(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, path));
    snprintf(path, sizeof path, "%s/system/", dir);
    CHECK(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, path));
    snprintf(path, sizeof path, "%s/temp/", dir);
    CHECK(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, path));
    CHECK(JetSetSystemParameterA(&inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    CHECK(JetSetSystemParameterA(&inst, 0, JET_paramMaxSessions, 64, NULL));

    printf("starting the instance:\n");
    CHECK(JetInit(&inst));

    pthread_t threads[4];
    struct worker workers[4];
    for (int i = 0; i < 4; i++) {
        workers[i].inst = inst;
        workers[i].sessions = 0;
        pthread_create(&threads[i], NULL, worker, &workers[i]);
    }
    int total = 0;
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        total += workers[i].sessions;
    }
    printf("4 threads opened and closed %d sessions\n", total);

    JET_SESID ses;
    CHECK(JetBeginSessionA(inst, &ses, NULL, NULL));

    /* A database: created (attached, dirty while in use), detached (clean),
     * attached again. */
    char dbpath[512];
    snprintf(dbpath, sizeof dbpath, "%s/demo.edb", dir);
    JET_DBID dbid;
    CHECK(JetCreateDatabaseA(ses, dbpath, NULL, &dbid, 0));
    JET_DBINFOMISC4 misc;
    CHECK(JetGetDatabaseFileInfoA(dbpath, &misc, sizeof misc, JET_DbInfoMisc));
    printf("created %s: state %u (2 = dirty shutdown: attached), page size %u\n", dbpath,
           misc.dbstate, misc.cbPageSize);
    CHECK(JetCloseDatabase(ses, dbid, 0));
    CHECK(JetDetachDatabaseA(ses, dbpath));
    CHECK(JetGetDatabaseFileInfoA(dbpath, &misc, sizeof misc, JET_DbInfoMisc));
    printf("detached: state %u (3 = clean shutdown), consistent at log generation %d\n",
           misc.dbstate, misc.lgposConsistent.lGeneration);
    CHECK(JetAttachDatabaseA(ses, dbpath, 0));

    uint32_t version = 0;
    CHECK(JetGetVersion(ses, &version));
    printf("engine reports ESE version %u.%u build %u\n", version >> 28, (version >> 24) & 0xf,
           (version >> 8) & 0xffff);

    CHECK(JetStopServiceInstance(inst));
    JET_SESID refused;
    JET_ERR err = JetBeginSessionA(inst, &refused, NULL, NULL);
    printf("after JetStopServiceInstance a new session is refused with %d "
           "(JET_errClientRequestToStopJetService)\n", (int)err);
    CHECK(JetEndSession(ses, 0));

    printf("terminating:\n");
    CHECK(JetTerm(inst));
    printf("demo finished\n");
    snprintf(path, sizeof path, "rm -rf '%s'", dir);
    return system(path) == 0 ? 0 : 1;
}
