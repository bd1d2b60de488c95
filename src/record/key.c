/*
 * key.c: normalised key segments — the byte strings index trees compare
 * with memcmp.  Each segment is a prefix byte (NULL / zero-length / data)
 * followed, for data, by bytes whose bytewise order is the column type's
 * natural order; a descending segment is complemented byte by byte.
 * Unicode text is handed to key_icu.c.  docs/formats-keys.md has the
 * bytes; they follow ESE's own normalisation (fixed types, binary chunks,
 * GUID order, upper-cased ANSI text).
 */
#include <string.h>

#include "record/key_int.h"
#include "record/record.h"

/* Little-endian unsigned integer of n bytes. */
static uint64_t rd_le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i > 0; i--)
        v = (v << 8) | p[i - 1u];
    return v;
}

/* Big-endian bytes of the low n bytes of v. */
static void put_be(key_sink *s, uint64_t v, unsigned n)
{
    for (unsigned i = n; i > 0; i--)
        key_put(s, (uint8_t)(v >> (8u * (i - 1u))));
}

/* ESE's GUID key order: node (bytes 10..15), clock sequence (8, 9), then
 * Data3, Data2 and Data1 as they lie in memory. */
static const uint8_t guid_order[16] = {10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3};
/* .NET's Guid order: Data1, Data2, Data3 as numbers, then bytes 8..15. */
static const uint8_t guid_order_dotnet[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};

/* The data bytes of a fixed-size type (after the data prefix). */
static void norm_fixed(key_sink *s, JET_COLTYP coltyp, const uint8_t *p, unsigned size, bool dotnet)
{
    uint64_t v = size <= 8 ? rd_le(p, size) : 0;
    uint64_t sign = size <= 8 ? (uint64_t)1 << (8u * size - 1u) : 0;

    switch (coltyp) {
    case JET_coltypBit:
        key_put(s, p[0] ? 0xff : 0x00);
        break;
    case JET_coltypUnsignedByte:
    case JET_coltypUnsignedShort:
    case JET_coltypUnsignedLong:
    case JET_coltypUnsignedLongLong:
        put_be(s, v, size);
        break;
    case JET_coltypShort:
    case JET_coltypLong:
    case JET_coltypLongLong:
    case JET_coltypCurrency:
        /* Two's complement with the sign bit flipped orders numerically. */
        put_be(s, v ^ sign, size);
        break;
    case JET_coltypIEEESingle:
    case JET_coltypIEEEDouble:
    case JET_coltypDateTime:
        /* Positive numbers: flip the sign bit; negative: complement all,
         * so larger magnitudes sort lower. */
        put_be(s, (v & sign) ? ~v : v ^ sign, size);
        break;
    case JET_coltypGUID:
        for (unsigned i = 0; i < 16u; i++)
            key_put(s, p[(dotnet ? guid_order_dotnet : guid_order)[i]]);
        break;
    default:
        break;
    }
}

/* Binary: 8-byte chunks, each followed by a count byte — 9 when more
 * chunks follow, else the number of data bytes in the (zero-padded) last
 * chunk — so a value sorts before every longer value it is a prefix of.
 * An open end stops right after the last data byte. */
static void norm_binary(key_sink *s, const uint8_t *p, size_t cb, bool open_end)
{
    for (size_t at = 0; at < cb && !s->trunc; at += KEY_BINARY_CHUNK) {
        size_t n = cb - at < KEY_BINARY_CHUNK ? cb - at : KEY_BINARY_CHUNK;
        for (size_t i = 0; i < n; i++)
            key_put(s, p[at + i]);
        if (at + n < cb) {
            key_put(s, KEY_BINARY_MORE);
            continue;
        }
        if (open_end)
            break;
        for (size_t i = n; i < KEY_BINARY_CHUNK; i++)
            key_put(s, 0);
        key_put(s, (uint8_t)n);
    }
}

/* Code page 1252 text, as ESE normalises it: the bytes up to the first
 * NUL, ASCII a-z upper-cased (every other byte, 0x80-0xFF included, kept
 * as it is), then a 0x00 terminator. */
static void norm_ansi(key_sink *s, const uint8_t *p, size_t cb, bool open_end)
{
    for (size_t i = 0; i < cb && p[i] != 0 && !s->trunc; i++) {
        uint8_t b = p[i];
        key_put(s, (b >= 'a' && b <= 'z') ? (uint8_t)(b - ('a' - 'A')) : b);
    }
    if (!open_end)
        key_put(s, KEY_TEXT_TERMINATOR);
}

static bool coltyp_known(JET_COLTYP t)
{
    return (t >= JET_coltypBit && t <= JET_coltypLongText) ||
           (t >= JET_coltypUnsignedLong && t <= JET_coltypUnsignedLongLong);
}

JET_ERR key_append(uint8_t *key, size_t cap, size_t *len, const key_seg *seg, const void *data,
                   size_t cb, unsigned flags)
{
    const unsigned known = KEY_NORM_NULL | KEY_NORM_OPEN_END | KEY_NORM_NULLS_HIGH | KEY_NORM_DOTNET_GUID;

    if (len == NULL || seg == NULL || (key == NULL && cap != 0) || *len > cap || (flags & ~known) ||
        !coltyp_known(seg->coltyp))
        return JET_errInvalidParameter;
    bool is_null = (flags & KEY_NORM_NULL) != 0;
    if (!is_null && data == NULL && cb != 0)
        return JET_errInvalidParameter;

    uint32_t size = rec_fixed_size(seg->coltyp);
    /* ESE normalises an empty value of a fixed-size type as NULL. */
    if (!is_null && size != 0 && cb == 0)
        is_null = true;
    if (!is_null && size != 0 && cb != size)
        return JET_errInvalidBufferSize;

    key_sink s = {.p = key, .cap = cap, .len = *len, .mask = seg->descending ? 0xff : 0x00};
    bool open_end = (flags & KEY_NORM_OPEN_END) != 0;
    const uint8_t *p = data;

    if (is_null) {
        key_put(&s, (flags & KEY_NORM_NULLS_HIGH) ? KEY_PREFIX_NULL_HIGH : KEY_PREFIX_NULL);
    } else if (cb == 0) {
        key_put(&s, KEY_PREFIX_ZERO_LENGTH);
    } else {
        key_put(&s, KEY_PREFIX_DATA);
        if (size != 0) {
            norm_fixed(&s, seg->coltyp, p, size, (flags & KEY_NORM_DOTNET_GUID) != 0);
        } else if (seg->coltyp == JET_coltypBinary || seg->coltyp == JET_coltypLongBinary) {
            norm_binary(&s, p, cb, open_end);
        } else if (seg->cp == 1200) {
            JET_ERR err = key_unicode(&s, seg->lcid, seg->map_flags, p, cb, open_end);
            if (err < 0)
                return err;
        } else {
            norm_ansi(&s, p, cb, open_end);
        }
    }
    *len = s.len;
    return s.trunc ? KEY_TRUNCATED : JET_errSuccess;
}
