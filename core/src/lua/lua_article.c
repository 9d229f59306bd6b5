/*
 * lua_article.c - the article as scripts see it, and the output object.
 *
 * Articles, paragraphs, sentences and tokens are small read-only userdata
 * handles (an index and the article's generation); their fields are read
 * from the C model when asked for, so text stays in C and a script copies
 * only what it reads.  A handle is valid only while the run() call that
 * received its article lasts: afterwards, or on another article, using it
 * raises "stale handle".  Changes go through the output object, which
 * calls the same api table C plug-ins use, so scripts and plug-ins have
 * the same powers and the same checks.
 *
 * Rules for this file: no malloc'd memory is held across a Lua call that
 * can raise (scratch memory is a userdata, the stage's scratch arena or
 * the script's score buffer); tables scripts pass are read raw, so no
 * script code runs inside these functions.
 */
#include "lua/lua_script.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include <precis/util.h>

#include "host/api.h"
#include "text/article.h"
#include "text/score.h"

#define H_MAGIC 0x50524543u         /* "PREC" */

enum { H_ARTICLE = 1, H_PARAGRAPH, H_SENTENCE, H_TOKEN, H_OUT, H_NTYPES };

static const char *const type_names[H_NTYPES] = {
    "?", "article", "paragraph", "sentence", "token", "output"
};

typedef struct lh_handle {
    uint32_t magic;
    uint32_t type;
    uint64_t gen;               /* the article's generation */
    size_t index;               /* 0-based */
} lh_handle;

/* Registry keys of the metatables (their addresses). */
static char mt_key[H_NTYPES];

static lua_script *script_of(lua_State *L)
{
    return lua_sandbox_user(L);
}

/* ---- handles ---- */

static void push_handle(lua_State *L, lua_script *s, int type, size_t i)
{
    lh_handle *h = lua_newuserdatauv(L, sizeof *h, 0);
    h->magic = H_MAGIC;
    h->type = (uint32_t)type;
    h->gen = s->article->gen;
    h->index = i;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &mt_key[type]);
    lua_setmetatable(L, -2);
}

static lh_handle *to_handle(lua_State *L, int idx, int type)
{
    lh_handle *h = lua_type(L, idx) == LUA_TUSERDATA
                       && lua_rawlen(L, idx) == sizeof(lh_handle)
                       ? lua_touserdata(L, idx) : NULL;
    return h && h->magic == H_MAGIC && (!type || h->type == (uint32_t)type)
               ? h : NULL;
}

/* "a number", "an article", "nil": what a value is, for messages. */
const char *lua_article_what(lua_State *L, int idx)
{
    lh_handle *h = to_handle(L, idx, 0);
    const char *n = h ? type_names[h->type] : luaL_typename(L, idx);
    if (!strcmp(n, "nil") || !strcmp(n, "no value"))
        return n;
    return lua_pushfstring(L, "%s %s", strchr("aeiou", n[0]) ? "an" : "a",
                           n);
}

static precis_article *live(lua_State *L, const lh_handle *h)
{
    lua_script *s = script_of(L);
    if (!s->article || s->article->gen != h->gen)
        luaL_error(L, "stale handle: this %s belongs to an article that "
                   "is no longer being processed (handles are valid only "
                   "during the run call that received them)",
                   type_names[h->type]);
    return s->article;
}

static lh_handle *check_handle(lua_State *L, int idx, int type,
                               const char *fn)
{
    lh_handle *h = to_handle(L, idx, type);
    if (!h)
        luaL_error(L, "%s: argument %d must be a%s %s, not %s", fn, idx,
                   type == H_ARTICLE ? "n" : "", type_names[type],
                   lua_article_what(L, idx));
    live(L, h);
    return h;
}

precis_article *lua_article_check(lua_State *L, int idx, const char *fn)
{
    return live(L, check_handle(L, idx, H_ARTICLE, fn));
}

/* The running stage's context: writes and helpers need one. */
precis_stage_ctx *lua_article_stage_ctx(lua_State *L, const char *fn)
{
    lua_script *s = script_of(L);
    if (!s->sctx)
        luaL_error(L, "%s: only while a stage runs", fn);
    return s->sctx;
}

/* ---- host memory made for a call ---- */

static int ctx_gc(lua_State *L)
{
    api_ctx_done(lua_touserdata(L, 1));
    return 0;
}

precis_stage_ctx *lua_article_push_ctx(lua_State *L, lua_script *s)
{
    precis_stage_ctx *sc = lua_newuserdatauv(L, sizeof *sc, 0);
    api_ctx_init(sc, s->h, s->sctx ? s->sctx->stage : NULL, s->article);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, ctx_gc);
    lua_setfield(L, -2, "__gc");
    lua_setmetatable(L, -2);
    return sc;
}

void lua_article_ctx_done(precis_stage_ctx *sc)
{
    api_ctx_done(sc);   /* the collector's call then finds nothing */
}

#define CAP_BYTES(x) ((x).cap * sizeof *(x).v)

size_t lua_article_footprint(const precis_article *a)
{
    return a->mem.bytes + CAP_BYTES(a->fields) + CAP_BYTES(a->people)
         + CAP_BYTES(a->quotes) + CAP_BYTES(a->scores)
         + CAP_BYTES(a->summary) + CAP_BYTES(a->notes);
}

void lua_article_charge(lua_State *L, const precis_article *a,
                        size_t before)
{
    size_t now = lua_article_footprint(a);
    if (now > before)
        lua_sandbox_charge(L, now - before);
}

/* A sentence given as a handle or a 1-based index; its 0-based index. */
size_t lua_article_sentence(lua_State *L, precis_article *a, int idx,
                             const char *fn)
{
    lh_handle *h = to_handle(L, idx, H_SENTENCE);
    if (h) {
        live(L, h);
        return h->index;
    }
    if (!lua_isinteger(L, idx))
        luaL_error(L, "%s: argument %d must be a sentence or a sentence "
                   "index, not %s", fn, idx, lua_article_what(L, idx));
    lua_Integer i = lua_tointeger(L, idx);
    if (i < 1 || (size_t)i > a->sents.n)
        luaL_error(L, "%s: sentence %d is out of range (the article has "
                   "%d)", fn, (int)i, (int)a->sents.n);
    return (size_t)i - 1;
}

static size_t check_paragraph(lua_State *L, precis_article *a, int idx,
                              const char *fn)
{
    lh_handle *h = to_handle(L, idx, H_PARAGRAPH);
    if (h) {
        live(L, h);
        return h->index;
    }
    if (!lua_isinteger(L, idx))
        luaL_error(L, "%s: argument %d must be a paragraph or a paragraph "
                   "index, not %s", fn, idx, lua_article_what(L, idx));
    lua_Integer i = lua_tointeger(L, idx);
    if (i < 1 || (size_t)i > a->paras.n)
        luaL_error(L, "%s: paragraph %d is out of range (the article has "
                   "%d)", fn, (int)i, (int)a->paras.n);
    return (size_t)i - 1;
}

/* Pushes text[0, len) with white space runs (and U+00A0) folded into one
 * space and none at the ends, as the output writes sentences. */
