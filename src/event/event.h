/*
 * event.h: the engine's event log.
 *
 * ESE reports every significant step (instance start/stop, backup steps,
 * corruption found on read, ...) to the Windows application event log with
 * a numeric event id, a category and insertion strings.  jetdb keeps the
 * same ids, categories and strings and sends them to an event sink: syslog
 * by default, plus a callback an application installs through jetdb.h
 * (JetDbSetEventCallback), which is how the tests check events.
 *
 * This layer sits just above src/os: any layer may emit events.  Callers
 * pass the instance's identity and filtering parameters in an ev_source, so
 * this layer needs nothing from the layers above it.
 */
#ifndef JETDB_EVENT_EVENT_H
#define JETDB_EVENT_EVENT_H

#include <stdint.h>

#include "jetdb.h"

/* ESE event categories (jetmsg.mc MessageId 1..19). */
enum ev_category {
    EV_CAT_GENERAL = 1,
    EV_CAT_BUFFER_MANAGER = 2,
    EV_CAT_LOGGING_RECOVERY = 3,
    EV_CAT_SPACE_MANAGER = 4,
    EV_CAT_DATA_DEFINITION = 5,
    EV_CAT_DATA_MANIPULATION = 6,
    EV_CAT_PERFORMANCE = 7,
    EV_CAT_REPAIR = 8,
    EV_CAT_CONVERSION = 9,
    EV_CAT_ONLINE_DEFRAG = 10,
    EV_CAT_SYSTEM_PARAMETER = 11,
    EV_CAT_DATABASE_CORRUPTION = 12,
    EV_CAT_DATABASE_ZEROING = 13,
    EV_CAT_TRANSACTION_MANAGER = 14,
};

/* ESE event ids used by jetdb (jetmsg.mc). */
enum ev_id {
    EV_START_INSTANCE = 102,        /* starting a new instance (name, version) */
    EV_STOP_INSTANCE = 103,         /* stopped the instance (name, dirty flag) */
    EV_STOP_INSTANCE_WITH_ERROR = 104,
    EV_START_INSTANCE_DONE = 105,   /* started a new instance (name, seconds) */
};

/* Who emits an event and how much the instance wants to hear.  Built by the
 * instance layer from JET_paramEventSource, JET_paramNoInformationEvent and
 * JET_paramEventLoggingLevel. */
typedef struct ev_source {
    JET_INSTANCE instance;      /* 0 when no instance is involved */
    const char *instance_name;  /* may be NULL */
    const char *source;         /* event source name; NULL or "" → "ESENT" */
    int no_information;         /* JET_paramNoInformationEvent */
    uint32_t logging_level;     /* JET_paramEventLoggingLevel */
} ev_source;

/* Emit one event with nstrings insertion strings (ESE's %4, %5, ...).
 * `level` is the JET_EventLoggingLevel* an event needs to be reported. */
void ev_emit(const ev_source *src, uint32_t category, uint32_t id, uint32_t type,
             uint32_t level, uint32_t nstrings, const char *const *strings);

#endif
