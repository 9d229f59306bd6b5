/*
 * Calls of the api table that can be refused, one mode at a time
 * ([stage.fx_api] mode); what each call returned goes into the field
 * "fx_api", so the test reads the codes from the JSON output.
 *
 *   fallback    run_scorer on a stage that does not exist, then on
 *               textrank, and carries on
 *   pass_on     returns what run_scorer on a missing stage returned
 *   self        run_scorer on fx_api itself
 *   cycle       run_scorer on fx_api_b, which asks for fx_api again
 *   options     option getters on a key not in the schema and on an
 *               option of another type
 *   newline     api->fail with line breaks and an escape in its message
 *   positive    returns 7, which is not a status
 *   select      api->select on the headline's sentence, then on a body one
 *   person      add_person with a role the header does not list
 *   similarity  an unknown measure, a sentence out of range, a fair call
 *   translate   api->translate, and carries on when it is refused
 *   deep        run_scorer on fx_api_d1, which asks for fx_api_d2, and
 *               so on to fx_api_d9: no stage twice, but deep
 *   inner       run_scorer on fx_api_b, whose instance (a new one per
 *               article) reads an option its schema lacks
 *
 * fx_api_tr is a translator that asks api->translate itself.
 */
#include <stdint.h>
#include <string.h>

#include "fixture.h"

static const precis_api *api;

static const precis_option_def api_options[] = {
    { "mode", PRECIS_OPT_ENUM, "fallback", "what to call",
      "fallback|pass_on|self|cycle|options|newline|positive|select|person|"
      "similarity|translate|deep|inner", 1, 0 },
    { "count", PRECIS_OPT_INT, "3", "a number", NULL, 1, 10 },
};

static int put(precis_stage_ctx *ctx, precis_article *a, const char *what)
{
    return api->set_meta(ctx, a, "fx_api", what, strlen(what));
}

static int fallback(precis_stage_ctx *ctx, precis_article *a)
{
    char buf[256];
    const char *none = api->last_error(ctx);
    int missing = api->run_scorer(ctx, a, "nonesuch", NULL, NULL, 0);
    const char *why = api->last_error(ctx);
    int other = api->run_scorer(ctx, a, "textrank", NULL, NULL, 0);
    size_t n;
    snprintf(buf, sizeof buf, "%d %d %s [%s] [%s]", missing, other,
             api->scores(a, "textrank", &n) ? "scored" : "unscored",
             none ? none : "none", why ? why : "none");
    return put(ctx, a, buf);
}

static int cycle(precis_stage_ctx *ctx, precis_article *a)
{
    return api->run_scorer(ctx, a, "fx_api_b", NULL, NULL, 0);
}

static int options(precis_stage_ctx *ctx, precis_article *a,
                   const precis_options *o)
{
    char buf[96];
    /* Twice each, to see one warning per key. */
    int64_t typo = api->opt_int(o, "cout") + api->opt_int(o, "cout");
    double typo_real = api->opt_real(o, "cout");
    int64_t mode = api->opt_int(o, "mode") + api->opt_int(o, "mode");
    snprintf(buf, sizeof buf, "%lld %g %lld %lld", (long long)typo,
             typo_real, (long long)mode,
             (long long)api->opt_int(o, "count"));
    return put(ctx, a, buf);
}

/* The first sentence in a paragraph of kind k, or the sentence count. */
static size_t first_of(const precis_article *a, precis_kind k)
{
    size_t n = api->sentence_count(a);
    for (size_t i = 0; i < n; i++) {
        precis_sentence s;
        precis_paragraph p;
        if (!api->sentence(a, i, &s) && !api->paragraph(a, s.paragraph, &p)
            && p.kind == k)
            return i;
    }
    return n;
}

static int select_calls(precis_stage_ctx *ctx, precis_article *a)
{
    char buf[64];
    int head = api->select(ctx, a, first_of(a, PRECIS_KIND_HEADLINE), 1);
    int body = api->select(ctx, a, first_of(a, PRECIS_KIND_BODY), 1);
    int out = api->select(ctx, a, api->sentence_count(a), 1);
    snprintf(buf, sizeof buf, "%d %d %d", head, body, out);
    return put(ctx, a, buf);
}

static int person(precis_stage_ctx *ctx, precis_article *a)
{
    char buf[64];
    int odd = api->add_person(ctx, a, "Neil Armstrong", 14, "astronaut");
    int fine = api->add_person(ctx, a, "Ana Souza", 9, "editor");
    int dflt = api->add_person(ctx, a, "Rui Lima", 8, NULL);
    snprintf(buf, sizeof buf, "%d %d %d", odd, fine, dflt);
    return put(ctx, a, buf);
}

static int similarity(precis_stage_ctx *ctx, precis_article *a)
{
    char buf[96];
    size_t b = first_of(a, PRECIS_KIND_BODY);
    precis_sim_opts bad = { .weighting = PRECIS_WEIGHT_TF, .measure = 7 };
    precis_sim_opts ok = { .weighting = PRECIS_WEIGHT_TF };
    double unknown = api->similarity(ctx, a, b, b, &bad);
    double range = api->similarity(ctx, a, b, api->sentence_count(a), &ok);
    double same = api->similarity(ctx, a, b, b, &ok);
    precis_edge *e;
    size_t ne;
    int graph = api->similarity_graph(ctx, a, &bad, &e, &ne);
    snprintf(buf, sizeof buf, "%g %g %g %d", unknown, range, same, graph);
    return put(ctx, a, buf);
}

