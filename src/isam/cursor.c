/*
 * cursor.c: cursor handles (JET_TABLEID) — the process-wide handle table,
 * open / close / dup, the shared per-table state (implicit keys, long-value
 * ids, autoincrement counters, DenyRead / DenyWrite), schema refreshes and
 * the hooks the session and catalog layers call.
 */
#include "isam/isam_int.h"

#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "inst/inst.h"
#include "store/store.h"
#include "util/err.h"

/* Handle = (generation << CUR_GEN_SHIFT) | CUR_TAG | (slot + 1).  CUR_TAG
 * (bit 21) is set in every cursor handle and bit 20 (the session tag) never
 * is, so neither a session nor an instance handle passes for a cursor. */
#define CUR_SLOT_BITS 20
#define CUR_SLOTS_MAX ((1u << CUR_SLOT_BITS) - 1)
#define CUR_SESS_TAG ((uintptr_t)1 << CUR_SLOT_BITS)
#define CUR_TAG ((uintptr_t)1 << (CUR_SLOT_BITS + 1))
#define CUR_GEN_SHIFT (CUR_SLOT_BITS + 2)

/* The handle table: chunks of slots, allocated on first need and kept
 * for the life of the process, so a slot never moves.  Changes happen
 * under g_mu; lookups (every API call) take no lock: a slot's owner is
 * checked first, and only the owner session's thread changes or frees
 * the cursors of that session (the session gate lets one thread in at a
 * time), so a slot that names the caller's session is stable under it. */
#define CUR_CHUNK 1024u
typedef struct cur_slot {
    _Atomic(struct sess *) owner;      /* NULL = free */
    _Atomic(isam_cursor *) c;
} cur_slot;
static _Atomic(cur_slot *) g_chunks[(CUR_SLOTS_MAX + CUR_CHUNK - 1) / CUR_CHUNK];

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;   /* table changes + tstates */
static uint32_t g_cap;                 /* slots in allocated chunks (g_mu) */
/* Cursors with a transaction level above 0 in level_open, ix_level or
 * prep_level (c->leveled): while there are none, commits and rollbacks
 * have nothing to adjust and skip the walk over the handle table. */
static atomic_uint g_leveled;
static uint64_t g_next_gen = 1;
static isam_tstate *g_ts;

/* Slot i (< g_cap). */
static cur_slot *slot_at(uint32_t i)
{
    return &atomic_load_explicit(&g_chunks[i / CUR_CHUNK], memory_order_acquire)[i % CUR_CHUNK];
}

/* The cursor in slot i; caller holds g_mu. */
static isam_cursor *slot_get_locked(uint32_t i)
{
    return atomic_load_explicit(&slot_at(i)->c, memory_order_relaxed);
}

/* Put c (NULL: free the slot) in slot i; caller holds g_mu. */
static void slot_set_locked(uint32_t i, isam_cursor *c)
{
    cur_slot *sl = slot_at(i);
    if (c == NULL) {
        atomic_store_explicit(&sl->owner, NULL, memory_order_release);
        atomic_store_explicit(&sl->c, NULL, memory_order_release);
    } else {
        atomic_store_explicit(&sl->c, c, memory_order_release);
        atomic_store_explicit(&sl->owner, c->s, memory_order_release);
    }
}

/* ---- helpers --------------------------------------------------------------- */

JET_ERR isam_buf_set(uint8_t **buf, size_t *cap, size_t *len, const void *src, size_t n)
{
    if (n > *cap || *buf == NULL) {
        size_t want = n < 64 ? 64 : n;
        uint8_t *b = realloc(*buf, want);
        if (b == NULL)
            return JET_errOutOfMemory;
        *buf = b;
        *cap = want;
    }
    if (n > 0)
        memcpy(*buf, src, n);
    *len = n;
    return JET_errSuccess;
}

/* ESE's REC::CbRecordMost for the smallest key limit: a page's largest
 * node (page header 40 bytes, 80 for 16/32 KiB pages, and a 4-byte line
 * tag) less the key (JET_cbKeyMostMin) and its length fields — the same
 * figure the catalog reports. */
