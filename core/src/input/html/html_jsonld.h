/*
 * html_jsonld.h - a page's JSON-LD, read (html_jsonld.c).
 *
 * ld_load() parses every <script type=application/ld+json> of a page,
 * repairing almost-JSON first (trailing commas, raw control characters,
 * comment and CDATA wrappers), and finds the object that describes the
 * article (an *Article, *Posting, *Report or *Blog type beats a WebPage)
 * and the site's name (the article's publisher, else a WebSite or a
 * top-level Organization).
 *
 * OWNERSHIP.  ld_info owns its parsed roots (ld_free() releases them);
 * every other pointer in it, and every string the accessors return, is
 * borrowed from those roots and dies with ld_free().
 */
#ifndef PRECIS_HTML_JSONLD_H
#define PRECIS_HTML_JSONLD_H

#include <jansson.h>

#include "input/html/html_internal.h"

typedef struct ld_info {
    json_t *roots[16];
    size_t nroots;
    json_t *article;        /* best object, borrowed from roots */
    int rank;
    const char *publisher;  /* borrowed */
    const char *website;
} ld_info;

/* Type names for type_is(). */
extern const char *const article_suffixes[];
extern const char *const page_types[];
extern const char *const org_types[];

/* Does @type t (a string or an array of them; "http://schema.org/X" read
 * as "X") name one of names, or end with one when suffix is set? */
int type_is(json_t *t, const char *const *names, int suffix);

/* o[key] when it is a non-empty string, else NULL. */
const char *jstr(json_t *o, const char *key);

/* A string value, or an object's "name". */
const char *name_of(json_t *v);

/*
 * Depth-first search of v's objects (through arrays and object members,
 * at most max_depth levels down and *budget values in all, when budget is
 * not NULL) for one that match(o, ud) accepts.  Returns 1 when found.
 * Pages nest their data deeply and sometimes enormously, so both bounds
 * are the caller's.
 */
int json_find_object(json_t *v, int max_depth, size_t *budget,
                     int (*match)(json_t *o, void *ud), void *ud);

/* Parses s[0, len) as JSON, repairing it when it does not parse as it
 * is.  Returns a new reference or NULL. */
json_t *parse_jsonld(const char *s, size_t len);

/* Finds "key": "value" in text that is not JSON at all and appends the
 * value, cleaned, to out.  Returns 1 when found. */
int scan_key(const char *s, const char *key, strbuf *out);

/* Reads the page's JSON-LD into li (zeroed by the caller); the text of
 * scripts that would not parse even repaired goes to raw_all, one per
 * line, for scan_key(). */
void ld_load(const html_doc *d, ld_info *li, strbuf *raw_all);
void ld_free(ld_info *li);

#endif
