/*
 * segment.c - the rule-based sentence segmenter.
 *
 * One pass, left to right, over the bytes.  The main loop skips every byte
 * that cannot matter and stops only at
 *
 *   - a stop (. ! ? or the ellipsis character): the run of stops and the
 *     closing quotes and brackets right after it are read as one unit, and
 *     whether it ends the sentence is decided from the word before it and
 *     the word after it;
 *   - a line break, which ends a sentence only at a blank line or where the
 *     next line starts a list item;
 *   - inside a list item, white space, because the next item may follow on
 *     the same line ("1) eggs 2) milk").
 *
 * The decisions follow the "golden rules" of pragmatic_segmenter.  A stop
 * never ends a sentence before a lower-case word ("Yahoo! in", "co. at").
 * Before any other word ? and ! always end one, and so does a full stop
 * after an ordinary word.  After an abbreviation a full stop is ambiguous:
 * "the U.S. Government" and "in the U.S. How about you?" differ only in
 * the word that follows, so there the sentence ends only before a word
 * that typically opens one (The, He, However, ...: a short list per
 * language).  Titles (Mr., Prof.) never end a sentence, "No." and "p." do
 * not before a number, "etc." behaves like an ordinary word, and a.m./p.m.
 * end one unless the sentence so far is just "At 5 a.m.".
 *
 * Abbreviations are found by binary search in small sorted tables, one per
 * language plus the English one, compared case-sensitively so that
 * "No. 5" and "he said no." stay apart; dotted forms such as "E.U." or
 * "EE.UU." are recognised by shape rather than listed.
 *
 * Nothing is allocated or copied, and all state lives in a struct on the
 * stack, so seg_split() is reentrant.  The text is trusted to be valid
 * UTF-8; only the characters that matter are decoded: typographic quotes,
 * guillemets, bullets, the ellipsis, the inverted ¿ and ¡, no-break spaces,
 * and the case of Latin, Greek and Cyrillic letters.
 */
#include "text/segment.h"

#include <string.h>

#include "text/segment_rules.h"
#include "text/segment_script.h"
#include "text/segment_thai.h"

typedef unsigned char uchar;

/* Character classes; letters are told apart by case only. */
enum cls { C_END, C_LOWER, C_UPPER, C_DIGIT, C_OTHER };

/* A list marker: a bullet, an enumerator ("2.", "b)", "(c)"), or both. */
struct marker {
    uchar bullet;   /* 0, or one of enum bullet */
    uchar kind;     /* 0, '1' for a number, 'a' for a letter */
    uchar style;    /* '.', ')', or ']' for ".)" */
    unsigned value;
};

enum bullet { B_DOT = 1, B_HYPHEN_BULLET, B_WHITE, B_SQUARE, B_DASH };

/* A run of stops and the closing marks after it. */
struct stop {
    size_t dot;     /* first byte of the run */
    size_t end;     /* just past it */
    int strong;     /* holds a ? or !, or a stop after a closing mark */
    size_t dots;    /* full stops in it */
    int ellipsis;   /* holds the ellipsis character */
    int glued;      /* holds a mark that needs no space after it: 。 */
    int closed;     /* closing quotes or brackets follow the stops */
};

/* The word after a stop. */
struct word {
    size_t pos;     /* past white space and opening marks */
    size_t len;     /* bytes of letters from pos */
    int cls;        /* class of the character at pos */
    int inverted;   /* an opening ¿ or ¡ came before it */
    int initial;    /* one letter followed by a stop: "R." in "J. R. R." */
    int caps;       /* two or more letters, all capitals: GMT */
};

struct seg {
    const char *t;
    size_t n;
    const struct rules *r;
    seg_emit_fn emit;
    void *ud;
    int rc;             /* what emit last returned */
    size_t start;       /* first byte of the current sentence */
    struct marker list; /* the marker the current sentence opened with */
    int listing;        /* whether a next item may follow inline */
    size_t para_end;    /* end of the paragraph the scan is in */
    struct seg_thai thai; /* Thai and Lao: the breaks planned */
};

static const struct abbr en_abbr[] = {
    A("A.M", TIME), A("Adm", TITLE), A("Ala", MID), A("Apr", MID),
    A("Ariz", MID), A("Ark", MID), A("Art", NUM), A("Assn", MID),
    A("Aug", MID), A("Ave", MID), A("Blvd", MID), A("Bros", MID),
    A("Calif", MID), A("Capt", TITLE), A("Cdr", TITLE), A("Ch", NUM),
    A("Co", MID), A("Col", TITLE), A("Colo", MID), A("Conn", MID),
    A("Corp", MID), A("Cpl", TITLE), A("Dec", MID), A("Dept", MID),
    A("Dr", TITLE), A("Drs", TITLE), A("Esq", MID), A("Feb", MID),
    A("Fig", NUM), A("Fla", MID), A("Fr", TITLE), A("Ft", TITLE),
    A("Gen", TITLE), A("Gov", TITLE), A("Hon", TITLE), A("Inc", MID),
    A("Insp", TITLE), A("Jan", MID), A("Jr", MID), A("Jul", MID),
    A("Jun", MID), A("Kan", MID), A("Ky", MID), A("Lt", TITLE), A("Ltd", MID),
    A("Maj", TITLE), A("Mar", MID), A("Md", MID), A("Messrs", TITLE),
    A("Mich", MID), A("Minn", MID), A("Mme", TITLE), A("Mo", MID),
    A("Mont", MID), A("Mr", TITLE), A("Mrs", TITLE), A("Ms", TITLE),
    A("Msgr", TITLE), A("Mt", TITLE), A("Neb", MID), A("Nev", MID),
    A("No", NUM), A("Nos", NUM), A("Nov", MID), A("Nr", NUM),
    A("N\xc2\xb0", NUM), A("N\xc2\xba", NUM), A("Oct", MID), A("Okla", MID),
    A("Op", NUM), A("P.M", TIME), A("Pa", MID), A("Penn", MID),
    A("Pres", TITLE), A("Prof", TITLE), A("Rd", MID), A("Rep", TITLE),
    A("Rev", TITLE), A("Sen", TITLE), A("Sep", MID), A("Sept", MID),
    A("Sgt", TITLE), A("Sr", MID), A("St", MID), A("Supt", TITLE),
    A("Tel", NUM), A("Tenn", MID), A("Tex", MID), A("Univ", MID), A("Va", MID),
    A("Vol", NUM), A("Vs", NEVER), A("Vt", MID), A("Wis", MID), A("Wyo", MID),
    A("a.m", TIME), A("al", MID), A("approx", NUM), A("art", NUM),
    A("ave", MID), A("c", NUM), A("ca", NUM), A("cf", NEVER), A("ch", NUM),
    A("co", MID), A("corp", MID), A("dept", MID), A("e.g", NEVER),
    A("est", NUM), A("etc", FINAL), A("ext", NUM), A("fig", NUM),
    A("govt", MID), A("i.e", NEVER), A("inc", MID), A("jr", MID),
    A("ltd", MID), A("mt", TITLE), A("no", NUM), A("nos", NUM),
    A("n\xc2\xb0", NUM), A("n\xc2\xba", NUM), A("op", NUM), A("p", NUM),
    A("p.m", TIME), A("pp", NUM), A("rd", MID), A("sec", NUM), A("sr", MID),
    A("st", MID), A("tel", NUM), A("v", NEVER), A("viz", NEVER), A("vol", NUM),
    A("vs", NEVER),
};

