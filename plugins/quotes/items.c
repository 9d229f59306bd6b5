/*
 * items.c - reading a paragraph as items, and the speaker phrase next to
 * a cue.
 *
 * A word is a run of letters and digits, joined across an apostrophe
 * (don't), a hyphen (US-Venezuela) or the periods of an initialism
 * (U.S.); an abbreviation keeps its period (Mr., Sen.), so that period
 * ends no sentence; a possessive 's is left out of the word but noted.
 * A quote (or the part of it inside this paragraph) is one item.  Words
 * are neither copied nor looked up here: the lexicon is asked when a rule
 * needs a word's classes.
 */
#include "items.h"

#include <stdlib.h>

/* ---- Reading ------------------------------------------------------------ */

static int is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0
           || c == 0x2009 || c == 0x202F || c == 0x200B || c == 0x3000;
}

static int is_quote_char(uint32_t c)
{
    return c == '"' || c == '\'' || (c >= 0x2018 && c <= 0x201F)
           || c == 0xAB || c == 0xBB || c == 0x2039 || c == 0x203A
           || (c >= 0x300C && c <= 0x300F) || (c >= 0x301D && c <= 0x301F);
}

/* ASCII letters and digits: the inner loop of reading runs on this. */
static const unsigned char alnum[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
    ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1,
    ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1
};

static int ascii_alnum(unsigned char c)
{
    return alnum[c];
}

/* 1 when a word character starts at t[j]. */
static int word_at(const char *t, size_t pe, size_t j)
{
    if (j >= pe)
        return 0;
    unsigned char c = (unsigned char)t[j];
    if (c < 0x80)
        return ascii_alnum(c);
    size_t l;
    return quotes_is_wordchar(quotes_utf8(t, pe, j, &l));
}

/* Folds byte b (after byte prev) to lower case: ASCII, and Latin-1
 * capitals (C3 80-9E but for ×), as the lexicon's words are written. */
static unsigned char fold_byte(unsigned char prev, unsigned char b)
{
    if (b >= 'A' && b <= 'Z')
        return (unsigned char)(b | 0x20);
    if (prev == 0xC3 && b >= 0x80 && b <= 0x9E && b != 0x97)
        return (unsigned char)(b + 32);
    return b;
}

/* What follows a period at t[j - 1] continues its sentence: a closing
 * bracket, a comma or semicolon, or a lower-case word. */
static int period_goes_on(const char *t, size_t pe, size_t j)
{
    if (j >= pe)
        return 0;
    if (t[j] == ')' || t[j] == ',' || t[j] == ';')
        return 1;
    return t[j] == ' ' && j + 1 < pe && t[j + 1] >= 'a' && t[j + 1] <= 'z';
}

/* French puts the subject pronoun after its verb with a hyphen: "dit-il",
 * "a-t-elle déclaré".  The bytes of "il", "elle", "ils" or "elles" at
 * t[j], ending a word; 0 when none. */
static size_t clitic_at(const char *t, size_t pe, size_t j)
{
    static const char *const pro[] = { "elles", "elle", "ils", "il" };
    for (size_t k = 0; k < sizeof pro / sizeof pro[0]; k++) {
        size_t n = strlen(pro[k]);
        if (j + n <= pe && !memcmp(t + j, pro[k], n)
            && (j + n == pe || !word_at(t, pe, j + n)))
            return n;
    }
    return 0;
}

/* The hyphen at t[j] joins a verb to its pronoun: "-il", "-t-elle". */
static int clitic_hyphen(const char *t, size_t pe, size_t j)
{
    return t[j] == '-'
           && (clitic_at(t, pe, j + 1)
               || (j + 3 < pe && t[j + 1] == 't' && t[j + 2] == '-'
                   && clitic_at(t, pe, j + 3)));
}

/* Reads one word starting at i into w; returns where it ends.  The ASCII
 * path only finds the word's end: this runs for every word of every
 * paragraph read.  "dit-il" is read as two words, "dit" and "il", and
 * "a-t-elle" as "a" and "elle": the pronoun is the verb's subject. */
