/*
 * log.h: the write-ahead log of jetdb (log records, log buffer, group
 * commit, log files and generations, log roll, reserved logs, checkpoint
 * file, circular logging, reader and verifier).
 *
 * The log is a stream of opaque records.  Every record starts with a
 * log_rec_hdr; the layers above define the payload.  A record's position is
 * its LSN: (generation << 32) | byte offset of its first byte inside that
 * generation's file, which converts one-to-one to ESE's JET_LGPOS.
 *
 * File names, roll order, reserved logs and circular logging follow ESE
 * (see docs/formats-log.md and src/log/README.md); the bytes are ours.
 *
 * Threading: one log_t serves many threads.  log_append, log_flush,
 * log_roll, log_checkpoint_write, log_set_checkpoint, log_pause_deletion,
 * log_resume_deletion, log_delete_below and the accessors may be called
 * concurrently.  log_open and log_close may not overlap any other call on
 * the same log.  Readers (log_reader) are independent objects used by one
 * thread at a time.
 */
#ifndef JETDB_LOG_LOG_H
#define JETDB_LOG_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"
#include "event/event.h"

/* ---- positions ---------------------------------------------------------- */

/* A log position: (generation << 32) | byte offset in that generation's
 * file.  0 means "no position". */
typedef uint64_t log_lsn;

/* Size of a log segment (ESE's v8 "sector"); also the JET_LGPOS isec unit. */
#define LOG_SEG_SIZE 4096u
/* Bytes of the header at the start of every data segment. */
#define LOG_SEG_HDR_SIZE 32u
/* Record bytes a data segment holds. */
#define LOG_SEG_PAYLOAD (LOG_SEG_SIZE - LOG_SEG_HDR_SIZE)
/* Highest generation a stream may reach (ESE: JET_errLogSequenceEnd past it). */
#define LOG_GEN_MAX 0x7FFFF800u
/* Smallest log file accepted (header + three data segments). */
#define LOG_FILE_SIZE_MIN (16u * 1024u)
/* Largest log file: offsets must fit the 32 low bits of an LSN. */
#define LOG_FILE_SIZE_MAX (1024ull * 1024u * 1024u)

/* The LSN of byte `off` of generation `gen`. */
static inline log_lsn log_lsn_make(uint32_t gen, uint32_t off)
{
    return ((log_lsn)gen << 32) | off;
}
/* The generation of an LSN. */
static inline uint32_t log_lsn_gen(log_lsn lsn)
{
    return (uint32_t)(lsn >> 32);
}
/* The byte offset of an LSN inside its generation's file. */
static inline uint32_t log_lsn_off(log_lsn lsn)
{
    return (uint32_t)lsn;
}
/* JET_LGPOS of an LSN (isec = offset / 4096, ib = offset % 4096). */
void log_lsn_to_lgpos(log_lsn lsn, JET_LGPOS *pos);
/* LSN of a JET_LGPOS (0 for a negative generation). */
log_lsn log_lgpos_to_lsn(const JET_LGPOS *pos);

/* ---- records ------------------------------------------------------------- */

/* Record types.  Where ESE has the same kind of record its lrtyp number is
 * reused (so a dump can print ESE's name); 128..254 are jetdb's own and free
 * for the storage layers; 255 is never used. */
enum log_rec_type {
    LOG_REC_NOP = 0,        /* filler, ignored by redo */
    LOG_REC_INIT = 1,       /* instance start; payload: the stream's JET_SIGNATURE */
    LOG_REC_TERM = 2,       /* clean shutdown: nothing after it needs redo */
    LOG_REC_BEGIN = 5,      /* transaction begin (txid) */
    LOG_REC_COMMIT = 6,     /* transaction commit (txid) */
    LOG_REC_ROLLBACK = 7,   /* transaction rollback (txid) */
    LOG_REC_CREATEDB = 14,  /* database created (dbid, path, signature) */
    LOG_REC_ATTACHDB = 15,  /* database attached */
    LOG_REC_DETACHDB = 16,  /* database detached */
    LOG_REC_TRACE = 22,     /* free text, for diagnosis */
    LOG_REC_CLR = 39,       /* compensation: the undo of a page change */
    LOG_REC_BACKUP = 60,    /* backup step (ESE's Backup2) */
    LOG_REC_NEWPAGE = 95,   /* a page formatted from scratch */
    LOG_REC_PAGE = 128,     /* a page change; payload defined by the storage layers */
    LOG_REC_USER_FIRST = 129,
    LOG_REC_USER_LAST = 254,
};

