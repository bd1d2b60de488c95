/*
 * api_ddl.c: exported schema entry points — JetCreateTable,
 * JetCreateTableColumnIndex(2/3/4), JetOpenTable, JetDeleteTable,
 * JetRenameTable, JetAddColumn, JetDeleteColumn(2), JetRenameColumn,
 * JetSetColumnDefaultValue, JetCreateIndex(2/3/4), JetDeleteIndex, in
 * their A, W and W_u16 forms.
 *
 * Validation and dispatch: the A/W structures become the catalog's specs
 * (src/catalog), each call runs in its own transaction (a savepoint inside
 * the caller's), the cursor checks (exclusive, updatable, PermitDDL) ask
 * src/isam, and a new index on a table with rows is filled by
 * isam_index_build before the transaction commits.
 */
#include "api/api_cat.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_w16.h"
#include "inst/param.h"
#include "isam/isam.h"
#include "util/utf.h"

/* ---- shared helpers (api_cat.h) ----------------------------------------------- */

JET_ERR api_name(const void *src, size_t width, const char **out, char **tmp)
{
    *tmp = NULL;
    if (width == 0 || src == NULL) {
        *out = src;
        return JET_errSuccess;
    }
    CALL(api_wide_arg(src, width, tmp));
    *out = *tmp;
    return JET_errSuccess;
}

/* Read code unit i of a wide buffer. */
static uint32_t wide_unit(const unsigned char *p, size_t i, size_t width)
{
    if (width == 2) {
        uint16_t u;
        memcpy(&u, p + i * 2, 2);
        return u;
    }
    uint32_t u;
    memcpy(&u, p + i * 4, 4);
    return u;
}

JET_ERR api_wide_buf(const void *src, size_t cb, size_t width, char **out, uint32_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (width == 0) {
        char *b = malloc(cb ? cb : 1);
        if (b == NULL)
            return JET_errOutOfMemory;
        if (cb)
            memcpy(b, src, cb);
        *out = b;
        *outlen = (uint32_t)cb;
        return JET_errSuccess;
    }
    const unsigned char *p = src;
    size_t units = cb / width;
    /* Worst case 4 UTF-8 bytes per unit (a UTF-32 code point). */
    char *b = malloc(units * 4 + 1);
    unsigned char *seg = malloc((units + 1) * width);
    if (b == NULL || seg == NULL) {
        free(b);
        free(seg);
        return JET_errOutOfMemory;
    }
    size_t n = 0, i = 0;
    JET_ERR err = JET_errSuccess;
    while (i < units) {
        /* One NUL-terminated piece (or the unterminated rest). */
        size_t j = i;
        while (j < units && wide_unit(p, j, width) != 0)
            j++;
        if (j > i) {
            memcpy(seg, p + i * width, (j - i) * width);
            memset(seg + (j - i) * width, 0, width);
            char *u8 = NULL;
            err = utf_wide_to_utf8(seg, width, &u8);
            if (err < 0)
                break;
            size_t l = strlen(u8);
            memcpy(b + n, u8, l);
            n += l;
            free(u8);
        }
        if (j < units)
            b[n++] = '\0';
        i = j + 1;
    }
    free(seg);
    if (err < 0) {
        free(b);
        return err;
    }
    *out = b;
    *outlen = (uint32_t)n;
    return JET_errSuccess;
}

JET_ERR api_ddl_begin(sess *s, vtx **x)
{
    return vtx_auto_begin(s, x);
}

JET_ERR api_ddl_end(sess *s, vtx *x, JET_ERR err, bool lazy)
{
    err = vtx_auto_end(s, x, err);
    /* One operation's own transaction commits lazily; DDL is durable. */
    if (err >= 0 && !lazy && vtx_level(s) == 0)
        KEEP(err, vtx_commit(s, JET_bitWaitLastLevel0Commit));
    return err;
}

JET_ERR api_cursor_get(sess *s, JET_TABLEID tableid, api_cursor *c)
{
    memset(c, 0, sizeof *c);
    CALL(isam_cursor_table(s, tableid, &c->d, &c->t));
    JET_ERR err = isam_cursor_grbit(s, tableid, &c->grbit);
    if (err < 0)
        api_cursor_put(c);
    return err;
}

void api_cursor_put(api_cursor *c)
{
    if (c->t != NULL)
        cat_table_release(c->t);
    if (c->d != NULL)
        db_unpin(c->d);
    c->t = NULL;
    c->d = NULL;
}

/* A DDL call through a cursor needs an updatable cursor on a writable
 * database. */
static JET_ERR cursor_updatable(const api_cursor *c)
{
    if ((c->grbit & JET_bitTableReadOnly) || c->d->read_only)
        return JET_errPermissionDenied;
    return JET_errSuccess;
}

/* ---- JET_TABLECREATE* conversion ----------------------------------------------- */

/* The index structure versions: JET_INDEXCREATE, ...2, ...3. */
enum { IDXV1 = 1, IDXV2 = 2, IDXV3 = 3 };

/* Size of the pre-Vista JET_INDEXCREATE (no cbKeyMost), which ESE still
 * accepts and walks by. */
#define IDXV1_OLD_SIZE                                                            \
    ((offsetof(JET_INDEXCREATE_A, cbKeyMost) + sizeof(void *) - 1) & ~(sizeof(void *) - 1))

/* Everything converted for one call, freed by spec_free. */
typedef struct spec_mem {
    char **strs;
    size_t nstrs, capstrs;
    cat_colspec *cols;
    cat_idxspec *idx;
    cat_condspec **conds;
    size_t nconds;
} spec_mem;

static JET_ERR keep_str(spec_mem *m, char *s)
{
    if (s == NULL)
        return JET_errSuccess;
    if (m->nstrs == m->capstrs) {
        size_t cap = m->capstrs ? m->capstrs * 2 : 16;
        char **n = realloc(m->strs, cap * sizeof *n);
        if (n == NULL) {
            free(s);
            return JET_errOutOfMemory;
        }
        m->strs = n;
        m->capstrs = cap;
    }
    m->strs[m->nstrs++] = s;
    return JET_errSuccess;
}

static JET_ERR conv_name(spec_mem *m, const void *src, size_t width, const char **out)
{
    char *tmp;
    CALL(api_name(src, width, out, &tmp));
    return keep_str(m, tmp);
}

