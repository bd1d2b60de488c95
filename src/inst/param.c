/*
 * param.c: parameter stores and the rules of JetSetSystemParameter /
 * JetGetSystemParameter / JetEnableMultiInstance (ESE's CJetParam and
 * ErrSetSystemParameter / ErrGetSystemParameter, jetapi.cxx).
 *
 * A store is an array of values indexed by parameter id, plus a "written"
 * flag per id (ESE's m_fWritten: set by a successful set, cleared by a
 * reset).  Numeric values live in val[]; strings are malloc'd UTF-8 in
 * str[] (NULL means the table default).  Each store has its own mutex.
 *
 * The order of the checks in a set follows ESE exactly, because callers can
 * observe it: unknown id; parameter ignored while EnableAdvanced is 0;
 * custom setters; unchanged value (success without any other check);
 * locks (JET_errAlreadyInitialized); range; type-specific checks.
 *
 * Lock order: the instance table lock (inst.c) before in->mu before a
 * store's mutex.  par_set reads the process mode (table lock) before it
 * takes in->mu, so it never holds in->mu while asking for the table lock.
 */
#include "inst/param.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "inst/inst.h"
#include "os/os.h"
#include "util/err.h"
#include "util/errtext.h"

/* ESE's Windows constants used by JET_paramUnicodeIndexDefault. */
#define LCMAP_SORTKEY_ 0x00000400u
#define LCMAP_UPPERCASE_ 0x00000200u
#define UIDX_VALID_FLAGS_                                                      \
    (0x00000800u /* LCMAP_BYTEREV */ | 0x00000001u /* NORM_IGNORECASE */ |    \
     0x00000002u /* NORM_IGNORENONSPACE */ | 0x00000004u /* NORM_IGNORESYMBOLS */ | \
     0x00000010u /* LINGUISTIC_IGNORECASE */ | 0x00000020u /* LINGUISTIC_IGNOREDIACRITIC */ | \
     0x00000008u /* SORT_DIGITSASNUMBERS */ | 0x00010000u /* NORM_IGNOREKANATYPE */ | \
     0x00020000u /* NORM_IGNOREWIDTH */ | 0x08000000u /* NORM_LINGUISTIC_CASING */ | \
     0x00001000u /* SORT_STRINGSORT */)
#define UIDX_DEFAULT_LCID 0x0409u                 /* "en-US" */
#define UIDX_DEFAULT_FLAGS 0x00030401u            /* SORTKEY|IGNORECASE|IGNOREKANATYPE|IGNOREWIDTH */

/* JET_paramCommitDefault accepts these bits (ESE's g_grbitCommitFlagsMsk). */
#define COMMIT_DEFAULT_MASK (0x1u | 0x2u | 0x8u | 0x10u | 0x20u)

#define CONFIG_LEGACY_SMALL 0u                    /* JET_paramConfiguration == 0 */
#define CONFIG_LEGACY_DEFAULT 1u                  /* == JET_configDefault */

/* Ids referenced by number (some are not in the SDK header). */
enum {
    ID_COMMIT_DEFAULT = 16,
    ID_CACHE_SIZE_MAX = 23,
    ID_TRANSACTION_LEVEL = 38,
    ID_CACHE_SIZE = 41,
    ID_ERROR_TO_STRING = 70,
    ID_UNICODE_INDEX_DEFAULT = 72,
    ID_RECOVERY_CURRENT_LOGFILE = 79,
    ID_DBA_THRESHOLD = 121,
    ID_DBA_K1 = 122,
    ID_DBA_K2 = 123,
    ID_PAGE_SIZE = 64,
    ID_CONFIGURATION = 129,
    ID_ENABLE_ADVANCED = 130,
    ID_KEY_MOST = 134,
    ID_LV_CHUNK_SIZE_MOST = 163,
    ID_RECORD_SIZE_MOST = 213,
};

struct par_store {
    pthread_mutex_t mu;
    JET_API_PTR val[PAR_COUNT];     /* numeric values */
    char *str[PAR_COUNT];           /* string values (UTF-8), NULL = default */
    bool written[PAR_COUNT];        /* set since creation or the last reset */
    uint32_t config;                /* effective JET_config* bits (ESE's m_config) */
    uint32_t uidx_lcid;             /* JET_paramUnicodeIndexDefault */
    uint32_t uidx_flags;
};

/* The process-wide store; registered by the first par_store_new(NULL). */
static _Atomic(struct par_store *) g_global;

/* ---- small helpers ------------------------------------------------------- */

/*
 * utf8_chars --
 *     Length of a UTF-8 string in characters (code points), as ESE counts
 *     string parameter lengths (it counts UTF-16 units; equal for the BMP).
 */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s != '\0'; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/*
 * copy_utf8 --
 *     Copy s into buf (cb > 0), cutting at a character boundary when it
 *     does not fit; always NUL-terminated.  Returns true when all fitted.
 */
static bool copy_utf8(const char *s, char *buf, size_t cb)
{
    size_t len = strlen(s);
    if (len < cb) {
        memcpy(buf, s, len + 1);
        return true;
    }
    size_t n = cb - 1;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;                        /* do not split a multi-byte sequence */
    memcpy(buf, s, n);
    buf[n] = '\0';
    return false;
}

static bool is_string_type(const par_def *def)
{
    return def->type == PAR_STRING || def->type == PAR_FOLDER || def->type == PAR_PATH;
}

/* Page-size dependent read-only values (ESE: CbKeyMostForPage,
 * InitVariablesWithPageSize, CPAGE::CbPageDataMaxNoInsert). */
