/*
 * test_normalise.c - unit tests for the normalise plug-in.
 *
 * The plug-in's helpers (plugins/normalise/normalise.h) are pure string
 * functions, tested here through tables: an input and the exact result.
 * A table test reports every row that fails, not only the first.  The
 * last tests run whole articles through the core and the stage.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "text/article.h"
#include "text/date.h"
#include "precis.h"
#include "../../plugins/normalise/normalise.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct pair {
    const char *in, *out;
} pair;

static int check_rows(const char *what, const pair *rows, size_t n,
                      int (*fn)(const char *, size_t, precis_buf *))
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        precis_buf b = PRECIS_BUF_INIT;
        int rc = fn(rows[i].in, strlen(rows[i].in), &b);
        const char *got = precis_buf_str(&b);
        if (rc || strcmp(got, rows[i].out)) {
            print_error("%s: \"%s\"\n   expected \"%s\"\n        got \"%s\"\n",
                        what, rows[i].in, rows[i].out, got);
            bad++;
        }
        precis_buf_free(&b);
    }
    return bad;
}

/* ---- title case ---- */

static int title(const char *s, size_t len, precis_buf *b)
{
    return normalise_titlecase(s, len, NULL, b);
}

static const pair title_rows[] = {
    { "senate passes the budget bill after a long night",
      "Senate Passes the Budget Bill After a Long Night" },
    { "what the fed's decision means for you",
      "What the Fed's Decision Means for You" },
    { "a tale of two cities", "A Tale of Two Cities" },
    { "where are you from", "Where Are You From" },
    { "the man who knew too much: a review",
      "The Man Who Knew Too Much: A Review" },
    /* Only consonants make an acronym: "nasa" stays a word. */
    { "nasa and the iPhone app for mars",
      "Nasa and the iPhone App for Mars" },
    { "NASA AND THE NEW ROCKET", "Nasa and the New Rocket" },
    /* Each part of a hyphenated word is a title of its own. */
    { "state-of-the-art tools for small firms",
      "State-Of-The-Art Tools for Small Firms" },
    /* A small word after a full stop opens a sub-phrase, as in
     * python-titlecase, even after an abbreviation. */
    { "the u.s. and the e.u. agree on trade",
      "The u.s. And the e.u. Agree on Trade" },
    { "THE U.S. AND CHINA", "The U.S. And China" },
    { "mcdonald's opens in moscow", "McDonald's Opens in Moscow" },
    { "o'neill returns to d'angelo's restaurant",
      "O'Neill Returns to d'Angelo's Restaurant" },
    { "input/output errors on linux", "Input/Output Errors on Linux" },
    { "visit www.example.org today", "Visit www.example.org Today" },
    { "cnn interviews the ceo of xyz", "CNN Interviews the Ceo of Xyz" },
    { "rock 'n' roll is here to stay", "Rock 'N' Roll Is Here to Stay" },
    { "élections en france: le vote", "Élections en France: Le Vote" },
    { "ÉLECTIONS À PARIS", "Élections À Paris" },
    { "", "" },
    { "   ", "   " },
    { "one -- two", "One -- Two" },
    { "from a to b", "From a to B" },
};

static void test_titlecase(void **st)
{
    (void)st;
    assert_int_equal(check_rows("titlecase", title_rows, COUNT(title_rows),
                                title), 0);
}

static void test_titlecase_lines(void **st)
{
    (void)st;
    normalise_case_opts runs = { .blank_lines = 0 };
    normalise_case_opts each = { .blank_lines = 1 };
    precis_buf b = PRECIS_BUF_INIT;
    const char *in = "first of two\n\nsecond one";
    assert_int_equal(normalise_titlecase(in, strlen(in), &runs, &b), 0);
    assert_string_equal(precis_buf_str(&b), "First of Two\nSecond One");
    b.len = 0;
    assert_int_equal(normalise_titlecase(in, strlen(in), &each, &b), 0);
    assert_string_equal(precis_buf_str(&b),
                        "First of Two\n\nSecond One");
    precis_buf_free(&b);
}

static void test_titlecase_spaces(void **st)
{
    (void)st;
    normalise_case_opts keep = { .normalise_space = 0 };
    normalise_case_opts plain = { .normalise_space = 1 };
    precis_buf b = PRECIS_BUF_INIT;
    const char *in = "ends\twith\xC2\xA0the end";
    assert_int_equal(normalise_titlecase(in, strlen(in), &keep, &b), 0);
    assert_string_equal(precis_buf_str(&b), "Ends\tWith\xC2\xA0the End");
    b.len = 0;
    assert_int_equal(normalise_titlecase(in, strlen(in), &plain, &b), 0);
    assert_string_equal(precis_buf_str(&b), "Ends With the End");
    precis_buf_free(&b);
}

/* ---- evidence and sentence case ---- */

static normalise_evidence *evidence_of_text(const char *body)
{
    normalise_evidence *ev = normalise_evidence_new();
    assert_non_null(ev);
    /* Sentences end at ". "; words at spaces. */
    int start = 1;
    const char *p = body;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - w);
        int end = n && w[n - 1] == '.';
        if (n > 1 && (w[n - 1] == '.' || w[n - 1] == ','))
            n--;
        if (n)
            assert_int_equal(normalise_evidence_add(ev, w, n, start, 0), 0);
        start = end;
    }
    return ev;
}

static void test_evidence(void **st)
{
    (void)st;
    normalise_evidence *ev = evidence_of_text(
        "Putin met NATO officials. The summit ended early, Putin said. "
        "Officials from NATO and the summit staff left.");
    assert_int_equal(normalise_evidence_of(ev, "putin", 5),
                     NORMALISE_EV_CAPITAL);
    assert_int_equal(normalise_evidence_of(ev, "PUTIN", 5),
                     NORMALISE_EV_CAPITAL);
    assert_int_equal(normalise_evidence_of(ev, "Nato", 4),
                     NORMALISE_EV_UPPER);
    assert_int_equal(normalise_evidence_of(ev, "Summit", 6),
                     NORMALISE_EV_LOWER);
    assert_int_equal(normalise_evidence_of(ev, "kremlin", 7), 0);
    /* "Officials" opens a sentence; "officials" inside one says lower. */
    assert_int_equal(normalise_evidence_of(ev, "officials", 9),
                     NORMALISE_EV_LOWER);
    normalise_evidence_free(ev);
}