static const struct abbr es_abbr[] = {
    A("Av", TITLE), A("Avda", TITLE), A("C\xc3\xad" "a", MID), A("Dr", TITLE),
    A("Dra", TITLE), A("D\xc3\xb1" "a", TITLE), A("Gral", TITLE),
    A("Ing", TITLE), A("Lic", TITLE), A("Nro", NUM), A("Sr", TITLE),
    A("Sra", TITLE), A("Sras", TITLE), A("Sres", TITLE), A("Srta", TITLE),
    A("Sta", TITLE), A("Sto", TITLE), A("Ud", MID), A("Uds", MID),
    A("Vd", MID), A("Vds", MID), A("aprox", NUM), A("art", NUM),
    A("etc", FINAL), A("nro", NUM), A("n\xc3\xbam", NUM), A("p.ej", NEVER),
    A("p\xc3\xa1g", NUM), A("p\xc3\xa1gs", NUM),
};

static const struct abbr pt_abbr[] = {
    A("Av", TITLE), A("Dr", TITLE), A("Dra", TITLE), A("Exma", TITLE),
    A("Exmo", TITLE), A("Ltda", MID), A("Prof", TITLE), A("Profa", TITLE),
    A("Sr", TITLE), A("Sra", TITLE), A("Srta", TITLE), A("Sta", TITLE),
    A("Sto", TITLE), A("aprox", NUM), A("art", NUM), A("etc", FINAL),
    A("ex", NEVER), A("n", NUM), A("n\xc2\xba", NUM), A("p\xc3\xa1g", NUM),
    A("p\xc3\xa1gs", NUM),
};

static const struct abbr fr_abbr[] = {
    A("Dr", TITLE), A("J.-C", MID), A("MM", TITLE), A("Me", TITLE),
    A("Mgr", TITLE), A("Mlle", TITLE), A("Mlles", TITLE), A("Mme", TITLE),
    A("Mmes", TITLE), A("Pr", TITLE), A("St", TITLE), A("Ste", TITLE),
    A("apr", MID), A("art", NUM), A("av", MID), A("cf", NEVER), A("chap", NUM),
    A("env", NEVER), A("etc", FINAL), A("ex", NEVER), A("p", NUM),
    A("vol", NUM), A("\xc3\xa9" "d", MID),
};

static const struct abbr de_abbr[] = {
    A("Abs", NUM), A("Bd", NUM), A("Dez", MID), A("Dr", TITLE), A("Febr", MID),
    A("Fr", TITLE), A("Frl", TITLE), A("Hr", TITLE), A("Hrn", TITLE),
    A("Jh", MID), A("Mio", MID), A("Mrd", MID), A("Nr", NUM), A("Okt", MID),
    A("Prof", TITLE), A("St", TITLE), A("Str", NUM), A("Tel", NUM),
    A("bzw", NEVER), A("ca", NUM), A("d.h", NEVER), A("etc", FINAL),
    A("evtl", NEVER), A("ggf", NEVER), A("inkl", NEVER),
    A("o.\xc3\xa4", NEVER), A("sog", NEVER), A("u.U", NEVER), A("u.a", NEVER),
    A("usw", FINAL), A("vgl", NEVER), A("z.B", NEVER), A("z.T", NEVER),
    A("zzgl", NEVER),
};

static const struct abbr it_abbr[] = {
    A("Avv", TITLE), A("Dott", TITLE), A("Dr", TITLE), A("Geom", TITLE),
    A("Ing", TITLE), A("Mons", TITLE), A("On", TITLE), A("Prof", TITLE),
    A("Rag", TITLE), A("Sig", TITLE), A("Sigg", TITLE), A("avv", TITLE),
    A("dott", TITLE), A("ecc", FINAL), A("es", NEVER), A("ing", TITLE),
    A("n", NUM), A("nr", NUM), A("pag", NUM), A("pagg", NUM), A("prof", TITLE),
    A("sec", NUM), A("sig", TITLE),
};

static const char *const en_starts[] = {
    "A", "After", "All", "Also", "Although", "An", "And", "Are", "As", "At",
    "Because", "Before", "Both", "But", "By", "Can", "Could", "Did",
    "Do", "Does", "During", "Each", "Even", "Every", "For", "From", "Had",
    "Has", "Have", "He", "Her", "Here", "His", "How", "However", "I", "If",
    "In", "Instead", "Is", "It", "Its", "Many", "Meanwhile", "Most",
    "My", "No", "Now", "On", "Once", "Our", "She", "Should", "Since", "So",
    "Some", "Still", "Such", "That", "The", "Their", "Then", "There",
    "These", "They", "This", "Those", "Though", "Thus", "Today", "Was", "We",
    "Were", "What", "When", "Where", "Which", "While", "Who", "Why", "Will",
    "With", "Would", "Yesterday", "Yet", "You", "Your",
};

static const char *const es_starts[] = {
    "A", "Además", "Al", "Así", "Aunque", "Como", "Cuando", "Cómo",
    "Después", "Dónde", "El", "Ella", "Ellas", "Ellos", "En", "Es", "Esa",
    "Ese", "Eso", "Esta", "Este", "Esto", "Está", "Hay", "Hoy", "La",
    "Las", "Lo", "Los", "Luego", "Mientras", "No", "Nosotros", "Para",
    "Pero", "Por", "Qué", "Se", "Si", "Sin", "Su", "Sus", "Sí", "También",
    "Un", "Una", "Y", "Ya", "Yo", "Él",
};

static const char *const pt_starts[] = {
    "A", "Ao", "As", "Com", "Como", "Depois", "E", "Ela", "Elas", "Ele",
    "Eles", "Em", "Essa", "Esse", "Esta", "Este", "Está", "Eu", "Foi",
    "Hoje", "Há", "Isso", "Isto", "Já", "Mas", "Na", "Nas", "No", "Nos",
    "Não", "Nós", "O", "Os", "Para", "Por", "Porém", "Quando", "Se",
    "Segundo", "Sem", "Seu", "Sua", "Também", "Um", "Uma", "É",
};

