/*
 * test_translate.c - precis_translate(): which segments go to the
 * translator, how the results map back to sentences and paragraphs,
 * name protection and the glossary, errors, and the JSON and text views.
 *
 * The translator is the Apertium plug-in driving a fake engine (a bash
 * script named by a .mode file for the made-up pair xx-yy) that
 * upper-cases every word except placeholders (Zq…), so that what was
 * translated and what was kept shows in the result.  Needs
 * apertium-wblank-mode from Apertium; skips without it.
 */
#include "test_util.h"

#include <jansson.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/article.h"
#include "session/translate.h"

static char tmpdir[64];
static char modes_set[160];

static const char fake_engine[] =
    "#!/bin/bash\n"
    "# fake translator: upper-cases words, keeps placeholders (Zq…)\n"
    "set -f\n"
    "while IFS= read -r -d '' req; do\n"
    "  text=${req%%\"[<pz:\"*}; mark=${req#\"$text\"}\n"
    "  [[ $text == *CRASH* ]] && { echo 'fake: crashed' >&2; exit 3; }\n"
    "  out=''\n"
    "  for w in $text; do\n"
    "    if [[ $w == *Zq* ]]; then out+=\"$w \"; else out+=\"${w^^} \";"
    " fi\n"
    "  done\n"
    "  [[ $text == *dup* ]] && out+=\" $out\"\n"
    "  printf '%s%s\\0' \"$out\" \"$mark\"\n"
    "done\n";

