/*
 * event.c: formats ESE events and hands them to the sink (an application
 * callback and/or syslog).  See event.h for the model.
 */
#include "event/event.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

/* The installed sink.  A reader/writer lock (not atomics) so that a caller
 * replacing the callback knows no thread is still inside the old one when
 * JetDbSetEventCallback returns, and may free the old context. */
static pthread_rwlock_t g_sink_lock = PTHREAD_RWLOCK_INITIALIZER;
static JETDB_PFNEVENT g_callback;
static void *g_callback_ctx;
static int g_no_syslog;

/* Message templates in jetdb's words; %N refers to insertion string N-3
 * (ESE numbers its strings from %4 because %1..%3 are source, process id
 * and instance prefix). */
static const struct {
    uint32_t id;
    const char *text;
} g_templates[] = {
    { 102, "starting a new instance (%4), engine version %5.%6.%7.%8" },
    { 103, "stopped the instance (%4); dirty shutdown: %5" },
    { 104, "stopped the instance (%4) with error %5" },
    { 105, "started a new instance (%4) in %5 seconds" },
    { 206, "database %4 has no full backup: an incremental backup needs one first" },
    { 210, "a full backup is starting" },
    { 211, "an incremental backup is starting" },
    { 213, "the backup completed successfully" },
    { 214, "the backup stopped with error %4" },
    { 215, "the backup was stopped by the client" },
    { 217, "error %4 while backing up database %5; it cannot be restored from this backup" },
    { 218, "error %4 while copying or backing up file %5" },
    { 219, "error %4 while recording the backup in the database headers" },
    { 220, "starting the backup of file %4 (size %5)" },
    { 221, "finished the backup of file %4" },
    { 222, "stopped the backup of file %4 after %5 of %6 bytes" },
    { 223, "starting the backup of log files %4 - %5" },
    { 224, "deleting log files %4 to %5" },
    { 225, "no log files can be deleted" },
    { 226, "the backup was stopped by the engine (for example, the instance is terminating)" },
    { 227, "%4 log files of the range to delete were already missing" },
    { 325, "created a new database (%4, %5) in %6 seconds" },
    { 326, "attached a database (%4, %5) in %6 seconds" },
    { 327, "detached a database (%4, %5) in %6 seconds" },
    { 408, "could not write to log file %4: error %5" },
    { 413, "could not create a new log file: error %4" },
    { 429, "the log disk is full; no new work is accepted" },
    { 440, "log file %4 is damaged: error %5" },
    { 473, "database %4 was only partly detached: error %5" },
    { 474, "page of %4 failed its checksum on read" },
    { 475, "page of %4 was found at the wrong place on read" },
    { 476, "page of %4 was read but never written" },
    { 459, "file %4 to back up is missing" },
    { 493, "reading %4 needed retries before it verified" },
    { 520, "log files were not deleted: not every required log was read completely" },
};

/* Expand a template's %4.. markers with the insertion strings. */
static void format_message(uint32_t id, uint32_t nstrings, const char *const *strings,
                           char *buf, size_t cb)
{
    const char *tmpl = NULL;
    for (size_t i = 0; i < sizeof g_templates / sizeof g_templates[0]; i++)
        if (g_templates[i].id == id)
            tmpl = g_templates[i].text;

    size_t n = 0;
    buf[0] = '\0';
    if (tmpl == NULL) {
        /* No template: list the strings, which is still readable. */
        n = (size_t)snprintf(buf, cb, "event %u", id);
        for (uint32_t i = 0; i < nstrings && n < cb; i++)
            n += (size_t)snprintf(buf + n, cb - n, "%s%s", i ? "; " : ": ",
                                  strings[i] ? strings[i] : "");
        return;
    }
    for (const char *p = tmpl; *p && n + 1 < cb; p++) {
        if (p[0] == '%' && p[1] >= '4' && p[1] <= '9') {
            uint32_t k = (uint32_t)(p[1] - '4');
            const char *s = k < nstrings && strings[k] ? strings[k] : "";
            int w = snprintf(buf + n, cb - n, "%s", s);
            n += (size_t)w;
            if (n >= cb)
                n = cb - 1;
            p++;
        } else {
            buf[n++] = *p;
            buf[n] = '\0';
        }
    }
}

/* Map an ESE event type to a syslog priority. */
static int syslog_priority(uint32_t type)
{
    switch (type) {
    case JETDB_EVENT_ERROR:
        return LOG_ERR;
    case JETDB_EVENT_WARNING:
        return LOG_WARNING;
    default:
        return LOG_INFO;
    }
}

void ev_emit(const ev_source *src, uint32_t category, uint32_t id, uint32_t type,
             uint32_t level, uint32_t nstrings, const char *const *strings)
{
    if (src != NULL) {
        if (src->logging_level == JET_EventLoggingDisable || level > src->logging_level)
            return;
        if (src->no_information && type == JETDB_EVENT_INFORMATION)
            return;
    }

    char message[1024];
    format_message(id, nstrings, strings, message, sizeof message);

    JETDB_EVENT ev;
    memset(&ev, 0, sizeof ev);
    ev.cbStruct = (uint32_t)sizeof ev;
    ev.eventId = id;
    ev.category = category;
    ev.type = type;
    ev.level = level;
    ev.instance = src ? src->instance : 0;
    ev.szSource = src && src->source && *src->source ? src->source : "ESENT";
    ev.szInstanceName = src && src->instance_name ? src->instance_name : "";
    ev.cStrings = nstrings;
    ev.rgszStrings = strings;
    ev.szMessage = message;

    pthread_rwlock_rdlock(&g_sink_lock);
    if (g_callback != NULL)
        g_callback(&ev, g_callback_ctx);
    int to_syslog = !g_no_syslog;
    pthread_rwlock_unlock(&g_sink_lock);

    if (to_syslog)
        syslog(syslog_priority(type) | LOG_USER, "%s (%d) %s%sevent %u: %s", ev.szSource,
               (int)getpid(), ev.szInstanceName, *ev.szInstanceName ? ": " : "", id, message);
}

JETDB_EXPORT JET_ERR JetDbSetEventCallback(JETDB_PFNEVENT pfn, void *pvContext, JET_GRBIT grbit)
{
    if (grbit & ~(JET_GRBIT)JETDB_bitEventNoSyslog)
        return JET_errInvalidGrbit;
    if (pfn == NULL && pvContext != NULL)
        return JET_errInvalidParameter;
    pthread_rwlock_wrlock(&g_sink_lock);
    g_callback = pfn;
    g_callback_ctx = pvContext;
    g_no_syslog = (grbit & JETDB_bitEventNoSyslog) != 0;
    pthread_rwlock_unlock(&g_sink_lock);
    return JET_errSuccess;
}
