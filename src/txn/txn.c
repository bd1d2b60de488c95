/*
 * txn.c: begin / commit / rollback and the registry of active transactions
 * that collects undo payloads from logged page records.
 */
#include "txn/txn.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "log/log.h"
#include "util/err.h"

typedef struct undo_ent {
    void *db_ctx;
    uint8_t *bytes;            /* in one of the transaction's chunks */
    uint32_t len;
} undo_ent;

/* Undo payloads are kept in chunks that only grow at the end (entries are
 * dropped newest first), so noting one costs no allocation of its own. */
typedef struct undo_chunk {
    struct undo_chunk *prev;
    size_t used, cap;
    uint8_t data[];
} undo_chunk;

#define UNDO_CHUNK_MIN 4096u
#define UNDO_CHUNK_MAX 65536u

struct txn {
    uint64_t id;
    uint64_t floor;            /* log end before BEGIN was appended: <= its LSN */
    struct log *log;
    bool failed;               /* its rollback failed: kept registered (see txn_rollback) */
    pthread_mutex_t mu;        /* guards undo[] (records may be noted concurrently) */
    undo_ent *undo;
    size_t nundo, capundo;
    undo_chunk *chunk;         /* newest chunk of undo bytes (mu) */
    txn *next;                 /* registry chain */
};

/* Active transactions.  A list is enough: lookups happen once per logged
 * page record and the number of open transactions is bounded by sessions. */
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static txn *g_active;

/* Allocate and register a transaction with a known id and checkpoint
 * floor (set before the checkpointer can see it). */
static JET_ERR txn_new(struct log *log, uint64_t id, uint64_t floor, txn **out)
{
    txn *t = calloc(1, sizeof *t);
    if (t == NULL)
        return JET_errOutOfMemory;
    t->id = id;
    t->log = log;
    t->floor = floor;
    pthread_mutex_init(&t->mu, NULL);
    pthread_mutex_lock(&g_mu);
    t->next = g_active;
    g_active = t;
    pthread_mutex_unlock(&g_mu);
    *out = t;
    return JET_errSuccess;
}

/* Unregister and free. */
static void txn_free(txn *t)
{
    pthread_mutex_lock(&g_mu);
    for (txn **pp = &g_active; *pp; pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    }
    pthread_mutex_unlock(&g_mu);
    while (t->chunk != NULL) {
        undo_chunk *c = t->chunk;
        t->chunk = c->prev;
        free(c);
    }
    free(t->undo);
    pthread_mutex_destroy(&t->mu);
    free(t);
}

txn *txn_find(struct log *log, uint64_t txid)
{
    pthread_mutex_lock(&g_mu);
    txn *t = g_active;
    while (t != NULL && (t->id != txid || t->log != log))
        t = t->next;
    pthread_mutex_unlock(&g_mu);
    return t;
}

uint64_t txn_oldest_begin(struct log *log)
{
    uint64_t oldest = 0;
    pthread_mutex_lock(&g_mu);
    for (txn *t = g_active; t != NULL; t = t->next)
        if (t->log == log && log != NULL && (oldest == 0 || t->floor < oldest))
            oldest = t->floor;
    pthread_mutex_unlock(&g_mu);
    return oldest;
}

void txn_forget(txn *t)
{
    txn_free(t);
}

/* Append a transaction-control record (BEGIN/COMMIT/ROLLBACK). */
static JET_ERR log_control(struct log *log, uint8_t type, uint64_t txid, uint64_t *lsn)
{
    log_rec_hdr h;
    log_rec_init(&h, type, LOG_REC_HDR_SIZE, 0, txid);
    return log_append(log, &h, sizeof h, lsn);
}

/* Ids of unlogged transactions carry the top bit, which no LSN has
 * (generations stay below 2^31). */
#define TXN_UNLOGGED_BIT (1ull << 63)

JET_ERR txn_begin(struct log *log, txn **out)
{
    static _Atomic uint64_t unlogged = 1;
    if (log == NULL)
        return txn_new(NULL, TXN_UNLOGGED_BIT | unlogged++, 0, out);
    /* Register before logging BEGIN, with a floor no later than BEGIN's
     * LSN: a checkpoint taken meanwhile then stops at or before it. */
    txn *t;
    CALL(txn_new(log, 0, log_end_lsn(log), &t));
    uint64_t id;
    JET_ERR err = log_control(log, LOG_REC_BEGIN, 0, &id);
    if (err < 0) {
        txn_free(t);
        return err;
    }
    pthread_mutex_lock(&g_mu);
    t->id = id;
    pthread_mutex_unlock(&g_mu);
    *out = t;
    return JET_errSuccess;
}

JET_ERR txn_adopt(struct log *log, uint64_t txid, txn **out)
{
    CALL(txn_new(log, txid, txid, out));
    return JET_errSuccess;
}

uint64_t txn_id(const txn *t)
{
    return t->id;
}

