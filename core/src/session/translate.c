/*
 * translate.c - translating an article through a translator stage.
 *
 * The engine is a stage with PRECIS_STAGE_TRANSLATOR ([translate] engine,
 * "apertium" by default).  precis_translate() hands it the article one
 * sentence per segment - the headline and every sentence of every
 * paragraph that is not boilerplate, or only the headline and the
 * summary - so that each translated sentence maps back to its source
 * sentence and the article keeps its shape.
 *
 * Around the engine call, spans that must not be translated are swapped
 * for placeholders: names (protect_names) and the user's glossary terms
 * ([translate.glossary]: source term = target term).  A placeholder is a
 * made-up capitalised word, which any engine carries over unchanged like
 * an unknown name; when a placeholder does not come back exactly once,
 * the segment is translated again without them.
 *
 * One instance of the engine is made per session (precis_ctx) and kept,
 * so that an engine with warm processes (Apertium) starts them once; the
 * instances hang from ctx->translate and go with translate_shutdown().
 */
#include "session/translate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "host/api.h"
#include "text/article.h"
#include "base/config.h"
#include "session/ctx.h"
#include "base/diag.h"
#include "host/pipeline.h"
#include "base/strbuf.h"
#include "text/token.h"
#include "base/utf8.h"

/* Keys of [translate]. */
enum { TK_ENGINE, TK_PROTECT };

const precis_option_def translate_schema[] = {
    [TK_ENGINE] = { "engine", PRECIS_OPT_STRING, "apertium",
                    "translator stage used by translate and --translate",
                    NULL, 1, 0 },
    /* The default is measured: on NTREX-128 English->Spanish (198
     * lines, Apertium 3.8.3) BLEU/chrF2 were none 16.22/48.78, people
     * 16.32/48.85, names 16.14/48.64, capitalised 15.34/47.69. */
    [TK_PROTECT] = { "protect_names", PRECIS_OPT_ENUM, "people",
                     "names kept untranslated: none; people (the byline, "
                     "quoted speakers and names after a title such as "
                     "President or Mr); names (also every run of two or "
                     "more capitalised words); capitalised (every "
                     "capitalised word inside a sentence)",
                     "none|people|names|capitalised", 1, 0 },
};
const size_t translate_schema_len =
    sizeof translate_schema / sizeof translate_schema[0];

#define GLOSSARY_SECTION "translate.glossary"
#define NO_SENTENCE UINT32_MAX

/* ---- results from the engine (api->tr_result, api->tr_error) ---- */

int translate_result(precis_tr_batch *b, size_t i, const char *text,
                     size_t len)
{
    if (!b || (!text && len))
        return PRECIS_EINVAL;
    if (i >= b->n)
        return PRECIS_ERANGE;
    b->text[i] = arena_strndup(b->mem, text ? text : "", len);
    return b->text[i] ? PRECIS_OK : PRECIS_ENOMEM;
}

int translate_error(precis_tr_batch *b, size_t i, const char *msg)
{
    if (!b)
        return PRECIS_EINVAL;
    if (i >= b->n)
        return PRECIS_ERANGE;
    b->error[i] = arena_strdup(b->mem, msg ? msg : "translation failed");
    return b->error[i] ? PRECIS_OK : PRECIS_ENOMEM;
}

/* ---- one engine instance per session ---- */

typedef struct tr_inst {
    char engine[128];
    pipe_stage st;          /* ours, or a copy of the pipeline's */
    int own;                /* st.state is ours to destroy */
    const precis_stage_def *def;    /* static in its provider: unlike
                                     * st.impl, it outlives the session */
    arena mem;              /* option values, names */
    struct tr_inst *next;
} tr_inst;

static void free_inst(tr_inst *t)
{
    if (t->own && t->st.created && t->def->destroy)
        t->def->destroy(t->st.state);
    arena_free(&t->mem);
    free(t);
}

void translate_shutdown(precis_ctx *ctx)
{
    tr_inst *t = ctx->translate;
    while (t) {
        tr_inst *next = t->next;
        free_inst(t);
        t = next;
    }
    ctx->translate = NULL;
}

static int make_inst(precis_ctx *ctx, const char *engine, tr_inst *t,
                     precis_error *err)
{
    /* A translator listed in [pipeline] is already made: use it. */
    const pipe_stage *ps = pipe_translator(ctx->pipe);
    if (ps && !strcmp(ps->name, engine)) {
        t->st = *ps;
        return PRECIS_OK;
    }
    char section[160];
    snprintf(section, sizeof section, "stage.%s", engine);
    const char *use = cfg_get(&ctx->cfg, section, "use");
    const reg_stage *impl = pipe_resolve(ctx, use && *use ? use : engine,
                                         err);
    if (!impl) {
        diag_prefix(err, "[translate] engine = %s", engine);
        return err ? err->code : PRECIS_ENOTFOUND;
    }
    if (!(impl->def->flags & PRECIS_STAGE_TRANSLATOR)
        || !impl->def->translate)
        return diag_set(err, PRECIS_ECONFIG, "[translate] engine = %s: "
                        "stage '%s' is not a translator", engine,
                        impl->def->name);
    int rc = pipe_stage_setup(ctx, &t->mem, engine, impl, &t->st, err);
    if (rc)
        return rc;
    t->own = 1;
    t->def = impl->def;
    return pipe_stage_create(ctx, &t->st, err);
}

