/*
 * bench.h: the storage-core benchmark — what each engine provides and the
 * helpers the drivers share.
 *
 * Rows: a 16-byte key and a 100-byte value (BENCH_KLEN / BENCH_VLEN).
 *  - bulk/read rows:   key "k" + 15 decimal digits of the row number (so
 *                      memcmp order = numeric order), value = 100 bytes of
 *                      splitmix64 output seeded by the row number
 *                      (incompressible, checkable);
 *  - durable commits:  key "d" + run (2 digits) + thread (2 digits) + 11
 *                      digits of the thread's counter, same kind of value.
 * Both engines get byte-identical keys and values.
 */
#ifndef JETDB_BENCH_H
#define JETDB_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BENCH_KLEN 16u
#define BENCH_VLEN 100u
#define BENCH_ROW_BYTES (BENCH_KLEN + BENCH_VLEN)

/* One engine under test.  Every function returns 0 on success and prints
 * a precise message (engine, operation, error) before returning -1. */
typedef struct bench_engine {
    const char *name;
    /* Create a fresh store in dir (an empty folder) with a page cache of
     * cache_bytes. */
    int (*open)(const char *dir, uint64_t cache_bytes);
    /* Close cleanly (jetdb: JetTerm, every page written). */
    int (*close)(void);
    /* Per-thread context (SQLite: a connection; jetdb: tree handles). */
    int (*thread_open)(void **ctx);
    void (*thread_close)(void *ctx);
    /* One durable transaction inserting one row into the "durable" table. */
    int (*commit_one)(void *ctx, const uint8_t *key, const uint8_t *val);
    /* Bulk load into the "kv" table: begin, put..., commit (durable=false:
     * lazy; durable=true: the commit and everything before it reach disk). */
    int (*bulk_begin)(void *ctx, bool durable);   /* durable: as the commit will be */
    int (*bulk_put)(void *ctx, const uint8_t *key, const uint8_t *val);
    int (*bulk_commit)(void *ctx, bool durable);
    /* Read every row of "kv" in key order (cache warm-up); *rows = count. */
    int (*scan)(void *ctx, uint64_t *rows);
    /* Point read of "kv": copies the value into val (BENCH_VLEN bytes),
     * *vlen = its length; 1 = not found. */
    int (*get)(void *ctx, const uint8_t *key, uint8_t *val, size_t *vlen);
} bench_engine;

extern const bench_engine bench_jet;
/* jetdb parameters the benchmark may change (0 = jetdb's default). */
extern unsigned long bench_jet_log_buffers;   /* JET_paramLogBuffers (512-byte units) */
extern unsigned long bench_jet_log_file_kib;  /* JET_paramLogFileSize (KiB) */
extern const bench_engine bench_sqlite;

/* The open jetdb instance's internals, for bench_backup.c (valid between
 * bench_jet.open and bench_jet.close): the JET_INSTANCE, the log, the "kv"
 * and "durable" trees, the database path. */
struct log;
struct bt_tree;
typedef struct bench_jet_handles {
    uintptr_t inst;
    struct log *log;
    struct bt_tree *kv, *dur;
    const char *dbpath;
} bench_jet_handles;
void bench_jet_get_handles(bench_jet_handles *h);

/* jetdb-only counters for the report (log and cache statistics). */
typedef struct bench_jet_stats {
    uint64_t log_flushes, log_flush_waits, log_bytes, log_appends, log_rolls;
    uint64_t cache_hits, cache_misses, cache_reads, cache_writes, cache_evictions;
    uint64_t cache_resident, cache_bytes, cache_budget_bytes;
} bench_jet_stats;
void bench_jet_get_stats(bench_jet_stats *st);

/* ---- helpers (bench_util.c) ---------------------------------------------- */

double bench_now(void);                       /* monotonic seconds */
uint64_t bench_splitmix(uint64_t *state);
void bench_key(uint64_t row, uint8_t key[BENCH_KLEN]);
void bench_dur_key(unsigned run, unsigned thread, uint64_t n, uint8_t key[BENCH_KLEN]);
void bench_value(uint64_t seed, uint8_t val[BENCH_VLEN]);
/* VmRSS / VmHWM of this process from /proc/self/status, in KiB (0 if unknown). */
uint64_t bench_vm_kib(const char *field);
/* Free-form fatal error: print and exit(1). */
void bench_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
