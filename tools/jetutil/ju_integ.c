/*
 * ju_integ.c: jetutil /g — the integrity check of a database, esentutl /g
 * style: every B-tree, the catalog, every table's records and long values,
 * and every secondary index compared with the entries its records should
 * have (src/isam/isam_check.h does the work).
 *
 * The database must be in Clean Shutdown and not in use: the file gets a
 * shared lock that conflicts with the exclusive lock of any read-write
 * attachment (another process's instance), then a private instance without
 * logging attaches it read-only, so the check writes nothing anywhere.
 */
#include "ju.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "db/db.h"
#include "inst/inst.h"
#include "isam/isam_check.h"
#include "jetdb.h"

/* Details shown per problem class (/v: more). */
#define DETAILS 20u
#define DETAILS_VERBOSE 1000u

/* A shared lock on the whole file: fails while a read-write attachment
 * (an exclusive open-file-description lock, src/os/os_lock.c) holds it,
 * and keeps one from being taken while the check runs. */
static int lock_shared(int fd)
{
    struct flock fl;
    memset(&fl, 0, sizeof fl);
    fl.l_type = F_RDLCK;
    fl.l_whence = SEEK_SET;
    if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
        return 0;
    if (errno == EINVAL)   /* no OFD locks: the engine uses flock then */
        return flock(fd, LOCK_SH | LOCK_NB);
    return -1;
}

/* A private instance without logging on folder dir (log, system and
 * temporary files), for databases of page size page_size. */
static JET_ERR start_instance(ju *u, const char *dir, uint32_t page_size, JET_INSTANCE *out)
{
    JET_INSTANCE in = 0;
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    char folder[4200];
    snprintf(folder, sizeof folder, "%s/", dir);
    JET_ERR err = JetSetSystemParameterA(NULL, 0, JET_paramDatabasePageSize, page_size, NULL);
    if (err >= 0)
        err = JetCreateInstanceA(&in, "jetutil-g");
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramLogFilePath, 0, folder);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramSystemPath, 0, folder);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramTempPath, 0, folder);
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramBaseName, 0, "jgc");
    /* nothing is logged: the attach is read-only */
    if (err >= 0)
        err = JetSetSystemParameterA(&in, 0, JET_paramRecovery, 0, "Off");
    if (err >= 0)
        err = JetInit(&in);
    if (err < 0) {
        ju_problem(u, JU_EXIT_ENGINE, NULL, err, "cannot start a private instance");
        if (in != 0)
            (void)JetTerm2(in, JET_bitTermAbrupt);
        in = 0;
    }
    *out = in;
    return err;
}

static void on_progress(void *ctx, const char *phase, uint64_t done, uint64_t total)
{
    ju *u = ctx;
    if (u->pr_title == NULL || strcmp(u->pr_title, phase) != 0)
        ju_progress_start(u, phase, total);
    ju_progress(u, done);
}

static const char *role_name(isam_ck_role r)
{
    switch (r) {
    case ISAM_CK_ROLE_DIRECTORY: return "directory";
    case ISAM_CK_ROLE_CATALOG: return "catalog";
    case ISAM_CK_ROLE_DATA: return "data";
    case ISAM_CK_ROLE_LV: return "long_values";
    case ISAM_CK_ROLE_INDEX: return "index";
    case ISAM_CK_ROLE_DROPPED: return "dropped";
    default: return "other";
    }
}

/* What a tree is for, in words ("" for a tree of a database without a
 * catalog: trees written through the storage core). */
static void role_text(const isam_ck_report *r, const isam_ck_tree *t, char *buf, size_t cb)
{
    switch (t->role) {
    case ISAM_CK_ROLE_DIRECTORY: snprintf(buf, cb, "object directory"); break;
    case ISAM_CK_ROLE_CATALOG: snprintf(buf, cb, "catalog"); break;
    case ISAM_CK_ROLE_DATA: snprintf(buf, cb, "table \"%s\"", t->table); break;
    case ISAM_CK_ROLE_LV: snprintf(buf, cb, "long values of \"%s\"", t->table); break;
    case ISAM_CK_ROLE_INDEX:
        snprintf(buf, cb, "index \"%s\" of \"%s\"", t->index, t->table);
        break;
    case ISAM_CK_ROLE_DROPPED: snprintf(buf, cb, "deleted object (pending free)"); break;
    default: snprintf(buf, cb, "%s", r->has_catalog ? "UNREFERENCED" : ""); break;
    }
}

