/*
 * registry.c - the stage registry and C plug-in loading.
 *
 * Plug-ins are opened with RTLD_NOW | RTLD_LOCAL, so a missing symbol is
 * found at load time and two plug-ins never see each other's symbols, and
 * they are never closed: a stage's descriptors and strings stay valid for
 * the life of the process, and valgrind can still name their functions.
 */
#include "host/registry.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/config.h"
#include "base/diag.h"
#include "host/running.h"

/* The plug-ins linked into the binary: BUILTIN(name) per line, written
 * by CMake from the list of plug-ins in plugins/. */
#define BUILTIN(n) const precis_plugin_desc *precis_builtin_##n(void);
#include "builtins.inc"
#undef BUILTIN

static const struct {
    const char *name;
    const precis_plugin_desc *(*describe)(void);
} builtin_table[] = {
#define BUILTIN(n) { #n, precis_builtin_##n },
#include "builtins.inc"
#undef BUILTIN
    { NULL, NULL }
};

registry *reg_new(const precis_api *api, const diag_sink *log)
{
    registry *r = calloc(1, sizeof *r);
    if (r) {
        r->api = api;
        r->log = log;
    }
    return r;
}

void reg_free(registry *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->plugins.n; i++) {
        precis_plugin *p = r->plugins.v[i];
        if (p->desc->fini)
            p->desc->fini();
        free(p);
    }
    VEC_FREE(&r->plugins);
    VEC_FREE(&r->stages);
    VEC_FREE(&r->refused);
    VEC_FREE(&r->providers);
    VEC_FREE(&r->dirs);
    VEC_FREE(&r->said);
    arena_free(&r->mem);
    free(r);
}

int reg_once(registry *r, const reg_stage *stage, const char *key)
{
    int first = 1;
    for (size_t i = 0; i < r->said.n && first; i++)
        first = r->said.v[i].stage != stage || strcmp(r->said.v[i].key, key);
    if (first) {
        reg_said s = { stage, arena_strdup(&r->mem, key) };
        first = s.key && !VEC_PUSH(&r->said, s);
    }
    return first;
}

static int add_path(registry *r, str_vec *v, const char *dir)
{
    for (size_t i = 0; i < v->n; i++)
        if (!strcmp(v->v[i], dir))
            return PRECIS_OK;
    const char *d = arena_strdup(&r->mem, dir);
    return d && !VEC_PUSH(v, d) ? PRECIS_OK : PRECIS_ENOMEM;
}

int reg_add_dir(registry *r, const char *dir)
{
    return add_path(r, &r->dirs, dir);
}

int reg_add_provider(registry *r, const reg_provider *p)
{
    if (VEC_PUSH(&r->providers, *p))
        return PRECIS_ENOMEM;
    return ORIGIN_PROVIDER + (int)r->providers.n - 1;
}

const char *reg_origin_name(const registry *r, int o)
{
    if (o == ORIGIN_BUILTIN)
        return "builtin";
    if (o == ORIGIN_PLUGIN)
        return "plugin";
    if (o >= ORIGIN_PROVIDER && (size_t)(o - ORIGIN_PROVIDER)
                                    < r->providers.n)
        return r->providers.v[o - ORIGIN_PROVIDER].name;
    return "any";
}

/* Where a stage stands among those of its name: its plug-in's folder. */
static size_t rank_of(const reg_stage *s)
{
    return s->plugin ? s->plugin->rank : 0;
}

/* Whether a stage's plug-in file is named after it (NAME.so). */
static int named_after(const reg_stage *s)
{
    return s->plugin && s->plugin->desc->name
           && !strcmp(s->plugin->desc->name, s->def->name);
}

/*
 * Whether s comes before best among stages of one name: from an earlier
 * folder of the search path; within one folder, from the file named after
 * it, then from the file loaded first (folders are loaded by file name).
 */
static int before(const reg_stage *s, const reg_stage *best)
{
    if (!best || rank_of(s) != rank_of(best))
        return !best || rank_of(s) < rank_of(best);
    return named_after(s) && !named_after(best);
}

