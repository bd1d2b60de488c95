/*
 * log_file.c: one log file: its header (segment 0), the stamping and
 * checking of data segments, walking a file's segments (log_seg_iter),
 * reassembling records from segment payloads (log_rec_parser), creating
 * zero-filled full-size files, and verifying a whole file.
 *
 * Both the writer (log_write.c) and every reader (log_open.c, log_read.c,
 * backup, jetutil) rely on the same checks here, so "valid segment" means
 * one thing everywhere: right magic, checksum, generation, index, and a
 * prev_crc equal to the checksum of the segment before it.  The chain is
 * what makes a resumed tail safe: after a crash the writer continues at the
 * first bad segment, and an older, intact-looking segment further on can
 * never be mistaken for a continuation of the new data.
 *
 * Every segment also carries the number of the flush that wrote it (from 1
 * in each generation) and the last segment of each flush is flagged FEND.
 * That is what tells a torn tail from damage in B.log: a crash can only
 * tear the segments of the last flush (a flush starts after the previous
 * one's fdatasync returned), so a bad segment followed by an intact segment
 * of a later flush had been durable and was damaged since.
 */
#include "log/log_int.h"
#include "util/crc32c.h"
#include "util/err.h"

#include <stdlib.h>

/* Segments read per pread while walking a file. */
#define LOG_READ_AHEAD 64u

/*
 * log_hdr_encode --
 *     Encode a header into a 4096-byte image.
 */
void log_hdr_encode(log_file_hdr *hdr, uint8_t *seg)
{
    memset(seg, 0, LOG_SEG_SIZE);
    log_put32(seg + 4, LOG_FILE_MAGIC);
    log_put16(seg + 8, hdr->version_major);
    log_put16(seg + 10, hdr->version_minor);
    log_put32(seg + 12, hdr->gen);
    log_put32(seg + 16, hdr->nseg);
    log_put32(seg + 20, LOG_SEG_SIZE);
    log_put32(seg + 24, hdr->page_size);
    log_put32(seg + 28, hdr->flags);
    memcpy(seg + 32, &hdr->tm_create, 8);
    memcpy(seg + 40, &hdr->tm_prev, 8);
    memcpy(seg + 48, &hdr->sign_log, 28);
    log_put64(seg + 80, hdr->ckpt_at_create);
    log_put32(seg + 88, hdr->prev_accum);
    hdr->crc = crc32c(0, seg + 4, LOG_SEG_SIZE - 4);
    log_put32(seg, hdr->crc);
}

/*
 * log_hdr_decode --
 *     Decode and check a header image.
 */
JET_ERR log_hdr_decode(const uint8_t *seg, log_file_hdr *hdr)
{
    memset(hdr, 0, sizeof *hdr);
    if (log_get32(seg + 4) != LOG_FILE_MAGIC)
        return JET_errLogFileCorrupt;
    uint32_t crc = crc32c(0, seg + 4, LOG_SEG_SIZE - 4);
    if (crc != log_get32(seg))
        return JET_errLogFileCorrupt;
    hdr->version_major = log_get16(seg + 8);
    hdr->version_minor = log_get16(seg + 10);
    /* A newer minor version only adds fields we may ignore; a different
     * major version changes the meaning of what we would read. */
    if (hdr->version_major != LOG_FORMAT_MAJOR)
        return JET_errBadLogVersion;
    hdr->gen = log_get32(seg + 12);
    hdr->nseg = log_get32(seg + 16);
    hdr->page_size = log_get32(seg + 24);
    hdr->flags = log_get32(seg + 28);
    memcpy(&hdr->tm_create, seg + 32, 8);
    memcpy(&hdr->tm_prev, seg + 40, 8);
    memcpy(&hdr->sign_log, seg + 48, 28);
    hdr->ckpt_at_create = log_get64(seg + 80);
    hdr->prev_accum = log_get32(seg + 88);
    hdr->crc = crc;
    if (log_get32(seg + 20) != LOG_SEG_SIZE || hdr->gen == 0 || hdr->gen > LOG_GEN_MAX ||
        hdr->nseg < LOG_FILE_SIZE_MIN / LOG_SEG_SIZE ||
        hdr->nseg > LOG_FILE_SIZE_MAX / LOG_SEG_SIZE)
        return JET_errLogFileCorrupt;
    return JET_errSuccess;
}

