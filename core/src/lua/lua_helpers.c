/*
 * lua_helpers.c - the precis.* helpers scripts get from the core: words
 * (tokens, stems, stopwords), term weights, sentence similarity, the
 * sentence graph and its ranker, the scores of built-in summarizers, and
 * messages.  They call the same C functions the plug-in api does.
 *
 * As in lua_article.c, no malloc'd memory is held across a Lua call that
 * can raise: scratch memory is a userdata, a context of the call's own
 * (lua_article_push_ctx, freed when the call ends), or the script's
 * cache.
 */
#include "lua/lua_script.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <libstemmer.h>

#include "base/arena.h"
#include "base/config.h"
#include "base/diag.h"
#include "host/api.h"
#include "text/article.h"
#include "text/lang.h"
#include "text/score.h"
#include "text/token.h"

#define G_MAGIC 0x47524150u         /* "GRAP" */
#define NSTEMMERS 8

typedef struct lh_graph {
    uint32_t magic;
    size_t n, nedges;
    precis_edge e[];
} lh_graph;

struct lua_helpers_cache {
    struct sb_stemmer *stem[NSTEMMERS];
    char stem_lang[NSTEMMERS][8];
    size_t nstem;
    /* Sentence vectors for precis.similarity, for one article. */
    uint64_t vec_gen;
    precis_sim_opts vec_opts;
    arena vec_mem;
    sent_vecs vec;
    int vec_valid;
};

static char graph_key;      /* registry key of the graph metatable */

static lua_script *script_of(lua_State *L)
{
    return lua_sandbox_user(L);
}

/* ---- words ---- */

static lua_helpers_cache *cache_of(lua_State *L, lua_script *s)
{
    if (!s->cache && !(s->cache = calloc(1, sizeof *s->cache)))
        luaL_error(L, "out of memory");
    return s->cache;
}

/* The language for word helpers and translation: the live article's,
 * else English - also when identification was unsure ("und"), as scripts
 * were written for before precis knew to say so. */
static const char *default_lang(const lua_script *s)
{
    return s->article && s->article->lang[0]
           && strcmp(s->article->lang, "und") ? s->article->lang : "en";
}

/* Argument idx, else the default language. */
static const char *lang_arg(lua_State *L, lua_script *s, int idx)
{
    if (!lua_isnoneornil(L, idx))
        return luaL_checkstring(L, idx);
    return default_lang(s);
}

typedef struct scan_job {
    char *buf;              /* NULL while counting */
    size_t used;
    size_t count;
    const char *lang;
    int skip_stop;
} scan_job;

static int on_word(void *ud, size_t start, size_t end, const char *fold,
                   size_t len, unsigned flags)
{
    (void)start;
    (void)end;
    (void)flags;
    scan_job *j = ud;
    if (j->skip_stop && lang_is_stopword(j->lang, fold, len))
        return 0;
    if (j->buf)
        memcpy(j->buf + j->used, fold, len + 1);
    j->used += len + 1;
    j->count++;
    return 0;
}

/* precis.tokens(text [, {stopwords = false, lang = "en"}]): the folded
 * words of any text, as a list. */
static int l_tokens(lua_State *L)
{
    lua_script *s = script_of(L);
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    lua_settop(L, 2);
    scan_job j = { NULL, 0, 0, default_lang(s), 0 };
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_getfield(L, 2, "stopwords");
        j.skip_stop = lua_isboolean(L, -1) && !lua_toboolean(L, -1);
        lua_getfield(L, 2, "lang");
        if (lua_type(L, -1) == LUA_TSTRING)
            j.lang = lua_tostring(L, -1);
        lua_pop(L, 2);
    } else if (!lua_isnoneornil(L, 2)) {
        return luaL_error(L, "precis.tokens: argument 2 must be a table of "
                          "options, not %s", lua_article_what(L, 2));
    }
    /* Two passes: count, then copy into memory Lua owns. */
    if (tok_scan(text, len, on_word, &j))
        return luaL_error(L, "precis.tokens: out of memory");
    size_t count = j.count;
    j.buf = lua_newuserdatauv(L, j.used + 1, 0);
    j.used = j.count = 0;
    if (tok_scan(text, len, on_word, &j) || j.count != count)
        return luaL_error(L, "precis.tokens: out of memory");
    lua_createtable(L, (int)count, 0);
    const char *p = j.buf;
    for (size_t i = 0; i < count; i++) {
        size_t n = strlen(p);
        lua_pushlstring(L, p, n);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
        p += n + 1;
    }
    return 1;
}

