/*
 * ver_int.h: internals of the version store shared by ver.c (the store:
 * timestamps, budget, cleanup, hooks), ver_tx.c (transactions and levels),
 * ver_row.c (row chains, visibility, vt_* writes and reads) and
 * ver_cursor.c (cursors).
 *
 * Timestamps.  The store counts commits: last_cts is the timestamp of the
 * newest commit.  A transaction's snapshot is last_cts when it began
 * (level 0 -> 1); its commit takes last_cts + 1.  Both happen under tx_mu,
 * so a snapshot either includes a commit entirely or not at all.  A
 * version's owner is the vts of the level-0 transaction that made it; its
 * cts (atomic) is 0 until that transaction commits.
 *
 * Rows.  A row (tree, key) that has versions has a vrow in the hash table
 * of its shard; its chain runs newest first.  Changes (V_NEW, V_IMAGE,
 * V_DELETE) and write locks are exclusive: when one is made, every other
 * version of the row is committed and visible to its maker, so among them
 * the chain is in commit order and at most one open transaction's
 * versions lie above the newest committed one.  Read locks (V_RLOCK) and
 * escrow deltas (V_DELTA) are shared with others of their own kind: several
 * open transactions may have them on a row at once, interleaved in
 * creation order (ESE's rules, ver_row.c `conflicts`).  The state "after"
 * the newest change is the tree's value (plus nothing of the pending
 * deltas, which are added to the tree only when their owner commits); the
 * state after an older change is the before image of the next newer one.
 *
 * Ownership of versions.  An open transaction keeps its versions in
 * x->vers (creation order).  At commit they move, with the vts, into a
 * vcommit appended to the store's queue (in commit order).  Cleanup takes
 * the queue's head entries whose cts every snapshot sees and unlinks their
 * versions (at the tail of their chains, but for shared ones: a delta or
 * read lock may have older ones of transactions that committed later),
 * removing flagged rows whose chain became empty.  Versions unlinked early (detach, tree forget) are
 * marked row == NULL and only freed with their owner.
 */
#ifndef JETDB_TXN_VER_INT_H
#define JETDB_TXN_VER_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "txn/ver.h"

struct txn;

#define VS_SHARDS 64u

typedef struct ver ver;
typedef struct vrow vrow;

/* The commit state of one level-0 transaction. */
typedef struct vts {
    _Atomic uint64_t cts;        /* 0 = not committed (yet, or ever) */
} vts;

/* Kinds of version: what the state before it was. */
enum {
    V_NEW = 1,      /* the row did not exist in the tree */
    V_IMAGE,        /* before = the stored bytes in `before` (flag byte first) */
    V_DELETE,       /* before = the state after it with the flag cleared */
    V_LOCK,         /* no change (write lock) */
    V_DEFER,        /* no row: deferred work (vtx_defer) */
    V_RLOCK,        /* no change (read lock: shared with other read locks) */
    V_DELTA,        /* escrow delta: add `delta` to the dwidth-byte little-endian
                       integer at byte doff of the caller's value */
};

struct ver {
    ver *older;                  /* next older version of the row */
    vrow *row;                   /* NULL: unlinked (detached), or V_DEFER */
    vts *ts;                     /* owner */
    uint32_t shard;              /* shard of the row (immutable) */
    uint8_t kind;
    bool self_undo;              /* unlogged tree: rollback uses the before image */
    size_t seq;                  /* index in the owner's x->vers while it is open */
    size_t charge;               /* bytes charged to the budget */
    size_t blen;
    uint8_t *before;             /* V_IMAGE */
    void (*fn)(void *ctx, bool committed);   /* V_DEFER */
    void *ctx;
    /* V_DELTA.  `applied`: the tree value holds this delta by itself (set
     * under the shard lock when the owner's commit adds it to the tree).
     * A delta that is not applied is pending: only its owner sees it (on
     * top of the tree), unless a newer non-delta change of the same
     * transaction covers it (that change wrote bytes which include it). */
    int64_t delta;
    uint32_t doff;
    uint8_t dwidth;              /* 4 or 8 */
    bool applied;
};

