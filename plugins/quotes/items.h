/*
 * items.h - a paragraph read as items (words, punctuation, quotes), the
 * state of one attribution run, and the small predicates the rules are
 * written with.  Shared by items.c (reading, speaker phrases) and
 * speakers.c (people, resolution, cues); the predicates are static inline
 * because they run for every word.
 */
#ifndef QUOTES_ITEMS_H
#define QUOTES_ITEMS_H

#include "quotes.h"

#include <stdlib.h>
#include <string.h>

enum { IT_WORD = 1, IT_PUNCT, IT_QUOTE };
enum { LOW_MAX = 32, TITLE_MAX = 160 };

typedef struct item {
    size_t start, end;          /* bytes; a word ends before its 's */
    uint32_t lex;               /* IT_WORD: classes, once looked up */
    uint32_t ch;                /* IT_PUNCT: the character (dashes: '-') */
    long span;                  /* IT_QUOTE: index of the span */
    size_t len;                 /* IT_WORD: bytes of the word proper */
    int type;
    int cap;                    /* begins with a capital letter */
    int poss;                   /* followed by 's or ’s */
    int abbr;                   /* ends with its period: Mr. Sen. U.S. */
    int lex_done;
} item;

/* A name phrase: "Venezuelan President | Nicolas Maduro". */
typedef struct mention {
    size_t start, end;          /* the name */
    size_t first_end;           /* end of its first word */
    size_t last_start;          /* start of its last word */
    int ntok;
    int person;                 /* titled, honorific, or a two-word name */
    int subject;                /* the first name phrase of its sentence */
    int opening;                /* its first word opens the sentence, so
                                 * its capital proves nothing */
    int thing;                  /* a lone word after "in" or "the": no
                                 * person's name */
    int oblique;                /* "Davis'in": a case ending, no subject */
    int gender;                 /* 0 unknown, 1 male, 2 female */
    size_t tlen;
    char title[TITLE_MAX];      /* lower-cased words: "venezuelan president" */
} mention;

/* Someone who spoke at pos: of a quote, or the subject of a speech verb. */
typedef struct speaker {
    size_t pos;
    size_t cue_end;             /* speech verbs: the end of the verb */
    const char *name;           /* resolved (scratch memory), or NULL when
                                 * no name is known ("a spokesman said") */
    int gender;
    int kind;                   /* PRECIS_SPEAKER_*, once resolved */
    int plural;                 /* officials, they: never he or she */
    int resolved;               /* name is final; else resolve items
                                 * [a, b] of paragraph para when asked */
    long a, b;
    size_t para;
} speaker;

typedef struct name_memo {      /* a surname looked up before */
    size_t wa, wb;              /* the word (one occurrence of it) */
    int first;                  /* looked up as a first name */
    size_t upto;                /* mentions before this were searched */
    const char *name;           /* the nearest full name found, or NULL */
    int ambiguous;              /* two people have this word in their name */
    size_t at;                  /* where that name was */
    int gender;
} name_memo;

/* What is known of one paragraph; each part is made once, when needed. */
typedef struct qpara {
    item *it;                   /* items, once scanned; never moved after */
    long n;
    int scanned;
    mention *men;               /* name phrases, once read */
    size_t nmen, capmen;
    int mentioned;
    speaker *ev;                /* subjects of speech verbs outside quotes */
    size_t nev, capev;
    int evented;
    speaker *qs;                /* speakers of its quotes, in order */
    size_t nqs, capqs;
    long last_span;             /* its last quote, or -1 */
    int span_ends;              /* nothing but that quote's cue follows */
} qpara;

typedef struct known {          /* a gender learned from he/she */
    const char *name;
    int gender;
} known;

typedef struct gvote {          /* pronouns that point at one person */
    const char *name;
    int male, female;
} gvote;

typedef struct turn {           /* a paragraph of an exchange */
    size_t para;
    long span;                  /* its last quote */
    int question;               /* that quote asks */
    int reply;                  /* its cue is a reply verb */
} turn;

/* A word of the article: where it is first written, and how it is
 * written anywhere (items.c, WS_*). */
