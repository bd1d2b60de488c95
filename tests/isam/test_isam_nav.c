/*
 * test_isam_nav.c: navigation — JetMove by ±N and JET_bitMoveKeyNE, every
 * JetSeek operator on hits and misses, key limits (StrLimit, SubStrLimit,
 * Full/Partial column limits, normalized keys), index ranges, bookmarks
 * (primary and secondary), JetSetCurrentIndex2/3/4, record positions,
 * JetIndexRecordCount, JetDupCursor and JetGetCursorInfo.
 */
#include "isam_tu.h"

#include <stdio.h>
#include <string.h>

static tu_env env;
static JET_TABLEID tab;
static JET_COLUMNID c[3];

/* k = 10, 20, ..., 200; grp = k / 50 (0..4); name = "n" + k */
static const tu_col cols[] = {
    {"k", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"grp", JET_coltypLong, 0, 0, 0, NULL, 0},
    {"name", JET_coltypText, 0, 0, 0, NULL, 0},
};
static const tu_idx idx[] = {
    {"pk", "+k\0", sizeof "+k\0", JET_bitIndexPrimary, 0, NULL, 0},
    {"bygrp", "+grp\0-k\0", sizeof "+grp\0-k\0", 0, 0, NULL, 0},
    {"byname", "+name\0", sizeof "+name\0", 0, 0, NULL, 0},
    {"grponly", "+grp\0", sizeof "+grp\0", 0, 0, NULL, 0},
};

static int setup(void **state)
{
    (void)state;
    tu_open(&env, "isam_nav");
    tu_table(&env, "nav", cols, 3, idx, 4, &tab, c);
    JET_SESID s = env.ses;
    for (int32_t k = 10; k <= 200; k += 10) {
        assert_jet_ok(JetPrepareUpdate(s, tab, JET_prepInsert));
        tu_set_long(s, tab, c[0], k);
        tu_set_long(s, tab, c[1], k / 50);
        char name[16];
        snprintf(name, sizeof name, "n%03d", k);
        tu_set_str(s, tab, c[2], name);
        assert_jet_ok(JetUpdate(s, tab, NULL, 0, NULL));
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    JetCloseTable(env.ses, tab);
    tu_close(&env);
    return 0;
}

static int32_t cur_k(void)
{
    return tu_get_long(env.ses, tab, c[0]);
}

static void test_moves(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    /* a new cursor is before the first record */
    JET_TABLEID t2 = tu_open_table(&env, s, "nav", 0);
    int32_t v;
    assert_jet(JET_errNoCurrentRecord, JetRetrieveColumn(s, t2, c[0], &v, 4, NULL, 0, NULL));
    assert_jet(JET_errNoCurrentRecord, JetGetCursorInfo(s, t2, NULL, 0, 0));
    assert_jet_ok(JetMove(s, t2, JET_MoveNext, 0));
    assert_int_equal(tu_get_long(s, t2, c[0]), 10);
    assert_jet_ok(JetGetCursorInfo(s, t2, NULL, 0, 0));
    assert_jet_ok(JetCloseTable(s, t2));

    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    assert_jet_ok(JetMove(s, tab, 5, 0));
    assert_int_equal(cur_k(), 60);
    assert_jet_ok(JetMove(s, tab, -3, 0));
    assert_int_equal(cur_k(), 30);
    assert_jet_ok(JetMove(s, tab, 0, 0));
    assert_int_equal(cur_k(), 30);
    /* past the end: after the last record, the move back returns to it */
    assert_jet(JET_errNoCurrentRecord, JetMove(s, tab, 100, 0));
    assert_jet(JET_errNoCurrentRecord, JetMove(s, tab, 0, 0));
    assert_jet_ok(JetMove(s, tab, JET_MovePrevious, 0));
    assert_int_equal(cur_k(), 200);
    assert_jet(JET_errNoCurrentRecord, JetMove(s, tab, -100, 0));
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));
    assert_int_equal(cur_k(), 10);
    assert_jet(JET_errInvalidGrbit, JetMove(s, tab, 1, 0x100));

    /* JET_bitMoveKeyNE on an index with repeated keys */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "grponly"));
    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    int32_t seen[8];
    int n = 0;
    JET_ERR err = JET_errSuccess;
    while (err == JET_errSuccess && n < 8) {
        seen[n++] = tu_get_long(s, tab, c[1]);
        err = JetMove(s, tab, JET_MoveNext, JET_bitMoveKeyNE);
    }
    assert_int_equal(n, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(seen[i], i);
    assert_jet_ok(JetMove(s, tab, JET_MoveLast, 0));
    assert_jet_ok(JetMove(s, tab, -2, JET_bitMoveKeyNE));
    assert_int_equal(tu_get_long(s, tab, c[1]), 2);

    /* JetSetCurrentIndex2 with JET_bitNoMove keeps the record */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "bygrp"));
    assert_int_equal(cur_k(), 40);         /* grp 0, k descending: 40 first */
    assert_jet_ok(JetMove(s, tab, 3, 0));
    assert_int_equal(cur_k(), 10);
    assert_jet_ok(JetSetCurrentIndex2A(s, tab, "byname", JET_bitNoMove));
    assert_int_equal(cur_k(), 10);
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));
    assert_int_equal(cur_k(), 20);
    assert_jet_ok(JetSetCurrentIndex3A(s, tab, NULL, JET_bitNoMove, 1));
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));
    assert_int_equal(cur_k(), 30);
    assert_jet(JET_errIndexNotFound, JetSetCurrentIndexA(s, tab, "nope"));
    assert_jet(JET_errInvalidGrbit, JetSetCurrentIndex2A(s, tab, "byname", 0x10));
    assert_int_equal(cur_k(), 30);
    char name[64];
    assert_jet_ok(JetGetCurrentIndexA(s, tab, name, sizeof name));
    assert_string_equal(name, "pk");
}

