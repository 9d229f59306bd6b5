/*
 * test_classify.c - paragraph kinds: the seed article as expected.md reads
 * it, the users' own rules, switching built-in rules off.
 */
#include "test_util.h"

#include "text/article.h"

static precis_article *load_file(precis_ctx *ctx, const char *path)
{
    precis_reader *r;
    precis_article *a = NULL;
    precis_error err;
    if (precis_reader_open(ctx, path, PRECIS_FORMAT_AUTO, &r, &err))
        fail_msg("%s", err.message);
    if (precis_reader_next(r, &a, &err) != 1)
        fail_msg("%s", err.message);
    precis_reader_close(r);
    if (precis_analyze(ctx, a, &err))
        fail_msg("%s", err.message);
    return a;
}

/* The table of expected.md: what each paragraph starts with, its kind
 * and reason. */
static const struct {
    const char *start, *kind, *reason;
} seed_kinds[] = {
    { "September 11, 2024", "date", NULL },
    { "Visit of the Chairman", "headline", NULL },
    { "2 min read", "boilerplate", "reading-time" },
    { "Visit of the Chairman", "boilerplate", "duplicate-headline" },
    { "Russian Security Council Secretary", "body", NULL },
    { "The visit is part of a series", "body", NULL },
    { "In Venezuela, the Russian delegation", "body", NULL },
    { "::What\xE2\x80\x99s Happening in Venezuela::", "boilerplate",
      "related-link" },
    { "Earlier this Tuesday, Patrushev met", "body", NULL },
    { "According to the Russian broadcaster RTTopics", "body", NULL },
    { "\xE2\x80\x9CToday we can see that all sovereign", "body", NULL },
    { "Patrushev thanked the", "body", NULL },
    { "America, Sanctions and Oil", "heading", NULL },
    { "Patrushev\xE2\x80\x99s visit to Caracas comes", "body", NULL },
    { "President Joe Biden has twice sent", "body", NULL },
    { ":: Without Guaid\xC3\xB3, what is left", "boilerplate",
      "related-link" },
    { "In November, the U.S. also granted", "body", NULL },
    { "The White House has yet to recognize", "body", NULL },
    { "Editing: Rodrigo Dur\xC3\xA3o Coelho", "credit", NULL },
    { "Leave a Reply", "boilerplate", "comment-form" },
    { "Your email address will not be published", "boilerplate",
      "comment-form" },
};

static void seed(void **state)
{
    (void)state;
    char buf[4096];
    const char *path = tu_corpus("seed/000_3950b43d292f39d6.txt", buf,
                                 sizeof buf);
    if (!path) {
        print_message("seed article not found: skipped\n");
        skip();
    }
    precis_ctx *ctx = tu_ctx(NULL);
    precis_article *a = load_file(ctx, path);
    size_t n = sizeof seed_kinds / sizeof seed_kinds[0];
    assert_int_equal(a->paras.n, n);
    size_t body = 0;
    for (size_t i = 0; i < n; i++) {
        const pr_para *p = &a->paras.v[i];
        const char *t = a->text + p->start;
        if (strncmp(t, seed_kinds[i].start, strlen(seed_kinds[i].start)))
            fail_msg("paragraph %zu starts '%.30s', expected '%s'", i, t,
                     seed_kinds[i].start);
        if (strcmp(article_kind_name(p->kind), seed_kinds[i].kind))
            fail_msg("paragraph %zu ('%s'): kind %s, expected %s", i,
                     seed_kinds[i].start, article_kind_name(p->kind),
                     seed_kinds[i].kind);
        if (seed_kinds[i].reason)
            assert_string_equal(p->reason, seed_kinds[i].reason);
        body += p->kind == PRECIS_KIND_BODY;
    }
    assert_int_equal(body, 11);
    assert_string_equal(article_field(a, "headline"),
                        "Visit of the Chairman of the Russian Security "
                        "Council");
    assert_string_equal(article_field(a, "date"), "2024-09-11");
    assert_string_equal(a->lang, "en");
    /* "In November, the U.S. also granted…" is one sentence. */
    const pr_para *p = &a->paras.v[16];
    const pr_sent *s = &a->sents.v[p->sent0];
    const char want[] = "In November, the U.S. also granted a license "
                        "allowing Chevron to resume operations in "
                        "Venezuelan territory.";
    assert_int_equal(s->end - s->start, strlen(want));
    assert_memory_equal(a->text + s->start, want, strlen(want));
    precis_article_free(a);
    precis_ctx_free(ctx);
}

