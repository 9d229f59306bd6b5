/*
 * lua_host.c - Lua scripts as stages.
 *
 * A script is loaded once per session into a sandbox of its
 * own (lua_sandbox.c) and registers its stages while it loads, with
 * precis.register_stage{ name, kind, options, run, … }.  Each becomes a
 * registry stage like a C one: a precis_stage_def whose option schema is
 * derived from the defaults the script declared, and whose create, run
 * and destroy are the trampolines below, which call into the script's
 * state through lua_sandbox_call() (limits, traceback, messages).
 *
 * The Lua host is a stage provider: the registry asks it for "lua:NAME"
 * stages and for *.lua paths (reg_provider), and it reaches everything
 * else - the article, scoring, translation - through the api table.  A
 * session is one thread (batch runs use worker processes), so "one state
 * per script per worker" is one state per script per session.
 */
#include "lua/lua_host.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>

#include "base/config.h"
#include "base/diag.h"
#include "host/api.h"
#include "host/registry.h"
#include "host/stage.h"
#include "lua/lua_sandbox.h"
#include "lua/lua_script.h"
#include "text/article.h"

struct lua_host {
    host *h;                    /* the session's; borrowed */
    int origin;                 /* the registry's origin of Lua stages */
    lua_sandbox_limits lim;
    str_vec dirs;               /* the script path; strings in mem */
    arena mem;
    VEC(lua_script *) scripts;  /* owned */
    char summ_slot[65];         /* the instance --script fills, or "" */
};

/* [lua]: the sandbox's limits, read by the session with this schema. */
const precis_option_def lua_schema[] = {
    { "memory_limit", PRECIS_OPT_SIZE, "64M",
      "memory one script may use", NULL, 65536, 1e12 },
    { "instruction_limit", PRECIS_OPT_INT, "100000000",
      "Lua instructions one call may run", NULL, 1000, 1e15 },
    { "time_limit_ms", PRECIS_OPT_INT, "5000",
      "wall-clock time one call may take", NULL, 1, 86400000 },
};
const size_t lua_schema_len = sizeof lua_schema / sizeof lua_schema[0];

/* ---- stage kinds ---- */

/* The kinds scripts name, and what they mean to the host. */
typedef struct lua_kind {
    const char *name;
    precis_phase phase;
    unsigned flags;
    const char *provides;       /* default provides */
} lua_kind;

static const lua_kind kinds[] = {
    { .name = "summarizer", .phase = PRECIS_PHASE_SELECT,
      .flags = PRECIS_STAGE_SUMMARIZER, .provides = "summary" },
    { .name = "select", .phase = PRECIS_PHASE_SELECT,
      .flags = PRECIS_STAGE_SUMMARIZER, .provides = "summary" },
    { .name = "score", .phase = PRECIS_PHASE_SCORE, .flags = 0,
      .provides = "scores" },
    { .name = "annotate", .phase = PRECIS_PHASE_ANNOTATE, .flags = 0,
      .provides = "" },
    { .name = "emit", .phase = PRECIS_PHASE_EMIT, .flags = 0,
      .provides = "" },
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* ---- scripts ---- */

static void stage_free(lua_stage *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->nopts; i++) {
        free((char *)st->opts[i].key);
        free((char *)st->opts[i].def);
        free((char *)st->opts[i].help);
        free((char *)st->opts[i].choices);
    }
    free(st->opts);
    free(st->name);
    free(st->help);
    free(st->requires);
    free(st->provides);
    free(st);
}

static void script_free(lua_script *s)
{
    if (!s)
        return;
    lua_sandbox_free(s->sb);
    lua_helpers_free(s);
    free(s->scores_buf);
    for (size_t i = 0; i < s->stages.n; i++)
        stage_free(s->stages.v[i]);
    VEC_FREE(&s->stages);
    free(s->path);
    free(s->real);
    free(s->chunk);
    free(s);
}

/* The message of a failed call: the script's own, which names the file
 * and line where Lua knew them and else the script (a limit reached by
 * one allocation outside any line), plus the traceback at -v when trace. */
static void call_message(const lua_script *s, const lua_sandbox_error *e,
                         int trace, char *buf, size_t size)
{
    const char *file = lua_sandbox_has_where(e->message) ? "" : s->chunk;
    if (trace && s->h->log.verbosity >= 2 && e->traceback[0])
        snprintf(buf, size, "%s%s%s\n%s", file, *file ? ": " : "",
                 e->message, e->traceback);
    else
        snprintf(buf, size, "%s%s%s", file, *file ? ": " : "", e->message);
}

/* ---- precis.register_stage ---- */

static int valid_key(const char *s, int dash)
{
    if (!s || !*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')
              || *s == '_' || (dash && *s == '-')))
            return 0;
    return 1;
}

/* A fact list: a string, or a list of strings, joined with commas. */
static void push_facts(lua_State *L, int idx, const char *field)
{
    if (lua_isnil(L, idx)) {
        lua_pushnil(L);
        return;
    }
    if (lua_type(L, idx) == LUA_TSTRING) {
        lua_pushvalue(L, idx);
        return;
    }
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "register_stage: '%s' must be a string or a list of "
                   "strings, not a %s", field, luaL_typename(L, idx));
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (lua_Integer i = 1;; i++) {
        int t = lua_rawgeti(L, idx, i);
        if (t == LUA_TNIL) {
            lua_pop(L, 1);
            break;
        }
        if (t != LUA_TSTRING)
            luaL_error(L, "register_stage: %s[%d] must be a string, not a "
                       "%s", field, (int)i, lua_typename(L, t));
        if (i > 1)
            luaL_addchar(&b, ',');
        /* luaL_addvalue takes the string from the top of the stack. */
        luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
}

