/*
 * date.c - finding and parsing publication dates in article text.
 *
 * The input is read as a stream of small tokens - a run of digits, a run
 * of letters, or one punctuation character - produced on demand from a
 * byte offset.  Nothing is stored, so nothing is allocated, and trying a
 * pattern and giving it up ("backtracking") only means going back to an
 * earlier offset.  Letters are case- and accent-folded to ASCII as they are
 * read ("Févr" -> "fevr", "März" -> "marz"), so every table below is plain
 * ASCII and "with or without accents" costs nothing.  No ctype, strptime
 * or locale call is used: the result never depends on the machine.
 *
 * At every token, in order, these are tried:
 *
 *   - a time, then a date   "3:15 p.m. ET Sept. 12, 2024"
 *   - a date, then a time   "Sept. 12, 2024 at 9:00 a.m. EDT"
 *
 * where a date is one of
 *
 *   - year first            2024-09-11[T14:05:00Z], 2024/09/11,
 *                           20240911T140500Z (compact: see m_compact)
 *   - numeric, year last    11/09/2024, 09/11/2024, 11.09.2024, 11/09/24
 *   - month name first      Sept. 11, 2024; Sep 11 2024
 *   - day first             11 September 2024, 11. September 2024,
 *                           11 de septiembre de 2024, 1er septembre 2024
 *
 * and a time is "14:05[:00]", "4:05 PM", "4 p.m.", "14h05", "14.05 Uhr",
 * optionally followed by a zone (Z, +02:00, +0200, UTC, GMT+2, EDT, CEST,
 * ...).  A label word ("Published", "Actualizado", "Mis à jour", ...)
 * gives its kind to the next date.  Every date found is checked against
 * the calendar (no 2023-02-29, no 31 April) and the years 1800-2100.
 *
 * 11/09/2024 is ambiguous.  When one part is over 12 it decides; else the
 * whole string is weighed: English-only words (English weekdays, labels,
 * "on", "at", "PM", US zones) against words of the other four languages.
 * If English wins the date reads month first, otherwise day first - most
 * of the world writes D/M, so a bare "09/11/2024" is 9 November.  Dotted
 * dates (11.09.2024) are always day first.
 */
#include "text/date.h"

#include <precis/util.h>

#include <string.h>

#include "text/date_names.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { YEAR_MIN = 1800, YEAR_MAX = 2100 };

/* ------------------------------------------------------------------ */
/* Tokens                                                              */
/* ------------------------------------------------------------------ */

enum { T_END, T_WORD, T_NUM, T_PUNCT };
enum { C_SPACE, C_DIGIT, C_LETTER, C_PUNCT };
enum { KEY_MAX = 24 };          /* longer words match no table entry */

typedef struct text {
    const char *s;
    size_t len;
} text;

typedef struct tok {
    int type;
    int space;                  /* white space came before it */
    size_t start, end;          /* bytes; end is where the next one starts */
    long val;                   /* T_NUM: value of the first 9 digits */
    int ndig;                   /* T_NUM: number of digits */
    unsigned ch;                /* T_PUNCT: code point */
    char key[KEY_MAX];          /* T_WORD: folded; "" if it cannot match */
} tok;

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/*
 * Decodes the UTF-8 sequence at i.  A malformed or truncated one counts as
 * a single byte, U+FFFD, so that bad input can never make us read past len.
 */
static size_t utf8_at(const text *x, size_t i, unsigned *cp)
{
    size_t j = i;
    *cp = precis_utf8_next(x->s, x->len, &j);
    return j - i;
}

/*
 * Only what dates need: no-break and typographic spaces (French puts them
 * before ":" and inside "14 h 05") are spaces; Latin-1 signs (· « » º °)
 * and the general punctuation block (— – •) are punctuation; every other
 * non-ASCII character counts as a letter.
 */
static int cp_class(unsigned c)
{
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || c == 0x202F
        || (c >= 0x2000 && c <= 0x200B) || c == 0x205F || c == 0x3000
        || c == 0xFEFF)
        return C_SPACE;
    if (is_digit((int)c))
        return C_DIGIT;
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ? C_LETTER : C_PUNCT;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFFFD)
        return C_PUNCT;
    if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F))
        return C_PUNCT;
    return C_LETTER;
}

/* Lower-case ASCII bases of U+00C0..U+00FF; '?' has none. */
static const char latin1_base[] =
    "aaaaaaaceeeeiiii" "dnooooo?ouuuuyts"
    "aaaaaaaceeeeiiii" "dnooooo?ouuuuyty";

/*
 * Appends the folded form of letter c to key.  Returns 0 when c has no
 * ASCII form or the key is full: the word then matches nothing.
 */
static int fold_cp(unsigned c, char *key, size_t *k)
{
    char one[2] = { 0, 0 };
    const char *f = one;
    size_t n;

    if (c < 0x80)
        one[0] = (char)(c | 0x20);
    else if (c == 0xDF)
        f = "ss";
    else if (c == 0x152 || c == 0x153)
        f = "oe";
    else if (c >= 0xC0 && c <= 0xFF)
        one[0] = latin1_base[c - 0xC0];
    else
        return 0;
    n = strlen(f);
    if (f[0] == '?' || *k + n >= KEY_MAX)
        return 0;
    memcpy(key + *k, f, n);
    *k += n;
    return 1;
}

static size_t skip_space(const text *x, size_t i)
{
    unsigned c;
    size_t n;

    while (i < x->len) {
        n = utf8_at(x, i, &c);
        if (cp_class(c) != C_SPACE)
            break;
        i += n;
    }
    return i;
}

static void lex_num(const text *x, size_t i, tok *t)
{
    t->type = T_NUM;
    while (i < x->len && is_digit(x->s[i])) {
        if (t->ndig < 9)        /* enough for any date part, no overflow */
            t->val = t->val * 10 + (x->s[i] - '0');
        t->ndig++;
        i++;
    }
    t->end = i;
}

static void lex_word(const text *x, size_t i, tok *t)
{
    size_t n, k = 0;
    unsigned c;
    int ok = 1;

    t->type = T_WORD;
    while (i < x->len) {
        n = utf8_at(x, i, &c);
        if (cp_class(c) != C_LETTER)
            break;
        ok = ok && fold_cp(c, t->key, &k);
        i += n;
    }
    t->key[ok ? k : 0] = '\0';
    t->end = i;
}

/* Reads the token that starts at or after byte pos. */
static void lex(const text *x, size_t pos, tok *t)
{
    size_t i = skip_space(x, pos), n;
    unsigned c;

    t->start = t->end = i;
    t->space = i != pos;
    t->val = 0;
    t->ndig = 0;
    t->ch = 0;
    t->key[0] = '\0';
    if (i >= x->len) {
        t->type = T_END;
        return;
    }
    n = utf8_at(x, i, &c);
    switch (cp_class(c)) {
    case C_DIGIT:
        lex_num(x, i, t);
        break;
    case C_LETTER:
        lex_word(x, i, t);
        break;
    default:
        t->type = T_PUNCT;
        t->ch = c;
        t->end = i + n;
    }
}

