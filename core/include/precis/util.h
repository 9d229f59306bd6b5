/*
 * precis/util.h - small helpers for plug-in authors, header-only: UTF-8
 * decoding and validation, a growable string buffer, growable arrays,
 * word iteration, and the summary budget rule.
 *
 * Everything here is static inline and written against the C library and
 * precis/plugin.h alone, so a plug-in that uses it still links nothing of
 * precis.  precis itself uses the same functions, so a plug-in that picks
 * sentences on its own obeys exactly the rule the host's select_top does.
 *
 * ENCODING.  Text is UTF-8; offsets are byte offsets.  Decoders never
 * read past the length they are given and never fail: a byte that does
 * not start a valid sequence (truncated, overlong, a surrogate, above
 * U+10FFFF, a stray continuation byte) decodes as U+FFFD and counts as
 * one byte.
 *
 * MEMORY.  precis_buf owns its bytes (malloc); the first failed
 * allocation sets oom and turns later appends into no-ops, so a caller
 * may append a whole document and check once.
 *
 * THREADS.  No state: safe from any thread.
 */
#ifndef PRECIS_UTIL_H
#define PRECIS_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <precis/plugin.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- UTF-8 ------------------------------------------------------------- */

#define PRECIS_UTF8_BAD 0xFFFDu

/* The length of the valid sequence at s[i] (1 to 4), or 0 when the bytes
 * there are not one.  NUL is a valid one-byte sequence. */
static inline size_t precis_utf8_seq(const char *str, size_t len, size_t i)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[i];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0;          /* overlong */
        else if (c == 0xED)
            hi = 0x9F;          /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;          /* overlong */
        else if (c == 0xF4)
            hi = 0x8F;          /* above U+10FFFF */
    } else {
        return 0;
    }
    if (len - i < n || s[i + 1] < lo || s[i + 1] > hi)
        return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
    return n;
}

/* The code point at s[*i], advancing *i past it (see ENCODING above). */
static inline uint32_t precis_utf8_next(const char *str, size_t len,
                                        size_t *i)
{
    const unsigned char *s = (const unsigned char *)str + *i;
    size_t n = precis_utf8_seq(str, len, *i);
    if (n == 0) {
        *i += 1;
        return PRECIS_UTF8_BAD;
    }
    *i += n;
    switch (n) {
    case 1: return s[0];
    case 2: return ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
    case 3:
        return ((uint32_t)(s[0] & 0x0F) << 12)
             | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    default:
        return ((uint32_t)(s[0] & 0x07) << 18)
             | ((uint32_t)(s[1] & 0x3F) << 12)
             | ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
    }
}

/* The code point that ends just before s[*i], moving *i back to its
 * first byte; PRECIS_UTF8_BAD for a byte that ends no valid sequence
 * (then *i moves back one byte).  *i must be above 0. */
static inline uint32_t precis_utf8_prev(const char *s, size_t *i)
{
    size_t end = *i, k = end - 1;
    while (k > 0 && end - k < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    size_t j = k;
    uint32_t c = precis_utf8_next(s, end, &j);
    if (j != end) {
        *i = end - 1;
        return PRECIS_UTF8_BAD;
    }
    *i = k;
    return c;
}

/* The offset of the first byte that is not part of a valid sequence, or
 * len when s[0, len) is all valid UTF-8. */
static inline size_t precis_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t n = precis_utf8_seq(s, len, i);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

/* Writes cp as UTF-8 into out (room for 4 bytes); returns the number of
 * bytes, or 0 for a surrogate or a value above U+10FFFF. */
static inline size_t precis_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The largest n <= max (and <= len) at which s[0, n) ends on a character
 * boundary: where to cut a string that must stay valid UTF-8. */
static inline size_t precis_utf8_clip(const char *s, size_t len, size_t max)
{
    if (max >= len)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80 && max - n < 3)
        n--;
    return n;
}

/* ---- A growable string -------------------------------------------------- */

typedef struct precis_buf {
    char *s;            /* owned; NULL until the first append; NUL-ended */
    size_t len, cap;
    int oom;            /* an allocation failed: the contents are short */
} precis_buf;

#define PRECIS_BUF_INIT { NULL, 0, 0, 0 }

