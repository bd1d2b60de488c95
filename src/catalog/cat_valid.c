/*
 * cat_valid.c: validation of column and index definitions, in ESE's order
 * and with ESE's error codes (fcreate.cxx ErrFILEIValidateAddColumn,
 * ErrFILEIValidateCreateIndex and the per-segment checks of index
 * creation).  Shared by DDL on catalog tables and temporary tables.
 */
#include <string.h>

#include "catalog/cat_int.h"
#include "db/db.h"
#include "inst/inst.h"
#include "inst/param.h"
#include "record/key.h"
#include "record/record.h"
#include "util/err.h"

#define LCMAP_SORTKEY_ 0x00000400u
#define LCMAP_UPPERCASE_ 0x00000200u
#define DENSITY_DEFAULT 80u
#define DENSITY_LEAST 20u
#define DENSITY_MOST 100u
/* Tagged column ids end where JET_ccolMost columns in all would. */
#define TAGGED_LAST (REC_TAGGED_FIRST + JET_ccolTaggedMost - 1u)

/* Column grbits esent.h defines (JET_bitColumn*). */
#define COLUMN_BITS                                                                      \
    (JET_bitColumnFixed | JET_bitColumnTagged | JET_bitColumnNotNULL |                   \
     JET_bitColumnVersion | JET_bitColumnAutoincrement | JET_bitColumnUpdatable |        \
     JET_bitColumnTTKey | JET_bitColumnTTDescending | JET_bitColumnMultiValued |         \
     JET_bitColumnEscrowUpdate | JET_bitColumnUnversioned | JET_bitColumnMaybeNull |     \
     JET_bitColumnFinalize | JET_bitColumnUserDefinedDefault | JET_bitColumnDeleteOnZero | \
     JET_bitColumnCompressed)

/* What a column's stored grbit keeps (the rest only steer creation). */
#define COLUMN_KEPT_BITS                                                                 \
    (JET_bitColumnFixed | JET_bitColumnTagged | JET_bitColumnNotNULL |                   \
     JET_bitColumnVersion | JET_bitColumnAutoincrement | JET_bitColumnMultiValued |      \
     JET_bitColumnEscrowUpdate | JET_bitColumnFinalize | JET_bitColumnDeleteOnZero |     \
     JET_bitColumnCompressed | JET_bitColumnMaybeNull)

JET_ERR cat_density(uint32_t given, uint32_t dflt, uint32_t *out)
{
    if (given == 0) {
        *out = dflt ? dflt : DENSITY_DEFAULT;
        return JET_errSuccess;
    }
    if (given < DENSITY_LEAST || given > DENSITY_MOST)
        return JET_errDensityInvalid;
    *out = given;
    return JET_errSuccess;
}