const reg_stage *reg_find(const registry *r, int o, const char *name)
{
    int last = ORIGIN_PROVIDER + (int)r->providers.n - 1;
    for (int pass = ORIGIN_BUILTIN; pass <= last; pass++) {
        if (o != ORIGIN_ANY && o != pass)
            continue;
        const reg_stage *best = NULL;
        for (size_t i = 0; i < r->stages.n; i++) {
            const reg_stage *s = r->stages.v[i];
            if ((int)s->origin == pass && !strcmp(s->def->name, name)
                && before(s, best))
                best = s;
        }
        if (best)
            return best;
    }
    return NULL;
}

static int valid_name(const char *s)
{
    if (!s || !*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')
              || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

static int check_option(const precis_stage_def *d, const precis_option_def *o,
                        precis_error *err)
{
    if (!valid_name(o->key) || strchr(o->key, '-'))
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s': option key '%s' must be lower-case "
                        "letters, digits and '_'", d->name,
                        o->key ? o->key : "(null)");
    /* [stage.NAME] use names the implementation; an option could never
     * be set under that key. */
    if (!strcmp(o->key, "use"))
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s': option key 'use' is taken by the "
                        "configuration ([stage.NAME] use = ...); name the "
                        "option otherwise", d->name);
    if (o->type < PRECIS_OPT_BOOL || o->type > PRECIS_OPT_SIZE)
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s': option '%s' has unknown type %d",
                        d->name, o->key, (int)o->type);
    if (o->type == PRECIS_OPT_ENUM && (!o->choices || !*o->choices))
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s': enum option '%s' lists no choices",
                        d->name, o->key);
    if (!o->def)
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s': option '%s' has no default", d->name,
                        o->key);
    /* The default must itself be a valid value. */
    cfg_entry e = { "stage", o->key, o->def, "default", 0 };
    return cfg_check_value(&e, o, err);
}

int reg_check_def(const precis_stage_def *d, precis_error *err)
{
    if (!d || d->struct_size < offsetof(precis_stage_def, translate))
        return diag_set(err, PRECIS_EABI,
                        "stage descriptor too small (%zu bytes); build "
                        "with sizeof(precis_stage_def)",
                        d ? d->struct_size : 0);
    if (!valid_name(d->name))
        return diag_set(err, PRECIS_EINVAL,
                        "stage name '%s' must be 1-64 of [a-z0-9_-]",
                        d->name ? d->name : "(null)");
    if (d->phase < PRECIS_PHASE_ANNOTATE || d->phase > PRECIS_PHASE_EMIT)
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s': unknown phase %d", d->name,
                        (int)d->phase);
    if (d->flags & ~(unsigned)(PRECIS_STAGE_REENTRANT
                               | PRECIS_STAGE_SUMMARIZER
                               | PRECIS_STAGE_TRANSLATOR))
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s': unknown flags 0x%x (this precis knows "
                        "PRECIS_STAGE_REENTRANT, _SUMMARIZER, _TRANSLATOR)",
                        d->name, (unsigned)d->flags
                                 & ~(unsigned)(PRECIS_STAGE_REENTRANT
                                               | PRECIS_STAGE_SUMMARIZER
                                               | PRECIS_STAGE_TRANSLATOR));
    if (d->noptions && !d->options)
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s': noptions is %zu but options is NULL",
                        d->name, d->noptions);
    if (!d->run && !(d->flags & PRECIS_STAGE_TRANSLATOR))
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s' has no run callback", d->name);
    if ((d->flags & PRECIS_STAGE_TRANSLATOR)
        && (d->struct_size < sizeof(precis_stage_def) || !d->translate))
        return diag_set(err, PRECIS_EINVAL,
                        "stage '%s' is a translator without a translate "
                        "callback", d->name);
    for (size_t i = 0; i < d->noptions; i++) {
        int rc = check_option(d, &d->options[i], err);
        if (rc)
            return rc;
        for (size_t k = 0; k < i; k++)
            if (!strcmp(d->options[k].key, d->options[i].key))
                return diag_set(err, PRECIS_EINVAL,
                                "stage '%s': option '%s' declared twice",
                                d->name, d->options[i].key);
    }
    return PRECIS_OK;
}

