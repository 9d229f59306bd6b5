/*
 * bench_core.c - the model's speed: load, classify, segment, tokenize and
 * stem every summ-dev article, against `LC_ALL=C wc -w` over the same
 * files, in one run.  Run by hand: build/tests/bench/bench_core [REPS].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "precis.h"

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 20;
    char dir[4096];
    if (!bench_corpus("summ-dev", dir, sizeof dir))
        return 77;
    size_t n;
    char **files = bench_list(dir, ".txt", ".ref.txt", &n);
    if (!files || !n) {
        fprintf(stderr, "no articles in %s\n", dir);
        return 1;
    }
    precis_ctx *ctx;
    precis_error err = { 0, "" };
    if (precis_ctx_new(&ctx, &err) || precis_ctx_prepare(ctx, &err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    size_t bytes = 0, sentences = 0, tokens = 0;
    double t0 = bench_now();
    for (int r = 0; r < reps; r++) {
        for (size_t i = 0; i < n; i++) {
            size_t len;
            char *data = bench_read(files[i], &len);
            precis_article *a;
            if (!data || precis_load_buffer(ctx, files[i], data, len,
                                            PRECIS_FORMAT_TEXT, &a, &err)
                || precis_analyze(ctx, a, &err)) {
                fprintf(stderr, "%s: %s\n", files[i], err.message);
                return 1;
            }
            if (r == 0) {
                bytes += len;
                sentences += precis_article_count(a, "sentences");
                tokens += precis_article_count(a, "tokens");
            }
            precis_article_free(a);
            free(data);
        }
    }
    double ours = (bench_now() - t0) / reps;
    char **argv_wc = calloc(n + 3, sizeof *argv_wc);
    argv_wc[0] = "wc";
    argv_wc[1] = "-w";
    for (size_t i = 0; i < n; i++)
        argv_wc[i + 2] = files[i];
    setenv("LC_ALL", "C", 1);
    double wc = bench_time_command(argv_wc, reps);
    double mb = (double)bytes / 1e6;
    printf("summ-dev: %zu articles, %.2f MB, %zu sentences, %zu tokens\n",
           n, mb, sentences, tokens);
    printf("precis load+classify+segment+tokenize+stem: %.1f ms/pass, "
           "%.1f MB/s, %.0f articles/s\n", ours * 1e3, mb / ours,
           (double)n / ours);
    if (wc > 0)
        printf("LC_ALL=C wc -w (whole process):             %.1f ms/pass, "
               "%.1f MB/s\n", wc * 1e3, mb / wc);
    if (wc > 0)
        printf("precis / wc speed ratio: %.2f (target >= 0.25)\n",
               wc / ours);
    free(argv_wc);
    bench_free_list(files, n);
    precis_ctx_free(ctx);
    return 0;
}