/* Folds word into buf (NUL-terminated); raises when it does not fit. */
static size_t fold_word(lua_State *L, const char *w, size_t len, char *buf,
                        size_t size, const char *fn)
{
    size_t n;
    char *f = tok_fold(w, len, &n);
    if (!f)
        luaL_error(L, "%s: not valid UTF-8", fn);
    int fits = n < size;
    if (fits)
        memcpy(buf, f, n + 1);
    free(f);
    if (!fits)
        luaL_error(L, "%s: word too long", fn);
    return n;
}

static struct sb_stemmer *stemmer(lua_State *L, lua_script *s,
                                  const char *lang)
{
    lua_helpers_cache *c = cache_of(L, s);
    for (size_t i = 0; i < c->nstem; i++)
        if (!strcmp(c->stem_lang[i], lang))
            return c->stem[i];
    const char *alg = lang_stemmer(lang);
    if (!alg || c->nstem == NSTEMMERS)
        return NULL;
    struct sb_stemmer *st = sb_stemmer_new(alg, "UTF_8");
    if (st) {
        snprintf(c->stem_lang[c->nstem], sizeof c->stem_lang[0], "%s",
                 lang);
        c->stem[c->nstem++] = st;
    }
    return st;
}

/* precis.stem(word [, lang]) */
static int l_stem(lua_State *L)
{
    lua_script *s = script_of(L);
    size_t len;
    const char *w = luaL_checklstring(L, 1, &len);
    char buf[256];
    size_t n = fold_word(L, w, len, buf, sizeof buf, "precis.stem");
    struct sb_stemmer *st = stemmer(L, s, lang_arg(L, s, 2));
    const sb_symbol *r = st ? sb_stemmer_stem(st, (const sb_symbol *)buf,
                                              (int)n) : NULL;
    if (r)
        lua_pushlstring(L, (const char *)r,
                        (size_t)sb_stemmer_length(st));
    else
        lua_pushlstring(L, buf, n);
    return 1;
}

/* precis.is_stopword(word [, lang]) */
static int l_is_stopword(lua_State *L)
{
    lua_script *s = script_of(L);
    size_t len;
    const char *w = luaL_checklstring(L, 1, &len);
    char buf[256];
    size_t n = fold_word(L, w, len, buf, sizeof buf, "precis.is_stopword");
    lua_pushboolean(L, lang_is_stopword(lang_arg(L, s, 2), buf, n));
    return 1;
}

/* ---- scores ---- */

/* precis.isf(article): inverse sentence frequency per term id. */
static int l_isf(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "precis.isf");
    double *v = lua_newuserdatauv(L, (a->terms.n + 1) * sizeof *v, 0);
    lua_article_stage_ctx(L, "precis.isf");
    precis_stage_ctx *sc = lua_article_push_ctx(L, script_of(L));
    int rc = api_table()->term_isf(sc, a, v);
    lua_article_ctx_done(sc);
    if (rc)
        return lua_article_fail(L, "precis.isf", rc);
    lua_article_push_scores(L, v, a->terms.n);
    return 1;
}

static int opt_bool_field(lua_State *L, int t, const char *k, int dflt)
{
    int r = dflt;
    lua_getfield(L, t, k);
    if (lua_isboolean(L, -1))
        r = lua_toboolean(L, -1);
    else if (!lua_isnil(L, -1))
        luaL_error(L, "option %s must be a boolean", k);
    lua_pop(L, 1);
    return r;
}

