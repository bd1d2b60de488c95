/*
 * test_isam_bookstore.c: a small application written the way ESE users
 * write one — authors and books (autoincrement ids, Unicode titles, a
 * multi-valued genre column, a long-text blurb), lookups by secondary
 * index with exact and prefix keys, an index range over one author's
 * books, a price change in a transaction, and a sale with escrow stock.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

static tu_env env;
static JET_TABLEID authors, books;
static JET_COLUMNID ac[2], bc[7];

enum { A_ID, A_NAME };
enum { B_ID, B_AUTHOR, B_TITLE, B_PRICE, B_GENRE, B_BLURB, B_STOCK };

static const int32_t zero = 0;
static const tu_col acols[] = {
    {"author_id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0, NULL, 0},
    {"name", JET_coltypText, 100, JET_bitColumnNotNULL, 0, NULL, 0},
};
static const tu_idx aidx[] = {
    {"pk", "+author_id\0", sizeof "+author_id\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"byname", "+name\0", sizeof "+name\0", JET_bitIndexUnique, 0, NULL, 0},
};
static const tu_col bcols[] = {
    {"book_id", JET_coltypLong, 0, JET_bitColumnAutoincrement, 0, NULL, 0},
    {"author_id", JET_coltypLong, 0, JET_bitColumnNotNULL, 0, NULL, 0},
    {"title", JET_coltypText, 200, 0, 1200, NULL, 0},
    {"price", JET_coltypCurrency, 0, 0, 0, NULL, 0},
    {"genre", JET_coltypText, 0, JET_bitColumnTagged | JET_bitColumnMultiValued, 0, NULL, 0},
    {"blurb", JET_coltypLongText, 0, 0, 0, NULL, 0},
    {"stock", JET_coltypLong, 0, JET_bitColumnEscrowUpdate, 0, &zero, 4},
};
static const tu_idx bidx[] = {
    {"pk", "+book_id\0", sizeof "+book_id\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"byauthor", "+author_id\0+title\0", sizeof "+author_id\0+title\0", 0, 0, NULL, 0},
    {"bytitle", "+title\0", sizeof "+title\0", 0, 0, NULL, 0},
    {"bygenre", "+genre\0", sizeof "+genre\0", JET_bitIndexIgnoreAnyNull, 0, NULL, 0},
};

static int32_t add_author(const char *name)
{
    JET_SESID s = env.ses;
    assert_jet_ok(JetPrepareUpdate(s, authors, JET_prepInsert));
    int32_t id;
    assert_jet_ok(JetRetrieveColumn(s, authors, ac[A_ID], &id, 4, NULL, JET_bitRetrieveCopy, NULL));
    tu_set_str(s, authors, ac[A_NAME], name);
    assert_jet_ok(JetUpdate(s, authors, NULL, 0, NULL));
    return id;
}

/* Titles are UTF-16 (code page 1200). */
static uint32_t utf16(const char *s, uint16_t *out)
{
    uint32_t n = 0;
    while (*s)
        out[n++] = (uint8_t)*s++;
    return n * 2;
}

