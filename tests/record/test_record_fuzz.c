/*
 * test_record_fuzz.c: rec_check / rec_get / rec_count / rec_next_present /
 * rec_null_marked / rec_next_null_marked / rec_buf_load / rec_set on
 * random and mutated byte strings (explicit-NULL markers among them).
 * Nothing may read outside the record (run under ASan: the bytes are
 * copied into an exactly sized heap block for every call), and whatever
 * rec_check accepts must then behave: every present column readable in
 * bounds, and rec_set keeping it valid.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "record/record.h"
#include "util/err.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

/* Column definitions the fuzzer reads with: every kind and size rule. */
static rec_coldef defs[16];
static size_t ndefs;

static void init_defs(void)
{
    static const struct {
        JET_COLUMNID id;
        JET_COLTYP t;
        uint32_t cbMax;
    } d[] = {
        {1, JET_coltypLong, 0},        {2, JET_coltypBit, 0},          {3, JET_coltypGUID, 0},
        {4, JET_coltypText, 10},       {5, JET_coltypIEEEDouble, 0},   {127, JET_coltypShort, 0},
        {128, JET_coltypBinary, 0},    {129, JET_coltypText, 0},       {200, JET_coltypBinary, 30},
        {255, JET_coltypText, 0},      {256, JET_coltypLongBinary, 0}, {257, JET_coltypLong, 0},
        {3000, JET_coltypLongText, 0}, {65535, JET_coltypBinary, 0},
    };
    ndefs = JET_ARRAY_LEN(d);
    for (size_t i = 0; i < ndefs; i++) {
        defs[i] = (rec_coldef){.colid = d[i].id, .coltyp = d[i].t, .cbMax = d[i].cbMax, .cp = 1252};
        if (d[i].id > REC_VAR_LAST)
            defs[i].grbit = JET_bitColumnTagged | JET_bitColumnMultiValued;
    }
}

/* Exercise every reader on bytes[0..len) held in an exactly sized block. */
static bool probe(const uint8_t *bytes, size_t len)
{
    uint8_t *p = len ? malloc(len) : NULL;
    if (len)
        memcpy(p, bytes, len);
    bool ok = rec_check(p, len) == JET_errSuccess;
    for (size_t i = 0; i < ndefs; i++) {
        uint32_t count = rec_count(p, len, &defs[i]);
        for (uint32_t itag = 0; itag <= count + 1 && itag < 8; itag++) {
            const void *d;
            size_t cb;
            unsigned flags;
            JET_ERR err = rec_get(p, len, &defs[i], itag, &d, &cb, &flags);
            if (err == JET_errSuccess) {
                const uint8_t *b = d;
                assert_true(b >= p && b + cb <= p + len);
                volatile uint8_t sink = 0;
                for (size_t k = 0; k < cb; k++)
                    sink ^= b[k];
                (void)sink;
            } else {
                assert_true(err == JET_wrnColumnNull || err == JET_errDatabaseCorrupted);
                if (ok)
                    assert_jet(JET_wrnColumnNull, err);
            }
        }
    }
    JET_COLUMNID at = 0;
    for (int guard = 0; guard < 70000; guard++) {
        JET_COLUMNID next = rec_next_present(p, len, at);
        if (next == 0)
            break;
        assert_true(next > at);
        at = next;
    }
    /* Explicit-NULL markers: in order, and a marked column has no value. */
    at = 0;
    for (int guard = 0; guard < 70000; guard++) {
        JET_COLUMNID next = rec_next_null_marked(p, len, at);
        if (next == 0)
            break;
        assert_true(next > at);
        if (ok)
            assert_true(rec_null_marked(p, len, next));
        at = next;
    }
    for (size_t i = 0; i < ndefs; i++) {
        if (ok && rec_null_marked(p, len, defs[i].colid))
            assert_int_equal(rec_count(p, len, &defs[i]), 0);
    }
    if (ok) {
        /* An accepted record loads and takes changes, staying valid. */
        rec_buf r;
        rec_buf_init(&r);
        assert_jet_ok(rec_buf_load(&r, p, len));
        for (int k = 0; k < 4; k++) {
            const rec_coldef *c = &defs[rnd() % ndefs];
            uint8_t v[40];
            for (size_t j = 0; j < sizeof v; j++)
                v[j] = (uint8_t)rnd();
            uint32_t size = rec_fixed_size(c->coltyp);
            size_t cb = size ? size : rnd() % 12;
            JET_ERR err = rec_set(&r, c, rnd() % 4, (rnd() % 3) ? v : NULL, 0,
                                  rnd() % 2 ? (unsigned)REC_SET_NULL_MARK : 0u, REC_LEN_MAX);
            (void)err;
            err = rec_set(&r, c, rnd() % 4, v, cb, 0, REC_LEN_MAX);
            assert_true(err >= 0 || err == JET_errDatabaseCorrupted || err == JET_errInvalidBufferSize);
            assert_jet_ok(rec_check(r.data, r.len));
        }
        rec_buf_free(&r);
    } else {
        rec_buf r;
        rec_buf_init(&r);
        assert_jet(JET_errDatabaseCorrupted, rec_buf_load(&r, p, len));
        assert_int_equal(r.len, 0);
        rec_buf_free(&r);
    }
    free(p);
    return ok;
}

