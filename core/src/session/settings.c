/*
 * settings.c - the core's own configuration sections: their schemas, the
 * check of every section and key before the pipeline is built, and the
 * settings read into the session.
 *
 * Modules that own a section (classification, Lua, translation) keep its
 * schema next to their code; ctx_add_sections() registers all of them in
 * one table, which the checks, `config show` and the documentation test
 * walk alike.
 */
#include "session/ctx.h"

#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "host/pipeline.h"
#include "host/registry.h"
#include "host/stage.h"
#include "input/format.h"
#include "lua/lua_host.h"
#include "session/translate.h"
#include "text/classify.h"

#define OPT(k, t, d, h) { k, t, d, h, NULL, 1, 0 }
#define OPTR(k, t, d, h, lo, hi) { k, t, d, h, NULL, lo, hi }
#define OPTE(k, d, c, h) { k, PRECIS_OPT_ENUM, d, h, c, 1, 0 }

/* Keys are read by position: keep these enums beside their tables. */
enum { CORE_PLUGIN_DIRS, CORE_SCRIPT_DIRS, CORE_ON_ERROR };
static const precis_option_def core_keys[] = {
    [CORE_PLUGIN_DIRS] = OPT("plugin_dirs", PRECIS_OPT_STRING, "",
        "extra plug-in directories, comma-separated, searched first"),
    [CORE_SCRIPT_DIRS] = OPT("script_dirs", PRECIS_OPT_STRING, "",
        "extra Lua script directories, comma-separated, searched first"),
    [CORE_ON_ERROR] = OPTE("on_error", "skip", "skip|fail",
        "when an article fails: skip it and go on, or stop the run"),
};

enum { IN_FORMAT, IN_INVALID, IN_MAX_SIZE, IN_LANG };
static const precis_option_def input_keys[] = {
    [IN_FORMAT] = OPTE("format", "auto", INPUT_FORMAT_CHOICES,
        "input format; auto decides by file name, then by content"),
    [IN_INVALID] = OPTE("invalid_utf8", "error", "error|replace",
        "invalid UTF-8: fail the input, or replace bad bytes with U+FFFD"),
    [IN_MAX_SIZE] = OPTR("max_size", PRECIS_OPT_SIZE, "256M",
        "largest input file accepted", 1, 4294967295.0 - 16),
    [IN_LANG] = OPT("lang", PRECIS_OPT_STRING, "auto",
        "language of the articles (an ISO 639-1 code) or auto"),
};

enum { SUM_SENTENCES, SUM_RATIO, SUM_WORDS, SUM_REDUNDANCY };
static const precis_option_def summary_keys[] = {
    [SUM_SENTENCES] = OPTR("sentences", PRECIS_OPT_INT, "3",
        "summary length in sentences (-n)", 0, 100000),
    [SUM_RATIO] = OPTR("ratio", PRECIS_OPT_REAL, "0",
        "summary length as a share of the body's sentences; overrides "
        "sentences when above 0 (--ratio)", 0, 1),
    [SUM_WORDS] = OPTR("words", PRECIS_OPT_INT, "0",
        "upper bound on the summary's words; 0 for none (--words)",
        0, 10000000),
    [SUM_REDUNDANCY] = OPTR("redundancy", PRECIS_OPT_REAL, "0.3",
        "how strongly sentences repeating chosen ones are avoided "
        "(0 = not at all, 1 = only that)", 0, 1),
};

static const precis_option_def output_keys[] = {
    OPTE("format", "text", "text|json|markdown|html",
         "output format (-f)"),
};

static const precis_option_def pipeline_keys[] = {
    OPT("stages", PRECIS_OPT_STRING, "normalise, quotes, summary",
        "stage instances, in order; each may have a [stage.NAME] section"),
};

#define N(t) (sizeof t / sizeof t[0])

int ctx_add_sections(precis_ctx *c)
{
    const ses_section all[] = {
        { "core", core_keys, N(core_keys) },
        { "input", input_keys, N(input_keys) },
        { "summary", summary_keys, N(summary_keys) },
        { "output", output_keys, N(output_keys) },
        { "pipeline", pipeline_keys, N(pipeline_keys) },
        { "classify", classify_schema, classify_schema_len },
        { "lua", lua_schema, lua_schema_len },
        { "translate", translate_schema, translate_schema_len },
    };
    for (size_t i = 0; i < N(all); i++)
        if (VEC_PUSH(&c->sections, all[i]))
            return PRECIS_ENOMEM;
    return PRECIS_OK;
}

const ses_section *ctx_section(const precis_ctx *c, const char *name)
{
    for (size_t i = 0; i < c->sections.n; i++)
        if (!strcmp(c->sections.v[i].name, name))
            return &c->sections.v[i];
    return NULL;
}

/* Sections whose names start with these hold stage, rule or profile
 * settings checked elsewhere. */
static const char *const open_prefixes[] = {
    "stage.", "profile.", "classify.rule.", "translate.glossary", NULL
};

