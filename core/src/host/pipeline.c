/*
 * pipeline.c - building and running the configured stages.
 */
#include "host/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host/api.h"
#include "text/article.h"
#include "base/config.h"
#include "session/ctx.h"
#include "base/diag.h"
#include "lua/lua_host.h"

/* Default stages: normalise the metadata, find quotes, summarize. */
#define DEFAULT_STAGES "normalise, quotes, summary"

static char crash_buf[1024];
static volatile int crash_set;

const char *pipe_current(void)
{
    return crash_set ? crash_buf : NULL;
}

const reg_stage *pipe_resolve(precis_ctx *ctx, const char *use,
                              precis_error *err)
{
    registry *r = ctx->reg;
    const char *colon = strchr(use, ':');
    stage_origin o = ORIGIN_ANY;
    const char *name = use;
    if (colon) {
        size_t n = (size_t)(colon - use);
        name = colon + 1;
        if (n == 7 && !strncmp(use, "builtin", 7))
            o = ORIGIN_BUILTIN;
        else if (n == 6 && !strncmp(use, "plugin", 6))
            o = ORIGIN_PLUGIN;
        else if (n == 3 && !strncmp(use, "lua", 3))
            o = ORIGIN_LUA;
        else {
            diag_set(err, PRECIS_ECONFIG,
                     "'%s': unknown origin '%.*s' (use builtin:NAME, "
                     "plugin:NAME or lua:NAME)", use, (int)n, use);
            return NULL;
        }
    }
    /* A path to a script or a plug-in file. */
    if (strchr(name, '/') || strstr(name, ".lua") || strstr(name, ".so")) {
        size_t n = strlen(name);
        if (n > 4 && !strcmp(name + n - 4, ".lua"))
            return lua_host_load_path(ctx, name, err);
        if (n > 3 && !strcmp(name + n - 3, ".so")) {
            if (reg_load_file(r, name, err))
                return NULL;
            char base[256];
            const char *slash = strrchr(name, '/');
            snprintf(base, sizeof base, "%.*s", (int)(n - 3 - (slash
                     ? (size_t)(slash + 1 - name) : 0)),
                     slash ? slash + 1 : name);
            const reg_stage *s = reg_find(r, ORIGIN_PLUGIN, base);
            if (!s)
                diag_set(err, PRECIS_ENOTFOUND,
                         "plugin %s registers no stage named '%s'; name "
                         "the stage with plugin:STAGE instead", name, base);
            return s;
        }
    }
    const reg_stage *s = reg_find(r, o, name);
    if (s)
        return s;
    precis_error lerr = { 0, "" };
    if (o == ORIGIN_ANY || o == ORIGIN_PLUGIN) {
        /* A plug-in file is usually named after its stage. */
        if (reg_load_named(r, name, &lerr) == PRECIS_OK
            && (s = reg_find(r, ORIGIN_PLUGIN, name)))
            return s;
        if (lerr.code && lerr.code != PRECIS_ENOTFOUND) {
            *err = lerr;
            return NULL;
        }
        /* Or one plug-in holds several stages: look through them all. */
        if (!r->scanned)
            reg_load_all(r, NULL, NULL);
        if ((s = reg_find(r, ORIGIN_PLUGIN, name)))
            return s;
    }
    if (o == ORIGIN_ANY || o == ORIGIN_LUA) {
        s = lua_host_load_named(ctx, name, &lerr);
        if (s)
            return s;
        if (lerr.code && lerr.code != PRECIS_ENOTFOUND) {
            *err = lerr;
            return NULL;
        }
    }
    diag_set(err, PRECIS_ENOTFOUND,
             "no %s%sstage named '%s' (see 'precis plugins' for the stages "
             "available)", o == ORIGIN_ANY ? "" : reg_origin_name(o),
             o == ORIGIN_ANY ? "" : " ", name);
    return NULL;
}

int pipe_default_options(arena *mem, const precis_stage_def *def,
                         precis_options *out)
{
    out->defs = def->options;
    out->n = def->noptions;
    out->values = arena_calloc(mem, def->noptions + 1, sizeof(char *));
    if (!out->values)
        return PRECIS_ENOMEM;
    for (size_t i = 0; i < def->noptions; i++)
        out->values[i] = def->options[i].def;
    return PRECIS_OK;
}