/* Stages live in the registry's arena so that their addresses never
 * change: pipeline stages and Lua handles keep pointers to them while
 * later plug-ins and scripts are still being loaded. */
static int add_stage(registry *r, reg_stage s)
{
    reg_stage *p = arena_alloc(&r->mem, sizeof *p);
    if (!p)
        return PRECIS_ENOMEM;
    *p = s;
    return VEC_PUSH(&r->stages, p) ? PRECIS_ENOMEM : PRECIS_OK;
}

/* A copy of a C plug-in's stage descriptor, its strings and its option
 * table in reg->mem.  Authors build descriptors on init's stack or from
 * a buffer they reuse; the copy keeps the stage whole after init returns
 * (its callbacks are the plug-in's code, which stays loaded).  NULL when
 * out of memory. */
static const precis_stage_def *copy_def(registry *r,
                                        const precis_stage_def *d)
{
    precis_stage_def *c = arena_calloc(&r->mem, 1, sizeof *c);
    if (!c)
        return NULL;
    memcpy(c, d, d->struct_size < sizeof *c ? d->struct_size : sizeof *c);
    c->struct_size = sizeof *c;
#define DUP(field)                                                          \
    if (d->field && !(c->field = arena_strdup(&r->mem, d->field)))          \
        return NULL
    DUP(name);
    DUP(help);
    DUP(requires);
    DUP(provides);
    if (d->noptions) {
        precis_option_def *o = arena_calloc(&r->mem, d->noptions, sizeof *o);
        if (!o)
            return NULL;
        for (size_t i = 0; i < d->noptions; i++) {
            const precis_option_def *from = &d->options[i];
            o[i] = *from;
            if ((from->key && !(o[i].key = arena_strdup(&r->mem, from->key)))
                || (from->def
                    && !(o[i].def = arena_strdup(&r->mem, from->def)))
                || (from->help
                    && !(o[i].help = arena_strdup(&r->mem, from->help)))
                || (from->choices
                    && !(o[i].choices = arena_strdup(&r->mem,
                                                     from->choices))))
                return NULL;
        }
        c->options = o;
    }
#undef DUP
    return c;
}

/* Called through api->register_stage during a plug-in's init.  A refusal
 * is kept for the loader, which reports it even if init ignores the
 * return value; outside init it is logged.  The descriptor is copied. */
int reg_register(precis_plugin *p, const precis_stage_def *d)
{
    registry *r = p->reg;
    precis_error err = { 0, "" };
    int rc;
    const reg_stage *old;
    if (!p->in_init)
        rc = diag_set(&err, PRECIS_ESTATE,
                      "plugin %s: register_stage called outside init "
                      "(stages may only be registered while the plug-in "
                      "initialises)", p->path);
    else if ((rc = reg_check_def(d, &err)))
        diag_prefix(&err, "plugin %s", p->path);
    else if ((old = reg_find(r, p->origin, d->name)) && old->plugin == p)
        rc = diag_set(&err, PRECIS_EINVAL,
                      "plugin %s: registers stage '%s' twice", p->path,
                      d->name);
    /* A name another file registered already is shadowed, as on $PATH:
     * the first one found is the one pipelines get ('precis plugins'
     * shows both). */
    else if (!(d = copy_def(r, d)))
        rc = diag_set(&err, PRECIS_ENOMEM, "out of memory");
    else
        rc = add_stage(r, (reg_stage){ d, p->origin,
                                       reg_origin_name(r, p->origin), p,
                                       p->path, p->desc->version });
    if (rc && p->in_init && !p->init_err.code)
        p->init_err = err;
    else if (rc)
        diag_log(r->log, 0, "%s", err.message);
    return rc;
}