int ctx_check_sections(precis_ctx *c, precis_error *err)
{
    const char *names[64];
    size_t nn = 0;
    for (size_t i = 0; i < c->sections.n && nn < 62; i++)
        names[nn++] = c->sections.v[i].name;
    names[nn++] = "stage.NAME";
    names[nn++] = "profile.NAME";
    for (size_t i = 0; i < c->cfg.sections.n; i++) {
        const char *s = c->cfg.sections.v[i];
        int ok = ctx_section(c, s) != NULL;
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
    for (size_t i = 0; i < c->sections.n; i++) {
        const ses_section *s = &c->sections.v[i];
        if (!strcmp(s->name, "classify"))
            continue;   /* checked by classify_rules_new */
        int rc = cfg_check_section(&c->cfg, s->name, s->keys, s->nkeys, NULL,
                                   err);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}

void ctx_read_settings(precis_ctx *c)
{
    config *g = &c->cfg;
    c->on_error_fail = !strcmp(cfg_str(g, "core", &core_keys[CORE_ON_ERROR]),
                               "fail");
    c->input_format = input_format_by_name(
        cfg_str(g, "input", &input_keys[IN_FORMAT]));
    c->load.replace_invalid =
        !strcmp(cfg_str(g, "input", &input_keys[IN_INVALID]), "replace");
    c->load.max_size = (size_t)cfg_int(g, "input", &input_keys[IN_MAX_SIZE]);
    const char *lang = cfg_str(g, "input", &input_keys[IN_LANG]);
    snprintf(c->lang, sizeof c->lang, "%s", strcmp(lang, "auto") ? lang : "");
    precis_budget *b = &c->host.budget;
    b->sentences = (size_t)cfg_int(g, "summary",
                                   &summary_keys[SUM_SENTENCES]);
    b->ratio = cfg_real(g, "summary", &summary_keys[SUM_RATIO]);
    b->words = (size_t)cfg_int(g, "summary", &summary_keys[SUM_WORDS]);
    c->host.redundancy = cfg_real(g, "summary",
                                  &summary_keys[SUM_REDUNDANCY]);
}

/* The directory lists of [core]: plugin_dirs and script_dirs. */
const char *ctx_core_dirs(precis_ctx *c, int scripts)
{
    return cfg_str(&c->cfg, "core",
                   &core_keys[scripts ? CORE_SCRIPT_DIRS : CORE_PLUGIN_DIRS]);
}

int ctx_section_options(precis_ctx *c, const char *section, arena *mem,
                        precis_options *opt, precis_error *err)
{
    const ses_section *s = ctx_section(c, section);
    if (!s)
        return diag_set(err, PRECIS_ENOTFOUND, "no section [%s]", section);
    opt->defs = s->keys;
    opt->n = s->nkeys;
    opt->values = arena_calloc(mem, s->nkeys + 1, sizeof(char *));
    if (!opt->values)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    for (size_t i = 0; i < s->nkeys; i++) {
        const char *v = cfg_get(&c->cfg, section, s->keys[i].key);
        opt->values[i] = v ? v : s->keys[i].def;
    }
    return PRECIS_OK;
}

/*
 * Every [stage.NAME] section must belong to something: an instance of the
 * pipeline (already checked against its stage's options), the translation
 * engine, or a stage precis can find (checked against its options here).
 * Anything else is a typo that would otherwise be ignored in silence.
 */
int ctx_check_stage_sections(precis_ctx *c, precis_error *err)
{
    const char *engine = cfg_get(&c->cfg, "translate", "engine");
    for (size_t i = 0; i < c->cfg.sections.n; i++) {
        const char *sec = c->cfg.sections.v[i];
        if (strncmp(sec, "stage.", 6))
            continue;
        const char *name = sec + 6;
        int used = 0;
        for (size_t k = 0; k < c->pipe->st.n && !used; k++)
            used = !strcmp(c->pipe->st.v[k].name, name);
        if (used || !strcmp(name, engine ? engine : "apertium"))
            continue;
        /* A stage's own name: it may be used by name elsewhere. */
        const char *use = cfg_get(&c->cfg, sec, "use");
        const reg_stage *st = reg_find(c->host.reg, ORIGIN_ANY, name);
        if (!st && !use) {
            reg_load_all(c->host.reg, NULL, NULL);
            st = reg_find(c->host.reg, ORIGIN_ANY, name);
        }
        if (st) {
            static const char *const extra[] = { "use", NULL };
            int rc = cfg_check_section(&c->cfg, sec, st->def->options,
                                       st->def->noptions, extra, err);
            if (rc)
                return rc;
            continue;
        }
        if (use)
            continue;       /* an instance defined for later use */
        const cfg_entry *e = NULL;
        for (size_t k = 0; k < c->cfg.e.n && !e; k++)
            if (!strcmp(c->cfg.e.v[k].section, sec))
                e = &c->cfg.e.v[k];
        const char *names[256];
        size_t nn = 0;
        for (size_t k = 0; k < c->pipe->st.n && nn < 256; k++)
            names[nn++] = c->pipe->st.v[k].name;
        const char *g = precis_did_you_mean(name, names, nn);
        if (!g)
            g = reg_suggest(c->host.reg, ORIGIN_ANY, name);
        char where[600];
        return diag_set(err, PRECIS_ECONFIG,
                        "%s: unknown section [%s]: no stage '%s' in "
                        "[pipeline] stages or on the plug-in and script "
                        "paths%s%s%s",
                        e ? cfg_where(e, where, sizeof where)
                          : "configuration", sec, name,
                        g ? " (did you mean [stage." : "", g ? g : "",
                        g ? "]?)" : "");
    }
    return PRECIS_OK;
}