JET_ERR txn_note_record(struct log *log, void *db_ctx, const void *rec, size_t len,
                        uint64_t lsn)
{
    (void)lsn;
    bt_logrec lr;
    CALL(bt_logrec_decode(rec, len, 0, &lr));
    if (lr.txid == 0 || lr.undo_len == 0 || (lr.flags & BT_LOGF_CLR))
        return JET_errSuccess;
    txn *t = txn_find(log, lr.txid);
    if (t == NULL)
        return JET_errSuccess;   /* no such open transaction (e.g. committed) */
    pthread_mutex_lock(&t->mu);
    JET_ERR err = JET_errSuccess;
    undo_chunk *ch = t->chunk;
    if (ch == NULL || ch->cap - ch->used < lr.undo_len) {
        /* A new chunk, twice the last one (up to UNDO_CHUNK_MAX), at least
         * the payload. */
        size_t cap = ch == NULL ? UNDO_CHUNK_MIN : ch->cap * 2;
        if (cap > UNDO_CHUNK_MAX)
            cap = UNDO_CHUNK_MAX;
        if (cap < lr.undo_len)
            cap = lr.undo_len;
        undo_chunk *n = malloc(sizeof *n + cap);
        if (n == NULL) {
            pthread_mutex_unlock(&t->mu);
            return JET_errOutOfMemory;
        }
        n->prev = ch;
        n->used = 0;
        n->cap = cap;
        t->chunk = ch = n;
    }
    uint8_t *copy = ch->data + ch->used;
    if (t->nundo == t->capundo) {
        size_t cap = t->capundo ? t->capundo * 2 : 16;
        undo_ent *u = realloc(t->undo, cap * sizeof *u);
        if (u == NULL)
            err = JET_errOutOfMemory;
        else {
            t->undo = u;
            t->capundo = cap;
        }
    }
    if (err >= 0) {
        memcpy(copy, lr.undo, lr.undo_len);
        ch->used += lr.undo_len;
        t->undo[t->nundo++] = (undo_ent){ db_ctx, copy, lr.undo_len };
    }
    pthread_mutex_unlock(&t->mu);
    return err;
}

void txn_drop_last_undo(txn *t)
{
    pthread_mutex_lock(&t->mu);
    if (t->nundo > 0) {
        t->nundo--;
        /* Give its bytes back when they end the newest chunk (they do:
         * entries go newest first); an emptied chunk goes too. */
        const undo_ent *u = &t->undo[t->nundo];
        undo_chunk *ch = t->chunk;
        if (ch != NULL && u->len <= ch->used && u->bytes == ch->data + ch->used - u->len) {
            ch->used -= u->len;
            if (ch->used == 0) {
                t->chunk = ch->prev;
                free(ch);
            }
        }
    }
    pthread_mutex_unlock(&t->mu);
}

JET_ERR txn_commit(txn *t, bool lazy, uint64_t *commit_lsn)
{
    return txn_commit_ex(t, lazy, commit_lsn, NULL, NULL);
}

JET_ERR txn_commit_ex(txn *t, bool lazy, uint64_t *commit_lsn, void (*appended)(void *ctx),
                      void *ctx)
{
    JET_ERR err = JET_errSuccess;
    uint64_t lsn = 0;
    if (t->log != NULL)
        err = log_control(t->log, LOG_REC_COMMIT, t->id, &lsn);
    if (appended != NULL)
        appended(ctx);
    if (t->log != NULL && err >= 0 && !lazy)
        err = log_flush(t->log, lsn);
    if (commit_lsn != NULL)
        *commit_lsn = lsn;
    txn_free(t);
    return err;
}

size_t txn_undo_count(txn *t)
{
    pthread_mutex_lock(&t->mu);
    size_t n = t->nundo;
    pthread_mutex_unlock(&t->mu);
    return n;
}

/* Apply the undo payloads above `mark`, newest first: each compensation
 * restores the state the previous change started from, and is logged as a
 * CLR whose LAST record makes recovery drop the same entry
 * (txn_drop_last_undo), so a later crash undoes exactly what is left. */
static JET_ERR undo_down_to(txn *t, size_t mark, bt_tree_lookup_fn lookup)
{
    JET_ERR err = JET_errSuccess;
    for (;;) {
        pthread_mutex_lock(&t->mu);
        bool more = t->nundo > mark;
        undo_ent u = more ? t->undo[t->nundo - 1] : (undo_ent){ NULL, NULL, 0 };
        pthread_mutex_unlock(&t->mu);
        if (!more)
            return JET_errSuccess;
        err = bt_undo_apply(lookup, u.db_ctx, u.bytes, u.len, t->id);
        if (err < 0)
            return err;
        txn_drop_last_undo(t);
    }
}

JET_ERR txn_rollback_to(txn *t, size_t mark, bt_tree_lookup_fn lookup)
{
    return undo_down_to(t, mark, lookup);
}

JET_ERR txn_rollback(txn *t, bt_tree_lookup_fn lookup)
{
    JET_ERR err = undo_down_to(t, 0, lookup);
    if (err >= 0 && t->log != NULL) {
        /* ROLLBACK finishes work already logged: it may use a reserved log
         * when the log disk is full (log_append_finish), like the
         * compensations before it. */
        log_rec_hdr h;
        log_rec_init(&h, LOG_REC_ROLLBACK, LOG_REC_HDR_SIZE, 0, t->id);
        err = log_append_finish(t->log, &h, sizeof h, NULL);
    }
    if (err < 0 && t->log != NULL) {
        /* A rollback that failed half way leaves its transaction open in
         * the log, and its remaining changes in the pages; only the next
         * recovery can finish it.  So it stays registered: a checkpoint
         * must not pass its BEGIN (recovery would never see it) and a
         * clean termination must not make its changes permanent
         * (txn_oldest_begin tells both).  txn_forget_failed frees it. */
        pthread_mutex_lock(&g_mu);
        t->failed = true;
        pthread_mutex_unlock(&g_mu);
        return err;
    }
    txn_free(t);
    return err;
}

void txn_forget_failed(struct log *log)
{
    for (;;) {
        pthread_mutex_lock(&g_mu);
        txn *t = g_active;
        while (t != NULL && !(t->failed && t->log == log))
            t = t->next;
        pthread_mutex_unlock(&g_mu);
        if (t == NULL)
            return;
        txn_free(t);
    }
}
