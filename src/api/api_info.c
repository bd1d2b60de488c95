/*
 * api_info.c: exported schema information entry points —
 * JetGetTableColumnInfo, JetGetColumnInfo, JetGetTableIndexInfo,
 * JetGetIndexInfo, JetGetTableInfo, JetGetObjectInfo, in their A, W and
 * W_u16 forms, at the info levels ESE answers (info.cxx), and
 * JetComputeStats, whose figures the table, object and index levels report.
 *
 * The list levels answer with a temporary table the caller reads with the
 * cursor API and closes with JetCloseTable, as ESE does: the rows are
 * written here through the public JetPrepareUpdate / JetSetColumn /
 * JetUpdate calls (the session gate lets this thread in again), with the
 * same columns, keys and column ids as ESE's result tables.  Names go into
 * Text columns: code page 1252 bytes (UTF-8 here) for the A forms, Unicode
 * (UTF-16LE) for the W forms.
 */
#include "api/api_cat.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api_w16.h"
#include "inst/param.h"
#include "isam/isam.h"
#include "store/store.h"
#include "util/utf.h"

#define API_errQueryNotSupported (-1034)   /* ESE's code; not in esent.h */
#define COUNTRY_DEFAULT 1u                 /* ESE's countryDefault */
#define CONTAINER_TABLES "Tables"          /* the only container ESE has */

/* The langid ESE reports: that of the default locale (en-US). */
static uint16_t default_langid(void)
{
    return 0x0409;
}

/* ---- writing names ------------------------------------------------------------------ */

/* Copy a UTF-8 name into a caller's buffer as width 0 (UTF-8), 2 or 4
 * (wide) characters, NUL-terminated; JET_errBufferTooSmall when it does not
 * fit (nothing written then). */
static JET_ERR put_name(const char *name, void *buf, size_t cb, size_t width)
{
    if (width == 0) {
        size_t n = strlen(name);
        if (n >= cb)
            return JET_errBufferTooSmall;
        memcpy(buf, name, n + 1);
        return JET_errSuccess;
    }
    return utf_utf8_to_wide(name, buf, cb, width, NULL);
}

/* Bytes a name takes as a Text column value: UTF-8, or UTF-16LE for W. */
static JET_ERR text_value(const char *name, bool wide, void *buf, size_t cb, size_t *len)
{
    if (!wide) {
        size_t n = strlen(name);
        if (n > cb)
            return JET_errBufferTooSmall;
        memcpy(buf, name, n);
        *len = n;
        return JET_errSuccess;
    }
    size_t need = 0;
    CALL(utf_utf8_to_wide(name, buf, cb, API_WIDE16, &need));
    *len = need - 2;   /* without the terminator */
    return JET_errSuccess;
}

/* ---- result tables ------------------------------------------------------------------ */

/* A temporary table the info call fills. */
typedef struct rtab {
    JET_SESID sesid;
    JET_TABLEID tableid;
    JET_COLUMNID colid[16];
    bool wide;
    uint32_t rows;
} rtab;

static JET_ERR rtab_open(rtab *r, JET_SESID sesid, const JET_COLUMNDEF *defs, uint32_t n,
                         bool wide, JET_GRBIT grbit)
{
    memset(r, 0, sizeof *r);
    r->sesid = sesid;
    r->wide = wide;
    JET_COLUMNDEF d[16];
    memcpy(d, defs, n * sizeof *d);
    for (uint32_t i = 0; i < n; i++)
        if (d[i].coltyp == JET_coltypText && wide)
            d[i].cp = 1200;
    JET_OPENTEMPORARYTABLE ot = { .cbStruct = sizeof ot, .prgcolumndef = d, .ccolumn = n,
                                  .grbit = grbit, .prgcolumnid = r->colid,
                                  .cbKeyMost = JET_cbKeyMost, .cbVarSegMac = JET_cbKeyMost };
    CALL(JetOpenTemporaryTable(sesid, &ot));
    r->tableid = ot.tableid;
    return JET_errSuccess;
}

static void rtab_abort(rtab *r)
{
    if (r->tableid != 0 && r->tableid != JET_tableidNil)
        (void)JetCloseTable(r->sesid, r->tableid);
    r->tableid = JET_tableidNil;
}

static JET_ERR rtab_begin(rtab *r)
{
    return JetPrepareUpdate(r->sesid, r->tableid, JET_prepInsert);
}

static JET_ERR rtab_set(rtab *r, int col, const void *pv, size_t cb)
{
    return JetSetColumn(r->sesid, r->tableid, r->colid[col], pv, (uint32_t)cb, 0, NULL);
}

static JET_ERR rtab_u32(rtab *r, int col, uint32_t v)
{
    return rtab_set(r, col, &v, sizeof v);
}

static JET_ERR rtab_u16(rtab *r, int col, uint16_t v)
{
    return rtab_set(r, col, &v, sizeof v);
}

static JET_ERR rtab_text(rtab *r, int col, const char *s)
{
    uint8_t buf[4 * (CAT_NAME_MAX + 1) + 8];
    size_t len;
    CALL(text_value(s, r->wide, buf, sizeof buf, &len));
    return rtab_set(r, col, buf, len);
}

static JET_ERR rtab_end(rtab *r)
{
    JET_ERR err = JetUpdate(r->sesid, r->tableid, NULL, 0, NULL);
    if (err >= 0)
        r->rows++;
    else
        (void)JetPrepareUpdate(r->sesid, r->tableid, JET_prepCancel);
    return err;
}

/* Done filling: back on the first row, as ESE leaves it. */
static JET_ERR rtab_finish(rtab *r)
{
    JET_ERR err = JetMove(r->sesid, r->tableid, JET_MoveFirst, 0);
    return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

/* ---- column information ------------------------------------------------------------- */

/* ESE's result table of the column lists (info.cxx rgcolumndefGetColumnInfo):
 * presentation order and name form the key. */
static const JET_COLUMNDEF g_coldefs[] = {
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed | JET_bitColumnTTKey },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 0, 0, 0, JET_bitColumnTTKey },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypShort, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypShort, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypShort, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypShort, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLongBinary, 0, 0, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 0, 0, 0, 0 },
};
enum { CI_PORDER, CI_NAME, CI_COLID, CI_TYPE, CI_COUNTRY, CI_LANGID, CI_CP, CI_COLLATE,
       CI_SIZE, CI_GRBIT, CI_DEFAULT, CI_TABLE, CI_COLUMN, CI_COUNT };

