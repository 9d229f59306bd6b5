/*
 * cmd_batch.c - precis batch (not built yet).
 */
#include "cli.h"

int cmd_batch(const cli_opts *o)
{
    cli_error("%s: batch runs are not part of this build yet", o->command);
    return EXIT_USAGE;
}
