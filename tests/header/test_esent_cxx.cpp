// test_esent_cxx.cpp - esent.h and jetdb.h compile as C++17 (extern "C",
// anonymous members, constants usable in constant expressions) and the
// generated value and layout tables hold in C++ too.  No library needed.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <type_traits>

#include "esent.h"
#include "jetdb.h"
#include "esent_expected.h"

static_assert(sizeof(JET_SIGNATURE) == 28, "JET_SIGNATURE");
static_assert(sizeof(JET_LGPOS) == 8, "JET_LGPOS");
static_assert(sizeof(JET_LOGTIME) == 8, "JET_LOGTIME");
static_assert(sizeof(JET_BKINFO) == 24, "JET_BKINFO");
static_assert(sizeof(JET_DBINFOMISC4) == 348, "JET_DBINFOMISC4");
static_assert(sizeof(JET_ERR) == 4 && std::is_signed<JET_ERR>::value, "JET_ERR");
static_assert(std::is_same<JET_GRBIT, std::uint32_t>::value, "JET_GRBIT");
static_assert(std::is_same<JET_API_PTR, std::uintptr_t>::value, "JET_API_PTR");
static_assert(std::is_same<WCHAR, wchar_t>::value, "WCHAR");
static_assert(JET_errBackupInProgress == -505, "JET_errBackupInProgress");
static_assert(JET_errRunningInMultiInstanceMode == -1081, "JET_errRunningInMultiInstanceMode");
static_assert(JET_paramMaxValueInvalid == 221, "JET_paramMaxValueInvalid");
static_assert(JET_bitBackupTruncateDone == 0x100, "JET_bitBackupTruncateDone");
static_assert(JET_MoveFirst == INT32_MIN, "JET_MoveFirst");
static_assert(JET_cbNameMost == 64, "JET_cbNameMost");
static_assert(JET_sesidNil == ~JET_SESID(0), "JET_sesidNil");

// prototype types, checked without odr-using the functions
static_assert(std::is_same<decltype(JetInit3A),
                           JET_ERR(JET_INSTANCE *, JET_RSTINFO_A *, JET_GRBIT)>::value,
              "JetInit3A");
static_assert(std::is_same<decltype(JetInit3W),
                           JET_ERR(JET_INSTANCE *, JET_RSTINFO_W *, JET_GRBIT)>::value,
              "JetInit3W");
static_assert(std::is_same<decltype(JetInit3), decltype(JetInit3A)>::value, "JetInit3 is A");
static_assert(std::is_same<decltype(JetStopService), JET_ERR()>::value, "JetStopService");
static_assert(std::is_same<decltype(JetEndExternalBackupInstance2),
                           JET_ERR(JET_INSTANCE, JET_GRBIT)>::value,
              "JetEndExternalBackupInstance2");
static_assert(std::is_same<decltype(JetGetTableColumnInfoW),
                           JET_ERR(JET_SESID, JET_TABLEID, JET_PCWSTR, void *, std::uint32_t,
                                   std::uint32_t)>::value,
              "JetGetTableColumnInfoW");
static_assert(std::is_same<JET_RSTMAP, JET_RSTMAP_A>::value, "JET_RSTMAP is A");
static_assert(std::is_same<JET_PFNSTATUS,
                           JET_ERR (*)(JET_SESID, JET_SNP, JET_SNT, void *)>::value,
              "JET_PFNSTATUS");

int main()
{
    int failures = 0;
    std::size_t checked = 0;
    for (std::size_t g = 0; g < JET_EXPECTED_GROUP_COUNT; g++) {
        const jet_expected_group &grp = jet_expected_groups[g];
        for (std::size_t i = 0; i < grp.count; i++, checked++) {
            const jet_expected_const &c = grp.entries[i];
            if (c.actual != c.expected) {
                std::printf("FAIL %s: %lld != %lld\n", c.name, (long long)c.actual,
                            (long long)c.expected);
                failures++;
            }
        }
    }
    for (const jet_expected_size *s = jet_expected_sizes; s->name; s++) {
        if (s->actual != s->expected) {
            std::printf("FAIL sizeof(%s): %zu != %zu\n", s->name, s->actual, s->expected);
            failures++;
        }
    }
    for (const jet_expected_map *m = jet_expected_function_map; m->plain; m++) {
        std::size_t len = std::strlen(m->plain);
        if (std::strncmp(m->expanded, m->plain, len) != 0 || m->expanded[len] != 'A') {
            std::printf("FAIL %s expands to %s\n", m->plain, m->expanded);
            failures++;
        }
    }
    // anonymous members are reachable by name in C++ too
    JET_ENUMCOLUMN ec;
    std::memset(&ec, 0, sizeof(ec));
    ec.cbData = 7;
    if (ec.cEnumColumnValue != 7) {
        std::printf("FAIL JET_ENUMCOLUMN union\n");
        failures++;
    }
    std::printf("C++: checked %zu constants, %d failure(s)\n", checked, failures);
    return failures == 0 ? 0 : 1;
}