static size_t read_word(const char *t, size_t pe, size_t i, item *w)
{
    const unsigned char *u = (const unsigned char *)t;
    size_t j = i, l;
    if (i + 2 < pe && t[i] == 't' && t[i + 1] == '-' && i > 0
        && t[i - 1] == '-' && clitic_at(t, pe, i + 2))
        i = j = i + 2;
    w->type = IT_WORD;
    w->start = i;
    w->span = -1;
    w->poss = w->abbr = w->lex_done = 0;
    w->lex = w->ch = 0;
    while (j < pe) {
        while (j < pe && alnum[u[j]])
            j++;
        if (j >= pe)
            break;
        unsigned char c = u[j];
        if (c < 0x80) {
            if (j > i && clitic_hyphen(t, pe, j))
                break;          /* "dit-il", "a-t-elle" */
            /* don't, O'Neill, US-Venezuela, U.S. */
            if ((c == '\'' || c == '-' || c == '.') && word_at(t, pe, j + 1)) {
                if (c == '.' && !(j + 2 < pe && t[j + 2] == '.'))
                    break;
                j++;
                continue;
            }
            break;
        }
        uint32_t cp = quotes_utf8(t, pe, j, &l);
        if (!quotes_is_wordchar(cp)
            && !(cp == 0x2019 && word_at(t, pe, j + l)))
            break;
        j += l;
    }
    w->end = j;
    w->len = j - i;
    w->cap = u[i] < 0x80 ? (unsigned)(u[i] - 'A') < 26u
                         : quotes_is_upper(quotes_utf8(t, pe, i, &l));
    /* Smith's, Venezuela’s: the possessive is not part of the name. */
    size_t n = w->len;
    if (n > 2 && (t[j - 1] == 's' || t[j - 1] == 'S')) {
        size_t cut = t[j - 2] == '\'' ? 2
                     : n > 4 && !memcmp(t + j - 4, "\xE2\x80\x99", 3) ? 4 : 0;
        if (cut) {
            w->poss = 1;
            w->end = j - cut;
            w->len = n - cut;
        }
    }
    /* Abbreviations are short (Mr, Sen, Corp, U.S): longer words before a
     * period end their sentence without a look-up. */
    if (j < pe && t[j] == '.' && w->len <= 4) {
        if (w->len == 1 && w->cap) {
            w->abbr = 1;        /* an initial: J. */
        } else {
            w->lex = quotes_lex_text(t + i, w->len);
            w->lex_done = 1;
            w->abbr = (w->lex & QL_ABBR) != 0;  /* Mr. Sen. U.S. */
        }
        if (w->abbr) {
            j++;
            if (!w->poss)
                w->end = j;
        }
    }
    /* A period the sentence goes on after ("(D-Wis.) said", "R-Ky., said",
     * "2 p.m. on Friday") belongs to an abbreviation, whatever the word. */
    if (j < pe && t[j] == '.' && !w->abbr && !w->poss
        && period_goes_on(t, pe, j + 1)) {
        w->abbr = 1;
        w->end = ++j;
    }
    return j;
}

typedef struct item_buf {
    item *v;
    long n, cap;
} item_buf;

/* Room for one more item. */
static item *new_item(item_buf *b)
{
    if (b->n == b->cap) {
        long nc = b->cap ? 2 * b->cap : 64;
        item *v = realloc(b->v, (size_t)nc * sizeof *v);
        if (!v)
            return NULL;
        b->v = v;
        b->cap = nc;
    }
    return &b->v[b->n];
}

/* The part of span q inside paragraph p: [a, b). */
static void span_part(const qstate *s, const quotes_span *q, size_t p,
                      size_t *a, size_t *b)
{
    *a = q->para == p ? q->open : s->paras[p].start;
    *b = q->last_para == p ? q->close_end : s->paras[p].end;
    if (q->family == QF_NONE)
        *b = s->paras[p].end;
}

