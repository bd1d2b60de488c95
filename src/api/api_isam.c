/*
 * api_isam.c: exported cursor, record and navigation entry points —
 * JetCloseTable, JetDupCursor, JetPrepareUpdate, JetSetColumn(s),
 * JetUpdate(2), JetRetrieveColumn(s), JetRetrieveKey, JetEnumerateColumns,
 * JetDelete, JetGetLock, JetEscrowUpdate, JetMove, JetMakeKey, JetSeek,
 * JetSetIndexRange, JetSetCurrentIndex(2,3,4), JetGetCurrentIndex,
 * bookmarks, record positions, JetIndexRecordCount, JetGetCursorInfo.
 * Validation and dispatch only; src/isam does the work.
 */
#include "api/api.h"

#include <stdlib.h>
#include <string.h>

#include "api/api_w16.h"
#include "inst/inst.h"
#include "isam/isam_int.h"
#include "util/utf.h"

/* Pass the session gate and find the cursor; pair with leave(). */
static JET_ERR enter(JET_SESID sesid, JET_TABLEID tableid, unsigned flags, sess **s,
                     isam_cursor **c)
{
    CALL(sess_gate_enter(sesid, flags, s));
    JET_ERR err = isam_cursor_get(*s, tableid, c);
    if (err < 0) {
        sess_gate_leave(*s);
        return err;
    }
    return JET_errSuccess;
}

static void leave(sess *s, isam_cursor *c)
{
    isam_cursor_put(c);
    sess_gate_leave(s);
}

/* ---- cursors ---------------------------------------------------------------------- */

JETDB_EXPORT JET_ERR JetCloseTable(JET_SESID sesid, JET_TABLEID tableid)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, GATE_IGNORE_STOP_SERVICE, &s, &c));
    JET_ERR err = isam_cursor_close(c);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetDupCursor(JET_SESID sesid, JET_TABLEID tableid, JET_TABLEID *ptableid,
                                  JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = ptableid == NULL ? JET_errInvalidParameter
                                   : isam_cursor_dup(c, grbit, ptableid);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetGetCursorInfo(JET_SESID sesid, JET_TABLEID tableid, void *pvResult,
                                      uint32_t cbMax, uint32_t InfoLevel)
{
    (void)pvResult;
    (void)cbMax;
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = InfoLevel != 0 ? JET_errInvalidParameter : isam_cursor_info(c);
    leave(s, c);
    return err;
}

/* ---- updates ------------------------------------------------------------------------ */

JETDB_EXPORT JET_ERR JetPrepareUpdate(JET_SESID sesid, JET_TABLEID tableid, uint32_t prep)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = isam_prepare(c, prep);
    if (err >= 0 && c->prep != PREP_NONE) {
        /* a rollback of this level cancels the update (ESE) */
        c->prep_level = vtx_level(s);
        isam_cursor_note_level(c);
    }
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetSetColumn(JET_SESID sesid, JET_TABLEID tableid, JET_COLUMNID columnid,
                                  const void *pvData, uint32_t cbData, JET_GRBIT grbit,
                                  JET_SETINFO *psetinfo)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err;
    if (psetinfo != NULL && psetinfo->cbStruct < sizeof(JET_SETINFO))
        err = JET_errInvalidParameter;
    else
        err = isam_set_column(c, columnid, pvData, cbData, grbit,
                              psetinfo != NULL ? psetinfo->itagSequence : 1,
                              psetinfo != NULL ? psetinfo->ibLongValue : 0);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetSetColumns(JET_SESID sesid, JET_TABLEID tableid,
                                   JET_SETCOLUMN *psetcolumn, uint32_t csetcolumn)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = JET_errSuccess;
    if (psetcolumn == NULL && csetcolumn > 0)
        err = JET_errInvalidParameter;
    for (uint32_t i = 0; i < csetcolumn && err >= 0; i++) {
        JET_SETCOLUMN *sc = &psetcolumn[i];
        err = isam_set_column(c, sc->columnid, sc->pvData, sc->cbData, sc->grbit,
                              sc->itagSequence, sc->ibLongValue);
        sc->err = err;
    }
    leave(s, c);
    return err;
}

