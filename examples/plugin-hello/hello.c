/*
 * hello.c - a complete precis plug-in, built out of tree.
 *
 * It registers one summarizer stage, "hello": the summary is the first
 * body sentences that contain a word you choose (default "said"), which
 * makes a quick "who said what" digest.  It shows the parts every plug-in
 * has: the entry point, init registering a stage, an option schema, an
 * instance made by create() from its options and freed by destroy(), and
 * a run callback that reads the article through the api table and keeps
 * to the user's summary budget with precis/util.h.
 *
 * Ownership, as precis/plugin.h says: the options handed to create() are
 * the host's, so the instance copies what it needs; the article is the
 * host's and valid during run() only.
 */
#include <precis/plugin.h>
#include <precis/util.h>
#include <stdlib.h>
#include <string.h>

static const precis_api *api;

static const precis_option_def hello_options[] = {
    { .key = "word", .type = PRECIS_OPT_STRING, .def = "said",
      .help = "keep sentences containing this word (case-folded)",
      .min = 1, .max = 0 },
};

static int has_word(const precis_article *a, const precis_sentence *s,
                    const char *word)
{
    for (size_t k = s->first_token; k < s->first_token + s->ntokens; k++) {
        precis_token t;
        if (api->token(a, k, &t) == PRECIS_OK && t.fold.len == strlen(word)
            && !memcmp(t.fold.ptr, word, t.fold.len))
            return 1;
    }
    return 0;
}

/* One instance of the stage: its own copy of the option it uses. */
typedef struct hello {
    char *word;         /* malloc'd */
} hello;

static int hello_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    const hello *h = state;
    precis_budget_state b;
    int rc = precis_budget_start(api, ctx, a, &b);
    if (rc)
        return api->fail(ctx, rc, "budget: %s", api->strerror(rc));
    api->clear_summary(ctx, a);
    for (size_t i = 0; i < api->sentence_count(a) && !precis_budget_full(&b);
         i++) {
        precis_sentence s;
        precis_paragraph p;
        api->sentence(a, i, &s);
        api->paragraph(a, s.paragraph, &p);
        if (p.kind != PRECIS_KIND_BODY || !has_word(a, &s, h->word)
            || !precis_budget_take(&b, s.ntokens))
            continue;
        if ((rc = api->select(ctx, a, i, 1.0)))
            return api->fail(ctx, rc, "select: %s", api->strerror(rc));
    }
    return api->set_meta(ctx, a, "hello", "hello from a plug-in", 20);
}

static int hello_create(precis_stage_ctx *ctx, const precis_options *opt,
                        void **state)
{
    hello *h = calloc(1, sizeof *h);
    const char *word = api->opt_string(opt, "word");
    if (!h || !(h->word = malloc(strlen(word) + 1))) {
        free(h);
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    }
    memcpy(h->word, word, strlen(word) + 1);
    *state = h;
    return PRECIS_OK;
}

static void hello_destroy(void *state)
{
    hello *h = state;
    if (h)
        free(h->word);
    free(h);
}

static const precis_stage_def hello_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "hello",
    .help = "first body sentences containing a word",
    .phase = PRECIS_PHASE_SELECT,
    .flags = PRECIS_STAGE_SUMMARIZER,
    .options = hello_options,
    .noptions = sizeof hello_options / sizeof hello_options[0],
    .provides = "summary",
    .create = hello_create,
    .run = hello_run,
    .destroy = hello_destroy,
};

static int hello_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &hello_stage);
}

PRECIS_PLUGIN_DEFINE("hello", "1.0", "MIT", "an example plug-in", hello_init,
                     NULL)
