/*
 * test_record_keys.c: normalised keys (src/record/key.h).  For every
 * column type, random values: the sign of memcmp(key(a), key(b)) equals
 * the sign of the natural comparison, ascending and descending; NULL /
 * zero-length / data order; multi-segment keys; truncation; open-ended
 * prefixes for limits; case-insensitive ANSI and Unicode text; locale
 * specific orders; the LCID / flag checks; and threads sharing the ICU
 * collator cache.
 */
#include "testutil.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "record/key.h"
#include "record/record.h"
#include "util/err.h"

#define KMAX 2000

static uint64_t rng_state = 0x243f6a8885a308d3ull;

static uint64_t rnd64(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static uint32_t rnd(void)
{
    return (uint32_t)(rnd64() >> 20);
}

static int sgn(long long v)
{
    return (v > 0) - (v < 0);
}

typedef struct key {
    uint8_t b[KMAX];
    size_t len;
} key;

static key mk(const key_seg *seg, const void *data, size_t cb, unsigned flags)
{
    key k = {.len = 0};
    assert_jet_ok(key_append(k.b, sizeof k.b, &k.len, seg, data, cb, flags));
    return k;
}

static int kcmp(const key *a, const key *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->b, b->b, n);
    if (c != 0)
        return sgn(c);
    return sgn((long long)a->len - (long long)b->len);
}

static key_seg seg_of(JET_COLTYP t, bool desc)
{
    return (key_seg){.coltyp = t, .cp = 1252, .descending = desc, .lcid = KEY_LCID_DEFAULT,
                     .map_flags = KEY_MAP_FLAGS_DEFAULT};
}

/* Check that keys of a and b order as want says (ascending), and the
 * other way round for a descending segment. */
static void check_order(JET_COLTYP t, const void *a, size_t ca, const void *b, size_t cb, int want)
{
    key_seg asc = seg_of(t, false), desc = seg_of(t, true);
    key ka = mk(&asc, a, ca, 0), kb = mk(&asc, b, cb, 0);
    assert_int_equal(kcmp(&ka, &kb), want);
    key da = mk(&desc, a, ca, 0), db = mk(&desc, b, cb, 0);
    assert_int_equal(kcmp(&da, &db), -want);
}

/* ---- fixed-size types ---------------------------------------------------- */

static void test_integers(void **state)
{
    (void)state;
    for (int it = 0; it < 20000; it++) {
        uint64_t x = rnd64(), y = rnd64();
        if (it % 4 == 0)
            y = x + (rnd() % 3) - 1;         /* neighbours, and equal values */
        if (it % 9 == 0)
            x = 0, y = (uint64_t)-1;
        uint8_t bx = (uint8_t)x, by = (uint8_t)y;
        check_order(JET_coltypUnsignedByte, &bx, 1, &by, 1, sgn((long long)bx - by));
        int16_t sx = (int16_t)x, sy = (int16_t)y;
        check_order(JET_coltypShort, &sx, 2, &sy, 2, sgn((long long)sx - sy));
        uint16_t usx = (uint16_t)x, usy = (uint16_t)y;
        check_order(JET_coltypUnsignedShort, &usx, 2, &usy, 2, sgn((long long)usx - usy));
        int32_t lx = (int32_t)x, ly = (int32_t)y;
        check_order(JET_coltypLong, &lx, 4, &ly, 4, sgn((long long)lx - ly));
        uint32_t ulx = (uint32_t)x, uly = (uint32_t)y;
        check_order(JET_coltypUnsignedLong, &ulx, 4, &uly, 4, sgn((long long)ulx - uly));
        int64_t llx = (int64_t)x, lly = (int64_t)y;
        int want = llx < lly ? -1 : llx > lly;
        check_order(JET_coltypLongLong, &llx, 8, &lly, 8, want);
        check_order(JET_coltypCurrency, &llx, 8, &lly, 8, want);
        check_order(JET_coltypUnsignedLongLong, &x, 8, &y, 8, x < y ? -1 : x > y);
        uint8_t b1 = (uint8_t)(x & 3), b2 = (uint8_t)(y & 3);
        check_order(JET_coltypBit, &b1, 1, &b2, 1, sgn((long long)(b1 != 0) - (b2 != 0)));
    }
    /* The exact bytes ESE writes for a Long: prefix 0x7F, big-endian, sign flipped. */
    key_seg s = seg_of(JET_coltypLong, false);
    int32_t v = -2;
    key k = mk(&s, &v, 4, 0);
    uint8_t want[] = {0x7f, 0x7f, 0xff, 0xff, 0xfe};
    assert_int_equal(k.len, sizeof want);
    assert_memory_equal(k.b, want, sizeof want);
}

