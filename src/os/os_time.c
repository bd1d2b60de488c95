/*
 * os_time.c: clocks and sleeping.
 *
 * Wall-clock time stamps what users see (log creation times, backup
 * times); intervals, timeouts and pacing use the monotonic clock, which
 * does not jump when the administrator or NTP sets the date.
 */
#include "os/os.h"

#include <errno.h>
#include <time.h>

/*
 * os_clock --
 *     Read a clock as a timespec (these clocks cannot fail on Linux).
 */
static struct timespec os_clock(clockid_t id)
{
    struct timespec ts = { 0, 0 };
    (void)clock_gettime(id, &ts);
    return ts;
}

/*
 * os_time_wall_ms --
 *     Wall-clock time, milliseconds since 1970-01-01 UTC.
 */
uint64_t os_time_wall_ms(void)
{
    struct timespec ts = os_clock(CLOCK_REALTIME);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/*
 * os_time_wall_us --
 *     Wall-clock time, microseconds since 1970-01-01 UTC.
 */
uint64_t os_time_wall_us(void)
{
    struct timespec ts = os_clock(CLOCK_REALTIME);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/*
 * os_time_mono_ns --
 *     Monotonic clock in nanoseconds (arbitrary origin; for intervals only).
 */
uint64_t os_time_mono_ns(void)
{
    struct timespec ts = os_clock(CLOCK_MONOTONIC);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * os_sleep_ms --
 *     Sleep for ms milliseconds (resumes after signals).
 */
void os_sleep_ms(uint32_t ms)
{
    /* An absolute deadline, so a signal storm cannot stretch the sleep by
     * rounding each remainder. */
    struct timespec until = os_clock(CLOCK_MONOTONIC);
    until.tv_sec += (time_t)(ms / 1000u);
    until.tv_nsec += (long)(ms % 1000u) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL) == EINTR)
        ;
}