/* The first span reaching paragraph p, and whether it starts by then. */
static size_t first_span(const qstate *s, size_t p)
{
    size_t lo = 0, hi = s->spans->n;
    while (lo < hi) {           /* spans are in text order */
        size_t mid = (lo + hi) / 2;
        if (s->spans->v[mid].last_para < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Bytes that make no item: spaces, and the quotation marks no quote
 * was made of (apostrophes, strays). */
static const unsigned char skip[256] = {
    [' '] = 1, ['\n'] = 1, ['\t'] = 1, ['\r'] = 1, ['"'] = 1, ['\''] = 1 };

static int scan_into(const qstate *s, size_t p, item_buf *b)
{
    const char *t = s->t;
    size_t ps = s->paras[p].start, pe = s->paras[p].end;
    size_t k = first_span(s, p);
    /* The next quote part in this paragraph: [qa, qb). */
    size_t qa = pe, qb = pe;
    if (k < s->spans->n && s->spans->v[k].para <= p)
        span_part(s, &s->spans->v[k], p, &qa, &qb);
    for (size_t i = ps; i < pe;) {
        item *x;
        if (i >= qa) {
            /* A quote becomes one item. */
            if (!(x = new_item(b)))
                return PRECIS_ENOMEM;
            memset(x, 0, sizeof *x);
            x->type = IT_QUOTE;
            x->start = qa;
            x->end = qb;
            x->span = (long)k;
            b->n++;
            i = qb > i ? qb : i + 1;
            k++;
            qa = qb = pe;
            if (k < s->spans->n && s->spans->v[k].para <= p)
                span_part(s, &s->spans->v[k], p, &qa, &qb);
            continue;
        }
        unsigned char c8 = (unsigned char)t[i];
        if (skip[c8]) {
            while (++i < qa && skip[(unsigned char)t[i]])
                ;
            continue;
        }
        size_t l = 1;
        uint32_t c = c8 < 0x80 ? c8 : quotes_utf8(t, pe, i, &l);
        if (c8 >= 0x80 && (is_space(c) || is_quote_char(c))) {
            i += l;
            continue;
        }
        /* the hyphen of "dit-il", "a-t-elle": no item, as a space */
        if (i > 0 && (ascii_alnum((unsigned char)t[i - 1])
                      || (unsigned char)t[i - 1] >= 0x80)
            && clitic_hyphen(t, pe, i)) {
            i++;
            continue;
        }
        if (!(x = new_item(b)))
            return PRECIS_ENOMEM;
        if (c8 < 0x80 ? ascii_alnum(c8) : quotes_is_wordchar(c)) {
            size_t e = read_word(t, pe, i, x);
            if (e > qa) {       /* never read into the next quote */
                e = qa > i ? qa : i + l;
                x->end = e;
                x->len = e - x->start;
            }
            b->n++;
            i = e > i ? e : i + l;
            continue;
        }
        memset(x, 0, sizeof *x);
        x->type = IT_PUNCT;
        x->start = i;
        x->end = i + l;
        x->ch = c >= 0x2012 && c <= 0x2015 ? '-' : c;   /* dashes, ― */
        x->span = -1;
        b->n++;
        i += l;
    }
    return PRECIS_OK;
}

int quotes_scan(qstate *s, size_t p)
{
    qpara *q = &s->pp[p];
    if (q->scanned)
        return PRECIS_OK;
    item_buf b = { NULL, 0, 0 };
    int rc = scan_into(s, p, &b);
    if (rc) {
        free(b.v);
        return rc;
    }
    q->it = b.v;
    q->n = b.n;
    q->scanned = 1;
    return PRECIS_OK;
}

void quotes_view(qstate *s, size_t p)
{
    s->para = p;
    s->it = s->pp[p].it;
    s->n = s->pp[p].n;
}

size_t quotes_lower(qstate *s, long i, char *buf)
{
    const item *x = &s->it[i];
    size_t n = x->len < LOW_MAX - 1 ? x->len : LOW_MAX - 1;
    unsigned char prev = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char b = (unsigned char)s->t[x->start + k];
        buf[k] = (char)fold_byte(prev, b);
        prev = b;
    }
    buf[n] = 0;
    return n;
}

int quotes_word_is(qstate *s, long i, const char *w)
{
    if (!is_word(s, i))
        return 0;
    const item *x = &s->it[i];
    size_t n = strlen(w);
    if (x->len != n)
        return 0;
    unsigned char prev = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char b = (unsigned char)s->t[x->start + k];
        if (fold_byte(prev, b) != (unsigned char)w[k])
            return 0;
        prev = b;
    }
    return 1;
}

#define word_is quotes_word_is

int quotes_person_noun(qstate *s, long i)
{
    static const char *const suffix[] = { "er", "or", "ist", "ian", "ant",
                                          "ent", "man", "woman", "eon",
                                          "ee", "ate", "ive", "ado", "ada",
                                          "ora", "eiro", "eira" };
    static const char *const not_person[] = {
        "paper", "newspaper", "letter", "statement", "document", "report",
        "order", "filing", "poster", "register", "center", "centre",
        "computer", "number", "chapter", "government", "department",
        "parliament", "agreement", "announcement", "tribunal", "mandate",
        "estimate", "update", "debate", "senate", "state", "corporate",
        "initiative", "executive", "committee", "magazine", "website",
        "motive", "narrative", "directive", "archive", "database", "climate",
        "former", "latter", "other", "another", "number", "member",
        "estado", "mercado", "jornal", "periódico", "informe", "comunicado",
        "partido" };
    if (lex(s, i, QL_WORK | QL_ORG))
        return 0;
    char low[LOW_MAX];
    size_t len = quotes_lower(s, i, low);
    for (size_t k = 0; k < sizeof not_person / sizeof not_person[0]; k++)
        if (!strcmp(low, not_person[k]))
            return 0;
    for (size_t k = 0; k < sizeof suffix / sizeof suffix[0]; k++) {
        size_t n = strlen(suffix[k]);
        if (len > n + 2 && !strcmp(low + len - n, suffix[k]))
            return 1;
    }
    return 0;
}

long quotes_according(qstate *s, long i, long *cue_end)
{
    if (!is_word(s, i))
        return 0;
    if (word_is(s, i, "according") && word_is(s, i + 1, "to")) {
        *cue_end = i + 1;
        return i + 2;
    }
    if (word_is(s, i, "acordo") && word_is(s, i - 1, "de")
        && word_is(s, i + 1, "com")) {
        *cue_end = i + 1;
        return i + 2;
    }
    if (lex(s, i, QL_ACCORDING) && !word_is(s, i, "according")) {
        *cue_end = i;
        return i + 1;
    }
    return 0;
}

/* ---- Speaker phrases ---------------------------------------------------- */

static int np_end(qstate *s, long e, long lo, np *out, int depth);

/* "Paul Miller of Thames Valley Police", "the chairman of the GOP": the
 * phrase [a, e] read back past "of" to the head before it. */
static void of_head(qstate *s, long a, long lo, np *out, int depth)
{
    np head = { 0 };
    if (depth < 2 && a - 2 >= lo && !s->it[a - 1].cap
        && (word_is(s, a - 1, "of") || word_is(s, a - 1, "for")
            || word_is(s, a - 1, "at") || word_is(s, a - 1, "from"))
        && np_end(s, a - 2, lo, &head, depth + 1)
        && !(head.a == head.b && pronoun(s, head.a)))
        out->a = head.a;
}

/* The phrase ending at item e (read backward). */
static int np_end(qstate *s, long e, long lo, np *out, int depth)
{
    if (!is_word(s, e) || e < lo)
        return 0;
    const item *x = &s->it[e];
    if (pronoun(s, e)) {
        out->a = out->b = e;
        return 1;
    }
    if (x->cap && name_word(s, e)) {
        long a = e;
        while (a - 1 >= lo && !s->it[a - 1].poss
               && (name_word(s, a - 1)
                   || (lex(s, a - 1, QL_PARTICLE) && a - 2 >= lo
                       && name_word(s, a - 2))))
            a--;
        /* "Democratic pollster Stan Greenberg", "former Vice President …" */
        while (a - 1 >= lo && lex(s, a - 1, QL_ROLE) && !s->it[a - 1].cap
               && !s->it[a - 1].poss) {
            a--;
            while (a - 1 >= lo && name_word(s, a - 1) && !s->it[a - 1].poss)
                a--;
        }
        if (a - 1 >= lo && lex(s, a - 1, QL_DET))
            a--;
        out->a = a;
        out->b = e;
        of_head(s, a, lo, out, depth);
        return 1;
    }
    if (x->cap || lex(s, e, QL_STOP | QL_PREP | QL_CUE | QL_REL | QL_DET
                                | QL_ADV))
        return 0;
    /* "the retired neurosurgeon", "the Russian official", "the
     * 34-year-old mother of three" */
    for (long d = e - 1; d >= lo && d >= e - 7; d--) {
        if (!is_word(s, d))
            break;
        if (lex(s, d, QL_DET) || s->it[d].poss) {
            out->a = d;
            out->b = e;
            of_head(s, d, lo, out, depth);
            return 1;
        }
        if (word_is(s, d, "of") && d > lo && d < e && !s->it[d - 1].cap
            && (quotes_person_noun(s, d - 1)
                || lex(s, d - 1, QL_MALE | QL_FEMALE | QL_ROLE)))
            continue;           /* "mother of", "chief of" */
        if (lex(s, d, QL_STOP | QL_PREP | QL_CUE | QL_REL | QL_PRONOUN
                          | QL_ADV))
            break;
    }
    if (lex(s, e, QL_GROUP | QL_ROLE)) {
        long a = e;
        while (a - 1 >= lo && name_word(s, a - 1))
            a--;
        /* "Andrew Burke, chief of …": the name the role follows. */
        if (a == e && a - 2 >= lo && is_punct(s, a - 1, ',')
            && name_word(s, a - 2)) {
            a -= 2;
            while (a - 1 >= lo && name_word(s, a - 1))
                a--;
        }
        out->a = a;
        out->b = e;
        return 1;
    }
    return 0;
}

/* The first phrase of [lo, hi), when a comma follows it (or need_comma
 * is 0): the subject of "Geoff Garin, a Democratic pollster …, said". */
int quotes_np_first(qstate *s, long lo, long hi, np *out, int need_comma)
{
    long f = lo;
    /* "During a speech in Ohio, Trump …", "When asked, she …": the
     * subject follows the introductory phrase and its comma. */
    for (int skip = 0; skip < 2; skip++) {
        long w = f;
        while (w < hi && s->it[w].type != IT_WORD)
            w++;
        if (w >= hi || !lex(s, w, QL_PREP | QL_INTRO)
            || lex(s, w, QL_PRONOUN | QL_DET))
            break;
        long c = w + 1;
        while (c < hi && !is_punct(s, c, ','))
            c++;
        if (c + 1 >= hi)
            break;
        f = c + 1;
    }
    /* Skip "But", "also" …; a capital that is only an adverb elsewhere
     * is a name here (Will Estrada). */
    while (f < hi && (s->it[f].type != IT_WORD
                      || (lex(s, f, QL_FUNC)
                          && !lex(s, f, QL_PRONOUN | QL_DET))
                      || adverb(s, f)))
        f++;
    if (f >= hi)
        return 0;
    long e = f;
    if (pronoun(s, f)) {
        e = f;
    } else if (name_word(s, f)) {
        /* "Democratic nominee Hillary Clinton": role words between the
         * capitals of one name phrase. */
        while (e + 1 < hi && !s->it[e].poss
               && (name_word(s, e + 1)
                   || (lex(s, e + 1, QL_PARTICLE) && name_word(s, e + 2))
                   || (is_word(s, e + 1) && !s->it[e + 1].cap
                       && (lex(s, e + 1, QL_ROLE)
                           || quotes_person_noun(s, e + 1))
                       && name_word(s, e + 2))))
            e++;
    } else if (lex(s, f, QL_DET)) {
        while (e + 1 < hi && is_word(s, e + 1) && e - f < 6)
            e++;
    } else {
        return 0;
    }
    /* "Rep. Jim Jordan (R-Ohio), an oversight panel member, said": a
     * bracket after the name belongs to it. */
    long after = e + 1;
    if (is_punct(s, after, '(')) {
        while (after < hi && !is_punct(s, after, ')'))
            after++;
        after++;
    }
    if (need_comma && !is_punct(s, after, ','))
        return 0;
    /* "The BBC's correspondent in Jakarta, Rachel Harvey, told": the
     * name in apposition belongs to the phrase. */
    if (lex(s, f, QL_DET) && is_punct(s, e + 1, ',')) {
        long r = e + 2;         /* ", the Most Reverend Peter Smith," */
        while (r < hi && r - e <= 3 && lex(s, r, QL_DET | QL_FUNC)
               && !name_word(s, r))
            r++;
        if (name_word(s, r)) {
            while (r + 1 < hi && name_word(s, r + 1))
                r++;
            if (r + 1 >= hi || is_punct(s, r + 1, ','))
                e = r;
        }
    }
    out->a = f;
    out->b = e;
    return 1;
}

/* The verb is a participle: "…, saying", "…, adding". */
static int participle(const qstate *s, long c)
{
    const item *x = &s->it[c];
    const char *w = s->t + x->start;
    return x->len > 4 && w[x->len - 3] == 'i' && w[x->len - 2] == 'n'
           && w[x->len - 1] == 'g';
}

/* A lower-case word in -ed: a verb in the past tense, by its shape. */
static int past_tense(const qstate *s, long i)
{
    const item *x = &s->it[i];
    const char *w = s->t + x->start;
    return is_word(s, i) && !x->cap && x->len > 4 && w[x->len - 2] == 'e'
           && w[x->len - 1] == 'd';
}

int quotes_np_back(qstate *s, long c, long lo, np *out, int depth)
{
    long i = c - 1;
    while (i >= lo && adverb(s, i))
        i--;
    if (i < lo)
        return 0;
    /* "I laughed and said", "urges her husband … and repeatedly says":
     * verbs joined by "and" share the sentence's subject. */
    if (depth < 2 && word_is(s, i, "and") && i - 1 > lo) {
        if (is_cue(s, i - 1, 1) || past_tense(s, i - 1))
            return quotes_np_back(s, i - 1, lo, out, depth + 1);
        return quotes_np_first(s, lo, i, out, 0);
    }
    if (is_punct(s, i, ',')) {
        /* "continued, saying": the subject of the first verb. */
        if (depth < 2 && i - 1 >= lo && is_cue(s, i - 1, 1))
            return quotes_np_back(s, i - 1, lo, out, depth + 1);
        /* "Michael Howard has backed …, saying": the sentence's subject */
        return quotes_np_first(s, lo, i, out, !participle(s, c));
    }
    if (is_punct(s, i, ')')) {
        while (i >= lo && !is_punct(s, i, '('))
            i--;
        return depth < 2 && i > lo
               && quotes_np_back(s, i, lo, out, depth + 1);
    }
    if (lex(s, i, QL_REL)) {
        long j = i - 1;
        if (is_punct(s, j, ','))
            j--;
        return np_end(s, j, lo, out, 0);
    }
    return np_end(s, i, lo, out, 0);
}

/* Skips "Monday", "on Tuesday", "last week", "later". */
static long skip_time(qstate *s, long i, long hi)
{
    for (;;) {
        if (i < hi && (lex(s, i, QL_TIME) || adverb(s, i)))
            i++;
        else if (i + 1 < hi && lex(s, i + 1, QL_TIME)
                 && (word_is(s, i, "on") || word_is(s, i, "last")
                     || word_is(s, i, "this") || word_is(s, i, "next")
                     || word_is(s, i, "el") || word_is(s, i, "este")
                     || word_is(s, i, "nesta") || word_is(s, i, "na")))
            i += 2;
        else
            return i;
    }
}

static int ofish(qstate *s, long j)
{
    return word_is(s, j, "of") || word_is(s, j, "for")
           || word_is(s, j, "de") || word_is(s, j, "del")
           || word_is(s, j, "do") || word_is(s, j, "da");
}

/* "said 9/11 widow Terry Strada", "said longtime strategist Ann Lee": a
 * few lower-case words describing the name that follows and ends the
 * clause. */
static int described_name(qstate *s, long i, long hi, np *out)
{
    long j = i;
    while (j < hi && j - i < 6 && !name_word(s, j)) {
        if (is_word(s, j) ? s->it[j].cap
                                || lex(s, j, QL_STOP | QL_CUE | QL_REL
                                                 | QL_PREP | QL_PRONOUN)
                          : !(is_punct(s, j, '/') || is_punct(s, j, '-')))
            return 0;
        j++;
    }
    if (j >= hi || j == i || !name_word(s, j))
        return 0;
    long b = j;
    while (b + 1 < hi && name_word(s, b + 1))
        b++;
    if (b + 1 < hi && !is_punct(s, b + 1, ',') && !ends_sentence(s, b + 1))
        return 0;
    out->a = i;
    out->b = b;
    return 1;
}

int quotes_np_forward(qstate *s, long i, long hi, np *out)
{
    i = skip_time(s, i, hi);
    if (i >= hi || !is_word(s, i))
        return 0;
    const item *x = &s->it[i];
    if (pronoun(s, i)) {
        out->a = out->b = i;
        return 1;
    }
    int ok = x->cap || lex(s, i, QL_DET | QL_ROLE | QL_GROUP);
    if (!ok)
        return described_name(s, i, hi, out);
    if (lex(s, i, QL_REL | QL_CUE) || word_is(s, i, "that"))
        return 0;
    long b = i, j = i + 1;
    int lower_seen = 0, name_after_lower = 0;
    while (j < hi && is_word(s, j) && j - i < 10) {
        const item *w = &s->it[j];
        /* "Lula da Silva": a particle between names. */
        if (!w->cap && lex(s, j, QL_PARTICLE) && s->it[j - 1].cap
            && name_word(s, j + 1) && j + 1 < hi) {
            b = ++j;
            continue;
        }
        if (!w->cap && lex(s, j, QL_STOP | QL_REL | QL_CUE))
            break;
        if (!w->cap && name_after_lower)
            break;
        /* After a full name only a role word goes on ("Democratic
         * pollster Stan Greenberg"): "Angela Merkel am Montag" ends at
         * Merkel; "the Russian broadcaster RT" goes on. */
        if (!w->cap && s->it[j - 1].cap && j - 2 >= i && s->it[j - 2].cap
            && !lex(s, j, QL_ROLE | QL_GROUP | QL_DET | QL_PREP))
            break;
        /* "chairman of the Rockingham County GOP" */
        if (!w->cap && lex(s, j, QL_PREP)
            && !(ofish(s, j) && (name_word(s, j + 1) || lex(s, j + 1, QL_DET))))
            break;
        if (!w->cap && !lex(s, j, QL_DET | QL_PREP))
            lower_seen = 1;
        if (w->cap && lower_seen)
            name_after_lower = 1;
        b = j++;
        if (w->poss && !w->cap)
            break;
    }
    while (b > i && lex(s, b, QL_PREP | QL_DET))
        b--;
    /* "сказал Путин журналистам", "said Smith yesterday": a name ends
     * before lower-case words that name nobody. */
    if (x->cap && !lex(s, i, QL_DET))
        while (b > i && !s->it[b].cap
               && !lex(s, b, QL_ROLE | QL_GROUP | QL_GENERIC)
               && !quotes_person_noun(s, b))
            b--;
    if (b == i && lex(s, i, QL_DET))
        return 0;
    /* "o ministro da Fazenda, Fernando Haddad": the name after a role. */
    if (!name_after_lower && !x->cap && is_punct(s, b + 1, ',')
        && b + 2 < hi && name_word(s, b + 2)) {
        long e = b + 2;
        while (e + 1 < hi && name_word(s, e + 1))
            e++;
        if (e + 1 >= hi || s->it[e + 1].type == IT_PUNCT)
            b = e;
    }
    out->a = i;
    out->b = b;
    return 1;
}

const char *quotes_copy(qstate *s, size_t a, size_t b)
{
    char *c = s->alloc(s->alloc_ud, b - a + 1);
    if (c) {
        memcpy(c, s->t + a, b - a);
        c[b - a] = 0;
    }
    return c;
}

int quotes_read_once(qstate *s, size_t p, int *done,
                     int (*read)(qstate *s, qpara *pp))
{
    if (*done)
        return PRECIS_OK;
    *done = 1;
    int rc = quotes_scan(s, p);
    if (rc)
        return rc;
    size_t keep = s->para;
    quotes_view(s, p);
    rc = read(s, &s->pp[p]);
    quotes_view(s, keep);
    return rc;
}

/* ---- Capitals ---------------------------------------------------------- */

static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a'
                                                   && (c | 0x20) <= 'z')
           || c == '-' || c == '\'';
}

