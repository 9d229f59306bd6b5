/*
 * html_walk.c - flattening libxml2's tree into elements and text blocks.
 *
 * One iterative pre-order walk (pages nest 10,000 deep; recursion would
 * overflow the stack) gives every element an index, so a subtree is the
 * index range [i, el.end), and cuts the text into blocks: the runs of text
 * between block-level boundaries (<p>, <div>, <li>, <br><br>, …), with
 * white space squeezed, each owned by its nearest block-level element.
 * The same walk reads what the metadata step needs (meta tags, JSON-LD,
 * <title>, <h1>, <time>, author elements) and what tells boilerplate from
 * article: tag, role, hidden-ness and the words of class and id.
 */
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "input/html/html_internal.h"

/* ---- tags ---- */

enum { P_BLOCK = 1, P_SKIP = 2, P_JUNK = 4 };

typedef struct tag_def {
    const char *name;
    uint16_t tag;
    uint8_t props;
} tag_def;

/* Sorted by name (bsearch).  Tags not listed are block-level: unknown and
 * custom elements are mostly layout containers, and splitting a run of
 * text wrongly costs less than gluing a menu to a paragraph.  One inside a
 * paragraph, a heading or an inline element is inline, though, as in a
 * browser: <p>… (<hl-source><a>1</a></hl-source>).</p> is one paragraph
 * (enter()). */
static const tag_def tags[] = {
    { "a", HT_A, 0 },               { "abbr", HT_INLINE, 0 },
    { "acronym", HT_INLINE, 0 },    { "address", HT_ADDRESS, P_BLOCK },
    { "area", HT_OTHER, P_SKIP },   { "article", HT_ARTICLE, P_BLOCK },
    { "aside", HT_ASIDE, P_BLOCK | P_JUNK },
    { "audio", HT_AUDIO, P_SKIP },  { "b", HT_INLINE, 0 },
    { "base", HT_OTHER, P_SKIP },   { "bdi", HT_INLINE, 0 },
    { "bdo", HT_INLINE, 0 },        { "big", HT_INLINE, 0 },
    { "blockquote", HT_BLOCKQUOTE, P_BLOCK },
    { "body", HT_BODY, P_BLOCK },   { "br", HT_BR, 0 },
    { "button", HT_BUTTON, P_SKIP },
    { "canvas", HT_CANVAS, P_SKIP },
    { "caption", HT_CAPTION, P_BLOCK }, { "cite", HT_INLINE, 0 },
    { "code", HT_CODE, 0 },         { "data", HT_INLINE, 0 },
    { "datalist", HT_OTHER, P_SKIP }, { "dd", HT_DD, P_BLOCK },
    { "del", HT_INLINE, 0 },        { "details", HT_DETAILS, P_BLOCK },
    { "dfn", HT_INLINE, 0 },
    { "dialog", HT_DIALOG, P_BLOCK | P_JUNK },
    { "div", HT_DIV, P_BLOCK },     { "dl", HT_DL, P_BLOCK },
    { "dt", HT_DT, P_BLOCK },       { "em", HT_INLINE, 0 },
    { "embed", HT_EMBED, P_SKIP },
    { "fieldset", HT_FIELDSET, P_BLOCK },
    { "figcaption", HT_FIGCAPTION, P_BLOCK },
    { "figure", HT_FIGURE, P_BLOCK }, { "font", HT_INLINE, 0 },
    { "footer", HT_FOOTER, P_BLOCK | P_JUNK },
    { "form", HT_FORM, P_BLOCK },   { "frame", HT_OTHER, P_SKIP },
    { "h1", HT_H1, P_BLOCK },       { "h2", HT_H2, P_BLOCK },
    { "h3", HT_H3, P_BLOCK },       { "h4", HT_H4, P_BLOCK },
    { "h5", HT_H5, P_BLOCK },       { "h6", HT_H6, P_BLOCK },
    { "head", HT_HEAD, P_BLOCK },   { "header", HT_HEADER, P_BLOCK },
    { "hr", HT_HR, P_BLOCK },       { "html", HT_HTML, P_BLOCK },
    { "i", HT_INLINE, 0 },          { "iframe", HT_IFRAME, P_SKIP },
    { "img", HT_IMG, 0 },           { "input", HT_INPUT, P_SKIP },
    { "ins", HT_INLINE, 0 },        { "kbd", HT_INLINE, 0 },
    { "label", HT_INLINE, 0 },      { "li", HT_LI, P_BLOCK },
    { "link", HT_LINK, P_SKIP },    { "main", HT_MAIN, P_BLOCK },
    { "map", HT_OTHER, P_SKIP },    { "mark", HT_INLINE, 0 },
    { "math", HT_MATH, P_SKIP },
    { "menu", HT_MENU, P_BLOCK | P_JUNK },
    { "meta", HT_META, P_SKIP },    { "nav", HT_NAV, P_BLOCK | P_JUNK },
    { "nobr", HT_INLINE, 0 },       { "noscript", HT_NOSCRIPT, P_SKIP },
    { "object", HT_OBJECT, P_SKIP }, { "ol", HT_OL, P_BLOCK },
    { "optgroup", HT_OTHER, P_SKIP }, { "option", HT_OPTION, P_SKIP },
    { "output", HT_INLINE, 0 },     { "p", HT_P, P_BLOCK },
    { "param", HT_OTHER, P_SKIP },  { "picture", HT_PICTURE, 0 },
    { "pre", HT_PRE, P_BLOCK },     { "q", HT_INLINE, 0 },
    { "rp", HT_OTHER, P_SKIP },     { "rt", HT_INLINE, 0 },
    { "ruby", HT_INLINE, 0 },       { "s", HT_INLINE, 0 },
    { "samp", HT_INLINE, 0 },       { "script", HT_SCRIPT, P_SKIP },
    { "section", HT_SECTION, P_BLOCK },
    { "select", HT_SELECT, P_SKIP }, { "small", HT_INLINE, 0 },
    { "source", HT_OTHER, P_SKIP }, { "span", HT_INLINE, 0 },
    { "strike", HT_INLINE, 0 },     { "strong", HT_INLINE, 0 },
    { "style", HT_STYLE, P_SKIP },  { "sub", HT_INLINE, 0 },
    { "summary", HT_SUMMARY, P_BLOCK }, { "sup", HT_INLINE, 0 },
    { "svg", HT_SVG, P_SKIP },      { "table", HT_TABLE, P_BLOCK },
    { "tbody", HT_OTHER, P_BLOCK }, { "td", HT_TD, P_BLOCK },
    { "template", HT_TEMPLATE, P_SKIP },
    { "textarea", HT_TEXTAREA, P_SKIP },
    { "tfoot", HT_OTHER, P_BLOCK }, { "th", HT_TH, P_BLOCK },
    { "thead", HT_OTHER, P_BLOCK }, { "time", HT_TIME, 0 },
    { "title", HT_TITLE, P_SKIP },  { "tr", HT_TR, P_BLOCK },
    { "track", HT_OTHER, P_SKIP },  { "tt", HT_INLINE, 0 },
    { "u", HT_INLINE, 0 },          { "ul", HT_UL, P_BLOCK },
    { "var", HT_INLINE, 0 },        { "video", HT_VIDEO, P_SKIP },
    { "wbr", HT_INLINE, 0 },
};

