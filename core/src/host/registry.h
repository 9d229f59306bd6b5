/*
 * registry.h - every stage precis knows about: built-in (plug-in sources
 * linked into the binary), C plug-ins (dlopen'd .so files) and Lua
 * scripts.  A stage is named by origin and name ("builtin:pacsum",
 * "plugin:hello", "lua:tweet"); within one origin names are unique.
 */
#ifndef PRECIS_REGISTRY_H
#define PRECIS_REGISTRY_H

#include "precis.h"
#include "base/arena.h"
#include "base/vec.h"

typedef enum stage_origin {
    ORIGIN_ANY = 0,
    ORIGIN_BUILTIN,
    ORIGIN_PLUGIN,
    ORIGIN_LUA
} stage_origin;

typedef struct registry registry;

struct precis_plugin {
    const precis_plugin_desc *desc;     /* static in the plug-in */
    const char *path;       /* file; "built-in" for linked ones; reg->mem */
    stage_origin origin;
    int in_init;            /* register_stage() allowed */
    registry *reg;
    void *handle;           /* dlopen handle; never closed */
};

typedef struct reg_stage {
    const precis_stage_def *def;    /* owned by the provider */
    stage_origin origin;
    precis_plugin *plugin;  /* NULL for Lua stages */
    const char *where;      /* file it came from, or "built-in" */
    const char *version;
    void *script;           /* Lua stages: the script (lua_host.c) */
} reg_stage;

struct registry {
    precis_ctx *ctx;
    VEC(precis_plugin *) plugins;
    VEC(reg_stage *) stages;        /* entries in mem: their addresses
                                     * never change, pipelines keep them */
    str_vec dirs;           /* plug-in search path, in order */
    str_vec script_dirs;    /* Lua script search path */
    int scanned;                    /* every directory has been loaded */
    arena mem;
};

registry *reg_new(precis_ctx *ctx);
void reg_free(registry *r);

/* Adds a directory to the plug-in search path (copied). */
int reg_add_dir(registry *r, const char *dir);
int reg_add_script_dir(registry *r, const char *dir);

/* Registers the plug-ins linked into the binary. */
int reg_add_builtins(registry *r, precis_error *err);

/*
 * Loads one plug-in file: checks the descriptor (ABI major and minor,
 * struct size, name against file name, name clashes), then runs init.
 * Every refusal is one message naming the file, what was expected, what
 * was found, and what to do.
 */
int reg_load_file(registry *r, const char *path, precis_error *err);

/* Finds NAME.so on the search path and loads it (once). */
int reg_load_named(registry *r, const char *name, precis_error *err);

/* Loads every plug-in and script found on the search paths; failures are
 * reported through report (one line each) and do not stop the scan. */
int reg_load_all(registry *r, void (*report)(void *, const char *),
                 void *ud);

/* The stage, or NULL.  ORIGIN_ANY prefers built-in, then plug-in, then
 * Lua. */
const reg_stage *reg_find(const registry *r, stage_origin o,
                          const char *name);

/* Adds a stage from a Lua script (lua_host.c owns def and script). */
int reg_add_lua_stage(registry *r, const precis_stage_def *def,
                      const char *where, void *script, precis_error *err);

const char *reg_origin_name(stage_origin o);

/* Validates a stage descriptor; fills err with why it is refused. */
int reg_check_def(const precis_stage_def *def, precis_error *err);

#endif