static double rnd_double(void)
{
    switch (rnd() % 6) {
    case 0:
        return (double)(int)(rnd() % 200) - 100.0;
    case 1:
        return ldexp((double)rnd() - 2e9, (int)(rnd() % 200) - 100);
    case 2:
        return (rnd() % 2 ? 1 : -1) * INFINITY;
    case 3:
        return (rnd() % 2 ? 1 : -1) * 4.9e-324 * (double)(rnd() % 5 + 1);  /* subnormals */
    default: {
        uint64_t u = rnd64();
        double d;
        memcpy(&d, &u, 8);
        return isnan(d) ? 1.5 : d;
    }
    }
}

static void test_floats(void **state)
{
    (void)state;
    for (int it = 0; it < 20000; it++) {
        double x = rnd_double(), y = rnd_double();
        if (it % 5 == 0)
            y = x;
        if (x == 0 && y == 0 && signbit(x) != signbit(y))
            continue;                        /* -0 and +0: distinct keys, equal numbers */
        int want = x < y ? -1 : x > y;
        check_order(JET_coltypIEEEDouble, &x, 8, &y, 8, want);
        check_order(JET_coltypDateTime, &x, 8, &y, 8, want);
        float fx = (float)x, fy = (float)y;
        if (fx == 0 && fy == 0 && signbit(fx) != signbit(fy))
            continue;
        check_order(JET_coltypIEEESingle, &fx, 4, &fy, 4, fx < fy ? -1 : fx > fy);
    }
}