/* The grbit ESE reports for a column (ErrINFOGetTableColumnInfo). */
static JET_GRBIT column_grbit(const cat_column *c, bool updatable)
{
    JET_GRBIT g = c->def.grbit & (JET_bitColumnFixed | JET_bitColumnTagged |
                                  JET_bitColumnNotNULL | JET_bitColumnAutoincrement |
                                  JET_bitColumnVersion | JET_bitColumnMultiValued |
                                  JET_bitColumnEscrowUpdate | JET_bitColumnFinalize |
                                  JET_bitColumnDeleteOnZero | JET_bitColumnCompressed);
    if (updatable)
        g |= JET_bitColumnUpdatable;
    return g;
}

/* The column a JET_ColInfo* call names: by name, or by id when the name is
 * empty and an id was passed. */
static JET_ERR find_column(const cat_table *t, const char *name, const JET_COLUMNID *colid,
                           const cat_column **out)
{
    const cat_column *c = NULL;
    if (name != NULL && name[0] != '\0')
        c = cat_column_by_name(t, name);
    else if (colid != NULL)
        c = cat_column_by_id(t, *colid);
    if (c == NULL)
        return JET_errColumnNotFound;
    *out = c;
    return JET_errSuccess;
}

static JET_ERR column_list(sess *s, const cat_table *t, bool updatable, void *pv, uint32_t cb,
                           uint32_t level, JET_GRBIT grbit, size_t width)
{
    (void)updatable;
    if (cb < sizeof(JET_COLUMNLIST))
        return JET_errInvalidParameter;
    const bool by_colid = level == JET_ColInfoListSortColumnid ||
                          (grbit & JET_ColInfoGrbitSortByColumnid);
    const bool minimal = (grbit & JET_ColInfoGrbitMinimalInfo) != 0;
    const bool compact = level == JET_ColInfoListCompact;
    JET_COLUMNDEF defs[CI_COUNT];
    memcpy(defs, g_coldefs, sizeof defs);
    if (compact) {
        /* The compacting variant: no key (column id order), Binary default. */
        for (int i = 0; i < CI_COUNT; i++)
            defs[i].grbit &= ~(JET_GRBIT)JET_bitColumnTTKey;
        defs[CI_DEFAULT].coltyp = JET_coltypBinary;
    }
    rtab r;
    CALL(rtab_open(&r, s->handle, defs, CI_COUNT, width != 0,
                   JET_bitTTScrollable | JET_bitTTIndexed));
    JET_ERR err = JET_errSuccess;
    /* Column id order: fixed, variable, tagged, as ESE walks them. */
    for (size_t i = 0; i < t->ncols && err >= 0; i++) {
        const cat_column *c = &t->cols[i];
        CHECK(rtab_begin(&r));
        if (by_colid)
            CHECK(rtab_u32(&r, CI_PORDER, c->def.colid));
        CHECK(rtab_text(&r, CI_NAME, c->name));
        CHECK(rtab_u32(&r, CI_COLID, c->def.colid));
        if (!minimal) {
            CHECK(rtab_u32(&r, CI_TYPE, c->def.coltyp));
            CHECK(rtab_u16(&r, CI_COUNTRY, COUNTRY_DEFAULT));
            CHECK(rtab_u16(&r, CI_LANGID, default_langid()));
            CHECK(rtab_u16(&r, CI_CP, c->def.cp));
            CHECK(rtab_u32(&r, CI_SIZE, c->def.cbMax));
            CHECK(rtab_u32(&r, CI_GRBIT, column_grbit(c, false)));
            CHECK(rtab_u16(&r, CI_COLLATE, 0));
            if (c->dflt != NULL && c->cbdflt > 0)
                CHECK(rtab_set(&r, CI_DEFAULT, c->dflt, c->cbdflt));
            CHECK(rtab_text(&r, CI_TABLE, t->name));
            CHECK(rtab_text(&r, CI_COLUMN, c->name));
        }
        CHECK(rtab_end(&r));
    }
    CHECK(rtab_finish(&r));
    JET_COLUMNLIST *cl = pv;
    cl->cbStruct = sizeof *cl;
    cl->tableid = r.tableid;
    cl->cRecord = r.rows;
    cl->columnidPresentationOrder = r.colid[CI_PORDER];
    cl->columnidcolumnname = r.colid[CI_NAME];
    cl->columnidcolumnid = r.colid[CI_COLID];
    cl->columnidcoltyp = r.colid[CI_TYPE];
    cl->columnidCountry = r.colid[CI_COUNTRY];
    cl->columnidLangid = r.colid[CI_LANGID];
    cl->columnidCp = r.colid[CI_CP];
    cl->columnidCollate = r.colid[CI_COLLATE];
    cl->columnidcbMax = r.colid[CI_SIZE];
    cl->columnidgrbit = r.colid[CI_GRBIT];
    cl->columnidDefault = r.colid[CI_DEFAULT];
    cl->columnidBaseTableName = r.colid[CI_TABLE];
    cl->columnidBaseColumnName = r.colid[CI_COLUMN];
    cl->columnidDefinitionName = r.colid[CI_NAME];
    return JET_errSuccess;
done:
    rtab_abort(&r);
    return err;
}

/* JetGetTableColumnInfo / JetGetColumnInfo after the table is known. */
static JET_ERR column_info(sess *s, const cat_table *t, bool updatable, const char *name,
                           const JET_COLUMNID *colid, void *pv, uint32_t cb, uint32_t level,
                           size_t width)
{
    const JET_GRBIT grbit = level & 0xF0000000u;
    level &= 0x0FFFFFFFu;
    if (pv == NULL)
        return JET_errInvalidParameter;
    const cat_column *c;
    switch (level) {
    case JET_ColInfo:
    case JET_ColInfoByColid: {
        if (cb < sizeof(JET_COLUMNDEF))
            return JET_errInvalidParameter;
        CALL(find_column(t, name, level == JET_ColInfoByColid ? colid : NULL, &c));
        JET_COLUMNDEF *cd = pv;
        cd->cbStruct = sizeof *cd;
        cd->columnid = c->def.colid;
        cd->coltyp = c->def.coltyp;
        cd->wCountry = COUNTRY_DEFAULT;
        cd->langid = default_langid();
        cd->cp = c->def.cp;
        cd->wCollate = 0;
        cd->cbMax = c->def.cbMax;
        cd->grbit = column_grbit(c, updatable);
        return JET_errSuccess;
    }
    case JET_ColInfoBase:
    case JET_ColInfoBaseByColid: {
        size_t need = width ? sizeof(JET_COLUMNBASE_W) : sizeof(JET_COLUMNBASE_A);
        if (cb < need)
            return JET_errInvalidParameter;
        CALL(find_column(t, name, level == JET_ColInfoBaseByColid ? colid : NULL, &c));
        /* The A and W structures agree up to the names. */
        JET_COLUMNBASE_A *b = pv;
        b->cbStruct = (uint32_t)need;
        b->columnid = c->def.colid;
        b->coltyp = c->def.coltyp;
        b->wCountry = COUNTRY_DEFAULT;
        b->langid = default_langid();
        b->cp = c->def.cp;
        b->wFiller = 0;
        b->cbMax = c->def.cbMax;
        b->grbit = column_grbit(c, updatable);
        if (width == 0) {
            CALL(put_name(t->name, b->szBaseTableName, sizeof b->szBaseTableName, 0));
            CALL(put_name(c->name, b->szBaseColumnName, sizeof b->szBaseColumnName, 0));
        } else {
            JET_COLUMNBASE_W *w = pv;
            /* 256 wide characters of the caller's width. */
            CALL(put_name(t->name, w->szBaseTableName, 256 * width, width));
            CALL(put_name(c->name, (char *)w->szBaseTableName + 256 * width, 256 * width,
                          width));
        }
        return JET_errSuccess;
    }
    case JET_ColInfoList:
    case JET_ColInfoListSortColumnid:
    case JET_ColInfoListCompact:
        return column_list(s, t, updatable, pv, cb, level, grbit, width);
    default:
        return JET_errInvalidParameter;
    }
}

