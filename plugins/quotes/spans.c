/*
 * spans.c - quoted stretches of text, from the quotation marks alone.
 *
 * Each mark is read from its neighbours, as CommonMark reads emphasis: a
 * mark with a space (or an opening bracket, a dash, another mark) before
 * it and a letter after it can open; one with a letter or punctuation
 * before it and a space or punctuation after it can close.  The mark's
 * own shape decides the rest: „ always opens, “ closes a „ (German), » may
 * open (German »…«), ’ between letters is an apostrophe.  Marks pair on a
 * stack per family (double, guillemet, single), so nested quotes stay
 * inside the outer one and a single quote never closes a double one.
 *
 * A quote still open at the end of its paragraph continues when the next
 * paragraph opens with a mark of the same family (the multi-paragraph
 * convention: no closing mark until the last paragraph); otherwise it
 * ends with its paragraph and is flagged unclosed, so a stray mark never
 * swallows the rest of the article.  Single quotes are quotes only where
 * they open and close in one paragraph, and with single_quotes=auto only
 * in articles that do not use double quotes.
 */
#include "quotes.h"

#include <stdlib.h>
#include <string.h>

int quotes_is_upper(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    if (c >= 0xC0 && c <= 0xDE)
        return c != 0xD7;
    if (c >= 0x100 && c <= 0x17F)       /* Latin Extended-A pairs */
        return !(c & 1) && c != 0x138;
    if (c >= 0x391 && c <= 0x3AB)       /* Greek */
        return 1;
    if (c >= 0x400 && c <= 0x42F)       /* Cyrillic */
        return 1;
    return 0;
}

uint32_t quotes_to_lower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB)
        || (c >= 0x410 && c <= 0x42F))
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c & 1 ? c : c + 1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return c & 1 ? c + 1 : c;
    return c;
}

int quotes_is_cjk(uint32_t c)
{
    return (c >= 0x3040 && c <= 0x30FF)         /* kana */
           || (c >= 0x3400 && c <= 0x4DBF)      /* Han, extension A */
           || (c >= 0x4E00 && c <= 0x9FFF)      /* Han */
           || (c >= 0xF900 && c <= 0xFAFF)
           || (c >= 0x20000 && c <= 0x2FFFF);
}

int quotes_is_wordchar(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
               || (c >= '0' && c <= '9');
    if (c == 0xA0 || c == 0xAB || c == 0xBB || c == 0xBF || c == 0xA1
        || c == 0xD7 || c == 0xF7 || c < 0xC0)
        return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c >= 0x2000 && c <= 0x206F)     /* general punctuation */
        return 0;
    if (c >= 0x3000 && c <= 0x303F)     /* CJK punctuation */
        return 0;
    if ((c >= 0xFF00 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20)
        || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65))
        return 0;               /* fullwidth punctuation */
    return 1;
}

/* ---- Marks ------------------------------------------------------------ */

enum { ST_NEUTRAL, ST_OPEN, ST_CLOSE, ST_LOW };
enum { R_NONE = 0, R_OPEN = 1, R_CLOSE = 2, R_BOTH = 3 };

typedef struct mark {
    size_t pos, len;
    int family, style;
    int left, right;            /* flanking */
    int role;                   /* R_* */
    int weak;                   /* a closer that may be an apostrophe */
} mark;

