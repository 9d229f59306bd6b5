/*
 * arena.h - bump allocation for things that live exactly as long as one
 * owner (an article, a configuration).  Everything is freed at once by
 * arena_free(); there is no per-object free.
 */
#ifndef PRECIS_ARENA_H
#define PRECIS_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
    arena_block *head;      /* newest block; owned */
    size_t block_size;      /* size of the next ordinary block */
    size_t bytes;           /* of all its blocks: what it holds */
} arena;

/* Zero-initialised arenas are valid and empty. */
#define ARENA_INIT { NULL, 0, 0 }

/*
 * Returns size bytes aligned for any type, or NULL when out of memory.
 * The memory is uninitialised and valid until arena_free().
 */
void *arena_alloc(arena *a, size_t size);

/* Like arena_alloc() but zeroed. */
void *arena_calloc(arena *a, size_t n, size_t size);

/* Copies s[0, len) and adds a NUL.  NULL when out of memory. */
char *arena_strndup(arena *a, const char *s, size_t len);

/* Copies the NUL-terminated s; NULL s gives NULL. */
char *arena_strdup(arena *a, const char *s);

/* printf into the arena.  NULL when out of memory. */
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Releases every block; the arena is empty and reusable afterwards. */
void arena_free(arena *a);

#endif
