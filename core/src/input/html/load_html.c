/*
 * load_html.c - saved web pages.
 *
 * The page is converted to UTF-8 here (html_encoding.c decides from what),
 * parsed by libxml2's HTML parser (which repairs broken markup), flattened
 * (html_walk.c), its article found (html_extract.c) and its metadata read
 * (html_meta.c).  The article's text is built like every other loader's:
 * the headline, byline and date as paragraphs of their own, then the
 * article's paragraphs with the kinds their markup gives (h2-h6 headings,
 * block quotes, list items, captions); plain paragraphs are left for the
 * core classifier, which knows share lines, credits and date lines.
 *
 * libxml2 is told nothing it could print: a structured error handler that
 * ignores everything is set on the parser context, and the thread's
 * generic handlers are silenced for the duration of the call.
 */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text/article.h"
#include "text/date.h"
#include "base/diag.h"
#include "base/hash.h"
#include "input/html/html_internal.h"
#include "input/load.h"
#include "base/textcmp.h"
#include "base/utf8.h"

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
    xmlInitParser();
}

static void ignore_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

static void ignore_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

enum {
    PARSE_OPTS = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR
               | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
               | HTML_PARSE_COMPACT
};

/*
 * A DOCTYPE's internal subset ("<!DOCTYPE html [ <!ENTITY …> ]>"): HTML
 * has none, libxml2's HTML parser does not know them and would leave
 * their declarations in the page as text.  Returns 1 with [*start, *end)
 * the bracketed part, or 0.
 */
/* The offset of the first nd[0, n) in s[from, len), or len. */
static size_t find(const char *s, size_t from, size_t len, const char *nd,
                   size_t n)
{
    for (size_t i = from; i + n <= len; i++)
        if (!memcmp(s + i, nd, n))
            return i;
    return len;
}

static int internal_subset(const char *s, size_t len, size_t *start,
                           size_t *end)
{
    size_t i = 0;
    for (;;) {
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'
                           || s[i] == '\r' || s[i] == '\f'))
            i++;
        if (len - i >= 4 && !memcmp(s + i, "<!--", 4)) {
            if ((i = find(s, i + 4, len, "-->", 3)) == len)
                return 0;
            i += 3;
        } else if (len - i >= 2 && !memcmp(s + i, "<?", 2)) {
            if ((i = find(s, i + 2, len, "?>", 2)) == len)
                return 0;
            i += 2;
        } else {
            break;
        }
    }
    if (len - i < 9 || strncasecmp(s + i, "<!DOCTYPE", 9))
        return 0;
    char q = 0;
    for (i += 9; i < len && s[i] != '>'; i++) {
        if (q) {
            q = s[i] == q ? 0 : q;
        } else if (s[i] == '"' || s[i] == '\'') {
            q = s[i];
        } else if (s[i] == '[') {
            /* To the "]" that closes it, past quoted strings. */
            size_t k = i + 1;
            for (q = 0; k < len && (q || s[k] != ']'); k++)
                q = q ? (s[k] == q ? 0 : q)
                      : (s[k] == '"' || s[k] == '\'' ? s[k] : 0);
            if (k >= len)
                return 0;
            *start = i;
            *end = k + 1;
            return 1;
        }
    }
    return 0;
}

/* Parses UTF-8 text.  *halted is set when libxml2 stopped early (it does
 * at 256 levels of nesting unless told XML_PARSE_HUGE). */
static xmlDoc *parse(const char *buf, size_t len, int huge, int *halted)
{
    size_t s0, s1;
    char *copy = NULL;
    if (internal_subset(buf, len, &s0, &s1)) {
        if (!(copy = malloc(len - (s1 - s0) + 1)))
            return NULL;
        memcpy(copy, buf, s0);
        memcpy(copy + s0, buf + s1, len - s1);
        len -= s1 - s0;
        copy[len] = '\0';
        buf = copy;
    }
    htmlParserCtxtPtr c = htmlNewParserCtxt();
    if (!c) {
        free(copy);
        return NULL;
    }
    c->sax->serror = ignore_structured;
    c->sax->error = NULL;
    c->sax->warning = NULL;
    xmlDoc *doc = htmlCtxtReadMemory(c, buf, (int)len, NULL, "UTF-8",
                                     PARSE_OPTS | (huge ? XML_PARSE_HUGE
                                                        : 0));
    *halted = c->disableSAX && c->errNo == XML_ERR_INTERNAL_ERROR;
    htmlFreeParserCtxt(c);
    free(copy);
    return doc;
}

