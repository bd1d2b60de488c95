/*
 * key_icu.c: Unicode text keys through ICU.  ESE asks Windows'
 * LCMapString for a sort key with the index's LCID and flags; jetdb asks
 * ICU for the sort key of the same string under a collator opened for the
 * LCID's locale (uloc_getLocaleForLCID) with the flags mapped onto
 * collator attributes.  Both kinds of sort key have the same shape —
 * primary weights, 0x01, the other levels, 0x00 — which is what substring
 * limits rely on.  Collators are opened once per (LCID, flags) and kept
 * until key_shutdown; ICU collators are safe to share between threads for
 * sort keys, so only the cache itself needs a lock.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/uiter.h>
#include <unicode/uloc.h>

#include "record/key_int.h"
#include "util/err.h"

#define LOCALE_USER_DEFAULT 0x0400u
#define LOCALE_SYSTEM_DEFAULT 0x0800u
#define LOCALE_INVARIANT 0x007fu

#define VALID_MAP_FLAGS                                                                  \
    (KEY_LCMAP_SORTKEY | KEY_LCMAP_BYTEREV | KEY_NORM_IGNORECASE | KEY_NORM_IGNORENONSPACE | \
     KEY_NORM_IGNORESYMBOLS | KEY_LINGUISTIC_IGNORECASE | KEY_LINGUISTIC_IGNOREDIACRITIC |   \
     KEY_SORT_DIGITSASNUMBERS | KEY_NORM_IGNOREKANATYPE | KEY_NORM_IGNOREWIDTH |            \
     KEY_NORM_LINGUISTIC_CASING | KEY_SORT_STRINGSORT)

/* The collator settings the flags select (the cache key with the LCID). */
enum {
    COLL_IGNORE_CASE = 0x1,
    COLL_IGNORE_ACCENTS = 0x2,
    COLL_IGNORE_SYMBOLS = 0x4,
    COLL_NUMERIC = 0x8,
};

typedef struct coll_entry {
    uint32_t lcid;
    unsigned settings;
    UCollator *coll;
} coll_entry;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static coll_entry *cache;
static size_t cache_n, cache_cap;

/* The ICU locale of a Windows LCID; false when there is none. */
static bool lcid_locale(uint32_t lcid, char *buf, size_t cap)
{
    if (lcid == LOCALE_USER_DEFAULT || lcid == LOCALE_SYSTEM_DEFAULT)
        lcid = KEY_LCID_DEFAULT;
    if (lcid == LOCALE_INVARIANT) {
        /* Windows' invariant locale sorts with the default table; ICU
         * would say en_US_POSIX (code point order). */
        buf[0] = '\0';
        return true;
    }
    /* Bits 20 and up are reserved; language 0 is neutral or custom. */
    if ((lcid >> 20) != 0 || (lcid & 0x3ffu) == 0)
        return false;
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = uloc_getLocaleForLCID(lcid, buf, (int32_t)cap, &st);
    return U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING && n > 0 && (size_t)n < cap;
}

static unsigned map_settings(uint32_t flags)
{
    unsigned s = 0;
    if (flags & (KEY_NORM_IGNORECASE | KEY_LINGUISTIC_IGNORECASE))
        s |= COLL_IGNORE_CASE;
    if (flags & (KEY_NORM_IGNORENONSPACE | KEY_LINGUISTIC_IGNOREDIACRITIC))
        s |= COLL_IGNORE_ACCENTS;
    if (flags & KEY_NORM_IGNORESYMBOLS)
        s |= COLL_IGNORE_SYMBOLS;
    if (flags & KEY_SORT_DIGITSASNUMBERS)
        s |= COLL_NUMERIC;
    return s;
}

JET_ERR key_check_unicode(uint32_t lcid, uint32_t map_flags)
{
    char loc[ULOC_FULLNAME_CAPACITY];
    if (lcid == 0 || !lcid_locale(lcid, loc, sizeof loc))
        return JET_errInvalidLanguageId;
    if ((map_flags | KEY_LCMAP_SORTKEY) & ~VALID_MAP_FLAGS)
        return JET_errInvalidLCMapStringFlags;
    return JET_errSuccess;
}

/* Open a collator for the locale with the settings mapped from the
 * LCMapString flags:
 *   NORM_IGNORENONSPACE  -> primary strength (accents ignored); if case
 *                           is not ignored, ICU's case level keeps it
 *   NORM_IGNORECASE      -> secondary strength (case, and with it width
 *                           and kana type, ignored)
 *   neither              -> tertiary strength
 *   NORM_IGNORESYMBOLS   -> spaces, punctuation, symbols and currency
 *                           signs ignorable ("shifted")
 *   SORT_DIGITSASNUMBERS -> numeric collation */
static JET_ERR open_collator(const char *loc, unsigned settings, UCollator **out)
{
    UErrorCode st = U_ZERO_ERROR;
    UCollator *c = ucol_open(loc, &st);
    if (U_FAILURE(st))
        return st == U_MEMORY_ALLOCATION_ERROR ? JET_errOutOfMemory : JET_errUnicodeTranslationFail;
    UCollationStrength strength = UCOL_TERTIARY;
    if (settings & COLL_IGNORE_ACCENTS)
        strength = UCOL_PRIMARY;
    else if (settings & COLL_IGNORE_CASE)
        strength = UCOL_SECONDARY;
    ucol_setStrength(c, strength);
    if ((settings & COLL_IGNORE_ACCENTS) && !(settings & COLL_IGNORE_CASE))
        ucol_setAttribute(c, UCOL_CASE_LEVEL, UCOL_ON, &st);
    if (settings & COLL_IGNORE_SYMBOLS) {
        ucol_setAttribute(c, UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &st);
        ucol_setMaxVariable(c, UCOL_REORDER_CODE_CURRENCY, &st);
    }
    if (settings & COLL_NUMERIC)
        ucol_setAttribute(c, UCOL_NUMERIC_COLLATION, UCOL_ON, &st);
    if (U_FAILURE(st)) {
        ucol_close(c);
        return JET_errUnicodeTranslationFail;
    }
    *out = c;
    return JET_errSuccess;
}

