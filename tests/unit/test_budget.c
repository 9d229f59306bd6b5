/*
 * test_budget.c - every summarizer shipped as a plug-in obeys the one
 * budget rule (precis/util.h, the same as api->select_top): at most the
 * sentences -n or --ratio allow, within --words unless one sentence alone
 * is longer, and no unpicked body sentence that would still have fitted.
 * Run on the seed and the bundled examples with several budgets.
 */
#include "test_util.h"

#include "text/article.h"
#include "text/score.h"

static const char *const methods[] = {
    "pacsum", "textrank", "lexrank", "luhn", "sumbasic", "lead", NULL
};

typedef struct budget_case {
    const char *sets[4];
    precis_budget b;
} budget_case;

static const budget_case cases[] = {
    { { "summary.sentences=0", "summary.words=250", NULL },
      { 0, 0, 250 } },
    { { "summary.sentences=4", "summary.words=60", NULL }, { 4, 0, 60 } },
    { { "summary.ratio=0.3", "summary.words=90", NULL }, { 0, 0.3, 90 } },
    { { "summary.sentences=3", NULL }, { 3, 0, 0 } },
    { { "summary.sentences=1", "summary.words=5", NULL }, { 1, 0, 5 } },
};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    *len = fread(s, 1, (size_t)n, f);
    s[*len] = '\0';
    fclose(f);
    return s;
}

/* Checks the rule on one summarized article; returns the words used. */
static size_t check_rule(const precis_article *a, const precis_budget *b,
                         const char *what)
{
    size_t k = score_budget_sentences(a, b), used = 0;
    unsigned char *picked = calloc(a->sents.n + 1, 1);
    for (size_t i = 0; i < a->summary.n; i++) {
        size_t s = a->summary.v[i].sentence;
        if (!score_is_body(a, s))
            fail_msg("%s: sentence %zu is not body", what, s);
        picked[s] = 1;
        used += a->sents.v[s].ntok;
    }
    if (a->summary.n > k)
        fail_msg("%s: %zu sentences, the budget allows %zu", what,
                 a->summary.n, k);
    if (b->words && used > b->words && a->summary.n > 1)
        fail_msg("%s: %zu words in %zu sentences, the budget allows %zu",
                 what, used, a->summary.n, b->words);
    /* Room left: nothing unpicked may still fit. */
    if (a->summary.n < k && (!b->words || used < b->words))
        for (size_t i = 0; i < a->sents.n; i++)
            if (score_is_body(a, i) && !picked[i]
                && (!b->words || a->sents.v[i].ntok + used <= b->words))
                fail_msg("%s: sentence %zu (%u words) still fits (%zu of "
                         "%zu words, %zu of %zu sentences)", what, i,
                         a->sents.v[i].ntok, used, b->words, a->summary.n,
                         k);
    free(picked);
    return used;
}

static void every_method_same_rule(void **state)
{
    (void)state;
    const char *src = getenv("PRECIS_SOURCE");
    if (!src)
        skip();
    static const char *const files[] = {
        "examples/articles/seed-caracas.txt",
        "examples/articles/harbour-bridge.md", NULL
    };
    size_t checked = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (const char *const *m = methods; *m; m++) {
            char use[64];
            snprintf(use, sizeof use, "stage.summary.use=%s", *m);
            const char *sets[6] = { use };
            for (size_t i = 0; cases[c].sets[i]; i++)
                sets[i + 1] = cases[c].sets[i];
            precis_ctx *ctx = tu_ctx(sets);
            for (const char *const *f = files; *f; f++) {
                char path[4096];
                snprintf(path, sizeof path, "%s/%s", src, *f);
                size_t len = 0;
                char *text = read_file(path, &len);
                assert_non_null(text);
                precis_article *a = tu_load(ctx, path, text, len,
                                            PRECIS_FORMAT_AUTO);
                precis_error err = { 0, "" };
                if (precis_run(ctx, a, &err))
                    fail_msg("%s: %s", *m, err.message);
                char what[256];
                snprintf(what, sizeof what, "%s on %s with %s %s", *m, *f,
                         cases[c].sets[0], cases[c].sets[1]
                         ? cases[c].sets[1] : "");
                assert_true(a->summary.n > 0);
                check_rule(a, &cases[c].b, what);
                checked++;
                precis_article_free(a);
                free(text);
            }
            precis_ctx_free(ctx);
        }
    assert_int_equal(checked, 5 * 6 * 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_method_same_rule),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
