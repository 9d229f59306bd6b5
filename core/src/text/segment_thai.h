/*
 * segment_thai.h - where a space ends a Thai or Lao sentence (ICU).
 */
#ifndef PRECIS_SEGMENT_THAI_H
#define PRECIS_SEGMENT_THAI_H

#include <stddef.h>

/*
 * The breaks chosen for the rest of one paragraph.  Zero it before the
 * first use; seg_thai_free() releases what it holds.
 */
struct seg_thai {
    size_t from, to;    /* the span planned: sentence start, paragraph end */
    size_t upto;        /* the plan holds for spaces before this byte */
    size_t *cut;        /* owned: 2 * ncut bytes, for each space that ends
                         * a sentence its first byte and the byte after
                         * it, increasing */
    size_t ncut;
    int planned;
};

/*
 * Whether the space at t[i] ends the sentence that began at start, in a
 * paragraph that ends at para_end.  The first question about a span
 * plans the whole span; a failure (memory, ICU) answers no.  Reentrant
 * on distinct plans; allocates inside ICU and for the plan.
 */
int seg_thai_break(struct seg_thai *p, const char *t, size_t start, size_t i,
                   size_t para_end);

void seg_thai_free(struct seg_thai *p);

#endif
