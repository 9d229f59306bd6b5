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

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/diag.h"
#include "host/pipeline.h"
#include "host/registry.h"
#include "host/stage.h"
#include "input/format.h"
#include "lua/lua_host.h"
#include "session/translate.h"
#include "text/classify.h"
#include "text/lang.h"

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
        "language of the articles: auto (detect), an ISO 639-1 code or a "
        "tag such as pt-BR (its language counts), or und (language-neutral "
        "rules, no detection)"),
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

/* Every section of g must be one of the session's or open (stage,
 * profile, rule, glossary); an unknown one gets a did-you-mean. */
static int check_names(const precis_ctx *c, const config *g,
                       precis_error *err)
{
    const char *names[64];
    size_t nn = 0;
    for (size_t i = 0; i < c->sections.n && nn < 62; i++)
        names[nn++] = c->sections.v[i].name;
    names[nn++] = "stage.NAME";
    names[nn++] = "profile.NAME";
    for (size_t i = 0; i < g->sections.n; i++) {
        const char *s = g->sections.v[i];
        int ok = ctx_section(c, s) != NULL;
        for (const char *const *p = open_prefixes; *p && !ok; p++)
            ok = !strncmp(s, *p, strlen(*p));
        if (ok)
            continue;
        const cfg_entry *e = cfg_first(g, s);
        char where[600];
        const char *gs = cfg_did_you_mean(s, names, nn);
        return diag_set(err, PRECIS_ECONFIG, "%s: unknown section [%s]%s%s%s",
                        e ? cfg_where(e, where, sizeof where)
                          : "configuration", s,
                        gs ? " (did you mean [" : "", gs ? gs : "",
                        gs ? "]?)" : "");
    }
    return PRECIS_OK;
}

int ctx_check_sections(precis_ctx *c, precis_error *err)
{
    int rc = check_names(c, &c->cfg, err);
    for (size_t i = 0; !rc && i < c->sections.n; i++) {
        const ses_section *s = &c->sections.v[i];
        if (strcmp(s->name, "classify"))    /* classify_rules_new's */
            rc = cfg_check_section(&c->cfg, s->name, s->keys, s->nkeys,
                                   NULL, err);
    }
    return rc;
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
    precis_budget *b = &c->host.budget;
    b->sentences = (size_t)cfg_int(g, "summary",
                                   &summary_keys[SUM_SENTENCES]);
    b->ratio = cfg_real(g, "summary", &summary_keys[SUM_RATIO]);
    b->words = (size_t)cfg_int(g, "summary", &summary_keys[SUM_WORDS]);
    c->host.redundancy = cfg_real(g, "summary",
                                  &summary_keys[SUM_REDUNDANCY]);
}

/* [input] lang of g into out ("" for auto), or an error naming where it
 * was set. */
static int read_lang(const config *g, char *out, precis_error *err)
{
    const char *lang = cfg_str(g, "input", &input_keys[IN_LANG]);
    out[0] = '\0';
    if (!strcasecmp(lang, "auto") || lang_tag(lang, strlen(lang), 0, out) == 0)
        return PRECIS_OK;
    const cfg_entry *e = cfg_find(g, "input", "lang");
    char where[600];
    return diag_set(err, PRECIS_ECONFIG, "%s: [input] lang = '%s': expected "
                    "auto, und or a language code or tag (en, de, pt-BR, "
                    "zh-Hant, ...)", e ? cfg_where(e, where, sizeof where)
                                       : "configuration", lang);
}

int ctx_read_lang(precis_ctx *c, precis_error *err)
{
    return read_lang(&c->cfg, c->lang, err);
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
    *opt = (precis_options){ .defs = s->keys, .n = s->nkeys };
    opt->values = arena_calloc(mem, s->nkeys + 1, sizeof(char *));
    if (!opt->values)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    for (size_t i = 0; i < s->nkeys; i++) {
        const char *v = cfg_get(&c->cfg, section, s->keys[i].key);
        opt->values[i] = v ? v : s->keys[i].def;
    }
    return PRECIS_OK;
}

/* The stage names the profiles' pipeline.stages give, as pieces of
 * their values (not terminated). */
typedef struct piece {
    const char *s;
    size_t n;
} piece;
typedef VEC(piece) piece_vec;

static int profile_stages(const precis_ctx *c, piece_vec *out)
{
    for (size_t i = 0; i < c->cfg.sections.n; i++) {
        const char *sec = c->cfg.sections.v[i];
        const char *v = strncmp(sec, "profile.", 8)
                            ? NULL : cfg_get(&c->cfg, sec, "pipeline.stages");
        for (const char *p = v; p && *p;) {
            p += strspn(p, ", \t");
            piece pc = { p, strcspn(p, ", \t") };
            if (pc.n && VEC_PUSH(out, pc))
                return PRECIS_ENOMEM;
            p += pc.n;
        }
    }
    return PRECIS_OK;
}

