/*
 * cmd_config.c - precis config check|show: validate a configuration by
 * building its pipeline, or print every effective value and its source.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static int show_setting(void *ud, const precis_setting *s)
{
    (void)ud;
    printf("%s.%s = %s    ; %s\n", s->section, s->key, s->value, s->source);
    return 0;
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
    int rc = EXIT_DONE;
    if (!strcmp(sub, "show")) {
        precis_error err = { 0, "" };
        if (precis_settings(ctx, show_setting, NULL, &err)) {
            cli_error("%s", err.message);
            rc = EXIT_USAGE;
        }
    } else {
        printf("%s: OK; pipeline:", nf ? files[nf - 1] : "configuration");
        precis_stage_info st;
        for (size_t i = 0; precis_pipeline_get(ctx, i, &st) == PRECIS_OK;
             i++)
            printf("%s %s (%s)", i ? " ->" : "", st.instance, st.provider);
        printf("\n");
    }
    precis_ctx_free(ctx);
    return rc;
}
