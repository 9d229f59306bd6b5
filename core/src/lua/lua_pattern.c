/*
 * lua_pattern.c - string.find, string.match, string.gmatch and
 * string.gsub for the sandbox: Lua 5.4's patterns (reference manual,
 * section 6.4.1), matched under the call's time limit.
 *
 * Lua's own matcher backtracks without bound inside one C call, where
 * no hook runs: string.rep("a", 40):find(("a*"):rep(30) .. "b") takes
 * minutes whatever the limits say.  This one reads the same patterns,
 * gives the same results and raises the same errors, and every
 * PATTERN_STEP steps (a call of the matcher, a character tried by a
 * repetition, a start position) it asks the sandbox whether the call's
 * time is up (the check given to lua_pattern_open), which stops the
 * script as the hook does.  A plain search (find with plain, or a
 * pattern without magic characters) is memmem: linear, where a naive
 * search is not.
 *
 * Matching is a backtracking search, as in Lua: a pattern item is a
 * single-character class (".", "%a", "[set]", a character) with an
 * optional repetition ("*", "+", "-", "?"), "%bxy", "%f[set]", "%1".."%9",
 * or a capture "(...)" / position capture "()"; "^" and "$" anchor only
 * at the pattern's ends.  Classes follow the C library's <ctype.h> in
 * the "C" locale, as Lua's do.
 */
#define _GNU_SOURCE     /* memmem */
#include "lua/lua_pattern.h"

#include <ctype.h>
#include <string.h>

#include <lauxlib.h>

enum {
    PATTERN_STEP = 1024,    /* steps between two looks at the clock */
    MAX_CAPTURES = 32,      /* as Lua's LUA_MAXCAPTURES */
    MAX_DEPTH = 200,        /* nested matcher calls: "pattern too complex" */
    CAP_OPEN = -1,          /* a capture still open */
    CAP_POSITION = -2       /* "()": a position, not text */
};

typedef struct mstate {
    const char *src, *src_end;  /* the subject */
    const char *pat_end;
    lua_State *L;
    int depth;                  /* matcher calls left */
    int level;                  /* captures so far */
    unsigned steps;
    struct {
        const char *init;
        ptrdiff_t len;          /* or CAP_OPEN, CAP_POSITION */
    } cap[MAX_CAPTURES];
} mstate;

/* The sandbox's clock; the same function for every state. */
static void (*check_time)(lua_State *L);

static void step(mstate *m)
{
    if (++m->steps % PATTERN_STEP == 0 && check_time)
        check_time(m->L);
}

static void restart(mstate *m)
{
    m->level = 0;
    m->depth = MAX_DEPTH;
}

/* The end of the single-character class at p. */
static const char *class_end(mstate *m, const char *p)
{
    if (*p == '%') {
        if (p + 1 >= m->pat_end)
            luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 2;
    }
    if (*p != '[')
        return p + 1;
    p++;
    if (*p == '^')
        p++;
    /* The first character of a set is itself even when it is ']'. */
    do {
        if (p >= m->pat_end)
            luaL_error(m->L, "malformed pattern (missing ']')");
        if (*p++ == '%' && p < m->pat_end)
            p++;
    } while (*p != ']');
    return p + 1;
}

/* c against a class letter (%a, %A, …; any other letter is itself). */
static int in_class(int c, int cl)
{
    int r;
    switch (tolower(cl)) {
    case 'a': r = isalpha(c); break;
    case 'c': r = iscntrl(c); break;
    case 'd': r = isdigit(c); break;
    case 'g': r = isgraph(c); break;
    case 'l': r = islower(c); break;
    case 'p': r = ispunct(c); break;
    case 's': r = isspace(c); break;
    case 'u': r = isupper(c); break;
    case 'w': r = isalnum(c); break;
    case 'x': r = isxdigit(c); break;
    case 'z': r = c == 0; break;    /* still read by Lua 5.4 */
    default: return cl == c;
    }
    if (isupper(cl))
        r = !r;
    return r != 0;
}

/* c against the set [p, close) where *p == '[' and *close == ']'. */
static int in_set(int c, const char *p, const char *close)
{
    int yes = 1;
    p++;
    if (*p == '^') {
        yes = 0;
        p++;
    }
    while (p < close) {
        if (*p == '%') {
            p++;
            if (in_class(c, (unsigned char)*p))
                return yes;
            p++;
        } else if (p[1] == '-' && p + 2 < close) {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2])
                return yes;
            p += 3;
        } else {
            if ((unsigned char)*p == c)
                return yes;
            p++;
        }
    }
    return !yes;
}

