/*
 * bookstore.c: a small bookstore on jetdb, written against esent.h only,
 * in the style of ESE's own samples.
 *
 *   bookstore [FOLDER]
 *
 * Creates an instance and a database in FOLDER (default: a fresh temporary
 * folder, removed afterwards), three tables with JetCreateTableColumnIndex:
 *   customers  id (autoincrement), name (Unicode text), email (unique index)
 *   books      isbn (primary key), title, authors (multi-valued, indexed:
 *              one index entry per author), price (currency), cover (long
 *              binary)
 *   orders     id (autoincrement), customer, isbn, quantity, cancelled (bit,
 *              NULL while active); the index "active" is conditional: only
 *              orders whose "cancelled" column is NULL are in it
 * then fills them in transactions and answers a few questions with seeks,
 * index ranges and retrievals.  Every answer is printed on one line; the
 * test tests/isam/test_bookstore compares the output with the expected one.
 */
#define _GNU_SOURCE
#include <esent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CALL(expr)                                                                     \
    do {                                                                               \
        JET_ERR call_err_ = (expr);                                                    \
        if (call_err_ < 0) {                                                           \
            fprintf(stderr, "bookstore: %s failed with %d (line %d)\n", #expr,        \
                    (int)call_err_, __LINE__);                                         \
            exit(1);                                                                   \
        }                                                                              \
    } while (0)

#define N_COLS(a) (sizeof(a) / sizeof((a)[0]))

/* Column ids, filled by JetCreateTableColumnIndex. */
static JET_COLUMNID col_cust_id, col_cust_name, col_cust_email;
static JET_COLUMNID col_isbn, col_title, col_authors, col_price, col_cover;
static JET_COLUMNID col_ord_id, col_ord_cust, col_ord_isbn, col_ord_qty, col_ord_cancelled;

/* Unicode text (code page 1200) from ASCII: UTF-16LE bytes. */
static size_t to_utf16(const char *s, uint16_t *out, size_t max)
{
    size_t n = 0;
    for (; s[n] != '\0' && n < max; n++)
        out[n] = (uint16_t)(unsigned char)s[n];
    return n * sizeof(uint16_t);
}

static void from_utf16(const uint16_t *w, size_t cb, char *out, size_t max)
{
    size_t n = cb / sizeof(uint16_t);
    if (n >= max)
        n = max - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (char)w[i];
    out[n] = '\0';
}