static int tag_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const tag_def *)e)->name);
}

static const tag_def unknown_tag = { "", HT_OTHER, P_BLOCK };
static const tag_def unknown_inline = { "", HT_OTHER, 0 };

static const tag_def *tag_of(const char *name)
{
    const tag_def *t = bsearch(name, tags, sizeof tags / sizeof tags[0],
                               sizeof tags[0], tag_cmp);
    return t ? t : &unknown_tag;
}

/* ---- class and id words ---- */

enum {
    W_UNLIKELY = 1, W_OKMAYBE = 2, W_POS = 4, W_NEG = 8, W_BYLINE = 16,
    W_SHARE = 32, W_HIDDEN = 64, W_BODYISH = 128, W_ARTNOUN = 256,
    W_ELSEWHERE = 512,  /* other articles, other people: names found
                           there are not the article's authors */
    W_DATE = 1024,      /* holds a date */
    W_PREFIX = 2048,    /* also matches words that start with it */
    W_CAPTION = 4096    /* a caption or a photo credit */
};

typedef struct word_def {
    const char *w;
    int flags;
} word_def;

/* Sorted.  The lists follow Readability's (unlikely candidates, class
 * weights), with words split at '-', '_' and camelCase so "commentary"
 * is not "comment" and "articleBody" is "article body". */
