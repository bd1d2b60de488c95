/*
 * log_tu.h: helpers shared by the tests of src/log: a configuration for a
 * temporary folder, self-checking records (their bytes derive from a
 * sequence number, so any record read back can be verified alone), and
 * reading a whole stream back.
 */
#ifndef JETDB_TESTS_LOG_TU_H
#define JETDB_TESTS_LOG_TU_H

#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "jetdb.h"
#include "log/log.h"
#include "log/log_int.h"
#include "util/err.h"
#include "util/logtime.h"
#include "os/os.h"

/* A test stream: log and system folders inside one temporary folder. */
typedef struct tl_env {
    char *dir;
    char *logdir;
    char *sysdir;
    log_config cfg;
} tl_env;

/* Create the folders and a default configuration (64 KiB files). */
static inline void tl_env_init(tl_env *e, const char *tag)
{
    memset(e, 0, sizeof *e);
    e->dir = tu_mkdtemp(tag);
    e->logdir = tu_path(e->dir, "logs");
    e->sysdir = tu_path(e->dir, "sys");
    assert_int_equal(mkdir(e->logdir, 0755), 0);
    assert_int_equal(mkdir(e->sysdir, 0755), 0);
    e->cfg.log_path = e->logdir;
    e->cfg.system_path = e->sysdir;
    e->cfg.base = "edb";
    e->cfg.legacy_names = LOG_LEGACY_ESE98 | LOG_LEGACY_8DOT3;
    e->cfg.file_size_bytes = 64 * 1024;
    e->cfg.page_size = 8192;
    e->cfg.log_buffer_bytes = 64 * 1024;
    e->cfg.circular = false;
}

/* Remove the folders. */
static inline void tl_env_free(tl_env *e)
{
    tu_rmtree(e->dir);
    free(e->dir);
    free(e->logdir);
    free(e->sysdir);
}

/* Path of a file in the log folder (malloc'd). */
static inline char *tl_log_file(tl_env *e, const char *name)
{
    return tu_path(e->logdir, name);
}

/* Path of archived generation gen (malloc'd). */
static inline char *tl_arch(tl_env *e, uint32_t gen)
{
    char name[LOG_NAME_MAX];
    assert_jet_ok(log_name_archived("edb", e->cfg.legacy_names, gen, name, sizeof name));
    return tl_log_file(e, name);
}

/* Pattern byte i of record seq. */
static inline uint8_t tl_byte(uint64_t seq, size_t i)
{
    uint64_t x = seq * 0x9E3779B97F4A7C15ull + i * 0x100000001B3ull;
    return (uint8_t)(x >> 29);
}

/* Build record seq of len bytes (type PAGE, txid = seq) into buf. */
static inline void tl_make(uint8_t *buf, uint64_t seq, size_t len)
{
    log_rec_hdr h;
    log_rec_init(&h, LOG_REC_PAGE, (uint32_t)len, 1, seq);
    memcpy(buf, &h, sizeof h);
    for (size_t i = sizeof h; i < len; i++)
        buf[i] = tl_byte(seq, i);
}

/* true when rec is an intact record built by tl_make; *seq gets its number. */
static inline int tl_check(const void *rec, size_t len, uint64_t *seq)
{
    log_rec_hdr h;
    if (len < sizeof h)
        return 0;
    memcpy(&h, rec, sizeof h);
    if (h.len != len || h.type != LOG_REC_PAGE)
        return 0;
    const uint8_t *b = rec;
    for (size_t i = sizeof h; i < len; i++)
        if (b[i] != tl_byte(h.txid, i))
            return 0;
    *seq = h.txid;
    return 1;
}

/* Append record seq of len bytes. */
static inline JET_ERR tl_append(log_t *log, uint64_t seq, size_t len, log_lsn *lsn)
{
    static __thread uint8_t buf[LOG_REC_MAX];
    tl_make(buf, seq, len);
    return log_append(log, buf, len, lsn);
}

/* A record size for seq: mostly small, sometimes spanning segments. */
static inline size_t tl_size(uint64_t seq)
{
    uint64_t r = (seq * 2654435761u) % 1000;
    if (r < 700)
        return LOG_REC_HDR_SIZE + (size_t)(r % 200);
    if (r < 950)
        return LOG_REC_HDR_SIZE + 200 + (size_t)(r * 7 % 3000);
    return LOG_REC_HDR_SIZE + 4000 + (size_t)(r * 13 % 9000);
}