int reg_add_stage(registry *r, int origin, const precis_stage_def *def,
                  const char *where, const char *version, precis_error *err)
{
    int rc = reg_check_def(def, err);
    if (rc)
        return rc;
    const reg_stage *old = reg_find(r, origin, def->name);
    if (old)
        return diag_set(err, PRECIS_EINVAL,
                        "%s: stage '%s' is already registered by %s",
                        where, def->name, old->where);
    reg_stage s = { def, origin, reg_origin_name(r, origin), NULL,
                    arena_strdup(&r->mem, where), version };
    return s.where ? add_stage(r, s) : PRECIS_ENOMEM;
}

/* Runs init and keeps the plug-in, or takes back what it registered. */
static int init_plugin(registry *r, precis_plugin *p, precis_error *err)
{
    size_t before = r->stages.n;
    p->in_init = 1;
    memset(&p->init_err, 0, sizeof p->init_err);
    running_mark m;
    running_enter(&m, "plug-in %s (%s) while it was loading, in its init "
                  "function", p->desc->name ? p->desc->name : "?", p->path);
    int rc = p->desc->init ? p->desc->init(r->api, p) : PRECIS_OK;
    running_leave(&m);
    p->in_init = 0;
    const precis_error ierr = p->init_err;
    if (rc == PRECIS_OK && ierr.code)
        rc = ierr.code;     /* a registration failed and init ignored it */
    if (rc) {
        r->stages.n = before;
        if (ierr.code)
            return diag_set(err, PRECIS_ESTAGE, "%s", ierr.message);
        return diag_set(err, PRECIS_ESTAGE,
                        "plugin %s: init returned %d (%s), expected 0; "
                        "nothing was registered: see the plug-in's own "
                        "messages (-v) or its documentation", p->path, rc,
                        precis_strerror(rc));
    }
    if (VEC_PUSH(&r->plugins, p)) {
        r->stages.n = before;
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    }
    return PRECIS_OK;
}

int reg_add_builtins(registry *r, precis_error *err)
{
    for (size_t i = 0; builtin_table[i].name; i++) {
        precis_plugin *p = calloc(1, sizeof *p);
        if (!p)
            return diag_set(err, PRECIS_ENOMEM, "out of memory");
        p->desc = builtin_table[i].describe();
        p->path = "built-in";
        p->origin = ORIGIN_BUILTIN;
        p->reg = r;
        int rc = init_plugin(r, p, err);
        if (rc) {
            free(p);
            return rc;
        }
    }
    return PRECIS_OK;
}

static const char *base_name(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    snprintf(buf, size, "%s", slash ? slash + 1 : path);
    char *dot = strstr(buf, ".so");
    if (dot && dot[3] == '\0')
        *dot = '\0';
    return buf;
}

/* Checks the descriptor against this host; one message per refusal. */
static int check_desc(const char *path, const precis_plugin_desc *d,
                      precis_error *err)
{
    char want[256];
    if (!d)
        return diag_set(err, PRECIS_EABI,
                        "plugin %s: %s() returned NULL; it must return "
                        "the descriptor written by PRECIS_PLUGIN_DEFINE",
                        path, PRECIS_PLUGIN_ENTRY);
    if (d->abi_major != PRECIS_ABI_MAJOR)
        return diag_set(err, PRECIS_EABI,
                        "plugin %s: built for ABI %d.%d, this precis "
                        "provides %d.%d; rebuild it against precis/plugin.h "
                        "%d.x", path, d->abi_major, d->abi_minor,
                        PRECIS_ABI_MAJOR, PRECIS_ABI_MINOR, PRECIS_ABI_MAJOR);
    if (d->abi_minor > PRECIS_ABI_MINOR)
        return diag_set(err, PRECIS_EABI,
                        "plugin %s: built for ABI %d.%d, newer than this "
                        "precis (%d.%d); upgrade precis, or rebuild the "
                        "plug-in against precis/plugin.h %d.%d", path,
                        d->abi_major, d->abi_minor, PRECIS_ABI_MAJOR,
                        PRECIS_ABI_MINOR, PRECIS_ABI_MAJOR,
                        PRECIS_ABI_MINOR);
    if (d->struct_size != sizeof(precis_plugin_desc))
        return diag_set(err, PRECIS_EABI,
                        "plugin %s: descriptor is %zu bytes, ABI %d.%d "
                        "expects %zu; write it with PRECIS_PLUGIN_DEFINE",
                        path, d->struct_size, d->abi_major, d->abi_minor,
                        sizeof(precis_plugin_desc));
    base_name(path, want, sizeof want);
    if (!d->name || strcmp(d->name, want))
        return diag_set(err, PRECIS_EINVAL,
                        "plugin %s: calls itself '%s' but its file is "
                        "named '%s.so'; rename the file to '%s.so' or the "
                        "plug-in to '%s'", path, d->name ? d->name : "",
                        want, d->name ? d->name : "", want);
    if (!d->version || !d->license)
        return diag_set(err, PRECIS_EINVAL,
                        "plugin %s: descriptor lacks a %s", path,
                        d->version ? "license" : "version");
    return PRECIS_OK;
}

