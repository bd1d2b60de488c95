/*
 * crc32c.c: CRC-32C with the SSE4.2 crc32 instruction and a portable
 * slicing-by-8 table fallback (see crc32c.h for the exact definition).
 */
#include "util/crc32c.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

/* Reflected Castagnoli polynomial. */
#define CRC32C_POLY 0x82F63B78u

/* crc_table[k][b]: the CRC contribution of byte b followed by k zero bytes,
 * which lets the table path fold 8 input bytes per step. */
static uint32_t crc_table[8][256];
static pthread_once_t crc_table_once = PTHREAD_ONCE_INIT;

/*
 * crc_table_init --
 *     Build the slicing-by-8 tables (run once).
 */
static void crc_table_init(void)
{
    for (uint32_t b = 0; b < 256; b++) {
        uint32_t c = b;
        for (int i = 0; i < 8; i++)
            c = (c >> 1) ^ (CRC32C_POLY & (0u - (c & 1u)));
        crc_table[0][b] = c;
    }
    for (int k = 1; k < 8; k++)
        for (uint32_t b = 0; b < 256; b++) {
            uint32_t prev = crc_table[k - 1][b];
            crc_table[k][b] = (prev >> 8) ^ crc_table[0][prev & 0xffu];
        }
}

/*
 * crc_sw_raw --
 *     Table CRC on the raw (un-inverted) register.
 */
static uint32_t crc_sw_raw(uint32_t crc, const unsigned char *p, size_t len)
{
    /* Bytes are assembled explicitly (not loaded as words), so the result is
     * the same on big-endian machines. */
    while (len >= 8) {
        uint32_t lo = crc ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 |
                             (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
        uint32_t hi = (uint32_t)p[4] | (uint32_t)p[5] << 8 |
                      (uint32_t)p[6] << 16 | (uint32_t)p[7] << 24;
        crc = crc_table[7][lo & 0xffu] ^ crc_table[6][(lo >> 8) & 0xffu] ^
              crc_table[5][(lo >> 16) & 0xffu] ^ crc_table[4][lo >> 24] ^
              crc_table[3][hi & 0xffu] ^ crc_table[2][(hi >> 8) & 0xffu] ^
              crc_table[1][(hi >> 16) & 0xffu] ^ crc_table[0][hi >> 24];
        p += 8;
        len -= 8;
    }
    while (len--)
        crc = (crc >> 8) ^ crc_table[0][(crc ^ *p++) & 0xffu];
    return crc;
}

/*
 * crc32c_sw --
 *     The table implementation.
 */
uint32_t crc32c_sw(uint32_t crc, const void *buf, size_t len)
{
    pthread_once(&crc_table_once, crc_table_init);
    return ~crc_sw_raw(~crc, buf, len);
}

#if defined(__x86_64__)

/*
 * crc_hw_raw --
 *     SSE4.2 CRC on the raw register: 8 bytes per instruction once aligned.
 */
__attribute__((target("sse4.2")))
static uint32_t crc_hw_raw(uint32_t crc, const unsigned char *p, size_t len)
{
    /* Unaligned 8-byte loads are legal on x86 but cross cache lines; a few
     * single-byte steps first keep the main loop on aligned words. */
    while (len > 0 && ((uintptr_t)p & 7u) != 0) {
        crc = __builtin_ia32_crc32qi(crc, *p++);
        len--;
    }
    uint64_t c = crc;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, sizeof w);
        c = __builtin_ia32_crc32di(c, w);
        p += 8;
        len -= 8;
    }
    crc = (uint32_t)c;
    while (len--)
        crc = __builtin_ia32_crc32qi(crc, *p++);
    return crc;
}

/* 0 = not probed yet, 1 = instruction present, 2 = absent. */
static atomic_int crc_hw_state;

/*
 * crc32c_hw_available --
 *     true when crc32c_hw really uses the CPU instruction.
 */
bool crc32c_hw_available(void)
{
    int s = atomic_load_explicit(&crc_hw_state, memory_order_relaxed);
    if (s == 0) {
        /* Needed when called before libgcc's own constructor has run. */
        __builtin_cpu_init();
        s = __builtin_cpu_supports("sse4.2") ? 1 : 2;
        atomic_store_explicit(&crc_hw_state, s, memory_order_relaxed);
    }
    return s == 1;
}

/*
 * crc32c_hw --
 *     The hardware implementation (table fallback when unavailable).
 */
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
    if (!crc32c_hw_available())
        return crc32c_sw(crc, buf, len);
    return ~crc_hw_raw(~crc, buf, len);
}

#else /* no hardware path on this architecture yet */

/*
 * crc32c_hw_available --
 *     No CRC instruction is used on this architecture.
 */
bool crc32c_hw_available(void)
{
    return false;
}

/*
 * crc32c_hw --
 *     The table implementation under the hardware name.
 */
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len)
{
    return crc32c_sw(crc, buf, len);
}

#endif

/*
 * crc32c --
 *     CRC-32C of len bytes at buf, continuing from crc (0 to start).
 */
uint32_t crc32c(uint32_t crc, const void *buf, size_t len)
{
    return crc32c_hw(crc, buf, len);
}
