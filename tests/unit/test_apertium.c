/*
 * test_apertium.c - the Apertium plug-in's parts: language codes and
 * routes, the stream format, and the pipeline machinery (restarts,
 * timeouts, answers out of step) against a fake engine.
 *
 * The fake engine is a bash script standing in for a mode's programs: it
 * answers each NUL-terminated request with the text upper-cased, and
 * misbehaves on purpose when a request says CRASH, HANG, SKIP or FLAKY.
 * apertium-wblank-mode (from Apertium) turns its .mode file into the
 * null-flush pipeline, as for a real pair; without Apertium those tests
 * skip.  The last test translates with the real eng-spa pair when it is
 * installed.
 */
#include "test_util.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../../plugins/apertium/apertium.h"

/* ---- helpers ---- */

static char tmpdir[64];

static void write_file(const char *path, const char *text, int exec)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    if (exec)
        assert_int_equal(chmod(path, 0755), 0);
}

static const char fake_engine[] =
    "#!/bin/bash\n"
    "# fake Apertium stage: upper-cases each NUL-terminated request\n"
    "while IFS= read -r -d '' req; do\n"
    "  text=${req%%\"[<pz:\"*}; mark=${req#\"$text\"}\n"
    "  case $text in\n"
    "    *CRASH*) echo 'fake: crashed' >&2; exit 3 ;;\n"
    "    *HANG*) sleep 1000 ;;\n"
    "    *SKIP*) printf '%s\\0' \"$text\" ;;\n"
    "    *FLAKY*) if [[ ! -e $FAKE_FLAG ]]; then : > \"$FAKE_FLAG\";\n"
    "             exit 4; fi; printf '%s%s\\0' \"${text^^}\" \"$mark\" ;;\n"
    "    *) printf '%s%s\\0' \"${text^^}\" \"$mark\" ;;\n"
    "  esac\n"
    "done\n";

static int have_wblank_mode(void)
{
    return system("command -v apertium-wblank-mode >/dev/null 2>&1") == 0;
}

static int setup_dir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/precis-ap-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    char path[256], mode[512];
    snprintf(path, sizeof path, "%s/fakeap", tmpdir);
    write_file(path, fake_engine, 1);
    /* wblank-mode -z adds -z after each program: fakeap ignores it. */
    snprintf(mode, sizeof mode, "%s/fakeap $1\n", tmpdir);
    const char *names[] = { "xx-yy", "eng-spa", "spa-por", "es-pt_BR",
                            "spa-eng", "eng-spa-tagger", "README" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.mode", tmpdir, names[i]);
        write_file(path, mode, 0);
    }
    snprintf(path, sizeof path, "%s/flag", tmpdir);
    setenv("FAKE_FLAG", path, 1);
    return 0;
}

