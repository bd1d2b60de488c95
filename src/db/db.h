/*
 * db.h: database files — header + shadow header, page I/O with
 * verification, space (file growth, page allocator), the attached
 * databases of an instance (struct db_set) and the databases a session
 * opened (struct db_sess).
 *
 * File layout (docs/formats-db.md): page 0 = header, page 1 = identical
 * shadow header, data page pgno (1-based) at offset (pgno - 1 + 2) * cbPage.
 * Data page 1 is the space page (allocation high-water mark and the head of
 * the free-page list); every other data page belongs to whoever allocated
 * it.
 *
 * Layering: src/db sits on src/os, src/page, src/util and src/event; it is
 * called by src/api (Jet*Database*) and by the instance layer (JetInit,
 * JetTerm, JetEndSession hooks).  It never calls upward.
 *
 * Locking: a process-wide registry lock (db_set.c) protects the table of
 * attached databases of every instance; an instance's db_set lock
 * serialises attach/detach/create of that instance and protects the open
 * tables of its sessions; a database's own lock protects its in-memory
 * header and space state.  Order: set lock -> registry lock -> db lock.
 */
#ifndef JETDB_DB_DB_H
#define JETDB_DB_DB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

struct inst;
struct sess;
struct os_file;

/* ---- header ---------------------------------------------------------------- */

#define DB_MAGIC 0x4244544Au          /* "JTDB" little-endian; not ESE's 0x89ABCDEF */
#define DB_FORMAT_VERSION 1u          /* jetdb's own header/space format version */
#define DB_ESE_VERSION 0x620u         /* ulVersion reported in JET_DBINFOMISC */
#define DB_ESE_UPDATE_MAJOR 0x14u     /* ulUpdate reported in JET_DBINFOMISC */
#define DB_ESE_UPDATE_MINOR 0u
#define DB_HDR_PAGES 2u               /* header + shadow (ESE's cpgDBReserved) */
#define DB_MAX_USER_DBS 6u            /* per instance (ESE: dbidMax 7 incl. temp) */
#define DB_PGNO_SPACE 1u              /* the space page */

/* Backup info slots of the header (db_hdr.bk[]), in esentutl /mh order. */
enum db_bk_slot {
    DB_BK_FULL_PREV = 0,   /* bkinfoFullPrev */
    DB_BK_INC_PREV,        /* bkinfoIncPrev */
    DB_BK_COPY_PREV,       /* bkinfoCopyPrev */
    DB_BK_DIFF_PREV,       /* bkinfoDiffPrev */
    DB_BK_FULL_CUR,        /* bkinfoFullCur (only in a backup copy) */
    DB_BK_SNAPSHOT_CUR,    /* bkinfoSnapshotCur */
    DB_BK_COUNT
};

/* Backup types stored next to the four "previous" slots (ESE's values). */
enum db_bk_type {
    DB_BKTYPE_NORMAL = 0,      /* streaming backup */
    DB_BKTYPE_OS_SNAPSHOT = 1, /* VSS / OS snapshot */
    DB_BKTYPE_SNAPSHOT = 2,
};

/* The decoded database header.  Fields carry ESE's DBFILEHDR meaning; the
 * byte layout is in db_hdr.c and docs/formats-db.md. */