/* The folder of path, into dir. */
static void folder_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, size, ".");
    else if (slash == path)
        snprintf(dir, size, "/");
    else
        snprintf(dir, size, "%.*s", (int)(slash - path), path);
}

/*
 * A plug-in is code precis runs as the user: one that any user of the
 * machine could have written or replaced is refused.  That is a file
 * writable by every user, or one in a folder writable by every user
 * (anyone may put a file there, or swap this one), whether the path as
 * given or the file it leads to through symbolic links.
 */
static int check_writers(const char *path, precis_error *err)
{
    char real[PATH_MAX], dir[PATH_MAX];
    const char *paths[2] = { path, realpath(path, real) ? real : NULL };
    for (int i = 0; i < 2 && paths[i]; i++) {
        struct stat st;
        if (stat(paths[i], &st) == 0 && (st.st_mode & S_IWOTH))
            return diag_set(err, PRECIS_EABI, "plugin %s: refused: %s is "
                            "writable by every user, so anyone could have "
                            "changed it (chmod o-w %s)", path, paths[i],
                            paths[i]);
        folder_of(paths[i], dir, sizeof dir);
        if (stat(dir, &st) == 0 && (st.st_mode & S_IWOTH))
            return diag_set(err, PRECIS_EABI, "plugin %s: refused: its "
                            "folder %s is writable by every user, so anyone "
                            "could have put it there (chmod o-w %s, or move "
                            "the plug-in)", path, dir, dir);
    }
    return PRECIS_OK;
}

/* The index of path's folder in the search path, or dirs.n. */
static size_t dir_rank(const registry *r, const char *path)
{
    char dir[PATH_MAX];
    folder_of(path, dir, sizeof dir);
    for (size_t i = 0; i < r->dirs.n; i++)
        if (!strcmp(r->dirs.v[i], dir))
            return i;
    return r->dirs.n;
}

static int load_file(registry *r, const char *path, precis_error *err)
{
    char name[256];
    base_name(path, name, sizeof name);
    for (size_t i = 0; i < r->plugins.n; i++) {
        precis_plugin *p = r->plugins.v[i];
        if (p->origin != ORIGIN_PLUGIN || strcmp(p->desc->name, name))
            continue;
        if (!strcmp(p->path, path))
            return PRECIS_OK;       /* already loaded */
        return diag_set(err, PRECIS_EINVAL,
                        "plugin %s: a plug-in named '%s' is already loaded "
                        "from %s; remove one of them from the plug-in "
                        "path", path, name, p->path);
    }
    /* A bare file name is a file here, as for any other command, not a
     * library for the dynamic linker to look for. */
    char here[4096];
    if (!strchr(path, '/')) {
        snprintf(here, sizeof here, "./%s", path);
        path = here;
    }
    int rc = check_writers(path, err);
    if (rc)
        return rc;
    /* Loading runs the plug-in's constructors, then describe(): a crash
     * or an exit() there is named after the file. */
    running_mark m;
    running_enter(&m, "plug-in %s while it was loading", path);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    const precis_plugin_desc *(*describe)(void) = NULL;
    if (h)
        *(void **)&describe = dlsym(h, PRECIS_PLUGIN_ENTRY);
    const precis_plugin_desc *d = describe ? describe() : NULL;
    running_leave(&m);
    if (!h)
        return diag_set(err, PRECIS_EABI, "plugin %s: cannot be loaded: %s",
                        path, dlerror());
    if (!describe)
        return diag_set(err, PRECIS_EABI,
                        "plugin %s: no symbol '%s': not a precis plug-in "
                        "(define its entry with PRECIS_PLUGIN_DEFINE from "
                        "precis/plugin.h)", path, PRECIS_PLUGIN_ENTRY);
    rc = check_desc(path, d, err);
    if (rc)
        return rc;
    precis_plugin *p = calloc(1, sizeof *p);
    if (!p)
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    p->desc = d;
    p->path = arena_strdup(&r->mem, path);
    p->origin = ORIGIN_PLUGIN;
    p->reg = r;
    p->handle = h;
    p->rank = dir_rank(r, path);
    rc = p->path ? init_plugin(r, p, err) : PRECIS_ENOMEM;
    if (rc)
        free(p);
    return rc;
}

