/*
 * html_meta.c - a page's headline, authors, date, site, language and
 * canonical URL, each with the source it came from.
 *
 * Sources, best first:
 *   headline  the page's visible <h1> when it agrees with what the page's
 *             metadata says the title is (editors write the <h1>; og:title
 *             is often a social-media variant), else JSON-LD headline/name,
 *             og:title, twitter:title, <title>.  Site suffixes are the
 *             normalise stage's business.
 *   authors   JSON-LD author people, author meta tags (their longer list
 *             when it includes JSON-LD's), byline elements (rel=author,
 *             itemprop=author, class/id "byline"/"author") that are not in
 *             navigation, sidebars or comments, then JSON-LD organisations;
 *             on a live blog, the header's byline elements only.  The
 *             header's "By …" line is recorded apart (byline_shown).
 *   date      JSON-LD datePublished, published-time meta tags, JSON-LD
 *             dateCreated, <time> / itemprop=datePublished / class "date"
 *             elements, a date in the URL, then modified-time tags; then
 *             the metadata date of the day the header shows wins
 *             (html_shown.c).
 * JSON-LD is read by html_jsonld.c, values are cleaned by html_text.c.
 */
#include <jansson.h>
#include <libxml/tree.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/date.h"
#include "text/lang.h"
#include "input/html/html_internal.h"
#include "input/html/html_jsonld.h"
#include "input/html/html_text.h"
#include "input/html/html_shown.h"
#include "input/html/html_state.h"

void html_meta_init(html_meta *m)
{
    memset(m, 0, sizeof *m);
}

void html_meta_free(html_meta *m)
{
    sb_free(&m->headline);
    sb_free(&m->authors);
    sb_free(&m->date);
    sb_free(&m->site);
    sb_free(&m->url);
    sb_free(&m->description);
    sb_free(&m->lang);
    sb_free(&m->body);
    sb_free(&m->authors_alt);
    sb_free(&m->byline_shown);
}

/* ---- meta tags ---- */

static const char *meta_get(const html_doc *d, const char *const *keys)
{
    for (const char *const *k = keys; *k; k++)
        for (size_t i = 0; i < d->metas.n; i++)
            if (!strcmp(d->metas.v[i].key, *k) && *d->metas.v[i].content)
                return d->metas.v[i].content;
    return NULL;
}

static const char *meta_get_key(const html_doc *d, const char *const *keys,
                                const char **which)
{
    for (const char *const *k = keys; *k; k++)
        for (size_t i = 0; i < d->metas.n; i++)
            if (!strcmp(d->metas.v[i].key, *k) && *d->metas.v[i].content) {
                *which = *k;
                return d->metas.v[i].content;
            }
    return NULL;
}

/* ---- headline ---- */

static int count_words(const char *s, size_t len)
{
    int n = 0, in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ';
        n += !sp && !in;
        in = !sp;
    }
    return n;
}

typedef struct title_cand {
    const char *text;
    const char *source;
} title_cand;

/* JSON-LD's title: "name" and "headline" should agree; when they do not,
 * the one closer to the page's other titles wins (Readability's rule). */
static const char *ld_title(ld_info *li, const char *other)
{
    if (!li->article)
        return NULL;
    const char *name = jstr(li->article, "name");
    const char *head = jstr(li->article, "headline");
    if (name && head && strcmp(name, head) && other) {
        double sn = html_similarity(name, strlen(name), other, strlen(other));
        double sh = html_similarity(head, strlen(head), other, strlen(other));
        return sh > sn ? head : name;
    }
    return name ? name : head;
}

/* The element two levels above i (the article's neighbourhood). */
static uint32_t region_of(const html_doc *d, uint32_t i)
{
    for (int k = 0; k < 2 && i && d->els.v[i].parent != i; k++)
        i = d->els.v[i].parent;
    return i;
}

/*
 * The h1 that agrees best with the metadata titles.  When the page has
 * no structured title (JSON-LD, og:, twitter:) and its <title> disagrees
 * (a generic "Home | Site" is common), an h1 in the article's
 * neighbourhood still wins; so does the first h1 of a page with no title
 * at all.
 */