static const char *const fr_starts[] = {
    "Au", "Aux", "C", "Ce", "Cela", "Cependant", "Ces", "Cet", "Cette",
    "Dans", "De", "Des", "Du", "Elle", "Elles", "En", "Et", "Il", "Ils",
    "Je", "L", "La", "Le", "Les", "Mais", "Nous", "On", "Or", "Par",
    "Pour", "Puis", "Selon", "Si", "Un", "Une", "Vous",
};

static const char *const de_starts[] = {
    "Aber", "Als", "Am", "Auch", "Auf", "Bei", "Da", "Dabei", "Damit",
    "Dann", "Das", "Dem", "Den", "Der", "Des", "Die", "Dies", "Diese",
    "Dieser", "Dieses", "Doch", "Du", "Ein", "Eine", "Einen", "Er", "Es",
    "Für", "Heute", "Ich", "Ihr", "Im", "In", "Jedoch", "Man", "Mit",
    "Nach", "Nachdem", "Nun", "Seit", "Sie", "So", "Trotzdem", "Um", "Und",
    "Was", "Wenn", "Wie", "Wir", "Zudem", "Zum", "Zur",
};

static const char *const it_starts[] = {
    "A", "Al", "Anche", "Che", "Come", "Con", "Da", "Dal", "Dopo", "E",
    "Egli", "Ella", "Gli", "I", "Il", "In", "Inoltre", "Io", "La", "Le",
    "Lei", "Lo", "Loro", "Lui", "Ma", "Nel", "Nella", "Noi", "Non", "Oggi",
    "Per", "Poi", "Però", "Quando", "Questa", "Questo", "Se", "Secondo",
    "Si", "Su", "Un", "Una", "Uno", "È",
};

/* Words after "a.m." or "p.m." that still belong to the time. */
static const char *const time_words[] = {
    "Central", "Eastern", "Friday", "Greenwich", "Monday", "Mountain",
    "Pacific", "Saturday", "Sunday", "Thursday", "Tuesday", "Wednesday",
};

#define RULES(c, o) \
    { #c, c##_abbr, COUNT(c##_abbr), c##_starts, COUNT(c##_starts), o, 0, 0, \
      0, 0 }

static const struct rules langs[] = {
    RULES(en, 0), RULES(es, 0), RULES(pt, 0),
    RULES(fr, 0), RULES(de, 1), RULES(it, 0),
};

/* ---- characters ---------------------------------------------------- */

static int is3(const char *t, size_t n, size_t i, uchar b1, uchar b2)
{
    return i + 2 < n && (uchar)t[i] == 0xE2 && (uchar)t[i + 1] == b1
           && (uchar)t[i + 2] == b2;
}

static int is2(const char *t, size_t n, size_t i, uchar b1)
{
    return i + 1 < n && (uchar)t[i] == 0xC2 && (uchar)t[i + 1] == b1;
}

/* Bytes of the horizontal white space at i, or 0; no-break spaces count. */
static size_t hspace_at(const char *t, size_t n, size_t i)
{
    uchar c = (uchar)t[i];

    if (c == ' ' || c == '\t' || c == '\v' || c == '\f')
        return 1;
    if (is2(t, n, i, 0xA0))
        return 2;
    return is3(t, n, i, 0x80, 0xAF) ? 3 : 0;
}

static size_t space_at(const char *t, size_t n, size_t i)
{
    return t[i] == '\n' || t[i] == '\r' ? 1 : hspace_at(t, n, i);
}

/* Bytes of the white space that ends just before i, or 0. */
static size_t space_before(const char *t, size_t i)
{
    uchar c = i > 0 ? (uchar)t[i - 1] : 'x';

    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return 1;
    if (c == 0xA0 && i >= 2 && (uchar)t[i - 2] == 0xC2)
        return 2;
    if (c == 0xAF && i >= 3 && (uchar)t[i - 2] == 0x80
        && (uchar)t[i - 3] == 0xE2)
        return 3;
    return 0;
}

static size_t skip_space(const char *t, size_t n, size_t i)
{
    size_t k;

    while (i < n && (k = space_at(t, n, i)) != 0)
        i += k;
    return i;
}

static size_t skip_hspace(const char *t, size_t n, size_t i)
{
    size_t k;

    while (i < n && (k = hspace_at(t, n, i)) != 0)
        i += k;
    return i;
}

/* Opening quotes and brackets, and the inverted ¿ ¡ of Spanish. */
static size_t opener_at(const char *t, size_t n, size_t i)
{
    uchar c = (uchar)t[i];

    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == '{')
        return 1;
    if (is2(t, n, i, 0xAB) || is2(t, n, i, 0xBF) || is2(t, n, i, 0xA1))
        return 2;                                   /* « ¿ ¡ */
    if (is3(t, n, i, 0x80, 0x9C) || is3(t, n, i, 0x80, 0x98)
        || is3(t, n, i, 0x80, 0x9E) || is3(t, n, i, 0x80, 0x9A)
        || is3(t, n, i, 0x80, 0xB9))
        return 3;                                   /* “ ‘ „ ‚ ‹ */
    return seg_script_opener(t, n, i);              /* 「 『 （ */
}

static size_t closer_at(const char *t, size_t n, size_t i)
{
    uchar c = (uchar)t[i];

    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}')
        return 1;
    if (is2(t, n, i, 0xBB))
        return 2;                                   /* » */
    if (is3(t, n, i, 0x80, 0x9D) || is3(t, n, i, 0x80, 0x99)
        || is3(t, n, i, 0x80, 0xBA))
        return 3;                                   /* ” ’ › */
    return seg_script_closer(t, n, i);              /* 」 』 ） */
}

static size_t skip_closers(const char *t, size_t n, size_t i)
{
    size_t k;

    while (i < n && (k = closer_at(t, n, i)) != 0)
        i += k;
    return i;
}

static size_t stop_at(const char *t, size_t n, size_t i)
{
    int glued;

    if (t[i] == '.' || t[i] == '!' || t[i] == '?')
        return 1;
    if (is3(t, n, i, 0x80, 0xA6))
        return 3;                                   /* … */
    return seg_script_stop(t, n, i, &glued);        /* 。 । ؟ */
}

/* A stop of the text's language at i: the ones above, or a Greek ;. */
static size_t lang_stop_at(const struct seg *s, size_t i)
{
    if (s->t[i] == ';')
        return s->r->semicolon;
    return stop_at(s->t, s->n, i);
}

/* Latin Extended-A pairs capitals with small letters, mostly even-odd. */
static int latin_ext_case(unsigned cp)
{
    unsigned odd = cp & 1;

    if (cp == 0x138 || cp == 0x149 || cp == 0x17F)
        return C_LOWER;
    if (cp == 0x178)
        return C_UPPER;
    if ((cp >= 0x139 && cp <= 0x148) || cp >= 0x179)
        return odd ? C_UPPER : C_LOWER;
    return odd ? C_LOWER : C_UPPER;
}

