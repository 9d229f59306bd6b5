/*
 * batch_leak.c - a test plug-in that leaks mb megabytes on every article
 * (written to, so that they are resident), for the test that a batch
 * replaces a worker grown past --worker-memory.
 */
#include <stdlib.h>
#include <string.h>

#include <precis/plugin.h>

static const precis_api *api;
static long leak_mb;
/* Where the leaked blocks are chained: out of the compiler's sight, so
 * that it cannot drop the allocation. */
static void *volatile last;

static int leak_create(precis_stage_ctx *ctx, const precis_options *opt,
                       void **state)
{
    (void)ctx;
    leak_mb = (long)api->opt_int(opt, "mb");
    *state = NULL;
    return PRECIS_OK;
}

static int leak_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)ctx;
    (void)state;
    (void)a;
    size_t n = (size_t)leak_mb << 20;
    char *p = n > sizeof last ? malloc(n) : NULL;
    if (p) {
        memset(p, 1, n);    /* kept on purpose: this is the leak */
        memcpy(p, (const void *)&last, sizeof last);
        last = p;
    }
    return PRECIS_OK;
}

static const precis_option_def leak_options[] = {
    { .key = "mb", .type = PRECIS_OPT_INT, .def = "0",
      .help = "megabytes leaked on every article", .min = 0, .max = 4096 },
};

static const precis_stage_def leak_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "batch_leak",
    .phase = PRECIS_PHASE_ANNOTATE,
    .options = leak_options,
    .noptions = 1,
    .create = leak_create,
    .run = leak_run,
};

static int leak_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &leak_stage);
}

PRECIS_PLUGIN_DEFINE("batch_leak", "1.0", "MIT", "test fixture", leak_init,
                     NULL)
