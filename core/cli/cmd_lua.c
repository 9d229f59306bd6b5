/*
 * cmd_lua.c - precis lua check (not built yet).
 */
#include "cli.h"

int cmd_lua(const cli_opts *o)
{
    cli_error("%s: Lua scripting is not part of this build yet", o->command);
    return EXIT_USAGE;
}
