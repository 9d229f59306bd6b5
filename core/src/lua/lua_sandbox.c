/*
 * lua_sandbox.c - Lua states with an allow-listed library and limits a
 * script cannot escape (see lua_sandbox.h).
 *
 * Why the limits hold:
 *  - Memory: every allocation of the state goes through sb_alloc, which
 *    counts bytes, with what the host keeps for the script during the
 *    call (lua_sandbox_charge: what it writes into the article).
 *    Crossing the cap trips the sandbox; the allocation is still granted
 *    up to a small reserve (so the error, its message and the traceback
 *    can be built), anything beyond the reserve is refused.
 *  - Instructions and time: a count hook runs every HOOK_STEP
 *    instructions in every thread of the state and checks both budgets.
 *    Library functions that can loop long inside one C call (pattern
 *    matching, string.rep, table.insert/remove/move) are replaced by
 *    versions that check the clock as they go (lua_pattern.c,
 *    lua_bounded.c).
 *  - Once tripped, the hook is set to run on every instruction and raises
 *    each time, so pcall, xpcall and coroutines cannot swallow the stop:
 *    the first Lua instruction after a caught error raises again.
 *  - Lua code that would run with hooks disabled cannot be written:
 *    setmetatable refuses __gc (finalizers) and __close (run with hooks
 *    off when a coroutine killed by a stop is closed), no userdata
 *    reaches scripts except the host's own, xpcall runs its handler
 *    after unwinding (Lua runs a handler for an error raised by a hook
 *    with hooks off), and a coroutine a stop killed is never closed (its
 *    __close methods would run with hooks off).
 *  - No binary chunks (which could break the VM's invariants): every load
 *    is in text mode and string.dump does not exist.
 */
#include "lua/lua_sandbox.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>

#include "base/diag.h"
#include "lua/lua_bounded.h"
#include "lua/lua_pattern.h"

#define HOOK_STEP 1000
#define MAX_SCRIPT_BYTES (16u << 20)

enum { TRIP_NONE = 0, TRIP_MEMORY, TRIP_INSTRUCTIONS, TRIP_TIME };

struct lua_sandbox {
    lua_State *L;
    void *user;
    lua_sandbox_limits lim;
    size_t used;            /* bytes held by the state */
    size_t host;            /* bytes the host holds for the script,
                             * charged during this call */
    size_t reserve;         /* granted beyond the cap once tripped */
    int64_t instr;          /* instructions of this call, in steps */
    int64_t deadline_ns;    /* CLOCK_MONOTONIC */
    int in_call;
    int tripped;            /* TRIP_* */
    char where[256];        /* "file:line" where the trip was raised */
    char near[256];         /* where the script was when memory ran high */
    char **dirs;            /* module directories, owned */
    size_t ndirs;
};

/* Registry keys. */
static const char LOADED_KEY[] = "precis.sandbox.loaded";
static const char STD_KEY[] = "precis.sandbox.std";
static char loading_sentinel;

static lua_sandbox *sb_of(lua_State *L)
{
    return *(lua_sandbox **)lua_getextraspace(L);
}

void *lua_sandbox_user(lua_State *L)
{
    lua_sandbox *sb = sb_of(L);
    return sb ? sb->user : NULL;
}

lua_State *lua_sandbox_state(lua_sandbox *sb)
{
    return sb->L;
}

