/*
 * ctx.c - sessions: configuration layers, the core's own settings, and
 * preparing the registry and pipeline before the first article.
 */
#include "session/ctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_paths.h"
#include "base/diag.h"
#include "lua/lua_host.h"
#include "base/paths.h"
#include "host/pipeline.h"
#include "host/registry.h"
#include "session/translate.h"

#define OPT(k, t, d, h) { k, t, d, h, NULL, 1, 0 }
#define OPTR(k, t, d, h, lo, hi) { k, t, d, h, NULL, lo, hi }
#define OPTE(k, d, c, h) { k, PRECIS_OPT_ENUM, d, h, c, 1, 0 }

static const precis_option_def core_keys[] = {
    OPT("plugin_dirs", PRECIS_OPT_STRING, "",
        "extra plug-in directories, comma-separated, searched first"),
    OPT("script_dirs", PRECIS_OPT_STRING, "",
        "extra Lua script directories, comma-separated, searched first"),
    OPTE("on_error", "skip", "skip|fail",
         "when an article fails: skip it and go on, or stop the run"),
};

static const precis_option_def input_keys[] = {
    OPTE("format", "auto", "auto|text|markdown|json|html",
         "input format; auto decides by file name, then by content"),
    OPTE("invalid_utf8", "error", "error|replace",
         "invalid UTF-8: fail the input, or replace bad bytes with U+FFFD"),
    OPTR("max_size", PRECIS_OPT_SIZE, "256M",
         "largest input file accepted", 1, 4294967295.0 - 16),
    OPT("lang", PRECIS_OPT_STRING, "auto",
        "language of the articles (en, es, pt, fr, de, it) or auto"),
};

static const precis_option_def summary_keys[] = {
    OPTR("sentences", PRECIS_OPT_INT, "3",
         "summary length in sentences (-n)", 0, 100000),
    OPTR("ratio", PRECIS_OPT_REAL, "0",
         "summary length as a share of the body's sentences; overrides "
         "sentences when above 0 (--ratio)", 0, 1),
    OPTR("words", PRECIS_OPT_INT, "0",
         "upper bound on the summary's words; 0 for none (--words)",
         0, 10000000),
    OPTR("redundancy", PRECIS_OPT_REAL, "0.3",
         "how strongly sentences repeating chosen ones are avoided "
         "(0 = not at all, 1 = only that)", 0, 1),
};

static const precis_option_def output_keys[] = {
    OPTE("format", "text", "text|json|markdown",
         "output format (-f)"),
};

static const precis_option_def pipeline_keys[] = {
    OPT("stages", PRECIS_OPT_STRING, "normalise, quotes, summary",
        "stage instances, in order; each may have a [stage.NAME] section"),
};

static const precis_option_def lua_keys[] = {
    OPTR("memory_limit", PRECIS_OPT_SIZE, "64M",
         "memory one script may use", 65536, 1e12),
    OPTR("instruction_limit", PRECIS_OPT_INT, "100000000",
         "Lua instructions one call may run", 1000, 1e15),
    OPTR("time_limit_ms", PRECIS_OPT_INT, "5000",
         "wall-clock time one call may take", 1, 86400000),
};

const ctx_section ctx_sections[] = {
    { "core", core_keys, sizeof core_keys / sizeof core_keys[0] },
    { "input", input_keys, sizeof input_keys / sizeof input_keys[0] },
    { "summary", summary_keys, sizeof summary_keys / sizeof summary_keys[0] },
    { "output", output_keys, sizeof output_keys / sizeof output_keys[0] },
    { "pipeline", pipeline_keys,
      sizeof pipeline_keys / sizeof pipeline_keys[0] },
    { "classify", classify_schema, 0 },     /* length set below */
    { "lua", lua_keys, sizeof lua_keys / sizeof lua_keys[0] },
    { "translate", translate_schema, 0 },   /* length set below */
};
const size_t ctx_nsections = sizeof ctx_sections / sizeof ctx_sections[0];

/* Sections whose names start with these hold stage, rule or profile
 * settings checked elsewhere. */
static const char *const open_prefixes[] = {
    "stage.", "profile.", "classify.rule.", "translate.glossary", NULL
};

size_t ctx_section_len(const ctx_section *s)
{
    /* Schemas owned by other modules have no constant length here. */
    if (s->keys == classify_schema)
        return classify_schema_len;
    if (s->keys == translate_schema)
        return translate_schema_len;
    return s->nkeys;
}

const precis_option_def *ctx_option(const char *section, const char *key)
{
    for (size_t i = 0; i < ctx_nsections; i++) {
        if (strcmp(ctx_sections[i].name, section))
            continue;
        for (size_t k = 0; k < ctx_section_len(&ctx_sections[i]); k++)
            if (!strcmp(ctx_sections[i].keys[k].key, key))
                return &ctx_sections[i].keys[k];
    }
    return NULL;
}

const char *precis_version(void)
{
    return PRECIS_VERSION_STRING;
}