/* Record flags (log_rec_hdr.flags); the log layer does not interpret them. */
enum log_rec_flags {
    LOG_RECF_NONE = 0,
};

/* The common header of every record, as it is stored (little-endian; jetdb
 * builds only on little-endian hosts, checked in log_int.h).  Bytes 12..15
 * are explicit so the struct has no hidden padding. */
typedef struct log_rec_hdr {
    uint32_t len;       /* bytes of the whole record, header included */
    uint8_t type;       /* enum log_rec_type */
    uint8_t flags;      /* enum log_rec_flags (owned by the record's layer) */
    uint16_t dbid;      /* database the record concerns, 0 for none */
    uint32_t reserved;  /* 0 */
    uint32_t reserved2; /* 0 */
    uint64_t txid;      /* transaction, 0 for none */
} log_rec_hdr;

#define LOG_REC_HDR_SIZE 24u
/* Largest record (header included) log_append accepts. */
#define LOG_REC_MAX (64u * 1024u)

/* Fill a record header (reserved fields zeroed). */
void log_rec_init(log_rec_hdr *h, uint8_t type, uint32_t len, uint16_t dbid, uint64_t txid);

/* ---- file names (log_name.c) ------------------------------------------- */

/* JET_paramLegacyFileNames bits. */
#define LOG_LEGACY_ESE98 0x1u       /* JET_bitESE98FileNames: .log / .chk */
#define LOG_LEGACY_8DOT3 0x2u       /* JET_bitEightDotThreeSoftCompat: 5 hex digits */

/* Length a buffer for any log-layer file name needs (base of up to 8 chars). */
#define LOG_NAME_MAX 32u

/* Extension of log files (".log" or ".jtx") for the legacy bits. */
const char *log_name_ext(unsigned legacy);
/* Extension of the checkpoint file (".chk" or ".jcp"). */
const char *log_name_ckpt_ext(unsigned legacy);
/* "B.log": the current log's name. */
JET_ERR log_name_current(const char *base, unsigned legacy, char *buf, size_t cb);
/* "BXXXXX.log": the archived name of generation gen (upper-case hex). */
JET_ERR log_name_archived(const char *base, unsigned legacy, uint32_t gen, char *buf, size_t cb);
/* "Btmp.log": the pre-created next log. */
JET_ERR log_name_tmp(const char *base, unsigned legacy, char *buf, size_t cb);
/* "BresNNNNN.jrs": reserved log k (1-based). */
JET_ERR log_name_reserve(const char *base, unsigned k, char *buf, size_t cb);
/* "B.chk": the checkpoint file. */
JET_ERR log_name_checkpoint(const char *base, unsigned legacy, char *buf, size_t cb);
/* Generation of an archived log name; JET_errInvalidParameter when name is
 * not one (wrong base or extension, not exactly 5 or 8 hex digits, 0). */
JET_ERR log_name_parse(const char *name, const char *base, unsigned legacy, uint32_t *gen);
/* Lowest and highest archived generation in folder ((0, 0) when none).
 * Without the 8.3 bit a 5-digit name is JET_errLogGenerationMismatch. */
JET_ERR log_gen_range(const char *folder, const char *base, unsigned legacy,
                      uint32_t *gen_min, uint32_t *gen_max);

/* ---- one log file (log_file.c) ----------------------------------------- */

/* Log file header flags. */
#define LOG_FILEF_CIRCULAR 0x1u     /* circular logging was on when it was created */
#define LOG_FILEF_RESERVE 0x2u      /* the file was a reserved log (disk was full) */

