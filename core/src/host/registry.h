/*
 * registry.h - every stage precis knows about: built-in (plug-in sources
 * linked into the binary), C plug-ins (dlopen'd .so files) and the stages
 * of providers such as the Lua host.  A stage is named by origin and name
 * ("builtin:pacsum", "plugin:hello", "lua:tweet"); within one origin names
 * are unique.
 */
#ifndef PRECIS_REGISTRY_H
#define PRECIS_REGISTRY_H


#include "precis.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/vec.h"

/* Where a stage comes from.  Origins above ORIGIN_PLUGIN belong to
 * stage providers (reg_add_provider), in the order they were added. */
enum {
    ORIGIN_ANY = 0,
    ORIGIN_BUILTIN = 1,
    ORIGIN_PLUGIN = 2,
    ORIGIN_PROVIDER = 3         /* the first provider's origin */
};

typedef struct registry registry;

struct precis_plugin {
    const precis_plugin_desc *desc;     /* static in the plug-in */
    const char *path;       /* file; "built-in" for linked ones; reg->mem */
    int origin;             /* ORIGIN_BUILTIN or ORIGIN_PLUGIN */
    int in_init;            /* register_stage() allowed */
    precis_error init_err;  /* the first refused registration in init */
    registry *reg;
    void *handle;           /* dlopen handle; never closed */
    size_t rank;            /* the plug-in folder it was found in (its
                             * index in the search path); past the last
                             * for a file named directly, 0 built in */
};

typedef struct reg_stage {
    const precis_stage_def *def;    /* C plug-ins: a copy in reg->mem;
                                     * providers': owned by the provider */
    int origin;
    const char *origin_name;        /* "builtin", "plugin", "lua"; static */
    precis_plugin *plugin;  /* NULL for stages of providers */
    const char *where;      /* file it came from, or "built-in"; reg->mem */
    const char *version;
} reg_stage;

/*
 * A source of stages other than C plug-ins (Lua scripts): use = NAME:X
 * picks its stage X, a path ending in suffix is its file.  self is the
 * provider's own state, passed back to each callback.
 */
typedef struct reg_provider {
    const char *name;       /* origin name, "lua"; static */
    const char *suffix;     /* ".lua"; static */
    void *self;
    /* The stage registered by the file at path (loaded once): the one
     * called want (the instance it is for) when the file has several. */
    const reg_stage *(*load_path)(void *self, const char *path,
                                  const char *want, precis_error *err);
    /* The stage called name, loading what provides it; NULL with
     * PRECIS_ENOTFOUND when there is none. */
    const reg_stage *(*load_named)(void *self, const char *name,
                                   precis_error *err);
    /* Loads everything on the provider's path; failures go to report. */
    int (*load_all)(void *self, void (*report)(void *, const char *),
                    void *ud);
} reg_provider;

/* A plug-in file that was refused, and why (one line naming it). */
typedef struct reg_refusal {
    const char *path;       /* reg->mem */
    precis_error why;
} reg_refusal;

/* A warning already given about a stage (reg_once). */
typedef struct reg_said {
    const reg_stage *stage;
    const char *key;        /* mem */
} reg_said;

struct registry {
    const precis_api *api;  /* given to every plug-in's init */
    const diag_sink *log;
    VEC(precis_plugin *) plugins;
    VEC(reg_stage *) stages;        /* entries in mem: their addresses
                                     * never change, pipelines keep them */
    VEC(reg_provider) providers;
    str_vec dirs;           /* plug-in search path, in order */
    size_t dirs_loaded;     /* dirs[0, dirs_loaded) are wholly loaded */
    VEC(reg_refusal) refused;       /* each file once, not tried again */
    arena mem;
    VEC(reg_said) said;     /* a session is used by one thread at a
                             * time (precis.h), so is its registry */
};

/* A registry whose plug-ins get api; messages go to log (both borrowed
 * for the registry's life). */
registry *reg_new(const precis_api *api, const diag_sink *log);
void reg_free(registry *r);

/* Adds a directory to the plug-in search path (copied). */
int reg_add_dir(registry *r, const char *dir);

/* Registers the plug-ins linked into the binary. */
int reg_add_builtins(registry *r, precis_error *err);

/* Adds a stage provider (copied); returns its origin, or a negative
 * code. */
int reg_add_provider(registry *r, const reg_provider *p);

/*
 * Loads one plug-in file: checks the descriptor (ABI major and minor,
 * struct size, name against file name, name clashes), then runs init.
 * Every refusal is one message naming the file, what was expected, what
 * was found, and what to do; it is kept, and a refused file is not
 * loaded again (its init would run again) but gets the same message.
 */
int reg_load_file(registry *r, const char *path, precis_error *err);

/* Loads every plug-in found on the search path, then everything the
 * providers find; failures, the plug-in files refused before included,
 * are reported through report (one line each) and do not stop the scan.
 * Returns the number of failures. */
int reg_load_all(registry *r, void (*report)(void *, const char *),
                 void *ud);

/* The stage, or NULL.  ORIGIN_ANY prefers built-in, then plug-in, then
 * the providers in order.  Of plug-in stages of one name, the one from
 * the earliest folder of the search path wins, as on $PATH. */
const reg_stage *reg_find(const registry *r, int origin, const char *name);

/* The file use names (a plug-in or a provider's file: "x/y.so",
 * "lua:s.lua"), past any origin prefix; NULL when it names a stage. */
const char *reg_use_path(const registry *r, const char *use);

/* Resolves "builtin:X", "plugin:X", "PROVIDER:X", a plug-in or provider
 * file path, or "X" (loading what it takes); NULL with err set.  want is
 * the instance ([stage.NAME]) it is for, or NULL: of a file's several
 * stages, the one of that name runs. */
const reg_stage *reg_resolve(registry *r, const char *use, const char *want,
                             precis_error *err);

/* The registered stage name closest to name (of one origin, or any), for
 * "did you mean"; NULL when none is close. */
const char *reg_suggest(const registry *r, int origin, const char *name);

/* The option of any registered stage closest to key, and *of its stage
 * (the first that has it); NULL when none is close. */
const char *reg_suggest_option(const registry *r, const char *key,
                               const reg_stage **of);

/* 1 the first time it is asked about (stage, key), 0 after (and when out
 * of memory): for warnings given once per stage and key, however many
 * instances of the stage a session makes.  Safe in concurrent runs. */
int reg_once(registry *r, const reg_stage *stage, const char *key);

/* Called through api->register_stage during a plug-in's init. */
int reg_register(precis_plugin *p, const precis_stage_def *d);

/* Adds a stage of a provider (origin from reg_add_provider); def and
 * version stay the provider's, where is copied. */
int reg_add_stage(registry *r, int origin, const precis_stage_def *def,
                  const char *where, const char *version, precis_error *err);

/* "builtin", "plugin", a provider's name, or "any". */
const char *reg_origin_name(const registry *r, int origin);

/* Validates a stage descriptor; fills err with why it is refused. */
int reg_check_def(const precis_stage_def *def, precis_error *err);

#endif
