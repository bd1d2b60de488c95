/*
 * db_hdr.c: the database header — byte layout (encode/decode in one
 * place), checksum, the primary/shadow write protocol, the read with
 * fallback to the shadow, and the JET_DBINFOMISC view of it.
 *
 * Offsets follow ESE's DBFILEHDR wherever a field has an ESE counterpart
 * (so the header reads like ESE's under a hex dump); jetdb's own fields
 * live from offset 768 on.  docs/formats-db.md is the normative table.
 */
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "page/page.h"
#include "util/crc32c.h"
#include "util/err.h"

/* Byte offsets inside the header page. */
enum {
    H_CHECKSUM = 0, H_MAGIC = 4, H_VERSION = 8, H_ATTRIB = 12, H_DBTIME = 16,
    H_SIGN_DB = 24, H_DBSTATE = 52, H_LGPOS_CONS = 56, H_LT_CONS = 64, H_LT_ATTACH = 72,
    H_LGPOS_ATTACH = 80, H_LT_DETACH = 88, H_LGPOS_DETACH = 96, H_DBID = 104,
    H_SIGN_LOG = 108, H_BK_FULL_PREV = 136, H_BK_INC_PREV = 160, H_BK_FULL_CUR = 184,
    H_FLAGS = 208, H_OBJID_LAST = 212, H_OS_MAJOR = 216, H_OS_MINOR = 220,
    H_OS_BUILD = 224, H_OS_SP = 228, H_UPDATE_MAJOR = 232, H_PAGE_SIZE = 236,
    H_REPAIR_COUNT = 240, H_LT_REPAIR = 244, H_GEN_MIN_REQ = 296, H_GEN_MAX_REQ = 300,
    H_BK_SNAPSHOT_CUR = 316, H_CREATE_VERSION = 340, H_CREATE_UPDATE = 344,
    H_LT_GEN_MAX_CREATE = 348, H_BKTYPE_FULL_PREV = 356, H_BKTYPE_INC_PREV = 360,
    H_REPAIR_COUNT_OLD = 364, H_ECC_OK = 368, H_LT_ECC_OK = 372, H_ECC_OK_OLD = 380,
    H_ECC_FAIL = 384, H_LT_ECC_FAIL = 388, H_ECC_FAIL_OLD = 396, H_BAD_CSUM = 400,
    H_LT_BAD_CSUM = 404, H_BAD_CSUM_OLD = 412, H_GEN_MAX_COMMITTED = 416,
    H_BK_COPY_PREV = 420, H_BK_DIFF_PREV = 444, H_BKTYPE_COPY_PREV = 468,
    H_BKTYPE_DIFF_PREV = 472, H_UPDATE_MINOR = 644, H_FILETYPE = 667,
    H_LT_GEN_MAX_REQ = 672,
    /* jetdb's own fields */
    H_FORMAT = 768, H_PGNO_LAST = 772,
    H_END = 776,
};

/* Header flag bits (offset 208, ESE's dbFlags byte 0). */
#define H_FLAG_SHADOWING_OFF 0x1u

static const uint32_t bk_offset[DB_BK_COUNT] = {
    [DB_BK_FULL_PREV] = H_BK_FULL_PREV, [DB_BK_INC_PREV] = H_BK_INC_PREV,
    [DB_BK_COPY_PREV] = H_BK_COPY_PREV, [DB_BK_DIFF_PREV] = H_BK_DIFF_PREV,
    [DB_BK_FULL_CUR] = H_BK_FULL_CUR, [DB_BK_SNAPSHOT_CUR] = H_BK_SNAPSHOT_CUR,
};
static const uint32_t bktype_offset[4] = {
    H_BKTYPE_FULL_PREV, H_BKTYPE_INC_PREV, H_BKTYPE_COPY_PREV, H_BKTYPE_DIFF_PREV,
};

_Static_assert(sizeof(JET_SIGNATURE) == 28, "packed signature");
_Static_assert(sizeof(JET_BKINFO) == 24, "packed bkinfo");
_Static_assert(sizeof(JET_LGPOS) == 8 && sizeof(JET_LOGTIME) == 8, "packed lgpos/logtime");
_Static_assert(H_END <= PG_SIZE_MIN, "header fits the smallest page");