/* The decoded header (segment 0) of a log file. */
typedef struct log_file_hdr {
    uint16_t version_major;     /* LOG_FORMAT_MAJOR */
    uint16_t version_minor;
    uint32_t gen;               /* generation of this file */
    uint32_t nseg;              /* file size / 4096 */
    uint32_t page_size;         /* database page size of the stream */
    uint32_t flags;             /* LOG_FILEF_* */
    JET_LOGTIME tm_create;      /* creation time of this generation */
    JET_LOGTIME tm_prev;        /* tm_create of the previous generation (zero for gen 1) */
    JET_SIGNATURE sign_log;     /* the stream's signature */
    log_lsn ckpt_at_create;     /* durable checkpoint when this file was created */
    uint32_t prev_accum;        /* accumulated checksum of the previous generation */
    uint32_t crc;               /* checksum of this header (chains to segment 1) */
} log_file_hdr;

/* What log_verify_file found in a file. */
typedef struct log_file_info {
    log_file_hdr hdr;
    uint32_t segs_valid;        /* data segments that verified (1..segs_valid) */
    uint32_t accum;             /* accumulated checksum of those segments */
    uint32_t last_fseq;         /* flush number of the last valid segment (0 when none) */
    uint64_t records;           /* complete records */
    log_lsn first;              /* LSN of the first record, 0 when none */
    log_lsn last;               /* LSN of the last record, 0 when none */
    log_lsn end;                /* LSN just past the last record (start of data when none) */
    uint8_t last_type;          /* type of the last record */
    bool closed;                /* ends with the end-of-generation mark (or is full) */
    bool torn_tail;             /* (current file only) the data ended at a bad segment */
} log_file_info;

/* Read and check the header of the log file at path. */
JET_ERR log_read_header(const char *path, log_file_hdr *hdr);
/* Verify a log file's header, every data segment and the record framing.
 * An archived file (is_current false) must verify up to its end-of-
 * generation mark or its last segment: a bad segment before that is
 * JET_errLogReadVerifyFailure.  In the current file the first bad segment
 * is the torn tail (the end of the log, not an error) when it belongs to the
 * last flush; when valid segments of a later flush follow it, it had been
 * durable and was damaged since: JET_errLogFileCorrupt. */
JET_ERR log_verify_file(const char *path, bool is_current, log_file_info *info);

/* ---- checkpoint (log_ckpt.c) --------------------------------------------- */

#define LOG_ATTACH_MAX 7u
#define LOG_ATTACH_PATH_MAX 260u    /* bytes of UTF-8, without the NUL */

/* One attached database, as the checkpoint remembers it. */
typedef struct log_attach {
    uint8_t dbid;                           /* 1..255; entries with 0 are unused */
    char path[LOG_ATTACH_PATH_MAX + 1];     /* UTF-8, NUL-terminated */
    JET_SIGNATURE sign_db;
    log_lsn lsn_attach;                     /* where it was attached */
} log_attach;

/* The contents of the checkpoint file. */
typedef struct log_checkpoint {
    log_lsn lsn;                    /* redo starts here */
    JET_SIGNATURE sign_log;         /* the stream it belongs to (set by log_checkpoint_write) */
    log_lsn full_backup_lsn;        /* last full backup mark (the backup layer fills these) */
    JET_LOGTIME full_backup_time;
    log_lsn inc_backup_lsn;         /* last incremental backup mark */
    JET_LOGTIME inc_backup_time;
    uint32_t nattach;               /* used entries of attach[] */
    log_attach attach[LOG_ATTACH_MAX];
} log_checkpoint;

/* Read B.chk (B.jcp) from system_path: the newer of its two valid copies.
 * JET_errCheckpointFileNotFound when missing, JET_errCheckpointCorrupt when
 * neither copy is valid. */
JET_ERR log_checkpoint_read(const char *system_path, const char *base, unsigned legacy,
                            log_checkpoint *out);

/* ---- the log ------------------------------------------------------------- */

typedef struct log log_t;

