/*
 * test_html.c - unit tests for the HTML loader (load_html.c, html_*.c).
 *
 * Pages are built in the tests: an article (headline, paragraphs) inside
 * the furniture real pages have (navigation, sidebars, comments, footers,
 * scripts), then loaded with precis_load_buffer() as HTML and checked
 * through the article model: which text became paragraphs, with which
 * kinds, and which metadata with which source.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text/article.h"
#include "precis.h"
#include "base/strbuf.h"

static precis_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    precis_error err = { 0, "" };
    if (precis_ctx_new(&ctx, &err) || precis_ctx_prepare(ctx, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    precis_ctx_free(ctx);
    return 0;
}

/* ---- helpers ---- */

static int try_load(const char *html, size_t len, precis_article **a,
                    precis_error *err)
{
    *a = NULL;
    return precis_load_buffer(ctx, "page.html", html, len,
                              PRECIS_FORMAT_HTML, a, err);
}

static precis_article *load_n(const char *html, size_t len)
{
    precis_error err = { 0, "" };
    precis_article *a;
    int rc = try_load(html, len, &a, &err);
    if (rc)
        fail_msg("loading failed: %s", err.message);
    return a;
}

static precis_article *load(const char *html)
{
    return load_n(html, strlen(html));
}

/* Index of the first paragraph containing needle, or -1. */
static long find_para(const precis_article *a, const char *needle)
{
    for (size_t i = 0; i < a->paras.n; i++) {
        const pr_para *p = &a->paras.v[i];
        size_t n = strlen(needle);
        for (size_t k = p->start; k + n <= p->end; k++)
            if (!memcmp(a->text + k, needle, n))
                return (long)i;
    }
    return -1;
}

static int kind_of(const precis_article *a, const char *needle)
{
    long i = find_para(a, needle);
    if (i < 0)
        fail_msg("no paragraph holds \"%s\"", needle);
    return a->paras.v[i].kind;
}

/* The paragraph's text, NUL-terminated, in a static buffer. */
static const char *para(const precis_article *a, size_t i)
{
    static char buf[4096];
    assert_true(i < a->paras.n);
    size_t n = a->paras.v[i].end - a->paras.v[i].start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, a->text + a->paras.v[i].start, n);
    buf[n] = '\0';
    return buf;
}

static void assert_field(const precis_article *a, const char *key,
                         const char *want)
{
    const char *v = article_field(a, key);
    if (!v || strcmp(v, want))
        fail_msg("field %s: got \"%s\", want \"%s\"", key, v ? v : "(none)",
                 want);
}

static const char body_paras[] =
    "<p>The city council voted on Tuesday to expand the bus network, "
    "adding four routes, longer hours and a night service that will run "
    "until two in the morning.</p>\n"
    "<p>Supporters said the plan, which costs about 12 million a year, "
    "would help shift workers, students and older residents who do not "
    "drive.</p>\n"
    "<p>Opponents argued that the money, raised through a new parking "
    "levy, should have gone to road repairs, and they promised to bring "
    "the question back next year.</p>\n";

/* The same three paragraphs, for string literals. */
#define BODY \
    "<p>The city council voted on Tuesday to expand the bus network, " \
    "adding four routes, longer hours and a night service that will run " \
    "until two in the morning.</p>\n" \
    "<p>Supporters said the plan, which costs about 12 million a year, " \
    "would help shift workers, students and older residents who do not " \
    "drive.</p>\n" \
    "<p>Opponents argued that the money, raised through a new parking " \
    "levy, should have gone to road repairs, and they promised to bring " \
    "the question back next year.</p>\n"

/* A page with an article (article, then more) and the usual furniture
 * around it. */
static void page2(strbuf *sb, const char *head, const char *article,
                  const char *more)
{
    sb_printf(sb,
        "<!DOCTYPE html><html><head><title>Council expands buses - "
        "Daily Bugle</title>%s</head><body>\n"
        "<header class=\"site-header\"><a href=\"/\">Daily Bugle</a></header>\n"
        "<nav class=\"menu\"><ul><li><a href=\"/a\">NAVTEXT World</a></li>"
        "<li><a href=\"/b\">Politics</a></li><li><a href=\"/c\">Sport</a>"
        "</li></ul></nav>\n"
        "<main><article>%s%s</article>\n"
        "<aside class=\"sidebar\"><h3>Most read</h3><ul>"
        "<li><a href=\"/x\">SIDEBARTEXT A different story entirely</a></li>"
        "<li><a href=\"/y\">Another story about something</a></li></ul>"
        "</aside></main>\n"
        "<footer><p>FOOTERTEXT Copyright 2024 Daily Bugle, all rights "
        "reserved, no reuse without permission.</p></footer>\n"
        "<script>var SCRIPTTEXT = \"<p>not text</p>\";</script>\n"
        "</body></html>\n", head, article, more);
}

static void page(strbuf *sb, const char *head, const char *article)
{
    page2(sb, head, article, "");
}

/* ---- encodings ---- */

static void test_windows_1252_without_charset(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page2(&sb, "", "<h1>Caf\xe9 owners welcome buses</h1>"
                  "<p>The caf\xe9 on the square \x93will stay open "
                  "later\x94, its owner said, now that buses run until two "
                  "in the morning \x96 and she will hire staff.</p>",
           body_paras);
    precis_article *a = load(sb.s);
    assert_int_equal(kind_of(a, "Caf\xc3\xa9 owners"), PRECIS_KIND_HEADLINE);
    assert_true(find_para(a, "The caf\xc3\xa9 on the square \xe2\x80\x9cwill "
                             "stay open later\xe2\x80\x9d") >= 0);
    assert_true(find_para(a, "morning \xe2\x80\x93 and") >= 0);
    assert_non_null(strstr(article_field(a, "encoding_source"),
                           "windows-1252"));
    precis_article_free(a);
    sb_free(&sb);
}

