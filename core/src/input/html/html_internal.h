/*
 * html_internal.h - the pieces of the HTML loader (load_html.c and the
 * html_*.c files).  Not an interface for anything else.
 *
 * The loader works in four steps:
 *
 *   1. html_encoding.c decides the page's encoding (BOM, <meta charset>,
 *      http-equiv, then a validity check) and libxml2 parses the page into
 *      a tree, converting it to UTF-8.
 *   2. html_walk.c flattens the tree, in one iterative walk, into a table
 *      of elements (pre-order, so a subtree is an index range) and a list
 *      of text blocks (the runs of text between block-level boundaries,
 *      white space squeezed), and collects the metadata sources (meta
 *      tags, JSON-LD, <title>, <h1>, <time>, author elements).
 *   3. html_extract.c scores the elements, picks the article's container
 *      and marks the blocks that are article text; html_meta.c (with
 *      html_jsonld.c and html_text.c) picks the headline, authors, date,
 *      site, language and canonical URL.
 *   4. load_html.c writes the article: headline, byline and date
 *      paragraphs, then the article's blocks with their kinds.
 *
 * Nothing here has global mutable state: every function works on the
 * html_doc it is given, so pages load in parallel threads.
 */
#ifndef PRECIS_HTML_INTERNAL_H
#define PRECIS_HTML_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "base/vec.h"

struct _xmlNode;
struct _xmlDoc;

/* ---- encodings (html_encoding.c) ---- */

typedef struct html_charset {
    char name[40];      /* for libxml2/iconv: "UTF-8", "windows-1252", … */
    const char *how;    /* "bom", "meta", "http-equiv", "xml", "default",
                           "sniffed" (static strings) */
    size_t skip;        /* bytes of BOM to skip */
    int repair;         /* UTF-8 with invalid sequences: replace them */
} html_charset;

/* Decides the encoding of data[0, len).  Never fails: the fallback is
 * UTF-8 when the bytes are valid UTF-8, windows-1252 otherwise. */
void html_detect_charset(const char *data, size_t len, html_charset *cs);

/* Converts data[0, len) from charset to UTF-8 in a new malloc'd buffer
 * (NUL-terminated; the caller frees *out).  Bytes the charset does not
 * define become U+FFFD.  Returns 0, -1 when out of memory, -2 when the
 * charset is unknown to iconv. */
int html_to_utf8(const char *data, size_t len, const char *charset,
                 char **out, size_t *out_len);

/* Canonical name for a charset label ("latin1" -> "windows-1252", as
 * browsers do), or NULL when the label is unknown. */
const char *html_charset_canonical(const char *label, size_t len);

/* ---- the flattened page (html_walk.c) ---- */

/* Tags the loader tells apart; everything else is HT_OTHER. */
typedef enum html_tag {
    HT_OTHER = 0, HT_A, HT_ADDRESS, HT_ARTICLE, HT_ASIDE, HT_AUDIO,
    HT_BLOCKQUOTE, HT_BODY, HT_BR, HT_BUTTON, HT_CANVAS, HT_CAPTION,
    HT_CODE, HT_DD, HT_DETAILS, HT_DIALOG, HT_DIV, HT_DL, HT_DT, HT_EMBED,
    HT_FIELDSET, HT_FIGCAPTION, HT_FIGURE, HT_FOOTER, HT_FORM, HT_H1, HT_H2,
    HT_H3, HT_H4, HT_H5, HT_H6, HT_HEAD, HT_HEADER, HT_HR, HT_HTML,
    HT_IFRAME, HT_IMG, HT_INPUT, HT_LI, HT_LINK, HT_MAIN, HT_MATH, HT_MENU,
    HT_META, HT_NAV, HT_NOSCRIPT, HT_OBJECT, HT_OL, HT_OPTION, HT_P,
    HT_PICTURE, HT_PRE, HT_SCRIPT, HT_SECTION, HT_SELECT, HT_STYLE,
    HT_SUMMARY, HT_SVG, HT_TABLE, HT_TD, HT_TEMPLATE, HT_TEXTAREA, HT_TH,
    HT_TIME, HT_TITLE, HT_TR, HT_UL, HT_VIDEO, HT_INLINE
} html_tag;