size_t lua_sandbox_memory(const lua_sandbox *sb)
{
    return sb->used;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* ---- limits ---- */

static void sb_hook(lua_State *L, lua_Debug *ar);

static void trip(lua_sandbox *sb, int why)
{
    if (sb->tripped)
        return;
    sb->tripped = why;
    /* Safe at any point, even inside an allocation (lua.c does the same
     * from a signal handler): it only changes the hook fields. */
    lua_sethook(sb->L, sb_hook, LUA_MASKCOUNT, 1);
}

static void lua_where(lua_State *L, char *buf, size_t size);

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    lua_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->used -= old;
        return NULL;
    }
    size_t held = sb->used + sb->host;
    if (nsize > old && held + (nsize - old) > sb->lim.memory) {
        if (!sb->in_call)
            return NULL;
        trip(sb, TRIP_MEMORY);
        if (held + (nsize - old) > sb->lim.memory + sb->reserve) {
            /* Refused outright: no hook will say where.  A new object
             * (ptr NULL) is never a stack being moved, so the main
             * thread's frames can be read now: the line of the script
             * (in a coroutine, of the resume that runs it). */
            if (!ptr && !sb->where[0])
                lua_where(sb->L, sb->where, sizeof sb->where);
            return NULL;
        }
    }
    void *p = realloc(ptr, nsize);
    if (p)
        sb->used = sb->used - old + nsize;
    return p;
}

/* "file:line" of the innermost Lua function running in L, or "". */
static void lua_where(lua_State *L, char *buf, size_t size)
{
    lua_Debug ar;
    buf[0] = '\0';
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
            continue;
        snprintf(buf, size, "%s:%d", ar.short_src, ar.currentline);
        return;
    }
}

static void size_text(size_t n, char *buf, size_t size)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(buf, size, "%zu MiB", n >> 20);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(buf, size, "%zu KiB", n >> 10);
    else
        snprintf(buf, size, "%zu bytes", n);
}

/* What stopped the script, for messages. */
static void trip_reason(const lua_sandbox *sb, char *buf, size_t size)
{
    char n[64];
    switch (sb->tripped) {
    case TRIP_MEMORY:
        size_text(sb->lim.memory, n, sizeof n);
        snprintf(buf, size, "memory limit reached (%s; raise [lua] "
                 "memory_limit)", n);
        break;
    case TRIP_INSTRUCTIONS:
        snprintf(buf, size, "instruction limit reached (%lld Lua "
                 "instructions; raise [lua] instruction_limit)",
                 (long long)sb->lim.instructions);
        break;
    case TRIP_TIME:
        snprintf(buf, size, "time limit reached (%lld ms; raise [lua] "
                 "time_limit_ms)", (long long)sb->lim.time_ms);
        break;
    default:
        snprintf(buf, size, "stopped");
    }
}

/* Raises the stop: pcall may catch it, but the thread's hook now fires
 * on every instruction (trip() set only the main thread's), so the next
 * instruction raises again. */
static void raise_stop(lua_State *L, lua_sandbox *sb)
{
    lua_sethook(L, sb_hook, LUA_MASKCOUNT, 1);
    char reason[160], where[256];
    lua_where(L, where, sizeof where);
    if (!sb->where[0])
        snprintf(sb->where, sizeof sb->where, "%s", where);
    trip_reason(sb, reason, sizeof reason);
    lua_pushfstring(L, "%s%s%s", where, where[0] ? ": " : "", reason);
    lua_error(L);
}

static void sb_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sandbox *sb = sb_of(L);
    /* An allocation refused outright raises no hook, so keep track of
     * where a script holding much memory is, for that message. */
    if (sb->used > sb->lim.memory / 2 && !sb->tripped)
        lua_where(L, sb->near, sizeof sb->near);
    if (!sb->tripped) {
        sb->instr += lua_gethookcount(L);
        if (sb->instr >= sb->lim.instructions)
            trip(sb, TRIP_INSTRUCTIONS);
        else if (now_ns() >= sb->deadline_ns)
            trip(sb, TRIP_TIME);
        else if (lua_gethookcount(L) != HOOK_STEP)
            /* A coroutine still set to fire on every instruction by an
             * earlier call's stop. */
            lua_sethook(L, sb_hook, LUA_MASKCOUNT, HOOK_STEP);
    }
    if (sb->tripped)
        raise_stop(L, sb);
}