/* The column argument of the info calls: a name, or (ByColid levels) a
 * JET_COLUMNID the pointer really points at. */
typedef struct col_arg {
    const char *name;
    char *tmp;
    char norm[CAT_NAME_MAX + 1];
    const JET_COLUMNID *colid;
} col_arg;

static JET_ERR col_arg_get(const void *p, uint32_t level, size_t width, col_arg *a)
{
    memset(a, 0, sizeof *a);
    uint32_t lv = level & 0x0FFFFFFFu;
    if (lv == JET_ColInfoByColid || lv == JET_ColInfoBaseByColid) {
        a->colid = p;
        a->name = "";
        return JET_errSuccess;
    }
    const char *nm;
    CALL(api_name(p, width, &nm, &a->tmp));
    if (nm == NULL || nm[0] == '\0') {
        a->name = "";
        return JET_errSuccess;
    }
    CALL(cat_check_name(nm, a->norm));
    a->name = a->norm;
    return JET_errSuccess;
}

static JET_ERR table_column_info(JET_SESID sesid, JET_TABLEID tableid, const void *column,
                                 void *pv, uint32_t cb, uint32_t level, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    cat_table *cur = NULL;
    col_arg a = { 0 };
    CHECK(api_cursor_get(s, tableid, &c));
    if (c.t->temp) {
        err = JET_errIllegalOperation;   /* not on a temporary table (ESE) */
        goto done;
    }
    CHECK(col_arg_get(column, level, width, &a));
    CHECK(cat_table_current(vtx_current(s), c.d, c.t, &cur));
    bool updatable = !(c.grbit & JET_bitTableReadOnly) && !c.d->read_only;
    err = column_info(s, cur, updatable, a.name, a.colid, pv, cb, level, width);
done:
    cat_table_release(cur);
    api_cursor_put(&c);
    free(a.tmp);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetGetTableColumnInfoA(JET_SESID sesid, JET_TABLEID tableid,
                                            JET_PCSTR szColumnName, void *pvResult,
                                            uint32_t cbMax, uint32_t InfoLevel)
{
    return table_column_info(sesid, tableid, szColumnName, pvResult, cbMax, InfoLevel, 0);
}
JETDB_EXPORT JET_ERR JetGetTableColumnInfoW(JET_SESID sesid, JET_TABLEID tableid,
                                            JET_PCWSTR szColumnName, void *pvResult,
                                            uint32_t cbMax, uint32_t InfoLevel)
{
    return table_column_info(sesid, tableid, szColumnName, pvResult, cbMax, InfoLevel,
                             API_WIDE32);
}
JETDB_EXPORT JET_ERR JetGetTableColumnInfoW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                                JET_PCWSTR szColumnName, void *pvResult,
                                                uint32_t cbMax, uint32_t InfoLevel)
{
    return table_column_info(sesid, tableid, szColumnName, pvResult, cbMax, InfoLevel,
                             API_WIDE16);
}

/* The table a dbid + name call means, as the session sees it. */
static JET_ERR named_table(sess *s, JET_DBID dbid, const void *table, size_t width, db **d,
                           cat_table **t)
{
    *d = NULL;
    *t = NULL;
    if (table == NULL)
        return JET_errInvalidParameter;
    const char *nm;
    char *tmp;
    CALL(api_name(table, width, &nm, &tmp));
    char norm[CAT_NAME_MAX + 1];
    JET_ERR err = cat_check_name(nm, norm);
    free(tmp);
    CALL(err);
    CALL(db_pin_opened(s, dbid, d));
    err = cat_table_get(vtx_current(s), *d, norm, t);
    if (err < 0) {
        db_unpin(*d);
        *d = NULL;
    }
    return err;
}

static JET_ERR get_column_info(JET_SESID sesid, JET_DBID dbid, const void *table,
                               const void *column, void *pv, uint32_t cb, uint32_t level,
                               size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    db *d = NULL;
    cat_table *t = NULL;
    col_arg a = { 0 };
    CHECK(named_table(s, dbid, table, width, &d, &t));
    CHECK(col_arg_get(column, level, width, &a));
    /* ESE answers through a cursor it made not updatable. */
    err = column_info(s, t, false, a.name, a.colid, pv, cb, level, width);
done:
    cat_table_release(t);
    db_unpin(d);
    free(a.tmp);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetGetColumnInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                       JET_PCSTR pColumnNameOrId, void *pvResult, uint32_t cbMax,
                                       uint32_t InfoLevel)
{
    return get_column_info(sesid, dbid, szTableName, pColumnNameOrId, pvResult, cbMax,
                           InfoLevel, 0);
}
JETDB_EXPORT JET_ERR JetGetColumnInfoW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                       JET_PCWSTR pColumnNameOrId, void *pvResult,
                                       uint32_t cbMax, uint32_t InfoLevel)
{
    return get_column_info(sesid, dbid, szTableName, pColumnNameOrId, pvResult, cbMax,
                           InfoLevel, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetGetColumnInfoW_u16(JET_SESID sesid, JET_DBID dbid,
                                           JET_PCWSTR szTableName, JET_PCWSTR pColumnNameOrId,
                                           void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return get_column_info(sesid, dbid, szTableName, pColumnNameOrId, pvResult, cbMax,
                           InfoLevel, API_WIDE16);
}

/* ---- index information ------------------------------------------------------------------ */

/* ESE's result table of the index lists (rgcolumndefGetIndexInfo): index
 * name and key column position form the key. */
static const JET_COLUMNDEF g_idxdefs[] = {
    { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 0, 0, 0, JET_bitColumnTTKey },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed | JET_bitColumnTTKey },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypShort, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypShort, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypShort, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypShort, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 0, 0, 0, 0 },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
};
enum { II_NAME, II_GRBIT, II_CKEY, II_CENTRY, II_CPAGE, II_CCOL, II_ICOL, II_COLID, II_TYPE,
       II_COUNTRY, II_LANGID, II_CP, II_COLLATE, II_COLBITS, II_COLNAME, II_LCMAP, II_COUNT };

