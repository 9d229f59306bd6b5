/* Calls exit(0) in init, as a careless plug-in might on a missing
 * resource: precis must not end in silence with status 0. */
#include <stdlib.h>

#include "../fixture.h"

static int exit_init(const precis_api *host, precis_plugin *self)
{
    (void)host;
    (void)self;
    exit(0);
}

PRECIS_PLUGIN_DEFINE("fx_exit", "1.0", "MIT", "test fixture", exit_init,
                     NULL)
