/*
 * log_int.h: what the files of src/log share and nobody else sees: the
 * log_t structure, the byte-order helpers of the on-disk formats, the
 * segment iterator and the internal entry points between log_*.c.
 */
#ifndef JETDB_LOG_LOG_INT_H
#define JETDB_LOG_LOG_INT_H

#include <pthread.h>
#include <string.h>

#include "log/log.h"
#include "os/os.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "jetdb's log record header is stored in host order: little-endian hosts only"
#endif

_Static_assert(sizeof(log_rec_hdr) == LOG_REC_HDR_SIZE, "record header size");
_Static_assert(sizeof(JET_SIGNATURE) == 28, "JET_SIGNATURE is 28 bytes");
_Static_assert(sizeof(JET_LOGTIME) == 8, "JET_LOGTIME is 8 bytes");

/* On-disk constants (docs/formats-log.md). */
#define LOG_FILE_MAGIC 0x474F4C4Au      /* "JLOG" read as little-endian bytes */
#define LOG_SEG_MAGIC 0x4745534Au       /* "JSEG" */
#define LOG_CKPT_MAGIC 0x504B434Au      /* "JCKP" */
#define LOG_FORMAT_MAJOR 2u      /* 2: flush numbers and FEND in data segments */
#define LOG_FORMAT_MINOR 0u
#define LOG_CKPT_VERSION 1u

/* Segment header flags. */
#define LOG_SEGF_CONT 0x1u      /* payload starts with the rest of the previous segment's record */
#define LOG_SEGF_LAST 0x2u      /* last data segment of this generation */
#define LOG_SEGF_FEND 0x4u      /* last segment written by its flush */
#define LOG_SEGF_KNOWN (LOG_SEGF_CONT | LOG_SEGF_LAST | LOG_SEGF_FEND)

/* Number of reserved logs kept ready for a full disk. */
#define LOG_NRESERVE 2u
/* Generations circular logging keeps below the checkpoint's (ESE's K). */
#define LOG_CIRCULAR_KEEP 2u

/* ---- little-endian helpers (the one place bytes are converted) ---------- */

static inline void log_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void log_put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static inline void log_put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}
static inline uint16_t log_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}
static inline uint32_t log_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}
static inline uint64_t log_get64(const uint8_t *p)
{
    return (uint64_t)log_get32(p) | ((uint64_t)log_get32(p + 4) << 32);
}

/* ---- the log ------------------------------------------------------------ */

/*
 * struct log --
 *     One open log stream.
 *
 * Locks, in the order they may be taken: the I/O token (io_busy, a flag
 * under mu, held across the unlocked I/O of one flush or roll), arch_mu
 * (Btmp preparation, circular reuse/deletion, log_delete_below), ckpt_mu
 * (the checkpoint file and the checkpoint fields), then mu (a leaf: held only
 * for short state changes and condition waits, never across I/O).
 *
 * The log buffer is a ring of `nring` segment images that mirror the file:
 * segment s of the current generation lives in slot s % nring.  Slots
 * [flush_seg, cur_seg] hold data not yet durable; appenders write only into
 * cur_seg and later ones, the flush leader reads only sealed segments below
 * cur_seg, so the two never touch the same bytes.
 */
struct log {
    /* configuration, fixed at open */
    char *log_path;
    char *system_path;
    char base[8];
    unsigned legacy;
    uint64_t file_size;
    uint32_t nseg;
    uint32_t page_size;
    bool circular;
    const ev_source *ev;
    char *cur_path;             /* B.log */
    char *tmp_path;             /* Btmp.log */
    char *chk_path;             /* B.chk */
    JET_SIGNATURE sign;
    uint32_t open_id;           /* stamped in every segment written by this open */

    pthread_mutex_t mu;
    pthread_cond_t cv;          /* any change of io_busy, rolling, flushed_lsn, fatal */

    /* the current generation (mu) */
    uint32_t gen;
    os_file *file;
    JET_LOGTIME tm_create;
    bool gen_closed;            /* its end mark is written: appends need a roll */

