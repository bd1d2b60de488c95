/*
 * api_cat.h: helpers shared by the schema entry points (api_ddl.c,
 * api_info.c, api_temp.c): wide-string buffers, the implicit transaction of
 * a DDL call, and the table a cursor or a name stands for.
 */
#ifndef JETDB_API_API_CAT_H
#define JETDB_API_API_CAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api/api.h"
#include "catalog/catalog.h"
#include "db/db.h"
#include "inst/inst.h"
#include "txn/ver.h"

/* A name argument in UTF-8: width 0 = already UTF-8 (*out = src, nothing
 * allocated: free(*tmp) is still right), 2/4 = converted into *tmp. */
JET_ERR api_name(const void *src, size_t width, const char **out, char **tmp);

/* Convert cb bytes of a wide buffer (NULs kept, so "+a\0-b\0\0" keeps its
 * shape) to malloc'd UTF-8; *outlen = bytes.  width 0 copies. */
JET_ERR api_wide_buf(const void *src, size_t cb, size_t width, char **out, uint32_t *outlen);

/* The implicit transaction of one DDL call, and its end: a commit at
 * level 0 is made durable (ESE commits DDL durably) unless lazy. */
JET_ERR api_ddl_begin(sess *s, vtx **x);
JET_ERR api_ddl_end(sess *s, vtx *x, JET_ERR err, bool lazy);

/* The table and database behind cursor tableid of s (pinned) and the
 * grbit it was opened with. */
typedef struct api_cursor {
    db *d;
    cat_table *t;
    JET_GRBIT grbit;
} api_cursor;
JET_ERR api_cursor_get(sess *s, JET_TABLEID tableid, api_cursor *c);
void api_cursor_put(api_cursor *c);

#endif