/* Case of a two-byte code point: Latin-1, Latin Extended-A, Greek, Cyrillic. */
static int case_of(unsigned cp)
{
    if (cp >= 0xC0 && cp <= 0xFF) {
        if (cp == 0xD7 || cp == 0xF7)               /* × ÷ */
            return C_OTHER;
        return cp < 0xDF ? C_UPPER : C_LOWER;
    }
    if (cp >= 0x100 && cp <= 0x17F)
        return latin_ext_case(cp);
    if ((cp >= 0x391 && cp <= 0x3A9) || (cp >= 0x400 && cp <= 0x42F))
        return C_UPPER;
    if ((cp >= 0x3AC && cp <= 0x3CE) || (cp >= 0x430 && cp <= 0x45F))
        return C_LOWER;
    return C_OTHER;
}

/* Class of the character at i; *len receives its length in bytes. */
static int class_at(const char *t, size_t n, size_t i, size_t *len)
{
    uchar c = (uchar)t[i];

    *len = 1;
    if (c >= 'a' && c <= 'z')
        return C_LOWER;
    if (c >= 'A' && c <= 'Z')
        return C_UPPER;
    if (c >= '0' && c <= '9')
        return C_DIGIT;
    if (c < 0xC2 || i + 1 >= n)
        return C_OTHER;
    *len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (*len > n - i)
        *len = n - i;
    if (*len != 2)
        return C_OTHER;
    return case_of(((unsigned)(c & 0x1F) << 6) | ((uchar)t[i + 1] & 0x3F));
}

static int is_letter(int cls)
{
    return cls == C_LOWER || cls == C_UPPER;
}

static int is_alnum(uchar c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
           || (c >= '0' && c <= '9');
}

/* ---- word lists ---------------------------------------------------- */

static int in_list(const char *const *list, size_t cnt, const char *s,
                   size_t len)
{
    size_t k;

    for (k = 0; k < cnt; k++)
        if (list[k][0] == s[0] && strncmp(list[k], s, len) == 0
            && list[k][len] == '\0')
            return 1;
    return 0;
}

