/*
 * token_glued.c - words of the scripts written without spaces between
 * them: Chinese and Japanese (Han, kana), Thai, Lao, Khmer and Myanmar.
 *
 * A run of such letters goes to ICU's word break iterator, whose
 * dictionaries (cjdict, thaidict, laodict, khmerdict, burmesedict) cut it
 * into words; every word becomes one token.  Dictionary words serve word
 * overlap about as well as the character bigrams often used instead, and
 * unlike bigrams they are words: a sentence's token count is its length
 * in words, in every script.  A run ICU cannot take (it failed to open)
 * is cut into single characters, so no text is ever lost.
 */
#include "text/token_glued.h"

#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include "base/utf8.h"

/* Runs longer than this go to ICU in pieces (a piece ends mid-word at
 * worst once per this many characters). */
enum { RUN_MAX = 4096 };

int tok_glued_cp(int32_t cp)
{
    return (cp >= 0x0E00 && cp <= 0x0EFF)       /* Thai, Lao */
           || (cp >= 0x1000 && cp <= 0x109F)    /* Myanmar */
           || (cp >= 0x1780 && cp <= 0x17FF)    /* Khmer */
           || (cp >= 0x3041 && cp <= 0x30FF && cp != 0x30FB) /* kana */
           || (cp >= 0x31F0 && cp <= 0x31FF)
           || (cp >= 0x3400 && cp <= 0x4DBF)    /* Han */
           || (cp >= 0x4E00 && cp <= 0x9FFF)
           || (cp >= 0xF900 && cp <= 0xFAFF)
           || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* The end of the run of glued letters that starts at i. */
static size_t run_end(const char *s, size_t len, size_t i)
{
    size_t n = 0;

    while (i < len && n < RUN_MAX) {
        size_t j = i;
        if (!tok_glued_cp(utf8_next(s, len, &j)))
            break;
        i = j;
        n++;
    }
    return i;
}

/* Emits each character of s[i, e) as a token: the fallback. */
static int by_char(const char *s, size_t i, size_t e, tok_word_fn fn,
                   void *ud)
{
    while (i < e) {
        size_t j = i;
        utf8_next(s, e, &j);
        int rc = fn(ud, i, j);
        if (rc)
            return rc;
        i = j;
    }
    return 0;
}

int tok_glued_run(tok_glued *g, const char *s, size_t len, size_t i,
                  size_t *end, tok_word_fn fn, void *ud)
{
    size_t e = run_end(s, len, i);
    UChar *u = NULL;
    size_t *at = NULL;          /* UTF-8 offset of each UTF-16 unit */
    int32_t n = 0;
    UErrorCode err = U_ZERO_ERROR;
    int rc = 0;

    *end = e;
    u = malloc((e - i + 1) * sizeof *u);
    at = malloc((e - i + 2) * sizeof *at);
    if (!u || !at)
        goto fallback;
    for (size_t k = i; k < e;) {
        size_t start = k;
        int32_t cp = utf8_next(s, e, &k);
        UBool bad = 0;
        at[n] = start;
        U16_APPEND(u, n, (int32_t)(e - i + 1), cp, bad);
        if (bad)
            goto fallback;
        if (U16_LENGTH(cp) == 2)
            at[n - 1] = start;
    }
    at[n] = e;
    if (!g->bi) {
        g->bi = ubrk_open(UBRK_WORD, "", NULL, 0, &err);
        if (U_FAILURE(err)) {
            g->bi = NULL;
            goto fallback;
        }
    }
    ubrk_setText(g->bi, u, n, &err);
    if (U_FAILURE(err))
        goto fallback;
    for (int32_t p = ubrk_first(g->bi), q; (q = ubrk_next(g->bi))
                                           != UBRK_DONE; p = q)
        if ((rc = fn(ud, at[p], at[q])) != 0)
            break;
    /* ICU keeps a pointer to u: detach it before freeing. */
    err = U_ZERO_ERROR;
    ubrk_setText(g->bi, u, 0, &err);
    free(u);
    free(at);
    return rc;
fallback:
    free(u);
    free(at);
    return by_char(s, i, e, fn, ud);
}

void tok_glued_fini(tok_glued *g)
{
    if (g->bi)
        ubrk_close(g->bi);
    g->bi = NULL;
}
