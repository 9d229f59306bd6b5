/* A stage descriptor, option table and strings built on init's stack,
 * as a plug-in generating stages at load time does; init then writes
 * over them before it returns.  The host copies what register_stage
 * gets, so the stage works afterwards. */
#include "fixture.h"

static const precis_api *api;

static int stack_create(precis_stage_ctx *ctx, const precis_options *opt,
                        void **state)
{
    (void)ctx;
    *state = (void *)opt;
    return PRECIS_OK;
}

static int stack_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "level=%lld",
                     (long long)api->opt_int(state, "level"));
    return api->set_meta(ctx, a, "fx_stackdef", buf, (size_t)n);
}

/* Writes over n bytes at p in a way the compiler keeps (a memset of a
 * local about to go out of scope is removed as dead). */
static void scrub(void *p, int c, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = (unsigned char)c;
}

static int stack_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    char name[32], key[16], def[8], help[32];
    snprintf(name, sizeof name, "fx_stack%s", "def");
    snprintf(key, sizeof key, "%s", "level");
    snprintf(def, sizeof def, "%d", 3);
    snprintf(help, sizeof help, "%s", "built at load time");
    precis_option_def opts[1] = {
        { key, PRECIS_OPT_INT, def, help, NULL, 1, 9 },
    };
    precis_stage_def d = {
        .struct_size = sizeof d,
        .name = name,
        .help = help,
        .phase = PRECIS_PHASE_ANNOTATE,
        .options = opts,
        .noptions = 1,
        .create = stack_create,
        .run = stack_run,
    };
    int rc = api->register_stage(self, &d);
    /* what a reused buffer or the next call's frame would do */
    scrub(name, 'x', sizeof name - 1);
    scrub(key, 'y', sizeof key - 1);
    scrub(def, 0, sizeof def);
    scrub(opts, 0xA5, sizeof opts);
    scrub(&d, 0xA5, sizeof d);
    return rc;
}

PRECIS_PLUGIN_DEFINE("fx_stackdef", "1.0", "MIT", "test fixture", stack_init,
                     NULL)