JET_ERR cat_validate_column(const cat_colspec *in, bool exclusive, cat_column *c)
{
    memset(c, 0, sizeof *c);
    JET_COLTYP coltyp = in->coltyp;
    JET_GRBIT grbit = in->grbit;
    uint32_t cbdflt = in->dflt != NULL ? in->cbdflt : 0;
    bool has_dflt = cbdflt > 0;

    if (in->cbMax > JET_cbLVColumnMost)
        return JET_errInvalidParameter;
    CALL(cat_check_name(in->name, c->name));
    if (coltyp == JET_coltypNil || coltyp >= JET_coltypMax || coltyp == JET_coltypSLV)
        return JET_errInvalidColumnType;
    uint32_t cp = 0;
    if (cat_coltyp_text(coltyp)) {
        cp = in->cp == 0 ? 1252u : in->cp;
        if (cp != 1252 && cp != 1200)
            return JET_errInvalidCodePage;
    }
    if (grbit & ~(JET_GRBIT)COLUMN_BITS)
        return JET_errInvalidGrbit;
    if ((grbit & JET_bitColumnCompressed) && !cat_coltyp_long(coltyp))
        return JET_errColumnCannotBeCompressed;
    bool tagged = (grbit & JET_bitColumnTagged) || cat_coltyp_long(coltyp);
    if (tagged) {
        if (grbit & JET_bitColumnFixed)
            return JET_errInvalidGrbit;
    } else if (grbit & JET_bitColumnMultiValued) {
        return JET_errMultiValuedColumnMustBeTagged;
    }

    if (grbit & JET_bitColumnEscrowUpdate) {
        /* Escrow columns are updated in place by concurrent sessions: they
         * must always be present (fixed, with a default) and be counters. */
        if (coltyp != JET_coltypLong && coltyp != JET_coltypLongLong)
            return JET_errInvalidGrbit;
        if (grbit & JET_bitColumnTagged)
            return JET_errCannotBeTagged;
        if (grbit & (JET_bitColumnVersion | JET_bitColumnAutoincrement))
            return JET_errInvalidGrbit;
        if (!has_dflt)
            return JET_errInvalidGrbit;
        if (!exclusive)
            return JET_errExclusiveTableLockRequired;
        if ((grbit & JET_bitColumnFinalize) && (grbit & JET_bitColumnDeleteOnZero))
            return JET_errInvalidGrbit;
    } else if (grbit & (JET_bitColumnFinalize | JET_bitColumnDeleteOnZero)) {
        return JET_errInvalidGrbit;
    } else if (grbit & (JET_bitColumnVersion | JET_bitColumnAutoincrement)) {
        if (grbit & JET_bitColumnAutoincrement) {
            if (coltyp != JET_coltypLong && coltyp != JET_coltypLongLong &&
                coltyp != JET_coltypUnsignedLongLong && coltyp != JET_coltypCurrency)
                return JET_errInvalidGrbit;
        } else if (coltyp != JET_coltypLong) {
            return JET_errInvalidGrbit;
        }
        if (grbit & JET_bitColumnTagged)
            return JET_errCannotBeTagged;
        if (grbit & JET_bitColumnVersion) {
            if (grbit & JET_bitColumnAutoincrement)
                return JET_errInvalidGrbit;
        } else if (!exclusive) {
            return JET_errExclusiveTableLockRequired;
        }
    }

    if (grbit & JET_bitColumnUserDefinedDefault) {
        if (grbit & (JET_bitColumnFixed | JET_bitColumnNotNULL | JET_bitColumnVersion |
                     JET_bitColumnAutoincrement | JET_bitColumnUpdatable |
                     JET_bitColumnEscrowUpdate | JET_bitColumnFinalize |
                     JET_bitColumnDeleteOnZero | JET_bitColumnMaybeNull))
            return JET_errInvalidGrbit;
        if (!tagged)
            return JET_errInvalidGrbit;
        if (cbdflt != sizeof(JET_USERDEFINEDDEFAULT_A))
            return JET_errInvalidParameter;
        /* The default would come from a persisted callback: jetdb has no
         * callback registry (docs/compatibility.md). */
        return JET_errCallbackNotResolved;
    }

    /* cbMax: the type's size, 255 at most for Text/Binary, as given for
     * long values (0 = unlimited). */
    JET_ERR wrn = JET_errSuccess;
    uint32_t cbMax = in->cbMax;
    uint32_t fixed = rec_fixed_size(coltyp);
    if (fixed) {
        cbMax = fixed;
    } else if (!cat_coltyp_long(coltyp)) {
        if (cbMax == 0) {
            cbMax = JET_cbColumnMost;
        } else if (cbMax > JET_cbColumnMost) {
            cbMax = JET_cbColumnMost;
            wrn = JET_wrnColumnMaxTruncated;
        }
    }
    if (has_dflt) {
        if (cbMax != 0 && cbMax < cbdflt)
            return JET_errDefaultValueTooBig;
        if (cat_coltyp_long(coltyp) && cbdflt > JET_cbLVDefaultValueMost)
            return JET_errDefaultValueTooBig;
        if (fixed && cbdflt != fixed)
            return JET_errInvalidBufferSize;
    }

    JET_GRBIT kept = grbit & COLUMN_KEPT_BITS;
    kept &= ~(JET_GRBIT)(JET_bitColumnFixed | JET_bitColumnTagged);
    c->def.coltyp = coltyp;
    c->def.cbMax = cbMax;
    c->def.cp = (uint16_t)cp;
    /* The class bit says where the column lives (what JET_ColInfo reports). */
    if (tagged)
        kept |= JET_bitColumnTagged;
    else if ((grbit & JET_bitColumnFixed) || fixed)
        kept |= JET_bitColumnFixed;
    c->def.grbit = kept;
    if (has_dflt) {
        c->dflt = (void *)in->dflt;   /* borrowed: the caller's bytes */
        c->cbdflt = cbdflt;
    }
    return wrn;
}

JET_ERR cat_next_colid(cat_trow *tr, const cat_column *c, JET_COLUMNID *colid)
{
    if (c->def.grbit & JET_bitColumnTagged) {
        if (tr->tagged_last >= TAGGED_LAST)
            return JET_errTooManyColumns;
        *colid = ++tr->tagged_last;
    } else if (c->def.grbit & JET_bitColumnFixed) {
        if (tr->fixed_last >= REC_FIXED_LAST)
            return JET_errTooManyColumns;
        *colid = ++tr->fixed_last;
    } else {
        if (tr->var_last >= REC_VAR_LAST)
            return JET_errTooManyColumns;
        *colid = ++tr->var_last;
    }
    return JET_errSuccess;
}

