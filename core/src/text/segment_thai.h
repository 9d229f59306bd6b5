/*
 * segment_thai.h - where a space ends a Thai or Lao sentence (ICU).
 */
#ifndef PRECIS_SEGMENT_THAI_H
#define PRECIS_SEGMENT_THAI_H

#include <stddef.h>

/*
 * Whether the space at t[i] ends the sentence that began at start, in a
 * paragraph that ends at para_end.  Reentrant; allocates only inside ICU.
 */
int seg_thai_break(const char *t, size_t n, size_t start, size_t i,
                   size_t para_end);

#endif
