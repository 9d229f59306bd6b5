/*
 * hash.h - the one string hash the core uses for its tables (FNV-1a with
 * a final mix, so low bits are usable as a table index).
 */
#ifndef PRECIS_HASH_H
#define PRECIS_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline size_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (size_t)h;
}

#endif