/*
 * log_hdr_read_file --
 *     Read and check the header of an open log file, and its size.
 */
JET_ERR log_hdr_read_file(os_file *f, log_file_hdr *hdr)
{
    uint8_t *seg = malloc(LOG_SEG_SIZE);
    JET_ERR err;
    uint64_t size;

    if (seg == NULL)
        return JET_errOutOfMemory;
    err = os_pread(f, seg, LOG_SEG_SIZE, 0);
    if (err == JET_errFileIOBeyondEOF)
        err = JET_errLogFileCorrupt;
    CHECK(err);
    CHECK(log_hdr_decode(seg, hdr));
    CHECK(os_file_size(f, &size));
    /* Log files never change size after creation: a different size means
     * a truncated or foreign file. */
    if (size != (uint64_t)hdr->nseg * LOG_SEG_SIZE)
        err = JET_errLogFileCorrupt;
done:
    free(seg);
    return err;
}

/*
 * log_read_header --
 *     Read and check the header of the log file at path.
 */
JET_ERR log_read_header(const char *path, log_file_hdr *hdr)
{
    os_file *f = NULL;
    JET_ERR err = JET_errSuccess;
    CALL(os_open(path, OS_OPEN_READ, &f));
    CHECK(log_hdr_read_file(f, hdr));
done:
    KEEP(err, os_close(f));
    return err;
}

/*
 * log_seg_seal --
 *     Stamp a data segment image's header and return its crc.
 */
uint32_t log_seg_seal(uint8_t *seg, uint32_t gen, uint32_t index, uint32_t prev_crc,
                      uint16_t used, uint16_t flags, uint32_t open_id, uint32_t fseq)
{
    log_put32(seg + 4, LOG_SEG_MAGIC);
    log_put32(seg + 8, gen);
    log_put32(seg + 12, index);
    log_put32(seg + 16, prev_crc);
    log_put16(seg + 20, used);
    log_put16(seg + 22, flags);
    log_put32(seg + 24, open_id);
    log_put32(seg + 28, fseq);
    uint32_t crc = crc32c(0, seg + 4, LOG_SEG_SIZE - 4);
    log_put32(seg, crc);
    return crc;
}

/*
 * log_seg_intact --
 *     true when seg is an intact data segment index of gen (its own
 *     checksum and fields), whatever it chains to.
 */
static bool log_seg_intact(const uint8_t *seg, uint32_t gen, uint32_t index)
{
    if (log_get32(seg + 4) != LOG_SEG_MAGIC || log_get32(seg + 8) != gen ||
        log_get32(seg + 12) != index || log_get16(seg + 20) > LOG_SEG_PAYLOAD ||
        (log_get16(seg + 22) & ~LOG_SEGF_KNOWN))
        return false;
    return crc32c(0, seg + 4, LOG_SEG_SIZE - 4) == log_get32(seg);
}

/*
 * log_seg_valid --
 *     true when seg is data segment index of gen, chained to prev_crc.
 */
static bool log_seg_valid(const uint8_t *seg, uint32_t gen, uint32_t index, uint32_t prev_crc)
{
    return log_get32(seg + 16) == prev_crc && log_seg_intact(seg, gen, index);
}

/*
 * log_accum_add --
 *     Fold one segment checksum into an accumulated checksum.
 */
uint32_t log_accum_add(uint32_t accum, uint32_t seg_crc)
{
    uint8_t b[4];
    log_put32(b, seg_crc);
    return crc32c(accum, b, sizeof b);
}

