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

/*
 * What [stage.NAME] use = e names, for reg_resolve: a relative file is
 * taken from the folder of the configuration file that names it, as
 * [core] plugin_dirs is, so a configuration and its scripts can move
 * together (from the current directory for --set).  Written into buf
 * when it is rebased; otherwise e's value.
 */
const char *pipe_use(const host *h, const cfg_entry *e, char *buf,
                     size_t size);

#endif