static int abbr_find(const struct abbr *tab, size_t cnt, const char *s,
                     size_t len)
{
    size_t lo = 0, hi = cnt;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct abbr *a = &tab[mid];
        int d = memcmp(s, a->s, len < a->len ? len : a->len);

        if (d == 0)
            d = (len > a->len) - (len < a->len);
        if (d == 0)
            return a->kind;
        if (d < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return K_NONE;
}

/*
 * The small letter of the capital that starts s, written into low, or 0:
 * Latin, Greek and Cyrillic capitals, whose small letters are as long.
 */
static int lower_first(const char *s, size_t len, char *low)
{
    uchar c = (uchar)s[0];
    unsigned cp;

    memcpy(low, s, len);
    if (c >= 'A' && c <= 'Z') {
        low[0] = (char)(c + 32);
        return len > 1;
    }
    if (len < 2 || c < 0xC2 || c >= 0xE0
        || case_of(cp = ((unsigned)(c & 0x1F) << 6) | ((uchar)s[1] & 0x3F))
               != C_UPPER)
        return 0;
    if (len < 3)
        return 0;                           /* one letter: an initial */
    cp += cp >= 0x100 && cp <= 0x17F ? 1           /* Ś ś: pairs */
          : cp >= 0x400 && cp <= 0x40F ? 0x50      /* Ѐ-Џ */
          : 0x20;                                  /* À-Þ, Α-Ω, А-Я */
    low[0] = (char)(0xC0 | (cp >> 6));
    low[1] = (char)(0x80 | (cp & 0x3F));
    return 1;
}

/*
 * Names and places from English turn up in every language's news.  A
 * title listed in small letters is also one when it opens a sentence:
 * "Ga. Davis", "Św. Jan".
 */
static int abbr_kind(const struct rules *r, const char *s, size_t len)
{
    char low[24];
    int k;

    if (len > sizeof low)
        return K_NONE;
    k = abbr_find(r->abbr, r->nabbr, s, len);
    if (k == K_NONE && r != &langs[0])
        k = abbr_find(langs[0].abbr, langs[0].nabbr, s, len);
    if (k == K_NONE && lower_first(s, len, low)
        && abbr_find(r->abbr, r->nabbr, low, len) == K_TITLE)
        k = K_TITLE;
    return k;
}

static const struct rules *rules_for(const char *lang)
{
    const struct rules *r;
    size_t k;

    if (lang == NULL || lang[0] == '\0' || lang[1] == '\0')
        return &langs[0];
    if (lang[2] != '\0' && lang[2] != '-' && lang[2] != '_')
        return &langs[0];
    for (k = 0; k < COUNT(langs); k++)
        if (lang[0] == langs[k].code[0] && lang[1] == langs[k].code[1])
            return &langs[k];
    r = seg_lang_rules(lang);
    return r ? r : &langs[0];
}

/* ---- the words around a stop ---------------------------------------- */

static void read_letters(const char *t, size_t n, struct word *w)
{
    size_t i = w->pos, len, letters = 0, caps = 0;
    int c;

    while (i < n && is_letter(c = class_at(t, n, i, &len))) {
        letters++;
        caps += c == C_UPPER;
        i += len;
    }
    w->len = i - w->pos;
    w->initial = letters == 1 && i < n && t[i] == '.';
    w->caps = letters >= 2 && caps == letters;
}

/* Reads the word that starts at or after i. */
static void next_word(const char *t, size_t n, size_t i, struct word *w)
{
    size_t k, len;

    memset(w, 0, sizeof *w);
    while (i < n) {
        k = space_at(t, n, i);
        if (k == 0 && (k = opener_at(t, n, i)) == 2 && !is2(t, n, i, 0xAB))
            w->inverted = 1;
        if (k == 0)
            break;
        i += k;
    }
    w->pos = i;
    if (i >= n) {
        w->cls = C_END;
        return;
    }
    w->cls = class_at(t, n, i, &len);
    /* "-called": a hyphen glued to a lower-case word is the rest of a
     * word broken in the source, which no sentence starts with. */
    if (t[i] == '-' && i + 1 < n && class_at(t, n, i + 1, &len) == C_LOWER)
        w->cls = C_LOWER;
    read_letters(t, n, w);
}

static int is_starter(const struct seg *s, const struct word *w)
{
    if (w->inverted)
        return 1;
    if (w->cls != C_UPPER || w->initial)
        return 0;
    return in_list(s->r->starts, s->r->nstarts, s->t + w->pos, w->len);
}

/* Start of the token that ends at e, past any opening marks. */
static size_t token_start(const struct seg *s, size_t e)
{
    size_t a = e, k;

    while (a > s->start && space_before(s->t, a) == 0)
        a--;
    while (a < e && (k = opener_at(s->t, e, a)) != 0)
        a += k;
    return a;
}

/* End of the token before the one that starts at a, or s->start. */
static size_t prev_token_end(const struct seg *s, size_t a)
{
    size_t k;

    while (a > s->start && (k = space_before(s->t, a)) != 0)
        a = a - k < s->start ? s->start : a - k;
    return a;
}

/* Whether the word before a starts with a capital: "Albert I. Jones". */
static int prev_capital(const struct seg *s, size_t a)
{
    size_t e = prev_token_end(s, a), len;

    if (e == s->start)
        return 0;
    return class_at(s->t, e, token_start(s, e), &len) == C_UPPER;
}

/* Whether fewer than three words come before a in this sentence. */
static int few_words_before(const struct seg *s, size_t a)
{
    int words = 0;

    for (a = prev_token_end(s, a); a > s->start; a = prev_token_end(s, a)) {
        if (++words >= 3)
            return 0;
        while (a > s->start && space_before(s->t, a) == 0)
            a--;
    }
    return 1;
}

/* "U.S", "EE.UU", "Ph.D": runs of one or two letters joined by stops. */
static int dotted(const char *t, size_t a, size_t e)
{
    size_t run = 0, dots = 0, len;

    for (; a < e; a += len) {
        if (t[a] == '.') {
            if (run == 0)
                return 0;
            run = 0;
            dots++;
            len = 1;
        } else if (!is_letter(class_at(t, e, a, &len)) || ++run > 2) {
            return 0;
        }
    }
    return dots > 0 && run > 0;
}

static int short_number(const char *t, size_t a, size_t e)
{
    if (e - a > 2)
        return 0;
    for (; a < e; a++)
        if (t[a] < '0' || t[a] > '9')
            return 0;
    return 1;
}

/* Looks [a, e) up, also past an elided article: "L'Avv.", "dell’Ing.". */
static int listed(const struct seg *s, size_t a, size_t e)
{
    int k = abbr_kind(s->r, s->t + a, e - a);
    size_t i;

    if (k != K_NONE)
        return k;
    for (i = e; i > a + 1; i--)
        if (s->t[i - 1] == '\''
            || (i >= a + 3 && is3(s->t, e, i - 3, 0x80, 0x99)))
            return abbr_kind(s->r, s->t + i, e - i);
    return K_NONE;
}

/* A combining mark of the Indic scripts (U+0900-U+0DFF): vowel signs,
 * viramas, nasalisation. */
static int indic_mark(unsigned cp)
{
    unsigned off = cp & 0x7F;

    if (cp < 0x900 || cp > 0xDFF)
        return 0;
    return off <= 0x03 || (off >= 0x3A && off <= 0x4F)
           || (off >= 0x55 && off <= 0x57) || (off >= 0x62 && off <= 0x63);
}

/*
 * One letter of a script without case, with its marks: the initials of
 * Arabic, Tamil or Hindi ("மு. க. ஸ்டாலின்").  No sentence ends in one.
 */
static int caseless_letter(const char *t, size_t a, size_t e)
{
    size_t len;
    unsigned cp = seg_script_cp(t, e, a, &len);

    if (cp < 0x590 || (cp >= 0x2000 && cp <= 0x2BFF)
        || (cp >= 0x3000 && cp <= 0x303F) || cp >= 0xFE00)
        return 0;
    for (a += len; a < e; a += len)
        if (!indic_mark(seg_script_cp(t, e, a, &len)))
            return 0;
    return 1;
}

/* What the token [a, e) before a full stop is. */
static int classify(const struct seg *s, size_t a, size_t e)
{
    size_t len;
    int k, c;

    if (a == e)
        return K_NONE;
    k = listed(s, a, e);
    if (k != K_NONE)
        return k;
    c = class_at(s->t, e, a, &len);
    if (len == e - a && c == C_UPPER)
        return K_INITIAL;
    if (len == e - a && c == C_LOWER)
        return K_MID;
    if (dotted(s->t, a, e))
        return K_MID;
    if (s->r->ordinals && short_number(s->t, a, e))
        return K_MID;
    if (caseless_letter(s->t, a, e))
        return K_INITIAL;
    return K_NONE;
}

/*
 * "He left at 6 p.m. Mr. Smith" ends at the time, but "At 5 a.m. Mr.
 * Smith went" does not: no sentence is just a time, and "6 p.m. Eastern"
 * or "6 p.m. GMT" go on.
 */
static int time_ends(const struct seg *s, size_t a, const struct word *w)
{
    if (w->cls != C_UPPER || w->caps || few_words_before(s, a))
        return 0;
    return !in_list(time_words, COUNT(time_words), s->t + w->pos, w->len);
}

/* Whether the word before a is a number: "w 2016 r." */
static int prev_number(const struct seg *s, size_t a)
{
    size_t e = prev_token_end(s, a), b;

    if (e == s->start)
        return 0;
    b = token_start(s, e);
    for (; b < e; b++)
        if ((s->t[b] < '0' || s->t[b] > '9') && s->t[b] != '.'
            && s->t[b] != ',')
            return 0;
    return 1;
}

/* "you and I. Did you" ends; "Albert I. Jones" and "J. R. R." do not. */
static int initial_ends(const struct seg *s, size_t a, const struct word *w)
{
    return is_starter(s, w) && !prev_capital(s, a);
}

/* Whether a single full stop at dot ends the sentence before w. */
static int period_ends(const struct seg *s, size_t dot, const struct word *w)
{
    size_t a = token_start(s, dot);

    switch (classify(s, a, dot)) {
    case K_TITLE:
    case K_NEVER:
        return 0;
    case K_MID:
        return is_starter(s, w);
    case K_NUM:
        return w->cls != C_DIGIT;
    case K_TIME:
        return time_ends(s, a, w);
    case K_INITIAL:
        return initial_ends(s, a, w);
    case K_UNIT:
        return prev_number(s, a);
    default:                /* K_NONE, K_FINAL */
        return 1;
    }
}

/*
 * "[...]" leaves words out.  Four dots are a full stop and an ellipsis;
 * three trail off inside a quotation ("make more difficult... Turkcell's")
 * as often as they end a sentence, so they end one only before a word
 * that typically opens one.
 */
static int verb_final_before(const struct seg *s, size_t i);

static int ellipsis_ends(const struct seg *s, const struct stop *st,
                         const struct word *w)
{
    size_t d = st->dot;

    if (d > 0 && (s->t[d - 1] == '[' || s->t[d - 1] == '('))
        return 0;
    if (st->dots >= 4 && space_before(s->t, d) == 0)
        return 1;
    /* "맞붙을 예정이다.. 패션과": after a statement's final verb, a run of
     * stops ends the sentence as one stop does */
    if (s->r->verb_final && verb_final_before(s, d))
        return 1;
    return is_starter(s, w);
}

static int stop_ends(const struct seg *s, const struct stop *st,
                     const struct word *w)
{
    if (w->cls == C_END)
        return 1;
    if (w->cls == C_LOWER)
        return 0;
    if (st->strong)
        return 1;
    if (st->ellipsis || st->dots >= 2)
        return ellipsis_ends(s, st, w);
    return period_ends(s, st->dot, w);
}

/* ---- list markers --------------------------------------------------- */

static size_t bullet_at(const char *t, size_t n, size_t i, uchar *id)
{
    static const uchar third[] = { 0, 0xA2, 0x83, 0xA6, 0xAA };
    static const uchar second[] = { 0, 0x80, 0x81, 0x97, 0x96 };
    uchar k;

    if (t[i] == '-' || t[i] == '*') {
        *id = (uchar)t[i];
        return 1;
    }
    for (k = B_DOT; k <= B_SQUARE; k++)
        if (is3(t, n, i, second[k], third[k])) {
            *id = k;                                /* • ⁃ ◦ ▪ */
            return 3;
        }
    if (is3(t, n, i, 0x80, 0x93) || is3(t, n, i, 0x80, 0x94)) {
        *id = B_DASH;                               /* – — */
        return 3;
    }
    return 0;
}

/* Typographic bullets mark items even inline; - * and dashes do not. */
static int inline_bullet(uchar id)
{
    return id >= B_DOT && id <= B_SQUARE;
}

/* Reads the ".)", ")" or "." closing an enumerator; returns its length. */
static size_t enum_style(const char *t, size_t n, size_t j, uchar *style)
{
    if (j + 1 < n && t[j] == '.' && t[j + 1] == ')') {
        *style = ']';
        return 2;
    }
    *style = j < n ? (uchar)t[j] : 0;
    return *style == ')' || *style == '.';
}

/* "1." "12)" "3.)" "a." "b)" "(c)"; a capital only before ")": "A. Smith". */
static size_t enum_at(const char *t, size_t n, size_t i, struct marker *m)
{
    size_t j = i + (t[i] == '('), digits = 0, k;
    unsigned v = 0;

    while (j < n && t[j] >= '0' && t[j] <= '9' && digits++ < 3)
        v = v * 10 + (unsigned)(t[j++] - '0');
    if (digits > 3)
        return 0;
    if (digits == 0 && j < n && is_alnum((uchar)t[j]))
        v = (uchar)t[j++];
    if ((v == 0 && digits == 0) || (k = enum_style(t, n, j, &m->style)) == 0)
        return 0;
    j += k;
    if ((t[i] == '(' && m->style != ')') || j >= n || !space_at(t, n, j))
        return 0;
    if (digits == 0 && m->style == '.' && (v < 'a' || v > 'z'))
        return 0;
    m->kind = digits ? '1' : 'a';
    m->value = v;
    return j - i;
}

/* Length of the list marker at i, or 0. */
static size_t marker_at(const char *t, size_t n, size_t i, struct marker *m)
{
    size_t j = i, k;
    uchar id = 0;

    memset(m, 0, sizeof *m);
    if (i >= n)
        return 0;
    k = bullet_at(t, n, j, &id);
    if (k != 0) {
        j += k;
        if (!inline_bullet(id) && (j >= n || !space_at(t, n, j)))
            return 0;
        m->bullet = id;
        j = skip_hspace(t, n, j);
    }
    k = j < n ? enum_at(t, n, j, m) : 0;
    if (k == 0 && m->bullet == 0)
        return 0;
    return j + k - i;
}

static int next_item(const struct marker *cur, const struct marker *m)
{
    if (inline_bullet(cur->bullet))
        return m->bullet == cur->bullet;
    return m->bullet == cur->bullet && m->kind == cur->kind
           && m->style == cur->style && m->value == cur->value + 1;
}

/* ---- cutting -------------------------------------------------------- */

static void emit_trimmed(struct seg *s, size_t a, size_t e)
{
    size_t k;

    a = skip_space(s->t, e, a);
    while (e > a && (k = space_before(s->t, e)) != 0)
        e -= k;
    if (e > a && s->rc == 0)
        s->rc = s->emit(s->ud, a, e);
}

/*
 * Opens a sentence at the first non-blank byte from i.  Returns where the
 * scan goes on: past a leading list marker, whose "1." ends nothing.
 */
static size_t begin(struct seg *s, size_t i)
{
    size_t k;

    s->start = skip_space(s->t, s->n, i);
    k = marker_at(s->t, s->n, s->start, &s->list);
    s->listing = k != 0 && (inline_bullet(s->list.bullet) || s->list.kind);
    return s->start + k;
}

static size_t cut(struct seg *s, size_t end, size_t next)
{
    emit_trimmed(s, s->start, end);
    return begin(s, next);
}

/* ---- what the scan stops at ---------------------------------------- */

/*
 * A closing quote set off by a space still belongs to the stop: French
 * "fin. »", and the stray "options. " Next" of hand-typed text, where a
 * quote with space on both sides cannot be opening anything.
 */
static size_t detached_quote(const char *t, size_t n, size_t i)
{
    size_t sp = i < n ? hspace_at(t, n, i) : 0, q;

    if (sp == 0 || i + sp >= n)
        return i;
    q = t[i + sp] == '"' ? 1 : is2(t, n, i + sp, 0xBB) ? 2
        : is3(t, n, i + sp, 0x80, 0x9D) ? 3 : 0;
    if (q == 0 || (i + sp + q < n && space_at(t, n, i + sp + q) == 0))
        return i;
    return i + sp + q;
}

/*
 * German, Czech and others close a quotation with “ („so“), Danish and
 * Slovenian with « (»så«): right after a stop and before white space,
 * these opening marks close.  Returns where the closing marks end.
 */
static size_t loose_closer(const char *t, size_t n, size_t i)
{
    size_t q;

    if (i >= n)
        return i;
    q = is3(t, n, i, 0x80, 0x9C) || is3(t, n, i, 0x80, 0x98)
        || is3(t, n, i, 0x80, 0xB9) ? 3 : is2(t, n, i, 0xAB) ? 2 : 0;
    if (q == 0 || (i + q < n && space_at(t, n, i + q) == 0
                   && closer_at(t, n, i + q) == 0))
        return i;
    return skip_closers(t, n, i + q);
}

/* Reads the stops at i and the closing marks after them; ".)." is one. */
static void read_stop(const struct seg *s, size_t i, struct stop *st)
{
    const char *t = s->t;
    size_t n = s->n, k, dots = 0;
    int glued;

    memset(st, 0, sizeof *st);
    st->dot = i;
    for (;;) {
        for (; i < n && (k = lang_stop_at(s, i)) != 0; i += k) {
            if (t[i] == '!' || t[i] == '?' || t[i] == ';')
                st->strong = 1;
            else if (is3(t, n, i, 0x80, 0xA6))
                st->ellipsis = 1;
            else if (k > 1 && seg_script_stop(t, n, i, &glued)) {
                st->strong = 1;
                st->glued |= glued;
            } else
                dots++;
        }
        k = loose_closer(t, n, skip_closers(t, n, i));
        st->closed |= k != i;
        if (k == i || k >= n || lang_stop_at(s, k) == 0)
            break;
        st->strong = 1;
        i = k;
    }
    st->dots = dots;
    st->end = detached_quote(t, n, k);
}

/* Counts the " ." pairs after the dot at i, 3 in ". . . ."; *end: past. */
static size_t dot_pairs(const char *t, size_t n, size_t i, size_t *end)
{
    size_t pairs = 0;

    while (i + 2 < n && t[i + 1] == ' ' && t[i + 2] == '.') {
        i += 2;
        pairs++;
    }
    *end = i + 1;
    return pairs;
}

/*
 * A spaced ellipsis: ". . ." alone leaves words out ("is . . . I
 * didn't"); four dots are a full stop and an ellipsis.  After a word
 * ("compounds. . . . The") the full stop comes first and the ellipsis
 * opens the next sentence; after a space ("period . . . . Next") it is last.
 */
static size_t on_spaced(struct seg *s, size_t i, size_t pairs, size_t end)
{
    struct word w;
    int attached = space_before(s->t, i) == 0 && i > s->start;

    end = skip_closers(s->t, s->n, end);
    next_word(s->t, s->n, end, &w);
    if (w.cls == C_END || w.cls == C_LOWER)
        return end;
    if (attached)
        return cut(s, i + 1, i + 1);
    return pairs >= 3 ? cut(s, end, end) : end;
}

/* Whether the code point at i is one of the kana. */
static int kana_at(const char *t, size_t n, size_t i, int hiragana)
{
    size_t len;
    unsigned cp = seg_script_cp(t, n, i, &len);

    return hiragana ? cp >= 0x3041 && cp <= 0x309F
                    : cp >= 0x30A0 && cp <= 0x30FF;
}

/* Bytes of a quote that opens (1) or closes (-1) an embedded quotation in
 * Chinese or Japanese: 「」 『』 “”. */
static size_t cjk_quote(const char *t, size_t n, size_t i, int *dir)
{
    size_t len;
    unsigned cp = seg_script_cp(t, n, i, &len);

    *dir = cp == 0x300C || cp == 0x300E || cp == 0x201C ? 1
           : cp == 0x300D || cp == 0x300F || cp == 0x201D ? -1 : 0;
    return *dir ? len : 1;
}

/* Longest embedded quotation looked for: longer ones are broken text. */
#define QUOTE_REACH 600

/*
 * Chinese and Japanese embed quotations in the sentence that reports
 * them, and in Japanese a quotation is followed by the particle that ties
 * it to its verb: 「…。…。」と述べた is one sentence.  So a stop inside a
 * quotation that closes within reach ends nothing, nor does a stop whose
 * closing quote runs straight into hiragana.
 */
static int glued_goes_on(const struct seg *s, size_t i,
                         const struct stop *st)
{
    const char *t = s->t;
    size_t n = s->n, a, k, stop = i + QUOTE_REACH < n ? i + QUOTE_REACH : n;
    int depth = 0, dir;

    if (st->closed && st->end < n && kana_at(t, n, st->end, 1))
        return 1;
    /* Only the quotes within reach before the stop count, which keeps a
     * long run of quotations from costing more than linear time. */
    a = i - s->start > QUOTE_REACH ? i - QUOTE_REACH : s->start;
    while (a < i && ((uchar)t[a] & 0xC0) == 0x80)
        a++;
    for (; a < i; a += k) {
        k = cjk_quote(t, i, a, &dir);
        depth += dir;
        if (depth < 0)
            depth = 0;
    }
    if (depth <= 0)
        return 0;
    for (a = st->end; a < stop; a += k) {
        if (t[a] == '\n' && a + 1 < n && t[a + 1] == '\n')
            return 0;
        k = cjk_quote(t, n, a, &dir);
        depth += dir;
        if (depth == 0 || (dir < 0 && a < st->end))
            return 1;
    }
    return 0;
}

/* ---- attributions -------------------------------------------------- */

/*
 * Polish, Russian and their neighbours put the attribution after the
 * quotation's own stop, behind a dash: "…?” — powiedział.".  The dash and
 * the small letter after it say the sentence goes on.  (An attribution
 * after a stop of its own, "…” 그가 말했다.", cannot be told from a short
 * sentence of narrative, "…” Then left.", without knowing the verb, so it
 * is left as a sentence.)
 */

/* Whether the stop's closing marks hold a quote, not only brackets. */
static int quote_closed(const struct seg *s, const struct stop *st)
{
    size_t a, k;

    for (a = st->dot; a < st->end; a += k ? k : 1) {
        k = closer_at(s->t, s->n, a);
        if (k == 0)
            k = opener_at(s->t, s->n, a);   /* closing „so“ */
        if (k != 0 && s->t[a] != ')' && s->t[a] != ']' && s->t[a] != '}'
            && (uchar)s->t[a] != 0xEF)      /* （ ） */
            return 1;
    }
    return 0;
}

/* Whether a dash and a small letter at i go on a quotation's sentence. */
static int dash_attribution(const struct seg *s, const struct stop *st,
                            size_t i)
{
    size_t len;

    if (!is3(s->t, s->n, i, 0x80, 0x93) && !is3(s->t, s->n, i, 0x80, 0x94))
        return 0;
    i = skip_hspace(s->t, s->n, i + 3);
    return i < s->n && class_at(s->t, s->n, i, &len) == C_LOWER
           && quote_closed(s, st);
}

static size_t on_stop(struct seg *s, size_t i)
{
    const char *t = s->t;
    size_t n = s->n, pairs, end;
    struct stop st;
    struct word w;

    if (t[i] == '.' && i + 1 < n && is_alnum((uchar)t[i + 1]))
        return i + 1;                       /* 3.5, example.com, U.S */
    if (t[i] == '.' && (pairs = dot_pairs(t, n, i, &end)) >= 2)
        return on_spaced(s, i, pairs, end);
    read_stop(s, i, &st);
    if (st.end < n && space_at(t, n, st.end) == 0 && !st.glued)
        return st.end;                      /* Jr.'s, mean...see */
    if (s->r->glued && st.glued && glued_goes_on(s, i, &st))
        return st.end;
    next_word(t, n, st.end, &w);
    if (!stop_ends(s, &st, &w) || dash_attribution(s, &st, w.pos))
        return st.end;
    return cut(s, st.end, st.end);
}

/* A blank line always ends a sentence, a line break before an item too. */
static size_t on_break(struct seg *s, size_t i)
{
    const char *t = s->t;
    size_t j = i + 1, k;
    struct marker m;

    if (t[i] == '\r' && j < s->n && t[j] == '\n')
        j++;
    k = skip_hspace(t, s->n, j);
    if (k < s->n && (t[k] == '\n' || t[k] == '\r'))
        return cut(s, i, k);
    if (marker_at(t, s->n, k, &m) != 0)
        return cut(s, i, k);
    return k;
}

/* Whether cp is a Han character or a kana. */
static int cjk_letter(unsigned cp)
{
    return (cp >= 0x3041 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF)
           || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000
                                                  && cp <= 0x3FFFF);
}

