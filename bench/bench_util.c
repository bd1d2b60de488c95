/* bench_util.c: see bench.h. */
#include "bench.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

uint64_t bench_splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Write v as exactly n decimal digits (leading zeros) at p. */
static void put_digits(uint8_t *p, unsigned n, uint64_t v)
{
    for (unsigned i = n; i-- > 0;) {
        p[i] = (uint8_t)('0' + v % 10);
        v /= 10;
    }
}

void bench_key(uint64_t row, uint8_t key[BENCH_KLEN])
{
    key[0] = 'k';
    put_digits(key + 1, 15, row);
}

void bench_dur_key(unsigned run, unsigned thread, uint64_t n, uint8_t key[BENCH_KLEN])
{
    key[0] = 'd';
    put_digits(key + 1, 2, run);
    put_digits(key + 3, 2, thread);
    put_digits(key + 5, 11, n);
}

void bench_value(uint64_t seed, uint8_t val[BENCH_VLEN])
{
    uint64_t st = seed * 0x2545f4914f6cdd1dull + 1;
    for (unsigned i = 0; i < BENCH_VLEN; i += 8) {
        uint64_t r = bench_splitmix(&st);
        unsigned n = BENCH_VLEN - i < 8 ? BENCH_VLEN - i : 8;
        memcpy(val + i, &r, n);
    }
}

uint64_t bench_vm_kib(const char *field)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL)
        return 0;
    char line[256];
    size_t fl = strlen(field);
    uint64_t v = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, field, fl) == 0 && line[fl] == ':') {
            v = strtoull(line + fl + 1, NULL, 10);
            break;
        }
    }
    fclose(f);
    return v;
}

void bench_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "bench_core: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}