/* The family and style of the quotation mark c, or 0. */
static int mark_kind(uint32_t c, int *style)
{
    switch (c) {
    case '"': *style = ST_NEUTRAL; return QF_DOUBLE;
    case 0x201C: *style = ST_OPEN; return QF_DOUBLE;      /* “ */
    case 0x201D: *style = ST_CLOSE; return QF_DOUBLE;     /* ” */
    case 0x201E: *style = ST_LOW; return QF_DOUBLE;       /* „ */
    case 0x201F: *style = ST_OPEN; return QF_DOUBLE;      /* ‟ */
    case 0xAB: *style = ST_OPEN; return QF_GUILLEMET;     /* « */
    case 0xBB: *style = ST_CLOSE; return QF_GUILLEMET;    /* » */
    case '\'': *style = ST_NEUTRAL; return QF_SINGLE;
    case 0x2018: *style = ST_OPEN; return QF_SINGLE;      /* ‘ */
    case 0x2019: *style = ST_CLOSE; return QF_SINGLE;     /* ’ */
    case 0x201A: *style = ST_LOW; return QF_SINGLE;       /* ‚ */
    case 0x201B: *style = ST_OPEN; return QF_SINGLE;      /* ‛ */
    case 0x2039: *style = ST_OPEN; return QF_SINGLE_GUILLEMET;
    case 0x203A: *style = ST_CLOSE; return QF_SINGLE_GUILLEMET;
    case 0x300C: *style = ST_OPEN; return QF_CORNER;      /* 「 */
    case 0x300D: *style = ST_CLOSE; return QF_CORNER;     /* 」 */
    case 0x300E: *style = ST_OPEN; return QF_WHITE_CORNER;
    case 0x300F: *style = ST_CLOSE; return QF_WHITE_CORNER;
    case 0x301D: *style = ST_OPEN; return QF_DOUBLE;      /* 〝 */
    case 0x301E: case 0x301F: *style = ST_CLOSE; return QF_DOUBLE;
    default: return 0;
    }
}

enum { C_SPACE, C_OPENP, C_CLOSEP, C_QUOTE, C_WORD };

static int char_class(uint32_t c)
{
    int style;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0
        || c == 0x2009 || c == 0x202F || c == 0x200B || c == 0x3000)
        return C_SPACE;
    if (mark_kind(c, &style))
        return C_QUOTE;
    switch (c) {
    case '(': case '[': case '{': case '-': case '/': case 0x2014:
    case 0x2013: case 0x2012: case 0x2015: case 0xBF: case 0xA1:
        return C_OPENP;
    case '.': case ',': case ';': case ':': case '!': case '?': case ')':
    case ']': case '}': case 0x2026: case '*':
        return C_CLOSEP;
    default:
        return quotes_is_wordchar(c) ? C_WORD : C_CLOSEP;
    }
}

static int is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

/* Words that start with an elided letter: 'em, 'til, 'cause … */
static int elision_after(const char *t, size_t n, size_t i)
{
    static const char *const words[] = { "em", "til", "tis", "twas", "cause",
                                         "cos", "bout", "round", "n", "nuff",
                                         "ol", "er", "ere", "ow", "im" };
    size_t j = i;
    char w[8];
    size_t k = 0;
    while (j < n && k < sizeof w - 1 && ((t[j] >= 'a' && t[j] <= 'z')
                                         || (t[j] >= 'A' && t[j] <= 'Z'))) {
        w[k++] = (char)(t[j] | 0x20);
        j++;
    }
    if (j < n && ((t[j] >= 'a' && t[j] <= 'z') || (t[j] >= 'A' && t[j] <= 'Z')))
        return 0;               /* longer than any elision */
    w[k] = 0;
    for (size_t m = 0; m < sizeof words / sizeof words[0]; m++)
        if (!strcmp(w, words[m]))
            return 1;
    return 0;
}

