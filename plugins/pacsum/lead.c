/*
 * lead.c - sentence scores for a lead summary: a few sentences that tell
 * the story, as a news desk's highlights do.
 *
 * Position carries most of it: news puts what matters first.  Within the
 * lead, a sentence is worth more when
 *   - later sentences echo it (PacSum's directed centrality: a sentence
 *     the story goes on to develop is a statement of it; one that only
 *     repeats what came before is a recap, and gains nothing from that);
 *   - its words are the story's recurring vocabulary (the share of its
 *     content words found in another body sentence: names, places and
 *     the matter at hand recur, colour and asides do not);
 *   - it carries figures (counts, ages, sums, dates);
 * and worth less when
 *   - it is much longer than the article's typical sentence: such a
 *     "sentence" is usually run-on text (photo captions glued to the
 *     paragraph that follows, a list), and in a summary of three
 *     sentences it costs more words than it tells;
 *   - optionally (quotes > 0), it is quoted speech: the dev highlights
 *     restate quotes about as often as facts, so this is off by default.
 * Each term is scaled to about [0, 1] so the weights compare.
 */
#include "pacsum.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

/* Smoothing of the recurring-word share, in words: a three-word sentence
 * whose three words recur is not more on topic than a twenty-word one
 * with eighteen. */
#define TOPIC_PRIOR 4.0
/* Figures beyond this many add nothing. */
#define NUMBERS_CAP 3.0
/* Sentences up to this multiple of the mean length cost nothing. */
#define LONG_RATIO 1.5
/* A sentence this similar to another is a copy of it (a caption that
 * repeats the text, a pasted paragraph), not a development: select_top
 * never keeps both, and the copy is no echo. */
#define COPY_SIM 0.9

enum { NOT_CONTENT = UINT32_MAX };

/* Per body sentence: content words, of them recurring, figures, tokens. */
typedef struct lead_counts {
    double content, recurring, numbers, words;
} lead_counts;

/* Fills cnt[] for body sentences from their tokens: one pass to count in
 * how many body sentences each term occurs, one to count, per sentence,
 * the content words whose term occurs in another. */
