/*
 * ju_main.c: jetutil's command line — the mode table, esentutl-style
 * switches (/mh, -mh, glued values like /l<path>) next to Linux-style
 * subcommands and long options, and the help texts, which double as the
 * manual page (`jetutil --help`, `jetutil help MODE`, `jetutil MODE --help`).
 *
 * Paths on Linux start with '/', which esentutl uses for switches, so the
 * rule is positional: the first argument after an esentutl mode that does
 * not start with "--" is the mode's file, whatever it looks like; only the
 * arguments after it are parsed as switches.  Subcommands take only long
 * options, so every other argument of theirs is positional.
 */
#include "ju.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef int (*mode_fn)(ju *u, const ju_opts *o);

/* One mode: its spellings, handler, positional arguments and help text. */
typedef struct mode {
    const char *name;          /* esentutl switch (without / or -) or subcommand */
    bool esentutl;             /* switch-style mode */
    mode_fn fn;
    int nargs;                 /* required positionals */
    const char *usage;
    const char *help;
} mode;

static const char EXIT_HELP[] =
    "Exit status:\n"
    "  0  success: nothing wrong was found\n"
    "  1  usage error (bad command line)\n"
    "  2  a file or folder is missing or cannot be read\n"
    "  3  corruption found: checksum, header, page structure, truncation, or a\n"
    "     file that is not what the mode expects (wrong magic)\n"
    "  4  the files do not form a consistent set: missing or foreign logs, a\n"
    "     broken generation chain, a database from another log stream, an\n"
    "     incomplete backup\n"
    "  5  the engine refused or failed the operation (the JET error is printed)\n"
    "When several classes apply, 3 wins over 4, 4 over 2, 2 over 5.\n"
    "Errors name the file, the JET error's name and number, and its meaning.\n";

static const char COMMON_HELP[] =
    "Options for every mode:\n"
    "  --json          print one JSON document on stdout instead of text\n"
    "  --no-progress   never draw progress bars (they are drawn only when\n"
    "                  stderr is a terminal and --json is not given)\n"
    "  /o              do not print the banner\n"
    "  --help          help of the mode\n";

