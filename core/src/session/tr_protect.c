/*
 * tr_protect.c - what must come through translation unchanged: people's
 * names and the user's glossary terms, swapped for placeholders before
 * the engine and put back after it.
 *
 * A placeholder is a made-up capitalised word, which any engine carries
 * over unchanged like an unknown name; when a placeholder does not come
 * back exactly once, the caller translates the segment again without
 * them.
 */
#include "session/tr_protect.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "text/article.h"
#include "text/token.h"

#define GLOSSARY_SECTION "translate.glossary"

typedef tr_span span;
typedef tr_spans span_vec;

/* One word of a segment, from tok_scan. */
typedef struct word {
    size_t start, end;
    unsigned flags;
    char *fold;             /* malloc'd */
} word;

typedef VEC(word) word_vec;

static int on_word(void *ud, size_t start, size_t end, const char *fold,
                   size_t fold_len, unsigned flags)
{
    word_vec *v = ud;
    word w = { start, end, flags, strndup(fold, fold_len) };
    if (!w.fold || VEC_PUSH(v, w)) {
        free(w.fold);
        return PRECIS_ENOMEM;
    }
    return 0;
}

static void free_words(word_vec *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i].fold);
    VEC_FREE(v);
}

static int scan_words(const char *s, size_t len, word_vec *out)
{
    out->v = NULL;
    out->n = out->cap = 0;
    int rc = tok_scan(s, len, on_word, out);
    if (rc)
        free_words(out);
    return rc;
}

static int overlaps(const span_vec *v, size_t s, size_t e)
{
    for (size_t i = 0; i < v->n; i++)
        if (s < v->v[i].end && v->v[i].start < e)
            return 1;
    return 0;
}

/* Only white space between two words: they belong to one name. */
static int joined(const char *s, const word *a, const word *b)
{
    for (size_t i = a->end; i < b->start; i++)
        if (s[i] != ' ')
            return 0;
    return b->start - a->end == 1;
}

/* The end of w without a possessive ("Patrushev’s" -> "Patrushev"). */
static size_t name_end(const char *s, const word *w)
{
    size_t e = w->end;
    if (e - w->start > 4 && !memcmp(s + e - 4, "\xE2\x80\x99s", 4))
        return e - 4;
    if (e - w->start > 2 && !memcmp(s + e - 2, "'s", 2))
        return e - 2;
    return e;
}

static int is_name_word(const word *w)
{
    return (w->flags & PRECIS_TOKEN_CAPITAL)
        && !(w->flags & PRECIS_TOKEN_UPPER);
}

/* Runs of capitalised words (not acronyms); the segment's first word is
 * capitalised because it comes first, so it starts no run. */
static int find_capitalised(const char *s, const word_vec *w, size_t min,
                            span_vec *out)
{
    for (size_t i = 1; i < w->n;) {
        if (!is_name_word(&w->v[i])) {
            i++;
            continue;
        }
        size_t k = i + 1;
        while (k < w->n && is_name_word(&w->v[k])
               && joined(s, &w->v[k - 1], &w->v[k])
               && name_end(s, &w->v[k - 1]) == w->v[k - 1].end)
            k++;
        size_t st = w->v[i].start, en = name_end(s, &w->v[k - 1]);
        if (k - i >= min && !overlaps(out, st, en)) {
            span sp = { st, en, NULL };
            if (VEC_PUSH(out, sp))
                return PRECIS_ENOMEM;
        }
        i = k;
    }
    return PRECIS_OK;
}

static const char *find_bytes(const char *s, size_t len, const char *w,
                              size_t n)
{
    for (size_t i = 0; n && i + n <= len; i++)
        if (s[i] == w[0] && !memcmp(s + i, w, n))
            return s + i;
    return NULL;
}

/* Whether a letter or digit ends just before s[at] / starts at s[at]:
 * then a match there is part of a longer word. */
