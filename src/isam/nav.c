/*
 * nav.c: where a cursor is and how it moves — JetMove, JetMakeKey,
 * JetSeek, JetSetIndexRange, JetSetCurrentIndex*, JetGetCurrentIndex,
 * bookmarks, record positions and counts.
 *
 * A cursor remembers its position as the stored key of its current index
 * entry; every move re-seeks from that key, so a deleted current entry, a
 * transaction that began or ended, or other sessions' changes never leave
 * it dangling.  Comparisons for seeks and ranges are on the index key part
 * of an entry (a non-unique secondary entry's key is followed by the
 * record's bookmark).
 */
#include "isam/isam_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"

/* ---- position helpers ---------------------------------------------------------- */

void isam_pos_reset(isam_cursor *c, isam_pos pos)
{
    c->pos = pos;
    c->eklen = 0;
    c->bmlen = 0;
}

static const cat_index *cur_index(const isam_cursor *c)
{
    return c->ix >= 0 ? &c->t->idx[c->ix] : NULL;
}

/* Key part of the current entry. */
static size_t cur_seclen(const isam_cursor *c)
{
    const cat_index *ix = cur_index(c);
    if (ix != NULL)
        return isam_entry_seclen(ix, c->eklen, c->bmlen);
    if (isam_primary_dups(c->t) && c->eklen >= ISAM_SEQ_KEY_LEN)
        return c->eklen - ISAM_SEQ_KEY_LEN;
    return c->eklen;
}

/* Compare an entry's key part with a search key: memcmp order, a shorter
 * key sorting first. */
static int key_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int r = n ? memcmp(a, b, n) : 0;
    if (r != 0)
        return r;
    return alen < blen ? -1 : alen > blen ? 1 : 0;
}

/* Load key and bookmark of the entry the vt cursor is on, re-reading it
 * through x (the slow way: vt_cursor_key / vt_cursor_value check
 * visibility again). */
static JET_ERR load_here_read(isam_cursor *c)
{
    vtx *x = isam_x(c);
    size_t len = 0;
    JET_ERR err = vt_cursor_key(x, c->vc, c->ekey, c->ekcap, &len);
    if (err >= 0 && len > c->ekcap) {
        uint8_t *k = realloc(c->ekey, len);
        if (k == NULL)
            return JET_errOutOfMemory;
        c->ekey = k;
        c->ekcap = len;
        err = vt_cursor_key(x, c->vc, c->ekey, c->ekcap, &len);
    }
    CALL(err);
    c->eklen = len;
    if (c->ix < 0) {
        CALL(isam_buf_set(&c->bm, &c->bmcap, &c->bmlen, c->ekey, len));
    } else {
        size_t bl = 0;
        err = vt_cursor_value(x, c->vc, 0, c->bm, c->bmcap, &bl);
        if (err >= 0 && bl > c->bmcap) {
            uint8_t *b = realloc(c->bm, bl);
            if (b == NULL)
                return JET_errOutOfMemory;
            c->bm = b;
            c->bmcap = bl;
            err = vt_cursor_value(x, c->vc, 0, c->bm, c->bmcap, &bl);
        }
        CALL(err);
        c->bmlen = bl;
    }
    c->pos = POS_ON;
    return JET_errSuccess;
}

/* Load key and bookmark of the entry the vt cursor just landed on: what
 * the move saw (it checked visibility a moment ago), without reading the
 * entry again; a bookmark longer than the landing kept is re-read. */
static JET_ERR load_here(isam_cursor *c)
{
    const uint8_t *k, *v;
    size_t klen, vgot, vfull;
    if (vt_cursor_landed(c->vc, &k, &klen, &v, &vgot, &vfull) < 0 ||
        (c->ix >= 0 && vgot < vfull))
        return load_here_read(c);
    CALL(isam_buf_set(&c->ekey, &c->ekcap, &c->eklen, k, klen));
    if (c->ix < 0)
        CALL(isam_buf_set(&c->bm, &c->bmcap, &c->bmlen, k, klen));
    else
        CALL(isam_buf_set(&c->bm, &c->bmcap, &c->bmlen, v, vgot));
    c->pos = POS_ON;
    return JET_errSuccess;
}

JET_ERR isam_pos_set(isam_cursor *c, const void *ekey, size_t eklen)
{
    JET_ERR err = vt_cursor_seek(isam_x(c), c->vc, BT_SEEK_EQ, ekey, eklen);
    if (err == JET_errRecordNotFound)
        return JET_errRecordDeleted;
    CALL(err);
    return load_here(c);
}

/* Raw moves on the index, ignoring ranges.  On failure the position is
 * after the last (forward) or before the first (backward) entry. */
static JET_ERR raw_first(isam_cursor *c)
{
    JET_ERR err = vt_cursor_first(isam_x(c), c->vc);
    if (err < 0) {
        isam_pos_reset(c, POS_BEFORE);
        return err == JET_errRecordNotFound ? JET_errNoCurrentRecord : err;
    }
    return load_here(c);
}

