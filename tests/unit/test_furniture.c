/*
 * test_furniture.c - captions, photo credits, promotions, newsletter and
 * follow-us lines are never body, whatever the input format.
 *
 * Each line of a pattern class is put between two paragraphs of an
 * article and loaded as plain text, as Markdown and as a web page; after
 * analysis its paragraph must have a kind that no summary reads (caption,
 * credit, boilerplate, date).  Lines that merely start like furniture
 * ("Credit-card debt ...", "The big picture: ...") must stay body.  The
 * web page tests add what only markup says: <figcaption>, class names
 * that say caption or credit, lists and lines of links.
 */
#include "test_util.h"

#include "text/article.h"
#include "base/strbuf.h"

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

static const char head[] = "Council expands the bus network";
static const char para1[] =
    "The city council voted on Tuesday to expand the bus network, adding "
    "four routes, longer hours and a night service that will run until two "
    "in the morning.";
static const char para2[] =
    "Supporters said the plan, which costs about 12 million a year, would "
    "help shift workers, students and older residents who do not drive.";
static const char para3[] =
    "Opponents argued that the money, raised through a new parking levy, "
    "should have gone to road repairs, and they promised to bring the "
    "question back next year.";

/* The article with line between its first and second paragraph. */
static precis_article *load_with(precis_format fmt, const char *line)
{
    strbuf sb = STRBUF_INIT;
    switch (fmt) {
    case PRECIS_FORMAT_MARKDOWN:
        sb_printf(&sb, "# %s\n\n%s\n\n%s\n\n%s\n\n%s\n", head, para1, line,
                  para2, para3);
        break;
    case PRECIS_FORMAT_HTML:
        sb_printf(&sb, "<html><head><title>%s</title></head><body>"
                  "<article><h1>%s</h1><p>%s</p><p>%s</p><p>%s</p><p>%s</p>"
                  "</article></body></html>", head, head, para1, line, para2,
                  para3);
        break;
    default:
        sb_printf(&sb, "%s\n\n%s\n\n%s\n\n%s\n\n%s\n", head, para1, line,
                  para2, para3);
        break;
    }
    assert_false(sb.oom);
    precis_article *a = tu_load(ctx, "page", sb.s, sb.len, fmt);
    sb_free(&sb);
    return a;
}

/* The paragraph whose text is exactly s (white space squeezed), or -1. */
static long para_is(const precis_article *a, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < a->paras.n; i++) {
        const pr_para *p = &a->paras.v[i];
        if (p->end - p->start == n && !memcmp(a->text + p->start, s, n))
            return (long)i;
    }
    return -1;
}

static const char *fmt_name(precis_format f)
{
    return f == PRECIS_FORMAT_HTML ? "html"
         : f == PRECIS_FORMAT_MARKDOWN ? "markdown" : "text";
}

static int is_main(int kind)
{
    return kind == PRECIS_KIND_BODY || kind == PRECIS_KIND_HEADING
        || kind == PRECIS_KIND_LIST || kind == PRECIS_KIND_BLOCKQUOTE;
}

/* Every line is furniture in every format; the article's own paragraphs
 * stay body. */
static void expect_furniture(const char *const *lines)
{
    static const precis_format fmts[] = {
        PRECIS_FORMAT_TEXT, PRECIS_FORMAT_MARKDOWN, PRECIS_FORMAT_HTML
    };
    for (const char *const *l = lines; *l; l++) {
        for (size_t f = 0; f < 3; f++) {
            precis_article *a = load_with(fmts[f], *l);
            long i = para_is(a, *l);
            /* Markdown reads "* X" as a list item and "___" as a rule */
            if (i < 0 && fmts[f] == PRECIS_FORMAT_MARKDOWN
                && !strncmp(*l, "* ", 2))
                i = para_is(a, *l + 2);
            if (i < 0 && !(fmts[f] == PRECIS_FORMAT_MARKDOWN
                           && !strcmp(*l, "___")))
                fail_msg("%s: \"%s\" is not a paragraph", fmt_name(fmts[f]),
                         *l);
            int kind = i < 0 ? PRECIS_KIND_BOILERPLATE : a->paras.v[i].kind;
            if (is_main(kind))
                fail_msg("%s: \"%s\" is %s", fmt_name(fmts[f]), *l,
                         article_kind_name(kind));
            long b = para_is(a, para2);
            if (b < 0 || a->paras.v[b].kind != PRECIS_KIND_BODY)
                fail_msg("%s: with \"%s\", the next paragraph is not body",
                         fmt_name(fmts[f]), *l);
            precis_article_free(a);
        }
    }
}

