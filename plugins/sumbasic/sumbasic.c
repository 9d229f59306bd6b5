/*
 * sumbasic.c - SumBasic (Nenkova & Vanderwende, 2005): pick the sentence
 * whose content words are most probable, then square the probabilities
 * of the words it used, so the next pick says something else.  It does
 * its own redundancy control, so it selects sentences itself.
 */
#include <precis/plugin.h>

#include <precis/util.h>

#include "../common/summ_util.h"

static const precis_api *api;

static double avg_prob(const precis_article *a, size_t i, const double *p)
{
    precis_sentence s;
    if (api->sentence(a, i, &s))
        return 0;
    double sum = 0;
    size_t n = 0;
    for (size_t k = s.first_token; k < s.first_token + s.ntokens; k++) {
        precis_token t;
        if (api->token(a, k, &t) || (t.flags & PRECIS_TOKEN_STOP))
            continue;
        sum += p[t.term];
        n++;
    }
    return n ? sum / (double)n : 0;
}

static void square_used(const precis_article *a, size_t i, double *p)
{
    precis_sentence s;
    if (api->sentence(a, i, &s))
        return;
    for (size_t k = s.first_token; k < s.first_token + s.ntokens; k++) {
        precis_token t;
        if (api->token(a, k, &t) == PRECIS_OK
            && !(t.flags & PRECIS_TOKEN_STOP))
            p[t.term] *= p[t.term] > 0 ? p[t.term] : 0;
    }
}

static int distribution(const precis_article *a, double *p)
{
    size_t n = api->sentence_count(a), total = 0;
    for (size_t i = 0; i < n; i++) {
        precis_sentence s;
        if (!su_is_body(api, a, i) || api->sentence(a, i, &s))
            continue;
        for (size_t k = s.first_token; k < s.first_token + s.ntokens; k++) {
            precis_token t;
            if (api->token(a, k, &t) == PRECIS_OK
                && !(t.flags & PRECIS_TOKEN_STOP)) {
                p[t.term] += 1;
                total++;
            }
        }
    }
    for (size_t t = 0; total && t < api->term_count(a); t++)
        p[t] /= (double)total;
    return PRECIS_OK;
}

static int sumbasic_run(precis_stage_ctx *ctx, void *state,
                        precis_article *a)
{
    (void)state;
    size_t n = api->sentence_count(a);
    double *p = su_zeros(api, ctx, api->term_count(a));
    double *score = su_zeros(api, ctx, n);
    char *taken = api->scratch(ctx, n + 1);
    long *rank = api->scratch(ctx, (n + 1) * sizeof *rank);
    if (!p || !score || !taken || !rank)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    distribution(a, p);
    size_t nbody = su_body_rank(api, a, rank);
    for (size_t i = 0; i < n; i++) {
        score[i] = rank[i] < 0 ? -INFINITY : avg_prob(a, i, p);
        taken[i] = 0;
    }
    api->set_scores(ctx, a, "sumbasic", score, n);
    api->clear_summary(ctx, a);
    precis_budget_state b;
    int rc = precis_budget_start(api, ctx, a, &b);
    if (rc)
        return api->fail(ctx, rc, "%s", api->strerror(rc));
    (void)nbody;
    while (!precis_budget_full(&b)) {
        size_t best = n;
        double bv = -1;
        for (size_t i = 0; i < n; i++) {
            if (rank[i] < 0 || taken[i])
                continue;
            double v = avg_prob(a, i, p);
            if (v > bv) {
                bv = v;
                best = i;
            }
        }
        if (best == n)
            break;
        precis_sentence s;
        api->sentence(a, best, &s);
        taken[best] = 1;
        /* Too long for what is left of the budget: try a shorter one. */
        if (!precis_budget_take(&b, s.ntokens))
            continue;
        if ((rc = api->select(ctx, a, best, bv)))
            return api->fail(ctx, rc, "%s", api->strerror(rc));
        square_used(a, best, p);
    }
    return PRECIS_OK;
}

static const precis_stage_def sumbasic_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "sumbasic",
    .help = "SumBasic: most probable words, reweighted after each pick",
    .phase = PRECIS_PHASE_SELECT,
    .flags = PRECIS_STAGE_SUMMARIZER | PRECIS_STAGE_REENTRANT,
    .provides = "summary,scores",
    .run = sumbasic_run,
};

static int sumbasic_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &sumbasic_stage);
}

PRECIS_PLUGIN_DEFINE("sumbasic", "1.0", "MIT", "SumBasic summarizer",
                     sumbasic_init, NULL)
