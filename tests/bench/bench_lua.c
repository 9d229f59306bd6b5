/*
 * bench_lua.c - what Lua scripting costs.
 *
 *  1. Summarizing every summ-dev article in-process with a built-in C
 *     summarizer (lead, textrank) against its Lua twin over the core's
 *     helpers (tests/lua/lead.lua, tests/lua/textrank.lua).  Reported
 *     both for the whole summarization (load, analysis, summarizer) and
 *     for the summarizer stage alone.  Target: Lua <= 1.5x C.
 *  2. The cost a Lua stage adds to a single-article run: a session that
 *     builds its pipeline and summarizes one article, with the C stage
 *     and with the Lua one.  Target: < 2 ms.
 *
 * Run by hand: build/tests/bench/bench_lua [REPS] (exit 77 without the
 * corpus).  Timings are thread CPU time, the best of REPS rounds, each
 * round running the C and Lua variants back to back, so that load from
 * other processes hits both alike.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "precis.h"

/* CPU time of this thread: the machine may be busy with other work,
 * which wall clocks would charge to whichever variant it hit. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct doc {
    char *path;
    char *data;
    size_t len;
} doc;

typedef struct variant {
    const char *label;
    const char *use;        /* stage.summary.use */
    double total, stage;    /* best seconds per pass */
} variant;

