/*
 * cmd_config.c - precis config check|show: validate a configuration by
 * building its pipeline (and each profile's), or print every effective
 * value and its source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int show_setting(void *ud, const precis_setting *s)
{
    (void)ud;
    printf("%s.%s = %s    ; %s\n", s->section, s->key, s->value, s->source);
    return 0;
}

/* " normalise (builtin:normalise …) -> summary (…)" */
static void print_pipeline(FILE *f, precis_ctx *ctx)
{
    precis_stage_info st;
    for (size_t i = 0; precis_pipeline_get(ctx, i, &st) == PRECIS_OK; i++)
        fprintf(f, "%s %s (%s)", i ? " ->" : "", st.instance, st.provider);
    fprintf(f, "\n");
}

/*
 * Each [profile.NAME] the configuration holds, checked as --profile NAME
 * would apply it (its keys against the pipeline built without a profile;
 * one that changes how the pipeline is built is built with it), so that
 * a mistake in one shows now and not in the run that first uses it.
 * Errors go to stderr.  Returns the number that fail.
 */
static int check_profiles(const cli_opts *c, precis_ctx *ctx,
                          const char *const *names, size_t n)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        precis_error err = { 0, "" };
        int rebuild = 0;
        int rc = precis_profile_check(ctx, names[i], &rebuild, &err);
        if (!rc && rebuild) {
            cli_opts p = *c;
            p.profile = names[i];
            p.verbosity = 0;    /* the set-up's warnings were said above */
            precis_ctx *pc = cli_session_err(&p, 1, &err);
            rc = pc ? 0 : -1;
            precis_ctx_free(pc);
        }
        if (!rc)
            continue;
        /* Settings from the profile name it with their file:line
         * ("profile brief (my.ini:12)"), as do messages about its
         * section; say it for the others. */
        char own[128], sec[128];
        snprintf(own, sizeof own, "profile %s (", names[i]);
        snprintf(sec, sizeof sec, "[profile.%s]", names[i]);
        if (strstr(err.message, own) || strstr(err.message, sec))
            cli_error("%s", err.message);
        else
            cli_error("profile %s: %s", names[i], err.message);
        bad++;
    }
    return bad;
}

static void print_profiles(const char *file, const char *const *names,
                           size_t n)
{
    if (!n)
        return;
    printf("%s: profile%s OK:", file, n > 1 ? "s" : "");
    for (size_t i = 0; i < n && i < 8; i++)
        printf("%s %s", i ? "," : "", names[i]);
    if (n > 8)
        printf(", ... (%zu in all)", n);
    printf("\n");
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
        /* The profiles are checked against the configuration without
         * --profile, as each would be applied. */
        cli_opts b = c;
        b.profile = NULL;
        b.verbosity = 0;
        precis_ctx *base = c.profile ? cli_session(&b, 1) : ctx;
        const char *const *names;
        size_t n = base ? precis_profiles(base, &names) : 0;
        const char *file = nf ? files[nf - 1] : "configuration";
        if (!base || check_profiles(&b, base, names, n)) {
            rc = EXIT_USAGE;
        } else {
            printf("%s: OK; pipeline:", file);
            print_pipeline(stdout, ctx);
            print_profiles(file, names, n);
        }
        if (base != ctx)
            precis_ctx_free(base);
    }
    precis_ctx_free(ctx);
    return rc;
}
