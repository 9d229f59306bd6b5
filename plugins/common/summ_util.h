/*
 * summ_util.h - small helpers shared by the summarizer plug-ins shipped
 * with precis.  Header-only and written against precis/plugin.h alone, as
 * any out-of-tree plug-in could be.
 */
#ifndef PRECIS_SUMM_UTIL_H
#define PRECIS_SUMM_UTIL_H

#include <math.h>
#include <stdlib.h>
#include <precis/plugin.h>

/* 1 when sentence i lies in a body paragraph: the only ones a summary
 * may use. */
static inline int su_is_body(const precis_api *api, const precis_article *a,
                             size_t i)
{
    precis_sentence s;
    precis_paragraph p;
    return api->sentence(a, i, &s) == PRECIS_OK
        && api->paragraph(a, s.paragraph, &p) == PRECIS_OK
        && p.kind == PRECIS_KIND_BODY;
}

/* Fills out[i] with the index of sentence i among body sentences, or -1;
 * returns the number of body sentences. */
static inline size_t su_body_rank(const precis_api *api,
                                  const precis_article *a, long *out)
{
    size_t n = api->sentence_count(a), k = 0;
    for (size_t i = 0; i < n; i++)
        out[i] = su_is_body(api, a, i) ? (long)k++ : -1;
    return k;
}

/* The share of the body's sentences the user's budget keeps, in [0, 1]:
 * its sentence count over nbody, or for a word bound the words it allows
 * over the body's words, whichever is smaller.  How long a summary is
 * decided by the host's rule (api->budget_sentences, precis/util.h);
 * this only tells a summarizer how much of the article it will keep. */
static inline double su_budget_share(const precis_api *api,
                                     precis_stage_ctx *ctx,
                                     const precis_article *a, size_t nbody)
{
    size_t k = nbody;
    precis_budget b = { 0, 0, 0 };
    if (!nbody || api->budget_sentences(ctx, a, &k) || api->budget(ctx, &b))
        return 1;
    double share = (double)k / (double)nbody;
    if (b.words) {
        size_t words = 0, n = api->sentence_count(a);
        for (size_t i = 0; i < n; i++) {
            precis_sentence s;
            if (su_is_body(api, a, i) && api->sentence(a, i, &s) == PRECIS_OK)
                words += s.ntokens;
        }
        if (words && (double)b.words / (double)words < share)
            share = (double)b.words / (double)words;
    }
    return share > 1 ? 1 : share;
}

/* Scratch array of n doubles, zeroed; NULL when out of memory. */
static inline double *su_zeros(const precis_api *api, precis_stage_ctx *ctx,
                               size_t n)
{
    double *v = api->scratch(ctx, (n + 1) * sizeof *v);
    for (size_t i = 0; v && i <= n; i++)
        v[i] = 0;
    return v;
}

/* Redundancy (MMR) weight for select_top from the stage's option
 * "redundancy" in [0, 1]: 0 keeps scores only. */
static inline double su_lambda(const precis_api *api,
                               const precis_options *opt)
{
    double r = api->opt_real(opt, "redundancy");
    return r < 0 ? 1 : r > 1 ? 0 : 1 - r;
}

/* Sentences outside the body can never be chosen. */
static inline void su_mask_body(const precis_api *api,
                                const precis_article *a, double *score,
                                size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!su_is_body(api, a, i))
            score[i] = -INFINITY;
}

/* Records score as the table name and makes the summary from it. */
static inline int su_finish(const precis_api *api, precis_stage_ctx *ctx,
                            precis_article *a, const char *name,
                            double *score, size_t n, double lambda)
{
    su_mask_body(api, a, score, n);
    int rc = api->set_scores(ctx, a, name, score, n);
    if (rc == PRECIS_OK)
        rc = api->select_top(ctx, a, score, n, lambda);
    return rc ? api->fail(ctx, rc, "%s", api->strerror(rc)) : PRECIS_OK;
}

/*
 * The graph summarizers' common path: build the sentence graph with so
 * (edges all weighing 1 when binary), rank it with PageRank, record the
 * scores as name and select the summary.
 */
static inline int su_graph_summary(const precis_api *api,
                                   precis_stage_ctx *ctx, precis_article *a,
                                   const precis_sim_opts *so, int binary,
                                   double damping, const char *name,
                                   double lambda)
{
    size_t n = api->sentence_count(a), ne;
    precis_edge *edges;
    double *score = su_zeros(api, ctx, n);
    if (!score)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    int rc = api->similarity_graph(ctx, a, so, &edges, &ne);
    for (size_t k = 0; rc == PRECIS_OK && binary && k < ne; k++)
        edges[k].weight = 1.0;
    if (rc == PRECIS_OK)
        rc = api->rank(ctx, n, edges, ne, damping, NULL, score);
    if (rc)
        return api->fail(ctx, rc, "ranking: %s", api->strerror(rc));
    return su_finish(api, ctx, a, name, score, n, lambda);
}

/* create() for stages whose state is just their options (which the host
 * keeps for as long as the instance lives). */
static inline int su_keep_options(precis_stage_ctx *ctx,
                                  const precis_options *opt, void **state)
{
    (void)ctx;
    *state = (void *)opt;
    return PRECIS_OK;
}

#define SU_REDUNDANCY_OPTION                                               \
    { "redundancy", PRECIS_OPT_REAL, "0.3",                                 \
      "how strongly sentences repeating chosen ones are avoided (0-1)",    \
      NULL, 0, 1 }

#endif
