/*
 * A plug-in whose stage descriptor breaks a rule register_stage checks,
 * chosen by FX_BADDEF: "flags" (a flag bit this precis does not know),
 * "noopts" (noptions without options), "use" (an option keyed "use").
 * Its stage is fx_hidden: the file is not named after it, so only the
 * search of the plug-in path finds the file, and must say why it failed.
 */
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static int hidden_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)ctx;
    (void)state;
    (void)a;
    return PRECIS_OK;
}

static const precis_option_def use_option[] = {
    { .key = "use", .type = PRECIS_OPT_STRING, .def = "x",
      .help = "clashes with [stage.NAME] use" },
};

static precis_stage_def hidden_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_hidden",
    .phase = PRECIS_PHASE_ANNOTATE,
    .run = hidden_run,
};

static int baddef_init(const precis_api *api, precis_plugin *self)
{
    const char *how = getenv("FX_BADDEF");
    if (!how || !strcmp(how, "flags")) {
        hidden_stage.flags = 0x100;
    } else if (!strcmp(how, "noopts")) {
        hidden_stage.noptions = 2;
    } else if (!strcmp(how, "use")) {
        hidden_stage.options = use_option;
        hidden_stage.noptions = 1;
    }
    return api->register_stage(self, &hidden_stage);
}

PRECIS_PLUGIN_DEFINE("fx_baddef", "1.0", "MIT", "test fixture", baddef_init,
                     NULL)