static int word_cp(int32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    utf8proc_category_t k = utf8proc_category(c);
    return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME)
        || (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

static int word_before(const char *s, size_t at)
{
    return at > 0 && word_cp(utf8_prev(s, &at));
}

static int word_after(const char *s, size_t len, size_t at)
{
    return at < len && word_cp(utf8_next(s, len, &at));
}

/* Whole-word, case-sensitive occurrences of name in s. */
static int find_name(const char *s, size_t len, const char *name,
                     span_vec *out)
{
    size_t n = strlen(name);
    if (n < 2)
        return PRECIS_OK;
    for (const char *p = s;
         (p = find_bytes(p, len - (size_t)(p - s), name, n)); p += n) {
        size_t st = (size_t)(p - s), en = st + n;
        if (word_before(s, st) || word_after(s, len, en)
            || overlaps(out, st, en))
            continue;
        span sp = { st, en, NULL };
        if (VEC_PUSH(out, sp))
            return PRECIS_ENOMEM;
    }
    return PRECIS_OK;
}

/* Words that stand before a person's name: "President Joe Biden",
 * "Mr. Adams", "el presidente Pedro Sánchez". */
static const char *const titles[] = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "father",
    "rev", "reverend", "pastor", "bishop", "president", "minister",
    "senator", "sen", "rep", "governor", "gov", "mayor",
    "secretary", "chancellor", "judge", "justice", "gen", "colonel",
    "captain", "king", "queen", "prince", "princess", "pope", "chairman",
    "chairwoman", "professor", "prof", "sheikh", "coach", "señor",
    "señora", "sr", "sra", "presidente", "presidenta", "ministro",
    "ministra", "senador", "senadora", "senhor", "senhora", "gobernador",
    "governador", "alcalde", "alcaldesa", "prefeito", "rey", "rei",
    "reina", "rainha", NULL
};

static int is_title(const char *fold)
{
    for (const char *const *t = titles; *t; t++)
        if (!strcmp(*t, fold))
            return 1;
    return 0;
}

static int add_name(str_vec *names, arena *mem, const char *s, size_t len)
{
    for (size_t i = 0; i < names->n; i++)
        if (strlen(names->v[i]) == len && !memcmp(names->v[i], s, len))
            return PRECIS_OK;
    const char *c = arena_strndup(mem, s, len);
    return c && !VEC_PUSH(names, c) ? PRECIS_OK : PRECIS_ENOMEM;
}

/* A name and, when it has several words, its last one: "Maduro" alone
 * is the same person further on. */
static int add_person(str_vec *names, arena *mem, const char *s, size_t len)
{
    int rc = add_name(names, mem, s, len);
    const char *sp = NULL;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ' ')
            sp = s + i;
    if (!rc && sp && len - (size_t)(sp + 1 - s) >= 3)
        rc = add_name(names, mem, sp + 1, len - (size_t)(sp + 1 - s));
    return rc;
}

/* Names that follow a title in the sentence s. */
static int titled_names(const char *s, size_t len, str_vec *names,
                        arena *mem)
{
    word_vec w;
    int rc = scan_words(s, len, &w);
    /* In Title Case ("Mayor Opens the New Bridge") every word looks like
     * a name. */
    size_t longer = 0, caps = 0;
    for (size_t i = 0; !rc && i < w.n; i++)
        if (w.v[i].end - w.v[i].start > 3) {
            longer++;
            caps += (w.v[i].flags & PRECIS_TOKEN_CAPITAL) != 0;
        }
    size_t n = longer >= 2 && caps == longer ? 0 : w.n;
    for (size_t i = 0; !rc && i + 1 < n; i++) {
        if (!is_title(w.v[i].fold))
            continue;
        size_t gap = w.v[i + 1].start - w.v[i].end;
        const char *g = s + w.v[i].end;
        if (!(gap == 1 && g[0] == ' ') && !(gap == 2 && !memcmp(g, ". ", 2)))
            continue;
        size_t k = i + 1;
        while (k < w.n && k < i + 5 && is_name_word(&w.v[k])
               && !is_title(w.v[k].fold)
               && (k == i + 1 || (joined(s, &w.v[k - 1], &w.v[k])
                                  && name_end(s, &w.v[k - 1])
                                     == w.v[k - 1].end)))
            k++;
        if (k > i + 1) {
            size_t st = w.v[i + 1].start;
            rc = add_person(names, mem, s + st, name_end(s, &w.v[k - 1])
                                                - st);
        }
    }
    free_words(&w);
    return rc;
}