static void print_trees(ju *u, const isam_ck_report *r)
{
    ju_text(u, "B-trees:\n");
    ju_arr(u, "trees");
    for (size_t i = 0; i < r->ntrees; i++) {
        const isam_ck_tree *t = &r->trees[i];
        const char *status = t->err < 0 ? "corrupted" : "ok";
        if (u->json) {
            ju_item(u);
            ju_u64(u, "objid", NULL, t->objid);
            ju_u64(u, "root", NULL, t->root);
            ju_str(u, "role", NULL, role_name(t->role));
            if (t->table[0])
                ju_str(u, "table", NULL, t->table);
            if (t->index[0])
                ju_str(u, "index", NULL, t->index);
            ju_u64(u, "records", NULL, t->st.records);
            ju_u64(u, "depth", NULL, t->st.depth);
            ju_u64(u, "leaf_pages", NULL, t->st.leaf_pages);
            ju_u64(u, "internal_pages", NULL, t->st.internal_pages);
            ju_u64(u, "lv_pages", NULL, t->st.lv_pages);
            ju_str(u, "status", NULL, status);
            if (t->err < 0)
                ju_str(u, "why", NULL, t->st.why[0] ? t->st.why : "cannot be read");
            ju_end(u);
        } else {
            char role[200];
            role_text(r, t, role, sizeof role);
            printf("  tree objid %-6u root %-8u records %-10llu depth %u  pages %llu  %s%s%s\n",
                   t->objid, t->root, (unsigned long long)t->st.records, t->st.depth,
                   (unsigned long long)(t->st.leaf_pages + t->st.internal_pages +
                                        t->st.lv_pages),
                   t->err < 0 ? "CORRUPTED" : "OK", role[0] ? "  " : "", role);
        }
    }
    ju_arr_end(u);
}

static void print_tables(ju *u, const isam_ck_report *r)
{
    if (r->ntables > 0)
        ju_text(u, "\nTables:\n");
    ju_arr(u, "tables");
    for (size_t i = 0; i < r->ntables; i++) {
        const isam_ck_table *t = &r->tables[i];
        size_t nsec = 0;
        for (size_t j = 0; j < t->nidx; j++)
            nsec += !t->idx[j].primary;
        if (u->json) {
            ju_item(u);
            ju_str(u, "name", NULL, t->name);
            ju_u64(u, "objid", NULL, t->objid);
            ju_u64(u, "lv_objid", NULL, t->lv_objid);
            ju_bool(u, "checked", NULL, t->checked, "", "");
            if (t->skipped[0])
                ju_str(u, "skipped", NULL, t->skipped);
            ju_u64(u, "records", NULL, t->records);
            ju_u64(u, "deleted_rows", NULL, t->deleted);
            ju_u64(u, "long_values", NULL, t->long_values);
            ju_u64(u, "lv_chunks", NULL, t->lv_chunks);
            ju_u64(u, "lv_bytes", NULL, t->lv_bytes);
            ju_bool(u, "lv_checked", NULL, t->lv_checked, "", "");
            ju_u64(u, "problems", NULL, t->problems);
            ju_str(u, "status", NULL, t->problems ? "corrupted" : t->checked ? "ok" : "skipped");
            ju_arr(u, "indexes");
            for (size_t j = 0; j < t->nidx; j++) {
                const isam_ck_index *x = &t->idx[j];
                ju_item(u);
                ju_str(u, "name", NULL, x->name);
                ju_u64(u, "objid", NULL, x->objid);
                ju_bool(u, "primary", NULL, x->primary, "", "");
                ju_bool(u, "unique", NULL, x->unique, "", "");
                ju_bool(u, "checked", NULL, x->checked, "", "");
                ju_u64(u, "entries", NULL, x->entries);
                ju_u64(u, "expected", NULL, x->expected);
                ju_end(u);
            }
            ju_arr_end(u);
            ju_end(u);
            continue;
        }
        printf("  checking table \"%s\" ... %llu record%s, %zu index%s", t->name,
               (unsigned long long)t->records, t->records == 1 ? "" : "s", nsec,
               nsec == 1 ? "" : "es");
        if (t->long_values)
            printf(", %llu long value%s", (unsigned long long)t->long_values,
                   t->long_values == 1 ? "" : "s");
        if (t->problems)
            printf(": %llu problem%s", (unsigned long long)t->problems,
                   t->problems == 1 ? "" : "s");
        else if (!t->checked)
            printf(": NOT CHECKED");
        else
            printf(": OK");
        if (t->skipped[0])
            printf(" (%s)", t->skipped);
        printf("\n");
        for (size_t j = 0; j < t->nidx; j++) {
            const isam_ck_index *x = &t->idx[j];
            printf("      index \"%s\"%s%s: %llu entr%s", x->name, x->primary ? " (primary)" : "",
                   x->unique && !x->primary ? " (unique)" : "",
                   (unsigned long long)x->entries, x->entries == 1 ? "y" : "ies");
            if (!x->checked)
                printf(", not checked");
            else if (x->expected != x->entries)
                printf(", %llu expected", (unsigned long long)x->expected);
            printf("\n");
        }
    }
    ju_arr_end(u);
}

