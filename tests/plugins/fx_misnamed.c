/* Its descriptor's name does not match its file name. */
#include "fixture.h"

static int misnamed_init(const precis_api *api, precis_plugin *self)
{
    (void)api;
    (void)self;
    return PRECIS_OK;
}

FX_DESCRIBE(PRECIS_ABI_MAJOR, PRECIS_ABI_MINOR, sizeof(precis_plugin_desc),
            "fx_other", misnamed_init)