/* A valid record with random content. */
static void build(rec_buf *r)
{
    rec_buf_init(r);
    int n = (int)(rnd() % 24);
    for (int i = 0; i < n; i++) {
        const rec_coldef *c = &defs[rnd() % ndefs];
        uint8_t v[64];
        for (size_t j = 0; j < sizeof v; j++)
            v[j] = (uint8_t)rnd();
        uint32_t size = rec_fixed_size(c->coltyp);
        size_t cb = size ? size : rnd() % (c->cbMax ? c->cbMax + 1 : 40);
        unsigned flags = (c->coltyp == JET_coltypLongBinary || c->coltyp == JET_coltypLongText) &&
                                 rnd() % 3 == 0
                             ? REC_VAL_SEPARATED
                             : 0;
        if (rnd() % 6 == 0)
            assert_true(rec_set(r, c, rnd() % 3, NULL, 0, 0, REC_LEN_MAX) >= 0);
        if (rnd() % 4 == 0) {
            /* an explicit NULL (a marker) left in the record */
            assert_true(rec_set(r, &defs[rnd() % ndefs], rnd() % 3, NULL, 0, REC_SET_NULL_MARK,
                                REC_LEN_MAX) >= 0);
            continue;
        }
        assert_true(rec_set(r, c, rnd() % 3, v, cb, flags, REC_LEN_MAX) >= 0);
    }
    assert_jet_ok(rec_check(r->data, r->len));
}

static void test_random_bytes(void **state)
{
    (void)state;
    init_defs();
    uint8_t buf[512];
    for (int it = 0; it < 30000; it++) {
        size_t len = rnd() % sizeof buf;
        for (size_t i = 0; i < len; i++)
            buf[i] = (uint8_t)rnd();
        /* Small counts make it past the header more often. */
        if (len >= 4 && rnd() % 2) {
            buf[0] = (uint8_t)(rnd() % 6);
            buf[1] = (uint8_t)(rnd() % 4);
            buf[2] = (uint8_t)(rnd() % 4);
            buf[3] = 0;
        }
        probe(buf, len);
    }
}

static void test_mutations(void **state)
{
    (void)state;
    init_defs();
    int accepted = 0, rejected = 0;
    for (int it = 0; it < 4000; it++) {
        rec_buf r;
        build(&r);
        assert_true(probe(r.data, r.len));
        size_t cap = r.len + 16;
        uint8_t *m = malloc(cap);
        for (int k = 0; k < 8; k++) {
            if (r.len)
                memcpy(m, r.data, r.len);
            size_t len = r.len;
            switch (rnd() % 5) {
            case 0:                          /* flip one bit */
                if (len)
                    m[rnd() % len] ^= (uint8_t)(1u << (rnd() % 8));
                break;
            case 1:                          /* overwrite one byte */
                if (len)
                    m[rnd() % len] = (uint8_t)rnd();
                break;
            case 2:                          /* truncate */
                len = len ? rnd() % len : 0;
                break;
            case 3:                          /* extend */
                for (size_t j = 0; j < 1 + rnd() % 8; j++)
                    m[len++] = (uint8_t)rnd();
                break;
            default:                         /* a small offset change */
                if (len > 2) {
                    size_t at = rnd() % (len - 1);
                    m[at] = (uint8_t)(m[at] + (rnd() % 2 ? 1 : 0xff));
                }
                break;
            }
            if (probe(m, len))
                accepted++;
            else
                rejected++;
        }
        free(m);
        rec_buf_free(&r);
    }
    /* Most damage is noticed. */
    assert_true(rejected > accepted);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
