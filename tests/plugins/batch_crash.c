/*
 * batch_crash.c - a test plug-in that misbehaves on purpose, for the
 * fault-isolation tests of 'precis batch'.
 *
 * Stage batch_crash (annotate) looks for markers in the article's text:
 *   PRECIS-TEST-SEGFAULT  writes to an invalid address (a real SIGSEGV);
 *   PRECIS-TEST-FAIL      fails the way a stage should, with api->fail.
 * Every other article passes through untouched.
 */
#include <stdint.h>
#include <string.h>

#include <precis/plugin.h>

static const precis_api *api;

static int has(precis_str t, const char *marker)
{
    size_t n = strlen(marker);
    for (size_t i = 0; i + n <= t.len; i++)
        if (t.ptr[i] == marker[0] && !memcmp(t.ptr + i, marker, n))
            return 1;
    return 0;
}

static int crash_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)state;
    precis_str t = api->text(a);
    if (has(t, "PRECIS-TEST-SEGFAULT")) {
        /* Not NULL, which a sanitizer would catch first: a plain wild
         * store, as a buggy plug-in would do (through a volatile, so the
         * compiler cannot see the address). */
        volatile uintptr_t wild = 16;
        *(volatile int *)wild = 1;
    }
    if (has(t, "PRECIS-TEST-FAIL"))
        return api->fail(ctx, PRECIS_EINVAL,
                         "the article carries the failure marker");
    return PRECIS_OK;
}

static const precis_stage_def crash_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "batch_crash",
    .help = "test: crashes or fails on marked articles",
    .phase = PRECIS_PHASE_ANNOTATE,
    .run = crash_run,
};

static int crash_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &crash_stage);
}

PRECIS_PLUGIN_DEFINE("batch_crash", "1.0", "MIT",
                     "Test plug-in: crashes on marked articles",
                     crash_init, NULL)