static const mode MODES[] = {
    {"mh", true, ju_mode_mh, 1, "jetutil /mh DATABASE [/o] [--json]",
     "Dump the database header, esentutl /mh style: checksums of the copy shown,\n"
     "format and engine versions, signatures, page size, dbtime, state, the log\n"
     "range required/committed, last consistent/attach/detach positions and times,\n"
     "and the backup blocks Previous Full / Previous Incremental / Previous Copy /\n"
     "Previous Differential / Current Full / Current Shadow copy, each with\n"
     "\"Log Gen: lo-hi\", \"Mark: (gen,isec,ib)\" and \"Mark: time\".\n"
     "The primary header is shown when valid, else the shadow copy (with a\n"
     "warning).  Read-only; works on a database in use.\n"},
    {"ml", true, ju_mode_ml, 1, "jetutil /ml LOGFILE [/v] | FOLDER | FOLDER/BASE [--json]",
     "Dump and verify logs.  On one file: its header (generation, creation and\n"
     "previous-generation times, accumulated checksum of the previous generation,\n"
     "signature, segments) and a full verification of every segment checksum and\n"
     "the record framing.  On a folder (or FOLDER/BASE, e.g. logs/edb): every log\n"
     "of the set is verified, generations must be contiguous, carry one signature,\n"
     "and each file must continue the previous one (creation time and accumulated\n"
     "checksum); the current log (edb.log) must follow the newest archived one.\n"
     "  /v   (one file) also dump every record: position (gen,isec,ib), length,\n"
     "       type (ESE's lrtyp name where jetdb reuses the number: INIT, TERM,\n"
     "       BEGIN, COMMIT, ROLLBACK, CREATEDB, ATTACHDB, DETACHDB, TRACE, BACKUP;\n"
     "       PAGE for a page change), dbid, txid (a BEGIN's is its own position),\n"
     "       and per type: page number, tree objid, flags FIRST/LAST/CLR/NEWPAGE,\n"
     "       dbtime before->after, operation id, undo and range sizes (PAGE); path,\n"
     "       page size and signature (database records); phase and generations\n"
     "       (BACKUP); then a per-type summary.  A damaged file is dumped up to the\n"
     "       damage.  JSON: \"log_records\" and \"record_summary\".\n"},
    {"mk", true, ju_mode_mk, 1, "jetutil /mk CHECKPOINT [--json]",
     "Dump a checkpoint file (edb.chk / edb.jcp): the state of its two copies,\n"
     "the checkpoint position, the last full and incremental backup marks, the\n"
     "log signature and the attached databases.\n"},
    {"k", true, ju_mode_k, 1, "jetutil /k DATABASE [--json] [--no-progress]",
     "Checksum every page of a database (or of a backup copy, whose trailer page\n"
     "is checked too).  Bad pages are listed with their page number and error on\n"
     "stderr; the statistics give pages, bad checksums, wrong page numbers,\n"
     "pages with a broken structure, uninitialized pages, the highest dbtime, MB\n"
     "read, pages/s.  Exit 3 when any page is bad.\n"},
    {"r", true, ju_mode_recover, 1,
     "jetutil /r BASE [/l<logpath>] [/s<syspath>] [/d[dbpath]] [/i] [--json]",
     "Soft recovery: start an instance on the log stream BASE (3 letters, e.g.\n"
     "edb); the engine replays the logs from the checkpoint and brings every\n"
     "attached database to Clean Shutdown, then the instance is terminated.\n"
     "  /l<path>   folder of the log files (default: the current folder)\n"
     "  /s<path>   folder of the checkpoint file (default: the log folder; esentutl\n"
     "             uses the current folder)\n"
     "  /d[path]   folder that now holds the databases the logs name, when they\n"
     "             moved: each is looked for only there, under the file name the\n"
     "             log recorded (JET_paramAlternateDatabaseRecoveryPath).  A bare /d\n"
     "             is the current folder; the next argument is taken as the folder\n"
     "             only when it is an existing folder (or glue it: /d/srv/db).\n"
     "             Default: the paths recorded in the logs.\n"
     "  /i         recover even when an attached database the logs name is missing:\n"
     "             that database is given up (its logs are left behind by the new\n"
     "             checkpoint).  Without /i such a recovery is refused (exit 4,\n"
     "             JET_errAttachedDatabaseMismatch) and nothing is changed.\n"
     "The report lists every database the logs name (checkpoint attach list and\n"
     "attach records from the checkpoint on): where it was looked for and its\n"
     "state afterwards (JSON: \"databases\").  Other esentutl /r switches (/t /a\n"
     "/u /n /k /p) are not available.\n"},
    {"g", true, ju_mode_integrity, 1, "jetutil /g DATABASE [/v] [--json] [--no-progress]",
     "Integrity check, esentutl /g style.  The database must be in Clean Shutdown\n"
     "and not in use (an instance of another process that has it attached holds\n"
     "a lock on it: exit 5, JET_errFileAccessDenied); it is attached read-only in\n"
     "a private instance that logs nothing, so nothing is written.  Checked:\n"
     "  - every B-tree (the object directory and every tree it names): page types\n"
     "    and owners, key order inside and across pages, separators, sibling links,\n"
     "    depth, pages reached twice, long-value chains;\n"
     "  - the catalog: every table, column and index row decodes and agrees with\n"
     "    the others, every tree it names exists, no tree serves two objects;\n"
     "  - every record of every table: its structure, every column present was\n"
     "    defined, fixed widths and sizes, NotNULL columns set, stored under its\n"
     "    own primary key; separated long values present with the right size and\n"
     "    contiguous chunks, and long values no record references (orphans);\n"
     "  - every secondary index against the entries its records produce (one\n"
     "    ordered merge): entries without a record, entries pointing at a record\n"
     "    without that key, records missing entries, entries out of order or\n"
     "    malformed, two records with one key in a unique index.\n"
     "Flag-deleted rows (deleted, awaiting version cleanup) count as absent.  A\n"
     "tree that fails the B-tree check is not walked again: the checks that need\n"
     "it are skipped.  Trees no catalog row names are reported as a warning.\n"
     "The report lists every tree, then \"checking table \"T\" ... N records, M\n"
     "indexes\" with the entries of each index, the problems per class and a\n"
     "summary; each problem (the first 20 of each class, 1000 with /v) is printed\n"
     "on stderr with its table and index.  JSON: \"trees\", \"tables\",\n"
     "\"problem_counts\", \"details\", \"summary\".  Any problem: exit 3.\n"},
    {"c", true, ju_mode_c, 2,
     "jetutil /c BACKUP DESTINATION [/t[folder] | /f<folder> | /l<logpath>] [/s<syspath>]\n"
     "            [/k] [--json]",
     "Restore (hard recovery) of a backup folder, esentutl /c style: the same as\n"
     "`jetutil restore BACKUP DESTINATION` (see `jetutil restore --help`): the\n"
     "databases are restored into DESTINATION (absent or empty), the backup's logs\n"
     "are replayed from BACKUP.  Both paths are positional, so Linux paths\n"
     "starting with '/' are fine.  esentutl's /c switches (it reads Restore.Env;\n"
     "jetdb has none, so /cc and /cm do not exist) map onto the log folder of the\n"
     "restore instance:\n"
     "  /t<folder> the instance folder whose logs are played forward after the\n"
     "             backup's (its checkpoint folder too, unless /s): the restore rolls\n"
     "             forward through them and the stream continues there.  It must\n"
     "             hold logs with the backup's base name (exit 4 otherwise).\n"
     "  /t         alone: play forward no log beyond the backup's (refused when the\n"
     "             log folder holds a stream).  This is the default when the log\n"
     "             folder is DESTINATION.\n"
     "  /f<folder> the folder of the logs to play forward (not with /t).  jetdb\n"
     "             keeps an instance's logs and checkpoint in its folder, so this\n"
     "             does the same as /t<folder>.\n"
     "  /l<path>   log folder (default DESTINATION); /s<path> checkpoint folder\n"
     "             (default: the log folder).  /l does not go with /t or /f.\n"
     "  /k         keep the logs used for recovery: accepted; jetdb never deletes\n"
     "             the logs a restore replays.\n"
     "The folder switches take a glued value (/t/srv/inst) or the next argument\n"
     "(a bare /t takes it only when it is an existing folder).  There is no /d:\n"
     "DESTINATION is the database folder.\n"},
    {"y", true, ju_mode_copy, 1, "jetutil /y SOURCE /d<destination> [--json]",
     "Copy a file (database or log) with large sequential I/O and a progress bar;\n"
     "the destination is synced before success is reported.  The default\n"
     "destination is the source's file name in the current folder.\n"},
    {"info", false, ju_mode_info, 1, "jetutil info DATABASE [--json]",
     "A short summary of a database file: state, page size, data pages, file\n"
     "size, dbtime, whether it is a backup copy, the logs a dirty database needs\n"
     "and its last full / incremental backups.\n"},
    {"restore", false, ju_mode_restore, 2,
     "jetutil restore BACKUP DEST [--log-path DIR] [--system-path DIR] [--json] [--no-progress]",
     "Restore a backup folder with JetRestoreInstance (hard recovery): the folder\n"
     "JetBackupInstance or `jetutil backup` wrote (flat or atomic with new/ and\n"
     "old/, a full backup and its incrementals), or an extracted `jetutil\n"
     "stream-backup` tar.  Each database copy is written to DEST under its file\n"
     "name, the backup's logs are replayed from the backup folder (nothing is\n"
     "copied), and the log stream continues in DEST (edb.log and the checkpoint):\n"
     "DEST becomes an instance folder whose databases are in Clean Shutdown,\n"
     "without backup history, ready for JetInit (log and system folder DEST) and\n"
     "JetAttachDatabase, or for `jetutil backup --instance-dir DEST`.\n"
     "DEST must not exist or be empty (exit 5 otherwise: a restore replaces\n"
     "nothing).  --log-path / --system-path put the log stream and the checkpoint\n"
     "in another folder; when that folder already holds the backup's stream (the\n"
     "live logs of the instance that was backed up), the restore rolls forward\n"
     "through them up to the last committed transaction.\n"
     "Before anything is written the engine checks every log of the backup and\n"
     "every copy: a missing log (exit 4, the file is named), a damaged log or\n"
     "copy (exit 3), logs of another stream (exit 4) leave DEST as it was; after\n"
     "any failure DEST is emptied again.  Progress bar on a terminal.\n"},
    {"verify-backup", false, ju_mode_verify_backup, 1,
     "jetutil verify-backup BACKUP [--json] [--no-progress]",
     "Offline check of a backup folder (flat, or atomic with new/ and old/):\n"
     "every database copy (both header copies, every page checksum, the trailer\n"
     "page and its page count), every log (segment checksums, record framing),\n"
     "log generations contiguous with one signature and an unbroken chain, each\n"
     "database tied to the logs' stream, the copy's marks covered by the logs\n"
     "present, .pat markers, and the full -> incremental chain.  Reads in large\n"
     "sequential chunks (aim: > 1 GiB/s per core from the page cache).\n"},
    {"backup", false, ju_mode_backup, 1,
     "jetutil backup [--incremental] [--atomic] [--truncate] --instance-dir DIR\n"
     "               [--database DB]... [--base edb] DEST",
     "Online backup with JetBackupInstance.  Starts an instance on DIR (logs,\n"
     "checkpoint and, unless --database is given, every database in DIR that\n"
     "belongs to DIR's log stream), attaches the databases and writes a full\n"
     "(default) or incremental (--incremental) backup into DEST; --atomic uses\n"
     "the new/ + old/ layout so a crash never leaves DEST without a complete\n"
     "backup.  The instance must not be in use by another process.\n"},
    {"stream-backup", false, ju_mode_stream_backup, 0,
     "jetutil stream-backup --instance-dir DIR [--database DB]... [--truncate] > backup.tar",
     "Full backup through the streaming (external) backup API, written as a POSIX\n"
     "tar stream to stdout: the database copies, the logs and the .pat markers,\n"
     "i.e. exactly a backup folder, so `... | tar x -C DEST` followed by\n"
     "`jetutil verify-backup DEST` works, and so does `| ssh host tar x` or\n"
     "`| rclone rcat remote:path`.  --truncate deletes the logs the backup made\n"
     "unnecessary once the stream is complete (else it is recorded as a copy\n"
     "backup).  Refuses to write to a terminal.\n"},
};