typedef struct db_hdr {
    uint32_t magic;               /* DB_MAGIC */
    uint32_t version;             /* DB_ESE_VERSION */
    uint32_t update_major;        /* DB_ESE_UPDATE_MAJOR */
    uint32_t update_minor;
    uint32_t create_version;      /* version/update at creation */
    uint32_t create_update;
    uint32_t format;              /* DB_FORMAT_VERSION */
    uint32_t filetype;            /* JET_filetypeDatabase */
    uint32_t page_size;           /* cbPage */
    uint64_t dbtime;              /* dbtime high-water mark at the last header write */
    JET_SIGNATURE sign_db;
    JET_SIGNATURE sign_log;       /* log stream the database belongs to (zero: none) */
    uint32_t dbstate;             /* JET_dbstate* */
    JET_LGPOS lgpos_consistent;   /* zero while dirty */
    JET_LOGTIME logtime_consistent;
    JET_LGPOS lgpos_attach;
    JET_LOGTIME logtime_attach;
    JET_LGPOS lgpos_detach;
    JET_LOGTIME logtime_detach;
    uint32_t dbid;                /* attachment slot in the log stream (1..6) */
    uint32_t gen_min_required;
    uint32_t gen_max_required;
    uint32_t gen_max_committed;
    JET_LOGTIME logtime_gen_max_create;
    JET_LOGTIME logtime_gen_max_required;
    JET_BKINFO bk[DB_BK_COUNT];
    uint32_t bk_type[4];          /* types of FULL_PREV, INC_PREV, COPY_PREV, DIFF_PREV */
    uint32_t objid_last;
    uint32_t os_major, os_minor, os_build, os_sp;
    uint32_t repair_count, repair_count_old;
    JET_LOGTIME logtime_repair;
    uint32_t ecc_fix_ok, ecc_fix_ok_old;
    JET_LOGTIME logtime_ecc_fix_ok;
    uint32_t ecc_fix_fail, ecc_fix_fail_old;
    JET_LOGTIME logtime_ecc_fix_fail;
    uint32_t bad_checksum, bad_checksum_old;
    JET_LOGTIME logtime_bad_checksum;
    bool shadowing_disabled;      /* JET_bitDbShadowingOff at create */
    uint32_t pgno_last;           /* data pages in the file at the last header write */
} db_hdr;

/* Which copy db_hdr_read used. */
typedef enum db_hdr_src {
    DB_HDR_PRIMARY = 0,           /* both good (or shadowing off) */
    DB_HDR_PRIMARY_ONLY,          /* shadow damaged */
    DB_HDR_SHADOW,                /* primary damaged, shadow used */
} db_hdr_src;

/* Encode h into page (cb bytes, zero-filled, checksummed). */
void db_hdr_encode(const db_hdr *h, void *page, uint32_t cb);
/* Decode and check one header page copy of cb bytes: checksum, magic,
 * page size field, file type.  JET_errReadVerifyFailure (checksum or
 * size), JET_errInvalidDatabase (magic), JET_errFileInvalidType. */
JET_ERR db_hdr_decode(const void *page, uint32_t cb, db_hdr *h);
/* Read the header of an open file: primary, else shadow (any page size);
 * JET_errDatabaseCorrupted when neither copy is usable; a file that is
 * not ours → JET_errInvalidDatabase / JET_errFileInvalidType. */
JET_ERR db_hdr_read(struct os_file *f, db_hdr *h, db_hdr_src *src);
/* Write primary, fdatasync, shadow, fdatasync (shadow skipped when
 * shadowing is disabled). */
JET_ERR db_hdr_write(struct os_file *f, const db_hdr *h);
/* Fill a JET_DBINFOMISC..JET_DBINFOMISC4 chosen by cb (the caller checked
 * cb with db_misc_size_ok). */
void db_hdr_to_misc(const db_hdr *h, void *out, size_t cb);
bool db_misc_size_ok(size_t cb);
/* Set / get one backup-info slot (for the backup layer). */
void db_hdr_set_bkinfo(db_hdr *h, enum db_bk_slot slot, const JET_BKINFO *bk, uint32_t type);
void db_hdr_get_bkinfo(const db_hdr *h, enum db_bk_slot slot, JET_BKINFO *bk, uint32_t *type);

/* ---- one database file ------------------------------------------------------- */

/* Attachment states of a struct db. */
typedef enum db_state {
    DB_ATTACHING = 0,             /* slot reserved, file I/O in progress */
    DB_ATTACHED,                  /* usable */
    DB_DETACHING,                 /* detach in progress */
} db_state;

