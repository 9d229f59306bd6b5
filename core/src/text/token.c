/*
 * token.c - words, folded, stemmed and flagged.
 *
 * A token is a run of letters, marks and digits, joined across an
 * apostrophe between letters ("don't", "O'Neill"), a period or comma
 * between digits ("3.5", "1,000") and the periods of an initialism
 * ("U.S.").  Hyphens split: "US-Venezuela" is two words for scoring.
 * Chinese, Japanese, Thai, Lao, Khmer and Myanmar put no spaces between
 * words: runs of their letters are cut into dictionary words by ICU
 * (token_glued.c).
 *
 * Speed matters here (every word of every article passes through), so
 * ASCII words are folded by hand and only other words go to utf8proc, and
 * stems come from a per-context cache before libstemmer is asked.
 */
#include "text/token.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "base/arena.h"
#include "text/article.h"
#include "base/diag.h"
#include "base/hash.h"
#include "text/lang.h"
#include "text/token_glued.h"
#include "base/utf8.h"

enum { CACHE_MAX = 1 << 18, STEM_MAX_BYTES = 64, LANGS = 8 };

typedef struct stem_entry {
    const char *fold, *stem;    /* in the cache's arena */
    uint32_t fold_len, stem_len;
    uint32_t stop;
} stem_entry;

typedef struct lang_cache {
    char lang[8];
    struct sb_stemmer *stemmer;     /* NULL: no stemming for this language */
    stem_entry *tab;
    size_t cap, used;
    arena mem;
} lang_cache;

struct tok_cache {
    lang_cache langs[LANGS];
    size_t nlangs;
};

tok_cache *tok_cache_new(void)
{
    return calloc(1, sizeof(tok_cache));
}

static void lang_cache_clear(lang_cache *l)
{
    free(l->tab);
    l->tab = NULL;
    l->cap = l->used = 0;
    arena_free(&l->mem);
}

void tok_cache_free(tok_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nlangs; i++) {
        lang_cache_clear(&c->langs[i]);
        if (c->langs[i].stemmer)
            sb_stemmer_delete(c->langs[i].stemmer);
    }
    free(c);
}

static lang_cache *lang_get(tok_cache *c, const char *lang)
{
    for (size_t i = 0; i < c->nlangs; i++)
        if (!strcmp(c->langs[i].lang, lang))
            return &c->langs[i];
    /* Evict the last slot when full; in practice a run sees few
     * languages. */
    size_t i = c->nlangs < LANGS ? c->nlangs++ : LANGS - 1;
    lang_cache *l = &c->langs[i];
    if (i == LANGS - 1 && l->lang[0]) {
        lang_cache_clear(l);
        if (l->stemmer)
            sb_stemmer_delete(l->stemmer);
    }
    memset(l, 0, sizeof *l);
    snprintf(l->lang, sizeof l->lang, "%s", lang);
    const char *alg = lang_stemmer(lang);
    l->stemmer = alg ? sb_stemmer_new(alg, "UTF_8") : NULL;
    return l;
}

static int cache_grow(lang_cache *l)
{
    if ((l->used + 1) * 2 <= l->cap)
        return 0;
    size_t ncap = l->cap ? l->cap * 2 : 1024;
    stem_entry *nt = calloc(ncap, sizeof *nt);
    if (!nt)
        return -1;
    for (size_t i = 0; i < l->cap; i++) {
        if (!l->tab[i].fold)
            continue;
        size_t h = hash_bytes(l->tab[i].fold, l->tab[i].fold_len)
                 & (ncap - 1);
        while (nt[h].fold)
            h = (h + 1) & (ncap - 1);
        nt[h] = l->tab[i];
    }
    free(l->tab);
    l->tab = nt;
    l->cap = ncap;
    return 0;
}

/* The cached stem and stopword flag of a folded word; NULL when out of
 * memory. */
static const stem_entry *stem_lookup(lang_cache *l, const char *fold,
                                     size_t len, unsigned flags)
{
    if (l->used >= CACHE_MAX)
        lang_cache_clear(l);
    if (cache_grow(l))
        return NULL;
    size_t mask = l->cap - 1, h = hash_bytes(fold, len) & mask;
    for (; l->tab[h].fold; h = (h + 1) & mask)
        if (l->tab[h].fold_len == len && !memcmp(l->tab[h].fold, fold, len))
            return &l->tab[h];
    const char *stem = fold;
    size_t slen = len;
    if (l->stemmer && len <= STEM_MAX_BYTES
        && !(flags & PRECIS_TOKEN_NUMBER)) {
        const sb_symbol *s = sb_stemmer_stem(l->stemmer,
                                             (const sb_symbol *)fold,
                                             (int)len);
        if (s) {
            stem = (const char *)s;
            slen = (size_t)sb_stemmer_length(l->stemmer);
        }
    }
    stem_entry e = { arena_strndup(&l->mem, fold, len), NULL,
                     (uint32_t)len, (uint32_t)slen,
                     (uint32_t)lang_is_stopword(l->lang, fold, len) };
    e.stem = arena_strndup(&l->mem, stem, slen);
    if (!e.fold || !e.stem)
        return NULL;
    l->tab[h] = e;
    l->used++;
    return &l->tab[h];
}

