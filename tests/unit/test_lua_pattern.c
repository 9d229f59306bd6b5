/*
 * test_lua_pattern.c - the sandbox's pattern functions and bounded
 * library functions against Lua's own.
 *
 * The same Lua code runs in a plain state (Lua's string and table
 * libraries) and in a sandbox (lua_pattern.c, lua_bounded.c): find,
 * match, plain find, gmatch and gsub with a string, a function and a
 * table, on curated cases and on thousands of random patterns and
 * subjects (malformed patterns included: the errors must be the same
 * too).  Then the bombs: each stops at the time limit.
 */
#include "test_util.h"

#include <lauxlib.h>
#include <lualib.h>
#include <time.h>

#include "lua/lua_sandbox.h"

/* Runs every function on (s, p, init) and serialises what each gave. */
static const char driver[] =
    "local function ser(...)\n"
    "  local t = table.pack(...)\n"
    "  local o = {}\n"
    "  for i = 1, t.n do\n"
    "    local v = t[i]\n"
    "    o[#o + 1] = type(v) == 'string' and string.format('%q', v)\n"
    "                or tostring(v)\n"
    "  end\n"
    "  return table.concat(o, ',')\n"
    "end\n"
    "local function all(s, p, init)\n"
    "  local acc = {}\n"
    "  for a, b, c in string.gmatch(s, p, init) do\n"
    "    acc[#acc + 1] = ser(a, b, c)\n"
    "    if #acc > 100 then break end\n"
    "  end\n"
    "  return table.concat(acc, ';')\n"
    "end\n"
    "local function fn(a, b) if b then return a .. '+' .. tostring(b) end\n"
    "  if a == 'a' then return false end return nil end\n"
    "function run(s, p, init)\n"
    "  return table.concat({\n"
    "    ser(pcall(string.find, s, p, init)),\n"
    "    ser(pcall(string.match, s, p, init)),\n"
    "    ser(pcall(string.find, s, p, init, true)),\n"
    "    ser(pcall(all, s, p, init)),\n"
    "    ser(pcall(string.gsub, s, p, '<%0|%1>')),\n"
    "    ser(pcall(string.gsub, s, p, '%%x')),\n"
    "    ser(pcall(string.gsub, s, p, fn, 3)),\n"
    "    ser(pcall(string.gsub, s, p, { a = 'A', b = false, [''] = 'E' })),\n"
    "  }, '\\n')\n"
    "end\n"
    "function tables(n)\n"
    "  local t = {}\n"
    "  for i = 1, n do t[i] = i end\n"
    "  table.insert(t, 'x')\n"
    "  table.insert(t, 1, 'y')\n"
    "  local ok1, e1 = pcall(table.insert, t, n + 5, 'z')\n"
    "  local ok2, e2 = pcall(table.insert, t, 1, 2, 3)\n"
    "  local r = table.remove(t)\n"
    "  local r1 = table.remove(t, 1)\n"
    "  local ok3, e3 = pcall(table.remove, t, n + 9)\n"
    "  table.move(t, 1, 3, 2)\n"
    "  table.move(t, 2, 4, 1)\n"
    "  local u = table.move(t, 1, #t, 3, {})\n"
    "  local ok4, e4 = pcall(table.move, t, -1, math.maxinteger, 1)\n"
    "  local e = {} table.remove(e) table.remove(e, 0) table.remove(e, 1)\n"
    "  return ser(r, r1, #t, #u, ok1, e1, ok2, e2, ok3, e3, ok4, e4,\n"
    "             #e, table.concat(t, ' '), table.concat(u, ' ', 3),\n"
    "             string.rep('ab', 3, ','), string.rep('', 5),\n"
    "             string.rep('x', 0), string.rep('', 2, '-'))\n"
    "end\n";

typedef struct job {
    const char *s, *p;
    size_t ls, lp;
    lua_Integer init;
    const char *fn;         /* "run" or "tables" */
    char *out;              /* malloc'd */
} job;

/* Calls fn in L and keeps its string result in j->out. */
static int call_job(lua_State *L)
{
    job *j = lua_touserdata(L, 1);
    lua_getglobal(L, j->fn);
    int n = 1;
    if (!strcmp(j->fn, "run")) {
        lua_pushlstring(L, j->s, j->ls);
        lua_pushlstring(L, j->p, j->lp);
        lua_pushinteger(L, j->init);
        n = 3;
    } else {
        lua_pushinteger(L, j->init);
    }
    lua_call(L, n, 1);
    size_t len;
    const char *r = lua_tolstring(L, -1, &len);
    j->out = malloc(len + 1);
    memcpy(j->out, r, len);
    j->out[len] = '\0';
    return 0;
}

static int load_driver(lua_State *L)
{
    if (luaL_loadbufferx(L, driver, sizeof driver - 1, "=driver", "t"))
        return lua_error(L);
    lua_call(L, 0, 0);
    return 0;
}

typedef struct pair {
    lua_State *ref;
    lua_sandbox *sb;
} pair;

