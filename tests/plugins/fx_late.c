/* Tries to register a stage from run(), after init: refused. */
#include "fixture.h"

static const precis_api *api;
static precis_plugin *me;

static int late_run(precis_stage_ctx *ctx, void *state, precis_article *a);

static const precis_stage_def late_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_late",
    .phase = PRECIS_PHASE_ANNOTATE,
    .run = late_run,
};

static const precis_stage_def later_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_later",
    .phase = PRECIS_PHASE_ANNOTATE,
    .run = late_run,
};

static int late_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)state;
    char buf[32];
    int rc = api->register_stage(me, &later_stage);
    int n = snprintf(buf, sizeof buf, "%d", rc);
    return api->set_meta(ctx, a, "fx_late", buf, (size_t)n);
}

static int late_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    me = self;
    return api->register_stage(self, &late_stage);
}

PRECIS_PLUGIN_DEFINE("fx_late", "1.0", "MIT", "test fixture", late_init,
                     NULL)