/* Whether the character at s is one of the class [p, ep). */
static int single(const mstate *m, const char *s, const char *p,
                  const char *ep)
{
    if (s >= m->src_end)
        return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case '%': return in_class(c, (unsigned char)p[1]);
    case '[': return in_set(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *do_match(mstate *m, const char *s, const char *p);

/* %bxy at s: from an x to the y that balances it. */
static const char *balance(mstate *m, const char *s, const char *p)
{
    if (p + 1 >= m->pat_end)
        luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != *p)
        return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    while (++s < m->src_end) {
        step(m);
        if (*s == close) {
            if (--depth == 0)
                return s + 1;
        } else if (*s == open) {
            depth++;
        }
    }
    return NULL;
}

/* The most repetitions first, then fewer. */
static const char *max_expand(mstate *m, const char *s, const char *p,
                              const char *ep)
{
    ptrdiff_t i = 0;
    while (single(m, s + i, p, ep)) {
        i++;
        step(m);
    }
    for (; i >= 0; i--) {
        const char *r = do_match(m, s + i, ep + 1);
        if (r)
            return r;
        step(m);
    }
    return NULL;
}

/* The fewest repetitions first, then more. */
static const char *min_expand(mstate *m, const char *s, const char *p,
                              const char *ep)
{
    for (;;) {
        const char *r = do_match(m, s, ep + 1);
        if (r)
            return r;
        if (!single(m, s, p, ep))
            return NULL;
        s++;
        step(m);
    }
}

static const char *open_capture(mstate *m, const char *s, const char *p,
                                ptrdiff_t what)
{
    if (m->level >= MAX_CAPTURES)
        luaL_error(m->L, "too many captures");
    m->cap[m->level].init = s;
    m->cap[m->level].len = what;
    m->level++;
    const char *r = do_match(m, s, p);
    if (!r)
        m->level--;
    return r;
}

static const char *close_capture(mstate *m, const char *s, const char *p)
{
    int l = m->level - 1;
    while (l >= 0 && m->cap[l].len != CAP_OPEN)
        l--;
    if (l < 0)
        luaL_error(m->L, "invalid pattern capture");
    m->cap[l].len = s - m->cap[l].init;
    const char *r = do_match(m, s, p);
    if (!r)
        m->cap[l].len = CAP_OPEN;
    return r;
}

/* %1 … %9: the text of a closed capture again. */
static const char *back_reference(mstate *m, const char *s, int digit)
{
    int l = digit - '1';
    if (l < 0 || l >= m->level || m->cap[l].len == CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", l + 1);
    /* A position capture has no text: it never matches, as in Lua. */
    size_t len = (size_t)m->cap[l].len;
    if ((size_t)(m->src_end - s) >= len
        && memcmp(m->cap[l].init, s, len) == 0)
        return s + len;
    return NULL;
}

static const char *do_match(mstate *m, const char *s, const char *p)
{
    if (m->depth-- == 0)
        luaL_error(m->L, "pattern too complex");
    step(m);
    const char *r = NULL;
    for (;;) {
        if (p == m->pat_end) {
            r = s;
            break;
        }
        if (*p == '(') {
            r = p + 1 < m->pat_end && p[1] == ')'
                    ? open_capture(m, s, p + 2, CAP_POSITION)
                    : open_capture(m, s, p + 1, CAP_OPEN);
            break;
        }
        if (*p == ')') {
            r = close_capture(m, s, p + 1);
            break;
        }
        if (*p == '$' && p + 1 == m->pat_end) {
            r = s == m->src_end ? s : NULL;
            break;
        }
        if (*p == '%' && p + 1 < m->pat_end && p[1] == 'b') {
            s = balance(m, s, p + 2);
            if (!s)
                break;
            p += 4;
            continue;
        }
        if (*p == '%' && p + 1 < m->pat_end && p[1] == 'f') {
            p += 2;
            if (*p != '[')
                luaL_error(m->L, "missing '[' after '%%f' in pattern");
            const char *ep = class_end(m, p);
            /* Outside the subject is '\0', as Lua reads it. */
            int prev = s == m->src ? 0 : (unsigned char)s[-1];
            int cur = s < m->src_end ? (unsigned char)*s : 0;
            if (in_set(prev, p, ep - 1) || !in_set(cur, p, ep - 1))
                break;
            p = ep;
            continue;
        }
        if (*p == '%' && p + 1 < m->pat_end && isdigit((unsigned char)p[1])) {
            s = back_reference(m, s, (unsigned char)p[1]);
            if (!s)
                break;
            p += 2;
            continue;
        }
        const char *ep = class_end(m, p);
        /* *ep is the pattern's terminating NUL at its end. */
        char rep = ep < m->pat_end ? *ep : '\0';
        if (!single(m, s, p, ep)) {
            if (rep == '*' || rep == '?' || rep == '-') {
                p = ep + 1;     /* zero repetitions */
                continue;
            }
            break;
        }
        if (rep == '?') {
            r = do_match(m, s + 1, ep + 1);
            if (r)
                break;
            p = ep + 1;
            continue;
        }
        if (rep == '+') {
            r = max_expand(m, s + 1, p, ep);
            break;
        }
        if (rep == '*') {
            r = max_expand(m, s, p, ep);
            break;
        }
        if (rep == '-') {
            r = min_expand(m, s, p, ep);
            break;
        }
        s++;
        p = ep;
    }
    m->depth++;
    return r;
}

/* ---- results ---- */

static void push_capture(mstate *m, int i, const char *s, const char *e)
{
    if (i >= m->level) {
        if (i != 0)
            luaL_error(m->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(m->L, s, (size_t)(e - s));  /* the whole match */
        return;
    }
    ptrdiff_t len = m->cap[i].len;
    if (len == CAP_OPEN)
        luaL_error(m->L, "unfinished capture");
    if (len == CAP_POSITION)
        lua_pushinteger(m->L, (lua_Integer)(m->cap[i].init - m->src) + 1);
    else
        lua_pushlstring(m->L, m->cap[i].init, (size_t)len);
}

/* The captures, or the whole match (s, e) when there are none and s is
 * given. */
static int push_captures(mstate *m, const char *s, const char *e)
{
    int n = m->level == 0 && s ? 1 : m->level;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++)
        push_capture(m, i, s, e);
    return n;
}

static void prepare(mstate *m, lua_State *L, const char *s, size_t ls,
                    const char *p, size_t lp)
{
    m->L = L;
    m->src = s;
    m->src_end = s + ls;
    m->pat_end = p + lp;
    m->steps = 0;
    restart(m);
}

/* A 1-based start (negative: from the end) as a 0-based offset; past
 * the end gives ls + 1. */
static size_t start_of(lua_Integer pos, size_t ls)
{
    if (pos > 0)
        return (size_t)pos - 1 > ls ? ls + 1 : (size_t)pos - 1;
    lua_Unsigned back = (lua_Unsigned)0 - (lua_Unsigned)pos;
    if (pos == 0 || back > ls)
        return 0;
    return ls - (size_t)back;
}

static int has_magic(const char *p, size_t lp)
{
    for (size_t i = 0; i < lp; i++)
        if (strchr("^$*+?.([%-", p[i]) && p[i])
            return 1;
    return 0;
}

static int find_or_match(lua_State *L, int find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_of(luaL_optinteger(L, 3, 1), ls);
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !has_magic(p, lp))) {
        const char *f = lp ? memmem(s + init, ls - init, p, lp) : s + init;
        if (!f) {
            luaL_pushfail(L);
            return 1;
        }
        lua_pushinteger(L, (lua_Integer)(f - s) + 1);
        lua_pushinteger(L, (lua_Integer)(f - s + (ptrdiff_t)lp));
        return 2;
    }
    mstate m;
    int anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
    }
    prepare(&m, L, s, ls, p, lp);
    const char *s1 = s + init;
    do {
        restart(&m);
        const char *e = do_match(&m, s1, p);
        if (e) {
            if (!find)
                return push_captures(&m, s1, e);
            lua_pushinteger(L, (lua_Integer)(s1 - s) + 1);
            lua_pushinteger(L, (lua_Integer)(e - s));
            return push_captures(&m, NULL, NULL) + 2;
        }
        step(&m);
    } while (s1++ < m.src_end && !anchor);
    luaL_pushfail(L);
    return 1;
}

