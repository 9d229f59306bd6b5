/* A stage that requires quotes, to test the pipeline's order check. */
#include "fixture.h"

static int needs_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)ctx;
    (void)state;
    (void)a;
    return PRECIS_OK;
}

static const precis_stage_def needs_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_needs",
    .phase = PRECIS_PHASE_SCORE,
    .requires = "quotes",
    .run = needs_run,
};

static int needs_init(const precis_api *api, precis_plugin *self)
{
    return api->register_stage(self, &needs_stage);
}

PRECIS_PLUGIN_DEFINE("fx_needs", "1.0", "MIT", "test fixture", needs_init,
                     NULL)