static uint32_t pick_h1(const html_doc *d, const title_cand *c, size_t nc,
                        int structured, uint32_t container, strbuf *out)
{
    uint32_t best = 0, near = 0;
    double best_sim = 0.5;
    uint32_t region = container ? region_of(d, container) : 0;
    strbuf t = STRBUF_INIT, near_text = STRBUF_INIT;
    for (size_t i = 0; i < d->h1s.n; i++) {
        uint32_t h = d->h1s.v[i];
        const html_el *e = &d->els.v[h];
        if (e->flags & (HF_IN_JUNK | HF_IN_HIDDEN))
            continue;
        sb_reset(&t);
        html_node_text(e->node, &t, 400);
        if (t.len < 3 || t.len >= 400)
            continue;
        int inside = region && h >= region && h < d->els.v[region].end;
        if (inside && !near && count_words(t.s, t.len) >= 2) {
            near = h;
            sb_append(&near_text, t.s, t.len);
        }
        double sim = 0;
        for (size_t k = 0; k < nc; k++) {
            double sk = html_similarity(t.s, t.len, c[k].text,
                                        strlen(c[k].text));
            if (sk > sim)
                sim = sk;
        }
        if (!nc)
            sim = inside ? 1.0 : 0.75;
        if (sim > best_sim + 1e-9) {
            best_sim = sim;
            best = h;
            sb_reset(out);
            sb_append(out, t.s, t.len);
        }
    }
    if (!best && !structured && near) {
        best = near;
        sb_reset(out);
        sb_append(out, near_text.s, near_text.len);
    }
    sb_free(&t);
    sb_free(&near_text);
    return best;
}

static void pick_headline(html_doc *d, ld_info *li, uint32_t container,
                          html_meta *m)
{
    static const char *const og_keys[] = { "og:title", NULL };
    static const char *const tw_keys[] = { "twitter:title", NULL };
    static const char *const dc_keys[] = {
        "dc.title", "dcterms.title", "headline", "sailthru.title",
        "parsely-title", NULL
    };
    title_cand c[5];
    size_t nc = 0;
    strbuf title = STRBUF_INIT;
    if (d->title)
        html_node_text(d->els.v[d->title].node, &title, 1000);
    const char *og = meta_get(d, og_keys);
    const char *ld = ld_title(li, og ? og : title.len ? title.s : NULL);
    if (ld)
        c[nc++] = (title_cand){ ld, "json-ld" };
    if (og)
        c[nc++] = (title_cand){ og, "og:title" };
    const char *tw = meta_get(d, tw_keys);
    if (tw)
        c[nc++] = (title_cand){ tw, "twitter:title" };
    const char *dc = meta_get(d, dc_keys);
    if (dc)
        c[nc++] = (title_cand){ dc, "meta" };
    if (title.len)
        c[nc++] = (title_cand){ title.s, "title" };
    strbuf h1 = STRBUF_INIT;
    int structured = nc > (title.len ? 1u : 0u);
    m->headline_el = pick_h1(d, c, nc, structured, container, &h1);
    if (m->headline_el) {
        set_clean(&m->headline, h1.s);
        m->headline_source = "h1";
        /* The <h1> whole inside another title of the page: both say the
         * separators it holds are the headline's ("Getting LEAN with
         * Digital Ad UX | IAB" as <h1> and <title>). */
        for (size_t i = 0; i < nc; i++) {
            strbuf t = STRBUF_INIT;
            set_clean(&t, c[i].text);
            int agree = t.len && m->headline.len >= 8
                     && strcasestr_ascii(t.s, m->headline.s) != NULL;
            sb_free(&t);
            if (agree) {
                m->headline_source = "h1, as the title says";
                break;
            }
        }
    }
    for (size_t i = 0; i < nc && !m->headline.len; i++) {
        set_clean(&m->headline, c[i].text);
        m->headline_source = c[i].source;
    }
    sb_free(&h1);
    sb_free(&title);
}

/* ---- authors ---- */

/* Appends "; NAME" (entities decoded, tags dropped) unless s is a URL or
 * no name at all. */
static void add_name(strbuf *sb, const char *s)
{
    strbuf t = STRBUF_INIT;
    append_clean(&t, s, strlen(s));
    if (t.len && !is_url(t.s) && plausible_name(t.s)) {
        if (sb->len)
            sb_puts(sb, "; ");
        sb_append(sb, t.s, t.len);
    }
    sb_free(&t);
}

/* Appends one JSON-LD author value's names (people or organisations as
 * want_org says) to sb, separated by "; ". */
static void ld_names(json_t *v, int want_org, strbuf *sb, int depth)
{
    if (depth > 4 || !v)
        return;
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
            ld_names(e, want_org, sb, depth + 1);
        return;
    }
    if (json_is_string(v)) {
        if (!want_org)
            add_name(sb, json_string_value(v));
        return;
    }
    if (!json_is_object(v))
        return;
    int org = type_is(json_object_get(v, "@type"), org_types, 0);
    if (org != want_org)
        return;
    json_t *name = json_object_get(v, "name");
    if (json_is_object(name) || json_is_array(name)) {
        ld_names(name, want_org, sb, depth + 1);
        return;
    }
    const char *s = name_of(v);
    strbuf parts = STRBUF_INIT;
    if (!s) {
        /* givenName additionalName familyName */
        static const char *const keys[] = { "givenName", "additionalName",
                                            "familyName", NULL };
        for (const char *const *k = keys; *k; k++) {
            const char *p = jstr(v, *k);
            if (p) {
                if (parts.len)
                    sb_putc(&parts, ' ');
                sb_puts(&parts, p);
            }
        }
        s = parts.len ? parts.s : NULL;
    }
    if (s)
        add_name(sb, s);
    sb_free(&parts);
}