static void test_sentencecase(void **st)
{
    (void)st;
    normalise_evidence *ev = evidence_of_text(
        "Putin met NATO officials in Moscow. The summit ended early, "
        "Putin said. Officials from NATO and the summit staff left Moscow "
        "on a train.");
    static const pair rows[] = {
        { "Putin Meets NATO Officials In Moscow",
          "Putin meets NATO officials in Moscow" },
        { "PUTIN MEETS NATO OFFICIALS IN MOSCOW",
          "Putin meets NATO officials in Moscow" },
        { "summit ends: Putin leaves Moscow",
          "Summit ends: Putin leaves Moscow" },
        { "Summit Ends Early: What Comes Next",
          "Summit ends early: What comes next" },
        { "iPhone sales rise in Moscow", "iPhone sales rise in Moscow" },
        { "I Think The Summit Failed", "I think the summit failed" },
    };
    normalise_case_opts o = { .ev = ev };
    int bad = 0;
    for (size_t i = 0; i < COUNT(rows); i++) {
        precis_buf b = PRECIS_BUF_INIT;
        assert_int_equal(normalise_sentencecase(rows[i].in,
                                                strlen(rows[i].in), &o, &b),
                         0);
        if (strcmp(precis_buf_str(&b), rows[i].out)) {
            print_error("sentence case: \"%s\"\n   expected \"%s\"\n"
                        "        got \"%s\"\n", rows[i].in, rows[i].out,
                        precis_buf_str(&b));
            bad++;
        }
        precis_buf_free(&b);
    }
    normalise_evidence_free(ev);
    assert_int_equal(bad, 0);
}

/* ---- site names ---- */

typedef struct site_case {
    const char *title, *site, *url, *expected;
} site_case;

static const site_case site_rows[] = {
    /* A dash inside the headline is not a site. */
    { "Biden - Putin summit ends early", NULL, NULL,
      "Biden - Putin summit ends early" },
    { "Biden - Putin summit ends early", "Reuters", NULL,
      "Biden - Putin summit ends early" },
    { "Biden - Putin summit ends early - Reuters", "Reuters", NULL,
      "Biden - Putin summit ends early" },
    { "Biden - Putin summit ends early | Reuters", NULL, NULL,
      "Biden - Putin summit ends early" },
    /* Suffixes and prefixes. */
    { "Floods close schools across the region - Daily Herald", NULL,
      NULL, "Floods close schools across the region" },
    { "Floods close schools across the region | Weather | Daily Herald",
      NULL, NULL, "Floods close schools across the region" },
    { "Daily Herald: Floods close schools", "Daily Herald", NULL,
      "Floods close schools" },
    { "Floods close schools across the region – heraldonline.com", NULL,
      NULL, "Floods close schools across the region" },
    { "Floods close schools across the region - The Herald",
      NULL, "https://www.theherald.co.uk/news/123", 
      "Floods close schools across the region" },
    { "Home » News » Floods close schools in the north", NULL, NULL,
      "Floods close schools in the north" },
    { "Floods close schools across the region · Herald Online", NULL,
      NULL, "Floods close schools across the region" },
    /* Colons only at a known site name. */
    { "Analysis: why the floods came", NULL, NULL,
      "Analysis: why the floods came" },
    { "Floods: what we know so far", "Daily Herald", NULL,
      "Floods: what we know so far" },
    /* A name after a dash is a site's, unless the site is known to be
     * another one. */
    { "Spider-Man: No Way Home - Official Trailer", NULL, NULL,
      "Spider-Man: No Way Home" },
    { "Spider-Man: No Way Home - Official Trailer", "Sony Pictures", NULL,
      "Spider-Man: No Way Home - Official Trailer" },
    { "New Zealand - Wikipedia", NULL, NULL, "New Zealand" },
    { "Turns Out Undersea Kelp Forests Are Crucial to Salmon - Scientific "
      "American", NULL, NULL,
      "Turns Out Undersea Kelp Forests Are Crucial to Salmon" },
    { "Turns Out Kelp Forests Are Crucial to Salmon - Scientific American",
      NULL, "https://www.scientificamerican.com/article/kelp/",
      "Turns Out Kelp Forests Are Crucial to Salmon" },
    { "Mit Foucault die Pandemie verstehen? \xE2\x80\x93 Geschichte der "
      "Gegenwart", NULL, NULL, "Mit Foucault die Pandemie verstehen?" },
    { "Enterprise 2.0 | HR Innovation", NULL, NULL, "Enterprise 2.0" },
    { "Zoho's Neil Cohen on Collaboration Trends | eWEEK", NULL, NULL,
      "Zoho's Neil Cohen on Collaboration Trends" },
    /* Section paths between the headline and the site. */
    { "Heulage: Besser als ihr Ruf? - fuetterung - ausbildung-und-praxis - "
      "Reiterrevue International", NULL, NULL,
      "Heulage: Besser als ihr Ruf?" },
    { "Let kids be kids and leave child labor laws alone | Editorial "
      "\xE2\x80\x93 Sun Sentinel", NULL, NULL,
      "Let kids be kids and leave child labor laws alone" },
    { "Downtown Madison rebound? - Isthmus | Madison, Wisconsin", NULL,
      "https://isthmus.com/news/news/downtown-madison-rebound/",
      "Downtown Madison rebound?" },
    { "News - Anime News Network", NULL, NULL, "News" },
    /* A site signing in brackets, when the site is known. */
    { "Euro zone growth stalls (Reuters)", NULL,
      "https://www.reuters.com/markets/x", "Euro zone growth stalls" },
    { "Euro zone growth stalls (Reuters)", NULL, NULL,
      "Euro zone growth stalls (Reuters)" },
    { "Meeting notes (updated)", "Daily Herald", NULL,
      "Meeting notes (updated)" },
    /* A year or a date is a section's beside a site, the headline's
     * alone; a site known from the address counts as cut. */
    { "Council picks a new mayor | US elections 2024 | The Guardian", NULL,
      NULL, "Council picks a new mayor" },
    { "Council picks a new mayor | US elections 2024 | The Guardian", NULL,
      "https://www.theguardian.com/us-news/2024/x",
      "Council picks a new mayor" },
    { "Governo anuncia novo pacote - 12/03/2024 - Mercado - Folha", NULL,
      NULL, "Governo anuncia novo pacote" },
    { "Floods close schools across the region | Best of 2014", NULL, NULL,
      "Floods close schools across the region | Best of 2014" },
    /* Other scripts. */
    { "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd\x20\xd0\xbf\xd1\x80\xd0\xbe\xd0\xb2\xd1\x91\xd0\xbb\x20\xd0\xb2\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x87\xd1\x83\x20\x2d\x20\xd0\xa0\xd0\x98\xd0\x90\x20\xd0\x9d\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8", NULL, NULL,
      "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd\x20\xd0\xbf\xd1\x80\xd0\xbe\xd0\xb2\xd1\x91\xd0\xbb\x20\xd0\xb2\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x87\xd1\x83" },
    /* Site prefixes. */
    { "Pluralsight Tech Blog | Managing Python Environments", NULL, NULL,
      "Managing Python Environments" },
    { "Zoll online - Fachmeldungen - Verk\xC3\xBCndung des "
      "Tabaksteuermodernisierungsgesetzes", NULL, NULL,
      "Verk\xC3\xBCndung des Tabaksteuermodernisierungsgesetzes" },
    /* Separators of each shape. */
    { "Floods close schools across the region :: Herald", NULL, NULL,
      "Floods close schools across the region" },
    { "Floods close schools across the region // Herald", NULL, NULL,
      "Floods close schools across the region" },
    { "Floods close schools across the region \xE2\x80\x94 Herald", NULL,
      NULL, "Floods close schools across the region" },
    { "Floods close schools across the region \xC2\xBB Herald", NULL,
      NULL, "Floods close schools across the region" },
    /* CJK: a dash or an underscore between characters. */
    { "\xE7\x9B\x8A\xE9\x98\xB3\xEF\xBC\x9A\xE2\x80\x9C\xE6\x95\xB0"
      "\xE5\xAD\x97\xE2\x80\x9D\xE6\x98\xAF\xE4\xBC\x98\xE9\x95\xBF-"
      "\xE5\x8D\x8A\xE6\x9C\x88\xE8\xB0\x88", NULL, NULL,
      "\xE7\x9B\x8A\xE9\x98\xB3\xEF\xBC\x9A\xE2\x80\x9C\xE6\x95\xB0"
      "\xE5\xAD\x97\xE2\x80\x9D\xE6\x98\xAF\xE4\xBC\x98\xE9\x95\xBF" },
    { "\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xBB\x8F\xE6\xB5\x8E\xE5\xA2\x9E"
      "\xE9\x95\xBF_\xE6\x96\xB0\xE6\xB5\xAA\xE7\xBD\x91", NULL, NULL,
      "\xE4\xB8\xAD\xE5\x9B\xBD\xE7\xBB\x8F\xE6\xB5\x8E\xE5\xA2\x9E"
      "\xE9\x95\xBF" },
    { "The Best Phones of the Year | Gadget Weekly", NULL, NULL,
      "The Best Phones of the Year" },
    { "One - Two - Three Steps Forward", NULL, NULL,
      "One - Two - Three Steps Forward" },
    /* Nothing but the site. */
    { " | Daily Herald", "Daily Herald", NULL, "" },
    { "Daily Herald", "Daily Herald", NULL, "Daily Herald" },
    /* Guillemets quote, they do not separate. */
    { "« Nous irons » : le ministre répond » Politique", NULL, NULL,
      "« Nous irons » : le ministre répond » Politique" },
    { "Score 30-17 as Tech wins at home", NULL, NULL,
      "Score 30-17 as Tech wins at home" },
};