void lua_sandbox_charge(lua_State *L, size_t bytes)
{
    lua_sandbox *sb = sb_of(L);
    if (!sb || !sb->in_call)
        return;
    sb->host += bytes;
    if (!sb->tripped && sb->used + sb->host > sb->lim.memory)
        trip(sb, TRIP_MEMORY);
    if (sb->tripped)
        raise_stop(L, sb);
}

void lua_sandbox_check(lua_State *L)
{
    lua_sandbox *sb = sb_of(L);
    if (!sb || !sb->in_call)
        return;
    if (!sb->tripped && now_ns() >= sb->deadline_ns)
        trip(sb, TRIP_TIME);
    if (sb->tripped)
        raise_stop(L, sb);
}

static void reset_budget(lua_sandbox *sb)
{
    sb->instr = 0;
    sb->host = 0;
    sb->tripped = 0;
    sb->where[0] = '\0';
    sb->near[0] = '\0';
    int64_t ms = sb->lim.time_ms > 0 ? sb->lim.time_ms : 1;
    sb->deadline_ns = now_ns() + ms * 1000000;
    lua_sethook(sb->L, sb_hook, LUA_MASKCOUNT, HOOK_STEP);
}

/* ---- the protected call ---- */

int lua_sandbox_has_where(const char *m)
{
    /* "file:12: …": a colon, digits, a colon, before the first line
     * ends (a chunk name may hold colons and spaces of its own). */
    for (const char *p = m; *p && *p != '\n' && p - m < 300; p++) {
        if (*p != ':' || !(p[1] >= '0' && p[1] <= '9'))
            continue;
        const char *q = p + 1;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q == ':')
            return 1;
    }
    return 0;
}

/* Runs where the error was raised, the stack still whole: a message
 * without a place (one a library function raised, or error(x, 0), or an
 * error object) gets the line of the script that was running. */
static int msg_handler(lua_State *L)
{
    const char *m = lua_tostring(L, 1);
    if (!m)
        m = lua_pushfstring(L, "(error object is a %s value)",
                            luaL_typename(L, 1));
    char where[256];
    if (!lua_sandbox_has_where(m)) {
        lua_where(L, where, sizeof where);
        if (where[0])
            m = lua_pushfstring(L, "%s: %s", where, m);
    }
    luaL_traceback(L, L, m, 1);
    return 1;
}

/* Splits "message\nstack traceback:\n…" into e. */
static void take_error(lua_State *L, int status, lua_sandbox_error *e)
{
    const char *m = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
                                                   : NULL;
    if (!m)
        m = status == LUA_ERRMEM ? "not enough memory" : "unknown error";
    const char *tb = strstr(m, "\nstack traceback:");
    size_t n = tb ? (size_t)(tb - m) : strlen(m);
    if (n >= sizeof e->message)
        n = sizeof e->message - 1;
    memcpy(e->message, m, n);
    e->message[n] = '\0';
    snprintf(e->traceback, sizeof e->traceback, "%s", tb ? tb + 1 : "");
}

int lua_sandbox_call(lua_sandbox *sb, lua_CFunction fn, void *ud,
                     lua_sandbox_error *e)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L);
    int nested = sb->in_call;
    if (!nested) {
        reset_budget(sb);
        sb->in_call = 1;
    }
    /* Light C functions and light userdata do not allocate: nothing here
     * can raise outside the protected call.  Stack: msgh fn ud */
    lua_pushcfunction(L, msg_handler);
    lua_pushcfunction(L, fn);
    lua_pushlightuserdata(L, ud);
    int status = lua_pcall(L, 1, 0, base + 1);
    int rc = PRECIS_OK;
    if (status != LUA_OK) {
        memset(e, 0, sizeof *e);
        take_error(L, status, e);
        if (sb->tripped) {
            char reason[160];
            const char *at = sb->where[0] ? sb->where : sb->near;
            trip_reason(sb, reason, sizeof reason);
            snprintf(e->message, sizeof e->message, "%s%s%s", at,
                     at[0] ? ": " : "", reason);
            e->code = sb->tripped == TRIP_TIME ? PRECIS_ETIMEOUT
                                               : PRECIS_ELIMIT;
        } else {
            e->code = status == LUA_ERRMEM ? PRECIS_ENOMEM : PRECIS_ESTAGE;
        }
        rc = e->code;
    }
    lua_settop(L, base);
    if (!nested) {
        if (sb->tripped) {
            /* What the stopped script left unreachable goes now, so the
             * next call starts under the cap when it can.  No script code
             * runs here: scripts cannot set finalizers. */
            sb->tripped = 0;
            lua_gc(L, LUA_GCCOLLECT);
        }
        sb->in_call = 0;
        reset_budget(sb);
    }
    return rc;
}