/* Little-endian accessors (the host is little-endian, page.h checks). */
static void put32(uint8_t *p, uint32_t off, uint32_t v) { memcpy(p + off, &v, 4); }
static void put64(uint8_t *p, uint32_t off, uint64_t v) { memcpy(p + off, &v, 8); }
static void putb(uint8_t *p, uint32_t off, const void *v, size_t n) { memcpy(p + off, v, n); }
static uint32_t get32(const uint8_t *p, uint32_t off)
{
    uint32_t v;
    memcpy(&v, p + off, 4);
    return v;
}
static uint64_t get64(const uint8_t *p, uint32_t off)
{
    uint64_t v;
    memcpy(&v, p + off, 8);
    return v;
}
static void getb(const uint8_t *p, uint32_t off, void *v, size_t n) { memcpy(v, p + off, n); }

/* Checksum of a header page: CRC32C of bytes [4, cb). */
static uint32_t hdr_checksum(const uint8_t *page, uint32_t cb)
{
    return crc32c(0, page + 4, cb - 4);
}

void db_hdr_encode(const db_hdr *h, void *out, uint32_t cb)
{
    uint8_t *p = out;
    memset(p, 0, cb);
    put32(p, H_MAGIC, h->magic);
    put32(p, H_VERSION, h->version);
    put32(p, H_ATTRIB, 0);
    put64(p, H_DBTIME, h->dbtime);
    putb(p, H_SIGN_DB, &h->sign_db, 28);
    put32(p, H_DBSTATE, h->dbstate);
    putb(p, H_LGPOS_CONS, &h->lgpos_consistent, 8);
    putb(p, H_LT_CONS, &h->logtime_consistent, 8);
    putb(p, H_LT_ATTACH, &h->logtime_attach, 8);
    putb(p, H_LGPOS_ATTACH, &h->lgpos_attach, 8);
    putb(p, H_LT_DETACH, &h->logtime_detach, 8);
    putb(p, H_LGPOS_DETACH, &h->lgpos_detach, 8);
    put32(p, H_DBID, h->dbid);
    putb(p, H_SIGN_LOG, &h->sign_log, 28);
    for (int i = 0; i < DB_BK_COUNT; i++)
        putb(p, bk_offset[i], &h->bk[i], 24);
    for (int i = 0; i < 4; i++)
        put32(p, bktype_offset[i], h->bk_type[i]);
    put32(p, H_FLAGS, h->shadowing_disabled ? H_FLAG_SHADOWING_OFF : 0);
    put32(p, H_OBJID_LAST, h->objid_last);
    put32(p, H_OS_MAJOR, h->os_major);
    put32(p, H_OS_MINOR, h->os_minor);
    put32(p, H_OS_BUILD, h->os_build);
    put32(p, H_OS_SP, h->os_sp);
    put32(p, H_UPDATE_MAJOR, h->update_major);
    put32(p, H_UPDATE_MINOR, h->update_minor);
    put32(p, H_PAGE_SIZE, h->page_size);
    put32(p, H_REPAIR_COUNT, h->repair_count);
    putb(p, H_LT_REPAIR, &h->logtime_repair, 8);
    put32(p, H_REPAIR_COUNT_OLD, h->repair_count_old);
    put32(p, H_GEN_MIN_REQ, h->gen_min_required);
    put32(p, H_GEN_MAX_REQ, h->gen_max_required);
    put32(p, H_CREATE_VERSION, h->create_version);
    put32(p, H_CREATE_UPDATE, h->create_update);
    putb(p, H_LT_GEN_MAX_CREATE, &h->logtime_gen_max_create, 8);
    put32(p, H_ECC_OK, h->ecc_fix_ok);
    putb(p, H_LT_ECC_OK, &h->logtime_ecc_fix_ok, 8);
    put32(p, H_ECC_OK_OLD, h->ecc_fix_ok_old);
    put32(p, H_ECC_FAIL, h->ecc_fix_fail);
    putb(p, H_LT_ECC_FAIL, &h->logtime_ecc_fix_fail, 8);
    put32(p, H_ECC_FAIL_OLD, h->ecc_fix_fail_old);
    put32(p, H_BAD_CSUM, h->bad_checksum);
    putb(p, H_LT_BAD_CSUM, &h->logtime_bad_checksum, 8);
    put32(p, H_BAD_CSUM_OLD, h->bad_checksum_old);
    put32(p, H_GEN_MAX_COMMITTED, h->gen_max_committed);
    put32(p, H_FILETYPE, h->filetype);
    putb(p, H_LT_GEN_MAX_REQ, &h->logtime_gen_max_required, 8);
    put32(p, H_FORMAT, h->format);
    put32(p, H_PGNO_LAST, h->pgno_last);
    put32(p, H_CHECKSUM, hdr_checksum(p, cb));
}

