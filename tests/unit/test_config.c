/*
 * test_config.c - INI configuration: strict values, unknown keys and
 * sections with a did-you-mean, layering, profiles, file:line messages.
 */
#include "test_util.h"

#include "base/config.h"
#include "session/ctx.h"

static void strict_values(void **state)
{
    (void)state;
    int b;
    int64_t i;
    double r;
    uint64_t z;
    assert_int_equal(cfg_parse_int("042", &i), 0);
    assert_int_equal(i, 42);    /* base 10, never octal */
    assert_int_equal(cfg_parse_int("0x10", &i), -1);
    assert_int_equal(cfg_parse_int("12abc", &i), -1);
    assert_int_equal(cfg_parse_int("", &i), -1);
    assert_int_equal(cfg_parse_bool("yes", &b), 0);
    assert_int_equal(b, 1);
    assert_int_equal(cfg_parse_bool("Off", &b), 0);
    assert_int_equal(b, 0);
    /* iniparser alone decides booleans by first letter: "nope" is not
     * "no" here. */
    assert_int_equal(cfg_parse_bool("nope", &b), -1);
    assert_int_equal(cfg_parse_bool("t", &b), -1);
    assert_int_equal(cfg_parse_real("0.25", &r), 0);
    assert_int_equal(cfg_parse_real("nan", &r), -1);
    assert_int_equal(cfg_parse_real("1e999", &r), -1);
    assert_int_equal(cfg_parse_size("64M", &z), 0);
    assert_int_equal(z, 64u << 20);
    assert_int_equal(cfg_parse_size("2KiB", &z), 0);
    assert_int_equal(z, 2048);
    assert_int_equal(cfg_parse_size("5X", &z), -1);
}

static void did_you_mean(void **state)
{
    (void)state;
    const char *c[] = { "sentences", "ratio", "words", "redundancy" };
    assert_string_equal(cfg_did_you_mean("sentence", c, 4), "sentences");
    assert_string_equal(cfg_did_you_mean("ration", c, 4), "ratio");
    assert_null(cfg_did_you_mean("colour", c, 4));
}

/* Prepares a session over one INI text; returns the code and fills err. */
static int try_ini(const char *ini, const char *const *sets,
                   precis_error *err, char **path_out)
{
    char *path = tu_tempfile(".ini", ini, strlen(ini));
    precis_ctx *ctx;
    precis_ctx_new(&ctx, err);
    int rc = precis_ctx_load_config(ctx, path, err);
    for (; !rc && sets && *sets; sets++)
        rc = precis_ctx_set(ctx, *sets, err);
    if (!rc)
        rc = precis_ctx_prepare(ctx, err);
    precis_ctx_free(ctx);
    if (path_out)
        *path_out = path;
    else {
        remove(path);
        free(path);
    }
    return rc;
}

static void expect_config_error(const char *ini, const char *needle,
                                int line)
{
    precis_error err = { 0, "" };
    char *path;
    assert_int_equal(try_ini(ini, NULL, &err, &path), PRECIS_ECONFIG);
    if (!strstr(err.message, needle))
        fail_msg("message '%s' lacks '%s'", err.message, needle);
    char where[600];
    snprintf(where, sizeof where, "%s:%d", path, line);
    if (line && !strstr(err.message, where))
        fail_msg("message '%s' lacks '%s'", err.message, where);
    remove(path);
    free(path);
}

static void bad_files(void **state)
{
    (void)state;
    expect_config_error("[summary]\nsentences = three\n",
                        "expected a whole number", 2);
    expect_config_error("[summary]\n\nsentence = 3\n",
                        "unknown key 'sentence' (did you mean 'sentences'?)",
                        3);
    expect_config_error("[sumary]\nsentences = 3\n",
                        "unknown section [sumary] (did you mean [summary]?)",
                        2);
    expect_config_error("[summary]\nredundancy = 2\n", "out of range", 2);
    expect_config_error("[input]\nformat = pdf\n",
                        "expected auto|text|markdown|json|html", 2);
    expect_config_error("[core]\non_error = yes\n", "skip|fail", 2);
    expect_config_error("[summary]\nthis line is not ini\n",
                        "syntax error", 2);
    expect_config_error("[classify]\ndisable = shares\n",
                        "did you mean 'share'", 2);
    expect_config_error("[classify.rule.x]\npattern = (unclosed\n",
                        "missing closing parenthesis", 2);
    expect_config_error("[pipeline]\nstages = normalise, nosuchstage\n",
                        "[pipeline] stage 'nosuchstage': no stage named "
                        "'nosuchstage'", 2);
    expect_config_error("[pipeline]\nstages = normalise, sumary\n",
                        "did you mean 'summary'?", 2);
    expect_config_error("; settings\nsentences = 3\n[summary]\n",
                        "key 'sentences' outside a section", 2);
    expect_config_error("[output]\nformat = JSN\n",
                        "expected text|json|markdown|html (did you mean "
                        "'json'?)", 2);
    expect_config_error("[stage.sumary]\nuse = lexrank\n",
                        "[stage.sumary] use = lexrank: no stage 'sumary' in "
                        "[pipeline] stages or a profile's, so nothing would "
                        "run it (did you mean [stage.summary]?)", 2);
    expect_config_error("[stage.summary]\nthreshhold = 1\n",
                        "did you mean 'threshold', an option of lexrank?",
                        2);
    expect_config_error("[input]\nlang = \n", "expected auto, und or a "
                        "language code", 2);
    expect_config_error("[stage.summary]\nuse = pacsum\nbeta = x\n",
                        "[stage.summary] beta = 'x': expected a number", 3);
    expect_config_error("[stage.summary]\nuse = pacsum\nbetta = 1\n",
                        "did you mean 'beta'", 3);
}