/* ---- loading chunks ---- */

void lua_sandbox_chunkname(const char *path, char *buf, size_t size)
{
    size_t n = strlen(path);
    if (n <= 48) {
        snprintf(buf, size, "%s", path);
        return;
    }
    /* Lua shortens long chunk names from the left on its own; keep the
     * useful end instead: "…/scripts/tweet.lua". */
    const char *p = path + n;
    int slashes = 0;
    while (p > path && slashes < 2)
        if (*--p == '/')
            slashes++;
    snprintf(buf, size, "...%s", p);
}

void lua_sandbox_loadfile(lua_State *L, const char *path, const char *name)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        luaL_error(L, "cannot open %s: %s", name, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)
        || st.st_size > MAX_SCRIPT_BYTES) {
        fclose(f);
        luaL_error(L, "%s: not a regular file of at most %d MiB", name,
                   (int)(MAX_SCRIPT_BYTES >> 20));
    }
    size_t len = (size_t)st.st_size;
    /* The buffer is a userdata, so an error below cannot leak it; the
     * FILE is closed before anything that can raise. */
    char *buf = lua_newuserdatauv(L, len + 1, 0);
    size_t got = fread(buf, 1, len, f);
    int bad = ferror(f);
    fclose(f);
    if (bad || got != len)
        luaL_error(L, "cannot read %s", name);
    lua_pushfstring(L, "@%s", name);
    int status = luaL_loadbufferx(L, buf, len, lua_tostring(L, -1), "t");
    if (status != LUA_OK)
        lua_error(L);
    lua_replace(L, -3);     /* stack: chunk name → chunk */
    lua_pop(L, 1);
}

/* ---- the library ---- */

static const char *const std_modules[] = {
    "string", "table", "math", "utf8", "coroutine", NULL
};

static const char *const blocked_names[] = {
    "io", "os", "package", "debug", "dofile", "loadfile", NULL
};

/* Globals scripts keep: base functions and the standard modules.  The
 * rest of the base library goes (print is replaced, load and
 * setmetatable are wrapped, require is the sandbox's own). */
static const char *const globals_allowed[] = {
    "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
    "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable",
    "tonumber", "tostring", "type", "xpcall", "collectgarbage", "load",
    "_G", "_VERSION", "string", "table", "math", "utf8", "coroutine", NULL
};

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (!strcmp(*list, s))
            return 1;
    return 0;
}

static int blocked_error(lua_State *L, const char *what)
{
    return luaL_error(L, "'%s' is not available in the precis sandbox "
                      "(scripts cannot use io, os, package, debug or "
                      "files; see scripts/README.md)", what);
}

/* __index of the global table: naming a blocked library fails with its
 * name instead of yielding a puzzling nil. */
static int globals_index(lua_State *L)
{
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2)
                                                  : NULL;
    if (k && in_list(blocked_names, k))
        return blocked_error(L, k);
    return 0;
}

static int no_dump(lua_State *L)
{
    return blocked_error(L, "string.dump");
}