/* Reads the mark at t[i] inside paragraph [ps, pe). */
static void read_mark(const char *t, size_t ps, size_t pe, mark *m)
{
    size_t l;
    uint32_t prev = ' ', next = ' ';
    if (m->pos > ps)
        prev = quotes_utf8_back(t, m->pos, &l);
    if (m->pos + m->len < pe)
        next = quotes_utf8(t, pe, m->pos + m->len, &l);
    int pc = char_class(prev), nc = char_class(next);
    m->left = nc != C_SPACE && nc != C_CLOSEP
              && (pc == C_SPACE || pc == C_OPENP || pc == C_QUOTE);
    m->right = pc != C_SPACE && pc != C_OPENP
               && (nc == C_SPACE || nc == C_CLOSEP || nc == C_QUOTE
                   || nc == C_OPENP);
    int single = m->family == QF_SINGLE;
    m->role = R_NONE;
    m->weak = 0;
    if (m->family == QF_CORNER || m->family == QF_WHITE_CORNER
        || (m->pos > ps && quotes_is_cjk(prev))
        || (m->pos + m->len < pe && quotes_is_cjk(next))) {
        /* Text without spaces: the mark's shape alone tells. */
        m->role = m->style == ST_CLOSE ? R_CLOSE
                  : m->style == ST_NEUTRAL ? R_BOTH : R_OPEN;
        return;
    }
    if (m->style == ST_LOW) {
        m->role = R_OPEN;
    } else if (m->left && !m->right) {
        m->role = R_OPEN;
        /* '90s, 'em: an elided letter, not a quote. */
        if (single && (is_digit(next) || elision_after(t, pe, m->pos
                                                              + m->len)))
            m->role = R_NONE;
    } else if (m->right && !m->left) {
        m->role = R_CLOSE;
        /* dogs' bowls: a plural possessive may close only as a last
         * resort (see pair_paragraph). */
        if (single && (prev == 's' || prev == 'S') && nc == C_SPACE)
            m->weak = 1;
    } else if (m->left && m->right) {
        m->role = R_BOTH;
    } else if (!single) {
        /* Glued on both sides ("Hi,"she) or spaced on both (French
         * « … »): the shape decides, a straight mark toggles. */
        m->role = m->style == ST_OPEN ? R_OPEN
                  : m->style == ST_CLOSE ? R_CLOSE : R_BOTH;
    }
    /* Shape breaks ties: “ opens, ” closes. */
    if (m->role == R_BOTH && m->style == ST_OPEN)
        m->role = R_OPEN;
    if (m->role == R_BOTH && m->style == ST_CLOSE)
        m->role = R_CLOSE;
}

/* ---- Spans ------------------------------------------------------------ */

static int push_span(quotes_spans *s, const quotes_span *q)
{
    return PRECIS_VEC_PUSH(s, *q) ? PRECIS_ENOMEM : PRECIS_OK;
}

void quotes_spans_free(quotes_spans *s)
{
    free(s->v);
    s->v = NULL;
    s->n = s->cap = 0;
}

static int is_space_at(const char *t, size_t n, size_t i, size_t *len)
{
    uint32_t c = quotes_utf8(t, n, i, len);
    return char_class(c) == C_SPACE;
}

/* Counts words in t[a, b), runs of letters and digits, up to cap + 1: no
 * rule needs more, and quotes are long. */
int quotes_count_words(const char *t, size_t a, size_t b, int cap)
{
    int n = 0, in = 0, cjk = 0;
    for (size_t i = a; i < b && n <= cap;) {
        unsigned char u = (unsigned char)t[i];
        if (u < 0x80) {         /* the common case, without decoding */
            cjk = 0;
            int w = (unsigned)((u | 0x20) - 'a') < 26u
                    || (unsigned)(u - '0') < 10u
                    || (in && (u == '\'' || u == '-'));
            n += w && !in;
            in = w;
            i++;
            continue;
        }
        size_t l;
        uint32_t c = quotes_utf8(t, b, i, &l);
        if (quotes_is_cjk(c)) {
            /* Written without spaces: a word is two characters or so. */
            n += !(cjk++ & 1);
            in = 0;
            i += l;
            continue;
        }
        cjk = 0;
        int w = quotes_is_wordchar(c) || (in && (c == '\'' || c == 0x2019
                                                 || c == '-'));
        if (w && !in)
            n++;
        in = w;
        i += l;
    }
    return n;
}

/* Lower-cases an ASCII or Latin-1 word into out (NUL-terminated). */
static size_t lower_word(const char *t, size_t a, size_t b, char *out,
                         size_t cap)
{
    size_t k = 0;
    for (size_t i = a; i < b && k + 1 < cap; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c == 0xC3 && i + 1 < b && k + 2 < cap
                 && (unsigned char)t[i + 1] >= 0x80
                 && (unsigned char)t[i + 1] <= 0x9E
                 && (unsigned char)t[i + 1] != 0x97) {
            out[k++] = (char)c;
            out[k++] = (char)(t[++i] + 32);
            continue;
        }
        out[k++] = (char)c;
    }
    out[k] = 0;
    return k;
}