/* Formats a number default so that it reads back as the same value. */
static void format_real(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.15g", v);
    if (strtod(buf, NULL) != v)
        snprintf(buf, size, "%.17g", v);
    if (!strpbrk(buf, ".eEn"))
        snprintf(buf + strlen(buf), size - strlen(buf), ".0");
}

/*
 * Normalises one declared option (key at -2, declaration at -1) into a
 * record table pushed on the stack: { key, type, def, help, choices, min,
 * max }.  Everything that can fail fails here, before any C allocation.
 */
static void push_option(lua_State *L, const char *stage)
{
    /* {"oil", "gas"} as a declaration, or as a default. */
    static const char no_list[] =
        "option defaults must be a string, a number or a boolean; there "
        "is no list type (give a list as a comma-separated string, "
        "\"oil,gas\", and split it in run)";
    int decl = lua_gettop(L), key = decl - 1;
    if (lua_type(L, key) != LUA_TSTRING)
        luaL_error(L, "register_stage '%s': option names must be strings, "
                   "not a %s", stage, luaL_typename(L, key));
    const char *k = lua_tostring(L, key);
    if (!valid_key(k, 0))
        luaL_error(L, "register_stage '%s': option '%s' must be written "
                   "with lower-case letters, digits and '_'", stage, k);
    if (!strcmp(k, "use"))
        luaL_error(L, "register_stage '%s': 'use' is reserved (it names "
                   "the stage in [stage.NAME]); rename the option", stage);
    lua_createtable(L, 0, 7);
    int rec = lua_gettop(L);
    lua_pushvalue(L, key);
    lua_setfield(L, rec, "key");
    int dv = decl;
    if (lua_type(L, decl) == LUA_TTABLE) {
        static const char *const fields[] = { "default", "help", "min",
                                              "max", "choices", NULL };
        lua_pushnil(L);
        while (lua_next(L, decl)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "register_stage '%s': option '%s': %s", stage,
                           k, no_list);
            const char *f = lua_tostring(L, -1);
            int ok = 0;
            for (int i = 0; fields[i] && !ok; i++)
                ok |= !strcmp(fields[i], f);
            if (!ok)
                luaL_error(L, "register_stage '%s': option '%s' has an "
                           "unknown field '%s' (default, help, min, max, "
                           "choices)", stage, k, f);
        }
        lua_getfield(L, decl, "default");
        dv = lua_gettop(L);
        if (lua_getfield(L, decl, "help") != LUA_TNIL) {
            if (lua_type(L, -1) != LUA_TSTRING)
                luaL_error(L, "register_stage '%s': option '%s': help must "
                           "be a string", stage, k);
            lua_setfield(L, rec, "help");
        } else {
            lua_pop(L, 1);
        }
        for (int m = 0; m < 2; m++) {
            const char *f = m ? "max" : "min";
            int t = lua_getfield(L, decl, f);
            if (t != LUA_TNIL && t != LUA_TNUMBER)
                luaL_error(L, "register_stage '%s': option '%s': %s must be "
                           "a number", stage, k, f);
            lua_setfield(L, rec, f);
        }
        int t = lua_getfield(L, decl, "choices");
        if (t == LUA_TTABLE) {
            push_facts(L, lua_gettop(L), "choices");
            /* The host writes enum choices with '|'. */
            luaL_gsub(L, lua_tostring(L, -1), ",", "|");
            lua_setfield(L, rec, "choices");
            lua_pop(L, 2);
        } else if (t == LUA_TSTRING) {
            lua_setfield(L, rec, "choices");
        } else if (t != LUA_TNIL) {
            luaL_error(L, "register_stage '%s': option '%s': choices must "
                       "be a list of strings", stage, k);
        } else {
            lua_pop(L, 1);
        }
    }
    char buf[64];
    int type;
    switch (lua_type(L, dv)) {
    case LUA_TBOOLEAN:
        type = PRECIS_OPT_BOOL;
        lua_pushstring(L, lua_toboolean(L, dv) ? "true" : "false");
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, dv)) {
            type = PRECIS_OPT_INT;
            snprintf(buf, sizeof buf, "%lld",
                     (long long)lua_tointeger(L, dv));
        } else {
            double v = lua_tonumber(L, dv);
            if (!isfinite(v))
                luaL_error(L, "register_stage '%s': option '%s' needs a "
                           "finite default", stage, k);
            type = PRECIS_OPT_REAL;
            format_real(v, buf, sizeof buf);
        }
        lua_pushstring(L, buf);
        break;
    case LUA_TSTRING:
        type = PRECIS_OPT_STRING;
        lua_pushvalue(L, dv);
        break;
    case LUA_TTABLE:
        return (void)luaL_error(L, "register_stage '%s': option '%s': %s",
                                stage, k, no_list);
    default:
        return (void)luaL_error(L, "register_stage '%s': option '%s': the "
                                "default must be a number, a boolean or a "
                                "string (or a table {default = …, help = "
                                "…}), not %s", stage, k,
                                luaL_typename(L, dv));
    }
    lua_setfield(L, rec, "def");
    lua_getfield(L, rec, "choices");
    if (!lua_isnil(L, -1)) {
        if (type != PRECIS_OPT_STRING)
            luaL_error(L, "register_stage '%s': option '%s' has choices, "
                       "so its default must be one of them (a string)",
                       stage, k);
        type = PRECIS_OPT_ENUM;
    }
    lua_pop(L, 1);
    lua_pushinteger(L, type);
    lua_setfield(L, rec, "type");
    /* Leave only the record above the declaration. */
    lua_settop(L, rec);
}