/*
 * log_file_create --
 *     Create path as a zero-filled file of size bytes (replacing any old
 *     contents), with its blocks reserved, durable.
 */
JET_ERR log_file_create(const char *path, uint64_t size)
{
    os_file *f = NULL;
    JET_ERR err = JET_errSuccess;
    char *dir = NULL;

    CALL(os_open(path, OS_OPEN_RDWR | OS_OPEN_CREATE | OS_OPEN_TRUNC, &f));
    /* Reserving the blocks now is the point of pre-creating logs: appends
     * and the roll itself must not discover a full disk. */
    CHECK(os_preallocate(f, 0, size));
    CHECK(os_fsync(f));
    CHECK(os_path_parent(path, &dir));
    CHECK(os_fsync_dir(dir));
done:
    KEEP(err, os_close(f));
    free(dir);
    return err;
}

/* ---- segment iterator ------------------------------------------------- */

/*
 * log_seg_iter_init --
 *     Start walking the data segments of the open file f.
 */
JET_ERR log_seg_iter_init(log_seg_iter *it, os_file *f, bool is_current)
{
    memset(it, 0, sizeof *it);
    it->f = f;
    it->is_current = is_current;
    CALL(log_hdr_read_file(f, &it->hdr));
    it->chunk = malloc((size_t)LOG_READ_AHEAD * LOG_SEG_SIZE);
    if (it->chunk == NULL)
        return JET_errOutOfMemory;
    it->next = 1;
    it->prev_crc = it->hdr.crc;
    return JET_errSuccess;
}

/*
 * log_seg_tail_check --
 *     Is bad, the first bad segment of the current file, the torn tail of
 *     the last flush or damage?  The flush it belongs to is known
 *     without reading it: the flush of the segment before it, or the next
 *     one when that segment ended its flush (flushes write consecutive
 *     segments).  A later flush starts only after this one's fdatasync
 *     returned, so an intact segment of this generation further on (the bad
 *     one included: its chain may be all that broke) with a higher flush
 *     number proves the bad segment had been durable: JET_errLogFileCorrupt.
 *     Segments of the same flush may persist in any order before the
 *     fdatasync, and segments left by an older crashed open carry flush
 *     numbers not above it (the writer resumes at the first bad segment
 *     with the number after the last valid one), so both are a torn tail.
 */
static JET_ERR log_seg_tail_check(log_seg_iter *it, uint32_t bad)
{
    uint32_t torn_flush = bad == 1 ? 1u : it->last_fend ? it->last_fseq + 1 : it->last_fseq;
    uint8_t *buf = malloc((size_t)LOG_READ_AHEAD * LOG_SEG_SIZE);
    JET_ERR err = JET_errSuccess;

    if (buf == NULL)
        return JET_errOutOfMemory;
    for (uint32_t idx = bad; idx < it->hdr.nseg && err >= 0;) {
        uint32_t n = it->hdr.nseg - idx;
        if (n > LOG_READ_AHEAD)
            n = LOG_READ_AHEAD;
        err = os_pread(it->f, buf, (size_t)n * LOG_SEG_SIZE, (uint64_t)idx * LOG_SEG_SIZE);
        if (err == JET_errFileIOBeyondEOF)
            err = JET_errLogFileCorrupt;
        for (uint32_t k = 0; err >= 0 && k < n; k++) {
            const uint8_t *s = buf + (size_t)k * LOG_SEG_SIZE;
            if (log_seg_intact(s, it->hdr.gen, idx + k) && log_get32(s + 28) > torn_flush)
                err = JET_errLogFileCorrupt;
        }
        idx += n;
    }
    free(buf);
    return err;
}

/*
 * log_seg_iter_next --
 *     The next verified segment, or *seg = NULL at the end of the data.
 */
