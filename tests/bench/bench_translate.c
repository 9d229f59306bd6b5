/*
 * bench_translate.c - translation speed, English to Spanish, in one run:
 *
 *  1. about 50 KB of news (summ-dev articles, taken at run time) through
 *     precis_translate() article by article, from a cold start (the
 *     pipeline's start-up counted) and again warm, in words per second,
 *     against one whole-file `apertium -u eng-spa` call over the same
 *     text;
 *  2. a three-sentence summary (and its headline) translated in a warm
 *     pipeline, the latency over REPS runs.
 *
 * Run by hand: build/tests/bench/bench_translate [KB] [REPS].  Exits 0
 * when precis is at least as fast as the apertium call and the median
 * summary latency is under 20 ms, 1 otherwise, 77 when Apertium or the
 * corpus is missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text/article.h"
#include "bench_util.h"
#include "precis.h"
#include "session/translate.h"

static size_t count_words(const char *s, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int space = s[i] == ' ' || s[i] == '\n' || s[i] == '\t'
                    || s[i] == '\r';
        n += !space && !in;
        in = !space;
    }
    return n;
}

/* Words of the source sentences the article's translation covers. */
static size_t translated_words(const precis_article *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->tr.n; i++) {
        const pr_sent *s = &a->sents.v[a->tr.v[i].sentence];
        n += count_words(a->text + s->start, s->end - s->start);
    }
    return n;
}

static precis_article *load(precis_ctx *ctx, const char *name,
                            const char *data, size_t len)
{
    precis_article *a;
    precis_error err = { 0, "" };
    if (precis_load_buffer(ctx, name, data, len, PRECIS_FORMAT_TEXT, &a,
                           &err) || precis_run(ctx, a, &err)) {
        fprintf(stderr, "%s: %s\n", name, err.message);
        exit(1);
    }
    return a;
}

static double translate(precis_ctx *ctx, precis_article *a, int summary)
{
    precis_error err = { 0, "" };
    double t0 = bench_now();
    if (precis_translate(ctx, a, "es", "en", summary, &err)) {
        fprintf(stderr, "%s\n", err.message);
        exit(1);
    }
    return bench_now() - t0;
}

/* Translates arts[0, n) as the command does: a few articles per call to
 * the translator (precis_translate_many). */
static double translate_window(precis_ctx *ctx, precis_article **arts,
                               size_t n)
{
    enum { WINDOW = 16 };
    int rcs[WINDOW];
    precis_error errs[WINDOW];
    double t0 = bench_now();
    for (size_t i = 0; i < n; i += WINDOW) {
        size_t k = n - i < WINDOW ? n - i : WINDOW;
        if (precis_translate_many(ctx, arts + i, k, "es", "en", 0, rcs,
                                  errs)) {
            for (size_t j = 0; j < k; j++)
                if (rcs[j])
                    fprintf(stderr, "%s\n", errs[j].message);
            exit(1);
        }
    }
    return bench_now() - t0;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    size_t kb = argc > 1 ? (size_t)atoi(argv[1]) : 50;
    int reps = argc > 2 ? atoi(argv[2]) : 30;
    if (system("apertium -l 2>/dev/null | grep -qw eng-spa")) {
        fprintf(stderr, "SKIP: Apertium's eng-spa pair is not installed\n");
        return 77;
    }
    char dir[4096];
    if (!bench_corpus("summ-dev", dir, sizeof dir))
        return 77;
    size_t nfiles;
    char **files = bench_list(dir, ".txt", ".ref.txt", &nfiles);
    if (!files || !nfiles) {
        fprintf(stderr, "no articles in %s\n", dir);
        return 1;
    }
    /* The articles, up to kb kilobytes, and the same text in one file. */
    char path[] = "/tmp/precis-bench-tr-XXXXXX";
    int fd = mkstemp(path);
    FILE *all = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!all)
        return 1;
    char **text = calloc(nfiles, sizeof *text);
    size_t *len = calloc(nfiles, sizeof *len), n = 0, bytes = 0;
    while (n < nfiles && bytes < kb * 1024) {
        text[n] = bench_read(files[n], &len[n]);
        if (!text[n])
            return 1;
        fwrite(text[n], 1, len[n], all);
        fputs("\n\n", all);
        bytes += len[n++];
    }
    fclose(all);

    precis_ctx *ctx;
    precis_error err = { 0, "" };
    if (precis_ctx_new(&ctx, &err) || precis_ctx_prepare(ctx, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    precis_article **arts = calloc(n, sizeof *arts);
    size_t words = 0;
    double cold = 0, warm = 0;
    for (size_t i = 0; i < n; i++)
        arts[i] = load(ctx, files[i], text[i], len[i]);
    cold = translate_window(ctx, arts, n);
    for (size_t i = 0; i < n; i++)
        words += translated_words(arts[i]);
    warm = translate_window(ctx, arts, n);

    char *ap_argv[] = { "apertium", "-u", "eng-spa", path, NULL };
    double ap = bench_time_command(ap_argv, 1);
    unlink(path);
    if (ap < 0) {
        fprintf(stderr, "could not run apertium -u eng-spa\n");
        return 1;
    }
    size_t ap_words = 0;
    for (size_t i = 0; i < n; i++)
        ap_words += count_words(text[i], len[i]);
    double ours = words / cold, theirs = ap_words / ap;
    printf("%zu articles, %zu KB, %zu words (%zu in the paragraphs precis "
           "translates: not boilerplate)\n", n, bytes / 1024, ap_words,
           words);
    printf("precis translate, cold (pipeline start counted): %.2f s, "
           "%.0f words/s\n", cold, ours);
    printf("precis translate, warm:                          %.2f s, "
           "%.0f words/s\n", warm, words / warm);
    printf("apertium -u eng-spa, one whole-file call:        %.2f s, "
           "%.0f words/s\n", ap, theirs);

    /* A three-sentence summary and its headline, warm. */
    precis_article *a = arts[0];
    double *lat = calloc((size_t)reps, sizeof *lat);
    translate(ctx, a, 1);
    for (int r = 0; r < reps; r++)
        lat[r] = translate(ctx, a, 1) * 1e3;
    qsort(lat, (size_t)reps, sizeof *lat, cmp_double);
    printf("summary of %zu sentences + headline, warm, %d runs: median "
           "%.1f ms, max %.1f ms (target < 20 ms)\n", a->tr.n, reps,
           lat[reps / 2], lat[reps - 1]);
    int ok = ours >= theirs && lat[reps / 2] < 20;
    printf("%s\n", ok ? "PASS" : "FAIL");

    for (size_t i = 0; i < n; i++) {
        precis_article_free(arts[i]);
        free(text[i]);
    }
    translate_shutdown(ctx);
    precis_ctx_free(ctx);
    bench_free_list(files, nfiles);
    free(arts);
    free(text);
    free(len);
    free(lat);
    return ok ? 0 : 1;
}