static int teardown_dir(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- languages and routes ---- */

static void test_lang_codes(void **state)
{
    (void)state;
    apertium_lang l;
    assert_int_equal(apertium_lang_parse("en", &l), 0);
    assert_string_equal(l.code, "eng");
    assert_int_equal(apertium_lang_parse("spa", &l), 0);
    assert_string_equal(l.code, "spa");
    assert_int_equal(apertium_lang_parse("pt_BR", &l), 0);
    assert_string_equal(l.code, "por");
    assert_string_equal(l.variant, "BR");
    assert_int_equal(apertium_lang_parse("PT-br", &l), 0);
    assert_string_equal(l.code, "por");
    assert_int_equal(apertium_lang_parse("e", &l), -1);
    assert_int_equal(apertium_lang_parse("engl", &l), -1);
    assert_int_equal(apertium_lang_parse("en_", &l), -1);
    assert_int_equal(apertium_lang_parse("en1", &l), -1);
    assert_int_equal(apertium_lang_parse(NULL, &l), -1);
}

static void route(const apertium_modes *m, const char *from, const char *to,
                  int hops, const char *first, const char *second)
{
    apertium_lang f, t;
    const apertium_mode *hop[2];
    assert_int_equal(apertium_lang_parse(from, &f), 0);
    assert_int_equal(apertium_lang_parse(to, &t), 0);
    int got = apertium_route(m, &f, &t, hop);
    if (got != hops)
        fail_msg("%s->%s: %d hops, want %d", from, to, got, hops);
    if (hops >= 1)
        assert_string_equal(hop[0]->name, first);
    if (hops == 2)
        assert_string_equal(hop[1]->name, second);
}

static void test_modes_and_routes(void **state)
{
    (void)state;
    apertium_modes m;
    char err[512];
    assert_int_equal(apertium_modes_scan(tmpdir, &m, err, sizeof err), 0);
    /* eng-spa-tagger and README are not translation modes. */
    assert_int_equal(m.n, 5);
    route(&m, "en", "es", 1, "eng-spa", NULL);
    route(&m, "es", "en", 1, "spa-eng", NULL);
    route(&m, "es", "pt", 1, "spa-por", NULL);
    route(&m, "es", "pt_BR", 1, "es-pt_BR", NULL);
    route(&m, "en", "pt", 2, "eng-spa", "spa-por");
    route(&m, "en", "pt_BR", 2, "eng-spa", "es-pt_BR");
    route(&m, "en", "en", 0, NULL, NULL);
    route(&m, "en", "fr", 0, NULL, NULL);
    route(&m, "pt", "en", 0, NULL, NULL);

    char msg[1024];
    apertium_missing(&m, "en", "ca", msg, sizeof msg);
    assert_non_null(strstr(msg, "no Apertium pair for en"));
    assert_non_null(strstr(msg, "apt-get install apertium-eng-cat"));
    /* No package does en-fr: a pivot through Spanish needs only fr-es,
     * since eng-spa is there. */
    apertium_missing(&m, "en", "fr", msg, sizeof msg);
    assert_non_null(strstr(msg, "apertium-fr-es"));
    assert_null(strstr(msg, "apertium-eng-spa "));
    apertium_missing(&m, "en", "xyz", msg, sizeof msg);
    assert_non_null(strstr(msg, "no Debian package"));
    apertium_modes_free(&m);

    assert_int_equal(apertium_modes_scan("/nonexistent", &m, err,
                                         sizeof err), -1);
    assert_non_null(strstr(err, "apt-get install apertium"));
}

/* ---- the stream format ---- */

static void check_request(const char *in, const char *want)
{
    precis_buf b = { 0 };
    apertium_request(&b, in, strlen(in), 7);
    assert_false(b.oom);
    /* One request: the text, the marker, one NUL at the end. */
    assert_int_equal(b.s[b.len - 1], '\0');
    if (strcmp(b.s, want))
        fail_msg("request for \"%s\":\n got  \"%s\"\n want \"%s\"", in,
                 b.s, want);
    precis_buf_free(&b);
}

static void test_request_escaping(void **state)
{
    (void)state;
    check_request("The dog barked.", "The dog barked.[<pz:7>]");
    check_request("  two\n lines \t here ", "two lines here[<pz:7>]");
    check_request("a [b] ^c$ d/e \\f <g> {h} x@y",
                  "a \\[b\\] \\^c\\$ d\\/e \\\\f \\<g\\> \\{h\\} x\\@y"
                  "[<pz:7>]");
    check_request("~tilde", "[~]tilde[<pz:7>]");
    check_request("See https://ex.com/a?b=[1].",
                  "See [https://ex.com/a?b=\\[1\\]].[<pz:7>]");
    check_request("(www.example.org)", "([www.example.org])[<pz:7>]");
    check_request("Mail bob@example.org, now",
                  "Mail [bob@example.org], now[<pz:7>]");
    check_request("by @handle", "by [@handle][<pz:7>]");
    check_request("\xE2\x80\x9Chttp://x.io\xE2\x80\x9D",
                  "\xE2\x80\x9C[http://x.io]\xE2\x80\x9D[<pz:7>]");
    /* Invalid UTF-8 and controls would stop a stage. */
    check_request("bad \xC3 byte\x01 \xED\xA0\x80 here",
                  "bad \xEF\xBF\xBD byte \xEF\xBF\xBD\xEF\xBF\xBD"
                  "\xEF\xBF\xBD here[<pz:7>]");
    check_request("", "[<pz:7>]");
}

static void check_answer(const char *resp, unsigned serial, const char *src,
                         int rc, const char *want)
{
    precis_buf out = { 0 };
    int got = apertium_answer(resp, strlen(resp), serial, src, strlen(src),
                              &out);
    assert_int_equal(got, rc);
    if (!rc && strcmp(out.s, want))
        fail_msg("answer \"%s\":\n got  \"%s\"\n want \"%s\"", resp, out.s,
                 want);
    precis_buf_free(&out);
}

static void test_answers(void **state)
{
    (void)state;
    check_answer("El perro ladr\xC3\xB3.[<pz:3>]", 3, "x", 0,
                 "El perro ladr\xC3\xB3.");
    check_answer(" Anduvo  en casa.[<pz:3>]\n", 3, "x", 0,
                 "Anduvo en casa.");
    check_answer("Ve [https://x.io/\\[1\\]] \\/ \\@a[<pz:9>]", 9, "x", 0,
                 "Ve https://x.io/[1] / @a");
    /* Out of step: another serial, none, or two. */
    check_answer("El perro.[<pz:4>]", 3, "x", -1, NULL);
    check_answer("El perro.", 3, "x", -1, NULL);
    check_answer("A[<pz:2>] B[<pz:3>]", 3, "x", -1, NULL);
    /* Escaped, a marker is text. */
    check_answer("[x/\\[<pz:2>\\]] \\[<pz:2>[<pz:3>]", 3, "x", 0,
                 "x/[<pz:2>] [<pz:2>");
    /* A closing ’ comes back as ': put it back when the source had no
     * straight apostrophe. */
    check_answer("Dijo \xE2\x80\x98hola'.[<pz:1>]", 1,
                 "He said \xE2\x80\x98hello\xE2\x80\x99.", 0,
                 "Dijo \xE2\x80\x98hola\xE2\x80\x99.");
    check_answer("Dijo 'hola'.[<pz:1>]", 1, "He said 'hello'.", 0,
                 "Dijo 'hola'.");
    /* A dropped pronoun after an opening quote. */
    check_answer("\xE2\x80\x9C Revisamos.\xE2\x80\x9D[<pz:1>]", 1,
                 "\xE2\x80\x9CWe reviewed.\xE2\x80\x9D", 0,
                 "\xE2\x80\x9CRevisamos.\xE2\x80\x9D");
    /* The marks of blanks between words written together: a space
     * between two words, nothing next to anything else. */
    check_answer("un accidente" APERTIUM_JOIN "de" APERTIUM_JOIN
                 "dos veh\xC3\xAD" "culos" APERTIUM_JOIN ".[<pz:1>]", 1,
                 "a two-vehicle accident.", 0,
                 "un accidente de dos veh\xC3\xAD" "culos.");
    check_answer("ni\xC3\xB1o" APERTIUM_JOIN "de" APERTIUM_JOIN "13"
                 APERTIUM_JOIN "a\xC3\xB1os, basado" APERTIUM_JOIN "en"
                 APERTIUM_JOIN "EE.UU." APERTIUM_JOIN "-" APERTIUM_JOIN
                 "arriba" APERTIUM_JOIN ")[<pz:1>]", 1, "x", 0,
                 "ni\xC3\xB1o de 13 a\xC3\xB1os, basado en EE.UU.-arriba)");
    /* One in the source is not the pipeline's: it goes in. */
    check_request("a" APERTIUM_JOIN "b", "ab[<pz:7>]");
}

/* ---- pipelines against the fake engine ---- */

static apertium_opts fake_opts(void)
{
    apertium_opts o = { .mark_unknown = 0, .timeout_ms = 3000,
                        .start_timeout_ms = 30000, .depth = 8,
                        .retries = 1 };
    return o;
}

static apertium_pipe *fake_pipe(void)
{
    apertium_modes m;
    char err[512];
    assert_int_equal(apertium_modes_scan(tmpdir, &m, err, sizeof err), 0);
    apertium_lang f, t;
    const apertium_mode *hop[2];
    apertium_lang_parse("xx", &f);
    apertium_lang_parse("yy", &t);
    assert_int_equal(apertium_route(&m, &f, &t, hop), 1);
    apertium_pipe *p = apertium_pipe_new(hop[0]);
    apertium_modes_free(&m);
    assert_non_null(p);
    return p;
}

static void run_jobs(apertium_pipe *p, const char *const *src, size_t n,
                     apertium_job *jobs, const apertium_opts *o)
{
    for (size_t i = 0; i < n; i++)
        jobs[i] = (apertium_job){ .src = src[i], .len = strlen(src[i]) };
    char err[512] = "";
    if (apertium_pipe_run(p, jobs, n, o, NULL, NULL, err, sizeof err))
        fail_msg("pipe run: %s", err);
}

static void free_jobs(apertium_job *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(jobs[i].out);
        free(jobs[i].err);
    }
}

