/*
 * utf.c: strict UTF-8 <-> UTF-16 / UTF-32 conversion for the W API
 * (rules in utf.h).
 *
 * Each direction makes two passes: the first validates and measures, the
 * second writes.  That way nothing is written or allocated for malformed
 * input and a too-small buffer is reported before any byte changes.
 */
#include "util/utf.h"
#include "util/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define UTF_MAX_CP 0x10FFFFu
#define UTF_IS_SURROGATE(c) ((c) >= 0xD800u && (c) <= 0xDFFFu)

/*
 * utf_unit_get --
 *     Read code unit i of a wide string (unaligned storage allowed).
 */
static uint32_t utf_unit_get(const unsigned char *s, size_t i, size_t width)
{
    if (width == 2) {
        uint16_t u;
        memcpy(&u, s + i * 2, sizeof u);
        return u;
    }
    uint32_t u;
    memcpy(&u, s + i * 4, sizeof u);
    return u;
}

/*
 * utf_unit_put --
 *     Store code unit i of a wide string (unaligned storage allowed).
 */
static void utf_unit_put(unsigned char *d, size_t i, size_t width, uint32_t v)
{
    if (width == 2) {
        uint16_t u = (uint16_t)v;
        memcpy(d + i * 2, &u, sizeof u);
    } else {
        memcpy(d + i * 4, &v, sizeof v);
    }
}

/*
 * utf_wide_next --
 *     Decode the code point at unit *i and advance; false when malformed.
 */
static bool utf_wide_next(const unsigned char *s, size_t *i, size_t width, uint32_t *cp)
{
    uint32_t u = utf_unit_get(s, *i, width);
    if (width == 4) {
        if (u > UTF_MAX_CP || UTF_IS_SURROGATE(u))
            return false;
        *cp = u;
        *i += 1;
        return true;
    }
    if (!UTF_IS_SURROGATE(u)) {
        *cp = u;
        *i += 1;
        return true;
    }
    /* A high surrogate must be followed by a low one; the terminator (0) is
     * not a low surrogate, so a pair cut by the end is caught here too. */
    uint32_t lo = utf_unit_get(s, *i + 1, width);
    if (u > 0xDBFFu || lo < 0xDC00u || lo > 0xDFFFu)
        return false;
    *cp = 0x10000u + ((u - 0xD800u) << 10) + (lo - 0xDC00u);
    *i += 2;
    return true;
}

/*
 * utf8_len_of --
 *     Bytes UTF-8 needs for a code point.
 */
static size_t utf8_len_of(uint32_t cp)
{
    return cp < 0x80u ? 1 : cp < 0x800u ? 2 : cp < 0x10000u ? 3 : 4;
}

/*
 * utf8_put --
 *     Encode a valid code point at d; returns the bytes written.
 */
static size_t utf8_put(char *d, uint32_t cp)
{
    unsigned char *o = (unsigned char *)d;
    size_t n = utf8_len_of(cp);
    switch (n) {
    case 1:
        o[0] = (unsigned char)cp;
        break;
    case 2:
        o[0] = (unsigned char)(0xC0u | (cp >> 6));
        o[1] = (unsigned char)(0x80u | (cp & 0x3Fu));
        break;
    case 3:
        o[0] = (unsigned char)(0xE0u | (cp >> 12));
        o[1] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
        o[2] = (unsigned char)(0x80u | (cp & 0x3Fu));
        break;
    default:
        o[0] = (unsigned char)(0xF0u | (cp >> 18));
        o[1] = (unsigned char)(0x80u | ((cp >> 12) & 0x3Fu));
        o[2] = (unsigned char)(0x80u | ((cp >> 6) & 0x3Fu));
        o[3] = (unsigned char)(0x80u | (cp & 0x3Fu));
        break;
    }
    return n;
}

/*
 * utf8_next --
 *     Decode the UTF-8 sequence at *p and advance; false when malformed.
 *
 * Overlong forms, encoded surrogates and values past U+10FFFF are refused:
 * each has another spelling, and two spellings of one name would let a
 * file or column name slip past an equality check.
 */