/* {weighting = "tfisf"|"tf"|"binary", measure = "cosine"|"overlap",
 *  body_only = true, threshold = 0, stopwords = false, neighbors = 0} */
static precis_sim_opts sim_opts(lua_State *L, int idx, const char *fn)
{
    precis_sim_opts o = { .weighting = PRECIS_WEIGHT_TFISF,
                          .measure = PRECIS_SIM_COSINE, .body_only = 1 };
    if (lua_isnoneornil(L, idx))
        return o;
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "%s: options must be a table, not %s", fn,
                   lua_article_what(L, idx));
    lua_getfield(L, idx, "weighting");
    if (lua_type(L, -1) == LUA_TSTRING) {
        const char *w = lua_tostring(L, -1);
        o.weighting = !strcmp(w, "tf") ? PRECIS_WEIGHT_TF
                    : !strcmp(w, "tfisf") ? PRECIS_WEIGHT_TFISF
                    : !strcmp(w, "binary") ? PRECIS_WEIGHT_BINARY : 0;
        if (!o.weighting)
            luaL_error(L, "%s: weighting must be tf, tfisf or binary", fn);
    }
    lua_getfield(L, idx, "measure");
    if (lua_type(L, -1) == LUA_TSTRING) {
        const char *m = lua_tostring(L, -1);
        if (!strcmp(m, "overlap"))
            o.measure = PRECIS_SIM_OVERLAP;
        else if (strcmp(m, "cosine"))
            luaL_error(L, "%s: measure must be cosine or overlap", fn);
    }
    lua_getfield(L, idx, "threshold");
    if (lua_type(L, -1) == LUA_TNUMBER)
        o.threshold = lua_tonumber(L, -1);
    lua_getfield(L, idx, "neighbors");
    if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 0)
        o.neighbors = (size_t)lua_tointeger(L, -1);
    else if (!lua_isnil(L, -1))
        luaL_error(L, "%s: neighbors must be a whole number >= 0", fn);
    lua_pop(L, 4);
    o.body_only = opt_bool_field(L, idx, "body_only", 1);
    o.stopwords = opt_bool_field(L, idx, "stopwords", 0);
    return o;
}

/* precis.similarity(article, s1, s2 [, opts]) */
static int l_similarity(lua_State *L)
{
    lua_script *s = script_of(L);
    precis_article *a = lua_article_check(L, 1, "precis.similarity");
    lua_settop(L, 4);
    size_t i = lua_article_sentence(L, a, 2, "precis.similarity");
    size_t k = lua_article_sentence(L, a, 3, "precis.similarity");
    precis_sim_opts o = sim_opts(L, 4, "precis.similarity");
    lua_helpers_cache *c = cache_of(L, s);
    /* Vectors for the whole article once, not per pair. */
    if (!c->vec_valid || c->vec_gen != a->gen
        || memcmp(&c->vec_opts, &o, sizeof o)) {
        arena_free(&c->vec_mem);
        c->vec_valid = 0;
        if (score_vectors(a, &o, &c->vec_mem, &c->vec))
            return luaL_error(L, "precis.similarity: out of memory");
        c->vec_valid = 1;
        c->vec_gen = a->gen;
        c->vec_opts = o;
    }
    lua_pushnumber(L, score_sim(&c->vec, &o, i, k));
    return 1;
}

static lh_graph *to_graph(lua_State *L, int idx, const char *fn)
{
    lh_graph *g = lua_type(L, idx) == LUA_TUSERDATA
                      && lua_rawlen(L, idx) >= sizeof(lh_graph)
                      ? lua_touserdata(L, idx) : NULL;
    if (!g || g->magic != G_MAGIC)
        luaL_error(L, "%s: argument %d must be a graph from precis.graph, "
                   "not %s", fn, idx, lua_article_what(L, idx));
    return g;
}

