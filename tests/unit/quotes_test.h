/*
 * quotes_test.h - helpers for the tests of the quotes plug-in: run a
 * text through normalise,quotes and look at the quotes found.
 */
#ifndef PRECIS_QUOTES_TEST_H
#define PRECIS_QUOTES_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/article.h"
#include "precis.h"

typedef struct run {
    precis_ctx *ctx;
    precis_article *a;
} run;

/* Runs text through normalise,quotes; extra is one more --set (or NULL).
 * The caller frees with done(). */
static inline run extract(const char *text, const char *extra)
{
    run r = { NULL, NULL };
    precis_error err = { 0, "" };
    assert_int_equal(precis_ctx_new(&r.ctx, &err), PRECIS_OK);
    assert_int_equal(precis_ctx_set(r.ctx, "pipeline.stages=normalise,quotes",
                                    &err), PRECIS_OK);
    if (extra)
        assert_int_equal(precis_ctx_set(r.ctx, extra, &err), PRECIS_OK);
    if (precis_ctx_prepare(r.ctx, &err) != PRECIS_OK)
        fail_msg("prepare: %s", err.message);
    assert_int_equal(precis_load_buffer(r.ctx, "test", text, strlen(text),
                                        PRECIS_FORMAT_TEXT, &r.a, &err),
                     PRECIS_OK);
    if (precis_run(r.ctx, r.a, &err) != PRECIS_OK)
        fail_msg("run: %s", err.message);
    return r;
}

static inline void done(run *r)
{
    precis_article_free(r->a);
    precis_ctx_free(r->ctx);
}

/* The quoted words of quote i, as a NUL-terminated copy (static). */
static inline const char *words_of(const run *r, size_t i)
{
    static char buf[2048];
    const precis_quote *q = &r->a->quotes.v[i];
    size_t n = q->end - q->start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, r->a->text + q->start, n);
    buf[n] = 0;
    return buf;
}

static inline void dump(const run *r)
{
    for (size_t i = 0; i < r->a->quotes.n; i++) {
        const precis_quote *q = &r->a->quotes.v[i];
        print_message("  quote %zu: [%s] kind %d flags %u speaker %s\n", i,
                      words_of(r, i), q->kind, q->flags,
                      q->speaker ? q->speaker : "(null)");
    }
}

/* The quote whose words start with prefix; fails the test when none. */
static inline const precis_quote *find(const run *r, const char *prefix)
{
    for (size_t i = 0; i < r->a->quotes.n; i++)
        if (!strncmp(words_of(r, i), prefix, strlen(prefix)))
            return &r->a->quotes.v[i];
    dump(r);
    fail_msg("no quote starting \"%s\"", prefix);
    return NULL;
}

static inline void expect_count(const run *r, size_t n)
{
    if (r->a->quotes.n != n) {
        dump(r);
        fail_msg("%zu quotes, expected %zu", r->a->quotes.n, n);
    }
}

static inline void expect_speaker(const precis_quote *q, const char *name)
{
    if (!name) {
        if (q->speaker)
            fail_msg("speaker \"%s\", expected none", q->speaker);
        return;
    }
    if (!q->speaker || strcmp(q->speaker, name))
        fail_msg("speaker \"%s\", expected \"%s\"",
                 q->speaker ? q->speaker : "(null)", name);
}

/* The speaker as written of quote q is w. */
static inline void expect_raw(const run *r, const precis_quote *q,
                              const char *w)
{
    size_t n = q->speaker_end - q->speaker_start;
    if (n != strlen(w) || memcmp(r->a->text + q->speaker_start, w, n))
        fail_msg("speaker as written \"%.*s\", expected \"%s\"", (int)n,
                 r->a->text + q->speaker_start, w);
}

#endif /* PRECIS_QUOTES_TEST_H */
