/*
 * ctx.h - the session object behind precis_ctx.
 *
 * The session is the one place that sees every layer: it owns the
 * configuration, the host (registry, stages' view of the settings), the
 * pipeline, the stage providers (Lua), the translator instances and the
 * text tools (classification rules, stem cache), and it frees them in
 * the reverse order of their making.
 */
#ifndef PRECIS_CTX_H
#define PRECIS_CTX_H

#include "precis.h"
#include "base/config.h"
#include "base/vec.h"
#include "host/host.h"
#include "input/load.h"

typedef struct classify_rules classify_rules;
typedef struct tok_cache tok_cache;
typedef struct pipeline pipeline;
typedef struct lua_host lua_host;
typedef struct tr_inst tr_inst;

/* A configuration section the session knows, with its keys.  Modules
 * that own a section (classification, Lua, translation) hand over their
 * schema when the session is made. */
typedef struct ses_section {
    const char *name;
    const precis_option_def *keys;  /* static in their module */
    size_t nkeys;
} ses_section;

struct precis_ctx {
    config cfg;
    int configured;             /* settings read and checked */
    int prepared;               /* the pipeline is built */
    char profile[64];
    str_vec profiles;           /* precis_profiles(): names in cfg.mem */
    VEC(ses_section) sections;
    str_vec sets;               /* --set assignments, re-applied on top */
    str_vec set_from;           /* each one's origin ("--set", "-n") */
    char summ_name[65];         /* precis_ctx_set_summarizer, or "" */
    char summ_use[4096];

    /* Parsed from the configuration by precis_ctx_prepare(). */
    load_opts load;
    precis_format input_format;
    char lang[8];               /* forced language, or "" to detect */
    int on_error_fail;

    host host;                  /* what stages see; host.reg is ours */
    pipeline *pipe;
    lua_host *lua;              /* the Lua stage provider */
    tr_inst *translate;         /* translator instances, made on use */
    classify_rules *rules;
    tok_cache *tok;
};

/* Checks the configuration and reads the settings (once): enough to
 * read articles. */
int ctx_configure(precis_ctx *c, precis_error *err);

/* The section called name, or NULL. */
const ses_section *ctx_section(const precis_ctx *c, const char *name);

/* Registers the sections of the core and of its modules (ctx_new). */
int ctx_add_sections(precis_ctx *c);

/* Checks every section and key against the schemas (prepare). */
int ctx_check_sections(precis_ctx *c, precis_error *err);

/* Checks that every [stage.NAME] belongs to something (after the
 * pipeline is built). */
int ctx_check_stage_sections(precis_ctx *c, precis_error *err);

/* Reads the core's settings into c and c->host (prepare). */
void ctx_read_settings(precis_ctx *c);

/* Reads [input] lang into c->lang: "" for auto, else the language of the
 * code or tag, any case ("pt-BR": pt); "und" is language-neutral rules.
 * An empty or malformed value is an error naming where it was set. */
int ctx_read_lang(precis_ctx *c, precis_error *err);

/* [core] plugin_dirs (scripts = 0) or script_dirs (1), as written. */
const char *ctx_core_dirs(precis_ctx *c, int scripts);

/* "profile.NAME" in sec, NAME in lower case as sections are read. */
void ctx_profile_section(char *sec, size_t size, const char *name);

/* Puts profile NAME's keys ("section.key = value" in src's section sec)
 * into dst as --profile sets them, each naming the profile and its
 * file:line; dst may be src. */
int ctx_profile_put(config *dst, const config *src, const char *sec,
                    const char *name, precis_error *err);

/* Checks profile NAME against the prepared pipeline, as
 * precis_profile_check says (the session is prepared already). */
int ctx_check_profile(precis_ctx *c, const char *name, int *rebuild,
                      precis_error *err);

/* Parses section's keys into opt (strings in mem), as a stage's. */
int ctx_section_options(precis_ctx *c, const char *section, arena *mem,
                        precis_options *opt, precis_error *err);

#endif