static int runs(const piece_vec *v, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < v->n; i++)
        if (v->v[i].n == n && !strncmp(v->v[i].s, name, n))
            return 1;
    return 0;
}

/* The entry of sec set by something other than the built-in defaults
 * (its "use" when there is one), or NULL. */
static const cfg_entry *set_by_user(const config *g, const char *sec)
{
    const cfg_entry *use = cfg_find(g, sec, "use");
    if (use && strcmp(use->origin, "defaults"))
        return use;
    for (const cfg_entry *e = cfg_first(g, sec); e; e = cfg_next(g, e))
        if (strcmp(e->origin, "defaults"))
            return e;
    return NULL;
}

/* The pipeline's instance name, or the name of a [stage.NAME] a profile
 * runs, nearest to name; NULL when none is near. */
static const char *near_instance(const precis_ctx *c, const piece_vec *pr,
                                 const char *name)
{
    const char *names[256];
    size_t nn = 0;
    for (size_t k = 0; k < c->pipe->st.n && nn < 256; k++)
        names[nn++] = c->pipe->st.v[k].name;
    for (size_t i = 0; i < c->cfg.sections.n && nn < 256; i++) {
        const char *sec = c->cfg.sections.v[i];
        if (!strncmp(sec, "stage.", 6) && strcmp(sec + 6, name)
            && runs(pr, sec + 6))
            names[nn++] = sec + 6;
    }
    return precis_did_you_mean(name, names, nn);
}

/* The pipeline's instance called name, or NULL. */
static const stage_inst *instance(const precis_ctx *c, const char *name)
{
    for (size_t k = 0; k < c->pipe->st.n; k++)
        if (!strcmp(c->pipe->st.v[k].name, name))
            return &c->pipe->st.v[k];
    return NULL;
}

/* One [stage.NAME] section (see ctx_check_stage_sections). */
static int check_stage_section(precis_ctx *c, const piece_vec *pr,
                               const char *sec, precis_error *err)
{
    const char *name = sec + 6;
    const char *engine = cfg_get(&c->cfg, "translate", "engine");
    /* --script took the place of the summary stage. */
    if (instance(c, name) || (c->summ_name[0] && !strcmp(name, "summary"))
        || !strcmp(name, engine ? engine : "apertium") || runs(pr, name))
        return PRECIS_OK;
    const cfg_entry *e = set_by_user(&c->cfg, sec);
    if (!e)
        return PRECIS_OK;   /* the built-in default of an unused stage */
    char where[600];
    const char *use = cfg_get(&c->cfg, sec, "use");
    const char *g = near_instance(c, pr, name);
    if (!strcmp(e->key, "use"))
        return diag_set(err, PRECIS_ECONFIG,
                        "%s: [%s] use = %s: no stage '%s' in [pipeline] "
                        "stages or a profile's, so nothing would run it"
                        "%s%s%s", cfg_where(e, where, sizeof where), sec,
                        use, name, g ? " (did you mean [stage." : "",
                        g ? g : "", g ? "]?)" : "");
    /* A stage's own name: options for a pipeline that lists it. */
    const reg_stage *st = reg_find(c->host.reg, ORIGIN_ANY, name);
    if (!st && !use) {
        reg_load_all(c->host.reg, NULL, NULL);
        st = reg_find(c->host.reg, ORIGIN_ANY, name);
    }
    if (st && !use) {
        int rc = stage_check_section(&c->host, sec, st, err);
        for (size_t k = 0; !rc && k < c->pipe->st.n; k++) {
            const stage_inst *si = &c->pipe->st.v[k];
            if (!strcmp(si->impl->def->name, st->def->name))
                rc = diag_set(err, PRECIS_ECONFIG,
                              "%s: [%s] is not read: stage '%s' runs %s and "
                              "takes its options from [stage.%s]",
                              cfg_where(e, where, sizeof where), sec,
                              si->name, name, si->name);
        }
        return rc;
    }
    if (!g)
        g = reg_suggest(c->host.reg, ORIGIN_ANY, name);
    return diag_set(err, PRECIS_ECONFIG,
                    "%s: unknown section [%s]: no stage '%s' in [pipeline] "
                    "stages or on the plug-in and script paths%s%s%s",
                    cfg_where(e, where, sizeof where), sec, name,
                    g ? " (did you mean [stage." : "", g ? g : "",
                    g ? "]?)" : "");
}