static void test_strip_site(void **st)
{
    (void)st;
    int bad = 0;
    for (size_t i = 0; i < COUNT(site_rows); i++) {
        const site_case *c = &site_rows[i];
        normalise_site site = { c->site, c->url };
        size_t a = 0, e = 0;
        normalise_strip_site(c->title, strlen(c->title), &site, &a, &e);
        if (e - a != strlen(c->expected)
            || strncmp(c->title + a, c->expected, e - a)) {
            print_error("strip_site: \"%s\" (site %s)\n   expected \"%s\"\n"
                        "        got \"%.*s\"\n", c->title,
                        c->site ? c->site : "-", c->expected, (int)(e - a),
                        c->title + a);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_same_headline(void **st)
{
    (void)st;
    const char *h = "Visit of the Chairman";
    assert_true(normalise_same_headline(h, strlen(h),
                                        "visit of the chairman.", 22));
    assert_false(normalise_same_headline(h, strlen(h), "Visit of", 8));
    assert_false(normalise_same_headline("", 0, "", 0));
}

/* ---- names ---- */

static int name(const char *s, size_t len, precis_buf *b)
{
    normalise_name_case(b, s, len);
    return b->oom ? -1 : 0;
}

static const pair name_rows[] = {
    { "EDUARDO PORTER", "Eduardo Porter" },
    { "\xd0\x98\xd0\x92\xd0\x90\xd0\x9d\x20\xd0\x9f\xd0\x95\xd0\xa2\xd0\xa0\xd0\x9e\xd0\x92", "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\x20\xd0\x9f\xd0\xb5\xd1\x82\xd1\x80\xd0\xbe\xd0\xb2" },
    { "\xce\x9d\xce\x99\xce\x9a\xce\x9f\xce\xa3\x20\xce\xa0\xce\x91\xce\xa0\xce\x91\xce\xa3", "\xce\x9d\xce\xb9\xce\xba\xce\xbf\xcf\x82\x20\xce\xa0\xce\xb1\xcf\x80\xce\xb1\xcf\x82" },
    { "JAMES MCDONALD", "James McDonald" },
    { "SARAH O'CONNOR", "Sarah O'Connor" },
    { "SARAH O\xE2\x80\x99" "CONNOR", "Sarah O\xE2\x80\x99" "Connor" },
    { "JUAN DE LA CRUZ", "Juan de la Cruz" },
    { "Juan de la Cruz", "Juan de la Cruz" },
    { "Pat McDonald", "Pat McDonald" },
    { "Bob O'NEILL", "Bob O'Neill" },
    { "JD Vance", "JD Vance" },
    { "JOHN SMITH III", "John Smith III" },
    { "J. R. R. TOLKIEN", "J. R. R. Tolkien" },
    { "JEAN-LUC PICARD", "Jean-Luc Picard" },
    { "RODRIGO DURÃO COELHO", "Rodrigo Durão Coelho" },
    { "Rodrigo Durão Coelho", "Rodrigo Durão Coelho" },
    { "ÉMILE ZOLA", "Émile Zola" },
    { "jane doe", "Jane Doe" },
    { "LUDWIG VAN BEETHOVEN", "Ludwig van Beethoven" },
    { "ŁUKASZ ŻUREK", "Łukasz Żurek" },
};

static void test_name_case(void **st)
{
    (void)st;
    assert_int_equal(check_rows("name", name_rows, COUNT(name_rows), name),
                     0);
}

/* ---- bylines ---- */

static int core_date(const char *s, size_t len, size_t *start)
{
    date_value d;
    if (!date_find(s, len, &d))
        return 0;
    *start = d.start;
    return 1;
}

typedef struct byline_case {
    const char *in, *role, *expected;   /* "Name (role); ..." */
} byline_case;

static const byline_case byline_rows[] = {
    { "By JANE DOE and John Smith, Staff Writers", "author",
      "Jane Doe (author); John Smith (author)" },
    { "Reporting by Ana Lima; Editing by Tom Berg", "contributor",
      "Ana Lima (reporter); Tom Berg (editor)" },
    { "By Mary Smith, Jr. and Bob O'NEILL", "author",
      "Mary Smith, Jr. (author); Bob O'Neill (author)" },
    { "Editing: Rodrigo Durão Coelho", "contributor",
      "Rodrigo Durão Coelho (editor)" },
    { "Photo: Kim Lee/Reuters", "contributor", "Kim Lee (photographer)" },
    { "With reporting from Lena Park and Omar Haddad", "contributor",
      "Lena Park (contributor); Omar Haddad (contributor)" },
    { "(Reporting by Ana Lima in Lisbon and Tom Berg in Oslo; Additional "
      "reporting by Kim Lee; Editing by Sam Ruiz)", "contributor",
      "Ana Lima (reporter); Tom Berg (reporter); Kim Lee (contributor); "
      "Sam Ruiz (editor)" },
    { "Reporting by Ana Lima, editing by Tom Berg", "contributor",
      "Ana Lima (reporter); Tom Berg (editor)" },
    { "By Jane Doe, Associated Press", "author", "Jane Doe (author)" },
    { "By Jane Doe, USA TODAY", "author", "Jane Doe (author)" },
    { "By The Associated Press", "author",
      "The Associated Press (organization)" },
    { "By Reuters Staff", "author", "Reuters (organization)" },
    { "By Jane Doe jane.doe@example.com @janedoe", "author",
      "Jane Doe (author)" },
    { "By Jane Doe | Updated 3:15 PM EDT, Sept. 11, 2024", "author",
      "Jane Doe (author)" },
    { "By Jane Doe Sept. 11, 2024", "author", "Jane Doe (author)" },
    { "By Jane Doe, Senior White House Correspondent", "author",
      "Jane Doe (author)" },
    { "Jane Doe, Staff Photographer", "author", "Jane Doe (photographer)" },
    { "By Jane Doe and John Smith Special to The Washington Post",
      "author", "Jane Doe (author); John Smith (author)" },
    { "Por María García y José Pérez Fernández", "author",
      "María García (author); José Pérez Fernández (author)" },
    { "By José Ortega y Gasset", "author", "José Ortega y Gasset (author)" },
    { "Von Hans Müller und Erika Mustermann", "author",
      "Hans Müller (author); Erika Mustermann (author)" },
    { "Par Jean-Luc Picard", "author", "Jean-Luc Picard (author)" },
    { "Por Maria Silva, da Redação", "author", "Maria Silva (author)" },
    { "Story by Jane Doe; photos by Bob Smith", "author",
      "Jane Doe (author); Bob Smith (photographer)" },
    { "<b>John Doe</b>", "author", "John Doe (author)" },
    { "John \xF0\x9F\x98\x8A Doe", "author", "John Doe (author)" },
    { "John \"The King\" Doe", "author", "John Doe (author)" },
    { "John Doe of John Doe", "author", "John Doe (author)" },
    { "Jenny_Smith", "author", "Jenny Smith (author)" },
    { "By <a href=\"/p/amir\">Amir Vera</a> and Adam Renton, CNN",
      "author", "Amir Vera (author); Adam Renton (author)" },
    { "Jenny Smith \xE2\x80\x94 Example Site", "author",
      "Jenny Smith (author)" },
    { "Jenny Smith @jenny_smith 11:57AM", "author", "Jenny Smith (author)" },
    { "Jenny Smith For Daily Mail Australia", "author",
      "Jenny Smith (author)" },
    { "By: Ian Shive", "author", "Ian Shive (author)" },
    { "Reporting by Ana Lima \xE2\x80\x93 editing by Tom Berg",
      "contributor", "Ana Lima (reporter); Tom Berg (editor)" },
    { "By Evan Orris, NBA.com", "author", "Evan Orris (author)" },
    { "By Staff", "author", "" },
    { "Updated 2 hours ago", "author", "" },
    { "By Jane Doe and Jane Doe", "author", "Jane Doe (author)" },
    { "By Ana Lima &amp; Tom Berg", "author",
      "Ana Lima (author); Tom Berg (author)" },
    /* several people, with places and titles between them */
    { "Fred Blogs, in Washington and Bubba jo-bob Brain, chief cheese "
      "editor in Mouseland", "author",
      "Fred Blogs (author); Bubba jo-bob Brain (author)" },
    { "By Ana Lima in Lisbon, Tom Berg in Oslo and Kim Lee", "author",
      "Ana Lima (author); Tom Berg (author); Kim Lee (author)" },
    { "Andrew Bosworth, Chief Technology Officer and Head of Reality "
      "Labs", "author", "Andrew Bosworth (author)" },
    { "By Dana Levy and Omar Said, Reporting from Cairo", "author",
      "Dana Levy (author); Omar Said (author)" },
    { "By Lena Vogt, Berlin", "author", "Lena Vogt (author)" },
    { "Por Ana Costa e João Lima, de São Paulo", "author",
      "Ana Costa (author); Jo\xC3\xA3o Lima (author)" },
    { "By Ada Obi, BBC News, Lagos", "author", "Ada Obi (author)" },
    /* a title in small letters takes the word before it */
    { "Jon Moss Europe correspondent", "author", "Jon Moss (author)" },
    { "By ROB HALE AP Sports Writer", "author", "Rob Hale (author)" },
    /* a degree is not part of the name; a suffix is */
    { "By Emily Chen, PhD", "author", "Emily Chen (author)" },
    { "By Tom Reed, Jr., MD", "author", "Tom Reed, Jr. (author)" },
    /* a byline with capitals writes its names with them */
    { "Staff and agencies", "author", "" },
    /* trailing digits and handles */
    { "John Doe123", "author", "John Doe (author)" },
    { "By jdoe42 and Ana Lima", "author", "Ana Lima (author)" },
    /* JSON escapes copied from page data */
    { "By Fr\\u00e9d\\u00e9ric Martin and Jean-\\u00c9tienne Roy",
      "author",
      "Fr\xC3\xA9" "d\xC3\xA9ric Martin (author); "
      "Jean-\xC3\x89tienne Roy (author)" },
    /* credits are not authors */
    { "Image Credits: Bird", "author", "Bird (photographer)" },
    { "Image Credits: Bryce Durbin / TechCrunch", "author",
      "Bryce Durbin (photographer)" },
    /* no person: the organisation alone */
    { "By , The Daily Journal", "author",
      "The Daily Journal (organization)" },
    { "By John O'connor The Associated Press", "author",
      "John O'connor (author)" },
    { "BY JANE DOE-SMITH AND JOHN MCDONALD", "author",
      "Jane Doe-Smith (author); John McDonald (author)" },
};

static void test_bylines(void **st)
{
    (void)st;
    int bad = 0;
    for (size_t i = 0; i < COUNT(byline_rows); i++) {
        const byline_case *c = &byline_rows[i];
        normalise_people pp = { .oom = 0 };
        int rc = normalise_parse_byline(c->in, strlen(c->in), c->role,
                                        core_date, &pp);
        normalise_people_finish(&pp, 0);
        char got[1024] = "";
        for (size_t k = 0; k < pp.n; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got),
                     "%s%s (%s)", k ? "; " : "",
                     normalise_person_name(&pp, k), pp.v[k].role);
        if (rc || strcmp(got, c->expected)) {
            print_error("byline: \"%s\"\n   expected \"%s\"\n        got "
                        "\"%s\"\n", c->in, c->expected, got);
            bad++;
        }
        normalise_people_free(&pp);
    }
    assert_int_equal(bad, 0);
}

/* Options: names as written, organisations kept, periods dropped. */
static void test_byline_options(void **st)
{
    (void)st;
    const char *in = "By JANE DOE and Emma G. Fitzsimmons, CNN";
    normalise_people pp = { .keep_case = 1 };
    assert_int_equal(normalise_parse_byline(in, strlen(in), "author", NULL,
                                            &pp), 0);
    normalise_people_finish(&pp, 1);
    assert_int_equal(pp.n, 3);
    assert_string_equal(normalise_person_name(&pp, 0), "JANE DOE");
    assert_string_equal(normalise_person_name(&pp, 2), "CNN");
    assert_string_equal(pp.v[2].role, "organization");
    precis_buf b = PRECIS_BUF_INIT;
    const char *name = normalise_person_name(&pp, 1);
    normalise_name_bare(&b, name, strlen(name));
    assert_string_equal(precis_buf_str(&b), "Emma G Fitzsimmons");
    precis_buf_free(&b);
    normalise_people_free(&pp);
}

/* Malformed UTF-8 and long inputs never read out of bounds (run this
 * under ASan). */
static void test_bad_input(void **st)
{
    (void)st;
    const char bad[] = "By \xC3 \xE2\x80 \xFF\xFE J\xC3\xA9 and \xF0\x9F";
    normalise_people pp = { .oom = 0 };
    assert_int_equal(normalise_parse_byline(bad, sizeof bad - 1, "author",
                                            NULL, &pp), 0);
    normalise_people_free(&pp);
    precis_buf b = PRECIS_BUF_INIT;
    assert_int_equal(normalise_titlecase(bad, sizeof bad - 1, NULL, &b), 0);
    b.len = 0;
    assert_int_equal(normalise_sentencecase(bad, sizeof bad - 1, NULL, &b),
                     0);
    precis_buf_free(&b);
    char big[5000];
    memset(big, '|', sizeof big);
    size_t a, e;
    normalise_strip_site(big, sizeof big, NULL, &a, &e);
    assert_true(a <= e && e <= sizeof big);
    normalise_strip_site(bad, sizeof bad - 1, NULL, &a, &e);
    assert_true(a <= e && e <= sizeof bad - 1);
}

/* ---- whole articles ---- */

typedef struct run {
    precis_ctx *ctx;
    precis_article *a;
} run;

static void run_article(run *r, const char *data, precis_format fmt,
                        const char *const *sets)
{
    precis_error err = { 0, "" };
    assert_int_equal(precis_ctx_new(&r->ctx, &err), PRECIS_OK);
    for (; sets && *sets; sets++)
        assert_int_equal(precis_ctx_set(r->ctx, *sets, &err), PRECIS_OK);
    assert_int_equal(precis_ctx_prepare(r->ctx, &err), PRECIS_OK);
    assert_int_equal(precis_load_buffer(r->ctx, "test", data, strlen(data),
                                        fmt, &r->a, &err), PRECIS_OK);
    int rc = precis_run(r->ctx, r->a, &err);
    if (rc)
        print_error("%s\n", err.message);
    assert_int_equal(rc, PRECIS_OK);
}

static void run_free(run *r)
{
    precis_article_free(r->a);
    precis_ctx_free(r->ctx);
}

static const char *field(const run *r, const char *key)
{
    const char *v = article_field(r->a, key);
    return v ? v : "(none)";
}

static void people(const run *r, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < r->a->people.n; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s (%s)",
                 i ? "; " : "", r->a->people.v[i].name,
                 r->a->people.v[i].role);
}

static void test_article_json(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "{\"title\": \"FLOODS CLOSE SCHOOLS IN NATO TOWN - Daily Herald\", "
        "\"site\": \"Daily Herald\", "
        "\"byline\": \"By JANE DOE and John Smith, Staff Writers\", "
        "\"text\": \"Floods close schools in NATO town\\n\\n"
        "Schools in the NATO town closed on Monday after the floods. The "
        "river rose overnight and the town council met early.\\n\\n"
        "Officials said schools would reopen next week.\"}",
        PRECIS_FORMAT_JSON, NULL);
    assert_string_equal(field(&r, "headline"),
                        "Floods Close Schools in NATO Town");
    assert_string_equal(field(&r, "headline_raw"),
                        "FLOODS CLOSE SCHOOLS IN NATO TOWN - Daily Herald");
    char got[512];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Jane Doe (author); John Smith (author)");
    /* The body's first paragraph repeats the headline without the site
     * (the core marks only exact repeats). */
    int dup = 0;
    for (size_t i = 0; i < r.a->paras.n; i++)
        dup += r.a->paras.v[i].kind == PRECIS_KIND_BOILERPLATE
            && r.a->paras.v[i].reason
            && !strcmp(r.a->paras.v[i].reason, "duplicate-headline");
    assert_int_equal(dup, 1);
    run_free(&r);
}