size_t isam_rec_max(const isam_cursor *c)
{
    size_t page = c->d->page_size;
    size_t hdr = page >= 16384 ? 80u : 40u;
    size_t most = page - hdr - 4u - 2u - 2u - JET_cbKeyMostMin;
    return most > REC_LEN_MAX ? REC_LEN_MAX : most;
}

bool isam_primary_dups(const cat_table *t)
{
    return t->primary >= 0 && !t->idx[t->primary].unique;
}

JET_ERR isam_cursor_grbit(struct sess *s, JET_TABLEID tableid, JET_GRBIT *grbit)
{
    if (grbit == NULL)
        return JET_errInvalidParameter;
    isam_cursor *c;
    CALL(isam_cursor_get(s, tableid, &c));
    *grbit = c->grbit;
    isam_cursor_put(c);
    return JET_errSuccess;
}

vtx *isam_x(const isam_cursor *c)
{
    return c->xo != NULL ? c->xo : vtx_current(c->s);
}

/* ---- shared table state -------------------------------------------------------- */

/* Find or create the state of table objid of d and count one more cursor;
 * the deny checks of JetOpenTable happen here.  Caller holds g_mu. */
static JET_ERR tstate_attach_locked(struct db *d, uint32_t objid, sess *s, JET_GRBIT grbit,
                                    isam_tstate **out)
{
    isam_tstate *ts = g_ts;
    while (ts != NULL && !(ts->d == d && ts->objid == objid))
        ts = ts->next;
    if (ts != NULL) {
        /* Another session holds an exclusive lock: JET_errTableLocked.
         * Asking for one while other sessions have it open: JET_errTableInUse. */
        if ((ts->deny_read > 0 || (ts->deny_write > 0 && !(grbit & JET_bitTableReadOnly))) &&
            ts->deny_owner != s)
            return JET_errTableLocked;
        if ((grbit & (JET_bitTableDenyRead | JET_bitTableDenyWrite)) && ts->cursors > 0 &&
            ts->deny_owner != s) {
            /* Only this session's cursors may be open. */
            for (uint32_t i = 0; i < g_cap; i++) {
                isam_cursor *o = slot_get_locked(i);
                if (o != NULL && o->ts == ts && o->s != s)
                    return JET_errTableInUse;
            }
        }
    } else {
        ts = calloc(1, sizeof *ts);
        if (ts == NULL)
            return JET_errOutOfMemory;
        ts->d = d;
        ts->objid = objid;
        pthread_mutex_init(&ts->mu, NULL);
        ts->next = g_ts;
        g_ts = ts;
    }
    ts->cursors++;
    if (grbit & JET_bitTableDenyRead)
        ts->deny_read++;
    if (grbit & JET_bitTableDenyWrite)
        ts->deny_write++;
    if (grbit & (JET_bitTableDenyRead | JET_bitTableDenyWrite))
        ts->deny_owner = s;
    *out = ts;
    return JET_errSuccess;
}

/* Drop one cursor's use of a table state; frees it with the last one.
 * Caller holds g_mu. */
static void tstate_detach_locked(isam_tstate *ts, JET_GRBIT grbit)
{
    if (grbit & JET_bitTableDenyRead)
        ts->deny_read--;
    if (grbit & JET_bitTableDenyWrite)
        ts->deny_write--;
    if (ts->deny_read == 0 && ts->deny_write == 0)
        ts->deny_owner = NULL;
    if (--ts->cursors > 0)
        return;
    isam_tstate **pp = &g_ts;
    while (*pp != ts)
        pp = &(*pp)->next;
    *pp = ts->next;
    pthread_mutex_destroy(&ts->mu);
    free(ts->ai);
    free(ts);
}

bool isam_write_denied(const isam_cursor *c)
{
    pthread_mutex_lock(&g_mu);
    bool denied = c->ts->deny_write > 0 && c->ts->deny_owner != c->s;
    pthread_mutex_unlock(&g_mu);
    return denied;
}