static void push_squeezed(lua_State *L, const char *t, size_t len)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t i = 0;
    int pending = 0, any = 0;
    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        int nbsp = c == 0xC2 && i + 1 < len
                   && (unsigned char)t[i + 1] == 0xA0;
        if (c == ' ' || (c >= '\t' && c <= '\r') || nbsp) {
            pending = 1;
            i += nbsp ? 2 : 1;
            continue;
        }
        size_t j = i + 1;
        while (j < len) {
            unsigned char d = (unsigned char)t[j];
            if (d == ' ' || (d >= '\t' && d <= '\r')
                || (d == 0xC2 && j + 1 < len
                    && (unsigned char)t[j + 1] == 0xA0))
                break;
            j++;
        }
        if (pending && any)
            luaL_addchar(&b, ' ');
        luaL_addlstring(&b, t + i, j - i);
        pending = 0;
        any = 1;
        i = j;
    }
    luaL_pushresult(&b);
}

static int no_field(lua_State *L, int type, const char *k,
                    const char *fields)
{
    return luaL_error(L, "%s has no field '%s' (%s)", type_names[type], k,
                      fields);
}

/*
 * Field access in one hash lookup: each __index has a table (upvalue 1)
 * mapping field names to codes and method names to functions.  Returns
 * the field's code (> 0); 0 with the method pushed; -1 when the key is
 * neither.
 */
static int field_code(lua_State *L)
{
    lua_pushvalue(L, 2);
    switch (lua_rawget(L, lua_upvalueindex(1))) {
    case LUA_TNUMBER: {
        int c = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        return c;
    }
    case LUA_TFUNCTION:
        return 0;
    default:
        lua_pop(L, 1);
        return -1;
    }
}

static const char *key_of(lua_State *L)
{
    return lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?";
}

/* ---- article ---- */

static void push_meta(lua_State *L, const precis_article *a, const char *k)
{
    precis_str v = api_table()->meta(a, k);
    if (v.ptr)
        lua_pushlstring(L, v.ptr, v.len);
    else
        lua_pushnil(L);
}

static void push_people(lua_State *L, const precis_article *a)
{
    lua_createtable(L, (int)a->people.n, 0);
    for (size_t i = 0; i < a->people.n; i++) {
        lua_createtable(L, 0, 2);
        lua_pushstring(L, a->people.v[i].name);
        lua_setfield(L, -2, "name");
        lua_pushstring(L, a->people.v[i].role);
        lua_setfield(L, -2, "role");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* The people's names, joined: "A, B and C"; nil when there are none. */
static void push_byline(lua_State *L, const precis_article *a)
{
    if (!a->people.n) {
        lua_pushnil(L);
        return;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < a->people.n; i++) {
        if (i)
            luaL_addstring(&b, i + 1 == a->people.n ? " and " : ", ");
        luaL_addstring(&b, a->people.v[i].name);
    }
    luaL_pushresult(&b);
}

static const char article_fields[] =
    "fields: headline, byline, date, language, source, url, site, id, "
    "people, text, nsentences, nparagraphs, ntokens, nterms; methods: "
    "sentences, sentence_indexes, paragraphs, sentence, paragraph, token, "
    "quotes, meta, scores, new_scores, slice";

enum {
    A_HEADLINE = 1, A_DATE, A_URL, A_SITE, A_ID, A_SOURCE, A_LANGUAGE,
    A_LANG, A_BYLINE, A_PEOPLE, A_TEXT, A_NSENTENCES, A_NPARAGRAPHS,
    A_NTOKENS, A_NTERMS
};

static const char *const article_keys[] = {
    NULL, "headline", "date", "url", "site", "id", "source", "language",
    "lang", "byline", "people", "text", "nsentences", "nparagraphs",
    "ntokens", "nterms", NULL
};

static int article_index(lua_State *L)
{
    int c = field_code(L);
    if (c == 0)
        return 1;
    if (c < 0)
        return no_field(L, H_ARTICLE, key_of(L), article_fields);
    precis_article *a = live(L, lua_touserdata(L, 1));
    switch (c) {
    case A_LANGUAGE:
    case A_LANG:
        push_meta(L, a, "lang");
        break;
    case A_BYLINE:
        push_byline(L, a);
        break;
    case A_PEOPLE:
        push_people(L, a);
        break;
    case A_TEXT:
        lua_pushlstring(L, a->text, a->len);
        break;
    case A_NSENTENCES:
        lua_pushinteger(L, (lua_Integer)a->sents.n);
        break;
    case A_NPARAGRAPHS:
        lua_pushinteger(L, (lua_Integer)a->paras.n);
        break;
    case A_NTOKENS:
        lua_pushinteger(L, (lua_Integer)a->toks.n);
        break;
    case A_NTERMS:
        lua_pushinteger(L, (lua_Integer)a->terms.n);
        break;
    default:            /* metadata fields: the key is the field name */
        push_meta(L, a, article_keys[c]);
    }
    return 1;
}

/* Kind filter of an iterator: -1 all, else a precis_kind. */
static int kind_filter(lua_State *L, int idx, const char *fn)
{
    if (lua_isnoneornil(L, idx))
        return -1;
    const char *k = luaL_checkstring(L, idx);
    int kind = article_kind_from_name(k);
    if (kind < 0)
        luaL_error(L, "%s: unknown paragraph kind '%s' (body, headline, "
                   "byline, date, heading, blockquote, list, caption, "
                   "credit, boilerplate)", fn, k);
    return kind;
}

/* Iterator state in upvalues: 1 next index, 2 end, 3 kind, 4 gen. */
static int sentence_iter(lua_State *L)
{
    lua_script *s = script_of(L);
    size_t i = (size_t)lua_tointeger(L, lua_upvalueindex(1));
    size_t end = (size_t)lua_tointeger(L, lua_upvalueindex(2));
    int kind = (int)lua_tointeger(L, lua_upvalueindex(3));
    lh_handle probe = { H_MAGIC, H_SENTENCE,
                        (uint64_t)lua_tointeger(L, lua_upvalueindex(4)), 0 };
    precis_article *a = live(L, &probe);
    if (end > a->sents.n)
        end = a->sents.n;
    while (i < end && kind >= 0
           && a->paras.v[a->sents.v[i].para].kind != kind)
        i++;
    if (i >= end)
        return 0;
    lua_pushinteger(L, (lua_Integer)i + 1);
    lua_replace(L, lua_upvalueindex(1));
    push_handle(L, s, H_SENTENCE, i);
    return 1;
}

static void push_sentence_iter(lua_State *L, const precis_article *a,
                               size_t from, size_t end, int kind)
{
    lua_pushinteger(L, (lua_Integer)from);
    lua_pushinteger(L, (lua_Integer)end);
    lua_pushinteger(L, kind);
    lua_pushinteger(L, (lua_Integer)a->gen);
    lua_pushcclosure(L, sentence_iter, 4);
}

/* article:sentences([kind]) */
static int article_sentences(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "sentences");
    int kind = kind_filter(L, 2, "sentences");
    push_sentence_iter(L, a, 0, a->sents.n, kind);
    return 1;
}

/* article:sentence_indexes([kind]): the indexes of the sentences (in
 * paragraphs of kind), as a list - no handles, for fast loops. */
static int article_sentence_indexes(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "sentence_indexes");
    int kind = kind_filter(L, 2, "sentence_indexes");
    lua_createtable(L, (int)a->sents.n, 0);
    lua_Integer n = 0;
    for (size_t i = 0; i < a->sents.n; i++)
        if (kind < 0 || a->paras.v[a->sents.v[i].para].kind == kind) {
            lua_pushinteger(L, (lua_Integer)i + 1);
            lua_rawseti(L, -2, ++n);
        }
    return 1;
}

