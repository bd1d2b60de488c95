/*
 * bt_int.h: what the files of src/btree share and nobody else sees —
 * the tree handle, node record formats, and the logged-operation context
 * (bt_log.c) through which every page change goes.
 */
#ifndef JETDB_BTREE_BT_INT_H
#define JETDB_BTREE_BT_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "btree/btree.h"
#include "cache/cache.h"
#include "page/page.h"
#include "util/err.h"

#define BT_MAX_DEPTH 40u

/* Slots of a tree's memo of sound pages (bt_node_trust). */
#define BT_TRUST_SLOTS 4096u
#define BT_IMG_POOL 8u          /* spare before-image buffers per tree */

struct bt_tree {
    bt_env env;
    uint32_t root;
    uint32_t objid;
    /* Readers (get, cursors, check) share it; modifications take it
     * exclusively, so a writer never meets a reader inside the tree and
     * page latches only guard against the cache (eviction, write-back). */
    pthread_rwlock_t lock;
    /* Memo of node images known to be sound: slot pgno % BT_TRUST_SLOTS
     * holds the dbtime of an image of that page that passed
     * bt_node_verify (or that a committed operation of this tree wrote).
     * A database time is handed to one page change only, so (pgno,
     * dbtime) names one image of one page: when the page in hand has that
     * dbtime, the full check would find what it found before.  NULL for
     * bt_create's provisional handle.  Relaxed atomics: any value a slot
     * holds names a sound image. */
    _Atomic uint64_t *trusted;
    _Atomic uint64_t client[BT_CLIENT_N];   /* bt_client */
    /* Operations that changed pages of the tree (bt_op_commit bumps it
     * before letting go of the pages): a cursor's private copy of a leaf
     * taken when it was n is the leaf as it still is while it is n. */
    _Atomic uint64_t mods;
    /* Spare page-size buffers for the before images of operations (taken
     * and given back with atomic exchanges, so any thread may use them);
     * freed by bt_close. */
    _Atomic(uint8_t *) imgs[BT_IMG_POOL];
};

/* ---- keys and node records (bt_node.c) ------------------------------ */

/* Leaf record: u16 klen | key | u8 vkind | inline value, or for
 * BT_V_LONG: u32 total length | u32 first long-value page. */
enum { BT_V_INLINE = 0, BT_V_LONG = 1 };
#define BT_LVREF_SIZE 8u

typedef struct bt_leafrec {
    const uint8_t *key;
    uint16_t klen;
    uint8_t vkind;
    const uint8_t *val;     /* inline bytes (BT_V_INLINE) */
    uint32_t vlen;          /* total value length */
    uint32_t lv_first;      /* first chain page (BT_V_LONG) */
} bt_leafrec;

/* Internal record: u32 child | separator key.  The key of slot 0 is
 * ignored (it stands for "minus infinity"; we keep it empty); slot i > 0
 * holds the smallest key its subtree may contain. */

int bt_keycmp(const void *a, size_t alen, const void *b, size_t blen);
bool bt_leaf_decode(const uint8_t *rec, uint16_t len, bt_leafrec *out);
bool bt_int_decode(const uint8_t *rec, uint16_t len, uint32_t *child, const uint8_t **key,
                   uint16_t *klen);
/* Key of slot i of a leaf / internal page (no validation beyond decode). */
bool bt_slot_key(const void *page, uint16_t i, const uint8_t **key, uint16_t *klen);
/* First slot whose key is >= key; *found when equal. */
uint16_t bt_leaf_search(const void *page, const void *key, size_t klen, bool *found);
/* Slot of the child whose subtree covers key. */
uint16_t bt_int_search(const void *page, const void *key, size_t klen);
/* Is the page a valid node of this tree (objid, type flags, structure)?
 * The full check, every slot decoded (bt_check uses it). */
JET_ERR bt_node_verify(const bt_tree *t, const void *page, uint32_t pgno);
/* The same verdict for tree walks: the header checks always, the O(slots)
 * part only for an image not yet in the tree's memo (see bt_tree). */
JET_ERR bt_node_trust(bt_tree *t, const void *page, uint32_t pgno);
/* Remember that the image of page pgno with this dbtime is sound. */
void bt_node_learn(bt_tree *t, uint32_t pgno, uint64_t dbtime);
/* Largest inline value for a key of klen bytes on this page size. */
uint32_t bt_inline_max(uint32_t page_size, size_t klen);

/* ---- page access for readers ----------------------------------------- */

/* S-latch pgno and check it is a node of t. */
JET_ERR bt_read_node(bt_tree *t, uint32_t pgno, bf **out);

/* ---- logged operations (bt_log.c) ------------------------------------ */