/* ESE's GUID order: bytes 10..15, 8..9, 6..7, 4..5, 0..3 most significant first. */
static int guid_cmp(const uint8_t *a, const uint8_t *b, bool dotnet)
{
    static const int ese[16] = {10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3};
    static const int net[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    for (int i = 0; i < 16; i++) {
        int j = (dotnet ? net : ese)[i];
        if (a[j] != b[j])
            return a[j] < b[j] ? -1 : 1;
    }
    return 0;
}

static void test_guid(void **state)
{
    (void)state;
    key_seg s = seg_of(JET_coltypGUID, false);
    for (int it = 0; it < 5000; it++) {
        uint8_t a[16], b[16];
        for (int i = 0; i < 16; i++)
            a[i] = b[i] = (uint8_t)rnd();
        b[rnd() % 16] = (uint8_t)rnd();
        check_order(JET_coltypGUID, a, 16, b, 16, guid_cmp(a, b, false));
        key ka = mk(&s, a, 16, KEY_NORM_DOTNET_GUID), kb = mk(&s, b, 16, KEY_NORM_DOTNET_GUID);
        assert_int_equal(kcmp(&ka, &kb), guid_cmp(a, b, true));
    }
    /* Byte 15 outranks byte 0 in ESE's order (node first). */
    uint8_t lo[16] = {0xff}, hi[16] = {0};
    hi[15] = 1;
    check_order(JET_coltypGUID, lo, 16, hi, 16, -1);
}

/* ---- binary and text ----------------------------------------------------- */

static int bin_cmp(const uint8_t *a, size_t ca, const uint8_t *b, size_t cb)
{
    size_t n = ca < cb ? ca : cb;
    int c = n ? memcmp(a, b, n) : 0;
    return c ? sgn(c) : sgn((long long)ca - (long long)cb);
}

static size_t rnd_bytes(uint8_t *p, size_t max, const uint8_t *like, size_t like_len)
{
    size_t n = rnd() % (max + 1);
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(rnd() % 4);         /* small alphabet: many shared prefixes */
    if (like && rnd() % 2) {
        size_t k = like_len < n ? like_len : n;
        memcpy(p, like, k);
    }
    return n;
}

static void test_binary(void **state)
{
    (void)state;
    uint8_t a[64], b[64];
    for (int it = 0; it < 20000; it++) {
        size_t ca = rnd_bytes(a, 40, NULL, 0);
        size_t cb = rnd_bytes(b, 40, a, ca);
        if (ca == 0 || cb == 0)
            continue;                        /* zero-length is its own prefix (below) */
        check_order(JET_coltypBinary, a, ca, b, cb, bin_cmp(a, ca, b, cb));
        check_order(JET_coltypLongBinary, a, ca, b, cb, bin_cmp(a, ca, b, cb));
    }
    /* The chunk format: 8 data bytes + count (9 = more follow, else the
     * number of bytes in the zero-padded last chunk). */
    key_seg s = seg_of(JET_coltypBinary, false);
    key k = mk(&s, "123456789", 9, 0);
    uint8_t want[] = {0x7f, '1', '2', '3', '4', '5', '6', '7', '8', 9, '9', 0, 0, 0, 0, 0, 0, 0, 1};
    assert_int_equal(k.len, sizeof want);
    assert_memory_equal(k.b, want, sizeof want);
    k = mk(&s, "12345678", 8, 0);
    assert_int_equal(k.len, 10);
    assert_int_equal(k.b[9], 8);
}

/* Code page 1252 as ESE compares it: up to the first NUL, ASCII case folded. */
static int ansi_cmp(const uint8_t *a, size_t ca, const uint8_t *b, size_t cb)
{
    size_t i = 0;
    for (;; i++) {
        int x = i < ca && a[i] ? a[i] : -1, y = i < cb && b[i] ? b[i] : -1;
        if (x >= 'a' && x <= 'z')
            x -= 32;
        if (y >= 'a' && y <= 'z')
            y -= 32;
        if (x != y)
            return x < y ? -1 : 1;
        if (x < 0)
            return 0;
    }
}

static void test_ansi_text(void **state)
{
    (void)state;
    static const char alpha[] = "aAbBzZ09 -\xe9\xc9\x80\xff";
    uint8_t a[40], b[40];
    for (int it = 0; it < 20000; it++) {
        size_t ca = 1 + rnd() % 20, cb = 1 + rnd() % 20;
        for (size_t i = 0; i < ca; i++)
            a[i] = (uint8_t)alpha[rnd() % (sizeof alpha - 1)];
        for (size_t i = 0; i < cb; i++)
            b[i] = (uint8_t)(i < ca && rnd() % 3 ? a[i] : alpha[rnd() % (sizeof alpha - 1)]);
        if (rnd() % 10 == 0)
            b[rnd() % cb] = 0;               /* an embedded NUL ends the text */
        check_order(JET_coltypText, a, ca, b, cb, ansi_cmp(a, ca, b, cb));
        check_order(JET_coltypLongText, a, ca, b, cb, ansi_cmp(a, ca, b, cb));
    }
    key_seg s = seg_of(JET_coltypText, false);
    key k1 = mk(&s, "Hello", 5, 0), k2 = mk(&s, "hELLO", 5, 0);
    assert_int_equal(kcmp(&k1, &k2), 0);
    uint8_t want[] = {0x7f, 'H', 'E', 'L', 'L', 'O', 0x00};
    assert_int_equal(k1.len, sizeof want);
    assert_memory_equal(k1.b, want, sizeof want);
    /* Bytes 0x80-0xFF are kept as they are (as ESE): é and É differ. */
    key e1 = mk(&s, "\xe9", 1, 0), e2 = mk(&s, "\xc9", 1, 0);
    assert_int_equal(kcmp(&e1, &e2), 1);
}

/* ---- NULL, zero-length, multi-segment ------------------------------------ */

static void test_null_zero_length(void **state)
{
    (void)state;
    static const JET_COLTYP types[] = {JET_coltypText, JET_coltypBinary, JET_coltypLongText,
                                       JET_coltypLongBinary};
    for (size_t i = 0; i < JET_ARRAY_LEN(types); i++) {
        key_seg s = seg_of(types[i], false), d = seg_of(types[i], true);
        key n = mk(&s, NULL, 0, KEY_NORM_NULL), z = mk(&s, "", 0, 0), v = mk(&s, "\0", 1, 0),
            nh = mk(&s, NULL, 0, KEY_NORM_NULL | KEY_NORM_NULLS_HIGH);
        /* ESE: NULL (0x00) < zero-length (0x40) < data (0x7F) < NULL-high (0xC0). */
        assert_int_equal(n.b[0], 0x00);
        assert_int_equal(z.b[0], 0x40);
        assert_int_equal(v.b[0], 0x7f);
        assert_int_equal(nh.b[0], 0xc0);
        assert_int_equal(kcmp(&n, &z), -1);
        assert_int_equal(kcmp(&z, &v), -1);
        assert_int_equal(kcmp(&v, &nh), -1);
        key dn = mk(&d, NULL, 0, KEY_NORM_NULL), dz = mk(&d, "", 0, 0), dv = mk(&d, "x", 1, 0);
        assert_int_equal(kcmp(&dn, &dz), 1);
        assert_int_equal(kcmp(&dz, &dv), 1);
        assert_int_equal(n.len, 1);
        assert_int_equal(z.len, 1);
    }
    /* A fixed-size type with no bytes is NULL, as ESE normalises it. */
    key_seg l = seg_of(JET_coltypLong, false);
    key e = mk(&l, "", 0, 0), n = mk(&l, NULL, 0, KEY_NORM_NULL);
    assert_int_equal(kcmp(&e, &n), 0);
    int32_t minv = INT32_MIN;
    key m = mk(&l, &minv, 4, 0);
    assert_int_equal(kcmp(&n, &m), -1);
}

static void test_multi_segment(void **state)
{
    (void)state;
    key_seg segs[3] = {seg_of(JET_coltypLong, false), seg_of(JET_coltypText, true),
                       seg_of(JET_coltypBinary, false)};
    struct tuple {
        bool null0;
        int32_t a;
        uint8_t t[8];
        size_t ct;
        uint8_t b[20];
        size_t cb;
    } x, y;
    static const char alpha[] = "abAB";
    for (int it = 0; it < 20000; it++) {
        struct tuple *tp[2] = {&x, &y};
        for (int j = 0; j < 2; j++) {
            struct tuple *t = tp[j];
            t->null0 = rnd() % 8 == 0;
            t->a = (int32_t)(rnd() % 3) - 1;
            t->ct = rnd() % 4;
            for (size_t i = 0; i < t->ct; i++)
                t->t[i] = (uint8_t)alpha[rnd() % 4];
            t->cb = rnd_bytes(t->b, 18, NULL, 0);
        }
        key kx = {.len = 0}, ky = {.len = 0};
        for (int j = 0; j < 2; j++) {
            struct tuple *t = tp[j];
            key *k = j ? &ky : &kx;
            assert_jet_ok(key_append(k->b, KMAX, &k->len, &segs[0], t->null0 ? NULL : &t->a,
                                     t->null0 ? 0 : 4, t->null0 ? KEY_NORM_NULL : 0));
            assert_jet_ok(key_append(k->b, KMAX, &k->len, &segs[1], t->t, t->ct, 0));
            assert_jet_ok(key_append(k->b, KMAX, &k->len, &segs[2], t->b, t->cb, 0));
        }
        /* Natural order: segment by segment, NULL first, the text one descending. */
        int want;
        if (x.null0 != y.null0)
            want = x.null0 ? -1 : 1;
        else if (!x.null0 && x.a != y.a)
            want = x.a < y.a ? -1 : 1;
        else if ((x.ct == 0) != (y.ct == 0))
            want = x.ct == 0 ? 1 : -1;       /* zero-length first, reversed */
        else if (ansi_cmp(x.t, x.ct, y.t, y.ct) != 0)
            want = -ansi_cmp(x.t, x.ct, y.t, y.ct);
        else
            want = bin_cmp(x.b, x.cb, y.b, y.cb);
        assert_int_equal(kcmp(&kx, &ky), want);
    }
}

/* ---- truncation and open ends -------------------------------------------- */

static void test_truncation(void **state)
{
    (void)state;
    key_seg segs[] = {seg_of(JET_coltypBinary, false), seg_of(JET_coltypText, true),
                      seg_of(JET_coltypLongLong, false), seg_of(JET_coltypText, false)};
    segs[3].cp = 1200;
    uint8_t data[300];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)('a' + i % 26);
    for (size_t s = 0; s < JET_ARRAY_LEN(segs); s++) {
        size_t cb = segs[s].coltyp == JET_coltypLongLong ? 8 : 120;
        key full = mk(&segs[s], data, cb, 0);
        for (size_t cap = 0; cap <= full.len + 1; cap++) {
            uint8_t k[KMAX];
            size_t len = 0;
            JET_ERR err = key_append(k, cap, &len, &segs[s], data, cb, 0);
            if (cap < full.len) {
                assert_jet(KEY_TRUNCATED, err);
                assert_int_equal(len, cap);
            } else {
                assert_jet_ok(err);
                assert_int_equal(len, full.len);
            }
            if (len)
                assert_memory_equal(k, full.b, len);
        }
        /* After a first segment: the same, from *len on. */
        uint8_t k[KMAX];
        size_t len = 3;
        memset(k, 0xee, 3);
        assert_jet(KEY_TRUNCATED, key_append(k, 10, &len, &segs[s], data, cb, 0));
        assert_int_equal(len, 10);
        assert_memory_equal(k + 3, full.b, 7);
    }
    /* The cap of a real index: 255 bytes, a 1000-character Unicode value. */
    uint8_t u[2000];
    for (size_t i = 0; i < 1000; i++) {
        u[2 * i] = (uint8_t)('a' + i % 26);
        u[2 * i + 1] = 0;
    }
    uint8_t k[JET_cbKeyMost];
    size_t len = 0;
    assert_jet(KEY_TRUNCATED, key_append(k, sizeof k, &len, &segs[3], u, sizeof u, 0));
    assert_int_equal(len, sizeof k);
}