/* load(chunk [, name [, mode [, env]]]) in text mode only. */
static int safe_load(lua_State *L)
{
    if (lua_type(L, 1) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, 1, &n);
        if (n && s[0] == LUA_SIGNATURE[0])
            return luaL_error(L, "load: binary chunks (bytecode) are not "
                              "allowed in the precis sandbox");
    }
    int nargs = lua_gettop(L);
    lua_pushvalue(L, lua_upvalueindex(1));          /* original load */
    lua_pushvalue(L, 1);
    if (nargs >= 2)
        lua_pushvalue(L, 2);
    else
        lua_pushnil(L);
    lua_pushliteral(L, "t");
    if (nargs >= 4)
        lua_pushvalue(L, 4);
    lua_call(L, nargs >= 4 ? 4 : 3, 2);
    if (lua_isnil(L, -2) && lua_type(L, -1) == LUA_TSTRING
        && strstr(lua_tostring(L, -1), "binary chunk"))
        return luaL_error(L, "load: binary chunks (bytecode) are not "
                          "allowed in the precis sandbox");
    return 2;
}

/*
 * setmetatable without __gc and __close: finalizers run with hooks off,
 * and so do the __close methods of a coroutine that a stop killed, when
 * the script later closes it - both out of reach of the limits.
 */
static int safe_setmetatable(lua_State *L)
{
    static const char *const refused[] = { "__gc", "__close" };
    for (int i = 0; i < 2 && lua_type(L, 2) == LUA_TTABLE; i++) {
        lua_pushstring(L, refused[i]);
        if (lua_rawget(L, 2) != LUA_TNIL)
            return luaL_error(L, "setmetatable: %s metamethods are not "
                              "allowed in the precis sandbox", refused[i]);
        lua_pop(L, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

/* xpcall's continuation: on error, calls the handler (at 2) with the
 * error object, after the unwinding. */
static int xpcall_done(lua_State *L, int status, lua_KContext extra)
{
    if (status == LUA_OK || status == LUA_YIELD)
        return lua_gettop(L) - (int)extra;      /* true, results… */
    lua_pushvalue(L, 2);
    lua_insert(L, -2);                          /* handler error */
    lua_call(L, 1, 1);
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;                                   /* false, handled */
}

/*
 * xpcall(f, handler, …) whose handler runs after the error has unwound,
 * not inside the error's raising: a stop is raised from the hook, and Lua
 * runs a handler called from there with hooks off, where it could loop
 * for ever.  Scripts see the same results (they have no debug library
 * to look at the stack the handler would have seen).
 */
static int safe_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushboolean(L, 1);          /* f handler true */
    lua_pushvalue(L, 1);            /* f handler true f */
    lua_rotate(L, 3, 2);            /* f handler true f args… */
    int status = lua_pcallk(L, n - 2, LUA_MULTRET, 0, 2, xpcall_done);
    return xpcall_done(L, status, 2);
}

/*
 * Coroutines.  A coroutine that a stop kills keeps its hooks off (the
 * stop is raised from inside the hook), and Lua runs the __close methods
 * of its pending to-be-closed variables when it is closed: by
 * coroutine.close, or by coroutine.wrap when its coroutine fails.  Those
 * methods would run out of reach of the limits, so here a failed
 * coroutine is never closed: wrap lets the error through and leaves the
 * dead coroutine as it is, and close reports the error without running
 * anything.  (__close is refused by setmetatable, but a script can add
 * it to a metatable afterwards.)
 */
static int wrap_resume(lua_State *L)
{
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int narg = lua_gettop(L), nres;
    if (!lua_checkstack(co, narg))
        return luaL_error(L, "too many arguments to resume");
    lua_xmove(L, co, narg);
    int status = lua_resume(co, L, narg, &nres);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            return luaL_error(L, "too many results to resume");
        }
        lua_xmove(co, L, nres);
        return nres;
    }
    lua_xmove(co, L, 1);                /* the error object */
    if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

static int safe_wrap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushcclosure(L, wrap_resume, 1);
    return 1;
}