/* Turns the page into valid UTF-8; *text is data itself or a new buffer
 * (*owned then says so).  Returns 0 or -1 when out of memory. */
static int to_utf8(const char *data, size_t len, html_charset *cs,
                   char **text, size_t *tlen, int *owned)
{
    const char *p = data + cs->skip;
    size_t n = len - cs->skip;
    *owned = 0;
    if (strcmp(cs->name, "UTF-8")) {
        int rc = html_to_utf8(p, n, cs->name, text, tlen);
        if (rc == -1)
            return -1;
        if (rc == 0) {
            *owned = 1;
            p = *text;
            n = *tlen;
        } else {
            /* iconv does not know it: read it as the bytes allow */
            snprintf(cs->name, sizeof cs->name, "UTF-8");
            cs->how = "default";
        }
    }
    /* html_detect_charset() has checked UTF-8 input already */
    if ((*owned || cs->repair) && utf8_check(p, n) != n) {
        size_t fl;
        char *fixed = utf8_repair(p, n, &fl);
        if (!fixed)
            return -1;
        if (*owned)
            free(*text);
        *text = fixed;
        *tlen = fl;
        *owned = 1;
        cs->repair = 1;
        return 0;
    }
    *text = (char *)p;
    *tlen = n;
    return 0;
}

/* ---- building the article ---- */

typedef struct piece {
    size_t start, end;
    int kind;
} piece;

typedef struct builder {
    strbuf sb;
    VEC(piece) ps;
    size_t body;            /* pieces of article text */
} builder;