static const word_def words[] = {
    { "ad", W_UNLIKELY | W_NEG },
    { "ads", W_UNLIKELY | W_NEG },
    { "adslot", W_UNLIKELY | W_NEG },
    { "adunit", W_UNLIKELY | W_NEG },
    { "advert", W_UNLIKELY | W_NEG | W_PREFIX },
    { "agegate", W_UNLIKELY },
    { "ai2html", W_UNLIKELY },
    { "and", W_OKMAYBE },
    { "article", W_OKMAYBE | W_POS | W_ARTNOUN },
    { "author", W_BYLINE },
    { "authors", W_BYLINE },
    { "banner", W_UNLIKELY | W_NEG | W_PREFIX },
    { "blog", W_POS },
    { "body", W_OKMAYBE | W_POS | W_BODYISH },
    { "breadcrumb", W_UNLIKELY | W_PREFIX },
    { "byl", W_BYLINE },
    { "byline", W_BYLINE | W_PREFIX },
    { "caption", W_CAPTION | W_PREFIX },
    { "column", W_OKMAYBE },
    { "combx", W_UNLIKELY | W_NEG },
    { "comment", W_UNLIKELY | W_NEG | W_ELSEWHERE },
    { "commentlist", W_UNLIKELY | W_NEG | W_ELSEWHERE },
    { "comments", W_UNLIKELY | W_NEG | W_ELSEWHERE },
    { "community", W_UNLIKELY },
    { "consent", W_UNLIKELY },
    { "contact", W_NEG },
    { "content", W_OKMAYBE | W_POS | W_BODYISH },
    { "contributor", W_BYLINE },
    { "contributors", W_BYLINE },
    { "cookie", W_UNLIKELY | W_PREFIX },
    { "credit", W_CAPTION | W_PREFIX },
    { "date", W_DATE },
    { "dateline", W_DATE },
    { "datetime", W_DATE },
    { "disqus", W_UNLIKELY | W_ELSEWHERE },
    { "entry", W_POS | W_ARTNOUN },
    { "figcaption", W_CAPTION },
    { "footer", W_UNLIKELY | W_NEG | W_PREFIX },
    { "gdpr", W_UNLIKELY | W_NEG },
    { "header", W_UNLIKELY },
    { "hentry", W_POS },
    { "hid", W_NEG },
    { "hidden", W_NEG },
    { "legends", W_UNLIKELY },
    { "main", W_OKMAYBE | W_POS },
    { "masthead", W_UNLIKELY | W_NEG },
    { "mathjax", W_OKMAYBE },
    { "menu", W_UNLIKELY | W_PREFIX },
    { "meta", W_NEG },
    { "modal", W_UNLIKELY },
    { "more", W_ELSEWHERE },
    { "mostpopular", W_UNLIKELY | W_ELSEWHERE },
    { "mostread", W_UNLIKELY | W_ELSEWHERE },
    { "nav", W_UNLIKELY | W_PREFIX },
    { "newsletter", W_UNLIKELY | W_PREFIX | W_ELSEWHERE },
    { "outbrain", W_UNLIKELY | W_NEG | W_ELSEWHERE },
    { "pager", W_UNLIKELY },
    { "pagination", W_UNLIKELY },
    { "paywall", 0 },
    { "popup", W_UNLIKELY | W_PREFIX },
    { "post", W_POS | W_ARTNOUN },
    { "postdate", W_DATE },
    { "posted", W_DATE },
    { "promo", W_UNLIKELY | W_NEG | W_PREFIX | W_ELSEWHERE },
    { "pubdate", W_DATE },
    { "published", W_DATE },
    { "recirc", W_UNLIKELY | W_ELSEWHERE },
    { "recirculation", W_UNLIKELY | W_ELSEWHERE },
    { "recommend", W_UNLIKELY | W_PREFIX | W_ELSEWHERE },
    { "related", W_UNLIKELY | W_NEG | W_PREFIX | W_ELSEWHERE },
    { "remark", W_UNLIKELY },
    { "replies", W_UNLIKELY | W_ELSEWHERE },
    { "respond", W_UNLIKELY | W_ELSEWHERE },
    { "rss", W_UNLIKELY },
    { "scroll", W_NEG },
    { "shadow", W_OKMAYBE },
    { "share", W_UNLIKELY | W_NEG | W_SHARE | W_PREFIX | W_ELSEWHERE },
    { "sharing", W_UNLIKELY | W_NEG | W_SHARE | W_ELSEWHERE },
    { "shopping", W_NEG },
    { "shoutbox", W_UNLIKELY | W_NEG },
    { "sidebar", W_UNLIKELY | W_NEG | W_PREFIX | W_ELSEWHERE },
    { "skyscraper", W_UNLIKELY | W_NEG },
    { "social", W_UNLIKELY | W_SHARE | W_PREFIX | W_ELSEWHERE },
    { "sponsor", W_UNLIKELY | W_NEG | W_PREFIX },
    { "story", W_POS | W_ARTNOUN },
    { "submitted", W_BYLINE },
    { "subscribe", W_UNLIKELY | W_PREFIX },
    { "subscription", W_UNLIKELY },
    { "supplemental", W_UNLIKELY },
    { "taboola", W_UNLIKELY | W_NEG | W_ELSEWHERE },
    { "tags", W_NEG },
    { "text", W_POS | W_BODYISH },
    { "timestamp", W_DATE },
    { "trending", W_UNLIKELY | W_ELSEWHERE },
    { "widget", W_UNLIKELY | W_NEG | W_PREFIX | W_ELSEWHERE },
    { "writer", W_BYLINE },
};

/* Whole class names that hide text from sighted readers. */
static const char *const hidden_classes[] = {
    "hidden", "hide", "d-none", "sr-only", "visually-hidden",
    "visuallyhidden", "screen-reader-text", "screen-reader-only",
    "offscreen", "is-hidden", NULL
};

static int word_flags(const char *w, size_t n)
{
    /* lower bound in the sorted table */
    size_t lo = 0, hi = sizeof words / sizeof words[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strcmp(words[mid].w, w) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < sizeof words / sizeof words[0] && !strcmp(words[lo].w, w))
        return words[lo].flags;
    /* "commentary" is not a comment section. */
    if (n > 7 && !strncmp(w, "comment", 7) && strncmp(w, "commentary", 10))
        return W_UNLIKELY | W_NEG | W_ELSEWHERE;
    /* A word's prefixes sort before it, among the words with its first
     * letter: "sharebar" finds "share". */
    for (size_t i = lo; i-- > 0 && words[i].w[0] == w[0];) {
        size_t l = strlen(words[i].w);
        if ((words[i].flags & W_PREFIX) && l < n
            && !strncmp(w, words[i].w, l))
            return words[i].flags;
    }
    return 0;
}

static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_alnum(int c)
{
    return is_lower(c) || is_upper(c) || (c >= '0' && c <= '9');
}

/* Flags of the words of one class name s[0, n). */
static int name_flags(const char *s, size_t n)
{
    char w[40];
    int flags = 0;
    char whole[40];
    size_t wl = 0;
    for (size_t i = 0; i < n && wl + 1 < sizeof whole; i++)
        whole[wl++] = (char)(is_upper((unsigned char)s[i]) ? s[i] + 32
                                                           : s[i]);
    whole[wl] = '\0';
    for (const char *const *h = hidden_classes; *h; h++)
        if (!strcmp(whole, *h))
            flags |= W_HIDDEN;
    flags |= word_flags(whole, wl) & ~W_PREFIX;
    size_t i = 0;
    while (i < n) {
        while (i < n && !is_alnum((unsigned char)s[i]))
            i++;
        size_t k = 0;
        /* a word: letters and digits up to a separator or a lower-to-
         * upper case change */
        while (i < n && is_alnum((unsigned char)s[i]) && k + 1 < sizeof w) {
            unsigned char c = (unsigned char)s[i];
            if (k && is_upper(c) && is_lower((unsigned char)s[i - 1]))
                break;
            w[k++] = (char)(is_upper(c) ? c + 32 : c);
            i++;
        }
        while (i < n && is_alnum((unsigned char)s[i]) && k + 1 >= sizeof w)
            i++;
        w[k] = '\0';
        if (k)
            flags |= word_flags(w, k) & ~W_PREFIX;
    }
    return flags;
}

