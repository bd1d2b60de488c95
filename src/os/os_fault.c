/*
 * os_fault.c: the I/O fault-injection hook (JetDbFault* in jetdb.h).
 *
 * The os_ functions call os_fault_check() before each system call.  While
 * an operation class is disarmed that is one relaxed load of os_fault_mask
 * and a not-taken branch.  Once armed, calls go through the slow path here,
 * which serialises on one mutex: armed runs are tests, where simplicity and
 * exact counts matter more than speed, and the mutex is what keeps a
 * re-arm racing with I/O threads free of data races.
 */
#include "os/os.h"
#include "util/err.h"
#include "jetdb.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest path filter accepted (longer ones are refused, not truncated). */
#define FAULT_PATH_MAX 1024

_Static_assert((int)JETDB_faultopMax == (int)OS_FAULT_NOPS,
               "jetdb.h and os.h must list the same operation classes");
_Static_assert((int)JETDB_faultopWrite == (int)OS_FAULT_WRITE &&
               (int)JETDB_faultopTruncate == (int)OS_FAULT_TRUNCATE,
               "jetdb.h and os.h must number the operation classes alike");

/* One operation class's arming.  The configuration is written and read
 * under fault_lock; the counters are atomic so that JetDbFaultCount and
 * JetDbFaultFired can read them without it. */
struct fault_slot {
    uint64_t nth;                   /* 1-based call to fail; 0 = count only */
    int err;                        /* errno injected */
    bool persistent;                /* keep failing after the nth call */
    bool shorten;                   /* write half the buffer first */
    char path[FAULT_PATH_MAX];      /* substring filter; "" = every path */
    _Atomic uint64_t seen;          /* matching calls since arming */
    _Atomic uint64_t fired;         /* calls failed since arming */
};

atomic_uint os_fault_mask;
static pthread_mutex_t fault_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fault_slot fault_slots[OS_FAULT_NOPS];

/*
 * fault_path_matches --
 *     true when the slot has no filter or one of the paths contains it.
 */
static bool fault_path_matches(const struct fault_slot *s, const char *path,
                               const char *path2)
{
    if (s->path[0] == '\0')
        return true;
    return (path != NULL && strstr(path, s->path) != NULL) ||
           (path2 != NULL && strstr(path2, s->path) != NULL);
}

/*
 * os_fault_check_slow --
 *     Count one call of op on path (path2 may be NULL); tell whether it fails.
 */
os_fault_hit os_fault_check_slow(enum os_fault_op op, const char *path,
                                 const char *path2)
{
    os_fault_hit hit = { 0, false };
    if ((unsigned)op >= OS_FAULT_NOPS)
        return hit;

    pthread_mutex_lock(&fault_lock);
    struct fault_slot *s = &fault_slots[op];
    /* Re-test under the lock: a disarm may have won the race with the
     * caller's unlocked look at the mask. */
    if ((atomic_load_explicit(&os_fault_mask, memory_order_relaxed) & (1u << op)) &&
        fault_path_matches(s, path, path2)) {
        uint64_t n = atomic_fetch_add_explicit(&s->seen, 1, memory_order_relaxed) + 1;
        if (s->nth != 0 && (n == s->nth || (s->persistent && n > s->nth))) {
            atomic_fetch_add_explicit(&s->fired, 1, memory_order_relaxed);
            hit.err = s->err;
            hit.shorten = s->shorten;
        }
    }
    pthread_mutex_unlock(&fault_lock);
    return hit;
}

/*
 * JetDbFaultArm --
 *     Arm (or re-arm) the fault slot of op.
 */
