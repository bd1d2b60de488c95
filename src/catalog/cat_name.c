/*
 * cat_name.c: object names (ESE's rules), the catalog's row keys, and the
 * per-type facts (fixed sizes, limits) the validation code needs.
 */
#include <string.h>

#include "catalog/cat_int.h"
#include "util/err.h"

/* Characters below 0x80 a name may not contain: the control characters,
 * '!', '.', '[' and ']' (ESE's rgbValidName). */
static bool name_char_bad(unsigned char ch)
{
    return ch < 0x20 || ch == '!' || ch == '.' || ch == '[' || ch == ']';
}

JET_ERR cat_check_name(const char *name, char out[CAT_NAME_MAX + 1])
{
    if (name == NULL || name[0] == ' ')
        return JET_errInvalidName;
    size_t n = 0, significant = 0;
    for (; n < CAT_NAME_MAX && name[n] != '\0'; n++) {
        unsigned char ch = (unsigned char)name[n];
        if (ch < 0x80 && name_char_bad(ch))
            return JET_errInvalidName;
        out[n] = (char)ch;
        if (ch != ' ')
            significant = n + 1;
    }
    /* Too long, even when only trailing spaces run past the limit (ESE). */
    if (n == CAT_NAME_MAX && name[n] != '\0')
        return JET_errInvalidName;
    if (significant == 0)
        return JET_errInvalidName;
    out[significant] = '\0';
    return JET_errSuccess;
}

int cat_name_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'a' && ca <= 'z')
            ca = (unsigned char)(ca - 'a' + 'A');
        if (cb >= 'a' && cb <= 'z')
            cb = (unsigned char)(cb - 'a' + 'A');
        if (ca != cb || ca == '\0')
            return (int)ca - (int)cb;
    }
}

/* ---- keys ---------------------------------------------------------------- */

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Append a name upper-cased (ASCII), so that keys compare as names do. */
static void put_name(cat_key *k, const char *name)
{
    for (size_t i = 0; name[i] != '\0' && k->len < CAT_KEY_MAX; i++) {
        unsigned char ch = (unsigned char)name[i];
        if (ch >= 'a' && ch <= 'z')
            ch = (unsigned char)(ch - 'a' + 'A');
        k->b[k->len++] = ch;
    }
}

void cat_key_prefix(cat_key *k, uint8_t kind, uint32_t objid)
{
    k->b[0] = kind;
    put_be32(k->b + 1, objid);
    k->len = 5;
}

void cat_key_table(cat_key *k, uint32_t objid)
{
    cat_key_prefix(k, CAT_K_TABLE, objid);
}

void cat_key_tname(cat_key *k, const char *name)
{
    k->b[0] = CAT_K_TNAME;
    k->len = 1;
    put_name(k, name);
}

void cat_key_col(cat_key *k, uint32_t objid, JET_COLUMNID colid)
{
    cat_key_prefix(k, CAT_K_COL, objid);
    put_be32(k->b + k->len, colid);
    k->len += 4;
}

void cat_key_cname(cat_key *k, uint32_t objid, const char *name)
{
    cat_key_prefix(k, CAT_K_CNAME, objid);
    put_name(k, name);
}

void cat_key_idx(cat_key *k, uint32_t objid, const char *name)
{
    cat_key_prefix(k, CAT_K_IDX, objid);
    put_name(k, name);
}

void cat_key_drop(cat_key *k, uint32_t objid)
{
    cat_key_prefix(k, CAT_K_DROP, objid);
}

void cat_key_stats(cat_key *k, uint32_t objid, uint32_t iobjid)
{
    cat_key_prefix(k, CAT_K_STATS, objid);
    put_be32(k->b + 5, iobjid);
    k->len = 9;
}

/* ---- column types ------------------------------------------------------------ */

bool cat_coltyp_long(JET_COLTYP coltyp)
{
    return coltyp == JET_coltypLongText || coltyp == JET_coltypLongBinary;
}

bool cat_coltyp_text(JET_COLTYP coltyp)
{
    return coltyp == JET_coltypText || coltyp == JET_coltypLongText;
}

/* ESE's REC::CbRecordMost for a key of JET_cbKeyMostMin bytes: the largest
 * node of a page less the key and its length fields.  The page header and
 * line-tag overheads are ESE's (40 + 4 bytes; 80 for 16/32 KiB pages). */
uint32_t cat_record_most(uint32_t page_size)
{
    uint32_t hdr = page_size >= 16384 ? 80u : 40u;
    uint32_t node = page_size - hdr - 4u;
    return node - 2u - 2u - JET_cbKeyMostMin;
}

uint32_t cat_key_most_for_page(uint32_t page_size)
{
    if (page_size <= 2048)
        return JET_cbKeyMost2KBytePage;
    if (page_size <= 4096)
        return JET_cbKeyMost4KBytePage;
    return JET_cbKeyMost8KBytePage;
}