/* Is memcmp-key in [lo, lo||FF...]? (the limit the ISAM layer builds) */
static bool in_prefix_range(const key *k, const key *lo)
{
    if (kcmp(k, lo) < 0)
        return false;
    key hi = *lo;
    while (hi.len < lo->len + 8)
        hi.b[hi.len++] = 0xff;
    return kcmp(k, &hi) < 0;
}

static void test_open_end(void **state)
{
    (void)state;
    static const JET_COLTYP types[] = {JET_coltypBinary, JET_coltypText};
    uint8_t s[40], p[40];
    for (int it = 0; it < 20000; it++) {
        JET_COLTYP t = types[rnd() % 2];
        bool desc = rnd() % 2;
        key_seg seg = seg_of(t, desc);
        size_t cs = 1 + rnd() % 30;
        for (size_t i = 0; i < cs; i++)
            s[i] = (uint8_t)("aAbB\x01\x02"[rnd() % 6]);
        size_t cp = 1 + rnd() % 12;
        for (size_t i = 0; i < cp; i++)
            p[i] = i < cs && rnd() % 4 ? s[i] : (uint8_t)("aAbB\x01\x02"[rnd() % 6]);
        key ks = mk(&seg, s, cs, 0), kp = mk(&seg, p, cp, KEY_NORM_OPEN_END);
        bool starts;
        if (t == JET_coltypBinary) {
            starts = cs >= cp && memcmp(s, p, cp) == 0;
        } else {
            starts = cs >= cp;
            for (size_t i = 0; i < cp && starts; i++)
                starts = ansi_cmp(s + i, 1, p + i, 1) == 0;
        }
        assert_int_equal(in_prefix_range(&ks, &kp), starts);
    }
    /* Open ends leave out the terminator / padding. */
    key_seg b = seg_of(JET_coltypBinary, false), a = seg_of(JET_coltypText, false);
    key k = mk(&b, "123456789", 9, KEY_NORM_OPEN_END);
    assert_int_equal(k.len, 11);                /* prefix, 8 bytes, 9, '9' */
    assert_int_equal(k.b[10], '9');
    k = mk(&a, "ab", 2, KEY_NORM_OPEN_END);
    assert_int_equal(k.len, 3);
}

