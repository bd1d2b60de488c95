/*
 * cat_temp.c: the schema of a temporary table (JetOpenTempTable*,
 * JetOpenTemporaryTable*).  It lives only in memory: columns get their ids
 * as ESE hands them out, the JET_bitColumnTTKey columns form the primary
 * index (no name), and the table's trees sit in the instance's temporary
 * database until the last pin of the schema goes (cat_table_release).
 */
#include <stdlib.h>
#include <string.h>

#include "catalog/cat_int.h"
#include "db/db.h"
#include "inst/inst.h"
#include "inst/param.h"
#include "record/key.h"
#include "record/record.h"
#include "store/store.h"
#include "util/err.h"

#define LCMAP_SORTKEY_ 0x00000400u
#define LCMAP_UPPERCASE_ 0x00000200u
#define TT_BITS                                                                          \
    (JET_bitTTIndexed | JET_bitTTUnique | JET_bitTTUpdatable | JET_bitTTScrollable |     \
     JET_bitTTSortNullsHigh | JET_bitTTForceMaterialization | JET_bitTTForwardOnly |     \
     JET_bitTTIntrinsicLVsOnly | JET_bitTTDotNetGuid)

JET_ERR cat_temp_table(struct db *tdb, const JET_COLUMNDEF *cols, uint32_t ncols,
                       uint32_t lcid, uint32_t map_flags, JET_GRBIT grbit, uint32_t cbKeyMost,
                       uint32_t cbVarSegMac, JET_COLUMNID *colids, cat_table **out)
{
    *out = NULL;
    if (grbit & ~(JET_GRBIT)TT_BITS)
        return JET_errInvalidGrbit;
    if ((grbit & JET_bitTTForwardOnly) &&
        (grbit & (JET_bitTTIndexed | JET_bitTTUpdatable | JET_bitTTScrollable |
                  JET_bitTTForceMaterialization)))
        return JET_errCannotMaterializeForwardOnlySort;
    if ((cbKeyMost != 0 && cbKeyMost < JET_cbKeyMostMin) ||
        cbKeyMost > cat_key_most_for_page(tdb->page_size))
        return JET_errInvalidParameter;
    if ((cbKeyMost != 0 && cbVarSegMac > cbKeyMost) ||
        (cbKeyMost == 0 && cbVarSegMac > JET_cbKeyMostMin))
        return JET_errInvalidParameter;

    /* Column ids first, in ESE's order: tagged (or long), fixed, variable. */
    cat_trow tr;
    memset(&tr, 0, sizeof tr);
    tr.fixed_last = REC_FIXED_FIRST - 1;
    tr.var_last = REC_VAR_FIRST - 1;
    tr.tagged_last = REC_TAGGED_FIRST - 1;
    cat_table *t = cat_table_alloc();
    if (t == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = JET_errSuccess;
    bool has_lv = false;
    cat_index ix;
    memset(&ix, 0, sizeof ix);
    t->cols = calloc(ncols ? ncols : 1, sizeof *t->cols);
    if (t->cols == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    uint32_t fixed_bytes = 0;
    for (uint32_t i = 0; i < ncols; i++) {
        const JET_COLUMNDEF *cd = &cols[i];
        cat_column *c = &t->cols[i];
        JET_COLTYP coltyp = cd->coltyp;
        if (coltyp == JET_coltypNil || coltyp >= JET_coltypMax || coltyp == JET_coltypSLV) {
            err = JET_errInvalidColumnType;
            goto done;
        }
        bool tagged = (cd->grbit & JET_bitColumnTagged) || cat_coltyp_long(coltyp);
        bool fixed = !tagged && ((cd->grbit & JET_bitColumnFixed) || rec_fixed_size(coltyp));
        c->def.coltyp = coltyp;
        c->def.grbit = tagged ? JET_bitColumnTagged : fixed ? JET_bitColumnFixed : 0;
        c->def.grbit |= cd->grbit & (JET_bitColumnMultiValued | JET_bitColumnNotNULL |
                                     JET_bitColumnTTKey | JET_bitColumnTTDescending);
        CHECK(cat_next_colid(&tr, c, &c->def.colid));
        colids[i] = c->def.colid;
        if (cat_coltyp_text(coltyp)) {
            if (cd->cp == 0 || cd->cp == 1252)
                c->def.cp = 1252;
            else if (cd->cp == 1200)
                c->def.cp = 1200;
            else {
                err = JET_errInvalidCodePage;
                goto done;
            }
        }
        uint32_t fs = rec_fixed_size(coltyp);
        if (fs)
            c->def.cbMax = fs;
        else if (cat_coltyp_long(coltyp))
            c->def.cbMax = cd->cbMax;
        else
            c->def.cbMax = cd->cbMax == 0 || cd->cbMax > JET_cbColumnMost ? JET_cbColumnMost
                                                                          : cd->cbMax;
        if (fixed)
            fixed_bytes += c->def.cbMax;
        has_lv |= cat_coltyp_long(coltyp);
        t->ncols++;
        /* The key: the TTKey columns in their order, sixteen at most. */
        if ((cd->grbit & JET_bitColumnTTKey) && ix.nseg < JET_ccolKeyMost) {
            ix.seg[ix.nseg].colid = c->def.colid;
            ix.seg[ix.nseg].seg.descending = (cd->grbit & JET_bitColumnTTDescending) != 0;
            ix.nseg++;
        }
    }
    if ((grbit & JET_bitTTForwardOnly) &&
        (ix.nseg == 0 || (has_lv && !(grbit & JET_bitTTIntrinsicLVsOnly)))) {
        /* Only a sort may be forward-only; these need a real table. */
        err = JET_errCannotMaterializeForwardOnlySort;
        goto done;
    }
    if (fixed_bytes > cat_record_most(tdb->page_size)) {
        err = JET_errRecordTooBig;
        goto done;
    }
    /* The columns in id order for lookups (ids are not given in order). */
    for (size_t i = 1; i < t->ncols; i++)
        for (size_t j = i; j > 0 && t->cols[j - 1].def.colid > t->cols[j].def.colid; j--) {
            cat_column tmp = t->cols[j];
            t->cols[j] = t->cols[j - 1];
            t->cols[j - 1] = tmp;
        }

    if (ix.nseg > 0) {
        JET_UNICODEINDEX def = { 0x0409, 0x00030401 };
        (void)par_get(tdb->owner, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&def, NULL,
                      sizeof def, NULL);
        ix.lcid = def.lcid;
        ix.map_flags = def.dwMapFlags;
        if (lcid != 0 || map_flags != 0) {
            if (lcid != 0 && lcid != 0x0400 && lcid != 0x0800)
                ix.lcid = lcid;
            if (map_flags != 0)
                ix.map_flags = map_flags == LCMAP_UPPERCASE_ ? map_flags
                                                             : map_flags | LCMAP_SORTKEY_;
            CHECK(key_check_unicode(ix.lcid, ix.map_flags));
        }
        ix.primary = true;
        /* A temporary table keeps one record per key, except a forward-only
         * sort that was not asked to drop duplicates (ESE). */
        ix.unique = !((grbit & JET_bitTTForwardOnly) && !(grbit & JET_bitTTUnique));
        ix.cbKeyMost = cbKeyMost ? cbKeyMost : JET_cbKeyMostMin;
        ix.cbVarSegMac = cbVarSegMac && cbVarSegMac < ix.cbKeyMost ? cbVarSegMac : 0;
        ix.grbit = JET_bitIndexPrimary | (ix.unique ? JET_bitIndexUnique : 0) |
                   (grbit & JET_bitTTSortNullsHigh ? JET_bitIndexSortNullsHigh : 0) |
                   (grbit & JET_bitTTDotNetGuid ? JET_bitIndexDotNetGuid : 0) |
                   (ix.cbKeyMost > JET_cbKeyMost ? JET_bitIndexKeyMost : 0);
        ix.density = 100;
        t->idx = calloc(1, sizeof *t->idx);
        if (t->idx == NULL) {
            err = JET_errOutOfMemory;
            goto done;
        }
        t->idx[0] = ix;
        t->nidx = 1;
        t->primary = 0;
    }

    /* The trees, outside any transaction: nothing of a temporary table
     * survives its cursor. */
    CHECK(st_tree_create(tdb->store, 0, &t->objid));
    err = st_tree_create(tdb->store, 0, &t->lv_objid);
    if (err < 0) {
        (void)st_tree_drop(tdb->store, t->objid);
        goto done;
    }
    if (t->nidx > 0)
        t->idx[0].objid = t->objid;
    t->temp = true;
    t->tt_grbit = grbit;
    t->density = 100;
    t->version = 1;
    atomic_fetch_add(&tdb->pins, 1);
    t->tdb = tdb;
    cat_table_link_segments(t);
    *out = t;
    return JET_errSuccess;
done:
    cat_table_release(t);
    return err;
}
