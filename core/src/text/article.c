/*
 * article.c - creating and filling the article model (see article.h).
 */
#include "text/article.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"

static atomic_uint_fast64_t article_next_gen = 1;

precis_article *article_new(const char *source, char *text, size_t len)
{
    precis_article *a = calloc(1, sizeof *a);
    if (!a) {
        free(text);
        return NULL;
    }
    a->gen = atomic_fetch_add(&article_next_gen, 1);
    a->text = text;
    a->len = len;
    a->source = arena_strdup(&a->mem, source ? source : "<input>");
    if (!a->source) {
        precis_article_free(a);
        return NULL;
    }
    return a;
}

void precis_article_free(precis_article *a)
{
    if (!a)
        return;
    free(a->text);
    VEC_FREE(&a->paras);
    VEC_FREE(&a->sents);
    VEC_FREE(&a->toks);
    VEC_FREE(&a->words);
    VEC_FREE(&a->terms);
    free(a->word_ix);
    free(a->term_ix);
    VEC_FREE(&a->fields);
    VEC_FREE(&a->people);
    VEC_FREE(&a->quotes);
    VEC_FREE(&a->scores);
    VEC_FREE(&a->summary);
    VEC_FREE(&a->notes);
    VEC_FREE(&a->tr);
    arena_free(&a->mem);
    free(a);
}

const char *precis_article_source(const precis_article *a)
{
    return a->source;
}

size_t precis_article_count(const precis_article *a, const char *what)
{
    if (!strcmp(what, "paragraphs"))
        return a->paras.n;
    if (!strcmp(what, "sentences"))
        return a->sents.n;
    if (!strcmp(what, "tokens"))
        return a->toks.n;
    if (!strcmp(what, "terms"))
        return a->terms.n;
    if (!strcmp(what, "quotes"))
        return a->quotes.n;
    return 0;
}

int article_add_para(precis_article *a, size_t start, size_t end,
                     precis_kind kind)
{
    pr_para p = { (uint32_t)start, (uint32_t)end, (uint8_t)kind,
                  kind != PRECIS_KIND_UNKNOWN, NULL, 0, 0 };
    return VEC_PUSH(&a->paras, p) ? PRECIS_ENOMEM : PRECIS_OK;
}

int article_set_field(precis_article *a, const char *key, const char *value,
                      size_t len)
{
    char *v = arena_strndup(&a->mem, value, len);
    if (!v)
        return PRECIS_ENOMEM;
    for (size_t i = 0; i < a->fields.n; i++) {
        if (strcmp(a->fields.v[i].key, key) == 0) {
            a->fields.v[i].value = v;
            a->fields.v[i].len = len;
            a->fields.v[i].type = FIELD_TEXT;
            return PRECIS_OK;
        }
    }
    pr_field f = { arena_strdup(&a->mem, key), v, len, FIELD_TEXT };
    if (!f.key || VEC_PUSH(&a->fields, f))
        return PRECIS_ENOMEM;
    return PRECIS_OK;
}

void article_set_field_type(precis_article *a, const char *key, int type)
{
    for (size_t i = 0; i < a->fields.n; i++)
        if (strcmp(a->fields.v[i].key, key) == 0)
            a->fields.v[i].type = type;
}

const char *article_field(const precis_article *a, const char *key)
{
    for (size_t i = 0; i < a->fields.n; i++)
        if (strcmp(a->fields.v[i].key, key) == 0)
            return a->fields.v[i].value;
    return NULL;
}

/*
 * Both word and term indexes are open-addressing tables of (index + 1),
 * kept at most half full; they are rebuilt from the vectors when they
 * grow.  An index's first size is about twice the words a text of len
 * bytes holds, so that an article's index is seldom rebuilt as it fills.
 */
static size_t ix_first_cap(size_t len)
{
    size_t cap = 256;
    while (cap < len / 4 && cap < ((size_t)1 << 16))
        cap *= 2;
    return cap;
}