static void test_iso_8859_1_meta_charset(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page(&sb, "<meta charset=\"ISO-8859-1\">",
         "<h1>S\xe3o Paulo amplia \xf4nibus</h1>"
         "<p>A prefeitura de S\xe3o Paulo anunciou nesta ter\xe7" "a-feira "
         "que a frota de \xf4nibus ter\xe1 mais linhas, com hor\xe1rios "
         "estendidos e servi\xe7o noturno.</p>");
    precis_article *a = load(sb.s);
    assert_true(find_para(a, "S\xc3\xa3o Paulo anunciou nesta "
                             "ter\xc3\xa7" "a-feira") >= 0);
    assert_true(find_para(a, "servi\xc3\xa7o noturno") >= 0);
    /* iso-8859-1 is read as windows-1252, as browsers do */
    assert_non_null(strstr(article_field(a, "encoding_source"),
                           "windows-1252 (meta)"));
    precis_article_free(a);
    sb_free(&sb);
}

static void test_http_equiv_charset(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page2(&sb, "<meta http-equiv=\"Content-Type\" "
               "content=\"text/html; charset=windows-1251\">",
           "<h1>\xcd\xee\xe2\xee\xf1\xf2\xe8</h1>"
           "<p>\xc3\xee\xf0\xee\xe4\xf1\xea\xee\xe9 \xf1\xee\xe2\xe5\xf2 "
           "\xef\xf0\xe8\xed\xff\xeb \xf0\xe5\xf8\xe5\xed\xe8\xe5, "
           "\xe8 \xe0\xe2\xf2\xee\xe1\xf3\xf1\xfb \xe1\xf3\xe4\xf3\xf2 "
           "\xf5\xee\xe4\xe8\xf2\xfc \xf7\xe0\xf9\xe5.</p>", body_paras);
    precis_article *a = load(sb.s);
    /* "Городской совет принял решение" */
    assert_true(find_para(a, "\xd0\x93\xd0\xbe\xd1\x80\xd0\xbe\xd0\xb4"
                             "\xd1\x81\xd0\xba\xd0\xbe\xd0\xb9") >= 0);
    assert_non_null(strstr(article_field(a, "encoding_source"),
                           "windows-1251 (http-equiv)"));
    precis_article_free(a);
    sb_free(&sb);
}

static void test_utf8_bom(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "\xef\xbb\xbf");
    page2(&sb, "<meta charset=\"windows-1252\">",  /* the BOM wins */
           "<h1>Na\xc3\xafve riders</h1><p>Caf\xc3\xa9s along the new "
           "route expect more customers, na\xc3\xafvely perhaps, once the "
           "night buses start running in May.</p>", body_paras);
    precis_article *a = load(sb.s);
    assert_int_equal(kind_of(a, "Na\xc3\xafve riders"),
                     PRECIS_KIND_HEADLINE);
    assert_true(find_para(a, "Caf\xc3\xa9s along") >= 0);
    assert_int_equal(memcmp(a->text, "Na", 2), 0);   /* no BOM in text */
    assert_non_null(strstr(article_field(a, "encoding_source"),
                           "UTF-8 (bom)"));
    precis_article_free(a);
    sb_free(&sb);
}

/* UTF-8 (code points up to U+FFFF) to UTF-16 with a byte order mark. */
static char *to_utf16(const char *s, size_t *len, int big_endian)
{
    size_t n = strlen(s);
    char *out = malloc(2 * n + 2);
    size_t k = 0;
    out[k++] = big_endian ? '\xfe' : '\xff';
    out[k++] = big_endian ? '\xff' : '\xfe';
    for (size_t i = 0; i < n;) {
        unsigned c = (unsigned char)s[i];
        unsigned cp;
        if (c < 0x80) {
            cp = c;
            i += 1;
        } else if (c < 0xE0) {
            cp = (c & 0x1F) << 6 | ((unsigned char)s[i + 1] & 0x3F);
            i += 2;
        } else {
            cp = (c & 0x0F) << 12 | ((unsigned char)s[i + 1] & 0x3F) << 6
               | ((unsigned char)s[i + 2] & 0x3F);
            i += 3;
        }
        out[k++] = (char)(big_endian ? cp >> 8 : cp & 0xFF);
        out[k++] = (char)(big_endian ? cp & 0xFF : cp >> 8);
    }
    *len = k;
    return out;
}

static void test_utf16_bom(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page2(&sb, "<meta charset=\"utf-8\">",
           "<h1>\xe2\x80\x9cNight buses\xe2\x80\x9d approved</h1>"
           "<p>Z\xc3\xbcrich-style night buses \xe2\x80\x94 six of them "
           "\xe2\x80\x94 will start in May, the transport office said, and "
           "fares will not change.</p>", body_paras);
    for (int be = 0; be <= 1; be++) {
        size_t n;
        char *u16 = to_utf16(sb.s, &n, be);
        precis_article *a = load_n(u16, n);
        assert_true(find_para(a, "Z\xc3\xbcrich-style night buses "
                                 "\xe2\x80\x94 six") >= 0);
        assert_int_equal(kind_of(a, "Night buses"), PRECIS_KIND_HEADLINE);
        assert_non_null(strstr(article_field(a, "encoding_source"),
                               be ? "UTF-16BE (bom)" : "UTF-16LE (bom)"));
        precis_article_free(a);
        free(u16);
    }
    sb_free(&sb);
}

