/*
 * cmd_plugins.c - precis plugins [check FILE]: every stage precis can
 * find, or a trial load of one plug-in in a child process.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

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

/* Built-in stages first, then plug-ins, then every other origin. */
static int origin_rank(const char *origin)
{
    return !strcmp(origin, "builtin") ? 0 : !strcmp(origin, "plugin") ? 1
                                                                       : 2;
}

static void print_stage(const precis_stage_info *s, const char *indent)
{
    printf("%s%-*s %-8s %-10s %-9s %s\n", indent, 22 - (int)strlen(indent),
           s->name, s->origin, s->version, phase_name(s->def->phase),
           s->where);
}

/* The same plug-in built into precis and as a file: not worth a warning.
 * Two files are two plug-ins, whatever they say of themselves. */
static int same_plugin(const precis_stage_info *a, const precis_stage_info *b)
{
    return strcmp(a->origin, b->origin) && !strcmp(a->version, b->version)
        && ((!a->def->help && !b->def->help)
            || (a->def->help && b->def->help
                && !strcmp(a->def->help, b->def->help)));
}

/*
 * Each stage name once, as a pipeline naming it would get it; the stages
 * of the same name that it shadows indented beneath, with a warning
 * unless one is the very plug-in precis has built in.
 */
static void list_stages(precis_ctx *ctx)
{
    printf("%-22s %-8s %-10s %-9s %s\n", "STAGE", "ORIGIN", "VERSION",
           "PHASE", "FROM");
    size_t n = precis_stage_count(ctx);
    for (int rank = 0; rank <= 2; rank++)
        for (size_t i = 0; i < n; i++) {
            precis_stage_info s;
            if (precis_stage_get(ctx, i, &s) || s.shadowed_by
                || origin_rank(s.origin) != rank)
                continue;
            print_stage(&s, "");
            if (s.def->help)
                printf("    %s\n", s.def->help);
            for (size_t k = 0; k < n; k++) {
                precis_stage_info t;
                if (k == i || precis_stage_get(ctx, k, &t)
                    || strcmp(t.name, s.name))
                    continue;
                print_stage(&t, "  ");
                /* Another origin reaches it by its prefix; within one
                 * origin only its file does. */
                if (!same_plugin(&s, &t) && strcmp(s.origin, t.origin))
                    cli_error("warning: stage '%s' of %s is shadowed by "
                              "%s:%s from %s; name it %s:%s to use it",
                              t.name, t.where, s.origin, s.name, s.where,
                              t.origin, t.name);
                else if (!same_plugin(&s, &t))
                    cli_error("warning: stage '%s' of %s is shadowed by "
                              "%s:%s from %s; give its file (use = %s) "
                              "to use it", t.name, t.where, s.origin,
                              s.name, s.where, t.where);
            }
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
        size_t before = precis_stage_count(ctx);
        if (precis_plugin_load(ctx, path, &err)) {
            cli_error("%s", err.message);
            _exit(EXIT_SOME_FAILED);
        }
        printf("%s: OK\n", path);
        precis_stage_info s;
        for (size_t i = before; precis_stage_get(ctx, i, &s) == PRECIS_OK;
             i++) {
            const precis_stage_def *d = s.def;
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

static void print_path(precis_ctx *ctx, const char *title, const char *kind)
{
    const char *const *dirs;
    size_t n = precis_search_path(ctx, kind, &dirs);
    printf("%s:", title);
    for (size_t i = 0; i < n; i++)
        printf(" %s", dirs[i]);
    printf("\n");
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
    precis_stages_load_all(ctx, report_line, &failures);
    list_stages(ctx);
    printf("\n");
    print_path(ctx, "plug-in path", "plugin");
    print_path(ctx, "script path", "script");
    precis_ctx_free(ctx);
    return failures ? EXIT_SOME_FAILED : EXIT_DONE;
}
