/*
 * test_lua.c - the Lua host: the sandbox's limits and allow-list, scripts
 * as pipeline stages (options, outputs, errors, stale handles), Lua
 * summarizers against their C twins, and sessions side by side.
 */
#include "test_util.h"

#include <lauxlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text/article.h"
#include "lua/lua_host.h"
#include "lua/lua_sandbox.h"

/* ---- the sandbox on its own ---- */

typedef struct chunk_job {
    const char *code;
    char result[256];
} chunk_job;

/* Runs job->code as a chunk; its result (tostring'd) goes to result. */
static int run_chunk(lua_State *L)
{
    chunk_job *j = lua_touserdata(L, 1);
    if (luaL_loadbufferx(L, j->code, strlen(j->code), "=chunk", "t"))
        return lua_error(L);
    lua_call(L, 0, 1);
    snprintf(j->result, sizeof j->result, "%s", luaL_tolstring(L, -1,
                                                               NULL));
    return 0;
}

static lua_sandbox *new_sandbox(size_t mem, int64_t instr, int64_t ms,
                                const char *dir)
{
    lua_sandbox_limits lim = { mem, instr, ms };
    precis_error err = { 0, "" };
    const char *dirs[] = { dir };
    lua_sandbox *sb = lua_sandbox_new(&lim, dirs, dir ? 1 : 0, NULL, &err);
    if (!sb)
        fail_msg("sandbox: %s", err.message);
    return sb;
}

/* Runs code; returns the status and fills *e (message checked by the
 * caller) or job.result. */
static int chunk(lua_sandbox *sb, const char *code, chunk_job *job,
                 lua_sandbox_error *e)
{
    memset(job, 0, sizeof *job);
    job->code = code;
    return lua_sandbox_call(sb, run_chunk, job, e);
}

static void want_error(lua_sandbox *sb, const char *code, int status,
                         const char *needle)
{
    chunk_job job;
    lua_sandbox_error e;
    int rc = chunk(sb, code, &job, &e);
    if (rc != status)
        fail_msg("%s: status %d, expected %d (%s)", code, rc, status,
                 rc ? e.message : job.result);
    if (!strstr(e.message, needle))
        fail_msg("%s: message '%s' lacks '%s'", code, e.message, needle);
}

static void want_value(lua_sandbox *sb, const char *code,
                         const char *want)
{
    chunk_job job;
    lua_sandbox_error e;
    if (chunk(sb, code, &job, &e))
        fail_msg("%s: %s", code, e.message);
    if (strcmp(job.result, want))
        fail_msg("%s: '%s', expected '%s'", code, job.result, want);
}

static void sandbox_allow_list(void **state)
{
    (void)state;
    lua_sandbox *sb = new_sandbox(8u << 20, 1000000, 2000, NULL);
    want_error(sb, "return io.open('/etc/passwd')", PRECIS_ESTAGE,
                 "chunk:1: 'io' is not available in the precis sandbox");
    want_error(sb, "os.execute('true')", PRECIS_ESTAGE, "'os' is not");
    want_error(sb, "return debug.traceback()", PRECIS_ESTAGE,
                 "'debug' is not");
    want_error(sb, "return package.loaded", PRECIS_ESTAGE,
                 "'package' is not");
    want_error(sb, "return require 'os'", PRECIS_ESTAGE,
                 "require 'os': module 'os' is not available");
    want_error(sb, "return require 'debug'", PRECIS_ESTAGE,
                 "module 'debug' is not available");
    want_error(sb, "return (''):dump()", PRECIS_ESTAGE,
                 "'string.dump' is not available");
    want_error(sb, "return string.dump(print)", PRECIS_ESTAGE,
                 "'string.dump' is not available");
    want_error(sb, "return load('\\27Lua\\84\\0')", PRECIS_ESTAGE,
                 "binary chunks (bytecode) are not allowed");
    want_error(sb, "local s = {'\\27Lua'} local i = 0 "
                 "return load(function() i = i + 1 return s[i] end)",
                 PRECIS_ESTAGE, "binary chunks");
    want_error(sb, "return setmetatable({}, {__gc = print})",
                 PRECIS_ESTAGE, "__gc metamethods are not allowed");
    want_error(sb, "return setmetatable({}, {__close = print})",
                 PRECIS_ESTAGE, "__close metamethods are not allowed");
    want_error(sb, "return dofile('x')", PRECIS_ESTAGE,
                 "'dofile' is not");
    want_error(sb, "return require 'nothing.here'", PRECIS_ESTAGE,
                 "no lib/nothing/here.lua in the script directories");
    want_error(sb, "return require '../etc/passwd'", PRECIS_ESTAGE,
                 "a module name is letters, digits, '_' and dots");
    /* What scripts do have. */
    want_value(sb, "return load('return 1 + 1')()", "2");
    want_value(sb, "return select('#', load('x = ')) ", "2");
    want_value(sb, "return require('string') == string", "true");
    want_value(sb, "return utf8.len('naïve') .. table.concat({1, 2})",
                 "512");
    want_value(sb, "return coroutine.running() ~= nil and "
                 "math.type(1) == 'integer'", "true");
    want_value(sb, "math.randomseed(0) local a = math.random(1000) "
                 "math.randomseed(0) return a == math.random(1000)",
                 "true");
    want_value(sb, "return rawget(_G, 'io') == nil", "true");
    lua_sandbox_free(sb);
}

