/*
 * quotes.h - the parts of the quotes plug-in shared between its files.
 *
 * The plug-in runs in three steps over one article:
 *   spans.c     finds the quoted stretches from the quotation marks
 *               (pairs, nesting, multi-paragraph quotes, unclosed ones,
 *               CJK corner brackets);
 *   items.c     reads a paragraph as words, punctuation and quotes, and
 *               finds the speaker phrase next to a cue (items.h); it also
 *               reads the article's words once, to tell how each is
 *               written (small, capitalised inside a sentence), which is
 *               what shows a name where no word list covers the language;
 *   speakers.c  gives every quote its cue (cues.c) and the speaker it
 *               names, and resolves pronouns, surnames and role nouns to
 *               people named earlier (mentions.c holds the name phrases,
 *               gender.c the genders the article's pronouns show,
 *               kinds.c tells people from organisations, dialogue.c
 *               follows exchanges and transcripts);
 *   quotes.c    the stage: options, paragraphs, transcript labels,
 *               filtering scare quotes and titles, and handing the
 *               results to the host.
 * lexicon.c holds the word lists.  Everything here lives for one run()
 * call; nothing is kept between articles, so the stage is reentrant.
 */
#ifndef QUOTES_H
#define QUOTES_H

#include <precis/plugin.h>
#include <precis/util.h>
#include <stddef.h>
#include <stdint.h>

/* ---- Paragraphs ------------------------------------------------------ */

typedef struct quotes_para {
    size_t start, end;          /* bytes of the article text */
    int kind;                   /* precis_kind */
    int use;                    /* 0: skipped (boilerplate, credit, …) */
    /* A transcript turn ("WALLACE: Let's start …", "Q: Why?"): the label
     * and where its words begin; body 0 when the paragraph is none. */
    size_t label_start, label_end, body;
} quotes_para;

/* The article as the plug-in reads it; everything borrowed. */
typedef struct quotes_doc {
    const char *text;
    size_t len;
    const quotes_para *paras;
    size_t npara;
    int german;                 /* lang de: compound titles (Bundeskanzlerin) */
    int english;                /* lang en, or not known: "a" is an article,
                                 * never the auxiliary of "a déclaré" */
    int listed;                 /* lexicon.c lists the words that open this
                                 * language's sentences (en es pt fr de);
                                 * else a capital there proves nothing */
} quotes_doc;

/* Marks the paragraphs of a transcript: labelled turns ("PENCE: …",
 * "Q: …", "A: …"), when at least two paragraphs carry labels and at least
 * two labels differ (one "CORRECTION:" makes no transcript). */
void quotes_find_labels(const char *t, quotes_para *paras, size_t n);

/* ---- Quote spans ----------------------------------------------------- */

enum {
    QF_DOUBLE = 1,              /* " “ ” „ ‟ */
    QF_GUILLEMET,               /* « » */
    QF_SINGLE,                  /* ' ‘ ’ ‚ */
    QF_SINGLE_GUILLEMET,        /* ‹ › */
    QF_CORNER,                  /* 「 」 (Japanese, Chinese) */
    QF_WHITE_CORNER,            /* 『 』: quotes inside 「 」 */
    QF_NONE                     /* a block quote paragraph without marks */
};

typedef struct quotes_span {
    size_t open, open_end;      /* the opening mark */
    size_t close, close_end;    /* the closing mark; an empty one where no
                                 * mark ends the quote (unclosed, or cut by
                                 * the narrator's "—dijo X—") */
    size_t start, end;          /* the quoted words, trimmed */
    size_t para, last_para;     /* paragraphs of open and of the end */
    int family;                 /* QF_* */
    int kind;                   /* PRECIS_QUOTE_* */
    unsigned flags;             /* PRECIS_QUOTE_UNCLOSED */
    int clause_start;           /* the quote opens a clause */
    int words;                  /* words inside, counted only as far as
                                 * any rule looks (quotes_count_cap) */
    /* Attribution, filled by speakers.c. */
    size_t spk_start, spk_end;  /* speaker as written (equal: none) */
    size_t cue_start, cue_end;
    const char *speaker;        /* resolved name, scratch memory, or NULL */
    int spk_kind;               /* PRECIS_SPEAKER_* */
    int own_cue;                /* the cue is in this quote's sentence */
    int tight;                  /* cue right next to the quote */
    int inherited;              /* speaker carried over from a quote before */
    int reply;                  /* its cue is a reply verb (answered) */
} quotes_span;

/* A growable array of spans; malloc'd, freed by quotes_spans_free(). */
typedef struct quotes_spans {
    quotes_span *v;
    size_t n, cap;
} quotes_spans;

enum { QSINGLE_AUTO = 0, QSINGLE_ON, QSINGLE_OFF };

typedef struct quotes_opts {
    int single_quotes;          /* QSINGLE_* */
    int min_words;              /* shorter partial quotes need a cue */
    int multi_paragraph;        /* join “… / “…” paragraph runs */
    int resolve;                /* resolve pronouns, roles and surnames */
    int lookback;               /* paragraphs searched for antecedents */
} quotes_opts;

/* Finds the quote spans of the usable paragraphs of text, in text order.
 * Returns PRECIS_OK or PRECIS_ENOMEM. */
int quotes_find_spans(const quotes_doc *d, const quotes_opts *o,
                      quotes_spans *out);
