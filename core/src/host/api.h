/*
 * api.h - the function table handed to plug-ins, and the context each
 * stage callback runs in.
 */
#ifndef PRECIS_API_H
#define PRECIS_API_H

#include "precis.h"
#include "base/arena.h"
#include "host/host.h"

typedef struct stage_inst stage_inst;

struct precis_stage_ctx {
    host *host;                 /* the session's host */
    const stage_inst *stage;    /* NULL during init and outside stages */
    precis_article *article;    /* NULL in create/destroy */
    arena scratch;              /* api->scratch(); freed after the call */
    int failed;                 /* api->fail() was called */
    int code;
    char message[1024];
};

/* The host's table; static, valid for the life of the process. */
const precis_api *api_table(void);

/* Prepares a context for one callback; release with api_ctx_done(). */
void api_ctx_init(precis_stage_ctx *sc, host *h, const stage_inst *st,
                  precis_article *a);
void api_ctx_done(precis_stage_ctx *sc);

#endif
