#include "base/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sb_grow(strbuf *sb, size_t extra)
{
    if (sb->oom)
        return -1;
    if (sb->len + extra + 1 <= sb->cap)
        return 0;
    size_t ncap = sb->cap ? sb->cap : 64;
    while (ncap < sb->len + extra + 1) {
        if (ncap > ((size_t)-1) / 2) {
            sb->oom = 1;
            return -1;
        }
        ncap *= 2;
    }
    char *p = realloc(sb->s, ncap);
    if (!p) {
        sb->oom = 1;
        return -1;
    }
    sb->s = p;
    sb->cap = ncap;
    return 0;
}

void sb_append(strbuf *sb, const char *s, size_t len)
{
    if (sb_grow(sb, len))
        return;
    if (len)
        memcpy(sb->s + sb->len, s, len);
    sb->len += len;
    sb->s[sb->len] = '\0';
}

void sb_puts(strbuf *sb, const char *s)
{
    sb_append(sb, s, strlen(s));
}

void sb_putc(strbuf *sb, char c)
{
    sb_append(sb, &c, 1);
}

void sb_printf(strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sb_grow(sb, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
        || c == '\v';
}

void sb_append_squeezed(strbuf *sb, const char *s, size_t len)
{
    size_t i = 0, start = sb->len;
    int pending = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        /* U+00A0 no-break space is folded too: scraped pages are full of
         * them and they never carry meaning in a sentence's text. */
        int nbsp = c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0;
        if (is_space(c) || nbsp) {
            pending = 1;
            i += nbsp ? 2 : 1;
            continue;
        }
        size_t j = i;
        while (j < len && !is_space((unsigned char)s[j])
               && !((unsigned char)s[j] == 0xC2 && j + 1 < len
                    && (unsigned char)s[j + 1] == 0xA0))
            j++;
        if (pending && sb->len > start)
            sb_putc(sb, ' ');
        pending = 0;
        sb_append(sb, s + i, j - i);
        i = j;
    }
}

const char *sb_str(const strbuf *sb)
{
    return sb->s ? sb->s : "";
}

char *sb_steal(strbuf *sb)
{
    char *s = sb->s;
    if (!s && !sb->oom)
        s = calloc(1, 1);
    sb->s = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void sb_reset(strbuf *sb)
{
    sb->len = 0;
    if (sb->s)
        sb->s[0] = '\0';
}

void sb_free(strbuf *sb)
{
    free(sb->s);
    sb->s = NULL;
    sb->len = sb->cap = 0;
    sb->oom = 0;
}
