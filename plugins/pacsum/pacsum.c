/*
 * pacsum.c - precis's default summarizer: position-augmented centrality,
 * in the spirit of PacSum (Zheng & Lapata, 2019).
 *
 * News puts what matters first, and a sentence that later sentences keep
 * coming back to is central; one that merely repeats earlier sentences is
 * not.  So centrality is directed: a sentence gains from similar sentences
 * after it (forward weight) and loses from similar sentences before it
 * (backward weight, negative).  Edges count only above a threshold set
 * between the article's weakest and strongest similarity (beta), as in the
 * paper.  A lead prior then favours early sentences, decaying with their
 * rank in the body, since the first sentences of a news story are its
 * summary more often than any others.
 */
#include <precis/plugin.h>

#include "../common/summ_util.h"

static const precis_api *api;

static const precis_option_def pacsum_options[] = {
    { "beta", PRECIS_OPT_REAL, "0.3",
      "edge threshold between the weakest (0) and strongest (1) "
      "similarity", NULL, 0, 1 },
    { "forward", PRECIS_OPT_REAL, "1.0",
      "weight of similar sentences after a sentence", NULL, -10, 10 },
    { "backward", PRECIS_OPT_REAL, "-0.2",
      "weight of similar sentences before a sentence", NULL, -10, 10 },
    { "lead", PRECIS_OPT_REAL, "0.5",
      "strength of the lead prior (0 = none)", NULL, 0, 100 },
    { "lead_decay", PRECIS_OPT_REAL, "3",
      "body sentences over which the lead prior halves", NULL, 0.1, 1000 },
    SU_REDUNDANCY_OPTION,
};

typedef struct pacsum_cfg {
    double beta, forward, backward, lead, decay, lambda;
} pacsum_cfg;

static int pacsum_create(precis_stage_ctx *ctx, const precis_options *opt,
                         void **state)
{
    pacsum_cfg *c = calloc(1, sizeof *c);
    if (!c)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    c->beta = api->opt_real(opt, "beta");
    c->forward = api->opt_real(opt, "forward");
    c->backward = api->opt_real(opt, "backward");
    c->lead = api->opt_real(opt, "lead");
    c->decay = api->opt_real(opt, "lead_decay");
    c->lambda = su_lambda(api, opt);
    *state = c;
    return PRECIS_OK;
}

static void pacsum_destroy(void *state)
{
    free(state);
}

/* Directed centrality from the graph's edges (both directions stored). */
static void centrality(const pacsum_cfg *c, const precis_edge *e, size_t ne,
                       double *score)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t k = 0; k < ne; k++) {
        lo = e[k].weight < lo ? e[k].weight : lo;
        hi = e[k].weight > hi ? e[k].weight : hi;
    }
    double cut = ne ? lo + c->beta * (hi - lo) : 0;
    for (size_t k = 0; k < ne; k++) {
        double w = e[k].weight - cut;
        if (w <= 0)
            continue;
        /* Edge from -> to: does a later sentence echo `from`? */
        score[e[k].from] += e[k].to > e[k].from ? c->forward * w
                                                : c->backward * w;
    }
}

static int pacsum_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    const pacsum_cfg *c = state;
    size_t n = api->sentence_count(a), ne;
    precis_sim_opts so = { PRECIS_WEIGHT_TFISF, PRECIS_SIM_COSINE, 1, 0, 0 };
    precis_edge *edges;
    double *score = su_zeros(api, ctx, n);
    long *rank = api->scratch(ctx, (n + 1) * sizeof *rank);
    if (!score || !rank)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    int rc = api->similarity_graph(ctx, a, &so, &edges, &ne);
    if (rc)
        return api->fail(ctx, rc, "similarity graph: %s",
                         api->strerror(rc));
    centrality(c, edges, ne, score);
    su_body_rank(api, a, rank);
    double hi = 0;
    for (size_t i = 0; i < n; i++)
        hi = rank[i] >= 0 && fabs(score[i]) > hi ? fabs(score[i]) : hi;
    for (size_t i = 0; i < n; i++) {
        if (rank[i] < 0)
            continue;
        double cent = hi > 0 ? score[i] / hi : 0;
        score[i] = cent + c->lead * pow(0.5, (double)rank[i] / c->decay);
    }
    return su_finish(api, ctx, a, "pacsum", score, n, c->lambda);
}

static const precis_stage_def pacsum_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "pacsum",
    .help = "position-augmented directed centrality (default)",
    .phase = PRECIS_PHASE_SELECT,
    .flags = PRECIS_STAGE_SUMMARIZER | PRECIS_STAGE_REENTRANT,
    .options = pacsum_options,
    .noptions = sizeof pacsum_options / sizeof pacsum_options[0],
    .provides = "summary,scores",
    .create = pacsum_create,
    .run = pacsum_run,
    .destroy = pacsum_destroy,
};

static int pacsum_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &pacsum_stage);
}

PRECIS_PLUGIN_DEFINE("pacsum", "1.0", "MIT",
                     "position-augmented centrality summarizer", pacsum_init,
                     NULL)
