/*
 * crc32c.h: CRC-32C (Castagnoli), the checksum of jetdb's pages and log
 * segments.
 *
 * Standard CRC-32C (iSCSI, ext4, Btrfs): reflected polynomial 0x82F63B78,
 * initial value and final xor 0xFFFFFFFF, so crc32c(0, "123456789", 9) is
 * 0xE3069283.  Calls chain: crc32c(crc32c(0, a, n), b, m) equals the CRC
 * of a followed by b.  The SSE4.2 instruction is used when the CPU has it
 * (chosen once at run time); otherwise a slicing-by-8 table.  Both give
 * identical results, so files move freely between machines.
 */
#ifndef JETDB_UTIL_CRC32C_H
#define JETDB_UTIL_CRC32C_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* CRC-32C of len bytes at buf, continuing from crc (0 to start). */
uint32_t crc32c(uint32_t crc, const void *buf, size_t len);

/* The table implementation (always available; for tests and odd CPUs). */
uint32_t crc32c_sw(uint32_t crc, const void *buf, size_t len);
/* The hardware implementation; falls back to the table when unavailable. */
uint32_t crc32c_hw(uint32_t crc, const void *buf, size_t len);
/* true when crc32c_hw really uses the CPU instruction. */
bool crc32c_hw_available(void);

#endif
