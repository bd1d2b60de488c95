/*
 * api_temp.c: exported temporary-table entry points — JetOpenTempTable,
 * JetOpenTempTable2, JetOpenTempTable3, JetOpenTemporaryTable,
 * JetOpenTemporaryTable2.  The schema comes from src/catalog (cat_temp_table),
 * the rows live in the instance's temporary database, the cursor is an
 * ordinary src/isam cursor: closing it drops the table.
 */
#include "api/api_cat.h"

#include <stdlib.h>
#include <string.h>

#include "inst/param.h"
#include "isam/isam.h"

static JET_ERR open_temp(JET_SESID sesid, const JET_COLUMNDEF *cols, uint32_t ncols,
                         uint32_t lcid, uint32_t map_flags, JET_GRBIT grbit,
                         JET_TABLEID *ptableid, JET_COLUMNID *colids, uint32_t cbKeyMost,
                         uint32_t cbVarSegMac)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    db *tdb = NULL;
    cat_table *t = NULL;
    if (ptableid == NULL) {
        err = JET_errInvalidParameter;
        goto done;
    }
    *ptableid = JET_tableidNil;
    if (ncols > 0 && (cols == NULL || colids == NULL)) {
        err = JET_errInvalidParameter;
        goto done;
    }
    if (par_num(s->owner, JET_paramMaxTemporaryTables) == 0) {
        err = JET_errTooManySorts;   /* temporary tables are disabled */
        goto done;
    }
    CHECK(cat_temp_db(s->owner, &tdb));
    CHECK(cat_temp_table(tdb, cols, ncols, lcid, map_flags, grbit, cbKeyMost, cbVarSegMac,
                         colids, &t));
    err = isam_cursor_open(s, tdb, t, 0, ptableid);
done:
    cat_table_release(t);   /* the cursor holds its own pin: the table is its */
    db_unpin(tdb);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetOpenTempTable(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef,
                                      uint32_t ccolumn, JET_GRBIT grbit, JET_TABLEID *ptableid,
                                      JET_COLUMNID *prgcolumnid)
{
    return open_temp(sesid, prgcolumndef, ccolumn, 0, 0, grbit, ptableid, prgcolumnid, 0, 0);
}

JETDB_EXPORT JET_ERR JetOpenTempTable2(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef,
                                       uint32_t ccolumn, uint32_t lcid, JET_GRBIT grbit,
                                       JET_TABLEID *ptableid, JET_COLUMNID *prgcolumnid)
{
    /* The LCID with the instance's default LCMapString flags (ESE). */
    return open_temp(sesid, prgcolumndef, ccolumn, lcid, 0, grbit, ptableid, prgcolumnid, 0, 0);
}

JETDB_EXPORT JET_ERR JetOpenTempTable3(JET_SESID sesid, const JET_COLUMNDEF *prgcolumndef,
                                       uint32_t ccolumn, JET_UNICODEINDEX *pidxunicode,
                                       JET_GRBIT grbit, JET_TABLEID *ptableid,
                                       JET_COLUMNID *prgcolumnid)
{
    uint32_t lcid = pidxunicode ? pidxunicode->lcid : 0;
    uint32_t flags = pidxunicode ? pidxunicode->dwMapFlags : 0;
    return open_temp(sesid, prgcolumndef, ccolumn, lcid, flags, grbit, ptableid, prgcolumnid,
                     0, 0);
}

JETDB_EXPORT JET_ERR JetOpenTemporaryTable(JET_SESID sesid, JET_OPENTEMPORARYTABLE *p)
{
    if (p == NULL || p->cbStruct != sizeof *p)
        return JET_errInvalidParameter;
    uint32_t lcid = p->pidxunicode ? p->pidxunicode->lcid : 0;
    uint32_t flags = p->pidxunicode ? p->pidxunicode->dwMapFlags : 0;
    return open_temp(sesid, p->prgcolumndef, p->ccolumn, lcid, flags, p->grbit, &p->tableid,
                     p->prgcolumnid, p->cbKeyMost, p->cbVarSegMac);
}

JETDB_EXPORT JET_ERR JetOpenTemporaryTable2(JET_SESID sesid, JET_OPENTEMPORARYTABLE2 *p)
{
    if (p == NULL || p->cbStruct != sizeof *p)
        return JET_errInvalidParameter;
    uint32_t lcid = 0, flags = 0;
    if (p->pidxunicode != NULL) {
        flags = p->pidxunicode->dwMapFlags;
        if (p->pidxunicode->szLocaleName != NULL) {
            char *name = NULL;
            CALL(api_wide_arg(p->pidxunicode->szLocaleName, API_WIDE32, &name));
            if (!par_locale_lcid(name, &lcid))
                lcid = 0xFFFFFFFFu;   /* refused as JET_errInvalidLanguageId */
            free(name);
        }
    }
    return open_temp(sesid, p->prgcolumndef, p->ccolumn, lcid, flags, p->grbit, &p->tableid,
                     p->prgcolumnid, p->cbKeyMost, p->cbVarSegMac);
}
