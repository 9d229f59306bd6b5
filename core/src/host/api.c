/*
 * api.c - the precis_api table: what plug-ins (and, through the same C
 * functions, Lua scripts) may do to an article.
 *
 * Every entry checks its arguments, since a plug-in's mistake must become
 * an error message and not a crash of the host.
 */
#include "host/api.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <precis/util.h>

#include "base/config.h"
#include "base/diag.h"
#include "host/registry.h"
#include "host/stage.h"
#include "text/article.h"
#include "text/date.h"
#include "text/score.h"


static int a_register_stage(precis_plugin *self, const precis_stage_def *d)
{
    return self ? reg_register(self, d) : PRECIS_EINVAL;
}

static int a_fail(precis_stage_ctx *ctx, int code, const char *fmt, ...)
{
    if (!ctx)
        return code ? code : PRECIS_ESTAGE;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->message, sizeof ctx->message, fmt ? fmt : "", ap);
    va_end(ap);
    diag_one_line(ctx->message);
    ctx->failed = 1;
    ctx->code = code < 0 ? code : PRECIS_ESTAGE;
    return ctx->code;
}

/* One message about ctx's stage (and article) to the session's log. */
static void say(const precis_stage_ctx *ctx, int level, const char *msg)
{
    static const char *const tag[] = { "error", "warning", "info", "debug" };
    const char *stage = ctx && ctx->stage ? ctx->stage->name : "plugin";
    /* Errors always show, warnings unless -q, info with -v. */
    int lv = level < 0 ? 0 : level > 3 ? 3 : level;
    diag_log(ctx && ctx->host ? &ctx->host->log : NULL, lv,
             "%s: stage '%s'%s%s: %s", tag[lv], stage,
             ctx && ctx->article ? " on " : "",
             ctx && ctx->article ? ctx->article->source : "", msg);
}

static void a_log(precis_stage_ctx *ctx, int level, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt ? fmt : "", ap);
    va_end(ap);
    say(ctx, level, msg);
}

/*
 * A call that cannot do what was asked returns a code and leaves the
 * stage alone: the stage decides, and may fall back (another scorer, no
 * translation).  The message is kept in ctx: a stage that returns this
 * very code fails with it (api_ctx_why); and it goes to the log at -v, so
 * that a fallback leaves a trace.
 */
static int refuse(precis_stage_ctx *ctx, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(precis_stage_ctx *ctx, int code, const char *fmt, ...)
{
    if (!ctx)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->refusal, sizeof ctx->refusal, fmt, ap);
    va_end(ap);
    diag_one_line(ctx->refusal);
    ctx->refused = code;
    say(ctx, 2, ctx->refusal);
    return code;
}

static const char *a_last_error(precis_stage_ctx *ctx)
{
    return ctx && ctx->refused && ctx->refusal[0] ? ctx->refusal : NULL;
}

static void *a_scratch(precis_stage_ctx *ctx, size_t size)
{
    return ctx ? arena_alloc(&ctx->scratch, size) : NULL;
}

/* ---- options ---- */

/* A getter and the option types it reads (plugin.h says the same). */
typedef struct getter {
    const char *name;
    unsigned types;             /* 1 << PRECIS_OPT_* */
    const char *neutral;        /* what it gives otherwise */
} getter;

#define OT(t) (1u << PRECIS_OPT_##t)
static const getter get_int = { "opt_int", OT(INT) | OT(SIZE) | OT(BOOL),
                                "0" };
static const getter get_real = { "opt_real", OT(REAL) | OT(INT) | OT(SIZE),
                                 "0" };
static const getter get_bool = { "opt_bool", OT(BOOL), "false" };
static const getter get_string = { "opt_string", ~0u, "\"\"" };
#undef OT

/* "an enum", for "'mode' is an enum option". */
static const char *type_name(precis_opt_type t)
{
    switch (t) {
    case PRECIS_OPT_BOOL: return "a bool";
    case PRECIS_OPT_INT: return "an int";
    case PRECIS_OPT_REAL: return "a real";
    case PRECIS_OPT_STRING: return "a string";
    case PRECIS_OPT_ENUM: return "an enum";
    case PRECIS_OPT_SIZE: return "a size";
    }
    return "an unknown";
}

/* The getter meant for options of type t: the first of the table that
 * reads it, from the narrowest. */