static JET_ERR raw_last(isam_cursor *c)
{
    JET_ERR err = vt_cursor_last(isam_x(c), c->vc);
    if (err < 0) {
        isam_pos_reset(c, POS_AFTER);
        return err == JET_errRecordNotFound ? JET_errNoCurrentRecord : err;
    }
    return load_here(c);
}

static JET_ERR raw_seek(isam_cursor *c, bt_seek op, const uint8_t *key, size_t len,
                        isam_pos fail)
{
    JET_ERR err = vt_cursor_seek(isam_x(c), c->vc, op, key, len);
    if (err < 0) {
        if (err == JET_errRecordNotFound || err == JET_errNoCurrentRecord) {
            isam_pos_reset(c, fail);
            return JET_errNoCurrentRecord;
        }
        return err;
    }
    return load_here(c);
}

/* Move from the current entry (POS_ON) or from where a key would be
 * (POS_BETWEEN) to the next (dir > 0) or previous entry.  When the vt
 * cursor still stands on the entry, it steps from there (the B-tree
 * cursor's hint: no new descent); otherwise it seeks past the key. */
static JET_ERR step_from_key(isam_cursor *c, int dir, bool on)
{
    if (on && vt_cursor_is_on(c->vc, c->ekey, c->eklen)) {
        vtx *x = isam_x(c);
        JET_ERR err = dir > 0 ? vt_cursor_next(x, c->vc) : vt_cursor_prev(x, c->vc);
        if (err < 0) {
            if (err == JET_errRecordNotFound || err == JET_errNoCurrentRecord) {
                isam_pos_reset(c, dir > 0 ? POS_AFTER : POS_BEFORE);
                return JET_errNoCurrentRecord;
            }
            return err;
        }
        return load_here(c);
    }
    /* raw_seek overwrites ekey: seek from a copy. */
    uint8_t k[ISAM_KEY_MAX > BT_KEY_MAX ? ISAM_KEY_MAX : BT_KEY_MAX];
    size_t klen = c->eklen;
    if (klen > sizeof k)
        return JET_errDatabaseCorrupted;
    memcpy(k, c->ekey, klen);
    bt_seek op = dir > 0 ? (on ? BT_SEEK_GT : BT_SEEK_GE) : BT_SEEK_LT;
    return raw_seek(c, op, k, klen, dir > 0 ? POS_AFTER : POS_BEFORE);
}

static JET_ERR raw_next(isam_cursor *c)
{
    switch (c->pos) {
    case POS_BEFORE:
        return raw_first(c);
    case POS_FIRST: {
        JET_ERR err = raw_first(c);
        if (err < 0)
            return err;
        break;
    }
    case POS_AFTER:
        return JET_errNoCurrentRecord;
    case POS_BETWEEN:
        return step_from_key(c, 1, false);
    case POS_ON:
        break;
    }
    return step_from_key(c, 1, true);
}

static JET_ERR raw_prev(isam_cursor *c)
{
    switch (c->pos) {
    case POS_AFTER:
        return raw_last(c);
    case POS_BEFORE:
        return JET_errNoCurrentRecord;
    case POS_FIRST:
        /* on the first entry: nothing before it */
        isam_pos_reset(c, POS_BEFORE);
        return JET_errNoCurrentRecord;
    case POS_BETWEEN:
        return step_from_key(c, -1, false);
    case POS_ON:
        break;
    }
    return step_from_key(c, -1, true);
}

/* After a move forward (dir > 0) or backward: leave the index range when
 * the entry is past its limit (the range is then removed). */
static JET_ERR check_range(isam_cursor *c)
{
    if (!c->range || c->pos != POS_ON)
        return JET_errSuccess;
    int cmp = key_cmp(c->ekey, cur_seclen(c), c->rkey, c->rklen);
    bool out = c->rupper ? (cmp > 0 || (cmp == 0 && !c->rincl))
                         : (cmp < 0 || (cmp == 0 && !c->rincl));
    if (!out)
        return JET_errSuccess;
    isam_pos_reset(c, c->rupper ? POS_AFTER : POS_BEFORE);
    c->range = false;
    return JET_errNoCurrentRecord;
}

/* Resolve a deferred move to the first entry. */
static JET_ERR resolve_first(isam_cursor *c)
{
    if (c->pos != POS_FIRST)
        return JET_errSuccess;
    JET_ERR err = raw_first(c);
    if (err == JET_errNoCurrentRecord) {
        c->pos = POS_FIRST;       /* stays deferred: a later insert is first */
        return JET_errNoCurrentRecord;
    }
    return err;
}

