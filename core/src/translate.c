/*
 * translate.c - collecting a translator stage's per-segment results.
 */
#include "translate.h"

#include "diag.h"

const precis_option_def translate_schema[] = {
    { "engine", PRECIS_OPT_STRING, "apertium",
      "translator stage used by translate and --translate", NULL, 1, 0 },
};
const size_t translate_schema_len =
    sizeof translate_schema / sizeof translate_schema[0];

int precis_translate(precis_ctx *ctx, precis_article *a, const char *to,
                     const char *from, int summary_only, precis_error *err)
{
    (void)ctx;
    (void)a;
    (void)from;
    (void)summary_only;
    return diag_set(err, PRECIS_ENOTFOUND,
                    "translation to '%s' is not part of this build yet", to);
}

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