static char *dup_field(lua_State *L, int rec, const char *f, int *oom)
{
    char *r = NULL;
    lua_getfield(L, rec, f);    /* a string or nil: cannot raise */
    if (lua_type(L, -1) == LUA_TSTRING && !(r = strdup(lua_tostring(L, -1))))
        *oom = 1;
    lua_pop(L, 1);
    return r;
}

static int cmp_opt(const void *x, const void *y)
{
    return strcmp(((const precis_option_def *)x)->key,
                  ((const precis_option_def *)y)->key);
}

/* Copies the validated records (a list at recs) into st: plain C memory
 * from here on, and nothing that can raise. */
static int fill_options(lua_State *L, int recs, lua_stage *st)
{
    size_t n = lua_rawlen(L, recs);
    int oom = 0;
    st->opts = n ? calloc(n, sizeof *st->opts) : NULL;
    if (n && !st->opts)
        return -1;
    for (size_t i = 0; i < n; i++) {
        precis_option_def *o = &st->opts[st->nopts++];
        lua_rawgeti(L, recs, (lua_Integer)i + 1);
        int rec = lua_gettop(L);
        o->key = dup_field(L, rec, "key", &oom);
        o->def = dup_field(L, rec, "def", &oom);
        o->help = dup_field(L, rec, "help", &oom);
        o->choices = dup_field(L, rec, "choices", &oom);
        lua_getfield(L, rec, "type");
        o->type = (precis_opt_type)lua_tointeger(L, -1);
        lua_getfield(L, rec, "min");
        lua_getfield(L, rec, "max");
        int bounded = !lua_isnil(L, -2) || !lua_isnil(L, -1);
        o->min = lua_isnil(L, -2) ? -1e300 : lua_tonumber(L, -2);
        o->max = lua_isnil(L, -1) ? 1e300 : lua_tonumber(L, -1);
        if (!bounded) {
            o->min = 1;     /* no range: min > max */
            o->max = 0;
        }
        lua_settop(L, rec - 1);
    }
    if (n)
        qsort(st->opts, n, sizeof *st->opts, cmp_opt);
    return oom ? -1 : 0;
}

static const lua_kind *find_kind(const char *name)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (!strcmp(kinds[i].name, name))
            return &kinds[i];
    return NULL;
}

static void check_fields(lua_State *L, int def)
{
    static const char *const known[] = { "name", "kind", "help", "options",
                                         "run", "requires", "provides" };
    lua_pushnil(L);
    while (lua_next(L, def)) {
        lua_pop(L, 1);
        const char *f = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1)
                                                       : NULL;
        int ok = 0;
        for (size_t i = 0; f && i < sizeof known / sizeof known[0]; i++)
            ok |= !strcmp(known[i], f);
        if (ok)
            continue;
        const char *g = f ? cfg_did_you_mean(f, known, 7) : NULL;
        luaL_error(L, "register_stage: unknown field '%s'%s%s%s (fields: "
                   "name, kind, help, options, run, requires, provides)",
                   f ? f : luaL_typename(L, -1), g ? " (did you mean '" : "",
                   g ? g : "", g ? "'?)" : "");
    }
}

/*
 * precis.register_stage{ name = "x", kind = "summarizer", help = "…",
 *                        options = { sentences = 3 }, run = function … end,
 *                        requires = "quotes", provides = "summary" }
 */