static void expect_body(const char *const *lines)
{
    static const precis_format fmts[] = {
        PRECIS_FORMAT_TEXT, PRECIS_FORMAT_MARKDOWN, PRECIS_FORMAT_HTML
    };
    for (const char *const *l = lines; *l; l++) {
        for (size_t f = 0; f < 3; f++) {
            precis_article *a = load_with(fmts[f], *l);
            long i = para_is(a, *l);
            if (i < 0 || a->paras.v[i].kind != PRECIS_KIND_BODY)
                fail_msg("%s: \"%s\" is %s, not body", fmt_name(fmts[f]), *l,
                         i < 0 ? "missing"
                               : article_kind_name(a->paras.v[i].kind));
            precis_article_free(a);
        }
    }
}

static void agency_credits(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "Evan Vucci/AP",
        "Kena Betancur/Getty Images",
        "Jeff Spicer/BFC/Getty Images",
        "(Saul Loeb/AFP/Getty Images)",
        "Natalie Naccache | Bloomberg | Getty Images",
        "Cindy Ord/MG22/Getty Images for The Met Museum/Vogue",
        "AP Photo/Evan Vucci",
        "Shiny Morpho butterflies are prized for their intense, shiny blue. "
        "Kena Betancur/Getty Images",
        "The WeWork logo is displayed outside of a co-working space in New "
        "York.Reuters",
        "A Tesla showroom in Santa Monica, California, on Nov. 12, 2023. "
        "(Jakub Porzycki/NurPhoto via Getty Images)",
        "Source images by Stephen Simpson and Maskot/Getty Images.",
        "Kevin C. Downs/for New York Daily News London Rene and Natalie "
        "Guercio pose in the office of their lawyer.",
        NULL
    };
    expect_furniture(lines);
}

static void hide_caption(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "Chris Jackson/Getty Images hide caption",
        "Lawmakers left a lot of work undone in 2023. Catie Dull/NPR hide "
        "caption",
        "toggle caption",
        NULL
    };
    expect_furniture(lines);
}

static void photo_lines(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "Photo: AP",
        "Image: Karen Dias/Bloomberg via Getty Images",
        "Photographer: Andrew Burton/Getty Images",
        "Image source: SeaWorld",
        "Source: unsplash.com",
        "Image",
        "Image 2 of 5",
        "File photo of Chinese president Xi Jinping.",
        "Courtesy of the researchers",
        "Submitted photo",
        "[Image via MEGA/WENN]",
        "An artistic reconstruction of the snail. Image credit: Marton "
        "Zsoldos.",
        "WeWork chairman Marcelo Claure (Credit: Getty Images)",
        "Robert F. Kennedy Jr. speaks during a rally in Washington. (AP)",
        NULL
    };
    expect_furniture(lines);
}

static void read_more(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "READ MORE: Foundation For Economic Education: The case for "
        "competition",
        "Read more: How to make cosmetic treatments safer? Two-thirds of "
        "injections not carried out by doctors",
        "SEE MORE: Hong Kong protests: 800 students under siege in "
        "university",
        "REQUIRED READING: Juwan Howard cleared to return as head coach",
        "Also: The best earbuds, expert tested and reviewed",
        "[Related: Salesforce keynote draws protesters]",
        "Related Topics",
        "You might be interested in",
        "Most Viewed in Culture",
        "Click here for more information.",
        NULL
    };
    expect_furniture(lines);
}

