/* Calls exit(0) when it runs on an article: the message names the stage
 * and the article, and the status is not 0. */
#include <stdlib.h>

#include "../fixture.h"

static int runexit_run(precis_stage_ctx *ctx, void *state,
                       precis_article *a)
{
    (void)ctx;
    (void)state;
    (void)a;
    exit(0);
}

static const precis_stage_def runexit_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_runexit",
    .phase = PRECIS_PHASE_ANNOTATE,
    .run = runexit_run,
};

static int runexit_init(const precis_api *host, precis_plugin *self)
{
    return host->register_stage(self, &runexit_stage);
}

PRECIS_PLUGIN_DEFINE("fx_runexit", "1.0", "MIT", "test fixture",
                     runexit_init, NULL)