/* ---- indexes -------------------------------------------------------------------- */

/* The column a key or condition token names (case-insensitive), or NULL. */
static const cat_column *find_column(const cat_table *t, const char *name)
{
    return cat_column_by_name(t, name);
}

/* The grbit ESE reports for an index (IDB::GrbitFromFlags). */
static JET_GRBIT reported_grbit(JET_GRBIT g, bool primary, bool unique, uint32_t cbKeyMost)
{
    JET_GRBIT r = 0;
    if (primary)
        r |= JET_bitIndexPrimary;
    if (unique)
        r |= JET_bitIndexUnique;
    r |= g & (JET_bitIndexTuples | JET_bitIndexCrossProduct | JET_bitIndexNestedTable |
              JET_bitIndexDotNetGuid | JET_bitIndexDisallowTruncation);
    if (g & JET_bitIndexDisallowNull) {
        r |= JET_bitIndexDisallowNull;
    } else {
        bool some = !(g & JET_bitIndexIgnoreAnyNull);
        bool first = some && !(g & JET_bitIndexIgnoreFirstNull);
        bool all = first && !(g & JET_bitIndexIgnoreNull);
        if (!all)
            r |= JET_bitIndexIgnoreNull;
        if (!first)
            r |= JET_bitIndexIgnoreFirstNull;
        if (!some)
            r |= JET_bitIndexIgnoreAnyNull;
        r |= g & JET_bitIndexSortNullsHigh;
    }
    if (cbKeyMost > JET_cbKeyMost)
        r |= JET_bitIndexKeyMost;
    return r;
}

/* Index grbits esent.h defines. */
#define INDEX_BITS                                                                        \
    (JET_bitIndexUnique | JET_bitIndexPrimary | JET_bitIndexDisallowNull |                \
     JET_bitIndexIgnoreNull | JET_bitIndexIgnoreAnyNull | JET_bitIndexIgnoreFirstNull |   \
     JET_bitIndexLazyFlush | JET_bitIndexEmpty | JET_bitIndexUnversioned |                \
     JET_bitIndexSortNullsHigh | JET_bitIndexUnicode | JET_bitIndexTuples |               \
     JET_bitIndexTupleLimits | JET_bitIndexCrossProduct | JET_bitIndexKeyMost |           \
     JET_bitIndexDisallowTruncation | JET_bitIndexNestedTable | JET_bitIndexDotNetGuid |  \
     JET_bitIndexImmutableStructure)