static int p_find(lua_State *L)
{
    return find_or_match(L, 1);
}

static int p_match(lua_State *L)
{
    return find_or_match(L, 0);
}

/* gmatch's iterator; upvalues: the subject, the pattern, its state. */
typedef struct gm_state {
    size_t pos;         /* where the next search starts */
    size_t last;        /* end of the last match + 1; 0: none yet */
} gm_state;

static int gmatch_next(lua_State *L)
{
    size_t ls, lp;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &ls);
    const char *p = lua_tolstring(L, lua_upvalueindex(2), &lp);
    gm_state *g = lua_touserdata(L, lua_upvalueindex(3));
    if (g->pos > ls)
        return 0;
    mstate m;
    prepare(&m, L, s, ls, p, lp);
    /* "^" is an ordinary character here: an anchor would stop the
     * iteration, as the manual says. */
    for (const char *src = s + g->pos; src <= m.src_end; src++) {
        restart(&m);
        const char *e = do_match(&m, src, p);
        if (e && (size_t)(e - s) + 1 != g->last) {
            g->pos = (size_t)(e - s);
            g->last = g->pos + 1;
            return push_captures(&m, src, e);
        }
        step(&m);
    }
    g->pos = ls + 1;
    return 0;
}

static int p_gmatch(lua_State *L)
{
    size_t ls;
    luaL_checklstring(L, 1, &ls);
    luaL_checkstring(L, 2);
    size_t init = start_of(luaL_optinteger(L, 3, 1), ls);
    lua_settop(L, 2);
    gm_state *g = lua_newuserdatauv(L, sizeof *g, 0);
    g->pos = init;
    g->last = 0;
    lua_pushcclosure(L, gmatch_next, 3);
    return 1;
}

