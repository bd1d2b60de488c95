/*
 * test_util_crc32c.c: CRC-32C against published vectors, chaining, and the
 * hardware path against the table path on random buffers.
 */
#include "testutil.h"

#include "util/crc32c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deterministic xorshift generator, so a failure reproduces. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

/* Next pseudo-random number. */
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Assert that all three entry points give want for buf. */
static void expect_crc(uint32_t want, const void *buf, size_t len)
{
    assert_int_equal(want, crc32c_sw(0, buf, len));
    assert_int_equal(want, crc32c_hw(0, buf, len));
    assert_int_equal(want, crc32c(0, buf, len));
}

/* Published CRC-32C check values, on every implementation. */
static void test_crc_vectors(void **state)
{
    (void)state;
    unsigned char b[32];

    expect_crc(0xE3069283u, "123456789", 9);
    expect_crc(0x00000000u, "", 0);
    expect_crc(0xC1D04330u, "a", 1);
    /* iSCSI test patterns (RFC 3720, appendix B.4). */
    memset(b, 0, sizeof b);
    expect_crc(0x8A9136AAu, b, sizeof b);
    memset(b, 0xFF, sizeof b);
    expect_crc(0x62A8AB43u, b, sizeof b);
    for (int i = 0; i < 32; i++)
        b[i] = (unsigned char)i;
    expect_crc(0x46DD794Eu, b, sizeof b);
    for (int i = 0; i < 32; i++)
        b[i] = (unsigned char)(31 - i);
    expect_crc(0x113FDB5Cu, b, sizeof b);

    printf("crc32c hardware path: %s\n", crc32c_hw_available() ? "SSE4.2" : "not available");
}

/* Split computations chain to the CRC of the whole, across implementations. */
static void test_crc_chaining(void **state)
{
    (void)state;
    const char *s = "The quick brown fox jumps over the lazy dog";
    size_t n = strlen(s);
    uint32_t whole = crc32c(0, s, n);
    for (size_t cut = 0; cut <= n; cut++) {
        assert_int_equal(whole, crc32c(crc32c(0, s, cut), s + cut, n - cut));
        assert_int_equal(whole, crc32c_sw(crc32c_hw(0, s, cut), s + cut, n - cut));
        assert_int_equal(whole, crc32c_hw(crc32c_sw(0, s, cut), s + cut, n - cut));
    }
}

/* Hardware and table paths agree on all lengths, alignments and seeds. */
static void test_crc_hw_matches_sw(void **state)
{
    (void)state;
    size_t cap = 70000;
    unsigned char *buf = malloc(cap + 16);
    assert_non_null(buf);
    for (size_t i = 0; i < cap + 16; i++)
        buf[i] = (unsigned char)rng();

    /* Every length 0..300 at every alignment 0..15: all head/tail cases. */
    for (size_t align = 0; align < 16; align++)
        for (size_t len = 0; len <= 300; len++)
            assert_int_equal(crc32c_sw(0, buf + align, len), crc32c_hw(0, buf + align, len));

    /* Random odd lengths and offsets, with random starting values. */
    for (int i = 0; i < 2000; i++) {
        size_t off = (size_t)(rng() % 16);
        size_t len = (size_t)(rng() % cap) | 1u;
        uint32_t seed = (uint32_t)rng();
        assert_int_equal(crc32c_sw(seed, buf + off, len), crc32c_hw(seed, buf + off, len));
    }

    /* A single flipped bit always changes the checksum. */
    uint32_t before = crc32c(0, buf, 8192);
    buf[4000] ^= 0x10;
    assert_int_not_equal(before, crc32c(0, buf, 8192));
    free(buf);
}

/* Run the CRC-32C tests. */
int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc_vectors),
        cmocka_unit_test(test_crc_chaining),
        cmocka_unit_test(test_crc_hw_matches_sw),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