JET_ERR isam_load_record(isam_cursor *c, const void *bm, size_t bmlen, uint8_t **rec,
                         size_t *len)
{
    vtx *x = isam_x(c);
    size_t cap = 512, actual = 0;
    uint8_t *buf = malloc(cap);
    if (buf == NULL)
        return JET_errOutOfMemory;
    JET_ERR err = vt_get(x, c->data, bm, bmlen, 0, buf, cap, &actual);
    if (err >= 0 && actual > cap) {
        uint8_t *b = realloc(buf, actual);
        if (b == NULL) {
            free(buf);
            return JET_errOutOfMemory;
        }
        buf = b;
        cap = actual;
        err = vt_get(x, c->data, bm, bmlen, 0, buf, cap, &actual);
    }
    if (err < 0) {
        free(buf);
        return err;
    }
    *rec = buf;
    *len = actual;
    return JET_errSuccess;
}

/* Read into the cursor's record buffer: the value of the entry the vt
 * cursor stands on (tree NULL) or the row key of tree, as x sees it. */
static JET_ERR read_into_buf(isam_cursor *c, vtx *x, bt_tree *tree, const void *key,
                             size_t klen, size_t *len)
{
    if (c->reccap == 0) {
        c->rec = malloc(512);
        if (c->rec == NULL)
            return JET_errOutOfMemory;
        c->reccap = 512;
    }
    for (int attempt = 0;; attempt++) {
        size_t actual = 0;
        JET_ERR err = tree == NULL
                          ? vt_cursor_value(x, c->vc, 0, c->rec, c->reccap, &actual)
                          : vt_get(x, tree, key, klen, 0, c->rec, c->reccap, &actual);
        if (err < 0)
            return err;
        if (actual <= c->reccap || attempt > 0) {
            /* (a row that grew between the two reads is read again) */
            if (actual > c->reccap)
                return JET_errDatabaseCorrupted;
            *len = actual;
            return JET_errSuccess;
        }
        uint8_t *b = realloc(c->rec, actual);
        if (b == NULL)
            return JET_errOutOfMemory;
        c->rec = b;
        c->reccap = actual;
    }
}

JET_ERR isam_current_rec(isam_cursor *c, const uint8_t **rec, size_t *len)
{
    JET_ERR err = resolve_first(c);
    if (err < 0)
        return err;
    if (c->pos != POS_ON)
        return JET_errNoCurrentRecord;
    vtx *x = isam_x(c);
    /* The entry must still be there for us, and so must its record.  The
     * vt cursor normally still stands on the entry: it reads through its
     * B-tree hint instead of descending again. */
    bool on = vt_cursor_is_on(c->vc, c->ekey, c->eklen);
    size_t n = 0;
    const uint8_t *fresh;
    if (on && vt_cursor_fresh_value(c->vc, &fresh, &n)) {
        /* Nothing was written to the index since the cursor landed on the
         * entry: it is there for everyone, exactly as it was read. */
        if (c->ix < 0) {
            if (rec != NULL) {
                *rec = fresh;
                *len = n;
            }
            return JET_errSuccess;
        }
        if (rec == NULL)
            return JET_errSuccess;
        err = read_into_buf(c, x, c->data, c->bm, c->bmlen, &n);
    } else if (c->ix < 0 && rec != NULL) {
        /* primary index: the entry is the record */
        err = on ? read_into_buf(c, x, NULL, NULL, 0, &n)
                 : read_into_buf(c, x, c->data, c->ekey, c->eklen, &n);
    } else {
        size_t actual;
        err = on ? vt_cursor_value(x, c->vc, 0, NULL, 0, &actual)
                 : vt_get(x, c->itree, c->ekey, c->eklen, 0, NULL, 0, &actual);
        if (err >= 0 && rec != NULL)
            err = read_into_buf(c, x, c->data, c->bm, c->bmlen, &n);
    }
    if (err == JET_errRecordNotFound)
        return JET_errRecordDeleted;
    if (err < 0)
        return err;
    if (rec != NULL) {
        *rec = c->rec;
        *len = n;
    }
    return JET_errSuccess;
}

JET_ERR isam_current(isam_cursor *c, uint8_t **rec, size_t *len)
{
    if (rec == NULL)
        return isam_current_rec(c, NULL, NULL);
    const uint8_t *r;
    size_t n;
    CALL(isam_current_rec(c, &r, &n));
    uint8_t *copy = malloc(n ? n : 1);
    if (copy == NULL)
        return JET_errOutOfMemory;
    memcpy(copy, r, n);
    *rec = copy;
    *len = n;
    return JET_errSuccess;
}

/* ---- JetMove -------------------------------------------------------------------- */

/* One step forward / backward; skip entries with the current key when
 * key_ne. */
static JET_ERR step(isam_cursor *c, int dir, bool key_ne)
{
    uint8_t *prev = NULL;
    size_t prevlen = 0;
    if (key_ne && c->pos == POS_ON) {
        prevlen = cur_seclen(c);
        prev = malloc(prevlen ? prevlen : 1);
        if (prev == NULL)
            return JET_errOutOfMemory;
        memcpy(prev, c->ekey, prevlen);
    }
    JET_ERR err;
    for (;;) {
        err = dir > 0 ? raw_next(c) : raw_prev(c);
        if (err < 0)
            break;
        if (prev == NULL || key_cmp(c->ekey, cur_seclen(c), prev, prevlen) != 0)
            break;
    }
    free(prev);
    if (err >= 0)
        err = check_range(c);
    return err;
}