/* The options of a stage from its [stage.NAME] section, checked against
 * its schema, over the schema's defaults. */
static int fill_options(precis_ctx *ctx, arena *mem, pipe_stage *ps,
                        const char *section, precis_error *err)
{
    const precis_stage_def *d = ps->impl->def;
    static const char *const extra[] = { "use", NULL };
    int rc = cfg_check_section(&ctx->cfg, section, d->options, d->noptions,
                               extra, err);
    if (rc)
        return rc;
    if (pipe_default_options(mem, d, &ps->opts))
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    for (size_t i = 0; i < d->noptions; i++) {
        const char *v = cfg_get(&ctx->cfg, section, d->options[i].key);
        if (v)
            ps->opts.values[i] = v;
    }
    return PRECIS_OK;
}

int pipe_stage_setup(precis_ctx *ctx, arena *mem, const char *name,
                     const reg_stage *impl, pipe_stage *ps,
                     precis_error *err)
{
    memset(ps, 0, sizeof *ps);
    ps->impl = impl;
    ps->name = arena_strdup(mem, name);
    ps->provider = arena_printf(mem, "%s:%s %s (%s)",
                                reg_origin_name(impl->origin),
                                impl->def->name,
                                impl->version ? impl->version : "",
                                impl->where);
    if (!ps->name || !ps->provider)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    char section[160];
    snprintf(section, sizeof section, "stage.%s", name);
    return fill_options(ctx, mem, ps, section, err);
}

int pipe_stage_create(precis_ctx *ctx, pipe_stage *ps, precis_error *err)
{
    ps->created = 0;
    if (!ps->impl->def->create) {
        ps->created = 1;
        return PRECIS_OK;
    }
    precis_stage_ctx sc;
    api_ctx_init(&sc, ctx, ps, NULL);
    int rc = ps->impl->def->create(&sc, &ps->opts, &ps->state);
    if (rc || sc.failed)
        rc = diag_set(err, PRECIS_ECONFIG, "stage '%s' (%s) could not be "
                      "created: %s", ps->name, ps->provider,
                      sc.failed ? sc.message : precis_strerror(rc));
    else
        ps->created = 1;
    api_ctx_done(&sc);
    return rc;
}

static int has_fact(const char *list, const char *fact, size_t n)
{
    for (const char *q = list; q && *q;) {
        while (*q == ' ' || *q == ',')
            q++;
        const char *e = q;
        while (*e && *e != ',' && *e != ' ')
            e++;
        if ((size_t)(e - q) == n && !strncmp(q, fact, n))
            return 1;
        q = e;
    }
    return 0;
}

/* Every fact a stage requires must be built in or provided earlier. */
static int check_order(pipeline *p, precis_error *err)
{
    static const char base[] = "text,paragraphs,sentences,tokens,headline";
    for (size_t i = 0; i < p->st.n; i++) {
        const char *req = p->st.v[i].impl->def->requires;
        for (const char *q = req; q && *q;) {
            while (*q == ' ' || *q == ',')
                q++;
            const char *e = q;
            while (*e && *e != ',' && *e != ' ')
                e++;
            size_t n = (size_t)(e - q);
            int ok = n == 0 || has_fact(base, q, n);
            for (size_t k = 0; k < i && !ok; k++)
                ok = has_fact(p->st.v[k].impl->def->provides, q, n);
            if (!ok) {
                const char *by = NULL;
                for (size_t k = i + 1; k < p->st.n && !by; k++)
                    if (has_fact(p->st.v[k].impl->def->provides, q, n))
                        by = p->st.v[k].name;
                return diag_set(err, PRECIS_ECONFIG,
                                "[pipeline] stage '%s' requires '%.*s', "
                                "which %s%s%s", p->st.v[i].name, (int)n, q,
                                by ? "stage '" : "no earlier stage provides",
                                by ? by : "",
                                by ? "' provides only later (phases run in "
                                     "order: annotate, score, select, "
                                     "transform, emit)" : "");
            }
            q = e;
        }
    }
    return PRECIS_OK;
}

static int cmp_phase(const void *x, const void *y)
{
    const pipe_stage *a = x, *b = y;
    int pa = a->impl->def->phase, pb = b->impl->def->phase;
    if (pa != pb)
        return pa - pb;
    /* qsort is not stable: keep pipeline order by the original index. */
    return (a->created > b->created) - (a->created < b->created);
}

