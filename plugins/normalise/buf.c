/*
 * buf.c - growable strings for the normalise plug-in.
 *
 * A failed allocation sets oom and turns later writes into no-ops, so
 * callers write freely and check once at the end.
 */
#include <stdlib.h>
#include <string.h>

#include "normalise.h"

void normalise_buf_free(normalise_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

static int reserve(normalise_buf *b, size_t more)
{
    if (b->oom)
        return -1;
    if (b->len + more + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + more + 1) {
        if (cap > SIZE_MAX / 2) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *s = realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

void normalise_buf_put(normalise_buf *b, const char *s, size_t len)
{
    if (reserve(b, len))
        return;
    if (len)
        memcpy(b->s + b->len, s, len);
    b->len += len;
    b->s[b->len] = '\0';
}

void normalise_buf_puts(normalise_buf *b, const char *s)
{
    normalise_buf_put(b, s, strlen(s));
}

void normalise_buf_putc(normalise_buf *b, char c)
{
    normalise_buf_put(b, &c, 1);
}

void normalise_buf_put_cp(normalise_buf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    normalise_buf_put(b, u, n);
}

const char *normalise_buf_str(const normalise_buf *b)
{
    return b->s && !b->oom ? b->s : "";
}