static precis_ctx *session(const char *use, precis_error *err)
{
    precis_ctx *ctx;
    char set[4200];
    if (precis_ctx_new(&ctx, err))
        return NULL;
    precis_ctx_set_verbosity(ctx, 0);
    snprintf(set, sizeof set, "stage.summary.use=%s", use);
    /* The summarizer alone, so its time is what is measured. */
    if (precis_ctx_set(ctx, "pipeline.stages=summary", err)
        || precis_ctx_set(ctx, set, err) || precis_ctx_prepare(ctx, err)) {
        precis_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

/* One pass over docs; adds the time spent in the pipeline to *stage. */
static int pass(precis_ctx *ctx, const doc *d, size_t n, double *total,
                double *stage, precis_error *err)
{
    double t0 = cpu_now(), in_stage = 0;
    for (size_t i = 0; i < n; i++) {
        precis_article *a;
        if (precis_load_buffer(ctx, d[i].path, d[i].data, d[i].len,
                               PRECIS_FORMAT_TEXT, &a, err)
            || precis_analyze(ctx, a, err))
            return -1;
        double s0 = cpu_now();
        int rc = precis_run(ctx, a, err);
        in_stage += cpu_now() - s0;
        precis_article_free(a);
        if (rc)
            return -1;
    }
    *total = cpu_now() - t0;
    *stage = in_stage;
    return 0;
}

static double min_d(double a, double b)
{
    return a < b ? a : b;
}

static int compare(variant *c, variant *lua, const doc *d, size_t n,
                   int reps)
{
    precis_error err = { 0, "" };
    precis_ctx *cc = session(c->use, &err);
    precis_ctx *lc = cc ? session(lua->use, &err) : NULL;
    if (!cc || !lc) {
        fprintf(stderr, "bench_lua: %s\n", err.message);
        precis_ctx_free(cc);
        return -1;
    }
    c->total = c->stage = lua->total = lua->stage = 1e9;
    for (int r = 0; r < reps; r++) {
        double t, s;
        if (pass(cc, d, n, &t, &s, &err))
            goto fail;
        c->total = min_d(c->total, t);
        c->stage = min_d(c->stage, s);
        if (pass(lc, d, n, &t, &s, &err))
            goto fail;
        lua->total = min_d(lua->total, t);
        lua->stage = min_d(lua->stage, s);
    }
    precis_ctx_free(cc);
    precis_ctx_free(lc);
    return 0;
fail:
    fprintf(stderr, "bench_lua: %s\n", err.message);
    precis_ctx_free(cc);
    precis_ctx_free(lc);
    return -1;
}

/* A whole single-article session: configure, build the pipeline (which
 * loads the script), summarize one article, free. */
static double single_run(const char *use, const doc *d, precis_error *err)
{
    double t0 = cpu_now();
    precis_ctx *ctx = session(use, err);
    if (!ctx)
        return -1;
    precis_article *a;
    int rc = precis_load_buffer(ctx, d->path, d->data, d->len,
                                PRECIS_FORMAT_TEXT, &a, err);
    if (!rc) {
        rc = precis_run(ctx, a, err);
        precis_article_free(a);
    }
    precis_ctx_free(ctx);
    return rc ? -1 : cpu_now() - t0;
}

int main(int argc, char **argv)
{
    int reps = argc > 1 ? atoi(argv[1]) : 5;
    if (reps < 1)
        reps = 1;
    char dir[4096], lead[4200], textrank[4200];
    if (!bench_corpus("summ-dev", dir, sizeof dir))
        return 77;
    snprintf(lead, sizeof lead, "%s/tests/lua/lead.lua", PRECIS_SOURCE_DIR);
    snprintf(textrank, sizeof textrank, "%s/tests/lua/textrank.lua",
             PRECIS_SOURCE_DIR);
    size_t n;
    char **files = bench_list(dir, ".txt", ".ref.txt", &n);
    if (!files || !n) {
        fprintf(stderr, "bench_lua: no articles in %s\n", dir);
        return 1;
    }
    doc *d = calloc(n, sizeof *d);
    for (size_t i = 0; d && i < n; i++) {
        d[i].path = files[i];
        if (!(d[i].data = bench_read(files[i], &d[i].len))) {
            fprintf(stderr, "bench_lua: cannot read %s\n", files[i]);
            return 1;
        }
    }
    variant pairs[2][2] = {
        { { "builtin:lead", "builtin:lead", 0, 0 },
          { "lua lead", lead, 0, 0 } },
        { { "builtin:textrank", "builtin:textrank", 0, 0 },
          { "lua textrank", textrank, 0, 0 } },
    };
    printf("summ-dev: %zu articles, best of %d passes\n", n, reps);
    printf("%-18s %12s %12s %14s\n", "summarizer", "total ms", "stage ms",
           "stage us/art");
    int bad = 0;
    for (int p = 0; p < 2; p++) {
        variant *c = &pairs[p][0], *l = &pairs[p][1];
        if (compare(c, l, d, n, reps))
            return 1;
        for (int k = 0; k < 2; k++) {
            variant *v = &pairs[p][k];
            printf("%-18s %12.1f %12.2f %14.2f\n", v->label, v->total * 1e3,
                   v->stage * 1e3, v->stage * 1e6 / (double)n);
        }
        double rt = l->total / c->total, rs = l->stage / c->stage;
        printf("  Lua / C: whole summarization %.3fx (target <= 1.5), "
               "stage alone %.2fx\n", rt, rs);
        bad |= rt > 1.5;
    }
    /* Single-article runs: the cost of loading the Lua stage. */
    precis_error err = { 0, "" };
    int singles = 20 * reps;
    double best_c = 1e9, best_l = 1e9;
    for (int r = 0; r < singles; r++) {
        double tc = single_run("builtin:lead", &d[0], &err);
        double tl = single_run(lead, &d[0], &err);
        if (tc < 0 || tl < 0) {
            fprintf(stderr, "bench_lua: %s\n", err.message);
            return 1;
        }
        best_c = min_d(best_c, tc);
        best_l = min_d(best_l, tl);
    }
    double added = (best_l - best_c) * 1e3;
    printf("single-article session: C lead %.3f ms, Lua lead %.3f ms; "
           "loading the Lua stage adds %.3f ms (target < 2)\n",
           best_c * 1e3, best_l * 1e3, added);
    bad |= added >= 2.0;
    for (size_t i = 0; i < n; i++)
        free(d[i].data);
    free(d);
    bench_free_list(files, n);
    return bad ? 1 : 0;
}
