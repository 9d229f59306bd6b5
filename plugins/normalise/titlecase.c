/*
 * titlecase.c - title case and sentence case for headlines.
 *
 * Title case follows John Gruber's rules as python-titlecase implements
 * them, so that headlines cased by precis agree with that widely used
 * reference.  Its order of checks matters and is kept: capitals-only
 * initials, O'/d' names, Mc names, words with inner capitals or periods,
 * small words, slashed and hyphenated words (cased part by part, as if
 * each were a title of its own), consonant-only acronyms, then the first
 * letter.  Two small departures, both for headlines in capitals: the
 * letters after an O'/d' prefix are lower-cased too ("D'ANGELO" ->
 * "d'Angelo"), and with evidence from the body a word the body writes in
 * capitals ("NATO") keeps them.
 *
 * Words are separated by single white space characters, which are kept
 * (a tab stays a tab) unless normalise_space asks for plain spaces.
 */
#include <string.h>

#include "normalise.h"

static const char *const small_words[] = {
    "a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in",
    "of", "on", "or", "the", "to", "v", "v.", "via", "vs", "vs.", NULL
};

/* ASCII case-insensitive equality of s[0, len) and the word w. */
static int eq_ci(const char *s, size_t len, const char *w)
{
    size_t n = strlen(w);
    if (n != len)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return 1;
}

static int is_small(const char *s, size_t len)
{
    for (const char *const *w = small_words; *w; w++)
        if (eq_ci(s, len, *w))
            return 1;
    return 0;
}

static uint32_t cp_at(const char *s, size_t len, size_t i)
{
    return precis_utf8_next(s, len, &i);
}

/* Bytes of leading punctuation. */
static size_t skip_punct(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t k = i;
        uint32_t cp = precis_utf8_next(s, len, &k);
        if (!normalise_is_punct(cp))
            break;
        i = k;
    }
    return i;
}

int normalise_is_all_caps(const char *s, size_t len)
{
    int words = 0, in_word = 0;
    size_t upper = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (normalise_is_lower(cp))
            return 0;
        if (normalise_is_upper(cp)) {
            upper++;
            if (!in_word)
                words++;
            in_word = 1;
        } else if (normalise_is_space(cp)) {
            in_word = 0;
        }
    }
    return words >= 2 && upper >= 4;
}

/* No lower-case letter at all: python-titlecase's line.upper() == line. */
static int no_lower(const char *s, size_t len)
{
    for (size_t i = 0; i < len;)
        if (normalise_is_lower(precis_utf8_next(s, len, &i)))
            return 0;
    return 1;
}

/* ^(?:[Lu]\.|[Lu]\.[Lu])+$ from byte i: "D.C.", "U.S", "A." */
static int uc_initials_from(const char *s, size_t len, size_t i, int depth)
{
    if (i == len)
        return depth > 0;
    if (depth > 32)
        return 0;
    uint32_t cp = precis_utf8_next(s, len, &i);
    if (!normalise_is_upper(cp) || i >= len || s[i] != '.')
        return 0;
    i++;
    if (uc_initials_from(s, len, i, depth + 1))
        return 1;
    if (i >= len)
        return 0;
    cp = precis_utf8_next(s, len, &i);
    return normalise_is_upper(cp) && uc_initials_from(s, len, i, depth + 1);
}

static int uc_initials(const char *s, size_t len)
{
    return len > 0 && uc_initials_from(s, len, 0, 0);
}

/* [letter][.][letter] anywhere: "example.com", "U.S." */
static int inline_period(const char *s, size_t len)
{
    for (size_t i = 1; i + 1 < len; i++) {
        if (s[i] != '.')
            continue;
        size_t p = normalise_prev_start(s, i);
        if (normalise_is_letter(cp_at(s, len, p))
            && normalise_is_letter(cp_at(s, len, i + 1)))
            return 1;
    }
    return 0;
}

/* After leading punctuation, a run of letters with a capital after its
 * first letter: "iPhone", "AT&T", "SEC's". */
static int uc_elsewhere(const char *s, size_t len)
{
    size_t i = skip_punct(s, len);
    int n = 0;
    while (i < len) {
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (!normalise_is_letter(cp))
            return 0;
        if (n++ > 0 && normalise_is_upper(cp))
            return 1;
    }
    return 0;
}

