/* Fails (cleanly) on articles whose text contains "FAIL-HERE". */
#include <string.h>

#include "fixture.h"

static const precis_api *api;

static int fail_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)state;
    precis_str t = api->text(a);
    for (size_t i = 0; i + 9 <= t.len; i++)
        if (!memcmp(t.ptr + i, "FAIL-HERE", 9))
            return api->fail(ctx, PRECIS_ESTAGE, "found the marker at %zu",
                             i);
    return PRECIS_OK;
}

static const precis_stage_def fail_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_fail",
    .phase = PRECIS_PHASE_ANNOTATE,
    .run = fail_run,
};

static int fail_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &fail_stage);
}

PRECIS_PLUGIN_DEFINE("fx_fail", "1.0", "MIT", "test fixture", fail_init,
                     NULL)