typedef struct db {
    atomic_int pins;              /* registry entry + callers using it */
    JET_DBID dbid;                /* API dbid (process-wide slot, 1-based) */
    struct inst *owner;
    char *path;                   /* absolute, UTF-8 */
    bool read_only;               /* attached with JET_bitDbReadOnly */
    bool logged;                  /* changes are logged (recovery on, not RecoveryOff) */
    uint32_t cpg_max;             /* cpgDatabaseSizeMax, 0 = unlimited */
    uint32_t page_size;
    db_state state;               /* under the registry lock */
    int opens;                    /* sessions' open count (under the set lock) */
    bool exclusive;               /* opened with JET_bitDbExclusive (set lock) */

    pthread_mutex_t mu;           /* guards everything below */
    struct os_file *file;
    struct os_file *lock;         /* exclusive lock on the file (read-write attach) */
    db_hdr hdr;                   /* in-memory header (last written or to be written) */
    uint32_t pgno_file_last;      /* data pages the file holds now */
    atomic_ullong dbtime;         /* next dbtime to hand out */
    atomic_ullong pages_read, pages_written, header_writes;   /* statistics */
    struct st_db *store;          /* cache/log/tree side while attached (src/store) */
} db;

/* Read data page pgno into buf (page_size bytes, 8-byte aligned): checks
 * the checksum (JET_errReadVerifyFailure), the page number
 * (JET_errReadPgnoVerifyFailure), all-zero pages (JET_errPageNotInitialized)
 * and the structure (JET_errDatabaseCorrupted); a failed check is reported
 * as an event (474/475/476). */
JET_ERR db_read_page(db *d, uint32_t pgno, void *buf);
/* Seal and write data page pgno (its header's pgno must be pgno). */
JET_ERR db_write_page(db *d, uint32_t pgno, void *buf);
/* Write the n pages pgno, pgno + 1, ... stored one after the other in buf
 * (n * page size bytes), already sealed by the cache, with one write. */
JET_ERR db_write_pages(db *d, uint32_t pgno, uint32_t n, const void *buf);
/* fdatasync the file (data pages written so far reach the disk). */
JET_ERR db_flush(db *d);
/* Grow the file by JET_paramDbExtensionSize pages (at least min_pages),
 * preallocated and synced; JET_errOutOfDatabaseSpace past cpgDatabaseSizeMax. */
JET_ERR db_extend(db *d, uint32_t min_pages);
/* The space page's record (slot 0 of page DB_PGNO_SPACE). */
#define DB_SPACE_FORMAT 1u
typedef struct db_space_rec {
    uint32_t format;        /* DB_SPACE_FORMAT */
    uint32_t hwm;           /* highest pgno ever handed out (>= 1, the space page) */
    uint32_t free_head;     /* first free page, 0 = none */
    uint32_t free_count;    /* pages on the free list */
} db_space_rec;
/* Decode and check the space record of a space page. */
JET_ERR db_space_decode(const void *page, db_space_rec *sr);
/* Pages owned (the file) and available (free list + never used) given a
 * space record. */
void db_space_counts(db *d, const db_space_rec *sr, uint32_t *owned, uint32_t *available);
/* Space counters read from the file (a detached database); an attached
 * one asks its store (st_space_info), whose cache may be newer. */
JET_ERR db_space_info(db *d, uint32_t *owned, uint32_t *available);
/* Hand out the next dbtime (monotonic, persisted as a high-water mark). */
uint64_t db_next_dbtime(db *d);
/* Format the space page of a new database. */
JET_ERR db_space_init(db *d);
/* Rewrite the header from d->hdr (under d->mu by the caller). */
JET_ERR db_write_header_locked(db *d);

/* ---- per instance and per session ---------------------------------------------- */

struct db_set;
struct db_sess;

/* JetInit: the instance's (empty) set of attached databases.  Idempotent. */
JET_ERR db_set_create(struct inst *in);
/* JetTerm: detach every database (clean = true: clean-shutdown headers;
 * false: files closed, headers left dirty), free the set.  Idempotent.
 * Returns the first error met (the databases are released anyway). */
