/*
 * score.c - scoring primitives (see score.h).
 */
#include "text/score.h"

#include <precis/util.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "text/article.h"

int score_is_body(const precis_article *a, size_t i)
{
    return i < a->sents.n
        && a->paras.v[a->sents.v[i].para].kind == PRECIS_KIND_BODY;
}

static int any_body(const precis_article *a)
{
    for (size_t i = 0; i < a->paras.n; i++)
        if (a->paras.v[i].kind == PRECIS_KIND_BODY && a->paras.v[i].nsent)
            return 1;
    return 0;
}

int score_isf(const precis_article *a, double *out)
{
    size_t nt = a->terms.n, ns = 0;
    uint32_t *sf = calloc(nt ? nt : 1, sizeof *sf);
    uint32_t *seen = calloc(nt ? nt : 1, sizeof *seen);
    if (!sf || !seen) {
        free(sf);
        free(seen);
        return PRECIS_ENOMEM;
    }
    int body = any_body(a);
    for (size_t i = 0; i < a->sents.n; i++) {
        if (body && !score_is_body(a, i))
            continue;
        ns++;
        const pr_sent *s = &a->sents.v[i];
        for (uint32_t k = s->tok0; k < s->tok0 + s->ntok; k++) {
            uint32_t t = a->words.v[a->toks.v[k].word].term;
            if (seen[t] != ns) {    /* ns is a unique stamp per sentence */
                seen[t] = (uint32_t)ns;
                sf[t]++;
            }
        }
    }
    for (size_t t = 0; t < nt; t++)
        out[t] = sf[t] ? log((double)(ns + 1) / sf[t]) : 0.0;
    free(sf);
    free(seen);
    return PRECIS_OK;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

int score_vectors(const precis_article *a, const precis_sim_opts *o,
                  arena *mem, sent_vecs *v)
{
    size_t n = a->sents.n, ntok = a->toks.n;
    memset(v, 0, sizeof *v);
    v->n = n;
    v->off = arena_alloc(mem, (n + 1) * sizeof *v->off);
    v->term = arena_alloc(mem, (ntok + 1) * sizeof *v->term);
    v->w = arena_alloc(mem, (ntok + 1) * sizeof *v->w);
    v->norm = arena_alloc(mem, (n + 1) * sizeof *v->norm);
    v->nterms = arena_alloc(mem, (n + 1) * sizeof *v->nterms);
    v->in = arena_calloc(mem, n + 1, 1);
    double *isf = arena_alloc(mem, (a->terms.n + 1) * sizeof *isf);
    if (!v->off || !v->term || !v->w || !v->norm || !v->nterms || !v->in
        || !isf || score_isf(a, isf))
        return PRECIS_ENOMEM;
    int body = o->body_only && any_body(a);
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        v->off[i] = (uint32_t)at;
        v->in[i] = !body || score_is_body(a, i);
        const pr_sent *s = &a->sents.v[i];
        size_t first = at;
        for (uint32_t k = s->tok0; v->in[i] && k < s->tok0 + s->ntok; k++) {
            const pr_tok *t = &a->toks.v[k];
            if ((t->flags & PRECIS_TOKEN_STOP) && !o->stopwords)
                continue;
            v->term[at++] = a->words.v[t->word].term;
        }
        /* Sort the sentence's terms and fold repeats into counts. */
        qsort(v->term + first, at - first, sizeof *v->term, cmp_u32);
        size_t out = first;
        double norm = 0;
        for (size_t k = first; k < at;) {
            size_t e = k;
            while (e < at && v->term[e] == v->term[k])
                e++;
            uint32_t t = v->term[k];
            double tf = (double)(e - k), w;
            switch (o->weighting) {
            case PRECIS_WEIGHT_TF: w = tf; break;
            case PRECIS_WEIGHT_BINARY: w = 1.0; break;
            default: w = tf * isf[t]; break;
            }
            v->term[out] = t;
            v->w[out++] = w;
            norm += w * w;
            k = e;
        }
        at = out;
        v->norm[i] = sqrt(norm);
        v->nterms[i] = (uint32_t)(at - first);
    }
    v->off[n] = (uint32_t)at;
    return PRECIS_OK;
}

static double finish_sim(const sent_vecs *v, const precis_sim_opts *o,
                         size_t i, size_t j, double dot, double shared)
{
    if (o->measure == PRECIS_SIM_OVERLAP) {
        double d = log((double)v->nterms[i] + 1) + log((double)v->nterms[j]
                                                       + 1);
        return d > 0 ? shared / d : 0;
    }
    double d = v->norm[i] * v->norm[j];
    return d > 0 ? dot / d : 0;
}

