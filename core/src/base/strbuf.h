/*
 * strbuf.h - a growable, always NUL-terminated byte string.
 *
 * Appending never fails silently: the first allocation failure sets
 * sb->oom and later appends do nothing, so a caller may append a whole
 * document and check once at the end.
 */
#ifndef PRECIS_STRBUF_H
#define PRECIS_STRBUF_H

#include <stddef.h>

typedef struct strbuf {
    char *s;        /* owned; NULL until the first append */
    size_t len, cap;
    int oom;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0, 0 }

void sb_append(strbuf *sb, const char *s, size_t len);
void sb_puts(strbuf *sb, const char *s);
void sb_putc(strbuf *sb, char c);
void sb_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends s[0, len) with every run of white space (including line breaks)
 * folded into one space, and none at either end. */
void sb_append_squeezed(strbuf *sb, const char *s, size_t len);

/* Returns the contents ("" when empty); valid until the next append. */
const char *sb_str(const strbuf *sb);

/* Gives up ownership: returns the malloc'd string (never NULL unless
 * oom) and leaves sb empty. */
char *sb_steal(strbuf *sb);

void sb_reset(strbuf *sb);
void sb_free(strbuf *sb);

#endif