static const char *reader_of(precis_opt_type t)
{
    const getter *const by_width[] = { &get_bool, &get_int, &get_real,
                                       &get_string };
    for (size_t i = 0; i < sizeof by_width / sizeof by_width[0]; i++)
        if ((unsigned)t < 32 && (by_width[i]->types >> t & 1))
            return by_width[i]->name;
    return get_string.name;
}

/* The schema's key nearest to key, for "did you mean"; NULL if none. */
static const char *near_key(const precis_options *o, const char *key)
{
    const char **keys = malloc((o->n + 1) * sizeof *keys);
    if (!keys)
        return NULL;
    for (size_t i = 0; i < o->n; i++)
        keys[i] = o->defs[i].key;
    const char *near = precis_did_you_mean(key, keys, o->n);
    free(keys);
    return near;
}

/*
 * A getter asked for a key the schema lacks (a typo), or for an option it
 * cannot read: it gives its neutral value, which would hide the mistake,
 * so the stage's log says so, once per stage and key.
 */
static void opt_warn(const precis_options *o, const char *key,
                     const precis_option_def *d, const getter *g)
{
    if (!o->host || !o->host->reg || !o->impl
        || !reg_once(o->host->reg, o->impl, key))
        return;
    char what[512];
    const char *near = d ? NULL : near_key(o, key);
    if (d)
        snprintf(what, sizeof what, "'%s' is %s option, which %s reads",
                 key, type_name(d->type), reader_of(d->type));
    else
        snprintf(what, sizeof what, "no option '%s' in the stage's schema"
                 "%s%s%s", key, near ? " (did you mean '" : "",
                 near ? near : "", near ? "'?)" : "");
    diag_one_line(what);
    diag_log(&o->host->log, 1, "warning: stage '%s' (%s): %s: %s; %s is "
             "used", o->stage ? o->stage : o->impl->def->name,
             o->provider ? o->provider : "", g->name, what, g->neutral);
}

/* key's value if g reads its type, else NULL (warned about); *def gets
 * the option, or NULL. */
static const char *opt_get(const precis_options *o, const char *key,
                           const getter *g, const precis_option_def **def)
{
    *def = NULL;
    if (!o || !key)
        return NULL;
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->defs[i].key, key)) {
            *def = &o->defs[i];
            break;
        }
    if (*def && (unsigned)(*def)->type < 32
        && (g->types >> (*def)->type & 1))
        return o->values[*def - o->defs];
    opt_warn(o, key, *def, g);
    return NULL;
}

static int64_t a_opt_int(const precis_options *o, const char *key)
{
    const precis_option_def *d;
    const char *v = opt_get(o, key, &get_int, &d);
    int64_t i = 0;
    uint64_t z;
    if (!v)
        return 0;
    if (d->type == PRECIS_OPT_SIZE)
        return cfg_parse_size(v, &z) == 0 ? (int64_t)z : 0;
    if (d->type == PRECIS_OPT_BOOL) {
        int b = 0;
        cfg_parse_bool(v, &b);
        return b;
    }
    cfg_parse_int(v, &i);
    return i;
}

static double a_opt_real(const precis_options *o, const char *key)
{
    const precis_option_def *d;
    const char *v = opt_get(o, key, &get_real, &d);
    double r = 0;
    uint64_t z;
    if (!v)
        return 0;
    if (d->type == PRECIS_OPT_SIZE)     /* "4K" is no number strtod reads */
        return cfg_parse_size(v, &z) == 0 ? (double)z : 0;
    cfg_parse_real(v, &r);
    return r;
}

static int a_opt_bool(const precis_options *o, const char *key)
{
    const precis_option_def *d;
    const char *v = opt_get(o, key, &get_bool, &d);
    int b = 0;
    if (v)
        cfg_parse_bool(v, &b);
    return b;
}

static const char *a_opt_string(const precis_options *o, const char *key)
{
    const precis_option_def *d;
    const char *v = opt_get(o, key, &get_string, &d);
    return v ? v : "";
}

/* ---- reading ---- */

static precis_str a_text(const precis_article *a)
{
    return a ? (precis_str){ a->text, a->len } : (precis_str){ NULL, 0 };
}

static precis_str a_meta(const precis_article *a, const char *key)
{
    precis_str s = { NULL, 0 };
    if (!a || !key)
        return s;
    if (!strcmp(key, "source")) {
        s.ptr = a->source;
    } else if (!strcmp(key, "lang")) {
        s.ptr = a->lang[0] ? a->lang : NULL;
    } else {
        for (size_t i = 0; i < a->fields.n; i++)
            if (!strcmp(a->fields.v[i].key, key))
                return (precis_str){ a->fields.v[i].value,
                                     a->fields.v[i].len };
    }
    s.len = s.ptr ? strlen(s.ptr) : 0;
    return s;
}

