/*
 * bench_speed.c - summarizing speed in process: every summarizer over
 * summ-dev (articles per second), and one article of about a thousand
 * sentences (milliseconds for load + analysis + pipeline; target < 50).
 * Run by hand: build/tests/bench/bench_speed [REPS].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "precis.h"

static precis_ctx *session(const char *method)
{
    precis_ctx *ctx;
    precis_error err = { 0, "" };
    char set[128];
    snprintf(set, sizeof set, "stage.summary.use=%s", method);
    if (precis_ctx_new(&ctx, &err) || precis_ctx_set(ctx, set, &err)
        || precis_ctx_prepare(ctx, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    return ctx;
}

static double run_once(precis_ctx *ctx, const char *name, const char *data,
                       size_t len)
{
    precis_article *a;
    precis_error err = { 0, "" };
    double t0 = bench_now();
    if (precis_load_buffer(ctx, name, data, len, PRECIS_FORMAT_TEXT, &a,
                           &err) || precis_run(ctx, a, &err)) {
        fprintf(stderr, "%s: %s\n", name, err.message);
        exit(1);
    }
    double t = bench_now() - t0;
    precis_article_free(a);
    return t;
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 5;
    char dir[4096];
    if (!bench_corpus("summ-dev", dir, sizeof dir))
        return 77;
    size_t n;
    char **files = bench_list(dir, ".txt", ".ref.txt", &n);
    char **data = calloc(n, sizeof *data);
    size_t *len = calloc(n, sizeof *len);
    for (size_t i = 0; i < n; i++)
        data[i] = bench_read(files[i], &len[i]);
    static const char *const methods[] = { "pacsum", "textrank", "lexrank",
                                           "luhn", "sumbasic", "lead" };
    for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++) {
        precis_ctx *ctx = session(methods[m]);
        double t = 0;
        for (int r = 0; r < reps; r++)
            for (size_t i = 0; i < n; i++)
                t += run_once(ctx, files[i], data[i], len[i]);
        printf("%-9s %7.0f articles/s (summ-dev, in process)\n", methods[m],
               (double)n * reps / t);
        precis_ctx_free(ctx);
    }
    /* About a thousand sentences: summ-dev bodies one after another. */
    size_t cap = 1 << 20, used = 0;
    char *big = malloc(cap);
    used += (size_t)snprintf(big, cap, "A long article\n\n");
    for (size_t i = 0; i < n && used < 118000; i++) {
        const char *body = strstr(data[i], "\n\n");
        size_t bl = body ? strlen(body) : 0;
        memcpy(big + used, body, bl);
        used += bl;
    }
    big[used] = '\0';
    precis_ctx *ctx = session("pacsum");
    precis_article *a;
    precis_error err;
    precis_load_buffer(ctx, "long", big, used, PRECIS_FORMAT_TEXT, &a, &err);
    precis_analyze(ctx, a, &err);
    size_t sents = precis_article_count(a, "sentences");
    precis_article_free(a);
    double best = 1e9;
    for (int r = 0; r < 20; r++) {
        double t = run_once(ctx, "long", big, used);
        best = t < best ? t : best;
    }
    printf("one article of %zu sentences (%zu bytes): %.1f ms "
           "(target < 50)\n", sents, used, best * 1e3);
    precis_ctx_free(ctx);
    free(big);
    for (size_t i = 0; i < n; i++)
        free(data[i]);
    free(data);
    free(len);
    bench_free_list(files, n);
    return 0;
}