static void create_schema(JET_SESID ses, JET_DBID db)
{
    /* customers */
    JET_COLUMNCREATE_A ccols[] = {
        {sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, JET_bitColumnAutoincrement,
         NULL, 0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "name", JET_coltypText, 200, JET_bitColumnNotNULL, NULL,
         0, 1200, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "email", JET_coltypText, 100, 0, NULL, 0, 1252, 0, 0},
    };
    char cust_pk[] = "+id\0";
    char cust_email[] = "+email\0";
    JET_INDEXCREATE_A cidx[] = {
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "primary", .szKey = cust_pk,
         .cbKey = sizeof(cust_pk), .grbit = JET_bitIndexPrimary, .ulDensity = 100},
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "by_email", .szKey = cust_email,
         .cbKey = sizeof(cust_email), .grbit = JET_bitIndexUnique | JET_bitIndexIgnoreNull,
         .ulDensity = 100},
    };
    JET_TABLECREATE_A ct = {sizeof(JET_TABLECREATE_A), "customers", NULL, 4, 100, ccols,
                            N_COLS(ccols), cidx, N_COLS(cidx), 0, 0, 0};
    CALL(JetCreateTableColumnIndexA(ses, db, &ct));
    col_cust_id = ccols[0].columnid;
    col_cust_name = ccols[1].columnid;
    col_cust_email = ccols[2].columnid;
    printf("created table customers (%u objects)\n", (unsigned)ct.cCreated);
    CALL(JetCloseTable(ses, ct.tableid));

    /* books */
    JET_COLUMNCREATE_A bcols[] = {
        {sizeof(JET_COLUMNCREATE_A), "isbn", JET_coltypText, 13, JET_bitColumnNotNULL, NULL, 0,
         1252, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "title", JET_coltypText, 255, 0, NULL, 0, 1200, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "authors", JET_coltypText, 100,
         JET_bitColumnTagged | JET_bitColumnMultiValued, NULL, 0, 1200, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "price", JET_coltypCurrency, 0, 0, NULL, 0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "cover", JET_coltypLongBinary, 0, 0, NULL, 0, 0, 0, 0},
    };
    char book_pk[] = "+isbn\0";
    char book_author[] = "+authors\0+title\0";
    JET_INDEXCREATE_A bidx[] = {
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "primary", .szKey = book_pk,
         .cbKey = sizeof(book_pk), .grbit = JET_bitIndexPrimary, .ulDensity = 100},
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "by_author",
         .szKey = book_author, .cbKey = sizeof(book_author), .grbit = JET_bitIndexIgnoreAnyNull,
         .ulDensity = 100},
    };
    JET_TABLECREATE_A bt = {sizeof(JET_TABLECREATE_A), "books", NULL, 4, 100, bcols,
                            N_COLS(bcols), bidx, N_COLS(bidx), 0, 0, 0};
    CALL(JetCreateTableColumnIndexA(ses, db, &bt));
    col_isbn = bcols[0].columnid;
    col_title = bcols[1].columnid;
    col_authors = bcols[2].columnid;
    col_price = bcols[3].columnid;
    col_cover = bcols[4].columnid;
    printf("created table books (%u objects)\n", (unsigned)bt.cCreated);
    CALL(JetCloseTable(ses, bt.tableid));

    /* orders, with a conditional index over the active ones */
    JET_COLUMNCREATE_A ocols[] = {
        {sizeof(JET_COLUMNCREATE_A), "id", JET_coltypLong, 0, JET_bitColumnAutoincrement,
         NULL, 0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "customer", JET_coltypLong, 0, JET_bitColumnNotNULL, NULL,
         0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "isbn", JET_coltypText, 13, JET_bitColumnNotNULL, NULL, 0,
         1252, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "quantity", JET_coltypShort, 0, 0, NULL, 0, 0, 0, 0},
        {sizeof(JET_COLUMNCREATE_A), "cancelled", JET_coltypBit, 0, 0, NULL, 0, 0, 0, 0},
    };
    char ord_pk[] = "+id\0";
    char ord_active[] = "+customer\0+id\0";
    JET_CONDITIONALCOLUMN_A not_cancelled = {sizeof(JET_CONDITIONALCOLUMN_A), "cancelled",
                                             JET_bitIndexColumnMustBeNull};
    JET_INDEXCREATE_A oidx[] = {
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "primary", .szKey = ord_pk,
         .cbKey = sizeof(ord_pk), .grbit = JET_bitIndexPrimary, .ulDensity = 100},
        {.cbStruct = sizeof(JET_INDEXCREATE_A), .szIndexName = "active", .szKey = ord_active,
         .cbKey = sizeof(ord_active), .grbit = 0, .ulDensity = 100,
         .rgconditionalcolumn = &not_cancelled, .cConditionalColumn = 1},
    };
    JET_TABLECREATE_A ot = {sizeof(JET_TABLECREATE_A), "orders", NULL, 4, 100, ocols,
                            N_COLS(ocols), oidx, N_COLS(oidx), 0, 0, 0};
    CALL(JetCreateTableColumnIndexA(ses, db, &ot));
    col_ord_id = ocols[0].columnid;
    col_ord_cust = ocols[1].columnid;
    col_ord_isbn = ocols[2].columnid;
    col_ord_qty = ocols[3].columnid;
    col_ord_cancelled = ocols[4].columnid;
    printf("created table orders (%u objects)\n", (unsigned)ot.cCreated);
    CALL(JetCloseTable(ses, ot.tableid));
}

static int32_t add_customer(JET_SESID ses, JET_TABLEID t, const char *name, const char *email)
{
    uint16_t wname[100];
    size_t cbname = to_utf16(name, wname, 100);
    int32_t id = 0;
    uint32_t cb = 0;
    CALL(JetPrepareUpdate(ses, t, JET_prepInsert));
    /* The autoincrement value is known as soon as the insert is prepared. */
    CALL(JetRetrieveColumn(ses, t, col_cust_id, &id, sizeof(id), &cb, JET_bitRetrieveCopy,
                           NULL));
    CALL(JetSetColumn(ses, t, col_cust_name, wname, (uint32_t)cbname, 0, NULL));
    CALL(JetSetColumn(ses, t, col_cust_email, email, (uint32_t)strlen(email), 0, NULL));
    CALL(JetUpdate(ses, t, NULL, 0, NULL));
    return id;
}

