/*
 * textcmp.h - comparing short texts loosely (a headline against its
 * repeat in the body), ASCII case ignored.
 */
#ifndef PRECIS_TEXTCMP_H
#define PRECIS_TEXTCMP_H

#include <stddef.h>

enum {
    TEXTCMP_SPACE = 1,      /* ignore white space */
    TEXTCMP_PUNCT = 2       /* ignore ASCII punctuation and white space */
};

/* 1 when a[0, al) and b[0, bl) are equal but for ASCII case and what
 * `ignore` says. */
int textcmp_same(const char *a, size_t al, const char *b, size_t bl,
                 int ignore);

#endif