static int count_words(const precis_api *api, precis_stage_ctx *ctx,
                       const precis_article *a, const long *rank,
                       lead_counts *cnt)
{
    size_t n = api->sentence_count(a), nt = api->term_count(a);
    uint32_t *sf = api->scratch(ctx, (nt + 1) * sizeof *sf);
    uint32_t *stamp = api->scratch(ctx, (nt + 1) * sizeof *stamp);
    if (!sf || !stamp)
        return PRECIS_ENOMEM;
    memset(sf, 0, (nt + 1) * sizeof *sf);
    memset(stamp, 0, (nt + 1) * sizeof *stamp);
    for (size_t i = 0; i < n; i++) {
        precis_sentence s;
        if (rank[i] < 0 || api->sentence(a, i, &s) != PRECIS_OK)
            continue;
        lead_counts *c = &cnt[rank[i]];
        for (size_t k = s.first_token; k < s.first_token + s.ntokens; k++) {
            precis_token t;
            if (api->token(a, k, &t) != PRECIS_OK)
                continue;
            c->words += 1;
            c->numbers += (t.flags & PRECIS_TOKEN_NUMBER) != 0;
            if ((t.flags & PRECIS_TOKEN_STOP) || t.term >= nt)
                continue;
            c->content += 1;
            /* rank + 1 stamps the term as seen in this sentence. */
            if (stamp[t.term] != (uint32_t)rank[i] + 1) {
                stamp[t.term] = (uint32_t)rank[i] + 1;
                sf[t.term]++;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        precis_sentence s;
        if (rank[i] < 0 || api->sentence(a, i, &s) != PRECIS_OK)
            continue;
        for (size_t k = s.first_token; k < s.first_token + s.ntokens; k++) {
            precis_token t;
            if (api->token(a, k, &t) == PRECIS_OK
                && !(t.flags & PRECIS_TOKEN_STOP) && t.term < nt
                && sf[t.term] >= 2)
                cnt[rank[i]].recurring += 1;
        }
    }
    return PRECIS_OK;
}

/* Index of the first sentence ending after byte pos (sentences are in
 * text order), or n. */
static size_t first_ending_after(const precis_api *api,
                                 const precis_article *a, size_t n,
                                 size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        precis_sentence s;
        if (api->sentence(a, mid, &s) == PRECIS_OK && s.end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* quoted[rank] = bytes of each body sentence inside a quotation, when a
 * quotes stage ran before (else none are). */
static void quoted_bytes(const precis_api *api, const precis_article *a,
                         const long *rank, double *quoted)
{
    size_t n = api->sentence_count(a), nq = api->quote_count(a);
    for (size_t q = 0; q < nq; q++) {
        precis_quote qt = { .struct_size = sizeof qt };
        if (api->quote(a, q, &qt) != PRECIS_OK)
            continue;
        for (size_t i = first_ending_after(api, a, n, qt.start); i < n;
             i++) {
            precis_sentence s;
            if (api->sentence(a, i, &s) != PRECIS_OK || s.start >= qt.end)
                break;
            size_t lo = s.start > qt.start ? s.start : qt.start;
            size_t hi = s.end < qt.end ? s.end : qt.end;
            if (rank[i] >= 0 && hi > lo)
                quoted[rank[i]] += (double)(hi - lo);
        }
    }
}

/* The echo of each body sentence in the others, PacSum's way: cosine
 * edges above a cut between the weakest and the strongest, counted
 * forward (later sentences) and, scaled by backward, from earlier ones,
 * copies left out; divided by the largest magnitude.  echo is indexed
 * by sentence. */
static int echoes(const precis_api *api, precis_stage_ctx *ctx,
                  const precis_article *a, const pacsum_cfg *c,
                  double *echo)
{
    precis_sim_opts so = { .weighting = PRECIS_WEIGHT_TFISF,
                           .measure = PRECIS_SIM_COSINE, .body_only = 1 };
    precis_edge *e;
    size_t ne, n = api->sentence_count(a);
    int rc = api->similarity_graph(ctx, a, &so, &e, &ne);
    if (rc)
        return rc;
    double lo = INFINITY, hi = -INFINITY, top = 0;
    for (size_t k = 0; k < ne; k++) {
        lo = e[k].weight < lo ? e[k].weight : lo;
        hi = e[k].weight > hi ? e[k].weight : hi;
    }
    double cut = ne ? lo + c->beta * (hi - lo) : 0;
    for (size_t k = 0; k < ne; k++) {
        double w = e[k].weight - cut;
        if (w > 0 && e[k].from < n && e[k].weight <= COPY_SIM)
            echo[e[k].from] += e[k].to > e[k].from ? w : c->backward * w;
    }
    for (size_t i = 0; i < n; i++)
        top = fabs(echo[i]) > top ? fabs(echo[i]) : top;
    for (size_t i = 0; top > 0 && i < n; i++)
        echo[i] /= top;
    return PRECIS_OK;
}

int pacsum_lead_scores(const precis_api *api, precis_stage_ctx *ctx,
                       const precis_article *a, const pacsum_cfg *c,
                       const long *rank, size_t nbody, double *score)
{
    size_t n = api->sentence_count(a);
    if (nbody == 0)
        return PRECIS_OK;
    lead_counts *cnt = api->scratch(ctx, nbody * sizeof *cnt);
    double *quoted = api->scratch(ctx, nbody * sizeof *quoted);
    double *echo = api->scratch(ctx, (n + 1) * sizeof *echo);
    if (!cnt || !quoted || !echo)
        return PRECIS_ENOMEM;
    memset(cnt, 0, nbody * sizeof *cnt);
    memset(quoted, 0, nbody * sizeof *quoted);
    memset(echo, 0, (n + 1) * sizeof *echo);
    int rc = count_words(api, ctx, a, rank, cnt);
    if (rc == PRECIS_OK && c->forward != 0)
        rc = echoes(api, ctx, a, c, echo);
    if (rc)
        return rc;
    if (c->quotes != 0)
        quoted_bytes(api, a, rank, quoted);
    double mean = 0;
    for (size_t r = 0; r < nbody; r++)
        mean += cnt[r].words / (double)nbody;
    for (size_t i = 0; i < n; i++) {
        precis_sentence s;
        if (rank[i] < 0 || api->sentence(a, i, &s) != PRECIS_OK)
            continue;
        const lead_counts *k = &cnt[rank[i]];
        double bytes = (double)(s.end - s.start);
        double quote = bytes > 0 ? fmin(quoted[rank[i]] / bytes, 1) : 0;
        double over = mean > 0 ? k->words / mean - LONG_RATIO : 0;
        score[i] = pow(0.5, (double)rank[i] / c->decay)
                 + c->forward * echo[i]
                 + c->topic * k->recurring / (k->content + TOPIC_PRIOR)
                 + c->numbers * fmin(k->numbers, NUMBERS_CAP) / NUMBERS_CAP
                 - c->quotes * quote
                 - c->length * (over > 0 ? over : 0);
    }
    return PRECIS_OK;
}
