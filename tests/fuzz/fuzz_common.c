/*
 * fuzz_common.c - the session, the sink and the pipeline run the fuzz
 * targets share (see fuzz.h).
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

/* The library's messages (a failed article, a stopped script) are the
 * expected answers to bad input: kept off the fuzzer's output. */
static void quiet(void *ud, int level, const char *message)
{
    (void)ud;
    (void)level;
    (void)message;
}

void fuzz_quiet(precis_ctx *ctx)
{
    precis_ctx_set_log(ctx, quiet, NULL);
}

static void die(const char *what, const char *why)
{
    fprintf(stderr, "fuzz target set-up: %s: %s\n", what, why);
    abort();
}

precis_ctx *fuzz_ctx(const char *const *sets)
{
    return fuzz_ctx_slot(sets, 0);
}

precis_ctx *fuzz_ctx_slot(const char *const *sets, unsigned slot)
{
    static precis_ctx *ctxs[FUZZ_SLOTS];
    if (slot >= FUZZ_SLOTS)
        die("fuzz_ctx_slot", "slot out of range");
    if (ctxs[slot])
        return ctxs[slot];
    precis_ctx *ctx;
    precis_error err = { 0, "" };
    if (precis_ctx_new(&ctx, &err))
        die("precis_ctx_new", err.message);
    fuzz_quiet(ctx);
    for (; sets && *sets; sets++)
        if (precis_ctx_set(ctx, *sets, &err))
            die(*sets, err.message);
    if (precis_ctx_prepare(ctx, &err))
        die("precis_ctx_prepare", err.message);
    return ctxs[slot] = ctx;
}

FILE *fuzz_sink(void)
{
    static FILE *f;
    if (!f && !(f = fopen("/dev/null", "w")))
        die("/dev/null", "cannot be opened");
    return f;
}

void fuzz_run(precis_ctx *ctx, precis_article *a)
{
    static const precis_view views[] = {
        PRECIS_VIEW_SUMMARY, PRECIS_VIEW_INSPECT, PRECIS_VIEW_QUOTES
    };
    static const precis_output outputs[] = {
        PRECIS_OUTPUT_TEXT, PRECIS_OUTPUT_JSON, PRECIS_OUTPUT_MARKDOWN
    };
    precis_error err = { 0, "" };
    if (precis_run(ctx, a, &err) == PRECIS_OK)
        for (size_t v = 0; v < sizeof views / sizeof views[0]; v++)
            for (size_t o = 0; o < sizeof outputs / sizeof outputs[0]; o++)
                precis_write(ctx, a, views[v], outputs[o], fuzz_sink(),
                             &err);
    precis_article_free(a);
}

void fuzz_source_path(const char *rel, char *buf, size_t size)
{
    if ((size_t)snprintf(buf, size, "%s/%s", PRECIS_SOURCE_DIR, rel)
        >= size)
        die(rel, "path too long");
}

const char *fuzz_source_file(const char *rel, size_t *len)
{
    char path[4096];
    fuzz_source_path(rel, path, sizeof path);
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path, "cannot be opened");
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2 && !(buf = realloc(buf, cap *= 2)))
            break;
    }
    fclose(f);
    if (!buf)
        die(path, "out of memory");
    buf[n] = '\0';
    *len = n;
    return buf;
}

void fuzz_load_run(precis_ctx *ctx, const char *name, precis_format format,
                   const uint8_t *data, size_t size)
{
    precis_article *a;
    precis_error err = { 0, "" };
    if (precis_load_buffer(ctx, name, (const char *)data, size, format, &a,
                           &err) == PRECIS_OK)
        fuzz_run(ctx, a);
}
