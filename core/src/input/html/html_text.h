/*
 * html_text.h - text helpers of the HTML metadata readers (html_text.c):
 * cleaning metadata values (entities, tags, white space), telling names
 * from addresses, and comparing titles by their words.
 *
 * Every function works on the strings it is given; output goes into a
 * strbuf the caller owns.
 */
#ifndef PRECIS_HTML_TEXT_H
#define PRECIS_HTML_TEXT_H

#include <stddef.h>

#include "base/strbuf.h"

/* Appends s[0, len) with its character references decoded ("&amp;",
 * "&#8211;"; libxml2's HTML table), nothing else changed. */
void append_unescaped(strbuf *sb, const char *s, size_t len);

/* Appends s[0, len) with entities decoded, tags removed and white space
 * squeezed: metadata values carry all three ("By <a …>Amir Vera</a>",
 * "Kenya&rsquo;s"). */
void append_clean(strbuf *sb, const char *s, size_t len);

/* Replaces sb's text with s cleaned as append_clean() does (s may be
 * NULL: sb is left empty). */
void set_clean(strbuf *sb, const char *s);

/* Names of people and newsrooms have no digits; user names ("CC7567")
 * and dates do.  1 when s has two letters or more and no digit. */
int plausible_name(const char *s);

/* ASCII case-insensitive strstr. */
const char *strcasestr_ascii(const char *s, const char *needle);

/* An address ("https://…", "www.…", anything with a slash). */
int is_url(const char *s);

/* Does s[0, n) open with "By" or its equivalents ("Por", "Von", "Par",
 * "Door", "Di", "Av", "Autor", "Author")?  A byline's signature. */
int html_by_cue(const char *s, size_t n);

#endif