/* Entities a scraper left in a JSON title are decoded as the JSON is
 * loaded (libxml2's table, as for a page's metadata), so the site is cut
 * at the dash they spell. */
static void test_article_title_entities(void **st)
{
    (void)st;
    run r;
    run_article(&r, "{\"title\": \"Q&amp;A: the new visa rules &#8211; "
                    "Example News\", \"text\": \"The rules change in "
                    "May for every student.\"}", PRECIS_FORMAT_JSON, NULL);
    assert_string_equal(field(&r, "headline"), "Q&A: the new visa rules");
    assert_string_equal(field(&r, "headline_raw"),
                        "Q&A: the new visa rules \xE2\x80\x93 Example News");
    run_free(&r);
}

static void test_article_keep_case(void **st)
{
    (void)st;
    static const char *const sets[] = { "stage.normalise.fix_caps=false",
                                        "stage.normalise.strip_site=false",
                                        NULL };
    run r;
    run_article(&r, "{\"title\": \"FLOODS CLOSE SCHOOLS - Daily Herald\", "
                    "\"text\": \"Schools closed after the floods.\"}",
                PRECIS_FORMAT_JSON, sets);
    assert_string_equal(field(&r, "headline"),
                        "FLOODS CLOSE SCHOOLS - Daily Herald");
    run_free(&r);
}