/* Room for more bytes and a NUL; 0, or -1 (and oom set). */
static inline int precis_buf_reserve(precis_buf *b, size_t more)
{
    if (b->oom)
        return -1;
    if (more < SIZE_MAX - b->len - 1 && b->len + more + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + more + 1) {
        if (cap > SIZE_MAX / 2 || more >= SIZE_MAX - b->len - 1) {
            b->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *s = (char *)realloc(b->s, cap);
    if (!s) {
        b->oom = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

static inline void precis_buf_append(precis_buf *b, const char *s, size_t n)
{
    if (precis_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static inline void precis_buf_puts(precis_buf *b, const char *s)
{
    precis_buf_append(b, s, strlen(s));
}

static inline void precis_buf_putc(precis_buf *b, char c)
{
    precis_buf_append(b, &c, 1);
}

static inline void precis_buf_vprintf(precis_buf *b, const char *fmt,
                                      va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    if (n < 0 || precis_buf_reserve(b, (size_t)n)) {
        if (n < 0)
            b->oom = 1;
        va_end(again);
        return;
    }
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, again);
    va_end(again);
    b->len += (size_t)n;
}

static inline void precis_buf_printf(precis_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static inline void precis_buf_printf(precis_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    precis_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* Appends one code point as UTF-8 (nothing for a surrogate or a value
 * above U+10FFFF). */
static inline void precis_buf_putcp(precis_buf *b, uint32_t cp)
{
    char u[4];
    precis_buf_append(b, u, precis_utf8_encode(cp, u));
}

/* Appends s[0, n) with every run of white space (ASCII white space and
 * U+00A0 no-break space, which scraped pages are full of and which never
 * carries meaning in a sentence) folded into one space, and none at
 * either end of what this call appends. */
static inline void precis_buf_append_squeezed(precis_buf *b, const char *s,
                                              size_t n)
{
#define PRECIS_IS_SPACE_(c) ((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))
#define PRECIS_IS_NBSP_(s, i, n) ((unsigned char)(s)[i] == 0xC2            \
                                  && (i) + 1 < (n)                          \
                                  && (unsigned char)(s)[(i) + 1] == 0xA0)
    size_t i = 0, start = b->len;
    int pending = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int nbsp = PRECIS_IS_NBSP_(s, i, n);
        if (PRECIS_IS_SPACE_(c) || nbsp) {
            pending = 1;
            i += nbsp ? 2 : 1;
            continue;
        }
        size_t j = i;
        while (j < n && !PRECIS_IS_SPACE_((unsigned char)s[j])
               && !PRECIS_IS_NBSP_(s, j, n))
            j++;
        if (pending && b->len > start)
            precis_buf_putc(b, ' ');
        pending = 0;
        precis_buf_append(b, s + i, j - i);
        i = j;
    }
#undef PRECIS_IS_SPACE_
#undef PRECIS_IS_NBSP_
}

/* The contents ("" when empty); valid until the next append. */
static inline const char *precis_buf_str(const precis_buf *b)
{
    return b->s ? b->s : "";
}

/* Gives the malloc'd string to the caller (never NULL unless oom) and
 * leaves b empty. */
static inline char *precis_buf_steal(precis_buf *b)
{
    char *s = b->s;
    if (!s && !b->oom)
        s = (char *)calloc(1, 1);
    b->s = NULL;
    b->len = b->cap = 0;
    return s;
}

static inline void precis_buf_reset(precis_buf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

static inline void precis_buf_free(precis_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

/* ---- Growable arrays --------------------------------------------------- */

/*
 * PRECIS_VEC(T) is a growable array of T, malloc-backed:
 *
 *     PRECIS_VEC(int) v = { 0 };
 *     if (PRECIS_VEC_PUSH(&v, 42) != 0) goto oom;
 *     PRECIS_VEC_FREE(&v);
 *
 * Growth moves the elements: keep indices, not pointers, across pushes.
 */
#define PRECIS_VEC(T) struct { T *v; size_t n, cap; }

/* Grows *vp's storage (elements of esz bytes) to hold need; 0, or -1
 * when out of memory (storage unchanged). */
static inline int precis_vec_reserve_(void **vp, size_t *cap, size_t esz,
                                      size_t need)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2 / esz)
            return -1;
        c *= 2;
    }
    void *nv = realloc(*vp, c * esz);
    if (!nv)
        return -1;
    *vp = nv;
    *cap = c;
    return 0;
}

#define PRECIS_VEC_RESERVE(x, need)                                        \
    precis_vec_reserve_((void **)&(x)->v, &(x)->cap, sizeof(*(x)->v), (need))

/* Appends e; 0, or -1 when out of memory. */
#define PRECIS_VEC_PUSH(x, e)                                              \
    (PRECIS_VEC_RESERVE((x), (x)->n + 1) ? -1 : ((x)->v[(x)->n++] = (e), 0))

#define PRECIS_VEC_FREE(x)                                                 \
    do { free((x)->v); (x)->v = NULL; (x)->n = (x)->cap = 0; } while (0)

/* ---- Words ------------------------------------------------------------- */

/*
 * Whether cp belongs to a word: ASCII letters and digits, and every other
 * character outside the spaces, punctuation and symbols of Latin-1, the
 * General Punctuation block and CJK punctuation.  An approximation that
 * needs no Unicode tables; the article's own tokens (api->token) are
 * exact.
 */
static inline int precis_is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 32) >= 'a'
                                            && (cp | 32) <= 'z');
    if (cp < 0xC0)
        return cp == 0xAA || cp == 0xB2 || cp == 0xB3 || cp == 0xB5
            || cp == 0xB9 || cp == 0xBA;
    if (cp == 0xD7 || cp == 0xF7 || cp == PRECIS_UTF8_BAD)
        return 0;
    if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F)
        || (cp >= 0xFF1A && cp <= 0xFF20))
        return 0;
    return 1;
}