JET_ERR db_hdr_decode(const void *page, uint32_t cb, db_hdr *h)
{
    const uint8_t *p = page;
    if (get32(p, H_CHECKSUM) != hdr_checksum(p, cb))
        return JET_errReadVerifyFailure;
    memset(h, 0, sizeof *h);
    h->magic = get32(p, H_MAGIC);
    if (h->magic != DB_MAGIC)
        return JET_errInvalidDatabase;
    h->filetype = get32(p, H_FILETYPE);
    if (h->filetype != JET_filetypeDatabase)
        return JET_errFileInvalidType;
    h->page_size = get32(p, H_PAGE_SIZE);
    if (h->page_size != cb)
        return JET_errReadVerifyFailure;   /* a valid header of another page size */
    h->version = get32(p, H_VERSION);
    h->dbtime = get64(p, H_DBTIME);
    getb(p, H_SIGN_DB, &h->sign_db, 28);
    h->dbstate = get32(p, H_DBSTATE);
    getb(p, H_LGPOS_CONS, &h->lgpos_consistent, 8);
    getb(p, H_LT_CONS, &h->logtime_consistent, 8);
    getb(p, H_LT_ATTACH, &h->logtime_attach, 8);
    getb(p, H_LGPOS_ATTACH, &h->lgpos_attach, 8);
    getb(p, H_LT_DETACH, &h->logtime_detach, 8);
    getb(p, H_LGPOS_DETACH, &h->lgpos_detach, 8);
    h->dbid = get32(p, H_DBID);
    getb(p, H_SIGN_LOG, &h->sign_log, 28);
    for (int i = 0; i < DB_BK_COUNT; i++)
        getb(p, bk_offset[i], &h->bk[i], 24);
    for (int i = 0; i < 4; i++)
        h->bk_type[i] = get32(p, bktype_offset[i]);
    h->shadowing_disabled = (get32(p, H_FLAGS) & H_FLAG_SHADOWING_OFF) != 0;
    h->objid_last = get32(p, H_OBJID_LAST);
    h->os_major = get32(p, H_OS_MAJOR);
    h->os_minor = get32(p, H_OS_MINOR);
    h->os_build = get32(p, H_OS_BUILD);
    h->os_sp = get32(p, H_OS_SP);
    h->update_major = get32(p, H_UPDATE_MAJOR);
    h->update_minor = get32(p, H_UPDATE_MINOR);
    h->repair_count = get32(p, H_REPAIR_COUNT);
    getb(p, H_LT_REPAIR, &h->logtime_repair, 8);
    h->repair_count_old = get32(p, H_REPAIR_COUNT_OLD);
    h->gen_min_required = get32(p, H_GEN_MIN_REQ);
    h->gen_max_required = get32(p, H_GEN_MAX_REQ);
    h->create_version = get32(p, H_CREATE_VERSION);
    h->create_update = get32(p, H_CREATE_UPDATE);
    getb(p, H_LT_GEN_MAX_CREATE, &h->logtime_gen_max_create, 8);
    h->ecc_fix_ok = get32(p, H_ECC_OK);
    getb(p, H_LT_ECC_OK, &h->logtime_ecc_fix_ok, 8);
    h->ecc_fix_ok_old = get32(p, H_ECC_OK_OLD);
    h->ecc_fix_fail = get32(p, H_ECC_FAIL);
    getb(p, H_LT_ECC_FAIL, &h->logtime_ecc_fix_fail, 8);
    h->ecc_fix_fail_old = get32(p, H_ECC_FAIL_OLD);
    h->bad_checksum = get32(p, H_BAD_CSUM);
    getb(p, H_LT_BAD_CSUM, &h->logtime_bad_checksum, 8);
    h->bad_checksum_old = get32(p, H_BAD_CSUM_OLD);
    h->gen_max_committed = get32(p, H_GEN_MAX_COMMITTED);
    getb(p, H_LT_GEN_MAX_REQ, &h->logtime_gen_max_required, 8);
    h->format = get32(p, H_FORMAT);
    h->pgno_last = get32(p, H_PGNO_LAST);
    if (h->format != DB_FORMAT_VERSION)
        return JET_errInvalidDatabaseVersion;
    return JET_errSuccess;
}

