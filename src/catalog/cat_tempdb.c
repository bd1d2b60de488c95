/*
 * cat_tempdb.c: the instance's temporary database — the file named by
 * JET_paramTempPath that holds temporary tables (and the result tables of
 * the schema information calls).  It is never logged and never recovered:
 * made empty at the first temporary table of an instance, deleted when the
 * instance terminates.  It joins no instance's set of attached databases,
 * so backup, JetGetAttachInfo and JetDetachDatabase never see it.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog/cat_int.h"
#include "db/db.h"
#include "inst/inst.h"
#include "inst/param.h"
#include "os/os.h"
#include "store/store.h"
#include "util/err.h"

/* Serialises making and dropping temporary databases (file I/O must not
 * happen under an instance's own lock). */
static pthread_mutex_t g_tmp_mu = PTHREAD_MUTEX_INITIALIZER;

static void temp_free(db *d)
{
    if (d->store != NULL)
        (void)st_db_close(d->store, false);
    d->store = NULL;
    if (d->file != NULL) {
        (void)os_close(d->file);
        d->file = NULL;
        (void)os_unlink(d->path);
    }
    db_unpin(d);
}

/* A fresh, empty, unlogged database at in->temp_path. */
static JET_ERR temp_create(inst *in, db **out)
{
    if (in->temp_path == NULL)
        return JET_errInvalidPath;
    db *d = calloc(1, sizeof *d);
    if (d == NULL)
        return JET_errOutOfMemory;
    atomic_init(&d->pins, 1);
    pthread_mutex_init(&d->mu, NULL);
    d->path = strdup(in->temp_path);
    if (d->path == NULL) {
        db_unpin(d);
        return JET_errOutOfMemory;
    }
    d->owner = in;
    d->logged = false;
    d->state = DB_ATTACHED;
    d->page_size = (uint32_t)par_num(in, JET_paramDatabasePageSize);
    d->hdr.page_size = d->page_size;
    d->hdr.filetype = JET_filetypeTempDatabase;
    atomic_store(&d->dbtime, 1);
    JET_ERR err = os_open(d->path, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_TRUNC, &d->file);
    if (err >= 0)
        err = db_extend(d, 1);
    if (err >= 0)
        err = db_space_init(d);
    if (err >= 0)
        err = st_db_open(d, NULL, NULL, 0, true, &d->store);
    if (err < 0) {
        temp_free(d);
        return err;
    }
    *out = d;
    return JET_errSuccess;
}

JET_ERR cat_temp_db(struct inst *in, struct db **out)
{
    pthread_mutex_lock(&g_tmp_mu);
    JET_ERR err = JET_errSuccess;
    if (in->temp_db == NULL)
        err = temp_create(in, &in->temp_db);
    if (err >= 0) {
        atomic_fetch_add(&in->temp_db->pins, 1);
        *out = in->temp_db;
    }
    pthread_mutex_unlock(&g_tmp_mu);
    return err;
}

void cat_temp_db_close(struct inst *in)
{
    pthread_mutex_lock(&g_tmp_mu);
    db *d = in->temp_db;
    in->temp_db = NULL;
    pthread_mutex_unlock(&g_tmp_mu);
    if (d != NULL)
        temp_free(d);
}