/* The article's people: its byline, its quoted speakers (organisations
 * aside: "the White House" is translated), and names that follow a title
 * in its sentences (the headline field is left out: it is usually Title
 * Case, and also one of the sentences). */
int tr_article_people(const precis_article *a, str_vec *names, arena *mem)
{
    int rc = PRECIS_OK;
    for (size_t i = 0; i < a->people.n && !rc; i++)
        if (strcmp(a->people.v[i].role, "organization"))
            rc = add_person(names, mem, a->people.v[i].name,
                            strlen(a->people.v[i].name));
    for (size_t i = 0; i < a->quotes.n && !rc; i++)
        if (a->quotes.v[i].speaker
            && a->quotes.v[i].speaker_kind != PRECIS_SPEAKER_ORGANISATION)
            rc = add_person(names, mem, a->quotes.v[i].speaker,
                            strlen(a->quotes.v[i].speaker));
    for (size_t i = 0; i < a->sents.n && !rc; i++)
        rc = titled_names(a->text + a->sents.v[i].start,
                          a->sents.v[i].end - a->sents.v[i].start, names,
                          mem);
    return rc;
}

/* The people's names in s, longest first so that a full name wins over
 * its last word. */
static int find_people(const str_vec *names, const char *s, size_t len,
                       span_vec *out)
{
    size_t longest = 0;
    for (size_t i = 0; i < names->n; i++)
        if (strlen(names->v[i]) > longest)
            longest = strlen(names->v[i]);
    for (size_t l = longest; l >= 2; l--)
        for (size_t i = 0; i < names->n; i++) {
            if (strlen(names->v[i]) != l)
                continue;
            int rc = find_name(s, len, names->v[i], out);
            if (rc)
                return rc;
        }
    return PRECIS_OK;
}

/* Glossary terms: whole words, case-insensitive (iniparser has lowered
 * the keys already; the words are compared folded), except that a term
 * whose target is capitalised only matches capitalised text. */
static int find_glossary(const config *cfg, const char *s, const word_vec *w,
                         span_vec *out, arena *mem)
{
    for (size_t g = 0; g < cfg->e.n; g++) {
        const cfg_entry *e = &cfg->e.v[g];
        if (strcmp(e->section, GLOSSARY_SECTION))
            continue;
        word_vec tw;
        if (scan_words(e->key, strlen(e->key), &tw))
            return PRECIS_ENOMEM;
        for (size_t i = 0; tw.n && i + tw.n <= w->n; i++) {
            size_t k = 0;
            while (k < tw.n && !strcmp(w->v[i + k].fold, tw.v[k].fold)
                   && (k == 0 || joined(s, &w->v[i + k - 1], &w->v[i + k])))
                k++;
            size_t st = w->v[i].start, en = w->v[i + tw.n - 1].end;
            const char *with = e->value;
            /* A target written with a capital is a name: "trump = Trump"
             * leaves the card game's "trump" alone. */
            int name = with[0] >= 'A' && with[0] <= 'Z';
            if (k < tw.n || overlaps(out, st, en)
                || (name && !(w->v[i].flags & PRECIS_TOKEN_CAPITAL)))
                continue;
            /* "white house" at the start of a sentence: Casa Blanca
             * keeps the capital it would have had. */
            if ((w->v[i].flags & PRECIS_TOKEN_CAPITAL) && with[0] >= 'a'
                && with[0] <= 'z') {
                char *c = arena_strdup(mem, with);
                if (!c) {
                    free_words(&tw);
                    return PRECIS_ENOMEM;
                }
                c[0] = (char)(c[0] - 32);
                with = c;
            }
            span sp = { st, en, with };
            if (VEC_PUSH(out, sp)) {
                free_words(&tw);
                return PRECIS_ENOMEM;
            }
        }
        free_words(&tw);
    }
    return PRECIS_OK;
}