static void test_article_sentence_case(void **st)
{
    (void)st;
    static const char *const sets[] = {
        "stage.normalise.headline_case=sentence", NULL };
    run r;
    run_article(&r, "{\"title\": \"Putin Meets Maduro In Caracas\", "
                    "\"text\": \"The meeting in Caracas was short. Putin "
                    "and Maduro met for an hour, and Maduro spoke first."
                    "\"}", PRECIS_FORMAT_JSON, sets);
    assert_string_equal(field(&r, "headline"),
                        "Putin meets Maduro in Caracas");
    run_free(&r);
}

typedef struct date_case {
    const char *text, *date;
} date_case;

static const date_case date_rows[] = {
    { "Maduro meets Patrushev\n\nCARACAS, Venezuela (Sept. 11, 2024) \xE2"
      "\x80\x94 Patrushev met Maduro on Tuesday in the capital.\n\nMore "
      "text follows in the body.\n", "2024-09-11" },
    { "Titular sobre la economía\n\nMADRID, 11 de septiembre de 2024 "
      "(EFE) - El Gobierno anunció hoy nuevas medidas para el país.\n",
      "2024-09-11" },
    { "Manchete sobre a economia\n\nPublicado em 11 de setembro de 2024\n"
      "\nO governo anunciou hoje novas medidas para o país.\n",
      "2024-09-11" },
    { "Titre sur l'économie\n\nPar Jean Dupont\n\nPublié le 3 février 2024"
      " à 10h15, mis à jour le 4 février 2024\n\nLe gouvernement a annoncé "
      "de nouvelles mesures ce matin.\n", "2024-02-03T10:15:00" },
    { "Schlagzeile zur Wirtschaft\n\nVon Hans Müller | 11. März 2024, "
      "14:05 Uhr\n\nDie Regierung hat heute neue Maßnahmen angekündigt.\n",
      "2024-03-11T14:05:00" },
    { "Headline about the economy\n\nBy Jane Doe\n\nFebruary 30, 2024\n\n"
      "The government announced new measures on Monday morning.\n",
      "(none)" },
    { "Headline about the economy\n\nSept. 11, 2024 \xE2\x80\x94 The "
      "government announced new measures in the capital today.\n",
      "2024-09-11" },
    /* A sentence's date, not a dateline. */
    { "Headline about a past event\n\nOn 5 March 2024 - the day of the "
      "vote - the town was quiet and nobody came out.\n", "(none)" },
    { "Headline about the economy\n\nWASHINGTON (AP) \xE2\x80\x94 The "
      "government announced new measures on Sept. 11, 2024 in the city.\n",
      "(none)" },
};