/* A UTF-8 byte-order mark is not part of the first line. */
static void byte_order_mark(void **state)
{
    (void)state;
    precis_error err = { 0, "" };
    char *path;
    assert_int_equal(try_ini("\xEF\xBB\xBF[summary]\r\nsentences = 6\r\n",
                             NULL, &err, &path), 0);
    precis_ctx *ctx;
    precis_ctx_new(&ctx, &err);
    assert_int_equal(precis_ctx_load_config(ctx, path, &err), 0);
    const cfg_entry *e = cfg_find(&ctx->cfg, "summary", "sentences");
    assert_non_null(e);
    assert_string_equal(e->value, "6");
    assert_int_equal(e->line, 2);
    precis_ctx_free(ctx);
    remove(path);
    free(path);
}

/* --lang and [input] lang: any case, a tag's language, und. */
static void languages(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        { "EN", "en" }, { "en-US", "en" }, { "pt_BR.UTF-8", "pt" },
        { "zh-Hant", "zh" }, { "iw", "he" }, { "und", "und" },
        { "auto", "" }, { "AUTO", "" }, { "zz", "zz" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char set[64];
        snprintf(set, sizeof set, "input.lang=%s", cases[i][0]);
        const char *sets[] = { set, NULL };
        precis_ctx *ctx = tu_ctx(sets);
        if (strcmp(ctx->lang, cases[i][1]))
            fail_msg("lang %s: '%s', want '%s'", cases[i][0], ctx->lang,
                     cases[i][1]);
        precis_ctx_free(ctx);
    }
    precis_error err = { 0, "" };
    const char *bad[] = { "input.lang=", NULL };
    assert_int_equal(try_ini("[summary]\n", bad, &err, NULL),
                     PRECIS_ECONFIG);
    assert_non_null(strstr(err.message, "--set: [input] lang = ''"));
}

static void layering(void **state)
{
    (void)state;
    precis_error err = { 0, "" };
    const char *ini = "[summary]\nsentences = 5\n";
    char *path = tu_tempfile(".ini", ini, strlen(ini));
    precis_ctx *ctx;
    precis_ctx_new(&ctx, &err);
    assert_int_equal(precis_ctx_set(ctx, "summary.sentences=7", &err), 0);
    /* A file loaded after --set does not override it. */
    assert_int_equal(precis_ctx_load_config(ctx, path, &err), 0);
    assert_int_equal(precis_ctx_prepare(ctx, &err), 0);
    assert_int_equal(ctx->host.budget.sentences, 7);
    const cfg_entry *e = cfg_find(&ctx->cfg, "summary", "sentences");
    assert_string_equal(e->origin, "--set");
    precis_ctx_free(ctx);
    remove(path);
    free(path);
}

static void profiles(void **state)
{
    (void)state;
    precis_error err = { 0, "" };
    const char *ini = "[summary]\nsentences = 5\n\n[profile.brief]\n"
                      "summary.sentences = 1\nstage.summary.use = lead\n";
    char *path = tu_tempfile(".ini", ini, strlen(ini));
    precis_ctx *ctx;
    precis_ctx_new(&ctx, &err);
    assert_int_equal(precis_ctx_load_config(ctx, path, &err), 0);
    assert_int_equal(precis_ctx_set_profile(ctx, "brief", &err), 0);
    assert_int_equal(precis_ctx_prepare(ctx, &err), 0);
    assert_int_equal(ctx->host.budget.sentences, 1);
    assert_string_equal(cfg_get(&ctx->cfg, "stage.summary", "use"), "lead");
    precis_ctx_free(ctx);

    precis_ctx_new(&ctx, &err);
    assert_int_equal(precis_ctx_load_config(ctx, path, &err), 0);
    precis_ctx_set_profile(ctx, "breif", &err);
    assert_int_equal(precis_ctx_prepare(ctx, &err), PRECIS_ECONFIG);
    assert_non_null(strstr(err.message, "did you mean 'brief'"));
    precis_ctx_free(ctx);
    remove(path);
    free(path);
}

