/*
 * quotes.c - the "quotes" stage: direct, partial and block quotes with
 * their speakers (see quotes.h for how the work is split).
 *
 * Not every stretch between quotation marks is a quote.  Scare quotes
 * (the so-called “reset”, the “interim government”) and titles (the
 * novel "One Hundred Years of Solitude") are dropped: a short partial
 * quote needs a cue of its own in its sentence, a stretch after
 * "so-called", "dubbed", "the term" … or a title-cased one needs a cue
 * right next to it.
 */
#include "quotes.h"

#include <stdlib.h>
#include <string.h>

static const precis_api *api;

static const precis_option_def quotes_options[] = {
    { .key = "single_quotes", .type = PRECIS_OPT_ENUM, .def = "auto",
      .help = "single quotes as quotation marks: auto (when the article "
              "has no double ones), on, off",
      .choices = "auto|on|off", .min = 1, .max = 0 },
    { .key = "min_words", .type = PRECIS_OPT_INT, .def = "4",
      .help = "partial quotes shorter than this need their own cue, else "
              "they are scare quotes", .min = 1, .max = 50 },
    { .key = "multi_paragraph", .type = PRECIS_OPT_BOOL, .def = "true",
      .help = "join quotes that reopen at each paragraph and close at the "
              "last", .min = 1, .max = 0 },
    { .key = "resolve", .type = PRECIS_OPT_BOOL, .def = "true",
      .help = "resolve pronouns, surnames and role nouns to people named "
              "earlier", .min = 1, .max = 0 },
    { .key = "lookback", .type = PRECIS_OPT_INT, .def = "3",
      .help = "paragraphs searched back for the antecedent of he/she",
      .min = 0, .max = 50 },
};

/* lexicon.c lists the words that open sentences in lang ("en", "pt-BR");
 * an article of no known language is read as before, as English. */
static int lang_listed(precis_str lang)
{
    static const char *const known[] = { "en", "es", "pt", "fr", "de" };
    if (lang.len < 2)
        return 1;
    if (lang.len > 2 && lang.ptr[2] != '-' && lang.ptr[2] != '_')
        return 0;               /* "und", a three-letter code */
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
        if (!memcmp(lang.ptr, known[k], 2))
            return 1;
    return 0;
}

/* ---- Instances ---------------------------------------------------------- */

static int quotes_create(precis_stage_ctx *ctx, const precis_options *opt,
                         void **state)
{
    quotes_opts *o = calloc(1, sizeof *o);
    if (!o)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    const char *sq = api->opt_string(opt, "single_quotes");
    o->single_quotes = sq && !strcmp(sq, "on") ? QSINGLE_ON
                       : sq && !strcmp(sq, "off") ? QSINGLE_OFF
                                                  : QSINGLE_AUTO;
    o->min_words = (int)api->opt_int(opt, "min_words");
    o->multi_paragraph = api->opt_bool(opt, "multi_paragraph");
    o->resolve = api->opt_bool(opt, "resolve");
    o->lookback = (int)api->opt_int(opt, "lookback");
    *state = o;
    return PRECIS_OK;
}

static void quotes_destroy(void *state)
{
    free(state);
}

/* ---- Scare quotes and titles ------------------------------------------- */

/* Reads up to n words before byte i (not before lo), lower-cased, nearest
 * first, into w[k] (32 bytes each); returns how many. */