static void test_seeks(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    /* hits */
    tu_seek_long(s, tab, 50, JET_bitSeekEQ, JET_errSuccess);
    assert_int_equal(cur_k(), 50);
    tu_seek_long(s, tab, 50, JET_bitSeekGE, JET_errSuccess);
    assert_int_equal(cur_k(), 50);
    tu_seek_long(s, tab, 50, JET_bitSeekLE, JET_errSuccess);
    assert_int_equal(cur_k(), 50);
    tu_seek_long(s, tab, 50, JET_bitSeekGT, JET_errSuccess);
    assert_int_equal(cur_k(), 60);
    tu_seek_long(s, tab, 50, JET_bitSeekLT, JET_errSuccess);
    assert_int_equal(cur_k(), 40);
    /* misses */
    tu_seek_long(s, tab, 55, JET_bitSeekGE, JET_wrnSeekNotEqual);
    assert_int_equal(cur_k(), 60);
    tu_seek_long(s, tab, 55, JET_bitSeekLE, JET_wrnSeekNotEqual);
    assert_int_equal(cur_k(), 50);
    tu_seek_long(s, tab, 55, JET_bitSeekGT, JET_errSuccess);
    assert_int_equal(cur_k(), 60);
    tu_seek_long(s, tab, 55, JET_bitSeekLT, JET_errSuccess);
    assert_int_equal(cur_k(), 50);
    tu_seek_long(s, tab, 55, JET_bitSeekEQ, JET_errRecordNotFound);
    int32_t v;
    assert_jet(JET_errNoCurrentRecord, JetRetrieveColumn(s, tab, c[0], &v, 4, NULL, 0, NULL));
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));      /* from where 55 would be */
    assert_int_equal(cur_k(), 60);
    tu_seek_long(s, tab, 201, JET_bitSeekGE, JET_errRecordNotFound);
    assert_jet_ok(JetMove(s, tab, JET_MovePrevious, 0));
    assert_int_equal(cur_k(), 200);
    tu_seek_long(s, tab, 5, JET_bitSeekLE, JET_errRecordNotFound);
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));
    assert_int_equal(cur_k(), 10);
    tu_seek_long(s, tab, 200, JET_bitSeekGT, JET_errRecordNotFound);
    tu_seek_long(s, tab, 10, JET_bitSeekLT, JET_errRecordNotFound);
    /* bad grbits */
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet(JET_errInvalidGrbit, JetSeek(s, tab, 0));
    assert_jet(JET_errInvalidGrbit, JetSeek(s, tab, JET_bitSeekEQ | JET_bitSeekGE));
    assert_jet(JET_errInvalidGrbit, JetSeek(s, tab, JET_bitSeekGE | JET_bitSetIndexRange));
    /* key building rules */
    assert_jet(JET_errKeyIsMade, JetMakeKey(s, tab, &v, 4, 0));
    assert_jet(JET_errInvalidBufferSize, JetMakeKey(s, tab, &v, 2, JET_bitNewKey));
    assert_jet(JET_errInvalidGrbit,
               JetMakeKey(s, tab, &v, 4, JET_bitNewKey | JET_bitStrLimit | JET_bitSubStrLimit));
    /* uniqueness check */
    v = 70;
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet(JET_wrnUniqueKey, JetSeek(s, tab, JET_bitSeekEQ | JET_bitCheckUniqueness));

    /* a two-column index: the first column with a limit */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "bygrp"));
    v = 2;
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey | JET_bitFullColumnStartLimit));
    assert_jet(JET_wrnSeekNotEqual, JetSeek(s, tab, JET_bitSeekGE));
    assert_int_equal(cur_k(), 140);     /* grp 2: 100..140, k descending */
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey | JET_bitFullColumnEndLimit));
    assert_jet(JET_wrnSeekNotEqual, JetSeek(s, tab, JET_bitSeekLE));
    assert_int_equal(cur_k(), 100);
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey | JET_bitStrLimit));
    assert_jet_ok(JetSeek(s, tab, JET_bitSeekLT));
    assert_int_equal(cur_k(), 100);
    /* a partial key without a limit seeks as a shorter key */
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet(JET_wrnSeekNotEqual, JetSeek(s, tab, JET_bitSeekGE));
    assert_int_equal(cur_k(), 140);
    /* both columns */
    int32_t k = 120;
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet_ok(JetMakeKey(s, tab, &k, 4, 0));
    assert_jet_ok(JetSeek(s, tab, JET_bitSeekEQ));
    assert_int_equal(cur_k(), 120);

    /* text prefixes with SubStrLimit / PartialColumn limits */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "byname"));
    assert_jet_ok(JetMakeKey(s, tab, "n1", 2, JET_bitNewKey | JET_bitPartialColumnStartLimit));
    assert_jet(JET_wrnSeekNotEqual, JetSeek(s, tab, JET_bitSeekGE));
    assert_int_equal(cur_k(), 100);
    assert_jet_ok(JetMakeKey(s, tab, "n1", 2, JET_bitNewKey | JET_bitSubStrLimit));
    assert_jet(JET_wrnSeekNotEqual, JetSeek(s, tab, JET_bitSeekLE));
    assert_int_equal(cur_k(), 190);
    /* normalized keys round-trip through JetRetrieveKey */
    uint8_t key[300];
    uint32_t klen;
    assert_jet_ok(JetRetrieveKey(s, tab, key, sizeof key, &klen, 0));
    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    assert_jet_ok(JetMakeKey(s, tab, key, klen, JET_bitNormalizedKey));
    assert_jet_ok(JetSeek(s, tab, JET_bitSeekEQ));
    assert_int_equal(cur_k(), 190);
    assert_jet(JET_wrnBufferTruncated, JetRetrieveKey(s, tab, key, 2, &klen, 0));
    assert_true(klen > 2);
    assert_jet(JET_errKeyNotMade, JetRetrieveKey(s, tab, key, sizeof key, &klen,
                                                 JET_bitRetrieveCopy));
    assert_jet_ok(JetMakeKey(s, tab, "n05", 3, JET_bitNewKey));
    assert_jet_ok(JetRetrieveKey(s, tab, key, sizeof key, &klen, JET_bitRetrieveCopy));
    assert_true(klen > 0);
}