static int l_register_stage(lua_State *L)
{
    lua_script *s = lua_sandbox_user(L);
    if (!s->loading)
        return luaL_error(L, "register_stage: stages are registered while "
                          "the script loads, not later");
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    check_fields(L, 1);
    if (lua_getfield(L, 1, "name") != LUA_TSTRING)              /* 2 */
        return luaL_error(L, "register_stage: 'name' must be a string");
    const char *name = lua_tostring(L, 2);
    if (!valid_key(name, 1))
        return luaL_error(L, "register_stage: stage name '%s' must be 1-64 "
                          "of [a-z0-9_-]", name);
    for (size_t i = 0; i < s->stages.n; i++)
        if (!strcmp(s->stages.v[i]->name, name))
            return luaL_error(L, "register_stage: this script already "
                              "registers a stage '%s'", name);
    int t = lua_getfield(L, 1, "kind");                         /* 3 */
    if (t != LUA_TNIL && t != LUA_TSTRING)
        return luaL_error(L, "register_stage '%s': 'kind' must be a string",
                          name);
    const lua_kind *kind = find_kind(t == LUA_TNIL ? "summarizer"
                                                   : lua_tostring(L, 3));
    if (!kind)
        return luaL_error(L, "register_stage '%s': unknown kind '%s' "
                          "(summarizer, select, score, annotate or emit)",
                          name, lua_tostring(L, 3));
    if (lua_getfield(L, 1, "run") != LUA_TFUNCTION)             /* 4 */
        return luaL_error(L, "register_stage '%s': 'run' must be a "
                          "function(article, opt, out)", name);
    t = lua_getfield(L, 1, "help");                             /* 5 */
    if (t != LUA_TNIL && t != LUA_TSTRING)
        return luaL_error(L, "register_stage '%s': 'help' must be a string",
                          name);
    lua_getfield(L, 1, "requires");
    push_facts(L, 6, "requires");                               /* 7 */
    lua_getfield(L, 1, "provides");
    push_facts(L, 8, "provides");                               /* 9 */
    lua_newtable(L);                                            /* 10 */
    t = lua_getfield(L, 1, "options");                          /* 11 */
    if (t == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, 11)) {           /* key decl */
            push_option(L, name);           /* key decl record */
            lua_rawseti(L, 10, (lua_Integer)lua_rawlen(L, 10) + 1);
            lua_pop(L, 1);                  /* key */
        }
    } else if (t != LUA_TNIL) {
        return luaL_error(L, "register_stage '%s': 'options' must be a "
                          "table of defaults", name);
    }
    lua_Debug ar;
    int line = lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)
                   ? ar.currentline : 0;
    if (VEC_RESERVE(&s->stages, s->stages.n + 1))
        return luaL_error(L, "out of memory");
    lua_pushvalue(L, 4);
    int ref = luaL_ref(L, LUA_REGISTRYINDEX);
    /* From here on nothing raises until the stage is complete. */
    lua_stage *st = calloc(1, sizeof *st);
    int oom = !st;
    if (st) {
        st->script = s;
        st->kind = kind->name;
        st->line = line;
        st->run_ref = ref;
        oom |= !(st->name = strdup(name));
        if (lua_type(L, 5) == LUA_TSTRING)
            oom |= !(st->help = strdup(lua_tostring(L, 5)));
        if (lua_type(L, 7) == LUA_TSTRING)
            oom |= !(st->requires = strdup(lua_tostring(L, 7)));
        const char *prov = lua_type(L, 9) == LUA_TSTRING
                               ? lua_tostring(L, 9) : kind->provides;
        oom |= !(st->provides = strdup(prov));
        oom |= fill_options(L, 10, st) != 0;
    }
    if (oom) {
        luaL_unref(L, LUA_REGISTRYINDEX, ref);
        stage_free(st);
        return luaL_error(L, "out of memory");
    }
    st->def = (precis_stage_def){
        .struct_size = sizeof(precis_stage_def),
        .name = st->name,
        .help = st->help,
        .phase = kind->phase,
        .flags = kind->flags,
        .options = st->opts,
        .noptions = st->nopts,
        .requires = st->requires,
        .provides = st->provides,
        .create = NULL,     /* set by the host when it registers */
        .run = NULL,
        .destroy = NULL,
    };
    s->stages.v[s->stages.n++] = st;
    return 0;
}

/* print, with the script's name, through the session's log (a warning:
 * shown unless -q). */
static int l_print(lua_State *L)
{
    lua_script *s = lua_sandbox_user(L);
    const char *m = lua_sandbox_join(L, '\t');
    diag_log(&s->h->log, 1, "%s: %s", s->chunk, m);
    return 0;
}

static int load_body(lua_State *L)
{
    lua_script *s = lua_touserdata(L, 1);
    lua_article_open(L);
    lua_newtable(L);
    lua_helpers_open(L);
    lua_pushcfunction(L, l_register_stage);
    lua_setfield(L, -2, "register_stage");
    lua_pushstring(L, precis_version());
    lua_setfield(L, -2, "version");
    lua_setglobal(L, "precis");
    lua_register(L, "print", l_print);
    lua_sandbox_loadfile(L, s->path, s->chunk);
    s->loading = 1;
    lua_call(L, 0, 0);
    s->loading = 0;
    return 0;
}

/* ---- the trampolines ---- */

typedef struct lh_instance {
    lua_stage *st;
    int opt_ref;
} lh_instance;

typedef struct lh_job {
    lua_stage *st;
    lh_instance *in;
    const precis_options *opt;
} lh_job;

static lua_stage *stage_of(const precis_stage_ctx *sc)
{
    /* def is the first member of lua_stage. */
    return sc && sc->stage ? (lua_stage *)(void *)sc->stage->impl->def
                           : NULL;
}

static int opt_readonly(lua_State *L)
{
    return luaL_error(L, "options are read-only (copy a value into a local "
                      "to change it)");
}

/* opt.NAME of an option the stage did not declare: a misspelt name
 * would otherwise read as nil, far from the mistake.  The __index of the
 * values' table, so only a miss reaches C.  Upvalue: the stage. */
