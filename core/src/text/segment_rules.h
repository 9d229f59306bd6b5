/*
 * segment_rules.h - the per-language rules of the sentence segmenter: the
 * shapes shared by segment.c (English and the Romance languages and
 * German) and segment_lang.c (every other language).
 */
#ifndef PRECIS_SEGMENT_RULES_H
#define PRECIS_SEGMENT_RULES_H

#include <stddef.h>

/* What a full stop after a word means; see period_ends() in segment.c. */
enum kind {
    K_NONE,     /* an ordinary word */
    K_TITLE,    /* Mr., Prof.: stands before a name */
    K_MID,      /* U.S., Inc., Jan.: mostly inside a sentence */
    K_NUM,      /* No., p.: stands before a number */
    K_NEVER,    /* e.g., vs.: always followed by more */
    K_FINAL,    /* etc.: as often last as not, so like an ordinary word */
    K_TIME,     /* a.m., p.m. */
    K_INITIAL,  /* one capital letter: an initial, or the pronoun I */
    K_UNIT      /* r. (rok), г. (год): ends a sentence after a number */
};

struct abbr {
    const char *s;      /* without the final stop */
    unsigned char len;
    unsigned char kind;
};

struct rules {
    const char *code;
    const struct abbr *abbr;    /* sorted bytewise, shorter first */
    size_t nabbr;
    const char *const *starts;  /* words that typically open a sentence */
    size_t nstarts;
    int ordinals;               /* "am 3. Oktober": a stop after a number */
    int semicolon;              /* ; is the question mark (Greek) */
    int glued;                  /* no spaces between words: a space
                                 * between two such letters is a break */
    int spaced;                 /* no sentence marks: spaces part the
                                 * sentences (Thai, Lao; segment_thai.c) */
    int verb_final;             /* a sentence ends in a verb whose ending
                                 * says so (Korean "-다"): a space after
                                 * one ends it even without a stop */
};

#define A(str, k) { str, sizeof(str) - 1, K_##k }
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The rules segment_lang.c has for lang (two letters), or NULL. */
const struct rules *seg_lang_rules(const char *lang);

#endif