/* The JET_INDEXLIST layout before LCMapFlags joined it. */
#define INDEXLIST_OLD_SIZE (sizeof(JET_INDEXLIST) - 4u)

/* The statistics JetComputeStats last stored for index ix of t (the
 * primary index's are the data tree's). */
static JET_ERR index_stats(sess *s, db *d, const cat_table *t, const cat_index *ix,
                           cat_stats *st)
{
    return cat_get_stats(vtx_current(s), d, t->objid, ix->primary ? t->objid : ix->objid, st);
}

static JET_ERR index_list(sess *s, db *d, const cat_table *t, const char *name, void *pv,
                          uint32_t cb, size_t width)
{
    if (cb < INDEXLIST_OLD_SIZE)
        return JET_wrnBufferTruncated;   /* ESE returns nothing, as a warning */
    const cat_index *only = NULL;
    if (name[0] != '\0') {
        only = cat_index_by_name(t, name);
        if (only == NULL)
            return JET_errIndexNotFound;
    }
    rtab r;
    CALL(rtab_open(&r, s->handle, g_idxdefs, II_COUNT, width != 0,
                   JET_bitTTScrollable | JET_bitTTIndexed));
    JET_ERR err = JET_errSuccess;
    for (size_t i = 0; i < t->nidx; i++) {
        const cat_index *ix = &t->idx[i];
        if (only != NULL && ix != only)
            continue;
        uint16_t langid = (uint16_t)(ix->lcid & 0xFFFFu);
        cat_stats st;
        CHECK(index_stats(s, d, t, ix, &st));
        for (uint32_t k = 0; k < ix->nseg; k++) {
            const cat_column *c = cat_column_by_id(t, ix->seg[k].colid);
            CHECK(rtab_begin(&r));
            CHECK(rtab_text(&r, II_NAME, ix->name));
            CHECK(rtab_u32(&r, II_GRBIT, cat_index_grbit(ix)));
            CHECK(rtab_u32(&r, II_CKEY, st.keys));     /* as JetComputeStats left them */
            CHECK(rtab_u32(&r, II_CENTRY, st.items));
            CHECK(rtab_u32(&r, II_CPAGE, st.pages));
            CHECK(rtab_u32(&r, II_CCOL, ix->nseg));
            CHECK(rtab_u32(&r, II_ICOL, k));
            CHECK(rtab_u32(&r, II_COLID, ix->seg[k].colid));
            CHECK(rtab_u32(&r, II_TYPE, c ? c->def.coltyp : 0));
            CHECK(rtab_u16(&r, II_COUNTRY, COUNTRY_DEFAULT));
            CHECK(rtab_u16(&r, II_LANGID, langid));
            CHECK(rtab_u32(&r, II_LCMAP, ix->map_flags));
            CHECK(rtab_u16(&r, II_CP, c ? c->def.cp : 0));
            CHECK(rtab_u16(&r, II_COLLATE, 0));
            CHECK(rtab_u32(&r, II_COLBITS,
                           ix->seg[k].seg.descending ? JET_bitKeyDescending : JET_bitKeyAscending));
            CHECK(rtab_text(&r, II_COLNAME, c ? c->name : ""));
            CHECK(rtab_end(&r));
        }
    }
    CHECK(rtab_finish(&r));
    JET_INDEXLIST *il = pv;
    bool full = cb >= sizeof(JET_INDEXLIST);
    il->cbStruct = (uint32_t)(full ? sizeof(JET_INDEXLIST) : INDEXLIST_OLD_SIZE);
    il->tableid = r.tableid;
    il->cRecord = r.rows;
    il->columnidindexname = r.colid[II_NAME];
    il->columnidgrbitIndex = r.colid[II_GRBIT];
    il->columnidcKey = r.colid[II_CKEY];
    il->columnidcEntry = r.colid[II_CENTRY];
    il->columnidcPage = r.colid[II_CPAGE];
    il->columnidcColumn = r.colid[II_CCOL];
    il->columnidiColumn = r.colid[II_ICOL];
    il->columnidcolumnid = r.colid[II_COLID];
    il->columnidcoltyp = r.colid[II_TYPE];
    il->columnidCountry = r.colid[II_COUNTRY];
    il->columnidLangid = r.colid[II_LANGID];
    il->columnidCp = r.colid[II_CP];
    il->columnidCollate = r.colid[II_COLLATE];
    il->columnidgrbitColumn = r.colid[II_COLBITS];
    il->columnidcolumnname = r.colid[II_COLNAME];
    if (full)
        il->columnidLCMapFlags = r.colid[II_LCMAP];
    return JET_errSuccess;
done:
    rtab_abort(&r);
    return err;
}

/* Append bytes to the JET_IdxInfoCreateIndex* result buffer. */
typedef struct obuf {
    unsigned char *p;
    size_t left;
} obuf;

/* n bytes at the next multiple of align (a power of two): structures at
 * pointer alignment, strings at their character width (the pieces of a
 * key string, all multiples of the width, stay contiguous). */
static void *ob_take_al(obuf *o, size_t n, size_t align)
{
    size_t pad = (size_t)(-(uintptr_t)o->p & (align - 1));
    if (o->left < pad || o->left - pad < n)
        return NULL;
    o->p += pad;
    o->left -= pad;
    void *at = o->p;
    o->p += n;
    o->left -= n;
    return at;
}

static void *ob_take(obuf *o, size_t n)
{
    return ob_take_al(o, n, sizeof(void *));
}

/* Copy a name into the result buffer in the caller's character width
 * (0 = char), NUL-terminated; *at = where it went, *cb its size. */
