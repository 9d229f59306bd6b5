/*
 * lang.h - language identification and per-language word lists.
 *
 * Languages are ISO 639-1 codes.  precis has stopwords, a stemmer or both
 * for some fifty of them (lang.c lists them); identification names any of
 * the eighty-odd that CLD2 knows.  Every function here is reentrant and
 * the strings it returns are static.
 */
#ifndef PRECIS_LANG_H
#define PRECIS_LANG_H

#include <stddef.h>

/* What identification found. */
typedef struct lang_guess {
    const char *code;       /* best guess, static; NULL when there is none */
    double share;           /* of the text in that language, [0, 1] */
    double confidence;      /* [0, 1]: the share, less for little text */
    int sure;               /* confidence is high enough to act on */
} lang_guess;

/*
 * Identifies the language of UTF-8 text (malformed bytes are skipped; only
 * the first 32 KB are read).  Fills *out; never fails, but out->code is
 * NULL for text with no letters or in no language CLD2 knows.
 */
void lang_identify(const char *text, size_t len, lang_guess *out);

/*
 * The same, reduced to a code: returns it when sure, else NULL (too
 * little or too mixed text).  *confidence, if not NULL, receives the
 * confidence, 0 when NULL is returned.
 */
const char *lang_detect(const char *text, size_t len, double *confidence);

/*
 * Reduces a language tag to its language: the primary subtag of a BCP 47
 * tag or POSIX locale ("en-US", "pt_BR.UTF-8", "zh-Hant": en, pt, zh),
 * case-folded, spelt as precis knows it: the codes ISO 639 has withdrawn
 * as now ("iw": he, "in": id), and the languages precis reads as one
 * ("bs": hr, "nn", "nb": no).  tag[0, len) need not be terminated.  With
 * list, a list of tags may follow (an HTML content-language "en, fr"):
 * its first is read; without, anything after the tag is an error (a
 * setting "en, de" is not silently "en").  Writes 2 or 3 letters and a
 * NUL to out (at least 4 bytes) and returns 0, or -1.
 */
int lang_tag(const char *tag, size_t len, int list, char *out);

/* Returns 1 when lang is one precis has a stemmer or word lists for. */
int lang_known(const char *lang);

/*
 * Returns 1 when word[0, len) - already case-folded UTF-8 - is a stopword
 * of lang; unknown languages have no stopwords.
 */
int lang_is_stopword(const char *lang, const char *word, size_t len);

/* The Snowball (libstemmer) algorithm name for lang, or NULL. */
const char *lang_stemmer(const char *lang);

#endif
