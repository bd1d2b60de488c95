/*
 * ver_row.c: row chains, visibility, and the versioned row operations
 * (vt_insert / vt_replace / vt_delete / vt_lock / vt_get).
 *
 * Everything that looks at or changes a row's chain, and every tree change
 * a writer makes, happens under the row's shard lock.  Readers re-read the
 * tree under that lock too, so the tree value and the chain they combine
 * always belong to the same moment.
 */
#include <stdlib.h>
#include <string.h>

#include "txn/txn.h"
#include "txn/ver_int.h"
#include "util/err.h"

/* ---- the row table -------------------------------------------------------- */

#define SH1 { PTHREAD_MUTEX_INITIALIZER, NULL, 0, 0 }
#define SH4 SH1, SH1, SH1, SH1
#define SH16 SH4, SH4, SH4, SH4
vshard vs_shards[VS_SHARDS] = { SH16, SH16, SH16, SH16 };
_Static_assert(VS_SHARDS == 64, "initialiser above has 64 shards");

uint64_t vr_hash(const bt_tree *t, const void *key, size_t klen)
{
    uint64_t h = 0xcbf29ce484222325ull ^ ((uint64_t)(uintptr_t)t * 0x9e3779b97f4a7c15ull);
    const uint8_t *k = key;
    for (size_t i = 0; i < klen; i++) {
        h ^= k[i];
        h *= 0x100000001b3ull;
    }
    /* Final mix so that the low bits (the shard) depend on every byte. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static size_t bucket_of(const vshard *sh, uint64_t h)
{
    return (size_t)(h / VS_SHARDS) & (sh->nbuckets - 1);
}

vrow *vr_find(vshard *sh, const bt_tree *t, uint64_t h, const void *key, size_t klen)
{
    if (sh->nbuckets == 0)
        return NULL;
    for (vrow *r = sh->buckets[bucket_of(sh, h)]; r != NULL; r = r->hnext)
        if (r->hash == h && r->t == t && r->klen == klen && memcmp(r->key, key, klen) == 0)
            return r;
    return NULL;
}

/* Make room for one more row (grows the bucket array; false when out of
 * memory and there is no bucket at all). */
static bool shard_room(vshard *sh)
{
    if (sh->nbuckets != 0 && sh->nrows < sh->nbuckets * 2)
        return true;
    size_t n = sh->nbuckets ? sh->nbuckets * 2 : 16;
    vrow **b = calloc(n, sizeof *b);
    if (b == NULL)
        return sh->nbuckets != 0;   /* longer chains, still correct */
    for (size_t i = 0; i < sh->nbuckets; i++) {
        vrow *r = sh->buckets[i];
        while (r != NULL) {
            vrow *next = r->hnext;
            size_t j = (size_t)(r->hash / VS_SHARDS) & (n - 1);
            r->hnext = b[j];
            b[j] = r;
            r = next;
        }
    }
    free(sh->buckets);
    sh->buckets = b;
    sh->nbuckets = n;
    return true;
}

static void shard_insert(vshard *sh, vrow *r)
{
    size_t i = bucket_of(sh, r->hash);
    r->hnext = sh->buckets[i];
    sh->buckets[i] = r;
    sh->nrows++;
}

static void shard_remove(vshard *sh, vrow *r)
{
    for (vrow **pp = &sh->buckets[bucket_of(sh, r->hash)]; *pp != NULL; pp = &(*pp)->hnext) {
        if (*pp == r) {
            *pp = r->hnext;
            sh->nrows--;
            return;
        }
    }
}

void vr_unlink(vs *v, vshard *sh, ver *w)
{
    vrow *r = w->row;
    if (r == NULL)
        return;
    if (r->head == w) {
        r->head = w->older;
    } else {
        ver *p = r->head;
        while (p != NULL && p->older != w)
            p = p->older;
        if (p != NULL)
            p->older = w->older;
    }
    w->row = NULL;
    w->older = NULL;
    if (r->head == NULL) {
        shard_remove(sh, r);
        atomic_fetch_sub(&bt_client(r->t)[VT_C_ROWS], 1);
        vs_release(v, r->charge);
        free(r);
    }
}

/* ---- visibility -------------------------------------------------------------- */

vr_view vr_resolve(const vrow *row, const vtx *x)
{
    vr_view vw = { VR_TREE, false, NULL };
    if (row == NULL)
        return vw;
    for (const ver *w = row->head; w != NULL; w = w->older) {
        if (vr_visible(w, x))
            return vw;
        /* x may not see w: step back to the state before it. */
        switch (w->kind) {
        case V_NEW:
            vw = (vr_view){ VR_ABSENT, false, NULL };
            break;
        case V_IMAGE:
            vw = (vr_view){ VR_IMAGE, false, w };
            break;
        case V_DELETE:
            vw.unflag = true;
            break;
        default:
            break;      /* a lock changes nothing */
        }
    }
    return vw;
}

/* Copy bytes [off, off+cb) of a value of `len` bytes held in memory. */
static JET_ERR copy_mem(const uint8_t *val, size_t len, uint64_t off, void *buf, size_t cb)
{
    uint64_t avail = off < len ? len - off : 0;
    size_t n = avail < cb ? (size_t)avail : cb;
    if (n)
        memcpy(buf, val + off, n);
    return n < avail ? JET_wrnBufferTruncated : JET_errSuccess;
}

/* One read of a tree value: through the cursor when there is one. */
static JET_ERR tree_read(bt_tree *t, bt_cursor *cur, const void *key, size_t klen, uint64_t off,
                         void *buf, size_t cb, size_t *total)
{
    JET_ERR err = cur != NULL ? bt_cursor_value(cur, off, buf, cb, total)
                              : bt_get(t, key, klen, off, buf, cb, total);
    if (err == JET_errRecordDeleted || err == JET_errNoCurrentRecord)
        err = JET_errRecordNotFound;
    return err;
}

/* Stack buffer used to read the flag byte and a small value in one go. */
#define VR_SMALL 512u

JET_ERR vr_read(bt_tree *t, bt_cursor *cur, const void *key, size_t klen, vr_view vw,
                uint64_t off, void *buf, size_t cb, size_t *full)
{
    if (buf == NULL)
        cb = 0;
    if (vw.src == VR_ABSENT)
        return JET_errRecordNotFound;
    if (vw.src == VR_IMAGE) {
        const ver *w = vw.img;
        if (w->blen == 0)
            return JET_errDatabaseCorrupted;
        if ((w->before[0] & VT_ROW_DELETED) && !vw.unflag)
            return JET_errRecordNotFound;
        *full = w->blen - 1;
        return copy_mem(w->before + 1, w->blen - 1, off, buf, cb);
    }
    uint8_t small[VR_SMALL];
    size_t total = 0;
    /* The flag byte and, as far as they fit, the wanted bytes in one read. */
    size_t want = off == 0 && cb > 0 ? (cb < sizeof small ? cb + 1 : sizeof small) : 1;
    JET_ERR err = tree_read(t, cur, key, klen, 0, small, want, &total);
    if (err < 0)
        return err;
    if (total == 0)
        return JET_errDatabaseCorrupted;   /* not a versioned row: no flag byte */
    if ((small[0] & VT_ROW_DELETED) && !vw.unflag)
        return JET_errRecordNotFound;
    size_t vlen = total - 1;
    *full = vlen;
    size_t got = cb < vlen ? cb : vlen;
    if (want > 1 && got <= want - 1) {
        /* everything the caller wants came with the first read */
        if (got)
            memcpy(buf, small + 1, got);
        return got < vlen ? JET_wrnBufferTruncated : JET_errSuccess;
    }
    if (cb == 0 || off >= vlen)
        return off < vlen ? JET_wrnBufferTruncated : JET_errSuccess;
    return tree_read(t, cur, key, klen, off + 1, buf, cb, &total);
}

/* ---- rollback of an unlogged change ----------------------------------------- */

/* The whole stored value of a row (flag byte included); *val malloc'd. */
static JET_ERR read_whole(bt_tree *t, const void *key, size_t klen, size_t len, uint8_t **val)
{
    uint8_t *b = malloc(len ? len : 1);
    if (b == NULL)
        return JET_errOutOfMemory;
    size_t total = 0;
    JET_ERR err = bt_get(t, key, klen, 0, b, len, &total);
    if (err >= 0 && total != len)
        err = JET_errDatabaseCorrupted;   /* it changed under the shard lock */
    if (err < 0) {
        free(b);
        return err;
    }
    *val = b;
    return JET_errSuccess;
}

JET_ERR vr_undo_image(ver *w, uint64_t txid)
{
    vrow *r = w->row;
    if (r == NULL)
        return JET_errSuccess;
    uint8_t flag;
    size_t total = 0;
    JET_ERR err = bt_get(r->t, r->key, r->klen, 0, &flag, 1, &total);
    bool exists = err >= 0;
    if (err < 0 && err != JET_errRecordNotFound)
        return err;
    switch (w->kind) {
    case V_NEW:
        return exists ? bt_delete(r->t, txid, r->key, r->klen) : JET_errSuccess;
    case V_IMAGE:
        return exists ? bt_replace(r->t, txid, r->key, r->klen, w->before, w->blen)
                      : bt_insert(r->t, txid, r->key, r->klen, w->before, w->blen);
    case V_DELETE: {
        if (!exists)
            return JET_errDatabaseCorrupted;
        uint8_t *b;
        CALL(read_whole(r->t, r->key, r->klen, total, &b));
        b[0] &= (uint8_t)~VT_ROW_DELETED;
        err = bt_replace(r->t, txid, r->key, r->klen, b, total);
        free(b);
        return err;
    }
    default:
        return JET_errSuccess;
    }
}

/* ---- writes ---------------------------------------------------------------------- */

enum { W_INSERT, W_REPLACE, W_DELETE, W_LOCK };

/* A transaction that may write. */
static JET_ERR writer_ok(const vtx *x)
{
    if (x == NULL || x->level == 0)
        return JET_errNotInTransaction;
    if (x->read_only)
        return JET_errTransReadOnly;
    return JET_errSuccess;
}

/* The tree's current state of a row. */
typedef struct tstate {
    bool exists, flagged;
    size_t len;               /* stored length, flag byte included */
} tstate;

/* The tree's state of a row, keeping the first bytes of the stored value
 * in small (up to VR_SMALL): a value that fits needs no second read
 * (whole_copy). */
static JET_ERR tree_state_small(bt_tree *t, const void *key, size_t klen, tstate *ts,
                                uint8_t small[VR_SMALL])
{
    size_t total = 0;
    JET_ERR err = bt_get(t, key, klen, 0, small, VR_SMALL, &total);
    memset(ts, 0, sizeof *ts);
    if (err == JET_errRecordNotFound)
        return JET_errSuccess;
    if (err < 0)
        return err;
    if (total == 0)
        return JET_errDatabaseCorrupted;
    ts->exists = true;
    ts->flagged = (small[0] & VT_ROW_DELETED) != 0;
    ts->len = total;
    return JET_errSuccess;
}

/* The whole stored value of a row whose state (and first bytes) were
 * read under the same shard lock; *val malloc'd. */
static JET_ERR whole_copy(bt_tree *t, const void *key, size_t klen, const tstate *ts,
                          const uint8_t small[VR_SMALL], uint8_t **val)
{
    if (ts->len > VR_SMALL)
        return read_whole(t, key, klen, ts->len, val);
    uint8_t *b = malloc(ts->len ? ts->len : 1);
    if (b == NULL)
        return JET_errOutOfMemory;
    memcpy(b, small, ts->len);
    *val = b;
    return JET_errSuccess;
}

/* Whether x sees a row given the view and the tree state. */
static bool view_visible(vr_view vw, const tstate *ts)
{
    switch (vw.src) {
    case VR_TREE:
        return ts->exists && (!ts->flagged || vw.unflag);
    case VR_IMAGE:
        return vw.img->blen > 0 && (!(vw.img->before[0] & VT_ROW_DELETED) || vw.unflag);
    default:
        return false;
    }
}

/* The write under the shard lock.  nv/nvlen: the new stored value (insert,
 * replace).  Nothing changes unless the whole operation succeeds. */
/* Rows (key + value) this small are inserted on the guess that the key is
 * absent (bt_insert says so when it is not): always inline in the tree, so
 * a wrong guess costs one failed descent and nothing else. */
#define VR_GUESS_MAX 512u

static JET_ERR write_locked(vtx *x, vshard *sh, uint32_t shard, uint64_t h, bt_tree *t,
                            const uint8_t *key, size_t klen, const uint8_t *nv, size_t nvlen,
                            int op, uint64_t txid, bool may_guess, bool *guessed_wrong)
{
    vs *v = x->v;
    vrow *row = vr_find(sh, t, h, key, klen);
    if (row != NULL && row->v != v)
        return JET_errInvalidParameter;   /* a tree of another instance */
    ver *head = row ? row->head : NULL;
    tstate ts;
    uint8_t small[VR_SMALL];
    /* A new key (no versions, small row) is the common insert: let the
     * insert itself find out whether the key is in the tree. */
    bool guess = may_guess && op == W_INSERT && row == NULL && klen + nvlen <= VR_GUESS_MAX;
    *guessed_wrong = false;
    if (guess)
        memset(&ts, 0, sizeof ts);
    else
        CALL(tree_state_small(t, key, klen, &ts, small));

    bool own = head != NULL && head->ts == x->ts;
    bool conflict = head != NULL && !own && !vr_visible(head, x);
    if (op == W_INSERT) {
        if (conflict)
            return JET_errWriteConflict;
        if (ts.exists && !ts.flagged)
            return JET_errKeyDuplicate;
    } else {
        if (!view_visible(vr_resolve(row, x), &ts))
            return JET_errRecordNotFound;
        if (conflict)
            return JET_errWriteConflict;
        /* The head is x's or visible to x: x's view is the tree itself. */
        if (!ts.exists || ts.flagged)
            return JET_errRecordNotFound;
    }
    if (op == W_LOCK && own)
        return JET_errSuccess;   /* x owns the row already, at this level or below */

    bool same_level = own && head->seq >= x->lv[x->level].nvers;
    /* What the version must remember: a new version, or the head of this
     * level upgraded when its kind cannot describe the new change (a lock
     * has no before image; a deletion's implicit before image is the tree
     * value, which is about to change). */
    uint8_t kind = 0;
    bool need_image = false;
    if (!same_level || head->kind == V_LOCK || (head->kind == V_DELETE && op != W_DELETE)) {
        switch (op) {
        case W_INSERT:
            kind = ts.exists ? V_IMAGE : V_NEW;
            need_image = ts.exists;
            break;
        case W_REPLACE:
            kind = V_IMAGE;
            need_image = true;
            break;
        case W_DELETE:
            kind = V_DELETE;
            break;
        default:
            kind = V_LOCK;
            break;
        }
    }
    bool upgrade = same_level && kind != 0;
    bool physical = op == W_DELETE && same_level && head->kind == V_NEW;

    /* Everything that can fail before the tree changes: memory, budget. */
    JET_ERR err = JET_errSuccess;
    ver *w = NULL;
    vrow *nrow = NULL;
    uint8_t *image = NULL, *flagged = NULL;
    size_t charge = 0, row_charge = 0;
    if (need_image)
        CHECK(whole_copy(t, key, klen, &ts, small, &image));
    if (upgrade && head->kind == V_DELETE && image != NULL)
        image[0] &= (uint8_t)~VT_ROW_DELETED;   /* the state before the deletion */
    if (op == W_DELETE && !physical) {
        CHECK(whole_copy(t, key, klen, &ts, small, &flagged));
        flagged[0] |= VT_ROW_DELETED;
    }
    if (kind != 0 && !upgrade) {
        w = calloc(1, sizeof *w);
        if (w == NULL) {
            err = JET_errOutOfMemory;
            goto done;
        }
        charge = sizeof *w;
        if (row == NULL) {
            nrow = malloc(sizeof *nrow + klen);
            if (nrow == NULL || !shard_room(sh)) {
                err = JET_errOutOfMemory;
                goto done;
            }
            row_charge = sizeof *nrow + klen;
        }
    }
    charge += need_image ? ts.len : 0;
    if (!vs_charge(v, charge + row_charge)) {
        charge = row_charge = 0;
        err = JET_errVersionStoreOutOfMemory;
        goto done;
    }

    /* The change itself.  Lock-free readers (vt_quiet_gen) learn of it
     * first: a row about to get its first version is counted, and the
     * tree's write generation moves. */
    _Atomic uint64_t *tc = bt_client(t);
    if (nrow != NULL)
        atomic_fetch_add(&tc[VT_C_ROWS], 1);
    atomic_fetch_add(&tc[VT_C_GEN], 1);
    bool noop = op == W_REPLACE && image != NULL && ts.len == nvlen &&
                memcmp(image, nv, nvlen) == 0;
    size_t undo_before = x->t != NULL ? txn_undo_count(x->t) : 0;
    switch (op) {
    case W_INSERT:
        err = ts.exists ? bt_replace(t, txid, key, klen, nv, nvlen)
                        : bt_insert(t, txid, key, klen, nv, nvlen);
        if (guess && err == JET_errKeyDuplicate)
            *guessed_wrong = true;      /* the key is there: look at it and retry */
        break;
    case W_REPLACE:
        /* The same bytes again change nothing: no tree change (and so no
         * log record, which must not pass for an unlogged tree below). */
        if (!noop)
            err = bt_replace(t, txid, key, klen, nv, nvlen);
        break;
    case W_DELETE:
        err = physical ? bt_delete(t, txid, key, klen)
                       : bt_replace(t, txid, key, klen, flagged, ts.len);
        break;
    default:
        break;
    }
    if (err < 0) {
        vs_release(v, charge + row_charge);
        if (nrow != NULL)
            atomic_fetch_sub(&tc[VT_C_ROWS], 1);
        goto done;
    }
    /* A change that left no undo record is on an unlogged tree: rollback
     * restores it from the before image.  (A replace by the same bytes
     * changed nothing and needs no undo: restoring its image after the
     * log's undo of older changes would bring a later state back.) */
    bool self_undo = op != W_LOCK && !noop &&
                     (x->t == NULL || txn_undo_count(x->t) == undo_before);

    if (upgrade) {
        head->kind = kind;
        head->before = image;
        head->blen = need_image ? ts.len : 0;
        head->charge += charge;
        head->self_undo = self_undo;
        image = NULL;
    } else if (w != NULL) {
        w->kind = kind;
        w->ts = x->ts;
        w->shard = shard;
        w->self_undo = self_undo;
        w->charge = charge;
        w->before = image;
        w->blen = need_image ? ts.len : 0;
        image = NULL;
        if (row == NULL) {
            row = nrow;
            nrow = NULL;
            memset(row, 0, sizeof *row);
            row->v = v;
            row->t = t;
            row->hash = h;
            row->klen = (uint16_t)klen;
            row->charge = row_charge;
            row->may_flag = false;
            memcpy(row->key, key, klen);
            shard_insert(sh, row);
        }
        w->row = row;
        w->older = row->head;
        row->head = w;
        vtx_push(x, w);
        atomic_fetch_add(&v->nversions, 1);
        w = NULL;
    }
    if (op == W_DELETE && row != NULL)
        row->may_flag = true;     /* cleanup must look for the flag */
    err = JET_errSuccess;
done:
    free(image);
    free(flagged);
    free(w);
    free(nrow);
    return err;
}

static JET_ERR vt_write(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val,
                        size_t vlen, int op)
{
    CALL(writer_ok(x));
    if (t == NULL || (key == NULL && klen > 0) || (val == NULL && vlen > 0))
        return JET_errInvalidParameter;
    if (klen > BT_KEY_MAX)
        return JET_errKeyTooBig;
    if (vlen >= BT_VALUE_MAX)
        return JET_errInvalidParameter;
    uint64_t txid = 0;
    if (op != W_LOCK) {
        struct txn *st;
        CALL(vtx_storage(x, &st));
        txid = txn_id(st);
    }
    CALL(vtx_reserve(x));
    uint8_t *nv = NULL;
    if (op == W_INSERT || op == W_REPLACE) {
        nv = malloc(vlen + 1);
        if (nv == NULL)
            return JET_errOutOfMemory;
        nv[0] = 0;
        if (vlen)
            memcpy(nv + 1, val, vlen);
    }
    uint64_t h = vr_hash(t, key, klen);
    uint32_t shard = (uint32_t)(h % VS_SHARDS);
    vshard *sh = &vs_shards[shard];
    JET_ERR err;
    for (int attempt = 0;; attempt++) {
        pthread_mutex_lock(&sh->mu);
        bool wrong;
        err = write_locked(x, sh, shard, h, t, key, klen, nv, vlen + 1, op, txid, true, &wrong);
        if (wrong)
            err = write_locked(x, sh, shard, h, t, key, klen, nv, vlen + 1, op, txid, false,
                               &wrong);
        pthread_mutex_unlock(&sh->mu);
        /* A full version store: let cleanup free what it can, once. */
        if (err != JET_errVersionStoreOutOfMemory || attempt > 0)
            break;
        vs_cleanup_wait(x->v);
    }
    free(nv);
    return err;
}

JET_ERR vt_insert(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val, size_t vlen)
{
    return vt_write(x, t, key, klen, val, vlen, W_INSERT);
}

JET_ERR vt_replace(vtx *x, bt_tree *t, const void *key, size_t klen, const void *val,
                   size_t vlen)
{
    return vt_write(x, t, key, klen, val, vlen, W_REPLACE);
}

JET_ERR vt_delete(vtx *x, bt_tree *t, const void *key, size_t klen)
{
    return vt_write(x, t, key, klen, NULL, 0, W_DELETE);
}

JET_ERR vt_lock(vtx *x, bt_tree *t, const void *key, size_t klen)
{
    return vt_write(x, t, key, klen, NULL, 0, W_LOCK);
}

/* ---- reads ------------------------------------------------------------------------ */

JET_ERR vt_get(vtx *x, bt_tree *t, const void *key, size_t klen, uint64_t off, void *buf,
               size_t cb, size_t *actual)
{
    if (t == NULL || (key == NULL && klen > 0))
        return JET_errInvalidParameter;
    if (klen > BT_KEY_MAX)
        return JET_errKeyTooBig;
    if (x != NULL && x->level == 0)
        x = NULL;
    size_t full = 0;
    JET_ERR err;
    /* No row of the tree has versions: the tree is what everyone sees,
     * unless a write began meanwhile (then ask under the lock). */
    uint64_t g = vt_quiet_gen(t);
    if (g != UINT64_MAX) {
        err = vr_read(t, NULL, key, klen, (vr_view){ VR_TREE, false, NULL }, off, buf, cb,
                      &full);
        if (vt_gen_now(t) == g) {
            if (err >= 0 && actual != NULL)
                *actual = full;
            return err;
        }
    }
    uint64_t h = vr_hash(t, key, klen);
    vshard *sh = &vs_shards[vr_shard_of(h)];
    pthread_mutex_lock(&sh->mu);
    vr_view vw = vr_resolve(vr_find(sh, t, h, key, klen), x);
    err = vr_read(t, NULL, key, klen, vw, off, buf, cb, &full);
    pthread_mutex_unlock(&sh->mu);
    if (err >= 0 && actual != NULL)
        *actual = full;
    return err;
}

uint64_t vt_tree_stamp(bt_tree *t)
{
    if (t == NULL)
        return 0;
    uint64_t g = vt_quiet_gen(t);
    return g == UINT64_MAX ? 0 : g + 1;
}