static int opt_index(lua_State *L)
{
    const lua_stage *st = lua_touserdata(L, lua_upvalueindex(1));
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2)
                                                  : luaL_typename(L, 2);
    const char *names[64];
    size_t n = 0;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < st->nopts; i++) {
        luaL_addstring(&b, i ? ", " : "");
        luaL_addstring(&b, st->opts[i].key);
        if (n < 64)
            names[n++] = st->opts[i].key;
    }
    luaL_pushresult(&b);
    const char *g = cfg_did_you_mean(k, names, n);
    if (!st->nopts)
        return luaL_error(L, "stage '%s' has no option '%s'; it declares "
                          "none (options = { … } in register_stage)",
                          st->name, k);
    return luaL_error(L, "stage '%s' has no option '%s'%s%s%s; its "
                      "options: %s", st->name, k,
                      g ? " (did you mean '" : "", g ? g : "",
                      g ? "'?)" : "", lua_tostring(L, -1));
}

static int opt_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (lua_next(L, 1))
        return 2;
    lua_pushnil(L);
    return 1;
}

/* pairs(opt) walks the values behind the proxy. */
static int opt_pairs(lua_State *L)
{
    lua_pushcfunction(L, opt_next);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushnil(L);
    return 3;
}

/* The options as typed Lua values, behind a read-only table. */
static int create_body(lua_State *L)
{
    lh_job *j = lua_touserdata(L, 1);
    const precis_api *api = api_table();
    lua_stage *st = j->st;
    lua_createtable(L, 0, (int)st->nopts);
    int vals = lua_gettop(L);
    for (size_t i = 0; i < st->nopts; i++) {
        const precis_option_def *o = &st->opts[i];
        switch (o->type) {
        case PRECIS_OPT_BOOL:
            lua_pushboolean(L, api->opt_bool(j->opt, o->key));
            break;
        case PRECIS_OPT_INT:
        case PRECIS_OPT_SIZE:
            lua_pushinteger(L, api->opt_int(j->opt, o->key));
            break;
        case PRECIS_OPT_REAL:
            lua_pushnumber(L, api->opt_real(j->opt, o->key));
            break;
        default:
            lua_pushstring(L, api->opt_string(j->opt, o->key));
        }
        lua_setfield(L, vals, o->key);
    }
    lua_createtable(L, 0, 1);               /* the values' metatable */
    lua_pushlightuserdata(L, st);
    lua_pushcclosure(L, opt_index, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, vals);
    lua_newtable(L);                        /* the proxy */
    lua_createtable(L, 0, 4);               /* its metatable */
    lua_pushvalue(L, vals);                 /* a read is a table lookup */
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, opt_readonly);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, vals);
    lua_pushcclosure(L, opt_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    j->in->opt_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}

static int lh_create(precis_stage_ctx *sc, const precis_options *opt,
                     void **state)
{
    const precis_api *api = api_table();
    lua_stage *st = stage_of(sc);
    if (!st)
        return api->fail(sc, PRECIS_EINVAL, "not a Lua stage");
    lh_instance *in = calloc(1, sizeof *in);
    if (!in)
        return api->fail(sc, PRECIS_ENOMEM, "out of memory");
    in->st = st;
    in->opt_ref = LUA_NOREF;
    lh_job j = { st, in, opt };
    lua_sandbox_error e;
    if (lua_sandbox_call(st->script->sb, create_body, &j, &e)) {
        free(in);
        return api->fail(sc, e.code, "%s: %s", st->script->chunk,
                         e.message);
    }
    *state = in;
    return PRECIS_OK;
}

static int run_body(lua_State *L)
{
    lh_job *j = lua_touserdata(L, 1);
    lua_script *s = j->st->script;
    int fn = lua_gettop(L) + 1;
    lua_rawgeti(L, LUA_REGISTRYINDEX, j->st->run_ref);
    lua_pushvalue(L, fn);
    lua_article_push(L, s);
    lua_rawgeti(L, LUA_REGISTRYINDEX, j->in->opt_ref);
    lua_article_push_out(L, s);
    lua_call(L, 3, LUA_MULTRET);        /* stack: run results… */
    int nres = lua_gettop(L) - fn;
    if (nres > 1) {
        lua_Debug ar;
        lua_pushvalue(L, fn);
        lua_getinfo(L, ">S", &ar);
        return luaL_error(L, "%s:%d: run returned %d values; expected "
                          "nothing, a string (the summary's text) or a list "
                          "of sentences", ar.short_src, ar.linedefined,
                          nres);
    }
    if (nres == 1)
        lua_article_result(L, s, fn + 1, fn);
    return 0;
}

static int lh_run(precis_stage_ctx *sc, void *state, precis_article *a)
{
    const precis_api *api = api_table();
    lh_instance *in = state;
    lua_script *s = in->st->script;
    lh_job j = { in->st, in, NULL };
    s->article = a;
    s->sctx = sc;
    lua_sandbox_error e;
    int rc = lua_sandbox_call(s->sb, run_body, &j, &e);
    s->article = NULL;
    s->sctx = NULL;
    lua_helpers_end_run(s);
    if (rc == PRECIS_OK)
        return sc->failed ? sc->code : PRECIS_OK;
    /* The stage's message is one line; the traceback (-v) goes to the
     * log on lines of its own, just before it. */
    if (s->h->log.verbosity >= 2 && e.traceback[0])
        api->log(sc, 2, "%s", e.traceback);
    char msg[sizeof e.message + 130];
    call_message(s, &e, 0, msg, sizeof msg);
    return api->fail(sc, e.code, "%s", msg);
}

