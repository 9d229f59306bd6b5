/*
 * utf8.h - checking and repairing input as UTF-8 (decoding and the rest
 * are in precis/util.h).
 */
#ifndef PRECIS_UTF8_H
#define PRECIS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include <precis/util.h>

/* Returns the offset of the first byte of the first invalid sequence
 * (overlong forms, surrogates and code points above U+10FFFF are invalid;
 * so is NUL, which never belongs in an article), or len when s is valid. */
size_t utf8_check(const char *s, size_t len);

/* Returns a malloc'd, NUL-terminated copy of s in which every invalid
 * sequence (and NUL) is replaced by U+FFFD; *out_len gets its length.
 * NULL when out of memory. */
char *utf8_repair(const char *s, size_t len, size_t *out_len);

/* Decoding is precis/util.h's (the same for the core and plug-ins). */
#define utf8_next precis_utf8_next
#define utf8_prev precis_utf8_prev

#endif