/* 1 when the quote opening at `open` starts a clause: nothing but space
 * before it in the paragraph, or clause punctuation, or a speech verb
 * (said “We …”). */
static int opens_clause(const char *t, size_t ps, size_t open)
{
    size_t i = open, l;
    while (i > ps) {
        uint32_t c = quotes_utf8_back(t, i, &l);
        if (c == '\n')
            return 1;           /* a line of its own */
        if (char_class(c) != C_SPACE)
            break;
        i -= l;
    }
    if (i == ps)
        return 1;
    uint32_t c = quotes_utf8_back(t, i, &l);
    int cls = char_class(c);
    if (cls == C_QUOTE || cls == C_OPENP)
        return 1;
    if (cls == C_CLOSEP)
        return c != ')' && c != ']';
    size_t e = i;
    while (i > ps) {
        c = quotes_utf8_back(t, i, &l);
        if (!quotes_is_wordchar(c))
            break;
        i -= l;
    }
    char w[48];
    size_t n = lower_word(t, i, e, w, sizeof w);
    return (quotes_lex(w, n) & QL_CUE) != 0;
}

/* The first letter of t[a, b) is a capital, or the text starts with no
 * letter at all (a digit, a bracket, an ellipsis). */
static int starts_upper(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        size_t l;
        uint32_t c = quotes_utf8(t, b, i, &l);
        if (is_digit(c))
            return 1;
        if (quotes_is_wordchar(c))
            return quotes_is_upper(c) || (c >= 0x3040);  /* caseless */
        i += l;
    }
    return 0;
}

static int ends_sentence(const char *t, size_t a, size_t b)
{
    while (b > a) {
        size_t l;
        uint32_t c = quotes_utf8_back(t, b, &l);
        if (c == '.' || c == '!' || c == '?' || c == 0x2026 || c == ','
            || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x3001
            || c == 0xFF0C)
            return 1;           /* and 。！？、， */
        if (char_class(c) != C_SPACE)
            return 0;
        b -= l;
    }
    return 0;
}

/* Fills a span's content, kind and word count. */
static void finish_span(const char *t, const quotes_para *paras,
                        quotes_span *q, int cap)
{
    size_t a = q->open_end, b = q->close, l;
    /* "WALLACE: Let's start …: the turn's words, not its label. */
    if (paras[q->para].body > a && paras[q->para].label_start >= q->open
        && paras[q->para].body < b)
        a = paras[q->para].body;
    while (a < b && is_space_at(t, b, a, &l))
        a += l;
    while (b > a) {
        uint32_t c = quotes_utf8_back(t, b, &l);
        if (char_class(c) != C_SPACE)
            break;
        b -= l;
    }
    q->start = a;
    q->end = b;
    q->words = quotes_count_words(t, a, b, cap);
    q->clause_start = opens_clause(t, paras[q->para].start, q->open);
    if (q->last_para != q->para || q->family == QF_NONE)
        q->kind = PRECIS_QUOTE_BLOCK;
    else if (q->clause_start
             && (starts_upper(t, a, b) || q->words >= 6
                 || ends_sentence(t, a, b)))
        q->kind = PRECIS_QUOTE_DIRECT;
    else
        q->kind = PRECIS_QUOTE_PARTIAL;
}

typedef struct pair_state {
    const char *t;
    size_t len;
    const quotes_para *paras;
    size_t npara;
    const quotes_opts *o;
    quotes_spans *out;
    mark *marks;                /* of the current paragraph */
    size_t nmarks, capmarks;
    /* The quote carried into the next paragraph, if any. */
    int carry;
    mark carried;
    size_t carried_para;
} pair_state;

