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
    if (w->kind == V_DELTA && r->ndelta > 0)
        r->ndelta--;
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
    vr_view vw = { VR_TREE, false, NULL, row, x, NULL, NULL };
    if (row == NULL)
        return vw;
    for (const ver *w = row->head; w != NULL; w = w->older) {
        switch (w->kind) {
        case V_NEW:
        case V_IMAGE:
        case V_DELETE:
            break;
        case V_LOCK:
            /* Everything older than a lock x sees is visible to x (the
             * lock was exclusive when it was taken); only deltas need the
             * rest of the chain. */
            if (row->ndelta == 0 && vr_visible(w, x)) {
                vw.stop = w;
                return vw;
            }
            continue;
        default:
            continue;   /* read locks change nothing; deltas: vr_delta_sum */
        }
        if (vr_visible(w, x)) {
            vw.stop = w;
            return vw;
        }
        /* x may not see w: step back to the state before it. */
        vw.base = w;
        switch (w->kind) {
        case V_NEW:
            vw.src = VR_ABSENT;
            vw.unflag = false;
            vw.img = NULL;
            break;
        case V_IMAGE:
            vw.src = VR_IMAGE;
            vw.unflag = false;
            vw.img = w;
            break;
        default:
            vw.unflag = true;
            break;
        }
    }
    return vw;
}

bool vr_delta_covered(const ver *w)
{
    if (w->row == NULL)
        return false;
    for (const ver *p = w->row->head; p != NULL && p != w; p = p->older)
        if (p->ts == w->ts && (p->kind == V_NEW || p->kind == V_IMAGE || p->kind == V_DELETE))
            return true;
    return false;
}

/* The deltas a view counts (see vr_view): those newer than stop and older
 * than base.  An applied delta the reader does not see is taken away (the
 * view's bytes hold it); a pending one of the reader's own is added (they
 * do not).  Pending deltas of others, and deltas the reader sees that are
 * in the bytes already, change nothing. */
int64_t vr_delta_sum(const vr_view *vw, uint32_t doff, uint8_t dwidth)
{
    const vrow *row = vw->row;
    if (row == NULL || row->ndelta == 0)
        return 0;
    uint64_t sum = 0;
    bool in_scope = vw->base == NULL;
    for (const ver *w = row->head; w != NULL && w != vw->stop; w = w->older) {
        if (w == vw->base) {
            in_scope = true;
            continue;
        }
        if (!in_scope || w->kind != V_DELTA || w->doff != doff || w->dwidth != dwidth)
            continue;
        if (w->applied) {
            if (!vr_visible(w, vw->x))
                sum -= (uint64_t)w->delta;
        } else if (vw->x != NULL && w->ts == vw->x->ts) {
            sum += (uint64_t)w->delta;
        }
    }
    return (int64_t)sum;
}

void vr_add_le(uint8_t *p, uint8_t dwidth, int64_t d)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < dwidth; i++)
        v |= (uint64_t)p[i] << (8 * i);
    v += (uint64_t)d;
    for (unsigned i = 0; i < dwidth; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Little-endian signed integer of dwidth (4 or 8) bytes. */
static int64_t get_le(const uint8_t *p, uint8_t dwidth)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < dwidth; i++)
        v |= (uint64_t)p[i] << (8 * i);
    if (dwidth == 4)
        return (int64_t)(int32_t)(uint32_t)v;
    return (int64_t)v;
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