static JET_API_PTR computed_value(uint32_t id, JET_API_PTR cb_page)
{
    bool small = cb_page <= 8192;
    switch (id) {
    case ID_KEY_MOST:
        /* JET_cbKeyMost4KBytePage 1000, 8 KiB and larger 2000 */
        return cb_page >= 8192 ? 2000 : (cb_page >= 4096 ? 1000 : 500);
    case ID_LV_CHUNK_SIZE_MOST:
        /* 4 KiB/8 KiB pages: page - (page header 40 + LV chunk overhead 42);
         * 16 KiB and 32 KiB pages use fixed sizes so that 4 chunks fit. */
        return small ? cb_page - 82 : (cb_page == 32768 ? 8150 : 4050);
    case ID_RECORD_SIZE_MOST:
        /* page data minus one reserved tag (4 bytes); headers 40 / 80 */
        return cb_page - (small ? 40u : 80u) - 4u;
    default:
        return 0;
    }
}

/* ---- locale ids for JET_paramUnicodeIndexDefault -------------------------- */

/* Windows LCIDs accepted (ESE validates them with LCIDToLocaleName).  The
 * normalisation layer maps the locale name to an ICU collator. */
static const struct {
    uint32_t lcid;
    const char *name;
} g_lcids[] = {
    { 0x007F, "" },      /* invariant */
    { 0x0401, "ar-SA" }, { 0x0402, "bg-BG" }, { 0x0403, "ca-ES" }, { 0x0404, "zh-TW" },
    { 0x0405, "cs-CZ" }, { 0x0406, "da-DK" }, { 0x0407, "de-DE" }, { 0x0408, "el-GR" },
    { 0x0409, "en-US" }, { 0x040A, "es-ES_tradnl" }, { 0x040B, "fi-FI" }, { 0x040C, "fr-FR" },
    { 0x040D, "he-IL" }, { 0x040E, "hu-HU" }, { 0x040F, "is-IS" }, { 0x0410, "it-IT" },
    { 0x0411, "ja-JP" }, { 0x0412, "ko-KR" }, { 0x0413, "nl-NL" }, { 0x0414, "nb-NO" },
    { 0x0415, "pl-PL" }, { 0x0416, "pt-BR" }, { 0x0418, "ro-RO" }, { 0x0419, "ru-RU" },
    { 0x041A, "hr-HR" }, { 0x041B, "sk-SK" }, { 0x041C, "sq-AL" }, { 0x041D, "sv-SE" },
    { 0x041E, "th-TH" }, { 0x041F, "tr-TR" }, { 0x0420, "ur-PK" }, { 0x0421, "id-ID" },
    { 0x0422, "uk-UA" }, { 0x0423, "be-BY" }, { 0x0424, "sl-SI" }, { 0x0425, "et-EE" },
    { 0x0426, "lv-LV" }, { 0x0427, "lt-LT" }, { 0x0429, "fa-IR" }, { 0x042A, "vi-VN" },
    { 0x042B, "hy-AM" }, { 0x042D, "eu-ES" }, { 0x042F, "mk-MK" }, { 0x0436, "af-ZA" },
    { 0x0437, "ka-GE" }, { 0x0439, "hi-IN" }, { 0x043E, "ms-MY" }, { 0x043F, "kk-KZ" },
    { 0x0441, "sw-KE" }, { 0x0456, "gl-ES" }, { 0x0804, "zh-CN" }, { 0x0807, "de-CH" },
    { 0x0809, "en-GB" }, { 0x080A, "es-MX" }, { 0x080C, "fr-BE" }, { 0x0810, "it-CH" },
    { 0x0813, "nl-BE" }, { 0x0814, "nn-NO" }, { 0x0816, "pt-PT" }, { 0x081D, "sv-FI" },
    { 0x0C04, "zh-HK" }, { 0x0C07, "de-AT" }, { 0x0C09, "en-AU" }, { 0x0C0A, "es-ES" },
    { 0x0C0C, "fr-CA" }, { 0x1004, "zh-SG" }, { 0x1009, "en-CA" }, { 0x100C, "fr-CH" },
    { 0x1409, "en-NZ" }, { 0x1809, "en-IE" }, { 0x2C0A, "es-AR" },
};

static bool lcid_known(uint32_t lcid)
{
    for (size_t i = 0; i < JET_ARRAY_LEN(g_lcids); i++)
        if (g_lcids[i].lcid == lcid)
            return true;
    return false;
}

const char *par_locale_name(uint32_t lcid)
{
    for (size_t i = 0; i < JET_ARRAY_LEN(g_lcids); i++)
        if (g_lcids[i].lcid == lcid)
            return g_lcids[i].name;
    return NULL;
}

bool par_locale_lcid(const char *name, uint32_t *lcid)
{
    for (size_t i = 0; i < JET_ARRAY_LEN(g_lcids); i++) {
        if (strcasecmp(g_lcids[i].name, name) == 0) {
            *lcid = g_lcids[i].lcid;
            return true;
        }
    }
    return false;
}

/*
 * uidx_check --
 *     Validate a JET_UNICODEINDEX as ESE's SetUnicodeIndexDefault does:
 *     LCMAP_SORTKEY is added unless the flags are exactly LCMAP_UPPERCASE
 *     (which this parameter refuses), other bits must be sort-key options.
 *     LCID 0/0x400/0x800 (neutral, user and system default) mean en-US.
 */