struct vrow {
    vrow *hnext;                 /* hash bucket chain */
    vs *v;                       /* the store whose transactions made its versions */
    bt_tree *t;
    uint64_t hash;
    ver *head;                   /* newest version; never NULL while linked */
    size_t charge;
    uint32_t ndelta;             /* V_DELTA versions in the chain */
    bool may_flag;               /* a deletion or a rollback touched it: the tree
                                    value may be flagged (cleanup looks) */
    uint16_t klen;
    uint8_t key[];
};

typedef struct vshard {
    pthread_mutex_t mu;
    vrow **buckets;
    size_t nbuckets, nrows;
} vshard;

/* A committed transaction's versions awaiting cleanup. */
typedef struct vcommit {
    struct vcommit *next;
    vts *ts;
    uint64_t cts;
    ver **vers;
    size_t n;
} vcommit;

struct vs {
    struct inst *in;
    uint64_t max_bytes;
    _Atomic uint64_t used;
    _Atomic uint64_t nversions, rows_removed;
    _Atomic bool dirty_term;

    pthread_mutex_t tx_mu;       /* guards everything down to zombies */
    uint64_t last_cts;
    vtx *active;                 /* open transactions (doubly linked) */
    uint32_t nactive;
    vcommit *q_head, *q_tail;    /* committed, awaiting cleanup, cts order */
    uint64_t npending;
    vcommit *zombies;            /* versions of failed rollbacks (kept for good) */

    pthread_mutex_t clean_mu;    /* one cleaner at a time */
    _Atomic bool clean_again;    /* someone asked while it was busy */

    /* Durable-within-N-ms commits (JetCommitTransaction2). */
    pthread_mutex_t fl_mu;
    pthread_cond_t fl_cond;
    pthread_t fl_thread;
    bool fl_running, fl_stop;
    uint64_t fl_deadline_ns;     /* 0 = nothing scheduled */
    uint64_t fl_upto;            /* flush the log up to here */
};

/* The row table is process-wide: a tree is one bt_tree per process, so
 * (tree, key) names a row whatever the instance, and readers outside a
 * transaction (no vtx, hence no store at hand) find its versions too. */
extern vshard vs_shards[VS_SHARDS];

struct vtx {
    struct sess *s;
    vs *v;
    uint32_t level;              /* 0 = not in a transaction */
    bool read_only;
    bool active;                 /* on v->active (levels >= 1) */
    vtx *anext, *aprev;
    uint64_t snap;               /* last_cts when level 1 began */
    vts *ts;                     /* this level-0 transaction's commit state */
    struct txn *t;               /* storage transaction, begun at the first change */
    ver **vers;
    size_t nvers, capvers;
    struct {
        size_t nvers;            /* x->nvers when the level began */
        size_t nundo;            /* storage undo entries when the level began */
    } lv[VT_LEVEL_INTERNAL_MAX + 1];
    /* Ownership of the open transaction (nested begins check it). */
    bool own_ctx;
    uint64_t owner;
    uint64_t last_commit_lsn;    /* the session's last level-0 COMMIT */
};

/* Per-tree counters (bt_client): VT_C_ROWS = rows of the tree that have
 * a chain in the table, plus writers about to add one (counted before
 * they change the tree, so the count is never too low; a count too high
 * only costs speed); VT_C_GEN = writes of the tree, bumped before each
 * tree change a write makes.  A reader that saw ROWS == 0 and the same
 * GEN before and after reading the tree read a value no version hides:
 * what it would have seen under the shard lock (vt_tree_quiet). */
enum { VT_C_ROWS = 0, VT_C_GEN = 1 };
static inline uint64_t vt_gen_now(bt_tree *t)
{
    return atomic_load(&bt_client(t)[VT_C_GEN]);
}
/* GEN, or UINT64_MAX when some row of t has versions. */
static inline uint64_t vt_quiet_gen(bt_tree *t)
{
    _Atomic uint64_t *k = bt_client(t);
    uint64_t g = atomic_load(&k[VT_C_GEN]);
    return atomic_load(&k[VT_C_ROWS]) == 0 ? g : UINT64_MAX;
}

/* ---- ver.c ---------------------------------------------------------------- */

/* Charge / release bytes of the budget; charge fails (false) when full. */
bool vs_charge(vs *v, size_t bytes);
void vs_release(vs *v, size_t bytes);
/* The oldest snapshot any open transaction holds (last_cts when none);
 * caller holds tx_mu. */