/* The refusal of path kept from an earlier load, or NULL. */
static const reg_refusal *refusal_of(const registry *r, const char *path)
{
    for (size_t i = 0; i < r->refused.n; i++)
        if (!strcmp(r->refused.v[i].path, path))
            return &r->refused.v[i];
    return NULL;
}

int reg_load_file(registry *r, const char *path, precis_error *err)
{
    const reg_refusal *was = refusal_of(r, path);
    if (was) {
        if (err)
            *err = was->why;
        return was->why.code;
    }
    precis_error why = { 0, "" };
    int rc = load_file(r, path, &why);
    if (rc && rc != PRECIS_ENOMEM) {
        reg_refusal f = { arena_strdup(&r->mem, path), why };
        if (f.path)
            (void)VEC_PUSH(&r->refused, f);
    }
    if (rc && err)
        *err = why;
    return rc;
}

/* Whether a plug-in file of this name (base name) is loaded. */
static int name_loaded(const registry *r, const char *path)
{
    char name[256];
    base_name(path, name, sizeof name);
    for (size_t j = 0; j < r->plugins.n; j++)
        if (r->plugins.v[j]->origin == ORIGIN_PLUGIN
            && !strcmp(r->plugins.v[j]->desc->name, name))
            return 1;
    return 0;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every .so of plug-in folder i not loaded yet, by name, so that which
 * of two files registering one stage name comes first does not depend on
 * the file system.  Refusals are kept (reg_load_file).  A file whose name
 * a folder before this one holds is shadowed, not an error, as on $PATH.
 */
static void load_dir(registry *r, size_t i)
{
    DIR *d = opendir(r->dirs.v[i]);
    if (!d)
        return;
    VEC(char *) names = { 0 };
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t n = strlen(de->d_name);
        char *copy;
        if (n < 4 || strcmp(de->d_name + n - 3, ".so"))
            continue;
        if (!(copy = strdup(de->d_name)) || VEC_PUSH(&names, copy)) {
            free(copy);
            break;          /* out of memory: fewer plug-ins */
        }
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof names.v[0], cmp_names);
    for (size_t k = 0; k < names.n; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", r->dirs.v[i], names.v[k]);
        if (!name_loaded(r, path))
            (void)reg_load_file(r, path, NULL);
        free(names.v[k]);
    }
    VEC_FREE(&names);
}

/* Every plug-in folder, in search path order. */
static void load_plugin_dirs(registry *r)
{
    for (; r->dirs_loaded < r->dirs.n; r->dirs_loaded++)
        load_dir(r, r->dirs_loaded);
}

/* The stage NAME of a plug-in from folder i, or NULL. */
static const reg_stage *stage_in_dir(const registry *r, const char *name,
                                     size_t i)
{
    const reg_stage *s = reg_find(r, ORIGIN_PLUGIN, name);
    return s && s->plugin && s->plugin->rank == i ? s : NULL;
}