static JET_ERR uidx_check(const JET_UNICODEINDEX *ui, uint32_t *lcid, uint32_t *flags)
{
    uint32_t f = ui->dwMapFlags;
    if (f != LCMAP_UPPERCASE_)
        f |= LCMAP_SORTKEY_;
    if ((f & ~UIDX_VALID_FLAGS_) != LCMAP_SORTKEY_)
        return JET_errInvalidParameter;
    uint32_t l = ui->lcid;
    if (l == 0 || l == 0x0400 || l == 0x0800)
        l = UIDX_DEFAULT_LCID;
    if (!lcid_known(l))
        return JET_errInvalidParameter;
    *lcid = l;
    *flags = f;
    return JET_errSuccess;
}

/* ---- stores ---------------------------------------------------------------- */

/* Set every value of a fresh store to ESENT's defaults; caller owns ps. */
static void store_defaults(struct par_store *ps)
{
    for (uint32_t id = 0; id < PAR_COUNT; id++) {
        ps->val[id] = par_def_of(id)->def;
        ps->str[id] = NULL;
        ps->written[id] = false;
    }
    ps->config = JET_configDefault;
    ps->uidx_lcid = UIDX_DEFAULT_LCID;
    ps->uidx_flags = UIDX_DEFAULT_FLAGS;
}

JET_ERR par_store_new(const struct par_store *copy_from, struct par_store **out)
{
    *out = NULL;
    struct par_store *ps = calloc(1, sizeof(*ps));
    if (ps == NULL)
        return JET_errOutOfMemory;
    if (pthread_mutex_init(&ps->mu, NULL) != 0) {
        free(ps);
        return JET_errOutOfMemory;
    }
    if (copy_from == NULL) {
        store_defaults(ps);
        /* The first defaults store of the process is the global one; see
         * par_global() for why registration happens here. */
        struct par_store *none = NULL;
        atomic_compare_exchange_strong(&g_global, &none, ps);
        *out = ps;
        return JET_errSuccess;
    }

    /* ESE clones every parameter of the global array into a new instance,
     * written flags included (CJetParam::Clone*). */
    struct par_store *src = (struct par_store *)copy_from;
    JET_ERR err = JET_errSuccess;
    pthread_mutex_lock(&src->mu);
    memcpy(ps->val, src->val, sizeof(ps->val));
    memcpy(ps->written, src->written, sizeof(ps->written));
    ps->config = src->config;
    ps->uidx_lcid = src->uidx_lcid;
    ps->uidx_flags = src->uidx_flags;
    for (uint32_t id = 0; id < PAR_COUNT && err >= 0; id++) {
        if (src->str[id] != NULL && (ps->str[id] = strdup(src->str[id])) == NULL)
            err = JET_errOutOfMemory;
    }
    pthread_mutex_unlock(&src->mu);
    if (err < 0) {
        par_store_free(ps);
        return err;
    }
    *out = ps;
    return JET_errSuccess;
}

void par_store_free(struct par_store *ps)
{
    if (ps == NULL)
        return;
    struct par_store *me = ps;
    atomic_compare_exchange_strong(&g_global, &me, NULL);
    for (uint32_t id = 0; id < PAR_COUNT; id++)
        free(ps->str[id]);
    pthread_mutex_destroy(&ps->mu);
    free(ps);
}

/*
 * par_global --
 *     The global store, created through inst_global_params() so that the
 *     instance layer and this one share it (inst.c creates it with
 *     par_store_new(NULL), which registers it).
 */
struct par_store *par_global(void)
{
    struct par_store *ps = atomic_load(&g_global);
    if (ps != NULL)
        return ps;
    (void)inst_global_params();
    return atomic_load(&g_global);
}

/* The store that holds id for in (NULL when the global store does not exist
 * yet: the caller then reads table defaults). */
static struct par_store *store_for(const struct inst *in, const par_def *def)
{
    if (in == NULL || (def->flags & PAR_F_GLOBAL))
        return atomic_load(&g_global);
    return in->params;
}

/* ---- readers ---------------------------------------------------------------- */

/* A numeric value (or 0 for strings) from ps, or the default when ps is NULL. */
static JET_API_PTR read_num(struct par_store *ps, const par_def *def)
{
    JET_API_PTR v = def->def;
    if (ps != NULL) {
        pthread_mutex_lock(&ps->mu);
        v = ps->val[def->id];
        pthread_mutex_unlock(&ps->mu);
    }
    return v;
}

static JET_API_PTR page_size(void)
{
    return read_num(atomic_load(&g_global), par_def_of(ID_PAGE_SIZE));
}

JET_API_PTR par_num(const struct inst *in, uint32_t paramid)
{
    const par_def *def = par_def_of(paramid);
    if (def == NULL || def->type == PAR_ILLEGAL || is_string_type(def))
        return 0;
    switch (paramid) {
    case ID_KEY_MOST:
    case ID_LV_CHUNK_SIZE_MOST:
    case ID_RECORD_SIZE_MOST:
        return computed_value(paramid, page_size());
    default:
        return read_num(store_for(in, def), def);
    }
}

/* Copy a string value (or its default) into buf; returns its byte length.
 * Sets *fit to whether it fitted.  ps may be NULL (defaults). */
static size_t read_str(struct par_store *ps, const par_def *def, char *buf, size_t cb, bool *fit)
{
    size_t len;
    if (ps != NULL)
        pthread_mutex_lock(&ps->mu);
    const char *s = ps != NULL && ps->str[def->id] != NULL ? ps->str[def->id]
                    : def->sdef != NULL                   ? def->sdef
                                                          : "";
    len = strlen(s);
    bool ok = cb > 0 ? copy_utf8(s, buf, cb) : false;
    if (ps != NULL)
        pthread_mutex_unlock(&ps->mu);
    if (fit != NULL)
        *fit = ok;
    return len;
}

