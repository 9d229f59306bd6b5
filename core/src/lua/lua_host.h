/*
 * lua_host.h - Lua 5.4 scripts as stages: a stage provider ("lua:NAME",
 * *.lua files) the session adds to its registry.
 */
#ifndef PRECIS_LUA_HOST_H
#define PRECIS_LUA_HOST_H

#include "precis.h"
#include "host/host.h"

typedef struct lua_host lua_host;

/* The [lua] section's keys: the sandbox's limits. */
extern const precis_option_def lua_schema[];
extern const size_t lua_schema_len;

/*
 * A Lua host for the session behind h, with limits from opt (values of
 * lua_schema) and the script path dirs (copied); it registers itself as
 * a provider with h->reg.  The caller frees it with lua_host_free() after
 * the pipeline that uses its stages.
 */
int lua_host_new(host *h, const precis_options *opt,
                 const char *const *dirs, size_t ndirs, lua_host **out,
                 precis_error *err);
void lua_host_free(lua_host *lh);

/* The pipeline's instance that --script fills (precis_ctx_set_summarizer),
 * or NULL: a script file used there gives its summarizer, and one with
 * none is refused. */
void lua_host_set_summarizer(lua_host *lh, const char *instance);

/* The script path; *out valid for the host's life. */
size_t lua_host_dirs(const lua_host *lh, const char *const **out);

/* Calls fn once for each folder whose lib/ the loaded scripts take
 * modules from, as their sandboxes do: each script's own folder (where
 * its file really is, links followed), then the script path.  0, or
 * PRECIS_ENOMEM. */
int lua_host_module_dirs(const lua_host *lh,
                         void (*fn)(void *ud, const char *dir), void *ud);

/* ---- what `precis lua check` needs ---- */

typedef struct lua_check_stage {
    const precis_stage_def *def;    /* owned by the host */
    const char *kind;               /* "summarizer", "score", … */
    int line;                       /* where register_stage was called */
} lua_check_stage;

/*
 * Loads the script at path into lh (once, as lua_host_load_path does,
 * but without choosing a stage) and calls fn for each stage it registers,
 * in order.  *memory, when not NULL, receives the bytes its Lua state
 * holds after loading.  Returns PRECIS_OK or a code with err set.
 */
int lua_host_check(lua_host *lh, const char *path,
                   void (*fn)(void *ud, const lua_check_stage *st),
                   void *ud, size_t *memory, precis_error *err);

#endif