JETDB_EXPORT JET_ERR JetDbFaultArm(JETDB_FAULT_OP op, uint64_t nth, int errnum,
                                   JET_GRBIT grbit, const char *szPathSubstring)
{
    const JET_GRBIT known = JETDB_bitFaultPersistent | JETDB_bitFaultShortWrite;
    if ((grbit & ~known) != 0)
        return JET_errInvalidGrbit;
    if ((unsigned)op >= OS_FAULT_NOPS)
        return JET_errInvalidParameter;
    if (nth != 0 && errnum <= 0)
        return JET_errInvalidParameter;
    if ((grbit & JETDB_bitFaultShortWrite) && op != JETDB_faultopWrite)
        return JET_errInvalidParameter;
    size_t len = szPathSubstring ? strlen(szPathSubstring) : 0;
    if (len >= FAULT_PATH_MAX)
        return JET_errInvalidParameter;

    pthread_mutex_lock(&fault_lock);
    struct fault_slot *s = &fault_slots[op];
    s->nth = nth;
    s->err = errnum;
    s->persistent = (grbit & JETDB_bitFaultPersistent) != 0;
    s->shorten = (grbit & JETDB_bitFaultShortWrite) != 0;
    if (len)
        memcpy(s->path, szPathSubstring, len);
    s->path[len] = '\0';
    atomic_store_explicit(&s->seen, 0, memory_order_relaxed);
    atomic_store_explicit(&s->fired, 0, memory_order_relaxed);
    atomic_fetch_or_explicit(&os_fault_mask, 1u << op, memory_order_relaxed);
    pthread_mutex_unlock(&fault_lock);
    return JET_errSuccess;
}

/*
 * JetDbFaultDisarm --
 *     Stop counting and failing op; its counters keep their last values.
 */
JETDB_EXPORT void JetDbFaultDisarm(JETDB_FAULT_OP op)
{
    if ((unsigned)op >= OS_FAULT_NOPS)
        return;
    pthread_mutex_lock(&fault_lock);
    atomic_fetch_and_explicit(&os_fault_mask, ~(1u << op), memory_order_relaxed);
    pthread_mutex_unlock(&fault_lock);
}

/*
 * JetDbFaultDisarmAll --
 *     Disarm every operation class.
 */
JETDB_EXPORT void JetDbFaultDisarmAll(void)
{
    pthread_mutex_lock(&fault_lock);
    atomic_store_explicit(&os_fault_mask, 0, memory_order_relaxed);
    pthread_mutex_unlock(&fault_lock);
}

/*
 * JetDbFaultCount --
 *     Calls of op counted since it was last armed.
 */
JETDB_EXPORT uint64_t JetDbFaultCount(JETDB_FAULT_OP op)
{
    if ((unsigned)op >= OS_FAULT_NOPS)
        return 0;
    return atomic_load_explicit(&fault_slots[op].seen, memory_order_relaxed);
}

/*
 * JetDbFaultFired --
 *     Calls of op made to fail since it was last armed.
 */
JETDB_EXPORT uint64_t JetDbFaultFired(JETDB_FAULT_OP op)
{
    if ((unsigned)op >= OS_FAULT_NOPS)
        return 0;
    return atomic_load_explicit(&fault_slots[op].fired, memory_order_relaxed);
}

/* ---- the specification syntax (JETDB_FAULT, JetDbFaultArmSpec) ---- */

static const char *const fault_op_names[OS_FAULT_NOPS] = {
    "open", "read", "write", "fsync", "rename", "unlink", "mkdir", "truncate",
};

/* errno names a specification may use instead of numbers. */
static const struct { const char *name; int value; } fault_errnos[] = {
    { "EIO", EIO }, { "ENOSPC", ENOSPC }, { "EDQUOT", EDQUOT },
    { "EACCES", EACCES }, { "EPERM", EPERM }, { "EROFS", EROFS },
    { "ENOENT", ENOENT }, { "EEXIST", EEXIST }, { "ENOTDIR", ENOTDIR },
    { "EISDIR", EISDIR }, { "ENAMETOOLONG", ENAMETOOLONG }, { "ELOOP", ELOOP },
    { "EMFILE", EMFILE }, { "ENFILE", ENFILE }, { "ENOMEM", ENOMEM },
    { "EBUSY", EBUSY }, { "EINVAL", EINVAL }, { "EXDEV", EXDEV },
    { "EFBIG", EFBIG }, { "ENOTEMPTY", ENOTEMPTY }, { "EAGAIN", EAGAIN },
};

/* One parsed "op:nth:errno[:flags][:path]" item. */
struct fault_spec {
    JETDB_FAULT_OP op;
    uint64_t nth;
    int err;
    JET_GRBIT grbit;
    const char *path;       /* points into the caller's (copied) text */
};

/*
 * fault_parse_u64 --
 *     Parse a whole decimal field; false when it is not one.
 */