/* ---- Unicode text -------------------------------------------------------- */

static size_t to_utf16le(const char *utf8, uint8_t *out, size_t cap)
{
    UChar u[256];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 256, &n, utf8, -1, &st);
    assert_true(U_SUCCESS(st));
    assert_true((size_t)n * 2 <= cap);
    for (int32_t i = 0; i < n; i++) {
        out[2 * i] = (uint8_t)(u[i] & 0xff);
        out[2 * i + 1] = (uint8_t)(u[i] >> 8);
    }
    return (size_t)n * 2;
}

static key ukey(uint32_t lcid, uint32_t flags, bool desc, const char *utf8, unsigned kflags)
{
    key_seg s = {.coltyp = JET_coltypText, .cp = 1200, .descending = desc, .lcid = lcid, .map_flags = flags};
    uint8_t buf[512];
    size_t cb = to_utf16le(utf8, buf, sizeof buf);
    return mk(&s, buf, cb, kflags);
}

static int ucmp(uint32_t lcid, uint32_t flags, const char *a, const char *b)
{
    key ka = ukey(lcid, flags, false, a, 0), kb = ukey(lcid, flags, false, b, 0);
    key da = ukey(lcid, flags, true, a, 0), db = ukey(lcid, flags, true, b, 0);
    assert_int_equal(kcmp(&da, &db), -kcmp(&ka, &kb));
    return kcmp(&ka, &kb);
}

static void test_unicode_1033(void **state)
{
    (void)state;
    const uint32_t lcid = 1033, df = KEY_MAP_FLAGS_DEFAULT;
    /* Case-insensitive with the default flags, accents significant. */
    assert_int_equal(ucmp(lcid, df, "Hello", "hELLO"), 0);
    assert_int_equal(ucmp(lcid, df, "a", "B"), -1);
    assert_int_equal(ucmp(lcid, df, "B", "c"), -1);
    assert_int_equal(ucmp(lcid, df, "resume", "r\xc3\xa9sum\xc3\xa9"), -1);
    assert_int_equal(ucmp(lcid, df, "r\xc3\xa9sum\xc3\xa9", "resumf"), -1);
    assert_int_equal(ucmp(lcid, df, "ab", "abc"), -1);
    /* Full width and half width are one letter with NORM_IGNOREWIDTH. */
    assert_int_equal(ucmp(lcid, df, "\xef\xbc\xa1", "a"), 0);
    /* LCMAP_SORTKEY alone: case matters. */
    assert_int_equal(ucmp(lcid, KEY_LCMAP_SORTKEY, "a", "A") != 0, 1);
    /* NORM_IGNORENONSPACE: accents ignored; case too only with IGNORECASE. */
    uint32_t nons = KEY_LCMAP_SORTKEY | KEY_NORM_IGNORENONSPACE;
    assert_int_equal(ucmp(lcid, nons, "a", "\xc3\xa1"), 0);
    assert_true(ucmp(lcid, nons, "a", "A") != 0);
    assert_int_equal(ucmp(lcid, nons | KEY_NORM_IGNORECASE, "\xc3\x81", "a"), 0);
    /* NORM_IGNORESYMBOLS and SORT_DIGITSASNUMBERS. */
    assert_int_equal(ucmp(lcid, df | KEY_NORM_IGNORESYMBOLS, "co-op", "coop"), 0);
    assert_true(ucmp(lcid, df, "co-op", "coop") != 0);
    assert_int_equal(ucmp(lcid, df | KEY_SORT_DIGITSASNUMBERS, "a2", "a10"), -1);
    assert_int_equal(ucmp(lcid, df, "a2", "a10"), 1);
    /* The key is prefix 0x7F, the sort key, its 0x00 terminator. */
    key k = ukey(lcid, df, false, "ab", 0);
    assert_int_equal(k.b[0], 0x7f);
    assert_int_equal(k.b[k.len - 1], 0x00);
    assert_non_null(memchr(k.b + 1, 0x01, k.len - 2));
}

