/*
 * bk_hdr.c: what a normal end of a backup writes into each database header
 * (ese-backup-semantics.md §2.7, §3.10 step 5) and into the checkpoint
 * file's last-backup marks.
 *
 * Slot choice: full + logs truncated → bkinfoFullPrev (and the incremental,
 * differential and snapshot slots are cleared: they described the chain the
 * new full backup replaces); full, not truncated → bkinfoCopyPrev;
 * incremental + truncated → bkinfoIncPrev; incremental, not truncated →
 * bkinfoDiffPrev.  A slot whose mark is newer than the new one is left alone
 * (an older backup never overwrites a newer one).  Each update is preceded by
 * a backup "update" log record and written with the header's usual durable
 * write (primary, fdatasync, shadow, fdatasync).
 */
#include "backup/bk_int.h"

#include <string.h>

#include "util/err.h"

/*
 * bk_hdr_update --
 *     Record one backup in one database's header, durably.
 */
static JET_ERR bk_hdr_update(inst *in, db *d, bool log_only, bool truncated,
                             const JET_BKINFO *b)
{
    enum db_bk_slot slot = log_only ? (truncated ? DB_BK_INC_PREV : DB_BK_DIFF_PREV)
                                    : (truncated ? DB_BK_FULL_PREV : DB_BK_COPY_PREV);
    CALL(bk_log_record(in, BK_REC_UPDATE, (uint16_t)d->hdr.dbid, b, NULL));
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&d->mu);
    JET_BKINFO old;
    uint32_t type;
    db_hdr_get_bkinfo(&d->hdr, slot, &old, &type);
    if (log_lgpos_to_lsn(&old.lgposMark) <= log_lgpos_to_lsn(&b->lgposMark)) {
        db_hdr_set_bkinfo(&d->hdr, slot, b, DB_BKTYPE_NORMAL);
        if (truncated && !log_only) {
            JET_BKINFO zero;
            memset(&zero, 0, sizeof zero);
            db_hdr_set_bkinfo(&d->hdr, DB_BK_INC_PREV, &zero, DB_BKTYPE_NORMAL);
            db_hdr_set_bkinfo(&d->hdr, DB_BK_DIFF_PREV, &zero, DB_BKTYPE_NORMAL);
            db_hdr_set_bkinfo(&d->hdr, DB_BK_SNAPSHOT_CUR, &zero, DB_BKTYPE_NORMAL);
        }
        err = db_write_header_locked(d);
    }
    pthread_mutex_unlock(&d->mu);
    return err;
}

/*
 * bk_ckpt_marks --
 *     Keep the last full/incremental backup marks in the checkpoint file.
 */
static JET_ERR bk_ckpt_marks(inst *in, struct bk_state *bk)
{
    log_checkpoint cp;
    log_checkpoint_get(in->log, &cp);
    if (bk->full) {
        cp.full_backup_lsn = bk->mark_full;
        cp.full_backup_time = bk->time_full;
    } else {
        cp.inc_backup_lsn = bk->lsn_inc;
        cp.inc_backup_time = bk->time_inc;
    }
    /* The LSN is the in-memory checkpoint the checkpointer set after its
     * page flush, so writing it again is as safe as its own write. */
    return log_checkpoint_write(in->log, &cp);
}

/*
 * bk_hdr_update_all --
 *     Normal end: update every database of the session (event 219 on error).
 */
void bk_hdr_update_all(inst *in, struct bk_state *bk, bool truncated)
{
    for (size_t i = 0; i < bk->ndbs; i++) {
        bk_dbent *e = &bk->dbs[i];
        if (!e->in_session || !e->d->logged || (bk->full && !e->copied))
            continue;
        JET_BKINFO b;
        memset(&b, 0, sizeof b);
        b.genLow = bk->copy_mic;
        b.genHigh = bk->copy_mac - 1;
        if (bk->full) {
            log_lsn_to_lgpos(bk->mark_full, &b.lgposMark);
            b.logtimeMark = bk->time_full;
        } else {
            log_lsn_to_lgpos(bk->lsn_inc, &b.lgposMark);
            b.logtimeMark = bk->time_inc;
        }
        JET_ERR err = bk_hdr_update(in, e->d, !bk->full, truncated, &b);
        if (err < 0)
            bk_event_err(in, BK_EV_HDR_UPDATE_FAIL, err, e->d->path);
    }
    if (truncated) {
        JET_ERR err = bk_ckpt_marks(in, bk);
        if (err < 0)
            bk_event_err(in, BK_EV_HDR_UPDATE_FAIL, err, NULL);
    }
}
