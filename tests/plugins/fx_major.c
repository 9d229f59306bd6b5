/* Built for a future major version of the ABI. */
#include "fixture.h"

static int major_init(const precis_api *api, precis_plugin *self)
{
    (void)api;
    (void)self;
    return PRECIS_OK;
}

FX_DESCRIBE(PRECIS_ABI_MAJOR + 1, 1, sizeof(precis_plugin_desc), "fx_major",
            major_init)
