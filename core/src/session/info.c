/*
 * info.c - what a session can tell its embedder about itself: effective
 * settings and where they come from, the stages it knows and the ones its
 * pipeline runs, its search paths, a fingerprint of what decides its
 * results.  The command's `config show`, `plugins`, `lua check` and the
 * batch manifest are built on these, never on the session's fields.
 */
#include "session/ctx.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/diag.h"
#include "host/pipeline.h"
#include "host/registry.h"
#include "host/stage.h"
#include "lua/lua_host.h"
#include "text/article.h"

size_t precis_ctx_max_input(precis_ctx *c)
{
    precis_error err;
    if (ctx_configure(c, &err))
        return 0;
    return c->load.max_size;
}

const char *precis_article_field(const precis_article *a, const char *key)
{
    return a && key ? article_field(a, key) : NULL;
}

const char *precis_current_stage(void)
{
    return stage_current();
}

/* ---- settings ---- */

/* "default", or where e came from. */
static const char *source_of(const cfg_entry *e, char *buf, size_t size)
{
    if (!e || !strcmp(e->origin, "defaults"))
        return "default";
    return cfg_where(e, buf, size);
}

typedef struct walk {
    int (*fn)(void *, const precis_setting *);
    void *ud;
} walk;

static int emit(walk *w, const char *section, const char *key,
                const char *value, const cfg_entry *e, const char *help)
{
    char buf[800];
    precis_setting s = { section, key, value, source_of(e, buf, sizeof buf),
                         help };
    return w->fn(w->ud, &s);
}

/* Whether the walk has shown section/key already. */
static int shown(precis_ctx *c, const char *section, const char *key)
{
    const ses_section *s = ctx_section(c, section);
    for (size_t i = 0; s && i < s->nkeys; i++)
        if (!strcmp(s->keys[i].key, key))
            return 1;
    if (strncmp(section, "stage.", 6) || !c->pipe)
        return 0;
    for (size_t i = 0; i < c->pipe->st.n; i++) {
        const stage_inst *si = &c->pipe->st.v[i];
        if (strcmp(si->name, section + 6))
            continue;
        if (!strcmp(key, "use"))
            return 1;
        for (size_t k = 0; k < si->opts.n; k++)
            if (!strcmp(si->opts.defs[k].key, key))
                return 1;
    }
    return 0;
}

int precis_settings(precis_ctx *c, int (*fn)(void *, const precis_setting *),
                    void *ud, precis_error *err)
{
    int rc = precis_ctx_prepare(c, err);
    if (rc)
        return rc;
    walk w = { fn, ud };
    for (size_t i = 0; i < c->sections.n; i++) {
        const ses_section *s = &c->sections.v[i];
        for (size_t k = 0; k < s->nkeys; k++) {
            const cfg_entry *e = cfg_find(&c->cfg, s->name, s->keys[k].key);
            if ((rc = emit(&w, s->name, s->keys[k].key,
                           e ? e->value : s->keys[k].def, e,
                           s->keys[k].help)))
                return rc;
        }
    }
    for (size_t i = 0; i < c->pipe->st.n; i++) {
        const stage_inst *si = &c->pipe->st.v[i];
        char sec[160];
        snprintf(sec, sizeof sec, "stage.%s", si->name);
        const cfg_entry *e = cfg_find(&c->cfg, sec, "use");
        char use[200];
        snprintf(use, sizeof use, "%s:%s", si->impl->origin_name,
                 si->impl->def->name);
        if ((rc = emit(&w, sec, "use", e ? e->value : use, e,
                       "the stage this instance runs")))
            return rc;
        for (size_t k = 0; k < si->opts.n; k++)
            if ((rc = emit(&w, sec, si->opts.defs[k].key, si->opts.values[k],
                           cfg_find(&c->cfg, sec, si->opts.defs[k].key),
                           si->opts.defs[k].help)))
                return rc;
    }
    for (size_t i = 0; i < c->cfg.e.n; i++) {
        const cfg_entry *e = &c->cfg.e.v[i];
        if (!strncmp(e->section, "profile.", 8)
            || shown(c, e->section, e->key))
            continue;
        if ((rc = emit(&w, e->section, e->key, e->value, e, NULL)))
            return rc;
    }
    return PRECIS_OK;
}

size_t precis_config_files(precis_ctx *c, const char *const **files)
{
    *files = c->cfg.files.v;
    return c->cfg.files.n;
}

/* ---- stages ---- */

static void fill_info(const registry *r, const reg_stage *s,
                      precis_stage_info *out)
{
    memset(out, 0, sizeof *out);
    out->name = s->def->name;
    out->origin = s->origin_name;
    out->version = s->version ? s->version : "";
    out->where = s->where;
    out->def = s->def;
    /* The stage a pipeline naming this one without an origin would get. */
    const reg_stage *first = reg_find(r, ORIGIN_ANY, s->def->name);
    if (first && first != s) {
        static _Thread_local char by[160];
        snprintf(by, sizeof by, "%s:%s", first->origin_name,
                 first->def->name);
        out->shadowed_by = by;
    }
}

size_t precis_stage_count(precis_ctx *c)
{
    precis_error err;
    if (precis_ctx_prepare_registry(c, &err))
        return 0;
    return c->host.reg->stages.n;
}