/* JSON-LD authors: people (want_org 0) or organisations (1). */
static int authors_from_ld(ld_info *li, int want_org, html_meta *m)
{
    if (!li->article)
        return 0;
    json_t *a = json_object_get(li->article, "author");
    if (!a)
        a = json_object_get(li->article, "creator");
    ld_names(a, want_org, &m->authors, 0);
    if (m->authors.len)
        m->authors_source = "json-ld";
    return m->authors.len > 0;
}

/* Every author meta tag (several may each name one person), without
 * URLs and without values another one already holds. */
static int authors_from_meta(const html_doc *d, html_meta *m)
{
    static const char *const keys[] = {
        "author", "article:author", "og:article:author", "og:author", "byl",
        "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
        "citation_author", "creator", NULL
    };
    for (const char *const *k = keys; *k && !m->authors.len; k++) {
        for (size_t i = 0; i < d->metas.n; i++) {
            const html_meta_tag *t = &d->metas.v[i];
            if (strcmp(t->key, *k) || !*t->content)
                continue;
            strbuf v = STRBUF_INIT;
            append_clean(&v, t->content, strlen(t->content));
            if (v.len && v.len < 300 && !strstr(v.s, "http")
                && !is_url(v.s) && plausible_name(v.s)
                && !(m->authors.len && strstr(m->authors.s, v.s))) {
                if (m->authors.len)
                    sb_puts(&m->authors, "; ");
                sb_append(&m->authors, v.s, v.len);
                m->authors_source = *k;
            }
            sb_free(&v);
        }
    }
    return m->authors.len > 0;
}


/* Is s[0, n) a separator inside a byline line? */
static size_t separator_at(const char *s, size_t n)
{
    static const char *const seps[] = { "|", "\xE2\x80\xA2", "\xC2\xB7",
                                        " - ", "\xE2\x80\x93",
                                        "\xE2\x80\x94", "\n", NULL };
    for (const char *const *p = seps; *p; p++) {
        size_t k = strlen(*p);
        if (k <= n && !memcmp(s, *p, k))
            return k;
    }
    return 0;
}

/* Words that label a date in a byline line, not names. */
static int label_only(const char *s, size_t n)
{
    static const char *const labels[] = {
        "published", "updated", "posted", "last", "modified", "on", "at",
        "am", "pm", "read", "min", "mins", "minute", "minutes", "ago", NULL
    };
    size_t i = 0;
    int words = 0;
    while (i < n) {
        while (i < n && !isalpha((unsigned char)s[i]))
            i++;
        size_t b = i;
        while (i < n && isalpha((unsigned char)s[i]))
            i++;
        if (i == b)
            break;
        int known = 0;
        for (const char *const *l = labels; *l && !known; l++)
            known = strlen(*l) == i - b && !strncasecmp(s + b, *l, i - b);
        if (!known)
            return 0;
        words++;
    }
    return 1;
}

/*
 * Keeps the names of a byline line: "By Ana Lima | March 5, 2024 | 4 min
 * read" -> "By Ana Lima".  The date goes, then the line splits at
 * separators and the first part with letters, no digits and not just a
 * label ("Updated") stays.
 */
static void names_part(strbuf *t)
{
    date_value dv;
    if (t->len && date_find(t->s, t->len, &dv) && dv.end > dv.start) {
        strbuf r = STRBUF_INIT;
        sb_append(&r, t->s, dv.start);
        sb_puts(&r, " | ");
        sb_append(&r, t->s + dv.end, t->len - dv.end);
        sb_reset(t);
        sb_append(t, r.s, r.len);
        sb_free(&r);
    }
    const char *s = t->s ? t->s : "";
    size_t n = t->len, i = 0;
    while (i < n) {
        size_t b = i, k = 0;
        while (i < n && !(k = separator_at(s + i, n - i)))
            i++;
        size_t e = i;
        i += k ? k : 1;
        while (b < e && (s[b] == ' ' || s[b] == ','))
            b++;
        /* "By A, B, +55 more": the names end at the first number;
         * "John Doe123" keeps the name of its user name. */
        for (size_t j = b; j < e; j++)
            if (isdigit((unsigned char)s[j])) {
                size_t w = j;
                while (w > b && s[w - 1] != ' ')
                    w--;
                e = w < j && isupper((unsigned char)s[w]) ? j : w;
                break;
            }
        while (e > b && strchr(" ,;:-+", s[e - 1]))
            e--;
        int letters = 0;
        for (size_t j = b; j < e; j++)
            letters += isalpha((unsigned char)s[j])
                    || (unsigned char)s[j] >= 0x80;
        if (letters >= 2 && !label_only(s + b, e - b)) {
            memmove(t->s, s + b, e - b);
            t->len = e - b;
            t->s[t->len] = '\0';
            return;
        }
    }
    sb_reset(t);
}