/* w[0, n) with its first letter in small letters, into out (n bytes);
 * 0 when it has no capital quotes_to_lower knows, or the small letter
 * takes other bytes. */
static int small_first(const char *w, size_t n, char *out)
{
    size_t l;
    uint32_t cp = quotes_utf8(w, n, 0, &l), lo = quotes_to_lower(cp);
    char enc[4];
    if (lo == cp || precis_utf8_encode(lo, enc) != l)
        return 0;
    memcpy(out, enc, l);
    memcpy(out + l, w + l, n - l);
    return 1;
}

/* ---- The article's words, read once ---------------------------------- */

/*
 * For the three questions below, every word of the article is read once
 * into a table: how it is written where (inside a sentence, after a
 * capitalised word).  A scan of the whole text per question made an
 * article of 20 000 quotes take seconds.
 */
enum { WS_INSIDE = 1, WS_AFTER_CAPITAL = 2 };

/* The article writes a capital inside a sentence at t[i] (the word's
 * first byte): what stands before it is no sentence's end. */
static int inside_sentence(const char *t, size_t i)
{
    size_t j = i;
    while (j > 0 && (t[j - 1] == ' ' || t[j - 1] == '\t'))
        j--;
    unsigned char c = j ? (unsigned char)t[j - 1] : '.';
    if (c == '.' && j > 1) {
        /* "Mrs. Clinton", "Sen. Lee": the stop of an abbreviation */
        size_t st = j - 1;
        while (st > 0 && word_byte((unsigned char)t[st - 1]))
            st--;
        return st < j - 1
               && (quotes_lex_text(t + st, j - 1 - st) & QL_ABBR);
    }
    return c != '.' && c != '!' && c != '?' && c != '\n' && c != '\r'
           && c != '"' && c < 0x80;
}

