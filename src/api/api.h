/*
 * api.h: helpers shared by the exported Jet* entry points in src/api/.
 *
 * src/api only validates arguments and dispatches to the layer that owns
 * the work.  W (wide-string) functions are implemented once, parameterised
 * by the caller's wchar_t width: 4 for JetFooW (UTF-32, the Linux default)
 * and 2 for JetFooW_u16 (UTF-16, programs built with -fshort-wchar; see
 * the JET_WSYM comment in esent.h).
 */
#ifndef JETDB_API_API_H
#define JETDB_API_API_H

#include <stddef.h>

#include "jetdb.h"
#include "util/err.h"

/* Width of wchar_t in the two W flavours. */
#define API_WIDE32 4
#define API_WIDE16 2

/* Convert an optional wide string (NULL stays NULL) to malloc'd UTF-8.
 * Invalid UTF-16/UTF-32 → JET_errInvalidParameter. */
JET_ERR api_wide_arg(const void *ws, size_t width, char **out);

#endif