/* Try every page size for the copy that starts at base(cb) = copy * cb in
 * buf (which holds got bytes from offset 0).  Returns the "most telling"
 * error when no size fits: a foreign file beats a checksum failure. */
static JET_ERR try_copy(const uint8_t *buf, size_t got, uint32_t copy, db_hdr *h)
{
    JET_ERR best = JET_errReadVerifyFailure;
    for (uint32_t cb = PG_SIZE_MIN; cb <= PG_SIZE_MAX; cb *= 2) {
        size_t off = (size_t)copy * cb;
        if (off + cb > got)
            break;
        JET_ERR err = db_hdr_decode(buf + off, cb, h);
        if (err >= 0)
            return err;
        if (err != JET_errReadVerifyFailure)
            best = err;
    }
    return best;
}

JET_ERR db_hdr_read(os_file *f, db_hdr *h, db_hdr_src *src)
{
    /* Two largest pages cover both copies whatever the page size. */
    size_t cb = 2 * (size_t)PG_SIZE_MAX, got = 0;
    uint8_t *buf = aligned_alloc(4096, cb);
    if (buf == NULL)
        return JET_errOutOfMemory;
    memset(buf, 0, cb);
    JET_ERR err = os_pread_upto(f, buf, cb, 0, &got);
    if (err >= 0) {
        db_hdr shadow;
        JET_ERR e1 = try_copy(buf, got, 0, h);
        JET_ERR e2 = try_copy(buf, got, 1, &shadow);
        if (e1 >= 0) {
            /* A shadow that is damaged, or older (a crash between the two
             * writes), only matters for the report. */
            *src = (e2 >= 0 || h->shadowing_disabled) ? DB_HDR_PRIMARY : DB_HDR_PRIMARY_ONLY;
            err = JET_errSuccess;
        } else if (e2 >= 0) {
            *h = shadow;
            *src = DB_HDR_SHADOW;
            err = JET_errSuccess;
        } else if (e1 == JET_errInvalidDatabase || e1 == JET_errFileInvalidType ||
                   e1 == JET_errInvalidDatabaseVersion) {
            err = e1;       /* a valid page that is not (our) database header */
        } else if (got < 2 * (size_t)PG_SIZE_MIN) {
            err = JET_errInvalidDatabase;   /* too short to be a database */
        } else {
            err = JET_errDatabaseCorrupted;
        }
    }
    free(buf);
    return err;
}

JET_ERR db_hdr_write(os_file *f, const db_hdr *h)
{
    uint32_t cb = h->page_size;
    uint8_t *page = aligned_alloc(4096, cb);
    if (page == NULL)
        return JET_errOutOfMemory;
    db_hdr_encode(h, page, cb);
    JET_ERR err;
    /* Primary first and durable before the shadow is touched: at any
     * instant at least one copy is complete. */
    CHECK(os_pwrite(f, page, cb, 0));
    CHECK(os_fdatasync(f));
    if (!h->shadowing_disabled) {
        CHECK(os_pwrite(f, page, cb, cb));
        CHECK(os_fdatasync(f));
    }
done:
    free(page);
    return err;
}

