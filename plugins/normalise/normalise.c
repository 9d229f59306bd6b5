/*
 * normalise.c - the normalise stage: headline, byline and date.
 *
 * Runs in the ANNOTATE phase, by default before the summarizer, on what
 * the core's classifier found:
 *
 *   headline  the first headline paragraph (or the loader's headline_raw)
 *             loses site names and section labels (headline.c), its white
 *             space is tidied, and its case is fixed or changed
 *             (titlecase.c); body paragraphs that repeat it, with or
 *             without the site's name, become boilerplate;
 *   byline    byline and credit paragraphs (and people a loader gave)
 *             become a list of people with roles (byline.c, names.c);
 *   date      when the core found no date line: a date in the byline, a
 *             labelled date ("Published ...") near the top, or a dateline
 *             opening the body ("CARACAS (Sept. 11, 2024) -").  The host's
 *             date parser reads them all; *_source fields say where a
 *             value came from (shown by inspect).
 *
 * The helpers are pure functions of strings; only this file talks to the
 * host.  Cost: a few string passes over the first paragraphs; the body is
 * read in full only to case a headline (title/sentence case, or one in
 * capitals), and then only its tokens.
 */
#include <precis/plugin.h>
#include <stdlib.h>
#include <string.h>

#include "normalise.h"

static const precis_api *api;

enum { CASE_KEEP, CASE_TITLE, CASE_SENTENCE };
enum { LINES_SPACE, LINES_KEEP, LINES_BLANK };
enum { TOP_PARAS = 10, MAX_EVIDENCE_TOKENS = 50000 };

static const precis_option_def options[] = {
    { .key = "headline_case", .type = PRECIS_OPT_ENUM, .def = "keep",
      .help = "headline case: keep as written, title (Gruber's rules) or "
              "sentence (proper nouns and acronyms kept)",
      .choices = "keep|title|sentence", .min = 1, .max = 0 },
    { .key = "strip_site", .type = PRECIS_OPT_BOOL, .def = "true",
      .help = "cut site names and section labels joined to the headline "
              "by | - : >> and similar separators",
      .min = 1, .max = 0 },
    { .key = "fix_caps", .type = PRECIS_OPT_BOOL, .def = "true",
      .help = "re-case headlines and names written all in capitals",
      .min = 1, .max = 0 },
    { .key = "normalise_space", .type = PRECIS_OPT_BOOL, .def = "false",
      .help = "turn tabs and no-break spaces in the headline into plain "
              "spaces",
      .min = 1, .max = 0 },
    { .key = "line_breaks", .type = PRECIS_OPT_ENUM, .def = "space",
      .help = "line breaks in the headline: space (one line), keep (runs "
              "of them as one, as python-titlecase) or blank (each kept)",
      .choices = "space|keep|blank", .min = 1, .max = 0 },
    { .key = "orgs", .type = PRECIS_OPT_ENUM, .def = "alone",
      .help = "organisations in bylines: alone (kept only when no person "
              "is named) or keep (always, with the role organization)",
      .choices = "alone|keep", .min = 1, .max = 0 },
    { .key = "initials", .type = PRECIS_OPT_ENUM, .def = "keep",
      .help = "periods in names: keep (Emma G. Fitzsimmons) or bare "
              "(Emma G Fitzsimmons)",
      .choices = "keep|bare", .min = 1, .max = 0 },
    { .key = "site", .type = PRECIS_OPT_STRING, .def = "",
      .help = "the site's name when the input does not give one, for "
              "cutting it off headlines",
      .min = 1, .max = 0 },
    { .key = "duplicates", .type = PRECIS_OPT_BOOL, .def = "true",
      .help = "mark body paragraphs repeating the headline as boilerplate",
      .min = 1, .max = 0 },
    { .key = "dateline", .type = PRECIS_OPT_BOOL, .def = "true",
      .help = "without a date line, look for the date in the byline, a "
              "labelled date or the dateline opening the body",
      .min = 1, .max = 0 },
};