static void spec_free(spec_mem *m)
{
    for (size_t i = 0; i < m->nstrs; i++)
        free(m->strs[i]);
    free(m->strs);
    free(m->cols);
    free(m->idx);
    for (size_t i = 0; i < m->nconds; i++)
        free(m->conds[i]);
    free(m->conds);
    memset(m, 0, sizeof *m);
}

/* The field layout all JET_INDEXCREATE* versions share up to err. */
typedef struct idx_common {
    uint32_t cbStruct;
    const void *szIndexName;
    const void *szKey;
    uint32_t cbKey;
    JET_GRBIT grbit;
    uint32_t ulDensity;
    const void *u1;          /* lcid (v1/v2, low 32 bits) or pidxunicode */
    const void *u2;          /* cbVarSegMac (low 32 bits) or ptuplelimits */
    const JET_CONDITIONALCOLUMN_A *rgconditionalcolumn;
    uint32_t cConditionalColumn;
    JET_ERR err;
} idx_common;

/* Read the shared fields of an index structure at p (any version). */
static void idx_read(const void *p, idx_common *o)
{
    const JET_INDEXCREATE_A *a = p;
    o->cbStruct = a->cbStruct;
    o->szIndexName = a->szIndexName;
    o->szKey = a->szKey;
    o->cbKey = a->cbKey;
    o->grbit = a->grbit;
    o->ulDensity = a->ulDensity;
    o->u1 = a->pidxunicode;
    o->u2 = a->ptuplelimits;
    o->rgconditionalcolumn = a->rgconditionalcolumn;
    o->cConditionalColumn = a->cConditionalColumn;
    o->err = a->err;
}

static JET_ERR *idx_err_field(void *p)
{
    return &((JET_INDEXCREATE_A *)p)->err;
}

/* The structure size each version must declare; v1 also accepts the old
 * size.  Returns the stride to the next element, 0 when cbStruct is wrong. */
static size_t idx_stride(int ver, uint32_t cbStruct)
{
    switch (ver) {
    case IDXV1:
        if (cbStruct == sizeof(JET_INDEXCREATE_A) || cbStruct == IDXV1_OLD_SIZE)
            return cbStruct;
        return 0;
    case IDXV2:
        return cbStruct == sizeof(JET_INDEXCREATE2_A) ? cbStruct : 0;
    default:
        return cbStruct == sizeof(JET_INDEXCREATE3_A) ? cbStruct : 0;
    }
}

/* The LCID of a JET_UNICODEINDEX2 locale name (a wchar_t string); an
 * unknown name gets an id key_check_unicode refuses. */
static JET_ERR locale_lcid(const void *wname, uint32_t *lcid)
{
    *lcid = 0;
    if (wname == NULL)
        return JET_errSuccess;   /* the default locale */
    char *name = NULL;
    CALL(api_wide_arg(wname, API_WIDE32, &name));
    if (!par_locale_lcid(name, lcid))
        *lcid = 0xFFFFFFFFu;
    free(name);
    return JET_errSuccess;
}

/* Convert one index structure of version ver at p. */
static JET_ERR conv_index(spec_mem *m, int ver, const void *p, size_t width, cat_idxspec *o)
{
    idx_common ic;
    idx_read(p, &ic);
    memset(o, 0, sizeof *o);
    if (idx_stride(ver, ic.cbStruct) == 0) {
        o->bad_struct = true;
        return JET_errSuccess;
    }
    CALL(conv_name(m, ic.szIndexName, width, &o->name));
    if (ic.szKey != NULL && ic.cbKey > 0) {
        char *k;
        CALL(api_wide_buf(ic.szKey, ic.cbKey, width, &k, &o->cbkey));
        CALL(keep_str(m, k));
        o->key = k;
    }
    o->grbit = ic.grbit;
    o->density = ic.ulDensity;
    if (ver == IDXV3) {
        const JET_UNICODEINDEX2 *ui = ic.u1;
        if (ui != NULL) {
            o->unicode = true;
            o->map_flags = ui->dwMapFlags;
            CALL(locale_lcid(ui->szLocaleName, &o->lcid));
        }
    } else if (ic.grbit & JET_bitIndexUnicode) {
        const JET_UNICODEINDEX *ui = ic.u1;
        if (ui != NULL) {
            o->unicode = true;
            o->lcid = ui->lcid;
            o->map_flags = ui->dwMapFlags;
        }
    } else {
        uint32_t lcid = (uint32_t)(uintptr_t)ic.u1;
        if (lcid != 0) {
            o->unicode = true;
            o->lcid = lcid;
        }
    }
    if (ic.grbit & JET_bitIndexTupleLimits)
        o->tuple_limits = ic.u2 != NULL;
    else
        o->cbVarSegMac = (uint32_t)(uintptr_t)ic.u2;
    if (ver != IDXV1 || ic.cbStruct == sizeof(JET_INDEXCREATE_A))
        o->cbKeyMost = ((const JET_INDEXCREATE_A *)p)->cbKeyMost;
    if (ver != IDXV1) {
        const JET_SPACEHINTS *sh = ((const JET_INDEXCREATE2_A *)p)->pSpacehints;
        if (sh != NULL) {
            if (sh->cbStruct != sizeof(JET_SPACEHINTS))
                return JET_errInvalidParameter;
            if (sh->ulInitialDensity != 0)
                o->density = sh->ulInitialDensity;
        }
    }
    if (ic.cConditionalColumn > 0) {
        if (ic.rgconditionalcolumn == NULL)
            return JET_errInvalidParameter;
        uint32_t n = ic.cConditionalColumn > JET_ccolKeyMost ? 0 : ic.cConditionalColumn;
        cat_condspec *cs = calloc(n ? n : 1, sizeof *cs);
        if (cs == NULL)
            return JET_errOutOfMemory;
        cat_condspec **nc = realloc(m->conds, (m->nconds + 1) * sizeof *nc);
        if (nc == NULL) {
            free(cs);
            return JET_errOutOfMemory;
        }
        m->conds = nc;
        m->conds[m->nconds++] = cs;
        for (uint32_t i = 0; i < n; i++) {
            const JET_CONDITIONALCOLUMN_A *cc = &ic.rgconditionalcolumn[i];
            cs[i].bad_struct = cc->cbStruct != sizeof(JET_CONDITIONALCOLUMN_A);
            cs[i].grbit = cc->grbit;
            if (!cs[i].bad_struct)
                CALL(conv_name(m, cc->szColumnName, width, &cs[i].name));
        }
        o->cond = cs;
        o->ncond = ic.cConditionalColumn;   /* > 16 is refused by the catalog */
    }
    return JET_errSuccess;
}

