/*
 * suggest.c - "did you mean": the closest of a list of names to a word
 * someone typed, for commands, options, methods, stages and settings.
 */
#include "base/suggest.h"

#include <string.h>

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
            cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del
                                                                      : ins);
        }
        memcpy(prev, cur, sizeof cur);
    }
    return prev[lb];
}

const char *precis_did_you_mean(const char *word, const char *const *cands,
                                size_t n)
{
    const char *best = NULL;
    size_t bestd = 99, limit = strlen(word) / 3 + 1, wl = strlen(word);
    if (limit > 3)
        limit = 3;
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, cands[i]), cl = strlen(cands[i]);
        /* A prefix is a good guess too: "sentence" for "sentences". */
        if (d > limit && strncmp(word, cands[i], wl) == 0 && wl >= 4)
            d = limit;
        /* Ties go to a name with the same first letter, then to one of
         * the same length: typos rarely hit the first letter, and more
         * often drop or double a letter than change the word's shape. */
        size_t score = d * 16 + (cands[i][0] != word[0]) * 8
                     + (cl > wl ? cl - wl : wl - cl);
        if (d <= limit && score < bestd) {
            bestd = score;
            best = cands[i];
        }
    }
    return best;
}