/* Appends repl (a string) with %0-%9 and %% replaced. */
static void add_string(mstate *m, luaL_Buffer *b, const char *s,
                       const char *e)
{
    size_t l;
    const char *r = lua_tolstring(m->L, 3, &l);
    const char *end = r + l;
    for (const char *q; r < end; r = q + 2) {
        q = memchr(r, '%', (size_t)(end - r));
        if (!q) {
            luaL_addlstring(b, r, (size_t)(end - r));
            break;
        }
        luaL_addlstring(b, r, (size_t)(q - r));
        if (q + 1 < end && q[1] == '%') {
            luaL_addchar(b, '%');
        } else if (q + 1 < end && isdigit((unsigned char)q[1])) {
            if (q[1] == '0') {
                luaL_addlstring(b, s, (size_t)(e - s));
            } else {
                push_capture(m, q[1] - '1', s, e);
                luaL_tolstring(m->L, -1, NULL);
                lua_remove(m->L, -2);
                luaL_addvalue(b);
            }
        } else {
            luaL_error(m->L, "invalid use of '%%' in replacement string");
        }
        step(m);
    }
}

/* Appends the replacement of the match [s, e). */
static void add_value(mstate *m, luaL_Buffer *b, const char *s,
                      const char *e, int type)
{
    lua_State *L = m->L;
    if (type == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (type == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_string(m, b, s, e);
        return;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));     /* keep the match */
        return;
    }
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid replacement value (a %s)",
                   luaL_typename(L, -1));
    luaL_addvalue(b);
}

static int p_gsub(lua_State *L)
{
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    const char *last = NULL;
    int type = lua_type(L, 3);
    lua_Integer max = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, type == LUA_TNUMBER || type == LUA_TSTRING
                     || type == LUA_TFUNCTION || type == LUA_TTABLE, 3,
                     "string/function/table");
    int anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    mstate m;
    prepare(&m, L, src, ls, p, lp);
    lua_Integer n = 0;
    int changed = 0;
    while (n < max) {
        restart(&m);
        const char *e = do_match(&m, src, p);
        if (e && e != last) {
            n++;
            add_value(&m, &b, src, e, type);
            src = last = e;
            changed = 1;
        } else if (src < m.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor)
            break;
        step(&m);
    }
    if (!changed) {
        lua_pushvalue(L, 1);    /* nothing replaced: the same string */
    } else {
        luaL_addlstring(&b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

void lua_pattern_open(lua_State *L, void (*check)(lua_State *L))
{
    check_time = check;
    static const luaL_Reg fns[] = {
        { "find", p_find },
        { "match", p_match },
        { "gmatch", p_gmatch },
        { "gsub", p_gsub },
        { NULL, NULL }
    };
    lua_getglobal(L, "string");
    luaL_setfuncs(L, fns, 0);
    lua_pop(L, 1);
}
