/* api_util.c: argument conversion shared by the W entry points. */
#include "api/api.h"

#include "util/utf.h"

JET_ERR api_wide_arg(const void *ws, size_t width, char **out)
{
    *out = NULL;
    if (ws == NULL)
        return JET_errSuccess;
    return utf_wide_to_utf8(ws, width, out);
}