/* precis.graph(article [, opts]): the sparse sentence similarity graph. */
static int l_graph(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "precis.graph");
    lua_settop(L, 2);
    precis_sim_opts o = sim_opts(L, 2, "precis.graph");
    precis_edge *e;
    size_t ne;
    lua_article_stage_ctx(L, "precis.graph");
    /* The edges are built in the call's own scratch memory, copied into
     * the graph (memory Lua counts) and freed at once. */
    precis_stage_ctx *sc = lua_article_push_ctx(L, script_of(L));
    int rc = api_table()->similarity_graph(sc, a, &o, &e, &ne);
    if (rc) {
        lua_article_ctx_done(sc);
        return lua_article_fail(L, "precis.graph", rc);
    }
    lh_graph *g = lua_newuserdatauv(L, sizeof *g + ne * sizeof *e, 0);
    g->magic = G_MAGIC;
    g->n = a->sents.n;
    g->nedges = ne;
    if (ne)
        memcpy(g->e, e, ne * sizeof *e);
    lua_article_ctx_done(sc);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &graph_key);
    lua_setmetatable(L, -2);
    return 1;
}

static size_t check_edge(lua_State *L, lh_graph *g, int idx,
                         const char *fn)
{
    lua_Integer i = luaL_checkinteger(L, idx);
    if (i < 1 || (size_t)i > g->nedges)
        luaL_error(L, "%s: edge %d is out of range (the graph has %d)", fn,
                   (int)i, (int)g->nedges);
    return (size_t)i - 1;
}

/* graph:edge(i) -> from, to, weight (sentence indexes are 1-based) */
static int graph_edge(lua_State *L)
{
    lh_graph *g = to_graph(L, 1, "edge");
    size_t i = check_edge(L, g, 2, "edge");
    lua_pushinteger(L, (lua_Integer)g->e[i].from + 1);
    lua_pushinteger(L, (lua_Integer)g->e[i].to + 1);
    lua_pushnumber(L, g->e[i].weight);
    return 3;
}

/* graph:set_weight(i, w) */
static int graph_set_weight(lua_State *L)
{
    lh_graph *g = to_graph(L, 1, "set_weight");
    size_t i = check_edge(L, g, 2, "set_weight");
    double w = luaL_checknumber(L, 3);
    if (!(w >= 0) || !isfinite(w))
        return luaL_error(L, "set_weight: weights must be finite and not "
                          "negative");
    g->e[i].weight = w;
    return 0;
}

static int graph_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    lh_graph *g = lua_touserdata(L, 1);
    const char *k = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
    if (!strcmp(k, "n"))
        lua_pushinteger(L, (lua_Integer)g->n);
    else if (!strcmp(k, "nedges"))
        lua_pushinteger(L, (lua_Integer)g->nedges);
    else
        return luaL_error(L, "graph has no field '%s' (fields: n, nedges; "
                          "methods: edge, set_weight)", k);
    return 1;
}

static int graph_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)((lh_graph *)lua_touserdata(L, 1))
                           ->nedges);
    return 1;
}

static const luaL_Reg graph_methods[] = {
    { "edge", graph_edge },
    { "set_weight", graph_set_weight },
    { NULL, NULL }
};

/* precis.rank(graph [, {damping = 0.85, prior = {…}, unweighted = false}])
 * -> a list of n scores (weighted PageRank). */
