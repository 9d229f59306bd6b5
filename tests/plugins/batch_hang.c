/*
 * batch_hang.c - a test plug-in that never returns on a marked article,
 * and can slow every article down, for the timeout and resume tests of
 * 'precis batch'.
 *
 * Stage batch_hang (annotate):
 *   PRECIS-TEST-HANG in the text: loops forever (sleeping, so a stuck
 *   worker does not starve the machine the tests run on);
 *   delay_ms = N: sleeps N ms on every article, so a run lasts long
 *   enough to be killed halfway.
 */
#include <string.h>
#include <time.h>

#include <precis/plugin.h>

static const precis_api *api;

typedef struct hang_state {
    long delay_ms;
} hang_state;

static hang_state the_state;

static void nap(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

static int hang_create(precis_stage_ctx *ctx, const precis_options *opt,
                       void **state)
{
    (void)ctx;
    the_state.delay_ms = (long)api->opt_int(opt, "delay_ms");
    *state = &the_state;
    return PRECIS_OK;
}

static int hang_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)ctx;
    const hang_state *st = state;
    precis_str t = api->text(a);
    static const char marker[] = "PRECIS-TEST-HANG";
    size_t n = sizeof marker - 1;
    for (size_t i = 0; i + n <= t.len; i++)
        if (!memcmp(t.ptr + i, marker, n))
            for (;;)
                nap(50);
    if (st->delay_ms > 0)
        nap(st->delay_ms);
    return PRECIS_OK;
}

static const precis_option_def hang_options[] = {
    { .key = "delay_ms", .type = PRECIS_OPT_INT, .def = "0",
      .help = "sleep this long on every article", .min = 0, .max = 60000 },
};

static const precis_stage_def hang_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "batch_hang",
    .help = "test: never returns on marked articles",
    .phase = PRECIS_PHASE_ANNOTATE,
    .options = hang_options,
    .noptions = sizeof hang_options / sizeof hang_options[0],
    .create = hang_create,
    .run = hang_run,
};

static int hang_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &hang_stage);
}

PRECIS_PLUGIN_DEFINE("batch_hang", "1.0", "MIT",
                     "Test plug-in: hangs on marked articles",
                     hang_init, NULL)