typedef struct word_seen {
    size_t at;
    uint32_t len;               /* 0: an empty slot */
    uint32_t flags;
} word_seen;

typedef struct qstate {
    const char *t;
    size_t len;
    int german;                 /* compound titles: Bundeskanzlerin */
    int english;                /* quotes_doc.english */
    int listed;                 /* quotes_doc.listed */
    const quotes_para *paras;
    size_t npara;
    quotes_spans *spans;
    const quotes_opts *o;
    quotes_alloc_fn alloc;
    void *alloc_ud;
    qpara *pp;                  /* one per paragraph */
    known *known;
    size_t nknown, capknown;
    name_memo *memo;
    size_t nmemo, capmemo;
    word_seen *seen;            /* the article's words, read once (items.c) */
    size_t capseen;
    int seen_failed;
    turn turns[2];              /* dialogue.c: the last two, newest first */
    int nturns;
    const char *exclude;        /* a reply: not this speaker */
    PRECIS_VEC(gvote) votes;    /* gender.c, once asked */
    int voted;
    /* The view: the paragraph whose items the predicates read. */
    size_t para;
    item *it;
    long n;
} qstate;

/* A speaker phrase: items [a, b], its cue [cue_a, cue_b]. */
typedef struct np {
    long a, b;
    long cue_a, cue_b;
    int according;
    int zero;                   /* "”, dijo.": no subject written; [a, b]
                                 * is the verb */
} np;

/* Room for one more element in a malloc'd array (n used of cap):
 * 0, or PRECIS_ENOMEM with the array unchanged. */
#define GROW(arr, n, cap)                                                   \
    ((n) < (cap) ? 0 : quotes_grow((void **)&(arr), &(cap), sizeof *(arr)))

static inline int quotes_grow(void **p, size_t *cap, size_t size)
{
    size_t nc = *cap ? 2 * *cap : 16;
    void *v = realloc(*p, nc * size);
    if (!v)
        return PRECIS_ENOMEM;
    *p = v;
    *cap = nc;
    return 0;
}

/* ---- items.c ----------------------------------------------------------- */

/* Reads paragraph p into items (once); leaves the view where it was. */
int quotes_scan(qstate *s, size_t p);
/* Points the predicates at paragraph p (scanned). */
void quotes_view(qstate *s, size_t p);

/* Reads paragraph p once (*done set), by read(s, &s->pp[p]) with the
 * view on p; the view is left as it was.  What the paragraph's lazy
 * readings (names, speech verbs) share. */
int quotes_read_once(qstate *s, size_t p, int *done,
                     int (*read)(qstate *s, qpara *pp));

/* A NUL-terminated copy of the article's text [a, b), in the memory of
 * the stage's call (s->alloc); NULL when that is exhausted. */
const char *quotes_copy(qstate *s, size_t a, size_t b);

/* Speaker phrases around a cue at item c: the phrase before it, within
 * [lo, c); the phrase starting at item i, within [i, hi). */
int quotes_np_back(qstate *s, long c, long lo, np *out, int depth);
int quotes_np_forward(qstate *s, long i, long hi, np *out);
/* The first phrase of [lo, hi) (after an introductory phrase and its
 * comma): the sentence's subject; with need_comma only when a comma
 * follows it ("Geoff Garin, a Democratic pollster, said"). */
int quotes_np_first(qstate *s, long lo, long hi, np *out, int need_comma);
/* "according to", "de acordo com", según: the item after the cue, or 0. */
long quotes_according(qstate *s, long i, long *cue_end);
/* Word i's lower-cased bytes into buf (LOW_MAX bytes, NUL-terminated). */
size_t quotes_lower(qstate *s, long i, char *buf);
/* Word i is w (given in lower case), in any case. */
int quotes_word_is(qstate *s, long i, const char *w);
/* Word i names a person by its shape: neurosurgeon, candidate. */
int quotes_person_noun(qstate *s, long i);

/* ---- cues.c -------------------------------------------------------------- */