static tr_inst *get_inst(precis_ctx *ctx, precis_error *err)
{
    const char *engine = cfg_str(&ctx->cfg, "translate",
                                 &translate_schema[TK_ENGINE]);
    for (tr_inst *t = ctx->translate; t; t = t->next)
        if (!strcmp(t->engine, engine))
            return t;
    tr_inst *t = calloc(1, sizeof *t);
    if (!t) {
        diag_set(err, PRECIS_ENOMEM, "out of memory");
        return NULL;
    }
    snprintf(t->engine, sizeof t->engine, "%s", engine);
    if (make_inst(ctx, engine, t, err)) {
        free_inst(t);
        return NULL;
    }
    t->next = ctx->translate;
    ctx->translate = t;
    return t;
}

/* ---- calling the engine ---- */

int translate_segments(precis_ctx *ctx, precis_article *a, const char *from,
                       const char *to, const precis_str *in, size_t n,
                       precis_tr_batch *out, const char **engine,
                       precis_error *err)
{
    int rc = precis_ctx_prepare(ctx, err);
    if (rc)
        return rc;
    tr_inst *t = get_inst(ctx, err);
    if (!t)
        return err ? err->code : PRECIS_ENOTFOUND;
    if (engine)
        *engine = t->st.name;
    precis_stage_ctx sc;
    api_ctx_init(&sc, ctx, &t->st, a);
    rc = t->st.impl->def->translate(&sc, t->st.state, from, to, in, n, out);
    if (rc || sc.failed)
        rc = diag_set(err, sc.failed ? sc.code : rc, "%s",
                      sc.failed ? sc.message : precis_strerror(rc));
    api_ctx_done(&sc);
    return rc;
}

/* ---- protected spans and placeholders ---- */

typedef struct span {
    size_t start, end;      /* bytes of the segment */
    const char *with;       /* what comes back in its place; NULL: itself */
} span;

typedef VEC(span) span_vec;

/* One word of a segment, from tok_scan. */
typedef struct word {
    size_t start, end;
    unsigned flags;
    char *fold;             /* malloc'd */
} word;

typedef VEC(word) word_vec;

static int on_word(void *ud, size_t start, size_t end, const char *fold,
                   size_t fold_len, unsigned flags)
{
    word_vec *v = ud;
    word w = { start, end, flags, strndup(fold, fold_len) };
    if (!w.fold || VEC_PUSH(v, w)) {
        free(w.fold);
        return PRECIS_ENOMEM;
    }
    return 0;
}

static void free_words(word_vec *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i].fold);
    VEC_FREE(v);
}

static int scan_words(const char *s, size_t len, word_vec *out)
{
    out->v = NULL;
    out->n = out->cap = 0;
    int rc = tok_scan(s, len, on_word, out);
    if (rc)
        free_words(out);
    return rc;
}

static int overlaps(const span_vec *v, size_t s, size_t e)
{
    for (size_t i = 0; i < v->n; i++)
        if (s < v->v[i].end && v->v[i].start < e)
            return 1;
    return 0;
}

/* Only white space between two words: they belong to one name. */
static int joined(const char *s, const word *a, const word *b)
{
    for (size_t i = a->end; i < b->start; i++)
        if (s[i] != ' ')
            return 0;
    return b->start - a->end == 1;
}

/* The end of w without a possessive ("Patrushev’s" -> "Patrushev"). */
static size_t name_end(const char *s, const word *w)
{
    size_t e = w->end;
    if (e - w->start > 4 && !memcmp(s + e - 4, "\xE2\x80\x99s", 4))
        return e - 4;
    if (e - w->start > 2 && !memcmp(s + e - 2, "'s", 2))
        return e - 2;
    return e;
}

static int is_name_word(const word *w)
{
    return (w->flags & PRECIS_TOKEN_CAPITAL)
        && !(w->flags & PRECIS_TOKEN_UPPER);
}

/* Runs of capitalised words (not acronyms); the segment's first word is
 * capitalised because it comes first, so it starts no run. */