typedef struct state {
    int headline_case;
    int strip_site, fix_caps, normalise_space, duplicates, dateline;
    int line_breaks;    /* LINES_* */
    int keep_orgs, bare_initials;
    char *site;         /* owned; "" when unset */
} state;

/* ---- small helpers ---- */

static precis_str para_text(const precis_article *a, const precis_paragraph *p)
{
    precis_str t = api->text(a);
    return (precis_str){ t.ptr + p->start, p->end - p->start };
}

/* A NUL-terminated copy of a field, in scratch memory; NULL if absent. */
static const char *meta_cstr(precis_stage_ctx *ctx, const precis_article *a,
                             const char *key)
{
    precis_str v = api->meta(a, key);
    if (!v.ptr || !v.len)
        return NULL;
    char *s = api->scratch(ctx, v.len + 1);
    if (!s)
        return NULL;
    memcpy(s, v.ptr, v.len);
    s[v.len] = '\0';
    return s;
}

static int count_words(const char *s, size_t len)
{
    int n = 0, in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

static int has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

static int find_date_cb(const char *s, size_t len, size_t *start)
{
    precis_date d;
    if (api->parse_date(s, len, 0, &d) != PRECIS_OK)
        return 0;
    *start = d.start;
    return 1;
}

static int set_str(precis_stage_ctx *ctx, precis_article *a, const char *key,
                   const char *v)
{
    return api->set_meta(ctx, a, key, v, strlen(v));
}

/* ---- evidence from the body ---- */

static int body_kind(precis_kind k)
{
    return k == PRECIS_KIND_BODY || k == PRECIS_KIND_BLOCKQUOTE
        || k == PRECIS_KIND_LIST;
}

static normalise_evidence *build_evidence(const precis_article *a)
{
    normalise_evidence *ev = normalise_evidence_new();
    if (!ev)
        return NULL;
    precis_str text = api->text(a);
    size_t ns = api->sentence_count(a), used = 0;
    for (size_t i = 0; i < ns && used < MAX_EVIDENCE_TOKENS; i++) {
        precis_sentence s;
        precis_paragraph p;
        if (api->sentence(a, i, &s) || api->paragraph(a, s.paragraph, &p)
            || !body_kind(p.kind))
            continue;
        normalise_letters L = normalise_count_letters(text.ptr + s.start,
                                                      s.end - s.start);
        int loud = L.lower == 0, start = 1;
        for (size_t t = s.first_token; t < s.first_token + s.ntokens; t++) {
            precis_token tok;
            if (api->token(a, t, &tok))
                continue;
            used++;
            const char *w = text.ptr + tok.start;
            size_t wl = tok.end - tok.start;
            if (normalise_evidence_add(ev, w, wl, start, loud)) {
                normalise_evidence_free(ev);
                return NULL;
            }
            if (!(tok.flags & PRECIS_TOKEN_NUMBER))
                start = 0;
        }
    }
    return ev;
}

/* ---- headline ---- */

static int case_headline(const state *st, const precis_article *a,
                         const char *h, size_t len, precis_buf *out)
{
    int mode = st->headline_case;
    if (mode == CASE_KEEP && st->fix_caps && normalise_is_all_caps(h, len))
        mode = CASE_TITLE;
    if (mode == CASE_KEEP) {
        precis_buf_append(out, h, len);
        return out->oom ? PRECIS_ENOMEM : PRECIS_OK;
    }
    /* Only a headline in capitals, or sentence case, needs the body. */
    normalise_evidence *ev = NULL;
    if (mode == CASE_SENTENCE || normalise_is_all_caps(h, len)) {
        ev = build_evidence(a);
        if (!ev)
            return PRECIS_ENOMEM;
    }
    normalise_case_opts o = { st->normalise_space, ev,
                              st->line_breaks == LINES_BLANK };
    int rc = mode == CASE_TITLE ? normalise_titlecase(h, len, &o, out)
                                : normalise_sentencecase(h, len, &o, out);
    normalise_evidence_free(ev);
    return rc ? PRECIS_ENOMEM : PRECIS_OK;
}

/* Paragraphs near the top that repeat the headline, perhaps with the
 * site's name, are page furniture. */
static int mark_duplicates(precis_stage_ctx *ctx, precis_article *a,
                           long head, const char *clean, size_t clean_len,
                           const normalise_site *site)
{
    size_t n = api->paragraph_count(a);
    for (size_t i = 0; i < n && i < TOP_PARAS; i++) {
        precis_paragraph p;
        if ((long)i == head || api->paragraph(a, i, &p))
            continue;
        if (p.kind != PRECIS_KIND_BODY && p.kind != PRECIS_KIND_HEADING
            && p.kind != PRECIS_KIND_HEADLINE)
            continue;
        precis_str t = para_text(a, &p);
        /* A repeat is the headline, give or take a site's name. */
        if (t.len + 16 < clean_len || t.len > clean_len + 120)
            continue;
        size_t s0 = 0, s1 = t.len;
        normalise_strip_site(t.ptr, t.len, site, &s0, &s1);
        if (normalise_same_headline(t.ptr, t.len, clean, clean_len)
            || normalise_same_headline(t.ptr + s0, s1 - s0, clean,
                                       clean_len)) {
            int rc = api->set_kind(ctx, a, i, PRECIS_KIND_BOILERPLATE,
                                   "duplicate-headline");
            if (rc)
                return rc;
        }
    }
    return PRECIS_OK;
}

static int do_headline(precis_stage_ctx *ctx, const state *st,
                       precis_article *a)
{
    long head = -1;
    precis_str raw = { NULL, 0 };
    size_t n = api->paragraph_count(a);
    for (size_t i = 0; i < n; i++) {
        precis_paragraph p;
        if (!api->paragraph(a, i, &p) && p.kind == PRECIS_KIND_HEADLINE) {
            head = (long)i;
            raw = para_text(a, &p);
            break;
        }
    }
    if (!raw.ptr)
        raw = api->meta(a, "headline_raw");
    if (!raw.ptr)
        raw = api->meta(a, "headline");
    if (!raw.ptr || !raw.len)
        return PRECIS_OK;
    const char *site_name = meta_cstr(ctx, a, "site");
    normalise_site site = { site_name ? site_name
                                      : (*st->site ? st->site : NULL),
                            meta_cstr(ctx, a, "url") };
    size_t s0 = 0, s1 = raw.len;
    /* A page whose <h1> and another title agree on the whole headline
     * (the loader says "h1, as the title says") has told where it ends:
     * a separator in it is the headline's ("Getting LEAN with Digital Ad
     * UX | IAB"). */
    precis_str src = api->meta(a, "headline_source");
    int agreed = src.len > 4 && !memcmp(src.ptr, "h1, ", 4);
    if (st->strip_site && !agreed)
        normalise_strip_site(raw.ptr, raw.len, &site, &s0, &s1);
    precis_buf spaced = PRECIS_BUF_INIT, cased = PRECIS_BUF_INIT;
    normalise_put_spaced(&spaced, raw.ptr + s0, s1 - s0,
                         st->normalise_space, st->line_breaks != LINES_SPACE);
    int rc = spaced.oom ? PRECIS_ENOMEM : PRECIS_OK;
    if (!rc)
        rc = case_headline(st, a, precis_buf_str(&spaced), spaced.len,
                           &cased);
    if (!rc && cased.oom)
        rc = PRECIS_ENOMEM;
    if (!rc && !api->meta(a, "headline_raw").ptr) {
        precis_buf r = PRECIS_BUF_INIT;
        normalise_put_spaced(&r, raw.ptr, raw.len, 1, 0);
        rc = r.oom ? PRECIS_ENOMEM
                   : api->set_meta(ctx, a, "headline_raw",
                                   precis_buf_str(&r), r.len);
        precis_buf_free(&r);
    }
    if (!rc)
        rc = api->set_meta(ctx, a, "headline", precis_buf_str(&cased),
                           cased.len);
    if (!rc && st->duplicates && spaced.len)
        rc = mark_duplicates(ctx, a, head, spaced.s, spaced.len, &site);
    precis_buf_free(&spaced);
    precis_buf_free(&cased);
    return rc;
}

/* ---- people ---- */

/*
 * When the byline names nobody (it is empty, the site's own name, or an
 * organisation), the loader's other candidates ("byline_alt": other
 * JSON-LD objects, author tags, author boxes and links, one per line, best
 * first) are read in turn; the first that names a person gives the
 * authors.
 */
static int alt_authors(const precis_article *a, const normalise_site *site,
                       normalise_people *pp)
{
    precis_str alt = api->meta(a, "byline_alt");
    /* No field is a NULL pointer: NULL + 0 is undefined in C. */
    const char *s = alt.ptr, *end = alt.ptr ? alt.ptr + alt.len : NULL;
    while (s && s < end) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e)
            e = end;
        normalise_people q = { .keep_case = pp->keep_case };
        if (normalise_parse_byline(s, (size_t)(e - s), "author",
                                   find_date_cb, &q)) {
            normalise_people_free(&q);
            return -1;
        }
        normalise_people_mark_site(&q, site);
        /* a name found away from the byline is a full one: a lone word
         * there is as often a place ("PTI, Washington") */
        int found = 0;
        for (size_t i = 0; i < q.n; i++)
            if (!q.v[i].org && !strcmp(q.v[i].role, "author")
                && strchr(normalise_person_name(&q, i), ' '))
                found++;
        for (size_t i = 0; found && i < q.n; i++)
            if (!q.v[i].org && !strcmp(q.v[i].role, "author")
                && strchr(normalise_person_name(&q, i), ' ')) {
                const char *name = normalise_person_name(&q, i);
                normalise_people_add(pp, name, strlen(name), "author", 0);
            }
        normalise_people_free(&q);
        if (found)
            break;
        s = e + 1;
    }
    return pp->oom ? -1 : 0;
}