static int add_stage(precis_ctx *ctx, pipeline *p, const char *name,
                     precis_error *err)
{
    char section[160];
    snprintf(section, sizeof section, "stage.%s", name);
    const char *use = cfg_get(&ctx->cfg, section, "use");
    const reg_stage *impl = pipe_resolve(ctx, use && *use ? use : name, err);
    if (!impl) {
        diag_prefix(err, "[pipeline] stage '%s'", name);
        if (err)
            err->code = PRECIS_ECONFIG;
        return PRECIS_ECONFIG;
    }
    for (size_t i = 0; i < p->st.n; i++)
        if (!strcmp(p->st.v[i].name, name))
            return diag_set(err, PRECIS_ECONFIG,
                            "[pipeline] stage '%s' is listed twice", name);
    pipe_stage ps;
    int rc = pipe_stage_setup(ctx, &p->mem, name, impl, &ps, err);
    if (rc)
        return rc;
    ps.created = (int)p->st.n;  /* the list order, for the stable sort */
    return VEC_PUSH(&p->st, ps) ? diag_set(err, PRECIS_ENOMEM,
                                           "out of memory") : PRECIS_OK;
}

static int create_all(precis_ctx *ctx, pipeline *p, precis_error *err)
{
    for (size_t i = 0; i < p->st.n; i++) {
        int rc = pipe_stage_create(ctx, &p->st.v[i], err);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}

int pipe_build(precis_ctx *ctx, pipeline **out, precis_error *err)
{
    pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    const char *list = cfg_get(&ctx->cfg, "pipeline", "stages");
    char *names = strdup(list ? list : DEFAULT_STAGES);
    int rc = names ? PRECIS_OK : diag_set(err, PRECIS_ENOMEM,
                                          "out of memory");
    char *save = NULL;
    for (char *t = names ? strtok_r(names, ", \t", &save) : NULL;
         t && !rc; t = strtok_r(NULL, ", \t", &save))
        rc = add_stage(ctx, p, t, err);
    free(names);
    if (!rc) {
        qsort(p->st.v, p->st.n, sizeof *p->st.v, cmp_phase);
        rc = check_order(p, err);
    }
    if (!rc)
        rc = create_all(ctx, p, err);
    if (rc) {
        pipe_free(ctx, p);
        return rc;
    }
    *out = p;
    return PRECIS_OK;
}

void pipe_free(precis_ctx *ctx, pipeline *p)
{
    (void)ctx;
    if (!p)
        return;
    for (size_t i = 0; i < p->st.n; i++) {
        pipe_stage *ps = &p->st.v[i];
        if (ps->created && ps->impl->def->destroy)
            ps->impl->def->destroy(ps->state);
    }
    VEC_FREE(&p->st);
    arena_free(&p->mem);
    free(p);
}

const pipe_stage *pipe_translator(const pipeline *p)
{
    for (size_t i = 0; p && i < p->st.n; i++)
        if (p->st.v[i].impl->def->flags & PRECIS_STAGE_TRANSLATOR)
            return &p->st.v[i];
    return NULL;
}

int pipe_run(precis_ctx *ctx, pipeline *p, precis_article *a,
             precis_error *err)
{
    for (size_t i = 0; i < p->st.n; i++) {
        pipe_stage *ps = &p->st.v[i];
        if (!ps->impl->def->run)
            continue;
        snprintf(crash_buf, sizeof crash_buf,
                 "stage '%s' (%s) on article '%s'", ps->name, ps->provider,
                 a->source);
        crash_set = 1;
        precis_stage_ctx sc;
        api_ctx_init(&sc, ctx, ps, a);
        int rc = ps->impl->def->run(&sc, ps->state, a);
        crash_set = 0;
        if (rc || sc.failed) {
            const char *why = sc.failed ? sc.message : precis_strerror(rc);
            diag_set(err, PRECIS_ESTAGE,
                     "stage '%s' (%s) failed on article '%s': %s", ps->name,
                     ps->provider, a->source, why);
            api_ctx_done(&sc);
            return PRECIS_ESTAGE;
        }
        api_ctx_done(&sc);
    }
    return PRECIS_OK;
}
