/*
 * read.c - reading articles with the session's input settings ([input]
 * format, max_size, invalid_utf8).
 */
#include "session/ctx.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/diag.h"
#include "input/load.h"
#include "input/reader.h"
#include "text/lang.h"
#include "text/segment.h"

int precis_reader_open(precis_ctx *ctx, const char *path, precis_format fmt,
                       precis_reader **out, precis_error *err)
{
    int rc = ctx_configure(ctx, err);
    if (rc)
        return rc;
    return input_reader_open(&ctx->load, path,
                             fmt ? fmt : ctx->input_format, out, err);
}

int precis_load_buffer(precis_ctx *ctx, const char *name, const char *data,
                       size_t len, precis_format fmt, precis_article **out,
                       precis_error *err)
{
    int rc = ctx_configure(ctx, err);
    if (rc)
        return rc;
    return input_load_buffer(&ctx->load, name, data, len, fmt, out, err);
}

typedef struct seg_fwd {
    precis_sentence_fn fn;
    void *ud;
    const char *text;
    size_t base;
} seg_fwd;

static int forward_sentence(void *ud, size_t start, size_t end)
{
    seg_fwd *f = ud;
    return f->fn(f->ud, f->text, f->base + start, f->base + end);
}

int precis_segment(precis_ctx *ctx, const char *name, const char *data,
                   size_t len, const char *lang, precis_sentence_fn fn,
                   void *ud, precis_error *err)
{
    int rc = ctx_configure(ctx, err);
    if (rc)
        return rc;
    if (len > ctx->load.max_size)
        return diag_set(err, PRECIS_ELIMIT, "%s: larger than "
                        "input.max_size (%zu bytes)", name,
                        ctx->load.max_size);
    char *copy = malloc(len + 1);
    if (!copy)
        return diag_set(err, PRECIS_ENOMEM, "%s: out of memory", name);
    memcpy(copy, data, len);
    copy[len] = '\0';
    if ((rc = load_check_utf8(name, &copy, &len, &ctx->load, err)))
        return rc;
    size_t start = len >= 3 && !memcmp(copy, "\xEF\xBB\xBF", 3) ? 3 : 0;
    char code[4];
    if (!lang || !*lang || !strcasecmp(lang, "auto"))
        lang = ctx->lang[0] ? ctx->lang : NULL;
    else if (lang_tag(lang, strlen(lang), 0, code) == 0)
        lang = code;        /* "pt-BR" cuts as pt */
    if (!lang)
        lang = lang_detect(copy + start, len - start, NULL);
    seg_fwd f = { fn, ud, copy, start };
    rc = seg_split(copy + start, len - start, lang ? lang : "en",
                   forward_sentence, &f);
    free(copy);
    return rc;
}