static void add_piece(builder *b, const char *s, size_t len, int kind)
{
    while (len && (*s == ' ' || *s == '\n'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
        len--;
    if (!len)
        return;
    if (b->sb.len)
        sb_puts(&b->sb, "\n\n");
    piece p = { b->sb.len, b->sb.len + len, kind };
    sb_append(&b->sb, s, len);
    if (VEC_PUSH(&b->ps, p))
        b->sb.oom = 1;
}

/* "By A, B and C" from "A; B; C". */
static void add_byline(builder *b, const html_meta *m)
{
    if (m->authors_are_byline) {
        add_piece(b, m->authors.s, m->authors.len, PRECIS_KIND_BYLINE);
        return;
    }
    strbuf t = STRBUF_INIT;
    const char *s = m->authors.s;
    /* a tag that already says "By Ana Lima" */
    if (strncasecmp(s, "by ", 3))
        sb_puts(&t, "By ");
    size_t n = 0, count = 0;
    for (const char *p = s; *p; p++)
        count += *p == ';';
    while (*s) {
        const char *e = strstr(s, "; ");
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (n)
            sb_puts(&t, n == count ? " and " : ", ");
        sb_append(&t, s, len);
        n++;
        s += len + (e ? 2 : 0);
    }
    add_piece(b, t.s, t.len, PRECIS_KIND_BYLINE);
    sb_free(&t);
}

static int kind_of(const html_block *k)
{
    switch (k->kind) {
    case HB_HEADING: return PRECIS_KIND_HEADING;
    case HB_LIST: return PRECIS_KIND_LIST;
    case HB_QUOTE: return PRECIS_KIND_BLOCKQUOTE;
    case HB_CAPTION: return PRECIS_KIND_CAPTION;
    case HB_PRE: return PRECIS_KIND_BODY;
    default: return PRECIS_KIND_UNKNOWN;
    }
}

/* Same words, ignoring case, space and punctuation (ASCII). */
static int same_words(const char *a, size_t al, const char *b, size_t bl)
{
    return textcmp_same(a, al, b, bl, TEXTCMP_PUNCT);
}

static int in_subtree(const html_doc *d, uint32_t root, uint32_t i)
{
    return root && i >= root && i < d->els.v[root].end;
}

/* The page's own copy of a line already given as metadata. */
static int is_meta_block(const html_doc *d, const html_meta *m,
                         const html_block *k)
{
    const char *s = d->text.s + k->start;
    size_t len = k->end - k->start;
    if (in_subtree(d, m->headline_el, k->el)
        || (m->headline.len && same_words(s, len, m->headline.s,
                                          m->headline.len)))
        return 1;
    if (in_subtree(d, m->byline_el, k->el))
        return 1;
    /* a short line holding the byline element, e.g. "By X | Jan 3" */
    return m->byline_el && len < 150
        && in_subtree(d, k->el, m->byline_el);
}

/* The kind of a kept block: its markup's, except that a line that is
 * nothing but a date ("Published: Dec. 22, 2023") is a date whatever
 * its markup (the classifier sees only paragraphs of unknown kind). */
static int block_kind(const html_doc *d, const html_block *k)
{
    int kind = kind_of(k);
    date_value dv;
    if (kind != PRECIS_KIND_UNKNOWN && k->end - k->start < 80
        && date_is_line(d->text.s + k->start, k->end - k->start, &dv))
        return PRECIS_KIND_DATE;
    return kind;
}

/*
 * Blocks seen, to give a paragraph the page repeats only once: pages hold
 * their text twice for print or for a second "page" of the story.  An
 * open-addressed table of block indices (+ 1) by their text's hash.
 */
typedef struct seen_set {
    uint32_t *slot;
    size_t cap;
} seen_set;

/* Returns 1 when block i's text was added before (and adds it if not). */
static int seen_before(seen_set *ss, const html_doc *d, size_t i)
{
    const html_block *k = &d->blocks.v[i];
    const char *s = d->text.s + k->start;
    size_t len = k->end - k->start;
    if (!ss->slot || len < 60)
        return 0;
    for (size_t h = hash_bytes(s, len) & (ss->cap - 1);;
         h = (h + 1) & (ss->cap - 1)) {
        if (!ss->slot[h]) {
            ss->slot[h] = (uint32_t)i + 1;
            return 0;
        }
        const html_block *o = &d->blocks.v[ss->slot[h] - 1];
        if (o->end - o->start == len && !memcmp(d->text.s + o->start, s, len))
            return 1;
    }
}

static void add_body(builder *b, const html_doc *d, const html_meta *m)
{
    seen_set ss = { NULL, 16 };
    while (ss.cap < 2 * d->blocks.n)
        ss.cap *= 2;
    /* without memory, repeats stay: the text is still right */
    ss.slot = calloc(ss.cap, sizeof *ss.slot);
    for (size_t i = 0; i < d->blocks.n; i++) {
        const html_block *k = &d->blocks.v[i];
        if (!k->keep || is_meta_block(d, m, k) || seen_before(&ss, d, i))
            continue;
        size_t before = b->ps.n;
        add_piece(b, d->text.s + k->start, k->end - k->start,
                  block_kind(d, k));
        b->body += b->ps.n - before;
    }
    free(ss.slot);
}

/* JSON-LD articleBody, for pages whose text is not in their markup. */
static void add_ld_body(builder *b, const html_meta *m)
{
    strbuf t = STRBUF_INIT;
    html_text_lines(m->body.s, &t);
    for (const char *s = t.s; s && *s;) {
        const char *e = strchr(s, '\n');
        size_t before = b->ps.n;
        add_piece(b, s, (size_t)(e - s), PRECIS_KIND_UNKNOWN);
        b->body += b->ps.n - before;
        s = e + 1;
    }
    sb_free(&t);
}

static int set_field(precis_article *a, const char *key, const strbuf *v)
{
    return v->len ? article_set_field(a, key, v->s, v->len) : PRECIS_OK;
}

static int set_cfield(precis_article *a, const char *key, const char *v)
{
    return v ? article_set_field(a, key, v, strlen(v)) : PRECIS_OK;
}

/* "div#main.article-body" for the inspect view. */
static void describe_el(const html_doc *d, uint32_t i, strbuf *sb)
{
    const html_el *e = &d->els.v[i];
    if (!i || !e->node)
        return;
    sb_puts(sb, (const char *)e->node->name);
    const char *id = html_attr(e->node, "id");
    const char *cls = html_attr(e->node, "class");
    if (id && *id)
        sb_printf(sb, "#%.40s", id);
    if (cls && *cls)
        sb_printf(sb, ".%.60s", cls);
}

static int record_fields(precis_article *a, const html_doc *d,
                         const html_meta *m, const html_charset *cs,
                         const html_extract_stats *st, int from_ld)
{
    /* Each step runs only while the ones before succeeded: codes are
     * negative values, not flags to OR together. */
    int rc = set_field(a, "site", &m->site);
    if (!rc)
        rc = set_field(a, "url", &m->url);
    if (!rc)
        rc = set_field(a, "description", &m->description);
    if (!rc)
        rc = set_field(a, "byline_alt", &m->authors_alt);
    /* set on every page, empty when its header signs with no "By": a
     * newsroom only the metadata names then signs nothing */
    if (!rc)
        rc = article_set_field(a, "byline_shown",
                               m->byline_shown.len ? m->byline_shown.s : "",
                               m->byline_shown.len);
    if (!rc)
        rc = set_cfield(a, "headline_source",
                        m->headline.len ? m->headline_source : NULL);
    if (!rc)
        rc = set_cfield(a, "byline_source",
                        m->authors.len ? m->authors_source : NULL);
    if (!rc)
        rc = set_cfield(a, "date_source",
                        m->date.len ? m->date_source : NULL);
    strbuf t = STRBUF_INIT;
    sb_printf(&t, "%s (%s%s)", cs->name, cs->how,
              cs->repair ? ", invalid bytes replaced" : "");
    if (!rc)
        rc = article_set_field(a, "encoding_source", t.s, t.len);
    sb_reset(&t);
    if (from_ld) {
        sb_puts(&t, "json-ld articleBody");
    } else if (st->chars && st->pass == PASS_TEXT_RUN) {
        sb_puts(&t, "longest run of paragraphs");
    } else if (st->chars) {
        describe_el(d, st->container, &t);
        sb_printf(&t, " (pass %d)", st->pass);
    }
    if (t.len && !rc)
        rc = article_set_field(a, "text_source", t.s, t.len);
    sb_free(&t);
    if (m->lang.len && m->lang.len < sizeof a->lang) {
        memcpy(a->lang, m->lang.s, m->lang.len + 1);
        a->lang_given = 1;
    }
    return rc ? PRECIS_ENOMEM : PRECIS_OK;
}

/* All the page's visible text, in bytes. */
static size_t visible_text(const html_doc *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->blocks.n; i++)
        if (!(d->els.v[d->blocks.v[i].el].flags & HF_IN_HIDDEN))
            n += d->blocks.v[i].end - d->blocks.v[i].start;
    return n;
}

/*
 * A page without article text is still worth an article record when it
 * is a fragment of metadata (a head, a byline snippet): next to no visible
 * text, or a little and more than a <title> to go on.  A page of menus
 * and links is not an article.
 */
static int metadata_record(const html_doc *d, const html_meta *m)
{
    size_t visible = visible_text(d);
    int structured = m->authors.len || m->date.len
                  || (m->headline.len && strcmp(m->headline_source,
                                                "title"));
    if (!m->headline.len && !structured)
        return 0;
    return visible < 50 || (visible < 200 && structured);
}

/* The article's text: metadata paragraphs, then the article's own;
 * returns 1 when the text came from JSON-LD's articleBody. */
static int assemble(builder *b, const html_doc *d, const html_meta *m)
{
    if (m->headline.len)
        add_piece(b, m->headline.s, m->headline.len, PRECIS_KIND_HEADLINE);
    if (m->authors.len)
        add_byline(b, m);
    if (m->date.len)
        add_piece(b, m->date.s, m->date.len, PRECIS_KIND_DATE);
    size_t before = b->sb.len, npieces = b->ps.n;
    add_body(b, d, m);
    size_t found = b->sb.len - before;
    /* JSON-LD's articleBody when the page shows no article text, or much
     * less than it: a teaser above a paywall, text filled in by
     * scripts. */
    if (m->body.len >= 200 && (b->body == 0 || found * 3 < m->body.len)) {
        b->sb.len = before;
        if (b->sb.s)
            b->sb.s[before] = '\0';
        b->ps.n = npieces;
        b->body = 0;
        add_ld_body(b, m);
        return 1;
    }
    return 0;
}

static int build(const char *name, html_doc *d, const html_charset *cs,
                 precis_article **out, precis_error *err)
{
    html_extract_stats st;
    html_extract(d, &st);
    html_meta m;
    html_meta_init(&m);
    html_meta_collect(d, st.container, &m);
    builder b = { STRBUF_INIT, { 0 }, 0 };
    int from_ld = assemble(&b, d, &m);
    int rc = PRECIS_OK;
    if (b.ps.n == 0 || (b.body == 0 && !metadata_record(d, &m)))
        rc = diag_set(err, PRECIS_ENOCONTENT,
                      "%s: no article content found", name);
    else if (b.sb.oom)
        rc = diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    precis_article *a = NULL;
    if (!rc) {
        size_t len = b.sb.len;
        a = article_new(name, sb_steal(&b.sb), len);
        if (!a)
            rc = diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    }
    for (size_t i = 0; !rc && i < b.ps.n; i++)
        rc = article_add_para(a, b.ps.v[i].start, b.ps.v[i].end,
                              (precis_kind)b.ps.v[i].kind);
    if (!rc)
        rc = record_fields(a, d, &m, cs, &st, from_ld);
    if (rc && a) {
        precis_article_free(a);
        if (rc == PRECIS_ENOMEM)
            diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
        a = NULL;
    }
    sb_free(&b.sb);
    VEC_FREE(&b.ps);
    html_meta_free(&m);
    *out = a;
    return rc;
}

static int parse_page(const char *name, const char *text, size_t tlen,
                      html_doc *d, precis_error *err)
{
    if (tlen > (size_t)INT32_MAX)
        return diag_set(err, PRECIS_ELIMIT,
                        "%s: too large for the HTML parser (2 GB)", name);
    int halted = 0;
    xmlDoc *doc = parse(text, tlen, 0, &halted);
    if (halted) {
        /* Nesting deeper than libxml2's default limit: the walk is
         * iterative, so lift the limit rather than lose the page. */
        xmlFreeDoc(doc);
        doc = parse(text, tlen, 1, &halted);
    }
    if (!doc)
        return diag_set(err, PRECIS_EFORMAT,
                        "%s: the HTML parser could not read the page", name);
    if (html_walk(d, doc, tlen))
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    return PRECIS_OK;
}

int load_html(const char *name, char *data, size_t len, const load_opts *o,
              precis_article **out, precis_error *err)
{
    (void)o;    /* invalid bytes are always replaced, as browsers do */
    *out = NULL;
    pthread_once(&xml_once, xml_init);
    html_charset cs;
    html_detect_charset(data, len, &cs);
    /* A page holds no NUL byte unless it is in UTF-16 (or UTF-32): one
     * means a binary file with a page's name, which would otherwise be
     * "summarized" into its strings. */
    const char *nul = strncmp(cs.name, "UTF-16", 6) && strncmp(cs.name,
                                                               "UTF-32", 6)
                      ? memchr(data, 0, len) : NULL;
    if (nul) {
        size_t at = (size_t)(nul - data);
        free(data);
        return diag_set(err, PRECIS_EUTF8, "%s: byte offset %zu: NUL byte: "
                        "this looks like a binary file, not a web page",
                        name, at);
    }
    char *text;
    size_t tlen;
    int owned;
    if (to_utf8(data, len, &cs, &text, &tlen, &owned)) {
        free(data);
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    }
    /* libxml2 reports through per-thread handlers too (encoding layer);
     * silence them while this thread parses, then put them back. */
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, ignore_generic);
    xmlSetStructuredErrorFunc(NULL, ignore_structured);
    html_doc d;
    memset(&d, 0, sizeof d);
    d.name = name;
    int rc = parse_page(name, text, tlen, &d, err);
    if (owned)
        free(text);
    free(data);
    if (!rc)
        rc = build(name, &d, &cs, out, err);
    html_doc_free(&d);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    return rc;
}
