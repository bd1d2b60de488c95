/* logtime.c: JET_LOGTIME conversion and JET_SIGNATURE creation. */
#include "util/logtime.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "os/os.h"

void logtime_from_ms(uint64_t ms, JET_LOGTIME *lt)
{
    time_t secs = (time_t)(ms / 1000);
    unsigned millis = (unsigned)(ms % 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    memset(lt, 0, sizeof *lt);
    lt->bSeconds = (char)tm.tm_sec;
    lt->bMinutes = (char)tm.tm_min;
    lt->bHours = (char)tm.tm_hour;
    lt->bDay = (char)tm.tm_mday;
    lt->bMonth = (char)(tm.tm_mon + 1);
    lt->bYear = (char)(tm.tm_year);      /* years since 1900 */
    lt->fTimeIsUTC = 1;
    lt->bMillisecondsLow = millis & 0x7f;
    lt->bMillisecondsHigh = (millis >> 7) & 0x7;
}

void logtime_now(JET_LOGTIME *lt)
{
    logtime_from_ms(os_time_wall_ms(), lt);
}

uint64_t logtime_to_ms(const JET_LOGTIME *lt)
{
    static const JET_LOGTIME zero;
    if (memcmp(lt, &zero, sizeof zero) == 0)
        return 0;
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_sec = (unsigned char)lt->bSeconds;
    tm.tm_min = (unsigned char)lt->bMinutes;
    tm.tm_hour = (unsigned char)lt->bHours;
    tm.tm_mday = (unsigned char)lt->bDay;
    tm.tm_mon = (unsigned char)lt->bMonth - 1;
    tm.tm_year = (unsigned char)lt->bYear;
    time_t secs = timegm(&tm);
    unsigned millis = (unsigned)lt->bMillisecondsLow | ((unsigned)lt->bMillisecondsHigh << 7);
    return secs < 0 ? 0 : (uint64_t)secs * 1000 + millis;
}

bool logtime_equal(const JET_LOGTIME *a, const JET_LOGTIME *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

void logtime_format(const JET_LOGTIME *lt, char *buf, size_t cb)
{
    unsigned millis = (unsigned)lt->bMillisecondsLow | ((unsigned)lt->bMillisecondsHigh << 7);
    snprintf(buf, cb, "%02u/%02u/%04u %02u:%02u:%02u.%03u", (unsigned char)lt->bMonth,
             (unsigned char)lt->bDay, 1900u + (unsigned char)lt->bYear,
             (unsigned char)lt->bHours, (unsigned char)lt->bMinutes,
             (unsigned char)lt->bSeconds, millis);
}

void signature_new(JET_SIGNATURE *sig)
{
    memset(sig, 0, sizeof *sig);
    uint32_t r = 0;
    /* A random number is what tells two streams created in the same
     * millisecond apart; fall back to time and pid mixing if getrandom is
     * unavailable. */
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
        r = (uint32_t)(os_time_mono_ns() ^ ((uint64_t)getpid() << 16));
    if (r == 0)
        r = 1;
    sig->ulRandom = r;
    logtime_now(&sig->logtimeCreate);
    char host[64] = "";
    if (gethostname(host, sizeof host) != 0)
        host[0] = '\0';
    host[sizeof host - 1] = '\0';
    memcpy(sig->szComputerName, host,
           strlen(host) < JET_MAX_COMPUTERNAME_LENGTH ? strlen(host) : JET_MAX_COMPUTERNAME_LENGTH);
}

bool signature_equal(const JET_SIGNATURE *a, const JET_SIGNATURE *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

bool signature_is_zero(const JET_SIGNATURE *sig)
{
    static const JET_SIGNATURE zero;
    return memcmp(sig, &zero, sizeof zero) == 0;
}