size_t par_str(const struct inst *in, uint32_t paramid, char *buf, size_t cb)
{
    const par_def *def = par_def_of(paramid);
    if (def == NULL || !is_string_type(def)) {
        if (cb > 0)
            buf[0] = '\0';
        return 0;
    }
    return read_str(store_for(in, def), def, buf, cb, NULL);
}

bool par_is_default(const struct inst *in, uint32_t paramid)
{
    const par_def *def = par_def_of(paramid);
    if (def == NULL)
        return true;
    struct par_store *ps = store_for(in, def);
    if (ps == NULL)
        return true;
    pthread_mutex_lock(&ps->mu);
    bool w = ps->written[paramid];
    pthread_mutex_unlock(&ps->mu);
    return !w;
}

/* ---- values: validation and storing ------------------------------------------- */

/* Free a value prepared by prepare_value. */
typedef struct par_value {
    JET_API_PTR num;
    char *str;                  /* malloc'd; owned until stored */
} par_value;

/*
 * complete_path --
 *     ESE's SetFolder / SetPath: make the path absolute (lexically, like
 *     GetFullPathName) and check the absolute length against the range.
 *     A folder keeps a final '/'.  A file path given as a bare name
 *     ("tmp.edb") is stored as given; JetInit resolves it later.
 */
static JET_ERR complete_path(const par_def *def, const char *sz, char **out)
{
    *out = NULL;
    if (sz == NULL || sz[0] == '\0')
        return JET_errInvalidPath;      /* GetFullPathName("") fails */
    char *abs = NULL;
    CALL(os_path_absolute(sz, &abs));
    size_t n = strlen(abs);
    /* A folder always ends in '/'; a file path keeps a final '/' it was
     * given (it then names a folder for tmp.edb, as in ESE). */
    bool slash = def->type == PAR_FOLDER || sz[strlen(sz) - 1] == '/';
    if (slash && (n == 0 || abs[n - 1] != '/')) {
        char *t = realloc(abs, n + 2);
        if (t == NULL) {
            free(abs);
            return JET_errOutOfMemory;
        }
        abs = t;
        abs[n] = '/';
        abs[n + 1] = '\0';
    }
    size_t chars = utf8_chars(abs);
    if (chars < def->lo || chars > def->hi) {
        free(abs);
        return JET_errInvalidParameter;
    }
    if (def->type == PAR_PATH && sz[strlen(sz) - 1] != '/' && strchr(sz, '/') == NULL) {
        free(abs);
        abs = strdup(sz);
        if (abs == NULL)
            return JET_errOutOfMemory;
    }
    *out = abs;
    return JET_errSuccess;
}

/*
 * prepare_value --
 *     Range and type checks of ESE's ValidateSet and the typed setters,
 *     producing the value to store.  Nothing is changed here.
 */
static JET_ERR prepare_value(const par_def *def, JET_API_PTR lparam, const char *sz, par_value *v)
{
    v->num = lparam;
    v->str = NULL;
    if (is_string_type(def)) {
        size_t chars = sz != NULL ? utf8_chars(sz) : 0;
        if (chars < def->lo || chars > def->hi || chars > 10000)
            return JET_errInvalidParameter;
        if (def->type != PAR_STRING)
            return complete_path(def, sz, &v->str);
        v->str = strdup(sz != NULL ? sz : "");
        return v->str != NULL ? JET_errSuccess : JET_errOutOfMemory;
    }
    if (lparam < def->lo || lparam > def->hi)
        return JET_errInvalidParameter;
    if (def->type == PAR_BOOL)
        v->num = lparam != 0;
    if (def->type == PAR_BLOCKSIZE && (lparam & (lparam - 1)) != 0)
        return JET_errInvalidParameter;
    return JET_errSuccess;
}

/* Store a prepared value; caller holds ps->mu.  Takes ownership of v->str. */
static void store_value_locked(struct par_store *ps, const par_def *def, par_value *v)
{
    if (is_string_type(def)) {
        free(ps->str[def->id]);
        ps->str[def->id] = v->str;
        v->str = NULL;
    } else {
        ps->val[def->id] = v->num;
    }
    ps->written[def->id] = true;
}

/* ---- JET_paramConfiguration ------------------------------------------------------ */

/* One entry of a configuration set (ESE's ConfigSetOverrideValue). */
typedef struct cfg_override {
    uint32_t id;
    JET_API_PTR value;
    uint8_t unit;               /* CFG_* conversion */
} cfg_override;

enum { CFG_NONE = 0, CFG_BYTES_TO_PAGES, CFG_PCT_CACHE_MAX };