    /* the buffer (mu) */
    uint8_t *ring;
    uint32_t nring;
    uint16_t *slot_used;        /* payload bytes of each slot */
    uint16_t *slot_flags;       /* LOG_SEGF_CONT of each slot */
    uint32_t cur_seg;           /* segment receiving records; nseg when the file is full */
    uint32_t cur_off;           /* payload bytes used in cur_seg */
    uint32_t flush_seg;         /* first segment not yet written */
    log_lsn end_lsn;            /* just past the last appended record */
    log_lsn flushed_lsn;        /* everything before it is durable */
    uint32_t prev_crc;          /* checksum of the last durable segment (or the header) */
    uint32_t accum;             /* accumulated checksum of the durable segments */
    uint32_t fseq;              /* flush number the next flush stamps (per generation, from 1) */

    bool io_busy;               /* a thread is flushing or rolling (the I/O token) */
    bool rolling;               /* a roll is in progress: appenders wait */
    JET_ERR fatal;              /* a log write failed: the log accepts nothing more */
    bool disk_full;             /* a reserved log is in use: only records that finish or
                                   undo work may be appended (log_append_finish) */
    int pause;                  /* log_pause_deletion count */
    log_stats stats;

    pthread_mutex_t arch_mu;

    /* checkpoint (ckpt_mu) */
    pthread_mutex_t ckpt_mu;
    log_checkpoint ckpt;        /* last written or read; lsn = latest set */
    log_lsn ckpt_durable;       /* lsn of the checkpoint in the file (0: none) */
    uint64_t ckpt_seq;          /* write counter stored in the file */
};

/* ---- log_name.c ---------------------------------------------------------- */

/* malloc'd folder/name for a name built by one of the log_name_* functions. */
JET_ERR log_path_of(const char *folder, const char *name, char **out);
/* Path of the archived file of gen in the log's folder, malloc'd. */
JET_ERR log_archived_path(const log_t *log, uint32_t gen, char **out);

/* ---- log_file.c ---------------------------------------------------------- */

/* Encode a header into a 4096-byte segment image; hdr->crc receives its crc. */
void log_hdr_encode(log_file_hdr *hdr, uint8_t *seg);
/* Decode and check a header image (magic, version, crc). */
JET_ERR log_hdr_decode(const uint8_t *seg, log_file_hdr *hdr);
/* Read the header of an open file; checks that the file size matches it. */
JET_ERR log_hdr_read_file(os_file *f, log_file_hdr *hdr);
/* Stamp a data segment image's header (fseq: the number of the flush that
 * writes it) and return its crc. */
uint32_t log_seg_seal(uint8_t *seg, uint32_t gen, uint32_t index, uint32_t prev_crc,
                      uint16_t used, uint16_t flags, uint32_t open_id, uint32_t fseq);
/* Fold one segment checksum into an accumulated checksum. */
uint32_t log_accum_add(uint32_t accum, uint32_t seg_crc);
/* Create (or reuse) path as a zero-filled file of size bytes, durable. */
JET_ERR log_file_create(const char *path, uint64_t size);
/* Walk every segment and record of an open file; fill info, and *last_crc
 * (may be NULL) with the checksum of the last valid segment (or header). */
JET_ERR log_scan_file(os_file *f, bool is_current, log_file_info *info, uint32_t *last_crc);

/*
 * log_seg_iter --
 *     Walks the data segments of one log file in order, checking each one
 *     (checksum, generation, index, chain to the previous segment).  It
 *     stops at the end-of-generation mark, at the file's last segment, or
 *     at the first bad segment.  In an archived file a bad segment is
 *     JET_errLogReadVerifyFailure.  In the current file it is the torn tail
 *     (the end) when it belongs to the last flush, i.e. no segment of this
 *     generation further on was written by a later flush; otherwise the
 *     bad segment had been made durable before that later flush started:
 *     damage, JET_errLogFileCorrupt.
 */
typedef struct log_seg_iter {
    os_file *f;
    log_file_hdr hdr;
    bool is_current;
    uint32_t next;              /* next segment index to return */
    uint32_t prev_crc;
    uint32_t accum;
    uint32_t last_fseq;         /* flush number of the last valid segment (0: none) */
    bool last_fend;             /* the last valid segment ended its flush */
    bool done;
    bool closed;                /* stopped at the mark or the file's end */
    bool torn;                  /* stopped at a bad segment (current file) */
    uint8_t *chunk;             /* read-ahead buffer of several segments */
    uint32_t chunk_first;       /* segment index of chunk[0] */
    uint32_t chunk_count;
} log_seg_iter;

