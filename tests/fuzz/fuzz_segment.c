/*
 * fuzz_segment.c - the sentence segmenter alone (precis_segment), in the
 * language the first byte picks (or detected): one of each family of
 * rules - Latin-script abbreviations and ordinals, Cyrillic, Arabic
 * marks, danda, full-width CJK stops, Korean, and Thai through ICU.  Every sentence it gives
 * must be a range of the text (each byte is read, so AddressSanitizer
 * sees a range past the end) after the one before: anything else stops
 * the target as a finding.
 */
#include <stdlib.h>

#include "fuzz.h"

typedef struct seen {
    size_t last_end;
    unsigned sum;
} seen;

static int on_sentence(void *ud, const char *text, size_t start, size_t end)
{
    seen *s = ud;
    if (start > end || start < s->last_end)
        abort();
    for (size_t i = start; i < end; i++)
        s->sum += (unsigned char)text[i];
    s->last_end = end;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const langs[] = {
        "auto", "en", "es", "pt", "fr", "de", "it", "pl", "cs", "ru",
        "el", "ar", "fa", "he", "hi", "bn", "ta", "zh", "ja", "ko", "th",
        "vi", "tr", "xx",
    };
    static const char *const sets[] = { "input.invalid_utf8=replace",
                                        NULL };
    if (!size)
        return 0;
    precis_ctx *ctx = fuzz_ctx(sets);
    const char *lang = langs[data[0] % (sizeof langs / sizeof langs[0])];
    seen s = { 0, 0 };
    precis_error err = { 0, "" };
    precis_segment(ctx, "fuzz", (const char *)data + 1, size - 1, lang,
                   on_sentence, &s, &err);
    return 0;
}
