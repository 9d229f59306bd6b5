/*
 * translate.h - translation results coming back from a translator stage.
 */
#ifndef PRECIS_TRANSLATE_H
#define PRECIS_TRANSLATE_H

#include "precis.h"
#include "arena.h"

struct precis_tr_batch {
    size_t n;
    const char **text;      /* n results; NULL until reported; mem */
    const char **error;     /* n errors; NULL when none; mem */
    arena *mem;
};

/* The [translate] section's keys (checked with the core's sections). */
extern const precis_option_def translate_schema[];
extern const size_t translate_schema_len;

int translate_result(precis_tr_batch *b, size_t i, const char *text,
                     size_t len);
int translate_error(precis_tr_batch *b, size_t i, const char *msg);

#endif
