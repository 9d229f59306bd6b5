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
 * for placeholders (tr_protect.c): names (protect_names) and the user's
 * glossary terms ([translate.glossary]: source term = target term); when
 * a placeholder does not come back exactly once, the segment is
 * translated again without them.
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

#include "base/config.h"
#include "base/diag.h"
#include "base/strbuf.h"
#include "host/api.h"
#include "host/pipeline.h"
#include "host/registry.h"
#include "host/stage.h"
#include "session/ctx.h"
#include "session/tr_protect.h"
#include "text/article.h"

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

/* ---- one engine instance per session ---- */

struct tr_inst {
    char engine[128];
    stage_inst st;          /* ours, or a copy of the pipeline's */
    int own;                /* st.state is ours to destroy */
    const precis_stage_def *def;    /* static in its provider: unlike
                                     * st.impl, it outlives the session */
    arena mem;              /* option values, names */
    struct tr_inst *next;
};

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
    const stage_inst *ps = pipe_translator(ctx->pipe);
    if (ps && !strcmp(ps->name, engine)) {
        t->st = *ps;
        return PRECIS_OK;
    }
    char section[160];
    snprintf(section, sizeof section, "stage.%s", engine);
    const char *use = cfg_get(&ctx->cfg, section, "use");
    const reg_stage *impl = reg_resolve(ctx->host.reg,
                                        use && *use ? use : engine, engine,
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
    int rc = stage_setup(&ctx->host, &t->mem, engine, impl, &t->st, err);
    if (rc)
        return rc;
    t->own = 1;
    t->def = impl->def;
    return stage_create(&ctx->host, &t->st, err);
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

int translate_service(void *ud, precis_article *a, const char *from,
                      const char *to, const precis_str *in, size_t n,
                      precis_tr_batch *out, const char **engine,
                      precis_error *err)
{
    return translate_segments(ud, a, from, to, in, n, out, engine, err);
}

int translate_segments(precis_ctx *ctx, precis_article *a, const char *from,
                       const char *to, const precis_str *in, size_t n,
                       precis_tr_batch *out, const char **engine,
                       precis_error *err)
{
    /* Stages ask during a run; the public functions after one: the
     * registry is there either way. */
    if (!ctx->host.reg)
        return diag_set(err, PRECIS_ESTATE, "translation needs a prepared "
                        "session (precis_ctx_prepare)");
    int rc;
    tr_inst *t = get_inst(ctx, err);
    if (!t)
        return err ? err->code : PRECIS_ENOTFOUND;
    if (engine)
        *engine = t->st.name;
    precis_stage_ctx sc;
    api_ctx_init(&sc, &ctx->host, &t->st, a);
    rc = t->st.impl->def->translate(&sc, t->st.state, from, to, in, n, out);
    if (rc || sc.failed)
        rc = diag_set(err, sc.failed ? sc.code : rc, "%s",
                      sc.failed ? sc.message : precis_strerror(rc));
    api_ctx_done(&sc);
    return rc;
}

/* ---- the article ---- */

/* One segment on its way through the engine. */
typedef struct seg {
    uint32_t sentence;      /* source sentence, or NO_SENTENCE */
    int headline;
    char *plain;            /* the source text, squeezed; malloc'd */
    char *sent;             /* what the engine gets; malloc'd */
    tr_spans keep;          /* placeholder i stands for keep.v[i] */
    const char *result;     /* the translation; its article's arena */
    uint32_t item;          /* which article of the batch */
} seg;


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
    if (tr_restore(sg->plain, &sg->keep, text, &sb)) {
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

static int read_protect(precis_ctx *ctx, tr_protect *po)
{
    const char *m = cfg_str(&ctx->cfg, "translate",
                            &translate_schema[TK_PROTECT]);
    static const char *const modes[] = { "none", "people", "names",
                                         "capitalised" };
    po->names = 0;
    for (int i = 0; i < 4; i++)
        if (!strcmp(m, modes[i]))
            po->names = i;
    po->glossary = NULL;
    for (size_t i = 0; i < ctx->cfg.e.n && !po->glossary; i++)
        if (!strcmp(ctx->cfg.e.v[i].section, GLOSSARY_SECTION))
            po->glossary = &ctx->cfg;
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
static int add_article(precis_ctx *ctx, tr_protect *po, tr_item *it,
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
    if (po->names >= 1 && (rc = tr_article_people(it->a, &po->people, mem)))
        return rc;
    for (size_t i = first; i < v->n && !rc; i++)
        rc = tr_protect_segment(po, v->v[i].plain, &v->v[i].keep,
                                &v->v[i].sent, mem);
    return rc;
}

/* Translates the articles of items that share the source language src. */
static void translate_group(precis_ctx *ctx, tr_item *items, size_t n,
                            const char *src, const char *to,
                            int summary_only, tr_protect *po)
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
    tr_protect po = { 0 };
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