/* A byline element's text, when it is short enough to be one. */
static int byline_text(const html_doc *d, uint32_t i, strbuf *out)
{
    const html_el *e = &d->els.v[i];
    sb_reset(out);
    /* itemprop=author wrappers hold the name in itemprop=name */
    for (uint32_t k = i + 1; k < e->end; k++) {
        const char *ip = html_attr(d->els.v[k].node, "itemprop");
        if (ip && !strcmp(ip, "name")) {
            const char *c = html_attr(d->els.v[k].node, "content");
            if (c)
                append_clean(out, c, strlen(c));
            else
                html_node_text(d->els.v[k].node, out, 200);
            break;
        }
    }
    if (!out->len) {
        const char *c = e->tag == HT_META ? NULL
                      : html_attr(e->node, "content");
        if (c)
            append_clean(out, c, strlen(c));
        else
            html_node_text(e->node, out, 200);
    }
    if (out->len >= 300)
        return 0;
    names_part(out);
    return out->len >= 3 && count_words(out->s, out->len) <= 12
        && !is_url(out->s) && plausible_name(out->s);
}

/* Is element i beside the headline's <h1> (under its parent's parent)?
 * A byline there is the article's, whatever its classes say. */
static int by_headline(const html_doc *d, const html_meta *m, uint32_t i)
{
    if (!m->headline_el)
        return 0;
    uint32_t r = d->els.v[m->headline_el].parent;
    r = d->els.v[r].parent;
    return r && i >= r && i < d->els.v[r].end;
}

/* Is the page a live blog (a LiveBlogPosting, or its updates listed)?
 * Its updates carry bylines of their own, which are not the page's. */
static int is_live_blog(json_t *o, void *ud)
{
    static const char *const live[] = { "LiveBlogPosting", NULL };
    (void)ud;
    return type_is(json_object_get(o, "@type"), live, 0)
           || json_object_get(o, "liveBlogUpdate") != NULL;
}

static int live_blog(json_t *v)
{
    return json_find_object(v, 6, NULL, is_live_blog, NULL);
}

static int authors_from_dom(const html_doc *d, uint32_t container,
                            int header_only, html_meta *m)
{
    strbuf t = STRBUF_INIT;
    uint32_t best = 0;
    int best_rank = 0;
    for (size_t k = 0; k < d->authors.n; k++) {
        uint32_t i = d->authors.v[k];
        const html_el *e = &d->els.v[i];
        int inside = container && i >= container
                  && i < d->els.v[container].end;
        int near = by_headline(d, m, i);
        if ((e->flags & (HF_IN_HIDDEN | HF_IN_HEAD)) || (header_only && !near))
            continue;
        if ((e->flags & HF_IN_ELSEWHERE) && !near)
            continue;
        if ((e->flags & (HF_IN_JUNK | HF_IN_UNLIKELY)) && !inside && !near)
            continue;
        /* an element that holds another candidate is a wrapper */
        if (k + 1 < d->authors.n && d->authors.v[k + 1] < e->end)
            continue;
        if (!byline_text(d, i, &t))
            continue;
        int rank = 1 + (inside || near) * 2 + !(e->flags & HF_IN_UNLIKELY);
        if (rank > best_rank) {
            best_rank = rank;
            best = i;
            sb_reset(&m->authors);
            sb_append(&m->authors, t.s, t.len);
        }
    }
    sb_free(&t);
    if (best) {
        m->authors_source = "byline element";
        m->authors_are_byline = 1;
        m->byline_el = best;
    }
    return best != 0;
}

/* Does every "; "-separated name of a appear in b? */
static int names_within(const char *a, const char *b)
{
    while (*a) {
        const char *e = strstr(a, "; ");
        size_t n = e ? (size_t)(e - a) : strlen(a);
        char name[160];
        snprintf(name, sizeof name, "%.*s", (int)n, a);
        if (!strcasestr_ascii(b, name))
            return 0;
        a += n + (e ? 2 : 0);
    }
    return 1;
}

/* People named by JSON-LD, else by author meta tags, else by a byline
 * element; organisations (JSON-LD's "NCA NewsWire") only when no person
 * is named anywhere.  When the meta tags name the JSON-LD people and
 * more, the tags' longer list wins (JSON-LD often names only the first
 * of several authors). */
static void pick_authors(html_doc *d, ld_info *li, uint32_t container,
                         int live, html_meta *m)
{
    if (authors_from_ld(li, 0, m)) {
        html_meta alt;
        html_meta_init(&alt);
        if (authors_from_meta(d, &alt) && alt.authors.len > m->authors.len
            && names_within(m->authors.s, alt.authors.s)) {
            sb_reset(&m->authors);
            sb_append(&m->authors, alt.authors.s, alt.authors.len);
            m->authors_source = alt.authors_source;
        }
        html_meta_free(&alt);
        return;
    }
    if (authors_from_meta(d, m) || authors_from_dom(d, container, live, m))
        return;
    authors_from_ld(li, 1, m);
}

