/*
 * fuzz_lua.c - the Lua API: the input, loaded as plain text, is
 * summarized by tests/fuzz/walk.lua, a fixed script that reads every
 * part of the article model through its handles, calls each helper and
 * writes through each output method.  The limits are tight so that a
 * slow input is one the host is slow on, not the script.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *sets[] = { "input.invalid_utf8=replace",
                                  "lua.time_limit_ms=400",
                                  "lua.memory_limit=32M", NULL, NULL };
    static char use[4200];
    if (!sets[3]) {
        char path[4096];
        fuzz_source_path("tests/fuzz/walk.lua", path, sizeof path);
        snprintf(use, sizeof use, "stage.summary.use=%s", path);
        sets[3] = use;
    }
    precis_ctx *ctx = fuzz_ctx(sets);
    fuzz_load_run(ctx, "fuzz.txt", PRECIS_FORMAT_TEXT, data, size);
    return 0;
}