static bool fault_parse_u64(const char *s, uint64_t *v)
{
    if (*s < '0' || *s > '9')
        return false;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *v = (uint64_t)x;
    return true;
}

/*
 * fault_parse_item --
 *     Parse one item in place (its ':' become NULs); false when malformed.
 */
static bool fault_parse_item(char *item, struct fault_spec *out)
{
    char *field[4] = { NULL, NULL, NULL, NULL };
    char *p = item;
    /* The first four fields end at ':'; whatever follows is the path, so a
     * path may itself contain ':'. */
    for (int i = 0; i < 4 && p != NULL; i++) {
        field[i] = p;
        char *colon = strchr(p, ':');
        if (colon)
            *colon = '\0';
        p = colon ? colon + 1 : NULL;
    }
    const char *path = p;
    if (field[2] == NULL)
        return false;

    int op = -1;
    for (int i = 0; i < OS_FAULT_NOPS; i++)
        if (strcmp(field[0], fault_op_names[i]) == 0)
            op = i;
    if (op < 0)
        return false;
    out->op = (JETDB_FAULT_OP)op;

    if (!fault_parse_u64(field[1], &out->nth))
        return false;

    uint64_t num;
    out->err = 0;
    for (size_t i = 0; i < JET_ARRAY_LEN(fault_errnos); i++)
        if (strcmp(field[2], fault_errnos[i].name) == 0)
            out->err = fault_errnos[i].value;
    if (out->err == 0) {
        if (!fault_parse_u64(field[2], &num) || num == 0 || num > 4095)
            return false;
        out->err = (int)num;
    }

    out->grbit = 0;
    out->path = NULL;
    if (field[3] != NULL) {
        if (strcmp(field[3], "persist") == 0)
            out->grbit = JETDB_bitFaultPersistent;
        else if (strcmp(field[3], "short") == 0)
            out->grbit = JETDB_bitFaultShortWrite;
        else if (field[3][0] != '\0') {
            /* No flag word: the fourth field already starts the path. */
            if (path != NULL)
                field[3][strlen(field[3])] = ':';   /* undo the split */
            path = field[3];
        }
    }
    if (path != NULL && path[0] != '\0')
        out->path = path;
    if ((out->grbit & JETDB_bitFaultShortWrite) && out->op != JETDB_faultopWrite)
        return false;
    return out->path == NULL || strlen(out->path) < FAULT_PATH_MAX;
}

/*
 * JetDbFaultArmSpec --
 *     Arm from a specification string; a malformed one arms nothing.
 */
JETDB_EXPORT JET_ERR JetDbFaultArmSpec(const char *szSpec)
{
    if (szSpec == NULL)
        return JET_errInvalidParameter;
    char *copy = strdup(szSpec);
    if (copy == NULL)
        return JET_errOutOfMemory;

    /* Parse everything before arming anything, so a typo in the third item
     * does not leave the first two armed. */
    struct fault_spec specs[16];
    size_t n = 0;
    JET_ERR err = JET_errSuccess;
    char *save = NULL;
    for (char *item = strtok_r(copy, ";", &save); item != NULL;
         item = strtok_r(NULL, ";", &save)) {
        if (n == JET_ARRAY_LEN(specs) || !fault_parse_item(item, &specs[n])) {
            err = JET_errInvalidParameter;
            goto done;
        }
        n++;
    }
    if (n == 0) {
        err = JET_errInvalidParameter;
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        CHECK(JetDbFaultArm(specs[i].op, specs[i].nth, specs[i].err,
                            specs[i].grbit, specs[i].path));
done:
    free(copy);
    return err;
}

/*
 * fault_arm_from_env --
 *     Arm from JETDB_FAULT when the library is loaded.
 *
 * A constructor rather than a lazy check on first use, so the hot path
 * stays a single load with no "initialised yet?" test.
 */
__attribute__((constructor)) static void fault_arm_from_env(void)
{
    const char *spec = getenv("JETDB_FAULT");
    if (spec == NULL || spec[0] == '\0')
        return;
    /* A library must not abort its host; a test that set the variable wrong
     * sees this line on stderr and no faults. */
    if (JetDbFaultArmSpec(spec) < 0)
        fprintf(stderr, "jetdb: ignoring malformed JETDB_FAULT=\"%s\"\n", spec);
}