/* Counts per class, the details as problems (stderr + JSON "problems")
 * and in JSON also structured. */
static void print_problems(ju *u, const char *file, const isam_ck_report *r)
{
    bool any = false;
    for (int c = 0; c < ISAM_CK_NCLASS; c++)
        any |= r->count[c] != 0;
    if (any)
        ju_text(u, "\nProblems found:\n");
    ju_obj(u, "problem_counts", NULL);
    for (int c = 0; c < ISAM_CK_NCLASS; c++) {
        if (u->json)
            ju_u64(u, isam_ck_class_name((isam_ck_class)c), NULL, r->count[c]);
        else if (r->count[c])
            printf("  %s: %llu\n", isam_ck_class_text((isam_ck_class)c),
                   (unsigned long long)r->count[c]);
    }
    ju_end(u);
    ju_arr(u, "details");
    uint64_t shown[ISAM_CK_NCLASS] = {0};
    for (size_t i = 0; i < r->ndetails; i++) {
        const isam_ck_problem *p = &r->details[i];
        shown[p->cls]++;
        if (u->json) {
            ju_item(u);
            ju_str(u, "class", NULL, isam_ck_class_name(p->cls));
            ju_str(u, "table", NULL, p->table);
            ju_str(u, "index", NULL, p->index);
            ju_u64(u, "objid", NULL, p->objid);
            ju_i64(u, "error", NULL, p->err);
            ju_str(u, "message", NULL, p->msg);
            ju_end(u);
        }
    }
    ju_arr_end(u);
    for (size_t i = 0; i < r->ndetails; i++) {
        const isam_ck_problem *p = &r->details[i];
        char where[200] = "";
        if (p->table[0] && p->index[0])
            snprintf(where, sizeof where, "table \"%s\", index \"%s\": ", p->table, p->index);
        else if (p->table[0])
            snprintf(where, sizeof where, "table \"%s\": ", p->table);
        if (!isam_ck_class_corrupt(p->cls)) {
            ju_warn(u, "%s%s", where, p->msg);
            continue;
        }
        ju_problem(u, JU_EXIT_CORRUPT, file, p->err < 0 ? p->err : JET_errDatabaseCorrupted,
                   "%s: %s%s", isam_ck_class_text(p->cls), where, p->msg);
    }
    for (int c = 0; c < ISAM_CK_NCLASS; c++) {
        if (r->count[c] <= shown[c])
            continue;
        unsigned long long more = (unsigned long long)(r->count[c] - shown[c]);
        if (isam_ck_class_corrupt((isam_ck_class)c))
            ju_problem(u, JU_EXIT_CORRUPT, file, JET_errDatabaseCorrupted,
                       "%s: %llu more not listed", isam_ck_class_text((isam_ck_class)c), more);
        else
            ju_warn(u, "%s: %llu more not listed", isam_ck_class_text((isam_ck_class)c), more);
    }
}