static void test_ranges(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    int32_t v = 60;
    /* upper inclusive: 30..60 */
    tu_seek_long(s, tab, 30, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet_ok(JetSetIndexRange(s, tab, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
    uint32_t cnt = 0;
    assert_jet_ok(JetIndexRecordCount(s, tab, &cnt, 0));
    assert_int_equal(cnt, 4);
    int n = 1;
    while (JetMove(s, tab, JET_MoveNext, 0) == JET_errSuccess)
        n++;
    assert_int_equal(n, 4);
    /* leaving the range put the cursor after the last record and removed
     * the range */
    assert_jet_ok(JetMove(s, tab, JET_MovePrevious, 0));
    assert_int_equal(cur_k(), 200);
    assert_jet(JET_errInvalidOperation, JetSetIndexRange(s, tab, JET_bitRangeRemove));
    /* upper exclusive: 30..50 */
    tu_seek_long(s, tab, 30, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet_ok(JetSetIndexRange(s, tab, JET_bitRangeUpperLimit));
    assert_jet_ok(JetIndexRecordCount(s, tab, &cnt, 0));
    assert_int_equal(cnt, 3);
    assert_jet_ok(JetIndexRecordCount(s, tab, &cnt, 2));
    assert_int_equal(cnt, 2);
    assert_jet_ok(JetSetIndexRange(s, tab, JET_bitRangeRemove));
    assert_jet_ok(JetMove(s, tab, 5, 0));
    assert_int_equal(cur_k(), 80);
    /* lower limit, walking backwards: 80 down to 60 */
    v = 60;
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet_ok(JetSetIndexRange(s, tab, JET_bitRangeInclusive));
    n = 1;
    while (JetMove(s, tab, JET_MovePrevious, 0) == JET_errSuccess)
        n++;
    assert_int_equal(n, 3);
    /* a range the current record is outside of */
    tu_seek_long(s, tab, 100, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet(JET_errNoCurrentRecord,
               JetSetIndexRange(s, tab, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
    assert_jet(JET_errKeyNotMade, JetSetIndexRange(s, tab, JET_bitRangeUpperLimit));
    /* instant duration: only tells whether something is in range */
    tu_seek_long(s, tab, 30, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet_ok(JetSetIndexRange(s, tab, JET_bitRangeUpperLimit | JET_bitRangeInstantDuration));
    assert_jet(JET_errInvalidOperation, JetSetIndexRange(s, tab, JET_bitRangeRemove));
    /* JetSeek with JET_bitSetIndexRange: every record of one group */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "grponly"));
    v = 3;
    assert_jet_ok(JetMakeKey(s, tab, &v, 4, JET_bitNewKey));
    assert_jet_ok(JetSeek(s, tab, JET_bitSeekEQ | JET_bitSetIndexRange));
    n = 1;
    while (JetMove(s, tab, JET_MoveNext, 0) == JET_errSuccess)
        n++;
    assert_int_equal(n, 5);   /* 150..190 */
    /* a StrLimit range over a prefix on a text index */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "byname"));
    assert_jet_ok(JetMakeKey(s, tab, "n1", 2, JET_bitNewKey | JET_bitPartialColumnStartLimit));
    assert_jet(JET_wrnSeekNotEqual, JetSeek(s, tab, JET_bitSeekGE));
    assert_jet_ok(JetMakeKey(s, tab, "n1", 2, JET_bitNewKey | JET_bitPartialColumnEndLimit));
    assert_jet_ok(JetSetIndexRange(s, tab, JET_bitRangeUpperLimit | JET_bitRangeInclusive));
    assert_jet_ok(JetIndexRecordCount(s, tab, &cnt, 0));
    assert_int_equal(cnt, 10);   /* n100 .. n190 */
}

static void test_bookmarks_positions(void **state)
{
    (void)state;
    JET_SESID s = env.ses;
    tu_seek_long(s, tab, 70, JET_bitSeekEQ, JET_errSuccess);
    uint8_t bm[64];
    uint32_t bml;
    assert_jet_ok(JetGetBookmark(s, tab, bm, sizeof bm, &bml));
    assert_jet(JET_errBufferTooSmall, JetGetBookmark(s, tab, bm, 1, &bml));
    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    assert_jet_ok(JetGotoBookmark(s, tab, bm, bml));
    assert_int_equal(cur_k(), 70);
    assert_jet(JET_errInvalidBookmark, JetGotoBookmark(s, tab, NULL, 0));
    /* on a secondary index the bookmark finds the record's entry */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "byname"));
    assert_jet_ok(JetGotoBookmark(s, tab, bm, bml));
    assert_int_equal(cur_k(), 70);
    assert_jet_ok(JetMove(s, tab, JET_MoveNext, 0));
    assert_int_equal(cur_k(), 80);
    /* secondary index bookmarks */
    uint8_t sk[300], pk[64];
    uint32_t skl, pkl;
    assert_jet_ok(JetGetSecondaryIndexBookmark(s, tab, sk, sizeof sk, &skl, pk, sizeof pk, &pkl,
                                               0));
    assert_jet(JET_errBufferTooSmall,
               JetGetSecondaryIndexBookmark(s, tab, sk, 1, &skl, pk, sizeof pk, &pkl, 0));
    assert_jet_ok(JetMove(s, tab, JET_MoveFirst, 0));
    assert_jet_ok(JetGotoSecondaryIndexBookmark(s, tab, sk, skl, pk, pkl, 0));
    assert_int_equal(cur_k(), 80);
    assert_jet_ok(JetSetCurrentIndexA(s, tab, NULL));
    assert_jet(JET_errNoCurrentIndex,
               JetGetSecondaryIndexBookmark(s, tab, sk, sizeof sk, &skl, pk, sizeof pk, &pkl, 0));
    /* a deleted record's bookmark */
    uint8_t bm2[64];
    uint32_t bml2;
    tu_seek_long(s, tab, 200, JET_bitSeekEQ, JET_errSuccess);
    assert_jet_ok(JetGetBookmark(s, tab, bm2, sizeof bm2, &bml2));
    assert_jet_ok(JetDelete(s, tab));
    assert_jet(JET_errRecordDeleted, JetGotoBookmark(s, tab, bm2, bml2));

    /* positions: 19 records now */
    tu_seek_long(s, tab, 100, JET_bitSeekEQ, JET_errSuccess);
    JET_RECPOS rp;
    assert_jet_ok(JetGetRecordPosition(s, tab, &rp, sizeof rp));
    assert_int_equal(rp.centriesLT, 9);
    assert_int_equal(rp.centriesTotal, 19);
    assert_jet(JET_errInvalidParameter, JetGetRecordPosition(s, tab, &rp, 4));
    rp.centriesLT = 5;
    rp.centriesTotal = 19;
    assert_jet_ok(JetGotoPosition(s, tab, &rp));
    assert_int_equal(cur_k(), 60);
    rp.centriesLT = 1;
    rp.centriesTotal = 2;
    assert_jet_ok(JetGotoPosition(s, tab, &rp));
    assert_int_equal(cur_k(), 100);
    rp.centriesLT = 3;
    assert_jet(JET_errInvalidParameter, JetGotoPosition(s, tab, &rp));

    /* JetDupCursor: primary index, first record, nothing else copied */
    assert_jet_ok(JetSetCurrentIndexA(s, tab, "byname"));
    assert_jet_ok(JetMove(s, tab, 3, 0));
    JET_TABLEID d;
    assert_jet_ok(JetDupCursor(s, tab, &d, 0));
    assert_int_equal(tu_get_long(s, d, c[0]), 10);
    char name[32];
    assert_jet_ok(JetGetCurrentIndexA(s, d, name, sizeof name));
    assert_string_equal(name, "pk");
    assert_jet_ok(JetCloseTable(s, d));
    assert_jet(JET_errInvalidTableId, JetCloseTable(s, d));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_moves, setup, teardown),
        cmocka_unit_test_setup_teardown(test_seeks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ranges, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bookmarks_positions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