static void test_pipe_pipelined(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    apertium_pipe *p = fake_pipe();
    apertium_opts o = fake_opts();
    enum { N = 200 };
    static char text[N][32];
    const char *src[N];
    for (int i = 0; i < N; i++) {
        snprintf(text[i], sizeof text[i], "segment %d [x] says hi", i);
        src[i] = text[i];
    }
    apertium_job jobs[N];
    run_jobs(p, src, N, jobs, &o);
    for (int i = 0; i < N; i++) {
        char want[40];
        snprintf(want, sizeof want, "SEGMENT %d [X] SAYS HI", i);
        assert_null(jobs[i].err);
        assert_string_equal(jobs[i].out, want);
    }
    free_jobs(jobs, N);
    /* The same pipeline serves the next batch: no new start. */
    run_jobs(p, src, 3, jobs, &o);
    assert_string_equal(jobs[2].out, "SEGMENT 2 [X] SAYS HI");
    assert_int_equal(apertium_pipe_starts(p), 1);
    free_jobs(jobs, 3);
    apertium_pipe_free(p);
}

static void test_pipe_crash_costs_one_segment(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    apertium_pipe *p = fake_pipe();
    apertium_opts o = fake_opts();
    const char *src[] = { "one", "two", "three CRASH", "four", "five",
                          "six", "seven" };
    apertium_job jobs[7];
    run_jobs(p, src, 7, jobs, &o);
    for (int i = 0; i < 7; i++) {
        if (i == 2) {
            assert_null(jobs[i].out);
            assert_non_null(jobs[i].err);
            assert_non_null(strstr(jobs[i].err, "fake: crashed"));
            continue;
        }
        assert_null(jobs[i].err);
        assert_non_null(jobs[i].out);
    }
    assert_string_equal(jobs[6].out, "SEVEN");
    /* Killed in flight, then the culprit alone (tried twice), then the
     * rest. */
    assert_int_equal(apertium_pipe_starts(p), 3);
    free_jobs(jobs, 7);
    apertium_pipe_free(p);
}

