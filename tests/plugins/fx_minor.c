/* Built against a newer minor version than the host provides. */
#include "fixture.h"

static int minor_init(const precis_api *api, precis_plugin *self)
{
    (void)api;
    (void)self;
    return PRECIS_OK;
}

FX_DESCRIBE(PRECIS_ABI_MAJOR, PRECIS_ABI_MINOR + 3,
            sizeof(precis_plugin_desc), "fx_minor", minor_init)
