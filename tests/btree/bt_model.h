/*
 * bt_model.h: a sorted-array model of a tree's content for the tests, and
 * helpers that compare a tree with it.  Values are not stored: a value is
 * h_fill(seed, length), so the model keeps (seed, length).
 */
#ifndef JETDB_TESTS_BT_MODEL_H
#define JETDB_TESTS_BT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "btree/btree.h"

typedef struct ment {
    uint8_t *key;
    uint16_t klen;
    uint32_t vseed, vlen;
} ment;

typedef struct model {
    ment *v;
    size_t n, cap;
} model;

/* Position of key (first entry >= key); true when present. */
bool m_find(const model *m, const void *key, size_t klen, size_t *pos);
void m_insert(model *m, size_t pos, const void *key, size_t klen, uint32_t vseed,
              uint32_t vlen);
void m_delete(model *m, size_t pos);
void m_free(model *m);
model m_copy(const model *m);

/* Assert the tree holds exactly the model (forward and backward scans,
 * values compared fully when check_values). */
void m_assert_tree(bt_tree *t, const model *m, bool check_values);
/* Assert the value stored under key equals h_fill(seed, len). */
void m_assert_value(bt_tree *t, const void *key, size_t klen, uint32_t vseed, uint32_t vlen);


/* Random workload of nops operations under txid, mirrored in the model and
 * checked against it as it goes (full comparison every check_every ops,
 * 0 = never).  Values up to max_vlen bytes. */
void m_workload(bt_tree *t, model *m, unsigned nops, unsigned seed, uint64_t txid,
                unsigned check_every, uint32_t max_vlen);
#endif
