/*
 * bt_undo.c: logical rollback of one logged change.
 *
 * The undo payload of a record names the object and the key, not a page:
 * by the time a transaction rolls back (or recovery undoes it after redo)
 * the key may live on another page after splits and merges.  Rolling back
 * therefore runs the opposite B-tree operation, logged like any other but
 * flagged CLR so that nobody ever undoes the compensation itself.
 *
 * Payload (little-endian): u8 op | u8 0 | u16 klen | u32 objid | u32 vlen
 * | key | old value (DELETE/REPLACE only).
 */
#include "btree/bt_int.h"

JET_ERR bt_undo_apply(bt_tree_lookup_fn lookup, void *ctx, const void *undo, size_t len,
                      uint64_t txid)
{
    const uint8_t *u = undo;
    if (lookup == NULL || u == NULL || len < 12)
        return JET_errInvalidParameter;
    uint8_t op = u[0];
    uint16_t klen = bt_rd16(u + 2);
    uint32_t objid = bt_rd32(u + 4);
    uint32_t vlen = bt_rd32(u + 8);
    if (klen > BT_KEY_MAX || vlen > BT_VALUE_MAX || (size_t)12 + klen + vlen != len)
        return JET_errLogCorrupted;
    if (op < BT_UNDO_INSERT || op > BT_UNDO_REPLACE || (op == BT_UNDO_INSERT && vlen != 0))
        return JET_errLogCorrupted;
    bt_tree *t;
    CALL(lookup(ctx, objid, &t));
    const uint8_t *key = u + 12, *val = u + 12 + klen;
    switch (op) {
    case BT_UNDO_INSERT:
        return bt_delete_op(t, txid, BT_LOGF_CLR, key, klen);
    case BT_UNDO_DELETE:
        return bt_insert_op(t, txid, BT_LOGF_CLR, key, klen, val, vlen);
    case BT_UNDO_REPLACE:
        return bt_replace_op(t, txid, BT_LOGF_CLR, key, klen, val, vlen);
    default:
        return JET_errLogCorrupted;
    }
}
