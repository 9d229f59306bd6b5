/*
 * main.c - the precis command: dispatch to the commands.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(const cli_opts *);
    precis_view view;
} commands[] = {
    { "summarize", NULL, PRECIS_VIEW_SUMMARY },
    { "inspect", NULL, PRECIS_VIEW_INSPECT },
    { "quotes", NULL, PRECIS_VIEW_QUOTES },
    { "translate", NULL, PRECIS_VIEW_TRANSLATION },
    { "segment", cmd_segment, 0 },
    { "config", cmd_config, 0 },
    { "plugins", cmd_plugins, 0 },
    { "lua", cmd_lua, 0 },
    { "batch", cmd_batch, 0 },
};

static int known_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(name, commands[i].name))
            return 1;
    return !strcmp(name, "help");
}

static void unknown_command(const char *cmd)
{
    const char *names[sizeof commands / sizeof commands[0] + 1];
    size_t n = 0;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        names[n++] = commands[i].name;
    names[n++] = "help";
    const char *g = precis_did_you_mean(cmd, names, n);
    if (g)
        cli_error("unknown command '%s' (did you mean '%s'?)", cmd, g);
    else
        cli_error("unknown command '%s' (commands: summarize, inspect, "
                  "quotes, translate, segment, batch, config, plugins, lua, "
                  "help)", cmd);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cli_help(stderr, NULL);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V")
        || !strcmp(cmd, "version")) {
        printf("precis %s\n", precis_version());
        return cli_check_output(stdout, "standard output", 0)
               ? EXIT_SOME_FAILED : EXIT_DONE;
    }
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")
        || !strcmp(cmd, "help")) {
        const char *topic = argc > 2 ? argv[2] : NULL;
        if (topic && !known_command(topic)) {
            unknown_command(topic);
            return EXIT_USAGE;
        }
        cli_help(stdout, topic);
        return cli_check_output(stdout, "standard output", 0)
               ? EXIT_SOME_FAILED : EXIT_DONE;
    }
    cli_install_crash_handler();
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(cmd, commands[i].name))
            continue;
        cli_opts o = { .command = cmd, .verbosity = 1 };
        int rc = cli_parse(argc - 1, argv + 1, &o);
        if (rc == 0)
            rc = commands[i].run ? commands[i].run(&o)
                                 : cmd_article(&o, commands[i].view);
        cli_opts_free(&o);
        /* Whatever the command printed must have got out (a full disk
         * must not pass for success); a command that said so already
         * is not told again. */
        if (cli_check_output(stdout, "standard output", 0) && !rc)
            rc = EXIT_SOME_FAILED;
        return rc;
    }
    unknown_command(cmd);
    return EXIT_USAGE;
}
