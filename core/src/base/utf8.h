/*
 * utf8.h - the few UTF-8 primitives the core needs beyond utf8proc.
 */
#ifndef PRECIS_UTF8_H
#define PRECIS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns the offset of the first byte of the first invalid sequence
 * (overlong forms, surrogates and code points above U+10FFFF are invalid;
 * so is NUL, which never belongs in an article), or len when s is valid. */
size_t utf8_check(const char *s, size_t len);

/* Returns a malloc'd, NUL-terminated copy of s in which every invalid
 * sequence (and NUL) is replaced by U+FFFD; *out_len gets its length.
 * NULL when out of memory. */
char *utf8_repair(const char *s, size_t len, size_t *out_len);

/* Decodes the code point at s[*i] (s valid UTF-8) and advances *i. */
static inline int32_t utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i;
    if (p[0] < 0x80) {
        *i += 1;
        return p[0];
    }
    if ((p[0] & 0xE0) == 0xC0 && left >= 2) {
        *i += 2;
        return ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    }
    if ((p[0] & 0xF0) == 0xE0 && left >= 3) {
        *i += 3;
        return ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    }
    if ((p[0] & 0xF8) == 0xF0 && left >= 4) {
        *i += 4;
        return ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12)
             | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    }
    *i += 1;
    return 0xFFFD;
}

/* Decodes the code point that ends just before s[*i] and moves *i back. */
static inline int32_t utf8_prev(const char *s, size_t *i)
{
    size_t j = *i;
    if (j == 0)
        return -1;
    j--;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && *i - j < 4)
        j--;
    size_t k = j;
    int32_t c = utf8_next(s, *i, &k);
    *i = j;
    return c;
}

#endif
