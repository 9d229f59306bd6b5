/*
 * test_load.c - the loaders: plain text, Markdown, JSON and JSON Lines,
 * and what they do with bad input.
 */
#include "test_util.h"

#include "text/article.h"

static precis_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    ctx = tu_ctx(NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    precis_ctx_free(ctx);
    return 0;
}

static char *para_text(const precis_article *a, size_t i)
{
    static char buf[512];
    const pr_para *p = &a->paras.v[i];
    snprintf(buf, sizeof buf, "%.*s", (int)(p->end - p->start),
             a->text + p->start);
    return buf;
}

static void text_blank_lines(void **state)
{
    (void)state;
    const char *t = "Headline here\n\nFirst paragraph, one sentence. And "
                    "another one.\n\nSecond paragraph.\n";
    precis_article *a = tu_load(ctx, "t.txt", t, strlen(t),
                                PRECIS_FORMAT_TEXT);
    assert_int_equal(a->paras.n, 3);
    assert_string_equal(para_text(a, 2), "Second paragraph.");
    assert_int_equal(a->paras.v[0].kind, PRECIS_KIND_HEADLINE);
    assert_int_equal(a->paras.v[1].nsent, 2);
    precis_article_free(a);
}

/* Scraped text: every line is a block. */
static void text_single_newlines(void **state)
{
    (void)state;
    const char *t = "2 min read\nA headline\nThe body starts here. It has "
                    "two sentences.\nAnother paragraph follows.\n";
    precis_article *a = tu_load(ctx, "t.txt", t, strlen(t),
                                PRECIS_FORMAT_TEXT);
    assert_int_equal(a->paras.n, 4);
    assert_string_equal(para_text(a, 1), "A headline");
    assert_int_equal(a->paras.v[0].kind, PRECIS_KIND_BOILERPLATE);
    assert_string_equal(a->paras.v[0].reason, "reading-time");
    precis_article_free(a);
}

/* Hard-wrapped prose: single line breaks fall inside paragraphs. */
static void text_hard_wrapped(void **state)
{
    (void)state;
    const char *t =
        "The committee met on Tuesday to discuss the budget for the next\n"
        "year, and members disagreed sharply about the cuts proposed by\n"
        "the finance director, who said savings were unavoidable.\n"
        "\n"
        "A second paragraph also wraps across lines because the writer\n"
        "used a plain text editor that breaks lines at seventy columns\n"
        "or so, as many archives of older articles still do today.\n";
    precis_article *a = tu_load(ctx, "w.txt", t, strlen(t),
                                PRECIS_FORMAT_TEXT);
    assert_int_equal(a->paras.n, 2);
    assert_int_equal(a->sents.n, 2);
    precis_article_free(a);
}

static void text_bom_crlf(void **state)
{
    (void)state;
    const char *t = "\xEF\xBB\xBFTitle line\r\n\r\nBody sentence one. Body "
                    "sentence two.\r\n";
    precis_article *a = tu_load(ctx, "b.txt", t, strlen(t),
                                PRECIS_FORMAT_TEXT);
    assert_int_equal(a->paras.n, 2);
    /* Offsets are file offsets: the BOM is skipped, not removed. */
    assert_int_equal(a->paras.v[0].start, 3);
    assert_string_equal(para_text(a, 0), "Title line");
    assert_string_equal(para_text(a, 1),
                        "Body sentence one. Body sentence two.");
    assert_int_equal(a->sents.n, 3);
    precis_article_free(a);
}

