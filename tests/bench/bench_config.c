/*
 * bench_config.c - how loading a configuration grows with its size:
 * files of N sections ([profile.pN], one key each) and of one section of
 * N keys ([translate.glossary]), each loaded and prepared by a new
 * session.  Loading must stay linear: 200,000 sections in about a
 * second.  Prints wall and CPU seconds (the CPU time is the one to read
 * on a busy machine).  Run by hand: build/tests/bench/bench_config [MAX].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "precis.h"

static double cpu_now(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

/* Writes a file of n sections, or of one section of n keys. */
static int write_ini(const char *path, long n, int one_section)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    if (one_section)
        fprintf(f, "[translate.glossary]\n");
    for (long i = 0; i < n; i++) {
        if (one_section)
            fprintf(f, "term%ld = término%ld\n", i, i);
        else
            fprintf(f, "[profile.p%ld]\nsummary.sentences = %ld\n", i,
                    i % 9 + 1);
    }
    return fclose(f);
}

static int load(const char *path, double *wall, double *cpu)
{
    precis_ctx *ctx;
    precis_error err = { 0, "" };
    double w0 = bench_now(), c0 = cpu_now();
    int rc = precis_ctx_new(&ctx, &err);
    if (!rc)
        rc = precis_ctx_load_config(ctx, path, &err);
    if (!rc)
        rc = precis_ctx_prepare(ctx, &err);
    *wall = bench_now() - w0;
    *cpu = cpu_now() - c0;
    if (rc)
        fprintf(stderr, "%s: %s\n", path, err.message);
    precis_ctx_free(ctx);
    return rc;
}

int main(int argc, char **argv)
{
    long max = argc > 1 ? atol(argv[1]) : 200000;
    char path[] = "/tmp/precis-bench-config-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    close(fd);
    static const long sizes[] = { 5000, 10000, 20000, 50000, 100000,
                                  200000, 400000 };
    printf("%-28s %9s %9s %9s\n", "file", "wall s", "cpu s", "cpu us/N");
    int rc = 0;
    for (int kind = 0; kind < 2 && !rc; kind++)
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            long n = sizes[i];
            if (n > max)
                break;
            double wall, cpu;
            if (write_ini(path, n, kind) || load(path, &wall, &cpu)) {
                rc = 1;
                break;
            }
            char what[64];
            snprintf(what, sizeof what, "%ld %s", n,
                     kind ? "keys in one section" : "sections");
            printf("%-28s %9.3f %9.3f %9.2f\n", what, wall, cpu,
                   cpu * 1e6 / (double)n);
        }
    unlink(path);
    return rc;
}