static int safe_close(lua_State *L)
{
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co != NULL, 1, "coroutine");
    int st = lua_status(co);
    if (st != LUA_OK && st != LUA_YIELD) {
        lua_pushboolean(L, 0);
        if (lua_gettop(co) > 0) {
            lua_pushvalue(co, -1);
            lua_xmove(co, L, 1);
        } else {
            lua_pushliteral(L, "the coroutine failed");
        }
        return 2;
    }
    lua_pushvalue(L, lua_upvalueindex(1));  /* the original close */
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* print is a message, never output: standard output carries summaries.
 * (The Lua host replaces it with one that names the script and goes to
 * the session's log.) */
static int sb_print(lua_State *L)
{
    diag_log(NULL, 1, "lua: %s", lua_sandbox_join(L, '\t'));
    return 0;
}

const char *lua_sandbox_join(lua_State *L, char sep)
{
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
        if (i < n)
            luaL_addchar(&b, sep);
    }
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

static int valid_module_name(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 100 || s[0] == '.' || s[n - 1] == '.' || strstr(s, ".."))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')
              || (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* require(NAME): the standard modules scripts have, else DIR/lib/NAME.lua
 * from the script directories, once per state. */
static int sb_require(lua_State *L)
{
    lua_sandbox *sb = sb_of(L);
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, LOADED_KEY);     /* 2: loaded */
    if (lua_getfield(L, 2, name) != LUA_TNIL) {
        if (lua_touserdata(L, -1) == &loading_sentinel)
            return luaL_error(L, "require '%s': the module requires itself "
                              "(a loop of requires)", name);
        return 1;
    }
    lua_pop(L, 1);
    lua_getfield(L, LUA_REGISTRYINDEX, STD_KEY);
    if (lua_getfield(L, -1, name) != LUA_TNIL)
        return 1;
    lua_pop(L, 2);
    if (in_list(blocked_names, name))
        return luaL_error(L, "require '%s': module '%s' is not available in "
                          "the precis sandbox (scripts get string, table, "
                          "math, utf8 and coroutine)", name, name);
    if (!valid_module_name(name))
        return luaL_error(L, "require '%s': a module name is letters, "
                          "digits, '_' and dots", name);
    luaL_Buffer rel;
    luaL_buffinit(L, &rel);
    for (const char *p = name; *p; p++)
        luaL_addchar(&rel, *p == '.' ? '/' : *p);
    luaL_pushresult(&rel);                              /* 3: a/b */
    const char *r = lua_tostring(L, 3);
    for (size_t i = 0; i < sb->ndirs; i++) {
        const char *path = lua_pushfstring(L, "%s/lib/%s.lua", sb->dirs[i],
                                           r);
        if (!is_file(path)) {
            lua_pop(L, 1);
            continue;
        }
        char cn[128];
        lua_sandbox_chunkname(path, cn, sizeof cn);     /* 4: path */
        lua_pushlightuserdata(L, &loading_sentinel);
        lua_setfield(L, 2, name);
        lua_sandbox_loadfile(L, path, cn);              /* 5: chunk */
        lua_pushvalue(L, 1);
        lua_pushvalue(L, 4);
        lua_call(L, 2, 1);                              /* 5: module */
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushboolean(L, 1);
        }
        lua_pushvalue(L, -1);
        lua_setfield(L, 2, name);
        return 1;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_pushfstring(L, "require '%s': no lib/%s.lua in the script "
                    "directories (", name, r);
    luaL_addvalue(&b);
    for (size_t i = 0; i < sb->ndirs; i++) {
        luaL_addstring(&b, i ? ", " : "");
        luaL_addstring(&b, sb->dirs[i]);
    }
    luaL_addstring(&b, ")");
    luaL_pushresult(&b);
    return lua_error(L);
}

/* Removes from table t (at idx) every key not in keep. */
static void prune(lua_State *L, int idx, const char *const *keep)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);                    /* keys to remove */
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING
            || !in_list(keep, lua_tostring(L, -1))) {
            lua_pushvalue(L, -1);
            lua_rawseti(L, -3, ++n);
        }
    }
    for (int i = 1; i <= n; i++) {
        lua_rawgeti(L, -1, i);
        lua_pushnil(L);
        lua_rawset(L, idx);
    }
    lua_pop(L, 1);
}