static void sandbox_limits(void **state)
{
    (void)state;
    lua_sandbox *sb = new_sandbox(4u << 20, 2000000, 60000, NULL);
    want_error(sb, "while true do end", PRECIS_ELIMIT,
                 "chunk:1: instruction limit reached (2000000 Lua");
    /* The budget is per call: a short chunk runs after a stopped one. */
    want_value(sb, "local n = 0 for i = 1, 1000 do n = n + i end "
                 "return n", "500500");
    want_error(sb, "while true do pcall(function() while true do end "
                 "end) end", PRECIS_ELIMIT, "instruction limit reached");
    want_error(sb, "local ok repeat ok = pcall(error, 'x') until false",
                 PRECIS_ELIMIT, "instruction limit reached");
    want_error(sb, "local co = coroutine.wrap(function() "
                 "while true do end end) while true do pcall(co) end",
                 PRECIS_ELIMIT, "instruction limit reached");
    want_error(sb, "while true do xpcall(function() while true do end "
                 "end, function() while true do end end) end",
                 PRECIS_ELIMIT, "instruction limit reached");
    /* Lua code that would run with hooks off, after a stop: a message
     * handler, and the __close of a coroutine the stop killed, closed at
     * once by wrap or later by close. */
    want_error(sb, "xpcall(function() while true do end end, "
               "function() while true do end end)", PRECIS_ELIMIT,
               "instruction limit reached");
    want_value(sb, "return select(2, xpcall(error, function(e) "
               "return 'handled ' .. e end, 'x'))", "handled x");
    want_error(sb, "local mt = {} local t = setmetatable({}, mt) "
               "mt.__close = function() while true do end end "
               "coroutine.wrap(function() local x <close> = t "
               "while true do end end)()", PRECIS_ELIMIT,
               "instruction limit reached");
    want_error(sb, "local mt = {} local t = setmetatable({}, mt) "
               "mt.__close = function() while true do end end "
               "killed = coroutine.create(function() local x <close> = t "
               "while true do end end) coroutine.resume(killed)",
               PRECIS_ELIMIT, "instruction limit reached");
    want_value(sb, "return coroutine.close(killed)", "false");
    want_value(sb, "local co = coroutine.create(function() "
               "coroutine.yield(1) end) coroutine.resume(co) "
               "return coroutine.close(co)", "true");
    want_value(sb, "local f = coroutine.wrap(function(a) "
               "local b = coroutine.yield(a + 1) return b * 2 end) "
               "return f(1) + f(10)", "22");
    want_error(sb, "local t = {} for i = 1, 1e9 do t[i] = i end",
                 PRECIS_ELIMIT, "chunk:1: memory limit reached (4 MiB");
    want_error(sb, "local t = {} while true do pcall(function() "
                 "for i = 1, 1e9 do t[#t + 1] = ('x'):rep(64) .. i end "
                 "end) end", PRECIS_ELIMIT, "memory limit reached");
    /* One allocation far over the cap is refused before any hook runs:
     * the message still names the line that asked for it. */
    want_error(sb, "\n\nlocal s = ('x'):rep(1 << 28)", PRECIS_ELIMIT,
               "chunk:3: memory limit reached (4 MiB");
    /* So do errors a library function raises without a place, and error
     * objects that are not strings. */
    want_error(sb, "\nreturn ('xx'):rep(math.maxinteger)", PRECIS_ESTAGE,
               "chunk:2: resulting string too large");
    want_error(sb, "error({})", PRECIS_ESTAGE,
               "chunk:1: (error object is a table value)");
    /* What the stopped calls held is gone: memory is back under the cap
     * and the state works. */
    assert_true(lua_sandbox_memory(sb) < (1u << 20));
    want_value(sb, "return #string.rep('ab', 1000)", "2000");
    /* Memory a global keeps stays taken: later calls fail too (the host
     * does not), as a script that leaks into globals deserves. */
    want_error(sb, "big = {} for i = 1, 1e9 do big[i] = i end",
                 PRECIS_ELIMIT, "memory limit reached");
    want_error(sb, "return 1", PRECIS_ELIMIT, "memory limit reached");
    lua_sandbox_free(sb);
    sb = new_sandbox(16u << 20, INT64_C(1000000000000), 150, NULL);
    want_error(sb, "while true do local s = ('x'):rep(100000):upper() "
                 "end", PRECIS_ETIMEOUT,
                 "time limit reached (150 ms; raise [lua] time_limit_ms)");
    lua_sandbox_free(sb);
}