/* The word t[st, e) before one space ends a name's first part: it has a
 * capital and is no article, preposition or time ("Nancy Pelosi", not
 * "Eine Person", "Im Refrain"). */
static int name_before(const char *t, size_t st, size_t e)
{
    size_t l;
    uint32_t cp = quotes_utf8(t, e, st, &l);
    return quotes_is_upper(cp)
           && !(quotes_lex_text(t + st, e - st)
                & (QL_FUNC | QL_DET | QL_PREP | QL_TIME));
}

static uint32_t word_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < n; k++)
        h = (h ^ (unsigned char)w[k]) * 16777619u;
    return h;
}

static word_seen *seen_slot(word_seen *v, size_t cap, const char *t,
                            const char *w, size_t n)
{
    size_t i = word_hash(w, n) & (cap - 1);
    while (v[i].len && (v[i].len != n || memcmp(t + v[i].at, w, n)))
        i = (i + 1) & (cap - 1);
    return &v[i];
}

/* Builds s->seen; 0, or PRECIS_ENOMEM (the questions then answer 0). */
static int read_words(qstate *s)
{
    size_t words = 0, cap = 64;
    for (size_t i = 0; i < s->len; i++)
        words += word_byte((unsigned char)s->t[i])
                 && (!i || !word_byte((unsigned char)s->t[i - 1]));
    while (cap < 2 * words + 2)
        cap *= 2;
    word_seen *v = calloc(cap, sizeof *v);
    if (!v)
        return PRECIS_ENOMEM;
    size_t prev_st = 0, prev_e = 0;
    for (size_t i = 0; i < s->len;) {
        if (!word_byte((unsigned char)s->t[i])) {
            i++;
            continue;
        }
        size_t st = i;
        while (i < s->len && word_byte((unsigned char)s->t[i]))
            i++;
        if (i - st > UINT32_MAX / 2)
            continue;
        word_seen *w = seen_slot(v, cap, s->t, s->t + st, i - st);
        if (!w->len) {
            w->at = st;
            w->len = (uint32_t)(i - st);
        }
        if (inside_sentence(s->t, st))
            w->flags |= WS_INSIDE;
        /* asked in German only (quotes_in_full_name), and the dearest */
        if (s->german && prev_e && prev_e + 1 == st && s->t[prev_e] == ' '
            && name_before(s->t, prev_st, prev_e))
            w->flags |= WS_AFTER_CAPITAL;
        prev_st = st;
        prev_e = i;
    }
    s->seen = v;
    s->capseen = cap;
    return PRECIS_OK;
}