static const cfg_override g_cfg_remove_quotas[] = {
    { 6, 2147483647, CFG_NONE }, { 8, 2147483647, CFG_NONE }, { 9, 2147483647, CFG_NONE },
    { 10, 2147483647, CFG_NONE }, { 63, 2147483647, CFG_NONE }, { 5, 30000, CFG_NONE },
};
static const cfg_override g_cfg_low_disk[] = {
    { 18, 16, CFG_NONE }, { 19, 14, CFG_NONE }, { 17, 1, CFG_NONE },
    { 11, 64, CFG_NONE }, { 24, 512 * 1024, CFG_NONE },
};
static const cfg_override g_cfg_medium_disk[] = {
    { 18, 512 * 1024, CFG_BYTES_TO_PAGES }, { 19, 30, CFG_NONE }, { 17, 1, CFG_NONE },
    { 11, 512, CFG_NONE }, { 24, 4 * 1024 * 1024, CFG_NONE },
};
static const cfg_override g_cfg_dyn_medium_mem[] = {
    { 104, 1, CFG_NONE }, { 12, 512, CFG_NONE }, { 101, 64, CFG_NONE },
    { 126, 1, CFG_NONE }, { 127, 1, CFG_NONE }, { 60, 128 * 1024, CFG_BYTES_TO_PAGES },
    { 23, 5 * 1024 * 1024, CFG_BYTES_TO_PAGES }, { 31, 2, CFG_PCT_CACHE_MAX },
    { 32, 3, CFG_PCT_CACHE_MAX }, { 26, 1000, CFG_NONE }, { 81, 1, CFG_NONE },
    { 128, 8192, CFG_NONE }, { 30, 48, CFG_NONE },
};
static const cfg_override g_cfg_ssd[] = {
    { 164, 256 * 1024, CFG_NONE }, { 165, 256 * 1024, CFG_NONE }, { 167, 0, CFG_NONE },
    { 30, 16, CFG_NONE }, { 179, 5, CFG_NONE },
};
static const cfg_override g_cfg_run_silent[] = {
    { 50, 1, CFG_NONE }, { 51, 0, CFG_NONE }, { 107, 1, CFG_NONE },
};

/*
 * reset_locked --
 *     ESE's CJetParam::Reset: back to a value with the written flag
 *     cleared, refused (silently, by the callers) when the parameter is
 *     locked.  Caller holds ps->mu.
 */
static void reset_locked(struct par_store *ps, const par_def *def, bool is_inst, bool inst_inited,
                         bool mode_set, JET_API_PTR value)
{
    if ((def->flags & PAR_F_LOCK_GINIT) && mode_set)
        return;
    if ((def->flags & PAR_F_LOCK_INIT) && is_inst && inst_inited)
        return;
    if (is_string_type(def)) {
        free(ps->str[def->id]);
        ps->str[def->id] = NULL;
    } else if (def->id == ID_UNICODE_INDEX_DEFAULT) {
        ps->uidx_lcid = UIDX_DEFAULT_LCID;
        ps->uidx_flags = UIDX_DEFAULT_FLAGS;
    } else {
        ps->val[def->id] = value;
    }
    ps->written[def->id] = false;
}

/* Global values a configuration set converts with (page size, cache size). */
typedef struct cfg_globals {
    JET_API_PTR cb_page;
    JET_API_PTR cache_max;
} cfg_globals;

/* ESE's SetJetConfigSet: apply one override table to the store's scope.
 * gv == NULL: ps is the global store, read the current values from it. */
static void apply_cfg_set(struct par_store *ps, const cfg_globals *gv, bool is_inst,
                          const cfg_override *set, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        /* read per entry: an earlier entry of the same table may have just
         * changed the cache size (ESE reads the live value too) */
        JET_API_PTR cb_page = gv != NULL ? gv->cb_page : ps->val[ID_PAGE_SIZE];
        JET_API_PTR cache_max = gv != NULL ? gv->cache_max : ps->val[ID_CACHE_SIZE_MAX];
        const par_def *def = par_def_of(set[i].id);
        if (is_inst && (def->flags & PAR_F_GLOBAL))
            continue;           /* an instance's configuration leaves globals alone */
        JET_API_PTR v = set[i].value;
        if (set[i].unit == CFG_BYTES_TO_PAGES) {
            v /= cb_page;
        } else if (set[i].unit == CFG_PCT_CACHE_MAX) {
            JET_API_PTR floor = set[i].id == 31 ? 1 : 2;
            v = cache_max * v / 100;
            if (cache_max <= 100 && v < floor)
                v = floor;
        }
        if (set[i].id == 11 && cb_page == 32768 && v == 64)
            v = 128;            /* 64 KiB logs do not work with 32 KiB pages */
        reset_locked(ps, def, is_inst, false, false, v);
    }
}

/*
 * set_configuration --
 *     ESE's SetConfiguration.  0 is the legacy "small" configuration; any
 *     value with JET_configDefault resets every parameter of the scope to
 *     its default first; the other bits are cumulative override sets.
 *     Caller holds ps->mu.  For an instance store, gv carries the global
 *     page and cache sizes the override tables convert with (read before
 *     ps->mu was taken, so no two stores are ever locked together).
 */