static JET_ERR update(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                      uint32_t cbBookmark, uint32_t *pcbActual, JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = isam_update(c, cbBookmark > 0 ? pvBookmark : NULL, cbBookmark, pcbActual,
                              grbit);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetUpdate(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                               uint32_t cbBookmark, uint32_t *pcbActual)
{
    return update(sesid, tableid, pvBookmark, cbBookmark, pcbActual, 0);
}

JETDB_EXPORT JET_ERR JetUpdate2(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                                uint32_t cbBookmark, uint32_t *pcbActual, const JET_GRBIT grbit)
{
    return update(sesid, tableid, pvBookmark, cbBookmark, pcbActual, grbit);
}

JETDB_EXPORT JET_ERR JetDelete(JET_SESID sesid, JET_TABLEID tableid)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = isam_delete(c);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetGetLock(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = isam_get_lock(c, grbit);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetEscrowUpdate(JET_SESID sesid, JET_TABLEID tableid,
                                     JET_COLUMNID columnid, void *pv, uint32_t cbMax,
                                     void *pvOld, uint32_t cbOldMax, uint32_t *pcbOldActual,
                                     JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = pv == NULL ? JET_errInvalidParameter
                             : isam_escrow_update(c, columnid, pv, cbMax, pvOld, cbOldMax,
                                                  pcbOldActual, grbit);
    leave(s, c);
    return err;
}

/* ---- retrieval ----------------------------------------------------------------------- */

JETDB_EXPORT JET_ERR JetRetrieveColumn(JET_SESID sesid, JET_TABLEID tableid,
                                       JET_COLUMNID columnid, void *pvData, uint32_t cbData,
                                       uint32_t *pcbActual, JET_GRBIT grbit,
                                       JET_RETINFO *pretinfo)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err;
    if (pretinfo != NULL && pretinfo->cbStruct < sizeof(JET_RETINFO)) {
        err = JET_errInvalidParameter;
    } else {
        uint32_t itag = pretinfo != NULL ? pretinfo->itagSequence : 1;
        JET_COLUMNID next = 0;
        err = isam_retrieve_column(c, columnid, pvData, cbData, pcbActual, grbit,
                                   pretinfo != NULL ? pretinfo->ibLongValue : 0, &itag, &next);
        if (pretinfo != NULL && err >= 0) {
            pretinfo->columnidNextTagged = next;
            if (columnid == 0 || (grbit & JET_bitRetrieveTag))
                pretinfo->itagSequence = itag;
        }
    }
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetRetrieveColumns(JET_SESID sesid, JET_TABLEID tableid,
                                        JET_RETRIEVECOLUMN *pretrievecolumn,
                                        uint32_t cretrievecolumn)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = JET_errSuccess;
    if (pretrievecolumn == NULL && cretrievecolumn > 0)
        err = JET_errInvalidParameter;
    for (uint32_t i = 0; i < cretrievecolumn && err >= 0; i++) {
        JET_RETRIEVECOLUMN *rc = &pretrievecolumn[i];
        JET_ERR e;
        if (rc->itagSequence == 0 && rc->columnid != 0) {
            /* itagSequence 0: how many values the column has */
            uint32_t n = 0;
            e = isam_count_column(c, rc->columnid, rc->grbit, &n);
            if (e >= 0) {
                rc->itagSequence = n;
                rc->cbActual = 0;
            }
        } else {
            uint32_t itag = rc->itagSequence;
            JET_COLUMNID next = 0;
            e = isam_retrieve_column(c, rc->columnid, rc->pvData, rc->cbData, &rc->cbActual,
                                     rc->grbit, rc->ibLongValue, &itag, &next);
            if (e >= 0) {
                rc->columnidNextTagged = next;
                if (rc->columnid == 0 || (rc->grbit & JET_bitRetrieveTag))
                    rc->itagSequence = itag;
            }
        }
        rc->err = e;
        if (e < 0)
            err = e;
    }
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetRetrieveKey(JET_SESID sesid, JET_TABLEID tableid, void *pvKey,
                                    uint32_t cbMax, uint32_t *pcbActual, JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = (grbit & ~(JET_GRBIT)JET_bitRetrieveCopy)
                      ? JET_errInvalidGrbit
                      : isam_retrieve_key(c, pvKey, cbMax, pcbActual, grbit);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetEnumerateColumns(JET_SESID sesid, JET_TABLEID tableid,
                                         uint32_t cEnumColumnId,
                                         JET_ENUMCOLUMNID *rgEnumColumnId,
                                         uint32_t *pcEnumColumn, JET_ENUMCOLUMN **prgEnumColumn,
                                         JET_PFNREALLOC pfnRealloc, void *pvReallocContext,
                                         uint32_t cbDataMost, JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err;
    if (pcEnumColumn == NULL || prgEnumColumn == NULL || pfnRealloc == NULL ||
        (cEnumColumnId > 0 && rgEnumColumnId == NULL))
        err = JET_errInvalidParameter;
    else
        err = isam_enumerate_columns(c, cEnumColumnId, rgEnumColumnId, pcEnumColumn,
                                     prgEnumColumn, pfnRealloc, pvReallocContext, cbDataMost,
                                     grbit);
    leave(s, c);
    return err;
}

/* ---- navigation ----------------------------------------------------------------------- */

JETDB_EXPORT JET_ERR JetMove(JET_SESID sesid, JET_TABLEID tableid, int32_t cRow,
                             JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = (grbit & ~(JET_GRBIT)JET_bitMoveKeyNE) ? JET_errInvalidGrbit
                                                         : isam_move(c, cRow, grbit);
    leave(s, c);
    return err;
}

#define MAKEKEY_BITS                                                                    \
    (JET_bitNewKey | JET_bitStrLimit | JET_bitSubStrLimit | JET_bitNormalizedKey |    \
     JET_bitKeyDataZeroLength | JET_bitFullColumnStartLimit | JET_bitFullColumnEndLimit | \
     JET_bitPartialColumnStartLimit | JET_bitPartialColumnEndLimit)

JETDB_EXPORT JET_ERR JetMakeKey(JET_SESID sesid, JET_TABLEID tableid, const void *pvData,
                                uint32_t cbData, JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err;
    if (grbit & ~(JET_GRBIT)MAKEKEY_BITS)
        err = JET_errInvalidGrbit;
    else if (cbData > 0 && pvData == NULL)
        err = JET_errInvalidParameter;
    else
        err = isam_make_key(c, pvData, cbData, grbit);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetSeek(JET_SESID sesid, JET_TABLEID tableid, JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    const JET_GRBIT ops = grbit & (JET_bitSeekEQ | JET_bitSeekLT | JET_bitSeekLE |
                                   JET_bitSeekGE | JET_bitSeekGT);
    const JET_GRBIT known = ops | JET_bitSetIndexRange | JET_bitCheckUniqueness;
    JET_ERR err;
    if ((grbit & ~known) != 0 || ops == 0 || (ops & (ops - 1)) != 0 ||
        ((grbit & JET_bitSetIndexRange) && ops != JET_bitSeekEQ))
        err = JET_errInvalidGrbit;
    else
        err = isam_seek(c, grbit);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetSetIndexRange(JET_SESID sesid, JET_TABLEID tableidSrc, JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableidSrc, 0, &s, &c));
    JET_ERR err = (grbit & ~(JET_GRBIT)(JET_bitRangeInclusive | JET_bitRangeUpperLimit |
                                        JET_bitRangeInstantDuration | JET_bitRangeRemove))
                      ? JET_errInvalidGrbit
                      : isam_set_index_range(c, grbit);
    leave(s, c);
    return err;
}

/* ---- current index ------------------------------------------------------------------- */

static JET_ERR set_index(JET_SESID sesid, JET_TABLEID tableid, const char *name,
                         JET_INDEXID *pindexid, JET_GRBIT grbit, uint32_t itag)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err;
    if (grbit != JET_bitMoveFirst && grbit != JET_bitNoMove)
        err = JET_errInvalidGrbit;
    else if (name != NULL && strlen(name) > CAT_NAME_MAX)
        err = JET_errIndexNotFound;
    else
        err = isam_set_current_index(c, name, pindexid, grbit, itag);
    leave(s, c);
    return err;
}

static JET_ERR set_index_w(JET_SESID sesid, JET_TABLEID tableid, const void *name,
                           JET_INDEXID *pindexid, JET_GRBIT grbit, uint32_t itag, size_t width)
{
    char *a = NULL;
    JET_ERR err = api_wide_arg(name, width, &a);
    if (err >= 0)
        err = set_index(sesid, tableid, a, pindexid, grbit, itag);
    free(a);
    return err;
}

JETDB_EXPORT JET_ERR JetSetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid,
                                         JET_PCSTR szIndexName)
{
    return set_index(sesid, tableid, szIndexName, NULL, JET_bitMoveFirst, 1);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndexW(JET_SESID sesid, JET_TABLEID tableid,
                                         JET_PCWSTR szIndexName)
{
    return set_index_w(sesid, tableid, szIndexName, NULL, JET_bitMoveFirst, 1, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndexW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                             JET_PCWSTR szIndexName)
{
    return set_index_w(sesid, tableid, szIndexName, NULL, JET_bitMoveFirst, 1, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex2A(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCSTR szIndexName, JET_GRBIT grbit)
{
    return set_index(sesid, tableid, szIndexName, NULL, grbit, 1);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex2W(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCWSTR szIndexName, JET_GRBIT grbit)
{
    return set_index_w(sesid, tableid, szIndexName, NULL, grbit, 1, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex2W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                              JET_PCWSTR szIndexName, JET_GRBIT grbit)
{
    return set_index_w(sesid, tableid, szIndexName, NULL, grbit, 1, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex3A(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCSTR szIndexName, JET_GRBIT grbit,
                                          uint32_t itagSequence)
{
    return set_index(sesid, tableid, szIndexName, NULL, grbit, itagSequence);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex3W(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCWSTR szIndexName, JET_GRBIT grbit,
                                          uint32_t itagSequence)
{
    return set_index_w(sesid, tableid, szIndexName, NULL, grbit, itagSequence, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex3W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                              JET_PCWSTR szIndexName, JET_GRBIT grbit,
                                              uint32_t itagSequence)
{
    return set_index_w(sesid, tableid, szIndexName, NULL, grbit, itagSequence, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex4A(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCSTR szIndexName, JET_INDEXID *pindexid,
                                          JET_GRBIT grbit, uint32_t itagSequence)
{
    return set_index(sesid, tableid, pindexid != NULL ? NULL : szIndexName, pindexid, grbit,
                     itagSequence);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex4W(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCWSTR szIndexName, JET_INDEXID *pindexid,
                                          JET_GRBIT grbit, uint32_t itagSequence)
{
    return set_index_w(sesid, tableid, pindexid != NULL ? NULL : szIndexName, pindexid, grbit,
                       itagSequence, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetSetCurrentIndex4W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                              JET_PCWSTR szIndexName, JET_INDEXID *pindexid,
                                              JET_GRBIT grbit, uint32_t itagSequence)
{
    return set_index_w(sesid, tableid, pindexid != NULL ? NULL : szIndexName, pindexid, grbit,
                       itagSequence, API_WIDE16);
}

JETDB_EXPORT JET_ERR JetGetCurrentIndexA(JET_SESID sesid, JET_TABLEID tableid,
                                         JET_PSTR szIndexName, uint32_t cbIndexName)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = szIndexName == NULL ? JET_errInvalidParameter
                                      : isam_get_current_index(c, szIndexName, cbIndexName);
    leave(s, c);
    return err;
}

static JET_ERR get_index_w(JET_SESID sesid, JET_TABLEID tableid, void *name, uint32_t cb,
                           size_t width)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    char a[CAT_NAME_MAX + 1];
    JET_ERR err = name == NULL ? JET_errInvalidParameter
                               : isam_get_current_index(c, a, sizeof a);
    if (err >= 0) {
        size_t need = 0;
        err = utf_utf8_to_wide(a, name, cb, width, &need);
        if (err == JET_errBufferTooSmall && cb >= width) {
            /* as much of the name as fits, terminated */
            char *w = malloc(need);
            if (w == NULL) {
                err = JET_errOutOfMemory;
            } else {
                err = utf_utf8_to_wide(a, w, need, width, NULL);
                if (err >= 0) {
                    size_t keep = (cb / width - 1) * width;
                    memcpy(name, w, keep);
                    memset((char *)name + keep, 0, width);
                    err = JET_wrnBufferTruncated;
                }
                free(w);
            }
        }
    }
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetGetCurrentIndexW(JET_SESID sesid, JET_TABLEID tableid,
                                         JET_PWSTR szIndexName, uint32_t cbIndexName)
{
    return get_index_w(sesid, tableid, szIndexName, cbIndexName, API_WIDE32);
}

JETDB_EXPORT JET_ERR JetGetCurrentIndexW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                             JET_PWSTR szIndexName, uint32_t cbIndexName)
{
    return get_index_w(sesid, tableid, szIndexName, cbIndexName, API_WIDE16);
}

/* ---- bookmarks and positions -------------------------------------------------------- */

JETDB_EXPORT JET_ERR JetGetBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                                    uint32_t cbMax, uint32_t *pcbActual)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = isam_get_bookmark(c, pvBookmark, cbMax, pcbActual);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetGotoBookmark(JET_SESID sesid, JET_TABLEID tableid, void *pvBookmark,
                                     uint32_t cbBookmark)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = isam_goto_bookmark(c, pvBookmark, cbBookmark);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetGetSecondaryIndexBookmark(JET_SESID sesid, JET_TABLEID tableid,
                                                  void *pvSecondaryKey,
                                                  uint32_t cbSecondaryKeyMax,
                                                  uint32_t *pcbSecondaryKeyActual,
                                                  void *pvPrimaryBookmark,
                                                  uint32_t cbPrimaryBookmarkMax,
                                                  uint32_t *pcbPrimaryBookmarkActual,
                                                  const JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = grbit != 0 ? JET_errInvalidGrbit
                             : isam_get_secondary_bookmark(
                                   c, pvSecondaryKey, cbSecondaryKeyMax, pcbSecondaryKeyActual,
                                   pvPrimaryBookmark, cbPrimaryBookmarkMax,
                                   pcbPrimaryBookmarkActual);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetGotoSecondaryIndexBookmark(JET_SESID sesid, JET_TABLEID tableid,
                                                   void *pvSecondaryKey, uint32_t cbSecondaryKey,
                                                   void *pvPrimaryBookmark,
                                                   uint32_t cbPrimaryBookmark,
                                                   const JET_GRBIT grbit)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = (grbit & ~(JET_GRBIT)JET_bitBookmarkPermitVirtualCurrency)
                      ? JET_errInvalidGrbit
                      : isam_goto_secondary_bookmark(c, pvSecondaryKey, cbSecondaryKey,
                                                     pvPrimaryBookmark, cbPrimaryBookmark,
                                                     grbit);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetGetRecordPosition(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_RECPOS *precpos, uint32_t cbRecpos)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = precpos == NULL || cbRecpos < sizeof(JET_RECPOS)
                      ? JET_errInvalidParameter
                      : isam_get_record_position(c, precpos, cbRecpos);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetGotoPosition(JET_SESID sesid, JET_TABLEID tableid, JET_RECPOS *precpos)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = precpos == NULL ? JET_errInvalidParameter : isam_goto_position(c, precpos);
    leave(s, c);
    return err;
}

JETDB_EXPORT JET_ERR JetIndexRecordCount(JET_SESID sesid, JET_TABLEID tableid, uint32_t *pcrec,
                                         uint32_t crecMax)
{
    sess *s;
    isam_cursor *c;
    CALL(enter(sesid, tableid, 0, &s, &c));
    JET_ERR err = pcrec == NULL ? JET_errInvalidParameter
                                : isam_index_record_count(c, pcrec, crecMax);
    leave(s, c);
    return err;
}