/* Last key of a tree as x sees it (0 bytes when empty). */
static JET_ERR tree_last_key(vtx *x, bt_tree *t, uint8_t *key, size_t cb, size_t *len)
{
    vt_cursor *vc;
    CALL(vt_cursor_open(t, &vc));
    JET_ERR err = vt_cursor_last(x, vc);
    *len = 0;
    if (err >= 0)
        err = vt_cursor_key(x, vc, key, cb, len);
    else if (err == JET_errNoCurrentRecord)
        err = JET_errSuccess;
    vt_cursor_close(vc);
    return err;
}

/* The largest sequence suffix of a data tree's keys (implicit keys, or
 * the uniquifier of a primary index with duplicates); 0 when empty. */
static JET_ERR max_seq(isam_cursor *c, uint64_t *max)
{
    *max = 0;
    uint8_t k[ISAM_KEY_MAX];
    size_t len;
    if (!isam_primary_dups(c->t)) {
        CALL(tree_last_key(isam_x(c), c->data, k, sizeof k, &len));
        if (len == ISAM_SEQ_KEY_LEN)
            *max = isam_get_be64(k);
        return JET_errSuccess;
    }
    vt_cursor *vc;
    CALL(vt_cursor_open(c->data, &vc));
    JET_ERR err = vt_cursor_first(isam_x(c), vc);
    while (err >= 0) {
        err = vt_cursor_key(isam_x(c), vc, k, sizeof k, &len);
        if (err >= 0 && len >= ISAM_SEQ_KEY_LEN) {
            uint64_t v = isam_get_be64(k + len - ISAM_SEQ_KEY_LEN);
            if (v > *max)
                *max = v;
        }
        if (err >= 0)
            err = vt_cursor_next(isam_x(c), vc);
    }
    vt_cursor_close(vc);
    return err == JET_errNoCurrentRecord ? JET_errSuccess : err;
}

JET_ERR isam_next_seq(isam_cursor *c, uint64_t *out)
{
    isam_tstate *ts = c->ts;
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&ts->mu);
    if (!ts->seq_init) {
        uint64_t max;
        err = max_seq(c, &max);
        if (err >= 0) {
            ts->seq_next = max + 1;
            ts->seq_init = true;
        }
    }
    if (err >= 0)
        *out = ts->seq_next++;
    pthread_mutex_unlock(&ts->mu);
    return err;
}

JET_ERR isam_next_lvid(isam_cursor *c, uint64_t *out)
{
    isam_tstate *ts = c->ts;
    bt_tree *lv;
    CALL(isam_lvtree(c, &lv));
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&ts->mu);
    if (!ts->lv_init) {
        uint8_t k[ISAM_KEY_MAX];
        size_t len;
        err = tree_last_key(isam_x(c), lv, k, sizeof k, &len);
        if (err >= 0) {
            ts->lv_next = len == ISAM_LV_KEY_LEN ? isam_get_be64(k) + 1 : 1;
            ts->lv_init = true;
        }
    }
    if (err >= 0) {
        if (ts->lv_next >= ISAM_LV_PENDING)
            err = JET_errOutOfLongValueIDs;
        else
            *out = ts->lv_next++;
    }
    pthread_mutex_unlock(&ts->mu);
    return err;
}

/* Decode an autoincrement value (Long or Currency). */
static int64_t autoinc_value(const cat_column *col, const void *p)
{
    if (col->def.coltyp == JET_coltypLong) {
        int32_t v;
        memcpy(&v, p, 4);
        return v;
    }
    int64_t v;
    memcpy(&v, p, 8);
    return v;
}