static int l_rank(lua_State *L)
{
    lh_graph *g = to_graph(L, 1, "precis.rank");
    lua_settop(L, 2);
    lua_article_stage_ctx(L, "precis.rank");
    double damping = 0.85;
    int unweighted = 0;
    double *prior = NULL;
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_getfield(L, 2, "damping");
        if (lua_type(L, -1) == LUA_TNUMBER)
            damping = lua_tonumber(L, -1);
        lua_pop(L, 1);
        unweighted = opt_bool_field(L, 2, "unweighted", 0);
        if (lua_getfield(L, 2, "prior") != LUA_TNIL) {
            prior = lua_article_read_scores(L, lua_gettop(L), g->n,
                                            "precis.rank");
            for (size_t i = 0; i < g->n; i++)
                if (!(prior[i] >= 0) || !isfinite(prior[i]))
                    return luaL_error(L, "precis.rank: prior %d must be a "
                                      "number >= 0", (int)i + 1);
        }
    } else if (!lua_isnoneornil(L, 2)) {
        return luaL_error(L, "precis.rank: argument 2 must be a table of "
                          "options, not %s", lua_article_what(L, 2));
    }
    if (!(damping >= 0 && damping < 1))
        return luaL_error(L, "precis.rank: damping must be in [0, 1)");
    const precis_edge *e = g->e;
    if (unweighted && g->nedges) {
        precis_edge *u = lua_newuserdatauv(L, g->nedges * sizeof *u, 0);
        for (size_t i = 0; i < g->nedges; i++) {
            u[i] = g->e[i];
            u[i].weight = 1.0;
        }
        e = u;
    }
    double *out = lua_newuserdatauv(L, (g->n + 1) * sizeof *out, 0);
    precis_stage_ctx *sc = lua_article_push_ctx(L, script_of(L));
    int rc = api_table()->rank(sc, g->n, e, g->nedges, damping, prior, out);
    lua_article_ctx_done(sc);
    if (rc)
        return lua_article_fail(L, "precis.rank", rc);
    lua_article_push_scores(L, out, g->n);
    return 1;
}

/*
 * Runs a built-in or plug-in stage on the live article to get its score
 * table (api->run_scorer), leaving the summary as it was.  Its options
 * come from its defaults and the strings of opts (at idx).
 */
static void run_scorer(lua_State *L, lua_script *s, precis_article *a,
                       const char *name, int idx)
{
    enum { MAXOPT = 64 };
    const char *keys[MAXOPT], *vals[MAXOPT];
    size_t n = 0;
    if (lua_type(L, idx) == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            if (lua_type(L, -2) != LUA_TSTRING || n == MAXOPT)
                luaL_error(L, "precis.scores: options must be at most %d "
                           "name = value pairs", MAXOPT);
            /* The converted value and its key stay referenced by the
             * options table (at idx) or on the stack until we return. */
            keys[n] = lua_tostring(L, -2);
            vals[n] = luaL_tolstring(L, -1, NULL);
            lua_insert(L, -3);      /* keep the string below key, value */
            lua_pop(L, 1);
            n++;
        }
    }
    precis_stage_ctx *sc = lua_article_push_ctx(L, s);
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->run_scorer(sc, a, name, keys, vals, n);
    lua_article_ctx_done(sc);
    lua_article_charge(L, a, mark);
    if (rc)
        lua_article_refused(L, "precis.scores", sc, rc);
}

/* precis.scores(article, name [, options]): a score table of the article
 * (set by an earlier stage), or the scores a built-in summarizer gives
 * it, computed now. */
static int l_scores(lua_State *L)
{
    lua_script *s = script_of(L);
    precis_article *a = lua_article_check(L, 1, "precis.scores");
    lua_settop(L, 3);
    const char *name = luaL_checkstring(L, 2);
    lua_article_stage_ctx(L, "precis.scores");
    size_t n;
    const double *v = api_table()->scores(a, name, &n);
    if (!v || lua_type(L, 3) == LUA_TTABLE) {
        run_scorer(L, s, a, name, 3);
        v = api_table()->scores(a, name, &n);
        if (!v)
            return luaL_error(L, "precis.scores: stage '%s' left no score "
                              "table named '%s'", name, name);
    }
    lua_article_push_scores(L, v, n);
    return 1;
}

/* ---- translation ---- */

/* precis.translate(text or {texts}, to [, from]): machine translation
 * with the session's translator ([translate] engine).  from defaults to
 * the article's language.  Returns a string, or a list of strings. */