/* Names the byline wrote in capitals are title-cased; the field
 * "byline_case" says which, for inspect. */
static int note_recased(precis_stage_ctx *ctx, precis_article *a,
                        const normalise_people *pp)
{
    precis_buf b = PRECIS_BUF_INIT;
    for (size_t i = 0; i < pp->n; i++) {
        if (!pp->v[i].recased)
            continue;
        precis_buf_puts(&b, b.len ? "; " : "title-cased from capitals: ");
        precis_buf_puts(&b, normalise_person_name(pp, i));
    }
    int rc = b.oom ? PRECIS_ENOMEM
           : b.len ? api->set_meta(ctx, a, "byline_case", b.s, b.len)
                   : PRECIS_OK;
    precis_buf_free(&b);
    return rc;
}

static int do_people(precis_stage_ctx *ctx, const state *st,
                     precis_article *a)
{
    normalise_people pp = { .keep_case = !st->fix_caps };
    int rc = 0, bylines = 0;
    size_t n = api->paragraph_count(a);
    for (size_t i = 0; i < n && !rc; i++) {
        precis_paragraph p;
        if (api->paragraph(a, i, &p))
            continue;
        const char *role = p.kind == PRECIS_KIND_BYLINE ? "author"
                         : p.kind == PRECIS_KIND_CREDIT ? "contributor"
                                                        : NULL;
        if (!role)
            continue;
        bylines += p.kind == PRECIS_KIND_BYLINE;
        precis_str t = para_text(a, &p);
        size_t before = pp.n;
        rc = normalise_parse_byline(t.ptr, t.len, role, find_date_cb, &pp);
        for (size_t k = before; k < pp.n && p.kind == PRECIS_KIND_CREDIT;
             k++)
            pp.v[k].credit = 1;
    }
    /* A byline the loader found outside the text (page metadata). */
    precis_str raw = api->meta(a, "byline_raw");
    if (!rc && !bylines && raw.ptr)
        rc = normalise_parse_byline(raw.ptr, raw.len, "author",
                                    find_date_cb, &pp);
    /* People a loader or an earlier stage added are cleaned too. */
    size_t had = api->person_count(a);
    for (size_t i = 0; i < had && !rc; i++) {
        precis_person q;
        if (api->person(a, i, &q) || !q.name.len)
            continue;
        char role[32];
        size_t rl = q.role.len < sizeof role - 1 ? q.role.len
                                                 : sizeof role - 1;
        memcpy(role, q.role.ptr, rl);
        role[rl] = '\0';
        static const char *const roles[] = { "author", "editor", "reporter",
                                             "photographer", "contributor",
                                             "organization", NULL };
        const char *r = "author";
        for (const char *const *k = roles; *k; k++)
            if (!strcmp(*k, role))
                r = *k;
        size_t before = pp.n;
        rc = normalise_parse_byline(q.name.ptr, q.name.len, r, find_date_cb,
                                    &pp);
        for (size_t k = before; k < pp.n && !strcmp(r, "organization"); k++)
            pp.v[k].org = 1;
    }
    const char *site_name = meta_cstr(ctx, a, "site");
    normalise_site site = { site_name ? site_name
                                      : (*st->site ? st->site : NULL),
                            meta_cstr(ctx, a, "url") };
    if (!rc) {
        normalise_people_mark_site(&pp, &site);
        if (!normalise_people_authors(&pp))
            rc = alt_authors(a, &site, &pp);
    }
    /* A page's loader says what its header signs with: those people,
     * when they agree with the byline found; and a byline that names no
     * person keeps a newsroom only when the page signs with it. */
    precis_str shown = api->meta(a, "byline_shown");
    if (!rc && shown.len && normalise_people_authors(&pp)) {
        normalise_people_as_shown(&pp, shown.ptr, shown.len);
        rc = pp.oom ? -1 : 0;
    }
    if (!rc && shown.ptr && !st->keep_orgs
        && !normalise_people_authors(&pp)) {
        normalise_people_unsigned(&pp, shown.ptr, shown.len);
        rc = pp.oom ? -1 : 0;
    }
    if (rc) {
        normalise_people_free(&pp);
        return PRECIS_ENOMEM;
    }
    normalise_people_finish(&pp, st->keep_orgs);
    rc = note_recased(ctx, a, &pp);
    if (!rc)
        rc = api->clear_people(ctx, a);
    for (size_t i = 0; i < pp.n && !rc; i++) {
        const char *name = normalise_person_name(&pp, i);
        precis_buf bare = PRECIS_BUF_INIT;
        if (st->bare_initials && !pp.v[i].org) {
            normalise_name_bare(&bare, name, strlen(name));
            name = precis_buf_str(&bare);
        }
        rc = bare.oom ? PRECIS_ENOMEM
                      : api->add_person(ctx, a, name, strlen(name),
                                        pp.v[i].role);
        precis_buf_free(&bare);
    }
    normalise_people_free(&pp);
    return rc;
}

