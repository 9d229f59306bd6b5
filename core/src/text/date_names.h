/*
 * date_names.h - month names of many languages, from ICU's locale data.
 *
 * date.c reads month names of English, Spanish, Portuguese, French and
 * German from its own tables (by prefix, accents folded).  Every other
 * language's months come from here: the wide and abbreviated names, in
 * their format (genitive: "марта", "października", "Μαρτίου") and
 * standalone ("март") forms, of the locales listed in date_names.c, as ICU
 * gives them.  A word that names different months in two languages is
 * left out.
 *
 * The table is built once, on first use (thread-safe), and never freed;
 * lookups allocate nothing.
 */
#ifndef PRECIS_DATE_NAMES_H
#define PRECIS_DATE_NAMES_H

#include <stddef.h>

/* The month (1-12) the word s[0, len) names, case ignored; 0 when none
 * (or when ICU could not be read: the caller's own tables still work). */
int date_month_name(const char *s, size_t len);

#endif