static int have_wblank_mode(void)
{
    return system("command -v apertium-wblank-mode >/dev/null 2>&1") == 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/precis-tr-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    char path[256], mode[256];
    snprintf(path, sizeof path, "%s/fake", tmpdir);
    write_file(path, fake_engine, 0755);
    snprintf(path, sizeof path, "%s/xx-yy.mode", tmpdir);
    snprintf(mode, sizeof mode, "%s/fake $1\n", tmpdir);
    write_file(path, mode, 0644);
    snprintf(modes_set, sizeof modes_set, "stage.apertium.modes_dir=%s",
             tmpdir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char article_text[] =
    "Mayor Opens the New Bridge\n\n"
    "2 min read\n\n"
    "The mayor of Springfield opened the bridge on Monday. It cost $4.5 "
    "million, she said.\n\n"
    "\xE2\x80\x9CThis is a great day,\xE2\x80\x9D said John Smith, the "
    "city engineer. Photos are at https://example.com/bridge today.\n\n"
    "Smith thanked the workers. He will retire next year.\n\n"
    "Leave a Reply\n";

/* A session translating xx -> yy through the fake, plus extra --set
 * assignments. */
static precis_ctx *session(const char *extra1, const char *extra2)
{
    const char *sets[] = { modes_set, extra1, extra2, NULL };
    if (!extra1)
        sets[1] = NULL;
    else if (!extra2)
        sets[2] = NULL;
    return tu_ctx(sets);
}

static precis_article *load(precis_ctx *ctx)
{
    precis_article *a = tu_load(ctx, "bridge.txt", article_text,
                                strlen(article_text), PRECIS_FORMAT_TEXT);
    precis_error err = { 0, "" };
    if (precis_run(ctx, a, &err))
        fail_msg("run: %s", err.message);
    return a;
}

static void done(precis_ctx *ctx, precis_article *a)
{
    precis_article_free(a);
    translate_shutdown(ctx);
    precis_ctx_free(ctx);
}

/* The source sentence squeezed and upper-cased, as the fake answers. */
static char *upper_sentence(const precis_article *a, uint32_t k)
{
    const pr_sent *s = &a->sents.v[k];
    char *u = calloc(1, s->end - s->start + 1);
    size_t n = 0;
    int space = 0;
    for (size_t i = s->start; i < s->end; i++) {
        char c = a->text[i];
        if (c == ' ' || c == '\n' || c == '\t') {
            space = n > 0;
            continue;
        }
        if (space)
            u[n++] = ' ';
        space = 0;
        u[n++] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
    }
    return u;
}

static const char *tr_of(const precis_article *a, const char *needle)
{
    for (size_t i = 0; i < a->tr.n; i++)
        if (a->tr.v[i].text && strstr(a->tr.v[i].text, needle))
            return a->tr.v[i].text;
    return NULL;
}

static void translate_ok(precis_ctx *ctx, precis_article *a, int summary)
{
    precis_error err = { 0, "" };
    if (precis_translate(ctx, a, "yy", "xx", summary, &err))
        fail_msg("translate: %s", err.message);
}

static void test_whole_article(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    /* No quotes stage: quoted speakers would be protected names. */
    precis_ctx *ctx = session("pipeline.stages=normalise, summary", NULL);
    precis_article *a = load(ctx);
    translate_ok(ctx, a, 0);
    assert_string_equal(a->tr_lang, "yy");
    assert_string_equal(a->tr_engine, "apertium");
    assert_string_equal(a->tr_headline, "MAYOR OPENS THE NEW BRIDGE");
    /* Every sentence of every paragraph but boilerplate, in order, each
     * mapped to its source. */
    size_t want = 0, boiler = 0;
    for (size_t p = 0; p < a->paras.n; p++) {
        if (a->paras.v[p].kind == PRECIS_KIND_BOILERPLATE) {
            boiler++;
            continue;
        }
        for (uint32_t k = a->paras.v[p].sent0;
             k < a->paras.v[p].sent0 + a->paras.v[p].nsent; k++) {
            assert_true(want < a->tr.n);
            assert_int_equal(a->tr.v[want].sentence, k);
            char *u = upper_sentence(a, k);
            assert_string_equal(a->tr.v[want].text, u);
            free(u);
            want++;
        }
    }
    assert_int_equal(a->tr.n, want);
    assert_true(boiler >= 2);   /* "2 min read", "Leave a Reply" */
    /* Addresses, numbers and quotation marks come through. */
    assert_non_null(tr_of(a, "HTTPS://EXAMPLE.COM/BRIDGE"));
    assert_non_null(tr_of(a, "$4.5"));
    assert_non_null(tr_of(a, "\xE2\x80\x9CTHIS IS A GREAT DAY,"
                             "\xE2\x80\x9D"));
    done(ctx, a);
}

static void test_summary_only(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    precis_ctx *ctx = session("summary.sentences=2", NULL);
    precis_article *a = load(ctx);
    assert_int_equal(a->summary.n, 2);
    translate_ok(ctx, a, 1);
    assert_int_equal(a->tr.n, 2);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(a->tr.v[i].sentence, a->summary.v[i].sentence);
    assert_non_null(a->tr_headline);
    /* Translating again replaces, never appends. */
    translate_ok(ctx, a, 1);
    assert_int_equal(a->tr.n, 2);
    done(ctx, a);
}

static void test_protect_names(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    /* The quotes stage names John Smith as a speaker: a person, kept;
     * without it he is just capitalised words, translated. */
    precis_ctx *ctx = session(NULL, NULL);
    precis_article *a = load(ctx);
    translate_ok(ctx, a, 0);
    assert_non_null(tr_of(a, "SAID John Smith, THE CITY ENGINEER."));
    done(ctx, a);
    ctx = session("pipeline.stages=normalise, summary", NULL);
    a = load(ctx);
    translate_ok(ctx, a, 0);
    assert_non_null(tr_of(a, "SAID JOHN SMITH, THE CITY ENGINEER."));
    done(ctx, a);

    /* people (the default): names after a title, then their last word
     * wherever it comes; not in Title Case, not other capitals. */
    const char text[] = "Mayor Opens the New Bridge\n\n"
                        "President Joe Biden spoke in Springfield on "
                        "Monday. Later Biden left and Mr. Adams "
                        "stayed.\n\n\xE2\x80\x9C" "Adams is here,\xE2\x80\x9D "
                        "they said.\n";
    ctx = session(NULL, NULL);
    a = tu_load(ctx, "people.txt", text, strlen(text), PRECIS_FORMAT_TEXT);
    translate_ok(ctx, a, 0);
    assert_non_null(tr_of(a, "PRESIDENT Joe Biden SPOKE IN SPRINGFIELD ON "
                             "MONDAY."));
    assert_non_null(tr_of(a, "LATER Biden LEFT AND MR. Adams STAYED."));
    assert_non_null(tr_of(a, "\xE2\x80\x9C" "Adams IS HERE,\xE2\x80\x9D THEY "
                             "SAID."));
    assert_string_equal(a->tr_headline, "MAYOR OPENS THE NEW BRIDGE");
    done(ctx, a);

    ctx = session("translate.protect_names=none", NULL);
    a = tu_load(ctx, "people.txt", text, strlen(text), PRECIS_FORMAT_TEXT);
    translate_ok(ctx, a, 0);
    assert_non_null(tr_of(a, "LATER BIDEN LEFT AND MR. ADAMS STAYED."));
    done(ctx, a);

    ctx = session("translate.protect_names=names",
                  "pipeline.stages=normalise, summary");
    a = load(ctx);
    translate_ok(ctx, a, 0);
    /* Two capitalised words inside a sentence: kept as written. */
    assert_non_null(tr_of(a, "SAID John Smith, THE CITY ENGINEER."));
    /* The first word of a sentence starts no name. */
    assert_non_null(tr_of(a, "SMITH THANKED THE WORKERS."));
    assert_null(tr_of(a, "Zq"));
    done(ctx, a);

    ctx = session("translate.protect_names=capitalised", NULL);
    a = load(ctx);
    translate_ok(ctx, a, 0);
    assert_non_null(tr_of(a, "THE MAYOR OF Springfield OPENED THE BRIDGE "
                             "ON Monday."));
    done(ctx, a);
}

static void test_glossary(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    precis_ctx *ctx = session("translate.glossary.city engineer="
                              "ingeniero municipal",
                              "translate.glossary.mayor=alcaldesa");
    precis_article *a = load(ctx);
    translate_ok(ctx, a, 0);
    assert_non_null(tr_of(a, "THE ingeniero municipal."));
    /* Case-insensitive, and a capital at the start of a sentence. */
    assert_string_equal(a->tr_headline, "Alcaldesa OPENS THE NEW BRIDGE");
    assert_non_null(tr_of(a, "THE alcaldesa OF SPRINGFIELD"));
    done(ctx, a);

    /* A capitalised target is a name: only capitalised text matches. */
    const char text[] = "Body\n\nThe bridge. Bridge Corp built the "
                        "bridge.\n";
    ctx = session("translate.glossary.bridge=Bridge", NULL);
    a = tu_load(ctx, "names.txt", text, strlen(text), PRECIS_FORMAT_TEXT);
    translate_ok(ctx, a, 0);
    assert_non_null(tr_of(a, "THE BRIDGE."));
    assert_non_null(tr_of(a, "Bridge CORP BUILT THE BRIDGE."));
    done(ctx, a);
}

static void test_lost_placeholder(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    /* The fake doubles a segment that says "dup": its placeholder comes
     * back twice, so the segment goes again as it is. */
    const char text[] = "Body\n\nThey met John Smith and then dup left.\n";
    precis_ctx *ctx = session("translate.protect_names=names", NULL);
    precis_article *a = tu_load(ctx, "dup.txt", text, strlen(text),
                                PRECIS_FORMAT_TEXT);
    translate_ok(ctx, a, 0);
    const char *t = tr_of(a, "DUP");
    assert_non_null(t);
    assert_non_null(strstr(t, "THEY MET JOHN SMITH AND THEN DUP LEFT."));
    assert_null(strstr(t, "Zq"));
    done(ctx, a);
}

static void test_errors(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    precis_ctx *ctx = session(NULL, NULL);
    precis_article *a = load(ctx);
    precis_error err = { 0, "" };
    assert_int_equal(precis_translate(ctx, a, "fr", "xx", 0, &err),
                     PRECIS_ENOTFOUND);
    assert_non_null(strstr(err.message, "no Apertium pair for xx"));
    assert_int_equal(precis_translate(ctx, a, "e5", "xx", 0, &err),
                     PRECIS_EINVAL);
    assert_non_null(strstr(err.message, "--to e5"));
    assert_int_equal(precis_translate(ctx, a, "yy", "x!", 0, &err),
                     PRECIS_EINVAL);
    /* The same language: the text is its own translation. */
    assert_int_equal(precis_translate(ctx, a, "xx", "xx", 0, &err), 0);
    assert_string_equal(a->tr_engine, "none");
    assert_string_equal(a->tr_headline, "Mayor Opens the New Bridge");
    precis_article_free(a);

    /* A segment that kills the engine every time fails the article,
     * with a message naming the sentence. */
    const char text[] = "Body\n\nFine words here. Then CRASH now.\n";
    a = tu_load(ctx, "crash.txt", text, strlen(text), PRECIS_FORMAT_TEXT);
    assert_int_equal(precis_translate(ctx, a, "yy", "xx", 0, &err),
                     PRECIS_ESTAGE);
    assert_non_null(strstr(err.message, "crash.txt"));
    assert_non_null(strstr(err.message, "Then CRASH now."));
    assert_non_null(strstr(err.message, "fake: crashed"));
    done(ctx, a);
}

static char *render(precis_ctx *ctx, precis_article *a, precis_view view,
                    precis_output fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    precis_error err = { 0, "" };
    assert_int_equal(precis_write(ctx, a, view, fmt, f, &err), 0);
    fclose(f);
    return buf;
}

static void test_views(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    precis_ctx *ctx = session(NULL, NULL);
    precis_article *a = load(ctx);
    translate_ok(ctx, a, 0);
    char *js = render(ctx, a, PRECIS_VIEW_TRANSLATION, PRECIS_OUTPUT_JSON);
    json_error_t jerr;
    json_t *o = json_loads(js, 0, &jerr);
    assert_non_null(o);
    json_t *t = json_object_get(o, "translation");
    assert_string_equal(json_string_value(json_object_get(t, "lang")),
                        "yy");
    assert_true(json_is_true(json_object_get(t, "machine_translation")));
    json_t *paras = json_object_get(t, "paragraphs");
    size_t want = 0, np = 0;
    for (size_t p = 0; p < a->paras.n; p++) {
        if (a->paras.v[p].kind == PRECIS_KIND_BOILERPLATE)
            continue;
        json_t *list = json_array_get(paras, np++);
        assert_int_equal(json_array_size(list), a->paras.v[p].nsent);
        json_t *first = json_array_get(list, 0);
        assert_int_equal(json_integer_value(json_object_get(first,
                                                            "source")),
                         a->paras.v[p].sent0);
        want++;
    }
    assert_int_equal(json_array_size(paras), want);
    json_decref(o);
    free(js);

    char *txt = render(ctx, a, PRECIS_VIEW_TRANSLATION, PRECIS_OUTPUT_TEXT);
    assert_non_null(strstr(txt, "[machine translation to yy by apertium]"));
    assert_non_null(strstr(txt, "\n\nTHE MAYOR OF SPRINGFIELD OPENED THE "
                                "BRIDGE ON MONDAY. IT COST $4.5 MILLION, "
                                "SHE SAID.\n\n"));
    assert_null(strstr(txt, "LEAVE A REPLY"));
    free(txt);
    char *md = render(ctx, a, PRECIS_VIEW_TRANSLATION,
                      PRECIS_OUTPUT_MARKDOWN);
    assert_non_null(strstr(md, "*[machine translation to yy by apertium]*"));
    assert_non_null(strstr(md, "## MAYOR OPENS THE NEW BRIDGE"));
    free(md);

    translate_ok(ctx, a, 1);
    js = render(ctx, a, PRECIS_VIEW_SUMMARY, PRECIS_OUTPUT_JSON);
    o = json_loads(js, 0, &jerr);
    t = json_object_get(o, "translation");
    assert_int_equal(json_array_size(json_object_get(t, "summary")),
                     a->summary.n);
    json_decref(o);
    free(js);
    txt = render(ctx, a, PRECIS_VIEW_SUMMARY, PRECIS_OUTPUT_TEXT);
    assert_non_null(strstr(txt, "[machine translation to yy by apertium]"
                                "\nMAYOR OPENS THE NEW BRIDGE\n"));
    free(txt);
    done(ctx, a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_article),
        cmocka_unit_test(test_summary_only),
        cmocka_unit_test(test_protect_names),
        cmocka_unit_test(test_glossary),
        cmocka_unit_test(test_lost_placeholder),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_views),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