static int is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')
            || (cp >= '0' && cp <= '9');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int is_letter_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    utf8proc_category_t k = utf8proc_category(cp);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

static int is_digit_byte(const char *s, size_t i, size_t len)
{
    return i < len && s[i] >= '0' && s[i] <= '9';
}

static int ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9');
}

static int32_t peek(const char *s, size_t len, size_t i)
{
    if (i >= len)
        return -1;
    return utf8_next(s, len, &i);
}

/* Extends a word that starts at start; returns its end. */
static size_t word_end(const char *s, size_t len, size_t start)
{
    size_t i = start, letters = 0;
    int initialism = 0;
    for (;;) {
        while (i < len) {
            unsigned char b = (unsigned char)s[i];
            if (b < 0x80) {         /* most text: no decoding */
                if (!ascii_alnum(b))
                    break;
                letters++;
                i++;
                continue;
            }
            size_t j = i;
            int32_t cp = utf8_next(s, len, &j);
            if (!is_word_cp(cp))
                break;
            letters++;
            i = j;
        }
        if (i >= len)
            return i;
        unsigned char c = (unsigned char)s[i];
        /* Apostrophe between letters: ' or U+2019. */
        size_t alen = c == '\'' ? 1
                    : (c == 0xE2 && i + 2 < len
                       && (unsigned char)s[i + 1] == 0x80
                       && (unsigned char)s[i + 2] == 0x99) ? 3 : 0;
        if (alen && i > start && is_letter_cp(peek(s, len, i + alen))) {
            size_t k = i;
            if (is_letter_cp(utf8_prev(s, &k))) {
                i += alen;
                continue;
            }
        }
        if ((c == '.' || c == ',') && is_digit_byte(s, i - 1, len)
            && is_digit_byte(s, i + 1, len)) {
            i++;
            continue;
        }
        /* U.S., a.m.: one letter, a period, one letter, a period. */
        if (c == '.' && letters == 1 && i + 2 < len
            && is_letter_cp((unsigned char)s[i + 1]) && s[i + 2] == '.') {
            i += 2;
            letters = 1;
            initialism = 1;
            continue;
        }
        if (c == '.' && initialism)
            return i + 1;
        return i;
    }
}

char *tok_fold(const char *s, size_t len, size_t *out_len)
{
    int ascii = 1;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    char *out;
    size_t n;
    if (ascii) {
        out = malloc(len + 1);
        if (!out)
            return NULL;
        for (size_t i = 0; i < len; i++)
            out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
        n = len;
    } else {
        utf8proc_uint8_t *dst = NULL;
        utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)len, &dst,
                                          UTF8PROC_CASEFOLD
                                          | UTF8PROC_COMPOSE
                                          | UTF8PROC_STABLE);
        if (r < 0)
            return NULL;
        out = (char *)dst;
        n = (size_t)r;
        /* One apostrophe for all: "don’t" and "don't" are one word. */
        size_t o = 0;
        for (size_t i = 0; i < n; i++) {
            if ((unsigned char)out[i] == 0xE2 && i + 2 < n
                && (unsigned char)out[i + 1] == 0x80
                && (unsigned char)out[i + 2] == 0x99) {
                out[o++] = '\'';
                i += 2;
            } else {
                out[o++] = out[i];
            }
        }
        n = o;
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

static unsigned case_flags(const char *s, size_t start, size_t end)
{
    size_t i = start, letters = 0, upper = 0;
    unsigned f = 0;
    if (s[start] >= '0' && s[start] <= '9')
        f |= PRECIS_TOKEN_NUMBER;
    while (i < end) {
        int32_t cp = utf8_next(s, end, &i);
        int isup = cp < 0x80 ? (cp >= 'A' && cp <= 'Z')
                 : utf8proc_category(cp) == UTF8PROC_CATEGORY_LU
                   || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
        int islet = is_letter_cp(cp);
        if (letters == 0 && islet && isup && !(f & PRECIS_TOKEN_NUMBER))
            f |= PRECIS_TOKEN_CAPITAL;
        letters += islet;
        upper += islet && isup;
    }
    if (letters >= 2 && upper == letters)
        f |= PRECIS_TOKEN_UPPER;
    return f;
}