/* article:new_scores([value]): a table with room for one score per
 * sentence (so filling it in any order never rehashes), every slot set
 * to value when one is given. */
static int article_new_scores(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "new_scores");
    int fill = !lua_isnoneornil(L, 2);
    lua_Number v = fill ? luaL_checknumber(L, 2) : 0;
    lua_createtable(L, (int)a->sents.n, 0);
    for (size_t i = 0; fill && i < a->sents.n; i++) {
        lua_pushnumber(L, v);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int paragraph_iter(lua_State *L)
{
    lua_script *s = script_of(L);
    size_t i = (size_t)lua_tointeger(L, lua_upvalueindex(1));
    int kind = (int)lua_tointeger(L, lua_upvalueindex(2));
    lh_handle probe = { H_MAGIC, H_PARAGRAPH,
                        (uint64_t)lua_tointeger(L, lua_upvalueindex(3)), 0 };
    precis_article *a = live(L, &probe);
    while (i < a->paras.n && kind >= 0 && a->paras.v[i].kind != kind)
        i++;
    if (i >= a->paras.n)
        return 0;
    lua_pushinteger(L, (lua_Integer)i + 1);
    lua_replace(L, lua_upvalueindex(1));
    push_handle(L, s, H_PARAGRAPH, i);
    return 1;
}

/* article:paragraphs([kind]) */
static int article_paragraphs(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "paragraphs");
    int kind = kind_filter(L, 2, "paragraphs");
    lua_pushinteger(L, 0);
    lua_pushinteger(L, kind);
    lua_pushinteger(L, (lua_Integer)a->gen);
    lua_pushcclosure(L, paragraph_iter, 3);
    return 1;
}

static int article_sentence(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "sentence");
    size_t i = lua_article_sentence(L, a, 2, "sentence");
    push_handle(L, script_of(L), H_SENTENCE, i);
    return 1;
}

static int article_paragraph(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "paragraph");
    size_t i = check_paragraph(L, a, 2, "paragraph");
    push_handle(L, script_of(L), H_PARAGRAPH, i);
    return 1;
}

static int article_token(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "token");
    lua_Integer i = luaL_checkinteger(L, 2);
    if (i < 1 || (size_t)i > a->toks.n)
        return luaL_error(L, "token: token %d is out of range (the article "
                          "has %d)", (int)i, (int)a->toks.n);
    push_handle(L, script_of(L), H_TOKEN, (size_t)i - 1);
    return 1;
}

static int article_meta(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "meta");
    push_meta(L, a, luaL_checkstring(L, 2));
    return 1;
}

/* article:slice(start, stop): the text's bytes [start, stop). */
static int article_slice(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "slice");
    lua_Integer b = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
    if (b < 0 || e < b || (size_t)e > a->len)
        return luaL_error(L, "slice: [%d, %d) is not within the text (0 to "
                          "%d bytes)", (int)b, (int)e, (int)a->len);
    lua_pushlstring(L, a->text + b, (size_t)(e - b));
    return 1;
}

void lua_article_push_scores(lua_State *L, const double *v, size_t n)
{
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* article:scores(name): a copy of a score table, or nil. */
static int art_scores(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "scores");
    size_t n;
    const double *v = api_table()->scores(a, luaL_checkstring(L, 2), &n);
    if (!v)
        lua_pushnil(L);
    else
        lua_article_push_scores(L, v, n);
    return 1;
}