static int ix_grow(uint32_t **ix, size_t *cap, size_t used, size_t len,
                   const char *(*key)(const void *, size_t, uint32_t *),
                   const void *base)
{
    if ((used + 1) * 2 <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : ix_first_cap(len);
    uint32_t *nix = calloc(ncap, sizeof *nix);
    if (!nix)
        return -1;
    for (size_t i = 0; i < used; i++) {
        uint32_t klen;
        const char *k = key(base, i, &klen);
        size_t h = hash_bytes(k, klen) & (ncap - 1);
        while (nix[h])
            h = (h + 1) & (ncap - 1);
        nix[h] = (uint32_t)i + 1;
    }
    free(*ix);
    *ix = nix;
    *cap = ncap;
    return 0;
}

static const char *word_key(const void *base, size_t i, uint32_t *len)
{
    const pr_word *w = (const pr_word *)base + i;
    *len = w->len;
    return w->fold;
}

static const char *term_key(const void *base, size_t i, uint32_t *len)
{
    const pr_term *t = (const pr_term *)base + i;
    *len = t->len;
    return t->stem;
}

/* The slot of key in an index: where it is (*found = its index + 1) or
 * where it would go (*found = 0). */
static size_t ix_probe(const uint32_t *ix, size_t cap, const char *key,
                       size_t len,
                       const char *(*keyf)(const void *, size_t, uint32_t *),
                       const void *base, uint32_t *found)
{
    size_t mask = cap - 1, h = hash_bytes(key, len) & mask;
    for (uint32_t e; (e = ix[h]) != 0; h = (h + 1) & mask) {
        uint32_t klen;
        const char *k = keyf(base, e - 1, &klen);
        if (klen == len && memcmp(k, key, len) == 0) {
            *found = e;
            return h;
        }
    }
    *found = 0;
    return h;
}

static int64_t intern_term(precis_article *a, const char *stem, size_t len)
{
    if (ix_grow(&a->term_ix, &a->term_ix_cap, a->terms.n, a->len, term_key,
                a->terms.v))
        return -1;
    uint32_t e;
    size_t h = ix_probe(a->term_ix, a->term_ix_cap, stem, len, term_key,
                        a->terms.v, &e);
    if (e)
        return e - 1;
    pr_term t = { arena_strndup(&a->mem, stem, len), (uint32_t)len };
    if (!t.stem || VEC_PUSH(&a->terms, t))
        return -1;
    a->term_ix[h] = (uint32_t)a->terms.n;
    return (int64_t)a->terms.n - 1;
}

int64_t article_find_word(const precis_article *a, const char *fold,
                          size_t len)
{
    if (!a->word_ix_cap)
        return -1;
    uint32_t e;
    ix_probe(a->word_ix, a->word_ix_cap, fold, len, word_key, a->words.v,
             &e);
    return (int64_t)e - 1;
}

int64_t article_intern_word(precis_article *a, const char *fold, size_t len,
                            const char *stem, size_t stem_len, int stop)
{
    if (ix_grow(&a->word_ix, &a->word_ix_cap, a->words.n, a->len, word_key,
                a->words.v))
        return -1;
    uint32_t e;
    size_t h = ix_probe(a->word_ix, a->word_ix_cap, fold, len, word_key,
                        a->words.v, &e);
    if (e)
        return e - 1;
    int64_t term = intern_term(a, stem, stem_len);
    if (term < 0)
        return -1;
    pr_word w = { arena_strndup(&a->mem, fold, len), (uint32_t)len,
                  (uint32_t)term, (uint32_t)(stop != 0) };
    if (!w.fold || VEC_PUSH(&a->words, w))
        return -1;
    a->word_ix[h] = (uint32_t)a->words.n;
    return (int64_t)a->words.n - 1;
}

int article_add_person(precis_article *a, const char *name, size_t len,
                       const char *role)
{
    pr_person p = { arena_strndup(&a->mem, name, len),
                    arena_strdup(&a->mem, role ? role : "author") };
    if (!p.name || !p.role || VEC_PUSH(&a->people, p))
        return PRECIS_ENOMEM;
    return PRECIS_OK;
}

int article_pick(precis_article *a, uint32_t sentence, double score)
{
    size_t i = 0;
    while (i < a->summary.n && a->summary.v[i].sentence < sentence)
        i++;
    if (i < a->summary.n && a->summary.v[i].sentence == sentence) {
        if (score > a->summary.v[i].score)
            a->summary.v[i].score = score;
        return PRECIS_OK;
    }
    if (VEC_RESERVE(&a->summary, a->summary.n + 1))
        return PRECIS_ENOMEM;
    memmove(&a->summary.v[i + 1], &a->summary.v[i],
            (a->summary.n - i) * sizeof a->summary.v[0]);
    a->summary.v[i].sentence = sentence;
    a->summary.v[i].score = score;
    a->summary.n++;
    return PRECIS_OK;
}

pr_scores *article_scores(const precis_article *a, const char *name)
{
    for (size_t i = 0; i < a->scores.n; i++)
        if (strcmp(a->scores.v[i].name, name) == 0)
            return &a->scores.v[i];
    return NULL;
}

static const char *const kind_names[PRECIS_KIND_COUNT_] = {
    [PRECIS_KIND_UNKNOWN] = "unknown",
    [PRECIS_KIND_HEADLINE] = "headline",
    [PRECIS_KIND_BYLINE] = "byline",
    [PRECIS_KIND_DATE] = "date",
    [PRECIS_KIND_HEADING] = "heading",
    [PRECIS_KIND_BODY] = "body",
    [PRECIS_KIND_BLOCKQUOTE] = "blockquote",
    [PRECIS_KIND_LIST] = "list",
    [PRECIS_KIND_CAPTION] = "caption",
    [PRECIS_KIND_CREDIT] = "credit",
    [PRECIS_KIND_BOILERPLATE] = "boilerplate",
};

const char *article_kind_name(precis_kind k)
{
    return (unsigned)k < PRECIS_KIND_COUNT_ ? kind_names[k] : "unknown";
}

int article_kind_from_name(const char *name)
{
    for (int k = 1; k < PRECIS_KIND_COUNT_; k++)
        if (strcmp(kind_names[k], name) == 0)
            return k;
    return -1;
}

/* ---- quotes ---- */

size_t article_reopen_mark(const char *t, size_t i, size_t end)
{
    static const char *const opens[] = { "\"", "\xE2\x80\x9C",
                                         "\xE2\x80\x9E", "\xC2\xAB",
                                         "\xE2\x80\x98", "'" };
    for (size_t k = 0; k < sizeof opens / sizeof opens[0]; k++) {
        size_t n = strlen(opens[k]);
        if (i + n <= end && !memcmp(t + i, opens[k], n))
            return n;
    }
    return 0;
}

void article_quote_words(const precis_article *a, const precis_quote *q,
                         precis_buf *sb)
{
    size_t from = q->start;
    for (size_t i = q->start; i < q->end; i++) {
        if (a->text[i] != '\n')
            continue;
        size_t j = i + 1;
        while (j < q->end && (a->text[j] == ' ' || a->text[j] == '\t'
                              || a->text[j] == '\n' || a->text[j] == '\r'))
            j++;
        size_t n = article_reopen_mark(a->text, j, q->end);
        if (n) {
            precis_buf_append_squeezed(sb, a->text + from, i - from);
            precis_buf_putc(sb, ' ');
            from = j + n;
        }
        i = j - 1;
    }
    precis_buf_append_squeezed(sb, a->text + from, q->end - from);
}