/* ---- authors named elsewhere ---- */

/* Appends line (one candidate byline) to m->authors_alt. */
static void alt_line(html_meta *m, const char *s, size_t len)
{
    if (!len || memchr(s, '\n', len))
        return;
    sb_append(&m->authors_alt, s, len);
    sb_putc(&m->authors_alt, '\n');
}

/* Every JSON-LD object's people ("author", "creator"), one line each:
 * the article object chosen may name only the newsroom (", The Daily
 * Journal") while another describes the same story with its reporter. */
static void alt_from_ld(json_t *v, int depth, html_meta *m)
{
    if (depth > 8 || !v)
        return;
    size_t i;
    json_t *e;
    const char *key;
    if (json_is_array(v)) {
        json_array_foreach(v, i, e)
            alt_from_ld(e, depth + 1, m);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *a = json_object_get(v, "author");
    if (!a)
        a = json_object_get(v, "creator");
    /* a page's JSON-LD may list other stories: only this one's */
    const char *title = jstr(v, "headline");
    if (!title)
        title = jstr(v, "name");
    if (a && (title ? m->headline.len
                      && html_similarity(title, strlen(title), m->headline.s,
                                         m->headline.len) >= 0.5
                    : depth <= 2)) {
        strbuf t = STRBUF_INIT;
        ld_names(a, 0, &t, 0);
        alt_line(m, t.s, t.len);
        sb_free(&t);
    }
    /* parts of the story by others (a live blog's updates), lists of
     * other stories, comments and reviews name other writers */
    static const char *const others[] = {
        "author", "creator", "liveBlogUpdate", "hasPart", "itemListElement",
        "comment", "review", "citation", "mentions", "relatedLink",
        "isPartOf", "subjectOf", NULL
    };
    json_object_foreach(v, key, e) {
        int skip = 0;
        for (const char *const *o = others; *o && !skip; o++)
            skip = !strcmp(key, *o);
        if (!skip && (json_is_object(e) || json_is_array(e)))
            alt_from_ld(e, depth + 1, m);
    }
}

/* Does this address lead to an author's page?  2: surely
 * ("/author/jane-doe"), 1: perhaps ("/people/…" is also a topic page of
 * a celebrity), 0: no. */
static int author_href(const char *href)
{
    static const char *const sure[] = {
        "/author/", "/authors/", "/writer/", "/writers/", "/journalist/",
        "/journalists/", "/reporter/", "/reporters/", "/columnist/",
        "/columnists/", "/by/", "/byline/", "/autor/", "/autores/",
        "/auteur/", "/auteurs/", "/autore/", "/redakteur/", NULL
    };
    static const char *const maybe[] = {
        "/person/", "/people/", "/profile/", "/profiles/", "/staff/",
        "/contributor/", "/contributors/", "/user/", "/users/", NULL
    };
    for (const char *const *p = sure; *p; p++)
        if (strcasestr_ascii(href, *p))
            return 2;
    for (const char *const *p = maybe; *p; p++)
        if (strcasestr_ascii(href, *p))
            return 1;
    return 0;
}

/* Does the text of element i start with "By" (or its equivalents)? */
static int by_cue(const html_doc *d, uint32_t i)
{
    strbuf t = STRBUF_INIT;
    html_node_text(d->els.v[i].node, &t, 40);
    int yes = t.len && html_by_cue(t.s, t.len);
    sb_free(&t);
    return yes;
}

/* Does the link's name (or a "By" before it) open the text of its block?
 * A byline stands at the start of its line; a name after a photo's
 * caption ("… career. By Aleah C. Bowie") credits the photo. */
static int opens_block(const html_doc *d, uint32_t i, const strbuf *name)
{
    uint32_t b = i;
    while (b && d->els.v[b].parent != b && !(d->els.v[b].flags & HF_BLOCK))
        b = d->els.v[b].parent;
    strbuf t = STRBUF_INIT;
    html_node_text(d->els.v[b].node, &t, 200);
    int yes = t.len && (by_cue(d, b) || !strncmp(t.s, name->s, name->len));
    sb_free(&t);
    return yes;
}

/* Links to authors' pages, the names of one parent together: "By <a
 * href=/writer/…>Charles Fried</a>", an author box's name. */
static void alt_from_links(const html_doc *d, uint32_t container,
                           int header_only, html_meta *m)
{
    strbuf line = STRBUF_INIT, t = STRBUF_INIT;
    uint32_t parent = 0;
    /* those in the article or beside its headline first */
    for (uint32_t n = 1; n < 2 * d->els.n; n++) {
        uint32_t i = n < d->els.n ? n : n - d->els.n;
        const html_el *e = &d->els.v[i];
        int first = (container && i >= container
                     && i < d->els.v[container].end)
                 || by_headline(d, m, i);
        if (!i || first != (n < d->els.n)
            || (header_only && !by_headline(d, m, i)))
            continue;
        if (e->tag != HT_A || (e->flags & (HF_IN_HIDDEN | HF_IN_HEAD
                                           | HF_IN_FIGURE | HF_IN_JUNK)))
            continue;
        if ((e->flags & HF_IN_ELSEWHERE) && !by_headline(d, m, i))
            continue;
        const char *href = html_attr(e->node, "href");
        int how = href ? author_href(href) : 0;
        if (!how || (how == 1 && !by_cue(d, e->parent)))
            continue;
        sb_reset(&t);
        html_node_text(e->node, &t, 120);
        if (t.len < 3 || t.len >= 100 || count_words(t.s, t.len) > 5
            || !plausible_name(t.s) || !opens_block(d, i, &t))
            continue;
        uint32_t grand = d->els.v[e->parent].parent;
        if (line.len && parent != e->parent && parent != grand) {
            alt_line(m, line.s, line.len);
            sb_reset(&line);
        }
        if (line.len)
            sb_puts(&line, "; ");
        sb_append(&line, t.s, t.len);
        if (!parent || (parent != e->parent && parent != grand))
            parent = e->parent;
    }
    alt_line(m, line.s, line.len);
    sb_free(&line);
    sb_free(&t);
}

/* Byline elements other than the one chosen: those in the article
 * first, then an author box anywhere outside navigation and comments. */
static void alt_from_dom(const html_doc *d, uint32_t container,
                         int header_only, html_meta *m)
{
    strbuf t = STRBUF_INIT;
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < d->authors.n; k++) {
            uint32_t i = d->authors.v[k];
            const html_el *e = &d->els.v[i];
            int inside = container && i >= container
                      && i < d->els.v[container].end;
            int near = by_headline(d, m, i);
            if (header_only && !near)
                continue;
            if (i == m->byline_el || (inside || near) != !round
                || (e->flags & (HF_IN_HIDDEN | HF_IN_HEAD))
                || ((e->flags & HF_IN_ELSEWHERE) && !near))
                continue;
            if (k + 1 < d->authors.n && d->authors.v[k + 1] < e->end)
                continue;
            if (byline_text(d, i, &t))
                alt_line(m, t.s, t.len);
        }
    sb_free(&t);
}