static void test_article_dates(void **st)
{
    (void)st;
    int bad = 0;
    for (size_t i = 0; i < COUNT(date_rows); i++) {
        run r;
        run_article(&r, date_rows[i].text, PRECIS_FORMAT_TEXT, NULL);
        if (strcmp(field(&r, "date"), date_rows[i].date)) {
            print_error("date: %.40s...\n   expected %s\n        got %s\n",
                        date_rows[i].text, date_rows[i].date,
                        field(&r, "date"));
            bad++;
        }
        run_free(&r);
    }
    assert_int_equal(bad, 0);
}

static void test_article_credit(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "September 11, 2024\n\nVisit of the Chairman of the Council\n\n"
        "2 min read\nVisit of the Chairman of the Council\n\n"
        "The secretary met the president in the capital on Tuesday. The "
        "visit is one of a series of visits.\n\n"
        "Editing: Rodrigo Durão Coelho\n\nLeave a Reply\n",
        PRECIS_FORMAT_TEXT, NULL);
    assert_string_equal(field(&r, "headline"),
                        "Visit of the Chairman of the Council");
    assert_string_equal(field(&r, "date"), "2024-09-11");
    char got[256];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Rodrigo Durão Coelho (editor)");
    run_free(&r);
}

/* ---- pages: the loader's evidence and the stage together ---- */

#define BODY_P "<p>The council voted on Tuesday to close the old bridge to " \
    "cars, after engineers found cracks in two of its piers. Repairs are " \
    "expected to take most of next year, the council said.</p>"

/* A page whose byline is only its newsroom ("By , The Daily Journal")
 * has its reporter in another JSON-LD object of the same story. */
static void test_page_byline_elsewhere(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "<html><head><title>Council closes the old bridge | The Daily "
        "Journal</title>"
        "<meta property=\"og:site_name\" content=\"The Daily Journal\">"
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"headline\": \"Council closes the old bridge\", \"author\": "
        "{\"@type\": \"Person\", \"name\": \", The Daily Journal\"}}"
        "</script><script type=\"application/ld+json\">{\"@type\": "
        "\"WebPage\", \"name\": \"Council closes the old bridge to cars\", "
        "\"author\": [{\"name\": \"Jane Q. Public\"}]}</script>"
        "</head><body><article><h1>Council closes the old bridge</h1>"
        BODY_P BODY_P "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    char got[256];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Jane Q. Public (author)");
    run_free(&r);
}

/* The site's own name is never an author.  With nobody else named it
 * stays, as an organisation, when the page signs with it ("By Example
 * News Staff" under the headline); named in the metadata alone, it signs
 * nothing. */
