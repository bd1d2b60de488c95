/*
 * param.h: system parameters (JET_param*): the table of every parameter,
 * the stores that hold their values, and the setter/getter behind
 * JetSetSystemParameter / JetGetSystemParameter / JetEnableMultiInstance.
 *
 * Two kinds of store exist: one process-wide (global) store, and one store
 * per instance.  A parameter has a scope (param_table.c):
 *   - global scope: one value per process, always read from and written to
 *     the global store, whatever instance the caller names;
 *   - instance scope: each instance has its own value; the global store
 *     holds the default that a new instance copies when it is created.
 * Strings are held as UTF-8.  Every store has its own lock, so readers
 * (par_num / par_str) never block on a JetSetSystemParameter for long and
 * never need the instance's or the instance table's lock.
 *
 * See docs/params.md for what the engine acts on and ESE's rules we follow.
 */
#ifndef JETDB_INST_PARAM_H
#define JETDB_INST_PARAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "esent.h"

struct inst;
struct par_store;                                   /* opaque */

/* ---- the table ----------------------------------------------------------- */

/* How a parameter's value is passed (ESE's JetParam types). */
typedef enum par_type {
    PAR_ILLEGAL = 0,  /* not a parameter (185, 221): every call fails */
    PAR_BOOL,         /* lParam; any non-zero value is stored as 1 */
    PAR_GRBIT,        /* lParam; a bit mask */
    PAR_INT,          /* lParam; checked against [lo, hi] */
    PAR_STRING,       /* szParam; its length in characters within [lo, hi] */
    PAR_POINTER,      /* lParam; a pointer stored as given */
    PAR_FOLDER,       /* szParam; made absolute, stored with a final '/' */
    PAR_PATH,         /* szParam; a file path, made absolute unless a bare name */
    PAR_BLOCKSIZE,    /* lParam; a power of two within [lo, hi] */
    PAR_SPECIAL,      /* custom get/set (ErrorToString, UnicodeIndexDefault, ...) */
} par_type;

/* Flags of a parameter. */
enum par_flag {
    PAR_F_GLOBAL = 0x0001,      /* one value per process */
    PAR_F_LOCK_GINIT = 0x0002,  /* read-only once the process has a mode
                                   (first JetCreateInstance/JetInit/
                                   JetEnableMultiInstance), as ESE */
    PAR_F_LOCK_INIT = 0x0004,   /* read-only once the instance is initialised */
    PAR_F_ADVANCED = 0x0008,    /* ignored (set succeeds, nothing changes) while
                                   JET_paramEnableAdvanced is 0 */
    PAR_F_READONLY = 0x0010,    /* get only: set fails with InvalidParameter */
    PAR_F_IGNORED = 0x0020,     /* ESE accepts and ignores it */
    PAR_F_PUBLIC = 0x0040,      /* declared in the Windows SDK esent.h */
    PAR_F_ACTED = 0x0080,       /* jetdb acts on it today (docs/params.md) */
};

typedef struct par_def {
    const char *name;           /* "JET_paramSystemPath" */
    uint32_t id;                /* == index in the table */
    uint8_t type;               /* par_type */
    uint16_t flags;             /* par_flag */
    JET_API_PTR lo, hi;         /* value range, or string length range */
    JET_API_PTR def;            /* default (numeric types) */
    JET_API_PTR def_small;      /* default of the low-memory configuration */
    const char *sdef;           /* default (string types), UTF-8 */
} par_def;

#define PAR_COUNT 222u          /* ids 0..221; 221 is JET_paramMaxValueInvalid */

/* The definition of a parameter id, or NULL for an id out of the table. */
const par_def *par_def_of(uint32_t paramid);

/* ---- stores -------------------------------------------------------------- */

/* A new store: a copy of copy_from's values, or ESENT's defaults (NULL). */
JET_ERR par_store_new(const struct par_store *copy_from, struct par_store **out);
void par_store_free(struct par_store *ps);