/* Random strings: the key order is ICU's collation order for the same
 * locale and settings (for every mapping of the flags). */
static void test_unicode_random(void **state)
{
    (void)state;
    static const struct {
        uint32_t flags;
        UCollationStrength strength;
        bool case_level, shifted, numeric;
    } cfg[] = {
        {KEY_MAP_FLAGS_DEFAULT, UCOL_SECONDARY, false, false, false},
        {KEY_LCMAP_SORTKEY, UCOL_TERTIARY, false, false, false},
        {KEY_LCMAP_SORTKEY | KEY_NORM_IGNORENONSPACE, UCOL_PRIMARY, true, false, false},
        {KEY_MAP_FLAGS_DEFAULT | KEY_NORM_IGNORENONSPACE, UCOL_PRIMARY, false, false, false},
        {KEY_MAP_FLAGS_DEFAULT | KEY_NORM_IGNORESYMBOLS | KEY_SORT_DIGITSASNUMBERS, UCOL_SECONDARY, false,
         true, true},
    };
    static const uint16_t pool[] = {'a', 'A', 'b', 'B', 'z', ' ', '-', '1', '2', 0xe9, 0xc9, 0x3b1, 0x391,
                                    0x4e00, 0x3042, 0x30a2, 0xff21, 0xd83d, 0xde00, '$', 0x301};
    for (size_t ci = 0; ci < JET_ARRAY_LEN(cfg); ci++) {
        UErrorCode st = U_ZERO_ERROR;
        UCollator *coll = ucol_open("en_US", &st);
        assert_true(U_SUCCESS(st));
        ucol_setStrength(coll, cfg[ci].strength);
        if (cfg[ci].case_level)
            ucol_setAttribute(coll, UCOL_CASE_LEVEL, UCOL_ON, &st);
        if (cfg[ci].shifted) {
            ucol_setAttribute(coll, UCOL_ALTERNATE_HANDLING, UCOL_SHIFTED, &st);
            ucol_setMaxVariable(coll, UCOL_REORDER_CODE_CURRENCY, &st);
        }
        if (cfg[ci].numeric)
            ucol_setAttribute(coll, UCOL_NUMERIC_COLLATION, UCOL_ON, &st);
        assert_true(U_SUCCESS(st));
        key_seg s = {.coltyp = JET_coltypLongText, .cp = 1200, .lcid = 1033, .map_flags = cfg[ci].flags};
        for (int it = 0; it < 3000; it++) {
            UChar a[12], b[12];
            int32_t na = (int32_t)(1 + rnd() % 10), nb = (int32_t)(1 + rnd() % 10);
            for (int32_t i = 0; i < na; i++)
                a[i] = pool[rnd() % JET_ARRAY_LEN(pool)];
            for (int32_t i = 0; i < nb; i++)
                b[i] = i < na && rnd() % 2 ? a[i] : pool[rnd() % JET_ARRAY_LEN(pool)];
            uint8_t la[24], lb[24];
            for (int32_t i = 0; i < na; i++)
                la[2 * i] = (uint8_t)a[i], la[2 * i + 1] = (uint8_t)(a[i] >> 8);
            for (int32_t i = 0; i < nb; i++)
                lb[2 * i] = (uint8_t)b[i], lb[2 * i + 1] = (uint8_t)(b[i] >> 8);
            int want = ucol_strcoll(coll, a, na, b, nb);
            key ka = mk(&s, la, (size_t)na * 2, 0), kb = mk(&s, lb, (size_t)nb * 2, 0);
            assert_int_equal(kcmp(&ka, &kb), want);
            /* An open-ended key of a prefix brackets the whole value. */
            int32_t np = (int32_t)(rnd() % (uint32_t)na);
            if (np > 0 && U16_IS_LEAD(a[np - 1]))
                np--;                        /* never cut a surrogate pair */
            key kp = mk(&s, la, (size_t)np * 2, KEY_NORM_OPEN_END);
            assert_true(np == 0 || cfg[ci].numeric || in_prefix_range(&ka, &kp));
        }
        ucol_close(coll);
    }
}