static void wrap_global(lua_State *L, const char *name, lua_CFunction fn)
{
    lua_getglobal(L, name);
    lua_pushcclosure(L, fn, 1);
    lua_setglobal(L, name);
}

static int open_sandbox(lua_State *L)
{
    static const lua_CFunction openers[] = {
        luaopen_string, luaopen_table, luaopen_math, luaopen_utf8,
        luaopen_coroutine
    };
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    lua_pop(L, 1);
    lua_newtable(L);                    /* the standard modules, kept */
    for (int i = 0; std_modules[i]; i++) {
        luaL_requiref(L, std_modules[i], openers[i], 1);
        lua_setfield(L, -2, std_modules[i]);
    }
    lua_setfield(L, LUA_REGISTRYINDEX, STD_KEY);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, LOADED_KEY);
    /* Scripts run the same way every time. */
    lua_getglobal(L, "math");
    lua_getfield(L, -1, "randomseed");
    lua_pushinteger(L, 0);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    lua_getglobal(L, "string");
    lua_pushcfunction(L, no_dump);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    /* Library loops that the hook cannot reach, under the limits. */
    lua_pattern_open(L, lua_sandbox_check);
    lua_bounded_open(L, lua_sandbox_check);
    lua_pushglobaltable(L);
    prune(L, -1, globals_allowed);
    lua_pop(L, 1);
    wrap_global(L, "load", safe_load);
    wrap_global(L, "setmetatable", safe_setmetatable);
    lua_register(L, "xpcall", safe_xpcall);
    lua_getglobal(L, "coroutine");
    lua_pushcfunction(L, safe_wrap);
    lua_setfield(L, -2, "wrap");
    lua_getfield(L, -1, "close");
    lua_pushcclosure(L, safe_close, 1);
    lua_setfield(L, -2, "close");
    lua_pop(L, 1);
    lua_register(L, "print", sb_print);
    lua_register(L, "require", sb_require);
    lua_pushglobaltable(L);
    lua_newtable(L);
    lua_pushcfunction(L, globals_index);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
    return 0;
}

lua_sandbox *lua_sandbox_new(const lua_sandbox_limits *lim,
                             const char *const *dirs, size_t ndirs,
                             void *user, precis_error *err)
{
    lua_sandbox *sb = calloc(1, sizeof *sb);
    if (!sb || !(sb->dirs = calloc(ndirs + 1, sizeof *sb->dirs))) {
        free(sb);
        diag_set(err, PRECIS_ENOMEM, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < ndirs; i++)
        if ((sb->dirs[sb->ndirs] = strdup(dirs[i])))
            sb->ndirs++;
    sb->user = user;
    sb->lim = *lim;
    if (sb->lim.instructions < HOOK_STEP)
        sb->lim.instructions = HOOK_STEP;
    /* Room to build the error and its traceback after the cap. */
    sb->reserve = (1u << 20) + sb->lim.memory / 16;
    sb->L = lua_newstate(sb_alloc, sb);
    if (!sb->L) {
        diag_set(err, PRECIS_ENOMEM, "cannot create a Lua state");
        lua_sandbox_free(sb);
        return NULL;
    }
    *(lua_sandbox **)lua_getextraspace(sb->L) = sb;
    lua_sandbox_error e;
    if (lua_sandbox_call(sb, open_sandbox, NULL, &e)) {
        diag_set(err, e.code, "cannot set up the Lua sandbox: %s",
                 e.message);
        lua_sandbox_free(sb);
        return NULL;
    }
    return sb;
}

void lua_sandbox_free(lua_sandbox *sb)
{
    if (!sb)
        return;
    if (sb->L) {
        reset_budget(sb);
        lua_close(sb->L);
    }
    for (size_t i = 0; i < sb->ndirs; i++)
        free(sb->dirs[i]);
    free(sb->dirs);
    free(sb);
}