/* precis_profile_check: each profile against the pipeline built without
 * it, by its file and line; what changes the pipeline is left to a
 * session prepared with the profile. */
static void profile_checks(void **state)
{
    (void)state;
    precis_error err = { 0, "" };
    const char *ini = "[profile.ok]\nsummary.sentences = 1\n"
                      "stage.summary.lead_decay = 2\n\n"
                      "[profile.Typo]\nsumary.words = 3\n\n"
                      "[profile.value]\noutput.format = jsn\n\n"
                      "[profile.stagekey]\nstage.summary.betta = 1\n\n"
                      "[profile.lang]\ninput.lang = english\n\n"
                      "[profile.lex]\nstage.summary.use = lexrank\n";
    char *path = tu_tempfile(".ini", ini, strlen(ini));
    precis_ctx *ctx;
    precis_ctx_new(&ctx, &err);
    assert_int_equal(precis_ctx_load_config(ctx, path, &err), 0);
    const char *const *names;
    assert_int_equal(precis_profiles(ctx, &names), 6);
    assert_string_equal(names[1], "typo");
    int rebuild = -1;
    assert_int_equal(precis_profile_check(ctx, "ok", &rebuild, &err), 0);
    assert_int_equal(rebuild, 0);
    static const struct { const char *name, *needle; int line; } bad[] = {
        { "TYPO", "unknown section [sumary] (did you mean [summary]?)", 6 },
        { "value", "(did you mean 'json'?)", 9 },
        { "stagekey", "unknown key 'betta' (did you mean 'beta'?)", 12 },
        { "lang", "[input] lang = 'english': expected auto", 15 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(precis_profile_check(ctx, bad[i].name, &rebuild,
                                              &err), PRECIS_ECONFIG);
        char where[600];
        snprintf(where, sizeof where, "profile %s (%s:%d): ", names[i + 1],
                 path, bad[i].line);
        if (!strstr(err.message, where) || !strstr(err.message,
                                                    bad[i].needle))
            fail_msg("profile %s: '%s'", bad[i].name, err.message);
    }
    assert_int_equal(precis_profile_check(ctx, "lex", &rebuild, &err), 0);
    assert_int_equal(rebuild, 1);
    assert_int_equal(precis_profile_check(ctx, "none", &rebuild, &err),
                     PRECIS_ENOTFOUND);
    precis_ctx_free(ctx);
    remove(path);
    free(path);
}

static void set_syntax(void **state)
{
    (void)state;
    precis_error err = { 0, "" };
    precis_ctx *ctx;
    precis_ctx_new(&ctx, &err);
    assert_int_equal(precis_ctx_set(ctx, "sentences=3", &err),
                     PRECIS_ECONFIG);
    assert_non_null(strstr(err.message, "SECTION.KEY=VALUE"));
    assert_int_equal(precis_ctx_set(ctx, "stage.brief.sentences = 4", &err),
                     0);
    assert_string_equal(cfg_get(&ctx->cfg, "stage.brief", "sentences"),
                        "4");
    precis_ctx_free(ctx);
}

/* config/precis.ini documents every key of the core with its default. */
static void documented_defaults(void **state)
{
    (void)state;
    const char *src = getenv("PRECIS_SOURCE");
    if (!src)
        skip();
    char path[4096];
    snprintf(path, sizeof path, "%s/config/precis.ini", src);
    config c;
    cfg_init(&c);
    precis_error err;
    if (cfg_load(&c, path, &err))
        fail_msg("%s", err.message);
    precis_ctx *ctx;
    if (precis_ctx_new(&ctx, &err))
        fail_msg("%s", err.message);
    for (size_t s = 0; s < ctx->sections.n; s++) {
        const ses_section *sec = &ctx->sections.v[s];
        for (size_t k = 0; k < sec->nkeys; k++) {
            const precis_option_def *o = &sec->keys[k];
            const char *v = cfg_get(&c, sec->name, o->key);
            if (!v)
                fail_msg("config/precis.ini lacks [%s] %s", sec->name,
                         o->key);
            if (strcmp(v, o->def))
                fail_msg("config/precis.ini: [%s] %s = '%s', default is "
                         "'%s'", sec->name, o->key, v, o->def);
        }
    }
    precis_ctx_free(ctx);
    cfg_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strict_values),
        cmocka_unit_test(did_you_mean),
        cmocka_unit_test(bad_files),
        cmocka_unit_test(byte_order_mark),
        cmocka_unit_test(languages),
        cmocka_unit_test(layering),
        cmocka_unit_test(profiles),
        cmocka_unit_test(profile_checks),
        cmocka_unit_test(set_syntax),
        cmocka_unit_test(documented_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
