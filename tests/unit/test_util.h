/*
 * test_util.h - helpers for the cmocka tests that link the core.
 */
#ifndef PRECIS_TEST_UTIL_H
#define PRECIS_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "precis.h"

/* A session with built-in defaults (no /etc or user files) plus the given
 * --set assignments (NULL-terminated); fails the test on error. */
static inline precis_ctx *tu_ctx(const char *const *sets)
{
    precis_ctx *ctx;
    precis_error err = { 0, "" };
    assert_int_equal(precis_ctx_new(&ctx, &err), 0);
    for (; sets && *sets; sets++)
        if (precis_ctx_set(ctx, *sets, &err))
            fail_msg("--set %s: %s", *sets, err.message);
    if (precis_ctx_prepare(ctx, &err))
        fail_msg("prepare: %s", err.message);
    return ctx;
}

/* Loads and analyzes text as the given format; fails the test on error. */
static inline precis_article *tu_load(precis_ctx *ctx, const char *name,
                                      const char *text, size_t len,
                                      precis_format fmt)
{
    precis_article *a = NULL;
    precis_error err = { 0, "" };
    if (precis_load_buffer(ctx, name, text, len, fmt, &a, &err))
        fail_msg("load %s: %s", name, err.message);
    if (precis_analyze(ctx, a, &err))
        fail_msg("analyze %s: %s", name, err.message);
    return a;
}

/* Writes text to a new temporary file; returns its malloc'd path. */
static inline char *tu_tempfile(const char *suffix, const char *text,
                                size_t len)
{
    char tmpl[] = "/tmp/precis-test-XXXXXX";
    int fd = mkstemp(tmpl);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    size_t n = strlen(tmpl) + strlen(suffix) + 1;
    char *path = malloc(n);
    snprintf(path, n, "%s%s", tmpl, suffix);
    assert_int_equal(rename(tmpl, path), 0);
    return path;
}

/* The corpus file path, or NULL (the test then skips). */
static inline const char *tu_corpus(const char *rel, char *buf, size_t n)
{
    const char *c = getenv("PRECIS_CORPUS");
    if (!c)
        return NULL;
    snprintf(buf, n, "%s/%s", c, rel);
    FILE *f = fopen(buf, "rb");
    if (!f)
        return NULL;
    fclose(f);
    return buf;
}

#endif