static int find_capitalised(const char *s, const word_vec *w, size_t min,
                            span_vec *out)
{
    for (size_t i = 1; i < w->n;) {
        if (!is_name_word(&w->v[i])) {
            i++;
            continue;
        }
        size_t k = i + 1;
        while (k < w->n && is_name_word(&w->v[k])
               && joined(s, &w->v[k - 1], &w->v[k])
               && name_end(s, &w->v[k - 1]) == w->v[k - 1].end)
            k++;
        size_t st = w->v[i].start, en = name_end(s, &w->v[k - 1]);
        if (k - i >= min && !overlaps(out, st, en)) {
            span sp = { st, en, NULL };
            if (VEC_PUSH(out, sp))
                return PRECIS_ENOMEM;
        }
        i = k;
    }
    return PRECIS_OK;
}

static const char *find_bytes(const char *s, size_t len, const char *w,
                              size_t n)
{
    for (size_t i = 0; n && i + n <= len; i++)
        if (s[i] == w[0] && !memcmp(s + i, w, n))
            return s + i;
    return NULL;
}

/* Whether a letter or digit ends just before s[at] / starts at s[at]:
 * then a match there is part of a longer word. */
static int word_cp(int32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME)
        || (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

static int word_before(const char *s, size_t at)
{
    return at > 0 && word_cp(utf8_prev(s, &at));
}

static int word_after(const char *s, size_t len, size_t at)
{
    return at < len && word_cp(utf8_next(s, len, &at));
}

/* Whole-word, case-sensitive occurrences of name in s. */
static int find_name(const char *s, size_t len, const char *name,
                     span_vec *out)
{
    size_t n = strlen(name);
    if (n < 2)
        return PRECIS_OK;
    for (const char *p = s;
         (p = find_bytes(p, len - (size_t)(p - s), name, n)); p += n) {
        size_t st = (size_t)(p - s), en = st + n;
        if (word_before(s, st) || word_after(s, len, en)
            || overlaps(out, st, en))
            continue;
        span sp = { st, en, NULL };
        if (VEC_PUSH(out, sp))
            return PRECIS_ENOMEM;
    }
    return PRECIS_OK;
}

/* Words that stand before a person's name: "President Joe Biden",
 * "Mr. Adams", "el presidente Pedro Sánchez". */
static const char *const titles[] = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "father",
    "rev", "reverend", "pastor", "bishop", "president", "minister",
    "senator", "sen", "rep", "governor", "gov", "mayor",
    "secretary", "chancellor", "judge", "justice", "gen", "colonel",
    "captain", "king", "queen", "prince", "princess", "pope", "chairman",
    "chairwoman", "professor", "prof", "sheikh", "coach", "señor",
    "señora", "sr", "sra", "presidente", "presidenta", "ministro",
    "ministra", "senador", "senadora", "senhor", "senhora", "gobernador",
    "governador", "alcalde", "alcaldesa", "prefeito", "rey", "rei",
    "reina", "rainha", NULL
};

static int is_title(const char *fold)
{
    for (const char *const *t = titles; *t; t++)
        if (!strcmp(*t, fold))
            return 1;
    return 0;
}

static int add_name(str_vec *names, arena *mem, const char *s, size_t len)
{
    for (size_t i = 0; i < names->n; i++)
        if (strlen(names->v[i]) == len && !memcmp(names->v[i], s, len))
            return PRECIS_OK;
    const char *c = arena_strndup(mem, s, len);
    return c && !VEC_PUSH(names, c) ? PRECIS_OK : PRECIS_ENOMEM;
}

/* A name and, when it has several words, its last one: "Maduro" alone
 * is the same person further on. */
static int add_person(str_vec *names, arena *mem, const char *s, size_t len)
{
    int rc = add_name(names, mem, s, len);
    const char *sp = NULL;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ' ')
            sp = s + i;
    if (!rc && sp && len - (size_t)(sp + 1 - s) >= 3)
        rc = add_name(names, mem, sp + 1, len - (size_t)(sp + 1 - s));
    return rc;
}

/* Names that follow a title in the sentence s. */
static int titled_names(const char *s, size_t len, str_vec *names,
                        arena *mem)
{
    word_vec w;
    int rc = scan_words(s, len, &w);
    /* In Title Case ("Mayor Opens the New Bridge") every word looks like
     * a name. */
    size_t longer = 0, caps = 0;
    for (size_t i = 0; !rc && i < w.n; i++)
        if (w.v[i].end - w.v[i].start > 3) {
            longer++;
            caps += (w.v[i].flags & PRECIS_TOKEN_CAPITAL) != 0;
        }
    size_t n = longer >= 2 && caps == longer ? 0 : w.n;
    for (size_t i = 0; !rc && i + 1 < n; i++) {
        if (!is_title(w.v[i].fold))
            continue;
        size_t gap = w.v[i + 1].start - w.v[i].end;
        const char *g = s + w.v[i].end;
        if (!(gap == 1 && g[0] == ' ') && !(gap == 2 && !memcmp(g, ". ", 2)))
            continue;
        size_t k = i + 1;
        while (k < w.n && k < i + 5 && is_name_word(&w.v[k])
               && !is_title(w.v[k].fold)
               && (k == i + 1 || (joined(s, &w.v[k - 1], &w.v[k])
                                  && name_end(s, &w.v[k - 1])
                                     == w.v[k - 1].end)))
            k++;
        if (k > i + 1) {
            size_t st = w.v[i + 1].start;
            rc = add_person(names, mem, s + st, name_end(s, &w.v[k - 1])
                                                - st);
        }
    }
    free_words(&w);
    return rc;
}