/* ---- date ---- */

static int set_date(precis_stage_ctx *ctx, precis_article *a,
                    const precis_date *d, const char *src, const char *where)
{
    int upd = d->kind == PRECIS_DATE_UPDATED;
    int rc = set_str(ctx, a, upd ? "date_updated" : "date", d->iso);
    if (!rc && !upd)
        rc = api->set_meta(ctx, a, "date_raw", src + d->start,
                           d->end - d->start);
    if (!rc)
        rc = set_str(ctx, a, upd ? "date_updated_source" : "date_source",
                     where);
    return rc;
}

/* The part of a paragraph before a dateline's dash: "CARACAS, Venezuela
 * (Sept. 11, 2024) —" gives "CARACAS, Venezuela (Sept. 11, 2024)". */
static size_t dateline_end(const char *s, size_t len)
{
    size_t lim = len < 120 ? len : 120;
    for (size_t i = 1; i + 1 < lim; i++) {
        if (s[i] == ' ' && s[i + 1] == '-' && i + 2 < lim
            && (s[i + 2] == ' ' || s[i + 2] == '-'))
            return i;
        if ((unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80
            && i + 2 < lim && ((unsigned char)s[i + 2] == 0x93
                               || (unsigned char)s[i + 2] == 0x94))
            return i;
        if (s[i] == '.' && s[i - 1] != ' ' && i + 1 < lim && s[i + 1] == ' '
            && count_words(s, i) > 12)
            return 0;       /* a sentence ended first: no dateline */
    }
    return 0;
}

/* A dateline opens with a place in capitals ("CARACAS, Venezuela (Sept.
 * 11, 2024)") or is a date alone ("Sept. 11, 2024"); "On 5 March 2024 -
 * the day ..." is a sentence about another day. */
static int is_dateline(const char *s, size_t len)
{
    precis_date d;
    if (!has_digit(s, len))
        return 0;
    size_t e = 0;
    while (e < len && s[e] != ' ' && s[e] != ',')
        e++;
    normalise_letters L = normalise_count_letters(s, e);
    if (L.upper >= 2 && L.lower == 0)
        return 1;
    /* A preposition makes it a sentence's date. */
    static const char *const preps[] = {
        "on", "in", "at", "by", "since", "until", "from", "before", "after",
        "el", "en", "em", "no", "desde", "hasta", "até", "le", "depuis",
        "am", "seit", "bis", NULL
    };
    for (const char *const *w = preps; *w; w++) {
        size_t n = strlen(*w);
        if (n == e && (s[0] | 0x20) == (*w)[0] && !memcmp(s + 1, *w + 1,
                                                         n - 1))
            return 0;
    }
    return api->parse_date(s, len, 1, &d) == PRECIS_OK;
}

static int do_date(precis_stage_ctx *ctx, const state *st, precis_article *a)
{
    precis_date d;
    precis_str have = api->meta(a, "date");
    if (have.ptr) {
        /* A loader's date may be raw text or ISO with "Z": rewrite. */
        if (api->parse_date(have.ptr, have.len, 0, &d) == PRECIS_OK
            && (strlen(d.iso) != have.len
                || memcmp(d.iso, have.ptr, have.len))) {
            int rc = 0;
            if (!api->meta(a, "date_raw").ptr)
                rc = api->set_meta(ctx, a, "date_raw", have.ptr, have.len);
            return rc ? rc : set_str(ctx, a, "date", d.iso);
        }
        return PRECIS_OK;
    }
    if (!st->dateline)
        return PRECIS_OK;
    int found_updated = 0;
    precis_date upd = { .kind = 0 };
    const char *upd_src = NULL;
    size_t n = api->paragraph_count(a);
    int body_seen = 0, long_body = 0;
    for (size_t i = 0; i < n && i < TOP_PARAS + 4; i++) {
        precis_paragraph p;
        if (api->paragraph(a, i, &p))
            continue;
        precis_str t = para_text(a, &p);
        const char *where = NULL;
        size_t lim = 0;
        if (p.kind == PRECIS_KIND_BYLINE || p.kind == PRECIS_KIND_DATE) {
            where = p.kind == PRECIS_KIND_BYLINE ? "byline" : "date-line";
            lim = t.len;
        } else if (p.kind == PRECIS_KIND_BODY
                   || p.kind == PRECIS_KIND_HEADING) {
            if (p.kind == PRECIS_KIND_BODY && !body_seen++
                && (lim = dateline_end(t.ptr, t.len)) != 0
                && !is_dateline(t.ptr, lim))
                lim = 0;
            if (lim)
                where = "dateline";
            /* "Publié le 3 février 2024, mis à jour ..." - a short
             * paragraph with a digit, and only with a label. */
            if (!lim && !long_body && t.len <= 200
                && has_digit(t.ptr, t.len)
                && count_words(t.ptr, t.len) <= 16
                && api->parse_date(t.ptr, t.len, 0, &d) == PRECIS_OK
                && d.kind)
                lim = t.len, where = "labelled";
        }
        /* Labelled dates come before the text: none after its first
         * long paragraph. */
        if (p.kind == PRECIS_KIND_BODY && !long_body)
            long_body = count_words(t.ptr, t.len) > 30;
        if (!lim || !has_digit(t.ptr, lim)
            || api->parse_date(t.ptr, lim, 0, &d) != PRECIS_OK)
            continue;
        if (d.kind == PRECIS_DATE_UPDATED) {
            if (!found_updated++) {
                upd = d;
                upd_src = t.ptr;
                int rc = set_date(ctx, a, &d, t.ptr, where);
                if (rc)
                    return rc;
            }
            continue;
        }
        return set_date(ctx, a, &d, t.ptr, where);
    }
    if (found_updated) {
        /* Only an update time is known: it stands for the date too. */
        upd.kind = 0;
        return set_date(ctx, a, &upd, upd_src, "updated");
    }
    return PRECIS_OK;
}

/* ---- the stage ---- */

static int normalise_run(precis_stage_ctx *ctx, void *sp, precis_article *a)
{
    const state *st = sp;
    int rc = do_headline(ctx, st, a);
    if (!rc)
        rc = do_people(ctx, st, a);
    if (!rc)
        rc = do_date(ctx, st, a);
    if (rc == PRECIS_ENOMEM)
        return api->fail(ctx, rc, "out of memory");
    if (rc)
        return api->fail(ctx, rc, "%s", api->strerror(rc));
    return PRECIS_OK;
}

static int normalise_create(precis_stage_ctx *ctx, const precis_options *o,
                            void **out)
{
    state *st = calloc(1, sizeof *st);
    const char *site = api->opt_string(o, "site");
    size_t sl = site ? strlen(site) : 0;
    if (!st || !(st->site = malloc(sl + 1))) {
        free(st);
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    }
    memcpy(st->site, site ? site : "", sl + 1);
    const char *hc = api->opt_string(o, "headline_case");
    st->headline_case = !strcmp(hc, "title") ? CASE_TITLE
                      : !strcmp(hc, "sentence") ? CASE_SENTENCE : CASE_KEEP;
    st->strip_site = api->opt_bool(o, "strip_site");
    st->fix_caps = api->opt_bool(o, "fix_caps");
    st->normalise_space = api->opt_bool(o, "normalise_space");
    st->keep_orgs = !strcmp(api->opt_string(o, "orgs"), "keep");
    st->bare_initials = !strcmp(api->opt_string(o, "initials"), "bare");
    const char *lb = api->opt_string(o, "line_breaks");
    st->line_breaks = !strcmp(lb, "keep") ? LINES_KEEP
                    : !strcmp(lb, "blank") ? LINES_BLANK : LINES_SPACE;
    st->duplicates = api->opt_bool(o, "duplicates");
    st->dateline = api->opt_bool(o, "dateline");
    *out = st;
    return PRECIS_OK;
}

static void normalise_destroy(void *sp)
{
    state *st = sp;
    if (st)
        free(st->site);
    free(st);
}

static const precis_stage_def normalise_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "normalise",
    .help = "clean headline, byline and date",
    .phase = PRECIS_PHASE_ANNOTATE,
    .flags = PRECIS_STAGE_REENTRANT,
    .options = options,
    .noptions = sizeof options / sizeof options[0],
    .provides = "names,byline,headline,date",
    .create = normalise_create,
    .run = normalise_run,
    .destroy = normalise_destroy,
};

static int normalise_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &normalise_stage);
}

PRECIS_PLUGIN_DEFINE("normalise", "1.0", "MIT",
                     "headline, byline and date normalisation",
                     normalise_init, NULL)
