/*
 * lua_script.h - what the Lua host's files share: lua_host.c (scripts,
 * stages, calls), lua_article.c (the article as Lua sees it, and the
 * output object) and lua_helpers.c (the precis.* helpers).  Private to
 * the Lua host; lua_sandbox.h is the state beneath them.
 */
#ifndef PRECIS_LUA_SCRIPT_H
#define PRECIS_LUA_SCRIPT_H

#include <lua.h>

#include "precis.h"
#include "host/host.h"
#include "lua/lua_sandbox.h"
#include "base/vec.h"

typedef struct lua_script lua_script;
typedef struct lua_host lua_host;
typedef struct lua_helpers_cache lua_helpers_cache;

/* One stage a script registered.  def comes first: the registry keeps a
 * pointer to it, and the trampolines get back here from that pointer. */
typedef struct lua_stage {
    precis_stage_def def;
    lua_script *script;
    precis_option_def *opts;    /* owned, with their strings */
    size_t nopts;
    char *name, *help, *requires, *provides;   /* owned */
    const char *kind;           /* static: "summarizer", "score", … */
    int run_ref;                /* registry reference of run() */
    int line;                   /* where register_stage was called */
} lua_stage;

struct lua_script {
    lua_host *lh;               /* the Lua host that loaded it */
    host *h;                    /* the session's host; borrowed */
    lua_sandbox *sb;
    char *path;                 /* as given; owned */
    char *real;                 /* realpath, its identity; owned */
    char *chunk;                /* short name for messages; owned */
    int loading;                /* register_stage() is allowed */
    VEC(lua_stage *) stages;    /* owned */

    /* While a stage runs: the one live article (handles of any other are
     * stale) and the callback's context, for the api calls. */
    precis_article *article;
    precis_stage_ctx *sctx;

    double *scores_buf;         /* lua_article_read_scores(); owned */
    size_t scores_cap;
    lua_helpers_cache *cache;   /* lua_helpers.c's; owned */
};

/*
 * lua_article.c: the article as handles, and the output object.
 */

/* Creates the handle metatables.  Runs inside a call. */
void lua_article_open(lua_State *L);

/* Pushes a handle on the running script's live article, and the output
 * object through which run() changes it. */
void lua_article_push(lua_State *L, lua_script *s);
void lua_article_push_out(lua_State *L, lua_script *s);

/* Applies what run() returned (at idx): nothing, a string (the summary's
 * text) or a list of body sentences, best first, which the user's budget
 * cuts from the top.  Raises on anything else, naming where the run
 * function (at fn) is defined. */
void lua_article_result(lua_State *L, lua_script *s, int idx, int fn);

/* For the helpers: each raises a message starting with fn when the
 * argument at idx is not what it must be. */
precis_article *lua_article_check(lua_State *L, int idx, const char *fn);
size_t lua_article_sentence(lua_State *L, precis_article *a, int idx,
                            const char *fn);    /* 0-based index */
precis_stage_ctx *lua_article_stage_ctx(lua_State *L, const char *fn);
/* "a number", "a sentence": what the value at idx is (pushed). */
const char *lua_article_what(lua_State *L, int idx);
/* A list of n scores (nil is -inf) in the script's reused buffer. */
double *lua_article_read_scores(lua_State *L, int idx, size_t n,
                                const char *fn);
void lua_article_push_scores(lua_State *L, const double *v, size_t n);
/* Raises "fn: <what rc means>". */
int lua_article_fail(lua_State *L, const char *fn, int rc);
/* Raises "fn: <why>" for an api call on sc that returned rc: the call's
 * own message when it left one (its name is fn's part), else as
 * lua_article_fail. */
int lua_article_refused(lua_State *L, const char *fn,
                        const precis_stage_ctx *sc, int rc);

/*
 * Host memory a script's calls leave behind must count against its
 * limit or go when the call ends.  A call that needs scratch memory
 * (api->scratch and the api functions that use it) gets a context of its
 * own, pushed as a userdata whose collector frees that memory, so an
 * error cannot leak it; lua_article_ctx_done() frees it at once when the
 * call ends.  What a call adds to the article itself (fields,
 * annotations, people, quotes, score tables) stays, and is charged to
 * the script: lua_article_footprint() before, lua_article_charge() after.
 * The stage (NULL outside one) is the running stage's.
 */
precis_stage_ctx *lua_article_push_ctx(lua_State *L, lua_script *s);
void lua_article_ctx_done(precis_stage_ctx *sc);
size_t lua_article_footprint(const precis_article *a);
void lua_article_charge(lua_State *L, const precis_article *a,
                        size_t before);

/*
 * lua_helpers.c: precis.tokens, stem, isf, similarity, graph, rank,
 * scores, log, …
 */

/* Fills the table on top of the stack (the precis module). */
void lua_helpers_open(lua_State *L);

/* Drops what helpers cached for the article that just ran. */
void lua_helpers_end_run(lua_script *s);

/* Frees the script's helper caches (stemmers, vectors). */
void lua_helpers_free(lua_script *s);

#endif