double score_sim(const sent_vecs *v, const precis_sim_opts *o, size_t i,
                 size_t j)
{
    if (i >= v->n || j >= v->n || !v->in[i] || !v->in[j])
        return 0;
    uint32_t a = v->off[i], ae = v->off[i + 1];
    uint32_t b = v->off[j], be = v->off[j + 1];
    double dot = 0, shared = 0;
    while (a < ae && b < be) {
        if (v->term[a] < v->term[b]) {
            a++;
        } else if (v->term[a] > v->term[b]) {
            b++;
        } else {
            dot += v->w[a] * v->w[b];
            shared += 1;
            a++;
            b++;
        }
    }
    return finish_sim(v, o, i, j, dot, shared);
}

/*
 * The graph: for each sentence, walk the postings of its terms and sum
 * products with every sentence sharing one, then keep its `neighbors` most
 * similar.  Terms in more than max_df sentences are skipped: they cost
 * df^2 and weigh ~log(1) = 0.  Bounding the neighbours keeps the graph
 * linear in the sentences: an article of a thousand sentences would
 * otherwise link nearly every pair through some shared word.
 */
typedef struct graph_build {
    sent_vecs v;
    uint32_t *poff, *post;      /* postings: term -> sentences */
    double *pw;
    double *acc, *cnt;          /* per candidate sentence */
    uint32_t *touched;
    precis_edge *cand;          /* one sentence's candidates */
    size_t max_df;
} graph_build;

static int build_postings(const precis_article *a, arena *mem,
                          graph_build *g)
{
    size_t n = g->v.n, nt = a->terms.n, nnz = g->v.off[n];
    uint32_t *df = arena_calloc(mem, nt + 1, sizeof *df);
    g->poff = arena_alloc(mem, (nt + 2) * sizeof *g->poff);
    g->post = arena_alloc(mem, (nnz + 1) * sizeof *g->post);
    g->pw = arena_alloc(mem, (nnz + 1) * sizeof *g->pw);
    g->acc = arena_calloc(mem, n + 1, sizeof *g->acc);
    g->cnt = arena_calloc(mem, n + 1, sizeof *g->cnt);
    g->touched = arena_alloc(mem, (n + 1) * sizeof *g->touched);
    g->cand = arena_alloc(mem, (n + 1) * sizeof *g->cand);
    if (!df || !g->poff || !g->post || !g->pw || !g->acc || !g->cnt
        || !g->touched || !g->cand)
        return PRECIS_ENOMEM;
    for (size_t k = 0; k < nnz; k++)
        df[g->v.term[k]]++;
    g->poff[0] = 0;
    for (size_t t = 0; t < nt; t++)
        g->poff[t + 1] = g->poff[t] + df[t];
    memset(df, 0, (nt + 1) * sizeof *df);   /* now fill cursors */
    for (size_t i = 0; i < n; i++)
        for (uint32_t k = g->v.off[i]; k < g->v.off[i + 1]; k++) {
            uint32_t t = g->v.term[k], at = g->poff[t] + df[t]++;
            g->post[at] = (uint32_t)i;
            g->pw[at] = g->v.w[k];
        }
    g->max_df = (size_t)(4 * sqrt((double)n));
    if (g->max_df < 64)
        g->max_df = 64;
    return PRECIS_OK;
}

/* Heap order for keeping the k best candidates: the root is the worst
 * kept so far (lowest weight; on a tie, the later sentence). */
static int worse(const precis_edge *a, const precis_edge *b)
{
    if (a->weight != b->weight)
        return a->weight < b->weight;
    return a->to > b->to;
}

static void sift_down(precis_edge *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && worse(&h[l], &h[m]))
            m = l;
        if (r < n && worse(&h[r], &h[m]))
            m = r;
        if (m == i)
            return;
        precis_edge t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

