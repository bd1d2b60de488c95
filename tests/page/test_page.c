/*
 * test_page.c: the slotted page against a simple model (random inserts,
 * deletes and replaces, checking contents and structure after every step),
 * plus checksum / misplaced-page / uninitialised-page detection.
 */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "page/page.h"

#define MAXREC 64

struct model {
    int n;
    uint16_t len[4096];
    uint8_t data[4096][64];
};

static void check_model(const void *page, uint32_t cb, const struct model *m)
{
    assert_jet_ok(pg_check_structure(page, cb));
    assert_int_equal(pg_nslots(page), m->n);
    for (int i = 0; i < m->n; i++) {
        const uint8_t *d;
        uint16_t len;
        pg_get(page, (uint16_t)i, &d, &len);
        assert_int_equal(len, m->len[i]);
        assert_memory_equal(d, m->data[i], len < 64 ? len : 64);
    }
}

static void fill(uint8_t *buf, uint16_t len, unsigned seed)
{
    for (uint16_t i = 0; i < len; i++)
        buf[i] = (uint8_t)(seed * 31u + i);
}

static void run_model(uint32_t cb, unsigned seed)
{
    uint8_t *page = aligned_alloc(8, cb);
    static struct model m;
    memset(&m, 0, sizeof m);
    pg_init(page, cb, 7, 3, PG_F_LEAF);
    srand(seed);
    uint8_t buf[MAXREC];
    for (int step = 0; step < 20000; step++) {
        int op = rand() % 3;
        uint16_t len = (uint16_t)(rand() % 65);   /* the model keeps <= 64 bytes */
        fill(buf, len, (unsigned)step);
        if (op == 0 || m.n == 0) {
            if (!pg_fits(page, cb, len))
                continue;
            int i = m.n ? rand() % (m.n + 1) : 0;
            pg_insert(page, cb, (uint16_t)i, buf, len);
            memmove(&m.len[i + 1], &m.len[i], sizeof m.len[0] * (size_t)(m.n - i));
            memmove(&m.data[i + 1], &m.data[i], sizeof m.data[0] * (size_t)(m.n - i));
            m.len[i] = len;
            memcpy(m.data[i], buf, len);
            m.n++;
        } else if (op == 1) {
            int i = rand() % m.n;
            pg_delete(page, cb, (uint16_t)i);
            memmove(&m.len[i], &m.len[i + 1], sizeof m.len[0] * (size_t)(m.n - i - 1));
            memmove(&m.data[i], &m.data[i + 1], sizeof m.data[0] * (size_t)(m.n - i - 1));
            m.n--;
        } else {
            int i = rand() % m.n;
            if (!pg_fits_replace(page, cb, (uint16_t)i, len))
                continue;
            pg_replace(page, cb, (uint16_t)i, buf, len);
            m.len[i] = len;
            memcpy(m.data[i], buf, len);
        }
        check_model(page, cb, &m);
    }
    free(page);
}

static void test_model_4k(void **state)
{
    (void)state;
    run_model(4096, 1);
}

static void test_model_32k(void **state)
{
    (void)state;
    run_model(32768, 2);
}

static void test_replace_grow_needs_compaction(void **state)
{
    (void)state;
    uint32_t cb = 4096;
    uint8_t *page = aligned_alloc(8, cb);
    pg_init(page, cb, 1, 0, 0);
    uint8_t big[1000];
    memset(big, 'a', sizeof big);
    /* Three 1000-byte records, delete the middle one, then grow the first
     * into the freed space: only compaction makes room. */
    for (int i = 0; i < 3; i++)
        pg_insert(page, cb, (uint16_t)i, big, sizeof big);
    pg_delete(page, cb, 1);
    uint8_t bigger[1900];
    memset(bigger, 'b', sizeof bigger);
    assert_true(pg_fits_replace(page, cb, 0, sizeof bigger));
    pg_replace(page, cb, 0, bigger, sizeof bigger);
    assert_jet_ok(pg_check_structure(page, cb));
    const uint8_t *d;
    uint16_t len;
    pg_get(page, 0, &d, &len);
    assert_int_equal(len, sizeof bigger);
    assert_memory_equal(d, bigger, sizeof bigger);
    pg_get(page, 1, &d, &len);
    assert_memory_equal(d, big, sizeof big);
    free(page);
}

static void test_verify(void **state)
{
    (void)state;
    uint32_t cb = 8192;
    uint8_t *page = aligned_alloc(8, cb);
    memset(page, 0, cb);
    assert_jet(JET_errPageNotInitialized, pg_verify(page, cb, 5));
    pg_init(page, cb, 5, 9, PG_F_LEAF);
    pg_insert(page, cb, 0, "hello", 5);
    pg_header(page)->dbtime = 42;
    pg_seal(page, cb);
    assert_jet_ok(pg_verify(page, cb, 5));
    assert_jet(JET_errReadPgnoVerifyFailure, pg_verify(page, cb, 6));
    for (uint32_t off = 0; off < cb; off += 509) {
        page[off] ^= 0x10;   /* any flipped bit is caught */
        assert_jet(JET_errReadVerifyFailure, pg_verify(page, cb, 5));
        page[off] ^= 0x10;
    }
    assert_jet_ok(pg_verify(page, cb, 5));
    /* A sealed page with impossible contents fails the structure check. */
    pg_header(page)->data_lo = 10;
    pg_seal(page, cb);
    assert_jet_ok(pg_verify(page, cb, 5));
    assert_jet(JET_errDatabaseCorrupted, pg_check_structure(page, cb));
    free(page);
}

static void test_sizes(void **state)
{
    (void)state;
    assert_true(pg_size_valid(4096) && pg_size_valid(8192) && pg_size_valid(16384) &&
                pg_size_valid(32768));
    assert_false(pg_size_valid(2048) || pg_size_valid(65536) || pg_size_valid(5000));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_4k),
        cmocka_unit_test(test_model_32k),
        cmocka_unit_test(test_replace_grow_needs_compaction),
        cmocka_unit_test(test_verify),
        cmocka_unit_test(test_sizes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
