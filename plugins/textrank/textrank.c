/*
 * textrank.c - TextRank (Mihalcea & Tarau, 2004): PageRank over the graph
 * of body sentences, edges weighted by shared content words normalised by
 * the sentences' log lengths.
 */
#include <precis/plugin.h>

#include "../common/summ_util.h"

static const precis_api *api;

static const precis_option_def textrank_options[] = {
    { "damping", PRECIS_OPT_REAL, "0.85", "PageRank damping factor",
      NULL, 0, 0.99 },
    SU_REDUNDANCY_OPTION,
};

static int textrank_run(precis_stage_ctx *ctx, void *state,
                        precis_article *a)
{
    const precis_options *opt = state;
    precis_sim_opts so = { .weighting = PRECIS_WEIGHT_BINARY,
                           .measure = PRECIS_SIM_OVERLAP, .body_only = 1 };
    return su_graph_summary(api, ctx, a, &so, 0,
                            api->opt_real(opt, "damping"), "textrank",
                            su_lambda(api, opt));
}

static const precis_stage_def textrank_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "textrank",
    .help = "TextRank: PageRank over shared words between sentences",
    .phase = PRECIS_PHASE_SELECT,
    .flags = PRECIS_STAGE_SUMMARIZER | PRECIS_STAGE_REENTRANT,
    .options = textrank_options,
    .noptions = sizeof textrank_options / sizeof textrank_options[0],
    .provides = "summary,scores",
    .create = su_keep_options,
    .run = textrank_run,
};

static int textrank_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &textrank_stage);
}

PRECIS_PLUGIN_DEFINE("textrank", "1.0", "MIT", "TextRank summarizer",
                     textrank_init, NULL)