/*
 * Other candidates for the byline, best first, for the normalise stage
 * to read when the byline chosen names no person (it is empty, the site's
 * own name or only an organisation): every JSON-LD object's authors, the
 * story's authors in the page's script state, the author tags, byline
 * elements, links to author pages.
 */
static void collect_alt_authors(const html_doc *d, ld_info *li,
                                uint32_t container, int live, html_meta *m)
{
    for (size_t i = 0; i < li->nroots; i++)
        alt_from_ld(li->roots[i], 0, m);
    strbuf state = STRBUF_INIT;
    if (html_state_authors(d, m->headline.s, m->headline.len, &state))
        alt_line(m, state.s, state.len);
    sb_free(&state);
    html_meta tags;
    html_meta_init(&tags);
    if (authors_from_meta(d, &tags))
        alt_line(m, tags.authors.s, tags.authors.len);
    html_meta_free(&tags);
    alt_from_dom(d, container, live, m);
    alt_from_links(d, container, live, m);
}

/* ---- dates ---- */

static void pick_date_source(html_doc *d, ld_info *li, uint32_t container,
                             html_meta *m);

static int accept_date(const char *s, html_meta *m, const char *source)
{
    date_value dv;
    if (!s || !*s || strlen(s) > 200 || !date_find(s, strlen(s), &dv))
        return 0;
    sb_reset(&m->date);
    append_clean(&m->date, s, strlen(s));
    m->date_source = source;
    return 1;
}

/* /2023/12/21/, /2023-12-21/, /20231221/ in a URL. */
static int date_from_url(const char *url, html_meta *m)
{
    if (!url)
        return 0;
    for (const char *p = url; *p; p++) {
        if (*p != '/' || !isdigit((unsigned char)p[1]))
            continue;
        int y, mo, da, n = 0;
        if ((sscanf(p, "/%4d/%2d/%2d/%n", &y, &mo, &da, &n) == 3 && n)
            || (sscanf(p, "/%4d-%2d-%2d%n", &y, &mo, &da, &n) == 3 && n)) {
            if (y >= 1990 && y <= 2100 && mo >= 1 && mo <= 12 && da >= 1
                && da <= 31) {
                char buf[16];
                snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, da);
                return accept_date(buf, m, "url");
            }
        }
    }
    return 0;
}