JET_ERR cat_validate_index(struct db *d, const cat_table *t, const cat_idxspec *in,
                           cat_index *ix)
{
    memset(ix, 0, sizeof *ix);
    const JET_GRBIT g = in->grbit;
    const bool primary = (g & JET_bitIndexPrimary) != 0;
    const bool unique = (g & (JET_bitIndexUnique | JET_bitIndexPrimary)) != 0;
    const bool tuples = (g & (JET_bitIndexTuples | JET_bitIndexTupleLimits)) != 0;
    const char *key = in->key;
    const uint32_t cbkey = in->cbkey;

    CALL(cat_check_name(in->name, ix->name));
    if (g & ~(JET_GRBIT)INDEX_BITS)
        return JET_errInvalidGrbit;

    uint32_t cbKeyMost = JET_cbKeyMost;
    if (g & JET_bitIndexKeyMost) {
        if (in->cbKeyMost < JET_cbKeyMostMin || in->cbKeyMost > cat_key_most_for_page(d->page_size))
            return JET_errIndexInvalidDef;
        cbKeyMost = in->cbKeyMost;
    }
    uint32_t cbVarSegMac =
        (g & JET_bitIndexTupleLimits) || in->cbVarSegMac == 0 ? cbKeyMost : in->cbVarSegMac;

    if (primary && (g & (JET_bitIndexIgnoreNull | JET_bitIndexIgnoreAnyNull |
                         JET_bitIndexIgnoreFirstNull)))
        return JET_errInvalidGrbit;
    if ((g & JET_bitIndexCrossProduct) && (g & JET_bitIndexNestedTable))
        return JET_errInvalidGrbit;
    if (primary && in->ncond > 0)
        return JET_errIndexInvalidDef;
    if ((g & JET_bitIndexEmpty) && !(g & JET_bitIndexIgnoreAnyNull))
        return JET_errInvalidGrbit;
    if ((g & JET_bitIndexTupleLimits) && !in->tuple_limits)
        return JET_errIndexInvalidDef;
    if ((g & JET_bitIndexUnicode) && !in->unicode)
        return JET_errIndexInvalidDef;

    /* The key: "+col\0-col\0\0", every token led by '+' or '-' (the first
     * one must be), nothing after the double NUL. */
    if (cbkey == 0 || key == NULL)
        return JET_errInvalidParameter;
    if ((key[0] != '+' && key[0] != '-') || cbkey < 2 || key[cbkey - 1] != '\0' ||
        key[cbkey - 2] != '\0')
        return JET_errIndexInvalidDef;
    const char *names[JET_ccolKeyMost];
    bool desc[JET_ccolKeyMost];
    uint32_t nfields = 0;
    const char *p = key;
    while (*p != '\0') {
        if (nfields >= JET_ccolKeyMost)
            return JET_errIndexInvalidDef;
        desc[nfields] = *p == '-';
        if (*p == '-' || *p == '+')
            p++;
        names[nfields++] = p;
        p += strlen(p) + 1;
    }
    if (nfields == 0)
        return JET_errIndexInvalidDef;
    p++;
    if ((size_t)(p - key) < cbkey)
        return JET_errIndexInvalidDef;

    CALL(cat_density(in->density, t->density, &ix->density));
    if (cbVarSegMac == 0 || cbVarSegMac > cbKeyMost)
        return JET_errIndexInvalidDef;

    /* Unicode settings: given, or the instance's JET_paramUnicodeIndexDefault. */
    JET_UNICODEINDEX def = { 0x0409, 0x00030401 };
    (void)par_get(d->owner, JET_paramUnicodeIndexDefault, (JET_API_PTR *)&def, NULL,
                  sizeof def, NULL);
    uint32_t lcid = def.lcid, flags = def.dwMapFlags;
    if (in->unicode) {
        lcid = in->lcid;
        if (lcid == 0 || lcid == 0x0400 || lcid == 0x0800)
            lcid = def.lcid;
        flags = in->map_flags ? in->map_flags : def.dwMapFlags;
        if (flags != LCMAP_UPPERCASE_)
            flags |= LCMAP_SORTKEY_;
        CALL(key_check_unicode(lcid, flags));
    }

    if (tuples) {
        if (primary)
            return JET_errIndexTuplesSecondaryIndexOnly;
        if (unique)
            return JET_errIndexTuplesNonUniqueOnly;
        if (cbVarSegMac < cbKeyMost)
            return JET_errIndexTuplesVarSegMacNotAllowed;
        /* Tuple indexes (substring keys) are not implemented. */
        return JET_errFeatureNotAvailable;
    }

    for (uint32_t i = 0; i < nfields; i++) {
        const cat_column *c = find_column(t, names[i]);
        if (c == NULL)
            return JET_errColumnNotFound;
        if (c->def.grbit & JET_bitColumnEscrowUpdate)
            return JET_errCannotIndex;
        if (primary && (c->def.grbit & JET_bitColumnMultiValued))
            return JET_errIndexInvalidDef;
        if ((g & JET_bitIndexEmpty) && c->dflt != NULL)
            return JET_errIndexInvalidDef;
        ix->seg[i].colid = c->def.colid;
        ix->seg[i].seg.coltyp = c->def.coltyp;
        ix->seg[i].seg.cp = c->def.cp;
        ix->seg[i].seg.descending = desc[i];
        ix->seg[i].seg.lcid = lcid;
        ix->seg[i].seg.map_flags = flags;
    }
    ix->nseg = nfields;

    if (in->ncond > JET_ccolKeyMost)
        return JET_errIndexInvalidDef;
    for (uint32_t i = 0; i < in->ncond; i++) {
        const cat_condspec *cs = &in->cond[i];
        if (cs->bad_struct)
            return JET_errIndexInvalidDef;
        if (cs->grbit != JET_bitIndexColumnMustBeNull &&
            cs->grbit != JET_bitIndexColumnMustBeNonNull)
            return JET_errInvalidGrbit;
        char nm[CAT_NAME_MAX + 1];
        const cat_column *c = cat_check_name(cs->name, nm) >= 0 ? find_column(t, nm) : NULL;
        if (c == NULL)
            return JET_errColumnNotFound;
        ix->cond[i].colid = c->def.colid;
        ix->cond[i].grbit = cs->grbit;
    }
    ix->ncond = in->ncond;

    ix->primary = primary;
    ix->unique = unique;
    ix->lcid = lcid;
    ix->map_flags = flags;
    ix->cbKeyMost = cbKeyMost;
    ix->cbVarSegMac = cbVarSegMac < cbKeyMost ? cbVarSegMac : 0;
    ix->grbit = reported_grbit(g, primary, unique, cbKeyMost);
    return JET_errSuccess;
}