static void test_declared_utf8_with_bad_bytes(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    /* mostly UTF-8, one stray byte: repaired, not misread as Latin-1 */
    page2(&sb, "<meta charset=\"utf-8\">",
           "<h1>R\xc3\xa9sum\xc3\xa9 of the vote</h1><p>The council's "
           "r\xc3\xa9sum\xc3\xa9 of the vote \xff lists every route, every "
           "stop and every timetable change planned for the spring.</p>",
           body_paras);
    precis_article *a = load(sb.s);
    assert_true(find_para(a, "r\xc3\xa9sum\xc3\xa9 of the vote "
                             "\xef\xbf\xbd lists") >= 0);
    assert_non_null(strstr(article_field(a, "encoding_source"),
                           "invalid bytes replaced"));
    precis_article_free(a);
    sb_free(&sb);
}

/* ---- structure ---- */

static void test_broken_markup(void **state)
{
    (void)state;
    static const char html[] =
        "<html><head><title>Broken</head><body>"
        "<div class=content><h1>Storm hits <b>coast</h1>"
        "<p>The storm reached the coast on Monday night, <i>bringing winds "
        "of 120 km/h</b> and heavy rain, and cutting power to thousands."
        "<p>Rescue teams worked through the night, clearing roads, "
        "checking on older residents and opening two shelters.</div></div>"
        "</span><p align=center>Schools will stay closed on Tuesday, "
        "officials said, &amp; buses will not run &copy &#8212 until "
        "the roads are safe.<table><tr><td>unclosed cell"
        "<!-- a comment that never ends";
    precis_article *a = load(html);
    assert_true(find_para(a, "bringing winds of 120 km/h and heavy rain")
                >= 0);
    assert_true(find_para(a, "Rescue teams worked") >= 0);
    assert_true(find_para(a, "officials said, & buses") >= 0);
    precis_article_free(a);
}

static void test_five_megabyte_page(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "<html><head><title>Big</title></head><body><nav><ul>");
    for (int i = 0; i < 3000; i++)
        sb_printf(&sb, "<li><a href=\"/s/%d\">Section %d</a></li>", i, i);
    sb_puts(&sb, "</ul></nav><article><h1>The long report</h1>");
    int n = 0;
    while (sb.len < 5 * 1024 * 1024) {
        sb_printf(&sb, "<p>Paragraph %d of the report says, at some "
                  "length, that the figures for this quarter, like those "
                  "of the last, point to slow growth, higher costs and a "
                  "careful year ahead for the company and its staff.</p>\n",
                  n++);
    }
    sb_puts(&sb, "</article></body></html>");
    precis_article *a = load_n(sb.s, sb.len);
    assert_true(find_para(a, "Paragraph 0 of the report") >= 0);
    char last[64];
    snprintf(last, sizeof last, "Paragraph %d of the report", n - 1);
    assert_true(find_para(a, last) >= 0);
    assert_true(find_para(a, "Section 17") < 0);
    assert_true(a->paras.n >= (size_t)n);
    precis_article_free(a);
    sb_free(&sb);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    enum { DEPTH = 10000 };
    strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "<html><body>");
    for (int i = 0; i < DEPTH; i++)
        sb_puts(&sb, "<div>");
    sb_puts(&sb, "<h1>Deep down</h1>");
    sb_puts(&sb, body_paras);
    for (int i = 0; i < DEPTH; i++)
        sb_puts(&sb, "</div>");
    sb_puts(&sb, "<p>After the deep part, a last paragraph closes the "
                 "page, with a comma or two, for good measure.</p>");
    sb_puts(&sb, "</body></html>");
    precis_article *a = load_n(sb.s, sb.len);
    assert_true(find_para(a, "The city council voted") >= 0);
    assert_true(find_para(a, "Opponents argued") >= 0);
    precis_article_free(a);
    sb_free(&sb);
}

static void test_no_article(void **state)
{
    (void)state;
    static const char html[] =
        "<html><head><title>Daily Bugle - Home</title></head><body>"
        "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World"
        "</a></li><li><a href=\"/p\">Politics</a></li><li><a href=\"/b\">"
        "Business</a></li><li><a href=\"/s\">Sport</a></li></ul></nav>"
        "<div class=\"cookie-banner\">We use cookies to improve your "
        "experience. <a href=\"/c\">Accept all cookies</a></div>"
        "<ul class=\"headlines\"><li><a href=\"/1\">Council expands the bus "
        "network</a></li><li><a href=\"/2\">Storm hits the coast</a></li>"
        "<li><a href=\"/3\">Schools stay closed on Tuesday</a></li></ul>"
        "<footer>Copyright 2024 Daily Bugle. All rights reserved. "
        "<a href=\"/t\">Terms</a> <a href=\"/p\">Privacy</a></footer>"
        "</body></html>";
    precis_article *a;
    precis_error err = { 0, "" };
    int rc = try_load(html, sizeof html - 1, &a, &err);
    assert_int_equal(rc, PRECIS_ENOCONTENT);
    assert_null(a);
    assert_string_equal(err.message, "page.html: no article content found");
    /* nothing at all */
    rc = try_load("<html><body></body></html>", 26, &a, &err);
    assert_int_equal(rc, PRECIS_ENOCONTENT);
}

