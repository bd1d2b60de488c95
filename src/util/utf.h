/*
 * utf.h: text conversion for the W (wide-character) API.
 *
 * Inside the engine every string is UTF-8.  W entry points receive wchar_t
 * strings: UTF-32 with Linux's 4-byte wchar_t, or UTF-16 for programs
 * built with -fshort-wchar (whose calls arrive at the <Name>W_u16 symbols).
 * wchar_width (2 or 4) says which.  Malformed input - invalid UTF-8, lone
 * or misordered surrogates, code points above U+10FFFF - is refused with
 * JET_errInvalidParameter, never replaced, so a name cannot silently turn
 * into a different one.  Wide buffers need not be aligned.
 */
#ifndef JETDB_UTIL_UTF_H
#define JETDB_UTIL_UTF_H

#include <stddef.h>

#include "esent.h"

/* Number of code units before the NUL terminator of a wide string. */
size_t utf_wide_len(const void *src, size_t wchar_width);

/* Convert a NUL-terminated wide string to a malloc'd UTF-8 string. */
JET_ERR utf_wide_to_utf8(const void *src, size_t wchar_width, char **out);

/* Convert NUL-terminated UTF-8 to a NUL-terminated wide string in dst.
 * *pcbNeeded (may be NULL) receives the bytes needed, terminator included.
 * When dst is NULL or cbDst is too small: JET_errBufferTooSmall and dst is
 * left untouched (the W API maps that as ESE does for each call). */
JET_ERR utf_utf8_to_wide(const char *src, void *dst, size_t cbDst,
                         size_t wchar_width, size_t *pcbNeeded);

#endif