JET_ERR log_seg_iter_next(log_seg_iter *it, const uint8_t **seg)
{
    *seg = NULL;
    if (it->done)
        return JET_errSuccess;
    uint32_t idx = it->next;
    if (idx >= it->hdr.nseg) {
        it->done = true;
        it->closed = true;
        return JET_errSuccess;
    }
    if (idx < it->chunk_first || idx >= it->chunk_first + it->chunk_count) {
        uint32_t n = it->hdr.nseg - idx;
        if (n > LOG_READ_AHEAD)
            n = LOG_READ_AHEAD;
        JET_ERR err = os_pread(it->f, it->chunk, (size_t)n * LOG_SEG_SIZE,
                               (uint64_t)idx * LOG_SEG_SIZE);
        if (err == JET_errFileIOBeyondEOF)
            err = JET_errLogFileCorrupt;
        CALL(err);
        it->chunk_first = idx;
        it->chunk_count = n;
    }
    const uint8_t *s = it->chunk + (size_t)(idx - it->chunk_first) * LOG_SEG_SIZE;
    if (!log_seg_valid(s, it->hdr.gen, idx, it->prev_crc)) {
        it->done = true;
        /* In the current file a bad segment of the last flush is where a
         * crash tore the tail: it held nothing acknowledged (durable data
         * is never rewritten).  A bad segment followed by a later flush,
         * and anything bad before the end mark of an archived file, is
         * damage. */
        if (it->is_current) {
            CALL(log_seg_tail_check(it, idx));
            it->torn = true;
            return JET_errSuccess;
        }
        return JET_errLogReadVerifyFailure;
    }
    uint32_t crc = log_get32(s);
    it->prev_crc = crc;
    it->accum = log_accum_add(it->accum, crc);
    it->last_fseq = log_get32(s + 28);
    it->last_fend = (log_get16(s + 22) & LOG_SEGF_FEND) != 0;
    it->next = idx + 1;
    if (log_get16(s + 22) & LOG_SEGF_LAST) {
        it->done = true;
        it->closed = true;
    }
    *seg = s;
    return JET_errSuccess;
}

/*
 * log_seg_iter_free --
 *     Release the iterator's read-ahead buffer.
 */
void log_seg_iter_free(log_seg_iter *it)
{
    free(it->chunk);
    it->chunk = NULL;
}

/* ---- record reassembly ------------------------------------------------ */

/*
 * log_parser_init --
 *     Allocate a parser.
 */
JET_ERR log_parser_init(log_rec_parser *p)
{
    memset(p, 0, sizeof *p);
    p->buf = malloc(LOG_REC_MAX);
    return p->buf ? JET_errSuccess : JET_errOutOfMemory;
}

/*
 * log_parser_free --
 *     Free a parser's buffer.
 */
void log_parser_free(log_rec_parser *p)
{
    free(p->buf);
    p->buf = NULL;
}

/*
 * log_parser_feed --
 *     Feed the next verified segment of generation gen.
 */
JET_ERR log_parser_feed(log_rec_parser *p, const uint8_t *seg, uint32_t gen, uint32_t index)
{
    uint16_t flags = log_get16(seg + 22);
    if (p->gen != gen)
        p->have = 0;
    /* A record cut short and not continued here was torn by a crash before
     * its flush completed, so nobody was told it was durable. */
    if (p->have > 0 && !(flags & LOG_SEGF_CONT))
        p->have = 0;
    if (p->have == 0 && (flags & LOG_SEGF_CONT))
        return JET_errLogFileCorrupt;
    p->seg = seg;
    p->gen = gen;
    p->seg_index = index;
    p->pos = 0;
    p->used = log_get16(seg + 20);
    return JET_errSuccess;
}

/*
 * log_parser_next --
 *     Next complete record from the fed segment, *rec = NULL when it is used up.
 */