static void test_pipe_flaky_is_retried(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    unlink(getenv("FAKE_FLAG"));
    apertium_pipe *p = fake_pipe();
    apertium_opts o = fake_opts();
    const char *src[] = { "a", "b FLAKY", "c" };
    apertium_job jobs[3];
    run_jobs(p, src, 3, jobs, &o);
    assert_string_equal(jobs[1].out, "B FLAKY");
    assert_string_equal(jobs[2].out, "C");
    free_jobs(jobs, 3);
    apertium_pipe_free(p);
}

static void test_pipe_timeout_and_out_of_step(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    apertium_pipe *p = fake_pipe();
    apertium_opts o = fake_opts();
    o.timeout_ms = 300;
    o.start_timeout_ms = 3000;
    o.retries = 0;
    const char *src[] = { "a", "b HANG", "c", "d SKIP", "e" };
    apertium_job jobs[5];
    run_jobs(p, src, 5, jobs, &o);
    assert_string_equal(jobs[0].out, "A");
    assert_non_null(jobs[1].err);
    assert_non_null(strstr(jobs[1].err, "no answer in"));
    assert_string_equal(jobs[2].out, "C");
    assert_non_null(jobs[3].err);
    assert_non_null(strstr(jobs[3].err, "out of step"));
    assert_string_equal(jobs[4].out, "E");
    free_jobs(jobs, 5);
    apertium_pipe_free(p);
}

