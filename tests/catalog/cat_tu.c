/* cat_tu.c: see cat_tu.h. */
#include "cat_tu.h"

#include <stdio.h>
#include <string.h>

#include "util/err.h"

JET_ERR ct_try_open(cat_env *e, const char *dir, bool create)
{
    memset(e, 0, sizeof *e);
    snprintf(e->dir, sizeof e->dir, "%s", dir);
    snprintf(e->dbpath, sizeof e->dbpath, "%s/cat.edb", dir);
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    char folder[600];
    snprintf(folder, sizeof folder, "%s/", dir);
    JET_ERR err;
    /* A name per open, so a failed test's leftover instance cannot block
     * the next one. */
    static int seq;
    char iname[32];
    snprintf(iname, sizeof iname, "cat%d", seq++);
    CALL(JetCreateInstanceA(&e->inst, iname));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, folder));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, folder));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, folder));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    CALL(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFileSize, 256, NULL));
    err = JetInit(&e->inst);
    if (err < 0)
        return err;
    CALL(JetBeginSessionA(e->inst, &e->ses, NULL, NULL));
    if (create) {
        CALL(JetCreateDatabaseA(e->ses, e->dbpath, NULL, &e->dbid, 0));
    } else {
        CALL(JetAttachDatabaseA(e->ses, e->dbpath, 0));
        CALL(JetOpenDatabaseA(e->ses, e->dbpath, NULL, &e->dbid, 0));
    }
    CALL(sess_acquire(e->ses, &e->s));
    return db_pin_opened(e->s, e->dbid, &e->d);
}

void ct_open(cat_env *e, const char *dir, bool create)
{
    assert_jet_ok(ct_try_open(e, dir, create));
}

void ct_close(cat_env *e, JET_GRBIT term)
{
    db_unpin(e->d);
    sess_release(e->s);
    e->d = NULL;
    e->s = NULL;
    if (!(term & JET_bitTermDirty)) {
        assert_jet_ok(JetCloseDatabase(e->ses, e->dbid, 0));
        assert_jet_ok(JetEndSession(e->ses, 0));
    }
    JET_ERR err = JetTerm2(e->inst, term);
    assert_true(err == JET_errSuccess || err == JET_errDirtyShutdown);
}

cat_colspec ct_col(const char *name, JET_COLTYP coltyp, uint32_t cbMax, JET_GRBIT grbit)
{
    cat_colspec c;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.coltyp = coltyp;
    c.cbMax = cbMax;
    c.grbit = grbit;
    return c;
}

cat_idxspec ct_idx(const char *name, const char *key, uint32_t cbkey, JET_GRBIT grbit)
{
    cat_idxspec i;
    memset(&i, 0, sizeof i);
    i.name = name;
    i.key = key;
    i.cbkey = cbkey;
    i.grbit = grbit;
    return i;
}

/* vtx_auto_end, then make the commit durable as DDL commits are (the
 * implicit transaction of one operation commits lazily). */
static JET_ERR ct_end(cat_env *e, vtx *x, JET_ERR err)
{
    err = vtx_auto_end(e->s, x, err);
    if (err >= 0 && vtx_level(e->s) == 0)
        KEEP(err, vtx_commit(e->s, JET_bitWaitLastLevel0Commit));
    return err;
}

JET_ERR ct_create_table(cat_env *e, cat_tablespec *ts, cat_table **out)
{
    vtx *x;
    CALL(vtx_auto_begin(e->s, &x));
    cat_table *t = NULL;
    JET_ERR err = cat_create_table(x, e->d, ts, &t);
    err = ct_end(e, x, err);
    if (err < 0 || out == NULL)
        cat_table_release(t);
    else
        *out = t;
    return err;
}

JET_ERR ct_table(cat_env *e, const char *name, cat_table **out)
{
    return cat_table_get(vtx_current(e->s), e->d, name, out);
}

/* Run op on table `table` inside an auto transaction. */
typedef JET_ERR (*tab_op)(vtx *x, db *d, cat_table *t, void *arg);

static JET_ERR with_table(cat_env *e, const char *table, tab_op op, void *arg)
{
    vtx *x;
    CALL(vtx_auto_begin(e->s, &x));
    cat_table *t = NULL;
    JET_ERR err = cat_table_get(x, e->d, table, &t);
    if (err >= 0)
        err = op(x, e->d, t, arg);
    cat_table_release(t);
    return ct_end(e, x, err);
}

struct addcol_arg {
    cat_colspec *c;
    JET_COLUMNID *colid;
};

static JET_ERR op_addcol(vtx *x, db *d, cat_table *t, void *arg)
{
    struct addcol_arg *a = arg;
    return cat_add_column(x, d, t, a->c, true, a->colid);
}

JET_ERR ct_add_column(cat_env *e, const char *table, cat_colspec *c, JET_COLUMNID *colid)
{
    struct addcol_arg a = { c, colid };
    return with_table(e, table, op_addcol, &a);
}

static JET_ERR op_mkidx(vtx *x, db *d, cat_table *t, void *arg)
{
    return cat_create_index(x, d, t, arg);
}

JET_ERR ct_create_index(cat_env *e, const char *table, cat_idxspec *ix)
{
    return with_table(e, table, op_mkidx, ix);
}

static JET_ERR op_rmidx(vtx *x, db *d, cat_table *t, void *arg)
{
    return cat_delete_index(x, d, t, arg);
}

JET_ERR ct_delete_index(cat_env *e, const char *table, const char *name)
{
    return with_table(e, table, op_rmidx, (void *)name);
}

static JET_ERR op_rmcol(vtx *x, db *d, cat_table *t, void *arg)
{
    return cat_delete_column(x, d, t, arg, 0);
}

JET_ERR ct_delete_column(cat_env *e, const char *table, const char *name)
{
    return with_table(e, table, op_rmcol, (void *)name);
}

static JET_ERR op_rmtab(vtx *x, db *d, cat_table *t, void *arg)
{
    (void)arg;
    return cat_delete_table(x, d, t);
}

JET_ERR ct_delete_table(cat_env *e, const char *table)
{
    return with_table(e, table, op_rmtab, NULL);
}