static void sandbox_require(void **state)
{
    (void)state;
    char dir[] = "/tmp/precis-lua-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/lib", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    snprintf(path, sizeof path, "%s/lib/twice.lua", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("count = (count or 0) + 1\nreturn { n = count }\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/lib/loop.lua", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("return require 'loop'\n", f);
    fclose(f);
    lua_sandbox *sb = new_sandbox(8u << 20, 1000000, 2000, dir);
    /* Loaded once, however often required. */
    want_value(sb, "require 'twice' return require('twice').n", "1");
    want_error(sb, "return require 'loop'", PRECIS_ESTAGE,
                 "require 'loop': the module requires itself");
    lua_sandbox_free(sb);
    snprintf(path, sizeof path, "%s/lib/twice.lua", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/lib/loop.lua", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/lib", dir);
    rmdir(path);
    rmdir(dir);
}

/* ---- scripts as stages ---- */

static const char text[] =
    "Harbour council backs sea wall plan\n\n"
    "The council voted on Tuesday to rebuild the sea wall for 4 million "
    "pounds. Councillors backed the plan by 11 votes to 3.\n\n"
    "\"We cannot wait another winter,\" said council leader Margaret "
    "Okafor. Work starts in April and takes 18 months.\n\n"
    "Residents of Quay Street welcomed the vote. A public meeting follows "
    "next week.\n";

/* A session whose summary stage is the script code (written to a
 * temporary file, whose path goes to *path). */
static precis_ctx *script_ctx(const char *code, char **path,
                              const char *extra)
{
    *path = tu_tempfile(".lua", code, strlen(code));
    char use[300];
    snprintf(use, sizeof use, "stage.summary.use=%s", *path);
    const char *sets[] = { "pipeline.stages=normalise, summary", use,
                           "lua.instruction_limit=5000000", extra, NULL };
    return tu_ctx(sets);
}

/* Summarizes text; the summary as printed, or the error message. */
static char *summarize(precis_ctx *ctx, const char *name, int *rc)
{
    precis_article *a = tu_load(ctx, name, text, strlen(text),
                                PRECIS_FORMAT_TEXT);
    precis_error err = { 0, "" };
    char *buf = NULL;
    size_t len = 0;
    *rc = precis_run(ctx, a, &err);
    if (*rc) {
        buf = strdup(err.message);
    } else {
        FILE *f = open_memstream(&buf, &len);
        assert_int_equal(precis_write(ctx, a, PRECIS_VIEW_SUMMARY,
                                      PRECIS_OUTPUT_TEXT, f, &err), 0);
        fclose(f);
    }
    precis_article_free(a);
    return buf;
}

static void done(precis_ctx *ctx, char *path)
{
    precis_ctx_free(ctx);
    unlink(path);
    free(path);
}

static void want_summary(precis_ctx *ctx, const char *needle)
{
    int rc;
    char *s = summarize(ctx, "t.txt", &rc);
    if (rc || !strstr(s, needle))
        fail_msg("expected '%s' in: %s", needle, s);
    free(s);
}

static void want_failure(precis_ctx *ctx, const char *needle)
{
    int rc;
    char *s = summarize(ctx, "t.txt", &rc);
    if (!rc || !strstr(s, needle))
        fail_msg("expected a failure with '%s', got: %s", needle, s);
    free(s);
}

static void stage_outputs(void **state)
{
    (void)state;
    char *path;
    precis_ctx *ctx = script_ctx(
        "precis.register_stage { name = 'x', run = function(a, opt, out)\n"
        "  local n = 0\n"
        "  for s in a:sentences('body') do n = n + 1 end\n"
        "  local s2 = a:sentence(a:sentence_indexes('body')[2])\n"
        "  out:set('checked', n)\n"
        "  out:annotate('second', s2, 'yes')\n"
        "  return string.format('%s|%d|%s|%d|%d|%s', a.headline, n,\n"
        "    s2.text, s2.position, s2.paragraph, s2.kind)\n"
        "end }\n", &path, NULL);
    want_summary(ctx, "Harbour council backs sea wall plan|6|"
                        "Councillors backed the plan by 11 votes to 3.|2|2"
                        "|body");
    done(ctx, path);
    /* A list of sentences, best first: the summary, in article order. */
    ctx = script_ctx(
        "precis.register_stage { name = 'x', run = function(a)\n"
        "  local b = a:sentence_indexes('body')\n"
        "  return { b[5], a:sentence(b[1]) }\n"
        "end }\n", &path, NULL);
    want_summary(ctx, "The council voted on Tuesday to rebuild the sea "
                        "wall for 4 million pounds.\nResidents of Quay");
    done(ctx, path);
}

static void stage_errors(void **state)
{
    (void)state;
    char *path;
    precis_ctx *ctx = script_ctx(
        "precis.register_stage { name = 'x', run = function(a)\n"
        "  return 42\n"
        "end }\n", &path, NULL);
    want_failure(ctx, ":1: run returned a number; expected nothing, a "
                        "string (the summary's text) or a list of "
                        "sentences");
    done(ctx, path);
    ctx = script_ctx(
        "precis.register_stage { name = 'x', run = function(a, o, out)\n"
        "  out:select_top({ 'a' })\n"
        "end }\n", &path, NULL);
    want_failure(ctx, ":2: select_top: score 1 is string, not a number");
    done(ctx, path);
    ctx = script_ctx(
        "precis.register_stage { name = 'x', run = function(a, o, out)\n"
        "  local x = nil + 1\n"
        "end }\n", &path, NULL);
    want_failure(ctx, "stage 'summary' (lua:x script");
    want_failure(ctx, "failed on article 't.txt'");
    want_failure(ctx, ":2: attempt to perform arithmetic on a nil value");
    done(ctx, path);
}

/* A handle kept from one article raises "stale handle" on the next, and
 * the article after that is fine again. */
static void stale_handles(void **state)
{
    (void)state;
    char *path;
    precis_ctx *ctx = script_ctx(
        "local kept, runs = nil, 0\n"
        "precis.register_stage { name = 'x', run = function(a, o, out)\n"
        "  runs = runs + 1\n"
        "  if runs == 2 then return kept.text end\n"
        "  if runs == 3 then return kept_out.count end\n"
        "  kept = a:sentence(1)\n"
        "  kept_out = out\n"
        "  return 'run ' .. runs\n"
        "end }\n", &path, NULL);
    want_summary(ctx, "run 1");
    want_failure(ctx, ":4: stale handle: this sentence belongs to an "
                        "article that is no longer being processed");
    want_failure(ctx, ":5: stale handle: this output belongs");
    want_summary(ctx, "run 4");
    done(ctx, path);
}

/* Summaries and score tables of the Lua twins equal the C stages'. */
static void twins_match_c(void **state)
{
    (void)state;
    const char *src = getenv("PRECIS_SOURCE");
    if (!src)
        skip();
    const char *pairs[][2] = { { "lead", "tests/lua/lead.lua" },
                               { "textrank", "tests/lua/textrank.lua" } };
    char buf[4096];
    const char *files[] = { tu_corpus("seed/000_3950b43d292f39d6.txt", buf,
                                      sizeof buf) };
    for (size_t p = 0; p < 2; p++) {
        char use_c[64], use_l[4200];
        snprintf(use_c, sizeof use_c, "stage.summary.use=%s", pairs[p][0]);
        snprintf(use_l, sizeof use_l, "stage.summary.use=%s/%s", src,
                 pairs[p][1]);
        const char *sc[] = { use_c, NULL }, *sl[] = { use_l, NULL };
        precis_ctx *cc = tu_ctx(sc), *lc = tu_ctx(sl);
        for (int k = 0; k < 2; k++) {
            const char *t = text;
            size_t len = strlen(text);
            char *data = NULL;
            if (k == 1) {
                FILE *f = files[0] ? fopen(files[0], "rb") : NULL;
                if (!f)
                    continue;
                data = malloc(1 << 20);
                len = fread(data, 1, 1 << 20, f);
                fclose(f);
                t = data;
            }
            precis_article *a = tu_load(cc, "c", t, len, PRECIS_FORMAT_TEXT);
            precis_article *b = tu_load(lc, "l", t, len, PRECIS_FORMAT_TEXT);
            precis_error err = { 0, "" };
            assert_int_equal(precis_run(cc, a, &err), 0);
            if (precis_run(lc, b, &err))
                fail_msg("%s: %s", pairs[p][1], err.message);
            assert_int_equal(a->summary.n, b->summary.n);
            for (size_t i = 0; i < a->summary.n; i++)
                assert_int_equal(a->summary.v[i].sentence,
                                 b->summary.v[i].sentence);
            pr_scores *x = article_scores(a, pairs[p][0]);
            pr_scores *y = article_scores(b, pairs[p][0]);
            assert_non_null(x);
            assert_non_null(y);
            for (size_t i = 0; i < a->sents.n; i++)
                if (!(x->v[i] == y->v[i]))
                    fail_msg("%s score %zu: %g vs %g", pairs[p][0], i,
                             x->v[i], y->v[i]);
            precis_article_free(a);
            precis_article_free(b);
            free(data);
        }
        precis_ctx_free(cc);
        precis_ctx_free(lc);
    }
}

/* precis.scores runs a built-in summarizer on demand without touching
 * the summary, and its options reach it. */
static void builtin_scores(void **state)
{
    (void)state;
    char *path;
    precis_ctx *ctx = script_ctx(
        "precis.register_stage { name = 'x', run = function(a, o, out)\n"
        "  local b = a:sentence_indexes('body')\n"
        "  out:select(b[1])\n"
        "  local s = precis.scores(a, 'lead')\n"
        "  assert(s[b[1]] == 0 and s[b[2]] == -1, 'lead scores')\n"
        "  assert(out.count == 1, 'the summary was touched')\n"
        "  local t1 = precis.scores(a, 'textrank')\n"
        "  local t2 = precis.scores(a, 'textrank', { damping = 0.5 })\n"
        "  assert(t1[b[1]] ~= t2[b[1]], 'options ignored')\n"
        "  local ok, e = pcall(precis.scores, a, 'nonesuch')\n"
        "  assert(not ok and e:find('no built%-in or plug%-in'), e)\n"
        "  ok, e = pcall(precis.scores, a, 'textrank', { damping = 7 })\n"
        "  assert(not ok and e:find('damping'), e)\n"
        "  return 'ok'\n"
        "end }\n", &path, NULL);
    want_summary(ctx, "\nok\n");
    done(ctx, path);
}

/* Helpers give what the C model holds. */
static void helpers(void **state)
{
    (void)state;
    char *path;
    precis_ctx *ctx = script_ctx(
        "precis.register_stage { name = 'x', run = function(a, o, out)\n"
        "  local w = precis.tokens('The Walls, the WALL!')\n"
        "  assert(#w == 4 and w[2] == 'walls' and w[4] == 'wall', #w)\n"
        "  w = precis.tokens('The walls of Rome', { stopwords = false })\n"
        "  assert(#w == 2 and w[2] == 'rome', table.concat(w, ' '))\n"
        "  assert(precis.stem('Walls') == precis.stem('wall'))\n"
        "  assert(precis.is_stopword('The') and not "
        "precis.is_stopword('wall'))\n"
        "  local b = a:sentence_indexes('body')\n"
        "  local s = a:sentence(b[1])\n"
        "  local isf = precis.isf(a)\n"
        "  assert(#isf == a.nterms, 'isf')\n"
        "  for t in s:tokens() do assert(isf[t.term] >= 0) end\n"
        "  assert(precis.similarity(a, b[1], b[1]) > 0.99, 'self')\n"
        "  local g = precis.graph(a)\n"
        "  assert(g.n == a.nsentences and #g >= 0, 'graph')\n"
        "  local r = precis.rank(g, { damping = 0.85 })\n"
        "  assert(#r == a.nsentences, 'rank')\n"
        "  local first = a:token(s:tokens()().index)\n"
        "  assert(first.text == 'The' and first.capital and "
        "first.stopword)\n"
        "  assert(a:slice(s.start, s.stop) == s.raw)\n"
        "  local p = a:paragraph(s.paragraph)\n"
        "  assert(p.kind == 'body' and p.first == s.index)\n"
        "  assert(tostring(s) == 'sentence ' .. s.index)\n"
        "  assert(s == a:sentence(s.index), 'eq')\n"
        "  assert(getmetatable(s) == 'precis handle')\n"
        "  assert(#a:quotes() == 0)\n"
        "  assert(a:scores('none') == nil)\n"
        "  out:set_scores('mine', { [b[1]] = 2 })\n"
        "  assert(a:scores('mine')[b[1]] == 2 and s:score('mine') == 2)\n"
        "  assert(out.limit == 3 and out.budget.sentences == 3)\n"
        "  return 'helpers ok'\n"
        "end }\n", &path, NULL);
    want_summary(ctx, "helpers ok");
    done(ctx, path);
}

/* Two scripts and built-ins in one pipeline: registering the second
 * script's stages must not leave the first stages' records dangling
 * (ASan checks this). */
static void two_scripts_one_pipeline(void **state)
{
    (void)state;
    const char *a = "precis.register_stage { name = 'mark', kind = "
                    "'annotate', run = function(a, o, out)\n"
                    "  out:set('marked', 'yes') end }\n";
    const char *b = "precis.register_stage { name = 'useit', run = "
                    "function(a, o, out)\n"
                    "  return 'marked=' .. a:meta('marked') end }\n"
                    "precis.register_stage { name = 'spare', kind = "
                    "'score', run = function() end }\n";
    char *pa = tu_tempfile(".lua", a, strlen(a));
    char *pb = tu_tempfile(".lua", b, strlen(b));
    char s1[300], s2[300];
    snprintf(s1, sizeof s1, "stage.m.use=%s", pa);
    snprintf(s2, sizeof s2, "stage.useit.use=%s", pb);
    const char *sets[] = { "pipeline.stages=normalise, m, lead2, useit",
                           "stage.lead2.use=lead", s1, s2, NULL };
    precis_ctx *ctx = tu_ctx(sets);
    want_summary(ctx, "marked=yes");
    precis_ctx_free(ctx);
    unlink(pa);
    unlink(pb);
    free(pa);
    free(pb);
}

/* Sessions side by side each have their own state of the same script. */
static void sessions_apart(void **state)
{
    (void)state;
    const char *code = "local n = 0\n"
                       "precis.register_stage { name = 'count', run = "
                       "function() n = n + 1 return 'n=' .. n end }\n";
    char *p = tu_tempfile(".lua", code, strlen(code));
    char use[300];
    snprintf(use, sizeof use, "stage.summary.use=%s", p);
    const char *sets[] = { use, NULL };
    precis_ctx *c1 = tu_ctx(sets), *c2 = tu_ctx(sets);
    want_summary(c1, "n=1");
    want_summary(c1, "n=2");
    want_summary(c2, "n=1");
    precis_ctx_free(c1);
    want_summary(c2, "n=2");
    precis_ctx_free(c2);
    unlink(p);
    free(p);
}

static void record(void *ud, const precis_script_stage *st)
{
    char *out = ud;
    snprintf(out + strlen(out), 512 - strlen(out), "%s:%s:%d:%zu;",
             st->def->name, st->kind, st->line, st->def->noptions);
}

static void check_lists_stages(void **state)
{
    (void)state;
    const char *code = "\n\nprecis.register_stage { name = 'one', kind = "
                       "'score', options = { a = 1, b = 'x' },\n"
                       "  run = function() end }\n"
                       "precis.register_stage { name = 'two', run = "
                       "function() end }\n";
    char *p = tu_tempfile(".lua", code, strlen(code));
    precis_ctx *ctx;
    precis_error err = { 0, "" };
    assert_int_equal(precis_ctx_new(&ctx, &err), 0);
    assert_int_equal(precis_ctx_prepare_registry(ctx, &err), 0);
    char out[512] = "";
    size_t mem = 0;
    if (precis_lua_check(ctx, p, record, out, &mem, &err))
        fail_msg("%s", err.message);
    assert_string_equal(out, "one:score:3:2;two:summarizer:5:0;");
    assert_true(mem > 1000 && mem < (1u << 20));
    precis_ctx_free(ctx);
    unlink(p);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sandbox_allow_list),
        cmocka_unit_test(sandbox_limits),
        cmocka_unit_test(sandbox_require),
        cmocka_unit_test(stage_outputs),
        cmocka_unit_test(stage_errors),
        cmocka_unit_test(stale_handles),
        cmocka_unit_test(twins_match_c),
        cmocka_unit_test(builtin_scores),
        cmocka_unit_test(helpers),
        cmocka_unit_test(two_scripts_one_pipeline),
        cmocka_unit_test(sessions_apart),
        cmocka_unit_test(check_lists_stages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
