/*
 * fuzz_text.c - the plain-text loader, then the default pipeline
 * (normalise, quotes, summary) and every view of the result.  Invalid
 * UTF-8 is replaced rather than refused, so that the bytes after it are
 * read.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const sets[] = { "input.invalid_utf8=replace", NULL };
    precis_ctx *ctx = fuzz_ctx(sets);
    fuzz_load_run(ctx, "fuzz.txt", PRECIS_FORMAT_TEXT, data, size);
    return 0;
}
