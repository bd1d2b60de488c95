/*
 * ver_raw.c: walking the stored rows of a versioned tree without the
 * version store (offline verification).  See ver_raw.h.
 */
#include "txn/ver_raw.h"

#include <stdlib.h>
#include <string.h>

#include "txn/ver.h"
#include "util/err.h"

static vt_raw_state flag_state(const uint8_t *v, size_t stored)
{
    if (stored == 0 || (v[0] & (uint8_t)~VT_ROW_DELETED) != 0)
        return VT_RAW_BAD;
    return (v[0] & VT_ROW_DELETED) ? VT_RAW_DELETED : VT_RAW_LIVE;
}

JET_ERR vt_raw_open(bt_tree *t, size_t vmax, vt_raw *r)
{
    memset(r, 0, sizeof *r);
    r->vmax = vmax;
    return bt_cursor_open(t, &r->c);
}

void vt_raw_close(vt_raw *r)
{
    if (r->c != NULL)
        bt_cursor_close(r->c);
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Read the row the cursor is on. */
static JET_ERR read_row(vt_raw *r);

JET_ERR vt_raw_next(vt_raw *r)
{
    for (;;) {
        JET_ERR err;
        if (!r->started) {
            r->started = true;
            err = bt_cursor_first(r->c);
        } else {
            err = bt_cursor_next(r->c);
        }
        CALL(err);
        err = read_row(r);
        /* removed meanwhile (version cleanup): its neighbour is next */
        if (err != JET_errRecordDeleted)
            return err;
    }
}

static JET_ERR read_row(vt_raw *r)
{
    size_t klen = 0;
    CALL(bt_cursor_key(r->c, r->key, sizeof r->key, &klen));
    if (klen > sizeof r->key)
        return JET_errDatabaseCorrupted;
    r->klen = klen;
    /* The value: the flag byte plus up to vmax bytes of the caller's. */
    size_t want = r->vmax + 1;
    size_t first = want < 256 ? want : 256;
    if (r->cap < first) {
        uint8_t *nb = realloc(r->buf, first);
        if (nb == NULL)
            return JET_errOutOfMemory;
        r->buf = nb;
        r->cap = first;
    }
    size_t stored = 0;
    CALL(bt_cursor_value(r->c, 0, r->buf, first, &stored));
    size_t take = stored < want ? stored : want;
    if (take > first) {
        if (r->cap < take) {
            uint8_t *nb = realloc(r->buf, take);
            if (nb == NULL)
                return JET_errOutOfMemory;
            r->buf = nb;
            r->cap = take;
        }
        size_t again = 0;
        CALL(bt_cursor_value(r->c, 0, r->buf, take, &again));
        if (again != stored)
            return JET_errDatabaseCorrupted;
    }
    r->stored = stored;
    r->state = flag_state(r->buf, stored);
    r->val = r->buf + (stored > 0 ? 1 : 0);
    r->vlen = take > 0 ? take - 1 : 0;
    return JET_errSuccess;
}

JET_ERR vt_raw_state_of(bt_tree *t, const void *key, size_t klen, vt_raw_state *state)
{
    uint8_t flag = 0;
    size_t stored = 0;
    CALL(bt_get(t, key, klen, 0, &flag, 1, &stored));
    *state = flag_state(&flag, stored);
    return JET_errSuccess;
}
