/*
 * translate.c - collecting a translator stage's per-segment results.
 */
#include "translate.h"

int translate_result(precis_tr_batch *b, size_t i, const char *text,
                     size_t len)
{
    if (!b || (!text && len))
        return PRECIS_EINVAL;
    if (i >= b->n)
        return PRECIS_ERANGE;
    b->text[i] = arena_strndup(b->mem, text ? text : "", len);
    return b->text[i] ? PRECIS_OK : PRECIS_ENOMEM;
}

int translate_error(precis_tr_batch *b, size_t i, const char *msg)
{
    if (!b)
        return PRECIS_EINVAL;
    if (i >= b->n)
        return PRECIS_ERANGE;
    b->error[i] = arena_strdup(b->mem, msg ? msg : "translation failed");
    return b->error[i] ? PRECIS_OK : PRECIS_ENOMEM;
}