/* What log_open needs (the instance layer derives it from its parameters). */
typedef struct log_config {
    const char *log_path;       /* JET_paramLogFilePath (must exist) */
    const char *system_path;    /* JET_paramSystemPath: where B.chk lives (must exist) */
    const char *base;           /* JET_paramBaseName: exactly 3 characters */
    unsigned legacy_names;      /* JET_paramLegacyFileNames (LOG_LEGACY_*) */
    uint64_t file_size_bytes;   /* JET_paramLogFileSize * 1024: multiple of 4 KiB, >= 16 KiB */
    uint32_t page_size;         /* JET_paramDatabasePageSize, recorded in headers */
    size_t log_buffer_bytes;    /* JET_paramLogBuffers * 512 (raised to a workable minimum) */
    bool circular;              /* JET_paramCircularLog */
    const ev_source *ev;        /* event source (NULL: no events); must outlive the log */
    uint32_t gen_first;         /* 0, or the first generation of this stream that lives in
                                 * log_path: older archived files there belong to another
                                 * folder's part of the stream (a restore's backup set) and
                                 * are not validated or needed */
} log_config;

/* What log_open found. */
typedef struct log_open_result {
    bool created;               /* no stream existed: a new one was created */
    bool clean;                 /* the last record is TERM (or the stream has none) */
    bool checkpoint_found;      /* B.chk was read (else the oldest log is the start) */
    bool roll_finished;         /* an interrupted roll was completed */
    bool tail_discarded;        /* a torn tail of the current log was ignored */
    uint32_t gen_min;           /* oldest generation present */
    uint32_t gen_current;       /* generation of B.log */
    log_lsn checkpoint;         /* redo start */
    log_lsn end;                /* just past the last durable record */
    JET_SIGNATURE sign_log;
    uint64_t file_size_bytes;   /* the stream's file size (an existing stream keeps its own) */
    uint32_t page_size;         /* page size recorded in the current log */
} log_open_result;

/* Counters (cumulative since log_open). */
typedef struct log_stats {
    uint64_t appends;           /* records appended */
    uint64_t flushes;           /* log writes (each one pwrite run + fdatasync) */
    uint64_t flush_waits;       /* log_flush calls that waited for another thread's write */
    uint64_t bytes_written;     /* segment bytes written */
    uint64_t rolls;             /* generations started */
    uint64_t gens_reused;       /* circular logging: archived files renamed to Btmp */
    uint64_t gens_deleted;      /* archived files deleted (circular + log_delete_below) */
} log_stats;

/* Open the log stream in cfg->log_path, creating it when none exists;
 * validates every generation from the checkpoint to B.log, finds the end of
 * the log (discarding a torn tail) and finishes an interrupted roll.
 * Appending resumes at a fresh segment after the end. */
JET_ERR log_open(const log_config *cfg, log_t **out, log_open_result *res);
/* Close the log.  clean: append TERM, flush, write the checkpoint (at the
 * LSN of log_set_checkpoint); otherwise just close (unflushed records are
 * lost, as in a crash).  The log is freed even when an error is returned. */
JET_ERR log_close(log_t *log, bool clean);

/* Copy a record (len bytes, starting with a log_rec_hdr whose len == len)
 * into the log buffer; *lsn (may be NULL) receives its LSN.  Rolls to a new
 * generation first when the record does not fit in the current file.
 * JET_errLogDiskFull once the log ran out of disk space and runs on a
 * reserved log: new work (BEGIN, a transaction's page changes, create,
 * attach, ...) is refused from then on; a COMMIT and a page record of no
 * transaction (page-space bookkeeping of the operation under way) are still
 * accepted, as is everything given to log_append_finish.
 * JET_errLogWriteFail (or the original error) after a failed log write. */
JET_ERR log_append(log_t *log, const void *rec, size_t len, log_lsn *lsn);
/* log_append for a record that finishes or undoes work already logged: a
 * compensation (CLR page record) and any page record without an undo
 * payload (the rest of an operation under way, long-value pages a
 * compensation writes or releases), ROLLBACK, DETACHDB (TERM goes in
 * through log_close).  Such records are still accepted once the log runs on a
 * reserved log after the disk filled up (ESE keeps the reserved logs so
 * that open transactions can be rolled back, databases detached and a clean
 * shutdown logged), and may make the roll onto the next reserved log.
 * JET_errLogDiskFull only when the reserved logs are used up too. */
