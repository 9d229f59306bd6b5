/*
 * pipeline.c - building and running the configured stages.
 */
#include "host/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/diag.h"
#include "host/registry.h"
#include "text/article.h"

/* Default stages: normalise the metadata, find quotes, summarize. */
#define DEFAULT_STAGES "normalise, quotes, summary"

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
    const stage_inst *a = x, *b = y;
    int pa = a->impl->def->phase, pb = b->impl->def->phase;
    if (pa != pb)
        return pa - pb;
    /* qsort is not stable: keep pipeline order by the original index. */
    return (a->created > b->created) - (a->created < b->created);
}

/* The stage or [stage.NAME] instance (one with a "use") nearest to name,
 * or NULL. */
static const char *suggest_stage(const host *h, const char *name)
{
    enum { MAXN = 256 };
    const char *names[MAXN];
    size_t n = 0;
    const str_vec *secs = &h->cfg->sections;
    for (size_t i = 0; i < secs->n && n < MAXN; i++)
        if (!strncmp(secs->v[i], "stage.", 6)
            && cfg_get(h->cfg, secs->v[i], "use"))
            names[n++] = secs->v[i] + 6;
    const char *g = precis_did_you_mean(name, names, n);
    return g ? g : reg_suggest(h->reg, ORIGIN_ANY, name);
}

static int add_stage(host *h, pipeline *p, const char *name,
                     precis_error *err)
{
    char section[160];
    snprintf(section, sizeof section, "stage.%s", name);
    const cfg_entry *ue = cfg_find(h->cfg, section, "use");
    const char *use = ue ? ue->value : NULL;
    const reg_stage *impl = reg_resolve(h->reg, use && *use ? use : name,
                                        name, err);
    if (!impl) {
        /* Say where the name came from: [stage.NAME] use, or the
         * list itself, which may also have meant an instance. */
        const cfg_entry *e = use && *use ? ue
                                         : cfg_find(h->cfg, "pipeline",
                                                    "stages");
        char where[600];
        const char *g;
        if (err && err->code == PRECIS_ENOTFOUND && !(use && *use)
            && !strchr(name, ':') && (g = suggest_stage(h, name)))
            diag_set(err, PRECIS_ECONFIG, "no stage named '%s'; did you "
                     "mean '%s'? (see 'precis plugins' for the stages "
                     "available)", name, g);
        diag_prefix(err, "%s%s[pipeline] stage '%s'",
                    e ? cfg_where(e, where, sizeof where) : "",
                    e ? ": " : "", name);
        if (err)
            err->code = PRECIS_ECONFIG;
        return PRECIS_ECONFIG;
    }
    for (size_t i = 0; i < p->st.n; i++)
        if (!strcmp(p->st.v[i].name, name))
            return diag_set(err, PRECIS_ECONFIG,
                            "[pipeline] stage '%s' is listed twice", name);
    stage_inst ps;
    int rc = stage_setup(h, &p->mem, name, impl, &ps, err);
    if (rc)
        return rc;
    ps.created = (int)p->st.n;  /* the list order, for the stable sort */
    return VEC_PUSH(&p->st, ps) ? diag_set(err, PRECIS_ENOMEM,
                                           "out of memory") : PRECIS_OK;
}

static int create_all(host *h, pipeline *p, precis_error *err)
{
    for (size_t i = 0; i < p->st.n; i++) {
        int rc = stage_create(h, &p->st.v[i], err);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}

int pipe_build(host *h, pipeline **out, precis_error *err)
{
    pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    const char *list = cfg_get(h->cfg, "pipeline", "stages");
    char *names = strdup(list ? list : DEFAULT_STAGES);
    int rc = names ? PRECIS_OK : diag_set(err, PRECIS_ENOMEM,
                                          "out of memory");
    char *save = NULL;
    for (char *t = names ? strtok_r(names, ", \t", &save) : NULL;
         t && !rc; t = strtok_r(NULL, ", \t", &save))
        rc = add_stage(h, p, t, err);
    free(names);
    if (!rc && p->st.n == 0) {
        /* A pipeline of nothing would print nothing for every article:
         * a mistake, not a choice. */
        const cfg_entry *e = cfg_find(h->cfg, "pipeline", "stages");
        char where[600];
        rc = diag_set(err, PRECIS_ECONFIG, "%s: [pipeline] stages is empty; "
                      "name at least one stage (e.g. stages = summary)",
                      e ? cfg_where(e, where, sizeof where)
                        : "configuration");
    }
    if (!rc) {
        qsort(p->st.v, p->st.n, sizeof *p->st.v, cmp_phase);
        /* The sort key is spent: nothing is created yet. */
        for (size_t i = 0; i < p->st.n; i++)
            p->st.v[i].created = 0;
        rc = check_order(p, err);
    }
    if (!rc)
        rc = create_all(h, p, err);
    if (rc) {
        pipe_free(p);
        return rc;
    }
    *out = p;
    return PRECIS_OK;
}

void pipe_free(pipeline *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->st.n; i++)
        stage_destroy(&p->st.v[i]);
    VEC_FREE(&p->st);
    arena_free(&p->mem);
    free(p);
}

const stage_inst *pipe_translator(const pipeline *p)
{
    for (size_t i = 0; p && i < p->st.n; i++)
        if (p->st.v[i].impl->def->flags & PRECIS_STAGE_TRANSLATOR)
            return &p->st.v[i];
    return NULL;
}

int pipe_run(host *h, pipeline *p, precis_article *a, precis_error *err)
{
    for (size_t i = 0; i < p->st.n; i++) {
        int rc = stage_run(h, &p->st.v[i], a, err);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}