/* The sentence holding byte offset off (by binary search), or n. */
static size_t sentence_at(const precis_article *a, size_t off)
{
    size_t lo = 0, hi = a->sents.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->sents.v[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < a->sents.n && a->sents.v[lo].start <= off ? lo
                                                          : a->sents.n;
}

static void set_span(lua_State *L, const precis_article *a, const char *k,
                     size_t start, size_t end)
{
    if (end > start && end <= a->len) {
        push_squeezed(L, a->text + start, end - start);
        lua_setfield(L, -2, k);
    }
}

/* article:quotes(): a list of tables, copied (quotes are few). */
static int article_quotes(lua_State *L)
{
    precis_article *a = lua_article_check(L, 1, "quotes");
    static const char *const qkinds[] = { "?", "direct", "partial",
                                          "block" };
    lua_createtable(L, (int)a->quotes.n, 0);
    for (size_t i = 0; i < a->quotes.n; i++) {
        const precis_quote *q = &a->quotes.v[i];
        lua_createtable(L, 0, 12);
        if (q->end > q->start && q->end <= a->len) {
            precis_buf w = PRECIS_BUF_INIT;
            article_quote_words(a, q, &w);
            if (w.oom) {
                precis_buf_free(&w);
                return luaL_error(L, "out of memory");
            }
            lua_pushlstring(L, w.s ? w.s : "", w.len);
            precis_buf_free(&w);
            lua_setfield(L, -2, "text");
        }
        set_span(L, a, "speaker_text", q->speaker_start, q->speaker_end);
        set_span(L, a, "cue", q->cue_start, q->cue_end);
        if (q->speaker) {
            lua_pushstring(L, q->speaker);
            lua_setfield(L, -2, "speaker");
        }
        lua_pushstring(L, q->kind >= 1 && q->kind <= 3 ? qkinds[q->kind]
                                                       : "direct");
        lua_setfield(L, -2, "kind");
        lua_pushinteger(L, (lua_Integer)q->paragraph + 1);
        lua_setfield(L, -2, "paragraph");
        size_t si = sentence_at(a, q->start);
        if (si < a->sents.n) {
            lua_pushinteger(L, (lua_Integer)si + 1);
            lua_setfield(L, -2, "sentence");
        }
        lua_pushinteger(L, (lua_Integer)q->start);
        lua_setfield(L, -2, "start");
        lua_pushinteger(L, (lua_Integer)q->end);
        lua_setfield(L, -2, "stop");
        lua_pushboolean(L, (q->flags & PRECIS_QUOTE_UNCLOSED) != 0);
        lua_setfield(L, -2, "unclosed");
        lua_pushinteger(L, (lua_Integer)i + 1);
        lua_setfield(L, -2, "index");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static const luaL_Reg article_methods[] = {
    { "sentences", article_sentences },
    { "sentence_indexes", article_sentence_indexes },
    { "new_scores", article_new_scores },
    { "paragraphs", article_paragraphs },
    { "sentence", article_sentence },
    { "paragraph", article_paragraph },
    { "token", article_token },
    { "quotes", article_quotes },
    { "meta", article_meta },
    { "scores", art_scores },
    { "slice", article_slice },
    { NULL, NULL }
};

/* ---- paragraph ---- */

static const char paragraph_fields[] =
    "fields: index, kind, reason, text, raw, start, stop, nsentences, "
    "first; methods: sentences";

enum {
    P_INDEX = 1, P_KIND, P_REASON, P_TEXT, P_RAW, P_START, P_STOP,
    P_NSENTENCES, P_FIRST
};

static const char *const paragraph_keys[] = {
    NULL, "index", "kind", "reason", "text", "raw", "start", "stop",
    "nsentences", "first", NULL
};

static int paragraph_index(lua_State *L)
{
    int c = field_code(L);
    if (c == 0)
        return 1;
    if (c < 0)
        return no_field(L, H_PARAGRAPH, key_of(L), paragraph_fields);
    const lh_handle *h = lua_touserdata(L, 1);
    precis_article *a = live(L, h);
    const pr_para *p = &a->paras.v[h->index];
    switch (c) {
    case P_INDEX:
        lua_pushinteger(L, (lua_Integer)h->index + 1);
        break;
    case P_KIND:
        lua_pushstring(L, article_kind_name((precis_kind)p->kind));
        break;
    case P_REASON:
        p->reason ? (void)lua_pushstring(L, p->reason) : lua_pushnil(L);
        break;
    case P_TEXT:
        push_squeezed(L, a->text + p->start, p->end - p->start);
        break;
    case P_RAW:
        lua_pushlstring(L, a->text + p->start, p->end - p->start);
        break;
    case P_START:
        lua_pushinteger(L, p->start);
        break;
    case P_STOP:
        lua_pushinteger(L, p->end);
        break;
    case P_NSENTENCES:
        lua_pushinteger(L, p->nsent);
        break;
    default:
        p->nsent ? lua_pushinteger(L, (lua_Integer)p->sent0 + 1)
                 : lua_pushnil(L);
    }
    return 1;
}

static int paragraph_sentences(lua_State *L)
{
    lh_handle *h = check_handle(L, 1, H_PARAGRAPH, "sentences");
    precis_article *a = live(L, h);
    const pr_para *p = &a->paras.v[h->index];
    push_sentence_iter(L, a, p->sent0, (size_t)p->sent0 + p->nsent, -1);
    return 1;
}

static const luaL_Reg paragraph_methods[] = {
    { "sentences", paragraph_sentences },
    { NULL, NULL }
};

/* ---- sentence ---- */

static const char sentence_fields[] =
    "fields: index, paragraph, position, text, raw, ntokens, kind, "
    "is_body, start, stop; methods: tokens, words, terms, score";

enum {
    S_INDEX = 1, S_TEXT, S_PARAGRAPH, S_POSITION, S_NTOKENS, S_IS_BODY,
    S_KIND, S_RAW, S_START, S_STOP
};

static const char *const sentence_keys[] = {
    NULL, "index", "text", "paragraph", "position", "ntokens", "is_body",
    "kind", "raw", "start", "stop", NULL
};

static int sentence_index(lua_State *L)
{
    int c = field_code(L);
    if (c == 0)
        return 1;
    if (c < 0)
        return no_field(L, H_SENTENCE, key_of(L), sentence_fields);
    const lh_handle *h = lua_touserdata(L, 1);
    precis_article *a = live(L, h);
    const pr_sent *st = &a->sents.v[h->index];
    const pr_para *p = &a->paras.v[st->para];
    switch (c) {
    case S_INDEX:
        lua_pushinteger(L, (lua_Integer)h->index + 1);
        break;
    case S_TEXT:
        push_squeezed(L, a->text + st->start, st->end - st->start);
        break;
    case S_PARAGRAPH:
        lua_pushinteger(L, (lua_Integer)st->para + 1);
        break;
    case S_POSITION:
        lua_pushinteger(L, (lua_Integer)(h->index - p->sent0) + 1);
        break;
    case S_NTOKENS:
        lua_pushinteger(L, st->ntok);
        break;
    case S_IS_BODY:
        lua_pushboolean(L, p->kind == PRECIS_KIND_BODY);
        break;
    case S_KIND:
        lua_pushstring(L, article_kind_name((precis_kind)p->kind));
        break;
    case S_RAW:
        lua_pushlstring(L, a->text + st->start, st->end - st->start);
        break;
    case S_START:
        lua_pushinteger(L, st->start);
        break;
    default:
        lua_pushinteger(L, st->end);
    }
    return 1;
}

static int token_iter(lua_State *L)
{
    lua_script *s = script_of(L);
    size_t i = (size_t)lua_tointeger(L, lua_upvalueindex(1));
    size_t end = (size_t)lua_tointeger(L, lua_upvalueindex(2));
    lh_handle probe = { H_MAGIC, H_TOKEN,
                        (uint64_t)lua_tointeger(L, lua_upvalueindex(3)), 0 };
    live(L, &probe);
    if (i >= end)
        return 0;
    lua_pushinteger(L, (lua_Integer)i + 1);
    lua_replace(L, lua_upvalueindex(1));
    push_handle(L, s, H_TOKEN, i);
    return 1;
}

/* sentence:tokens(): an iterator over token handles. */
static int sentence_tokens(lua_State *L)
{
    lh_handle *h = check_handle(L, 1, H_SENTENCE, "tokens");
    precis_article *a = live(L, h);
    const pr_sent *st = &a->sents.v[h->index];
    lua_pushinteger(L, st->tok0);
    lua_pushinteger(L, (lua_Integer)st->tok0 + st->ntok);
    lua_pushinteger(L, (lua_Integer)a->gen);
    lua_pushcclosure(L, token_iter, 3);
    return 1;
}

/* The sentence's words (terms when terms is set) as a list, stopwords
 * left out when argument 2 is true. */
static int sentence_list(lua_State *L, const char *what, int terms)
{
    lh_handle *h = check_handle(L, 1, H_SENTENCE, what);
    precis_article *a = live(L, h);
    int skip = lua_toboolean(L, 2);
    const pr_sent *st = &a->sents.v[h->index];
    lua_createtable(L, (int)st->ntok, 0);
    lua_Integer n = 0;
    for (uint32_t k = st->tok0; k < st->tok0 + st->ntok; k++) {
        const pr_word *w = &a->words.v[a->toks.v[k].word];
        if (skip && w->stop)
            continue;
        if (terms)
            lua_pushinteger(L, (lua_Integer)w->term + 1);
        else
            lua_pushlstring(L, w->fold, w->len);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* sentence:words([skip_stopwords]): the folded words, as a list. */
static int sentence_words(lua_State *L)
{
    return sentence_list(L, "words", 0);
}

/* sentence:terms([skip_stopwords]): term ids (1-based), as a list. */
static int sentence_terms(lua_State *L)
{
    return sentence_list(L, "terms", 1);
}

/* sentence:score(name): its score in a table set earlier, or nil. */
static int sentence_score(lua_State *L)
{
    lh_handle *h = check_handle(L, 1, H_SENTENCE, "score");
    precis_article *a = live(L, h);
    size_t n;
    const double *v = api_table()->scores(a, luaL_checkstring(L, 2), &n);
    if (v && h->index < n)
        lua_pushnumber(L, v[h->index]);
    else
        lua_pushnil(L);
    return 1;
}

static const luaL_Reg sentence_methods[] = {
    { "tokens", sentence_tokens },
    { "words", sentence_words },
    { "terms", sentence_terms },
    { "score", sentence_score },
    { NULL, NULL }
};

/* ---- token ---- */

static const char token_fields[] =
    "fields: index, text, fold, stem, term, stopword, number, capital, "
    "upper, start, stop";

enum {
    T_INDEX = 1, T_TEXT, T_FOLD, T_STEM, T_TERM, T_STOPWORD, T_NUMBER,
    T_CAPITAL, T_UPPER, T_START, T_STOP
};

static const char *const token_keys[] = {
    NULL, "index", "text", "fold", "stem", "term", "stopword", "number",
    "capital", "upper", "start", "stop", NULL
};

static int token_index(lua_State *L)
{
    int c = field_code(L);
    if (c <= 0)
        return c == 0 ? 1 : no_field(L, H_TOKEN, key_of(L), token_fields);
    const lh_handle *h = lua_touserdata(L, 1);
    precis_article *a = live(L, h);
    const pr_tok *t = &a->toks.v[h->index];
    const pr_word *w = &a->words.v[t->word];
    switch (c) {
    case T_INDEX:
        lua_pushinteger(L, (lua_Integer)h->index + 1);
        break;
    case T_TEXT:
        lua_pushlstring(L, a->text + t->start, t->end - t->start);
        break;
    case T_FOLD:
        lua_pushlstring(L, w->fold, w->len);
        break;
    case T_STEM:
        lua_pushlstring(L, a->terms.v[w->term].stem,
                        a->terms.v[w->term].len);
        break;
    case T_TERM:
        lua_pushinteger(L, (lua_Integer)w->term + 1);
        break;
    case T_STOPWORD:
        lua_pushboolean(L, (t->flags & PRECIS_TOKEN_STOP) != 0);
        break;
    case T_NUMBER:
        lua_pushboolean(L, (t->flags & PRECIS_TOKEN_NUMBER) != 0);
        break;
    case T_CAPITAL:
        lua_pushboolean(L, (t->flags & PRECIS_TOKEN_CAPITAL) != 0);
        break;
    case T_UPPER:
        lua_pushboolean(L, (t->flags & PRECIS_TOKEN_UPPER) != 0);
        break;
    case T_START:
        lua_pushinteger(L, t->start);
        break;
    default:
        lua_pushinteger(L, t->end);
    }
    return 1;
}

/* ---- the output object ---- */

/* What a write's code means to a script. */
static const char *fail_reason(int rc)
{
    /* The api's writes say EFORMAT for text that is not UTF-8. */
    return rc == PRECIS_EFORMAT ? "the text is not valid UTF-8"
                                : api_table()->strerror(rc);
}

int lua_article_fail(lua_State *L, const char *fn, int rc)
{
    return luaL_error(L, "%s: %s", fn, fail_reason(rc));
}

int lua_article_refused(lua_State *L, const char *fn,
                        const precis_stage_ctx *sc, int rc)
{
    /* Every call says the same of text that is not UTF-8. */
    if (!sc || sc->refused != rc || !sc->refusal[0]
        || rc == PRECIS_EFORMAT)
        return lua_article_fail(L, fn, rc);
    /* "select: sentence 0 is …": the api's name gives way to fn. */
    const char *m = sc->refusal;
    size_t k = strspn(m, "abcdefghijklmnopqrstuvwxyz_");
    if (k && !strncmp(m + k, ": ", 2))
        m += k + 2;
    return luaL_error(L, "%s: %s", fn, m);
}

static precis_article *check_out(lua_State *L, const char *fn)
{
    lh_handle *h = check_handle(L, 1, H_OUT, fn);
    return live(L, h);
}

/* Why sentence i cannot go into a summary, pushed: it is not in a body
 * paragraph (select_top's rule too: never the headline, a date line or a
 * credit that a script picked by index); NULL for a body sentence. */
static const char *not_body(lua_State *L, const precis_article *a, size_t i)
{
    if (score_is_body(a, i))
        return NULL;
    const char *k = article_kind_name(
        (precis_kind)a->paras.v[a->sents.v[i].para].kind);
    return lua_pushfstring(L, "sentence %d is in a%s %s paragraph; a "
                           "summary takes only body sentences (see "
                           "sentence.is_body)", (int)i + 1,
                           strchr("aeiou", k[0]) ? "n" : "", k);
}

static void check_body(lua_State *L, const precis_article *a, size_t i,
                       const char *fn)
{
    const char *why = not_body(L, a, i);
    if (why)
        luaL_error(L, "%s: %s", fn, why);
}

/* The user's budget (-n, --ratio, --words) with what the summary holds
 * already counted in. */
static precis_budget_state budget_now(lua_State *L, const precis_article *a)
{
    const precis_budget *b = &script_of(L)->h->budget;
    precis_budget_state bs = score_budget_state(a, b);
    for (size_t i = 0; i < a->summary.n; i++) {
        bs.sentences++;
        bs.words += a->sents.v[a->summary.v[i].sentence].ntok;
    }
    return bs;
}

static int in_summary(const precis_article *a, size_t i)
{
    for (size_t k = 0; k < a->summary.n; k++)
        if (a->summary.v[k].sentence == i)
            return 1;
    return 0;
}

/* Adds body sentence i if the budget has room, by the rule select_top
 * and precis/util.h apply: 1 when it is in the summary, 0 when the
 * budget is full or it is too long for the words left. */
static int take_sentence(lua_State *L, precis_article *a, size_t i,
                         double score, const char *fn)
{
    if (!in_summary(a, i)) {
        precis_budget_state bs = budget_now(L, a);
        if (!precis_budget_take(&bs, a->sents.v[i].ntok))
            return 0;
    }
    precis_stage_ctx *sc = lua_article_stage_ctx(L, fn);
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->select(sc, a, i, score);
    lua_article_charge(L, a, mark);
    if (rc)
        lua_article_fail(L, fn, rc);
    return 1;
}

/* out:select(sentence [, score]): true when the sentence is in the
 * summary, false when the budget had no room for it. */
static int out_select(lua_State *L)
{
    precis_article *a = check_out(L, "select");
    size_t i = lua_article_sentence(L, a, 2, "select");
    double score = luaL_optnumber(L, 3, 0);
    check_body(L, a, i, "select");
    lua_pushboolean(L, take_sentence(L, a, i, score, "select"));
    return 1;
}

/* Reads a list of n scores at idx into an array the script's cache owns
 * (reused, so no garbage per call; valid until the next read): nil is
 * -inf, so the sentence is never chosen. */
double *lua_article_read_scores(lua_State *L, int idx, size_t n, const char *fn)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_error(L, "%s: argument %d must be a list of scores, one per "
                   "sentence, not %s", fn, idx, lua_article_what(L, idx));
    size_t len = lua_rawlen(L, idx);
    if (len > n)
        luaL_error(L, "%s: %d scores for %d sentences", fn, (int)len,
                   (int)n);
    lua_script *s = script_of(L);
    if (s->scores_cap < n + 1) {
        double *nb = realloc(s->scores_buf, (n + 1) * sizeof *nb);
        if (!nb)
            luaL_error(L, "%s: out of memory", fn);
        s->scores_buf = nb;
        s->scores_cap = n + 1;
    }
    double *v = s->scores_buf;
    for (size_t i = 0; i < n; i++) {
        int t = lua_rawgeti(L, idx, (lua_Integer)i + 1);
        if (t == LUA_TNUMBER)
            v[i] = lua_tonumber(L, -1);
        else if (t == LUA_TNIL)
            v[i] = -INFINITY;
        else
            luaL_error(L, "%s: score %d is %s, not a number", fn,
                       (int)i + 1, lua_typename(L, t));
        lua_pop(L, 1);
    }
    return v;
}

/* out:select_top(scores [, redundancy | {redundancy = r}]) */
static int out_select_top(lua_State *L)
{
    precis_article *a = check_out(L, "select_top");
    lua_settop(L, 3);
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "select_top");
    double *v = lua_article_read_scores(L, 2, a->sents.n, "select_top");
    double r = sc->host->redundancy;
    if (lua_type(L, 3) == LUA_TNUMBER) {
        r = lua_tonumber(L, 3);
    } else if (lua_type(L, 3) == LUA_TTABLE) {
        lua_pushliteral(L, "redundancy");
        if (lua_rawget(L, 3) == LUA_TNUMBER)
            r = lua_tonumber(L, -1);
        lua_pop(L, 1);
    } else if (!lua_isnoneornil(L, 3)) {
        return luaL_error(L, "select_top: argument 3 must be the redundancy "
                          "(0-1) or {redundancy = r}, not %s",
                          lua_article_what(L, 3));
    }
    if (!(r >= 0 && r <= 1))
        return luaL_error(L, "select_top: redundancy must be between 0 and "
                          "1");
    /* score_select takes scratch memory: a context for this call. */
    precis_stage_ctx *own = lua_article_push_ctx(L, script_of(L));
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->select_top(own, a, v, a->sents.n, 1 - r);
    lua_article_ctx_done(own);
    lua_article_charge(L, a, mark);
    return rc ? lua_article_fail(L, "select_top", rc) : 0;
}

static int out_clear(lua_State *L)
{
    precis_article *a = check_out(L, "clear");
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "clear");
    int rc = api_table()->clear_summary(sc, a);
    return rc ? lua_article_fail(L, "clear", rc) : 0;
}

/* out:set_text(text): a summary that is not a list of sentences. */
static int out_set_text(lua_State *L)
{
    precis_article *a = check_out(L, "set_text");
    if (lua_type(L, 2) != LUA_TSTRING)
        return luaL_error(L, "set_text: argument 2 must be a string, not "
                          "%s", lua_article_what(L, 2));
    size_t n;
    const char *t = lua_tolstring(L, 2, &n);
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "set_text");
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->set_summary_text(sc, a, t, n);
    lua_article_charge(L, a, mark);
    return rc ? lua_article_fail(L, "set_text", rc) : 0;
}

/* out:set's key: a name, not empty, with no NUL that would cut it. */
static const char *check_field_key(lua_State *L)
{
    size_t n;
    const char *k = luaL_checklstring(L, 2, &n);
    if (!n)
        luaL_error(L, "set: the field name is empty");
    if (memchr(k, '\0', n))
        luaL_error(L, "set: the field name holds a NUL byte");
    if (!strcmp(k, "source") || !strcmp(k, "lang"))
        luaL_error(L, "set: '%s' is set by the loader and cannot be "
                   "changed", k);
    return k;
}

/* Pushes out:set's value (at 3) as the field's text and returns its
 * FIELD_* type; raises for what a field cannot hold or write back. */
static int push_field_value(lua_State *L, const char *k)
{
    switch (lua_type(L, 3)) {
    case LUA_TBOOLEAN:
        lua_pushstring(L, lua_toboolean(L, 3) ? "true" : "false");
        return FIELD_BOOL;
    case LUA_TNUMBER:
        if (!lua_isinteger(L, 3) && !isfinite(lua_tonumber(L, 3)))
            luaL_error(L, "set: the value of '%s' is not a finite number "
                       "(JSON has no NaN or infinity)", k);
        lua_pushvalue(L, 3);
        lua_tostring(L, -1);    /* the copy becomes its text */
        return FIELD_NUMBER;
    case LUA_TSTRING: {
        size_t n;
        const char *v = lua_tolstring(L, 3, &n);
        if (memchr(v, '\0', n))
            luaL_error(L, "set: the value of '%s' holds a NUL byte", k);
        lua_pushvalue(L, 3);
        return FIELD_TEXT;
    }
    default:
        return luaL_error(L, "set: the value of '%s' must be a string, a "
                          "number or a boolean, not %s", k,
                          lua_article_what(L, 3));
    }
}

/* The fields whose format the output promises: set_meta reads a date in
 * them (and writes it ISO 8601), or refuses what is none. */
static int date_key(const char *k)
{
    return !strcmp(k, "date") || !strcmp(k, "date_updated");
}

static int not_a_date(lua_State *L, const char *k, const char *v)
{
    return luaL_error(L, "set: %s takes a date (2024-09-11, "
                      "2024-09-11T14:05:00+02:00, \"September 11, 2024\"; it "
                      "is written as ISO 8601), not '%s'", k, v);
}

/* out:set(key, value): a metadata field. */
static int out_set(lua_State *L)
{
    precis_article *a = check_out(L, "set");
    const char *k = check_field_key(L);
    int type = push_field_value(L, k);
    size_t n;
    const char *v = lua_tolstring(L, -1, &n);
    if (date_key(k) && type != FIELD_TEXT)
        return not_a_date(L, k, v);
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "set");
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->set_meta(sc, a, k, v, n);
    lua_article_charge(L, a, mark);
    if (rc == PRECIS_EFORMAT && date_key(k))
        return not_a_date(L, k, v);
    if (rc)
        return lua_article_fail(L, "set", rc);
    article_set_field_type(a, k, type);
    return 0;
}