/* Flags of a whole class or id attribute (names separated by spaces). */
static int attr_word_flags(const char *v)
{
    int flags = 0;
    while (*v) {
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r')
            v++;
        const char *s = v;
        while (*v && *v != ' ' && *v != '\t' && *v != '\n' && *v != '\r')
            v++;
        if (v > s)
            flags |= name_flags(s, (size_t)(v - s));
    }
    return flags;
}

int html_class_words(const char *s, const char *const *list, int prefix)
{
    char w[40];
    size_t i = 0, n = strlen(s);
    while (i < n) {
        while (i < n && !is_alnum((unsigned char)s[i]))
            i++;
        size_t k = 0;
        while (i < n && is_alnum((unsigned char)s[i])) {
            unsigned char c = (unsigned char)s[i];
            if (k && is_upper(c) && is_lower((unsigned char)s[i - 1]))
                break;
            if (k + 1 < sizeof w)
                w[k++] = (char)(is_upper(c) ? c + 32 : c);
            i++;
        }
        w[k] = '\0';
        for (const char *const *p = list; k && *p; p++)
            if (prefix ? !strncmp(w, *p, strlen(*p)) : !strcmp(w, *p))
                return 1;
    }
    return 0;
}

/* ---- attributes ---- */

const char *html_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (!strcmp((const char *)a->name, name))
            return a->children && a->children->content
                 ? (const char *)a->children->content : "";
    return NULL;
}

/* The attributes the walk looks at, read in one pass. */
typedef struct el_attrs {
    const char *cls, *id, *role, *itemprop, *style, *rel, *type, *aria;
    const char *name, *property, *content, *http_equiv, *datetime, *href;
    const char *lang, *xml_lang;
    int hidden;
} el_attrs;

static void read_attrs(const xmlNode *n, el_attrs *at)
{
    memset(at, 0, sizeof *at);
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *k = (const char *)a->name;
        const char *v = a->children && a->children->content
                      ? (const char *)a->children->content : "";
        switch (k[0]) {
        case 'a': if (!strcmp(k, "aria-hidden")) at->aria = v; break;
        case 'c':
            if (!strcmp(k, "class")) at->cls = v;
            else if (!strcmp(k, "content")) at->content = v;
            break;
        case 'd': if (!strcmp(k, "datetime")) at->datetime = v; break;
        case 'h':
            if (!strcmp(k, "hidden")) at->hidden = 1;
            else if (!strcmp(k, "href")) at->href = v;
            else if (!strcmp(k, "http-equiv")) at->http_equiv = v;
            break;
        case 'i':
            if (!strcmp(k, "id")) at->id = v;
            else if (!strcmp(k, "itemprop")) at->itemprop = v;
            break;
        case 'l': if (!strcmp(k, "lang")) at->lang = v; break;
        case 'n': if (!strcmp(k, "name")) at->name = v; break;
        case 'p': if (!strcmp(k, "property")) at->property = v; break;
        case 'r':
            if (!strcmp(k, "role")) at->role = v;
            else if (!strcmp(k, "rel")) at->rel = v;
            break;
        case 's': if (!strcmp(k, "style")) at->style = v; break;
        case 't': if (!strcmp(k, "type")) at->type = v; break;
        case 'x': if (!strcmp(k, "xml:lang")) at->xml_lang = v; break;
        default: break;
        }
    }
}

/* Case-insensitive strstr (strcasestr is a GNU extension). */
static const char *ci_find(const char *s, const char *needle)
{
    size_t n = strlen(needle);
    for (; s && *s; s++)
        if (!strncasecmp(s, needle, n))
            return s;
    return NULL;
}

static int ci_has(const char *s, const char *needle)
{
    return ci_find(s, needle) != NULL;
}

/* Case-insensitive test for one of the space-separated tokens of v. */
static int has_token(const char *v, const char *tok)
{
    size_t n = strlen(tok);
    for (const char *p = v; p && *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        if ((size_t)(e - p) == n && !strncasecmp(p, tok, n))
            return 1;
        p = e;
    }
    return 0;
}

/* "display: none" and "visibility:hidden", spaces or not. */
static int style_hides(const char *s)
{
    if (!s)
        return 0;
    for (const char *p = s; (p = ci_find(p, "display")); p += 7) {
        const char *q = p + 7;
        while (*q == ' ' || *q == ':')
            q++;
        if (!strncasecmp(q, "none", 4))
            return 1;
    }
    for (const char *p = s; (p = ci_find(p, "visibility")); p += 10) {
        const char *q = p + 10;
        while (*q == ' ' || *q == ':')
            q++;
        if (!strncasecmp(q, "hidden", 6))
            return 1;
    }
    return 0;
}

static const char *const junk_roles[] = {
    "navigation", "banner", "contentinfo", "complementary", "menu",
    "menubar", "dialog", "alertdialog", "search", "toolbar", "tablist",
    NULL
};

static uint32_t role_flags(const char *role)
{
    if (!role)
        return 0;
    for (const char *const *r = junk_roles; *r; r++)
        if (has_token(role, *r))
            return HF_JUNK;
    if (has_token(role, "main") || has_token(role, "article"))
        return HF_ARTICLE;
    return 0;
}