int precis_ctx_new(precis_ctx **out, precis_error *err)
{
    precis_ctx *c = calloc(1, sizeof *c);
    if (!c)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    cfg_init(&c->cfg);
    c->verbosity = 1;
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
    translate_shutdown(c);
    pipe_free(c, c->pipe);
    lua_host_shutdown(c);
    reg_free(c->reg);
    classify_rules_free(c->rules);
    tok_cache_free(c->tok);
    VEC_FREE(&c->sets);
    cfg_free(&c->cfg);
    free(c);
}

void precis_ctx_set_verbosity(precis_ctx *c, int level)
{
    c->verbosity = level;
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
        if (rc && rc != PRECIS_ENOTFOUND)
            return rc;
    }
    return PRECIS_OK;
}

int precis_ctx_load_config(precis_ctx *c, const char *path,
                           precis_error *err)
{
    if (c->prepared)
        return diag_set(err, PRECIS_ESTATE,
                        "configuration must be loaded before the first "
                        "article");
    int rc = cfg_load(&c->cfg, path, err);
    /* --set values stay on top of every file. */
    for (size_t i = 0; !rc && i < c->sets.n; i++)
        rc = cfg_set(&c->cfg, c->sets.v[i], "--set", err);
    return rc;
}

int precis_ctx_set(precis_ctx *c, const char *assignment, precis_error *err)
{
    if (c->prepared)
        return diag_set(err, PRECIS_ESTATE,
                        "configuration must be set before the first "
                        "article");
    int rc = cfg_set(&c->cfg, assignment, "--set", err);
    if (rc)
        return rc;
    const char *copy = arena_strdup(&c->cfg.mem, assignment);
    return copy && !VEC_PUSH(&c->sets, copy)
               ? PRECIS_OK : diag_set(err, PRECIS_ENOMEM, "out of memory");
}

int precis_ctx_set_profile(precis_ctx *c, const char *name,
                           precis_error *err)
{
    snprintf(c->profile, sizeof c->profile, "%s", name);
    return PRECIS_OK;
}

/* [profile.NAME] keys are "section.key = value"; they apply over the
 * files and under --set. */
