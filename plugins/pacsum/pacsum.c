/*
 * pacsum.c - precis's default summarizer: position-augmented centrality,
 * in the spirit of PacSum (Zheng & Lapata, 2019).
 *
 * Two ideas meet here.  Centrality: a sentence that many others resemble
 * says what the article is about (TextRank, LexRank).  Position: news
 * puts what matters first, so the first sentences of a story are its
 * summary more often than any others - on wire copy the lead is the
 * strongest baseline there is.
 *
 * Centrality is either PageRank over the sentence graph, with the random
 * walk's restarts biased towards early sentences (position_prior), or
 * PacSum's directed degree: a sentence gains from similar sentences after
 * it (forward) and loses from similar sentences before it (backward),
 * counting edges above a threshold set between the weakest and strongest
 * similarity (beta).  Then an explicit lead prior adds to the normalised
 * centrality, halving every lead_decay body sentences.  Its strength
 * shrinks as the summary may keep a larger share of the body: a summary
 * of three sentences of a thirty-sentence story is its lead, while one
 * that keeps half the story is about what the story keeps returning to.
 */
#include <precis/plugin.h>
#include <string.h>

#include "../common/summ_util.h"

static const precis_api *api;

static const precis_option_def pacsum_options[] = {
    { "similarity", PRECIS_OPT_ENUM, "overlap",
      "sentence similarity: shared words (overlap) or TF-ISF cosine",
      "overlap|cosine", 1, 0 },
    { "centrality", PRECIS_OPT_ENUM, "pagerank",
      "PageRank over the graph, or PacSum's directed degree",
      "pagerank|directed", 1, 0 },
    { "damping", PRECIS_OPT_REAL, "0.85", "PageRank damping factor",
      NULL, 0, 0.99 },
    { "position_prior", PRECIS_OPT_REAL, "0.5",
      "share of PageRank restarts biased towards early sentences",
      NULL, 0, 1 },
    { "beta", PRECIS_OPT_REAL, "0.3",
      "directed: edge threshold between the weakest (0) and strongest (1) "
      "similarity", NULL, 0, 1 },
    { "forward", PRECIS_OPT_REAL, "1.0",
      "directed: weight of similar sentences after a sentence", NULL, -10,
      10 },
    { "backward", PRECIS_OPT_REAL, "-0.2",
      "directed: weight of similar sentences before a sentence", NULL, -10,
      10 },
    { "lead", PRECIS_OPT_REAL, "1.2",
      "strength of the lead prior added to centrality (0 = none), scaled "
      "by the share of the body the summary leaves out", NULL, 0, 100 },
    { "lead_decay", PRECIS_OPT_REAL, "3",
      "body sentences over which the lead prior halves", NULL, 0.1, 1000 },
    SU_REDUNDANCY_OPTION,
};

typedef struct pacsum_cfg {
    int cosine, directed;
    double damping, prior, beta, forward, backward, lead, decay, lambda;
} pacsum_cfg;

static int pacsum_create(precis_stage_ctx *ctx, const precis_options *opt,
                         void **state)
{
    pacsum_cfg *c = calloc(1, sizeof *c);
    if (!c)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    c->cosine = !strcmp(api->opt_string(opt, "similarity"), "cosine");
    c->directed = !strcmp(api->opt_string(opt, "centrality"), "directed");
    c->damping = api->opt_real(opt, "damping");
    c->prior = api->opt_real(opt, "position_prior");
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

/* PacSum's directed degree from the graph's edges (both directions are
 * stored, so each pair is seen from both ends). */
static void directed(const pacsum_cfg *c, const precis_edge *e, size_t ne,
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
        if (w > 0)
            score[e[k].from] += e[k].to > e[k].from ? c->forward * w
                                                    : c->backward * w;
    }
}

/* The lead's weight for a body sentence of the given rank. */
static double lead_weight(const pacsum_cfg *c, long rank)
{
    return pow(0.5, (double)rank / c->decay);
}

static int centrality(precis_stage_ctx *ctx, const pacsum_cfg *c,
                      const precis_article *a, const long *rank,
                      double *score)
{
    size_t n = api->sentence_count(a), ne;
    precis_sim_opts so = {
        .weighting = c->cosine ? PRECIS_WEIGHT_TFISF : PRECIS_WEIGHT_BINARY,
        .measure = c->cosine ? PRECIS_SIM_COSINE : PRECIS_SIM_OVERLAP,
        .body_only = 1,
    };
    precis_edge *edges;
    int rc = api->similarity_graph(ctx, a, &so, &edges, &ne);
    if (rc)
        return rc;
    if (c->directed) {
        directed(c, edges, ne, score);
        return PRECIS_OK;
    }
    double *prior = su_zeros(api, ctx, n);
    if (!prior)
        return PRECIS_ENOMEM;
    /* Restarts: uniform over the body, plus a share biased to the lead. */
    size_t nbody = 0;
    for (size_t i = 0; i < n; i++)
        nbody += rank[i] >= 0;
    double lsum = 0;
    for (size_t i = 0; i < n; i++)
        lsum += rank[i] >= 0 ? lead_weight(c, rank[i]) : 0;
    for (size_t i = 0; i < n && nbody; i++)
        if (rank[i] >= 0)
            prior[i] = (1 - c->prior) / (double)nbody
                     + c->prior * lead_weight(c, rank[i]) / lsum;
    return api->rank(ctx, n, edges, ne, c->damping, prior, score);
}

static int pacsum_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    const pacsum_cfg *c = state;
    size_t n = api->sentence_count(a);
    double *score = su_zeros(api, ctx, n);
    long *rank = api->scratch(ctx, (n + 1) * sizeof *rank);
    if (!score || !rank)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    size_t nbody = su_body_rank(api, a, rank);
    int rc = centrality(ctx, c, a, rank, score);
    if (rc)
        return api->fail(ctx, rc, "centrality: %s", api->strerror(rc));
    double hi = 0, kept = su_budget_share(api, ctx, a, nbody);
    double lead = c->lead * (1 - kept);
    for (size_t i = 0; i < n; i++)
        hi = rank[i] >= 0 && fabs(score[i]) > hi ? fabs(score[i]) : hi;
    for (size_t i = 0; i < n; i++)
        if (rank[i] >= 0)
            score[i] = (hi > 0 ? score[i] / hi : 0)
                     + lead * lead_weight(c, rank[i]);
    return su_finish(api, ctx, a, "pacsum", score, n, c->lambda);
}

static const precis_stage_def pacsum_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "pacsum",
    .help = "position-augmented centrality (default)",
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