enum { STACK_MAX = 16 };

/* Skips eight bytes at a time while they hold no " ' and no byte above
 * 0x7F (the lead bytes of the other marks): most of any text. */
static size_t skip_plain(const unsigned char *u, size_t i, size_t pe)
{
    const uint64_t ones = 0x0101010101010101ull;
    const uint64_t high = 0x8080808080808080ull;
    while (i + 8 <= pe) {
        uint64_t x;
        memcpy(&x, u + i, 8);
        uint64_t dq = x ^ (ones * '"'), sq = x ^ (ones * '\'');
        uint64_t hit = ((dq - ones) & ~dq) | ((sq - ones) & ~sq) | x;
        if (hit & high)
            break;
        i += 8;
    }
    return i;
}

static int ascii_letter(char c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u;
}

static int collect_marks(pair_state *st, size_t ps, size_t pe)
{
    /* Only " ' and the C2/E2/E3 lead bytes can start a mark. */
    static const unsigned char lead[256] = {
        ['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1 };
    const unsigned char *u = (const unsigned char *)st->t;
    st->nmarks = 0;
    for (size_t i = ps; i < pe;) {
        i = skip_plain(u, i, pe);
        while (i < pe && !lead[u[i]])
            i++;
        if (i >= pe)
            break;
        unsigned char b = u[i];
        /* don't: an apostrophe between ASCII letters is never a mark. */
        if (b == '\'' && i > ps && i + 1 < pe && ascii_letter(st->t[i - 1])
            && ascii_letter(st->t[i + 1])) {
            i++;
            continue;
        }
        size_t l;
        int style;
        uint32_t c = quotes_utf8(st->t, pe, i, &l);
        int fam = mark_kind(c, &style);
        if (b == '\'' && i + 1 < pe && st->t[i + 1] == '\'') {
            fam = QF_DOUBLE;    /* '' typed for ": ''Of course,'' he said */
            l = 2;
        }
        if (fam == QF_SINGLE || fam == QF_SINGLE_GUILLEMET) {
            if (st->o->single_quotes == QSINGLE_OFF)
                fam = 0;
        }
        if (fam) {
            if (st->nmarks == st->capmarks) {
                size_t cap = st->capmarks ? 2 * st->capmarks : 64;
                mark *v = realloc(st->marks, cap * sizeof *v);
                if (!v)
                    return PRECIS_ENOMEM;
                st->marks = v;
                st->capmarks = cap;
            }
            mark *m = &st->marks[st->nmarks++];
            m->pos = i;
            m->len = l;
            m->family = fam;
            m->style = style;
            read_mark(st->t, ps, pe, m);
        }
        i += l;
    }
    return PRECIS_OK;
}

/* A later closer of the same family in this paragraph, not weak. */
static int better_closer_after(const pair_state *st, size_t k, int family)
{
    for (size_t j = k + 1; j < st->nmarks; j++)
        if (st->marks[j].family == family && (st->marks[j].role & R_CLOSE)
            && !st->marks[j].weak)
            return 1;
    return 0;
}

static int emit(pair_state *st, const mark *open, size_t open_para,
                size_t close, size_t close_end, size_t para, unsigned flags)
{
    quotes_span q;
    memset(&q, 0, sizeof q);
    q.open = open->pos;
    q.open_end = open->pos + open->len;
    q.close = close;
    q.close_end = close_end;
    q.para = open_para;
    q.last_para = para;
    q.family = open->family;
    q.flags = flags;
    finish_span(st->t, st->paras, &q, quotes_count_cap(st->o));
    if (q.end <= q.start)
        return PRECIS_OK;       /* nothing between the marks */
    return push_span(st->out, &q);
}

/* Reads the word at or after j in [j, b): its lexicon classes, whether it
 * is capitalized, and where it ends (== j when the next thing is not a
 * word). */
static uint32_t next_word(const char *t, size_t b, size_t *j, size_t *e,
                          int *cap)
{
    size_t l;
    while (*j < b && is_space_at(t, b, *j, &l))
        *j += l;
    *e = *j;
    *cap = 0;
    while (*e < b) {
        uint32_t c = quotes_utf8(t, b, *e, &l);
        if (!quotes_is_wordchar(c) && c != '\'' && c != 0x2019)
            break;
        if (*e == *j)
            *cap = quotes_is_upper(c);
        *e += l;
    }
    if (*e == *j)
        return 0;
    char low[48];
    size_t n = lower_word(t, *j, *e, low, sizeof low);
    uint32_t m = quotes_lex(low, n);
    if (!strncmp(low, "continu", 7))
        m &= ~(uint32_t)QL_CUE;     /* "as long as he plays, I will go on" */
    return m | 0x80000000u;         /* "a word was read" */
}

/* Where narration starts inside an unclosed quote: the comma of
 * ", the organisation said", ", he said" or ", said Smith".  Returns the
 * byte after the comma, or b. */
static size_t attribution_break(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        if (t[i] != ',')
            continue;
        size_t j = i + 1, e;
        int cap;
        uint32_t m = next_word(t, b, &j, &e, &cap);
        if (m & QL_CUE)
            return i + 1;                       /* , said Smith */
        int subject = (m & (QL_PRONOUN | QL_DET))
                      || (cap && !(m & QL_FUNC));
        if (!subject || ((m & QL_FUNC) && !(m & (QL_PRONOUN | QL_DET))))
            continue;
        /* A short subject, then the verb: , the organisation said */
        for (int w = 0; w < 5; w++) {
            j = e;
            m = next_word(t, b, &j, &e, &cap);
            if (!m)
                break;
            if (m & QL_CUE)
                return i + 1;
            if ((m & (QL_STOP | QL_PRONOUN)) && !(m & QL_ADV))
                break;
        }
    }
    return b;
}

/* The next usable paragraph after p, if only skipped ones lie between. */
static size_t next_used(const pair_state *st, size_t p)
{
    for (size_t k = p + 1; k < st->npara && k <= p + 3; k++)
        if (st->paras[k].use)
            return k;
    return st->npara;
}

/* The first mark of paragraph q opens it, before any text. */
static int opens_paragraph(const pair_state *st, size_t q, int family)
{
    const quotes_para *p = &st->paras[q];
    size_t i = p->start, l;
    while (i < p->end && is_space_at(st->t, p->end, i, &l))
        i += l;
    if (i >= p->end)
        return 0;
    int style;
    uint32_t c = quotes_utf8(st->t, p->end, i, &l);
    int fam = mark_kind(c, &style);
    if (fam != family)
        return 0;
    mark m = { .pos = i, .len = l, .family = fam, .style = style };
    read_mark(st->t, p->start, p->end, &m);
    return m.role == R_OPEN || m.role == R_BOTH;
}

/* Only spaces (and closing marks: ridiculous.' "But) between a sentence
 * end (. ! ? …) and byte i. */
static int after_sentence(const char *t, size_t ps, size_t i)
{
    size_t l;
    int spaced = 0;
    while (i > ps) {
        uint32_t c = quotes_utf8_back(t, i, &l);
        int cls = char_class(c);
        if (cls == C_SPACE)
            spaced = 1;
        else if (cls != C_QUOTE || !spaced)
            return spaced && (c == '.' || c == '!' || c == '?'
                              || c == 0x2026);
        i -= l;
    }
    return 0;
}

static int pair_paragraph(pair_state *st, size_t p)
{
    const quotes_para *para = &st->paras[p];
    mark stack[STACK_MAX];
    size_t stack_para[STACK_MAX];
    size_t depth = 0, first = 0;
    int rc = collect_marks(st, para->start, para->end);
    if (rc)
        return rc;
    if (st->carry) {
        /* The carried quote's reopening mark is consumed here. */
        stack[0] = st->carried;
        stack_para[0] = st->carried_para;
        depth = 1;
        first = st->nmarks ? 1 : 0;
        st->carry = 0;
    }
    for (size_t k = first; k < st->nmarks; k++) {
        mark *m = &st->marks[k];
        int role = m->role;
        if (role == R_NONE)
            continue;
        if (role & R_CLOSE) {
            size_t d = depth;
            while (d > 0 && stack[d - 1].family != m->family)
                d--;
            int closes = d > 0;
            if (closes && role == R_BOTH && m->family == QF_SINGLE)
                closes = d == depth;
            if (closes && m->weak && better_closer_after(st, k, m->family))
                closes = 0;
            if (closes) {
                depth = d - 1;
                if (depth == 0) {
                    int rc2 = emit(st, &stack[0], stack_para[0], m->pos,
                                   m->pos + m->len, p, 0);
                    if (rc2)
                        return rc2;
                }
                continue;
            }
            if (role == R_CLOSE)
                continue;       /* a stray closing mark */
        }
        if (role == R_OPEN && depth == 1 && stack[0].family == m->family
            && m->family != QF_SINGLE && after_sentence(st->t, para->start,
                                                        m->pos)) {
            /* «…end. «Next: a paragraph break lost in the text, or a
             * quote that was never closed. */
            size_t from = stack[0].pos + stack[0].len;
            size_t cut = attribution_break(st->t, from, m->pos);
            if (cut == m->pos)
                continue;       /* the same quote goes on */
            int rc2 = emit(st, &stack[0], stack_para[0], cut, cut, p,
                           PRECIS_QUOTE_UNCLOSED);
            if (rc2)
                return rc2;
            depth = 0;
        }
        if (depth < STACK_MAX) {
            stack[depth] = *m;
            stack_para[depth++] = p;
        }
    }
    /* Left open: the outermost double or guillemet quote. */
    size_t d = 0;
    while (d < depth && (stack[d].family == QF_SINGLE
                         || stack[d].family == QF_SINGLE_GUILLEMET)
           && st->o->single_quotes != QSINGLE_ON)
        d++;
    if (d == depth)
        return PRECIS_OK;       /* open single marks were apostrophes */
    size_t q = next_used(st, p);
    /* A quote goes on into the next paragraph, but not into the next
     * turn of a transcript. */
    if (st->o->multi_paragraph && q < st->npara && !st->paras[q].body
        && opens_paragraph(st, q, stack[d].family)) {
        st->carry = 1;
        st->carried = stack[d];
        st->carried_para = stack_para[d];
        return PRECIS_OK;
    }
    if (stack[d].family == QF_SINGLE || stack[d].family == QF_SINGLE_GUILLEMET)
        return PRECIS_OK;
    /* Unclosed: up to the narration if some follows, else the end. */
    size_t from = stack_para[d] == p ? stack[d].pos + stack[d].len
                                     : para->start;
    size_t cut = attribution_break(st->t, from, para->end);
    return emit(st, &stack[d], stack_para[d], cut, cut, p,
                PRECIS_QUOTE_UNCLOSED);
}

/* Block quote paragraphs without marks of their own are quotes whole. */
static int block_paragraphs(pair_state *st)
{
    size_t k = 0, n = st->out->n;
    for (size_t p = 0; p < st->npara; p++) {
        if (!st->paras[p].use || st->paras[p].kind != PRECIS_KIND_BLOCKQUOTE)
            continue;
        while (k < n && st->out->v[k].last_para < p)
            k++;
        if (k < n && st->out->v[k].para <= p)
            continue;
        mark m = { .pos = st->paras[p].start, .len = 0, .family = QF_NONE };
        int rc = emit(st, &m, p, st->paras[p].end, st->paras[p].end, p, 0);
        if (rc)
            return rc;
    }
    return PRECIS_OK;
}

/* The first dash in t[a, b) that is followed by a speech verb, as in
 * «Vamos a ganar —dijo Maduro—, porque …»; b when there is none. */
static size_t narration_dash(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i + 3 <= b; i++) {
        const char *e2 = memchr(t + i, 0xE2, b - i - 2);
        if (!e2)
            break;
        i = (size_t)(e2 - t);
        if ((unsigned char)t[i] != 0xE2 || (unsigned char)t[i + 1] != 0x80
            || ((unsigned char)t[i + 2] != 0x94
                && (unsigned char)t[i + 2] != 0x93))
            continue;
        size_t j = i + 3, l;
        while (j < b && is_space_at(t, b, j, &l))
            j += l;
        size_t e = j;
        while (e < b) {
            uint32_t c = quotes_utf8(t, b, e, &l);
            if (!quotes_is_wordchar(c))
                break;
            e += l;
        }
        char w[48];
        size_t n = lower_word(t, j, e, w, sizeof w);
        if (e > j && (quotes_lex(w, n) & QL_CUE))
            return i;
    }
    return b;
}

