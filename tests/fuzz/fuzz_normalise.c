/*
 * fuzz_normalise.c - the normalise plug-in's parsers: title and sentence
 * case (with evidence from the input's own words), site names cut from
 * headlines, name casing, bylines and credits (with the host's date
 * finder), and the core's date parser; then a pipeline of the normalise
 * stage alone on the input as an article, where the parsers meet the
 * headline, byline and date lines the classifier finds.  The parsers are
 * given valid UTF-8 only, as the host gives them.
 */
#include "fuzz.h"

#include <string.h>
#include <precis/util.h>

#include "text/date.h"
#include "../../plugins/normalise/normalise.h"

static int find_date(const char *s, size_t len, size_t *start)
{
    date_value d;
    if (!date_find(s, len, &d))
        return 0;
    *start = d.start;
    return 1;
}

static void parsers(const char *s, size_t len, unsigned flags)
{
    normalise_evidence *ev = normalise_evidence_new();
    for (size_t i = 0, w = 0; ev && i <= len; i++)
        if (i == len || s[i] == ' ' || s[i] == '\n') {
            if (i > w)
                normalise_evidence_add(ev, s + w, i - w, w == 0,
                                       flags & 1);
            w = i + 1;
        }
    normalise_case_opts o = { (int)(flags >> 1 & 1), ev,
                              (int)(flags >> 2 & 1) };
    precis_buf b = { 0 };
    normalise_titlecase(s, len, &o, &b);
    normalise_titlecase(s, len, NULL, &b);
    normalise_sentencecase(s, len, &o, &b);
    normalise_is_all_caps(s, len);
    normalise_name_case(&b, s, len);
    normalise_name_bare(&b, s, len);
    normalise_put_spaced(&b, s, len, flags & 1, flags >> 1 & 1);
    precis_buf_free(&b);
    normalise_evidence_free(ev);

    /* The first line is the site's name, the rest a headline. */
    const char *nl = memchr(s, '\n', len);
    size_t cut = nl ? (size_t)(nl - s) : 0;
    char site_name[128];
    snprintf(site_name, sizeof site_name, "%.*s",
             (int)(cut < sizeof site_name ? cut : 0), s);
    normalise_site site = { site_name[0] ? site_name : NULL,
                            flags & 8 ? "https://www.example.com/news/"
                                      : NULL };
    size_t hs, he;
    const char *h = nl ? nl + 1 : s;
    size_t hl = len - (size_t)(h - s);
    normalise_strip_site(h, hl, &site, &hs, &he);
    normalise_same_headline(s, cut, h, hl);

    normalise_people p = { { 0 }, NULL, 0, 0, 0, (int)(flags >> 4 & 1) };
    normalise_parse_byline(s, len, flags & 32 ? "contributor" : "author",
                           flags & 64 ? find_date : NULL, &p);
    normalise_people_finish(&p, flags >> 7 & 1);
    for (size_t i = 0; i < p.n; i++)
        normalise_person_name(&p, i);
    normalise_people_free(&p);

    date_value d;
    char iso[64];
    if (date_find(s, len, &d))
        date_format_iso(&d, iso, sizeof iso);
    if (date_is_line(s, len, &d))
        date_format_iso(&d, iso, sizeof iso);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const sets[] = { "input.invalid_utf8=replace",
                                        "pipeline.stages=normalise", NULL };
    if (!size)
        return 0;
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    if (precis_utf8_valid(s, len) == len)
        parsers(s, len, data[0]);
    precis_ctx *ctx = fuzz_ctx(sets);
    fuzz_load_run(ctx, "fuzz.txt", PRECIS_FORMAT_TEXT, data + 1, len);
    return 0;
}