static void add_book(int32_t author, const char *title, int64_t price, const char *g1,
                     const char *g2, int32_t stock)
{
    JET_SESID s = env.ses;
    uint16_t w[100];
    assert_jet_ok(JetPrepareUpdate(s, books, JET_prepInsert));
    tu_set_long(s, books, bc[B_AUTHOR], author);
    assert_jet_ok(JetSetColumn(s, books, bc[B_TITLE], w, utf16(title, w), 0, NULL));
    assert_jet_ok(JetSetColumn(s, books, bc[B_PRICE], &price, 8, 0, NULL));
    JET_SETINFO si = {sizeof si, 0, 0};
    if (g1 != NULL)
        assert_jet_ok(JetSetColumn(s, books, bc[B_GENRE], g1, (uint32_t)strlen(g1), 0, &si));
    if (g2 != NULL)
        assert_jet_ok(JetSetColumn(s, books, bc[B_GENRE], g2, (uint32_t)strlen(g2), 0, &si));
    char blurb[3000];
    snprintf(blurb, sizeof blurb, "%s: ", title);
    size_t n = strlen(blurb);
    memset(blurb + n, '*', sizeof blurb - n);
    assert_jet_ok(JetSetColumn(s, books, bc[B_BLURB], blurb, sizeof blurb, 0, NULL));
    tu_set_long(s, books, bc[B_STOCK], stock);
    assert_jet_ok(JetUpdate(s, books, NULL, 0, NULL));
}

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_books");
    tu_table(&env, "authors", acols, 2, aidx, 2, &authors, ac);
    tu_table(&env, "books", bcols, 7, bidx, 4, &books, bc);
    int32_t tolkien = add_author("Tolkien");
    int32_t austen = add_author("Austen");
    int32_t adams = add_author("Adams");
    add_book(tolkien, "The Hobbit", 125000, "fantasy", "classic", 5);
    add_book(tolkien, "The Silmarillion", 150000, "fantasy", NULL, 2);
    add_book(austen, "Emma", 90000, "romance", "classic", 7);
    add_book(austen, "Persuasion", 85000, "romance", NULL, 1);
    add_book(adams, "the hitchhiker's guide", 99000, "scifi", "comedy", 9);
    add_book(adams, "Mostly Harmless", 80000, NULL, NULL, 3);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetCloseTable(env.ses, books);
    JetCloseTable(env.ses, authors);
    tu_close(&env);
    return 0;
}

static int32_t author_by_name(const char *name)
{
    JET_SESID s = env.ses;
    assert_jet_ok(JetSetCurrentIndexA(s, authors, "byname"));
    assert_jet_ok(JetMakeKey(s, authors, name, (uint32_t)strlen(name), JET_bitNewKey));
    JET_ERR err = JetSeek(s, authors, JET_bitSeekEQ);
    if (err == JET_errRecordNotFound)
        return -1;
    assert_jet_ok(err);
    return tu_get_long(s, authors, ac[A_ID]);
}

static void title_of(char *out)
{
    uint16_t w[100];
    uint32_t n = 0;
    assert_jet_ok(JetRetrieveColumn(env.ses, books, bc[B_TITLE], w, sizeof w, &n, 0, NULL));
    for (uint32_t i = 0; i < n / 2; i++)
        out[i] = (char)w[i];
    out[n / 2] = '\0';
}

