/*
 * ctx.h - the session object behind precis_ctx.
 */
#ifndef PRECIS_CTX_H
#define PRECIS_CTX_H

#include "precis.h"
#include "text/classify.h"
#include "base/config.h"
#include "input/load.h"
#include "text/token.h"
#include "base/vec.h"

typedef struct registry registry;
typedef struct pipeline pipeline;

struct precis_ctx {
    config cfg;
    int verbosity;
    int prepared;
    char profile[64];

    /* Parsed from the configuration by precis_ctx_prepare(). */
    load_opts load;
    precis_format input_format;
    char lang[8];               /* forced language, or "" to detect */
    int on_error_fail;
    precis_budget budget;
    double redundancy;          /* MMR: 0 none, 1 only diversity */

    str_vec sets;     /* --set assignments, re-applied on top */

    void *lua;                  /* lua_host.c's state; owned there */
    void *translate;            /* translate.c's state; owned there */

    tok_cache *tok;
    classify_rules *rules;
    registry *reg;
    pipeline *pipe;
};

/* The core's own sections and their keys, for checks and for
 * config/precis.ini. */
typedef struct ctx_section {
    const char *name;
    const precis_option_def *keys;
    size_t nkeys;
} ctx_section;

extern const ctx_section ctx_sections[];
extern const size_t ctx_nsections;

/* The number of keys of a section (some schemas live in other modules). */
size_t ctx_section_len(const ctx_section *s);

/* Looks a key of the core's own sections up; NULL when unknown. */
const precis_option_def *ctx_option(const char *section, const char *key);

#endif
