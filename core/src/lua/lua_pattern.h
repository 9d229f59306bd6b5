/*
 * lua_pattern.h - Lua's pattern functions under the sandbox's time
 * limit (lua_pattern.c).
 */
#ifndef PRECIS_LUA_PATTERN_H
#define PRECIS_LUA_PATTERN_H

#include <lua.h>

/* Replaces find, match, gmatch and gsub of the global string table;
 * check (the sandbox's lua_sandbox_check) is called every few thousand
 * steps and raises when the call's time is up.  For use inside a sandbox
 * call. */
void lua_pattern_open(lua_State *L, void (*check)(lua_State *L));

#endif