static int destroy_body(lua_State *L)
{
    lh_instance *in = lua_touserdata(L, 1);
    luaL_unref(L, LUA_REGISTRYINDEX, in->opt_ref);
    return 0;
}

static void lh_destroy(void *state)
{
    lh_instance *in = state;
    if (!in)
        return;
    lua_sandbox_error e;
    if (in->st->script->sb)
        lua_sandbox_call(in->st->script->sb, destroy_body, in, &e);
    free(in);
}

/* ---- loading ---- */

static int register_all(lua_host *lh, lua_script *s, precis_error *err)
{
    registry *r = lh->h->reg;
    for (size_t i = 0; i < s->stages.n; i++) {
        lua_stage *st = s->stages.v[i];
        st->def.create = lh_create;
        st->def.run = lh_run;
        st->def.destroy = lh_destroy;
        int rc = reg_check_def(&st->def, err);
        if (rc) {
            diag_prefix(err, "%s:%d", s->chunk, st->line);
            return rc;
        }
        const reg_stage *old = reg_find(r, lh->origin, st->name);
        if (old)
            return diag_set(err, PRECIS_ECONFIG,
                            "%s:%d: stage '%s' is already registered by %s; "
                            "rename one of them", s->chunk, st->line,
                            st->name, old->where);
    }
    for (size_t i = 0; i < s->stages.n; i++) {
        int rc = reg_add_stage(r, lh->origin, &s->stages.v[i]->def,
                               s->path, "script", err);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}

static lua_script *find_loaded(lua_host *h, const char *real)
{
    for (size_t i = 0; i < h->scripts.n; i++)
        if (!strcmp(h->scripts.v[i]->real, real))
            return h->scripts.v[i];
    return NULL;
}

/* The directory of a real path ("/" for "/x.lua"); malloc'd. */
static char *dir_of(const char *real)
{
    const char *slash = strrchr(real, '/');
    if (!slash)
        return strdup(".");
    return strndup(real, slash == real ? 1 : (size_t)(slash - real));
}

static lua_script *script_new(lua_host *lh, const char *path,
                              const char *real, precis_error *err)
{
    lua_script *s = calloc(1, sizeof *s);
    char cn[128];
    lua_sandbox_chunkname(path, cn, sizeof cn);
    if (!s || !(s->path = strdup(path)) || !(s->real = strdup(real))
        || !(s->chunk = strdup(cn))) {
        script_free(s);
        diag_set(err, PRECIS_ENOMEM, "out of memory");
        return NULL;
    }
    s->lh = lh;
    s->h = lh->h;
    /* Modules come from the script's own directory first, then from the
     * script path. */
    const char *dirs[64];
    size_t nd = 0;
    char *own = dir_of(real);
    if (own)
        dirs[nd++] = own;
    for (size_t i = 0; i < lh->dirs.n && nd < 64; i++)
        dirs[nd++] = lh->dirs.v[i];
    s->sb = lua_sandbox_new(&lh->lim, dirs, nd, s, err);
    free(own);
    if (!s->sb) {
        diag_prefix(err, "%s", path);
        script_free(s);
        return NULL;
    }
    return s;
}

/* Loads path once per context; the script, or NULL with err set. */
static lua_script *load_script(lua_host *h, const char *path,
                               precis_error *err)
{
    char real[PATH_MAX];
    struct stat st;
    errno = 0;
    if (!realpath(path, real) || stat(real, &st) || !S_ISREG(st.st_mode)) {
        diag_set(err, PRECIS_ENOTFOUND, "script %s: %s", path,
                 errno ? strerror(errno) : "not a regular file");
        return NULL;
    }
    lua_script *s = find_loaded(h, real);
    if (s)
        return s;
    if (!(s = script_new(h, path, real, err)))
        return NULL;
    lua_sandbox_error e;
    int rc = lua_sandbox_call(s->sb, load_body, s, &e);
    s->loading = 0;
    if (rc) {
        char msg[sizeof e.message + sizeof e.traceback + 130];
        call_message(s, &e, 1, msg, sizeof msg);
        diag_set(err, rc, "%s", msg);
        script_free(s);
        return NULL;
    }
    if (!s->stages.n) {
        diag_set(err, PRECIS_ECONFIG, "%s registers no stage (call "
                 "precis.register_stage{ name = …, run = … } when it "
                 "loads)", s->chunk);
        script_free(s);
        return NULL;
    }
    if (VEC_PUSH(&h->scripts, s)) {
        diag_set(err, PRECIS_ENOMEM, "out of memory");
        script_free(s);
        return NULL;
    }
    size_t before = h->h->reg->stages.n;
    if (register_all(h, s, err)) {
        /* Stages already in the registry point at s: then it stays. */
        if (h->h->reg->stages.n == before) {
            h->scripts.n--;
            script_free(s);
        }
        return NULL;
    }
    return s;
}

/* s's stage called name, or NULL. */
static lua_stage *find_stage(const lua_script *s, const char *name)
{
    for (size_t i = 0; name && i < s->stages.n; i++)
        if (!strcmp(s->stages.v[i]->name, name))
            return s->stages.v[i];
    return NULL;
}

/* "a, b, c": the names of s's stages (only its summarizers when sum is
 * set), for messages. */
static void stage_names(const lua_script *s, int sum, char *buf,
                        size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; i < s->stages.n; i++) {
        const lua_stage *st = s->stages.v[i];
        if (sum && !(st->def.flags & PRECIS_STAGE_SUMMARIZER))
            continue;
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, "%s%s", n ? ", " : "", st->name);
    }
}

