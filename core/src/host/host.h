/*
 * host.h - what the host layer (registry, stage instances, pipeline, api
 * table) works with: one struct the session fills and owns.
 *
 * The host knows stages only as precis_stage_def.  Services that other
 * layers provide to stages through the api table (translation) come in as
 * function pointers set by the session, so the host names neither Lua nor
 * any translator.
 *
 * THREADS.  One host per session; a session is used by one thread at a
 * time.
 */
#ifndef PRECIS_HOST_H
#define PRECIS_HOST_H

#include "precis.h"
#include "base/arena.h"
#include "base/config.h"
#include "base/diag.h"

typedef struct registry registry;

/* The results of one translation request (api->tr_result/tr_error write
 * here; everything is copied into mem). */
struct precis_tr_batch {
    size_t n;
    const char **text;      /* n results; NULL until reported; mem */
    const char **error;     /* n errors; NULL when none; mem */
    arena *mem;
};

/*
 * Translates in[0, n) from -> to for the article a (NULL outside a run;
 * used in messages) into out (n, text, error and mem set up by the
 * caller).  Returns PRECIS_OK, or a code with err filled; per-segment
 * failures are in out->error.  *engine, when not NULL, receives the
 * engine's name, valid for the session.
 */
typedef int (*host_translate_fn)(void *ud, precis_article *a,
                                 const char *from, const char *to,
                                 const precis_str *in, size_t n,
                                 precis_tr_batch *out, const char **engine,
                                 precis_error *err);

/* How deep api->run_scorer may nest: a scorer asking for a scorer that
 * asks for another, and so on. */
#define HOST_SCORING_DEPTH 8

typedef struct host {
    registry *reg;              /* the session's; never NULL once ready */
    const config *cfg;          /* where [stage.NAME] options come from */
    precis_budget budget;       /* the summary length the user asked for */
    double redundancy;          /* MMR weight for scripts' select_top */
    diag_sink log;              /* where messages go */
    host_translate_fn translate;    /* NULL: no translation service */
    void *translate_ud;
    /* The stages api->run_scorer runs now, the one that asked first at
     * [0]: a stage that asks for one of them (itself, or A -> B -> A)
     * would recurse until the stack ran out, so it is refused. */
    const struct reg_stage *scoring[HOST_SCORING_DEPTH + 1];
    size_t nscoring;
    int translating;            /* a translator runs (whoever calls it
                                 * sets this): api->translate refuses */
} host;

/* api->tr_result and api->tr_error: copy into b->mem. */
int host_tr_result(precis_tr_batch *b, size_t i, const char *text,
                   size_t len);
int host_tr_error(precis_tr_batch *b, size_t i, const char *msg);

#endif