static size_t a_paragraph_count(const precis_article *a)
{
    return a ? a->paras.n : 0;
}

static int a_paragraph(const precis_article *a, size_t i,
                       precis_paragraph *out)
{
    if (!a || !out)
        return PRECIS_EINVAL;
    if (i >= a->paras.n)
        return PRECIS_ERANGE;
    const pr_para *p = &a->paras.v[i];
    out->start = p->start;
    out->end = p->end;
    out->kind = (precis_kind)p->kind;
    out->reason = p->reason;
    out->first_sentence = p->sent0;
    out->nsentences = p->nsent;
    return PRECIS_OK;
}

static size_t a_sentence_count(const precis_article *a)
{
    return a ? a->sents.n : 0;
}

static int a_sentence(const precis_article *a, size_t i,
                      precis_sentence *out)
{
    if (!a || !out)
        return PRECIS_EINVAL;
    if (i >= a->sents.n)
        return PRECIS_ERANGE;
    const pr_sent *s = &a->sents.v[i];
    out->start = s->start;
    out->end = s->end;
    out->paragraph = s->para;
    out->index_in_paragraph = i - a->paras.v[s->para].sent0;
    out->first_token = s->tok0;
    out->ntokens = s->ntok;
    return PRECIS_OK;
}

static size_t a_token_count(const precis_article *a)
{
    return a ? a->toks.n : 0;
}

static int a_token(const precis_article *a, size_t i, precis_token *out)
{
    if (!a || !out)
        return PRECIS_EINVAL;
    if (i >= a->toks.n)
        return PRECIS_ERANGE;
    const pr_tok *t = &a->toks.v[i];
    const pr_word *w = &a->words.v[t->word];
    const pr_term *m = &a->terms.v[w->term];
    out->start = t->start;
    out->end = t->end;
    out->fold = (precis_str){ w->fold, w->len };
    out->stem = (precis_str){ m->stem, m->len };
    out->term = w->term;
    out->flags = t->flags;
    return PRECIS_OK;
}

static size_t a_term_count(const precis_article *a)
{
    return a ? a->terms.n : 0;
}

static size_t a_person_count(const precis_article *a)
{
    return a ? a->people.n : 0;
}

static int a_person(const precis_article *a, size_t i, precis_person *out)
{
    if (!a || !out)
        return PRECIS_EINVAL;
    if (i >= a->people.n)
        return PRECIS_ERANGE;
    const pr_person *p = &a->people.v[i];
    out->name = (precis_str){ p->name, strlen(p->name) };
    out->role = (precis_str){ p->role, strlen(p->role) };
    return PRECIS_OK;
}

static size_t a_quote_count(const precis_article *a)
{
    return a ? a->quotes.n : 0;
}

static int a_quote(const precis_article *a, size_t i, precis_quote *out)
{
    if (!a || !out || out->struct_size < offsetof(precis_quote, cue_end))
        return PRECIS_EINVAL;
    if (i >= a->quotes.n)
        return PRECIS_ERANGE;
    size_t n = out->struct_size < sizeof *out ? out->struct_size
                                              : sizeof *out;
    size_t keep = out->struct_size;
    memcpy(out, &a->quotes.v[i], n);
    out->struct_size = keep;
    return PRECIS_OK;
}

static const double *a_scores(const precis_article *a, const char *name,
                              size_t *n)
{
    pr_scores *s = a && name ? article_scores(a, name) : NULL;
    if (n)
        *n = s ? a->sents.n : 0;
    return s ? s->v : NULL;
}

/* ---- writing ---- */

static int writable(precis_stage_ctx *ctx, precis_article *a)
{
    return ctx && a && ctx->article == a;
}

/* Text a stage hands the article ends up in every output: it must be
 * UTF-8, whatever the stage did with bytes (a script cutting a name
 * inside a character, say).  NULL is fine. */
static int text_ok(const char *s, size_t len)
{
    return !s || precis_utf8_valid(s, len) == len;
}