static void newsletter_and_follow(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "You\xE2\x80\x99re reading the Today\xE2\x80\x99s Opinions "
        "newsletter.",
        "Sign up for SecurityWatch newsletter for our top privacy and "
        "security stories delivered right to your inbox.",
        "This article was featured in the One Story to Read Today "
        "newsletter. Sign up for it here.",
        "Already a Subscriber? Sign in",
        "Follow us to stay up to date on industry trends.",
        "* Follow Mirror Celebs on Snapchat, Instagram, Twitter and "
        "Facebook.",
        "Email Tariq Malik at tmalik@space.com or follow him @tariqjmalik.",
        "Write to Al Root at allen.root@dowjones.com",
        "Vaughn Cockayne can be reached at vcockayne@washingtontimes.com.",
        "Click to Read More and View Comments",
        NULL
    };
    expect_furniture(lines);
}

static void credits_and_stamps(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "Associated Press researcher Randy Herschaft in New York "
        "contributed.",
        "FOX News' Landon Mion contributed to this report.",
        "This story was originally published December 22, 2023, 12:20 PM.",
        "Read the original article on Parents.",
        "Updated 1:39 am EST, Wednesday, November 20, 2019",
        "December 22, 2023 / 1:54 PM EST / KCAL News",
        "Media playback is unsupported on your device",
        "___",
        "[2] Jim McDivitt food evaluation form, n.d., Box 17, Rapp "
        "Papers.",
        "More information: Matthew C Altman et al, Associations between "
        "outdoor air pollutants and asthma, The Lancet (2023).",
        "B. Pall-Gergely et al. 2023. Ferussina petofiana sp. n., the "
        "oldest representative of its subfamily. ZooKeys 1187: 1-12",
        "References",
        NULL
    };
    expect_furniture(lines);
}

/* Sentences that start like furniture are still the article. */
static void body_stays_body(void **state)
{
    (void)state;
    static const char *const lines[] = {
        "Credit-card debt is at a record $1.1 trillion, and a quarter of "
        "Americans have not paid off last year's.",
        "Photos of the flooded streets spread quickly on social media as "
        "residents shared what they saw.",
        "The big picture: inflation is easing faster than economists "
        "expected at the start of the year.",
        "Like Biden on the campaign trail, Trump made promises on the "
        "economy that he repeated on Monday.",
        "The company has 10 million subscribers who access its service "
        "each month, up from six million.",
        "SCOTT: I think that is exactly what happened at the meeting.",
        "Smith is a reporter at heart, she said, and she still calls "
        "sources every day before the meeting.",
        "Via a spokesman, the mayor said the routes would open in March "
        "and that fares would not change.",
        "Altman et al. found that the children's asthma got worse on days "
        "when the air was most polluted.",
        NULL
    };
    expect_body(lines);
}

/* ---- what markup says ---- */

static precis_article *load_html(const char *article)
{
    strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "<html><head><title>%s</title></head><body><article>"
              "<h1>%s</h1><p>%s</p>%s<p>%s</p><p>%s</p></article></body>"
              "</html>", head, head, para1, article, para2, para3);
    precis_article *a = tu_load(ctx, "page.html", sb.s, sb.len,
                                PRECIS_FORMAT_HTML);
    sb_free(&sb);
    return a;
}

static void expect_kind(const precis_article *a, const char *s, int kind)
{
    long i = para_is(a, s);
    if (i < 0)
        fail_msg("\"%s\" is not a paragraph", s);
    if (a->paras.v[i].kind != kind)
        fail_msg("\"%s\" is %s, want %s", s,
                 article_kind_name(a->paras.v[i].kind),
                 article_kind_name(kind));
}

static void expect_absent_or_not_main(const precis_article *a, const char *s)
{
    long i = para_is(a, s);
    if (i >= 0 && is_main(a->paras.v[i].kind))
        fail_msg("\"%s\" is %s", s, article_kind_name(a->paras.v[i].kind));
}

