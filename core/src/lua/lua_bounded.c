/*
 * lua_bounded.c - string.rep, table.insert, table.remove and table.move
 * for the sandbox: the same results, but no loop a script can make long
 * runs out of reach of the time limit.
 *
 * The hook that enforces the limits runs between Lua instructions, never
 * inside a C function.  These functions loop as many times as their
 * arguments say without allocating anything that the memory limit would
 * stop: string.rep("", math.maxinteger) copies nothing 2^63 times,
 * table.move({}, 1, math.maxinteger - 1, 2) moves nils, and a table
 * whose __len says 2^62 makes table.insert shift that many slots.  Here
 * rep answers what needs no copying at once, and the table functions
 * ask the sandbox every BOUNDED_STEP elements whether the call's time is
 * up (the check given to lua_bounded_open).  Their semantics are the
 * reference manual's (section 6.6).
 */
#include "lua/lua_bounded.h"

#include <lauxlib.h>

enum { BOUNDED_STEP = 1024 };

/* The sandbox's clock; the same function for every state. */
static void (*check_time)(lua_State *L);

enum { NEED_READ = 1, NEED_WRITE = 2, NEED_LEN = 4 };

/* s:rep(n [, sep]): the empty results without the loop; the rest by
 * Lua's own rep (upvalue 1), whose copies the memory limit bounds. */
static int b_rep(lua_State *L)
{
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || (l == 0 && lsep == 0)) {
        lua_pushliteral(L, "");
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int has_field(lua_State *L, int mt, const char *key)
{
    int yes = lua_getfield(L, mt, key) != LUA_TNIL;
    lua_pop(L, 1);
    return yes;
}

/* A table, or a value whose metatable gives what the function needs. */
static void check_table(lua_State *L, int arg, int need)
{
    if (lua_type(L, arg) == LUA_TTABLE)
        return;
    int ok = lua_getmetatable(L, arg);
    if (ok) {
        int mt = lua_gettop(L);
        ok = (!(need & NEED_READ) || has_field(L, mt, "__index"))
          && (!(need & NEED_WRITE) || has_field(L, mt, "__newindex"))
          && (!(need & NEED_LEN) || has_field(L, mt, "__len"));
        lua_pop(L, 1);
    }
    if (!ok)
        luaL_checktype(L, arg, LUA_TTABLE);     /* raises */
}

/* t[to] = t[from] (a2 for the destination), with a look at the clock
 * every BOUNDED_STEP calls. */
static void copy_slot(lua_State *L, int src, lua_Integer from, int dst,
                      lua_Integer to, unsigned *steps)
{
    lua_geti(L, src, from);
    lua_seti(L, dst, to);
    if (++*steps % BOUNDED_STEP == 0 && check_time)
        check_time(L);
}

/* table.insert(t, [pos,] value) */
static int b_insert(lua_State *L)
{
    check_table(L, 1, NEED_READ | NEED_WRITE | NEED_LEN);
    /* The first empty slot (wrapping as Lua's integers do). */
    lua_Integer e = (lua_Integer)((lua_Unsigned)luaL_len(L, 1) + 1u);
    lua_Integer pos = e;
    unsigned steps = 0;
    switch (lua_gettop(L)) {
    case 2:
        break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2,
                      "position out of bounds");
        for (lua_Integer i = e; i > pos; i--)
            copy_slot(L, 1, i - 1, 1, i, &steps);
        break;
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

/* table.remove(t [, pos]) */
static int b_remove(lua_State *L)
{
    check_table(L, 1, NEED_READ | NEED_WRITE | NEED_LEN);
    lua_Integer size = luaL_len(L, 1);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    unsigned steps = 0;
    if (pos != size)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 1,
                      "position out of bounds");
    lua_geti(L, 1, pos);                    /* the result */
    for (; pos < size; pos++)
        copy_slot(L, 1, pos + 1, 1, pos, &steps);
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

/* table.move(a1, f, e, t [, a2]) */
static int b_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int dst = lua_isnoneornil(L, 5) ? 1 : 5;
    unsigned steps = 0;
    check_table(L, 1, NEED_READ);
    check_table(L, dst, NEED_WRITE);
    if (e >= f) {
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3,
                      "too many elements to move");
        lua_Integer n = e - f + 1;
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4,
                      "destination wrap around");
        /* Backwards when the ranges overlap with the destination after
         * the source in the same table. */
        if (t > e || t <= f || (dst != 1 && !lua_compare(L, 1, dst,
                                                          LUA_OPEQ)))
            for (lua_Integer i = 0; i < n; i++)
                copy_slot(L, 1, f + i, dst, t + i, &steps);
        else
            for (lua_Integer i = n - 1; i >= 0; i--)
                copy_slot(L, 1, f + i, dst, t + i, &steps);
    }
    lua_pushvalue(L, dst);
    return 1;
}

void lua_bounded_open(lua_State *L, void (*check)(lua_State *L))
{
    check_time = check;
    lua_getglobal(L, "string");
    lua_getfield(L, -1, "rep");
    lua_pushcclosure(L, b_rep, 1);
    lua_setfield(L, -2, "rep");
    lua_pop(L, 1);
    static const luaL_Reg table_fns[] = {
        { "insert", b_insert },
        { "remove", b_remove },
        { "move", b_move },
        { NULL, NULL }
    };
    lua_getglobal(L, "table");
    luaL_setfuncs(L, table_fns, 0);
    lua_pop(L, 1);
}
