/*
 * log_succ.c: starting a log folder with the generation that follows a
 * given log file of the same stream (restore: the backup set's last log
 * lies in the backup folder, the instance's log folder is empty, and the
 * stream must continue there with the backup's signature, not begin anew).
 */
#include "log/log_int.h"
#include "util/err.h"
#include "util/logtime.h"

#include <stdlib.h>

/*
 * log_create_successor --
 *     Create B.log in folder as generation prev->hdr.gen + 1, chained to
 *     prev (signature, tmPrevGen, accumulated checksum); built under the
 *     Btmp name and renamed into place, so a crash leaves no B.log.
 */
JET_ERR log_create_successor(const char *folder, const char *base, unsigned legacy,
                             const log_file_info *prev)
{
    char name[LOG_NAME_MAX];
    char *tmp = NULL, *cur = NULL;
    uint8_t *seg = NULL;
    os_file *f = NULL;
    JET_ERR err = JET_errSuccess;
    log_file_hdr hdr;

    if (folder == NULL || base == NULL || prev == NULL || prev->hdr.gen >= LOG_GEN_MAX)
        return JET_errInvalidParameter;
    CHECK(log_name_tmp(base, legacy, name, sizeof name));
    CHECK(log_path_of(folder, name, &tmp));
    CHECK(log_name_current(base, legacy, name, sizeof name));
    CHECK(log_path_of(folder, name, &cur));
    if (os_exists(cur)) {
        err = JET_errInvalidParameter;   /* never replace a live stream */
        goto done;
    }
    seg = calloc(1, LOG_SEG_SIZE);
    if (seg == NULL) {
        err = JET_errOutOfMemory;
        goto done;
    }
    memset(&hdr, 0, sizeof hdr);
    hdr.version_major = LOG_FORMAT_MAJOR;
    hdr.version_minor = LOG_FORMAT_MINOR;
    hdr.gen = prev->hdr.gen + 1;
    hdr.nseg = prev->hdr.nseg;
    hdr.page_size = prev->hdr.page_size;
    hdr.flags = 0;
    logtime_now(&hdr.tm_create);
    hdr.tm_prev = prev->hdr.tm_create;
    hdr.sign_log = prev->hdr.sign_log;
    hdr.ckpt_at_create = log_lsn_make(hdr.gen, LOG_SEG_SIZE + LOG_SEG_HDR_SIZE);
    hdr.prev_accum = prev->accum;
    err = log_file_create(tmp, (uint64_t)hdr.nseg * LOG_SEG_SIZE);
    if (err == JET_errDiskFull)
        err = JET_errLogDiskFull;
    CHECK(err);
    log_hdr_encode(&hdr, seg);
    CHECK(os_open(tmp, OS_OPEN_RDWR, &f));
    CHECK(os_pwrite(f, seg, LOG_SEG_SIZE, 0));
    CHECK(os_fdatasync(f));
    CHECK(os_close(f));
    f = NULL;
    CHECK(os_rename_durable(tmp, cur));
done:
    KEEP(err, os_close(f));
    if (err < 0 && tmp != NULL && os_exists(tmp))
        (void)os_unlink(tmp);
    free(seg);
    free(tmp);
    free(cur);
    return err;
}
