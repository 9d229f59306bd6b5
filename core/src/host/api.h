/*
 * api.h - the function table handed to plug-ins, and the context each
 * stage callback runs in.
 */
#ifndef PRECIS_API_H
#define PRECIS_API_H

#include "precis.h"
#include "base/arena.h"

typedef struct pipe_stage pipe_stage;

struct precis_stage_ctx {
    precis_ctx *ctx;
    const pipe_stage *stage;    /* NULL during init */
    precis_article *article;    /* NULL in create/destroy */
    arena scratch;              /* api->scratch(); freed after the call */
    int failed;                 /* api->fail() was called */
    int code;
    char message[1024];
};

/* The host's table; static, valid for the life of the process. */
const precis_api *api_table(void);

/* While a plug-in's init runs, registration errors are written here so
 * the loader can report them even if init ignores the return value. */
void api_set_init_error(precis_error *err);

/* Prepares a context for one callback; release with api_ctx_done(). */
void api_ctx_init(precis_stage_ctx *sc, precis_ctx *ctx,
                  const pipe_stage *st, precis_article *a);
void api_ctx_done(precis_stage_ctx *sc);

/* Registration entry point used by api->register_stage (registry.c). */
int reg_register(precis_plugin *p, const precis_stage_def *d,
                 precis_error *err);

#endif