static void test_page_site_byline(void **st)
{
    (void)st;
    run r;
#define SITE_HEAD "<html><head><title>Council closes the old bridge - " \
    "Example News</title>" \
    "<meta property=\"og:site_name\" content=\"Example News\">" \
    "<meta name=\"author\" content=\"Example News Staff\">" \
    "</head><body><article><h1>Council closes the old bridge</h1>"
    run_article(&r, SITE_HEAD "<p class=\"meta\">By Example News Staff</p>"
        BODY_P BODY_P "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    char got[256];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Example News (organization)");
    assert_string_equal(field(&r, "byline_shown"), "By Example News Staff");
    run_free(&r);
    run_article(&r, SITE_HEAD BODY_P BODY_P "</article></body></html>",
                PRECIS_FORMAT_HTML, NULL);
    people(&r, got, sizeof got);
    assert_string_equal(got, "");
    run_free(&r);
    /* an agency named by a tag alone is no more a signature */
    run_article(&r,
        "<html><head><title>Council closes the old bridge</title>"
        "<meta name=\"author\" content=\"The Associated Press\"></head>"
        "<body><article><h1>Council closes the old bridge</h1>" BODY_P
        BODY_P "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    people(&r, got, sizeof got);
    assert_string_equal(got, "");
    run_free(&r);
    /* text and JSON carry no header: their newsroom bylines stand */
    run_article(&r,
        "{\"title\": \"Council closes the old bridge\", "
        "\"byline\": \"By The Associated Press\", "
        "\"text\": \"The council voted to close the bridge.\"}",
        PRECIS_FORMAT_JSON, NULL);
    people(&r, got, sizeof got);
    assert_string_equal(got, "The Associated Press (organization)");
    run_free(&r);
}

/* JSON-LD may list as authors people the page's byline does not sign
 * (contributors, a desk editor): the header's "By" line, when it names
 * one of them, says who wrote the story.  A line that names none of them
 * changes nothing. */
static void test_page_shown_authors(void **st)
{
    (void)st;
    run r;
#define THREE_HEAD "<html><head><title>Council closes the old bridge" \
    "</title><script type=\"application/ld+json\">{\"@type\":" \
    "\"NewsArticle\",\"headline\":\"Council closes the old bridge\"," \
    "\"author\":[{\"@type\":\"Person\",\"name\":\"Grace Dean\"}," \
    "{\"@type\":\"Person\",\"name\":\"Leon Hurley\"},{\"@type\":" \
    "\"Person\",\"name\":\"Jasmine Gould\"}]}</script></head><body>" \
    "<article><h1>Council closes the old bridge</h1>"
    run_article(&r, THREE_HEAD "<div class=\"byline\">By <a href=\"/"
        "author/grace-dean\">Grace Dean</a></div><div>Contributions from "
        "Leon Hurley, Jasmine Gould</div>" BODY_P BODY_P
        "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    char got[256];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Grace Dean (author)");
    run_free(&r);
    run_article(&r, THREE_HEAD "<p class=\"meta\">By Staff Reporters</p>"
        BODY_P BODY_P "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    people(&r, got, sizeof got);
    assert_string_equal(got, "Grace Dean (author); Leon Hurley (author); "
                             "Jasmine Gould (author)");
    run_free(&r);
}

/* A page a framework renders carries its story as JSON in a script's
 * attribute or a JSON script: the story whose title is the headline names
 * the author there, and a related story's author is not taken. */
static void test_page_state_author(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "<html><head><title>Council closes the old bridge</title>"
        "<script type=\"application/json\">{\"related\":[{\"title\":"
        "\"Bus fares rise in spring\",\"authors\":[{\"name\":"
        "\"Tom Hale\"}]}]}</script>"
        "<script id=\"state\" data-state=\"{&quot;page&quot;:{&quot;"
        "article&quot;:{&quot;title&quot;:&quot;Council closes the old "
        "bridge&quot;,&quot;processed&quot;:{&quot;authors&quot;:[{&quot;"
        "name&quot;:&quot;Daisy-Mae Schmitt&quot;,&quot;bio&quot;:&quot;"
        "Writes about cities.&quot;}]}}}}\"></script></head><body><article>"
        "<h1>Council closes the old bridge</h1>" BODY_P BODY_P
        "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    char got[256];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Daisy-Mae Schmitt (author)");
    run_free(&r);
}

/* A live blog's updates are signed by their own reporters: the page's
 * byline is its header's ("By Example News"), not the first update's. */
static void test_page_live_blog(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "<html><head><title>Storm live updates - Example News</title>"
        "<meta property=\"og:site_name\" content=\"Example News\">"
        "<script type=\"application/ld+json\">{\"@type\":"
        "\"LiveBlogPosting\",\"headline\":\"Storm live updates\","
        "\"author\":{\"@type\":\"Organization\",\"name\":"
        "\"Example News\"},\"liveBlogUpdate\":[{\"@type\":"
        "\"BlogPosting\",\"headline\":\"Power is back\",\"author\":"
        "{\"@type\":\"Person\",\"name\":\"Rebecca Cole\"}}]}</script>"
        "</head><body><article><div class=\"hero\"><div class=\"title\">"
        "<h1>Storm live updates</h1></div><div class=\"meta\">By <span>"
        "Example News</span></div></div>"
        "<div class=\"post\"><h2>Power is back</h2><div class=\"byline\">"
        "By <a href=\"/author/rebecca-cole\">Rebecca Cole</a></div>"
        BODY_P "</div><div class=\"post\"><h2>Roads close</h2>"
        "<div class=\"byline\">By <a href=\"/author/sam-ortiz\">Sam Ortiz"
        "</a></div>" BODY_P "</div></article></body></html>",
        PRECIS_FORMAT_HTML, NULL);
    char got[256];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Example News (organization)");
    run_free(&r);
}

/* A link to the author's page beside the headline names the reporter
 * when no byline element does; a photo credit is never the author. */
static void test_page_author_link(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "<html><head><title>Council closes the old bridge</title></head>"
        "<body><article><h1>Council closes the old bridge</h1>"
        "<figure><img src=\"b.jpg\"><figcaption>The bridge. Image Credits: "
        "<a href=\"/author/bryce\">Bryce Durbin</a></figcaption></figure>"
        "<div>By <a href=\"/writer/ana-lima\">Ana Lima</a></div>"
        BODY_P BODY_P "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    char got[256];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Ana Lima (author)");
    run_free(&r);
}

/* The <h1> and the <title> agree on the whole headline: its bar is the
 * headline's.  Without that agreement the same bar ends the headline. */
static void test_page_title_whole(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "<html><head><title>Getting LEAN with Digital Ad UX | IAB</title>"
        "<meta property=\"og:site_name\" content=\"IAB\"></head><body>"
        "<article><h1>Getting LEAN with Digital Ad UX | IAB</h1>"
        BODY_P BODY_P "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "headline"),
                        "Getting LEAN with Digital Ad UX | IAB");
    run_free(&r);
    run_article(&r,
        "<html><head><title>Getting LEAN with Digital Ad UX | IAB</title>"
        "<meta property=\"og:site_name\" content=\"IAB\"></head><body>"
        "<article>" BODY_P BODY_P "</article></body></html>",
        PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "headline"),
                        "Getting LEAN with Digital Ad UX");
    run_free(&r);
}