JET_ERR isam_next_autoinc(isam_cursor *c, const cat_column *col, int64_t *out)
{
    isam_tstate *ts = c->ts;
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&ts->mu);
    isam_autoinc *a = NULL;
    for (size_t i = 0; i < ts->nai; i++)
        if (ts->ai[i].colid == col->def.colid)
            a = &ts->ai[i];
    if (a == NULL) {
        isam_autoinc *n = realloc(ts->ai, (ts->nai + 1) * sizeof *n);
        if (n == NULL) {
            pthread_mutex_unlock(&ts->mu);
            return JET_errOutOfMemory;
        }
        ts->ai = n;
        a = &ts->ai[ts->nai++];
        memset(a, 0, sizeof *a);
        a->colid = col->def.colid;
    }
    if (!a->init) {
        /* The next value follows the largest one in the table (ESE reads
         * the maximum the first time the table needs one). */
        int64_t max = 0;
        vt_cursor *vc = NULL;
        err = vt_cursor_open(c->data, &vc);
        if (err >= 0)
            err = vt_cursor_first(isam_x(c), vc);
        uint8_t *rec = NULL;
        size_t cap = 0;
        while (err >= 0) {
            size_t len = 0;
            err = vt_cursor_value(isam_x(c), vc, 0, rec, cap, &len);
            if (err >= 0 && len > cap) {
                uint8_t *r = realloc(rec, len);
                if (r == NULL) {
                    err = JET_errOutOfMemory;
                    break;
                }
                rec = r;
                cap = len;
                err = vt_cursor_value(isam_x(c), vc, 0, rec, cap, &len);
            }
            if (err >= 0) {
                isam_val v;
                if (isam_get_val(rec, len, col, 1, false, &v) == JET_errSuccess &&
                    v.cb == rec_fixed_size(col->def.coltyp)) {
                    int64_t val = autoinc_value(col, v.data);
                    if (val > max)
                        max = val;
                }
                err = vt_cursor_next(isam_x(c), vc);
            }
        }
        if (err == JET_errNoCurrentRecord)
            err = JET_errSuccess;
        free(rec);
        vt_cursor_close(vc);
        if (err >= 0) {
            a->next = max + 1;
            a->init = true;
        }
    }
    if (err >= 0) {
        int64_t limit = col->def.coltyp == JET_coltypLong ? INT32_MAX : INT64_MAX;
        if (a->next > limit || a->next < 1)
            err = JET_errOutOfAutoincrementValues;
        else
            *out = a->next++;
    }
    pthread_mutex_unlock(&ts->mu);
    return err;
}

/* ---- the handle table ------------------------------------------------------ */

static JET_ERR insert_locked(isam_cursor *c)
{
    uint32_t slot = 0;
    while (slot < g_cap && slot_get_locked(slot) != NULL)
        slot++;
    if (slot == g_cap) {
        if (g_cap >= CUR_SLOTS_MAX)
            return JET_errOutOfCursors;
        cur_slot *chunk = calloc(CUR_CHUNK, sizeof *chunk);
        if (chunk == NULL)
            return JET_errOutOfMemory;
        atomic_store_explicit(&g_chunks[g_cap / CUR_CHUNK], chunk, memory_order_release);
        g_cap += CUR_CHUNK;
        if (g_cap > CUR_SLOTS_MAX)
            g_cap = CUR_SLOTS_MAX;
    }
    c->slot = slot;
    c->handle = (JET_TABLEID)((g_next_gen++ << CUR_GEN_SHIFT) | CUR_TAG | (slot + 1));
    slot_set_locked(slot, c);
    return JET_errSuccess;
}

/* Free a cursor that is out of the table and unpinned. */
static void cursor_free(isam_cursor *c)
{
    if (c->leveled)
        atomic_fetch_sub(&g_leveled, 1);
    isam_prep_reset(c);
    rec_buf_free(&c->rb);
    vt_cursor_close(c->vc);
    free(c->ekey);
    free(c->bm);
    free(c->rec);
    free(c->rkey);
    free(c->ubm);
    free(c->orig);
    free(c->plv);
    pthread_mutex_lock(&g_mu);
    tstate_detach_locked(c->ts, c->grbit);
    pthread_mutex_unlock(&g_mu);
    cat_table_release(c->t);
    db_unpin(c->d);
    free(c);
}