static int translate(precis_stage_ctx *ctx, precis_article *a)
{
    char buf[64];
    precis_str in = { "The house is red.", 17 }, out;
    int rc = api->translate(ctx, "en", "de", &in, 1, &out);
    snprintf(buf, sizeof buf, "%d", rc);
    return put(ctx, a, buf);
}

static int api_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    const precis_options *o = state;
    const char *mode = api->opt_string(o, "mode");
    if (!strcmp(mode, "fallback"))
        return fallback(ctx, a);
    if (!strcmp(mode, "pass_on"))
        return api->run_scorer(ctx, a, "nonesuch", NULL, NULL, 0);
    if (!strcmp(mode, "self")) {
        const char *k = "mode", *v = "self";
        return api->run_scorer(ctx, a, "fx_api", &k, &v, 1);
    }
    if (!strcmp(mode, "cycle"))
        return cycle(ctx, a);
    if (!strcmp(mode, "options"))
        return options(ctx, a, o);
    if (!strcmp(mode, "newline"))
        return api->fail(ctx, PRECIS_ESTAGE, "first line\nsecond line\tend"
                         "\033[0m\r");
    if (!strcmp(mode, "positive"))
        return 7;
    if (!strcmp(mode, "select"))
        return select_calls(ctx, a);
    if (!strcmp(mode, "person"))
        return person(ctx, a);
    if (!strcmp(mode, "similarity"))
        return similarity(ctx, a);
    if (!strcmp(mode, "deep"))
        return api->run_scorer(ctx, a, "fx_api_d1", NULL, NULL, 0);
    if (!strcmp(mode, "inner")) {
        const char *k = "mode", *v = "options";
        int rc = api->run_scorer(ctx, a, "fx_api_b", &k, &v, 1);
        return rc ? rc : put(ctx, a, "inner");
    }
    return translate(ctx, a);
}

static int api_create(precis_stage_ctx *ctx, const precis_options *opt,
                      void **state)
{
    (void)ctx;
    *state = (void *)opt;
    return PRECIS_OK;
}

/* The other half of the cycle: asks for fx_api, in cycle mode; or reads
 * an option it does not have. */
static const precis_option_def b_options[] = {
    { "mode", PRECIS_OPT_ENUM, "cycle", "what to do", "cycle|options", 1,
      0 },
};

static int b_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    if (!strcmp(api->opt_string(state, "mode"), "options"))
        return api->opt_int(state, "cout") ? PRECIS_EINVAL : PRECIS_OK;
    const char *k = "mode", *v = "cycle";
    return api->run_scorer(ctx, a, "fx_api", &k, &v, 1);
}

/* fx_api_dN asks for the stage its option "next" names (none for the
 * last). */
static int deep_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    const char *next = api->opt_string(state, "next");
    return *next ? api->run_scorer(ctx, a, next, NULL, NULL, 0) : PRECIS_OK;
}

#define DEEP(n, next)                                                       \
    static const precis_option_def deep_opt##n[] = {                       \
        { "next", PRECIS_OPT_STRING, next, "the stage to ask", NULL, 1, 0 } \
    };                                                                      \
    static const precis_stage_def deep##n = {                               \
        .struct_size = sizeof(precis_stage_def), .name = "fx_api_d" #n,     \
        .help = "test fixture", .phase = PRECIS_PHASE_SCORE,                \
        .options = deep_opt##n, .noptions = 1, .create = api_create,        \
        .run = deep_run,                                                    \
    };
DEEP(1, "fx_api_d2") DEEP(2, "fx_api_d3") DEEP(3, "fx_api_d4")
DEEP(4, "fx_api_d5") DEEP(5, "fx_api_d6") DEEP(6, "fx_api_d7")
DEEP(7, "fx_api_d8") DEEP(8, "fx_api_d9") DEEP(9, "")

/* A translator asking the session's translator, which is itself. */
static int tr_translate(precis_stage_ctx *ctx, void *state, const char *from,
                        const char *to, const precis_str *in, size_t n,
                        precis_tr_batch *out)
{
    (void)state;
    (void)out;
    precis_str *res = api->scratch(ctx, (n + 1) * sizeof *res);
    if (!res)
        return PRECIS_ENOMEM;
    return api->translate(ctx, from, to, in, n, res);
}

static const precis_stage_def api_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_api",
    .help = "test fixture",
    .phase = PRECIS_PHASE_SCORE,
    .options = api_options,
    .noptions = 2,
    .create = api_create,
    .run = api_run,
};

static const precis_stage_def b_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_api_b",
    .help = "test fixture",
    .phase = PRECIS_PHASE_SCORE,
    .options = b_options,
    .noptions = 1,
    .create = api_create,
    .run = b_run,
};

static const precis_stage_def tr_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_api_tr",
    .help = "test fixture",
    .phase = PRECIS_PHASE_TRANSFORM,
    .flags = PRECIS_STAGE_TRANSLATOR,
    .translate = tr_translate,
};

static int api_init(const precis_api *host, precis_plugin *self)
{
    static const precis_stage_def *const stages[] = {
        &api_stage, &b_stage, &tr_stage, &deep1, &deep2, &deep3, &deep4,
        &deep5, &deep6, &deep7, &deep8, &deep9
    };
    api = host;
    int rc = PRECIS_OK;
    for (size_t i = 0; i < sizeof stages / sizeof *stages && !rc; i++)
        rc = api->register_stage(self, stages[i]);
    return rc;
}

PRECIS_PLUGIN_DEFINE("fx_api", "1.0", "MIT", "test fixture", api_init, NULL)
