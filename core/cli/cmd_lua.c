/*
 * cmd_lua.c - precis lua check FILE.lua: load a script in the sandbox,
 * as a pipeline would, and list the stages and options it registers.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *type_name(precis_opt_type t)
{
    switch (t) {
    case PRECIS_OPT_BOOL: return "boolean";
    case PRECIS_OPT_INT: return "integer";
    case PRECIS_OPT_REAL: return "number";
    case PRECIS_OPT_ENUM: return "choice";
    case PRECIS_OPT_SIZE: return "size";
    default: return "string";
    }
}

static void print_stage(void *ud, const precis_script_stage *st)
{
    const char *path = ud;
    const precis_stage_def *d = st->def;
    printf("  stage %s (%s, %s:%d)%s%s\n", d->name, st->kind, path,
           st->line, d->help ? ": " : "", d->help ? d->help : "");
    if (d->requires && *d->requires)
        printf("    requires: %s\n", d->requires);
    if (d->provides && *d->provides)
        printf("    provides: %s\n", d->provides);
    for (size_t i = 0; i < d->noptions; i++) {
        const precis_option_def *o = &d->options[i];
        printf("    %s = %s    ; %s", o->key, o->def, type_name(o->type));
        if (o->type == PRECIS_OPT_ENUM)
            printf(" (%s)", o->choices);
        if (o->min <= o->max)
            printf(" in [%g, %g]", o->min, o->max);
        if (o->help)
            printf(": %s", o->help);
        printf("\n");
    }
    printf("    use it: [stage.NAME] use = lua:%s\n", d->name);
}

int cmd_lua(const cli_opts *o)
{
    if (o->nargs < 1 || strcmp(o->args[0], "check")) {
        cli_error("lua: %s (usage: precis lua check FILE.lua)",
                  o->nargs ? "unknown subcommand" : "say what to do");
        return EXIT_USAGE;
    }
    if (o->nargs != 2) {
        cli_error("lua check: give one script file");
        return EXIT_USAGE;
    }
    const char *path = o->args[1];
    precis_ctx *ctx = cli_session(o, -1);
    if (!ctx)
        return EXIT_USAGE;
    precis_error err = { 0, "" };
    int rc;
    size_t mem = 0;
    printf("%s:\n", path);
    rc = precis_lua_check(ctx, path, print_stage, (void *)path, &mem, &err);
    if (rc) {
        fflush(stdout);
        cli_error("%s", err.message);
        precis_ctx_free(ctx);
        return EXIT_SOME_FAILED;
    }
    printf("%s: OK (the script's state holds %.1f KiB after loading)\n",
           path, (double)mem / 1024);
    precis_ctx_free(ctx);
    return EXIT_DONE;
}