static int date_from_time(const html_doc *d, uint32_t container,
                          html_meta *m)
{
    /* Marked publication dates first, then the first <time> of the
     * article, then the first of the page outside boilerplate. */
    for (int round = 0; round < 3; round++) {
        for (size_t k = 0; k < d->times.n; k++) {
            uint32_t i = d->times.v[k];
            const html_el *e = &d->els.v[i];
            if (e->flags & (HF_IN_JUNK | HF_IN_HIDDEN | HF_IN_ELSEWHERE))
                continue;
            const char *ip = html_attr(e->node, "itemprop");
            const char *cls = html_attr(e->node, "class");
            static const char *const pub_words[] = {
                "publish", "published", "pubdate", NULL };
            static const char *const mod_words[] = {
                "updated", "modified", "update", NULL };
            int marked = html_attr(e->node, "pubdate")
                      || (ip && !strncasecmp(ip, "date", 4)
                          && strcasecmp(ip, "dateModified"))
                      || (cls && html_class_words(cls, pub_words, 1));
            if (!marked && cls && html_class_words(cls, mod_words, 0))
                continue;   /* an update time, not the publication's */
            int inside = container && i >= container
                      && i < d->els.v[container].end;
            if ((round == 0 && !marked) || (round == 1 && !inside))
                continue;
            const char *src = e->tag == HT_TIME ? "time" : "date element";
            const char *v = html_attr(e->node, "datetime");
            if (!v)
                v = html_attr(e->node, "content");
            if (accept_date(v, m, src))
                return 1;
            strbuf t = STRBUF_INIT;
            html_node_text(e->node, &t, 100);
            int ok = t.len && accept_date(t.s, m, src);
            sb_free(&t);
            if (ok)
                return 1;
        }
    }
    return 0;
}

/* Published-time tags, best first, and modified-time tags. */
static const char *const pub_keys[] = {
    "article:published_time", "article:published",
    "og:published_time", "published_time", "datepublished",
    "pubdate", "publishdate", "publish-date", "publish_date",
    "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created",
    "citation_publication_date", "citation_date", "date",
    "original-publish-date", "datecreated", NULL
};
static const char *const mod_keys[] = {
    "article:modified_time", "og:updated_time", "datemodified",
    "last-modified", NULL
};

/*
 * The page's metadata dates after the one chosen: the date its header
 * shows decides between them (html_shown.c).  A page with no metadata
 * date at all takes the header's.
 */
static void date_as_shown(html_doc *d, ld_info *li, uint32_t container,
                          html_meta *m)
{
    enum { MAX_CANDS = 32 };
    shown_cand c[MAX_CANDS];
    size_t n = 0;
    if (m->date.len)
        c[n++] = (shown_cand){ m->date.s, m->date_source };
    static const char *const ld_keys[] = {
        "datePublished", "dateModified", "dateCreated", NULL
    };
    static const char *const ld_sources[] = {
        "json-ld", "json-ld dateModified", "json-ld dateCreated"
    };
    for (size_t k = 0; li->article && ld_keys[k] && n < MAX_CANDS; k++) {
        const char *v = jstr(li->article, ld_keys[k]);
        if (v)
            c[n++] = (shown_cand){ v, ld_sources[k] };
    }
    for (int mod = 0; mod < 2; mod++)
        for (const char *const *k = mod ? mod_keys : pub_keys; *k; k++)
            for (size_t i = 0; i < d->metas.n && n < MAX_CANDS; i++)
                if (!strcmp(d->metas.v[i].key, *k)
                    && *d->metas.v[i].content)
                    c[n++] = (shown_cand){ d->metas.v[i].content, *k };
    html_date_as_shown(d, container, m->headline_el, c, n, &m->date,
                       &m->date_source);
}

static void pick_date(html_doc *d, ld_info *li, uint32_t container,
                      html_meta *m)
{
    pick_date_source(d, li, container, m);
    date_as_shown(d, li, container, m);
}

static void pick_date_source(html_doc *d, ld_info *li, uint32_t container,
                             html_meta *m)
{
    if (li->article && accept_date(jstr(li->article, "datePublished"), m,
                                   "json-ld"))
        return;
    for (const char *const *k = pub_keys; *k; k++) {
        const char *which;
        const char *v = meta_get_key(d, (const char *const[]){ *k, NULL },
                                     &which);
        if (v && accept_date(v, m, *k))
            return;
    }
    /* a creation time is often the CMS's, in UTC: after the tags */
    if (li->article && accept_date(jstr(li->article, "dateCreated"), m,
                                   "json-ld dateCreated"))
        return;
    if (date_from_time(d, container, m))
        return;
    if (date_from_url(m->url.len ? m->url.s : NULL, m))
        return;
    if (li->article && accept_date(jstr(li->article, "dateModified"), m,
                                   "json-ld dateModified"))
        return;
    const char *which;
    const char *v = meta_get_key(d, mod_keys, &which);
    if (v)
        accept_date(v, m, which);
}

/* ---- the rest ---- */

