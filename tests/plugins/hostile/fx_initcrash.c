/* Crashes in init: the crash message must name the plug-in. */
#include <stdint.h>

#include "../fixture.h"

static int crash_init(const precis_api *host, precis_plugin *self)
{
    (void)host;
    (void)self;
    /* An address in the unmapped first page, not NULL itself: UBSan
     * would stop at a NULL load before the fault. */
    static volatile uintptr_t where = 16;
    return *(volatile int *)where;
}

PRECIS_PLUGIN_DEFINE("fx_initcrash", "1.0", "MIT", "test fixture",
                     crash_init, NULL)