void isam_cursor_put(isam_cursor *c)
{
    if (c != NULL && atomic_fetch_sub(&c->refs, 1) == 1)
        cursor_free(c);
}

/* Pin the cursor behind a handle when it belongs to session s.  No lock:
 * see the handle table. */
static JET_ERR lookup(struct sess *s, JET_TABLEID id, isam_cursor **out)
{
    *out = NULL;
    uintptr_t low = id & CUR_SLOTS_MAX;
    if (id == 0 || id == JET_tableidNil || low == 0 || !(id & CUR_TAG) || (id & CUR_SESS_TAG))
        return JET_errInvalidTableId;
    uint32_t i = (uint32_t)(low - 1);
    cur_slot *chunk = atomic_load_explicit(&g_chunks[i / CUR_CHUNK], memory_order_acquire);
    if (chunk == NULL)
        return JET_errInvalidTableId;
    cur_slot *sl = &chunk[i % CUR_CHUNK];
    if (s == NULL || atomic_load_explicit(&sl->owner, memory_order_acquire) != s)
        return JET_errInvalidTableId;
    isam_cursor *c = atomic_load_explicit(&sl->c, memory_order_acquire);
    if (c == NULL || c->handle != id || c->s != s)
        return JET_errInvalidTableId;
    atomic_fetch_add(&c->refs, 1);
    *out = c;
    return JET_errSuccess;
}

/* Find index `name` in t (-1 = primary / none given). */
static int index_of(const cat_table *t, const char *name)
{
    const cat_index *ix = cat_index_by_name(t, name);
    return ix == NULL ? -2 : (int)(ix - t->idx);
}

/* The schema changed under an open cursor: adopt the new version, keeping
 * the current index when it still exists. */
static JET_ERR refresh(isam_cursor *c)
{
    if (c->t->temp || cat_stamp_unchanged(&c->tstamp))   /* temp: never changes */
        return JET_errSuccess;
    cat_table *nt;
    CALL(cat_table_current_stamped(isam_x(c), c->d, c->t, &c->tstamp, &nt));
    if (nt == c->t) {
        cat_table_release(nt);
        return JET_errSuccess;
    }
    cat_table *old = c->t;
    c->t = nt;
    int ix = -1;
    if (c->ixname[0] != '\0') {
        ix = index_of(nt, c->ixname);
        if (ix >= 0 && nt->idx[ix].primary)
            ix = -1;
    }
    if (ix == -2 || (c->ix >= 0 && ix >= 0 && nt->idx[ix].objid != old->idx[c->ix].objid)) {
        /* The index went away: back to the primary index, unpositioned. */
        JET_ERR err = isam_set_index_ptr(c, -1);
        cat_table_release(old);
        return err;
    }
    c->ix = ix;
    cat_table_release(old);
    return JET_errSuccess;
}

JET_ERR isam_cursor_get(struct sess *s, JET_TABLEID id, isam_cursor **out)
{
    isam_cursor *c;
    CALL(lookup(s, id, &c));
    JET_ERR err = refresh(c);
    if (err < 0) {
        isam_cursor_put(c);
        return err;
    }
    *out = c;
    return JET_errSuccess;
}

JET_ERR isam_lvtree(isam_cursor *c, bt_tree **out)
{
    if (c->lvtree == NULL) {
        if (c->t->lv_objid == 0)
            return JET_errLVCorrupted;
        CALL(st_tree_open(c->d->store, c->t->lv_objid, &c->lvtree));
    }
    *out = c->lvtree;
    return JET_errSuccess;
}

JET_ERR isam_index_tree(isam_cursor *c, const cat_index *ix, bt_tree **out)
{
    return st_tree_open(c->d->store, ix->objid, out);
}