/* The article's people: its byline, its quoted speakers, and names that
 * follow a title in its sentences (the headline field is left out: it
 * is usually Title Case, and also one of the sentences). */
static int article_people(const precis_article *a, str_vec *names,
                          arena *mem)
{
    int rc = PRECIS_OK;
    for (size_t i = 0; i < a->people.n && !rc; i++)
        if (strcmp(a->people.v[i].role, "organization"))
            rc = add_person(names, mem, a->people.v[i].name,
                            strlen(a->people.v[i].name));
    for (size_t i = 0; i < a->quotes.n && !rc; i++)
        if (a->quotes.v[i].speaker)
            rc = add_person(names, mem, a->quotes.v[i].speaker,
                            strlen(a->quotes.v[i].speaker));
    for (size_t i = 0; i < a->sents.n && !rc; i++)
        rc = titled_names(a->text + a->sents.v[i].start,
                          a->sents.v[i].end - a->sents.v[i].start, names,
                          mem);
    return rc;
}

/* The people's names in s, longest first so that a full name wins over
 * its last word. */
static int find_people(const str_vec *names, const char *s, size_t len,
                       span_vec *out)
{
    size_t longest = 0;
    for (size_t i = 0; i < names->n; i++)
        if (strlen(names->v[i]) > longest)
            longest = strlen(names->v[i]);
    for (size_t l = longest; l >= 2; l--)
        for (size_t i = 0; i < names->n; i++) {
            if (strlen(names->v[i]) != l)
                continue;
            int rc = find_name(s, len, names->v[i], out);
            if (rc)
                return rc;
        }
    return PRECIS_OK;
}

/* Glossary terms: whole words, case-insensitive (iniparser has lowered
 * the keys already; the words are compared folded), except that a term
 * whose target is capitalised only matches capitalised text. */
static int find_glossary(precis_ctx *ctx, const char *s, const word_vec *w,
                         span_vec *out, arena *mem)
{
    for (size_t g = 0; g < ctx->cfg.e.n; g++) {
        const cfg_entry *e = &ctx->cfg.e.v[g];
        if (strcmp(e->section, GLOSSARY_SECTION))
            continue;
        word_vec tw;
        if (scan_words(e->key, strlen(e->key), &tw))
            return PRECIS_ENOMEM;
        for (size_t i = 0; tw.n && i + tw.n <= w->n; i++) {
            size_t k = 0;
            while (k < tw.n && !strcmp(w->v[i + k].fold, tw.v[k].fold)
                   && (k == 0 || joined(s, &w->v[i + k - 1], &w->v[i + k])))
                k++;
            size_t st = w->v[i].start, en = w->v[i + tw.n - 1].end;
            const char *with = e->value;
            /* A target written with a capital is a name: "trump = Trump"
             * leaves the card game's "trump" alone. */
            int name = with[0] >= 'A' && with[0] <= 'Z';
            if (k < tw.n || overlaps(out, st, en)
                || (name && !(w->v[i].flags & PRECIS_TOKEN_CAPITAL)))
                continue;
            /* "white house" at the start of a sentence: Casa Blanca
             * keeps the capital it would have had. */
            if ((w->v[i].flags & PRECIS_TOKEN_CAPITAL) && with[0] >= 'a'
                && with[0] <= 'z') {
                char *c = arena_strdup(mem, with);
                if (!c) {
                    free_words(&tw);
                    return PRECIS_ENOMEM;
                }
                c[0] = (char)(c[0] - 32);
                with = c;
            }
            span sp = { st, en, with };
            if (VEC_PUSH(out, sp)) {
                free_words(&tw);
                return PRECIS_ENOMEM;
            }
        }
        free_words(&tw);
    }
    return PRECIS_OK;
}

static int cmp_span(const void *x, const void *y)
{
    const span *a = x, *b = y;
    return (a->start > b->start) - (a->start < b->start);
}