/*
 * plugin:NAME, as $PATH finds a command: the first folder of the search
 * path that provides a stage NAME, through its file NAME.so or any other
 * of its files.  NAME.so is tried first, as a plug-in is usually named
 * after its stage; its refusal is the answer.  NULL with err set when
 * NAME.so was refused, NULL alone when no folder provides NAME.
 */
static const reg_stage *find_on_path(registry *r, const char *name,
                                     precis_error *err)
{
    for (size_t i = 0; i < r->dirs.n; i++) {
        char path[4096];
        const reg_stage *s;
        snprintf(path, sizeof path, "%s/%s.so", r->dirs.v[i], name);
        if (i >= r->dirs_loaded && is_file(path) && !name_loaded(r, path)
            && reg_load_file(r, path, err))
            return NULL;
        /* Folders are searched in order, so all before i are loaded. */
        if (i == r->dirs_loaded)
            load_dir(r, r->dirs_loaded++);
        if ((s = stage_in_dir(r, name, i)))
            return s;
    }
    return NULL;
}

int reg_load_all(registry *r, void (*report)(void *, const char *),
                 void *ud)
{
    load_plugin_dirs(r);
    int failures = (int)r->refused.n;
    for (size_t i = 0; report && i < r->refused.n; i++)
        report(ud, r->refused.v[i].why.message);
    for (size_t i = 0; i < r->providers.n; i++) {
        const reg_provider *p = &r->providers.v[i];
        if (p->load_all)
            failures += p->load_all(p->self, report, ud);
    }
    return failures;
}

/* ---- resolving "use" ---- */

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = suffix ? strlen(suffix) : 0;
    return k && n > k && !strcmp(s + n - k, suffix);
}

/* The stage called name that the plug-in called file registers. */
static const reg_stage *stage_of_file(const registry *r, const char *file,
                                      const char *name)
{
    for (size_t i = 0; name && i < r->stages.n; i++)
        if (r->stages.v[i]->plugin && r->stages.v[i]->plugin->desc->name
            && !strcmp(r->stages.v[i]->plugin->desc->name, file)
            && !strcmp(r->stages.v[i]->def->name, name))
            return r->stages.v[i];
    return NULL;
}

/* A plug-in file named in a pipeline: its stage called like the instance
 * it is for (want), else the one called like the file. */
static const reg_stage *resolve_so(registry *r, const char *path,
                                   const char *want, precis_error *err)
{
    if (reg_load_file(r, path, err))
        return NULL;
    char base[256];
    base_name(path, base, sizeof base);
    /* The stages of this very file, not ones of their names from
     * another. */
    const reg_stage *s = stage_of_file(r, base, want);
    if (!s)
        s = stage_of_file(r, base, base);
    if (!s)
        diag_set(err, PRECIS_ENOTFOUND,
                 "plugin %s registers no stage named '%s'; name the stage "
                 "with plugin:STAGE instead", path, base);
    return s;
}

/* The origin a "NAME:" prefix names; -1 (err set) when none does. */
static int origin_of(const registry *r, const char *use, size_t n,
                     precis_error *err)
{
    if (n == 7 && !strncmp(use, "builtin", 7))
        return ORIGIN_BUILTIN;
    if (n == 6 && !strncmp(use, "plugin", 6))
        return ORIGIN_PLUGIN;
    for (size_t i = 0; i < r->providers.n; i++)
        if (strlen(r->providers.v[i].name) == n
            && !strncmp(use, r->providers.v[i].name, n))
            return ORIGIN_PROVIDER + (int)i;
    diag_set(err, PRECIS_ECONFIG, "'%s': unknown origin '%.*s' (use "
             "builtin:NAME, plugin:NAME%s%s%s)", use, (int)n, use,
             r->providers.n ? " or " : "",
             r->providers.n ? r->providers.v[0].name : "",
             r->providers.n ? ":NAME" : "");
    return -1;
}

const char *reg_use_path(const registry *r, const char *use)
{
    const char *colon = strchr(use, ':');
    const char *name = colon ? colon + 1 : use;
    int is_path = strchr(name, '/') || strstr(name, ".so");
    for (size_t i = 0; i < r->providers.n && !is_path; i++)
        is_path = strstr(name, r->providers.v[i].suffix) != NULL;
    return is_path ? name : NULL;
}