void quotes_spans_free(quotes_spans *s);

/* How far quote words are counted when a span is found: past the
 * thresholds most rules use (rules needing more count again). */
static inline int quotes_count_cap(const quotes_opts *o)
{
    return o->min_words > 8 ? o->min_words : 8;
}

/* Counts words in t[a, b), runs of letters and digits, up to cap + 1. */
int quotes_count_words(const char *t, size_t a, size_t b, int cap);

/* The code point at s[i] and its length in bytes (precis/util.h's
 * decoder, as the plug-in's other callers use it). */
static inline uint32_t quotes_utf8(const char *s, size_t n, size_t i,
                                   size_t *len)
{
    size_t j = i;
    uint32_t c = precis_utf8_next(s, n, &j);
    *len = j - i;
    return c;
}

/* The code point that ends just before s[i] (i > 0) and its length. */
static inline uint32_t quotes_utf8_back(const char *s, size_t i, size_t *len)
{
    size_t j = i;
    uint32_t c = precis_utf8_prev(s, &j);
    *len = i - j;
    return c;
}

/* 1 when c is a letter written in upper case (Latin, Greek, Cyrillic). */
int quotes_is_upper(uint32_t c);
/* c in small letters, for the capitals quotes_is_upper knows; else c. */
uint32_t quotes_to_lower(uint32_t c);
/* 1 for a Han character or kana: scripts written without spaces. */
int quotes_is_cjk(uint32_t c);
/* 1 for a letter or digit of any script (roughly: not punctuation, space
 * or a symbol). */
int quotes_is_wordchar(uint32_t c);

/* ---- Attribution ----------------------------------------------------- */

/* Finds the cue and speaker of every span and resolves the speakers.
 * scratch allocates memory that lives until run() returns.  Returns
 * PRECIS_OK or PRECIS_ENOMEM. */
typedef void *(*quotes_alloc_fn)(void *ud, size_t size);
int quotes_attribute(const quotes_doc *d, quotes_spans *spans,
                     const quotes_opts *o, quotes_alloc_fn alloc,
                     void *alloc_ud);

/* Then the speakers of the quotes still without one in Japanese and
 * Korean, where names have no capitals (speakers_cjk.c).  Returns
 * PRECIS_OK or PRECIS_ENOMEM. */
int quotes_attribute_cjk(const quotes_doc *d, quotes_spans *spans,
                         quotes_alloc_fn alloc, void *alloc_ud);

/* ---- Lexicon ---------------------------------------------------------- */

enum {
    QL_CUE = 1u << 0,           /* a speech verb: said, dijo, disse */
    QL_CUE_WEAK = 1u << 1,      /* counts for partial quotes: thanked */
    QL_ACCORDING = 1u << 2,     /* según, segundo, selon (+ "according") */
    QL_PRONOUN = 1u << 3,       /* he, she, él, ela … */
    QL_MALE = 1u << 4,
    QL_FEMALE = 1u << 5,
    QL_DET = 1u << 6,           /* the, a, el, la, o, os … */
    QL_ROLE = 1u << 7,          /* president, minister, spokesman … */
    QL_GENERIC = 1u << 8,       /* official, leader: any titled person */
    QL_HONORIFIC = 1u << 9,     /* mr, mrs, dr, sr … */
    QL_ORG = 1u << 10,          /* council, party, ministry … */
    QL_FUNC = 1u << 11,         /* function words that open sentences */
    QL_PARTICLE = 1u << 12,     /* de, da, van, von inside names */
    QL_TIME = 1u << 13,         /* monday, yesterday, hoy, ontem */
    QL_ADV = 1u << 14,          /* also, later, then, has, had … */
    QL_REL = 1u << 15,          /* who, que, quien */
    QL_SCARE = 1u << 16,        /* so-called, dubbed, llamado … */
    QL_WORK = 1u << 17,         /* film, book, song, titled … */
    QL_MINOR = 1u << 18,        /* small words of titles: of, the, and */
    QL_PREP = 1u << 19,         /* of, for, in, at, de … */
    QL_GROUP = 1u << 20,        /* officials, police, analysts */
    QL_STOP = 1u << 21,         /* words that end a name phrase */
    QL_ABBR = 1u << 22,         /* keeps its period: mr, sen, u.s */
    QL_PLACE = 1u << 23,        /* in, at, from: before a place name */
    QL_OFFICE = 1u << 24,       /* president, minister: one holder each */
    QL_INTRO = 1u << 25,        /* when, while, despite: open a clause
                                 * before the subject */
    QL_SPOKES = 1u << 26,       /* spokesman, representative: speaks for
                                 * an organisation */
    QL_REPLY = 1u << 27         /* replied, retorted: the turn passes */
};

/* The classes of a lower-cased word (0 when unknown). */
uint32_t quotes_lex(const char *low, size_t n);
/* The classes of a word as written in the text, in any case (ASCII and
 * Latin-1 capitals are folded). */
uint32_t quotes_lex_text(const char *word, size_t n);
/* The full word for a title written short ("sen" -> "senator"), or NULL
 * (both lower-case). */
const char *quotes_title_word(const char *low, size_t n);
/* 0 when the word is certainly no speech verb (a quick filter). */
int quotes_maybe_cue(const char *word, size_t n);
/* Builds the lookup table; called once from init() (not thread-safe). */
int quotes_lex_init(void);

#endif /* QUOTES_H */
