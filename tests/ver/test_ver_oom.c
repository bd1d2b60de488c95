/*
 * test_ver_oom.c: the version store when an allocation fails half way
 * through a write: the call fails with JET_errOutOfMemory and leaves the
 * JET_paramMaxVerPages budget as it was (nothing charged is kept, nothing
 * uncharged is given back).
 *
 * One allocation is made to fail: the next malloc of exactly `g_fail_size`
 * bytes by the armed thread (the size of a new version-store row for the
 * key used), through a malloc that wraps glibc's.  Sanitizer builds bring
 * their own allocator, so there the test is skipped.
 */
#include "ver_util.h"

#include <errno.h>
#include <string.h>

#include "txn/ver_int.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define OOM_INTERPOSE 0
#else
#define OOM_INTERPOSE 1
#endif

static _Thread_local size_t g_fail_size;   /* 0: nothing armed */

#if OOM_INTERPOSE
extern void *__libc_malloc(size_t size);

void *malloc(size_t size)
{
    if (g_fail_size != 0 && size == g_fail_size) {
        g_fail_size = 0;
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(size);
}
#endif

static char *g_dir;
static ver_env g_env;

#define ROWLEN 16u
#define OFF32 4u

static int setup(void **state)
{
    (void)state;
    g_dir = tu_mkdtemp("voom");
    ve_open(&g_env, g_dir, true, 0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ve_close(&g_env, 0);
    tu_rmtree(g_dir);
    free(g_dir);
    return 0;
}

static JET_ERR locate(void *ctx, const uint8_t *val, size_t len, uint32_t *off,
                      uint32_t *width)
{
    (void)ctx;
    if (len != ROWLEN)
        return JET_errDatabaseCorrupted;
    (void)val;
    *off = OFF32;
    *width = 4;
    return JET_errSuccess;
}

static uint64_t bytes_used(void)
{
    vs_stats st;
    vs_get_stats(g_env.in->vs, &st);
    return st.bytes_used;
}

/* vt_delta on a row without versions: the new version-store row cannot be
 * allocated. */
static void test_delta_row_alloc_fails(void **state)
{
    (void)state;
    if (!OOM_INTERPOSE)
        skip();
    ver_env *v = &g_env;
    static const char key[] = "escrow-row";
    uint8_t row[ROWLEN] = "head\0\0\0\0....tail";
    ve_begin(v, 0);
    assert_jet_ok(vt_insert(ve_x(v, 0), v->t, key, strlen(key), row, sizeof row));
    ve_commit(v, 0);
    vs_cleanup(v->in->vs);
    uint64_t used0 = bytes_used();

    ve_begin(v, 1);
    vtx *x = ve_x(v, 1);
    vt_escrow out;
    g_fail_size = sizeof(vrow) + strlen(key);
    JET_ERR err = vt_delta(x, v->t, key, strlen(key), locate, NULL, 5, 0, &out);
    bool fired = g_fail_size == 0;
    g_fail_size = 0;
    assert_true(fired);
    assert_jet(JET_errOutOfMemory, err);
    assert_int_equal(bytes_used(), used0);

    /* And the store still works: the same delta now succeeds and commits. */
    assert_jet_ok(vt_delta(x, v->t, key, strlen(key), locate, NULL, 5, 0, &out));
    assert_int_equal(out.seen, 5);
    ve_commit(v, 1);
    vs_cleanup(v->in->vs);
    assert_int_equal(bytes_used(), used0);
}

/* The same for an insert of a new key (vt_insert's own row allocation). */
static void test_insert_row_alloc_fails(void **state)
{
    (void)state;
    if (!OOM_INTERPOSE)
        skip();
    ver_env *v = &g_env;
    static const char key[] = "insert-row";
    uint64_t used0 = bytes_used();
    ve_begin(v, 1);
    vtx *x = ve_x(v, 1);
    g_fail_size = sizeof(vrow) + strlen(key);
    JET_ERR err = vt_insert(x, v->t, key, strlen(key), "value", 5);
    bool fired = g_fail_size == 0;
    g_fail_size = 0;
    assert_true(fired);
    assert_jet(JET_errOutOfMemory, err);
    assert_int_equal(bytes_used(), used0);
    ve_expect(x, v->t, key, NULL);
    assert_jet_ok(ve_ins(x, v->t, key, "value"));
    ve_commit(v, 1);
    vs_cleanup(v->in->vs);
    assert_int_equal(bytes_used(), used0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_delta_row_alloc_fails, setup, teardown),
        cmocka_unit_test_setup_teardown(test_insert_row_alloc_fails, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
