/*
 * lua_host.c - Lua scripts as stages (not built yet: every lookup reports
 * that no script provides the stage).
 */
#include "lua_host.h"

#include "diag.h"

const reg_stage *lua_host_load_path(precis_ctx *ctx, const char *path,
                                     precis_error *err)
{
    (void)ctx;
    diag_set(err, PRECIS_ENOTFOUND, "%s: Lua scripts are not supported by "
             "this build", path);
    return NULL;
}

const reg_stage *lua_host_load_named(precis_ctx *ctx, const char *name,
                                     precis_error *err)
{
    (void)ctx;
    diag_set(err, PRECIS_ENOTFOUND, "no script '%s.lua'", name);
    return NULL;
}

int lua_host_load_all(precis_ctx *ctx, void (*report)(void *, const char *),
                      void *ud)
{
    (void)ctx;
    (void)report;
    (void)ud;
    return 0;
}

void lua_host_shutdown(precis_ctx *ctx)
{
    (void)ctx;
}