static int cmp_span(const void *x, const void *y)
{
    const span *a = x, *b = y;
    return (a->start > b->start) - (a->start < b->start);
}

/* "Zqa", "Zqb", …, "Zqba": words no language has. */
static void placeholder(size_t i, char *buf)
{
    char tail[16];
    size_t n = 0;
    do {
        tail[n++] = (char)('a' + i % 26);
        i /= 26;
    } while (i);
    buf[0] = 'Z';
    buf[1] = 'q';
    for (size_t k = 0; k < n; k++)
        buf[2 + k] = tail[n - 1 - k];
    buf[2 + n] = '\0';
}

int tr_protect_segment(const tr_protect *po, const char *s, tr_spans *keep,
                       char **sent, arena *mem)
{
    size_t len = strlen(s);
    word_vec w = { 0 };
    int rc = PRECIS_OK;
    if ((po->names >= 2 || po->glossary) && (rc = scan_words(s, len, &w)))
        return rc;
    if (po->glossary)
        rc = find_glossary(po->glossary, s, &w, keep, mem);
    if (!rc && po->names >= 1)
        rc = find_people(&po->people, s, len, keep);
    if (!rc && po->names >= 2)
        rc = find_capitalised(s, &w, po->names == 2 ? 2 : 1, keep);
    free_words(&w);
    if (rc)
        return rc;
    if (!keep->n)
        return (*sent = strdup(s)) ? PRECIS_OK : PRECIS_ENOMEM;
    qsort(keep->v, keep->n, sizeof *keep->v, cmp_span);
    strbuf sb = STRBUF_INIT;
    size_t at = 0;
    for (size_t i = 0; i < keep->n; i++) {
        char ph[24];
        placeholder(i, ph);
        sb_append(&sb, s + at, keep->v[i].start - at);
        sb_puts(&sb, ph);
        at = keep->v[i].end;
    }
    sb_append(&sb, s + at, len - at);
    if (sb.oom) {
        sb_free(&sb);
        return PRECIS_ENOMEM;
    }
    *sent = sb_steal(&sb);
    return PRECIS_OK;
}

/* Puts the kept spans back in place of their placeholders.  -1 when a
 * placeholder did not come back exactly once. */
int tr_restore(const char *plain, const tr_spans *keep, const char *tr,
               strbuf *out)
{
    size_t len = strlen(tr);
    size_t *at = calloc(keep->n, sizeof *at);
    if (!at)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < keep->n && !rc; i++) {
        char ph[24];
        placeholder(i, ph);
        size_t n = strlen(ph), found = 0;
        for (const char *p = tr; (p = strstr(p, ph)); p += n) {
            size_t st = (size_t)(p - tr);
            if (word_before(tr, st) || word_after(tr, len, st + n))
                continue;
            at[i] = st;
            found++;
        }
        rc = found == 1 ? 0 : -1;
    }
    if (!rc) {
        /* The engine may have moved them: put them back in its order. */
        size_t pos = 0;
        for (;;) {
            size_t best = SIZE_MAX, bi = 0;
            for (size_t i = 0; i < keep->n; i++)
                if (at[i] >= pos && at[i] < best) {
                    best = at[i];
                    bi = i;
                }
            if (best == SIZE_MAX)
                break;
            char ph[24];
            placeholder(bi, ph);
            const span *k = &keep->v[bi];
            sb_append(out, tr + pos, best - pos);
            if (k->with)
                sb_puts(out, k->with);
            else
                sb_append(out, plain + k->start, k->end - k->start);
            pos = best + strlen(ph);
        }
        sb_puts(out, tr + pos);
    }
    free(at);
    return rc;
}