static JET_ERR ob_name(obuf *o, const char *name, size_t width, void **at, size_t *cb)
{
    size_t need = strlen(name) + 1;
    if (width != 0) {
        JET_ERR err = utf_utf8_to_wide(name, NULL, 0, width, &need);
        if (err < 0 && err != JET_errBufferTooSmall)
            return err;
    }
    void *p = ob_take_al(o, need, width ? width : 1);
    if (p == NULL)
        return JET_errBufferTooSmall;
    CALL(put_name(name, p, need, width));
    *at = p;
    *cb = need;
    return JET_errSuccess;
}

/* JET_IdxInfoCreateIndex(2/3): a JET_INDEXCREATE* that would create ix
 * again, with everything it points at placed after it in the buffer. */
static JET_ERR index_create_info(const cat_table *t, const cat_index *ix, void *pv, uint32_t cb,
                                 uint32_t level, size_t width)
{
    size_t wch = width ? width : 1;
    size_t ssize = level == JET_IdxInfoCreateIndex ? sizeof(JET_INDEXCREATE_A)
                                                   : sizeof(JET_INDEXCREATE2_A);
    obuf o = { pv, cb };
    JET_INDEXCREATE2_A *ic = ob_take_al(&o, ssize, 1);   /* at pv itself */
    if (ic == NULL)
        return JET_errBufferTooSmall;
    memset(ic, 0, ssize);
    ic->cbStruct = (uint32_t)ssize;
    void *at;
    size_t n;
    CALL(ob_name(&o, ix->name, width, &at, &n));
    ic->szIndexName = at;
    /* The key: "+col\0-col\0\0" in the caller's characters. */
    if (ob_take_al(&o, 0, wch) == NULL)
        return JET_errBufferTooSmall;
    ic->szKey = (char *)o.p;
    size_t cbkey = 0;
    for (uint32_t k = 0; k < ix->nseg; k++) {
        const cat_column *c = cat_column_by_id(t, ix->seg[k].colid);
        unsigned char *sign = ob_take_al(&o, wch, wch);
        if (sign == NULL)
            return JET_errBufferTooSmall;
        memset(sign, 0, wch);
        sign[0] = ix->seg[k].seg.descending ? '-' : '+';
        CALL(ob_name(&o, c ? c->name : "", width, &at, &n));
        cbkey += wch + n;
    }
    unsigned char *end = ob_take_al(&o, wch, wch);
    if (end == NULL)
        return JET_errBufferTooSmall;
    memset(end, 0, wch);
    cbkey += wch;
    ic->cbKey = (uint32_t)cbkey;
    /* Always marked Unicode: JetCreateIndex ignores it for other columns. */
    ic->grbit = cat_index_grbit(ix) | JET_bitIndexUnicode;
    ic->ulDensity = ix->density;
    if (level == JET_IdxInfoCreateIndex3) {
        JET_UNICODEINDEX2 *ui = ob_take(&o, sizeof *ui);
        if (ui == NULL)
            return JET_errBufferTooSmall;
        ui->dwMapFlags = ix->map_flags;
        const char *loc = par_locale_name(ix->lcid);
        CALL(ob_name(&o, loc ? loc : "", width == API_WIDE16 ? API_WIDE16 : API_WIDE32, &at,
                     &n));
        ui->szLocaleName = at;
        ((JET_INDEXCREATE3_A *)ic)->pidxunicode = ui;
    } else {
        JET_UNICODEINDEX *ui = ob_take(&o, sizeof *ui);
        if (ui == NULL)
            return JET_errBufferTooSmall;
        ui->lcid = ix->lcid;
        ui->dwMapFlags = ix->map_flags;
        ic->pidxunicode = ui;
    }
    ic->cbVarSegMac = ix->cbVarSegMac ? ix->cbVarSegMac : ix->cbKeyMost;
    if (ix->ncond > 0) {
        JET_CONDITIONALCOLUMN_A *cc = ob_take(&o, ix->ncond * sizeof *cc);
        if (cc == NULL)
            return JET_errBufferTooSmall;
        for (uint32_t k = 0; k < ix->ncond; k++) {
            const cat_column *c = cat_column_by_id(t, ix->cond[k].colid);
            CALL(ob_name(&o, c ? c->name : "", width, &at, &n));
            cc[k].cbStruct = sizeof *cc;
            cc[k].szColumnName = at;
            cc[k].grbit = ix->cond[k].grbit;
        }
        ic->rgconditionalcolumn = cc;
        ic->cConditionalColumn = ix->ncond;
    }
    ic->cbKeyMost = ix->cbKeyMost > JET_cbKeyMost ? ix->cbKeyMost : JET_cbKeyMost;
    return JET_errSuccess;
}

/* The index a by-name level names; the primary index for an empty name
 * where ESE allows it. */
static JET_ERR named_index(const cat_table *t, const char *name, bool empty_is_primary,
                           const cat_index **out)
{
    const cat_index *ix = NULL;
    if (name[0] != '\0')
        ix = cat_index_by_name(t, name);
    else if (empty_is_primary && t->primary >= 0)
        ix = &t->idx[t->primary];
    if (ix == NULL)
        return JET_errIndexNotFound;
    *out = ix;
    return JET_errSuccess;
}

static JET_ERR index_info(sess *s, db *d, const cat_table *t, const char *name, void *pv,
                          uint32_t cb, uint32_t level, size_t width)
{
    const cat_index *ix;
    if (pv == NULL)
        return JET_errInvalidParameter;
    switch (level) {
    case JET_IdxInfo:
    case JET_IdxInfoList:
        return index_list(s, d, t, name, pv, cb, width);
    case JET_IdxInfoSpaceAlloc:
        if (cb < sizeof(uint32_t))
            return JET_errBufferTooSmall;
        CALL(named_index(t, name, false, &ix));
        *(uint32_t *)pv = ix->density;
        return JET_errSuccess;
    case JET_IdxInfoLCID:
        if (cb < sizeof(uint16_t))
            return JET_errBufferTooSmall;
        CALL(named_index(t, name, false, &ix));
        if (cb < sizeof(uint32_t))
            *(uint16_t *)pv = (uint16_t)(ix->lcid & 0xFFFFu);
        else
            *(uint32_t *)pv = ix->lcid;
        return JET_errSuccess;
    case JET_IdxInfoCount: {
        if (cb < sizeof(int32_t))
            return JET_errBufferTooSmall;
        /* The primary or sequential index counts as one, always. */
        int32_t n = 1;
        for (size_t i = 0; i < t->nidx; i++)
            if (!t->idx[i].primary)
                n++;
        *(int32_t *)pv = n;
        return JET_errSuccess;
    }
    case JET_IdxInfoVarSegMac:
    case JET_IdxInfoKeyMost:
        if (cb < sizeof(uint16_t))
            return JET_errBufferTooSmall;
        CALL(named_index(t, name, false, &ix));
        if (level == JET_IdxInfoKeyMost)
            *(uint16_t *)pv = (uint16_t)ix->cbKeyMost;
        else
            *(uint16_t *)pv = (uint16_t)(ix->cbVarSegMac ? ix->cbVarSegMac : ix->cbKeyMost);
        return JET_errSuccess;
    case JET_IdxInfoIndexId:
        if (cb < sizeof(JET_INDEXID))
            return JET_errBufferTooSmall;
        CALL(named_index(t, name, false, &ix));
        isam_indexid_make(t, ix->primary ? -1 : (int)(ix - t->idx), pv);
        return JET_errSuccess;
    case JET_IdxInfoCreateIndex:
    case JET_IdxInfoCreateIndex2:
    case JET_IdxInfoCreateIndex3:
        CALL(named_index(t, name, true, &ix));
        return index_create_info(t, ix, pv, cb, level, width);
    case JET_IdxInfoLocaleName: {
        CALL(named_index(t, name, false, &ix));
        const char *loc = par_locale_name(ix->lcid);
        return put_name(loc ? loc : "", pv, cb, width ? width : API_WIDE32);
    }
    default:
        return JET_errInvalidParameter;
    }
}

