/*
 * errtext.h: names and short descriptions of the public JET_err / JET_wrn
 * codes (every code of esent.h).
 *
 * Used by JET_paramErrorToString ("JET_errName, description", as ESE
 * formats it) and by jetutil to print and parse error codes.  A value that
 * is not a public code answers ERRTEXT_UNKNOWN for both name and
 * description, as ESE's own table does.
 */
#ifndef JETDB_UTIL_ERRTEXT_H
#define JETDB_UTIL_ERRTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "esent.h"

#define ERRTEXT_UNKNOWN "Unknown Error"

typedef struct errtext_entry {
    JET_ERR err;          /* the code */
    const char *name;     /* its primary name, e.g. "JET_errDiskFull" */
    const char *desc;     /* one short sentence, no final period */
} errtext_entry;

/* Name and description of err (static strings).  false, and ERRTEXT_UNKNOWN
 * for both, when err is not a public code.  Either pointer may be NULL. */
bool errtext_lookup(JET_ERR err, const char **name, const char **desc);
/* The primary name of err, or ERRTEXT_UNKNOWN. */
const char *errtext_name(JET_ERR err);
/* The code of a name (case-insensitive; aliases such as
 * JET_errDatabaseInconsistent are accepted); JET_errInvalidParameter when
 * the name is unknown. */
JET_ERR errtext_from_name(const char *name, JET_ERR *out);
/* "JET_errName, description" into buf (snprintf rules: always
 * NUL-terminated when cb > 0); returns the full length without the NUL. */
size_t errtext_format(JET_ERR err, char *buf, size_t cb);

/* Iterate the table (sorted by value, ascending). */
size_t errtext_count(void);
const errtext_entry *errtext_entry_at(size_t i);

#endif