/*
 * Reads the token at *p and moves *p past it.  With adj set, a token that
 * white space separates from what came before is refused: that keeps
 * "2024-09-11" apart from "2024 - 09 - 11".
 */
static int take(const text *x, size_t *p, tok *t, int adj)
{
    lex(x, *p, t);
    if (t->type == T_END || (adj && t->space))
        return 0;
    *p = t->end;
    return 1;
}

static int is_num(const tok *t, int mindig, int maxdig)
{
    return t->type == T_NUM && t->ndig >= mindig && t->ndig <= maxdig;
}

static int is_key(const tok *t, const char *key)
{
    return t->type == T_WORD && strcmp(t->key, key) == 0;
}

static int is_punct(const tok *t, unsigned ch)
{
    return t->type == T_PUNCT && t->ch == ch;
}

/* ASCII punctuation from set (t->ch 0 is a NUL byte in the input). */
static int is_sep(const tok *t, const char *set)
{
    return t->type == T_PUNCT && t->ch > 0 && t->ch < 0x80
           && strchr(set, (int)t->ch) != NULL;
}

/* Skips one punctuation token from set, if there is one. */
static size_t skip_punct(const text *x, size_t p, const char *set, int adj)
{
    tok t;

    return take(x, &p, &t, adj) && is_sep(&t, set) ? t.end : t.start;
}

/* Skips a word that is either a or b, if there is one. */
static size_t skip_word(const text *x, size_t p, const char *a, const char *b)
{
    tok t;
    size_t q = p;

    return take(x, &q, &t, 0) && (is_key(&t, a) || is_key(&t, b)) ? q : p;
}

/*
 * Numeric dates must not be cut out of longer dotted or dashed runs
 * ("1.11.09.2024", "2024-09-11-3"): sep and a digit may not touch them.
 */
static int num_before(const text *x, size_t i, unsigned sep)
{
    return i >= 2 && (unsigned char)x->s[i - 1] == sep
           && is_digit(x->s[i - 2]);
}

static int num_after(const text *x, size_t i, unsigned sep)
{
    return i + 1 < x->len && (unsigned char)x->s[i] == sep
           && is_digit(x->s[i + 1]);
}

/* ------------------------------------------------------------------ */
/* Word tables (keys are folded: lower case, no accents)               */
/* ------------------------------------------------------------------ */

enum { L_EN = 1, L_XX = 2 };    /* English; one of es, pt, fr, de */

typedef struct month_name {
    const char *key;
    unsigned char month, lang;  /* lang 0: shared by English and German */
} month_name;

static const month_name months[] = {
    { "january", 1, L_EN },     { "february", 2, L_EN },
    { "march", 3, L_EN },       { "april", 4, 0 },
    { "may", 5, L_EN },         { "june", 6, L_EN },
    { "july", 7, L_EN },        { "august", 8, 0 },
    { "september", 9, 0 },      { "october", 10, L_EN },
    { "november", 11, 0 },      { "december", 12, L_EN },
    { "enero", 1, L_XX },       { "febrero", 2, L_XX },
    { "marzo", 3, L_XX },       { "abril", 4, L_XX },
    { "mayo", 5, L_XX },        { "junio", 6, L_XX },
    { "julio", 7, L_XX },       { "agosto", 8, L_XX },
    { "septiembre", 9, L_XX },  { "setiembre", 9, L_XX },
    { "octubre", 10, L_XX },    { "noviembre", 11, L_XX },
    { "diciembre", 12, L_XX },  { "janeiro", 1, L_XX },
    { "fevereiro", 2, L_XX },   { "marco", 3, L_XX },
    { "maio", 5, L_XX },        { "junho", 6, L_XX },
    { "julho", 7, L_XX },       { "setembro", 9, L_XX },
    { "outubro", 10, L_XX },    { "novembro", 11, L_XX },
    { "dezembro", 12, L_XX },   { "janvier", 1, L_XX },
    { "fevrier", 2, L_XX },     { "mars", 3, L_XX },
    { "avril", 4, L_XX },       { "mai", 5, L_XX },
    { "juin", 6, L_XX },        { "juillet", 7, L_XX },
    { "aout", 8, L_XX },        { "septembre", 9, L_XX },
    { "octobre", 10, L_XX },    { "novembre", 11, L_XX },
    { "decembre", 12, L_XX },   { "januar", 1, L_XX },
    { "janner", 1, L_XX },      { "jaenner", 1, L_XX },
    { "februar", 2, L_XX },     { "marz", 3, L_XX },
    { "maerz", 3, L_XX },       { "juni", 6, L_XX },
    { "juli", 7, L_XX },        { "oktober", 10, L_XX },
    { "dezember", 12, L_XX },
};

/*
 * The month a word names: a full name, or a prefix of three letters or
 * more whose every completion is the same month ("sept", "févr", "juil",
 * "dic"; not "jui", which could be juin or juillet).  Listing prefixes
 * instead of abbreviations accepts every newsroom's own style.
 */
static int month_of(const tok *t)
{
    size_t i, n = strlen(t->key);
    int found = 0;

    if (t->type != T_WORD || n < 3)
        return 0;
    for (i = 0; i < COUNT(months); i++) {
        if (strncmp(months[i].key, t->key, n) != 0)
            continue;
        if (found && found != months[i].month)
            return 0;
        found = months[i].month;
    }
    return found;
}

/* Word classes: a word may be several of these. */
enum {
    W_WEEKDAY = 1,              /* skipped */
    W_LABEL = 2,                /* gives its kind to the next date */
    W_CONN = 4,                 /* may join a date and a time */
    W_FILL = 8                  /* may stand beside a date in a date line */
};

typedef struct lexword {
    const char *key;
    unsigned char flags, kind, lang;
} lexword;

#define WD(k, l) { k, W_WEEKDAY | W_FILL, 0, l }
#define PUB(k, l) { k, W_LABEL | W_FILL, DATE_PUBLISHED, l }
#define UPD(k, l) { k, W_LABEL | W_FILL, DATE_UPDATED, l }
#define CONN(k, l) { k, W_CONN | W_FILL, 0, l }
#define FILL(k, l) { k, W_FILL, 0, l }

/*
 * Two-letter German weekdays and words shared with English ("mon" is
 * French too, "sat"/"sun" are words) carry no language hint.
 */