/* The cue after the quote at item k (items in view), up to the end of
 * its sentence, with its speaker phrase: 1, or 0 when there is none.
 * partial: weak cues (called, described) count too. */
int quotes_cue_after(qstate *s, long k, int partial, np *out);
/* The cue before the quote at item k, in its sentence, nearest first. */
int quotes_cue_before(qstate *s, long k, int partial, np *out);
/* The first sentence of the paragraph in view is nothing but an
 * attribution ("said Jane Smith, a Democrat.", "— Jane Smith"). */
int quotes_attribution_only(qstate *s, np *x);

/* ---- mentions.c ---------------------------------------------------------- */

/* The title words of a mention hold a role (president, senator …). */
int quotes_title_has_role(const mention *m);
/* The title holds w, or a word sharing its first `pre` letters with it:
 * "president" ~ "presidente", "russian" ~ "russia". */
int quotes_title_match(const mention *m, const char *w, size_t n,
                       size_t pre);
/* The name inside a capitalized run [a, b] (items in view), after the
 * last title word: its first item, or b + 1 when the run is all title. */
long quotes_name_start(qstate *s, long a, long b);

/* Word i is a title: listed, or a German compound ending in one
 * (Bundeskanzlerin, FDP-Politiker) (mentions.c). */
int quotes_role_word(qstate *s, long i);

/* The article writes text[a, b) (one word, with a capital) with a small
 * letter first somewhere: "fyra" for "Fyra" (items.c). */
int quotes_written_small(qstate *s, size_t a, size_t b);

/* The article writes text[a, b) inside a sentence somewhere, where its
 * capital shows a name. */
int quotes_capital_inside(qstate *s, size_t a, size_t b);

/* The article writes text[a, b) as the last word of a name somewhere:
 * after a capitalised word that is no article or preposition ("Nancy
 * Pelosi", not "Eine Person", "Im Refrain"). */
int quotes_in_full_name(qstate *s, size_t a, size_t b);

/* Item i ends in a case ending after an apostrophe ("Davis'in"). */
int quotes_inflected_name(const qstate *s, long i);
/* A sentence ends at item i: a full stop, or a quote that ends with one. */
int quotes_sentence_break(qstate *s, long i);
/* The name phrases of paragraph p, read once; the view is kept. */
int quotes_mentions_of(qstate *s, size_t p);

/* ---- speakers.c ---------------------------------------------------------- */

/* A mention's name, a lone surname completed to the full name before. */
const char *quotes_mention_name(qstate *s, const mention *m, size_t p,
                                int *gender);

/* ---- kinds.c, gender.c --------------------------------------------------- */

/* What the speaker phrase [a, b] (items in view) names: PRECIS_SPEAKER_*.
 * *name is the resolved speaker; an organisation that speaks through
 * someone unnamed ("a spokesman for the State Department") becomes it
 * when no person was resolved.  Returns PRECIS_OK or PRECIS_ENOMEM. */
int quotes_speaker_kind(qstate *s, long a, long b, const char **name,
                        int *kind);
/* The gender (1 male, 2 female, 0 unknown) the article's pronouns give
 * the person called name. */
int quotes_article_gender(qstate *s, const char *name);

/* ---- dialogue.c ---------------------------------------------------------- */

/* Notes paragraph p, just attributed, as a turn when it holds a quote. */
void quotes_turn_note(qstate *s, size_t p);
/* Quote q, without a cue, opening paragraph p in an exchange: the quote
 * whose speaker's turn it is, or NULL when p continues no exchange. */
const quotes_span *quotes_turn_answer(qstate *s, size_t p,
                                      const quotes_span *q);
/* The speaker a reply in paragraph p answers: of the quote before it in
 * p (prev_span), else of the turn right before p; NULL when none. */
const char *quotes_turn_answered(qstate *s, size_t p, long prev_span);

/* The speaker of a transcript turn, paragraph p (labelled): written into
 * q with the label as the speaker phrase.  "Q" is the interviewer
 * (unnamed); "A" the last person named before the transcript; another
 * label the person named before whose surname it is ("WALLACE": Chris
 * Wallace).  Returns PRECIS_OK or PRECIS_ENOMEM. */