/*
 * Chinese and Japanese put no space between words, so a space between
 * two of their letters is a break the writer made: a headline run into
 * its story, a sentence without its full stop.  A space between two
 * katakana words is not: it parts the names of one person.
 */
static int glued_break(const struct seg *s, size_t i)
{
    const char *t = s->t;
    size_t b = i, e = skip_hspace(t, s->n, i), len;
    unsigned prev, next;
    int dir;

    if (b <= s->start || e >= s->n)
        return 0;
    do
        b--;
    while (b > s->start && ((uchar)t[b] & 0xC0) == 0x80);
    prev = seg_script_cp(t, s->n, b, &len);
    next = seg_script_cp(t, s->n, e, &len);
    if (!cjk_letter(prev) || (!cjk_letter(next) && !(cjk_quote(t, s->n, e,
                                                              &dir)
                                                     && dir > 0)))
        return 0;
    return !(kana_at(t, s->n, b, 0) && kana_at(t, s->n, e, 0));
}

/*
 * Korean ends a statement with a verb in "-다": "했다" (past), "한다"
 * (present), "받다" (a headline's plain form): after a syllable with a
 * final consonant, "다" is a verb's ending.  After an open syllable it is
 * one in "하다", "이다" and "-니다" (polite) only; "보다" (than), "마다"
 * (each), "둘 다" (both) and "-려다" (about to) go on.  A space after
 * such a verb, then a Hangul syllable, is a sentence's end without its
 * full stop: most often a headline run into the story below it.
 */