static JET_ERR set_configuration(struct par_store *ps, const cfg_globals *gv, bool is_inst,
                                 JET_API_PTR lparam)
{
    if (lparam > par_def_of(ID_CONFIGURATION)->hi)
        return JET_errInvalidParameter;
    uint32_t cfg_set, cfg_final, cfg_legacy;
    if (lparam == CONFIG_LEGACY_SMALL) {
        cfg_set = JET_configDefault | JET_configLowDiskFootprint | JET_configLowMemory |
                  JET_configRemoveQuotas;
        cfg_final = cfg_set;
        cfg_legacy = CONFIG_LEGACY_SMALL;
    } else if (lparam == CONFIG_LEGACY_DEFAULT) {
        cfg_set = cfg_final = cfg_legacy = JET_configDefault;
    } else {
        cfg_set = (uint32_t)lparam;
        cfg_final = (cfg_set & JET_configDefault) ? JET_configDefault : ps->config;
        cfg_final |= cfg_set & ~(uint32_t)JET_configDefault;
        cfg_legacy = cfg_final;
    }
    ps->val[ID_CONFIGURATION] = cfg_legacy;
    ps->written[ID_CONFIGURATION] = true;
    ps->config = cfg_final;

    bool legacy_small = cfg_legacy == CONFIG_LEGACY_SMALL;
    if ((cfg_set & JET_configDefault) || legacy_small) {
        for (uint32_t id = 0; id < PAR_COUNT; id++) {
            const par_def *def = par_def_of(id);
            if (id == ID_CONFIGURATION || def->type == PAR_ILLEGAL)
                continue;
            if (is_inst && (def->flags & PAR_F_GLOBAL))
                continue;
            reset_locked(ps, def, is_inst, false, false,
                         (cfg_legacy & JET_configDefault) ? def->def : def->def_small);
        }
    }
    if ((cfg_set & JET_configLowDiskFootprint) && !legacy_small)
        apply_cfg_set(ps, gv, is_inst, g_cfg_low_disk, JET_ARRAY_LEN(g_cfg_low_disk));
    if (cfg_set & JET_configMediumDiskFootprint)
        apply_cfg_set(ps, gv, is_inst, g_cfg_medium_disk, JET_ARRAY_LEN(g_cfg_medium_disk));
    if ((cfg_set & JET_configLowMemory) && !legacy_small) {
        for (uint32_t id = 0; id < PAR_COUNT; id++) {
            const par_def *def = par_def_of(id);
            if (id == ID_CONFIGURATION || (is_inst && (def->flags & PAR_F_GLOBAL)))
                continue;
            if (def->def_small != def->def)
                reset_locked(ps, def, is_inst, false, false, def->def_small);
        }
    }
    if (cfg_set & JET_configDynamicMediumMemory)
        apply_cfg_set(ps, gv, is_inst, g_cfg_dyn_medium_mem,
                      JET_ARRAY_LEN(g_cfg_dyn_medium_mem));
    if (cfg_set & JET_configSSDProfileIO)
        apply_cfg_set(ps, gv, is_inst, g_cfg_ssd, JET_ARRAY_LEN(g_cfg_ssd));
    if (cfg_set & JET_configRemoveQuotas)
        apply_cfg_set(ps, gv, is_inst, g_cfg_remove_quotas,
                      JET_ARRAY_LEN(g_cfg_remove_quotas));
    if (cfg_set & JET_configRunSilent)
        apply_cfg_set(ps, gv, is_inst, g_cfg_run_silent, JET_ARRAY_LEN(g_cfg_run_silent));
    /* LowPower, UnthrottledMemory and HighConcurrencyScaling change nothing
     * in ESE's table either; every bit of the range is understood. */
    return JET_errSuccess;
}

/* ---- set ------------------------------------------------------------------------ */

/* What the lock checks need to know about the caller's context. */
typedef struct set_ctx {
    bool is_inst;               /* an instance was named (ESE: pinst != NULL) */
    bool inst_inited;           /* that instance completed JetInit */
    bool mode_set;              /* the process has a mode (global-init lock) */
    bool check_locks;           /* false for par_force */
} set_ctx;

/*
 * set_in_store --
 *     The body of a set once the target store is known.  Holds ps->mu only
 *     while reading the current value and while storing.
 */
static JET_ERR set_in_store(struct par_store *ps, const par_def *def, const set_ctx *cx,
                            JET_API_PTR lparam, const char *sz)
{
    uint32_t id = def->id;

    pthread_mutex_lock(&ps->mu);
    bool advanced_on = ps->val[ID_ENABLE_ADVANCED] != 0;
    JET_API_PTR cur = ps->val[id];
    pthread_mutex_unlock(&ps->mu);

    /* ESE ignores advanced parameters (success, nothing changes) while
     * JET_paramEnableAdvanced is off in the target scope. */
    if (cx->check_locks && (def->flags & PAR_F_ADVANCED) && !advanced_on)
        return JET_errSuccess;

    /* Custom setters (ESE's CUSTOM_PARAM entries) and read-only ids. */
    switch (id) {
    case ID_ERROR_TO_STRING:
    case ID_TRANSACTION_LEVEL:
    case ID_RECOVERY_CURRENT_LOGFILE:
        return JET_errInvalidParameter;
    case ID_DBA_THRESHOLD:
    case ID_DBA_K1:
    case ID_DBA_K2:
        return JET_errSuccess;          /* accepted and ignored */
    case ID_COMMIT_DEFAULT:
        /* no lock and no range check in ESE; only the grbit mask */
        if (lparam & ~(JET_API_PTR)COMMIT_DEFAULT_MASK)
            return JET_errInvalidParameter;
        pthread_mutex_lock(&ps->mu);
        ps->val[id] = lparam;
        ps->written[id] = true;
        pthread_mutex_unlock(&ps->mu);
        return JET_errSuccess;
    case ID_CACHE_SIZE:
        /* ESE hands it to the buffer manager (resize now); stored here
         * until the cache layer takes it over. */
        pthread_mutex_lock(&ps->mu);
        ps->val[id] = lparam;
        ps->written[id] = true;
        pthread_mutex_unlock(&ps->mu);
        return JET_errSuccess;
    case ID_UNICODE_INDEX_DEFAULT: {
        /* ESE's custom setter runs no lock check; NULL means "back to the
         * default"; any invalid content is JET_errInvalidParameter. */
        uint32_t lcid = UIDX_DEFAULT_LCID, flags = UIDX_DEFAULT_FLAGS;
        bool reset = lparam == 0;
        if (!reset)
            CALL(uidx_check((const JET_UNICODEINDEX *)lparam, &lcid, &flags));
        pthread_mutex_lock(&ps->mu);
        ps->uidx_lcid = lcid;
        ps->uidx_flags = flags;
        ps->written[id] = !reset;
        pthread_mutex_unlock(&ps->mu);
        return JET_errSuccess;
    }
    case ID_CONFIGURATION: {
        if (cx->check_locks && ((!cx->is_inst && cx->mode_set) ||
                                (cx->is_inst && cx->inst_inited)))
            return JET_errAlreadyInitialized;
        cfg_globals gv = { 4096, 2000000000 }, *pgv = NULL;
        if (cx->is_inst) {
            gv.cb_page = par_num(NULL, ID_PAGE_SIZE);
            gv.cache_max = par_num(NULL, ID_CACHE_SIZE_MAX);
            pgv = &gv;
        }
        pthread_mutex_lock(&ps->mu);
        JET_ERR err = set_configuration(ps, pgv, cx->is_inst, lparam);
        pthread_mutex_unlock(&ps->mu);
        return err;
    }
    default:
        break;
    }
    if (def->flags & PAR_F_READONLY)
        return JET_errInvalidParameter;

    /* ValidateSet: an unchanged value succeeds before any other check
     * (strings compare by pointer in ESE, so they never match). */
    if (!is_string_type(def) && lparam == cur)
        return JET_errSuccess;
    if (cx->check_locks) {
        if ((def->flags & PAR_F_LOCK_GINIT) && cx->mode_set)
            return JET_errAlreadyInitialized;
        if ((def->flags & PAR_F_LOCK_INIT) && cx->is_inst && cx->inst_inited)
            return JET_errAlreadyInitialized;
    }

    par_value v;
    JET_ERR err = prepare_value(def, lparam, sz, &v);
    if (err < 0) {
        free(v.str);
        return err;
    }
    pthread_mutex_lock(&ps->mu);
    store_value_locked(ps, def, &v);
    pthread_mutex_unlock(&ps->mu);
    return JET_errSuccess;
}