static pair open_pair(int64_t time_ms)
{
    pair p;
    p.ref = luaL_newstate();
    luaL_openlibs(p.ref);
    assert_int_equal(luaL_loadbufferx(p.ref, driver, sizeof driver - 1,
                                      "=driver", "t"), 0);
    lua_call(p.ref, 0, 0);
    lua_sandbox_limits lim = { 256u << 20, INT64_MAX / 2, time_ms };
    precis_error err = { 0, "" };
    p.sb = lua_sandbox_new(&lim, NULL, 0, NULL, &err);
    assert_non_null(p.sb);
    lua_sandbox_error e;
    if (lua_sandbox_call(p.sb, load_driver, NULL, &e))
        fail_msg("driver: %s", e.message);
    return p;
}

static void close_pair(pair *p)
{
    lua_close(p->ref);
    lua_sandbox_free(p->sb);
}

/* 1 when both give the same; prints the case otherwise. */
static int same(pair *pr, job *j)
{
    job a = *j, b = *j;
    lua_pushcfunction(pr->ref, call_job);
    lua_pushlightuserdata(pr->ref, &a);
    if (lua_pcall(pr->ref, 1, 0, 0))
        fail_msg("reference: %s", lua_tostring(pr->ref, -1));
    lua_sandbox_error e;
    if (lua_sandbox_call(pr->sb, call_job, &b, &e))
        fail_msg("sandbox: %s", e.message);
    int ok = !strcmp(a.out, b.out);
    if (!ok)
        print_error("s=\"%.*s\" p=\"%.*s\" init=%lld\n  lua:     %s\n"
                    "  sandbox: %s\n", (int)j->ls, j->s, (int)j->lp, j->p,
                    (long long)j->init, a.out, b.out);
    free(a.out);
    free(b.out);
    return ok;
}

static const char *const curated[][2] = {
    { "hello world", "o" }, { "hello world", "l+" }, { "hello", "^h" },
    { "hello", "^e" }, { "hello", "o$" }, { "hel$lo", "l$l" },
    { "  trim me  ", "^%s*(.-)%s*$" },
    { "key = value", "(%w+)%s*=%s*(%w+)" },
    { "a,b,,c", "([^,]*)" }, { "THE (quick) fox", "%((%a+)%)" },
    { "f(a(b)c)d", "%b()" }, { "f(a(b)c", "%b()" },
    { "\"q\" x \"r\"", "%b\"\"" },
    { "THE (quick) fox", "%f[%a]%a+" }, { "hello", "%f[%z]" },
    { "hello", "%f[^%z]" }, { "abcabc", "(a)(b)(c)%1%2%3" },
    { "abab", "(ab)%1" }, { "abc", "()b()" }, { "aaa", "a-" },
    { "aaa", "a-$" }, { "aaa", "a*" }, { "", "" }, { "", "a*" },
    { "abc", "" }, { "abc", ".-" }, { "x=1, y=2", "(%w+)=(%w+)" },
    { "hello", "[]" }, { "hello", "[^]" }, { "a]b", "[]]" },
    { "a]b", "[^]]" }, { "a-b", "[a-]" }, { "a-b", "[%a-]" },
    { "abc", "%" }, { "abc", "(" }, { "abc", ")" }, { "abc", "%b" },
    { "abc", "%ba" }, { "abc", "%f" }, { "abc", "%fa" }, { "abc", "%1" },
    { "abc", "(a)%2" }, { "abc", "(a%1)" }, { "abc", "%0" },
    { "abc", "[a" }, { "abc", "[%" }, { "a.b", "%." }, { "a%b", "%%" },
    { "one two  three", "%S+" }, { "r\xc3\xa9sum\xc3\xa9", "[\x80-\xff]+" },
    { "caf\xc3\xa9", "%a+" },
    { "2024-09-11", "(%d+)-(%d+)-(%d+)" }, { "aXb", "%u" },
    { "tab\there", "%c" }, { "hex 0xFF", "%x+" }, { "p.u,n;c", "%p" },
    { "  ", "%s?" }, { "abc", "a?b?c?d?" }, { "aaab", "a+b" },
    { "((((", "(" }, { "a", "(((((((((((((((((((((((((((((((((a)))))"
                           "))))))))))))))))))))))))))))" },
};

static void curated_cases(void **state)
{
    (void)state;
    pair pr = open_pair(60000);
    int bad = 0;
    static const lua_Integer inits[] = { 1, 2, -2, 0, -100, 100 };
    for (size_t i = 0; i < sizeof curated / sizeof curated[0]; i++)
        for (size_t k = 0; k < sizeof inits / sizeof inits[0]; k++) {
            job j = { curated[i][0], curated[i][1], strlen(curated[i][0]),
                      strlen(curated[i][1]), inits[k], "run", NULL };
            bad += !same(&pr, &j);
        }
    /* NUL bytes, in the subject and in the pattern. */
    job nul1 = { "x\0y\0z", "%z", 5, 2, 1, "run", NULL };
    job nul2 = { "x\0y", "[\0-\1]", 3, 6, 1, "run", NULL };
    job nul3 = { "a\0b", "\0", 3, 1, 1, "run", NULL };
    bad += !same(&pr, &nul1) + !same(&pr, &nul2) + !same(&pr, &nul3);
    for (lua_Integer n = 0; n < 6; n++) {
        job t = { "", "", 0, 0, n, "tables", NULL };
        bad += !same(&pr, &t);
    }
    close_pair(&pr);
    assert_int_equal(bad, 0);
}