/* The index name argument: NULL or "" = none (the list). */
static JET_ERR index_arg(const void *p, size_t width, char norm[CAT_NAME_MAX + 1])
{
    norm[0] = '\0';
    const char *nm;
    char *tmp;
    CALL(api_name(p, width, &nm, &tmp));
    JET_ERR err = JET_errSuccess;
    if (nm != NULL && nm[0] != '\0')
        err = cat_check_name(nm, norm);
    free(tmp);
    return err;
}

static JET_ERR table_index_info(JET_SESID sesid, JET_TABLEID tableid, const void *index,
                                void *pv, uint32_t cb, uint32_t level, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    cat_table *cur = NULL;
    char norm[CAT_NAME_MAX + 1];
    CHECK(api_cursor_get(s, tableid, &c));
    if (c.t->temp) {
        err = JET_errIllegalOperation;
        goto done;
    }
    CHECK(index_arg(index, width, norm));
    CHECK(cat_table_current(vtx_current(s), c.d, c.t, &cur));
    err = index_info(s, c.d, cur, norm, pv, cb, level, width);
done:
    cat_table_release(cur);
    api_cursor_put(&c);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetGetTableIndexInfoA(JET_SESID sesid, JET_TABLEID tableid,
                                           JET_PCSTR szIndexName, void *pvResult,
                                           uint32_t cbResult, uint32_t InfoLevel)
{
    return table_index_info(sesid, tableid, szIndexName, pvResult, cbResult, InfoLevel, 0);
}
JETDB_EXPORT JET_ERR JetGetTableIndexInfoW(JET_SESID sesid, JET_TABLEID tableid,
                                           JET_PCWSTR szIndexName, void *pvResult,
                                           uint32_t cbResult, uint32_t InfoLevel)
{
    return table_index_info(sesid, tableid, szIndexName, pvResult, cbResult, InfoLevel,
                            API_WIDE32);
}
JETDB_EXPORT JET_ERR JetGetTableIndexInfoW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                               JET_PCWSTR szIndexName, void *pvResult,
                                               uint32_t cbResult, uint32_t InfoLevel)
{
    return table_index_info(sesid, tableid, szIndexName, pvResult, cbResult, InfoLevel,
                            API_WIDE16);
}

static JET_ERR get_index_info(JET_SESID sesid, JET_DBID dbid, const void *table,
                              const void *index, void *pv, uint32_t cb, uint32_t level,
                              size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    db *d = NULL;
    cat_table *t = NULL;
    char norm[CAT_NAME_MAX + 1];
    CHECK(named_table(s, dbid, table, width, &d, &t));
    CHECK(index_arg(index, width, norm));
    err = index_info(s, d, t, norm, pv, cb, level, width);
done:
    cat_table_release(t);
    db_unpin(d);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetGetIndexInfoA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                      JET_PCSTR szIndexName, void *pvResult, uint32_t cbResult,
                                      uint32_t InfoLevel)
{
    return get_index_info(sesid, dbid, szTableName, szIndexName, pvResult, cbResult, InfoLevel,
                          0);
}
JETDB_EXPORT JET_ERR JetGetIndexInfoW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                      JET_PCWSTR szIndexName, void *pvResult, uint32_t cbResult,
                                      uint32_t InfoLevel)
{
    return get_index_info(sesid, dbid, szTableName, szIndexName, pvResult, cbResult, InfoLevel,
                          API_WIDE32);
}
JETDB_EXPORT JET_ERR JetGetIndexInfoW_u16(JET_SESID sesid, JET_DBID dbid,
                                          JET_PCWSTR szTableName, JET_PCWSTR szIndexName,
                                          void *pvResult, uint32_t cbResult, uint32_t InfoLevel)
{
    return get_index_info(sesid, dbid, szTableName, szIndexName, pvResult, cbResult, InfoLevel,
                          API_WIDE16);
}

/* ---- table information -------------------------------------------------------------- */

/* Pages the table's trees occupy (data, long values, secondary indexes). */
static JET_ERR table_pages(db *d, const cat_table *t, uint32_t *pages)
{
    uint64_t n = 0;
    uint32_t ids[2 + 64];
    size_t nids = 0;
    ids[nids++] = t->objid;
    ids[nids++] = t->lv_objid;
    for (size_t i = 0; i < t->nidx && nids < JET_ARRAY_LEN(ids); i++)
        if (!t->idx[i].primary)
            ids[nids++] = t->idx[i].objid;
    for (size_t i = 0; i < nids; i++) {
        bt_tree *bt;
        CALL(st_tree_open(d->store, ids[i], &bt));
        bt_check_stats st;
        CALL(bt_check(bt, &st));
        n += st.leaf_pages + st.internal_pages + st.lv_pages;
    }
    *pages = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    return JET_errSuccess;
}

/* cRecord / cPage: the table's statistics as JetComputeStats last stored
 * them (0 before it ever ran), as ESE reports them; st NULL: none. */
static void fill_objectinfo(JET_OBJECTINFO *oi, JET_GRBIT flags, bool updatable,
                            const cat_stats *st)
{
    memset(oi, 0, sizeof *oi);
    oi->cbStruct = sizeof *oi;
    oi->objtyp = JET_objtypTable;
    oi->grbit = JET_bitTableInfoBookmark | JET_bitTableInfoRollback;
    if (updatable)
        oi->grbit |= JET_bitTableInfoUpdatable;
    oi->flags = flags;
    if (st != NULL) {
        oi->cRecord = st->items;
        oi->cPage = st->pages;
    }
}

