/*
 * stage.h - one stage instance: a registered stage, the options it was
 * given and the state its create() made.
 *
 * This is the one implementation of "set up, create, run and destroy a
 * stage": the pipeline holds a list of these, the session's translator is
 * one, and api->run_scorer makes a short-lived one.  Each callback runs
 * in a precis_stage_ctx made here.  Messages name the
 * instance, its provider and the article, whoever runs it.
 */
#ifndef PRECIS_STAGE_H
#define PRECIS_STAGE_H

#include "precis.h"
#include "base/arena.h"
#include "host/host.h"

typedef struct reg_stage reg_stage;

struct precis_options {
    const precis_option_def *defs;  /* the stage's schema */
    size_t n;
    const char **values;            /* one per def; the setup's arena */
    /* Whose they are, for the getters' warnings about a key the schema
     * lacks or holds as another type (api.c); host NULL for a section
     * that is not a stage's, which gets none. */
    host *host;
    const reg_stage *impl;
    const char *stage;              /* the instance's name */
    const char *provider;           /* as stage_provider() says it */
};

/* The context each stage callback runs in (opaque to plug-ins). */
struct precis_stage_ctx {
    host *host;                 /* the session's host */
    const struct stage_inst *stage;     /* NULL during init */
    precis_article *article;    /* NULL in create/destroy */
    arena scratch;              /* api->scratch(); freed after the call */
    int failed;                 /* api->fail() was called */
    int code;
    char message[1024];         /* one line */
    /* The last call that refused with a message (run_scorer, translate,
     * select, ...): the stage was not failed, but should it return this
     * very code, the message is its own (api_ctx_why). */
    int refused;
    char refusal[1024];         /* one line */
};

typedef struct stage_inst {
    const char *name;           /* instance name ([pipeline] stages) */
    const reg_stage *impl;      /* the registry's; outlives the instance */
    precis_options opts;
    void *state;                /* from create(); the stage's */
    int created;                /* destroy() is due */
    const char *provider;       /* "plugin:hello 1.0 (/path/hello.so)" */
} stage_inst;

/*
 * Names an instance of impl and reads its options from [stage.NAME] of
 * h->cfg, checked against the stage's schema (an unknown key is an error
 * with a suggestion).  Strings go to mem, which must outlive the
 * instance.
 */
int stage_setup(host *h, arena *mem, const char *name, const reg_stage *impl,
                stage_inst *si, precis_error *err);

/* Checks section ([stage.NAME]) against impl's options and "use".  An
 * unknown key gets the nearest option of impl, else the nearest of any
 * registered stage with that stage's name. */
int stage_check_section(host *h, const char *section, const reg_stage *impl,
                        precis_error *err);

/* Says whose options o are (si's, in session h), so that the getters can
 * name the stage in their warnings.  stage_setup does it. */
void stage_options_owner(precis_options *o, host *h, const stage_inst *si);

/* "ORIGIN:NAME VERSION (WHERE)", for messages; in mem, NULL when out of
 * memory. */
const char *stage_provider(arena *mem, const reg_stage *impl);

/* Option values from the schema's defaults alone (strings in mem). */
int stage_default_options(arena *mem, const precis_stage_def *def,
                          precis_options *out);

/* Runs create(); si->created says whether stage_destroy() has work. */
int stage_create(host *h, stage_inst *si, precis_error *err);

/* Runs the stage on the article; on failure err names the instance, its
 * provider and the article (PRECIS_ESTAGE). */
int stage_run(host *h, stage_inst *si, precis_article *a, precis_error *err);

/* stage_run for a stage that runs inside another's run (api->run_scorer):
 * the message says only "stage 'NAME' failed: why", since the outer
 * stage's own message names the plug-in and the article, and scorers
 * nest: a full line per level would leave no room for the why. */
int stage_run_inner(host *h, stage_inst *si, precis_article *a,
                    precis_error *err);

/* Runs destroy() if create() succeeded; the instance is then inert. */
void stage_destroy(stage_inst *si);

/*
 * What is running now, for a crash handler (running.h): "stage 'x'
 * (plugin:y …) on article 'z'", or NULL.  Safe in a signal handler.
 */
const char *stage_current(void);

/* A context for one callback of st (NULL outside a stage) on a (NULL in
 * create/destroy); release with api_ctx_done(). */
void api_ctx_init(precis_stage_ctx *sc, host *h, const stage_inst *st,
                  precis_article *a);
void api_ctx_done(precis_stage_ctx *sc);

/*
 * Why a callback that returned rc on sc failed, for its message: what it
 * gave api->fail(); else the message of the call that refused with the
 * very code it returned; else the code's name.  A positive rc is not a
 * status, and is said to be one that a stage returned.  The text is in sc
 * or static, or written to buf.
 */
const char *api_ctx_why(const precis_stage_ctx *sc, int rc, char *buf,
                        size_t size);

#endif
