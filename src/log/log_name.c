/*
 * log_name.c: the names of the log layer's files (current, archived,
 * pre-created, reserved logs, checkpoint), parsing archived names back to
 * generations, and the generation range of a folder.
 *
 * These are ESE's names, so that tools and people who know ESE find their
 * way: extension by JET_paramLegacyFileNames, upper-case hex generations of 5
 * digits (8.3 soft-compat, up to 0xFFFFF) or 8 digits, parsed back in either
 * case.  LSN <-> JET_LGPOS conversions live here too (they are naming of
 * positions rather than of files, but equally tiny).
 */
#include "log/log_int.h"
#include "util/err.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

/*
 * log_lsn_to_lgpos --
 *     JET_LGPOS of an LSN.
 */
void log_lsn_to_lgpos(log_lsn lsn, JET_LGPOS *pos)
{
    uint32_t off = log_lsn_off(lsn);
    pos->lGeneration = (int32_t)log_lsn_gen(lsn);
    pos->isec = (unsigned short)(off / LOG_SEG_SIZE);
    pos->ib = (unsigned short)(off % LOG_SEG_SIZE);
}

/*
 * log_lgpos_to_lsn --
 *     LSN of a JET_LGPOS.
 */
log_lsn log_lgpos_to_lsn(const JET_LGPOS *pos)
{
    if (pos->lGeneration < 0)
        return 0;
    return log_lsn_make((uint32_t)pos->lGeneration,
                        (uint32_t)pos->isec * LOG_SEG_SIZE + pos->ib);
}

/*
 * log_rec_init --
 *     Fill a record header.
 */
void log_rec_init(log_rec_hdr *h, uint8_t type, uint32_t len, uint16_t dbid, uint64_t txid)
{
    memset(h, 0, sizeof *h);
    h->len = len;
    h->type = type;
    h->dbid = dbid;
    h->txid = txid;
}

/*
 * log_name_ext --
 *     Extension of log files for the legacy bits.
 */
const char *log_name_ext(unsigned legacy)
{
    return (legacy & LOG_LEGACY_ESE98) ? ".log" : ".jtx";
}

/*
 * log_name_ckpt_ext --
 *     Extension of the checkpoint file for the legacy bits.
 */
const char *log_name_ckpt_ext(unsigned legacy)
{
    return (legacy & LOG_LEGACY_ESE98) ? ".chk" : ".jcp";
}

/*
 * log_name_put --
 *     snprintf into buf, JET_errInvalidParameter when it does not fit.
 */
static JET_ERR log_name_put(char *buf, size_t cb, const char *base, const char *mid,
                            const char *ext)
{
    if (buf == NULL || base == NULL || *base == '\0')
        return JET_errInvalidParameter;
    int n = snprintf(buf, cb, "%s%s%s", base, mid, ext);
    if (n < 0 || (size_t)n >= cb)
        return JET_errInvalidParameter;
    return JET_errSuccess;
}

/*
 * log_name_current --
 *     Name of the current log.
 */
JET_ERR log_name_current(const char *base, unsigned legacy, char *buf, size_t cb)
{
    return log_name_put(buf, cb, base, "", log_name_ext(legacy));
}

/*
 * log_name_archived --
 *     Archived name of generation gen.
 */
JET_ERR log_name_archived(const char *base, unsigned legacy, uint32_t gen, char *buf, size_t cb)
{
    char digits[16];
    if (gen == 0)
        return JET_errInvalidParameter;
    /* 5 digits only while they are enough and the 8.3 bit asks for them;
     * past 0xFFFFF the name grows to 8 digits, as ESE's does. */
    if ((legacy & LOG_LEGACY_8DOT3) && gen <= 0xFFFFFu)
        snprintf(digits, sizeof digits, "%05X", gen);
    else
        snprintf(digits, sizeof digits, "%08X", gen);
    return log_name_put(buf, cb, base, digits, log_name_ext(legacy));
}

/*
 * log_name_tmp --
 *     Name of the pre-created next log.
 */