JET_ERR isam_move(isam_cursor *c, int32_t rows, JET_GRBIT grbit)
{
    bool key_ne = (grbit & JET_bitMoveKeyNE) != 0;
    if (c->prep != PREP_NONE)
        isam_prep_reset(c);
    if (rows == JET_MoveFirst) {
        c->range = false;
        return raw_first(c);
    }
    if (rows == JET_MoveLast) {
        c->range = false;
        return raw_last(c);
    }
    if (rows == 0) {
        JET_ERR err = isam_current(c, NULL, NULL);
        return err;
    }
    JET_ERR err = JET_errSuccess;
    int32_t n = rows > 0 ? rows : -rows;
    int dir = rows > 0 ? 1 : -1;
    for (int32_t i = 0; i < n && err >= 0; i++)
        err = step(c, dir, key_ne);
    if (err == JET_errRecordNotFound)
        err = JET_errNoCurrentRecord;
    return err;
}

/* ---- JetMakeKey ------------------------------------------------------------------- */

#define LIMIT_BITS                                                                      \
    (JET_bitStrLimit | JET_bitSubStrLimit | JET_bitFullColumnStartLimit |             \
     JET_bitFullColumnEndLimit | JET_bitPartialColumnStartLimit |                     \
     JET_bitPartialColumnEndLimit)

static size_t ix_key_cap(const cat_index *ix)
{
    size_t cap = ix->cbKeyMost ? ix->cbKeyMost : JET_cbKeyMost;
    return cap > ISAM_KEY_MAX ? ISAM_KEY_MAX : cap;
}

/* The index keys are made for: the current index, or the primary one. */
static const cat_index *key_index(const isam_cursor *c)
{
    if (c->ix >= 0)
        return &c->t->idx[c->ix];
    return c->t->primary >= 0 ? &c->t->idx[c->t->primary] : NULL;
}

JET_ERR isam_make_key(isam_cursor *c, const void *data, uint32_t cb, JET_GRBIT grbit)
{
    const cat_index *ix = key_index(c);
    if (ix == NULL)
        return JET_errNoCurrentIndex;
    if (grbit & JET_bitNormalizedKey) {
        if (cb > ISAM_KEY_MAX || (cb > 0 && data == NULL))
            return JET_errInvalidParameter;
        if (cb > 0)
            memcpy(c->skey, data, cb);
        c->sklen = cb;
        c->skseg = ix->nseg;
        c->skmade = true;
        c->sklimit = true;
        return JET_errSuccess;
    }
    JET_GRBIT limit = grbit & LIMIT_BITS;
    if (limit & (limit - 1))
        return JET_errInvalidGrbit;
    if (grbit & JET_bitNewKey) {
        c->sklen = 0;
        c->skseg = 0;
        c->skmade = false;
        c->sklimit = false;
    } else if (!c->skmade) {
        return JET_errKeyNotMade;
    }
    if (c->sklimit || c->skseg >= ix->nseg)
        return JET_errKeyIsMade;
    uint32_t i = c->skseg;
    const cat_column *col = cat_column_by_id(c->t, ix->seg[i].colid);
    if (col == NULL)
        return JET_errColumnNotFound;
    unsigned flags = 0;
    if (cb == 0 && !(grbit & JET_bitKeyDataZeroLength)) {
        flags = KEY_NORM_NULL;
        data = NULL;
    } else {
        uint32_t fixed = rec_fixed_size(col->def.coltyp);
        if (fixed != 0 && cb != fixed)
            return JET_errInvalidBufferSize;
        if (cb > 0 && data == NULL)
            return JET_errInvalidParameter;
        if (cb == 0)
            data = "";
    }
    if (limit & (JET_bitSubStrLimit | JET_bitPartialColumnStartLimit |
                 JET_bitPartialColumnEndLimit))
        flags |= KEY_NORM_OPEN_END;
    size_t cap = ix_key_cap(ix);
    size_t len = c->sklen;
    JET_ERR err = key_append(c->skey, cap, &len, &ix->seg[i].seg, data, cb,
                             flags | isam_key_flags(ix));
    CALL(err);
    c->sklen = len;
    c->skseg++;
    c->skmade = true;
    if (limit) {
        c->sklimit = true;
        if (limit & (JET_bitStrLimit | JET_bitSubStrLimit | JET_bitFullColumnEndLimit |
                     JET_bitPartialColumnEndLimit)) {
            /* an end limit sorts after every key with this prefix */
            if (c->sklen < ISAM_KEY_MAX)
                c->skey[c->sklen++] = 0xFF;
        }
    }
    return JET_errSuccess;
}

