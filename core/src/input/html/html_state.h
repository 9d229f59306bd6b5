/*
 * html_state.h - the article as a page's script state describes it
 * (html_state.c).
 *
 * Pages built by JavaScript frameworks carry their data as JSON beside
 * the markup: <script type="application/json"> (Next.js's __NEXT_DATA__),
 * or a JSON attribute of a script element (data-initial-state).  The
 * object of this story (its title or headline the page's headline) names
 * its authors there when the markup, rendered later, does not.
 */
#ifndef PRECIS_HTML_STATE_H
#define PRECIS_HTML_STATE_H

#include "base/strbuf.h"
#include "input/html/html_internal.h"

/*
 * Appends to out the authors the script state gives the story whose title
 * is headline[0, len): their names joined by "; " (nothing when none is
 * found).  Returns 1 when it appended.
 */
int html_state_authors(const html_doc *d, const char *headline, size_t len,
                       strbuf *out);

#endif
