/*
 * lua_host.h - Lua 5.4 scripts as stages.
 */
#ifndef PRECIS_LUA_HOST_H
#define PRECIS_LUA_HOST_H

#include "precis.h"
#include "host/registry.h"

/* Loads the script at path (once) and returns the stage it registers
 * under the file's base name, or its only stage; NULL with err set. */
const reg_stage *lua_host_load_path(precis_ctx *ctx, const char *path,
                                    precis_error *err);

/* Finds NAME.lua on the script path, loads it and returns stage NAME;
 * NULL with err->code PRECIS_ENOTFOUND when there is no such script. */
const reg_stage *lua_host_load_named(precis_ctx *ctx, const char *name,
                                     precis_error *err);

/* Loads every script on the script path; failures go to report. */
int lua_host_load_all(precis_ctx *ctx, void (*report)(void *, const char *),
                      void *ud);

/* Frees every script state of the context. */
void lua_host_shutdown(precis_ctx *ctx);

#endif