/* out:annotate(label, sentence|paragraph|token [, value]) or
 * out:annotate(label, start, stop [, value]) */
static int out_annotate(lua_State *L)
{
    precis_article *a = check_out(L, "annotate");
    const char *label = luaL_checkstring(L, 2);
    size_t start, end;
    int vidx = 4;
    lh_handle *h = to_handle(L, 3, 0);
    if (h && (h->type == H_SENTENCE || h->type == H_PARAGRAPH
              || h->type == H_TOKEN)) {
        live(L, h);
        if (h->type == H_SENTENCE) {
            start = a->sents.v[h->index].start;
            end = a->sents.v[h->index].end;
        } else if (h->type == H_PARAGRAPH) {
            start = a->paras.v[h->index].start;
            end = a->paras.v[h->index].end;
        } else {
            start = a->toks.v[h->index].start;
            end = a->toks.v[h->index].end;
        }
    } else if (lua_isinteger(L, 3) && lua_isinteger(L, 4)) {
        lua_Integer b = lua_tointeger(L, 3), e = lua_tointeger(L, 4);
        if (b < 0 || e < b || (size_t)e > a->len)
            return luaL_error(L, "annotate: [%d, %d) is not within the text "
                              "(0 to %d bytes)", (int)b, (int)e,
                              (int)a->len);
        start = (size_t)b;
        end = (size_t)e;
        vidx = 5;
    } else {
        return luaL_error(L, "annotate: argument 3 must be a sentence, a "
                          "paragraph, a token or a byte offset, not %s",
                          lua_article_what(L, 3));
    }
    const char *value = NULL;
    if (!lua_isnoneornil(L, vidx)) {
        if (lua_type(L, vidx) != LUA_TSTRING
            && lua_type(L, vidx) != LUA_TNUMBER)
            return luaL_error(L, "annotate: the value must be a string, not "
                              "%s", lua_article_what(L, vidx));
        value = lua_tostring(L, vidx);
    }
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "annotate");
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->annotate(sc, a, label, start, end, value);
    lua_article_charge(L, a, mark);
    return rc ? lua_article_fail(L, "annotate", rc) : 0;
}

