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
#include "base/vec.h"
#include "host/host.h"
#include "host/stage.h"

typedef struct pipeline {
    VEC(stage_inst) st;
    arena mem;
} pipeline;

/* The pipeline the configuration describes (see above); the caller frees
 * it with pipe_free(). */
int pipe_build(host *h, pipeline **out, precis_error *err);
void pipe_free(pipeline *p);

/* Runs every stage on the article.  On failure err names the stage, its
 * provider and the article. */
int pipe_run(host *h, pipeline *p, precis_article *a, precis_error *err);

/* The stage instance providing translation, or NULL. */
const stage_inst *pipe_translator(const pipeline *p);

#endif