static int words_before(const char *t, size_t lo, size_t i, char w[][32],
                        int n)
{
    int k = 0;
    while (k < n && i > lo) {
        size_t l;
        /* Skip spaces, quote marks and commas; stop at other punctuation */
        while (i > lo) {
            uint32_t c = quotes_utf8_back(t, i, &l);
            if (quotes_is_wordchar(c))
                break;
            if (c == '.' || c == ';' || c == ':' || c == '!' || c == '?'
                || c == '(' || c == ')')
                return k;
            i -= l;
        }
        size_t e = i;
        while (i > lo) {
            uint32_t c = quotes_utf8_back(t, i, &l);
            if (!quotes_is_wordchar(c) && c != '-')
                break;
            i -= l;
        }
        size_t m = 0;
        for (size_t j = i; j < e && m + 1 < 32; j++) {
            char c = t[j];
            w[k][m++] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
        w[k][m] = 0;
        if (m)
            k++;
    }
    return k;
}

/* Every word of t[a, b) is capitalized but for small ones (of, the),
 * and no sentence punctuation inside: "One Hundred Years of Solitude". */
static int title_case(const char *t, size_t a, size_t b)
{
    int caps = 0;
    size_t i = a;
    while (i < b) {
        size_t l;
        uint32_t c = quotes_utf8(t, b, i, &l);
        if (c == '.' || c == '!' || c == '?' || c == ';' || c == ',') {
            /* A final period or comma is the sentence's, not the title's. */
            size_t j = i + l;
            while (j < b && (t[j] == ' ' || t[j] == '.'))
                j++;
            if (j < b)
                return 0;
        }
        if (!quotes_is_wordchar(c)) {
            i += l;
            continue;
        }
        size_t e = i;
        char low[32];
        size_t m = 0;
        while (e < b) {
            size_t l2;
            uint32_t d = quotes_utf8(t, b, e, &l2);
            if (!quotes_is_wordchar(d) && d != '\'' && d != 0x2019)
                break;
            for (size_t k = 0; k < l2 && m + 1 < sizeof low; k++)
                low[m++] = (char)(t[e + k] >= 'A' && t[e + k] <= 'Z'
                                  ? t[e + k] + 32 : t[e + k]);
            e += l2;
        }
        low[m] = 0;
        if (quotes_is_upper(c) || (c >= '0' && c <= '9'))
            caps++;
        else if (!(quotes_lex(low, m) & QL_MINOR) || !caps)
            return 0;
        i = e;
    }
    return caps > 0;
}

/* A possessive ends right before byte i: "MSNBC’s “Morning Joe”". */
static int after_possessive(const char *t, size_t lo, size_t i)
{
    while (i > lo && t[i - 1] == ' ')
        i--;
    if (i < lo + 3 || (t[i - 1] != 's' && t[i - 1] != 'S'))
        return 0;
    return t[i - 2] == '\'' || (i >= lo + 5 && !memcmp(t + i - 4,
                                                     "\xE2\x80\x99", 3));
}

/* 1 when the span is a scare quote or a title rather than a quote. */
static int not_a_quote(const char *t, const quotes_para *p,
                       const quotes_span *q, const quotes_opts *o)
{
    if (q->words == 0)
        return 1;
    if (q->kind == PRECIS_QUOTE_BLOCK)
        return 0;
    char w[3][32];
    int nw = words_before(t, p->start, q->open, w, 3);
    for (int k = 0; k < nw && k < 2; k++)
        if ((quotes_lex(w[k], strlen(w[k])) & QL_SCARE) && !q->tight
            && q->words < 8)
            return 1;
    /* Words were counted as far as 8: the title rules count further. */
    int words = q->words;
    if (!q->tight && words > 8)
        words = quotes_count_words(t, q->start, q->end, 16);
    for (int k = 0; k < nw; k++)
        if ((quotes_lex(w[k], strlen(w[k])) & QL_WORK) && !q->tight
            && words <= 15)
            return 1;
    if (words <= 12 && title_case(t, q->start, q->end)
        && (!q->tight || after_possessive(t, p->start, q->open)))
        return 1;               /* MSNBC's “Morning Joe”: a name */
    if (q->words < o->min_words && !q->own_cue
        && !(q->inherited && q->kind == PRECIS_QUOTE_DIRECT))
        return 1;
    return 0;
}

/* ---- The stage ---------------------------------------------------------- */

static int usable(precis_kind k)
{
    switch (k) {
    case PRECIS_KIND_BOILERPLATE: case PRECIS_KIND_CREDIT:
    case PRECIS_KIND_BYLINE: case PRECIS_KIND_DATE:
    case PRECIS_KIND_HEADLINE: case PRECIS_KIND_CAPTION:
        return 0;
    default:
        return 1;
    }
}

static void *scratch(void *ud, size_t size)
{
    return api->scratch(ud, size);
}

static int emit_quotes(precis_stage_ctx *ctx, precis_article *a,
                       const char *t, const quotes_para *paras,
                       const quotes_spans *s, const quotes_opts *o)
{
    for (size_t k = 0; k < s->n; k++) {
        const quotes_span *q = &s->v[k];
        if (not_a_quote(t, &paras[q->para], q, o))
            continue;
        precis_quote pq;
        memset(&pq, 0, sizeof pq);
        pq.struct_size = sizeof pq;
        pq.start = q->start;
        pq.end = q->end;
        pq.paragraph = q->para;
        pq.kind = q->kind;
        pq.flags = q->flags;
        pq.speaker = q->speaker;
        pq.speaker_kind = q->spk_kind;
        pq.speaker_start = q->spk_start;
        pq.speaker_end = q->spk_end;
        pq.cue_start = q->cue_start;
        pq.cue_end = q->cue_end;
        int rc = api->add_quote(ctx, a, &pq);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}

static int quotes_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    const quotes_opts *o = state;
    precis_str text = api->text(a);
    size_t np = api->paragraph_count(a);
    quotes_para *paras = api->scratch(ctx, (np + 1) * sizeof *paras);
    if (!paras)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    for (size_t i = 0; i < np; i++) {
        precis_paragraph p;
        if (api->paragraph(a, i, &p))
            return api->fail(ctx, PRECIS_ERANGE, "paragraph %zu unreadable",
                             i);
        paras[i] = (quotes_para){ p.start, p.end, (int)p.kind,
                                  usable(p.kind), 0, 0, 0 };
    }
    quotes_find_labels(text.ptr, paras, np);
    precis_str lang = api->meta(a, "lang");
    quotes_doc d = { text.ptr, text.len, paras, np,
                     lang.len == 2 && !memcmp(lang.ptr, "de", 2),
                     lang.len < 2 || !memcmp(lang.ptr, "en", 2),
                     lang_listed(lang) };
    quotes_spans spans = { NULL, 0, 0 };
    int rc = quotes_find_spans(&d, o, &spans);
    if (!rc)
        rc = quotes_attribute(&d, &spans, o, scratch, ctx);
    if (!rc)
        rc = quotes_attribute_cjk(&d, &spans, scratch, ctx);
    if (!rc)
        rc = emit_quotes(ctx, a, text.ptr, paras, &spans, o);
    quotes_spans_free(&spans);
    if (rc)
        return api->fail(ctx, rc, "%s", api->strerror(rc));
    return PRECIS_OK;
}

static const precis_stage_def quotes_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "quotes",
    .help = "direct, partial and block quotes with their speakers",
    .phase = PRECIS_PHASE_ANNOTATE,
    .flags = PRECIS_STAGE_REENTRANT,
    .options = quotes_options,
    .noptions = sizeof quotes_options / sizeof quotes_options[0],
    .provides = "quotes",
    .create = quotes_create,
    .run = quotes_run,
    .destroy = quotes_destroy,
};

static int quotes_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    int rc = quotes_lex_init();
    if (rc)
        return rc;
    return api->register_stage(self, &quotes_stage);
}

PRECIS_PLUGIN_DEFINE("quotes", "1.0", "MIT",
                     "quotes and who said them", quotes_init, NULL)