static int a_set_meta(precis_stage_ctx *ctx, precis_article *a,
                      const char *key, const char *value, size_t len)
{
    if (!writable(ctx, a) || !key || !*key || (!value && len))
        return PRECIS_EINVAL;
    if (!strcmp(key, "source") || !strcmp(key, "lang"))
        return PRECIS_EINVAL;   /* set by the loader only */
    if (!text_ok(key, strlen(key)) || !text_ok(value, len)
        || (value && memchr(value, '\0', len)))
        return PRECIS_EFORMAT;
    /* The date is ISO 8601, as every output promises: a date in another
     * form is written so, and what is no date is refused. */
    char iso[40];
    date_value d;
    if ((!strcmp(key, "date") || !strcmp(key, "date_updated")) && len) {
        if (!date_is_line(value, len, &d))
            return PRECIS_EFORMAT;
        len = date_format_iso(&d, iso, sizeof iso);
        value = iso;
    }
    return article_set_field(a, key, value ? value : "", len);
}

static int a_set_kind(precis_stage_ctx *ctx, precis_article *a, size_t i,
                      precis_kind kind, const char *reason)
{
    if (!writable(ctx, a) || kind <= PRECIS_KIND_UNKNOWN
        || kind >= PRECIS_KIND_COUNT_)
        return PRECIS_EINVAL;
    if (i >= a->paras.n)
        return PRECIS_ERANGE;
    const char *r = reason ? arena_strdup(&a->mem, reason) : NULL;
    if (reason && !r)
        return PRECIS_ENOMEM;
    a->paras.v[i].kind = (uint8_t)kind;
    a->paras.v[i].reason = kind == PRECIS_KIND_BOILERPLATE
                               ? (r ? r : "other") : NULL;
    return PRECIS_OK;
}

static int a_clear_people(precis_stage_ctx *ctx, precis_article *a)
{
    if (!writable(ctx, a))
        return PRECIS_EINVAL;
    a->people.n = 0;
    return PRECIS_OK;
}

/* The roles plugin.h lists (precis_person): outputs and the translator's
 * name list know these, and nothing else. */
static const char *const person_roles[] = {
    "author", "editor", "reporter", "photographer", "contributor",
    "organization", NULL
};

static int a_add_person(precis_stage_ctx *ctx, precis_article *a,
                        const char *name, size_t len, const char *role)
{
    if (!writable(ctx, a) || !name || !len)
        return refuse(ctx, PRECIS_EINVAL, "add_person: %s",
                      !writable(ctx, a) ? "not the article of this call"
                                        : "the name is empty");
    if (!text_ok(name, len) || (role && !text_ok(role, strlen(role))))
        return refuse(ctx, PRECIS_EFORMAT, "add_person: the %s is not "
                      "valid UTF-8", text_ok(name, len) ? "role" : "name");
    const char *const *r = person_roles;
    while (role && *r && strcmp(*r, role))
        r++;
    if (role && !*r)
        return refuse(ctx, PRECIS_EINVAL, "add_person: unknown role '%.64s'"
                      " (author, editor, reporter, photographer, "
                      "contributor or organization)", role);
    return article_add_person(a, name, len, role);
}

static int a_add_quote(precis_stage_ctx *ctx, precis_article *a,
                       const precis_quote *q)
{
    if (!writable(ctx, a) || !q
        || q->struct_size < offsetof(precis_quote, cue_end))
        return PRECIS_EINVAL;
    precis_quote c = { 0 };
    memcpy(&c, q, q->struct_size < sizeof c ? q->struct_size : sizeof c);
    c.struct_size = sizeof c;
    if (c.start > c.end || c.end > a->len || c.speaker_start > c.speaker_end
        || c.speaker_end > a->len || c.cue_start > c.cue_end
        || c.cue_end > a->len)
        return PRECIS_ERANGE;
    if (c.speaker && !text_ok(c.speaker, strlen(c.speaker)))
        return PRECIS_EFORMAT;
    if (c.speaker && !(c.speaker = arena_strdup(&a->mem, c.speaker)))
        return PRECIS_ENOMEM;
    return VEC_PUSH(&a->quotes, c) ? PRECIS_ENOMEM : PRECIS_OK;
}

static int a_set_scores(precis_stage_ctx *ctx, precis_article *a,
                        const char *name, const double *scores, size_t n)
{
    if (!writable(ctx, a) || !name || !*name || (!scores && n))
        return PRECIS_EINVAL;
    if (n != a->sents.n)
        return PRECIS_ERANGE;
    pr_scores *s = article_scores(a, name);
    if (!s) {
        pr_scores ns = { arena_strdup(&a->mem, name),
                         arena_alloc(&a->mem, (n + 1) * sizeof(double)) };
        if (!ns.name || !ns.v || VEC_PUSH(&a->scores, ns))
            return PRECIS_ENOMEM;
        s = &a->scores.v[a->scores.n - 1];
    }
    if (n)
        memcpy(s->v, scores, n * sizeof *scores);
    return PRECIS_OK;
}