/* Common front of par_set / par_force: id checks and the target store. */
static JET_ERR resolve_target(const struct inst *in, uint32_t paramid, const par_def **def,
                              struct par_store **ps)
{
    *def = par_def_of(paramid);
    if (*def == NULL || (*def)->type == PAR_ILLEGAL)
        return JET_errInvalidParameter;
    if (in == NULL || ((*def)->flags & PAR_F_GLOBAL)) {
        *ps = par_global();
        return *ps != NULL ? JET_errSuccess : JET_errOutOfMemory;
    }
    *ps = in->params;
    return *ps != NULL ? JET_errSuccess : JET_errOutOfMemory;
}

JET_ERR par_set(struct inst *in, uint32_t paramid, JET_API_PTR lparam, const char *sz)
{
    const par_def *def;
    struct par_store *ps;
    CALL(resolve_target(in, paramid, &def, &ps));

    set_ctx cx = { .is_inst = in != NULL, .check_locks = true };
    /* The process mode first (table lock), never while holding in->mu. */
    cx.mode_set = inst_get_mode() != INST_MODE_NONE;
    if (in == NULL)
        return set_in_store(ps, def, &cx, lparam, sz);

    /* Hold in->mu across the check and the store so that JetInit (which
     * changes the state under in->mu) cannot start in between. */
    pthread_mutex_lock(&in->mu);
    cx.inst_inited = in->state == INST_RUNNING || in->state == INST_TERMINATING;
    JET_ERR err = set_in_store(ps, def, &cx, lparam, sz);
    pthread_mutex_unlock(&in->mu);
    return err;
}

JET_ERR par_force(struct inst *in, uint32_t paramid, JET_API_PTR lparam, const char *sz)
{
    const par_def *def;
    struct par_store *ps;
    CALL(resolve_target(in, paramid, &def, &ps));
    set_ctx cx = { .is_inst = in != NULL, .check_locks = false };
    return set_in_store(ps, def, &cx, lparam, sz);
}

/* ---- get ------------------------------------------------------------------------ */

/* Copy str to the caller's buffer with ESE's GetString rules. */
static JET_ERR give_string(const char *s, char *sz, size_t cbMax, size_t *pcbNeeded)
{
    if (pcbNeeded != NULL)
        *pcbNeeded = strlen(s) + 1;
    if (sz == NULL || cbMax < 1)
        return JET_errInvalidParameter;
    return copy_utf8(s, sz, cbMax) ? JET_errSuccess : JET_errBufferTooSmall;
}

