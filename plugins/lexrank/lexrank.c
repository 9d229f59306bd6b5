/*
 * lexrank.c - LexRank (Erkan & Radev, 2004): PageRank over the cosine
 * similarity graph of TF-ISF sentence vectors.  Continuous LexRank keeps
 * the similarities as edge weights; with continuous = false every edge
 * above the threshold weighs 1.
 */
#include <precis/plugin.h>

#include "../common/summ_util.h"

static const precis_api *api;

static const precis_option_def lexrank_options[] = {
    { "threshold", PRECIS_OPT_REAL, "0",
      "drop edges whose cosine similarity is below this (the paper's 0.1 "
      "suits continuous = false)", NULL, 0, 1 },
    { "continuous", PRECIS_OPT_BOOL, "true",
      "weight edges by similarity (false: 1 per edge above threshold)",
      NULL, 1, 0 },
    { "damping", PRECIS_OPT_REAL, "0.85", "PageRank damping factor",
      NULL, 0, 0.99 },
    SU_REDUNDANCY_OPTION,
};

static int lexrank_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    const precis_options *opt = state;
    precis_sim_opts so = { .weighting = PRECIS_WEIGHT_TFISF,
                           .measure = PRECIS_SIM_COSINE, .body_only = 1,
                           .threshold = api->opt_real(opt, "threshold") };
    return su_graph_summary(api, ctx, a, &so,
                            !api->opt_bool(opt, "continuous"),
                            api->opt_real(opt, "damping"), "lexrank",
                            su_lambda(api, opt));
}

static const precis_stage_def lexrank_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "lexrank",
    .help = "LexRank: PageRank over TF-ISF cosine similarity",
    .phase = PRECIS_PHASE_SELECT,
    .flags = PRECIS_STAGE_SUMMARIZER | PRECIS_STAGE_REENTRANT,
    .options = lexrank_options,
    .noptions = sizeof lexrank_options / sizeof lexrank_options[0],
    .provides = "summary,scores",
    .create = su_keep_options,
    .run = lexrank_run,
};

static int lexrank_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &lexrank_stage);
}

PRECIS_PLUGIN_DEFINE("lexrank", "1.0", "MIT", "LexRank summarizer",
                     lexrank_init, NULL)