static int a_annotate(precis_stage_ctx *ctx, precis_article *a,
                      const char *label, size_t start, size_t end,
                      const char *value)
{
    if (!writable(ctx, a) || !label || !*label)
        return PRECIS_EINVAL;
    if (start > end || end > a->len)
        return PRECIS_ERANGE;
    if (!text_ok(label, strlen(label)) || (value && !text_ok(value,
                                                             strlen(value))))
        return PRECIS_EFORMAT;
    pr_note n = { arena_strdup(&a->mem, label),
                  value ? arena_strdup(&a->mem, value) : NULL,
                  (uint32_t)start, (uint32_t)end };
    if (!n.label || (value && !n.value) || VEC_PUSH(&a->notes, n))
        return PRECIS_ENOMEM;
    return PRECIS_OK;
}

/* ---- the summary ---- */

static int a_budget(precis_stage_ctx *ctx, precis_budget *out)
{
    if (!ctx || !out)
        return PRECIS_EINVAL;
    *out = ctx->host->budget;
    return PRECIS_OK;
}

static int a_budget_sentences(precis_stage_ctx *ctx,
                              const precis_article *a, size_t *out)
{
    if (!ctx || !a || !out)
        return PRECIS_EINVAL;
    *out = score_budget_sentences(a, &ctx->host->budget);
    return PRECIS_OK;
}

static int a_select_top(precis_stage_ctx *ctx, precis_article *a,
                        const double *scores, size_t n, double lambda)
{
    if (!writable(ctx, a) || (!scores && n))
        return PRECIS_EINVAL;
    if (n != a->sents.n)
        return PRECIS_ERANGE;
    if (!(lambda >= 0 && lambda <= 1))
        return PRECIS_EINVAL;
    a->summary_text = NULL;
    return score_select(a, scores, n, &ctx->host->budget, lambda,
                        &ctx->scratch);
}

/* One sentence more in the summary: a body sentence, as select_top
 * would take (a summary holds no headline, caption or credit). */
static int a_select(precis_stage_ctx *ctx, precis_article *a, size_t i,
                    double score)
{
    if (!writable(ctx, a))
        return refuse(ctx, PRECIS_EINVAL, "select: not the article of "
                      "this call");
    if (i >= a->sents.n)
        return refuse(ctx, PRECIS_ERANGE, "select: no sentence %zu (the "
                      "article has %zu)", i, (size_t)a->sents.n);
    if (!score_is_body(a, i))
        return refuse(ctx, PRECIS_EINVAL, "select: sentence %zu is in a %s "
                      "paragraph; a summary takes body sentences only", i,
                      article_kind_name((precis_kind)
                                        a->paras.v[a->sents.v[i].para]
                                            .kind));
    return article_pick(a, (uint32_t)i, score);
}

static int a_clear_summary(precis_stage_ctx *ctx, precis_article *a)
{
    if (!writable(ctx, a))
        return PRECIS_EINVAL;
    a->summary.n = 0;
    a->summary_text = NULL;
    return PRECIS_OK;
}

static int a_set_summary_text(precis_stage_ctx *ctx, precis_article *a,
                              const char *text, size_t len)
{
    if (!writable(ctx, a) || (!text && len))
        return PRECIS_EINVAL;
    if (!text_ok(text, len))
        return PRECIS_EFORMAT;
    a->summary_text = arena_strndup(&a->mem, text ? text : "", len);
    return a->summary_text ? PRECIS_OK : PRECIS_ENOMEM;
}

/* ---- scoring primitives ---- */

static int a_term_isf(precis_stage_ctx *ctx, const precis_article *a,
                      double *out)
{
    if (!ctx || !a || !out)
        return PRECIS_EINVAL;
    return score_isf(a, out);
}

/* Options the scoring code knows: a value it does not would be read as
 * the default (cosine, tf-isf) without a word.  0 is tf-isf, as a zeroed
 * precis_sim_opts has it. */
