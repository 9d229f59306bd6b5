/*
 * apertium.c - the "apertium" translator stage.
 *
 * A translator stage (PRECIS_STAGE_TRANSLATOR) with no run(): the host
 * calls translate() with the segments of an article, usually one
 * sentence each, and gets one result or one error per segment.  A call
 * with no segments only checks that the pair can be done: PRECIS_OK, or
 * PRECIS_ENOTFOUND with a message naming the Debian package to install.
 *
 * Pairs come from the installed .mode files; when no mode translates
 * directly, two are chained through a third language (pt -> es -> en).
 * Each mode used gets one long-lived pipeline (apertium_pipe.c), started
 * on first use and kept until the stage is destroyed.
 */
#include "apertium.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const precis_api *apertium_api;
#define api apertium_api

typedef struct ap_state {
    apertium_modes modes;
    char modes_error[512];      /* why no mode was found, or "" */
    apertium_pipe **pipes;      /* one per mode used; owned */
    size_t npipes;
    apertium_opts o;
    int restart_per_article;
} ap_state;

static const precis_option_def ap_options[] = {
    { .key = "mark_unknown", .type = PRECIS_OPT_BOOL, .def = "false",
      .help = "mark words Apertium does not know (*word), as its -g "
              "output does", .min = 1, .max = 0 },
    { .key = "restart_per_article", .type = PRECIS_OPT_BOOL, .def = "false",
      .help = "start the pipelines afresh for every article, so that the "
              "tagger's state never carries over (reproducible output, "
              "slower)", .min = 1, .max = 0 },
    { .key = "timeout_ms", .type = PRECIS_OPT_INT, .def = "10000",
      .help = "how long one segment may take before the pipeline is "
              "restarted", .min = 10, .max = 3600000 },
    { .key = "start_timeout_ms", .type = PRECIS_OPT_INT, .def = "30000",
      .help = "extra time for the first answer of a fresh pipeline "
              "(loading the dictionaries)", .min = 0, .max = 3600000 },
    { .key = "depth", .type = PRECIS_OPT_INT, .def = "32",
      .help = "segments in flight per pipeline", .min = 1, .max = 4096 },
    { .key = "retries", .type = PRECIS_OPT_INT, .def = "1",
      .help = "times a segment that stops the pipeline is tried again",
      .min = 0, .max = 10 },
    { .key = "modes_dir", .type = PRECIS_OPT_STRING, .def = "",
      .help = "directories of Apertium .mode files, colon-separated; "
              "empty: $APERTIUM_DATADIR/modes, then the installed "
              "apertium's share/apertium/modes", .min = 1, .max = 0 },
};

static int ap_create(precis_stage_ctx *ctx, const precis_options *opt,
                     void **state)
{
    ap_state *st = calloc(1, sizeof *st);
    if (!st)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    st->o.mark_unknown = api->opt_bool(opt, "mark_unknown");
    st->o.timeout_ms = (long)api->opt_int(opt, "timeout_ms");
    st->o.start_timeout_ms = (long)api->opt_int(opt, "start_timeout_ms");
    st->o.depth = (int)api->opt_int(opt, "depth");
    st->o.retries = (int)api->opt_int(opt, "retries");
    st->restart_per_article = api->opt_bool(opt, "restart_per_article");
    /* A missing installation is reported when a translation is asked
     * for, with what to install, not when the stage is made. */
    apertium_modes_scan(api->opt_string(opt, "modes_dir"), &st->modes,
                        st->modes_error, sizeof st->modes_error);
    *state = st;
    return PRECIS_OK;
}

static void ap_destroy(void *state)
{
    ap_state *st = state;
    if (!st)
        return;
    for (size_t i = 0; i < st->npipes; i++)
        apertium_pipe_free(st->pipes[i]);
    free(st->pipes);
    apertium_modes_free(&st->modes);
    free(st);
}

static apertium_pipe *pipe_for(ap_state *st, const apertium_mode *m)
{
    for (size_t i = 0; i < st->npipes; i++)
        if (!strcmp(apertium_pipe_name(st->pipes[i]), m->name))
            return st->pipes[i];
    apertium_pipe **v = realloc(st->pipes, (st->npipes + 1) * sizeof *v);
    if (!v)
        return NULL;
    st->pipes = v;
    apertium_pipe *p = apertium_pipe_new(m);
    if (p)
        st->pipes[st->npipes++] = p;
    return p;
}

static void log_note(void *ud, int level, const char *msg)
{
    api->log(ud, level, "%s", msg);
}

static void free_jobs(apertium_job *jobs, size_t n)
{
    for (size_t i = 0; jobs && i < n; i++) {
        free(jobs[i].out);
        free(jobs[i].err);
    }
    free(jobs);
}

