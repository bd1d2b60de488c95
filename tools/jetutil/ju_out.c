/*
 * ju_out.c: jetutil's output context — esentutl-style text or JSON from
 * the same calls, problem reporting with failure classes, the closing
 * "Operation completed ..." line, progress bars and small file helpers.
 */
#include "ju.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/errtext.h"

/* Problems are printed at once on stderr, but JSON needs them inside the
 * document, after the mode's fields: keep them until ju_finish. */
static char **g_problems;
static size_t g_nproblems;

uint64_t ju_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void ju_init(ju *u, bool json, bool no_progress, bool logo)
{
    memset(u, 0, sizeof *u);
    u->json = json;
    u->logo = logo && !json;
    u->progress = !json && !no_progress && isatty(STDERR_FILENO);
    u->label_width = 24;
    u->first[0] = true;
    u->t0_ns = ju_now_ns();
}

/* ---- JSON writer ---------------------------------------------------------- */

/* Write s as a JSON string literal into f. */
static void json_quote(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\t': fputs("\\t", f); break;
        case '\r': fputs("\\r", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

/* Comma, newline and indentation before a member, then its key. */
static void json_key(ju *u, const char *key)
{
    if (!u->first[u->depth])
        fputc(',', stdout);
    u->first[u->depth] = false;
    fputc('\n', stdout);
    for (int i = 0; i < u->depth; i++)
        fputs("  ", stdout);
    if (key != NULL) {
        json_quote(stdout, key);
        fputs(": ", stdout);
    }
}

/* Open a nested container. */
static void json_open(ju *u, const char *key, char c)
{
    json_key(u, key);
    fputc(c, stdout);
    if (u->depth + 1 < JU_DEPTH_MAX)
        u->depth++;
    u->first[u->depth] = true;
}

/* Close a container. */
static void json_close(ju *u, char c)
{
    bool empty = u->first[u->depth];
    if (u->depth > 0)
        u->depth--;
    if (!empty) {
        fputc('\n', stdout);
        for (int i = 0; i < u->depth; i++)
            fputs("  ", stdout);
    }
    fputc(c, stdout);
}

/* Right-aligned text label. */
static void text_label(ju *u, const char *label)
{
    printf("%*s: ", u->label_width, label);
}

void ju_text(ju *u, const char *fmt, ...)
{
    if (u->json)
        return;
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

void ju_str(ju *u, const char *key, const char *label, const char *val)
{
    if (u->json) {
        if (key == NULL)
            return;
        json_key(u, key);
        json_quote(stdout, val);
    } else if (label != NULL) {
        text_label(u, label);
        printf("%s\n", val);
    }
}

void ju_strf(ju *u, const char *key, const char *label, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ju_str(u, key, label, buf);
}

void ju_u64(ju *u, const char *key, const char *label, uint64_t v)
{
    if (u->json) {
        if (key != NULL) {
            json_key(u, key);
            printf("%llu", (unsigned long long)v);
        }
    } else if (label != NULL) {
        text_label(u, label);
        printf("%llu\n", (unsigned long long)v);
    }
}

void ju_i64(ju *u, const char *key, const char *label, int64_t v)
{
    if (u->json) {
        if (key != NULL) {
            json_key(u, key);
            printf("%lld", (long long)v);
        }
    } else if (label != NULL) {
        text_label(u, label);
        printf("%lld\n", (long long)v);
    }
}

void ju_u64x(ju *u, const char *key, const char *label, uint64_t v)
{
    if (u->json) {
        ju_u64(u, key, label, v);
    } else if (label != NULL) {
        text_label(u, label);
        printf("%llu (0x%llx)\n", (unsigned long long)v, (unsigned long long)v);
    }
}

void ju_dbl(ju *u, const char *key, const char *label, double v, const char *unit)
{
    if (u->json) {
        if (key != NULL) {
            json_key(u, key);
            printf("%.3f", v);
        }
    } else if (label != NULL) {
        text_label(u, label);
        printf("%.2f%s%s\n", v, unit ? " " : "", unit ? unit : "");
    }
}

void ju_bool(ju *u, const char *key, const char *label, bool v, const char *yes, const char *no)
{
    if (u->json) {
        if (key != NULL) {
            json_key(u, key);
            fputs(v ? "true" : "false", stdout);
        }
    } else if (label != NULL) {
        text_label(u, label);
        printf("%s\n", v ? yes : no);
    }
}

void ju_json_u64(ju *u, const char *key, uint64_t v)
{
    if (u->json)
        ju_u64(u, key, NULL, v);
}

void ju_json_str(ju *u, const char *key, const char *val)
{
    if (u->json)
        ju_str(u, key, NULL, val);
}

void ju_json_bool(ju *u, const char *key, bool v)
{
    if (u->json)
        ju_bool(u, key, NULL, v, "", "");
}

void ju_obj(ju *u, const char *key, const char *title)
{
    if (u->json)
        json_open(u, key, '{');
    else if (title != NULL)
        printf("\n%s\n", title);
}

void ju_end(ju *u)
{
    if (u->json)
        json_close(u, '}');
}

void ju_arr(ju *u, const char *key)
{
    if (u->json)
        json_open(u, key, '[');
}

void ju_item(ju *u)
{
    if (u->json)
        json_open(u, NULL, '{');
}

void ju_arr_end(ju *u)
{
    if (u->json)
        json_close(u, ']');
}

/* ---- composite values ------------------------------------------------------- */

void ju_fmt_logtime(const JET_LOGTIME *lt, char *buf, size_t cb)
{
    static const JET_LOGTIME zero;
    char t[40];
    /* Reading a bit-field of a packed struct is fine; formatting is shared
     * with the engine so both print the same calendar text. */
    if (memcmp(lt, &zero, sizeof zero) == 0) {
        /* esentutl's rendering of an unset time */
        snprintf(buf, cb, "00/00/1900 00:00:00.000 LOC");
        return;
    }
    unsigned millis = (unsigned)lt->bMillisecondsLow | ((unsigned)lt->bMillisecondsHigh << 7);
    snprintf(t, sizeof t, "%02u/%02u/%04u %02u:%02u:%02u.%03u", (unsigned char)lt->bMonth,
             (unsigned char)lt->bDay, 1900u + (unsigned char)lt->bYear,
             (unsigned char)lt->bHours, (unsigned char)lt->bMinutes,
             (unsigned char)lt->bSeconds, millis);
    snprintf(buf, cb, "%s %s", t, lt->fTimeIsUTC ? "UTC" : "LOC");
}

void ju_fmt_lgpos(const JET_LGPOS *pos, char *buf, size_t cb)
{
    snprintf(buf, cb, "(0x%X,%X,%X)", (unsigned)pos->lGeneration, (unsigned)pos->isec,
             (unsigned)pos->ib);
}

void ju_logtime(ju *u, const char *key, const char *label, const JET_LOGTIME *lt)
{
    char buf[64];
    ju_fmt_logtime(lt, buf, sizeof buf);
    ju_str(u, key, label, buf);
}

void ju_lgpos(ju *u, const char *key, const char *label, const JET_LGPOS *pos,
              const JET_LOGTIME *lt)
{
    char p[48], t[64];
    ju_fmt_lgpos(pos, p, sizeof p);
    if (!u->json) {
        if (lt != NULL) {
            ju_fmt_logtime(lt, t, sizeof t);
            ju_strf(u, key, label, "%s  %s", p, t);
        } else {
            ju_str(u, key, label, p);
        }
        return;
    }
    ju_obj(u, key, NULL);
    ju_u64(u, "gen", NULL, (uint32_t)pos->lGeneration);
    ju_u64(u, "isec", NULL, pos->isec);
    ju_u64(u, "ib", NULL, pos->ib);
    if (lt != NULL)
        ju_logtime(u, "time", NULL, lt);
    ju_end(u);
}

void ju_sig(ju *u, const char *key, const char *label, const JET_SIGNATURE *sig)
{
    char t[64], name[JET_MAX_COMPUTERNAME_LENGTH + 1];
    ju_fmt_logtime(&sig->logtimeCreate, t, sizeof t);
    /* The computer name may lack its NUL in a damaged file. */
    memcpy(name, sig->szComputerName, JET_MAX_COMPUTERNAME_LENGTH);
    name[JET_MAX_COMPUTERNAME_LENGTH] = '\0';
    if (!u->json) {
        ju_strf(u, key, label, "Create time:%s Rand:%u Computer:%s", t, sig->ulRandom, name);
        return;
    }
    ju_obj(u, key, NULL);
    ju_u64(u, "random", NULL, sig->ulRandom);
    ju_str(u, "created", NULL, t);
    ju_str(u, "computer", NULL, name);
    ju_end(u);
}

/* ---- problems ---------------------------------------------------------------- */

int ju_class_of(JET_ERR err)
{
    switch (err) {
    case JET_errFileNotFound:
    case JET_errInvalidPath:
    case JET_errFileAccessDenied:
    case JET_errDiskIO:
    case JET_errCheckpointFileNotFound:
    case JET_errInvalidFilename:
    case JET_errOutOfMemory:
        return JU_EXIT_IO;
    case JET_errReadVerifyFailure:
    case JET_errReadPgnoVerifyFailure:
    case JET_errPageNotInitialized:
    case JET_errDatabaseCorrupted:
    case JET_errInvalidDatabase:
    case JET_errInvalidDatabaseVersion:
    case JET_errFileInvalidType:
    case JET_errLogFileCorrupt:
    case JET_errLogReadVerifyFailure:
    case JET_errLogCorrupted:
    case JET_errBadLogVersion:
    case JET_errCheckpointCorrupt:
    case JET_errFileIOBeyondEOF:
    case JET_errBadPatchPage:
    case JET_errLogFileSizeMismatch:
    case JET_errPageSizeMismatch:
    case JET_errLogCorruptDuringHardRestore:
    case JET_errLogCorruptDuringHardRecovery:
        return JU_EXIT_CORRUPT;
    case JET_errMissingLogFile:
    case JET_errInvalidLogSequence:
    case JET_errLogSequenceChecksumMismatch:
    case JET_errBadLogSignature:
    case JET_errLogGenerationMismatch:
    case JET_errDatabaseLogSetMismatch:
    case JET_errBadCheckpointSignature:
    case JET_errMissingFullBackup:
    case JET_errCommittedLogFilesMissing:
    case JET_errMissingPreviousLogFile:
    case JET_errBadDbSignature:
    case JET_errBadBackupDatabaseSize:
    /* restore: the backup folder and the log folder must form one set */
    case JET_errMissingRestoreLogFiles:
    case JET_errMissingCurrentLogFiles:
    case JET_errRequiredLogFilesMissing:
    case JET_errGivenLogFileIsNotContiguous:
    case JET_errExistingLogFileHasBadSignature:
    case JET_errExistingLogFileIsNotContiguous:
    case JET_errStartingRestoreLogTooHigh:
    case JET_errEndingRestoreLogTooLow:
    case JET_errDatabasePatchFileMismatch:
    case JET_errPatchFileMissing:
    case JET_errRestoreOfNonBackupDatabase:
    /* soft recovery: an attached database is not where the logs say */
    case JET_errAttachedDatabaseMismatch:
        return JU_EXIT_INCONSISTENT;
    default:
        return JU_EXIT_ENGINE;
    }
}

/* The exit status when two classes met: damage outranks an inconsistent
 * set, which outranks unreadable files, which outrank engine failures, so
 * the status names the most fundamental problem. */
static int worse(int a, int b)
{
    static const int rank[] = {0, 5, 2, 4, 3, 1};   /* indexed by class */
    if (a < 0 || a > 5)
        return b;
    if (b < 0 || b > 5)
        return a;
    return rank[b] > rank[a] ? b : a;
}

void ju_problem(ju *u, int cls, const char *file, JET_ERR err, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (cls == 0)
        cls = ju_class_of(err);
    int before = u->exit_code;
    u->exit_code = worse(u->exit_code, cls);
    /* The closing line names the error of the problem that decided the
     * exit status (the first one of the worst class). */
    if (err < 0 && (u->exit_code != before || u->exit_err == 0) && u->exit_code == cls)
        u->exit_err = err;
    if (u->quiet)
        return;
    u->problems++;
    const char *name = ERRTEXT_UNKNOWN, *desc = ERRTEXT_UNKNOWN;
    (void)errtext_lookup(err, &name, &desc);
    ju_progress_end(u);
    fprintf(stderr, "jetutil: %s%s%s", file ? file : "", file ? ": " : "", msg);
    if (err != 0)
        fprintf(stderr, " (error %d, %s: %s)", (int)err, name, desc);
    fputc('\n', stderr);
    if (!u->json)
        return;
    /* Render the JSON entry now; it is written by ju_finish. */
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f == NULL)
        return;
    fputs("{\"class\": ", f);
    fprintf(f, "%d", cls);
    if (file != NULL) {
        fputs(", \"file\": ", f);
        json_quote(f, file);
    }
    fprintf(f, ", \"error\": %d, \"error_name\": ", (int)err);
    json_quote(f, err != 0 ? name : "");
    fputs(", \"error_text\": ", f);
    json_quote(f, err != 0 ? desc : "");
    fputs(", \"message\": ", f);
    json_quote(f, msg);
    fputc('}', f);
    fclose(f);
    char **n = realloc(g_problems, (g_nproblems + 1) * sizeof *n);
    if (n == NULL) {
        free(buf);
        return;
    }
    g_problems = n;
    g_problems[g_nproblems++] = buf;
}

void ju_warn(ju *u, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ju_progress_end(u);
    if (u->json)
        fprintf(stderr, "jetutil: warning: %s\n", msg);
    else
        printf("WARNING: %s\n", msg);
}

void ju_begin(ju *u, const char *mode, const char *title)
{
    if (u->json) {
        fputc('{', stdout);
        u->depth = 1;
        u->first[1] = true;
        ju_str(u, "mode", NULL, mode);
        return;
    }
    if (u->logo) {
        printf("jetdb Utilities for Linux (jetutil), a counterpart of ESE's esentutl\n");
        printf("Version %s\n\n", JETUTIL_VERSION);
    }
    if (title != NULL)
        printf("%s\n", title);
}

void ju_problems_flush(ju *u)
{
    if (u->json) {
        json_key(u, "problems");
        fputc('[', stdout);
        for (size_t i = 0; i < g_nproblems; i++) {
            fputs(i ? ",\n" : "\n", stdout);
            for (int d = 0; d <= u->depth; d++)
                fputs("  ", stdout);
            fputs(g_problems[i], stdout);
        }
        if (g_nproblems > 0) {
            fputc('\n', stdout);
            for (int d = 0; d < u->depth; d++)
                fputs("  ", stdout);
        }
        fputc(']', stdout);
    }
    for (size_t i = 0; i < g_nproblems; i++)
        free(g_problems[i]);
    free(g_problems);
    g_problems = NULL;
    g_nproblems = 0;
}

int ju_finish(ju *u, JET_ERR err)
{
    ju_progress_end(u);
    if (err < 0 && u->exit_code == 0)
        u->exit_code = ju_class_of(err);
    if (u->exit_code != 0 && err >= 0 && u->exit_err < 0) {
        err = u->exit_err;
    } else if (u->exit_code != 0 && err >= 0) {
        /* A problem was found without an engine error: name the one ESE
         * would have returned for the class. */
        err = u->exit_code == JU_EXIT_CORRUPT        ? JET_errDatabaseCorrupted
              : u->exit_code == JU_EXIT_INCONSISTENT ? JET_errMissingLogFile
              : u->exit_code == JU_EXIT_IO           ? JET_errFileNotFound
                                                     : JET_errInternalError;
        if (u->exit_code == JU_EXIT_INCONSISTENT && u->problems == 0)
            err = JET_errInternalError;
    }
    double secs = (double)(ju_now_ns() - u->t0_ns) / 1e9;
    if (u->json) {
        while (u->depth > 1)
            ju_end(u);
        ju_problems_flush(u);
        ju_str(u, "status", NULL, u->exit_code == 0 ? "ok" : "failed");
        ju_u64(u, "exit_code", NULL, (uint64_t)u->exit_code);
        ju_dbl(u, "seconds", NULL, secs, NULL);
        json_close(u, '}');
        fputc('\n', stdout);
    } else {
        ju_problems_flush(u);
        if (u->exit_code == 0) {
            printf("\nOperation completed successfully in %.3f seconds.\n", secs);
        } else {
            const char *name = ERRTEXT_UNKNOWN, *desc = ERRTEXT_UNKNOWN;
            (void)errtext_lookup(err, &name, &desc);
            printf("\nOperation terminated with error %d (%s, %s) after %.3f seconds.\n",
                   (int)err, name, desc, secs);
        }
    }
    fflush(stdout);
    return u->exit_code;
}

/* ---- progress ------------------------------------------------------------------ */

void ju_progress_start(ju *u, const char *title, uint64_t total)
{
    u->pr_title = title;
    u->pr_total = total;
    u->pr_start_ns = ju_now_ns();
    u->pr_last_ns = 0;
    u->pr_drawn = false;
}

void ju_progress(ju *u, uint64_t done)
{
    if (!u->progress || u->pr_title == NULL)
        return;
    uint64_t now = ju_now_ns();
    /* Redrawing more than ten times a second only costs time. */
    if (u->pr_drawn && now - u->pr_last_ns < 100000000ull && done < u->pr_total)
        return;
    u->pr_last_ns = now;
    u->pr_drawn = true;
    unsigned pct = u->pr_total ? (unsigned)(done * 100 / u->pr_total) : 100;
    if (pct > 100)
        pct = 100;
    char bar[41];
    unsigned fill = pct * 40 / 100;
    memset(bar, '#', fill);
    memset(bar + fill, '.', 40 - fill);
    bar[40] = '\0';
    double secs = (double)(now - u->pr_start_ns) / 1e9;
    double mib = (double)done / (1024.0 * 1024.0);
    fprintf(stderr, "\r%-12.12s [%s] %3u%% %9.1f MiB %8.1f MiB/s", u->pr_title, bar, pct, mib,
            secs > 0 ? mib / secs : 0.0);
    fflush(stderr);
}

void ju_progress_end(ju *u)
{
    if (u->progress && u->pr_drawn) {
        /* Erase the bar so that following lines start clean. */
        fprintf(stderr, "\r%*s\r", 100, "");
        fflush(stderr);
    }
    u->pr_drawn = false;
    u->pr_title = NULL;
}

/* ---- files ------------------------------------------------------------------------ */

JET_ERR ju_err_of_errno(int e)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        return JET_errFileNotFound;
    case EACCES:
    case EPERM:
    case EROFS:
        return JET_errFileAccessDenied;
    case ENOMEM:
        return JET_errOutOfMemory;
    case EISDIR:
        return JET_errInvalidPath;
    default:
        return JET_errDiskIO;
    }
}

int ju_open_read(ju *u, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        ju_problem(u, JU_EXIT_IO, path, ju_err_of_errno(e), "cannot open: %s", strerror(e));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        ju_problem(u, JU_EXIT_IO, path, JET_errInvalidPath, "is a folder, not a file");
        return -1;
    }
    return fd;
}

int ju_pread_full(int fd, void *buf, size_t cb, uint64_t off, size_t *got)
{
    size_t done = 0;
    while (done < cb) {
        ssize_t n = pread(fd, (char *)buf + done, cb - done, (off_t)(off + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (got)
                *got = done;
            return -1;
        }
        if (n == 0)
            break;
        done += (size_t)n;
    }
    if (got)
        *got = done;
    return 0;
}

char *ju_path(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (p == NULL)
        return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (a > 0 && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

/* qsort comparator of C strings. */
static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **ju_list_dir(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    *count = 0;
    if (d == NULL)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof *nn);
            if (nn == NULL)
                break;
            names = nn;
        }
        names[n] = strdup(de->d_name);
        if (names[n] != NULL)
            n++;
    }
    closedir(d);
    if (names == NULL)
        names = calloc(1, sizeof *names);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    *count = n;
    return names;
}

void ju_list_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

bool ju_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool ju_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}
