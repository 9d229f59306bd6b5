/*
 * page.h - what every HTML page precis writes shares: escaping, the head
 * (its Content-Security-Policy and the embedded style) and the end (the
 * embedded script).
 *
 * Safety rests on two things.  Everything that comes from an article
 * passes through page_esc() (text and double-quoted attribute values
 * alike), so no byte of it can open an element, an attribute or an
 * entity.  And the policy in the head allows no network at all and only
 * the page's own style and script (by their SHA-256), so even markup that
 * slipped through could neither run nor load anything.
 */
#ifndef PRECIS_PAGE_H
#define PRECIS_PAGE_H

#include <stddef.h>

#include "base/strbuf.h"

/* Appends s[0, n) escaped for HTML text or a double-quoted attribute
 * value: & < > " ' as character references; invalid UTF-8, NUL, other
 * control characters (but tab and line feed; CR becomes LF) and
 * non-characters become U+FFFD. */
void page_esc(strbuf *sb, const char *s, size_t n);
/* The same for a NUL-terminated string; NULL appends nothing. */
void page_esc_z(strbuf *sb, const char *s);
/* s with its white space runs made single spaces, escaped. */
void page_esc_squeezed(strbuf *sb, const char *s, size_t n);
/* ' name="value"', value escaped. */
void page_attr(strbuf *sb, const char *name, const char *s, size_t n);
void page_attr_z(strbuf *sb, const char *name, const char *s);
/* Appends s percent-encoded as a relative URL path: bytes other than
 * letters, digits, "-._~/" become %XX, so no scheme (javascript:) can
 * form and the result is also safe in an attribute. */
void page_url_path(strbuf *sb, const char *s);

/* A page is page_begin_head(), any page_data(), page_begin_body(), the
 * body, page_end().  The head: lang may be NULL or empty; title is
 * escaped here. */
void page_begin_head(strbuf *sb, const char *lang, const char *title,
                     size_t title_len);
/* A JSON text in the head, as <script type="application/json" id="ID">,
 * with "<", ">" and "&" written as \u escapes so that it can never end
 * the element. */
void page_data(strbuf *sb, const char *id, const char *json);
/* Ends the head and opens <body class="BODY_CLASS"> (a constant). */
void page_begin_body(strbuf *sb, const char *body_class);
/* The script and the end of the document. */
void page_end(strbuf *sb);

#endif