static JET_ERR read_raw(bt_tree *t, bt_cursor *cur, const void *key, size_t klen, vr_view vw,
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

/* Most distinct delta fields of a row (escrow columns are fixed columns:
 * at most 127 of them). */
#define VR_FIELDS_MAX 128u

typedef struct vr_field {
    uint32_t off;
    uint8_t width;
} vr_field;

/* The distinct (offset, width) of the deltas a view counts. */
static size_t view_fields(const vr_view *vw, vr_field *f)
{
    size_t n = 0;
    bool in_scope = vw->base == NULL;
    for (const ver *w = vw->row->head; w != NULL && w != vw->stop; w = w->older) {
        if (w == vw->base) {
            in_scope = true;
            continue;
        }
        if (!in_scope || w->kind != V_DELTA)
            continue;
        size_t i = 0;
        while (i < n && (f[i].off != w->doff || f[i].width != w->dwidth))
            i++;
        if (i == n && n < VR_FIELDS_MAX)
            f[n++] = (vr_field){ w->doff, w->dwidth };
    }
    return n;
}

JET_ERR vr_read(bt_tree *t, bt_cursor *cur, const void *key, size_t klen, vr_view vw,
                uint64_t off, void *buf, size_t cb, size_t *full)
{
    JET_ERR err = read_raw(t, cur, key, klen, vw, off, buf, cb, full);
    if (err < 0 || vw.row == NULL || vw.row->ndelta == 0 || buf == NULL || cb == 0 ||
        off >= *full)
        return err;
    /* Escrow deltas: patch the integers they change within the bytes
     * copied, [off, off + got). */
    size_t vlen = *full;
    size_t got = cb < vlen - off ? cb : (size_t)(vlen - off);
    vr_field f[VR_FIELDS_MAX];
    size_t n = view_fields(&vw, f);
    uint8_t *out = buf;
    for (size_t i = 0; i < n; i++) {
        uint64_t a = f[i].off, b = a + f[i].width;
        if (b > vlen || b <= off || a >= off + got)
            continue;
        int64_t d = vr_delta_sum(&vw, f[i].off, f[i].width);
        if (d == 0)
            continue;
        uint8_t v[8];
        if (a >= off && b <= off + got) {
            memcpy(v, out + (a - off), f[i].width);
        } else {
            size_t dummy;
            JET_ERR e2 = read_raw(t, cur, key, klen, vw, a, v, f[i].width, &dummy);
            if (e2 < 0)
                return e2;
        }
        vr_add_le(v, f[i].width, d);
        for (uint64_t p = a; p < b; p++)
            if (p >= off && p < off + got)
                out[p - off] = v[p - a];
    }
    return err;
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

enum { W_INSERT, W_REPLACE, W_DELETE, W_LOCK, W_RLOCK };

/* A transaction that may write. */
static JET_ERR writer_ok(const vtx *x)
{
    if (x == NULL || x->level == 0)
        return JET_errNotInTransaction;
    if (x->read_only)
        return JET_errTransReadOnly;
    return JET_errSuccess;
}

/* Another transaction's version that x may not see (ESE: "active, not by
 * me"): uncommitted, or committed after x's snapshot. */
static bool active_other(const ver *w, const vtx *x)
{
    return w->ts != x->ts && !vr_visible(w, x);
}

static bool same_op(const ver *w, uint8_t kind, uint8_t width)
{
    /* ESE tells 32- and 64-bit deltas apart (two operations). */
    return w->kind == kind && (kind != V_DELTA || w->dwidth == width);
}

/* ESE's write-conflict rule for an operation of x on a row.  kind: V_RLOCK
 * or V_DELTA (width 4 / 8) for the shared operations, 0 for the exclusive
 * ones (insert, replace, delete, write lock).
 * - The newest version is another's that x may not see: an exclusive
 *   operation conflicts; a shared one conflicts unless every such version
 *   down to the first one x sees is of its own kind.
 * - Otherwise, when the newest version is a read lock or a delta of
 *   another kind than the operation, any version of the chain that is
 *   another's and unseen by x conflicts. */
static bool conflicts(const vrow *row, const vtx *x, uint8_t kind, uint8_t width)
{
    const ver *head = row != NULL ? row->head : NULL;
    if (head == NULL)
        return false;
    if (active_other(head, x)) {
        if (kind != V_RLOCK && kind != V_DELTA)
            return true;
        for (const ver *w = head; w != NULL; w = w->older) {
            if (w->ts == x->ts)
                continue;
            if (vr_visible(w, x))
                break;
            if (!same_op(w, kind, width))
                return true;
        }
        return false;
    }
    if ((head->kind == V_RLOCK || head->kind == V_DELTA) && !same_op(head, kind, width))
        for (const ver *w = head; w != NULL; w = w->older)
            if (active_other(w, x))
                return true;
    return false;
}

/* Whether x holds the row already through a version that keeps every
 * other transaction's writes out (anything but a delta). */
static bool holds(const vrow *row, const vtx *x)
{
    for (const ver *w = row != NULL ? row->head : NULL; w != NULL; w = w->older)
        if (w->ts == x->ts && w->kind != V_DELTA)
            return true;
    return false;
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
    bool conflict = conflicts(row, x, op == W_RLOCK ? V_RLOCK : 0, 0);
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
    if ((op == W_LOCK && own && head->kind != V_DELTA && head->kind != V_RLOCK) ||
        (op == W_RLOCK && holds(row, x)))
        return JET_errSuccess;   /* x holds the row already, at this level or below */

    /* A delta stays where it is (a change after it must come after it in
     * the chain: it covers the delta). */
    bool same_level = own && head->seq >= x->lv[x->level].nvers && head->kind != V_DELTA;
    /* What the version must remember: a new version, or the head of this
     * level upgraded when its kind cannot describe the new change (a lock
     * has no before image; a deletion's implicit before image is the tree
     * value, which is about to change). */
    uint8_t kind = 0;
    bool need_image = false;
    if (!same_level || head->kind == V_LOCK || head->kind == V_RLOCK ||
        (head->kind == V_DELETE && op != W_DELETE)) {
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
        case W_RLOCK:
            kind = V_RLOCK;
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
    bool self_undo = op != W_LOCK && op != W_RLOCK && !noop &&
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
    if (op == W_RLOCK) {
        /* A read lock changes nothing: a read-only transaction takes it too. */
        if (x == NULL || x->level == 0)
            return JET_errNotInTransaction;
    } else {
        CALL(writer_ok(x));
    }
    if (t == NULL || (key == NULL && klen > 0) || (val == NULL && vlen > 0))
        return JET_errInvalidParameter;
    if (klen > BT_KEY_MAX)
        return JET_errKeyTooBig;
    if (vlen >= BT_VALUE_MAX)
        return JET_errInvalidParameter;
    uint64_t txid = 0;
    if (op != W_LOCK && op != W_RLOCK) {
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

JET_ERR vt_read_lock(vtx *x, bt_tree *t, const void *key, size_t klen)
{
    return vt_write(x, t, key, klen, NULL, 0, W_RLOCK);
}

/* ---- escrow deltas ------------------------------------------------------------------ */

/* vt_delta under the shard lock.  Nothing changes unless it succeeds. */
static JET_ERR delta_locked(vtx *x, vshard *sh, uint32_t shard, uint64_t h, bt_tree *t,
                            const uint8_t *key, size_t klen, vt_locate_fn locate, void *ctx,
                            int64_t delta, unsigned flags, vt_escrow *out)
{
    vs *v = x->v;
    vrow *row = vr_find(sh, t, h, key, klen);
    if (row != NULL && row->v != v)
        return JET_errInvalidParameter;   /* a tree of another instance */
    tstate ts;
    uint8_t small[VR_SMALL];
    CALL(tree_state_small(t, key, klen, &ts, small));
    vr_view vw = vr_resolve(row, x);
    if (!view_visible(vw, &ts))
        return JET_errRecordNotFound;

    /* Where the integer is: the caller reads x's view of the row. */
    size_t full = 0;
    CALL(vr_read(t, NULL, key, klen, vw, 0, NULL, 0, &full));
    uint8_t *view = malloc(full ? full : 1);
    if (view == NULL)
        return JET_errOutOfMemory;
    uint8_t *tv = NULL;
    ver *w = NULL;
    vrow *nrow = NULL;
    size_t charge = 0;
    uint32_t off = 0, width = 0;
    JET_ERR err = vr_read(t, NULL, key, klen, vw, 0, view, full, &full);
    if (err >= 0)
        err = locate(ctx, view, full, &off, &width);
    if (err != JET_errSuccess)
        goto done;   /* an error, or the caller's warning: nothing to do here */
    if ((width != 4 && width != 8) || off > full || full - off < width) {
        err = JET_errInvalidParameter;
        goto done;
    }
    /* Shared with other deltas of the same width (ESE's rule); and with
     * no other transaction's change pending, x's view is the tree's. */
    if (conflicts(row, x, V_DELTA, (uint8_t)width) || vw.src != VR_TREE ||
        ts.len != full + 1) {
        err = JET_errWriteConflict;
        goto done;
    }
    CHECK(whole_copy(t, key, klen, &ts, small, &tv));

    /* ESE's pvOld is the integer as stored, versions ignored: the tree's
     * (committed values) plus every transaction's pending deltas. */
    uint64_t stored = (uint64_t)get_le(tv + 1 + off, (uint8_t)width);
    bool shared = false;
    for (const ver *p = row != NULL ? row->head : NULL; p != NULL; p = p->older) {
        if (active_other(p, x))
            shared = true;
        if (p->kind == V_DELTA && !p->applied && p->doff == off && p->dwidth == width &&
            !vr_delta_covered(p))
            stored += (uint64_t)p->delta;
    }
    uint8_t sb[8];
    memcpy(sb, view + off, width);
    vr_add_le(sb, (uint8_t)width, delta);
    uint8_t stb[8] = { 0 };
    vr_add_le(stb, (uint8_t)width, (int64_t)stored);
    vt_escrow res = { get_le(stb, (uint8_t)width), get_le(sb, (uint8_t)width), shared };

    _Atomic uint64_t *tc = bt_client(t);
    if (flags & VT_DELTA_NO_ROLLBACK) {
        /* Into the tree now, as a change of no transaction (txid 0): no
         * version, so everyone sees it at once, and no undo (ESE logs it
         * unversioned: only a crash before the log reaches the disk can
         * lose it). */
        vr_add_le(tv + 1 + off, (uint8_t)width, delta);
        atomic_fetch_add(&tc[VT_C_GEN], 1);
        CHECK(bt_replace(t, 0, key, klen, tv, ts.len));
        *out = res;
        goto done;
    }

    ver *head = row != NULL ? row->head : NULL;
    if (head != NULL && head->ts == x->ts && head->kind == V_DELTA && !head->applied &&
        head->doff == off && head->dwidth == width && head->seq >= x->lv[x->level].nvers) {
        /* x's own delta of this level on the same integer: add to it. */
        head->delta = (int64_t)((uint64_t)head->delta + (uint64_t)delta);
        *out = res;
        goto done;
    }
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
        charge += sizeof *nrow + klen;
    }
    if (!vs_charge(v, charge)) {
        charge = 0;
        err = JET_errVersionStoreOutOfMemory;
        goto done;
    }
    if (nrow != NULL) {
        /* Lock-free readers learn that the tree has a row with versions
         * before that row's view changes (for x). */
        atomic_fetch_add(&tc[VT_C_ROWS], 1);
        atomic_fetch_add(&tc[VT_C_GEN], 1);
        row = nrow;
        nrow = NULL;
        memset(row, 0, sizeof *row);
        row->v = v;
        row->t = t;
        row->hash = h;
        row->klen = (uint16_t)klen;
        row->charge = sizeof *row + klen;
        memcpy(row->key, key, klen);
        shard_insert(sh, row);
        w->charge = sizeof *w;
    } else {
        w->charge = charge;
    }
    w->kind = V_DELTA;
    w->ts = x->ts;
    w->shard = shard;
    w->delta = delta;
    w->doff = off;
    w->dwidth = (uint8_t)width;
    w->row = row;
    w->older = row->head;
    row->head = w;
    row->ndelta++;
    vtx_push(x, w);
    atomic_fetch_add(&v->nversions, 1);
    w = NULL;
    charge = 0;
    *out = res;
    err = JET_errSuccess;
done:
    /* Nothing fails once the budget is charged: an error here charged
     * nothing. */
    free(view);
    free(tv);
    free(w);
    free(nrow);
    return err;
}

JET_ERR vt_delta(vtx *x, bt_tree *t, const void *key, size_t klen, vt_locate_fn locate,
                 void *ctx, int64_t delta, unsigned flags, vt_escrow *out)
{
    CALL(writer_ok(x));
    if (t == NULL || (key == NULL && klen > 0) || locate == NULL || out == NULL ||
        (flags & ~(unsigned)VT_DELTA_NO_ROLLBACK))
        return JET_errInvalidParameter;
    if (klen > BT_KEY_MAX)
        return JET_errKeyTooBig;
    CALL(vtx_reserve(x));
    uint64_t h = vr_hash(t, key, klen);
    uint32_t shard = vr_shard_of(h);
    vshard *sh = &vs_shards[shard];
    JET_ERR err;
    for (int attempt = 0;; attempt++) {
        pthread_mutex_lock(&sh->mu);
        err = delta_locked(x, sh, shard, h, t, key, klen, locate, ctx, delta, flags, out);
        pthread_mutex_unlock(&sh->mu);
        /* A full version store: let cleanup free what it can, once. */
        if (err != JET_errVersionStoreOutOfMemory || attempt > 0)
            break;
        vs_cleanup_wait(x->v);
    }
    return err;
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
        err = vr_read(t, NULL, key, klen, (vr_view){ .src = VR_TREE }, off, buf, cb,
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