JET_ERR db_set_destroy(struct inst *in, bool clean);
/* JetEndSession (and the implicit end at JetTerm): close the databases the
 * session still has open, free its table.  Idempotent. */
void db_session_end(struct sess *s);

/* The API operations (src/api/api_db.c validates and calls these).  Paths
 * are UTF-8 as given by the caller; cpg_max 0 = unlimited. */
JET_ERR db_create(struct sess *s, const char *path, uint32_t cpg_max, JET_GRBIT grbit,
                  JET_DBID *pdbid);
JET_ERR db_attach(struct sess *s, const char *path, uint32_t cpg_max, JET_GRBIT grbit);
/* path NULL or "" = detach all. */
JET_ERR db_detach(struct sess *s, const char *path, JET_GRBIT grbit);
JET_ERR db_open(struct sess *s, const char *path, JET_GRBIT grbit, JET_DBID *pdbid);
JET_ERR db_close(struct sess *s, JET_DBID dbid, JET_GRBIT grbit);
/* JetGetDatabaseInfo; width 0 = A (UTF-8 strings), 2/4 = W. */
JET_ERR db_get_info(struct sess *s, JET_DBID dbid, void *pv, uint32_t cb, uint32_t level,
                    size_t width);
/* JetGetDatabaseFileInfo (no instance needed); width as above. */
JET_ERR db_get_file_info(const char *path, void *pv, uint32_t cb, uint32_t level,
                         size_t width);

/* Pin the database a session opened (JET_errInvalidDatabaseId otherwise);
 * release with db_unpin.  For layers above (B-tree, backup). */
JET_ERR db_pin_opened(struct sess *s, JET_DBID dbid, db **out);
/* Pin an attached database of an instance by dbid (backup). */
JET_ERR db_pin_attached(struct inst *in, JET_DBID dbid, db **out);
void db_unpin(db *d);
/* Attached databases of an instance, pinned (backup's attach list). */
JET_ERR db_list_attached(struct inst *in, db ***out, size_t *count);
void db_list_free(db **list, size_t count);

/* ---- replay (recovery) ------------------------------------------------------------------ */

/* Open a database file named by the log for replay: read-write, locked,
 * whatever its state; it joins no instance's set.  JET_errFileNotFound /
 * JET_errInvalidPath when it is gone; JET_errDatabaseLogSetMismatch (the
 * lead's choice of ESE's code) when it belongs to another log stream. */
JET_ERR db_open_for_redo(struct inst *in, const char *path, uint16_t dbid, db **out);
/* Finish replaying a database: ok → dbtime raised past max_dbtime and the
 * header made clean (consistent at `consistent`); then close and free. */
JET_ERR db_close_after_redo(db *d, uint64_t max_dbtime, bool ok, const JET_LGPOS *consistent);

/* ---- log records (db_logrec.c) -------------------------------------------------- */

/* Log a create/attach/detach record and return its position (zero when the
 * instance has no log).  sign_log receives the stream signature (zero
 * without log); gen the current generation (0 without log). */
JET_ERR db_log_create(struct inst *in, db *d, JET_LGPOS *pos);
JET_ERR db_log_attach(struct inst *in, db *d, JET_LGPOS *pos);
JET_ERR db_log_detach(struct inst *in, db *d, JET_LGPOS *pos);
bool db_log_enabled(struct inst *in);

/* A decoded CREATEDB / ATTACHDB / DETACHDB record (for recovery).  path
 * points into the record (NUL-terminated, absolute). */
typedef struct db_logrec_info {
    uint8_t type;                 /* LOG_REC_CREATEDB / ATTACHDB / DETACHDB */
    uint16_t dbid;                /* log-stream dbid */
    uint32_t page_size;
    JET_SIGNATURE sign_db;
    const char *path;
} db_logrec_info;
/* Check and decode one such record (len bytes, common header included);
 * JET_errLogFileCorrupt when it is malformed. */
JET_ERR db_logrec_parse(const void *rec, size_t len, db_logrec_info *info);
void db_log_signature(struct inst *in, JET_SIGNATURE *sign_log);

#endif
