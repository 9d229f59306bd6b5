/*
 * utf8.c - validation and repair.  Validation runs over every input byte,
 * so plain ASCII is skipped eight bytes at a time.
 */
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Length of the valid sequence at s[i], or 0 when it is invalid. */
static size_t seq_len(const unsigned char *s, size_t i, size_t len)
{
    unsigned char c = s[i];
    if (c == 0)
        return 0;
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;          /* overlong */
        else if (c == 0xED)
            hi = 0x9F;          /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;          /* overlong */
        else if (c == 0xF4)
            hi = 0x8F;          /* above U+10FFFF */
    } else {
        return 0;
    }
    if (len - i < n)
        return 0;
    if (s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return n;
}

size_t utf8_check(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        if (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            /* No high bit set and no zero byte: eight ASCII characters. */
            if (!(w & 0x8080808080808080ULL)
                && !((w - 0x0101010101010101ULL) & ~w
                     & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        size_t n = seq_len(s, i, len);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

char *utf8_repair(const char *str, size_t len, size_t *out_len)
{
    const unsigned char *s = (const unsigned char *)str;
    /* Each bad byte becomes three bytes at most. */
    if (len > ((size_t)-1 - 1) / 3)
        return NULL;
    char *out = malloc(len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < len) {
        size_t n = seq_len(s, i, len);
        if (n) {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    out[o] = '\0';
    char *shrunk = realloc(out, o + 1);
    *out_len = o;
    return shrunk ? shrunk : out;
}