/* Element flags (html_el.flags). */
enum {
    HF_BLOCK = 1 << 0,      /* starts and ends text blocks */
    HF_SKIP = 1 << 1,       /* its text is never page text (script, …) */
    HF_JUNK = 1 << 2,       /* boilerplate by tag or role: nav, footer, … */
    HF_HIDDEN = 1 << 3,     /* hidden, aria-hidden, display:none */
    HF_UNLIKELY = 1 << 4,   /* class/id says boilerplate (comments, …);
                               html_extract() drops it from page wrappers */
    HF_ARTICLE = 1 << 5,    /* class/id/itemprop/tag says article body */
    HF_IN_JUNK = 1 << 6,    /* this or an ancestor is HF_JUNK */
    HF_IN_HIDDEN = 1 << 7,  /* this or an ancestor is HF_HIDDEN */
    HF_IN_UNLIKELY = 1 << 8,
    HF_IN_HEAD = 1 << 9,
    HF_IN_FIGURE = 1 << 10,
    HF_IN_CODE = 1 << 11,
    HF_SHARE = 1 << 12,     /* class/id names a share bar */
    HF_BYLINE = 1 << 13,    /* class/id/rel/itemprop names an author */
    HF_IN_LINK = 1 << 14,   /* inside <a> */
    HF_CAPTION = 1 << 15,   /* class/id says caption or credit */
    HF_ELSEWHERE = 1 << 16, /* comments, related stories, sidebars */
    HF_IN_ELSEWHERE = 1 << 17,
    HF_BLOCK_TAG = 1 << 18, /* block-level by its tag (not by its flags) */
    HF_DATE = 1 << 19,      /* class/id says it holds a date */
    HF_HAS_ARTICLE = 1 << 20,   /* this or a descendant is HF_ARTICLE */
    HF_IN_CAPTION = 1 << 21     /* inside a short HF_CAPTION element */
};

/* What kind of text a block is, from its nearest meaningful ancestor. */
typedef enum html_bkind {
    HB_TEXT = 0,        /* p, div, td, … */
    HB_HEADING,
    HB_LIST,
    HB_QUOTE,
    HB_PRE,
    HB_CAPTION
} html_bkind;

typedef struct html_el {
    const struct _xmlNode *node;
    uint32_t parent;        /* index; the root's parent is itself */
    uint32_t end;           /* subtree = [index, end) */
    uint32_t flags;
    uint16_t tag;           /* html_tag */
    uint8_t bkind;          /* html_bkind for text inside it */
    uint8_t level;          /* heading level for HB_HEADING */
    int16_t weight;         /* class/id weight (Readability's +-25) */
    uint16_t nchild;        /* element children (saturating) */
    /* subtree statistics, filled by html_walk() */
    uint32_t text;          /* bytes of block text */
    uint32_t links;         /* of which inside links */
    uint32_t commas;
    uint32_t heading_text;
    uint32_t np, nli, nimg, ninput, nembed;
    uint32_t block1;        /* first block it owns, + 1 (0 = none) */
    float score;            /* html_extract.c */
    uint8_t scored;
    uint8_t removed;        /* html_extract.c: dropped by cleaning */
} html_el;

typedef struct html_block {
    uint32_t el;            /* owning (nearest block-level) element */
    uint32_t start, end;    /* in html_doc.text */
    uint32_t links;         /* bytes of text inside links */
    uint16_t commas;
    uint8_t kind;           /* html_bkind */
    uint8_t level;          /* heading level */
    uint8_t keep;           /* html_extract.c: article text */
    uint8_t meta;           /* shown as metadata (headline, byline) */
} html_block;