/* The cached collator for (lcid, flags), opening it on first use. */
static JET_ERR get_collator(uint32_t lcid, uint32_t map_flags, const UCollator **out)
{
    JET_ERR err = key_check_unicode(lcid, map_flags);
    if (err < 0)
        return err;
    if (lcid == LOCALE_USER_DEFAULT || lcid == LOCALE_SYSTEM_DEFAULT)
        lcid = KEY_LCID_DEFAULT;
    unsigned settings = map_settings(map_flags);

    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < cache_n; i++) {
        if (cache[i].lcid == lcid && cache[i].settings == settings) {
            *out = cache[i].coll;
            pthread_mutex_unlock(&cache_lock);
            return JET_errSuccess;
        }
    }
    char loc[ULOC_FULLNAME_CAPACITY];
    UCollator *c = NULL;
    if (!lcid_locale(lcid, loc, sizeof loc))
        err = JET_errInvalidLanguageId;
    else
        err = open_collator(loc, settings, &c);
    if (err >= 0 && cache_n == cache_cap) {
        size_t ncap = cache_cap ? 2u * cache_cap : 8u;
        coll_entry *n = realloc(cache, ncap * sizeof *n);
        if (n == NULL) {
            ucol_close(c);
            err = JET_errOutOfMemory;
        } else {
            cache = n;
            cache_cap = ncap;
        }
    }
    if (err >= 0) {
        cache[cache_n++] = (coll_entry){.lcid = lcid, .settings = settings, .coll = c};
        *out = c;
    }
    pthread_mutex_unlock(&cache_lock);
    return err;
}

JET_ERR key_sort_version(uint32_t lcid, uint32_t map_flags, uint32_t *version)
{
    if (version == NULL)
        return JET_errInvalidParameter;
    const UCollator *coll;
    CALL(get_collator(lcid, map_flags, &coll));
    UVersionInfo v;
    ucol_getVersion(coll, v);
    *version = ((uint32_t)v[0] << 24) | ((uint32_t)v[1] << 16) | ((uint32_t)v[2] << 8) | v[3];
    return JET_errSuccess;
}

void key_shutdown(void)
{
    pthread_mutex_lock(&cache_lock);
    for (size_t i = 0; i < cache_n; i++)
        ucol_close(cache[i].coll);
    free(cache);
    cache = NULL;
    cache_n = cache_cap = 0;
    pthread_mutex_unlock(&cache_lock);
}

/* Copy the sort key's bytes into the sink, complemented when the segment
 * is descending. */
static void sink_mask(key_sink *s, size_t from)
{
    if (s->mask != 0) {
        for (size_t i = from; i < s->len; i++)
            s->p[i] = (uint8_t)(s->p[i] ^ s->mask);
    }
}

JET_ERR key_unicode(key_sink *s, uint32_t lcid, uint32_t map_flags, const uint8_t *data, size_t cb,
                    bool open_end)
{
    const UCollator *coll;
    JET_ERR err = get_collator(lcid, map_flags, &coll);
    if (err < 0)
        return err;

    /* ESE ignores an odd trailing byte.  ICU wants aligned native UChars. */
    size_t n = cb / 2u;
    if (n > INT32_MAX)
        n = INT32_MAX;
    UChar stackbuf[256];
    UChar *u = n <= sizeof stackbuf / sizeof stackbuf[0] ? stackbuf : malloc(n * sizeof *u);
    if (u == NULL)
        return JET_errOutOfMemory;
    for (size_t i = 0; i < n; i++)
        u[i] = (UChar)(data[2u * i] | (data[2u * i + 1u] << 8));

    /* The sort key is produced piece by piece, only as far as the key has
     * room (a long text's key is truncated anyway). */
    UCharIterator it;
    uiter_setString(&it, u, (int32_t)n);
    uint32_t state[2] = {0, 0};
    for (;;) {
        UErrorCode st = U_ZERO_ERROR;
        size_t room = s->cap - s->len;
        if (room == 0) {
            /* Full: truncated unless the key has ended anyway (an open
             * end stops at the level separator; a closed key still owes
             * its terminator). */
            uint8_t next;
            int32_t got = ucol_nextSortKeyPart(coll, &it, state, &next, 1, &st);
            if (U_FAILURE(st)) {
                err = JET_errUnicodeTranslationFail;
                break;
            }
            if (!open_end || (got == 1 && next != KEY_SORTKEY_LEVEL_SEP))
                s->trunc = true;
            break;
        }
        int32_t want = room > INT32_MAX ? INT32_MAX : (int32_t)room;
        size_t from = s->len;
        int32_t got = ucol_nextSortKeyPart(coll, &it, state, s->p + from, want, &st);
        if (U_FAILURE(st) || got < 0) {
            err = JET_errUnicodeTranslationFail;
            break;
        }
        if (open_end) {
            const uint8_t *sep = memchr(s->p + from, KEY_SORTKEY_LEVEL_SEP, (size_t)got);
            if (sep != NULL) {
                s->len = (size_t)(sep - s->p);
                sink_mask(s, from);
                break;
            }
        }
        s->len += (size_t)got;
        sink_mask(s, from);
        if (got < want) {
            /* The sort key ended (ICU leaves out the terminator). */
            if (!open_end)
                key_put(s, KEY_SORTKEY_TERMINATOR);
            break;
        }
    }
    if (u != stackbuf)
        free(u);
    return err;
}