uint64_t vs_floor_locked(vs *v);
/* Free one version (not linked anywhere any more). */
void vs_ver_free(vs *v, ver *w);
/* Versions that can never be cleaned (a rollback failed): keep them. */
void vs_zombie(vs *v, vts *ts, ver **vers, size_t n);
/* vs_cleanup, but waits for a cleaner at work instead of leaving the job
 * to it. */
void vs_cleanup_wait(vs *v);
/* The log of the store's instance (NULL with recovery off). */
struct log *vs_log(vs *v);
/* Make the log durable up to lsn within ms milliseconds (background). */
void vs_flush_within(vs *v, uint64_t lsn, uint32_t ms);

/* ---- ver_row.c ------------------------------------------------------------ */

uint64_t vr_hash(const bt_tree *t, const void *key, size_t klen);
static inline uint32_t vr_shard_of(uint64_t h)
{
    return (uint32_t)(h % VS_SHARDS);
}
/* Find a row in a locked shard (NULL when it has no versions). */
vrow *vr_find(vshard *sh, const bt_tree *t, uint64_t h, const void *key, size_t klen);
/* Unlink w (at the head of its row, or the tail for cleanup) from its row;
 * removes and frees the row when its chain becomes empty.  Shard locked. */
void vr_unlink(vs *v, vshard *sh, ver *w);
/* Undo one version's tree change from its before image (unlogged trees);
 * shard locked. */
JET_ERR vr_undo_image(ver *w, uint64_t txid);
/* Visibility of w to x (x NULL: latest committed). */
static inline bool vr_visible(const ver *w, const vtx *x)
{
    if (x != NULL && w->ts == x->ts)
        return true;
    uint64_t cts = atomic_load_explicit(&w->ts->cts, memory_order_acquire);
    return cts != 0 && (x == NULL || cts <= x->snap);
}

/* What a reader sees of a row: where its bytes are and whether the flag
 * must be ignored. */
typedef enum { VR_ABSENT = 0, VR_TREE, VR_IMAGE } vr_src;
typedef struct vr_view {
    vr_src src;
    bool unflag;                 /* a deletion is undone in this view */
    const ver *img;              /* VR_IMAGE: the version holding the bytes */
    /* Escrow deltas (row->ndelta > 0): the view's bytes get the deltas of
     * the versions newer than `stop` (the newest change the reader sees;
     * NULL: none) and older than `base` (the oldest change it does not see,
     * whose before state is the view; NULL: the tree is the view) added or
     * taken away (vr_delta_sum). */
    const vrow *row;
    const vtx *x;
    const ver *base, *stop;
} vr_view;
/* Resolve what x sees of a row (row NULL: the tree as is).  Shard locked. */
vr_view vr_resolve(const vrow *row, const vtx *x);
/* What the view's deltas add to the dwidth-byte integer at doff (0 when
 * the view has none there).  Shard locked. */
int64_t vr_delta_sum(const vr_view *vw, uint32_t doff, uint8_t dwidth);
/* Add d to the little-endian dwidth-byte integer at p (wrapping). */
void vr_add_le(uint8_t *p, uint8_t dwidth, int64_t d);
/* Whether delta w is covered: a newer change of its own transaction wrote
 * bytes that include it.  Shard locked. */
bool vr_delta_covered(const ver *w);
/* Read through a view: exists? (visible and not flagged); copies bytes
 * [off, off+cb) of the caller's value into buf and sets *full to its
 * length.  cur: a bt cursor on the row (faster reads), or NULL to use
 * bt_get.  JET_errRecordNotFound when not visible. */
JET_ERR vr_read(bt_tree *t, bt_cursor *cur, const void *key, size_t klen, vr_view vw,
                uint64_t off, void *buf, size_t cb, size_t *full);

/* ---- ver_tx.c ------------------------------------------------------------- */

/* The storage transaction of x, begun now if needed. */
JET_ERR vtx_storage(vtx *x, struct txn **t);
/* Append a version to x->vers (room reserved with vtx_reserve). */
JET_ERR vtx_reserve(vtx *x);
void vtx_push(vtx *x, ver *w);

#endif