static void markdown_structure(void **state)
{
    (void)state;
    const char *t = "# Big news today\n\nBy Jane Doe\n\nThe *first* "
                    "paragraph has a [link](http://x.org). It ends.\n\n"
                    "> A quoted passage\n> that spans lines.\n\n"
                    "## A section\n\n- item one\n- item two\n\n"
                    "Final words here.\n";
    precis_article *a = tu_load(ctx, "m.md", t, strlen(t),
                                PRECIS_FORMAT_MARKDOWN);
    assert_int_equal(a->paras.n, 8);
    assert_int_equal(a->paras.v[0].kind, PRECIS_KIND_HEADLINE);
    assert_string_equal(para_text(a, 0), "Big news today");
    assert_int_equal(a->paras.v[1].kind, PRECIS_KIND_BYLINE);
    assert_string_equal(para_text(a, 2),
                        "The first paragraph has a link. It ends.");
    assert_int_equal(a->paras.v[3].kind, PRECIS_KIND_BLOCKQUOTE);
    assert_string_equal(para_text(a, 3),
                        "A quoted passage\nthat spans lines.");
    assert_int_equal(a->paras.v[4].kind, PRECIS_KIND_HEADING);
    assert_int_equal(a->paras.v[5].kind, PRECIS_KIND_LIST);
    assert_int_equal(a->paras.v[7].kind, PRECIS_KIND_BODY);
    precis_article_free(a);
}

static void markdown_front_matter(void **state)
{
    (void)state;
    const char *t = "---\ntitle: \"Fiesta en Madrid\"\nauthor: Ana Gil\n"
                    "date: 2024-05-02\nlang: es\n---\n\nLa ciudad celebra "
                    "hoy su fiesta mayor con miles de personas en la "
                    "calle.\n";
    precis_article *a = tu_load(ctx, "f.md", t, strlen(t),
                                PRECIS_FORMAT_MARKDOWN);
    assert_string_equal(a->lang, "es");
    assert_string_equal(article_field(a, "headline"), "Fiesta en Madrid");
    assert_string_equal(article_field(a, "date"), "2024-05-02");
    assert_int_equal(a->paras.v[1].kind, PRECIS_KIND_BYLINE);
    precis_article_free(a);
}

static void json_object_text(void **state)
{
    (void)state;
    const char *t = "{\"id\": \"a1\", \"title\": \"T\", \"author\": "
                    "[\"A B\", \"C D\"], \"date\": \"2024-01-02\", "
                    "\"site\": \"Example\", \"lang\": \"en\", \"text\": "
                    "\"One. Two.\\n\\nThree.\"}";
    precis_article *a = tu_load(ctx, "j.json", t, strlen(t),
                                PRECIS_FORMAT_JSON);
    assert_int_equal(a->paras.n, 5);
    assert_int_equal(a->paras.v[0].kind, PRECIS_KIND_HEADLINE);
    assert_int_equal(a->paras.v[1].kind, PRECIS_KIND_BYLINE);
    assert_string_equal(para_text(a, 1), "A B; C D");
    assert_int_equal(a->paras.v[2].kind, PRECIS_KIND_DATE);
    assert_string_equal(article_field(a, "id"), "a1");
    assert_string_equal(article_field(a, "site"), "Example");
    assert_string_equal(article_field(a, "date"), "2024-01-02");
    assert_int_equal(a->paras.v[3].nsent, 2);
    precis_article_free(a);
}

static void json_paragraphs_given(void **state)
{
    (void)state;
    const char *t = "{\"paragraphs\": [\"Short line\", {\"text\": \"Share "
                    "this\", \"kind\": \"boilerplate\"}, \"Body text.\"]}";
    precis_article *a = tu_load(ctx, "p.json", t, strlen(t),
                                PRECIS_FORMAT_JSON);
    assert_int_equal(a->paras.n, 3);
    /* Taken as given: a short line is body, not a headline. */
    assert_int_equal(a->paras.v[0].kind, PRECIS_KIND_BODY);
    assert_int_equal(a->paras.v[1].kind, PRECIS_KIND_BOILERPLATE);
    precis_article_free(a);
}

static void expect_error(const char *name, const char *data, size_t len,
                         precis_format fmt, int code, const char *needle)
{
    precis_article *a = NULL;
    precis_error err = { 0, "" };
    int rc = precis_load_buffer(ctx, name, data, len, fmt, &a, &err);
    assert_int_equal(rc, code);
    assert_null(a);
    if (!strstr(err.message, needle))
        fail_msg("message '%s' lacks '%s'", err.message, needle);
    assert_non_null(strstr(err.message, name));
}

