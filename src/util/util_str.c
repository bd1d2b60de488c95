/*
 * util_str.c: bounded string copy with a truncation report.
 */
#include "util/util.h"

#include <string.h>

/*
 * util_str_copy --
 *     Copy src into dst[cbDst], reporting truncation.
 *
 * Callers fill application buffers (names, paths); a cut inside a UTF-8
 * sequence would hand the application an invalid string, so the cut backs
 * off to the start of the sequence it would split.
 */
JET_ERR util_str_copy(char *dst, size_t cbDst, const char *src, size_t *pcbNeeded)
{
    if (src == NULL || (dst == NULL && cbDst > 0))
        return JET_errInvalidParameter;
    size_t len = strlen(src);
    if (pcbNeeded)
        *pcbNeeded = len + 1;
    if (len < cbDst) {
        memcpy(dst, src, len + 1);
        return JET_errSuccess;
    }
    if (cbDst == 0)
        return JET_wrnBufferTruncated;

    size_t n = cbDst - 1;
    /* src[n] is the first byte left out; if it continues a sequence, that
     * sequence's lead byte and the bytes after it must go too. */
    while (n > 0 && ((unsigned char)src[n] & 0xC0u) == 0x80u)
        n--;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return JET_wrnBufferTruncated;
}