static void test_unicode_locales(void **state)
{
    (void)state;
    const uint32_t df = KEY_MAP_FLAGS_DEFAULT;
    /* Swedish puts ä after z; English next to a. */
    assert_int_equal(ucmp(0x041d, df, "zebra", "\xc3\xa4pple"), -1);
    assert_int_equal(ucmp(1033, df, "zebra", "\xc3\xa4pple"), 1);
    /* Traditional Spanish sorts ch after c...; modern Spanish does not. */
    assert_int_equal(ucmp(0x040a, df, "chico", "cuna"), 1);
    assert_int_equal(ucmp(0x0c0a, df, "chico", "cuna"), -1);
    /* The invariant locale and the default-locale aliases. */
    assert_int_equal(ucmp(0x007f, df, "a", "B"), -1);
    assert_int_equal(ucmp(0x0400, df, "Hello", "hello"), 0);
    assert_int_equal(ucmp(0x0800, df, "a", "B"), -1);
}

static void test_unicode_edges(void **state)
{
    (void)state;
    key_seg s = {.coltyp = JET_coltypText, .cp = 1200, .lcid = 1033, .map_flags = KEY_MAP_FLAGS_DEFAULT};
    /* An odd trailing byte is ignored (ESE); an unpaired surrogate sorts. */
    key a = mk(&s, "a\0b", 3, 0), b = mk(&s, "a\0", 2, 0);
    assert_int_equal(kcmp(&a, &b), 0);
    uint8_t lone[4] = {0x00, 0xd8, 'a', 0};
    key l = mk(&s, lone, 4, 0);
    assert_true(l.len > 2);
    /* Bad settings are refused and leave *len alone. */
    uint8_t k[64];
    size_t len = 5;
    key_seg bad = s;
    bad.lcid = 0;
    assert_jet(JET_errInvalidLanguageId, key_append(k, sizeof k, &len, &bad, "a\0", 2, 0));
    bad = s;
    bad.map_flags = 0x00000200;              /* LCMAP_UPPERCASE */
    assert_jet(JET_errInvalidLCMapStringFlags, key_append(k, sizeof k, &len, &bad, "a\0", 2, 0));
    assert_int_equal(len, 5);
    /* An open end at exactly the level separator is not a truncation. */
    key full = mk(&s, "a\0b\0", 4, KEY_NORM_OPEN_END);
    len = 0;
    assert_jet_ok(key_append(k, full.len, &len, &s, "a\0b\0", 4, KEY_NORM_OPEN_END));
    assert_int_equal(len, full.len);
    len = 0;
    assert_jet(KEY_TRUNCATED, key_append(k, full.len - 1, &len, &s, "a\0b\0", 4, KEY_NORM_OPEN_END));
    /* A closed key of exactly the room without its terminator is truncated. */
    key closed = mk(&s, "a\0b\0", 4, 0);
    len = 0;
    assert_jet(KEY_TRUNCATED, key_append(k, closed.len - 1, &len, &s, "a\0b\0", 4, 0));
}

