/*
 * segment_thai.c - sentence breaks in Thai and Lao, which have no
 * sentence punctuation: a space ends a sentence, a clause, or sets off a
 * name, a number or a foreign word, and only the text around it tells
 * which.
 *
 * One space at a time cannot tell: most spaces of a clause look like the
 * one that ends the sentence.  So the rest of the paragraph is cut as a
 * whole (dynamic programming over its spaces): a cut scores the evidence
 * at its space, and each sentence it makes scores how likely its length
 * is.  The length prior is log-normal in letters (spaces not counted):
 * news sentences in Thai run from some 40 to 200 letters, most near 100;
 * the prior is set wider and a little longer than that (median 120) since
 * the evidence at a space is weak and a clause is shorter than a
 * sentence.
 *
 * The evidence at a space, in log-odds, is what Thai writing rules say of
 * "minor" spaces (those inside a sentence), weighed on news text:
 *   - a space before a number, a foreign word, a bracket or the repetition
 *     mark ๆ, or after a foreign word or a number, sets that off;
 *   - before an opening quote the sentence usually ends; after a closing
 *     quote it goes on when a short attribution follows ("...” เธอกล่าว,
 *     "she said"), and ends after that attribution;
 *   - a chunk of a few letters between two spaces is a name or a number,
 *     a long one a clause of its own;
 *   - a connective found by ICU's dictionary word breaker on either side
 *     (และ "and", ซึ่ง "which", ว่า "that" ...) ties the clauses together;
 *   - a verb of saying (กล่าว "said") closes the clause that reports a
 *     quotation, which Thai puts last: "… เขากล่าว".
 * On the lang-dev news set this takes boundary F1 from 0.52 / 0.54 (each
 * space alone) to 0.59 / 0.58 (tuning half / held-out half).
 */
#include "text/segment_thai.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

/* The sentence length prior: log-normal, letters. */
#define LEN_MU 4.8      /* e^4.8 = 120 letters */
#define LEN_SIGMA 0.9
/* No sentence is looked for beyond this many letters past a cut. */
#define LEN_MAX 1200
/* Bytes of a paragraph planned at once (some 2700 Thai letters). */
#define PLAN_BYTES 8192

/* Evidence at a space (log-odds of a break). */
#define EV_TIE_AFTER (-3.0)     /* a connective before the space */
#define EV_TIE_BEFORE (-1.2)    /* a connective after it */
#define EV_SET_OFF_NEXT (-1.5)  /* a number, foreign word ... follows */
#define EV_SET_OFF_PREV (-0.5)  /* a number, foreign word ... precedes */
#define EV_OPEN_QUOTE 0.6       /* a quotation opens after the space */
#define EV_QUOTE_GOES_ON (-1.4) /* a quote closes, a short chunk follows */
#define EV_ATTRIBUTED 0.6       /* that short chunk ends here */
#define EV_SHORT_LEFT (-0.4)
#define EV_SHORT_RIGHT (-0.2)
#define EV_LONG_LEFT 0.5
#define EV_LONG_RIGHT 0.3
#define EV_SAID 1.0          /* a verb of saying before the space */
/* Chunk lengths, letters: a name or a number, an attribution, a clause. */
#define CHUNK_SHORT 8
#define CHUNK_SAID 16
#define CHUNK_LONG 48

/* Words after which a clause goes on, and words that continue one. */
static const char *const ties_after[] = {
    "ว่า", "ของ", "ที่", "และ", "ใน", "กับ", "จาก", "ถึง", "ๆ", "ซึ่ง", "โดย",
    "แก่", "แด่", "ต่อ", "หรือ",
};
static const char *const ties_before[] = {
    "และ", "แต่", "ซึ่ง", "โดย", "เมื่อ", "เพราะ", "แม้ว่า", "ที่", "ว่า",
    "หรือ", "จึง", "เพื่อ", "ให้", "ของ", "ใน", "กับ", "จาก", "ถึง", "ๆ",
    "ซึ่งเป็น", "เนื่องจาก", "ทั้งนี้", "รวมถึง", "ได้แก่",
};

/* Verbs of saying, which end the clause that reports a quotation. */
static const char *const said[] = {
    "กล่าว", "ระบุ", "เผย", "ตอบ", "ถาม", "บอก", "อธิบาย",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One run of spaces inside the span. */
struct gap {
    size_t b, e;        /* bytes: first space, first byte after the run */
    int32_t ub, ue;     /* the same in UTF-16 units */
    size_t pos;         /* letters (non-white code points) before it */
    UChar32 prev, next; /* the characters either side */
    double ev;          /* evidence of a break */
    int cand;           /* whether a sentence may end here */
};

static int listed(const char *const *list, size_t n, const char *w,
                  size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(list[i]) == len && !memcmp(list[i], w, len))
            return 1;
    return 0;
}