/* An ASCII word's flags (as case_flags) and its folding into out. */
static unsigned ascii_fold(const char *s, size_t i, size_t end, char *out)
{
    size_t letters = 0, upper = 0;
    unsigned f = s[i] >= '0' && s[i] <= '9' ? PRECIS_TOKEN_NUMBER : 0;
    for (size_t k = i; k < end; k++) {
        char c = s[k];
        int isup = c >= 'A' && c <= 'Z', islet = isup || (c >= 'a'
                                                            && c <= 'z');
        if (letters == 0 && isup && !(f & PRECIS_TOKEN_NUMBER))
            f |= PRECIS_TOKEN_CAPITAL;
        letters += islet;
        upper += isup;
        out[k - i] = (char)(isup ? c + 32 : c);
    }
    out[end - i] = '\0';
    if (letters >= 2 && upper == letters)
        f |= PRECIS_TOKEN_UPPER;
    return f;
}

/* Folds s[i, end) and hands it to fn; small is scratch space. */
static int emit_word(const char *s, size_t i, size_t end, tok_fn fn,
                     void *ud)
{
    char small[128];
    size_t flen;
    unsigned flags;
    char *fold;
    int ascii_small = end - i < sizeof small;
    for (size_t k = i; k < end && ascii_small; k++)
        ascii_small = (unsigned char)s[k] < 0x80;
    if (ascii_small) {
        flags = ascii_fold(s, i, end, small);
        fold = small;
        flen = end - i;
    } else {
        flags = case_flags(s, i, end);
        fold = tok_fold(s + i, end - i, &flen);
        if (!fold)
            return PRECIS_ENOMEM;
    }
    int rc = fn(ud, i, end, fold, flen, flags);
    if (fold != small)
        free(fold);
    return rc;
}

typedef struct glued_job {
    const char *s;
    tok_fn fn;
    void *ud;
} glued_job;

static int on_glued_word(void *ud, size_t start, size_t end)
{
    glued_job *j = ud;
    return emit_word(j->s, start, end, j->fn, j->ud);
}

int tok_scan(const char *s, size_t len, tok_fn fn, void *ud)
{
    tok_glued g = { NULL };
    glued_job gj = { s, fn, ud };
    size_t i = 0;
    int rc = 0;
    while (i < len && rc == 0) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80 && !ascii_alnum(b)) {
            i++;                    /* space, punctuation: no decoding */
            continue;
        }
        size_t j = i;
        int32_t cp = utf8_next(s, len, &j);
        if (tok_glued_cp(cp)) {
            rc = tok_glued_run(&g, s, len, i, &i, on_glued_word, &gj);
            continue;
        }
        if (!is_word_cp(cp)) {
            i = j;
            continue;
        }
        size_t end = word_end(s, len, i);
        rc = emit_word(s, i, end, fn, ud);
        i = end;
    }
    tok_glued_fini(&g);
    return rc;
}

typedef struct tok_job {
    precis_article *a;
    lang_cache *lc;
    size_t base;            /* offset of the scanned slice in a->text */
} tok_job;

static int on_token(void *ud, size_t start, size_t end, const char *fold,
                    size_t flen, unsigned flags)
{
    tok_job *j = ud;
    int64_t w = article_find_word(j->a, fold, flen);
    if (w < 0) {
        const stem_entry *e = stem_lookup(j->lc, fold, flen, flags);
        if (!e)
            return PRECIS_ENOMEM;
        w = article_intern_word(j->a, fold, flen, e->stem, e->stem_len,
                                (int)e->stop);
        if (w < 0)
            return PRECIS_ENOMEM;
    }
    if (j->a->words.v[w].stop)
        flags |= PRECIS_TOKEN_STOP;
    pr_tok t = { (uint32_t)(j->base + start), (uint32_t)(j->base + end),
                 (uint32_t)w, flags };
    return VEC_PUSH(&j->a->toks, t) ? PRECIS_ENOMEM : 0;
}

int tok_article(tok_cache *c, precis_article *a, precis_error *err)
{
    tok_job j = { a, lang_get(c, a->lang[0] ? a->lang : "en"), 0 };
    a->toks.n = 0;
    for (size_t i = 0; i < a->sents.n; i++) {
        pr_sent *s = &a->sents.v[i];
        s->tok0 = (uint32_t)a->toks.n;
        j.base = s->start;
        int rc = tok_scan(a->text + s->start, s->end - s->start, on_token,
                          &j);
        if (rc)
            return diag_set(err, rc, "%s: out of memory while tokenizing",
                            a->source);
        s->ntok = (uint32_t)(a->toks.n - s->tok0);
    }
    return PRECIS_OK;
}
