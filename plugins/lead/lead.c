/*
 * lead.c - the lead baseline: the first body sentences, in order.  Every
 * news summarizer is measured against it; on wire stories it is hard to
 * beat.
 */
#include <precis/plugin.h>

#include "../common/summ_util.h"

static const precis_api *api;

static int lead_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)state;
    size_t n = api->sentence_count(a);
    double *score = su_zeros(api, ctx, n);
    long *rank = api->scratch(ctx, (n + 1) * sizeof *rank);
    if (!score || !rank)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    su_body_rank(api, a, rank);
    for (size_t i = 0; i < n; i++)
        score[i] = -(double)rank[i];
    return su_finish(api, ctx, a, "lead", score, n, 1.0);
}

static const precis_stage_def lead_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "lead",
    .help = "the first body sentences (baseline)",
    .phase = PRECIS_PHASE_SELECT,
    .flags = PRECIS_STAGE_SUMMARIZER | PRECIS_STAGE_REENTRANT,
    .provides = "summary,scores",
    .run = lead_run,
};

static int lead_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &lead_stage);
}

PRECIS_PLUGIN_DEFINE("lead", "1.0", "MIT", "Lead-N baseline summarizer",
                     lead_init, NULL)