/* Splits quotes interrupted by the narrator between dashes into the
 * quoted parts; the narration between them becomes ordinary text. */
static int split_interruptions(pair_state *st)
{
    size_t n = st->out->n;
    for (size_t k = 0; k < n; k++) {
        quotes_span *q = &st->out->v[k];
        if (q->kind == PRECIS_QUOTE_BLOCK || q->family == QF_NONE)
            continue;
        size_t d = narration_dash(st->t, q->start, q->end);
        if (d >= q->end)
            continue;
        /* The narration ends at the next dash, or with the quote. */
        size_t e = d + 3, l;
        while (e + 3 <= q->end && !((unsigned char)st->t[e] == 0xE2
                                    && (unsigned char)st->t[e + 1] == 0x80
                                    && ((unsigned char)st->t[e + 2] == 0x94
                                        || (unsigned char)st->t[e + 2]
                                               == 0x93)))
            e++;
        quotes_span second = *q;
        q->close = d;
        q->close_end = d;
        finish_span(st->t, st->paras, q, quotes_count_cap(st->o));
        if (e + 3 > second.end)
            continue;           /* no second dash: narration to the end */
        e += 3;
        while (e < second.end) {
            uint32_t c = quotes_utf8(st->t, second.end, e, &l);
            if (c != ',' && c != '.' && c != ';' && char_class(c) != C_SPACE)
                break;
            e += l;
        }
        second.open = second.open_end = e;
        finish_span(st->t, st->paras, &second, quotes_count_cap(st->o));
        if (second.end > second.start) {
            int rc = push_span(st->out, &second);
            if (rc)
                return rc;
            q = &st->out->v[k];
        }
    }
    return PRECIS_OK;
}

