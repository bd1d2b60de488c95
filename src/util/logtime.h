/*
 * logtime.h: ESE's time stamps and signatures.
 *
 * JET_LOGTIME is ESE's 8-byte calendar time (seconds, minutes, hours, day,
 * month, year - 1900, then milliseconds split over two bytes with the UTC
 * flag); jetdb always stores UTC.  JET_SIGNATURE identifies a database or a
 * log stream: a random number, the creation time and the computer name.
 * Log files, checkpoint files and database headers all use both.
 */
#ifndef JETDB_UTIL_LOGTIME_H
#define JETDB_UTIL_LOGTIME_H

#include <stdbool.h>
#include <stdint.h>

#include "esent.h"

/* Fill *lt from a wall-clock time in milliseconds since 1970 (UTC). */
void logtime_from_ms(uint64_t ms, JET_LOGTIME *lt);
/* The current time as a JET_LOGTIME (UTC, with milliseconds). */
void logtime_now(JET_LOGTIME *lt);
/* Milliseconds since 1970 of a JET_LOGTIME (0 for an all-zero time). */
uint64_t logtime_to_ms(const JET_LOGTIME *lt);
/* Byte-wise equality (ESE compares log times exactly). */
bool logtime_equal(const JET_LOGTIME *a, const JET_LOGTIME *b);
/* "MM/DD/YYYY HH:MM:SS.mmm" as esentutl prints it; buf of >= 32 bytes. */
void logtime_format(const JET_LOGTIME *lt, char *buf, size_t cb);

/* A new signature: random number, now, this machine's host name. */
void signature_new(JET_SIGNATURE *sig);
bool signature_equal(const JET_SIGNATURE *a, const JET_SIGNATURE *b);
/* True for the all-zero signature (never issued by signature_new). */
bool signature_is_zero(const JET_SIGNATURE *sig);

#endif