static void html_figcaption(void **state)
{
    (void)state;
    precis_article *a = load_html(
        "<figure><img src=\"bus.jpg\"><figcaption>A new bus at the depot on "
        "Monday morning.</figcaption></figure>"
        /* parts of a caption in sections of their own */
        "<figure><img src=\"map.jpg\"><figcaption><section><p>The four new "
        "routes, in red, run north of the river.</p></section>"
        "</figcaption></figure>");
    expect_kind(a, "A new bus at the depot on Monday morning.",
                PRECIS_KIND_CAPTION);
    expect_kind(a, "The four new routes, in red, run north of the river.",
                PRECIS_KIND_CAPTION);
    expect_kind(a, para2, PRECIS_KIND_BODY);
    precis_article_free(a);
}

static void html_class_hints(void **state)
{
    (void)state;
    precis_article *a = load_html(
        "<div class=\"wp-caption\"><img src=\"a.jpg\"><p class=\""
        "wp-caption-text\">Riders wait for the night bus near the "
        "station.</p></div>"
        "<div class=\"image-credit\">Jane Doe for the Daily Bugle</div>"
        "<div class=\"media\"><div class=\"caption\"><p>The council "
        "chamber during the vote.</p></div></div>"
        "<p id=\"photoCredit\">Pat Smith</p>");
    expect_kind(a, "Riders wait for the night bus near the station.",
                PRECIS_KIND_CAPTION);
    expect_kind(a, "Jane Doe for the Daily Bugle", PRECIS_KIND_CAPTION);
    expect_kind(a, "The council chamber during the vote.",
                PRECIS_KIND_CAPTION);
    expect_kind(a, "Pat Smith", PRECIS_KIND_CAPTION);
    expect_kind(a, para2, PRECIS_KIND_BODY);
    precis_article_free(a);
}

static void html_link_lists(void **state)
{
    (void)state;
    precis_article *a = load_html(
        "<ul><li><a href=\"/1\">Storm closes the coast road for a week"
        "</a></li><li><a href=\"/2\">Schools reopen after the holiday "
        "break</a></li><li><a href=\"/3\">The mayor answers readers' "
        "questions</a></li></ul>"
        "<p><a href=\"/t/1\">Transport</a>, <a href=\"/t/2\">City council"
        "</a>, <a href=\"/t/3\">Budget</a></p>"
        "<p>Related: <a href=\"/4\">Why the night bus took ten years</a>"
        "</p>");
    expect_absent_or_not_main(a, "Storm closes the coast road for a week");
    expect_absent_or_not_main(a, "Transport, City council, Budget");
    expect_absent_or_not_main(a, "Related: Why the night bus took ten years");
    expect_kind(a, para2, PRECIS_KIND_BODY);
    precis_article_free(a);
}

/* Markdown says which text is a link too. */
static void markdown_link_lines(void **state)
{
    (void)state;
    static const char md[] =
        "# Council expands the bus network\n\n"
        "The city council voted on Tuesday to expand the bus network.\n\n"
        "[Storm closes the coast road](/1), [Schools reopen](/2)\n\n"
        "- [The mayor answers readers' questions](/3)\n"
        "- Routes run every [ten minutes](/4) at peak times.\n\n"
        "## Related stories\n\n"
        "Supporters said the plan would help shift workers.\n";
    precis_article *a = tu_load(ctx, "page.md", md, sizeof md - 1,
                                PRECIS_FORMAT_MARKDOWN);
    expect_absent_or_not_main(a, "Storm closes the coast road, Schools "
                                 "reopen");
    expect_absent_or_not_main(a, "The mayor answers readers' questions");
    expect_absent_or_not_main(a, "Related stories");
    expect_kind(a, "Routes run every ten minutes at peak times.",
                PRECIS_KIND_LIST);
    expect_kind(a, "Supporters said the plan would help shift workers.",
                PRECIS_KIND_BODY);
    precis_article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(agency_credits),
        cmocka_unit_test(hide_caption),
        cmocka_unit_test(photo_lines),
        cmocka_unit_test(read_more),
        cmocka_unit_test(newsletter_and_follow),
        cmocka_unit_test(credits_and_stamps),
        cmocka_unit_test(body_stays_body),
        cmocka_unit_test(html_figcaption),
        cmocka_unit_test(html_class_hints),
        cmocka_unit_test(html_link_lists),
        cmocka_unit_test(markdown_link_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
