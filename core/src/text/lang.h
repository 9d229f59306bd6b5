/*
 * lang.h - language identification and per-language word lists.
 *
 * Languages are ISO 639-1 codes.  precis knows en, es, pt, fr, de and it;
 * every function here is pure, reentrant and allocation-free, and the
 * strings it returns are static.
 */
#ifndef PRECIS_LANG_H
#define PRECIS_LANG_H

#include <stddef.h>

/*
 * Guesses the language of UTF-8 text from its function words (only the
 * first few thousand words are looked at).  Returns a static code, or NULL
 * when the text is too short or too mixed to tell; *confidence, if not NULL,
 * receives a value in [0, 1].
 */
const char *lang_detect(const char *text, size_t len, double *confidence);

/* Returns 1 when lang is one precis has rules and word lists for. */
int lang_known(const char *lang);

/*
 * Returns 1 when word[0, len) - already case-folded UTF-8 - is a stopword
 * of lang; unknown languages have no stopwords.
 */
int lang_is_stopword(const char *lang, const char *word, size_t len);

/* The Snowball (libstemmer) algorithm name for lang, or NULL. */
const char *lang_stemmer(const char *lang);

#endif