static int sim_opts_check(precis_stage_ctx *ctx, const char *fn,
                          const precis_sim_opts *o)
{
    if (o->measure != PRECIS_SIM_COSINE && o->measure != PRECIS_SIM_OVERLAP)
        return refuse(ctx, PRECIS_EINVAL, "%s: unknown measure %d "
                      "(PRECIS_SIM_COSINE or PRECIS_SIM_OVERLAP)", fn,
                      o->measure);
    if (o->weighting < 0 || o->weighting > PRECIS_WEIGHT_BINARY)
        return refuse(ctx, PRECIS_EINVAL, "%s: unknown weighting %d "
                      "(PRECIS_WEIGHT_TF, _TFISF or _BINARY)", fn,
                      o->weighting);
    return PRECIS_OK;
}

/* -1 for what it refuses: no similarity is negative. */
static double a_similarity(precis_stage_ctx *ctx, const precis_article *a,
                           size_t s1, size_t s2, const precis_sim_opts *o)
{
    if (!ctx || !a || !o) {
        refuse(ctx, PRECIS_EINVAL, "similarity: no article or options");
        return -1;
    }
    if (sim_opts_check(ctx, "similarity", o))
        return -1;
    if (s1 >= a->sents.n || s2 >= a->sents.n) {
        refuse(ctx, PRECIS_ERANGE, "similarity: no sentence %zu (the "
               "article has %zu)", s1 >= a->sents.n ? s1 : s2,
               (size_t)a->sents.n);
        return -1;
    }
    /* Vectors for the whole article are cheap next to one pass of a
     * summarizer, and keep this entry point free of caching rules. */
    arena tmp = ARENA_INIT;
    sent_vecs v;
    int rc = score_vectors(a, o, &tmp, &v);
    double s = rc ? -1 : score_sim(&v, o, s1, s2);
    arena_free(&tmp);
    if (rc)
        refuse(ctx, rc, "similarity: out of memory");
    return s;
}

static int a_similarity_graph(precis_stage_ctx *ctx, const precis_article *a,
                              const precis_sim_opts *o, precis_edge **edges,
                              size_t *nedges)
{
    if (!ctx || !a || !o || !edges || !nedges)
        return PRECIS_EINVAL;
    int rc = sim_opts_check(ctx, "similarity_graph", o);
    return rc ? rc : score_graph(a, o, &ctx->scratch, edges, nedges);
}

static int a_rank(precis_stage_ctx *ctx, size_t n, const precis_edge *edges,
                  size_t nedges, double damping, const double *prior,
                  double *out)
{
    if (!ctx || !out || (!edges && nedges) || !(damping >= 0
                                                && damping < 1))
        return PRECIS_EINVAL;
    return score_rank(n, edges, nedges, damping, prior, out,
                      &ctx->scratch);
}

/* ---- translation (api->tr_result, api->tr_error, api->translate) ---- */

int host_tr_result(precis_tr_batch *b, size_t i, const char *text,
                   size_t len)
{
    if (!b || (!text && len))
        return PRECIS_EINVAL;
    if (i >= b->n)
        return PRECIS_ERANGE;
    b->text[i] = arena_strndup(b->mem, text ? text : "", len);
    return b->text[i] ? PRECIS_OK : PRECIS_ENOMEM;
}

int host_tr_error(precis_tr_batch *b, size_t i, const char *msg)
{
    if (!b)
        return PRECIS_EINVAL;
    if (i >= b->n)
        return PRECIS_ERANGE;
    b->error[i] = arena_strdup(b->mem, msg ? msg : "translation failed");
    return b->error[i] ? PRECIS_OK : PRECIS_ENOMEM;
}

/* The session's translator, for any stage; texts in scratch memory.  A
 * failure is the caller's to handle (refuse): a stage may well go on
 * without a translation. */
static int a_translate(precis_stage_ctx *ctx, const char *from,
                       const char *to, const precis_str *in, size_t n,
                       precis_str *out)
{
    if (!ctx || !to || (!in && n) || (!out && n))
        return refuse(ctx, PRECIS_EINVAL, "translate: no target language, "
                      "or no segments or results");
    host *h = ctx->host;
    if (!from && ctx->article && ctx->article->lang[0])
        from = ctx->article->lang;
    if (!from)
        return refuse(ctx, PRECIS_EINVAL, "translate: no source language");
    if (!h->translate)
        return refuse(ctx, PRECIS_ENOTFOUND, "translate: no translator is "
                      "available");
    /* A translator asking for translation would call itself again,
     * without end. */
    if (h->translating)
        return refuse(ctx, PRECIS_ESTATE, "translate: called from inside "
                      "the translator");
    precis_tr_batch b = { n, arena_calloc(&ctx->scratch, n + 1,
                                          sizeof(char *)),
                          arena_calloc(&ctx->scratch, n + 1,
                                       sizeof(char *)), &ctx->scratch };
    if (!b.text || !b.error)
        return refuse(ctx, PRECIS_ENOMEM, "translate: out of memory");
    precis_error err = { 0, "" };
    const char *engine = NULL;
    int rc = h->translate(h->translate_ud, ctx->article, from, to, in, n,
                          &b, &engine, &err);
    if (rc)
        return refuse(ctx, rc < 0 ? rc : PRECIS_ESTAGE,
                      "translate: %s%s%s%s", engine ? "engine '" : "",
                      engine ? engine : "", engine ? "': " : "",
                      err.message);
    for (size_t i = 0; i < n; i++) {
        if (b.error[i] || !b.text[i])
            return refuse(ctx, PRECIS_ESTAGE, "translate: segment %zu: %s",
                          i + 1, b.error[i] ? b.error[i] : "no result");
        out[i].ptr = b.text[i];
        out[i].len = strlen(b.text[i]);
    }
    return PRECIS_OK;
}