static bool utf8_next(const unsigned char **p, uint32_t *cp)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    size_t n;
    uint32_t min;
    if (c < 0x80u) {
        *cp = c;
        *p = s + 1;
        return true;
    } else if ((c & 0xE0u) == 0xC0u) {
        n = 2, min = 0x80u, c &= 0x1Fu;
    } else if ((c & 0xF0u) == 0xE0u) {
        n = 3, min = 0x800u, c &= 0x0Fu;
    } else if ((c & 0xF8u) == 0xF0u) {
        n = 4, min = 0x10000u, c &= 0x07u;
    } else {
        return false;       /* stray continuation byte or 0xF8..0xFF */
    }
    /* The terminating NUL is not a continuation byte, so a sequence cut
     * short by the end of the string stops here without over-reading. */
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0u) != 0x80u)
            return false;
        c = (c << 6) | (s[k] & 0x3Fu);
    }
    if (c < min || c > UTF_MAX_CP || UTF_IS_SURROGATE(c))
        return false;
    *cp = c;
    *p = s + n;
    return true;
}

/*
 * utf_wide_len --
 *     Number of code units before the NUL terminator of a wide string.
 */
size_t utf_wide_len(const void *src, size_t wchar_width)
{
    const unsigned char *s = src;
    size_t n = 0;
    if (s == NULL || (wchar_width != 2 && wchar_width != 4))
        return 0;
    while (utf_unit_get(s, n, wchar_width) != 0)
        n++;
    return n;
}

/*
 * utf_wide_to_utf8 --
 *     Convert a NUL-terminated wide string to a malloc'd UTF-8 string.
 */
JET_ERR utf_wide_to_utf8(const void *src, size_t wchar_width, char **out)
{
    if (out == NULL)
        return JET_errInvalidParameter;
    *out = NULL;
    if (src == NULL || (wchar_width != 2 && wchar_width != 4))
        return JET_errInvalidParameter;

    const unsigned char *s = src;
    size_t bytes = 1, i = 0;
    uint32_t cp = 0;
    while (utf_unit_get(s, i, wchar_width) != 0) {
        if (!utf_wide_next(s, &i, wchar_width, &cp))
            return JET_errInvalidParameter;
        if (!util_size_add(bytes, utf8_len_of(cp), &bytes))
            return JET_errOutOfMemory;
    }

    char *d = malloc(bytes);
    if (d == NULL)
        return JET_errOutOfMemory;
    size_t o = 0;
    i = 0;
    while (utf_unit_get(s, i, wchar_width) != 0) {
        (void)utf_wide_next(s, &i, wchar_width, &cp);
        o += utf8_put(d + o, cp);
    }
    d[o] = '\0';
    *out = d;
    return JET_errSuccess;
}

/*
 * utf_utf8_to_wide --
 *     Convert NUL-terminated UTF-8 to a NUL-terminated wide string in dst.
 */
JET_ERR utf_utf8_to_wide(const char *src, void *dst, size_t cbDst,
                         size_t wchar_width, size_t *pcbNeeded)
{
    if (pcbNeeded)
        *pcbNeeded = 0;
    if (src == NULL || (wchar_width != 2 && wchar_width != 4))
        return JET_errInvalidParameter;

    const unsigned char *p = (const unsigned char *)src;
    size_t units = 1;       /* the terminator */
    uint32_t cp = 0;
    while (*p != 0) {
        if (!utf8_next(&p, &cp))
            return JET_errInvalidParameter;
        units += (wchar_width == 2 && cp >= 0x10000u) ? 2 : 1;
    }
    size_t needed;
    if (!util_size_mul(units, wchar_width, &needed))
        return JET_errOutOfMemory;
    if (pcbNeeded)
        *pcbNeeded = needed;
    if (dst == NULL || cbDst < needed)
        return JET_errBufferTooSmall;

    unsigned char *d = dst;
    size_t i = 0;
    p = (const unsigned char *)src;
    while (*p != 0) {
        (void)utf8_next(&p, &cp);
        if (wchar_width == 2 && cp >= 0x10000u) {
            utf_unit_put(d, i++, 2, 0xD800u + ((cp - 0x10000u) >> 10));
            utf_unit_put(d, i++, 2, 0xDC00u + ((cp - 0x10000u) & 0x3FFu));
        } else {
            utf_unit_put(d, i++, wchar_width, cp);
        }
    }
    utf_unit_put(d, i, wchar_width, 0);
    return JET_errSuccess;
}
