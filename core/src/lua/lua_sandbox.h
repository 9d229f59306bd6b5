/*
 * lua_sandbox.h - one Lua 5.4 state with limits a script cannot escape.
 *
 * The state has an allow-listed standard library (base functions,
 * string without dump, table, math, utf8, coroutine), a text-only load,
 * a require that reads only lib/ modules from the script directories, and
 * no io, os, package or debug: using one of those fails with its name.
 *
 * Limits: memory (a counting allocator), VM instructions and wall-clock
 * time per call (a count hook, and lua_sandbox_check in library loops).
 * When a limit is reached the hook raises an error on every instruction
 * from then on, so a script that catches the error with pcall is stopped
 * again at once, until the call returns.
 *
 * Every use of the state goes through lua_sandbox_call(), which runs a C
 * function in protected mode under fresh limits: no Lua API call that
 * could raise is ever made outside it.
 */
#ifndef PRECIS_LUA_SANDBOX_H
#define PRECIS_LUA_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

#include "precis.h"

typedef struct lua_sandbox lua_sandbox;

typedef struct lua_sandbox_limits {
    size_t memory;          /* bytes the state may hold */
    int64_t instructions;   /* VM instructions per call */
    int64_t time_ms;        /* wall-clock milliseconds per call */
} lua_sandbox_limits;

/* The outcome of a call that failed. */
typedef struct lua_sandbox_error {
    int code;               /* PRECIS_ESTAGE, ELIMIT, ETIMEOUT, ENOMEM */
    char message[768];      /* "file:line: what happened" */
    char traceback[1024];   /* "stack traceback: …", or "" */
} lua_sandbox_error;

/*
 * Makes a state.  dirs (ndirs strings, copied) are searched in order for
 * require'd modules as DIR/lib/NAME.lua.  user is returned by
 * lua_sandbox_user() to C functions running in the state.  NULL with err
 * set when out of memory or when the limits leave no room for the
 * standard library.
 */
lua_sandbox *lua_sandbox_new(const lua_sandbox_limits *lim,
                             const char *const *dirs, size_t ndirs,
                             void *user, precis_error *err);

/* Closes the state (under the limits, so finalizers cannot hang). */
void lua_sandbox_free(lua_sandbox *sb);

lua_State *lua_sandbox_state(lua_sandbox *sb);

/* The user pointer of the sandbox owning L (any of its threads). */
void *lua_sandbox_user(lua_State *L);

/*
 * Calls fn(L) in protected mode with ud as its only argument (a light
 * userdata), under fresh limits.  Returns PRECIS_OK, or a negative code
 * with *e filled: the error's text with the script's file:line, and the
 * traceback.  The stack is left as it was before the call.
 */
int lua_sandbox_call(lua_sandbox *sb, lua_CFunction fn, void *ud,
                     lua_sandbox_error *e);

/* For C functions running in the state that may loop long: raises the
 * time-limit error (as the hook would) when the call's time is up or a
 * limit was reached; returns otherwise.  Cheap enough for every few
 * thousand steps. */
void lua_sandbox_check(lua_State *L);

/* For C functions running in the state: counts bytes the host keeps
 * for the script (an article it writes to) against the memory limit
 * until the call ends; raises the memory-limit error when over. */
void lua_sandbox_charge(lua_State *L, size_t bytes);

/* Reads path and loads it as a text chunk named name (for messages);
 * pushes the function.  Raises on error; for use inside a call. */
void lua_sandbox_loadfile(lua_State *L, const char *path, const char *name);

/* 1 when a message starts by naming its place ("file.lua:12: …"). */
int lua_sandbox_has_where(const char *msg);

/* Bytes the state holds now. */
size_t lua_sandbox_memory(const lua_sandbox *sb);

/* A short name for a script file, for messages: the path itself when
 * short, else its last two components. */
void lua_sandbox_chunkname(const char *path, char *buf, size_t size);

/* Pushes the call's arguments as strings (tostring) joined by sep, as
 * print does, and returns it (valid while it is on the stack). */
const char *lua_sandbox_join(lua_State *L, char sep);

#endif