JET_ERR log_name_tmp(const char *base, unsigned legacy, char *buf, size_t cb)
{
    return log_name_put(buf, cb, base, "tmp", log_name_ext(legacy));
}

/*
 * log_name_reserve --
 *     Name of reserved log k (always 5 digits and .jrs).
 */
JET_ERR log_name_reserve(const char *base, unsigned k, char *buf, size_t cb)
{
    char mid[16];
    if (k == 0 || k > 0xFFFFFu)
        return JET_errInvalidParameter;
    snprintf(mid, sizeof mid, "res%05X", k);
    return log_name_put(buf, cb, base, mid, ".jrs");
}

/*
 * log_name_checkpoint --
 *     Name of the checkpoint file.
 */
JET_ERR log_name_checkpoint(const char *base, unsigned legacy, char *buf, size_t cb)
{
    return log_name_put(buf, cb, base, "", log_name_ckpt_ext(legacy));
}

/*
 * log_name_digits --
 *     Parse a name; *ndigits receives the digit count of an archived name.
 */
static JET_ERR log_name_digits(const char *name, const char *base, unsigned legacy,
                               uint32_t *gen, size_t *ndigits)
{
    if (name == NULL || base == NULL || gen == NULL)
        return JET_errInvalidParameter;
    size_t n = strlen(name), nb = strlen(base);
    const char *ext = log_name_ext(legacy);
    size_t ne = strlen(ext);
    if (n < nb + ne || strncasecmp(name, base, nb) != 0 ||
        strcasecmp(name + n - ne, ext) != 0)
        return JET_errInvalidParameter;
    size_t nd = n - nb - ne;
    if (nd != 5 && nd != 8)
        return JET_errInvalidParameter;
    uint32_t v = 0;
    for (size_t i = 0; i < nd; i++) {
        unsigned char c = (unsigned char)name[nb + i];
        if (!isxdigit(c))
            return JET_errInvalidParameter;
        v = v * 16u + (uint32_t)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
    }
    if (v == 0)
        return JET_errInvalidParameter;
    *gen = v;
    *ndigits = nd;
    return JET_errSuccess;
}

/*
 * log_name_parse --
 *     Generation of an archived log name.
 */
JET_ERR log_name_parse(const char *name, const char *base, unsigned legacy, uint32_t *gen)
{
    size_t nd;
    return log_name_digits(name, base, legacy, gen, &nd);
}

/*
 * log_gen_range --
 *     Lowest and highest archived generation present in folder.
 */
JET_ERR log_gen_range(const char *folder, const char *base, unsigned legacy,
                      uint32_t *gen_min, uint32_t *gen_max)
{
    char **names = NULL;
    size_t count = 0;
    JET_ERR err = JET_errSuccess;
    uint32_t lo = 0, hi = 0;

    CALL(os_list_dir(folder, &names, &count));
    for (size_t i = 0; i < count; i++) {
        uint32_t g;
        size_t nd;
        if (log_name_digits(names[i], base, legacy, &g, &nd) < 0)
            continue;
        /* Without the 8.3 bit every name this engine writes has 8 digits:
         * a 5-digit one comes from a differently configured engine. */
        if (nd == 5 && !(legacy & LOG_LEGACY_8DOT3)) {
            err = JET_errLogGenerationMismatch;
            goto done;
        }
        if (lo == 0 || g < lo)
            lo = g;
        if (g > hi)
            hi = g;
    }
done:
    os_list_free(names, count);
    if (err >= 0) {
        *gen_min = lo;
        *gen_max = hi;
    }
    return err;
}

/*
 * log_path_of --
 *     folder/name, malloc'd.
 */
JET_ERR log_path_of(const char *folder, const char *name, char **out)
{
    return os_path_join(folder, name, out);
}

/*
 * log_archived_path --
 *     Path of generation gen's archived file in the log's folder.
 */
JET_ERR log_archived_path(const log_t *log, uint32_t gen, char **out)
{
    char name[LOG_NAME_MAX];
    CALL(log_name_archived(log->base, log->legacy, gen, name, sizeof name));
    return log_path_of(log->log_path, name, out);
}