static void test_boilerplate_dropped(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    strbuf art = STRBUF_INIT;
    sb_puts(&art, "<h1>Council expands buses</h1>"
        "<div class=\"share-bar\"><a href=\"#\">Share on Facebook</a> "
        "<a href=\"#\">SHARETEXT Tweet</a></div>"
        "<div class=\"entry-content\">");
    sb_puts(&art, body_paras);
    sb_puts(&art,
        "<style>.STYLETEXT { color: red }</style>"
        "<noscript>NOSCRIPTTEXT enable JavaScript</noscript>"
        "<div style=\"display: none\">HIDDENTEXT a paragraph nobody sees, "
        "with commas, many, many, of them.</div>"
        "<div class=\"newsletter-signup\"><p>NEWSLETTERTEXT Sign up for "
        "our daily newsletter</p><form><input type=\"email\"><button>"
        "BUTTONTEXT Subscribe</button></form></div>"
        "<p>The new routes start on the first of May, the council said, "
        "and the night service a month later.</p>"
        "</div>"
        "<div class=\"related-articles\"><h2>Related</h2><ul>"
        "<li><a href=\"/r1\">RELATEDTEXT Trams return to the city</a></li>"
        "<li><a href=\"/r2\">Parking levy explained</a></li></ul></div>"
        "<section id=\"comments\" class=\"comments-area\"><h2>3 comments"
        "</h2><div class=\"comment\"><p>COMMENTTEXT About time, this city "
        "has needed better buses, and cheaper ones, for years.</p></div>"
        "</section>");
    page(&sb, "", art.s);
    precis_article *a = load(sb.s);
    static const char *const gone[] = {
        "NAVTEXT", "SIDEBARTEXT", "FOOTERTEXT", "SCRIPTTEXT", "STYLETEXT",
        "NOSCRIPTTEXT", "HIDDENTEXT", "NEWSLETTERTEXT", "BUTTONTEXT",
        "SHARETEXT", "RELATEDTEXT", "COMMENTTEXT", "not text", NULL
    };
    for (const char *const *g = gone; *g; g++)
        if (strstr(a->text, *g))
            fail_msg("\"%s\" should not be in the article", *g);
    assert_true(find_para(a, "The city council voted") >= 0);
    assert_true(find_para(a, "The new routes start") >= 0);
    precis_article_free(a);
    sb_free(&art);
    sb_free(&sb);
}

static void test_kinds_kept(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    strbuf art = STRBUF_INIT;
    sb_puts(&art, "<h1>Council expands buses</h1><div class=\"story\">");
    sb_puts(&art, body_paras);
    sb_puts(&art,
        "<h2>What changes for riders</h2>"
        "<p>Riders will see the changes in stages, starting with the "
        "routes that serve the hospital, the university and the port.</p>"
        "<ul><li>Four new routes, numbered 40 to 43</li>"
        "<li>Buses every ten minutes at rush hour</li>"
        "<li>A night service until 2 a.m.</li></ul>"
        "<blockquote><p>This is the biggest change to our buses in "
        "thirty years, and it is overdue.</p></blockquote>"
        "<figure><img src=\"bus.jpg\" alt=\"\"><figcaption>A bus on route "
        "40 during a trial run in March.</figcaption></figure>"
        "<p>The mayor said the first new buses would arrive in April, "
        "with the rest following over the summer.</p></div>");
    page(&sb, "", art.s);
    precis_article *a = load(sb.s);
    assert_int_equal(kind_of(a, "Council expands buses"),
                     PRECIS_KIND_HEADLINE);
    assert_int_equal(kind_of(a, "What changes for riders"),
                     PRECIS_KIND_HEADING);
    assert_int_equal(kind_of(a, "Four new routes"), PRECIS_KIND_LIST);
    assert_int_equal(kind_of(a, "A night service until"), PRECIS_KIND_LIST);
    assert_int_equal(kind_of(a, "biggest change to our buses"),
                     PRECIS_KIND_BLOCKQUOTE);
    assert_int_equal(kind_of(a, "A bus on route 40"), PRECIS_KIND_CAPTION);
    /* plain paragraphs are left to the classifier */
    assert_int_equal(kind_of(a, "The mayor said"), PRECIS_KIND_UNKNOWN);
    /* the headline is not repeated as body text */
    assert_int_equal(find_para(a, "Council expands buses"), 0);
    precis_error err = { 0, "" };
    assert_int_equal(precis_analyze(ctx, a, &err), 0);
    assert_int_equal(kind_of(a, "The mayor said"), PRECIS_KIND_BODY);
    assert_int_equal(kind_of(a, "A bus on route 40"), PRECIS_KIND_CAPTION);
    precis_article_free(a);
    sb_free(&art);
    sb_free(&sb);
}

static void test_br_paragraphs(void **state)
{
    (void)state;
    static const char html[] =
        "<html><body><div id=\"story\"><h1>Old-style page</h1>"
        "The first paragraph of an old page, written straight into a div, "
        "goes on for a while,<br>and breaks a line here.<br><br>"
        "The second paragraph follows two line breaks, as pages from the "
        "nineties did, with commas, here and there.<br><br>"
        "A third one ends the story, quietly, without more markup."
        "</div></body></html>";
    precis_article *a = load(html);
    long p1 = find_para(a, "The first paragraph");
    long p2 = find_para(a, "The second paragraph");
    long p3 = find_para(a, "A third one");
    assert_true(p1 > 0 && p2 == p1 + 1 && p3 == p2 + 1);
    /* one <br> breaks the line, not the paragraph */
    assert_true(find_para(a, "for a while,\nand breaks") == p1);
    precis_article_free(a);
}

