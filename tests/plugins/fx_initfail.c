/* init fails. */
#include "fixture.h"

static int initfail_init(const precis_api *api, precis_plugin *self)
{
    (void)api;
    (void)self;
    return PRECIS_ENOTFOUND;
}

PRECIS_PLUGIN_DEFINE("fx_initfail", "1.0", "MIT", "test fixture",
                     initfail_init, NULL)
