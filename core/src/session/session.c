/*
 * session.c - sessions: configuration layers, profiles, and preparing the
 * registry, the stage providers and the pipeline before the first
 * article; analysis and runs.
 */
#include "session/ctx.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/paths.h"
#include "base/strbuf.h"
#include "host/api.h"
#include "host/pipeline.h"
#include "host/registry.h"
#include "lua/lua_host.h"
#include "session/translate.h"
#include "text/analyze.h"
#include "text/classify.h"
#include "text/lang.h"
#include "text/token.h"

int precis_ctx_new(precis_ctx **out, precis_error *err)
{
    precis_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    cfg_init(&c->cfg);
    c->host.cfg = &c->cfg;
    c->host.log.verbosity = 1;
    c->host.translate = translate_service;
    c->host.translate_ud = c;
    if (ctx_add_sections(c)) {
        precis_ctx_free(c);
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    /* The one stage default that is not a key of a core section: which
     * summarizer the "summary" stage uses. */
    if (cfg_put(&c->cfg, "stage.summary", "use", "pacsum", "defaults", 0)) {
        precis_ctx_free(c);
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    *out = c;
    return PRECIS_OK;
}

void precis_ctx_free(precis_ctx *c)
{
    if (!c)
        return;
    /* Stage instances first, then what made them. */
    translate_shutdown(c);
    pipe_free(c->pipe);
    lua_host_free(c->lua);
    reg_free(c->host.reg);
    classify_rules_free(c->rules);
    tok_cache_free(c->tok);
    VEC_FREE(&c->sets);
    VEC_FREE(&c->set_from);
    VEC_FREE(&c->profiles);
    VEC_FREE(&c->sections);
    cfg_free(&c->cfg);
    free(c);
}

void precis_ctx_set_verbosity(precis_ctx *c, int level)
{
    c->host.log.verbosity = level;
}

void precis_ctx_set_log(precis_ctx *c, precis_log_fn fn, void *ud)
{
    c->host.log.fn = fn;
    c->host.log.ud = ud;
}

int precis_ctx_load_default_config(precis_ctx *c, precis_error *err)
{
    char buf[4096];
    const char *files[2] = { paths_system_config(),
                             paths_user_config(buf, sizeof buf) };
    for (int i = 0; i < 2; i++) {
        if (!files[i])
            continue;
        int rc = cfg_load(&c->cfg, files[i], err);
        /* The files nobody names are optional: one that may not be read
         * (a sudo or cron run with another user's HOME, a folder closed
         * to this user) is passed over with a warning, not an error. */
        if (rc == PRECIS_EIO && access(files[i], R_OK) != 0
            && errno == EACCES) {
            diag_log(&c->host.log, 1, "warning: %s: %s; not read",
                     files[i], strerror(errno));
            continue;
        }
        if (rc && rc != PRECIS_ENOTFOUND)
            return rc;
    }
    return PRECIS_OK;
}

int precis_ctx_load_config(precis_ctx *c, const char *path,
                           precis_error *err)
{
    if (c->configured)
        return diag_set(err, PRECIS_ESTATE,
                        "configuration must be loaded before the first "
                        "article");
    int rc = cfg_load(&c->cfg, path, err);
    /* --set values stay on top of every file. */
    for (size_t i = 0; !rc && i < c->sets.n; i++)
        rc = cfg_set(&c->cfg, c->sets.v[i], c->set_from.v[i], err);
    return rc;
}

int precis_ctx_set_from(precis_ctx *c, const char *assignment,
                        const char *from, precis_error *err)
{
    if (c->configured)
        return diag_set(err, PRECIS_ESTATE,
                        "configuration must be set before the first "
                        "article");
    if (!from || !*from)
        from = "--set";
    const char *copy = arena_strdup(&c->cfg.mem, assignment);
    const char *origin = arena_strdup(&c->cfg.mem, from);
    if (!copy || !origin)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    int rc = cfg_set(&c->cfg, copy, origin, err);
    if (rc)
        return rc;
    if (VEC_PUSH(&c->sets, copy))
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    if (VEC_PUSH(&c->set_from, origin)) {
        c->sets.n--;
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    return PRECIS_OK;
}

int precis_ctx_set(precis_ctx *c, const char *assignment, precis_error *err)
{
    return precis_ctx_set_from(c, assignment, "--set", err);
}

int precis_ctx_set_profile(precis_ctx *c, const char *name,
                           precis_error *err)
{
    (void)err;
    /* Section names are read in lower case: [profile.Brief] is
     * profile.brief, and so is --profile Brief. */
    char sec[sizeof c->profile + 8];
    ctx_profile_section(sec, sizeof sec, name);
    snprintf(c->profile, sizeof c->profile, "%s", sec + 8);
    return PRECIS_OK;
}

size_t precis_profiles(precis_ctx *c, const char *const **names)
{
    c->profiles.n = 0;
    for (size_t i = 0; i < c->cfg.sections.n; i++)
        if (!strncmp(c->cfg.sections.v[i], "profile.", 8)
            && VEC_PUSH(&c->profiles, c->cfg.sections.v[i] + 8))
            break;
    *names = c->profiles.v;
    return c->profiles.n;
}

/* [profile.NAME] keys are "section.key = value"; they apply over the
 * files and under --set. */
static int apply_profile(precis_ctx *c, precis_error *err)
{
    if (!c->profile[0])
        return PRECIS_OK;
    char sec[128];
    ctx_profile_section(sec, sizeof sec, c->profile);
    if (!cfg_has_section(&c->cfg, sec)) {
        const char *const *names;
        size_t n = precis_profiles(c, &names);
        const char *g = cfg_did_you_mean(c->profile, names, n);
        return diag_set(err, PRECIS_ECONFIG,
                        "--profile %s: no [%s] section in the configuration"
                        "%s%s%s", c->profile, sec,
                        g ? " (did you mean '" : n ? "" : " (it defines "
                            "no profile)", g ? g : "", g ? "'?)" : "");
    }
    int rc = ctx_profile_put(&c->cfg, &c->cfg, sec, c->profile, err);
    for (size_t i = 0; !rc && i < c->sets.n; i++)
        rc = cfg_set(&c->cfg, c->sets.v[i], c->set_from.v[i], err);
    return rc;
}

/* Splits a comma- or colon-separated list of directories and calls add
 * for each; a relative one is taken from base when base is not NULL. */
static int add_dirs(const char *list, const char *base,
                    int (*add)(void *, const char *), void *ud)
{
    char *copy = strdup(list ? list : "");
    if (!copy)
        return PRECIS_ENOMEM;
    int rc = PRECIS_OK;
    char *save = NULL, path[4096];
    for (char *t = strtok_r(copy, ",:", &save); t && !rc;
         t = strtok_r(NULL, ",:", &save)) {
        while (*t == ' ')
            t++;
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ')
            t[--n] = '\0';
        if (n && base && t[0] != '/') {
            snprintf(path, sizeof path, "%s/%s", base, t);
            t = path;
        }
        if (n)
            rc = add(ud, t);
    }
    free(copy);
    return rc;
}

/*
 * Where relative [core] plugin_dirs or script_dirs start: the folder of
 * the file that set them (cfg_entry_folder), so a configuration and its
 * plug-ins can move together; NULL (the current directory) for --set.
 */
static const char *dirs_base(precis_ctx *c, int scripts, char *buf,
                             size_t size)
{
    const cfg_entry *e = cfg_find(&c->cfg, "core",
                                  scripts ? "script_dirs" : "plugin_dirs");
    return e ? cfg_entry_folder(&c->cfg, e, buf, size) : NULL;
}

static int add_plugin_dir(void *ud, const char *dir)
{
    return reg_add_dir(ud, dir);
}

static int add_script_dir(void *ud, const char *dir)
{
    str_vec *v = ud;
    char *d = strdup(dir);
    if (!d || VEC_PUSH(v, d)) {
        free(d);
        return PRECIS_ENOMEM;
    }
    return PRECIS_OK;
}

/* The registry with its plug-in path and the built-ins. */
static int setup_registry(precis_ctx *c, precis_error *err)
{
    registry *r = c->host.reg = reg_new(api_table(), &c->host.log);
    if (!r)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    char buf[4096], base[4096];
    int rc = add_dirs(getenv("PRECIS_PLUGIN_PATH"), NULL, add_plugin_dir, r);
    if (!rc)
        rc = add_dirs(ctx_core_dirs(c, 0), dirs_base(c, 0, base, sizeof base),
                      add_plugin_dir, r);
    if (!rc && paths_plugin_dir(buf, sizeof buf))
        rc = reg_add_dir(r, buf);
    if (rc)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    return reg_add_builtins(r, err);
}

/* The Lua host, a provider of stages, with [lua] and the script path. */
static int setup_lua(precis_ctx *c, precis_error *err)
{
    str_vec dirs = { 0 };
    char buf[4096], base[4096];
    int rc = add_dirs(getenv("PRECIS_SCRIPT_PATH"), NULL, add_script_dir,
                      &dirs);
    if (!rc)
        rc = add_dirs(ctx_core_dirs(c, 1), dirs_base(c, 1, base, sizeof base),
                      add_script_dir, &dirs);
    if (!rc && paths_script_dir(buf, sizeof buf))
        rc = add_script_dir(&dirs, buf);
    arena mem = ARENA_INIT;
    precis_options opt;
    if (rc)
        rc = diag_set(err, PRECIS_ENOMEM, "out of memory");
    else if (!(rc = ctx_section_options(c, "lua", &mem, &opt, err)))
        rc = lua_host_new(&c->host, &opt, dirs.v, dirs.n, &c->lua, err);
    if (!rc)
        lua_host_set_summarizer(c->lua, c->summ_name);
    for (size_t i = 0; i < dirs.n; i++)
        free((char *)dirs.v[i]);
    VEC_FREE(&dirs);
    arena_free(&mem);
    return rc;
}

int precis_ctx_set_summarizer(precis_ctx *c, const char *name,
                              const char *use, precis_error *err)
{
    if (c->configured)
        return diag_set(err, PRECIS_ESTATE, "the summarizer must be chosen "
                        "before the first article");
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')
              || *p == '_' || *p == '-'))
            return diag_set(err, PRECIS_EINVAL, "'%s': a stage name is "
                            "lower-case letters, digits, '_' and '-'", name);
    if (!*name || strlen(name) >= sizeof c->summ_name
        || strlen(use) >= sizeof c->summ_use)
        return diag_set(err, PRECIS_EINVAL, "'%s': too long or empty",
                        name);
    snprintf(c->summ_name, sizeof c->summ_name, "%s", name);
    snprintf(c->summ_use, sizeof c->summ_use, "%s", use);
    return PRECIS_OK;
}

/* precis_ctx_set_summarizer: the pipeline's "summary" instance becomes
 * one named after the summarizer, so its options are [stage.NAME]. */
static int apply_summarizer(precis_ctx *c, precis_error *err)
{
    if (!c->summ_name[0])
        return PRECIS_OK;
    const char *list = cfg_get(&c->cfg, "pipeline", "stages");
    strbuf out = STRBUF_INIT;
    int found = 0;
    const char *p = list ? list : "normalise, quotes, summary";
    while (*p) {
        size_t sp = strspn(p, ", \t"), n = strcspn(p + sp, ", \t");
        if (!n)
            break;
        const char *tok = p + sp;
        int is = n == 7 && !strncmp(tok, "summary", 7);
        found |= is;
        sb_printf(&out, "%s%.*s", out.len ? ", " : "",
                  is ? (int)strlen(c->summ_name) : (int)n,
                  is ? c->summ_name : tok);
        p = tok + n;
    }
    int rc = PRECIS_OK;
    if (!found)
        rc = diag_set(err, PRECIS_ECONFIG, "[pipeline] stages = %s: no "
                      "'summary' stage for %s to take the place of", list,
                      c->summ_use);
    else if (out.oom
             || cfg_put(&c->cfg, "pipeline", "stages", sb_str(&out),
                        "--script", 0))
        rc = diag_set(err, PRECIS_ENOMEM, "out of memory");
    if (!rc) {
        char sec[160];
        snprintf(sec, sizeof sec, "stage.%s", c->summ_name);
        if (cfg_put(&c->cfg, sec, "use", c->summ_use, "--script", 0))
            rc = diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    sb_free(&out);
    return rc;
}

int ctx_configure(precis_ctx *c, precis_error *err)
{
    if (c->configured)
        return PRECIS_OK;
    int rc = apply_profile(c, err);
    if (!rc)
        rc = apply_summarizer(c, err);
    if (!rc)
        rc = ctx_check_sections(c, err);
    if (rc)
        return rc;
    ctx_read_settings(c);
    if ((rc = ctx_read_lang(c, err)))
        return rc;
    /* A language precis has no rules for is still the user's answer (it
     * keeps identification from guessing), but its articles get no
     * stopwords and no stemmer: say so once, not per article.  "und"
     * asks for exactly that. */
    if (c->lang[0] && strcmp(c->lang, "und") && !lang_known(c->lang))
        diag_log(&c->host.log, 1, "warning: [input] lang = '%s': no "
                 "stopwords or stemmer for this language; language-neutral "
                 "rules used", cfg_get(&c->cfg, "input", "lang"));
    c->configured = 1;
    return PRECIS_OK;
}

int precis_ctx_prepare_registry(precis_ctx *c, precis_error *err)
{
    if (c->lua)
        return PRECIS_OK;
    int rc = ctx_configure(c, err);
    if (rc)
        return rc;
    if (!c->rules && (rc = classify_rules_new(&c->cfg, &c->rules, err)))
        return rc;
    if (!c->tok && !(c->tok = tok_cache_new()))
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    if (!c->host.reg && (rc = setup_registry(c, err)))
        return rc;
    return setup_lua(c, err);
}

int precis_profile_check(precis_ctx *c, const char *name, int *rebuild,
                         precis_error *err)
{
    *rebuild = 0;
    int rc = precis_ctx_prepare(c, err);
    return rc ? rc : ctx_check_profile(c, name, rebuild, err);
}

int precis_ctx_prepare(precis_ctx *c, precis_error *err)
{
    if (c->prepared)
        return PRECIS_OK;
    int rc = precis_ctx_prepare_registry(c, err);
    if (!rc)
        rc = pipe_build(&c->host, &c->pipe, err);
    if (!rc)
        rc = ctx_check_stage_sections(c, err);
    if (rc)
        return rc;
    c->prepared = 1;
    return PRECIS_OK;
}

int precis_analyze(precis_ctx *c, precis_article *a, precis_error *err)
{
    int rc = precis_ctx_prepare(c, err);
    if (rc)
        return rc;
    analyze_opts o = { c->rules, c->tok, c->lang, &c->host.log };
    return analyze_article(a, &o, err);
}

int precis_run(precis_ctx *c, precis_article *a, precis_error *err)
{
    int rc = precis_analyze(c, a, err);
    if (rc)
        return rc;
    return pipe_run(&c->host, c->pipe, a, err);
}

int precis_ctx_stops_on_error(const precis_ctx *c)
{
    return c->on_error_fail;
}