/* Convert an array of n index structures of version ver. */
static JET_ERR conv_indexes(spec_mem *m, int ver, const void *arr, uint32_t n, size_t width,
                            cat_idxspec **out)
{
    *out = NULL;
    if (n == 0 || arr == NULL)
        return JET_errSuccess;
    m->idx = calloc(n, sizeof *m->idx);
    if (m->idx == NULL)
        return JET_errOutOfMemory;
    const unsigned char *p = arr;
    for (uint32_t i = 0; i < n; i++) {
        CALL(conv_index(m, ver, p, width, &m->idx[i]));
        if (m->idx[i].bad_struct) {
            /* ESE stops at a structure it does not know; nothing after
             * it is looked at. */
            break;
        }
        p += idx_stride(ver, ((const JET_INDEXCREATE_A *)p)->cbStruct);
    }
    *out = m->idx;
    return JET_errSuccess;
}

/* The pointer to element i's err field, walking as conv_indexes did. */
static JET_ERR *idx_err_at(int ver, void *arr, uint32_t i)
{
    unsigned char *p = arr;
    for (uint32_t k = 0; k < i; k++) {
        size_t st = idx_stride(ver, ((JET_INDEXCREATE_A *)p)->cbStruct);
        if (st == 0)
            return NULL;
        p += st;
    }
    return idx_stride(ver, ((JET_INDEXCREATE_A *)p)->cbStruct) ? idx_err_field(p) : NULL;
}

/* JetIDXCheckUnicodeFlagAndDefn for JET_INDEXCREATE3: the pointer and the
 * grbit must agree. */
static JET_ERR check_unicode_v3(const void *arr, uint32_t n)
{
    const unsigned char *p = arr;
    for (uint32_t i = 0; i < n && p != NULL; i++) {
        const JET_INDEXCREATE3_A *ic = (const void *)p;
        if ((ic->pidxunicode != NULL) != ((ic->grbit & JET_bitIndexUnicode) != 0))
            return JET_errInvalidParameter;
        size_t st = idx_stride(IDXV3, ic->cbStruct);
        if (st == 0)
            break;
        p += st;
    }
    return JET_errSuccess;
}

static JET_ERR conv_columns(spec_mem *m, const JET_COLUMNCREATE_A *arr, uint32_t n, size_t width,
                            cat_colspec **out)
{
    *out = NULL;
    if (n == 0 || arr == NULL)
        return JET_errSuccess;
    m->cols = calloc(n, sizeof *m->cols);
    if (m->cols == NULL)
        return JET_errOutOfMemory;
    for (uint32_t i = 0; i < n; i++) {
        const JET_COLUMNCREATE_A *cc = &arr[i];
        cat_colspec *c = &m->cols[i];
        if (cc->cbStruct != sizeof(JET_COLUMNCREATE_A)) {
            c->bad_struct = true;
            break;
        }
        CALL(conv_name(m, cc->szColumnName, width, &c->name));
        c->coltyp = cc->coltyp;
        c->cbMax = cc->cbMax;
        c->grbit = cc->grbit;
        c->cp = cc->cp;
        c->dflt = cc->pvDefault;
        c->cbdflt = cc->cbDefault;
    }
    *out = m->cols;
    return JET_errSuccess;
}

/* The fields every JET_TABLECREATE version has, wherever they sit. */
typedef struct tc_fields {
    uint32_t cbStruct;
    const void *name, *template_name;
    uint32_t pages, density;
    JET_COLUMNCREATE_A *cols;
    uint32_t ncols;
    void *idx;
    uint32_t nidx;
    const void *callback;
    JET_GRBIT grbit;
    const JET_SPACEHINTS *seqhints, *lvhints;
    JET_TABLEID *ptableid;
    uint32_t *pcreated;
} tc_fields;

/* ---- table creation ---------------------------------------------------------------- */

#define OPEN_TABLE_BITS                                                                  \
    (JET_bitTableDenyWrite | JET_bitTableDenyRead | JET_bitTableReadOnly |               \
     JET_bitTableUpdatable | JET_bitTablePermitDDL | JET_bitTableNoCache |               \
     JET_bitTablePreread | JET_bitTableOpportuneRead | JET_bitTableSequential |          \
     JET_bitTableClassMask)

static JET_ERR create_table(sess *s, JET_DBID dbid, tc_fields *f, int idxver, size_t width)
{
    JET_ERR err;
    spec_mem m = { 0 };
    cat_tablespec ts = { 0 };
    db *d = NULL;
    vtx *x = NULL;
    cat_table *t = NULL;
    JET_TABLEID tableid = JET_tableidNil;
    bool opened = false;

    *f->ptableid = JET_tableidNil;
    *f->pcreated = 0;
    CHECK(db_pin_opened(s, dbid, &d));
    if (d->read_only) {
        err = JET_errPermissionDenied;
        goto done;
    }
    if (idxver == IDXV3 && f->nidx > 0 && f->idx != NULL)
        CHECK(check_unicode_v3(f->idx, f->nidx));
    if (f->callback != NULL) {
        /* Persisted table callbacks need a callback registry jetdb lacks. */
        err = JET_errCallbackNotResolved;
        goto done;
    }
    if ((f->seqhints != NULL && f->seqhints->cbStruct != sizeof(JET_SPACEHINTS)) ||
        (f->lvhints != NULL && f->lvhints->cbStruct != sizeof(JET_SPACEHINTS))) {
        err = JET_errInvalidParameter;
        goto done;
    }
    CHECK(conv_name(&m, f->name, width, &ts.name));
    CHECK(conv_name(&m, f->template_name, width, &ts.template_name));
    ts.pages = f->pages;
    ts.density = f->density;
    if (f->seqhints != NULL && f->seqhints->ulInitialDensity != 0)
        ts.density = f->seqhints->ulInitialDensity;
    ts.grbit = f->grbit;
    CHECK(conv_columns(&m, f->cols, f->ncols, width, &ts.cols));
    ts.ncols = f->ncols;
    CHECK(conv_indexes(&m, idxver, f->idx, f->nidx, width, &ts.idx));
    ts.nidx = f->nidx;

    CHECK(api_ddl_begin(s, &x));
    err = cat_create_table(x, d, &ts, &t);
    if (err >= 0) {
        JET_GRBIT og = JET_bitTableDenyRead;
        if ((t->flags & JET_bitObjectTableFixedDDL) && !(t->flags & JET_bitObjectTableTemplate))
            og |= JET_bitTablePermitDDL;   /* DDL stays allowed until it closes */
        err = isam_cursor_open(s, d, t, og, &tableid);
        opened = err >= 0;
    }
    err = api_ddl_end(s, x, err, false);
    if (opened)
        isam_txn_end(s);   /* the cursor belongs to the caller's level, not the DDL's */
    if (err < 0 && opened) {
        (void)JetCloseTable(s->handle, tableid);
        opened = false;
    }
    if (err >= 0 && (f->grbit & JET_bitTableCreateImmutableStructure)) {
        /* ESE hands no cursor back for an immutable table. */
        (void)JetCloseTable(s->handle, tableid);
        opened = false;
    }

    /* What ESE fills in, success or not. */
    *f->pcreated = ts.created;
    for (uint32_t i = 0; i < f->ncols && f->cols != NULL && ts.cols != NULL; i++) {
        if (ts.cols[i].bad_struct)
            break;
        f->cols[i].columnid = ts.cols[i].colid;
        f->cols[i].err = ts.cols[i].err;
    }
    for (uint32_t i = 0; i < f->nidx && f->idx != NULL && ts.idx != NULL; i++) {
        JET_ERR *pe = idx_err_at(idxver, f->idx, i);
        if (pe == NULL)
            break;
        *pe = ts.idx[i].err;
    }
    if (err >= 0 && opened)
        *f->ptableid = tableid;
done:
    cat_table_release(t);
    db_unpin(d);
    spec_free(&m);
    return err;
}

