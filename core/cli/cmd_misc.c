/*
 * cmd_misc.c - segment, config and plugins.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "base/config.h"
#include "session/ctx.h"
#include "text/lang.h"
#include "input/load.h"
#include "lua/lua_host.h"
#include "host/pipeline.h"
#include "host/registry.h"
#include "text/segment.h"
#include "base/strbuf.h"

/* ---- segment ---- */

static int print_sentence(void *ud, size_t start, size_t end)
{
    const char *text = ud;
    strbuf sb = STRBUF_INIT;
    sb_append_squeezed(&sb, text + start, end - start);
    sb_putc(&sb, '\n');
    size_t n = fwrite(sb_str(&sb), 1, sb.len, stdout);
    int bad = sb.oom || n != sb.len;
    sb_free(&sb);
    return bad;
}

int cmd_segment(const cli_opts *o)
{
    const char *path = o->nargs ? o->args[0] : "-";
    if (o->nargs > 1) {
        cli_error("segment: one input at a time");
        return EXIT_USAGE;
    }
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) {
        cli_error("%s: %s", path, strerror(errno));
        return EXIT_SOME_FAILED;
    }
    strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_append(&sb, buf, n);
    int rerr = ferror(f);
    if (f != stdin)
        fclose(f);
    if (rerr || sb.oom) {
        cli_error("%s: %s", path, rerr ? "read error" : "out of memory");
        sb_free(&sb);
        return EXIT_SOME_FAILED;
    }
    size_t len = sb.len;
    char *data = sb_steal(&sb);
    precis_error err = { 0, "" };
    load_opts lo = { 0, (size_t)-1 };
    int rc = load_check_utf8(strcmp(path, "-") ? path : "<stdin>", &data,
                             &len, &lo, &err);
    if (rc) {
        cli_error("%s", err.message);
        return EXIT_SOME_FAILED;
    }
    const char *lang = NULL;
    for (size_t i = 0; i < o->nsets; i++)
        if (!strncmp(o->sets[i], "input.lang=", 11))
            lang = o->sets[i] + 11;
    if (!lang || !strcmp(lang, "auto"))
        lang = lang_detect(data, len, NULL);
    size_t start = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    rc = seg_split(data + start, len - start, lang ? lang : "en",
                   print_sentence, data + start);
    free(data);
    if (rc || fflush(stdout)) {
        cli_error("writing to standard output failed");
        return EXIT_SOME_FAILED;
    }
    return EXIT_DONE;
}

/* ---- config ---- */

static void show_config(precis_ctx *ctx)
{
    for (size_t i = 0; i < ctx->cfg.e.n; i++) {
        const cfg_entry *e = &ctx->cfg.e.v[i];
        char where[600];
        printf("%s.%s = %s    ; %s\n", e->section, e->key, e->value,
               cfg_where(e, where, sizeof where));
    }
}

int cmd_config(const cli_opts *o)
{
    const char *sub = o->nargs ? o->args[0] : "check";
    if (strcmp(sub, "check") && strcmp(sub, "show")) {
        cli_error("config: unknown subcommand '%s' (check or show)", sub);
        return EXIT_USAGE;
    }
    cli_opts c = *o;
    const char *files[64];
    size_t nf = 0;
    for (size_t i = 0; i < o->nconfigs && nf < 63; i++)
        files[nf++] = o->configs[i];
    for (int i = 1; i < o->nargs && nf < 63; i++)
        files[nf++] = o->args[i];
    c.configs = files;
    c.nconfigs = nf;
    precis_ctx *ctx = cli_session(&c, 1);
    if (!ctx)
        return EXIT_USAGE;
    if (!strcmp(sub, "show")) {
        show_config(ctx);
    } else {
        printf("%s: OK; pipeline:", nf ? files[nf - 1] : "configuration");
        for (size_t i = 0; i < ctx->pipe->st.n; i++)
            printf("%s %s (%s)", i ? " ->" : "", ctx->pipe->st.v[i].name,
                   ctx->pipe->st.v[i].provider);
        printf("\n");
    }
    precis_ctx_free(ctx);
    return EXIT_DONE;
}

