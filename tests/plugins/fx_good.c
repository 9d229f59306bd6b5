/* A well-formed plug-in: an annotate stage with options. */
#include "fixture.h"

static const precis_api *api;

static const precis_option_def good_options[] = {
    { "count", PRECIS_OPT_INT, "2", "a number", NULL, 1, 10 },
    { "mode", PRECIS_OPT_ENUM, "a", "a choice", "a|b", 1, 0 },
};

static int good_create(precis_stage_ctx *ctx, const precis_options *opt,
                       void **state)
{
    (void)ctx;
    *state = (void *)opt;
    return PRECIS_OK;
}

static int good_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "count=%lld mode=%s",
                     (long long)api->opt_int(state, "count"),
                     api->opt_string(state, "mode"));
    return api->set_meta(ctx, a, "fx_good", buf, (size_t)n);
}

static const precis_stage_def good_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_good",
    .help = "test fixture",
    .phase = PRECIS_PHASE_ANNOTATE,
    .options = good_options,
    .noptions = 2,
    .create = good_create,
    .run = good_run,
};

static int good_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &good_stage);
}

PRECIS_PLUGIN_DEFINE("fx_good", "1.0", "MIT", "test fixture", good_init,
                     NULL)
