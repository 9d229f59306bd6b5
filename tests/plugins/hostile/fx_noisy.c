/* Prints to standard output while it loads and on every article, as a
 * careless plug-in does: none of it may end up among the results. */
#include <stdio.h>

#include "../fixture.h"

static int noisy_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)ctx;
    (void)state;
    (void)a;
    printf("NOISE FROM RUN\n");
    return PRECIS_OK;
}

static const precis_stage_def noisy_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_noisy",
    .phase = PRECIS_PHASE_ANNOTATE,
    .run = noisy_run,
};

static int noisy_init(const precis_api *api, precis_plugin *self)
{
    printf("NOISE FROM INIT\n");
    return api->register_stage(self, &noisy_stage);
}

PRECIS_PLUGIN_DEFINE("fx_noisy", "1.0", "MIT", "test fixture", noisy_init,
                     NULL)
