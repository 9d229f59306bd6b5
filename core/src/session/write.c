/*
 * write.c - precis_write(): one article's view in the output format asked
 * for, and the output formats' names.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "session/ctx.h"
#include "session/output.h"
#include "text/article.h"

int precis_write(precis_ctx *ctx, const precis_article *a, precis_view view,
                 precis_output fmt, FILE *f, precis_error *err)
{
    (void)ctx;
    if (fmt == PRECIS_OUTPUT_JSON) {
        json_t *o = output_json(a, view);
        int rc = o ? json_dumpf(o, f, JSON_COMPACT) : -1;
        json_decref(o);
        if (rc || fputc('\n', f) == EOF)
            return diag_set(err, PRECIS_EIO, "%s: writing JSON failed",
                            a->source);
        return PRECIS_OK;
    }
    strbuf sb = STRBUF_INIT;
    if (fmt == PRECIS_OUTPUT_HTML)
        output_html(&sb, a, view);
    else
        output_text(&sb, a, view, fmt == PRECIS_OUTPUT_MARKDOWN);
    int bad = sb.oom || (sb.len && fwrite(sb.s, 1, sb.len, f) != sb.len);
    sb_free(&sb);
    if (bad)
        return diag_set(err, PRECIS_EIO, "%s: writing output failed",
                        a->source);
    return PRECIS_OK;
}

/* ---- output formats ---- */

static const struct {
    const char *name;
    precis_output fmt;
} output_names[] = {
    { "text", PRECIS_OUTPUT_TEXT }, { "json", PRECIS_OUTPUT_JSON },
    { "jsonl", PRECIS_OUTPUT_JSON }, { "markdown", PRECIS_OUTPUT_MARKDOWN },
    { "md", PRECIS_OUTPUT_MARKDOWN }, { "html", PRECIS_OUTPUT_HTML },
};

int precis_output_parse(const char *name, precis_output *out)
{
    for (size_t i = 0; name && i < sizeof output_names
                                   / sizeof output_names[0]; i++)
        if (!strcmp(output_names[i].name, name)) {
            *out = output_names[i].fmt;
            return PRECIS_OK;
        }
    return PRECIS_ENOTFOUND;
}

const char *precis_output_extension(precis_output fmt)
{
    return fmt == PRECIS_OUTPUT_JSON ? "json"
         : fmt == PRECIS_OUTPUT_MARKDOWN ? "md"
         : fmt == PRECIS_OUTPUT_HTML ? "html" : "txt";
}