static int is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2018 || cp == 0x2019;
}

/* ^[dol]['‘’]\p{L}+(?:['s]{2})?$ : "o'reilly", "d'Angelo", "l'Grange" */
static int apos_second(const char *s, size_t len, size_t *apos_end)
{
    if (len < 3)
        return 0;
    char c = (char)(s[0] | 0x20);
    if (c != 'd' && c != 'o' && c != 'l')
        return 0;
    size_t i = 1;
    if (!is_apostrophe(precis_utf8_next(s, len, &i)))
        return 0;
    *apos_end = i;
    size_t letters = 0;
    while (i < len) {
        size_t k = i;
        uint32_t cp = precis_utf8_next(s, len, &k);
        if (!normalise_is_letter(cp))
            break;
        letters++;
        i = k;
    }
    if (!letters)
        return 0;
    if (i == len)
        return 1;
    /* Two more of ' and s: the possessive "'s". */
    for (int n = 0; n < 2; n++) {
        if (i >= len)
            return 0;
        uint32_t cp = precis_utf8_next(s, len, &i);
        if (!is_apostrophe(cp) && cp != 's' && cp != 'S')
            return 0;
    }
    return i == len;
}

/* All ASCII consonants (y counts as a vowel), more than two. */
static int all_consonants(const char *s, size_t len)
{
    if (len <= 2)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char c = (char)(s[i] | 0x20);
        if (c < 'a' || c > 'z' || strchr("aeiouy", c))
            return 0;
    }
    return 1;
}

/* Appends s with the first letter after leading punctuation upper-cased. */
static void put_capfirst(precis_buf *b, const char *s, size_t len)
{
    size_t i = skip_punct(s, len);
    precis_buf_append(b, s, i);
    if (i < len) {
        size_t k = i;
        uint32_t cp = precis_utf8_next(s, len, &k);
        if (normalise_is_letter(cp)) {
            normalise_put_cased(b, s + i, k - i, 'u');
            i = k;
        }
    }
    precis_buf_append(b, s + i, len - i);
}

/* What the body says of a word: its letters without surrounding
 * punctuation or a possessive "'s" are looked up. */
static int evidence_for(const normalise_case_opts *o, const char *s,
                        size_t len)
{
    if (!o->ev)
        return 0;
    size_t a = skip_punct(s, len), e = len;
    while (e > a) {
        size_t p = normalise_prev_start(s, e);
        if (!normalise_is_punct(cp_at(s, len, p)))
            break;
        e = p;
    }
    if (e <= a)
        return 0;
    int ev = normalise_evidence_of(o->ev, s + a, e - a);
    if (ev)
        return ev;
    if (e - a > 2 && (s[e - 1] == 's' || s[e - 1] == 'S')
        && s[e - 2] == '\'')
        e -= 2;
    else if (e - a > 4 && (s[e - 1] == 's' || s[e - 1] == 'S')
             && !memcmp(s + e - 4, "\xE2\x80\x99", 3))
        e -= 4;
    else
        return 0;
    return normalise_evidence_of(o->ev, s + a, e - a);
}

static int evidence_upper(const normalise_case_opts *o, const char *s,
                          size_t len)
{
    return evidence_for(o, s, len) == NORMALISE_EV_UPPER;
}

static int titlecase_text(const char *s, size_t len, int small_first_last,
                          const normalise_case_opts *o, precis_buf *out);

/* Cases the parts of a word split at sep, each as a title of its own. */
static void split_word(const char *s, size_t len, char sep, int sfl,
                       const normalise_case_opts *o, precis_buf *out)
{
    size_t i = 0;
    for (;;) {
        const char *p = memchr(s + i, sep, len - i);
        size_t e = p ? (size_t)(p - s) : len;
        titlecase_text(s + i, e - i, sfl, o, out);
        if (!p)
            break;
        precis_buf_putc(out, sep);
        i = e + 1;
    }
}