/* What a read of the whole stream found. */
typedef struct tl_read {
    uint64_t n;             /* records of tl_make, in order */
    uint64_t *seqs;
    log_lsn *lsns;
    uint64_t other;         /* records of other types (TERM, ...) */
    uint8_t last_type;
    JET_ERR err;            /* what the reader ended with */
} tl_read;

/* Read the stream in logdir from start; all records must be intact. */
static inline void tl_read_all(const char *logdir, unsigned legacy, log_lsn start, tl_read *out)
{
    log_reader *r = NULL;
    memset(out, 0, sizeof *out);
    size_t cap = 1024;
    out->seqs = malloc(cap * sizeof *out->seqs);
    out->lsns = malloc(cap * sizeof *out->lsns);
    out->err = log_reader_open(logdir, "edb", legacy, start, &r);
    if (out->err < 0)
        return;
    log_lsn prev = 0;
    for (;;) {
        const void *rec;
        size_t len;
        log_lsn lsn;
        out->err = log_reader_next(r, &rec, &len, &lsn);
        if (out->err < 0 || rec == NULL)
            break;
        assert_true(lsn > prev);
        prev = lsn;
        const log_rec_hdr *h = rec;
        out->last_type = h->type;
        if (h->type != LOG_REC_PAGE) {
            out->other++;
            continue;
        }
        uint64_t seq = 0;
        assert_true(tl_check(rec, len, &seq));
        if (out->n == cap) {
            cap *= 2;
            out->seqs = realloc(out->seqs, cap * sizeof *out->seqs);
            out->lsns = realloc(out->lsns, cap * sizeof *out->lsns);
        }
        out->seqs[out->n] = seq;
        out->lsns[out->n] = lsn;
        out->n++;
    }
    log_reader_close(r);
}

/* Free what tl_read_all allocated. */
static inline void tl_read_free(tl_read *rd)
{
    free(rd->seqs);
    free(rd->lsns);
}

/* Copy a file byte for byte (plain libc: this is the test's "disk"). */
static inline void tl_copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    assert_non_null(in);
    FILE *out = fopen(to, "wb");
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
}

/* Copy a file that another thread is appending to, one 4 KiB segment at a
 * time from its end to its start, so that the copy is an image a crash
 * could have left: a segment read holding a flush's data means every
 * earlier flush was complete, and those segments (at lower offsets, read
 * later) are never written again.  A copy from start to end can pick up a
 * segment of a later flush after one that was not yet written when it was
 * read: that is what damage in the middle of the log looks like, and
 * log_open rightly refuses it. */
static inline void tl_copy_live_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY);
    assert_true(in >= 0);
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(out >= 0);
    struct stat stb;
    assert_int_equal(fstat(in, &stb), 0);
    assert_int_equal(stb.st_size % LOG_SEG_SIZE, 0);
    uint8_t buf[LOG_SEG_SIZE];
    for (off_t off = stb.st_size - (off_t)LOG_SEG_SIZE; off >= 0; off -= (off_t)LOG_SEG_SIZE) {
        assert_int_equal(pread(in, buf, sizeof buf, off), (ssize_t)sizeof buf);
        assert_int_equal(pwrite(out, buf, sizeof buf, off), (ssize_t)sizeof buf);
    }
    close(in);
    close(out);
}

/* Overwrite len bytes at off of a file with value v. */
static inline void tl_poke(const char *path, uint64_t off, size_t len, uint8_t v)
{
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    uint8_t buf[4096];
    memset(buf, v, sizeof buf);
    while (len > 0) {
        size_t n = len < sizeof buf ? len : sizeof buf;
        assert_int_equal(pwrite(fd, buf, n, (off_t)off), (ssize_t)n);
        off += n;
        len -= n;
    }
    close(fd);
}

/* XOR one byte of a file. */
static inline void tl_flip(const char *path, uint64_t off)
{
    int fd = open(path, O_RDWR);
    assert_true(fd >= 0);
    uint8_t b;
    assert_int_equal(pread(fd, &b, 1, (off_t)off), 1);
    b ^= 0x5A;
    assert_int_equal(pwrite(fd, &b, 1, (off_t)off), 1);
    close(fd);
}

#endif