/* One segment on its way through the engine. */
typedef struct seg {
    uint32_t sentence;      /* source sentence, or NO_SENTENCE */
    int headline;
    char *plain;            /* the source text, squeezed; malloc'd */
    char *sent;             /* what the engine gets; malloc'd */
    span_vec keep;          /* placeholder i stands for keep.v[i] */
    const char *result;     /* the translation; its article's arena */
    uint32_t item;          /* which article of the batch */
} seg;

/* "Zqa", "Zqb", …, "Zqba": words no language has. */
static void placeholder(size_t i, char *buf)
{
    char tail[16];
    size_t n = 0;
    do {
        tail[n++] = (char)('a' + i % 26);
        i /= 26;
    } while (i);
    buf[0] = 'Z';
    buf[1] = 'q';
    for (size_t k = 0; k < n; k++)
        buf[2 + k] = tail[n - 1 - k];
    buf[2 + n] = '\0';
}

typedef struct protect_opts {
    int names;              /* 0 none, 1 people, 2 names, 3 capitalised */
    int glossary;           /* [translate.glossary] has entries */
    str_vec people;         /* names >= 1: the article's people */
    const char *to;         /* the target language */
} protect_opts;

/* Finds the spans to keep in sg->plain and builds sg->sent. */
static int protect(precis_ctx *ctx, const protect_opts *po, seg *sg,
                   arena *mem)
{
    const char *s = sg->plain;
    size_t len = strlen(s);
    word_vec w = { 0 };
    int rc = PRECIS_OK;
    if ((po->names >= 2 || po->glossary) && (rc = scan_words(s, len, &w)))
        return rc;
    if (po->glossary)
        rc = find_glossary(ctx, s, &w, &sg->keep, mem);
    if (!rc && po->names >= 1)
        rc = find_people(&po->people, s, len, &sg->keep);
    if (!rc && po->names >= 2)
        rc = find_capitalised(s, &w, po->names == 2 ? 2 : 1, &sg->keep);
    free_words(&w);
    if (rc)
        return rc;
    if (!sg->keep.n)
        return (sg->sent = strdup(s)) ? PRECIS_OK : PRECIS_ENOMEM;
    qsort(sg->keep.v, sg->keep.n, sizeof *sg->keep.v, cmp_span);
    strbuf sb = STRBUF_INIT;
    size_t at = 0;
    for (size_t i = 0; i < sg->keep.n; i++) {
        char ph[24];
        placeholder(i, ph);
        sb_append(&sb, s + at, sg->keep.v[i].start - at);
        sb_puts(&sb, ph);
        at = sg->keep.v[i].end;
    }
    sb_append(&sb, s + at, len - at);
    if (sb.oom) {
        sb_free(&sb);
        return PRECIS_ENOMEM;
    }
    sg->sent = sb_steal(&sb);
    return PRECIS_OK;
}

/* Puts the kept spans back in place of their placeholders.  -1 when a
 * placeholder did not come back exactly once. */
static int restore(const seg *sg, const char *tr, strbuf *out)
{
    size_t len = strlen(tr);
    size_t *at = calloc(sg->keep.n, sizeof *at);
    if (!at)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < sg->keep.n && !rc; i++) {
        char ph[24];
        placeholder(i, ph);
        size_t n = strlen(ph), found = 0;
        for (const char *p = tr; (p = strstr(p, ph)); p += n) {
            size_t st = (size_t)(p - tr);
            if (word_before(tr, st) || word_after(tr, len, st + n))
                continue;
            at[i] = st;
            found++;
        }
        rc = found == 1 ? 0 : -1;
    }
    if (!rc) {
        /* The engine may have moved them: put them back in its order. */
        size_t pos = 0;
        for (;;) {
            size_t best = SIZE_MAX, bi = 0;
            for (size_t i = 0; i < sg->keep.n; i++)
                if (at[i] >= pos && at[i] < best) {
                    best = at[i];
                    bi = i;
                }
            if (best == SIZE_MAX)
                break;
            char ph[24];
            placeholder(bi, ph);
            const span *k = &sg->keep.v[bi];
            sb_append(out, tr + pos, best - pos);
            if (k->with)
                sb_puts(out, k->with);
            else
                sb_append(out, sg->plain + k->start, k->end - k->start);
            pos = best + strlen(ph);
        }
        sb_puts(out, tr + pos);
    }
    free(at);
    return rc;
}

/* ---- the article ---- */

typedef VEC(seg) seg_vec;

static void free_segs(seg_vec *v)
{
    for (size_t i = 0; i < v->n; i++) {
        free(v->v[i].plain);
        free(v->v[i].sent);
        VEC_FREE(&v->v[i].keep);
    }
    VEC_FREE(v);
}

