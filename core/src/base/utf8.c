/*
 * utf8.c - validation and repair.  Validation runs over every input byte,
 * so plain ASCII is skipped eight bytes at a time.
 */
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Length of the valid sequence at s[i], or 0 when it is invalid; NUL,
 * which never belongs in an article, is invalid here. */
static size_t seq_len(const unsigned char *s, size_t i, size_t len)
{
    return s[i] ? precis_utf8_seq((const char *)s, len, i) : 0;
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
