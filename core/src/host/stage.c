/*
 * stage.c - one stage instance: set-up, create, run, destroy.
 */
#include "host/stage.h"

#include <stdio.h>
#include <string.h>

#include "base/config.h"
#include "base/diag.h"
#include "host/registry.h"
#include "host/running.h"
#include "text/article.h"

const char *stage_current(void)
{
    return running_now();
}

void api_ctx_init(precis_stage_ctx *sc, host *h, const stage_inst *st,
                  precis_article *a)
{
    memset(sc, 0, sizeof *sc);
    sc->host = h;
    sc->stage = st;
    sc->article = a;
}

void api_ctx_done(precis_stage_ctx *sc)
{
    arena_free(&sc->scratch);
}

const char *api_ctx_why(const precis_stage_ctx *sc, int rc, char *buf,
                        size_t size)
{
    if (sc->failed)
        return sc->message;
    if (rc < 0 && rc == sc->refused && sc->refusal[0])
        return sc->refusal;
    if (rc > 0) {
        snprintf(buf, size, "stage returned %d, not a precis status "
                 "(PRECIS_OK or a negative PRECIS_E* code)", rc);
        return buf;
    }
    return precis_strerror(rc);
}

int stage_default_options(arena *mem, const precis_stage_def *def,
                          precis_options *out)
{
    *out = (precis_options){ .defs = def->options, .n = def->noptions };
    out->values = arena_calloc(mem, def->noptions + 1, sizeof(char *));
    if (!out->values)
        return PRECIS_ENOMEM;
    for (size_t i = 0; i < def->noptions; i++)
        out->values[i] = def->options[i].def;
    return PRECIS_OK;
}

int stage_check_section(host *h, const char *section, const reg_stage *impl,
                        precis_error *err)
{
    const precis_stage_def *d = impl->def;
    static const char *const extra[] = { "use", NULL };
    const char *g = NULL;
    const cfg_entry *u = cfg_unknown_key(h->cfg, section, d->options,
                                         d->noptions, extra, &g);
    if (!u || g)
        return cfg_check_section(h->cfg, section, d->options, d->noptions,
                                 extra, err);
    /* Nothing of this stage is near: the key may be another stage's
     * ("threshold" is LexRank's), set for a stage that runs something
     * else.  Say what runs here, and whose the key could be. */
    const reg_stage *of = NULL;
    const char *o = h->reg ? reg_suggest_option(h->reg, u->key, &of) : NULL;
    const char *inst = strncmp(section, "stage.", 6) ? section : section + 6;
    int same = !strcmp(inst, d->name), exact = o && !strcmp(o, u->key);
    char where[600], hint[300];
    if (!o)
        snprintf(hint, sizeof hint, "'precis config show' lists its "
                 "options");
    else if (exact)
        snprintf(hint, sizeof hint, "'%s' is an option of %s", o,
                 of->def->name);
    else
        snprintf(hint, sizeof hint, "did you mean '%s', an option of %s?",
                 o, of->def->name);
    return diag_set(err, PRECIS_ECONFIG,
                    "%s: [%s] unknown key '%s': not an option of %s%s%s%s"
                    " (%s)", cfg_where(u, where, sizeof where), section,
                    u->key, d->name, same ? "" : ", which stage '",
                    same ? "" : inst, same ? "" : "' runs", hint);
}

/* The options of a stage from its [stage.NAME] section, checked against
 * its schema, over the schema's defaults. */
static int fill_options(host *h, arena *mem, stage_inst *si,
                        const char *section, precis_error *err)
{
    const precis_stage_def *d = si->impl->def;
    int rc = stage_check_section(h, section, si->impl, err);
    if (rc)
        return rc;
    if (stage_default_options(mem, d, &si->opts))
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    for (size_t i = 0; i < d->noptions; i++) {
        const char *v = cfg_get(h->cfg, section, d->options[i].key);
        if (v)
            si->opts.values[i] = v;
    }
    return PRECIS_OK;
}

const char *stage_provider(arena *mem, const reg_stage *impl)
{
    return arena_printf(mem, "%s:%s %s (%s)", impl->origin_name,
                        impl->def->name, impl->version ? impl->version : "",
                        impl->where);
}

int stage_setup(host *h, arena *mem, const char *name, const reg_stage *impl,
                stage_inst *si, precis_error *err)
{
    memset(si, 0, sizeof *si);
    si->impl = impl;
    si->name = arena_strdup(mem, name);
    si->provider = stage_provider(mem, impl);
    if (!si->name || !si->provider)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    char section[160];
    snprintf(section, sizeof section, "stage.%s", name);
    int rc = fill_options(h, mem, si, section, err);
    if (!rc)
        stage_options_owner(&si->opts, h, si);
    return rc;
}

void stage_options_owner(precis_options *o, host *h, const stage_inst *si)
{
    o->host = h;
    o->impl = si->impl;
    o->stage = si->name;
    o->provider = si->provider;
}

int stage_create(host *h, stage_inst *si, precis_error *err)
{
    si->created = 0;
    if (!si->impl->def->create) {
        si->created = 1;
        return PRECIS_OK;
    }
    precis_stage_ctx sc;
    api_ctx_init(&sc, h, si, NULL);
    running_mark m;
    running_enter(&m, "stage '%s' (%s) while it was created", si->name,
                  si->provider);
    int rc = si->impl->def->create(&sc, &si->opts, &si->state);
    running_leave(&m);
    if (rc || sc.failed) {
        char buf[96];
        rc = diag_set(err, PRECIS_ECONFIG, "stage '%s' (%s) could not be "
                      "created: %s", si->name, si->provider,
                      api_ctx_why(&sc, rc, buf, sizeof buf));
        if (err)
            diag_one_line(err->message);
    } else {
        si->created = 1;
    }
    api_ctx_done(&sc);
    return rc;
}

/* stage_run and stage_run_inner: nested says whose message this is. */
static int run_once(host *h, stage_inst *si, precis_article *a, int nested,
                    precis_error *err)
{
    if (!si->impl->def->run)
        return PRECIS_OK;
    /* A run inside a run (api->run_scorer) restores the outer line. */
    running_mark m;
    running_enter(&m, "stage '%s' (%s) on article '%s'", si->name,
                  si->provider, a->source);
    precis_stage_ctx sc;
    api_ctx_init(&sc, h, si, a);
    int rc = si->impl->def->run(&sc, si->state, a);
    running_leave(&m);
    if (rc || sc.failed) {
        char buf[96];
        const char *why = api_ctx_why(&sc, rc, buf, sizeof buf);
        if (nested)
            diag_set(err, PRECIS_ESTAGE, "stage '%s' failed: %s", si->name,
                     why);
        else
            diag_set(err, PRECIS_ESTAGE,
                     "stage '%s' (%s) failed on article '%s': %s", si->name,
                     si->provider, a->source, why);
        /* The article's name is a file name: it may hold anything. */
        if (err)
            diag_one_line(err->message);
        rc = PRECIS_ESTAGE;
    }
    api_ctx_done(&sc);
    return rc;
}

int stage_run(host *h, stage_inst *si, precis_article *a, precis_error *err)
{
    return run_once(h, si, a, 0, err);
}

int stage_run_inner(host *h, stage_inst *si, precis_article *a,
                    precis_error *err)
{
    return run_once(h, si, a, 1, err);
}

void stage_destroy(stage_inst *si)
{
    if (si->created && si->impl->def->destroy)
        si->impl->def->destroy(si->state);
    si->created = 0;
    si->state = NULL;
}