/* out:set_scores(name, scores) */
static int out_set_scores(lua_State *L)
{
    precis_article *a = check_out(L, "set_scores");
    lua_settop(L, 3);
    const char *name = luaL_checkstring(L, 2);
    double *v = lua_article_read_scores(L, 3, a->sents.n, "set_scores");
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "set_scores");
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->set_scores(sc, a, name, v, a->sents.n);
    lua_article_charge(L, a, mark);
    return rc ? lua_article_fail(L, "set_scores", rc) : 0;
}

/* out:set_kind(paragraph, kind [, reason]) */
static int out_set_kind(lua_State *L)
{
    precis_article *a = check_out(L, "set_kind");
    size_t p = check_paragraph(L, a, 2, "set_kind");
    const char *k = luaL_checkstring(L, 3);
    int kind = article_kind_from_name(k);
    if (kind <= PRECIS_KIND_UNKNOWN)
        return luaL_error(L, "set_kind: unknown kind '%s'", k);
    const char *reason = luaL_optstring(L, 4, NULL);
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "set_kind");
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->set_kind(sc, a, p, (precis_kind)kind, reason);
    lua_article_charge(L, a, mark);
    return rc ? lua_article_fail(L, "set_kind", rc) : 0;
}

static int out_add_person(lua_State *L)
{
    precis_article *a = check_out(L, "add_person");
    size_t n;
    const char *name = luaL_checklstring(L, 2, &n);
    const char *role = luaL_optstring(L, 3, "author");
    if (!n)
        return luaL_error(L, "add_person: the name is empty");
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "add_person");
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->add_person(sc, a, name, n, role);
    lua_article_charge(L, a, mark);
    return rc ? lua_article_refused(L, "add_person", sc, rc) : 0;
}