/*
 * Every [stage.NAME] section must be read by something: an instance of
 * the pipeline (already checked against its stage's options), the
 * translation engine, the summary stage --script replaced, or an
 * instance a profile's pipeline.stages runs (checked when config check
 * tries each profile).  A section for a stage precis can find, under the
 * stage's own name, may hold its options for a pipeline that lists it
 * (checked against them here), unless this pipeline runs that stage
 * under another name, whose section it reads instead.  Anything else is
 * a typo, or a setting that would be ignored in silence: an error that
 * says where it was set.
 */
int ctx_check_stage_sections(precis_ctx *c, precis_error *err)
{
    piece_vec pr = { 0 };
    int rc = profile_stages(c, &pr);
    if (rc)
        rc = diag_set(err, rc, "out of memory");
    for (size_t i = 0; !rc && i < c->cfg.sections.n; i++)
        if (!strncmp(c->cfg.sections.v[i], "stage.", 6))
            rc = check_stage_section(c, &pr, c->cfg.sections.v[i], err);
    VEC_FREE(&pr);
    return rc;
}

void ctx_profile_section(char *sec, size_t size, const char *name)
{
    snprintf(sec, size, "profile.%s", name);
    for (char *p = sec; *p; p++)
        *p = (char)tolower((unsigned char)*p);
}

int ctx_profile_put(config *dst, const config *src, const char *sec,
                    const char *name, precis_error *err)
{
    for (const cfg_entry *p = cfg_first(src, sec); p;) {
        /* a copy, and the place by index: when dst is src, its vector
         * may move as it grows */
        size_t i = (size_t)(p - src->e.v);
        cfg_entry e = *p;
        const char *dot = strrchr(e.key, '.');
        char where[600], origin[700], target[160];
        if (!dot)
            return diag_set(err, PRECIS_ECONFIG,
                            "%s: [%s] key '%s' must be written "
                            "SECTION.KEY (e.g. summary.sentences)",
                            cfg_where(&e, where, sizeof where), sec, e.key);
        snprintf(target, sizeof target, "%.*s", (int)(dot - e.key), e.key);
        snprintf(origin, sizeof origin, "profile %s (%s)", name,
                 cfg_where(&e, where, sizeof where));
        if (cfg_put(dst, target, dot + 1, e.value, origin, 0))
            return diag_set(err, PRECIS_ENOMEM, "out of memory");
        p = cfg_next(src, &src->e.v[i]);
    }
    return PRECIS_OK;
}

/*
 * precis_profile_check: the profile's keys as --profile would set them,
 * in a configuration of their own (so that messages name the profile and
 * its file:line), against the prepared pipeline.  What changes how the
 * pipeline is built (its stages, a stage's use, paths, rules, the Lua
 * host, the translator) is left to a session prepared with the profile.
 */
static int check_profile(precis_ctx *c, const char *sec, config *t,
                         int *rebuild, precis_error *err)
{
    int rc = ctx_profile_put(t, &c->cfg, sec, sec + 8, err);
    char lang[8];
    if (!rc)
        rc = check_names(c, t, err);
    if (!rc)
        rc = read_lang(t, lang, err);
    static const char *const built[] = {
        "core", "pipeline", "classify", "lua", "translate", NULL
    };
    int stages = cfg_has_section(t, "pipeline");
    for (size_t i = 0; !rc && i < t->sections.n; i++) {
        const char *s = t->sections.v[i];
        const ses_section *ss = ctx_section(c, s);
        int deep = 0;
        for (const char *const *b = built; *b && !deep; b++)
            deep = !strcmp(s, *b);
        if (ss && strcmp(s, "classify"))
            rc = cfg_check_section(t, s, ss->keys, ss->nkeys, NULL, err);
        const stage_inst *si = strncmp(s, "stage.", 6) ? NULL
                                                       : instance(c, s + 6);
        if (!ss && (!si || stages || cfg_find(t, s, "use")))
            deep = 1;
        else if (si && !rc) {
            host h = c->host;
            h.cfg = t;
            rc = stage_check_section(&h, s, si->impl, err);
        }
        *rebuild |= deep;
    }
    return rc;
}

int ctx_check_profile(precis_ctx *c, const char *name, int *rebuild,
                      precis_error *err)
{
    char sec[128];
    ctx_profile_section(sec, sizeof sec, name);
    if (!cfg_has_section(&c->cfg, sec))
        return diag_set(err, PRECIS_ENOTFOUND, "no [%s] section", sec);
    config t;
    cfg_init(&t);
    int rc = check_profile(c, sec, &t, rebuild, err);
    cfg_free(&t);
    return rc;
}