/* ---- other stages' scores (api->run_scorer) ---- */

/* The options of a scorer run for a caller: defaults, then n key/value
 * strings checked against the schema. */
static int scorer_options(arena *mem, const precis_stage_def *d,
                          const char *const *keys, const char *const *values,
                          size_t n, precis_options *out, precis_error *err)
{
    if (stage_default_options(mem, d, out))
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    for (size_t k = 0; k < n; k++) {
        if (!keys[k] || !values[k])
            return diag_set(err, PRECIS_EINVAL, "option %zu has no %s", k,
                            keys[k] ? "value" : "name");
        size_t i = 0;
        while (i < d->noptions && strcmp(d->options[i].key, keys[k]))
            i++;
        if (i == d->noptions)
            return diag_set(err, PRECIS_EINVAL, "stage '%s' has no option "
                            "'%s'", d->name, keys[k]);
        cfg_entry ce = { "scorer", d->options[i].key, values[k], "caller",
                         0 };
        int rc = cfg_check_value(&ce, &d->options[i], err);
        if (rc)
            return rc;
        if (!(out->values[i] = arena_strdup(mem, values[k])))
            return diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    return PRECIS_OK;
}

/* Runs the scorer rs on a in an instance of its own, with the caller's
 * summary put aside and back. */
static int run_scorer_stage(host *h, const reg_stage *rs, const char *name,
                            precis_article *a, const char *const *keys,
                            const char *const *values, size_t n,
                            precis_error *err)
{
    arena mem = ARENA_INIT;
    stage_inst si = { .name = name, .impl = rs, .provider = NULL };
    si.provider = stage_provider(&mem, rs);
    int rc = si.provider ? scorer_options(&mem, rs->def, keys, values, n,
                                          &si.opts, err)
                         : diag_set(err, PRECIS_ENOMEM, "out of memory");
    if (!rc)
        stage_options_owner(&si.opts, h, &si);
    /* The summary is the caller's: save it, and put it back after. */
    VEC(pr_pick) saved;
    memcpy(&saved, &a->summary, sizeof saved);
    const char *saved_text = a->summary_text;
    memset(&a->summary, 0, sizeof a->summary);
    if (!rc)
        rc = stage_create(h, &si, err);
    if (!rc)
        rc = stage_run_inner(h, &si, a, err);
    stage_destroy(&si);
    VEC_FREE(&a->summary);
    memcpy(&a->summary, &saved, sizeof saved);
    a->summary_text = saved_text;
    arena_free(&mem);
    return rc;
}

/* "a -> b -> c": the stages run_scorer runs now, then name. */
static void scoring_chain(const host *h, const char *name, char *buf,
                          size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < h->nscoring && at < size; i++) {
        int k = snprintf(buf + at, size - at, "%s -> ",
                         h->scoring[i]->def->name);
        at += k > 0 ? (size_t)k : 0;
    }
    if (at < size)
        snprintf(buf + at, size - at, "%s", name);
}

/* Refuses rs when it runs already (so would run again, and again) or the
 * nesting is too deep; else adds it to h->scoring. */