static void test_inline_classes_keep_sentences(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page(&sb, "", "<h1>Council expands buses</h1><div class=\"story\">"
                  "<p>The vote followed <a class=\"related-link\" "
                  "href=\"/r\">last year's survey</a> of riders, which "
                  "found that most wanted later buses, more routes and "
                  "cheaper fares.<span class=\"sr-only\">HIDDENTEXT</span>"
                  "</p></div>");
    precis_article *a = load(sb.s);
    assert_true(find_para(a, "The vote followed last year's survey of "
                             "riders, which found") >= 0);
    assert_null(strstr(a->text, "HIDDENTEXT"));
    precis_article_free(a);
    sb_free(&sb);
}


/* ---- finding the article ---- */

/* A custom element inside a paragraph is inline, as in a browser. */
static void test_custom_element_inline(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page(&sb, "", "<h1>Council expands buses</h1><div class=\"story\">"
                  "<p>Bus use is highest among shift workers (<hl-source>"
                  "<a href=\"/s\">1</a></hl-source>), the council's own "
                  "survey found, and among students.</p>" BODY "</div>");
    precis_article *a = load(sb.s);
    assert_true(find_para(a, "shift workers (1), the council's own survey "
                             "found") >= 0);
    precis_article_free(a);
    sb_free(&sb);
}

/* Each paragraph in a <div> of its own, an advertisement between them:
 * the container is what holds the wrappers, and a wrapper is not cleaned
 * away as a link-heavy container. */
static void test_paragraph_wrappers(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page(&sb, "",
        "<h1>Council expands buses</h1><div class=\"story\">"
        "<div class=\"p\"><p>The city council voted on Tuesday to expand the "
        "bus network, adding four routes and a night service.</p></div>"
        "<div class=\"p\"><p>WRAPPED On Monday the <a href=\"/a\">transport "
        "committee</a> had <a href=\"/b\">backed the plan</a> by seven "
        "votes to two.</p></div>"
        "<div class=\"ad\"><p>Advertisement</p></div>"
        "<div class=\"p\"><p>Supporters said the plan would help shift "
        "workers, students and older residents.</p></div>"
        "<div class=\"p\"><p>Opponents said the money should have gone to "
        "road repairs instead.</p></div>" BODY "</div>");
    precis_article *a = load(sb.s);
    assert_true(find_para(a, "The city council voted") >= 0);
    assert_true(find_para(a, "WRAPPED On Monday") >= 0);
    assert_true(find_para(a, "Opponents said the money") >= 0);
    precis_article_free(a);
    sb_free(&sb);
}

/* The story in two parts with the same class, the first too deep to have
 * scored: both are the article. */
static void test_twin_containers(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page(&sb, "",
        "<h1>Council expands buses</h1><div class=\"wrap\">"
        "<div class=\"part\"><div><div><section><div><div>"
        "<p>FIRSTPART The city council voted on Tuesday to expand the bus "
        "network, adding four routes, longer hours and a night service.</p>"
        "<p>Supporters said the plan, which costs about 12 million a year, "
        "would help shift workers.</p></div></div></section></div></div>"
        "<aside class=\"sidebar\"><p>SIDEBAR Most read stories of the "
        "week, chosen by our readers.</p></aside></div>"
        "<div class=\"part\">" BODY "</div></div>");
    precis_article *a = load(sb.s);
    assert_true(find_para(a, "FIRSTPART") >= 0);
    assert_true(find_para(a, "Opponents argued") >= 0);
    assert_null(strstr(a->text, "SIDEBAR"));
    precis_article_free(a);
    sb_free(&sb);
}

/* A <nav> that holds most of the page's prose (a broken end tag left the
 * article inside the breadcrumb's <nav>) is not navigation. */
static void test_nav_holding_article(void **state)
{
    (void)state;
    static const char html[] =
        "<html><body><nav class=\"top\"><a href=\"/\">Home</a> <a href=\"/w"
        "\">World</a></nav><article><nav><div class=\"crumbs\"><a href=\"/"
        "\">Home</a> <a href=\"/c\">Culture</a></civ></div>"
        "<h1>Council expands buses</h1>" BODY "</nav></article>"
        "</body></html>";
    precis_article *a = load(html);
    assert_true(find_para(a, "The city council voted") >= 0);
    assert_true(find_para(a, "Opponents argued") >= 0);
    precis_article_free(a);
}

/* A page holding its text twice (a print copy, a second "page"). */
static void test_repeated_paragraphs(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page(&sb, "", "<h1>Council expands buses</h1><div class=\"story\">"
                  BODY "<div class=\"page_1\">" BODY "</div></div>");
    precis_article *a = load(sb.s);
    long first = find_para(a, "The city council voted");
    assert_true(first >= 0);
    for (size_t i = (size_t)first + 1; i < a->paras.n; i++)
        if (strstr(para(a, i), "The city council voted"))
            fail_msg("paragraph %zu repeats paragraph %ld", i, first);
    precis_article_free(a);
    sb_free(&sb);
}

