/*
 * segment_thai.c - sentence breaks in Thai and Lao, which have no
 * sentence punctuation: a space ends a sentence, a clause, or sets off a
 * name or a number, and only the words around it tell which.
 *
 * ICU's dictionary-based word break iterator finds the word before and
 * the word after a space.  The space is no break when either is a
 * connective that ties the clauses together (และ "and", ซึ่ง "which", ว่า
 * "that", ของ "of" ...) or the repetition mark ๆ, which custom follows
 * with a space; nor when the sentence so far or what is left of the
 * paragraph is too short to be a sentence of news (a name, a date).
 */
#include "text/segment_thai.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

/* Bytes of text on each side of the space handed to ICU. */
#define WINDOW 120
/* Fewest non-white bytes of a Thai sentence (some 17 letters), and of what
 * must be left of the paragraph after a break. */
#define MIN_SENTENCE 150
#define MIN_REST 90

/* Words after which a clause goes on, and words that continue one. */
static const char *const ties_after[] = {
    "ว่า", "ของ", "ที่", "และ", "ใน", "กับ", "จาก", "ถึง", "ๆ", "ซึ่ง", "โดย",
    "แก่", "แด่", "ต่อ", "และ", "หรือ",
};
static const char *const ties_before[] = {
    "และ", "แต่", "ซึ่ง", "โดย", "เมื่อ", "เพราะ", "แม้ว่า", "ที่", "ว่า",
    "หรือ", "จึง", "เพื่อ", "ให้", "ของ", "ใน", "กับ", "จาก", "ถึง", "ๆ",
    "ซึ่งเป็น", "เนื่องจาก", "ทั้งนี้", "รวมถึง", "ได้แก่",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int listed(const char *const *list, size_t n, const char *w,
                  size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && !memcmp(list[i], w, len))
            return 1;
    return 0;
}

/* Whether the code point starting at byte i is Thai or Lao. */
static int thai_at(const char *t, size_t n, size_t i)
{
    const unsigned char *p = (const unsigned char *)t + i;

    return i + 2 < n && p[0] == 0xE0 && (p[1] == 0xB8 || p[1] == 0xB9
                                         || p[1] == 0xBA || p[1] == 0xBB);
}

/* Start of the UTF-8 character that ends at e. */
static size_t char_before(const char *t, size_t e)
{
    do
        e--;
    while (e > 0 && ((unsigned char)t[e] & 0xC0) == 0x80);
    return e;
}

/* Whether t[a, e) holds at least min bytes that are not white space;
 * looks no further than it must. */
static int dense_at_least(const char *t, size_t a, size_t e, size_t min)
{
    size_t k = 0;

    for (; a < e && k < min; a++)
        k += t[a] != ' ' && t[a] != '\n' && t[a] != '\t' && t[a] != '\r';
    return k >= min;
}

/*
 * The last word of t[a, e) and the first of t[e2, b) through ICU, as byte
 * ranges.  Returns 0, or -1 when ICU failed.
 */
static int edge_words(const char *t, size_t a, size_t e, size_t e2, size_t b,
                      size_t *w1, size_t *w2)
{
    UChar u[2 * WINDOW + 8];
    int32_t ulen = 0, before = 0;
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi;

    u_strFromUTF8(u, (int32_t)COUNT(u), &before, t + a, (int32_t)(e - a),
                  &err);
    if (U_FAILURE(err))
        return -1;
    u[before] = ' ';
    u_strFromUTF8(u + before + 1, (int32_t)COUNT(u) - before - 1, &ulen,
                  t + e2, (int32_t)(b - e2), &err);
    if (U_FAILURE(err))
        return -1;
    ulen += before + 1;
    bi = ubrk_open(UBRK_WORD, "th", u, ulen, &err);
    if (U_FAILURE(err))
        return -1;
    int32_t p = ubrk_preceding(bi, before);
    int32_t q = ubrk_following(bi, before + 1);
    ubrk_close(bi);
    if (p == UBRK_DONE || q == UBRK_DONE)
        return -1;
    /* Back to bytes: count the UTF-8 bytes of the UTF-16 units. */
    int32_t n8 = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &n8, u + p, before - p, &err);
    *w1 = e - (size_t)n8;
    err = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &n8, u + before + 1, q - before - 1, &err);
    *w2 = e2 + (size_t)n8;
    return 0;
}

int seg_thai_break(const char *t, size_t n, size_t start, size_t i,
                   size_t para_end)
{
    size_t e = i, e2 = i, w1, w2, a, b;

    while (e2 < n && t[e2] == ' ')
        e2++;
    if (e <= start || e2 >= para_end)
        return 0;
    if (!thai_at(t, n, char_before(t, e)) || !thai_at(t, n, e2))
        return 0;
    if (!dense_at_least(t, start, e, MIN_SENTENCE)
        || !dense_at_least(t, e2, para_end, MIN_REST))
        return 0;
    a = e > start + WINDOW ? e - WINDOW : start;
    while (a < e && ((unsigned char)t[a] & 0xC0) == 0x80)
        a++;
    b = e2 + WINDOW < para_end ? e2 + WINDOW : para_end;
    while (b > e2 && b < n && ((unsigned char)t[b] & 0xC0) == 0x80)
        b--;
    if (edge_words(t, a, e, e2, b, &w1, &w2))
        return 0;
    return !listed(ties_after, COUNT(ties_after), t + w1, e - w1)
           && !listed(ties_before, COUNT(ties_before), t + e2, w2 - e2);
}