static int by_open(const void *x, const void *y)
{
    const quotes_span *a = x, *b = y;
    return a->open < b->open ? -1 : a->open > b->open;
}

/* single_quotes=auto: single quotes are the article's quotation marks
 * only when it has no double ones. */
static void drop_singles(quotes_spans *s, const quotes_opts *o)
{
    if (o->single_quotes != QSINGLE_AUTO)
        return;
    int doubles = 0;
    for (size_t i = 0; i < s->n; i++)
        doubles |= s->v[i].family == QF_DOUBLE
                   || s->v[i].family == QF_GUILLEMET
                   || s->v[i].family == QF_CORNER;
    if (!doubles)
        return;
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].family != QF_SINGLE
            && s->v[i].family != QF_SINGLE_GUILLEMET)
            s->v[k++] = s->v[i];
    s->n = k;
}

int quotes_find_spans(const quotes_doc *d, const quotes_opts *o,
                      quotes_spans *out)
{
    pair_state st = { .t = d->text, .len = d->len, .paras = d->paras,
                      .npara = d->npara, .o = o, .out = out };
    int rc = PRECIS_OK;
    for (size_t p = 0; p < d->npara && !rc; p++)
        if (d->paras[p].use)
            rc = pair_paragraph(&st, p);
    free(st.marks);
    if (rc)
        return rc;
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, by_open);
    if ((rc = block_paragraphs(&st)) || (rc = split_interruptions(&st)))
        return rc;
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, by_open);
    drop_singles(out, o);
    return PRECIS_OK;
}
