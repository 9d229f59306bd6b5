/*
 * token_glued.h - words of scripts written without spaces (ICU).
 */
#ifndef PRECIS_TOKEN_GLUED_H
#define PRECIS_TOKEN_GLUED_H

#include <stddef.h>
#include <stdint.h>

struct UBreakIterator;

/* One word break iterator, opened on first use and kept for the scan;
 * zero-initialise it, then call tok_glued_fini(). */
typedef struct tok_glued {
    struct UBreakIterator *bi;
} tok_glued;

/* Called with the byte range of each word; non-zero stops the scan. */
typedef int (*tok_word_fn)(void *ud, size_t start, size_t end);

/* Whether cp belongs to Han, kana, Thai, Lao, Khmer or Myanmar. */
int tok_glued_cp(int32_t cp);

/*
 * Cuts the run of such letters that starts at s[i] into words, calling fn
 * for each; *end receives the end of the run.  Returns 0 or what fn
 * returned.
 */
int tok_glued_run(tok_glued *g, const char *s, size_t len, size_t i,
                  size_t *end, tok_word_fn fn, void *ud);

void tok_glued_fini(tok_glued *g);

#endif