int precis_stage_get(precis_ctx *c, size_t i, precis_stage_info *out)
{
    if (!c->host.reg || i >= c->host.reg->stages.n)
        return PRECIS_ERANGE;
    fill_info(c->host.reg, c->host.reg->stages.v[i], out);
    return PRECIS_OK;
}

size_t precis_pipeline_count(precis_ctx *c)
{
    return c->pipe ? c->pipe->st.n : 0;
}

int precis_pipeline_get(precis_ctx *c, size_t i, precis_stage_info *out)
{
    if (!c->pipe || i >= c->pipe->st.n)
        return PRECIS_ERANGE;
    const stage_inst *si = &c->pipe->st.v[i];
    fill_info(c->host.reg, si->impl, out);
    out->instance = si->name;
    out->provider = si->provider;
    out->shadowed_by = NULL;
    return PRECIS_OK;
}

int precis_stages_load_all(precis_ctx *c,
                           void (*report)(void *, const char *), void *ud)
{
    precis_error err;
    int rc = precis_ctx_prepare_registry(c, &err);
    if (rc) {
        if (report)
            report(ud, err.message);
        return 1;
    }
    return reg_load_all(c->host.reg, report, ud);
}

int precis_plugin_load(precis_ctx *c, const char *path, precis_error *err)
{
    int rc = precis_ctx_prepare_registry(c, err);
    return rc ? rc : reg_load_file(c->host.reg, path, err);
}

size_t precis_search_path(precis_ctx *c, const char *kind,
                          const char *const **dirs)
{
    precis_error err;
    *dirs = NULL;
    if (precis_ctx_prepare_registry(c, &err))
        return 0;
    if (!strcmp(kind, "script"))
        return lua_host_dirs(c->lua, dirs);
    *dirs = c->host.reg->dirs.v;
    return c->host.reg->dirs.n;
}

/* ---- scripts ---- */

typedef struct check_fwd {
    void (*fn)(void *, const precis_script_stage *);
    void *ud;
} check_fwd;

static void forward_stage(void *ud, const lua_check_stage *st)
{
    check_fwd *f = ud;
    precis_script_stage s = { st->def, st->kind, st->line };
    f->fn(f->ud, &s);
}

int precis_lua_check(precis_ctx *c, const char *path,
                     void (*fn)(void *, const precis_script_stage *),
                     void *ud, size_t *memory, precis_error *err)
{
    int rc = precis_ctx_prepare_registry(c, err);
    if (rc)
        return rc;
    check_fwd f = { fn, ud };
    return lua_host_check(c->lua, path, fn ? forward_stage : NULL, &f,
                          memory, err);
}

/* ---- fingerprint ---- */

static uint64_t mix(uint64_t h, const char *s)
{
    /* FNV-1a over the string and its NUL, so "ab"+"c" differs from
     * "a"+"bc". */
    for (const unsigned char *p = (const unsigned char *)(s ? s : "");;
         p++) {
        h ^= *p;
        h *= 0x100000001b3ULL;
        if (!*p)
            return h;
    }
}

static int hash_setting(void *ud, const precis_setting *s)
{
    uint64_t *h = ud;
    *h = mix(mix(mix(*h, s->section), s->key), s->value);
    return 0;
}

static void newer(precis_fingerprint *fp, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    if (st.st_mtim.tv_sec > fp->newest_sec
        || (st.st_mtim.tv_sec == fp->newest_sec
            && st.st_mtim.tv_nsec > fp->newest_nsec)) {
        fp->newest_sec = st.st_mtim.tv_sec;
        fp->newest_nsec = st.st_mtim.tv_nsec;
    }
}

/* Every .lua below dir (modules a/b.lua included), a few levels deep. */
static void newer_lua_tree(precis_fingerprint *fp, const char *dir,
                           int depth)
{
    DIR *d = depth < 4 ? opendir(dir) : NULL;
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t n = strlen(de->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            newer_lua_tree(fp, path, depth + 1);
        else if (n > 4 && !strcmp(de->d_name + n - 4, ".lua"))
            newer(fp, path);
    }
    closedir(d);
}

/*
 * The modules scripts may require: lib/ of the script path and of each
 * script's own folder.  A module loaded only when an article needs it is
 * counted too, so every module there is, not only those loaded so far:
 * editing one reruns the articles on --resume.
 */
static void newer_lib(void *ud, const char *dir)
{
    char lib[4096];
    snprintf(lib, sizeof lib, "%s/lib", dir);
    newer_lua_tree(ud, lib, 0);
}

static int newer_modules(precis_ctx *c, precis_fingerprint *fp)
{
    return c->lua ? lua_host_module_dirs(c->lua, newer_lib, fp) : 0;
}

int precis_ctx_fingerprint(precis_ctx *c, precis_fingerprint *fp,
                           precis_error *err)
{
    memset(fp, 0, sizeof *fp);
    uint64_t h = 0xcbf29ce484222325ULL;
    int rc = precis_settings(c, hash_setting, &h, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < c->pipe->st.n; i++) {
        const stage_inst *si = &c->pipe->st.v[i];
        h = mix(mix(h, si->name), si->provider);
        newer(fp, si->impl->where);
    }
    for (size_t i = 0; i < c->cfg.files.n; i++)
        newer(fp, c->cfg.files.v[i]);
    if (newer_modules(c, fp))
        return diag_set(err, PRECIS_ENOMEM, "out of memory");
    fp->hash = h;
    snprintf(fp->hex, sizeof fp->hex, "%016llx", (unsigned long long)h);
    return PRECIS_OK;
}
