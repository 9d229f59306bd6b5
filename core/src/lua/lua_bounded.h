/*
 * lua_bounded.h - standard functions whose loops a script's arguments
 * size, kept under the sandbox's time limit (lua_bounded.c).
 */
#ifndef PRECIS_LUA_BOUNDED_H
#define PRECIS_LUA_BOUNDED_H

#include <lua.h>

/* Replaces string.rep, table.insert, table.remove and table.move; check
 * (the sandbox's lua_sandbox_check) raises when the call's time is up.
 * For use inside a sandbox call, after the standard library is open. */
void lua_bounded_open(lua_State *L, void (*check)(lua_State *L));

#endif