/* The global store.  It is created on first use (through inst.c's
 * inst_global_params(), so that both see the same store); the first store
 * made with par_store_new(NULL, ...) registers itself as the global one.
 * Must not be called with the instance table lock held. */
struct par_store *par_global(void);

/* ---- readers for the engine ---------------------------------------------- */

/* Effective values for an instance (in == NULL: the global store):
 * instance-scope ids read in->params, global-scope ids the global store.
 * Before the global store exists the table default is returned.  Safe to
 * call with any lock held (only the store's own lock is taken). */
JET_API_PTR par_num(const struct inst *in, uint32_t paramid);
/* Copy a string parameter (UTF-8) into buf (always NUL-terminated, cb > 0);
 * returns its full length in bytes. */
size_t par_str(const struct inst *in, uint32_t paramid, char *buf, size_t cb);
/* true while the parameter still has its default (never set, or reset by
 * JET_paramConfiguration) — ESE's FDefaultParam. */
bool par_is_default(const struct inst *in, uint32_t paramid);

/* The Windows locale name of an LCID jetdb knows ("en-US"; "" for the
 * invariant locale), NULL when unknown; and back (case-insensitive), for
 * JET_UNICODEINDEX2 and JET_IdxInfoLocaleName (src/api/api_ddl.c). */
const char *par_locale_name(uint32_t lcid);
bool par_locale_lcid(const char *name, uint32_t *lcid);

/* ---- the API's setter and getter -------------------------------------------- */

/* JetSetSystemParameter after handle resolution (in == NULL: the global
 * store; a global-scope id always goes to the global store).  Applies ESE's
 * checks: unknown id, read-only, locks (JET_errAlreadyInitialized), ranges
 * and types (JET_errInvalidParameter); on error nothing changes.
 * Takes in->mu (for the instance state) and inst.c's table lock (for the
 * process mode): the caller must hold neither. */
JET_ERR par_set(struct inst *in, uint32_t paramid, JET_API_PTR lparam, const char *sz);
/* JetGetSystemParameter after handle resolution.  Integer types: *plparam.
 * String types: sz/cbMax (bytes, UTF-8), JET_errBufferTooSmall (and a
 * truncated, terminated copy) when it does not fit.  *pcbNeeded (optional)
 * receives the bytes a string needs with its NUL.
 * JET_paramErrorToString: *plparam holds the JET_ERR in, sz gets
 * "JET_errName, description".  JET_paramUnicodeIndexDefault: plparam points
 * at a JET_UNICODEINDEX of cbMax bytes. */
JET_ERR par_get(const struct inst *in, uint32_t paramid, JET_API_PTR *plparam, char *sz,
                size_t cbMax, size_t *pcbNeeded);

/* Engine-internal set: no lock/mode/EnableAdvanced checks, no gate (e.g.
 * JetInit making TempPath absolute, as ESE's ErrInit does).  Range and type
 * checks still apply.  Does not take in->mu or the table lock. */
JET_ERR par_force(struct inst *in, uint32_t paramid, JET_API_PTR lparam, const char *sz);

/* One entry of JetEnableMultiInstance's array (strings in UTF-8). */
typedef struct par_setting {
    uint32_t paramid;
    JET_API_PTR lparam;
    const char *sz;
    JET_ERR err;                /* out: the result for this entry */
} par_setting;

/* JetEnableMultiInstance after argument conversion: in no mode, set every
 * entry globally, stopping at the first failure, then enter multi-instance
 * mode; in single-instance mode JET_errRunningInOneInstanceMode; already in
 * multi-instance mode: compare with the values in force
 * (JET_errSystemParameterConflict on a difference, otherwise
 * JET_errSystemParamsAlreadySet).  *succeeded counts entries that passed. */
JET_ERR par_enable_multi(par_setting *set, size_t count, size_t *succeeded);

#endif
