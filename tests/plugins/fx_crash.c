/* Crashes in run() on an article whose text contains "CRASH-HERE", and
 * overflows its stack on one that contains "RECURSE-HERE"; with
 * FX_CRASH_CREATE set, crashes as its stage is created. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

static const precis_api *api;

/* Goes deeper than any stack: each call keeps a frame the compiler
 * cannot drop, and the limit is out of reach. */
static volatile size_t limit = SIZE_MAX;

static int deeper(volatile char *above, size_t depth)
{
    volatile char frame[512];
    frame[0] = above ? above[0] : 1;
    if (depth >= limit)
        return frame[0];
    return deeper(frame, depth + 1) + frame[1];
}

static int crash_run(precis_stage_ctx *ctx, void *state, precis_article *a)
{
    (void)ctx;
    (void)state;
    precis_str t = api->text(a);
    for (size_t i = 0; i + 12 <= t.len; i++)
        if (!memcmp(t.ptr + i, "RECURSE-HERE", 12))
            return deeper(NULL, 0);
    for (size_t i = 0; i + 10 <= t.len; i++)
        if (!memcmp(t.ptr + i, "CRASH-HERE", 10)) {
            /* An address in the unmapped first page, not NULL itself:
             * UBSan would stop at a NULL load before the fault. */
            static volatile uintptr_t where = 16;
            return *(volatile int *)where;
        }
    return PRECIS_OK;
}

static int crash_create(precis_stage_ctx *ctx, const precis_options *opt,
                        void **state)
{
    (void)ctx;
    (void)opt;
    *state = NULL;
    if (getenv("FX_CRASH_CREATE")) {
        static volatile uintptr_t where = 16;
        return *(volatile int *)where;
    }
    return PRECIS_OK;
}

static const precis_stage_def crash_stage = {
    .struct_size = sizeof(precis_stage_def),
    .name = "fx_crash",
    .phase = PRECIS_PHASE_ANNOTATE,
    .create = crash_create,
    .run = crash_run,
};

static int crash_init(const precis_api *host, precis_plugin *self)
{
    api = host;
    return api->register_stage(self, &crash_stage);
}

PRECIS_PLUGIN_DEFINE("fx_crash", "1.0", "MIT", "test fixture", crash_init,
                     NULL)