/* Offers e to a min-heap of at most k best; *n is its size. */
static void keep_best(precis_edge *h, size_t *n, size_t k, precis_edge e)
{
    if (*n < k) {
        size_t i = (*n)++;
        h[i] = e;
        while (i > 0 && worse(&h[i], &h[(i - 1) / 2])) {
            precis_edge t = h[i];
            h[i] = h[(i - 1) / 2];
            h[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
    } else if (worse(&h[0], &e)) {
        h[0] = e;
        sift_down(h, *n, 0);
    }
}

/* Sentence i's k most similar neighbours above the threshold, in
 * g->cand (in no particular order). */
static size_t neighbours(graph_build *g, const precis_sim_opts *o, size_t i,
                         size_t k)
{
    size_t nt_i = 0, nc = 0;
    for (uint32_t q = g->v.off[i]; q < g->v.off[i + 1]; q++) {
        uint32_t t = g->v.term[q];
        if (g->poff[t + 1] - g->poff[t] > g->max_df)
            continue;
        for (uint32_t p = g->poff[t]; p < g->poff[t + 1]; p++) {
            uint32_t j = g->post[p];
            if (j == i)
                continue;
            if (g->acc[j] == 0 && g->cnt[j] == 0)
                g->touched[nt_i++] = j;
            g->acc[j] += g->v.w[q] * g->pw[p];
            g->cnt[j] += 1;
        }
    }
    for (size_t x = 0; x < nt_i; x++) {
        uint32_t j = g->touched[x];
        double s = finish_sim(&g->v, o, i, j, g->acc[j], g->cnt[j]);
        g->acc[j] = g->cnt[j] = 0;
        if (s > 0 && s >= o->threshold)
            keep_best(g->cand, &nc, k,
                      (precis_edge){ (uint32_t)i, j, s });
    }
    return nc;
}

static int by_to(const void *x, const void *y)
{
    const precis_edge *a = x, *b = y;
    return (a->to > b->to) - (a->to < b->to);
}

int score_graph(const precis_article *a, const precis_sim_opts *o,
                arena *mem, precis_edge **edges, size_t *nedges)
{
    graph_build g;
    int rc = score_vectors(a, o, mem, &g.v);
    if (rc || (rc = build_postings(a, mem, &g)))
        return rc;
    size_t n = g.v.n, k = o->neighbors ? o->neighbors : 32;
    /* Every chosen pair in both directions, bucketed by `from` (a
     * counting sort: the lists are long, the buckets short). */
    precis_edge *dir = arena_alloc(mem, (2 * n * k + 1) * sizeof *dir);
    uint32_t *deg = arena_calloc(mem, n + 2, sizeof *deg);
    if (!dir || !deg)
        return PRECIS_ENOMEM;
    size_t nd = 0;
    for (size_t i = 0; i < n; i++) {
        size_t nc = neighbours(&g, o, i, k);
        for (size_t c = 0; c < nc; c++) {
            precis_edge e = g.cand[c];
            dir[nd++] = e;
            dir[nd++] = (precis_edge){ e.to, e.from, e.weight };
            deg[e.from + 1]++;
            deg[e.to + 1]++;
        }
    }
    for (size_t i = 0; i < n; i++)
        deg[i + 1] += deg[i];
    precis_edge *out = arena_alloc(mem, (nd + 1) * sizeof *out);
    if (!out)
        return PRECIS_ENOMEM;
    for (size_t x = 0; x < nd; x++)
        out[deg[dir[x].from]++] = dir[x];
    /* deg[i] now ends bucket i; sort each bucket by `to` and drop the
     * copy of a pair both ends chose. */
    size_t u = 0, start = 0;
    for (size_t i = 0; i < n; i++) {
        size_t end = deg[i];
        qsort(out + start, end - start, sizeof *out, by_to);
        for (size_t x = start; x < end; x++)
            if (x == start || out[x].to != out[x - 1].to)
                out[u++] = out[x];
        start = end;
    }
    *edges = out;
    *nedges = u;
    return PRECIS_OK;
}

int score_rank(size_t n, const precis_edge *edges, size_t nedges,
               double damping, const double *prior, double *out,
               arena *mem)
{
    if (n == 0)
        return PRECIS_OK;
    double *outw = arena_calloc(mem, n, sizeof *outw);
    double *next = arena_alloc(mem, n * sizeof *next);
    double *tele = arena_alloc(mem, n * sizeof *tele);
    if (!outw || !next || !tele)
        return PRECIS_ENOMEM;
    double psum = 0;
    for (size_t i = 0; i < n; i++)
        psum += prior ? (prior[i] > 0 ? prior[i] : 0) : 1.0;
    for (size_t i = 0; i < n; i++)
        tele[i] = psum > 0 ? (prior ? (prior[i] > 0 ? prior[i] : 0) : 1.0)
                             / psum
                           : 1.0 / (double)n;
    for (size_t k = 0; k < nedges; k++)
        if (edges[k].from < n)
            outw[edges[k].from] += edges[k].weight;
    for (size_t i = 0; i < n; i++)
        out[i] = tele[i];
    for (int it = 0; it < 100; it++) {
        double dangling = 0;
        for (size_t i = 0; i < n; i++)
            if (outw[i] <= 0)
                dangling += out[i];
        for (size_t i = 0; i < n; i++)
            next[i] = (1 - damping + damping * dangling) * tele[i];
        for (size_t k = 0; k < nedges; k++) {
            const precis_edge *e = &edges[k];
            if (e->from < n && e->to < n && outw[e->from] > 0)
                next[e->to] += damping * out[e->from] * e->weight
                             / outw[e->from];
        }
        double delta = 0;
        for (size_t i = 0; i < n; i++) {
            delta += fabs(next[i] - out[i]);
            out[i] = next[i];
        }
        if (delta < 1e-9)
            break;
    }
    return PRECIS_OK;
}

static size_t body_sentences(const precis_article *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->sents.n; i++)
        n += score_is_body(a, i);
    return n;
}

size_t score_budget_sentences(const precis_article *a,
                              const precis_budget *b)
{
    size_t nb = body_sentences(a), k = b->sentences;
    if (b->ratio > 0) {
        k = (size_t)ceil(b->ratio * (double)nb);
        if (k == 0)
            k = 1;
    }
    if (k == 0 && b->words == 0)
        k = 3;
    if (k == 0 || k > nb)
        k = nb;
    return k;
}

precis_budget_state score_budget_state(const precis_article *a,
                                       const precis_budget *b)
{
    precis_budget_state bs = { score_budget_sentences(a, b), b->words, 0,
                               0 };
    return bs;
}

static size_t sentence_words(const precis_article *a, size_t i)
{
    return a->sents.v[i].ntok;
}

/*
 * Maximal marginal relevance: repeatedly take the sentence that best
 * trades its own (normalised) score against its similarity to what is
 * already chosen.  Similarity to the chosen set is kept per candidate and
 * updated once per pick, so a pick costs one pass over the candidates.
 */
int score_select(precis_article *a, const double *scores, size_t n,
                 const precis_budget *b, double lambda, arena *mem)
{
    a->summary.n = 0;
    if (n > a->sents.n)
        n = a->sents.n;
    precis_sim_opts so = { .weighting = PRECIS_WEIGHT_TFISF,
                           .measure = PRECIS_SIM_COSINE, .body_only = 1 };
    sent_vecs v;
    int rc = score_vectors(a, &so, mem, &v);
    if (rc)
        return rc;
    double *maxsim = arena_calloc(mem, n + 1, sizeof *maxsim);
    unsigned char *taken = arena_calloc(mem, n + 1, 1);
    if (!maxsim || !taken)
        return PRECIS_ENOMEM;
    double hi = 0, lo = INFINITY;
    for (size_t i = 0; i < n; i++)
        if (score_is_body(a, i) && isfinite(scores[i])) {
            hi = scores[i] > hi ? scores[i] : hi;
            lo = scores[i] < lo ? scores[i] : lo;
        }
    double span = hi > lo ? hi - lo : 1;
    /* The budget rule of precis/util.h: plug-ins that pick sentences
     * themselves apply the very same one. */
    precis_budget_state bs = score_budget_state(a, b);
    while (!precis_budget_full(&bs)) {
        size_t best = n;
        double bestv = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            if (taken[i] || !score_is_body(a, i) || !isfinite(scores[i]))
                continue;
            /* A near copy of a chosen sentence is never worth a place. */
            if (maxsim[i] > 0.9)
                continue;
            double rel = (scores[i] - lo) / span;
            double val = lambda * rel - (1 - lambda) * maxsim[i];
            if (val > bestv) {
                bestv = val;
                best = i;
            }
        }
        if (best == n)
            break;
        taken[best] = 1;
        if (!precis_budget_take(&bs, sentence_words(a, best)))
            continue;       /* too long: try shorter ones */
        if (article_pick(a, (uint32_t)best, scores[best]))
            return PRECIS_ENOMEM;
        for (size_t i = 0; i < n; i++) {
            if (taken[i])
                continue;
            double s = score_sim(&v, &so, i, best);
            if (s > maxsim[i])
                maxsim[i] = s;
        }
    }
    return PRECIS_OK;
}