static void test_check_unicode(void **state)
{
    (void)state;
    assert_jet_ok(key_check_unicode(1033, KEY_MAP_FLAGS_DEFAULT));
    assert_jet_ok(key_check_unicode(0x0407, KEY_MAP_FLAGS_DEFAULT | KEY_NORM_IGNORENONSPACE));
    assert_jet_ok(key_check_unicode(0x10407, KEY_MAP_FLAGS_DEFAULT));   /* German phonebook */
    assert_jet_ok(key_check_unicode(0x0411, 0));                       /* SORTKEY implied */
    assert_jet_ok(key_check_unicode(0x007f, KEY_LCMAP_SORTKEY | KEY_LCMAP_BYTEREV | KEY_SORT_STRINGSORT |
                                                KEY_NORM_IGNORESYMBOLS | KEY_LINGUISTIC_IGNORECASE |
                                                KEY_LINGUISTIC_IGNOREDIACRITIC | KEY_SORT_DIGITSASNUMBERS |
                                                KEY_NORM_LINGUISTIC_CASING));
    assert_jet(JET_errInvalidLanguageId, key_check_unicode(0, KEY_MAP_FLAGS_DEFAULT));
    assert_jet(JET_errInvalidLanguageId, key_check_unicode(0x12345, KEY_MAP_FLAGS_DEFAULT));
    assert_jet(JET_errInvalidLanguageId, key_check_unicode(0x1000, KEY_MAP_FLAGS_DEFAULT));
    assert_jet(JET_errInvalidLanguageId, key_check_unicode(0x00100409, KEY_MAP_FLAGS_DEFAULT));
    assert_jet(JET_errInvalidLCMapStringFlags, key_check_unicode(1033, 0x00000200));
    assert_jet(JET_errInvalidLCMapStringFlags, key_check_unicode(1033, KEY_MAP_FLAGS_DEFAULT | 0x40000000));
    assert_jet(JET_errInvalidLCMapStringFlags, key_check_unicode(1033, KEY_MAP_FLAGS_DEFAULT | 0x00000100));
    uint32_t v1 = 0, v2 = 0;
    assert_jet_ok(key_sort_version(1033, KEY_MAP_FLAGS_DEFAULT, &v1));
    assert_jet_ok(key_sort_version(0x041d, KEY_MAP_FLAGS_DEFAULT, &v2));
    assert_true(v1 != 0 && v2 != 0);
    assert_jet(JET_errInvalidLanguageId, key_sort_version(0, KEY_MAP_FLAGS_DEFAULT, &v1));
    assert_jet(JET_errInvalidParameter, key_sort_version(1033, KEY_MAP_FLAGS_DEFAULT, NULL));
}

static void test_bad_calls(void **state)
{
    (void)state;
    key_seg s = seg_of(JET_coltypLong, false);
    uint8_t k[16];
    size_t len = 0;
    int32_t v = 1;
    assert_jet(JET_errInvalidBufferSize, key_append(k, sizeof k, &len, &s, &v, 3, 0));
    assert_jet(JET_errInvalidParameter, key_append(k, sizeof k, NULL, &s, &v, 4, 0));
    assert_jet(JET_errInvalidParameter, key_append(k, sizeof k, &len, NULL, &v, 4, 0));
    assert_jet(JET_errInvalidParameter, key_append(k, sizeof k, &len, &s, NULL, 4, 0));
    assert_jet(JET_errInvalidParameter, key_append(k, sizeof k, &len, &s, &v, 4, 0x100));
    assert_jet(JET_errInvalidParameter, key_append(NULL, 4, &len, &s, &v, 4, 0));
    len = 17;
    assert_jet(JET_errInvalidParameter, key_append(k, sizeof k, &len, &s, &v, 4, 0));
    len = 0;
    s.coltyp = 13;
    assert_jet(JET_errInvalidParameter, key_append(k, sizeof k, &len, &s, &v, 4, 0));
    assert_int_equal(len, 0);
}

/* Threads opening and sharing collators for several locales at once. */
static void *key_thread(void *arg)
{
    static const uint32_t lcids[] = {1033, 0x041d, 0x0407, 0x040a, 0x0411, 0x0804};
    unsigned seed = (unsigned)(uintptr_t)arg;
    for (int i = 0; i < 400; i++) {
        key_seg s = {.coltyp = JET_coltypText, .cp = 1200, .lcid = lcids[(seed + (unsigned)i) % 6],
                     .map_flags = KEY_MAP_FLAGS_DEFAULT | ((unsigned)i % 2 ? KEY_NORM_IGNORENONSPACE : 0)};
        uint8_t k[64];
        size_t len = 0;
        if (key_append(k, sizeof k, &len, &s, "H\0e\0l\0l\0o\0", 10, 0) != JET_errSuccess)
            return (void *)1;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    key_shutdown();
    pthread_t t[4];
    for (uintptr_t i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, key_thread, (void *)i), 0);
    for (int i = 0; i < 4; i++) {
        void *ret;
        assert_int_equal(pthread_join(t[i], &ret), 0);
        assert_null(ret);
    }
    key_shutdown();
    /* Keys still work after a shutdown (collators reopen). */
    assert_int_equal(ucmp(1033, KEY_MAP_FLAGS_DEFAULT, "a", "A"), 0);
    key_shutdown();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),      cmocka_unit_test(test_floats),
        cmocka_unit_test(test_guid),          cmocka_unit_test(test_binary),
        cmocka_unit_test(test_ansi_text),     cmocka_unit_test(test_null_zero_length),
        cmocka_unit_test(test_multi_segment), cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_open_end),      cmocka_unit_test(test_unicode_1033),
        cmocka_unit_test(test_unicode_random), cmocka_unit_test(test_unicode_locales),
        cmocka_unit_test(test_unicode_edges), cmocka_unit_test(test_check_unicode),
        cmocka_unit_test(test_bad_calls),     cmocka_unit_test(test_threads),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    key_shutdown();
    return rc;
}
