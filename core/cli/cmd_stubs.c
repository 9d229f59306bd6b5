/*
 * cmd_stubs.c - commands whose subsystems are not in this build yet.
 */
#include "cli.h"

int cmd_lua(const cli_opts *o)
{
    cli_error("%s: Lua scripting is not part of this build yet", o->command);
    return EXIT_USAGE;
}

int cmd_batch(const cli_opts *o)
{
    cli_error("%s: batch runs are not part of this build yet", o->command);
    return EXIT_USAGE;
}
