/*
 * fuzz_json.c - JSON input both ways precis reads it: as one document
 * (an article object, or several records in one buffer), and streamed
 * record by record from a FILE as JSON Lines are (here from fmemopen),
 * where records may span lines and a line read ahead is kept for the
 * next record.  Each article then goes through the default pipeline.
 */
#include "fuzz.h"

#include "input/reader.h"
#include "session/ctx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const sets[] = { "input.invalid_utf8=replace",
                                        NULL };
    precis_ctx *ctx = fuzz_ctx(sets);
    precis_article *a;
    precis_error err = { 0, "" };
    if (precis_load_buffer(ctx, "fuzz.json", (const char *)data, size,
                           PRECIS_FORMAT_JSON, &a, &err) == PRECIS_OK)
        fuzz_run(ctx, a);
    if (!size)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    precis_reader *r;
    if (!f)
        return 0;
    if (input_reader_lines(&ctx->load, f, "fuzz.jsonl", &r, &err) == 0) {
        int rc;
        /* A bad record is reported and the reader goes on. */
        for (int n = 0; n < 1000
                        && (rc = precis_reader_next(r, &a, &err)) != 0;
             n++)
            if (rc > 0)
                fuzz_run(ctx, a);
        precis_reader_close(r);
    }
    fclose(f);
    return 0;
}
