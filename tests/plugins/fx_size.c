/* A descriptor whose struct_size is not this ABI's. */
#include "fixture.h"

static int size_init(const precis_api *api, precis_plugin *self)
{
    (void)api;
    (void)self;
    return PRECIS_OK;
}

FX_DESCRIBE(PRECIS_ABI_MAJOR, PRECIS_ABI_MINOR,
            sizeof(precis_plugin_desc) - 8, "fx_size", size_init)