/*
 * Finds the next word of s[0, len) at or after *pos: on success stores its
 * byte range in *start, *end, moves *pos past it and returns 1; returns 0
 * when there is none.  An apostrophe between letters ("don't", "O’Brien")
 * stays inside the word.
 */
static inline int precis_word_next(const char *s, size_t len, size_t *pos,
                                   size_t *start, size_t *end)
{
    size_t i = *pos;
    while (i < len) {
        size_t at = i;
        if (precis_is_word_cp(precis_utf8_next(s, len, &i))) {
            *start = at;
            size_t e = i;
            while (i < len) {
                size_t k = i;
                uint32_t c = precis_utf8_next(s, len, &k);
                if (precis_is_word_cp(c)) {
                    e = i = k;
                    continue;
                }
                size_t k2 = k;
                if ((c == '\'' || c == 0x2019) && k < len
                    && precis_is_word_cp(precis_utf8_next(s, len, &k2))) {
                    e = i = k2;
                    continue;
                }
                break;
            }
            *end = *pos = e;
            return 1;
        }
    }
    *pos = len;
    return 0;
}

/* ---- The summary budget ------------------------------------------------- */

/*
 * The one rule for how long a summary is (-n, --ratio, --words, INI),
 * which api->select_top applies and a stage that picks sentences itself
 * applies with these:
 *
 *     precis_budget_state b;
 *     precis_budget_start(api, ctx, a, &b);
 *     for (each candidate i, best first) {
 *         if (precis_budget_full(&b))
 *             break;
 *         if (precis_budget_take(&b, words of sentence i))
 *             api->select(ctx, a, i, score);    -- else try a shorter one
 *     }
 *
 * The sentence count comes from api->budget_sentences; with a word bound
 * a sentence that would go past it is skipped (a shorter one may still
 * fit), except that the first one is always taken.
 */
typedef struct precis_budget_state {
    size_t max_sentences;   /* 0 after start only when nothing may go in */
    size_t max_words;       /* 0: no bound */
    size_t sentences, words;    /* taken so far */
} precis_budget_state;

/* Reads the budget for the article; PRECIS_OK or the api's code. */
static inline int precis_budget_start(const precis_api *api,
                                      precis_stage_ctx *ctx,
                                      const precis_article *a,
                                      precis_budget_state *b)
{
    precis_budget u = { 0, 0, 0 };
    memset(b, 0, sizeof *b);
    int rc = api->budget(ctx, &u);
    if (rc == PRECIS_OK)
        rc = api->budget_sentences(ctx, a, &b->max_sentences);
    b->max_words = u.words;
    return rc;
}

/* 1 when nothing more may go in. */
static inline int precis_budget_full(const precis_budget_state *b)
{
    return b->sentences >= b->max_sentences
        || (b->max_words && b->words >= b->max_words);
}

/* Counts a sentence of `words` words in and returns 1, or returns 0 when
 * it would go past the word bound (try a shorter one). */
static inline int precis_budget_take(precis_budget_state *b, size_t words)
{
    if (precis_budget_full(b))
        return 0;
    if (b->max_words && b->words + words > b->max_words && b->sentences > 0)
        return 0;
    b->sentences++;
    b->words += words;
    return 1;
}

#ifdef __cplusplus
}
#endif

#endif /* PRECIS_UTIL_H */