static void bad_inputs(void **state)
{
    (void)state;
    expect_error("bad.txt", "Caf\xE9 au lait", 12, PRECIS_FORMAT_TEXT,
                 PRECIS_EUTF8, "byte offset 3");
    expect_error("bin.dat", "ab\0cd", 5, PRECIS_FORMAT_TEXT, PRECIS_EUTF8,
                 "NUL byte");
    /* a binary file named as a page: refused, not read for its strings */
    static const char elf[] = "\x7f" "ELF\2\1\1\0\0\0<html><p>Some "
                              "strings a summary would take.</p>";
    expect_error("prog.html", elf, sizeof elf - 1, PRECIS_FORMAT_HTML,
                 PRECIS_EUTF8, "byte offset 7: NUL byte");
    /* UTF-16 (Notepad's "Unicode") is named as such */
    expect_error("wide.txt", "\xFF\xFEH\0i\0.\0", 8, PRECIS_FORMAT_TEXT,
                 PRECIS_EUTF8, "in UTF-16LE");
    expect_error("empty.txt", "", 0, PRECIS_FORMAT_TEXT,
                 PRECIS_ENOCONTENT, "empty");
    expect_error("blank.txt", " \n\n \n", 5, PRECIS_FORMAT_TEXT,
                 PRECIS_ENOCONTENT, "empty");
    expect_error("x.json", "{\"title\": 1,}", 13, PRECIS_FORMAT_JSON,
                 PRECIS_EFORMAT, "invalid JSON");
    expect_error("n.json", "{\"text\": \"a\\u0000b\"}", 19,
                 PRECIS_FORMAT_JSON, PRECIS_EFORMAT, "a NUL character");
    expect_error("y.json", "{\"title\": \"x\"}", 14, PRECIS_FORMAT_JSON,
                 PRECIS_EFORMAT, "neither");
    const char *poem = "{\"paragraphs\": [{\"text\": \"a\", \"kind\": "
                       "\"poem\"}]}";
    expect_error("z.json", poem, strlen(poem), PRECIS_FORMAT_JSON,
                 PRECIS_EFORMAT, "unknown kind 'poem'");
}

static void replace_invalid(void **state)
{
    (void)state;
    const char *sets[] = { "input.invalid_utf8=replace", NULL };
    precis_ctx *c = tu_ctx(sets);
    precis_article *a = tu_load(c, "r.txt", "Caf\xE9 ok.", 8,
                                PRECIS_FORMAT_TEXT);
    assert_string_equal(a->text, "Caf\xEF\xBF\xBD ok.");
    precis_article_free(a);
    precis_ctx_free(c);
}

static int read_all(precis_reader *r, int *ok, int *bad)
{
    precis_article *a;
    precis_error err;
    int rc;
    while ((rc = precis_reader_next(r, &a, &err)) != 0) {
        if (rc > 0) {
            (*ok)++;
            precis_article_free(a);
        } else {
            (*bad)++;
            if (!strstr(err.message, ".jsonl:2:"))
                fail_msg("message '%s' lacks the line", err.message);
        }
    }
    return 0;
}

static void json_lines(void **state)
{
    (void)state;
    const char *t = "{\"id\": 1, \"text\": \"First.\"}\n"
                    "{\"id\": 2, \"text\": broken}\n"
                    "\n"
                    "{\"id\": 3,\n  \"text\": \"Pretty printed.\"\n}\n"
                    "{\"id\": 4, \"text\": \"Last.\"}\n";
    char *path = tu_tempfile(".jsonl", t, strlen(t));
    precis_reader *r;
    precis_error err;
    assert_int_equal(precis_reader_open(ctx, path, PRECIS_FORMAT_AUTO, &r,
                                        &err), 0);
    int ok = 0, bad = 0;
    read_all(r, &ok, &bad);
    assert_int_equal(ok, 3);
    assert_int_equal(bad, 1);
    precis_reader_close(r);
    remove(path);
    free(path);
}