JET_ERR par_get(const struct inst *in, uint32_t paramid, JET_API_PTR *plparam, char *sz,
                size_t cbMax, size_t *pcbNeeded)
{
    const par_def *def = par_def_of(paramid);
    if (def == NULL || def->type == PAR_ILLEGAL)
        return JET_errInvalidParameter;
    struct par_store *ps = in != NULL && !(def->flags & PAR_F_GLOBAL) ? in->params
                                                                      : atomic_load(&g_global);

    switch (paramid) {
    case ID_ERROR_TO_STRING: {
        if (plparam == NULL)
            return JET_errInvalidParameter;
        /* ESE reads the JET_ERR from the first 4 bytes of *plParam. */
        JET_ERR e;
        memcpy(&e, plparam, sizeof(e));
        if (sz == NULL || cbMax < 1)
            return JET_errInvalidParameter;
        const char *name, *desc;
        (void)errtext_lookup(e, &name, &desc);
        size_t need = strlen(name) + 2 + strlen(desc) + 1;
        char *text = malloc(need);
        if (text == NULL)
            return JET_errOutOfMemory;
        (void)errtext_format(e, text, need);
        JET_ERR err = give_string(text, sz, cbMax, pcbNeeded);
        free(text);
        return err;
    }
    case ID_UNICODE_INDEX_DEFAULT: {
        if (plparam == NULL)
            return JET_errInvalidParameter;
        if (cbMax < sizeof(JET_UNICODEINDEX))
            return JET_errBufferTooSmall;
        JET_UNICODEINDEX ui = { UIDX_DEFAULT_LCID, UIDX_DEFAULT_FLAGS };
        if (ps != NULL) {
            pthread_mutex_lock(&ps->mu);
            ui.lcid = ps->uidx_lcid;
            ui.dwMapFlags = ps->uidx_flags;
            pthread_mutex_unlock(&ps->mu);
        }
        memcpy(plparam, &ui, sizeof(ui));
        return JET_errSuccess;
    }
    case ID_TRANSACTION_LEVEL:
        /* ESE needs a session (ppib) here; this getter has none. */
        return JET_errInvalidParameter;
    case ID_RECOVERY_CURRENT_LOGFILE:
        /* ESE: an instance whose log has a current generation; the log
         * layer does not report one yet, which ESE answers this way. */
        return JET_errInvalidParameter;
    case ID_DBA_THRESHOLD:
    case ID_DBA_K1:
    case ID_DBA_K2:
        return JET_errSuccess;
    default:
        break;
    }

    if (is_string_type(def)) {
        bool fit = false;
        if (sz == NULL || cbMax < 1) {
            if (pcbNeeded != NULL)
                *pcbNeeded = read_str(ps, def, NULL, 0, NULL) + 1;
            return JET_errInvalidParameter;
        }
        size_t len = read_str(ps, def, sz, cbMax, &fit);
        if (pcbNeeded != NULL)
            *pcbNeeded = len + 1;
        return fit ? JET_errSuccess : JET_errBufferTooSmall;
    }
    if (plparam == NULL)
        return JET_errInvalidParameter;
    *plparam = par_num(in, paramid);
    return JET_errSuccess;
}

/* ---- JetEnableMultiInstance ---------------------------------------------------------- */

/* ESE's "already in multi-instance mode" comparison of one entry. */
static JET_ERR compare_global(struct par_store *g, const par_setting *s)
{
    const par_def *def = par_def_of(s->paramid);
    if (def == NULL)
        return JET_errInvalidParameter;
    bool same;
    pthread_mutex_lock(&g->mu);
    if ((def->flags & PAR_F_GLOBAL) && (def->flags & PAR_F_LOCK_GINIT) && !g->written[def->id]) {
        pthread_mutex_unlock(&g->mu);
        return JET_errSystemParameterConflict;
    }
    if (is_string_type(def)) {
        const char *cur = g->str[def->id] != NULL ? g->str[def->id]
                          : def->sdef != NULL     ? def->sdef
                                                  : "";
        same = strcmp(cur, s->sz != NULL ? s->sz : "") == 0;
    } else {
        JET_API_PTR v = g->val[def->id];
        if (def->id == ID_CONFIGURATION)
            v &= ~(JET_API_PTR)JET_configDefault;
        same = v == s->lparam;
    }
    pthread_mutex_unlock(&g->mu);
    return same ? JET_errSuccess : JET_errSystemParameterConflict;
}

JET_ERR par_enable_multi(par_setting *set, size_t count, size_t *succeeded)
{
    size_t ok = 0;
    JET_ERR err = JET_errSuccess;
    *succeeded = 0;
    if (count > 0 && set == NULL)
        return JET_errInvalidParameter;

    struct par_store *g = par_global();
    if (g == NULL)
        return JET_errOutOfMemory;

    inst_mode mode = inst_get_mode();
    if (mode == INST_MODE_ONE)
        return JET_errRunningInOneInstanceMode;
    if (mode == INST_MODE_MULTI) {
        /* A second caller: succeed-ish only when it asks for exactly the
         * global-init parameters already in force (ESE compares both ways). */
        bool named[PAR_COUNT] = { false };
        for (size_t i = 0; i < count; i++) {
            if (set[i].paramid >= PAR_COUNT) {
                err = JET_errInvalidParameter;
                goto done;
            }
            set[i].err = compare_global(g, &set[i]);
            if (set[i].err < 0) {
                err = set[i].err;
                goto done;
            }
            named[set[i].paramid] = true;
            ok++;
        }
        pthread_mutex_lock(&g->mu);
        for (uint32_t id = 0; id < PAR_COUNT && err >= 0; id++) {
            const par_def *def = par_def_of(id);
            if ((def->flags & PAR_F_GLOBAL) && (def->flags & PAR_F_LOCK_GINIT) &&
                g->written[id] != named[id])
                err = JET_errSystemParameterConflict;
        }
        pthread_mutex_unlock(&g->mu);
        if (err >= 0)
            err = JET_errSystemParamsAlreadySet;
        goto done;
    }

    for (size_t i = 0; i < count; i++) {
        set[i].err = par_set(NULL, set[i].paramid, set[i].lparam, set[i].sz);
        if (set[i].err < 0) {
            err = set[i].err;   /* ESE stops here; earlier entries stay set */
            goto done;
        }
        ok++;
    }
    /* Someone may have chosen single-instance mode meanwhile (ESE holds one
     * lock across the whole call; see docs/params.md). */
    err = inst_require_mode(INST_MODE_MULTI);
done:
    *succeeded = ok;
    return err;
}
