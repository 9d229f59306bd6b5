/* Registers a stage whose option schema is broken (an enum with no
 * choices): the registration, and so the load, is refused. */
#include "fixture.h"

static const precis_option_def bad_options[] = {
    { "style", PRECIS_OPT_ENUM, "x", "no choices given", NULL, 1, 0 },
};

static int badopt_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)ctx;
    (void)state;
    (void)a;
    return PRECIS_OK;
}

static const precis_stage_def badopt_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_badopt",
    .phase = PRECIS_PHASE_ANNOTATE,
    .options = bad_options,
    .noptions = 1,
    .run = badopt_run,
};

static int badopt_init(const precis_api *api, precis_plugin *self)
{
    /* Ignores the refusal on purpose: the host must notice anyway. */
    api->register_stage(self, &badopt_stage);
    return PRECIS_OK;
}

PRECIS_PLUGIN_DEFINE("fx_badopt", "1.0", "MIT", "test fixture", badopt_init,
                     NULL)
