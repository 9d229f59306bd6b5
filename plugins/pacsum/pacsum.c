/*
 * pacsum.c - precis's default summarizer: position-augmented centrality,
 * after PacSum (Zheng & Lapata, 2019), with the budget deciding what kind
 * of summary is wanted.
 *
 * A summary that keeps a few sentences of a story is a lead summary, the
 * way a news desk writes highlights: the story's opening carries most of
 * it, and the sentences to keep are the early ones that later sentences
 * develop, made of the story's recurring words and figures rather than
 * run-on caption text (lead.c).  A summary that keeps a large share of a
 * story is a digest: what the story keeps coming back to, wherever it
 * is, which is PageRank over the graph of shared words (TextRank) with
 * no regard to position.
 *
 * The two are not blended: on the dev sets every mix of the two scores
 * below the better pure one, on news highlights and on long extractive
 * summaries alike.  The budget decides: a lead summary while it keeps
 * less than digest_share of the body's sentences, a digest from there
 * on.  Both then go through the host's selection with redundancy control
 * (MMR), in article order.
 *
 * The dev figures behind every default are in core/DESIGN.md
 * ("Summaries"); tests/bench/bench_summ measures them.
 */
#include "pacsum.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../common/summ_util.h"

static const precis_api *api;

static const precis_option_def pacsum_options[] = {
    { "digest_share", PRECIS_OPT_REAL, "0.35",
      "a summary keeping this share of the body or more is a digest "
      "(centrality), a smaller one a lead summary", NULL, 0, 1 },
    { "lead_decay", PRECIS_OPT_REAL, "3",
      "lead summary: body sentences over which the weight of position "
      "halves", NULL, 0.1, 1000 },
    { "forward", PRECIS_OPT_REAL, "0.5",
      "lead summary: weight of how much later sentences echo a sentence "
      "(PacSum's directed centrality)", NULL, -10, 10 },
    { "backward", PRECIS_OPT_REAL, "0",
      "lead summary: weight of echoes from earlier sentences, relative to "
      "forward ones", NULL, -10, 10 },
    { "beta", PRECIS_OPT_REAL, "0",
      "lead summary: echoes count above this point between the weakest "
      "(0) and strongest (1) similarity", NULL, 0, 1 },
    { "topic", PRECIS_OPT_REAL, "1",
      "lead summary: weight of the share of a sentence's words that recur "
      "in the story", NULL, -10, 10 },
    { "numbers", PRECIS_OPT_REAL, "0.5",
      "lead summary: weight of figures in a sentence", NULL, -10, 10 },
    { "quotes", PRECIS_OPT_REAL, "0",
      "lead summary: penalty for quoted speech (needs a quotes stage)",
      NULL, -10, 10 },
    { "length", PRECIS_OPT_REAL, "1",
      "lead summary: penalty for sentences far longer than the article's "
      "mean", NULL, -10, 10 },
    { "damping", PRECIS_OPT_REAL, "0.85", "digest: PageRank damping factor",
      NULL, 0, 0.99 },
    SU_REDUNDANCY_OPTION,
};

static int pacsum_create(precis_stage_ctx *ctx, const precis_options *opt,
                         void **state)
{
    pacsum_cfg *c = calloc(1, sizeof *c);
    if (!c)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    c->digest_share = api->opt_real(opt, "digest_share");
    c->decay = api->opt_real(opt, "lead_decay");
    c->forward = api->opt_real(opt, "forward");
    c->backward = api->opt_real(opt, "backward");
    c->beta = api->opt_real(opt, "beta");
    c->topic = api->opt_real(opt, "topic");
    c->numbers = api->opt_real(opt, "numbers");
    c->quotes = api->opt_real(opt, "quotes");
    c->length = api->opt_real(opt, "length");
    c->damping = api->opt_real(opt, "damping");
    c->lambda = su_lambda(api, opt);
    *state = c;
    return PRECIS_OK;
}

static void pacsum_destroy(void *state)
{
    free(state);
}

/* A digest's scores: PageRank over shared words, uniform restarts. */
static int digest_scores(precis_stage_ctx *ctx, const pacsum_cfg *c,
                         const precis_article *a, double *score)
{
    precis_sim_opts so = { .weighting = PRECIS_WEIGHT_BINARY,
                           .measure = PRECIS_SIM_OVERLAP, .body_only = 1 };
    precis_edge *edges;
    size_t ne, n = api->sentence_count(a);
    int rc = api->similarity_graph(ctx, a, &so, &edges, &ne);
    if (rc == PRECIS_OK)
        rc = api->rank(ctx, n, edges, ne, c->damping, NULL, score);
    return rc;
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
    double kept = su_budget_share(api, ctx, a, nbody);
    int digest = nbody && kept >= c->digest_share;
    int rc = digest ? digest_scores(ctx, c, a, score)
                    : pacsum_lead_scores(api, ctx, a, c, rank, nbody, score);
    if (rc)
        return api->fail(ctx, rc, "%s scores: %s",
                         digest ? "digest" : "lead", api->strerror(rc));
    api->log(ctx, 3, "keeps %.2f of %zu body sentences: %s", kept, nbody,
             digest ? "digest" : "lead summary");
    return su_finish(api, ctx, a, "pacsum", score, n, c->lambda);
}

static const precis_stage_def pacsum_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "pacsum",
    .help = "lead summary or digest by budget (default)",
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

PRECIS_PLUGIN_DEFINE("pacsum", "2.0", "MIT",
                     "position-augmented centrality summarizer", pacsum_init,
                     NULL)