/* A story told in short paragraphs, none of 100 bytes, is an article. */
static void test_short_paragraphs(void **state)
{
    (void)state;
    static const char html[] =
        "<html><body><div class=\"story\"><h1>Storm warning</h1>"
        "<p>A storm will reach the coast tonight.</p>"
        "<p>Winds may reach 120 km/h near the harbour.</p>"
        "<p>Schools in three towns will stay closed on Friday.</p>"
        "<p>The ferry to the islands has been cancelled.</p>"
        "<p>Residents are asked to stay indoors after dark.</p>"
        "</div></body></html>";
    precis_article *a = load(html);
    assert_true(find_para(a, "A storm will reach") >= 0);
    assert_true(find_para(a, "Residents are asked") >= 0);
    precis_article_free(a);
}

/* Readability's scores go to a block of comma-rich lines that are not
 * prose; the article's paragraphs are list items, which do not score:
 * the longest run of paragraphs is taken. */
static void test_longest_text_run(void **state)
{
    (void)state;
    static const char html[] =
        "<html><body><div class=\"address\">"
        "<div>Daily Bugle, 12 Main Street, Springfield, Illinois</div>"
        "<div>Newsroom, 14 Main Street, Springfield, Illinois, USA</div>"
        "<div>Advertising, 16 Main Street, Springfield, Illinois</div>"
        "</div><ul class=\"story\">"
        "<li>The city council voted on Tuesday to expand the bus network, "
        "adding four routes, longer hours and a night service.</li>"
        "<li>Supporters said the plan, which costs about 12 million a year, "
        "would help shift workers, students and older residents.</li>"
        "<li>Opponents argued that the money should have gone to road "
        "repairs, and promised to bring the question back.</li>"
        "</ul></body></html>";
    precis_article *a = load(html);
    assert_true(find_para(a, "The city council voted") >= 0);
    assert_true(find_para(a, "Opponents argued") >= 0);
    assert_true(find_para(a, "Newsroom, 14 Main Street") < 0);
    assert_field(a, "text_source", "longest run of paragraphs");
    precis_article_free(a);
}

/* A teaser above a paywall, the whole text in JSON-LD: the JSON-LD. */
static void test_jsonld_over_teaser(void **state)
{
    (void)state;
    static const char html[] =
        "<html><head><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Council expands buses\","
        "\"articleBody\":\"The city council voted on Tuesday to expand the "
        "bus network, adding four routes, longer hours and a night service "
        "that will run until two in the morning.\\n\\nSupporters said the "
        "plan, which costs about 12 million a year, would help shift "
        "workers, students and older residents who do not drive.\\n\\n"
        "Opponents argued that the money, raised through a new parking "
        "levy, should have gone to road repairs, and they promised to "
        "bring the question back next year.\\n\\nThe first new routes "
        "start in May, and the night service follows a month later, once "
        "the drivers for it have been hired and trained.\"}</script>"
        "</head><body>"
        "<div class=\"story\"><h1>Council expands buses</h1><p>The city "
        "council voted on Tuesday to expand the bus network, adding four "
        "routes, longer hours and a night service.</p><p>Subscribe to read "
        "the rest of this story.</p></div>"
        "</body></html>";
    precis_article *a = load(html);
    assert_true(find_para(a, "Opponents argued") >= 0);
    assert_null(strstr(a->text, "Subscribe to read"));
    assert_field(a, "text_source", "json-ld articleBody");
    precis_article_free(a);
}

/* ---- metadata ---- */

static void test_jsonld_metadata(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page(&sb,
         "<script type=\"application/ld+json\">{\"@context\":"
         "\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\","
         "\"name\":\"Bugle Online\"},{\"@type\":\"NewsArticle\","
         "\"headline\":\"Council votes to expand the bus network\","
         "\"datePublished\":\"2024-03-05T09:30:00+01:00\","
         "\"author\":[{\"@type\":\"Person\",\"name\":\"Ana Lima\"},"
         "{\"@type\":\"Person\",\"name\":\"Tom O&#39;Hara\"}],"
         "\"publisher\":{\"@type\":\"Organization\",\"name\":"
         "\"The Daily Bugle\"},\"inLanguage\":\"en-GB\",}]}</script>",
         body_paras);
    precis_article *a = load(sb.s);
    assert_string_equal(para(a, 0), "Council votes to expand the bus "
                                    "network");
    assert_int_equal(a->paras.v[0].kind, PRECIS_KIND_HEADLINE);
    assert_string_equal(para(a, 1), "By Ana Lima and Tom O'Hara");
    assert_int_equal(a->paras.v[1].kind, PRECIS_KIND_BYLINE);
    assert_string_equal(para(a, 2), "2024-03-05T09:30:00+01:00");
    assert_int_equal(a->paras.v[2].kind, PRECIS_KIND_DATE);
    assert_field(a, "headline_source", "json-ld");
    assert_field(a, "byline_source", "json-ld");
    assert_field(a, "date_source", "json-ld");
    assert_field(a, "site", "The Daily Bugle");
    assert_string_equal(a->lang, "en");
    precis_error err = { 0, "" };
    assert_int_equal(precis_analyze(ctx, a, &err), 0);
    assert_field(a, "date", "2024-03-05T09:30:00+01:00");
    precis_article_free(a);
    sb_free(&sb);
}