/* Run the check on the attached, opened database and print the report. */
static JET_ERR run_check(ju *u, const char *file, JET_SESID ses, JET_DBID dbid)
{
    sess *s;
    db *d = NULL;
    JET_ERR err = sess_acquire(ses, &s);
    if (err < 0)
        return err;
    err = db_pin_opened(s, dbid, &d);
    if (err < 0) {
        sess_release(s);
        return err;
    }
    isam_ck_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.max_details = u->verbose ? DETAILS_VERBOSE : DETAILS;
    opts.progress = on_progress;
    opts.ctx = u;
    isam_ck_report r;
    err = isam_check_database(s, d, &opts, &r);
    ju_progress_end(u);
    db_unpin(d);
    sess_release(s);
    print_trees(u, &r);
    print_tables(u, &r);
    print_problems(u, file, &r);
    uint64_t bad_trees = 0;
    for (size_t i = 0; i < r.ntrees; i++)
        bad_trees += r.trees[i].err < 0;
    u->label_width = 14;
    ju_text(u, "\n");
    ju_obj(u, "summary", NULL);
    ju_u64(u, "trees", "Trees", r.ntrees);
    ju_u64(u, "corrupted", "Damaged trees", bad_trees);
    ju_u64(u, "tables", "Tables", r.ntables);
    ju_u64(u, "records", "Records", r.records);
    ju_u64(u, "index_entries", "Index entries", r.index_entries);
    ju_u64(u, "long_values", "Long values", r.long_values);
    ju_json_u64(u, "catalog_rows", r.catalog_rows);
    ju_u64(u, "problems", "Problems", r.corrupt);
    ju_u64(u, "warnings", "Warnings", r.count[ISAM_CK_UNREF]);
    ju_end(u);
    if (err >= 0)
        ju_text(u, "\nIntegrity check successful.\n");
    else if (err == JET_errDatabaseCorrupted)
        ju_text(u, "\nDatabase is CORRUPTED.\n");
    else
        ju_problem(u, 0, file, err, "the integrity check could not finish");
    isam_check_report_free(&r);
    return err == JET_errDatabaseCorrupted ? JET_errSuccess : err;
}

/* Remove what the private instance left in its folder, then the folder. */
static void remove_dir(const char *dir)
{
    size_t n = 0;
    char **names = ju_list_dir(dir, &n);
    for (size_t i = 0; names && i < n; i++) {
        char *p = ju_path(dir, names[i]);
        if (p)
            unlink(p);
        free(p);
    }
    ju_list_free(names, n);
    rmdir(dir);
}

int ju_mode_integrity(ju *u, const ju_opts *o)
{
    ju_begin(u, "g", "Initiating INTEGRITY mode...");
    u->label_width = 12;
    ju_str(u, "file", "Database", o->file);
    /* The header first: a dirty database must be recovered before its
     * trees mean anything, and a foreign file should get a clear message. */
    db_hdr h;
    ju_dbfile f;
    if (ju_db_probe(u, o->file, &h, &f) != 0)
        return ju_finish(u, f.err);
    if (lock_shared(f.fd) != 0) {
        close(f.fd);
        ju_problem(u, JU_EXIT_ENGINE, o->file, JET_errFileAccessDenied,
                   "the database is in use by another process (attached by an instance)");
        return ju_finish(u, JET_errFileAccessDenied);
    }
    if (h.dbstate != JET_dbstateCleanShutdown) {
        close(f.fd);
        ju_text(u, "\nThe database is not up to date (state %u): run soft recovery (/r) first.\n",
                h.dbstate);
        ju_problem(u, JU_EXIT_ENGINE, o->file, JET_errDatabaseDirtyShutdown,
                   "integrity check needs a database in Clean Shutdown");
        return ju_finish(u, JET_errDatabaseDirtyShutdown);
    }
    char tmp[] = "/tmp/jetutil-g-XXXXXX";
    if (mkdtemp(tmp) == NULL) {
        close(f.fd);
        ju_problem(u, JU_EXIT_IO, NULL, JET_errDiskIO, "cannot create a temporary folder");
        return ju_finish(u, JET_errDiskIO);
    }
    JET_INSTANCE in = 0;
    JET_SESID ses = 0;
    JET_DBID dbid = 0;
    bool attached = false, opened = false;
    JET_ERR err = start_instance(u, tmp, f.page_size, &in);
    if (err < 0)
        goto done;
    if ((err = JetBeginSessionA(in, &ses, NULL, NULL)) < 0) {
        ju_problem(u, 0, o->file, err, "JetBeginSession failed");
        goto done;
    }
    if ((err = JetAttachDatabaseA(ses, o->file, JET_bitDbReadOnly)) < 0) {
        ju_problem(u, 0, o->file, err, "JetAttachDatabase (read-only) failed");
        goto done;
    }
    attached = true;
    if ((err = JetOpenDatabaseA(ses, o->file, NULL, &dbid, JET_bitDbReadOnly)) < 0) {
        ju_problem(u, 0, o->file, err, "JetOpenDatabase failed");
        goto done;
    }
    opened = true;
    ju_text(u, "\nChecking database integrity.\n\n");
    err = run_check(u, o->file, ses, dbid);
done:
    if (opened)
        (void)JetCloseDatabase(ses, dbid, 0);
    if (attached)
        (void)JetDetachDatabaseA(ses, o->file);
    if (ses != 0)
        (void)JetEndSession(ses, 0);
    if (in != 0)
        (void)JetTerm(in);
    remove_dir(tmp);
    close(f.fd);
    return ju_finish(u, err);
}