/* The registry's record of st; NULL with err set. */
static const reg_stage *registered(const lua_script *s, const lua_stage *st,
                                   precis_error *err)
{
    const reg_stage *r = reg_find(s->h->reg, s->lh->origin, st->name);
    if (!r)
        diag_set(err, PRECIS_ENOTFOUND, "%s: stage '%s' is not registered",
                 s->chunk, st->name);
    return r;
}

/* The summarizer of s for the instance --script fills: its only one, or
 * the one named after the instance (the file); NULL with err set. */
static const reg_stage *pick_summarizer(lua_script *s, const char *instance,
                                        precis_error *err)
{
    lua_stage *pick = NULL;
    size_t n = 0;
    for (size_t i = 0; i < s->stages.n; i++)
        if (s->stages.v[i]->def.flags & PRECIS_STAGE_SUMMARIZER) {
            pick = s->stages.v[i];
            n++;
        }
    lua_stage *named = find_stage(s, instance);
    if (n > 1 && named && (named->def.flags & PRECIS_STAGE_SUMMARIZER))
        return registered(s, named, err);
    char names[512];
    stage_names(s, n > 1, names, sizeof names);
    if (n == 0)
        diag_set(err, PRECIS_ECONFIG, "%s registers no summarizer (its "
                 "stages: %s); --script needs a stage of kind "
                 "\"summarizer\"", s->chunk, names);
    else if (n > 1)
        diag_set(err, PRECIS_ECONFIG, "%s registers several summarizers "
                 "(%s) and none is called '%s'; run one in a pipeline with "
                 "[stage.NAME] use = %s", s->chunk, names, instance,
                 s->path);
    return n == 1 ? registered(s, pick, err) : NULL;
}

/*
 * The stage of s that the pipeline's instance runs: the one named after
 * the instance ([stage.NAME]), else the one named after the file (as
 * use = lua:NAME picks it), else the file's only stage.  A file of
 * several stages and neither name is a mistake to point out, not a
 * guess: each stage runs in its own kind's phase.  NULL with err set.
 */
static const reg_stage *pick_stage(lua_script *s, const char *instance,
                                   const char *base, precis_error *err)
{
    if (instance && *instance && !strcmp(instance, s->lh->summ_slot))
        return pick_summarizer(s, instance, err);
    lua_stage *pick = find_stage(s, instance);
    if (!pick)
        pick = find_stage(s, base);
    if (!pick && s->stages.n == 1)
        pick = s->stages.v[0];
    if (pick)
        return registered(s, pick, err);
    char names[512];
    stage_names(s, 0, names, sizeof names);
    const char *first = s->stages.v[0]->name;
    if (instance)
        diag_set(err, PRECIS_ECONFIG, "%s registers stages %s and none is "
                 "called '%s'; name the instance after the stage to run "
                 "([stage.%s] use = %s)", s->chunk, names, instance, first,
                 s->path);
    else
        diag_set(err, PRECIS_ECONFIG, "%s registers stages %s and none is "
                 "called '%s'; name the stage to run (use = lua:%s)",
                 s->chunk, names, base, first);
    return NULL;
}

/* "dir/tweet.lua" -> "tweet". */
static void base_name(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    snprintf(buf, size, "%s", slash ? slash + 1 : path);
    size_t n = strlen(buf);
    if (n > 4 && !strcmp(buf + n - 4, ".lua"))
        buf[n - 4] = '\0';
}

static const reg_stage *load_path(void *self, const char *path,
                                  const char *instance, precis_error *err)
{
    lua_script *s = load_script(self, path, err);
    if (!s)
        return NULL;
    char base[256];
    base_name(path, base, sizeof base);
    return pick_stage(s, instance, base, err);
}

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static void ignore_report(void *ud, const char *msg)
{
    (void)ud;
    (void)msg;
}

static int load_all(void *self, void (*report)(void *, const char *),
                    void *ud);

static const reg_stage *load_named(void *self, const char *name,
                                   precis_error *err)
{
    lua_host *lh = self;
    registry *r = lh->h->reg;
    const reg_stage *found = reg_find(r, lh->origin, name);
    if (found)
        return found;
    if (!valid_key(name, 1)) {
        diag_set(err, PRECIS_ENOTFOUND, "no script '%s.lua'", name);
        return NULL;
    }
    char path[4096];
    for (size_t i = 0; i < lh->dirs.n; i++) {
        snprintf(path, sizeof path, "%s/%s.lua", lh->dirs.v[i], name);
        if (!is_file(path))
            continue;
        lua_script *s = load_script(lh, path, err);
        return s ? pick_stage(s, NULL, name, err) : NULL;
    }
    /* One script may register several stages: look through them all. */
    load_all(lh, ignore_report, NULL);
    if ((found = reg_find(r, lh->origin, name)))
        return found;
    diag_set(err, PRECIS_ENOTFOUND, "no script '%s.lua' on the script path "
             "(%zu directories; see 'precis plugins')", name, lh->dirs.n);
    return NULL;
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The *.lua files of dir, sorted; NULL when none or unreadable. */
static char **list_scripts(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **v = NULL;
    size_t cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 4, ".lua")
            || de->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nv = realloc(v, cap * sizeof *v);
            if (!nv)
                break;
            v = nv;
        }
        if ((v[*n] = strdup(de->d_name)))
            (*n)++;
    }
    closedir(d);
    if (*n)
        qsort(v, *n, sizeof *v, cmp_str);
    return v;
}

