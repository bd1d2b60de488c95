/*
 * ver_raw.h: the stored rows of a versioned tree as they are on disk — for
 * offline verification only (src/catalog/cat_check.c, src/isam/check.c).
 *
 * A versioned tree stores one flag byte (VT_ROW_DELETED) in front of the
 * caller's bytes (ver.h).  vt_raw walks the B-tree directly, in key order,
 * and says of each row whether it is live, flag-deleted (invisible: the
 * version store's cleanup had not removed it yet) or malformed (no flag
 * byte, or unknown flag bits).  It ignores the version store entirely, so
 * it shows committed data only when no transaction is open on the tree —
 * true of a database attached just for a check.
 */
#ifndef JETDB_TXN_VER_RAW_H
#define JETDB_TXN_VER_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btree/btree.h"
#include "esent.h"

typedef enum vt_raw_state {
    VT_RAW_LIVE = 0,
    VT_RAW_DELETED,              /* flag-deleted: treated as absent */
    VT_RAW_BAD,                  /* empty value or unknown flag bits */
} vt_raw_state;

typedef struct vt_raw {
    bt_cursor *c;
    bool started;
    size_t vmax;                 /* read at most this many value bytes */
    uint8_t key[BT_KEY_MAX];
    size_t klen;
    uint8_t *val;                /* the caller's bytes (after the flag byte) */
    size_t vlen;                 /* bytes in val (min(stored - 1, vmax)) */
    size_t stored;               /* the stored value's full length, flag byte included */
    vt_raw_state state;
    uint8_t *buf;
    size_t cap;
} vt_raw;

/* Start a walk of t; values longer than vmax bytes are read only up to
 * vmax (stored says how long they are). */
JET_ERR vt_raw_open(bt_tree *t, size_t vmax, vt_raw *r);
/* Move to the first row (first call) or the next one and read it:
 * JET_errNoCurrentRecord after the last row; any other error is the
 * B-tree's (a damaged page). */
JET_ERR vt_raw_next(vt_raw *r);
void vt_raw_close(vt_raw *r);

/* The state of the stored row with this key; JET_errRecordNotFound when
 * the tree has none. */
JET_ERR vt_raw_state_of(bt_tree *t, const void *key, size_t klen, vt_raw_state *state);

#endif