static void test_og_metadata(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page(&sb,
         "<meta property=\"og:title\" content=\"Buses: council says yes\">"
         "<meta property=\"og:site_name\" content=\"Daily Bugle\">"
         "<meta property=\"og:url\" content=\"https://bugle.example/buses\">"
         "<meta property=\"article:published_time\" "
         "content=\"2024-03-05T08:00:00Z\">"
         "<meta name=\"author\" content=\"Ana Lima\">"
         "<meta name=\"description\" content=\"Four new routes.\">"
         "<link rel=\"canonical\" href=\"https://bugle.example/news/buses\">",
         body_paras);
    precis_article *a = load(sb.s);
    assert_string_equal(para(a, 0), "Buses: council says yes");
    assert_field(a, "headline_source", "og:title");
    assert_string_equal(para(a, 1), "By Ana Lima");
    assert_field(a, "byline_source", "author");
    assert_string_equal(para(a, 2), "2024-03-05T08:00:00Z");
    assert_field(a, "date_source", "article:published_time");
    assert_field(a, "site", "Daily Bugle");
    assert_field(a, "url", "https://bugle.example/news/buses");
    assert_field(a, "description", "Four new routes.");
    precis_article_free(a);
    sb_free(&sb);
}

static void test_h1_over_og_title(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    /* the visible headline wins when it agrees with the metadata */
    page2(&sb, "<meta property=\"og:title\" content=\"Council expands "
               "the bus network | Daily Bugle\">",
           "<h1>Council expands the bus network, adds night service</h1>"
           "<div class=\"body\">", body_paras);
    precis_article *a = load(sb.s);
    assert_string_equal(para(a, 0), "Council expands the bus network, adds "
                                    "night service");
    assert_field(a, "headline_source", "h1");
    precis_article_free(a);
    sb_free(&sb);
}

static void test_time_and_byline_element(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    strbuf art = STRBUF_INIT;
    sb_puts(&art, "<h1>Council expands buses</h1>"
        "<p class=\"byline\">By <a rel=\"author\" href=\"/ana\">Ana Lima"
        "</a></p><time datetime=\"2024-03-05T10:15:00+00:00\">5 March"
        "</time>");
    sb_puts(&art, body_paras);
    page(&sb, "", art.s);
    precis_article *a = load(sb.s);
    assert_string_equal(para(a, 1), "Ana Lima");
    assert_int_equal(a->paras.v[1].kind, PRECIS_KIND_BYLINE);
    assert_field(a, "byline_source", "byline element");
    assert_string_equal(para(a, 2), "2024-03-05T10:15:00+00:00");
    assert_field(a, "date_source", "time");
    /* the page's own byline line is not repeated in the body */
    assert_int_equal(find_para(a, "Ana Lima"), 1);
    precis_article_free(a);
    sb_free(&art);
    sb_free(&sb);
}

static void test_byline_line_with_date(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    strbuf art = STRBUF_INIT;
    sb_puts(&art, "<h1>Council expands buses</h1><div class=\"byline\">"
                  "By Ana Lima | Updated March 5, 2024, 10:15 AM | 4 min "
                  "read</div>");
    sb_puts(&art, body_paras);
    page(&sb, "", art.s);
    precis_article *a = load(sb.s);
    assert_string_equal(para(a, 1), "By Ana Lima");
    assert_int_equal(a->paras.v[1].kind, PRECIS_KIND_BYLINE);
    assert_true(find_para(a, "4 min read") < 0);
    precis_article_free(a);
    sb_free(&art);
    sb_free(&sb);
}

static void test_html_lang(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    sb_puts(&sb, "<html lang=\"pt-BR\"><head><title>x</title></head><body>"
                 "<article><h1>Prefeitura amplia rede</h1>");
    sb_puts(&sb, body_paras);
    sb_puts(&sb, "</article></body></html>");
    precis_article *a = load(sb.s);
    assert_string_equal(a->lang, "pt");
    assert_int_equal(a->lang_given, 1);
    precis_article_free(a);
    sb_free(&sb);
}

static void test_metadata_only_fragment(void **state)
{
    (void)state;
    /* a fragment with metadata but no text is a record, not an error */
    static const char html[] =
        "<html><head><meta name=\"author\" content=\"Jenny Smith\"/>"
        "</head><body></body></html>";
    precis_article *a = load(html);
    assert_string_equal(para(a, 0), "By Jenny Smith");
    precis_article_free(a);
}

static void test_jsonld_article_body(void **state)
{
    (void)state;
    /* a page whose text is only in its JSON-LD (rendered by script) */
    static const char html[] =
        "<html><head><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Bridge reopens\","
        "\"articleBody\":\"<p>The harbour bridge reopened on Thursday "
        "after eight months of repairs, and the first buses crossed it "
        "shortly after six.</p><p>Officials expect traffic to return to "
        "normal within a week, although the speed limit will stay at "
        "40 km/h until the summer &amp; beyond.</p>\"}</script></head>"
        "<body><div id=\"app\"></div></body></html>";
    precis_article *a = load(html);
    assert_string_equal(para(a, 0), "Bridge reopens");
    long p1 = find_para(a, "The harbour bridge reopened");
    long p2 = find_para(a, "Officials expect traffic");
    assert_true(p1 == 1 && p2 == 2);
    assert_true(find_para(a, "the summer & beyond.") == 2);
    assert_null(strstr(a->text, "<p>"));
    assert_field(a, "text_source", "json-ld articleBody");
    precis_article_free(a);
}

/* ---- robustness ---- */