static void test_pipe_broken_mode(void **state)
{
    (void)state;
    if (!have_wblank_mode())
        skip();
    apertium_mode m = { .name = "zz-qq" };
    snprintf(m.path, sizeof m.path, "%s/zz-qq.mode", tmpdir);
    write_file(m.path, "/nonexistent/program $1\n", 0);
    apertium_pipe *p = apertium_pipe_new(&m);
    apertium_opts o = fake_opts();
    apertium_job jobs[3] = { { .src = "x", .len = 1 },
                             { .src = "y", .len = 1 },
                             { .src = "z", .len = 1 } };
    char err[512] = "";
    assert_int_equal(apertium_pipe_run(p, jobs, 3, &o, NULL, NULL, err,
                                       sizeof err), -1);
    assert_non_null(strstr(err, "stops without answering"));
    assert_non_null(strstr(err, "not found"));
    free_jobs(jobs, 3);
    apertium_pipe_free(p);
}

/* ---- the real thing, when installed ---- */

static void test_real_eng_spa(void **state)
{
    (void)state;
    apertium_modes m;
    char err[512];
    apertium_lang f, t;
    const apertium_mode *hop[2];
    apertium_lang_parse("en", &f);
    apertium_lang_parse("es", &t);
    if (apertium_modes_scan("", &m, err, sizeof err)
        || apertium_route(&m, &f, &t, hop) != 1) {
        if (m.v)
            apertium_modes_free(&m);
        print_message("SKIP: Apertium eng-spa is not installed\n");
        skip();
    }
    apertium_pipe *p = apertium_pipe_new(hop[0]);
    apertium_modes_free(&m);
    apertium_opts o = fake_opts();
    const char *src[] = {
        "The dog barked.",
        "Visit https://example.com/x or write to bob@example.org today",
        "He said \xE2\x80\x9Chello\xE2\x80\x9D to them [sic] for $4.5 "
        "million.",
    };
    apertium_job jobs[3];
    run_jobs(p, src, 3, jobs, &o);
    assert_string_equal(jobs[0].out, "El perro ladr\xC3\xB3.");
    assert_non_null(strstr(jobs[1].out, "https://example.com/x"));
    assert_non_null(strstr(jobs[1].out, "bob@example.org"));
    assert_non_null(strstr(jobs[2].out, "\xE2\x80\x9Chola\xE2\x80\x9D"));
    assert_non_null(strstr(jobs[2].out, "[sic]"));
    assert_non_null(strstr(jobs[2].out, "$4.5"));
    free_jobs(jobs, 3);
    /* Words written together keep their blanks when the rules reorder
     * them, and their hyphens when not; contractions still happen. */
    const char *joined[] = {
        "A 51-year-old driver was killed in a two-vehicle accident.",
        "The 3-year plan of the U.S.-based firm failed.",
        "They pulled him out of the water.",
    };
    run_jobs(p, joined, 3, jobs, &o);
    assert_non_null(strstr(jobs[0].out, "de 51 a\xC3\xB1os"));
    assert_non_null(strstr(jobs[0].out,
                           "un accidente de dos veh\xC3\xAD" "culos."));
    assert_non_null(strstr(jobs[1].out, "plan de 3 a\xC3\xB1os"));
    assert_non_null(strstr(jobs[1].out, "basada en EE.UU."));
    assert_non_null(strstr(jobs[2].out, "del agua."));
    for (int i = 0; i < 3; i++)
        assert_null(strstr(jobs[i].out, APERTIUM_JOIN));
    free_jobs(jobs, 3);
    apertium_pipe_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lang_codes),
        cmocka_unit_test(test_modes_and_routes),
        cmocka_unit_test(test_request_escaping),
        cmocka_unit_test(test_answers),
        cmocka_unit_test(test_pipe_pipelined),
        cmocka_unit_test(test_pipe_crash_costs_one_segment),
        cmocka_unit_test(test_pipe_flaky_is_retried),
        cmocka_unit_test(test_pipe_timeout_and_out_of_step),
        cmocka_unit_test(test_pipe_broken_mode),
        cmocka_unit_test(test_real_eng_spa),
    };
    return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