static int add_seg(seg_vec *v, uint32_t sentence, int headline,
                   const char *s, size_t len)
{
    strbuf sb = STRBUF_INIT;
    sb_append_squeezed(&sb, s, len);
    seg sg = { .sentence = sentence, .headline = headline };
    sg.plain = sb.oom ? NULL : sb_steal(&sb);
    sb_free(&sb);
    if (!sg.plain || VEC_PUSH(v, sg)) {
        free(sg.plain);
        return PRECIS_ENOMEM;
    }
    return PRECIS_OK;
}

/* The segments: the headline, then each sentence to translate. */
static int collect(const precis_article *a, int summary_only, seg_vec *v)
{
    const char *h = article_field(a, "headline");
    int rc = h && *h ? add_seg(v, NO_SENTENCE, 1, h, strlen(h)) : 0;
    if (summary_only && a->summary_text)
        return rc ? rc : add_seg(v, NO_SENTENCE, 0, a->summary_text,
                                 strlen(a->summary_text));
    if (summary_only) {
        for (size_t i = 0; i < a->summary.n && !rc; i++) {
            const pr_sent *s = &a->sents.v[a->summary.v[i].sentence];
            rc = add_seg(v, a->summary.v[i].sentence, 0, a->text + s->start,
                         s->end - s->start);
        }
        return rc;
    }
    for (size_t p = 0; p < a->paras.n && !rc; p++) {
        const pr_para *pa = &a->paras.v[p];
        if (pa->kind == PRECIS_KIND_BOILERPLATE)
            continue;
        for (uint32_t k = pa->sent0; k < pa->sent0 + pa->nsent && !rc; k++)
            rc = add_seg(v, k, 0, a->text + a->sents.v[k].start,
                         a->sents.v[k].end - a->sents.v[k].start);
    }
    return rc;
}

/* Translates segs[i].sent (or .plain when plain) for each i in idx. */
static int run_engine(precis_ctx *ctx, precis_article *a, const char *from,
                      const char *to, seg_vec *v, const size_t *idx,
                      size_t n, int plain, precis_tr_batch *b,
                      const char **engine, precis_error *err)
{
    precis_str *in = calloc(n ? n : 1, sizeof *in);
    b->n = n;
    b->text = arena_calloc(b->mem, n + 1, sizeof *b->text);
    b->error = arena_calloc(b->mem, n + 1, sizeof *b->error);
    if (!in || !b->text || !b->error) {
        free(in);
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const seg *sg = &v->v[idx[i]];
        in[i].ptr = plain ? sg->plain : sg->sent;
        in[i].len = strlen(in[i].ptr);
    }
    int rc = translate_segments(ctx, a, from, to, in, n, b, engine, err);
    free(in);
    return rc;
}

/* A failed segment, as the error of the whole article. */
static void segment_failed(const precis_article *a, const seg *sg,
                           const char *why, precis_error *err)
{
    char what[32] = "the headline";
    if (!sg->headline)
        snprintf(what, sizeof what, "sentence %u", sg->sentence);
    diag_set(err, PRECIS_ESTAGE, "%s: translating %s (\"%.40s%s\") failed: "
             "%s", a->source, what, sg->plain,
             strlen(sg->plain) > 40 ? "…" : "", why);
}

/* Keeps one translation in the article's arena.  With placeholders in
 * the segment, 1 when they did not come back and it must go again. */
static int keep_result(precis_article *a, seg *sg, const char *text,
                       int plain)
{
    if (plain || !sg->keep.n) {
        sg->result = arena_strdup(&a->mem, text);
        return sg->result ? PRECIS_OK : PRECIS_ENOMEM;
    }
    strbuf sb = STRBUF_INIT;
    if (restore(sg, text, &sb)) {
        sb_free(&sb);
        return 1;
    }
    sg->result = sb.oom ? NULL : arena_strndup(&a->mem, sb_str(&sb),
                                               sb.len);
    sb_free(&sb);
    return sg->result ? PRECIS_OK : PRECIS_ENOMEM;
}

/* One article of a batch and how its translation went. */
typedef struct tr_item {
    precis_article *a;
    const char *src;        /* its source language */
    int rc;
    size_t failures;        /* segments that failed */
    precis_error *err;      /* the caller's */
} tr_item;

/* Keeps segment i's answer, or notes its failure against its article.
 * Returns 1 when the segment must go again, 0, or PRECIS_ENOMEM. */
static int take_answer(tr_item *items, seg *sg, const precis_tr_batch *b,
                       size_t i, int plain)
{
    tr_item *it = &items[sg->item];
    if (b->error[i] || !b->text[i]) {
        if (!it->failures++)
            segment_failed(it->a, sg, b->error[i] ? b->error[i]
                           : "the translator gave no result", it->err);
        it->rc = PRECIS_ESTAGE;
        return 0;
    }
    return keep_result(it->a, sg, b->text[i], plain);
}

/*
 * Translates the segments of every article of the batch in one call to
 * the engine, so a warm pipeline never drains between articles.
 * Segments whose placeholders were lost go again, as they are.  A
 * segment that fails fails its own article only.
 */