static JET_ERR table_info(JET_SESID sesid, JET_TABLEID tableid, void *pv, uint32_t cb,
                          uint32_t level, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    cat_table *t = NULL;
    CHECK(api_cursor_get(s, tableid, &c));
    if (pv == NULL && cb > 0) {
        err = JET_errInvalidParameter;
        goto done;
    }
    CHECK(cat_table_current(vtx_current(s), c.d, c.t, &t));
    bool updatable = !(c.grbit & JET_bitTableReadOnly) && !c.d->read_only;
    switch (level) {
    case JET_TblInfo:
        if (cb < sizeof(JET_OBJECTINFO)) {
            err = JET_errBufferTooSmall;
            break;
        }
        if (t->temp) {
            err = JET_errObjectNotFound;
            break;
        }
        cat_stats st;
        err = cat_get_stats(vtx_current(s), c.d, t->objid, t->objid, &st);
        if (err >= 0)
            fill_objectinfo(pv, t->flags, updatable, &st);
        break;
    case JET_TblInfoName:
    case JET_TblInfoMostMany:
        err = t->temp ? JET_errInvalidOperation : put_name(t->name, pv, cb, width);
        break;
    case JET_TblInfoDbid:
        if (t->temp)
            err = JET_errInvalidOperation;
        else if (cb < sizeof(JET_DBID))
            err = JET_errBufferTooSmall;
        else {
            *(JET_DBID *)pv = c.d->dbid;
            err = JET_errSuccess;
        }
        break;
    case JET_TblInfoTemplateTableName:
        if (t->temp)
            err = JET_errInvalidOperation;
        else if (cb <= JET_cbNameMost * (width ? width : 1))
            err = JET_errBufferTooSmall;
        else
            err = put_name("", pv, cb, width);   /* not derived from a template */
        break;
    case JET_TblInfoRvt:
        err = API_errQueryNotSupported;
        break;
    case JET_TblInfoOLC:
    case JET_TblInfoResetOLC:
    case JET_TblInfoDumpTable:
        err = JET_errFeatureNotAvailable;
        break;
    case JET_TblInfoSpaceAlloc:
        if (cb < 2 * sizeof(uint32_t)) {
            err = JET_errBufferTooSmall;
            break;
        }
        ((uint32_t *)pv)[0] = t->pages;
        ((uint32_t *)pv)[1] = t->density;
        err = JET_errSuccess;
        break;
    case JET_TblInfoSpaceOwned:
    case JET_TblInfoSpaceAvailable:
    case JET_TblInfoSpaceUsage: {
        size_t need = level == JET_TblInfoSpaceUsage ? 2 * sizeof(uint32_t) : sizeof(uint32_t);
        if (cb < need) {
            err = level == JET_TblInfoSpaceAvailable ? JET_errInvalidBufferSize
                                                     : JET_errBufferTooSmall;
            break;
        }
        uint32_t owned = 0;
        /* Trees take pages one at a time from the database: none is held
         * in reserve, so nothing is "available" inside a table. */
        err = level == JET_TblInfoSpaceAvailable ? JET_errSuccess : table_pages(c.d, t, &owned);
        if (err < 0)
            break;
        if (level == JET_TblInfoSpaceOwned) {
            *(uint32_t *)pv = owned;
        } else if (level == JET_TblInfoSpaceAvailable) {
            *(uint32_t *)pv = 0;
        } else {
            ((uint32_t *)pv)[0] = owned;
            ((uint32_t *)pv)[1] = 0;
        }
        break;
    }
    default:
        err = JET_errInvalidParameter;
        break;
    }
done:
    cat_table_release(t);
    api_cursor_put(&c);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetGetTableInfoA(JET_SESID sesid, JET_TABLEID tableid, void *pvResult,
                                      uint32_t cbMax, uint32_t InfoLevel)
{
    return table_info(sesid, tableid, pvResult, cbMax, InfoLevel, 0);
}
JETDB_EXPORT JET_ERR JetGetTableInfoW(JET_SESID sesid, JET_TABLEID tableid, void *pvResult,
                                      uint32_t cbMax, uint32_t InfoLevel)
{
    return table_info(sesid, tableid, pvResult, cbMax, InfoLevel, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetGetTableInfoW_u16(JET_SESID sesid, JET_TABLEID tableid, void *pvResult,
                                          uint32_t cbMax, uint32_t InfoLevel)
{
    return table_info(sesid, tableid, pvResult, cbMax, InfoLevel, API_WIDE16);
}

/* ---- JetComputeStats ------------------------------------------------------------------ */

/* Count every tree of the table (data tree = primary index, then each
 * secondary index) and store the figures in the catalog, where
 * JetGetTableInfo, JetGetObjectInfo and the index lists read them. */
static JET_ERR compute_stats(vtx *x, db *d, cat_table *t)
{
    cat_table *cur;
    CALL(cat_table_current(x, d, t, &cur));
    JET_ERR err = JET_errSuccess;
    cat_stats st;
    /* JET_DATESERIAL: days since 1899-12-30 (UTC) */
    double when = (double)time(NULL) / 86400.0 + 25569.0;
    for (size_t i = 0; i <= cur->nidx; i++) {
        const cat_index *ix = i < cur->nidx ? &cur->idx[i] : NULL;
        if (ix != NULL && ix->primary)
            continue;   /* counted as the data tree (i == nidx) */
        memset(&st, 0, sizeof st);
        st.when = when;
        CHECK(isam_tree_stats(x, d, cur, ix, &st.items, &st.keys, &st.pages));
        CHECK(cat_put_stats(x, d, cur, ix != NULL ? ix->objid : cur->objid, &st));
    }
done:
    cat_table_release(cur);
    return err;
}

JETDB_EXPORT JET_ERR JetComputeStats(JET_SESID sesid, JET_TABLEID tableid)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    vtx *x = NULL;
    CHECK(api_cursor_get(s, tableid, &c));
    if (c.t->temp) {
        err = JET_errIllegalOperation;   /* ESE: temporary tables keep no statistics */
        goto done;
    }
    CHECK(api_ddl_begin(s, &x));
    err = api_ddl_end(s, x, compute_stats(x, c.d, c.t), true);   /* ESE commits lazily */
done:
    api_cursor_put(&c);
    sess_gate_leave(s);
    return err;
}

/* ---- object information ---------------------------------------------------------------- */

static const JET_COLUMNDEF g_objdefs[] = {
    { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 0, 0, 0, JET_bitColumnTTKey },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypText, 0, 0, 0, 0, 0, JET_bitColumnTTKey },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypDateTime, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypDateTime, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
    { sizeof(JET_COLUMNDEF), 0, JET_coltypLong, 0, 0, 0, 0, 0, JET_bitColumnFixed },
};
enum { OI_CONTAINER, OI_NAME, OI_TYPE, OI_DTCREATE, OI_DTUPDATE, OI_CRECORD, OI_CPAGE,
       OI_GRBIT, OI_FLAGS, OI_COUNT };

static JET_ERR object_list(sess *s, db *d, JET_OBJTYP objtyp, void *pv, uint32_t cb,
                           bool stats, size_t width)
{
    if (cb < sizeof(JET_OBJECTLIST))
        return JET_errInvalidParameter;
    cat_tableinfo *list = NULL;
    size_t n = 0;
    if (objtyp == JET_objtypNil || objtyp == JET_objtypTable)
        CALL(cat_list_tables(vtx_current(s), d, &list, &n));
    rtab r;
    JET_ERR err = rtab_open(&r, s->handle, g_objdefs, OI_COUNT, width != 0,
                            JET_bitTTScrollable | JET_bitTTIndexed);
    if (err < 0) {
        free(list);
        return err;
    }
    JET_GRBIT grbit = JET_bitTableInfoBookmark | JET_bitTableInfoRollback;
    if (!d->read_only)
        grbit |= JET_bitTableInfoUpdatable;
    for (size_t i = 0; i < n; i++) {
        CHECK(rtab_begin(&r));
        CHECK(rtab_text(&r, OI_CONTAINER, CONTAINER_TABLES));
        CHECK(rtab_u32(&r, OI_TYPE, JET_objtypTable));
        CHECK(rtab_text(&r, OI_NAME, list[i].name));
        CHECK(rtab_u32(&r, OI_FLAGS, list[i].flags));
        cat_stats st = { 0 };
        if (stats)   /* JET_ObjInfoListNoStats leaves them 0 */
            CHECK(cat_get_stats(vtx_current(s), d, list[i].objid, list[i].objid, &st));
        CHECK(rtab_u32(&r, OI_CRECORD, st.items));
        CHECK(rtab_u32(&r, OI_CPAGE, st.pages));
        CHECK(rtab_u32(&r, OI_GRBIT, grbit));
        CHECK(rtab_end(&r));
    }
    CHECK(rtab_finish(&r));
    JET_OBJECTLIST *ol = pv;
    ol->cbStruct = sizeof *ol;
    ol->tableid = r.tableid;
    ol->cRecord = r.rows;
    ol->columnidcontainername = r.colid[OI_CONTAINER];
    ol->columnidobjectname = r.colid[OI_NAME];
    ol->columnidobjtyp = r.colid[OI_TYPE];
    ol->columniddtCreate = r.colid[OI_DTCREATE];
    ol->columniddtUpdate = r.colid[OI_DTUPDATE];
    ol->columnidgrbit = r.colid[OI_GRBIT];
    ol->columnidflags = r.colid[OI_FLAGS];
    ol->columnidcRecord = r.colid[OI_CRECORD];
    ol->columnidcPage = r.colid[OI_CPAGE];
    free(list);
    return JET_errSuccess;
done:
    rtab_abort(&r);
    free(list);
    return err;
}

static JET_ERR object_info(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp,
                           const void *container, const void *object, void *pv, uint32_t cb,
                           uint32_t level, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    db *d = NULL;
    cat_table *t = NULL;
    const char *cn, *on;
    char *ct = NULL, *ot = NULL;
    char cnorm[CAT_NAME_MAX + 1], onorm[CAT_NAME_MAX + 1] = "";
    CHECK(db_pin_opened(s, dbid, &d));
    CHECK(api_name(container, width, &cn, &ct));
    if (cn != NULL && cn[0] != '\0') {
        CHECK(cat_check_name(cn, cnorm));
        if (cat_name_cmp(cnorm, CONTAINER_TABLES) != 0) {
            err = JET_errObjectNotFound;   /* "Tables" is the only container */
            goto done;
        }
    }
    CHECK(api_name(object, width, &on, &ot));
    if (on != NULL && on[0] != '\0')
        CHECK(cat_check_name(on, onorm));
    if (pv == NULL) {
        err = JET_errInvalidParameter;
        goto done;
    }
    switch (level) {
    case JET_ObjInfo:
    case JET_ObjInfoNoStats:
        if (cb < sizeof(JET_OBJECTINFO)) {
            err = JET_errBufferTooSmall;
            break;
        }
        err = onorm[0] ? cat_table_get(vtx_current(s), d, onorm, &t) : JET_errObjectNotFound;
        if (err >= 0) {
            /* JET_ObjInfoNoStats leaves the statistics out (ESE) */
            cat_stats st;
            if (level == JET_ObjInfo)
                err = cat_get_stats(vtx_current(s), d, t->objid, t->objid, &st);
            if (err >= 0)
                fill_objectinfo(pv, t->flags, !d->read_only,
                                level == JET_ObjInfo ? &st : NULL);
        }
        break;
    case JET_ObjInfoList:
    case JET_ObjInfoListNoStats:
        err = object_list(s, d, objtyp, pv, cb, level == JET_ObjInfoList, width);
        break;
    default:
        err = JET_errInvalidParameter;
        break;
    }
done:
    cat_table_release(t);
    db_unpin(d);
    free(ct);
    free(ot);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetGetObjectInfoA(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp,
                                       JET_PCSTR szContainerName, JET_PCSTR szObjectName,
                                       void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return object_info(sesid, dbid, objtyp, szContainerName, szObjectName, pvResult, cbMax,
                       InfoLevel, 0);
}
JETDB_EXPORT JET_ERR JetGetObjectInfoW(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp,
                                       JET_PCWSTR szContainerName, JET_PCWSTR szObjectName,
                                       void *pvResult, uint32_t cbMax, uint32_t InfoLevel)
{
    return object_info(sesid, dbid, objtyp, szContainerName, szObjectName, pvResult, cbMax,
                       InfoLevel, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetGetObjectInfoW_u16(JET_SESID sesid, JET_DBID dbid, JET_OBJTYP objtyp,
                                           JET_PCWSTR szContainerName,
                                           JET_PCWSTR szObjectName, void *pvResult,
                                           uint32_t cbMax, uint32_t InfoLevel)
{
    return object_info(sesid, dbid, objtyp, szContainerName, szObjectName, pvResult, cbMax,
                       InfoLevel, API_WIDE16);
}