static const lexword lexicon[] = {
    WD("monday", L_EN), WD("tuesday", L_EN), WD("wednesday", L_EN),
    WD("thursday", L_EN), WD("friday", L_EN), WD("saturday", L_EN),
    WD("sunday", L_EN), WD("mon", 0), WD("tue", L_EN), WD("tues", L_EN),
    WD("wed", L_EN), WD("weds", L_EN), WD("thu", L_EN), WD("thur", L_EN),
    WD("thurs", L_EN), WD("fri", L_EN), WD("sat", 0), WD("sun", 0),
    WD("lunes", L_XX), WD("martes", L_XX), WD("miercoles", L_XX),
    WD("jueves", L_XX), WD("viernes", L_XX), WD("sabado", L_XX),
    WD("domingo", L_XX), WD("lun", L_XX), WD("mar", 0), WD("mie", L_XX),
    WD("jue", L_XX), WD("vie", L_XX), WD("sab", L_XX), WD("dom", L_XX),
    WD("segunda", L_XX), WD("terca", L_XX), WD("quarta", L_XX),
    WD("quinta", L_XX), WD("sexta", L_XX), WD("feira", L_XX),
    WD("seg", L_XX), WD("ter", L_XX), WD("qua", L_XX), WD("qui", L_XX),
    WD("sex", L_XX), WD("lundi", L_XX), WD("mardi", L_XX),
    WD("mercredi", L_XX), WD("jeudi", L_XX), WD("vendredi", L_XX),
    WD("samedi", L_XX), WD("dimanche", L_XX), WD("mer", L_XX),
    WD("jeu", L_XX), WD("ven", L_XX), WD("sam", L_XX), WD("dim", L_XX),
    WD("montag", L_XX), WD("dienstag", L_XX), WD("mittwoch", L_XX),
    WD("donnerstag", L_XX), WD("freitag", L_XX), WD("samstag", L_XX),
    WD("sonnabend", L_XX), WD("sonntag", L_XX), WD("mo", 0), WD("di", 0),
    WD("mi", 0), WD("do", 0), WD("fr", 0), WD("sa", 0), WD("so", 0),

    PUB("published", L_EN), PUB("posted", L_EN), PUB("publication", 0),
    UPD("updated", L_EN), UPD("modified", L_EN), UPD("revised", L_EN),
    PUB("publicado", L_XX), PUB("publicada", L_XX),
    PUB("publicacion", L_XX), PUB("publicacao", L_XX),
    PUB("postado", L_XX), UPD("actualizado", L_XX),
    UPD("actualizada", L_XX), UPD("actualizacion", L_XX),
    UPD("atualizado", L_XX), UPD("atualizada", L_XX),
    UPD("atualizacao", L_XX), UPD("modificado", L_XX),
    UPD("modificada", L_XX), PUB("publie", L_XX), PUB("publiee", L_XX),
    UPD("actualise", L_XX), UPD("actualisee", L_XX),
    UPD("modifie", L_XX), UPD("modifiee", L_XX),
    PUB("veroffentlicht", L_XX), PUB("veroeffentlicht", L_XX),
    PUB("publiziert", L_XX), PUB("erschienen", L_XX),
    UPD("aktualisiert", L_XX), UPD("aktualisierung", L_XX),
    UPD("geandert", L_XX), UPD("geaendert", L_XX), UPD("stand", L_XX),

    CONN("at", L_EN), CONN("on", L_EN), CONN("a", 0), CONN("as", 0),
    CONN("las", L_XX), CONN("la", L_XX), CONN("el", L_XX),
    CONN("le", L_XX), CONN("em", L_XX), CONN("am", 0), CONN("um", L_XX),
    FILL("last", L_EN), FILL("first", L_EN), FILL("originally", L_EN),
    FILL("date", 0), FILL("of", L_EN), FILL("and", L_EN),
    FILL("fecha", L_XX), FILL("de", L_XX), FILL("del", L_XX),
    FILL("y", L_XX), FILL("ultima", L_XX), FILL("data", L_XX),
    FILL("e", L_XX), FILL("et", 0), FILL("derniere", L_XX),
    FILL("datum", L_XX), FILL("und", L_XX), FILL("zuletzt", L_XX),
    FILL("uhr", L_XX), { "pm", 0, 0, L_EN },
};

static const lexword *lex_lookup(const tok *t)
{
    size_t i;

    if (t->type != T_WORD || !t->key[0])
        return NULL;
    for (i = 0; i < COUNT(lexicon); i++)
        if (strcmp(lexicon[i].key, t->key) == 0)
            return &lexicon[i];
    return NULL;
}

static int has_flag(const tok *t, int flag)
{
    const lexword *w = lex_lookup(t);

    return w != NULL && (w->flags & flag) != 0;
}

enum {
    Z_US = 1,                   /* US generic: minutes is standard time */
    Z_12H = 2,                  /* only after a 12-hour time (see below) */
    Z_EN = 4                    /* hints at English */
};

typedef struct zone_name {
    const char *key;
    short minutes;
    unsigned char flags;
} zone_name;

/*
 * "ET", "PT", "CT", "MT" are also words ("et" is French for "and"), so
 * they are zones only after a 12-hour time, which is how US papers write.
 */
static const zone_name zones[] = {
    { "et", -300, Z_US | Z_12H }, { "ct", -360, Z_US | Z_12H },
    { "mt", -420, Z_US | Z_12H }, { "pt", -480, Z_US | Z_12H },
    { "est", -300, 0 },         { "edt", -240, Z_EN },
    { "cst", -360, Z_EN },      { "cdt", -300, Z_EN },
    { "mst", -420, Z_EN },      { "mdt", -360, Z_EN },
    { "pst", -480, Z_EN },      { "pdt", -420, Z_EN },
    { "akst", -540, 0 },        { "akdt", -480, 0 },
    { "hst", -600, 0 },         { "bst", 60, 0 },
    { "wet", 0, 0 },            { "west", 60, 0 },
    { "cet", 60, 0 },           { "cest", 120, 0 },
    { "eet", 120, 0 },          { "eest", 180, 0 },
    { "mez", 60, 0 },           { "mesz", 120, 0 },
    { "msk", 180, 0 },          { "brt", -180, 0 },
    { "art", -180, 0 },         { "jst", 540, 0 },
    { "aest", 600, 0 },         { "aedt", 660, 0 },
};