static int out_clear_people(lua_State *L)
{
    precis_article *a = check_out(L, "clear_people");
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "clear_people");
    int rc = api_table()->clear_people(sc, a);
    return rc ? lua_article_fail(L, "clear_people", rc) : 0;
}

static size_t opt_offset(lua_State *L, int t, const char *k, size_t dflt,
                         size_t len)
{
    lua_pushstring(L, k);
    int ty = lua_rawget(L, t);
    size_t v = dflt;
    if (ty == LUA_TNUMBER && lua_isinteger(L, -1)) {
        lua_Integer i = lua_tointeger(L, -1);
        if (i < 0 || (size_t)i > len)
            luaL_error(L, "add_quote: %s = %d is not within the text", k,
                       (int)i);
        v = (size_t)i;
    } else if (ty != LUA_TNIL) {
        luaL_error(L, "add_quote: %s must be a byte offset", k);
    }
    lua_pop(L, 1);
    return v;
}

/* out:add_quote{ start, stop, paragraph, kind, speaker, speaker_start,
 *                speaker_stop, cue_start, cue_stop, unclosed } */
static int out_add_quote(lua_State *L)
{
    precis_article *a = check_out(L, "add_quote");
    luaL_checktype(L, 2, LUA_TTABLE);
    precis_quote q = { .struct_size = sizeof q };
    q.start = opt_offset(L, 2, "start", a->len + 1, a->len);
    q.end = opt_offset(L, 2, "stop", a->len + 1, a->len);
    if (q.start > a->len || q.end > a->len || q.end < q.start)
        return luaL_error(L, "add_quote: give start and stop, byte offsets "
                          "of the quoted words");
    q.speaker_start = opt_offset(L, 2, "speaker_start", 0, a->len);
    q.speaker_end = opt_offset(L, 2, "speaker_stop", q.speaker_start,
                               a->len);
    q.cue_start = opt_offset(L, 2, "cue_start", 0, a->len);
    q.cue_end = opt_offset(L, 2, "cue_stop", q.cue_start, a->len);
    q.kind = PRECIS_QUOTE_DIRECT;
    lua_pushliteral(L, "kind");
    lua_rawget(L, 2);
    if (lua_type(L, -1) == LUA_TSTRING) {
        const char *k = lua_tostring(L, -1);
        q.kind = !strcmp(k, "partial") ? PRECIS_QUOTE_PARTIAL
               : !strcmp(k, "block") ? PRECIS_QUOTE_BLOCK
               : !strcmp(k, "direct") ? PRECIS_QUOTE_DIRECT : 0;
        if (!q.kind)
            return luaL_error(L, "add_quote: kind must be direct, partial "
                              "or block");
    }
    lua_pushliteral(L, "speaker");
    lua_rawget(L, 2);
    q.speaker = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pushliteral(L, "unclosed");
    lua_rawget(L, 2);
    q.flags = lua_toboolean(L, -1) ? PRECIS_QUOTE_UNCLOSED : 0;
    size_t si = sentence_at(a, q.start);
    q.paragraph = si < a->sents.n ? a->sents.v[si].para : 0;
    precis_stage_ctx *sc = lua_article_stage_ctx(L, "add_quote");
    size_t mark = lua_article_footprint(a);
    int rc = api_table()->add_quote(sc, a, &q);
    lua_article_charge(L, a, mark);
    return rc ? lua_article_fail(L, "add_quote", rc) : 0;
}

