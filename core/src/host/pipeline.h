/*
 * pipeline.h - the configured sequence of stage instances.
 *
 * Built once per session from [pipeline] stages and the [stage.NAME]
 * sections: each name is resolved to a registered stage, its options are
 * validated against the stage's schema, the order is checked (each stage's
 * requirements must be provided by an earlier one) and instances are
 * created - all before any article is read.
 */
#ifndef PRECIS_PIPELINE_H
#define PRECIS_PIPELINE_H

#include "precis.h"
#include "base/arena.h"
#include "host/registry.h"
#include "base/vec.h"

typedef struct pipe_stage pipe_stage;

struct precis_options {
    const precis_option_def *defs;  /* the stage's schema */
    size_t n;
    const char **values;            /* one per def; pipeline arena */
};

struct pipe_stage {
    const char *name;           /* instance name in [pipeline] stages */
    const reg_stage *impl;
    precis_options opts;
    void *state;                /* from create() */
    int created;
    const char *provider;       /* "plugin:hello 1.0 (/path/hello.so)" */
};

typedef struct pipeline {
    VEC(pipe_stage) st;
    arena mem;
} pipeline;

/* The pipeline the configuration describes (see above). */
int pipe_build(precis_ctx *ctx, pipeline **out, precis_error *err);
void pipe_free(precis_ctx *ctx, pipeline *p);

/* Runs every stage on the article.  On failure err names the stage, its
 * provider and the article. */
int pipe_run(precis_ctx *ctx, pipeline *p, precis_article *a,
             precis_error *err);

/* Resolves "builtin:X", "plugin:X", "lua:X", a script path or "X". */
const reg_stage *pipe_resolve(precis_ctx *ctx, const char *use,
                              precis_error *err);

/* What is running now, for a crash handler: "stage 'x' (plugin:y …) on
 * article 'z'", or NULL.  Safe to read from a signal handler. */
const char *pipe_current(void);

/* Names a stage instance and reads its options from [stage.NAME] (checked
 * against the stage's schema); strings go to mem. */
int pipe_stage_setup(precis_ctx *ctx, arena *mem, const char *name,
                     const reg_stage *impl, pipe_stage *ps,
                     precis_error *err);

/* Runs the stage's create(); ps->created says whether destroy is due. */
int pipe_stage_create(precis_ctx *ctx, pipe_stage *ps, precis_error *err);

/* The stage instance providing translation, or NULL. */
const pipe_stage *pipe_translator(const pipeline *p);

/* Option values for a stage with no configuration section: defaults. */
int pipe_default_options(arena *mem, const precis_stage_def *def,
                         precis_options *out);

#endif