/* What the article shows of the word w[0, n): its WS_* flags, -1 when
 * the article does not hold it, 0 when out of memory. */
static int seen_flags(qstate *s, const char *w, size_t n)
{
    if (!s->seen && (s->seen_failed || read_words(s))) {
        s->seen_failed = 1;
        return 0;
    }
    const word_seen *x = seen_slot(s->seen, s->capseen, s->t, w, n);
    return x->len ? (int)x->flags : -1;
}

/*
 * One capitalised word that opens its sentence proves nothing by its
 * capital: "Fyra sa …", "Ze zei …", "Někdo řekl …" are a number and
 * pronouns of languages without a list here.  When the article also
 * writes the word in small letters, it is such a word, not a name.
 */
int quotes_written_small(qstate *s, size_t a, size_t b)
{
    char low[LOW_MAX];
    size_t n = b - a;
    if (!n || n >= sizeof low || !small_first(s->t + a, n, low))
        return 0;
    return seen_flags(s, low, n) >= 0;
}

int quotes_capital_inside(qstate *s, size_t a, size_t b)
{
    int f = b > a ? seen_flags(s, s->t + a, b - a) : -1;
    return f > 0 && (f & WS_INSIDE);
}

int quotes_in_full_name(qstate *s, size_t a, size_t b)
{
    int f = b > a ? seen_flags(s, s->t + a, b - a) : -1;
    return f > 0 && (f & WS_AFTER_CAPITAL);
}

/* "Davis'in", "Paddington'dan", "Mahkeme'de": a name with a case ending
 * after an apostrophe (Turkish) is no subject; "O'Neill" and "Smith's"
 * (read as a possessive) are not such endings. */
int quotes_inflected_name(const qstate *s, long i)
{
    const item *x = &s->it[i];
    const char *w = s->t + x->start;
    for (size_t k = 1; k + 1 < x->len; k++) {
        size_t after = w[k] == '\'' ? k + 1
                       : k + 3 <= x->len && !memcmp(w + k, "\xE2\x80\x99", 3)
                             ? k + 3 : 0;
        if (!after || after >= x->len)
            continue;
        unsigned char c = (unsigned char)w[after];
        return (c >= 'a' && c <= 'z') || c >= 0xC3;
    }
    return 0;
}