static uint32_t rnd(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* Random patterns of pattern pieces over random subjects. */
static void random_cases(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "b", "c", ".", "%a", "%d", "%s", "%w", "%p", "%A", "%S",
        "[ab]", "[^a]", "[a-c]", "[%d-]", "[]]", "(", ")", "()", "%1",
        "%2", "%b()", "%bab", "%f[%w]", "%f[^a]", "*", "+", "-", "?",
        "^", "$", "%", "[", "%.", " ", "1", "-", "%z", "]", "%x"
    };
    static const char alphabet[] = "aabbc( )1-]. ";
    pair pr = open_pair(60000);
    uint32_t seed = 20240911;
    int bad = 0;
    for (int n = 0; n < 10000 && bad < 10; n++) {
        char p[64] = "", s[32];
        int np = 1 + (int)(rnd(&seed) % 6);
        for (int i = 0; i < np; i++)
            strcat(p, pieces[rnd(&seed) % (sizeof pieces / sizeof pieces[0])]);
        size_t ls = rnd(&seed) % 14;
        for (size_t i = 0; i < ls; i++)
            s[i] = alphabet[rnd(&seed) % (sizeof alphabet - 1)];
        s[ls] = '\0';
        lua_Integer init = (lua_Integer)(rnd(&seed) % 5) - 1;
        job j = { s, p, ls, strlen(p), init, "run", NULL };
        bad += !same(&pr, &j);
    }
    close_pair(&pr);
    assert_int_equal(bad, 0);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_bomb(lua_State *L)
{
    const char *code = lua_touserdata(L, 1);
    if (luaL_loadbufferx(L, code, strlen(code), "=bomb", "t"))
        return lua_error(L);
    lua_call(L, 0, 0);
    return 0;
}

/* Each bomb stops with the time-limit error within twice the limit (a
 * bound the sandbox promises, not a speed). */
static void bombs_stop(void **state)
{
    (void)state;
    static const char *const bombs[] = {
        "local _ = string.rep('a', 100000):find('.-b')",
        "local _ = string.find(string.rep('a', 3000), "
        "string.rep('a-', 60) .. 'b')",
        "local _ = string.rep('a', 40):find(('a*'):rep(30) .. 'b')",
        "local _ = string.rep('a', 40):match(('a*'):rep(30) .. 'b')",
        "for _ in string.rep('a', 40):gmatch(('a*'):rep(30) .. 'b') do end",
        "local _ = string.rep('a', 40):gsub(('a*'):rep(30) .. 'b', 'x')",
        "while true do pcall(string.find, string.rep('a', 3000), "
        "string.rep('a-', 60) .. 'b') end",
        "local _ = string.rep('(', 100000):find(string.rep('%b()', 100))",
        "table.move({}, 1, math.maxinteger - 1, 2)",
        "table.insert(setmetatable({}, { __len = function() "
        "return 1 << 62 end }), 1, 0)",
        "table.remove(setmetatable({}, { __len = function() "
        "return 1 << 62 end }), 1)",
    };
    lua_sandbox_limits lim = { 64u << 20, INT64_MAX / 2, 500 };
    precis_error err = { 0, "" };
    lua_sandbox *sb = lua_sandbox_new(&lim, NULL, 0, NULL, &err);
    assert_non_null(sb);
    for (size_t i = 0; i < sizeof bombs / sizeof bombs[0]; i++) {
        lua_sandbox_error e;
        double t0 = now_s();
        int rc = lua_sandbox_call(sb, run_bomb, (void *)bombs[i], &e);
        double took = now_s() - t0;
        if (rc != PRECIS_ETIMEOUT || !strstr(e.message, "time limit")
            || took > 1.0)
            fail_msg("%s: rc %d after %.2f s: %s", bombs[i], rc, took,
                     e.message);
    }
    /* string.rep of nothing is nothing, at once. */
    lua_sandbox_error e;
    double t0 = now_s();
    assert_int_equal(lua_sandbox_call(sb, run_bomb,
                                      "assert(#string.rep('', "
                                      "math.maxinteger) == 0 and "
                                      "#string.rep('', 1e15, '') == 0)",
                                      &e), 0);
    assert_true(now_s() - t0 < 0.1);
    lua_sandbox_free(sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(curated_cases),
        cmocka_unit_test(random_cases),
        cmocka_unit_test(bombs_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
