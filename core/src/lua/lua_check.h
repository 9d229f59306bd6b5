/*
 * lua_check.h - what `precis lua check` needs from the Lua host beyond
 * lua_host.h: every stage one script registers, with its kind and line.
 */
#ifndef PRECIS_LUA_CHECK_H
#define PRECIS_LUA_CHECK_H

#include <stddef.h>

#include "precis.h"
#include "lua/lua_host.h"

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
