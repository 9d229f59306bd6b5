/*
 * luhn.c - Luhn's method (1958): a sentence matters when significant words
 * (frequent content words of the article) cluster in it.  A cluster is a
 * run of significant words at most `gap` other words apart, and scores
 * (significant words)^2 / (words spanned); a sentence gets its best.
 */
#include <precis/plugin.h>

#include "../common/summ_util.h"

static const precis_api *api;

static const precis_option_def luhn_options[] = {
    { "gap", PRECIS_OPT_INT, "4",
      "most insignificant words allowed inside a cluster", NULL, 0, 20 },
    { "min_count", PRECIS_OPT_INT, "2",
      "a content word is significant from this many uses", NULL, 1, 100 },
    SU_REDUNDANCY_OPTION,
};

/* Term counts over the body's content words. */
static int count_terms(precis_stage_ctx *ctx, const precis_article *a,
                       double *count, size_t *total)
{
    size_t n = api->sentence_count(a);
    *total = 0;
    for (size_t i = 0; i < n; i++) {
        precis_sentence s;
        if (!su_is_body(api, a, i) || api->sentence(a, i, &s))
            continue;
        for (size_t k = s.first_token; k < s.first_token + s.ntokens; k++) {
            precis_token t;
            if (api->token(a, k, &t) == PRECIS_OK
                && !(t.flags & PRECIS_TOKEN_STOP)) {
                count[t.term] += 1;
                (*total)++;
            }
        }
    }
    (void)ctx;
    return PRECIS_OK;
}

static double sentence_score(const precis_article *a, size_t i,
                             const double *count, double min_count,
                             long gap)
{
    precis_sentence s;
    if (api->sentence(a, i, &s))
        return 0;
    double best = 0;
    long first = -1, last = -1, sig = 0, pos = 0;
    for (size_t k = s.first_token; k < s.first_token + s.ntokens; k++) {
        precis_token t;
        if (api->token(a, k, &t) || (t.flags & PRECIS_TOKEN_STOP))
            continue;
        int significant = count[t.term] >= min_count;
        if (significant) {
            if (first < 0 || pos - last - 1 > gap) {
                first = pos;
                sig = 0;
            }
            last = pos;
            sig++;
            double v = (double)(sig * sig) / (double)(last - first + 1);
            if (v > best)
                best = v;
        }
        pos++;
    }
    return best;
}

static int luhn_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    const precis_options *opt = state;
    size_t n = api->sentence_count(a), nt = api->term_count(a), total;
    double *count = su_zeros(api, ctx, nt);
    double *score = su_zeros(api, ctx, n);
    if (!count || !score)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    count_terms(ctx, a, count, &total);
    /* In a long article two uses mean little: raise the bar with length. */
    double min_count = (double)api->opt_int(opt, "min_count");
    double scaled = log2((double)total + 1) - 5;
    if (scaled > min_count)
        min_count = scaled;
    long gap = (long)api->opt_int(opt, "gap");
    for (size_t i = 0; i < n; i++)
        score[i] = sentence_score(a, i, count, min_count, gap);
    return su_finish(api, ctx, a, "luhn", score, n, su_lambda(api, opt));
}

static const precis_stage_def luhn_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "luhn",
    .help = "Luhn: clusters of significant words",
    .phase = PRECIS_PHASE_SELECT,
    .flags = PRECIS_STAGE_SUMMARIZER | PRECIS_STAGE_REENTRANT,
    .options = luhn_options,
    .noptions = sizeof luhn_options / sizeof luhn_options[0],
    .provides = "summary,scores",
    .create = su_keep_options,
    .run = luhn_run,
};

static int luhn_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &luhn_stage);
}

PRECIS_PLUGIN_DEFINE("luhn", "1.0", "MIT", "Luhn summarizer", luhn_init,
                     NULL)