static void pick_lang(const html_doc *d, ld_info *li, html_meta *m)
{
    static const char *const keys[] = { "content-language", "language",
                                        "dc.language", "og:locale", NULL };
    const char *l = d->lang && *d->lang ? d->lang : meta_get(d, keys);
    if (!l && li->article) {
        json_t *v = json_object_get(li->article, "inLanguage");
        l = json_is_string(v) ? json_string_value(v) : name_of(v);
    }
    if (!l)
        return;
    while (*l == ' ')
        l++;
    /* "en", "en-US", "pt_BR", "EN": the language, as --lang reads it */
    char code[4];
    if (lang_tag(l, strlen(l), 1, code) == 0)
        sb_puts(&m->lang, code);
}

static void pick_site_url(const html_doc *d, ld_info *li, html_meta *m)
{
    static const char *const site_keys[] = { "og:site_name",
                                             "application-name", NULL };
    static const char *const url_keys[] = { "og:url", "twitter:url", NULL };
    static const char *const desc_keys[] = { "og:description",
                                             "description",
                                             "twitter:description", NULL };
    const char *site = meta_get(d, site_keys);
    if (!site)
        site = li->publisher ? li->publisher : li->website;
    set_clean(&m->site, site);
    const char *url = d->canonical && *d->canonical ? d->canonical
                                                    : meta_get(d, url_keys);
    if (!url && li->article)
        url = jstr(li->article, "url");
    if (url && (!strncasecmp(url, "http", 4) || url[0] == '/'))
        set_clean(&m->url, url);
    set_clean(&m->description, meta_get(d, desc_keys));
    const char *body = li->article ? jstr(li->article, "articleBody")
                                   : NULL;
    if (body)
        sb_puts(&m->body, body);    /* raw: html_text_lines() reads it */
}

/* JSON-LD that would not parse: a few keys found by scanning. */
static void scan_broken_ld(const char *raw, html_meta *m)
{
    if (!m->headline.len && (scan_key(raw, "headline", &m->headline)
                             || scan_key(raw, "name", &m->headline)))
        m->headline_source = "json-ld";
    if (!m->date.len) {
        strbuf t = STRBUF_INIT;
        if (scan_key(raw, "datePublished", &t))
            accept_date(t.s, m, "json-ld");
        sb_free(&t);
    }
    const char *au = strstr(raw, "\"author\"");
    if (!m->authors.len && au) {
        /* the first "name" within the author value */
        char near[400];
        snprintf(near, sizeof near, "%s", au);
        strbuf t = STRBUF_INIT;
        if (scan_key(near, "name", &t) && plausible_name(t.s)) {
            sb_append(&m->authors, t.s, t.len);
            m->authors_source = "json-ld";
        }
        sb_free(&t);
    }
}

/*
 * A class that says "sidebar" or "related" on an element that holds the
 * article itself ("content-area right-sidebar-active") describes the
 * page's layout, not a part beside the story: the flag is dropped from
 * the container's ancestors, and their subtrees' "in elsewhere" flags
 * are worked out again from what is left.
 */
static void layout_not_elsewhere(html_doc *d, uint32_t container)
{
    if (!container || !(d->els.v[container].flags & HF_IN_ELSEWHERE))
        return;
    uint32_t top = container;
    for (uint32_t i = container;; i = d->els.v[i].parent) {
        if (d->els.v[i].flags & HF_ELSEWHERE) {
            d->els.v[i].flags &= ~(uint32_t)HF_ELSEWHERE;
            top = i;
        }
        if (d->els.v[i].parent == i)
            break;
    }
    /* pre-order: a parent is worked out before its children */
    for (uint32_t i = top; i < d->els.v[top].end; i++) {
        html_el *e = &d->els.v[i];
        const html_el *p = &d->els.v[e->parent];
        e->flags &= ~(uint32_t)HF_IN_ELSEWHERE;
        if ((e->flags & HF_ELSEWHERE)
            || (i != top && (p->flags & HF_IN_ELSEWHERE)))
            e->flags |= HF_IN_ELSEWHERE;
    }
}

void html_meta_collect(html_doc *d, uint32_t container, html_meta *m)
{
    layout_not_elsewhere(d, container);
    ld_info li;
    memset(&li, 0, sizeof li);
    strbuf broken = STRBUF_INIT;
    ld_load(d, &li, &broken);
    pick_site_url(d, &li, m);
    pick_headline(d, &li, container, m);
    /* a live blog's body is its updates, each signed: its bylines are
     * read from its header only */
    int live = 0;
    for (size_t i = 0; i < li.nroots && !live; i++)
        live = live_blog(li.roots[i]);
    pick_authors(d, &li, container, live, m);
    collect_alt_authors(d, &li, container, live, m);
    html_shown_byline(d, container, m->headline_el, &m->byline_shown);
    pick_date(d, &li, container, m);
    if (broken.len)
        scan_broken_ld(broken.s, m);
    pick_lang(d, &li, m);
    ld_free(&li);
    sb_free(&broken);
}