JET_ERR isam_retrieve_key(isam_cursor *c, void *buf, uint32_t cb, uint32_t *actual,
                          JET_GRBIT grbit)
{
    const uint8_t *k;
    size_t len;
    if (grbit & JET_bitRetrieveCopy) {
        if (!c->skmade)
            return JET_errKeyNotMade;
        k = c->skey;
        len = c->sklen;
    } else {
        CALL(isam_current(c, NULL, NULL));
        k = c->ekey;
        len = cur_seclen(c);
    }
    if (actual != NULL)
        *actual = (uint32_t)len;
    size_t n = len < cb ? len : cb;
    if (n > 0) {
        if (buf == NULL)
            return JET_errInvalidParameter;
        memcpy(buf, k, n);
    }
    return len > cb ? JET_wrnBufferTruncated : JET_errSuccess;
}

/* ---- JetSeek ---------------------------------------------------------------------- */

/* Walk forward from the current entry while its key part is < key
 * (strict = false) or <= key (strict = true). */
static JET_ERR skip_forward(isam_cursor *c, const uint8_t *key, size_t klen, bool strict)
{
    while (c->pos == POS_ON) {
        int cmp = key_cmp(c->ekey, cur_seclen(c), key, klen);
        if (cmp > 0 || (cmp == 0 && !strict))
            return JET_errSuccess;
        CALL(raw_next(c));
    }
    return JET_errNoCurrentRecord;
}

/* First entry whose key part is >= key (or > key when strict). */
static JET_ERR seek_forward(isam_cursor *c, const uint8_t *key, size_t klen, bool strict)
{
    JET_ERR err = raw_seek(c, BT_SEEK_GE, key, klen, POS_AFTER);
    if (err < 0)
        return err;
    return skip_forward(c, key, klen, strict);
}

JET_ERR isam_set_index_range(isam_cursor *c, JET_GRBIT grbit);

JET_ERR isam_seek(isam_cursor *c, JET_GRBIT grbit)
{
    if (key_index(c) == NULL)
        return JET_errNoCurrentIndex;
    if (!c->skmade)
        return JET_errKeyNotMade;
    if (c->prep != PREP_NONE)
        isam_prep_reset(c);
    c->range = false;
    uint8_t key[ISAM_KEY_MAX + 1];
    size_t klen = c->sklen;
    memcpy(key, c->skey, klen);
    JET_GRBIT op = grbit & (JET_bitSeekEQ | JET_bitSeekLT | JET_bitSeekLE | JET_bitSeekGE |
                            JET_bitSeekGT);
    JET_ERR err;
    if (op == JET_bitSeekEQ) {
        err = seek_forward(c, key, klen, false);
        if (err >= 0 && key_cmp(c->ekey, cur_seclen(c), key, klen) != 0)
            err = JET_errRecordNotFound;
        if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound) {
            /* a virtual position where the key would be */
            JET_ERR e2 = isam_buf_set(&c->ekey, &c->ekcap, &c->eklen, key, klen);
            if (e2 < 0)
                return e2;
            c->bmlen = 0;
            c->pos = POS_BETWEEN;
            err = JET_errRecordNotFound;
        } else if (err >= 0) {
            if (grbit & JET_bitCheckUniqueness) {
                /* exactly one entry with this key? */
                uint8_t *here = malloc(c->eklen ? c->eklen : 1);
                if (here == NULL)
                    return JET_errOutOfMemory;
                size_t hlen = c->eklen;
                memcpy(here, c->ekey, hlen);
                JET_ERR e2 = raw_next(c);
                bool unique = e2 < 0 || key_cmp(c->ekey, cur_seclen(c), key, klen) != 0;
                e2 = isam_pos_set(c, here, hlen);
                free(here);
                if (e2 < 0)
                    return e2;
                if (unique)
                    err = JET_wrnUniqueKey;
            }
            if (grbit & JET_bitSetIndexRange) {
                memcpy(c->skey, key, klen);
                c->sklen = klen;
                c->skmade = true;
                JET_ERR e2 = isam_set_index_range(c, JET_bitRangeInclusive |
                                                         JET_bitRangeUpperLimit);
                if (e2 < 0)
                    return e2;
            }
        }
    } else if (op == JET_bitSeekGE || op == JET_bitSeekGT) {
        /* ESE compares the search key with each entry's key part; a
         * partial key (fewer segments, no limit) sorts before every key it
         * is a prefix of, so SeekGT lands on the first of them.  (ESE adds
         * 0xFF to a complete key on a non-unique index only to skip the
         * entries of that key faster: segments delimit themselves, so the
         * result is the same as this strict comparison.) */
        err = seek_forward(c, key, klen, op == JET_bitSeekGT);
        if (err == JET_errNoCurrentRecord) {
            isam_pos_reset(c, POS_AFTER);
            err = JET_errRecordNotFound;
        } else if (err >= 0 && op == JET_bitSeekGE &&
                   key_cmp(c->ekey, cur_seclen(c), key, klen) != 0) {
            err = JET_wrnSeekNotEqual;
        }
    } else if (op == JET_bitSeekLE || op == JET_bitSeekLT) {
        /* the entry before the first one past the key */
        err = seek_forward(c, key, klen, op == JET_bitSeekLE);
        if (err == JET_errNoCurrentRecord)
            err = raw_last(c);
        else if (err >= 0)
            err = raw_prev(c);
        if (err == JET_errNoCurrentRecord) {
            isam_pos_reset(c, POS_BEFORE);
            err = JET_errRecordNotFound;
        } else if (err >= 0 && op == JET_bitSeekLE &&
                   key_cmp(c->ekey, cur_seclen(c), key, klen) != 0) {
            err = JET_wrnSeekNotEqual;
        }
    } else {
        return JET_errInvalidGrbit;
    }
    c->skmade = false;
    c->sklen = 0;
    c->skseg = 0;
    c->sklimit = false;
    return err;
}

