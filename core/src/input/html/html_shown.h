/*
 * html_shown.h - what a page shows its readers in its header: the date
 * (and the metadata date that agrees with it), the byline (html_shown.c).
 *
 * A page's metadata often holds several dates (published, modified,
 * created, each in JSON-LD and meta tags) that disagree; the one a
 * reader sees under the headline is the page's own answer.  The shown
 * date is trusted only when some metadata date agrees with it, so a
 * masthead's "today" or a date in an embed cannot stand alone.
 */
#ifndef PRECIS_HTML_SHOWN_H
#define PRECIS_HTML_SHOWN_H

#include <stddef.h>
#include <stdint.h>

#include "base/strbuf.h"
#include "text/date.h"
#include "input/html/html_internal.h"

/* A metadata date: its raw value and where it came from (both borrowed;
 * source is a static string). */
typedef struct shown_cand {
    const char *raw;
    const char *source;
} shown_cand;

/*
 * The first date shown in the page's header, in document order (under the
 * headline first, then above it): a <time> or date element, or a short
 * text block, beside the headline (headline_el, 0 when none) or among the
 * article's first blocks (container, 0 when none), never in a figure, a
 * hidden part or a related list.  Returns 1 and fills *out when there is
 * one.
 */
int html_shown_date(const html_doc *d, uint32_t container,
                    uint32_t headline_el, date_value *out);

/*
 * The byline the header shows its readers: the first short block of the
 * header that opens with "By" or its equivalents ("By NBC News", "Von
 * Anna Schmidt"), appended to out.  Returns 1 when there is one.  A
 * newsroom named only in the page's metadata is nobody's signature.
 */
int html_shown_byline(const html_doc *d, uint32_t container,
                      uint32_t headline_el, strbuf *out);

/*
 * Picks, among the metadata dates c[0, n) (the one chosen so far first),
 * the one that agrees with the date shown in the header: the same day
 * first, else a UTC time one day off that the page shows in its own zone
 * ("Dec. 21, 2023 11:00 pm EST" for 2023-12-22T04:00Z), moved to that
 * zone.  Writes the value to keep into *date and its source into *source
 * (static strings) and returns 1; returns 0 and leaves both alone when
 * nothing is shown or nothing agrees.  With no metadata date at all
 * (n == 0), the shown date itself is written.
 */
int html_date_as_shown(const html_doc *d, uint32_t container,
                       uint32_t headline_el, const shown_cand *c, size_t n,
                       strbuf *date, const char **source);

#endif