/* A <meta> tag's key (name, property, itemprop or http-equiv, lower
 * case, at most 63 bytes) and content, borrowed from the tree. */
typedef struct html_meta_tag {
    char key[64];
    const char *content;
    uint32_t el;
} html_meta_tag;

typedef struct html_doc {
    const char *name;               /* for messages; borrowed */
    struct _xmlDoc *doc;            /* owned */
    VEC(html_el) els;
    VEC(html_block) blocks;
    strbuf text;                    /* the blocks' text, squeezed */
    VEC(html_meta_tag) metas;
    VEC(uint32_t) jsonld;           /* <script type=application/ld+json> */
    VEC(uint32_t) h1s;              /* <h1> elements */
    VEC(uint32_t) times;            /* <time> and datePublished holders */
    VEC(uint32_t) authors;          /* elements that look like bylines */
    uint32_t title;                 /* first <title>, 0 = none */
    uint32_t body;                  /* <body>, 0 = none */
    const char *canonical;          /* <link rel=canonical href>; tree */
    const char *lang;               /* <html lang>; tree */
} html_doc;

/* Flattens doc (owned by d from now on) into d; bytes is the page's
 * size, to size the tables. */
int html_walk(html_doc *d, struct _xmlDoc *doc, size_t bytes);
void html_doc_free(html_doc *d);

/* An attribute's value (borrowed from the tree), or NULL. */
const char *html_attr(const struct _xmlNode *n, const char *name);

/* Appends the text of the subtree under element e (at most max bytes,
 * white space squeezed, script and style left out) to sb. */
void html_node_text(const struct _xmlNode *n, strbuf *sb, size_t max);

/* Splits a class or id value into lower-case words and tests them. */
int html_class_words(const char *s, const char *const *words, int prefix);

/* ---- main text (html_extract.c) ---- */

typedef struct html_extract_stats {
    uint32_t container;     /* chosen element (0 for a text run) */
    int pass;               /* 0 strict … 3 most lenient; PASS_TEXT_RUN */
    size_t chars;           /* text kept */
} html_extract_stats;

/* html_extract_stats.pass when no container held prose and the page's
 * longest run of paragraphs was taken instead. */
enum { PASS_TEXT_RUN = 4 };

/* Marks the blocks that are article text (block.keep).  Returns the
 * number of bytes kept (0 when nothing looks like an article). */
size_t html_extract(html_doc *d, html_extract_stats *st);

/* ---- metadata (html_meta.c) ---- */

typedef struct html_meta {
    strbuf headline;
    const char *headline_source;
    uint32_t headline_el;       /* the <h1> used, 0 = none */
    strbuf authors;             /* "A; B; C" or a byline's text */
    const char *authors_source;
    int authors_are_byline;     /* authors holds a byline element's text */
    uint32_t byline_el;
    strbuf authors_alt;         /* other candidates, one a line */
    strbuf byline_shown;        /* the header's "By …" line, or empty */
    strbuf date;                /* raw date string */
    const char *date_source;
    strbuf site, url, description, lang;
    strbuf body;                /* JSON-LD articleBody, raw (fallback) */
} html_meta;

void html_meta_init(html_meta *m);
void html_meta_free(html_meta *m);

/* Fills m from the page; container is html_extract()'s choice (0 when
 * none) so that bylines and dates inside the article win. */
void html_meta_collect(html_doc *d, uint32_t container, html_meta *m);

/* Appends s (text that may hold HTML: JSON-LD's articleBody) to out as
 * lines of plain text, one per paragraph, each ended by '\n': tags dropped
 * (<p>, <br>, <div>, <li>, headings end a line), entities decoded, white
 * space squeezed. */
void html_text_lines(const char *s, strbuf *out);

/* Words two strings share, as a fraction of the words of both (Dice);
 * case and punctuation ignored. */
double html_similarity(const char *a, size_t al, const char *b, size_t bl);

#endif