static int l_translate(lua_State *L)
{
    lua_script *s = script_of(L);
    int single = lua_type(L, 1) == LUA_TSTRING;
    if (!single)
        luaL_checktype(L, 1, LUA_TTABLE);
    const char *to = luaL_checkstring(L, 2);
    const char *from = luaL_optstring(L, 3, default_lang(s));
    size_t n = single ? 1 : lua_rawlen(L, 1);
    if (n > 100000)
        return luaL_error(L, "precis.translate: %zu segments is too many "
                          "for one call", n);
    lua_settop(L, 3);
    precis_stage_ctx *sc = lua_article_push_ctx(L, s);  /* 4 */
    precis_str *in = api_table()->scratch(sc, (n + 1) * sizeof *in);
    precis_str *out = api_table()->scratch(sc, (n + 1) * sizeof *out);
    if (!in || !out)
        return luaL_error(L, "precis.translate: out of memory");
    for (size_t i = 0; i < n; i++) {
        if (!single && lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TSTRING)
            return luaL_error(L, "precis.translate: segment %zu is a %s, "
                              "not a string", i + 1, luaL_typename(L, -1));
        /* The strings stay referenced by argument 1 during the call. */
        in[i].ptr = lua_tolstring(L, single ? 1 : -1, &in[i].len);
        if (!single)
            lua_pop(L, 1);
    }
    int rc = api_table()->translate(sc, from, to, in, n, out);
    if (rc)
        return lua_article_refused(L, "precis.translate", sc, rc);
    if (single) {
        lua_pushlstring(L, out[0].ptr, out[0].len);
    } else {
        lua_createtable(L, (int)n, 0);                  /* 5 */
        for (size_t i = 0; i < n; i++) {
            lua_pushlstring(L, out[i].ptr, out[i].len);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
    }
    lua_article_ctx_done(sc);   /* the translations are Lua's now */
    return 1;
}

/* ---- messages ---- */

static int log_at(lua_State *L, int level)
{
    lua_script *s = script_of(L);
    const char *m = lua_sandbox_join(L, ' ');
    if (s->sctx)
        api_table()->log(s->sctx, level, "%s", m);
    else
        diag_log(&s->h->log, level, "%s: %s", s->chunk, m);
    return 0;
}

/* precis.log(...): shown with -v.  precis.warn(...): shown unless -q. */
static int l_log(lua_State *L)
{
    return log_at(L, 2);
}

static int l_warn(lua_State *L)
{
    return log_at(L, 1);
}

static const luaL_Reg helpers[] = {
    { "tokens", l_tokens },
    { "stem", l_stem },
    { "is_stopword", l_is_stopword },
    { "isf", l_isf },
    { "similarity", l_similarity },
    { "graph", l_graph },
    { "rank", l_rank },
    { "scores", l_scores },
    { "translate", l_translate },
    { "log", l_log },
    { "warn", l_warn },
    { NULL, NULL }
};

void lua_helpers_open(lua_State *L)
{
    luaL_setfuncs(L, helpers, 0);
    lua_createtable(L, 0, 4);
    lua_newtable(L);
    luaL_setfuncs(L, graph_methods, 0);
    lua_pushcclosure(L, graph_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, graph_len);
    lua_setfield(L, -2, "__len");
    lua_pushliteral(L, "precis graph");
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &graph_key);
}

void lua_helpers_end_run(lua_script *s)
{
    lua_helpers_cache *c = s->cache;
    if (c && c->vec_valid) {
        arena_free(&c->vec_mem);
        c->vec_valid = 0;
    }
}

void lua_helpers_free(lua_script *s)
{
    lua_helpers_cache *c = s->cache;
    if (!c)
        return;
    arena_free(&c->vec_mem);
    for (size_t i = 0; i < c->nstem; i++)
        sb_stemmer_delete(c->stem[i]);
    free(c);
    s->cache = NULL;
}