JET_ERR isam_set_index_ptr(isam_cursor *c, int ix)
{
    const cat_index *idx = ix >= 0 ? &c->t->idx[ix] : NULL;
    bt_tree *tree = c->data;
    if (idx != NULL)
        CALL(st_tree_open(c->d->store, idx->objid, &tree));
    vt_cursor *vc;
    CALL(vt_cursor_open(tree, &vc));
    vt_cursor_close(c->vc);
    c->vc = vc;
    c->itree = tree;
    c->ix = ix;
    /* Choosing the current index again keeps the level it was chosen at
     * (ESE leaves the cursor's index alone then). */
    bool same = idx != NULL &&
                atomic_load_explicit(&c->cur_iobjid, memory_order_relaxed) == idx->objid;
    atomic_store_explicit(&c->cur_iobjid, idx != NULL ? idx->objid : 0, memory_order_release);
    if (idx != NULL && c->s != NULL && !same) {
        c->ix_level = vtx_level(c->s);
        isam_cursor_note_level(c);
    }
    if (idx != NULL) {
        memcpy(c->ixname, idx->name, sizeof c->ixname);
    } else if (c->t->primary >= 0) {
        memcpy(c->ixname, c->t->idx[c->t->primary].name, sizeof c->ixname);
    } else {
        c->ixname[0] = '\0';
    }
    c->skmade = c->sklimit = false;
    c->sklen = 0;
    c->skseg = 0;
    c->range = false;
    c->itag = 1;
    isam_pos_reset(c, POS_BEFORE);
    return JET_errSuccess;
}

/* Create a cursor of s on t in d (both pinned here). */
static JET_ERR cursor_new(struct sess *s, struct db *d, cat_table *t, JET_GRBIT grbit,
                          isam_cursor **out)
{
    isam_cursor *c = calloc(1, sizeof *c);
    if (c == NULL)
        return JET_errOutOfMemory;
    atomic_init(&c->refs, 1);
    c->s = s;
    c->d = d;
    c->t = t;
    c->grbit = grbit;
    c->readonly = (grbit & JET_bitTableReadOnly) != 0 || d->read_only;
    c->ix = -1;
    c->itag = 1;
    c->level_open = vtx_level(s);
    rec_buf_init(&c->rb);
    JET_ERR err = st_tree_open(d->store, t->objid, &c->data);
    if (err >= 0)
        err = isam_set_index_ptr(c, -1);
    if (err >= 0) {
        pthread_mutex_lock(&g_mu);
        err = tstate_attach_locked(d, t->objid, s, grbit, &c->ts);
        if (err >= 0) {
            err = insert_locked(c);
            if (err < 0)
                tstate_detach_locked(c->ts, grbit);
        }
        pthread_mutex_unlock(&g_mu);
    }
    if (err < 0) {
        vt_cursor_close(c->vc);
        rec_buf_free(&c->rb);
        free(c);
        return err;
    }
    atomic_fetch_add(&d->pins, 1);
    cat_table_pin(t);
    isam_cursor_note_level(c);
    *out = c;
    return JET_errSuccess;
}

JET_ERR isam_cursor_open(struct sess *s, struct db *d, cat_table *t, JET_GRBIT grbit,
                         JET_TABLEID *out)
{
    if (s == NULL || d == NULL || t == NULL || out == NULL)
        return JET_errInvalidParameter;
    isam_cursor *c;
    CALL(cursor_new(s, d, t, grbit, &c));
    *out = c->handle;
    return JET_errSuccess;
}

JET_ERR isam_cursor_dup(isam_cursor *c, JET_GRBIT grbit, JET_TABLEID *out)
{
    (void)grbit;
    /* The copy shares nothing but the table: primary index, first record,
     * no key, no range, no update; a read-only cursor stays read-only. */
    JET_GRBIT g = c->grbit & ~(JET_GRBIT)(JET_bitTableDenyRead | JET_bitTableDenyWrite);
    if (c->readonly)
        g |= JET_bitTableReadOnly;
    isam_cursor *n;
    CALL(cursor_new(c->s, c->d, c->t, g, &n));
    n->pos = POS_FIRST;
    *out = n->handle;
    return JET_errSuccess;
}