static const zone_name *zone_lookup(const tok *t)
{
    size_t i;

    if (t->type != T_WORD)
        return NULL;
    for (i = 0; i < COUNT(zones); i++)
        if (strcmp(zones[i].key, t->key) == 0)
            return &zones[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Calendar                                                            */
/* ------------------------------------------------------------------ */

static int is_leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int set_ymd(date_value *d, long y, long m, long day)
{
    static const unsigned char mdays[] = {
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    };
    int last;

    if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || day < 1)
        return 0;
    last = mdays[m - 1] + (m == 2 && is_leap(y));
    if (day > last)
        return 0;
    d->year = (int)y;
    d->month = (int)m;
    d->day = (int)day;
    return 1;
}

/* 0 = Sunday (Sakamoto's method). */
static int weekday(int y, int m, int d)
{
    static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };

    if (m < 3)
        y--;
    return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

/*
 * Whether US daylight time is on at this local date and hour: from the
 * second Sunday of March, 2:00, to the first Sunday of November, where
 * the repeated hour 1:00-1:59 is read as standard time.  The 2007 rules
 * are used for every year; "ET" in old dates is not worth more.
 */
static int us_summer(int y, int m, int d, int hour)
{
    int sunday;

    if (m < 3 || m > 11)
        return 0;
    if (m > 3 && m < 11)
        return 1;
    if (m == 3) {
        sunday = 8 + (7 - weekday(y, 3, 8)) % 7;
        return d > sunday || (d == sunday && hour >= 2);
    }
    sunday = 1 + (7 - weekday(y, 11, 1)) % 7;
    return d < sunday || (d == sunday && hour < 1);
}

/* ------------------------------------------------------------------ */
/* Times and zones                                                     */
/* ------------------------------------------------------------------ */

enum { TM_BAD = -1, TM_NONE = 0, TM_OK = 1 };

typedef struct hms {
    int hour, minute, second;
    int has_zone, tz;
    int us_dst;                 /* tz is standard time; see us_summer() */
    int has_sec;
    size_t start, end;
} hms;

static int sign_of(const tok *t)
{
    if (is_punct(t, '+'))
        return 1;
    return is_punct(t, '-') || is_punct(t, 0x2212) ? -1 : 0;
}

/*
 * The digits after a zone's sign: "0200", "02:00", and - only where
 * short_ok, that is right after a time or after "UTC" - "02" or "2".
 * "14:05 -11/09" must not read as a zone, hence the stricter spaced form.
 */
static int zone_offset(const text *x, size_t *p, int sign, int short_ok,
                       hms *c)
{
    size_t q = *p, r;
    tok n, m;
    long hh, mm = 0;

    if (!take(x, &q, &n, 1) || !is_num(&n, 1, 4) || n.ndig == 3)
        return 0;
    hh = n.ndig == 4 ? n.val / 100 : n.val;
    if (n.ndig == 4) {
        mm = n.val % 100;
    } else {
        r = q;
        if (take(x, &r, &m, 1) && is_punct(&m, ':')
            && take(x, &r, &m, 1) && is_num(&m, 2, 2))
            mm = m.val, q = r;
        else if (!short_ok)
            return 0;
    }
    if (hh > 14 || mm > 59)
        return 0;
    c->has_zone = 1;
    c->tz = sign * (int)(hh * 60 + mm);
    c->us_dst = 0;
    *p = q;
    return 1;
}

/* "UTC", "GMT", "GMT+2", "UTC-04:00". */
static void zone_utc(const text *x, size_t *p, hms *c)
{
    size_t q = *p;
    tok s;

    c->has_zone = 1;
    c->tz = 0;
    if (take(x, &q, &s, 1) && sign_of(&s)
        && zone_offset(x, &q, sign_of(&s), 1, c))
        *p = q;
}

/*
 * After a plain time, "10:00-11:00" is a range, not a zone: an adjacent
 * "-" is an offset only in an ISO stamp or after seconds ("14:05:00-05").
 */
static int range_dash(const tok *t, int iso, const hms *c)
{
    return !iso && !t->space && sign_of(t) < 0 && !c->has_sec;
}

/* An optional zone after a time; twelve: the time had AM or PM. */
static void match_zone(const text *x, size_t *p, int twelve, int iso,
                       hms *c)
{
    size_t q = *p;
    tok t;
    const zone_name *z;

    if (!take(x, &q, &t, 0) || range_dash(&t, iso, c))
        return;
    if (sign_of(&t)) {
        if (zone_offset(x, &q, sign_of(&t), !t.space, c))
            *p = q;
        return;
    }
    if (is_key(&t, "z") && !t.space) {
        c->has_zone = 1;
        c->tz = 0;
        *p = q;
        return;
    }
    if (is_key(&t, "utc") || is_key(&t, "gmt")) {
        *p = q;
        zone_utc(x, p, c);
        return;
    }
    z = zone_lookup(&t);
    if (!z || ((z->flags & Z_12H) && !twelve))
        return;
    *p = q;
    c->has_zone = 1;
    c->tz = z->minutes;
    c->us_dst = (z->flags & Z_US) != 0;
}

/* ".123" or ",5" after the seconds. */
static size_t skip_fraction(const text *x, size_t p)
{
    size_t q = p;
    tok t;

    if (take(x, &q, &t, 1) && (is_punct(&t, '.') || is_punct(&t, ','))
        && take(x, &q, &t, 1) && t.type == T_NUM)
        return q;
    return p;
}

/* ":05", ":05:00", ":05:00.123" right after the hour. */
static int hm_colon(const text *x, size_t *p, hms *c)
{
    size_t q = *p;
    tok t;

    if (!take(x, &q, &t, 1) || !is_punct(&t, ':'))
        return 0;
    if (!take(x, &q, &t, 1) || !is_num(&t, 2, 2))
        return 0;
    c->minute = (int)t.val;
    *p = q;
    if (take(x, &q, &t, 1) && is_punct(&t, ':')
        && take(x, &q, &t, 1) && is_num(&t, 2, 2)) {
        c->second = (int)t.val;
        c->has_sec = 1;
        *p = skip_fraction(x, q);
    }
    return 1;
}

/* "14h05", "14h", "14 h 05": how French and Portuguese papers write. */
static int hm_french(const text *x, size_t *p, hms *c)
{
    size_t q = *p;
    tok h, m;

    if (!take(x, &q, &h, 0) || !is_key(&h, "h"))
        return 0;
    if (take(x, &q, &m, 0) && is_num(&m, 2, 2)) {
        c->minute = (int)m.val;
        *p = q;
        return 1;
    }
    if (h.space)                /* a lone "14 h" is too loose */
        return 0;
    *p = h.end;
    return 1;
}

/* "14.05 Uhr": the dot form is a time only with its "Uhr". */
static int hm_german(const text *x, size_t *p, hms *c)
{
    size_t q = *p;
    tok t, u;

    if (!take(x, &q, &t, 1) || !is_punct(&t, '.'))
        return 0;
    if (!take(x, &q, &t, 1) || !is_num(&t, 2, 2))
        return 0;
    if (!take(x, &q, &u, 0) || !is_key(&u, "uhr"))
        return 0;
    c->minute = (int)t.val;
    *p = q;
    return 1;
}

/*
 * "PM", "pm", "p.m.", "p. m." after an hour of 1-12, which it converts.
 * After "14:05" an "am" is German for "on" and is left alone.
 */
static int match_ampm(const text *x, size_t *p, hms *c)
{
    size_t q = *p;
    tok t, m;
    int pm;

    if (c->hour < 1 || c->hour > 12 || !take(x, &q, &t, 0))
        return 0;
    pm = t.key[0] == 'p';
    if (is_key(&t, "a") || is_key(&t, "p")) {
        if (!take(x, &q, &m, 1) || !is_punct(&m, '.'))
            return 0;
        if (!take(x, &q, &m, 0) || !is_key(&m, "m"))
            return 0;
    } else if (!is_key(&t, "am") && !is_key(&t, "pm")) {
        return 0;
    }
    *p = skip_punct(x, q, ".", 1);
    c->hour = c->hour % 12 + (pm ? 12 : 0);
    return 1;
}

/*
 * Past the word at p when it is one of words[0, n) (taken as glued,
 * straight after what precedes, or not), and any "." after it when dot;
 * otherwise p.
 */
static size_t skip_listed(const text *x, size_t p, int glued,
                          const char *const *words, size_t n, int dot)
{
    size_t q = p, i;
    tok t;

    if (!take(x, &q, &t, glued))
        return p;
    for (i = 0; i < n; i++)
        if (is_key(&t, words[i]))
            return dot ? skip_punct(x, q, ".", 1) : q;
    return p;
}

/* "Uhr", "h", "hs", "hrs", "horas" after "14:05". */
static size_t skip_hour_word(const text *x, size_t p)
{
    static const char *const words[] = { "uhr", "h", "hs", "hrs", "horas" };

    return skip_listed(x, p, 0, words, COUNT(words), 1);
}

static int hms_valid(const hms *c)
{
    return c->hour <= 23 && c->minute <= 59 && c->second <= 59;
}

/*
 * A time at pos.  TM_BAD means it looked like one ("25:00") but is
 * impossible; the date it belongs to is then refused too.
 */
static int match_time(const text *x, size_t pos, hms *c)
{
    size_t p = pos;
    tok h;
    int mins, twelve;

    if (!take(x, &p, &h, 0) || !is_num(&h, 1, 2))
        return TM_NONE;
    memset(c, 0, sizeof *c);
    c->start = h.start;
    c->hour = (int)h.val;
    mins = hm_colon(x, &p, c) || hm_french(x, &p, c) || hm_german(x, &p, c);
    twelve = match_ampm(x, &p, c);
    if (!mins && !twelve)
        return TM_NONE;
    if (!hms_valid(c))
        return TM_BAD;
    p = skip_hour_word(x, p);
    match_zone(x, &p, twelve, 0, c);
    c->end = p;
    return TM_OK;
}

/* The time after an ISO date's "T": "14:05[:00[.5]]", "1405", "140500". */
static int iso_clock(const text *x, size_t pos, hms *c)
{
    size_t p = pos;
    tok h;

    memset(c, 0, sizeof *c);
    if (!take(x, &p, &h, 1))
        return TM_NONE;
    if (is_num(&h, 2, 2)) {
        c->hour = (int)h.val;
        if (!hm_colon(x, &p, c))
            return TM_NONE;
    } else if (is_num(&h, 4, 4) || is_num(&h, 6, 6)) {
        long v = h.ndig == 4 ? h.val * 100 : h.val;

        c->hour = (int)(v / 10000);
        c->minute = (int)(v / 100 % 100);
        c->second = (int)(v % 100);
        c->has_sec = h.ndig == 6;
        p = skip_fraction(x, p);
    } else {
        return TM_NONE;
    }
    if (!hms_valid(c))
        return TM_BAD;
    match_zone(x, &p, 0, 1, c);
    c->start = h.start;
    c->end = p;
    return TM_OK;
}

static void attach(date_value *d, const hms *c)
{
    int summer;

    d->has_time = 1;
    d->hour = c->hour;
    d->minute = c->minute;
    d->second = c->second;
    if (!c->has_zone)
        return;
    summer = c->us_dst && us_summer(d->year, d->month, d->day, c->hour);
    d->has_zone = 1;
    d->tz_minutes = c->tz + (summer ? 60 : 0);
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */
/* ------------------------------------------------------------------ */

typedef struct scan {
    const text *x;
    /* ambiguous 09/11 reads month first: -1 until an ambiguous date asks
     * (reading the words for it costs more than most lines' dates) */
    int mdy;
} scan;

static int english_looking(const text *x);

/*
 * An optional "T" and time after a year-first date.  Returns 0 when the
 * time is impossible ("T25:00"): the whole stamp is then wrong.
 */
static int iso_time(const text *x, date_value *d)
{
    size_t p = d->end;
    tok t;
    hms c;
    int r;

    if (!take(x, &p, &t, 1) || !is_key(&t, "t"))
        return 1;
    r = iso_clock(x, p, &c);
    if (r == TM_BAD)
        return 0;
    if (r == TM_OK) {
        attach(d, &c);
        d->end = c.end;
    }
    return 1;
}

/* "2024-09-11", "2024/09/11", "2024.09.11", each with "T14:05:00Z". */
static int m_iso(scan *sc, size_t pos, date_value *d)
{
    const text *x = sc->x;
    size_t p = pos;
    tok y, s1, m, s2, dd;

    if (!take(x, &p, &y, 0) || !is_num(&y, 4, 4))
        return 0;
    if (!take(x, &p, &s1, 1) || !is_sep(&s1, "-/."))
        return 0;
    if (!take(x, &p, &m, 1) || !is_num(&m, 1, 2))
        return 0;
    if (!take(x, &p, &s2, 1) || !is_punct(&s2, s1.ch))
        return 0;
    if (!take(x, &p, &dd, 1) || !is_num(&dd, 1, 2))
        return 0;
    if (num_before(x, y.start, s1.ch) || num_after(x, dd.end, s1.ch))
        return 0;
    if (!set_ymd(d, y.val, m.val, dd.val))
        return 0;
    d->start = y.start;
    d->end = dd.end;
    return iso_time(x, d);
}

/* The token is all there is: a metadata value. */
static int alone(const text *x, const tok *t)
{
    tok next;

    lex(x, t->end, &next);
    return t->start == skip_space(x, 0) && next.type == T_END;
}

/*
 * "20240911": eight digits are a date only in an ISO-looking context -
 * followed by "T" and a time, or standing alone as a metadata value -
 * never in prose, where they are more likely an id or an amount.
 */
static int m_compact(scan *sc, size_t pos, date_value *d)
{
    const text *x = sc->x;
    size_t p = pos;
    tok t;

    if (!take(x, &p, &t, 0) || !is_num(&t, 8, 8))
        return 0;
    if (!set_ymd(d, t.val / 10000, t.val / 100 % 100, t.val % 100))
        return 0;
    d->start = t.start;
    d->end = t.end;
    if (!iso_time(x, d))
        return 0;
    return d->has_time || alone(x, &t);
}

/*
 * Which of a/b is the day: a part over 12 decides, dots mean D.M.Y
 * (German, and nobody writes M.D.Y), otherwise the language hint does.
 */
static int day_first(scan *sc, unsigned sep, long a, long b)
{
    if (a > 12 || sep == '.')
        return 1;
    if (b > 12)
        return 0;
    if (sc->mdy < 0)
        sc->mdy = english_looking(sc->x);
    return !sc->mdy;
}

/*
 * "11/09/2024", "09/11/2024", "11.09.2024", "11-09-2024", "11/09/24".
 * Two-digit years (yy < 70 is 20yy) only with "/" and "." - "24-09-11"
 * could be year first.
 */
static int m_numeric(scan *sc, size_t pos, date_value *d)
{
    const text *x = sc->x;
    size_t p = pos;
    tok a, s1, b, s2, y;
    long year;

    if (!take(x, &p, &a, 0) || !is_num(&a, 1, 2))
        return 0;
    if (!take(x, &p, &s1, 1) || !is_sep(&s1, "/.-"))
        return 0;
    if (!take(x, &p, &b, 1) || !is_num(&b, 1, 2))
        return 0;
    if (!take(x, &p, &s2, 1) || !is_punct(&s2, s1.ch))
        return 0;
    if (!take(x, &p, &y, 1) || !(is_num(&y, 4, 4) || is_num(&y, 2, 2)))
        return 0;
    if (num_before(x, a.start, s1.ch) || num_after(x, y.end, s1.ch))
        return 0;
    if (y.ndig == 2 && s1.ch == '-')
        return 0;
    year = y.ndig == 4 ? y.val : y.val + (y.val < 70 ? 2000 : 1900);
    if (day_first(sc, s1.ch, a.val, b.val)
            ? !set_ymd(d, year, b.val, a.val)
            : !set_ymd(d, year, a.val, b.val))
        return 0;
    d->start = a.start;
    d->end = y.end;
    return 1;
}

/* "st", "nd", "rd", "th", "er" (1er), "º"/"°" (1º) stuck to a day. */
static size_t skip_ordinal(const text *x, size_t p)
{
    static const char *const suffix[] = { "st", "nd", "rd", "th", "er" };
    size_t q = p;
    tok t;

    if (take(x, &q, &t, 1) && (is_punct(&t, 0xBA) || is_punct(&t, 0xB0)))
        return q;
    return skip_listed(x, p, 1, suffix, COUNT(suffix), 0);
}

/* The month a word names in a language of ICU's (date_names.c):
 * "марта", "października", "Μαρτίου", "Mart". */
static int month_other(const text *x, const tok *t)
{
    if (t->type != T_WORD || t->end - t->start < 3)
        return 0;
    return date_month_name(x->s + t->start, t->end - t->start);
}

/* The month word, its abbreviation period and a separator after it. */
static int take_month(const text *x, size_t *p, tok *t, int *mon)
{
    if (!take(x, p, t, 0)
        || !((*mon = month_of(t)) || (*mon = month_other(x, t))))
        return 0;
    *p = skip_punct(x, *p, ".", 1);
    *p = skip_punct(x, *p, ",-/", 0);
    return 1;
}

/* "Sept. 11, 2024", "September 11th 2024", "Sep 11 2024". */
static int m_month_first(scan *sc, size_t pos, date_value *d)
{
    const text *x = sc->x;
    size_t p = pos;
    tok mt, dt, yt;
    int mon;

    if (!take_month(x, &p, &mt, &mon))
        return 0;
    if (!take(x, &p, &dt, 0) || !is_num(&dt, 1, 2))
        return 0;
    p = skip_ordinal(x, p);
    p = skip_punct(x, p, ",.-/", 0);
    if (!take(x, &p, &yt, 0) || !is_num(&yt, 4, 4))
        return 0;
    if (!set_ymd(d, yt.val, mon, dt.val))
        return 0;
    d->start = mt.start;
    d->end = yt.end;
    return 1;
}

/* The abbreviation of "year" some languages write after it: Russian
 * "г.", Polish "r.", Lithuanian "m.". */
static size_t skip_year_mark(const text *x, size_t p)
{
    static const char *const marks[] = { "\xD0\xB3", "r", "m" };
    size_t q = p, i, n;
    tok t;

    if (!take(x, &q, &t, 0) || t.type != T_WORD)
        return p;
    for (i = 0; i < COUNT(marks); i++) {
        n = strlen(marks[i]);
        if (t.end - t.start == n && !memcmp(x->s + t.start, marks[i], n))
            return skip_punct(x, q, ".", 1);
    }
    return p;
}

/*
 * "11 September 2024", "11. Sept. 2024", "1er septembre 2024",
 * "11 de septiembre de 2024", "1º de setembro de 2024", "11-Sep-2024",
 * "11th of September, 2024".
 */
static int m_day_first(scan *sc, size_t pos, date_value *d)
{
    const text *x = sc->x;
    size_t p = pos;
    tok dt, mt, yt;
    int mon;

    if (!take(x, &p, &dt, 0) || !is_num(&dt, 1, 2))
        return 0;
    p = skip_ordinal(x, p);
    p = skip_punct(x, p, ".-/,", 0);
    p = skip_word(x, p, "de", "of");
    if (!take_month(x, &p, &mt, &mon))
        return 0;
    p = skip_word(x, p, "de", "del");
    if (!take(x, &p, &yt, 0) || !is_num(&yt, 4, 4))
        return 0;
    if (!set_ymd(d, yt.val, mon, dt.val))
        return 0;
    d->start = dt.start;
    d->end = skip_year_mark(x, yt.end);
    return 1;
}

/* "2024. március 12.", "2024 Mart 12": year, month name, day. */
static int m_year_month(scan *sc, size_t pos, date_value *d)
{
    const text *x = sc->x;
    size_t p = pos;
    tok yt, mt, dt;
    int mon;

    if (!take(x, &p, &yt, 0) || !is_num(&yt, 4, 4))
        return 0;
    p = skip_punct(x, p, ".,", 1);
    if (!take_month(x, &p, &mt, &mon))
        return 0;
    if (!take(x, &p, &dt, 0) || !is_num(&dt, 1, 2))
        return 0;
    if (!set_ymd(d, yt.val, mon, dt.val))
        return 0;
    d->start = yt.start;
    d->end = skip_punct(x, dt.end, ".", 1);
    return 1;
}

/* Does word t start with the UTF-8 character c? */
static int word_starts(const text *x, const tok *t, const char *c)
{
    size_t n = strlen(c);
    return t->type == T_WORD && t->end - t->start >= n
           && memcmp(x->s + t->start, c, n) == 0;
}

/*
 * "2024年3月12日" (Chinese, Japanese), "2024년 3월 12일" (Korean): each
 * number followed by its unit.  The unit may run into the next word
 * ("12日电"), so the date ends with the unit itself.
 */
static int m_cjk(scan *sc, size_t pos, date_value *d)
{
    static const char *const units[2][3] = {
        { "\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5" },  /* 年月日 */
        { "\xEB\x85\x84", "\xEC\x9B\x94", "\xEC\x9D\xBC" }   /* 년월일 */
    };
    const text *x = sc->x;
    size_t p = pos;
    tok yt, u1, mt, u2, dt, u3;
    int k;

    if (!take(x, &p, &yt, 0) || !is_num(&yt, 4, 4))
        return 0;
    if (!take(x, &p, &u1, 0))
        return 0;
    for (k = 0; k < 2 && !word_starts(x, &u1, units[k][0]); k++)
        ;
    if (k == 2 || u1.end - u1.start != 3)
        return 0;
    if (!take(x, &p, &mt, 0) || !is_num(&mt, 1, 2)
        || !take(x, &p, &u2, 0) || !word_starts(x, &u2, units[k][1])
        || u2.end - u2.start != 3)
        return 0;
    if (!take(x, &p, &dt, 0) || !is_num(&dt, 1, 2)
        || !take(x, &p, &u3, 0) || !word_starts(x, &u3, units[k][2]))
        return 0;
    if (!set_ymd(d, yt.val, mt.val, dt.val))
        return 0;
    d->start = yt.start;
    d->end = u3.start + 3;
    return 1;
}

typedef int (*date_fn)(scan *, size_t, date_value *);

/* A date alone (ISO stamps bring their own time). */
static int match_day(scan *sc, size_t pos, date_value *d)
{
    static const date_fn fns[] = {
        m_iso, m_compact, m_cjk, m_numeric, m_month_first, m_day_first,
        m_year_month
    };
    size_t i;

    for (i = 0; i < COUNT(fns); i++) {
        memset(d, 0, sizeof *d);
        if (fns[i](sc, pos, d))
            return 1;
    }
    return 0;
}

/* What may stand between a date and its time: ", at", "|", "à", "um". */
static int is_conn(const tok *t)
{
    if (t->type == T_PUNCT)
        return is_sep(t, ",-|/@;") || t->ch == 0xB7 || t->ch == 0x2013
               || t->ch == 0x2014 || t->ch == 0x2022;
    return has_flag(t, W_CONN);
}

static size_t skip_conn(const text *x, size_t p)
{
    int i;
    tok t;

    for (i = 0; i < 3; i++) {
        lex(x, p, &t);
        if (!is_conn(&t))
            break;
        p = t.end;
    }
    return p;
}

/*
 * A date at pos with its time, before or after it.  An impossible time
 * right after a date ("11/09/2024 25:00") refuses the date as well.
 */
static int match_date(scan *sc, size_t pos, date_value *d)
{
    hms c;
    int r;

    if (match_time(sc->x, pos, &c) == TM_OK
        && match_day(sc, skip_conn(sc->x, c.end), d) && !d->has_time) {
        attach(d, &c);
        d->start = c.start;
        return 1;
    }
    if (!match_day(sc, pos, d))
        return 0;
    if (d->has_time)
        return 1;
    r = match_time(sc->x, skip_conn(sc->x, d->end), &c);
    if (r == TM_BAD)
        return 0;
    if (r == TM_OK) {
        attach(d, &c);
        d->end = c.end;
    }
    return 1;
}

/* ------------------------------------------------------------------ */
/* Labels, language hint, scanning                                     */
/* ------------------------------------------------------------------ */

/* "Published", "Actualizado", ... and the three words "mis à jour". */
static int match_label(const text *x, size_t pos, int *kind, size_t *end)
{
    size_t p = pos;
    tok t, a, j;
    const lexword *w;

    if (!take(x, &p, &t, 0) || t.type != T_WORD)
        return 0;
    if (is_key(&t, "mis") || is_key(&t, "mise")) {
        if (!take(x, &p, &a, 0) || !is_key(&a, "a")
            || !take(x, &p, &j, 0) || !is_key(&j, "jour"))
            return 0;
        *kind = DATE_UPDATED;
        *end = p;
        return 1;
    }
    w = lex_lookup(&t);
    if (!w || !(w->flags & W_LABEL))
        return 0;
    *kind = w->kind;
    *end = p;
    return 1;
}

static int word_lang(const tok *t)
{
    const lexword *w = lex_lookup(t);
    const zone_name *z;
    size_t i;

    if (w)
        return w->lang;
    if ((z = zone_lookup(t)) != NULL)
        return z->flags & Z_EN ? L_EN : 0;
    for (i = 0; i < COUNT(months); i++)
        if (t->type == T_WORD && strcmp(months[i].key, t->key) == 0)
            return months[i].lang;
    return 0;
}

/* More English-only words than words of the other languages. */
static int english_looking(const text *x)
{
    int en = 0, xx = 0, lang;
    tok t;

    for (lex(x, 0, &t); t.type != T_END; lex(x, t.end, &t)) {
        lang = word_lang(&t);
        en += lang == L_EN;
        xx += lang == L_XX;
    }
    return en > xx;
}

/* Anything but punctuation and the words of a date line is not. */
static int is_filler(const tok *t)
{
    return t->type == T_PUNCT || has_flag(t, W_FILL);
}

/* White-space separated chunks that hold a letter or a digit. */
static int count_words(const text *x)
{
    int n = 0, counted = 0;
    tok t;

    for (lex(x, 0, &t); t.type != T_END; lex(x, t.end, &t)) {
        if (t.space)
            counted = 0;
        if (t.type != T_PUNCT && !counted) {
            n++;
            counted = 1;
        }
    }
    return n;
}

typedef struct result {
    date_value first, pub;
    int have_first, have_pub;
} result;

static void keep(result *r, const date_value *d)
{
    if (!r->have_first) {
        r->first = *d;
        r->have_first = 1;
    }
    if (d->kind == DATE_PUBLISHED && !r->have_pub) {
        r->pub = *d;
        r->have_pub = 1;
    }
}

/*
 * Walks the string, collecting dates; a label gives its kind to the next
 * date.  In strict mode (date_is_line) every token outside the dates must
 * be a label, weekday, connector or punctuation.  The published date wins,
 * else the first one.
 */
static int scan_dates(const text *x, int strict, date_value *out)
{
    scan sc = { x, -1 };
    result r = { .have_first = 0 };
    date_value cur;
    size_t pos = 0, next;
    int pending = 0, kind;
    tok t;

    /* date_find may stop at the published date; a line must be read out */
    for (lex(x, pos, &t); t.type != T_END; lex(x, pos, &t)) {
        if (r.have_pub && !strict)
            break;
        if (match_date(&sc, pos, &cur)) {
            cur.kind = pending;
            pending = 0;
            keep(&r, &cur);
            pos = cur.end;
        } else if (match_label(x, pos, &kind, &next)) {
            pending = kind;
            pos = next;
        } else if (strict && !is_filler(&t)) {
            return 0;
        } else {
            pos = t.end;
        }
    }
    if (!r.have_first)
        return 0;
    if (out)
        *out = r.have_pub ? r.pub : r.first;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Public functions                                                    */
/* ------------------------------------------------------------------ */

/* Every form of date above holds a number in ASCII digits: text without
 * one holds no date, and most paragraphs are told so without lexing. */
static int has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (is_digit(s[i]))
            return 1;
    return 0;
}

int date_find(const char *s, size_t len, date_value *out)
{
    text x = { s, len };

    if (!s || !len || !has_digit(s, len))
        return 0;
    return scan_dates(&x, 0, out);
}

enum { LINE_WORDS_MAX = 12 };

int date_is_line(const char *s, size_t len, date_value *out)
{
    text x = { s, len };

    if (!s || !len || !has_digit(s, len) || count_words(&x) > LINE_WORDS_MAX)
        return 0;
    return scan_dates(&x, 1, out);
}

/* Howard Hinnant's days_from_civil, for the years the parser takes. */
static long days_of(long y, long m, long d)
{
    long era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_of(long z, date_value *d)
{
    long era, doe, yoe, y, doy, mp;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d->day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d->month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d->year = (int)(y + (d->month <= 2));
}

long date_days(const date_value *d)
{
    return days_of(d->year, d->month, d->day);
}

long date_minutes(const date_value *d)
{
    return date_days(d) * 1440
           + (d->has_time ? d->hour * 60 + d->minute : 0);
}

void date_to_offset(date_value *d, int tz_minutes)
{
    long m;

    if (!d->has_zone) {
        d->has_zone = 1;
        d->tz_minutes = tz_minutes;
        return;
    }
    m = date_minutes(d) - d->tz_minutes + tz_minutes;
    civil_of(m >= 0 ? m / 1440 : -((-m + 1439) / 1440), d);
    m -= date_days(d) * 1440;
    d->hour = (int)(m / 60);
    d->minute = (int)(m % 60);
    d->tz_minutes = tz_minutes;
}

/* Writes v in decimal, zero-padded to width digits. */
static char *put_int(char *p, int v, int width)
{
    char tmp[12];
    int n = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

    if (v < 0)
        *p++ = '-';
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (; width > n; width--)
        *p++ = '0';
    while (n)
        *p++ = tmp[--n];
    return p;
}

static char *put_pair(char *p, int a, char sep, int b)
{
    p = put_int(p, a, 2);
    *p++ = sep;
    return put_int(p, b, 2);
}

/* "+02:00", "-04:00", "+00:00": always the offset, one fixed width. */
static char *put_zone(char *p, int minutes)
{
    unsigned u = minutes < 0 ? 0u - (unsigned)minutes : (unsigned)minutes;

    *p++ = minutes < 0 ? '-' : '+';
    return put_pair(p, (int)(u / 60), ':', (int)(u % 60));
}

size_t date_format_iso(const date_value *d, char *buf, size_t size)
{
    char tmp[96], *p = tmp;
    size_t n;

    if (!buf || !size)
        return 0;
    buf[0] = '\0';
    if (!d)
        return 0;
    p = put_int(p, d->year, 4);
    *p++ = '-';
    p = put_pair(p, d->month, '-', d->day);
    if (d->has_time) {
        *p++ = 'T';
        p = put_pair(p, d->hour, ':', d->minute);
        *p++ = ':';
        p = put_int(p, d->second, 2);
        if (d->has_zone)
            p = put_zone(p, d->tz_minutes);
    }
    n = (size_t)(p - tmp);
    if (n >= size)
        n = size - 1;
    memcpy(buf, tmp, n);
    buf[n] = '\0';
    return n;
}

/* ------------------------------------------------------------------ */
/* Checking ISO 8601                                                   */
/* ------------------------------------------------------------------ */

/* The number the n digits at s[at] spell, or -1 when they are not n
 * digits. */
static long iso_digits(const char *s, size_t len, size_t at, int n)
{
    long v = 0;

    if (at + (size_t)n > len)
        return -1;
    for (int i = 0; i < n; i++) {
        if (!is_digit((unsigned char)s[at + i]))
            return -1;
        v = v * 10 + (s[at + i] - '0');
    }
    return v;
}

/* "HH:MM" at s[at] within the bounds; its end, or 0. */
static size_t iso_pair(const char *s, size_t len, size_t at, long max1,
                       long max2)
{
    long a = iso_digits(s, len, at, 2), b = iso_digits(s, len, at + 3, 2);

    if (a < 0 || a > max1 || at + 2 >= len || s[at + 2] != ':' || b < 0
        || b > max2)
        return 0;
    return at + 5;
}

/* The clock after the 'T': HH:MM[:SS[.fraction]], then Z or +-HH:MM. */
static int iso_clock_ok(const char *s, size_t len, size_t p)
{
    if (!(p = iso_pair(s, len, p, 23, 59)))
        return 0;
    if (p < len && s[p] == ':') {
        long sec = iso_digits(s, len, p + 1, 2);
        if (sec < 0 || sec > 60)    /* 60: a leap second */
            return 0;
        p += 3;
        if (p < len && (s[p] == '.' || s[p] == ',')) {
            size_t q = ++p;
            while (p < len && is_digit((unsigned char)s[p]))
                p++;
            if (p == q)
                return 0;
        }
    }
    if (p < len && s[p] == 'Z')
        return p + 1 == len;
    if (p < len && (s[p] == '+' || s[p] == '-'))
        return iso_pair(s, len, p + 1, 23, 59) == len;
    return p == len;
}

int date_is_iso(const char *s, size_t len)
{
    static const unsigned char mdays[] = {
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    };
    long y = iso_digits(s, len, 0, 4), m = iso_digits(s, len, 5, 2);
    long d = iso_digits(s, len, 8, 2);

    if (y < 1 || m < 1 || m > 12 || d < 1 || s[4] != '-' || s[7] != '-'
        || d > mdays[m - 1] + (m == 2 && is_leap(y)))
        return 0;
    if (len == 10)
        return 1;
    return s[10] == 'T' && iso_clock_ok(s, len, 11);
}