static int translate_all(precis_ctx *ctx, tr_item *items, size_t nitems,
                         const char *from, const char *to, seg_vec *v,
                         const char **engine, precis_error *err)
{
    size_t *idx = calloc(v->n + 1, sizeof *idx), n = v->n;
    if (!idx)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    for (size_t i = 0; i < v->n; i++)
        idx[i] = i;
    int rc = PRECIS_OK;
    for (int plain = 0; plain < 2 && n && !rc; plain++) {
        arena mem = ARENA_INIT;
        precis_tr_batch b = { .mem = &mem };
        rc = run_engine(ctx, nitems == 1 ? items[0].a : NULL, from, to, v,
                        idx, n, plain, &b, engine, err);
        size_t again = 0;
        for (size_t i = 0; i < n && !rc; i++) {
            int k = take_answer(items, &v->v[idx[i]], &b, i, plain);
            if (k == 1)
                idx[again++] = idx[i];      /* again <= i */
            else if (k)
                rc = diag_set(err, PRECIS_ENOMEM, "out of memory");
        }
        n = again;
        arena_free(&mem);
    }
    for (size_t i = 0; i < nitems && err; i++)
        if (items[i].failures > 1) {
            size_t l = strlen(items[i].err->message);
            snprintf(items[i].err->message + l,
                     sizeof items[i].err->message - l,
                     " (%zu segments failed)", items[i].failures);
        }
    free(idx);
    return rc;
}

/* Two codes for one language ("es", "spa", "ES"). */
static int same_lang(const char *x, const char *y)
{
    static const char *const pairs[][2] = {
        { "en", "eng" }, { "es", "spa" }, { "pt", "por" }, { "fr", "fra" },
        { "de", "deu" }, { "it", "ita" }, { "ca", "cat" }, { "gl", "glg" },
    };
    if (!strcasecmp(x, y))
        return 1;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if ((!strcasecmp(x, pairs[i][0]) && !strcasecmp(y, pairs[i][1]))
            || (!strcasecmp(x, pairs[i][1]) && !strcasecmp(y, pairs[i][0])))
            return 1;
    return 0;
}

static int valid_code(const char *s)
{
    size_t n = 0;
    while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
        n++;
    if (n < 2 || n > 3)
        return 0;
    if (!s[n])
        return 1;
    if (s[n] != '_' && s[n] != '-')
        return 0;
    size_t k = n + 1;
    while ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))
        k++;
    return k > n + 1 && k - n <= 9 && !s[k];
}

static int read_protect(precis_ctx *ctx, protect_opts *po)
{
    const char *m = cfg_str(&ctx->cfg, "translate",
                            &translate_schema[TK_PROTECT]);
    static const char *const modes[] = { "none", "people", "names",
                                         "capitalised" };
    po->names = 0;
    for (int i = 0; i < 4; i++)
        if (!strcmp(m, modes[i]))
            po->names = i;
    po->glossary = 0;
    for (size_t i = 0; i < ctx->cfg.e.n && !po->glossary; i++)
        po->glossary = !strcmp(ctx->cfg.e.v[i].section, GLOSSARY_SECTION);
    return PRECIS_OK;
}

/* Replaces the article's translation with its segments' results. */
static int store(precis_article *a, const char *to, const char *engine,
                 const seg_vec *v, uint32_t item)
{
    a->tr.n = 0;
    a->tr_headline = NULL;
    a->tr_lang = arena_strdup(&a->mem, to);
    a->tr_engine = arena_strdup(&a->mem, engine);
    if (!a->tr_lang || !a->tr_engine)
        return PRECIS_ENOMEM;
    for (size_t i = 0; i < v->n; i++) {
        if (v->v[i].item != item)
            continue;
        if (v->v[i].headline) {
            a->tr_headline = v->v[i].result;
            continue;
        }
        pr_tr_sent t = { v->v[i].sentence, v->v[i].result };
        if (VEC_PUSH(&a->tr, t))
            return PRECIS_ENOMEM;
    }
    return PRECIS_OK;
}

/* Segments of one article, protected, added to v. */
static int add_article(precis_ctx *ctx, protect_opts *po, tr_item *it,
                       uint32_t item, int summary_only, seg_vec *v,
                       arena *mem)
{
    size_t first = v->n;
    int rc = collect(it->a, summary_only, v);
    for (size_t i = first; i < v->n; i++)
        v->v[i].item = item;
    if (rc)
        return rc;
    if (same_lang(it->src, po->to)) {
        /* Already in that language: the text is its own translation. */
        for (size_t i = first; i < v->n; i++)
            if (!(v->v[i].result = arena_strdup(&it->a->mem,
                                                v->v[i].plain)))
                return PRECIS_ENOMEM;
        return PRECIS_OK;
    }
    po->people.n = 0;
    if (po->names >= 1 && (rc = article_people(it->a, &po->people, mem)))
        return rc;
    for (size_t i = first; i < v->n && !rc; i++)
        rc = protect(ctx, po, &v->v[i], mem);
    return rc;
}

