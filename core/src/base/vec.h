/*
 * vec.h - the core's short names for the growable arrays of
 * precis/util.h (one implementation for the core and plug-ins alike).
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

#include <precis/util.h>

#define VEC(T) PRECIS_VEC(T)
#define VEC_RESERVE(x, need) PRECIS_VEC_RESERVE(x, need)
#define VEC_PUSH(x, e) PRECIS_VEC_PUSH(x, e)
#define VEC_FREE(x) PRECIS_VEC_FREE(x)

/* A vector of borrowed or arena-owned strings. */
typedef VEC(const char *) str_vec;

#endif