/* Flags from class and id words. */
static uint32_t class_flags(html_el *e, const el_attrs *at)
{
    int cf = at->cls ? attr_word_flags(at->cls) : 0;
    int idf = at->id ? attr_word_flags(at->id) : 0;
    int all = cf | idf;
    uint32_t f = 0;
    /* Readability's class weight: +-25 for the class, +-25 for the id. */
    e->weight = (int16_t)(((cf & W_POS) ? 25 : 0) - ((cf & W_NEG) ? 25 : 0)
                        + ((idf & W_POS) ? 25 : 0)
                        - ((idf & W_NEG) ? 25 : 0));
    if ((all & W_UNLIKELY) && !(all & W_OKMAYBE) && e->tag != HT_BODY
        && e->tag != HT_A && e->tag != HT_HTML)
        f |= HF_UNLIKELY;
    if (cf & W_HIDDEN)
        f |= HF_HIDDEN;
    if (all & W_SHARE)
        f |= HF_SHARE;
    if (all & W_BYLINE)
        f |= HF_BYLINE;
    if (all & W_ELSEWHERE)
        f |= HF_ELSEWHERE;
    if (all & W_DATE)
        f |= HF_DATE;
    if (all & W_CAPTION)
        f |= HF_CAPTION;
    /* "article-body", "story__content", "post-text", "entry-content" */
    if ((cf & W_ARTNOUN && cf & W_BODYISH)
        || (idf & W_ARTNOUN && idf & W_BODYISH))
        f |= HF_ARTICLE;
    return f;
}

static uint32_t element_flags(html_el *e, const el_attrs *at, uint8_t props)
{
    uint32_t f = 0;
    if (props & P_BLOCK)
        f |= HF_BLOCK | HF_BLOCK_TAG;
    if (props & P_SKIP)
        f |= HF_SKIP;
    if (props & P_JUNK)
        f |= HF_JUNK;
    if (e->tag == HT_ARTICLE || e->tag == HT_MAIN)
        f |= HF_ARTICLE;
    if (at->cls || at->id)
        f |= class_flags(e, at);
    f |= role_flags(at->role);
    if (at->hidden || style_hides(at->style)
        || (at->aria && !strcasecmp(at->aria, "true")
            && !ci_has(at->cls, "fallback-image")))
        f |= HF_HIDDEN;
    if (at->itemprop) {
        if (ci_has(at->itemprop, "articlebody"))
            f |= HF_ARTICLE;
        if (has_token(at->itemprop, "author")
            || has_token(at->itemprop, "creator"))
            f |= HF_BYLINE;
    }
    if (at->rel && has_token(at->rel, "author"))
        f |= HF_BYLINE;
    /* An inline element that is navigation by its role is cut out of the
     * text run around it like a block, so it can be dropped.  One whose
     * class merely sounds like boilerplate ("related-link") stays in its
     * sentence: cutting it would break the paragraph in three. */
    if (f & HF_JUNK)
        f |= HF_BLOCK;
    return f;
}

/* ---- the walk ---- */

typedef struct walker {
    html_doc *d;
    VEC(uint32_t) stack;    /* open elements */
    uint32_t owner;         /* element owning the current block */
    uint32_t start;         /* the current block's first byte */
    uint32_t links, commas;
    int space;              /* white space pending */
    int brs;                /* <br>s since the last text */
    int oom;
} walker;

static void close_block(walker *w)
{
    html_doc *d = w->d;
    size_t end = d->text.len;
    while (end > w->start && (d->text.s[end - 1] == ' '
                              || d->text.s[end - 1] == '\n'))
        end--;
    d->text.len = end;
    if (d->text.s)
        d->text.s[end] = '\0';
    if (end > w->start) {
        const html_el *o = &d->els.v[w->owner];
        html_block b = { w->owner, w->start, (uint32_t)end,
                         w->links < end - w->start ? w->links
                                                   : (uint32_t)(end
                                                                - w->start),
                         (uint16_t)(w->commas > 65535 ? 65535 : w->commas),
                         o->bkind, o->level, 0, 0 };
        if (VEC_PUSH(&d->blocks, b))
            w->oom = 1;
        else if (!d->els.v[w->owner].block1)
            d->els.v[w->owner].block1 = (uint32_t)d->blocks.n;
    }
    w->start = (uint32_t)d->text.len;
    w->links = w->commas = 0;
    w->space = 0;
    w->brs = 0;
}

/* Bytes of white space or invisible characters at s[i] (0 if none);
 * *drop says whether they vanish without leaving a space. */