/* out:selection(): the chosen sentences' indexes, in article order. */
static int out_selection(lua_State *L)
{
    precis_article *a = check_out(L, "selection");
    lua_createtable(L, (int)a->summary.n, 0);
    for (size_t i = 0; i < a->summary.n; i++) {
        lua_pushinteger(L, (lua_Integer)a->summary.v[i].sentence + 1);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static const char out_fields[] =
    "fields: count, limit, budget, text; methods: select, select_top, "
    "clear, set_text, set, annotate, set_scores, set_kind, add_person, "
    "clear_people, add_quote, selection";

enum { O_COUNT = 1, O_LIMIT, O_TEXT, O_BUDGET };

static const char *const out_keys[] = {
    NULL, "count", "limit", "text", "budget", NULL
};

static int out_index(lua_State *L)
{
    int c = field_code(L);
    if (c == 0)
        return 1;
    if (c < 0)
        return no_field(L, H_OUT, key_of(L), out_fields);
    const lh_handle *h = lua_touserdata(L, 1);
    precis_article *a = live(L, h);
    const precis_budget *b = &script_of(L)->h->budget;
    switch (c) {
    case O_COUNT:
        lua_pushinteger(L, (lua_Integer)a->summary.n);
        break;
    case O_LIMIT:
        lua_pushinteger(L, (lua_Integer)score_budget_sentences(a, b));
        break;
    case O_TEXT:
        a->summary_text ? (void)lua_pushstring(L, a->summary_text)
                        : lua_pushnil(L);
        break;
    default:
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, (lua_Integer)b->sentences);
        lua_setfield(L, -2, "sentences");
        lua_pushnumber(L, b->ratio);
        lua_setfield(L, -2, "ratio");
        lua_pushinteger(L, (lua_Integer)b->words);
        lua_setfield(L, -2, "words");
    }
    return 1;
}

static const luaL_Reg out_methods[] = {
    { "select", out_select },
    { "select_top", out_select_top },
    { "clear", out_clear },
    { "set_text", out_set_text },
    { "set", out_set },
    { "annotate", out_annotate },
    { "set_scores", out_set_scores },
    { "set_kind", out_set_kind },
    { "add_person", out_add_person },
    { "clear_people", out_clear_people },
    { "add_quote", out_add_quote },
    { "selection", out_selection },
    { NULL, NULL }
};

/* ---- handle metamethods ---- */

static int handle_newindex(lua_State *L)
{
    lh_handle *h = lua_touserdata(L, 1);
    return luaL_error(L, "%s fields are read-only (change the article "
                      "through the output object, out)",
                      type_names[h->type]);
}

static int handle_tostring(lua_State *L)
{
    lh_handle *h = lua_touserdata(L, 1);
    if (h->type == H_ARTICLE || h->type == H_OUT)
        lua_pushfstring(L, "precis %s", type_names[h->type]);
    else
        lua_pushfstring(L, "%s %d", type_names[h->type], (int)h->index + 1);
    return 1;
}

static int handle_eq(lua_State *L)
{
    lh_handle *x = to_handle(L, 1, 0), *y = to_handle(L, 2, 0);
    lua_pushboolean(L, x && y && x->type == y->type && x->gen == y->gen
                           && x->index == y->index);
    return 1;
}

/* The metatable of one handle type, kept in the registry under key. */
static void new_metatable(lua_State *L, void *key, lua_CFunction index,
                          const luaL_Reg *methods,
                          const char *const *fields)
{
    lua_createtable(L, 0, 5);
    lua_newtable(L);                    /* names -> code or method */
    if (methods)
        luaL_setfuncs(L, methods, 0);
    for (int i = 1; fields[i]; i++) {
        lua_pushinteger(L, i);
        lua_setfield(L, -2, fields[i]);
    }
    lua_pushcclosure(L, index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, handle_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, handle_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushcfunction(L, handle_eq);
    lua_setfield(L, -2, "__eq");
    /* getmetatable() gives scripts this string, not the table. */
    lua_pushliteral(L, "precis handle");
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

void lua_article_push(lua_State *L, lua_script *s)
{
    push_handle(L, s, H_ARTICLE, 0);
}

void lua_article_push_out(lua_State *L, lua_script *s)
{
    push_handle(L, s, H_OUT, 0);
}

/* "file:line" where the function at idx is defined, pushed. */
static const char *fn_where(lua_State *L, int idx)
{
    lua_Debug ar;
    lua_pushvalue(L, idx);
    lua_getinfo(L, ">S", &ar);
    return lua_pushfstring(L, "%s:%d", ar.short_src, ar.linedefined);
}

/* A result run returned that the article refused: the call is over, so
 * the message names where run is defined. */
static void run_fail(lua_State *L, int fn, int rc)
{
    luaL_error(L, "%s: run: %s", fn_where(L, fn), fail_reason(rc));
}

/* Item i + 1 of the list run returned (on top): a body sentence's 0-based
 * index, or an error naming the item. */
static size_t list_item(lua_State *L, const precis_article *a, size_t i,
                        int fn)
{
    lh_handle *h = to_handle(L, -1, H_SENTENCE);
    size_t k = a->sents.n;
    if (h) {
        live(L, h);
        k = h->index;
    } else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1
               && (size_t)lua_tointeger(L, -1) <= a->sents.n) {
        k = (size_t)lua_tointeger(L, -1) - 1;
    } else {
        const char *what = lua_article_what(L, -1);
        luaL_error(L, "%s: run returned a list whose item %d is %s; "
                   "expected sentences or sentence indexes (1 to %d)",
                   fn_where(L, fn), (int)i + 1, what, (int)a->sents.n);
    }
    const char *why = not_body(L, a, k);
    if (why)
        luaL_error(L, "%s: run returned a list whose item %d is not a body "
                   "sentence: %s", fn_where(L, fn), (int)i + 1, why);
    return k;
}

void lua_article_result(lua_State *L, lua_script *s, int idx, int fn)
{
    precis_article *a = s->article;
    const precis_api *api = api_table();
    int t = lua_type(L, idx);
    if (t == LUA_TNIL)
        return;
    if (t == LUA_TSTRING) {
        size_t n;
        const char *text = lua_tolstring(L, idx, &n);
        int rc = api->set_summary_text(s->sctx, a, text, n);
        if (rc)
            run_fail(L, fn, rc);
        return;
    }
    if (t != LUA_TTABLE)
        luaL_error(L, "%s: run returned %s; expected nothing, a string (the "
                   "summary's text) or a list of sentences",
                   fn_where(L, fn), lua_article_what(L, idx));
    /* A list replaces the summary: first is best, and the budget takes
     * from the top as select_top does (a sentence too long for the words
     * left is passed over for a shorter one). */
    size_t n = lua_rawlen(L, idx);
    size_t *pick = lua_newuserdatauv(L, (n + 1) * sizeof *pick, 0);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i + 1);
        pick[i] = list_item(L, a, i, fn);
        lua_pop(L, 1);
    }
    int rc = api->clear_summary(s->sctx, a);
    precis_budget_state bs = budget_now(L, a);
    for (size_t i = 0; i < n && !rc && !precis_budget_full(&bs); i++)
        if (!in_summary(a, pick[i])
            && precis_budget_take(&bs, a->sents.v[pick[i]].ntok))
            rc = api->select(s->sctx, a, pick[i], (double)(n - i));
    if (rc)
        run_fail(L, fn, rc);
}

void lua_article_open(lua_State *L)
{
    new_metatable(L, &mt_key[H_ARTICLE], article_index, article_methods,
                  article_keys);
    new_metatable(L, &mt_key[H_PARAGRAPH], paragraph_index,
                  paragraph_methods, paragraph_keys);
    new_metatable(L, &mt_key[H_SENTENCE], sentence_index, sentence_methods,
                  sentence_keys);
    new_metatable(L, &mt_key[H_TOKEN], token_index, NULL, token_keys);
    new_metatable(L, &mt_key[H_OUT], out_index, out_methods, out_keys);
}