/* ---- JetSetIndexRange ------------------------------------------------------------ */

JET_ERR isam_set_index_range(isam_cursor *c, JET_GRBIT grbit)
{
    if (grbit & JET_bitRangeRemove) {
        if (!c->range)
            return JET_errInvalidOperation;
        c->range = false;
        return JET_errSuccess;
    }
    if (key_index(c) == NULL)
        return JET_errNoCurrentIndex;
    if (!c->skmade)
        return JET_errKeyNotMade;
    CALL(isam_buf_set(&c->rkey, &c->rkcap, &c->rklen, c->skey, c->sklen));
    c->skmade = false;
    c->sklen = 0;
    c->skseg = 0;
    c->sklimit = false;
    /* The range starts at the current entry, which must lie inside it. */
    JET_ERR err = isam_current(c, NULL, NULL);
    if (err < 0)
        return err == JET_errRecordDeleted ? JET_errNoCurrentRecord : err;
    c->range = true;
    c->rupper = (grbit & JET_bitRangeUpperLimit) != 0;
    c->rincl = (grbit & JET_bitRangeInclusive) != 0;
    err = check_range(c);
    if (grbit & JET_bitRangeInstantDuration)
        c->range = false;
    return err;
}

/* ---- current index ----------------------------------------------------------------- */

/* Position on entry number itag (1-based) of record bm in the current index. */
JET_ERR isam_goto_record_entry(isam_cursor *c, const uint8_t *bm, size_t bmlen, uint32_t itag)
{
    const cat_index *ix = cur_index(c);
    if (ix == NULL)
        return isam_pos_set(c, bm, bmlen);
    uint8_t *rec;
    size_t len;
    JET_ERR err = isam_load_record(c, bm, bmlen, &rec, &len);
    if (err == JET_errRecordNotFound)
        return JET_errRecordDeleted;
    CALL(err);
    isam_keys ks;
    err = isam_record_keys(c, ix, rec, len, &ks);
    free(rec);
    CALL(err);
    if (itag == 0)
        itag = 1;
    if (ks.n < itag) {
        isam_keys_free(&ks);
        isam_pos_reset(c, POS_BEFORE);
        return ks.n == 0 ? JET_errNoCurrentRecord : JET_errBadItagSequence;
    }
    uint8_t ek[BT_KEY_MAX];
    size_t eklen;
    err = isam_entry_key(ix, ks.k[itag - 1], ks.len[itag - 1], bm, bmlen, ek, &eklen);
    isam_keys_free(&ks);
    CALL(err);
    return isam_pos_set(c, ek, eklen);
}

JET_ERR isam_set_current_index(isam_cursor *c, const char *name, const JET_INDEXID *id,
                               JET_GRBIT grbit, uint32_t itag)
{
    int ix = -1;
    if (id != NULL) {
        CALL(isam_indexid_find(c->t, id, &ix));
    } else if (name != NULL && name[0] != '\0') {
        const cat_index *i = cat_index_by_name(c->t, name);
        if (i == NULL)
            return JET_errIndexNotFound;
        ix = i->primary ? -1 : (int)(i - c->t->idx);
    }
    if (grbit == JET_bitNoMove) {
        if (ix == c->ix)
            return JET_errSuccess;
        JET_ERR err = isam_current(c, NULL, NULL);
        if (err < 0)
            return err;
        uint8_t *bm = malloc(c->bmlen ? c->bmlen : 1);
        if (bm == NULL)
            return JET_errOutOfMemory;
        size_t bmlen = c->bmlen;
        memcpy(bm, c->bm, bmlen);
        int old = c->ix;
        uint32_t old_level = c->ix_level;
        err = isam_set_index_ptr(c, ix);
        if (err >= 0)
            err = isam_goto_record_entry(c, bm, bmlen, itag);
        if (err < 0 && err != JET_errNoCurrentRecord) {
            /* back to where we were, with the level that index was chosen at */
            if (isam_set_index_ptr(c, old) >= 0) {
                c->ix_level = old_level;
                (void)isam_goto_record_entry(c, bm, bmlen, 1);
            }
        }
        free(bm);
        return err;
    }
    if (c->prep != PREP_NONE)
        isam_prep_reset(c);
    CALL(isam_set_index_ptr(c, ix));
    c->pos = POS_FIRST;
    return JET_errSuccess;
}