static int load_all(void *self, void (*report)(void *, const char *),
                    void *ud)
{
    lua_host *lh = self;
    int failures = 0;
    char seen[256][64];
    size_t nseen = 0;
    for (size_t i = 0; i < lh->dirs.n; i++) {
        size_t n;
        char **names = list_scripts(lh->dirs.v[i], &n);
        for (size_t k = 0; k < n; k++) {
            /* A name found earlier on the path shadows this one. */
            int shadowed = 0;
            for (size_t m = 0; m < nseen && !shadowed; m++)
                shadowed = !strcmp(seen[m], names[k]);
            if (shadowed)
                continue;
            if (nseen < 256)
                snprintf(seen[nseen++], sizeof seen[0], "%s", names[k]);
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", lh->dirs.v[i], names[k]);
            precis_error err = { 0, "" };
            if (!load_script(lh, path, &err)) {
                failures++;
                if (report)
                    report(ud, err.message);
            }
        }
        for (size_t k = 0; k < n; k++)
            free(names[k]);
        free(names);
    }
    return failures;
}

int lua_host_check(lua_host *lh, const char *path,
                   void (*fn)(void *ud, const lua_check_stage *st),
                   void *ud, size_t *memory, precis_error *err)
{
    lua_script *s = load_script(lh, path, err);
    if (!s)
        return err ? err->code : PRECIS_ESTAGE;
    for (size_t i = 0; fn && i < s->stages.n; i++) {
        lua_check_stage c = { &s->stages.v[i]->def, s->stages.v[i]->kind,
                              s->stages.v[i]->line };
        fn(ud, &c);
    }
    if (memory)
        *memory = lua_sandbox_memory(s->sb);
    return PRECIS_OK;
}

/* ---- the host ---- */

int lua_host_new(host *h, const precis_options *opt,
                 const char *const *dirs, size_t ndirs, lua_host **out,
                 precis_error *err)
{
    const precis_api *api = api_table();
    lua_host *lh = calloc(1, sizeof *lh);
    if (!lh)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    lh->h = h;
    lh->lim.memory = (size_t)api->opt_int(opt, "memory_limit");
    lh->lim.instructions = api->opt_int(opt, "instruction_limit");
    lh->lim.time_ms = api->opt_int(opt, "time_limit_ms");
    int rc = PRECIS_OK;
    for (size_t i = 0; i < ndirs && !rc; i++) {
        const char *d = arena_strdup(&lh->mem, dirs[i]);
        rc = d && !VEC_PUSH(&lh->dirs, d) ? PRECIS_OK : PRECIS_ENOMEM;
    }
    reg_provider p = { .name = "lua", .suffix = ".lua", .self = lh,
                       .load_path = load_path, .load_named = load_named,
                       .load_all = load_all };
    if (!rc && (lh->origin = reg_add_provider(h->reg, &p)) < 0)
        rc = lh->origin;
    if (rc) {
        lua_host_free(lh);
        return diag_set(err, rc, "out of memory");
    }
    *out = lh;
    return PRECIS_OK;
}

void lua_host_set_summarizer(lua_host *lh, const char *instance)
{
    snprintf(lh->summ_slot, sizeof lh->summ_slot, "%s",
             instance ? instance : "");
}

size_t lua_host_dirs(const lua_host *lh, const char *const **out)
{
    *out = lh->dirs.v;
    return lh->dirs.n;
}

int lua_host_module_dirs(const lua_host *lh,
                         void (*fn)(void *ud, const char *dir), void *ud)
{
    VEC(char *) seen = { 0 };
    int rc = PRECIS_OK;
    size_t n = lh->scripts.n + lh->dirs.n;
    for (size_t i = 0; i < n && !rc; i++) {
        char *d = i < lh->scripts.n ? dir_of(lh->scripts.v[i]->real)
                                    : strdup(lh->dirs.v[i - lh->scripts.n]);
        int dup = 0;
        for (size_t k = 0; d && k < seen.n && !dup; k++)
            dup = !strcmp(seen.v[k], d);
        if (!d || (!dup && VEC_PUSH(&seen, d)))
            rc = PRECIS_ENOMEM;
        if (dup || rc)
            free(d);
        else
            fn(ud, d);
    }
    for (size_t k = 0; k < seen.n; k++)
        free(seen.v[k]);
    VEC_FREE(&seen);
    return rc;
}

void lua_host_free(lua_host *lh)
{
    if (!lh)
        return;
    for (size_t i = 0; i < lh->scripts.n; i++)
        script_free(lh->scripts.v[i]);
    VEC_FREE(&lh->scripts);
    VEC_FREE(&lh->dirs);
    arena_free(&lh->mem);
    free(lh);
}