JET_ERR log_append_finish(log_t *log, const void *rec, size_t len, log_lsn *lsn);
/* Make every record whose LSN is <= upto durable (LOG_LSN_ALL: everything
 * appended so far).  Concurrent callers share one write + fdatasync. */
JET_ERR log_flush(log_t *log, log_lsn upto);
#define LOG_LSN_ALL UINT64_MAX
/* Everything before this LSN is durable. */
log_lsn log_flushed_lsn(log_t *log);
/* Just past the last appended record. */
log_lsn log_end_lsn(log_t *log);
/* Generation of the current log file. */
uint32_t log_generation(log_t *log);
/* The stream's signature. */
void log_signature(log_t *log, JET_SIGNATURE *sign);
/* Counters. */
void log_get_stats(log_t *log, log_stats *st);

/* Close the current generation and start the next one (ESE's forced roll),
 * even when the current file is not full.  Returns JET_errLogDiskFull when
 * the new generation had to come from a reserved log (the roll did happen;
 * new work is refused from now on, see log_append). */
JET_ERR log_roll(log_t *log);

/* Write the checkpoint file (copy A, fdatasync, copy B, fdatasync) after
 * making the log durable up to cp->lsn; sign_log is taken from the log.
 * This also becomes the in-memory checkpoint. */
JET_ERR log_checkpoint_write(log_t *log, const log_checkpoint *cp);
/* The last checkpoint written (or read at open), with the LSN of the latest
 * log_set_checkpoint. */
void log_checkpoint_get(log_t *log, log_checkpoint *cp);
/* Set the checkpoint LSN that the next checkpoint write (clean close, circular
 * logging's roll) will store; it must not be beyond log_end_lsn. */
JET_ERR log_set_checkpoint(log_t *log, log_lsn lsn);

/* Stop circular logging from reusing or deleting archived generations (counted). */
void log_pause_deletion(log_t *log);
/* Undo one log_pause_deletion. */
void log_resume_deletion(log_t *log);
/* Delete the archived generations below gen, oldest first, each durably
 * (missing ones are skipped); *deleted (may be NULL) counts the deletions.
 * gen may not exceed the durable checkpoint's generation
 * (JET_errInvalidParameter).  Not affected by log_pause_deletion: this is
 * the backup's own truncation. */
JET_ERR log_delete_below(log_t *log, uint32_t gen, uint32_t *deleted);

/* ---- reading (log_read.c) ------------------------------------------------ */

typedef struct log_reader log_reader;

/* Open a reader on the stream in folder, positioned at the first record at
 * or after start (0: the oldest generation present). */
JET_ERR log_reader_open(const char *folder, const char *base, unsigned legacy, log_lsn start,
                        log_reader **out);
/* The next record: *rec, *len and *lsn, valid until the next call.  At the end
 * of the log it returns JET_errSuccess with *rec = NULL.  Errors:
 * JET_errLogReadVerifyFailure (bad segment in an archived file),
 * JET_errLogFileCorrupt (bad record framing), JET_errMissingLogFile,
 * JET_errBadLogSignature, JET_errInvalidLogSequence,
 * JET_errLogSequenceChecksumMismatch. */
JET_ERR log_reader_next(log_reader *r, const void **rec, size_t *len, log_lsn *lsn);
/* End the stream after generation gen (0: no limit): the reader does not
 * open gen + 1, which may be a running instance's B.log. */
void log_reader_set_last(log_reader *r, uint32_t gen);
/* Free a reader (NULL accepted). */
void log_reader_close(log_reader *r);

/* ---- continuing a stream in another folder (log_succ.c) ------------------ */

/* Create the current log B.log in folder as the generation after prev (a
 * verified log file of the same stream, e.g. the last log of a backup set):
 * same signature, file size and page size, tmPrevGen and accumulated
 * checksum chained to it, no records.  JET_errInvalidParameter when folder
 * already holds a B.log.  (Restore: the stream continues in an empty log
 * folder.) */
JET_ERR log_create_successor(const char *folder, const char *base, unsigned legacy,
                             const log_file_info *prev);

#endif