bool db_misc_size_ok(size_t cb)
{
    return cb == sizeof(JET_DBINFOMISC) || cb == sizeof(JET_DBINFOMISC2) ||
           cb == sizeof(JET_DBINFOMISC3) || cb == sizeof(JET_DBINFOMISC4);
}

/* bkinfo as JET_DBINFOMISC shows it: fOSSnapshot (bit 0 of the mark's
 * last byte) set exactly when the stored type is "OS snapshot". */
static void misc_bk(const db_hdr *h, int slot, int type_index, JET_BKINFO *out)
{
    *out = h->bk[slot];
    uint8_t *b = (uint8_t *)&out->logtimeMark + 7;
    if (type_index >= 0 && h->bk_type[type_index] == DB_BKTYPE_OS_SNAPSHOT)
        *b |= 1u;
    else if (type_index >= 0)
        *b &= (uint8_t)~1u;
}

void db_hdr_to_misc(const db_hdr *h, void *out, size_t cb)
{
    JET_DBINFOMISC4 m;
    memset(&m, 0, sizeof m);
    m.ulVersion = h->version;
    m.ulUpdate = h->update_major;
    m.signDb = h->sign_db;
    m.dbstate = h->dbstate;
    m.lgposConsistent = h->lgpos_consistent;
    m.logtimeConsistent = h->logtime_consistent;
    m.logtimeAttach = h->logtime_attach;
    m.lgposAttach = h->lgpos_attach;
    m.logtimeDetach = h->logtime_detach;
    m.lgposDetach = h->lgpos_detach;
    m.signLog = h->sign_log;
    misc_bk(h, DB_BK_FULL_PREV, 0, &m.bkinfoFullPrev);
    misc_bk(h, DB_BK_INC_PREV, 1, &m.bkinfoIncPrev);
    misc_bk(h, DB_BK_FULL_CUR, -1, &m.bkinfoFullCur);
    m.fShadowingDisabled = h->shadowing_disabled;
    m.fUpgradeDb = 0;
    m.dwMajorVersion = h->os_major;
    m.dwMinorVersion = h->os_minor;
    m.dwBuildNumber = h->os_build;
    m.lSPNumber = (int32_t)h->os_sp;
    m.cbPageSize = h->page_size;
    m.genMinRequired = h->gen_min_required;
    m.genMaxRequired = h->gen_max_required;
    m.logtimeGenMaxCreate = h->logtime_gen_max_create;
    m.ulRepairCount = h->repair_count;
    m.logtimeRepair = h->logtime_repair;
    m.ulRepairCountOld = h->repair_count_old;
    m.ulECCFixSuccess = h->ecc_fix_ok;
    m.logtimeECCFixSuccess = h->logtime_ecc_fix_ok;
    m.ulECCFixSuccessOld = h->ecc_fix_ok_old;
    m.ulECCFixFail = h->ecc_fix_fail;
    m.logtimeECCFixFail = h->logtime_ecc_fix_fail;
    m.ulECCFixFailOld = h->ecc_fix_fail_old;
    m.ulBadChecksum = h->bad_checksum;
    m.logtimeBadChecksum = h->logtime_bad_checksum;
    m.ulBadChecksumOld = h->bad_checksum_old;
    m.genCommitted = h->gen_max_committed;
    misc_bk(h, DB_BK_COPY_PREV, 2, &m.bkinfoCopyPrev);
    misc_bk(h, DB_BK_DIFF_PREV, 3, &m.bkinfoDiffPrev);
    /* Every version is a prefix of the next one. */
    memcpy(out, &m, cb);
}

void db_hdr_set_bkinfo(db_hdr *h, enum db_bk_slot slot, const JET_BKINFO *bk, uint32_t type)
{
    h->bk[slot] = *bk;
    if (slot <= DB_BK_DIFF_PREV)
        h->bk_type[slot] = type;
}

void db_hdr_get_bkinfo(const db_hdr *h, enum db_bk_slot slot, JET_BKINFO *bk, uint32_t *type)
{
    *bk = h->bk[slot];
    if (type != NULL)
        *type = slot <= DB_BK_DIFF_PREV ? h->bk_type[slot] : 0;
}