/* Start iterating the open file f (its header is read and checked). */
JET_ERR log_seg_iter_init(log_seg_iter *it, os_file *f, bool is_current);
/* Next verified segment: *seg points at its 4096 bytes, or NULL at the end. */
JET_ERR log_seg_iter_next(log_seg_iter *it, const uint8_t **seg);
/* Release the iterator's buffer (not the file). */
void log_seg_iter_free(log_seg_iter *it);

/*
 * log_rec_parser --
 *     Reassembles records from segment payloads (records may span
 *     segments).  A partial record followed by a segment without the CONT
 *     flag was torn before it was acknowledged and is dropped.
 */
typedef struct log_rec_parser {
    uint8_t *buf;               /* LOG_REC_MAX bytes */
    uint32_t have;              /* bytes of the pending record */
    log_lsn pend_lsn;           /* LSN of the pending record */
    const uint8_t *seg;         /* segment being parsed */
    uint32_t seg_index;
    uint32_t gen;
    uint32_t pos;               /* payload offset of the next byte */
    uint32_t used;
} log_rec_parser;

/* Allocate a parser. */
JET_ERR log_parser_init(log_rec_parser *p);
/* Free a parser's buffer. */
void log_parser_free(log_rec_parser *p);
/* Feed the next segment of generation gen. */
JET_ERR log_parser_feed(log_rec_parser *p, const uint8_t *seg, uint32_t gen, uint32_t index);
/* Next complete record of the fed segment(s): *rec NULL when the segment is exhausted. */
JET_ERR log_parser_next(log_rec_parser *p, const uint8_t **rec, uint32_t *len, log_lsn *lsn);

/* ---- log_ckpt.c ---------------------------------------------------------- */

/* Write cp (signature, sequence number filled here) to the checkpoint file;
 * ckpt_mu held. */
JET_ERR log_ckpt_store(log_t *log, const log_checkpoint *cp);
/* log_checkpoint_read that also returns the copy's sequence number. */
JET_ERR log_checkpoint_read_seq(const char *system_path, const char *base, unsigned legacy,
                                log_checkpoint *out, uint64_t *seq_out);

/* ---- log_write.c --------------------------------------------------------- */

/* log_append with control over the disk-full refusal (allow_full: a record
 * that finishes or undoes work, log_append_finish and the TERM at close). */
JET_ERR log_append_int(log_t *log, const void *rec, size_t len, log_lsn *lsn, bool allow_full);
/* With mu held and the I/O token taken: write the sealed segments (and the
 * end mark when close_gen), fdatasync, publish.  Drops mu during the I/O;
 * the caller gives the token back. */
JET_ERR log_write_locked(log_t *log, bool close_gen);
/* Map a failed log write to what later callers are told. */
JET_ERR log_fatal_code(JET_ERR err);
/* Emit one logging/recovery event with up to two insertion strings. */
void log_event(const log_t *log, uint32_t id, uint32_t type, const char *s1, const char *s2);

/* ---- log_roll.c ---------------------------------------------------------- */

/* With mu held and no I/O token: roll to the next generation (takes the
 * token itself, drops mu during the I/O). */
JET_ERR log_roll_locked(log_t *log);
/* Make sure Btmp exists at full size (circular reuse, creation, reserved
 * log on a full disk); arch_mu held.  *reserve tells a reserved log was used. */
JET_ERR log_prepare_tmp(log_t *log, bool allow_reserve, bool *reserve);
/* After a roll: circular reuse/deletion and pre-creation of Btmp (takes arch_mu). */
void log_after_roll(log_t *log);
/* Create the reserved logs that are missing. */
JET_ERR log_make_reserves(log_t *log);

/* Event ids (jetmsg.mc). */
#define LOG_EV_LOG_WRITE_ERROR 408      /* %4 log file, %5 error */
#define LOG_EV_NEW_LOG_ERROR 413        /* %4 error */
#define LOG_EV_LOG_DISK_FULL 429
#define LOG_EV_LOG_FILE_CORRUPTED 440   /* %4 log file, %5 error */

#endif