static void test_lookups(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    /* author names are unique */
    assert_jet_ok(JetPrepareUpdate(s, authors, JET_prepInsert));
    tu_set_str(s, authors, ac[A_NAME], "austen");   /* case-insensitive index */
    assert_jet(JET_errKeyDuplicate, JetUpdate(s, authors, NULL, 0, NULL));
    assert_jet_ok(JetPrepareUpdate(s, authors, JET_prepCancel));
    assert_int_equal(author_by_name("Missing"), -1);

    /* every book of one author, in title order, through an index range */
    int32_t austen = author_by_name("AUSTEN");
    assert_int_equal(austen, 2);
    assert_jet_ok(JetSetCurrentIndexA(s, books, "byauthor"));
    assert_jet_ok(JetMakeKey(s, books, &austen, 4, JET_bitNewKey));
    assert_jet(JET_wrnSeekNotEqual, JetSeek(s, books, JET_bitSeekGE));
    assert_jet_ok(JetMakeKey(s, books, &austen, 4, JET_bitNewKey | JET_bitFullColumnEndLimit));
    assert_jet_ok(JetSetIndexRange(s, books, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
    char t[100];
    title_of(t);
    assert_string_equal(t, "Emma");
    assert_jet_ok(JetMove(s, books, JET_MoveNext, 0));
    title_of(t);
    assert_string_equal(t, "Persuasion");
    assert_jet(JET_errNoCurrentRecord, JetMove(s, books, JET_MoveNext, 0));

    /* titles sort case-insensitively; a prefix search on "the h" */
    assert_jet_ok(JetSetCurrentIndexA(s, books, "bytitle"));
    uint16_t w[16];
    uint32_t cb = utf16("THE H", w);
    assert_jet_ok(JetMakeKey(s, books, w, cb, JET_bitNewKey | JET_bitPartialColumnStartLimit));
    assert_true(JetSeek(s, books, JET_bitSeekGE) >= 0);
    assert_jet_ok(JetMakeKey(s, books, w, cb, JET_bitNewKey | JET_bitPartialColumnEndLimit));
    assert_jet_ok(JetSetIndexRange(s, books, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
    uint32_t n = 0;
    assert_jet_ok(JetIndexRecordCount(s, books, &n, 0));
    assert_int_equal(n, 2);
    title_of(t);
    assert_string_equal(t, "the hitchhiker's guide");
    assert_jet_ok(JetMove(s, books, JET_MoveNext, 0));
    title_of(t);
    assert_string_equal(t, "The Hobbit");

    /* one entry per genre; books without one are not in the index */
    assert_jet_ok(JetSetCurrentIndexA(s, books, "bygenre"));
    assert_int_equal(tu_count(s, books), 8);
    assert_jet_ok(JetMakeKey(s, books, "classic", 7, JET_bitNewKey));
    assert_jet_ok(JetSeek(s, books, JET_bitSeekEQ | JET_bitSetIndexRange));
    assert_jet_ok(JetIndexRecordCount(s, books, &n, 0));
    assert_int_equal(n, 2);
}

static void test_sale_and_price(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    /* raise every price of Tolkien's books by 10% in one transaction */
    int32_t tolkien = author_by_name("Tolkien");
    assert_jet_ok(JetBeginTransaction(s));
    assert_jet_ok(JetSetCurrentIndexA(s, books, "byauthor"));
    assert_jet_ok(JetMakeKey(s, books, &tolkien, 4, JET_bitNewKey));
    assert_jet_ok(JetSeek(s, books, JET_bitSeekGE) >= 0 ? JET_errSuccess : -1);
    assert_jet_ok(JetMakeKey(s, books, &tolkien, 4, JET_bitNewKey | JET_bitStrLimit));
    assert_jet_ok(JetSetIndexRange(s, books, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
    JET_ERR err = JET_errSuccess;
    int changed = 0;
    while (err == JET_errSuccess) {
        int64_t price;
        assert_jet_ok(JetRetrieveColumn(s, books, bc[B_PRICE], &price, 8, NULL, 0, NULL));
        assert_jet_ok(JetPrepareUpdate(s, books, JET_prepReplace));
        price = price * 11 / 10;
        assert_jet_ok(JetSetColumn(s, books, bc[B_PRICE], &price, 8, 0, NULL));
        assert_jet_ok(JetUpdate(s, books, NULL, 0, NULL));
        changed++;
        err = JetMove(s, books, JET_MoveNext, 0);
    }
    assert_int_equal(changed, 2);
    assert_jet_ok(JetCommitTransaction(s, 0));

    /* sell three copies of Emma: escrow stock */
    assert_jet_ok(JetSetCurrentIndexA(s, books, "bytitle"));
    uint16_t w[16];
    assert_jet_ok(JetMakeKey(s, books, w, utf16("emma", w), JET_bitNewKey));
    assert_jet_ok(JetSeek(s, books, JET_bitSeekEQ));
    int64_t price;
    assert_jet_ok(JetRetrieveColumn(s, books, bc[B_PRICE], &price, 8, NULL, 0, NULL));
    assert_true(price == 90000);
    assert_jet_ok(JetBeginTransaction(s));
    int32_t delta = -3, old = 0;
    assert_jet_ok(JetEscrowUpdate(s, books, bc[B_STOCK], &delta, 4, &old, 4, NULL, 0));
    assert_int_equal(old, 7);
    assert_jet_ok(JetCommitTransaction(s, 0));
    assert_int_equal(tu_get_long(s, books, bc[B_STOCK]), 4);
    /* the blurb is a long value read in pieces */
    char head[16];
    uint32_t n;
    JET_RETINFO ri = {sizeof ri, 0, 1, 0};
    assert_jet(JET_wrnBufferTruncated,
               JetRetrieveColumn(s, books, bc[B_BLURB], head, 6, &n, 0, &ri));
    assert_int_equal(n, 3000);
    assert_memory_equal(head, "Emma: ", 6);
    ri.ibLongValue = 2990;
    assert_jet_ok(JetRetrieveColumn(s, books, bc[B_BLURB], head, sizeof head, &n, 0, &ri));
    assert_int_equal(n, 10);
    assert_memory_equal(head, "**********", 10);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lookups, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sale_and_price, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