/* Thai or Lao letters and marks, ๆ included; not their digits. */
static int thai_letter(UChar32 c)
{
    return c >= 0x0E00 && c <= 0x0EFF && !(c >= 0x0E50 && c <= 0x0E59)
           && !(c >= 0x0ED0 && c <= 0x0ED9);
}

/* Quotes: ASCII ones open after a space and close before one. */
static int opening_quote(UChar32 c)
{
    return c == 0x201C || c == 0x2018 || c == '"' || c == '\'';
}

static int closing_quote(UChar32 c)
{
    return c == 0x201D || c == 0x2019 || c == '"' || c == '\'';
}

/* What a space sets off: not Thai, not a quote, not a closing bracket
 * (digits, Latin, brackets, symbols); after the space, ๆ too. */
static int set_off(UChar32 c, int next)
{
    if (c == 0x0E46)
        return next;
    return !thai_letter(c) && !opening_quote(c) && !closing_quote(c)
           && c != ')' && c != ']';
}

static int is_white(UChar32 c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The evidence at gap k of g[0, m), total letters in the span. */
static void weigh(struct gap *g, size_t m, size_t k, size_t total,
                  const char *t, const size_t *u2b, UBreakIterator *bi)
{
    struct gap *x = &g[k];
    size_t left = x->pos - (k ? g[k - 1].pos : 0);
    size_t right = (k + 1 < m ? g[k + 1].pos : total) - x->pos;
    double ev = 0;

    /* Spaces between foreign words or numbers are left alone. */
    x->cand = x->next && (thai_letter(x->prev) || thai_letter(x->next)
                          || opening_quote(x->next)
                          || closing_quote(x->prev));
    if (!x->cand)
        return;
    int32_t w1 = ubrk_preceding(bi, x->ub), w2 = ubrk_following(bi, x->ue);
    if (w1 != UBRK_DONE
        && listed(ties_after, COUNT(ties_after), t + u2b[w1],
                  x->b - u2b[w1]))
        ev += EV_TIE_AFTER;
    if (w1 != UBRK_DONE
        && listed(said, COUNT(said), t + u2b[w1], x->b - u2b[w1]))
        ev += EV_SAID;
    if (w2 != UBRK_DONE
        && listed(ties_before, COUNT(ties_before), t + x->e,
                  u2b[w2] - x->e))
        ev += EV_TIE_BEFORE;
    if (set_off(x->next, 1))
        ev += EV_SET_OFF_NEXT;
    if (set_off(x->prev, 0))
        ev += EV_SET_OFF_PREV;
    if (opening_quote(x->next))
        ev += EV_OPEN_QUOTE;
    if (closing_quote(x->prev) && right < CHUNK_SAID)
        ev += EV_QUOTE_GOES_ON;
    if (k > 0 && closing_quote(g[k - 1].prev) && left < CHUNK_SAID)
        ev += EV_ATTRIBUTED;
    ev += left < CHUNK_SHORT ? EV_SHORT_LEFT
          : left >= CHUNK_LONG ? EV_LONG_LEFT : 0;
    ev += right < CHUNK_SHORT ? EV_SHORT_RIGHT
          : right >= CHUNK_LONG ? EV_LONG_RIGHT : 0;
    x->ev = ev;
}

/* Log prior of a sentence of len letters, up to a constant. */
static double len_score(size_t len)
{
    double z = (log(len ? (double)len : 1.0) - LEN_MU) / LEN_SIGMA;
    return -0.5 * z * z;
}

/*
 * The best cuts of g[0, m) (letters total): node 0 is the span's start,
 * node k + 1 gap k, node m + 1 its end.  Writes the chosen gaps' first
 * bytes to p->cut.  Returns 0, or -1 without memory.
 */
static int best_cuts(struct seg_thai *p, const struct gap *g, size_t m,
                     size_t total)
{
    double *best = malloc((m + 2) * sizeof *best);
    size_t *back = malloc((m + 2) * sizeof *back);
    int rc = -1;

    if (!best || !back)
        goto out;
    best[0] = 0;
    for (size_t j = 1; j <= m + 1; j++) {
        size_t pj = j <= m ? g[j - 1].pos : total;
        best[j] = -HUGE_VAL;
        back[j] = j - 1;
        if (j <= m && !g[j - 1].cand)
            continue;
        for (size_t i = j; i-- > 0;) {
            size_t pi = i ? g[i - 1].pos : 0;
            if (pj - pi > LEN_MAX && best[j] > -HUGE_VAL)
                break;
            if (i && !g[i - 1].cand)
                continue;
            double s = best[i] + len_score(pj - pi)
                       + (j <= m ? g[j - 1].ev : 0);
            if (s > best[j]) {
                best[j] = s;
                back[j] = i;
            }
        }
    }
    p->ncut = 0;
    for (size_t j = back[m + 1]; j > 0; j = back[j])
        p->ncut++;
    p->cut = p->ncut ? malloc(2 * p->ncut * sizeof *p->cut) : NULL;
    if (p->ncut && !p->cut) {
        p->ncut = 0;
        goto out;
    }
    size_t k = p->ncut;
    for (size_t j = back[m + 1]; j > 0; j = back[j]) {
        k--;
        p->cut[2 * k] = g[j - 1].b;
        p->cut[2 * k + 1] = g[j - 1].e;
    }
    rc = 0;
out:
    free(best);
    free(back);
    return rc;
}

/* Plans t[from, to): the gaps, their evidence, the best cuts. */
static int plan(struct seg_thai *p, const char *t, size_t from, size_t to)
{
    size_t len = to - from, m = 0, cap = 16, letters = 0;
    UChar *u = malloc((len + 1) * sizeof *u);
    size_t *u2b = malloc((len + 2) * sizeof *u2b);
    struct gap *g = malloc(cap * sizeof *g), *ng;
    UBreakIterator *bi = NULL;
    UErrorCode err = U_ZERO_ERROR;
    UChar32 last = 0;
    int32_t ul = 0;
    int rc = -1;

    if (!u || !u2b || !g)
        goto out;
    /* To UTF-16, remembering the byte at each unit, the runs of spaces
     * and the letters before each. */
    for (int32_t i = 0; (size_t)i < len;) {
        size_t at = from + (size_t)i;
        UChar32 c;
        U8_NEXT(t + from, i, (int32_t)len, c);
        if (c < 0)
            c = 0xFFFD;
        if ((c == ' ' || c == '\t') && at > from
            && !(m && g[m - 1].e == at)) {
            if (m == cap) {
                cap *= 2;
                if (!(ng = realloc(g, cap * sizeof *g)))
                    goto out;
                g = ng;
            }
            g[m] = (struct gap){ at, at, ul, ul, letters, last, 0, 0, 0 };
            m++;
        }
        if (c == ' ' || c == '\t') {
            if (m && g[m - 1].e == at) {
                g[m - 1].e = from + (size_t)i;
                g[m - 1].ue = ul + 1;
            }
        } else if (m && g[m - 1].e == at && !is_white(c)) {
            g[m - 1].next = c;
        }
        if (!is_white(c)) {
            letters++;
            last = c;
        }
        u2b[ul] = at;
        if (U16_LENGTH(c) == 2)
            u2b[ul + 1] = at;
        U16_APPEND_UNSAFE(u, ul, c);
    }
    u2b[ul] = to;
    bi = ubrk_open(UBRK_WORD, "th", u, ul, &err);
    if (U_FAILURE(err))
        goto out;
    for (size_t k = 0; k < m; k++)
        weigh(g, m, k, letters, t, u2b, bi);
    rc = best_cuts(p, g, m, letters);
out:
    if (bi)
        ubrk_close(bi);
    free(u);
    free(u2b);
    free(g);
    return rc;
}

/* Whether the plan answers for the space at i of a sentence from start. */
static int plan_holds(const struct seg_thai *p, size_t start, size_t i,
                      size_t para_end)
{
    if (!p->planned || p->to != para_end || i >= p->upto)
        return 0;
    if (start == p->from)
        return 1;
    for (size_t k = 0; k < p->ncut; k++)
        if (p->cut[2 * k + 1] == start)
            return 1;
    return 0;
}

int seg_thai_break(struct seg_thai *p, const char *t, size_t start, size_t i,
                   size_t para_end)
{
    if (i <= start || i >= para_end)
        return 0;
    /*
     * A new span, after a full stop or in a new paragraph, is cut anew;
     * after one of the plan's own cuts the plan still holds, since its
     * score adds up sentence by sentence.  A long paragraph is planned
     * up to PLAN_BYTES past the space asked about, trusting the plan for
     * half that.
     */
    if (!plan_holds(p, start, i, para_end)) {
        size_t lim = para_end;
        free(p->cut);
        p->cut = NULL;
        p->ncut = 0;
        p->from = start;
        p->to = para_end;
        p->upto = para_end;
        p->planned = 1;
        if (para_end - i > PLAN_BYTES) {
            lim = i + PLAN_BYTES;
            while (lim < para_end && t[lim] != ' ')
                lim++;
            p->upto = i + PLAN_BYTES / 2;
        }
        if (plan(p, t, start, lim)) {
            free(p->cut);
            p->cut = NULL;
            p->ncut = 0;
        }
    }
    for (size_t k = 0; k < p->ncut && p->cut[2 * k] <= i; k++)
        if (p->cut[2 * k] == i)
            return 1;
    return 0;
}

void seg_thai_free(struct seg_thai *p)
{
    free(p->cut);
    memset(p, 0, sizeof *p);
}