JET_ERR log_parser_next(log_rec_parser *p, const uint8_t **rec, uint32_t *len, log_lsn *lsn)
{
    *rec = NULL;
    while (p->seg != NULL && p->pos < p->used) {
        const uint8_t *src = p->seg + LOG_SEG_HDR_SIZE + p->pos;
        uint32_t avail = p->used - p->pos;
        if (p->have == 0)
            p->pend_lsn = log_lsn_make(p->gen, p->seg_index * LOG_SEG_SIZE +
                                                   LOG_SEG_HDR_SIZE + p->pos);
        uint32_t want;
        if (p->have < 4) {
            want = 4 - p->have;
        } else {
            uint32_t rlen = log_get32(p->buf);
            if (rlen < LOG_REC_HDR_SIZE || rlen > LOG_REC_MAX)
                return JET_errLogFileCorrupt;
            want = rlen - p->have;
        }
        uint32_t take = want < avail ? want : avail;
        memcpy(p->buf + p->have, src, take);
        p->have += take;
        p->pos += take;
        if (p->have >= LOG_REC_HDR_SIZE && p->have == log_get32(p->buf)) {
            *rec = p->buf;
            *len = p->have;
            *lsn = p->pend_lsn;
            p->have = 0;
            return JET_errSuccess;
        }
    }
    return JET_errSuccess;
}

/* ---- whole-file verification ------------------------------------------- */

/*
 * log_scan_file --
 *     Walk every segment and record of an open file; fill info, and
 *     *last_crc (may be NULL) with the checksum of the last valid segment.
 */
JET_ERR log_scan_file(os_file *f, bool is_current, log_file_info *info, uint32_t *last_crc)
{
    log_seg_iter it;
    log_rec_parser p;
    JET_ERR err;
    const uint8_t *seg;

    memset(info, 0, sizeof *info);
    memset(&p, 0, sizeof p);
    CHECK(log_seg_iter_init(&it, f, is_current));
    info->hdr = it.hdr;
    info->end = log_lsn_make(it.hdr.gen, LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);
    CHECK(log_parser_init(&p));
    for (;;) {
        CHECK(log_seg_iter_next(&it, &seg));
        if (seg == NULL)
            break;
        CHECK(log_parser_feed(&p, seg, it.hdr.gen, it.next - 1));
        for (;;) {
            const uint8_t *rec;
            uint32_t len;
            log_lsn lsn;
            CHECK(log_parser_next(&p, &rec, &len, &lsn));
            if (rec == NULL)
                break;
            if (info->records == 0)
                info->first = lsn;
            info->records++;
            info->last = lsn;
            info->last_type = rec[4];
            info->end = log_lsn_make(it.hdr.gen,
                                     p.seg_index * LOG_SEG_SIZE + LOG_SEG_HDR_SIZE + p.pos);
        }
    }
    /* Records never span generations: a record still open at the end of a
     * closed file is damage; at the torn end of the current file it is the
     * unacknowledged part of the last flush. */
    if (p.have > 0) {
        if (!is_current)
            CHECK(JET_errLogFileCorrupt);
        info->torn_tail = true;
    }
    info->segs_valid = it.next - 1;
    info->accum = it.accum;
    info->last_fseq = it.last_fseq;
    info->closed = it.closed;
    info->torn_tail = info->torn_tail || it.torn;
    if (last_crc)
        *last_crc = it.prev_crc;
    err = JET_errSuccess;
done:
    log_parser_free(&p);
    log_seg_iter_free(&it);
    return err;
}

/*
 * log_verify_file --
 *     Verify a log file's header, data segments and record framing.
 */
JET_ERR log_verify_file(const char *path, bool is_current, log_file_info *info)
{
    os_file *f = NULL;
    JET_ERR err = JET_errSuccess;
    CALL(os_open(path, OS_OPEN_READ, &f));
    CHECK(log_scan_file(f, is_current, info, NULL));
done:
    KEEP(err, os_close(f));
    return err;
}