static int scoring_enter(precis_stage_ctx *caller, host *h,
                         const reg_stage *rs)
{
    char chain[512];
    for (size_t i = 0; i < h->nscoring; i++)
        if (h->scoring[i] == rs) {
            scoring_chain(h, rs->def->name, chain, sizeof chain);
            return refuse(caller, PRECIS_EINVAL, "run_scorer: stage '%s' is "
                          "running already (%s): a stage cannot ask for its "
                          "own scores, also not through another",
                          rs->def->name, chain);
        }
    if (h->nscoring >= HOST_SCORING_DEPTH) {
        scoring_chain(h, rs->def->name, chain, sizeof chain);
        return refuse(caller, PRECIS_ELIMIT, "run_scorer: scorers nest more "
                      "than %d deep (%s)", HOST_SCORING_DEPTH - 1, chain);
    }
    h->scoring[h->nscoring++] = rs;
    return PRECIS_OK;
}

static int a_run_scorer(precis_stage_ctx *caller, precis_article *a,
                        const char *name, const char *const *keys,
                        const char *const *values, size_t n)
{
    if (!writable(caller, a) || !name || (n && (!keys || !values)))
        return refuse(caller, PRECIS_EINVAL, "run_scorer: %s",
                      !writable(caller, a) ? "not the article of this call"
                                           : "no stage name, or no keys "
                                             "and values");
    host *h = caller->host;
    const reg_stage *rs = reg_find(h->reg, ORIGIN_BUILTIN, name);
    if (!rs)
        rs = reg_find(h->reg, ORIGIN_PLUGIN, name);
    if (!rs || !rs->def->run || (rs->def->phase != PRECIS_PHASE_SCORE
                                 && rs->def->phase != PRECIS_PHASE_SELECT))
        return refuse(caller, PRECIS_ENOTFOUND, "run_scorer: no built-in or "
                      "plug-in scoring stage named '%s'", name);
    /* The stage that asks first heads the chain, so that A -> B -> A is
     * refused before A runs a second time. */
    size_t depth = h->nscoring;
    if (!depth && caller->stage)
        h->scoring[h->nscoring++] = caller->stage->impl;
    int rc = scoring_enter(caller, h, rs);
    if (!rc) {
        precis_error err = { 0, "" };
        rc = run_scorer_stage(h, rs, name, a, keys, values, n, &err);
        if (rc)
            refuse(caller, rc, "run_scorer: %s", err.message);
    }
    h->nscoring = depth;
    return rc;
}

/* ---- text tools ---- */

static int a_parse_date(const char *s, size_t len, int line_only,
                        precis_date *out)
{
    if (!s || !out)
        return PRECIS_EINVAL;
    date_value d;
    int ok = line_only ? date_is_line(s, len, &d) : date_find(s, len, &d);
    if (!ok)
        return PRECIS_ENOTFOUND;
    memset(out, 0, sizeof *out);
    out->start = d.start;
    out->end = d.end;
    out->kind = d.kind;
    date_format_iso(&d, out->iso, sizeof out->iso);
    return PRECIS_OK;
}

static precis_api api = {
    .abi_major = PRECIS_ABI_MAJOR,
    .abi_minor = PRECIS_ABI_MINOR,
    .size = sizeof(precis_api),
    .register_stage = a_register_stage,
    .fail = a_fail,
    .log = a_log,
    .scratch = a_scratch,
    .strerror = precis_strerror,
    .opt_int = a_opt_int,
    .opt_real = a_opt_real,
    .opt_bool = a_opt_bool,
    .opt_string = a_opt_string,
    .text = a_text,
    .meta = a_meta,
    .paragraph_count = a_paragraph_count,
    .paragraph = a_paragraph,
    .sentence_count = a_sentence_count,
    .sentence = a_sentence,
    .token_count = a_token_count,
    .token = a_token,
    .term_count = a_term_count,
    .person_count = a_person_count,
    .person = a_person,
    .quote_count = a_quote_count,
    .quote = a_quote,
    .scores = a_scores,
    .set_meta = a_set_meta,
    .set_kind = a_set_kind,
    .clear_people = a_clear_people,
    .add_person = a_add_person,
    .add_quote = a_add_quote,
    .set_scores = a_set_scores,
    .annotate = a_annotate,
    .budget = a_budget,
    .select_top = a_select_top,
    .select = a_select,
    .clear_summary = a_clear_summary,
    .set_summary_text = a_set_summary_text,
    .term_isf = a_term_isf,
    .similarity = a_similarity,
    .similarity_graph = a_similarity_graph,
    .rank = a_rank,
    .tr_result = host_tr_result,
    .tr_error = host_tr_error,
    .parse_date = a_parse_date,
    .budget_sentences = a_budget_sentences,
    .translate = a_translate,
    .run_scorer = a_run_scorer,
    .last_error = a_last_error,
};

const precis_api *api_table(void)
{
    return &api;
}
