/* isam_tu.c: see isam_tu.h. */
#include "isam_tu.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jetdb.h"

void tu_open(tu_env *e, const char *tag)
{
    memset(e, 0, sizeof *e);
    e->dir = tu_mkdtemp(tag);
    snprintf(e->dbpath, sizeof e->dbpath, "%s/isam.edb", e->dir);
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    char folder[600];
    snprintf(folder, sizeof folder, "%s/", e->dir);
    assert_jet_ok(JetCreateInstanceA(&e->inst, tag));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramSystemPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramLogFilePath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramTempPath, 0, folder));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramCreatePathIfNotExist, 1, NULL));
    assert_jet_ok(JetSetSystemParameterA(&e->inst, 0, JET_paramMaxSessions, 16, NULL));
    assert_jet_ok(JetInit(&e->inst));
    assert_jet_ok(JetBeginSessionA(e->inst, &e->ses, NULL, NULL));
    assert_jet_ok(JetCreateDatabaseA(e->ses, e->dbpath, NULL, &e->dbid, 0));
}

void tu_close(tu_env *e)
{
    assert_jet_ok(JetEndSession(e->ses, 0));
    JET_ERR err = JetTerm(e->inst);
    assert_true(err >= 0);
    tu_rmtree(e->dir);
    free(e->dir);
    e->dir = NULL;
}

JET_SESID tu_session(tu_env *e)
{
    JET_SESID s;
    assert_jet_ok(JetBeginSessionA(e->inst, &s, NULL, NULL));
    JET_DBID dbid;
    assert_jet_ok(JetOpenDatabaseA(s, e->dbpath, NULL, &dbid, 0));
    assert_int_equal(dbid, e->dbid);
    return s;
}

void tu_set_long(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, int32_t v)
{
    assert_jet_ok(JetSetColumn(s, t, c, &v, sizeof v, 0, NULL));
}

void tu_set_str(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, const char *v)
{
    assert_jet_ok(JetSetColumn(s, t, c, v, (uint32_t)strlen(v), 0, NULL));
}

int32_t tu_get_long(JET_SESID s, JET_TABLEID t, JET_COLUMNID c)
{
    int32_t v = 0;
    uint32_t actual = 0;
    assert_jet_ok(JetRetrieveColumn(s, t, c, &v, sizeof v, &actual, 0, NULL));
    assert_int_equal(actual, 4);
    return v;
}

JET_ERR tu_get_str(JET_SESID s, JET_TABLEID t, JET_COLUMNID c, char *buf, size_t cb)
{
    uint32_t actual = 0;
    JET_ERR err = JetRetrieveColumn(s, t, c, buf, (uint32_t)cb - 1, &actual, 0, NULL);
    buf[actual < cb - 1 ? actual : cb - 1] = '\0';
    return err;
}

uint32_t tu_count(JET_SESID s, JET_TABLEID t)
{
    uint32_t n = 0;
    JET_ERR err = JetMove(s, t, JET_MoveFirst, 0);
    while (err == JET_errSuccess) {
        n++;
        err = JetMove(s, t, JET_MoveNext, 0);
    }
    assert_jet(JET_errNoCurrentRecord, err);
    return n;
}

void tu_seek_long(JET_SESID s, JET_TABLEID t, int32_t v, JET_GRBIT grbit, JET_ERR expect)
{
    assert_jet_ok(JetMakeKey(s, t, &v, sizeof v, JET_bitNewKey));
    assert_jet(expect, JetSeek(s, t, grbit));
}

void *JET_API tu_realloc(void *ctx, void *pv, uint32_t cb)
{
    (void)ctx;
    if (cb == 0) {
        free(pv);
        return NULL;
    }
    return realloc(pv, cb);
}

void tu_free_enum(uint32_t n, JET_ENUMCOLUMN *ec)
{
    for (uint32_t i = 0; i < n; i++) {
        if (ec[i].err == JET_wrnColumnSingleValue) {
            free(ec[i].pvData);
        } else if (ec[i].err == JET_errSuccess) {
            for (uint32_t j = 0; j < ec[i].cEnumColumnValue; j++)
                free(ec[i].rgEnumColumnValue[j].pvData);
            free(ec[i].rgEnumColumnValue);
        }
    }
    free(ec);
}

/* ---- a look inside ---------------------------------------------------------- */

#include "catalog/catalog.h"
#include "db/db.h"
#include "inst/inst.h"
#include "store/store.h"
#include "txn/ver.h"