static size_t space_at(const unsigned char *s, int *drop)
{
    unsigned c = s[0];
    *drop = 0;
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f')
        return 1;
    if (c < 0x20 || c == 0x7F) {
        *drop = 1;          /* control characters are never text */
        return 1;
    }
    if (c == 0xC2 && s[1] == 0xA0)
        return 2;           /* no-break space */
    if (c == 0xC2 && s[1] == 0xAD) {
        *drop = 1;          /* soft hyphen */
        return 2;
    }
    if (c == 0xE2 && s[1] == 0x80) {
        if (s[2] == 0x8B || s[2] == 0x8E || s[2] == 0x8F) {
            *drop = 1;      /* zero-width space, direction marks */
            return 3;
        }
        if (s[2] == 0xA8 || s[2] == 0xA9 || (s[2] >= 0x80 && s[2] <= 0x8A)
            || s[2] == 0xAF)
            return 3;       /* line/paragraph separators, thin spaces */
    }
    if (c == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        *drop = 1;          /* BOM, zero-width no-break space */
        return 3;
    }
    if (c == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3;           /* ideographic space */
    return 0;
}

/* Commas in [s, e): ',' and the other scripts' (Readability counts
 * U+060C, U+FE50, U+FE10, U+FE11, U+2E41, U+2E34, U+2E32, U+FF0C). */
static uint32_t count_commas(const unsigned char *s, const unsigned char *e)
{
    uint32_t n = 0;
    for (const unsigned char *p = s; p < e; p++) {
        if (*p == ',') {
            n++;
        } else if (*p >= 0xD8 && p + 1 < e) {
            unsigned c = *p, c1 = p[1], c2 = p + 2 < e ? p[2] : 0;
            n += (c == 0xD8 && c1 == 0x8C)
              || (c == 0xEF && ((c1 == 0xB9 && c2 == 0x90)
                                || (c1 == 0xB8 && (c2 == 0x90 || c2 == 0x91))
                                || (c1 == 0xBC && c2 == 0x8C)))
              || (c == 0xE2 && ((c1 == 0xB9 && c2 == 0x81)
                                || (c1 == 0xB8 && (c2 == 0xB4
                                                   || c2 == 0xB2))));
        }
    }
    return n;
}

/* Appends a text node's content to the current block. */
static void add_text(walker *w, const char *t, int pre, int in_link)
{
    html_doc *d = w->d;
    const unsigned char *s = (const unsigned char *)t;
    size_t before = d->text.len;
    while (*s) {
        int drop;
        size_t n = space_at(s, &drop);
        if (n) {
            if (!drop) {
                if (pre && *s == '\n')
                    w->space = 2;
                else if (!w->space)
                    w->space = 1;
            }
            s += n;
            continue;
        }
        const unsigned char *e = s + 1;
        while (*e && !(*e <= ' ' || *e == 0x7F || *e == 0xC2 || *e == 0xE2
                       || *e == 0xEF || *e == 0xE3))
            e++;
        if (d->text.len > w->start && w->space)
            sb_putc(&d->text, w->space == 2 || w->brs == 1 ? '\n' : ' ');
        else if (d->text.len > w->start && w->brs == 1)
            sb_putc(&d->text, '\n');
        w->space = 0;
        w->brs = 0;
        w->commas += count_commas(s, e);
        sb_append(&d->text, (const char *)s, (size_t)(e - s));
        s = e;
    }
    if (in_link)
        w->links += (uint32_t)(d->text.len - before);
}

static int tag_level(uint16_t tag)
{
    return tag >= HT_H1 && tag <= HT_H6 ? tag - HT_H1 + 1 : 0;
}

static int kind_rank(int k)
{
    static const int rank[] = { [HB_TEXT] = 0, [HB_LIST] = 1, [HB_PRE] = 2,
                                [HB_QUOTE] = 3, [HB_HEADING] = 4,
                                [HB_CAPTION] = 5 };
    return rank[k];
}

/* The kind of text inside e, from its tag and its parent's. */
static void set_kind(html_el *e, const html_el *parent)
{
    int own = -1;
    switch (e->tag) {
    case HT_H1: case HT_H2: case HT_H3: case HT_H4: case HT_H5: case HT_H6:
        own = HB_HEADING; break;
    case HT_FIGCAPTION: case HT_CAPTION: own = HB_CAPTION; break;
    case HT_BLOCKQUOTE: own = HB_QUOTE; break;
    case HT_PRE: own = HB_PRE; break;
    case HT_LI: own = HB_LIST; break;
    case HT_ARTICLE: case HT_MAIN: case HT_SECTION: case HT_BODY:
    case HT_TABLE: case HT_TD: case HT_TH:
        /* a new context: lists do not leak; a caption's parts are still
         * the caption */
        if (!parent || parent->bkind != HB_CAPTION) {
            e->bkind = HB_TEXT;
            return;
        }
        break;
    default: break;
    }
    if (own < 0 || (parent && kind_rank(parent->bkind) > kind_rank(own))) {
        e->bkind = parent ? parent->bkind : HB_TEXT;
        e->level = parent ? parent->level : 0;
    } else {
        e->bkind = (uint8_t)own;
        e->level = (uint8_t)tag_level(e->tag);
    }
}

static void push_meta(walker *w, uint32_t idx, const el_attrs *at)
{
    const char *key = at->property ? at->property : at->name ? at->name
                    : at->itemprop ? at->itemprop : at->http_equiv;
    if (!key || !at->content)
        return;
    html_meta_tag m;
    size_t i = 0;
    for (; key[i] && i + 1 < sizeof m.key; i++)
        m.key[i] = (char)(is_upper((unsigned char)key[i]) ? key[i] + 32
                                                          : key[i]);
    m.key[i] = '\0';
    m.content = at->content;
    m.el = idx;
    if (VEC_PUSH(&w->d->metas, m))
        w->oom = 1;
}

/* What the metadata step needs from element idx. */
static void note_metadata(walker *w, uint32_t idx, const el_attrs *at)
{
    html_doc *d = w->d;
    const html_el *e = &d->els.v[idx];
    int rc = 0;
    switch (e->tag) {
    case HT_META:
        push_meta(w, idx, at);
        return;
    case HT_TITLE:
        if (!d->title && !(e->flags & HF_IN_HIDDEN))
            d->title = idx;
        return;
    case HT_LINK:
        if (at->rel && at->href && has_token(at->rel, "canonical")
            && !d->canonical)
            d->canonical = at->href;
        return;
    case HT_SCRIPT:
        if (at->type && ci_has(at->type, "ld+json"))
            rc = VEC_PUSH(&d->jsonld, idx);
        break;
    case HT_H1:
        rc = VEC_PUSH(&d->h1s, idx);
        break;
    case HT_BODY:
        if (!d->body)
            d->body = idx;
        break;
    case HT_HTML:
        if (!d->lang)
            d->lang = at->lang && *at->lang ? at->lang : at->xml_lang;
        break;
    default:
        break;
    }
    if (e->tag == HT_TIME || (e->flags & HF_DATE)
        || (at->itemprop && (ci_has(at->itemprop, "datepublished")
                             || ci_has(at->itemprop, "datecreated"))))
        rc = rc ? rc : VEC_PUSH(&d->times, idx);
    if (e->flags & HF_BYLINE)
        rc = rc ? rc : VEC_PUSH(&d->authors, idx);
    if (at->itemprop && e->tag != HT_META && (at->content || at->datetime)) {
        el_attrs m = *at;
        m.property = m.name = m.http_equiv = NULL;
        m.content = at->content ? at->content : at->datetime;
        push_meta(w, idx, &m);
    }
    if (rc)
        w->oom = 1;
}

static uint32_t inherit(uint32_t own, uint32_t parent)
{
    uint32_t f = own;
    if ((own | parent) & (HF_JUNK | HF_IN_JUNK))
        f |= HF_IN_JUNK;
    if ((own | parent) & (HF_HIDDEN | HF_IN_HIDDEN))
        f |= HF_IN_HIDDEN;
    if ((own | parent) & (HF_UNLIKELY | HF_IN_UNLIKELY))
        f |= HF_IN_UNLIKELY;
    if ((own | parent) & (HF_ELSEWHERE | HF_IN_ELSEWHERE))
        f |= HF_IN_ELSEWHERE;
    f |= parent & (HF_IN_HEAD | HF_IN_FIGURE | HF_IN_CODE | HF_IN_LINK);
    return f;
}

/* Is an element's content a run of text (a paragraph, a heading, an
 * inline element)? */
static int in_running_text(const html_el *e)
{
    return e->tag == HT_P || tag_level(e->tag)
        || !(e->flags & HF_BLOCK_TAG);
}

/* Creates the element for n; returns its index or UINT32_MAX. */
static uint32_t enter(walker *w, const xmlNode *n)
{
    html_doc *d = w->d;
    uint32_t parent = w->stack.n ? w->stack.v[w->stack.n - 1] : 0;
    uint32_t idx = (uint32_t)d->els.n;
    html_el e;
    memset(&e, 0, sizeof e);
    e.node = n;
    e.parent = w->stack.n ? parent : idx;
    const tag_def *t = tag_of((const char *)n->name);
    const html_el *pe = w->stack.n ? &d->els.v[parent] : NULL;
    if (t == &unknown_tag && parent && in_running_text(pe))
        t = &unknown_inline;
    e.tag = t->tag;
    el_attrs at;
    read_attrs(n, &at);
    uint32_t own = element_flags(&e, &at, t->props);
    e.flags = inherit(own, pe ? pe->flags : 0);
    if (e.tag == HT_HEAD)
        e.flags |= HF_IN_HEAD;
    if (e.tag == HT_FIGURE)
        e.flags |= HF_IN_FIGURE;
    if (e.tag == HT_CODE || e.tag == HT_PRE)
        e.flags |= HF_IN_CODE;
    if (e.tag == HT_A)
        e.flags |= HF_IN_LINK;
    set_kind(&e, pe);
    e.np = e.tag == HT_P;
    e.nli = e.tag == HT_LI;
    e.nimg = e.tag == HT_IMG;
    e.ninput = e.tag == HT_INPUT || e.tag == HT_SELECT
            || e.tag == HT_TEXTAREA;
    e.nembed = e.tag == HT_IFRAME || e.tag == HT_EMBED
            || e.tag == HT_OBJECT || e.tag == HT_VIDEO;
    if (VEC_PUSH(&d->els, e)) {
        w->oom = 1;
        return UINT32_MAX;
    }
    if (pe && d->els.v[parent].nchild < UINT16_MAX)
        d->els.v[parent].nchild++;
    note_metadata(w, idx, &at);
    return idx;
}

/* Called when an element's subtree is done (after its children). */
static void leave(walker *w, uint32_t idx)
{
    html_doc *d = w->d;
    html_el *e = &d->els.v[idx];
    e->end = (uint32_t)d->els.n;
    if (e->tag == HT_BR && !(e->flags & HF_IN_HEAD)) {
        /* One <br> is a line break, two end the paragraph. */
        if (++w->brs >= 2)
            close_block(w);
        return;
    }
    if (e->flags & HF_BLOCK) {
        close_block(w);
        w->owner = idx == e->parent ? idx : e->parent;
        /* the owner is the nearest block-level ancestor */
        while (w->owner != d->els.v[w->owner].parent
               && !(d->els.v[w->owner].flags & HF_BLOCK))
            w->owner = d->els.v[w->owner].parent;
    }
}

static int is_element(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE;
}

static int is_text(const xmlNode *n)
{
    return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

/* Enters n; returns 1 when its children should be walked. */
static int visit(walker *w, const xmlNode *n)
{
    html_doc *d = w->d;
    if (is_text(n)) {
        const html_el *top = w->stack.n ? &d->els.v[w->stack.v[w->stack.n
                                                                - 1]]
                                        : NULL;
        if (n->content && top && !(top->flags & HF_IN_HEAD))
            add_text(w, (const char *)n->content, top->bkind == HB_PRE,
                     (top->flags & HF_IN_LINK) != 0);
        return 0;
    }
    if (!is_element(n))
        return 0;
    uint32_t idx = enter(w, n);
    if (idx == UINT32_MAX)
        return 0;
    html_el *e = &d->els.v[idx];
    if (e->flags & HF_BLOCK) {
        close_block(w);
        w->owner = idx;
    }
    /* Hidden inline text is not text at all. */
    int skip = (e->flags & HF_SKIP)
            || ((e->flags & HF_HIDDEN) && !(e->flags & HF_BLOCK_TAG));
    if (skip || !n->children) {
        leave(w, idx);
        return 0;
    }
    if (VEC_PUSH(&w->stack, idx)) {
        w->oom = 1;
        return 0;
    }
    return 1;
}

static void walk_tree(walker *w, const xmlNode *root)
{
    const xmlNode *n = root;
    while (n && !w->oom) {
        if (visit(w, n)) {
            n = n->children;
            continue;
        }
        /* next sibling, or up until there is one */
        while (n && !n->next) {
            n = n->parent;
            if (!n || !is_element(n)) {
                n = NULL;
                break;
            }
            leave(w, w->stack.v[--w->stack.n]);
        }
        if (n)
            n = n->next;
    }
}

/* Subtree totals: blocks count for their owner, then every element adds
 * into its parent (children have larger indices than parents). */
static void sum_stats(html_doc *d)
{
    for (size_t i = 0; i < d->blocks.n; i++) {
        const html_block *b = &d->blocks.v[i];
        html_el *e = &d->els.v[b->el];
        e->text += b->end - b->start;
        e->links += b->links;
        e->commas += b->commas;
        if (b->kind == HB_HEADING)
            e->heading_text += b->end - b->start;
    }
    for (size_t i = d->els.n; i-- > 1;) {
        html_el *c = &d->els.v[i];
        if (c->flags & HF_ARTICLE)
            c->flags |= HF_HAS_ARTICLE;
        if (c->parent == i)
            continue;
        html_el *p = &d->els.v[c->parent];
        p->flags |= c->flags & HF_HAS_ARTICLE;
        p->text += c->text;
        p->links += c->links;
        p->commas += c->commas;
        p->heading_text += c->heading_text;
        p->np += c->np;
        p->nli += c->nli;
        p->nimg += c->nimg;
        p->ninput += c->ninput;
        p->nembed += c->nembed;
    }
}

/*
 * Blocks inside an element whose class or id says caption or credit
 * ("wp-caption-text", "photo-credit", "caption") are captions, as those
 * of <figcaption> are.  Only a short element's: a wrapper that merely
 * mentions captions ("article-body has-captions") holds the article.
 */
enum { CAPTION_MAX = 600 };

static void mark_captions(html_doc *d)
{
    for (size_t i = 1; i < d->els.n; i++) {
        html_el *e = &d->els.v[i];
        if ((d->els.v[e->parent].flags & HF_IN_CAPTION)
            || ((e->flags & HF_CAPTION) && e->text <= CAPTION_MAX
                && !(e->flags & HF_ARTICLE)))
            e->flags |= HF_IN_CAPTION;
    }
    for (size_t i = 0; i < d->blocks.n; i++)
        if (d->els.v[d->blocks.v[i].el].flags & HF_IN_CAPTION)
            d->blocks.v[i].kind = HB_CAPTION;
}

int html_walk(html_doc *d, xmlDoc *doc, size_t bytes)
{
    d->doc = doc;
    /* Typical pages hold an element per 60 bytes, a block per 400 and a
     * fifth of their bytes as text: reserving that saves the copies of
     * repeated growth (a guess only; the vectors still grow). */
    if (VEC_RESERVE(&d->els, bytes / 60 + 16)
        || VEC_RESERVE(&d->blocks, bytes / 400 + 16))
        return -1;
    walker w;
    memset(&w, 0, sizeof w);
    w.d = d;
    /* Element 0 is a sentinel so that index 0 means "none". */
    html_el root;
    memset(&root, 0, sizeof root);
    root.flags = HF_BLOCK;
    if (VEC_PUSH(&d->els, root))
        return -1;
    if (VEC_PUSH(&w.stack, 0)) {
        return -1;
    }
    sb_putc(&d->text, ' ');     /* allocate; block offsets start at 1 */
    d->text.len = 1;
    w.start = 1;
    walk_tree(&w, doc->children);
    while (w.stack.n > 1)
        leave(&w, w.stack.v[--w.stack.n]);
    close_block(&w);
    d->els.v[0].end = (uint32_t)d->els.n;
    VEC_FREE(&w.stack);
    if (w.oom || d->text.oom)
        return -1;
    sum_stats(d);
    mark_captions(d);
    return 0;
}

void html_doc_free(html_doc *d)
{
    xmlFreeDoc(d->doc);
    d->doc = NULL;
    VEC_FREE(&d->els);
    VEC_FREE(&d->blocks);
    sb_free(&d->text);
    VEC_FREE(&d->metas);
    VEC_FREE(&d->jsonld);
    VEC_FREE(&d->h1s);
    VEC_FREE(&d->times);
    VEC_FREE(&d->authors);
}

/* ---- text of a subtree ---- */

static int skip_for_text(const xmlNode *n)
{
    const tag_def *t = tag_of((const char *)n->name);
    return (t->props & P_SKIP) && t->tag != HT_TITLE;
}

void html_node_text(const xmlNode *top, strbuf *sb, size_t max)
{
    size_t start = sb->len;
    int space = 0;
    const xmlNode *n = top->children;
    while (n && sb->len - start < max) {
        if (is_text(n) && n->content) {
            const unsigned char *s = (const unsigned char *)n->content;
            while (*s && sb->len - start < max) {
                int drop;
                size_t k = space_at(s, &drop);
                if (k) {
                    space |= !drop;
                    s += k;
                    continue;
                }
                if (space && sb->len > start)
                    sb_putc(sb, ' ');
                space = 0;
                sb_putc(sb, (char)*s++);
                while ((*s & 0xC0) == 0x80)
                    sb_putc(sb, (char)*s++);
            }
        } else if (is_element(n) && !skip_for_text(n) && n->children) {
            if (tag_of((const char *)n->name)->props & P_BLOCK)
                space = 1;
            n = n->children;
            continue;
        } else if (is_element(n) && !strcmp((const char *)n->name, "br")) {
            space = 1;
        }
        while (n && n != top && !n->next) {
            n = n->parent;
            if (n && n != top && is_element(n)
                && (tag_of((const char *)n->name)->props & P_BLOCK))
                space = 1;
        }
        if (!n || n == top)
            break;
        n = n->next;
    }
}