static void case_word(const char *s, size_t len, int all_caps, int sfl,
                      const normalise_case_opts *o, precis_buf *out)
{
    size_t ap;
    if (all_caps && (uc_initials(s, len) || evidence_upper(o, s, len))) {
        precis_buf_append(out, s, len);
        return;
    }
    if (apos_second(s, len, &ap)) {
        int vowel = (s[0] | 0x20) == 'o';
        normalise_put_cased(out, s, 1, vowel ? 'u' : 'l');
        precis_buf_append(out, s + 1, ap - 1);
        size_t k = ap;
        precis_utf8_next(s, len, &k);
        normalise_put_cased(out, s + ap, k - ap, 'u');
        if (all_caps)
            normalise_put_cased(out, s + k, len - k, 'l');
        else
            precis_buf_append(out, s + k, len - k);
        return;
    }
    /* ^([Mm]c|MC)(\w.+) */
    if (len >= 4 && (s[0] == 'M' || s[0] == 'm')
        && (s[1] == 'c' || (s[0] == 'M' && s[1] == 'C'))
        && normalise_is_word(cp_at(s, len, 2))) {
        size_t k = 2;
        precis_utf8_next(s, len, &k);
        if (k < len) {
            precis_buf_puts(out, "Mc");
            titlecase_text(s + 2, len - 2, sfl, o, out);
            return;
        }
    }
    if (inline_period(s, len) || (!all_caps && uc_elsewhere(s, len))) {
        precis_buf_append(out, s, len);
        return;
    }
    if (is_small(s, len)) {
        normalise_put_cased(out, s, len, 'l');
        return;
    }
    if (memchr(s, '/', len)) {
        int dbl = 0;
        for (size_t i = 0; i + 1 < len; i++)
            dbl |= s[i] == '/' && s[i + 1] == '/';
        if (!dbl) {
            split_word(s, len, '/', 0, o, out);
            return;
        }
    }
    if (memchr(s, '-', len)) {
        split_word(s, len, '-', sfl, o, out);
        return;
    }
    precis_buf tmp = PRECIS_BUF_INIT;
    if (all_caps) {
        normalise_put_cased(&tmp, s, len, 'l');
        s = precis_buf_str(&tmp);
        len = tmp.len;
        out->oom |= tmp.oom;
    }
    if (all_consonants(s, len))
        normalise_put_cased(out, s, len, 'u');
    else
        put_capfirst(out, s, len);
    precis_buf_free(&tmp);
}

/* Capitalizes the small word (a run of word characters) at b->s[at]:
 * its first letter up, the others down.  Small words are ASCII. */
static void capitalize_ascii(precis_buf *b, size_t at, size_t end)
{
    for (size_t i = at; i < end; i++) {
        char c = b->s[i];
        if (i == at && c >= 'a' && c <= 'z')
            b->s[i] = (char)(c - 32);
        else if (i > at && c >= 'A' && c <= 'Z')
            b->s[i] = (char)(c + 32);
    }
}

static size_t word_run_end(const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t k = i;
        if (!normalise_is_word(precis_utf8_next(s, len, &k)))
            break;
        i = k;
    }
    return i;
}

/* ^([PUNCT]*)(SMALL)\b on the first word. */
static void small_first(precis_buf *b, size_t a, size_t e)
{
    const char *s = b->s + a;
    size_t len = e - a, i = skip_punct(s, len);
    size_t r = word_run_end(s, len, i);
    int dot = r < len && s[r] == '.';
    if (r > i && (is_small(s + i, r - i)
                  || (dot && is_small(s + i, r - i + 1))))
        capitalize_ascii(b, a + i, a + r);
}

/* \b(SMALL)[PUNCT]?$ on the last word. */
static void small_last(precis_buf *b, size_t a, size_t e)
{
    const char *s = b->s + a;
    size_t len = e - a;
    if (!len)
        return;
    size_t ends[2] = { len, 0 };
    size_t p = normalise_prev_start(s, len);
    int n = 1;
    if (normalise_is_punct(cp_at(s, len, p)))
        ends[n++] = p;
    for (int k = 0; k < n; k++) {
        size_t end = ends[k], st = end;
        while (st > 0) {
            size_t q = normalise_prev_start(s, st);
            if (!normalise_is_word(cp_at(s, len, q)))
                break;
            st = q;
        }
        int dot = end < len && s[end] == '.';
        if (end > st && (is_small(s + st, end - st)
                         || (dot && k == 1 && is_small(s + st,
                                                       end - st + 1)))) {
            capitalize_ascii(b, a + st, a + end);
            return;
        }
    }
}

