/*
 * testutil.h: helpers shared by jetdb's cmocka tests.
 * cmocka needs <stdarg.h>, <stddef.h>, <stdint.h> and <setjmp.h> first;
 * including this header takes care of that.
 */
#ifndef JETDB_TESTUTIL_H
#define JETDB_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "esent.h"

/* Create a fresh, empty temporary folder; returns a malloc'd path. */
char *tu_mkdtemp(const char *tag);
/* Remove a folder tree (like rm -rf); ignores errors. */
void tu_rmtree(const char *path);
/* Join two path parts into a malloc'd string. */
char *tu_path(const char *dir, const char *name);
/* 1 when the file or folder exists. */
int tu_exists(const char *path);

/* assert_int_equal for JET_ERR values, printing both numbers. */
#define assert_jet(expected, expr) assert_int_equal((long)(expected), (long)(expr))
#define assert_jet_ok(expr) assert_jet(JET_errSuccess, (expr))

#endif
