/*
 * vec.h - growable arrays of any element type, malloc-backed.
 *
 *     VEC(pr_token) toks = {0};
 *     if (VEC_PUSH(&toks, tok) != 0) goto oom;
 *     VEC_FREE(&toks);
 *
 * The element pointer is invalidated by growth; keep indices, not
 * pointers, across pushes.
 */
#ifndef PRECIS_VEC_H
#define PRECIS_VEC_H

#include <stddef.h>
#include <stdlib.h>

#define VEC(T) struct { T *v; size_t n, cap; }

/* Grows *vp's storage (of element size esz) to hold at least need
 * elements.  Returns 0, or -1 when out of memory (storage unchanged). */
int vec_reserve_(void **vp, size_t *cap, size_t esz, size_t need);

#define VEC_RESERVE(x, need) \
    vec_reserve_((void **)&(x)->v, &(x)->cap, sizeof(*(x)->v), (need))

/* Appends e; 0 or -1 when out of memory. */
#define VEC_PUSH(x, e) \
    (VEC_RESERVE((x), (x)->n + 1) ? -1 : ((x)->v[(x)->n++] = (e), 0))

/* A vector of borrowed or arena-owned strings. */
typedef VEC(const char *) str_vec;

#define VEC_FREE(x) \
    do { free((x)->v); (x)->v = NULL; (x)->n = (x)->cap = 0; } while (0)

#endif