uint64_t tu_lv_rows(tu_env *e, const char *name)
{
    sess *s;
    assert_jet_ok(sess_acquire(e->ses, &s));
    db *d;
    assert_jet_ok(db_pin_opened(s, e->dbid, &d));
    cat_table *t;
    assert_jet_ok(cat_table_get(NULL, d, name, &t));
    bt_tree *lv;
    assert_jet_ok(st_tree_open(d->store, t->lv_objid, &lv));
    vt_cursor *vc;
    assert_jet_ok(vt_cursor_open(lv, &vc));
    uint64_t n = 0;
    JET_ERR err = vt_cursor_first(NULL, vc);
    while (err >= 0) {
        n++;
        err = vt_cursor_next(NULL, vc);
    }
    assert_jet(JET_errNoCurrentRecord, err);
    vt_cursor_close(vc);
    cat_table_release(t);
    db_unpin(d);
    sess_release(s);
    return n;
}

/* ---- tables through the public DDL API --------------------------------- */

void tu_table(tu_env *e, const char *name, const tu_col *cols, size_t ncols, const tu_idx *idx,
              size_t nidx, JET_TABLEID *tableid, JET_COLUMNID *colids)
{
    JET_COLUMNCREATE_A cc[32];
    JET_INDEXCREATE_A ic[16];
    JET_CONDITIONALCOLUMN_A cond[16];
    assert_true(ncols <= 32 && nidx <= 16);
    memset(cc, 0, sizeof cc);
    memset(ic, 0, sizeof ic);
    memset(cond, 0, sizeof cond);
    for (size_t i = 0; i < ncols; i++) {
        cc[i].cbStruct = sizeof cc[i];
        cc[i].szColumnName = (char *)cols[i].name;
        cc[i].coltyp = cols[i].coltyp;
        cc[i].cbMax = cols[i].cbMax;
        cc[i].grbit = cols[i].grbit;
        cc[i].pvDefault = (void *)cols[i].dflt;
        cc[i].cbDefault = cols[i].cbdflt;
        cc[i].cp = cols[i].cp;
        if ((cols[i].coltyp == JET_coltypText || cols[i].coltyp == JET_coltypLongText) &&
            cc[i].cp == 0)
            cc[i].cp = 1252;
    }
    for (size_t i = 0; i < nidx; i++) {
        ic[i].cbStruct = sizeof ic[i];
        ic[i].szIndexName = (char *)idx[i].name;
        ic[i].szKey = (char *)idx[i].key;
        ic[i].cbKey = idx[i].cbkey;      /* sizeof the literal: both NULs */
        ic[i].grbit = idx[i].grbit;
        if (idx[i].cbKeyMost) {
            ic[i].cbKeyMost = idx[i].cbKeyMost;
            ic[i].grbit |= JET_bitIndexKeyMost;
        }
        if (idx[i].cond != NULL) {
            cond[i].cbStruct = sizeof cond[i];
            cond[i].szColumnName = (char *)idx[i].cond;
            cond[i].grbit = idx[i].condbits;
            ic[i].rgconditionalcolumn = &cond[i];
            ic[i].cConditionalColumn = 1;
        }
    }
    JET_TABLECREATE_A tc;
    memset(&tc, 0, sizeof tc);
    tc.cbStruct = sizeof tc;
    tc.szTableName = (char *)name;
    tc.rgcolumncreate = cc;
    tc.cColumns = (uint32_t)ncols;
    tc.rgindexcreate = nidx ? ic : NULL;
    tc.cIndexes = (uint32_t)nidx;
    JET_ERR err = JetCreateTableColumnIndexA(e->ses, e->dbid, &tc);
    for (size_t i = 0; i < ncols; i++)
        assert_jet_ok(cc[i].err);
    for (size_t i = 0; i < nidx; i++)
        assert_jet_ok(ic[i].err);
    assert_jet_ok(err);
    for (size_t i = 0; i < ncols; i++)
        colids[i] = cc[i].columnid;
    /* JetCreateTable's cursor is exclusive: use a plain one */
    assert_jet_ok(JetCloseTable(e->ses, tc.tableid));
    *tableid = tu_open_table(e, e->ses, name, 0);
}

JET_ERR tu_add_index(tu_env *e, const char *name, const tu_idx *ix)
{
    JET_TABLEID t;
    JET_ERR err = JetOpenTableA(e->ses, e->dbid, name, NULL, 0, JET_bitTableDenyRead, &t);
    if (err < 0)
        return err;
    JET_INDEXCREATE_A ic;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (char *)ix->name;
    ic.szKey = (char *)ix->key;
    ic.cbKey = ix->cbkey;
    ic.grbit = ix->grbit;
    err = JetCreateIndex2A(e->ses, t, &ic, 1);
    JET_ERR e2 = JetCloseTable(e->ses, t);
    return err < 0 ? err : e2;
}

JET_ERR tu_try_open_table(tu_env *e, JET_SESID ses, const char *name, JET_GRBIT grbit,
                          JET_TABLEID *out)
{
    return JetOpenTableA(ses, e->dbid, name, NULL, 0, grbit, out);
}

JET_TABLEID tu_open_table(tu_env *e, JET_SESID ses, const char *name, JET_GRBIT grbit)
{
    JET_TABLEID id;
    assert_jet_ok(tu_try_open_table(e, ses, name, grbit, &id));
    return id;
}