static int apply_profile(precis_ctx *c, precis_error *err)
{
    if (!c->profile[0])
        return PRECIS_OK;
    char sec[128];
    snprintf(sec, sizeof sec, "profile.%s", c->profile);
    if (!cfg_has_section(&c->cfg, sec)) {
        const char *names[64];
        size_t n = 0;
        for (size_t i = 0; i < c->cfg.sections.n && n < 64; i++)
            if (!strncmp(c->cfg.sections.v[i], "profile.", 8))
                names[n++] = c->cfg.sections.v[i] + 8;
        const char *g = cfg_did_you_mean(c->profile, names, n);
        return diag_set(err, PRECIS_ECONFIG,
                        "--profile %s: no [%s] section in the configuration"
                        "%s%s%s", c->profile, sec,
                        g ? " (did you mean '" : "", g ? g : "",
                        g ? "'?)" : "");
    }
    size_t n = c->cfg.e.n;
    for (size_t i = 0; i < n; i++) {
        cfg_entry e = c->cfg.e.v[i];    /* copy: the vector may grow */
        if (strcmp(e.section, sec))
            continue;
        const char *dot = strrchr(e.key, '.');
        char where[600], origin[700];
        if (!dot)
            return diag_set(err, PRECIS_ECONFIG,
                            "%s: [%s] key '%s' must be written "
                            "SECTION.KEY (e.g. summary.sentences)",
                            cfg_where(&e, where, sizeof where), sec, e.key);
        char target[160];
        snprintf(target, sizeof target, "%.*s", (int)(dot - e.key), e.key);
        snprintf(origin, sizeof origin, "%s",
                 cfg_where(&e, where, sizeof where));
        if (cfg_put(&c->cfg, target, dot + 1, e.value, origin, 0))
            return diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < c->sets.n; i++) {
        int rc = cfg_set(&c->cfg, c->sets.v[i], "--set", err);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}

static int check_sections(precis_ctx *c, precis_error *err)
{
    const char *names[32];
    size_t nn = 0;
    for (size_t i = 0; i < ctx_nsections; i++)
        names[nn++] = ctx_sections[i].name;
    names[nn++] = "stage.NAME";
    names[nn++] = "profile.NAME";
    for (size_t i = 0; i < c->cfg.sections.n; i++) {
        const char *s = c->cfg.sections.v[i];
        int ok = 0;
        for (size_t k = 0; k < ctx_nsections && !ok; k++)
            ok = !strcmp(ctx_sections[k].name, s);
        for (const char *const *p = open_prefixes; *p && !ok; p++)
            ok = !strncmp(s, *p, strlen(*p));
        if (ok)
            continue;
        const cfg_entry *e = NULL;
        for (size_t k = 0; k < c->cfg.e.n && !e; k++)
            if (!strcmp(c->cfg.e.v[k].section, s))
                e = &c->cfg.e.v[k];
        char where[600];
        const char *g = cfg_did_you_mean(s, names, nn);
        return diag_set(err, PRECIS_ECONFIG, "%s: unknown section [%s]%s%s%s",
                        e ? cfg_where(e, where, sizeof where)
                          : "configuration", s,
                        g ? " (did you mean [" : "", g ? g : "",
                        g ? "]?)" : "");
    }
    for (size_t i = 0; i < ctx_nsections; i++) {
        if (!strcmp(ctx_sections[i].name, "classify"))
            continue;   /* checked by classify_rules_new */
        int rc = cfg_check_section(&c->cfg, ctx_sections[i].name,
                                   ctx_sections[i].keys,
                                   ctx_section_len(&ctx_sections[i]), NULL,
                                   err);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}


static void read_settings(precis_ctx *c)
{
    config *g = &c->cfg;
    c->on_error_fail = !strcmp(cfg_str(g, "core", &core_keys[2]), "fail");
    static const char *const fmts[] = { "auto", "text", "markdown", "json",
                                        "html" };
    const char *f = cfg_str(g, "input", &input_keys[0]);
    for (int i = 0; i < 5; i++)
        if (!strcmp(f, fmts[i]))
            c->input_format = (precis_format)i;
    c->load.replace_invalid =
        !strcmp(cfg_str(g, "input", &input_keys[1]), "replace");
    c->load.max_size = (size_t)cfg_int(g, "input", &input_keys[2]);
    const char *lang = cfg_str(g, "input", &input_keys[3]);
    snprintf(c->lang, sizeof c->lang, "%s", strcmp(lang, "auto") ? lang : "");
    c->budget.sentences = (size_t)cfg_int(g, "summary", &summary_keys[0]);
    c->budget.ratio = cfg_real(g, "summary", &summary_keys[1]);
    c->budget.words = (size_t)cfg_int(g, "summary", &summary_keys[2]);
    c->redundancy = cfg_real(g, "summary", &summary_keys[3]);
}

static int add_dirs(registry *r, const char *list, int scripts)
{
    char *copy = strdup(list ? list : "");
    if (!copy)
        return PRECIS_ENOMEM;
    int rc = 0;
    char *save = NULL;
    for (char *t = strtok_r(copy, ",:", &save); t && !rc;
         t = strtok_r(NULL, ",:", &save)) {
        while (*t == ' ')
            t++;
        size_t n = strlen(t);
        while (n && t[n - 1] == ' ')
            t[--n] = '\0';
        if (n)
            rc = scripts ? reg_add_script_dir(r, t) : reg_add_dir(r, t);
    }
    free(copy);
    return rc;
}

static int setup_registry(precis_ctx *c, precis_error *err)
{
    c->reg = reg_new(c);
    if (!c->reg)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    char buf[4096];
    int rc = add_dirs(c->reg, getenv("PRECIS_PLUGIN_PATH"), 0);
    rc |= add_dirs(c->reg, cfg_str(&c->cfg, "core", &core_keys[0]), 0);
    if (paths_plugin_dir(buf, sizeof buf))
        rc |= reg_add_dir(c->reg, buf);
    rc |= add_dirs(c->reg, getenv("PRECIS_SCRIPT_PATH"), 1);
    rc |= add_dirs(c->reg, cfg_str(&c->cfg, "core", &core_keys[1]), 1);
    if (paths_script_dir(buf, sizeof buf))
        rc |= reg_add_script_dir(c->reg, buf);
    if (rc)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    return reg_add_builtins(c->reg, err);
}

int precis_ctx_prepare_registry(precis_ctx *c, precis_error *err)
{
    if (c->reg)
        return PRECIS_OK;
    int rc = apply_profile(c, err);
    if (!rc)
        rc = check_sections(c, err);
    if (rc)
        return rc;
    read_settings(c);
    if (c->lang[0] && strlen(c->lang) != 2)
        return diag_set(err, PRECIS_ECONFIG,
                        "[input] lang = '%s': expected auto or a two-letter "
                        "code (en, es, pt, fr, de, it)", c->lang);
    if ((rc = classify_rules_new(&c->cfg, &c->rules, err)))
        return rc;
    if (!(c->tok = tok_cache_new()))
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    return setup_registry(c, err);
}

int precis_ctx_prepare(precis_ctx *c, precis_error *err)
{
    if (c->prepared)
        return PRECIS_OK;
    int rc = precis_ctx_prepare_registry(c, err);
    if (!rc)
        rc = pipe_build(c, &c->pipe, err);
    if (rc)
        return rc;
    c->prepared = 1;
    return PRECIS_OK;
}

int precis_run(precis_ctx *c, precis_article *a, precis_error *err)
{
    int rc = precis_analyze(c, a, err);
    if (rc)
        return rc;
    return pipe_run(c, c->pipe, a, err);
}

int precis_ctx_stops_on_error(const precis_ctx *c)
{
    return c->on_error_fail;
}