#define NMODES (sizeof MODES / sizeof MODES[0])

/* Print the general help (the manual page). */
static void help_all(FILE *f)
{
    fprintf(f,
            "jetutil: jetdb's database utility for Linux (a counterpart of ESE's esentutl)\n"
            "\n"
            "Usage: jetutil MODE ARGS... [options]\n"
            "       jetutil help MODE | jetutil MODE --help\n"
            "\n"
            "esentutl modes (switches start with / or -, values are glued: /lPATH):\n");
    for (size_t i = 0; i < NMODES; i++)
        if (MODES[i].esentutl)
            fprintf(f, "  %s\n", MODES[i].usage);
    fprintf(f, "\nSubcommands:\n");
    for (size_t i = 0; i < NMODES; i++)
        if (!MODES[i].esentutl)
            fprintf(f, "  %s\n", MODES[i].usage);
    fprintf(f,
            "\nNot available yet: /d defragmentation, /p repair, /cc and /cm (restore.env).\n"
            "\n%s\n%s", COMMON_HELP, EXIT_HELP);
}

/* Print the help of one mode. */
static void help_mode(FILE *f, const mode *m)
{
    fprintf(f, "Usage: %s\n\n%s\n%s\n%s", m->usage, m->help, COMMON_HELP, EXIT_HELP);
}