/* Runs one hop over the jobs that are still alive.  A job that failed
 * in an earlier hop keeps its error and is not sent. */
static int run_hop(precis_stage_ctx *ctx, ap_state *st,
                   const apertium_mode *m, apertium_job *jobs, size_t n)
{
    apertium_pipe *p = pipe_for(st, m);
    apertium_job *live = calloc(n ? n : 1, sizeof *live);
    size_t *idx = calloc(n ? n : 1, sizeof *idx);
    if (!p || !live || !idx) {
        free(live), free(idx);
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!jobs[i].err) {
            live[k] = (apertium_job){ .src = jobs[i].src,
                                      .len = jobs[i].len };
            idx[k++] = i;
        }
    char err[768] = "";
    int rc = apertium_pipe_run(p, live, k, &st->o, log_note, ctx, err,
                               sizeof err);
    if (rc) {
        free_jobs(live, k);
        free(idx);
        return api->fail(ctx, PRECIS_EIO, "%s", err);
    }
    for (size_t i = 0; i < k; i++) {
        apertium_job *j = &jobs[idx[i]];
        /* The previous hop's output was this hop's input. */
        free(j->out);
        j->out = live[i].out;
        j->out_len = live[i].out_len;
        j->err = live[i].err;
        if (j->err) {
            free(j->out);
            j->out = NULL;
        }
        j->src = j->out;
        j->len = j->out_len;
    }
    free(live);
    free(idx);
    return PRECIS_OK;
}

static int ap_translate(precis_stage_ctx *ctx, void *state,
                        const char *from, const char *to,
                        const precis_str *in, size_t n, precis_tr_batch *out)
{
    ap_state *st = state;
    if (!st->modes.n)
        return api->fail(ctx, PRECIS_ENOTFOUND, "%s", st->modes_error);
    apertium_lang f, t;
    const apertium_mode *hop[2];
    int hops = 0;
    if (!apertium_lang_parse(from, &f) && !apertium_lang_parse(to, &t))
        hops = apertium_route(&st->modes, &f, &t, hop);
    if (!hops) {
        char msg[1024];
        apertium_missing(&st->modes, from, to, msg, sizeof msg);
        return api->fail(ctx, PRECIS_ENOTFOUND, "%s", msg);
    }
    if (n == 0)
        return PRECIS_OK;
    if (hops == 2)
        api->log(ctx, 2, "%s\u2192%s through a pivot: %s, then %s", from, to,
                 hop[0]->name, hop[1]->name);
    if (st->restart_per_article)
        for (size_t i = 0; i < st->npipes; i++)
            apertium_pipe_stop(st->pipes[i]);
    apertium_job *jobs = calloc(n, sizeof *jobs);
    if (!jobs)
        return api->fail(ctx, PRECIS_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        jobs[i].src = in[i].ptr ? in[i].ptr : "";
        jobs[i].len = in[i].ptr ? in[i].len : 0;
    }
    int rc = PRECIS_OK;
    for (int h = 1; h < hops; h++) {
        /* The second pipeline loads its data while the first works. */
        apertium_pipe *p = pipe_for(st, hop[h]);
        char err[512];
        pid_t was = p ? apertium_pipe_pgid(p) : 0;
        if (p && apertium_pipe_warm(p, &st->o, err, sizeof err))
            api->log(ctx, 1, "%s", err);
        else if (p && apertium_pipe_pgid(p) != was)
            api->log(ctx, 2, "started Apertium pipeline %s (process group "
                     "%ld)", hop[h]->name, (long)apertium_pipe_pgid(p));
    }
    for (int h = 0; h < hops && !rc; h++)
        rc = run_hop(ctx, st, hop[h], jobs, n);
    for (size_t i = 0; i < n && !rc; i++) {
        if (jobs[i].err)
            rc = api->tr_error(out, i, jobs[i].err);
        else
            rc = api->tr_result(out, i, jobs[i].out, jobs[i].out_len);
    }
    free_jobs(jobs, n);
    return rc;
}

static const precis_stage_def ap_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "apertium",
    .help = "translates with Apertium (rule-based, offline): one warm "
            "pipeline per language pair",
    .phase = PRECIS_PHASE_TRANSFORM,
    .flags = PRECIS_STAGE_TRANSLATOR,
    .options = ap_options,
    .noptions = sizeof ap_options / sizeof ap_options[0],
    .provides = "translation",
    .create = ap_create,
    .destroy = ap_destroy,
    .translate = ap_translate,
};

static int ap_init(const precis_api *host, precis_plugin *self)
{
    apertium_api = host;
    return api->register_stage(self, &ap_stage);
}

PRECIS_PLUGIN_DEFINE("apertium", "1.0", "MIT",
                     "Apertium machine translation through warm null-flush "
                     "pipelines", ap_init, NULL)
