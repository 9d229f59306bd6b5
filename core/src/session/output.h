/*
 * output.h - the renderers behind precis_write(), for the files that
 * share them.
 */
#ifndef PRECIS_OUTPUT_H
#define PRECIS_OUTPUT_H

#include <jansson.h>

#include "precis.h"
#include "base/strbuf.h"

/* The view as one JSON object, as -f json prints it; the caller owns it
 * (json_decref).  NULL when out of memory. */
json_t *output_json(const precis_article *a, precis_view view);

/* Appends the view as text, or Markdown with md set; running out of
 * memory sets sb->oom. */
void output_text(strbuf *sb, const precis_article *a, precis_view view,
                 int md);

/* Appends the view as one HTML page (output_html.c); running out of
 * memory sets sb->oom. */
void output_html(strbuf *sb, const precis_article *a, precis_view view);

#endif