static const char page[] =
    "Sponsored by Acme Corp\n"
    "Mayor opens the new bridge\n"
    "By Ana Silva\n"
    "The mayor opened the bridge on Monday after two years of work on "
    "the river crossing.\n"
    "Share this article\n"
    "Sign up for our daily newsletter to get the news first.\n"
    "Photo: Reuters\n"
    "ADVERTISEMENT\n"
    "Officials said traffic would ease across the city centre within "
    "weeks of the opening.\n";

static const pr_para *find_para(const precis_article *a, const char *start)
{
    for (size_t i = 0; i < a->paras.n; i++)
        if (!strncmp(a->text + a->paras.v[i].start, start, strlen(start)))
            return &a->paras.v[i];
    fail_msg("no paragraph starts '%s'", start);
    return NULL;
}

static void builtin_rules(void **state)
{
    (void)state;
    precis_ctx *ctx = tu_ctx(NULL);
    /* Without its first line: no built-in rule knows "Sponsored by". */
    const char *body = strchr(page, '\n') + 1;
    precis_article *a = tu_load(ctx, "page.txt", body, strlen(body),
                                PRECIS_FORMAT_TEXT);
    assert_int_equal(find_para(a, "Mayor opens")->kind,
                     PRECIS_KIND_HEADLINE);
    assert_int_equal(find_para(a, "By Ana")->kind, PRECIS_KIND_BYLINE);
    assert_string_equal(find_para(a, "Share this")->reason, "share");
    assert_string_equal(find_para(a, "Sign up")->reason, "newsletter");
    assert_int_equal(find_para(a, "Photo:")->kind, PRECIS_KIND_CREDIT);
    assert_string_equal(find_para(a, "ADVERTISEMENT")->reason,
                        "advertisement");
    assert_int_equal(find_para(a, "Officials said")->kind, PRECIS_KIND_BODY);
    precis_article_free(a);
    precis_ctx_free(ctx);
}

static void user_rules(void **state)
{
    (void)state;
    const char *sets[] = { "classify.rule.sponsor.pattern=^sponsored by",
                           "classify.rule.sponsor.reason=sponsored",
                           "classify.disable=share, newsletter, subscribe",
                           NULL };
    precis_ctx *ctx = tu_ctx(sets);
    precis_article *a = tu_load(ctx, "page.txt", page, strlen(page),
                                PRECIS_FORMAT_TEXT);
    const pr_para *p = find_para(a, "Sponsored by");
    assert_int_equal(p->kind, PRECIS_KIND_BOILERPLATE);
    assert_string_equal(p->reason, "sponsored");
    assert_int_equal(find_para(a, "Mayor opens")->kind,
                     PRECIS_KIND_HEADLINE);
    /* Switched off: these are body text now. */
    assert_int_equal(find_para(a, "Share this")->kind, PRECIS_KIND_BODY);
    assert_int_equal(find_para(a, "Sign up")->kind, PRECIS_KIND_BODY);
    precis_article_free(a);
    precis_ctx_free(ctx);
}

/* A body paragraph that merely starts like furniture stays body. */
static void long_paragraphs_stay_body(void **state)
{
    (void)state;
    const char t[] = "Headline of the day\n\nShare prices fell sharply on "
                     "Monday as investors worried about rising interest "
                     "rates and weak factory data from China.\n\nRelated "
                     "companies in the sector also lost ground.\n";
    precis_ctx *ctx = tu_ctx(NULL);
    precis_article *a = tu_load(ctx, "b.txt", t, strlen(t),
                                PRECIS_FORMAT_TEXT);
    assert_int_equal(find_para(a, "Share prices")->kind, PRECIS_KIND_BODY);
    assert_int_equal(find_para(a, "Related companies")->kind,
                     PRECIS_KIND_BODY);
    precis_article_free(a);
    precis_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(seed),
        cmocka_unit_test(builtin_rules),
        cmocka_unit_test(user_rules),
        cmocka_unit_test(long_paragraphs_stay_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
