/*
 * fuzz_quotes.c - the quotes stage (spans, cues, speakers) on the input
 * loaded as plain text, after the normalise stage that finds the byline
 * it reads; the quotes view is written in every format.  The first byte
 * picks the language: detected, or one whose rules differ (German nouns,
 * French inversion, a language with no lists, language-neutral).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {
        "input.lang=auto", "input.lang=de", "input.lang=fr",
        "input.lang=sv", "input.lang=und",
    };
    if (!size)
        return 0;
    unsigned k = data[0] % (sizeof langs / sizeof langs[0]);
    const char *const sets[] = { "input.invalid_utf8=replace",
                                 "pipeline.stages=normalise,quotes",
                                 langs[k], NULL };
    precis_ctx *ctx = fuzz_ctx_slot(sets, k);
    fuzz_load_run(ctx, "fuzz.txt", PRECIS_FORMAT_TEXT, data + 1, size - 1);
    return 0;
}