const reg_stage *reg_resolve(registry *r, const char *use, const char *want,
                             precis_error *err)
{
    const char *colon = strchr(use, ':');
    int o = ORIGIN_ANY;
    const char *name = use;
    if (colon) {
        name = colon + 1;
        if ((o = origin_of(r, use, (size_t)(colon - use), err)) < 0)
            return NULL;
    }
    /* A path to a plug-in or to a provider's file. */
    if (reg_use_path(r, use)) {
        if (has_suffix(name, ".so"))
            return resolve_so(r, name, want, err);
        for (size_t i = 0; i < r->providers.n; i++)
            if (has_suffix(name, r->providers.v[i].suffix))
                return r->providers.v[i].load_path(r->providers.v[i].self,
                                                   name, want, err);
    }
    const reg_stage *s = reg_find(r, o, name);
    if (s)
        return s;
    precis_error lerr = { 0, "" };
    if (o == ORIGIN_ANY || o == ORIGIN_PLUGIN) {
        if ((s = find_on_path(r, name, &lerr)))
            return s;
        if (lerr.code) {
            *err = lerr;
            return NULL;
        }
    }
    for (size_t i = 0; i < r->providers.n; i++) {
        int po = ORIGIN_PROVIDER + (int)i;
        if (o != ORIGIN_ANY && o != po)
            continue;
        lerr = (precis_error){ 0, "" };
        s = r->providers.v[i].load_named(r->providers.v[i].self, name,
                                         &lerr);
        if (s)
            return s;
        if (lerr.code && lerr.code != PRECIS_ENOTFOUND) {
            *err = lerr;
            return NULL;
        }
    }
    /* Everything on the paths is a candidate for "did you mean". */
    reg_load_all(r, NULL, NULL);
    const char *g = reg_suggest(r, o, name);
    diag_set(err, PRECIS_ENOTFOUND,
             "no %s%sstage named '%s'%s%s%s (see 'precis plugins' for the "
             "stages available)", o == ORIGIN_ANY ? "" : reg_origin_name(r, o),
             o == ORIGIN_ANY ? "" : " ", name, g ? "; did you mean '" : "",
             g ? g : "", g ? "'?" : "");
    /* The stage may be in a file that was refused: say which, and why. */
    if (r->refused.n && err)
        diag_append(err, "; %zu plug-in file%s refused, so %s stages "
                    "are not known: %s%s", r->refused.n,
                    r->refused.n == 1 ? " was" : "s were",
                    r->refused.n == 1 ? "its" : "their",
                    r->refused.v[0].why.message,
                    r->refused.n > 1 ? " (and more: 'precis plugins check')"
                                     : "");
    return NULL;
}

const char *reg_suggest_option(const registry *r, const char *key,
                               const reg_stage **of)
{
    enum { MAXN = 1024 };
    const char *names[MAXN];
    size_t n = 0;
    for (size_t i = 0; i < r->stages.n; i++) {
        const precis_stage_def *d = r->stages.v[i]->def;
        for (size_t k = 0; k < d->noptions && n < MAXN; k++)
            names[n++] = d->options[k].key;
    }
    const char *g = precis_did_you_mean(key, names, n);
    for (size_t i = 0; g && i < r->stages.n; i++) {
        const precis_stage_def *d = r->stages.v[i]->def;
        for (size_t k = 0; k < d->noptions; k++)
            if (d->options[k].key == g) {
                *of = r->stages.v[i];
                return g;
            }
    }
    return g;
}

const char *reg_suggest(const registry *r, int origin, const char *name)
{
    enum { MAXN = 512 };
    const char *names[MAXN];
    size_t n = 0;
    for (size_t i = 0; i < r->stages.n && n < MAXN; i++)
        if (origin == ORIGIN_ANY || r->stages.v[i]->origin == origin)
            names[n++] = r->stages.v[i]->def->name;
    return precis_did_you_mean(name, names, n);
}