/* Translates the articles of items that share the source language src. */
static void translate_group(precis_ctx *ctx, tr_item *items, size_t n,
                            const char *src, const char *to,
                            int summary_only, protect_opts *po)
{
    seg_vec v = { 0 };
    arena mem = ARENA_INIT;
    int rc = PRECIS_OK;
    po->to = to;
    for (size_t i = 0; i < n && !rc; i++)
        if (!items[i].rc && !strcmp(items[i].src, src))
            rc = add_article(ctx, po, &items[i], (uint32_t)i, summary_only,
                             &v, &mem);
    /* Only what still needs the engine goes to it. */
    seg_vec todo = { 0 };
    for (size_t i = 0; i < v.n && !rc; i++)
        if (!v.v[i].result && VEC_PUSH(&todo, v.v[i]))
            rc = PRECIS_ENOMEM;
    const char *engine = "none";
    precis_error gerr = { 0, "" };
    if (!rc && todo.n)
        rc = translate_all(ctx, items, n, src, to, &todo, &engine, &gerr);
    for (size_t i = 0, k = 0; i < v.n && k < todo.n; i++)
        if (!v.v[i].result)
            v.v[i].result = todo.v[k++].result;     /* same order */
    for (size_t i = 0; i < n; i++) {
        tr_item *it = &items[i];
        if (it->rc || strcmp(it->src, src))
            continue;
        if (rc) {
            it->rc = rc == PRECIS_ENOMEM
                         ? diag_set(it->err, rc, "out of memory")
                         : rc;
            if (rc != PRECIS_ENOMEM && it->err) {
                *it->err = gerr;
                diag_prefix(it->err, "%s", it->a->source);
            }
        } else if (store(it->a, to, engine, &v, (uint32_t)i)) {
            it->rc = diag_set(it->err, PRECIS_ENOMEM, "out of memory");
        }
    }
    VEC_FREE(&todo);    /* its strings belong to v */
    VEC_FREE(&po->people);
    arena_free(&mem);
    free_segs(&v);
}

int precis_translate_many(precis_ctx *ctx, precis_article **arts, size_t n,
                          const char *to, const char *from, int summary_only,
                          int *rcs, precis_error *errs)
{
    if (!ctx || !arts || !to || !rcs || !errs)
        return PRECIS_EINVAL;
    tr_item *items = calloc(n ? n : 1, sizeof *items);
    if (!items)
        return PRECIS_ENOMEM;
    int bad_to = !valid_code(to), bad_from = from && *from
                                                && !valid_code(from);
    for (size_t i = 0; i < n; i++) {
        tr_item *it = &items[i];
        it->a = arts[i];
        it->err = &errs[i];
        it->src = from && *from ? from : arts[i]->lang;
        if (bad_to)
            it->rc = diag_set(it->err, PRECIS_EINVAL, "--to %s: expected a "
                              "language code such as es, pt, en or pt_BR",
                              to);
        else if (bad_from)
            it->rc = diag_set(it->err, PRECIS_EINVAL, "--from %s: expected "
                              "a language code such as en, es or pt", from);
        else if (!it->src[0])
            it->rc = diag_set(it->err, PRECIS_ENOTFOUND, "%s: the "
                              "article's language is not known; say it "
                              "with --from LANG", arts[i]->source);
    }
    protect_opts po = { 0 };
    read_protect(ctx, &po);
    /* Articles in the same language share one call to the engine. */
    for (size_t i = 0; i < n; i++) {
        int first = !items[i].rc;
        for (size_t k = 0; k < i && first; k++)
            first = items[k].rc || strcmp(items[k].src, items[i].src);
        if (first)
            translate_group(ctx, items, n, items[i].src, to, summary_only,
                            &po);
    }
    int worst = PRECIS_OK;
    for (size_t i = 0; i < n; i++) {
        rcs[i] = items[i].rc;
        if (rcs[i])
            worst = rcs[i];
    }
    free(items);
    return worst;
}

int precis_translate(precis_ctx *ctx, precis_article *a, const char *to,
                     const char *from, int summary_only, precis_error *err)
{
    if (!ctx || !a || !to)
        return diag_set(err, PRECIS_EINVAL, "precis_translate: no %s",
                        !ctx ? "session" : !a ? "article" : "language");
    int rc;
    precis_error local = { 0, "" };
    precis_translate_many(ctx, &a, 1, to, from, summary_only, &rc,
                          err ? err : &local);
    return rc;
}