/* A UTC time in the metadata is read on the day the page shows: 04:00
 * UTC on the 22nd is 23:00 EST on the 21st. */
static void test_page_local_day(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "<html><head><title>Council closes the old bridge</title>"
        "<meta property=\"article:published_time\" "
        "content=\"2023-12-22T04:00:41+00:00\"></head><body><article>"
        "<h1>Council closes the old bridge</h1><div class=\"meta\">By Ana "
        "Lima <time datetime=\"2023-12-22T04:00:41+00:00\">Dec. 21, 2023 "
        "11:00 pm EST</time></div>" BODY_P BODY_P "</article></body></html>",
        PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "date"), "2023-12-21T23:00:41-05:00");
    run_free(&r);
}

/* The page's metadata holds a published and a modified date: the one the
 * header shows is the page's date, and metadata gives its value. */
#define TWO_DATES_HEAD \
    "<html><head><title>Council closes the old bridge</title>" \
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"," \
    "\"headline\":\"Council closes the old bridge\"," \
    "\"datePublished\":\"2023-04-24T10:26:24+00:00\"," \
    "\"dateModified\":\"2023-08-08T13:51:41+00:00\"}</script>" \
    "</head><body>"

static void test_page_shown_date(void **st)
{
    (void)st;
    run r;
    /* a guide refreshed in August says so under its headline */
    run_article(&r, TWO_DATES_HEAD "<article><h1>Council closes the old "
        "bridge</h1><div class=\"meta\"><span>By Ana Lima</span> "
        "<span>Updated:</span> <time>August 8, 2023 | 6:51 AM</time></div>"
        BODY_P BODY_P "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "date"), "2023-08-08T13:51:41+00:00");
    assert_string_equal(field(&r, "date_source"), "json-ld dateModified");
    run_free(&r);
    /* published first, updated after: the first the reader sees */
    run_article(&r, TWO_DATES_HEAD "<article><h1>Council closes the old "
        "bridge</h1><p class=\"meta\">Posted: Apr 24, 2023 10:26 AM | "
        "Last Updated: August 8, 2023</p>" BODY_P BODY_P
        "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "date"), "2023-04-24T10:26:24+00:00");
    run_free(&r);
    /* a date no metadata vouches for (the masthead's today, a date in
     * the standfirst) leaves the published date alone */
    run_article(&r, TWO_DATES_HEAD "<article><h1>Council closes the old "
        "bridge</h1><p class=\"meta\">Saturday, December 23, 2023</p>"
        BODY_P BODY_P "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "date"), "2023-04-24T10:26:24+00:00");
    assert_string_equal(field(&r, "date_source"), "json-ld");
    run_free(&r);
    /* a date in the story's text is not the header's */
    run_article(&r, TWO_DATES_HEAD "<article><h1>Council closes the old "
        "bridge</h1>" BODY_P "<p>It last met on August 8, 2023.</p>" BODY_P
        "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "date"), "2023-04-24T10:26:24+00:00");
    run_free(&r);
}

/* A page with no date in its metadata takes the one its header shows,
 * even when the header runs its spans together ("Ana Lima" "Dec 05,
 * 2023" "2 Shares" read "Ana LimaDec 05, 20232 Shares"). */
static void test_page_header_date_only(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "<html><head><title>Council closes the old bridge</title></head>"
        "<body><article><h1>Council closes the old bridge</h1><div>"
        "<span>Ana Lima</span><span>Dec 05, 2023</span><span>2 Shares"
        "</span></div>" BODY_P BODY_P "</article></body></html>",
        PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "date"), "2023-12-05");
    run_free(&r);
    /* a date above the headline (the claim a fact check is about) gives
     * way to the one under it */
    run_article(&r,
        "<html><head><title>Council closes the old bridge</title></head>"
        "<body><article><div class=\"top\"><div class=\"claim\"><p>Said "
        "on Sunday, October 13th, 2019 in a newspaper</p></div><h1>Council "
        "closes the old bridge</h1><p class=\"meta\">By Ana Lima on "
        "Monday, November 18th, 2019 at 11:08 a.m.</p></div>"
        "<div class=\"text\">" BODY_P BODY_P "</div>"
        "</article></body></html>", PRECIS_FORMAT_HTML, NULL);
    assert_string_equal(field(&r, "date"), "2019-11-18T11:08:00");
    run_free(&r);
}

/* Names in capitals are title-cased, and the field says so. */
static void test_byline_case_noted(void **st)
{
    (void)st;
    run r;
    run_article(&r,
        "{\"title\": \"Council closes the old bridge\", "
        "\"byline\": \"By RALPH D. RUSSO and Bob Ferrante\", "
        "\"text\": \"The council voted to close the bridge.\"}",
        PRECIS_FORMAT_JSON, NULL);
    char got[256];
    people(&r, got, sizeof got);
    assert_string_equal(got, "Ralph D. Russo (author); Bob Ferrante (author)");
    assert_string_equal(field(&r, "byline_case"),
                        "title-cased from capitals: Ralph D. Russo");
    run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_titlecase),
        cmocka_unit_test(test_titlecase_spaces),
        cmocka_unit_test(test_titlecase_lines),
        cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_sentencecase),
        cmocka_unit_test(test_strip_site),
        cmocka_unit_test(test_same_headline),
        cmocka_unit_test(test_name_case),
        cmocka_unit_test(test_bylines),
        cmocka_unit_test(test_byline_options),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_article_json),
        cmocka_unit_test(test_article_title_entities),
        cmocka_unit_test(test_article_keep_case),
        cmocka_unit_test(test_article_sentence_case),
        cmocka_unit_test(test_article_dates),
        cmocka_unit_test(test_article_credit),
        cmocka_unit_test(test_page_byline_elsewhere),
        cmocka_unit_test(test_page_site_byline),
        cmocka_unit_test(test_page_live_blog),
        cmocka_unit_test(test_page_state_author),
        cmocka_unit_test(test_page_shown_authors),
        cmocka_unit_test(test_page_author_link),
        cmocka_unit_test(test_page_title_whole),
        cmocka_unit_test(test_page_local_day),
        cmocka_unit_test(test_page_shown_date),
        cmocka_unit_test(test_page_header_date_only),
        cmocka_unit_test(test_byline_case_noted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