/*
 * An unfinished record, then a line that starts a new one and holds a
 * NUL byte, then a long valid record: the line read ahead is kept whole
 * (all its bytes, not up to the NUL), so reading it back and reading the
 * next line stay within their buffers.  Each record is reported with its
 * own line number and the last one loads.
 */
static void json_lines_nul_after_unfinished(void **state)
{
    (void)state;
    char t[1024];
    size_t n = 0;
    n += (size_t)snprintf(t + n, sizeof t - n, "{\"id\": 1,\n");
    t[n++] = '{';
    t[n++] = '\0';
    memset(t + n, 'x', 300);
    n += 300;
    t[n++] = '\n';
    n += (size_t)snprintf(t + n, sizeof t - n, "{\"id\": 3, \"text\": \"");
    memset(t + n, 'y', 250);
    n += 250;
    n += (size_t)snprintf(t + n, sizeof t - n, ".\"}\n");
    char *path = tu_tempfile(".jsonl", t, n);
    precis_reader *r;
    precis_error err;
    assert_int_equal(precis_reader_open(ctx, path, PRECIS_FORMAT_AUTO, &r,
                                        &err), 0);
    precis_article *a = NULL;
    /* Each bad record is named by its own line. */
    assert_true(precis_reader_next(r, &a, &err) < 0);
    assert_non_null(strstr(err.message, ".jsonl:1: invalid JSON"));
    assert_true(precis_reader_next(r, &a, &err) < 0);
    assert_non_null(strstr(err.message, ".jsonl:2: invalid JSON"));
    assert_int_equal(precis_reader_next(r, &a, &err), 1);
    assert_string_equal(precis_article_field(a, "id"), "3");
    assert_non_null(strstr(precis_article_source(a), ".jsonl:3"));
    precis_article_free(a);
    assert_int_equal(precis_reader_next(r, &a, &err), 0);
    precis_reader_close(r);
    remove(path);
    free(path);
}

static void files_and_dirs(void **state)
{
    (void)state;
    precis_reader *r = NULL;
    precis_error err;
    assert_int_equal(precis_reader_open(ctx, "/nonexistent/x.txt",
                                        PRECIS_FORMAT_AUTO, &r, &err),
                     PRECIS_ENOTFOUND);
    assert_non_null(strstr(err.message, "/nonexistent/x.txt"));
    assert_int_equal(precis_reader_open(ctx, "/tmp", PRECIS_FORMAT_AUTO, &r,
                                        &err), PRECIS_EIO);
    assert_non_null(strstr(err.message, "is a directory"));
}

/* A 50 MB file of one line loads and analyzes. */
static void big_single_line(void **state)
{
    (void)state;
    const char unit[] = "The council voted on the new budget today. ";
    size_t n = 50u << 20, ul = sizeof unit - 1;
    char *t = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        t[i] = unit[i % ul];
    t[n] = '\0';
    precis_article *a = tu_load(ctx, "big.txt", t, n, PRECIS_FORMAT_TEXT);
    assert_int_equal(a->paras.n, 1);
    assert_true(a->sents.n >= n / ul - 1);
    assert_true(a->terms.n < 20);
    precis_article_free(a);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_blank_lines),
        cmocka_unit_test(text_single_newlines),
        cmocka_unit_test(text_hard_wrapped),
        cmocka_unit_test(text_bom_crlf),
        cmocka_unit_test(markdown_structure),
        cmocka_unit_test(markdown_front_matter),
        cmocka_unit_test(json_object_text),
        cmocka_unit_test(json_paragraphs_given),
        cmocka_unit_test(bad_inputs),
        cmocka_unit_test(replace_invalid),
        cmocka_unit_test(json_lines),
        cmocka_unit_test(json_lines_nul_after_unfinished),
        cmocka_unit_test(files_and_dirs),
        cmocka_unit_test(big_single_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
