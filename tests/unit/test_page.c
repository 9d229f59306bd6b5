/*
 * test_page.c - what keeps HTML pages safe (session/page.c): escaping of
 * text and attribute values, repair of invalid UTF-8 and characters a
 * page must not carry, relative links that cannot form a scheme, and JSON
 * data that cannot end its element; and a page rendered from a hostile
 * article through the public API.
 */
#include "test_util.h"

#include "session/page.h"

static char *esc(const char *s, size_t n)
{
    strbuf sb = STRBUF_INIT;
    page_esc(&sb, s, n);
    assert_false(sb.oom);
    return sb_steal(&sb);
}

static void expect_esc(const char *in, size_t n, const char *want)
{
    char *got = esc(in, n);
    if (strcmp(got, want))
        fail_msg("escaping %zu bytes: got \"%s\", want \"%s\"", n, got,
                 want);
    free(got);
}

#define ESC(in, want) expect_esc(in, sizeof in - 1, want)
#define FFFD "\xEF\xBF\xBD"

static void test_markup(void **state)
{
    (void)state;
    ESC("<script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;");
    ESC("\"><img src=x onerror=alert(1)>",
        "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    ESC("O'Neil & \"Sons\"", "O&#39;Neil &amp; &quot;Sons&quot;");
    ESC("&amp;", "&amp;amp;");
    ESC("plain text, caf\xC3\xA9 \xF0\x9F\x98\x80", "plain text, caf\xC3\xA9 "
        "\xF0\x9F\x98\x80");
}

static void test_bad_bytes(void **state)
{
    (void)state;
    ESC("a\xFF" "b", "a" FFFD "b");
    ESC("a\xC3", "a" FFFD);                 /* cut short */
    ESC("\xC0\xAF", FFFD FFFD);             /* overlong */
    ESC("\xED\xA0\x80", FFFD FFFD FFFD);    /* a surrogate */
    expect_esc("a\0b", 3, "a" FFFD "b");
    ESC("tab\tline\nCR\r.", "tab\tline\nCR\n.");
    ESC("\x01\x1B\x7F", FFFD FFFD FFFD);
    ESC("\xC2\x85", FFFD);                  /* U+0085, a C1 control */
    ESC("\xEF\xBF\xBE", FFFD);              /* U+FFFE */
    ESC("\xEF\xB7\x90", FFFD);              /* U+FDD0 */
    ESC("\xF0\x9F\xBF\xBF", FFFD);          /* U+1FFFF */
}

static void test_attr_and_url(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page_attr_z(&sb, "data-speaker", "Ann \" onmouseover=\"alert(1)");
    assert_string_equal(sb_str(&sb), " data-speaker=\"Ann &quot; "
                        "onmouseover=&quot;alert(1)\"");
    sb_reset(&sb);
    page_url_path(&sb, "javascript:alert(1).html");
    assert_string_equal(sb_str(&sb), "./javascript%3Aalert%281%29.html");
    sb_reset(&sb);
    page_url_path(&sb, "//evil.example/x y\"<.html");
    assert_string_equal(sb_str(&sb), ".///evil.example/x%20y%22%3C.html");
    sb_reset(&sb);
    page_url_path(&sb, "a/b-c_d.e~f/caf\xC3\xA9.html");
    assert_string_equal(sb_str(&sb), "./a/b-c_d.e~f/caf%C3%A9.html");
    sb_free(&sb);
}

static void test_data(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page_data(&sb, "d", "{\"h\":\"</script><!-- & \x7F \xC2\x85 "
              "\xF0\x9F\xBF\xBE \xC3\xA9\"}");
    assert_string_equal(sb_str(&sb),
        "<script type=\"application/json\" id=\"d\">{\"h\":\"\\u003c/script"
        "\\u003e\\u003c!-- \\u0026 \\u007f \\u0085 \\ud83f\\udffe "
        "\xC3\xA9\"}</script>\n");
    sb_free(&sb);
}

/* The whole page of a hostile article: nothing of it is markup. */
static void test_page(void **state)
{
    (void)state;
    static const char art[] =
        "{\"title\": \"</title><script>alert(1)</script>\", "
        "\"byline\": \"By Ann Lee\", \"url\": \"javascript:alert(1)\", "
        "\"text\": \"The plan <iframe src=\\\"javascript:alert(1)\\\">"
        " was approved on Monday, the council said.\\n\\n\\\"It is "
        "<b onclick=alert(1)>good</b>,\\\" said Mayor Tom Reed after the "
        "vote.\"}";
    precis_ctx *ctx = tu_ctx(NULL);
    precis_article *a = NULL;
    precis_error err = { 0, "" };
    assert_int_equal(precis_load_buffer(ctx, "hostile.json", art,
                                        sizeof art - 1, PRECIS_FORMAT_JSON,
                                        &a, &err), 0);
    assert_int_equal(precis_run(ctx, a, &err), 0);
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    assert_int_equal(precis_write(ctx, a, PRECIS_VIEW_SUMMARY,
                                  PRECIS_OUTPUT_HTML, f, &err), 0);
    fclose(f);
    /* Two script elements (the data, the page's own), one style; the
     * article's markup only as text. */
    size_t scripts = 0;
    for (const char *p = page; (p = strstr(p, "<script")); p++)
        scripts++;
    assert_int_equal(scripts, 2);
    assert_null(strstr(page, "<iframe"));
    assert_null(strstr(page, "<b "));
    assert_null(strstr(page, "href=\"javascript"));
    assert_non_null(strstr(page, "&lt;iframe src=&quot;javascript:"));
    assert_non_null(strstr(page, "<title>&lt;/title&gt;&lt;script&gt;"));
    assert_non_null(strstr(page, "<mark class=\"summary\""));
    assert_non_null(strstr(page, "data-speaker=\"Tom Reed\""));
    assert_non_null(strstr(page, "default-src 'none'"));
    assert_string_equal(page + len - 8, "</html>\n");
    free(page);
    precis_article_free(a);
    precis_ctx_free(ctx);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markup),
        cmocka_unit_test(test_bad_bytes),
        cmocka_unit_test(test_attr_and_url),
        cmocka_unit_test(test_data),
        cmocka_unit_test(test_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
