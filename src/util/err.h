/*
 * err.h: the one error-propagation idiom of jetdb.
 *
 * Internal functions return JET_ERR: 0 success, < 0 error (JET_err*),
 * > 0 warning (JET_wrn*).  Warnings are not errors and never stop a caller.
 *   CALL(expr)  - return the error of expr to our caller at once.
 *   CHECK(expr) - store expr's result in the local `err` and jump to the
 *                 function's single cleanup label `done` when it failed.
 *   KEEP(err, expr) - run a cleanup step, keeping the first error seen.
 */
#ifndef JETDB_UTIL_ERR_H
#define JETDB_UTIL_ERR_H

#include "esent.h"

#define CALL(expr)                                                     \
    do {                                                               \
        JET_ERR call_err_ = (expr);                                    \
        if (call_err_ < 0)                                             \
            return call_err_;                                          \
    } while (0)

#define CHECK(expr)                                                    \
    do {                                                               \
        err = (expr);                                                  \
        if (err < 0)                                                   \
            goto done;                                                 \
    } while (0)

#define KEEP(first, expr)                                              \
    do {                                                               \
        JET_ERR keep_err_ = (expr);                                    \
        if (keep_err_ < 0 && (first) >= 0)                             \
            (first) = keep_err_;                                       \
    } while (0)

#define JET_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
