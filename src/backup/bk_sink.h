/*
 * bk_sink.h: the writer thread of JetBackup's staged copies (bk_sink.c).
 *
 * JetBackup's own thread reads the source (database stream, logs) into a
 * buffer of the sink, queues it, and goes on reading; the sink's thread
 * writes it into the staged file, paces the write-back, and at the end of
 * each file flushes, fsyncs and closes it.  Every wait of the reading side
 * looks at the stop flag every few milliseconds, so a stop never waits for
 * a write, a write-back or an fsync stuck in the kernel (see bk_sink.c).
 */
#ifndef JETDB_BACKUP_BK_SINK_H
#define JETDB_BACKUP_BK_SINK_H

#include <stdbool.h>
#include <stdint.h>

#include "esent.h"

struct inst;
struct os_file;
typedef struct bk_sink bk_sink;

/* Start the writer thread with buffers of cbuf bytes; pace = write pacing
 * (bk_backup.c).  JET_errOutOfMemory if it cannot. */
JET_ERR bk_sink_start(struct inst *in, uint32_t cbuf, bool pace, bk_sink **out);
/* A free buffer of the sink to fill (waits for one; JET_errBackupAbortByServer
 * / JET_errTermInProgress if the backup is stopped meanwhile, or the
 * writer's first error). */
JET_ERR bk_sink_buffer(bk_sink *s, uint8_t **buf);
/* Queue the buffer bk_sink_buffer returned: len bytes at off of f. */
JET_ERR bk_sink_write(bk_sink *s, struct os_file *f, uint32_t len, uint64_t off);
/* Queue the end of f: flush = make it durable (write-back, fsync) first;
 * the sink closes f in any case.  wait: return only when that is done (its
 * result, or a stop); else return at once (f is closed later). */
JET_ERR bk_sink_close(bk_sink *s, struct os_file *f, bool flush, bool wait);
/* Success or error: end the thread (it is idle by now) and free the sink. */
void bk_sink_finish(bk_sink *s);
/* Stop: tell the thread to drop the queued writes, close its files and end
 * after the call it may be blocked in; bk_sink_join_free does the rest. */
void bk_sink_abandon(bk_sink *s);
/* Wait for an abandoned sink's thread to end and free the sink. */
void bk_sink_join_free(bk_sink *s);

#endif