typedef struct bt_opage {
    bf *b;
    uint8_t *page;      /* bf_page(b) */
    uint8_t *before;    /* image when first latched for a change; NULL for
                           a new page and for a page only peeked at */
    uint32_t pgno;
    bool isnew;
    bool changed;       /* bt_op_commit: the op changed it */
#ifndef NDEBUG
    uint8_t *shadow;    /* debug builds: a peeked page's image, to check
                           that nobody changed it without bt_op_get */
#endif
} bt_opage;

/* Held pages an operation keeps without allocating. */
#define BT_OP_INLINE 8u
/* Undo payloads up to this size stay in the op itself. */
#define BT_OP_UNDO_INL 256u

/* One atomic operation: the pages it holds X-latched (until commit or
 * abort), the pages it frees, and its undo payload. */
typedef struct bt_op {
    bt_tree *t;
    uint64_t txid;
    uint8_t lflags;          /* BT_LOGF_CLR for compensations */
    bt_opage *pg;            /* inl, or malloc'd when more pages are held */
    unsigned npg, cap;
    bt_opage inl[BT_OP_INLINE];
    uint32_t *freed;
    unsigned nfreed, capfreed;
    uint8_t *undo;           /* owned: undo_inl or malloc'd */
    uint32_t undo_len;
    uint8_t undo_inl[BT_OP_UNDO_INL];
} bt_op;

void bt_op_begin(bt_op *op, bt_tree *t, uint64_t txid, uint8_t lflags);
/* X-latch a page of the tree (once per op) and keep its before image
 * (taken now if the page was only peeked at so far): the page may then be
 * changed. */
JET_ERR bt_op_get(bt_op *op, uint32_t pgno, uint8_t **page);
/* X-latch a page of the tree (once per op) without a before image: the
 * caller must not change it unless it calls bt_op_get (or
 * bt_op_image_all) for it first.  Commit and abort take such a page as
 * unchanged (debug builds check it). */
JET_ERR bt_op_peek(bt_op *op, uint32_t pgno, uint8_t **page);
/* Take the before image of every held page that has none (before a
 * structural change touches pages of a descent). */
JET_ERR bt_op_image_all(bt_op *op);
/* Free the spare image buffers of a tree (bt_close). */
void bt_img_pool_drain(bt_tree *t);
/* A page-size scratch buffer from the tree's spares (or malloc'd; NULL
 * when out of memory), and giving one back (kept or freed; NULL is
 * ignored). */
uint8_t *bt_img_take(bt_tree *t);
void bt_img_give(bt_tree *t, uint8_t *b);
/* Allocate and format a new page (objid of the tree, given flags). */
JET_ERR bt_op_new(bt_op *op, uint32_t flags, uint32_t *pgno, uint8_t **page);
/* Mark a held page free; it goes back to free_page after the commit. */
JET_ERR bt_op_free(bt_op *op, uint32_t pgno);
/* Attach the undo payload (copied). */
JET_ERR bt_op_set_undo(bt_op *op, const void *undo, uint32_t len);
/* Log every changed page, dirty and release them all; on failure the
 * pages are restored as bt_op_abort does. */
JET_ERR bt_op_commit(bt_op *op);
/* Put every held page back as it was, release them, give new pages back. */
void bt_op_abort(bt_op *op);

/* ---- long values (bt_lv.c) ------------------------------------------- */

/* Chunk bytes per long-value page. */
uint32_t bt_lv_chunk(uint32_t page_size);
/* Write val into a new chain; *first = its first page. */
JET_ERR bt_lv_write(bt_tree *t, uint64_t txid, const void *val, size_t vlen,
                    uint32_t *first);
/* Copy [off, off+len) of a chain of total bytes into buf. */
JET_ERR bt_lv_read(bt_tree *t, uint32_t first, uint32_t total, uint64_t off, void *buf,
                   size_t len);
/* Free a chain (one logged operation per page). */
JET_ERR bt_lv_free(bt_tree *t, uint64_t txid, uint32_t first);

/* ---- record copy-out shared by get and cursors (bt_read.c) ---------- */

JET_ERR bt_copy_value(bt_tree *t, const bt_leafrec *r, uint64_t off, void *buf, size_t cb,
                      size_t *actual);

/* ---- internal forms of the modifying calls (bt_write.c) -------------- */

JET_ERR bt_insert_op(bt_tree *t, uint64_t txid, uint8_t lflags, const void *key, size_t klen,
                     const void *val, size_t vlen);
JET_ERR bt_replace_op(bt_tree *t, uint64_t txid, uint8_t lflags, const void *key,
                      size_t klen, const void *val, size_t vlen);
JET_ERR bt_delete_op(bt_tree *t, uint64_t txid, uint8_t lflags, const void *key, size_t klen);

/* ---- little-endian helpers ------------------------------------------ */

static inline uint16_t bt_rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t bt_rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}
static inline uint64_t bt_rd64(const uint8_t *p)
{
    return (uint64_t)bt_rd32(p) | ((uint64_t)bt_rd32(p + 4) << 32);
}
static inline void bt_wr16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void bt_wr32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static inline void bt_wr64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

#endif