/* One entry point per JET_TABLECREATE version and string width. */
static JET_ERR tc_call(JET_SESID sesid, JET_DBID dbid, void *p, int ver, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err = JET_errSuccess;
    tc_fields f;
    memset(&f, 0, sizeof f);
    int idxver = IDXV1;
    size_t want = 0;
    if (p == NULL) {
        err = JET_errInvalidParameter;
        goto done;
    }
    switch (ver) {
    case 1: {
        JET_TABLECREATE_A *a = p;
        want = sizeof *a;
        f = (tc_fields){ a->cbStruct, a->szTableName, a->szTemplateTableName, a->ulPages,
                         a->ulDensity, a->rgcolumncreate, a->cColumns, a->rgindexcreate,
                         a->cIndexes, NULL, a->grbit, NULL, NULL, &a->tableid, &a->cCreated };
        break;
    }
    case 2: {
        JET_TABLECREATE2_A *a = p;
        want = sizeof *a;
        f = (tc_fields){ a->cbStruct, a->szTableName, a->szTemplateTableName, a->ulPages,
                         a->ulDensity, a->rgcolumncreate, a->cColumns, a->rgindexcreate,
                         a->cIndexes, a->szCallback, a->grbit, NULL, NULL, &a->tableid,
                         &a->cCreated };
        break;
    }
    case 3: {
        JET_TABLECREATE3_A *a = p;
        want = sizeof *a;
        idxver = IDXV2;
        f = (tc_fields){ a->cbStruct, a->szTableName, a->szTemplateTableName, a->ulPages,
                         a->ulDensity, a->rgcolumncreate, a->cColumns, a->rgindexcreate,
                         a->cIndexes, a->szCallback, a->grbit, a->pSeqSpacehints,
                         a->pLVSpacehints, &a->tableid, &a->cCreated };
        break;
    }
    default: {
        JET_TABLECREATE4_A *a = p;
        want = sizeof *a;
        idxver = IDXV3;
        f = (tc_fields){ a->cbStruct, a->szTableName, a->szTemplateTableName, a->ulPages,
                         a->ulDensity, a->rgcolumncreate, a->cColumns, a->rgindexcreate,
                         a->cIndexes, a->szCallback, a->grbit, a->pSeqSpacehints,
                         a->pLVSpacehints, &a->tableid, &a->cCreated };
        break;
    }
    }
    if (f.cbStruct != want) {
        err = JET_errInvalidParameter;
        goto done;
    }
    err = create_table(s, dbid, &f, idxver, width);
done:
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetCreateTableColumnIndexA(JET_SESID sesid, JET_DBID dbid,
                                                JET_TABLECREATE_A *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 1, 0);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndexW(JET_SESID sesid, JET_DBID dbid,
                                                JET_TABLECREATE_W *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 1, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndexW_u16(JET_SESID sesid, JET_DBID dbid,
                                                    JET_TABLECREATE_W *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 1, API_WIDE16);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex2A(JET_SESID sesid, JET_DBID dbid,
                                                 JET_TABLECREATE2_A *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 2, 0);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex2W(JET_SESID sesid, JET_DBID dbid,
                                                 JET_TABLECREATE2_W *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 2, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex2W_u16(JET_SESID sesid, JET_DBID dbid,
                                                     JET_TABLECREATE2_W *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 2, API_WIDE16);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex3A(JET_SESID sesid, JET_DBID dbid,
                                                 JET_TABLECREATE3_A *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 3, 0);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex3W(JET_SESID sesid, JET_DBID dbid,
                                                 JET_TABLECREATE3_W *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 3, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex3W_u16(JET_SESID sesid, JET_DBID dbid,
                                                     JET_TABLECREATE3_W *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 3, API_WIDE16);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex4A(JET_SESID sesid, JET_DBID dbid,
                                                 JET_TABLECREATE4_A *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 4, 0);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex4W(JET_SESID sesid, JET_DBID dbid,
                                                 JET_TABLECREATE4_W *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 4, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateTableColumnIndex4W_u16(JET_SESID sesid, JET_DBID dbid,
                                                     JET_TABLECREATE4_W *ptablecreate)
{
    return tc_call(sesid, dbid, ptablecreate, 4, API_WIDE16);
}

/* JetCreateTable: a table without columns or indexes. */
static JET_ERR create_table_simple(JET_SESID sesid, JET_DBID dbid, const void *name,
                                   uint32_t pages, uint32_t density, JET_TABLEID *ptableid,
                                   size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    if (ptableid == NULL) {
        err = JET_errInvalidParameter;
    } else {
        uint32_t created;
        tc_fields f = { sizeof(JET_TABLECREATE_A), name, NULL, pages, density, NULL, 0,
                        NULL, 0, NULL, 0, NULL, NULL, ptableid, &created };
        err = create_table(s, dbid, &f, IDXV1, width);
    }
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetCreateTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                     uint32_t lPages, uint32_t lDensity, JET_TABLEID *ptableid)
{
    return create_table_simple(sesid, dbid, szTableName, lPages, lDensity, ptableid, 0);
}
JETDB_EXPORT JET_ERR JetCreateTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                     uint32_t lPages, uint32_t lDensity, JET_TABLEID *ptableid)
{
    return create_table_simple(sesid, dbid, szTableName, lPages, lDensity, ptableid,
                               API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateTableW_u16(JET_SESID sesid, JET_DBID dbid,
                                         JET_PCWSTR szTableName, uint32_t lPages,
                                         uint32_t lDensity, JET_TABLEID *ptableid)
{
    return create_table_simple(sesid, dbid, szTableName, lPages, lDensity, ptableid,
                               API_WIDE16);
}

/* ---- JetOpenTable / JetDeleteTable / JetRenameTable ----------------------------------- */

static JET_ERR open_table(JET_SESID sesid, JET_DBID dbid, const void *name, JET_GRBIT grbit,
                          JET_TABLEID *ptableid, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    db *d = NULL;
    cat_table *t = NULL;
    const char *nm;
    char *tmp = NULL;
    if (ptableid == NULL) {
        err = JET_errInvalidParameter;
        goto done;
    }
    *ptableid = JET_tableidNil;
    if (grbit & ~(JET_GRBIT)OPEN_TABLE_BITS) {
        err = JET_errInvalidGrbit;
        goto done;
    }
    CHECK(api_name(name, width, &nm, &tmp));
    char norm[CAT_NAME_MAX + 1];
    CHECK(cat_check_name(nm, norm));
    CHECK(db_pin_opened(s, dbid, &d));
    CHECK(cat_table_get(vtx_current(s), d, norm, &t));
    CHECK(isam_cursor_open(s, d, t, grbit, ptableid));
done:
    cat_table_release(t);
    db_unpin(d);
    free(tmp);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetOpenTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName,
                                   const void *pvParameters, uint32_t cbParameters,
                                   JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    (void)pvParameters;   /* ESE ignores the parameter block */
    (void)cbParameters;
    return open_table(sesid, dbid, szTableName, grbit, ptableid, 0);
}
JETDB_EXPORT JET_ERR JetOpenTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                   const void *pvParameters, uint32_t cbParameters,
                                   JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    (void)pvParameters;
    (void)cbParameters;
    return open_table(sesid, dbid, szTableName, grbit, ptableid, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetOpenTableW_u16(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName,
                                       const void *pvParameters, uint32_t cbParameters,
                                       JET_GRBIT grbit, JET_TABLEID *ptableid)
{
    (void)pvParameters;
    (void)cbParameters;
    return open_table(sesid, dbid, szTableName, grbit, ptableid, API_WIDE16);
}

static JET_ERR delete_table(JET_SESID sesid, JET_DBID dbid, const void *name, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    db *d = NULL;
    cat_table *t = NULL;
    vtx *x = NULL;
    const char *nm;
    char *tmp = NULL;
    char norm[CAT_NAME_MAX + 1];
    CHECK(api_name(name, width, &nm, &tmp));
    CHECK(cat_check_name(nm, norm));
    CHECK(db_pin_opened(s, dbid, &d));
    if (d->read_only) {
        err = JET_errPermissionDenied;
        goto done;
    }
    CHECK(api_ddl_begin(s, &x));
    err = cat_table_get(x, d, norm, &t);
    /* Deleting needs the table to itself, as opening it exclusively would. */
    if (err >= 0 && isam_table_in_use(d, t->objid, 0))
        err = JET_errTableInUse;
    if (err >= 0)
        err = cat_delete_table(x, d, t);
    err = api_ddl_end(s, x, err, false);
done:
    cat_table_release(t);
    db_unpin(d);
    free(tmp);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetDeleteTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szTableName)
{
    return delete_table(sesid, dbid, szTableName, 0);
}
JETDB_EXPORT JET_ERR JetDeleteTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName)
{
    return delete_table(sesid, dbid, szTableName, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetDeleteTableW_u16(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szTableName)
{
    return delete_table(sesid, dbid, szTableName, API_WIDE16);
}

static JET_ERR rename_table(JET_SESID sesid, JET_DBID dbid, const void *name,
                            const void *newname, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    db *d = NULL;
    vtx *x = NULL;
    const char *a, *b;
    char *ta = NULL, *tb = NULL;
    if (name == NULL || newname == NULL) {
        err = JET_errInvalidParameter;
        goto done;
    }
    CHECK(api_name(name, width, &a, &ta));
    CHECK(api_name(newname, width, &b, &tb));
    char n1[CAT_NAME_MAX + 1], n2[CAT_NAME_MAX + 1];
    CHECK(cat_check_name(a, n1));
    CHECK(cat_check_name(b, n2));
    CHECK(db_pin_opened(s, dbid, &d));
    CHECK(api_ddl_begin(s, &x));
    err = api_ddl_end(s, x, cat_rename_table(x, d, n1, n2), false);
done:
    db_unpin(d);
    free(ta);
    free(tb);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetRenameTableA(JET_SESID sesid, JET_DBID dbid, JET_PCSTR szName,
                                     JET_PCSTR szNameNew)
{
    return rename_table(sesid, dbid, szName, szNameNew, 0);
}
JETDB_EXPORT JET_ERR JetRenameTableW(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szName,
                                     JET_PCWSTR szNameNew)
{
    return rename_table(sesid, dbid, szName, szNameNew, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetRenameTableW_u16(JET_SESID sesid, JET_DBID dbid, JET_PCWSTR szName,
                                         JET_PCWSTR szNameNew)
{
    return rename_table(sesid, dbid, szName, szNameNew, API_WIDE16);
}

/* ---- columns -------------------------------------------------------------------------- */

static JET_ERR add_column(JET_SESID sesid, JET_TABLEID tableid, const void *name,
                          const JET_COLUMNDEF *def, const void *pvDefault, uint32_t cbDefault,
                          JET_COLUMNID *pcolumnid, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    vtx *x = NULL;
    const char *nm;
    char *tmp = NULL;
    CHECK(api_cursor_get(s, tableid, &c));
    if (c.t->temp) {
        err = JET_errInvalidParameter;   /* temporary tables have fixed DDL */
        goto done;
    }
    CHECK(cursor_updatable(&c));
    if ((c.t->flags & JET_bitObjectTableFixedDDL) && !(c.grbit & JET_bitTablePermitDDL)) {
        err = JET_errFixedDDL;
        goto done;
    }
    if (def == NULL || def->cbStruct < sizeof(JET_COLUMNDEF)) {
        err = JET_errInvalidParameter;
        goto done;
    }
    bool exclusive = (c.grbit & JET_bitTableDenyRead) != 0;
    if ((def->grbit & JET_bitColumnUnversioned) && !exclusive && vtx_level(s) != 0) {
        err = JET_errInTransaction;
        goto done;
    }
    CHECK(api_name(name, width, &nm, &tmp));
    cat_colspec spec = { .name = nm, .coltyp = def->coltyp, .cbMax = def->cbMax,
                         .grbit = def->grbit, .cp = def->cp, .dflt = pvDefault,
                         .cbdflt = cbDefault };
    JET_COLUMNID colid = 0;
    CHECK(api_ddl_begin(s, &x));
    err = cat_add_column(x, c.d, c.t, &spec, exclusive, &colid);
    JET_ERR wrn = err;
    if (err >= 0 && (def->grbit & JET_bitColumnAutoincrement)) {
        /* rows already in the table get their numbers now (ESE) */
        JET_ERR e2 = isam_autoinc_fill(s, tableid, colid);
        if (e2 < 0)
            err = e2;
    }
    err = api_ddl_end(s, x, err, false);
    if (err >= 0) {
        err = wrn;
        if (pcolumnid != NULL)
            *pcolumnid = colid;
    }
done:
    api_cursor_put(&c);
    free(tmp);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetAddColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szColumnName,
                                   const JET_COLUMNDEF *pcolumndef, const void *pvDefault,
                                   uint32_t cbDefault, JET_COLUMNID *pcolumnid)
{
    return add_column(sesid, tableid, szColumnName, pcolumndef, pvDefault, cbDefault, pcolumnid,
                      0);
}
JETDB_EXPORT JET_ERR JetAddColumnW(JET_SESID sesid, JET_TABLEID tableid,
                                   JET_PCWSTR szColumnName, const JET_COLUMNDEF *pcolumndef,
                                   const void *pvDefault, uint32_t cbDefault,
                                   JET_COLUMNID *pcolumnid)
{
    return add_column(sesid, tableid, szColumnName, pcolumndef, pvDefault, cbDefault, pcolumnid,
                      API_WIDE32);
}
JETDB_EXPORT JET_ERR JetAddColumnW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                       JET_PCWSTR szColumnName, const JET_COLUMNDEF *pcolumndef,
                                       const void *pvDefault, uint32_t cbDefault,
                                       JET_COLUMNID *pcolumnid)
{
    return add_column(sesid, tableid, szColumnName, pcolumndef, pvDefault, cbDefault, pcolumnid,
                      API_WIDE16);
}

static JET_ERR delete_column(JET_SESID sesid, JET_TABLEID tableid, const void *name,
                             JET_GRBIT grbit, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    vtx *x = NULL;
    const char *nm;
    char *tmp = NULL;
    CHECK(api_cursor_get(s, tableid, &c));
    if (grbit & ~(JET_GRBIT)JET_bitDeleteColumnIgnoreTemplateColumns) {
        err = JET_errInvalidGrbit;
        goto done;
    }
    if (c.t->temp) {
        err = JET_errInvalidParameter;
        goto done;
    }
    CHECK(api_name(name, width, &nm, &tmp));
    char norm[CAT_NAME_MAX + 1];
    CHECK(cat_check_name(nm, norm));
    CHECK(cursor_updatable(&c));
    if (c.t->flags & JET_bitObjectTableFixedDDL) {
        err = JET_errFixedDDL;   /* not even with JET_bitTablePermitDDL (ESE) */
        goto done;
    }
    CHECK(api_ddl_begin(s, &x));
    err = api_ddl_end(s, x, cat_delete_column(x, c.d, c.t, norm, grbit), false);
done:
    api_cursor_put(&c);
    free(tmp);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetDeleteColumnA(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_PCSTR szColumnName)
{
    return delete_column(sesid, tableid, szColumnName, 0, 0);
}
JETDB_EXPORT JET_ERR JetDeleteColumnW(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_PCWSTR szColumnName)
{
    return delete_column(sesid, tableid, szColumnName, 0, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetDeleteColumnW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCWSTR szColumnName)
{
    return delete_column(sesid, tableid, szColumnName, 0, API_WIDE16);
}
JETDB_EXPORT JET_ERR JetDeleteColumn2A(JET_SESID sesid, JET_TABLEID tableid,
                                       JET_PCSTR szColumnName, const JET_GRBIT grbit)
{
    return delete_column(sesid, tableid, szColumnName, grbit, 0);
}
JETDB_EXPORT JET_ERR JetDeleteColumn2W(JET_SESID sesid, JET_TABLEID tableid,
                                       JET_PCWSTR szColumnName, const JET_GRBIT grbit)
{
    return delete_column(sesid, tableid, szColumnName, grbit, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetDeleteColumn2W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                           JET_PCWSTR szColumnName, const JET_GRBIT grbit)
{
    return delete_column(sesid, tableid, szColumnName, grbit, API_WIDE16);
}

static JET_ERR rename_column(JET_SESID sesid, JET_TABLEID tableid, const void *name,
                             const void *newname, JET_GRBIT grbit, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    vtx *x = NULL;
    const char *a, *b;
    char *ta = NULL, *tb = NULL;
    CHECK(api_cursor_get(s, tableid, &c));
    if (c.t->temp) {
        err = JET_errInvalidParameter;
        goto done;
    }
    if (name == NULL || newname == NULL) {
        err = JET_errInvalidParameter;
        goto done;
    }
    if (vtx_level(s) != 0) {
        err = JET_errInTransaction;
        goto done;
    }
    if (grbit != 0) {
        err = JET_errInvalidGrbit;
        goto done;
    }
    CHECK(api_name(name, width, &a, &ta));
    CHECK(api_name(newname, width, &b, &tb));
    char n1[CAT_NAME_MAX + 1], n2[CAT_NAME_MAX + 1];
    CHECK(cat_check_name(a, n1));
    CHECK(cat_check_name(b, n2));
    CHECK(cursor_updatable(&c));
    CHECK(api_ddl_begin(s, &x));
    err = api_ddl_end(s, x, cat_rename_column(x, c.d, c.t, n1, n2), false);
done:
    api_cursor_put(&c);
    free(ta);
    free(tb);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetRenameColumnA(JET_SESID sesid, JET_TABLEID tableid, JET_PCSTR szName,
                                      JET_PCSTR szNameNew, JET_GRBIT grbit)
{
    return rename_column(sesid, tableid, szName, szNameNew, grbit, 0);
}
JETDB_EXPORT JET_ERR JetRenameColumnW(JET_SESID sesid, JET_TABLEID tableid, JET_PCWSTR szName,
                                      JET_PCWSTR szNameNew, JET_GRBIT grbit)
{
    return rename_column(sesid, tableid, szName, szNameNew, grbit, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetRenameColumnW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_PCWSTR szName, JET_PCWSTR szNameNew,
                                          JET_GRBIT grbit)
{
    return rename_column(sesid, tableid, szName, szNameNew, grbit, API_WIDE16);
}

static JET_ERR set_default(JET_SESID sesid, JET_DBID dbid, const void *table,
                           const void *column, const void *pv, uint32_t cb, JET_GRBIT grbit,
                           size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    db *d = NULL;
    cat_table *t = NULL;
    vtx *x = NULL;
    const char *tn, *cn;
    char *tt = NULL, *tc = NULL;
    CHECK(db_pin_opened(s, dbid, &d));
    CHECK(api_name(column, width, &cn, &tc));
    char ncol[CAT_NAME_MAX + 1];
    CHECK(cat_check_name(cn, ncol));
    if (pv == NULL || cb == 0) {
        err = JET_errNullInvalid;
        goto done;
    }
    if (grbit != 0) {
        err = JET_errInvalidGrbit;
        goto done;
    }
    CHECK(api_name(table, width, &tn, &tt));
    char ntab[CAT_NAME_MAX + 1];
    CHECK(cat_check_name(tn, ntab));
    if (d->read_only) {
        err = JET_errPermissionDenied;
        goto done;
    }
    CHECK(api_ddl_begin(s, &x));
    err = cat_table_get(x, d, ntab, &t);
    /* ESE opens the table exclusively for this. */
    if (err >= 0 && isam_table_in_use(d, t->objid, 0))
        err = JET_errTableInUse;
    if (err >= 0)
        err = cat_set_default(x, d, t, ncol, pv, cb);
    err = api_ddl_end(s, x, err, false);
done:
    cat_table_release(t);
    db_unpin(d);
    free(tt);
    free(tc);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetSetColumnDefaultValueA(JET_SESID sesid, JET_DBID dbid,
                                               JET_PCSTR szTableName, JET_PCSTR szColumnName,
                                               const void *pvData, const uint32_t cbData,
                                               const JET_GRBIT grbit)
{
    return set_default(sesid, dbid, szTableName, szColumnName, pvData, cbData, grbit, 0);
}
JETDB_EXPORT JET_ERR JetSetColumnDefaultValueW(JET_SESID sesid, JET_DBID dbid,
                                               JET_PCWSTR szTableName, JET_PCWSTR szColumnName,
                                               const void *pvData, const uint32_t cbData,
                                               const JET_GRBIT grbit)
{
    return set_default(sesid, dbid, szTableName, szColumnName, pvData, cbData, grbit,
                       API_WIDE32);
}
JETDB_EXPORT JET_ERR JetSetColumnDefaultValueW_u16(JET_SESID sesid, JET_DBID dbid,
                                                   JET_PCWSTR szTableName,
                                                   JET_PCWSTR szColumnName, const void *pvData,
                                                   const uint32_t cbData,
                                                   const JET_GRBIT grbit)
{
    return set_default(sesid, dbid, szTableName, szColumnName, pvData, cbData, grbit,
                       API_WIDE16);
}

/* ---- indexes ----------------------------------------------------------------------------- */

/* Create the indexes of specs on the cursor's table, in one transaction;
 * each new secondary index is filled from the rows before the commit. */
static JET_ERR create_indexes(sess *s, api_cursor *c, cat_idxspec *specs, uint32_t n)
{
    JET_ERR err;
    CALL(cursor_updatable(c));
    if (c->t->temp)
        return JET_errInvalidParameter;
    if ((c->t->flags & JET_bitObjectTableFixedDDL) &&
        (!(c->grbit & JET_bitTablePermitDDL) || (c->t->flags & JET_bitObjectTableTemplate)))
        return JET_errFixedDDL;
    bool exclusive = (c->grbit & JET_bitTableDenyRead) != 0;
    if (n != 1) {
        /* ESE's batch mode: several indexes built in one scan. */
        if (vtx_level(s) != 0)
            return JET_errInTransaction;
        if (!exclusive)
            return JET_errExclusiveTableLockRequired;
        if (n == 0)
            return JET_errSuccess;
        for (uint32_t i = 0; i < n; i++) {
            if (specs[i].bad_struct)
                return JET_errInvalidParameter;
            if (specs[i].grbit &
                (JET_bitIndexPrimary | JET_bitIndexUnversioned | JET_bitIndexEmpty))
                return JET_errInvalidGrbit;
        }
    } else {
        if (specs[0].bad_struct)
            return JET_errInvalidParameter;
        if ((specs[0].grbit & JET_bitIndexUnversioned) && !exclusive && vtx_level(s) != 0)
            return JET_errInTransaction;
    }
    bool lazy = true;
    for (uint32_t i = 0; i < n; i++)
        if (!(specs[i].grbit & JET_bitIndexLazyFlush))
            lazy = false;
    vtx *x;
    CALL(api_ddl_begin(s, &x));
    err = JET_errSuccess;
    for (uint32_t i = 0; i < n && err >= 0; i++)
        err = cat_create_index(x, c->d, c->t, &specs[i]);
    cat_table *cur = NULL;
    if (err >= 0)
        err = cat_table_current(x, c->d, c->t, &cur);
    for (uint32_t i = 0; i < n && err >= 0; i++) {
        char nm[CAT_NAME_MAX + 1];
        if (cat_check_name(specs[i].name, nm) < 0)
            continue;
        const cat_index *ix = cat_index_by_name(cur, nm);
        if (ix != NULL && !ix->primary && !(specs[i].grbit & JET_bitIndexEmpty))
            err = isam_index_build(x, c->d, cur, ix);
    }
    cat_table_release(cur);
    return api_ddl_end(s, x, err, lazy);
}

/* JetCreateIndex2/3/4 for structure version ver and width. */
static JET_ERR create_index_n(JET_SESID sesid, JET_TABLEID tableid, void *arr, uint32_t n,
                              int ver, size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    spec_mem m = { 0 };
    CHECK(api_cursor_get(s, tableid, &c));
    if (n > 0 && arr == NULL) {
        err = JET_errInvalidParameter;
        goto done;
    }
    if (ver == IDXV3)
        CHECK(check_unicode_v3(arr, n));
    cat_idxspec *specs = NULL;
    CHECK(conv_indexes(&m, ver, arr, n, width, &specs));
    err = create_indexes(s, &c, specs, n);
done:
    spec_free(&m);
    api_cursor_put(&c);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetCreateIndex2A(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_INDEXCREATE_A *pindexcreate, uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV1, 0);
}
JETDB_EXPORT JET_ERR JetCreateIndex2W(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_INDEXCREATE_W *pindexcreate, uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV1, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateIndex2W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_INDEXCREATE_W *pindexcreate,
                                          uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV1, API_WIDE16);
}
JETDB_EXPORT JET_ERR JetCreateIndex3A(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_INDEXCREATE2_A *pindexcreate, uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV2, 0);
}
JETDB_EXPORT JET_ERR JetCreateIndex3W(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_INDEXCREATE2_W *pindexcreate, uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV2, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateIndex3W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_INDEXCREATE2_W *pindexcreate,
                                          uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV2, API_WIDE16);
}
JETDB_EXPORT JET_ERR JetCreateIndex4A(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_INDEXCREATE3_A *pindexcreate, uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV3, 0);
}
JETDB_EXPORT JET_ERR JetCreateIndex4W(JET_SESID sesid, JET_TABLEID tableid,
                                      JET_INDEXCREATE3_W *pindexcreate, uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV3, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateIndex4W_u16(JET_SESID sesid, JET_TABLEID tableid,
                                          JET_INDEXCREATE3_W *pindexcreate,
                                          uint32_t cIndexCreate)
{
    return create_index_n(sesid, tableid, pindexcreate, cIndexCreate, IDXV3, API_WIDE16);
}

/* JetCreateIndex: one index from a name, grbit, key and density. */
static JET_ERR create_index_1(JET_SESID sesid, JET_TABLEID tableid, const void *name,
                              JET_GRBIT grbit, const void *key, uint32_t cbKey,
                              uint32_t density, size_t width)
{
    JET_INDEXCREATE_A ic;
    memset(&ic, 0, sizeof ic);
    ic.cbStruct = sizeof ic;
    ic.szIndexName = (char *)name;
    ic.szKey = (char *)key;
    ic.cbKey = cbKey;
    ic.grbit = grbit;
    ic.ulDensity = density;
    return create_index_n(sesid, tableid, &ic, 1, IDXV1, width);
}

JETDB_EXPORT JET_ERR JetCreateIndexA(JET_SESID sesid, JET_TABLEID tableid,
                                     JET_PCSTR szIndexName, JET_GRBIT grbit, const char *szKey,
                                     uint32_t cbKey, uint32_t lDensity)
{
    return create_index_1(sesid, tableid, szIndexName, grbit, szKey, cbKey, lDensity, 0);
}
JETDB_EXPORT JET_ERR JetCreateIndexW(JET_SESID sesid, JET_TABLEID tableid,
                                     JET_PCWSTR szIndexName, JET_GRBIT grbit,
                                     const WCHAR *szKey, uint32_t cbKey, uint32_t lDensity)
{
    return create_index_1(sesid, tableid, szIndexName, grbit, szKey, cbKey, lDensity,
                          API_WIDE32);
}
JETDB_EXPORT JET_ERR JetCreateIndexW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                         JET_PCWSTR szIndexName, JET_GRBIT grbit,
                                         const WCHAR *szKey, uint32_t cbKey, uint32_t lDensity)
{
    return create_index_1(sesid, tableid, szIndexName, grbit, szKey, cbKey, lDensity,
                          API_WIDE16);
}

/* ESE refuses to delete an index some cursor (of any session, the caller's
 * own included) has as its current index: JET_errIndexInUse.  A name that
 * is not a secondary index is left to cat_delete_index's own errors. */
static JET_ERR index_not_in_use(vtx *x, db *d, cat_table *t, const char *name)
{
    cat_table *cur;
    CALL(cat_table_current(x, d, t, &cur));
    const cat_index *ix = cat_index_by_name(cur, name);
    JET_ERR err = JET_errSuccess;
    if (ix != NULL && !ix->primary && isam_index_in_use(d, cur->objid, ix->objid))
        err = JET_errIndexInUse;
    cat_table_release(cur);
    return err;
}

static JET_ERR delete_index(JET_SESID sesid, JET_TABLEID tableid, const void *name,
                            size_t width)
{
    sess *s;
    CALL(sess_gate_enter(sesid, 0, &s));
    JET_ERR err;
    api_cursor c = { 0 };
    vtx *x = NULL;
    const char *nm;
    char *tmp = NULL;
    CHECK(api_cursor_get(s, tableid, &c));
    if (c.t->temp) {
        err = JET_errInvalidParameter;
        goto done;
    }
    CHECK(api_name(name, width, &nm, &tmp));
    char norm[CAT_NAME_MAX + 1];
    CHECK(cat_check_name(nm, norm));
    CHECK(cursor_updatable(&c));
    if (c.t->flags & JET_bitObjectTableFixedDDL) {
        err = JET_errFixedDDL;
        goto done;
    }
    CHECK(api_ddl_begin(s, &x));
    err = index_not_in_use(x, c.d, c.t, norm);
    if (err >= 0)
        err = cat_delete_index(x, c.d, c.t, norm);
    err = api_ddl_end(s, x, err, false);
done:
    api_cursor_put(&c);
    free(tmp);
    sess_gate_leave(s);
    return err;
}

JETDB_EXPORT JET_ERR JetDeleteIndexA(JET_SESID sesid, JET_TABLEID tableid,
                                     JET_PCSTR szIndexName)
{
    return delete_index(sesid, tableid, szIndexName, 0);
}
JETDB_EXPORT JET_ERR JetDeleteIndexW(JET_SESID sesid, JET_TABLEID tableid,
                                     JET_PCWSTR szIndexName)
{
    return delete_index(sesid, tableid, szIndexName, API_WIDE32);
}
JETDB_EXPORT JET_ERR JetDeleteIndexW_u16(JET_SESID sesid, JET_TABLEID tableid,
                                         JET_PCWSTR szIndexName)
{
    return delete_index(sesid, tableid, szIndexName, API_WIDE16);
}