typedef struct job {
    const char *html;
    size_t len;
    size_t text_len;
    int rc;
} job;

static void *load_many(void *arg)
{
    job *j = arg;
    for (int i = 0; i < 20; i++) {
        precis_article *a = NULL;
        precis_error err = { 0, "" };
        precis_ctx *c;
        /* one context per thread, as precis.h asks */
        if (precis_ctx_new(&c, &err)) {
            j->rc = -1;
            return NULL;
        }
        j->rc = precis_load_buffer(c, "t.html", j->html, j->len,
                                   PRECIS_FORMAT_HTML, &a, &err);
        if (j->rc == 0) {
            if (j->text_len && j->text_len != a->len)
                j->rc = -2;
            j->text_len = a->len;
            precis_article_free(a);
        }
        precis_ctx_free(c);
        if (j->rc)
            break;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    strbuf sb = STRBUF_INIT;
    page2(&sb, "<meta charset=\"windows-1252\">",
           "<h1>Caf\xe9s</h1><div class=\"content\">", body_paras);
    enum { N = 4 };
    pthread_t t[N];
    job jobs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = (job){ sb.s, sb.len, 0, 0 };
        assert_int_equal(pthread_create(&t[i], NULL, load_many, &jobs[i]),
                         0);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(jobs[i].rc, 0);
        assert_int_equal(jobs[i].text_len, jobs[0].text_len);
    }
    sb_free(&sb);
}

/* A DOCTYPE with an internal subset: its declarations never become text
 * (libxml2's HTML parser would leave them in the page). */
static void test_doctype_internal_subset(void **state)
{
    (void)state;
    static const char *const heads[] = {
        "<!DOCTYPE html [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 "
        "\"&lol;&lol;&lol;\">\n]>\n",
        "<!-- saved --><!DOCTYPE html PUBLIC \"x\" [ <!ENTITY a \"]\"> ]>",
        "<?xml version=\"1.0\"?>\n<!doctype html [<!ATTLIST p x CDATA "
        "#IMPLIED>]>",
    };
    for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++) {
        char page[2048];
        snprintf(page, sizeof page, "%s<html><body>"
                 "<p>The harbour bridge will reopen next month after repairs "
                 "that lasted two years, the council said.</p>"
                 "<p>Traffic was diverted through the old town for the whole "
                 "time, shop owners said on Monday.</p>"
                 "<p>Work on the second span will start in May and end "
                 "before the summer season begins.</p></body></html>",
                 heads[h]);
        precis_article *a = load(page);
        assert_int_equal(find_para(a, "ENTITY"), -1);
        assert_int_equal(find_para(a, "ATTLIST"), -1);
        assert_int_equal(find_para(a, "]>"), -1);
        assert_true(find_para(a, "harbour bridge") >= 0);
        precis_article_free(a);
    }
}

static void test_silent_on_stderr(void **state)
{
    (void)state;
    char path[] = "/tmp/precis-html-stderr-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    dup2(fd, 2);
    static const char *const pages[] = {
        "<html><body><p>unclosed <b><i>tags</p></div></span>"
        "<table><td>x<tr></body>",
        "<html><head><meta charset=\"x-no-such-charset\"></head><body>"
        "<p>\x81\x8d\x8f\x90\x9d bytes that windows-1252 leaves "
        "undefined, in a page that says nothing true about itself.</p>",
        "<html><body><script type=\"application/ld+json\">{not json"
        "</script><p>text</p></body></html>",
        NULL
    };
    for (const char *const *p = pages; *p; p++) {
        precis_article *a = NULL;
        precis_error err = { 0, "" };
        try_load(*p, strlen(*p), &a, &err);
        precis_article_free(a);
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    off_t size = lseek(fd, 0, SEEK_END);
    close(fd);
    unlink(path);
    assert_int_equal(size, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_1252_without_charset),
        cmocka_unit_test(test_iso_8859_1_meta_charset),
        cmocka_unit_test(test_http_equiv_charset),
        cmocka_unit_test(test_utf8_bom),
        cmocka_unit_test(test_utf16_bom),
        cmocka_unit_test(test_declared_utf8_with_bad_bytes),
        cmocka_unit_test(test_broken_markup),
        cmocka_unit_test(test_doctype_internal_subset),
        cmocka_unit_test(test_five_megabyte_page),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_no_article),
        cmocka_unit_test(test_boilerplate_dropped),
        cmocka_unit_test(test_kinds_kept),
        cmocka_unit_test(test_br_paragraphs),
        cmocka_unit_test(test_inline_classes_keep_sentences),
        cmocka_unit_test(test_custom_element_inline),
        cmocka_unit_test(test_paragraph_wrappers),
        cmocka_unit_test(test_twin_containers),
        cmocka_unit_test(test_nav_holding_article),
        cmocka_unit_test(test_repeated_paragraphs),
        cmocka_unit_test(test_short_paragraphs),
        cmocka_unit_test(test_longest_text_run),
        cmocka_unit_test(test_jsonld_over_teaser),
        cmocka_unit_test(test_jsonld_metadata),
        cmocka_unit_test(test_og_metadata),
        cmocka_unit_test(test_h1_over_og_title),
        cmocka_unit_test(test_time_and_byline_element),
        cmocka_unit_test(test_byline_line_with_date),
        cmocka_unit_test(test_html_lang),
        cmocka_unit_test(test_metadata_only_fragment),
        cmocka_unit_test(test_jsonld_article_body),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_silent_on_stderr),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