/* The mode an argument names ("/mh", "-mh", "mh", "info", ...); NULL if none. */
static const mode *find_mode(const char *arg, bool *switch_form)
{
    const char *name = arg;
    *switch_form = false;
    if ((arg[0] == '/' || arg[0] == '-') && arg[1] != '-' && arg[1] != '\0') {
        name = arg + 1;
        *switch_form = true;
    }
    /* esentutl: /m alone means /mh */
    if (*switch_form && strcasecmp(name, "m") == 0)
        name = "mh";
    for (size_t i = 0; i < NMODES; i++)
        if (strcasecmp(MODES[i].name, name) == 0 && (MODES[i].esentutl || !*switch_form))
            return &MODES[i];
    /* "help mh" style lookups may spell the switch without / */
    return NULL;
}

/* Usage error: message + the mode's usage line on stderr. */
static int usage_error(const mode *m, const char *fmt, const char *arg)
{
    fprintf(stderr, "jetutil: usage error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    if (m != NULL)
        fprintf(stderr, "Usage: %s\n", m->usage);
    if (m != NULL)
        fprintf(stderr, "Try 'jetutil %s%s --help' for more information.\n",
                m->esentutl ? "/" : "", m->name);
    else
        fprintf(stderr, "Try 'jetutil --help' for more information.\n");
    return JU_EXIT_USAGE;
}

/* Append a --database value. */
static bool add_db(ju_opts *o, const char *p)
{
    const char **n = realloc(o->databases, (o->ndatabases + 1) * sizeof *n);
    if (n == NULL)
        return false;
    o->databases = n;
    o->databases[o->ndatabases++] = p;
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        help_all(stderr);
        return JU_EXIT_USAGE;
    }
    const char *a1 = argv[1];
    if (strcmp(a1, "--help") == 0 || strcmp(a1, "-h") == 0 || strcmp(a1, "/?") == 0 ||
        strcmp(a1, "-?") == 0 || strcmp(a1, "help") == 0) {
        if (argc >= 3) {
            bool sw;
            const mode *m = find_mode(argv[2], &sw);
            if (m == NULL) {
                /* "help mh" */
                char buf[64];
                snprintf(buf, sizeof buf, "/%s", argv[2]);
                m = find_mode(buf, &sw);
            }
            if (m == NULL)
                return usage_error(NULL, "unknown mode '%s'", argv[2]);
            help_mode(stdout, m);
            return JU_EXIT_OK;
        }
        help_all(stdout);
        return JU_EXIT_OK;
    }
    if (strcmp(a1, "--version") == 0) {
        printf("jetutil %s\n", JETUTIL_VERSION);
        return JU_EXIT_OK;
    }
    bool sw;
    const mode *m = find_mode(a1, &sw);
    if (m == NULL) {
        /* A switch-style name of a mode jetutil does not have (yet). */
        const char *nm = (a1[0] == '/' || a1[0] == '-') ? a1 + 1 : a1;
        if (strcasecmp(nm, "cc") == 0 || strcasecmp(nm, "cm") == 0)
            return usage_error(NULL, "'%s' is not available (jetdb keeps no restore.env): use "
                                     "/c BACKUP DEST or restore BACKUP DEST", a1);
        return usage_error(NULL, "unknown mode '%s' (see jetutil --help)", a1);
    }
    ju_opts o;
    memset(&o, 0, sizeof o);
    bool json = false, no_progress = false, logo = true, verbose = false;
    const char *pos[4];
    int npos = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        /* Long options (both kinds of mode). */
        if (strncmp(a, "--", 2) == 0) {
            const char *val = NULL;
            const char *eq = strchr(a, '=');
            char key[64];
            size_t kl = eq ? (size_t)(eq - a) : strlen(a);
            if (kl >= sizeof key)
                return usage_error(m, "unknown option '%s'", a);
            memcpy(key, a, kl);
            key[kl] = '\0';
            bool takes = strcmp(key, "--instance-dir") == 0 || strcmp(key, "--database") == 0 ||
                         strcmp(key, "--base") == 0 || strcmp(key, "--log-path") == 0 ||
                         strcmp(key, "--system-path") == 0 || strcmp(key, "--dest") == 0;
            if (takes) {
                if (eq)
                    val = eq + 1;
                else if (i + 1 < argc)
                    val = argv[++i];
                else
                    return usage_error(m, "option '%s' needs a value", a);
            } else if (eq) {
                return usage_error(m, "option '%s' takes no value", key);
            }
            if (strcmp(key, "--help") == 0) {
                help_mode(stdout, m);
                return JU_EXIT_OK;
            } else if (strcmp(key, "--json") == 0) {
                json = true;
            } else if (strcmp(key, "--no-progress") == 0) {
                no_progress = true;
            } else if (strcmp(key, "--incremental") == 0) {
                o.incremental = true;
            } else if (strcmp(key, "--atomic") == 0) {
                o.atomic = true;
            } else if (strcmp(key, "--truncate") == 0) {
                o.truncate = true;
            } else if (strcmp(key, "--instance-dir") == 0) {
                o.instance_dir = val;
            } else if (strcmp(key, "--database") == 0) {
                if (!add_db(&o, val))
                    return JU_EXIT_IO;
            } else if (strcmp(key, "--base") == 0) {
                o.base = val;
            } else if (strcmp(key, "--log-path") == 0) {
                o.log_path = val;
            } else if (strcmp(key, "--system-path") == 0) {
                o.system_path = val;
            } else if (strcmp(key, "--dest") == 0) {
                o.db_path = val;
            } else {
                return usage_error(m, "unknown option '%s'", a);
            }
            continue;
        }
        /* The mode's files come first (one, two for /c); for subcommands
         * everything that is not a long option is positional. */
        if (!m->esentutl || npos < (m->nargs > 1 ? m->nargs : 1)) {
            if (strcmp(a, "-h") == 0 || strcmp(a, "/?") == 0 || strcmp(a, "-?") == 0) {
                help_mode(stdout, m);
                return JU_EXIT_OK;
            }
            if (npos >= 2)
                return usage_error(m, "unexpected argument '%s'", a);
            pos[npos++] = a;
            continue;
        }
        /* esentutl switches after the file. */
        if (a[0] != '/' && a[0] != '-')
            return usage_error(m, "unexpected argument '%s'", a);
        char c = a[1];
        const char *val = a + 2;
        if (c == '\0')
            return usage_error(m, "empty switch '%s'", a);
        switch (c) {
        case 'o': case 'O':
            if (*val != '\0')
                return usage_error(m, "invalid option '%s'", a);
            logo = false;
            break;
        case 'v': case 'V':
            verbose = true;
            break;
        case '?':
            help_mode(stdout, m);
            return JU_EXIT_OK;
        case 'd': case 'D':
            if (m->fn == ju_mode_c)
                return usage_error(m, "invalid option '%s': esentutl's /c has no /d; the "
                                      "databases are restored into DESTINATION (/l puts the "
                                      "logs elsewhere)", a);
            if (m->fn == ju_mode_recover && *val == '\0') {
                /* esentutl: a bare /d is the current folder.  The next
                 * argument is its value only when it is an existing
                 * folder (a Linux path would otherwise read as a switch). */
                if (i + 1 < argc && ju_is_dir(argv[i + 1])) {
                    o.db_path = argv[++i];
                } else {
                    o.db_path = ".";
                    o.db_path_cwd = true;
                }
                break;
            }
            /* FALLTHROUGH */
        case 'l': case 'L':
        case 's': case 'S':
            /* A glued value, or (Linux habit) the next argument. */
            if (*val == '\0') {
                if (i + 1 >= argc)
                    return usage_error(m, "switch '%s' needs a path", a);
                val = argv[++i];
            }
            if (c == 'l' || c == 'L')
                o.log_path = val;
            else if (c == 's' || c == 'S')
                o.system_path = val;
            else
                o.db_path = val;
            break;
        case 't': case 'T':
            if (m->fn != ju_mode_c)
                return usage_error(m, "invalid option '%s'", a);
            /* /t<instance folder>, or a bare /t: replay no log beyond the
             * backup's (the next argument is taken when it is a folder). */
            if (*val != '\0') {
                o.target_dir = val;
            } else if (i + 1 < argc && ju_is_dir(argv[i + 1])) {
                o.target_dir = argv[++i];
            } else {
                o.target_none = true;
            }
            break;
        case 'f': case 'F':
            if (m->fn != ju_mode_c)
                return usage_error(m, "invalid option '%s'", a);
            if (*val == '\0') {
                if (i + 1 >= argc)
                    return usage_error(m, "switch '%s' needs a path", a);
                val = argv[++i];
            }
            o.forward_dir = val;
            break;
        case 'i': case 'I':
            if (m->fn != ju_mode_recover || *val != '\0')
                return usage_error(m, "invalid option '%s'", a);
            o.ignore_missing = true;
            break;
        case 'k': case 'K':
            if (m->fn != ju_mode_c || *val != '\0')
                return usage_error(m, "invalid option '%s'", a);
            o.keep_logs = true;
            break;
        case '2': case '4': case '8': case '1': case '3':
            /* page-size switches: detection from the header is always used */
            break;
        case '!':
            /* esentutl ignores the legacy log-size switch too */
            break;
        default:
            return usage_error(m, "invalid option '%s'", a);
        }
    }
    if (npos < m->nargs)
        return usage_error(m, "missing argument%s", "");
    if (npos > 0)
        o.file = pos[0];
    if (npos > 1)
        o.file2 = pos[1];
    if (m->esentutl && npos > (m->nargs > 1 ? m->nargs : 1))
        return usage_error(m, "unexpected argument '%s'", pos[npos - 1]);
    if (!m->esentutl && m->nargs < npos)
        return usage_error(m, "unexpected argument '%s'", pos[m->nargs]);
    ju u;
    ju_init(&u, json, no_progress, logo && m->esentutl);
    u.verbose = verbose;
    int rc = m->fn(&u, &o);
    free(o.databases);
    return rc;
}