/* ([:.;?!\-–‒—―][ ])(SMALL): a small word opening a sub-phrase. */
static void subphrase(precis_buf *b, size_t from)
{
    for (size_t i = from; i + 1 < b->len; i++) {
        if (b->s[i + 1] != ' ')
            continue;
        size_t p = i, k;
        while (p > from && ((unsigned char)b->s[p] & 0xC0) == 0x80)
            p--;
        k = p;
        uint32_t cp = precis_utf8_next(b->s, b->len, &k);
        int sep = (cp && cp < 0x80 && strchr(":.;?!-", (int)cp))
                  || (cp >= 0x2012 && cp <= 0x2015);
        if (k != i + 1 || !sep)
            continue;
        size_t w = i + 2;
        for (const char *const *sw = small_words; *sw; sw++) {
            size_t n = strlen(*sw);
            if (w + n <= b->len && !memcmp(b->s + w, *sw, n)) {
                if (b->s[w] >= 'a' && b->s[w] <= 'z')
                    b->s[w] = (char)(b->s[w] - 32);
                break;
            }
        }
    }
}

static void put_space(precis_buf *b, const char *s, size_t len,
                      const normalise_case_opts *o)
{
    if (o->normalise_space)
        precis_buf_putc(b, ' ');
    else
        precis_buf_append(b, s, len);
}

static void titlecase_line(const char *s, size_t len, int sfl,
                           const normalise_case_opts *o, precis_buf *out)
{
    int all_caps = no_lower(s, len);
    size_t line0 = out->len, first_a = out->len, first_e = out->len;
    size_t last_a = out->len, last_e = out->len;
    size_t i = 0, w = 0;
    int nwords = 0;
    for (;;) {
        size_t k = i;
        uint32_t cp = i < len ? precis_utf8_next(s, len, &k) : 0;
        if (i < len && !normalise_is_space(cp)) {
            i = k;
            continue;
        }
        last_a = out->len;
        case_word(s + w, i - w, all_caps, sfl, o, out);
        last_e = out->len;
        if (nwords++ == 0) {
            first_a = last_a;
            first_e = last_e;
        }
        if (i >= len)
            break;
        put_space(out, s + i, k - i, o);
        i = w = k;
    }
    if (out->oom)
        return;
    if (sfl) {
        small_first(out, first_a, first_e);
        small_last(out, last_a, last_e);
    }
    subphrase(out, line0);
}

static int titlecase_text(const char *s, size_t len, int sfl,
                          const normalise_case_opts *o, precis_buf *out)
{
    /* Lines split at runs of line breaks (at each one with blank_lines)
     * and join with "\n". */
    size_t i = 0;
    for (;;) {
        size_t e = i;
        while (e < len && s[e] != '\n' && s[e] != '\r')
            e++;
        titlecase_line(s + i, e - i, sfl, o, out);
        if (e >= len)
            break;
        e++;
        while (!o->blank_lines && e < len && (s[e] == '\n' || s[e] == '\r'))
            e++;
        precis_buf_putc(out, '\n');
        i = e;
    }
    return out->oom ? -1 : 0;
}

int normalise_titlecase(const char *s, size_t len,
                        const normalise_case_opts *o, precis_buf *out)
{
    static const normalise_case_opts none = { 0, NULL, 0 };
    return titlecase_text(s, len, 1, o ? o : &none, out);
}

/* ---- sentence case ---- */

/* Most longer words capitalized: the headline is in title case, so a
 * capital says nothing about a proper noun. */
static int title_like(const char *s, size_t len)
{
    int words = 0, caps = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        size_t w = i;
        while (i < len && s[i] != ' ' && s[i] != '\t')
            i++;
        size_t a = w + skip_punct(s + w, i - w);
        if (i - a < 4 || w == 0)
            continue;
        size_t k = a;
        uint32_t cp = precis_utf8_next(s, len, &k);
        if (!normalise_is_letter(cp))
            continue;
        words++;
        caps += normalise_is_upper(cp);
    }
    return words > 0 && caps * 10 >= words * 6;
}

