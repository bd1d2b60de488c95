/* consumer.c: a tiny program built against an installed jetdb. */
#include <esent.h>
#include <jetdb.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2 || chdir(argv[1]) != 0)
        return 2;
    JetDbSetEventCallback(NULL, NULL, JETDB_bitEventNoSyslog);
    JET_INSTANCE inst = 0;
    JET_SESID ses = 0;
    unsigned long long version = 0;
    uint32_t v = 0;
    JET_ERR err = JetCreateInstanceA(&inst, "consumer");
    if (err == JET_errSuccess)
        err = JetInit(&inst);
    if (err == JET_errSuccess)
        err = JetBeginSessionA(inst, &ses, "", "");
    if (err == JET_errSuccess)
        err = JetGetVersion(ses, &v);
    version = v;
    if (err == JET_errSuccess)
        err = JetEndSession(ses, 0);
    if (err == JET_errSuccess)
        err = JetTerm(inst);
    if (err != JET_errSuccess) {
        printf("consumer failed: %d\n", (int)err);
        return 1;
    }
    printf("consumer ok (version 0x%llx)\n", version);
    return 0;
}