/* ---- plugins ---- */

static void report_line(void *ud, const char *msg)
{
    int *n = ud;
    (*n)++;
    cli_error("%s", msg);
}

static const char *phase_name(int p)
{
    static const char *const names[] = { "?", "annotate", "score", "select",
                                         "transform", "emit" };
    return p >= 1 && p <= 5 ? names[p] : "?";
}

static void list_stages(const registry *r)
{
    printf("%-22s %-8s %-10s %-9s %s\n", "STAGE", "ORIGIN", "VERSION",
           "PHASE", "FROM");
    for (int origin = ORIGIN_BUILTIN; origin <= ORIGIN_LUA; origin++)
        for (size_t i = 0; i < r->stages.n; i++) {
            const reg_stage *s = r->stages.v[i];
            if ((int)s->origin != origin)
                continue;
            printf("%-22s %-8s %-10s %-9s %s\n", s->def->name,
                   reg_origin_name(s->origin), s->version ? s->version : "",
                   phase_name(s->def->phase), s->where);
            if (s->def->help)
                printf("    %s\n", s->def->help);
        }
}

/* Loads the plug-in in a child, so that a crash while loading is a
 * report, not the end of this process. */
static int check_plugin(precis_ctx *ctx, const char *path)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        cli_error("plugins check: fork: %s", strerror(errno));
        return EXIT_SOME_FAILED;
    }
    if (pid == 0) {
        precis_error err = { 0, "" };
        registry *r = ctx->reg;
        size_t before = r->stages.n;
        if (reg_load_file(r, path, &err)) {
            cli_error("%s", err.message);
            _exit(EXIT_SOME_FAILED);
        }
        printf("%s: OK\n", path);
        for (size_t i = before; i < r->stages.n; i++) {
            const precis_stage_def *d = r->stages.v[i]->def;
            printf("  stage %s (%s)%s%s\n", d->name, phase_name(d->phase),
                   d->help ? ": " : "", d->help ? d->help : "");
            for (size_t k = 0; k < d->noptions; k++)
                printf("    %s = %s    ; %s\n", d->options[k].key,
                       d->options[k].def, d->options[k].help
                       ? d->options[k].help : "");
        }
        fflush(stdout);
        _exit(EXIT_DONE);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status)) {
        cli_error("plugin %s: crashed while loading (signal %d, %s); the "
                  "plug-in's describe or init function is broken", path,
                  WTERMSIG(status), strsignal(WTERMSIG(status)));
        return EXIT_SOME_FAILED;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : EXIT_SOME_FAILED;
}

int cmd_plugins(const cli_opts *o)
{
    precis_ctx *ctx = cli_session(o, -1);
    if (!ctx)
        return EXIT_USAGE;
    int rc;
    if (o->nargs >= 1 && !strcmp(o->args[0], "check")) {
        if (o->nargs != 2) {
            cli_error("plugins check: give one plug-in file");
            rc = EXIT_USAGE;
        } else {
            rc = check_plugin(ctx, o->args[1]);
        }
        precis_ctx_free(ctx);
        return rc;
    }
    if (o->nargs) {
        cli_error("plugins: unknown subcommand '%s' (try 'plugins check "
                  "FILE')", o->args[0]);
        precis_ctx_free(ctx);
        return EXIT_USAGE;
    }
    int failures = 0;
    reg_load_all(ctx->reg, report_line, &failures);
    lua_host_load_all(ctx, report_line, &failures);
    list_stages(ctx->reg);
    printf("\nplug-in path:");
    for (size_t i = 0; i < ctx->reg->dirs.n; i++)
        printf(" %s", ctx->reg->dirs.v[i]);
    printf("\nscript path:");
    for (size_t i = 0; i < ctx->reg->script_dirs.n; i++)
        printf(" %s", ctx->reg->script_dirs.v[i]);
    printf("\n");
    precis_ctx_free(ctx);
    return failures ? EXIT_SOME_FAILED : EXIT_DONE;
}
