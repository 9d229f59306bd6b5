/*
 * segment_script.h - sentence marks of non-Latin scripts, for segment.c.
 *
 * Every function takes valid UTF-8 text t[0, n) and a byte offset i inside
 * it, keeps no state and allocates nothing.
 */
#ifndef PRECIS_SEGMENT_SCRIPT_H
#define PRECIS_SEGMENT_SCRIPT_H

#include <stddef.h>

/*
 * Bytes of a sentence-final mark of some script at i (。 । ؟ ։ ። ...), or
 * 0.  *glued is set to 1 when the mark ends a sentence even with no space
 * after it, as in Chinese and Japanese.
 */
size_t seg_script_stop(const char *t, size_t n, size_t i, int *glued);

/* Bytes of a CJK closing bracket or quote at i (」』）》...), or 0. */
size_t seg_script_closer(const char *t, size_t n, size_t i);

/* Bytes of a CJK opening bracket or quote at i (「『（《...), or 0. */
size_t seg_script_opener(const char *t, size_t n, size_t i);

/* Whether cp belongs to a script written without spaces between words. */
int seg_script_glued(unsigned cp);

/* The code point at i and its length in bytes. */
unsigned seg_script_cp(const char *t, size_t n, size_t i, size_t *len);

#endif