int quotes_label_speaker(qstate *s, size_t p, quotes_span *q);

/* ---- Predicates ---------------------------------------------------------- */

static inline int is_word(const qstate *s, long i)
{
    return i >= 0 && i < s->n && s->it[i].type == IT_WORD;
}

static inline int is_punct(const qstate *s, long i, uint32_t c)
{
    return i >= 0 && i < s->n && s->it[i].type == IT_PUNCT
           && s->it[i].ch == c;
}

/* The lexicon classes of word i, looked up on first use. */
static inline uint32_t wlex(qstate *s, long i)
{
    if (!is_word(s, i))
        return 0;
    item *x = &s->it[i];
    if (!x->lex_done) {
        x->lex = quotes_lex_text(s->t + x->start, x->len);
        x->lex_done = 1;
    }
    return x->lex;
}

static inline int lex(qstate *s, long i, uint32_t mask)
{
    return (wlex(s, i) & mask) != 0;
}

static inline int ends_sentence(const qstate *s, long i)
{
    if (i < 0 || i >= s->n)
        return 1;
    const item *x = &s->it[i];
    return x->type == IT_PUNCT && (x->ch == '.' || x->ch == '!'
                                   || x->ch == '?' || x->ch == 0x2026);
}

/* A capital that is part of a name: not a sentence-opening function
 * word, a pronoun or a cue that opens its clause. */
static inline int name_word(qstate *s, long i)
{
    if (!is_word(s, i) || !s->it[i].cap
        || lex(s, i, QL_FUNC | QL_TIME | QL_PRONOUN | QL_ACCORDING | QL_DET
                         | QL_REL))
        return 0;
    /* A capitalized speech verb inside a sentence is a name: "the State
     * Department", "Will Estrada". */
    return !lex(s, i, QL_CUE) || (i > 0 && s->it[i - 1].type == IT_WORD
                                  && !ends_sentence(s, i - 1));
}

/* A personal pronoun: in lower case, or opening its sentence ("Il Sole"
 * is a newspaper, "He said" is not). */
static inline int pronoun(qstate *s, long i)
{
    if (!lex(s, i, QL_PRONOUN))
        return 0;
    if (s->it[i].len == 1)
        return 1;               /* I */
    return !s->it[i].cap || i == 0 || s->it[i - 1].type != IT_WORD
           || ends_sentence(s, i - 1);
}

/* also, later, has, reportedly: words between a speaker and the verb. */
static inline int adverb(qstate *s, long i)
{
    if (!is_word(s, i) || s->it[i].cap)
        return 0;
    const item *x = &s->it[i];
    uint32_t m = wlex(s, i);
    return (m & QL_ADV)
           || (x->len > 4 && s->t[x->start + x->len - 2] == 'l'
               && s->t[x->start + x->len - 1] == 'y'
               && !(m & (QL_CUE | QL_CUE_WEAK)));
}

/* A speech verb (with weak: or a verb that attributes partial quotes). */
static inline int is_cue(qstate *s, long i, int weak)
{
    if (!is_word(s, i) || !quotes_maybe_cue(s->t + s->it[i].start,
                                            s->it[i].len))
        return 0;
    uint32_t m = QL_CUE | (weak ? QL_CUE_WEAK : 0);
    if (!(wlex(s, i) & m))
        return 0;
    /* "a note", "his reply", "Clinton's remark", "a two-word note": a
     * noun.  Outside English, "a" may be an auxiliary: "a déclaré". */
    if ((lex(s, i - 1, QL_DET) && !lex(s, i - 1, QL_PRONOUN)
         && !(!s->english && lex(s, i - 1, QL_ADV)))
        || (is_word(s, i - 1) && s->it[i - 1].poss))
        return 0;
    if (is_word(s, i - 1) && lex(s, i - 2, QL_DET)
        && memchr(s->t + s->it[i - 1].start, '-', s->it[i - 1].len))
        return 0;
    return !s->it[i].cap || i == 0 || ends_sentence(s, i - 1);
}

#endif /* QUOTES_ITEMS_H */