JET_ERR isam_cursor_close(isam_cursor *c)
{
    pthread_mutex_lock(&g_mu);
    bool mine = c->slot < g_cap && slot_get_locked(c->slot) == c;
    if (mine)
        slot_set_locked(c->slot, NULL);
    pthread_mutex_unlock(&g_mu);
    if (!mine)
        return JET_errInvalidTableId;
    isam_cursor_put(c);       /* the table's pin */
    return JET_errSuccess;
}

JET_ERR isam_cursor_table(struct sess *s, JET_TABLEID tableid, struct db **d, cat_table **t)
{
    if (d == NULL || t == NULL)
        return JET_errInvalidParameter;
    isam_cursor *c;
    CALL(isam_cursor_get(s, tableid, &c));
    atomic_fetch_add(&c->d->pins, 1);
    cat_table_pin(c->t);
    *d = c->d;
    *t = c->t;
    isam_cursor_put(c);
    return JET_errSuccess;
}

bool isam_table_in_use(struct db *d, uint32_t objid, JET_TABLEID except)
{
    bool used = false;
    pthread_mutex_lock(&g_mu);
    for (uint32_t i = 0; i < g_cap && !used; i++) {
        isam_cursor *c = slot_get_locked(i);
        /* c->t changes under its owner's thread; c->ts is fixed */
        if (c != NULL && c->d == d && c->ts->objid == objid && c->handle != except)
            used = true;
    }
    pthread_mutex_unlock(&g_mu);
    return used;
}

/* Take the next cursor matching (s, d) out of the table; NULL when none. */
static isam_cursor *take_one(struct sess *s, struct db *d)
{
    isam_cursor *victim = NULL;
    pthread_mutex_lock(&g_mu);
    for (uint32_t i = 0; i < g_cap && victim == NULL; i++) {
        isam_cursor *c = slot_get_locked(i);
        if (c != NULL && c->s == s && (d == NULL || c->d == d)) {
            victim = c;
            slot_set_locked(i, NULL);
        }
    }
    pthread_mutex_unlock(&g_mu);
    return victim;
}

void isam_session_end(struct sess *s)
{
    isam_cursor *c;
    while ((c = take_one(s, NULL)) != NULL)
        isam_cursor_put(c);
}

JET_ERR isam_db_close(struct sess *s, JET_DBID dbid, JET_GRBIT grbit)
{
    struct db *d = NULL;
    if (db_pin_opened(s, dbid, &d) < 0)
        d = NULL;
    JET_ERR err = db_close(s, dbid, grbit);
    if (err >= 0 && d != NULL) {
        struct db *again;
        if (db_pin_opened(s, dbid, &again) >= 0) {
            db_unpin(again);        /* still open: the cursors stay */
        } else {
            isam_cursor *c;
            while ((c = take_one(s, d)) != NULL)
                isam_cursor_put(c);
        }
    }
    db_unpin(d);
    return err;
}

void isam_indexid_make(const cat_table *t, int ix, JET_INDEXID *out)
{
    memset(out, 0, sizeof *out);
    out->cbStruct = (uint32_t)sizeof *out;
    uint32_t iobjid = ix >= 0 ? t->idx[ix].objid : t->objid;
    uint32_t tobjid = t->objid;
    uint32_t tag = 0x4A584449u;   /* "IDXJ": tells our ids from garbage */
    memcpy(out->rgbIndexId, &tag, 4);
    memcpy(out->rgbIndexId + 4, &tobjid, 4);
    memcpy(out->rgbIndexId + 8, &iobjid, 4);
}

JET_ERR isam_indexid_find(const cat_table *t, const JET_INDEXID *id, int *ix)
{
    if (id->cbStruct != sizeof *id)
        return JET_errInvalidIndexId;
    uint32_t tag, tobjid, iobjid;
    memcpy(&tag, id->rgbIndexId, 4);
    memcpy(&tobjid, id->rgbIndexId + 4, 4);
    memcpy(&iobjid, id->rgbIndexId + 8, 4);
    if (tag != 0x4A584449u || tobjid != t->objid)
        return JET_errInvalidIndexId;
    if (iobjid == t->objid) {
        *ix = -1;
        return JET_errSuccess;
    }
    for (size_t i = 0; i < t->nidx; i++)
        if (t->idx[i].objid == iobjid) {
            *ix = t->idx[i].primary ? -1 : (int)i;
            return JET_errSuccess;
        }
    return JET_errInvalidIndexId;
}