static int hangul(unsigned cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

/* The word that ends at byte i ends in such a verb. */
static int verb_final_before(const struct seg *s, size_t i)
{
    const char *t = s->t;
    size_t b, a, len;
    unsigned last, prev;

    if (i < s->start + 6)
        return 0;
    b = i - 3;          /* every Hangul syllable takes three bytes */
    last = seg_script_cp(t, s->n, b, &len);
    if (last != 0xB2E4 /* 다 */ || b < s->start + 3)
        return 0;
    a = b - 3;
    prev = seg_script_cp(t, s->n, a, &len);
    if (!hangul(prev))
        return 0;
    return prev == 0xD558 /* 하 */ || prev == 0xC774 /* 이 */
           || prev == 0xB2C8 /* 니 */
           || (prev - 0xAC00) % 28 != 0; /* a final consonant */
}

static int verb_final_break(const struct seg *s, size_t i)
{
    size_t e = skip_hspace(s->t, s->n, i), len;

    if (i <= s->start || e >= s->n)
        return 0;
    return hangul(seg_script_cp(s->t, s->n, e, &len))
           && verb_final_before(s, i);
}

/* End of the paragraph (the next blank line) that holds i; remembered. */
static size_t para_end(struct seg *s, size_t i)
{
    size_t e;

    if (s->para_end > i)
        return s->para_end;
    for (e = i; e < s->n; e++)
        if (s->t[e] == '\n' && skip_hspace(s->t, s->n, e + 1) < s->n
            && s->t[skip_hspace(s->t, s->n, e + 1)] == '\n')
            break;
    s->para_end = e;
    return e;
}

/* Inside a list item, "1) eggs 2) milk" holds two items. */
static size_t on_list_space(struct seg *s, size_t i)
{
    struct marker m;

    if (s->r->glued && glued_break(s, i))
        return cut(s, i, i + 1);
    if (s->r->verb_final && verb_final_break(s, i))
        return cut(s, i, i + 1);
    if (s->r->spaced && seg_thai_break(&s->thai, s->t, s->start, i,
                                       para_end(s, i)))
        return cut(s, i, i + 1);
    if (!s->listing)
        return i + 1;
    if (marker_at(s->t, s->n, i + 1, &m) != 0 && next_item(&s->list, &m))
        return cut(s, i, i + 1);
    return i + 1;
}

/*
 * Bytes the scan must look at: 1 always, 2 inside a list item, 4 in Greek.
 * The lead bytes are those of the stops segment_script.c knows: ։ ؟ ۔
 * । ። ။ ។ 。 ！ ？ and the Greek question mark.
 */
static const uchar interesting[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 1, ['\r'] = 1, [0xE2] = 1,
    [0xCD] = 1, [0xD6] = 1, [0xD8] = 1, [0xDB] = 1, [0xE0] = 1, [0xE1] = 1,
    [0xE3] = 1, [0xEF] = 1,
    [' '] = 2, ['\t'] = 2, [';'] = 4,
};

static size_t step(struct seg *s, size_t i)
{
    switch (s->t[i]) {
    case '\n':
    case '\r':
        return on_break(s, i);
    case ' ':
    case '\t':
        return on_list_space(s, i);
    case '.':
    case '!':
    case '?':
        return on_stop(s, i);
    default:
        return lang_stop_at(s, i) ? on_stop(s, i) : i + 1;
    }
}

int seg_split(const char *text, size_t len, const char *lang,
              seg_emit_fn emit, void *ud)
{
    struct seg s;
    size_t i;
    uchar mask;

    if (text == NULL || len == 0 || emit == NULL)
        return 0;
    memset(&s, 0, sizeof s);
    s.t = text;
    s.n = len;
    s.r = rules_for(lang);
    s.emit = emit;
    s.ud = ud;
    i = begin(&s, 0);
    while (i < len && s.rc == 0) {
        mask = (s.listing || s.r->glued || s.r->spaced || s.r->verb_final
                ? 3 : 1)
               | (s.r->semicolon ? 4 : 0);
        while (i < len && (interesting[(uchar)text[i]] & mask) == 0)
            i++;
        if (i < len)
            i = step(&s, i);
    }
    emit_trimmed(&s, s.start, len);
    seg_thai_free(&s.thai);
    return s.rc;
}