/* The cover: a deterministic pseudo-image of n bytes. */
static uint8_t *make_cover(uint32_t seed, size_t n)
{
    uint8_t *p = malloc(n);
    if (p == NULL)
        exit(1);
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (uint8_t)x;
    }
    return p;
}

static uint32_t checksum(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

struct book {
    const char *isbn, *title;
    const char *authors[3];
    int64_t price_cents;      /* currency: 1/10000 units */
    size_t cover_bytes;
};

static const struct book books[] = {
    {"9780000000001", "Storage Engines in Practice", {"Ada Stone", "Bo Lind", NULL}, 395000,
     180000},
    {"9780000000002", "Logs and Recovery", {"Bo Lind", NULL, NULL}, 289900, 64000},
    {"9780000000003", "Backups That Restore", {"Cy Park", "Ada Stone", "Di Moor"}, 449900,
     250000},
    {"9780000000004", "B-Trees for Everyone", {"Di Moor", NULL, NULL}, 199900, 3000},
};

static void add_book(JET_SESID ses, JET_TABLEID t, const struct book *b, uint32_t seed)
{
    uint16_t w[256];
    CALL(JetPrepareUpdate(ses, t, JET_prepInsert));
    CALL(JetSetColumn(ses, t, col_isbn, b->isbn, (uint32_t)strlen(b->isbn), 0, NULL));
    size_t cb = to_utf16(b->title, w, 256);
    CALL(JetSetColumn(ses, t, col_title, w, (uint32_t)cb, 0, NULL));
    for (int i = 0; i < 3 && b->authors[i] != NULL; i++) {
        /* itagSequence 0 appends another value to the multi-valued column. */
        JET_SETINFO si = {sizeof(JET_SETINFO), 0, 0};
        cb = to_utf16(b->authors[i], w, 256);
        CALL(JetSetColumn(ses, t, col_authors, w, (uint32_t)cb, 0, &si));
    }
    CALL(JetSetColumn(ses, t, col_price, &b->price_cents, sizeof(b->price_cents), 0, NULL));
    /* The cover goes in two pieces: JET_bitSetAppendLV adds to the value. */
    uint8_t *cover = make_cover(seed, b->cover_bytes);
    size_t half = b->cover_bytes / 2;
    CALL(JetSetColumn(ses, t, col_cover, cover, (uint32_t)half, 0, NULL));
    CALL(JetSetColumn(ses, t, col_cover, cover + half, (uint32_t)(b->cover_bytes - half),
                      JET_bitSetAppendLV, NULL));
    free(cover);
    CALL(JetUpdate(ses, t, NULL, 0, NULL));
}

static void add_order(JET_SESID ses, JET_TABLEID t, int32_t customer, const char *isbn,
                      int16_t qty)
{
    CALL(JetPrepareUpdate(ses, t, JET_prepInsert));
    CALL(JetSetColumn(ses, t, col_ord_cust, &customer, sizeof(customer), 0, NULL));
    CALL(JetSetColumn(ses, t, col_ord_isbn, isbn, (uint32_t)strlen(isbn), 0, NULL));
    CALL(JetSetColumn(ses, t, col_ord_qty, &qty, sizeof(qty), 0, NULL));
    CALL(JetUpdate(ses, t, NULL, 0, NULL));
}

static void fill(JET_SESID ses, JET_DBID db, int32_t cust_ids[3])
{
    JET_TABLEID t;
    CALL(JetBeginTransaction(ses));
    CALL(JetOpenTableA(ses, db, "customers", NULL, 0, JET_bitTableUpdatable, &t));
    cust_ids[0] = add_customer(ses, t, "Eve Adams", "eve@example.org");
    cust_ids[1] = add_customer(ses, t, "Finn Berg", "finn@example.org");
    cust_ids[2] = add_customer(ses, t, "Gus Chan", "gus@example.org");
    /* A second customer with the same e-mail breaks the unique index. */
    CALL(JetPrepareUpdate(ses, t, JET_prepInsert));
    uint16_t w[16];
    size_t cb = to_utf16("Impostor", w, 16);
    CALL(JetSetColumn(ses, t, col_cust_name, w, (uint32_t)cb, 0, NULL));
    CALL(JetSetColumn(ses, t, col_cust_email, "eve@example.org", 15, 0, NULL));
    JET_ERR dup = JetUpdate(ses, t, NULL, 0, NULL);
    printf("duplicate e-mail rejected: %s\n", dup == JET_errKeyDuplicate ? "yes" : "NO");
    CALL(JetPrepareUpdate(ses, t, JET_prepCancel));
    CALL(JetCloseTable(ses, t));

    CALL(JetOpenTableA(ses, db, "books", NULL, 0, JET_bitTableUpdatable, &t));
    for (uint32_t i = 0; i < N_COLS(books); i++)
        add_book(ses, t, &books[i], i + 1);
    CALL(JetCloseTable(ses, t));

    CALL(JetOpenTableA(ses, db, "orders", NULL, 0, JET_bitTableUpdatable, &t));
    add_order(ses, t, cust_ids[0], books[0].isbn, 1);
    add_order(ses, t, cust_ids[0], books[2].isbn, 2);
    add_order(ses, t, cust_ids[1], books[1].isbn, 1);
    add_order(ses, t, cust_ids[0], books[3].isbn, 5);
    add_order(ses, t, cust_ids[2], books[2].isbn, 1);
    CALL(JetCloseTable(ses, t));
    CALL(JetCommitTransaction(ses, 0));
    printf("stored %u customers, %u books, 5 orders\n", 3u, (unsigned)N_COLS(books));
}

/* Every title of an author, through the multi-valued index. */
static void books_by(JET_SESID ses, JET_DBID db, const char *author)
{
    JET_TABLEID t;
    CALL(JetOpenTableA(ses, db, "books", NULL, 0, JET_bitTableReadOnly, &t));
    CALL(JetSetCurrentIndexA(ses, t, "by_author"));
    uint16_t w[128];
    size_t cb = to_utf16(author, w, 128);
    CALL(JetMakeKey(ses, t, w, (uint32_t)cb, JET_bitNewKey));
    printf("books by %s:", author);
    JET_ERR err = JetSeek(ses, t, JET_bitSeekGE);
    if (err >= 0) {
        CALL(JetMakeKey(ses, t, w, (uint32_t)cb, JET_bitNewKey | JET_bitFullColumnEndLimit));
        err = JetSetIndexRange(ses, t, JET_bitRangeInclusive | JET_bitRangeUpperLimit);
    }
    int n = 0;
    while (err >= 0) {
        uint16_t title[256];
        uint32_t got = 0;
        CALL(JetRetrieveColumn(ses, t, col_title, title, sizeof(title), &got, 0, NULL));
        char a[256];
        from_utf16(title, got, a, sizeof(a));
        printf("%s \"%s\"", n++ ? "," : "", a);
        err = JetMove(ses, t, JET_MoveNext, 0);
    }
    if (err != JET_errNoCurrentRecord && err != JET_errRecordNotFound)
        CALL(err);
    printf("%s\n", n ? "" : " none");
    CALL(JetCloseTable(ses, t));
}

/* Look a customer up by e-mail. */
static int32_t customer_by_email(JET_SESID ses, JET_DBID db, const char *email)
{
    JET_TABLEID t;
    CALL(JetOpenTableA(ses, db, "customers", NULL, 0, JET_bitTableReadOnly, &t));
    CALL(JetSetCurrentIndexA(ses, t, "by_email"));
    CALL(JetMakeKey(ses, t, email, (uint32_t)strlen(email), JET_bitNewKey));
    int32_t id = -1;
    if (JetSeek(ses, t, JET_bitSeekEQ) >= 0) {
        uint16_t w[100];
        uint32_t got = 0;
        char name[100];
        CALL(JetRetrieveColumn(ses, t, col_cust_id, &id, sizeof(id), NULL, 0, NULL));
        CALL(JetRetrieveColumn(ses, t, col_cust_name, w, sizeof(w), &got, 0, NULL));
        from_utf16(w, got, name, sizeof(name));
        printf("customer %s is #%d %s\n", email, (int)id, name);
    } else {
        printf("customer %s not found\n", email);
    }
    CALL(JetCloseTable(ses, t));
    return id;
}

/* The active orders of a customer, through the conditional index. */
static void active_orders(JET_SESID ses, JET_DBID db, int32_t customer)
{
    JET_TABLEID t;
    CALL(JetOpenTableA(ses, db, "orders", NULL, 0, JET_bitTableReadOnly, &t));
    CALL(JetSetCurrentIndexA(ses, t, "active"));
    CALL(JetMakeKey(ses, t, &customer, sizeof(customer), JET_bitNewKey));
    JET_ERR err = JetSeek(ses, t, JET_bitSeekGE);
    if (err >= 0) {
        CALL(JetMakeKey(ses, t, &customer, sizeof(customer),
                        JET_bitNewKey | JET_bitFullColumnEndLimit));
        err = JetSetIndexRange(ses, t, JET_bitRangeInclusive | JET_bitRangeUpperLimit);
    }
    printf("active orders of #%d:", (int)customer);
    int n = 0;
    while (err >= 0) {
        int32_t id;
        int16_t qty;
        char isbn[14] = {0};
        uint32_t got = 0;
        CALL(JetRetrieveColumn(ses, t, col_ord_id, &id, sizeof(id), NULL, 0, NULL));
        CALL(JetRetrieveColumn(ses, t, col_ord_isbn, isbn, 13, &got, 0, NULL));
        CALL(JetRetrieveColumn(ses, t, col_ord_qty, &qty, sizeof(qty), NULL, 0, NULL));
        printf("%s order %d: %d x %s", n++ ? "," : "", (int)id, (int)qty, isbn);
        err = JetMove(ses, t, JET_MoveNext, 0);
    }
    if (err != JET_errNoCurrentRecord && err != JET_errRecordNotFound)
        CALL(err);
    printf("%s\n", n ? "" : " none");
    CALL(JetCloseTable(ses, t));
}

/* Cancel an order: it leaves the conditional index. */
static void cancel_order(JET_SESID ses, JET_DBID db, int32_t order)
{
    JET_TABLEID t;
    CALL(JetBeginTransaction(ses));
    CALL(JetOpenTableA(ses, db, "orders", NULL, 0, JET_bitTableUpdatable, &t));
    CALL(JetMakeKey(ses, t, &order, sizeof(order), JET_bitNewKey));
    CALL(JetSeek(ses, t, JET_bitSeekEQ));
    CALL(JetPrepareUpdate(ses, t, JET_prepReplace));
    uint8_t yes = 1;
    CALL(JetSetColumn(ses, t, col_ord_cancelled, &yes, sizeof(yes), 0, NULL));
    CALL(JetUpdate(ses, t, NULL, 0, NULL));
    CALL(JetCloseTable(ses, t));
    CALL(JetCommitTransaction(ses, JET_bitCommitLazyFlush));
    printf("cancelled order %d\n", (int)order);
}

/* The cover of a book: size first (a zero-length buffer), then the bytes. */
static void check_cover(JET_SESID ses, JET_DBID db, uint32_t i)
{
    JET_TABLEID t;
    CALL(JetOpenTableA(ses, db, "books", NULL, 0, JET_bitTableReadOnly, &t));
    CALL(JetMakeKey(ses, t, books[i].isbn, (uint32_t)strlen(books[i].isbn), JET_bitNewKey));
    CALL(JetSeek(ses, t, JET_bitSeekEQ));
    uint32_t size = 0;
    JET_ERR err = JetRetrieveColumn(ses, t, col_cover, NULL, 0, &size, 0, NULL);
    uint8_t *buf = malloc(size ? size : 1);
    if (buf == NULL)
        exit(1);
    CALL(JetRetrieveColumn(ses, t, col_cover, buf, size, NULL, 0, NULL));
    uint8_t *want = make_cover(i + 1, books[i].cover_bytes);
    int same = size == books[i].cover_bytes && memcmp(buf, want, size) == 0;
    printf("cover of %s: %u bytes (%s), checksum %08x %s\n", books[i].isbn, (unsigned)size,
           err == JET_wrnBufferTruncated ? "size asked first" : "?", checksum(buf, size),
           same ? "intact" : "DAMAGED");
    free(want);
    free(buf);
    CALL(JetCloseTable(ses, t));
}

/* Average price of all books with a plain scan of the primary index. */
static void price_report(JET_SESID ses, JET_DBID db)
{
    JET_TABLEID t;
    CALL(JetOpenTableA(ses, db, "books", NULL, 0, JET_bitTableReadOnly, &t));
    int64_t total = 0;
    int n = 0;
    for (JET_ERR err = JetMove(ses, t, JET_MoveFirst, 0); err >= 0;
         err = JetMove(ses, t, JET_MoveNext, 0)) {
        int64_t price;
        CALL(JetRetrieveColumn(ses, t, col_price, &price, sizeof(price), NULL, 0, NULL));
        total += price;
        n++;
    }
    /* JetIndexRecordCount counts from the current record to the end. */
    uint32_t count = 0;
    CALL(JetMove(ses, t, JET_MoveFirst, 0));
    CALL(JetIndexRecordCount(ses, t, &count, 0));
    printf("%d books (index count %u), average price %lld.%02lld\n", n, (unsigned)count,
           (long long)(total / n / 10000), (long long)(total / n / 100 % 100));
    CALL(JetCloseTable(ses, t));
}

int main(int argc, char **argv)
{
    char tmp[] = "/tmp/bookstore-XXXXXX";
    const char *dir = argc > 1 ? argv[1] : mkdtemp(tmp);
    if (dir == NULL || (argc > 1 && mkdir(dir, 0755) != 0)) {
        perror("bookstore: folder");
        return 1;
    }
    char path[4096];
    JET_INSTANCE inst;
    CALL(JetCreateInstanceA(&inst, "bookstore"));
    snprintf(path, sizeof(path), "%s/", dir);
    CALL(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, path));
    CALL(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, path));
    CALL(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, path));
    CALL(JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "bks"));
    CALL(JetInit(&inst));

    JET_SESID ses;
    JET_DBID db;
    CALL(JetBeginSessionA(inst, &ses, NULL, NULL));
    snprintf(path, sizeof(path), "%s/bookstore.edb", dir);
    CALL(JetCreateDatabaseA(ses, path, NULL, &db, 0));
    create_schema(ses, db);

    int32_t cust[3];
    fill(ses, db, cust);
    books_by(ses, db, "Ada Stone");
    books_by(ses, db, "Bo Lind");
    books_by(ses, db, "Nobody");
    int32_t eve = customer_by_email(ses, db, "eve@example.org");
    customer_by_email(ses, db, "zed@example.org");
    active_orders(ses, db, eve);
    cancel_order(ses, db, 2);
    active_orders(ses, db, eve);
    check_cover(ses, db, 0);
    check_cover(ses, db, 2);
    price_report(ses, db);

    CALL(JetCloseDatabase(ses, db, 0));
    CALL(JetEndSession(ses, 0));
    CALL(JetTerm(inst));

    /* Reopen: everything committed is still there. */
    CALL(JetCreateInstanceA(&inst, "bookstore"));
    snprintf(path, sizeof(path), "%s/", dir);
    CALL(JetSetSystemParameterA(&inst, 0, JET_paramLogFilePath, 0, path));
    CALL(JetSetSystemParameterA(&inst, 0, JET_paramSystemPath, 0, path));
    CALL(JetSetSystemParameterA(&inst, 0, JET_paramTempPath, 0, path));
    CALL(JetSetSystemParameterA(&inst, 0, JET_paramBaseName, 0, "bks"));
    CALL(JetInit(&inst));
    CALL(JetBeginSessionA(inst, &ses, NULL, NULL));
    snprintf(path, sizeof(path), "%s/bookstore.edb", dir);
    CALL(JetAttachDatabaseA(ses, path, 0));
    CALL(JetOpenDatabaseA(ses, path, NULL, &db, 0));
    printf("after restart:\n");
    active_orders(ses, db, eve);
    price_report(ses, db);
    CALL(JetCloseDatabase(ses, db, 0));
    CALL(JetEndSession(ses, 0));
    CALL(JetTerm(inst));

    if (argc <= 1) {
        char cmd[4200];
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            fprintf(stderr, "bookstore: could not remove %s\n", dir);
    }
    return 0;
}
