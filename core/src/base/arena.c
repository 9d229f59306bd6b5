/*
 * arena.c - bump allocator.  Blocks grow geometrically up to 1 MiB so a
 * small article costs one or two malloc calls while a 50 MB one does not
 * waste memory in huge blocks; a request larger than a block gets a block
 * of its own.
 */
#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t size, used;
    max_align_t data[];     /* flexible array aligned for any type */
};

enum { ARENA_MIN = 4096, ARENA_MAX = 1 << 20 };

static size_t align_up(size_t n)
{
    size_t a = sizeof(max_align_t);
    return (n + a - 1) & ~(a - 1);
}

void *arena_alloc(arena *a, size_t size)
{
    size = align_up(size ? size : 1);
    arena_block *b = a->head;
    if (b && b->size - b->used >= size) {
        void *p = (char *)b->data + b->used;
        b->used += size;
        return p;
    }
    size_t bs = a->block_size ? a->block_size : ARENA_MIN;
    if (bs < ARENA_MAX)
        a->block_size = bs * 2;
    if (bs < size)
        bs = size;
    if (bs > SIZE_MAX - sizeof(arena_block))
        return NULL;
    b = malloc(sizeof(arena_block) + bs);
    if (!b)
        return NULL;
    b->size = bs;
    b->used = size;
    a->bytes += sizeof(arena_block) + bs;
    /* A block made for one large request goes behind the current head so
     * the head's free space stays usable for small requests. */
    if (a->head && bs == size && a->head->size - a->head->used > 256) {
        b->next = a->head->next;
        a->head->next = b;
    } else {
        b->next = a->head;
        a->head = b;
    }
    return b->data;
}

void *arena_calloc(arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(arena *a)
{
    arena_block *b = a->head;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->block_size = 0;
    a->bytes = 0;
}