JET_ERR isam_get_current_index(isam_cursor *c, char *buf, uint32_t cb)
{
    const char *name = "";
    if (c->ix >= 0)
        name = c->t->idx[c->ix].name;
    else if (c->t->primary >= 0)
        name = c->t->idx[c->t->primary].name;
    size_t len = strlen(name);
    if (cb == 0)
        return JET_errBufferTooSmall;
    if (len + 1 > cb) {
        memcpy(buf, name, cb - 1);
        buf[cb - 1] = '\0';
        return JET_wrnBufferTruncated;
    }
    memcpy(buf, name, len + 1);
    return JET_errSuccess;
}

/* ---- bookmarks ------------------------------------------------------------------------ */

JET_ERR isam_get_bookmark(isam_cursor *c, void *buf, uint32_t cb, uint32_t *actual)
{
    CALL(isam_current(c, NULL, NULL));
    if (actual != NULL)
        *actual = (uint32_t)c->bmlen;
    if (cb < c->bmlen)
        return JET_errBufferTooSmall;
    if (buf == NULL)
        return JET_errInvalidParameter;
    memcpy(buf, c->bm, c->bmlen);
    return JET_errSuccess;
}

JET_ERR isam_goto_bookmark(isam_cursor *c, const void *bm, uint32_t cb)
{
    if (bm == NULL || cb == 0 || cb > BT_KEY_MAX)
        return JET_errInvalidBookmark;
    if (c->prep != PREP_NONE)
        isam_prep_reset(c);
    c->range = false;
    c->skmade = false;
    c->sklen = 0;
    c->skseg = 0;
    c->sklimit = false;
    JET_ERR err = isam_goto_record_entry(c, bm, cb, 1);
    if (err == JET_errRecordNotFound)
        err = JET_errRecordDeleted;
    return err;
}

JET_ERR isam_get_secondary_bookmark(isam_cursor *c, void *sk, uint32_t cbsk,
                                    uint32_t *sk_actual, void *pk, uint32_t cbpk,
                                    uint32_t *pk_actual)
{
    if (cur_index(c) == NULL)
        return JET_errNoCurrentIndex;
    CALL(isam_current(c, NULL, NULL));
    size_t seclen = cur_seclen(c);
    if (sk_actual != NULL)
        *sk_actual = (uint32_t)seclen;
    if (pk_actual != NULL)
        *pk_actual = (uint32_t)c->bmlen;
    if (cbsk < seclen || cbpk < c->bmlen)
        return JET_errBufferTooSmall;
    if ((seclen > 0 && sk == NULL) || (c->bmlen > 0 && pk == NULL))
        return JET_errInvalidParameter;
    memcpy(sk, c->ekey, seclen);
    memcpy(pk, c->bm, c->bmlen);
    return JET_errSuccess;
}

JET_ERR isam_goto_secondary_bookmark(isam_cursor *c, const void *sk, uint32_t cbsk,
                                     const void *pk, uint32_t cbpk, JET_GRBIT grbit)
{
    const cat_index *ix = cur_index(c);
    if (ix == NULL)
        return JET_errNoCurrentIndex;
    if (sk == NULL || cbsk == 0 || cbsk > ISAM_KEY_MAX || pk == NULL || cbpk == 0 ||
        cbpk > BT_KEY_MAX)
        return JET_errInvalidBookmark;
    if (c->prep != PREP_NONE)
        isam_prep_reset(c);
    c->range = false;
    c->skmade = false;
    uint8_t ek[BT_KEY_MAX];
    size_t eklen;
    CALL(isam_entry_key(ix, sk, cbsk, pk, cbpk, ek, &eklen));
    JET_ERR err = isam_pos_set(c, ek, eklen);
    if (err >= 0 && ix->unique && (c->bmlen != cbpk || memcmp(c->bm, pk, cbpk) != 0))
        err = JET_errRecordDeleted;
    if (err == JET_errRecordDeleted && (grbit & JET_bitBookmarkPermitVirtualCurrency)) {
        /* stay where the entry would be */
        CALL(isam_buf_set(&c->ekey, &c->ekcap, &c->eklen, ek, eklen));
        c->bmlen = 0;
        c->pos = POS_BETWEEN;
        return JET_errSuccess;
    }
    if (err < 0)
        isam_pos_reset(c, POS_BEFORE);
    return err;
}

/* ---- positions and counts ----------------------------------------------------------- */

/* Count entries of the current index from the first one (or from `from`,
 * inclusive) up to `stop` (exclusive; NULL = the end) as x sees them, at most max
 * (0 = no limit). */