/* "I", "I'm", "I’ve": the pronoun keeps its capital. */
static int is_pronoun_i(const char *s, size_t len)
{
    size_t a = skip_punct(s, len);
    if (a >= len || s[a] != 'I')
        return 0;
    size_t r = a + 1;
    if (r == len)
        return 1;
    return s[r] == '\'' || (len - r >= 3 && !memcmp(s + r, "\xE2\x80\x99", 3))
        || normalise_is_punct(cp_at(s, len, r));
}

/* Cases one part of a word (words split at - and /). */
static void sentence_part(const char *s, size_t len, int start, int loud,
                          int title, const normalise_case_opts *o,
                          precis_buf *out)
{
    normalise_letters L = normalise_count_letters(s, len);
    if (L.upper + L.lower == 0 || inline_period(s, len)) {
        precis_buf_append(out, s, len);
        return;
    }
    int ev = evidence_for(o, s, len);
    if (loud) {
        if (uc_initials(s, len) || ev == NORMALISE_EV_UPPER
            || (L.upper == 1 && is_pronoun_i(s, len))) {
            precis_buf_append(out, s, len);
        } else if (start || ev == NORMALISE_EV_CAPITAL) {
            normalise_name_case(out, s, len);
        } else if (all_consonants(s, len)) {
            precis_buf_append(out, s, len);
        } else {
            normalise_put_cased(out, s, len, 'l');
        }
        return;
    }
    size_t a = skip_punct(s, len), k = a;
    uint32_t first = precis_utf8_next(s, len, &k);
    int capitalized = normalise_is_upper(first);
    if (L.upper >= 2 || (L.upper == 1 && !capitalized)
        || (capitalized && (start || is_pronoun_i(s, len)))) {
        precis_buf_append(out, s, len);     /* acronyms, iPhone, starts */
    } else if (capitalized) {
        int keep = ev == NORMALISE_EV_CAPITAL || ev == NORMALISE_EV_UPPER
                   || (!ev && !title);
        if (keep)
            precis_buf_append(out, s, len);
        else
            normalise_put_cased(out, s, len, 'l');
    } else if (start) {
        put_capfirst(out, s, len);
    } else {
        precis_buf_append(out, s, len);
    }
}

static void sentence_word(const char *s, size_t len, int start, int loud,
                          int title, const normalise_case_opts *o,
                          precis_buf *out)
{
    size_t i = 0;
    int first = 1;
    for (;;) {
        size_t e = i;
        while (e < len && s[e] != '-' && s[e] != '/')
            e++;
        sentence_part(s + i, e - i, start && first, loud, title, o, out);
        first = 0;
        if (e >= len)
            break;
        precis_buf_putc(out, s[e]);
        i = e + 1;
    }
}

/* A word after which a new sentence (or sub-title) starts. */
static int ends_phrase(const char *s, size_t len)
{
    while (len && (s[len - 1] == '"' || s[len - 1] == '\''))
        len--;
    return len && (s[len - 1] == ':' || s[len - 1] == '?'
                   || s[len - 1] == '!');
}

int normalise_sentencecase(const char *s, size_t len,
                           const normalise_case_opts *o, precis_buf *out)
{
    static const normalise_case_opts none = { 0, NULL, 0 };
    if (!o)
        o = &none;
    int loud = no_lower(s, len);
    int title = !loud && title_like(s, len);
    int start = 1;
    size_t i = 0, w = 0;
    for (;;) {
        size_t k = i;
        uint32_t cp = i < len ? precis_utf8_next(s, len, &k) : 0;
        if (i < len && !normalise_is_space(cp)) {
            i = k;
            continue;
        }
        if (i > w) {
            sentence_word(s + w, i - w, start, loud, title, o, out);
            start = ends_phrase(s + w, i - w);
        }
        if (i >= len)
            break;
        put_space(out, s + i, k - i, o);
        i = w = k;
    }
    return out->oom ? -1 : 0;
}