/* ---- transaction levels (JetCommitTransaction / JetRollback) ------------------ */

void isam_cursor_note_level(isam_cursor *c)
{
    if (!c->leveled && (c->level_open | c->ix_level | c->prep_level) != 0) {
        c->leveled = true;
        atomic_fetch_add(&g_leveled, 1);
    }
}

/* The session's cursors that carry a level, each pinned; NULL when none
 * (or out of memory: the adjustment is then skipped, as with no cursor). */
static isam_cursor **leveled_cursors(struct sess *s, size_t *n)
{
    *n = 0;
    if (atomic_load(&g_leveled) == 0)
        return NULL;
    pthread_mutex_lock(&g_mu);
    size_t cnt = 0;
    for (uint32_t i = 0; i < g_cap; i++) {
        isam_cursor *c = slot_get_locked(i);
        if (c != NULL && c->s == s && c->leveled)
            cnt++;
    }
    isam_cursor **v = cnt > 0 ? malloc(cnt * sizeof *v) : NULL;
    for (uint32_t i = 0; i < g_cap && v != NULL && *n < cnt; i++) {
        isam_cursor *c = slot_get_locked(i);
        if (c != NULL && c->s == s && c->leveled) {
            atomic_fetch_add(&c->refs, 1);
            v[(*n)++] = c;
        }
    }
    pthread_mutex_unlock(&g_mu);
    return v;
}

static void lower_levels(isam_cursor *c, uint32_t level)
{
    if (c->level_open > level)
        c->level_open = level;
    if (c->ix_level > level)
        c->ix_level = level;
    if (c->prep_level > level)
        c->prep_level = level;
    if (c->leveled && (c->level_open | c->ix_level | c->prep_level) == 0) {
        c->leveled = false;
        atomic_fetch_sub(&g_leveled, 1);
    }
}

void isam_txn_end(struct sess *s)
{
    size_t n;
    isam_cursor **v = leveled_cursors(s, &n);
    uint32_t level = vtx_level(s);
    for (size_t i = 0; i < n; i++) {
        lower_levels(v[i], level);
        isam_cursor_put(v[i]);
    }
    free(v);
}

void isam_txn_rollback(struct sess *s)
{
    size_t n;
    isam_cursor **v = leveled_cursors(s, &n);
    uint32_t level = vtx_level(s);
    for (size_t i = 0; i < n; i++) {
        isam_cursor *c = v[i];
        if (c->level_open > level) {
            /* opened in a rolled-back level: gone, like its table may be */
            (void)isam_cursor_close(c);
        } else {
            if (c->prep != PREP_NONE && c->prep_level > level)
                isam_prep_reset(c);
            if (c->ix >= 0 && c->ix_level > level && isam_set_index_ptr(c, -1) < 0)
                isam_pos_reset(c, POS_BEFORE);
            lower_levels(c, level);
        }
        isam_cursor_put(c);
    }
    free(v);
}

bool isam_index_in_use(struct db *d, uint32_t tobjid, uint32_t iobjid)
{
    bool used = false;
    pthread_mutex_lock(&g_mu);
    for (uint32_t i = 0; i < g_cap && !used; i++) {
        isam_cursor *c = slot_get_locked(i);
        /* c->ts and c->d are fixed; cur_iobjid is published atomically */
        if (c != NULL && c->d == d && c->ts->objid == tobjid &&
            atomic_load_explicit(&c->cur_iobjid, memory_order_acquire) == iobjid)
            used = true;
    }
    pthread_mutex_unlock(&g_mu);
    return used;
}
