/*
 * fuzz_quotes.c - the quotes stage (spans, cues, speakers) on the input
 * loaded as plain text, after the normalise stage that finds the byline
 * it reads; the quotes view is written in every format.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const sets[] = { "input.invalid_utf8=replace",
                                        "pipeline.stages=normalise,quotes",
                                        NULL };
    precis_ctx *ctx = fuzz_ctx(sets);
    fuzz_load_run(ctx, "fuzz.txt", PRECIS_FORMAT_TEXT, data, size);
    return 0;
}
