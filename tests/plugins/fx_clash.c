/* Registers a stage under a name fx_good already uses. */
#include "fixture.h"

static int clash_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)ctx;
    (void)state;
    (void)a;
    return PRECIS_OK;
}

static const precis_stage_def clash_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_good",
    .phase = PRECIS_PHASE_ANNOTATE,
    .run = clash_run,
};

static int clash_init(const precis_api *api, precis_plugin *self)
{
    return api->register_stage(self, &clash_stage);
}

PRECIS_PLUGIN_DEFINE("fx_clash", "1.0", "MIT", "test fixture", clash_init,
                     NULL)