static JET_ERR count_entries(isam_cursor *c, const uint8_t *from, size_t fromlen,
                             const uint8_t *stop, size_t stoplen, uint64_t max, uint64_t *n)
{
    vtx *x = isam_x(c);
    vt_cursor *vc;
    CALL(vt_cursor_open(c->itree, &vc));
    JET_ERR err = from != NULL ? vt_cursor_seek(x, vc, BT_SEEK_GE, from, fromlen)
                               : vt_cursor_first(x, vc);
    uint64_t count = 0;
    uint8_t *k = malloc(BT_KEY_MAX);
    if (k == NULL) {
        vt_cursor_close(vc);
        return JET_errOutOfMemory;
    }
    while (err >= 0 && (max == 0 || count < max)) {
        size_t klen;
        err = vt_cursor_key(x, vc, k, BT_KEY_MAX, &klen);
        if (err < 0)
            break;
        if (stop != NULL && key_cmp(k, klen, stop, stoplen) >= 0)
            break;
        if (c->range) {
            const cat_index *ix = cur_index(c);
            size_t bl = 0;
            if (ix != NULL && !ix->unique)
                (void)vt_cursor_value(x, vc, 0, NULL, 0, &bl);
            size_t sl = ix != NULL ? isam_entry_seclen(ix, klen, bl)
                        : isam_primary_dups(c->t) && klen >= ISAM_SEQ_KEY_LEN
                            ? klen - ISAM_SEQ_KEY_LEN
                            : klen;
            int cmp = key_cmp(k, sl, c->rkey, c->rklen);
            if (c->rupper ? (cmp > 0 || (cmp == 0 && !c->rincl))
                          : (cmp < 0 || (cmp == 0 && !c->rincl)))
                break;
        }
        count++;
        err = vt_cursor_next(x, vc);
    }
    free(k);
    vt_cursor_close(vc);
    if (err == JET_errNoCurrentRecord || err == JET_errRecordNotFound)
        err = JET_errSuccess;
    if (err >= 0)
        *n = count;
    return err;
}

JET_ERR isam_get_record_position(isam_cursor *c, JET_RECPOS *rp, uint32_t cb)
{
    CALL(isam_current(c, NULL, NULL));
    bool range = c->range;
    c->range = false;
    uint64_t lt = 0, total = 0;
    JET_ERR err = count_entries(c, NULL, 0, c->ekey, c->eklen, 0, &lt);
    if (err >= 0)
        err = count_entries(c, NULL, 0, NULL, 0, 0, &total);
    c->range = range;
    CALL(err);
    rp->cbStruct = cb >= sizeof(JET_RECPOS2) ? (uint32_t)sizeof(JET_RECPOS2)
                                             : (uint32_t)sizeof(JET_RECPOS);
    rp->centriesLT = lt > UINT32_MAX ? UINT32_MAX : (uint32_t)lt;
    rp->centriesInRange = 1;
    rp->centriesTotal = total > UINT32_MAX ? UINT32_MAX : (uint32_t)total;
    if (cb >= sizeof(JET_RECPOS2)) {
        JET_RECPOS2 *r2 = (JET_RECPOS2 *)(void *)rp;
        r2->centriesLT = lt;
        r2->centriesTotal = total;
    }
    return JET_errSuccess;
}

JET_ERR isam_goto_position(isam_cursor *c, const JET_RECPOS *rp)
{
    if (rp->centriesTotal == 0 || rp->centriesLT > rp->centriesTotal)
        return JET_errInvalidParameter;
    if (c->prep != PREP_NONE)
        isam_prep_reset(c);
    c->range = false;
    uint64_t total;
    CALL(count_entries(c, NULL, 0, NULL, 0, 0, &total));
    if (total == 0) {
        isam_pos_reset(c, POS_BEFORE);
        return JET_errNoCurrentRecord;
    }
    uint64_t target = (uint64_t)rp->centriesLT * total / rp->centriesTotal;
    if (target >= total)
        target = total - 1;
    CALL(raw_first(c));
    for (uint64_t i = 0; i < target; i++)
        CALL(raw_next(c));
    return JET_errSuccess;
}

JET_ERR isam_index_record_count(isam_cursor *c, uint32_t *pcrec, uint32_t max)
{
    JET_ERR err = resolve_first(c);
    if (err == JET_errNoCurrentRecord) {
        *pcrec = 0;
        return JET_errSuccess;
    }
    CALL(err);
    uint64_t n = 0;
    switch (c->pos) {
    case POS_ON:
    case POS_BETWEEN:
        CALL(count_entries(c, c->ekey, c->eklen, NULL, 0, max, &n));
        break;
    case POS_BEFORE:
    case POS_FIRST:
        CALL(count_entries(c, NULL, 0, NULL, 0, max, &n));
        break;
    case POS_AFTER:
        n = 0;
        break;
    }
    *pcrec = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
    return JET_errSuccess;
}

/* JetGetCursorInfo: is the cursor on a record it may see? */
JET_ERR isam_cursor_info(isam_cursor *c)
{
    return isam_current(c, NULL, NULL);
}
